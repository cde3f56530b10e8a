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
#include <strings.h>

#include "app/app.h"
#include "app/config.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/hotel.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/store_hotel.h"
#include "model/text.h"
#include "model/types.h"
#include "model/types_hotel.h"
#include "model/xalloc.h"

#define MAX_OFFERS DESK_OFFERS_MAX

static void
put_type(const struct desk *d, int64_t id)
{
	text_fputs(desk_type_name(d, id), stdout);
}

/* Print "uplift: CAUSE" and free it. */
static int
fail(char *cause)
{
	app_error("%s", cause != NULL ? cause : "failed");
	free(cause);
	return EXIT_FAIL;
}

static void
print_offer(const struct desk *d, const struct hotel_offer *o, int nights)
{
	char m1[32], m2[32];

	put_type(d, o->type_id);
	money_show(o->per_night, d->scale, d->cur, m1, sizeof m1);
	money_show(o->total, d->scale, d->cur, m2, sizeof m2);
	printf("\t+%s a night (+%d%%)\t+%s for %d night%s", m1, o->pct, m2,
	    nights, nights == 1 ? "" : "s");
}

/* What removed the higher room types the last offers left out. */
static void
print_why(const struct desk *d)
{
	char line[200];
	size_t i;

	for (i = 0; i < d->nwhy; i++) {
		hotel_why_text(&d->why[i], desk_type_name(d, d->why[i].type_id),
		    line, sizeof line);
		printf("not offered: ");
		text_fputs(line, stdout);
		putchar('\n');
	}
}

/* The add-ons valid for every day r's stay would use them, with units
 * left, priced for the stay. */
static int
upgrades_addons(struct desk *d, const struct reservation *r)
{
	struct desk_addon a[DESK_ADDONS_MAX];
	char *cause = NULL, m1[32], m2[32], words[64];
	size_t n, k, shown = 0;
	int persons = r->adults + r->children;

	if (desk_stay_addons(d, r, a, DESK_ADDONS_MAX, &n, &cause) != 0)
		return fail(cause);
	if (n > 0 || d->hotel_addons > 0)
		printf("# add-ons for the stay (%d guest%s)\n", persons > 0 ?
		    persons : 1, persons > 1 ? "s" : "");
	for (k = 0; k < n; k++) {
		text_fputs(a[k].name, stdout);
		money_show(a[k].price, d->scale, d->cur, m1, sizeof m1);
		money_show(a[k].total, d->scale, d->cur, m2, sizeof m2);
		if (a[k].sold || a[k].declined)
			printf("\t%s %s\t%s\n", m1, desk_per_words(a[k].per),
			    a[k].sold ? "added" : "declined by the guest");
		else    /* in the house: for the nights left */
			printf("\t%s %s\t%s %s\n", m1,
			    desk_per_words(a[k].per), m2, desk_for_stay_words(
			    desk_addon_covers(&a[k], r->nights), r->nights,
			    NULL, words, sizeof words));
		shown += !a[k].sold;
	}
	if (shown == 0 && d->hotel_addons > 0)
		printf("no add-on is available for every day of the stay\n");
	desk_addons_clear(a, n);
	return EXIT_OK;
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
	money_show(spend, d->scale, d->cur, m, sizeof m);
	if (n == 0)
		printf("# first stay of this guest\n");
	else
		printf("# %zu earlier stay%s of this guest: %lld night%s, "
		    "%s %s\n", n, n == 1 ? "" : "s", (long long)nights,
		    nights == 1 ? "" : "s", m, d->cur);
	for (i = 0; i < n; i++) {
		civil_format_date(g[i].arrival, date, sizeof date);
		money_show(g[i].spend, d->scale, d->cur, m, sizeof m);
		printf("  %s\t%d night%s\t", date, g[i].nights,
		    g[i].nights == 1 ? "" : "s");
		put_type(d, g[i].type_id);
		printf("\t%s\n", m);
	}
}

/*
 * Accept (reason < 0) or decline room type `code` for r (desk_answer()),
 * and say what was done.
 */
static int
upgrades_answer(struct desk *d, const struct reservation *r,
    const char *code, int reason)
{
	struct hotel_offer o;
	char *cause = NULL, m1[32], m2[32];
	int64_t tid;
	int rc;

	if ((rc = store_room_type_id(d->store, d->hotel_id, code, &tid,
	    &cause)) == 0 && reason >= 0) {
		/* not a room: an add-on declined */
		rc = desk_decline_addon(d, r, code, reason, &cause);
		if (rc == DESK_LOG_PENDING && offerlog_retry(&d->log) > 0)
			return fail(xstrdup(offerlog_cause(&d->log)));
		if (rc != 0 && rc != DESK_LOG_PENDING)
			return fail(cause);
		text_fputs(r->code, stdout);
		printf(": declined add-on ");
		text_fputs(code, stdout);
		printf("\n");
		return EXIT_OK;
	}
	if (rc != 1) {
		if (rc == 0)
			app_error("no room type %s in this hotel", code);
		else
			app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	rc = desk_answer(d, r, tid, reason, &o, NULL, &cause);
	if (rc == DESK_LOG_PENDING && offerlog_retry(&d->log) > 0) {
		/* a command has nobody to retry for it: it fails */
		cause = reason < 0 ? xasprintf("the upgrade was made; only "
		    "its log is missing: %s", offerlog_cause(&d->log)) :
		    xstrdup(offerlog_cause(&d->log));
		return fail(cause);
	}
	if (rc != 0 && rc != DESK_LOG_PENDING)
		return fail(cause);
	text_fputs(r->code, stdout);
	printf(reason < 0 ? ": upgraded to " : ": declined ");
	put_type(d, tid);
	money_show(o.per_night, d->scale, d->cur, m1, sizeof m1);
	money_show(o.total, d->scale, d->cur, m2, sizeof m2);
	if (reason < 0) {
		int64_t from;
		int left;

		if (desk_stay_nights(d, r, &from, &left) == HOTEL_WHEN_IN_HOUSE) {
			char date[16];

			civil_format_date(from, date, sizeof date);
			printf(", +%s a night, +%s %s for the %d night%s left "
			    "(from %s)\n", m1, m2, d->cur, left, left == 1 ?
			    "" : "s", date);
		} else
			printf(", +%s a night, +%s %s for the stay\n", m1, m2,
			    d->cur);
	} else
		printf("; not offered again for this stay\n");
	return EXIT_OK;
}

/* Undo an answer for r named by code (desk_undo()). */
static int
upgrades_undo(struct desk *d, const struct reservation *r, const char *code)
{
	char *cause = NULL;
	int what;

	if (desk_undo(d, r, code, &what, &cause) != 0)
		return fail(cause);
	text_fputs(r->code, stdout);
	printf(": ");
	switch (what) {
	case 'u':
		printf("upgrade to ");
		text_fputs(code, stdout);
		printf(" undone: back to the room type and rate booked\n");
		break;
	case 'a':
		printf("add-on ");
		text_fputs(code, stdout);
		printf(" taken off the stay\n");
		break;
	default:
		printf("decline of ");
		text_fputs(code, stdout);
		printf(" withdrawn: it is offered again\n");
		break;
	}
	return EXIT_OK;
}

/* What add-on `code` would charge r for, before it is added: "for the
 * stay", or in the house "for the night left" (into buf). */
static const char *
addon_covers_words(struct desk *d, const struct reservation *r,
    const char *code, char *buf, size_t size)
{
	struct desk_addon a[DESK_ADDONS_MAX];
	char *cause = NULL;
	size_t n = 0, k;
	int covers = r->nights;

	if (desk_stay_addons(d, r, a, DESK_ADDONS_MAX, &n, &cause) != 0)
		free(cause);
	for (k = 0; k < n; k++)
		if (strcmp(a[k].code, code) == 0)
			covers = desk_addon_covers(&a[k], r->nights);
	desk_addons_clear(a, n);
	return desk_for_stay_words(covers, r->nights, NULL, buf, size);
}

/* Add add-on `code` to r's stay: it must be one it can have now. */
static int
upgrades_add(struct desk *d, const struct reservation *r, const char *code)
{
	char *cause = NULL, m[32], words[64], *name = NULL;
	int64_t total;
	int rc;

	addon_covers_words(d, r, code, words, sizeof words);
	rc = desk_add(d, r, code, &total, &name, &cause);
	if (rc == DESK_LOG_PENDING && offerlog_retry(&d->log) > 0) {
		/* a command has nobody to retry for it: it fails */
		free(name);
		return fail(xasprintf("the add-on was added; only its log is "
		    "missing: %s", offerlog_cause(&d->log)));
	}
	if (rc != 0 && rc != DESK_LOG_PENDING)
		return fail(cause);
	money_show(total, d->scale, d->cur, m, sizeof m);
	text_fputs(r->code, stdout);
	printf(": ");
	text_fputs(name, stdout);
	printf(" added, %s %s %s\n", m, d->cur, words);
	free(name);
	return EXIT_OK;
}

static int
upgrades_one(struct desk *d, const struct reservation *r)
{
	char *cause = NULL;
	struct hotel_offer o[MAX_OFFERS];
	struct guest_stay *g;
	char m[32], date[16];
	size_t ng;
	long n, k;

	int64_t from;
	int left, when;

	civil_format_date(r->arrival, date, sizeof date);
	money_show(r->rate, d->scale, d->cur, m, sizeof m);
	printf("# %s · %d night%s · ", date, r->nights,
	    r->nights == 1 ? "" : "s");
	put_type(d, desk_holding(r));
	printf(" at %s %s a night%s\n", m, d->cur, d->snap.estimated ?
	    " · rooms estimated from the busiest night" : "");
	if (r->booked_rate > 0) {
		money_show(r->booked_rate, d->scale, d->cur, m, sizeof m);
		printf("# upgraded at the desk: booked ");
		put_type(d, r->prior_type_id != 0 ? r->prior_type_id :
		    r->room_type_id);
		printf(" at %s %s a night", m, d->cur);
		if (r->moved_on != 0) {
			civil_format_date(r->moved_on, date, sizeof date);
			printf(", moved on %s", date);
		}
		putchar('\n');
	}
	when = desk_stay_nights(d, r, &from, &left);
	if (when == HOTEL_WHEN_IN_HOUSE) {
		civil_format_date(from, date, sizeof date);
		printf("# in house: %d night%s left, from %s\n", left,
		    left == 1 ? "" : "s", date);
	}
	if ((n = desk_stay_offers(d, r, o, MAX_OFFERS, &g, &ng, &cause)) < 0)
		return fail(cause);
	print_stays(d, r, g, ng);
	free(g);
	if (hotel_when_text((enum hotel_when)when) != NULL) {
		printf("nothing to offer: %s\n",
		    hotel_when_text((enum hotel_when)when));
		return EXIT_OK;
	}
	for (k = 0; k < n; k++) {
		print_offer(d, &o[k], left);
		putchar('\n');
	}
	if (n == 0)
		printf("no upgrade to offer\n");
	print_why(d);
	return upgrades_addons(d, r);
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
		put_type(d, desk_holding(&r));
		printf("\t→ ");
		if ((k = desk_stay_offers(d, &r, o, MAX_OFFERS, NULL,
		    NULL, &cause)) < 0) {
			reservation_clear(&r);
			free(ids);
			return fail(cause);
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

/* The counts of upgrades_evaluate. */
struct upgrade_counts {
	size_t moved, up, down, any, top, lowest, among, topseg;
	/* every stay as booked: all, 5+ nights, with children (issue 17) */
	size_t all, all_o, lng, lng_o, fam, fam_o;
};

/* Counts stay r as booked: does it have an upgrade to offer? */
static void
upgrades_count_booked(struct desk *d, const struct reservation *r,
    struct upgrade_counts *u)
{
	struct hotel_offer o[MAX_OFFERS];
	int got;

	if (r->nights < 1)
		return;
	got = desk_offers(d, r, 1, o, MAX_OFFERS) > 0;
	u->all++;
	u->all_o += got;
	if (r->nights >= 5) {
		u->lng++;
		u->lng_o += got;
	}
	if (r->children > 0) {
		u->fam++;
		u->fam_o += got;
	}
}

/* Counts stay r, moved to a higher tier: where its assigned type stood
 * among the offers, by the segment's moves and by all. */
static void
upgrades_count_up(struct desk *d, const struct reservation *r,
    struct upgrade_counts *u)
{
	struct hotel_offer o[MAX_OFFERS];
	size_t m, k;

	u->up++;
	d->by_segment = 1;
	m = desk_offers(d, r, 1, o, MAX_OFFERS);
	if (m > 0 && o[0].type_id == r->assigned_type_id)
		u->topseg++;
	d->by_segment = 0;
	m = desk_offers(d, r, 1, o, MAX_OFFERS);
	if (m > 0)
		u->any++;
	if (m > 0 && o[0].type_id == r->assigned_type_id)
		u->top++;
	for (k = 0; k < m; k++) {
		if (o[k].type_id != r->assigned_type_id)
			continue;
		u->among++;
		/* lowest tier first would have led with it if no
		 * offer of a lower tier stood before it */
		if (desk_type(d, o[k].type_id)->tier == min_tier(d, o, m))
			u->lowest++;
	}
}

/* Counts stay r. */
static void
upgrades_count(struct desk *d, const struct reservation *r,
    struct upgrade_counts *u)
{
	const struct hotel_type *bt, *at;

	upgrades_count_booked(d, r, u);
	bt = desk_type(d, r->room_type_id);
	at = desk_type(d, r->assigned_type_id);
	if (r->assigned_type_id == 0 ||
	    r->assigned_type_id == r->room_type_id || bt == NULL ||
	    at == NULL || r->nights < 1)
		return;
	u->moved++;
	if (at->tier <= bt->tier)
		u->down++;
	else
		upgrades_count_up(d, r, u);
}

/* Prints the counts of n stays, the cap being cap_percent. */
static void
upgrades_print(const struct upgrade_counts *u, size_t n, int cap_percent)
{
	printf("stays (not cancelled, not no-show)\t%zu\n", n);
	printf("assigned another type\t%zu\n", u->moved);
	printf("  to a lower or equal tier\t%zu\n", u->down);
	printf("  to a higher tier\t%zu\n", u->up);
	printf("with an upgrade to offer (cap %d%%)\t%zu\t%.1f%%\n",
	    cap_percent, u->any, pct(u->any, u->up));
	printf("assigned type among the offers\t%zu\t%.1f%%\n", u->among,
	    pct(u->among, u->up));
	printf("top offer = assigned (lowest tier first)\t%zu\t%.1f%%\n",
	    u->lowest, pct(u->lowest, u->up));
	printf("top offer = assigned (ranked by moves)\t%zu\t%.1f%%\n", u->top,
	    pct(u->top, u->up));
	printf("top offer = assigned (by the segment's moves, then all)\t%zu"
	    "\t%.1f%%\n", u->topseg, pct(u->topseg, u->up));
	printf("every stay, as booked, with an upgrade to offer\t%zu of %zu"
	    "\t%.1f%%\n", u->all_o, u->all, pct(u->all_o, u->all));
	printf("  stays of 5 nights or more\t%zu of %zu\t%.1f%%\n", u->lng_o,
	    u->lng, pct(u->lng_o, u->lng));
	printf("  stays with children\t%zu of %zu\t%.1f%%\n", u->fam_o,
	    u->fam, pct(u->fam_o, u->fam));
}

/*
 * Every stay the hotel moved to a higher room type than booked: was the
 * top offer (as booked, with the same availability) that type?
 */
static int
upgrades_evaluate(struct desk *d, struct store *s, int64_t hid)
{
	struct upgrade_counts u;
	struct reservation r;
	int64_t *ids;
	char *cause = NULL;
	size_t n, i;

	memset(&u, 0, sizeof u);
	if (store_hotel_arrivals(s, hid, INT64_MIN / 4, INT64_MAX / 4, &ids,
	    &n, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	for (i = 0; i < n; i++) {
		if (store_reservation_get(s, ids[i], &r, &cause) != 1) {
			app_error("%s", cause != NULL ? cause :
			    "a reservation vanished");
			free(cause);
			free(ids);
			return EXIT_FAIL;
		}
		upgrades_count(d, &r, &u);
		reservation_clear(&r);
	}
	free(ids);
	upgrades_print(&u, n, d->p.cap_percent);
	d->by_segment = 1;
	return EXIT_OK;
}

/* More than one stay for a guest's name: *cause lists them. */
static void
reservation_ambiguous(const char *code, const struct reservation_row *rows,
    size_t n, char **cause)
{
	char day[16], *list = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n && i < 5; i++) {
		civil_format_date(rows[i].arrival, day, sizeof day);
		t = xasprintf("%s%s%s %s (%s)", list, i ? ", " : "",
		    rows[i].code, rows[i].guest, day);
		free(list);
		list = t;
	}
	*cause = xasprintf("%s: %zu stays match: %s%s; give the "
	    "confirmation", code, n, list, n > 5 ? " ..." : "");
	free(list);
}

/* Reservation `code` of hotel hid, its confirmation in any case, or the
 * one stay of a guest named so (the words of the name in any order, case
 * and accents aside): 1 and *id, 0 none, -1 with *cause (several stays
 * match a name). */
static int
reservation_find(struct store *s, int64_t hid, const char *code, int64_t *id,
    char **cause)
{
	struct reservation_row *rows = NULL;
	size_t n = 0, i, nhit = 0;
	int rc;

	if ((rc = store_reservation_id(s, hid, code, id, cause)) != 0)
		return rc;
	/* LIKE folds ASCII case: the candidates, then the exact one */
	if (store_reservations_find(s, hid, code, 0, 50, &rows, &n, cause)
	    != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strlen(rows[i].code) == strlen(code) &&
		    strcasecmp(rows[i].code, code) == 0) {
			*id = rows[i].id;
			nhit++;
		}
	/* no such confirmation: the guest's name (issue 17, 10) */
	if (nhit == 0 && n == 1) {
		*id = rows[0].id;
		nhit = 1;
	} else if (nhit == 0 && n > 1) {
		reservation_ambiguous(code, rows, n, cause);
		store_reservation_rows_free(&rows, n);
		return -1;
	}
	store_reservation_rows_free(&rows, n);
	return nhit == 1;
}

/*
 * Reservation code at hotel hid: its upgrades, or the answer given
 * (accept, decline with reason, add, or undo; at most one is not NULL).
 * The confirmation code in any case.  An exit status.
 */
static int
upgrades_code(struct desk *d, struct store *s, int64_t hid, const char *hotel,
    const char *code, const char *accept, const char *decline,
    const char *add, const char *undo, int reason)
{
	struct reservation r;
	char *cause = NULL;
	int64_t rid;
	int rc;

	if ((rc = reservation_find(s, hid, code, &rid, &cause)) != 1 ||
	    (rc = store_reservation_get(s, rid, &r, &cause)) != 1) {
		if (rc == 0)
			app_error("no reservation %s at %s", code, hotel);
		else
			app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if (accept != NULL)
		rc = upgrades_answer(d, &r, accept, -1);
	else if (add != NULL)
		rc = upgrades_add(d, &r, add);
	else if (undo != NULL)
		rc = upgrades_undo(d, &r, undo);
	else if (decline != NULL)
		rc = upgrades_answer(d, &r, decline, reason);
	else
		rc = upgrades_one(d, &r);
	reservation_clear(&r);
	return rc;
}

int
app_hotel_id(struct store *s, const char *name, int64_t *id, char **stored)
{
	char **names = NULL, *cause = NULL;
	size_t n = 0, i, hit = 0, nhit = 0;
	int rc;

	if (stored != NULL)
		*stored = NULL;
	if ((rc = store_hotel_id(s, name, id, &cause)) != 0) {
		if (rc < 0) {
			app_error("%s", cause);
			free(cause);
		} else if (stored != NULL)
			*stored = xstrdup(name);
		return rc;
	}
	if (store_hotel_names(s, &names, &n, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	/* the name in any (ASCII) case */
	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], name) == 0) {
			hit = i;
			nhit++;
		}
	if (nhit == 1) {
		rc = store_hotel_id(s, names[hit], id, &cause);
		if (rc < 0) {
			app_error("%s", cause);
			free(cause);
		} else if (rc == 1 && stored != NULL)
			*stored = xstrdup(names[hit]);
	} else {
		char *c = text_cleans(name, 60);

		rc = 0;
		if (n == 0)
			app_error("no hotel named %s: none is imported", c);
		else {
			app_error("no hotel named %s; the hotels are:", c);
			for (i = 0; i < n; i++) {
				fputs("  ", stderr);
				text_fputs(names[i], stderr);
				fputc('\n', stderr);
			}
		}
		free(c);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
cmd_upgrades(struct app *a, int argc, char **argv)
{
	struct desk d;
	struct store *s;
	char *hotel = NULL, *code = NULL, *day = NULL, *cause = NULL;
	char *accept = NULL, *decline = NULL, *rs = NULL, *add = NULL;
	char *undo = NULL;
	const char *why;
	int64_t hid, when = 0, reason = 0;
	int i, rc, evaluate = 0;

	for (i = 1; i < argc; i++) {
		/* plain values, as cmd_suggest() reads them */
		if ((rc = app_opt(&i, argc, argv, "--hotel", &hotel)) ||
		    (rc = app_opt(&i, argc, argv, "--arrivals", &day)) ||
		    (rc = app_opt(&i, argc, argv, "--accept", &accept)) ||
		    (rc = app_opt(&i, argc, argv, "--decline", &decline)) ||
		    (rc = app_opt(&i, argc, argv, "--add", &add)) ||
		    (rc = app_opt(&i, argc, argv, "--undo", &undo)) ||
		    (rc = app_opt(&i, argc, argv, "--reason", &rs))) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--evaluate") == 0)
			evaluate = 1;
		else if (argv[i][0] == '-' || code != NULL)
			return app_unknown_arg("upgrades", argv[i]);
		else
			code = argv[i];
	}
	if (hotel == NULL || (code != NULL) + (day != NULL) + evaluate != 1 ||
	    (code == NULL && (accept != NULL || decline != NULL ||
	    add != NULL || undo != NULL)) ||
	    (accept != NULL) + (decline != NULL) + (add != NULL) +
	    (undo != NULL) > 1 ||
	    (rs != NULL && decline == NULL))
		return app_bad_usage("upgrades", "upgrades: give --hotel NAME and"
		    " one of a confirmation, --arrivals DATE or --evaluate;"
		    " at most one answer");
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
	if ((accept != NULL || decline != NULL || add != NULL ||
	    undo != NULL) &&
	    app_refuse_pretend(a, "answering a guest") != 0)
		return EXIT_USAGE;
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	if ((rc = app_hotel_id(s, hotel, &hid, NULL)) != 1) {
		store_close(&s);
		return EXIT_FAIL;
	}
	if (desk_open(&d, s, hid, a->config->hotel_cap_percent, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		desk_close(&d);
		store_close(&s);
		return EXIT_FAIL;
	}
	d.clerk_id = a->clerk_id;     /* the signed-in clerk, if any */
	d.counter = a->config->hotel_desk;
	d.now = a->now;
	d.as_booked = evaluate || day != NULL;  /* as on the arrival day */
	if (evaluate)
		rc = upgrades_evaluate(&d, s, hid);
	else if (day != NULL)
		rc = upgrades_arrivals(&d, s, hid, when);
	else
		rc = upgrades_code(&d, s, hid, hotel, code, accept, decline,
		    add, undo, (int)reason);
	desk_close(&d);
	store_close(&s);
	return rc;
}
