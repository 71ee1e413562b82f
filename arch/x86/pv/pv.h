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
const char *pv_early_console_ring_state(void);
long pv_early_console_io_result(void);

/* banner.c */
void __init pv_print_banner(const struct start_info *si);

/* entry_stubs.c */
void __noreturn pv_entry_stub_hit(const char *what);
__visible void xen_pv_evtchn_do_upcall(struct pt_regs *regs);

#endif /* _ARCH_X86_PV_PV_H */
