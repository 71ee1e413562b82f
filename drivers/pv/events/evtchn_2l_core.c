// SPDX-License-Identifier: GPL-2.0
/*
 * 2-level event channel ABI: the scan of the pending bitmap and the
 * per-port bit operations.  OS-independent; see <pv/evtchn_2l.h>.
 *
 * The bitmaps live in shared_info, which Xen writes concurrently: every
 * word is read once per use, and every change is a locked operation.
 * Port numbers come from bit positions, so they are always below
 * EVTCHN_2L_NR_CHANNELS; what a port means is the caller's business.
 */
#include <pv/evtchn_atomic.h>
#include <pv/evtchn_2l.h>

/**
 * pv_evtchn_2l_reset() - start fair scanning from port 0
 * @st: the vCPU's scan position
 */
void pv_evtchn_2l_reset(struct pv_evtchn_2l_state *st)
{
	/* "Last delivered" is the very last port, so the next one is 0. */
	st->last_word = PV_EVTCHN_2L_WORDS - 1;
	st->last_bit = PV_EVTCHN_2L_BITS - 1;
}
PV_EXPORT(pv_evtchn_2l_reset);

/**
 * pv_evtchn_2l_scan() - deliver the pending, unmasked ports of some words
 * @st: the vCPU's scan position, updated to the last port delivered
 * @pending: shared evtchn_pending bitmap
 * @mask: shared evtchn_mask bitmap
 * @sel: the words to visit (a selector value taken from the vCPU)
 * @budget: deliver at most this many ports (0: no limit)
 * @left: out: the words of @sel not fully visited when the budget ran
 *	out (0 otherwise); the caller hands them back to the selector
 * @fn: called for each port
 * @ctx: passed to @fn
 *
 * The words are visited circularly from the one after the last delivered
 * port, the start word last again for its lower bits.  Each word is read
 * once, so each port is delivered at most once per scan even if @fn does
 * not acknowledge it; a port that becomes pending meanwhile raises the
 * selector again and is found by the caller's next round.
 *
 * Return: the number of ports delivered.
 */
unsigned int pv_evtchn_2l_scan(struct pv_evtchn_2l_state *st,
			       const unsigned long *pending,
			       const unsigned long *mask, unsigned long sel,
			       unsigned int budget, unsigned long *left,
			       pv_evtchn_handler_t fn, void *ctx)
{
	unsigned int start_word, start_bit, step, word, bit, done = 0;
	unsigned long bits;

	*left = 0;
	start_word = st->last_word % PV_EVTCHN_2L_WORDS;
	start_bit = st->last_bit + 1;
	if (start_bit >= PV_EVTCHN_2L_BITS) {
		start_bit = 0;
		start_word = (start_word + 1) % PV_EVTCHN_2L_WORDS;
	}

	for (step = 0; step <= PV_EVTCHN_2L_WORDS; step++) {
		word = (start_word + step) % PV_EVTCHN_2L_WORDS;
		if (!(sel & (1UL << word)))
			continue;
		bits = PV_READ_ONCE(pending[word]) & ~PV_READ_ONCE(mask[word]);
		if (step == 0)
			bits &= ~0UL << start_bit;
		else if (step == PV_EVTCHN_2L_WORDS)
			bits &= (1UL << start_bit) - 1;

		while (bits) {
			if (budget && done == budget) {
				/*
				 * This word and every word not visited yet
				 * may still hold work.
				 */
				for (; step <= PV_EVTCHN_2L_WORDS; step++) {
					word = (start_word + step) %
						PV_EVTCHN_2L_WORDS;
					*left |= sel & (1UL << word);
				}
				return done;
			}
			bit = pv_ffs_ul(bits);
			bits &= bits - 1;
			st->last_word = word;
			st->last_bit = bit;
			fn(word * PV_EVTCHN_2L_BITS + bit, ctx);
			done++;
		}
	}
	return done;
}
PV_EXPORT(pv_evtchn_2l_scan);

/**
 * pv_evtchn_2l_upcall() - handle an event upcall on one vCPU
 * @st: the vCPU's scan position
 * @s: shared_info
 * @vi: the vCPU's vcpu_info
 * @budget: deliver at most this many ports per round (0: no limit)
 * @fn: called for each port
 * @ctx: passed to @fn
 *
 * The upcall flag is cleared before the selector is taken: an event that
 * arrives after the exchange raises the flag again, and the loop (or the
 * next upcall) sees it.  Clearing it after the exchange could lose one.
 * The rounds are bounded; when they or the budget run out, the unvisited
 * words go back into the selector and the flag is raised, so the work
 * is resumed, not lost.
 *
 * Return: the number of ports delivered.
 */
unsigned int pv_evtchn_2l_upcall(struct pv_evtchn_2l_state *st,
				 struct shared_info *s, struct vcpu_info *vi,
				 unsigned int budget, pv_evtchn_handler_t fn,
				 void *ctx)
{
	unsigned int round, done = 0, bit;
	unsigned long sel, left;

	for (round = 0; round < PV_EVTCHN_2L_MAX_LOOPS; round++) {
		PV_WRITE_ONCE(vi->evtchn_upcall_pending, 0);
		/* A locked exchange: also a full barrier after the store. */
		sel = pv_sync_xchg(&vi->evtchn_pending_sel, 0UL);
		done += pv_evtchn_2l_scan(st, s->evtchn_pending, s->evtchn_mask,
					  sel, budget, &left, fn, ctx);
		if (left) {
			while (left) {
				bit = pv_ffs_ul(left);
				left &= left - 1;
				pv_sync_set_bit(bit, &vi->evtchn_pending_sel);
			}
			PV_WRITE_ONCE(vi->evtchn_upcall_pending, 1);
			return done;
		}
		if (!PV_READ_ONCE(vi->evtchn_upcall_pending))
			return done;
	}
	return done;
}
PV_EXPORT(pv_evtchn_2l_upcall);

static bool pv_evtchn_2l_valid(evtchn_port_t port)
{
	return port < EVTCHN_2L_NR_CHANNELS;
}

/**
 * pv_evtchn_2l_mask() - stop Xen from signalling a port
 * @s: shared_info
 * @port: the port
 *
 * Return: 0, or -EINVAL for a port outside the 2-level range.
 */
int pv_evtchn_2l_mask(struct shared_info *s, evtchn_port_t port)
{
	if (!pv_evtchn_2l_valid(port))
		return -EINVAL;
	pv_sync_set_bit(port, s->evtchn_mask);
	return 0;
}
PV_EXPORT(pv_evtchn_2l_mask);

/**
 * pv_evtchn_2l_unmask() - let Xen signal a port again
 * @s: shared_info
 * @port: the port
 *
 * Clearing the mask bit does not raise an event that became pending
 * while masked: Xen does that in EVTCHNOP_unmask.
 *
 * Return: 1 when the port is pending and the caller must make the
 * EVTCHNOP_unmask hypercall so that it is delivered, 0 when done,
 * -EINVAL for a port outside the 2-level range.
 */
int pv_evtchn_2l_unmask(struct shared_info *s, evtchn_port_t port)
{
	if (!pv_evtchn_2l_valid(port))
		return -EINVAL;
	pv_sync_clear_bit(port, s->evtchn_mask);
	/* The pending bit must be read after the mask bit is clear. */
	pv_mb();
	return pv_evtchn_2l_is_pending(s, port);
}
PV_EXPORT(pv_evtchn_2l_unmask);

/**
 * pv_evtchn_2l_clear_pending() - acknowledge a port
 * @s: shared_info
 * @port: the port
 *
 * Return: 0, or -EINVAL for a port outside the 2-level range.
 */
int pv_evtchn_2l_clear_pending(struct shared_info *s, evtchn_port_t port)
{
	if (!pv_evtchn_2l_valid(port))
		return -EINVAL;
	pv_sync_clear_bit(port, s->evtchn_pending);
	return 0;
}
PV_EXPORT(pv_evtchn_2l_clear_pending);

/**
 * pv_evtchn_2l_set_pending() - mark a port pending from the guest side
 * @s: shared_info
 * @port: the port
 *
 * Only the bit: to have the event delivered, the caller then unmasks the
 * port through Xen (EVTCHNOP_unmask), which raises it.  This is how an
 * event that the kernel acknowledged while the IRQ was disabled is
 * replayed.
 *
 * Return: 0, or -EINVAL for a port outside the 2-level range.
 */
int pv_evtchn_2l_set_pending(struct shared_info *s, evtchn_port_t port)
{
	if (!pv_evtchn_2l_valid(port))
		return -EINVAL;
	pv_sync_set_bit(port, s->evtchn_pending);
	return 0;
}
PV_EXPORT(pv_evtchn_2l_set_pending);

/**
 * pv_evtchn_2l_is_pending() - read a port's pending bit
 * @s: shared_info
 * @port: the port
 *
 * Return: 1 or 0, or -EINVAL for a port outside the 2-level range.
 */
int pv_evtchn_2l_is_pending(const struct shared_info *s, evtchn_port_t port)
{
	if (!pv_evtchn_2l_valid(port))
		return -EINVAL;
	return !!(PV_READ_ONCE(s->evtchn_pending[port / PV_EVTCHN_2L_BITS]) &
		  (1UL << (port % PV_EVTCHN_2L_BITS)));
}
PV_EXPORT(pv_evtchn_2l_is_pending);

/**
 * pv_evtchn_2l_is_masked() - read a port's mask bit
 * @s: shared_info
 * @port: the port
 *
 * Return: 1 or 0, or -EINVAL for a port outside the 2-level range.
 */
int pv_evtchn_2l_is_masked(const struct shared_info *s, evtchn_port_t port)
{
	if (!pv_evtchn_2l_valid(port))
		return -EINVAL;
	return !!(PV_READ_ONCE(s->evtchn_mask[port / PV_EVTCHN_2L_BITS]) &
		  (1UL << (port % PV_EVTCHN_2L_BITS)));
}
PV_EXPORT(pv_evtchn_2l_is_masked);
