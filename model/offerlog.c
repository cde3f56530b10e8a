/*
 * offerlog.c — one pending-and-retry policy for the offer log of the
 * counter and the desk (see offerlog.h).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "model/offerlog.h"
#include "model/store.h"
#include "model/store_offers.h"
#include "model/xalloc.h"

void
offerlog_init(struct offerlog *l, struct store *s)
{
	memset(l, 0, sizeof *l);
	l->store = s;
}

void
offerlog_clear(struct offerlog *l)
{
	free(l->pending);
	l->pending = NULL;
	l->npending = 0;
	xfree(&l->cause);
}

void
offerlog_set_journal(struct offerlog *l, struct journal *j)
{
	l->journal = j;
}

/* Keep cause (owned) as the latest reason a write failed; without the
 * database's path in front (the console works on that one), so that it
 * fits a status line. */
static void
failed(struct offerlog *l, char *cause)
{
	const char *path = store_path(l->store);
	size_t n = path != NULL ? strlen(path) : 0;

	free(l->cause);
	if (cause == NULL)
		cause = xstrdup("not saved");
	if (n > 0 && strncmp(cause, path, n) == 0 && cause[n] == ':' &&
	    cause[n + 1] == ' ') {
		l->cause = xstrdup(cause + n + 2);
		free(cause);
	} else
		l->cause = cause;
}

/* Keep pending row p in the journal, if there is one. */
static void
keep(struct offerlog *l, struct offerlog_row *p)
{
	char *cause = NULL;

	if (l->journal == NULL)
		return;
	p->rec.variant = p->variant[0] ? p->variant : NULL;
	p->rec.jkey = p->jkey;
	p->journaled = p->reason_of > 0 ?
	    journal_reason(l->journal, p->reason_of, NULL, p->rec.reason,
	    &cause) == 0 : journal_offer(l->journal, &p->rec, &cause) == 0;
	p->rec.variant = NULL;
	p->rec.jkey = NULL;
	free(cause);
}

/* A new pending row at the end, zeroed. */
static struct offerlog_row *
push(struct offerlog *l)
{
	l->pending = xreallocarray(l->pending, l->npending + 1,
	    sizeof *l->pending);
	memset(&l->pending[l->npending], 0, sizeof l->pending[0]);
	return &l->pending[l->npending++];
}

int
offerlog_add(struct offerlog *l, const struct offer_rec *rec, int64_t *id)
{
	struct offer_rec r = *rec;
	struct offerlog_row *p;
	char *cause = NULL, jkey[JOURNAL_KEY_LEN + 1];

	*id = 0;
	/* a key of its own: a retry and a replay add it once */
	journal_new_key(jkey);
	r.jkey = jkey;
	if (store_offer_add(l->store, &r, id, &cause) == 0)
		return 0;
	failed(l, cause);
	*id = 0;
	p = push(l);
	if (r.variant != NULL) {
		/* the pending row keeps its own copy */
		snprintf(p->variant, sizeof p->variant, "%s", r.variant);
		r.variant = NULL;
	}
	memcpy(p->jkey, jkey, sizeof jkey);
	r.jkey = NULL;
	p->rec = r;
	keep(l, p);
	return 1;
}

int
offerlog_reason(struct offerlog *l, int64_t offer_id, int reason)
{
	char *cause = NULL;
	struct offerlog_row *p;
	size_t k;

	if (offer_id == 0) {
		/* The decline itself is pending: give it the reason (and
		 * the journal, by the row's key). */
		for (k = l->npending; k > 0; k--) {
			p = &l->pending[k - 1];
			if (p->rec.outcome != OFFER_DECLINED || p->reason_of != 0)
				continue;
			p->rec.reason = reason;
			if (p->journaled && journal_reason(l->journal, 0,
			    p->jkey, reason, &cause) != 0) {
				free(cause);
				p->journaled = 0;
			}
			return 1;
		}
		return -1;
	}
	if (store_offer_reason(l->store, offer_id, reason, &cause) == 0)
		return 0;
	failed(l, cause);
	p = push(l);
	p->rec.reason = reason;
	p->reason_of = offer_id;
	keep(l, p);
	return 1;
}

size_t
offerlog_retry(struct offerlog *l)
{
	char *cause = NULL;
	size_t i, k = 0;
	int64_t id;
	int rc;

	for (i = 0; i < l->npending; i++) {
		struct offerlog_row *p = &l->pending[i];
		if (p->reason_of > 0)
			rc = store_offer_reason(l->store, p->reason_of,
			    p->rec.reason, &cause);
		else {
			p->rec.variant = p->variant[0] ? p->variant : NULL;
			p->rec.jkey = p->jkey;
			rc = store_offer_add(l->store, &p->rec, &id, &cause);
			p->rec.variant = NULL;
			p->rec.jkey = NULL;
		}
		if (rc != 0) {
			l->pending[k++] = *p;   /* still not saved */
			failed(l, cause);
		} else
			free(cause);
		cause = NULL;
	}
	/* all saved: the journal can forget them (its space stays) */
	if (k == 0 && l->npending > 0 && l->journal != NULL)
		journal_clear(l->journal);
	l->npending = k;
	if (k == 0)
		xfree(&l->cause);
	return k;
}

size_t
offerlog_pending(const struct offerlog *l)
{
	return l->npending;
}

size_t
offerlog_unjournaled(const struct offerlog *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->npending; i++)
		n += !l->pending[i].journaled;
	return n;
}

const char *
offerlog_cause(const struct offerlog *l)
{
	return l->cause != NULL ? l->cause : "";
}

/* 1 if a decline of room type type_id or add-on addon_id (the other 0)
 * for reservation_id is pending. */
static int
pending_declined(const struct offerlog *l, int64_t reservation_id,
    int64_t type_id, int64_t addon_id)
{
	size_t i;

	for (i = 0; i < l->npending; i++)
		if (l->pending[i].reason_of == 0 &&
		    l->pending[i].rec.outcome == OFFER_DECLINED &&
		    l->pending[i].rec.reservation_id == reservation_id &&
		    l->pending[i].rec.room_type_id == type_id &&
		    l->pending[i].rec.addon_id == addon_id)
			return 1;
	return 0;
}

int
offerlog_declined(const struct offerlog *l, int64_t reservation_id,
    int64_t type_id)
{
	return pending_declined(l, reservation_id, type_id, 0);
}

int
offerlog_declined_addon(const struct offerlog *l, int64_t reservation_id,
    int64_t addon_id)
{
	return pending_declined(l, reservation_id, 0, addon_id);
}
