/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The xenstore client service (drivers/pv/store): requests to the store
 * daemon over the domain's store ring, and watches.
 *
 * Any number of threads may have requests in flight: each waits for the
 * reply carrying its own request id, for at most pv_store.timeout_ms
 * (a module parameter), and gets -ETIMEDOUT after one pr_err otherwise.
 * Watch callbacks run one at a time in the service's own kernel thread
 * ("pv-store-watch"), where they may issue requests of their own.
 *
 * Node names: @dir and @node are joined with '/'; an empty @node names
 * @dir itself.  A relative path is relative to the domain's home
 * (/local/domain/<domid>), as the daemon resolves it.  Values and
 * replies come from an untrusted daemon: every length, type and number
 * is checked before it reaches the caller.  See
 * Documentation/services/store.rst.
 */
#ifndef _PV_STORE_H
#define _PV_STORE_H

#include <linux/list.h>
#include <linux/types.h>

/* The transaction id of requests outside any transaction. */
#define PV_STORE_NO_TX	0U

/**
 * struct pv_store_reply - a raw reply, as pv_store_talk() returns it
 * @type: XS_ERROR or the type of the request
 * @len: payload bytes, at most XENSTORE_PAYLOAD_MAX
 * @body: payload, with a NUL of ours one byte past @len; kfree() it
 */
struct pv_store_reply {
	u32 type;
	u32 len;
	char *body;
};

struct pv_store_watch;

/**
 * typedef pv_store_watch_fn - a watch callback
 * @w: the watch
 * @path: the node that changed (or the watch's own path on the event the
 *	daemon sends when the watch is set), NUL-terminated
 *
 * Called in the watch thread, never concurrently with another callback.
 */
typedef void (*pv_store_watch_fn)(struct pv_store_watch *w, const char *path);

/**
 * struct pv_store_watch - a watch, embedded in its owner's structure
 * @path: the watched path (the service's copy)
 * @fn: callback
 * @list: on the service's list of watches
 * @token: token the service chose, unique among its watches
 *
 * Only pv_store_watch() and pv_store_unwatch() write the fields.
 */
struct pv_store_watch {
	char *path;
	pv_store_watch_fn fn;
	struct list_head list;
	char token[20];
};

/**
 * pv_store_ready() - tell whether the store ring is connected
 *
 * Return: true once the service is up and the ring has not failed.
 */
bool pv_store_ready(void);

/**
 * pv_store_talk() - send one encoded request and wait for its reply
 * @msg: header and payload; the service overwrites the header's req_id
 * @len: bytes in @msg
 * @rep: the reply, whatever its type; the caller kfree()s @rep->body
 *
 * Return: 0 when a reply came (check @rep->type for XS_ERROR), -ETIMEDOUT
 * without one in time, -EIO if the ring failed, -ENODEV without a store,
 * -ENOMEM.
 */
int pv_store_talk(void *msg, size_t len, struct pv_store_reply *rep);

/**
 * pv_store_read() - read a node
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 * @len: the value's length, may be NULL
 *
 * Return: the value, NUL-terminated, to kfree(); an ERR_PTR() on failure
 * (-ENOENT for a missing node, or the daemon's errno).
 */
char *pv_store_read(u32 tx, const char *dir, const char *node,
		    unsigned int *len);

/**
 * pv_store_write() - write a node, creating it and its parents
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 * @value: NUL-terminated value (the NUL is not stored)
 *
 * Return: 0 or a negative errno.
 */
int pv_store_write(u32 tx, const char *dir, const char *node,
		   const char *value);

/**
 * pv_store_mkdir() - create a node with an empty value
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 *
 * Return: 0 or a negative errno.
 */
int pv_store_mkdir(u32 tx, const char *dir, const char *node);

/**
 * pv_store_rm() - remove a node and everything below it
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 *
 * Return: 0 or a negative errno.
 */
int pv_store_rm(u32 tx, const char *dir, const char *node);

/**
 * pv_store_directory() - list the children of a node
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 * @num: number of names
 *
 * Return: an array of @num name pointers followed by the names, in one
 * allocation to kfree(); an ERR_PTR() on failure.
 */
char **pv_store_directory(u32 tx, const char *dir, const char *node,
			  unsigned int *num);

/**
 * pv_store_transaction_start() - start a transaction
 * @tx: the new transaction's id
 *
 * Return: 0 or a negative errno.
 */
int pv_store_transaction_start(u32 *tx);

/**
 * pv_store_transaction_end() - commit or abort a transaction
 * @tx: the transaction
 * @abort: true to abort
 *
 * Return: 0; -EAGAIN when the daemon refused the commit because another
 * writer got there first (the caller starts again from
 * pv_store_transaction_start()); another negative errno on failure.
 */
int pv_store_transaction_end(u32 tx, bool abort);

/**
 * pv_store_read_uint() - read a decimal node, with a default
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 * @def: returned when the node is missing or not a number
 *
 * A value that is present but not a decimal number up to UINT_MAX is
 * reported with one pr_err.
 *
 * Return: the value or @def.
 */
unsigned int pv_store_read_uint(u32 tx, const char *dir, const char *node,
				unsigned int def);

/**
 * pv_store_printf() - write a formatted value
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 * @node: node below @dir, or ""
 * @fmt: printf format of the value
 *
 * Return: 0 or a negative errno.
 */
__printf(4, 5)
int pv_store_printf(u32 tx, const char *dir, const char *node,
		    const char *fmt, ...);

/**
 * pv_store_gather() - read several nodes of one directory
 * @tx: transaction or PV_STORE_NO_TX
 * @dir: directory
 *
 * Followed by triples (const char *node, const char *fmt, void *result)
 * and a NULL: each value is parsed with sscanf(@fmt), which must convert
 * exactly one item, or with a NULL @fmt stored as a kmalloc()ed string
 * in *(char **)result.  Stops at the first failure.
 *
 * Return: 0, or the first error (-EINVAL for a value @fmt does not
 * match).
 */
int pv_store_gather(u32 tx, const char *dir, ...);

/**
 * pv_store_watch() - watch a path and everything below it
 * @w: the watch, owned by the caller until pv_store_unwatch()
 * @path: path to watch, or a special "@..." path
 * @fn: callback
 *
 * The daemon sends one event at once for the path itself, then one for
 * every change.
 *
 * Return: 0 or a negative errno; on failure @w is not registered.
 */
int pv_store_watch(struct pv_store_watch *w, const char *path,
		   pv_store_watch_fn fn);

/**
 * pv_store_unwatch() - remove a watch
 * @w: a watch set with pv_store_watch()
 *
 * On return no callback of @w runs or will run, unless it is called from
 * @w's own callback (which then returns normally).  May sleep.
 */
void pv_store_unwatch(struct pv_store_watch *w);

/**
 * pv_store_resume() - reconnect the ring after the domain was restored
 *
 * Requests in flight fail with -EAGAIN, the ring's reassembly state is
 * dropped, and every watch is set again; the daemon then sends each an
 * event, so watchers re-read what may have changed meanwhile.
 *
 * Return: 0, or the first error re-sending a watch.
 */
int pv_store_resume(void);

#endif /* _PV_STORE_H */
