// SPDX-License-Identifier: GPL-2.0
/*
 * Device bus core: the parsers of what the toolstack and backends write
 * for a device (see Documentation/services/bus.rst).  OS-independent, so
 * the same source runs in the kernel, the unit tests and the fuzzer.
 */
#include <pv/io/xenbus.h>

static const char *const pv_xb_state_names[] = {
	[XenbusStateUnknown]       = "Unknown",
	[XenbusStateInitialising]  = "Initialising",
	[XenbusStateInitWait]      = "InitWait",
	[XenbusStateInitialised]   = "Initialised",
	[XenbusStateConnected]     = "Connected",
	[XenbusStateClosing]       = "Closing",
	[XenbusStateClosed]        = "Closed",
	[XenbusStateReconfiguring] = "Reconfiguring",
	[XenbusStateReconfigured]  = "Reconfigured",
};

#define PV_XB_NSTATES ARRAY_SIZE(pv_xb_state_names)

const char *pv_xb_state_name(u32 state)
{
	if (state >= PV_XB_NSTATES)
		return "INVALID";
	return pv_xb_state_names[state];
}
PV_EXPORT(pv_xb_state_name);

/*
 * A plain decimal: digits only, no leading zero unless it is the only
 * digit.  Values past @max are -ERANGE; at most ten digits are looked at
 * before that verdict, so a long run of digits cannot overflow.
 */
static int pv_xb_parse_dec(const char *s, size_t len, u32 max, u32 *val)
{
	u64 v = 0;
	size_t i;

	if (!len || (s[0] == '0' && len > 1))
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
	if (len > 10)
		return -ERANGE;
	for (i = 0; i < len; i++)
		v = v * 10 + (u64)(s[i] - '0');
	if (v > max)
		return -ERANGE;
	*val = (u32)v;
	return 0;
}

int pv_xb_parse_state(const char *s, size_t len, enum xenbus_state *state)
{
	u32 v;
	int r;

	r = pv_xb_parse_dec(s, len, PV_XB_NSTATES - 1, &v);
	if (r)
		return r;
	*state = (enum xenbus_state)v;
	return 0;
}
PV_EXPORT(pv_xb_parse_state);

int pv_xb_parse_domid(const char *s, size_t len, u16 *domid)
{
	u32 v;
	int r;

	r = pv_xb_parse_dec(s, len, PV_XB_DOMID_FIRST_RESERVED - 1, &v);
	if (r)
		return r;
	*domid = (u16)v;
	return 0;
}
PV_EXPORT(pv_xb_parse_domid);

static bool pv_xb_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Length of the component at @s (up to '/' or @len), 0 if any char is bad. */
static u32 pv_xb_component(const char *s, size_t len, u32 max)
{
	u32 n = 0;

	while (n < len && s[n] != '/') {
		if (!pv_xb_name_char(s[n]) || n == max)
			return 0;
		n++;
	}
	return n;
}

int pv_xb_parse_devpath(const char *path, size_t len, struct pv_xb_devpath *dp)
{
	static const char pfx[] = "device";
	const size_t plen = sizeof(pfx) - 1;
	size_t pos;
	u32 n;

	if (len < plen || memcmp(path, pfx, plen))
		return -EINVAL;
	if (len == plen)
		return 0;
	if (path[plen] != '/')
		return -EINVAL;
	pos = plen + 1;
	n = pv_xb_component(path + pos, len - pos, PV_XB_TYPE_MAX);
	if (!n)
		return -EINVAL;
	dp->type = path + pos;
	dp->type_len = n;
	pos += n;
	if (pos == len)
		return 0;
	pos++;		/* the '/' */
	n = pv_xb_component(path + pos, len - pos, PV_XB_ID_MAX);
	if (!n || path[pos] == '-')
		return -EINVAL;
	dp->id = path + pos;
	dp->id_len = n;
	pos += n;
	/* Below the device: "device/vbd/51712/" alone is no path. */
	if (pos < len && pos + 1 == len)
		return -EINVAL;
	dp->len = (u32)pos;
	return 1;
}
PV_EXPORT(pv_xb_parse_devpath);

/* The characters xenstore allows in a path, '/' aside. */
static bool pv_xb_path_char(char c)
{
	return pv_xb_name_char(c) || c == '.' || c == '@';
}

int pv_xb_check_backend(const char *path, size_t len, u16 domid)
{
	static const char home[] = "/local/domain/";
	static const char be[] = "/backend/";
	const size_t hlen = sizeof(home) - 1, blen = sizeof(be) - 1;
	size_t i, pos, digits;
	u32 v;

	if (len > 255 || len < hlen || memcmp(path, home, hlen))
		return -EINVAL;
	for (i = 1; i < len; i++) {
		if (path[i] == '/') {
			if (path[i - 1] == '/')
				return -EINVAL;
		} else if (!pv_xb_path_char(path[i])) {
			return -EINVAL;
		}
	}
	if (path[len - 1] == '/')
		return -EINVAL;
	pos = hlen;
	for (digits = 0; pos + digits < len && path[pos + digits] != '/'; digits++)
		;
	if (pv_xb_parse_dec(path + pos, digits, 0xffffffffU, &v) || v != domid)
		return -EINVAL;
	pos += digits;
	if (len - pos <= blen || memcmp(path + pos, be, blen))
		return -EINVAL;
	return 0;
}
PV_EXPORT(pv_xb_check_backend);
