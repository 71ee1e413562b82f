// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-check of include/pv/io/ against Xen's public headers: the two
 * tables are built from the same list in separate units; every row must
 * agree.  Also decodes each of Xen's xenstore error names with our parser.
 */
#include <pv/io/xs_wire.h>
#include "abi_entry.h"
#include "harness.h"

/* Xen's struct xsd_errors, whose header cannot be included here. */
struct xen_xsd_error {
	int errnum;
	const char *errstring;
};

extern const struct abi_entry abi_xen[];
extern struct abi_entry abi_ours[];
void abi_ours_init(void);
extern const unsigned int abi_xen_nr, abi_ours_nr;
extern const struct xen_xsd_error *const abi_xen_errors;
extern const unsigned int abi_xen_nr_errors;

static void abi_tables_match(void)
{
	unsigned int i;

	abi_ours_init();
	CHECK_EQ(abi_xen_nr, abi_ours_nr);
	CHECK(abi_xen_nr > 150);
	for (i = 0; i < abi_xen_nr; i++) {
		CHECK(!strcmp(abi_xen[i].what, abi_ours[i].what));
		if (abi_xen[i].value != abi_ours[i].value) {
			snprintf(pv_test_msg, sizeof(pv_test_msg),
				 "%s: Xen %lld, ours %lld", abi_xen[i].what,
				 abi_xen[i].value, abi_ours[i].value);
			pv_test_failed = 1;
			return;
		}
	}
}

static void abi_xs_error_names(void)
{
	unsigned int i;

	CHECK_EQ(abi_xen_nr_errors, 16);
	for (i = 0; i < abi_xen_nr_errors; i++) {
		const char *s = abi_xen_errors[i].errstring;
		u32 len = (u32)strlen(s) + 1;

		CHECK_EQ(pv_xs_error_errno(s, len), -abi_xen_errors[i].errnum);
		CHECK(!strcmp(pv_xs_errno_name(abi_xen_errors[i].errnum), s));
	}
}

const struct pv_test pv_tests[] = {
	TEST(abi_tables_match),
	TEST(abi_xs_error_names),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
