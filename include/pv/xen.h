/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core of the Xen ABI as seen by a 64-bit PV guest: hypercall numbers,
 * the start of day information, the shared info page and the console_io
 * operations.  Names and values follow Xen's public headers (xen.h and
 * arch-x86/xen-x86_64.h), which are the specification; only what the port
 * uses is defined here.  Every structure is laid out for x86-64 only.
 */
#ifndef _PV_XEN_H
#define _PV_XEN_H

/* Hypercall numbers (the value placed in %rax before "syscall"). */
#define __HYPERVISOR_set_trap_table		0
#define __HYPERVISOR_mmu_update			1
#define __HYPERVISOR_set_gdt			2
#define __HYPERVISOR_stack_switch		3
#define __HYPERVISOR_set_callbacks		4
#define __HYPERVISOR_fpu_taskswitch		5
#define __HYPERVISOR_platform_op		7
#define __HYPERVISOR_set_debugreg		8
#define __HYPERVISOR_get_debugreg		9
#define __HYPERVISOR_update_descriptor		10
#define __HYPERVISOR_memory_op			12
#define __HYPERVISOR_multicall			13
#define __HYPERVISOR_update_va_mapping		14
#define __HYPERVISOR_set_timer_op		15
#define __HYPERVISOR_xen_version		17
#define __HYPERVISOR_console_io			18
#define __HYPERVISOR_grant_table_op		20
#define __HYPERVISOR_vm_assist			21
#define __HYPERVISOR_iret			23
#define __HYPERVISOR_vcpu_op			24
#define __HYPERVISOR_set_segment_base		25
#define __HYPERVISOR_mmuext_op			26
#define __HYPERVISOR_nmi_op			28
#define __HYPERVISOR_sched_op			29
#define __HYPERVISOR_callback_op		30
#define __HYPERVISOR_event_channel_op		32
#define __HYPERVISOR_physdev_op			33
#define __HYPERVISOR_hvm_op			34

/* callback_op (Xen's callback.h): where Xen enters the guest. */
#define CALLBACKOP_register		0
#define CALLBACKTYPE_event		0
#define CALLBACKTYPE_failsafe		1
#define CALLBACKTYPE_syscall		2
/* Entered with event delivery masked. */
#define CALLBACKF_mask_events		(1U << 0)

/* physdev_op (Xen's physdev.h): the virtual IOPL of the vCPU. */
#define PHYSDEVOP_set_iopl		6

/* vm_assist: commands and the assists a PV kernel turns on. */
#define VMASST_CMD_enable			0
#define VMASST_CMD_disable			1
#define VMASST_TYPE_writable_pagetables		2

/* set_segment_base: which base to load (x86-64 only). */
#define SEGBASE_FS		0
#define SEGBASE_GS_USER		1
#define SEGBASE_GS_KERNEL	2
#define SEGBASE_GS_USER_SEL	3

/* console_io commands. */
#define CONSOLEIO_write		0
#define CONSOLEIO_read		1

/* update_va_mapping flags: which TLB flush follows the update. */
#define UVMF_NONE		0UL
#define UVMF_TLB_FLUSH		1UL
#define UVMF_INVLPG		2UL
#define UVMF_FLUSHTYPE_MASK	3UL
#define UVMF_LOCAL		0UL
#define UVMF_ALL		4UL

/*
 * Start of the hypervisor's hole in a 64-bit PV guest's address space, and
 * the read-only machine-to-physical table Xen maps there.
 */
#define __HYPERVISOR_VIRT_START	0xFFFF800000000000
#define __MACH2PHYS_VIRT_START	0xFFFF800000000000
#define __MACH2PHYS_VIRT_END	0xFFFF804000000000

/* Flat segment selectors a 64-bit PV kernel runs on (ring 3). */
#define FLAT_RING3_CS64		0xe033
#define FLAT_RING3_DS64		0x0000
#define FLAT_RING3_SS64		0xe02b
#define FLAT_KERNEL_CS64	FLAT_RING3_CS64
#define FLAT_KERNEL_DS64	FLAT_RING3_DS64
#define FLAT_KERNEL_SS64	FLAT_RING3_SS64

/* start_info.flags */
#define SIF_PRIVILEGED		(1 << 0)
#define SIF_INITDOMAIN		(1 << 1)
#define SIF_MULTIBOOT_MOD	(1 << 2)
#define SIF_MOD_START_PFN	(1 << 3)
#define SIF_VIRT_P2M_4TOOLS	(1 << 4)
#define SIF_PM_MASK		(0xFF << 8)

#define MAX_GUEST_CMDLINE	1024
#define XEN_LEGACY_MAX_VCPUS	32

#define DOMID_SELF		0x7FF0U

#ifndef __ASSEMBLY__
#include <linux/types.h>

/*
 * Xen's xen_pfn_t and xen_ulong_t are unsigned long on x86-64; the fields
 * below use that type directly rather than add typedefs.
 */
typedef u16 domid_t;

/**
 * struct start_info - what Xen's domain builder tells a PV guest at entry
 * @magic: "xen-<version>-<platform>", e.g. "xen-3.0-x86_64"
 * @nr_pages: pages allocated to the domain
 * @shared_info: machine address of the shared info page
 * @flags: SIF_* flags
 * @store_mfn: machine frame of the xenstore ring
 * @store_evtchn: event channel of the xenstore ring
 * @console: domU: machine frame and event channel of the console ring;
 *	dom0: where the console_info structure lies in this page
 * @pt_base: virtual address of the bootstrap page tables
 * @nr_pt_frames: number of bootstrap page-table frames
 * @mfn_list: virtual address of the pfn-to-mfn list
 * @mod_start: virtual address (or pfn with SIF_MOD_START_PFN) of the module
 * @mod_len: size of the module in bytes
 * @cmd_line: guest command line, NUL terminated when shorter than the array
 * @first_p2m_pfn: first pfn of the initial p2m table (with INIT_P2M)
 * @nr_p2m_frames: frames of the initial p2m table (with INIT_P2M)
 */
struct start_info {
	char magic[32];
	unsigned long nr_pages;
	unsigned long shared_info;
	u32 flags;
	unsigned long store_mfn;
	u32 store_evtchn;
	union {
		struct {
			unsigned long mfn;
			u32 evtchn;
		} domU;
		struct {
			u32 info_off;
			u32 info_size;
		} dom0;
	} console;
	unsigned long pt_base;
	unsigned long nr_pt_frames;
	unsigned long mfn_list;
	unsigned long mod_start;
	unsigned long mod_len;
	s8 cmd_line[MAX_GUEST_CMDLINE];
	unsigned long first_p2m_pfn;
	unsigned long nr_p2m_frames;
};

/**
 * struct vcpu_time_info - per-vCPU system time published by Xen
 * @version: odd while Xen updates the record
 * @pad0: padding
 * @tsc_timestamp: TSC at the last update
 * @system_time: nanoseconds since the host booted, at @tsc_timestamp
 * @tsc_to_system_mul: TSC to nanoseconds multiplier (32.32 fixed point)
 * @tsc_shift: shift applied to the TSC delta before the multiplication
 * @flags: XEN_PVCLOCK_* flags
 * @pad1: padding
 */
struct vcpu_time_info {
	u32 version;
	u32 pad0;
	u64 tsc_timestamp;
	u64 system_time;
	u32 tsc_to_system_mul;
	s8 tsc_shift;
	u8 flags;
	u8 pad1[2];
};

#define XEN_PVCLOCK_TSC_STABLE_BIT	(1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED	(1 << 1)

/**
 * struct arch_vcpu_info - the x86-64 part of a vcpu_info
 * @cr2: faulting address of the last page fault (PV guests cannot read %cr2)
 * @pad: padding to 64 bytes per vcpu_info
 */
struct arch_vcpu_info {
	unsigned long cr2;
	unsigned long pad;
};

/**
 * struct vcpu_info - per-vCPU event and time state shared with Xen
 * @evtchn_upcall_pending: set by Xen when an event is pending
 * @evtchn_upcall_mask: set by the guest to mask event upcalls
 * @evtchn_pending_sel: which words of the pending bitmap have events
 * @arch: architecture-specific state
 * @time: system time
 */
struct vcpu_info {
	u8 evtchn_upcall_pending;
	u8 evtchn_upcall_mask;
	unsigned long evtchn_pending_sel;
	struct arch_vcpu_info arch;
	struct vcpu_time_info time;
};

/* Bits of arch_shared_info.nmi_reason (Xen's nmi.h). */
#define _XEN_NMIREASON_io_error		0
#define XEN_NMIREASON_io_error		(1UL << _XEN_NMIREASON_io_error)
#define _XEN_NMIREASON_pci_serr		1
#define XEN_NMIREASON_pci_serr		(1UL << _XEN_NMIREASON_pci_serr)

/**
 * struct arch_shared_info - the x86 part of the shared info page
 * @max_pfn: number of valid p2m entries
 * @pfn_to_mfn_frame_list_list: frame of the 3-level p2m tree for the tools
 * @nmi_reason: why an NMI was delivered (XEN_NMIREASON_*)
 * @p2m_cr3: address space of @p2m_vaddr (0: not set)
 * @p2m_vaddr: virtual address of the linear p2m list
 * @p2m_generation: odd while the p2m list is being changed
 */
struct arch_shared_info {
	unsigned long max_pfn;
	unsigned long pfn_to_mfn_frame_list_list;
	unsigned long nmi_reason;
	unsigned long p2m_cr3;
	unsigned long p2m_vaddr;
	unsigned long p2m_generation;
};

/**
 * struct shared_info - the page Xen shares with every domain
 * @vcpu_info: state of the first XEN_LEGACY_MAX_VCPUS vCPUs
 * @evtchn_pending: one bit per event channel, set by Xen
 * @evtchn_mask: one bit per event channel, set by the guest to mask it
 * @wc_version: odd while Xen updates the wall clock
 * @wc_sec: wall clock at system time 0, seconds (low 32 bits)
 * @wc_nsec: wall clock at system time 0, nanoseconds
 * @wc_sec_hi: wall clock, seconds (high 32 bits)
 * @arch: architecture-specific state
 */
struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	unsigned long evtchn_pending[sizeof(unsigned long) * 8];
	unsigned long evtchn_mask[sizeof(unsigned long) * 8];
	u32 wc_version;
	u32 wc_sec;
	u32 wc_nsec;
	u32 wc_sec_hi;
	struct arch_shared_info arch;
};

/**
 * struct callback_register - argument of CALLBACKOP_register
 * @type: CALLBACKTYPE_*
 * @flags: CALLBACKF_*
 * @address: the entry point (a kernel virtual address on x86-64)
 */
struct callback_register {
	u16 type;
	u16 flags;
	unsigned long address;
};

/**
 * struct physdev_set_iopl - argument of PHYSDEVOP_set_iopl
 * @iopl: the I/O privilege level, 0-3
 */
struct physdev_set_iopl {
	u32 iopl;
};

#endif /* __ASSEMBLY__ */
#endif /* _PV_XEN_H */
