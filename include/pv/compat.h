/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few things the PV protocol cores need from their environment.
 *
 * The cores (shared rings, xenstore wire format, blkif, netif, console ring)
 * are built twice from the same sources: into the kernel by Kbuild and into
 * user-space unit tests and fuzzers.  Everything environment-specific lives
 * here, so the cores include nothing else: fixed-width types, errno values,
 * memcpy/memset, the memory barriers that order accesses to memory shared
 * with another domain, and single-copy accessors for shared indexes.
 */
#ifndef _PV_COMPAT_H
#define _PV_COMPAT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/compiler.h>
#include <linux/export.h>
#include <asm/barrier.h>

/*
 * The other end runs on another (virtual) CPU even in a uniprocessor guest,
 * so the virt_ barriers, which stay real barriers without CONFIG_SMP.
 * Each use in the cores says what it orders.
 */
#define pv_mb()			virt_mb()	/* all accesses */
#define pv_rmb()		virt_rmb()	/* reads after reads */
#define pv_wmb()		virt_wmb()	/* writes after writes */
#define pv_barrier()		barrier()
#define PV_READ_ONCE(x)		READ_ONCE(x)
#define PV_WRITE_ONCE(x, v)	WRITE_ONCE(x, v)
#define PV_EXPORT(sym)		EXPORT_SYMBOL_GPL(sym)

/* Test hooks exist in user-space builds only; see below. */
#define pv_test_hook(point, shared, len)	do { } while (0)

#else /* user space: unit tests and fuzzers */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* Fences at least as strong as the kernel's; the tests run on x86-64. */
#define pv_mb()			__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define pv_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define pv_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define pv_barrier()		__atomic_signal_fence(__ATOMIC_SEQ_CST)
#define PV_READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define PV_WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define PV_EXPORT(sym)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/*
 * A unit test sets pv_test_hook_fn to play the peer at a point where a
 * mistake in the cores would only show if the peer wrote to shared memory
 * at exactly that moment; nothing else sets it.  Weak, so that every
 * program linking the cores gets the variable without defining it.
 */
#pragma weak pv_test_hook_fn
void (*pv_test_hook_fn)(int point, void *shared, size_t len);

static inline void pv_test_hook(int point, void *shared, size_t len)
{
	if (pv_test_hook_fn)
		pv_test_hook_fn(point, shared, len);
}

#endif /* __KERNEL__ */

/**
 * enum pv_test_point - where the cores call pv_test_hook()
 * @PV_TEST_SHARED_COPIED: pv_copy_shared() has taken its private copy;
 *	@shared and @len are the source, which the peer may now rewrite
 * @PV_TEST_EVENT_ARMING: a final check found nothing to consume and is
 *	about to publish its event index: a peer that produces now does not
 *	see the new index and sends no event, so only the check's second look
 *	can find what it produced; @shared is the ring header
 */
enum pv_test_point {
	PV_TEST_SHARED_COPIED,
	PV_TEST_EVENT_ARMING,
};

/**
 * pv_copy_shared() - copy a structure out of memory shared with the peer
 * @dst: private destination
 * @src: shared source
 * @len: number of bytes
 *
 * The peer may rewrite @src at any time.  After this copy every check and
 * every use must look at @dst only: the compiler barrier stops the compiler
 * from dropping the private copy and reading the shared memory again later
 * (a double fetch that would let the peer change a value after it was
 * checked).
 */
static inline void pv_copy_shared(void *dst, const void *src, size_t len)
{
	memcpy(dst, src, len);
	pv_barrier();
	pv_test_hook(PV_TEST_SHARED_COPIED, (void *)src, len);
}

#endif /* _PV_COMPAT_H */
