/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lookups between the guest's pseudo-physical frames (pfns) and machine
 * frames (mfns).  OS-independent: unit-tested in user space
 * (tests/unit/arch).
 *
 * pfn -> mfn reads the guest's own p2m array (one entry per pfn, from
 * start_info's mfn_list); mfn -> pfn reads Xen's machine-to-phys table,
 * which any domain may read but whose entry for a frame the guest does
 * not own says nothing about this guest, so the answer is only believed
 * when the p2m maps it back.
 */
#ifndef _ARCH_X86_PV_P2M_CORE_H
#define _ARCH_X86_PV_P2M_CORE_H

#include "core_types.h"

#define PV_INVALID_FRAME	(~0UL)

/**
 * struct pv_p2m - the two tables
 * @p2m: mfn of each pfn
 * @nr_pfns: entries in @p2m
 * @m2p: Xen's machine-to-phys table
 * @nr_mfns: entries of @m2p that may be read (the machine's highest frame
 *	     plus one)
 */
struct pv_p2m {
	const unsigned long *p2m;
	unsigned long nr_pfns;
	const unsigned long *m2p;
	unsigned long nr_mfns;
};

/**
 * pv_p2m_pfn_to_mfn() - machine frame behind a pfn
 * @t: the tables
 * @pfn: the pfn
 *
 * Return: the mfn, or PV_INVALID_FRAME for a pfn the domain does not have.
 */
unsigned long pv_p2m_pfn_to_mfn(const struct pv_p2m *t, unsigned long pfn);

/**
 * pv_p2m_mfn_to_pfn() - the guest's pfn for a machine frame
 * @t: the tables
 * @mfn: the mfn
 *
 * Return: the pfn, or PV_INVALID_FRAME for a frame that is not this
 * guest's (out of range, or not mapped back by the p2m).
 */
unsigned long pv_p2m_mfn_to_pfn(const struct pv_p2m *t, unsigned long mfn);

#endif /* _ARCH_X86_PV_P2M_CORE_H */
