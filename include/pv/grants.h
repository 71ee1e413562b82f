/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The grant table service (drivers/pv/grants): how a frontend shares a
 * page with a backend.
 *
 * A frontend takes grant references (one at a time or a batch for a
 * ring), fills each with the frame it shares and the backend's domain,
 * puts the references in its requests, and ends access once the backend
 * is done.  The table (version 1) starts at the size Xen gave the domain
 * and grows by whole frames on demand, up to Xen's limit for the domain.
 * When every reference is taken, allocation fails with -ENOSPC; a
 * frontend that must not fail registers a callback and retries from it
 * once references come back.  Ending access to a frame the backend still
 * maps never hands the page back to the kernel: the service keeps it and
 * retries until the backend lets go (see Documentation/grants/index.rst).
 */
#ifndef _PV_GRANTS_H
#define _PV_GRANTS_H

#include <linux/list.h>
#include <linux/types.h>
#include <pv/xen.h>
#include <pv/io/grant_table.h>

struct page;

/**
 * pv_gnttab_ready() - whether the service is up
 *
 * Return: true once the table is set up (a PV guest after the
 * service's initcall), false natively or if set-up failed.
 */
bool pv_gnttab_ready(void);

/**
 * pv_gnttab_alloc_ref() - take one grant reference
 * @ref: where it goes
 *
 * Grows the table by one frame if none is free and Xen allows more.
 *
 * Context: any; does not sleep.
 * Return: 0, -ENOSPC when the table is full at Xen's limit, -ENODEV if
 * the service is not up.
 */
int pv_gnttab_alloc_ref(grant_ref_t *ref);

/**
 * pv_gnttab_alloc_refs() - take @n grant references at once
 * @n: how many
 * @refs: room for @n references
 *
 * All or nothing; grows the table as far as needed and allowed.
 *
 * Context: any; does not sleep.
 * Return: 0, -ENOSPC, -EINVAL for an @n no table could hold, -ENODEV.
 */
int pv_gnttab_alloc_refs(unsigned int n, grant_ref_t *refs);

/**
 * pv_gnttab_free_ref() - give back a reference that grants nothing
 * @ref: a reference from pv_gnttab_alloc_ref(), never granted or with
 *	access ended by pv_gnttab_end_ref()
 *
 * A reference that was not handed out is refused with one pr_err.
 * Registered free callbacks run afterwards if enough are free.
 *
 * Context: any.
 */
void pv_gnttab_free_ref(grant_ref_t ref);

/**
 * pv_gnttab_free_refs() - give back @n references
 * @n: how many
 * @refs: the references
 *
 * Context: any.
 */
void pv_gnttab_free_refs(unsigned int n, const grant_ref_t *refs);

/**
 * pv_gnttab_grant_ref() - grant access through a reference already taken
 * @ref: the reference
 * @domid: the domain that may map the page
 * @page: the page (a page of the guest's RAM)
 * @readonly: whether @domid may only read it
 *
 * Return: 0, -EINVAL for a reference not handed out, -ERANGE for a page
 * whose frame a version-1 entry cannot hold.
 */
int pv_gnttab_grant_ref(grant_ref_t ref, domid_t domid, struct page *page,
			bool readonly);

/**
 * pv_gnttab_grant() - take a reference and grant access to @page
 * @domid: the domain that may map the page
 * @page: the page
 * @readonly: whether @domid may only read it
 *
 * Return: the reference (>= 0), or a negative errno as for
 * pv_gnttab_alloc_ref() and pv_gnttab_grant_ref().
 */
int pv_gnttab_grant(domid_t domid, struct page *page, bool readonly);

/**
 * pv_gnttab_end_ref() - end access if the grantee does not map the page
 * @ref: a granted reference
 *
 * Return: 0 when access has ended (the reference stays taken, for
 * pv_gnttab_free_ref() or another grant), -EBUSY while the grantee
 * still maps the page (nothing changed), -EINVAL for a reference not
 * handed out.
 */
int pv_gnttab_end_ref(grant_ref_t ref);

/**
 * pv_gnttab_end_access() - end access, free the reference and the page
 * @ref: a granted reference
 * @page: the granted page, whose reference the caller gives up, or NULL
 *	if the caller never frees the page itself
 *
 * If the grantee still maps the page, the reference and the page are
 * kept on a deferred list and retried on a timer; a warning is printed
 * once per entry if that lasts (see the debugfs counters).  The page is
 * never reused while the grantee can still reach it.
 *
 * Context: any.
 */
void pv_gnttab_end_access(grant_ref_t ref, struct page *page);

/**
 * struct pv_gnttab_callback - a wait for free references
 * @node: on the service's list while queued
 * @fn: called (from a workqueue, may sleep) once @count are free
 * @arg: for @fn
 * @count: references the frontend needs
 * @queued: whether it waits; the service clears it before calling @fn
 */
struct pv_gnttab_callback {
	struct list_head node;
	void (*fn)(void *arg);
	void *arg;
	unsigned int count;
	bool queued;
};

/**
 * pv_gnttab_request_free_callback() - be called back once refs are free
 * @cb: the frontend's callback structure (zeroed or used before)
 * @fn: what to call
 * @arg: for @fn
 * @count: how many references the frontend waits for
 *
 * A callback runs once per request; it may request again.  If @count
 * are free already, it runs soon.  Requesting a queued callback again
 * only updates @fn, @arg and @count.
 *
 * Context: any.
 */
void pv_gnttab_request_free_callback(struct pv_gnttab_callback *cb,
				     void (*fn)(void *arg), void *arg,
				     unsigned int count);

/**
 * pv_gnttab_cancel_free_callback() - stop waiting
 * @cb: a callback structure
 *
 * Context: any.  A callback already taken off the list may still run.
 */
void pv_gnttab_cancel_free_callback(struct pv_gnttab_callback *cb);

/**
 * pv_gnttab_resume() - set the table up again after the domain resumed
 *
 * Xen gives a restored domain a new table: this asks for the frames
 * the table had and maps them where the old ones were.  Grants made
 * before the suspension are gone; frontends grant again when they
 * reconnect.
 *
 * Context: process context, with the frontends quiesced.
 * Return: 0 or a negative errno.
 */
int pv_gnttab_resume(void);

#endif /* _PV_GRANTS_H */
