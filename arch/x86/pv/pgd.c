// SPDX-License-Identifier: GPL-2.0
/*
 * Top-level page tables of address spaces other than init_mm.
 *
 * A 64-bit PV kernel runs in ring 3 like its user space, so Xen keeps
 * two top-level tables per address space: the kernel one (kernel and
 * user mappings, loaded with MMUEXT_NEW_BASEPTR) and a user one (user
 * mappings only, MMUEXT_NEW_USER_BASEPTR) that Xen switches to when it
 * returns to user mode.  The user table is allocated with the mm's pgd,
 * found through the pgd page's private field, and kept equal to the
 * user half of the kernel table by set_pgd/set_p4d.
 *
 * Lower-level tables are read-only from the moment the kernel allocates
 * them (mmu.c), so pinning an address space only needs its two top-level
 * pages read-only and MMUEXT_PIN_L4_TABLE on each.  An mm is pinned when
 * it is first used (dup_mmap, activate_mm) and unpinned when the pgd
 * is freed, after its mappings were torn down (see pv_exit_mmap()).
 */
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <asm/paravirt.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>
#include <pv/hypercall.h>
#include <pv/mmu.h>

#include "p2m_core.h"
#include "pv.h"

static bool pv_is_init_pgd(const void *pgd)
{
	return __pa((unsigned long)pgd & PAGE_MASK) == __pa_symbol(init_top_pgt);
}

/* Stop using @mm's tables on this CPU before they change type. */
static void pv_drop_mm(struct mm_struct *mm)
{
	if (this_cpu_read(cpu_tlbstate.loaded_mm) == mm)
		leave_mm(smp_processor_id());
}

/**
 * pv_user_pgd() - the user top-level table of a kernel top-level table
 * @pgd: any address inside the kernel table
 *
 * Return: the user table, or NULL (init_mm's table has none).
 */
pgd_t *pv_user_pgd(const void *pgd)
{
	if (pv_is_init_pgd(pgd))
		return NULL;
	return (pgd_t *)page_private(virt_to_page((unsigned long)pgd & PAGE_MASK));
}

static unsigned long pv_virt_mfn(const void *va)
{
	return pv_pfn_to_mfn(__pa(va) >> PAGE_SHIFT);
}

static long pv_pin_op(unsigned int cmd, const void *table)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = pv_virt_mfn(table) };

	return pv_hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static void pv_pgd_pin(struct mm_struct *mm)
{
	struct page *page = virt_to_page(mm->pgd);
	pgd_t *user = pv_user_pgd(mm->pgd);
	long rc;

	if (PagePinned(page))
		return;
	pv_mmu_flush_batch();
	pv_set_pfn_prot(__pa(mm->pgd) >> PAGE_SHIFT, false);
	rc = pv_pin_op(MMUEXT_PIN_L4_TABLE, mm->pgd);
	if (!rc && user) {
		pv_set_pfn_prot(__pa(user) >> PAGE_SHIFT, false);
		rc = pv_pin_op(MMUEXT_PIN_L4_TABLE, user);
	}
	if (rc && system_state == SYSTEM_BOOTING)
		pv_boot_failed(rc, "mmuext_op(MMUEXT_PIN_L4_TABLE, pgd %#lx, user pgd %#lx)",
			       (unsigned long)mm->pgd, (unsigned long)user);
	if (WARN(rc, "pv: pinning pgd %p failed: %ld\n", mm->pgd, rc))
		return;
	SetPagePinned(page);
}

static void pv_pgd_unpin(pgd_t *pgd)
{
	struct page *page = virt_to_page(pgd);
	pgd_t *user = pv_user_pgd(pgd);
	long rc;

	if (!PagePinned(page))
		return;
	pv_mmu_flush_batch();
	rc = pv_pin_op(MMUEXT_UNPIN_TABLE, pgd);
	if (!rc && user)
		rc = pv_pin_op(MMUEXT_UNPIN_TABLE, user);
	WARN(rc, "pv: unpinning pgd %p failed: %ld\n", pgd, rc);
	ClearPagePinned(page);
}

static int pv_pgd_alloc(struct mm_struct *mm)
{
	struct page *page = virt_to_page(mm->pgd);
	pgd_t *user = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	if (!user)
		return -ENOMEM;
	set_page_private(page, (unsigned long)user);
	ClearPagePinned(page);
	return 0;
}

static void pv_pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	pgd_t *user = pv_user_pgd(pgd);

	/* The table may still be loaded (lazy TLB). */
	pv_drop_mm(mm);
	pv_pgd_unpin(pgd);
	pv_set_pfn_prot(__pa(pgd) >> PAGE_SHIFT, true);
	if (user) {
		pv_set_pfn_prot(__pa(user) >> PAGE_SHIFT, true);
		set_page_private(virt_to_page(pgd), 0);
		free_page((unsigned long)user);
	}
}

static void pv_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm)
{
	pv_pgd_pin(mm);
}

static void pv_activate_mm(struct mm_struct *prev, struct mm_struct *next)
{
	pv_pgd_pin(next);
}

static void pv_exit_mmap(struct mm_struct *mm)
{
	/*
	 * The mm stays pinned through teardown: the generic code clears
	 * entries of its level-1 tables with plain writes, which Xen
	 * emulates only while those pages are typed as page tables (they are
	 * read-only from allocation on, see mmu.c).  Each lower table is
	 * unhooked from its parent before it is released, so it loses its
	 * type then and may become writable; pgd_free unpins the top.  An
	 * mm never used (that of a failed exec) is pinned here for the
	 * same reason.
	 */
	pv_drop_mm(mm);
	pv_pgd_pin(mm);
}

/**
 * pv_init_pgd_ops() - install the address-space lifecycle ops
 */
void __init pv_init_pgd_ops(void)
{
	pv_ops.mmu.pgd_alloc = pv_pgd_alloc;
	pv_ops.mmu.pgd_free = pv_pgd_free;
	pv_ops.mmu.dup_mmap = pv_dup_mmap;
	pv_ops.mmu.activate_mm = pv_activate_mm;
	pv_ops.mmu.exit_mmap = pv_exit_mmap;
}
