/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XENMEM_* memory operations a PV guest uses at boot (Xen's public
 * memory.h is the specification; names and values are Xen's).
 */
#ifndef _PV_MEMORY_H
#define _PV_MEMORY_H

#include <linux/types.h>
#include <pv/xen.h>

#define XENMEM_maximum_ram_page	2
#define XENMEM_memory_map	9

/* Xen's E820 types, the same numbers as the PC BIOS's. */
#define XEN_E820_RAM		1
#define XEN_E820_RESERVED	2

/**
 * struct xen_e820_entry - one range of the memory map Xen returns
 * @addr: start (guest physical)
 * @size: length in bytes
 * @type: XEN_E820_*
 */
struct xen_e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __packed;

/**
 * struct xen_memory_map - argument of XENMEM_memory_map
 * @nr_entries: in: room in @buffer, in entries; out: entries written
 * @buffer: array of struct xen_e820_entry
 */
struct xen_memory_map {
	unsigned int nr_entries;
	void *buffer;
};

/**
 * pv_pfn_to_mfn() - the machine frame behind one of the domain's pfns
 * @pfn: the pfn
 *
 * Services need it to name their own pages to Xen or a backend.
 *
 * Return: the mfn, or ~0UL for a pfn the domain does not have.
 */
unsigned long pv_pfn_to_mfn(unsigned long pfn);

/**
 * pv_mfn_to_pfn() - the domain's pfn for a machine frame
 * @mfn: the mfn, e.g. one start_info names (the xenstore ring)
 *
 * Return: the pfn, or ~0UL for a frame that is not the domain's.
 */
unsigned long pv_mfn_to_pfn(unsigned long mfn);

#endif /* _PV_MEMORY_H */
