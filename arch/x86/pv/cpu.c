// SPDX-License-Identifier: GPL-2.0
/*
 * CPU pv_ops of a PV kernel: what a ring-3 kernel cannot do with the
 * privileged instructions the native kernel uses.
 *
 * The IDT becomes Xen's trap table (set_trap_table), the GDT is handed to
 * Xen as read-only frames (set_gdt) and its entries written through
 * update_descriptor, the kernel stack for entries from user mode is given
 * with stack_switch, FS/GS bases with set_segment_base, debug registers
 * with set/get_debugreg.  CPUID hides what a PV guest must not use.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/idtentry.h>
#include <asm/msr-index.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/traps.h>
#include <pv/hypercall.h>

#include "pv.h"

/* Xen's trap_info (arch-x86/xen.h): one trap table entry. */
struct trap_info {
	u8 vector;
	u8 flags;	/* bits 0-1: DPL for software ints, bit 2: mask events */
	u16 cs;
	unsigned long address;
};

#define PV_TI_MASK_EVENTS	4

/* The kernel's entry points and the stubs that adapt Xen's frame to them. */
#define PV_STUB(native, stub) \
	{ (unsigned long)native, (unsigned long)pv_trap_##stub }
#define PV_TRAP(name) \
	asmlinkage void pv_trap_asm_##name(void)

PV_TRAP(exc_divide_error); PV_TRAP(exc_overflow); PV_TRAP(exc_bounds);
PV_TRAP(exc_invalid_op); PV_TRAP(exc_device_not_available);
PV_TRAP(exc_coproc_segment_overrun); PV_TRAP(exc_invalid_tss);
PV_TRAP(exc_segment_not_present); PV_TRAP(exc_stack_segment);
PV_TRAP(exc_general_protection); PV_TRAP(exc_spurious_interrupt_bug);
PV_TRAP(exc_coprocessor_error); PV_TRAP(exc_alignment_check);
PV_TRAP(exc_simd_coprocessor_error); PV_TRAP(exc_page_fault);
PV_TRAP(exc_int3); PV_TRAP(xenpv_exc_nmi); PV_TRAP(xenpv_exc_debug);
PV_TRAP(xenpv_exc_double_fault);
#ifdef CONFIG_X86_MCE
PV_TRAP(xenpv_exc_machine_check);
#endif

static const struct {
	unsigned long native;
	unsigned long stub;
} pv_trap_stubs[] = {
	PV_STUB(asm_exc_divide_error, asm_exc_divide_error),
	PV_STUB(asm_exc_overflow, asm_exc_overflow),
	PV_STUB(asm_exc_bounds, asm_exc_bounds),
	PV_STUB(asm_exc_invalid_op, asm_exc_invalid_op),
	PV_STUB(asm_exc_device_not_available, asm_exc_device_not_available),
	PV_STUB(asm_exc_coproc_segment_overrun, asm_exc_coproc_segment_overrun),
	PV_STUB(asm_exc_invalid_tss, asm_exc_invalid_tss),
	PV_STUB(asm_exc_segment_not_present, asm_exc_segment_not_present),
	PV_STUB(asm_exc_stack_segment, asm_exc_stack_segment),
	PV_STUB(asm_exc_general_protection, asm_exc_general_protection),
	PV_STUB(asm_exc_spurious_interrupt_bug, asm_exc_spurious_interrupt_bug),
	PV_STUB(asm_exc_coprocessor_error, asm_exc_coprocessor_error),
	PV_STUB(asm_exc_alignment_check, asm_exc_alignment_check),
	PV_STUB(asm_exc_simd_coprocessor_error, asm_exc_simd_coprocessor_error),
	PV_STUB(asm_exc_page_fault, asm_exc_page_fault),
	PV_STUB(asm_exc_int3, asm_exc_int3),
	/* These have PV variants that do not use an IST stack. */
	PV_STUB(asm_exc_nmi, asm_xenpv_exc_nmi),
	PV_STUB(asm_exc_debug, asm_xenpv_exc_debug),
	PV_STUB(asm_exc_double_fault, asm_xenpv_exc_double_fault),
#ifdef CONFIG_X86_MCE
	PV_STUB(asm_exc_machine_check, asm_xenpv_exc_machine_check),
#endif
};

/* One table, one vCPU at this stage: SMP brings per-CPU tables. */
static struct trap_info pv_trap_table[IDT_ENTRIES + 1];
static const gate_desc *pv_loaded_idt;
static unsigned int pv_loaded_idt_size;
static DEFINE_SPINLOCK(pv_trap_lock);

static unsigned long pv_trap_stub_for(unsigned long native)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(pv_trap_stubs); i++)
		if (pv_trap_stubs[i].native == native)
			return pv_trap_stubs[i].stub;
	return 0;
}

static void pv_set_trap_table(const struct desc_ptr *dtr, bool report)
{
	const gate_desc *idt = (const gate_desc *)dtr->address;
	unsigned int n = (dtr->size + 1) / sizeof(gate_desc), v, t = 0;
	unsigned long flags;
	long rc;

	spin_lock_irqsave(&pv_trap_lock, flags);
	for (v = 0; v < n && v < IDT_ENTRIES; v++) {
		unsigned long stub;

		if (!idt[v].bits.p)
			continue;
		/* Vectors without a PV entry (interrupts) stay unset. */
		stub = pv_trap_stub_for(gate_offset(&idt[v]));
		if (!stub)
			continue;
		pv_trap_table[t].vector = v;
		pv_trap_table[t].flags = idt[v].bits.dpl;
		if (idt[v].bits.type == GATE_INTERRUPT)
			pv_trap_table[t].flags |= PV_TI_MASK_EVENTS;
		pv_trap_table[t].cs = __KERNEL_CS;
		pv_trap_table[t].address = stub;
		t++;
	}
	memset(&pv_trap_table[t], 0, sizeof(pv_trap_table[t]));
	pv_loaded_idt = idt;
	pv_loaded_idt_size = dtr->size;
	rc = pv_hypercall1(__HYPERVISOR_set_trap_table,
			   (unsigned long)pv_trap_table);
	spin_unlock_irqrestore(&pv_trap_lock, flags);
	if (rc)
		pv_boot_failed(rc, "set_trap_table(%u entries from IDT %#lx)",
			       t, (unsigned long)idt);
	if (report)
		pr_info("pv: trap table: %u entries from the IDT at %#lx\n", t,
			(unsigned long)idt);
}

static void pv_load_idt(const struct desc_ptr *dtr)
{
	pv_set_trap_table(dtr, true);
}

/**
 * pv_trap_table_entries() - entries of the trap table Xen has now
 *
 * Return: the number of vectors with a PV entry point.
 */
unsigned int pv_trap_table_entries(void)
{
	unsigned int n = 0;

	while (n < ARRAY_SIZE(pv_trap_table) && pv_trap_table[n].address)
		n++;
	return n;
}

static void pv_write_idt_entry(gate_desc *dt, int entry, const gate_desc *g)
{
	struct desc_ptr dtr;

	native_write_idt_entry(dt, entry, g);
	if (dt == pv_loaded_idt) {
		dtr.address = (unsigned long)dt;
		dtr.size = pv_loaded_idt_size;
		pv_set_trap_table(&dtr, false);
	}
}

/* Machine address of a kernel virtual address (any kernel mapping). */
static u64 pv_virt_to_machine(const void *va)
{
	unsigned long addr = (unsigned long)va, pfn;
	unsigned int level;
	pte_t *pte;

	if (addr >= __START_KERNEL_map) {
		pfn = (addr - __START_KERNEL_map) >> PAGE_SHIFT;
	} else if (virt_addr_valid(addr)) {
		pfn = __pa(addr) >> PAGE_SHIFT;
	} else {
		pte = lookup_address(addr, &level);
		if (!pte || !pte_present(*pte))
			return 0;
		pfn = pte_pfn(*pte);
	}
	return ((u64)pv_pfn_to_mfn(pfn) << PAGE_SHIFT) | offset_in_page(addr);
}

/*
 * Remap every mapping of the page at @va (its own address, a vmalloc or
 * fixmap one, and its direct-map alias) read-only or writable again.
 * Xen accepts a page as a GDT or LDT page only without writable
 * mappings.
 */
static long pv_set_page_prot_all(const void *va, bool writable)
{
	unsigned long addr = (unsigned long)va & PAGE_MASK;
	u64 maddr = pv_virt_to_machine(va) & PAGE_MASK;
	unsigned long pfn = pv_mfn_to_pfn(maddr >> PAGE_SHIFT);
	u64 pte = maddr | _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY |
		  (__supported_pte_mask & _PAGE_NX) | (writable ? _PAGE_RW : 0);
	unsigned long alias = (unsigned long)__va(PFN_PHYS(pfn));
	unsigned int level;
	pte_t *p;
	long rc;

	rc = pv_hypercall_update_va_mapping(addr, pte, UVMF_INVLPG);
	if (rc)
		return rc;
	p = lookup_address(alias, &level);
	if (alias != addr && p && pte_present(*p))
		rc = pv_hypercall_update_va_mapping(alias, pte, UVMF_INVLPG);
	return rc;
}

static void pv_make_page_ro(const void *va)
{
	long rc = pv_set_page_prot_all(va, false);

	if (rc)
		pv_boot_failed(rc, "update_va_mapping() making GDT page %#lx read-only",
			       (unsigned long)va);
}

static void pv_ldt_set_prot(struct desc_struct *ldt, unsigned int entries,
			    bool writable)
{
	unsigned long start = (unsigned long)ldt & PAGE_MASK;
	unsigned long end = (unsigned long)(ldt + entries);
	long rc;

	for (; start < end; start += PAGE_SIZE) {
		rc = pv_set_page_prot_all((void *)start, writable);
		WARN(rc, "pv: LDT page %#lx: update_va_mapping failed: %ld\n",
		     start, rc);
	}
}

/* The kernel fills a new LDT before it hands it over here. */
static void pv_alloc_ldt(struct desc_struct *ldt, unsigned int entries)
{
	pv_ldt_set_prot(ldt, entries, false);
}

static void pv_free_ldt(struct desc_struct *ldt, unsigned int entries)
{
	pv_ldt_set_prot(ldt, entries, true);
}

static void pv_load_gdt(const struct desc_ptr *dtr)
{
	unsigned long frames[16];
	unsigned int pages = DIV_ROUND_UP(dtr->size + 1, PAGE_SIZE), i;
	long rc;

	if (WARN_ON(pages > ARRAY_SIZE(frames)))
		return;
	for (i = 0; i < pages; i++) {
		const void *va = (const void *)(dtr->address + i * PAGE_SIZE);

		pv_make_page_ro(va);
		frames[i] = pv_virt_to_machine(va) >> PAGE_SHIFT;
	}
	rc = pv_hypercall2(__HYPERVISOR_set_gdt, (unsigned long)frames,
			   (dtr->size + 1) / sizeof(struct desc_struct));
	if (rc)
		pv_boot_failed(rc, "set_gdt(frame %#lx, %u entries)", frames[0],
			       (dtr->size + 1) / 8);
	pr_info("pv: GDT: %u entries at %#lx (frame %#lx, read-only)\n",
		(dtr->size + 1) / 8, dtr->address, frames[0]);
}

static void pv_update_descriptor(void *slot, const void *desc)
{
	u64 maddr = pv_virt_to_machine(slot);
	long rc;

	if (pv_mc_defer(__HYPERVISOR_update_descriptor, maddr,
			*(const u64 *)desc))
		return;
	rc = pv_hypercall2(__HYPERVISOR_update_descriptor, maddr,
			   *(const u64 *)desc);
	if (rc)
		pr_err("pv: update_descriptor(%#llx, %#llx) failed: %ld\n",
		       maddr, *(const u64 *)desc, rc);
}

static void pv_write_gdt_entry(struct desc_struct *dt, int entry,
			       const void *desc, int type)
{
	/* Xen keeps the TSS and LDT descriptors itself. */
	if (type == DESC_TSS || type == DESC_LDT)
		return;
	pv_update_descriptor(&dt[entry], desc);
}

static void pv_write_ldt_entry(struct desc_struct *dt, int entry,
			       const void *desc)
{
	pv_update_descriptor(&dt[entry], desc);
}

static void pv_load_tls(struct thread_struct *t, unsigned int cpu)
{
	struct desc_struct *gdt = get_cpu_gdt_rw(cpu);
	int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		pv_update_descriptor(&gdt[GDT_ENTRY_TLS_MIN + i],
				     &t->tls_array[i]);
}

static void pv_set_ldt(const void *addr, unsigned int entries)
{
	struct mmuext_op op = {
		.cmd = MMUEXT_SET_LDT,
		.arg1.linear_addr = entries ? (unsigned long)addr : 0,
		.arg2.nr_ents = entries,
	};
	long rc;

	rc = pv_hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
	if (rc)
		pr_err("pv: mmuext_op(MMUEXT_SET_LDT, %#lx, %u) failed: %ld\n",
		       (unsigned long)addr, entries, rc);
}

static void pv_load_sp0(unsigned long sp0)
{
	long rc;

	this_cpu_write(cpu_tss_rw.x86_tss.sp0, sp0);
	if (pv_mc_defer(__HYPERVISOR_stack_switch, __KERNEL_DS, sp0))
		return;
	rc = pv_hypercall2(__HYPERVISOR_stack_switch, __KERNEL_DS, sp0);
	if (rc)
		pv_boot_failed(rc, "stack_switch(%#x, %#lx)", __KERNEL_DS, sp0);
}

static void pv_load_gs_index(unsigned int idx)
{
	if (pv_hypercall_set_segment_base(SEGBASE_GS_USER_SEL, idx))
		pr_err("pv: set_segment_base(SEGBASE_GS_USER_SEL, %#x) failed\n", idx);
}

static void pv_noop(void)
{
}

static unsigned long pv_store_tr(void)
{
	return 0;
}

/* What the kernel believes cr0 to be; only TS is Xen's business. */
static unsigned long pv_cr0 = X86_CR0_PE | X86_CR0_MP | X86_CR0_ET |
			      X86_CR0_NE | X86_CR0_WP | X86_CR0_AM |
			      X86_CR0_PG;

static unsigned long pv_read_cr0(void)
{
	return pv_cr0;
}

static void pv_write_cr0(unsigned long cr0)
{
	if (((cr0 ^ pv_cr0) & X86_CR0_TS) &&
	    !pv_mc_defer(__HYPERVISOR_fpu_taskswitch, !!(cr0 & X86_CR0_TS), 0))
		pv_hypercall1(__HYPERVISOR_fpu_taskswitch, !!(cr0 & X86_CR0_TS));
	pv_cr0 = cr0;
}

static void pv_write_cr4(unsigned long cr4)
{
	/* Global pages, large pages and PCIDs are Xen's, not ours. */
	cr4 &= ~(X86_CR4_PGE | X86_CR4_PSE | X86_CR4_PCIDE);
	native_write_cr4(cr4);
}

/* Noinstr: the #DB and NMI entries read and write DR6/DR7 through these. */
static noinstr unsigned long pv_get_debugreg(int reg)
{
	return pv_hypercall1(__HYPERVISOR_get_debugreg, reg);
}

static noinstr void pv_set_debugreg(int reg, unsigned long val)
{
	/* DR4/DR5 are aliases Xen does not take. */
	if (reg == 4 || reg == 5)
		return;
	pv_hypercall2(__HYPERVISOR_set_debugreg, reg, val);
}

/*
 * CPUID bits a PV guest must not act on: Xen owns paging details (large
 * and global pages, PCIDs), the local APIC, MTRRs and PAT, ACPI,
 * monitor/mwait and virtualisation extensions.
 */
static const struct {
	u32 leaf;
	u8 reg;		/* 0 eax, 1 ebx, 2 ecx, 3 edx */
	u32 mask;
} pv_cpuid_hidden[] = {
	{ 1, 2, BIT(3) | BIT(5) | BIT(6) | BIT(17) | BIT(21) | BIT(24) },
	{ 1, 3, BIT(3) | BIT(9) | BIT(12) | BIT(13) | BIT(16) | BIT(22) },
	{ 7, 1, BIT(10) },
	{ 0x80000001, 3, BIT(26) },
};

static void pv_cpuid(unsigned int *ax, unsigned int *bx, unsigned int *cx,
		     unsigned int *dx)
{
	unsigned int leaf = *ax, subleaf = *cx, *regs[4] = { ax, bx, cx, dx };
	int i;

	native_cpuid(ax, bx, cx, dx);
	for (i = 0; i < ARRAY_SIZE(pv_cpuid_hidden); i++)
		if (pv_cpuid_hidden[i].leaf == leaf &&
		    (leaf != 7 || subleaf == 0))
			*regs[pv_cpuid_hidden[i].reg] &= ~pv_cpuid_hidden[i].mask;
}

/*
 * Segment bases are never deferred: the kernel writes MSR_GS_BASE right
 * after loading a null %gs selector, when per-CPU data (the lazy-mode
 * state included) cannot be reached.
 */
static int pv_set_segment_base(int which, u64 val)
{
	return pv_hypercall_set_segment_base(which, val);
}

/* MSRs a PV kernel writes through hypercalls, or not at all. */
static bool pv_write_msr_special(unsigned int msr, u64 val, int *err)
{
	*err = 0;
	switch (msr) {
	case MSR_FS_BASE:
		*err = pv_set_segment_base(SEGBASE_FS, val);
		return true;
	case MSR_GS_BASE:
		*err = pv_set_segment_base(SEGBASE_GS_KERNEL, val);
		return true;
	case MSR_KERNEL_GS_BASE:
		*err = pv_set_segment_base(SEGBASE_GS_USER, val);
		return true;
	case MSR_STAR:
	case MSR_LSTAR:
	case MSR_CSTAR:
	case MSR_SYSCALL_MASK:
	case MSR_IA32_SYSENTER_CS:
	case MSR_IA32_SYSENTER_ESP:
	case MSR_IA32_SYSENTER_EIP:
		/* Xen owns the syscall entry; ours goes through callbacks. */
		return true;
	default:
		return false;
	}
}

static void pv_write_msr(unsigned int msr, unsigned int lo, unsigned int hi)
{
	int err;

	if (!pv_write_msr_special(msr, ((u64)hi << 32) | lo, &err))
		native_write_msr(msr, lo, hi);
	else if (err)
		pr_err("pv: write of MSR %#x refused: %d\n", msr, err);
}

static int pv_write_msr_safe(unsigned int msr, unsigned int lo,
			     unsigned int hi)
{
	int err;

	if (!pv_write_msr_special(msr, ((u64)hi << 32) | lo, &err))
		return native_write_msr_safe(msr, lo, hi);
	return err;
}

/* The switch's deferred hypercalls go to Xen before the new task runs. */
static void pv_end_context_switch(struct task_struct *next)
{
	pv_mmu_flush_batch();
	paravirt_end_context_switch(next);
}

/**
 * pv_init_cpu_ops() - install the CPU pv_ops
 */
void __init pv_init_cpu_ops(void)
{
	pv_ops.cpu.io_delay = pv_noop;
	pv_ops.cpu.get_debugreg = pv_get_debugreg;
	pv_ops.cpu.set_debugreg = pv_set_debugreg;
	pv_ops.cpu.read_cr0 = pv_read_cr0;
	pv_ops.cpu.write_cr0 = pv_write_cr0;
	pv_ops.cpu.write_cr4 = pv_write_cr4;
	pv_ops.cpu.load_tr_desc = pv_noop;
	pv_ops.cpu.load_gdt = pv_load_gdt;
	pv_ops.cpu.load_idt = pv_load_idt;
	pv_ops.cpu.set_ldt = pv_set_ldt;
	pv_ops.cpu.store_tr = pv_store_tr;
	pv_ops.cpu.load_tls = pv_load_tls;
	pv_ops.cpu.load_gs_index = pv_load_gs_index;
	pv_ops.cpu.write_ldt_entry = pv_write_ldt_entry;
	pv_ops.cpu.write_gdt_entry = pv_write_gdt_entry;
	pv_ops.cpu.write_idt_entry = pv_write_idt_entry;
	pv_ops.cpu.alloc_ldt = pv_alloc_ldt;
	pv_ops.cpu.free_ldt = pv_free_ldt;
	pv_ops.cpu.load_sp0 = pv_load_sp0;
#ifdef CONFIG_X86_IOPL_IOPERM
	pv_ops.cpu.invalidate_io_bitmap = pv_noop;
	pv_ops.cpu.update_io_bitmap = pv_noop;
#endif
	pv_ops.cpu.cpuid = pv_cpuid;
	pv_ops.cpu.write_msr = pv_write_msr;
	pv_ops.cpu.write_msr_safe = pv_write_msr_safe;
	pv_ops.cpu.start_context_switch = paravirt_start_context_switch;
	pv_ops.cpu.end_context_switch = pv_end_context_switch;
}
