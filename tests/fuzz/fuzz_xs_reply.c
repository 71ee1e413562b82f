// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore replies as the daemon could send them.  The first byte picks a
 * mode: a byte stream pushed through the response ring in fuzzer-sized
 * chunks (reassembly, header checks) with every complete message handed
 * to the reply parsers, or raw ring indexes and contents (index checks).
 * Payloads are also parsed from exact-size heap copies, so any over-read
 * past the daemon's length is an ASan report.
 */
#include <pv/io/xs_wire.h>
#include "fuzz.h"

static struct xenstore_domain_interface intf;
static struct pv_xs_rx rx;

static void parse_payload(const struct xsd_sockmsg *hdr, const char *body)
{
	struct pv_xs_watch_event ev;
	const char *name;
	char val[64];
	u32 pos = 0, len, tx;
	int r;

	r = pv_xs_check_reply(hdr, body, hdr->type, hdr->req_id);
	CHECK(r <= 0);
	if (hdr->type == XS_ERROR)
		CHECK(r == -EPROTO || pv_xs_errno_name(r));
	while ((r = pv_xs_dir_next(body, hdr->len, &pos, &name, &len)) == 1) {
		CHECK(name >= body && name + len < body + hdr->len);
		CHECK(len && name[len] == '\0');
	}
	CHECK(r == 0 || r == -EPROTO);
	if (!pv_xs_parse_watch_event(body, hdr->len, &ev)) {
		CHECK(ev.path_len && ev.path[ev.path_len] == '\0');
		CHECK(ev.token + ev.token_len + 1 == body + hdr->len);
	}
	r = pv_xs_reply_string(body, hdr->len, val, sizeof(val));
	CHECK(r == -E2BIG || (r == (int)hdr->len && val[r] == '\0'));
	if (!pv_xs_reply_tx_id(body, hdr->len, &tx))
		CHECK(tx != 0);
	pv_xs_reply_ok(body, hdr->len);
}

/* Handle one complete message: from the private body, then a heap copy. */
static void handle(const struct xsd_sockmsg *hdr, const char *body)
{
	char *copy = malloc(hdr->len ? hdr->len : 1);

	CHECK(hdr->len <= XENSTORE_PAYLOAD_MAX);
	CHECK(copy);
	memcpy(copy, body, hdr->len);
	parse_payload(hdr, body);
	parse_payload(hdr, copy);
	free(copy);
}

static void stream_mode(struct fz *f)
{
	u32 start = fz_u32(f);
	int guard = 0;

	memset(&intf, 0, sizeof(intf));
	intf.rsp_cons = intf.rsp_prod = start;
	pv_xs_rx_reset(&rx);
	while (!fz_empty(f) && guard++ < 1000) {
		u32 chunk = fz_u8(f) * 5u + 1, space, i;
		int r;

		space = XENSTORE_RING_SIZE - (intf.rsp_prod - intf.rsp_cons);
		if (chunk > space)
			chunk = space;
		for (i = 0; i < chunk && !fz_empty(f); i++)
			intf.rsp[MASK_XENSTORE_IDX(intf.rsp_prod++)] = (char)fz_u8(f);
		do {
			r = pv_xs_rx_feed(&rx, &intf);
			CHECK(r >= -EPROTO && r <= 1);
			if (r == 1) {
				CHECK(rx.body[rx.hdr.len] == '\0');
				handle(&rx.hdr, rx.body);
				pv_xs_rx_reset(&rx);
			}
		} while (r == 1);
		if (r < 0) {
			u32 cons = intf.rsp_cons;

			/* Feeding on after an error must not read on. */
			CHECK(pv_xs_rx_feed(&rx, &intf) == r);
			CHECK(intf.rsp_cons == cons);
			return;
		}
		CHECK(intf.rsp_cons == intf.rsp_prod);
	}
}

static void raw_ring_mode(struct fz *f)
{
	int i, r;

	memset(&intf, 0, sizeof(intf));
	pv_xs_rx_reset(&rx);
	intf.rsp_cons = fz_u32(f);
	intf.rsp_prod = fz_u32(f);
	fz_bytes(f, intf.rsp, sizeof(intf.rsp));
	for (i = 0; i < 8; i++) {
		u32 before = intf.rsp_cons;

		r = pv_xs_rx_feed(&rx, &intf);
		if (r == -EIO) {
			CHECK(intf.rsp_cons == before);
			CHECK(intf.rsp_prod - intf.rsp_cons > XENSTORE_RING_SIZE);
			return;
		}
		if (r < 0)
			return;
		CHECK(intf.rsp_cons - before <= XENSTORE_RING_SIZE);
		if (r == 1) {
			handle(&rx.hdr, rx.body);
			pv_xs_rx_reset(&rx);
		}
	}
}

/* The same bytes as one flat buffer through pv_xs_parse_msg(). */
static void flat_mode(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	struct xsd_sockmsg hdr;
	const char *payload;
	size_t off = 0;
	int n;

	CHECK(buf);
	memcpy(buf, data, size);
	while ((n = pv_xs_parse_msg(buf + off, size - off, &hdr, &payload)) > 0) {
		char *copy = malloc(hdr.len ? hdr.len : 1);

		CHECK((size_t)n <= size - off);
		CHECK(copy);
		memcpy(copy, payload, hdr.len);
		parse_payload(&hdr, copy);
		free(copy);
		off += (size_t)n;
	}
	CHECK(n == -EAGAIN || n == -EPROTO);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	uint8_t mode = fz_u8(&f);

	if (mode & 1)
		raw_ring_mode(&f);
	else
		stream_mode(&f);
	if (size > 1)
		flat_mode(data + 1, size - 1);
	return 0;
}
