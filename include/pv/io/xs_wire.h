/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xenstore wire protocol (Xen's io/xs_wire.h): message header and types,
 * the shared ring page, and the guest-side encoder and parsers.
 *
 * A message is a struct xsd_sockmsg header followed by len bytes of
 * payload, at most XENSTORE_PAYLOAD_MAX.  Replies and watch events arrive
 * from the store daemon, which is trusted no more than a device backend:
 * every parser here takes a private copy and its length, and reports a
 * malformed message as -EPROTO rather than reading past it.
 */
#ifndef _PV_IO_XS_WIRE_H
#define _PV_IO_XS_WIRE_H

#include <pv/compat.h>

enum xsd_sockmsg_type {
	XS_CONTROL,
#define XS_DEBUG XS_CONTROL
	XS_DIRECTORY,
	XS_READ,
	XS_GET_PERMS,
	XS_WATCH,
	XS_UNWATCH,
	XS_TRANSACTION_START,
	XS_TRANSACTION_END,
	XS_INTRODUCE,
	XS_RELEASE,
	XS_GET_DOMAIN_PATH,
	XS_WRITE,
	XS_MKDIR,
	XS_RM,
	XS_SET_PERMS,
	XS_WATCH_EVENT,
	XS_ERROR,
	XS_IS_DOMAIN_INTRODUCED,
	XS_RESUME,
	XS_SET_TARGET,
	/* 20 was XS_RESTRICT, removed from the protocol */
	XS_RESET_WATCHES = XS_SET_TARGET + 2,
	XS_DIRECTORY_PART,
	XS_TYPE_COUNT,
	XS_INVALID = 0xffff
};

/**
 * struct xsd_sockmsg - header of every xenstore message
 * @type: enum xsd_sockmsg_type
 * @req_id: chosen by the requester, echoed in the reply
 * @tx_id: transaction, 0 for none
 * @len: payload bytes following the header
 */
struct xsd_sockmsg {
	u32 type;
	u32 req_id;
	u32 tx_id;
	u32 len;
};

/* Fields of a watch event payload, each NUL-terminated. */
enum xs_watch_type {
	XS_WATCH_PATH = 0,
	XS_WATCH_TOKEN
};

#define XENSTORE_RING_SIZE 1024
typedef u32 XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

/**
 * struct xenstore_domain_interface - the shared xenstore page
 * @req: requests to the daemon
 * @rsp: replies and watch events from the daemon
 * @req_cons: daemon's consumer index of @req
 * @req_prod: guest's producer index of @req
 * @rsp_cons: guest's consumer index of @rsp
 * @rsp_prod: daemon's producer index of @rsp
 * @server_features: XENSTORE_SERVER_FEATURE_* bits
 * @connection: XENSTORE_CONNECTED or XENSTORE_RECONNECT
 * @error: XENSTORE_ERROR_* reported by the daemon
 */
struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];
	char rsp[XENSTORE_RING_SIZE];
	XENSTORE_RING_IDX req_cons, req_prod;
	XENSTORE_RING_IDX rsp_cons, rsp_prod;
	u32 server_features;
	u32 connection;
	u32 error;
};

#define XENSTORE_PAYLOAD_MAX 4096
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2

#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

#define XENSTORE_ERROR_NONE    0
#define XENSTORE_ERROR_COMM    1
#define XENSTORE_ERROR_RINGIDX 2
#define XENSTORE_ERROR_PROTO   3

/* Largest message on the wire. */
#define PV_XS_MSG_MAX (sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX)

/**
 * struct pv_xs_rx - reassembly of one incoming message from the ring
 * @hdr: header, valid once @have >= sizeof(@hdr)
 * @have: bytes of header and payload received
 * @err: error already returned for this message, returned again by every
 *	 later pv_xs_rx_feed() until pv_xs_rx_reset()
 * @body: payload, NUL-terminated once complete (the extra byte is ours)
 *
 * The caller owns it (one per connection); nothing is allocated.
 */
struct pv_xs_rx {
	struct xsd_sockmsg hdr;
	u32 have;
	int err;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

/**
 * struct pv_xs_watch_event - fields of an XS_WATCH_EVENT payload
 * @path: node that changed, NUL-terminated
 * @path_len: strlen(@path), never 0
 * @token: token given at XS_WATCH time, NUL-terminated
 * @token_len: strlen(@token)
 *
 * Both point into the caller's payload buffer.
 */
struct pv_xs_watch_event {
	const char *path;
	u32 path_len;
	const char *token;
	u32 token_len;
};

bool pv_xs_path_valid(const char *path, bool watch);
int pv_xs_req_path(void *buf, size_t cap, u32 type, u32 req_id, u32 tx_id,
		   const char *path);
int pv_xs_req_write(void *buf, size_t cap, u32 req_id, u32 tx_id,
		    const char *path, const void *value, size_t value_len);
int pv_xs_req_watch(void *buf, size_t cap, u32 type, u32 req_id,
		    const char *path, const char *token);
int pv_xs_req_transaction_start(void *buf, size_t cap, u32 req_id);
int pv_xs_req_transaction_end(void *buf, size_t cap, u32 req_id, u32 tx_id,
			      bool commit);

int pv_xs_check_header(const struct xsd_sockmsg *hdr);
int pv_xs_parse_msg(const void *buf, size_t len, struct xsd_sockmsg *hdr,
		    const char **payload);
void pv_xs_rx_reset(struct pv_xs_rx *rx);
int pv_xs_rx_feed(struct pv_xs_rx *rx, struct xenstore_domain_interface *intf);
int pv_xs_send(struct xenstore_domain_interface *intf, const void *msg,
	       size_t len);

int pv_xs_error_errno(const char *payload, u32 len);
const char *pv_xs_errno_name(int err);
int pv_xs_check_reply(const struct xsd_sockmsg *hdr, const char *payload,
		      u32 type, u32 req_id);
int pv_xs_reply_ok(const char *payload, u32 len);
int pv_xs_reply_string(const char *payload, u32 len, char *dst, size_t cap);
int pv_xs_parse_uint(const char *s, size_t len, u64 max, u64 *val);
int pv_xs_reply_tx_id(const char *payload, u32 len, u32 *tx_id);
int pv_xs_dir_next(const char *payload, u32 len, u32 *pos, const char **name,
		   u32 *name_len);
int pv_xs_parse_watch_event(const char *payload, u32 len,
			    struct pv_xs_watch_event *ev);

#endif /* _PV_IO_XS_WIRE_H */
