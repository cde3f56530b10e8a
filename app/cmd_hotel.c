/*
 * cmd_hotel.c — uplift upgrades: the room upgrades a reservation could be
 * offered, each free on every night of the stay, per night and in total;
 * the same for a day's arrivals; and how often the top offer is the room
 * type the hotel actually assigned (--evaluate).
 *
 * Offers come from model/hotel.h over the hotel's snapshot; they are
 * ranked by the moves guests of the hotel were given (booked → assigned),
 * lowest tier first among equals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/config.h"
#include "model/civil.h"
#include "model/hotel.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/text.h"
#include "model/types.h"
#include "model/xalloc.h"

#define UPGRADES_USAGE "usage: uplift upgrades --hotel NAME " \
	"(CONFIRMATION [--accept CODE | --decline CODE [--reason 1-5] | " \
	"--add CODE] | " \
	"--arrivals YYYY-MM-DD | --evaluate)"
#define MAX_OFFERS 16

/* A hotel at the desk: its rooms and stays (sorted by arrival), the moves
 * its guests were given and the pricing rules. */
struct desk {
	struct hotel_snapshot snap;
	struct hotel_move    *moves;
	size_t                nmoves;
	struct hotel_pricing  p;
	int                   maxnights;   /* the longest stay */
	char                  cur[4];
	int                   scale;
	struct hotel_stay    *win;         /* the stays of one reservation's
	                                    * nights (scratch)               */
};

static int
stay_cmp(const void *a, const void *b)
{
	const struct hotel_stay *x = a, *y = b;

	return (x->arrival > y->arrival) - (x->arrival < y->arrival);
}

static int
desk_open(struct desk *d, struct app *a, struct store *s, int64_t hid,
    char **cause)
{
	size_t i;

	memset(d, 0, sizeof *d);
	store_currency(s, d->cur, &d->scale);
	if (store_hotel_snapshot(s, hid, INT64_MIN / 4, INT64_MAX / 4,
	    &d->snap, cause) != 0)
		return -1;
	if (store_hotel_moves(s, hid, &d->moves, &d->nmoves, cause) != 0) {
		store_hotel_snapshot_free(&d->snap);
		return -1;
	}
	qsort(d->snap.stays, d->snap.nstays, sizeof *d->snap.stays, stay_cmp);
	for (i = 0; i < d->snap.nstays; i++)
		if (d->snap.stays[i].nights > d->maxnights)
			d->maxnights = d->snap.stays[i].nights;
	d->win = xreallocarray(NULL, d->snap.nstays + 1, sizeof *d->win);
	d->p.floor = 0;
	d->p.cap_percent = a->config->hotel_cap_percent;
	return 0;
}

static void
desk_close(struct desk *d)
{
	store_hotel_snapshot_free(&d->snap);
	free(d->moves);
	free(d->win);
	memset(d, 0, sizeof *d);
}

static const struct hotel_type *
desk_type(const struct desk *d, int64_t id)
{
	size_t i;

	for (i = 0; i < d->snap.ntypes; i++)
		if (d->snap.types[i].id == id)
			return &d->snap.types[i];
	return NULL;
}

static void
put_type(const struct desk *d, int64_t id)
{
	const struct hotel_type *t = desk_type(d, id);

	text_fputs(t != NULL ? t->name : "?", stdout);
}

/* The room type r holds at the desk: the assigned one once assigned,
 * except for a stay already checked out, looked at as booked (that is
 * when the offer would have been made). */
static int64_t
holding(const struct reservation *r)
{
	return r->assigned_type_id != 0 && r->status != RES_CHECKED_OUT ?
	    r->assigned_type_id : r->room_type_id;
}

/*
 * The offers for r from the room type it holds — or, with leave_out, the
 * one it booked, not counting its own move (the evaluation must not learn
 * the answer from the question) — ranked by the moves.  Returns how
 * many.
 */
static size_t
desk_offers(struct desk *d, const struct reservation *r, int leave_out,
    struct hotel_offer *o, size_t max)
{
	int64_t holds = leave_out ? r->room_type_id : holding(r);
	struct hotel_inventory inv;
	size_t lo = 0, hi = d->snap.nstays, n = 0, i, k;
	int64_t from = r->arrival, to = r->arrival + r->nights;
	struct hotel_move *self = NULL;

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
	n = hotel_upgrades(&inv, holds, r->rate, r->arrival, r->nights, r->id,
	    &d->p, o, max);
	hotel_rank_by_moves(o, n, holds, d->moves, d->nmoves);
	if (self != NULL)
		self->count++;
	return n;
}

static void
print_offer(const struct desk *d, const struct hotel_offer *o, int nights)
{
	char m1[32], m2[32];

	put_type(d, o->type_id);
	money_format(o->per_night, d->scale, 1, m1, sizeof m1);
	money_format(o->total, d->scale, 1, m2, sizeof m2);
	printf("\t+%s a night (+%d%%)\t+%s for %d night%s", m1, o->pct, m2,
	    nights, nights == 1 ? "" : "s");
}

/* What a hotel_per price is for, after the amount. */
static const char *const per_words[] = { "a night", "once", "a person a night",
	"a person" };

/* The add-ons valid for every day r's stay would use them, with units
 * left, priced for the stay. */
static int
upgrades_addons(struct desk *d, struct store *s, const struct reservation *r)
{
	struct store_addons x;
	struct hotel_addon_offer o[MAX_OFFERS];
	char *cause = NULL, m1[32], m2[32];
	size_t n, k, i;
	int persons = r->adults + r->children;

	if (store_hotel_addons(s, r->hotel_id, r->arrival, r->arrival +
	    r->nights, &x, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	n = hotel_addons(x.addons, x.n, x.sold, x.nsold, r->arrival,
	    r->nights, persons > 0 ? persons : 1, o, MAX_OFFERS);
	if (x.n > 0)
		printf("# add-ons for the stay (%d guest%s)\n", persons > 0 ?
		    persons : 1, persons > 1 ? "s" : "");
	for (k = 0; k < n; k++)
		for (i = 0; i < x.n; i++) {
			if (x.addons[i].id != o[k].addon_id)
				continue;
			text_fputs(x.names[i], stdout);
			money_format(x.addons[i].price, d->scale, 1, m1,
			    sizeof m1);
			money_format(o[k].total, d->scale, 1, m2, sizeof m2);
			printf("\t%s %s\t%s for the stay\n", m1,
			    per_words[x.addons[i].per], m2);
		}
	if (x.n > 0 && n == 0)
		printf("no add-on is available for every day of the stay\n");
	store_addons_free(&x);
	return EXIT_OK;
}

/* Leave out of o[0..n) the types declined for r; returns how many stay. */
static size_t
drop_declined(struct store *s, const struct reservation *r,
    struct hotel_offer *o, size_t n, int *err)
{
	int64_t *t;
	char *cause = NULL;
	size_t nt, i, j, k = 0;

	*err = 0;
	if (store_reservation_declined(s, r->id, &t, &nt, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		*err = 1;
		return 0;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < nt && t[j] != o[i].type_id; j++)
			;
		if (j == nt)
			o[k++] = o[i];
	}
	free(t);
	return k;
}

/*
 * The offers for r at the desk: those of desk_offers() less the declined
 * ones, and the room types the guest held on earlier stays leading (a
 * stable sort: the moves' order stays among the rest).  The guest's
 * earlier stays, newest first, go to *g (owned by the caller) when g is
 * not NULL.  Returns how many offers, or -1 (printed).
 */
static long
desk_stay_offers(struct desk *d, struct store *s, const struct reservation *r,
    struct hotel_offer *o, size_t max, struct guest_stay **g, size_t *ng)
{
	struct guest_stay *st = NULL;
	struct hotel_move *gm = NULL;
	char *cause = NULL;
	size_t n, nst = 0, ngm = 0, i, k;
	int err;

	if (r->guest_id != 0 && store_guest_stays(s, r->hotel_id, r->guest_id,
	    r->arrival, &st, &nst, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	n = desk_offers(d, r, 0, o, max);
	n = drop_declined(s, r, o, n, &err);
	if (err) {
		free(st);
		return -1;
	}
	for (i = 0; i < nst; i++) {
		for (k = 0; k < ngm && gm[k].to != st[i].type_id; k++)
			;
		if (k == ngm) {
			gm = xreallocarray(gm, ngm + 1, sizeof *gm);
			gm[k].from = holding(r);
			gm[k].to = st[i].type_id;
			gm[k].count = 0;
			ngm++;
		}
		gm[k].count++;
	}
	hotel_rank_by_moves(o, n, holding(r), gm, ngm);
	free(gm);
	if (g != NULL) {
		*g = st;
		*ng = nst;
	} else
		free(st);
	return (long)n;
}

/* The guest's earlier stays at the hotel, newest first, with their total. */
static void
print_stays(const struct desk *d, const struct reservation *r,
    const struct guest_stay *g, size_t n)
{
	char m[32], date[16];
	int64_t nights = 0, spend = 0;
	size_t i;

	if (r->guest_id == 0)
		return;
	for (i = 0; i < n; i++) {
		nights += g[i].nights;
		spend += g[i].spend;
	}
	money_format(spend, d->scale, 1, m, sizeof m);
	if (n == 0)
		printf("# first stay of this guest\n");
	else
		printf("# %zu earlier stay%s of this guest: %lld night%s, "
		    "%s %s\n", n, n == 1 ? "" : "s", (long long)nights,
		    nights == 1 ? "" : "s", m, d->cur);
	for (i = 0; i < n; i++) {
		civil_format_date(g[i].arrival, date, sizeof date);
		money_format(g[i].spend, d->scale, 1, m, sizeof m);
		printf("  %s\t%d night%s\t", date, g[i].nights,
		    g[i].nights == 1 ? "" : "s");
		put_type(d, g[i].type_id);
		printf("\t%s\n", m);
	}
}

/*
 * Accept (reason < 0) or decline room type `code` for r: it must be one of
 * the offers now.  Accepting moves the reservation in one transaction that
 * re-checks every night, so of two desks taking the last room one is told
 * it is gone.  Either way the offer is logged for the take rate.
 */
static int
upgrades_answer(struct app *a, struct desk *d, struct store *s, int64_t hid,
    const struct reservation *r, const char *code, int reason)
{
	struct hotel_offer o[MAX_OFFERS];
	struct offer_rec rec;
	char *cause = NULL, m1[32], m2[32];
	int64_t tid, oid;
	size_t n, k;
	int rc, err;

	if ((rc = store_room_type_id(s, hid, code, &tid, &cause)) != 1) {
		if (rc == 0)
			app_error("no room type %s in this hotel", code);
		else
			app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if (r->status != RES_BOOKED && r->status != RES_CHECKED_IN) {
		char *c = text_cleans(r->code, 40);

		app_error("%s is cancelled, a no-show or checked out", c);
		free(c);
		return EXIT_FAIL;
	}
	if (reason < 0 && d->snap.estimated) {
		app_error("the hotel lists no rooms: import its rooms.csv "
		    "before accepting upgrades");
		return EXIT_FAIL;
	}
	n = desk_offers(d, r, 0, o, MAX_OFFERS);
	for (k = 0; k < n && o[k].type_id != tid; k++)
		;
	if (k < n && drop_declined(s, r, &o[k], 1, &err) == 0) {
		if (!err)
			app_error("the guest declined that upgrade already");
		return EXIT_FAIL;
	}
	if (k == n) {
		char *name = text_cleans(desk_type(d, tid)->name, 60);

		app_error("%s is not an upgrade free on every night of this "
		    "stay within the cap", name);
		free(name);
		return EXIT_FAIL;
	}
	if (reason < 0) {
		rc = store_reservation_upgrade(s, r->id, tid, o[k].per_night,
		    &cause);
		if (rc != 0) {
			app_error("%s", cause != NULL ? cause : "not upgraded");
			free(cause);
			return EXIT_FAIL;
		}
	}
	memset(&rec, 0, sizeof rec);
	rec.at = a->now;
	rec.counter = a->config->counter;
	rec.customer_id = r->guest_id;
	rec.kind = SUG_UPGRADE;
	rec.price_diff = o[k].total;
	rec.outcome = reason < 0 ? OFFER_ACCEPTED : OFFER_DECLINED;
	rec.reason = reason > 0 ? reason : 0;
	rec.reservation_id = r->id;
	rec.room_type_id = tid;
	if (store_offer_add(s, &rec, &oid, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		if (reason < 0)
			app_error("the upgrade was made; only its log is "
			    "missing");
		return EXIT_FAIL;
	}
	text_fputs(r->code, stdout);
	printf(reason < 0 ? ": upgraded to " : ": declined ");
	put_type(d, tid);
	money_format(o[k].per_night, d->scale, 1, m1, sizeof m1);
	money_format(o[k].total, d->scale, 1, m2, sizeof m2);
	if (reason < 0)
		printf(", +%s a night, +%s %s for the stay\n", m1, m2, d->cur);
	else
		printf("; not offered again for this stay\n");
	return EXIT_OK;
}

/* Add add-on `code` to r's stay: it must be one it can have now. */
static int
upgrades_add(struct desk *d, struct store *s, const struct reservation *r,
    const char *code)
{
	struct store_addons x;
	struct hotel_addon_offer o[MAX_OFFERS];
	char *cause = NULL, m[32], *name;
	int persons = r->adults + r->children > 0 ? r->adults + r->children :
	    1;
	size_t n, k, i;
	int rc;

	if (store_hotel_addons(s, r->hotel_id, r->arrival, r->arrival +
	    r->nights, &x, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	for (i = 0; i < x.n && strcmp(x.codes[i], code) != 0; i++)
		;
	if (i == x.n) {
		app_error("no add-on %s in this hotel", code);
		store_addons_free(&x);
		return EXIT_FAIL;
	}
	n = hotel_addons(x.addons, x.n, x.sold, x.nsold, r->arrival,
	    r->nights, persons, o, MAX_OFFERS);
	for (k = 0; k < n && o[k].addon_id != x.addons[i].id; k++)
		;
	name = text_cleans(x.names[i], 60);
	if (k == n) {
		app_error("%s is sold out or not offered on a day of this stay",
		    name);
		rc = EXIT_FAIL;
	} else if ((rc = store_addon_sell(s, r->id, o[k].addon_id,
	    x.addons[i].on_departure ? r->arrival + r->nights : r->arrival,
	    x.addons[i].on_departure ? 1 : r->nights, o[k].units, o[k].total,
	    &cause)) != 0) {
		app_error("%s: %s", name, cause);
		free(cause);
		rc = EXIT_FAIL;
	} else {
		money_format(o[k].total, d->scale, 1, m, sizeof m);
		text_fputs(r->code, stdout);
		printf(": %s added, %s %s for the stay\n", name, m, d->cur);
		rc = EXIT_OK;
	}
	free(name);
	store_addons_free(&x);
	return rc;
}

static int
upgrades_one(struct desk *d, struct store *s, const struct reservation *r)
{
	struct hotel_offer o[MAX_OFFERS];
	struct guest_stay *g;
	char m[32], date[16];
	size_t ng;
	long n, k;

	civil_format_date(r->arrival, date, sizeof date);
	money_format(r->rate, d->scale, 1, m, sizeof m);
	printf("# %s · %d night%s · ", date, r->nights,
	    r->nights == 1 ? "" : "s");
	put_type(d, holding(r));
	printf(" at %s %s a night%s\n", m, d->cur, d->snap.estimated ?
	    " · rooms estimated from the busiest night" : "");
	if ((n = desk_stay_offers(d, s, r, o, MAX_OFFERS, &g, &ng)) < 0)
		return EXIT_FAIL;
	print_stays(d, r, g, ng);
	free(g);
	for (k = 0; k < n; k++) {
		print_offer(d, &o[k], r->nights);
		putchar('\n');
	}
	if (n == 0)
		printf("no higher room type is free on every night within the "
		    "cap\n");
	return upgrades_addons(d, s, r);
}

static int
upgrades_arrivals(struct desk *d, struct store *s, int64_t hid, int64_t day)
{
	struct hotel_offer o[MAX_OFFERS];
	struct reservation r;
	int64_t *ids;
	char *cause = NULL, date[16];
	size_t n, i, offered = 0;
	long k;

	if (store_hotel_arrivals(s, hid, day, day + 1, &ids, &n, &cause)
	    != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	civil_format_date(day, date, sizeof date);
	printf("# %s · %zu arrival%s%s\n", date, n, n == 1 ? "" : "s",
	    d->snap.estimated ? " · rooms estimated from the busiest night" :
	    "");
	for (i = 0; i < n; i++) {
		if (store_reservation_get(s, ids[i], &r, &cause) != 1) {
			app_error("%s", cause != NULL ? cause :
			    "a reservation vanished");
			free(cause);
			free(ids);
			return EXIT_FAIL;
		}
		text_fputs(r.code, stdout);
		printf("\t%d night%s\t", r.nights, r.nights == 1 ? "" : "s");
		put_type(d, holding(&r));
		printf("\t→ ");
		if ((k = desk_stay_offers(d, s, &r, o, MAX_OFFERS, NULL,
		    NULL)) < 0) {
			reservation_clear(&r);
			free(ids);
			return EXIT_FAIL;
		}
		if (k > 0) {
			print_offer(d, &o[0], r.nights);
			offered++;
		} else
			printf("no upgrade");
		putchar('\n');
		reservation_clear(&r);
	}
	printf("# %zu of %zu arrival%s with an upgrade to offer\n", offered, n,
	    n == 1 ? "" : "s");
	free(ids);
	return EXIT_OK;
}

static double
pct(size_t a, size_t b)
{
	return b > 0 ? 100.0 * (double)a / (double)b : 0.0;
}

/* The lowest tier among n offers. */
static int
min_tier(const struct desk *d, const struct hotel_offer *o, size_t n)
{
	int t = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int x = desk_type(d, o[i].type_id)->tier;
		if (i == 0 || x < t)
			t = x;
	}
	return t;
}

/*
 * Every stay the hotel moved to a higher room type than booked: was the
 * top offer (as booked, with the same availability) that type?
 */
static int
upgrades_evaluate(struct desk *d, struct store *s, int64_t hid)
{
	struct hotel_offer o[MAX_OFFERS];
	struct reservation r;
	int64_t *ids;
	char *cause = NULL;
	size_t n, i, k, moved = 0, up = 0, down = 0, any = 0, top = 0;
	size_t lowest = 0, among = 0;

	if (store_hotel_arrivals(s, hid, INT64_MIN / 4, INT64_MAX / 4, &ids,
	    &n, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	for (i = 0; i < n; i++) {
		const struct hotel_type *bt, *at;
		size_t m;

		if (store_reservation_get(s, ids[i], &r, &cause) != 1) {
			app_error("%s", cause != NULL ? cause :
			    "a reservation vanished");
			free(cause);
			free(ids);
			return EXIT_FAIL;
		}
		bt = desk_type(d, r.room_type_id);
		at = desk_type(d, r.assigned_type_id);
		if (r.assigned_type_id == 0 ||
		    r.assigned_type_id == r.room_type_id || bt == NULL ||
		    at == NULL || r.nights < 1) {
			reservation_clear(&r);
			continue;
		}
		moved++;
		if (at->tier <= bt->tier) {
			down++;
			reservation_clear(&r);
			continue;
		}
		up++;
		m = desk_offers(d, &r, 1, o, MAX_OFFERS);
		if (m > 0)
			any++;
		if (m > 0 && o[0].type_id == r.assigned_type_id)
			top++;
		for (k = 0; k < m; k++) {
			if (o[k].type_id != r.assigned_type_id)
				continue;
			among++;
			/* lowest tier first would have led with it if no
			 * offer of a lower tier stood before it */
			if (desk_type(d, o[k].type_id)->tier ==
			    min_tier(d, o, m))
				lowest++;
		}
		reservation_clear(&r);
	}
	free(ids);
	printf("stays (not cancelled, not no-show)\t%zu\n", n);
	printf("assigned another type\t%zu\n", moved);
	printf("  to a lower or equal tier\t%zu\n", down);
	printf("  to a higher tier\t%zu\n", up);
	printf("with an upgrade to offer (cap %d%%)\t%zu\t%.1f%%\n",
	    d->p.cap_percent, any, pct(any, up));
	printf("assigned type among the offers\t%zu\t%.1f%%\n", among,
	    pct(among, up));
	printf("top offer = assigned (lowest tier first)\t%zu\t%.1f%%\n",
	    lowest, pct(lowest, up));
	printf("top offer = assigned (ranked by moves)\t%zu\t%.1f%%\n", top,
	    pct(top, up));
	return EXIT_OK;
}

int
cmd_upgrades(struct app *a, int argc, char **argv)
{
	struct desk d;
	struct reservation r;
	struct store *s;
	char *hotel = NULL, *code = NULL, *day = NULL, *cause = NULL;
	char *accept = NULL, *decline = NULL, *rs = NULL, *add = NULL;
	const char *why;
	int64_t hid, rid, when = 0, reason = 0;
	int i, rc, evaluate = 0;

	for (i = 1; i < argc; i++) {
		/* plain values, as cmd_suggest() reads them */
		if ((rc = app_opt(&i, argc, argv, "--hotel", &hotel)) ||
		    (rc = app_opt(&i, argc, argv, "--arrivals", &day)) ||
		    (rc = app_opt(&i, argc, argv, "--accept", &accept)) ||
		    (rc = app_opt(&i, argc, argv, "--decline", &decline)) ||
		    (rc = app_opt(&i, argc, argv, "--add", &add)) ||
		    (rc = app_opt(&i, argc, argv, "--reason", &rs))) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--evaluate") == 0)
			evaluate = 1;
		else if (argv[i][0] == '-' || code != NULL) {
			app_error(UPGRADES_USAGE);
			return EXIT_USAGE;
		} else
			code = argv[i];
	}
	if (hotel == NULL || (code != NULL) + (day != NULL) + evaluate != 1 ||
	    (code == NULL && (accept != NULL || decline != NULL ||
	    add != NULL)) ||
	    (accept != NULL) + (decline != NULL) + (add != NULL) > 1 ||
	    (rs != NULL && decline == NULL)) {
		app_error(UPGRADES_USAGE);
		return EXIT_USAGE;
	}
	if (rs != NULL && money_parse_int(rs, strlen(rs), 1, 5, &reason,
	    &why) != 0) {
		app_error("--reason %s: %s (1 to 5)", rs, why);
		return EXIT_USAGE;
	}
	if (day != NULL &&
	    civil_parse_date(day, strlen(day), &when, &why) != 0) {
		app_error("--arrivals %s: %s", day, why);
		return EXIT_USAGE;
	}
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	if ((rc = store_hotel_id(s, hotel, &hid, &cause)) != 1 ||
	    desk_open(&d, a, s, hid, &cause) != 0) {
		if (rc == 0)
			app_error("no hotel named %s", hotel);
		else
			app_error("%s", cause);
		free(cause);
		store_close(&s);
		return EXIT_FAIL;
	}
	if (evaluate)
		rc = upgrades_evaluate(&d, s, hid);
	else if (day != NULL)
		rc = upgrades_arrivals(&d, s, hid, when);
	else if ((rc = store_reservation_id(s, hid, code, &rid, &cause)) != 1
	    || (rc = store_reservation_get(s, rid, &r, &cause)) != 1) {
		if (rc == 0)
			app_error("no reservation %s at %s", code, hotel);
		else
			app_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
	} else {
		if (accept != NULL)
			rc = upgrades_answer(a, &d, s, hid, &r, accept, -1);
		else if (add != NULL)
			rc = upgrades_add(&d, s, &r, add);
		else if (decline != NULL)
			rc = upgrades_answer(a, &d, s, hid, &r, decline,
			    (int)reason);
		else
			rc = upgrades_one(&d, s, &r);
		reservation_clear(&r);
	}
	desk_close(&d);
	store_close(&s);
	return rc;
}
