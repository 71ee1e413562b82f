/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched_op hypercall: yield, block, poll and shut down.  Names and values
 * follow Xen's public sched.h.
 */
#ifndef _PV_SCHED_H
#define _PV_SCHED_H

#define SCHEDOP_yield		0
#define SCHEDOP_block		1
#define SCHEDOP_shutdown	2
#define SCHEDOP_poll		3
#define SCHEDOP_remote_shutdown	4
#define SCHEDOP_shutdown_code	5
#define SCHEDOP_watchdog	6

/* Why a domain shuts down (struct sched_shutdown.reason). */
#define SHUTDOWN_poweroff	0
#define SHUTDOWN_reboot		1
#define SHUTDOWN_suspend	2
#define SHUTDOWN_crash		3
#define SHUTDOWN_watchdog	4
#define SHUTDOWN_soft_reset	5
#define SHUTDOWN_MAX		5

#ifndef __ASSEMBLY__
#include <linux/types.h>

/**
 * struct sched_shutdown - argument of SCHEDOP_shutdown
 * @reason: one of SHUTDOWN_*
 */
struct sched_shutdown {
	unsigned int reason;
};

/**
 * struct sched_poll - argument of SCHEDOP_poll
 * @ports: guest address of an array of event channel ports
 * @nr_ports: number of entries in @ports
 * @timeout: absolute system time (ns) to give up at, 0 for none
 */
struct sched_poll {
	u32 *ports;
	unsigned int nr_ports;
	u64 timeout;
};

#endif /* __ASSEMBLY__ */
#endif /* _PV_SCHED_H */
