// SPDX-License-Identifier: GPL-2.0
/*
 * Early console of a PV boot: usable from the first C instruction, with
 * no memory management, no interrupts and no event channel machinery.
 *
 * Every line goes two ways:
 *  - console_io(CONSOLEIO_write): Xen's own console.  Xen grants it to
 *    dom0 and, in debug builds, to any domain; a release build refuses an
 *    ordinary domU with -EPERM, after which it is not tried again.
 *  - the domU console ring: the page and event channel named in
 *    start_info, which xenconsoled in dom0 reads (and logs).  Only the
 *    output half of the ring is used: bytes are copied in, out_prod is
 *    published and the event channel is signalled.
 *
 * This is boot code, replaced by the PV console frontend once the kernel
 * runs; it writes synchronously and waits (boundedly) for space.  The
 * other end (xenconsoled) is not trusted: its out_cons is read once per
 * step and a value that cannot be right disables the ring.
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>
#include <linux/stdarg.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/tty_flip.h>
#include <asm/barrier.h>
#include <asm/page.h>
#include <pv/boot.h>
#include <pv/event_channel.h>
#include <pv/events.h>
#include <pv/hypercall.h>
#include <pv/io/console.h>
#include <pv/sched.h>
#include <pv/xen.h>

#include "pv.h"

/*
 * How many times to yield the CPU while the ring is full before giving
 * up on it.  xenconsoled drains the ring as soon as dom0 runs, which a
 * yield lets it do; tens of thousands of yields mean it is not reading.
 */
#define PV_CONS_WAIT_YIELDS	100000

static struct xencons_interface *pv_cons_ring;
static evtchn_port_t pv_cons_evtchn;
/* Our producer index; the copy in the shared page is only ever written. */
static u32 pv_cons_prod;
static const char *pv_cons_ring_state = "not set up";

static bool pv_cons_io_on = true;
static long pv_cons_io_result;

/*
 * Find the pfn of machine frame @mfn in the initial pfn-to-mfn list.  A
 * linear search is fine once at boot (256 MiB is 64 Ki entries), and
 * avoids relying on the machine-to-physical table before anything else
 * is known to work.
 */
static unsigned long __init pv_early_mfn_to_pfn(const struct start_info *si,
						unsigned long mfn)
{
	const unsigned long *p2m = (const unsigned long *)si->mfn_list;
	unsigned long pfn;

	for (pfn = 0; pfn < si->nr_pages; pfn++)
		if (p2m[pfn] == mfn)
			return pfn;
	return ULONG_MAX;
}

/**
 * pv_early_console_init() - find the console ring of a domU
 * @si: the kernel's copy of start_info
 *
 * Xen's builder maps the bootstrap region (kernel, initrd, p2m list,
 * start_info, xenstore and console pages, page tables) one to one:
 * pfn N at __START_KERNEL_map + N pages.  The console page therefore has
 * a virtual address already, once its pfn is known; it lies before the
 * bootstrap page tables.
 *
 * Return: 0 when the ring is in use, else a negative errno (the console
 * then only has console_io).
 */
int __init pv_early_console_init(const struct start_info *si)
{
	unsigned long pfn, va, list_end;

	if (si->flags & SIF_INITDOMAIN) {
		pv_cons_ring_state = "none (initial domain)";
		return -ENODEV;
	}

	list_end = si->mfn_list + si->nr_pages * sizeof(unsigned long);
	if (si->mfn_list < __START_KERNEL_map || list_end < si->mfn_list ||
	    list_end > si->pt_base) {
		pv_cons_ring_state = "none (p2m list outside the bootstrap map)";
		return -EINVAL;
	}

	pfn = pv_early_mfn_to_pfn(si, si->console.domU.mfn);
	if (pfn == ULONG_MAX) {
		pv_cons_ring_state = "none (console mfn not in the p2m list)";
		return -ENOENT;
	}
	va = __START_KERNEL_map + (pfn << PAGE_SHIFT);
	if (va + PAGE_SIZE > si->pt_base || si->console.domU.evtchn == 0) {
		pv_cons_ring_state = "none (console page or event channel invalid)";
		return -EINVAL;
	}

	pv_cons_ring = (struct xencons_interface *)va;
	pv_cons_evtchn = si->console.domU.evtchn;
	/*
	 * Continue after whatever is already in the ring (nothing, on a
	 * fresh boot), unless the indexes are inconsistent.
	 */
	pv_cons_prod = READ_ONCE(pv_cons_ring->out_prod);
	if (pv_cons_prod - READ_ONCE(pv_cons_ring->out_cons) >
	    sizeof(pv_cons_ring->out)) {
		pv_cons_ring = NULL;
		pv_cons_ring_state = "none (inconsistent ring indexes)";
		return -EIO;
	}
	pv_cons_ring_state = "in use";
	return 0;
}

static void pv_early_ring_disable(const char *why)
{
	pv_cons_ring = NULL;
	pv_cons_ring_state = why;
	if (pv_cons_io_on) {
		static const char msg[] = "pv: early console ring disabled\n";

		pv_hypercall_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg);
	}
}

/*
 * Bytes the backend has not consumed yet, or UINT_MAX (and the ring is
 * disabled) if its consumer index is not between ours minus the ring size
 * and ours.
 */
static u32 pv_early_ring_used(void)
{
	u32 used = pv_cons_prod - READ_ONCE(pv_cons_ring->out_cons);

	if (used > sizeof(pv_cons_ring->out)) {
		pv_early_ring_disable("disabled (backend's out_cons is bad)");
		return UINT_MAX;
	}
	return used;
}

/* Wait until the backend has consumed at least one byte more than @used. */
static bool pv_early_ring_wait(u32 used)
{
	unsigned int i;
	u32 now;

	for (i = 0; i < PV_CONS_WAIT_YIELDS; i++) {
		pv_hypercall_sched_op(SCHEDOP_yield, NULL);
		now = pv_early_ring_used();
		if (now == UINT_MAX)
			return false;
		if (now < used)
			return true;
	}
	pv_early_ring_disable("disabled (backend stopped reading)");
	return false;
}

static void pv_early_ring_write(const char *s, size_t len)
{
	struct xencons_interface *ring = pv_cons_ring;
	u32 used, n;

	while (len && pv_cons_ring) {
		used = pv_early_ring_used();
		if (used == UINT_MAX)
			return;
		if (used == sizeof(ring->out)) {
			if (!pv_early_ring_wait(used))
				return;
			continue;
		}
		/* The backend's consumption must be seen before we overwrite. */
		virt_mb();
		n = min_t(size_t, len, sizeof(ring->out) - used);
		len -= n;
		while (n--)
			ring->out[MASK_XENCONS_IDX(pv_cons_prod++, ring->out)] =
				*s++;
		/* The bytes must be visible before the index that covers them. */
		virt_wmb();
		WRITE_ONCE(ring->out_prod, pv_cons_prod);
		pv_hypercall_evtchn_send(pv_cons_evtchn);
	}
}

/**
 * pv_early_console_write() - write bytes to every early console path
 * @s: the bytes
 * @len: how many
 */
void pv_early_console_write(const char *s, size_t len)
{
	if (pv_cons_io_on) {
		pv_cons_io_result = pv_hypercall_console_io(CONSOLEIO_write,
							    len, s);
		if (pv_cons_io_result < 0)
			pv_cons_io_on = false;
	}
	if (pv_cons_ring)
		pv_early_ring_write(s, len);
}

/**
 * pv_early_printk() - format and write one message to the early console
 * @fmt: printf format
 *
 * Messages longer than 255 bytes are cut.  Not reentrant: for the single
 * CPU of an early boot, before interrupts.
 */
void pv_early_printk(const char *fmt, ...)
{
	static char buf[256];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pv_early_console_write(buf, len);
}

/**
 * pv_early_console_flush() - wait until the backend has read everything
 *
 * Needed before the domain shuts down: its console ring goes away with it.
 * Bounded like every wait on the backend.
 */
void pv_early_console_flush(void)
{
	u32 used;

	while (pv_cons_ring) {
		used = pv_early_ring_used();
		if (!used || used == UINT_MAX)
			return;
		if (!pv_early_ring_wait(used))
			return;
	}
}

/**
 * pv_early_console_ring_state() - describe the state of the console ring
 *
 * Return: a short human-readable description, for the banner.
 */
const char *pv_early_console_ring_state(void)
{
	return pv_cons_ring_state;
}

/**
 * pv_early_console_io_result() - result of the last console_io write
 *
 * Return: 0 while Xen accepts console_io writes, else its error.
 */
long pv_early_console_io_result(void)
{
	return pv_cons_io_result;
}

/* Serialises printk's writes with those of the tty below. */
static DEFINE_RAW_SPINLOCK(pv_cons_lock);

static void pv_cons_locked_write(const char *s, size_t len)
{
	unsigned long flags;

	/*
	 * An oops may have interrupted a writer on this CPU: do not wait,
	 * write unlocked.  Each path takes and drops the lock on its own so
	 * that the locking stays visible to sparse.
	 */
	if (oops_in_progress) {
		if (!raw_spin_trylock_irqsave(&pv_cons_lock, flags)) {
			pv_early_console_write(s, len);
			return;
		}
	} else {
		raw_spin_lock_irqsave(&pv_cons_lock, flags);
	}
	pv_early_console_write(s, len);
	raw_spin_unlock_irqrestore(&pv_cons_lock, flags);
}

static void pv_boot_console_write(struct console *con, const char *s,
				  unsigned int len)
{
	pv_cons_locked_write(s, len);
}

/*
 * A tty on the same console ring, so that /dev/console (init's standard
 * input and output) is the domain's console; without one, it would be
 * the dummy VT's.  Output is synchronous like printk's.  Input arrives on
 * the console's event channel (with the event channel service): the
 * handler copies what the backend put in the ring's input half into the
 * tty, through the console ring core, which checks the backend's index.
 * It goes with the early console when the PV console driver takes over.
 */
static struct tty_driver *pv_cons_tty_driver;
static struct tty_port pv_cons_tty_port;
static const struct tty_port_operations pv_cons_tty_port_ops;

#if IS_ENABLED(CONFIG_PV_EVENTS) && IS_ENABLED(CONFIG_PV_PROTOCOL_CORES)
static bool pv_cons_input_broken;

static irqreturn_t pv_cons_input(int irq, void *dev)
{
	struct tty_port *port = dev;
	char buf[64];
	int n, total = 0;

	if (!pv_cons_ring || pv_cons_input_broken)
		return IRQ_HANDLED;
	while ((n = pv_cons_read(pv_cons_ring, buf, sizeof(buf))) > 0) {
		tty_insert_flip_string(port, buf, n);
		total += n;
	}
	if (n < 0) {
		pv_cons_input_broken = true;
		pr_err("pv: console input disabled: the backend's in_prod is out of range\n");
	}
	if (total) {
		tty_flip_buffer_push(port);
		/* The backend may wait for the room it now has. */
		pv_hypercall_evtchn_send(pv_cons_evtchn);
	}
	return IRQ_HANDLED;
}

static void pv_cons_input_init(void)
{
	int irq;

	irq = pv_evtchn_bind_port(pv_cons_evtchn, false, pv_cons_input, 0,
				  "pv-console", &pv_cons_tty_port);
	if (irq < 0)
		pr_err("pv: console input unavailable: binding event channel %u failed: %d\n",
		       pv_cons_evtchn, irq);
}
#else
static void pv_cons_input_init(void)
{
	pr_info("pv: console is output-only (needs CONFIG_PV_EVENTS and CONFIG_PV_PROTOCOL_CORES)\n");
}
#endif

static int pv_cons_tty_open(struct tty_struct *tty, struct file *filp)
{
	return tty_port_open(&pv_cons_tty_port, tty, filp);
}

static void pv_cons_tty_close(struct tty_struct *tty, struct file *filp)
{
	tty_port_close(&pv_cons_tty_port, tty, filp);
}

/* Synchronous: the bytes are in the ring (or dropped) on return. */
static int pv_cons_tty_write(struct tty_struct *tty, const u8 *buf, int count)
{
	pv_cons_locked_write(buf, count);
	return count;
}

static unsigned int pv_cons_tty_write_room(struct tty_struct *tty)
{
	return PAGE_SIZE;
}

static const struct tty_operations pv_cons_tty_ops = {
	.open		= pv_cons_tty_open,
	.close		= pv_cons_tty_close,
	.write		= pv_cons_tty_write,
	.write_room	= pv_cons_tty_write_room,
};

static struct tty_driver *pv_boot_console_device(struct console *con,
						 int *index)
{
	*index = 0;
	return pv_cons_tty_driver;
}

/*
 * The kernel's printk reaches the console ring through this console
 * until the PV console driver takes over; CON_PRINTBUFFER replays what
 * was logged before it was registered.  Not CON_BOOT: the kernel drops
 * boot consoles as soon as any real console registers (the dummy VT
 * console does, early), and printk output would be lost from there on.
 */
static struct console pv_boot_console = {
	.name	= "pvboot",
	.write	= pv_boot_console_write,
	.device	= pv_boot_console_device,
	.flags	= CON_PRINTBUFFER,
	.index	= -1,
};

/**
 * pv_register_boot_console() - let printk use the early console
 */
void __init pv_register_boot_console(void)
{
	register_console(&pv_boot_console);
}

static int __init pv_cons_tty_init(void)
{
	struct tty_driver *drv;
	int err;

	if (!pv_domain() || !pv_cons_ring)
		return 0;
	drv = tty_alloc_driver(1, TTY_DRIVER_REAL_RAW |
				  TTY_DRIVER_RESET_TERMIOS);
	if (IS_ERR(drv))
		return PTR_ERR(drv);
	drv->driver_name = "pvboot";
	drv->name = "pvboot";
	drv->type = TTY_DRIVER_TYPE_SYSTEM;
	drv->init_termios = tty_std_termios;
	tty_set_operations(drv, &pv_cons_tty_ops);
	tty_port_init(&pv_cons_tty_port);
	pv_cons_tty_port.ops = &pv_cons_tty_port_ops;
	tty_port_link_device(&pv_cons_tty_port, drv, 0);
	err = tty_register_driver(drv);
	if (err) {
		pr_err("pv: console tty: %d\n", err);
		tty_port_destroy(&pv_cons_tty_port);
		tty_driver_kref_put(drv);
		return err;
	}
	pv_cons_tty_driver = drv;
	pv_cons_input_init();
	return 0;
}
device_initcall(pv_cons_tty_init);
