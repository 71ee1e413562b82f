// SPDX-License-Identifier: GPL-2.0
/*
 * FIFO event channel ABI: the queue walk and the per-port event word
 * operations.  OS-independent; see <pv/evtchn_fifo.h> for the layout.
 *
 * Xen appends to a queue by writing the LINK field of the queue's tail,
 * but only while that tail is still LINKED; the guest takes an event off
 * the head by clearing LINKED and LINK in one locked operation and keeps
 * the LINK it removed as its private next head.  If that was 0 the queue
 * looked empty; Xen may have started a new queue meanwhile, writing the
 * control block's HEAD, which the guest reads when its private head is
 * 0.  The walk therefore never has to trust a stale LINK: every port it
 * follows is range-checked against the pages Xen was actually given.
 */
#include <pv/evtchn_atomic.h>
#include <pv/evtchn_fifo.h>

#define PV_FIFO_BIT(b)	((event_word_t)1 << (b))

/**
 * pv_evtchn_fifo_nr_ports() - how many ports the event array covers
 * @a: the event array
 *
 * Return: the number of ports with an event word.
 */
unsigned int pv_evtchn_fifo_nr_ports(const struct pv_evtchn_fifo_array *a)
{
	unsigned int n = a->nr_pages;

	if (n > PV_EVTCHN_FIFO_MAX_PAGES)
		n = PV_EVTCHN_FIFO_MAX_PAGES;
	return n * PV_EVTCHN_FIFO_WORDS_PER_PAGE;
}
PV_EXPORT(pv_evtchn_fifo_nr_ports);

/**
 * pv_evtchn_fifo_word() - find a port's event word
 * @a: the event array
 * @port: the port
 *
 * Return: the word, or NULL if @port has none (beyond the array).
 */
event_word_t *pv_evtchn_fifo_word(const struct pv_evtchn_fifo_array *a,
				  evtchn_port_t port)
{
	event_word_t *page;

	if (port >= pv_evtchn_fifo_nr_ports(a))
		return NULL;
	page = a->pages[port / PV_EVTCHN_FIFO_WORDS_PER_PAGE];
	if (!page)
		return NULL;
	return &page[port % PV_EVTCHN_FIFO_WORDS_PER_PAGE];
}
PV_EXPORT(pv_evtchn_fifo_word);

/*
 * Take the event off its queue: clear LINKED and LINK together and return
 * the LINK that was there (the next port, 0 for none).
 */
static u32 pv_fifo_unlink(event_word_t *word)
{
	event_word_t old, new, seen;

	old = PV_READ_ONCE(*word);
	for (;;) {
		new = old & ~(PV_FIFO_BIT(EVTCHN_FIFO_LINKED) |
			      EVTCHN_FIFO_LINK_MASK);
		seen = pv_sync_cmpxchg(word, old, new);
		if (seen == old)
			return old & EVTCHN_FIFO_LINK_MASK;
		old = seen;
	}
}

static void pv_fifo_fail(struct pv_evtchn_fifo_error *err, const char *what,
			 unsigned int queue, u32 value)
{
	err->what = what;
	err->queue = queue;
	err->value = value;
}

/*
 * Consume the event at the head of queue @qn.  Return 1 when an event
 * was taken (and set *@fired when it was delivered), 0 when the queue
 * turned out empty, or -EIO with @err filled.
 */
static int pv_fifo_consume_one(const struct pv_evtchn_fifo_array *a,
			       struct evtchn_fifo_control_block *cb,
			       struct pv_evtchn_fifo_queues *q,
			       unsigned int qn, u32 *ready, bool *fired,
			       struct pv_evtchn_fifo_error *err,
			       pv_evtchn_handler_t fn, void *ctx)
{
	event_word_t *word, w;
	u32 port, link;

	port = q->head[qn];
	if (!port) {
		/* The READY bit was seen first; HEAD is read after it. */
		pv_rmb();
		port = PV_READ_ONCE(cb->head[qn]);
		if (!port) {
			*ready &= ~(1U << qn);
			return 0;
		}
	}
	word = pv_evtchn_fifo_word(a, port);
	if (!word) {
		pv_fifo_fail(err, "queue names a port outside the event array",
			     qn, port);
		return -EIO;
	}

	link = pv_fifo_unlink(word);
	if (link == port) {
		pv_fifo_fail(err, "event links to itself", qn, link);
		return -EIO;
	}
	if (link && !pv_evtchn_fifo_word(a, link)) {
		pv_fifo_fail(err, "LINK outside the event array", qn, link);
		return -EIO;
	}
	q->head[qn] = link;
	if (!link)
		*ready &= ~(1U << qn);

	w = PV_READ_ONCE(*word);
	if ((w & PV_FIFO_BIT(EVTCHN_FIFO_PENDING)) &&
	    !(w & PV_FIFO_BIT(EVTCHN_FIFO_MASKED))) {
		*fired = true;
		fn(port, ctx);
	}
	return 1;
}

/**
 * pv_evtchn_fifo_consume() - deliver the queued events of one vCPU
 * @a: the event array
 * @cb: the vCPU's control block
 * @q: the vCPU's private walk state
 * @budget: do at most this many steps, one per event taken or empty
 *	queue found (0: no limit)
 * @more: out: true when the budget ran out with queues not yet empty
 *	(their READY bits are set again, so the work is resumed)
 * @err: out: filled when the result is -EIO
 * @fn: called for each event taken that is pending and not masked
 * @ctx: passed to @fn
 *
 * Higher priorities (lower queue numbers) are served first, re-checked
 * after every event.  Without a budget a LINK cycle Xen should never
 * create would keep this running, so callers in the kernel give one.
 *
 * Return: the number of events delivered, or -EIO when the shared pages
 * hold a value that cannot be right (see @err); the caller must then
 * stop using the FIFO ABI on this vCPU.
 */
int pv_evtchn_fifo_consume(const struct pv_evtchn_fifo_array *a,
			   struct evtchn_fifo_control_block *cb,
			   struct pv_evtchn_fifo_queues *q,
			   unsigned int budget, bool *more,
			   struct pv_evtchn_fifo_error *err,
			   pv_evtchn_handler_t fn, void *ctx)
{
	const u32 all = (1U << EVTCHN_FIFO_MAX_QUEUES) - 1;
	unsigned int taken = 0, delivered = 0;
	u32 ready, before;
	bool fired;
	int ret;

	*more = false;
	ready = pv_sync_xchg(&cb->ready, 0U) & all;
	while (ready) {
		if (budget && taken == budget) {
			/* Hand the unfinished queues back to the next upcall. */
			before = PV_READ_ONCE(cb->ready);
			while (pv_sync_cmpxchg(&cb->ready, before,
					       before | ready) != before)
				before = PV_READ_ONCE(cb->ready);
			*more = true;
			break;
		}
		fired = false;
		ret = pv_fifo_consume_one(a, cb, q, pv_ffs_ul(ready), &ready,
					  &fired, err, fn, ctx);
		if (ret < 0)
			return ret;
		taken++;
		delivered += fired;
		ready |= pv_sync_xchg(&cb->ready, 0U) & all;
	}
	return delivered;
}
PV_EXPORT(pv_evtchn_fifo_consume);

/**
 * pv_evtchn_fifo_upcall() - handle an event upcall on one vCPU
 * @a: the event array
 * @cb: the vCPU's control block
 * @q: the vCPU's private walk state
 * @vi: the vCPU's vcpu_info
 * @budget: steps per round, see pv_evtchn_fifo_consume() (0: no limit)
 * @err: out: filled when the result is -EIO
 * @fn: called for each event delivered
 * @ctx: passed to @fn
 *
 * As with the 2-level ABI, the upcall flag is cleared before READY is
 * taken (the exchange is a full barrier), so that an event queued after
 * the exchange raises it again and is found by the next round.  Rounds
 * are bounded by PV_EVTCHN_2L_MAX_LOOPS; when the budget or the rounds
 * run out the flag is left raised, so the rest is resumed later.
 *
 * Return: the number of events delivered, or -EIO (see
 * pv_evtchn_fifo_consume()).
 */
int pv_evtchn_fifo_upcall(const struct pv_evtchn_fifo_array *a,
			  struct evtchn_fifo_control_block *cb,
			  struct pv_evtchn_fifo_queues *q, struct vcpu_info *vi,
			  unsigned int budget, struct pv_evtchn_fifo_error *err,
			  pv_evtchn_handler_t fn, void *ctx)
{
	unsigned int round;
	int ret, done = 0;
	bool more;

	for (round = 0; round < PV_EVTCHN_2L_MAX_LOOPS; round++) {
		PV_WRITE_ONCE(vi->evtchn_upcall_pending, 0);
		ret = pv_evtchn_fifo_consume(a, cb, q, budget, &more, err, fn,
					     ctx);
		if (ret < 0)
			return ret;
		done += ret;
		if (more) {
			PV_WRITE_ONCE(vi->evtchn_upcall_pending, 1);
			return done;
		}
		if (!PV_READ_ONCE(vi->evtchn_upcall_pending))
			return done;
	}
	return done;
}
PV_EXPORT(pv_evtchn_fifo_upcall);

/* Set or clear @bit of @port's word; -EINVAL when it has none. */
static int pv_fifo_change(const struct pv_evtchn_fifo_array *a,
			  evtchn_port_t port, unsigned int bit, bool set)
{
	event_word_t *word = pv_evtchn_fifo_word(a, port);
	event_word_t old, new, seen;

	if (!word)
		return -EINVAL;
	old = PV_READ_ONCE(*word);
	for (;;) {
		new = set ? old | PV_FIFO_BIT(bit) : old & ~PV_FIFO_BIT(bit);
		seen = pv_sync_cmpxchg(word, old, new);
		if (seen == old)
			return 0;
		old = seen;
	}
}

/**
 * pv_evtchn_fifo_mask() - stop Xen from queueing a port
 * @a: the event array
 * @port: the port
 *
 * Return: 0, or -EINVAL when the port has no event word.
 */
int pv_evtchn_fifo_mask(const struct pv_evtchn_fifo_array *a,
			evtchn_port_t port)
{
	return pv_fifo_change(a, port, EVTCHN_FIFO_MASKED, true);
}
PV_EXPORT(pv_evtchn_fifo_mask);

/**
 * pv_evtchn_fifo_unmask() - let Xen queue a port again
 * @a: the event array
 * @port: the port
 *
 * A pending event must be queued by Xen when it is unmasked, and Xen owns
 * LINK while BUSY is set: in either case the guest leaves MASKED alone
 * and asks Xen to unmask (EVTCHNOP_unmask).
 *
 * Return: 0 when unmasked here, 1 when the caller must make the
 * EVTCHNOP_unmask hypercall, -EINVAL when the port has no event word.
 */
int pv_evtchn_fifo_unmask(const struct pv_evtchn_fifo_array *a,
			  evtchn_port_t port)
{
	event_word_t *word = pv_evtchn_fifo_word(a, port);
	event_word_t old, seen;

	if (!word)
		return -EINVAL;
	old = PV_READ_ONCE(*word);
	for (;;) {
		if (!(old & PV_FIFO_BIT(EVTCHN_FIFO_MASKED)))
			return 0;
		if (old & (PV_FIFO_BIT(EVTCHN_FIFO_PENDING) |
			   PV_FIFO_BIT(EVTCHN_FIFO_BUSY)))
			return 1;
		seen = pv_sync_cmpxchg(word, old,
				       old & ~PV_FIFO_BIT(EVTCHN_FIFO_MASKED));
		if (seen == old)
			return 0;
		old = seen;
	}
}
PV_EXPORT(pv_evtchn_fifo_unmask);

/**
 * pv_evtchn_fifo_clear_pending() - acknowledge a port
 * @a: the event array
 * @port: the port
 *
 * Return: 0, or -EINVAL when the port has no event word.
 */
int pv_evtchn_fifo_clear_pending(const struct pv_evtchn_fifo_array *a,
				 evtchn_port_t port)
{
	return pv_fifo_change(a, port, EVTCHN_FIFO_PENDING, false);
}
PV_EXPORT(pv_evtchn_fifo_clear_pending);

/**
 * pv_evtchn_fifo_set_pending() - mark a port pending from the guest side
 * @a: the event array
 * @port: the port
 *
 * Only the bit: the event is queued when Xen unmasks it
 * (EVTCHNOP_unmask, which pv_evtchn_fifo_unmask() asks for since the
 * port is now PENDING).  Used to replay an event the kernel acknowledged
 * while the IRQ was disabled.
 *
 * Return: 0, or -EINVAL when the port has no event word.
 */
int pv_evtchn_fifo_set_pending(const struct pv_evtchn_fifo_array *a,
			       evtchn_port_t port)
{
	return pv_fifo_change(a, port, EVTCHN_FIFO_PENDING, true);
}
PV_EXPORT(pv_evtchn_fifo_set_pending);

static int pv_fifo_test(const struct pv_evtchn_fifo_array *a,
			evtchn_port_t port, unsigned int bit)
{
	event_word_t *word = pv_evtchn_fifo_word(a, port);

	if (!word)
		return -EINVAL;
	return !!(PV_READ_ONCE(*word) & PV_FIFO_BIT(bit));
}

/**
 * pv_evtchn_fifo_is_pending() - read a port's PENDING bit
 * @a: the event array
 * @port: the port
 *
 * Return: 1 or 0, or -EINVAL when the port has no event word.
 */
int pv_evtchn_fifo_is_pending(const struct pv_evtchn_fifo_array *a,
			      evtchn_port_t port)
{
	return pv_fifo_test(a, port, EVTCHN_FIFO_PENDING);
}
PV_EXPORT(pv_evtchn_fifo_is_pending);

/**
 * pv_evtchn_fifo_is_masked() - read a port's MASKED bit
 * @a: the event array
 * @port: the port
 *
 * Return: 1 or 0, or -EINVAL when the port has no event word.
 */
int pv_evtchn_fifo_is_masked(const struct pv_evtchn_fifo_array *a,
			     evtchn_port_t port)
{
	return pv_fifo_test(a, port, EVTCHN_FIFO_MASKED);
}
PV_EXPORT(pv_evtchn_fifo_is_masked);
