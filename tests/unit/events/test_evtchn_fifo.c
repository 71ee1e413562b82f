// SPDX-License-Identifier: GPL-2.0
/*
 * The FIFO event channel core against a simulated Xen that links events
 * the way Xen does (append to the tail while it is still LINKED, else
 * start a new queue at HEAD; set READY), and against event pages and
 * control blocks holding values no correct Xen writes.
 */
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <stdlib.h>
#include <pv/compat.h>
#include <pv/evtchn_fifo.h>
#include "harness.h"

void (*pv_test_after_xchg)(void *ptr);

#define NR_PAGES 2
#define NR_PORTS (NR_PAGES * PV_EVTCHN_FIFO_WORDS_PER_PAGE)

static struct pv_evtchn_fifo_array arr;
static event_word_t *pages[NR_PAGES];
static struct evtchn_fifo_control_block *cb;
static struct pv_evtchn_fifo_queues q;
static struct pv_evtchn_fifo_error err;
static u32 xen_tail[EVTCHN_FIFO_MAX_QUEUES];
static u8 prio_of[NR_PORTS];

#define MAX_LOG 4096
static unsigned int log_ports[MAX_LOG];
static unsigned int nr_log;

static void setup(void)
{
	unsigned int i;

	for (i = 0; i < NR_PAGES; i++) {
		free(pages[i]);
		pages[i] = calloc(1, PV_EVTCHN_FIFO_PAGE_SIZE);
	}
	free(cb);
	cb = calloc(1, sizeof(*cb));
	memset(&arr, 0, sizeof(arr));
	for (i = 0; i < NR_PAGES; i++)
		arr.pages[i] = pages[i];
	arr.nr_pages = NR_PAGES;
	memset(&q, 0, sizeof(q));
	memset(&err, 0, sizeof(err));
	memset(xen_tail, 0, sizeof(xen_tail));
	for (i = 0; i < NR_PORTS; i++)
		prio_of[i] = EVTCHN_FIFO_PRIORITY_DEFAULT;
	nr_log = 0;
}

static event_word_t *W(unsigned int port)
{
	return &pages[port / PV_EVTCHN_FIFO_WORDS_PER_PAGE]
		     [port % PV_EVTCHN_FIFO_WORDS_PER_PAGE];
}

#define B(x) ((event_word_t)1 << (x))

/* Xen's side of raising @port.  Returns true for a 0->1 PENDING change. */
static bool xen_raise(unsigned int port)
{
	unsigned int qn = prio_of[port];
	event_word_t old, *tw;
	bool appended = false;

	old = __atomic_fetch_or(W(port), B(EVTCHN_FIFO_PENDING),
				__ATOMIC_SEQ_CST);
	if (old & B(EVTCHN_FIFO_PENDING))
		return false;
	if (old & (B(EVTCHN_FIFO_MASKED) | B(EVTCHN_FIFO_LINKED)))
		return true;
	__atomic_fetch_or(W(port), B(EVTCHN_FIFO_LINKED), __ATOMIC_SEQ_CST);
	if (xen_tail[qn] && xen_tail[qn] != port) {
		tw = W(xen_tail[qn]);
		old = __atomic_load_n(tw, __ATOMIC_SEQ_CST);
		while (old & B(EVTCHN_FIFO_LINKED)) {
			if (__atomic_compare_exchange_n(tw, &old,
					(old & ~EVTCHN_FIFO_LINK_MASK) | port,
					false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST)) {
				appended = true;
				break;
			}
		}
	}
	if (!appended)
		__atomic_store_n(&cb->head[qn], port, __ATOMIC_SEQ_CST);
	xen_tail[qn] = port;
	__atomic_fetch_or(&cb->ready, 1U << qn, __ATOMIC_SEQ_CST);
	return true;
}

static void record(evtchn_port_t port, void *ctx)
{
	(void)ctx;
	if (nr_log < MAX_LOG)
		log_ports[nr_log++] = port;
	pv_evtchn_fifo_clear_pending(&arr, port);
}

static int consume(unsigned int budget, bool *more)
{
	return pv_evtchn_fifo_consume(&arr, cb, &q, budget, more, &err,
				      record, NULL);
}

static void evtchn_fifo_one_queue_in_order(void)
{
	bool more;

	setup();
	xen_raise(5);
	xen_raise(3);
	xen_raise(2000);	/* on the second page */
	CHECK_EQ(consume(0, &more), 3);
	CHECK(!more);
	CHECK_EQ(log_ports[0], 5);
	CHECK_EQ(log_ports[1], 3);
	CHECK_EQ(log_ports[2], 2000);
	CHECK_EQ(cb->ready, 0);
	CHECK_EQ(*W(5) & (B(EVTCHN_FIFO_LINKED) | EVTCHN_FIFO_LINK_MASK), 0);
	CHECK_EQ(*W(2000), 0);
	/* The queue is empty; a new event starts it again at HEAD. */
	xen_raise(7);
	CHECK_EQ(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 7);
	CHECK_EQ(consume(0, &more), 1);
	CHECK_EQ(log_ports[3], 7);
}

static void evtchn_fifo_higher_priority_first(void)
{
	bool more;

	setup();
	prio_of[10] = 9;
	prio_of[11] = 9;
	prio_of[20] = 2;
	prio_of[30] = EVTCHN_FIFO_PRIORITY_MAX;
	xen_raise(10);
	xen_raise(11);
	xen_raise(20);
	xen_raise(30);
	CHECK_EQ(consume(0, &more), 4);
	CHECK_EQ(log_ports[0], 30);
	CHECK_EQ(log_ports[1], 20);
	CHECK_EQ(log_ports[2], 10);
	CHECK_EQ(log_ports[3], 11);
}

/* An urgent event queued while a long low-priority queue is walked. */
static void raise_urgent_once(evtchn_port_t port, void *ctx)
{
	record(port, ctx);
	if (port == 100)
		xen_raise(500);
}

static void evtchn_fifo_priority_rechecked_after_each_event(void)
{
	bool more;

	setup();
	prio_of[100] = prio_of[101] = prio_of[102] = 15;
	prio_of[500] = 1;
	xen_raise(100);
	xen_raise(101);
	xen_raise(102);
	CHECK_EQ(pv_evtchn_fifo_consume(&arr, cb, &q, 0, &more, &err,
					raise_urgent_once, NULL), 4);
	CHECK_EQ(log_ports[0], 100);
	CHECK_EQ(log_ports[1], 500);
	CHECK_EQ(log_ports[2], 101);
	CHECK_EQ(log_ports[3], 102);
}

static void evtchn_fifo_masked_in_queue_not_delivered(void)
{
	bool more;

	setup();
	xen_raise(40);
	xen_raise(41);
	/* Masked after Xen queued it: taken off the queue, not delivered. */
	CHECK_EQ(pv_evtchn_fifo_mask(&arr, 40), 0);
	CHECK_EQ(consume(0, &more), 1);
	CHECK_EQ(nr_log, 1);
	CHECK_EQ(log_ports[0], 41);
	CHECK_EQ(pv_evtchn_fifo_is_pending(&arr, 40), 1);
	CHECK_EQ(*W(40) & B(EVTCHN_FIFO_LINKED), 0);
	/* Pending and masked: only Xen may unmask (and requeue) it. */
	CHECK_EQ(pv_evtchn_fifo_unmask(&arr, 40), 1);
	CHECK_EQ(pv_evtchn_fifo_is_masked(&arr, 40), 1);
}

static void evtchn_fifo_head_out_of_range_is_an_error(void)
{
	bool more;

	setup();
	cb->head[3] = NR_PORTS;		/* one past the array */
	cb->ready = 1U << 3;
	CHECK_EQ(consume(0, &more), -EIO);
	CHECK_EQ(err.queue, 3);
	CHECK_EQ(err.value, NR_PORTS);
	CHECK(err.what != NULL);
	CHECK_EQ(nr_log, 0);
}

static void evtchn_fifo_link_out_of_range_is_an_error(void)
{
	bool more;

	setup();
	*W(8) = B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) |
		EVTCHN_FIFO_LINK_MASK;	/* LINK 131071: no such page */
	cb->head[0] = 8;
	cb->ready = 1;
	CHECK_EQ(consume(0, &more), -EIO);
	CHECK_EQ(err.value, EVTCHN_FIFO_LINK_MASK);
	CHECK_EQ(nr_log, 0);
	/* A LINK within LINK_BITS but past the pages given is just as bad. */
	setup();
	*W(8) = B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) | NR_PORTS;
	cb->head[0] = 8;
	cb->ready = 1;
	CHECK_EQ(consume(0, &more), -EIO);
	CHECK_EQ(err.value, NR_PORTS);
}

static void evtchn_fifo_missing_page_is_an_error(void)
{
	bool more;

	setup();
	arr.pages[1] = NULL;
	cb->head[0] = PV_EVTCHN_FIFO_WORDS_PER_PAGE + 1;
	cb->ready = 1;
	CHECK_EQ(consume(0, &more), -EIO);
	CHECK(pv_evtchn_fifo_word(&arr, PV_EVTCHN_FIFO_WORDS_PER_PAGE) == NULL);
	arr.nr_pages = 1000;	/* more than the ABI allows: clamped */
	CHECK_EQ(pv_evtchn_fifo_nr_ports(&arr), EVTCHN_FIFO_NR_CHANNELS);
}

static void evtchn_fifo_self_link_is_an_error(void)
{
	bool more;

	setup();
	*W(9) = B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) | 9;
	cb->head[5] = 9;
	cb->ready = 1U << 5;
	CHECK_EQ(consume(0, &more), -EIO);
	CHECK_EQ(err.queue, 5);
}

/* A two-port LINK cycle re-linked behind the guest's back: bounded. */
static void relink(evtchn_port_t port, void *ctx)
{
	record(port, ctx);
	__atomic_fetch_or(W(port), B(EVTCHN_FIFO_PENDING) |
			  B(EVTCHN_FIFO_LINKED) | (port == 12 ? 13 : 12),
			  __ATOMIC_SEQ_CST);
}

static void evtchn_fifo_link_cycle_is_bounded(void)
{
	bool more = false;
	int n = 0;

	setup();
	*W(12) = B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) | 13;
	*W(13) = B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) | 12;
	cb->head[7] = 12;
	cb->ready = 1U << 7;
	n = pv_evtchn_fifo_consume(&arr, cb, &q, 50, &more, &err, relink,
				   NULL);
	CHECK_EQ(n, 50);
	CHECK(more);
	/* The queue is handed back through READY for the next upcall. */
	CHECK_EQ(cb->ready, 1U << 7);
}

static void evtchn_fifo_budget_resumes_where_it_stopped(void)
{
	unsigned int i;
	bool more;

	setup();
	for (i = 1; i <= 10; i++)
		xen_raise(i * 3);
	CHECK_EQ(consume(4, &more), 4);
	CHECK(more);
	CHECK_EQ(cb->ready, 1U << EVTCHN_FIFO_PRIORITY_DEFAULT);
	CHECK_EQ(q.head[EVTCHN_FIFO_PRIORITY_DEFAULT], 15);
	CHECK_EQ(consume(0, &more), 6);
	CHECK(!more);
	for (i = 0; i < 10; i++)
		CHECK_EQ(log_ports[i], (i + 1) * 3);
}

static void evtchn_fifo_ready_without_head_is_harmless(void)
{
	bool more;

	setup();
	cb->ready = 0xffffffff;		/* bits past queue 15 are ignored */
	CHECK_EQ(consume(0, &more), 0);
	CHECK_EQ(nr_log, 0);
	CHECK_EQ(cb->ready, 0);
}

/*
 * Xen queues an event in the instant after the walk took READY for the
 * last time and found it empty.  The upcall flag, cleared before the
 * walk, is raised again by Xen and survives, so the same upcall goes
 * round again and delivers it.
 */
static struct vcpu_info fifo_vi;
static unsigned int ready_xchgs;

static void raise_after_second_ready_xchg(void *ptr)
{
	if (ptr == &cb->ready && ++ready_xchgs == 2) {
		xen_raise(600);
		fifo_vi.evtchn_upcall_pending = 1;
	}
}

static void evtchn_fifo_upcall_event_after_last_ready_exchange(void)
{
	int n;

	setup();
	memset(&fifo_vi, 0, sizeof(fifo_vi));
	ready_xchgs = 0;
	xen_raise(500);
	fifo_vi.evtchn_upcall_pending = 1;
	pv_test_after_xchg = raise_after_second_ready_xchg;
	n = pv_evtchn_fifo_upcall(&arr, cb, &q, &fifo_vi, 0, &err, record,
				  NULL);
	pv_test_after_xchg = NULL;
	CHECK_EQ(n, 2);
	CHECK_EQ(log_ports[0], 500);
	CHECK_EQ(log_ports[1], 600);
	CHECK_EQ(fifo_vi.evtchn_upcall_pending, 0);
	CHECK_EQ(cb->ready, 0);
}

static void evtchn_fifo_upcall_budget_leaves_flag_raised(void)
{
	unsigned int i;
	int n;

	setup();
	memset(&fifo_vi, 0, sizeof(fifo_vi));
	for (i = 1; i <= 5; i++)
		xen_raise(i);
	fifo_vi.evtchn_upcall_pending = 1;
	n = pv_evtchn_fifo_upcall(&arr, cb, &q, &fifo_vi, 2, &err, record,
				  NULL);
	CHECK_EQ(n, 2);
	CHECK_EQ(fifo_vi.evtchn_upcall_pending, 1);
	n = pv_evtchn_fifo_upcall(&arr, cb, &q, &fifo_vi, 0, &err, record,
				  NULL);
	CHECK_EQ(n, 3);
	CHECK_EQ(fifo_vi.evtchn_upcall_pending, 0);
	/* A bad head ends the upcall with the error. */
	cb->head[4] = NR_PORTS + 5;
	cb->ready = 1U << 4;
	CHECK_EQ(pv_evtchn_fifo_upcall(&arr, cb, &q, &fifo_vi, 0, &err, record,
				       NULL), -EIO);
}

static void evtchn_fifo_word_ops(void)
{
	setup();
	CHECK_EQ(pv_evtchn_fifo_mask(&arr, NR_PORTS), -EINVAL);
	CHECK_EQ(pv_evtchn_fifo_unmask(&arr, NR_PORTS), -EINVAL);
	CHECK_EQ(pv_evtchn_fifo_clear_pending(&arr, NR_PORTS), -EINVAL);
	CHECK_EQ(pv_evtchn_fifo_is_pending(&arr, NR_PORTS), -EINVAL);
	CHECK_EQ(pv_evtchn_fifo_is_masked(&arr, 0xffffffff), -EINVAL);

	*W(77) = 0x1234;		/* a LINK the mask must not disturb */
	CHECK_EQ(pv_evtchn_fifo_mask(&arr, 77), 0);
	CHECK_EQ(*W(77), B(EVTCHN_FIFO_MASKED) | 0x1234);
	CHECK_EQ(pv_evtchn_fifo_unmask(&arr, 77), 0);
	CHECK_EQ(*W(77), 0x1234);
	CHECK_EQ(pv_evtchn_fifo_unmask(&arr, 77), 0);
	/* BUSY: Xen owns the word; the unmask must go through Xen. */
	*W(78) = B(EVTCHN_FIFO_MASKED) | B(EVTCHN_FIFO_BUSY);
	CHECK_EQ(pv_evtchn_fifo_unmask(&arr, 78), 1);
	CHECK_EQ(*W(78), B(EVTCHN_FIFO_MASKED) | B(EVTCHN_FIFO_BUSY));
	*W(79) = B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) | 5;
	CHECK_EQ(pv_evtchn_fifo_clear_pending(&arr, 79), 0);
	CHECK_EQ(*W(79), B(EVTCHN_FIFO_LINKED) | 5);
	CHECK_EQ(pv_evtchn_fifo_set_pending(&arr, 79), 0);
	CHECK_EQ(*W(79), B(EVTCHN_FIFO_PENDING) | B(EVTCHN_FIFO_LINKED) | 5);
	CHECK_EQ(pv_evtchn_fifo_set_pending(&arr, NR_PORTS), -EINVAL);
	/* The replay: masked, marked pending, so the unmask goes to Xen. */
	*W(80) = B(EVTCHN_FIFO_MASKED);
	pv_evtchn_fifo_set_pending(&arr, 80);
	CHECK_EQ(pv_evtchn_fifo_unmask(&arr, 80), 1);
}

/*
 * Hostile pages: random event words, heads and READY, many times.  The
 * walk must stay inside the array (ASan would abort otherwise), end
 * within its budget, deliver only ports that are PENDING and not
 * MASKED, and report -EIO only with the error filled.
 */
static unsigned int hostile_bad;

static void check_delivery(evtchn_port_t port, void *ctx)
{
	event_word_t w = *W(port);

	(void)ctx;
	if (port == 0 || port >= NR_PORTS || !(w & B(EVTCHN_FIFO_PENDING)) ||
	    (w & B(EVTCHN_FIFO_MASKED)))
		hostile_bad++;
}

static void evtchn_fifo_hostile_pages_stay_in_bounds(void)
{
	unsigned int round, i, seed = 99, errors = 0, delivered = 0;
	bool more;
	int n;

	for (round = 0; round < 2000; round++) {
		setup();
		arr.nr_pages = 1 + round % NR_PAGES;
		for (i = 0; i < NR_PORTS; i++) {
			seed = seed * 1103515245 + 12345;
			/* Mostly small LINKs so that walks get long. */
			*W(i) = (seed & 0xf0000000) |
				((seed >> 4) % (round % 3 ? 64 : 140000) &
				 EVTCHN_FIFO_LINK_MASK);
		}
		for (i = 0; i < EVTCHN_FIFO_MAX_QUEUES; i++) {
			seed = seed * 1103515245 + 12345;
			cb->head[i] = (seed >> 8) % (round % 2 ? 70 : 3000);
		}
		cb->ready = seed;
		hostile_bad = 0;
		memset(&err, 0, sizeof(err));
		n = pv_evtchn_fifo_consume(&arr, cb, &q, 500, &more, &err,
					   check_delivery, NULL);
		CHECK_EQ(hostile_bad, 0);
		CHECK(n <= 500);
		if (n < 0) {
			CHECK_EQ(n, -EIO);
			CHECK(err.what != NULL);
			CHECK(err.queue < EVTCHN_FIFO_MAX_QUEUES);
			errors++;
		} else {
			delivered += n;
		}
	}
	/* Both outcomes were exercised. */
	CHECK(errors > 100);
	CHECK(delivered > 100);
}

/*
 * Xen on another CPU linking events while this thread walks the queues:
 * every 0->1 PENDING change is delivered exactly once.
 */
#define STRESS_NEW	30000
#define STRESS_SECONDS	60
static unsigned long raised_new;
static unsigned int delivered_count[NR_PORTS];
static int xen_done;

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
	unsigned int seed = 777, i, port;

	(void)arg;
	for (i = 0; raised_new < STRESS_NEW && !stress_expired(); i++) {
		seed = seed * 1103515245 + 12345;
		port = 1 + (seed >> 8) % 200;
		if (xen_raise(port))
			raised_new++;
		else
			sched_yield();
	}
	__atomic_store_n(&xen_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void count_and_ack(evtchn_port_t port, void *ctx)
{
	(void)ctx;
	delivered_count[port]++;
	pv_evtchn_fifo_clear_pending(&arr, port);
}

static void evtchn_fifo_concurrent_links_none_lost(void)
{
	unsigned long total = 0;
	unsigned int i;
	bool more;
	pthread_t t;
	int n = 0;

	setup();
	for (i = 1; i <= 200; i++)
		prio_of[i] = i % 3 ? EVTCHN_FIFO_PRIORITY_DEFAULT : 2;
	memset(delivered_count, 0, sizeof(delivered_count));
	raised_new = 0;
	xen_done = 0;
	stress_deadline = time(NULL) + STRESS_SECONDS;
	CHECK_EQ(pthread_create(&t, NULL, xen_thread, NULL), 0);
	while (!__atomic_load_n(&xen_done, __ATOMIC_SEQ_CST) ||
	       __atomic_load_n(&cb->ready, __ATOMIC_SEQ_CST)) {
		n = pv_evtchn_fifo_consume(&arr, cb, &q, 64, &more, &err,
					   count_and_ack, NULL);
		if (n < 0)
			break;
		if (stress_expired())
			break;
	}
	pthread_join(t, NULL);
	CHECK(n >= 0);
	for (i = 0; i < NR_PORTS; i++)
		total += delivered_count[i];
	CHECK_EQ(raised_new, STRESS_NEW);
	CHECK_EQ(total, raised_new);
}

const struct pv_test pv_tests[] = {
	TEST(evtchn_fifo_one_queue_in_order),
	TEST(evtchn_fifo_higher_priority_first),
	TEST(evtchn_fifo_priority_rechecked_after_each_event),
	TEST(evtchn_fifo_masked_in_queue_not_delivered),
	TEST(evtchn_fifo_head_out_of_range_is_an_error),
	TEST(evtchn_fifo_link_out_of_range_is_an_error),
	TEST(evtchn_fifo_missing_page_is_an_error),
	TEST(evtchn_fifo_self_link_is_an_error),
	TEST(evtchn_fifo_link_cycle_is_bounded),
	TEST(evtchn_fifo_budget_resumes_where_it_stopped),
	TEST(evtchn_fifo_ready_without_head_is_harmless),
	TEST(evtchn_fifo_upcall_event_after_last_ready_exchange),
	TEST(evtchn_fifo_upcall_budget_leaves_flag_raised),
	TEST(evtchn_fifo_word_ops),
	TEST(evtchn_fifo_hostile_pages_stay_in_bounds),
	TEST(evtchn_fifo_concurrent_links_none_lost),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
