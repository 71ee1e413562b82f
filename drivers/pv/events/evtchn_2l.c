// SPDX-License-Identifier: GPL-2.0
/*
 * The 2-level event channel ABI backend: the bitmaps in shared_info,
 * scanned by the OS-independent core (evtchn_2l_core.c).  Always
 * available; the fallback when Xen has no FIFO ABI.
 */
#include <linux/percpu.h>
#include <pv/evtchn_2l.h>

#include "evtchn.h"

static struct shared_info *pv_2l_shinfo;
static DEFINE_PER_CPU(struct pv_evtchn_2l_state, pv_2l_state);

static unsigned int pv_2l_max_ports(void)
{
	return EVTCHN_2L_NR_CHANNELS;
}

static int pv_2l_setup_port(evtchn_port_t port)
{
	return port < EVTCHN_2L_NR_CHANNELS ? 0 : -EINVAL;
}

static void pv_2l_mask(evtchn_port_t port)
{
	pv_evtchn_2l_mask(pv_2l_shinfo, port);
}

static void pv_2l_unmask(evtchn_port_t port)
{
	/* Pending while masked: only Xen can raise it again. */
	if (pv_evtchn_2l_unmask(pv_2l_shinfo, port) > 0)
		pv_evtchn_unmask_hypercall(port);
}

static void pv_2l_clear_pending(evtchn_port_t port)
{
	pv_evtchn_2l_clear_pending(pv_2l_shinfo, port);
}

static void pv_2l_set_pending(evtchn_port_t port)
{
	pv_evtchn_2l_set_pending(pv_2l_shinfo, port);
}

static bool pv_2l_is_pending(evtchn_port_t port)
{
	return pv_evtchn_2l_is_pending(pv_2l_shinfo, port) > 0;
}

static void pv_2l_handle(unsigned int cpu, struct vcpu_info *vi,
			 pv_evtchn_handler_t fn)
{
	pv_evtchn_2l_upcall(this_cpu_ptr(&pv_2l_state), pv_2l_shinfo, vi,
			    PV_EVTCHN_BUDGET, fn, NULL);
}

static const struct pv_evtchn_ops pv_evtchn_2l_ops = {
	.name		= "2-level",
	.max_ports	= pv_2l_max_ports,
	.setup_port	= pv_2l_setup_port,
	.mask		= pv_2l_mask,
	.unmask		= pv_2l_unmask,
	.clear_pending	= pv_2l_clear_pending,
	.set_pending	= pv_2l_set_pending,
	.is_pending	= pv_2l_is_pending,
	.handle		= pv_2l_handle,
};

/**
 * pv_evtchn_2l_init() - use the 2-level ABI
 * @shinfo: the mapped shared_info page
 *
 * Every port starts masked: nothing is bound yet, and the mask bits are
 * the guest's to set.
 *
 * Return: the backend's operations.
 */
const struct pv_evtchn_ops * __init pv_evtchn_2l_init(struct shared_info *shinfo)
{
	unsigned int cpu, i;

	pv_2l_shinfo = shinfo;
	for (i = 0; i < ARRAY_SIZE(shinfo->evtchn_mask); i++)
		WRITE_ONCE(shinfo->evtchn_mask[i], ~0UL);
	for_each_possible_cpu(cpu)
		pv_evtchn_2l_reset(per_cpu_ptr(&pv_2l_state, cpu));
	return &pv_evtchn_2l_ops;
}
