// SPDX-License-Identifier: GPL-2.0
/*
 * Loud ends for a PV boot that cannot go on.
 *
 * Before the kernel's own panic() can run (no trap table, no printk
 * console), a refused hypercall would otherwise end as an anonymous
 * domain crash, or worse a fault somewhere later.  Here the failure is
 * named on the early console: which hypercall, with which arguments,
 * and Xen's error code, then the domain is shut down with reason crash
 * so that the toolstack reports it as one.  The line starts like the
 * kernel's own panic message so that tools looking for a guest's panic
 * line find it.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <pv/hypercall.h>
#include <pv/sched.h>

#include "pv.h"

/* Xen's error numbers on x86 are Linux's; name the ones boot sees. */
static const char *pv_errno_name(long err)
{
	switch (-err) {
	case EPERM:	return "EPERM";
	case ENOENT:	return "ENOENT";
	case ESRCH:	return "ESRCH";
	case EINVAL:	return "EINVAL";
	case ENOMEM:	return "ENOMEM";
	case EFAULT:	return "EFAULT";
	case EBUSY:	return "EBUSY";
	case EEXIST:	return "EEXIST";
	case ENOSPC:	return "ENOSPC";
	case ENOSYS:	return "ENOSYS";
	case EAGAIN:	return "EAGAIN";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	default:	return "unknown error";
	}
}

/**
 * pv_boot_failed() - report a refused hypercall and crash the domain
 * @err: Xen's (negative) error code
 * @fmt: printf format naming the hypercall and its arguments
 *
 * Usable from the first C instruction of a PV boot on: needs only the
 * early console, and before that still shuts the domain down.
 */
void __noreturn pv_boot_failed(long err, const char *fmt, ...)
{
	char what[192];
	va_list args;

	va_start(args, fmt);
	vscnprintf(what, sizeof(what), fmt, args);
	va_end(args);

	pv_early_printk("Kernel panic - not syncing: pv: %s failed: %ld (%s)\n",
			what, err, pv_errno_name(err));
	pv_early_printk("pv: shutting the domain down (crash)\n");
	pv_early_console_flush();
	pv_hypercall_shutdown(SHUTDOWN_crash);
	/* Xen refused even that: an invalid opcode is a crash it reports. */
	BUG();
}
