// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore wire core: request encoding and limits, header checks,
 * truncated and oversized messages, reassembly from the ring across data
 * and index wrap, and the reply and watch-event parsers.
 */
#include <pv/io/xs_wire.h>
#include "harness.h"
#include "trash_copies.h"

static char buf[PV_XS_MSG_MAX];
static struct xenstore_domain_interface intf;
static struct pv_xs_rx rx;

static struct xsd_sockmsg hdr_of(const void *msg)
{
	struct xsd_sockmsg h;

	memcpy(&h, msg, sizeof(h));
	return h;
}

static void xs_encode_read(void)
{
	struct xsd_sockmsg h;
	int n = pv_xs_req_path(buf, sizeof(buf), XS_READ, 7, 3,
			       "device/vbd/768/state");

	CHECK_EQ(n, 16 + 21);
	h = hdr_of(buf);
	CHECK_EQ(h.type, XS_READ);
	CHECK_EQ(h.req_id, 7);
	CHECK_EQ(h.tx_id, 3);
	CHECK_EQ(h.len, 21);
	CHECK(!memcmp(buf + 16, "device/vbd/768/state", 21));
	CHECK_EQ(pv_xs_req_path(buf, sizeof(buf), XS_WRITE, 1, 0, "a"),
		 -EINVAL);
	CHECK_EQ(pv_xs_req_path(buf, sizeof(buf), XS_DIRECTORY, 1, 0, "/"),
		 18);
	CHECK_EQ(pv_xs_req_path(buf, 17, XS_RM, 1, 0, "ab"), -ENOSPC);
}

static void xs_encode_write(void)
{
	struct xsd_sockmsg h;
	static char big[4096];
	int n = pv_xs_req_write(buf, sizeof(buf), 9, 0, "a/b", "42", 2);

	CHECK_EQ(n, 16 + 4 + 2);
	h = hdr_of(buf);
	CHECK_EQ(h.type, XS_WRITE);
	CHECK_EQ(h.len, 6);
	CHECK(!memcmp(buf + 16, "a/b\0" "42", 6));
	/* Path plus value over the payload limit. */
	memset(big, 'v', sizeof(big));
	CHECK_EQ(pv_xs_req_write(buf, sizeof(buf), 1, 0, "a", big, 4094), 16 + 4096);
	CHECK_EQ(pv_xs_req_write(buf, sizeof(buf), 1, 0, "a", big, 4095), -E2BIG);
	CHECK_EQ(pv_xs_req_write(buf, sizeof(buf), 1, 0, "a b", "1", 1), -EINVAL);
	CHECK_EQ(pv_xs_req_write(buf, sizeof(buf), 1, 0, "a", "", 0), 18);
}

static void xs_encode_watch_tx(void)
{
	struct xsd_sockmsg h;
	int n;

	n = pv_xs_req_watch(buf, sizeof(buf), XS_WATCH, 2, "backend/vbd", "tok1");
	CHECK_EQ(n, 16 + 12 + 5);
	CHECK(!memcmp(buf + 16, "backend/vbd\0tok1", 17));
	CHECK_EQ(hdr_of(buf).type, XS_WATCH);
	n = pv_xs_req_watch(buf, sizeof(buf), XS_UNWATCH, 2, "@releaseDomain", "t");
	CHECK_EQ(n, 16 + 15 + 2);
	CHECK_EQ(pv_xs_req_watch(buf, sizeof(buf), XS_READ, 2, "a", "t"), -EINVAL);

	CHECK_EQ(pv_xs_req_transaction_start(buf, sizeof(buf), 4), 17);
	h = hdr_of(buf);
	CHECK_EQ(h.type, XS_TRANSACTION_START);
	CHECK_EQ(h.len, 1);
	CHECK_EQ(buf[16], '\0');
	CHECK_EQ(pv_xs_req_transaction_end(buf, sizeof(buf), 5, 77, true), 18);
	h = hdr_of(buf);
	CHECK_EQ(h.tx_id, 77);
	CHECK(!memcmp(buf + 16, "T", 2));
	CHECK_EQ(pv_xs_req_transaction_end(buf, sizeof(buf), 5, 77, false), 18);
	CHECK(!memcmp(buf + 16, "F", 2));
	CHECK_EQ(pv_xs_req_transaction_end(buf, sizeof(buf), 5, 0, true), -EINVAL);
}

static void xs_path_rules(void)
{
	static char longp[XENSTORE_ABS_PATH_MAX + 2];

	CHECK(pv_xs_path_valid("/", false));
	CHECK(pv_xs_path_valid("/local/domain/0/backend", false));
	CHECK(pv_xs_path_valid("device/vif/0/mac", false));
	CHECK(pv_xs_path_valid("a-b_c@d", false));
	CHECK(!pv_xs_path_valid("", false));
	CHECK(!pv_xs_path_valid("a//b", false));
	CHECK(!pv_xs_path_valid("a/", false));
	CHECK(!pv_xs_path_valid("a b", false));
	CHECK(!pv_xs_path_valid("a\nb", false));
	CHECK(!pv_xs_path_valid("@releaseDomain", false));
	CHECK(pv_xs_path_valid("@releaseDomain", true));
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	longp[XENSTORE_ABS_PATH_MAX] = '\0';
	CHECK(pv_xs_path_valid(longp, false));
	longp[XENSTORE_ABS_PATH_MAX] = 'a';
	CHECK(!pv_xs_path_valid(longp, false));
	longp[0] = 'a';
	longp[XENSTORE_REL_PATH_MAX] = '\0';
	CHECK(pv_xs_path_valid(longp, false));
	longp[XENSTORE_REL_PATH_MAX] = 'a';
	longp[XENSTORE_REL_PATH_MAX + 1] = '\0';
	CHECK(!pv_xs_path_valid(longp, false));
}

static int mkmsg(void *dst, u32 type, u32 req_id, const void *p, u32 len)
{
	struct xsd_sockmsg h = { type, req_id, 0, len };

	memcpy(dst, &h, sizeof(h));
	memcpy((char *)dst + 16, p, len);
	return 16 + (int)len;
}

static void xs_parse_truncated(void)
{
	struct xsd_sockmsg h;
	const char *p;
	int n = mkmsg(buf, XS_READ, 1, "hello", 5);

	CHECK_EQ(pv_xs_parse_msg(buf, (size_t)n, &h, &p), n);
	CHECK(p == buf + 16);
	CHECK_EQ(pv_xs_parse_msg(buf, 0, &h, &p), -EAGAIN);
	CHECK_EQ(pv_xs_parse_msg(buf, 15, &h, &p), -EAGAIN);
	CHECK_EQ(pv_xs_parse_msg(buf, 16, &h, &p), -EAGAIN);
	CHECK_EQ(pv_xs_parse_msg(buf, (size_t)n - 1, &h, &p), -EAGAIN);
}

static void xs_parse_bad_header(void)
{
	struct xsd_sockmsg h = { XS_READ, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };
	const char *p;

	memcpy(buf, &h, sizeof(h));
	CHECK_EQ(pv_xs_parse_msg(buf, sizeof(buf), &h, &p), -EPROTO);
	h.len = 0xffffffffu;
	memcpy(buf, &h, sizeof(h));
	CHECK_EQ(pv_xs_parse_msg(buf, sizeof(buf), &h, &p), -EPROTO);
	h.len = 0;
	h.type = 20;		/* the removed XS_RESTRICT */
	memcpy(buf, &h, sizeof(h));
	CHECK_EQ(pv_xs_parse_msg(buf, sizeof(buf), &h, &p), -EPROTO);
	h.type = XS_TYPE_COUNT;
	memcpy(buf, &h, sizeof(h));
	CHECK_EQ(pv_xs_parse_msg(buf, sizeof(buf), &h, &p), -EPROTO);
	h.type = XS_INVALID;
	memcpy(buf, &h, sizeof(h));
	CHECK_EQ(pv_xs_parse_msg(buf, sizeof(buf), &h, &p), -EPROTO);
	h.type = XS_DIRECTORY_PART;
	memcpy(buf, &h, sizeof(h));
	CHECK_EQ(pv_xs_parse_msg(buf, sizeof(buf), &h, &p), 16);
}

/* Daemon side: put bytes on the response ring. */
static void daemon_put(const void *p, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		intf.rsp[MASK_XENSTORE_IDX(intf.rsp_prod + i)] =
			((const char *)p)[i];
	intf.rsp_prod += len;
}

static void xs_rx_reassembly(void)
{
	static char msg[PV_XS_MSG_MAX];
	int n, i;

	memset(&intf, 0, sizeof(intf));
	intf.rsp_cons = intf.rsp_prod = 0xfffffff8u;
	pv_xs_rx_reset(&rx);
	n = mkmsg(msg, XS_WATCH_EVENT, 0, "a/b\0tok\0", 8);
	daemon_put(msg, 10);			/* partial header */
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), 0);
	daemon_put(msg + 10, 10);		/* header and 4 bytes */
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), 0);
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), 0);	/* nothing new */
	daemon_put(msg + 20, (u32)n - 20);
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), 1);
	CHECK_EQ(rx.hdr.type, XS_WATCH_EVENT);
	CHECK_EQ(rx.hdr.len, 8);
	CHECK(!memcmp(rx.body, "a/b\0tok\0", 8));
	CHECK_EQ(rx.body[8], '\0');
	CHECK_EQ(intf.rsp_cons, intf.rsp_prod);

	/* A payload larger than the ring arrives in several pieces. */
	pv_xs_rx_reset(&rx);
	for (i = 0; i < 3000; i++)
		msg[16 + i] = (char)('a' + i % 26);
	n = mkmsg(msg, XS_READ, 5, msg + 16, 3000);
	{
		int off = 0, got = 0;

		while (off < n) {
			int chunk = n - off < 700 ? n - off : 700;

			daemon_put(msg + off, (u32)chunk);
			off += chunk;
			got = pv_xs_rx_feed(&rx, &intf);
			CHECK(got >= 0);
		}
		CHECK_EQ(got, 1);
	}
	CHECK_EQ(rx.hdr.len, 3000);
	CHECK(!memcmp(rx.body, msg + 16, 3000));
	CHECK_EQ(rx.body[3000], '\0');
}

static void xs_rx_oversized(void)
{
	struct xsd_sockmsg h = { XS_READ, 1, 0, 5000 };

	memset(&intf, 0, sizeof(intf));
	pv_xs_rx_reset(&rx);
	daemon_put(&h, sizeof(h));
	daemon_put("xxxx", 4);
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), -EPROTO);
	/* The payload was not consumed. */
	CHECK_EQ(intf.rsp_cons, 16);
}

/*
 * A caller that feeds again after -EPROTO instead of resetting must get
 * -EPROTO again, not a payload copy sized by the refused header.
 */
static void xs_rx_error_sticky(void)
{
	struct xsd_sockmsg h = { XS_READ, 1, 0, 8000 };
	static char junk[1000];
	int i;

	memset(&intf, 0, sizeof(intf));
	memset(junk, 'x', sizeof(junk));
	pv_xs_rx_reset(&rx);
	daemon_put(&h, sizeof(h));
	daemon_put(junk, sizeof(junk));
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), -EPROTO);
	for (i = 0; i < 3; i++) {
		CHECK_EQ(pv_xs_rx_feed(&rx, &intf), -EPROTO);
		CHECK_EQ(intf.rsp_cons, 16);
	}
	/* A reset starts afresh on the next message. */
	memset(&intf, 0, sizeof(intf));
	pv_xs_rx_reset(&rx);
	h.len = 4;
	daemon_put(&h, sizeof(h));
	daemon_put("abc", 4);
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), 1);
	CHECK(!memcmp(rx.body, "abc", 4));
}

/*
 * Header and payload are copied out of the ring once: with the ring bytes
 * overwritten right after each copy, the message is still the one sent.
 */
static void xs_rx_no_double_fetch(void)
{
	static char msg[PV_XS_MSG_MAX];
	int n, r;

	memset(&intf, 0, sizeof(intf));
	intf.rsp_cons = intf.rsp_prod = 1020;	/* the payload wraps */
	pv_xs_rx_reset(&rx);
	n = mkmsg(msg, XS_WATCH_EVENT, 0, "a/b\0tok\0", 8);
	daemon_put(msg, (u32)n);
	trash_copies(true);
	r = pv_xs_rx_feed(&rx, &intf);
	trash_copies(false);
	CHECK_EQ(r, 1);
	CHECK_EQ(rx.hdr.type, XS_WATCH_EVENT);
	CHECK_EQ(rx.hdr.len, 8);
	CHECK(!memcmp(rx.body, "a/b\0tok\0", 8));
	CHECK_EQ(intf.rsp_cons, 1020 + 24);
	CHECK_EQ(intf.rsp[MASK_XENSTORE_IDX(1020)], (char)0xa5);
}

static void xs_rx_corrupt_ring(void)
{
	memset(&intf, 0, sizeof(intf));
	pv_xs_rx_reset(&rx);
	intf.rsp_prod = 1025;
	CHECK_EQ(pv_xs_rx_feed(&rx, &intf), -EIO);
	intf.rsp_prod = 0;
	intf.req_cons = 3;
	CHECK_EQ(pv_xs_send(&intf, "abc", 3), -EIO);
}

static void xs_send_partial(void)
{
	static char big[1500];

	memset(&intf, 0, sizeof(intf));
	memset(big, 'q', sizeof(big));
	intf.req_cons = intf.req_prod = 0xffffff00u;
	CHECK_EQ(pv_xs_send(&intf, big, sizeof(big)), 1024);
	CHECK_EQ(pv_xs_send(&intf, big, sizeof(big)), 0);
	intf.req_cons += 100;
	CHECK_EQ(pv_xs_send(&intf, big, sizeof(big)), 100);
	CHECK_EQ(intf.req_prod, 0xffffff00u + 1124);
}

static void xs_errors(void)
{
	CHECK_EQ(pv_xs_error_errno("ENOENT", 7), -ENOENT);
	CHECK_EQ(pv_xs_error_errno("ENOENT", 6), -ENOENT);
	CHECK_EQ(pv_xs_error_errno("EACCES", 7), -EACCES);
	CHECK_EQ(pv_xs_error_errno("EPERM", 6), -EPERM);
	CHECK_EQ(pv_xs_error_errno("EFOO", 5), -EINVAL);
	CHECK_EQ(pv_xs_error_errno("ENOEN", 5), -EINVAL);
	CHECK_EQ(pv_xs_error_errno("", 0), -EPROTO);
	CHECK_EQ(pv_xs_error_errno("\0", 1), -EPROTO);
	CHECK_EQ(pv_xs_error_errno("ENOENT\0x", 8), -EPROTO);
	CHECK(!strcmp(pv_xs_errno_name(-EAGAIN), "EAGAIN"));
	CHECK(!strcmp(pv_xs_errno_name(E2BIG), "E2BIG"));
	CHECK(pv_xs_errno_name(EXDEV) == NULL);
}

static void xs_check_reply(void)
{
	struct xsd_sockmsg h = { XS_READ, 9, 0, 3 };

	CHECK_EQ(pv_xs_check_reply(&h, "abc", XS_READ, 9), 0);
	CHECK_EQ(pv_xs_check_reply(&h, "abc", XS_READ, 8), -EPROTO);
	CHECK_EQ(pv_xs_check_reply(&h, "abc", XS_WRITE, 9), -EPROTO);
	h.type = XS_ERROR;
	h.len = 7;
	CHECK_EQ(pv_xs_check_reply(&h, "EEXIST", XS_MKDIR, 9), -EEXIST);
	CHECK_EQ(pv_xs_reply_ok("OK", 3), 0);
	CHECK_EQ(pv_xs_reply_ok("OK", 2), 0);
	CHECK_EQ(pv_xs_reply_ok("OKAY", 5), -EPROTO);
	CHECK_EQ(pv_xs_reply_ok("O", 1), -EPROTO);
	CHECK_EQ(pv_xs_reply_ok("", 0), -EPROTO);
}

static void xs_reply_values(void)
{
	char dst[8];
	u64 v;
	u32 tx;

	CHECK_EQ(pv_xs_reply_string("4", 1, dst, sizeof(dst)), 1);
	CHECK(!strcmp(dst, "4"));
	CHECK_EQ(pv_xs_reply_string("1234567", 7, dst, sizeof(dst)), 7);
	CHECK_EQ(pv_xs_reply_string("12345678", 8, dst, sizeof(dst)), -E2BIG);
	CHECK_EQ(pv_xs_reply_string("", 0, dst, sizeof(dst)), 0);
	CHECK_EQ(dst[0], '\0');

	CHECK_EQ(pv_xs_parse_uint("123", 3, ~0ull, &v), 0);
	CHECK_EQ(v, 123);
	CHECK_EQ(pv_xs_parse_uint("123", 4, ~0ull, &v), 0);
	CHECK_EQ(pv_xs_parse_uint("", 0, ~0ull, &v), -EINVAL);
	CHECK_EQ(pv_xs_parse_uint("\0", 1, ~0ull, &v), -EINVAL);
	CHECK_EQ(pv_xs_parse_uint("12a", 3, ~0ull, &v), -EINVAL);
	CHECK_EQ(pv_xs_parse_uint("-1", 2, ~0ull, &v), -EINVAL);
	CHECK_EQ(pv_xs_parse_uint(" 1", 2, ~0ull, &v), -EINVAL);
	CHECK_EQ(pv_xs_parse_uint("4294967295", 10, 0xffffffffu, &v), 0);
	CHECK_EQ(v, 0xffffffffu);
	CHECK_EQ(pv_xs_parse_uint("4294967296", 10, 0xffffffffu, &v), -ERANGE);
	CHECK_EQ(pv_xs_parse_uint("18446744073709551615", 20, ~0ull, &v), 0);
	CHECK(v == ~0ull);
	CHECK_EQ(pv_xs_parse_uint("18446744073709551616", 20, ~0ull, &v),
		 -ERANGE);
	CHECK_EQ(pv_xs_parse_uint("5", 1, 4, &v), -ERANGE);
	CHECK_EQ(pv_xs_parse_uint("5", 1, 0, &v), -ERANGE);

	CHECK_EQ(pv_xs_reply_tx_id("17", 3, &tx), 0);
	CHECK_EQ(tx, 17);
	CHECK_EQ(pv_xs_reply_tx_id("0", 2, &tx), -EPROTO);
	CHECK_EQ(pv_xs_reply_tx_id("x", 2, &tx), -EPROTO);
}

static void xs_directory(void)
{
	const char *name;
	u32 pos = 0, len;

	CHECK_EQ(pv_xs_dir_next("a\0bb\0ccc", 9, &pos, &name, &len), 1);
	CHECK_EQ(len, 1);
	CHECK_EQ(pv_xs_dir_next("a\0bb\0ccc", 9, &pos, &name, &len), 1);
	CHECK_EQ(len, 2);
	CHECK(!memcmp(name, "bb", 3));
	CHECK_EQ(pv_xs_dir_next("a\0bb\0ccc", 9, &pos, &name, &len), 1);
	CHECK_EQ(len, 3);
	CHECK_EQ(pv_xs_dir_next("a\0bb\0ccc", 9, &pos, &name, &len), 0);
	pos = 0;
	CHECK_EQ(pv_xs_dir_next("", 0, &pos, &name, &len), 0);
	pos = 0;
	CHECK_EQ(pv_xs_dir_next("a\0b", 3, &pos, &name, &len), 1);
	CHECK_EQ(pv_xs_dir_next("a\0b", 3, &pos, &name, &len), -EPROTO);
	pos = 0;
	CHECK_EQ(pv_xs_dir_next("\0", 1, &pos, &name, &len), -EPROTO);
}

static void xs_watch_event(void)
{
	struct pv_xs_watch_event ev;

	CHECK_EQ(pv_xs_parse_watch_event("a/b\0tok", 8, &ev), 0);
	CHECK_EQ(ev.path_len, 3);
	CHECK_EQ(ev.token_len, 3);
	CHECK(!strcmp(ev.path, "a/b"));
	CHECK(!strcmp(ev.token, "tok"));
	CHECK_EQ(pv_xs_parse_watch_event("a/b\0\0", 5, &ev), 0);
	CHECK_EQ(ev.token_len, 0);
	CHECK_EQ(pv_xs_parse_watch_event("a/b\0tok", 7, &ev), -EPROTO);
	CHECK_EQ(pv_xs_parse_watch_event("a/b", 4, &ev), -EPROTO);
	CHECK_EQ(pv_xs_parse_watch_event("a/b", 3, &ev), -EPROTO);
	CHECK_EQ(pv_xs_parse_watch_event("\0tok", 5, &ev), -EPROTO);
	CHECK_EQ(pv_xs_parse_watch_event("a\0b\0c", 6, &ev), -EPROTO);
	CHECK_EQ(pv_xs_parse_watch_event("", 0, &ev), -EPROTO);
}

const struct pv_test pv_tests[] = {
	TEST(xs_encode_read),
	TEST(xs_encode_write),
	TEST(xs_encode_watch_tx),
	TEST(xs_path_rules),
	TEST(xs_parse_truncated),
	TEST(xs_parse_bad_header),
	TEST(xs_rx_reassembly),
	TEST(xs_rx_oversized),
	TEST(xs_rx_error_sticky),
	TEST(xs_rx_no_double_fetch),
	TEST(xs_rx_corrupt_ring),
	TEST(xs_send_partial),
	TEST(xs_errors),
	TEST(xs_check_reply),
	TEST(xs_reply_values),
	TEST(xs_directory),
	TEST(xs_watch_event),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
