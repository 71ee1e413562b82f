/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network I/O protocol (Xen's io/netif.h): transmit and receive ring
 * entries, flags, extra-info slots, status codes, and the frontend core
 * that builds transmit requests, posts receive buffers and validates
 * responses.  Names and values are Xen's.
 */
#ifndef _PV_IO_NETIF_H
#define _PV_IO_NETIF_H

#include <pv/compat.h>
#include <pv/io/ids.h>
#include <pv/io/grant_table.h>
#include <pv/io/ring.h>

#define XEN_NETIF_NR_SLOTS_MIN 18
#define XEN_NETIF_MAX_TX_SIZE 0xFFFF

#define _NETTXF_csum_blank     (0)
#define  NETTXF_csum_blank     (1U << _NETTXF_csum_blank)
#define _NETTXF_data_validated (1)
#define  NETTXF_data_validated (1U << _NETTXF_data_validated)
#define _NETTXF_more_data      (2)
#define  NETTXF_more_data      (1U << _NETTXF_more_data)
#define _NETTXF_extra_info     (3)
#define  NETTXF_extra_info     (1U << _NETTXF_extra_info)

/**
 * struct netif_tx_request - one transmit slot
 * @gref: grant of the frame holding the data
 * @offset: data offset in the frame
 * @flags: NETTXF_*
 * @id: echoed in the response
 * @size: first slot: whole packet length; other slots: this fragment's
 */
struct netif_tx_request {
	grant_ref_t gref;
	u16 offset;
	u16 flags;
	u16 id;
	u16 size;
};

#define XEN_NETIF_EXTRA_TYPE_NONE      (0)
#define XEN_NETIF_EXTRA_TYPE_GSO       (1)
#define XEN_NETIF_EXTRA_TYPE_MCAST_ADD (2)
#define XEN_NETIF_EXTRA_TYPE_MCAST_DEL (3)
#define XEN_NETIF_EXTRA_TYPE_HASH      (4)
#define XEN_NETIF_EXTRA_TYPE_MAX       (5)

#define _XEN_NETIF_EXTRA_FLAG_MORE (0)
#define XEN_NETIF_EXTRA_FLAG_MORE  (1U << _XEN_NETIF_EXTRA_FLAG_MORE)

#define XEN_NETIF_GSO_TYPE_NONE         (0)
#define XEN_NETIF_GSO_TYPE_TCPV4        (1)
#define XEN_NETIF_GSO_TYPE_TCPV6        (2)

/**
 * struct netif_extra_info - extra-info slot following a request/response
 * @type: XEN_NETIF_EXTRA_TYPE_*
 * @flags: XEN_NETIF_EXTRA_FLAG_*
 * @u: type-specific data
 */
struct netif_extra_info {
	u8 type;
	u8 flags;
	union {
		struct {
			u16 size;
			u8 type;
			u8 pad;
			u16 features;
		} gso;
		struct {
			u8 addr[6];
		} mcast;
		struct {
			u8 type;
			u8 algorithm;
			u8 value[4];
		} hash;
		u16 pad[3];
	} u;
};

/**
 * struct netif_tx_response - completion of one transmit slot
 * @id: the slot's request id
 * @status: NETIF_RSP_*
 */
struct netif_tx_response {
	u16 id;
	s16 status;
};

/**
 * struct netif_rx_request - an empty receive buffer
 * @id: echoed in the response
 * @pad: reserved
 * @gref: grant of the buffer frame
 */
struct netif_rx_request {
	u16 id;
	u16 pad;
	grant_ref_t gref;
};

#define _NETRXF_data_validated (0)
#define  NETRXF_data_validated (1U << _NETRXF_data_validated)
#define _NETRXF_csum_blank     (1)
#define  NETRXF_csum_blank     (1U << _NETRXF_csum_blank)
#define _NETRXF_more_data      (2)
#define  NETRXF_more_data      (1U << _NETRXF_more_data)
#define _NETRXF_extra_info     (3)
#define  NETRXF_extra_info     (1U << _NETRXF_extra_info)
#define _NETRXF_gso_prefix     (4)
#define  NETRXF_gso_prefix     (1U << _NETRXF_gso_prefix)

/**
 * struct netif_rx_response - one filled receive buffer
 * @id: the buffer's request id
 * @offset: data offset in the frame
 * @flags: NETRXF_*
 * @status: bytes received (>= 0) or NETIF_RSP_* (< 0)
 */
struct netif_rx_response {
	u16 id;
	u16 offset;
	u16 flags;
	s16 status;
};

/* Ring entries: Xen's DEFINE_RING_TYPES(netif_tx/netif_rx, ...) unions. */
union netif_tx_sring_entry {
	struct netif_tx_request req;
	struct netif_tx_response rsp;
};

union netif_rx_sring_entry {
	struct netif_rx_request req;
	struct netif_rx_response rsp;
};

#define NETIF_RSP_DROPPED         -2
#define NETIF_RSP_ERROR           -1
#define NETIF_RSP_OKAY             0
#define NETIF_RSP_NULL             1

/* Single-frame rings: 256 entries each. */
#define PV_NETIF_TX_RING_SIZE \
	pv_ring_nr_ents(PV_RING_PAGE_SIZE, sizeof(union netif_tx_sring_entry))
#define PV_NETIF_RX_RING_SIZE \
	pv_ring_nr_ents(PV_RING_PAGE_SIZE, sizeof(union netif_rx_sring_entry))

/* Data slots per packet that every backend accepts and we accept. */
#define PV_NETIF_MAX_DATA_SLOTS XEN_NETIF_NR_SLOTS_MIN
/* One extra-info slot per extra type at most. */
#define PV_NETIF_MAX_EXTRAS (XEN_NETIF_EXTRA_TYPE_MAX - 1)
#define PV_NETIF_MAX_SLOTS (PV_NETIF_MAX_DATA_SLOTS + PV_NETIF_MAX_EXTRAS)

/**
 * struct pv_netif_tx_frag - one fragment of a packet to send
 * @gref: grant of the frame
 * @offset: data offset in the frame
 * @size: bytes in this frame
 */
struct pv_netif_tx_frag {
	grant_ref_t gref;
	u16 offset;
	u16 size;
};

/**
 * struct pv_netif_tx_pkt - a packet to send
 * @frags: fragments, each within one 4 KiB frame
 * @nr_frags: 1..PV_NETIF_MAX_DATA_SLOTS
 * @flags: NETTXF_csum_blank and/or NETTXF_data_validated
 * @gso_type: XEN_NETIF_GSO_TYPE_*, NONE for no segmentation offload
 * @gso_size: segment size (MSS) when @gso_type is set
 */
struct pv_netif_tx_pkt {
	const struct pv_netif_tx_frag *frags;
	u32 nr_frags;
	u16 flags;
	u8 gso_type;
	u16 gso_size;
};

/**
 * struct pv_netif_tx_queue - frontend state of one transmit ring
 * @ring: the shared ring
 * @ids: in-flight transmit slots
 */
struct pv_netif_tx_queue {
	struct pv_front_ring ring;
	struct pv_ids ids;
};

/**
 * struct pv_netif_tx_result - a validated transmit response
 * @id: completed slot's id (was in flight, now free)
 * @status: NETIF_RSP_OKAY, NETIF_RSP_ERROR or NETIF_RSP_DROPPED
 */
struct pv_netif_tx_result {
	u16 id;
	s16 status;
};

/**
 * struct pv_netif_rx_queue - frontend state of one receive ring
 * @ring: the shared ring
 *
 * A receive buffer's id is its ring slot (index & (size - 1)): responses
 * come back in slot order, and extra-info responses carry no id at all, so
 * the slot is what names the buffer to recycle.
 */
struct pv_netif_rx_queue {
	struct pv_front_ring ring;
};

/**
 * struct pv_netif_rx_slot - one ring slot consumed by a received packet
 * @id: the buffer (ring slot) this response used
 * @offset: data offset in the frame (data slots)
 * @size: data bytes in the frame (data slots, 0 if @extra)
 * @extra: the slot held extra info, its buffer holds no data
 */
struct pv_netif_rx_slot {
	u16 id;
	u16 offset;
	u16 size;
	bool extra;
};

/**
 * struct pv_netif_rx_pkt - a validated received packet
 * @slots: consumed slots in ring order, data and extra-info
 * @nr_slots: entries in @slots
 * @len: sum of the data sizes
 * @flags: NETRXF_data_validated / NETRXF_csum_blank of the first slot
 * @gso_type: XEN_NETIF_GSO_TYPE_*, NONE without a GSO extra
 * @gso_size: segment size from the GSO extra
 * @error: 0, or -EIO if the backend reported an error for this packet (it
 *	is dropped; its buffers are still returned)
 */
struct pv_netif_rx_pkt {
	struct pv_netif_rx_slot slots[PV_NETIF_MAX_SLOTS];
	u32 nr_slots;
	u32 len;
	u16 flags;
	u8 gso_type;
	u16 gso_size;
	int error;
};

/**
 * struct pv_netif_features - what the backend advertises in xenstore
 * @sg: "feature-sg"
 * @gso_tcpv4: "feature-gso-tcpv4"
 * @gso_tcpv6: "feature-gso-tcpv6"
 * @ipv6_csum: "feature-ipv6-csum-offload"
 * @no_csum: "feature-no-csum-offload"
 * @rx_copy: "feature-rx-copy" (required: we never flip pages)
 * @split_evtchn: "feature-split-event-channels"
 * @multicast: "feature-multicast-control"
 * @max_queues: "multi-queue-max-queues", 0 if absent
 */
struct pv_netif_features {
	bool sg;
	bool gso_tcpv4;
	bool gso_tcpv6;
	bool ipv6_csum;
	bool no_csum;
	bool rx_copy;
	bool split_evtchn;
	bool multicast;
	u32 max_queues;
};

int pv_netif_tx_init(struct pv_netif_tx_queue *q, void *shared,
		     struct pv_id_slot *slots, u32 nr_slots);
u32 pv_netif_tx_slots_needed(const struct pv_netif_tx_pkt *pkt);
int pv_netif_tx_queue_pkt(struct pv_netif_tx_queue *q,
			  const struct pv_netif_tx_pkt *pkt, u16 *ids);
int pv_netif_tx_get_response(struct pv_netif_tx_queue *q, RING_IDX prod,
			     struct pv_netif_tx_result *res);

int pv_netif_rx_init(struct pv_netif_rx_queue *q, void *shared);
int pv_netif_rx_post(struct pv_netif_rx_queue *q, grant_ref_t gref, u16 *id);
int pv_netif_rx_get_packet(struct pv_netif_rx_queue *q, RING_IDX prod,
			   struct pv_netif_rx_pkt *pkt);

int pv_netif_feature(struct pv_netif_features *f, const char *key,
		     const char *val, size_t len);
int pv_netif_parse_mac(const char *s, size_t len, u8 mac[6]);

#endif /* _PV_IO_NETIF_H */
