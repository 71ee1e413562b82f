/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device bus service (drivers/pv/bus): the "xen" bus on which the
 * frontends find their devices.
 *
 * The bus lists device/<type>/<id> in the domain's xenstore home at boot
 * and whenever the toolstack changes it, registers one struct
 * pv_bus_device per directory (sysfs name "<type>-<id>", as Linux's own
 * Xen bus names them), reads and checks its backend path and id, and
 * watches the backend's state.  Drivers name the types they handle; their
 * callbacks run in process context and may make xenstore requests.  Probe
 * and remove run under the device lock; otherend_changed runs in the
 * xenstore watch thread, under the device lock too.  See
 * Documentation/services/bus.rst.
 */
#ifndef _PV_BUS_H
#define _PV_BUS_H

#include <linux/device.h>
#include <linux/types.h>
#include <pv/io/xenbus.h>
#include <pv/store.h>

/**
 * struct pv_bus_device - one frontend device
 * @dev: the driver-model device, named "<type>-<id>"
 * @nodename: our directory, "device/<type>/<id>"
 * @devicetype: "<type>"
 * @otherend: the backend's directory, checked; NULL when it was refused
 * @otherend_id: the backend's domain id
 * @state: our state as last written with pv_bus_switch_state()
 * @otherend_state: the backend's state as last read and accepted
 * @broken: a value read for the device was refused; the bus probes no
 *	driver for it and calls no callback until the device is re-added
 * @otherend_watch: the bus's watch on the backend's state node
 * @watching: @otherend_watch is set
 * @bad_state_logged: the backend's state was refused and said so; a
 *	further bad value is not logged again until a good one came
 * @going: the toolstack removed the directory; callbacks are over
 *
 * Drivers read the fields and change @state only through
 * pv_bus_switch_state().
 */
struct pv_bus_device {
	struct device dev;
	const char *nodename;
	const char *devicetype;
	const char *otherend;
	u16 otherend_id;
	enum xenbus_state state;
	enum xenbus_state otherend_state;
	bool broken;
	struct pv_store_watch otherend_watch;
	bool watching;
	bool bad_state_logged;
	bool going;
};

#define to_pv_bus_device(d) container_of(d, struct pv_bus_device, dev)

/**
 * struct pv_bus_driver - a frontend driver
 * @types: NULL-terminated list of device types handled ("vbd")
 * @probe: bind to a new device; our state is Initialising, the backend's
 *	state is in @otherend_state; return 0 or a negative errno
 * @remove: unbind: the device is going away or the driver is; free what
 *	probe set up
 * @otherend_changed: the backend's state changed to @state (already
 *	range-checked); drives the handshake from our side
 * @suspend: the domain is about to be saved; quiesce the device
 * @freeze: as @suspend, for a snapshot the domain continues after
 * @resume: the domain was restored (on a new host, with new backends):
 *	tear down the old rings and run the whole handshake again from
 *	Initialising; return 0 or a negative errno
 * @driver: the driver-model driver; set @driver.name
 */
struct pv_bus_driver {
	const char *const *types;
	int (*probe)(struct pv_bus_device *dev);
	void (*remove)(struct pv_bus_device *dev);
	void (*otherend_changed)(struct pv_bus_device *dev,
				 enum xenbus_state state);
	int (*suspend)(struct pv_bus_device *dev);
	int (*freeze)(struct pv_bus_device *dev);
	int (*resume)(struct pv_bus_device *dev);
	struct device_driver driver;
};

#define to_pv_bus_driver(d) container_of(d, struct pv_bus_driver, driver)

/**
 * pv_bus_register_driver() - register a frontend driver
 * @drv: the driver; @drv->driver.name must be set
 *
 * Devices already listed of a type in @drv->types are probed at once.
 *
 * Return: 0 or a negative errno (-ENODEV when the bus is not up).
 */
int pv_bus_register_driver(struct pv_bus_driver *drv);

/**
 * pv_bus_unregister_driver() - unbind and unregister a driver
 * @drv: a registered driver
 */
void pv_bus_unregister_driver(struct pv_bus_driver *drv);

/**
 * pv_bus_switch_state() - write our state node
 * @dev: the device
 * @state: the new state
 *
 * Writes @dev->nodename/state in a transaction that first checks the
 * directory still exists, so a device the toolstack removed is not
 * brought back to life by the write.
 *
 * Return: 0, -ENOENT when the directory is gone, another negative errno.
 */
int pv_bus_switch_state(struct pv_bus_device *dev, enum xenbus_state state);

/**
 * pv_bus_dev_error() - report a device error to the log and the toolstack
 * @dev: the device
 * @err: a negative errno
 * @fmt: printf format of the message
 *
 * Logs one line and writes "<-err> <message>" to
 * error/<nodename>/error, where Xen's toolstack looks for it.
 */
__printf(3, 4)
void pv_bus_dev_error(struct pv_bus_device *dev, int err, const char *fmt, ...);

/**
 * pv_bus_dev_fatal() - as pv_bus_dev_error(), then give the device up
 * @dev: the device
 * @err: a negative errno
 * @fmt: printf format of the message
 *
 * Also marks the device broken and switches our state to Closing, so the
 * backend tears its side down.
 */
__printf(3, 4)
void pv_bus_dev_fatal(struct pv_bus_device *dev, int err, const char *fmt, ...);

/**
 * pv_bus_read_otherend_uint() - read a decimal node of the backend
 * @dev: the device
 * @node: name below the backend's directory ("feature-persistent")
 * @max: the largest value the caller can use
 * @val: the value on success
 *
 * A value that is present but not a decimal number up to @max is logged
 * with one line naming the device, the node and the value.
 *
 * Return: 0, -ENOENT for a missing node, -EINVAL or -ERANGE for a value
 * refused, another negative errno from the store.
 */
int pv_bus_read_otherend_uint(struct pv_bus_device *dev, const char *node,
			      unsigned int max, unsigned int *val);

/**
 * pv_bus_read_otherend_str() - read a node of the backend
 * @dev: the device
 * @node: name below the backend's directory
 *
 * Return: the value, NUL-terminated, to kfree(); an ERR_PTR() on failure.
 */
char *pv_bus_read_otherend_str(struct pv_bus_device *dev, const char *node);

#endif /* _PV_BUS_H */
