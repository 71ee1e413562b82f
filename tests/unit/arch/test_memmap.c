// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of pv_memmap_clip(): the maps Xen gives a domU, clipped to
 * the domain's pages, with the ISA window cut out.
 */
#include <stdio.h>
#include <stdlib.h>
#include "memmap_core.h"
#include "check.h"

#define MiB (1024ULL * 1024)

static void expect(const struct pv_mem_range *m, int i, u64 addr, u64 size,
		   u32 type)
{
	CHECK(m[i].addr == addr && m[i].size == size && m[i].type == type,
	      "entry %d: got %#llx+%#llx type %u, want %#llx+%#llx type %u",
	      i, (unsigned long long)m[i].addr,
	      (unsigned long long)m[i].size, m[i].type,
	      (unsigned long long)addr, (unsigned long long)size, type);
}

int main(void)
{
	struct pv_mem_range m[8];
	int n;

	/* A domU's usual map: RAM from 0 beyond its pages (maxmem slack). */
	m[0] = (struct pv_mem_range){ 0, 264 * MiB, PV_E820_RAM };
	n = pv_memmap_clip(m, 1, 8, 200 * MiB);
	CHECK(n == 3, "usual map: %d entries, want 3", n);
	expect(m, 0, 0, PV_ISA_START, PV_E820_RAM);
	expect(m, 1, PV_ISA_START, PV_ISA_END - PV_ISA_START,
	       PV_E820_RESERVED);
	expect(m, 2, PV_ISA_END, 200 * MiB - PV_ISA_END, PV_E820_RAM);
	CHECK(pv_memmap_ram_bytes(m, n) == 200 * MiB - (PV_ISA_END - PV_ISA_START),
	      "usual map: wrong RAM total %llu",
	      (unsigned long long)pv_memmap_ram_bytes(m, n));

	/* RAM entirely above the domain's pages disappears; others stay. */
	m[0] = (struct pv_mem_range){ 2 * MiB, 2 * MiB, PV_E820_RAM };
	m[1] = (struct pv_mem_range){ 0xfc000000ULL, 16 * MiB,
				      PV_E820_RESERVED };
	m[2] = (struct pv_mem_range){ 4096 * MiB, 1024 * MiB, PV_E820_RAM };
	n = pv_memmap_clip(m, 3, 8, 3 * MiB);
	CHECK(n == 2, "sparse map: %d entries, want 2", n);
	expect(m, 0, 2 * MiB, 1 * MiB, PV_E820_RAM);
	expect(m, 1, 0xfc000000ULL, 16 * MiB, PV_E820_RESERVED);

	/* Unsorted input comes out sorted. */
	m[0] = (struct pv_mem_range){ 8 * MiB, 8 * MiB, PV_E820_RAM };
	m[1] = (struct pv_mem_range){ 1 * MiB, 4 * MiB, PV_E820_RAM };
	n = pv_memmap_clip(m, 2, 8, 64 * MiB);
	CHECK(n == 2 && m[0].addr == 1 * MiB && m[1].addr == 8 * MiB,
	      "unsorted map not sorted (%d entries)", n);

	/* No room for the ISA split: refused, not overflowed. */
	m[0] = (struct pv_mem_range){ 0, 64 * MiB, PV_E820_RAM };
	n = pv_memmap_clip(m, 1, 2, 64 * MiB);
	CHECK(n == -1, "overflow accepted: %d", n);

	/* A range wrapping around the address space is refused. */
	m[0] = (struct pv_mem_range){ ~0ULL - 4095, 8192, PV_E820_RESERVED };
	n = pv_memmap_clip(m, 1, 8, 64 * MiB);
	CHECK(n == -1, "wrapping range accepted: %d", n);

	/* Zero-size and fully clipped RAM leave an empty map. */
	m[0] = (struct pv_mem_range){ 16 * MiB, 0, PV_E820_RAM };
	m[1] = (struct pv_mem_range){ 32 * MiB, MiB, PV_E820_RAM };
	n = pv_memmap_clip(m, 2, 8, 16 * MiB);
	CHECK(n == 0, "empty result: %d entries", n);

	if (fails) {
		printf("%d check(s) failed\n", fails);
		return 1;
	}
	return 0;
}
