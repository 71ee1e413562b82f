/* SPDX-License-Identifier: GPL-2.0 */
/*
 * event_channel_op hypercall.  Only what the port uses so far; names and
 * values follow Xen's public event_channel.h.
 */
#ifndef _PV_EVENT_CHANNEL_H
#define _PV_EVENT_CHANNEL_H

#include <linux/types.h>

typedef u32 evtchn_port_t;

#define EVTCHNOP_bind_interdomain	0
#define EVTCHNOP_bind_virq		1
#define EVTCHNOP_bind_pirq		2
#define EVTCHNOP_close			3
#define EVTCHNOP_send			4
#define EVTCHNOP_status			5
#define EVTCHNOP_alloc_unbound		6
#define EVTCHNOP_bind_ipi		7
#define EVTCHNOP_bind_vcpu		8
#define EVTCHNOP_unmask			9

/**
 * struct evtchn_send - argument of EVTCHNOP_send
 * @port: local port to signal the other end of
 */
struct evtchn_send {
	evtchn_port_t port;
};

#endif /* _PV_EVENT_CHANNEL_H */
