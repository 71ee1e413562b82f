/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Grant tables, version 1 (Xen's public grant_table.h is the
 * specification; names and values are Xen's).
 *
 * A ring request names a frame the frontend granted to the backend by
 * its reference: the index of an entry in the frontend's grant table.
 * The table is an array of struct grant_entry_v1 in frames Xen owns and
 * the guest maps; the guest writes an entry to grant access, Xen sets
 * GTF_reading/GTF_writing in it while the grantee has the frame mapped.
 */
#ifndef _PV_IO_GRANT_TABLE_H
#define _PV_IO_GRANT_TABLE_H

#include <pv/compat.h>

typedef u32 grant_ref_t;

/**
 * struct grant_entry_v1 - one grant of the version-1 table
 * @flags: GTF_*; the guest writes the type and GTF_readonly, Xen the
 *	GTF_reading and GTF_writing bits
 * @domid: the domain allowed to map @frame (Xen's domid_t)
 * @frame: the frame granted; for a PV guest its machine frame number
 */
struct grant_entry_v1 {
	u16 flags;
	u16 domid;
	u32 frame;
};

/* Entry types, in the low two bits of flags. */
#define GTF_invalid		(0U << 0)
#define GTF_permit_access	(1U << 0)
#define GTF_accept_transfer	(2U << 0)
#define GTF_transitive		(3U << 0)
#define GTF_type_mask		(3U << 0)

/* Flags of a GTF_permit_access entry. */
#define _GTF_readonly		(2)
#define GTF_readonly		(1U << _GTF_readonly)
#define _GTF_reading		(3)
#define GTF_reading		(1U << _GTF_reading)
#define _GTF_writing		(4)
#define GTF_writing		(1U << _GTF_writing)

/* Entries the toolstack keeps for itself (console, xenstore, ...). */
#define GNTTAB_NR_RESERVED_ENTRIES	8

/* Grant table operations (hypercall __HYPERVISOR_grant_table_op). */
#define GNTTABOP_map_grant_ref		0
#define GNTTABOP_unmap_grant_ref	1
#define GNTTABOP_setup_table		2
#define GNTTABOP_dump_table		3
#define GNTTABOP_transfer		4
#define GNTTABOP_copy			5
#define GNTTABOP_query_size		6

/* Per-operation status, in the status field of each argument. */
#define GNTST_okay		(0)
#define GNTST_general_error	(-1)
#define GNTST_bad_domain	(-2)
#define GNTST_bad_gntref	(-3)
#define GNTST_bad_handle	(-4)
#define GNTST_bad_virt_addr	(-5)
#define GNTST_bad_dev_addr	(-6)
#define GNTST_no_device_space	(-7)
#define GNTST_permission_denied	(-8)
#define GNTST_bad_page		(-9)
#define GNTST_bad_copy_arg	(-10)
#define GNTST_address_too_big	(-11)
#define GNTST_eagain		(-12)
#define GNTST_no_space		(-13)

/**
 * struct gnttab_setup_table - argument of GNTTABOP_setup_table
 * @dom: DOMID_SELF
 * @nr_frames: frames the table is to have (Xen grows it, never shrinks)
 * @status: GNTST_*
 * @frame_list: room for @nr_frames frame numbers, which Xen fills (for
 *	a PV guest, machine frames)
 */
struct gnttab_setup_table {
	u16 dom;
	u32 nr_frames;
	s16 status;
	unsigned long *frame_list;
};

/**
 * struct gnttab_query_size - argument of GNTTABOP_query_size
 * @dom: DOMID_SELF
 * @nr_frames: the table's current size in frames
 * @max_nr_frames: the largest size Xen allows this domain
 * @status: GNTST_*
 */
struct gnttab_query_size {
	u16 dom;
	u32 nr_frames;
	u32 max_nr_frames;
	s16 status;
};

#endif /* _PV_IO_GRANT_TABLE_H */
