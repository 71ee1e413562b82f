// SPDX-License-Identifier: GPL-2.0
/*
 * Console ring: partial writes on a full ring, data and index wrap,
 * partial reads, corrupted indexes.
 */
#include <pv/io/console.h>
#include "harness.h"

static struct xencons_interface intf;

static void cons_empty(void)
{
	char buf[8];

	memset(&intf, 0, sizeof(intf));
	CHECK_EQ(pv_cons_read(&intf, buf, sizeof(buf)), 0);
	CHECK_EQ(pv_cons_in_pending(&intf), 0);
	CHECK_EQ(pv_cons_out_space(&intf), 2048);
	CHECK_EQ(pv_cons_write(&intf, "x", 0), 0);
	CHECK_EQ(intf.out_prod, 0);
}

static void cons_partial_write(void)
{
	static char big[3000];
	int i;

	memset(&intf, 0, sizeof(intf));
	for (i = 0; i < 3000; i++)
		big[i] = (char)i;
	CHECK_EQ(pv_cons_write(&intf, big, sizeof(big)), 2048);
	CHECK_EQ(intf.out_prod, 2048);
	CHECK_EQ(pv_cons_write(&intf, big, 1), 0);
	CHECK_EQ(pv_cons_out_space(&intf), 0);
	intf.out_cons = 100;	/* backend consumed 100 bytes */
	CHECK_EQ(pv_cons_write(&intf, big + 2048, 952), 100);
	CHECK_EQ(intf.out_prod, 2148);
	/* The 100 new bytes wrapped to the start of the array. */
	CHECK(!memcmp(intf.out, big + 2048, 100));
	CHECK(!memcmp(intf.out + 100, big + 100, 1948));
}

static void cons_index_wrap(void)
{
	char msg[600], back[600];
	u32 i, start = 0xffffff00u;

	memset(&intf, 0, sizeof(intf));
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (char)(i * 7);
	intf.out_cons = intf.out_prod = start;
	CHECK_EQ(pv_cons_write(&intf, msg, sizeof(msg)), 600);
	CHECK_EQ(intf.out_prod, start + 600);
	CHECK_EQ(pv_cons_out_space(&intf), 2048 - 600);
	/* Read it back as the backend would, masking the index. */
	for (i = 0; i < sizeof(back); i++)
		back[i] = intf.out[MASK_XENCONS_IDX(start + i, intf.out)];
	CHECK(!memcmp(msg, back, sizeof(msg)));

	/* Input side across the wrap. */
	intf.in_cons = intf.in_prod = 0xfffffffau;
	for (i = 0; i < 10; i++)
		intf.in[MASK_XENCONS_IDX(intf.in_prod + i, intf.in)] =
			(char)('a' + i);
	intf.in_prod += 10;
	CHECK_EQ(pv_cons_in_pending(&intf), 10);
	CHECK_EQ(pv_cons_read(&intf, back, 4), 4);
	CHECK(!memcmp(back, "abcd", 4));
	CHECK_EQ(pv_cons_read(&intf, back, sizeof(back)), 6);
	CHECK(!memcmp(back, "efghij", 6));
	CHECK_EQ(intf.in_cons, 4);
	CHECK_EQ(pv_cons_read(&intf, back, sizeof(back)), 0);
}

static void cons_full_input(void)
{
	static char buf[2000];

	memset(&intf, 0, sizeof(intf));
	memset(intf.in, 'z', sizeof(intf.in));
	intf.in_prod = 1024;
	CHECK_EQ(pv_cons_read(&intf, buf, sizeof(buf)), 1024);
	CHECK_EQ(buf[1023], 'z');
	CHECK_EQ(intf.in_cons, 1024);
}

static void cons_corrupt_indexes(void)
{
	char buf[8];

	memset(&intf, 0, sizeof(intf));
	intf.in_prod = 1025;
	CHECK_EQ(pv_cons_read(&intf, buf, sizeof(buf)), -EIO);
	CHECK_EQ(pv_cons_in_pending(&intf), -EIO);
	CHECK_EQ(intf.in_cons, 0);
	intf.in_prod = 0xffffffffu;	/* behind the consumer */
	CHECK_EQ(pv_cons_read(&intf, buf, sizeof(buf)), -EIO);
	intf.out_cons = 5;		/* consumer ahead of producer */
	CHECK_EQ(pv_cons_write(&intf, "a", 1), -EIO);
	CHECK_EQ(pv_cons_out_space(&intf), -EIO);
	CHECK_EQ(intf.out_prod, 0);
}

const struct pv_test pv_tests[] = {
	TEST(cons_empty),
	TEST(cons_partial_write),
	TEST(cons_index_wrap),
	TEST(cons_full_input),
	TEST(cons_corrupt_indexes),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
