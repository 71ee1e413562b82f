/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the grant table service: what the table (gnttab.c), the
 * deferred frees (deferred.c), the counters (debugfs.c) and the test
 * interface (test.c) share.
 */
#ifndef _PV_GRANTS_GNTTAB_H
#define _PV_GRANTS_GNTTAB_H

#include <linux/types.h>
#include <pv/grants.h>

struct dentry;

/**
 * struct pv_gnttab_stats - the service's counters, for debugfs
 * @frames: frames the table has now
 * @max_frames: frames Xen allows the domain
 * @refs: references the table holds (reserved ones excluded)
 * @free: references on the free list
 * @in_use: references handed out
 * @high_water: the most ever handed out at once
 * @grants: grants made
 * @ends: accesses ended (at once or after a deferral)
 * @alloc_failed: allocations refused for want of references
 * @grow_failed: growths Xen refused
 * @bad_frees: frees of references that were not handed out
 * @callbacks: free callbacks run
 * @deferred: pages waiting for the grantee to unmap them now
 * @deferred_total: pages ever deferred
 * @deferred_done: deferred pages finally freed
 * @deferred_warned: deferred pages warned about
 * @deferred_lost: references and pages kept for good (no memory to
 *	track them)
 */
struct pv_gnttab_stats {
	unsigned int frames, max_frames, refs, free, in_use, high_water;
	unsigned long grants, ends, alloc_failed, grow_failed, bad_frees;
	unsigned long callbacks;
	unsigned long deferred, deferred_total, deferred_done;
	unsigned long deferred_warned, deferred_lost;
};

/* gnttab.c */
void pv_gnttab_get_stats(struct pv_gnttab_stats *st);
u16 pv_gnttab_entry_domid(grant_ref_t ref);

/* deferred.c */
void pv_gnttab_defer(grant_ref_t ref, struct page *page);
void pv_gnttab_deferred_stats(struct pv_gnttab_stats *st);

/* debugfs.c */
void pv_gnttab_debugfs_init(void);

/* test.c */
#ifdef CONFIG_PV_GRANTS_TEST
void pv_gnttab_test_init(struct dentry *dir);
#else
static inline void pv_gnttab_test_init(struct dentry *dir) { }
#endif

#endif /* _PV_GRANTS_GNTTAB_H */
