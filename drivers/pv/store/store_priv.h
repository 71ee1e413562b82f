/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the parts of the xenstore client: the ring and
 * request matching (store.c), the watch thread (watch.c) and the user
 * device (xenbus_dev.c).
 */
#ifndef _PV_STORE_PRIV_H
#define _PV_STORE_PRIV_H

#include <linux/types.h>
#include <pv/io/xs_wire.h>

/* store.c */
unsigned long pv_store_timeout(void);
unsigned int pv_store_timeout_ms(void);
const char *pv_store_type_name(u32 type);

/* watch.c */
int pv_store_watch_start(void);
void pv_store_watch_event(const char *payload, u32 len);
int pv_store_watch_resend(void);

#endif /* _PV_STORE_PRIV_H */
