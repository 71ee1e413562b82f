// SPDX-License-Identifier: GPL-2.0
/*
 * Our event channel and time ABI definitions (include/pv/evtchn_abi.h,
 * include/pv/time.h, include/pv/version.h, the parts of include/pv/xen.h
 * they use, and the NMI reason bits) against
 * Xen's public headers, which are the specification: every constant,
 * size and offset in abi_events_list.h must agree.
 */
#include <pv/compat.h>
#include <pv/evtchn_abi.h>
#include <pv/time.h>
#include <pv/version.h>
#include <pv/xen.h>
#include "abi_entry.h"
#include "harness.h"

/* No test here plays Xen between exchanges. */
void (*pv_test_after_xchg)(void *ptr);

extern const struct abi_entry abi_xen_events[];
extern const unsigned int abi_xen_events_nr;

static const struct abi_entry abi_ours[] = {
#include "abi_events_list.h"
};

static void evtchn_abi_matches_xen(void)
{
	unsigned int i;

	CHECK_EQ(abi_xen_events_nr, ARRAY_SIZE(abi_ours));
	for (i = 0; i < ARRAY_SIZE(abi_ours); i++) {
		if (abi_ours[i].value != abi_xen_events[i].value) {
			snprintf(pv_test_msg, sizeof(pv_test_msg),
				 "%s: ours %lld, Xen's %lld", abi_ours[i].what,
				 abi_ours[i].value, abi_xen_events[i].value);
			pv_test_failed = 1;
			return;
		}
	}
	/* The table is not vacuous. */
	CHECK(ARRAY_SIZE(abi_ours) > 80);
}

const struct pv_test pv_tests[] = {
	TEST(evtchn_abi_matches_xen),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
