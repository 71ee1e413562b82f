// SPDX-License-Identifier: GPL-2.0
/*
 * blkif responses from a hostile backend.  The input is a command script:
 * the frontend queues requests of every kind and pushes them, the
 * "backend" writes arbitrary bytes into response slots and sets rsp_prod
 * to anything, and the frontend consumes.  Every accepted response must
 * match a request in flight with its operation; the first protocol
 * violation ends the run, as it disables the device.
 */
#include <pv/io/blkif.h>
#include "fuzz.h"

#define ORDER_MAX 1

static _Alignas(4096) u8 ring_mem[4096 << ORDER_MAX];
static _Alignas(4096) struct blkif_request_segment frames[2][512];
static struct pv_id_slot slots[64];
static struct blkif_request_segment segs[600];
/* Shadow of what the frontend has in flight: op + 1, or 0. */
static u8 shadow[64];

static int consume(struct pv_blkif_queue *q)
{
	struct pv_blkif_result res;
	RING_IDX prod;
	int r, n = 0;

	r = pv_front_ring_rsp_prod(&q->ring, &prod);
	if (r)
		return r;
	while ((r = pv_blkif_get_response(q, prod, &res)) == 1) {
		CHECK(res.id < 64 && shadow[res.id] == res.operation + 1);
		CHECK(res.error == 0 || res.error == -EIO ||
		      res.error == -EOPNOTSUPP);
		shadow[res.id] = 0;
		CHECK(++n <= 64);
	}
	CHECK(r == 0 || r == -EIO);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const grant_ref_t grefs[2] = { 1, 2 };
	struct blkif_request_segment *const fr[2] = { frames[0], frames[1] };
	const struct pv_blkif_indirect ind = { grefs, fr };
	struct fz f = { data, size };
	struct pv_blkif_queue q;
	unsigned int order = fz_u8(&f) % (ORDER_MAX + 1);
	u32 nr_ids = fz_u8(&f) % 64 + 1, i, in_flight;
	int steps = 0;
	u64 id;
	bool more;

	memset(ring_mem, 0, sizeof(ring_mem));
	memset(shadow, 0, sizeof(shadow));
	for (i = 0; i < 600; i++)
		segs[i] = (struct blkif_request_segment){ i, 0, 7 };
	CHECK(!pv_blkif_queue_init(&q, ring_mem, order, slots, nr_ids, 1, 600));

	while (!fz_empty(&f) && steps++ < 2000) {
		u8 cmd = fz_u8(&f);
		int r = 0;

		switch (cmd % 6) {
		case 0: {	/* queue a request */
			u8 op = fz_u8(&f) % 8, nseg = fz_u8(&f);
			u32 n = nseg % 16;

			if (nseg & 0x80)
				n = 12 + nseg % 128;
			if (op == BLKIF_OP_DISCARD)
				r = pv_blkif_queue_discard(&q, fz_u16(&f), fz_u8(&f),
							   nseg & 1, &id);
			else
				r = pv_blkif_queue_rw(&q, op, fz_u16(&f), segs, n,
						      &ind, &id);
			if (!r) {
				CHECK(id < nr_ids && !shadow[id]);
				shadow[id] = op + 1;
			} else {
				CHECK(r == -EINVAL || r == -ENOSPC);
			}
			break;
		}
		case 1:
			pv_front_ring_push(&q.ring);
			break;
		case 2: {	/* backend scribbles a response slot */
			RING_IDX idx = q.ring.rsp_cons + fz_u8(&f) % 8;

			fz_bytes(&f, pv_front_ring_slot(&q.ring, idx),
				 sizeof(struct blkif_response));
			break;
		}
		case 3:		/* backend moves rsp_prod, possibly wildly */
			q.ring.sring->rsp_prod = cmd & 0x80 ? fz_u32(&f) :
				q.ring.rsp_cons + fz_u8(&f) % 8;
			break;
		case 4:
			r = consume(&q);
			break;
		case 5:
			r = pv_front_ring_final_check(&q.ring, &more);
			CHECK(r == 0 || r == -EIO);
			break;
		}
		if (r == -EIO)
			break;		/* device disabled */
		in_flight = 0;
		for (i = 0; i < 64; i++)
			in_flight += shadow[i] != 0;
		CHECK(in_flight == q.ids.in_flight);
		CHECK(pv_front_ring_free(&q.ring) <= q.ring.nr_ents);
	}
	return 0;
}
