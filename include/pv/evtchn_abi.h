/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of Xen's event channel ABI that include/pv/event_channel.h
 * does not define yet: the binding operations, the FIFO ABI, and the
 * virtual IRQ numbers.  Names and values follow Xen's public
 * event_channel.h and xen.h, which are the specification.  Usable from
 * the kernel and from the user-space unit tests (through pv/compat.h).
 */
#ifndef _PV_EVTCHN_ABI_H
#define _PV_EVTCHN_ABI_H

#include <pv/compat.h>
#include <pv/xen.h>
#include <pv/event_channel.h>

#define EVTCHNOP_reset			10
#define EVTCHNOP_init_control		11
#define EVTCHNOP_expand_array		12
#define EVTCHNOP_set_priority		13

/* Virtual IRQs (xen.h): "V" ones are per vCPU, the others global. */
#define VIRQ_TIMER	0	/* V: the single-shot or periodic timer fired */
#define VIRQ_DEBUG	1	/* V: dump debug information */
#define VIRQ_CONSOLE	2	/* dom0: Xen's console has input */
#define VIRQ_DOM_EXC	3	/* dom0: a domain needs attention */
#define VIRQ_TBUF	4
#define VIRQ_DEBUGGER	6
#define VIRQ_XENOPROF	7
#define VIRQ_CON_RING	8
#define VIRQ_PCPU_STATE	9
#define VIRQ_MEM_EVENT	10
#define VIRQ_ARGO	11
#define VIRQ_ENOMEM	12
#define VIRQ_XENPMU	13
#define NR_VIRQS	24

/**
 * struct evtchn_alloc_unbound - argument of EVTCHNOP_alloc_unbound
 * @dom: domain to allocate in (DOMID_SELF for an unprivileged guest)
 * @remote_dom: domain allowed to bind to the new port
 * @port: out: the new local port
 */
struct evtchn_alloc_unbound {
	domid_t dom, remote_dom;
	evtchn_port_t port;
};

/**
 * struct evtchn_bind_interdomain - argument of EVTCHNOP_bind_interdomain
 * @remote_dom: the peer domain
 * @remote_port: the peer's unbound port, offered to us
 * @local_port: out: our new port
 */
struct evtchn_bind_interdomain {
	domid_t remote_dom;
	evtchn_port_t remote_port;
	evtchn_port_t local_port;
};

/**
 * struct evtchn_bind_virq - argument of EVTCHNOP_bind_virq
 * @virq: VIRQ_*
 * @vcpu: vCPU to deliver on (0 for global VIRQs)
 * @port: out: the new local port
 */
struct evtchn_bind_virq {
	u32 virq;
	u32 vcpu;
	evtchn_port_t port;
};

/**
 * struct evtchn_bind_ipi - argument of EVTCHNOP_bind_ipi
 * @vcpu: vCPU to deliver on
 * @port: out: the new local port
 */
struct evtchn_bind_ipi {
	u32 vcpu;
	evtchn_port_t port;
};

/**
 * struct evtchn_close - argument of EVTCHNOP_close
 * @port: local port to close
 */
struct evtchn_close {
	evtchn_port_t port;
};

/**
 * struct evtchn_bind_vcpu - argument of EVTCHNOP_bind_vcpu
 * @port: local port
 * @vcpu: vCPU to deliver it on from now on
 */
struct evtchn_bind_vcpu {
	evtchn_port_t port;
	u32 vcpu;
};

/**
 * struct evtchn_unmask - argument of EVTCHNOP_unmask
 * @port: local port to unmask (Xen re-raises it if pending)
 */
struct evtchn_unmask {
	evtchn_port_t port;
};

/**
 * struct evtchn_init_control - argument of EVTCHNOP_init_control
 * @control_gfn: frame of the page holding this vCPU's control block
 * @offset: byte offset of the control block in that page
 * @vcpu: the vCPU
 * @link_bits: out: width of the LINK field Xen uses
 * @_pad: padding
 */
struct evtchn_init_control {
	u64 control_gfn;
	u32 offset;
	u32 vcpu;
	u8 link_bits;
	u8 _pad[7];
};

/**
 * struct evtchn_expand_array - argument of EVTCHNOP_expand_array
 * @array_gfn: frame of one more page of event words
 */
struct evtchn_expand_array {
	u64 array_gfn;
};

/**
 * struct evtchn_set_priority - argument of EVTCHNOP_set_priority
 * @port: local port
 * @priority: EVTCHN_FIFO_PRIORITY_MAX (0) to _MIN (15)
 */
struct evtchn_set_priority {
	evtchn_port_t port;
	u32 priority;
};

/* 2-level ABI: one bit per port in shared_info, 64 words of 64 bits. */
#define EVTCHN_2L_NR_CHANNELS	(sizeof(unsigned long) * sizeof(unsigned long) * 64)

/* FIFO ABI. */
#define EVTCHN_FIFO_PRIORITY_MAX	0
#define EVTCHN_FIFO_PRIORITY_DEFAULT	7
#define EVTCHN_FIFO_PRIORITY_MIN	15
#define EVTCHN_FIFO_MAX_QUEUES		(EVTCHN_FIFO_PRIORITY_MIN + 1)

typedef u32 event_word_t;

#define EVTCHN_FIFO_PENDING	31
#define EVTCHN_FIFO_MASKED	30
#define EVTCHN_FIFO_LINKED	29
#define EVTCHN_FIFO_BUSY	28

#define EVTCHN_FIFO_LINK_BITS	17
#define EVTCHN_FIFO_LINK_MASK	((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS	(1 << EVTCHN_FIFO_LINK_BITS)

/**
 * struct evtchn_fifo_control_block - per-vCPU FIFO control block
 * @ready: bit N set by Xen when queue N (priority N) became non-empty
 * @_rsvd: reserved
 * @head: first port of each queue, as Xen last left it
 */
struct evtchn_fifo_control_block {
	u32 ready;
	u32 _rsvd;
	u32 head[EVTCHN_FIFO_MAX_QUEUES];
};

#endif /* _PV_EVTCHN_ABI_H */
