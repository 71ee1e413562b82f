// SPDX-License-Identifier: GPL-2.0
/*
 * Power-off, reboot, halt and crash of a PV domain: the domain has no
 * firmware, ACPI or keyboard controller to ask; it tells Xen with
 * SCHEDOP_shutdown and the reason, and the toolstack acts on the reason
 * (on_poweroff, on_reboot, on_crash of the domain's configuration).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <asm/reboot.h>
#include <pv/hypercall.h>
#include <pv/sched.h>

#include "pv.h"

static void __noreturn pv_machine_shutdown_reason(unsigned int reason)
{
	/* Whatever is still in the early console's buffer goes out first. */
	pv_early_console_flush();
	for (;;)
		pv_hypercall_shutdown(reason);
}

static void pv_machine_restart(char *cmd)
{
	pv_machine_shutdown_reason(SHUTDOWN_reboot);
}

static void pv_machine_power_off(void)
{
	pv_machine_shutdown_reason(SHUTDOWN_poweroff);
}

/* Nothing to halt into: a halted domain is one that is off. */
static void pv_machine_halt(void)
{
	pv_machine_shutdown_reason(SHUTDOWN_poweroff);
}

static void pv_machine_crash_shutdown(struct pt_regs *regs)
{
	pv_machine_shutdown_reason(SHUTDOWN_crash);
}

static void pv_machine_emergency_restart(void)
{
	pv_machine_shutdown_reason(SHUTDOWN_reboot);
}

static void pv_machine_noop_shutdown(void)
{
}

/*
 * A panic must end the domain with reason crash, so that the toolstack
 * (on_crash) and anyone watching see it, instead of a vCPU spinning in
 * panic()'s loop.
 */
static int pv_machine_panic(struct notifier_block *nb, unsigned long event,
			    void *msg)
{
	pv_machine_shutdown_reason(SHUTDOWN_crash);
	return NOTIFY_DONE;
}

static struct notifier_block pv_machine_panic_nb = {
	.notifier_call = pv_machine_panic,
	/* After every other notifier had its say. */
	.priority = INT_MIN,
};

/**
 * pv_machine_init() - route power-off, reboot, halt, crash and panic to Xen
 */
void __init pv_machine_init(void)
{
	machine_ops.restart = pv_machine_restart;
	machine_ops.halt = pv_machine_halt;
	machine_ops.power_off = pv_machine_power_off;
	machine_ops.shutdown = pv_machine_noop_shutdown;
	machine_ops.crash_shutdown = pv_machine_crash_shutdown;
	machine_ops.emergency_restart = pv_machine_emergency_restart;
	pm_power_off = pv_machine_power_off;
	atomic_notifier_chain_register(&panic_notifier_list,
				       &pv_machine_panic_nb);
}
