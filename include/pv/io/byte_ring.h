/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One direction of a byte-stream ring, as used by the console
 * (xencons_interface) and xenstore (xenstore_domain_interface): a
 * power-of-two byte array with free-running 32-bit consumer and producer
 * indexes.  Both indexes live in shared memory; the peer owns one of them
 * and may corrupt both, so they are read once and checked on every call.
 */
#ifndef _PV_IO_BYTE_RING_H
#define _PV_IO_BYTE_RING_H

#include <pv/compat.h>

/**
 * struct pv_byte_ring - one direction of a byte-stream ring
 * @buf: the shared data array
 * @size: size of @buf, a power of two
 * @cons: shared consumer index
 * @prod: shared producer index
 */
struct pv_byte_ring {
	char *buf;
	u32 size;
	u32 *cons;
	u32 *prod;
};

int pv_byte_ring_write(const struct pv_byte_ring *r, const void *data,
		       size_t len);
int pv_byte_ring_read(const struct pv_byte_ring *r, void *data, size_t len);
int pv_byte_ring_pending(const struct pv_byte_ring *r);
int pv_byte_ring_space(const struct pv_byte_ring *r);

#endif /* _PV_IO_BYTE_RING_H */
