// SPDX-License-Identifier: GPL-2.0
/*
 * Console ring core: the guest side of xencons_interface.  Writes are
 * partial when the output ring is nearly full (the caller retries after an
 * event or drops, its choice); reads return what is there.  A corrupted
 * index pair is -EIO: the console driver stops using the page.
 */
#include <pv/io/byte_ring.h>
#include <pv/io/console.h>

static void pv_cons_out_ring(struct xencons_interface *intf,
			     struct pv_byte_ring *r)
{
	r->buf = intf->out;
	r->size = sizeof(intf->out);
	r->cons = &intf->out_cons;
	r->prod = &intf->out_prod;
}

static void pv_cons_in_ring(struct xencons_interface *intf,
			    struct pv_byte_ring *r)
{
	r->buf = intf->in;
	r->size = sizeof(intf->in);
	r->cons = &intf->in_cons;
	r->prod = &intf->in_prod;
}

/**
 * pv_cons_write() - queue output for the backend
 * @intf: shared console page
 * @data: bytes
 * @len: number of bytes
 *
 * The caller notifies the backend when the result is positive.
 *
 * Return: bytes queued (possibly fewer than @len, 0 when full), or -EIO.
 */
int pv_cons_write(struct xencons_interface *intf, const void *data,
		  size_t len)
{
	struct pv_byte_ring r;

	pv_cons_out_ring(intf, &r);
	return pv_byte_ring_write(&r, data, len);
}
PV_EXPORT(pv_cons_write);

/**
 * pv_cons_read() - take input from the backend
 * @intf: shared console page
 * @data: private destination
 * @len: room in @data
 *
 * The caller notifies the backend when the result is positive, since
 * space was freed.
 *
 * Return: bytes read (0 when empty), or -EIO.
 */
int pv_cons_read(struct xencons_interface *intf, void *data, size_t len)
{
	struct pv_byte_ring r;

	pv_cons_in_ring(intf, &r);
	return pv_byte_ring_read(&r, data, len);
}
PV_EXPORT(pv_cons_read);

/**
 * pv_cons_out_space() - room left in the output ring
 * @intf: shared console page
 *
 * Return: bytes, or -EIO.
 */
int pv_cons_out_space(struct xencons_interface *intf)
{
	struct pv_byte_ring r;

	pv_cons_out_ring(intf, &r);
	return pv_byte_ring_space(&r);
}
PV_EXPORT(pv_cons_out_space);

/**
 * pv_cons_in_pending() - input bytes waiting
 * @intf: shared console page
 *
 * Return: bytes, or -EIO.
 */
int pv_cons_in_pending(struct xencons_interface *intf)
{
	struct pv_byte_ring r;

	pv_cons_in_ring(intf, &r);
	return pv_byte_ring_pending(&r);
}
PV_EXPORT(pv_cons_in_pending);
