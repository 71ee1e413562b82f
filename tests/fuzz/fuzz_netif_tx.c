// SPDX-License-Identifier: GPL-2.0
/*
 * netif transmit responses from a hostile backend, as a command script:
 * the frontend queues packets (fragments, GSO extra slots) and pushes, the
 * "backend" writes arbitrary response slots and rsp_prod, the frontend
 * consumes.  Accepted completions must name a fragment in flight.
 */
#include <pv/io/netif.h>
#include "fuzz.h"

static _Alignas(4096) u8 ring_mem[4096];
static struct pv_id_slot slots[256];
static u8 shadow[256];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	struct pv_netif_tx_queue q;
	struct pv_netif_tx_frag frags[20];
	struct pv_netif_tx_result res;
	u32 nr_ids = fz_u8(&f) + 1u, i, in_flight;
	int steps = 0;
	bool more;

	memset(ring_mem, 0, sizeof(ring_mem));
	memset(shadow, 0, sizeof(shadow));
	CHECK(!pv_netif_tx_init(&q, ring_mem, slots, nr_ids));

	while (!fz_empty(&f) && steps++ < 2000) {
		u8 cmd = fz_u8(&f);
		RING_IDX prod;
		int r = 0;

		switch (cmd % 6) {
		case 0: {
			struct pv_netif_tx_pkt pkt = { frags, fz_u8(&f) % 20 };
			u16 ids[20];

			for (i = 0; i < pkt.nr_frags; i++) {
				frags[i].gref = i;
				frags[i].offset = fz_u16(&f) % 4200;
				frags[i].size = fz_u16(&f) % 4200;
			}
			pkt.flags = fz_u8(&f) % 8;
			pkt.gso_type = fz_u8(&f) % 4;
			pkt.gso_size = fz_u16(&f);
			r = pv_netif_tx_queue_pkt(&q, &pkt, ids);
			if (!r) {
				for (i = 0; i < pkt.nr_frags; i++) {
					CHECK(ids[i] < nr_ids && !shadow[ids[i]]);
					shadow[ids[i]] = 1;
				}
			} else {
				CHECK(r == -EINVAL || r == -ENOSPC);
				r = 0;
			}
			break;
		}
		case 1:
			pv_front_ring_push(&q.ring);
			break;
		case 2:
			fz_bytes(&f, pv_front_ring_slot(&q.ring, q.ring.rsp_cons +
							fz_u8(&f) % 8),
				 sizeof(struct netif_tx_response));
			break;
		case 3:
			q.ring.sring->rsp_prod = cmd & 0x80 ? fz_u32(&f) :
				q.ring.rsp_cons + fz_u8(&f) % 8;
			break;
		case 4:
			r = pv_front_ring_rsp_prod(&q.ring, &prod);
			if (r)
				break;
			while ((r = pv_netif_tx_get_response(&q, prod, &res)) == 1) {
				CHECK(res.id < nr_ids && shadow[res.id]);
				CHECK(res.status == NETIF_RSP_OKAY ||
				      res.status == NETIF_RSP_ERROR ||
				      res.status == NETIF_RSP_DROPPED);
				shadow[res.id] = 0;
			}
			CHECK(r == 0 || r == -EIO);
			break;
		case 5:
			r = pv_front_ring_final_check(&q.ring, &more);
			break;
		}
		if (r == -EIO)
			break;
		CHECK(r == 0);
		in_flight = 0;
		for (i = 0; i < 256; i++)
			in_flight += shadow[i];
		CHECK(in_flight == q.ids.in_flight);
	}
	return 0;
}
