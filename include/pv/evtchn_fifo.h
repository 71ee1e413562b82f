/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FIFO event channel ABI, OS-independent core (drivers/pv/events/
 * evtchn_fifo_core.c), shared by the kernel's event channel service and
 * the user-space unit tests.
 *
 * Each port has a 32-bit event word in the event array (pages the guest
 * gives Xen with EVTCHNOP_expand_array): PENDING, MASKED, LINKED and BUSY
 * bits and a LINK field naming the next port of its queue.  Each vCPU
 * has a control block (EVTCHNOP_init_control) with one queue per
 * priority: HEAD[q] names the first port Xen queued, READY bit q says
 * that queue q is not empty.  The guest walks a queue by taking its head
 * and following LINK until it reads 0.
 *
 * Everything read from these pages is checked before use: a head or a
 * LINK naming a port outside the array, or naming itself, is an error
 * the caller reports, never an index used blindly.
 */
#ifndef _PV_EVTCHN_FIFO_H
#define _PV_EVTCHN_FIFO_H

#include <pv/compat.h>
#include <pv/xen.h>
#include <pv/evtchn_abi.h>
#include <pv/evtchn_2l.h>

#define PV_EVTCHN_FIFO_PAGE_SIZE	4096
#define PV_EVTCHN_FIFO_WORDS_PER_PAGE \
	(PV_EVTCHN_FIFO_PAGE_SIZE / sizeof(event_word_t))
#define PV_EVTCHN_FIFO_MAX_PAGES \
	(EVTCHN_FIFO_NR_CHANNELS / PV_EVTCHN_FIFO_WORDS_PER_PAGE)

/**
 * struct pv_evtchn_fifo_array - the guest's view of the event array
 * @pages: the pages given to Xen, in order; @nr_pages of them are valid
 * @nr_pages: how many pages Xen accepted
 */
struct pv_evtchn_fifo_array {
	event_word_t *pages[PV_EVTCHN_FIFO_MAX_PAGES];
	unsigned int nr_pages;
};

/**
 * struct pv_evtchn_fifo_queues - private per-vCPU walk state
 * @head: next port to consume in each queue, 0 when the guest must take
 *	the head from the control block
 */
struct pv_evtchn_fifo_queues {
	u32 head[EVTCHN_FIFO_MAX_QUEUES];
};

/**
 * struct pv_evtchn_fifo_error - what was wrong when consuming failed
 * @what: a short description
 * @queue: the queue being walked
 * @value: the offending port or LINK value
 */
struct pv_evtchn_fifo_error {
	const char *what;
	unsigned int queue;
	u32 value;
};

unsigned int pv_evtchn_fifo_nr_ports(const struct pv_evtchn_fifo_array *a);
event_word_t *pv_evtchn_fifo_word(const struct pv_evtchn_fifo_array *a,
				  evtchn_port_t port);
int pv_evtchn_fifo_consume(const struct pv_evtchn_fifo_array *a,
			   struct evtchn_fifo_control_block *cb,
			   struct pv_evtchn_fifo_queues *q,
			   unsigned int budget, bool *more,
			   struct pv_evtchn_fifo_error *err,
			   pv_evtchn_handler_t fn, void *ctx);

int pv_evtchn_fifo_upcall(const struct pv_evtchn_fifo_array *a,
			  struct evtchn_fifo_control_block *cb,
			  struct pv_evtchn_fifo_queues *q, struct vcpu_info *vi,
			  unsigned int budget, struct pv_evtchn_fifo_error *err,
			  pv_evtchn_handler_t fn, void *ctx);

int pv_evtchn_fifo_mask(const struct pv_evtchn_fifo_array *a,
			evtchn_port_t port);
int pv_evtchn_fifo_unmask(const struct pv_evtchn_fifo_array *a,
			  evtchn_port_t port);
int pv_evtchn_fifo_clear_pending(const struct pv_evtchn_fifo_array *a,
				 evtchn_port_t port);
int pv_evtchn_fifo_set_pending(const struct pv_evtchn_fifo_array *a,
			       evtchn_port_t port);
int pv_evtchn_fifo_is_pending(const struct pv_evtchn_fifo_array *a,
			      evtchn_port_t port);
int pv_evtchn_fifo_is_masked(const struct pv_evtchn_fifo_array *a,
			     evtchn_port_t port);

#endif /* _PV_EVTCHN_FIFO_H */
