/*
 * store_report — what the store reports: counts, baskets with and without an
 * offer, the offer log grouped and by script variant, uplift check.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_REPORT_H
#define UPLIFT_STORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

struct store;

int store_stats(struct store *s, struct store_stats *st, char **cause);

/* Sales from `from` to before `to` that took an offer, and the others. */
int store_basket_averages(struct store *s, int64_t from, int64_t to,
    struct basket_average *with, struct basket_average *without,
    char **cause);

/*
 * The offer log grouped by `by` (enum offers_by) for offers made at or
 * after from and before to (civil seconds), training rows left out, by
 * key.  Free with store_offer_groups_free().
 */
int store_offer_groups(struct store *s, int by, int64_t from, int64_t to,
    struct offer_group **out, size_t *n, char **cause);
void store_offer_groups_free(struct offer_group **g, size_t n);

/* Called with each problem store_verify() finds: a sentence naming the
 * object, the audit row or the clerk. */
typedef void (*store_problem_fn)(void *arg, const char *problem);

/*
 * Check the database as `uplift check` does: PRAGMA integrity_check;
 * the schema against the one uplift's migrations make (every table,
 * index and trigger — the audit log's guards among them — there and as
 * made, nothing added); the audit log's chain (ids from 1 without a gap,
 * each row's prev the hash of the row before, each hash what its row
 * says, the last row the head kept in meta) naming the first row where
 * it breaks; and each clerk's role against the last one the audit log
 * gave them.  fn gets each problem.  Returns how many (0: all is well)
 * and *rows the audit rows checked, or -1 with *cause.
 */
int store_verify(struct store *s, store_problem_fn fn, void *arg,
    int64_t *rows, char **cause);

/*
 * Count the offer log rows per script variant for offers made at or after
 * `from` and before `to` (civil seconds; INT64_MIN and INT64_MAX for no
 * bound).  Training rows and rows without a variant (NULL or "") never
 * count.  *out gets *n records sorted by variant (byte order), each with
 * at least one row in the period, as ONE malloc'd block holding the
 * strings too: free it with free().  No rows: *out NULL and *n 0.
 * Returns 0, or -1 with *cause (then *out is NULL and *n 0).
 */
int store_variant_counts(struct store *s, int64_t from, int64_t to,
    struct variant_count **out, size_t *n, char **cause);

#endif
