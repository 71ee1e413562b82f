// SPDX-License-Identifier: GPL-2.0
/*
 * Deferred ends of access: pages a grantee still maps.
 *
 * Freeing such a page would hand the backend a window into whatever the
 * kernel puts there next.  The page and its reference are kept on a list
 * and retried once a second until the grantee unmaps; an entry still
 * mapped after PV_GNTTAB_DEFER_WARN_SECS gets one warning.  Only if the
 * list node itself cannot be allocated are reference and page kept for
 * good, which is counted and reported: the safe way to fail.
 */
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

#include "gnttab.h"

#define PV_GNTTAB_DEFER_RETRY		HZ
#define PV_GNTTAB_DEFER_WARN_SECS	5

struct pv_gnttab_deferred {
	struct list_head node;
	grant_ref_t ref;
	struct page *page;
	unsigned long since;
	bool warned;
};

static DEFINE_SPINLOCK(pv_gnttab_defer_lock);
static LIST_HEAD(pv_gnttab_defer_list);
static unsigned long pv_gnttab_deferred_now, pv_gnttab_deferred_total;
static unsigned long pv_gnttab_deferred_done, pv_gnttab_deferred_warned;
static unsigned long pv_gnttab_deferred_lost;

static void pv_gnttab_defer_retry(struct timer_list *t);
static DEFINE_TIMER(pv_gnttab_defer_timer, pv_gnttab_defer_retry);

void pv_gnttab_defer(grant_ref_t ref, struct page *page)
{
	struct pv_gnttab_deferred *d = kmalloc(sizeof(*d), GFP_ATOMIC);
	unsigned long flags;

	if (!d) {
		spin_lock_irqsave(&pv_gnttab_defer_lock, flags);
		pv_gnttab_deferred_lost++;
		spin_unlock_irqrestore(&pv_gnttab_defer_lock, flags);
		pr_err("pv-grants: no memory to track reference %u, still mapped by domain %u: reference and page are kept for good\n",
		       ref, pv_gnttab_entry_domid(ref));
		return;
	}
	d->ref = ref;
	d->page = page;
	d->since = jiffies;
	d->warned = false;
	spin_lock_irqsave(&pv_gnttab_defer_lock, flags);
	list_add_tail(&d->node, &pv_gnttab_defer_list);
	pv_gnttab_deferred_now++;
	pv_gnttab_deferred_total++;
	if (!timer_pending(&pv_gnttab_defer_timer))
		mod_timer(&pv_gnttab_defer_timer,
			  jiffies + PV_GNTTAB_DEFER_RETRY);
	spin_unlock_irqrestore(&pv_gnttab_defer_lock, flags);
}

static void pv_gnttab_defer_retry(struct timer_list *t)
{
	struct pv_gnttab_deferred *d, *tmp;
	unsigned long flags;
	LIST_HEAD(done);

	spin_lock_irqsave(&pv_gnttab_defer_lock, flags);
	list_for_each_entry_safe(d, tmp, &pv_gnttab_defer_list, node) {
		if (!pv_gnttab_end_ref(d->ref)) {
			list_move(&d->node, &done);
			pv_gnttab_deferred_now--;
			pv_gnttab_deferred_done++;
			continue;
		}
		if (!d->warned && time_after(jiffies, d->since +
					     PV_GNTTAB_DEFER_WARN_SECS * HZ)) {
			d->warned = true;
			pv_gnttab_deferred_warned++;
			pr_warn("pv-grants: reference %u still mapped by domain %u after %u s; its page stays allocated\n",
				d->ref, pv_gnttab_entry_domid(d->ref),
				jiffies_to_msecs(jiffies - d->since) / 1000);
		}
	}
	if (!list_empty(&pv_gnttab_defer_list))
		mod_timer(&pv_gnttab_defer_timer,
			  jiffies + PV_GNTTAB_DEFER_RETRY);
	spin_unlock_irqrestore(&pv_gnttab_defer_lock, flags);

	list_for_each_entry_safe(d, tmp, &done, node) {
		pv_gnttab_free_ref(d->ref);
		if (d->page)
			put_page(d->page);
		kfree(d);
	}
}

void pv_gnttab_deferred_stats(struct pv_gnttab_stats *st)
{
	unsigned long flags;

	spin_lock_irqsave(&pv_gnttab_defer_lock, flags);
	st->deferred = pv_gnttab_deferred_now;
	st->deferred_total = pv_gnttab_deferred_total;
	st->deferred_done = pv_gnttab_deferred_done;
	st->deferred_warned = pv_gnttab_deferred_warned;
	st->deferred_lost = pv_gnttab_deferred_lost;
	spin_unlock_irqrestore(&pv_gnttab_defer_lock, flags);
}
