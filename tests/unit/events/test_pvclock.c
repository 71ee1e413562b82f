// SPDX-License-Identifier: GPL-2.0
/*
 * The pvclock, wall clock and runstate core (include/pv/time.h) with a
 * fake TSC: the conversion against 128-bit arithmetic, the version
 * protocol (odd, changed, never settling), the monotonic clamp, and a
 * writer thread that keeps rewriting the record while readers check
 * that they only ever see consistent copies.
 */
#include <pthread.h>
#include <stdlib.h>
#include <pv/compat.h>
#include <pv/time.h>
#include "harness.h"

/* No test here plays Xen between exchanges. */
void (*pv_test_after_xchg)(void *ptr);

static u64 fake_tsc;
static struct vcpu_time_info ti;
static void (*tsc_hook)(void);
static unsigned int tsc_reads;

static u64 read_fake_tsc(void)
{
	tsc_reads++;
	if (tsc_hook)
		tsc_hook();
	return __atomic_load_n(&fake_tsc, __ATOMIC_SEQ_CST);
}

static u64 ref_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

static u64 rnd64(void)
{
	return ((u64)random() << 42) ^ ((u64)random() << 21) ^ (u64)random();
}

static void pvclock_scale_matches_128bit(void)
{
	static const u64 edge[] = { 0, 1, 0xffffffffULL, 0x100000000ULL,
				    0xffffffffffffffffULL, 1ULL << 63 };
	static const u32 muls[] = { 0, 1, 0x80000000U, 0xffffffffU };
	unsigned int i, j;
	u64 d;
	u32 m;
	s8 sh;

	for (i = 0; i < ARRAY_SIZE(edge); i++)
		for (j = 0; j < ARRAY_SIZE(muls); j++)
			CHECK_EQ(pv_pvclock_scale(edge[i], muls[j], 0),
				 ref_scale(edge[i], muls[j], 0));
	srandom(1);
	for (i = 0; i < 1000000; i++) {
		d = rnd64() >> (random() % 64);
		m = (u32)rnd64();
		sh = (s8)(random() % 11) - 5;
		if (sh > 0)
			d >>= sh;	/* what Xen's small deltas guarantee */
		CHECK_EQ(pv_pvclock_scale(d, m, sh), ref_scale(d, m, sh));
	}
}

static void pvclock_scale_known_rates(void)
{
	/* 0.5 ns per tick: a 2 GHz TSC. */
	CHECK_EQ(pv_pvclock_scale(1000, 0x80000000U, 0), 500);
	/* 3 GHz as Xen encodes it: mul = 2^32 * 2/3, shift -1 (x 1/2) ... */
	CHECK_EQ(pv_pvclock_scale(3000000000ULL, 0xaaaaaaabU, -1),
		 1000000000ULL);
	/* ...and a slow 500 MHz clock: shift +1, mul = 2^32. */
	CHECK_EQ(pv_pvclock_scale(500000000ULL, 0xffffffffU, 1), 999999999ULL);
}

static void set_record(u32 version, u64 tsc_ts, u64 sys, u32 mul, s8 shift,
		       u8 flags)
{
	ti.version = version;
	ti.tsc_timestamp = tsc_ts;
	ti.system_time = sys;
	ti.tsc_to_system_mul = mul;
	ti.tsc_shift = shift;
	ti.flags = flags;
}

static void pvclock_reads_a_stable_record(void)
{
	u64 last = 0;

	tsc_hook = NULL;
	set_record(2, 1000, 5000000, 0x80000000U, 0,
		   XEN_PVCLOCK_TSC_STABLE_BIT);
	fake_tsc = 3000;
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 5001000);
}

/* Xen is mid-update (odd) on the first try and finishes meanwhile. */
static void finish_update(void)
{
	if (tsc_reads == 1) {
		ti.system_time = 9000000;
		ti.tsc_timestamp = 2000;
		__atomic_store_n(&ti.version, 4, __ATOMIC_SEQ_CST);
	}
}

static void pvclock_retries_while_odd(void)
{
	u64 last = 0;

	set_record(3, 1000, 5000000, 0x80000000U, 0,
		   XEN_PVCLOCK_TSC_STABLE_BIT);
	fake_tsc = 4000;
	tsc_reads = 0;
	tsc_hook = finish_update;
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 9001000);
	CHECK_EQ(tsc_reads, 2);
	tsc_hook = NULL;
}

/* Even before and after, but a different even value: a torn read. */
static void bump_version(void)
{
	if (tsc_reads == 1) {
		ti.system_time = 7000000;
		__atomic_store_n(&ti.version, 8, __ATOMIC_SEQ_CST);
	}
}

static void pvclock_retries_when_version_changed(void)
{
	u64 last = 0;

	set_record(6, 1000, 5000000, 0x80000000U, 0,
		   XEN_PVCLOCK_TSC_STABLE_BIT);
	fake_tsc = 1000;
	tsc_reads = 0;
	tsc_hook = bump_version;
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 7000000);
	CHECK_EQ(tsc_reads, 2);
	tsc_hook = NULL;
}

static void pvclock_gives_up_on_a_record_that_never_settles(void)
{
	struct pv_pvclock_snap snap;
	u64 last = 1234;

	set_record(1, 0, 99999999, 0x80000000U, 0, 0);
	tsc_reads = 0;
	CHECK(!pv_pvclock_snapshot(&ti, read_fake_tsc, &snap));
	CHECK_EQ(tsc_reads, PV_TIME_MAX_RETRIES);
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 1234);
}

static void pvclock_tsc_behind_stamp_is_no_time(void)
{
	u64 last = 0;

	set_record(2, 100000, 5000000, 0x80000000U, 0,
		   XEN_PVCLOCK_TSC_STABLE_BIT);
	fake_tsc = 99000;
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 5000000);
}

static void pvclock_clamps_unless_stable(void)
{
	u64 last = 0;

	set_record(2, 0, 5000000, 0x80000000U, 0, 0);
	fake_tsc = 2000;
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 5001000);
	CHECK_EQ(last, 5001000);
	/* Another vCPU's record, slightly behind: must not go backwards. */
	set_record(2, 0, 4999000, 0x80000000U, 0, 0);
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 5001000);
	fake_tsc = 10000;
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 5004000);
	/* A stable TSC needs no clamp, and the clamp state is untouched. */
	set_record(2, 0, 1000, 0x80000000U, 0, XEN_PVCLOCK_TSC_STABLE_BIT);
	CHECK_EQ(pv_pvclock_read(&ti, read_fake_tsc, &last), 6000);
	CHECK_EQ(last, 5004000);
}

/*
 * A writer rewrites the record as Xen does (odd version, fields, even
 * version) keeping system_time = 3 * tsc_timestamp; a reader must never
 * see a pair that breaks it.
 */
static int writer_stop;

static void *record_writer(void *arg)
{
	u64 t;

	(void)arg;
	for (t = 1; !__atomic_load_n(&writer_stop, __ATOMIC_SEQ_CST); t++) {
		__atomic_store_n(&ti.version, ti.version + 1, __ATOMIC_SEQ_CST);
		__atomic_store_n(&ti.tsc_timestamp, t * 1000, __ATOMIC_RELAXED);
		__atomic_store_n(&ti.system_time, t * 3000, __ATOMIC_RELAXED);
		__atomic_store_n(&ti.version, ti.version + 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static u64 zero_tsc(void)
{
	return 0;
}

static void pvclock_concurrent_writer_never_torn(void)
{
	struct pv_pvclock_snap snap;
	unsigned int i, ok = 0;
	pthread_t t;

	set_record(0, 1000, 3000, 0, 0, 0);
	writer_stop = 0;
	CHECK_EQ(pthread_create(&t, NULL, record_writer, NULL), 0);
	for (i = 0; i < 2000000; i++) {
		if (!pv_pvclock_snapshot(&ti, zero_tsc, &snap))
			continue;
		ok++;
		if (snap.system_time != 3 * snap.tsc_timestamp)
			break;
	}
	__atomic_store_n(&writer_stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(t, NULL);
	CHECK_EQ(i, 2000000);
	CHECK(ok > 1000);
}

static void wallclock_version_and_high_word(void)
{
	struct shared_info *s = calloc(1, sizeof(*s));
	u64 sec;
	u32 nsec;

	CHECK(s);
	s->wc_version = 2;
	s->wc_sec = 0x12345678;
	s->wc_sec_hi = 1;
	s->wc_nsec = 999999999;
	CHECK(pv_wallclock_read(s, &sec, &nsec));
	CHECK_EQ(sec, 0x112345678ULL);
	CHECK_EQ(nsec, 999999999);
	s->wc_version = 3;
	CHECK(!pv_wallclock_read(s, &sec, &nsec));
	s->wc_version = 4;
	s->wc_nsec = 1000000000;	/* not a valid nanosecond count */
	CHECK(!pv_wallclock_read(s, &sec, &nsec));
	free(s);
}

static void wallclock_add_carries(void)
{
	u64 sec;
	u32 nsec;

	pv_wallclock_add(1700000000, 999999999, 1, &sec, &nsec);
	CHECK_EQ(sec, 1700000001);
	CHECK_EQ(nsec, 0);
	pv_wallclock_add(10, 500000000, 3 * PV_NSEC_PER_SEC + 700000000,
			 &sec, &nsec);
	CHECK_EQ(sec, 14);
	CHECK_EQ(nsec, 200000000);
	pv_wallclock_add(0, 0, 0xffffffffffffffffULL, &sec, &nsec);
	CHECK_EQ(sec, 18446744073ULL);
	CHECK_EQ(nsec, 709551615);
}

static void runstate_snapshot_and_steal(void)
{
	struct vcpu_runstate_info rs = { 0 }, copy;

	rs.state = RUNSTATE_running;
	rs.state_entry_time = 5000;
	rs.time[RUNSTATE_running] = 100;
	rs.time[RUNSTATE_runnable] = 20;
	rs.time[RUNSTATE_blocked] = 400;
	rs.time[RUNSTATE_offline] = 3;
	CHECK(pv_runstate_snapshot(&rs, &copy));
	CHECK_EQ(pv_runstate_steal(&copy), 23);
	CHECK_EQ(copy.state_entry_time, 5000);
	rs.state_entry_time |= XEN_RUNSTATE_UPDATE;
	CHECK(!pv_runstate_snapshot(&rs, &copy));
}

const struct pv_test pv_tests[] = {
	TEST(pvclock_scale_matches_128bit),
	TEST(pvclock_scale_known_rates),
	TEST(pvclock_reads_a_stable_record),
	TEST(pvclock_retries_while_odd),
	TEST(pvclock_retries_when_version_changed),
	TEST(pvclock_gives_up_on_a_record_that_never_settles),
	TEST(pvclock_tsc_behind_stamp_is_no_time),
	TEST(pvclock_clamps_unless_stable),
	TEST(pvclock_concurrent_writer_never_torn),
	TEST(wallclock_version_and_high_word),
	TEST(wallclock_add_carries),
	TEST(runstate_snapshot_and_steal),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
