// SPDX-License-Identifier: GPL-2.0
/*
 * Shared I/O ring arithmetic and notification hold-off (see
 * Documentation/protocols/ring.rst).
 *
 * Both ends keep their own indexes privately and only publish them; the
 * indexes read back from the shared page are the peer's and are checked
 * against the private ones before anything is done with them.
 */
#include <pv/io/ring.h>

/**
 * pv_ring_nr_ents() - number of entries of a shared ring
 * @bytes: size of the shared area (PV_RING_PAGE_SIZE << order)
 * @ent_size: size of one entry (the request/response union)
 *
 * Return: the largest power of two that fits after the header, or 0 when
 * not even one entry fits.
 */
u32 pv_ring_nr_ents(size_t bytes, size_t ent_size)
{
	size_t n;
	u32 p = 1;

	/* Subtract, never add: HDR + ent_size can wrap for a huge ent_size. */
	if (!ent_size || bytes < PV_SRING_HDR_SIZE ||
	    bytes - PV_SRING_HDR_SIZE < ent_size)
		return 0;
	n = (bytes - PV_SRING_HDR_SIZE) / ent_size;
	if (n > 0x80000000u)
		n = 0x80000000u;
	while ((size_t)p * 2 <= n)
		p *= 2;
	return p;
}
PV_EXPORT(pv_ring_nr_ents);

/**
 * pv_sring_init() - reset a shared ring header before granting it
 * @sring: the shared header
 *
 * The event indexes start at 1 so the first request and the first response
 * each raise an event.
 */
void pv_sring_init(struct pv_sring *sring)
{
	memset(sring, 0, sizeof(*sring));
	sring->req_event = 1;
	sring->rsp_event = 1;
}
PV_EXPORT(pv_sring_init);

/*
 * Both ends publish alike: entries before the producer index, the index
 * before looking at the peer's hold-off, and an event is due if the peer
 * asked for one at an index in (old, new].
 */
static bool pv_ring_publish(RING_IDX *prod, RING_IDX *event, RING_IDX old,
			    RING_IDX new)
{
	pv_wmb();
	PV_WRITE_ONCE(*prod, new);
	pv_mb();
	return (RING_IDX)(new - PV_READ_ONCE(*event)) < (RING_IDX)(new - old);
}

static int pv_ring_geometry(void *shared, size_t bytes, size_t ent_size,
			    u32 *nr_ents)
{
	if (!shared || ent_size > 0xffffffffu)
		return -EINVAL;
	*nr_ents = pv_ring_nr_ents(bytes, ent_size);
	return *nr_ents ? 0 : -EINVAL;
}

/**
 * pv_front_ring_attach() - set up the frontend view of a shared ring
 * @r: private ring state
 * @shared: start of the shared area
 * @bytes: size of the shared area
 * @ent_size: size of one entry
 * @start: index both private indexes start at
 *
 * Does not touch the shared page: for a ring whose header was initialised
 * with pv_sring_init() (then @start is 0) or one being reattached.
 *
 * Return: 0, or -EINVAL if no entry fits.
 */
int pv_front_ring_attach(struct pv_front_ring *r, void *shared, size_t bytes,
			 size_t ent_size, RING_IDX start)
{
	u32 n;
	int err = pv_ring_geometry(shared, bytes, ent_size, &n);

	if (err)
		return err;
	r->sring = shared;
	r->ents = (u8 *)shared + PV_SRING_HDR_SIZE;
	r->nr_ents = n;
	r->ent_size = (u32)ent_size;
	r->req_prod_pvt = start;
	r->req_pushed = start;
	r->rsp_cons = start;
	return 0;
}
PV_EXPORT(pv_front_ring_attach);

/**
 * pv_front_ring_init() - initialise a fresh shared ring and attach to it
 * @r: private ring state
 * @shared: start of the shared area, about to be granted to the backend
 * @bytes: size of the shared area
 * @ent_size: size of one entry
 *
 * Return: 0, or -EINVAL if no entry fits.
 */
int pv_front_ring_init(struct pv_front_ring *r, void *shared, size_t bytes,
		       size_t ent_size)
{
	int err = pv_front_ring_attach(r, shared, bytes, ent_size, 0);

	if (!err)
		pv_sring_init(r->sring);
	return err;
}
PV_EXPORT(pv_front_ring_init);

/**
 * pv_front_ring_free() - request slots the frontend may still fill
 * @r: private ring state
 *
 * Return: slots not holding a request whose response is still unconsumed.
 */
u32 pv_front_ring_free(const struct pv_front_ring *r)
{
	return r->nr_ents - (u32)(r->req_prod_pvt - r->rsp_cons);
}
PV_EXPORT(pv_front_ring_free);

/**
 * pv_front_ring_slot() - address of the entry an index maps to
 * @r: private ring state
 * @idx: free-running index
 *
 * Return: the entry's address in shared memory.
 */
void *pv_front_ring_slot(const struct pv_front_ring *r, RING_IDX idx)
{
	return r->ents + (size_t)(idx & (r->nr_ents - 1)) * r->ent_size;
}
PV_EXPORT(pv_front_ring_slot);

/**
 * pv_front_ring_next_req() - claim the next request slot
 * @r: private ring state
 *
 * The slot becomes visible to the backend at the next pv_front_ring_push().
 *
 * Return: the slot to fill, or NULL when the ring is full.
 */
void *pv_front_ring_next_req(struct pv_front_ring *r)
{
	if (!pv_front_ring_free(r))
		return NULL;
	return pv_front_ring_slot(r, r->req_prod_pvt++);
}
PV_EXPORT(pv_front_ring_next_req);

/**
 * pv_front_ring_push() - publish the filled requests
 * @r: private ring state
 *
 * Return: true if the backend asked for an event for one of the requests
 * just published (req_event lies in (old req_prod, new req_prod]).
 */
bool pv_front_ring_push(struct pv_front_ring *r)
{
	RING_IDX old = r->req_pushed;

	r->req_pushed = r->req_prod_pvt;
	return pv_ring_publish(&r->sring->req_prod, &r->sring->req_event,
			       old, r->req_prod_pvt);
}
PV_EXPORT(pv_front_ring_push);

/**
 * pv_front_ring_rsp_prod() - snapshot the backend's response producer
 * @r: private ring state
 * @prod: the snapshot, to pass to pv_front_ring_take_rsp()
 *
 * The backend can only answer requests it was shown, so more responses
 * than published outstanding requests is a protocol violation.
 *
 * Return: 0, or -EIO if the backend's index is impossible.
 */
int pv_front_ring_rsp_prod(struct pv_front_ring *r, RING_IDX *prod)
{
	RING_IDX p = PV_READ_ONCE(r->sring->rsp_prod);

	if ((u32)(p - r->rsp_cons) > (u32)(r->req_pushed - r->rsp_cons))
		return -EIO;
	/* Read the responses only after the index that covers them. */
	pv_rmb();
	*prod = p;
	return 0;
}
PV_EXPORT(pv_front_ring_rsp_prod);

/**
 * pv_front_ring_take_rsp() - copy out the next response and consume it
 * @r: private ring state
 * @prod: snapshot from pv_front_ring_rsp_prod()
 * @dst: private buffer for the response
 * @len: bytes to copy, at most the entry size
 *
 * A @len beyond the entry is the caller's bug; it is an error rather than
 * "empty", which would leave the caller idle while the final check keeps
 * reporting the response it cannot take.
 *
 * Return: 1 if a response was copied, 0 if none is left before @prod,
 * -EINVAL (nothing consumed) if @len exceeds the entry size.
 */
int pv_front_ring_take_rsp(struct pv_front_ring *r, RING_IDX prod, void *dst,
			   size_t len)
{
	if (len > r->ent_size)
		return -EINVAL;
	if (r->rsp_cons == prod)
		return 0;
	pv_copy_shared(dst, pv_front_ring_slot(r, r->rsp_cons), len);
	r->rsp_cons++;
	return 1;
}
PV_EXPORT(pv_front_ring_take_rsp);

/**
 * pv_front_ring_final_check() - check for responses and re-arm the event
 * @r: private ring state
 * @more: set if unconsumed responses exist
 *
 * Called when the frontend has consumed everything it saw: asks for an
 * event at the next response, then looks once more so that a response that
 * raced with the re-arm is not left without an event.
 *
 * Return: 0, or -EIO if the backend's index is impossible.
 */
int pv_front_ring_final_check(struct pv_front_ring *r, bool *more)
{
	RING_IDX prod;
	int err = pv_front_ring_rsp_prod(r, &prod);

	if (err)
		return err;
	if (prod != r->rsp_cons) {
		*more = true;
		return 0;
	}
	pv_test_hook(PV_TEST_EVENT_ARMING, r->sring, sizeof(*r->sring));
	PV_WRITE_ONCE(r->sring->rsp_event, r->rsp_cons + 1);
	pv_mb();
	err = pv_front_ring_rsp_prod(r, &prod);
	if (err)
		return err;
	*more = prod != r->rsp_cons;
	return 0;
}
PV_EXPORT(pv_front_ring_final_check);

/**
 * pv_back_ring_attach() - set up the backend view of a shared ring
 * @r: private ring state
 * @shared: start of the shared area
 * @bytes: size of the shared area
 * @ent_size: size of one entry
 * @start: index both private indexes start at
 *
 * Return: 0, or -EINVAL if no entry fits.
 */
int pv_back_ring_attach(struct pv_back_ring *r, void *shared, size_t bytes,
			size_t ent_size, RING_IDX start)
{
	u32 n;
	int err = pv_ring_geometry(shared, bytes, ent_size, &n);

	if (err)
		return err;
	r->sring = shared;
	r->ents = (u8 *)shared + PV_SRING_HDR_SIZE;
	r->nr_ents = n;
	r->ent_size = (u32)ent_size;
	r->rsp_prod_pvt = start;
	r->rsp_pushed = start;
	r->req_cons = start;
	return 0;
}
PV_EXPORT(pv_back_ring_attach);

static void *pv_back_ring_slot(const struct pv_back_ring *r, RING_IDX idx)
{
	return r->ents + (size_t)(idx & (r->nr_ents - 1)) * r->ent_size;
}

/**
 * pv_back_ring_req_prod() - snapshot the frontend's request producer
 * @r: private ring state
 * @prod: the snapshot, to pass to pv_back_ring_take_req()
 *
 * Return: 0, or -EIO if the frontend claims more requests than slots.
 */
int pv_back_ring_req_prod(struct pv_back_ring *r, RING_IDX *prod)
{
	RING_IDX p = PV_READ_ONCE(r->sring->req_prod);

	if ((u32)(p - r->rsp_prod_pvt) > r->nr_ents ||
	    (u32)(p - r->req_cons) > (u32)(p - r->rsp_prod_pvt))
		return -EIO;
	pv_rmb();
	*prod = p;
	return 0;
}
PV_EXPORT(pv_back_ring_req_prod);

/**
 * pv_back_ring_take_req() - copy out the next request and consume it
 * @r: private ring state
 * @prod: snapshot from pv_back_ring_req_prod()
 * @dst: private buffer for the request
 * @len: bytes to copy, at most the entry size
 *
 * Return: 1 if a request was copied, 0 if none is left before @prod,
 * -EINVAL (nothing consumed) if @len exceeds the entry size.
 */
int pv_back_ring_take_req(struct pv_back_ring *r, RING_IDX prod, void *dst,
			  size_t len)
{
	if (len > r->ent_size)
		return -EINVAL;
	if (r->req_cons == prod)
		return 0;
	pv_copy_shared(dst, pv_back_ring_slot(r, r->req_cons), len);
	r->req_cons++;
	return 1;
}
PV_EXPORT(pv_back_ring_take_req);

/**
 * pv_back_ring_next_rsp() - claim the next response slot
 * @r: private ring state
 *
 * Return: the slot, or NULL if every consumed request has its response.
 */
void *pv_back_ring_next_rsp(struct pv_back_ring *r)
{
	if (r->rsp_prod_pvt == r->req_cons)
		return NULL;
	return pv_back_ring_slot(r, r->rsp_prod_pvt++);
}
PV_EXPORT(pv_back_ring_next_rsp);

/**
 * pv_back_ring_push() - publish the filled responses
 * @r: private ring state
 *
 * Return: true if the frontend asked for an event for one of them.
 */
bool pv_back_ring_push(struct pv_back_ring *r)
{
	RING_IDX old = r->rsp_pushed;

	r->rsp_pushed = r->rsp_prod_pvt;
	return pv_ring_publish(&r->sring->rsp_prod, &r->sring->rsp_event,
			       old, r->rsp_prod_pvt);
}
PV_EXPORT(pv_back_ring_push);

/**
 * pv_back_ring_final_check() - check for requests and re-arm the event
 * @r: private ring state
 * @more: set if unconsumed requests exist
 *
 * Return: 0, or -EIO if the frontend's index is impossible.
 */
int pv_back_ring_final_check(struct pv_back_ring *r, bool *more)
{
	RING_IDX prod;
	int err = pv_back_ring_req_prod(r, &prod);

	if (err)
		return err;
	if (prod != r->req_cons) {
		*more = true;
		return 0;
	}
	pv_test_hook(PV_TEST_EVENT_ARMING, r->sring, sizeof(*r->sring));
	PV_WRITE_ONCE(r->sring->req_event, r->req_cons + 1);
	pv_mb();
	err = pv_back_ring_req_prod(r, &prod);
	if (err)
		return err;
	*more = prod != r->req_cons;
	return 0;
}
PV_EXPORT(pv_back_ring_final_check);
