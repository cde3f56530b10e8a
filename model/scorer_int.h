/*
 * scorer_int.h — what the scorer's files share (model/scorer*.c only;
 * the public interface is model/scorer.h): the scorer, its candidates, and
 * the helpers the gathering of evidence, the ranking and the explanations
 * all use.
 */
#ifndef UPLIFT_SCORER_INT_H
#define UPLIFT_SCORER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/scorer.h"

#define WILSON_Z        1.96   /* 95 %: the bound a cross-sell must pass */

#define TAKE_MENTION    10     /* offers before "taken by ..." is said   */

#define REFILL_MIN      3      /* ... of their mean, over 3+ orders      */
/* A refill due ranks at least this share of the best relevance times
 * how often the buyer takes it (the kind is chosen after relevance: a
 * refill the ranker rates higher keeps its own score). */
#define REFILL_LIFT     0.3
/* While picking, another kind takes the place of a third of a kind
 * only when it scores at least this share of that third one. */
#define RANK_CROWD_SHARE 0.5
/* A basket item costing this many times each other one is the purchase
 * (a laptop among groceries): one of the first RANK_MAJOR_PLACE
 * suggestions speaks of it. */
#define RANK_MAJOR_FACTOR 10
#define RANK_MAJOR_PLACE  3

/* What the scorer learns about one candidate (catalogue index). */
struct cand {
	double   p;           /* relevance: chance it is the next item     */
	uint32_t src;         /* basket item of the best evidence, or MAX  */
	int      src_range;   /* 1: of src's whole family                  */
	uint32_t together;    /* orders with src and this one ...          */
	uint32_t base;        /* ... of the orders with src                */
	double   lift;
	double   upgrade;     /* > 0: an upgrade of up_from (its share)    */
	uint32_t up_from;
	double   refill;      /* > 0: a refill (the share of visits)       */
	uint32_t refill_of;   /* the bought item (itself, or a smaller size) */
	int      refill_every;
	double   curated;     /* > 0: completes curated bundle curated_ix  */
	size_t   curated_ix;
	int64_t  curated_diff;
	int      seasonal;
	int      over_cap;    /* dearer than cross_sell_percent allows: said
	                       * only on strong pair evidence with a basket
	                       * item of its category costing as much      */
	uint32_t own;         /* the buyer's orders holding it, when that is
	                       * its evidence (a regular of theirs)        */
	int      kind;
	double   score;
};

/* A candidate's evidence while scorer_find_evidence() gathers it. */
struct evwork {
	double   best;        /* the best lower bound of the lift so far  */
	uint32_t together;    /* of a family's range: orders together     */
	int      main;        /* best is from the basket's main item      */
};

struct scorer {
	const struct catalog *c;
	const struct model   *m;
	struct scorer_config  cfg;
	struct rel           *rel;
	uint32_t             *m2c;       /* model index -> catalogue index */
	uint32_t             *c2m;       /* catalogue index -> model index */
	struct cand          *cand;      /* by catalogue index              */
	uint32_t             *touched;   /* candidates in use               */
	size_t                ntouched;
	uint8_t              *in_basket;
	uint8_t              *used;      /* cand[i] is in touched[]        */
	uint8_t              *fam_in;    /* by fam_start: a family in the
	                                  * basket                          */
	uint32_t             *picked;    /* scratch of rank_pick: the
	                                  * suggestions' catalogue indexes  */
	const struct scorer_visit *visit; /* the call's, or NULL          */
	uint32_t             *seasonal;  /* items with a season             */
	int                   rhythms;   /* some item has refill_days: the
	                                  * catalogue marks its consumables */
	size_t                nseasonal;
	uint32_t             *order;     /* scratch: basket, then ranking   */
	size_t                nbasket;   /* this call's distinct basket
	                                  * items, order[0..nbasket)        */
	uint32_t             *mbasket;   /* scratch: the basket in model
	                                  * indexes                         */
	uint8_t              *seen;      /* scratch: in mbasket already     */
	int64_t              *bqty;      /* scratch: units in the basket, by
	                                  * catalogue index                 */
	uint32_t             *pending;   /* scratch: cross-sells waiting for
	                                  * their evidence                  */
	uint32_t             *evslot;    /* scratch, by model index: 1 + the
	                                  * candidate's place in pending, or 0 */
	struct evwork        *ev;        /* scratch, by place in pending    */
	double               *pair_low;  /* by model pair entry (of a with
	                                  * b): the lower bound of the
	                                  * pair's lift, b's evidence from a;
	                                  * 0 under min_pair_orders         */
	uint32_t             *take_off;  /* [ci * SUG_NKINDS + kind]       */
	uint32_t             *take_acc;
	double                take_avg[SUG_NKINDS];
};

/* sc->pair_low for sc->m, new: what the evidence of every call reads. */
void scorer_pair_bounds(struct scorer *sc);

/* The Beta-binomial estimate of the take rate of item ci as kind. */
double scorer_take(const struct scorer *sc, uint32_t ci, int kind,
    uint32_t *offered, uint32_t *taken);

/*
 * Candidate ci of this ranking, made fresh (no evidence yet) the first
 * time it is touched.
 */
struct cand *scorer_touch(struct scorer *sc, uint32_t ci);

/* The brand tier this buyer usually buys: the most bought (by orders). */
int scorer_usual_brand_tier(const struct scorer *sc, const struct buyer *b);

/*
 * Days between purchases of a consumable: the item's (or its category's)
 * refill_days, else a learned regular repurchase: REFILL_MIN+ orders whose
 * gaps vary by at most REFILL_CV_MAX of their mean.  0: no rhythm (it
 * does not run out, or not on any beat).
 */
int scorer_rhythm_days(const struct item *it, const struct bought *bo);

/*
 * The best significant evidence that basket items bidx[0..nb) bring each
 * candidate cis[0..n) (into its cand): at least min_pair_orders orders
 * together, and the Wilson lower bound of P(candidate | basket item) above
 * P(candidate) — lift above 1 beyond doubt.  A basket item of a family
 * also counts for its whole range (the sleeve goes with every size of the
 * laptop).  Each basket item's partners are read once for all the
 * candidates, not searched for each one.
 */
void scorer_find_evidence(struct scorer *sc, const uint32_t *cis, size_t n,
    const uint32_t *bidx, size_t nb);

/* The relevance pool: p for each candidate the ranker put forward. */
double scorer_add_relevance(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, size_t n, int64_t now);

/*
 * Curated bundles with exactly one item missing from the basket, one of
 * it in the set, and every other item there in the set's quantity: that
 * item, at the price that makes the set cost the bundle price.
 */
void scorer_add_curated(struct scorer *sc);

/*
 * Upgrades of the basket's items bidx[0..nb): the same family a tier up,
 * within the price cap (the buyer's usual brand tier first).
 */
void scorer_add_upgrades(struct scorer *sc, const struct buyer *b,
    const uint32_t *bidx, size_t nb);

/*
 * Refills due: what buyer b buys on a rhythm (3+ orders, regular gaps) and
 * last bought about a rhythm ago (as of now).
 */
void scorer_add_refills(struct scorer *sc, const struct buyer *b, int64_t now);

/*
 * The season's items (as of now) that go with the basket's items
 * bidx[0..nb).
 */
void scorer_add_seasonal(struct scorer *sc, const uint32_t *bidx, size_t nb,
    int64_t now);

/* Fill suggestion s for candidate ci. */
void scorer_describe(const struct scorer *sc, const struct cand *kd,
    uint32_t ci, const struct buyer *b, int64_t basket_cost, int64_t now,
    struct suggestion *s);

#endif
