#include "model/hotel.h"

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
	const struct hotel_type *from = type_of(inv, booked_type);
	size_t i, j, n = 0;

	if (from == NULL || nights < 1 || booked_rate <= 0)
		return 0;
	for (i = 0; i < inv->ntypes && n < max; i++) {
		const struct hotel_type *t = &inv->types[i];
		int64_t per = t->rate - booked_rate;
		struct hotel_offer o;

		if (t->tier <= from->tier)
			continue;           /* never lower, nor sideways */
		for (j = 0; j < p->nmatrix; j++)
			if (p->matrix[j].from == booked_type &&
			    p->matrix[j].to == t->id) {
				per = p->matrix[j].per_night;
				break;
			}
		if (per < p->floor)
			per = p->floor;
		if (p->cap_percent > 0 &&
		    per * 100 > (int64_t)p->cap_percent * booked_rate)
			continue;
		if (!hotel_free_every_night(inv, t->id, arrival, nights,
		    reservation))
			continue;
		o.type_id = t->id;
		o.per_night = per;
		o.total = per * nights;
		o.pct = (int)((per * 100 + booked_rate / 2) / booked_rate);
		/* lowest tier first: the smallest step up leads */
		for (j = n; j > 0 && type_of(inv, out[j - 1].type_id)->tier >
		    t->tier; j--)
			out[j] = out[j - 1];
		out[j] = o;
		n++;
	}
	return n;
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
