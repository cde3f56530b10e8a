/*
 * test_desk — the hotel front desk's model (model/desk.h) on a real
 * SQLite file: the arrivals and the search, a repeat guest's earlier
 * stays and offers, a first-time guest's, the benefit and the talking
 * points, and the answers (accept, add, decline with a reason) written
 * back and seen on the next look.
 *
 * The hotel: Standard ×3, Superior ×1, Deluxe ×1, Suite ×1.  R1 (Anika,
 * who stayed in a Deluxe in November) arrives on 10 December for 3
 * nights in a Standard; R3 holds the only Superior on the 11th, so the
 * Superior is not free on every night of R1's stay, but it is for R2
 * (Tom, first stay, one night on the 10th).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/civil.h"
#include "model/desk.h"
#include "model/import.h"
#include "model/buyer.h"
#include "model/offerlog.h"
#include "model/store.h"
#include "model/store_hotel.h"
#include "model/store_report.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

static struct store *s;
static int64_t hotel_id, dec10;
static const char *db;

static int
setup(void **state)
{
	char *paths[6], *cause = NULL;
	struct import_options opt;
	struct import_report rep;
	const char *dir;

	if (util_tmp_setup(state) != 0)
		return -1;
	db = util_tmp_path("desk.db");
	paths[0] = (char *)util_tmp_text("customers.csv",
	    "id,name,phone,email,loyalty,language,segment,consent\n"
	    "G1,Anika Rahman,,,,bn,Gold,yes\n"
	    "G2,Tom Hill,,,,en,,yes\n");
	paths[1] = (char *)util_tmp_text("room_types.csv",
	    "hotel,code,name,tier,rate,capacity,view,size_m2,benefit_bn,"
	    "benefit_gu\n"
	    "H,STD,Standard,1,89.00,2,courtyard,18,,\n"
	    "H,SUP,Superior,2,109.00,2,city,22,,\n"
	    "H,DLX,Deluxe,3,139.00,3,river,28,,\n"
	    "H,STE,Suite,4,259.00,4,river,50,নদীর দৃশ্য আর ব্যালকনি,"
	    "નદીનો નજારો અને બાલ્કની\n");
	paths[2] = (char *)util_tmp_text("rooms.csv",
	    "hotel,number,room_type\n"
	    "H,101,STD\nH,102,STD\nH,103,STD\nH,201,SUP\nH,301,DLX\n"
	    "H,401,STE\n");
	paths[3] = (char *)util_tmp_text("reservations.csv",
	    "hotel,confirmation,guest,arrival,nights,room_type,rate,adults,"
	    "children,status\n"
	    "H,A1,G1,2026-11-01,2,DLX,139.00,2,0,checked-out\n"
	    "H,R1,G1,2026-12-10,3,STD,89.00,2,0,booked\n"
	    "H,R2,G2,2026-12-10,1,STD,89.00,1,0,booked\n"
	    "H,R3,,2026-12-11,1,SUP,109.00,1,0,booked\n"
	    "H,R4,G2,2026-12-10,2,STD,89.00,1,0,cancelled\n");
	paths[4] = (char *)util_tmp_text("addons.csv",
	    "hotel,code,name,price,per,valid_from,valid_to,daily,serves\n"
	    "H,BRK,Breakfast,14.50,person-night,2026-01-01,2027-12-31,40,"
	    "nights\n"
	    "H,LCO,Late check-out,25.00,stay,2026-01-01,2027-12-31,3,"
	    "departure\n"
	    "H,SPA,Spa pass,18.00,person,2026-12-12,2027-03-31,0,nights\n");
	if (store_open(&s, db, STORE_CREATE, &cause) != 0)
		return -1;
	memset(&opt, 0, sizeof opt);
	if (import_files(s, paths, 5, &opt, &rep, &cause) != 0 ||
	    store_hotel_put(s, "H", &hotel_id, &cause) != 0) {
		fprintf(stderr, "setup: %s\n", cause);
		return -1;
	}
	dec10 = civil_days(2026, 12, 10);
	/* talking points in English and Bengali */
	dir = util_tmp_path("scripts");
	if (mkdir(dir, 0700) != 0)
		return -1;
	{
		char *p = NULL;
		FILE *w;

		p = malloc(strlen(dir) + 16);
		sprintf(p, "%s/en.txt", dir);
		w = fopen(p, "w");
		fputs("lang = en\n[room]\nsay = {Benefit}: the {room}, "
		    "{per_night} a night more, {total} in all.\n"
		    "say = {per_night} × {nights} {nights_word} = {total}\n"
		    "[addon]\nsay = {addon}: {total} for your stay.\n", w);
		fclose(w);
		sprintf(p, "%s/bn.txt", dir);
		w = fopen(p, "w");
		fputs("lang = bn\n[room]\nsay = {Benefit} — {room}: প্রতি রাতে "
		    "{per_night} বেশি, সব মিলিয়ে {total}।\n"
		    "say = {per_night} × {nights} = {total}\n"
		    "[addon]\nsay = {addon}: {per} {price}, মোট {total}।\n", w);
		fclose(w);
		free(p);
	}
	*state = (void *)dir;
	return 0;
}

static int
teardown(void **state)
{
	store_close(&s);
	return util_tmp_teardown(state);
}

static void
open_desk(struct desk *d, void **state, int cap)
{
	char *cause = NULL, *warning = NULL;

	assert_int_equal(desk_open(d, s, hotel_id, cap, &cause), 0);
	d->hotel = strdup("H");
	d->counter = "desk 1";
	d->now = dec10 * 86400 + 14 * 3600;
	desk_open_scripts(d, (const char *)*state, "en", &warning);
	assert_null(warning);
}

static const struct desk_addon *
addon_named(const struct desk *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->naddons; i++)
		if (strcmp(d->addons[i].code, code) == 0)
			return &d->addons[i];
	return NULL;
}

static size_t
find_row(const struct desk *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nrows && strcmp(d->rows[i].code, code) != 0; i++)
		;
	assert_true(i < d->nrows);
	return i;
}

/* The day's arrivals are the active ones; a search finds by name or
 * confirmation, nearest the day first, cancelled ones too. */
static void
test_arrivals_and_search(void **state)
{
	struct desk d;
	char *cause = NULL;

	open_desk(&d, state, 0);
	assert_int_equal(desk_arrivals(&d, dec10, &cause), 0);
	assert_int_equal(d.nrows, 2);          /* R4 is cancelled */
	assert_string_equal(d.rows[0].code, "R1");
	assert_string_equal(d.rows[0].guest, "Anika Rahman");
	assert_string_equal(d.rows[1].code, "R2");
	assert_int_equal(desk_search(&d, "rahman", &cause), 0);
	assert_int_equal(d.nrows, 2);
	assert_string_equal(d.rows[0].code, "R1");   /* nearest the day */
	assert_string_equal(d.rows[1].code, "A1");
	assert_int_equal(desk_search(&d, "r4", &cause), 0);
	assert_int_equal(d.nrows, 1);
	assert_int_equal(d.rows[0].status, RES_CANCELLED);
	/* LIKE wildcards are text */
	assert_int_equal(desk_search(&d, "%", &cause), 0);
	assert_int_equal(d.nrows, 0);
	assert_int_equal(desk_search(&d, "", &cause), 0);
	assert_int_equal(d.nrows, 2);          /* back to the arrivals */
	desk_close(&d);
}

/* A repeat guest: the earlier stay, the room type they had first, the
 * Superior left out (full on the 11th), prices × 3 nights, the add-ons
 * valid on every day, the talking points in their language. */
static void
test_repeat_guest(void **state)
{
	struct desk d;
	char *cause = NULL, *lines[DESK_SAY_MAX], *b;
	const struct desk_addon *a;
	int n, i;

	open_desk(&d, state, 0);
	assert_int_equal(desk_arrivals(&d, dec10, &cause), 0);
	assert_int_equal(desk_pick(&d, d.rows[find_row(&d, "R1")].id,
	    &cause), 0);
	assert_string_equal(d.guest, "Anika Rahman");
	assert_string_equal(d.lang, "bn");
	assert_int_equal(d.persons, 2);
	assert_int_equal(d.nstays, 1);
	assert_int_equal(d.stays[0].nights, 2);
	assert_int_equal(d.stays[0].spend, 27800);
	assert_string_equal(desk_type_name(&d, d.stays[0].type_id), "Deluxe");
	assert_int_equal(d.noffers, 2);
	assert_string_equal(desk_type_name(&d, d.offers[0].type_id), "Deluxe");
	assert_int_equal(d.offers[0].per_night, 5000);
	assert_int_equal(d.offers[0].total, 15000);
	assert_string_equal(desk_type_name(&d, d.offers[1].type_id), "Suite");
	assert_int_equal(d.offers[1].total, 3 * 17000);
	b = desk_benefit(&d, &d.r, &d.offers[0]);
	assert_string_equal(b, "a river view and 10 m² more room");
	free(b);
	/* breakfast for 2 × 3 nights, late check-out once; the spa pass
	 * starts on the 12th, after the first night */
	assert_int_equal(d.naddons, 2);
	a = addon_named(&d, "BRK");
	assert_non_null(a);
	assert_int_equal(a->total, 2 * 3 * 1450);
	assert_int_equal(a->sold, 0);
	assert_non_null(addon_named(&d, "LCO"));
	assert_null(addon_named(&d, "SPA"));
	n = desk_say_lines(&d, 0, 0, lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "A river view and 10 m² more room — "
	    "Deluxe: প্রতি রাতে £50.00 বেশি, সব মিলিয়ে £150.00।");
	assert_string_equal(lines[1], "£50.00 × 3 = £150.00");
	for (i = 0; i < n; i++)
		free(lines[i]);
	/* the Suite's own Bengali benefit, not the English one made from
	 * its view and size (issue 17) */
	n = desk_say_lines(&d, 0, 1, lines);
	assert_true(n >= 1);
	assert_string_equal(lines[0], "নদীর দৃশ্য আর ব্যালকনি — Suite: প্রতি "
	    "রাতে £170.00 বেশি, সব মিলিয়ে £510.00।");
	for (i = 0; i < n; i++)
		free(lines[i]);
	/* the add-on's price and what it is for, in Bengali too */
	n = desk_say_lines(&d, 1, 0, lines);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "Breakfast: জনপ্রতি প্রতি রাতে £14.50, "
	    "মোট £87.00।");
	free(lines[0]);
	desk_next_language(&d);
	assert_string_equal(desk_language(&d), "en");
	/* the money in the hotel's currency, never a sign of the script's
	 * own; 3 nights */
	n = desk_say_lines(&d, 0, 0, lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[1], "£50.00 × 3 nights = £150.00");
	for (i = 0; i < n; i++)
		free(lines[i]);
	n = desk_say_lines(&d, 1, 0, lines);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "Breakfast: £87.00 for your stay.");
	free(lines[0]);
	assert_int_equal(desk_say_lines(&d, 0, 5, lines), 0);
	desk_close(&d);
}

/* A first-time guest: no earlier stay, the Superior free on their one
 * night and first (lowest tier), the cap leaving out the dearer ones. */
static void
test_first_time_guest(void **state)
{
	struct desk d;
	char *cause = NULL;

	open_desk(&d, state, 25);
	assert_int_equal(desk_arrivals(&d, dec10, &cause), 0);
	assert_int_equal(desk_pick(&d, d.rows[find_row(&d, "R2")].id,
	    &cause), 0);
	assert_string_equal(d.guest, "Tom Hill");
	assert_int_equal(d.nstays, 0);
	assert_int_equal(d.noffers, 1);     /* +20 is 22%; +50 is 56% */
	assert_string_equal(desk_type_name(&d, d.offers[0].type_id),
	    "Superior");
	assert_int_equal(d.offers[0].total, 2000);
	assert_int_equal(d.offers[0].pct, 22);
	desk_close(&d);
}

/* Accept, add, decline with a reason: in the database, and seen at once
 * and by a second desk. */
static void
test_answers(void **state)
{
	struct desk d, e;
	char *cause = NULL, *msg = NULL, *out, *q;
	int64_t oid = 0, total;
	size_t i;

	open_desk(&d, state, 0);
	assert_int_equal(desk_arrivals(&d, dec10, &cause), 0);
	assert_int_equal(desk_pick(&d, d.rows[find_row(&d, "R1")].id,
	    &cause), 0);
	assert_int_equal(desk_accept(&d, 0, &msg, &cause), 0);
	assert_string_equal(msg, "Upgraded to Deluxe: +50.00 a night, "
	    "+150.00 GBP for 3 nights. Saved.");
	free(msg);
	assert_string_equal(desk_type_name(&d, desk_holding(&d.r)), "Deluxe");
	assert_int_equal(d.r.rate, 13900);
	assert_int_equal(d.noffers, 1);           /* the Suite, from Deluxe */
	assert_int_equal(d.offers[0].per_night, 12000);
	/* breakfast, then breakfast again */
	for (i = 0; i < d.naddons && strcmp(d.addons[i].code, "BRK"); i++)
		;
	assert_int_equal(desk_add_addon(&d, i, &msg, &cause), 0);
	assert_string_equal(msg, "Added Breakfast: 87.00 GBP for the stay. "
	    "Saved.");
	free(msg);
	assert_int_equal(addon_named(&d, "BRK")->sold, 1);
	assert_int_equal(desk_add(&d, &d.r, "BRK", &total, NULL, &cause), 1);
	assert_string_equal(cause, "Breakfast is already added to this stay");
	free(cause);
	cause = NULL;
	assert_int_equal(desk_add(&d, &d.r, "GOLF", &total, NULL, &cause), 1);
	assert_string_equal(cause, "no add-on GOLF in this hotel");
	free(cause);
	cause = NULL;
	assert_int_equal(desk_add(&d, &d.r, "SPA", &total, NULL, &cause), 1);
	assert_string_equal(cause, "Spa pass is sold out or not offered on a "
	    "day of this stay");
	free(cause);
	cause = NULL;
	/* the Suite declined, "price": not offered again */
	assert_int_equal(desk_decline(&d, 0, &oid, &msg, &cause), 0);
	assert_string_equal(msg, "Declined: Suite, not offered again for this "
	    "stay. Saved.");
	free(msg);
	assert_true(oid > 0);
	assert_int_equal(desk_decline_reason(&d, oid, 1), 0);
	assert_int_equal(d.noffers, 0);
	assert_int_equal(d.declined, 1);
	assert_int_equal(desk_accept(&d, 0, &msg, &cause), 1);
	free(cause);
	cause = NULL;

	/* a second desk sees the Deluxe taken: R2 (night of the 10th) is
	 * offered the Superior and the Suite, not the Deluxe */
	open_desk(&e, state, 0);
	assert_int_equal(desk_arrivals(&e, dec10, &cause), 0);
	assert_int_equal(desk_pick(&e, e.rows[find_row(&e, "R2")].id,
	    &cause), 0);
	assert_int_equal(e.noffers, 2);
	assert_string_equal(desk_type_name(&e, e.offers[0].type_id),
	    "Superior");
	assert_string_equal(desk_type_name(&e, e.offers[1].type_id), "Suite");
	/* a decline the store refused waits in the offer log: it counts
	 * as declined and takes its reason there */
	{
		struct offerlog_row *p;
		int64_t rid = e.r.id, sup = e.offers[0].type_id;

		e.log.pending = xcalloc(1, sizeof *e.log.pending);
		e.log.npending = 1;
		p = &e.log.pending[0];
		p->rec.at = e.now;
		p->rec.kind = 0;         /* an upgrade */
		p->rec.outcome = OFFER_DECLINED;
		p->rec.customer_id = e.r.guest_id;
		p->rec.reservation_id = rid;
		p->rec.room_type_id = sup;
		snprintf(p->jkey, sizeof p->jkey, "%s", "0123456789abcdef");
		assert_int_equal(offerlog_declined(&e.log, rid, sup), 1);
		assert_int_equal(desk_pick(&e, rid, &cause), 0);
		assert_int_equal(e.noffers, 1);
		assert_string_equal(desk_type_name(&e, e.offers[0].type_id),
		    "Suite");
		assert_int_equal(desk_decline_reason(&e, 0, 2), 1);
		assert_int_equal(e.log.pending[0].rec.reason, 2);
		/* (the retry itself is test_session's: dropped here) */
		offerlog_clear(&e.log);
		assert_int_equal(desk_pick(&e, rid, &cause), 0);
		assert_int_equal(e.noffers, 2);
	}
	/* a cancelled stay is offered nothing (issue 17: no price, no add-on,
	 * no line), and nothing can be taken */
	assert_int_equal(desk_search(&e, "R4", &cause), 0);
	assert_int_equal(desk_pick(&e, e.rows[0].id, &cause), 0);
	assert_int_equal(e.noffers, 0);
	assert_int_equal(e.naddons, 0);
	assert_int_equal(desk_accept(&e, 0, &msg, &cause), 1);
	assert_string_equal(cause, "no such upgrade");
	free(cause);
	cause = NULL;
	assert_int_equal(desk_answer(&e, &e.r, e.r.room_type_id + 1, -1, NULL,
	    NULL, &cause), 1);
	assert_string_equal(cause, "R4 is cancelled, a no-show or checked out");
	free(cause);
	cause = NULL;
	desk_close(&e);
	desk_close(&d);

	/* the offer log: both answers, with the reservation, room type,
	 * counter and reason */
	q = util_shquote(db);
	assert_int_equal(util_run(&out, "sqlite3 %s \"SELECT "
	    "r.code || ' ' || t.code || ' ' || o.outcome || ' ' || "
	    "coalesce(o.reason, 0) || ' ' || o.price_diff || ' ' || o.counter "
	    "FROM offer o JOIN reservation r ON r.id = o.reservation_id "
	    "JOIN room_type t ON t.id = o.room_type_id ORDER BY o.id\"", q),
	    0);
	free(q);
	assert_string_equal(out, "R1 DLX 1 0 15000 desk 1\n"
	    "R1 STE 2 1 36000 desk 1\n");
	free(out);
}

/* Ranked by the moves of the stay's own market segment first, then by
 * all the hotel's: three guests were moved Standard → Superior, two
 * "Corporate" ones Standard → Suite; R2 becomes "Corporate". */
static void
test_segment_moves(void **state)
{
	struct desk d;
	char *cause = NULL, *out, *q = util_shquote(db);
	int k;

	assert_int_equal(util_run(&out, "sqlite3 %s \"INSERT INTO reservation"
	    "(hotel_id, code, arrival, nights, room_type_id, assigned_type_id,"
	    " rate, status, segment) SELECT h.id, 'M' || n.k, 20000, 1,"
	    " (SELECT id FROM room_type WHERE code = 'STD'),"
	    " (SELECT id FROM room_type WHERE code = n.t), 8900, 2, n.s"
	    " FROM hotel h, (SELECT 1 AS k, 'SUP' AS t, 'Leisure' AS s"
	    " UNION ALL SELECT 2, 'SUP', 'Leisure' UNION ALL SELECT 3, 'SUP',"
	    " 'Leisure' UNION ALL SELECT 4, 'STE', 'Corporate'"
	    " UNION ALL SELECT 5, 'STE', 'Corporate') n;"
	    " UPDATE reservation SET segment = 'Corporate' WHERE code = 'R2'\"",
	    q), 0);
	free(out);
	free(q);
	for (k = 1; k >= 0; k--) {
		open_desk(&d, state, 0);
		d.by_segment = k;
		assert_int_equal(desk_arrivals(&d, dec10, &cause), 0);
		assert_int_equal(desk_pick(&d, d.rows[find_row(&d, "R2")].id,
		    &cause), 0);
		assert_int_equal(d.noffers, 2);     /* the Deluxe is taken */
		assert_string_equal(desk_type_name(&d, d.offers[0].type_id),
		    k ? "Suite" : "Superior");
		desk_close(&d);
	}
}

/* The check-in screen's verbs (issue 17): a search's true count, what a
 * sale charges, u undoing the last answer, a cancelled stay not sellable,
 * and another process's write noticed at the idle tick. */
static void
test_screen_verbs(void **state)
{
	struct desk d, e;
	struct store *s2 = NULL;
	char *cause = NULL, *msg = NULL, *w, *warning = NULL;
	const char *why = NULL;
	int64_t r2;

	open_desk(&d, state, 0);
	assert_int_equal(desk_search(&d, "r", &cause), 0);
	assert_int_equal(d.nmatched, d.nrows);
	assert_true(d.nmatched >= 5);
	r2 = d.rows[find_row(&d, "R2")].id;
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_true(d.noffers > 0);
	assert_int_equal(desk_sellable(&d, &why), 1);
	w = desk_charge_words(&d, 0, 0);
	assert_non_null(strstr(w, " for 1 night: +"));
	assert_non_null(strstr(w, "; the stay comes to "));
	free(w);
	/* accept, then u: back to the Standard at 89.00 */
	assert_int_equal(desk_accept(&d, 0, &msg, &cause), 0);
	free(msg);
	assert_int_equal(d.ndone, 1);
	assert_int_equal(desk_undo_last(&d, &msg, &cause), 0);
	assert_non_null(strstr(msg, "Undone: the upgrade to "));
	assert_non_null(strstr(msg, "back in Standard at 89.00 GBP a night"));
	free(msg);
	assert_string_equal(desk_type_name(&d, desk_holding(&d.r)),
	    "Standard");
	assert_int_equal(d.r.rate, 8900);
	assert_int_equal(desk_undo_last(&d, &msg, &cause), 1);
	free(cause);
	cause = NULL;
	/* nothing written elsewhere: the tick reads nothing */
	assert_int_equal(desk_tick(&d, &msg, &cause), 0);
	assert_null(msg);

	/* another process (a second connection) upgrades R2: the desk sees
	 * the offer go, "taken at another desk" */
	assert_int_equal(store_open(&s2, db, 0, &cause), 0);
	assert_int_equal(desk_open(&e, s2, hotel_id, 0, &cause), 0);
	e.now = d.now;
	desk_open_scripts(&e, (const char *)*state, "en", &warning);
	assert_int_equal(desk_pick(&e, r2, &cause), 0);
	assert_int_equal(e.offers[0].type_id, d.offers[0].type_id);
	assert_int_equal(desk_accept(&e, 0, &msg, &cause), 0);
	free(msg);
	msg = NULL;
	assert_int_equal(desk_tick(&d, &msg, &cause), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "taken at another desk"));
	free(msg);
	msg = NULL;
	assert_int_equal(desk_tick(&d, &msg, &cause), 0);
	assert_int_equal(desk_undo_last(&e, &msg, &cause), 0);
	free(msg);
	desk_close(&e);
	store_close(&s2);

	/* a cancelled stay: not sellable, and why */
	assert_int_equal(desk_search(&d, "R4", &cause), 0);
	assert_int_equal(desk_pick(&d, d.rows[0].id, &cause), 0);
	assert_int_equal(desk_sellable(&d, &why), 0);
	assert_string_equal(why, "it is cancelled");
	desk_close(&d);
}

/* The offered and accepted of the offer log's group `key` (grouped by
 * `by`) over every day, through the desk's store, into g[0..1]. */
static void
group_of(int by, const char *key, int64_t *g)
{
	struct offer_group *v = NULL;
	char *cause = NULL;
	size_t n = 0, i;

	g[0] = g[1] = 0;
	assert_int_equal(store_offer_groups(s, by, 0, INT64_MAX / 2, &v, &n,
	    &cause), 0);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0) {
			g[0] = v[i].shown;
			g[1] = v[i].accepted;
		}
	store_offer_groups_free(&v, n);
}

/* How many upgrades and add-ons were offered (report offers' "room" and
 * "addon" lines) since base[0..1]: "ROOMS ADDONS". */
static const char *
offered_since(const int64_t *base)
{
	static char out[64];
	int64_t room[2], addon[2];

	group_of(OFFERS_BY_KIND, "room", room);
	group_of(OFFERS_BY_KIND, "addon", addon);
	snprintf(out, sizeof out, "%lld %lld", (long long)(room[0] - base[0]),
	    (long long)(addon[0] - base[1]));
	return out;
}

/*
 * Issue 17: what a visit shows is on the books once — each upgrade and
 * each add-on not yet added, an offer row of outcome shown; the same stay
 * picked again and the fresh look after an answer add none; another visit
 * logs again what it shows; `uplift upgrades` (log_shown off) and a
 * replay log nothing.  report hotel counts an add-on answered after its
 * shown row once: offered 1, accepted 1.
 */
static void
test_shown_rows(void **state)
{
	struct desk d;
	char *cause = NULL, *msg = NULL;
	int64_t r1, r2, base[2], g[2], before[2], after[2];
	size_t i, unsold = 0;
	int what;

	open_desk(&d, state, 0);
	assert_int_equal(desk_search(&d, "r", &cause), 0);
	r1 = d.rows[find_row(&d, "R1")].id;
	r2 = d.rows[find_row(&d, "R2")].id;
	group_of(OFFERS_BY_KIND, "room", g);
	base[0] = g[0];
	group_of(OFFERS_BY_KIND, "addon", g);
	base[1] = g[0];
	/* off (the command line): nothing */
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_string_equal(offered_since(base), "0 0");
	group_of(OFFERS_BY_HOTEL, "H · Breakfast", before);
	/* on: a visit to R1 (no upgrade left, Late check-out), then R2's */
	desk_set_log_shown(&d, 1);
	assert_int_equal(desk_pick(&d, r1, &cause), 0);
	assert_int_equal(d.noffers, 0);
	assert_string_equal(offered_since(base), "0 1");
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_int_equal(d.noffers, 2);        /* Superior, Suite */
	for (i = 0; i < d.naddons; i++)
		unsold += !d.addons[i].sold;
	assert_int_equal(unsold, 2);           /* Breakfast, Late check-out */
	assert_string_equal(offered_since(base), "2 3");
	/* the same visit: picked again, an add-on added (a fresh look) */
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	for (i = 0; i < d.naddons && strcmp(d.addons[i].code, "BRK"); i++)
		;
	assert_int_equal(desk_add_addon(&d, i, &msg, &cause), 0);
	free(msg);
	assert_string_equal(offered_since(base), "2 3");
	group_of(OFFERS_BY_HOTEL, "H · Breakfast", after);
	assert_int_equal(after[0] - before[0], 1);
	assert_int_equal(after[1] - before[1], 1);
	/* another visit: the upgrades and the add-on left, again */
	assert_int_equal(desk_pick(&d, r1, &cause), 0);
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_string_equal(offered_since(base), "4 5");
	/* a replay writes nothing */
	d.replay = 1;
	assert_int_equal(desk_pick(&d, r1, &cause), 0);
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_string_equal(offered_since(base), "4 5");
	d.replay = 0;
	/* R2 as it was */
	assert_int_equal(desk_undo(&d, &d.r, "BRK", &what, &cause), 0);
	assert_int_equal(what, 'a');
	desk_close(&d);
}

/* The check-in screen's cursor is the desk's: its verbs keep the
 * selection within the list with the focus, and it follows when the list
 * changes under it (desk_pick(), as after every answer); after an answer
 * nothing is selected until an arrow chooses in place; the earlier
 * stays' and the list's windows; the reason asked.  Nothing is written. */
static void
test_cursor(void **state)
{
	struct desk d;
	char *cause = NULL;
	int64_t r1;
	size_t i, shrunk = 0;

	open_desk(&d, state, 0);
	assert_int_equal(desk_search(&d, "r", &cause), 0);
	assert_true(d.nrows >= 5);
	r1 = d.rows[find_row(&d, "R1")].id;
	assert_int_equal(desk_pick(&d, r1, &cause), 0);
	assert_int_equal(d.noffers, 2);
	assert_int_equal(d.at.focus, CHECKIN_UPGRADES);
	desk_select(&d, 5);
	assert_int_equal(d.at.sel, 1);
	desk_select_move(&d, -4);
	assert_int_equal(d.at.sel, 0);
	desk_set_focus(&d, CHECKIN_ADDONS);
	desk_select(&d, 9);
	assert_int_equal(d.at.sel, (int)d.naddons - 1);
	desk_set_focus(&d, CHECKIN_UPGRADES);
	assert_int_equal(d.at.sel, 0);
	/* R1's second upgrade selected, then a stay with fewer: the
	 * selection within its upgrades */
	for (i = 0; i < d.nrows; i++) {
		assert_int_equal(desk_pick(&d, r1, &cause), 0);
		desk_select(&d, 1);
		assert_int_equal(desk_pick(&d, d.rows[i].id, &cause), 0);
		if (d.noffers < 2)
			shrunk++;
		assert_true(d.at.sel < (d.noffers > 0 ? (int)d.noffers : 1));
	}
	assert_true(shrunk > 0);
	assert_int_equal(desk_pick(&d, r1, &cause), 0);
	desk_unselect(&d);
	assert_int_equal(d.at.nosel, 1);
	desk_select_move(&d, 1);       /* chooses in place */
	assert_int_equal(d.at.sel, 0);
	assert_int_equal(d.at.nosel, 0);
	/* one earlier stay: a window of one row shows it from the top */
	assert_int_equal(d.nstays, 1);
	desk_set_stay_rows(&d, 1);
	desk_scroll_stays(&d, INT_MAX);
	assert_int_equal(d.at.top, 0);
	desk_scroll_stays(&d, 3);
	assert_int_equal(d.at.top, 0);
	/* the list of reservations */
	desk_set_match_rows(&d, 2);
	desk_select_match(&d, 4);
	assert_int_equal(d.at.match_sel, 4);
	assert_int_equal(d.at.match_top, 3);
	desk_select_match(&d, 1000);
	assert_int_equal(d.at.match_sel, (int)d.nrows - 1);
	assert_int_equal(desk_search(&d, "r", &cause), 0);
	assert_int_equal(d.at.match_sel, 0);
	assert_int_equal(d.at.match_top, 0);
	desk_ask_reason(&d, 42);
	assert_int_equal(d.at.asking_reason, 1);
	assert_int_equal(d.at.reason_offer, 42);
	desk_end_reason(&d);
	assert_int_equal(d.at.asking_reason, 0);
	desk_close(&d);
}

/* An add-on's workings show the nights actually charged: the whole stay
 * as before, the nights left for a guest in the house (pure). */
static void
test_addon_workings(void **state)
{
	struct desk_addon a;
	char *w;

	(void)state;
	memset(&a, 0, sizeof a);
	a.per = HOTEL_PER_NIGHT;
	a.days = 3;                       /* arriving: all 3 nights */
	w = desk_addon_workings(&a, 2, 3, "12.00", "36.00", "x");
	assert_string_equal(w, "12.00 a night x 3 = 36.00");
	free(w);
	a.days = 1;                       /* in house: 1 night left of 6 */
	w = desk_addon_workings(&a, 2, 6, "12.00", "12.00", "x");
	assert_string_equal(w, "12.00 a night x 1 night left = 12.00");
	free(w);
	a.per = HOTEL_PER_PERSON_NIGHT;
	a.days = 2;                       /* 2 of 3 nights, 1 guest */
	w = desk_addon_workings(&a, 1, 3, "14.50", "29.00", "x");
	assert_string_equal(w, "14.50 a person a night x 1 x 2 nights left "
	    "= 29.00");
	free(w);
	a.on_departure = 1;               /* served on the departure day */
	a.per = HOTEL_PER_NIGHT;
	a.days = 1;
	w = desk_addon_workings(&a, 2, 3, "9.00", "9.00", "x");
	assert_string_equal(w, "9.00 a night x 1 = 9.00");
	free(w);
	a.on_departure = 0;
	a.per = HOTEL_PER_PERSON;
	a.days = 0;
	w = desk_addon_workings(&a, 2, 6, "18.00", "36.00", "x");
	assert_string_equal(w, "18.00 a person x 2 = 36.00");
	free(w);
	a.per = HOTEL_PER_STAY;
	w = desk_addon_workings(&a, 2, 6, "25.00", "25.00", "x");
	assert_string_equal(w, "25.00 once");
	free(w);
	a.sold = 1;
	w = desk_addon_workings(&a, 2, 6, "25.00", "25.00", "x");
	assert_string_equal(w, "25.00 once: added");
	free(w);
}

/* What a price covers: the whole stay only when it is charged for every
 * night of it (pure). */
static void
test_for_stay_words(void **state)
{
	struct desk_addon a;
	char b[64];

	(void)state;
	assert_string_equal(desk_for_stay_words(3, 3, "en", b, sizeof b),
	    "for your stay");
	assert_string_equal(desk_for_stay_words(3, 3, NULL, b, sizeof b),
	    "for the stay");
	assert_string_equal(desk_for_stay_words(1, 6, "en", b, sizeof b),
	    "for the night left");
	assert_string_equal(desk_for_stay_words(2, 3, NULL, b, sizeof b),
	    "for the 2 nights left");
	assert_string_equal(desk_for_stay_words(1, 2, "gu", b, sizeof b),
	    "બાકીની 1 રાતના");
	assert_string_equal(desk_for_stay_words(2, 2, "gu", b, sizeof b),
	    "આખા રોકાણના");
	assert_string_equal(desk_for_stay_words(1, 2, "bn", b, sizeof b),
	    "বাকি 1 রাতের জন্য");
	assert_string_equal(desk_for_stay_words(2, 2, "bn", b, sizeof b),
	    "পুরো থাকায়");
	/* an add-on covers its days when charged a night, else the stay */
	memset(&a, 0, sizeof a);
	a.per = HOTEL_PER_NIGHT;
	a.days = 1;
	assert_int_equal(desk_addon_covers(&a, 6), 1);
	a.on_departure = 1;
	assert_int_equal(desk_addon_covers(&a, 6), 6);
	a.on_departure = 0;
	a.per = HOTEL_PER_STAY;
	a.days = 0;
	assert_int_equal(desk_addon_covers(&a, 6), 6);
}

/* A declined add-on stays on the list marked declined, with no line to
 * say, across a restart of the desk (it is saved); a second no is
 * refused; withdrawn, it is offered afresh. */
static void
test_declined_addon(void **state)
{
	struct desk d;
	char *cause = NULL, *msg = NULL, *lines[DESK_SAY_MAX], *w;
	int64_t r2;
	size_t i;
	int what, n;

	open_desk(&d, state, 0);
	assert_int_equal(desk_search(&d, "R2", &cause), 0);
	r2 = d.rows[find_row(&d, "R2")].id;
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	for (i = 0; i < d.naddons && d.addons[i].sold; i++)
		;
	assert_true(i < d.naddons);
	assert_int_equal(d.addons[i].declined, 0);
	n = desk_say_lines(&d, 1, i, lines);
	assert_true(n > 0);
	while (n > 0)
		free(lines[--n]);
	assert_int_equal(desk_decline_addon_at(&d, i, &msg, &cause), 0);
	assert_non_null(strstr(msg, "Declined: "));
	free(msg);
	msg = NULL;
	assert_int_equal(d.addons[i].declined, 1);
	assert_int_equal(d.addons[i].sold, 0);
	assert_int_equal(desk_say_lines(&d, 1, i, lines), 0);
	w = desk_addon_workings(&d.addons[i], 1, 1, "14.50", "14.50", "x");
	assert_non_null(strstr(w, ": declined by the guest"));
	free(w);
	/* a second no is refused */
	assert_int_equal(desk_decline_addon_at(&d, i, &msg, &cause), 1);
	assert_non_null(strstr(cause, "already"));
	free(cause);
	cause = NULL;
	free(msg);
	msg = NULL;
	desk_close(&d);

	/* the desk opened again: still declined (saved) */
	open_desk(&d, state, 0);
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_int_equal(d.addons[i].declined, 1);
	assert_int_equal(desk_say_lines(&d, 1, i, lines), 0);
	/* withdrawn: offered afresh */
	assert_int_equal(desk_undo(&d, &d.r, d.addons[i].code, &what,
	    &cause), 0);
	assert_int_equal(what, 'D');
	assert_int_equal(desk_pick(&d, r2, &cause), 0);
	assert_int_equal(d.addons[i].declined, 0);
	n = desk_say_lines(&d, 1, i, lines);
	assert_true(n > 0);
	while (n > 0)
		free(lines[--n]);
	desk_close(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor),     /* first: R1 as imported */
		cmocka_unit_test(test_arrivals_and_search),
		cmocka_unit_test(test_repeat_guest),
		cmocka_unit_test(test_first_time_guest),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_segment_moves),
		cmocka_unit_test(test_screen_verbs),
		cmocka_unit_test(test_shown_rows),
		cmocka_unit_test(test_addon_workings),
		cmocka_unit_test(test_for_stay_words),
		cmocka_unit_test(test_declined_addon),    /* last: a decline */
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
