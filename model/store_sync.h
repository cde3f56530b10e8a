/*
 * store_sync — the shop's side of the chain's synchronisation (sync.h):
 * what goes up read from the file, what came down written into it, the
 * watermarks and links that make both safe to repeat.  Part of the store:
 * the SQL is SQLite's and stays in model/store_sync.c.
 *
 * The local tables (schema 9): chain_mark (watermarks: "up:TABLE" the
 * highest local id the chain acknowledged, "down" the chain's horizon),
 * chain_state (the chain and shop this file belongs to, the chain's model
 * it holds), chain_link (local rows linked to the chain's: customers both
 * ways, the catalogue's items, bundles and talking points that came down;
 * own = 0 for the chain's, which triggers keep from being changed here),
 * chain_changed (rows changed after they went up, filled by triggers once
 * the file is in a chain), chain_sku (the chain's item numbers), and
 * chain_writer (a row only while uplift sync applies the chain's data,
 * inside its transaction: what lets it change the chain's rows).
 *
 * Errors as store.h: 0 or -1 with *cause.
 */
#ifndef UPLIFT_STORE_SYNC_H
#define UPLIFT_STORE_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "model/sync.h"

struct store;

/* ---- the file's place in the chain -------------------------------------- */

/*
 * Bind the file to chain chain_id as shop `shop` on its first sync; later
 * check that it is still the same chain and shop (a file synced as one
 * shop never goes up as another).  code_key (64 hex digits; NULL or ""
 * for none) is the chain's key of customer codes: the file adopts it
 * once (store_code_key_adopt: from then on a customer id that is an
 * email address or a phone number gets the same code in every shop) and
 * must keep it.  0, or -1 with *cause saying which.
 */
int store_sync_bind(struct store *s, const char *chain_id, const char *shop,
    const char *code_key, char **cause);

/* The value of chain_state key into *value (malloc'd): 1, 0 if absent,
 * -1 on error. */
int store_sync_state(struct store *s, const char *key, char **value,
    char **cause);

/* Watermark `name` into *value (0 when none yet).  0, or -1. */
int store_sync_mark(struct store *s, const char *name, int64_t *value,
    char **cause);

/* Rows waiting to go up in table t (or customers with t NULL): new ones
 * above the watermark, and changed ones.  0, or -1. */
int store_sync_pending(struct store *s, const struct sync_up *t,
    int64_t *rows, char **cause);

/* ---- up -------------------------------------------------------------------- */

/*
 * At most limit rows of t above `after` (its watermark column), in order,
 * into *out (cleared first; out->last is the last row's mark, `after`
 * when none).  For a parent's batch.  0, or -1.
 */
int store_sync_read(struct store *s, const struct sync_up *t, int64_t after,
    size_t limit, struct sync_rows *out, char **cause);

/* Every row of child table t whose mark is in (after, upto].  0, or -1. */
int store_sync_read_range(struct store *s, const struct sync_up *t,
    int64_t after, int64_t upto, struct sync_rows *out, char **cause);

/*
 * The rows of t at or below its watermark `upto` that changed since they
 * went up (t->changed), into *out; *seq gets the newest change read (give
 * it to store_sync_up_done).  0, or -1.
 */
int store_sync_read_changed(struct store *s, const struct sync_up *t,
    int64_t upto, struct sync_rows *out, int64_t *seq, char **cause);

/*
 * The chain acknowledged t's rows up to mark and its changes up to seq
 * (-1: none): in one local transaction the watermark moves forward to
 * mark (never back) and those changes are forgotten.  0, or -1.
 */
int store_sync_up_done(struct store *s, const struct sync_up *t,
    int64_t mark, int64_t seq, char **cause);

/*
 * At most limit customers made here above `after`, not erased and not
 * from the chain, as sync_customer_cols, into *out.  0, or -1.
 */
int store_sync_read_customers(struct store *s, int64_t after, size_t limit,
    struct sync_rows *out, char **cause);

/*
 * The chain acknowledged customers up to mark, with links (as
 * chain_put_customers gives them): in one local transaction each is
 * linked to the chain's customer and the watermark moves.  *suppressed
 * (malloc'd, *nsup) gets the local ids the chain had erased, for
 * store_customer_erase().  0, or -1.
 */
int store_sync_customers_done(struct store *s, const struct sync_rows *links,
    int64_t mark, int64_t **suppressed, size_t *nsup, char **cause);

/*
 * The customers made here whose record changed since they went up, as
 * sync_customer_cols with the chain's id first; *seq as
 * store_sync_read_changed.  Done with store_sync_up_done(NULL...) — see
 * store_sync_changes_done.  0, or -1.
 */
int store_sync_read_customer_changes(struct store *s, struct sync_rows *out,
    int64_t *seq, char **cause);

/* Forget the customer changes up to seq.  0, or -1. */
int store_sync_changes_done(struct store *s, const char *tbl, int64_t seq,
    char **cause);

/*
 * Customers erased here whose erasure the chain has not acknowledged:
 * their chain ids and local ids (malloc'd, *n each).  0, or -1.
 */
int store_sync_read_erasures(struct store *s, int64_t **chain_ids,
    int64_t **local_ids, size_t *n, char **cause);

/* The chain acknowledged the erasure of local customers ids[0..n). */
int store_sync_erasures_done(struct store *s, const int64_t *ids, size_t n,
    char **cause);

/*
 * Customers this file linked to the chain's without the server knowing
 * (those that came down, or were found here by their key): their local
 * ids and chain ids (malloc'd, *n each), so that the server can tell
 * whose they are in this shop's sales.  0, or -1.
 */
int store_sync_read_unlinked(struct store *s, int64_t **local_ids,
    int64_t **chain_ids, size_t *n, char **cause);

/* The server knows the links of local customers ids[0..n). */
int store_sync_linked_done(struct store *s, const int64_t *ids, size_t n,
    char **cause);

/* ---- down ------------------------------------------------------------------ */

/*
 * The chain erased its customer chain_id: erase the local customer linked
 * to it (store_customer_erase, its own transaction), if any and not
 * erased yet.  *erased is 1 when one was erased now.  0, or -1.
 */
int store_sync_erase_chain(struct store *s, int64_t chain_id, int64_t now,
    int *erased, char **cause);

/* Begin applying what came down: BEGIN IMMEDIATE, and the writer's row
 * that lets the chain's data change.  0, or -1. */
int store_sync_down_begin(struct store *s, char **cause);

/*
 * Apply rows r of down table t (sync_down_tables[]) inside the
 * transaction; shop is this shop's code (a customer it made keeps its own
 * record).  *applied gets the rows that changed something.  0, or -1.
 */
int store_sync_apply(struct store *s, const char *shop,
    const struct sync_down *t, const struct sync_rows *r, int64_t *applied,
    char **cause);

/* Save the chain's model (checksum sha) inside the transaction; from now
 * on it is the chain's here (a local rebuild is refused).  0, or -1. */
int store_sync_model_apply(struct store *s, const char *sha, int64_t built,
    const void *data, size_t size, char **cause);

/* Move the down horizon to horizon, note `now` (civil seconds) as the
 * last sync (chain_state last_sync), drop the writer's row and COMMIT.
 * 0, or -1 (rolled back). */
int store_sync_down_commit(struct store *s, int64_t horizon, int64_t now,
    char **cause);

/* Roll back what was applied.  Silent. */
void store_sync_down_rollback(struct store *s);

#endif
