/*
 * store_hotel — hotels in the store: hotels, room types, rooms and
 * reservations, the snapshot model/hotel.h computes on, pricing, and
 * what the desk sells (add-ons, upgrades).
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_HOTEL_H
#define UPLIFT_STORE_HOTEL_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "model/hotel.h"
#include "model/types_hotel.h"

struct store;

/* Find or create the hotel named name; *id gets its id.  Returns 1 if it
 * was created, 0 if it was there, -1 on error. */
int store_hotel_put(struct store *s, const char *name, int64_t *id,
    char **cause);

/* Find a hotel by name (without creating it): 1, 0 or -1. */
int store_hotel_id(struct store *s, const char *name, int64_t *id,
    char **cause);

/* Find a room type by (hotel, code): 1, 0 or -1. */
int store_room_type_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause);

/* Insert or update (by hotel and code) a room type. */
int store_room_type_put(struct store *s, const struct room_type *rt,
    int64_t *id, char **cause);

/* Find a room by (hotel, number): 1, 0 or -1. */
int store_room_id(struct store *s, int64_t hotel_id, const char *number,
    int64_t *id, char **cause);

/* Insert or update (by hotel and number) a room of a room type. */
int store_room_put(struct store *s, int64_t hotel_id, const char *number,
    int64_t room_type_id, char **cause);

/* Find a reservation by (hotel, confirmation): 1, 0 or -1. */
int store_reservation_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause);

/* Insert a new reservation (its code must be new for the hotel). */
int store_reservation_add(struct store *s, const struct reservation *r,
    int64_t *id, char **cause);

/*
 * The snapshot of hotel_id for nights from .. to - 1 (civil days): room
 * types, rooms per type and the active (not cancelled, not no-show) stays
 * that touch those nights.  Free with store_hotel_snapshot_free().
 */
int store_hotel_snapshot(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct hotel_snapshot *snap, char **cause);
void store_hotel_snapshot_free(struct hotel_snapshot *snap);

/*
 * How often the active reservations of hotel_id were assigned a room type
 * other than the one booked, per (booked, assigned) pair: the evidence of
 * which moves happen.  *out is owned by the caller (free()).
 */
int store_hotel_moves(struct store *s, int64_t hotel_id,
    struct hotel_move **out, size_t *n, char **cause);

/*
 * store_hotel_moves() per market segment (reservations without one left
 * out).  Free with store_segment_moves_free().
 */
int store_hotel_segment_moves(struct store *s, int64_t hotel_id,
    struct segment_move **out, size_t *n, char **cause);
void store_segment_moves_free(struct segment_move **m, size_t n);

/*
 * The ids of the active reservations of hotel_id arriving on days from ..
 * to - 1, by arrival then id.  *ids is owned by the caller (free()).
 */
int store_hotel_arrivals(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, int64_t **ids, size_t *n, char **cause);

/*
 * Save add-on code of hotel_id (name, and a's price, per, day served,
 * validity and daily inventory; a->id is ignored), replacing the one of
 * that code.  0 added, 1 replaced, -1 error with *cause.
 */
int store_addon_put(struct store *s, int64_t hotel_id, const char *code,
    const char *name, const struct hotel_addon *a, char **cause);

/*
 * Set hotel_id's own pricing of room upgrades: its cap (0..500, -1: the
 * configuration's) and its floor a night.  0 or -1 with *cause.
 */
int store_hotel_set_pricing(struct store *s, int64_t hotel_id,
    int cap_percent, int64_t floor, char **cause);

/* The tier of room type type_id.  0, or -1 with *cause. */
int store_room_type_tier(struct store *s, int64_t type_id, int *tier,
    char **cause);

/* Set the supplement a night for the step from_type → to_type (room type
 * ids of one hotel).  0 added, 1 replaced, -1 error with *cause. */
int store_supplement_put(struct store *s, int64_t from_type, int64_t to_type,
    int64_t per_night, char **cause);

/*
 * hotel_id's pricing: its cap (-1 when it has none of its own), its floor
 * and its set supplements (*m owned by the caller, free()).  0 or -1.
 */
int store_hotel_pricing(struct store *s, int64_t hotel_id, int *cap_percent,
    int64_t *floor, struct hotel_supplement **m, size_t *n, char **cause);

/*
 * The add-ons of hotel_id and their sales (of reservations not cancelled)
 * touching days from .. to (inclusive).  Free with store_addons_free().
 */
int store_hotel_addons(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct store_addons *x, char **cause);
void store_addons_free(struct store_addons *x);

/*
 * The reservations of hotel_id the desk looks for: with text NULL, the
 * active ones arriving on day; else those whose confirmation or guest's
 * name holds text (any case), confirmations starting with it first, then
 * the stays nearest day.  At most limit; each row's `matched` says how
 * many there are in all.  Free with
 * store_reservation_rows_free().
 */
int store_reservations_find(struct store *s, int64_t hotel_id,
    const char *text, int64_t day, size_t limit, struct reservation_row **out,
    size_t *n, char **cause);
void store_reservation_rows_free(struct reservation_row **rows, size_t n);

/* The add-ons declined for reservation res_id (offer rows of outcome
 * declined, not undone; their ids, ascending).  *ids is owned by the
 * caller. */
int store_reservation_addons_declined(struct store *s, int64_t res_id,
    int64_t **ids, size_t *n, char **cause);

/* The add-ons sold to reservation res_id (their ids, ascending).  *ids is
 * owned by the caller. */
int store_reservation_addons(struct store *s, int64_t res_id, int64_t **ids,
    size_t *n, char **cause);

/*
 * The stays of guest_id at hotel_id checked out (a stay booked, never
 * checked in, spent nothing) and arriving before day `before`, newest
 * first.  *out is owned by the caller.
 */
int store_guest_stays(struct store *s, int64_t hotel_id, int64_t guest_id,
    int64_t before, struct guest_stay **out, size_t *n, char **cause);

/*
 * The room types declined for reservation res_id (offers logged with its
 * id).  *types is owned by the caller.
 */
int store_reservation_declined(struct store *s, int64_t res_id,
    int64_t **types, size_t *n, char **cause);

/*
 * Sell add-on addon_id to reservation res_id: units a day for the days
 * day .. day+days-1, total for the stay.  In one BEGIN IMMEDIATE
 * transaction that checks again, day by day, the add-on's daily inventory
 * (sales of cancelled stays free theirs), that the stay is booked or
 * checked in and that it does not have it yet.  0 sold, 1 refused (nothing changed; *cause says why), -1 error.
 */
int store_addon_sell(struct store *s, int64_t res_id, int64_t addon_id,
    int64_t day, int days, int units, int64_t total, char **cause);

/* A reservation by id (strings owned by *r): 1 found, 0 not, -1 error. */
int store_reservation_get(struct store *s, int64_t id, struct reservation *r,
    char **cause);

/*
 * Move reservation res_id to room type type_id from night `from` on (the
 * arrival, or a later night for a stay in house: it is kept as moved_on),
 * adding supplement to its nightly rate, in one BEGIN IMMEDIATE
 * transaction that first checks that a room of that type is still free
 * on every night of the stay from then on (other desks' upgrades
 * included).  The first upgrade keeps the booked rate and the type held
 * before it (booked_rate, prior_type_id) for undoing it.  Returns 0 when
 * done; 1 when the type is no longer free, the stay already holds it, or
 * the stay is not booked or checked in (nothing changed; *cause says
 * which); -1 on error.
 */
int store_reservation_upgrade(struct store *s, int64_t res_id,
    int64_t type_id, int64_t supplement, int64_t from, char **cause);

/*
 * Undo the desk's upgrades of reservation res_id at `at` (civil seconds):
 * back to the type held before them and the booked rate, in one BEGIN
 * IMMEDIATE transaction that checks a room of that type is free on every
 * night from `from` (civil day) to the departure; the accepted upgrade
 * rows of the stay are marked undone (kept, never deleted).  0 done; 1
 * refused (no upgrade to undo, or the room booked is taken meanwhile:
 * *cause says which); -1 error.
 */
int store_upgrade_undo(struct store *s, int64_t res_id, int64_t from,
    int64_t at, char **cause);

/*
 * Withdraw the guest's decline of room type type_id (addon_id 0) or of
 * add-on addon_id (type_id 0) for reservation res_id: its rows are marked
 * undone at `at`.  0 done, 1 nothing to withdraw, -1 error.
 */
int store_decline_undo(struct store *s, int64_t res_id, int64_t type_id,
    int64_t addon_id, int64_t at, char **cause);

/*
 * Take add-on addon_id off reservation res_id (its daily units are free
 * again) and mark its accepted rows undone at `at`, in one transaction.
 * 0 done, 1 the stay does not have it, -1 error.
 */
int store_addon_undo(struct store *s, int64_t res_id, int64_t addon_id,
    int64_t at, char **cause);

/*
 * The names of the hotels, by name (*names owned by the caller: free each
 * and the array).  0 or -1 with *cause.
 */
int store_hotel_names(struct store *s, char ***names, size_t *n,
    char **cause);

#endif
