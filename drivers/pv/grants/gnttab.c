// SPDX-License-Identifier: GPL-2.0
/*
 * The grant table of a PV guest: set-up, growth, references, grants.
 *
 * Xen keeps the table in frames of its own; GNTTABOP_setup_table names
 * them (machine frames, for a PV guest) and the service maps them into
 * an area of kernel addresses reserved at start for the most frames Xen
 * allows, so the table is one array whatever its size.  Growing is one
 * setup_table with a larger count and a mapping per new frame: both are
 * hypercalls that do not sleep, so a reference can be taken from any
 * context under one spinlock.  The free list and the entry updates are
 * the OS-independent core (grants_core.c).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <pv/boot.h>
#include <pv/grants.h>
#include <pv/grants_core.h>
#include <pv/hypercall.h>
#include <pv/mmu.h>

#include "gnttab.h"

/*
 * Bound on the table whatever Xen says: 1024 frames are 512 Ki refs, far
 * beyond any default limit, and keep the reserved area at 4 MiB.
 */
#define PV_GNTTAB_MAX_FRAMES	1024

static DEFINE_SPINLOCK(pv_gnttab_lock);
static struct grant_entry_v1 *pv_gnttab_table;
static unsigned long *pv_gnttab_mfns;
static unsigned int pv_gnttab_frames, pv_gnttab_max_frames;
static struct pv_gnttab_freelist pv_gnttab_fl;
static bool pv_gnttab_up;
static LIST_HEAD(pv_gnttab_waiters);
static unsigned long pv_gnttab_grants, pv_gnttab_ends, pv_gnttab_alloc_failed;
static unsigned long pv_gnttab_grow_failed, pv_gnttab_bad_frees;
static unsigned long pv_gnttab_callbacks;

static void pv_gnttab_run_callbacks(struct work_struct *work);
static DECLARE_WORK(pv_gnttab_callback_work, pv_gnttab_run_callbacks);

bool pv_gnttab_ready(void)
{
	return READ_ONCE(pv_gnttab_up);
}
EXPORT_SYMBOL_GPL(pv_gnttab_ready);

/*
 * Ask Xen for @nr frames and map those from @from on.  Xen returns the
 * whole list each time; frames already mapped stay where they are.
 */
static int pv_gnttab_setup(unsigned int from, unsigned int nr)
{
	struct gnttab_setup_table op = {
		.dom = DOMID_SELF,
		.nr_frames = nr,
		.frame_list = pv_gnttab_mfns,
	};
	unsigned int i;
	long rc;

	rc = pv_hypercall_grant_table_op(GNTTABOP_setup_table, &op, 1);
	if (rc || op.status != GNTST_okay) {
		pr_err("pv-grants: setup_table(%u frames) refused: rc %ld, status %d\n",
		       nr, rc, op.status);
		return rc ? (int)rc : -ENOMEM;
	}
	for (i = from; i < nr; i++) {
		rc = pv_mmu_map_frame((char *)pv_gnttab_table + i * PAGE_SIZE,
				      pv_gnttab_mfns[i]);
		if (rc) {
			pr_err("pv-grants: cannot map table frame %u (mfn %#lx): %ld\n",
			       i, pv_gnttab_mfns[i], rc);
			return (int)rc;
		}
	}
	return 0;
}

/* Grow so that @want references are free, if Xen allows.  Lock held. */
static int pv_gnttab_grow(unsigned int want)
{
	unsigned int missing = want - pv_gnttab_fl.nr_free;
	unsigned int extra = DIV_ROUND_UP(missing, PV_GNTTAB_ENTRIES_PER_FRAME);
	unsigned int nr = pv_gnttab_frames + extra;
	int rc;

	if (nr > pv_gnttab_max_frames)
		return -ENOSPC;
	rc = pv_gnttab_setup(pv_gnttab_frames, nr);
	if (rc) {
		pv_gnttab_grow_failed++;
		return -ENOSPC;
	}
	pv_gnttab_frames = nr;
	return pv_gnttab_freelist_extend(&pv_gnttab_fl,
					 nr * PV_GNTTAB_ENTRIES_PER_FRAME);
}

int pv_gnttab_alloc_refs(unsigned int n, grant_ref_t *refs)
{
	unsigned long flags;
	int rc;

	if (!pv_gnttab_ready())
		return -ENODEV;
	if (n > pv_gnttab_fl.capacity)
		return -EINVAL;
	spin_lock_irqsave(&pv_gnttab_lock, flags);
	rc = 0;
	if (pv_gnttab_fl.nr_free < n)
		rc = pv_gnttab_grow(n);
	if (!rc)
		rc = pv_gnttab_freelist_get_n(&pv_gnttab_fl, n, refs);
	if (rc)
		pv_gnttab_alloc_failed++;
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	return rc ? -ENOSPC : 0;
}
EXPORT_SYMBOL_GPL(pv_gnttab_alloc_refs);

int pv_gnttab_alloc_ref(grant_ref_t *ref)
{
	return pv_gnttab_alloc_refs(1, ref);
}
EXPORT_SYMBOL_GPL(pv_gnttab_alloc_ref);

/* Lock held.  Whether a waiting frontend can now get what it waits for. */
static bool pv_gnttab_waiter_satisfied(void)
{
	struct pv_gnttab_callback *cb;

	if (list_empty(&pv_gnttab_waiters))
		return false;
	cb = list_first_entry(&pv_gnttab_waiters, struct pv_gnttab_callback,
			      node);
	return pv_gnttab_fl.nr_free >= cb->count;
}

void pv_gnttab_free_refs(unsigned int n, const grant_ref_t *refs)
{
	unsigned long flags;
	bool wake;
	unsigned int i;

	spin_lock_irqsave(&pv_gnttab_lock, flags);
	for (i = 0; i < n; i++) {
		if (pv_gnttab_freelist_put(&pv_gnttab_fl, refs[i])) {
			pv_gnttab_bad_frees++;
			pr_err("pv-grants: free of reference %u, which is not in use\n",
			       refs[i]);
		}
	}
	wake = pv_gnttab_waiter_satisfied();
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	if (wake)
		schedule_work(&pv_gnttab_callback_work);
}
EXPORT_SYMBOL_GPL(pv_gnttab_free_refs);

void pv_gnttab_free_ref(grant_ref_t ref)
{
	pv_gnttab_free_refs(1, &ref);
}
EXPORT_SYMBOL_GPL(pv_gnttab_free_ref);

/* Lock held.  A reference the free list has handed out. */
static bool pv_gnttab_ref_taken(grant_ref_t ref)
{
	return ref >= pv_gnttab_fl.first && ref < pv_gnttab_fl.limit &&
	       pv_gnttab_fl.next[ref] == PV_GNTTAB_REF_IN_USE;
}

int pv_gnttab_grant_ref(grant_ref_t ref, domid_t domid, struct page *page,
			bool readonly)
{
	unsigned long mfn = pv_mmu_lookup_mfn(page_address(page));
	unsigned long flags;
	int rc = -EINVAL;

	if (mfn == ~0UL)
		return -ERANGE;
	spin_lock_irqsave(&pv_gnttab_lock, flags);
	if (pv_gnttab_ref_taken(ref)) {
		rc = pv_gnttab_entry_grant(&pv_gnttab_table[ref], domid, mfn,
					   readonly);
		if (!rc)
			pv_gnttab_grants++;
	}
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	if (rc == -EINVAL)
		pr_err("pv-grants: grant through reference %u, which is not in use\n",
		       ref);
	return rc;
}
EXPORT_SYMBOL_GPL(pv_gnttab_grant_ref);

int pv_gnttab_grant(domid_t domid, struct page *page, bool readonly)
{
	grant_ref_t ref;
	int rc;

	rc = pv_gnttab_alloc_ref(&ref);
	if (rc)
		return rc;
	rc = pv_gnttab_grant_ref(ref, domid, page, readonly);
	if (rc) {
		pv_gnttab_free_ref(ref);
		return rc;
	}
	return ref;
}
EXPORT_SYMBOL_GPL(pv_gnttab_grant);

int pv_gnttab_end_ref(grant_ref_t ref)
{
	unsigned long flags;
	int rc = -EINVAL;

	/* The entry itself is safe to end unlocked; the lock checks @ref. */
	spin_lock_irqsave(&pv_gnttab_lock, flags);
	if (pv_gnttab_ref_taken(ref)) {
		rc = pv_gnttab_entry_end(&pv_gnttab_table[ref]);
		if (!rc)
			pv_gnttab_ends++;
	}
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	if (rc == -EINVAL)
		pr_err("pv-grants: end of access through reference %u, which is not in use\n",
		       ref);
	return rc;
}
EXPORT_SYMBOL_GPL(pv_gnttab_end_ref);

void pv_gnttab_end_access(grant_ref_t ref, struct page *page)
{
	int rc = pv_gnttab_end_ref(ref);

	if (rc == -EBUSY) {
		pv_gnttab_defer(ref, page);
		return;
	}
	if (rc)
		return;
	pv_gnttab_free_ref(ref);
	if (page)
		put_page(page);
}
EXPORT_SYMBOL_GPL(pv_gnttab_end_access);

/* The domain an entry grants to, for messages about it. */
u16 pv_gnttab_entry_domid(grant_ref_t ref)
{
	return READ_ONCE(pv_gnttab_table[ref].domid);
}

void pv_gnttab_request_free_callback(struct pv_gnttab_callback *cb,
				     void (*fn)(void *arg), void *arg,
				     unsigned int count)
{
	unsigned long flags;
	bool wake;

	spin_lock_irqsave(&pv_gnttab_lock, flags);
	cb->fn = fn;
	cb->arg = arg;
	cb->count = count;
	if (!cb->queued) {
		list_add_tail(&cb->node, &pv_gnttab_waiters);
		cb->queued = true;
	}
	wake = pv_gnttab_waiter_satisfied();
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	if (wake)
		schedule_work(&pv_gnttab_callback_work);
}
EXPORT_SYMBOL_GPL(pv_gnttab_request_free_callback);

void pv_gnttab_cancel_free_callback(struct pv_gnttab_callback *cb)
{
	unsigned long flags;

	spin_lock_irqsave(&pv_gnttab_lock, flags);
	if (cb->queued) {
		list_del(&cb->node);
		cb->queued = false;
	}
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
}
EXPORT_SYMBOL_GPL(pv_gnttab_cancel_free_callback);

/*
 * In order of request, each waiter whose count is free now; the free
 * count is not reserved for it, so its callback may still find fewer
 * and request again.  The first unsatisfied waiter stops the round, so
 * a large request is not starved by small ones behind it.
 */
static void pv_gnttab_run_callbacks(struct work_struct *work)
{
	struct pv_gnttab_callback *cb;
	unsigned long flags;
	void (*fn)(void *arg);
	void *arg;

	for (;;) {
		spin_lock_irqsave(&pv_gnttab_lock, flags);
		if (!pv_gnttab_waiter_satisfied()) {
			spin_unlock_irqrestore(&pv_gnttab_lock, flags);
			return;
		}
		cb = list_first_entry(&pv_gnttab_waiters,
				      struct pv_gnttab_callback, node);
		list_del(&cb->node);
		cb->queued = false;
		fn = cb->fn;
		arg = cb->arg;
		pv_gnttab_callbacks++;
		spin_unlock_irqrestore(&pv_gnttab_lock, flags);
		fn(arg);
	}
}

void pv_gnttab_get_stats(struct pv_gnttab_stats *st)
{
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	spin_lock_irqsave(&pv_gnttab_lock, flags);
	st->frames = pv_gnttab_frames;
	st->max_frames = pv_gnttab_max_frames;
	st->refs = pv_gnttab_fl.limit - pv_gnttab_fl.first;
	st->free = pv_gnttab_fl.nr_free;
	st->in_use = pv_gnttab_fl.in_use;
	st->high_water = pv_gnttab_fl.high_water;
	st->grants = pv_gnttab_grants;
	st->ends = pv_gnttab_ends;
	st->alloc_failed = pv_gnttab_alloc_failed;
	st->grow_failed = pv_gnttab_grow_failed;
	st->bad_frees = pv_gnttab_bad_frees;
	st->callbacks = pv_gnttab_callbacks;
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	pv_gnttab_deferred_stats(st);
}

int pv_gnttab_resume(void)
{
	unsigned long flags;
	int rc;

	if (!pv_gnttab_ready())
		return -ENODEV;
	spin_lock_irqsave(&pv_gnttab_lock, flags);
	rc = pv_gnttab_setup(0, pv_gnttab_frames);
	spin_unlock_irqrestore(&pv_gnttab_lock, flags);
	if (rc)
		pr_err("pv-grants: table not restored after resume: %d\n", rc);
	return rc;
}
EXPORT_SYMBOL_GPL(pv_gnttab_resume);

static int __init pv_gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	unsigned int cap, start;
	u32 *next;
	long rc;

	if (!pv_domain())
		return 0;
	rc = pv_hypercall_grant_table_op(GNTTABOP_query_size, &q, 1);
	if (rc || q.status != GNTST_okay) {
		pr_err("pv-grants: query_size refused: rc %ld, status %d\n",
		       rc, q.status);
		return 0;
	}
	if (!q.max_nr_frames || q.nr_frames > q.max_nr_frames) {
		pr_err("pv-grants: query_size gave %u frames of at most %u: not usable\n",
		       q.nr_frames, q.max_nr_frames);
		return 0;
	}
	pv_gnttab_max_frames = min_t(u32, q.max_nr_frames, PV_GNTTAB_MAX_FRAMES);
	start = max_t(u32, q.nr_frames, 1);

	cap = pv_gnttab_max_frames * PV_GNTTAB_ENTRIES_PER_FRAME;
	next = vmalloc(array_size(cap, sizeof(*next)));
	pv_gnttab_mfns = kcalloc(pv_gnttab_max_frames, sizeof(*pv_gnttab_mfns),
				 GFP_KERNEL);
	pv_gnttab_table = pv_mmu_reserve_area(pv_gnttab_max_frames);
	if (!next || !pv_gnttab_mfns || !pv_gnttab_table) {
		pr_err("pv-grants: no memory for a table of %u frames\n",
		       pv_gnttab_max_frames);
		goto fail;
	}
	pv_gnttab_freelist_init(&pv_gnttab_fl, next, cap,
				GNTTAB_NR_RESERVED_ENTRIES);
	if (pv_gnttab_setup(0, start))
		goto fail;
	pv_gnttab_frames = start;
	pv_gnttab_freelist_extend(&pv_gnttab_fl,
				  start * PV_GNTTAB_ENTRIES_PER_FRAME);
	WRITE_ONCE(pv_gnttab_up, true);
	pr_info("pv-grants: table v1: %u of at most %u frames (Xen's limit %u), %u references free\n",
		pv_gnttab_frames, pv_gnttab_max_frames, q.max_nr_frames,
		pv_gnttab_fl.nr_free);
	pv_gnttab_debugfs_init();
	return 0;

fail:
	/* The reserved area, if any, stays: it holds no mapping. */
	vfree(next);
	kfree(pv_gnttab_mfns);
	pv_gnttab_mfns = NULL;
	return 0;
}
subsys_initcall(pv_gnttab_init);
