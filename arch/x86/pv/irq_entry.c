// SPDX-License-Identifier: GPL-2.0
/*
 * The C end of the event upcall: Xen calls the kernel's event callback
 * (exc_xen_hypervisor_callback in entry_64.S), which builds pt_regs and
 * calls xen_pv_evtchn_do_upcall(); that stub (entry_stubs.c) is to call
 * pv_irq_upcall() below once the boot path has set up the service.
 *
 * The upcall is an interrupt like any other: run the event service on the
 * irq stack in the hardirq state, and leave through the normal exit path
 * (which may preempt or deliver signals).  run_sysvec_on_irqstack_cond()
 * itself wraps the call in irq_enter_rcu()/irq_exit_rcu(); a second pair
 * here made every tick count as time spent in interrupts (the hardirq
 * count was two) and /proc/stat booked all kernel time as irq.
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

	pv_evtchn_handle_upcall();
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
