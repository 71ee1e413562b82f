// SPDX-License-Identifier: GPL-2.0
/*
 * Memory-map clipping for a PV boot; see memmap_core.h.  No kernel
 * dependencies: it runs before anything of the kernel is set up and is
 * unit-tested in user space.
 */
#include "memmap_core.h"

static int pv_memmap_add(struct pv_mem_range *map, int nr, int max,
			 u64 addr, u64 size, u32 type)
{
	if (!size)
		return nr;
	if (nr >= max)
		return -1;
	map[nr].addr = addr;
	map[nr].size = size;
	map[nr].type = type;
	return nr + 1;
}

/* Insertion sort: maps are a handful of entries. */
static void pv_memmap_sort(struct pv_mem_range *map, int nr)
{
	int i, j;

	for (i = 1; i < nr; i++) {
		struct pv_mem_range r = map[i];

		for (j = i; j > 0 && map[j - 1].addr > r.addr; j--)
			map[j] = map[j - 1];
		map[j] = r;
	}
}

int pv_memmap_clip(struct pv_mem_range *map, int nr, int max, u64 ram_end)
{
	int i, out = nr;
	bool isa_cut = false;

	if (nr < 0 || nr > max)
		return -1;

	/*
	 * New pieces are appended after the input and compacted at the end,
	 * so every input entry is read before anything overwrites it.
	 */
	for (i = 0; i < nr; i++) {
		u64 start = map[i].addr, end = start + map[i].size;

		if (end < start)
			return -1;
		if (map[i].type != PV_E820_RAM) {
			out = pv_memmap_add(map, out, max, start, end - start,
					    map[i].type);
			if (out < 0)
				return -1;
			continue;
		}
		if (end > ram_end)
			end = ram_end;
		if (start >= end)
			continue;
		if (start < PV_ISA_END && end > PV_ISA_START) {
			isa_cut = true;
			if (start < PV_ISA_START)
				out = pv_memmap_add(map, out, max, start,
						    PV_ISA_START - start,
						    PV_E820_RAM);
			if (out >= 0 && end > PV_ISA_END)
				out = pv_memmap_add(map, out, max, PV_ISA_END,
						    end - PV_ISA_END,
						    PV_E820_RAM);
		} else {
			out = pv_memmap_add(map, out, max, start, end - start,
					    PV_E820_RAM);
		}
		if (out < 0)
			return -1;
	}
	if (isa_cut) {
		out = pv_memmap_add(map, out, max, PV_ISA_START,
				    PV_ISA_END - PV_ISA_START,
				    PV_E820_RESERVED);
		if (out < 0)
			return -1;
	}

	for (i = nr; i < out; i++)
		map[i - nr] = map[i];
	out -= nr;
	pv_memmap_sort(map, out);
	return out;
}

u64 pv_memmap_ram_bytes(const struct pv_mem_range *map, int nr)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < nr; i++)
		if (map[i].type == PV_E820_RAM)
			sum += map[i].size;
	return sum;
}
