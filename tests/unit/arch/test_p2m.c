// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the pfn <-> mfn lookups: both directions, range checks,
 * and the round trip that rejects machine frames of other domains.
 */
#include <stdio.h>
#include "p2m_core.h"
#include "check.h"

int main(void)
{
	/* Four guest pages scattered over ten machine frames. */
	static const unsigned long p2m[4] = { 7, 2, 9, 4 };
	static unsigned long m2p[10];
	struct pv_p2m t = { p2m, 4, m2p, 10 };
	unsigned long pfn, mfn;

	for (mfn = 0; mfn < 10; mfn++)
		m2p[mfn] = PV_INVALID_FRAME;
	for (pfn = 0; pfn < 4; pfn++)
		m2p[p2m[pfn]] = pfn;
	/* Frame 3 belongs to another domain that has it as its pfn 1. */
	m2p[3] = 1;
	/* Frame 5: Xen's entry points beyond our p2m. */
	m2p[5] = 1000;

	for (pfn = 0; pfn < 4; pfn++) {
		mfn = pv_p2m_pfn_to_mfn(&t, pfn);
		CHECK(mfn == p2m[pfn], "pfn %lu -> mfn %lu", pfn, mfn);
		CHECK(pv_p2m_mfn_to_pfn(&t, mfn) == pfn,
		      "round trip of pfn %lu fails", pfn);
	}
	CHECK(pv_p2m_pfn_to_mfn(&t, 4) == PV_INVALID_FRAME,
	      "pfn beyond the p2m gives a frame");
	CHECK(pv_p2m_mfn_to_pfn(&t, 3) == PV_INVALID_FRAME,
	      "another domain's frame maps to one of our pfns");
	CHECK(pv_p2m_mfn_to_pfn(&t, 5) == PV_INVALID_FRAME,
	      "an m2p entry beyond the p2m is believed");
	CHECK(pv_p2m_mfn_to_pfn(&t, 0) == PV_INVALID_FRAME,
	      "an invalid m2p entry is believed");
	CHECK(pv_p2m_mfn_to_pfn(&t, 10) == PV_INVALID_FRAME,
	      "an mfn beyond the m2p is read");

	if (fails) {
		printf("%d check(s) failed\n", fails);
		return 1;
	}
	return 0;
}
