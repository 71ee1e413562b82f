// SPDX-License-Identifier: GPL-2.0
/*
 * Console ring against a backend that sets any index and writes any
 * bytes: guest writes and reads must move at most what fits or what is
 * there, keep the indexes consistent, and refuse corrupted ones.
 */
#include <pv/io/console.h>
#include "fuzz.h"

static struct xencons_interface intf;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = { data, size };
	char buf[3000];
	int steps = 0;

	memset(&intf, 0, sizeof(intf));
	intf.in_cons = intf.in_prod = fz_u32(&f);
	intf.out_cons = intf.out_prod = fz_u32(&f);

	while (!fz_empty(&f) && steps++ < 2000) {
		u8 cmd = fz_u8(&f);
		u32 len = fz_u16(&f) % sizeof(buf);
		u32 before, pending;
		int r;

		switch (cmd % 5) {
		case 0:		/* guest output */
			before = intf.out_prod;
			pending = intf.out_prod - intf.out_cons;
			fz_bytes(&f, buf, len % 64);
			r = pv_cons_write(&intf, buf, len);
			if (r < 0) {
				CHECK(r == -EIO && pending > 2048);
				CHECK(intf.out_prod == before);
			} else {
				CHECK((u32)r <= len && pending + r <= 2048);
				CHECK(intf.out_prod == before + (u32)r);
				CHECK((u32)r == len || pending + r == 2048);
			}
			break;
		case 1:		/* guest input */
			before = intf.in_cons;
			pending = intf.in_prod - intf.in_cons;
			r = pv_cons_read(&intf, buf, len);
			if (r < 0) {
				CHECK(r == -EIO && pending > 1024);
				CHECK(intf.in_cons == before);
			} else {
				CHECK((u32)r <= len && (u32)r <= pending);
				CHECK((u32)r == len || (u32)r == pending);
				CHECK(intf.in_cons == before + (u32)r);
			}
			break;
		case 2:		/* backend produces input */
			intf.in_prod += len % 1100;
			fz_bytes(&f, intf.in, fz_u8(&f));
			break;
		case 3:		/* backend consumes output */
			intf.out_cons += len % 2100;
			break;
		case 4:		/* backend sets an index to anything */
			if (len & 1)
				intf.in_prod = fz_u32(&f);
			else
				intf.out_cons = fz_u32(&f);
			break;
		}
		r = pv_cons_out_space(&intf);
		CHECK(r == -EIO || (r >= 0 && r <= 2048));
		r = pv_cons_in_pending(&intf);
		CHECK(r == -EIO || (r >= 0 && r <= 1024));
	}
	return 0;
}
