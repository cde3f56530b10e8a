#include "model/hotel.h"

#include <stdio.h>

#include "model/types.h"

static const struct hotel_type *
type_of(const struct hotel_inventory *inv, int64_t id)
{
	size_t i;

	for (i = 0; i < inv->ntypes; i++)
		if (inv->types[i].id == id)
			return &inv->types[i];
	return NULL;
}

int
hotel_free_on(const struct hotel_inventory *inv, int64_t type_id, int64_t day,
    int64_t except)
{
	const struct hotel_type *t = type_of(inv, type_id);
	int used = 0;
	size_t i;

	if (t == NULL)
		return 0;
	for (i = 0; i < inv->nstays; i++) {
		const struct hotel_stay *s = &inv->stays[i];
		if (s->type_id == type_id && s->id != except &&
		    day >= s->arrival && day < s->arrival + s->nights)
			used++;
	}
	return t->rooms - used;
}

int
hotel_free_every_night(const struct hotel_inventory *inv, int64_t type_id,
    int64_t arrival, int nights, int64_t except)
{
	int64_t d;

	for (d = arrival; d < arrival + nights; d++)
		if (hotel_free_on(inv, type_id, d, except) < 1)
			return 0;
	return 1;
}

size_t
hotel_upgrades(const struct hotel_inventory *inv, int64_t booked_type,
    int64_t booked_rate, int64_t arrival, int nights, int64_t reservation,
    const struct hotel_pricing *p, struct hotel_offer *out, size_t max)
{
	struct hotel_ask a;

	a.base_type = booked_type;
	a.base_rate = booked_rate;
	a.holding_type = booked_type;
	a.paid = 0;
	a.from = arrival;
	a.nights = nights;
	a.reservation = reservation;
	return hotel_offers(inv, &a, p, out, max, NULL, 0, NULL);
}

/* Nights from `from` with a room of type_id free (leaving except out). */
static int
free_nights(const struct hotel_inventory *inv, int64_t type_id, int64_t from,
    int nights, int64_t except)
{
	int k = 0;
	int64_t d;

	for (d = from; d < from + nights; d++)
		k += hotel_free_on(inv, type_id, d, except) >= 1;
	return k;
}

static void
add_why(struct hotel_why *why, size_t maxwhy, size_t *nwhy, int64_t type_id,
    enum hotel_rule rule, int pct, int cap, int fn, int nights)
{
	struct hotel_why *w;

	if (why == NULL || nwhy == NULL || *nwhy >= maxwhy)
		return;
	w = &why[(*nwhy)++];
	w->type_id = type_id;
	w->rule = rule;
	w->pct = pct;
	w->cap = cap;
	w->free_nights = fn;
	w->nights = nights;
}

/*
 * The supplement a night for stepping from base up to t: the pricing's
 * matrix where it names the pair, else the rack rates' difference for a
 * room dearer than both base and held.  0 with *sup, or -1 when t is not
 * dearer.
 */
static int
supplement_of(const struct hotel_pricing *p, const struct hotel_type *base,
    const struct hotel_type *held, const struct hotel_type *t, int64_t *sup)
{
	size_t j;

	for (j = 0; j < p->nmatrix; j++)
		if (p->matrix[j].from == base->id && p->matrix[j].to == t->id) {
			*sup = p->matrix[j].per_night;
			return 0;
		}
	/* the rack rates' difference, for a dearer room */
	if (base->rate <= 0 || t->rate <= base->rate || t->rate <= held->rate)
		return -1;
	*sup = t->rate - base->rate;
	return 0;
}

/* Puts o (of a type of the given tier) among out[0..n-1], lowest tier
 * first: the smallest step up leads. */
static void
insert_by_tier(const struct hotel_inventory *inv, struct hotel_offer *out,
    size_t n, const struct hotel_offer *o, int tier)
{
	size_t j;

	for (j = n; j > 0 && type_of(inv, out[j - 1].type_id)->tier > tier; j--)
		out[j] = out[j - 1];
	out[j] = *o;
}

size_t
hotel_offers(const struct hotel_inventory *inv, const struct hotel_ask *ask,
    const struct hotel_pricing *p, struct hotel_offer *out, size_t max,
    struct hotel_why *why, size_t maxwhy, size_t *nwhy)
{
	const struct hotel_type *base = type_of(inv, ask->base_type);
	const struct hotel_type *held = type_of(inv, ask->holding_type);
	size_t i, n = 0;

	if (nwhy != NULL)
		*nwhy = 0;
	if (base == NULL || held == NULL || ask->nights < 1 ||
	    ask->base_rate <= 0)
		return 0;
	for (i = 0; i < inv->ntypes && n < max; i++) {
		const struct hotel_type *t = &inv->types[i];
		int64_t sup = 0, per;
		int pct, fn;
		struct hotel_offer o;

		if (t->id == held->id || t->id == base->id)
			continue;
		if (t->tier <= 0 || t->rate <= 0) {
			if (held->tier > 0)
				add_why(why, maxwhy, nwhy, t->id,
				    HOTEL_RULE_NO_RATE, 0, 0, 0, ask->nights);
			continue;
		}
		if (t->tier <= held->tier || t->tier <= base->tier)
			continue;           /* never lower, nor sideways */
		if (supplement_of(p, base, held, t, &sup) != 0) {
			add_why(why, maxwhy, nwhy, t->id, HOTEL_RULE_NOT_DEARER,
			    0, 0, 0, ask->nights);
			continue;
		}
		if (sup < p->floor)
			sup = p->floor;
		pct = (int)((sup * 100 + ask->base_rate / 2) / ask->base_rate);
		if (p->cap_percent > 0 &&
		    sup * 100 > (int64_t)p->cap_percent * ask->base_rate) {
			/* in tenths of a %: 30.4 % is over 30 % */
			int tenths = (int)((sup * 1000 + ask->base_rate / 2) /
			    ask->base_rate);
			add_why(why, maxwhy, nwhy, t->id, HOTEL_RULE_CAP,
			    tenths, p->cap_percent, 0, ask->nights);
			continue;
		}
		per = sup - ask->paid;
		if (per <= 0) {
			add_why(why, maxwhy, nwhy, t->id, HOTEL_RULE_NOT_DEARER,
			    0, 0, 0, ask->nights);
			continue;
		}
		fn = free_nights(inv, t->id, ask->from, ask->nights,
		    ask->reservation);
		if (fn < ask->nights) {
			add_why(why, maxwhy, nwhy, t->id, HOTEL_RULE_NOT_FREE,
			    0, 0, fn, ask->nights);
			continue;
		}
		o.type_id = t->id;
		o.per_night = per;
		o.total = per * ask->nights;
		o.pct = pct;
		insert_by_tier(inv, out, n++, &o, t->tier);
	}
	return n;
}

char *
hotel_why_text(const struct hotel_why *w, const char *name, char *buf,
    size_t size)
{
	switch (w->rule) {
	case HOTEL_RULE_NO_RATE:
		snprintf(buf, size, "%s: no rate, not on the ladder", name);
		break;
	case HOTEL_RULE_NOT_DEARER:
		snprintf(buf, size, "%s: not dearer than the room booked",
		    name);
		break;
	case HOTEL_RULE_CAP:
		if ((w->pct + 5) / 10 > w->cap)
			snprintf(buf, size, "%s: +%d %%, over the %d %% cap",
			    name, (w->pct + 5) / 10, w->cap);
		else
			snprintf(buf, size, "%s: +%d.%d %%, over the %d %% "
			    "cap", name, w->pct / 10, w->pct % 10, w->cap);
		break;
	case HOTEL_RULE_NOT_FREE:
	default:
		if (w->free_nights > 0)
			snprintf(buf, size, "%s: only %d of %d nights free",
			    name, w->free_nights, w->nights);
		else if (w->nights == 1)
			snprintf(buf, size, "%s: no room free that night",
			    name);
		else
			snprintf(buf, size, "%s: no room free on any of the "
			    "%d nights", name, w->nights);
		break;
	}
	return buf;
}

void
hotel_ladder_by_rate(struct hotel_type *t, size_t n)
{
	size_t i, j;

	/* a type's tier: 1 + how many distinct lower rates there are,
	 * each counted at the first type that has it */
	for (i = 0; i < n; i++) {
		int tier = 1;
		size_t k;

		for (j = 0; j < n && t[i].rate > 0; j++) {
			if (t[j].rate <= 0 || t[j].rate >= t[i].rate)
				continue;
			for (k = 0; k < j && t[k].rate != t[j].rate; k++)
				;
			tier += k == j;
		}
		t[i].tier = t[i].rate > 0 ? tier : 0;
	}
}

int
hotel_ladder_missing(const struct hotel_type *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].tier != 0)
			return 0;
	return n > 0;
}

enum hotel_when
hotel_nights_to_come(int status, int64_t arrival, int nights, int64_t today,
    int64_t *from, int *left)
{
	*from = arrival > today ? arrival : today;
	*left = 0;
	switch (status) {
	case RES_CANCELLED:
		return HOTEL_WHEN_CANCELLED;
	case RES_NO_SHOW:
		return HOTEL_WHEN_NO_SHOW;
	case RES_CHECKED_OUT:
		return HOTEL_WHEN_CHECKED_OUT;
	default:
		break;
	}
	if (arrival + nights <= today)
		return HOTEL_WHEN_OVER;
	*left = (int)(arrival + nights - *from);
	return arrival >= today ? HOTEL_WHEN_AHEAD : HOTEL_WHEN_IN_HOUSE;
}

const char *
hotel_when_text(enum hotel_when w)
{
	switch (w) {
	case HOTEL_WHEN_OVER:
		return "its departure has passed";
	case HOTEL_WHEN_CANCELLED:
		return "it is cancelled";
	case HOTEL_WHEN_NO_SHOW:
		return "it is a no-show";
	case HOTEL_WHEN_CHECKED_OUT:
		return "it is checked out";
	default:
		return NULL;
	}
}

static int64_t
move_count(const struct hotel_move *m, size_t nm, int64_t from, int64_t to)
{
	size_t i;

	for (i = 0; i < nm; i++)
		if (m[i].from == from && m[i].to == to)
			return m[i].count;
	return 0;
}

void
hotel_rank_by_moves(struct hotel_offer *o, size_t n, int64_t booked_type,
    const struct hotel_move *m, size_t nm)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct hotel_offer x = o[i];
		int64_t c = move_count(m, nm, booked_type, x.type_id);

		for (j = i; j > 0 && move_count(m, nm, booked_type,
		    o[j - 1].type_id) < c; j--)
			o[j] = o[j - 1];
		o[j] = x;
	}
}

static int
addon_left(const struct hotel_addon *a, const struct hotel_addon_sold *sold,
    size_t nsold, int64_t day)
{
	int left = a->daily;
	size_t i;

	for (i = 0; i < nsold; i++)
		if (sold[i].addon_id == a->id && day >= sold[i].day &&
		    day < sold[i].day + sold[i].days)
			left -= sold[i].units;
	return left;
}

size_t
hotel_addons(const struct hotel_addon *a, size_t na,
    const struct hotel_addon_sold *sold, size_t nsold, int64_t arrival,
    int nights, int persons, struct hotel_addon_offer *out, size_t max)
{
	size_t i, n = 0;

	if (nights < 1 || persons < 1)
		return 0;
	for (i = 0; i < na && n < max; i++) {
		const struct hotel_addon *x = &a[i];
		int64_t first = x->on_departure ? arrival + nights : arrival;
		int64_t last = x->on_departure ? first : arrival + nights - 1;
		int units, ok = 1;
		int64_t d, total;

		units = x->per == HOTEL_PER_PERSON_NIGHT ||
		    x->per == HOTEL_PER_PERSON ? persons : 1;
		if (first < x->valid_from || last > x->valid_to)
			continue;
		for (d = first; ok && x->daily > 0 && d <= last; d++)
			if (addon_left(x, sold, nsold, d) < units)
				ok = 0;
		if (!ok)
			continue;
		/* "a night" is each day it serves: one for the departure */
		switch (x->per) {
		case HOTEL_PER_NIGHT:
			total = x->price * (last - first + 1);
			break;
		case HOTEL_PER_PERSON_NIGHT:
			total = x->price * persons * (last - first + 1);
			break;
		case HOTEL_PER_PERSON:
			total = x->price * persons;
			break;
		case HOTEL_PER_STAY:
		default:
			total = x->price;
			break;
		}
		out[n].addon_id = x->id;
		out[n].total = total;
		out[n].units = units;
		n++;
	}
	return n;
}
