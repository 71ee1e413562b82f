// SPDX-License-Identifier: GPL-2.0
/*
 * Time of a PV guest: what the kernel reads as its clock, its timer, its
 * wall clock and its steal time, all from what Xen publishes.
 *
 *  - clocksource "pv-clock" and sched_clock: system time from the vCPU's
 *    vcpu_time_info (pvclock: TSC scaled by Xen's factors, read under the
 *    record's version counter; see <pv/time.h>), clamped so that it never
 *    goes backwards across vCPUs unless Xen says the TSC is stable;
 *  - clockevent "pv-timer": one-shot, VCPUOP_set_singleshot_timer at an
 *    absolute system time, delivered as VIRQ_TIMER through the event
 *    channel service; Xen's default periodic timer is stopped, so the
 *    only ticks are the ones the kernel asks for;
 *  - wall clock: shared_info's time of day at system time 0, plus system
 *    time; a domU cannot set it;
 *  - TSC frequency from Xen's scale factors (no calibration loop: the
 *    PIT is not there);
 *  - steal time: the runstate area, time runnable or offline.
 *
 * Not yet wired (issue 5): the PV boot path calls pv_time_init() with
 * shared_info mapped, before time_init(); see
 * Documentation/events/index.rst.
 */
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/sched/clock.h>
#include <linux/smp.h>
#include <linux/static_call.h>
#include <linux/static_key.h>
#include <linux/time64.h>
#include <asm/msr.h>
#include <asm/paravirt.h>
#include <asm/x86_init.h>
#include <pv/events.h>
#include <pv/evtchn_abi.h>
#include <pv/hypercall.h>
#include <pv/time.h>

/* Shortest timer the kernel may ask for: below it, the hypercall costs more. */
#define PV_TIMER_MIN_NS		50000

static struct shared_info *pv_time_shinfo __read_mostly;
/* Largest clock value returned so far, for the monotonic clamp. */
static u64 pv_clock_last;
static u64 pv_sched_clock_base __read_mostly;

static DEFINE_PER_CPU(struct clock_event_device, pv_clockevent);
static DEFINE_PER_CPU(char [16], pv_timer_name);
static DEFINE_PER_CPU(struct vcpu_runstate_info, pv_runstate);

static long pv_vcpu_op(int cmd, unsigned int cpu, void *arg)
{
	return pv_hypercall3(__HYPERVISOR_vcpu_op, cmd, cpu,
			     (unsigned long)arg);
}

static notrace u64 pv_read_tsc(void)
{
	return rdtsc_ordered();
}

/* System time in ns, as this vCPU's record says. */
static notrace u64 pv_clock_ns(void)
{
	const struct vcpu_time_info *ti;
	u64 ns;

	preempt_disable_notrace();
	ti = &pv_time_shinfo->vcpu_info[raw_smp_processor_id()].time;
	ns = pv_pvclock_read(ti, pv_read_tsc, &pv_clock_last);
	preempt_enable_notrace();
	return ns;
}

static u64 pv_clocksource_read(struct clocksource *cs)
{
	return pv_clock_ns();
}

static struct clocksource pv_clocksource = {
	.name	= "pv-clock",
	/* Above the TSC's: Xen's scaling follows frequency changes. */
	.rating	= 400,
	.read	= pv_clocksource_read,
	.mask	= CLOCKSOURCE_MASK(64),
	.flags	= CLOCK_SOURCE_IS_CONTINUOUS,
};

static notrace u64 pv_time_sched_clock(void)
{
	return pv_clock_ns() - pv_sched_clock_base;
}

/* ---- the timer ---- */

static int pv_timer_set_next_event(unsigned long delta,
				   struct clock_event_device *evt)
{
	struct vcpu_set_singleshot_timer arg;
	long err;

	/*
	 * No VCPU_SSHOTTMR_future: a deadline already past simply fires
	 * at once, which is what the kernel wants anyway.
	 */
	arg.timeout_abs_ns = pv_clock_ns() + delta;
	arg.flags = 0;
	err = pv_vcpu_op(VCPUOP_set_singleshot_timer, smp_processor_id(),
			 &arg);
	WARN_ONCE(err, "pv-timer: set_singleshot_timer: %ld\n", err);
	return err ? -EINVAL : 0;
}

static int pv_timer_shutdown(struct clock_event_device *evt)
{
	pv_vcpu_op(VCPUOP_stop_singleshot_timer, smp_processor_id(), NULL);
	return 0;
}

static irqreturn_t pv_timer_interrupt(int irq, void *dev_id)
{
	struct clock_event_device *evt = this_cpu_ptr(&pv_clockevent);

	if (evt->event_handler)
		evt->event_handler(evt);
	return IRQ_HANDLED;
}

/* ---- steal time ---- */

static u64 pv_time_steal_clock(int cpu)
{
	struct vcpu_runstate_info rs;

	if (!pv_runstate_snapshot(per_cpu_ptr(&pv_runstate, cpu), &rs))
		return 0;
	return pv_runstate_steal(&rs);
}

static void pv_runstate_register(unsigned int cpu)
{
	struct vcpu_register_runstate_memory_area arg = {
		.addr = (unsigned long)per_cpu_ptr(&pv_runstate, cpu),
	};
	long err;

	err = pv_vcpu_op(VCPUOP_register_runstate_memory_area, cpu, &arg);
	if (err)
		pr_warn("pv-time: no runstate area for vCPU %u (%ld): no steal time\n",
			cpu, err);
}

/* ---- per-CPU setup ---- */

static int pv_time_setup_cpu(unsigned int cpu)
{
	struct clock_event_device *evt = per_cpu_ptr(&pv_clockevent, cpu);
	char *name = per_cpu(pv_timer_name, cpu);
	int irq;

	/* Xen starts every vCPU with a 100 Hz periodic timer: not wanted. */
	pv_vcpu_op(VCPUOP_stop_periodic_timer, cpu, NULL);
	pv_runstate_register(cpu);

	snprintf(name, sizeof(per_cpu(pv_timer_name, cpu)), "timer%u", cpu);
	irq = pv_evtchn_bind_virq(VIRQ_TIMER, cpu, pv_timer_interrupt,
				  IRQF_TIMER, name, NULL);
	if (irq < 0) {
		pr_err("pv-time: binding VIRQ_TIMER on vCPU %u: %d\n", cpu,
		       irq);
		return irq;
	}

	evt->name = "pv-timer";
	evt->features = CLOCK_EVT_FEAT_ONESHOT;
	evt->rating = 500;
	evt->irq = irq;
	evt->cpumask = cpumask_of(cpu);
	evt->set_next_event = pv_timer_set_next_event;
	evt->set_state_shutdown = pv_timer_shutdown;
	/* The timer counts in ns: a 1 GHz device. */
	clockevents_config_and_register(evt, NSEC_PER_SEC, PV_TIMER_MIN_NS,
					ULONG_MAX >> 1);
	return 0;
}

/*
 * A secondary vCPU runs this with interrupts off, where binding its timer
 * (which allocates and sleeps) cannot be done: that belongs in a CPU
 * hotplug prepare step run by the boot vCPU, which comes with PV SMP
 * bring-up.  Until then, say so instead of touching a local APIC.
 */
static void pv_time_setup_secondary(void)
{
	pr_warn_once("pv-time: no timer for secondary vCPU %u yet\n",
		     smp_processor_id());
}

/* x86_init.timers.timer_init: from time_init(), interrupts available. */
static void __init pv_time_start(void)
{
	long err;

	/* Lets a remote reader tell a runstate update in progress. */
	err = pv_hypercall2(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
			    VMASST_TYPE_runstate_update_flag);
	if (err)
		pr_info("pv-time: no runstate update flag (%ld)\n", err);

	clocksource_register_hz(&pv_clocksource, NSEC_PER_SEC);
	if (pv_time_setup_cpu(smp_processor_id()))
		return;
	static_call_update(pv_steal_clock, pv_time_steal_clock);
	static_key_slow_inc(&paravirt_steal_enabled);
}

/* ---- TSC frequency and wall clock ---- */

static unsigned long pv_tsc_khz(void)
{
	struct pv_pvclock_snap snap;
	u64 khz;

	if (!pv_pvclock_snapshot(&pv_time_shinfo->vcpu_info[0].time,
				 pv_read_tsc, &snap) || !snap.mul)
		return 0;
	/* Xen's definition: Hz = ((10^9 << 32) / mul), shifted back. */
	khz = div_u64(1000000ULL << 32, snap.mul);
	if (snap.shift < 0)
		khz <<= -snap.shift;
	else
		khz >>= snap.shift;
	return khz;
}

static void pv_get_wallclock(struct timespec64 *now)
{
	u64 sec, s;
	u32 nsec, ns;

	if (!pv_wallclock_read(pv_time_shinfo, &sec, &nsec)) {
		pr_warn_once("pv-time: Xen's wall clock is unreadable\n");
		now->tv_sec = 0;
		now->tv_nsec = 0;
		return;
	}
	pv_wallclock_add(sec, nsec, pv_clock_ns(), &s, &ns);
	now->tv_sec = s;
	now->tv_nsec = ns;
}

static int pv_set_wallclock(const struct timespec64 *now)
{
	/* Only dom0 may set Xen's wall clock. */
	return -ENODEV;
}

/**
 * pv_time_init() - take time from Xen
 * @shinfo: the mapped shared_info page
 *
 * Installs sched_clock at once (so printk timestamps are right from
 * here on) and the hooks time_init() calls later for the clocksource,
 * the per-vCPU timer and the TSC frequency.
 *
 * Return: 0, or -EINVAL without @shinfo.
 */
int __init pv_time_init(struct shared_info *shinfo)
{
	if (!shinfo)
		return -EINVAL;
	pv_time_shinfo = shinfo;
	pv_sched_clock_base = pv_clock_ns();
	paravirt_set_sched_clock(pv_time_sched_clock);

	x86_platform.calibrate_tsc = pv_tsc_khz;
	x86_platform.calibrate_cpu = pv_tsc_khz;
	x86_platform.get_wallclock = pv_get_wallclock;
	x86_platform.set_wallclock = pv_set_wallclock;
	x86_init.timers.timer_init = pv_time_start;
	x86_init.timers.setup_percpu_clockev = x86_init_noop;
	x86_cpuinit.setup_percpu_clockev = pv_time_setup_secondary;
	return 0;
}
