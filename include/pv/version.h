/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen_version hypercall: the hypervisor's version, build and the features
 * it offers this guest.  Names and values follow Xen's public version.h;
 * Xen's char-array typedefs are given as sizes instead.
 */
#ifndef _PV_VERSION_H
#define _PV_VERSION_H

#include <linux/types.h>

/* Returns (major << 16) | minor. */
#define XENVER_version			0

/* Fills char[XEN_EXTRAVERSION_LEN], e.g. ".3-pre". */
#define XENVER_extraversion		1
#define XEN_EXTRAVERSION_LEN		16

#define XENVER_compile_info		2

/**
 * struct xen_compile_info - argument of XENVER_compile_info
 * @compiler: the compiler that built Xen
 * @compile_by: who built it
 * @compile_domain: the builder's domain
 * @compile_date: when
 */
struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};

/* Fills char[XEN_CAPABILITIES_INFO_LEN], e.g. "xen-3.0-x86_64 ...". */
#define XENVER_capabilities		3
#define XEN_CAPABILITIES_INFO_LEN	1024

/* Fills char[XEN_CHANGESET_INFO_LEN]. */
#define XENVER_changeset		4
#define XEN_CHANGESET_INFO_LEN		64

#define XENVER_platform_parameters	5

/**
 * struct xen_platform_parameters - argument of XENVER_platform_parameters
 * @virt_start: the lowest virtual address Xen reserves for itself
 */
struct xen_platform_parameters {
	unsigned long virt_start;
};

/* Fills struct xen_feature_info for one 32-bit submap of XENFEAT_*. */
#define XENVER_get_features		6

/* Returns the page size the guest must use. */
#define XENVER_pagesize			7

/**
 * struct xen_feature_info - argument of XENVER_get_features
 * @submap_idx: in: which 32-bit word of the feature bitmap
 * @submap: out: that word of the bitmap
 */
struct xen_feature_info {
	unsigned int submap_idx;
	u32 submap;
};

/* Fills the domain's handle: the 16 bytes of its UUID. */
#define XENVER_guest_handle		8
#define XEN_DOMAIN_HANDLE_LEN		16

#endif /* _PV_VERSION_H */
