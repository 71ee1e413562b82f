// SPDX-License-Identifier: GPL-2.0
/*
 * Shared ring core: sizes, empty and full rings, push/notify hold-off,
 * final check, index wrap at 2^32 and impossible peer indexes.
 */
#include <stdlib.h>
#include <pv/io/ring.h>
#include "harness.h"

struct ent {
	u32 seq;
	u32 val;
};

static _Alignas(4096) u8 page[4096 * 4];

static void setup(struct pv_front_ring *f, struct pv_back_ring *b,
		  RING_IDX start)
{
	struct pv_sring *s = (struct pv_sring *)page;

	memset(page, 0, sizeof(page));
	s->req_prod = s->rsp_prod = start;
	s->req_event = s->rsp_event = start + 1;
	pv_front_ring_attach(f, page, 4096, sizeof(struct ent), start);
	pv_back_ring_attach(b, page, 4096, sizeof(struct ent), start);
}

/* Backend answers every pending request with val = seq * 3. */
static int backend_answer_all(struct pv_back_ring *b)
{
	RING_IDX prod;
	struct ent e;
	int n = 0;

	if (pv_back_ring_req_prod(b, &prod))
		return -1;
	while (pv_back_ring_take_req(b, prod, &e, sizeof(e)) == 1) {
		struct ent *r = pv_back_ring_next_rsp(b);

		r->seq = e.seq;
		r->val = e.seq * 3;
		n++;
	}
	pv_back_ring_push(b);
	return n;
}

static void ring_sizes(void)
{
	CHECK_EQ(pv_ring_nr_ents(4096, 112), 32);	/* blkif */
	CHECK_EQ(pv_ring_nr_ents(4096, 12), 256);	/* netif tx */
	CHECK_EQ(pv_ring_nr_ents(4096, 8), 256);	/* netif rx */
	CHECK_EQ(pv_ring_nr_ents(4096 << 1, 112), 64);
	CHECK_EQ(pv_ring_nr_ents(4096 << 4, 112), 512);
	CHECK_EQ(pv_ring_nr_ents(64 + 112, 112), 1);
	CHECK_EQ(pv_ring_nr_ents(64 + 111, 112), 0);
	CHECK_EQ(pv_ring_nr_ents(10, 8), 0);
	CHECK_EQ(pv_ring_nr_ents(4096, 0), 0);
	/* HDR + ent_size must not wrap into "fits". */
	CHECK_EQ(pv_ring_nr_ents(10, SIZE_MAX - 60), 0);
	CHECK_EQ(pv_ring_nr_ents(4096, SIZE_MAX - 63), 0);
	CHECK_EQ(pv_ring_nr_ents(SIZE_MAX, SIZE_MAX), 0);
	CHECK_EQ(pv_ring_nr_ents(0, 8), 0);
	CHECK_EQ(pv_ring_nr_ents(64, 1), 0);
	CHECK_EQ(pv_ring_nr_ents(65, 1), 1);
	CHECK_EQ(sizeof(struct pv_sring), PV_SRING_HDR_SIZE);
}

static void ring_init_rejects_tiny(void)
{
	struct pv_front_ring f;

	CHECK_EQ(pv_front_ring_init(&f, page, 64, 8), -EINVAL);
	CHECK_EQ(pv_front_ring_init(&f, NULL, 4096, 8), -EINVAL);
	CHECK_EQ(pv_front_ring_init(&f, page, 4096, 8), 0);
	CHECK_EQ(f.nr_ents, 256);
	CHECK_EQ(f.sring->req_event, 1);
	CHECK_EQ(f.sring->rsp_event, 1);
	CHECK_EQ(f.sring->req_prod, 0);
}

static void ring_empty(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod;
	struct ent e;
	bool more = true;

	setup(&f, &b, 0);
	CHECK_EQ(pv_front_ring_free(&f), 256);
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), 0);
	CHECK_EQ(pv_front_ring_take_rsp(&f, prod, &e, sizeof(e)), 0);
	CHECK_EQ(pv_front_ring_final_check(&f, &more), 0);
	CHECK(!more);
	CHECK_EQ(f.sring->rsp_event, 1);
	CHECK_EQ(pv_back_ring_req_prod(&b, &prod), 0);
	CHECK_EQ(pv_back_ring_take_req(&b, prod, &e, sizeof(e)), 0);
	CHECK(pv_back_ring_next_rsp(&b) == NULL);
	more = true;
	CHECK_EQ(pv_back_ring_final_check(&b, &more), 0);
	CHECK(!more);
}

static void ring_full(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod;
	struct ent e;
	u32 i;

	setup(&f, &b, 0);
	for (i = 0; i < 256; i++) {
		struct ent *r = pv_front_ring_next_req(&f);

		CHECK(r != NULL);
		r->seq = i;
	}
	CHECK_EQ(pv_front_ring_free(&f), 0);
	CHECK(pv_front_ring_next_req(&f) == NULL);
	pv_front_ring_push(&f);
	CHECK_EQ(backend_answer_all(&b), 256);
	/* Still full until the frontend consumes. */
	CHECK(pv_front_ring_next_req(&f) == NULL);
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), 0);
	CHECK_EQ(pv_front_ring_take_rsp(&f, prod, &e, sizeof(e)), 1);
	CHECK_EQ(e.seq, 0);
	CHECK_EQ(pv_front_ring_free(&f), 1);
	CHECK(pv_front_ring_next_req(&f) != NULL);
	CHECK(pv_front_ring_next_req(&f) == NULL);
	/* take_rsp refuses to copy more than an entry, and says so. */
	{
		u8 big[16];

		CHECK_EQ(pv_front_ring_take_rsp(&f, prod, big, sizeof(big)),
			 -EINVAL);
		CHECK_EQ(f.rsp_cons, 1);
	}
}

static void ring_notify_holdoff(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	bool more;

	setup(&f, &b, 0);
	pv_front_ring_next_req(&f);
	CHECK(pv_front_ring_push(&f));		/* req_event == 1 */
	pv_front_ring_next_req(&f);
	CHECK(!pv_front_ring_push(&f));		/* backend did not re-arm */
	CHECK(!pv_front_ring_push(&f));		/* nothing new */
	CHECK_EQ(backend_answer_all(&b), 2);
	CHECK_EQ(pv_back_ring_final_check(&b, &more), 0);
	CHECK(!more);
	CHECK_EQ(f.sring->req_event, 3);
	pv_front_ring_next_req(&f);
	pv_front_ring_next_req(&f);
	CHECK(pv_front_ring_push(&f));		/* 3 is in (2, 4] */
	/* Backend sees the two new ones on its final check. */
	CHECK_EQ(pv_back_ring_final_check(&b, &more), 0);
	CHECK(more);
}

/*
 * The peer the race hook plays: the backend answering one request
 * (race_back) or the frontend publishing one more (race_front).
 */
static struct pv_back_ring *race_back;
static struct pv_front_ring *race_front;
static int race_answered;
static bool race_notified;

static bool backend_answer_one(struct pv_back_ring *b)
{
	RING_IDX prod;
	struct ent e, *r;

	if (pv_back_ring_req_prod(b, &prod) ||
	    pv_back_ring_take_req(b, prod, &e, sizeof(e)) != 1)
		return false;
	r = pv_back_ring_next_rsp(b);
	r->seq = e.seq;
	r->val = e.seq * 3;
	return pv_back_ring_push(b);
}

static void race_hook(int point, void *shared, size_t len)
{
	(void)len;
	if (point != PV_TEST_EVENT_ARMING || shared != (void *)page)
		return;
	if (race_front) {
		pv_front_ring_next_req(race_front);
		race_notified = pv_front_ring_push(race_front);
	} else {
		race_notified = backend_answer_one(race_back);
	}
	race_answered++;
}

/*
 * The final check races with the backend: a response pushed after the
 * first look but before the new rsp_event is visible raises no event, so
 * only the second look can find it; a response pushed after the check must
 * raise one.  Either way, the frontend must not go to sleep with a
 * response pending and no event coming.
 */
static void ring_final_check_race(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod;
	struct ent e;
	bool more;
	int err;

	setup(&f, &b, 0);
	pv_front_ring_next_req(&f);
	pv_front_ring_next_req(&f);
	pv_front_ring_push(&f);
	CHECK(backend_answer_one(&b));		/* rsp_event 1 asks for it */
	/* A response is pending: the check says so without re-arming. */
	CHECK_EQ(pv_front_ring_final_check(&f, &more), 0);
	CHECK(more);
	CHECK_EQ(f.sring->rsp_event, 1);
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), 0);
	CHECK_EQ(pv_front_ring_take_rsp(&f, prod, &e, sizeof(e)), 1);

	/* The backend answers the second request inside the window. */
	race_back = &b;
	race_front = NULL;
	race_answered = 0;
	pv_test_hook_fn = race_hook;
	err = pv_front_ring_final_check(&f, &more);
	pv_test_hook_fn = NULL;
	CHECK_EQ(err, 0);
	CHECK_EQ(race_answered, 1);
	CHECK(!race_notified);			/* rsp_event was still 1 */
	CHECK(more);				/* so the second look must see it */
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), 0);
	CHECK_EQ(pv_front_ring_take_rsp(&f, prod, &e, sizeof(e)), 1);
	CHECK_EQ(e.seq, 0);

	/* Nothing pending: the check re-arms, the next response notifies. */
	CHECK_EQ(pv_front_ring_final_check(&f, &more), 0);
	CHECK(!more);
	CHECK_EQ(f.sring->rsp_event, 3);
	pv_front_ring_next_req(&f);
	pv_front_ring_push(&f);
	CHECK(backend_answer_one(&b));
}

/* The same race on the backend side, for the requests. */
static void ring_back_final_check_race(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod;
	struct ent e;
	bool more;
	int err;

	setup(&f, &b, 0);
	pv_front_ring_next_req(&f);
	CHECK(pv_front_ring_push(&f));		/* req_event 1 asks for it */
	CHECK_EQ(pv_back_ring_req_prod(&b, &prod), 0);
	CHECK_EQ(pv_back_ring_take_req(&b, prod, &e, sizeof(e)), 1);
	/* The frontend publishes another request inside the window. */
	race_front = &f;
	race_answered = 0;
	pv_test_hook_fn = race_hook;
	err = pv_back_ring_final_check(&b, &more);
	pv_test_hook_fn = NULL;
	CHECK_EQ(err, 0);
	race_front = NULL;
	CHECK_EQ(race_answered, 1);
	CHECK(!race_notified);			/* req_event was still 1 */
	CHECK(more);
	/* Nothing pending: the check re-arms, the next request notifies. */
	CHECK_EQ(pv_back_ring_req_prod(&b, &prod), 0);
	CHECK_EQ(pv_back_ring_take_req(&b, prod, &e, sizeof(e)), 1);
	CHECK_EQ(pv_back_ring_final_check(&b, &more), 0);
	CHECK(!more);
	CHECK_EQ(f.sring->req_event, 3);
	pv_front_ring_next_req(&f);
	CHECK(pv_front_ring_push(&f));
}

static void ring_wrap(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod, start = 0xfffffff0u;
	u32 i, seq = 0, got = 0;
	struct ent e;
	int round;

	setup(&f, &b, start);
	for (round = 0; round < 4; round++) {
		while (pv_front_ring_free(&f)) {
			struct ent *r = pv_front_ring_next_req(&f);

			r->seq = seq++;
		}
		pv_front_ring_push(&f);
		CHECK_EQ(backend_answer_all(&b), 256);
		CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), 0);
		for (i = 0; i < 256; i++) {
			CHECK_EQ(pv_front_ring_take_rsp(&f, prod, &e, sizeof(e)), 1);
			CHECK_EQ(e.seq, got);
			CHECK_EQ(e.val, got * 3);
			got++;
		}
		CHECK_EQ(pv_front_ring_take_rsp(&f, prod, &e, sizeof(e)), 0);
	}
	CHECK_EQ(f.rsp_cons, start + 1024);
	CHECK(f.rsp_cons < start);	/* the index did wrap */
	/* Slot of index 2^32 - 1 is the last entry, of 2^32 the first. */
	CHECK(pv_front_ring_slot(&f, 0xffffffffu) ==
	      (void *)(page + 64 + 255 * sizeof(struct ent)));
	CHECK(pv_front_ring_slot(&f, 0) == (void *)(page + 64));
}

static void ring_wrap_notify(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	int i;

	/* req_event = 2^32 - 1 + 1 = 0: crossing the wrap must notify. */
	setup(&f, &b, 0xffffffffu);
	CHECK_EQ(f.sring->req_event, 0);
	for (i = 0; i < 3; i++)
		pv_front_ring_next_req(&f);
	CHECK(pv_front_ring_push(&f));
	CHECK_EQ(f.sring->req_prod, 2);
}

static void ring_bad_rsp_prod(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod;
	bool more;

	setup(&f, &b, 100);
	/* Responses to requests never published. */
	f.sring->rsp_prod = 101;
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), -EIO);
	CHECK_EQ(pv_front_ring_final_check(&f, &more), -EIO);
	/* Produced but unpublished requests do not count either. */
	pv_front_ring_next_req(&f);
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), -EIO);
	pv_front_ring_push(&f);
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), 0);
	CHECK_EQ(prod, 101);
	/* Going backwards or far ahead. */
	f.sring->rsp_prod = 99;
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), -EIO);
	f.sring->rsp_prod = 100 + 0x80000000u;
	CHECK_EQ(pv_front_ring_rsp_prod(&f, &prod), -EIO);
}

static void ring_bad_req_prod(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;
	RING_IDX prod;
	bool more;

	setup(&f, &b, 0xfffffff0u);
	f.sring->req_prod = 0xfffffff0u + 257;
	CHECK_EQ(pv_back_ring_req_prod(&b, &prod), -EIO);
	CHECK_EQ(pv_back_ring_final_check(&b, &more), -EIO);
	f.sring->req_prod = 0xfffffff0u + 256;
	CHECK_EQ(pv_back_ring_req_prod(&b, &prod), 0);
	f.sring->req_prod = 0xfffffff0u - 1;
	CHECK_EQ(pv_back_ring_req_prod(&b, &prod), -EIO);
}

static void ring_multipage(void)
{
	struct pv_front_ring f;
	struct pv_back_ring b;

	memset(page, 0, sizeof(page));
	CHECK_EQ(pv_front_ring_init(&f, page, sizeof(page), 112), 0);
	CHECK_EQ(f.nr_ents, 128);
	CHECK_EQ(pv_back_ring_attach(&b, page, sizeof(page), 112, 0), 0);
	CHECK(pv_front_ring_slot(&f, 127) ==
	      (void *)(page + 64 + 127 * 112));
	CHECK((u8 *)pv_front_ring_slot(&f, 127) + 112 <= page + sizeof(page));
}

const struct pv_test pv_tests[] = {
	TEST(ring_sizes),
	TEST(ring_init_rejects_tiny),
	TEST(ring_empty),
	TEST(ring_full),
	TEST(ring_notify_holdoff),
	TEST(ring_final_check_race),
	TEST(ring_back_final_check_race),
	TEST(ring_wrap),
	TEST(ring_wrap_notify),
	TEST(ring_bad_rsp_prod),
	TEST(ring_bad_req_prod),
	TEST(ring_multipage),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
