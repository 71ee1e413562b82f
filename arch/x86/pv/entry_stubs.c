// SPDX-License-Identifier: GPL-2.0
/*
 * Entry symbols the generic x86 entry code names when built for a Xen-ABI
 * PV port (CONFIG_XEN_PV_ENTRY): the C ends of the PV trap and event
 * entries.  The trap table and event channel work will provide the real
 * ones; until then no path can reach them (the trap table is not
 * registered, X86_FEATURE_XENPV is not set), and if one is reached anyway
 * it must stop the kernel with a message rather than return into code
 * that assumes it did its job.
 */
#include <linux/bug.h>
#include <linux/instrumentation.h>
#include <linux/printk.h>
#include <asm/idtentry.h>
#include <pv/boot.h>
#include <pv/events.h>

#include "pv.h"

/**
 * pv_entry_stub_hit() - stop the kernel: an unimplemented PV entry ran
 * @what: the entry's name
 *
 * Noinstr so that the entry code may call it; the report itself is
 * instrumentable code.
 */
noinstr void __noreturn pv_entry_stub_hit(const char *what)
{
	instrumentation_begin();
	if (pv_domain())
		pv_early_printk("pv: BUG: %s reached, not implemented yet\n",
				what);
	pr_emerg("pv: BUG: %s reached, not implemented yet\n", what);
	BUG();
}

DEFINE_IDTENTRY_RAW(xenpv_exc_nmi)
{
	pv_entry_stub_hit("xenpv_exc_nmi");
}

DEFINE_IDTENTRY_RAW(xenpv_exc_debug)
{
	pv_entry_stub_hit("xenpv_exc_debug");
}

DEFINE_IDTENTRY_RAW_ERRORCODE(xenpv_exc_double_fault)
{
	pv_entry_stub_hit("xenpv_exc_double_fault");
}

#ifdef CONFIG_X86_MCE
DEFINE_IDTENTRY_RAW(xenpv_exc_machine_check)
{
	pv_entry_stub_hit("xenpv_exc_machine_check");
}
#endif

DEFINE_IDTENTRY_RAW(exc_xen_unknown_trap)
{
	pv_entry_stub_hit("exc_xen_unknown_trap");
}

/* Called by exc_xen_hypervisor_callback in entry_64.S. */
__visible noinstr void xen_pv_evtchn_do_upcall(struct pt_regs *regs)
{
	pv_irq_upcall(regs);
}
