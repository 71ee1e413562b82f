// SPDX-License-Identifier: GPL-2.0
/*
 * The PV port's entry in the kernel's hypervisor detection table.
 *
 * Detection needs no CPUID probing: only Xen's domain builder enters the
 * kernel through pv_startup, which records start_info before anything
 * else runs, so "entered as PV" is already a fact when init_hypervisor_
 * platform() asks.  A native boot (or an HVM/PVH guest) never takes that
 * entry and this descriptor stays out of the way.
 *
 * The type is X86_HYPER_XEN_PV because generic code keys Xen PV
 * behaviour on it (no PTI: Xen isolates the guest kernel itself; the
 * Meltdown report).
 */
#include <linux/init.h>
#include <asm/hypervisor.h>
#include <pv/boot.h>

static u32 __init pv_hyper_detect(void)
{
	/* Certain when true, so outrank any CPUID-based guess. */
	return pv_domain() ? U32_MAX : 0;
}

const __initconst struct hypervisor_x86 x86_hyper_pv_guest = {
	.name		= "Xen PV (PV port)",
	.detect		= pv_hyper_detect,
	.type		= X86_HYPER_XEN_PV,
	/* "nopv" cannot turn a PV guest into a native one. */
	.ignore_nopv	= true,
};
