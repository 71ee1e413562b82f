// SPDX-License-Identifier: GPL-2.0
/*
 * A frontend for the bus's own host tests: devices of type "pvtest",
 * which no toolstack creates (tests/host/pvbus.test makes them by hand
 * from dom0).  It has no ring; it walks the handshake so the bus's driver
 * side runs end to end: probe reads one feature of the backend (refusing
 * an absurd one and leaving the device unconnected), goes Initialised,
 * follows the backend to Connected, and closes when the backend closes.
 */
#define pr_fmt(fmt) "pv-bus-testdev: " fmt

#include <linux/init.h>
#include <pv/bus.h>

/* The feature the test backend offers; a ring order would be 0..8. */
#define PV_TESTDEV_ORDER_MAX 8U

static int pv_testdev_probe(struct pv_bus_device *dev)
{
	unsigned int order = 0;
	int r;

	r = pv_bus_read_otherend_uint(dev, "feature-test-order",
				      PV_TESTDEV_ORDER_MAX, &order);
	if (r && r != -ENOENT) {
		pv_bus_dev_error(dev, r, "backend feature-test-order refused");
		return r;
	}
	dev_info(&dev->dev, "probed: backend %s, order %u\n", dev->otherend,
		 order);
	return pv_bus_switch_state(dev, XenbusStateInitialised);
}

static void pv_testdev_remove(struct pv_bus_device *dev)
{
	dev_info(&dev->dev, "removed\n");
}

static void pv_testdev_otherend_changed(struct pv_bus_device *dev,
					enum xenbus_state state)
{
	switch (state) {
	case XenbusStateConnected:
		if (dev->state == XenbusStateInitialised &&
		    !pv_bus_switch_state(dev, XenbusStateConnected))
			dev_info(&dev->dev, "connected\n");
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		pv_bus_switch_state(dev, XenbusStateClosed);
		break;
	default:
		break;
	}
}

/* Reconnect after a restore: the handshake again from the start. */
static int pv_testdev_resume(struct pv_bus_device *dev)
{
	return pv_testdev_probe(dev);
}

static const char *const pv_testdev_types[] = { "pvtest", NULL };

static struct pv_bus_driver pv_testdev_driver = {
	.types = pv_testdev_types,
	.probe = pv_testdev_probe,
	.remove = pv_testdev_remove,
	.otherend_changed = pv_testdev_otherend_changed,
	.resume = pv_testdev_resume,
	.driver = { .name = "pv-testdev" },
};

static int __init pv_testdev_init(void)
{
	return pv_bus_register_driver(&pv_testdev_driver);
}
device_initcall(pv_testdev_init);
