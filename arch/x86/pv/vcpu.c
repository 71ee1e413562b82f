// SPDX-License-Identifier: GPL-2.0
/*
 * The boot vCPU's shared state and the pv_ops that live in it.
 *
 * Xen's shared_info page holds each vCPU's vcpu_info: the event mask
 * that stands in for EFLAGS.IF (cli/sti fault in ring 3), the pending
 * flag, the fault address of the last page fault (cr2) and the time
 * parameters.  It is mapped at FIX_PARAVIRT_BOOTMAP as soon as the
 * kernel's page tables are up.
 *
 * The interrupt-flag ops here are the boot-time ones: events stay masked
 * until the event-channel code (issue 5) registers its callbacks and
 * takes over pv_ops.irq; pv_vcpu_info is the seam it uses.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <asm/fixmap.h>
#include <asm/paravirt.h>
#include <asm/pvclock.h>
#include <pv/hypercall.h>

#include "pv.h"

/* Until shared_info is mapped: masked, so nothing is ever delivered. */
static struct vcpu_info pv_boot_vcpu_info = { .evtchn_upcall_mask = 1 };

struct vcpu_info *pv_vcpu_info __read_mostly = &pv_boot_vcpu_info;
struct shared_info *pv_shared_info __read_mostly;

/**
 * pv_map_shared_info() - map Xen's shared_info page and use vCPU 0's slot
 * @si: start_info (shared_info is a machine address)
 */
void __init pv_map_shared_info(const struct start_info *si)
{
	unsigned long va = fix_to_virt(FIX_PARAVIRT_BOOTMAP);
	u64 pte = (si->shared_info & PAGE_MASK) | _PAGE_PRESENT | _PAGE_RW |
		  _PAGE_ACCESSED | _PAGE_DIRTY;
	long rc;

	rc = pv_hypercall_update_va_mapping(va, pte, UVMF_INVLPG);
	if (rc)
		pv_boot_failed(rc, "update_va_mapping(%#lx, %#llx) for shared_info",
			       va, pte);
	pv_shared_info = (struct shared_info *)va;
	pv_vcpu_info = &pv_shared_info->vcpu_info[0];
	pv_early_printk("pv: shared_info: machine %#lx at %#lx, vcpu 0 events %s\n",
			si->shared_info, va,
			pv_vcpu_info->evtchn_upcall_mask ? "masked" : "unmasked");
}

/*
 * EFLAGS.IF stand-in.  The callee-save thunks let the kernel call these
 * where it would have used pushf/cli/sti.
 */
__visible noinstr unsigned long pv_irq_save_fl(void)
{
	return pv_vcpu_info->evtchn_upcall_mask ? 0 : X86_EFLAGS_IF;
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_irq_save_fl, ".noinstr.text");

__visible noinstr void pv_irq_disable(void)
{
	pv_vcpu_info->evtchn_upcall_mask = 1;
	barrier();
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_irq_disable, ".noinstr.text");

__visible noinstr void pv_irq_enable(void)
{
	pv_vcpu_info->evtchn_upcall_mask = 0;
	barrier();
	/* An event that came in while masked is delivered on any hypercall. */
	if (READ_ONCE(pv_vcpu_info->evtchn_upcall_pending))
		pv_hypercall2(__HYPERVISOR_xen_version, 0, 0);
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_irq_enable, ".noinstr.text");

static void pv_safe_halt(void)
{
	/* SCHEDOP_block unmasks events and sleeps until one arrives. */
	pv_hypercall_sched_op(SCHEDOP_block, NULL);
}

static void pv_halt(void)
{
	pv_hypercall_sched_op(SCHEDOP_yield, NULL);
}

__visible noinstr unsigned long pv_read_cr2(void)
{
	return pv_vcpu_info->arch.cr2;
}
__PV_CALLEE_SAVE_REGS_THUNK(pv_read_cr2, ".noinstr.text");

static void pv_write_cr2(unsigned long cr2)
{
	pv_vcpu_info->arch.cr2 = cr2;
}

/**
 * pv_tsc_khz() - TSC frequency from Xen's time parameters
 *
 * Return: kHz; a PV guest cannot calibrate against the PIT.
 */
unsigned long pv_tsc_khz(void)
{
	return pvclock_tsc_khz((struct pvclock_vcpu_time_info *)
			       &pv_vcpu_info->time);
}

/**
 * pv_init_irq_ops() - install the boot-time interrupt-flag and cr2 ops
 */
void __init pv_init_irq_ops(void)
{
	pv_ops.irq.save_fl = PV_CALLEE_SAVE(pv_irq_save_fl);
	pv_ops.irq.irq_disable = PV_CALLEE_SAVE(pv_irq_disable);
	pv_ops.irq.irq_enable = PV_CALLEE_SAVE(pv_irq_enable);
	pv_ops.irq.safe_halt = pv_safe_halt;
	pv_ops.irq.halt = pv_halt;
	pv_ops.mmu.read_cr2 = PV_CALLEE_SAVE(pv_read_cr2);
	pv_ops.mmu.write_cr2 = pv_write_cr2;
}
