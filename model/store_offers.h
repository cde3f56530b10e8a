/*
 * store_offers — the offer log in the store: offers shown and answered, and
 * what the scorer learns from them.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_OFFERS_H
#define UPLIFT_STORE_OFFERS_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "model/types_buyer.h"

struct store;

/*
 * The counter's offers per item and kind: how often each was shown and
 * how often accepted (training left out).  Free *out with free().
 */
int store_take_rates(struct store *s, struct take_rate **out, size_t *n,
    char **cause);

/*
 * The offers accepted or declined by customer_id at or after `since`,
 * newest first (training offers excluded).  Free *out with free().
 */
int store_past_offers(struct store *s, int64_t customer_id, int64_t since,
    struct past_offer **out, size_t *n, char **cause);

/*
 * Append an offer to the log in its own transaction (BEGIN IMMEDIATE ..
 * COMMIT): when this returns 0 the row is durable and *id is its id (the
 * id it already had, when a row with its jkey is there).
 */
int store_offer_add(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause);

/* store_offer_add() inside the caller's transaction.  0 or -1. */
int store_offer_put(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause);

/* Inside the caller's transaction: the reason of declined offer id (>
 * 0), or of the one with key jkey; a row that is not there is no error
 * (replays: the journal may hold reasons of rows never saved).  0 or -1. */
int store_offer_set_reason(struct store *s, int64_t id, const char *jkey,
    int reason, char **cause);

/*
 * Take back the answer (accepted or declined) of offer row id at civil
 * time `at`: the row is marked undone, never deleted, so that reports
 * count the net result (as the desk's undo does, store_hotel.h).  0 done,
 * 1 nothing to take back (no such answer, or undone already), -1 error
 * with *cause.
 */
int store_offer_undo(struct store *s, int64_t id, int64_t at, char **cause);

/* Record the reason (1..5) of declined offer id, in its own transaction;
 * fails if id is not a declined offer. */
int store_offer_reason(struct store *s, int64_t id, int reason, char **cause);

#endif
