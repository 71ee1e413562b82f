/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bookkeeping of a multicall batch: page-table writes and other
 * hypercalls queued while the kernel is in lazy MMU mode and issued
 * together with one multicall.  OS-independent: unit-tested in user
 * space (tests/unit/arch).
 *
 * Consecutive page-table writes share one mmu_update entry of the batch
 * (mmu_update takes an array), so a typical run of set_pte() calls costs
 * one entry however long it is.
 */
#ifndef _ARCH_X86_PV_MULTICALL_CORE_H
#define _ARCH_X86_PV_MULTICALL_CORE_H

#include "core_types.h"

#define PV_MC_MAX_CALLS		32
#define PV_MC_MAX_REQS		128

/* Xen's multicall_entry for a 64-bit guest. */
struct pv_mc_entry {
	unsigned long op;
	long result;
	unsigned long args[6];
};

/* Xen's mmu_update request. */
struct pv_mc_mmu_req {
	u64 ptr;
	u64 val;
};

/**
 * struct pv_mc_batch - a batch being filled
 * @calls: the multicall list
 * @ncalls: entries used in @calls
 * @reqs: page-table writes the mmu_update entries point into
 * @nreqs: entries used in @reqs
 * @open_mmu: index of the mmu_update entry still collecting writes, or -1
 * @mmu_update_op: the hypercall number of mmu_update
 * @domid: the domain argument of mmu_update (DOMID_SELF)
 */
struct pv_mc_batch {
	struct pv_mc_entry calls[PV_MC_MAX_CALLS];
	unsigned int ncalls;
	struct pv_mc_mmu_req reqs[PV_MC_MAX_REQS];
	unsigned int nreqs;
	int open_mmu;
	unsigned long mmu_update_op;
	unsigned long domid;
};

/**
 * pv_mc_reset() - empty a batch
 * @b: the batch
 * @mmu_update_op: hypercall number of mmu_update
 * @domid: domain argument of mmu_update
 */
void pv_mc_reset(struct pv_mc_batch *b, unsigned long mmu_update_op,
		 unsigned long domid);

/**
 * pv_mc_queue_mmu_update() - queue one page-table write
 * @b: the batch
 * @ptr: machine address of the entry, with the request type
 * @val: the new entry
 *
 * Return: 0, or -1 if the batch is full (issue it, then queue again).
 */
int pv_mc_queue_mmu_update(struct pv_mc_batch *b, u64 ptr, u64 val);

/**
 * pv_mc_queue_call() - queue any other hypercall
 * @b: the batch
 * @op: hypercall number
 * @args: its six arguments (unused ones 0)
 *
 * Closes the open mmu_update entry: later writes start a new one, so
 * the order of writes and calls is kept.
 *
 * Return: 0, or -1 if the batch is full.
 */
int pv_mc_queue_call(struct pv_mc_batch *b, unsigned long op,
		     const unsigned long args[6]);

/**
 * pv_mc_first_failure() - find the first call of an issued batch that failed
 * @b: the batch, after the multicall filled in the results
 *
 * Return: its index, or -1 if every call succeeded.
 */
int pv_mc_first_failure(const struct pv_mc_batch *b);

#endif /* _ARCH_X86_PV_MULTICALL_CORE_H */
