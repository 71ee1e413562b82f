// SPDX-License-Identifier: GPL-2.0
/*
 * Byte-stream ring transfers with partial progress: a call moves as many
 * bytes as fit (or are available) and says how many; wrap of the data
 * array and of the 32-bit indexes are both handled by masking and unsigned
 * differences.  The only fatal condition is a producer/consumer distance
 * larger than the ring, which no honest peer can produce.
 */
#include <pv/io/byte_ring.h>

/* Read both indexes once; the distance between them must fit the ring. */
static int pv_byte_ring_snap(const struct pv_byte_ring *r, u32 *cons,
			     u32 *prod)
{
	*cons = PV_READ_ONCE(*r->cons);
	*prod = PV_READ_ONCE(*r->prod);
	if ((u32)(*prod - *cons) > r->size)
		return -EIO;
	return 0;
}

/**
 * pv_byte_ring_write() - produce bytes
 * @r: ring
 * @data: bytes to send
 * @len: number of bytes
 *
 * Return: bytes written (0 if the ring is full), or -EIO if the shared
 * indexes are inconsistent.
 */
int pv_byte_ring_write(const struct pv_byte_ring *r, const void *data,
		       size_t len)
{
	u32 cons, prod, off, n, first;
	int err = pv_byte_ring_snap(r, &cons, &prod);

	if (err)
		return err;
	n = r->size - (u32)(prod - cons);
	if (len < n)
		n = (u32)len;
	if (!n)
		return 0;
	/* The consumer must be done with the space before it is reused. */
	pv_mb();
	off = prod & (r->size - 1);
	first = r->size - off;
	if (first > n)
		first = n;
	memcpy(r->buf + off, data, first);
	memcpy(r->buf, (const char *)data + first, n - first);
	/* Data before the index that publishes it. */
	pv_wmb();
	PV_WRITE_ONCE(*r->prod, prod + n);
	return (int)n;
}
PV_EXPORT(pv_byte_ring_write);

/**
 * pv_byte_ring_read() - consume bytes
 * @r: ring
 * @data: private destination
 * @len: room in @data
 *
 * Return: bytes read (0 if the ring is empty), or -EIO if the shared
 * indexes are inconsistent.
 */
int pv_byte_ring_read(const struct pv_byte_ring *r, void *data, size_t len)
{
	u32 cons, prod, off, n, first;
	int err = pv_byte_ring_snap(r, &cons, &prod);

	if (err)
		return err;
	n = (u32)(prod - cons);
	if (len < n)
		n = (u32)len;
	if (!n)
		return 0;
	/* Data only after the index that covers it. */
	pv_rmb();
	off = cons & (r->size - 1);
	first = r->size - off;
	if (first > n)
		first = n;
	pv_copy_shared(data, r->buf + off, first);
	pv_copy_shared((char *)data + first, r->buf, n - first);
	/* Finish reading before handing the space back to the producer. */
	pv_mb();
	PV_WRITE_ONCE(*r->cons, cons + n);
	return (int)n;
}
PV_EXPORT(pv_byte_ring_read);

/**
 * pv_byte_ring_pending() - bytes available to read
 * @r: ring
 *
 * Return: the count, or -EIO if the shared indexes are inconsistent.
 */
int pv_byte_ring_pending(const struct pv_byte_ring *r)
{
	u32 cons, prod;
	int err = pv_byte_ring_snap(r, &cons, &prod);

	return err ? err : (int)(prod - cons);
}
PV_EXPORT(pv_byte_ring_pending);

/**
 * pv_byte_ring_space() - bytes that can be written now
 * @r: ring
 *
 * Return: the count, or -EIO if the shared indexes are inconsistent.
 */
int pv_byte_ring_space(const struct pv_byte_ring *r)
{
	u32 cons, prod;
	int err = pv_byte_ring_snap(r, &cons, &prod);

	return err ? err : (int)(r->size - (prod - cons));
}
PV_EXPORT(pv_byte_ring_space);
