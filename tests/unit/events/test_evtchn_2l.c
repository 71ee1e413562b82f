// SPDX-License-Identifier: GPL-2.0
/*
 * The 2-level event channel core against a simulated Xen: ports raised
 * the way Xen raises them (pending bit, then selector bit and upcall
 * flag unless masked), delivered through pv_evtchn_2l_upcall().
 */
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <stdlib.h>
#include <pv/compat.h>
#include <pv/evtchn_2l.h>
#include "harness.h"

static struct shared_info *s;
static struct vcpu_info *vi;
static struct pv_evtchn_2l_state st;

void (*pv_test_after_xchg)(void *ptr);

#define MAX_LOG 8192
static unsigned int log_ports[MAX_LOG];
static unsigned int nr_log;
static bool ack_in_handler;

static void setup(void)
{
	free(s);
	s = calloc(1, sizeof(*s));
	vi = &s->vcpu_info[0];
	pv_evtchn_2l_reset(&st);
	nr_log = 0;
	ack_in_handler = true;
}

/* What Xen does to raise @port for vCPU 0. */
static void xen_raise(unsigned int port)
{
	unsigned long bit = 1UL << (port % 64);

	if (__atomic_fetch_or(&s->evtchn_pending[port / 64], bit,
			      __ATOMIC_SEQ_CST) & bit)
		return;
	if (__atomic_load_n(&s->evtchn_mask[port / 64], __ATOMIC_SEQ_CST) & bit)
		return;
	__atomic_fetch_or(&vi->evtchn_pending_sel, 1UL << (port / 64),
			  __ATOMIC_SEQ_CST);
	__atomic_store_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
}

static void record(evtchn_port_t port, void *ctx)
{
	(void)ctx;
	if (nr_log < MAX_LOG)
		log_ports[nr_log++] = port;
	if (ack_in_handler)
		pv_evtchn_2l_clear_pending(s, port);
}

static void evtchn_2l_delivers_in_port_order_across_words(void)
{
	static const unsigned int ports[] = { 4095, 0, 130, 64, 63, 1 };
	static const unsigned int want[] = { 0, 1, 63, 64, 130, 4095 };
	unsigned int i, n;

	setup();
	for (i = 0; i < ARRAY_SIZE(ports); i++)
		xen_raise(ports[i]);
	n = pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL);
	CHECK_EQ(n, ARRAY_SIZE(want));
	CHECK_EQ(nr_log, ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++)
		CHECK_EQ(log_ports[i], want[i]);
	CHECK_EQ(vi->evtchn_upcall_pending, 0);
	CHECK_EQ(vi->evtchn_pending_sel, 0);
	for (i = 0; i < ARRAY_SIZE(ports); i++)
		CHECK_EQ(pv_evtchn_2l_is_pending(s, ports[i]), 0);
}

static void evtchn_2l_skips_masked_and_unselected(void)
{
	setup();
	pv_evtchn_2l_mask(s, 70);
	xen_raise(70);		/* masked: pending but no selector bit */
	xen_raise(5);
	/* Pending in a word whose selector bit Xen did not set. */
	s->evtchn_pending[10] |= 1UL << 3;
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 1);
	CHECK_EQ(log_ports[0], 5);
	/* A masked port in a selected word is skipped too. */
	xen_raise(71);
	CHECK_EQ(pv_evtchn_2l_is_pending(s, 70), 1);
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 1);
	CHECK_EQ(log_ports[1], 71);
	CHECK_EQ(pv_evtchn_2l_is_pending(s, 70), 1);
}

static void evtchn_2l_resumes_after_last_port(void)
{
	setup();
	/* Pretend port 100 (word 1, bit 36) was delivered last. */
	st.last_word = 1;
	st.last_bit = 36;
	xen_raise(70);		/* word 1, below the resume point */
	xen_raise(120);		/* word 1, above it */
	xen_raise(10);		/* word 0 */
	xen_raise(4000);	/* word 62 */
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 4);
	CHECK_EQ(log_ports[0], 120);
	CHECK_EQ(log_ports[1], 4000);
	CHECK_EQ(log_ports[2], 10);
	CHECK_EQ(log_ports[3], 70);
	CHECK_EQ(st.last_word, 1);
	CHECK_EQ(st.last_bit, 6);
}

static void evtchn_2l_last_port_wraps_to_zero(void)
{
	setup();
	st.last_word = 63;
	st.last_bit = 63;
	xen_raise(4095);
	xen_raise(0);
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 2);
	CHECK_EQ(log_ports[0], 0);
	CHECK_EQ(log_ports[1], 4095);
}

/* A port that is never acknowledged is still delivered once per scan. */
static void evtchn_2l_unacked_port_once_per_scan(void)
{
	unsigned long left;

	setup();
	ack_in_handler = false;
	xen_raise(7);
	xen_raise(300);
	CHECK_EQ(pv_evtchn_2l_scan(&st, s->evtchn_pending, s->evtchn_mask,
				   ~0UL, 0, &left, record, NULL), 2);
	CHECK_EQ(left, 0);
	CHECK_EQ(nr_log, 2);
}

/*
 * A storm on port 1 (re-raised as soon as it is acknowledged) with a
 * budget of one port per upcall must not starve port 3000.
 */
static void evtchn_2l_budget_is_fair_under_a_storm(void)
{
	unsigned int i, seen_3000 = 0;

	setup();
	xen_raise(1);
	xen_raise(3000);
	for (i = 0; i < 10; i++) {
		CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 1, record, NULL), 1);
		/* Leftover work is handed back, not lost. */
		if (log_ports[nr_log - 1] == 3000) {
			seen_3000++;
		} else {
			CHECK_EQ(log_ports[nr_log - 1], 1);
			xen_raise(1);
		}
		CHECK_EQ(vi->evtchn_upcall_pending, 1);
		if (seen_3000)
			break;
	}
	CHECK_EQ(seen_3000, 1);
	CHECK(nr_log <= 2);
}

static void evtchn_2l_budget_returns_unvisited_words(void)
{
	setup();
	xen_raise(2);
	xen_raise(3);
	xen_raise(200);
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 1, record, NULL), 1);
	CHECK_EQ(log_ports[0], 2);
	CHECK_EQ(vi->evtchn_upcall_pending, 1);
	CHECK_EQ(vi->evtchn_pending_sel, (1UL << 0) | (1UL << 3));
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 2);
	CHECK_EQ(log_ports[1], 3);
	CHECK_EQ(log_ports[2], 200);
	CHECK_EQ(vi->evtchn_upcall_pending, 0);
	CHECK_EQ(vi->evtchn_pending_sel, 0);
}

/*
 * The upcall flag must already be clear when the selector is taken: the
 * handler raises a new port, as Xen would at that moment, and the same
 * upcall must deliver it.
 */
static unsigned int raised_in_handler;
static unsigned int flag_seen;

static void raise_once(evtchn_port_t port, void *ctx)
{
	record(port, ctx);
	flag_seen |= vi->evtchn_upcall_pending;
	if (!raised_in_handler++)
		xen_raise(2500);
}

static void evtchn_2l_event_during_upcall_not_lost(void)
{
	setup();
	raised_in_handler = 0;
	flag_seen = 0;
	xen_raise(9);
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, raise_once, NULL), 2);
	CHECK_EQ(flag_seen, 0);
	CHECK_EQ(log_ports[0], 9);
	CHECK_EQ(log_ports[1], 2500);
	CHECK_EQ(vi->evtchn_upcall_pending, 0);
}

/*
 * Xen raises a port in the instant after the guest took the selector.
 * Its selector bit lands in the now-empty selector and it sets the upcall
 * flag; because the guest cleared the flag before the exchange, the flag
 * survives and the same upcall goes round again.  (Clearing the flag
 * after the exchange would wipe it and strand the port.)
 */
static unsigned int raise_after_xchg_count;

static void raise_after_first_xchg(void *ptr)
{
	if (ptr == &vi->evtchn_pending_sel && !raise_after_xchg_count++)
		xen_raise(1234);
}

static void evtchn_2l_event_right_after_selector_exchange(void)
{
	unsigned int n;

	setup();
	raise_after_xchg_count = 0;
	xen_raise(17);
	pv_test_after_xchg = raise_after_first_xchg;
	n = pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL);
	pv_test_after_xchg = NULL;
	CHECK(raise_after_xchg_count >= 2);
	CHECK_EQ(n, 2);
	CHECK_EQ(log_ports[0], 17);
	CHECK_EQ(log_ports[1], 1234);
	CHECK_EQ(vi->evtchn_upcall_pending, 0);
	CHECK_EQ(vi->evtchn_pending_sel, 0);
}

static void storm(evtchn_port_t port, void *ctx)
{
	record(port, ctx);
	xen_raise(port);
}

static void evtchn_2l_upcall_rounds_are_bounded(void)
{
	setup();
	xen_raise(33);
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, storm, NULL),
		 PV_EVTCHN_2L_MAX_LOOPS);
	/* Still flagged, so the work is resumed later. */
	CHECK_EQ(vi->evtchn_upcall_pending, 1);
	CHECK_EQ(pv_evtchn_2l_is_pending(s, 33), 1);
}

static void evtchn_2l_port_ops_and_ranges(void)
{
	setup();
	CHECK_EQ(pv_evtchn_2l_mask(s, 4096), -EINVAL);
	CHECK_EQ(pv_evtchn_2l_unmask(s, 4096), -EINVAL);
	CHECK_EQ(pv_evtchn_2l_clear_pending(s, 0xffffffff), -EINVAL);
	CHECK_EQ(pv_evtchn_2l_is_pending(s, 4096), -EINVAL);
	CHECK_EQ(pv_evtchn_2l_is_masked(s, 4096), -EINVAL);

	CHECK_EQ(pv_evtchn_2l_mask(s, 4095), 0);
	CHECK_EQ(pv_evtchn_2l_is_masked(s, 4095), 1);
	CHECK_EQ(s->evtchn_mask[63], 1UL << 63);
	/* Not pending: unmasking needs no hypercall. */
	CHECK_EQ(pv_evtchn_2l_unmask(s, 4095), 0);
	CHECK_EQ(pv_evtchn_2l_is_masked(s, 4095), 0);
	/* Pending while masked: the caller must ask Xen to unmask. */
	pv_evtchn_2l_mask(s, 200);
	xen_raise(200);
	CHECK_EQ(vi->evtchn_upcall_pending, 0);
	CHECK_EQ(pv_evtchn_2l_unmask(s, 200), 1);
	CHECK_EQ(pv_evtchn_2l_clear_pending(s, 200), 0);
	CHECK_EQ(pv_evtchn_2l_is_pending(s, 200), 0);
	CHECK_EQ(pv_evtchn_2l_set_pending(s, 4096), -EINVAL);
}

/*
 * Replaying an acknowledged event (the kernel's retrigger): mask, set
 * pending, unmask; unmask reports that Xen must raise it, and once Xen
 * has (simulated here as Xen's unmask does) it is delivered.
 */
static void evtchn_2l_replay_after_ack(void)
{
	setup();
	xen_raise(300);
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 1);
	CHECK_EQ(pv_evtchn_2l_is_pending(s, 300), 0);
	pv_evtchn_2l_mask(s, 300);
	CHECK_EQ(pv_evtchn_2l_set_pending(s, 300), 0);
	CHECK_EQ(vi->evtchn_upcall_pending, 0);
	CHECK_EQ(pv_evtchn_2l_unmask(s, 300), 1);
	/* Xen's EVTCHNOP_unmask: pending and unmasked, so raise it. */
	__atomic_fetch_or(&vi->evtchn_pending_sel, 1UL << (300 / 64),
			  __ATOMIC_SEQ_CST);
	vi->evtchn_upcall_pending = 1;
	CHECK_EQ(pv_evtchn_2l_upcall(&st, s, vi, 0, record, NULL), 1);
	CHECK_EQ(log_ports[1], 300);
}

/*
 * Xen on another CPU: a thread raises random ports while this one takes
 * upcalls.  Every 0->1 transition of a pending bit must be delivered
 * exactly once (the handler acknowledges), none lost, none doubled.
 */
#define STRESS_NEW	50000		/* 0->1 transitions to make */
#define STRESS_SECONDS	60		/* give up after this long */
static unsigned long raised_new;
static volatile int xen_done;
static unsigned int delivered_count[EVTCHN_2L_NR_CHANNELS];

/*
 * Both sides give up after STRESS_SECONDS, a bound on wall time rather
 * than on iterations: on a loaded machine either thread may be off the
 * CPU for long stretches.
 */
static time_t stress_deadline;

static bool stress_expired(void)
{
	return time(NULL) > __atomic_load_n(&stress_deadline, __ATOMIC_RELAXED);
}

static void *xen_thread(void *arg)
{
	unsigned int seed = 12345, i, port;
	unsigned long bit;

	(void)arg;
	for (i = 0; raised_new < STRESS_NEW && !stress_expired(); i++) {
		seed = seed * 1103515245 + 12345;
		port = (seed >> 8) % 300 * 13 % EVTCHN_2L_NR_CHANNELS;
		bit = 1UL << (port % 64);
		if (__atomic_fetch_or(&s->evtchn_pending[port / 64], bit,
				      __ATOMIC_SEQ_CST) & bit) {
			/* Still pending: let the guest side catch up. */
			sched_yield();
			continue;
		}
		raised_new++;
		__atomic_fetch_or(&vi->evtchn_pending_sel, 1UL << (port / 64),
				  __ATOMIC_SEQ_CST);
		__atomic_store_n(&vi->evtchn_upcall_pending, 1,
				 __ATOMIC_SEQ_CST);
	}
	__atomic_store_n(&xen_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void count_and_ack(evtchn_port_t port, void *ctx)
{
	(void)ctx;
	delivered_count[port]++;
	pv_evtchn_2l_clear_pending(s, port);
}

static void evtchn_2l_concurrent_raises_none_lost(void)
{
	unsigned long total = 0;
	unsigned int i;
	pthread_t t;

	setup();
	memset(delivered_count, 0, sizeof(delivered_count));
	raised_new = 0;
	xen_done = 0;
	stress_deadline = time(NULL) + STRESS_SECONDS;
	CHECK_EQ(pthread_create(&t, NULL, xen_thread, NULL), 0);
	while (!__atomic_load_n(&xen_done, __ATOMIC_SEQ_CST) ||
	       __atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST)) {
		if (__atomic_load_n(&vi->evtchn_upcall_pending,
				    __ATOMIC_SEQ_CST))
			pv_evtchn_2l_upcall(&st, s, vi, 64, count_and_ack,
					    NULL);
		if (stress_expired())
			break;
	}
	pthread_join(t, NULL);
	for (i = 0; i < EVTCHN_2L_NR_CHANNELS; i++)
		total += delivered_count[i];
	CHECK_EQ(raised_new, STRESS_NEW);
	CHECK_EQ(total, raised_new);
	for (i = 0; i < 64; i++)
		CHECK_EQ(s->evtchn_pending[i], 0);
}

const struct pv_test pv_tests[] = {
	TEST(evtchn_2l_delivers_in_port_order_across_words),
	TEST(evtchn_2l_skips_masked_and_unselected),
	TEST(evtchn_2l_resumes_after_last_port),
	TEST(evtchn_2l_last_port_wraps_to_zero),
	TEST(evtchn_2l_unacked_port_once_per_scan),
	TEST(evtchn_2l_budget_is_fair_under_a_storm),
	TEST(evtchn_2l_budget_returns_unvisited_words),
	TEST(evtchn_2l_event_during_upcall_not_lost),
	TEST(evtchn_2l_event_right_after_selector_exchange),
	TEST(evtchn_2l_upcall_rounds_are_bounded),
	TEST(evtchn_2l_port_ops_and_ranges),
	TEST(evtchn_2l_replay_after_ack),
	TEST(evtchn_2l_concurrent_raises_none_lost),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
