// SPDX-License-Identifier: GPL-2.0
/*
 * Grant reference allocator and grant entry state, OS-independent.
 *
 * The free list threads through one array indexed by reference, so a
 * get or a put touches one slot and the head.  A reference that is
 * handed out holds a marker in its slot instead of a link: a put of a
 * reference that is not out (a double free, a stray value) is caught in
 * O(1) and refused rather than corrupting the list.
 */
#include <pv/evtchn_atomic.h>
#include <pv/grants_core.h>

/* Enough compare-and-exchange rounds for Xen flipping reading/writing. */
#define PV_GNTTAB_END_TRIES	16

int pv_gnttab_freelist_init(struct pv_gnttab_freelist *fl, u32 *next,
			    u32 capacity, u32 first)
{
	if (first >= capacity || capacity >= PV_GNTTAB_REF_IN_USE)
		return -EINVAL;
	fl->next = next;
	fl->capacity = capacity;
	fl->first = first;
	fl->limit = first;
	fl->head = PV_GNTTAB_REF_END;
	fl->nr_free = 0;
	fl->in_use = 0;
	fl->high_water = 0;
	return 0;
}
PV_EXPORT(pv_gnttab_freelist_init);

int pv_gnttab_freelist_extend(struct pv_gnttab_freelist *fl, u32 limit)
{
	u32 ref;

	if (limit > fl->capacity || limit < fl->limit)
		return -EINVAL;
	/* Pushed highest first, so that the lowest new one is the head. */
	for (ref = limit; ref > fl->limit; ref--) {
		fl->next[ref - 1] = fl->head;
		fl->head = ref - 1;
		fl->nr_free++;
	}
	fl->limit = limit;
	return 0;
}
PV_EXPORT(pv_gnttab_freelist_extend);

int pv_gnttab_freelist_get(struct pv_gnttab_freelist *fl, grant_ref_t *ref)
{
	u32 r = fl->head;

	if (r == PV_GNTTAB_REF_END)
		return -ENOSPC;
	fl->head = fl->next[r];
	fl->next[r] = PV_GNTTAB_REF_IN_USE;
	fl->nr_free--;
	fl->in_use++;
	if (fl->in_use > fl->high_water)
		fl->high_water = fl->in_use;
	*ref = r;
	return 0;
}
PV_EXPORT(pv_gnttab_freelist_get);

int pv_gnttab_freelist_get_n(struct pv_gnttab_freelist *fl, unsigned int n,
			     grant_ref_t *refs)
{
	unsigned int i;

	if (n > fl->nr_free)
		return -ENOSPC;
	for (i = 0; i < n; i++)
		pv_gnttab_freelist_get(fl, &refs[i]);
	return 0;
}
PV_EXPORT(pv_gnttab_freelist_get_n);

int pv_gnttab_freelist_put(struct pv_gnttab_freelist *fl, grant_ref_t ref)
{
	if (ref < fl->first || ref >= fl->limit ||
	    fl->next[ref] != PV_GNTTAB_REF_IN_USE)
		return -EINVAL;
	fl->next[ref] = fl->head;
	fl->head = ref;
	fl->nr_free++;
	fl->in_use--;
	return 0;
}
PV_EXPORT(pv_gnttab_freelist_put);

int pv_gnttab_entry_grant(struct grant_entry_v1 *e, u16 domid, u64 frame,
			  bool readonly)
{
	if (frame > 0xffffffffULL)
		return -ERANGE;
	PV_WRITE_ONCE(e->domid, domid);
	PV_WRITE_ONCE(e->frame, (u32)frame);
	/* Xen reads domid and frame only after it sees the type. */
	pv_wmb();
	PV_WRITE_ONCE(e->flags, (u16)(GTF_permit_access |
				      (readonly ? GTF_readonly : 0)));
	return 0;
}
PV_EXPORT(pv_gnttab_entry_grant);

int pv_gnttab_entry_end(struct grant_entry_v1 *e)
{
	u16 flags, seen;
	int i;

	flags = PV_READ_ONCE(e->flags);
	for (i = 0; i < PV_GNTTAB_END_TRIES; i++) {
		if (pv_gnttab_entry_busy(flags))
			return -EBUSY;
		seen = pv_sync_cmpxchg(&e->flags, flags, (u16)0);
		if (seen == flags)
			return 0;
		flags = seen;
	}
	return -EBUSY;
}
PV_EXPORT(pv_gnttab_entry_end);
