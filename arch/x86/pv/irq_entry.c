// SPDX-License-Identifier: GPL-2.0
/*
 * The C end of the event upcall: Xen calls the kernel's event callback
 * (exc_xen_hypervisor_callback in entry_64.S), which builds pt_regs and
 * calls xen_pv_evtchn_do_upcall(); that stub (entry_stubs.c) is to call
 * pv_irq_upcall() below once the boot path has set up the service.
 *
 * The upcall is an interrupt like any other: enter the irq state, run the
 * event service on the irq stack, and leave through the normal exit path
 * (which may preempt or deliver signals).
 */
#include <linux/entry-common.h>
#include <linux/hardirq.h>
#include <linux/instrumentation.h>
#include <asm/irq_regs.h>
#include <asm/irq_stack.h>
#include <pv/events.h>

static void pv_irq_upcall_on_stack(struct pt_regs *regs)
{
	struct pt_regs *old_regs = set_irq_regs(regs);

	irq_enter_rcu();
	pv_evtchn_handle_upcall();
	irq_exit_rcu();
	set_irq_regs(old_regs);
}

/**
 * pv_irq_upcall() - handle an event upcall from Xen
 * @regs: the interrupted context
 *
 * Called with event delivery masked by Xen.
 */
noinstr void pv_irq_upcall(struct pt_regs *regs)
{
	irqentry_state_t state = irqentry_enter(regs);

	instrumentation_begin();
	run_sysvec_on_irqstack_cond(pv_irq_upcall_on_stack, regs);
	instrumentation_end();
	irqentry_exit(regs, state);
}
