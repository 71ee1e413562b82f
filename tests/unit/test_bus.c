// SPDX-License-Identifier: GPL-2.0
/*
 * Device bus core: state values and names, backend ids, device paths and
 * backend paths, each with the malformed values a toolstack could write.
 */
#include <pv/io/xenbus.h>
#include "harness.h"

#define S(str) (str), strlen(str)

static void bus_state_names(void)
{
	CHECK(!strcmp(pv_xb_state_name(XenbusStateUnknown), "Unknown"));
	CHECK(!strcmp(pv_xb_state_name(XenbusStateInitialising), "Initialising"));
	CHECK(!strcmp(pv_xb_state_name(XenbusStateInitWait), "InitWait"));
	CHECK(!strcmp(pv_xb_state_name(XenbusStateConnected), "Connected"));
	CHECK(!strcmp(pv_xb_state_name(XenbusStateClosed), "Closed"));
	CHECK(!strcmp(pv_xb_state_name(XenbusStateReconfigured), "Reconfigured"));
	CHECK(!strcmp(pv_xb_state_name(9), "INVALID"));
	CHECK(!strcmp(pv_xb_state_name(0xffffffffu), "INVALID"));
}

static void bus_parse_state(void)
{
	enum xenbus_state st = XenbusStateUnknown;

	CHECK_EQ(pv_xb_parse_state(S("4"), &st), 0);
	CHECK_EQ(st, XenbusStateConnected);
	CHECK_EQ(pv_xb_parse_state(S("0"), &st), 0);
	CHECK_EQ(st, XenbusStateUnknown);
	CHECK_EQ(pv_xb_parse_state(S("8"), &st), 0);
	CHECK_EQ(st, XenbusStateReconfigured);
	st = XenbusStateClosing;
	CHECK_EQ(pv_xb_parse_state(S("9"), &st), -ERANGE);
	CHECK_EQ(pv_xb_parse_state(S("4294967296"), &st), -ERANGE);
	CHECK_EQ(pv_xb_parse_state(S("99999999999999999999"), &st), -ERANGE);
	CHECK_EQ(pv_xb_parse_state(S(""), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state(S("garbage"), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state(S("04"), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state(S("-1"), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state(S("+4"), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state(S(" 4"), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state(S("4\n"), &st), -EINVAL);
	CHECK_EQ(pv_xb_parse_state("4\0", 2, &st), -EINVAL);
	/* Only the given length counts: "45" cut to one byte is "4". */
	CHECK_EQ(pv_xb_parse_state("45", 1, &st), 0);
	CHECK_EQ(st, XenbusStateConnected);
	CHECK_EQ(pv_xb_parse_state(S("5"), &st), 0);
	CHECK_EQ(pv_xb_parse_state(S("x"), &st), -EINVAL);
	CHECK_EQ(st, XenbusStateClosing);	/* untouched on failure */
}

static void bus_parse_domid(void)
{
	u16 d = 7;

	CHECK_EQ(pv_xb_parse_domid(S("0"), &d), 0);
	CHECK_EQ(d, 0);
	CHECK_EQ(pv_xb_parse_domid(S("32751"), &d), 0);
	CHECK_EQ(d, 0x7fef);
	CHECK_EQ(pv_xb_parse_domid(S("32752"), &d), -ERANGE);	/* DOMID_SELF.. */
	CHECK_EQ(pv_xb_parse_domid(S("65535"), &d), -ERANGE);
	CHECK_EQ(pv_xb_parse_domid(S("65536"), &d), -ERANGE);
	CHECK_EQ(pv_xb_parse_domid(S("12345678901"), &d), -ERANGE);
	CHECK_EQ(pv_xb_parse_domid(S(""), &d), -EINVAL);
	CHECK_EQ(pv_xb_parse_domid(S("dom0"), &d), -EINVAL);
	CHECK_EQ(pv_xb_parse_domid(S("00"), &d), -EINVAL);
	CHECK_EQ(pv_xb_parse_domid(S("1 "), &d), -EINVAL);
	CHECK_EQ(d, 0x7fef);
}

static void bus_parse_devpath(void)
{
	struct pv_xb_devpath dp;

	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/51712"), &dp), 1);
	CHECK_EQ(dp.type_len, 3);
	CHECK(!memcmp(dp.type, "vbd", 3));
	CHECK_EQ(dp.id_len, 5);
	CHECK(!memcmp(dp.id, "51712", 5));
	CHECK_EQ(dp.len, 16);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vif/0/state"), &dp), 1);
	CHECK_EQ(dp.len, 12);
	CHECK(!memcmp(dp.id, "0", 1));
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/51712/a/b/c"), &dp), 1);
	CHECK_EQ(dp.len, 16);
	CHECK_EQ(pv_xb_parse_devpath(S("device"), &dp), 0);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd"), &dp), 0);
	CHECK_EQ(pv_xb_parse_devpath(S("device/"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/51712/"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("devices/vbd/1"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("devic"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device//1"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd//x"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/-1"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/v.d/1"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/1 2"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/1.2"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("/local/domain/1/device/vbd/1"), &dp), -EINVAL);
	/* 31 characters of type and id are the most. */
	CHECK_EQ(pv_xb_parse_devpath(S("device/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/1"), &dp), 1);
	CHECK_EQ(pv_xb_parse_devpath(S("device/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/1"), &dp), -EINVAL);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/1111111111111111111111111111111"), &dp), 1);
	CHECK_EQ(pv_xb_parse_devpath(S("device/vbd/11111111111111111111111111111111"), &dp), -EINVAL);
	/* A NUL inside the given length is a bad character, not an end. */
	CHECK_EQ(pv_xb_parse_devpath("device/vbd/1\0", 13, &dp), -EINVAL);
}

static void bus_check_backend(void)
{
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend/vbd/5/51712"), 0), 0);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/12/backend/vif/3/0"), 12), 0);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend/vbd/5/51712"), 1), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/12/backend/vif/3/0"), 1), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/012/backend/vif/3/0"), 12), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend/"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend/vbd/"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend//vbd"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/frontend/vbd/1"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("local/domain/0/backend/vbd/1"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain//backend/vbd/1"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/0/backend/vbd/1 2"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S("/local/domain/99999999999/backend/v"), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend(S(""), 0), -EINVAL);
	CHECK_EQ(pv_xb_check_backend("/local/domain/0/backend/v\0", 26, 0), -EINVAL);
}

static void bus_check_backend_length(void)
{
	char p[300];
	size_t n;

	memcpy(p, "/local/domain/0/backend/", 24);
	memset(p + 24, 'a', sizeof(p) - 24);
	n = 255;
	CHECK_EQ(pv_xb_check_backend(p, n, 0), 0);
	CHECK_EQ(pv_xb_check_backend(p, n + 1, 0), -EINVAL);
}

const struct pv_test pv_tests[] = {
	TEST(bus_state_names),
	TEST(bus_parse_state),
	TEST(bus_parse_domid),
	TEST(bus_parse_devpath),
	TEST(bus_check_backend),
	TEST(bus_check_backend_length),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
