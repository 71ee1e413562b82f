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
 * Xen checks the tables of a pinned address space on every change and
 * wants them read-only; the tables of one that is not pinned are
 * ordinary pages.  An mm is pinned when it is first used (dup_mmap,
 * activate_mm): every table of its user half and both top-level pages
 * are made read-only, in multicall batches, then each top-level table is
 * pinned.  It is unpinned, and its tables made writable again the same
 * way, as soon as its last user is gone (exit_mmap): the teardown that
 * follows clears entries with plain writes, which then cost nothing
 * instead of one trap into Xen's emulation each.  While the mm is pinned
 * a new table is read-only from allocation on (mmu.c).
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

/*
 * Stop using @mm's tables on this CPU before they change type (Xen keeps
 * a loaded table typed).  Other CPUs holding it lazily come with SMP.
 */
static void pv_drop_mm(struct mm_struct *mm)
{
	preempt_disable();
	if (this_cpu_read(cpu_tlbstate.loaded_mm) == mm)
		leave_mm(smp_processor_id());
	preempt_enable();
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

/**
 * pv_mm_pinned() - whether Xen checks @mm's tables (and they are read-only)
 * @mm: an address space other than init_mm
 *
 * Return: true between pinning and unpinning.
 */
bool pv_mm_pinned(struct mm_struct *mm)
{
	return PagePinned(virt_to_page(mm->pgd));
}

/*
 * Queue the protection change of every table below the user half of
 * @pgd (the kernel half is init_mm's and stays read-only).  Large
 * entries map memory, not tables.  A 64-bit PV guest has 4-level paging:
 * the p4d level is folded into the pgd.
 */
static void pv_queue_pmd_tables(pmd_t *pmd, bool writable)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PMD; i++)
		if (pmd_present(pmd[i]) && !pmd_large(pmd[i]))
			pv_queue_pfn_prot(pmd_pfn(pmd[i]), writable);
}

static void pv_queue_pud_tables(pud_t *pud, bool writable)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PUD; i++) {
		if (!pud_present(pud[i]) || pud_large(pud[i]))
			continue;
		pv_queue_pmd_tables(pud_pgtable(pud[i]), writable);
		pv_queue_pfn_prot(pud_pfn(pud[i]), writable);
	}
}

static void pv_queue_user_tables(pgd_t *pgd, bool writable)
{
	unsigned int i, last = pgd_index(TASK_SIZE_MAX - 1);
	p4d_t *p4d;

	for (i = 0; i <= last; i++) {
		p4d = p4d_offset(&pgd[i], 0);
		if (!p4d_present(*p4d))
			continue;
		pv_queue_pud_tables(p4d_pgtable(*p4d), writable);
		pv_queue_pfn_prot(p4d_pfn(*p4d), writable);
	}
}

/*
 * @pgd, its user twin and every table below them, in batches.  The
 * caller keeps preemption off across this and the pin or unpin, so that
 * nothing runs on this CPU while the tables are read-only but not yet
 * (or no longer) checked by Xen: a plain write to one would fault.
 * Other CPUs' writers (rmap walkers) must be held off with the tables'
 * locks once there is SMP.
 */
static void pv_set_tables_prot(pgd_t *pgd, pgd_t *user, bool writable)
{
	pv_mmu_flush_batch();
	pv_queue_user_tables(pgd, writable);
	pv_queue_pfn_prot(__pa(pgd) >> PAGE_SHIFT, writable);
	if (user)
		pv_queue_pfn_prot(__pa(user) >> PAGE_SHIFT, writable);
	pv_mmu_flush_batch();
}

static unsigned long pv_virt_mfn(const void *va)
{
	return pv_pfn_to_mfn(__pa(va) >> PAGE_SHIFT);
}

/*
 * @cmd on @pgd and, if there is one, on @user, in one hypercall.
 * Return: 0 or the error of the op that failed; *@done: the ops applied.
 */
static long pv_pin_ops(unsigned int cmd, const pgd_t *pgd, const pgd_t *user,
		       unsigned int *done)
{
	struct mmuext_op op[2] = {
		{ .cmd = cmd, .arg1.mfn = pv_virt_mfn(pgd) },
		{ .cmd = cmd, .arg1.mfn = user ? pv_virt_mfn(user) : 0 },
	};

	*done = 0;
	return pv_hypercall_mmuext_op(op, user ? 2 : 1, done, DOMID_SELF);
}

static void pv_pgd_pin(struct mm_struct *mm)
{
	struct page *page = virt_to_page(mm->pgd);
	pgd_t *user = pv_user_pgd(mm->pgd);
	unsigned int done, undone;
	long rc;

	if (PagePinned(page))
		return;
	preempt_disable();
	pv_set_tables_prot(mm->pgd, user, false);
	rc = pv_pin_ops(MMUEXT_PIN_L4_TABLE, mm->pgd, user, &done);
	if (rc) {
		/* Back to an unpinned mm: the kernel table if only it made it. */
		if (done)
			pv_pin_ops(MMUEXT_UNPIN_TABLE, mm->pgd, NULL, &undone);
		pv_set_tables_prot(mm->pgd, user, true);
	}
	preempt_enable();
	if (rc && system_state == SYSTEM_BOOTING)
		pv_boot_failed(rc, "mmuext_op(MMUEXT_PIN_L4_TABLE, pgd %#lx, user pgd %#lx): %u done",
			       (unsigned long)mm->pgd, (unsigned long)user, done);
	if (WARN(rc, "pv: pinning pgd %p failed after %u of its tables: %ld\n",
		 mm->pgd, done, rc))
		return;
	SetPagePinned(page);
}

static void pv_pgd_unpin(pgd_t *pgd)
{
	struct page *page = virt_to_page(pgd);
	pgd_t *user = pv_user_pgd(pgd);
	unsigned int done;
	long rc;

	if (!PagePinned(page))
		return;
	preempt_disable();
	pv_mmu_flush_batch();
	rc = pv_pin_ops(MMUEXT_UNPIN_TABLE, pgd, user, &done);
	if (!rc)
		pv_set_tables_prot(pgd, user, true);
	preempt_enable();
	/*
	 * A refused unpin leaves the mm pinned: the teardown then writes
	 * checked tables, which Xen emulates, and pgd_free tries again.
	 */
	if (WARN(rc, "pv: unpinning pgd %p failed after %u of its tables: %ld\n",
		 pgd, done, rc))
		return;
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
	/* Normally writable already; not after a refused unpin. */
	pv_make_writable(__pa(pgd) >> PAGE_SHIFT);
	if (user) {
		pv_make_writable(__pa(user) >> PAGE_SHIFT);
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
	 * The last user is gone: nothing runs on these tables any more, so
	 * Xen need not check the teardown, which then writes writable pages.
	 * A CPU that still has them loaded (lazy TLB) lets go first: Xen
	 * keeps a loaded table typed.
	 */
	pv_drop_mm(mm);
	pv_pgd_unpin(mm->pgd);
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
