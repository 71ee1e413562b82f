// SPDX-License-Identifier: GPL-2.0
/*
 * blkif core against a scripted backend on the same ring page: request
 * layouts, indirect requests, full ring, and every response check (id out
 * of range, duplicate, never issued, wrong operation, unknown status).
 */
#include <pv/io/blkif.h>
#include "harness.h"
#include "trash_copies.h"

static _Alignas(4096) u8 ring_mem[4096 << 4];
static _Alignas(4096) struct blkif_request_segment ind_frames[2][512];
static struct pv_id_slot slots[512];
static struct pv_blkif_queue q;
static struct pv_back_ring back;

static void setup(u32 nr_ids, u32 max_indirect)
{
	memset(ring_mem, 0, sizeof(ring_mem));
	pv_blkif_queue_init(&q, ring_mem, 0, slots, nr_ids, 0x300,
			    max_indirect);
	pv_back_ring_attach(&back, ring_mem, 4096,
			    sizeof(union blkif_sring_entry), 0);
}

/* Backend takes one request into @req; 0 if there is none. */
static int backend_take(union blkif_sring_entry *req)
{
	RING_IDX prod;

	if (pv_back_ring_req_prod(&back, &prod))
		return -1;
	return pv_back_ring_take_req(&back, prod, req, sizeof(*req));
}

/* Backend answers with arbitrary values (a response slot is always free). */
static void backend_respond(u64 id, u8 op, s16 status)
{
	struct blkif_response *r = pv_back_ring_next_rsp(&back);

	if (!r) {
		/* A hostile backend writes responses it owes nothing for. */
		r = (void *)(ring_mem + 64 +
			     (back.rsp_prod_pvt & 31) * sizeof(union blkif_sring_entry));
		back.rsp_prod_pvt++;
	}
	r->id = id;
	r->operation = op;
	r->status = status;
	pv_back_ring_push(&back);
}

static int front_get(struct pv_blkif_result *res)
{
	RING_IDX prod;
	int err = pv_front_ring_rsp_prod(&q.ring, &prod);

	return err ? err : pv_blkif_get_response(&q, prod, res);
}

static const struct blkif_request_segment segs3[3] = {
	{ 10, 0, 7 }, { 11, 0, 7 }, { 12, 2, 3 },
};

static void blkif_ring_sizes(void)
{
	CHECK_EQ(sizeof(union blkif_sring_entry), 112);
	CHECK_EQ(pv_blkif_ring_size(0), 32);
	CHECK_EQ(pv_blkif_ring_size(1), 64);
	CHECK_EQ(pv_blkif_ring_size(4), 512);
	CHECK_EQ(pv_blkif_ring_size(5), 0);
	CHECK_EQ(PV_BLKIF_SEGS_PER_INDIRECT_FRAME, 512);
	CHECK_EQ(pv_blkif_queue_init(&q, ring_mem, 5, slots, 32, 0, 0), -EINVAL);
	CHECK_EQ(pv_blkif_queue_init(&q, ring_mem, 4, slots, 512, 0, 0), 0);
	CHECK_EQ(q.ring.nr_ents, 512);
	CHECK_EQ(pv_blkif_queue_init(&q, ring_mem, 0, slots, 32, 0, 4097),
		 -EINVAL);
}

static void blkif_read_roundtrip(void)
{
	union blkif_sring_entry req;
	struct pv_blkif_result res;
	u64 id;

	setup(32, 0);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 2048, segs3, 3, NULL, &id), 0);
	CHECK(pv_front_ring_push(&q.ring));
	CHECK_EQ(backend_take(&req), 1);
	CHECK_EQ(req.req.operation, BLKIF_OP_READ);
	CHECK_EQ(req.req.nr_segments, 3);
	CHECK_EQ(req.req.handle, 0x300);
	CHECK_EQ(req.req.id, id);
	CHECK_EQ(req.req.sector_number, 2048);
	CHECK_EQ(req.req.seg[2].gref, 12);
	CHECK_EQ(req.req.seg[2].first_sect, 2);
	CHECK_EQ(req.req.seg[2].last_sect, 3);
	CHECK_EQ(q.ids.in_flight, 1);
	backend_respond(id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), 1);
	CHECK_EQ(res.id, id);
	CHECK_EQ(res.operation, BLKIF_OP_READ);
	CHECK_EQ(res.error, 0);
	CHECK_EQ(q.ids.in_flight, 0);
	CHECK_EQ(front_get(&res), 0);
}

/*
 * A response is copied once and only the copy is used: with the slot
 * overwritten right after its copy, the result is still what the backend
 * published and the right id is completed.
 */
static void blkif_no_double_fetch(void)
{
	union blkif_sring_entry req;
	struct pv_blkif_result res;
	u64 id;
	int r;

	setup(32, 0);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_WRITE, 8, segs3, 3, NULL, &id), 0);
	pv_front_ring_push(&q.ring);
	CHECK_EQ(backend_take(&req), 1);
	backend_respond(id, BLKIF_OP_WRITE, BLKIF_RSP_EOPNOTSUPP);
	trash_copies(true);
	r = front_get(&res);
	CHECK_EQ(trashed_copies, 1);
	trash_copies(false);
	CHECK_EQ(r, 1);
	CHECK_EQ(res.id, id);
	CHECK_EQ(res.operation, BLKIF_OP_WRITE);
	CHECK_EQ(res.status, BLKIF_RSP_EOPNOTSUPP);
	CHECK_EQ(res.error, -EOPNOTSUPP);
	CHECK_EQ(q.ids.in_flight, 0);
}

static void blkif_error_statuses(void)
{
	struct pv_blkif_result res;
	u64 a, b;

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_WRITE, 0, segs3, 1, NULL, &a);
	pv_blkif_queue_rw(&q, BLKIF_OP_FLUSH_DISKCACHE, 0, NULL, 0, NULL, &b);
	pv_front_ring_push(&q.ring);
	CHECK_EQ(backend_take(&(union blkif_sring_entry){ 0 }), 1);
	CHECK_EQ(backend_take(&(union blkif_sring_entry){ 0 }), 1);
	backend_respond(a, BLKIF_OP_WRITE, BLKIF_RSP_ERROR);
	backend_respond(b, BLKIF_OP_FLUSH_DISKCACHE, BLKIF_RSP_EOPNOTSUPP);
	CHECK_EQ(front_get(&res), 1);
	CHECK_EQ(res.error, -EIO);
	CHECK_EQ(front_get(&res), 1);
	CHECK_EQ(res.error, -EOPNOTSUPP);
	CHECK_EQ(res.operation, BLKIF_OP_FLUSH_DISKCACHE);
}

static void blkif_out_of_range_id(void)
{
	struct pv_blkif_result res;
	u64 id;

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &id);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(32, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), -EIO);

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &id);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	/* The high half must not be dropped on the way to the tracker. */
	backend_respond(1ull << 32 | id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), -EIO);
	CHECK_EQ(q.ids.in_flight, 1);
}

static void blkif_duplicate_response(void)
{
	struct pv_blkif_result res;
	u64 a, b;

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &a);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 8, segs3, 1, NULL, &b);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	backend_respond(a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), 1);
	CHECK_EQ(front_get(&res), -EIO);
	CHECK_EQ(q.ids.in_flight, 1);
}

static void blkif_never_issued_and_extra(void)
{
	struct pv_blkif_result res;
	RING_IDX prod;
	u64 a;

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &a);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(a + 1, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), -EIO);

	/* More responses than requests: refused at the index. */
	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &a);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	backend_respond(a, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(pv_front_ring_rsp_prod(&q.ring, &prod), -EIO);
}

static void blkif_wrong_op_and_status(void)
{
	struct pv_blkif_result res;
	u64 a;

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &a);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(a, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), -EIO);

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &a);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(a, BLKIF_OP_READ, 1);
	CHECK_EQ(front_get(&res), -EIO);

	setup(32, 0);
	pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &a);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(a, BLKIF_OP_READ, -3);
	CHECK_EQ(front_get(&res), -EIO);
}

static void blkif_bad_requests(void)
{
	struct blkif_request_segment bad[12];
	u64 id;

	setup(32, 0);
	memset(bad, 0, sizeof(bad));
	bad[0].first_sect = 3;
	bad[0].last_sect = 2;
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, bad, 1, NULL, &id), -EINVAL);
	bad[0].first_sect = 0;
	bad[0].last_sect = 8;
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_WRITE, 0, bad, 1, NULL, &id), -EINVAL);
	bad[0].last_sect = 7;
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, bad, 0, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, NULL, 1, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, bad, 12, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_RESERVED_1, 0, bad, 1, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_DISCARD, 0, bad, 1, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_INDIRECT, 0, bad, 1, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_WRITE_BARRIER, 0, bad, 12, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_discard(&q, 0, 0, false, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_discard(&q, ~0ull, 2, false, &id), -EINVAL);
	/* Nothing reached the ring or the tracker. */
	CHECK_EQ(q.ring.req_prod_pvt, 0);
	CHECK_EQ(q.ids.in_flight, 0);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_WRITE_BARRIER, 0, bad, 11, NULL, &id), 0);
}

static void blkif_indirect(void)
{
	static struct blkif_request_segment segs[600];
	static const grant_ref_t grefs[2] = { 900, 901 };
	struct blkif_request_segment *const frames[2] = {
		ind_frames[0], ind_frames[1]
	};
	const struct pv_blkif_indirect ind = { grefs, frames };
	union blkif_sring_entry req;
	struct blkif_request_indirect ri;
	struct pv_blkif_result res;
	u64 id;
	int i;

	for (i = 0; i < 600; i++) {
		segs[i].gref = 1000 + i;
		segs[i].first_sect = 0;
		segs[i].last_sect = 7;
	}
	setup(32, 1024);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_WRITE, 64, segs, 600, NULL, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_FLUSH_DISKCACHE, 64, segs, 600, &ind, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_WRITE, 64, segs, 600, &ind, &id), 0);
	pv_front_ring_push(&q.ring);
	CHECK_EQ(backend_take(&req), 1);
	memcpy(&ri, &req, sizeof(ri));
	CHECK_EQ(ri.operation, BLKIF_OP_INDIRECT);
	CHECK_EQ(ri.indirect_op, BLKIF_OP_WRITE);
	CHECK_EQ(ri.nr_segments, 600);
	CHECK_EQ(ri.id, id);
	CHECK_EQ(ri.sector_number, 64);
	CHECK_EQ(ri.handle, 0x300);
	CHECK_EQ(ri.indirect_grefs[0], 900);
	CHECK_EQ(ri.indirect_grefs[1], 901);
	CHECK_EQ(ri.indirect_grefs[2], 0);
	CHECK_EQ(ind_frames[0][0].gref, 1000);
	CHECK_EQ(ind_frames[0][511].gref, 1511);
	CHECK_EQ(ind_frames[1][87].gref, 1599);
	/* The response carries the data operation, not BLKIF_OP_INDIRECT. */
	backend_respond(id, BLKIF_OP_INDIRECT, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), -EIO);

	setup(32, 1024);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 64, segs, 12, &ind, &id), 0);
	pv_front_ring_push(&q.ring);
	backend_take(&req);
	backend_respond(id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), 1);

	/* Above the negotiated limit. */
	setup(32, 100);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs, 101, &ind, &id), -EINVAL);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs, 100, &ind, &id), 0);
}

static void blkif_discard(void)
{
	union blkif_sring_entry req;
	struct blkif_request_discard rd;
	struct pv_blkif_result res;
	u64 id;

	setup(32, 0);
	CHECK_EQ(pv_blkif_queue_discard(&q, 4096, 8192, true, &id), 0);
	pv_front_ring_push(&q.ring);
	backend_take(&req);
	memcpy(&rd, &req, sizeof(rd));
	CHECK_EQ(rd.operation, BLKIF_OP_DISCARD);
	CHECK_EQ(rd.flag, BLKIF_DISCARD_SECURE);
	CHECK_EQ(rd.handle, 0x300);
	CHECK_EQ(rd.sector_number, 4096);
	CHECK_EQ(rd.nr_sectors, 8192);
	backend_respond(id, BLKIF_OP_DISCARD, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), 1);
	CHECK_EQ(res.operation, BLKIF_OP_DISCARD);
}

static void blkif_full_ring(void)
{
	struct pv_blkif_result res;
	u64 id, first = 0;
	int i;

	setup(32, 0);
	for (i = 0; i < 32; i++) {
		CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, (u64)i, segs3, 1, NULL, &id), 0);
		if (!i)
			first = id;
	}
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &id), -ENOSPC);
	CHECK_EQ(q.ids.in_flight, 32);
	pv_front_ring_push(&q.ring);
	backend_take(&(union blkif_sring_entry){ 0 });
	backend_respond(first, BLKIF_OP_READ, BLKIF_RSP_OKAY);
	CHECK_EQ(front_get(&res), 1);
	CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &id), 0);

	/* Fewer ids than slots: ids run out first, the ring is untouched. */
	setup(4, 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, 0, segs3, 1, NULL, &id), 0);
	CHECK_EQ(pv_blkif_queue_discard(&q, 0, 1, false, &id), -ENOSPC);
	CHECK_EQ(q.ring.req_prod_pvt, 4);
}

static void blkif_wrap(void)
{
	union blkif_sring_entry req;
	struct pv_blkif_result res;
	RING_IDX start = 0xfffffff0u;
	int round, i;
	u64 id;

	setup(32, 0);
	q.ring.sring->req_prod = q.ring.sring->rsp_prod = start;
	q.ring.req_prod_pvt = q.ring.req_pushed = q.ring.rsp_cons = start;
	back.req_cons = back.rsp_prod_pvt = back.rsp_pushed = start;
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 32; i++)
			CHECK_EQ(pv_blkif_queue_rw(&q, BLKIF_OP_READ, (u64)i, segs3, 3, NULL, &id), 0);
		pv_front_ring_push(&q.ring);
		while (backend_take(&req) == 1)
			backend_respond(req.req.id, req.req.operation, 0);
		for (i = 0; i < 32; i++)
			CHECK_EQ(front_get(&res), 1);
		CHECK_EQ(front_get(&res), 0);
		CHECK_EQ(q.ids.in_flight, 0);
	}
	CHECK_EQ(q.ring.rsp_cons, start + 96);
}

static void blkif_features(void)
{
	struct pv_blkif_features f;
	struct pv_blkif_choice c;
	u8 op;

	pv_blkif_features_init(&f);
	CHECK_EQ(f.sector_size, 512);
	CHECK_EQ(pv_blkif_flush_op(&f, &op), -EOPNOTSUPP);
	CHECK_EQ(pv_blkif_feature(&f, "sectors", "20971520", 8), 0);
	CHECK_EQ(f.sectors, 20971520);
	CHECK_EQ(pv_blkif_feature(&f, "feature-flush-cache", "1", 2), 0);
	CHECK(f.flush);
	CHECK_EQ(pv_blkif_flush_op(&f, &op), 0);
	CHECK_EQ(op, BLKIF_OP_FLUSH_DISKCACHE);
	/* Both offered: the flush, which does not drain in-flight I/O. */
	CHECK_EQ(pv_blkif_feature(&f, "feature-barrier", "1", 1), 0);
	CHECK_EQ(pv_blkif_flush_op(&f, &op), 0);
	CHECK_EQ(op, BLKIF_OP_FLUSH_DISKCACHE);
	/* A barrier only when it is all the backend offers. */
	CHECK_EQ(pv_blkif_feature(&f, "feature-flush-cache", "0", 1), 0);
	CHECK_EQ(pv_blkif_flush_op(&f, &op), 0);
	CHECK_EQ(op, BLKIF_OP_WRITE_BARRIER);
	CHECK_EQ(pv_blkif_feature(&f, "feature-discard", "0", 1), 0);
	CHECK(!f.discard);
	CHECK_EQ(pv_blkif_feature(&f, "sector-size", "4096", 4), 0);
	CHECK_EQ(pv_blkif_feature(&f, "sector-size", "4095", 4), -EINVAL);
	CHECK_EQ(pv_blkif_feature(&f, "sector-size", "256", 3), -EINVAL);
	CHECK_EQ(pv_blkif_feature(&f, "sector-size", "8192", 4), -EINVAL);
	CHECK_EQ(f.sector_size, 4096);
	CHECK_EQ(pv_blkif_feature(&f, "info", "x", 1), -EINVAL);
	CHECK_EQ(pv_blkif_feature(&f, "info", "4294967296", 10), -EINVAL);
	CHECK_EQ(pv_blkif_feature(&f, "mode", "w", 1), -ENOENT);
	CHECK_EQ(pv_blkif_feature(&f, "feature-max-indirect-segments", "256", 3), 0);
	CHECK_EQ(pv_blkif_feature(&f, "multi-queue-max-queues", "8", 1), 0);
	CHECK_EQ(pv_blkif_feature(&f, "max-ring-page-order", "9", 1), 0);
	pv_blkif_negotiate(&f, 2, 3, 128, &c);
	CHECK_EQ(c.nr_queues, 2);
	CHECK_EQ(c.ring_order, 3);
	CHECK_EQ(c.indirect_segs, 128);
	pv_blkif_negotiate(&f, 0, 9, 9999, &c);
	CHECK_EQ(c.nr_queues, 1);
	CHECK_EQ(c.ring_order, PV_BLKIF_MAX_RING_ORDER);
	CHECK_EQ(c.indirect_segs, 256);
	f.max_indirect_segs = 11;
	f.max_queues = 0;
	pv_blkif_negotiate(&f, 4, 0, 4096, &c);
	CHECK_EQ(c.indirect_segs, 0);
	CHECK_EQ(c.nr_queues, 1);
}

const struct pv_test pv_tests[] = {
	TEST(blkif_ring_sizes),
	TEST(blkif_read_roundtrip),
	TEST(blkif_no_double_fetch),
	TEST(blkif_error_statuses),
	TEST(blkif_out_of_range_id),
	TEST(blkif_duplicate_response),
	TEST(blkif_never_issued_and_extra),
	TEST(blkif_wrong_op_and_status),
	TEST(blkif_bad_requests),
	TEST(blkif_indirect),
	TEST(blkif_discard),
	TEST(blkif_full_ring),
	TEST(blkif_wrap),
	TEST(blkif_features),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
