/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 2-level event channel ABI, OS-independent core (drivers/pv/events/
 * evtchn_2l_core.c), shared by the kernel's event channel service and the
 * user-space unit tests.
 *
 * Xen marks port P pending by setting bit P of shared_info's
 * evtchn_pending bitmap; unless bit P of evtchn_mask is set, it also sets
 * bit P / 64 of the target vCPU's evtchn_pending_sel (the selector) and
 * its evtchn_upcall_pending flag, then calls the guest's event upcall.
 * The guest clears the flag, takes the selector, and visits the words it
 * names.  Delivery is "fair": every scan resumes after the port it
 * delivered last, so a busy low-numbered port cannot starve the others.
 */
#ifndef _PV_EVTCHN_2L_H
#define _PV_EVTCHN_2L_H

#include <pv/compat.h>
#include <pv/xen.h>
#include <pv/evtchn_abi.h>

#define PV_EVTCHN_2L_BITS	(sizeof(unsigned long) * 8)
#define PV_EVTCHN_2L_WORDS	PV_EVTCHN_2L_BITS

/*
 * How many times one upcall may find the upcall flag raised again before
 * it leaves the rest to the next upcall (the flag stays set, so Xen or
 * the next irq_enable delivers it).
 */
#define PV_EVTCHN_2L_MAX_LOOPS	16

/**
 * typedef pv_evtchn_handler_t - called for each pending, unmasked port
 * @port: the port
 * @ctx: the caller's context
 *
 * The handler acknowledges the event (clears its pending bit) itself:
 * the scan never does, so that the kernel's interrupt flow decides when.
 */
typedef void (*pv_evtchn_handler_t)(evtchn_port_t port, void *ctx);

/**
 * struct pv_evtchn_2l_state - private per-vCPU scan position
 * @last_word: word of the port delivered last
 * @last_bit: bit of the port delivered last
 */
struct pv_evtchn_2l_state {
	unsigned int last_word;
	unsigned int last_bit;
};

void pv_evtchn_2l_reset(struct pv_evtchn_2l_state *st);
unsigned int pv_evtchn_2l_scan(struct pv_evtchn_2l_state *st,
			       const unsigned long *pending,
			       const unsigned long *mask, unsigned long sel,
			       unsigned int budget, unsigned long *left,
			       pv_evtchn_handler_t fn, void *ctx);
unsigned int pv_evtchn_2l_upcall(struct pv_evtchn_2l_state *st,
				 struct shared_info *s, struct vcpu_info *vi,
				 unsigned int budget, pv_evtchn_handler_t fn,
				 void *ctx);

int pv_evtchn_2l_mask(struct shared_info *s, evtchn_port_t port);
int pv_evtchn_2l_unmask(struct shared_info *s, evtchn_port_t port);
int pv_evtchn_2l_clear_pending(struct shared_info *s, evtchn_port_t port);
int pv_evtchn_2l_set_pending(struct shared_info *s, evtchn_port_t port);
int pv_evtchn_2l_is_pending(const struct shared_info *s, evtchn_port_t port);
int pv_evtchn_2l_is_masked(const struct shared_info *s, evtchn_port_t port);

#endif /* _PV_EVTCHN_2L_H */
