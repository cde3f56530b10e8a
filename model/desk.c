/*
 * desk.c — the hotel front desk (model/desk.h).
 */
#include "model/desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_offers.h"
#include "model/text.h"
#include "model/types_hotel.h"
#include "model/xalloc.h"

/* The scorer's kind of a room upgrade in the offer log. */
#define DESK_LOG_KIND 0   /* SUG_UPGRADE */

static int
stay_cmp(const void *a, const void *b)
{
	const struct hotel_stay *x = a, *y = b;

	return (x->arrival > y->arrival) - (x->arrival < y->arrival);
}

static int
type_cmp(const void *a, const void *b)
{
	const struct hotel_type *x = a, *y = b;

	if (x->tier != y->tier)
		return (x->tier > y->tier) - (x->tier < y->tier);
	return (x->id > y->id) - (x->id < y->id);
}

/* Read the snapshot (every night) and the moves. */
static int
desk_load(struct desk *d, char **cause)
{
	size_t i;

	if (store_hotel_snapshot(d->store, d->hotel_id, INT64_MIN / 4,
	    INT64_MAX / 4, &d->snap, cause) != 0)
		return -1;
	if (store_hotel_moves(d->store, d->hotel_id, &d->moves, &d->nmoves,
	    cause) != 0) {
		store_hotel_snapshot_free(&d->snap);
		return -1;
	}
	if (store_hotel_segment_moves(d->store, d->hotel_id, &d->smoves,
	    &d->nsmoves, cause) != 0) {
		store_hotel_snapshot_free(&d->snap);
		free(d->moves);
		d->moves = NULL;
		d->nmoves = 0;
		return -1;
	}
	d->sscratch = xreallocarray(NULL, d->nsmoves + 1,
	    sizeof *d->sscratch);
	/* an imported hotel without tiers of its own: by the rates, the
	 * types then listed up the ladder */
	if (hotel_ladder_missing(d->snap.types, d->snap.ntypes)) {
		hotel_ladder_by_rate(d->snap.types, d->snap.ntypes);
		qsort(d->snap.types, d->snap.ntypes, sizeof *d->snap.types,
		    type_cmp);
	}
	qsort(d->snap.stays, d->snap.nstays, sizeof *d->snap.stays, stay_cmp);
	d->maxnights = 0;
	for (i = 0; i < d->snap.nstays; i++)
		if (d->snap.stays[i].nights > d->maxnights)
			d->maxnights = d->snap.stays[i].nights;
	free(d->win);
	d->win = xreallocarray(NULL, d->snap.nstays + 1, sizeof *d->win);
	return 0;
}

static void
desk_unload(struct desk *d)
{
	store_hotel_snapshot_free(&d->snap);
	free(d->moves);
	free(d->win);
	store_segment_moves_free(&d->smoves, d->nsmoves);
	free(d->sscratch);
	d->moves = NULL;
	d->nmoves = 0;
	d->nsmoves = 0;
	d->sscratch = NULL;
	d->win = NULL;
}

int
desk_open(struct desk *d, struct store *s, int64_t hotel_id, int cap_percent,
    char **cause)
{
	struct hotel_supplement *m;
	size_t nm;
	int cap;

	memset(d, 0, sizeof *d);
	d->store = s;
	offerlog_init(&d->log, s);
	d->hotel_id = hotel_id;
	store_currency(s, d->cur, &d->scale);
	snprintf(d->counter_lang, sizeof d->counter_lang, "en");
	d->guest = xstrdup("");
	d->by_segment = 1;
	if (store_hotel_pricing(s, hotel_id, &cap, &d->p.floor, &m, &nm,
	    cause) != 0)
		return -1;
	d->p.cap_percent = cap >= 0 ? cap : cap_percent;
	d->p.matrix = m;
	d->p.nmatrix = nm;
	return desk_load(d, cause);
}

int
desk_reload(struct desk *d, char **cause)
{
	desk_unload(d);
	return desk_load(d, cause);
}

void
desk_close(struct desk *d)
{
	desk_leave(d);
	desk_unload(d);
	store_reservation_rows_free(&d->rows, d->nrows);
	scripts_free(&d->scripts);
	free((void *)d->p.matrix);
	free(d->hotel);
	free(d->guest);
	offerlog_clear(&d->log);
	memset(d, 0, sizeof *d);
}

const struct hotel_type *
desk_type(const struct desk *d, int64_t id)
{
	size_t i;

	for (i = 0; i < d->snap.ntypes; i++)
		if (d->snap.types[i].id == id)
			return &d->snap.types[i];
	return NULL;
}

const char *
desk_type_name(const struct desk *d, int64_t id)
{
	const struct hotel_type *t = desk_type(d, id);

	return t != NULL && t->name != NULL ? t->name : "?";
}

int64_t
desk_holding(const struct reservation *r)
{
	return r->assigned_type_id != 0 && r->status != RES_CHECKED_OUT ?
	    r->assigned_type_id : r->room_type_id;
}

int
desk_stay_nights(const struct desk *d, const struct reservation *r,
    int64_t *from, int *left)
{
	if (d->as_booked) {
		*from = r->arrival;
		*left = r->nights;
		return HOTEL_WHEN_AHEAD;
	}
	return (int)hotel_nights_to_come(r->status, r->arrival, r->nights,
	    civil_day_of(d->now), from, left);
}

void
desk_ask(const struct desk *d, const struct reservation *r, int leave_out,
    struct hotel_ask *a)
{
	memset(a, 0, sizeof *a);
	a->reservation = r->id;
	if (leave_out) {
		a->base_type = a->holding_type = r->room_type_id;
		a->base_rate = r->booked_rate > 0 ? r->booked_rate : r->rate;
		a->from = r->arrival;
		a->nights = r->nights;
		return;
	}
	a->holding_type = desk_holding(r);
	if (r->booked_rate > 0 && r->status != RES_CHECKED_OUT) {
		/* upgraded here: the cap and the supplement from the booking */
		a->base_type = r->prior_type_id != 0 ? r->prior_type_id :
		    r->room_type_id;
		a->base_rate = r->booked_rate;
		a->paid = r->rate - r->booked_rate;
	} else {
		a->base_type = a->holding_type;
		a->base_rate = r->rate;
	}
	(void)desk_stay_nights(d, r, &a->from, &a->nights);
}

size_t
desk_offers(struct desk *d, const struct reservation *r, int leave_out,
    struct hotel_offer *o, size_t max)
{
	struct hotel_ask ask;
	int64_t holds;
	struct hotel_inventory inv;
	size_t lo = 0, hi = d->snap.nstays, n = 0, i, k;
	int64_t from, to;
	struct hotel_move *self = NULL;

	desk_ask(d, r, leave_out, &ask);
	holds = ask.holding_type;
	from = ask.from;
	to = ask.from + ask.nights;
	d->nwhy = 0;
	if (ask.nights < 1)
		return 0;

	/* the stays arriving before the last night that are still there
	 * on the first: a window of the sorted stays */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->snap.stays[mid].arrival < to)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i > 0; i--) {
		const struct hotel_stay *y = &d->snap.stays[i - 1];
		if (y->arrival + d->maxnights <= from)
			break;
		if (y->arrival + y->nights > from)
			d->win[n++] = *y;
	}
	inv.types = d->snap.types;
	inv.ntypes = d->snap.ntypes;
	inv.stays = d->win;
	inv.nstays = n;
	if (leave_out && r->assigned_type_id != 0)
		for (k = 0; k < d->nmoves; k++)
			if (d->moves[k].from == r->room_type_id &&
			    d->moves[k].to == r->assigned_type_id) {
				self = &d->moves[k];
				self->count--;
			}
	n = hotel_offers(&inv, &ask, &d->p, o, max, d->why, DESK_OFFERS_MAX,
	    &d->nwhy);
	hotel_rank_by_moves(o, n, holds, d->moves, d->nmoves);
	if (self != NULL)
		self->count++;
	/* then the moves of the stay's own segment lead (stable: the
	 * hotel's moves order the rest and break ties) */
	if (d->by_segment && r->segment != NULL && r->segment[0] != '\0') {
		size_t m = 0;

		for (k = 0; k < d->nsmoves; k++) {
			if (strcmp(d->smoves[k].segment, r->segment) != 0)
				continue;
			d->sscratch[m] = d->smoves[k].move;
			if (leave_out && d->sscratch[m].from ==
			    r->room_type_id && d->sscratch[m].to ==
			    r->assigned_type_id)
				d->sscratch[m].count--;
			m++;
		}
		hotel_rank_by_moves(o, n, holds, d->sscratch, m);
	}
	return n;
}

/* Leave out of o[0..n) the types declined for r; how many stay, or -1. */
static long
drop_declined(struct desk *d, const struct reservation *r,
    struct hotel_offer *o, size_t n, char **cause)
{
	int64_t *t;
	size_t nt, i, j, k = 0;

	if (store_reservation_declined(d->store, r->id, &t, &nt, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		for (j = 0; j < nt && t[j] != o[i].type_id; j++)
			;
		/* a decline not saved yet counts as one */
		if (j == nt && !offerlog_declined(&d->log, r->id,
		    o[i].type_id))
			o[k++] = o[i];
	}
	free(t);
	return (long)k;
}

long
desk_stay_offers(struct desk *d, const struct reservation *r,
    struct hotel_offer *o, size_t max, struct guest_stay **g, size_t *ng,
    char **cause)
{
	struct guest_stay *st = NULL;
	struct hotel_move *gm = NULL;
	size_t nst = 0, ngm = 0, i, k;
	long n;

	if (r->guest_id != 0 && store_guest_stays(d->store, r->hotel_id,
	    r->guest_id, r->arrival, &st, &nst, cause) != 0)
		return -1;
	n = drop_declined(d, r, o, desk_offers(d, r, 0, o, max), cause);
	if (n < 0) {
		free(st);
		return -1;
	}
	/* the room types of the guest's earlier stays, as moves counted by
	 * how often the guest held them */
	for (i = 0; i < nst; i++) {
		for (k = 0; k < ngm && gm[k].to != st[i].type_id; k++)
			;
		if (k == ngm) {
			gm = xreallocarray(gm, ngm + 1, sizeof *gm);
			gm[k].from = desk_holding(r);
			gm[k].to = st[i].type_id;
			gm[k].count = 0;
			ngm++;
		}
		gm[k].count++;
	}
	hotel_rank_by_moves(o, (size_t)n, desk_holding(r), gm, ngm);
	free(gm);
	if (g != NULL) {
		*g = st;
		*ng = nst;
	} else
		free(st);
	return n;
}

static int
persons_of(const struct reservation *r)
{
	return r->adults + r->children > 0 ? r->adults + r->children : 1;
}

void
desk_addons_clear(struct desk_addon *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].code);
		free(a[i].name);
	}
	memset(a, 0, n * sizeof *a);
}

int
desk_stay_addons(struct desk *d, const struct reservation *r,
    struct desk_addon *out, size_t max, size_t *n, char **cause)
{
	struct store_addons x;
	struct hotel_addon_offer o[DESK_ADDONS_MAX];
	int64_t *sold = NULL;
	size_t no, nsold = 0, k, i, j;

	int64_t from;
	int left;

	*n = 0;
	(void)desk_stay_nights(d, r, &from, &left);
	if (store_hotel_addons(d->store, r->hotel_id, from, from + left, &x,
	    cause) != 0)
		return -1;
	if (r->id != 0 && store_reservation_addons(d->store, r->id, &sold,
	    &nsold, cause) != 0) {
		store_addons_free(&x);
		return -1;
	}
	d->hotel_addons = x.n;
	no = hotel_addons(x.addons, x.n, x.sold, x.nsold, from, left,
	    persons_of(r), o, DESK_ADDONS_MAX);
	/* in the hotel's order: the ones it can have, and the ones it has */
	for (i = 0; i < x.n && *n < max; i++) {
		struct desk_addon *a;
		int has = 0;

		for (j = 0; j < nsold && sold[j] != x.addons[i].id; j++)
			;
		has = j < nsold;
		for (k = 0; k < no && o[k].addon_id != x.addons[i].id; k++)
			;
		if (k == no && !has)
			continue;
		a = &out[(*n)++];
		memset(a, 0, sizeof *a);
		a->id = x.addons[i].id;
		a->code = xstrdup(x.codes[i]);
		a->name = xstrdup(x.names[i]);
		a->price = x.addons[i].price;
		a->per = (int)x.addons[i].per;
		a->on_departure = x.addons[i].on_departure;
		a->sold = has;
		if (k < no) {
			a->total = o[k].total;
			a->units = o[k].units;
		}
	}
	free(sold);
	store_addons_free(&x);
	return 0;
}

int
desk_answer(struct desk *d, const struct reservation *r, int64_t type_id,
    int reason, struct hotel_offer *done, int64_t *offer_id, char **cause)
{
	struct hotel_offer o[DESK_OFFERS_MAX];
	struct offer_rec rec;
	int64_t oid;
	size_t n, k;
	long left;
	int64_t from;
	int nights, when, logged;

	if (r->status != RES_BOOKED && r->status != RES_CHECKED_IN) {
		char *c = text_cleans(r->code, 40);

		*cause = xasprintf("%s is cancelled, a no-show or checked out",
		    c);
		free(c);
		return 1;
	}
	if ((when = desk_stay_nights(d, r, &from, &nights)) !=
	    HOTEL_WHEN_AHEAD && when != HOTEL_WHEN_IN_HOUSE) {
		char *c = text_cleans(r->code, 40);

		*cause = xasprintf("%s: nothing to offer, %s", c,
		    hotel_when_text((enum hotel_when)when));
		free(c);
		return 1;
	}
	if (reason < 0 && d->snap.estimated) {
		*cause = xstrdup("the hotel lists no rooms: import its "
		    "rooms.csv before accepting upgrades");
		return 1;
	}
	n = desk_offers(d, r, 0, o, DESK_OFFERS_MAX);
	for (k = 0; k < n && o[k].type_id != type_id; k++)
		;
	if (k == n) {
		char *name = text_cleans(desk_type_name(d, type_id), 60);
		char line[200];
		size_t w;

		/* say which rule left it out, when one did */
		for (w = 0; w < d->nwhy && d->why[w].type_id != type_id; w++)
			;
		if (w < d->nwhy)
			*cause = xasprintf("not offered: %s", hotel_why_text(
			    &d->why[w], name, line, sizeof line));
		else
			*cause = xasprintf("%s is not an upgrade free on every "
			    "night of this stay within the cap", name);
		free(name);
		return 1;
	}
	if ((left = drop_declined(d, r, &o[k], 1, cause)) < 0)
		return -1;
	if (left == 0) {
		*cause = xstrdup("the guest declined that upgrade already");
		return 1;
	}
	if (d->replay) {
		/* a replay at a pretended time: shown, never written */
		if (done != NULL)
			*done = o[k];
		if (offer_id != NULL)
			*offer_id = 0;
		return 0;
	}
	if (reason < 0) {
		/* refusals (a room gone, a type already held) come back as 1
		 * with the reason; failures as -1 */
		int rc = store_reservation_upgrade(d->store, r->id, type_id,
		    o[k].per_night, from, cause);
		if (rc != 0) {
			if (*cause == NULL)
				*cause = xstrdup("not upgraded");
			return rc;
		}
	}
	memset(&rec, 0, sizeof rec);
	rec.at = d->now;
	rec.clerk_id = d->clerk_id;
	rec.counter = d->counter;
	rec.customer_id = r->guest_id;
	rec.kind = DESK_LOG_KIND;
	rec.price_diff = o[k].total;
	rec.outcome = reason < 0 ? OFFER_ACCEPTED : OFFER_DECLINED;
	rec.reason = reason > 0 ? reason : 0;
	rec.reservation_id = r->id;
	rec.room_type_id = type_id;
	/* a row the store refuses is kept for retry, as at the counter */
	logged = offerlog_add(&d->log, &rec, &oid);
	if (done != NULL)
		*done = o[k];
	if (offer_id != NULL)
		*offer_id = oid;
	return logged == 0 ? 0 : DESK_LOG_PENDING;
}

int
desk_log_addon(struct desk *d, const struct reservation *r, int64_t addon_id,
    int64_t total, int outcome, int reason, int64_t *offer_id, char **cause)
{
	struct offer_rec rec;
	int64_t oid;
	int logged;

	memset(&rec, 0, sizeof rec);
	rec.at = d->now;
	rec.clerk_id = d->clerk_id;
	rec.counter = d->counter;
	rec.customer_id = r->guest_id;
	rec.kind = DESK_LOG_ADDON;
	rec.price_diff = total;
	rec.outcome = outcome;
	rec.reason = reason > 0 ? reason : 0;
	rec.reservation_id = r->id;
	rec.addon_id = addon_id;
	(void)cause;
	/* a row the store refuses is kept for retry, as every offer row */
	logged = offerlog_add(&d->log, &rec, &oid);
	if (offer_id != NULL)
		*offer_id = oid;
	return logged == 0 ? 0 : DESK_LOG_PENDING;
}

int
desk_add(struct desk *d, const struct reservation *r, const char *code,
    int64_t *total, char **name_out, char **cause)
{
	struct desk_addon a[DESK_ADDONS_MAX];
	size_t n, i;
	char *name;
	int rc, left, when;
	int64_t from;

	if (r->status != RES_BOOKED && r->status != RES_CHECKED_IN) {
		char *c = text_cleans(r->code, 40);

		*cause = xasprintf("%s is cancelled, a no-show or checked out",
		    c);
		free(c);
		return 1;
	}
	if ((when = desk_stay_nights(d, r, &from, &left)) != HOTEL_WHEN_AHEAD &&
	    when != HOTEL_WHEN_IN_HOUSE) {
		char *c = text_cleans(r->code, 40);

		*cause = xasprintf("%s: nothing to offer, %s", c,
		    hotel_when_text((enum hotel_when)when));
		free(c);
		return 1;
	}
	if (desk_stay_addons(d, r, a, DESK_ADDONS_MAX, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && strcmp(a[i].code, code) != 0; i++)
		;
	if (i == n) {
		struct store_addons x;
		size_t j;

		/* an add-on of the hotel's, or not one at all? */
		rc = store_hotel_addons(d->store, r->hotel_id, 0, 0, &x, cause);
		if (rc != 0) {
			desk_addons_clear(a, n);
			return -1;
		}
		for (j = 0; j < x.n && strcmp(x.codes[j], code) != 0; j++)
			;
		name = text_cleans(j < x.n ? x.names[j] : code, 60);
		*cause = j < x.n ? xasprintf("%s is sold out or not offered "
		    "on a day of this stay", name) : xasprintf("no add-on %s "
		    "in this hotel", name);
		free(name);
		store_addons_free(&x);
		desk_addons_clear(a, n);
		return 1;
	}
	if (a[i].sold) {
		name = text_cleans(a[i].name, 60);
		*cause = xasprintf("%s is already added to this stay", name);
		free(name);
		desk_addons_clear(a, n);
		return 1;
	}
	rc = d->replay ? 0 : store_addon_sell(d->store, r->id, a[i].id,
	    a[i].on_departure ? from + left : from,
	    a[i].on_departure ? 1 : left, a[i].units, a[i].total, cause);
	/* on the books: the sale in the offer log (a row the store refuses
	 * is kept in d->log for retry: DESK_LOG_PENDING) */
	if (rc == 0 && !d->replay)
		rc = desk_log_addon(d, r, a[i].id, a[i].total, OFFER_ACCEPTED,
		    0, NULL, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		*total = a[i].total;
		if (name_out != NULL)
			*name_out = xstrdup(a[i].name);
	} else if (*cause != NULL) {
		char *c;

		name = text_cleans(a[i].name, 60);
		c = xasprintf("%s: %s", name, *cause);
		free(name);
		free(*cause);
		*cause = c;
	}
	desk_addons_clear(a, n);
	return rc;
}

/* ---- the check-in screen -------------------------------------------------- */

static int
desk_list(struct desk *d, const char *text, char **cause)
{
	store_reservation_rows_free(&d->rows, d->nrows);
	d->nrows = 0;
	return store_reservations_find(d->store, d->hotel_id, text, d->day,
	    DESK_ROWS_MAX, &d->rows, &d->nrows, cause);
}

int
desk_arrivals(struct desk *d, int64_t day, char **cause)
{
	d->day = day;
	d->query[0] = '\0';
	return desk_list(d, NULL, cause);
}

int
desk_search(struct desk *d, const char *text, char **cause)
{
	snprintf(d->query, sizeof d->query, "%s", text);
	return desk_list(d, d->query[0] != '\0' ? d->query : NULL, cause);
}

void
desk_leave(struct desk *d)
{
	if (d->have)
		reservation_clear(&d->r);
	free(d->stays);
	d->stays = NULL;
	d->nstays = 0;
	desk_addons_clear(d->addons, d->naddons);
	d->naddons = 0;
	d->noffers = 0;
	d->declined = 0;
	d->lang[0] = '\0';
	free(d->guest);
	d->guest = xstrdup("");
	d->have = 0;
}

int
desk_pick(struct desk *d, int64_t id, char **cause)
{
	struct customer c;
	long n;
	int rc;

	desk_leave(d);
	if (desk_reload(d, cause) != 0)
		return -1;
	if ((rc = store_reservation_get(d->store, id, &d->r, cause)) != 1) {
		if (rc == 0)
			*cause = xstrdup("the reservation is gone");
		return -1;
	}
	d->have = 1;
	d->persons = persons_of(&d->r);
	if (d->r.guest_id != 0) {
		memset(&c, 0, sizeof c);
		if ((rc = store_customer_get(d->store, d->r.guest_id, &c,
		    cause)) < 0) {
			desk_leave(d);
			return -1;
		}
		if (rc == 1) {
			free(d->guest);
			d->guest = xstrdup(c.name != NULL ? c.name : "");
			if (c.lang != NULL && script_have_language(&d->scripts,
			    c.lang))
				snprintf(d->lang, sizeof d->lang, "%s", c.lang);
			customer_clear(&c);
		}
	}
	d->declined = desk_offers(d, &d->r, 0, d->offers, DESK_OFFERS_MAX);
	n = desk_stay_offers(d, &d->r, d->offers, DESK_OFFERS_MAX, &d->stays,
	    &d->nstays, cause);
	d->declined = n >= 0 ? d->declined - (size_t)n : 0;
	if (n < 0 || desk_stay_addons(d, &d->r, d->addons, DESK_ADDONS_MAX,
	    &d->naddons, cause) != 0) {
		desk_leave(d);
		return -1;
	}
	d->noffers = (size_t)n;
	return 0;
}

/* Look at the reservation at the desk again after a change; when that
 * fails the desk is left empty and *msg (if set) says so. */
static void
desk_repick(struct desk *d, char **msg)
{
	char *cause = NULL, *t;
	int64_t id = d->r.id;
	char lang[4];

	memcpy(lang, d->lang, sizeof lang);
	if (desk_pick(d, id, &cause) != 0) {
		if (msg != NULL && *msg != NULL) {
			t = xasprintf("%s Cannot show the stay again: %s", *msg,
			    cause);
			free(*msg);
			*msg = t;
		}
		free(cause);
	} else if (lang[0] != '\0')
		memcpy(d->lang, lang, sizeof lang);
}

/* How an answer's log row went: saved, kept for retry (and why), or not
 * written in a replay.  malloc'd. */
static char *
desk_saved(const struct desk *d, int rc)
{
	if (d->replay)
		return xstrdup("REPLAY: not saved.");
	if (rc == DESK_LOG_PENDING)
		return xasprintf("Log NOT SAVED, kept for retry: %s",
		    offerlog_cause(&d->log));
	return xstrdup("Saved.");
}

int
desk_accept(struct desk *d, size_t i, char **msg, char **cause)
{
	struct hotel_offer o;
	char m1[32], m2[32], *name, *saved;
	int rc;

	if (!d->have || i >= d->noffers) {
		*cause = xstrdup("no such upgrade");
		return 1;
	}
	/* the rooms as they are now: another desk may have taken one */
	if (desk_reload(d, cause) != 0) {
		desk_leave(d);
		return -1;
	}
	rc = desk_answer(d, &d->r, d->offers[i].type_id, -1, &o, NULL, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(desk_type_name(d, o.type_id), 60);
		saved = desk_saved(d, rc);
		money_show(o.per_night, d->scale, d->cur, m1, sizeof m1);
		money_show(o.total, d->scale, d->cur, m2, sizeof m2);
		*msg = xasprintf("Upgraded to %s: +%s a night, +%s %s for %d "
		    "night%s. %s", name, m1, m2, d->cur, d->r.nights,
		    d->r.nights == 1 ? "" : "s", saved);
		free(saved);
		free(name);
	}
	desk_repick(d, msg);
	return rc;
}

int
desk_decline(struct desk *d, size_t i, int64_t *offer_id, char **msg,
    char **cause)
{
	char *name, *saved;
	int rc;

	if (!d->have || i >= d->noffers) {
		*cause = xstrdup("no such upgrade");
		return 1;
	}
	rc = desk_answer(d, &d->r, d->offers[i].type_id, 0, NULL, offer_id,
	    cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(desk_type_name(d, d->offers[i].type_id), 60);
		saved = desk_saved(d, rc);
		*msg = xasprintf("Declined: %s, not offered again for this "
		    "stay. %s", name, saved);
		free(saved);
		free(name);
	}
	desk_repick(d, msg);
	return rc;
}

int
desk_decline_reason(struct desk *d, int64_t offer_id, int reason)
{
	if (d->replay)
		return 0;
	return offerlog_reason(&d->log, offer_id, reason);
}

int
desk_add_addon(struct desk *d, size_t i, char **msg, char **cause)
{
	int64_t total;
	char m[32], *name, *code, *saved;
	int rc;

	if (!d->have || i >= d->naddons) {
		*cause = xstrdup("no such add-on");
		return 1;
	}
	code = xstrdup(d->addons[i].code);
	rc = desk_add(d, &d->r, code, &total, NULL, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(d->addons[i].name, 60);
		saved = desk_saved(d, rc);
		money_show(total, d->scale, d->cur, m, sizeof m);
		*msg = xasprintf("Added %s: %s %s for the stay. %s", name, m,
		    d->cur, saved);
		free(saved);
		free(name);
	}
	free(code);
	desk_repick(d, msg);
	return rc;
}

/* ---- talking points ------------------------------------------------------ */

void
desk_open_scripts(struct desk *d, const char *dir, const char *counter_lang,
    char **warning)
{
	snprintf(d->counter_lang, sizeof d->counter_lang, "%s",
	    counter_lang != NULL ? counter_lang : "en");
	script_load_shop(&d->scripts, d->store, dir, warning);
}

const char *
desk_per_words(int per)
{
	static const char *const words[] = { "a night", "once",
	    "a person a night", "a person" };

	return per >= 0 && per < (int)(sizeof words / sizeof words[0]) ?
	    words[per] : "";
}

char *
desk_benefit_in(const struct desk *d, const struct reservation *r,
    const struct hotel_offer *o, const char *lang)
{
	const struct hotel_type *t = desk_type(d, o->type_id);
	const char *b = NULL;

	if (t != NULL && lang != NULL && strcmp(lang, "bn") == 0)
		b = t->benefit_bn;
	else if (t != NULL && lang != NULL && strcmp(lang, "gu") == 0)
		b = t->benefit_gu;
	if (b != NULL && b[0] != '\0')
		return xstrdup(b);
	return desk_benefit(d, r, o);
}

const char *
desk_per_words_in(int per, const char *lang)
{
	static const char *const bn[] = { "প্রতি রাতে", "একবার",
	    "জনপ্রতি প্রতি রাতে", "জনপ্রতি" };
	static const char *const gu[] = { "દર રાત્રે", "એક વાર",
	    "વ્યક્તિ દીઠ દર રાત્રે", "વ્યક્તિ દીઠ" };

	if (per < 0 || per > 3 || lang == NULL)
		return desk_per_words(per);
	if (strcmp(lang, "bn") == 0)
		return bn[per];
	if (strcmp(lang, "gu") == 0)
		return gu[per];
	return desk_per_words(per);
}

char *
desk_benefit(const struct desk *d, const struct reservation *r,
    const struct hotel_offer *o)
{
	const struct hotel_type *t = desk_type(d, o->type_id);
	const struct hotel_type *h = desk_type(d, desk_holding(r));
	char view[80] = "", size[40] = "";

	if (t == NULL || h == NULL)
		return NULL;
	if (t->view != NULL && t->view[0] != '\0' && (h->view == NULL ||
	    strcmp(t->view, h->view) != 0))
		snprintf(view, sizeof view, "a %s view", t->view);
	if (t->size_m2 > 0 && h->size_m2 > 0 && t->size_m2 > h->size_m2)
		snprintf(size, sizeof size, "%d m² more room",
		    t->size_m2 - h->size_m2);
	if (view[0] == '\0' && size[0] == '\0')
		return NULL;
	return xasprintf("%s%s%s", view, view[0] && size[0] ? " and " : "",
	    size);
}

int
desk_say_lines(const struct desk *d, int addon, size_t i, char **lines)
{
	struct script_vars v;
	char m1[32], m2[32], m3[32], nights[16], pct[16], *first = NULL;
	char *benefit = NULL;
	const char *lang = d->lang[0] != '\0' ? d->lang : NULL;
	uint64_t key;
	int n;

	if (!d->have || (addon ? i >= d->naddons || d->addons[i].sold :
	    i >= d->noffers))
		return 0;
	memset(&v, 0, sizeof v);
	if (d->guest[0] != '\0') {
		first = xstrndup(d->guest, strcspn(d->guest, " "));
		v.first_name = first;
	}
	{
		int64_t from;
		int left;

		(void)desk_stay_nights(d, &d->r, &from, &left);
		snprintf(nights, sizeof nights, "%d", left);
		v.nights = nights;
		v.nights_word = left == 1 ? "night" : "nights";
	}
	v.booked = desk_type_name(d, desk_holding(&d->r));
	v.shop = d->hotel;
	key = script_hash(d->r.code, (uint64_t)d->r.guest_id);
	if (addon) {
		const struct desk_addon *a = &d->addons[i];

		/* money said with the hotel's currency: "€14.50" */
		money_format_cur(a->price, d->scale, d->cur, m1, sizeof m1);
		money_format_cur(a->total, d->scale, d->cur, m2, sizeof m2);
		v.addon = a->name;
		v.item = a->name;
		v.price = m1;
		v.per = desk_per_words_in(a->per, desk_language(d));
		v.total = m2;
		n = script_render(&d->scripts, SCRIPT_KIND_ADDON, NULL, a->code,
		    lang, d->counter_lang, key, &v, lines, NULL);
	} else {
		const struct hotel_offer *o = &d->offers[i];

		money_format_cur(o->per_night, d->scale, d->cur, m1, sizeof m1);
		money_format_cur(o->total, d->scale, d->cur, m2, sizeof m2);
		money_format_cur(desk_type(d, o->type_id) != NULL ?
		    desk_type(d, o->type_id)->rate : 0, d->scale, d->cur, m3,
		    sizeof m3);
		snprintf(pct, sizeof pct, "%d", o->pct);
		benefit = desk_benefit_in(d, &d->r, o, desk_language(d));
		v.room = desk_type_name(d, o->type_id);
		v.item = v.room;
		v.base = v.booked;
		v.per_night = m1;
		v.diff = m1;
		v.diff_pct = pct;
		v.total = m2;
		v.price = m3;
		v.benefit = benefit;
		n = script_render(&d->scripts, SCRIPT_KIND_ROOM, NULL, NULL,
		    lang, d->counter_lang, key, &v, lines, NULL);
	}
	free(first);
	free(benefit);
	return n;
}

const char *
desk_language(const struct desk *d)
{
	return d->lang[0] != '\0' ? d->lang : d->counter_lang;
}

void
desk_set_language(struct desk *d, const char *lang)
{
	snprintf(d->lang, sizeof d->lang, "%s", lang != NULL ? lang : "");
}

void
desk_set_who(struct desk *d, const char *hotel, const char *counter,
    int replay)
{
	free(d->hotel);
	d->hotel = xstrdup(hotel);
	d->counter = counter;
	d->replay = replay;
}

void
desk_set_clerk(struct desk *d, int64_t clerk_id)
{
	d->clerk_id = clerk_id;
}

void
desk_set_now(struct desk *d, int64_t now)
{
	d->now = now;
}

void
desk_set_day(struct desk *d, int64_t day)
{
	d->day = day;
}

void
desk_next_language(struct desk *d)
{
	const char *next = script_next_language(&d->scripts,
	    desk_language(d));

	if (next != NULL)
		snprintf(d->lang, sizeof d->lang, "%s", next);
}
