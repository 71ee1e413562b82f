// SPDX-License-Identifier: GPL-2.0
/*
 * netif core against a scripted backend: transmit layout with GSO
 * extra-info, NULL responses, id checks; receive posting, multi-slot and
 * GSO packets, packets cut off at rsp_prod, every receive response check,
 * and no double fetch of a response.
 */
#include <pv/io/netif.h>
#include "harness.h"
#include "trash_copies.h"

static _Alignas(4096) u8 tx_mem[4096], rx_mem[4096];
static struct pv_id_slot tx_slots[256];
static struct pv_netif_tx_queue txq;
static struct pv_netif_rx_queue rxq;
static struct pv_back_ring txb, rxb;

static void setup(u32 nr_ids)
{
	memset(tx_mem, 0, sizeof(tx_mem));
	memset(rx_mem, 0, sizeof(rx_mem));
	pv_netif_tx_init(&txq, tx_mem, tx_slots, nr_ids);
	pv_netif_rx_init(&rxq, rx_mem);
	pv_back_ring_attach(&txb, tx_mem, 4096,
			    sizeof(union netif_tx_sring_entry), 0);
	pv_back_ring_attach(&rxb, rx_mem, 4096,
			    sizeof(union netif_rx_sring_entry), 0);
}

static int tx_take(union netif_tx_sring_entry *e)
{
	RING_IDX prod;

	if (pv_back_ring_req_prod(&txb, &prod))
		return -1;
	return pv_back_ring_take_req(&txb, prod, e, sizeof(*e));
}

static void tx_respond(u16 id, s16 status)
{
	struct netif_tx_response *r = pv_back_ring_next_rsp(&txb);

	r->id = id;
	r->status = status;
	pv_back_ring_push(&txb);
}

static int tx_get(struct pv_netif_tx_result *res)
{
	RING_IDX prod;
	int err = pv_front_ring_rsp_prod(&txq.ring, &prod);

	return err ? err : pv_netif_tx_get_response(&txq, prod, res);
}

static const struct pv_netif_tx_frag frags3[3] = {
	{ 50, 100, 1000 }, { 51, 0, 4096 }, { 52, 4000, 96 },
};

static void netif_sizes(void)
{
	CHECK_EQ(sizeof(union netif_tx_sring_entry), 12);
	CHECK_EQ(sizeof(union netif_rx_sring_entry), 8);
	CHECK_EQ(sizeof(struct netif_extra_info), 8);
	CHECK_EQ(PV_NETIF_TX_RING_SIZE, 256);
	CHECK_EQ(PV_NETIF_RX_RING_SIZE, 256);
	CHECK_EQ(pv_netif_tx_init(&txq, tx_mem, tx_slots, 0x10001), -EINVAL);
}

static void netif_tx_simple(void)
{
	const struct pv_netif_tx_pkt pkt = { frags3, 1, NETTXF_data_validated };
	union netif_tx_sring_entry e;
	struct pv_netif_tx_result res;
	u16 ids[1];

	setup(256);
	CHECK_EQ(pv_netif_tx_slots_needed(&pkt), 1);
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), 0);
	CHECK(pv_front_ring_push(&txq.ring));
	CHECK_EQ(tx_take(&e), 1);
	CHECK_EQ(e.req.gref, 50);
	CHECK_EQ(e.req.offset, 100);
	CHECK_EQ(e.req.size, 1000);
	CHECK_EQ(e.req.flags, NETTXF_data_validated);
	CHECK_EQ(e.req.id, ids[0]);
	tx_respond(ids[0], NETIF_RSP_OKAY);
	CHECK_EQ(tx_get(&res), 1);
	CHECK_EQ(res.id, ids[0]);
	CHECK_EQ(res.status, NETIF_RSP_OKAY);
	CHECK_EQ(tx_get(&res), 0);
	CHECK_EQ(txq.ids.in_flight, 0);
}

static void netif_tx_gso_sg(void)
{
	const struct pv_netif_tx_pkt pkt = {
		frags3, 3, NETTXF_csum_blank | NETTXF_data_validated,
		XEN_NETIF_GSO_TYPE_TCPV4, 1448
	};
	union netif_tx_sring_entry e;
	struct netif_extra_info x;
	struct pv_netif_tx_result res;
	u16 ids[3];

	setup(256);
	CHECK_EQ(pv_netif_tx_slots_needed(&pkt), 4);
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), 0);
	pv_front_ring_push(&txq.ring);
	CHECK_EQ(tx_take(&e), 1);
	CHECK_EQ(e.req.size, 1000 + 4096 + 96);
	CHECK_EQ(e.req.flags, NETTXF_csum_blank | NETTXF_data_validated |
			      NETTXF_more_data | NETTXF_extra_info);
	CHECK_EQ(e.req.id, ids[0]);
	CHECK_EQ(tx_take(&e), 1);
	memcpy(&x, &e, sizeof(x));
	CHECK_EQ(x.type, XEN_NETIF_EXTRA_TYPE_GSO);
	CHECK_EQ(x.flags, 0);
	CHECK_EQ(x.u.gso.size, 1448);
	CHECK_EQ(x.u.gso.type, XEN_NETIF_GSO_TYPE_TCPV4);
	CHECK_EQ(tx_take(&e), 1);
	CHECK_EQ(e.req.size, 4096);
	CHECK_EQ(e.req.flags, NETTXF_more_data);
	CHECK_EQ(e.req.id, ids[1]);
	CHECK_EQ(tx_take(&e), 1);
	CHECK_EQ(e.req.size, 96);
	CHECK_EQ(e.req.offset, 4000);
	CHECK_EQ(e.req.flags, 0);
	CHECK_EQ(e.req.id, ids[2]);
	CHECK_EQ(tx_take(&e), 0);
	tx_respond(ids[0], NETIF_RSP_OKAY);
	tx_respond(0xbeef, NETIF_RSP_NULL);	/* id of a NULL is meaningless */
	tx_respond(ids[1], NETIF_RSP_OKAY);
	tx_respond(ids[2], NETIF_RSP_DROPPED);
	CHECK_EQ(tx_get(&res), 1);
	CHECK_EQ(res.id, ids[0]);
	CHECK_EQ(tx_get(&res), 1);
	CHECK_EQ(res.id, ids[1]);
	CHECK_EQ(tx_get(&res), 1);
	CHECK_EQ(res.status, NETIF_RSP_DROPPED);
	CHECK_EQ(tx_get(&res), 0);
	CHECK_EQ(txq.ids.in_flight, 0);
}

static void netif_tx_bad_packets(void)
{
	struct pv_netif_tx_frag f[19];
	struct pv_netif_tx_pkt pkt = { f, 1, 0 };
	u16 ids[19];
	int i;

	setup(256);
	for (i = 0; i < 19; i++)
		f[i] = (struct pv_netif_tx_frag){ 1, 0, 100 };
	f[0].offset = 4000;
	f[0].size = 97;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	f[0].size = 0;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	f[0] = (struct pv_netif_tx_frag){ 1, 0, 100 };
	pkt.nr_frags = 0;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	pkt.nr_frags = 19;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	pkt.nr_frags = 18;
	for (i = 0; i < 18; i++)
		f[i].size = 4096;	/* 72 KiB > XEN_NETIF_MAX_TX_SIZE */
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	for (i = 0; i < 18; i++)
		f[i].size = 100;
	pkt.flags = NETTXF_more_data;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	pkt.flags = 0;
	pkt.gso_type = XEN_NETIF_GSO_TYPE_TCPV6;
	pkt.gso_size = 1400;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	pkt.flags = NETTXF_csum_blank;
	pkt.gso_size = 0;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	pkt.gso_size = 1400;
	pkt.gso_type = 3;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -EINVAL);
	CHECK_EQ(txq.ring.req_prod_pvt, 0);
	CHECK_EQ(txq.ids.in_flight, 0);
	pkt.gso_type = XEN_NETIF_GSO_TYPE_TCPV6;
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), 0);
	CHECK_EQ(txq.ring.req_prod_pvt, 19);
}

static void netif_tx_bad_responses(void)
{
	const struct pv_netif_tx_pkt pkt = { frags3, 2, 0 };
	struct pv_netif_tx_result res;
	u16 ids[2];

	setup(256);
	pv_netif_tx_queue_pkt(&txq, &pkt, ids);
	pv_front_ring_push(&txq.ring);
	tx_take(&(union netif_tx_sring_entry){ 0 });
	tx_take(&(union netif_tx_sring_entry){ 0 });
	tx_respond(ids[0], NETIF_RSP_OKAY);
	tx_respond(ids[0], NETIF_RSP_OKAY);	/* duplicate */
	CHECK_EQ(tx_get(&res), 1);
	CHECK_EQ(tx_get(&res), -EIO);

	setup(16);
	pv_netif_tx_queue_pkt(&txq, &pkt, ids);
	pv_front_ring_push(&txq.ring);
	tx_take(&(union netif_tx_sring_entry){ 0 });
	tx_take(&(union netif_tx_sring_entry){ 0 });
	tx_respond(16, NETIF_RSP_OKAY);		/* out of range */
	CHECK_EQ(tx_get(&res), -EIO);

	setup(256);
	pv_netif_tx_queue_pkt(&txq, &pkt, ids);
	pv_front_ring_push(&txq.ring);
	tx_take(&(union netif_tx_sring_entry){ 0 });
	tx_respond(ids[0], -3);			/* unknown status */
	CHECK_EQ(tx_get(&res), -EIO);

	setup(256);
	pv_netif_tx_queue_pkt(&txq, &pkt, ids);
	pv_front_ring_push(&txq.ring);
	tx_take(&(union netif_tx_sring_entry){ 0 });
	tx_respond(ids[0], 2);
	CHECK_EQ(tx_get(&res), -EIO);
}

static void netif_tx_full(void)
{
	const struct pv_netif_tx_pkt pkt = { frags3, 3, 0 };
	u16 ids[3];
	int i;

	setup(256);
	for (i = 0; i < 85; i++)
		CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), 0);
	CHECK_EQ(pv_front_ring_free(&txq.ring), 1);
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -ENOSPC);
	CHECK_EQ(txq.ring.req_prod_pvt, 255);
	setup(8);
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), 0);
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), 0);
	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &pkt, ids), -ENOSPC);
	CHECK_EQ(txq.ids.in_flight, 6);
}

/* Backend fills the next posted buffer with a response. */
static void rx_put(u16 offset, u16 flags, s16 status)
{
	union netif_rx_sring_entry e;
	struct netif_rx_response *r;
	RING_IDX prod;

	pv_back_ring_req_prod(&rxb, &prod);
	pv_back_ring_take_req(&rxb, prod, &e, sizeof(e));
	r = pv_back_ring_next_rsp(&rxb);
	r->id = e.req.id;
	r->offset = offset;
	r->flags = flags;
	r->status = status;
}

static void rx_put_extra(u8 type, u8 flags, u16 gso_size, u8 gso_type)
{
	union netif_rx_sring_entry e;
	struct netif_extra_info *x;
	RING_IDX prod;

	pv_back_ring_req_prod(&rxb, &prod);
	pv_back_ring_take_req(&rxb, prod, &e, sizeof(e));
	x = pv_back_ring_next_rsp(&rxb);
	memset(x, 0, sizeof(*x));
	x->type = type;
	x->flags = flags;
	x->u.gso.size = gso_size;
	x->u.gso.type = gso_type;
}

static int rx_get(struct pv_netif_rx_pkt *pkt)
{
	RING_IDX prod;
	int err;

	pv_back_ring_push(&rxb);
	err = pv_front_ring_rsp_prod(&rxq.ring, &prod);
	return err ? err : pv_netif_rx_get_packet(&rxq, prod, pkt);
}

static void rx_fill(void)
{
	u16 id;
	int i;

	for (i = 0; pv_front_ring_free(&rxq.ring); i++)
		pv_netif_rx_post(&rxq, (grant_ref_t)(700 + i), &id);
	pv_front_ring_push(&rxq.ring);
}

static struct pv_netif_rx_pkt pkt;

static void netif_rx_post(void)
{
	union netif_rx_sring_entry e;
	RING_IDX prod;
	u16 id;
	int i;

	setup(256);
	for (i = 0; i < 256; i++) {
		CHECK_EQ(pv_netif_rx_post(&rxq, (grant_ref_t)(700 + i), &id), 0);
		CHECK_EQ(id, i);
	}
	CHECK_EQ(pv_netif_rx_post(&rxq, 1, &id), -ENOSPC);
	CHECK(pv_front_ring_push(&rxq.ring));
	CHECK_EQ(pv_back_ring_req_prod(&rxb, &prod), 0);
	CHECK_EQ(pv_back_ring_take_req(&rxb, prod, &e, sizeof(e)), 1);
	CHECK_EQ(e.req.id, 0);
	CHECK_EQ(e.req.gref, 700);
}

static void netif_rx_packets(void)
{
	setup(256);
	rx_fill();
	CHECK_EQ(rx_get(&pkt), 0);
	/* One slot. */
	rx_put(16, NETRXF_data_validated, 60);
	CHECK_EQ(rx_get(&pkt), 1);
	CHECK_EQ(pkt.nr_slots, 1);
	CHECK_EQ(pkt.len, 60);
	CHECK_EQ(pkt.flags, NETRXF_data_validated);
	CHECK_EQ(pkt.slots[0].id, 0);
	CHECK_EQ(pkt.slots[0].offset, 16);
	CHECK_EQ(pkt.error, 0);
	/* GSO packet: data, extra, two more data slots. */
	rx_put(0, NETRXF_csum_blank | NETRXF_more_data | NETRXF_extra_info, 4096);
	rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, 1448, XEN_NETIF_GSO_TYPE_TCPV6);
	rx_put(0, NETRXF_more_data, 4096);
	rx_put(0, 0, 100);
	CHECK_EQ(rx_get(&pkt), 1);
	CHECK_EQ(pkt.nr_slots, 4);
	CHECK_EQ(pkt.len, 8292);
	CHECK_EQ(pkt.flags, NETRXF_csum_blank);
	CHECK_EQ(pkt.gso_type, XEN_NETIF_GSO_TYPE_TCPV6);
	CHECK_EQ(pkt.gso_size, 1448);
	CHECK(!pkt.slots[0].extra);
	CHECK(pkt.slots[1].extra);
	CHECK_EQ(pkt.slots[1].id, 2);
	CHECK_EQ(pkt.slots[3].id, 4);
	CHECK_EQ(pkt.slots[3].size, 100);
	CHECK_EQ(rxq.ring.rsp_cons, 5);
	/* Backend-reported error: packet dropped, buffers returned. */
	rx_put(4000, NETRXF_more_data, NETIF_RSP_ERROR);
	rx_put(0, 0, 10);
	CHECK_EQ(rx_get(&pkt), 1);
	CHECK_EQ(pkt.error, -EIO);
	CHECK_EQ(pkt.nr_slots, 2);
	/* Found by fuzz/netif_rx: an error slot's offset is not passed on. */
	CHECK_EQ(pkt.slots[0].offset, 0);
	CHECK_EQ(pkt.slots[0].size, 0);
	/* Extras that are not GSO are consumed and ignored. */
	rx_put(0, NETRXF_extra_info, 10);
	rx_put_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, XEN_NETIF_EXTRA_FLAG_MORE, 0, 0);
	rx_put_extra(XEN_NETIF_EXTRA_TYPE_HASH, 0, 0, 0);
	CHECK_EQ(rx_get(&pkt), 1);
	CHECK_EQ(pkt.nr_slots, 3);
	CHECK_EQ(pkt.gso_type, XEN_NETIF_GSO_TYPE_NONE);
	/* Only a repeated GSO extra is refused; others may repeat. */
	rx_put(0, NETRXF_extra_info, 10);
	rx_put_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, XEN_NETIF_EXTRA_FLAG_MORE, 0, 0);
	rx_put_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, 0, 0, 0);
	CHECK_EQ(rx_get(&pkt), 1);
	CHECK_EQ(pkt.nr_slots, 3);
}

/* One bad packet after a fresh fill must be refused with -EIO. */
#define RX_BAD(stmts) do {						\
	setup(256);							\
	rx_fill();							\
	stmts;								\
	CHECK_EQ(rx_get(&pkt), -EIO);					\
} while (0)

static void netif_rx_violations(void)
{
	int i;

	RX_BAD(rx_put(4000, 0, 97));			/* past the frame */
	RX_BAD(rx_put(0, 0, 0x7fff));
	RX_BAD(rx_put(0, NETRXF_gso_prefix, 10));	/* never negotiated */
	RX_BAD(rx_put(0, 0x80, 10));			/* unknown flag */
	RX_BAD(rx_put(0, 0, -3));			/* unknown status */
	RX_BAD(rx_put(0, NETRXF_more_data, 10);
	       rx_put(0, NETRXF_extra_info, 10));	/* extra not first */
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_NONE, 0, 0, 0));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_MAX, 0, 0, 0));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, 0, 1));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, 1400, 3));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, XEN_NETIF_EXTRA_FLAG_MORE, 1400, 1);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, 1400, 1));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       for (i = 0; i < 5; i++)
		       rx_put_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD,
				    XEN_NETIF_EXTRA_FLAG_MORE, 0, 0));
	RX_BAD(for (i = 0; i < 19; i++)
		       rx_put(0, NETRXF_more_data, 100));	/* too many slots */
	/* A response whose id is not its slot. */
	setup(256);
	rx_fill();
	rx_put(0, 0, 10);
	((struct netif_rx_response *)pv_front_ring_slot(&rxq.ring, 0))->id = 5;
	CHECK_EQ(rx_get(&pkt), -EIO);
	/* 18 slots is the limit, not a violation. */
	setup(256);
	rx_fill();
	for (i = 0; i < 17; i++)
		rx_put(0, NETRXF_more_data, 100);
	rx_put(0, 0, 100);
	CHECK_EQ(rx_get(&pkt), 1);
	CHECK_EQ(pkt.nr_slots, 18);
}

/*
 * A backend publishes whole packets only.  A packet cut off at rsp_prod
 * must be -EIO: were it left unconsumed "for the next event", the final
 * check would see responses, report more and never re-arm rsp_event, so a
 * poll loop would spin and an event-driven driver would never be woken.
 */
static void netif_rx_cut_packet(void)
{
	bool more;
	int i;

	/* Cut after the first data slot, after a later one, in the extras. */
	RX_BAD(rx_put(0, NETRXF_more_data, 100));
	RX_BAD(rx_put(0, NETRXF_more_data, 100);
	       rx_put(0, NETRXF_more_data, 100));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10));
	RX_BAD(rx_put(0, NETRXF_extra_info | NETRXF_more_data, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, 1400, 1));
	RX_BAD(rx_put(0, NETRXF_extra_info, 10);
	       rx_put_extra(XEN_NETIF_EXTRA_TYPE_MCAST_ADD,
			    XEN_NETIF_EXTRA_FLAG_MORE, 0, 0));
	/* Nothing was consumed by the refusal. */
	CHECK_EQ(rxq.ring.rsp_cons, 0);

	/*
	 * The poll loop a driver runs: packets until 0, then the final
	 * check.  With a whole packet published it must settle at once with
	 * rsp_event re-armed.
	 */
	setup(256);
	rx_fill();
	rx_put(0, NETRXF_more_data, 100);
	rx_put(0, 0, 100);
	for (i = 0; i < 4; i++) {
		while (rx_get(&pkt) == 1)
			;
		CHECK_EQ(pv_front_ring_final_check(&rxq.ring, &more), 0);
		if (!more)
			break;
	}
	CHECK(!more);
	CHECK_EQ(rxq.ring.sring->rsp_event, 3);
}

/*
 * Every response is copied once and only the copy is used: with each slot
 * overwritten right after its copy, the packet and the tx result are still
 * what the backend published.
 */
static void netif_no_double_fetch(void)
{
	const struct pv_netif_tx_pkt tpkt = { frags3, 1, 0 };
	struct pv_netif_tx_result res;
	union netif_tx_sring_entry e;
	u16 ids[1];
	int r;

	setup(256);
	rx_fill();
	rx_put(0, NETRXF_csum_blank | NETRXF_more_data | NETRXF_extra_info, 4096);
	rx_put_extra(XEN_NETIF_EXTRA_TYPE_GSO, 0, 1448, XEN_NETIF_GSO_TYPE_TCPV4);
	rx_put(16, NETRXF_more_data, 2000);
	rx_put(8, 0, 100);
	trash_copies(true);
	r = rx_get(&pkt);
	trash_copies(false);
	CHECK_EQ(r, 1);
	CHECK_EQ(pkt.nr_slots, 4);
	CHECK_EQ(pkt.len, 6196);
	CHECK_EQ(pkt.flags, NETRXF_csum_blank);
	CHECK_EQ(pkt.gso_type, XEN_NETIF_GSO_TYPE_TCPV4);
	CHECK_EQ(pkt.gso_size, 1448);
	CHECK_EQ(pkt.error, 0);
	CHECK_EQ(pkt.slots[0].id, 0);
	CHECK_EQ(pkt.slots[0].offset, 0);
	CHECK_EQ(pkt.slots[0].size, 4096);
	CHECK(pkt.slots[1].extra);
	CHECK_EQ(pkt.slots[1].id, 1);
	CHECK_EQ(pkt.slots[2].id, 2);
	CHECK_EQ(pkt.slots[2].offset, 16);
	CHECK_EQ(pkt.slots[2].size, 2000);
	CHECK_EQ(pkt.slots[3].id, 3);
	CHECK_EQ(pkt.slots[3].offset, 8);
	CHECK_EQ(pkt.slots[3].size, 100);
	/* The hook did run: one copy per slot, each slot overwritten. */
	CHECK_EQ(((struct netif_rx_response *)
		  pv_front_ring_slot(&rxq.ring, 3))->id, 0xa5a5);

	CHECK_EQ(pv_netif_tx_queue_pkt(&txq, &tpkt, ids), 0);
	pv_front_ring_push(&txq.ring);
	CHECK_EQ(tx_take(&e), 1);
	tx_respond(ids[0], NETIF_RSP_DROPPED);
	trash_copies(true);
	r = tx_get(&res);
	trash_copies(false);
	CHECK_EQ(r, 1);
	CHECK_EQ(res.id, ids[0]);
	CHECK_EQ(res.status, NETIF_RSP_DROPPED);
	CHECK_EQ(txq.ids.in_flight, 0);
}

static void netif_rx_wrap(void)
{
	RING_IDX start = 0xffffff80u;
	u16 id;
	int round, i;

	setup(256);
	rxq.ring.sring->req_prod = rxq.ring.sring->rsp_prod = start;
	rxq.ring.req_prod_pvt = rxq.ring.req_pushed = rxq.ring.rsp_cons = start;
	rxb.req_cons = rxb.rsp_prod_pvt = rxb.rsp_pushed = start;
	for (round = 0; round < 3; round++) {
		while (pv_front_ring_free(&rxq.ring))
			CHECK_EQ(pv_netif_rx_post(&rxq, 1, &id), 0);
		pv_front_ring_push(&rxq.ring);
		for (i = 0; i < 128; i++) {
			rx_put(0, NETRXF_more_data, 1000);
			rx_put(0, 0, 500);
			CHECK_EQ(rx_get(&pkt), 1);
			CHECK_EQ(pkt.len, 1500);
			CHECK_EQ(pkt.slots[0].id, (u16)((start + round * 256 + 2 * i) & 255));
		}
	}
	CHECK_EQ(rxq.ring.rsp_cons, start + 768);
}

static void netif_features_mac(void)
{
	struct pv_netif_features f;
	u8 mac[6];

	memset(&f, 0, sizeof(f));
	CHECK_EQ(pv_netif_feature(&f, "feature-sg", "1", 1), 0);
	CHECK(f.sg);
	CHECK_EQ(pv_netif_feature(&f, "feature-rx-copy", "1", 2), 0);
	CHECK(f.rx_copy);
	CHECK_EQ(pv_netif_feature(&f, "feature-gso-tcpv4", "0", 1), 0);
	CHECK(!f.gso_tcpv4);
	CHECK_EQ(pv_netif_feature(&f, "multi-queue-max-queues", "4", 1), 0);
	CHECK_EQ(f.max_queues, 4);
	CHECK_EQ(pv_netif_feature(&f, "feature-sg", "yes", 3), -EINVAL);
	CHECK_EQ(pv_netif_feature(&f, "handle", "0", 1), -ENOENT);

	CHECK_EQ(pv_netif_parse_mac("00:16:3e:0a:Bc:ff", 17, mac), 0);
	CHECK_EQ(mac[0], 0x00);
	CHECK_EQ(mac[2], 0x3e);
	CHECK_EQ(mac[4], 0xbc);
	CHECK_EQ(mac[5], 0xff);
	CHECK_EQ(pv_netif_parse_mac("00:16:3e:0a:bc:ff", 18, mac), 0);
	CHECK_EQ(pv_netif_parse_mac("00:16:3e:0a:bc:f", 16, mac), -EINVAL);
	CHECK_EQ(pv_netif_parse_mac("00:16:3e:0a:bc:fg", 17, mac), -EINVAL);
	CHECK_EQ(pv_netif_parse_mac("00-16-3e-0a-bc-ff", 17, mac), -EINVAL);
	CHECK_EQ(pv_netif_parse_mac("01:16:3e:0a:bc:ff", 17, mac), -EINVAL);
	CHECK_EQ(pv_netif_parse_mac("00:00:00:00:00:00", 17, mac), -EINVAL);
}

const struct pv_test pv_tests[] = {
	TEST(netif_sizes),
	TEST(netif_tx_simple),
	TEST(netif_tx_gso_sg),
	TEST(netif_tx_bad_packets),
	TEST(netif_tx_bad_responses),
	TEST(netif_tx_full),
	TEST(netif_rx_post),
	TEST(netif_rx_packets),
	TEST(netif_rx_violations),
	TEST(netif_rx_cut_packet),
	TEST(netif_no_double_fetch),
	TEST(netif_rx_wrap),
	TEST(netif_features_mac),
};
const unsigned int pv_nr_tests = NR_TESTS(pv_tests);
