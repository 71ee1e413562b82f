// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore wire protocol core (see Documentation/protocols/xenstore.rst).
 *
 * Requests are encoded into a caller buffer and checked against the limits
 * the daemon enforces, so a bad path fails here with a clear errno instead
 * of an error reply.  Incoming bytes are reassembled into a caller-owned
 * struct pv_xs_rx and parsed only from that private copy; every parser takes
 * an explicit length and never relies on a NUL the daemon may have omitted.
 */
#include <pv/io/byte_ring.h>
#include <pv/io/xs_wire.h>

#define PV_XS_HDR_SIZE ((u32)sizeof(struct xsd_sockmsg))

/* Error names the daemon sends in XS_ERROR replies, in Xen's order. */
static const struct {
	int err;
	const char *name;
} pv_xs_errors[] = {
	{ EINVAL, "EINVAL" },
	{ EACCES, "EACCES" },
	{ EEXIST, "EEXIST" },
	{ EISDIR, "EISDIR" },
	{ ENOENT, "ENOENT" },
	{ ENOMEM, "ENOMEM" },
	{ ENOSPC, "ENOSPC" },
	{ EIO, "EIO" },
	{ ENOTEMPTY, "ENOTEMPTY" },
	{ ENOSYS, "ENOSYS" },
	{ EROFS, "EROFS" },
	{ EBUSY, "EBUSY" },
	{ EAGAIN, "EAGAIN" },
	{ EISCONN, "EISCONN" },
	{ E2BIG, "E2BIG" },
	{ EPERM, "EPERM" },
};

static size_t pv_xs_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static bool pv_xs_path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '_' ||
	       c == '@';
}

/**
 * pv_xs_path_valid() - check a node path against the daemon's rules
 * @path: NUL-terminated path, absolute ("/...") or relative to the domain
 * @watch: true for a watch path, which may also be a special "@name"
 *
 * Allowed characters are letters, digits and "-/_@"; no empty component
 * ("//"), no trailing '/' except for "/" itself; at most
 * XENSTORE_ABS_PATH_MAX (absolute) or XENSTORE_REL_PATH_MAX (relative)
 * bytes.
 *
 * Return: true if the daemon would accept it.
 */
bool pv_xs_path_valid(const char *path, bool watch)
{
	size_t i, n = pv_xs_strnlen(path, XENSTORE_ABS_PATH_MAX + 1);

	if (!n || n > (path[0] == '/' ? XENSTORE_ABS_PATH_MAX :
					XENSTORE_REL_PATH_MAX))
		return false;
	if (path[0] == '@' && !watch)
		return false;
	for (i = 0; i < n; i++) {
		if (!pv_xs_path_char(path[i]))
			return false;
		if (path[i] == '/' && i + 1 < n && path[i + 1] == '/')
			return false;
	}
	return n == 1 || path[n - 1] != '/';
}
PV_EXPORT(pv_xs_path_valid);

/*
 * Lay out header and payload parts in @buf.  Parts are (pointer, length)
 * pairs copied back to back; the caller includes any NUL in the length.
 */
static int pv_xs_encode(void *buf, size_t cap, u32 type, u32 req_id,
			u32 tx_id, const void *const *part, const size_t *len,
			unsigned int nr)
{
	struct xsd_sockmsg hdr;
	size_t total = 0;
	char *p = buf;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (len[i] > XENSTORE_PAYLOAD_MAX)
			return -E2BIG;
		total += len[i];
	}
	if (total > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (cap < PV_XS_HDR_SIZE + total)
		return -ENOSPC;
	hdr.type = type;
	hdr.req_id = req_id;
	hdr.tx_id = tx_id;
	hdr.len = (u32)total;
	memcpy(p, &hdr, sizeof(hdr));
	p += sizeof(hdr);
	for (i = 0; i < nr; i++) {
		if (len[i])
			memcpy(p, part[i], len[i]);
		p += len[i];
	}
	return (int)(PV_XS_HDR_SIZE + total);
}

/**
 * pv_xs_req_path() - encode a request whose payload is one path
 * @buf: destination
 * @cap: room in @buf (PV_XS_MSG_MAX always suffices)
 * @type: XS_READ, XS_DIRECTORY, XS_MKDIR, XS_RM or XS_GET_PERMS
 * @req_id: request id
 * @tx_id: transaction id or 0
 * @path: node path
 *
 * Return: message length, -EINVAL for a bad type or path, -ENOSPC if @cap
 * is too small.
 */
int pv_xs_req_path(void *buf, size_t cap, u32 type, u32 req_id, u32 tx_id,
		   const char *path)
{
	const void *part[1] = { path };
	size_t len[1];

	if (type != XS_READ && type != XS_DIRECTORY && type != XS_MKDIR &&
	    type != XS_RM && type != XS_GET_PERMS)
		return -EINVAL;
	if (!pv_xs_path_valid(path, false))
		return -EINVAL;
	len[0] = pv_xs_strnlen(path, XENSTORE_ABS_PATH_MAX) + 1;
	return pv_xs_encode(buf, cap, type, req_id, tx_id, part, len, 1);
}
PV_EXPORT(pv_xs_req_path);

/**
 * pv_xs_req_write() - encode an XS_WRITE
 * @buf: destination
 * @cap: room in @buf
 * @req_id: request id
 * @tx_id: transaction id or 0
 * @path: node path
 * @value: bytes to store (not NUL-terminated on the wire)
 * @value_len: number of bytes
 *
 * Return: message length, -EINVAL for a bad path, -E2BIG when path and
 * value exceed XENSTORE_PAYLOAD_MAX, -ENOSPC if @cap is too small.
 */
int pv_xs_req_write(void *buf, size_t cap, u32 req_id, u32 tx_id,
		    const char *path, const void *value, size_t value_len)
{
	const void *part[2] = { path, value };
	size_t len[2];

	if (!pv_xs_path_valid(path, false))
		return -EINVAL;
	len[0] = pv_xs_strnlen(path, XENSTORE_ABS_PATH_MAX) + 1;
	len[1] = value_len;
	return pv_xs_encode(buf, cap, XS_WRITE, req_id, tx_id, part, len, 2);
}
PV_EXPORT(pv_xs_req_write);

/**
 * pv_xs_req_watch() - encode an XS_WATCH or XS_UNWATCH
 * @buf: destination
 * @cap: room in @buf
 * @type: XS_WATCH or XS_UNWATCH
 * @req_id: request id
 * @path: path to watch, or a special "@..." watch
 * @token: NUL-terminated token echoed in every event
 *
 * Return: message length or a negative errno as for pv_xs_req_write().
 */
int pv_xs_req_watch(void *buf, size_t cap, u32 type, u32 req_id,
		    const char *path, const char *token)
{
	const void *part[2] = { path, token };
	size_t len[2];

	if ((type != XS_WATCH && type != XS_UNWATCH) ||
	    !pv_xs_path_valid(path, true))
		return -EINVAL;
	len[0] = pv_xs_strnlen(path, XENSTORE_ABS_PATH_MAX) + 1;
	len[1] = pv_xs_strnlen(token, XENSTORE_PAYLOAD_MAX) + 1;
	return pv_xs_encode(buf, cap, type, req_id, 0, part, len, 2);
}
PV_EXPORT(pv_xs_req_watch);

/**
 * pv_xs_req_transaction_start() - encode an XS_TRANSACTION_START
 * @buf: destination
 * @cap: room in @buf
 * @req_id: request id
 *
 * Return: message length, or -ENOSPC.
 */
int pv_xs_req_transaction_start(void *buf, size_t cap, u32 req_id)
{
	const void *part[1] = { "" };
	size_t len[1] = { 1 };

	return pv_xs_encode(buf, cap, XS_TRANSACTION_START, req_id, 0, part,
			    len, 1);
}
PV_EXPORT(pv_xs_req_transaction_start);

/**
 * pv_xs_req_transaction_end() - encode an XS_TRANSACTION_END
 * @buf: destination
 * @cap: room in @buf
 * @req_id: request id
 * @tx_id: the transaction, never 0
 * @commit: true to commit ("T"), false to abort ("F")
 *
 * Return: message length, -EINVAL for transaction 0, or -ENOSPC.
 */
int pv_xs_req_transaction_end(void *buf, size_t cap, u32 req_id, u32 tx_id,
			      bool commit)
{
	const void *part[1] = { commit ? "T" : "F" };
	size_t len[1] = { 2 };

	if (!tx_id)
		return -EINVAL;
	return pv_xs_encode(buf, cap, XS_TRANSACTION_END, req_id, tx_id, part,
			    len, 1);
}
PV_EXPORT(pv_xs_req_transaction_end);

/**
 * pv_xs_check_header() - validate a received header
 * @hdr: private copy of the header
 *
 * Return: 0, or -EPROTO for a payload over XENSTORE_PAYLOAD_MAX or a type
 * that is not a valid message type.
 */
int pv_xs_check_header(const struct xsd_sockmsg *hdr)
{
	if (hdr->len > XENSTORE_PAYLOAD_MAX)
		return -EPROTO;
	if (hdr->type >= XS_TYPE_COUNT || hdr->type == XS_SET_TARGET + 1)
		return -EPROTO;
	return 0;
}
PV_EXPORT(pv_xs_check_header);

/**
 * pv_xs_parse_msg() - split a flat buffer holding one message
 * @buf: private buffer
 * @len: bytes in @buf
 * @hdr: the header
 * @payload: start of the payload in @buf
 *
 * Return: total message length, -EAGAIN if @buf holds less than a whole
 * message, -EPROTO if the header is invalid.
 */
int pv_xs_parse_msg(const void *buf, size_t len, struct xsd_sockmsg *hdr,
		    const char **payload)
{
	int err;

	if (len < PV_XS_HDR_SIZE)
		return -EAGAIN;
	memcpy(hdr, buf, sizeof(*hdr));
	err = pv_xs_check_header(hdr);
	if (err)
		return err;
	if (len - PV_XS_HDR_SIZE < hdr->len)
		return -EAGAIN;
	*payload = (const char *)buf + PV_XS_HDR_SIZE;
	return (int)(PV_XS_HDR_SIZE + hdr->len);
}
PV_EXPORT(pv_xs_parse_msg);

/**
 * pv_xs_rx_reset() - start reassembling a new message
 * @rx: reassembly state
 */
void pv_xs_rx_reset(struct pv_xs_rx *rx)
{
	rx->have = 0;
	rx->hdr.len = 0;
	rx->err = 0;
}
PV_EXPORT(pv_xs_rx_reset);

/**
 * pv_xs_rx_feed() - move bytes from the response ring into @rx
 * @rx: reassembly state
 * @intf: shared xenstore page
 *
 * Reads the header first and checks it before reading the payload, so an
 * oversized length is refused without consuming more.  On completion the
 * payload is NUL-terminated (one byte past hdr.len); the caller handles the
 * message, then calls pv_xs_rx_reset().  The caller notifies the daemon
 * whenever the ring had data, since space was freed.
 *
 * An error is sticky: a caller that feeds again without pv_xs_rx_reset()
 * gets the same error, never a payload read sized by a refused header.
 *
 * Return: 1 when a whole message is in @rx, 0 if more bytes are needed,
 * -EPROTO for an invalid header, -EIO for corrupted ring indexes.
 */
int pv_xs_rx_feed(struct pv_xs_rx *rx, struct xenstore_domain_interface *intf)
{
	struct pv_byte_ring r = {
		.buf = intf->rsp, .size = XENSTORE_RING_SIZE,
		.cons = &intf->rsp_cons, .prod = &intf->rsp_prod,
	};
	int n;

	if (rx->err)
		return rx->err;
	if (rx->have < PV_XS_HDR_SIZE) {
		n = pv_byte_ring_read(&r, (char *)&rx->hdr + rx->have,
				      PV_XS_HDR_SIZE - rx->have);
		if (n < 0)
			return rx->err = n;
		rx->have += n;
		if (rx->have < PV_XS_HDR_SIZE)
			return 0;
		rx->err = pv_xs_check_header(&rx->hdr);
		if (rx->err)
			return rx->err;
	}
	/* Never trust a length that did not pass the check above. */
	if (rx->hdr.len > XENSTORE_PAYLOAD_MAX)
		return rx->err = -EPROTO;
	if (rx->have - PV_XS_HDR_SIZE < rx->hdr.len) {
		u32 got = rx->have - PV_XS_HDR_SIZE;

		n = pv_byte_ring_read(&r, rx->body + got, rx->hdr.len - got);
		if (n < 0)
			return rx->err = n;
		rx->have += n;
		if (rx->have - PV_XS_HDR_SIZE < rx->hdr.len)
			return 0;
	}
	rx->body[rx->hdr.len] = '\0';
	return 1;
}
PV_EXPORT(pv_xs_rx_feed);

/**
 * pv_xs_send() - write (part of) an encoded message to the request ring
 * @intf: shared xenstore page
 * @msg: encoded message
 * @len: bytes left to send
 *
 * Return: bytes written (the caller advances and retries after an event),
 * or -EIO for corrupted ring indexes.
 */
int pv_xs_send(struct xenstore_domain_interface *intf, const void *msg,
	       size_t len)
{
	struct pv_byte_ring r = {
		.buf = intf->req, .size = XENSTORE_RING_SIZE,
		.cons = &intf->req_cons, .prod = &intf->req_prod,
	};

	return pv_byte_ring_write(&r, msg, len);
}
PV_EXPORT(pv_xs_send);

/* Length of a one-string payload: the NUL is optional, nothing may follow. */
static int pv_xs_single_string(const char *payload, u32 len)
{
	size_t n = pv_xs_strnlen(payload, len);

	if (n + 1 < len)
		return -EPROTO;
	return (int)n;
}

/**
 * pv_xs_error_errno() - decode the payload of an XS_ERROR reply
 * @payload: private payload
 * @len: payload length
 *
 * Return: the negative errno named by the payload; -EINVAL for a
 * well-formed but unknown name; -EPROTO for a malformed payload.
 */
int pv_xs_error_errno(const char *payload, u32 len)
{
	int n = pv_xs_single_string(payload, len);
	size_t i;

	if (n <= 0)
		return -EPROTO;
	for (i = 0; i < ARRAY_SIZE(pv_xs_errors); i++) {
		const char *name = pv_xs_errors[i].name;

		if (pv_xs_strnlen(name, 16) == (size_t)n &&
		    !memcmp(name, payload, n))
			return -pv_xs_errors[i].err;
	}
	return -EINVAL;
}
PV_EXPORT(pv_xs_error_errno);

/**
 * pv_xs_errno_name() - name of an errno as the daemon spells it
 * @err: errno, positive or negative
 *
 * Return: the name, or NULL if the protocol has none.
 */
const char *pv_xs_errno_name(int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < ARRAY_SIZE(pv_xs_errors); i++)
		if (pv_xs_errors[i].err == err)
			return pv_xs_errors[i].name;
	return NULL;
}
PV_EXPORT(pv_xs_errno_name);

/**
 * pv_xs_check_reply() - match a reply to the request it answers
 * @hdr: header of the reply
 * @payload: its payload
 * @type: type of the request
 * @req_id: id of the request
 *
 * Return: 0 for a reply of the expected type and id, the decoded errno for
 * an XS_ERROR reply, -EPROTO for anything else.
 */
int pv_xs_check_reply(const struct xsd_sockmsg *hdr, const char *payload,
		      u32 type, u32 req_id)
{
	if (hdr->req_id != req_id)
		return -EPROTO;
	if (hdr->type == XS_ERROR)
		return pv_xs_error_errno(payload, hdr->len);
	if (hdr->type != type)
		return -EPROTO;
	return 0;
}
PV_EXPORT(pv_xs_check_reply);

/**
 * pv_xs_reply_ok() - check the "OK" payload of a write, mkdir, rm, watch,
 * unwatch or transaction end reply
 * @payload: private payload
 * @len: payload length
 *
 * Return: 0 or -EPROTO.
 */
int pv_xs_reply_ok(const char *payload, u32 len)
{
	int n = pv_xs_single_string(payload, len);

	if (n != 2 || payload[0] != 'O' || payload[1] != 'K')
		return -EPROTO;
	return 0;
}
PV_EXPORT(pv_xs_reply_ok);

/**
 * pv_xs_reply_string() - copy the value of a read reply
 * @payload: private payload (the value, not NUL-terminated on the wire)
 * @len: payload length
 * @dst: destination, NUL-terminated on success
 * @cap: room in @dst
 *
 * The value is copied whole or not at all: a truncated node value would be
 * silently wrong.
 *
 * Return: value length, or -E2BIG if it does not fit with its NUL.
 */
int pv_xs_reply_string(const char *payload, u32 len, char *dst, size_t cap)
{
	if (len > XENSTORE_PAYLOAD_MAX || (size_t)len + 1 > cap)
		return -E2BIG;
	if (len)
		memcpy(dst, payload, len);
	dst[len] = '\0';
	return (int)len;
}
PV_EXPORT(pv_xs_reply_string);

/**
 * pv_xs_parse_uint() - strict decimal parse of a node value
 * @s: the characters
 * @len: their number (a trailing NUL, if counted, is allowed)
 * @max: largest acceptable value
 * @val: the value
 *
 * Only digits: no sign, space, prefix or trailing garbage.
 *
 * Return: 0, -EINVAL if not a decimal number, -ERANGE if above @max.
 */
int pv_xs_parse_uint(const char *s, size_t len, u64 max, u64 *val)
{
	u64 v = 0;
	size_t i;

	if (len && s[len - 1] == '\0')
		len--;
	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		unsigned int d = (unsigned char)s[i] - '0';

		if (d > 9)
			return -EINVAL;
		if (d > max || v > (max - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*val = v;
	return 0;
}
PV_EXPORT(pv_xs_parse_uint);

/**
 * pv_xs_reply_tx_id() - decode the reply of XS_TRANSACTION_START
 * @payload: private payload, a decimal transaction id
 * @len: payload length
 * @tx_id: the transaction id
 *
 * Return: 0, or -EPROTO if not a non-zero 32-bit decimal number.
 */
int pv_xs_reply_tx_id(const char *payload, u32 len, u32 *tx_id)
{
	u64 v;

	if (pv_xs_parse_uint(payload, len, 0xffffffffu, &v) || !v)
		return -EPROTO;
	*tx_id = (u32)v;
	return 0;
}
PV_EXPORT(pv_xs_reply_tx_id);

/**
 * pv_xs_dir_next() - iterate over the names of a directory reply
 * @payload: private payload: NUL-terminated names back to back
 * @len: payload length
 * @pos: iterator, 0 to start
 * @name: next name (points into @payload)
 * @name_len: its length
 *
 * Return: 1 for a name, 0 at the end, -EPROTO for an empty or
 * unterminated name.
 */
int pv_xs_dir_next(const char *payload, u32 len, u32 *pos, const char **name,
		   u32 *name_len)
{
	size_t n;

	if (*pos >= len)
		return 0;
	n = pv_xs_strnlen(payload + *pos, len - *pos);
	if (!n || n == len - *pos)
		return -EPROTO;
	*name = payload + *pos;
	*name_len = (u32)n;
	*pos += (u32)n + 1;
	return 1;
}
PV_EXPORT(pv_xs_dir_next);

/**
 * pv_xs_parse_watch_event() - split an XS_WATCH_EVENT payload
 * @payload: private payload: path NUL token NUL
 * @len: payload length
 * @ev: the fields
 *
 * Return: 0, or -EPROTO unless the payload is exactly a non-empty path and
 * a token, each NUL-terminated.
 */
int pv_xs_parse_watch_event(const char *payload, u32 len,
			    struct pv_xs_watch_event *ev)
{
	size_t p, t;

	p = pv_xs_strnlen(payload, len);
	if (!p || p == len)
		return -EPROTO;
	t = pv_xs_strnlen(payload + p + 1, len - p - 1);
	if (p + 1 + t + 1 != len)
		return -EPROTO;
	ev->path = payload;
	ev->path_len = (u32)p;
	ev->token = payload + p + 1;
	ev->token_len = (u32)t;
	return 0;
}
PV_EXPORT(pv_xs_parse_watch_event);
