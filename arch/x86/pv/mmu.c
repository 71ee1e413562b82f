// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table updates of a PV guest.
 *
 * Each page-table entry is written by Xen after checking it (mmu_update),
 * with machine frame numbers in the entries.  A table page is read-only
 * while Xen checks it: always for init_mm, and for another address space
 * while it is pinned (pgd.c).  The tables of an address space being
 * built (fork, exec) or torn down (exit) are ordinary writable pages:
 * the generic code's own plain writes to them (clearing entries at
 * teardown, accessed and write-protect bits) then need no trap into
 * Xen; the set_* ops still go through mmu_update, which works for both.
 * At boot a refused update is fatal and reported with the operation and
 * its arguments (pv_boot_failed()).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/paravirt.h>
#include <asm/pgtable_types.h>
#include <asm/tlbflush.h>
#include <pv/hypercall.h>
#include <pv/mmu.h>

#include "multicall_core.h"
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

/*
 * The mmu pv_ops.
 *
 * Entries hold machine frames; the kernel works with pfns.  The *_val
 * and make_* ops translate (an entry naming a frame that is not ours
 * reads back with its machine frame, and a pfn without a frame makes a
 * non-present entry).  Every entry write goes through mmu_update (Xen
 * writes ordinary pages as asked and validates page-table pages), pages
 * that become page tables are first made read-only everywhere, and cr3
 * is a base pointer Xen loads.
 */

/* Machine address of a kernel virtual address in the image or direct map. */
static u64 pv_entry_maddr(const void *ptr)
{
	unsigned long addr = (unsigned long)ptr, pfn;

	if (addr >= __START_KERNEL_map)
		pfn = (addr - __START_KERNEL_map) >> PAGE_SHIFT;
	else
		pfn = __pa(addr) >> PAGE_SHIFT;
	return ((u64)pv_pfn_to_mfn(pfn) << PAGE_SHIFT) | offset_in_page(addr);
}

/*
 * Lazy MMU mode: page-table writes are queued per CPU and issued as one
 * multicall when the kernel leaves the mode (or asks for a flush), or
 * when any other mmu op must see them first.
 */
static DEFINE_PER_CPU(struct pv_mc_batch, pv_mc_batch);
static unsigned long pv_mc_batched_writes;
static unsigned long pv_mc_deferred_calls;
static unsigned long pv_mc_multicalls;

/**
 * pv_mmu_flush_batch() - issue this CPU's queued page-table writes
 */
void pv_mmu_flush_batch(void)
{
	struct pv_mc_batch *b = this_cpu_ptr(&pv_mc_batch);
	long rc;
	int bad;

	if (!b->ncalls)
		return;
	rc = pv_hypercall2(__HYPERVISOR_multicall, (unsigned long)b->calls,
			   b->ncalls);
	pv_mc_multicalls++;
	bad = rc ? 0 : pv_mc_first_failure(b);
	if (rc || bad >= 0) {
		long err = rc ? rc : b->calls[bad].result;

		if (system_state == SYSTEM_BOOTING)
			pv_boot_failed(err, "multicall(%u calls, %u page-table writes): call %d (op %lu)",
				       b->ncalls, b->nreqs, bad, rc ? 0 : b->calls[bad].op);
		WARN(1, "pv: multicall of %u calls failed at call %d: %ld\n",
		     b->ncalls, bad, err);
	}
	pv_mc_reset(b, __HYPERVISOR_mmu_update, DOMID_SELF);
}

static bool pv_mmu_queue(u64 ptr, u64 val)
{
	struct pv_mc_batch *b = this_cpu_ptr(&pv_mc_batch);

	if (paravirt_get_lazy_mode() != PARAVIRT_LAZY_MMU)
		return false;
	if (b->mmu_update_op != __HYPERVISOR_mmu_update)
		pv_mc_reset(b, __HYPERVISOR_mmu_update, DOMID_SELF);
	if (pv_mc_queue_mmu_update(b, ptr, val)) {
		pv_mmu_flush_batch();
		pv_mc_queue_mmu_update(b, ptr, val);
	}
	pv_mc_batched_writes++;
	return true;
}

/**
 * pv_mc_defer() - queue a hypercall while a context switch is batched
 * @op: hypercall number
 * @a1: first argument
 * @a2: second argument
 *
 * In lazy CPU mode (between start_context_switch and end_context_switch)
 * the switch's stack, TLS and segment-base hypercalls go into this CPU's
 * multicall batch, issued at end_context_switch.  Arguments must be
 * values, not pointers to data that changes before then.
 *
 * Return: true if queued, false if the caller must make the call now.
 */
bool pv_mc_defer(unsigned long op, unsigned long a1, unsigned long a2)
{
	struct pv_mc_batch *b = this_cpu_ptr(&pv_mc_batch);
	const unsigned long args[6] = { a1, a2 };

	if (paravirt_get_lazy_mode() != PARAVIRT_LAZY_CPU)
		return false;
	if (b->mmu_update_op != __HYPERVISOR_mmu_update)
		pv_mc_reset(b, __HYPERVISOR_mmu_update, DOMID_SELF);
	if (pv_mc_queue_call(b, op, args)) {
		pv_mmu_flush_batch();
		pv_mc_queue_call(b, op, args);
	}
	pv_mc_deferred_calls++;
	return true;
}

/**
 * pv_mmu_batch_stats() - how much the lazy modes have batched so far
 * @writes: page-table writes that went into a batch (lazy MMU mode)
 * @calls: other hypercalls that went into a batch (lazy CPU mode)
 * @multicalls: multicalls issued for them
 */
void pv_mmu_batch_stats(unsigned long *writes, unsigned long *calls,
			unsigned long *multicalls)
{
	*writes = pv_mc_batched_writes;
	*calls = pv_mc_deferred_calls;
	*multicalls = pv_mc_multicalls;
}

static void pv_lazy_mmu_leave(void)
{
	pv_mmu_flush_batch();
	paravirt_leave_lazy_mmu();
}

static void pv_lazy_mmu_flush(void)
{
	if (paravirt_get_lazy_mode() == PARAVIRT_LAZY_MMU)
		pv_mmu_flush_batch();
}

static void pv_mmu_set(void *ptr, u64 val, unsigned int type, const char *what)
{
	struct mmu_update req;
	long rc;

	if (pv_mmu_queue(pv_entry_maddr(ptr) | type, val))
		return;
	req.ptr = pv_entry_maddr(ptr) | type;
	req.val = val;
	rc = pv_hypercall_mmu_update(&req, 1, NULL, DOMID_SELF);
	if (rc && system_state == SYSTEM_BOOTING)
		pv_boot_failed(rc, "mmu_update(%s at %#lx, ptr %#llx, val %#llx)",
			       what, (unsigned long)ptr, req.ptr, val);
	WARN(rc, "pv: mmu_update(%s, ptr %#llx, val %#llx) failed: %ld\n",
	     what, req.ptr, val, rc);
}

static void pv_set_pte(pte_t *ptep, pte_t pte)
{
	pv_mmu_set(ptep, pte.pte, MMU_NORMAL_PT_UPDATE, "pte");
}

static void pv_set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	pv_mmu_set(pmdp, pmd.pmd, MMU_NORMAL_PT_UPDATE, "pmd");
}

static void pv_set_pud(pud_t *pudp, pud_t pud)
{
	pv_mmu_set(pudp, pud.pud, MMU_NORMAL_PT_UPDATE, "pud");
}

/*
 * A top-level entry of the user half goes to the user table too (pgd.c):
 * Xen runs user mode on that one.
 */
static void pv_set_top(void *ptr, u64 val, const char *what)
{
	unsigned int idx = offset_in_page(ptr) / sizeof(u64);
	pgd_t *user;

	pv_mmu_set(ptr, val, MMU_NORMAL_PT_UPDATE, what);
	if (idx > pgd_index(TASK_SIZE_MAX - 1))
		return;
	user = pv_user_pgd(ptr);
	if (user)
		pv_mmu_set(&user[idx], val, MMU_NORMAL_PT_UPDATE, "user pgd");
}

static void pv_set_p4d(p4d_t *p4dp, p4d_t p4d)
{
	pv_set_top(p4dp, p4d.p4d, "p4d");
}

static void pv_set_pgd(pgd_t *pgdp, pgd_t pgd)
{
	pv_set_top(pgdp, pgd.pgd, "pgd");
}

static pte_t pv_ptep_modify_prot_start(struct vm_area_struct *vma,
				       unsigned long addr, pte_t *ptep)
{
	/* Xen keeps accessed/dirty bits set meanwhile (PRESERVE_AD below). */
	return *ptep;
}

static void pv_ptep_modify_prot_commit(struct vm_area_struct *vma,
				       unsigned long addr, pte_t *ptep,
				       pte_t pte)
{
	pv_mmu_set(ptep, pte.pte, MMU_PT_UPDATE_PRESERVE_AD, "pte (modify)");
}

/* Entry value translation: pfn in the kernel's view, mfn in Xen's. */
__visible u64 pv_entry_to_kernel(u64 val)
{
	unsigned long mfn, pfn;

	if (!(val & _PAGE_PRESENT))
		return val;
	mfn = (val & PTE_PFN_MASK) >> PAGE_SHIFT;
	pfn = pv_mfn_to_pfn(mfn);
	if (pfn == PV_INVALID_FRAME)
		return val;
	return (val & ~PTE_PFN_MASK) | ((u64)pfn << PAGE_SHIFT);
}
PV_CALLEE_SAVE_REGS_THUNK(pv_entry_to_kernel);

__visible u64 pv_entry_to_machine(u64 val)
{
	unsigned long mfn, pfn;

	if (!(val & _PAGE_PRESENT))
		return val;
	pfn = (val & PTE_PFN_MASK) >> PAGE_SHIFT;
	mfn = pv_pfn_to_mfn(pfn);
	if (mfn == PV_INVALID_FRAME)
		return 0;
	return (val & ~PTE_PFN_MASK) | ((u64)mfn << PAGE_SHIFT);
}
PV_CALLEE_SAVE_REGS_THUNK(pv_entry_to_machine);

static unsigned long pv_cr3;

static unsigned long pv_read_cr3(void)
{
	return pv_cr3;
}

static void pv_write_cr3(unsigned long cr3)
{
	unsigned long pfn = (cr3 & CR3_ADDR_MASK) >> PAGE_SHIFT;
	pgd_t *user = pv_user_pgd(__va(PFN_PHYS(pfn)));
	struct mmuext_op op[2] = {
		{ .cmd = MMUEXT_NEW_BASEPTR, .arg1.mfn = pv_pfn_to_mfn(pfn) },
		/* mfn 0: no user table (init_mm has no user space). */
		{ .cmd = MMUEXT_NEW_USER_BASEPTR,
		  .arg1.mfn = user ? pv_pfn_to_mfn(__pa(user) >> PAGE_SHIFT) : 0 },
	};
	long rc;

	pv_mmu_flush_batch();
	rc = pv_hypercall_mmuext_op(op, 2, NULL, DOMID_SELF);
	if (rc)
		pv_boot_failed(rc, "mmuext_op(MMUEXT_NEW_BASEPTR mfn %#lx, MMUEXT_NEW_USER_BASEPTR mfn %#lx) for cr3 %#lx",
			       op[0].arg1.mfn, op[1].arg1.mfn, cr3);
	pv_cr3 = cr3;
}

static void pv_mmuext_simple(unsigned int cmd, unsigned long addr)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.linear_addr = addr };
	long rc;

	/* A flush must come after the writes it is meant to cover. */
	pv_mmu_flush_batch();
	rc = pv_hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
	WARN(rc, "pv: mmuext_op(%u, %#lx) failed: %ld\n", cmd, addr, rc);
}

static void pv_flush_tlb(void)
{
	pv_mmuext_simple(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

static void pv_flush_tlb_one_user(unsigned long addr)
{
	pv_mmuext_simple(MMUEXT_INVLPG_LOCAL, addr & PAGE_MASK);
}

static void pv_flush_tlb_multi(const struct cpumask *cpus,
			       const struct flush_tlb_info *info)
{
	/* One vCPU at this stage: other CPUs' TLBs come with SMP. */
	pv_mmuext_simple(MMUEXT_TLB_FLUSH_ALL, 0);
}

/* The direct-map entry of @pfn, as Xen wants it (machine frame). */
static u64 pv_direct_map_entry(unsigned long pfn, bool writable)
{
	return ((u64)pv_pfn_to_mfn(pfn) << PAGE_SHIFT) | _PAGE_PRESENT |
	       _PAGE_ACCESSED | _PAGE_DIRTY | (writable ? _PAGE_RW : 0);
}

/**
 * pv_set_pfn_prot() - remap the direct-map page of a pfn
 * @pfn: the pfn
 * @writable: with write access, or read-only (for a page table)
 */
void pv_set_pfn_prot(unsigned long pfn, bool writable)
{
	unsigned long va = (unsigned long)__va(PFN_PHYS(pfn));
	u64 pte = pv_direct_map_entry(pfn, writable);
	long rc;

	pv_mmu_flush_batch();
	rc = pv_hypercall_update_va_mapping(va, pte, UVMF_INVLPG);
	if (rc && system_state == SYSTEM_BOOTING)
		pv_boot_failed(rc, "update_va_mapping(%#lx, %#llx) making pfn %#lx %s",
			       va, pte, pfn, writable ? "writable" : "a page table");
	WARN(rc, "pv: update_va_mapping(%#lx, %#llx) failed: %ld\n", va, pte, rc);
}

/**
 * pv_queue_pfn_prot() - pv_set_pfn_prot() as a call of this CPU's batch
 * @pfn: the pfn
 * @writable: with write access, or read-only
 *
 * For changing many pages at once (pinning an address space).  The
 * caller issues the batch with pv_mmu_flush_batch() and keeps preemption
 * off from the first queued call to that flush.
 */
void pv_queue_pfn_prot(unsigned long pfn, bool writable)
{
	struct pv_mc_batch *b = this_cpu_ptr(&pv_mc_batch);
	const unsigned long args[6] = {
		(unsigned long)__va(PFN_PHYS(pfn)),
		pv_direct_map_entry(pfn, writable),
		UVMF_INVLPG,
	};

	if (b->mmu_update_op != __HYPERVISOR_mmu_update)
		pv_mc_reset(b, __HYPERVISOR_mmu_update, DOMID_SELF);
	if (pv_mc_queue_call(b, __HYPERVISOR_update_va_mapping, args)) {
		pv_mmu_flush_batch();
		pv_mc_queue_call(b, __HYPERVISOR_update_va_mapping, args);
	}
}

/* A new table is read-only at once if its address space is pinned. */
static void pv_alloc_pt(struct mm_struct *mm, unsigned long pfn)
{
	if (mm == &init_mm || pv_mm_pinned(mm))
		pv_set_pfn_prot(pfn, false);
}

/**
 * pv_make_writable() - make a page that was a table writable again
 * @pfn: the pfn
 *
 * Before a table goes back to the page allocator.  Only tables of pinned
 * address spaces are read-only, but which state a freed table is in is
 * not always known (init_mm's boot-time tables were never allocated
 * through pv_alloc_pt(), a failed unpin leaves tables read-only): the
 * direct map says.
 */
void pv_make_writable(unsigned long pfn)
{
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)__va(PFN_PHYS(pfn)), &level);

	if (pte && !pte_write(*pte))
		pv_set_pfn_prot(pfn, true);
}

static void pv_release_pt(unsigned long pfn)
{
	pv_make_writable(pfn);
}

/**
 * pv_init_mmu_ops() - install the mmu pv_ops
 *
 * @cr3: the physical address of the page-table root now loaded
 */
void __init pv_init_mmu_ops(unsigned long cr3)
{
	/* The batches start empty: pv_mmu_queue() resets a zeroed one. */
	pv_cr3 = cr3;
	pv_ops.mmu.lazy_mode.enter = paravirt_enter_lazy_mmu;
	pv_ops.mmu.lazy_mode.leave = pv_lazy_mmu_leave;
	pv_ops.mmu.lazy_mode.flush = pv_lazy_mmu_flush;
	pv_ops.mmu.read_cr3 = pv_read_cr3;
	pv_ops.mmu.write_cr3 = pv_write_cr3;
	pv_ops.mmu.flush_tlb_user = pv_flush_tlb;
	pv_ops.mmu.flush_tlb_kernel = pv_flush_tlb;
	pv_ops.mmu.flush_tlb_one_user = pv_flush_tlb_one_user;
	pv_ops.mmu.flush_tlb_multi = pv_flush_tlb_multi;
	pv_ops.mmu.alloc_pte = pv_alloc_pt;
	pv_ops.mmu.alloc_pmd = pv_alloc_pt;
	pv_ops.mmu.alloc_pud = pv_alloc_pt;
	pv_ops.mmu.alloc_p4d = pv_alloc_pt;
	pv_ops.mmu.release_pte = pv_release_pt;
	pv_ops.mmu.release_pmd = pv_release_pt;
	pv_ops.mmu.release_pud = pv_release_pt;
	pv_ops.mmu.release_p4d = pv_release_pt;
	pv_ops.mmu.set_pte = pv_set_pte;
	pv_ops.mmu.set_pmd = pv_set_pmd;
	pv_ops.mmu.set_pud = pv_set_pud;
	pv_ops.mmu.set_p4d = pv_set_p4d;
	pv_ops.mmu.set_pgd = pv_set_pgd;
	pv_ops.mmu.ptep_modify_prot_start = pv_ptep_modify_prot_start;
	pv_ops.mmu.ptep_modify_prot_commit = pv_ptep_modify_prot_commit;
	pv_ops.mmu.pte_val = PV_CALLEE_SAVE(pv_entry_to_kernel);
	pv_ops.mmu.pmd_val = PV_CALLEE_SAVE(pv_entry_to_kernel);
	pv_ops.mmu.pud_val = PV_CALLEE_SAVE(pv_entry_to_kernel);
	pv_ops.mmu.p4d_val = PV_CALLEE_SAVE(pv_entry_to_kernel);
	pv_ops.mmu.pgd_val = PV_CALLEE_SAVE(pv_entry_to_kernel);
	pv_ops.mmu.make_pte = PV_CALLEE_SAVE(pv_entry_to_machine);
	pv_ops.mmu.make_pmd = PV_CALLEE_SAVE(pv_entry_to_machine);
	pv_ops.mmu.make_pud = PV_CALLEE_SAVE(pv_entry_to_machine);
	pv_ops.mmu.make_p4d = PV_CALLEE_SAVE(pv_entry_to_machine);
	pv_ops.mmu.make_pgd = PV_CALLEE_SAVE(pv_entry_to_machine);
	pv_init_pgd_ops();
}
