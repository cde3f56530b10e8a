/*
 * store_hotel_sell.c — what the hotel desk sells, in the store: add-ons
 * (listed, sold against their daily inventory) and room upgrades (against
 * the rooms still free); and undoing them, or a decline, when the guest
 * changes their mind (the offer rows are marked undone, never deleted).
 */
#include "model/store_hotel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_impl.h"
#include "model/xalloc.h"

static void
sold_row(sqlite3_stmt *st, void *p)
{
	struct hotel_addon_sold *y = p;

	y->addon_id = sqlite3_column_int64(st, 0);
	y->day = sqlite3_column_int64(st, 1);
	y->days = sqlite3_column_int(st, 2);
	y->units = sqlite3_column_int(st, 3);
}

int
store_addon_put(struct store *s, int64_t hotel_id, const char *code,
    const char *name, const struct hotel_addon *a, char **cause)
{
	sqlite3_stmt *st;
	int rc, existed;

	if ((st = store_stmt_get(s, Q_ADDON_ID)) == NULL)
		return store_fail(s, cause, "cannot read the add-ons");
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the add-ons");
	existed = rc == SQLITE_ROW;
	if ((st = store_stmt_get(s, Q_ADDON_PUT)) == NULL)
		return store_fail(s, cause, "cannot save an add-on");
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, a->price);
	sqlite3_bind_int(st, 5, (int)a->per);
	sqlite3_bind_int(st, 6, a->on_departure != 0);
	sqlite3_bind_int64(st, 7, a->valid_from);
	sqlite3_bind_int64(st, 8, a->valid_to);
	sqlite3_bind_int(st, 9, a->daily);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save an add-on");
	return existed;
}

void
store_addons_free(struct store_addons *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->names[i]);
		free(x->codes[i]);
	}
	free(x->names);
	free(x->codes);
	free(x->addons);
	free(x->sold);
	memset(x, 0, sizeof *x);
}

int
store_hotel_addons(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct store_addons *x, char **cause)
{
	const int64_t span[] = { hotel_id, from, to };
	sqlite3_stmt *st;
	int rc;

	memset(x, 0, sizeof *x);
	if ((st = store_stmt_get(s, Q_ADDONS)) == NULL)
		return store_fail(s, cause, "cannot read the add-ons");
	sqlite3_bind_int64(st, 1, hotel_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hotel_addon *a;
		x->addons = xreallocarray(x->addons, x->n + 1,
		    sizeof *x->addons);
		x->names = xreallocarray(x->names, x->n + 1, sizeof *x->names);
		x->codes = xreallocarray(x->codes, x->n + 1, sizeof *x->codes);
		x->codes[x->n] = col_text(st, 8);
		a = &x->addons[x->n];
		a->id = sqlite3_column_int64(st, 0);
		x->names[x->n] = col_text(st, 1);
		a->price = sqlite3_column_int64(st, 2);
		a->per = (enum hotel_per)sqlite3_column_int(st, 3);
		a->on_departure = sqlite3_column_int(st, 4);
		a->valid_from = sqlite3_column_int64(st, 5);
		a->valid_to = sqlite3_column_int64(st, 6);
		a->daily = sqlite3_column_int(st, 7);
		x->n++;
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (store_collect_ints(s, Q_ADDONS_SOLD, span, NARGS(span),
	    sizeof *x->sold, sold_row, NULL, (void **)&x->sold, &x->nsold,
	    cause, "cannot read the add-ons") == 0)
		return 0;
	store_addons_free(x);
	return -1;
fail:
	store_addons_free(x);
	return store_fail(s, cause, "cannot read the add-ons");
}

int
store_reservation_addons(struct store *s, int64_t res_id, int64_t **ids,
    size_t *n, char **cause)
{
	return store_collect_by_id(s, Q_RES_ADDONS, res_id, sizeof **ids,
	    store_id_row, NULL, (void **)ids, n, cause,
	    "cannot read the stay's add-ons");
}

int
store_reservation_addons_declined(struct store *s, int64_t res_id,
    int64_t **ids, size_t *n, char **cause)
{
	return store_collect_by_id(s, Q_RES_ADDONS_DECLINED, res_id,
	    sizeof **ids, store_id_row, NULL, (void **)ids, n, cause,
	    "cannot read the stay's declined add-ons");
}

int
store_addon_sell(struct store *s, int64_t res_id, int64_t addon_id,
    int64_t day, int days, int units, int64_t total, char **cause)
{
	sqlite3_stmt *st = NULL;
	int64_t daily, d;
	const char *why = NULL;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_ADDON_HAVE)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, addon_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		why = "no such add-on";
	else if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		why = "no such reservation";
	else if (sqlite3_column_int(st, 2) != RES_BOOKED &&
	    sqlite3_column_int(st, 2) != RES_CHECKED_IN)
		why = "the stay is cancelled, a no-show or checked out";
	else if (sqlite3_column_int64(st, 1) > 0)
		why = "the stay has that add-on already";
	daily = sqlite3_column_int64(st, 0);
	store_end(s, st);
	st = NULL;
	if (why == NULL && daily > 0) {
		if ((st = store_stmt_get(s, Q_ADDON_USED)) == NULL)
			goto fail;
		for (d = day; d < day + days && why == NULL; d++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, addon_id);
			sqlite3_bind_int64(st, 2, d);
			if (sqlite3_step(st) != SQLITE_ROW)
				goto fail;
			if (daily - sqlite3_column_int64(st, 0) < units)
				why = "that add-on is sold out on a day of the "
				    "stay";
		}
		store_end(s, st);
		st = NULL;
	}
	if (why != NULL) {
		store_rollback(s);
		*cause = xstrdup(why);
		return 1;
	}
	const int64_t sale[] = { res_id, addon_id, day, days, units, total };

	return store_exec_commit(s, Q_ADDON_SELL, sale, NARGS(sale),
	    "cannot add the add-on", cause);
fail:
	return store_abandon(s, st, cause, "cannot add the add-on");
}

int
store_reservation_upgrade(struct store *s, int64_t res_id, int64_t type_id,
    int64_t supplement, int64_t from, char **cause)
{
	sqlite3_stmt *st = NULL;
	int64_t arrival, nights, hotel, rooms, day, used, holds;
	int status;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_UPG_RES)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_end(s, st);
		store_rollback(s);
		*cause = xstrdup("no such reservation");
		return -1;
	}
	arrival = sqlite3_column_int64(st, 0);
	nights = sqlite3_column_int64(st, 1);
	hotel = sqlite3_column_int64(st, 2);
	status = sqlite3_column_int(st, 3);
	holds = sqlite3_column_int64(st, 4);
	store_end(s, st);
	st = NULL;
	if (status != RES_BOOKED && status != RES_CHECKED_IN) {
		store_rollback(s);
		*cause = xstrdup("the stay is cancelled, a no-show or checked "
		    "out");
		return 1;
	}
	if (holds == type_id) {
		store_rollback(s);
		*cause = xstrdup("the stay has that room type already");
		return 1;
	}
	if ((st = store_stmt_get(s, Q_UPG_ROOMS)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, type_id);
	sqlite3_bind_int64(st, 2, hotel);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	rooms = sqlite3_column_int64(st, 0);
	store_end(s, st);
	if ((st = store_stmt_get(s, Q_UPG_USED)) == NULL)
		goto fail;
	for (day = from > arrival ? from : arrival; day < arrival + nights;
	    day++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, type_id);
		sqlite3_bind_int64(st, 2, day);
		sqlite3_bind_int64(st, 3, res_id);
		if (sqlite3_step(st) != SQLITE_ROW)
			goto fail;
		used = sqlite3_column_int64(st, 0);
		if (rooms - used < 1) {
			store_end(s, st);
			store_rollback(s);
			*cause = xstrdup("that room type is no longer free on "
			    "every night of the stay");
			return 1;
		}
	}
	store_end(s, st);
	const int64_t set[] = { res_id, type_id, supplement, from };

	return store_exec_commit(s, Q_UPG_SET, set, NARGS(set),
	    "cannot upgrade the reservation", cause);
fail:
	return store_abandon(s, st, cause, "cannot upgrade the reservation");
}

/* ---- undoing the desk's answers (issue 17) ------------------------------ */

/* Mark the rows of statement q (reservation res_id, room type a, add-on
 * b, as q says) undone at `at`; how many, or -1. */
static int
mark_undone(struct store *s, enum stmt_id q, int64_t res_id, int64_t a,
    int64_t b, int64_t at)
{
	sqlite3_stmt *st = store_stmt_get(s, q);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, a);
	sqlite3_bind_int64(st, 3, b);
	sqlite3_bind_int64(st, 4, at);
	rc = sqlite3_step(st);
	store_end(s, st);
	return rc == SQLITE_DONE ? sqlite3_changes(s->db) : -1;
}

/*
 * Whether the stay res_id can go back to what it had (inside the open
 * transaction): NULL and *back, or why not.  -1 in *err on an error.
 */
static const char *
undo_check(struct store *s, int64_t res_id, int64_t from, int *err)
{
	sqlite3_stmt *st;
	int64_t arrival, nights, back, rooms, day;
	const char *why = NULL;

	*err = -1;
	if ((st = store_stmt_get(s, Q_UNDO_RES)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, res_id);
	arrival = nights = back = 0;
	if (sqlite3_step(st) != SQLITE_ROW)
		why = "no such reservation";
	else if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		why = "the stay has no upgrade to undo";
	else {
		arrival = sqlite3_column_int64(st, 0);
		nights = sqlite3_column_int64(st, 1);
		back = sqlite3_column_int64(st, 3);
	}
	store_end(s, st);
	if (why != NULL) {
		*err = 0;
		return why;
	}
	/* the room it goes back to: free again on every night left (a
	 * hotel that lists no rooms is not counted) */
	if ((st = store_stmt_get(s, Q_UNDO_ROOMS)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, back);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_end(s, st);
		return NULL;
	}
	rooms = sqlite3_column_int64(st, 0);
	store_end(s, st);
	if (rooms > 0) {
		if ((st = store_stmt_get(s, Q_UPG_USED)) == NULL)
			return NULL;
		for (day = from > arrival ? from : arrival;
		    day < arrival + nights && why == NULL; day++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, back);
			sqlite3_bind_int64(st, 2, day);
			sqlite3_bind_int64(st, 3, res_id);
			if (sqlite3_step(st) != SQLITE_ROW) {
				store_end(s, st);
				return NULL;
			}
			if (rooms - sqlite3_column_int64(st, 0) < 1)
				why = "the room type it had is no longer "
				    "free on every night left";
		}
		store_end(s, st);
	}
	*err = 0;
	return why;
}

int
store_upgrade_undo(struct store *s, int64_t res_id, int64_t from, int64_t at,
    char **cause)
{
	const char *why;
	int err;

	if (store_begin(s, cause) != 0)
		return -1;
	why = undo_check(s, res_id, from, &err);
	if (err != 0)
		goto fail;
	if (why != NULL) {
		store_rollback(s);
		*cause = xstrdup(why);
		return 1;
	}
	if (store_exec_id(s, Q_UNDO_SET, res_id, "cannot undo the upgrade",
	    cause) != 0) {
		store_rollback(s);
		return -1;
	}
	if (mark_undone(s, Q_UNDO_UPGRADES, res_id, 0, 0, at) < 0)
		goto fail;
	return store_commit(s, cause);
fail:
	return store_abandon(s, NULL, cause, "cannot undo the upgrade");
}

int
store_decline_undo(struct store *s, int64_t res_id, int64_t type_id,
    int64_t addon_id, int64_t at, char **cause)
{
	int n;

	if (store_begin(s, cause) != 0)
		return -1;
	n = type_id != 0 ?
	    mark_undone(s, Q_UNDO_DECLINE_TYPE, res_id, type_id, 0, at) :
	    mark_undone(s, Q_UNDO_DECLINE_ADDON, res_id, 0, addon_id, at);
	if (n < 0)
		return store_abandon(s, NULL, cause,
		    "cannot withdraw the decline");
	if (n == 0) {
		store_rollback(s);
		*cause = xstrdup("the guest has not declined that");
		return 1;
	}
	return store_commit(s, cause);
}

int
store_addon_undo(struct store *s, int64_t res_id, int64_t addon_id, int64_t at,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_ADDON_UNSELL)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, addon_id);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		store_rollback(s);
		*cause = xstrdup("the stay does not have that add-on");
		return 1;
	}
	if (mark_undone(s, Q_UNDO_ADDON_ROWS, res_id, 0, addon_id, at) < 0)
		goto fail;
	return store_commit(s, cause);
fail:
	return store_abandon(s, NULL, cause, "cannot take the add-on off");
}
