// SPDX-License-Identifier: GPL-2.0
/*
 * Grant table core: the reference free list (growth, exhaustion, batch
 * all-or-nothing, refused double and stray puts) and the entry state
 * decisions against a simulated Xen that maps and unmaps the frame,
 * including in the middle of ending access.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <pv/grants_core.h>
#include "harness.h"

#define CAP (4 * PV_GNTTAB_ENTRIES_PER_FRAME)
#define RSV GNTTAB_NR_RESERVED_ENTRIES

static u32 slots[CAP];

static void freelist_init_args(void)
{
	struct pv_gnttab_freelist fl;

	CHECK_EQ(pv_gnttab_freelist_init(&fl, slots, 8, 8), -EINVAL);
	CHECK_EQ(pv_gnttab_freelist_init(&fl, slots, PV_GNTTAB_REF_IN_USE, 8),
		 -EINVAL);
	CHECK_EQ(pv_gnttab_freelist_init(&fl, slots, CAP, RSV), 0);
	CHECK_EQ(fl.nr_free, 0);
	CHECK_EQ(fl.limit, RSV);
	CHECK_EQ(pv_gnttab_freelist_extend(&fl, CAP + 1), -EINVAL);
	CHECK_EQ(pv_gnttab_freelist_extend(&fl, RSV - 1), -EINVAL);
}

/* Every usable reference once, lowest first; never a reserved one. */
static void freelist_grow_and_exhaust(void)
{
	struct pv_gnttab_freelist fl;
	grant_ref_t ref;
	u32 i, frame;

	pv_gnttab_freelist_init(&fl, slots, CAP, RSV);
	CHECK_EQ(pv_gnttab_freelist_get(&fl, &ref), -ENOSPC);
	for (frame = 1; frame <= 4; frame++) {
		u32 from = frame == 1 ? RSV : (frame - 1) * PV_GNTTAB_ENTRIES_PER_FRAME;

		CHECK_EQ(pv_gnttab_freelist_extend(&fl, frame * PV_GNTTAB_ENTRIES_PER_FRAME), 0);
		for (i = from; i < frame * PV_GNTTAB_ENTRIES_PER_FRAME; i++) {
			CHECK_EQ(pv_gnttab_freelist_get(&fl, &ref), 0);
			CHECK_EQ(ref, i);
		}
		CHECK_EQ(pv_gnttab_freelist_get(&fl, &ref), -ENOSPC);
	}
	CHECK_EQ(fl.in_use, CAP - RSV);
	CHECK_EQ(fl.high_water, CAP - RSV);
	for (i = RSV; i < CAP; i++)
		CHECK_EQ(pv_gnttab_freelist_put(&fl, i), 0);
	CHECK_EQ(fl.in_use, 0);
	CHECK_EQ(fl.nr_free, CAP - RSV);
	CHECK_EQ(fl.high_water, CAP - RSV);
	/* LIFO: the last one put comes out first. */
	CHECK_EQ(pv_gnttab_freelist_get(&fl, &ref), 0);
	CHECK_EQ(ref, CAP - 1);
}

static void freelist_bad_puts(void)
{
	struct pv_gnttab_freelist fl;
	grant_ref_t a, b;

	pv_gnttab_freelist_init(&fl, slots, CAP, RSV);
	pv_gnttab_freelist_extend(&fl, PV_GNTTAB_ENTRIES_PER_FRAME);
	CHECK_EQ(pv_gnttab_freelist_get(&fl, &a), 0);
	CHECK_EQ(pv_gnttab_freelist_get(&fl, &b), 0);
	CHECK_EQ(pv_gnttab_freelist_put(&fl, a), 0);
	CHECK_EQ(pv_gnttab_freelist_put(&fl, a), -EINVAL);	/* double */
	CHECK_EQ(pv_gnttab_freelist_put(&fl, 0), -EINVAL);	/* reserved */
	CHECK_EQ(pv_gnttab_freelist_put(&fl, b + 1), -EINVAL);	/* free one */
	CHECK_EQ(pv_gnttab_freelist_put(&fl, PV_GNTTAB_ENTRIES_PER_FRAME), -EINVAL);
	CHECK_EQ(pv_gnttab_freelist_put(&fl, 0xffffffffU), -EINVAL);
	CHECK_EQ(fl.in_use, 1);
	CHECK_EQ(fl.nr_free, PV_GNTTAB_ENTRIES_PER_FRAME - RSV - 1);
	CHECK_EQ(pv_gnttab_freelist_put(&fl, b), 0);
	CHECK_EQ(fl.in_use, 0);
}

static void freelist_batch(void)
{
	struct pv_gnttab_freelist fl;
	grant_ref_t refs[PV_GNTTAB_ENTRIES_PER_FRAME];
	u32 n = PV_GNTTAB_ENTRIES_PER_FRAME - RSV, i;

	pv_gnttab_freelist_init(&fl, slots, CAP, RSV);
	pv_gnttab_freelist_extend(&fl, PV_GNTTAB_ENTRIES_PER_FRAME);
	CHECK_EQ(pv_gnttab_freelist_get_n(&fl, n + 1, refs), -ENOSPC);
	CHECK_EQ(fl.nr_free, n);
	CHECK_EQ(fl.in_use, 0);
	CHECK_EQ(pv_gnttab_freelist_get_n(&fl, n - 3, refs), 0);
	CHECK_EQ(pv_gnttab_freelist_get_n(&fl, 4, refs + n - 3), -ENOSPC);
	CHECK_EQ(pv_gnttab_freelist_get_n(&fl, 3, refs + n - 3), 0);
	for (i = 0; i < n; i++)
		CHECK_EQ(refs[i], RSV + i);
	CHECK_EQ(pv_gnttab_freelist_get_n(&fl, 0, refs), 0);
	for (i = 0; i < n; i++)
		CHECK_EQ(pv_gnttab_freelist_put(&fl, refs[i]), 0);
	CHECK_EQ(fl.nr_free, n);
}

static void entry_grant_and_end(void)
{
	struct grant_entry_v1 e = { 0 };

	CHECK_EQ(pv_gnttab_entry_grant(&e, 0, 0x123456789ULL, false), -ERANGE);
	CHECK_EQ(e.flags, 0);
	CHECK_EQ(pv_gnttab_entry_grant(&e, 3, 0x1234, true), 0);
	CHECK_EQ(e.flags, GTF_permit_access | GTF_readonly);
	CHECK_EQ(e.domid, 3);
	CHECK_EQ(e.frame, 0x1234);
	CHECK_EQ(pv_gnttab_entry_end(&e), 0);
	CHECK_EQ(e.flags, 0);
	CHECK_EQ(pv_gnttab_entry_grant(&e, 0, 0x99, false), 0);
	CHECK_EQ(e.flags, GTF_permit_access);
}

/* The grantee maps: ending must fail and leave the entry as it is. */
static void entry_end_while_mapped(void)
{
	struct grant_entry_v1 e = { 0 };

	pv_gnttab_entry_grant(&e, 0, 0x55, true);
	e.flags |= GTF_reading;
	CHECK_EQ(pv_gnttab_entry_end(&e), -EBUSY);
	CHECK_EQ(e.flags, GTF_permit_access | GTF_readonly | GTF_reading);
	e.flags = GTF_permit_access | GTF_writing | GTF_reading;
	CHECK_EQ(pv_gnttab_entry_end(&e), -EBUSY);
	e.flags = GTF_permit_access;
	CHECK_EQ(pv_gnttab_entry_end(&e), 0);
	CHECK(!pv_gnttab_entry_busy(e.flags));
	CHECK(pv_gnttab_entry_busy(GTF_writing));
}

/*
 * Xen maps and unmaps the frame from another thread the way Xen does
 * (set GTF_reading only on a valid entry, with an atomic exchange;
 * clear it on unmap) while the guest ends access.  An end that clears
 * the entry with a plain store after checking the flags would now and
 * then wipe a mapping that began in between: the unmap would then find
 * the entry invalid under a live mapping.
 */
static struct grant_entry_v1 race_e;
static int race_stop;
static long race_maps, race_violations;

static void *race_xen(void *arg)
{
	u16 valid = GTF_permit_access | GTF_readonly, old;

	(void)arg;
	while (!__atomic_load_n(&race_stop, __ATOMIC_RELAXED)) {
		old = valid;
		if (!__atomic_compare_exchange_n(&race_e.flags, &old,
						 (u16)(valid | GTF_reading), false,
						 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			continue;
		__atomic_fetch_add(&race_maps, 1, __ATOMIC_RELAXED);
		old = __atomic_fetch_and(&race_e.flags, (u16)~GTF_reading,
					 __ATOMIC_SEQ_CST);
		if (!(old & GTF_permit_access))
			race_violations++;
	}
	return NULL;
}

static void entry_end_races_maps(void)
{
	pthread_t t;
	int round, rc, busy = 0;
	time_t start;

	__atomic_store_n(&race_stop, 0, __ATOMIC_RELAXED);
	race_maps = race_violations = 0;
	CHECK_EQ(pthread_create(&t, NULL, race_xen, NULL), 0);
	start = time(NULL);
	for (round = 0; round < 20000 ||
	     __atomic_load_n(&race_maps, __ATOMIC_RELAXED) < 1000; round++) {
		if (time(NULL) - start > 20)
			break;
		pv_gnttab_entry_grant(&race_e, 0, 0x77, true);
		do {
			rc = pv_gnttab_entry_end(&race_e);
			busy += rc == -EBUSY;
		} while (rc == -EBUSY);
		CHECK_EQ(rc, 0);
	}
	__atomic_store_n(&race_stop, 1, __ATOMIC_RELAXED);
	pthread_join(t, NULL);
	CHECK_EQ(race_violations, 0);
	/* The race window was exercised, not just the quiet path. */
	CHECK(race_maps >= 1000);
	printf("  race: %ld maps by the other thread, %d busy ends\n",
	       race_maps, busy);
}

const struct pv_test pv_tests[] = {
	TEST(freelist_init_args),
	TEST(freelist_grow_and_exhaust),
	TEST(freelist_bad_puts),
	TEST(freelist_batch),
	TEST(entry_grant_and_end),
	TEST(entry_end_while_mapped),
	TEST(entry_end_races_maps),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
