/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Request id tracker: which ids a frontend has outstanding on a ring.
 *
 * A backend echoes a request's id in its response; the id is the only thing
 * that ties a response to driver state, so it must never be trusted as an
 * index or a pointer before it was checked to be in range and in flight.
 * The driver owns the storage (one struct pv_id_slot per id, typically one
 * per ring slot and per queue); the tracker never allocates.
 */
#ifndef _PV_IO_IDS_H
#define _PV_IO_IDS_H

#include <pv/compat.h>

/**
 * struct pv_id_slot - tracker state of one id
 * @next: next free id while free, PV_ID_BUSY while in flight
 * @tag: driver value recorded at allocation (e.g. the expected operation)
 */
struct pv_id_slot {
	u32 next;
	u32 tag;
};

#define PV_ID_END	0xffffffffu	/* end of the free list */
#define PV_ID_BUSY	0xfffffffeu	/* id is in flight */

/**
 * struct pv_ids - id tracker
 * @slots: driver-provided array of @nr slots
 * @nr: number of ids, at most PV_ID_BUSY
 * @free_head: first free id or PV_ID_END
 * @in_flight: ids currently allocated
 */
struct pv_ids {
	struct pv_id_slot *slots;
	u32 nr;
	u32 free_head;
	u32 in_flight;
};

int pv_ids_init(struct pv_ids *ids, struct pv_id_slot *slots, u32 nr);
int pv_ids_alloc(struct pv_ids *ids, u32 tag, u32 *id);
int pv_ids_lookup(const struct pv_ids *ids, u64 id, u32 *tag);
int pv_ids_complete(struct pv_ids *ids, u64 id, u32 *tag);

#endif /* _PV_IO_IDS_H */
