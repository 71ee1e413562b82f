// SPDX-License-Identifier: GPL-2.0
/*
 * The event channel service: Xen event channels as Linux interrupts.
 *
 * Each bound port gets an IRQ descriptor of its own whose irq_chip masks,
 * unmasks and acknowledges the port through the ABI backend in force
 * (FIFO or 2-level, chosen once at boot).  The upcall walks the pending
 * ports with the backend's OS-independent core and hands each one to
 * generic_handle_irq(); a port that nothing is bound to is masked and
 * reported instead.  Port to IRQ lookup is an xarray, read under RCU in
 * the upcall and changed only under pv_evtchn_mutex.
 *
 * Every port number Xen returns from a binding operation is checked
 * against the ABI's range before it indexes anything.
 *
 * Not yet wired (issue 5): the PV boot path must call pv_evtchn_init()
 * and route the upcall here; see Documentation/events/index.rst.
 */
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <pv/events.h>
#include <pv/evtchn_abi.h>
#include <pv/hypercall.h>

#include "evtchn.h"

enum pv_evtchn_kind {
	PV_EVTCHN_PORT,		/* a port we were given or allocated */
	PV_EVTCHN_INTERDOMAIN,	/* bound to a peer's port */
	PV_EVTCHN_VIRQ,		/* one of Xen's virtual IRQs */
};

/**
 * struct pv_evtchn_info - one bound port
 * @port: the local port
 * @irq: its Linux IRQ
 * @kind: how it was bound
 * @virq: the VIRQ, for PV_EVTCHN_VIRQ
 * @cpu: the vCPU it is delivered on
 * @close_on_unbind: whether unbinding closes the port in Xen
 */
struct pv_evtchn_info {
	evtchn_port_t port;
	int irq;
	enum pv_evtchn_kind kind;
	unsigned int virq;
	unsigned int cpu;
	bool close_on_unbind;
};

enum pv_evtchn_abi_choice { PV_EVTCHN_AUTO, PV_EVTCHN_FORCE_2L,
			    PV_EVTCHN_FORCE_FIFO };

static enum pv_evtchn_abi_choice pv_evtchn_choice __initdata;
static const struct pv_evtchn_ops *pv_evtchn_ops __read_mostly;
static struct shared_info *pv_evtchn_shinfo __read_mostly;
static DEFINE_XARRAY(pv_evtchn_ports);
static DEFINE_MUTEX(pv_evtchn_mutex);
static atomic_t pv_evtchn_spurious;

static int __init pv_evtchn_param(char *arg)
{
	if (!arg)
		return -EINVAL;
	if (!strcmp(arg, "2l"))
		pv_evtchn_choice = PV_EVTCHN_FORCE_2L;
	else if (!strcmp(arg, "fifo"))
		pv_evtchn_choice = PV_EVTCHN_FORCE_FIFO;
	else
		pr_warn("pv-evtchn: unknown pv_evtchn=%s (2l or fifo)\n", arg);
	return 0;
}
early_param("pv_evtchn", pv_evtchn_param);

/**
 * pv_evtchn_unmask_hypercall() - ask Xen to unmask a port
 * @port: the port
 *
 * Used when the port became pending while masked: Xen then raises it
 * again on the vCPU it is bound to.
 */
void pv_evtchn_unmask_hypercall(evtchn_port_t port)
{
	struct evtchn_unmask arg = { .port = port };

	pv_hypercall_event_channel_op(EVTCHNOP_unmask, &arg);
}

/* ---- irq_chip ---- */

static evtchn_port_t pv_evtchn_data_port(struct irq_data *d)
{
	const struct pv_evtchn_info *info = irq_data_get_irq_chip_data(d);

	return info->port;
}

static void pv_evtchn_irq_mask(struct irq_data *d)
{
	pv_evtchn_ops->mask(pv_evtchn_data_port(d));
}

static void pv_evtchn_irq_unmask(struct irq_data *d)
{
	pv_evtchn_ops->unmask(pv_evtchn_data_port(d));
}

static void pv_evtchn_irq_ack(struct irq_data *d)
{
	pv_evtchn_ops->clear_pending(pv_evtchn_data_port(d));
}

static void pv_evtchn_irq_mask_ack(struct irq_data *d)
{
	evtchn_port_t port = pv_evtchn_data_port(d);

	pv_evtchn_ops->mask(port);
	pv_evtchn_ops->clear_pending(port);
}

/*
 * Replay an event (the edge flow acknowledged it while the IRQ was
 * disabled): mark it pending while masked, then unmask, which finds it
 * pending and has Xen raise it.
 */
static int pv_evtchn_irq_retrigger(struct irq_data *d)
{
	evtchn_port_t port = pv_evtchn_data_port(d);

	pv_evtchn_ops->mask(port);
	pv_evtchn_ops->set_pending(port);
	pv_evtchn_ops->unmask(port);
	return 1;
}

/* Edge flow: acknowledge (clear pending) before the handler runs. */
static struct irq_chip pv_evtchn_chip = {
	.name			= "pv-evtchn",
	.irq_mask		= pv_evtchn_irq_mask,
	.irq_unmask		= pv_evtchn_irq_unmask,
	.irq_ack		= pv_evtchn_irq_ack,
	.irq_mask_ack		= pv_evtchn_irq_mask_ack,
	.irq_retrigger		= pv_evtchn_irq_retrigger,
};

/* Per-vCPU VIRQs (the timer): never moved, never shared. */
static struct irq_chip pv_evtchn_percpu_chip = {
	.name			= "pv-percpu",
	.irq_mask		= pv_evtchn_irq_mask,
	.irq_unmask		= pv_evtchn_irq_unmask,
	.irq_ack		= pv_evtchn_irq_ack,
};

/* ---- upcall ---- */

static void pv_evtchn_dispatch(evtchn_port_t port, void *ctx)
{
	struct pv_evtchn_info *info = xa_load(&pv_evtchn_ports, port);

	if (likely(info)) {
		generic_handle_irq(info->irq);
		return;
	}
	/* Raised by Xen but bound to nothing of ours: keep it quiet. */
	pv_evtchn_ops->mask(port);
	pv_evtchn_ops->clear_pending(port);
	atomic_inc(&pv_evtchn_spurious);
	pr_warn_ratelimited("pv-evtchn: event on unbound port %u masked\n",
			    port);
}

/**
 * pv_evtchn_handle_upcall() - deliver this vCPU's pending events
 *
 * Called by the event upcall entry (arch/x86/pv) in interrupt context,
 * with event delivery masked, between irq_enter_rcu() and
 * irq_exit_rcu().  Each pending port's IRQ is handled in turn.
 */
void pv_evtchn_handle_upcall(void)
{
	/* Pairs with pv_evtchn_init(): the backend is set up before use. */
	const struct pv_evtchn_ops *ops = smp_load_acquire(&pv_evtchn_ops);
	unsigned int cpu = smp_processor_id();
	struct vcpu_info *vi;

	if (unlikely(!ops || cpu >= XEN_LEGACY_MAX_VCPUS)) {
		pr_err_once("pv-evtchn: upcall on vCPU %u before the service is set up\n",
			    cpu);
		return;
	}
	vi = &pv_evtchn_shinfo->vcpu_info[cpu];
	ops->handle(cpu, vi, pv_evtchn_dispatch);
}

/* ---- binding ---- */

static bool pv_evtchn_percpu_virq(unsigned int virq)
{
	return virq == VIRQ_TIMER || virq == VIRQ_DEBUG ||
	       virq == VIRQ_XENOPROF || virq == VIRQ_XENPMU;
}

static void pv_evtchn_close(evtchn_port_t port)
{
	struct evtchn_close arg = { .port = port };
	long err;

	err = pv_hypercall_event_channel_op(EVTCHNOP_close, &arg);
	if (err)
		pr_warn("pv-evtchn: closing port %u: %ld\n", port, err);
}

/*
 * Give @port (already checked) an IRQ and request it.  On failure the
 * port is closed if the caller owns it.
 */
static int pv_evtchn_bind(evtchn_port_t port, enum pv_evtchn_kind kind,
			  unsigned int virq, unsigned int cpu, bool close,
			  irq_handler_t handler, unsigned long irqflags,
			  const char *name, void *dev)
{
	struct pv_evtchn_info *info;
	bool percpu;
	int irq, err;

	if (!pv_evtchn_ops) {
		err = -ENODEV;
		goto out_close;
	}
	if (port == 0 || port >= pv_evtchn_ops->max_ports()) {
		pr_err("pv-evtchn: Xen gave port %u, outside 1..%u\n", port,
		       pv_evtchn_ops->max_ports() - 1);
		err = -EIO;
		goto out_close;
	}
	err = pv_evtchn_ops->setup_port(port);
	if (err)
		goto out_close;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		err = -ENOMEM;
		goto out_close;
	}
	info->port = port;
	info->kind = kind;
	info->virq = virq;
	info->cpu = cpu;
	info->close_on_unbind = close;

	/* Not IRQ 0: too much code reads 0 as "no interrupt". */
	irq = irq_alloc_desc_from(1, cpu_to_node(cpu));
	if (irq < 0) {
		err = irq;
		goto out_free;
	}
	info->irq = irq;
	percpu = kind == PV_EVTCHN_VIRQ && pv_evtchn_percpu_virq(virq);
	if (percpu)
		irq_set_chip_and_handler_name(irq, &pv_evtchn_percpu_chip,
					      handle_percpu_irq, "virq");
	else
		irq_set_chip_and_handler_name(irq, &pv_evtchn_chip,
					      handle_edge_irq, "event");
	irq_set_chip_data(irq, info);
	/* Masked until request_irq() starts it up. */
	pv_evtchn_ops->mask(port);

	mutex_lock(&pv_evtchn_mutex);
	err = xa_insert(&pv_evtchn_ports, port, info, GFP_KERNEL);
	mutex_unlock(&pv_evtchn_mutex);
	if (err) {
		pr_err("pv-evtchn: port %u is bound already\n", port);
		close = false;
		goto out_desc;
	}

	if (percpu)
		irqflags |= IRQF_PERCPU | IRQF_NOBALANCING;
	err = request_irq(irq, handler, irqflags, name, dev);
	if (err)
		goto out_erase;
	return irq;

out_erase:
	mutex_lock(&pv_evtchn_mutex);
	xa_erase(&pv_evtchn_ports, port);
	mutex_unlock(&pv_evtchn_mutex);
out_desc:
	irq_free_desc(irq);
out_free:
	kfree(info);
out_close:
	if (close && port)
		pv_evtchn_close(port);
	return err;
}

/**
 * pv_evtchn_bind_virq() - handle one of Xen's virtual IRQs
 * @virq: VIRQ_*
 * @cpu: the vCPU to deliver it on (per-vCPU VIRQs such as VIRQ_TIMER are
 *	bound once per vCPU; global ones on vCPU 0)
 * @handler: the interrupt handler
 * @irqflags: IRQF_* for request_irq()
 * @name: name in /proc/interrupts
 * @dev: cookie for @handler and pv_evtchn_unbind()
 *
 * Return: the IRQ number, or a negative errno.
 */
int pv_evtchn_bind_virq(unsigned int virq, unsigned int cpu,
			irq_handler_t handler, unsigned long irqflags,
			const char *name, void *dev)
{
	struct evtchn_bind_virq arg = { .virq = virq, .vcpu = cpu };
	long err;

	if (virq >= NR_VIRQS || cpu >= XEN_LEGACY_MAX_VCPUS)
		return -EINVAL;
	err = pv_hypercall_event_channel_op(EVTCHNOP_bind_virq, &arg);
	if (err)
		return err;
	return pv_evtchn_bind(arg.port, PV_EVTCHN_VIRQ, virq, cpu, true,
			      handler, irqflags, name, dev);
}
EXPORT_SYMBOL_GPL(pv_evtchn_bind_virq);

/**
 * pv_evtchn_bind_interdomain() - connect to a port another domain offers
 * @remote_dom: the other domain
 * @remote_port: its unbound port, offered to us (e.g. through xenstore)
 * @handler: the interrupt handler
 * @irqflags: IRQF_* for request_irq()
 * @name: name in /proc/interrupts
 * @dev: cookie for @handler and pv_evtchn_unbind()
 *
 * Return: the IRQ number, or a negative errno.
 */
int pv_evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port,
			       irq_handler_t handler, unsigned long irqflags,
			       const char *name, void *dev)
{
	struct evtchn_bind_interdomain arg = {
		.remote_dom = remote_dom,
		.remote_port = remote_port,
	};
	long err;

	err = pv_hypercall_event_channel_op(EVTCHNOP_bind_interdomain, &arg);
	if (err)
		return err;
	return pv_evtchn_bind(arg.local_port, PV_EVTCHN_INTERDOMAIN, 0, 0,
			      true, handler, irqflags, name, dev);
}
EXPORT_SYMBOL_GPL(pv_evtchn_bind_interdomain);

/**
 * pv_evtchn_alloc_unbound() - allocate a port for another domain to bind
 * @remote_dom: the domain allowed to bind to it
 * @port: out: the new local port
 *
 * The caller publishes @port (e.g. in xenstore) and binds a handler to
 * it with pv_evtchn_bind_port(..., true, ...).
 *
 * Return: 0 or a negative errno.
 */
int pv_evtchn_alloc_unbound(domid_t remote_dom, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound arg = {
		.dom = DOMID_SELF,
		.remote_dom = remote_dom,
	};
	long err;

	err = pv_hypercall_event_channel_op(EVTCHNOP_alloc_unbound, &arg);
	if (err)
		return err;
	if (arg.port == 0 || !pv_evtchn_ops ||
	    arg.port >= pv_evtchn_ops->max_ports()) {
		pr_err("pv-evtchn: Xen allocated port %u, out of range\n",
		       arg.port);
		if (arg.port)
			pv_evtchn_close(arg.port);
		return -EIO;
	}
	*port = arg.port;
	return 0;
}
EXPORT_SYMBOL_GPL(pv_evtchn_alloc_unbound);

/**
 * pv_evtchn_bind_port() - handle a port this domain already has
 * @port: the local port (from pv_evtchn_alloc_unbound(), or one Xen's
 *	domain builder set up, such as start_info's xenstore and console
 *	ports)
 * @close_on_unbind: whether pv_evtchn_unbind() closes the port (false
 *	for ports the toolstack owns)
 * @handler: the interrupt handler
 * @irqflags: IRQF_* for request_irq()
 * @name: name in /proc/interrupts
 * @dev: cookie for @handler and pv_evtchn_unbind()
 *
 * Return: the IRQ number, or a negative errno.
 */
int pv_evtchn_bind_port(evtchn_port_t port, bool close_on_unbind,
			irq_handler_t handler, unsigned long irqflags,
			const char *name, void *dev)
{
	return pv_evtchn_bind(port, PV_EVTCHN_PORT, 0, 0, close_on_unbind,
			      handler, irqflags, name, dev);
}
EXPORT_SYMBOL_GPL(pv_evtchn_bind_port);

/**
 * pv_evtchn_unbind() - undo a pv_evtchn_bind_*()
 * @irq: the IRQ they returned
 * @dev: the same cookie
 */
void pv_evtchn_unbind(int irq, void *dev)
{
	struct pv_evtchn_info *info = irq_get_chip_data(irq);

	if (WARN_ON(!info))
		return;
	free_irq(irq, dev);
	pv_evtchn_ops->mask(info->port);
	mutex_lock(&pv_evtchn_mutex);
	xa_erase(&pv_evtchn_ports, info->port);
	mutex_unlock(&pv_evtchn_mutex);
	/* The upcall may still be looking at @info. */
	synchronize_rcu();
	if (info->close_on_unbind)
		pv_evtchn_close(info->port);
	irq_free_desc(irq);
	kfree(info);
}
EXPORT_SYMBOL_GPL(pv_evtchn_unbind);

/**
 * pv_evtchn_notify() - signal the other end of a port
 * @port: the local port
 *
 * Return: 0 or a negative errno.
 */
int pv_evtchn_notify(evtchn_port_t port)
{
	return pv_hypercall_evtchn_send(port);
}
EXPORT_SYMBOL_GPL(pv_evtchn_notify);

/**
 * pv_evtchn_port_of_irq() - the port behind an IRQ of this service
 * @irq: an IRQ from pv_evtchn_bind_*()
 *
 * Return: the port, or 0 (never a valid port) for any other IRQ.
 */
evtchn_port_t pv_evtchn_port_of_irq(int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	if (!d || (d->chip != &pv_evtchn_chip &&
		   d->chip != &pv_evtchn_percpu_chip))
		return 0;
	return pv_evtchn_data_port(d);
}
EXPORT_SYMBOL_GPL(pv_evtchn_port_of_irq);

/**
 * pv_evtchn_abi_name() - the event channel ABI in force
 *
 * Return: "FIFO", "2-level", or "none" before pv_evtchn_init().
 */
const char *pv_evtchn_abi_name(void)
{
	return pv_evtchn_ops ? pv_evtchn_ops->name : "none";
}

/**
 * pv_evtchn_init() - start the event channel service
 * @boot: shared_info and the frame lookup, from the PV boot code
 *
 * Called once, after memory management and before any binding (the
 * x86_init.irqs.intr_init hook is the place).  Chooses FIFO when Xen
 * offers it and @boot allows it, else 2-level; "pv_evtchn=" overrides.
 *
 * Return: 0 or a negative errno.
 */
int __init pv_evtchn_init(const struct pv_evtchn_boot *boot)
{
	const struct pv_evtchn_ops *ops = NULL;

	if (!boot || !boot->shinfo)
		return -EINVAL;
	if (pv_evtchn_choice != PV_EVTCHN_FORCE_2L)
		ops = pv_evtchn_fifo_init(boot->shinfo, boot->virt_to_gfn);
	if (!ops && pv_evtchn_choice == PV_EVTCHN_FORCE_FIFO)
		pr_warn("pv-evtchn: pv_evtchn=fifo, but the FIFO ABI is unavailable\n");
	if (!ops)
		ops = pv_evtchn_2l_init(boot->shinfo);
	pv_evtchn_shinfo = boot->shinfo;
	/* The upcall may run from here on. */
	smp_store_release(&pv_evtchn_ops, ops);
	pr_info("pv-evtchn: %s event channel ABI\n", ops->name);
	return 0;
}
