// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own page tables for a PV boot.
 *
 * Xen starts us on page tables it built in the bootstrap region: the
 * region (kernel, initrd, p2m list, start_info, console and xenstore
 * pages, the tables themselves) mapped one to one from __START_KERNEL_map,
 * pfn N at __START_KERNEL_map + N pages.  The kernel expects to run on
 * init_top_pgt with its image at __START_KERNEL_map and the direct map
 * at PAGE_OFFSET, and later frees the bootstrap region's page tables.
 *
 * head_64.S already links init_top_pgt -> level3_{ident,kernel}_pgt ->
 * level2_{ident,kernel,fixmap}_pgt -> level1_fixmap_pgt, with pfns in
 * the entries.  Here the pfns become mfns, both level-2 tables of the
 * kernel and of the direct map take a copy of Xen's level-2 table (so
 * both share Xen's level-1 tables: the bootstrap region appears at
 * PAGE_OFFSET + its physical address, as the kernel expects), the new
 * tables are made read-only, pinned, and loaded, and Xen's top three
 * levels are released.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/fixmap.h>
#include <asm/page.h>
#include <linux/pgtable.h>
#include <asm/pgtable_64.h>
#include <pv/hypercall.h>
#include <pv/mmu.h>

#include "p2m_core.h"
#include "pv.h"

/* Frame field of an entry at any level (no large pages are used). */
#define PV_PTE_FRAME_MASK	0x000ffffffffff000ULL

/* The kernel's L4 in machine terms, for cr3 reads and later pins. */
unsigned long pv_kernel_l4_mfn __ro_after_init;

/* A bootstrap-region pfn's address in Xen's one-to-one mapping. */
static void *pv_bootstrap_va(unsigned long pfn)
{
	return (void *)(__START_KERNEL_map + (pfn << PAGE_SHIFT));
}

/* The table an entry of a bootstrap table points at, found via the m2p. */
static u64 *__init pv_next_table(u64 entry, const char *what)
{
	unsigned long mfn = (entry & PV_PTE_FRAME_MASK) >> PAGE_SHIFT;
	unsigned long pfn = pv_mfn_to_pfn(mfn);

	if (!(entry & _PAGE_PRESENT) || pfn == PV_INVALID_FRAME)
		pv_boot_failed(-EINVAL, "bootstrap page tables: %s entry %#llx",
			       what, entry);
	return pv_bootstrap_va(pfn);
}

/* Rewrite the pfns of a table's present entries as mfns. */
static void __init pv_table_pfn_to_mfn(u64 *table, const char *name)
{
	unsigned long pfn, mfn;
	int i;

	for (i = 0; i < PTRS_PER_PTE; i++) {
		if (!(table[i] & _PAGE_PRESENT))
			continue;
		pfn = (table[i] & PV_PTE_FRAME_MASK) >> PAGE_SHIFT;
		mfn = pv_pfn_to_mfn(pfn);
		if (mfn == PV_INVALID_FRAME)
			pv_boot_failed(-EINVAL, "%s[%d] = %#llx: no frame for pfn %#lx",
				       name, i, table[i], pfn);
		table[i] = (table[i] & ~PV_PTE_FRAME_MASK) |
			   ((u64)mfn << PAGE_SHIFT);
	}
}

/**
 * pv_set_page_ro() - map one page of the kernel image read-only
 * @va: its address in the kernel mapping (bootstrap region)
 *
 * Page-table pages must have no writable mapping before Xen accepts
 * them as page tables.  The kernel mapping and the direct map share
 * Xen's level-1 tables, so one update covers both.
 */
void __init pv_set_page_ro(void *va)
{
	unsigned long pfn = __pa_symbol(va) >> PAGE_SHIFT;
	u64 pte = ((u64)pv_pfn_to_mfn(pfn) << PAGE_SHIFT) |
		  _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;
	long rc;

	rc = pv_hypercall_update_va_mapping((unsigned long)va, pte, UVMF_INVLPG);
	if (rc)
		pv_boot_failed(rc, "update_va_mapping(%#lx, %#llx, UVMF_INVLPG)",
			       (unsigned long)va, pte);
}

/**
 * pv_mmuext_one() - one MMU extended operation on a frame, fatal if refused
 * @cmd: MMUEXT_*
 * @mfn: the frame
 * @name: the command's name, for the report
 */
void __init pv_mmuext_one(unsigned int cmd, unsigned long mfn,
			  const char *name)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };
	long rc;

	rc = pv_hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
	if (rc)
		pv_boot_failed(rc, "mmuext_op(%s, mfn %#lx)", name, mfn);
}

/**
 * pv_setup_kernel_pagetable() - move from Xen's page tables to the kernel's
 * @si: start_info
 */
void __init pv_setup_kernel_pagetable(const struct start_info *si)
{
	u64 *xen_l4 = (u64 *)si->pt_base, *xen_l3, *xen_l2;
	u64 *l4 = (u64 *)init_top_pgt;
	unsigned long xen_l4_pfn;
	int i;

	/* No identity mapping at 0: PV kernels never run from there. */
	l4[0] = 0;
	pv_table_pfn_to_mfn(l4, "init_top_pgt");
	pv_table_pfn_to_mfn((u64 *)level3_ident_pgt, "level3_ident_pgt");
	pv_table_pfn_to_mfn((u64 *)level3_kernel_pgt, "level3_kernel_pgt");
	pv_table_pfn_to_mfn((u64 *)level2_fixmap_pgt, "level2_fixmap_pgt");

	xen_l3 = pv_next_table(xen_l4[pgd_index(__START_KERNEL_map)], "L4");
	xen_l2 = pv_next_table(xen_l3[pud_index(__START_KERNEL_map)], "L3");
	memcpy(level2_ident_pgt, xen_l2, PAGE_SIZE);
	memcpy(level2_kernel_pgt, xen_l2, PAGE_SIZE);

	/*
	 * Xen's L4 maps its own area (the m2p, read-only) in slots the
	 * guest cannot write; Xen fills those in for any L4 it pins.  The
	 * p2m list lies in the bootstrap region, reached through L4[511].
	 */
	pv_set_page_ro(init_top_pgt);
	pv_set_page_ro(level3_ident_pgt);
	pv_set_page_ro(level3_kernel_pgt);
	pv_set_page_ro(level2_ident_pgt);
	pv_set_page_ro(level2_kernel_pgt);
	pv_set_page_ro(level2_fixmap_pgt);
	for (i = 0; i < FIXMAP_PMD_NUM; i++)
		pv_set_page_ro(level1_fixmap_pgt + i * PTRS_PER_PTE);

	pv_kernel_l4_mfn = pv_pfn_to_mfn(__pa_symbol(init_top_pgt) >> PAGE_SHIFT);
	xen_l4_pfn = (si->pt_base - __START_KERNEL_map) >> PAGE_SHIFT;
	pv_mmuext_one(MMUEXT_PIN_L4_TABLE, pv_kernel_l4_mfn, "MMUEXT_PIN_L4_TABLE");
	pv_mmuext_one(MMUEXT_NEW_BASEPTR, pv_kernel_l4_mfn, "MMUEXT_NEW_BASEPTR");
	pv_mmuext_one(MMUEXT_UNPIN_TABLE, pv_pfn_to_mfn(xen_l4_pfn),
		      "MMUEXT_UNPIN_TABLE");

	/* The direct map must show what the kernel mapping shows. */
	if (memcmp(__va(__pa_symbol(si)), si, sizeof(*si)))
		pv_boot_failed(-EINVAL, "direct map check at %#lx",
			       (unsigned long)__va(__pa_symbol(si)));
	pv_early_printk("pv: page tables: running on init_top_pgt (mfn %#lx, pinned), Xen's L4 (pfn %#lx) unpinned, direct map at %#lx checked\n",
			pv_kernel_l4_mfn, xen_l4_pfn, (unsigned long)__va(0));
}
