// SPDX-License-Identifier: GPL-2.0
/*
 * The xenstore user device: /dev/xen/xenbus and /proc/xen/xenbus, under
 * the names Linux's own Xen support uses, so that libxenstore and the
 * tools built on it (xenstore-read, xenstore-watch, ...) work unmodified;
 * /proc/xen/capabilities is what systemd-detect-virt and the Xen tools
 * look at to tell a Xen guest (empty) from dom0 ("control_d").
 *
 * Every open file is a connection of its own.  It owns the transactions
 * it started and the watches it set: a request naming another file's
 * transaction is refused (-ESRCH), an unwatch only finds the file's own
 * watches, and close aborts the file's open transactions and removes its
 * watches.  A write() blocks until the daemon answered each whole request
 * in it; the answer (with the request's own req_id) and watch events
 * queue up for read(), which returns a byte stream of whole messages and
 * supports O_NONBLOCK and poll().  The message checks are the
 * OS-independent core in xs_dev_core.c.
 */
#define pr_fmt(fmt) "pv-store: " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <pv/io/xs_dev.h>
#include <pv/store.h>

#include "store_priv.h"

/* Unread bytes past which a file's writes and events are refused. */
#define PV_XB_QUEUE_MAX		(256 * 1024)

struct pv_xb_msg {
	struct list_head list;
	u32 len;
	char data[];
};

struct pv_xb_tx {
	struct list_head list;
	u32 id;
};

struct pv_xb_file;

struct pv_xb_watch {
	struct list_head list;
	struct pv_store_watch w;
	struct pv_xb_file *file;
	char *upath;
	char *token;
};

/**
 * struct pv_xb_file - one open file
 * @wlock: serializes writers; protects @in, @txs and @watches
 * @rlock: serializes readers; protects @head_off
 * @qlock: protects @queue and @queued
 * @queue: messages for read(), oldest first
 * @queued: bytes on @queue
 * @head_off: bytes of the oldest message already read
 * @wq: readers and pollers wait here
 * @txs: transactions the file owns
 * @watches: watches the file owns
 * @in: the request being written
 */
struct pv_xb_file {
	struct mutex wlock;
	struct mutex rlock;
	spinlock_t qlock;
	struct list_head queue;
	size_t queued;
	u32 head_off;
	wait_queue_head_t wq;
	struct list_head txs;
	struct list_head watches;
	struct pv_xs_dev_in in;
};

static struct pv_xb_msg *pv_xb_msg_alloc(size_t len)
{
	struct pv_xb_msg *m = kmalloc(sizeof(*m) + len, GFP_KERNEL);

	if (m)
		m->len = (u32)len;
	return m;
}

/* Queue @m for read(); an event is dropped when the reader lags. */
static void pv_xb_queue(struct pv_xb_file *f, struct pv_xb_msg *m,
			bool event)
{
	spin_lock(&f->qlock);
	if (event && f->queued >= PV_XB_QUEUE_MAX) {
		spin_unlock(&f->qlock);
		pr_warn_ratelimited("a xenbus reader lags by %zu bytes: watch event dropped\n",
				    f->queued);
		kfree(m);
		return;
	}
	list_add_tail(&m->list, &f->queue);
	f->queued += m->len;
	spin_unlock(&f->qlock);
	wake_up_interruptible(&f->wq);
}

/* A reply the device makes up: "OK" or an errno name. */
static int pv_xb_reply(struct pv_xb_file *f, u32 type, const char *text)
{
	size_t cap = sizeof(struct xsd_sockmsg) + strlen(text) + 1;
	struct pv_xb_msg *m = pv_xb_msg_alloc(cap);
	int len;

	if (!m)
		return -ENOMEM;
	len = pv_xs_dev_msg(m->data, cap, type, f->in.hdr.req_id,
			    f->in.hdr.tx_id, text, NULL);
	if (len < 0) {
		kfree(m);
		return len;
	}
	pv_xb_queue(f, m, false);
	return 0;
}

static int pv_xb_error(struct pv_xb_file *f, int err)
{
	const char *name = pv_xs_errno_name(err);

	return pv_xb_reply(f, XS_ERROR, name ? name : "EIO");
}

/*
 * Send the request in f->in to the daemon and queue its reply under the
 * user's req_id.  With @new_tx, the id a TRANSACTION_START reply names
 * (0 for an error reply) is parsed before the reply is queued: a reader
 * may take and free it at once.
 */
static int pv_xb_forward(struct pv_xb_file *f, u32 *new_tx)
{
	size_t hlen = sizeof(struct xsd_sockmsg);
	struct pv_store_reply rep;
	struct xsd_sockmsg hdr;
	struct pv_xb_msg *m;
	char *msg;
	int err;

	msg = kmalloc(hlen + f->in.hdr.len, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	memcpy(msg, &f->in.hdr, hlen);
	memcpy(msg + hlen, f->in.body, f->in.hdr.len);
	err = pv_store_talk(msg, hlen + f->in.hdr.len, &rep);
	kfree(msg);
	if (err)
		return err;
	m = pv_xb_msg_alloc(hlen + rep.len);
	if (!m) {
		kfree(rep.body);
		return -ENOMEM;
	}
	if (new_tx && (rep.type != XS_TRANSACTION_START ||
		       pv_xs_reply_tx_id(rep.body, rep.len, new_tx)))
		*new_tx = 0;
	hdr.type = rep.type;
	hdr.req_id = f->in.hdr.req_id;
	hdr.tx_id = f->in.hdr.tx_id;
	hdr.len = rep.len;
	memcpy(m->data, &hdr, hlen);
	memcpy(m->data + hlen, rep.body, rep.len);
	kfree(rep.body);
	pv_xb_queue(f, m, false);
	return 0;
}

static struct pv_xb_tx *pv_xb_find_tx(struct pv_xb_file *f, u32 id)
{
	struct pv_xb_tx *t;

	list_for_each_entry(t, &f->txs, list)
		if (t->id == id)
			return t;
	return NULL;
}

static int pv_xb_tx_start(struct pv_xb_file *f)
{
	struct pv_xb_tx *t = kmalloc(sizeof(*t), GFP_KERNEL);
	int err;

	if (!t)
		return -ENOMEM;
	err = pv_xb_forward(f, &t->id);
	if (err || !t->id) {
		kfree(t);
		return err;
	}
	list_add_tail(&t->list, &f->txs);
	return 0;
}

static void pv_xb_watch_fn(struct pv_store_watch *w, const char *path)
{
	struct pv_xb_watch *xw = container_of(w, struct pv_xb_watch, w);
	size_t cap = sizeof(struct xsd_sockmsg) + strlen(path) + 1 +
		     strlen(xw->token) + 1;
	struct pv_xb_msg *m = pv_xb_msg_alloc(cap);
	int len;

	if (!m)
		return;
	len = pv_xs_dev_msg(m->data, cap, XS_WATCH_EVENT, 0, 0, path,
			    xw->token);
	if (len < 0) {
		kfree(m);
		return;
	}
	pv_xb_queue(xw->file, m, true);
}

static struct pv_xb_watch *pv_xb_find_watch(struct pv_xb_file *f,
					    const char *path,
					    const char *token)
{
	struct pv_xb_watch *xw;

	list_for_each_entry(xw, &f->watches, list)
		if (!strcmp(xw->upath, path) && !strcmp(xw->token, token))
			return xw;
	return NULL;
}

static void pv_xb_watch_free(struct pv_xb_watch *xw)
{
	kfree(xw->upath);
	kfree(xw->token);
	kfree(xw);
}

static int pv_xb_watch_add(struct pv_xb_file *f, const struct pv_xs_dev_req *req)
{
	struct pv_xb_watch *xw;
	int err;

	if (pv_xb_find_watch(f, req->path, req->token))
		return pv_xb_error(f, -EEXIST);
	xw = kzalloc(sizeof(*xw), GFP_KERNEL);
	if (!xw)
		return -ENOMEM;
	xw->file = f;
	xw->upath = kstrdup(req->path, GFP_KERNEL);
	xw->token = kstrdup(req->token, GFP_KERNEL);
	if (!xw->upath || !xw->token) {
		pv_xb_watch_free(xw);
		return -ENOMEM;
	}
	err = pv_store_watch(&xw->w, xw->upath, pv_xb_watch_fn);
	if (err) {
		pv_xb_watch_free(xw);
		return err == -ETIMEDOUT || err == -EIO || err == -ENOMEM ?
		       err : pv_xb_error(f, err);
	}
	list_add_tail(&xw->list, &f->watches);
	return pv_xb_reply(f, XS_WATCH, "OK");
}

static int pv_xb_watch_del(struct pv_xb_file *f, const struct pv_xs_dev_req *req)
{
	struct pv_xb_watch *xw = pv_xb_find_watch(f, req->path, req->token);

	if (!xw)
		return pv_xb_error(f, -ENOENT);
	list_del(&xw->list);
	pv_store_unwatch(&xw->w);
	pv_xb_watch_free(xw);
	return pv_xb_reply(f, XS_UNWATCH, "OK");
}

/* Act on the whole request in f->in; the caller holds wlock. */
static int pv_xb_handle(struct pv_xb_file *f)
{
	struct pv_xs_dev_req req;
	struct pv_xb_tx *t;
	int err;

	err = pv_xs_dev_classify(&f->in, &req);
	if (err)
		return err;
	switch (req.kind) {
	case PV_XS_DEV_FORWARD:
		if (f->in.hdr.tx_id && !pv_xb_find_tx(f, f->in.hdr.tx_id))
			return -ESRCH;
		return pv_xb_forward(f, NULL);
	case PV_XS_DEV_TX_START:
		return pv_xb_tx_start(f);
	case PV_XS_DEV_TX_END:
		t = pv_xb_find_tx(f, f->in.hdr.tx_id);
		if (!t)
			return -ESRCH;
		err = pv_xb_forward(f, NULL);
		/* Answered either way: the daemon has ended it. */
		if (!err) {
			list_del(&t->list);
			kfree(t);
		}
		return err;
	case PV_XS_DEV_WATCH:
		return pv_xb_watch_add(f, &req);
	case PV_XS_DEV_UNWATCH:
		return pv_xb_watch_del(f, &req);
	}
	return -EINVAL;
}

static ssize_t pv_xb_write(struct file *filp, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	struct pv_xb_file *f = filp->private_data;
	size_t done = 0;
	void *dst;
	u32 n;
	int r, err = 0;

	if (mutex_lock_interruptible(&f->wlock))
		return -ERESTARTSYS;
	while (done < len) {
		if (READ_ONCE(f->queued) >= PV_XB_QUEUE_MAX) {
			err = -ENOBUFS;
			break;
		}
		n = pv_xs_dev_in_want(&f->in, &dst);
		if (n > len - done)
			n = (u32)(len - done);
		if (copy_from_user(dst, ubuf + done, n)) {
			err = -EFAULT;
			pv_xs_dev_in_reset(&f->in);
			break;
		}
		done += n;
		r = pv_xs_dev_in_got(&f->in, n);
		if (r < 0) {
			err = r;
			pv_xs_dev_in_reset(&f->in);
			break;
		}
		if (r == 1) {
			err = pv_xb_handle(f);
			pv_xs_dev_in_reset(&f->in);
			if (err)
				break;
		}
	}
	mutex_unlock(&f->wlock);
	return err ? err : (ssize_t)len;
}

static bool pv_xb_readable(struct pv_xb_file *f)
{
	bool r;

	spin_lock(&f->qlock);
	r = !list_empty(&f->queue);
	spin_unlock(&f->qlock);
	return r;
}

static ssize_t pv_xb_read(struct file *filp, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct pv_xb_file *f = filp->private_data;
	struct pv_xb_msg *m;
	size_t done = 0, n;
	int err = 0;

	if (mutex_lock_interruptible(&f->rlock))
		return -ERESTARTSYS;
	while (!pv_xb_readable(f)) {
		mutex_unlock(&f->rlock);
		if (filp->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(f->wq, pv_xb_readable(f)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&f->rlock))
			return -ERESTARTSYS;
	}
	while (done < len) {
		spin_lock(&f->qlock);
		m = list_first_entry_or_null(&f->queue, struct pv_xb_msg, list);
		spin_unlock(&f->qlock);
		if (!m)
			break;
		/* Only readers, under rlock, take messages off the queue. */
		n = min_t(size_t, len - done, m->len - f->head_off);
		if (copy_to_user(ubuf + done, m->data + f->head_off, n)) {
			err = -EFAULT;
			break;
		}
		done += n;
		f->head_off += n;
		if (f->head_off < m->len)
			break;
		spin_lock(&f->qlock);
		list_del(&m->list);
		f->queued -= m->len;
		spin_unlock(&f->qlock);
		f->head_off = 0;
		kfree(m);
	}
	mutex_unlock(&f->rlock);
	return done ? (ssize_t)done : err;
}

static __poll_t pv_xb_poll(struct file *filp, poll_table *wait)
{
	struct pv_xb_file *f = filp->private_data;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(filp, &f->wq, wait);
	if (pv_xb_readable(f))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static int pv_xb_open(struct inode *inode, struct file *filp)
{
	struct pv_xb_file *f;

	if (!pv_store_ready())
		return -ENODEV;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->wlock);
	mutex_init(&f->rlock);
	spin_lock_init(&f->qlock);
	INIT_LIST_HEAD(&f->queue);
	INIT_LIST_HEAD(&f->txs);
	INIT_LIST_HEAD(&f->watches);
	init_waitqueue_head(&f->wq);
	pv_xs_dev_in_reset(&f->in);
	filp->private_data = f;
	return stream_open(inode, filp);
}

static int pv_xb_release(struct inode *inode, struct file *filp)
{
	struct pv_xb_file *f = filp->private_data;
	struct pv_xb_watch *xw, *nw;
	struct pv_xb_tx *t, *nt;
	struct pv_xb_msg *m, *nm;
	int err;

	/* Watches first: no callback may queue to @f once it is freed. */
	list_for_each_entry_safe(xw, nw, &f->watches, list) {
		list_del(&xw->list);
		pv_store_unwatch(&xw->w);
		pv_xb_watch_free(xw);
	}
	list_for_each_entry_safe(t, nt, &f->txs, list) {
		err = pv_store_transaction_end(t->id, true);
		if (err)
			pr_warn("aborting transaction %u of a closed file: %d\n",
				t->id, err);
		list_del(&t->list);
		kfree(t);
	}
	list_for_each_entry_safe(m, nm, &f->queue, list)
		kfree(m);
	kfree(f);
	return 0;
}

static const struct file_operations pv_xb_fops = {
	.owner = THIS_MODULE,
	.open = pv_xb_open,
	.release = pv_xb_release,
	.read = pv_xb_read,
	.write = pv_xb_write,
	.poll = pv_xb_poll,
	.llseek = no_llseek,
};

static const struct proc_ops pv_xb_proc_ops = {
	.proc_open = pv_xb_open,
	.proc_release = pv_xb_release,
	.proc_read = pv_xb_read,
	.proc_write = pv_xb_write,
	.proc_poll = pv_xb_poll,
	.proc_lseek = no_llseek,
};

static struct miscdevice pv_xb_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xen/xenbus",
	.fops = &pv_xb_fops,
};

/* A domU has no capabilities; dom0 would say "control_d". */
static int pv_xb_caps_show(struct seq_file *m, void *v)
{
	return 0;
}

static int __init pv_xb_init(void)
{
	struct proc_dir_entry *dir;
	int err;

	if (!pv_store_ready())
		return 0;
	err = misc_register(&pv_xb_misc);
	if (err) {
		pr_err("cannot register /dev/xen/xenbus: %d\n", err);
		return err;
	}
	dir = proc_mkdir("xen", NULL);
	if (!dir ||
	    !proc_create_single("capabilities", 0444, dir, pv_xb_caps_show) ||
	    !proc_create("xenbus", 0600, dir, &pv_xb_proc_ops))
		pr_err("cannot create /proc/xen and its files\n");
	return 0;
}
device_initcall(pv_xb_init);
