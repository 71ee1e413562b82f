/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the parts of the x86-64 PV boot code.  Not for use
 * outside arch/x86/pv: services see the boot through <pv/boot.h>.
 */
#ifndef _ARCH_X86_PV_PV_H
#define _ARCH_X86_PV_PV_H

#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/types.h>
#include <asm/pgtable_types.h>
#include <pv/xen.h>

struct pt_regs;

/* start.c */
asmlinkage __visible void __init __noreturn
pv_start_kernel(struct start_info *si);

/* early_console.c */
int __init pv_early_console_init(const struct start_info *si);
void pv_early_console_write(const char *s, size_t len);
__printf(1, 2) void pv_early_printk(const char *fmt, ...);
void pv_early_console_flush(void);
void pv_machine_init(void);
const char *pv_early_console_ring_state(void);
long pv_early_console_io_result(void);

void __init pv_register_boot_console(void);

/* banner.c */
void __init pv_print_banner(const struct start_info *si);

/* boot_fail.c */
__printf(2, 3) void __noreturn pv_boot_failed(long err, const char *fmt, ...);

/* memory.c */
unsigned long pv_pfn_to_mfn(unsigned long pfn);
unsigned long pv_mfn_to_pfn(unsigned long mfn);
void __init pv_setup_p2m(const struct start_info *si);
void __init pv_setup_memory_map(const struct start_info *si);
void __init pv_setup_boot_params(const struct start_info *si);

/* mmu.c */
void __init pv_mmu_update_one(u64 ptr, u64 val);
void __init pv_test_bad_pte(const struct start_info *si);
void __init pv_init_mmu_ops(unsigned long cr3);
void pv_mmu_flush_batch(void);
void pv_set_pfn_prot(unsigned long pfn, bool writable);
void pv_queue_pfn_prot(unsigned long pfn, bool writable);
void pv_make_writable(unsigned long pfn);

/* pgd.c */
struct mm_struct;
pgd_t *pv_user_pgd(const void *pgd);
bool pv_mm_pinned(struct mm_struct *mm);
void __init pv_init_pgd_ops(void);
void pv_mmu_batch_stats(unsigned long *writes, unsigned long *calls,
			unsigned long *multicalls);
bool pv_mc_defer(unsigned long op, unsigned long a1, unsigned long a2);

/* cpu.c */
void __init pv_init_cpu_ops(void);
unsigned int pv_trap_table_entries(void);

/* vcpu.c */
extern struct vcpu_info *pv_vcpu_info;
extern struct shared_info *pv_shared_info;
void __init pv_map_shared_info(const struct start_info *si);
void __init pv_init_irq_ops(void);
unsigned long pv_tsc_khz(void);

/* pagetable.c */
extern unsigned long pv_kernel_l4_mfn;
void __init pv_set_page_ro(void *va);
void __init pv_mmuext_one(unsigned int cmd, unsigned long mfn,
			  const char *name);
void __init pv_setup_kernel_pagetable(const struct start_info *si);

/* entry_stubs.c */
void __init pv_init_traps(void);
__visible void xen_pv_evtchn_do_upcall(struct pt_regs *regs);

#endif /* _ARCH_X86_PV_PV_H */
