// SPDX-License-Identifier: GPL-2.0
/*
 * The first-light banner: what Xen and its domain builder told this guest,
 * printed on the early console.  The host tests compare it with what dom0
 * sees (xl info, xl list), so the format is stable: one "pv: key: value"
 * fact per line.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <generated/utsrelease.h>
#include <asm/page.h>
#include <pv/features.h>
#include <pv/hypercall.h>
#include <pv/version.h>
#include <pv/xen.h>

#include "pv.h"

static const char * const pv_feature_names[] __initconst = {
	[XENFEAT_writable_page_tables]		= "writable_page_tables",
	[XENFEAT_writable_descriptor_tables]	= "writable_descriptor_tables",
	[XENFEAT_auto_translated_physmap]	= "auto_translated_physmap",
	[XENFEAT_supervisor_mode_kernel]	= "supervisor_mode_kernel",
	[XENFEAT_pae_pgdir_above_4gb]		= "pae_pgdir_above_4gb",
	[XENFEAT_mmu_pt_update_preserve_ad]	= "mmu_pt_update_preserve_ad",
	[XENFEAT_highmem_assist]		= "highmem_assist",
	[XENFEAT_gnttab_map_avail_bits]		= "gnttab_map_avail_bits",
	[XENFEAT_hvm_callback_vector]		= "hvm_callback_vector",
	[XENFEAT_hvm_safe_pvclock]		= "hvm_safe_pvclock",
	[XENFEAT_hvm_pirqs]			= "hvm_pirqs",
	[XENFEAT_dom0]				= "dom0",
	[XENFEAT_grant_map_identity]		= "grant_map_identity",
	[XENFEAT_memory_op_vnode_supported]	= "memory_op_vnode_supported",
	[XENFEAT_ARM_SMCCC_supported]		= "ARM_SMCCC_supported",
	[XENFEAT_linux_rsdp_unrestricted]	= "linux_rsdp_unrestricted",
	[XENFEAT_not_direct_mapped]		= "not_direct_mapped",
	[XENFEAT_direct_mapped]			= "direct_mapped",
};

static const char * const pv_sif_names[] __initconst = {
	"privileged", "initdomain", "multiboot_mod", "mod_start_pfn",
	"virt_p2m_4tools",
};

/* Xen's strings come back in fixed arrays that need not be terminated. */
static void __init pv_banner_string(const char *key, int cmd, char *buf,
				    size_t size)
{
	long err;

	memset(buf, 0, size);
	err = pv_hypercall_xen_version(cmd, buf);
	buf[size - 1] = '\0';
	if (err < 0)
		pv_early_printk("pv: xen: %s: unavailable (%ld)\n", key, err);
	else
		pv_early_printk("pv: xen: %s: %s\n", key, buf);
}

static void __init pv_banner_xen(void)
{
	static char buf[XEN_CAPABILITIES_INFO_LEN] __initdata;
	char extra[XEN_EXTRAVERSION_LEN] = "";
	struct xen_feature_info fi;
	long version;
	unsigned int i, bit;

	version = pv_hypercall_xen_version(XENVER_version, NULL);
	if (pv_hypercall_xen_version(XENVER_extraversion, extra) < 0)
		extra[0] = '\0';
	extra[sizeof(extra) - 1] = '\0';
	pv_early_printk("pv: xen: version: %ld.%ld%s\n",
			version >> 16, version & 0xffff, extra);

	pv_banner_string("capabilities", XENVER_capabilities, buf,
			 XEN_CAPABILITIES_INFO_LEN);
	pv_banner_string("changeset", XENVER_changeset, buf,
			 XEN_CHANGESET_INFO_LEN);

	for (i = 0; i < XENFEAT_NR_SUBMAPS; i++) {
		fi.submap_idx = i;
		if (pv_hypercall_xen_version(XENVER_get_features, &fi) < 0) {
			pv_early_printk("pv: xen: features[%u]: unavailable\n",
					i);
			continue;
		}
		pv_early_printk("pv: xen: features[%u]: %#010x", i, fi.submap);
		for (bit = 0; bit < 32; bit++) {
			unsigned int nr = i * 32 + bit;

			if (!(fi.submap & (1U << bit)))
				continue;
			if (nr < ARRAY_SIZE(pv_feature_names) &&
			    pv_feature_names[nr])
				pv_early_printk(" %s", pv_feature_names[nr]);
			else
				pv_early_printk(" bit%u", nr);
		}
		pv_early_printk("\n");
	}
}

static void __init pv_banner_start_info(const struct start_info *si)
{
	unsigned int bit;

	pv_early_printk("pv: start_info: magic: %s\n", si->magic);
	pv_early_printk("pv: start_info: nr_pages: %lu (%lu MiB)\n",
			si->nr_pages, si->nr_pages >> (20 - PAGE_SHIFT));
	pv_early_printk("pv: start_info: flags: %#x", si->flags);
	for (bit = 0; bit < ARRAY_SIZE(pv_sif_names); bit++)
		if (si->flags & (1U << bit))
			pv_early_printk(" %s", pv_sif_names[bit]);
	pv_early_printk("\n");
	pv_early_printk("pv: start_info: shared_info: maddr %#lx\n",
			si->shared_info);
	pv_early_printk("pv: start_info: store: mfn %#lx evtchn %u\n",
			si->store_mfn, si->store_evtchn);
	if (si->flags & SIF_INITDOMAIN)
		pv_early_printk("pv: start_info: console: dom0 info at %#x (%u bytes)\n",
				si->console.dom0.info_off,
				si->console.dom0.info_size);
	else
		pv_early_printk("pv: start_info: console: mfn %#lx evtchn %u\n",
				si->console.domU.mfn, si->console.domU.evtchn);
	pv_early_printk("pv: start_info: page tables: %#lx, %lu frames\n",
			si->pt_base, si->nr_pt_frames);
	pv_early_printk("pv: start_info: p2m list: %#lx\n", si->mfn_list);
	if (si->mod_len)
		pv_early_printk("pv: start_info: module: %s %#lx, %lu bytes\n",
				si->flags & SIF_MOD_START_PFN ? "pfn" : "va",
				si->mod_start, si->mod_len);
	else
		pv_early_printk("pv: start_info: module: none\n");
	/* Up to 1023 bytes: past pv_early_printk()'s limit, so unformatted. */
	pv_early_printk("pv: start_info: cmdline: \"");
	pv_early_console_write((const char *)si->cmd_line,
			       strnlen((const char *)si->cmd_line,
				       MAX_GUEST_CMDLINE));
	pv_early_printk("\"\n");
}

/**
 * pv_print_banner() - report what this PV guest was told at entry
 * @si: the kernel's copy of start_info (command line terminated)
 */
void __init pv_print_banner(const struct start_info *si)
{
	pv_early_printk("pv: first light: Linux %s entered as a Xen PV guest\n",
			UTS_RELEASE);
	pv_banner_xen();
	pv_banner_start_info(si);
	pv_early_printk("pv: early console: ring %s, console_io %s (%ld)\n",
			pv_early_console_ring_state(),
			pv_early_console_io_result() < 0 ? "refused" : "accepted",
			pv_early_console_io_result());
}
