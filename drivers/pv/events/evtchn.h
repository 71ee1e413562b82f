/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the event channel service: what the common part (evtchn.c)
 * needs from an ABI backend (evtchn_2l.c, evtchn_fifo.c).
 */
#ifndef _PV_EVENTS_EVTCHN_H
#define _PV_EVENTS_EVTCHN_H

#include <linux/init.h>
#include <pv/events.h>
#include <pv/evtchn_2l.h>

/**
 * struct pv_evtchn_ops - one event channel ABI
 * @name: "2-level" or "FIFO", for messages
 * @max_ports: ports this ABI can name (the largest valid port + 1)
 * @setup_port: make @port usable (FIFO: grow the event array); may sleep
 * @mask: stop delivery of @port
 * @unmask: resume delivery of @port (may ask Xen to re-raise it)
 * @clear_pending: acknowledge @port
 * @set_pending: mark @port pending (delivered once Xen unmasks it)
 * @is_pending: whether @port is pending
 * @handle: deliver this vCPU's pending events through @fn
 */
struct pv_evtchn_ops {
	const char *name;
	unsigned int (*max_ports)(void);
	int (*setup_port)(evtchn_port_t port);
	void (*mask)(evtchn_port_t port);
	void (*unmask)(evtchn_port_t port);
	void (*clear_pending)(evtchn_port_t port);
	void (*set_pending)(evtchn_port_t port);
	bool (*is_pending)(evtchn_port_t port);
	void (*handle)(unsigned int cpu, struct vcpu_info *vi,
		       pv_evtchn_handler_t fn);
};

/* Upper bound of ports delivered per upcall round, against storms. */
#define PV_EVTCHN_BUDGET	1024

const struct pv_evtchn_ops *pv_evtchn_2l_init(struct shared_info *shinfo);
const struct pv_evtchn_ops *
pv_evtchn_fifo_init(struct shared_info *shinfo,
		    u64 (*virt_to_gfn)(const void *va));
void pv_evtchn_unmask_hypercall(evtchn_port_t port);

#endif /* _PV_EVENTS_EVTCHN_H */
