// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore client: the store ring, request ids and replies.
 *
 * Senders serialize on send_lock only while their message goes into the
 * request ring; they then sleep on a completion of their own.  One kernel
 * thread ("pv-store-rx") drains the response ring whenever the event
 * channel fires (and once a second, so a lost event costs a second, not a
 * hang): a reply goes to the pending request with its req_id, a watch
 * event to the watch thread.  A reply nobody waits for (its waiter timed
 * out) is dropped with a note.  The daemon is trusted no more than a
 * device backend: a bad header or corrupted ring indexes disable the ring
 * with one pr_err, and every waiter gets -EIO.
 */
#define pr_fmt(fmt) "pv-store: " fmt

#include <linux/completion.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <pv/boot.h>
#include <pv/events.h>
#include <pv/memory.h>
#include <pv/store.h>

#include "store_priv.h"

/* Built in, parameters are named after the file; ours is the service's. */
#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "pv_store."

static unsigned int timeout_ms = 15000;
module_param(timeout_ms, uint, 0644);
MODULE_PARM_DESC(timeout_ms,
		 "How long a request waits for the daemon's reply (ms)");

/**
 * struct pv_store_pending - a request waiting for its reply
 * @list: on pv_store.pending while unanswered
 * @req_id: the id sent
 * @type: the request's type
 * @err: 0, or why no reply came (-EIO, -EAGAIN)
 * @rep: the reply
 * @done: completed when @rep or @err is set
 */
struct pv_store_pending {
	struct list_head list;
	u32 req_id;
	u32 type;
	int err;
	struct pv_store_reply rep;
	struct completion done;
};

static struct {
	struct xenstore_domain_interface *intf;
	evtchn_port_t port;
	int irq;
	bool up;
	bool failed;
	/* One message at a time into the request ring. */
	struct mutex send_lock;
	/* Held by the rx thread while it reads the response ring. */
	struct mutex rx_lock;
	/* Protects pending and next_id. */
	spinlock_t lock;
	struct list_head pending;
	u32 next_id;
	wait_queue_head_t ring_wq;
	struct task_struct *rx_task;
	struct pv_xs_rx rx;
} pv_store = {
	.send_lock = __MUTEX_INITIALIZER(pv_store.send_lock),
	.rx_lock = __MUTEX_INITIALIZER(pv_store.rx_lock),
	.lock = __SPIN_LOCK_UNLOCKED(pv_store.lock),
	.pending = LIST_HEAD_INIT(pv_store.pending),
	.ring_wq = __WAIT_QUEUE_HEAD_INITIALIZER(pv_store.ring_wq),
};

unsigned int pv_store_timeout_ms(void)
{
	return READ_ONCE(timeout_ms) ? : 1;
}

unsigned long pv_store_timeout(void)
{
	return msecs_to_jiffies(pv_store_timeout_ms());
}

static const char *const pv_store_type_names[XS_TYPE_COUNT] = {
	[XS_CONTROL] = "CONTROL", [XS_DIRECTORY] = "DIRECTORY",
	[XS_READ] = "READ", [XS_GET_PERMS] = "GET_PERMS",
	[XS_WATCH] = "WATCH", [XS_UNWATCH] = "UNWATCH",
	[XS_TRANSACTION_START] = "TRANSACTION_START",
	[XS_TRANSACTION_END] = "TRANSACTION_END",
	[XS_INTRODUCE] = "INTRODUCE", [XS_RELEASE] = "RELEASE",
	[XS_GET_DOMAIN_PATH] = "GET_DOMAIN_PATH", [XS_WRITE] = "WRITE",
	[XS_MKDIR] = "MKDIR", [XS_RM] = "RM", [XS_SET_PERMS] = "SET_PERMS",
	[XS_WATCH_EVENT] = "WATCH_EVENT", [XS_ERROR] = "ERROR",
	[XS_IS_DOMAIN_INTRODUCED] = "IS_DOMAIN_INTRODUCED",
	[XS_RESUME] = "RESUME", [XS_SET_TARGET] = "SET_TARGET",
	[XS_RESET_WATCHES] = "RESET_WATCHES",
	[XS_DIRECTORY_PART] = "DIRECTORY_PART",
};

const char *pv_store_type_name(u32 type)
{
	if (type < XS_TYPE_COUNT && pv_store_type_names[type])
		return pv_store_type_names[type];
	return "?";
}

bool pv_store_ready(void)
{
	return READ_ONCE(pv_store.up) && !READ_ONCE(pv_store.failed);
}
EXPORT_SYMBOL_GPL(pv_store_ready);

/* Wake everyone who waits on the ring; the rx thread reads it. */
static irqreturn_t pv_store_interrupt(int irq, void *dev)
{
	wake_up(&pv_store.ring_wq);
	return IRQ_HANDLED;
}

static void pv_store_notify(void)
{
	pv_evtchn_notify(pv_store.port);
}

/* Fail every waiting request with @err; the ring is gone or reset. */
static void pv_store_fail_pending(int err)
{
	struct pv_store_pending *p, *n;

	spin_lock(&pv_store.lock);
	list_for_each_entry_safe(p, n, &pv_store.pending, list) {
		list_del_init(&p->list);
		p->err = err;
		complete(&p->done);
	}
	spin_unlock(&pv_store.lock);
}

static void pv_store_disable(const char *why, int err)
{
	if (!xchg(&pv_store.failed, true))
		pr_err("%s (%d): xenstore ring disabled\n", why, err);
	pv_store_fail_pending(-EIO);
	wake_up(&pv_store.ring_wq);
}

/* Hand a complete reply to the request with its id. */
static void pv_store_deliver(const struct xsd_sockmsg *hdr, const char *body)
{
	struct pv_store_pending *p;
	char *copy;

	copy = kmemdup(body, hdr->len + 1, GFP_KERNEL);
	spin_lock(&pv_store.lock);
	list_for_each_entry(p, &pv_store.pending, list) {
		if (p->req_id != hdr->req_id)
			continue;
		list_del_init(&p->list);
		if (!copy) {
			p->err = -ENOMEM;
		} else if (hdr->type != XS_ERROR && hdr->type != p->type) {
			pr_err("reply of type %s to a %s request (id %u)\n",
			       pv_store_type_name(hdr->type),
			       pv_store_type_name(p->type), hdr->req_id);
			p->err = -EPROTO;
		} else {
			p->rep.type = hdr->type;
			p->rep.len = hdr->len;
			p->rep.body = copy;
			copy = NULL;
		}
		complete(&p->done);
		break;
	}
	spin_unlock(&pv_store.lock);
	if (copy) {
		pr_warn_ratelimited("reply id %u (%s) matches no request: dropped\n",
				    hdr->req_id, pv_store_type_name(hdr->type));
		kfree(copy);
	}
}

/* Drain the response ring; false once it has failed. */
static bool pv_store_rx_drain(void)
{
	struct pv_xs_rx *rx = &pv_store.rx;
	u32 before;
	int r;

	for (;;) {
		before = rx->have;
		r = pv_xs_rx_feed(rx, pv_store.intf);
		if (rx->have != before)
			pv_store_notify();
		if (r < 0) {
			pv_store_disable(r == -EIO ?
					 "corrupted response ring indexes" :
					 "malformed message header from the daemon",
					 r);
			return false;
		}
		if (!r)
			return true;
		if (rx->hdr.type == XS_WATCH_EVENT)
			pv_store_watch_event(rx->body, rx->hdr.len);
		else
			pv_store_deliver(&rx->hdr, rx->body);
		pv_xs_rx_reset(rx);
	}
}

static bool pv_store_rsp_waiting(void)
{
	struct xenstore_domain_interface *intf = READ_ONCE(pv_store.intf);

	return intf && (READ_ONCE(intf->rsp_prod) != READ_ONCE(intf->rsp_cons));
}

static int pv_store_rx_thread(void *unused)
{
	while (!kthread_should_stop()) {
		wait_event_interruptible_timeout(pv_store.ring_wq,
						 pv_store_rsp_waiting() ||
						 kthread_should_stop(), HZ);
		if (READ_ONCE(pv_store.failed))
			continue;
		mutex_lock(&pv_store.rx_lock);
		pv_store_rx_drain();
		mutex_unlock(&pv_store.rx_lock);
	}
	return 0;
}

static bool pv_store_req_space(void)
{
	struct xenstore_domain_interface *intf = pv_store.intf;

	return READ_ONCE(pv_store.failed) ||
	       (u32)(READ_ONCE(intf->req_prod) - READ_ONCE(intf->req_cons)) <
		XENSTORE_RING_SIZE;
}

/* Write a whole message; the caller holds send_lock. */
static int pv_store_send(const char *msg, size_t len, u32 type)
{
	unsigned long deadline = jiffies + pv_store_timeout();
	int n;

	while (len) {
		if (READ_ONCE(pv_store.failed))
			return -EIO;
		n = pv_xs_send(pv_store.intf, msg, len);
		if (n < 0) {
			pv_store_disable("corrupted request ring indexes", n);
			return -EIO;
		}
		if (n) {
			msg += n;
			len -= n;
			pv_store_notify();
			continue;
		}
		if (time_after_eq(jiffies, deadline) ||
		    !wait_event_timeout(pv_store.ring_wq, pv_store_req_space(),
					deadline - jiffies)) {
			/* Half a message is in the ring: the stream is lost. */
			pr_err("request ring full for %u ms sending %s\n",
			       pv_store_timeout_ms(), pv_store_type_name(type));
			pv_store_disable("daemon stopped reading requests",
					 -ETIMEDOUT);
			return -ETIMEDOUT;
		}
	}
	return 0;
}

int pv_store_talk(void *msg, size_t len, struct pv_store_reply *rep)
{
	struct pv_store_pending *p;
	struct xsd_sockmsg hdr;
	bool timed_out = false;
	int err;

	if (!READ_ONCE(pv_store.up))
		return -ENODEV;
	if (len < sizeof(hdr) || len > PV_XS_MSG_MAX)
		return -EINVAL;
	memcpy(&hdr, msg, sizeof(hdr));
	if (hdr.len != len - sizeof(hdr))
		return -EINVAL;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->type = hdr.type;
	init_completion(&p->done);

	mutex_lock(&pv_store.send_lock);
	spin_lock(&pv_store.lock);
	p->req_id = pv_store.next_id++;
	list_add_tail(&p->list, &pv_store.pending);
	spin_unlock(&pv_store.lock);
	hdr.req_id = p->req_id;
	memcpy(msg, &hdr, sizeof(hdr));
	err = pv_store_send(msg, len, hdr.type);
	mutex_unlock(&pv_store.send_lock);

	if (!err && !wait_for_completion_timeout(&p->done, pv_store_timeout()))
		timed_out = true;
	spin_lock(&pv_store.lock);
	if (!list_empty(&p->list)) {
		list_del_init(&p->list);
		if (!err)
			err = -ETIMEDOUT;
	} else if (!err) {
		/* Answered, possibly just as the wait timed out. */
		timed_out = false;
		err = p->err;
	}
	spin_unlock(&pv_store.lock);
	if (timed_out && err == -ETIMEDOUT)
		pr_err("no reply to %s (id %u) in %u ms\n",
		       pv_store_type_name(hdr.type), hdr.req_id,
		       pv_store_timeout_ms());
	if (!err)
		*rep = p->rep;
	else
		kfree(p->rep.body);
	kfree(p);
	return err;
}
EXPORT_SYMBOL_GPL(pv_store_talk);

/* Map the ring named in start_info and bind its event channel. */
static int pv_store_connect(void)
{
	const struct start_info *si = pv_start_info;
	unsigned long pfn;
	int irq;

	if (!si->store_mfn || !si->store_evtchn) {
		pr_err("start_info names no xenstore ring (mfn %#lx, port %u)\n",
		       si->store_mfn, si->store_evtchn);
		return -ENODEV;
	}
	pfn = pv_mfn_to_pfn(si->store_mfn);
	if (!pfn_valid(pfn) || pv_pfn_to_mfn(pfn) != si->store_mfn) {
		pr_err("xenstore ring mfn %#lx is not one of this domain's frames\n",
		       si->store_mfn);
		return -EINVAL;
	}
	pv_store.intf = pfn_to_kaddr(pfn);
	pv_store.port = si->store_evtchn;
	irq = pv_evtchn_bind_port(pv_store.port, false, pv_store_interrupt, 0,
				  "pv-store", &pv_store);
	if (irq < 0) {
		pr_err("cannot bind event channel %u: %d\n", pv_store.port, irq);
		return irq;
	}
	pv_store.irq = irq;
	pv_xs_rx_reset(&pv_store.rx);
	return 0;
}

int pv_store_resume(void)
{
	int err;

	mutex_lock(&pv_store.send_lock);
	mutex_lock(&pv_store.rx_lock);
	pv_store_fail_pending(-EAGAIN);
	if (pv_store.irq > 0)
		pv_evtchn_unbind(pv_store.irq, &pv_store);
	pv_store.irq = 0;
	err = pv_store_connect();
	WRITE_ONCE(pv_store.failed, !!err);
	mutex_unlock(&pv_store.rx_lock);
	mutex_unlock(&pv_store.send_lock);
	if (err)
		return err;
	wake_up(&pv_store.ring_wq);
	return pv_store_watch_resend();
}
EXPORT_SYMBOL_GPL(pv_store_resume);

static int __init pv_store_init(void)
{
	char *name;
	int err;

	if (!pv_domain())
		return 0;
	err = pv_store_connect();
	if (err)
		return err;
	pv_store.rx_task = kthread_run(pv_store_rx_thread, NULL, "pv-store-rx");
	if (IS_ERR(pv_store.rx_task)) {
		err = PTR_ERR(pv_store.rx_task);
		goto fail;
	}
	err = pv_store_watch_start();
	if (err)
		goto fail_thread;
	WRITE_ONCE(pv_store.up, true);

	name = pv_store_read(PV_STORE_NO_TX, "name", "", NULL);
	if (IS_ERR(name)) {
		pr_err("reading the domain's name failed: %ld\n", PTR_ERR(name));
		return 0;
	}
	pr_info("ring at mfn %#lx, event channel %u; domain name '%s'\n",
		pv_start_info->store_mfn, pv_store.port, name);
	kfree(name);
	return 0;

fail_thread:
	kthread_stop(pv_store.rx_task);
fail:
	pr_err("cannot start the xenstore client: %d\n", err);
	pv_evtchn_unbind(pv_store.irq, &pv_store);
	return err;
}
subsys_initcall(pv_store_init);
