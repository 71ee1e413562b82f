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

#endif /* _PV_MMU_H */
