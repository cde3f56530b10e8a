/*
 * import_hotel.c — uplift's own hotel tables: room types, add-ons, hotels,
 * seasonal supplements, rooms and reservations.
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
#include "model/store_hotel.h"

/* ---- uplift: room types, rooms, reservations -------------------------- */

enum { RT_HOTEL, RT_CODE, RT_NAME, RT_TIER, RT_RATE, RT_CAPACITY, RT_VIEW,
    RT_SIZE, RT_BENEFIT_BN, RT_BENEFIT_GU };

int
import_read_room_types(struct ctx *x, struct file *f)
{
	struct room_type rt;
	char *hotel = NULL, *cause = NULL, *key;
	int64_t id, tier, cap, size;
	int bad = 0, existed;

	memset(&rt, 0, sizeof rt);
	bad |= import_fld_required(x, f, RT_HOTEL, &hotel);
	bad |= import_fld_required(x, f, RT_CODE, &rt.code);
	bad |= import_fld_required(x, f, RT_NAME, &rt.name);
	bad |= import_fld_int(x, f, RT_TIER, 1, 99, 1, &tier);
	bad |= import_fld_money(x, f, RT_RATE, &rt.rate);
	bad |= import_fld_int(x, f, RT_CAPACITY, 0, 100, 0, &cap);
	rt.view = import_fld_dup(f, RT_VIEW);
	rt.benefit_bn = import_fld_dup(f, RT_BENEFIT_BN);
	rt.benefit_gu = import_fld_dup(f, RT_BENEFIT_GU);
	bad |= import_fld_int(x, f, RT_SIZE, 0, 100000, 0, &size);
	if (bad == 0 && rt.rate < 0) {
		import_field_error(x, f, RT_RATE, "a rate cannot be negative");
		bad = -1;
	}
	rt.tier = (int)tier;
	rt.capacity = (int)cap;
	rt.size_m2 = (int)size;
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, rt.code);
		bad = import_unique_in_file(x, f, RT_CODE, key);
		free(key);
	}
	if (bad == 0 && import_hotel_id(x, hotel, &rt.hotel_id) == 0) {
		existed = store_room_type_id(x->s, rt.hotel_id, rt.code, &id,
		    &cause);
		if (existed < 0 ||
		    store_room_type_put(x->s, &rt, &id, &cause) != 0)
			import_dbfail(x, cause);
		else if (existed)
			x->rep->updated++;
		else
			x->rep->room_types++;
	}
	free(hotel);
	room_type_clear(&rt);
	return x->dberr ? -1 : 0;
}

/* ---- uplift: add-ons ------------------------------------------------- */

enum { AD_HOTEL, AD_CODE, AD_NAME, AD_PRICE, AD_PER, AD_FROM, AD_TO,
    AD_DAILY, AD_SERVES };

/* In enum hotel_per order. */
static const char *const addon_pers[] = { "night", "stay", "person-night",
	"person", NULL };

int
import_read_addons(struct ctx *x, struct file *f)
{
	struct hotel_addon a;
	char *hotel = NULL, *code = NULL, *name = NULL, *per = NULL;
	char *serves = NULL, *cause = NULL, *key;
	int64_t hid, daily = 0;
	int bad = 0, k, rc;

	memset(&a, 0, sizeof a);
	bad |= import_fld_required(x, f, AD_HOTEL, &hotel);
	bad |= import_fld_required(x, f, AD_CODE, &code);
	bad |= import_fld_required(x, f, AD_NAME, &name);
	bad |= import_fld_money(x, f, AD_PRICE, &a.price);
	if (import_fld_required(x, f, AD_PER, &per) != 0)
		bad = -1;
	else {
		for (k = 0; addon_pers[k] != NULL; k++)
			if (strcmp(per, addon_pers[k]) == 0)
				break;
		if (addon_pers[k] == NULL) {
			import_field_error(x, f, AD_PER,
			    "expected night, stay, "
			    "person-night or person");
			bad = -1;
		} else
			a.per = (enum hotel_per)k;
	}
	bad |= import_fld_date(x, f, AD_FROM, &a.valid_from);
	bad |= import_fld_date(x, f, AD_TO, &a.valid_to);
	bad |= import_fld_int(x, f, AD_DAILY, 0, 100000, 0, &daily);
	a.daily = (int)daily;
	serves = import_fld_dup(f, AD_SERVES);
	if (serves != NULL && strcmp(serves, "departure") == 0)
		a.on_departure = 1;
	else if (serves != NULL && strcmp(serves, "nights") != 0) {
		import_field_error(x, f, AD_SERVES,
		    "expected nights or departure");
		bad = -1;
	}
	if (bad == 0 && a.price < 0) {
		import_field_error(x, f, AD_PRICE,
		    "a price cannot be negative");
		bad = -1;
	}
	if (bad == 0 && a.valid_to < a.valid_from) {
		import_field_error(x, f, AD_TO, "before valid_from");
		bad = -1;
	}
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, code);
		bad = import_unique_in_file(x, f, AD_CODE, key);
		free(key);
	}
	if (bad == 0 && import_hotel_id(x, hotel, &hid) == 0) {
		rc = store_addon_put(x->s, hid, code, name, &a, &cause);
		if (rc < 0)
			import_dbfail(x, cause);
		else if (rc == 1)
			x->rep->updated++;
		else
			x->rep->addons++;
	}
	free(hotel);
	free(code);
	free(name);
	free(per);
	free(serves);
	return x->dberr ? -1 : 0;
}

/* Room type id of code in hotel (named in field sc); error if unknown. */
static int
room_type_of(struct ctx *x, struct file *f, int sc, int64_t hotel,
    const char *code, int64_t *id)
{
	char *cause = NULL;
	int rc = store_room_type_id(x->s, hotel, code, id, &cause);

	if (rc < 0)
		return import_dbfail(x, cause);
	if (rc == 0) {
		import_field_error(x, f, sc, "no such room type in this hotel");
		return -1;
	}
	return 0;
}

enum { HO_HOTEL, HO_CAP, HO_FLOOR };

/* A hotel's own cap (empty: the configuration's) and floor (empty: 0). */
int
import_read_hotels(struct ctx *x, struct file *f)
{
	char *hotel = NULL, *cause = NULL;
	int64_t hid, cap = -1, floor = 0;
	const char *v, *why;
	size_t len;
	int bad = 0;

	bad |= import_fld_required(x, f, HO_HOTEL, &hotel);
	v = import_fld(f, HO_CAP, &len);
	if (len > 0 && money_parse_int(v, len, 0, 500, &cap, &why) != 0) {
		import_field_error(x, f, HO_CAP, why);
		bad = -1;
	}
	v = import_fld(f, HO_FLOOR, &len);
	if (len > 0 && import_fld_money(x, f, HO_FLOOR, &floor) != 0)
		bad = -1;
	else if (floor < 0) {
		import_field_error(x, f, HO_FLOOR,
		    "a floor cannot be negative");
		bad = -1;
	}
	if (bad == 0)
		bad = import_unique_in_file(x, f, HO_HOTEL, hotel);
	if (bad == 0 && import_hotel_id(x, hotel, &hid) == 0 &&
	    store_hotel_set_pricing(x->s, hid, (int)cap, floor, &cause) != 0)
		import_dbfail(x, cause);
	else if (bad == 0 && !x->dberr)
		x->rep->updated++;
	free(hotel);
	return x->dberr ? -1 : 0;
}

enum { SU_HOTEL, SU_FROM, SU_TO, SU_PER_NIGHT };

/* A set supplement a night for a step up between two room types. */
int
import_read_supplements(struct ctx *x, struct file *f)
{
	char *hotel = NULL, *from = NULL, *to = NULL, *cause = NULL, *key;
	int64_t hid, a, b, per = 0;
	int bad = 0, rc;

	bad |= import_fld_required(x, f, SU_HOTEL, &hotel);
	bad |= import_fld_required(x, f, SU_FROM, &from);
	bad |= import_fld_required(x, f, SU_TO, &to);
	bad |= import_fld_money(x, f, SU_PER_NIGHT, &per);
	if (bad == 0 && per < 0) {
		import_field_error(x, f, SU_PER_NIGHT, "a supplement cannot be "
		    "negative");
		bad = -1;
	}
	if (bad == 0) {
		key = xasprintf("%s\037%s\037%s", hotel, from, to);
		bad = import_unique_in_file(x, f, SU_TO, key);
		free(key);
	}
	if (bad == 0 && import_hotel_id(x, hotel, &hid) == 0 &&
	    room_type_of(x, f, SU_FROM, hid, from, &a) == 0 &&
	    room_type_of(x, f, SU_TO, hid, to, &b) == 0) {
		int ta = 0, tb = 0;

		if (store_room_type_tier(x->s, a, &ta, &cause) != 0 ||
		    store_room_type_tier(x->s, b, &tb, &cause) != 0)
			import_dbfail(x, cause);
		else if (tb <= ta)
			import_field_error(x, f, SU_TO,
			    "not a higher tier than from: "
			    "an upgrade is a step up");
		else if ((rc = store_supplement_put(x->s, a, b, per,
		    &cause)) < 0)
			import_dbfail(x, cause);
		else if (rc == 1)
			x->rep->updated++;
		else
			x->rep->supplements++;
	}
	free(hotel);
	free(from);
	free(to);
	return x->dberr ? -1 : 0;
}

enum { RM_HOTEL, RM_NUMBER, RM_TYPE };

int
import_read_rooms(struct ctx *x, struct file *f)
{
	char *hotel = NULL, *number = NULL, *type = NULL, *cause = NULL, *key;
	int64_t hid, tid;
	int bad = 0;

	bad |= import_fld_required(x, f, RM_HOTEL, &hotel);
	bad |= import_fld_required(x, f, RM_NUMBER, &number);
	bad |= import_fld_required(x, f, RM_TYPE, &type);
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, number);
		bad = import_unique_in_file(x, f, RM_NUMBER, key);
		free(key);
	}
	if (bad == 0 && import_hotel_id(x, hotel, &hid) == 0 &&
	    room_type_of(x, f, RM_TYPE, hid, type, &tid) == 0) {
		int64_t rid;
		int existed = store_room_id(x->s, hid, number, &rid, &cause);
		if (existed < 0 ||
		    store_room_put(x->s, hid, number, tid, &cause) != 0)
			import_dbfail(x, cause);
		else if (existed)
			x->rep->updated++;
		else
			x->rep->rooms++;
	}
	free(hotel);
	free(number);
	free(type);
	return x->dberr ? -1 : 0;
}

enum { RS_HOTEL, RS_CODE, RS_GUEST, RS_ARRIVAL, RS_NIGHTS, RS_TYPE, RS_RATE,
    RS_ADULTS, RS_CHILDREN, RS_STATUS };

int
import_read_reservations(struct ctx *x, struct file *f)
{
	struct reservation r;
	char *hotel = NULL, *guest = NULL, *type = NULL, *status = NULL;
	char *cause = NULL, *key;
	int64_t nights, adults, children, id;
	int bad = 0, rc;

	memset(&r, 0, sizeof r);
	bad |= import_fld_required(x, f, RS_HOTEL, &hotel);
	bad |= import_fld_required(x, f, RS_CODE, &r.code);
	guest = import_fld_name(x, f, RS_GUEST);
	bad |= import_fld_date(x, f, RS_ARRIVAL, &r.arrival);
	bad |= import_fld_int(x, f, RS_NIGHTS, 1, 365, 1, &nights);
	bad |= import_fld_required(x, f, RS_TYPE, &type);
	bad |= import_fld_money(x, f, RS_RATE, &r.rate);
	bad |= import_fld_int(x, f, RS_ADULTS, 0, 50, 1, &adults);
	bad |= import_fld_int(x, f, RS_CHILDREN, 0, 50, 0, &children);
	status = import_fld_dup(f, RS_STATUS);
	r.status = status ? reservation_status_parse(status) : RES_BOOKED;
	if (r.status < 0) {
		import_field_error(x, f, RS_STATUS,
		    "expected booked, checked-in, "
		    "checked-out, cancelled or no-show");
		bad = -1;
	}
	r.nights = (int)nights;
	r.adults = (int)adults;
	r.children = (int)children;
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, r.code);
		bad = import_unique_in_file(x, f, RS_CODE, key);
		free(key);
	}
	if (bad == 0 && guest != NULL) {
		rc = import_customer_lookup(x, guest, strlen(guest),
		    &r.guest_id);
		if (rc == 2)
			x->rep->suppressed++;     /* the stay, without them */
		else if (rc == 0) {
			import_field_error(x, f, RS_GUEST, "no such customer");
			bad = -1;
		} else if (rc < 0)
			bad = -1;
	}
	if (bad == 0 && import_hotel_id(x, hotel, &r.hotel_id) == 0 &&
	    room_type_of(x, f, RS_TYPE, r.hotel_id, type, &r.room_type_id) ==
	    0) {
		rc = store_reservation_id(x->s, r.hotel_id, r.code, &id,
		    &cause);
		if (rc < 0)
			import_dbfail(x, cause);
		else if (rc == 1)
			x->rep->skipped++;
		else if (store_reservation_add(x->s, &r, &id, &cause) != 0)
			import_dbfail(x, cause);
		else
			x->rep->reservations++;
	}
	free(hotel);
	free(guest);
	free(type);
	free(status);
	reservation_clear(&r);
	return x->dberr ? -1 : 0;
}
