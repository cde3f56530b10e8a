/*
 * store_offers.c — the store's offer log: offers shown and answered,
 * their reasons, and what the scorer learns from them (take rates, a
 * customer's past answers).
 */
#include "model/store_offers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_impl.h"
#include "model/xalloc.h"

static void
offer_row(sqlite3_stmt *st, void *p)
{
	struct past_offer *o = p;

	o->item_id = sqlite3_column_int64(st, 0);
	o->kind = sqlite3_column_int(st, 1);
	o->outcome = sqlite3_column_int(st, 2);
	o->at = sqlite3_column_int64(st, 3);
}

static void
take_row(sqlite3_stmt *st, void *p)
{
	struct take_rate *t = p;

	t->item_id = sqlite3_column_int64(st, 0);
	t->kind = sqlite3_column_int(st, 1);
	t->offered = (uint32_t)sqlite3_column_int64(st, 2);
	t->accepted = (uint32_t)sqlite3_column_int64(st, 3);
}

int
store_take_rates(struct store *s, struct take_rate **out, size_t *n,
    char **cause)
{
	return store_list(s, Q_TAKE_RATES, sizeof **out, take_row, NULL,
	    (void **)out, n, cause, "cannot read the offer log");
}

int
store_past_offers(struct store *s, int64_t customer_id, int64_t since,
    struct past_offer **out, size_t *n, char **cause)
{
	const int64_t arg[] = { customer_id, since };

	return store_collect_ints(s, Q_PAST_OFFERS, arg, NARGS(arg),
	    sizeof **out, offer_row, NULL, (void **)out, n, cause,
	    "cannot read offers");
}

/* The parameters of Q_OFFER_ADD, in order. */
static const struct field offer_params[] = {
	F_I64(offer_rec, at), F_ID(offer_rec, clerk_id),
	F_TEXT(offer_rec, counter), F_ID(offer_rec, customer_id),
	F_ID(offer_rec, item_id), F_INT(offer_rec, kind),
	F_I64(offer_rec, price_diff), F_INT(offer_rec, outcome),
	F_INT_ID(offer_rec, reason), F_TEXT(offer_rec, variant),
	F_INT(offer_rec, training), F_ID(offer_rec, reservation_id),
	F_ID(offer_rec, room_type_id), F_TEXT(offer_rec, jkey),
	F_ID(offer_rec, addon_id),
};

int
store_offer_put(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, Q_OFFER_ADD, cause)) == NULL)
		return -1;
	store_bind_fields(st, o, offer_params, NARGS(offer_params));
	if (store_done(s, st, cause, "cannot log the offer") != 0)
		return -1;
	if (sqlite3_changes(s->db) == 1) {
		*id = sqlite3_last_insert_rowid(s->db);
		return 0;
	}
	/* its key is there already: a retry after a replay, or twice in a
	 * journal */
	if ((st = store_stmt_get(s, Q_OFFER_JKEY)) == NULL)
		return store_fail(s, cause, "cannot log the offer");
	bind_text(st, 1, o->jkey);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_end(s, st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot log the offer");
	return 0;
}

int
store_offer_add(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause)
{
	*id = 0;
	if (store_begin(s, cause) != 0)
		return -1;
	if (store_offer_put(s, o, id, cause) != 0) {
		*id = 0;
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, cause) != 0) {
		*id = 0;        /* not saved: the id was never its */
		return -1;
	}
	return 0;
}

int
store_offer_set_reason(struct store *s, int64_t id, const char *jkey,
    int reason, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_get(s, id > 0 ? Q_OFFER_REASON :
	    Q_OFFER_REASON_JKEY)) == NULL)
		return store_fail(s, cause, "cannot save the reason");
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, reason);
	if (id <= 0)
		bind_text(st, 3, jkey);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save the reason");
	return 0;
}

int
store_offer_reason(struct store *s, int64_t id, int reason, char **cause)
{
	sqlite3_stmt *st;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt(s, Q_OFFER_REASON, cause)) == NULL) {
		store_rollback(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, reason);
	if (store_done(s, st, cause, "cannot save the reason") != 0) {
		store_rollback(s);
		return -1;
	}
	if (sqlite3_changes(s->db) != 1) {
		store_rollback(s);
		*cause = xstrdup("no such declined offer");
		return -1;
	}
	return store_commit(s, cause);
}

int
store_offer_undo(struct store *s, int64_t id, int64_t at, char **cause)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, Q_OFFER_UNDO, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	if (store_done(s, st, cause, "cannot undo the answer") != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}
