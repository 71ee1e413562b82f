/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Grant references as the I/O protocols carry them (Xen's grant_table.h):
 * a ring request names a frame the frontend granted to the backend by its
 * index in the frontend's grant table.  The grant-table service itself is
 * not part of the protocol cores; this is only the type on the wire.
 */
#ifndef _PV_IO_GRANT_TABLE_H
#define _PV_IO_GRANT_TABLE_H

#include <pv/compat.h>

typedef u32 grant_ref_t;

#endif /* _PV_IO_GRANT_TABLE_H */
