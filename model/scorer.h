/*
 * scorer — the few suggestions worth making for who is at the counter and
 * what is in the basket, each with a kind, a price difference and a
 * one-line explanation made only of real figures.
 *
 * Pure and deterministic: it reads the catalogue, the mined model, the
 * buyer's history and the basket, and takes the time as an argument.  Ties
 * are broken by item id.  A scorer keeps a workspace so that a call
 * allocates nothing; one scorer serves one thread.
 *
 * Relevance first, then the kind.  The relevance ranker (relevance.h)
 * gives each candidate the probability p that it is the next item rung up
 * (a softmax over its candidate pool, with the weights fitted on the
 * shop's own history).  A candidate is then offered as:
 *   BUNDLE    completing a curated bundle (the one item missing, priced so
 *             that the set costs the bundle price); or a cross-sell: an
 *             item with significant evidence of being bought with an item
 *             in the basket — in at least min_pair_orders orders, and the
 *             95 % Wilson lower bound of P(item | basket item) above its
 *             share of all orders (lift > 1 beyond doubt).
 *   UPGRADE   same family, higher tier; the price jump at most
 *             upgrade_cap_percent of the basket item's price; never a
 *             lower brand tier than the buyer usually buys (nor than the
 *             item itself); in stock.
 *   REFILL    a consumable the buyer buys on a rhythm and is due for:
 *             the item's (or its category's) refill_days, or a learned
 *             regular repurchase (3+ orders whose gaps vary by at most
 *             half their mean); not for a buyer who has lapsed (more than
 *             lapse_cycles rhythms since the last purchase); or the next
 *             size up of a due item in the basket bought 3+ times.
 *   SEASONAL  in season today and fitting the basket (same category as a
 *             basket item, or a significant partner of one).
 * Anything else is not said at the counter, however relevant.
 * Guardrails: never an item in the basket, a service (postage, fees ...),
 * out of stock, out of its season, bought within recent_days — or, for
 * an item with no refill rhythm in a catalogue that gives its
 * consumables one, within durable_days: a coat, a laptop — (unless a
 * refill is due or buying it again that soon is their habit), declined
 * within cooldown_days, or of a family already
 * in the basket (unless it is a step up of it); a cross-sell (bundle or
 * seasonal) costs at most cross_sell_percent of what the basket already
 * costs (a screen protector never brings a phone; a curated bundle is
 * exempt), or, on strong pair evidence with a basket item of its own
 * category, as much as that item (a shampoo may bring its conditioner);
 * strong is a lift's lower bound of strong_pair_lift_percent, and pair
 * evidence between two categories must be strong too (shampoo and lentils
 * bought together a little more often than by chance are no pairing to
 * say); at most max_suggestions, at most one per family.
 * Ranking: by p; an upgrade, a due refill or a curated bundle that the
 * ranker did not put first scores its own evidence (the share of the
 * family's orders that chose it; the share of visits holding it; the
 * saving) times the best p, so every kind is on the same scale.  The
 * shop's own answers then count: each score is multiplied by the item's
 * take rate for its kind over the kind's average, estimated with a
 * Beta-binomial prior (scorer_set_takes).  With objective "revenue" the
 * score is also multiplied by the estimated take rate and the price
 * difference: the expected gain of saying it.  A
 * first pass takes at most two of one kind, a second fills.
 */
#ifndef UPLIFT_SCORER_H
#define UPLIFT_SCORER_H

#include <stddef.h>
#include <stdint.h>

#include "model/buyer.h"
#include "model/types.h"

struct catalog;
struct model;

enum suggestion_kind {
	SUG_UPGRADE = 0, SUG_BUNDLE, SUG_REFILL, SUG_SEASONAL, SUG_NKINDS
};

/* "upgrade", "bundle", "refill", "seasonal"; badge: "UPGRADE" ... */
const char *scorer_kind_name(int kind);
const char *scorer_kind_badge(int kind);

enum scorer_objective { SCORER_RELEVANCE = 0, SCORER_REVENUE = 1 };

struct scorer_config {
	int  max_suggestions;     /* default 3                               */
	int  upgrade_cap_percent; /* default 25                              */
	int  cooldown_days;       /* default 30                              */
	int  recent_days;         /* default 3                               */
	int  durable_days;        /* a durable item just bought: this long,
	                           * when the catalogue marks its
	                           * consumables (default 90)                */
	int  min_pair_orders;     /* evidence for a cross-sell (default 5)   */
	int  cross_sell_percent;  /* of the basket's cost (default 50)       */
	int  strong_pair_lift_percent; /* strong pair evidence: the lift's
	                           * lower bound, percent (default 200)     */
	int  lapse_cycles;        /* no refill after this many (default 3)   */
	int  objective;           /* enum scorer_objective (relevance)       */
	int  scale;               /* money scale, for explanations           */
	char currency[4];         /* and its currency: explanations show its
	                           * decimals (money_show); "" every digit  */
	int  use_model;           /* bundles from the model (default 1)      */
	int  use_history;         /* the buyer's history weighs in (1)       */
};

/* The defaults above (scale 2). */
struct scorer_config scorer_default_config(void);

struct suggestion {
	int      kind;            /* enum suggestion_kind                    */
	int64_t  item_id;
	int64_t  base_id;         /* the item it upgrades, complements or
	                           * refills; 0 for none                     */
	int      base_range;      /* 1: together and base_orders count the
	                           * orders of base's whole family         */
	int64_t  bundle_id;       /* the curated bundle it completes, or 0:
	                           * then diff is its price in the bundle    */
	int64_t  price;           /* the suggested item's price              */
	int64_t  diff;            /* what the customer pays more             */
	int      diff_pct;        /* diff in % of the upgraded item's price,
	                           * or of the basket for an add-on          */
	double   score;           /* higher is better                        */
	double   relevance;       /* the ranker's p that it is next, or 0    */
	uint32_t offered;         /* the shop's offers of it (this kind) ... */
	uint32_t taken;           /* ... and how many were accepted          */
	uint32_t together;        /* bundle from the model: orders holding
	                           * the basket item(s) and this one ...    */
	uint32_t base_orders;     /* ... of the orders holding the basket
	                           * item(s); 0 when not from the model     */
	char     why[240];        /* one line of real figures                */
};

/* 1 when g takes the place of its base in the basket — an upgrade, or the
 * bigger size of a due item — rather than joining it. */
int scorer_replaces(const struct suggestion *g);

struct scorer;

/*
 * A scorer over catalogue c and model m (m may be NULL: no bundles).  Both
 * must outlive it.  cfg is copied.
 */
struct scorer *scorer_new(const struct catalog *c, const struct model *m,
    const struct scorer_config *cfg);

/* Free; *sp becomes NULL.  NULL-safe. */
void scorer_free(struct scorer **sp);

/*
 * The shop's answers: takes[0..n) (copied).  Replaces what an earlier
 * call gave.  Allocates; call it when the log is read, not per basket.
 */
void scorer_set_takes(struct scorer *sc, const struct take_rate *takes,
    size_t n);

/*
 * Rank suggestions for buyer b (NULL: a walk-in) and the basket (store item
 * ids, in the order they were added; unknown ids are ignored) at civil time
 * now.  Writes at most min(max, cfg max_suggestions) into out, best first,
 * and returns how many.
 */
size_t scorer_rank(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, size_t n, int64_t now, struct suggestion *out,
    size_t max);

/*
 * As scorer_rank, with the quantity of each basket line in qty[0..n)
 * (NULL: one of each): what the basket already costs, for the cap on a
 * cross-sell, counts them.
 */
size_t scorer_rank_qty(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, const int64_t *qty, size_t n, int64_t now,
    struct suggestion *out, size_t max);

/* What a visit has settled, for the next rankings of its basket (the
 * arrays borrowed for the call): items declined, not to be suggested
 * again, and items stepped up to, not to be stepped up from (one small
 * step at a time). */
struct scorer_visit {
	const int64_t *declined;
	size_t         ndeclined;
	const int64_t *stepped;
	size_t         nstepped;
};

/*
 * As scorer_rank_qty, told what the caller will leave out of what it shows
 * (visit v, NULL: nothing): the list still holds those, but the place
 * kept for the basket's purchase is kept among the others.
 */
size_t scorer_rank_visit(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, const int64_t *qty, size_t n, int64_t now,
    const struct scorer_visit *v, struct suggestion *out, size_t max);

/* 1 if visit v settled suggestion g already, so that it is left out of
 * what is shown: declined, or a step up of a line stepped up this visit.
 * The one test, for the scorer and its caller alike. */
int scorer_visit_leaves_out(const struct scorer_visit *v,
    const struct suggestion *g);

#endif
