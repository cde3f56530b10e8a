/*
 * desk_undo.c — a guest who changes their mind (model/desk.h): an upgrade
 * undone, an add-on taken off, a decline withdrawn; and add-ons declined.
 * Kept apart from desk.c: the offer rows are marked undone through the
 * store, never deleted, so that reports count the net result.
 */
#include "model/desk.h"

#include <stdlib.h>
#include <string.h>

#include "model/buyer.h"
#include "model/civil.h"
#include "model/store.h"
#include "model/store_hotel.h"
#include "model/text.h"
#include "model/xalloc.h"

/* The index of add-on code in x, or x->n. */
static size_t
addon_index(const struct store_addons *x, const char *code)
{
	size_t j;

	for (j = 0; j < x->n && strcmp(x->codes[j], code) != 0; j++)
		;
	return j;
}

/* 1 if v[0..n) holds id. */
static int
has_id(const int64_t *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n && v[i] != id; i++)
		;
	return i < n;
}

int
desk_decline_addon(struct desk *d, const struct reservation *r,
    const char *code, int reason, char **cause)
{
	struct desk_addon a[DESK_ADDONS_MAX];
	size_t n, i;
	int rc;

	if (desk_stay_addons(d, r, a, DESK_ADDONS_MAX, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && strcmp(a[i].code, code) != 0; i++)
		;
	if (i == n || a[i].sold || a[i].declined) {
		char *c = text_cleans(code, 40);

		*cause = i == n ? xasprintf("%s is not an add-on this stay "
		    "can have", c) : a[i].sold ? xasprintf("%s is added to "
		    "this stay: undo it instead", c) : xasprintf("the guest "
		    "declined %s for this stay already", a[i].name);
		free(c);
		desk_addons_clear(a, n);
		return 1;
	}
	rc = d->replay ? 0 : desk_log_addon(d, r, a[i].id, a[i].total,
	    OFFER_DECLINED, reason, NULL, cause);
	desk_addons_clear(a, n);
	return rc;
}

int
desk_undo(struct desk *d, const struct reservation *r, const char *code,
    int *what, char **cause)
{
	struct store_addons x;
	int64_t tid = 0, *v = NULL, from, at = d->now;
	size_t nv = 0, j;
	int rc, left;

	*what = 0;
	/* the rows to mark undone are the store's: the offer log's pending
	 * ones (offerlog.h) go there first */
	if (!d->replay && offerlog_retry(&d->log) > 0) {
		*cause = xasprintf("the offer log has rows not yet saved, so "
		    "nothing can be undone: %s", offerlog_cause(&d->log));
		return 1;
	}
	(void)desk_stay_nights(d, r, &from, &left);
	if ((rc = store_room_type_id(d->store, r->hotel_id, code, &tid,
	    cause)) < 0)
		return -1;
	if (rc == 1) {
		if (r->booked_rate > 0 && desk_holding(r) == tid) {
			*what = 'u';
			return d->replay ? 0 : store_upgrade_undo(d->store,
			    r->id, from, at, cause);
		}
		if (store_reservation_declined(d->store, r->id, &v, &nv,
		    cause) != 0)
			return -1;
		rc = has_id(v, nv, tid);
		free(v);
		if (rc) {
			*what = 'd';
			return d->replay ? 0 : store_decline_undo(d->store,
			    r->id, tid, 0, at, cause);
		}
		*cause = xstrdup("the guest neither took nor declined that "
		    "room type at the desk");
		return 1;
	}
	if (store_hotel_addons(d->store, r->hotel_id, 0, 0, &x, cause) != 0)
		return -1;
	j = addon_index(&x, code);
	if (j == x.n) {
		char *c = text_cleans(code, 40);

		*cause = xasprintf("no room type or add-on %s in this hotel",
		    c);
		free(c);
		store_addons_free(&x);
		return 1;
	}
	tid = x.addons[j].id;
	store_addons_free(&x);
	if (store_reservation_addons(d->store, r->id, &v, &nv, cause) != 0)
		return -1;
	rc = has_id(v, nv, tid);
	free(v);
	*what = rc ? 'a' : 'D';
	if (d->replay)
		return 0;
	if (rc)
		return store_addon_undo(d->store, r->id, tid, at, cause);
	if ((rc = store_decline_undo(d->store, r->id, 0, tid, at, cause)) ==
	    1) {
		char *c = text_cleans(code, 40);

		free(*cause);
		*cause = xasprintf("the stay has neither add-on %s nor a "
		    "decline of it", c);
		free(c);
	}
	return rc;
}
