// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only interface of the grant service (CONFIG_PV_GRANTS_TEST):
 * /sys/kernel/debug/pv/grants_test takes one command per write and
 * gives back the result of the last one on read.  The host tests drive
 * it from the guest's shell while dom0 maps the grants from outside.
 *
 *   grant ro|rw DOMID BYTE   a new page filled with BYTE, granted; -> ref
 *   check REF BYTE           whether the page of REF holds BYTE throughout
 *   end REF                  pv_gnttab_end_access(); -> ended | deferred
 *   exhaust                  take references until none is left, check
 *                            batches and the free callback, give all back
 *   bench N                  N grant + end pairs on one page, timed
 *   resume                   pv_gnttab_resume(), as after a restore
 */
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include <pv/grants_core.h>

#include "gnttab.h"

#define PV_GNTTAB_TEST_PAGES	8
#define PV_GNTTAB_TEST_RESULT	256

struct pv_gnttab_test_page {
	grant_ref_t ref;
	struct page *page;
};

static DEFINE_MUTEX(pv_gnttab_test_lock);
static struct pv_gnttab_test_page pv_gnttab_test_pages[PV_GNTTAB_TEST_PAGES];
static char pv_gnttab_test_result[PV_GNTTAB_TEST_RESULT];

#define pv_gnttab_test_say(...) \
	scnprintf(pv_gnttab_test_result, sizeof(pv_gnttab_test_result), __VA_ARGS__)

static struct pv_gnttab_test_page *pv_gnttab_test_find(grant_ref_t ref)
{
	int i;

	for (i = 0; i < PV_GNTTAB_TEST_PAGES; i++)
		if (pv_gnttab_test_pages[i].page &&
		    pv_gnttab_test_pages[i].ref == ref)
			return &pv_gnttab_test_pages[i];
	return NULL;
}

static int pv_gnttab_test_grant(bool readonly, unsigned int domid,
				unsigned int byte)
{
	struct pv_gnttab_test_page *slot = NULL;
	struct page *page;
	int i, ref;

	for (i = 0; i < PV_GNTTAB_TEST_PAGES && !slot; i++)
		if (!pv_gnttab_test_pages[i].page)
			slot = &pv_gnttab_test_pages[i];
	if (!slot)
		return -ENOSPC;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	memset(page_address(page), byte, PAGE_SIZE);
	ref = pv_gnttab_grant(domid, page, readonly);
	if (ref < 0) {
		__free_page(page);
		return ref;
	}
	slot->ref = ref;
	slot->page = page;
	pv_gnttab_test_say("%d\n", ref);
	return 0;
}

static int pv_gnttab_test_check(grant_ref_t ref, unsigned int byte)
{
	struct pv_gnttab_test_page *slot = pv_gnttab_test_find(ref);
	const u8 *p;
	int i;

	if (!slot)
		return -ENOENT;
	p = page_address(slot->page);
	for (i = 0; i < PAGE_SIZE; i++) {
		if (p[i] != (u8)byte) {
			pv_gnttab_test_say("mismatch at %d: %#x, want %#x\n",
					   i, p[i], byte);
			return 0;
		}
	}
	pv_gnttab_test_say("match %#x\n", byte);
	return 0;
}

static int pv_gnttab_test_end(grant_ref_t ref)
{
	struct pv_gnttab_test_page *slot = pv_gnttab_test_find(ref);
	struct pv_gnttab_stats before, after;

	if (!slot)
		return -ENOENT;
	pv_gnttab_get_stats(&before);
	pv_gnttab_end_access(ref, slot->page);
	pv_gnttab_get_stats(&after);
	slot->page = NULL;
	pv_gnttab_test_say("%s\n", after.deferred_total > before.deferred_total ?
			   "deferred" : "ended");
	return 0;
}

static void pv_gnttab_test_wake(void *arg)
{
	complete(arg);
}

/*
 * Everything the table can hold, one by one: the table must grow to
 * Xen's limit and then refuse.  Then, with all taken: a batch larger
 * than what is free fails and takes nothing, a fitting one succeeds,
 * and a free callback runs once references come back.
 */
static int pv_gnttab_test_exhaust(void)
{
	struct pv_gnttab_stats st0, full, end;
	struct pv_gnttab_callback cb = { };
	DECLARE_COMPLETION_ONSTACK(called);
	unsigned int n = 0, cap;
	bool batch_ok, cb_ok;
	grant_ref_t *refs;
	int last = 0;

	pv_gnttab_get_stats(&st0);
	cap = st0.max_frames * PV_GNTTAB_ENTRIES_PER_FRAME;
	refs = vmalloc(array_size(cap, sizeof(*refs)));
	if (!refs)
		return -ENOMEM;
	while (n < cap && !(last = pv_gnttab_alloc_ref(&refs[n])))
		n++;
	pv_gnttab_get_stats(&full);
	if (n < 20) {
		pv_gnttab_free_refs(n, refs);
		vfree(refs);
		return -ENOSPC;
	}

	/* All taken: 16 back, 17 must fail whole, 16 must succeed. */
	n -= 16;
	pv_gnttab_free_refs(16, &refs[n]);
	batch_ok = pv_gnttab_alloc_refs(17, &refs[n]) == -ENOSPC &&
		   pv_gnttab_alloc_refs(16, &refs[n]) == 0;
	if (batch_ok)
		n += 16;

	/* Nothing free: the callback waits for 4, which come back. */
	pv_gnttab_request_free_callback(&cb, pv_gnttab_test_wake, &called, 4);
	n -= 4;
	pv_gnttab_free_refs(4, &refs[n]);
	cb_ok = wait_for_completion_timeout(&called, 5 * HZ) > 0;
	if (!cb_ok)
		pv_gnttab_cancel_free_callback(&cb);

	pv_gnttab_free_refs(n, refs);
	vfree(refs);
	pv_gnttab_get_stats(&end);
	pv_gnttab_test_say("took %u refs (%u in use), frames %u/%u, then %d; batch %s; callback %s; after: in_use %u free %u\n",
				full.in_use - st0.in_use, full.in_use,
				full.frames, full.max_frames, last,
				batch_ok ? "ok" : "FAILED",
				cb_ok ? "ok" : "FAILED", end.in_use, end.free);
	return 0;
}

static int pv_gnttab_test_bench(unsigned int n)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned int i;
	ktime_t t0;
	s64 ns;
	int ref;

	if (!page)
		return -ENOMEM;
	t0 = ktime_get();
	for (i = 0; i < n; i++) {
		ref = pv_gnttab_grant(0, page, true);
		if (ref < 0)
			break;
		if (pv_gnttab_end_ref(ref)) {
			/* dom0 cannot know this reference: never mapped. */
			pv_gnttab_test_say("end of fresh ref %d refused\n", ref);
			__free_page(page);
			return 0;
		}
		pv_gnttab_free_ref(ref);
	}
	ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	__free_page(page);
	if (i < n)
		return ref;
	pv_gnttab_test_say("%u grant+end pairs in %lld us: %lld per second\n",
			   n, ns / 1000, ns ? (s64)n * NSEC_PER_SEC / ns : 0);
	return 0;
}

/*
 * Without a real save and restore Xen hands back the same frames, so
 * this shows that the set-up and the remapping of every frame go
 * through on a full table; a grant afterwards writes through the new
 * mappings.
 */
static int pv_gnttab_test_resume(void)
{
	struct pv_gnttab_stats st;
	int rc;

	rc = pv_gnttab_resume();
	if (rc)
		return rc;
	pv_gnttab_get_stats(&st);
	pv_gnttab_test_say("resumed: %u frames set up and mapped again\n",
			   st.frames);
	return 0;
}

static ssize_t pv_gnttab_test_write(struct file *f, const char __user *ubuf,
				    size_t len, loff_t *pos)
{
	char buf[64], mode[4];
	unsigned int a, b;
	int rc = -EINVAL;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	mutex_lock(&pv_gnttab_test_lock);
	pv_gnttab_test_say("error\n");
	if (sscanf(buf, "grant %3s %u %i", mode, &a, &b) == 3 &&
	    (!strcmp(mode, "ro") || !strcmp(mode, "rw")))
		rc = pv_gnttab_test_grant(mode[1] == 'o', a, b);
	else if (sscanf(buf, "check %u %i", &a, &b) == 2)
		rc = pv_gnttab_test_check(a, b);
	else if (sscanf(buf, "end %u", &a) == 1)
		rc = pv_gnttab_test_end(a);
	else if (!strncmp(buf, "exhaust", 7))
		rc = pv_gnttab_test_exhaust();
	else if (!strncmp(buf, "resume", 6))
		rc = pv_gnttab_test_resume();
	else if (sscanf(buf, "bench %u", &a) == 1 && a)
		rc = pv_gnttab_test_bench(a);
	if (rc)
		pv_gnttab_test_say("error %d\n", rc);
	mutex_unlock(&pv_gnttab_test_lock);
	return rc ? rc : len;
}

static ssize_t pv_gnttab_test_read(struct file *f, char __user *ubuf,
				   size_t len, loff_t *pos)
{
	ssize_t n;

	mutex_lock(&pv_gnttab_test_lock);
	n = simple_read_from_buffer(ubuf, len, pos, pv_gnttab_test_result,
				    strlen(pv_gnttab_test_result));
	mutex_unlock(&pv_gnttab_test_lock);
	return n;
}

static const struct file_operations pv_gnttab_test_fops = {
	.owner = THIS_MODULE,
	.write = pv_gnttab_test_write,
	.read = pv_gnttab_test_read,
	.llseek = default_llseek,
};

void pv_gnttab_test_init(struct dentry *dir)
{
	debugfs_create_file("grants_test", 0600, dir, NULL,
			    &pv_gnttab_test_fops);
}
