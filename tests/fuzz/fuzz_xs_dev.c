// SPDX-License-Identifier: GPL-2.0
/*
 * What user space writes to /dev/xen/xenbus: the fuzzer's bytes are a
 * stream of (chunk length, chunk) pairs written into one reassembly
 * state.  Every accepted request must lie inside the buffer with the
 * lengths its header says, and every classified watch must point at two
 * NUL-terminated strings inside the payload; an event re-encoded from
 * them must fit.
 */
#include <pv/io/xs_dev.h>
#include "fuzz.h"

static struct pv_xs_dev_in in;
static char out[PV_XS_MSG_MAX];

static void check_request(void)
{
	struct pv_xs_dev_req req;
	const char *end = in.body + in.hdr.len;
	int r, n;

	CHECK(in.hdr.len <= XENSTORE_PAYLOAD_MAX);
	CHECK(in.have == sizeof(struct xsd_sockmsg) + in.hdr.len);
	CHECK(in.body[in.hdr.len] == '\0');
	r = pv_xs_dev_classify(&in, &req);
	if (r) {
		CHECK(r == -EINVAL);
		return;
	}
	switch (req.kind) {
	case PV_XS_DEV_WATCH:
	case PV_XS_DEV_UNWATCH:
		CHECK(in.hdr.type == XS_WATCH || in.hdr.type == XS_UNWATCH);
		CHECK(!in.hdr.tx_id);
		CHECK(req.path == in.body && req.token > req.path);
		CHECK(req.token + strlen(req.token) + 1 == end);
		CHECK(pv_xs_path_valid(req.path, true));
		n = pv_xs_dev_msg(out, sizeof(out), XS_WATCH_EVENT, 0, 0,
				  req.path, req.token);
		CHECK(n == (int)(sizeof(struct xsd_sockmsg) + in.hdr.len));
		CHECK(!memcmp(out + sizeof(struct xsd_sockmsg), in.body,
			      in.hdr.len));
		break;
	case PV_XS_DEV_TX_END:
		CHECK(in.hdr.tx_id && in.hdr.len >= 1 && in.hdr.len <= 2);
		CHECK(req.commit == (in.body[0] == 'T'));
		break;
	case PV_XS_DEV_TX_START:
		CHECK(!in.hdr.tx_id);
		break;
	case PV_XS_DEV_FORWARD:
		CHECK(in.hdr.type < XS_TYPE_COUNT);
		CHECK(in.hdr.type != XS_WATCH_EVENT && in.hdr.type != XS_ERROR &&
		      in.hdr.type != XS_RESET_WATCHES);
		break;
	default:
		CHECK(0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	void *dst;
	u32 want, n;
	int r;

	pv_xs_dev_in_reset(&in);
	while (!fz_empty(&f)) {
		n = fz_u16(&f);
		want = pv_xs_dev_in_want(&in, &dst);
		/* Now and then ask for more than wanted: must be refused. */
		if (n > want && !(n & 0x8000))
			n = want;
		if (n > want) {
			CHECK(pv_xs_dev_in_got(&in, n) == -EINVAL);
			pv_xs_dev_in_reset(&in);
			continue;
		}
		n = (u32)fz_bytes(&f, dst, n);
		r = pv_xs_dev_in_got(&in, n);
		if (r < 0) {
			CHECK(r == -EINVAL);
			CHECK(in.hdr.len > XENSTORE_PAYLOAD_MAX);
			pv_xs_dev_in_reset(&in);
		} else if (r == 1) {
			check_request();
			pv_xs_dev_in_reset(&in);
		}
	}
	return 0;
}
