// SPDX-License-Identifier: GPL-2.0
/*
 * The FIFO event channel ABI backend: a control block page per vCPU and
 * an event array grown page by page as ports are bound, walked by the
 * OS-independent core (evtchn_fifo_core.c).
 *
 * Chosen when Xen accepts EVTCHNOP_init_control.  Its pages must be
 * named to Xen by frame number, so it needs the boot code's
 * virt_to_gfn(); without it the service stays on the 2-level ABI.  A
 * control block or event word that the core finds inconsistent stops
 * event delivery on that vCPU with one clear message: a guess could
 * deliver the wrong interrupt.
 */
#include <linux/gfp.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <pv/evtchn_abi.h>
#include <pv/evtchn_fifo.h>
#include <pv/hypercall.h>

#include "evtchn.h"

static struct pv_evtchn_fifo_array pv_fifo_array;
static DEFINE_MUTEX(pv_fifo_grow_lock);
static u64 (*pv_fifo_virt_to_gfn)(const void *va);

static DEFINE_PER_CPU(struct evtchn_fifo_control_block *, pv_fifo_cb);
static DEFINE_PER_CPU(struct pv_evtchn_fifo_queues, pv_fifo_queues);
static DEFINE_PER_CPU(bool, pv_fifo_stopped);

static unsigned int pv_fifo_max_ports(void)
{
	return EVTCHN_FIFO_NR_CHANNELS;
}

/* Give Xen one more page of event words, every one of them masked. */
static int pv_fifo_expand(void)
{
	struct evtchn_expand_array arg;
	unsigned int n = pv_fifo_array.nr_pages, i;
	event_word_t *page;
	long err;

	if (n >= PV_EVTCHN_FIFO_MAX_PAGES)
		return -ENOSPC;
	page = (event_word_t *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	for (i = 0; i < PV_EVTCHN_FIFO_WORDS_PER_PAGE; i++)
		page[i] = BIT(EVTCHN_FIFO_MASKED);
	arg.array_gfn = pv_fifo_virt_to_gfn(page);
	err = pv_hypercall_event_channel_op(EVTCHNOP_expand_array, &arg);
	if (err) {
		free_page((unsigned long)page);
		return err;
	}
	pv_fifo_array.pages[n] = page;
	/* The upcall may look at the page as soon as it is counted. */
	smp_wmb();
	WRITE_ONCE(pv_fifo_array.nr_pages, n + 1);
	return 0;
}

static int pv_fifo_setup_port(evtchn_port_t port)
{
	int err = 0;

	if (port >= EVTCHN_FIFO_NR_CHANNELS)
		return -EINVAL;
	mutex_lock(&pv_fifo_grow_lock);
	while (!err && port >= pv_evtchn_fifo_nr_ports(&pv_fifo_array))
		err = pv_fifo_expand();
	mutex_unlock(&pv_fifo_grow_lock);
	return err;
}

static void pv_fifo_mask(evtchn_port_t port)
{
	pv_evtchn_fifo_mask(&pv_fifo_array, port);
}

static void pv_fifo_unmask(evtchn_port_t port)
{
	if (pv_evtchn_fifo_unmask(&pv_fifo_array, port) > 0)
		pv_evtchn_unmask_hypercall(port);
}

static void pv_fifo_clear_pending(evtchn_port_t port)
{
	pv_evtchn_fifo_clear_pending(&pv_fifo_array, port);
}

static void pv_fifo_set_pending(evtchn_port_t port)
{
	pv_evtchn_fifo_set_pending(&pv_fifo_array, port);
}

static bool pv_fifo_is_pending(evtchn_port_t port)
{
	return pv_evtchn_fifo_is_pending(&pv_fifo_array, port) > 0;
}

static void pv_fifo_handle(unsigned int cpu, struct vcpu_info *vi,
			   pv_evtchn_handler_t fn)
{
	struct evtchn_fifo_control_block *cb = this_cpu_read(pv_fifo_cb);
	struct pv_evtchn_fifo_error err;

	if (this_cpu_read(pv_fifo_stopped) || !cb)
		return;
	if (pv_evtchn_fifo_upcall(&pv_fifo_array, cb,
				  this_cpu_ptr(&pv_fifo_queues), vi,
				  PV_EVTCHN_BUDGET, &err, fn, NULL) < 0) {
		this_cpu_write(pv_fifo_stopped, true);
		pr_err("pv-evtchn: FIFO queue %u of vCPU %u: %s (%u); event delivery on this vCPU stopped\n",
		       err.queue, cpu, err.what, err.value);
	}
}

static const struct pv_evtchn_ops pv_evtchn_fifo_ops = {
	.name		= "FIFO",
	.max_ports	= pv_fifo_max_ports,
	.setup_port	= pv_fifo_setup_port,
	.mask		= pv_fifo_mask,
	.unmask		= pv_fifo_unmask,
	.clear_pending	= pv_fifo_clear_pending,
	.set_pending	= pv_fifo_set_pending,
	.is_pending	= pv_fifo_is_pending,
	.handle		= pv_fifo_handle,
};

static int __init pv_fifo_init_cpu(unsigned int cpu)
{
	struct evtchn_init_control arg = { .vcpu = cpu };
	struct evtchn_fifo_control_block *cb;
	long err;

	cb = (struct evtchn_fifo_control_block *)get_zeroed_page(GFP_KERNEL);
	if (!cb)
		return -ENOMEM;
	arg.control_gfn = pv_fifo_virt_to_gfn(cb);
	arg.offset = 0;
	err = pv_hypercall_event_channel_op(EVTCHNOP_init_control, &arg);
	if (err) {
		free_page((unsigned long)cb);
		return err;
	}
	per_cpu(pv_fifo_cb, cpu) = cb;
	return 0;
}

/**
 * pv_evtchn_fifo_init() - switch to the FIFO ABI if Xen offers it
 * @shinfo: the mapped shared_info page (unused by this ABI)
 * @virt_to_gfn: the frame number Xen knows a kernel page by
 *
 * Every possible vCPU gets its control block now (Xen allows the boot
 * vCPU to set them up for the others), then the first event array page.
 * Once the first EVTCHNOP_init_control succeeds Xen has left the
 * 2-level ABI, so a later failure cannot fall back.
 *
 * Return: the backend's operations, or NULL when Xen refused the FIFO
 * ABI (the 2-level ABI is still in force) or @virt_to_gfn is missing.
 */
const struct pv_evtchn_ops * __init
pv_evtchn_fifo_init(struct shared_info *shinfo,
		    u64 (*virt_to_gfn)(const void *va))
{
	unsigned int cpu;
	bool first = true;
	int err;

	if (!virt_to_gfn)
		return NULL;
	pv_fifo_virt_to_gfn = virt_to_gfn;
	for_each_possible_cpu(cpu) {
		err = pv_fifo_init_cpu(cpu);
		if (err && first) {
			pr_info("pv-evtchn: Xen refused the FIFO ABI (%d)\n",
				err);
			return NULL;
		}
		if (err) {
			pr_err("pv-evtchn: FIFO control block for vCPU %u: %d; its events will not be delivered\n",
			       cpu, err);
			per_cpu(pv_fifo_stopped, cpu) = true;
		}
		first = false;
	}
	err = pv_fifo_setup_port(1);
	if (err)
		pr_err("pv-evtchn: first FIFO event array page: %d\n", err);
	return &pv_evtchn_fifo_ops;
}
