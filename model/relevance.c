/*
 * relevance.c — the next-item ranker (relevance.h).
 *
 * One call touches the candidates through the model's partner and
 * name lists of the latest basket items, the buyer's purchases and the
 * back-off lists, accumulating each signal as it goes; then the pool of
 * the best by the default blend is scored with the weights and sorted.
 * Every array is sized at rel_new(): a call allocates nothing.
 */
#include "model/relevance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/buyer.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/xalloc.h"

static const char *feature_names[REL_NFEAT] = {
	"seq_last", "seqb_last", "cooc_last", "name_last", "name_rest",
	"seq_rest", "cooc_rest", "own_recent", "own_share", "own_next",
	"popular", "trending", "seq_prev", "own_rest", "ends",
};

/* The documented default blend: linear in the signals. */
static const double default_weights[REL_NW] = {
	[REL_SEQ_LAST] = 1.0, [REL_COOC_LAST] = 0.5, [REL_NAME_LAST] = 0.2,
	[REL_NAME_REST] = 0.1, [REL_SEQ_REST] = 0.5, [REL_COOC_REST] = 0.25,
	[REL_OWN_RECENT] = 0.3, [REL_OWN_NEXT] = 0.5, [REL_POPULAR] = 1e-6,
	[REL_TRENDING] = 1e-6,
};

const char *
rel_feature_name(int f)
{
	return f >= 0 && f < REL_NFEAT ? feature_names[f] : "?";
}

const double *
rel_default_weights(void)
{
	return default_weights;
}

/* A signal's second form, log(1 + 100 s): in single precision (the
 * signals are floats), a third of a suggestion's time in double; the fit
 * and the ranker take it from here alike. */
static double
rel_log(float s)
{
	return logf(1.0f + 100.0f * s);
}

void
rel_phi(const float *f, double *phi)
{
	int k;

	for (k = 0; k < REL_NFEAT; k++) {
		phi[k] = f[k];
		phi[REL_NFEAT + k] = rel_log(f[k]);
	}
}

double
rel_score(const double *w, const float *f)
{
	double s = 0;
	int k;

	for (k = 0; k < REL_NFEAT; k++) {
		if (f[k] == 0)
			continue;           /* and log(1 + 0) is 0 */
		s += w[k] * f[k];
		if (w[REL_NFEAT + k] != 0)
			s += w[REL_NFEAT + k] * rel_log(f[k]);
	}
	return s;
}

/* A slot of an item neither touched nor in the basket, and one of an
 * item in the basket (no candidate). */
#define SLOT_FREE   UINT32_MAX
#define SLOT_BASKET (UINT32_MAX - 1)

struct rel {
	const struct model *m;
	uint32_t           *slot;      /* item -> index in cand, or
	                                * SLOT_FREE, or SLOT_BASKET      */
	struct rel_cand    *cand;      /* touched candidates             */
	size_t              ncand;
	struct rel_cand     pool[REL_POOL];
	uint32_t            backoff[2 * REL_BACKOFF];
	size_t              nbackoff;
	double              decay[REL_BASKET_USED];   /* REL_DECAY^i   */
	struct {                       /* each item's own signals, once,
	                                * and their logs (rel_log)      */
		float popular, trending, ends;
		float log_popular, log_trending, log_ends;
	}                  *item_f;
	struct rel_pair    *pair_f;    /* each pair's partner and signals,
	                                * once (rel_new; NULL for
	                                * rel_new_lean): the values
	                                * pair_signals gives             */
	struct rel_key {               /* scratch: the pool's keys, a
	                                * heap of the best REL_POOL      */
		double   prior;
		uint32_t item, idx;
	}                  *key;
};

/* The n best of items 0..I by key (descending, then index), into out. */
static size_t
best_by(const struct model *m, const uint32_t *key, uint32_t *out, size_t n)
{
	size_t k = 0, i, j;

	for (i = 0; i < m->nitems; i++) {
		if (key[i] == 0)
			continue;
		if (k == n && key[i] <= key[out[n - 1]])
			continue;
		j = k < n ? k++ : n - 1;
		for (; j > 0 && key[out[j - 1]] < key[i]; j--)
			out[j] = out[j - 1];
		out[j] = (uint32_t)i;
	}
	return k;
}

/* Pair p (of item x, bought in fx orders) as signals: what one order
 * with x says of its partner. */
static inline struct rel_pair
pair_signals(const struct model *m, uint32_t p, double fx)
{
	const struct mine_pair *pr = &m->pairs[p];
	struct rel_pair v;

	v.item = pr->item;
	v.seq = (float)(pr->fwd / (double)MODEL_SEQ_UNIT / (fx + REL_SHRINK));
	v.seqb = (float)(pr->bwd / (double)MODEL_SEQ_UNIT / (fx + REL_SHRINK));
	v.cooc = (float)(pr->count / (sqrt(fx * m->freq[pr->item]) +
	    REL_SHRINK));
	return v;
}

struct rel *
rel_new(const struct model *m)
{
	struct rel *r = rel_new_lean(m);
	uint32_t i, p;

	/* 16 bytes a pair (some 3.2 MB on Online Retail's model) for a
	 * third of a call's time: two divisions and a square root a pair,
	 * and the partner read from the same record */
	r->pair_f = xmalloc((m->nitems ? m->pstart[m->nitems] : 0) *
	    sizeof *r->pair_f + 1);
	for (i = 0; i < m->nitems; i++)
		for (p = m->pstart[i]; p < m->pstart[i + 1]; p++)
			r->pair_f[p] = pair_signals(m, p, m->freq[i]);
	return r;
}

struct rel *
rel_new_lean(const struct model *m)
{
	struct rel *r = xcalloc(1, sizeof *r);
	size_t n = m->nitems ? m->nitems : 1, i, k;
	uint32_t tmp[REL_BACKOFF];
	double nrec;

	r->m = m;
	r->decay[0] = 1;
	for (i = 1; i < REL_BASKET_USED; i++)
		r->decay[i] = r->decay[i - 1] * REL_DECAY;
	r->slot = xmalloc(n * sizeof *r->slot);
	memset(r->slot, 0xff, n * sizeof *r->slot);
	r->cand = xmalloc(n * sizeof *r->cand);
	r->key = xmalloc(REL_POOL * sizeof *r->key);
	r->item_f = xcalloc(n, sizeof *r->item_f);
	nrec = m->nrecent > 0 ? m->nrecent : 1;
	for (i = 0; i < m->nitems; i++) {
		r->item_f[i].popular = m->nbaskets ? (float)m->freq[i] /
		    m->nbaskets : 0;
		r->item_f[i].trending = (float)(m->recent[i] / nrec);
		r->item_f[i].ends = (float)(m->last[i] / (m->freq[i] +
		    REL_SHRINK));
		r->item_f[i].log_popular = (float)rel_log(r->item_f[i].popular);
		r->item_f[i].log_trending =
		    (float)rel_log(r->item_f[i].trending);
		r->item_f[i].log_ends = (float)rel_log(r->item_f[i].ends);
	}
	k = best_by(m, m->freq, r->backoff, REL_BACKOFF);
	r->nbackoff = k;
	k = best_by(m, m->recent, tmp, REL_BACKOFF);
	for (i = 0; i < k; i++)
		r->backoff[r->nbackoff++] = tmp[i];
	return r;
}

void
rel_free(struct rel **rp)
{
	struct rel *r = *rp;

	if (r == NULL)
		return;
	free(r->slot);
	free(r->cand);
	free(r->item_f);
	free(r->pair_f);
	free(r->key);
	free(r);
	*rp = NULL;
}

const struct rel_pair *
rel_pairs(const struct rel *r)
{
	return r->pair_f;
}

static inline struct rel_cand *
touch(struct rel *r, uint32_t y)
{
	struct rel_cand *c;
	uint32_t k = r->slot[y];

	if (k != SLOT_FREE)
		return k != SLOT_BASKET ? &r->cand[k] : NULL;
	r->slot[y] = (uint32_t)r->ncand;
	c = &r->cand[r->ncand++];
	memset(c, 0, sizeof *c);
	c->item = y;
	return c;
}

/* The partners and name neighbours of basket item xi, place `back` from
 * the end (0: the last one rung up).  A pair's signals are floats
 * (pair_signals, kept in pair_f or made here): a weight w of an earlier
 * item multiplies the float, and (float)(w s) is w (float)s when w is a
 * power of two, as REL_DECAY's powers are. */
static void
from_item(struct rel *r, uint32_t xi, size_t back)
{
	const struct model *m = r->m;
	float w = (float)r->decay[back];
	uint32_t p;

	for (p = m->pstart[xi]; p < m->pstart[xi + 1]; p++) {
		struct rel_pair v = r->pair_f != NULL ? r->pair_f[p] :
		    pair_signals(m, p, m->freq[xi]);
		struct rel_cand *c = touch(r, v.item);

		if (c == NULL)
			continue;
		if (back == 0) {
			c->f[REL_SEQ_LAST] += v.seq;
			c->f[REL_SEQB_LAST] += v.seqb;
			c->f[REL_COOC_LAST] += v.cooc;
		} else {
			c->f[REL_SEQ_REST] += w * v.seq;
			c->f[REL_COOC_REST] += w * v.cooc;
			if (back == 1)
				c->f[REL_SEQ_PREV] += v.seq;
		}
	}
	for (p = m->nstart[xi]; p < m->nstart[xi + 1]; p++) {
		struct rel_cand *c = touch(r, m->near[p].item);

		if (c == NULL)
			continue;
		if (back == 0)
			c->f[REL_NAME_LAST] += m->near[p].sim;
		else
			c->f[REL_NAME_REST] += (float)(r->decay[back] *
			    m->near[p].sim);
	}
}

/* What the buyer rang up after basket item x, `back` places from the
 * end, into signal f. */
static void
from_succ(struct rel *r, const struct buyer *b, uint32_t x, size_t back)
{
	const struct model *m = r->m;
	const struct succession *sv;
	double w = r->decay[back];
	size_t i, n;

	sv = buyer_after(b, m->store_id[x], &n);
	for (i = 0; i < n; i++) {
		uint32_t y = mine_index(m, sv[i].to);
		struct rel_cand *c;

		if (y == UINT32_MAX || (c = touch(r, y)) == NULL)
			continue;
		c->f[back == 0 ? REL_OWN_NEXT : REL_OWN_REST] +=
		    (float)(w * sv[i].weight / BUYER_SUCC_UNIT);
	}
}

/* The buyer's strongest items as candidates, and what they rang up
 * after the basket's items. */
static void
from_buyer(struct rel *r, const struct buyer *b, const uint32_t *bk,
    size_t nb)
{
	const struct model *m = r->m;
	int64_t id[BUYER_TOP];
	size_t i, nt = b->ntop < BUYER_TOP ? b->ntop : BUYER_TOP;
	uint32_t y;

	/* Their ids first, then the touches: loads that no branch waits on
	 * overlap (5 -> 2.6 us a call for buyers of 600+ items). */
	for (i = 0; i < nt; i++)
		id[i] = b->ids[b->top[i]];
	for (i = 0; i < nt; i++)
		if ((y = mine_index(m, id[i])) != UINT32_MAX)
			touch(r, y);
	for (i = 0; i < nb; i++)
		from_succ(r, b, bk[i], i);
}

/* Every candidate's own figures, from the buyer's purchases: one pass
 * over their ids (cheaper than a search per candidate), the figures
 * (not the whole record) read only for a candidate. */
static void
own_figures(struct rel *r, const struct buyer *b, int64_t now)
{
	const struct model *m = r->m;
	double v = (double)b->visits + 1, age, decay;
	size_t i;

	age = (double)(now - b->ref_at) / CIVIL_DAY;
	decay = exp(-(age > 0 ? age : 0) / BUYER_TAU_DAYS) / v;
	for (i = 0; i < b->nbought; i++) {
		uint32_t y = mine_index(m, b->ids[i]);
		struct rel_cand *c;

		if (y == UINT32_MAX || r->slot[y] >= SLOT_BASKET)
			continue;
		c = &r->cand[r->slot[y]];
		c->f[REL_OWN_RECENT] = (float)(b->fig[i].recency * decay);
		c->f[REL_OWN_SHARE] = (float)(b->fig[i].orders / v);
	}
}

/* The default blend of signals f: the sum over the signals with a
 * default weight, in order (x + 0 is x: the others add nothing).  The
 * weights are constants here, the loop unrolled: the compiler keeps the
 * ten products and drops the rest. */
static inline double
prior_of(const float *f)
{
	double s = 0;
	int k;

#pragma GCC unroll 16
	for (k = 0; k < REL_NFEAT; k++)
		if (default_weights[k] != 0)
			s += default_weights[k] * f[k];
	return s;
}

/* Better first: a total order on pool entries. */
static int
better(const struct rel_cand *a, const struct rel_cand *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->prior != b->prior)
		return a->prior > b->prior;
	return a->item < b->item;
}

/* Key a before key b: the higher prior, then the lower index (as
 * better() without the score). */
static inline int
key_before(const struct rel_key *a, const struct rel_key *b)
{
	return (a->prior > b->prior) |
	    ((a->prior == b->prior) & (a->item < b->item));
}

/*
 * Offer key e to the heap h[0..*n) of the best `cap` so far, its root the
 * worst of them: most candidates lose to the root at once, a compare the
 * branch predictor gets right; a better one takes the root's place and
 * sinks.  The set kept is the best `cap` by key_before, whatever the
 * order they come in.
 */
static void
heap_offer(struct rel_key *h, size_t *n, size_t cap, const struct rel_key *e)
{
	size_t j, c;

	if (*n < cap) {                 /* rise: worse goes up */
		for (j = (*n)++; j > 0 && key_before(&h[(j - 1) / 2], e);
		    j = (j - 1) / 2)
			h[j] = h[(j - 1) / 2];
		h[j] = *e;
		return;
	}
	if (!key_before(e, &h[0]))
		return;
	for (j = 0; (c = 2 * j + 1) < *n; j = c) {
		if (c + 1 < *n && key_before(&h[c], &h[c + 1]))
			c++;            /* the worse child */
		if (key_before(&h[c], e))
			break;
		h[j] = h[c];
	}
	h[j] = *e;
}

/* rel_score() of candidate c, its item's own signals' logs taken from
 * item_f: the same sum, in the same order. */
static double
score_cand(const struct rel *r, const double *w, const struct rel_cand *c)
{
	const float *f = c->f;
	double s = 0, lg;
	int k;

	for (k = 0; k < REL_NFEAT; k++) {
		if (f[k] == 0)
			continue;
		s += w[k] * f[k];
		if (w[REL_NFEAT + k] == 0)
			continue;
		switch (k) {
		case REL_POPULAR:
			lg = r->item_f[c->item].log_popular;
			break;
		case REL_TRENDING:
			lg = r->item_f[c->item].log_trending;
			break;
		case REL_ENDS:
			lg = r->item_f[c->item].log_ends;
			break;
		default:
			lg = rel_log(f[k]);
		}
		s += w[REL_NFEAT + k] * lg;
	}
	return s;
}

size_t
rel_rank(struct rel *r, const uint32_t *basket, size_t n,
    const struct buyer *b, int64_t now, const double *w,
    const struct rel_cand **out)
{
	const struct model *m = r->m;
	uint32_t bk[REL_BASKET_USED], x;
	size_t nb = 0, i, j, npool = 0;
	struct rel_key key;
	struct {
		double   score;
		uint32_t idx;
	} sk[REL_POOL];

	if (w == NULL)
		w = m->weights != NULL ? m->weights : default_weights;
	/* The basket: every item is out; the latest distinct ones count,
	 * the last rung up most. */
	for (i = n; i-- > 0;) {
		x = basket[i];
		if (x >= m->nitems)
			continue;
		if (r->slot[x] != SLOT_BASKET && nb < REL_BASKET_USED)
			bk[nb++] = x;
		r->slot[x] = SLOT_BASKET;
	}
	r->ncand = 0;
	for (i = 0; i < nb; i++)
		from_item(r, bk[i], i);
	if (b != NULL)
		from_buyer(r, b, bk, nb);
	for (i = 0; i < r->nbackoff; i++)
		touch(r, r->backoff[i]);
	if (b != NULL && b->nbought > 0)
		own_figures(r, b, now);
	for (i = 0; i < r->ncand; i++) {
		struct rel_cand *c = &r->cand[i];

		if (i + 8 < r->ncand)   /* its own signals, asked ahead */
			__builtin_prefetch(&r->item_f[r->cand[i + 8].item]);
		c->f[REL_POPULAR] = r->item_f[c->item].popular;
		c->f[REL_TRENDING] = r->item_f[c->item].trending;
		c->f[REL_ENDS] = r->item_f[c->item].ends;
		c->prior = prior_of(c->f);
		key.prior = c->prior;
		key.item = c->item;
		key.idx = (uint32_t)i;
		heap_offer(r->key, &npool, REL_POOL, &key);
	}
	/* scored, then sorted as (score, index) pairs (not the records;
	 * better() only for a tie): each put in place by a binary search
	 * among those before it */
	for (i = 0; i < npool; i++) {
		uint32_t o = r->key[i].idx;
		double sc = score_cand(r, w, &r->cand[o]);
		size_t lo = 0, hi = i, mid;

		r->cand[o].score = sc;
		while (lo < hi) {       /* the first that o is better than */
			mid = (lo + hi) / 2;
			if (sc > sk[mid].score || (sc == sk[mid].score &&
			    better(&r->cand[o], &r->cand[sk[mid].idx])))
				hi = mid;
			else
				lo = mid + 1;
		}
		/* a loop, not memmove: valgrind 3.19 reports this
		 * memmove, fortified, as a memcpy that overlaps */
		for (j = i; j > lo; j--)
			sk[j] = sk[j - 1];
		sk[lo].score = sc;
		sk[lo].idx = o;
	}
	for (i = 0; i < npool; i++)
		r->pool[i] = r->cand[sk[i].idx];
	/* Leave the workspace clean for the next call. */
	for (i = 0; i < r->ncand; i++)
		r->slot[r->cand[i].item] = SLOT_FREE;
	for (i = 0; i < n; i++)
		if (basket[i] < m->nitems)
			r->slot[basket[i]] = SLOT_FREE;
	*out = r->pool;
	return npool;
}
