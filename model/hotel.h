/*
 * hotel — room upgrades that are really free for every night of a stay.
 *
 * Pure functions over an inventory snapshot (room types with their rooms,
 * and the active reservations of a period), so that availability and
 * prices can be tested without a database.  A stay of n nights from day
 * A occupies the nights A .. A+n-1; the departure day A+n is not a night.
 * Cancelled and no-show reservations occupy nothing.  A reservation
 * occupies its assigned room type when it has one, else the booked one.
 */
#ifndef UPLIFT_HOTEL_H
#define UPLIFT_HOTEL_H

#include <stddef.h>
#include <stdint.h>

struct hotel_type {
	int64_t id;
	int     tier;         /* the ladder, 1 = lowest               */
	int64_t rate;         /* nightly rack rate                    */
	int     rooms;        /* rooms of this type                   */
	const char *name;     /* not owned                            */
	const char *code;     /* "DLX" ..., or NULL (not owned)       */
	const char *view;     /* "river" ..., or NULL (not owned)     */
	int     size_m2;      /* 0: not known                         */
	const char *benefit_bn, *benefit_gu;  /* what is better about it,
	                       * in Bengali and Gujarati, or NULL (not
	                       * owned)                                */
};

struct hotel_stay {
	int64_t id;           /* reservation id                       */
	int64_t type_id;      /* the type it occupies                 */
	int64_t arrival;      /* civil day                            */
	int     nights;
};

struct hotel_inventory {
	const struct hotel_type *types;
	size_t                   ntypes;
	const struct hotel_stay *stays;   /* active ones only           */
	size_t                   nstays;
};

/*
 * Rooms of type_id free on the night `day`, leaving reservation `except`
 * (0: none) out of the count.  Negative when overbooked.
 */
int hotel_free_on(const struct hotel_inventory *inv, int64_t type_id,
    int64_t day, int64_t except);

/*
 * 1 if at least one room of type_id is free on every night of a stay of
 * nights nights from arrival (leaving `except` out), else 0.  A stay of 0
 * nights occupies nothing and is always free.
 */
int hotel_free_every_night(const struct hotel_inventory *inv,
    int64_t type_id, int64_t arrival, int nights, int64_t except);

/* A set supplement a night for a step from one room type to another. */
struct hotel_supplement {
	int64_t from, to;     /* room type ids                           */
	int64_t per_night;
};

struct hotel_pricing {
	int64_t floor;        /* minimum supplement per night           */
	int     cap_percent;  /* supplement per night at most this % of
	                       * the booked rate; 0: no cap              */
	const struct hotel_supplement *matrix;  /* set supplements, or
	                       * NULL: the difference of the rack rates  */
	size_t  nmatrix;
};

struct hotel_offer {
	int64_t type_id;
	int64_t per_night;    /* supplement per night                   */
	int64_t total;        /* per_night × nights                     */
	int     pct;          /* per_night in % of the booked rate      */
};

/*
 * The upgrades for a reservation of `nights` nights from arrival in
 * booked_type at booked_rate: every type of a higher tier with a room
 * free on every night, priced per night at the matrix's supplement for
 * the step (booked_type → it) when it has one, else (its rack rate −
 * booked rate), raised to the floor, refused above the cap; lowest tier
 * first.  Never a
 * lower or equal tier.  Writes at most max into out; returns how many.
 */
size_t hotel_upgrades(const struct hotel_inventory *inv, int64_t booked_type,
    int64_t booked_rate, int64_t arrival, int nights, int64_t reservation,
    const struct hotel_pricing *p, struct hotel_offer *out, size_t max);

/* How often guests booked in one room type were put in another. */
struct hotel_move {
	int64_t from, to;
	int64_t count;
};

/*
 * Reorder n offers for a reservation booked in booked_type: the moves
 * guests most often took from that type first (count, descending, from
 * the nm moves given), the rest after them; ties keep their order (the
 * lowest tier first as hotel_upgrades() leaves them).  A stable sort.
 */
void hotel_rank_by_moves(struct hotel_offer *o, size_t n, int64_t booked_type,
    const struct hotel_move *m, size_t nm);

/*
 * Add-ons: breakfast, parking, late check-out, spa ...  An add-on is sold
 * for the days it serves: each night of the stay, or (on_departure) the
 * departure day alone, as a late check-out is.  It is offered only when
 * every one of those days lies in its validity and has a unit of its daily
 * inventory left.
 */
enum hotel_per {             /* a "night" is a day it serves      */
	HOTEL_PER_NIGHT,          /* price × nights                     */
	HOTEL_PER_STAY,           /* price once                         */
	HOTEL_PER_PERSON_NIGHT,   /* price × persons × nights           */
	HOTEL_PER_PERSON          /* price × persons, once              */
};

struct hotel_addon {
	int64_t        id;
	int64_t        price;        /* minor units                        */
	enum hotel_per per;
	int            on_departure; /* serves the departure day only      */
	int64_t        valid_from;   /* first day it serves (civil day)    */
	int64_t        valid_to;     /* last day it serves, inclusive      */
	int            daily;        /* units a day; 0: no limit           */
};

/* Units of add-on addon_id already sold for the days day .. day+days-1. */
struct hotel_addon_sold {
	int64_t addon_id;
	int64_t day;
	int     days;
	int     units;
};

struct hotel_addon_offer {
	int64_t addon_id;
	int64_t total;        /* the price for the stay                 */
	int     units;        /* units a day it takes (persons for the
	                       * per-person ones, else 1)              */
};

/*
 * The add-ons of a[0..na) a stay of nights nights from arrival for persons
 * guests (at least 1) can have, given what is already sold: each valid on
 * every day it would serve, with units left on each, priced by its
 * `per`.  In the order given; at most max into out; returns how many.
 */
size_t hotel_addons(const struct hotel_addon *a, size_t na,
    const struct hotel_addon_sold *sold, size_t nsold, int64_t arrival,
    int nights, int persons, struct hotel_addon_offer *out, size_t max);

/* ---- offers measured from the booking (issue 17) ------------------------ */

/*
 * A stay asking for upgrades.  The cap and the supplement are measured
 * from what was booked, whatever the desk accepted since: the supplement
 * for a type is the set one for the step (base_type → it) or the
 * difference of the two types' rack rates — never the rack rate less the
 * guest's own (discounted) rate — raised to the floor, refused above
 * cap_percent of base_rate.  What the guest pays more a night is that
 * supplement less the one already paid.
 */
struct hotel_ask {
	int64_t base_type;    /* the type booked (held before the desk)  */
	int64_t base_rate;    /* the nightly rate booked: the cap's base */
	int64_t holding_type; /* the type held now (base_type if none)   */
	int64_t paid;         /* supplement a night accepted already     */
	int64_t from;         /* first night to price (civil day)        */
	int     nights;       /* nights from `from`                      */
	int64_t reservation;  /* left out of the room counts (0 none)    */
};

/* Why a higher room type is not offered. */
enum hotel_rule {
	HOTEL_RULE_NO_RATE = 1,  /* off the ladder: it has no rate       */
	HOTEL_RULE_NOT_DEARER,   /* its rack rate is not above the booked
	                          * one (nor the one held now)           */
	HOTEL_RULE_CAP,          /* its supplement is over the cap       */
	HOTEL_RULE_NOT_FREE      /* no room free on every night          */
};

struct hotel_why {
	int64_t         type_id;
	enum hotel_rule rule;
	int             pct;          /* HOTEL_RULE_CAP: its supplement, in
	                               * tenths of a % of the booked rate   */
	int             cap;          /* ... and the cap                    */
	int             free_nights;  /* HOTEL_RULE_NOT_FREE: nights with a
	                               * room free, of `nights`             */
	int             nights;
};

/*
 * The upgrades for ask: every type on the ladder (tier > 0, a rate)
 * above the tier held, dearer than the booked type (unless a set
 * supplement names the step), within the cap, with a room free on every
 * night from ask->from for ask->nights; priced as struct hotel_ask says:
 * per_night what the guest pays more, total per_night × ask->nights,
 * pct the supplement from the booking in % of base_rate.  Lowest tier
 * first; at most max into out; returns how many.  The types left out
 * for a reason (not the lower ones) go to why (at most maxwhy, *nwhy
 * how many; why may be NULL).
 */
size_t hotel_offers(const struct hotel_inventory *inv,
    const struct hotel_ask *ask, const struct hotel_pricing *p,
    struct hotel_offer *out, size_t max, struct hotel_why *why,
    size_t maxwhy, size_t *nwhy);

/*
 * "Suite: only 1 of 5 nights free", "Junior Suite: +36 %, over the 30 %
 * cap", "Room type B: not dearer than the room booked", "Room type K: no
 * rate" into buf (size bytes); name is the type's name.  Returns buf.
 */
char *hotel_why_text(const struct hotel_why *w, const char *name, char *buf,
    size_t size);

/*
 * Put the room types on a ladder by their rack rates (the mean rate the
 * data paid, for an imported hotel without tiers of its own): tier 1 the
 * cheapest, equal rates sharing a tier; a type with no rate (≤ 0) gets
 * tier 0, off the ladder.  The order of t is kept.
 */
void hotel_ladder_by_rate(struct hotel_type *t, size_t n);

/* 1 when no type of t[0..n) has a tier of its own (all 0): its ladder is
 * to be made by hotel_ladder_by_rate(). */
int hotel_ladder_missing(const struct hotel_type *t, size_t n);

/* Where a stay stands on a day, for what can still be sold to it. */
enum hotel_when {
	HOTEL_WHEN_AHEAD = 0,     /* arrives today or later: every night    */
	HOTEL_WHEN_IN_HOUSE,      /* arrived before today: the nights left  */
	HOTEL_WHEN_OVER,          /* its departure is today or past         */
	HOTEL_WHEN_CANCELLED,
	HOTEL_WHEN_NO_SHOW,
	HOTEL_WHEN_CHECKED_OUT
};

/*
 * The nights of a stay (status an enum reservation_status, arriving on
 * day arrival for nights nights) still to come on day `today`: *from the
 * first (today, or the arrival if later) and *left how many (0 when
 * nothing can be sold: over, cancelled, no-show or checked out).
 * Returns where it stands.
 */
enum hotel_when hotel_nights_to_come(int status, int64_t arrival, int nights,
    int64_t today, int64_t *from, int *left);

/* Why nothing can be sold to a stay that stands at w ("its departure
 * has passed", "it is cancelled", ...), or NULL when it can. */
const char *hotel_when_text(enum hotel_when w);

#endif
