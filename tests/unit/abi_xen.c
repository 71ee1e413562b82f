// SPDX-License-Identifier: GPL-2.0
/*
 * The ABI table as Xen's public headers (libxen-dev) define it, plus the
 * facts our headers spell differently (ring header, ring sizes, xenstore
 * error names).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/grant_table.h>
#include <xen/io/blkif.h>
#include <xen/io/console.h>
#include <xen/io/netif.h>
#include <xen/io/ring.h>
#include <xen/io/xs_wire.h>
#include "abi_entry.h"

const struct abi_entry abi_xen[] = {
#include "abi_list.h"
	{ "ring entries offset", (long long)offsetof(struct blkif_sring, ring) },
	SRING_ROWS(blkif, struct blkif_sring, offsetof(struct blkif_sring, ring))
	SRING_ROWS(netif_tx, struct netif_tx_sring,
		   offsetof(struct netif_tx_sring, ring))
	SRING_ROWS(netif_rx, struct netif_rx_sring,
		   offsetof(struct netif_rx_sring, ring))
	{ "blkif ring size, 1 page", __CONST_RING_SIZE(blkif, 4096) },
	{ "blkif ring size, 2 pages", __CONST_RING_SIZE(blkif, 4096 << 1) },
	{ "blkif ring size, 16 pages", __CONST_RING_SIZE(blkif, 4096 << 4) },
	{ "netif tx ring size", __CONST_RING_SIZE(netif_tx, 4096) },
	{ "netif rx ring size", __CONST_RING_SIZE(netif_rx, 4096) },
	{ "console in size", (long long)sizeof(((struct xencons_interface *)0)->in) },
	{ "console out size", (long long)sizeof(((struct xencons_interface *)0)->out) },
};
const unsigned int abi_xen_nr = sizeof(abi_xen) / sizeof(abi_xen[0]);

/* Xen's error table, exported for the ours side to decode. */
const struct xsd_errors *const abi_xen_errors = xsd_errors;
const unsigned int abi_xen_nr_errors = sizeof(xsd_errors) / sizeof(xsd_errors[0]);
