// SPDX-License-Identifier: GPL-2.0
/*
 * Guest control: what the toolstack asks of the domain through the
 * control/ directory of its xenstore home.
 *
 * `xl shutdown`, `xl reboot` and `xl destroy`'s polite cousins write a
 * request word into control/shutdown and wait for the domain to act;
 * `xl sysrq` writes one key into control/sysrq.  The guest takes a
 * request in a transaction that reads it and clears the node, so that
 * the toolstack sees it was taken (and a request written twice is acted
 * on once), and only then acts.  The feature-* nodes tell the toolstack
 * which requests this guest understands.
 *
 * The values are the toolstack's, and so not trusted: a request is one
 * of a few known words or is logged (escaped, bounded) and acknowledged
 * without being acted on.
 */
#define pr_fmt(fmt) "pv-control: " fmt

#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysrq.h>
#include <pv/store.h>

/* Commits refused because the toolstack wrote at the same time. */
#define PV_CONTROL_RETRIES	10
/* Longer requests are not ours: report only this much of them. */
#define PV_CONTROL_REQ_MAX	32

static void pv_control_poweroff(void)
{
	orderly_poweroff(false);
}

static void pv_control_reboot(void)
{
	ctrl_alt_del();
}

static const struct {
	const char *req;
	void (*act)(void);
	bool feature;	/* advertised as control/feature-<req> */
} pv_control_requests[] = {
	{ "poweroff", pv_control_poweroff, true },
	/* A PV domain cannot halt without ending: as Linux, power off. */
	{ "halt", pv_control_poweroff, false },
	{ "reboot", pv_control_reboot, true },
};

/**
 * pv_control_take() - read a control node and clear it, atomically
 * @node: node below control/
 *
 * Return: the request (kfree() it), NULL when there is none, or an
 * ERR_PTR() when the store failed (already logged).
 */
static char *pv_control_take(const char *node)
{
	int tries, err = 0;
	char *req;
	u32 tx;

	for (tries = 0; tries < PV_CONTROL_RETRIES; tries++) {
		err = pv_store_transaction_start(&tx);
		if (err)
			goto fail;
		req = pv_store_read(tx, "control", node, NULL);
		if (IS_ERR(req) || !*req) {
			pv_store_transaction_end(tx, true);
			if (!IS_ERR(req))
				kfree(req);
			else if (PTR_ERR(req) != -ENOENT)
				pr_err("reading control/%s failed: %ld\n", node,
				       PTR_ERR(req));
			return NULL;
		}
		err = pv_store_write(tx, "control", node, "");
		if (err) {
			pv_store_transaction_end(tx, true);
			kfree(req);
			goto fail;
		}
		err = pv_store_transaction_end(tx, false);
		if (!err)
			return req;
		kfree(req);
		if (err != -EAGAIN)
			goto fail;
	}
fail:
	pr_err("taking the request in control/%s failed: %d\n", node, err);
	return ERR_PTR(err ?: -EAGAIN);
}

static void pv_control_report_unknown(const char *what, const char *req)
{
	size_t len = strnlen(req, PV_CONTROL_REQ_MAX + 1);

	pr_warn("unknown %s request \"%*pE\"%s: ignored\n", what,
		(int)min_t(size_t, len, PV_CONTROL_REQ_MAX), req,
		len > PV_CONTROL_REQ_MAX ? "..." : "");
}

static void pv_control_shutdown_changed(struct pv_store_watch *w,
					const char *path)
{
	char *req = pv_control_take("shutdown");
	size_t i;

	if (IS_ERR_OR_NULL(req))
		return;
	for (i = 0; i < ARRAY_SIZE(pv_control_requests); i++) {
		if (!strcmp(req, pv_control_requests[i].req)) {
			pr_info("the toolstack asks for %s\n", req);
			pv_control_requests[i].act();
			break;
		}
	}
	if (i == ARRAY_SIZE(pv_control_requests))
		pv_control_report_unknown("shutdown", req);
	kfree(req);
}

static struct pv_store_watch pv_control_shutdown_watch;

#ifdef CONFIG_MAGIC_SYSRQ
static void pv_control_sysrq_changed(struct pv_store_watch *w,
				     const char *path)
{
	char *req = pv_control_take("sysrq");

	if (IS_ERR_OR_NULL(req))
		return;
	if (strlen(req) == 1)
		handle_sysrq(req[0]);
	else
		pv_control_report_unknown("sysrq", req);
	kfree(req);
}

static struct pv_store_watch pv_control_sysrq_watch;
#endif

static void __init pv_control_advertise(const char *feature)
{
	char node[32];
	int err;

	snprintf(node, sizeof(node), "feature-%s", feature);
	err = pv_store_write(PV_STORE_NO_TX, "control", node, "1");
	/*
	 * The toolstack creates the feature nodes it reads, writable by the
	 * guest; one it did not create (xl has no feature-sysrq) it does
	 * not ask about.
	 */
	if (err == -EACCES)
		pr_debug("control/%s is not ours to write\n", node);
	else if (err)
		pr_warn("cannot advertise control/%s: %d\n", node, err);
}

static int __init pv_control_init(void)
{
	size_t i;
	int err;

	if (!pv_store_ready())
		return 0;
	err = pv_store_watch(&pv_control_shutdown_watch, "control/shutdown",
			     pv_control_shutdown_changed);
	if (err) {
		pr_err("cannot watch control/shutdown: %d\n", err);
		return err;
	}
	for (i = 0; i < ARRAY_SIZE(pv_control_requests); i++)
		if (pv_control_requests[i].feature)
			pv_control_advertise(pv_control_requests[i].req);
#ifdef CONFIG_MAGIC_SYSRQ
	err = pv_store_watch(&pv_control_sysrq_watch, "control/sysrq",
			     pv_control_sysrq_changed);
	if (err)
		pr_err("cannot watch control/sysrq: %d\n", err);
	else
		pv_control_advertise("sysrq");
#endif
	return 0;
}
device_initcall(pv_control_init);
