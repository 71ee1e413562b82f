// SPDX-License-Identifier: GPL-2.0
/*
 * Memory of a PV domain at boot: the pfn <-> mfn tables and the memory
 * map, as the kernel's start path expects to find them.
 *
 * A PV guest's "physical" addresses are pseudo-physical: pfn N is
 * whatever machine frame start_info's mfn_list says, and Xen's memory
 * map (XENMEM_memory_map) describes an address space that can be larger
 * than the pages the domain was given (maxmem slack).  The kernel must
 * only see RAM it has frames for, so the map is clipped to nr_pages.
 */
#include <linux/cache.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/e820/types.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <pv/hypercall.h>
#include <pv/memory.h>

#include "memmap_core.h"
#include "p2m_core.h"
#include "pv.h"

static struct pv_p2m pv_p2m_tables __ro_after_init;

static struct xen_e820_entry pv_xen_map[E820_MAX_ENTRIES_ZEROPAGE] __initdata;
static struct pv_mem_range pv_ranges[E820_MAX_ENTRIES_ZEROPAGE] __initdata;

/**
 * pv_pfn_to_mfn() - machine frame of one of the domain's pfns
 * @pfn: the pfn
 *
 * Return: the mfn, or PV_INVALID_FRAME.
 */
unsigned long pv_pfn_to_mfn(unsigned long pfn)
{
	return pv_p2m_pfn_to_mfn(&pv_p2m_tables, pfn);
}

/**
 * pv_mfn_to_pfn() - the domain's pfn for a machine frame
 * @mfn: the mfn
 *
 * Return: the pfn, or PV_INVALID_FRAME for a frame that is not ours.
 */
unsigned long pv_mfn_to_pfn(unsigned long mfn)
{
	return pv_p2m_mfn_to_pfn(&pv_p2m_tables, mfn);
}

/**
 * pv_setup_p2m() - make the pfn <-> mfn lookups work
 * @si: start_info
 *
 * Until the kernel has memory of its own, the p2m is Xen's initial list
 * in the bootstrap region; the machine-to-phys table is Xen's read-only
 * one, readable up to the machine's highest RAM frame.
 */
void __init pv_setup_p2m(const struct start_info *si)
{
	const unsigned long m2p_max =
		(__MACH2PHYS_VIRT_END - __MACH2PHYS_VIRT_START) /
		sizeof(unsigned long);
	unsigned long pfn, mfn;
	long max;

	max = pv_hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
	if (max <= 0)
		pv_boot_failed(max ? max : -EINVAL,
			       "memory_op(XENMEM_maximum_ram_page) = %ld", max);

	pv_p2m_tables.p2m = (const unsigned long *)si->mfn_list;
	pv_p2m_tables.nr_pfns = si->nr_pages;
	pv_p2m_tables.m2p = (const unsigned long *)__MACH2PHYS_VIRT_START;
	pv_p2m_tables.nr_mfns = min_t(unsigned long, max, m2p_max);

	/*
	 * Every pfn must map to a frame that maps back: a p2m that does not
	 * round-trip would make every later page-table translation wrong.
	 */
	for (pfn = 0; pfn < si->nr_pages; pfn++) {
		mfn = pv_pfn_to_mfn(pfn);
		if (pv_mfn_to_pfn(mfn) != pfn)
			pv_boot_failed(-EINVAL,
				       "p2m check: pfn %#lx -> mfn %#lx -> pfn %#lx",
				       pfn, mfn, pv_mfn_to_pfn(mfn));
	}
	pv_early_printk("pv: p2m: %lu pfns, mfn_list at %#lx, machine frames below %#lx, all round-trip\n",
			si->nr_pages, si->mfn_list, pv_p2m_tables.nr_mfns);
}

static const char *pv_e820_name(u32 type)
{
	switch (type) {
	case PV_E820_RAM:	return "usable";
	case PV_E820_RESERVED:	return "reserved";
	default:		return "other";
	}
}

/**
 * pv_setup_memory_map() - the memory map the kernel boots with
 * @si: start_info
 *
 * Fetches Xen's map, clips it to the domain's pages and hands it to the
 * kernel through boot_params' E820 table, where the normal start path
 * reads it.
 */
void __init pv_setup_memory_map(const struct start_info *si)
{
	struct xen_memory_map mm = {
		.nr_entries = ARRAY_SIZE(pv_xen_map),
		.buffer = pv_xen_map,
	};
	u64 ram_end = (u64)si->nr_pages << PAGE_SHIFT;
	long rc;
	int i, n;

	rc = pv_hypercall_memory_op(XENMEM_memory_map, &mm);
	if (rc == -ENOSYS) {
		/* No map set by the toolstack: all of the domain is RAM. */
		pv_early_printk("pv: memory map: none from Xen, using [0, %#llx)\n",
				ram_end);
		mm.nr_entries = 1;
		pv_xen_map[0].addr = 0;
		pv_xen_map[0].size = ram_end;
		pv_xen_map[0].type = XEN_E820_RAM;
	} else if (rc) {
		pv_boot_failed(rc, "memory_op(XENMEM_memory_map, %u entries at %#lx)",
			       (unsigned int)ARRAY_SIZE(pv_xen_map),
			       (unsigned long)pv_xen_map);
	}
	if (mm.nr_entries > ARRAY_SIZE(pv_xen_map))
		pv_boot_failed(-EINVAL, "memory_op(XENMEM_memory_map) returned %u entries",
			       mm.nr_entries);

	for (i = 0; i < mm.nr_entries; i++) {
		pv_early_printk("pv: xen memory map: [mem %#018llx-%#018llx] type %u\n",
				pv_xen_map[i].addr,
				pv_xen_map[i].addr + pv_xen_map[i].size - 1,
				pv_xen_map[i].type);
		pv_ranges[i].addr = pv_xen_map[i].addr;
		pv_ranges[i].size = pv_xen_map[i].size;
		pv_ranges[i].type = pv_xen_map[i].type;
	}

	n = pv_memmap_clip(pv_ranges, mm.nr_entries, ARRAY_SIZE(pv_ranges),
			   ram_end);
	if (n <= 0)
		pv_boot_failed(-EINVAL, "memory map clipping (%u entries, RAM end %#llx) gave %d",
			       mm.nr_entries, ram_end, n);

	for (i = 0; i < n; i++) {
		boot_params.e820_table[i].addr = pv_ranges[i].addr;
		boot_params.e820_table[i].size = pv_ranges[i].size;
		boot_params.e820_table[i].type = pv_ranges[i].type;
		pv_early_printk("pv: memory map: [mem %#018llx-%#018llx] %s\n",
				pv_ranges[i].addr,
				pv_ranges[i].addr + pv_ranges[i].size - 1,
				pv_e820_name(pv_ranges[i].type));
	}
	boot_params.e820_entries = n;
	pv_early_printk("pv: memory: %llu KiB RAM in the map, domain has %lu pages (%lu KiB)\n",
			pv_memmap_ram_bytes(pv_ranges, n) >> 10, si->nr_pages,
			si->nr_pages << (PAGE_SHIFT - 10));
}

/**
 * pv_setup_boot_params() - the rest of boot_params from start_info
 * @si: the kernel's copy of start_info (its command line stays valid)
 */
void __init pv_setup_boot_params(const struct start_info *si)
{
	/* Loader 9 is Xen in the boot protocol's registry. */
	boot_params.hdr.type_of_loader = 9 << 4;
	boot_params.hdr.hardware_subarch = X86_SUBARCH_XEN;
	boot_params.hdr.cmd_line_ptr = __pa_symbol(si->cmd_line);
	if (si->mod_start && si->mod_len) {
		/* MOD_START_PFN is in our ELF notes: mod_start is a pfn. */
		if (!(si->flags & SIF_MOD_START_PFN))
			pv_boot_failed(-EINVAL, "start_info: initrd at %#lx given as an address",
				       si->mod_start);
		boot_params.hdr.ramdisk_image = PFN_PHYS(si->mod_start);
		boot_params.hdr.ramdisk_size = si->mod_len;
	}
	pv_early_printk("pv: boot_params: initrd [%#x, +%#x), command line at %#x\n",
			boot_params.hdr.ramdisk_image, boot_params.hdr.ramdisk_size,
			boot_params.hdr.cmd_line_ptr);
}
