/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Atomic operations on memory shared with Xen, for the event channel and
 * time cores, in the kernel and in the user-space unit tests.
 *
 * Xen updates the pending bitmaps, the FIFO event words and the control
 * block from another physical CPU, even when this guest has a single vCPU:
 * every read-modify-write must be a locked instruction.  The kernel's
 * plain atomics drop the lock prefix in a !SMP build, so the sync_
 * variants, which never do.
 */
#ifndef _PV_EVTCHN_ATOMIC_H
#define _PV_EVTCHN_ATOMIC_H

#include <pv/compat.h>

#ifdef __KERNEL__

#include <linux/bitops.h>
#include <asm/cmpxchg.h>
#include <asm/sync_bitops.h>

/* xchg is always locked on x86. */
#define pv_sync_xchg(ptr, v)		xchg(ptr, v)
#define pv_sync_cmpxchg(ptr, o, n)	sync_cmpxchg(ptr, o, n)

static inline void pv_sync_clear_bit(unsigned int nr, unsigned long *addr)
{
	sync_clear_bit(nr, addr);
}

static inline void pv_sync_set_bit(unsigned int nr, unsigned long *addr)
{
	sync_set_bit(nr, addr);
}

static inline bool pv_sync_test_and_clear_bit(unsigned int nr,
					      unsigned long *addr)
{
	return sync_test_and_clear_bit(nr, addr);
}

/* Index of the lowest set bit; @x must not be 0. */
static inline unsigned int pv_ffs_ul(unsigned long x)
{
	return __ffs(x);
}

#else /* user space */

#ifdef PV_EVTCHN_TEST_HOOKS
/*
 * Unit tests only: called right after every exchange, so that a test can
 * play Xen at the exact point where an ordering mistake would lose an
 * event.
 */
extern void (*pv_test_after_xchg)(void *ptr);
#define pv_sync_xchg(ptr, v) ({						\
	__typeof__(*(ptr)) _prev = __atomic_exchange_n(ptr, v,		\
						       __ATOMIC_SEQ_CST);\
	if (pv_test_after_xchg)						\
		pv_test_after_xchg(ptr);				\
	_prev;								\
})
#else
#define pv_sync_xchg(ptr, v) \
	__atomic_exchange_n(ptr, v, __ATOMIC_SEQ_CST)
#endif
#define pv_sync_cmpxchg(ptr, o, n) ({					\
	__typeof__(*(ptr)) _old = (o);					\
	__atomic_compare_exchange_n(ptr, &_old, n, false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\
	_old;								\
})

static inline void pv_sync_clear_bit(unsigned int nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[nr / 64], ~(1UL << (nr % 64)),
			   __ATOMIC_SEQ_CST);
}

static inline void pv_sync_set_bit(unsigned int nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[nr / 64], 1UL << (nr % 64), __ATOMIC_SEQ_CST);
}

static inline bool pv_sync_test_and_clear_bit(unsigned int nr,
					      unsigned long *addr)
{
	unsigned long bit = 1UL << (nr % 64);

	return __atomic_fetch_and(&addr[nr / 64], ~bit, __ATOMIC_SEQ_CST) & bit;
}

/* Index of the lowest set bit; @x must not be 0. */
static inline unsigned int pv_ffs_ul(unsigned long x)
{
	return (unsigned int)__builtin_ctzl(x);
}

#endif /* __KERNEL__ */
#endif /* _PV_EVTCHN_ATOMIC_H */
