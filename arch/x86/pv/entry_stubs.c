// SPDX-License-Identifier: GPL-2.0
/*
 * The C ends of the PV trap and event entries that the generic x86 entry
 * code names when built for a Xen-ABI PV port (CONFIG_XEN_PV_ENTRY).
 *
 * Natively, #DB, NMI, #DF and #MC run on IST stacks, and their C handlers
 * are written for that.  Xen has no IST for a PV guest: it delivers every
 * exception on the kernel stack (or on the stack_switch stack when it
 * comes from user mode), like any other trap.  So each of these entries
 * is an ordinary, non-IST idtentry (asm_xenpv_exc_*) whose C end picks
 * the kernel's handler for the mode the trap came from: the "noist"
 * variant, which runs on the task stack and may schedule and send
 * signals, for user mode, and the IST variant's C code, which makes no
 * assumption about the stack beyond being in NMI-like context, for
 * kernel mode.
 *
 * What Xen delivers to a PV guest, and so what the trap table holds
 * (cpu.c builds it from the IDT):
 *  - #DB: single-step (TF), ICEBP, and the hardware breakpoints a guest
 *    sets through HYPERVISOR_set_debugreg; DR6 and DR7 are read and
 *    written through Xen (the debugreg pv_ops), as the kernel's handlers
 *    do already.
 *  - NMI: what the toolstack sends (`xl trigger <domain> nmi`, a domctl)
 *    and, for dom0, what the hardware raises.  The reason normally read
 *    from port 0x61 is in shared_info's arch.nmi_reason instead.
 *  - #MC: a virtual machine check Xen injects (vMCE).
 *  - #DF: never.  A fault while Xen delivers an exception to a PV guest
 *    makes Xen crash the domain (or calls the failsafe callback for a
 *    bad segment); Xen's own #DF is Xen's.  The entry stays in the table
 *    so that a hypervisor that does inject one reaches the kernel's
 *    double-fault handler, which reports it and panics.
 *  - Software interrupts (`int N`) only for vectors whose gate has
 *    DPL 3 (int $3 and int $4, the overflow vector); any other `int N` from user mode is a #GP with
 *    the vector in the error code, as on hardware.  Vectors with no PV
 *    entry (the interrupt vectors) are absent from the table, and Xen
 *    turns an `int N` through them into the same #GP.
 */
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/instrumentation.h>
#include <linux/printk.h>
#include <asm/idtentry.h>
#include <asm/mach_traps.h>
#include <asm/traps.h>
#include <asm/x86_init.h>
#include <pv/boot.h>
#include <pv/events.h>
#include <pv/xen.h>

#include "pv.h"

DEFINE_IDTENTRY_RAW(xenpv_exc_nmi)
{
	exc_nmi(regs);
}

DEFINE_IDTENTRY_RAW(xenpv_exc_debug)
{
	if (user_mode(regs))
		noist_exc_debug(regs);
	else
		exc_debug(regs);
}

DEFINE_IDTENTRY_RAW_ERRORCODE(xenpv_exc_double_fault)
{
	exc_double_fault(regs, error_code);
}

#ifdef CONFIG_X86_MCE
DEFINE_IDTENTRY_RAW(xenpv_exc_machine_check)
{
	if (user_mode(regs))
		noist_exc_machine_check(regs);
	else
		exc_machine_check(regs);
}
#endif

/*
 * The generic entry code emits an entry for this name; the trap table
 * never points at it (vectors without a PV entry are left out of the
 * table rather than sent here), so reaching it means Xen delivered a
 * vector the kernel never registered: nothing is known about the frame.
 */
DEFINE_IDTENTRY_RAW(exc_xen_unknown_trap)
{
	instrumentation_begin();
	pr_emerg("pv: trap through an unregistered vector at %pS\n",
		 (void *)regs->ip);
	die("unregistered PV trap", regs, 0);
	instrumentation_end();
}

/* Called by exc_xen_hypervisor_callback in entry_64.S. */
__visible noinstr void xen_pv_evtchn_do_upcall(struct pt_regs *regs)
{
	pv_irq_upcall(regs);
}

/* What the kernel would read from port 0x61, built from Xen's bits. */
static unsigned char pv_get_nmi_reason(void)
{
	unsigned long reason = READ_ONCE(pv_shared_info->arch.nmi_reason);
	unsigned char port61 = 0;

	if (reason & XEN_NMIREASON_io_error)
		port61 |= NMI_REASON_IOCHK;
	if (reason & XEN_NMIREASON_pci_serr)
		port61 |= NMI_REASON_SERR;
	return port61;
}

/**
 * pv_init_traps() - the platform hooks the trap handlers need under Xen
 *
 * Called once shared_info is mapped.
 */
void __init pv_init_traps(void)
{
	x86_platform.get_nmi_reason = pv_get_nmi_reason;
}
