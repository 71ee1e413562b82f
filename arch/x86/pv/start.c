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
#include <linux/kernel.h>
#include <linux/string.h>
#include <pv/boot.h>
#include <pv/hypercall.h>
#include <pv/sched.h>
#include <pv/xen.h>

#include "pv.h"

/* The magic of a 64-bit PV start_info; the version part is always 3.0. */
#define PV_START_INFO_MAGIC	"xen-3.0-x86_64"

static struct start_info pv_start_info_copy __ro_after_init;
struct start_info *pv_start_info __ro_after_init;

/*
 * Shut down for @reason, or, if Xen refuses, stop with an invalid opcode:
 * without a trap table Xen then reports and kills the domain, which is
 * loud enough to be noticed.
 */
static void __noreturn pv_halt(unsigned int reason)
{
	long err;

	pv_early_console_flush();
	err = pv_hypercall_shutdown(reason);
	pv_early_printk("pv: SCHEDOP_shutdown(%u) failed: %ld\n", reason, err);
	pv_early_console_flush();
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

	/* The kernel's normal start path will continue from here. */
	pv_early_printk("pv: nothing more to run yet; powering off\n");
	pv_halt(SHUTDOWN_poweroff);
}
