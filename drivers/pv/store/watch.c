// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore client: watches and the watch thread.
 *
 * Each watch gets a token of ours ("pvw" and a counter), so an event is
 * matched to its watch by token alone, whatever path the caller chose.
 * The rx thread only queues events: a callback may sleep and make
 * requests of its own, whose replies the rx thread must stay free to
 * deliver.  The watch thread runs callbacks one at a time under
 * cb_mutex, looking the token up at that moment; pv_store_unwatch()
 * unlinks the watch and then takes cb_mutex once, so no callback of the
 * watch is running or can start when it returns.  Queued events are
 * bounded: a daemon that floods us loses events, not our memory.
 */
#define pr_fmt(fmt) "pv-store: " fmt

#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <pv/store.h>

#include "store_priv.h"

#define PV_STORE_MAX_EVENTS	1024

/**
 * struct pv_store_event - a queued watch event
 * @list: on pv_store_events
 * @token: points into @data
 * @path: points into @data
 * @data: path NUL token NUL, copied from the ring
 */
struct pv_store_event {
	struct list_head list;
	const char *token;
	const char *path;
	char data[];
};

static LIST_HEAD(pv_store_watches);
static DEFINE_MUTEX(pv_store_watches_lock);
static DEFINE_MUTEX(pv_store_cb_mutex);

static LIST_HEAD(pv_store_events);
static DEFINE_SPINLOCK(pv_store_events_lock);
static unsigned int pv_store_nr_events;
static DECLARE_WAIT_QUEUE_HEAD(pv_store_events_wq);
static struct task_struct *pv_store_watch_task;
static atomic_t pv_store_next_token = ATOMIC_INIT(0);

/* Called by the rx thread with a complete XS_WATCH_EVENT payload. */
void pv_store_watch_event(const char *payload, u32 len)
{
	struct pv_xs_watch_event ev;
	struct pv_store_event *e;

	if (pv_xs_parse_watch_event(payload, len, &ev)) {
		pr_err_ratelimited("malformed watch event (%u bytes): dropped\n",
				   len);
		return;
	}
	e = kmalloc(sizeof(*e) + len, GFP_KERNEL);
	if (!e)
		return;
	memcpy(e->data, payload, len);
	e->path = e->data;
	e->token = e->data + ev.path_len + 1;
	spin_lock(&pv_store_events_lock);
	if (pv_store_nr_events >= PV_STORE_MAX_EVENTS) {
		spin_unlock(&pv_store_events_lock);
		pr_err_ratelimited("%u watch events queued: event for %s dropped\n",
				   PV_STORE_MAX_EVENTS, e->path);
		kfree(e);
		return;
	}
	pv_store_nr_events++;
	list_add_tail(&e->list, &pv_store_events);
	spin_unlock(&pv_store_events_lock);
	wake_up(&pv_store_events_wq);
}

static struct pv_store_watch *pv_store_find_token(const char *token)
{
	struct pv_store_watch *w;

	list_for_each_entry(w, &pv_store_watches, list)
		if (!strcmp(w->token, token))
			return w;
	return NULL;
}

static struct pv_store_event *pv_store_next_event(void)
{
	struct pv_store_event *e = NULL;

	spin_lock(&pv_store_events_lock);
	if (!list_empty(&pv_store_events)) {
		e = list_first_entry(&pv_store_events, struct pv_store_event,
				     list);
		list_del(&e->list);
		pv_store_nr_events--;
	}
	spin_unlock(&pv_store_events_lock);
	return e;
}

static bool pv_store_events_waiting(void)
{
	return !list_empty_careful(&pv_store_events);
}

static int pv_store_watch_thread(void *unused)
{
	struct pv_store_watch *w;
	struct pv_store_event *e;

	while (!kthread_should_stop()) {
		wait_event_interruptible(pv_store_events_wq,
					 pv_store_events_waiting() ||
					 kthread_should_stop());
		while ((e = pv_store_next_event())) {
			mutex_lock(&pv_store_cb_mutex);
			mutex_lock(&pv_store_watches_lock);
			w = pv_store_find_token(e->token);
			mutex_unlock(&pv_store_watches_lock);
			/* Not on the list: unwatched, or a token not ours. */
			if (w)
				w->fn(w, e->path);
			mutex_unlock(&pv_store_cb_mutex);
			kfree(e);
		}
	}
	return 0;
}

int pv_store_watch_start(void)
{
	struct task_struct *t;

	t = kthread_run(pv_store_watch_thread, NULL, "pv-store-watch");
	if (IS_ERR(t))
		return PTR_ERR(t);
	pv_store_watch_task = t;
	return 0;
}

static int pv_store_watch_req(u32 type, const char *path, const char *token)
{
	struct pv_store_reply rep;
	void *msg = kmalloc(PV_XS_MSG_MAX, GFP_KERNEL);
	int len, err;

	if (!msg)
		return -ENOMEM;
	len = pv_xs_req_watch(msg, PV_XS_MSG_MAX, type, 0, path, token);
	err = len < 0 ? len : pv_store_talk(msg, len, &rep);
	kfree(msg);
	if (err)
		return err;
	if (rep.type == XS_ERROR)
		err = pv_xs_error_errno(rep.body, rep.len);
	else if (pv_xs_reply_ok(rep.body, rep.len))
		err = -EPROTO;
	if (err == -EPROTO)
		pr_err("malformed reply to %s of %s\n", pv_store_type_name(type),
		       path);
	kfree(rep.body);
	return err;
}

int pv_store_watch(struct pv_store_watch *w, const char *path,
		   pv_store_watch_fn fn)
{
	int err;

	w->path = kstrdup(path, GFP_KERNEL);
	if (!w->path)
		return -ENOMEM;
	w->fn = fn;
	snprintf(w->token, sizeof(w->token), "pvw%x",
		 (unsigned int)atomic_inc_return(&pv_store_next_token));
	/* Listed first: the daemon's first event may beat our reply. */
	mutex_lock(&pv_store_watches_lock);
	list_add_tail(&w->list, &pv_store_watches);
	mutex_unlock(&pv_store_watches_lock);
	err = pv_store_watch_req(XS_WATCH, w->path, w->token);
	if (!err)
		return 0;
	mutex_lock(&pv_store_watches_lock);
	list_del(&w->list);
	mutex_unlock(&pv_store_watches_lock);
	kfree(w->path);
	w->path = NULL;
	return err;
}
EXPORT_SYMBOL_GPL(pv_store_watch);

void pv_store_unwatch(struct pv_store_watch *w)
{
	struct pv_store_event *e, *n;
	int err;

	err = pv_store_watch_req(XS_UNWATCH, w->path, w->token);
	if (err)
		pr_warn("unwatch of %s failed: %d\n", w->path, err);
	mutex_lock(&pv_store_watches_lock);
	list_del(&w->list);
	mutex_unlock(&pv_store_watches_lock);

	spin_lock(&pv_store_events_lock);
	list_for_each_entry_safe(e, n, &pv_store_events, list) {
		if (strcmp(e->token, w->token))
			continue;
		list_del(&e->list);
		pv_store_nr_events--;
		kfree(e);
	}
	spin_unlock(&pv_store_events_lock);

	/* Wait out a callback of @w that looked it up before we unlinked. */
	if (current != pv_store_watch_task) {
		mutex_lock(&pv_store_cb_mutex);
		mutex_unlock(&pv_store_cb_mutex);
	}
	kfree(w->path);
	w->path = NULL;
}
EXPORT_SYMBOL_GPL(pv_store_unwatch);

int pv_store_watch_resend(void)
{
	struct pv_store_watch *w;
	int err, first = 0;

	mutex_lock(&pv_store_watches_lock);
	list_for_each_entry(w, &pv_store_watches, list) {
		err = pv_store_watch_req(XS_WATCH, w->path, w->token);
		if (err) {
			pr_err("re-setting the watch on %s failed: %d\n",
			       w->path, err);
			if (!first)
				first = err;
		}
	}
	mutex_unlock(&pv_store_watches_lock);
	return first;
}
