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
 * Kinds and their rules:
 *   UPGRADE   same family, higher tier; the price jump at most cap % of the
 *             basket item's price; never a lower brand tier than the buyer
 *             usually buys (nor than the item itself); in stock.
 *   BUNDLE    a complement from the mined model (confidence of basket item
 *             ⇒ candidate, lift > 1, at least min_pair_orders orders), or a
 *             rule {a,b} ⇒ c for two basket items; or the one item missing
 *             from a curated bundle, priced so that the set costs the
 *             bundle price.
 *   REFILL    something the buyer buys on a rhythm (the mean gap of 2+
 *             orders, else the catalogue's refill_days) and is due for
 *             (within refill_ahead_days, or half the rhythm), or the next
 *             size up of a due item in the basket bought 3+ times.
 *   SEASONAL  in season today and fitting the basket (same category as a
 *             basket item, or bought with one).
 * Guardrails: never an item in the basket, out of stock, out of its
 * season, bought within recent_days (unless a refill is due), declined
 * within cooldown_days, or of a family already in the basket (unless it
 * is a step up of it); at most max_suggestions, at most one per family.
 * Ranking: by score, but a first pass takes at most two of one kind (so a
 * good upgrade is not crowded out by a third bundle) and a second fills
 * what is left; the result is in that order.
 */
#ifndef UPLIFT_SCORER_H
#define UPLIFT_SCORER_H

#include <stddef.h>
#include <stdint.h>

#include "model/store.h"

struct catalog;
struct model;

enum suggestion_kind {
	SUG_UPGRADE = 0, SUG_BUNDLE, SUG_REFILL, SUG_SEASONAL, SUG_NKINDS
};

/* "upgrade", "bundle", "refill", "seasonal"; badge: "UPGRADE" ... */
const char *scorer_kind_name(int kind);
const char *scorer_kind_badge(int kind);

struct scorer_config {
	int  max_suggestions;     /* default 3                               */
	int  upgrade_cap_percent; /* default 25                              */
	int  cooldown_days;       /* default 30                              */
	int  recent_days;         /* default 7                               */
	int  refill_ahead_days;   /* a refill is due this early (default 7)  */
	int  min_pair_orders;     /* evidence for a bundle (default 3)       */
	int  scale;               /* money scale, for explanations           */
	int  use_model;           /* bundles from the model (default 1)      */
	int  use_history;         /* the buyer's history weighs in (1)       */
};

/* The defaults above (scale 2). */
struct scorer_config scorer_default_config(void);

/* Who is at the counter.  A walk-in is customer_id 0 with nothing else. */
struct buyer {
	int64_t                   customer_id;
	const struct bought      *bought;   /* sorted by item id           */
	size_t                    nbought;
	uint32_t                  visits;   /* sale orders                 */
	const struct past_offer  *offers;   /* accepted / declined offers  */
	size_t                    noffers;
};

struct suggestion {
	int      kind;            /* enum suggestion_kind                    */
	int64_t  item_id;
	int64_t  base_id;         /* the item it upgrades, complements or
	                           * refills; 0 for none                     */
	int64_t  base2_id;        /* the second item of a {a,b} ⇒ c rule     */
	int64_t  bundle_id;       /* the curated bundle it completes, or 0:
	                           * then diff is its price in the bundle    */
	int64_t  price;           /* the suggested item's price              */
	int64_t  diff;            /* what the customer pays more             */
	int      diff_pct;        /* diff in % of the upgraded item's price,
	                           * or of the basket for an add-on          */
	double   score;           /* in [0, 1]; higher is better             */
	uint32_t together;        /* bundle from the model: orders holding
	                           * the basket item(s) and this one ...    */
	uint32_t base_orders;     /* ... of the orders holding the basket
	                           * item(s); 0 when not from the model     */
	char     why[240];        /* one line of real figures                */
};

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
 * Rank suggestions for buyer b (NULL: a walk-in) and the basket (store item
 * ids, in the order they were added; unknown ids are ignored) at civil time
 * now.  Writes at most min(max, cfg max_suggestions) into out, best first,
 * and returns how many.
 */
size_t scorer_rank(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, size_t n, int64_t now, struct suggestion *out,
    size_t max);

#endif
