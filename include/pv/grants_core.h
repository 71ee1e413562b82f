/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OS-independent half of the grant table service: the reference
 * allocator and the decisions on a grant entry's state.  Built into the
 * kernel (drivers/pv/grants/grants_core.c) and into the user-space unit
 * tests (tests/unit/test_grants.c).  The caller serializes calls on one
 * free list; the entry operations are safe against Xen changing the
 * entry at any moment.
 */
#ifndef _PV_GRANTS_CORE_H
#define _PV_GRANTS_CORE_H

#include <pv/compat.h>
#include <pv/io/grant_table.h>

/* Grant entries in one 4 KiB frame of a version-1 table. */
#define PV_GNTTAB_ENTRIES_PER_FRAME	(4096 / sizeof(struct grant_entry_v1))

/* next[] values that are not a reference. */
#define PV_GNTTAB_REF_END	0xffffffffU	/* last free reference */
#define PV_GNTTAB_REF_IN_USE	0xfffffffeU	/* handed out, not free */

/**
 * struct pv_gnttab_freelist - free references, a singly linked list
 * @next: one slot per reference: the next free one, PV_GNTTAB_REF_END,
 *	or PV_GNTTAB_REF_IN_USE while the reference is handed out
 * @capacity: slots in @next; the table never grows beyond them
 * @first: references below this are reserved and never handed out
 * @limit: references below this exist (the table's current size)
 * @head: first free reference, or PV_GNTTAB_REF_END
 * @nr_free: references on the list
 * @in_use: references handed out
 * @high_water: the largest @in_use seen
 */
struct pv_gnttab_freelist {
	u32 *next;
	u32 capacity;
	u32 first;
	u32 limit;
	u32 head;
	u32 nr_free;
	u32 in_use;
	u32 high_water;
};

/**
 * pv_gnttab_freelist_init() - set up an empty free list
 * @fl: the list
 * @next: @capacity slots the list keeps its links in
 * @capacity: the most references the table can ever have
 * @first: the first reference that may be handed out
 *
 * Return: 0, or -EINVAL if @first is not below @capacity or @capacity
 * is too large to leave room for the two markers.
 */
int pv_gnttab_freelist_init(struct pv_gnttab_freelist *fl, u32 *next,
			    u32 capacity, u32 first);

/**
 * pv_gnttab_freelist_extend() - add the references a larger table has
 * @fl: the list
 * @limit: the table's new size in references
 *
 * The new references come out lowest first.
 *
 * Return: 0, or -EINVAL if @limit is beyond the capacity or smaller
 * than the current size.
 */
int pv_gnttab_freelist_extend(struct pv_gnttab_freelist *fl, u32 limit);

/**
 * pv_gnttab_freelist_get() - take one free reference, O(1)
 * @fl: the list
 * @ref: where the reference goes
 *
 * Return: 0, or -ENOSPC if the list is empty.
 */
int pv_gnttab_freelist_get(struct pv_gnttab_freelist *fl, grant_ref_t *ref);

/**
 * pv_gnttab_freelist_get_n() - take @n free references at once
 * @fl: the list
 * @n: how many
 * @refs: room for @n references
 *
 * All or nothing: with fewer than @n free, none is taken.
 *
 * Return: 0, or -ENOSPC.
 */
int pv_gnttab_freelist_get_n(struct pv_gnttab_freelist *fl, unsigned int n,
			     grant_ref_t *refs);

/**
 * pv_gnttab_freelist_put() - give a reference back, O(1)
 * @fl: the list
 * @ref: a reference from pv_gnttab_freelist_get()
 *
 * Return: 0, or -EINVAL if @ref was not handed out (out of range,
 * reserved, or already free): the list is left unchanged.
 */
int pv_gnttab_freelist_put(struct pv_gnttab_freelist *fl, grant_ref_t ref);

/**
 * pv_gnttab_entry_grant() - fill in an entry to grant access to a frame
 * @e: the entry, in the shared table; it must be free (flags 0)
 * @domid: the domain to grant access to
 * @frame: the frame (machine frame number for a PV guest)
 * @readonly: whether @domid may only read
 *
 * Frame and domain are written before the flags make the entry valid,
 * so that Xen never sees a valid entry with stale contents.
 *
 * Return: 0, or -ERANGE if @frame does not fit a version-1 entry.
 */
int pv_gnttab_entry_grant(struct grant_entry_v1 *e, u16 domid, u64 frame,
			  bool readonly);

/**
 * pv_gnttab_entry_end() - end access through an entry, if unused
 * @e: the entry, in the shared table
 *
 * Clears the flags with a compare-and-exchange on a value that has
 * neither GTF_reading nor GTF_writing set, so that a grantee mapping
 * the frame between the check and the clear makes the exchange fail
 * instead of being lost.
 *
 * Return: 0 once the entry is invalid (the frame may be reused), or
 * -EBUSY while the grantee still maps the frame.
 */
int pv_gnttab_entry_end(struct grant_entry_v1 *e);

/**
 * pv_gnttab_entry_busy() - whether the grantee maps an entry's frame
 * @flags: a copy of the entry's flags
 *
 * Return: true if GTF_reading or GTF_writing is set.
 */
static inline bool pv_gnttab_entry_busy(u16 flags)
{
	return flags & (GTF_reading | GTF_writing);
}

#endif /* _PV_GRANTS_CORE_H */
