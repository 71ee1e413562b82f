// SPDX-License-Identifier: GPL-2.0
/* The event channel and time ABI table as Xen's public headers define it. */
/* The latest interface these headers know; older ones lack some fields. */
#define __XEN_INTERFACE_VERSION__ 0x00040e00
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/vcpu.h>
#include <xen/nmi.h>
#include <xen/version.h>
#include "abi_entry.h"

const struct abi_entry abi_xen_events[] = {
#include "abi_events_list.h"
};
const unsigned int abi_xen_events_nr =
	sizeof(abi_xen_events) / sizeof(abi_xen_events[0]);
