/* SPDX-License-Identifier: GPL-2.0 */
/*
 * No-double-fetch checks: while armed, every shared source is overwritten
 * with 0xa5 bytes the moment pv_copy_shared() has taken its private copy,
 * as a hostile peer racing with the reader would.  A core that checked a
 * value in its copy and then read the shared memory again would pick up
 * the garbage, and the test comparing its results with what was published
 * fails.
 */
#ifndef _PV_TEST_TRASH_COPIES_H
#define _PV_TEST_TRASH_COPIES_H

#include <pv/compat.h>

static unsigned int trashed_copies;

static void trash_copy_hook(int point, void *shared, size_t len)
{
	if (point != PV_TEST_SHARED_COPIED)
		return;
	memset(shared, 0xa5, len);
	trashed_copies++;
}

static inline void trash_copies(bool on)
{
	trashed_copies = 0;
	pv_test_hook_fn = on ? trash_copy_hook : NULL;
}

#endif /* _PV_TEST_TRASH_COPIES_H */
