// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/hypervisor for a Xen guest: the names and formats of Linux's Xen
 * support, because user space reads them as they are (systemd-detect-virt
 * and virt-what read type; cloud-init and guest agents the uuid; tools the
 * version):
 *
 *   type                         "xen"
 *   guest_type                   "PV"
 *   uuid                         the domain's handle, as `xl list -v`
 *   version/{major,minor,extra}
 *   compilation/{compiler,compiled_by,compile_date}
 *   properties/{capabilities,changeset,virtual_start,pagesize,features}
 *
 * Everything comes from the xen_version hypercall at read time, so the
 * files need no xenstore and stay right across a migration.
 */
#define pr_fmt(fmt) "pv-sysfs: " fmt

#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <pv/boot.h>
#include <pv/hypercall.h>
#include <pv/version.h>

#define PV_ATTR_RO(group, name)						\
	static struct kobj_attribute pv_##group##_##name##_attr =	\
		__ATTR(name, 0444, pv_##group##_##name##_show, NULL)

static ssize_t pv_top_type_show(struct kobject *k, struct kobj_attribute *a,
				char *buf)
{
	return sysfs_emit(buf, "xen\n");
}
PV_ATTR_RO(top, type);

static ssize_t pv_top_guest_type_show(struct kobject *k,
				      struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "PV\n");
}
PV_ATTR_RO(top, guest_type);

static ssize_t pv_top_uuid_show(struct kobject *k, struct kobj_attribute *a,
				char *buf)
{
	u8 handle[XEN_DOMAIN_HANDLE_LEN];
	long rc = pv_hypercall_xen_version(XENVER_guest_handle, handle);

	return rc < 0 ? rc : sysfs_emit(buf, "%pUb\n", handle);
}
PV_ATTR_RO(top, uuid);

static struct attribute *pv_top_attrs[] = {
	&pv_top_type_attr.attr,
	&pv_top_guest_type_attr.attr,
	&pv_top_uuid_attr.attr,
	NULL
};

static const struct attribute_group pv_top_group = {
	.attrs = pv_top_attrs,
};

/* --- version/ ----------------------------------------------------- */

static ssize_t pv_version_major_show(struct kobject *k,
				     struct kobj_attribute *a, char *buf)
{
	long v = pv_hypercall_xen_version(XENVER_version, NULL);

	return v < 0 ? v : sysfs_emit(buf, "%ld\n", v >> 16);
}
PV_ATTR_RO(version, major);

static ssize_t pv_version_minor_show(struct kobject *k,
				     struct kobj_attribute *a, char *buf)
{
	long v = pv_hypercall_xen_version(XENVER_version, NULL);

	return v < 0 ? v : sysfs_emit(buf, "%ld\n", v & 0xffff);
}
PV_ATTR_RO(version, minor);

/*
 * A string Xen fills in a fixed-size buffer: terminate it here rather
 * than trust Xen to have.
 */
static ssize_t pv_emit_xen_string(char *buf, int cmd, size_t size)
{
	char *s = kzalloc(size + 1, GFP_KERNEL);
	long rc;

	if (!s)
		return -ENOMEM;
	rc = pv_hypercall_xen_version(cmd, s);
	if (rc >= 0)
		rc = sysfs_emit(buf, "%s\n", s);
	kfree(s);
	return rc;
}

static ssize_t pv_version_extra_show(struct kobject *k,
				     struct kobj_attribute *a, char *buf)
{
	return pv_emit_xen_string(buf, XENVER_extraversion,
				  XEN_EXTRAVERSION_LEN);
}
PV_ATTR_RO(version, extra);

static struct attribute *pv_version_attrs[] = {
	&pv_version_major_attr.attr,
	&pv_version_minor_attr.attr,
	&pv_version_extra_attr.attr,
	NULL
};

static const struct attribute_group pv_version_group = {
	.name = "version",
	.attrs = pv_version_attrs,
};

/* --- compilation/ ------------------------------------------------- */

enum pv_compile_field { PV_COMPILER, PV_COMPILED_BY, PV_COMPILE_DATE };

static ssize_t pv_emit_compile_info(char *buf, enum pv_compile_field f)
{
	struct xen_compile_info *ci = kzalloc(sizeof(*ci), GFP_KERNEL);
	const char *s;
	size_t max;
	long rc;

	if (!ci)
		return -ENOMEM;
	rc = pv_hypercall_xen_version(XENVER_compile_info, ci);
	if (rc >= 0) {
		switch (f) {
		case PV_COMPILER:
			s = ci->compiler;
			max = sizeof(ci->compiler);
			break;
		case PV_COMPILED_BY:
			s = ci->compile_by;
			max = sizeof(ci->compile_by);
			break;
		default:
			s = ci->compile_date;
			max = sizeof(ci->compile_date);
			break;
		}
		rc = sysfs_emit(buf, "%.*s\n", (int)strnlen(s, max), s);
	}
	kfree(ci);
	return rc;
}

static ssize_t pv_compilation_compiler_show(struct kobject *k,
					    struct kobj_attribute *a, char *buf)
{
	return pv_emit_compile_info(buf, PV_COMPILER);
}
PV_ATTR_RO(compilation, compiler);

static ssize_t pv_compilation_compiled_by_show(struct kobject *k,
					       struct kobj_attribute *a,
					       char *buf)
{
	return pv_emit_compile_info(buf, PV_COMPILED_BY);
}
PV_ATTR_RO(compilation, compiled_by);

static ssize_t pv_compilation_compile_date_show(struct kobject *k,
						struct kobj_attribute *a,
						char *buf)
{
	return pv_emit_compile_info(buf, PV_COMPILE_DATE);
}
PV_ATTR_RO(compilation, compile_date);

static struct attribute *pv_compilation_attrs[] = {
	&pv_compilation_compiler_attr.attr,
	&pv_compilation_compiled_by_attr.attr,
	&pv_compilation_compile_date_attr.attr,
	NULL
};

static const struct attribute_group pv_compilation_group = {
	.name = "compilation",
	.attrs = pv_compilation_attrs,
};

/* --- properties/ -------------------------------------------------- */

static ssize_t pv_properties_capabilities_show(struct kobject *k,
					       struct kobj_attribute *a,
					       char *buf)
{
	return pv_emit_xen_string(buf, XENVER_capabilities,
				  XEN_CAPABILITIES_INFO_LEN);
}
PV_ATTR_RO(properties, capabilities);

static ssize_t pv_properties_changeset_show(struct kobject *k,
					    struct kobj_attribute *a, char *buf)
{
	return pv_emit_xen_string(buf, XENVER_changeset,
				  XEN_CHANGESET_INFO_LEN);
}
PV_ATTR_RO(properties, changeset);

static ssize_t pv_properties_virtual_start_show(struct kobject *k,
						struct kobj_attribute *a,
						char *buf)
{
	struct xen_platform_parameters pp;
	long rc = pv_hypercall_xen_version(XENVER_platform_parameters, &pp);

	return rc < 0 ? rc : sysfs_emit(buf, "%lx\n", pp.virt_start);
}
PV_ATTR_RO(properties, virtual_start);

static ssize_t pv_properties_pagesize_show(struct kobject *k,
					   struct kobj_attribute *a, char *buf)
{
	long rc = pv_hypercall_xen_version(XENVER_pagesize, NULL);

	return rc < 0 ? rc : sysfs_emit(buf, "%lx\n", rc);
}
PV_ATTR_RO(properties, pagesize);

/* The feature bitmap's one 32-bit word Xen defines, in hex, as Linux. */
static ssize_t pv_properties_features_show(struct kobject *k,
					   struct kobj_attribute *a, char *buf)
{
	struct xen_feature_info fi = { .submap_idx = 0 };
	long rc = pv_hypercall_xen_version(XENVER_get_features, &fi);

	return rc < 0 ? rc : sysfs_emit(buf, "%08x\n", fi.submap);
}
PV_ATTR_RO(properties, features);

static struct attribute *pv_properties_attrs[] = {
	&pv_properties_capabilities_attr.attr,
	&pv_properties_changeset_attr.attr,
	&pv_properties_virtual_start_attr.attr,
	&pv_properties_pagesize_attr.attr,
	&pv_properties_features_attr.attr,
	NULL
};

static const struct attribute_group pv_properties_group = {
	.name = "properties",
	.attrs = pv_properties_attrs,
};

static const struct attribute_group *pv_sys_hypervisor_groups[] = {
	&pv_top_group,
	&pv_version_group,
	&pv_compilation_group,
	&pv_properties_group,
	NULL
};

static int __init pv_sys_hypervisor_init(void)
{
	int err;

	if (!pv_domain())
		return 0;
	err = sysfs_create_groups(hypervisor_kobj, pv_sys_hypervisor_groups);
	if (err)
		pr_err("cannot create /sys/hypervisor: %d\n", err);
	return err;
}
device_initcall(pv_sys_hypervisor_init);
