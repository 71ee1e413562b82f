// SPDX-License-Identifier: GPL-2.0
/*
 * Request id tracker: a free list threaded through driver-owned slots, so
 * allocation and completion are O(1) and an id read from a response is
 * checked (in range, in flight) before it selects anything.
 */
#include <pv/io/ids.h>

/**
 * pv_ids_init() - make every id free
 * @ids: tracker
 * @slots: storage for @nr ids
 * @nr: number of ids
 *
 * Return: 0, or -EINVAL for no storage or too many ids.
 */
int pv_ids_init(struct pv_ids *ids, struct pv_id_slot *slots, u32 nr)
{
	u32 i;

	if (!slots || !nr || nr >= PV_ID_BUSY)
		return -EINVAL;
	for (i = 0; i < nr; i++) {
		slots[i].next = i + 1 < nr ? i + 1 : PV_ID_END;
		slots[i].tag = 0;
	}
	ids->slots = slots;
	ids->nr = nr;
	ids->free_head = 0;
	ids->in_flight = 0;
	return 0;
}
PV_EXPORT(pv_ids_init);

/**
 * pv_ids_alloc() - take a free id
 * @ids: tracker
 * @tag: value to remember with the id
 * @id: the id
 *
 * Return: 0, or -ENOSPC when every id is in flight.
 */
int pv_ids_alloc(struct pv_ids *ids, u32 tag, u32 *id)
{
	u32 i = ids->free_head;

	if (i == PV_ID_END)
		return -ENOSPC;
	ids->free_head = ids->slots[i].next;
	ids->slots[i].next = PV_ID_BUSY;
	ids->slots[i].tag = tag;
	ids->in_flight++;
	*id = i;
	return 0;
}
PV_EXPORT(pv_ids_alloc);

/**
 * pv_ids_lookup() - check that an id from the peer is in flight
 * @ids: tracker
 * @id: id as read from a response (any width: checked before use)
 * @tag: the value recorded at allocation
 *
 * Return: 0, or -EIO if @id is out of range or not in flight.
 */
int pv_ids_lookup(const struct pv_ids *ids, u64 id, u32 *tag)
{
	if (id >= ids->nr || ids->slots[id].next != PV_ID_BUSY)
		return -EIO;
	*tag = ids->slots[id].tag;
	return 0;
}
PV_EXPORT(pv_ids_lookup);

/**
 * pv_ids_complete() - check an id from the peer and free it
 * @ids: tracker
 * @id: id as read from a response
 * @tag: the value recorded at allocation
 *
 * A second response for the same id finds it free and fails.
 *
 * Return: 0, or -EIO if @id is out of range or not in flight.
 */
int pv_ids_complete(struct pv_ids *ids, u64 id, u32 *tag)
{
	int err = pv_ids_lookup(ids, id, tag);

	if (err)
		return err;
	ids->slots[id].next = ids->free_head;
	ids->free_head = (u32)id;
	ids->in_flight--;
	return 0;
}
PV_EXPORT(pv_ids_complete);
