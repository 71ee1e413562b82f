// SPDX-License-Identifier: GPL-2.0
/*
 * Core of the xenstore user device (see <pv/io/xs_dev.h> and
 * Documentation/services/store.rst).
 *
 * The device copies user bytes straight into the reassembly buffer in
 * the pieces pv_xs_dev_in_want() names, so a request split over several
 * write()s (libxenstore writes the header and each payload part
 * separately) is put back together without a second buffer, and a header
 * is checked before any payload byte is accepted for it.
 */
#include <pv/io/xs_dev.h>

#define PV_XS_DEV_HDR ((u32)sizeof(struct xsd_sockmsg))

static size_t pv_xs_dev_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/**
 * pv_xs_dev_in_reset() - start reassembling a new request
 * @in: reassembly state
 */
void pv_xs_dev_in_reset(struct pv_xs_dev_in *in)
{
	in->have = 0;
	in->hdr.len = 0;
}
PV_EXPORT(pv_xs_dev_in_reset);

/**
 * pv_xs_dev_in_want() - where the next user bytes go
 * @in: reassembly state
 * @dst: set to the destination
 *
 * Return: how many bytes may go to @dst (0 once the request is whole).
 */
u32 pv_xs_dev_in_want(const struct pv_xs_dev_in *in, void **dst)
{
	u32 got;

	if (in->have < PV_XS_DEV_HDR) {
		*dst = (char *)&in->hdr + in->have;
		return PV_XS_DEV_HDR - in->have;
	}
	got = in->have - PV_XS_DEV_HDR;
	*dst = (char *)in->body + got;
	return got < in->hdr.len ? in->hdr.len - got : 0;
}
PV_EXPORT(pv_xs_dev_in_want);

/**
 * pv_xs_dev_in_got() - account for bytes copied where want said
 * @in: reassembly state
 * @n: bytes copied, at most what pv_xs_dev_in_want() returned
 *
 * Return: 1 when the request is whole (the payload then has a NUL one
 * byte past hdr.len), 0 if more bytes are needed, -EINVAL for a header
 * with a payload over XENSTORE_PAYLOAD_MAX or an @n over the want; the
 * caller then resets @in.
 */
int pv_xs_dev_in_got(struct pv_xs_dev_in *in, u32 n)
{
	void *dst;

	if (n > pv_xs_dev_in_want(in, &dst))
		return -EINVAL;
	in->have += n;
	if (in->have < PV_XS_DEV_HDR)
		return 0;
	if (in->hdr.len > XENSTORE_PAYLOAD_MAX)
		return -EINVAL;
	if (in->have - PV_XS_DEV_HDR < in->hdr.len)
		return 0;
	in->body[in->hdr.len] = '\0';
	return 1;
}
PV_EXPORT(pv_xs_dev_in_got);

/**
 * pv_xs_dev_classify() - check a whole request and say what to do
 * @in: a request for which pv_xs_dev_in_got() returned 1
 * @req: the decision, and the fields the device needs
 *
 * Refused: types user space must not send (XS_WATCH_EVENT, XS_ERROR,
 * XS_RESET_WATCHES, which would drop the kernel's own watches, and
 * anything unknown); a transaction start inside a transaction; a
 * transaction end outside one or with a payload other than "T" or "F";
 * a watch or unwatch inside a transaction, with an invalid path, or with
 * a payload that is not exactly path NUL token NUL.
 *
 * Return: 0, or -EINVAL for a refused request.
 */
int pv_xs_dev_classify(const struct pv_xs_dev_in *in,
		       struct pv_xs_dev_req *req)
{
	const struct xsd_sockmsg *h = &in->hdr;
	struct pv_xs_watch_event ev;

	if (in->have < PV_XS_DEV_HDR || h->len > XENSTORE_PAYLOAD_MAX ||
	    in->have - PV_XS_DEV_HDR != h->len)
		return -EINVAL;
	req->commit = false;
	req->path = NULL;
	req->token = NULL;
	switch (h->type) {
	case XS_TRANSACTION_START:
		if (h->tx_id)
			return -EINVAL;
		req->kind = PV_XS_DEV_TX_START;
		return 0;
	case XS_TRANSACTION_END:
		if (!h->tx_id || !h->len || h->len > 2 ||
		    (h->len == 2 && in->body[1]) ||
		    (in->body[0] != 'T' && in->body[0] != 'F'))
			return -EINVAL;
		req->kind = PV_XS_DEV_TX_END;
		req->commit = in->body[0] == 'T';
		return 0;
	case XS_WATCH:
	case XS_UNWATCH:
		if (h->tx_id || pv_xs_parse_watch_event(in->body, h->len, &ev) ||
		    !pv_xs_path_valid(ev.path, true))
			return -EINVAL;
		req->kind = h->type == XS_WATCH ? PV_XS_DEV_WATCH :
						  PV_XS_DEV_UNWATCH;
		req->path = ev.path;
		req->token = ev.token;
		return 0;
	case XS_WATCH_EVENT:
	case XS_ERROR:
	case XS_RESET_WATCHES:
		return -EINVAL;
	default:
		if (pv_xs_check_header(h))
			return -EINVAL;
		req->kind = PV_XS_DEV_FORWARD;
		return 0;
	}
}
PV_EXPORT(pv_xs_dev_classify);

/**
 * pv_xs_dev_msg() - encode a message the device makes up itself
 * @buf: destination
 * @cap: room in @buf
 * @type: message type
 * @req_id: request id (the user's, for a reply; 0 for an event)
 * @tx_id: transaction id
 * @a: first string, sent with its NUL ("OK", an errno name, a path)
 * @b: second string with its NUL (a watch token), or NULL
 *
 * Return: message length, -E2BIG for a payload over XENSTORE_PAYLOAD_MAX,
 * -ENOSPC if @cap is too small.
 */
int pv_xs_dev_msg(void *buf, size_t cap, u32 type, u32 req_id, u32 tx_id,
		  const char *a, const char *b)
{
	size_t la = pv_xs_dev_strnlen(a, XENSTORE_PAYLOAD_MAX + 1) + 1;
	size_t lb = b ? pv_xs_dev_strnlen(b, XENSTORE_PAYLOAD_MAX + 1) + 1 : 0;
	struct xsd_sockmsg hdr;
	char *p = buf;

	if (la + lb > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (cap < PV_XS_DEV_HDR + la + lb)
		return -ENOSPC;
	hdr.type = type;
	hdr.req_id = req_id;
	hdr.tx_id = tx_id;
	hdr.len = (u32)(la + lb);
	memcpy(p, &hdr, sizeof(hdr));
	memcpy(p + sizeof(hdr), a, la);
	if (lb)
		memcpy(p + sizeof(hdr) + la, b, lb);
	return (int)(PV_XS_DEV_HDR + la + lb);
}
PV_EXPORT(pv_xs_dev_msg);
