// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the multicall batch bookkeeping: page-table writes
 * coalesce into one mmu_update entry until another call intervenes,
 * order is kept, full batches are refused, results are checked.
 */
#include <stdio.h>
#include "multicall_core.h"
#include "check.h"

#define MMU_UPDATE	1
#define MMUEXT_OP	26
#define SELF		0x7ff0

static struct pv_mc_batch b;

int main(void)
{
	static const unsigned long ext[6] = { 0x1000, 1, 0, SELF, 0, 0 };
	const struct pv_mc_mmu_req *r;
	unsigned int i;
	int rc;

	pv_mc_reset(&b, MMU_UPDATE, SELF);
	for (i = 0; i < 3; i++)
		CHECK(pv_mc_queue_mmu_update(&b, 0x1000 + 8 * i, i) == 0,
		      "write %u refused", i);
	CHECK(b.ncalls == 1, "3 writes made %u calls", b.ncalls);
	CHECK(b.calls[0].op == MMU_UPDATE && b.calls[0].args[1] == 3 &&
	      b.calls[0].args[3] == SELF, "mmu_update entry wrong");
	r = (const struct pv_mc_mmu_req *)b.calls[0].args[0];
	CHECK(r == &b.reqs[0] && r[2].ptr == 0x1010 && r[2].val == 2,
	      "requests not where the entry points");

	/* Another call closes the run: the next write opens a new entry. */
	CHECK(pv_mc_queue_call(&b, MMUEXT_OP, ext) == 0, "call refused");
	CHECK(pv_mc_queue_mmu_update(&b, 0x2000, 7) == 0, "write refused");
	CHECK(b.ncalls == 3, "order not kept: %u calls", b.ncalls);
	CHECK(b.calls[1].op == MMUEXT_OP && b.calls[1].args[0] == 0x1000,
	      "call entry wrong");
	r = (const struct pv_mc_mmu_req *)b.calls[2].args[0];
	CHECK(b.calls[2].args[1] == 1 && r == &b.reqs[3] && r->val == 7,
	      "second mmu_update entry wrong");

	/* Results: Xen fills them in; the first failure is found. */
	CHECK(pv_mc_first_failure(&b) == -1, "success reported as failure");
	b.calls[1].result = -22;
	b.calls[2].result = -1;
	CHECK(pv_mc_first_failure(&b) == 1, "first failure not found");

	/* Request space runs out: refused, nothing written past the end. */
	pv_mc_reset(&b, MMU_UPDATE, SELF);
	for (i = 0; i < PV_MC_MAX_REQS; i++)
		if (pv_mc_queue_mmu_update(&b, i * 8, i))
			break;
	CHECK(i == PV_MC_MAX_REQS, "only %u of %d writes fit", i, PV_MC_MAX_REQS);
	CHECK(pv_mc_queue_mmu_update(&b, 0, 0) == -1, "overfull batch accepted");
	CHECK(b.calls[0].args[1] == PV_MC_MAX_REQS, "count %lu",
	      b.calls[0].args[1]);

	/* Call space runs out, also for a write that needs a new entry. */
	pv_mc_reset(&b, MMU_UPDATE, SELF);
	for (i = 0; i < PV_MC_MAX_CALLS; i++)
		if (pv_mc_queue_call(&b, MMUEXT_OP, ext))
			break;
	CHECK(i == PV_MC_MAX_CALLS, "only %u calls fit", i);
	CHECK(pv_mc_queue_call(&b, MMUEXT_OP, ext) == -1, "call past the end");
	rc = pv_mc_queue_mmu_update(&b, 0, 0);
	CHECK(rc == -1 && b.nreqs == 0, "write without an entry accepted");

	if (fails) {
		printf("%d check(s) failed\n", fails);
		return 1;
	}
	return 0;
}
