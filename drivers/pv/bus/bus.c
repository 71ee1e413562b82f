// SPDX-License-Identifier: GPL-2.0
/*
 * The "xen" bus: one device per device/<type>/<id> directory of the
 * domain's xenstore home, found at boot and kept in step with the
 * toolstack by a watch on "device", and a watch on each backend's state.
 *
 * Devices are added and removed only in the xenstore watch thread (the
 * scan runs there too, on the watch's first event), so no two changes of
 * the device set race and a watch may be removed there without waiting
 * for its own callback.  See Documentation/services/bus.rst.
 */
#define pr_fmt(fmt) "pv-bus: " fmt

#include <linux/err.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "bus_priv.h"

bool pv_bus_up;
bool pv_bus_scanned;
DECLARE_WAIT_QUEUE_HEAD(pv_bus_wq);
atomic_t pv_bus_gen = ATOMIC_INIT(0);

static struct pv_store_watch pv_bus_dev_watch;

void pv_bus_changed(void)
{
	atomic_inc(&pv_bus_gen);
	wake_up_all(&pv_bus_wq);
}

/* --- the bus type ------------------------------------------------------ */

static int pv_bus_match(struct device *dev, struct device_driver *drv)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);
	const char *const *t;

	for (t = to_pv_bus_driver(drv)->types; t && *t; t++)
		if (!strcmp(*t, pdev->devicetype))
			return 1;
	return 0;
}

static int pv_bus_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);

	if (add_uevent_var(env, "XENBUS_TYPE=%s", pdev->devicetype) ||
	    add_uevent_var(env, "XENBUS_PATH=%s", pdev->nodename) ||
	    add_uevent_var(env, "MODALIAS=xen:%s", pdev->devicetype))
		return -ENOMEM;
	return 0;
}

static int pv_bus_probe(struct device *dev)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);
	struct pv_bus_driver *drv = to_pv_bus_driver(dev->driver);

	/* A device with a refused backend stays unconnected. */
	if (pdev->broken || !pdev->otherend || pdev->going)
		return -ENODEV;
	if (!drv->probe)
		return -ENODEV;
	return drv->probe(pdev);
}

static void pv_bus_remove(struct device *dev)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);
	struct pv_bus_driver *drv = to_pv_bus_driver(dev->driver);

	if (drv->remove)
		drv->remove(pdev);
	pv_bus_changed();
}

static ssize_t nodename_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%s\n", to_pv_bus_device(dev)->nodename);
}
static DEVICE_ATTR_RO(nodename);

static ssize_t devtype_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", to_pv_bus_device(dev)->devicetype);
}
static DEVICE_ATTR_RO(devtype);

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%s:%s\n", dev->bus->name,
			  to_pv_bus_device(dev)->devicetype);
}
static DEVICE_ATTR_RO(modalias);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  pv_xb_state_name(to_pv_bus_device(dev)->state));
}
static DEVICE_ATTR_RO(state);

static struct attribute *pv_bus_dev_attrs[] = {
	&dev_attr_nodename.attr,
	&dev_attr_devtype.attr,
	&dev_attr_modalias.attr,
	&dev_attr_state.attr,
	NULL,
};
ATTRIBUTE_GROUPS(pv_bus_dev);

/*
 * Save and restore: the driver quiesces on suspend and freeze; after a
 * restore the backend may be another one, so its path and id are read
 * again before the driver's resume runs the handshake anew.
 */
static int __maybe_unused pv_bus_pm_suspend(struct device *dev)
{
	struct pv_bus_driver *drv;

	if (!dev->driver)
		return 0;
	drv = to_pv_bus_driver(dev->driver);
	return drv->suspend ? drv->suspend(to_pv_bus_device(dev)) : 0;
}

static int __maybe_unused pv_bus_pm_freeze(struct device *dev)
{
	struct pv_bus_driver *drv;

	if (!dev->driver)
		return 0;
	drv = to_pv_bus_driver(dev->driver);
	return drv->freeze ? drv->freeze(to_pv_bus_device(dev)) : 0;
}

static int __maybe_unused pv_bus_pm_resume(struct device *dev)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);
	struct pv_bus_driver *drv;

	pdev->state = XenbusStateInitialising;
	pdev->otherend_state = XenbusStateUnknown;
	if (!dev->driver || pdev->broken)
		return 0;
	drv = to_pv_bus_driver(dev->driver);
	return drv->resume ? drv->resume(pdev) : 0;
}

static const struct dev_pm_ops pv_bus_pm_ops = {
	SET_SYSTEM_SLEEP_PM_OPS(pv_bus_pm_suspend, pv_bus_pm_resume)
	.freeze = pm_sleep_ptr(pv_bus_pm_freeze),
	.thaw = pm_sleep_ptr(pv_bus_pm_resume),
};

struct bus_type pv_bus_type = {
	.name = "xen",
	.match = pv_bus_match,
	.uevent = pv_bus_uevent,
	.probe = pv_bus_probe,
	.remove = pv_bus_remove,
	.dev_groups = pv_bus_dev_groups,
	.pm = &pv_bus_pm_ops,
};

/* --- the backend's state ----------------------------------------------- */

static void pv_bus_otherend_cb(struct pv_store_watch *w, const char *path)
{
	struct pv_bus_device *pdev =
		container_of(w, struct pv_bus_device, otherend_watch);
	enum xenbus_state st;
	struct pv_bus_driver *drv;
	unsigned int len;
	char *v;
	int r;

	if (pdev->going)
		return;
	v = pv_store_read(PV_STORE_NO_TX, pdev->otherend, "state", &len);
	if (IS_ERR(v)) {
		/* A backend directory that is gone is a backend that closed. */
		if (PTR_ERR(v) != -ENOENT)
			return;
		st = XenbusStateClosed;
	} else {
		r = pv_xb_parse_state(v, len, &st);
		if (r) {
			if (!pdev->bad_state_logged)
				pr_err("%s: backend state '%.16s' in %s is not a XenbusState (%d), ignored\n",
				       dev_name(&pdev->dev), v, pdev->otherend, r);
			pdev->bad_state_logged = true;
			kfree(v);
			return;
		}
		kfree(v);
	}
	pdev->bad_state_logged = false;
	if (st == pdev->otherend_state)
		return;
	pdev->otherend_state = st;
	dev_dbg(&pdev->dev, "backend %s\n", pv_xb_state_name(st));

	device_lock(&pdev->dev);
	if (pdev->dev.driver && !pdev->broken) {
		drv = to_pv_bus_driver(pdev->dev.driver);
		if (drv->otherend_changed)
			drv->otherend_changed(pdev, st);
	}
	device_unlock(&pdev->dev);
	/*
	 * Whatever the driver did, a backend that closes gets our side closed
	 * too: the toolstack's detach waits for the backend to reach Closed,
	 * which a backend does only once its frontend has.
	 */
	if (st == XenbusStateClosing || st == XenbusStateClosed)
		pv_bus_close(pdev);
	pv_bus_changed();
}

void pv_bus_close(struct pv_bus_device *dev)
{
	if (dev->state == XenbusStateClosed)
		return;
	if (dev->state != XenbusStateClosing)
		pv_bus_switch_state(dev, XenbusStateClosing);
	pv_bus_switch_state(dev, XenbusStateClosed);
}

/* --- adding and removing devices --------------------------------------- */

static void pv_bus_release(struct device *dev)
{
	struct pv_bus_device *pdev = to_pv_bus_device(dev);

	kfree(pdev->nodename);
	kfree(pdev->devicetype);
	kfree(pdev->otherend);
	kfree(pdev);
}

static int pv_bus_match_nodename(struct device *dev, const void *data)
{
	return !strcmp(to_pv_bus_device(dev)->nodename, data);
}

static struct pv_bus_device *pv_bus_find(const char *nodename)
{
	struct device *dev;

	dev = bus_find_device(&pv_bus_type, NULL, nodename,
			      pv_bus_match_nodename);
	return dev ? to_pv_bus_device(dev) : NULL;
}

/*
 * Reads and checks the backend's path and id.  Return: 0, 1 when a node
 * cannot be read (missing, or its permissions not yet set), -EINVAL
 * after one pr_err for a value refused.
 */
static int pv_bus_read_backend(struct pv_bus_device *pdev, const char *name)
{
	unsigned int len;
	char *id, *be;
	int r;

	id = pv_store_read(PV_STORE_NO_TX, pdev->nodename, "backend-id", &len);
	if (IS_ERR(id))
		return 1;
	r = pv_xb_parse_domid(id, len, &pdev->otherend_id);
	if (r) {
		pr_err("%s: backend-id '%.16s' refused (%d): device left unconnected\n",
		       name, id, r);
		kfree(id);
		return -EINVAL;
	}
	kfree(id);
	be = pv_store_read(PV_STORE_NO_TX, pdev->nodename, "backend", &len);
	if (IS_ERR(be))
		return 1;
	if (pv_xb_check_backend(be, len, pdev->otherend_id)) {
		pr_err("%s: backend '%.64s' is no backend path of domain %u: device left unconnected\n",
		       name, be, pdev->otherend_id);
		kfree(be);
		return -EINVAL;
	}
	pdev->otherend = be;
	return 0;
}

static void pv_bus_add(const struct pv_xb_devpath *dp)
{
	struct pv_bus_device *pdev, *old;
	char *nodename;
	int r;

	nodename = kasprintf(GFP_KERNEL, "device/%.*s/%.*s", dp->type_len,
			     dp->type, dp->id_len, dp->id);
	if (!nodename)
		return;
	old = pv_bus_find(nodename);
	if (old) {
		put_device(&old->dev);
		kfree(nodename);
		return;
	}
	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	if (!pdev) {
		kfree(nodename);
		return;
	}
	pdev->nodename = nodename;
	pdev->devicetype = kasprintf(GFP_KERNEL, "%.*s", dp->type_len, dp->type);
	device_initialize(&pdev->dev);
	pdev->dev.bus = &pv_bus_type;
	pdev->dev.release = pv_bus_release;
	pdev->state = XenbusStateInitialising;
	pdev->otherend_state = XenbusStateUnknown;
	if (!pdev->devicetype ||
	    dev_set_name(&pdev->dev, "%s-%.*s", pdev->devicetype, dp->id_len,
			 dp->id))
		goto out;

	/*
	 * Only a value refused is final; a node missing or not yet readable
	 * (the toolstack writes nodes and then their permissions) is looked
	 * at again on the next event.
	 */
	r = pv_bus_read_backend(pdev, dev_name(&pdev->dev));
	if (r > 0)
		goto out;
	if (r)
		pdev->broken = true;

	if (!pdev->broken) {
		char *path = kasprintf(GFP_KERNEL, "%s/state", pdev->otherend);

		if (!path)
			goto out;
		r = pv_store_watch(&pdev->otherend_watch, path,
				   pv_bus_otherend_cb);
		kfree(path);
		if (r) {
			pr_err("%s: cannot watch the backend's state (%d)\n",
			       dev_name(&pdev->dev), r);
			goto out;
		}
		pdev->watching = true;
	}
	r = device_add(&pdev->dev);
	if (r) {
		pr_err("%s: cannot add the device (%d)\n",
		       dev_name(&pdev->dev), r);
		if (pdev->watching)
			pv_store_unwatch(&pdev->otherend_watch);
		goto out;
	}
	if (pdev->broken)
		pr_info("%s: %s, left unconnected\n", dev_name(&pdev->dev),
			pdev->nodename);
	else
		pr_info("%s: %s, backend %s (domain %u)\n",
			dev_name(&pdev->dev), pdev->nodename, pdev->otherend,
			pdev->otherend_id);
	pv_bus_changed();
	return;
out:
	put_device(&pdev->dev);
}

static void pv_bus_del(struct pv_bus_device *pdev)
{
	pr_info("%s: removed by the toolstack\n", dev_name(&pdev->dev));
	pdev->going = true;
	if (pdev->watching) {
		pv_store_unwatch(&pdev->otherend_watch);
		pdev->watching = false;
	}
	device_unregister(&pdev->dev);
	pv_bus_changed();
}

/* Return: true while @pdev's directory exists (or the store cannot say). */
static bool pv_bus_present(struct pv_bus_device *pdev)
{
	char *v = pv_store_read(PV_STORE_NO_TX, pdev->nodename, "", NULL);

	if (IS_ERR(v))
		return PTR_ERR(v) != -ENOENT;
	kfree(v);
	return true;
}

static int pv_bus_sweep_one(struct device *dev, void *data)
{
	struct pv_bus_device **gone = data;
	struct pv_bus_device *pdev = to_pv_bus_device(dev);

	if (pdev->going || pv_bus_present(pdev))
		return 0;
	get_device(dev);
	*gone = pdev;
	return 1;
}

/* Removes every device whose directory is gone. */
static void pv_bus_sweep(void)
{
	struct pv_bus_device *gone;

	for (;;) {
		gone = NULL;
		bus_for_each_dev(&pv_bus_type, NULL, &gone, pv_bus_sweep_one);
		if (!gone)
			break;
		pv_bus_del(gone);
		put_device(&gone->dev);
	}
}

static void pv_bus_scan_type(const char *type)
{
	struct pv_xb_devpath dp;
	unsigned int n, i;
	char **ids, *path;

	ids = pv_store_directory(PV_STORE_NO_TX, "device", type, &n);
	if (IS_ERR(ids))
		return;
	for (i = 0; i < n; i++) {
		path = kasprintf(GFP_KERNEL, "device/%s/%s", type, ids[i]);
		if (!path)
			break;
		if (pv_xb_parse_devpath(path, strlen(path), &dp) == 1)
			pv_bus_add(&dp);
		else
			pr_err("ignoring %s: not a device name of the form <type>/<id>\n",
			       path + 7);
		kfree(path);
	}
	kfree(ids);
}

static void pv_bus_scan(void)
{
	unsigned int n, i;
	char **types;

	types = pv_store_directory(PV_STORE_NO_TX, "device", "", &n);
	if (!IS_ERR(types)) {
		for (i = 0; i < n; i++)
			pv_bus_scan_type(types[i]);
		kfree(types);
	}
	pv_bus_sweep();
}

/* Events name paths relative to our home; strip an absolute prefix. */
static const char *pv_bus_relative(const char *path)
{
	static const char home[] = "/local/domain/";
	const char *p;

	if (strncmp(path, home, sizeof(home) - 1))
		return path;
	p = strchr(path + sizeof(home) - 1, '/');
	return p ? p + 1 : path;
}

static void pv_bus_device_cb(struct pv_store_watch *w, const char *path)
{
	struct pv_bus_device *pdev;
	struct pv_xb_devpath dp;
	char *nodename;
	int r;

	path = pv_bus_relative(path);
	r = pv_xb_parse_devpath(path, strlen(path), &dp);
	if (r == 0 || !pv_bus_scanned) {
		pv_bus_scan();
		if (!pv_bus_scanned) {
			pv_bus_scanned = true;
			pv_bus_changed();
		}
		return;
	}
	if (r < 0)
		return;
	nodename = kasprintf(GFP_KERNEL, "%.*s", dp.len, path);
	if (!nodename)
		return;
	pdev = pv_bus_find(nodename);
	kfree(nodename);
	if (!pdev) {
		pv_bus_add(&dp);
		return;
	}
	if (!pdev->going && !pv_bus_present(pdev))
		pv_bus_del(pdev);
	put_device(&pdev->dev);
}

static int __init pv_bus_init(void)
{
	int r;

	r = bus_register(&pv_bus_type);
	if (r) {
		pr_err("cannot register the xen bus (%d)\n", r);
		return r;
	}
	/* Natively, or with no store, the bus stays empty. */
	if (!pv_store_ready())
		return 0;
	r = pv_store_watch(&pv_bus_dev_watch, "device", pv_bus_device_cb);
	if (r) {
		pr_err("cannot watch device/ (%d): no devices\n", r);
		return 0;
	}
	pv_bus_up = true;
	return 0;
}
subsys_initcall_sync(pv_bus_init);
