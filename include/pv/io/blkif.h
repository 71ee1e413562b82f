/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Block I/O protocol (Xen's io/blkif.h): ring entries, operations, status
 * codes, and the frontend core that builds requests and validates
 * responses.  The layouts are Xen's x86-64 ABI; names and values are Xen's.
 */
#ifndef _PV_IO_BLKIF_H
#define _PV_IO_BLKIF_H

#include <pv/compat.h>
#include <pv/io/ids.h>
#include <pv/io/grant_table.h>
#include <pv/io/ring.h>

typedef u16 blkif_vdev_t;
typedef u64 blkif_sector_t;

#define BLKIF_OP_READ              0
#define BLKIF_OP_WRITE             1
#define BLKIF_OP_WRITE_BARRIER     2
#define BLKIF_OP_FLUSH_DISKCACHE   3
#define BLKIF_OP_RESERVED_1        4
#define BLKIF_OP_DISCARD           5
#define BLKIF_OP_INDIRECT          6

#define BLKIF_MAX_SEGMENTS_PER_REQUEST 11
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST 8

/**
 * struct blkif_request_segment - one granted frame of a transfer
 * @gref: grant of the data frame
 * @first_sect: first 512-byte sector in the frame (inclusive)
 * @last_sect: last 512-byte sector in the frame (inclusive)
 */
struct blkif_request_segment {
	grant_ref_t gref;
	u8 first_sect, last_sect;
};

/**
 * struct blkif_request - read, write, flush or barrier request
 * @operation: BLKIF_OP_*
 * @nr_segments: entries used in @seg
 * @handle: virtual device
 * @id: frontend's value, echoed in the response
 * @sector_number: first sector on the disk
 * @seg: the data frames
 */
struct blkif_request {
	u8 operation;
	u8 nr_segments;
	blkif_vdev_t handle;
	u64 id;
	blkif_sector_t sector_number;
	struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

/**
 * struct blkif_request_discard - BLKIF_OP_DISCARD request
 * @operation: BLKIF_OP_DISCARD
 * @flag: BLKIF_DISCARD_SECURE or 0
 * @handle: virtual device
 * @id: frontend's value, echoed in the response
 * @sector_number: first sector to discard
 * @nr_sectors: number of sectors
 */
struct blkif_request_discard {
	u8 operation;
	u8 flag;
#define BLKIF_DISCARD_SECURE (1 << 0)
	blkif_vdev_t handle;
	u64 id;
	blkif_sector_t sector_number;
	u64 nr_sectors;
};

/**
 * struct blkif_request_indirect - BLKIF_OP_INDIRECT request
 * @operation: BLKIF_OP_INDIRECT
 * @indirect_op: BLKIF_OP_READ or BLKIF_OP_WRITE
 * @nr_segments: segments held in the indirect frames
 * @id: frontend's value, echoed in the response
 * @sector_number: first sector on the disk
 * @handle: virtual device
 * @indirect_grefs: grants of the frames holding the segment arrays
 */
struct blkif_request_indirect {
	u8 operation;
	u8 indirect_op;
	u16 nr_segments;
	u64 id;
	blkif_sector_t sector_number;
	blkif_vdev_t handle;
	grant_ref_t indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};

/**
 * struct blkif_response - completion of a request
 * @id: the request's id
 * @operation: the request's operation (indirect_op for indirect requests)
 * @status: BLKIF_RSP_*
 */
struct blkif_response {
	u64 id;
	u8 operation;
	s16 status;
};

#define BLKIF_RSP_EOPNOTSUPP  -2
#define BLKIF_RSP_ERROR       -1
#define BLKIF_RSP_OKAY         0

/* One ring entry: Xen's DEFINE_RING_TYPES(blkif, ...) union. */
union blkif_sring_entry {
	struct blkif_request req;
	struct blkif_response rsp;
};

#define VDISK_CDROM        0x1
#define VDISK_REMOVABLE    0x2
#define VDISK_READONLY     0x4

#define XEN_IO_PROTO_ABI_X86_64 "x86_64-abi"

/* Sectors on the wire are 512 bytes; a segment lies within one 4 KiB frame. */
#define PV_BLKIF_SECTOR_SHIFT		9
#define PV_BLKIF_SECTORS_PER_FRAME	(PV_RING_PAGE_SIZE >> PV_BLKIF_SECTOR_SHIFT)
#define PV_BLKIF_SEGS_PER_INDIRECT_FRAME \
	((u32)(PV_RING_PAGE_SIZE / sizeof(struct blkif_request_segment)))
#define PV_BLKIF_MAX_INDIRECT_SEGS \
	(BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST * PV_BLKIF_SEGS_PER_INDIRECT_FRAME)
/* Largest ring we offer: 16 frames, as far as Linux's backend accepts. */
#define PV_BLKIF_MAX_RING_ORDER		4

/**
 * struct pv_blkif_queue - frontend state of one blkif ring (one per queue)
 * @ring: the shared ring
 * @ids: in-flight requests; tag is the operation the response must carry
 * @handle: virtual device handle written into every request
 * @max_indirect_segs: negotiated indirect limit, 0 without indirect
 */
struct pv_blkif_queue {
	struct pv_front_ring ring;
	struct pv_ids ids;
	blkif_vdev_t handle;
	u32 max_indirect_segs;
};

/**
 * struct pv_blkif_indirect - caller's indirect frames for one request
 * @grefs: grants of the frames, DIV_ROUND_UP(nr_segs, 512) of them
 * @frames: the same frames mapped in the guest, filled by the core
 */
struct pv_blkif_indirect {
	const grant_ref_t *grefs;
	struct blkif_request_segment *const *frames;
};

/**
 * struct pv_blkif_result - a validated response
 * @id: id of the completed request (in range, was in flight, now free)
 * @operation: its operation
 * @status: BLKIF_RSP_* as sent
 * @error: 0, -EOPNOTSUPP or -EIO for the request (not the device)
 */
struct pv_blkif_result {
	u64 id;
	u8 operation;
	s16 status;
	int error;
};

/**
 * struct pv_blkif_features - what the backend advertises in xenstore
 * @sectors: disk size in 512-byte sectors ("sectors")
 * @info: VDISK_* ("info")
 * @sector_size: logical block size ("sector-size")
 * @physical_sector_size: "physical-sector-size"
 * @barrier: "feature-barrier"
 * @flush: "feature-flush-cache"
 * @discard: "feature-discard"
 * @discard_secure: "discard-secure"
 * @persistent: "feature-persistent"
 * @discard_granularity: "discard-granularity" in bytes
 * @discard_alignment: "discard-alignment" in bytes
 * @max_indirect_segs: "feature-max-indirect-segments", 0 if absent
 * @max_queues: "multi-queue-max-queues", 0 if absent
 * @max_ring_order: "max-ring-page-order", 0 if absent
 */
struct pv_blkif_features {
	u64 sectors;
	u32 info;
	u32 sector_size;
	u32 physical_sector_size;
	bool barrier;
	bool flush;
	bool discard;
	bool discard_secure;
	bool persistent;
	u32 discard_granularity;
	u32 discard_alignment;
	u32 max_indirect_segs;
	u32 max_queues;
	u32 max_ring_order;
};

/**
 * struct pv_blkif_choice - what the frontend uses after negotiation
 * @nr_queues: queues ("multi-queue-num-queues" when above 1)
 * @ring_order: ring frames as a power of two ("ring-page-order")
 * @indirect_segs: segments per indirect request, 0 for none
 */
struct pv_blkif_choice {
	u32 nr_queues;
	u32 ring_order;
	u32 indirect_segs;
};

u32 pv_blkif_ring_size(unsigned int order);
int pv_blkif_queue_init(struct pv_blkif_queue *q, void *shared,
			unsigned int order, struct pv_id_slot *slots,
			u32 nr_slots, blkif_vdev_t handle,
			u32 max_indirect_segs);
int pv_blkif_queue_rw(struct pv_blkif_queue *q, u8 op, blkif_sector_t sector,
		      const struct blkif_request_segment *segs, u32 nr_segs,
		      const struct pv_blkif_indirect *ind, u64 *id);
int pv_blkif_queue_discard(struct pv_blkif_queue *q, blkif_sector_t sector,
			   u64 nr_sectors, bool secure, u64 *id);
int pv_blkif_get_response(struct pv_blkif_queue *q, RING_IDX prod,
			  struct pv_blkif_result *res);

void pv_blkif_features_init(struct pv_blkif_features *f);
int pv_blkif_feature(struct pv_blkif_features *f, const char *key,
		     const char *val, size_t len);
void pv_blkif_negotiate(const struct pv_blkif_features *f, u32 max_queues,
			u32 max_order, u32 max_indirect,
			struct pv_blkif_choice *c);
int pv_blkif_flush_op(const struct pv_blkif_features *f, u8 *op);

#endif /* _PV_IO_BLKIF_H */
