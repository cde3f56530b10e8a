/*
 * test_hotel.c — availability over every night of a stay, and the price of
 * room upgrades (model/hotel.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/hotel.h"
#include "model/import.h"
#include "model/types.h"
#include "model/store.h"
#include "model/store_hotel.h"
#include "model/types_hotel.h"
#include "tests/unit/util.h"

/* Standard (2 rooms), Superior (1), Deluxe (1), Suite (1). */
static const struct hotel_type types[] = {
	{ 1, 1, 8900, 2, "Standard", NULL, NULL, 0, NULL, NULL },
	{ 2, 2, 10900, 1, "Superior", NULL, NULL, 0, NULL, NULL },
	{ 3, 3, 13900, 1, "Deluxe", NULL, NULL, 0, NULL, NULL },
	{ 4, 5, 25900, 1, "Suite", NULL, NULL, 0, NULL, NULL },
};

#define D 20000   /* a day number */

static struct hotel_inventory
inv_of(const struct hotel_stay *stays, size_t n)
{
	struct hotel_inventory inv = { types, 4, stays, n };

	return inv;
}

static void
test_empty(void **state)
{
	struct hotel_inventory inv = { types, 4, NULL, 0 };
	struct hotel_inventory none = { NULL, 0, NULL, 0 };

	(void)state;
	assert_int_equal(hotel_free_on(&inv, 2, D, 0), 1);
	assert_int_equal(hotel_free_on(&none, 2, D, 0), 0);   /* no type */
	assert_int_equal(hotel_free_on(&inv, 99, D, 0), 0);
	assert_true(hotel_free_every_night(&inv, 3, D, 3, 0));
	/* 0 nights occupy nothing */
	assert_true(hotel_free_every_night(&none, 99, D, 0, 0));
}

static void
test_nights_and_departure(void **state)
{
	/* The Deluxe is taken D+2 .. D+3 (2 nights; D+4 is its departure). */
	const struct hotel_stay stays[] = { { 10, 3, D + 2, 2 } };
	struct hotel_inventory inv = inv_of(stays, 1);

	(void)state;
	assert_int_equal(hotel_free_on(&inv, 3, D + 1, 0), 1);
	assert_int_equal(hotel_free_on(&inv, 3, D + 2, 0), 0);
	assert_int_equal(hotel_free_on(&inv, 3, D + 3, 0), 0);  /* last night */
	assert_int_equal(hotel_free_on(&inv, 3, D + 4, 0), 1);  /* departure */
	/* A stay leaving on D+2 is free: its last night is D+1. */
	assert_true(hotel_free_every_night(&inv, 3, D, 2, 0));
	/* One night more and it meets the other stay. */
	assert_false(hotel_free_every_night(&inv, 3, D, 3, 0));
	/* Arriving on the other's departure day is free. */
	assert_true(hotel_free_every_night(&inv, 3, D + 4, 3, 0));
	/* ... but arriving on its last night is not. */
	assert_false(hotel_free_every_night(&inv, 3, D + 3, 1, 0));
	/* The reservation itself is left out of the count. */
	assert_true(hotel_free_every_night(&inv, 3, D + 2, 2, 10));
}

static void
test_blocked_middle_night(void **state)
{
	/* The Superior is taken for one night in the middle of a stay. */
	const struct hotel_stay stays[] = { { 11, 2, D + 3, 1 } };
	struct hotel_inventory inv = inv_of(stays, 1);

	(void)state;
	assert_false(hotel_free_every_night(&inv, 2, D, 7, 0));
	assert_true(hotel_free_every_night(&inv, 2, D, 3, 0));
	assert_true(hotel_free_every_night(&inv, 2, D + 4, 3, 0));
	/* Two Standards: one taken leaves one free every night. */
	{
		const struct hotel_stay s2[] = { { 12, 1, D, 5 } };
		struct hotel_inventory i2 = inv_of(s2, 1);
		assert_true(hotel_free_every_night(&i2, 1, D, 5, 0));
		const struct hotel_stay s3[] = { { 12, 1, D, 5 },
		    { 13, 1, D + 4, 2 } };
		struct hotel_inventory i3 = inv_of(s3, 2);
		assert_false(hotel_free_every_night(&i3, 1, D, 5, 0));
		assert_int_equal(hotel_free_on(&i3, 1, D + 4, 0), 0);
	}
}

static void
test_upgrade_prices(void **state)
{
	struct hotel_inventory inv = inv_of(NULL, 0);
	struct hotel_pricing p = { 0, 0, NULL, 0 };
	struct hotel_offer o[8];
	size_t n;

	(void)state;
	/* Standard at 89.00 for 3 nights: Superior, Deluxe, Suite. */
	n = hotel_upgrades(&inv, 1, 8900, D, 3, 0, &p, o, 8);
	assert_int_equal(n, 3);
	assert_int_equal(o[0].type_id, 2);
	assert_int_equal(o[0].per_night, 2000);
	assert_int_equal(o[0].total, 6000);        /* +20.00 × 3 nights */
	assert_int_equal(o[0].pct, 22);            /* 20/89 = 22.5 → 22 */
	assert_int_equal(o[1].type_id, 3);
	assert_int_equal(o[1].total, 3 * 5000);
	assert_int_equal(o[2].type_id, 4);
	assert_int_equal(o[2].total, 3 * 17000);
	/* Never lower, nor the same tier: from the Deluxe only the Suite. */
	n = hotel_upgrades(&inv, 3, 13900, D, 2, 0, &p, o, 8);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].type_id, 4);
	/* From the top, nothing. */
	assert_int_equal(hotel_upgrades(&inv, 4, 25900, D, 2, 0, &p, o, 8), 0);
	/* max, nights 0, an unknown type, a zero rate: nothing. */
	assert_int_equal(hotel_upgrades(&inv, 1, 8900, D, 3, 0, &p, o, 1), 1);
	assert_int_equal(hotel_upgrades(&inv, 1, 8900, D, 0, 0, &p, o, 8), 0);
	assert_int_equal(hotel_upgrades(&inv, 9, 8900, D, 3, 0, &p, o, 8), 0);
	assert_int_equal(hotel_upgrades(&inv, 1, 0, D, 3, 0, &p, o, 8), 0);
}

static void
test_rank_by_moves(void **state)
{
	struct hotel_inventory inv = inv_of(NULL, 0);
	struct hotel_pricing p = { 0, 0, NULL, 0 };
	struct hotel_offer o[8];
	/* From Standard guests went to Deluxe 5 times and the Suite twice;
	 * a move from Superior to the Suite does not count for Standard. */
	static const struct hotel_move m[] = {
		{ 1, 4, 2 }, { 2, 4, 40 }, { 1, 3, 5 },
	};
	size_t n;

	(void)state;
	n = hotel_upgrades(&inv, 1, 8900, D, 3, 0, &p, o, 8);
	assert_int_equal(n, 3);
	hotel_rank_by_moves(o, n, 1, m, 3);
	assert_int_equal(o[0].type_id, 3);
	assert_int_equal(o[1].type_id, 4);
	assert_int_equal(o[2].type_id, 2);      /* never taken: last */
	assert_int_equal(o[0].total, 3 * 5000); /* prices travel along */
	/* No moves: the order stays lowest tier first. */
	n = hotel_upgrades(&inv, 1, 8900, D, 3, 0, &p, o, 8);
	hotel_rank_by_moves(o, n, 1, NULL, 0);
	assert_int_equal(o[0].type_id, 2);
	assert_int_equal(o[1].type_id, 3);
	assert_int_equal(o[2].type_id, 4);
	/* From Superior only the Superior→Suite move counts. */
	n = hotel_upgrades(&inv, 2, 10900, D, 1, 0, &p, o, 8);
	assert_int_equal(n, 2);
	hotel_rank_by_moves(o, n, 2, m, 3);
	assert_int_equal(o[0].type_id, 4);
	assert_int_equal(o[1].type_id, 3);
}

/* Breakfast (per person a night, 10 covers a day, all of November),
 * parking (per night, 1 space), late check-out (on the departure day,
 * 2 a day, per stay), spa (per person once, from D + 2). */
static const struct hotel_addon addons[] = {
	{ 1, 1200, HOTEL_PER_PERSON_NIGHT, 0, D - 10, D + 20, 10 },
	{ 2, 1500, HOTEL_PER_NIGHT, 0, D - 10, D + 20, 1 },
	{ 3, 3000, HOTEL_PER_STAY, 1, D - 10, D + 20, 2 },
	{ 4, 4500, HOTEL_PER_PERSON, 0, D + 2, D + 20, 0 },
};

static void
test_addons(void **state)
{
	struct hotel_addon_offer o[8];
	struct hotel_addon_sold sold[3];
	size_t n;

	(void)state;
	/* 2 guests, 3 nights from D + 2: all four, priced by their kind. */
	n = hotel_addons(addons, 4, NULL, 0, D + 2, 3, 2, o, 8);
	assert_int_equal(n, 4);
	assert_int_equal(o[0].addon_id, 1);
	assert_int_equal(o[0].total, 1200 * 2 * 3);
	assert_int_equal(o[0].units, 2);
	assert_int_equal(o[1].total, 1500 * 3);
	assert_int_equal(o[1].units, 1);
	assert_int_equal(o[2].total, 3000);
	assert_int_equal(o[3].total, 4500 * 2);
	/* From D the spa is not yet open on the first night. */
	n = hotel_addons(addons, 4, NULL, 0, D, 3, 2, o, 8);
	assert_int_equal(n, 3);
	assert_int_equal(o[2].addon_id, 3);
	/* The last night D + 20 is valid; a stay whose last night is
	 * D + 21 is not; the departure day D + 21 is past the late
	 * check-out's validity though the nights are in. */
	n = hotel_addons(addons, 3, NULL, 0, D + 19, 2, 1, o, 8);
	assert_int_equal(n, 2);
	assert_int_equal(o[0].addon_id, 1);
	assert_int_equal(o[1].addon_id, 2);
	n = hotel_addons(addons, 3, NULL, 0, D + 20, 2, 1, o, 8);
	assert_int_equal(n, 0);
	/* Parking taken on the middle night alone: not offered for a stay
	 * over it, offered for the stay leaving that morning. */
	sold[0] = (struct hotel_addon_sold){ 2, D + 1, 1, 1 };
	n = hotel_addons(&addons[1], 1, sold, 1, D, 3, 1, o, 8);
	assert_int_equal(n, 0);
	n = hotel_addons(&addons[1], 1, sold, 1, D, 1, 1, o, 8);
	assert_int_equal(n, 1);
	/* Breakfast: 9 covers sold on one night leaves room for one guest,
	 * not two. */
	sold[1] = (struct hotel_addon_sold){ 1, D + 1, 1, 9 };
	assert_int_equal(hotel_addons(addons, 1, &sold[1], 1, D, 2, 1, o, 8),
	    1);
	assert_int_equal(hotel_addons(addons, 1, &sold[1], 1, D, 2, 2, o, 8),
	    0);
	/* Late check-out counts on the departure day, not the nights: two
	 * sold for D + 3 block a stay leaving D + 3, not one leaving D + 4. */
	sold[2] = (struct hotel_addon_sold){ 3, D + 3, 1, 2 };
	assert_int_equal(hotel_addons(&addons[2], 1, &sold[2], 1, D, 3, 1, o,
	    8), 0);
	assert_int_equal(hotel_addons(&addons[2], 1, &sold[2], 1, D, 4, 1, o,
	    8), 1);
	/* Priced "a night" but served on the departure day alone (luggage
	 * kept after check-out): one day's price, whatever the nights. */
	{
		static const struct hotel_addon bag = { 9, 800, HOTEL_PER_NIGHT,
		    1, D - 10, D + 20, 0 };

		assert_int_equal(hotel_addons(&bag, 1, NULL, 0, D, 3, 2, o, 8),
		    1);
		assert_int_equal(o[0].total, 800);
	}
	/* No nights, no guests, max: nothing or no more than max. */
	assert_int_equal(hotel_addons(addons, 4, NULL, 0, D, 0, 2, o, 8), 0);
	assert_int_equal(hotel_addons(addons, 4, NULL, 0, D, 3, 0, o, 8), 0);
	assert_int_equal(hotel_addons(addons, 4, NULL, 0, D, 3, 2, o, 1), 1);
}

static void
test_floor_and_cap(void **state)
{
	struct hotel_inventory inv = inv_of(NULL, 0);
	struct hotel_pricing p = { 2500, 0, NULL, 0 };
	struct hotel_offer o[8];
	size_t n;

	(void)state;
	/* A booked rate close to the Superior's: the floor (25.00) applies. */
	n = hotel_upgrades(&inv, 1, 10000, D, 2, 0, &p, o, 8);
	assert_true(n >= 1);
	assert_int_equal(o[0].type_id, 2);
	assert_int_equal(o[0].per_night, 2500);    /* not 9.00 */
	assert_int_equal(o[0].total, 5000);
	/* A cap of 25 %: +20.00 on 89.00 (22 %) passes, +50.00 does not. */
	p.floor = 0;
	p.cap_percent = 25;
	n = hotel_upgrades(&inv, 1, 8900, D, 1, 0, &p, o, 8);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].type_id, 2);
	/* the supplement is the rack rates' difference (+20.00), whatever
	 * the guest's own rate; the cap is measured on that rate: exactly
	 * at the cap passes, 25 % of 80.00 ... */
	n = hotel_upgrades(&inv, 1, 8000, D, 1, 0, &p, o, 8);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].per_night, 2000);
	assert_int_equal(o[0].pct, 25);
	/* ... a penny less booked is over it */
	n = hotel_upgrades(&inv, 1, 7999, D, 1, 0, &p, o, 8);
	assert_int_equal(n, 0);
	n = hotel_upgrades(&inv, 1, 5500, D, 1, 0, &p, o, 8);
	assert_int_equal(n, 0);                    /* +20.00 is 36 % */
	p.cap_percent = 37;
	n = hotel_upgrades(&inv, 1, 5500, D, 1, 0, &p, o, 8);
	assert_int_equal(n, 1);
	/* a booked rate above the Superior's rack rate: still the rack
	 * rates' difference, not the floor nor a discount */
	p.floor = 1000;
	p.cap_percent = 0;
	n = hotel_upgrades(&inv, 1, 12000, D, 1, 0, &p, o, 8);
	assert_int_equal(o[0].type_id, 2);
	assert_int_equal(o[0].per_night, 2000);
}

/*
 * Issue 17: the cap holds against the booked rate and type after an
 * accept.  Chloe booked the Standard at 89.00 (cap 30 %: at most +26.70
 * a night); the desk moved her to the Superior at +20.00 (she pays
 * 109.00).  From there the Deluxe is +50.00 from her booking, 56 % — not
 * offered, although +30.00 from the Superior would be 28 % of 109.00.
 */
static void
test_cap_from_booking(void **state)
{
	struct hotel_inventory inv = inv_of(NULL, 0);
	struct hotel_pricing p = { 0, 30, NULL, 0 };
	struct hotel_offer o[8];
	struct hotel_why w[8];
	struct hotel_ask a;
	char line[80];
	size_t n, nw;

	(void)state;
	memset(&a, 0, sizeof a);
	a.base_type = 1;
	a.base_rate = 8900;
	a.holding_type = 2;
	a.paid = 2000;
	a.from = D;
	a.nights = 3;
	n = hotel_offers(&inv, &a, &p, o, 8, w, 8, &nw);
	assert_int_equal(n, 0);
	assert_int_equal(nw, 2);                   /* Deluxe and Suite */
	assert_int_equal(w[0].type_id, 3);
	assert_int_equal(w[0].rule, HOTEL_RULE_CAP);
	assert_string_equal(hotel_why_text(&w[0], "Deluxe", line, sizeof line),
	    "Deluxe: +56 %, over the 30 % cap");   /* 50/89 = 56.2 % */
	/* As the old code priced it, per step from the room held: 28 %. */
	n = hotel_upgrades(&inv, 2, 10900, D, 3, 0, &p, o, 8);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].type_id, 3);
	/* A cap of 60 %: the Deluxe, and she pays +30.00 more than now. */
	p.cap_percent = 60;
	n = hotel_offers(&inv, &a, &p, o, 8, w, 8, &nw);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].type_id, 3);
	assert_int_equal(o[0].per_night, 3000);
	assert_int_equal(o[0].total, 9000);
	assert_int_equal(o[0].pct, 56);            /* from the booking */
	/* never the type held, nor one below it */
	a.holding_type = 3;
	a.paid = 5000;
	n = hotel_offers(&inv, &a, &p, o, 8, NULL, 0, NULL);
	assert_int_equal(n, 0);                    /* Suite is +191 % */
}

/* Why a higher type is left out: the nights free, the price, the rates. */
static void
test_why_not(void **state)
{
	/* the Suite is taken on D+1 .. D+4: 1 of 5 nights free */
	const struct hotel_stay stays[] = { { 10, 4, D + 1, 4 } };
	struct hotel_inventory inv = inv_of(stays, 1);
	struct hotel_pricing p = { 0, 0, NULL, 0 };
	struct hotel_offer o[8];
	struct hotel_why w[8];
	struct hotel_ask a;
	char line[80];
	size_t n, nw;

	(void)state;
	memset(&a, 0, sizeof a);
	a.base_type = a.holding_type = 1;
	a.base_rate = 8900;
	a.from = D;
	a.nights = 5;
	n = hotel_offers(&inv, &a, &p, o, 8, w, 8, &nw);
	assert_int_equal(n, 2);                    /* Superior, Deluxe */
	assert_int_equal(nw, 1);
	assert_string_equal(hotel_why_text(&w[0], "Suite", line, sizeof line),
	    "Suite: only 1 of 5 nights free");
	/* only the nights to come: from D+1 for 1 night it is not free
	 * either; from D+5 it is */
	a.from = D + 5;
	a.nights = 1;
	n = hotel_offers(&inv, &a, &p, o, 8, w, 8, &nw);
	assert_int_equal(n, 3);
	assert_int_equal(o[2].total, 17000);       /* 1 night, not 5 */
	/* the Junior Suite at +36 % over a 30 % cap */
	{
		static const struct hotel_type t2[] = {
			{ 1, 1, 10000, 1, "Double", NULL, NULL, 0, NULL, NULL },
			{ 2, 2, 13600, 1, "Junior Suite", NULL, NULL, 0, NULL, NULL },
			{ 3, 3, 9000, 1, "Cheap", NULL, NULL, 0, NULL, NULL },
		};
		struct hotel_inventory i2 = { t2, 3, NULL, 0 };

		p.cap_percent = 30;
		a.from = D;
		a.base_rate = 10000;
		n = hotel_offers(&i2, &a, &p, o, 8, w, 8, &nw);
		assert_int_equal(n, 0);
		assert_int_equal(nw, 2);
		assert_string_equal(hotel_why_text(&w[0], "Junior Suite", line,
		    sizeof line), "Junior Suite: +36 %, over the 30 % cap");
		w[0].pct = 304;
		assert_string_equal(hotel_why_text(&w[0], "Junior Suite", line,
		    sizeof line), "Junior Suite: +30.4 %, over the 30 % cap");
		/* a higher tier whose rack rate is not above the booked one */
		assert_string_equal(hotel_why_text(&w[1], "Cheap", line,
		    sizeof line), "Cheap: not dearer than the room booked");
	}
}

/* Imported types without tiers: laddered by their rates; none offered
 * without a rate, nor one not dearer than the room booked. */
static void
test_ladder_by_rate(void **state)
{
	struct hotel_type t[] = {
		{ 1, 0, 9630, 9, "Room type A", NULL, NULL, 0, NULL, NULL },
		{ 2, 0, 8794, 9, "Room type B", NULL, NULL, 0, NULL, NULL },
		{ 3, 0, 11000, 9, "Room type C", NULL, NULL, 0, NULL, NULL },
		{ 4, 0, 0, 9, "Room type K", NULL, NULL, 0, NULL, NULL },
		{ 5, 0, 11000, 9, "Room type D", NULL, NULL, 0, NULL, NULL },
	};
	struct hotel_inventory inv = { t, 5, NULL, 0 };
	struct hotel_pricing p = { 0, 0, NULL, 0 };
	struct hotel_offer o[8];
	struct hotel_why w[8];
	size_t n, nw;
	struct hotel_ask a;

	(void)state;
	assert_true(hotel_ladder_missing(t, 5));
	hotel_ladder_by_rate(t, 5);
	assert_false(hotel_ladder_missing(t, 5));
	assert_int_equal(t[0].tier, 2);
	assert_int_equal(t[1].tier, 1);
	assert_int_equal(t[2].tier, 3);
	assert_int_equal(t[3].tier, 0);            /* no rate: off */
	assert_int_equal(t[4].tier, 3);            /* equal rates share */
	memset(&a, 0, sizeof a);
	a.base_type = a.holding_type = 1;
	a.base_rate = 9630;
	a.from = D;
	a.nights = 2;
	n = hotel_offers(&inv, &a, &p, o, 8, w, 8, &nw);
	assert_int_equal(n, 2);                    /* C and D, not B nor K */
	assert_int_equal(o[0].type_id, 3);
	assert_int_equal(o[0].per_night, 1370);
	assert_int_equal(nw, 1);
	assert_int_equal(w[0].type_id, 4);
	assert_int_equal(w[0].rule, HOTEL_RULE_NO_RATE);
	/* the guest's own rate does not make the supplement: a discounted
	 * 80.00 still pays the rack rates' +13.70 */
	a.base_rate = 8000;
	n = hotel_offers(&inv, &a, &p, o, 8, NULL, 0, NULL);
	assert_int_equal(o[0].per_night, 1370);
	/* booked in a type without a rate: nothing */
	a.base_type = a.holding_type = 4;
	assert_int_equal(hotel_offers(&inv, &a, &p, o, 8, NULL, 0, NULL), 0);
	/* a hotel with tiers of its own keeps them */
	assert_false(hotel_ladder_missing(types, 4));
}

/* Only the nights to come; nothing for a stay over, cancelled, ... */
static void
test_nights_to_come(void **state)
{
	int64_t from;
	int left;

	(void)state;
	/* arriving today or later: every night */
	assert_int_equal(hotel_nights_to_come(RES_BOOKED, D, 4, D, &from,
	    &left), HOTEL_WHEN_AHEAD);
	assert_int_equal(from, D);
	assert_int_equal(left, 4);
	/* in house since D, leaving D+4, on D+3: tonight only */
	assert_int_equal(hotel_nights_to_come(RES_CHECKED_IN, D, 4, D + 3,
	    &from, &left), HOTEL_WHEN_IN_HOUSE);
	assert_int_equal(from, D + 3);
	assert_int_equal(left, 1);
	/* on the departure day, and after: nothing */
	assert_int_equal(hotel_nights_to_come(RES_CHECKED_IN, D, 4, D + 4,
	    &from, &left), HOTEL_WHEN_OVER);
	assert_int_equal(left, 0);
	assert_int_equal(hotel_nights_to_come(RES_BOOKED, D, 4, D + 30,
	    &from, &left), HOTEL_WHEN_OVER);
	assert_string_equal(hotel_when_text(HOTEL_WHEN_OVER),
	    "its departure has passed");
	assert_int_equal(hotel_nights_to_come(RES_CANCELLED, D, 4, D - 9,
	    &from, &left), HOTEL_WHEN_CANCELLED);
	assert_int_equal(left, 0);
	assert_int_equal(hotel_nights_to_come(RES_NO_SHOW, D, 4, D, &from,
	    &left), HOTEL_WHEN_NO_SHOW);
	assert_int_equal(hotel_nights_to_come(RES_CHECKED_OUT, D, 4, D + 1,
	    &from, &left), HOTEL_WHEN_CHECKED_OUT);
	assert_string_equal(hotel_when_text(HOTEL_WHEN_CHECKED_OUT),
	    "it is checked out");
	assert_null(hotel_when_text(HOTEL_WHEN_IN_HOUSE));
}

/* A set supplement for a step replaces the difference of the rack rates,
 * and the floor and the cap still apply to it. */
static void
test_supplement_matrix(void **state)
{
	static const struct hotel_supplement m[] = {
		{ 1, 2, 1500 },      /* Standard → Superior: 15.00, not 20.00 */
		{ 1, 4, 4000 },      /* Standard → Suite: 40.00, not 170.00   */
		{ 2, 3, 500 },       /* Superior → Deluxe: 5.00 (under floor) */
	};
	struct hotel_inventory inv = inv_of(NULL, 0);
	struct hotel_pricing p = { 0, 0, m, 3 };
	struct hotel_offer o[8];
	size_t n;

	(void)state;
	n = hotel_upgrades(&inv, 1, 8900, D, 2, 0, &p, o, 8);
	assert_int_equal(n, 3);
	assert_int_equal(o[0].type_id, 2);
	assert_int_equal(o[0].per_night, 1500);
	assert_int_equal(o[0].total, 3000);
	assert_int_equal(o[1].type_id, 3);
	assert_int_equal(o[1].per_night, 5000);   /* no entry: the rates */
	assert_int_equal(o[2].type_id, 4);
	assert_int_equal(o[2].per_night, 4000);
	assert_int_equal(o[2].pct, 45);
	/* the cap judges the set supplement: the Suite's 45 % passes at 50
	 * (its rack rates' 191 % would not), the Deluxe's 56 % does not */
	p.cap_percent = 50;
	n = hotel_upgrades(&inv, 1, 8900, D, 2, 0, &p, o, 8);
	assert_int_equal(n, 2);
	assert_int_equal(o[1].type_id, 4);
	p.cap_percent = 44;
	n = hotel_upgrades(&inv, 1, 8900, D, 2, 0, &p, o, 8);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].type_id, 2);
	/* the floor raises a set supplement below it */
	p.cap_percent = 0;
	p.floor = 1000;
	n = hotel_upgrades(&inv, 2, 10900, D, 1, 0, &p, o, 8);
	assert_int_equal(o[0].type_id, 3);
	assert_int_equal(o[0].per_night, 1000);
}

static void
test_upgrade_only_if_free(void **state)
{
	/* The Superior is full on the second night of a 3-night stay. */
	const struct hotel_stay stays[] = { { 20, 2, D + 1, 1 } };
	struct hotel_inventory inv = inv_of(stays, 1);
	struct hotel_pricing p = { 0, 0, NULL, 0 };
	struct hotel_offer o[8];
	size_t n;

	(void)state;
	n = hotel_upgrades(&inv, 1, 8900, D, 3, 0, &p, o, 8);
	assert_int_equal(n, 2);
	assert_int_equal(o[0].type_id, 3);
	assert_int_equal(o[1].type_id, 4);
	/* For the one night before it, the Superior is free. */
	n = hotel_upgrades(&inv, 1, 8900, D, 1, 0, &p, o, 8);
	assert_int_equal(o[0].type_id, 2);
}

/*
 * The store sells an add-on only while its daily inventory lasts on every
 * day, whatever the caller checked before: 2 parking spaces, three stays
 * over one night.
 */
static void
test_addon_sell_inventory(void **state)
{
	char *paths[4], *cause = NULL;
	struct import_options opt;
	struct import_report rep;
	struct store_addons x;
	struct store *s;
	int64_t hotel, r[3], prk;
	const char *db = util_tmp_path("addons.db");
	static const char *const codes[3] = { "R1", "R2", "R3" };
	int k;

	(void)state;
	paths[0] = (char *)util_tmp_text("room_types.csv",
	    "hotel,code,name,tier,rate\nH,STD,Standard,1,89.00\n");
	paths[1] = (char *)util_tmp_text("reservations.csv",
	    "hotel,confirmation,arrival,nights,room_type,rate,status\n"
	    "H,R1,2026-12-01,3,STD,89.00,booked\n"
	    "H,R2,2026-12-02,1,STD,89.00,booked\n"
	    "H,R3,2026-12-03,2,STD,89.00,booked\n");
	paths[2] = (char *)util_tmp_text("addons.csv",
	    "hotel,code,name,price,per,valid_from,valid_to,daily\n"
	    "H,PRK,Parking,12.00,night,2026-01-01,2027-12-31,2\n");
	assert_int_equal(store_open(&s, db, STORE_CREATE, &cause), 0);
	memset(&opt, 0, sizeof opt);
	assert_int_equal(import_files(s, paths, 3, &opt, &rep, &cause), 0);
	assert_int_equal(rep.addons, 1);
	assert_int_equal(store_hotel_put(s, "H", &hotel, &cause), 0);
	for (k = 0; k < 3; k++)
		assert_int_equal(store_reservation_id(s, hotel, codes[k], &r[k],
		    &cause), 1);
	assert_int_equal(store_hotel_addons(s, hotel, D, D, &x, &cause), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.codes[0], "PRK");
	prk = x.addons[0].id;
	store_addons_free(&x);
	{
		struct reservation a, b, c;

		assert_int_equal(store_reservation_get(s, r[0], &a, &cause), 1);
		assert_int_equal(store_reservation_get(s, r[1], &b, &cause), 1);
		assert_int_equal(store_reservation_get(s, r[2], &c, &cause), 1);
		assert_int_equal(store_addon_sell(s, a.id, prk, a.arrival, 3, 1,
		    3600, &cause), 0);
		assert_int_equal(store_addon_sell(s, b.id, prk, b.arrival, 1, 1,
		    1200, &cause), 0);
		/* 12-03 has one space left (R2 left that morning), but the
		 * stay has it already. */
		assert_int_equal(store_addon_sell(s, a.id, prk, a.arrival, 3, 1,
		    3600, &cause), 1);
		assert_string_equal(cause, "the stay has that add-on already");
		free(cause);
		cause = NULL;
		/* R3 over 12-03 and 12-04: one left each night, two asked. */
		assert_int_equal(store_addon_sell(s, c.id, prk, c.arrival, 2, 2,
		    4800, &cause), 1);
		assert_non_null(strstr(cause, "sold out"));
		free(cause);
		cause = NULL;
		assert_int_equal(store_addon_sell(s, c.id, prk, c.arrival, 2, 1,
		    2400, &cause), 0);
		assert_int_equal(store_hotel_addons(s, hotel, c.arrival,
		    c.arrival + 1, &x, &cause), 0);
		assert_int_equal(x.nsold, 2);       /* R1 and R3 touch them */
		store_addons_free(&x);
		reservation_clear(&a);
		reservation_clear(&b);
		reservation_clear(&c);
	}
	store_close(&s);
}

/*
 * Two desks accept the last free Deluxe for two different guests at the
 * same moment, from two processes on one database file: one wins, the
 * other is told, and the Deluxe is not double-booked.
 */
static void
test_double_accept_race(void **state)
{
	const char *files[5];
	char *paths[5], *cause = NULL;
	struct import_options opt;
	struct import_report rep;
	struct store *s;
	int pipefd[2], status, wins = 0, told = 0, k;
	pid_t pid[2];
	int64_t hotel, res[2], dlx;
	const char *db = util_tmp_path("race.db");
	char go, *q;

	(void)state;
	files[0] = util_tmp_text("customers.csv", "id,name\nG1,Ann\nG2,Bo\n");
	files[1] = util_tmp_text("room_types.csv", "hotel,code,name,tier,rate\n"
	    "H,STD,Standard,1,89.00\nH,DLX,Deluxe,2,139.00\n");
	files[2] = util_tmp_text("rooms.csv", "hotel,number,room_type\n"
	    "H,101,STD\nH,102,STD\nH,201,DLX\n");
	files[3] = util_tmp_text("reservations.csv", "hotel,confirmation,guest,"
	    "arrival,nights,room_type,rate\n"
	    "H,R1,G1,2026-12-01,3,STD,89.00\n"
	    "H,R2,G2,2026-12-02,2,STD,89.00\n");
	paths[0] = (char *)files[0];
	paths[1] = (char *)files[1];
	paths[2] = (char *)files[2];
	paths[3] = (char *)files[3];
	assert_int_equal(store_open(&s, db, STORE_CREATE,
	    &cause), 0);
	memset(&opt, 0, sizeof opt);
	assert_int_equal(import_files(s, paths, 4, &opt, &rep, &cause), 0);
	assert_int_equal(store_hotel_put(s, "H", &hotel, &cause), 0);
	assert_int_equal(store_reservation_id(s, hotel, "R1", &res[0], &cause),
	    1);
	assert_int_equal(store_reservation_id(s, hotel, "R2", &res[1], &cause),
	    1);
	assert_int_equal(store_room_type_id(s, hotel, "DLX", &dlx, &cause), 1);
	store_close(&s);

	assert_int_equal(pipe(pipefd), 0);
	for (k = 0; k < 2; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			struct store *cs;
			char *c = NULL;
			int rc;

			close(pipefd[1]);
			if (store_open(&cs, db, 0, &c) != 0)
				_exit(3);
			/* both wait here, then go at once */
			if (read(pipefd[0], &go, 1) != 1)
				_exit(4);
			rc = store_reservation_upgrade(cs, res[k], dlx, 5000, 0,
			    &c);
			store_close(&cs);
			_exit(rc == 0 ? 0 : rc == 1 ? 1 : 5);
		}
	}
	close(pipefd[0]);
	assert_int_equal(write(pipefd[1], "gg", 2), 2);
	close(pipefd[1]);
	for (k = 0; k < 2; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		if (WEXITSTATUS(status) == 0)
			wins++;
		else if (WEXITSTATUS(status) == 1)
			told++;
	}
	assert_int_equal(wins, 1);
	assert_int_equal(told, 1);
	/* The database agrees: one guest in the Deluxe, at +50.00. */
	{
		char *out = NULL;
		q = util_shquote(db);
		assert_int_equal(util_run(&out, "sqlite3 %s 'SELECT count(*),"
		    " sum(rate) FROM reservation WHERE assigned_type_id = %lld'",
		    q, (long long)dlx), 0);
		free(q);
		assert_string_equal(out, "1|13900\n");
		free(out);
	}
	/* Trying again, both are told: the winner holds it already (and
	 * pays no second supplement), the other still finds it taken. */
	assert_int_equal(store_open(&s, db, 0, &cause), 0);
	for (k = 0; k < 2; k++) {
		assert_int_equal(store_reservation_upgrade(s, res[k], dlx, 5000, 0,
		    &cause), 1);
		free(cause);
		cause = NULL;
	}
	store_close(&s);
	{
		char *out = NULL;
		q = util_shquote(db);
		assert_int_equal(util_run(&out, "sqlite3 %s 'SELECT count(*),"
		    " sum(rate) FROM reservation WHERE assigned_type_id = %lld'",
		    q, (long long)dlx), 0);
		free(q);
		assert_string_equal(out, "1|13900\n");
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_nights_and_departure),
		cmocka_unit_test(test_blocked_middle_night),
		cmocka_unit_test(test_upgrade_prices),
		cmocka_unit_test(test_rank_by_moves),
		cmocka_unit_test(test_addons),
		cmocka_unit_test(test_floor_and_cap),
		cmocka_unit_test(test_cap_from_booking),
		cmocka_unit_test(test_why_not),
		cmocka_unit_test(test_ladder_by_rate),
		cmocka_unit_test(test_nights_to_come),
		cmocka_unit_test(test_supplement_matrix),
		cmocka_unit_test(test_upgrade_only_if_free),
		cmocka_unit_test(test_addon_sell_inventory),
		cmocka_unit_test(test_double_accept_race),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
