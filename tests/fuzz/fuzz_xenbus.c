// SPDX-License-Identifier: GPL-2.0
/*
 * A xenstore value of exactly the fuzzer's length in its own heap block,
 * as the bus reads a state, a backend-id, a backend path or a watch
 * event's path: the parsers must neither read past it nor accept a value
 * that breaks their own rules.
 */
#include <pv/io/xenbus.h>
#include "fuzz.h"

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum xenbus_state st;
	struct pv_xb_devpath dp;
	u32 i;
	u16 domid;
	char *p;
	int r;

	if (size > 4096)
		return 0;
	p = malloc(size ? size : 1);
	CHECK(p);
	memcpy(p, data, size);

	r = pv_xb_parse_state(p, size, &st);
	CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
	if (!r)
		CHECK((u32)st <= XenbusStateReconfigured &&
		      strcmp(pv_xb_state_name(st), "INVALID"));
	r = pv_xb_parse_domid(p, size, &domid);
	CHECK(r == 0 || r == -EINVAL || r == -ERANGE);
	if (!r)
		CHECK(domid < PV_XB_DOMID_FIRST_RESERVED);

	r = pv_xb_parse_devpath(p, size, &dp);
	CHECK(r == 0 || r == 1 || r == -EINVAL);
	if (r == 1) {
		CHECK(dp.type == p + 7);
		CHECK(dp.type_len >= 1 && dp.type_len <= PV_XB_TYPE_MAX);
		CHECK(dp.id == dp.type + dp.type_len + 1);
		CHECK(dp.id_len >= 1 && dp.id_len <= PV_XB_ID_MAX);
		CHECK(dp.len == 7 + dp.type_len + 1 + dp.id_len && dp.len <= size);
		CHECK(dp.id[0] != '-');
		for (i = 0; i < dp.type_len; i++)
			CHECK(is_name_char(dp.type[i]));
		for (i = 0; i < dp.id_len; i++)
			CHECK(is_name_char(dp.id[i]));
		CHECK(dp.len == size || (p[dp.len] == '/' && dp.len + 1 < size));
	}

	r = pv_xb_check_backend(p, size, size ? (u8)p[size - 1] : 0);
	CHECK(r == 0 || r == -EINVAL);
	if (!r) {
		CHECK(size <= 255 && p[size - 1] != '/');
		CHECK(!memcmp(p, "/local/domain/", 14));
		CHECK(memchr(p, 0, size) == NULL);
	}
	free(p);
	return 0;
}
