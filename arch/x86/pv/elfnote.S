/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "Xen" ELF notes: how Xen's domain builder (libxenguest for a domU,
 * the hypervisor itself for dom0) loads and enters this kernel.
 *
 * The builder reads them from the vmlinux ELF image (for a bzImage, from
 * the compressed vmlinux it carries), maps the kernel at VIRT_BASE plus
 * its physical load address, builds page tables, start_info, the console
 * and xenstore pages after the image and jumps to ENTRY.  The notes land
 * in the kernel's PT_NOTE segment through the linker script's NOTES.
 *
 * Left out on purpose for now:
 *  - HYPERCALL_PAGE: hypercalls are made with "syscall" directly.
 *  - INIT_P2M: the initial p2m list stays inside the bootstrap mapping,
 *    where the early code can read it; relocating it is for the p2m work.
 *  - FEATURES / SUPPORTED_FEATURES: no optional feature is needed or
 *    offered yet (in particular not writable_page_tables: page tables are
 *    read-only and updated through hypercalls).
 *  - SUSPEND_CANCEL, L1_MFN_VALID: no save/restore support yet.
 */
#include <linux/elfnote.h>
#include <asm/asm.h>
#include <asm/page_types.h>
#include <pv/elfnote.h>

	ELFNOTE(Xen, XEN_ELFNOTE_GUEST_OS,	.asciz "linux")
	ELFNOTE(Xen, XEN_ELFNOTE_GUEST_VERSION,	.asciz "6.1")
	/* The only interface version Xen's loader accepts. */
	ELFNOTE(Xen, XEN_ELFNOTE_XEN_VERSION,	.asciz "xen-3.0")
	ELFNOTE(Xen, XEN_ELFNOTE_LOADER,	.asciz "generic")
	/*
	 * vmlinux's program headers give physical load addresses
	 * (LOAD_PHYSICAL_ADDR up); with a zero offset, Xen maps each at
	 * __START_KERNEL_map + paddr, which is where the kernel is linked.
	 */
	ELFNOTE(Xen, XEN_ELFNOTE_VIRT_BASE,	_ASM_PTR __START_KERNEL_map)
	ELFNOTE(Xen, XEN_ELFNOTE_PADDR_OFFSET,	_ASM_PTR 0)
	ELFNOTE(Xen, XEN_ELFNOTE_ENTRY,		_ASM_PTR pv_startup)
	/* Give the initrd as a pfn: its virtual address is meaningless later. */
	ELFNOTE(Xen, XEN_ELFNOTE_MOD_START_PFN,	.long 1)
