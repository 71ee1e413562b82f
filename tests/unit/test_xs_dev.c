// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore user-device core: requests reassembled from writes of any
 * size, oversized headers refused before their payload, the decision for
 * each request type, and the messages the device makes up.
 */
#include <pv/io/xs_dev.h>
#include "harness.h"

static struct pv_xs_dev_in in;
static char msg[PV_XS_MSG_MAX + 64];

static int mk(u32 type, u32 req_id, u32 tx_id, const void *payload, u32 len)
{
	struct xsd_sockmsg h = { type, req_id, tx_id, len };

	memcpy(msg, &h, sizeof(h));
	memcpy(msg + sizeof(h), payload, len);
	return (int)(sizeof(h) + len);
}

/* Feed @len bytes of msg in pieces of @step; the last result. */
static int feed(int len, int step)
{
	int off = 0, r = 0;
	void *dst;
	u32 want, n;

	while (off < len) {
		want = pv_xs_dev_in_want(&in, &dst);
		n = (u32)(len - off);
		if (n > (u32)step)
			n = (u32)step;
		if (n > want)
			n = want;
		memcpy(dst, msg + off, n);
		off += (int)n;
		r = pv_xs_dev_in_got(&in, n);
		if (r)
			return off == len ? r : -1000 - r;
	}
	return r;
}

static void xs_dev_reassembly(void)
{
	static const int steps[] = { 1, 3, 16, 17, 4096 };
	unsigned int i;
	int len;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		pv_xs_dev_in_reset(&in);
		len = mk(XS_READ, 77, 0, "device/vbd\0", 11);
		CHECK_EQ(feed(len, steps[i]), 1);
		CHECK_EQ(in.hdr.type, XS_READ);
		CHECK_EQ(in.hdr.req_id, 77);
		CHECK_EQ(in.hdr.len, 11);
		CHECK(!memcmp(in.body, "device/vbd", 11));
		CHECK_EQ(in.body[11], 0);
	}
	/* A header alone is not a request; then its payload completes it. */
	pv_xs_dev_in_reset(&in);
	len = mk(XS_WRITE, 1, 0, "a\0" "42", 4);
	CHECK_EQ(feed(16, 16), 0);
	memmove(msg, msg + 16, 4);
	CHECK_EQ(feed(4, 1), 1);
	CHECK(!memcmp(in.body, "a\0" "42", 4));
	/* An empty payload completes with the header. */
	pv_xs_dev_in_reset(&in);
	CHECK_EQ(feed(mk(XS_TRANSACTION_START, 2, 0, "", 0), 16), 1);
	CHECK_EQ(in.hdr.len, 0);
	(void)len;
}

static void xs_dev_oversized(void)
{
	struct xsd_sockmsg h = { XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };
	void *dst;

	pv_xs_dev_in_reset(&in);
	memcpy(msg, &h, sizeof(h));
	/* Refused as soon as the header is whole, before any payload. */
	CHECK_EQ(feed(16, 5), -EINVAL);
	pv_xs_dev_in_reset(&in);
	h.len = XENSTORE_PAYLOAD_MAX;
	memcpy(msg, &h, sizeof(h));
	memset(msg + 16, 'x', XENSTORE_PAYLOAD_MAX);
	CHECK_EQ(feed(16 + XENSTORE_PAYLOAD_MAX, 1000), 1);
	CHECK_EQ(pv_xs_dev_in_want(&in, &dst), 0);
	/* More than the want is an error, not an overflow. */
	CHECK_EQ(pv_xs_dev_in_got(&in, 1), -EINVAL);
	pv_xs_dev_in_reset(&in);
	CHECK_EQ(pv_xs_dev_in_want(&in, &dst), 16);
	CHECK(dst == (void *)&in.hdr);
	CHECK_EQ(pv_xs_dev_in_got(&in, 17), -EINVAL);
}

static int classify(u32 type, u32 tx_id, const void *p, u32 len,
		    struct pv_xs_dev_req *req)
{
	pv_xs_dev_in_reset(&in);
	if (feed(mk(type, 5, tx_id, p, len), 4096) != 1)
		return -999;
	return pv_xs_dev_classify(&in, req);
}

static void xs_dev_classify(void)
{
	struct pv_xs_dev_req r;

	CHECK_EQ(classify(XS_READ, 0, "name", 5, &r), 0);
	CHECK_EQ(r.kind, PV_XS_DEV_FORWARD);
	CHECK_EQ(classify(XS_WRITE, 9, "a\0b", 3, &r), 0);
	CHECK_EQ(r.kind, PV_XS_DEV_FORWARD);
	CHECK_EQ(classify(XS_GET_DOMAIN_PATH, 0, "3", 2, &r), 0);

	CHECK_EQ(classify(XS_TRANSACTION_START, 0, "", 1, &r), 0);
	CHECK_EQ(r.kind, PV_XS_DEV_TX_START);
	CHECK_EQ(classify(XS_TRANSACTION_START, 4, "", 1, &r), -EINVAL);

	CHECK_EQ(classify(XS_TRANSACTION_END, 4, "T", 2, &r), 0);
	CHECK_EQ(r.kind, PV_XS_DEV_TX_END);
	CHECK(r.commit);
	CHECK_EQ(classify(XS_TRANSACTION_END, 4, "F", 1, &r), 0);
	CHECK(!r.commit);
	CHECK_EQ(classify(XS_TRANSACTION_END, 0, "T", 2, &r), -EINVAL);
	CHECK_EQ(classify(XS_TRANSACTION_END, 4, "X", 2, &r), -EINVAL);
	CHECK_EQ(classify(XS_TRANSACTION_END, 4, "TT", 2, &r), -EINVAL);
	CHECK_EQ(classify(XS_TRANSACTION_END, 4, "T\0\0", 3, &r), -EINVAL);
	CHECK_EQ(classify(XS_TRANSACTION_END, 4, "", 0, &r), -EINVAL);

	CHECK_EQ(classify(XS_WATCH, 0, "data/x\0tok", 11, &r), 0);
	CHECK_EQ(r.kind, PV_XS_DEV_WATCH);
	CHECK(!strcmp(r.path, "data/x"));
	CHECK(!strcmp(r.token, "tok"));
	CHECK_EQ(classify(XS_UNWATCH, 0, "@releaseDomain\0", 16, &r), 0);
	CHECK_EQ(r.kind, PV_XS_DEV_UNWATCH);
	CHECK(!strcmp(r.token, ""));
	CHECK_EQ(classify(XS_WATCH, 3, "data/x\0tok", 11, &r), -EINVAL);
	CHECK_EQ(classify(XS_WATCH, 0, "data/x\0tok", 10, &r), -EINVAL);
	CHECK_EQ(classify(XS_WATCH, 0, "data//x\0t", 10, &r), -EINVAL);
	CHECK_EQ(classify(XS_WATCH, 0, "\0t", 3, &r), -EINVAL);
	CHECK_EQ(classify(XS_WATCH, 0, "a\0t\0extra", 10, &r), -EINVAL);

	CHECK_EQ(classify(XS_WATCH_EVENT, 0, "a\0t", 4, &r), -EINVAL);
	CHECK_EQ(classify(XS_ERROR, 0, "EIO", 4, &r), -EINVAL);
	CHECK_EQ(classify(XS_RESET_WATCHES, 0, "", 1, &r), -EINVAL);
	CHECK_EQ(classify(XS_SET_TARGET + 1, 0, "", 1, &r), -EINVAL);
	CHECK_EQ(classify(XS_TYPE_COUNT, 0, "", 1, &r), -EINVAL);
	CHECK_EQ(classify(0xffff, 0, "", 1, &r), -EINVAL);
	/* A request that is not whole is never classified. */
	pv_xs_dev_in_reset(&in);
	mk(XS_READ, 1, 0, "abc", 4);
	CHECK_EQ(feed(18, 18), 0);
	CHECK_EQ(pv_xs_dev_classify(&in, &r), -EINVAL);
}

static void xs_dev_msg(void)
{
	struct xsd_sockmsg h;
	static char big[XENSTORE_PAYLOAD_MAX + 2];
	int n;

	n = pv_xs_dev_msg(msg, sizeof(msg), XS_WATCH_EVENT, 0, 0, "data/x",
			  "tok");
	CHECK_EQ(n, 16 + 7 + 4);
	memcpy(&h, msg, sizeof(h));
	CHECK_EQ(h.type, XS_WATCH_EVENT);
	CHECK_EQ(h.len, 11);
	CHECK(!memcmp(msg + 16, "data/x\0tok\0", 11));
	n = pv_xs_dev_msg(msg, sizeof(msg), XS_ERROR, 42, 7, "ENOENT", NULL);
	CHECK_EQ(n, 16 + 7);
	memcpy(&h, msg, sizeof(h));
	CHECK_EQ(h.req_id, 42);
	CHECK_EQ(h.tx_id, 7);
	CHECK_EQ(pv_xs_dev_msg(msg, 18, XS_WATCH, 1, 0, "OK", NULL), -ENOSPC);
	CHECK_EQ(pv_xs_dev_msg(msg, 19, XS_WATCH, 1, 0, "OK", NULL), 19);
	memset(big, 'p', sizeof(big) - 1);
	big[XENSTORE_PAYLOAD_MAX - 1] = '\0';
	CHECK_EQ(pv_xs_dev_msg(msg, sizeof(msg), XS_WATCH_EVENT, 0, 0, big,
			       NULL), 16 + XENSTORE_PAYLOAD_MAX);
	CHECK_EQ(pv_xs_dev_msg(msg, sizeof(msg), XS_WATCH_EVENT, 0, 0, big,
			       ""), -E2BIG);
	big[XENSTORE_PAYLOAD_MAX - 1] = 'p';
	CHECK_EQ(pv_xs_dev_msg(msg, sizeof(msg), XS_WATCH_EVENT, 0, 0, big,
			       NULL), -E2BIG);
}

const struct pv_test pv_tests[] = {
	TEST(xs_dev_reassembly),
	TEST(xs_dev_oversized),
	TEST(xs_dev_classify),
	TEST(xs_dev_msg),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
