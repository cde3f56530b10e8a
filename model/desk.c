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
	/* what other processes wrote is looked at from now on */
	(void)store_data_version(s, &d->data_version);
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

/* Mark the add-ons of out[0..n) the guest declined for r's stay (saved,
 * or pending in d->log) and has not taken since.  0, or -1 with *cause
 * (out cleared). */
static int
addons_declined(struct desk *d, const struct reservation *r,
    struct desk_addon *out, size_t *n, char **cause)
{
	int64_t *no = NULL;
	size_t nno = 0, i, j;

	if (r->id == 0)
		return 0;
	if (store_reservation_addons_declined(d->store, r->id, &no, &nno,
	    cause) != 0) {
		desk_addons_clear(out, *n);
		*n = 0;
		return -1;
	}
	for (i = 0; i < *n; i++) {
		for (j = 0; j < nno && no[j] != out[i].id; j++)
			;
		out[i].declined = !out[i].sold && (j < nno ||
		    offerlog_declined_addon(&d->log, r->id, out[i].id));
	}
	free(no);
	return 0;
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
		/* the days its total charges: the nights to come */
		if (a->per == HOTEL_PER_NIGHT ||
		    a->per == HOTEL_PER_PERSON_NIGHT)
			a->days = a->on_departure ? 1 : left;
		if (k < no) {
			a->total = o[k].total;
			a->units = o[k].units;
		}
	}
	free(sold);
	store_addons_free(&x);
	return addons_declined(d, r, out, n, cause);
}

/* 1 (*cause says why) when nothing can be sold to r: cancelled, a
 * no-show, checked out, or its departure passed; else 0, and the nights
 * to come in *from, *left. */
static int
stay_refused(const struct desk *d, const struct reservation *r,
    int64_t *from, int *left, char **cause)
{
	char *c;
	int when;

	if (r->status != RES_BOOKED && r->status != RES_CHECKED_IN) {
		c = text_cleans(r->code, 40);
		*cause = xasprintf("%s is cancelled, a no-show or checked out",
		    c);
		free(c);
		return 1;
	}
	when = desk_stay_nights(d, r, from, left);
	if (when == HOTEL_WHEN_AHEAD || when == HOTEL_WHEN_IN_HOUSE)
		return 0;
	c = text_cleans(r->code, 40);
	*cause = xasprintf("%s: nothing to offer, %s", c,
	    hotel_when_text((enum hotel_when)when));
	free(c);
	return 1;
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
	int nights, logged;

	if (stay_refused(d, r, &from, &nights, cause))
		return 1;
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

/* 1 if v[0..n) holds id, else add it when there is room (0). */
static int
shown_before(int64_t *v, size_t *n, int64_t id)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (v[i] == id)
			return 1;
	if (*n < DESK_SHOWN_MAX)
		v[(*n)++] = id;
	return 0;
}

int
desk_log_shown(struct desk *d)
{
	struct offer_rec rec;
	int64_t id;
	size_t i;
	int refused = 0;

	if (!d->log_shown || d->replay || !d->have || !desk_sellable(d, NULL))
		return 0;
	memset(&rec, 0, sizeof rec);
	rec.at = d->now;
	rec.clerk_id = d->clerk_id;
	rec.counter = d->counter;
	rec.customer_id = d->r.guest_id;
	rec.kind = DESK_LOG_KIND;
	rec.outcome = OFFER_SHOWN;
	rec.reservation_id = d->r.id;
	/* upgrades of a hotel that lists no rooms cannot be taken: not
	 * offers */
	for (i = 0; i < d->noffers && !d->snap.estimated; i++) {
		if (shown_before(d->shown_types, &d->nshown_types,
		    d->offers[i].type_id))
			continue;
		rec.price_diff = d->offers[i].total;
		rec.room_type_id = d->offers[i].type_id;
		refused += offerlog_add(&d->log, &rec, &id) != 0;
	}
	for (i = 0; i < d->naddons; i++)
		if (!d->addons[i].sold && !shown_before(d->shown_addons,
		    &d->nshown_addons, d->addons[i].id))
			refused += desk_log_addon(d, &d->r, d->addons[i].id,
			    d->addons[i].total, OFFER_SHOWN, 0, NULL, NULL) != 0;
	return refused;
}

void
desk_set_log_shown(struct desk *d, int on)
{
	d->log_shown = on;
}

int
desk_add(struct desk *d, const struct reservation *r, const char *code,
    int64_t *total, char **name_out, char **cause)
{
	struct desk_addon a[DESK_ADDONS_MAX];
	size_t n, i;
	char *name;
	int rc, left;
	int64_t from;

	if (stay_refused(d, r, &from, &left, cause))
		return 1;
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
