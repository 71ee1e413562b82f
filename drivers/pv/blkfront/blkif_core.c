// SPDX-License-Identifier: GPL-2.0
/*
 * blkif frontend core (see Documentation/protocols/blkif.rst).
 *
 * Requests are checked before they reach the ring (segment bounds, segment
 * counts per operation, indirect limits), so a driver bug fails with
 * -EINVAL instead of a backend error.  Responses are copied out of the ring
 * once and accepted only if their id is in flight, their operation is the
 * one that id was issued with and their status is one Xen defines;
 * anything else is -EIO, which the driver turns into "device disabled".
 */
#include <pv/io/blkif.h>
#include <pv/io/xs_wire.h>

/**
 * pv_blkif_ring_size() - requests a blkif ring of 2^@order frames holds
 * @order: ring-page-order
 *
 * Return: number of ring entries.
 */
u32 pv_blkif_ring_size(unsigned int order)
{
	if (order > PV_BLKIF_MAX_RING_ORDER)
		return 0;
	return pv_ring_nr_ents((size_t)PV_RING_PAGE_SIZE << order,
			       sizeof(union blkif_sring_entry));
}
PV_EXPORT(pv_blkif_ring_size);

/**
 * pv_blkif_queue_init() - initialise a queue's ring and id tracker
 * @q: queue state
 * @shared: 2^@order zeroed frames, about to be granted to the backend
 * @order: ring-page-order, at most PV_BLKIF_MAX_RING_ORDER
 * @slots: id storage (typically pv_blkif_ring_size(@order) entries)
 * @nr_slots: entries in @slots
 * @handle: virtual device handle
 * @max_indirect_segs: negotiated indirect segments, 0 for none
 *
 * Return: 0 or -EINVAL.
 */
int pv_blkif_queue_init(struct pv_blkif_queue *q, void *shared,
			unsigned int order, struct pv_id_slot *slots,
			u32 nr_slots, blkif_vdev_t handle,
			u32 max_indirect_segs)
{
	int err;

	if (order > PV_BLKIF_MAX_RING_ORDER ||
	    max_indirect_segs > PV_BLKIF_MAX_INDIRECT_SEGS)
		return -EINVAL;
	err = pv_front_ring_init(&q->ring, shared,
				 (size_t)PV_RING_PAGE_SIZE << order,
				 sizeof(union blkif_sring_entry));
	if (err)
		return err;
	err = pv_ids_init(&q->ids, slots, nr_slots);
	if (err)
		return err;
	q->handle = handle;
	q->max_indirect_segs = max_indirect_segs;
	return 0;
}
PV_EXPORT(pv_blkif_queue_init);

static bool pv_blkif_segs_valid(const struct blkif_request_segment *segs,
				u32 nr)
{
	u32 i;

	for (i = 0; i < nr; i++)
		if (segs[i].first_sect > segs[i].last_sect ||
		    segs[i].last_sect >= PV_BLKIF_SECTORS_PER_FRAME)
			return false;
	return true;
}

/* Reserve a ring slot and an id together, or neither. */
static int pv_blkif_claim(struct pv_blkif_queue *q, u8 op, u32 *id,
			  void **slot)
{
	int err;

	if (!pv_front_ring_free(&q->ring))
		return -ENOSPC;
	err = pv_ids_alloc(&q->ids, op, id);
	if (err)
		return err;
	*slot = pv_front_ring_next_req(&q->ring);
	return 0;
}

static int pv_blkif_queue_indirect(struct pv_blkif_queue *q, u8 op,
				   blkif_sector_t sector,
				   const struct blkif_request_segment *segs,
				   u32 nr_segs,
				   const struct pv_blkif_indirect *ind, u64 *id)
{
	struct blkif_request_indirect req;
	u32 i, nr_frames, rid;
	void *slot;
	int err;

	if (!ind || !ind->grefs || !ind->frames)
		return -EINVAL;
	if (nr_segs > q->max_indirect_segs)
		return -EINVAL;
	nr_frames = (nr_segs + PV_BLKIF_SEGS_PER_INDIRECT_FRAME - 1) /
		    PV_BLKIF_SEGS_PER_INDIRECT_FRAME;
	err = pv_blkif_claim(q, op, &rid, &slot);
	if (err)
		return err;
	for (i = 0; i < nr_segs; i++)
		ind->frames[i / PV_BLKIF_SEGS_PER_INDIRECT_FRAME]
			   [i % PV_BLKIF_SEGS_PER_INDIRECT_FRAME] = segs[i];
	memset(&req, 0, sizeof(req));
	req.operation = BLKIF_OP_INDIRECT;
	req.indirect_op = op;
	req.nr_segments = (u16)nr_segs;
	req.id = rid;
	req.sector_number = sector;
	req.handle = q->handle;
	for (i = 0; i < nr_frames; i++)
		req.indirect_grefs[i] = ind->grefs[i];
	memcpy(slot, &req, sizeof(req));
	*id = rid;
	return 0;
}

/**
 * pv_blkif_queue_rw() - put a data or cache-control request on the ring
 * @q: queue state
 * @op: BLKIF_OP_READ, BLKIF_OP_WRITE, BLKIF_OP_FLUSH_DISKCACHE or
 *	BLKIF_OP_WRITE_BARRIER
 * @sector: first 512-byte sector
 * @segs: data frames
 * @nr_segs: number of frames: 1..11 for read/write (up to the negotiated
 *	indirect limit with @ind), 0..11 for flush and barrier
 * @ind: indirect frames, needed when @nr_segs exceeds 11
 * @id: id of the request, echoed by its response
 *
 * The request is visible to the backend after pv_front_ring_push().
 *
 * Return: 0, -EINVAL for a request the protocol cannot carry, -ENOSPC if
 * the ring or the ids are exhausted.
 */
int pv_blkif_queue_rw(struct pv_blkif_queue *q, u8 op, blkif_sector_t sector,
		      const struct blkif_request_segment *segs, u32 nr_segs,
		      const struct pv_blkif_indirect *ind, u64 *id)
{
	struct blkif_request req;
	void *slot;
	u32 rid;
	int err;

	switch (op) {
	case BLKIF_OP_READ:
	case BLKIF_OP_WRITE:
		if (!nr_segs)
			return -EINVAL;
		break;
	case BLKIF_OP_FLUSH_DISKCACHE:
	case BLKIF_OP_WRITE_BARRIER:
		/* Backends take these only as direct requests. */
		if (nr_segs > BLKIF_MAX_SEGMENTS_PER_REQUEST)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	if (nr_segs && (!segs || !pv_blkif_segs_valid(segs, nr_segs)))
		return -EINVAL;
	if (nr_segs > BLKIF_MAX_SEGMENTS_PER_REQUEST)
		return pv_blkif_queue_indirect(q, op, sector, segs, nr_segs,
					       ind, id);

	err = pv_blkif_claim(q, op, &rid, &slot);
	if (err)
		return err;
	memset(&req, 0, sizeof(req));
	req.operation = op;
	req.nr_segments = (u8)nr_segs;
	req.handle = q->handle;
	req.id = rid;
	req.sector_number = sector;
	if (nr_segs)
		memcpy(req.seg, segs, nr_segs * sizeof(*segs));
	memcpy(slot, &req, sizeof(req));
	*id = rid;
	return 0;
}
PV_EXPORT(pv_blkif_queue_rw);

/**
 * pv_blkif_queue_discard() - put a discard request on the ring
 * @q: queue state
 * @sector: first 512-byte sector
 * @nr_sectors: number of sectors, not 0
 * @secure: ask for a secure discard (only if "discard-secure" was offered)
 * @id: id of the request
 *
 * Return: 0, -EINVAL for an empty range, -ENOSPC if the ring or the ids
 * are exhausted.
 */
int pv_blkif_queue_discard(struct pv_blkif_queue *q, blkif_sector_t sector,
			   u64 nr_sectors, bool secure, u64 *id)
{
	struct blkif_request_discard req;
	void *slot;
	u32 rid;
	int err;

	if (!nr_sectors || sector + nr_sectors < sector)
		return -EINVAL;
	err = pv_blkif_claim(q, BLKIF_OP_DISCARD, &rid, &slot);
	if (err)
		return err;
	memset(&req, 0, sizeof(req));
	req.operation = BLKIF_OP_DISCARD;
	req.flag = secure ? BLKIF_DISCARD_SECURE : 0;
	req.handle = q->handle;
	req.id = rid;
	req.sector_number = sector;
	req.nr_sectors = nr_sectors;
	memcpy(slot, &req, sizeof(req));
	*id = rid;
	return 0;
}
PV_EXPORT(pv_blkif_queue_discard);

/**
 * pv_blkif_get_response() - take and validate the next response
 * @q: queue state
 * @prod: snapshot from pv_front_ring_rsp_prod()
 * @res: the validated response
 *
 * On success the id is free again; the driver completes its request and
 * may reuse the id.
 *
 * Return: 1 with @res filled, 0 if no response is left before @prod, -EIO
 * for an id out of range or not in flight, an operation that differs from
 * the request's, or an unknown status.
 */
int pv_blkif_get_response(struct pv_blkif_queue *q, RING_IDX prod,
			  struct pv_blkif_result *res)
{
	struct blkif_response rsp;
	u32 tag;
	int n = pv_front_ring_take_rsp(&q->ring, prod, &rsp, sizeof(rsp));

	if (n <= 0)
		return n;
	if (pv_ids_lookup(&q->ids, rsp.id, &tag) || rsp.operation != tag)
		return -EIO;
	switch (rsp.status) {
	case BLKIF_RSP_OKAY:
		res->error = 0;
		break;
	case BLKIF_RSP_ERROR:
		res->error = -EIO;
		break;
	case BLKIF_RSP_EOPNOTSUPP:
		res->error = -EOPNOTSUPP;
		break;
	default:
		return -EIO;
	}
	pv_ids_complete(&q->ids, rsp.id, &tag);
	res->id = rsp.id;
	res->operation = rsp.operation;
	res->status = rsp.status;
	return 1;
}
PV_EXPORT(pv_blkif_get_response);

/**
 * pv_blkif_features_init() - defaults for keys a backend may omit
 * @f: features
 */
void pv_blkif_features_init(struct pv_blkif_features *f)
{
	memset(f, 0, sizeof(*f));
	f->sector_size = 512;
	f->physical_sector_size = 512;
}
PV_EXPORT(pv_blkif_features_init);

static bool pv_blkif_pow2(u64 v)
{
	return v && !(v & (v - 1));
}

/**
 * pv_blkif_feature() - record one backend xenstore value
 * @f: features
 * @key: node name under the backend directory
 * @val: its value as read (private copy)
 * @len: value length
 *
 * Return: 0, -ENOENT for a key this core does not interpret, -EINVAL for
 * a value that is not a number or is out of the protocol's range (the
 * driver refuses the device rather than guess).
 */
int pv_blkif_feature(struct pv_blkif_features *f, const char *key,
		     const char *val, size_t len)
{
	static const struct {
		const char *key;
		u8 kind;	/* 0 bool, 1 u32, 2 u64 */
		u16 offset;
	} keys[] = {
#define PV_BLKIF_KEY(k, kind, field) \
	{ k, kind, (u16)offsetof(struct pv_blkif_features, field) }
		PV_BLKIF_KEY("sectors", 2, sectors),
		PV_BLKIF_KEY("info", 1, info),
		PV_BLKIF_KEY("sector-size", 1, sector_size),
		PV_BLKIF_KEY("physical-sector-size", 1, physical_sector_size),
		PV_BLKIF_KEY("feature-barrier", 0, barrier),
		PV_BLKIF_KEY("feature-flush-cache", 0, flush),
		PV_BLKIF_KEY("feature-discard", 0, discard),
		PV_BLKIF_KEY("discard-secure", 0, discard_secure),
		PV_BLKIF_KEY("feature-persistent", 0, persistent),
		PV_BLKIF_KEY("discard-granularity", 1, discard_granularity),
		PV_BLKIF_KEY("discard-alignment", 1, discard_alignment),
		PV_BLKIF_KEY("feature-max-indirect-segments", 1,
			     max_indirect_segs),
		PV_BLKIF_KEY("multi-queue-max-queues", 1, max_queues),
		PV_BLKIF_KEY("max-ring-page-order", 1, max_ring_order),
#undef PV_BLKIF_KEY
	};
	char *base = (char *)f;
	size_t i;
	u64 v;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(key, keys[i].key))
			break;
	if (i == ARRAY_SIZE(keys))
		return -ENOENT;
	if (pv_xs_parse_uint(val, len, keys[i].kind == 2 ? ~0ull : 0xffffffffu,
			     &v))
		return -EINVAL;
	if (!strcmp(key, "sector-size") &&
	    (!pv_blkif_pow2(v) || v < 512 || v > PV_RING_PAGE_SIZE))
		return -EINVAL;
	if (!strcmp(key, "physical-sector-size") &&
	    (!pv_blkif_pow2(v) || v < 512))
		return -EINVAL;
	switch (keys[i].kind) {
	case 0:
		*(bool *)(base + keys[i].offset) = v != 0;
		break;
	case 1:
		*(u32 *)(base + keys[i].offset) = (u32)v;
		break;
	default:
		*(u64 *)(base + keys[i].offset) = v;
		break;
	}
	return 0;
}
PV_EXPORT(pv_blkif_feature);

static u32 pv_blkif_min(u32 a, u32 b)
{
	return a < b ? a : b;
}

/**
 * pv_blkif_negotiate() - choose queue count, ring size and indirect limit
 * @f: backend's features
 * @max_queues: most queues the frontend wants (at least 1 is used)
 * @max_order: largest ring-page-order the frontend wants
 * @max_indirect: most segments per indirect request the frontend wants
 * @c: the choice
 *
 * Each value is the smaller of the two ends' limits; indirect requests are
 * used only when they can carry more than a direct request.
 */
void pv_blkif_negotiate(const struct pv_blkif_features *f, u32 max_queues,
			u32 max_order, u32 max_indirect,
			struct pv_blkif_choice *c)
{
	u32 ind;

	c->nr_queues = pv_blkif_min(f->max_queues ? f->max_queues : 1,
				    max_queues ? max_queues : 1);
	c->ring_order = pv_blkif_min(pv_blkif_min(f->max_ring_order, max_order),
				     PV_BLKIF_MAX_RING_ORDER);
	ind = pv_blkif_min(pv_blkif_min(f->max_indirect_segs, max_indirect),
			   PV_BLKIF_MAX_INDIRECT_SEGS);
	c->indirect_segs = ind > BLKIF_MAX_SEGMENTS_PER_REQUEST ? ind : 0;
}
PV_EXPORT(pv_blkif_negotiate);

/**
 * pv_blkif_flush_op() - operation for a cache flush or a FUA write
 * @f: backend's features
 * @op: BLKIF_OP_WRITE_BARRIER or BLKIF_OP_FLUSH_DISKCACHE
 *
 * Xen's blkif.h defines FLUSH_DISKCACHE as committing the backend's
 * volatile cache to stable storage, and a barrier only as ordered after
 * every earlier write and before every later one.  The flush is preferred:
 * Linux blkback also flushes for a barrier, but drains all in-flight I/O
 * first.  A barrier is the fallback when it is all the backend offers.
 * Neither is promised to make the request's own data durable.
 *
 * Return: 0, or -EOPNOTSUPP if the backend offers neither.
 */
int pv_blkif_flush_op(const struct pv_blkif_features *f, u8 *op)
{
	if (f->flush)
		*op = BLKIF_OP_FLUSH_DISKCACHE;
	else if (f->barrier)
		*op = BLKIF_OP_WRITE_BARRIER;
	else
		return -EOPNOTSUPP;
	return 0;
}
PV_EXPORT(pv_blkif_flush_op);
