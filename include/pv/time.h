/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time of a PV guest: the vcpu_op ABI the timer code uses, and the
 * OS-independent core that turns what Xen publishes into nanoseconds.
 *
 * Xen publishes, per vCPU, a vcpu_time_info record: system time (ns since
 * the host booted) at a TSC stamp, and the factor that converts TSC ticks
 * to ns.  The guest computes
 *
 *   now = system_time + ((tsc - tsc_timestamp) << tsc_shift) * mul / 2^32
 *
 * (a right shift when tsc_shift is negative), reading the record under
 * its version counter: odd while Xen rewrites it, changed when it did.
 * The wall clock (shared_info wc_*) is the time of day at system time 0,
 * under its own version counter.  Steal time comes from the runstate
 * area, whose state_entry_time carries an update flag.
 *
 * The core is static inline so that sched_clock and the clocksource read
 * it without a call, and so that the unit tests (tests/unit/events) run
 * the very same code with a fake TSC.
 */
#ifndef _PV_TIME_H
#define _PV_TIME_H

#include <pv/compat.h>
#include <pv/xen.h>
#include <pv/evtchn_atomic.h>

/* vcpu_op commands (Xen's vcpu.h). */
#define VCPUOP_initialise			0
#define VCPUOP_up				1
#define VCPUOP_down				2
#define VCPUOP_is_up				3
#define VCPUOP_get_runstate_info		4
#define VCPUOP_register_runstate_memory_area	5
#define VCPUOP_set_periodic_timer		6
#define VCPUOP_stop_periodic_timer		7
#define VCPUOP_set_singleshot_timer		8
#define VCPUOP_stop_singleshot_timer		9
#define VCPUOP_register_vcpu_info		10
#define VCPUOP_send_nmi				11
#define VCPUOP_get_physid			12
#define VCPUOP_register_vcpu_time_memory_area	13

#define RUNSTATE_running	0
#define RUNSTATE_runnable	1
#define RUNSTATE_blocked	2
#define RUNSTATE_offline	3

/* Set in state_entry_time while Xen updates the area (with VMASST). */
#define XEN_RUNSTATE_UPDATE	(1ULL << 63)

#define VMASST_CMD_enable			0
#define VMASST_TYPE_runstate_update_flag	5

/* Ask Xen to fail a single-shot timer already in the past (-ETIME). */
#define VCPU_SSHOTTMR_future	(1U << 0)

/**
 * struct vcpu_runstate_info - how long a vCPU spent in each state
 * @state: RUNSTATE_* now
 * @state_entry_time: system time @state was entered, with
 *	XEN_RUNSTATE_UPDATE set during updates
 * @time: ns spent in each RUNSTATE_*
 */
struct vcpu_runstate_info {
	int state;
	u64 state_entry_time;
	u64 time[4];
};

/**
 * struct vcpu_register_runstate_memory_area - argument of
 *	VCPUOP_register_runstate_memory_area
 * @addr: guest virtual address of the vcpu_runstate_info Xen keeps updated
 */
struct vcpu_register_runstate_memory_area {
	u64 addr;
};

/**
 * struct vcpu_set_periodic_timer - argument of VCPUOP_set_periodic_timer
 * @period_ns: period
 */
struct vcpu_set_periodic_timer {
	u64 period_ns;
};

/**
 * struct vcpu_set_singleshot_timer - argument of VCPUOP_set_singleshot_timer
 * @timeout_abs_ns: system time at which VIRQ_TIMER fires
 * @flags: VCPU_SSHOTTMR_*
 */
struct vcpu_set_singleshot_timer {
	u64 timeout_abs_ns;
	u32 flags;
};

/* Give up re-reading a record Xen keeps rewriting after this many tries. */
#define PV_TIME_MAX_RETRIES	1000

#define PV_NSEC_PER_SEC		1000000000ULL

/**
 * pv_pvclock_scale() - convert a TSC delta to nanoseconds
 * @delta: TSC ticks
 * @mul: tsc_to_system_mul, a 32.32 fixed-point factor
 * @shift: tsc_shift
 *
 * The 64x32-bit product needs 96 bits; it is formed from two 64-bit
 * products, which is exact: the high half times @mul is an integer, and
 * only the low half's product has a fraction to drop.
 *
 * Return: floor((@delta shifted) * @mul / 2^32), modulo 2^64.
 */
static __always_inline u64 pv_pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= (unsigned int)-shift;
	else
		delta <<= (unsigned int)shift;
	return (((delta & 0xffffffffULL) * mul) >> 32) + (delta >> 32) * mul;
}

/**
 * struct pv_pvclock_snap - one consistent copy of a vcpu_time_info
 * @tsc_timestamp: TSC at the last update
 * @system_time: ns at @tsc_timestamp
 * @mul: tsc_to_system_mul
 * @shift: tsc_shift
 * @flags: XEN_PVCLOCK_* flags
 * @tsc: the TSC read inside the same version window
 */
struct pv_pvclock_snap {
	u64 tsc_timestamp;
	u64 system_time;
	u32 mul;
	s8 shift;
	u8 flags;
	u64 tsc;
};

/**
 * pv_pvclock_snapshot() - copy a vcpu_time_info under its version counter
 * @ti: the record Xen publishes
 * @read_tsc: reads the TSC (ordered); called inside the version window,
 *	so that a record Xen rewrote (for instance after moving the vCPU to
 *	another physical CPU) is never paired with the wrong TSC
 * @snap: out: the copy
 *
 * Return: true, or false when Xen was still updating the record after
 * PV_TIME_MAX_RETRIES tries (@snap is then meaningless).
 */
static __always_inline bool
pv_pvclock_snapshot(const struct vcpu_time_info *ti, u64 (*read_tsc)(void),
		    struct pv_pvclock_snap *snap)
{
	unsigned int tries;
	u32 version;

	for (tries = 0; tries < PV_TIME_MAX_RETRIES; tries++) {
		version = PV_READ_ONCE(ti->version);
		/* The fields must be read after the version... */
		pv_rmb();
		snap->tsc_timestamp = PV_READ_ONCE(ti->tsc_timestamp);
		snap->system_time = PV_READ_ONCE(ti->system_time);
		snap->mul = PV_READ_ONCE(ti->tsc_to_system_mul);
		snap->shift = PV_READ_ONCE(ti->tsc_shift);
		snap->flags = PV_READ_ONCE(ti->flags);
		snap->tsc = read_tsc();
		/* ...and before it is read again. */
		pv_rmb();
		if (!(version & 1) && PV_READ_ONCE(ti->version) == version)
			return true;
	}
	return false;
}

/**
 * pv_pvclock_ns() - system time of a snapshot
 * @snap: a consistent snapshot
 *
 * A TSC behind the stamp (a TSC that is not synchronised across physical
 * CPUs) counts as no time elapsed, not as 2^64 ticks.
 *
 * Return: nanoseconds of system time.
 */
static __always_inline u64 pv_pvclock_ns(const struct pv_pvclock_snap *snap)
{
	u64 delta = snap->tsc - snap->tsc_timestamp;

	if ((s64)delta < 0)
		delta = 0;
	return snap->system_time +
	       pv_pvclock_scale(delta, snap->mul, snap->shift);
}

/**
 * pv_pvclock_clamp() - never let a clock read go backwards
 * @last: the largest value returned so far, shared by all readers
 * @now: this read
 *
 * Needed unless Xen says the TSC is stable across CPUs
 * (XEN_PVCLOCK_TSC_STABLE_BIT): two vCPUs' records may disagree slightly.
 *
 * Return: max(@now, *@last), with *@last raised to it.
 */
static __always_inline u64 pv_pvclock_clamp(u64 *last, u64 now)
{
	u64 old = PV_READ_ONCE(*last), seen;

	for (;;) {
		if ((s64)(now - old) <= 0)
			return old;
		seen = pv_sync_cmpxchg(last, old, now);
		if (seen == old)
			return now;
		old = seen;
	}
}

/**
 * pv_pvclock_read() - system time now, monotonic across readers
 * @ti: the vCPU's vcpu_time_info
 * @read_tsc: reads the TSC
 * @last: shared clamp state (see pv_pvclock_clamp())
 *
 * Return: nanoseconds of system time, or the last value returned when the
 * record could not be read consistently.
 */
static __always_inline u64 pv_pvclock_read(const struct vcpu_time_info *ti,
					   u64 (*read_tsc)(void), u64 *last)
{
	struct pv_pvclock_snap snap;
	u64 now;

	if (!pv_pvclock_snapshot(ti, read_tsc, &snap))
		return PV_READ_ONCE(*last);
	now = pv_pvclock_ns(&snap);
	if (snap.flags & XEN_PVCLOCK_TSC_STABLE_BIT)
		return now;
	return pv_pvclock_clamp(last, now);
}

/**
 * pv_wallclock_read() - time of day at system time 0
 * @s: shared_info
 * @sec: out: seconds since the epoch
 * @nsec: out: nanoseconds, below PV_NSEC_PER_SEC
 *
 * Return: true, or false when Xen kept updating it or published
 * nanoseconds out of range.
 */
static inline bool pv_wallclock_read(const struct shared_info *s, u64 *sec,
				     u32 *nsec)
{
	unsigned int tries;
	u32 version, lo, hi, ns;

	for (tries = 0; tries < PV_TIME_MAX_RETRIES; tries++) {
		version = PV_READ_ONCE(s->wc_version);
		pv_rmb();
		lo = PV_READ_ONCE(s->wc_sec);
		hi = PV_READ_ONCE(s->wc_sec_hi);
		ns = PV_READ_ONCE(s->wc_nsec);
		pv_rmb();
		if ((version & 1) || PV_READ_ONCE(s->wc_version) != version)
			continue;
		if (ns >= PV_NSEC_PER_SEC)
			return false;
		*sec = ((u64)hi << 32) | lo;
		*nsec = ns;
		return true;
	}
	return false;
}

/**
 * pv_wallclock_add() - time of day at a given system time
 * @sec: wall clock seconds at system time 0
 * @nsec: wall clock nanoseconds at system time 0
 * @system_ns: system time
 * @out_sec: out: seconds
 * @out_nsec: out: nanoseconds, below PV_NSEC_PER_SEC
 */
static inline void pv_wallclock_add(u64 sec, u32 nsec, u64 system_ns,
				    u64 *out_sec, u32 *out_nsec)
{
	u64 ns = nsec + system_ns % PV_NSEC_PER_SEC;

	*out_sec = sec + system_ns / PV_NSEC_PER_SEC + ns / PV_NSEC_PER_SEC;
	*out_nsec = ns % PV_NSEC_PER_SEC;
}

/**
 * pv_runstate_snapshot() - copy a runstate area consistently
 * @src: the area Xen updates
 * @dst: out: the copy, with XEN_RUNSTATE_UPDATE clear
 *
 * Return: true, or false when Xen kept updating it.
 */
static inline bool pv_runstate_snapshot(const struct vcpu_runstate_info *src,
					struct vcpu_runstate_info *dst)
{
	unsigned int tries, i;
	u64 entry;

	for (tries = 0; tries < PV_TIME_MAX_RETRIES; tries++) {
		entry = PV_READ_ONCE(src->state_entry_time);
		pv_rmb();
		dst->state = PV_READ_ONCE(src->state);
		for (i = 0; i < 4; i++)
			dst->time[i] = PV_READ_ONCE(src->time[i]);
		pv_rmb();
		if ((entry & XEN_RUNSTATE_UPDATE) ||
		    PV_READ_ONCE(src->state_entry_time) != entry)
			continue;
		dst->state_entry_time = entry;
		return true;
	}
	return false;
}

/**
 * pv_runstate_steal() - time a vCPU was ready but not running
 * @rs: a consistent runstate copy
 *
 * Return: ns runnable or offline (taken by Xen for others or held off).
 */
static inline u64 pv_runstate_steal(const struct vcpu_runstate_info *rs)
{
	return rs->time[RUNSTATE_runnable] + rs->time[RUNSTATE_offline];
}

#ifdef __KERNEL__
struct shared_info;

/* arch/x86/pv/time.c: set up by the boot path; see Documentation/events. */
int pv_time_init(struct shared_info *shinfo);
#endif

#endif /* _PV_TIME_H */
