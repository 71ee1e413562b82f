// SPDX-License-Identifier: GPL-2.0
/*
 * netif receive responses from a hostile backend, as a command script:
 * the frontend posts buffers and pushes, the "backend" writes arbitrary
 * response and extra-info slots and rsp_prod, the frontend assembles
 * packets.  An accepted packet must only name posted slots, with data
 * inside the frame and a consistent length.
 */
#include <pv/io/netif.h>
#include "fuzz.h"

static _Alignas(4096) u8 ring_mem[4096];
static struct pv_netif_rx_pkt pkt;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	struct pv_netif_rx_queue q;
	int steps = 0;
	u32 i;
	bool more;

	memset(ring_mem, 0, sizeof(ring_mem));
	CHECK(!pv_netif_rx_init(&q, ring_mem));

	while (!fz_empty(&f) && steps++ < 2000) {
		u8 cmd = fz_u8(&f);
		RING_IDX prod, cons;
		u16 id;
		int r = 0;

		switch (cmd % 6) {
		case 0: {
			u32 n = fz_u8(&f);

			for (i = 0; i < n; i++) {
				r = pv_netif_rx_post(&q, i, &id);
				if (r) {
					CHECK(r == -ENOSPC && !pv_front_ring_free(&q.ring));
					break;
				}
				CHECK(id == ((q.ring.req_prod_pvt - 1) & 255));
			}
			r = 0;
			break;
		}
		case 1:
			pv_front_ring_push(&q.ring);
			break;
		case 2:
			fz_bytes(&f, pv_front_ring_slot(&q.ring, q.ring.rsp_cons +
							fz_u8(&f) % 32),
				 sizeof(struct netif_rx_response));
			break;
		case 3:
			q.ring.sring->rsp_prod = cmd & 0x80 ? fz_u32(&f) :
				q.ring.rsp_cons + fz_u8(&f) % 32;
			break;
		case 4:
			r = pv_front_ring_rsp_prod(&q.ring, &prod);
			if (r)
				break;
			for (;;) {
				u32 len = 0;

				cons = q.ring.rsp_cons;
				r = pv_netif_rx_get_packet(&q, prod, &pkt);
				if (r != 1)
					break;
				CHECK(pkt.nr_slots >= 1 &&
				      pkt.nr_slots <= PV_NETIF_MAX_SLOTS);
				CHECK(q.ring.rsp_cons - cons == pkt.nr_slots);
				CHECK(!pkt.slots[0].extra);
				for (i = 0; i < pkt.nr_slots; i++) {
					const struct pv_netif_rx_slot *s = &pkt.slots[i];

					CHECK(s->id == ((cons + i) & 255));
					CHECK(s->offset + s->size <= 4096);
					len += s->size;
				}
				CHECK(len == pkt.len);
				CHECK(pkt.error == 0 || pkt.error == -EIO);
				CHECK(pkt.gso_type <= XEN_NETIF_GSO_TYPE_TCPV6);
			}
			/* 0 means nothing is left: the final check re-arms. */
			if (!r)
				CHECK(q.ring.rsp_cons == cons && cons == prod);
			CHECK(r == 0 || r == -EIO);
			break;
		case 5:
			r = pv_front_ring_final_check(&q.ring, &more);
			break;
		}
		if (r == -EIO)
			break;
		CHECK(r == 0);
		CHECK(pv_front_ring_free(&q.ring) <= 256);
	}
	return 0;
}
