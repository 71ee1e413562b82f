// SPDX-License-Identifier: GPL-2.0
/*
 * First C code of a PV boot, called from pv_startup (head.S) on the init
 * stack with the start_info Xen's domain builder left for us.
 *
 * The order is the boot's skeleton: take a private copy of start_info
 * (the only time the original page is read), bring up the early console,
 * report what Xen told us.  The kernel's normal start path (p2m, memory
 * map, page tables, pv_ops, then start_kernel()) will slot in after the
 * banner; until it exists, the domain powers itself off there.
 */
#include <linux/cache.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched/clock.h>
#include <linux/time.h>
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/memory.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <asm/mmu_context.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/e820/api.h>
#include <asm/i8259.h>
#include <asm/msr.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/text-patching.h>
#include <asm/x86_init.h>
#include <pv/boot.h>
#include <pv/events.h>
#include <pv/hypercall.h>
#include <pv/sched.h>
#include <pv/time.h>
#include <pv/xen.h>

#include "pv.h"

/* The magic of a 64-bit PV start_info; the version part is always 3.0. */
#define PV_START_INFO_MAGIC	"xen-3.0-x86_64"

static struct start_info pv_start_info_copy __ro_after_init;
struct start_info *pv_start_info __ro_after_init;

/*
 * End of the bootstrap region past the kernel image: p2m list,
 * start_info, console and xenstore pages, Xen's page tables.
 */
static unsigned long pv_bootstrap_end_pfn __initdata;

static char *__init pv_memory_setup(void)
{
	phys_addr_t start = PAGE_ALIGN(__pa_symbol(_end));
	phys_addr_t end = PFN_PHYS(pv_bootstrap_end_pfn);

	/* boot_params' E820 table holds the clipped map (memory.c). */
	e820__memory_setup_default();
	if (end > start)
		memblock_reserve(start, end - start);
	return "Xen PV";
}

static void __init pv_arch_setup(void)
{
	int err;

	pv_register_boot_console();
	pv_machine_init();
	pr_info("pv: printk on the PV console; bootstrap region reserved up to pfn %#lx\n",
		pv_bootstrap_end_pfn);
	/* sched_clock and the time hooks time_init() calls later. */
	err = pv_time_init(pv_shared_info);
	if (err)
		pv_boot_failed(err, "pv_time_init()");
}

static unsigned long pv_calibrate(void)
{
	return pv_tsc_khz();
}

#define PV_LAZY_CHECK_PAGES	4

static int __init pv_lazy_check_map(pte_t *pte, unsigned long addr, void *data)
{
	struct page **pages = data;
	unsigned long i = (addr & (PV_LAZY_CHECK_PAGES * PAGE_SIZE - 1)) >> PAGE_SHIFT;

	set_pte_at(&init_mm, addr, pte, mk_pte(pages[i], PAGE_KERNEL));
	return 0;
}

/*
 * Check lazy MMU batching end to end: apply_to_page_range() writes its
 * entries in lazy MMU mode, so they reach Xen as one multicall when it
 * leaves the mode; the pages must then read back through the new
 * mapping.
 */
static void __init pv_lazy_mmu_check(void)
{
	struct page *pages[PV_LAZY_CHECK_PAGES] = { NULL };
	unsigned long w0, c0, m0, w1, c1, m1, addr;
	struct vm_struct *area;
	bool ok = true;
	int i, rc;

	area = get_vm_area(2 * PV_LAZY_CHECK_PAGES * PAGE_SIZE, VM_MAP);
	for (i = 0; i < PV_LAZY_CHECK_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			break;
		memset(page_address(pages[i]), 0x5a + i, PAGE_SIZE);
	}
	if (!area || i < PV_LAZY_CHECK_PAGES) {
		pr_err("pv: lazy MMU check: no memory\n");
		goto out;
	}
	/* Aligned so that the page index is the address's low bits. */
	addr = ALIGN((unsigned long)area->addr, PV_LAZY_CHECK_PAGES * PAGE_SIZE);
	pv_mmu_batch_stats(&w0, &c0, &m0);
	rc = apply_to_page_range(&init_mm, addr, PV_LAZY_CHECK_PAGES * PAGE_SIZE,
				 pv_lazy_check_map, pages);
	pv_mmu_batch_stats(&w1, &c1, &m1);
	for (i = 0; !rc && i < PV_LAZY_CHECK_PAGES; i++)
		if (*(u8 *)(addr + i * PAGE_SIZE + 123) != 0x5a + i)
			ok = false;
	pr_info("pv: lazy MMU check: %d pages mapped (%d), %s; %lu page-table writes batched in %lu multicalls\n",
		PV_LAZY_CHECK_PAGES, rc, !rc && ok ? "read back" : "MISMATCH",
		w1 - w0, m1 - m0);
out:
	if (area)
		free_vm_area(area);
	for (i = 0; i < PV_LAZY_CHECK_PAGES; i++)
		if (pages[i])
			__free_page(pages[i]);
}

/*
 * Check address spaces other than init_mm: text_poke() maps the text
 * page in poking_mm (pinned when poking_init() duplicated it), loads that
 * mm's tables and both base pointers, writes and switches back.  The
 * byte written is the one already there.
 */
static void __init pv_poking_mm_check(void)
{
	u8 *target = (u8 *)pv_trap_table_entries;
	u8 byte = *target;

	mutex_lock(&text_mutex);
	text_poke(target, &byte, 1);
	mutex_unlock(&text_mutex);
	pr_info("pv: address-space check: text_poke through poking_mm (pgd %s) done\n",
		PagePinned(virt_to_page(poking_mm->pgd)) ? "pinned" : "NOT pinned");
}

/*
 * Check the LDT ops: an LDT page handed over (read-only), a descriptor
 * written through update_descriptor, the LDT loaded with MMUEXT_SET_LDT
 * and a selector loaded from it (Xen maps the page into its LDT area
 * on that first use), then all undone.
 */
static void __init pv_ldt_check(void)
{
	/* A user data segment (DPL 3, 64 Ki pages of 4 KiB). */
	struct desc_struct d = GDT_ENTRY_INIT(0xc0f3, 0, 0xffff);
	struct desc_struct *ldt = (void *)get_zeroed_page(GFP_KERNEL);
	unsigned short sel = 0;
	bool written;

	if (!ldt) {
		pr_err("pv: LDT check: no memory\n");
		return;
	}
	paravirt_alloc_ldt(ldt, 1);
	write_ldt_entry(ldt, 0, &d);
	written = !memcmp(&ldt[0], &d, sizeof(d));
	set_ldt(ldt, 1);
	/* Index 0, table indicator LDT, RPL 3. */
	loadsegment(fs, 0x7);
	savesegment(fs, sel);
	loadsegment(fs, 0);
	set_ldt(NULL, 0);
	paravirt_free_ldt(ldt, 1);
	free_page((unsigned long)ldt);
	pr_info("pv: LDT check: descriptor %s, selector %#x loaded from the LDT%s\n",
		written ? "written" : "NOT written", sel,
		sel == 0x7 ? "" : " FAILED");
}

/*
 * Check context-switch batching: between start_context_switch and
 * end_context_switch the stack switch and the TLS descriptors the
 * scheduler would load go to Xen in one multicall.  Loaded with the
 * current task's own values, so nothing changes.
 */
static void __init pv_context_switch_check(void)
{
	unsigned long w0, c0, m0, w1, c1, m1;
	bool lazy;

	preempt_disable();
	pv_mmu_batch_stats(&w0, &c0, &m0);
	arch_start_context_switch(current);
	lazy = paravirt_get_lazy_mode() == PARAVIRT_LAZY_CPU;
	load_sp0(this_cpu_read(cpu_tss_rw.x86_tss.sp0));
	load_TLS(&current->thread, smp_processor_id());
	arch_end_context_switch(current);
	pv_mmu_batch_stats(&w1, &c1, &m1);
	preempt_enable();
	pr_info("pv: context-switch check: %s, %lu calls deferred, issued in %lu multicalls\n",
		lazy ? "lazy CPU mode" : "NOT lazy", c1 - c0, m1 - m0);
}

/* Xen enters the event callback through this trampoline (traps_asm.S). */
asmlinkage void pv_trap_asm_exc_xen_hypervisor_callback(void);
asmlinkage void xen_failsafe_callback(void);
asmlinkage void pv_entry_SYSCALL_64(void);

static void __init pv_register_callback(u16 type, u16 flags, void *entry,
					const char *what)
{
	struct callback_register cb = {
		.type = type,
		.flags = flags,
		.address = (unsigned long)entry,
	};
	long rc;

	rc = pv_hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register,
			   (unsigned long)&cb);
	if (rc)
		pv_boot_failed(rc, "CALLBACKOP_register(%s)", what);
}

static u64 pv_virt_to_gfn(const void *va)
{
	return pv_pfn_to_mfn(__pa(va) >> PAGE_SHIFT);
}

/* Ticks the timer check waits for, and how long it waits at most. */
#define PV_TIMER_CHECK_TICKS	(HZ / 5)
#define PV_TIMER_CHECK_LIMIT_NS	(5 * NSEC_PER_SEC)

static void (*pv_timer_init_next)(void) __initdata;

/*
 * Check the timer right after it started, from time_init()'s late part
 * (interrupts on): wait in safe_halt() (SCHEDOP_block) until VIRQ_TIMER
 * has advanced jiffies by PV_TIMER_CHECK_TICKS, and report the rate
 * against the PV clock and the wall clock Xen gave.
 */
static void __init pv_timer_init_and_check(void)
{
	unsigned long j0, j1;
	struct timespec64 ts;
	u64 t0, t1;

	pv_timer_init_next();

	j0 = jiffies;
	t0 = local_clock();
	t1 = t0;
	while (jiffies - j0 < PV_TIMER_CHECK_TICKS &&
	       t1 - t0 < PV_TIMER_CHECK_LIMIT_NS) {
		local_irq_disable();
		/* Blocks until an event; re-enables delivery first. */
		safe_halt();
		t1 = local_clock();
	}
	j1 = jiffies;
	ktime_get_real_ts64(&ts);
	pr_info("pv: timer check: %lu jiffies in %llu ms (HZ=%d), irqs %s\n",
		j1 - j0, (t1 - t0) / NSEC_PER_MSEC, HZ,
		irqs_disabled() ? "off" : "on");
	pr_info("pv: wall clock: %lld.%09ld\n", (long long)ts.tv_sec,
		ts.tv_nsec);
}

static bool pv_stop_at_initcalls __initdata;

/* pv_stop=initcalls: power off before init (the boot tests' stop point). */
static int __init pv_stop_setup(char *arg)
{
	if (strcmp(arg, "initcalls"))
		return 0;
	pv_stop_at_initcalls = true;
	return 1;
}
__setup("pv_stop=", pv_stop_setup);

/*
 * With pv_stop=initcalls, stop after every initcall, before the kernel
 * frees its init memory and starts init.
 */
static int __init pv_stop_before_init(void)
{
	if (!pv_domain() || !pv_stop_at_initcalls)
		return 0;
	pr_info("pv: boot reached the end of the initcalls; init comes next: powering off\n");
	pv_early_console_flush();
	pv_hypercall_shutdown(SHUTDOWN_poweroff);
	BUG();
}
late_initcall_sync(pv_stop_before_init);

/*
 * x86_init.irqs.intr_init: interrupts are event channels.  First check
 * the exception path end to end (a read of an MSR that does not exist
 * faults in Xen, is delivered through the trap table, fixed up by the
 * kernel's exception table and returns through the iret hypercall) and
 * the memory and CPU ops, then switch the irq flag ops to every
 * possible vCPU's vcpu_info, register the callbacks Xen enters us by
 * and bring up the event channel service.
 */
static void __init pv_intr_init(void)
{
	struct pv_evtchn_boot boot = {
		.shinfo = pv_shared_info,
		.virt_to_gfn = pv_virt_to_gfn,
	};
	u32 lo, hi;
	int err;

	pr_info("pv: trap table: %u entries in use\n", pv_trap_table_entries());
	err = rdmsr_safe(0x2fffffff, &lo, &hi);
	pr_info("pv: trap check: rdmsr_safe(0x2fffffff) = %d%s\n", err,
		err ? " (fault delivered, fixed up, returned)" : " (no fault)");
	pv_lazy_mmu_check();
	pv_poking_mm_check();
	pv_ldt_check();
	pv_context_switch_check();
	pr_info("pv: boot reached init_IRQ; wiring interrupts, event channels and time\n");

	err = pv_irq_init(pv_shared_info);
	if (err)
		pv_boot_failed(err, "pv_irq_init()");
	pv_register_callback(CALLBACKTYPE_event, 0,
			     pv_trap_asm_exc_xen_hypervisor_callback, "event");
	pv_register_callback(CALLBACKTYPE_failsafe, CALLBACKF_mask_events,
			     xen_failsafe_callback, "failsafe");
	/* Like SYSCALL with the kernel's FMASK: entered with events off. */
	pv_register_callback(CALLBACKTYPE_syscall, CALLBACKF_mask_events,
			     pv_entry_SYSCALL_64, "syscall");
	err = pv_evtchn_init(&boot);
	if (err)
		pv_boot_failed(err, "pv_evtchn_init()");

	/* pv_time_init() set the timer hook: check the timer right after it. */
	pv_timer_init_next = x86_init.timers.timer_init;
	x86_init.timers.timer_init = pv_timer_init_and_check;
}

/* Xen's iret, not IRETQ, for returns from exceptions to the kernel. */
extern u8 early_xen_iret_patch[];
asmlinkage void pv_iret(void);

static void __init pv_patch_iret(void)
{
	u8 insn[5];
	s32 rel = (long)pv_iret - (long)(early_xen_iret_patch + sizeof(insn));

	insn[0] = 0xe9;	/* jmp rel32 */
	memcpy(&insn[1], &rel, sizeof(rel));
	/* The image is still writable: Xen mapped it read-write. */
	memcpy(early_xen_iret_patch, insn, sizeof(insn));
}

/*
 * Point the kernel's hooks at the PV implementations, then enter the
 * normal start path.
 */
static void __init __noreturn pv_enter_kernel(const struct start_info *si)
{
	long rc;

	/*
	 * Generic code writes some page-table entries in place (the xchg of
	 * ptep_get_and_clear()); Xen emulates such writes to level-1 tables
	 * only with this assist on.
	 */
	rc = pv_hypercall2(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
			   VMASST_TYPE_writable_pagetables);
	if (rc)
		pv_boot_failed(rc, "vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables)");

	/*
	 * Port I/O from the kernel (probes such as the i8237's) faults
	 * unless the virtual IOPL admits the kernel's ring; Xen then
	 * emulates it, and ports the domain was not given read as all ones
	 * and ignore writes, as on hardware without the device.
	 */
	rc = pv_hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl,
			   (unsigned long)&(struct physdev_set_iopl){ .iopl = 1 });
	if (rc)
		pv_boot_failed(rc, "PHYSDEVOP_set_iopl(1)");

	pv_map_shared_info(si);
	pv_init_traps();

	pv_info.name = "Xen PV (PV port)";
	pv_info.extra_user_64bit_cs = FLAT_RING3_CS64;
	pv_init_irq_ops();
	pv_init_cpu_ops();
	pv_init_mmu_ops(__pa_symbol(init_top_pgt));
	pv_patch_iret();

	setup_force_cpu_cap(X86_FEATURE_XENPV);
	setup_force_cpu_cap(X86_FEATURE_HYPERVISOR);
	setup_clear_cpu_cap(X86_FEATURE_PSE);
	setup_clear_cpu_cap(X86_FEATURE_PGE);
	setup_clear_cpu_cap(X86_FEATURE_PCID);
	setup_clear_cpu_cap(X86_FEATURE_INVPCID);
	setup_clear_cpu_cap(X86_FEATURE_GBPAGES);
	setup_clear_cpu_cap(X86_FEATURE_APIC);
	setup_clear_cpu_cap(X86_FEATURE_X2APIC);
	setup_clear_cpu_cap(X86_FEATURE_MTRR);
	setup_clear_cpu_cap(X86_FEATURE_PAT);
	setup_clear_cpu_cap(X86_FEATURE_ACPI);
	setup_clear_cpu_cap(X86_FEATURE_MWAIT);
	setup_clear_cpu_cap(X86_FEATURE_TSC_DEADLINE_TIMER);
	/*
	 * AMD's erratum 400 concerns C1E on the physical CPU, which only
	 * Xen halts; the check would read an MSR Xen does not offer.
	 */
	setup_clear_cpu_cap(X86_BUG_AMD_E400);
	/* Xen decides what is global. */
	__supported_pte_mask &= ~_PAGE_GLOBAL;
	__default_kernel_pte_mask &= ~_PAGE_GLOBAL;

	x86_init.resources.memory_setup = pv_memory_setup;
	x86_init.resources.probe_roms = x86_init_noop;
	x86_init.oem.arch_setup = pv_arch_setup;
	x86_init.irqs.intr_mode_select = x86_init_noop;
	x86_init.irqs.intr_init = pv_intr_init;
	/* A domU has no 8259; its interrupts are event channels. */
	legacy_pic = &null_legacy_pic;
	x86_init.irqs.intr_mode_init = x86_init_noop;
	x86_platform.calibrate_tsc = pv_calibrate;
	x86_platform.calibrate_cpu = pv_calibrate;
	x86_platform.realmode_reserve = x86_init_noop;
	x86_platform.realmode_init = x86_init_noop;

	/*
	 * What lies in the kernel mapping past the image stays mapped up
	 * to the p2m list (cleanup_highmap() stops there), and everything
	 * Xen put after the image stays reserved.
	 */
	max_pfn_mapped = __pa_symbol(si->mfn_list) >> PAGE_SHIFT;
	pv_bootstrap_end_pfn = ((si->pt_base - __START_KERNEL_map) >> PAGE_SHIFT) +
			       si->nr_pt_frames;

	pv_early_printk("pv: entering the kernel's start path\n");
	x86_64_start_reservations((char *)__pa_symbol(&boot_params));
	/* start_kernel() does not return. */
	BUG();
}

asmlinkage __visible void __init __noreturn
pv_start_kernel(struct start_info *si)
{
	static const char bad_magic[] =
		"pv: entered without a 64-bit PV start_info; stopping\n";

	/*
	 * Nothing is known about the console before start_info is trusted,
	 * so the only possible complaint goes to Xen's console (dom0 and
	 * debug builds of Xen print it).
	 */
	if (strncmp(si->magic, PV_START_INFO_MAGIC,
		    sizeof(PV_START_INFO_MAGIC) - 1)) {
		pv_hypercall_console_io(CONSOLEIO_write, sizeof(bad_magic) - 1,
					bad_magic);
		pv_hypercall_shutdown(SHUTDOWN_crash);
		BUG();
	}

	pv_start_info_copy = *si;
	pv_start_info_copy.cmd_line[MAX_GUEST_CMDLINE - 1] = '\0';
	pv_start_info_copy.magic[sizeof(pv_start_info_copy.magic) - 1] = '\0';
	pv_start_info = &pv_start_info_copy;

	pv_early_console_init(pv_start_info);
	pv_print_banner(pv_start_info);

	pv_setup_p2m(pv_start_info);
	pv_setup_memory_map(pv_start_info);
	pv_setup_boot_params(pv_start_info);
	pv_test_bad_pte(pv_start_info);
	pv_setup_kernel_pagetable(pv_start_info);
	pv_enter_kernel(pv_start_info);
}
