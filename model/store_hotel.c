/*
 * store_hotel.c — the store's hotels: hotels, room types, rooms and
 * reservations, the snapshot model/hotel.h computes on, the moves guests
 * were given, a hotel's pricing and the desk's searches.  What the desk
 * sells (add-ons, upgrades) is in store_hotel_sell.c.
 */
#include "model/store_hotel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_impl.h"
#include "model/text.h"
#include "model/xalloc.h"

int
store_hotel_put(struct store *s, const char *name, int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_HOTEL_ID, cause);
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, name);
	rc = store_lookup(s, st, id, cause);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if ((st = store_stmt(s, Q_HOTEL_ADD, cause)) == NULL)
		return -1;
	bind_text(st, 1, name);
	if (store_done(s, st, cause, "cannot save a hotel") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 1;
}

int
store_hotel_id(struct store *s, const char *name, int64_t *id, char **cause)
{
	return store_code_lookup(s, Q_HOTEL_ID, name, id, cause);
}

int
store_room_type_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RT_ID, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, code);
	return store_lookup(s, st, id, cause);
}

int
store_room_type_put(struct store *s, const struct room_type *rt, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RT_PUT, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rt->hotel_id);
	bind_text(st, 2, rt->code);
	bind_text(st, 3, rt->name ? rt->name : rt->code);
	sqlite3_bind_int(st, 4, rt->tier);
	sqlite3_bind_int64(st, 5, rt->rate);
	bind_id(st, 6, rt->capacity);
	bind_text(st, 7, rt->view);
	bind_id(st, 8, rt->size_m2);
	bind_text(st, 9, rt->benefit_bn);
	bind_text(st, 10, rt->benefit_gu);
	return store_put_result(s, st, id, cause, "cannot save a room type");
}

int
store_room_id(struct store *s, int64_t hotel_id, const char *number,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ROOM_ID, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, number);
	return store_lookup(s, st, id, cause);
}

int
store_room_put(struct store *s, int64_t hotel_id, const char *number,
    int64_t room_type_id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ROOM_PUT, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, number);
	sqlite3_bind_int64(st, 3, room_type_id);
	return store_done(s, st, cause, "cannot save a room");
}

int
store_reservation_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RES_ID, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, code);
	return store_lookup(s, st, id, cause);
}

/* The parameters of Q_RES_ADD, in order. */
static const struct field reservation_params[] = {
	F_I64(reservation, hotel_id), F_TEXT(reservation, code),
	F_ID(reservation, guest_id), F_I64(reservation, arrival),
	F_INT(reservation, nights), F_I64(reservation, room_type_id),
	F_ID(reservation, assigned_type_id), F_I64(reservation, rate),
	F_INT(reservation, adults), F_INT(reservation, children),
	F_INT(reservation, status), F_INT(reservation, repeated),
	F_TEXT(reservation, segment),
};

int
store_reservation_add(struct store *s, const struct reservation *r,
    int64_t *id, char **cause)
{
	return store_put_fields(s, Q_RES_ADD, r, reservation_params,
	    NARGS(reservation_params), id, cause, "cannot save a reservation");
}

static void
stay_row(sqlite3_stmt *st, void *p)
{
	struct hotel_stay *y = p;

	y->id = sqlite3_column_int64(st, 0);
	y->type_id = sqlite3_column_int64(st, 1);
	y->arrival = sqlite3_column_int64(st, 2);
	y->nights = sqlite3_column_int(st, 3);
}

int
store_hotel_snapshot(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct hotel_snapshot *snap, char **cause)
{
	const int64_t span[] = { hotel_id, from, to };
	sqlite3_stmt *st;
	size_t i, rooms = 0;
	int rc;

	memset(snap, 0, sizeof *snap);
	if ((st = store_stmt_get(s, Q_SNAP_TYPES)) == NULL)
		return store_fail(s, cause, "cannot read the room types");
	sqlite3_bind_int64(st, 1, hotel_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hotel_type *t;
		snap->types = xreallocarray(snap->types, snap->ntypes + 1,
		    sizeof *snap->types);
		t = &snap->types[snap->ntypes++];
		t->id = sqlite3_column_int64(st, 0);
		t->tier = sqlite3_column_int(st, 1);
		t->rate = sqlite3_column_int64(st, 2);
		t->name = col_text(st, 3);
		t->rooms = sqlite3_column_int(st, 4);
		t->view = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL :
		    col_text(st, 5);
		t->size_m2 = sqlite3_column_int(st, 6);
		t->code = col_text(st, 7);
		t->benefit_bn = col_text(st, 8);
		t->benefit_gu = col_text(st, 9);
		rooms += (size_t)t->rooms;
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (store_collect_ints(s, Q_SNAP_STAYS, span, NARGS(span),
	    sizeof *snap->stays, stay_row, NULL, (void **)&snap->stays,
	    &snap->nstays, cause, "cannot read the hotel's stays") != 0) {
		store_hotel_snapshot_free(snap);
		return -1;
	}
	if (rooms == 0 && snap->ntypes > 0) {
		snap->estimated = 1;
		if ((st = store_stmt_get(s, Q_SNAP_PEAK)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, hotel_id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			for (i = 0; i < snap->ntypes; i++)
				if (snap->types[i].id ==
				    sqlite3_column_int64(st, 0))
					snap->types[i].rooms =
					    sqlite3_column_int(st, 1);
		store_end(s, st);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	return 0;
fail:
	store_hotel_snapshot_free(snap);
	return store_fail(s, cause, "cannot read the hotel's rooms");
}

/* Row clearer for store_rows_free(). */
static void
hotel_type_clear(void *p)
{
	struct hotel_type *t = p;

	free((char *)t->name);
	free((char *)t->view);
	free((char *)t->code);
	free((char *)t->benefit_bn);
	free((char *)t->benefit_gu);
}

void
store_hotel_snapshot_free(struct hotel_snapshot *snap)
{
	store_rows_free(&snap->types, snap->ntypes, sizeof *snap->types,
	    hotel_type_clear);
	free(snap->stays);
	memset(snap, 0, sizeof *snap);
}

/* Row fillers of the hotel readers, for store_collect(). */
static void
move_row(sqlite3_stmt *st, void *p)
{
	struct hotel_move *m = p;

	m->from = sqlite3_column_int64(st, 0);
	m->to = sqlite3_column_int64(st, 1);
	m->count = sqlite3_column_int64(st, 2);
}

static void
guest_stay_row(sqlite3_stmt *st, void *p)
{
	struct guest_stay *g = p;

	g->arrival = sqlite3_column_int64(st, 0);
	g->nights = sqlite3_column_int(st, 1);
	g->type_id = sqlite3_column_int64(st, 2);
	g->spend = sqlite3_column_int64(st, 3);
}

int
store_hotel_moves(struct store *s, int64_t hotel_id, struct hotel_move **out,
    size_t *n, char **cause)
{
	return store_collect_by_id(s, Q_MOVES, hotel_id, sizeof **out,
	    move_row, NULL, (void **)out, n, cause,
	    "cannot read the room moves");
}

static void
segment_move_row(sqlite3_stmt *st, void *p)
{
	struct segment_move *m = p;

	m->segment = col_text(st, 0);
	m->move.from = sqlite3_column_int64(st, 1);
	m->move.to = sqlite3_column_int64(st, 2);
	m->move.count = sqlite3_column_int64(st, 3);
}

static void
segment_move_clear(void *p)
{
	free(((struct segment_move *)p)->segment);
}

int
store_hotel_segment_moves(struct store *s, int64_t hotel_id,
    struct segment_move **out, size_t *n, char **cause)
{
	return store_collect_by_id(s, Q_SEGMENT_MOVES, hotel_id, sizeof **out,
	    segment_move_row, segment_move_clear, (void **)out, n, cause,
	    "cannot read the room moves");
}

void
store_segment_moves_free(struct segment_move **m, size_t n)
{
	store_rows_free(m, n, sizeof **m, segment_move_clear);
}

int
store_hotel_arrivals(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, int64_t **ids, size_t *n, char **cause)
{
	const int64_t arg[] = { hotel_id, from, to };

	return store_collect_ints(s, Q_ARRIVALS, arg, NARGS(arg),
	    sizeof **ids, store_id_row, NULL, (void **)ids, n, cause,
	    "cannot read the arrivals");
}

int
store_room_type_tier(struct store *s, int64_t type_id, int *tier,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_get(s, Q_RT_TIER)) == NULL)
		return store_fail(s, cause, "cannot read a room type");
	sqlite3_bind_int64(st, 1, type_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*tier = sqlite3_column_int(st, 0);
	store_end(s, st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read a room type");
	return 0;
}

int
store_hotel_set_pricing(struct store *s, int64_t hotel_id, int cap_percent,
    int64_t floor, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_get(s, Q_HOTEL_PRICING_SET)) == NULL)
		return store_fail(s, cause, "cannot save a hotel's pricing");
	sqlite3_bind_int64(st, 1, hotel_id);
	if (cap_percent < 0)
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int(st, 2, cap_percent);
	sqlite3_bind_int64(st, 3, floor);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a hotel's pricing");
	return 0;
}

int
store_supplement_put(struct store *s, int64_t from_type, int64_t to_type,
    int64_t per_night, char **cause)
{
	sqlite3_stmt *st;
	int rc, existed;

	if ((st = store_stmt_get(s, Q_SUPPL_ID)) == NULL)
		return store_fail(s, cause, "cannot read the supplements");
	sqlite3_bind_int64(st, 1, from_type);
	sqlite3_bind_int64(st, 2, to_type);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the supplements");
	existed = rc == SQLITE_ROW;
	if ((st = store_stmt_get(s, Q_SUPPL_PUT)) == NULL)
		return store_fail(s, cause, "cannot save a supplement");
	sqlite3_bind_int64(st, 1, from_type);
	sqlite3_bind_int64(st, 2, to_type);
	sqlite3_bind_int64(st, 3, per_night);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a supplement");
	return existed;
}

static void
supplement_row(sqlite3_stmt *st, void *p)
{
	struct hotel_supplement *m = p;

	m->from = sqlite3_column_int64(st, 0);
	m->to = sqlite3_column_int64(st, 1);
	m->per_night = sqlite3_column_int64(st, 2);
}

int
store_hotel_pricing(struct store *s, int64_t hotel_id, int *cap_percent,
    int64_t *floor, struct hotel_supplement **m, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*cap_percent = -1;
	*floor = 0;
	*m = NULL;
	*n = 0;
	if ((st = store_stmt_get(s, Q_HOTEL_PRICING)) == NULL)
		return store_fail(s, cause, "cannot read a hotel's pricing");
	sqlite3_bind_int64(st, 1, hotel_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*cap_percent = sqlite3_column_int(st, 0);
		*floor = sqlite3_column_int64(st, 1);
	}
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read a hotel's pricing");
	return store_collect_by_id(s, Q_SUPPLEMENTS, hotel_id, sizeof **m,
	    supplement_row, NULL, (void **)m, n, cause,
	    "cannot read the supplements");
}

int
store_guest_stays(struct store *s, int64_t hotel_id, int64_t guest_id,
    int64_t before, struct guest_stay **out, size_t *n, char **cause)
{
	const int64_t arg[] = { hotel_id, guest_id, before };

	return store_collect_ints(s, Q_GUEST_STAYS, arg, NARGS(arg),
	    sizeof **out, guest_stay_row, NULL, (void **)out, n, cause,
	    "cannot read the guest's stays");
}

int
store_reservation_declined(struct store *s, int64_t res_id, int64_t **types,
    size_t *n, char **cause)
{
	return store_collect_by_id(s, Q_RES_DECLINED, res_id, sizeof **types,
	    store_id_row, NULL, (void **)types, n, cause,
	    "cannot read the declined offers");
}

static void
reservation_row_of(sqlite3_stmt *st, void *p)
{
	struct reservation_row *r = p;

	r->id = sqlite3_column_int64(st, 0);
	r->code = col_text(st, 1);
	r->guest = col_text(st, 2);
	r->arrival = sqlite3_column_int64(st, 3);
	r->nights = sqlite3_column_int(st, 4);
	r->type_id = sqlite3_column_int64(st, 5);
	r->status = sqlite3_column_int(st, 6);
	r->matched = (size_t)sqlite3_column_int64(st, 7);
}

static void
reservation_row_clear(void *p)
{
	struct reservation_row *r = p;

	free(r->code);
	free(r->guest);
}

int
store_reservations_find(struct store *s, int64_t hotel_id, const char *text,
    int64_t day, size_t limit, struct reservation_row **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	char *pat = NULL, *fold;
	int rc;

	*out = NULL;
	*n = 0;
	if (limit == 0 || (text != NULL && *text == '\0'))
		return 0;
	if ((st = store_stmt_get(s, Q_RES_FIND)) == NULL)
		return store_fail(s, cause, "cannot search reservations");
	if (text != NULL)
		pat = store_like_escape(text);
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, pat);
	sqlite3_bind_int64(st, 3, day);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	/* a guest by the words of their name, in any order, case and
	 * accents aside (text_fold_match) */
	fold = text != NULL ? text_fold(text) : NULL;
	bind_text(st, 5, fold != NULL && *fold != '\0' ? fold : NULL);
	rc = store_collect(s, st, sizeof **out, reservation_row_of,
	    reservation_row_clear, (void **)out, n, cause,
	    "cannot search reservations");
	free(fold);
	free(pat);
	return rc;
}

void
store_reservation_rows_free(struct reservation_row **rows, size_t n)
{
	store_rows_free(rows, n, sizeof **rows, reservation_row_clear);
}

/* The columns of Q_RES_GET, in order. */
static const struct field reservation_columns[] = {
	F_I64(reservation, id), F_I64(reservation, hotel_id),
	F_TEXT(reservation, code), F_I64(reservation, guest_id),
	F_I64(reservation, arrival), F_INT(reservation, nights),
	F_I64(reservation, room_type_id), F_I64(reservation, assigned_type_id),
	F_I64(reservation, rate), F_INT(reservation, adults),
	F_INT(reservation, children), F_INT(reservation, status),
	F_INT(reservation, repeated), F_TEXT(reservation, segment),
	F_I64(reservation, booked_rate), F_I64(reservation, prior_type_id),
	F_I64(reservation, moved_on),
};

static void
reservation_get_row(sqlite3_stmt *st, void *p)
{
	store_read_fields(st, p, reservation_columns,
	    NARGS(reservation_columns));
}

int
store_reservation_get(struct store *s, int64_t id, struct reservation *r,
    char **cause)
{
	memset(r, 0, sizeof *r);
	return store_get_row(s, Q_RES_GET, id, reservation_get_row, r, cause,
	    "cannot read a reservation");
}

/* Row filler and clearer of store_hotel_names(). */
static void
name_row(sqlite3_stmt *st, void *p)
{
	*(char **)p = col_text(st, 0);
}

static void
name_clear(void *p)
{
	free(*(char **)p);
}

int
store_hotel_names(struct store *s, char ***names, size_t *n, char **cause)
{
	return store_list(s, Q_HOTEL_NAMES, sizeof **names, name_row,
	    name_clear, (void **)names, n, cause, "cannot read the hotels");
}
