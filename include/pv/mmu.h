/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table updates and MMU extended operations of the PV ABI (Xen's
 * public xen.h is the specification; names and values are Xen's).
 *
 * A PV guest's page-table pages are read-only to it: every entry it
 * writes goes through mmu_update, which Xen validates, and every page
 * table it runs on is pinned (type-checked once) through mmuext_op.
 */
#ifndef _PV_MMU_H
#define _PV_MMU_H

#include <linux/types.h>

/* mmu_update request types, in the low bits of mmu_update.ptr. */
#define MMU_NORMAL_PT_UPDATE		0
#define MMU_MACHPHYS_UPDATE		1
#define MMU_PT_UPDATE_PRESERVE_AD	2

#define MMUEXT_PIN_L1_TABLE		0
#define MMUEXT_PIN_L2_TABLE		1
#define MMUEXT_PIN_L3_TABLE		2
#define MMUEXT_PIN_L4_TABLE		3
#define MMUEXT_UNPIN_TABLE		4
#define MMUEXT_NEW_BASEPTR		5
#define MMUEXT_TLB_FLUSH_LOCAL		6
#define MMUEXT_INVLPG_LOCAL		7
#define MMUEXT_TLB_FLUSH_MULTI		8
#define MMUEXT_INVLPG_MULTI		9
#define MMUEXT_TLB_FLUSH_ALL		10
#define MMUEXT_INVLPG_ALL		11
#define MMUEXT_FLUSH_CACHE		12
#define MMUEXT_SET_LDT			13
#define MMUEXT_NEW_USER_BASEPTR		15

/**
 * struct mmu_update - one checked page-table write
 * @ptr: machine address of the entry, with the request type in bits 0-1
 * @val: the new entry (machine frame and flags)
 */
struct mmu_update {
	u64 ptr;
	u64 val;
};

/**
 * struct mmuext_op - one extended MMU operation
 * @cmd: MMUEXT_*
 * @arg1: a machine frame (pin, unpin, base pointers) or a linear address
 *	  (invlpg, set_ldt)
 * @arg2: number of LDT entries, or a vCPU mask for the *_MULTI flushes
 */
struct mmuext_op {
	unsigned int cmd;
	union {
		unsigned long mfn;
		unsigned long linear_addr;
	} arg1;
	union {
		unsigned int nr_ents;
		const void *vcpumask;
		unsigned long src_mfn;
	} arg2;
};

/*
 * Frames that are not the guest's RAM (grant table frames Xen owns) in
 * kernel virtual space, for the services.  A service reserves the
 * addresses once, where it may sleep; mapping and unmapping a frame
 * later is one hypercall and never sleeps.  The pages of such an area
 * have no struct page: the kernel reads their entries back as they are.
 */

/**
 * pv_mmu_reserve_area() - reserve kernel addresses for machine frames
 * @nr_pages: how many pages
 *
 * The page tables under the area are allocated now, so that mapping a
 * frame later needs no allocation.  The area stays reserved for good.
 *
 * Context: process context, may sleep.
 * Return: the area's start, or NULL if out of memory or address space.
 */
void *pv_mmu_reserve_area(unsigned int nr_pages);

/**
 * pv_mmu_map_frame() - map one machine frame writable at @va
 * @va: a page of an area from pv_mmu_reserve_area()
 * @mfn: the machine frame
 *
 * Context: any; does not sleep.
 * Return: 0, or Xen's negative error (e.g. the frame is not ours to map).
 */
int pv_mmu_map_frame(void *va, unsigned long mfn);

/**
 * pv_mmu_unmap_frame() - remove what pv_mmu_map_frame() mapped at @va
 * @va: the page
 *
 * Context: any; does not sleep.
 * Return: 0, or Xen's negative error.
 */
int pv_mmu_unmap_frame(void *va);

/**
 * pv_mmu_lookup_mfn() - the machine frame behind a page of the direct map
 * @va: an address in the kernel's direct map
 *
 * Return: the frame Xen knows the page by (what a PV guest puts in a
 * grant entry), or ~0UL if the page has none.
 */
unsigned long pv_mmu_lookup_mfn(const void *va);

#endif /* _PV_MMU_H */
