// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table updates of a PV guest.
 *
 * The guest's page-table pages are read-only to it; each entry is written
 * by Xen after checking it (mmu_update), with machine frame numbers in
 * the entries.  At boot a refused update is fatal and reported with the
 * operation and its arguments (pv_boot_failed()).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <pv/hypercall.h>
#include <pv/mmu.h>

#include "p2m_core.h"
#include "pv.h"

/**
 * pv_mmu_update_one() - write one page-table entry through Xen
 * @ptr: machine address of the entry
 * @val: the new entry (machine frame and flags)
 *
 * A boot-time update: a refusal stops the boot with a report naming it.
 */
void __init pv_mmu_update_one(u64 ptr, u64 val)
{
	struct mmu_update req = {
		.ptr = ptr | MMU_NORMAL_PT_UPDATE,
		.val = val,
	};
	long rc;

	rc = pv_hypercall_mmu_update(&req, 1, NULL, DOMID_SELF);
	if (rc)
		pv_boot_failed(rc, "mmu_update(MMU_NORMAL_PT_UPDATE, ptr %#llx, val %#llx)",
			       ptr, val);
}

/*
 * pv.test_bad_pte on the command line makes the boot do a page-table
 * update Xen must refuse, so that a test can check it is reported by the
 * port and not as an anonymous domain crash.
 */
static bool __init pv_cmdline_has(const struct start_info *si,
				  const char *word)
{
	const char *p = (const char *)si->cmd_line;
	size_t len = strlen(word);

	while ((p = strstr(p, word))) {
		bool starts = p == (const char *)si->cmd_line || p[-1] == ' ';

		if (starts && (p[len] == '\0' || p[len] == ' '))
			return true;
		p += len;
	}
	return false;
}

/**
 * pv_test_bad_pte() - the test-only bad update, if asked for
 * @si: start_info
 *
 * Points an empty slot of the bootstrap top-level table at an ordinary,
 * writable data page as if it were a third-level table: Xen refuses
 * (the frame cannot be typed as a page table while mapped writable).
 */
void __init pv_test_bad_pte(const struct start_info *si)
{
	unsigned long l4_pfn, data_pfn;

	if (!pv_cmdline_has(si, "pv.test_bad_pte"))
		return;
	l4_pfn = (si->pt_base - __START_KERNEL_map) >> PAGE_SHIFT;
	data_pfn = __pa_symbol(si) >> PAGE_SHIFT;
	pv_early_printk("pv: pv.test_bad_pte: making a bad page-table update on purpose\n");
	/* Slot 1 is user space: empty in Xen's bootstrap tables. */
	pv_mmu_update_one(((u64)pv_pfn_to_mfn(l4_pfn) << PAGE_SHIFT) +
			  1 * sizeof(u64),
			  ((u64)pv_pfn_to_mfn(data_pfn) << PAGE_SHIFT) |
			  _PAGE_PRESENT | _PAGE_RW | _PAGE_USER);
	pv_early_printk("pv: pv.test_bad_pte: Xen accepted the bad update\n");
}
