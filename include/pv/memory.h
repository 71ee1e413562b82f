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

#endif /* _PV_MEMORY_H */
