// SPDX-License-Identifier: GPL-2.0
/*
 * Multicall batch bookkeeping; see multicall_core.h.  No kernel
 * dependencies.
 */
#include "multicall_core.h"

void pv_mc_reset(struct pv_mc_batch *b, unsigned long mmu_update_op,
		 unsigned long domid)
{
	b->ncalls = 0;
	b->nreqs = 0;
	b->open_mmu = -1;
	b->mmu_update_op = mmu_update_op;
	b->domid = domid;
}

int pv_mc_queue_mmu_update(struct pv_mc_batch *b, u64 ptr, u64 val)
{
	struct pv_mc_entry *e;

	if (b->nreqs >= PV_MC_MAX_REQS)
		return -1;
	if (b->open_mmu < 0) {
		if (b->ncalls >= PV_MC_MAX_CALLS)
			return -1;
		b->open_mmu = b->ncalls++;
		e = &b->calls[b->open_mmu];
		e->op = b->mmu_update_op;
		e->result = 0;
		e->args[0] = (unsigned long)&b->reqs[b->nreqs];
		e->args[1] = 0;
		e->args[2] = 0;		/* no count of done requests */
		e->args[3] = b->domid;
		e->args[4] = 0;
		e->args[5] = 0;
	}
	b->reqs[b->nreqs].ptr = ptr;
	b->reqs[b->nreqs].val = val;
	b->nreqs++;
	b->calls[b->open_mmu].args[1]++;
	return 0;
}

int pv_mc_queue_call(struct pv_mc_batch *b, unsigned long op,
		     const unsigned long args[6])
{
	struct pv_mc_entry *e;
	int i;

	if (b->ncalls >= PV_MC_MAX_CALLS)
		return -1;
	b->open_mmu = -1;
	e = &b->calls[b->ncalls++];
	e->op = op;
	e->result = 0;
	for (i = 0; i < 6; i++)
		e->args[i] = args[i];
	return 0;
}

int pv_mc_first_failure(const struct pv_mc_batch *b)
{
	unsigned int i;

	for (i = 0; i < b->ncalls; i++)
		if (b->calls[i].result)
			return i;
	return -1;
}
