/*
 * cmd_hotel.c — uplift upgrades: the room upgrades a reservation could be
 * offered, each free on every night of the stay, per night and in total.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/config.h"
#include "model/civil.h"
#include "model/hotel.h"
#include "model/money.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

int
cmd_upgrades(struct app *a, int argc, char **argv)
{
	struct hotel_snapshot snap;
	struct hotel_inventory inv;
	struct hotel_pricing p;
	struct hotel_offer o[16];
	struct reservation r;
	struct store *s;
	char *hotel = NULL, *code = NULL, *v, *cause = NULL, cur[4];
	char m1[32], m2[32], m3[32], date[16];
	int64_t hid, rid, booked;
	size_t n, k, t;
	int i, rc, scale;

	for (i = 1; i < argc; i++) {
		if ((rc = app_opt(&i, argc, argv, "--hotel", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			hotel = v;
		} else if (argv[i][0] == '-' || code != NULL) {
			app_error("usage: uplift upgrades --hotel NAME "
			    "CONFIRMATION");
			return EXIT_USAGE;
		} else
			code = argv[i];
	}
	if (hotel == NULL || code == NULL) {
		app_error("usage: uplift upgrades --hotel NAME CONFIRMATION");
		return EXIT_USAGE;
	}
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	store_currency(s, cur, &scale);
	if ((rc = store_hotel_id(s, hotel, &hid, &cause)) != 1 ||
	    (rc = store_reservation_id(s, hid, code, &rid, &cause)) != 1 ||
	    (rc = store_reservation_get(s, rid, &r, &cause)) != 1) {
		if (rc == 0)
			app_error("no such hotel or reservation");
		else
			app_error("%s", cause);
		free(cause);
		store_close(&s);
		return rc == 0 ? EXIT_FAIL : EXIT_FAIL;
	}
	if (store_hotel_snapshot(s, hid, r.arrival, r.arrival + r.nights,
	    &snap, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		reservation_clear(&r);
		store_close(&s);
		return EXIT_FAIL;
	}
	inv.types = snap.types;
	inv.ntypes = snap.ntypes;
	inv.stays = snap.stays;
	inv.nstays = snap.nstays;
	p.floor = 0;
	p.cap_percent = a->config->upgrade_cap_percent;
	booked = r.assigned_type_id ? r.assigned_type_id : r.room_type_id;
	n = hotel_upgrades(&inv, booked, r.rate, r.arrival, r.nights, r.id, &p,
	    o, sizeof o / sizeof o[0]);
	civil_format_date(r.arrival, date, sizeof date);
	money_format(r.rate, scale, 1, m1, sizeof m1);
	printf("# %s", date);
	printf(" · %d night%s · ", r.nights, r.nights == 1 ? "" : "s");
	for (t = 0; t < snap.ntypes; t++)
		if (snap.types[t].id == booked)
			text_fputs(snap.types[t].name, stdout);
	printf(" at %s %s a night%s\n", m1, cur, snap.estimated ?
	    " · rooms estimated from the busiest night" : "");
	for (k = 0; k < n; k++) {
		for (t = 0; t < snap.ntypes; t++)
			if (snap.types[t].id == o[k].type_id)
				text_fputs(snap.types[t].name, stdout);
		money_format(o[k].per_night, scale, 1, m2, sizeof m2);
		money_format(o[k].total, scale, 1, m3, sizeof m3);
		printf("\t+%s a night (+%d%%)\t+%s for %d night%s\n", m2,
		    o[k].pct, m3, r.nights, r.nights == 1 ? "" : "s");
	}
	if (n == 0)
		printf("no higher room type is free on every night within the "
		    "cap\n");
	store_hotel_snapshot_free(&snap);
	reservation_clear(&r);
	store_close(&s);
	return EXIT_OK;
}
