/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two halves of the bus service share: bus.c (devices,
 * enumeration, backend state) and driver.c (drivers, helpers, the boot
 * wait).
 */
#ifndef _PV_BUS_PRIV_H
#define _PV_BUS_PRIV_H

#include <linux/wait.h>
#include <pv/bus.h>

extern struct bus_type pv_bus_type;
extern bool pv_bus_up;

/* Woken on every change of a state and when the first scan is done. */
extern wait_queue_head_t pv_bus_wq;
extern atomic_t pv_bus_gen;
extern bool pv_bus_scanned;

void pv_bus_changed(void);
void pv_bus_close(struct pv_bus_device *dev);

#endif /* _PV_BUS_PRIV_H */
