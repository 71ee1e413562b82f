// SPDX-License-Identifier: GPL-2.0
/* The ABI table as include/pv/io/ defines it. */
#include <pv/io/blkif.h>
#include <pv/io/grant_table.h>
#include <pv/io/console.h>
#include <pv/io/netif.h>
#include <pv/io/ring.h>
#include <pv/io/xs_wire.h>
#include "abi_entry.h"

struct abi_entry abi_ours[] = {
#include "abi_list.h"
	{ "ring entries offset", PV_SRING_HDR_SIZE },
	SRING_ROWS(blkif, struct pv_sring, sizeof(struct pv_sring))
	SRING_ROWS(netif_tx, struct pv_sring, sizeof(struct pv_sring))
	SRING_ROWS(netif_rx, struct pv_sring, sizeof(struct pv_sring))
	{ "blkif ring size, 1 page", -1 },
	{ "blkif ring size, 2 pages", -1 },
	{ "blkif ring size, 16 pages", -1 },
	{ "netif tx ring size", -1 },
	{ "netif rx ring size", -1 },
	{ "console in size", (long long)sizeof(((struct xencons_interface *)0)->in) },
	{ "console out size", (long long)sizeof(((struct xencons_interface *)0)->out) },
};
const unsigned int abi_ours_nr = sizeof(abi_ours) / sizeof(abi_ours[0]);

/* Ring sizes come from the core's function, computed at run time. */
void abi_ours_init(void)
{
	unsigned int i;

	for (i = 0; i < abi_ours_nr; i++) {
		const char *w = abi_ours[i].what;

		if (!strcmp(w, "blkif ring size, 1 page"))
			abi_ours[i].value = pv_blkif_ring_size(0);
		else if (!strcmp(w, "blkif ring size, 2 pages"))
			abi_ours[i].value = pv_blkif_ring_size(1);
		else if (!strcmp(w, "blkif ring size, 16 pages"))
			abi_ours[i].value = pv_blkif_ring_size(4);
		else if (!strcmp(w, "netif tx ring size"))
			abi_ours[i].value = PV_NETIF_TX_RING_SIZE;
		else if (!strcmp(w, "netif rx ring size"))
			abi_ours[i].value = PV_NETIF_RX_RING_SIZE;
	}
}
