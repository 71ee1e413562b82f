/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XenbusState handshake values (Xen's io/xenbus.h) and the parsers of
 * the device bus: state values, frontend device paths and backend ids.
 *
 * Everything parsed here comes from xenstore, which the toolstack and the
 * backends write: each parser takes an explicit length, never relies on a
 * NUL, and refuses a malformed value with -EINVAL (or -ERANGE for a number
 * out of range) instead of guessing.  The same source is unit-tested and
 * fuzzed in user space.
 */
#ifndef _PV_IO_XENBUS_H
#define _PV_IO_XENBUS_H

#include <pv/compat.h>

enum xenbus_state {
	XenbusStateUnknown       = 0,
	XenbusStateInitialising  = 1,
	XenbusStateInitWait      = 2,
	XenbusStateInitialised   = 3,
	XenbusStateConnected     = 4,
	XenbusStateClosing       = 5,
	XenbusStateClosed        = 6,
	XenbusStateReconfiguring = 7,
	XenbusStateReconfigured  = 8
};

/* Domain ids from here up name no ordinary domain (Xen's xen.h). */
#define PV_XB_DOMID_FIRST_RESERVED	0x7ff0U

/* Longest device type and id we accept; both become part of a sysfs name. */
#define PV_XB_TYPE_MAX	31U
#define PV_XB_ID_MAX	31U

/**
 * struct pv_xb_devpath - a frontend device path, split
 * @type: start of the device type ("vbd"), not NUL-terminated
 * @type_len: its length, 1..PV_XB_TYPE_MAX
 * @id: start of the device id ("51712"), not NUL-terminated
 * @id_len: its length, 1..PV_XB_ID_MAX
 * @len: length of the "device/<type>/<id>" prefix of the parsed path
 */
struct pv_xb_devpath {
	const char *type;
	u32 type_len;
	const char *id;
	u32 id_len;
	u32 len;
};

/**
 * pv_xb_state_name() - the name Linux shows for a state
 * @state: any number
 *
 * Return: "Initialising", "Connected" and so on; "INVALID" for a number
 * that is no XenbusState.
 */
const char *pv_xb_state_name(u32 state);

/**
 * pv_xb_parse_state() - parse a state node's value
 * @s: value, not necessarily NUL-terminated
 * @len: its length
 * @state: the state on success
 *
 * Accepts a decimal number without sign, spaces or leading zeros (a lone
 * "0" aside) naming a XenbusState (0..8).
 *
 * Return: 0, -EINVAL for a value that is not such a number, -ERANGE for
 * a number past XenbusStateReconfigured.
 */
int pv_xb_parse_state(const char *s, size_t len, enum xenbus_state *state);

/**
 * pv_xb_parse_domid() - parse a backend-id node's value
 * @s: value, not necessarily NUL-terminated
 * @len: its length
 * @domid: the domain id on success
 *
 * Return: 0, -EINVAL for a value that is not a plain decimal number,
 * -ERANGE for a number at or past PV_XB_DOMID_FIRST_RESERVED.
 */
int pv_xb_parse_domid(const char *s, size_t len, u16 *domid);

/**
 * pv_xb_parse_devpath() - split "device/<type>/<id>[/...]"
 * @path: a path relative to the domain's home, not necessarily
 *	NUL-terminated
 * @len: its length
 * @dp: the parts on success
 *
 * Type and id are each 1 to 31 characters of [A-Za-z0-9_-] (they name
 * the sysfs device "<type>-<id>"); the id may not start with '-'.
 *
 * Return: 1 when @path is a device directory or lies below one, 0 when
 * it is "device" or "device/<type>" (a scan of that level is due),
 * -EINVAL for anything else.
 */
int pv_xb_parse_devpath(const char *path, size_t len, struct pv_xb_devpath *dp);

/**
 * pv_xb_check_backend() - check a device's backend path against its id
 * @path: the value of the device's "backend" node
 * @len: its length
 * @domid: the device's parsed backend-id
 *
 * The toolstack puts a backend under its domain's home, so a path must be
 * "/local/domain/<domid>/backend/..." with this very @domid, at most 255
 * characters of the ones xenstore allows, no empty component and no
 * trailing '/'.
 *
 * Return: 0 or -EINVAL.
 */
int pv_xb_check_backend(const char *path, size_t len, u16 domid);

#endif /* _PV_IO_XENBUS_H */
