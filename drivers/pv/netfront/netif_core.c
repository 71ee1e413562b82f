// SPDX-License-Identifier: GPL-2.0
/*
 * netif frontend core (see Documentation/protocols/netif.rst).
 *
 * Transmit: a packet is one request per fragment, the first carrying the
 * whole length, optionally followed by a GSO extra-info slot; each request
 * has its own id and its own response, extra-info slots are answered with
 * NETIF_RSP_NULL and skipped.  Receive: buffers are posted with the ring
 * slot as id; a packet is a run of responses chained by NETRXF_more_data,
 * the first optionally followed by extra-info slots.  Every response is
 * copied once and checked (id, offset and size within the frame, flags
 * consistent, known status); a violation is -EIO for the driver to disable
 * the device.
 */
#include <pv/io/netif.h>
#include <pv/io/xs_wire.h>

#define PV_NETIF_TX_FLAGS (NETTXF_csum_blank | NETTXF_data_validated)
#define PV_NETIF_RX_FLAGS (NETRXF_data_validated | NETRXF_csum_blank | \
			   NETRXF_more_data | NETRXF_extra_info)

/**
 * pv_netif_tx_init() - initialise a transmit ring and its id tracker
 * @q: queue state
 * @shared: one zeroed frame, about to be granted to the backend
 * @slots: id storage, typically PV_NETIF_TX_RING_SIZE entries
 * @nr_slots: entries in @slots, at most 65536 (ids are 16 bits)
 *
 * Return: 0 or -EINVAL.
 */
int pv_netif_tx_init(struct pv_netif_tx_queue *q, void *shared,
		     struct pv_id_slot *slots, u32 nr_slots)
{
	int err;

	if (nr_slots > 0x10000)
		return -EINVAL;
	err = pv_front_ring_init(&q->ring, shared, PV_RING_PAGE_SIZE,
				 sizeof(union netif_tx_sring_entry));
	if (err)
		return err;
	return pv_ids_init(&q->ids, slots, nr_slots);
}
PV_EXPORT(pv_netif_tx_init);

/**
 * pv_netif_tx_slots_needed() - ring slots a packet takes
 * @pkt: the packet
 *
 * Return: one per fragment, plus one for the GSO extra-info slot.
 */
u32 pv_netif_tx_slots_needed(const struct pv_netif_tx_pkt *pkt)
{
	return pkt->nr_frags + (pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE);
}
PV_EXPORT(pv_netif_tx_slots_needed);

static int pv_netif_tx_check(const struct pv_netif_tx_pkt *pkt, u32 *total)
{
	u32 i, sum = 0;

	if (!pkt->frags || !pkt->nr_frags ||
	    pkt->nr_frags > PV_NETIF_MAX_DATA_SLOTS)
		return -EINVAL;
	if (pkt->flags & ~PV_NETIF_TX_FLAGS)
		return -EINVAL;
	for (i = 0; i < pkt->nr_frags; i++) {
		const struct pv_netif_tx_frag *f = &pkt->frags[i];

		if (!f->size || f->offset + f->size > PV_RING_PAGE_SIZE)
			return -EINVAL;
		sum += f->size;
	}
	if (sum > XEN_NETIF_MAX_TX_SIZE)
		return -EINVAL;
	switch (pkt->gso_type) {
	case XEN_NETIF_GSO_TYPE_NONE:
		break;
	case XEN_NETIF_GSO_TYPE_TCPV4:
	case XEN_NETIF_GSO_TYPE_TCPV6:
		/* The backend segments only packets with a partial checksum. */
		if (!pkt->gso_size || !(pkt->flags & NETTXF_csum_blank))
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	*total = sum;
	return 0;
}

static void pv_netif_tx_put(struct pv_netif_tx_queue *q,
			    const union netif_tx_sring_entry *e)
{
	memcpy(pv_front_ring_next_req(&q->ring), e, sizeof(*e));
}

/**
 * pv_netif_tx_queue_pkt() - put a packet on the transmit ring
 * @q: queue state
 * @pkt: the packet
 * @ids: receives the id of each fragment's request, @pkt->nr_frags of them
 *
 * Either the whole packet is queued or nothing is.  The requests are
 * visible to the backend after pv_front_ring_push().
 *
 * Return: 0, -EINVAL for a packet the protocol cannot carry, -ENOSPC if
 * ring slots or ids are short.
 */
int pv_netif_tx_queue_pkt(struct pv_netif_tx_queue *q,
			  const struct pv_netif_tx_pkt *pkt, u16 *ids)
{
	union netif_tx_sring_entry e;
	u32 i, total, id;
	int err = pv_netif_tx_check(pkt, &total);

	if (err)
		return err;
	if (pv_front_ring_free(&q->ring) < pv_netif_tx_slots_needed(pkt) ||
	    q->ids.nr - q->ids.in_flight < pkt->nr_frags)
		return -ENOSPC;

	for (i = 0; i < pkt->nr_frags; i++) {
		const struct pv_netif_tx_frag *f = &pkt->frags[i];

		pv_ids_alloc(&q->ids, 0, &id);
		ids[i] = (u16)id;
		memset(&e, 0, sizeof(e));
		e.req.gref = f->gref;
		e.req.offset = f->offset;
		e.req.id = (u16)id;
		e.req.size = i ? f->size : (u16)total;
		if (i + 1 < pkt->nr_frags)
			e.req.flags |= NETTXF_more_data;
		if (!i) {
			e.req.flags |= pkt->flags;
			if (pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE)
				e.req.flags |= NETTXF_extra_info;
		}
		pv_netif_tx_put(q, &e);

		if (!i && pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE) {
			struct netif_extra_info x;

			memset(&x, 0, sizeof(x));
			x.type = XEN_NETIF_EXTRA_TYPE_GSO;
			x.u.gso.size = pkt->gso_size;
			x.u.gso.type = pkt->gso_type;
			memset(&e, 0, sizeof(e));
			memcpy(&e, &x, sizeof(x));
			pv_netif_tx_put(q, &e);
		}
	}
	return 0;
}
PV_EXPORT(pv_netif_tx_queue_pkt);

/**
 * pv_netif_tx_get_response() - take the next transmit completion
 * @q: queue state
 * @prod: snapshot from pv_front_ring_rsp_prod()
 * @res: the validated response
 *
 * NETIF_RSP_NULL responses (answers to extra-info slots) are consumed
 * silently.
 *
 * Return: 1 with @res filled, 0 if no response is left before @prod, -EIO
 * for an id out of range or not in flight or an unknown status.
 */
int pv_netif_tx_get_response(struct pv_netif_tx_queue *q, RING_IDX prod,
			     struct pv_netif_tx_result *res)
{
	struct netif_tx_response rsp;
	u32 tag;
	int n;

	do {
		n = pv_front_ring_take_rsp(&q->ring, prod, &rsp, sizeof(rsp));
		if (n <= 0)
			return n;
	} while (rsp.status == NETIF_RSP_NULL);

	if (rsp.status != NETIF_RSP_OKAY && rsp.status != NETIF_RSP_ERROR &&
	    rsp.status != NETIF_RSP_DROPPED)
		return -EIO;
	if (pv_ids_complete(&q->ids, rsp.id, &tag))
		return -EIO;
	res->id = rsp.id;
	res->status = rsp.status;
	return 1;
}
PV_EXPORT(pv_netif_tx_get_response);

/**
 * pv_netif_rx_init() - initialise a receive ring
 * @q: queue state
 * @shared: one zeroed frame, about to be granted to the backend
 *
 * Return: 0 or -EINVAL.
 */
int pv_netif_rx_init(struct pv_netif_rx_queue *q, void *shared)
{
	return pv_front_ring_init(&q->ring, shared, PV_RING_PAGE_SIZE,
				  sizeof(union netif_rx_sring_entry));
}
PV_EXPORT(pv_netif_rx_init);

/**
 * pv_netif_rx_post() - offer an empty buffer to the backend
 * @q: queue state
 * @gref: grant of the buffer frame (writable by the backend)
 * @id: the buffer's id, the ring slot; the driver keeps its buffer there
 *
 * Return: 0, or -ENOSPC if every slot holds a buffer.
 */
int pv_netif_rx_post(struct pv_netif_rx_queue *q, grant_ref_t gref, u16 *id)
{
	union netif_rx_sring_entry e;
	RING_IDX idx = q->ring.req_prod_pvt;

	if (!pv_front_ring_free(&q->ring))
		return -ENOSPC;
	memset(&e, 0, sizeof(e));
	e.req.id = (u16)(idx & (q->ring.nr_ents - 1));
	e.req.gref = gref;
	memcpy(pv_front_ring_next_req(&q->ring), &e, sizeof(e));
	*id = e.req.id;
	return 0;
}
PV_EXPORT(pv_netif_rx_post);

static int pv_netif_rx_extra(struct pv_netif_rx_pkt *pkt,
			     const struct netif_extra_info *x)
{
	if (x->type == XEN_NETIF_EXTRA_TYPE_NONE ||
	    x->type >= XEN_NETIF_EXTRA_TYPE_MAX)
		return -EIO;
	if (x->type != XEN_NETIF_EXTRA_TYPE_GSO)
		return 0;
	if (pkt->gso_type != XEN_NETIF_GSO_TYPE_NONE || !x->u.gso.size ||
	    (x->u.gso.type != XEN_NETIF_GSO_TYPE_TCPV4 &&
	     x->u.gso.type != XEN_NETIF_GSO_TYPE_TCPV6))
		return -EIO;
	pkt->gso_type = x->u.gso.type;
	pkt->gso_size = x->u.gso.size;
	return 0;
}

static void pv_netif_rx_add(struct pv_netif_rx_pkt *pkt, u16 id, u16 offset,
			    u16 size, bool extra)
{
	struct pv_netif_rx_slot *s = &pkt->slots[pkt->nr_slots++];

	s->id = id;
	s->offset = offset;
	s->size = size;
	s->extra = extra;
}

/*
 * Extra-info slots after the first response; *c is advanced past them.
 * A chain cut off at @prod is a violation like a data slot cut off.
 */
static int pv_netif_rx_extras(struct pv_netif_rx_queue *q, RING_IDX prod,
			      RING_IDX *c, u32 *nr_extras,
			      struct pv_netif_rx_pkt *pkt)
{
	struct netif_extra_info x;
	u32 mask = q->ring.nr_ents - 1;
	int err;

	do {
		if (*c == prod)
			return -EIO;
		if (*nr_extras == PV_NETIF_MAX_EXTRAS)
			return -EIO;
		pv_copy_shared(&x, pv_front_ring_slot(&q->ring, *c), sizeof(x));
		err = pv_netif_rx_extra(pkt, &x);
		if (err)
			return err;
		pv_netif_rx_add(pkt, (u16)(*c & mask), 0, 0, true);
		(*nr_extras)++;
		(*c)++;
	} while (x.flags & XEN_NETIF_EXTRA_FLAG_MORE);
	return 0;
}

/**
 * pv_netif_rx_get_packet() - take and validate the next received packet
 * @q: queue state
 * @prod: snapshot from pv_front_ring_rsp_prod()
 * @pkt: the packet: its slots (buffers to use or recycle), length, flags,
 *	GSO information
 *
 * A backend publishes whole packets only (Linux netback pushes rsp_prod
 * after a packet's last slot), so a packet cut off at @prod is a protocol
 * violation.  Leaving it unconsumed for a later call would not do: the
 * final check would then see unconsumed responses and never re-arm
 * rsp_event, so a poll loop would spin and an event-driven one stall.
 *
 * Return: 1 with @pkt filled and its responses consumed, 0 if no response
 * is before @prod, -EIO (nothing consumed) for a protocol violation: a
 * packet cut off at @prod after its first slot or inside its extra-info
 * chain, a response id that is not its slot, an offset or size beyond the
 * frame, unknown or misplaced flags, an unknown status, a bad extra-info
 * slot or a repeated GSO one, or too many slots.
 */
int pv_netif_rx_get_packet(struct pv_netif_rx_queue *q, RING_IDX prod,
			   struct pv_netif_rx_pkt *pkt)
{
	struct netif_rx_response rsp;
	RING_IDX c = q->ring.rsp_cons;
	u32 mask = q->ring.nr_ents - 1;
	u32 nr_data = 0, nr_extras = 0;
	u16 size, offset;
	int err;

	memset(pkt, 0, sizeof(*pkt));
	do {
		if (c == prod)
			return nr_data ? -EIO : 0;
		if (nr_data == PV_NETIF_MAX_DATA_SLOTS)
			return -EIO;
		pv_copy_shared(&rsp, pv_front_ring_slot(&q->ring, c),
			       sizeof(rsp));
		if (rsp.id != (u16)(c & mask) || rsp.flags & ~PV_NETIF_RX_FLAGS)
			return -EIO;
		if (nr_data && rsp.flags & NETRXF_extra_info)
			return -EIO;
		if (rsp.status < 0) {
			if (rsp.status != NETIF_RSP_ERROR &&
			    rsp.status != NETIF_RSP_DROPPED)
				return -EIO;
			/* An error slot holds no data: its offset means nothing. */
			pkt->error = -EIO;
			offset = 0;
			size = 0;
		} else {
			if (rsp.offset + (u32)rsp.status > PV_RING_PAGE_SIZE)
				return -EIO;
			offset = rsp.offset;
			size = (u16)rsp.status;
		}
		pv_netif_rx_add(pkt, rsp.id, offset, size, false);
		pkt->len += size;
		c++;
		if (!nr_data++) {
			pkt->flags = rsp.flags &
				     (NETRXF_data_validated | NETRXF_csum_blank);
			if (rsp.flags & NETRXF_extra_info) {
				err = pv_netif_rx_extras(q, prod, &c,
							 &nr_extras, pkt);
				if (err)
					return err;
			}
		}
	} while (rsp.flags & NETRXF_more_data);

	q->ring.rsp_cons = c;
	return 1;
}
PV_EXPORT(pv_netif_rx_get_packet);

/**
 * pv_netif_feature() - record one backend xenstore value
 * @f: features (zero-initialised by the caller: absent means off)
 * @key: node name under the backend directory
 * @val: its value as read (private copy)
 * @len: value length
 *
 * Return: 0, -ENOENT for a key this core does not interpret, -EINVAL for
 * a value that is not a number.
 */
int pv_netif_feature(struct pv_netif_features *f, const char *key,
		     const char *val, size_t len)
{
	static const struct {
		const char *key;
		u16 offset;
	} flags[] = {
#define PV_NETIF_KEY(k, field) \
	{ k, (u16)offsetof(struct pv_netif_features, field) }
		PV_NETIF_KEY("feature-sg", sg),
		PV_NETIF_KEY("feature-gso-tcpv4", gso_tcpv4),
		PV_NETIF_KEY("feature-gso-tcpv6", gso_tcpv6),
		PV_NETIF_KEY("feature-ipv6-csum-offload", ipv6_csum),
		PV_NETIF_KEY("feature-no-csum-offload", no_csum),
		PV_NETIF_KEY("feature-rx-copy", rx_copy),
		PV_NETIF_KEY("feature-split-event-channels", split_evtchn),
		PV_NETIF_KEY("feature-multicast-control", multicast),
#undef PV_NETIF_KEY
	};
	size_t i;
	u64 v;

	if (!strcmp(key, "multi-queue-max-queues")) {
		if (pv_xs_parse_uint(val, len, 0xffffffffu, &v))
			return -EINVAL;
		f->max_queues = (u32)v;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		if (strcmp(key, flags[i].key))
			continue;
		if (pv_xs_parse_uint(val, len, 0xffffffffu, &v))
			return -EINVAL;
		*(bool *)((char *)f + flags[i].offset) = v != 0;
		return 0;
	}
	return -ENOENT;
}
PV_EXPORT(pv_netif_feature);

static int pv_netif_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * pv_netif_parse_mac() - parse the "mac" node
 * @s: value, "xx:xx:xx:xx:xx:xx"
 * @len: value length (a trailing NUL, if counted, is allowed)
 * @mac: the address
 *
 * Return: 0, or -EINVAL for a malformed, multicast or all-zero address.
 */
int pv_netif_parse_mac(const char *s, size_t len, u8 mac[6])
{
	int i, hi, lo;

	if (len && s[len - 1] == '\0')
		len--;
	if (len != 17)
		return -EINVAL;
	for (i = 0; i < 6; i++) {
		hi = pv_netif_hex(s[3 * i]);
		lo = pv_netif_hex(s[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
			return -EINVAL;
		mac[i] = (u8)(hi << 4 | lo);
	}
	if (mac[0] & 1 || !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]))
		return -EINVAL;
	return 0;
}
PV_EXPORT(pv_netif_parse_mac);
