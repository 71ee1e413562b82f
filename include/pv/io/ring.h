/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Xen shared I/O ring: the page layout of Xen's io/ring.h and the index
 * rules of its ring macros, as functions over a generic entry size.
 *
 * A shared ring is one or more contiguous pages: a 64-byte header with the
 * four free-running 32-bit indexes, then a power-of-two number of entries,
 * each the size of the union of the protocol's request and response.  The
 * frontend produces requests and consumes responses; the backend the reverse.
 * Indexes only ever grow (modulo 2^32); a slot is index & (nr_ents - 1), and
 * every distance is an unsigned 32-bit difference, so wrap needs no care.
 *
 * The shared indexes are written by an untrusted peer: every one is read
 * once, checked against what the reader knows to be possible, and a value
 * out of range is returned as -EIO for the driver to disable the device.
 */
#ifndef _PV_IO_RING_H
#define _PV_IO_RING_H

#include <pv/compat.h>

typedef u32 RING_IDX;

/* Xen's rings are laid out in 4 KiB frames whatever the guest's page size. */
#define PV_RING_PAGE_SIZE	4096u

/**
 * struct pv_sring - header of a shared ring page (Xen's __name##_sring)
 * @req_prod: requests produced by the frontend
 * @req_event: backend wants an event when req_prod passes this value
 * @rsp_prod: responses produced by the backend
 * @rsp_event: frontend wants an event when rsp_prod passes this value
 * @pvt: protocol-private bytes (netif smartpoll, unused by us)
 * @pad: reserved, keeps the entries at offset 64
 */
struct pv_sring {
	RING_IDX req_prod, req_event;
	RING_IDX rsp_prod, rsp_event;
	u8 pvt[4];
	u8 pad[44];
	/* entries follow */
};

#define PV_SRING_HDR_SIZE	64u

/**
 * struct pv_front_ring - frontend's private view of a shared ring
 * @sring: the shared header
 * @ents: first entry
 * @nr_ents: number of entries, a power of two
 * @ent_size: size of one entry in bytes
 * @req_prod_pvt: next request slot to fill (not yet visible to the backend)
 * @req_pushed: last req_prod published to the backend
 * @rsp_cons: next response to consume
 */
struct pv_front_ring {
	struct pv_sring *sring;
	u8 *ents;
	u32 nr_ents;
	u32 ent_size;
	RING_IDX req_prod_pvt;
	RING_IDX req_pushed;
	RING_IDX rsp_cons;
};

/**
 * struct pv_back_ring - backend's private view of a shared ring
 * @sring: the shared header
 * @ents: first entry
 * @nr_ents: number of entries, a power of two
 * @ent_size: size of one entry in bytes
 * @rsp_prod_pvt: next response slot to fill
 * @rsp_pushed: last rsp_prod published to the frontend
 * @req_cons: next request to consume
 *
 * Our guest has no backends; this side exists so that tests and fuzzers
 * drive the frontend cores through the same ring rules a real backend obeys.
 */
struct pv_back_ring {
	struct pv_sring *sring;
	u8 *ents;
	u32 nr_ents;
	u32 ent_size;
	RING_IDX rsp_prod_pvt;
	RING_IDX rsp_pushed;
	RING_IDX req_cons;
};

u32 pv_ring_nr_ents(size_t bytes, size_t ent_size);

void pv_sring_init(struct pv_sring *sring);

int pv_front_ring_attach(struct pv_front_ring *r, void *shared, size_t bytes,
			 size_t ent_size, RING_IDX start);
int pv_front_ring_init(struct pv_front_ring *r, void *shared, size_t bytes,
		       size_t ent_size);
u32 pv_front_ring_free(const struct pv_front_ring *r);
void *pv_front_ring_next_req(struct pv_front_ring *r);
void *pv_front_ring_slot(const struct pv_front_ring *r, RING_IDX idx);
bool pv_front_ring_push(struct pv_front_ring *r);
int pv_front_ring_rsp_prod(struct pv_front_ring *r, RING_IDX *prod);
int pv_front_ring_take_rsp(struct pv_front_ring *r, RING_IDX prod, void *dst,
			   size_t len);
int pv_front_ring_final_check(struct pv_front_ring *r, bool *more);

int pv_back_ring_attach(struct pv_back_ring *r, void *shared, size_t bytes,
			size_t ent_size, RING_IDX start);
int pv_back_ring_req_prod(struct pv_back_ring *r, RING_IDX *prod);
int pv_back_ring_take_req(struct pv_back_ring *r, RING_IDX prod, void *dst,
			  size_t len);
void *pv_back_ring_next_rsp(struct pv_back_ring *r);
bool pv_back_ring_push(struct pv_back_ring *r);
int pv_back_ring_final_check(struct pv_back_ring *r, bool *more);

#endif /* _PV_IO_RING_H */
