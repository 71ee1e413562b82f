/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PV console ring (Xen's io/console.h): one shared page holding an input
 * ring (backend to guest) and an output ring (guest to backend), each with
 * free-running indexes.  The guest produces out_prod and in_cons; the
 * backend the other two.
 */
#ifndef _PV_IO_CONSOLE_H
#define _PV_IO_CONSOLE_H

#include <pv/compat.h>

typedef u32 XENCONS_RING_IDX;

#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

/**
 * struct xencons_interface - the shared console page
 * @in: input bytes from the backend
 * @out: output bytes to the backend
 * @in_cons: guest's consumer index of @in
 * @in_prod: backend's producer index of @in
 * @out_cons: backend's consumer index of @out
 * @out_prod: guest's producer index of @out
 */
struct xencons_interface {
	char in[1024];
	char out[2048];
	XENCONS_RING_IDX in_cons, in_prod;
	XENCONS_RING_IDX out_cons, out_prod;
};

int pv_cons_write(struct xencons_interface *intf, const void *data,
		  size_t len);
int pv_cons_read(struct xencons_interface *intf, void *data, size_t len);
int pv_cons_out_space(struct xencons_interface *intf);
int pv_cons_in_pending(struct xencons_interface *intf);

#endif /* _PV_IO_CONSOLE_H */
