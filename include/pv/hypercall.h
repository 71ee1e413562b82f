/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercalls of a 64-bit PV guest.
 *
 * A 64-bit PV kernel runs in ring 3, so "syscall" from kernel mode traps
 * to Xen, which treats it as a hypercall: the number in %rax, arguments in
 * %rdi, %rsi, %rdx, %r10 and %r8, the result in %rax.  No hypercall page
 * is needed.  The instruction lives in one small assembly function,
 * pv_hypercall_syscall() (arch/x86/pv/hypercall.S): called like any C
 * function, it lets the compiler account for every register Xen or the
 * instruction may change, and it is the one site objtool must be told
 * about.
 *
 * The wrappers keep Xen's argument order; each returns Xen's result, a
 * negative errno value (in Xen's numbering, which matches Linux's for the
 * common ones) on failure.
 */
#ifndef _PV_HYPERCALL_H
#define _PV_HYPERCALL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <pv/xen.h>
#include <pv/sched.h>
#include <pv/version.h>
#include <pv/event_channel.h>
#include <pv/memory.h>
#include <pv/mmu.h>

/**
 * pv_hypercall_syscall() - make hypercall @nr with five arguments
 * @a1: first argument (%rdi)
 * @a2: second argument (%rsi)
 * @a3: third argument (%rdx)
 * @a4: fourth argument (%r10)
 * @a5: fifth argument (%r8)
 * @nr: hypercall number (__HYPERVISOR_*)
 *
 * Return: Xen's result.
 */
long pv_hypercall_syscall(unsigned long a1, unsigned long a2,
			  unsigned long a3, unsigned long a4,
			  unsigned long a5, unsigned int nr);

static __always_inline long pv_hypercall5(unsigned int nr, unsigned long a1,
					  unsigned long a2, unsigned long a3,
					  unsigned long a4, unsigned long a5)
{
	return pv_hypercall_syscall(a1, a2, a3, a4, a5, nr);
}

static __always_inline long pv_hypercall1(unsigned int nr, unsigned long a1)
{
	return pv_hypercall5(nr, a1, 0, 0, 0, 0);
}

static __always_inline long pv_hypercall2(unsigned int nr, unsigned long a1,
					  unsigned long a2)
{
	return pv_hypercall5(nr, a1, a2, 0, 0, 0);
}

static __always_inline long pv_hypercall3(unsigned int nr, unsigned long a1,
					  unsigned long a2, unsigned long a3)
{
	return pv_hypercall5(nr, a1, a2, a3, 0, 0);
}

/**
 * pv_hypercall_sched_op() - yield, block, poll or shut down this vCPU/domain
 * @cmd: SCHEDOP_*
 * @arg: the command's argument structure, or NULL
 *
 * Return: 0 or a negative Xen error; SCHEDOP_shutdown does not return on
 * success.
 */
static inline long pv_hypercall_sched_op(int cmd, void *arg)
{
	return pv_hypercall2(__HYPERVISOR_sched_op, cmd, (unsigned long)arg);
}

/**
 * pv_hypercall_xen_version() - query the hypervisor's version and features
 * @cmd: XENVER_*
 * @arg: buffer the command fills, or NULL for XENVER_version
 *
 * Return: the version for XENVER_version, else 0 or a negative Xen error.
 */
static inline long pv_hypercall_xen_version(int cmd, void *arg)
{
	return pv_hypercall2(__HYPERVISOR_xen_version, cmd, (unsigned long)arg);
}

/**
 * pv_hypercall_console_io() - write to (or read from) Xen's own console
 * @cmd: CONSOLEIO_write or CONSOLEIO_read
 * @count: bytes in @buf
 * @buf: the bytes
 *
 * A release build of Xen refuses this to an unprivileged domain (-EPERM).
 *
 * Return: 0 (write) or bytes read, or a negative Xen error.
 */
static inline long pv_hypercall_console_io(int cmd, unsigned int count,
					   const char *buf)
{
	return pv_hypercall3(__HYPERVISOR_console_io, cmd, count,
			     (unsigned long)buf);
}

/**
 * pv_hypercall_event_channel_op() - operate on an event channel
 * @cmd: EVTCHNOP_*
 * @arg: the command's argument structure
 *
 * Return: 0 or a negative Xen error.
 */
static inline long pv_hypercall_event_channel_op(int cmd, void *arg)
{
	return pv_hypercall2(__HYPERVISOR_event_channel_op, cmd,
			     (unsigned long)arg);
}

/**
 * pv_hypercall_update_va_mapping() - change the PTE mapping one page
 * @va: the virtual address whose PTE changes
 * @pte: the new PTE (machine frame number and flags)
 * @flags: UVMF_* TLB flush to do afterwards
 *
 * Return: 0 or a negative Xen error.
 */
static inline long pv_hypercall_update_va_mapping(unsigned long va, u64 pte,
						  unsigned long flags)
{
	return pv_hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

/**
 * pv_hypercall_set_segment_base() - load an FS or GS base
 * @which: SEGBASE_*
 * @base: the base address
 *
 * Return: 0 or a negative Xen error.
 */
static inline long pv_hypercall_set_segment_base(int which,
						 unsigned long base)
{
	return pv_hypercall2(__HYPERVISOR_set_segment_base, which, base);
}

/**
 * pv_hypercall_evtchn_send() - signal the other end of an event channel
 * @port: the local port
 *
 * Return: 0 or a negative Xen error.
 */
static inline long pv_hypercall_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };

	return pv_hypercall_event_channel_op(EVTCHNOP_send, &send);
}

/**
 * pv_hypercall_shutdown() - ask Xen to shut this domain down
 * @reason: SHUTDOWN_*
 *
 * Return: only on failure, with a negative Xen error.
 */
static inline long pv_hypercall_shutdown(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };

	return pv_hypercall_sched_op(SCHEDOP_shutdown, &arg);
}

/**
 * pv_hypercall_memory_op() - XENMEM_* memory reservation and map queries
 * @cmd: XENMEM_*
 * @arg: the command's argument structure, or NULL
 *
 * Return: the command's result or a negative Xen error.
 */
static inline long pv_hypercall_memory_op(unsigned int cmd, void *arg)
{
	return pv_hypercall2(__HYPERVISOR_memory_op, cmd, (unsigned long)arg);
}

/**
 * pv_hypercall_grant_table_op() - set up or query the grant table
 * @cmd: GNTTABOP_*
 * @arg: an array of @count argument structures of the command
 * @count: how many
 *
 * Each argument structure carries its own GNTST_* status as well.
 *
 * Return: 0 or a negative Xen error.
 */
static inline long pv_hypercall_grant_table_op(unsigned int cmd, void *arg,
					       unsigned int count)
{
	return pv_hypercall3(__HYPERVISOR_grant_table_op, cmd,
			     (unsigned long)arg, count);
}

/**
 * pv_hypercall_mmu_update() - apply checked page-table writes
 * @req: the writes
 * @count: how many
 * @done: where Xen stores how many it applied, or NULL
 * @domid: DOMID_SELF
 *
 * Return: 0 or a negative Xen error (at the first refused write).
 */
static inline long pv_hypercall_mmu_update(struct mmu_update *req,
					   unsigned int count,
					   unsigned int *done, domid_t domid)
{
	return pv_hypercall5(__HYPERVISOR_mmu_update, (unsigned long)req,
			     count, (unsigned long)done, domid, 0);
}

/**
 * pv_hypercall_mmuext_op() - pin, unpin, switch or flush page tables
 * @op: the operations
 * @count: how many
 * @done: where Xen stores how many it applied, or NULL
 * @domid: DOMID_SELF
 *
 * Return: 0 or a negative Xen error.
 */
static inline long pv_hypercall_mmuext_op(struct mmuext_op *op,
					  unsigned int count,
					  unsigned int *done, domid_t domid)
{
	return pv_hypercall5(__HYPERVISOR_mmuext_op, (unsigned long)op,
			     count, (unsigned long)done, domid, 0);
}

#endif /* _PV_HYPERCALL_H */
