/*
 * buyer — who is at the counter, as the scorer sees them: what they
 * bought before (per item: how often, how recently, on what rhythm), what
 * they tend to ring up after what, and their earlier answers to offers.
 *
 * A buyer's figures are built here, from their earlier orders, by one
 * pure function: the console, `uplift suggest`, `uplift eval` and the
 * fit of the scorer's weights all describe a customer the same way.
 */
#ifndef UPLIFT_BUYER_H
#define UPLIFT_BUYER_H

#include <stddef.h>
#include <stdint.h>

/* Recent purchases weigh in with this half-life-like time constant. */
#define BUYER_TAU_DAYS     90
/* What followed what: items up to this many places later in an order. */
#define BUYER_SUCC_WINDOW  6
/* The unit of a succession weight: 1/d is SUCC_UNIT/d exactly. */
#define BUYER_SUCC_UNIT    60
/* A buyer is described by at most their latest this many orders. */
#define BUYER_HISTORY_MAX  100
/* ... and their this many strongest items bring candidates. */
#define BUYER_TOP          128

/* One item a customer bought: sale orders only, returns left out. */
struct bought {
	int64_t  item_id;
	uint32_t orders;      /* sale orders holding the item            */
	int64_t  qty;         /* units, returns not subtracted           */
	int64_t  first_at, last_at;
	double   recency;     /* sum over those orders of
	                       * exp(-(ref_at - at) / BUYER_TAU_DAYS), the
	                       * buyer's ref_at (their latest order): times
	                       * exp(-(now - ref_at) / tau), the recency-
	                       * weighted number of orders now            */
	int32_t  gap_days;    /* mean days between those orders (0: one) */
	int32_t  gap_sd_days; /* their standard deviation                */
	int32_t  gap_min_days;/* the shortest of them (0: one order)     */
};

/* The two figures of a bought item that the ranking reads for every
 * candidate the buyer bought: kept apart from the 64-byte records, four
 * to a cache line, as the ids are. */
struct bought_fig {
	double   recency;     /* as in struct bought                     */
	uint32_t orders;
};

/* An earlier offer to a customer. */
enum offer_outcome { OFFER_SHOWN = 0, OFFER_ACCEPTED = 1, OFFER_DECLINED = 2 };

struct past_offer {
	int64_t item_id;
	int     kind;
	int     outcome;      /* enum offer_outcome */
	int64_t at;
};

/* "to" was rung up 1..BUYER_SUCC_WINDOW places after "from" in the
 * customer's orders: weight is the sum of BUYER_SUCC_UNIT / distance. */
struct succession {
	int64_t  from, to;    /* store item ids                          */
	uint32_t weight;
};

/* Who is at the counter.  A walk-in is customer_id 0 with nothing else. */
struct buyer {
	int64_t                   customer_id;
	const struct bought      *bought;   /* sorted by item id           */
	const int64_t            *ids;      /* their item ids, alike       */
	const struct bought_fig  *fig;      /* their figures, alike        */
	size_t                    nbought;
	const uint32_t           *top;      /* indexes into bought: the
	                                     * BUYER_TOP (at most) bought
	                                     * in most orders, then latest */
	size_t                    ntop;
	int64_t                   ref_at;   /* the time recency refers to  */
	uint32_t                  visits;   /* sale orders                 */
	int                       latest;   /* 1: visits are only their
	                                     * latest BUYER_HISTORY_MAX
	                                     * orders' (there may be more) */
	const struct succession  *succ;     /* sorted by (from, to)        */
	const uint32_t           *succ_at;  /* succ[succ_at[i] ..
	                                     * succ_at[i + 1]): those from
	                                     * bought[i] (nbought + 1)     */
	size_t                    nsucc;
	const struct past_offer  *offers;   /* accepted / declined offers  */
	size_t                    noffers;
};

/* One earlier order: when, and its items (store ids) as rung up. */
struct buyer_order {
	int64_t        at;
	const int64_t *items;
	size_t         n;
};

/* A buyer's purchase figures, owned. */
struct buyer_hist {
	struct bought     *bought;   /* sorted by item id                  */
	int64_t           *ids;      /* as in struct buyer                 */
	struct bought_fig *fig;      /* as in struct buyer                 */
	size_t             nbought;
	uint32_t          *top;      /* as in struct buyer                 */
	size_t             ntop;
	int64_t            ref_at;
	uint32_t           visits;
	int                latest;   /* as in struct buyer                 */
	struct succession *succ;     /* sorted by (from, to)               */
	uint32_t          *succ_at;  /* as in struct buyer                 */
	size_t             nsucc;
};

/*
 * Build h from orders o[0..n) (any order; an item repeated in one order
 * counts once there).  h is overwritten: call buyer_hist_free first if it
 * held something.  Never fails (aborts on memory exhaustion).
 */
void buyer_hist_build(struct buyer_hist *h, const struct buyer_order *o,
    size_t n);

/*
 * As buyer_hist_build(), but h's successions only from the items
 * from[0..nfrom) (sorted ascending): all that the ranking of a basket of
 * those items reads (buyer_after() of each), for a fit that builds a
 * history per held-out order and asks it about that order alone.  The
 * rest of h is as buyer_hist_build() makes it.
 */
void buyer_hist_build_from(struct buyer_hist *h, const struct buyer_order *o,
    size_t n, const int64_t *from, size_t nfrom);

/* Free what h holds and zero it.  Safe on a zeroed struct. */
void buyer_hist_free(struct buyer_hist *h);

/* A buyer over h (which must outlive it), with no offers. */
struct buyer buyer_of(const struct buyer_hist *h, int64_t customer_id);

/* The place of item_id in b's purchases (b->bought), or SIZE_MAX
 * (binary search of b->ids). */
size_t buyer_find(const struct buyer *b, int64_t item_id);

/* The entry of item_id in b's purchases, or NULL (buyer_find). */
const struct bought *buyer_bought(const struct buyer *b, int64_t item_id);

/*
 * The successions from item `from`: a pointer to the first and their
 * number in *n, or NULL.
 */
const struct succession *buyer_after(const struct buyer *b, int64_t from,
    size_t *n);

#endif
