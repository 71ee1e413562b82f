// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore client: the operations and helpers of <pv/store.h>.
 *
 * Each operation encodes its request with the xs_wire core (which refuses
 * a path the daemon would refuse), hands it to pv_store_talk() and checks
 * the reply's payload with the core's parsers: an XS_ERROR becomes the
 * errno it names, anything malformed -EPROTO with one pr_err.
 */
#define pr_fmt(fmt) "pv-store: " fmt

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <pv/store.h>

#include "store_priv.h"

static char *pv_store_join(const char *dir, const char *node)
{
	if (!*node)
		return kstrdup(dir, GFP_KERNEL);
	return kasprintf(GFP_KERNEL, "%s/%s", dir, node);
}

/*
 * Send an encoded request (or pass on the encoder's error in @len);
 * an XS_ERROR reply becomes its errno.  On success the caller owns
 * rep->body.
 */
static int pv_store_call(void *msg, int len, struct pv_store_reply *rep)
{
	u32 type;
	int err;

	if (len < 0)
		return len;
	type = ((struct xsd_sockmsg *)msg)->type;
	err = pv_store_talk(msg, len, rep);
	if (err)
		return err;
	if (rep->type != XS_ERROR)
		return 0;
	err = pv_xs_error_errno(rep->body, rep->len);
	if (err == -EPROTO)
		pr_err("malformed error reply to %s\n", pv_store_type_name(type));
	kfree(rep->body);
	rep->body = NULL;
	return err;
}

/* A request whose payload is one path. */
static int pv_store_path_op(u32 type, u32 tx, const char *dir,
			    const char *node, struct pv_store_reply *rep)
{
	char *path = pv_store_join(dir, node);
	void *msg = kmalloc(PV_XS_MSG_MAX, GFP_KERNEL);
	int err = -ENOMEM;

	if (path && msg)
		err = pv_store_call(msg, pv_xs_req_path(msg, PV_XS_MSG_MAX, type,
							0, tx, path), rep);
	kfree(msg);
	kfree(path);
	return err;
}

/* The "OK" every write, mkdir, rm, watch and transaction end returns. */
static int pv_store_expect_ok(u32 type, struct pv_store_reply *rep)
{
	int err = pv_xs_reply_ok(rep->body, rep->len);

	if (err)
		pr_err("reply to %s is not OK (%u bytes)\n",
		       pv_store_type_name(type), rep->len);
	kfree(rep->body);
	return err;
}

char *pv_store_read(u32 tx, const char *dir, const char *node,
		    unsigned int *len)
{
	struct pv_store_reply rep;
	int err;

	err = pv_store_path_op(XS_READ, tx, dir, node, &rep);
	if (err)
		return ERR_PTR(err);
	if (len)
		*len = rep.len;
	return rep.body;
}
EXPORT_SYMBOL_GPL(pv_store_read);

int pv_store_write(u32 tx, const char *dir, const char *node,
		   const char *value)
{
	struct pv_store_reply rep;
	char *path = pv_store_join(dir, node);
	void *msg = kmalloc(PV_XS_MSG_MAX, GFP_KERNEL);
	int err = -ENOMEM;

	if (path && msg)
		err = pv_store_call(msg, pv_xs_req_write(msg, PV_XS_MSG_MAX, 0,
							 tx, path, value,
							 strlen(value)),
				    &rep);
	kfree(msg);
	kfree(path);
	return err ? err : pv_store_expect_ok(XS_WRITE, &rep);
}
EXPORT_SYMBOL_GPL(pv_store_write);

int pv_store_mkdir(u32 tx, const char *dir, const char *node)
{
	struct pv_store_reply rep;
	int err = pv_store_path_op(XS_MKDIR, tx, dir, node, &rep);

	return err ? err : pv_store_expect_ok(XS_MKDIR, &rep);
}
EXPORT_SYMBOL_GPL(pv_store_mkdir);

int pv_store_rm(u32 tx, const char *dir, const char *node)
{
	struct pv_store_reply rep;
	int err = pv_store_path_op(XS_RM, tx, dir, node, &rep);

	return err ? err : pv_store_expect_ok(XS_RM, &rep);
}
EXPORT_SYMBOL_GPL(pv_store_rm);

char **pv_store_directory(u32 tx, const char *dir, const char *node,
			  unsigned int *num)
{
	struct pv_store_reply rep;
	const char *name;
	u32 pos = 0, nlen;
	unsigned int n = 0, i;
	char **vec, *p;
	int err, r;

	err = pv_store_path_op(XS_DIRECTORY, tx, dir, node, &rep);
	if (err)
		return ERR_PTR(err);
	while ((r = pv_xs_dir_next(rep.body, rep.len, &pos, &name, &nlen)) == 1)
		n++;
	if (r < 0) {
		pr_err("malformed directory reply for %s/%s\n", dir, node);
		kfree(rep.body);
		return ERR_PTR(r);
	}
	/* The names keep their NULs; the pointers go in front of them. */
	vec = kmalloc(n * sizeof(*vec) + rep.len + 1, GFP_KERNEL);
	if (!vec) {
		kfree(rep.body);
		return ERR_PTR(-ENOMEM);
	}
	p = (char *)(vec + n);
	memcpy(p, rep.body, rep.len + 1);
	pos = 0;
	for (i = 0; i < n; i++) {
		pv_xs_dir_next(p, rep.len, &pos, &name, &nlen);
		vec[i] = (char *)name;
	}
	kfree(rep.body);
	*num = n;
	return vec;
}
EXPORT_SYMBOL_GPL(pv_store_directory);

int pv_store_transaction_start(u32 *tx)
{
	struct pv_store_reply rep;
	void *msg = kmalloc(PV_XS_MSG_MAX, GFP_KERNEL);
	int err;

	if (!msg)
		return -ENOMEM;
	err = pv_store_call(msg, pv_xs_req_transaction_start(msg, PV_XS_MSG_MAX,
							     0), &rep);
	kfree(msg);
	if (err)
		return err;
	err = pv_xs_reply_tx_id(rep.body, rep.len, tx);
	if (err)
		pr_err("malformed transaction id in TRANSACTION_START reply\n");
	kfree(rep.body);
	return err;
}
EXPORT_SYMBOL_GPL(pv_store_transaction_start);

int pv_store_transaction_end(u32 tx, bool abort)
{
	struct pv_store_reply rep;
	void *msg = kmalloc(PV_XS_MSG_MAX, GFP_KERNEL);
	int err;

	if (!msg)
		return -ENOMEM;
	err = pv_store_call(msg, pv_xs_req_transaction_end(msg, PV_XS_MSG_MAX,
							   0, tx, !abort),
			    &rep);
	kfree(msg);
	return err ? err : pv_store_expect_ok(XS_TRANSACTION_END, &rep);
}
EXPORT_SYMBOL_GPL(pv_store_transaction_end);

unsigned int pv_store_read_uint(u32 tx, const char *dir, const char *node,
				unsigned int def)
{
	unsigned int len;
	char *val;
	u64 v;
	int err;

	val = pv_store_read(tx, dir, node, &len);
	if (IS_ERR(val))
		return def;
	err = pv_xs_parse_uint(val, len, UINT_MAX, &v);
	if (err) {
		pr_err("%s/%s: value is not a number up to %u: using %u\n",
		       dir, node, UINT_MAX, def);
		v = def;
	}
	kfree(val);
	return (unsigned int)v;
}
EXPORT_SYMBOL_GPL(pv_store_read_uint);

int pv_store_printf(u32 tx, const char *dir, const char *node,
		    const char *fmt, ...)
{
	va_list ap;
	char *val;
	int err;

	va_start(ap, fmt);
	val = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!val)
		return -ENOMEM;
	err = pv_store_write(tx, dir, node, val);
	kfree(val);
	return err;
}
EXPORT_SYMBOL_GPL(pv_store_printf);

int pv_store_gather(u32 tx, const char *dir, ...)
{
	const char *node, *fmt;
	va_list ap;
	void *result;
	char *val;
	int err = 0;

	va_start(ap, dir);
	while (!err && (node = va_arg(ap, const char *)) != NULL) {
		fmt = va_arg(ap, const char *);
		result = va_arg(ap, void *);
		val = pv_store_read(tx, dir, node, NULL);
		if (IS_ERR(val)) {
			err = PTR_ERR(val);
			break;
		}
		if (!fmt) {
			*(char **)result = val;
			continue;
		}
		if (sscanf(val, fmt, result) != 1) {
			pr_err("%s/%s: value does not match '%s'\n", dir, node,
			       fmt);
			err = -EINVAL;
		}
		kfree(val);
	}
	va_end(ap);
	return err;
}
EXPORT_SYMBOL_GPL(pv_store_gather);
