/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning the memory map Xen reports into the one the kernel may use.
 * OS-independent: unit-tested in user space (tests/unit/arch).
 */
#ifndef _ARCH_X86_PV_MEMMAP_CORE_H
#define _ARCH_X86_PV_MEMMAP_CORE_H

#include "core_types.h"

#define PV_E820_RAM		1
#define PV_E820_RESERVED	2

/* The legacy VGA/ROM window no kernel may use as RAM. */
#define PV_ISA_START		0xa0000ULL
#define PV_ISA_END		0x100000ULL

/**
 * struct pv_mem_range - one range of a memory map
 * @addr: start (guest physical)
 * @size: length in bytes
 * @type: PV_E820_*
 */
struct pv_mem_range {
	u64 addr;
	u64 size;
	u32 type;
};

/**
 * pv_memmap_clip() - make Xen's memory map fit the domain's pages
 * @map: the map, rewritten in place
 * @nr: entries in @map
 * @max: room in @map, in entries
 * @ram_end: end of the RAM the domain has (nr_pages * page size): pfns
 *	     beyond it have no machine frame behind them
 *
 * RAM beyond @ram_end is dropped, RAM ranges of zero size are dropped,
 * and the ISA window [PV_ISA_START, PV_ISA_END) is cut out of RAM and
 * listed as reserved, as on a PC.  The result is sorted by address.
 *
 * Return: the new number of entries, or -1 if @max is too small or an
 * entry wraps around the address space (a map not to be trusted).
 */
int pv_memmap_clip(struct pv_mem_range *map, int nr, int max, u64 ram_end);

/**
 * pv_memmap_ram_bytes() - sum of the RAM ranges of a map
 * @map: the map
 * @nr: entries in @map
 *
 * Return: bytes of RAM.
 */
u64 pv_memmap_ram_bytes(const struct pv_mem_range *map, int nr);

#endif /* _ARCH_X86_PV_MEMMAP_CORE_H */
