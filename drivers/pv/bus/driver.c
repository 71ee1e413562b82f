// SPDX-License-Identifier: GPL-2.0
/*
 * The frontend side of the bus: driver registration, the helpers a
 * frontend drives the handshake with, and the bounded wait at boot for
 * bound devices to connect (so that a root disk is there before the root
 * file system is mounted).  See Documentation/services/bus.rst.
 */
#define pr_fmt(fmt) "pv-bus: " fmt

#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <pv/io/xs_wire.h>
#include "bus_priv.h"

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "pv_bus."

static unsigned int boot_wait_s = 30;
module_param(boot_wait_s, uint, 0644);
MODULE_PARM_DESC(boot_wait_s,
		 "Seconds to wait at boot for bound devices to connect");

int pv_bus_register_driver(struct pv_bus_driver *drv)
{
	drv->driver.bus = &pv_bus_type;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_GPL(pv_bus_register_driver);

void pv_bus_unregister_driver(struct pv_bus_driver *drv)
{
	driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_GPL(pv_bus_unregister_driver);

int pv_bus_switch_state(struct pv_bus_device *dev, enum xenbus_state state)
{
	char *v;
	int tries, r;
	u32 tx;

	for (tries = 0; tries < 5; tries++) {
		r = pv_store_transaction_start(&tx);
		if (r)
			break;
		v = pv_store_read(tx, dev->nodename, "", NULL);
		if (IS_ERR(v)) {
			r = PTR_ERR(v);
			pv_store_transaction_end(tx, true);
			break;
		}
		kfree(v);
		r = pv_store_printf(tx, dev->nodename, "state", "%d", state);
		if (r) {
			pv_store_transaction_end(tx, true);
			break;
		}
		r = pv_store_transaction_end(tx, false);
		if (r != -EAGAIN)
			break;
	}
	if (r) {
		if (r != -ENOENT)
			dev_err(&dev->dev, "cannot write state %s (%d)\n",
				pv_xb_state_name(state), r);
		return r;
	}
	dev->state = state;
	pv_bus_changed();
	return 0;
}
EXPORT_SYMBOL_GPL(pv_bus_switch_state);

static void pv_bus_va_error(struct pv_bus_device *dev, int err,
			    const char *fmt, va_list ap)
{
	char *msg, *line, *path;
	int r;

	msg = kvasprintf(GFP_KERNEL, fmt, ap);
	if (!msg)
		return;
	/* The toolstack shows the value as it stands: errno, space, text. */
	line = kasprintf(GFP_KERNEL, "%d %s", -err, msg);
	path = kasprintf(GFP_KERNEL, "error/%s", dev->nodename);
	r = (path && line) ? pv_store_write(PV_STORE_NO_TX, path, "error", line)
			   : -ENOMEM;
	if (r)
		dev_err(&dev->dev, "%s (not recorded in xenstore: %d)\n",
			line ? line : msg, r);
	else
		dev_err(&dev->dev, "%s\n", line);
	kfree(path);
	kfree(line);
	kfree(msg);
}

void pv_bus_dev_error(struct pv_bus_device *dev, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pv_bus_va_error(dev, err, fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(pv_bus_dev_error);

void pv_bus_dev_fatal(struct pv_bus_device *dev, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pv_bus_va_error(dev, err, fmt, ap);
	va_end(ap);
	dev->broken = true;
	pv_bus_switch_state(dev, XenbusStateClosing);
}
EXPORT_SYMBOL_GPL(pv_bus_dev_fatal);

char *pv_bus_read_otherend_str(struct pv_bus_device *dev, const char *node)
{
	if (!dev->otherend)
		return ERR_PTR(-ENODEV);
	return pv_store_read(PV_STORE_NO_TX, dev->otherend, node, NULL);
}
EXPORT_SYMBOL_GPL(pv_bus_read_otherend_str);

int pv_bus_read_otherend_uint(struct pv_bus_device *dev, const char *node,
			      unsigned int max, unsigned int *val)
{
	unsigned int len;
	char *v;
	u64 n;
	int r;

	if (!dev->otherend)
		return -ENODEV;
	v = pv_store_read(PV_STORE_NO_TX, dev->otherend, node, &len);
	if (IS_ERR(v))
		return PTR_ERR(v);
	r = pv_xs_parse_uint(v, len, max, &n);
	if (r)
		dev_err(&dev->dev, "backend %s/%s is '%.20s': not a number up to %u (%d)\n",
			dev->otherend, node, v, max, r);
	else
		*val = (unsigned int)n;
	kfree(v);
	return r;
}
EXPORT_SYMBOL_GPL(pv_bus_read_otherend_uint);

/* --- the boot wait ----------------------------------------------------- */

static int pv_bus_pending_one(struct device *dev, void *data)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);
	const char **name = data;

	if (!dev->driver || pdev->broken || pdev->going)
		return 0;
	if (pdev->state == XenbusStateConnected ||
	    pdev->state == XenbusStateClosed)
		return 0;
	*name = dev_name(dev);
	return 1;
}

/* Return: the name of a bound device not yet connected, or NULL. */
static const char *pv_bus_pending(void)
{
	const char *name = NULL;

	bus_for_each_dev(&pv_bus_type, NULL, &name, pv_bus_pending_one);
	return name;
}

static int __init pv_bus_boot_wait(void)
{
	unsigned long end = jiffies + (unsigned long)boot_wait_s * HZ;
	const char *name;
	bool said = false;
	int gen;

	if (!pv_bus_up)
		return 0;
	/* The first scan runs in the watch thread; it takes a few requests. */
	if (!wait_event_timeout(pv_bus_wq, READ_ONCE(pv_bus_scanned),
				(unsigned long)boot_wait_s * HZ)) {
		pr_err("no scan of device/ after %u s: devices come later\n",
		       boot_wait_s);
		return 0;
	}
	for (;;) {
		gen = atomic_read(&pv_bus_gen);
		name = pv_bus_pending();
		if (!name)
			break;
		if (time_after_eq(jiffies, end)) {
			pr_err("%s and maybe others not connected after %u s: booting on\n",
			       name, boot_wait_s);
			return 0;
		}
		if (!said)
			pr_info("waiting up to %u s for %s to connect\n",
				boot_wait_s, name);
		said = true;
		/* A second at most: a change may come between read and wait. */
		wait_event_timeout(pv_bus_wq, atomic_read(&pv_bus_gen) != gen,
				   min_t(unsigned long, HZ, end - jiffies + 1));
	}
	if (said)
		pr_info("bound devices connected\n");
	return 0;
}
late_initcall(pv_bus_boot_wait);
