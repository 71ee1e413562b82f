// SPDX-License-Identifier: GPL-2.0
/*
 * Id tracker: exhaustion, out-of-range and duplicate completions, reuse.
 */
#include <pv/io/ids.h>
#include "harness.h"

static void ids_init_args(void)
{
	struct pv_id_slot s[4];
	struct pv_ids ids;

	CHECK_EQ(pv_ids_init(&ids, NULL, 4), -EINVAL);
	CHECK_EQ(pv_ids_init(&ids, s, 0), -EINVAL);
	CHECK_EQ(pv_ids_init(&ids, s, PV_ID_BUSY), -EINVAL);
	CHECK_EQ(pv_ids_init(&ids, s, 4), 0);
	CHECK_EQ(ids.in_flight, 0);
}

static void ids_exhaust_and_reuse(void)
{
	struct pv_id_slot s[4];
	struct pv_ids ids;
	u32 id, tag, seen = 0;
	int i;

	pv_ids_init(&ids, s, 4);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(pv_ids_alloc(&ids, 100 + i, &id), 0);
		CHECK(id < 4);
		CHECK(!(seen & (1u << id)));
		seen |= 1u << id;
	}
	CHECK_EQ(ids.in_flight, 4);
	CHECK_EQ(pv_ids_alloc(&ids, 0, &id), -ENOSPC);
	CHECK_EQ(pv_ids_complete(&ids, 2, &tag), 0);
	CHECK_EQ(tag, 102);
	CHECK_EQ(ids.in_flight, 3);
	CHECK_EQ(pv_ids_alloc(&ids, 7, &id), 0);
	CHECK_EQ(id, 2);
	CHECK_EQ(pv_ids_lookup(&ids, 2, &tag), 0);
	CHECK_EQ(tag, 7);
}

static void ids_out_of_range(void)
{
	struct pv_id_slot s[4];
	struct pv_ids ids;
	u32 id, tag = 0xdead;

	pv_ids_init(&ids, s, 4);
	CHECK_EQ(pv_ids_alloc(&ids, 1, &id), 0);
	CHECK_EQ(pv_ids_complete(&ids, 4, &tag), -EIO);
	CHECK_EQ(pv_ids_complete(&ids, 0xffffffffu, &tag), -EIO);
	CHECK_EQ(pv_ids_complete(&ids, 0x100000000ull, &tag), -EIO);
	CHECK_EQ(pv_ids_complete(&ids, ~0ull, &tag), -EIO);
	CHECK_EQ(pv_ids_lookup(&ids, 1ull << 32 | id, &tag), -EIO);
	CHECK_EQ(tag, 0xdead);
	CHECK_EQ(ids.in_flight, 1);
}

static void ids_duplicate_completion(void)
{
	struct pv_id_slot s[4];
	struct pv_ids ids;
	u32 id, tag;

	pv_ids_init(&ids, s, 4);
	CHECK_EQ(pv_ids_alloc(&ids, 1, &id), 0);
	CHECK_EQ(pv_ids_complete(&ids, id, &tag), 0);
	CHECK_EQ(pv_ids_complete(&ids, id, &tag), -EIO);
	/* Never allocated. */
	CHECK_EQ(pv_ids_complete(&ids, 3, &tag), -EIO);
	CHECK_EQ(ids.in_flight, 0);
	/* The free list survived the refused completions. */
	{
		u32 a, b, c, d;

		CHECK_EQ(pv_ids_alloc(&ids, 0, &a), 0);
		CHECK_EQ(pv_ids_alloc(&ids, 0, &b), 0);
		CHECK_EQ(pv_ids_alloc(&ids, 0, &c), 0);
		CHECK_EQ(pv_ids_alloc(&ids, 0, &d), 0);
		CHECK_EQ((1u << a) | (1u << b) | (1u << c) | (1u << d), 0xf);
		CHECK_EQ(pv_ids_alloc(&ids, 0, &a), -ENOSPC);
	}
}

const struct pv_test pv_tests[] = {
	TEST(ids_init_args),
	TEST(ids_exhaust_and_reuse),
	TEST(ids_out_of_range),
	TEST(ids_duplicate_completion),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
