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

#endif
