/* SPDX-License-Identifier: GPL-2.0 */
/* One row of an ABI table: the expression's text and its value. */
#ifndef _PV_TEST_ABI_ENTRY_H
#define _PV_TEST_ABI_ENTRY_H

struct abi_entry {
	const char *what;
	long long value;
};

#define SZ(t)		{ "sizeof(" #t ")", (long long)sizeof(t) },
#define OFF(t, m)	{ "offsetof(" #t ", " #m ")", (long long)offsetof(t, m) },
#define VAL(c)		{ #c, (long long)(c) },

/*
 * The header of one protocol's shared ring: Xen's struct <proto>_sring on
 * one side, our single struct pv_sring on the other, so the spelling
 * differs and @entries gives the offset of the first entry on each side.
 */
#define SRING_ROWS(proto, s, entries)					\
	{ #proto " sring: req_prod", (long long)offsetof(s, req_prod) },	\
	{ #proto " sring: req_event", (long long)offsetof(s, req_event) },	\
	{ #proto " sring: rsp_prod", (long long)offsetof(s, rsp_prod) },	\
	{ #proto " sring: rsp_event", (long long)offsetof(s, rsp_event) },	\
	{ #proto " sring: pvt", (long long)offsetof(s, pvt) },		\
	{ #proto " sring: size of pvt", (long long)sizeof(((s *)0)->pvt) },	\
	{ #proto " sring: entries", (long long)(entries) },

#endif
