/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event channel service (drivers/pv/events): Xen event channels as
 * ordinary Linux interrupts.
 *
 * A frontend binds a port (its own, one it allocates for a backend to
 * bind, one the backend offered, or a virtual IRQ of Xen's) to a handler
 * and gets an IRQ number back; the IRQ shows up in /proc/interrupts under
 * the name given, and the usual disable_irq()/enable_irq() work.  The
 * service picks the FIFO ABI when Xen offers it and falls back to the
 * 2-level ABI; the boot parameter pv_evtchn=2l|fifo forces one.
 *
 * Boot contract (see Documentation/events/index.rst): the PV boot code
 * calls pv_evtchn_init() once shared_info is mapped and before any
 * binding, and the event upcall entry calls pv_evtchn_handle_upcall()
 * with interrupts (event delivery) masked.
 */
#ifndef _PV_EVENTS_H
#define _PV_EVENTS_H

#include <linux/interrupt.h>
#include <linux/types.h>
#include <pv/xen.h>
#include <pv/event_channel.h>

struct pt_regs;

/**
 * struct pv_evtchn_boot - what the boot code hands the service
 * @shinfo: the mapped shared_info page
 * @virt_to_gfn: frame number Xen knows a kernel page by (the machine
 *	frame for a PV guest); NULL when not available yet, which rules out
 *	the FIFO ABI (its pages must be named to Xen)
 */
struct pv_evtchn_boot {
	struct shared_info *shinfo;
	u64 (*virt_to_gfn)(const void *va);
};

int pv_evtchn_init(const struct pv_evtchn_boot *boot);
const char *pv_evtchn_abi_name(void);
void pv_evtchn_handle_upcall(void);

int pv_evtchn_bind_virq(unsigned int virq, unsigned int cpu,
			irq_handler_t handler, unsigned long irqflags,
			const char *name, void *dev);
int pv_evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port,
			       irq_handler_t handler, unsigned long irqflags,
			       const char *name, void *dev);
int pv_evtchn_alloc_unbound(domid_t remote_dom, evtchn_port_t *port);
int pv_evtchn_bind_port(evtchn_port_t port, bool close_on_unbind,
			irq_handler_t handler, unsigned long irqflags,
			const char *name, void *dev);
void pv_evtchn_unbind(int irq, void *dev);
int pv_evtchn_notify(evtchn_port_t port);
evtchn_port_t pv_evtchn_port_of_irq(int irq);

/* arch/x86/pv/irq*.c: event delivery as the CPU's interrupt flag. */
int pv_irq_init(struct shared_info *shinfo);
void pv_irq_upcall(struct pt_regs *regs);

#endif /* _PV_EVENTS_H */
