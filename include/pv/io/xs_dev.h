/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The message side of the xenstore user device (/dev/xen/xenbus): user
 * space writes whole xenstore request messages, in as many write()s as
 * it likes, and reads replies and watch events back.
 *
 * This OS-independent core reassembles one request from the bytes
 * written, checks it and says what the device must do with it; it also
 * encodes the messages the device makes up itself (watch replies and
 * events, error replies).  User space is not trusted either: a header
 * or payload the core refuses is -EINVAL and nothing is sent.
 */
#ifndef _PV_IO_XS_DEV_H
#define _PV_IO_XS_DEV_H

#include <pv/io/xs_wire.h>

/**
 * struct pv_xs_dev_in - reassembly of one request written by user space
 * @hdr: header, valid once @have >= sizeof(@hdr)
 * @have: bytes of header and payload received
 * @body: payload, NUL-terminated (by us) once complete
 */
struct pv_xs_dev_in {
	struct xsd_sockmsg hdr;
	u32 have;
	char body[XENSTORE_PAYLOAD_MAX + 1];
};

/**
 * enum pv_xs_dev_kind - what the device does with a request
 * @PV_XS_DEV_FORWARD: send it to the daemon as it is, in @tx_id
 * @PV_XS_DEV_TX_START: start a transaction the file will own
 * @PV_XS_DEV_TX_END: end one of the file's transactions
 * @PV_XS_DEV_WATCH: set a watch the file will own
 * @PV_XS_DEV_UNWATCH: remove one of the file's watches
 */
enum pv_xs_dev_kind {
	PV_XS_DEV_FORWARD,
	PV_XS_DEV_TX_START,
	PV_XS_DEV_TX_END,
	PV_XS_DEV_WATCH,
	PV_XS_DEV_UNWATCH,
};

/**
 * struct pv_xs_dev_req - a checked request
 * @kind: what to do
 * @commit: PV_XS_DEV_TX_END: commit ("T") rather than abort ("F")
 * @path: PV_XS_DEV_(UN)WATCH: the path, NUL-terminated, in the body
 * @token: PV_XS_DEV_(UN)WATCH: the token, NUL-terminated, in the body
 */
struct pv_xs_dev_req {
	enum pv_xs_dev_kind kind;
	bool commit;
	const char *path;
	const char *token;
};

void pv_xs_dev_in_reset(struct pv_xs_dev_in *in);
u32 pv_xs_dev_in_want(const struct pv_xs_dev_in *in, void **dst);
int pv_xs_dev_in_got(struct pv_xs_dev_in *in, u32 n);
int pv_xs_dev_classify(const struct pv_xs_dev_in *in,
		       struct pv_xs_dev_req *req);
int pv_xs_dev_msg(void *buf, size_t cap, u32 type, u32 req_id, u32 tx_id,
		  const char *a, const char *b);

#endif /* _PV_IO_XS_DEV_H */
