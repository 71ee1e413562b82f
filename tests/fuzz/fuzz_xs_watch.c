// SPDX-License-Identifier: GPL-2.0
/*
 * A watch event (or any reply payload) of exactly the fuzzer's length in
 * its own heap block: the watch-event, directory, error and number parsers
 * must neither read past it nor accept a malformed one.
 */
#include <pv/io/xs_wire.h>
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pv_xs_watch_event ev;
	const char *name;
	char *p;
	u32 len = (u32)size, pos = 0, nlen;
	u64 v;
	int r;

	if (size > XENSTORE_PAYLOAD_MAX)
		return 0;
	p = malloc(size ? size : 1);
	CHECK(p);
	memcpy(p, data, size);

	r = pv_xs_parse_watch_event(p, len, &ev);
	if (!r) {
		CHECK(ev.path == p && ev.path_len && ev.path_len < len);
		CHECK(strlen(ev.path) == ev.path_len);
		CHECK(ev.token == p + ev.path_len + 1);
		CHECK(strlen(ev.token) == ev.token_len);
		CHECK(ev.path_len + ev.token_len + 2 == len);
	} else {
		CHECK(r == -EPROTO);
	}
	while ((r = pv_xs_dir_next(p, len, &pos, &name, &nlen)) == 1)
		CHECK(nlen && strlen(name) == nlen && pos <= len);
	CHECK(r == 0 || r == -EPROTO);
	r = pv_xs_error_errno(p, len);
	CHECK(r == -EPROTO || r == -EINVAL || pv_xs_errno_name(r));
	r = pv_xs_parse_uint(p, len, ~0ull, &v);
	CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
	r = pv_xs_parse_uint(p, len, 0xffffffffu, &v);
	CHECK(r || v <= 0xffffffffu);
	free(p);
	return 0;
}
