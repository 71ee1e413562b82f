// SPDX-License-Identifier: GPL-2.0
/*
 * Machine frames that are not the guest's RAM, in kernel virtual space.
 *
 * The kernel's page-table ops translate pfns to mfns on every write;
 * a grant table frame has no pfn, so its entry is written as a machine
 * entry straight through update_va_mapping, which Xen checks like any
 * other (the frame must be one the domain may map).  The area comes from
 * vmalloc space with its page tables populated up front: the kernel's
 * own allocation path for them runs here, where sleeping is allowed, and
 * a later map is a single hypercall that can run under a spinlock.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/vmalloc.h>
#include <asm/page.h>
#include <pv/hypercall.h>
#include <pv/mmu.h>

#include "p2m_core.h"
#include "pv.h"

/* apply_to_page_range() allocates the tables; the entries stay empty. */
static int pv_frame_map_touch(pte_t *pte, unsigned long addr, void *data)
{
	return 0;
}

void *pv_mmu_reserve_area(unsigned int nr_pages)
{
	unsigned long size = (unsigned long)nr_pages << PAGE_SHIFT;
	struct vm_struct *area;

	if (!nr_pages)
		return NULL;
	area = get_vm_area(size, VM_IOREMAP);
	if (!area)
		return NULL;
	if (apply_to_page_range(&init_mm, (unsigned long)area->addr, size,
				pv_frame_map_touch, NULL)) {
		free_vm_area(area);
		return NULL;
	}
	return area->addr;
}
EXPORT_SYMBOL_GPL(pv_mmu_reserve_area);

int pv_mmu_map_frame(void *va, unsigned long mfn)
{
	u64 pte = ((u64)mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW |
		  _PAGE_ACCESSED | _PAGE_DIRTY | (_PAGE_NX & __supported_pte_mask);

	return pv_hypercall_update_va_mapping((unsigned long)va, pte,
					      UVMF_INVLPG | UVMF_ALL);
}
EXPORT_SYMBOL_GPL(pv_mmu_map_frame);

int pv_mmu_unmap_frame(void *va)
{
	return pv_hypercall_update_va_mapping((unsigned long)va, 0,
					      UVMF_INVLPG | UVMF_ALL);
}
EXPORT_SYMBOL_GPL(pv_mmu_unmap_frame);

unsigned long pv_mmu_lookup_mfn(const void *va)
{
	unsigned long mfn = pv_pfn_to_mfn(__pa(va) >> PAGE_SHIFT);

	return mfn == PV_INVALID_FRAME ? ~0UL : mfn;
}
EXPORT_SYMBOL_GPL(pv_mmu_lookup_mfn);
