/*
 * relevance — how likely each item is to be the next one rung up, given
 * the basket so far (in the order it was rung up), who is buying and
 * when.  The scorer picks its suggestions from this ranking; the miner
 * fits the weights of its blend; `uplift eval` measures it.
 *
 * The signals, each from the mined model or the buyer's own history
 * (x is the item rung up last, b_i the ones before it, weighted
 * REL_DECAY^(places before x), f(i) the orders holding i, S = REL_SHRINK):
 *   0 seq_last    orders where y came 1..10 places after x, each 1/d,
 *                 over f(x) + S            (what is rung up next)
 *   1 seqb_last   the same with y before x
 *   2 cooc_last   orders holding x and y over sqrt(f(x) f(y)) + S
 *   3 name_last   similarity of the names of x and y (shared words)
 *   4 name_rest   the same for the b_i, weighted
 *   5 seq_rest    seq_last for the b_i, weighted
 *   6 cooc_rest   cooc_last for the b_i, weighted
 *   7 own_recent  the buyer's orders holding y, each weighted
 *                 exp(-age / BUYER_TAU_DAYS), over visits + 1
 *   8 own_share   the buyer's orders holding y over visits + 1
 *   9 own_next    how often the buyer rang y up 1..6 places after x
 *  10 popular     f(y) / N
 *  11 trending    orders holding y in the last 30 days of the history,
 *                 over all orders then
 *  12 seq_prev    seq_last for the item rung up before x
 *  13 own_rest    own_next for the b_i, weighted
 *  14 ends        orders where y was rung up last over f(y) + S (what
 *                 tends to close an order: bags, cards, wrapping)
 * Each signal s enters twice, as s and as log(1 + 100 s); the score is
 * the weighted sum.  The weights are fitted by `uplift rebuild` on the
 * latest orders of the shop's own history (mine.h) and kept in the
 * model; REL_DEFAULT_WEIGHTS is the documented blend used when there is
 * too little history to fit.
 *
 * Candidates are the partners and name neighbours of the basket's
 * latest REL_BASKET_USED items, the buyer's BUYER_TOP strongest items
 * (buyer.h), and the most popular and trending items; the REL_POOL best by the default
 * blend are scored with the weights (a retrieval step, then a ranker).
 */
#ifndef UPLIFT_RELEVANCE_H
#define UPLIFT_RELEVANCE_H

#include <stddef.h>
#include <stdint.h>

struct buyer;
struct model;

enum rel_feature {
	REL_SEQ_LAST, REL_SEQB_LAST, REL_COOC_LAST, REL_NAME_LAST,
	REL_NAME_REST, REL_SEQ_REST, REL_COOC_REST, REL_OWN_RECENT,
	REL_OWN_SHARE, REL_OWN_NEXT, REL_POPULAR, REL_TRENDING, REL_SEQ_PREV,
	REL_OWN_REST, REL_ENDS, REL_NFEAT
};

#define REL_NW          (2 * REL_NFEAT)   /* a weight per s and log(1+100 s) */
#define REL_DECAY       0.5
#define REL_SHRINK      10.0
#define REL_BASKET_USED 8     /* latest basket items that bring partners */
#define REL_POOL        64    /* candidates scored by the weights        */
#define REL_BACKOFF     20     /* popular and trending items always in    */

/* "seq_last" ... */
const char *rel_feature_name(int f);

/* The default weights (REL_NW of them): the blend documented above. */
const double *rel_default_weights(void);

/* What the ranker knows of one candidate. */
struct rel_cand {
	uint32_t item;                 /* model index                     */
	float    f[REL_NFEAT];
	double   prior;                /* the default blend               */
	double   score;                /* the weighted blend              */
};

struct rel;

/* A ranker over model m (which must outlive it), with each pair's
 * signals computed once (16 bytes a pair): for one that ranks many times
 * (the counter, suggest, eval). */
struct rel *rel_new(const struct model *m);

/* The same ranker computing each pair's signals as it meets them: for
 * one that ranks a few thousand times and is one of many (the fit's
 * pieces).  Its rankings are rel_new()'s, to the bit. */
struct rel *rel_new_lean(const struct model *m);

/* Free; *rp becomes NULL.  NULL-safe. */
void rel_free(struct rel **rp);

/* A pair's partner and signals, one 16-byte record a pair: what one
 * order with the pair's item says of its partner. */
struct rel_pair {
	uint32_t item;                 /* the partner (model index)       */
	float    seq, seqb, cooc;
};

/*
 * The records of every pair of the model, in the model's pair order
 * (m->pairs[p]'s is [p]), or NULL for a rel_new_lean ranker.  The
 * partners of the basket's items are in the cache after rel_rank: a
 * caller walking the same pairs reads them here.
 */
const struct rel_pair *rel_pairs(const struct rel *r);

/*
 * Rank the candidates for basket[0..n) (model indexes in the order rung
 * up; UINT32_MAX entries are skipped), buyer b (NULL: a walk-in) at civil
 * time now, with weights w (NULL: the model's own).  Items in the basket
 * are never candidates.  *out points at the candidates, best first (by
 * score, then prior, then model index), valid until the next call; the
 * return value is their number (at most REL_POOL).  Allocates nothing.
 */
size_t rel_rank(struct rel *r, const uint32_t *basket, size_t n,
    const struct buyer *b, int64_t now, const double *w,
    const struct rel_cand **out);

/* The transformed signals of f (REL_NW values) into phi. */
void rel_phi(const float *f, double *phi);

/* w . phi(f). */
double rel_score(const double *w, const float *f);

#endif
