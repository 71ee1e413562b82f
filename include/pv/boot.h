/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the PV boot code (arch/x86/pv) publishes to the rest of the port.
 */
#ifndef _PV_BOOT_H
#define _PV_BOOT_H

#include <linux/types.h>
#include <pv/xen.h>

/*
 * The kernel's own copy of Xen's start_info, made once at entry; NULL
 * unless this kernel was entered by Xen as a PV guest.
 */
extern struct start_info *pv_start_info;

/**
 * pv_domain() - tell whether this kernel runs as a PV guest
 *
 * Decided at run time: the same image boots natively, where the PV entry
 * is never taken and this stays false.
 *
 * Return: true when entered through the PV entry point.
 */
static inline bool pv_domain(void)
{
	return IS_ENABLED(CONFIG_PV_GUEST) && pv_start_info;
}

#endif /* _PV_BOOT_H */
