/*
 * import_bookings.c — the hotel booking demand data set (Antonio, Almeida
 * and Nunes, 2019): hotels, room types and reservations from one table of
 * bookings.
 */
#include "model/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "model/civil.h"
#include "model/csv.h"
#include "model/hotel.h"
#include "model/money.h"
#include "model/store.h"
#include "model/strmap.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "model/import_int.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"

/* ---- hotel booking demand --------------------------------------------- */

enum { HB_HOTEL, HB_CANCELED, HB_YEAR, HB_MONTH, HB_DAY, HB_WEEKEND, HB_WEEK,
    HB_ADULTS, HB_CHILDREN, HB_REPEATED, HB_RESERVED, HB_ASSIGNED, HB_ADR,
    HB_CTYPE, HB_STATUS, HB_COUNTRY };

static int
hb_type(struct ctx *x, struct hbstate *st, int64_t hotel, const char *hname,
    const char *code, size_t len, size_t *idx)
{
	struct room_type rt;
	char *key = xasprintf("%s\037%.*s", hname, (int)len, code);
	char *cause = NULL;
	int64_t slot;
	int rc;

	if (strmap_get(st->types, key, strlen(key), &slot)) {
		free(key);
		*idx = (size_t)slot;
		return 0;
	}
	if (st->nt == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 16;
		st->t = xreallocarray(st->t, st->cap, sizeof *st->t);
	}
	memset(&st->t[st->nt], 0, sizeof st->t[st->nt]);
	snprintf(st->t[st->nt].code, sizeof st->t[st->nt].code, "%.*s",
	    (int)len, code);
	st->t[st->nt].hotel = hotel;
	rc = store_room_type_id(x->s, hotel, st->t[st->nt].code,
	    &st->t[st->nt].id, &cause);
	if (rc < 0) {
		free(key);
		return import_dbfail(x, cause);
	}
	if (rc == 0) {
		/* The codes are anonymised letters, no ladder: tier 0, the
		 * desk ladders them by their rates (model/hotel.h). */
		memset(&rt, 0, sizeof rt);
		rt.hotel_id = hotel;
		rt.code = st->t[st->nt].code;
		rt.name = xasprintf("Room type %s", rt.code);
		rt.tier = 0;
		if (store_room_type_put(x->s, &rt, &st->t[st->nt].id,
		    &cause) != 0) {
			free(rt.name);
			free(key);
			return import_dbfail(x, cause);
		}
		free(rt.name);
		x->rep->room_types++;
		st->t[st->nt].created = 1;
	}
	strmap_put(st->types, key, strlen(key), (int64_t)st->nt);
	free(key);
	*idx = st->nt++;
	return 0;
}

/* FNV-1a over the fields of the current record: with the line, a
 * booking's stable identity (the data set has no booking number). */
static uint32_t
record_hash(const struct csv *c)
{
	uint32_t h = 2166136261u;
	size_t i, j, len;
	const char *v;

	for (i = 0; i < csv_nfields(c); i++) {
		v = csv_field(c, i, &len);
		for (j = 0; j < len; j++)
			h = (h ^ (unsigned char)v[j]) * 16777619u;
		h = (h ^ 0x1f) * 16777619u;
	}
	return h;
}

static const char *months[] = { "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December" };

/* The fields of one booking, as read. */
struct hbrow {
	int64_t		 year, day, we, wk, adults, children, canceled, rep;
	int		 month;		/* 0..11 */
	const char	*res, *asg;	/* reserved and assigned room types */
	size_t		 rlen, alen;
};

/* The arrival date: year, month name and day.  0, or -1 with errors kept. */
static int
hb_date(struct ctx *x, struct file *f, struct hbrow *w)
{
	char *mon;
	int bad = 0, m;

	bad |= import_fld_int(x, f, HB_YEAR, 1900, 2999, 0, &w->year);
	mon = import_fld_dup(f, HB_MONTH);
	for (m = 0; m < 12 && mon != NULL; m++)
		if (strcmp(mon, months[m]) == 0)
			break;
	if (mon == NULL || m == 12) {
		import_field_error(x, f, HB_MONTH,
		    "not a month name (January ...)");
		bad = -1;
	}
	free(mon);
	w->month = m;
	bad |= import_fld_int(x, f, HB_DAY, 1, 31, 0, &w->day);
	if (bad == 0 && !civil_valid((int)w->year, m + 1, (int)w->day)) {
		import_field_error(x, f, HB_DAY, "no such date");
		bad = -1;
	}
	return bad;
}

/* The reservation's status.  0, or -1 with an error kept. */
static int
hb_status(struct ctx *x, struct file *f, struct reservation *r)
{
	char *status = import_fld_dup(f, HB_STATUS);
	int bad = 0;

	if (status != NULL && strcmp(status, "Check-Out") == 0)
		r->status = RES_CHECKED_OUT;
	else if (status != NULL && strcmp(status, "Canceled") == 0)
		r->status = RES_CANCELLED;
	else if (status != NULL && strcmp(status, "No-Show") == 0)
		r->status = RES_NO_SHOW;
	else {
		import_field_error(x, f, HB_STATUS,
		    "expected Check-Out, Canceled "
		    "or No-Show");
		bad = -1;
	}
	free(status);
	return bad;
}

/* Every field of the booking into w and r.  0, or -1 with errors kept. */
static int
hb_fields(struct ctx *x, struct file *f, struct hbrow *w,
    struct reservation *r)
{
	size_t len;
	int bad = 0;

	bad |= import_fld_int(x, f, HB_CANCELED, 0, 1, 0, &w->canceled);
	bad |= hb_date(x, f, w);
	bad |= import_fld_int(x, f, HB_WEEKEND, 0, 365, 0, &w->we);
	bad |= import_fld_int(x, f, HB_WEEK, 0, 365, 0, &w->wk);
	bad |= import_fld_int(x, f, HB_ADULTS, 0, 100, 0, &w->adults);
	/* The published file writes a handful of unknown counts as "NA". */
	import_fld(f, HB_CHILDREN, &len);
	if (len > 0 && strcmp(import_fld(f, HB_CHILDREN, NULL), "NA") != 0)
		bad |= import_fld_int(x, f, HB_CHILDREN, 0, 100, 0,
		    &w->children);
	bad |= import_fld_int(x, f, HB_REPEATED, 0, 1, 0, &w->rep);
	w->res = import_fld(f, HB_RESERVED, &w->rlen);
	w->asg = import_fld(f, HB_ASSIGNED, &w->alen);
	if (w->rlen == 0 || w->rlen > 7) {
		import_field_error(x, f, HB_RESERVED, "not a room type code");
		bad = -1;
	}
	if (w->alen == 0 || w->alen > 7) {
		import_field_error(x, f, HB_ASSIGNED, "not a room type code");
		bad = -1;
	}
	bad |= import_fld_money(x, f, HB_ADR, &r->rate);
	bad |= hb_status(x, f, r);
	return bad;
}

/* The booking's pseudonymous guest (found, or made): r->guest_id. */
static int
hb_guest(struct ctx *x, struct file *f, const char *hotel,
    struct reservation *r)
{
	struct customer c;
	char *cause = NULL;
	int rc, ret = 0;

	memset(&c, 0, sizeof c);
	c.code = xasprintf("%c-%s", hotel[0], r->code);
	c.name = xasprintf("Guest %s", c.code);
	c.country = import_fld_dup(f, HB_COUNTRY);
	if (c.country != NULL && strcmp(c.country, "NULL") == 0)
		xfree(&c.country);
	c.segment = r->segment ? xstrdup(r->segment) : NULL;
	if ((rc = import_customer_lookup(x, c.code, strlen(c.code),
	    &r->guest_id)) == 2)
		x->rep->suppressed++;
	else if (rc == 0) {
		if (store_customer_put(x->s, &c, &r->guest_id, &cause) != 0)
			ret = import_dbfail(x, cause);
		else
			x->rep->customers++;
	}
	customer_clear(&c);
	return ret;
}

int
import_read_hotel_bookings(struct ctx *x, struct file *f, struct hbstate *st)
{
	struct reservation r;
	struct hbrow w;
	char *hotel = NULL, *cause = NULL;
	size_t ri = 0, ai = 0;
	int64_t id;
	int bad = 0, rc;
	char code[32];

	memset(&r, 0, sizeof r);
	memset(&w, 0, sizeof w);
	bad |= import_fld_required(x, f, HB_HOTEL, &hotel);
	bad |= hb_fields(x, f, &w, &r);
	if (bad != 0 || import_hotel_id(x, hotel, &r.hotel_id) != 0 ||
	    hb_type(x, st, r.hotel_id, hotel, w.res, w.rlen, &ri) != 0 ||
	    hb_type(x, st, r.hotel_id, hotel, w.asg, w.alen, &ai) != 0)
		goto out;
	/* No names in this data: the booking's line makes a stable,
	 * pseudonymous confirmation number and guest id. */
	snprintf(code, sizeof code, "L%07ld-%08x", csv_line(f->csv),
	    record_hash(f->csv));
	r.code = code;
	r.arrival = civil_days((int)w.year, w.month + 1, (int)w.day);
	r.nights = (int)(w.we + w.wk);
	r.room_type_id = st->t[ri].id;
	r.assigned_type_id = st->t[ai].id;
	r.adults = (int)w.adults;
	r.children = (int)w.children;
	r.repeated = (int)w.rep;
	r.segment = import_fld_dup(f, HB_CTYPE);
	rc = store_reservation_id(x->s, r.hotel_id, code, &id, &cause);
	if (rc < 0) {
		import_dbfail(x, cause);
		goto out;
	}
	if (rc == 1) {
		x->rep->skipped++;
		goto out;
	}
	if (hb_guest(x, f, hotel, &r) != 0)
		goto out;
	if (store_reservation_add(x->s, &r, &id, &cause) != 0) {
		import_dbfail(x, cause);
		goto out;
	}
	x->rep->reservations++;
	if (!w.canceled && r.nights > 0) {
		st->t[ri].sum += r.rate;
		st->t[ri].n++;
	}
out:
	r.code = NULL;
	reservation_clear(&r);
	free(hotel);
	return x->dberr ? -1 : 0;
}

/* Rack rate of each new room type: the mean nightly rate paid for it. */
int
import_hb_finish(struct ctx *x, struct hbstate *st)
{
	struct room_type rt;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < st->nt && x->dberr == NULL; i++) {
		if (st->t[i].n == 0 || !st->t[i].created)
			continue;
		memset(&rt, 0, sizeof rt);
		rt.hotel_id = st->t[i].hotel;
		rt.code = st->t[i].code;
		rt.name = xasprintf("Room type %s", rt.code);
		rt.tier = 0;
		rt.rate = st->t[i].sum / st->t[i].n;
		if (store_room_type_put(x->s, &rt, &st->t[i].id, &cause) != 0)
			import_dbfail(x, cause);
		free(rt.name);
	}
	return x->dberr ? -1 : 0;
}
