// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt flag of a PV vCPU: event delivery, controlled through
 * the vCPU's vcpu_info (evtchn_upcall_mask), since a PV kernel runs
 * outside ring 0 and cannot use cli/sti.  These are the pv_ops.irq
 * hooks that X86_FEATURE_XENPV keeps in place of the native instructions.
 *
 * Unmasking does not by itself deliver what arrived while masked: Xen
 * checks evtchn_upcall_pending only on its way back to the guest, so
 * irq_enable makes a cheap hypercall when something is pending.  The
 * store of the mask and the load of the pending flag need no fence
 * between them: Xen sets the flag and then interrupts this vCPU, and
 * that interruption itself returns through the check.
 *
 * Not yet wired (issue 5): pv_irq_init() must be called by the PV boot
 * path before X86_FEATURE_XENPV patches the irq sites; see
 * Documentation/events/index.rst.
 */
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <asm/paravirt.h>
#include <asm/processor-flags.h>
#include <pv/events.h>
#include <pv/hypercall.h>
#include <pv/time.h>
#include <pv/version.h>
#include <pv/xen.h>

static DEFINE_PER_CPU(struct vcpu_info *, pv_irq_vcpu);

/* Called only through the callee-save thunks below. */
asmlinkage __visible unsigned long pv_irq_flag_save(void);
asmlinkage __visible void pv_irq_flag_disable(void);
asmlinkage __visible void pv_irq_flag_enable(void);

/* Make Xen look at evtchn_upcall_pending on its way back to us. */
static noinstr void pv_irq_force_upcall(void)
{
	pv_hypercall_xen_version(XENVER_version, NULL);
}

asmlinkage __visible noinstr unsigned long pv_irq_flag_save(void)
{
	struct vcpu_info *v = this_cpu_read(pv_irq_vcpu);

	return READ_ONCE(v->evtchn_upcall_mask) ? 0 : X86_EFLAGS_IF;
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_irq_flag_save, ".noinstr.text");

asmlinkage __visible noinstr void pv_irq_flag_disable(void)
{
	/*
	 * Without preemption disabled the task could move to another vCPU
	 * between reading the pointer and masking, and mask the wrong one.
	 */
	preempt_disable_notrace();
	WRITE_ONCE(this_cpu_read(pv_irq_vcpu)->evtchn_upcall_mask, 1);
	preempt_enable_no_resched_notrace();
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_irq_flag_disable, ".noinstr.text");

asmlinkage __visible noinstr void pv_irq_flag_enable(void)
{
	struct vcpu_info *v;

	preempt_disable_notrace();
	v = this_cpu_read(pv_irq_vcpu);
	WRITE_ONCE(v->evtchn_upcall_mask, 0);
	/* The flag must be read after the unmask (see the top comment). */
	barrier();
	if (unlikely(READ_ONCE(v->evtchn_upcall_pending)))
		pv_irq_force_upcall();
	preempt_enable_no_resched_notrace();
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_irq_flag_enable, ".noinstr.text");

static void pv_irq_safe_halt(void)
{
	/* SCHEDOP_block unmasks events itself, atomically with blocking. */
	pv_hypercall_sched_op(SCHEDOP_block, NULL);
}

static void pv_irq_halt(void)
{
	if (irqs_disabled())
		/* Nothing could wake it: take the vCPU down instead. */
		pv_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_down,
			      smp_processor_id(), 0);
	else
		pv_irq_safe_halt();
}

/**
 * pv_irq_init() - make event delivery the CPUs' interrupt flag
 * @shinfo: the mapped shared_info page
 *
 * Points every possible CPU at its vcpu_info in shared_info (the legacy
 * layout: at most XEN_LEGACY_MAX_VCPUS vCPUs) and installs the irq
 * pv_ops.  Must run before the irq call sites are patched for
 * X86_FEATURE_XENPV and while event delivery is still masked, as Xen
 * leaves it at entry.
 *
 * Return: 0, or -E2BIG when more CPUs are possible than the legacy
 * vcpu_info array holds.
 */
int __init pv_irq_init(struct shared_info *shinfo)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (cpu >= XEN_LEGACY_MAX_VCPUS)
			return -E2BIG;
		per_cpu(pv_irq_vcpu, cpu) = &shinfo->vcpu_info[cpu];
	}
	pv_ops.irq.save_fl = PV_CALLEE_SAVE(pv_irq_flag_save);
	pv_ops.irq.irq_disable = PV_CALLEE_SAVE(pv_irq_flag_disable);
	pv_ops.irq.irq_enable = PV_CALLEE_SAVE(pv_irq_flag_enable);
	pv_ops.irq.safe_halt = pv_irq_safe_halt;
	pv_ops.irq.halt = pv_irq_halt;
	return 0;
}
