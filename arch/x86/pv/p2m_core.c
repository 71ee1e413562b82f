// SPDX-License-Identifier: GPL-2.0
/*
 * pfn <-> mfn lookups; see p2m_core.h.  No kernel dependencies.
 */
#include "p2m_core.h"

unsigned long pv_p2m_pfn_to_mfn(const struct pv_p2m *t, unsigned long pfn)
{
	if (pfn >= t->nr_pfns)
		return PV_INVALID_FRAME;
	return t->p2m[pfn];
}

unsigned long pv_p2m_mfn_to_pfn(const struct pv_p2m *t, unsigned long mfn)
{
	unsigned long pfn;

	if (mfn >= t->nr_mfns)
		return PV_INVALID_FRAME;
	pfn = t->m2p[mfn];
	if (pfn >= t->nr_pfns || t->p2m[pfn] != mfn)
		return PV_INVALID_FRAME;
	return pfn;
}
