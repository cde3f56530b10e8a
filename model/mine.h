/*
 * mine — the mined model: item co-occurrence over orders, and rules with
 * two-item antecedents, in one compact binary blob the counter loads in
 * milliseconds (it is used in place, not parsed).
 *
 * Counting: every order counts once per pair.  Items are scanned through
 * their order lists (tid lists) with a small dense scratch row per item,
 * so the work is sum(k^2) over orders of k items and the memory is linear
 * in the history, not quadratic in the catalogue.  Support, confidence and
 * lift of a pair are derived from the stored counts:
 *     support(a,b)    = count(a,b) / N
 *     confidence(a⇒b) = count(a,b) / freq(a)
 *     lift(a,b)       = count(a,b) * N / (freq(a) * freq(b))
 */
#ifndef UPLIFT_MINE_H
#define UPLIFT_MINE_H

#include <stddef.h>
#include <stdint.h>

struct baskets;

#define MODEL_MAGIC   "UPM1"
#define MODEL_NAME    "cooccurrence"   /* the row in the model table */

struct model_pair {
	uint32_t item;     /* partner (model item index)             */
	uint32_t count;    /* orders holding both                    */
};

struct model_rule3 {
	uint32_t a, b;     /* antecedent, a < b (model item indexes) */
	uint32_t c;        /* consequent                             */
	uint32_t count_ab; /* orders holding a and b                 */
	uint32_t count;    /* orders holding a, b and c              */
};

struct mine_params {
	uint32_t top_partners;    /* partners kept per item (default 64)      */
	uint32_t min_pair;        /* pair count kept, at least 2 (default 2)   */
	double   rule_support;    /* {a,b} needs count >= this * N (0.01)     */
	uint32_t rule_min_count;  /* ... and at least this many (5)           */
	double   rule_confidence; /* {a,b} ⇒ c kept at this confidence (0.25) */
	uint32_t rule_top;        /* consequents kept per {a,b} (8)           */
	uint32_t rule_pairs_max;  /* antecedent pairs examined at most (20000) */
};

struct mine_stats {
	uint32_t nbaskets, nitems, items_bought;
	uint64_t pair_occurrences;   /* sum over orders of C(k, 2)          */
	uint64_t pairs_ge2;          /* distinct pairs in >= min_pair orders */
	uint64_t partners_kept;      /* (item, partner) entries stored      */
	uint32_t rule_pairs;         /* antecedent pairs examined            */
	uint32_t rules3;             /* {a,b} ⇒ c rules stored               */
};

/* The defaults above. */
struct mine_params mine_default_params(void);

/*
 * Mine b into a new blob (malloc'd, *size bytes) stamped with built.
 * Returns 0 and fills *st (if not NULL); -1 with *cause.
 */
int mine_build(const struct baskets *b, const struct mine_params *p,
    int64_t built, void **blob, size_t *size, struct mine_stats *st,
    char **cause);

struct store;

/*
 * Mine the store's order history (sale orders before `before`, civil
 * seconds; INT64_MAX for all) with the default parameters and save the
 * model in it, stamped with built.  Fills *st and *size (bytes saved) when
 * not NULL.  0, or -1 with *cause.
 */
int mine_rebuild(struct store *s, int64_t before, int64_t built,
    struct mine_stats *st, size_t *size, char **cause);

/* A model in use: pointers into its blob. */
struct model {
	void                     *blob;       /* owned                     */
	size_t                    size;
	uint32_t                  nbaskets;   /* N                         */
	uint32_t                  nitems;
	int64_t                   built;
	uint64_t                  pairs_ge2;
	const int64_t            *store_id;   /* item index -> store id    */
	const uint32_t           *freq;       /* orders holding the item   */
	const uint32_t           *pstart;     /* partners of i: pairs[pstart[i] .. pstart[i+1]) */
	const struct model_pair  *pairs;      /* by count, descending      */
	const struct model_rule3 *rules3;     /* sorted by (a, b, -count)  */
	uint32_t                  nrules3;
	uint32_t                 *by_store;   /* store id -> index, or UINT32_MAX (owned) */
	int64_t                   max_store;
};

/*
 * Take over blob (size bytes) and check it: magic, version, byte order,
 * every offset and index in range.  Returns 0, or -1 with *cause (and the
 * blob freed).
 */
int model_open(struct model *m, void *blob, size_t size, char **cause);

/* Free the model; safe on a zeroed struct. */
void model_close(struct model *m);

/* The model index of store item id, or UINT32_MAX if it has none. */
uint32_t model_index(const struct model *m, int64_t store_id);

/* Orders holding both a and b (0 if not among a's kept partners). */
uint32_t model_pair_count(const struct model *m, uint32_t a, uint32_t b);

/*
 * The rules {a,b} ⇒ c for the antecedent {a,b} (either order): a pointer
 * to the first and their number in *n, or NULL.
 */
const struct model_rule3 *model_rules3(const struct model *m, uint32_t a,
    uint32_t b, size_t *n);

#endif
