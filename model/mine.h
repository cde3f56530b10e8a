/*
 * mine — the mined model: for every item, its partners (the items bought
 * in the same orders, and how often one came right after the other), its
 * name neighbours, how popular and how trending it is, and the fitted
 * weights of the relevance blend (relevance.h) — in one compact binary
 * blob the counter loads in milliseconds (it is used in place, not
 * parsed).
 *
 * Counting: every order counts once per pair.  Items are scanned through
 * their order lists (tid lists) with a small dense scratch row per item,
 * so the work is sum(k^2) over orders of k items and the memory is linear
 * in the history, not quadratic in the catalogue.  Within an order, b
 * rung up d places after a (1 <= d <= MODEL_SEQ_WINDOW) adds
 * MODEL_SEQ_UNIT / d to fwd(a, b) and to bwd(b, a): exact integers.
 * Support, confidence and lift of a pair are derived from the counts:
 *     support(a,b)    = count(a,b) / N
 *     confidence(a⇒b) = count(a,b) / freq(a)
 *     lift(a,b)       = count(a,b) * N / (freq(a) * freq(b))
 *
 * The fit: the latest fit_percent of the orders (by time; by position in
 * a basket file) are held out.  A model of the earlier orders (the same
 * partners, the held-out orders' counts taken away) ranks each held-out
 * order's last item from the items rung up before it (and the one before
 * that from the ones before it, up to MINE_FIT_POSITIONS places), and the
 * weights that make the true item most likely (a softmax over the best
 * MINE_FIT_POOL candidates, L2-regularised, fitted by L-BFGS; fit.h) go
 * into the model.  With fewer than MINE_FIT_MIN usable examples (some 30
 * weights want several hundred) the defaults stay.
 * Only the baskets given are read: whatever is evaluated later must not
 * be among them.
 */
#ifndef UPLIFT_MINE_H
#define UPLIFT_MINE_H

#include <stddef.h>
#include <stdint.h>

#include "model/relevance.h"

struct baskets;

#define MODEL_MAGIC        "UPM2"
#define MODEL_NAME         "cooccurrence"   /* the row in the model table */
#define MODEL_SEQ_WINDOW   10
#define MODEL_SEQ_UNIT     2520             /* 1..10 all divide it        */
#define MODEL_TREND_DAYS   30
#define MINE_FIT_MIN       300
/* Each held-out order is asked "what next?" at up to this many of its
 * last places, and the best this many candidates (by the default
 * blend) of each question are what the fit weighs. */
#define MINE_FIT_POSITIONS 3
#define MINE_FIT_POOL      48

struct mine_pair {
	uint32_t item;     /* partner (model item index)                */
	uint32_t count;    /* orders holding both                       */
	uint32_t fwd;      /* partner rung up after: sum SEQ_UNIT/d      */
	uint32_t bwd;      /* partner rung up before                    */
};

struct mine_near {
	uint32_t item;     /* model item index                          */
	float    sim;      /* cosine of the names' words, idf-weighted  */
};

struct mine_params {
	uint32_t top_partners;    /* partners kept per item (default 64)      */
	uint32_t min_pair;        /* pair count kept, at least 2 (default 2)   */
	uint32_t names_kept;      /* name neighbours kept per item (16)        */
	int      fit;             /* fit the weights (default 1)               */
	uint32_t fit_percent;     /* held out for the fit (default 10)         */
	uint32_t fit_max;         /* held-out orders used at most (1500)       */
};

struct mine_stats {
	uint32_t nbaskets, nitems, items_bought;
	uint64_t pair_occurrences;   /* sum over orders of C(k, 2)          */
	uint64_t pairs_ge2;          /* distinct pairs in >= min_pair orders */
	uint64_t partners_kept;      /* (item, partner) entries stored      */
	uint64_t names_kept;         /* (item, neighbour) entries stored    */
	uint32_t fit_orders;         /* held-out orders                     */
	uint32_t fit_examples;       /* of those, usable (2+ items, the
	                              * last among the candidates)          */
	int      fitted;             /* 1: weights fitted; 0: defaults      */
	double   fit_hr3_default;    /* held-out hit rate @3, defaults      */
	double   fit_hr3;            /* ... with the weights kept           */
	double   weights[REL_NW];    /* the weights kept                    */
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
	uint32_t                  nrecent;    /* orders in the last
	                                       * MODEL_TREND_DAYS          */
	int64_t                   built;
	int64_t                   until;      /* the newest order's time   */
	uint64_t                  pairs_ge2;
	const int64_t            *store_id;   /* item index -> store id    */
	const uint32_t           *freq;       /* orders holding the item   */
	const uint32_t           *recent;     /* ... in the last 30 days   */
	const uint32_t           *last;       /* ... rung up last there    */
	const uint32_t           *pstart;     /* partners of i: pairs[pstart[i] .. pstart[i+1]) */
	const struct mine_pair   *pairs;      /* by partner index          */
	const uint32_t           *nstart;     /* name neighbours of i      */
	const struct mine_near   *near;       /* by similarity, descending */
	const double             *weights;    /* REL_NW                    */
	struct mine_stats         fit;        /* the fit's figures (only
	                                       * the fit_* fields)          */
	uint32_t                 *by_store;   /* store id -> index, or UINT32_MAX (owned) */
	int64_t                  *no_ids;     /* a view's store ids when its
	                                       * parts have none: all 0 (owned) */
	int64_t                   max_store;
};

/*
 * Take over blob (size bytes) and check it: magic, version, byte order,
 * every offset and index in range.  Returns 0, or -1 with *cause (and the
 * blob freed).
 */
int mine_open(struct model *m, void *blob, size_t size, char **cause);

/* Free the model; safe on a zeroed struct. */
void mine_close(struct model *m);

/*
 * Renumber the items of blob (size bytes, a model as mine_build() wrote
 * it) in place: each item's store id v becomes map(arg, v), 0 for an item
 * the store does not have.  For a model mined elsewhere (the chain's,
 * numbered by the chain's SKU registry).  0, or -1 with *cause when the
 * blob is not a model of this version (nothing changed).
 */
int mine_map_items(void *blob, size_t size,
    int64_t (*map)(void *arg, int64_t id), void *arg, char **cause);

/* The model index of store item id, or UINT32_MAX if it has none
 * (inline: the scorer asks it for every item a buyer ever bought). */
static inline uint32_t
mine_index(const struct model *m, int64_t store_id)
{
	if (store_id < 1 || store_id > m->max_store || m->by_store == NULL)
		return UINT32_MAX;
	return m->by_store[store_id];
}

/* The pair (a, b) among a's kept partners, or NULL. */
const struct mine_pair *mine_pair(const struct model *m, uint32_t a,
    uint32_t b);

/* Orders holding both a and b (0 if not among a's kept partners). */
uint32_t mine_pair_count(const struct model *m, uint32_t a, uint32_t b);

#endif
