/*
 * mine_fit.c — the fit of the relevance weights: held-out orders of
 * repeat buyers, each scored against what the buyer had bought before.
 */
#include "model/mine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/baskets.h"
#include "model/buyer.h"
#include "model/civil.h"
#include "model/fit.h"
#include "model/store.h"
#include "model/strmap.h"
#include "model/xalloc.h"
#include "model/mine_int.h"

/* ---- the fit --------------------------------------------------------------- */

/* Basket indexes by (customer, time, index), customers only. */
static const struct baskets *by_cust_b;

static int
by_cust_cmp(const void *x, const void *y)
{
	const struct baskets *b = by_cust_b;
	size_t s = *(const size_t *)x, t = *(const size_t *)y;

	if (b->customer[s] != b->customer[t])
		return b->customer[s] < b->customer[t] ? -1 : 1;
	if (b->at[s] != b->at[t])
		return b->at[s] < b->at[t] ? -1 : 1;
	return s < t ? -1 : s > t;
}

/* Held-out basket indexes, newest first. */
static const struct baskets *newest_b;

static int
newest_cmp(const void *x, const void *y)
{
	const struct baskets *b = newest_b;
	size_t s = *(const size_t *)x, t = *(const size_t *)y;

	if (b->at != NULL && b->at[s] != b->at[t])
		return b->at[s] > b->at[t] ? -1 : 1;
	return s > t ? -1 : s < t;
}

/*
 * The buyer of basket t as they were just before it: their latest
 * BUYER_HISTORY_MAX earlier orders.  byc[0..nbyc) as by_cust_cmp sorts.
 */
static void
buyer_before(const struct baskets *b, const size_t *byc, size_t nbyc,
    size_t t, struct buyer_hist *h, int64_t *pool, uint32_t *seq)
{
	struct buyer_order o[BUYER_HISTORY_MAX];
	size_t lo = 0, hi = nbyc, mid, end, from, i, k, n, used = 0;
	int64_t c = b->customer[t];

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (b->customer[byc[mid]] < c || (b->customer[byc[mid]] == c &&
		    b->at[byc[mid]] < b->at[t]))
			lo = mid + 1;
		else
			hi = mid;
	}
	end = lo;               /* first of c not before t */
	for (from = end; from > 0 && b->customer[byc[from - 1]] == c &&
	    end - from < BUYER_HISTORY_MAX; from--)
		;
	for (i = from, n = 0; i < end; i++, n++) {
		size_t bt = byc[i], len;
		baskets_sequence(b, bt, seq, &len);
		o[n].at = b->at[bt];
		o[n].items = pool + used;
		o[n].n = len;
		for (k = 0; k < len; k++)
			pool[used++] = b->ids[seq[k]];
	}
	buyer_hist_build(h, o, n);
}

/*
 * Fit the weights on the held-out baskets with model fm (the rest):
 * *w keeps the defaults when there is too little to fit on or the fit
 * does not do better on them.
 */
/* The work of mine_fit_weights(). */
struct fitwork {
	const struct baskets	*b;
	int			 customers;	/* orders say who bought */
	size_t			*val, nval;	/* held-out orders used */
	size_t			*byc, nbyc;	/* orders by customer */
	size_t			 maxlen;	/* items in an order, at most */
	int64_t			*pool;		/* a buyer's history */
	uint32_t		*seq;
	float			*phi;		/* features of the examples */
	size_t			*off;		/* example k: phi[off[k]..] */
	uint32_t		*label;		/* the hidden item's rank */
	size_t			 nex;		/* examples */
	uint32_t		 used, hits_default;
};

/* The held-out orders of 2+ items, newest first, at most fit_max; and
 * the orders by customer, when the baskets say who bought. */
static void
fit_pick(struct fitwork *w, const struct mine_params *p, const uint8_t *held,
    struct mine_stats *s)
{
	const struct baskets *b = w->b;
	const size_t N = b->nbaskets;
	size_t i, n;

	w->val = xmalloc((N + 1) * sizeof *w->val);
	for (i = 0; i < N; i++) {
		n = b->start[i + 1] - b->start[i];
		if (n > w->maxlen)
			w->maxlen = n;
		if (held[i]) {
			s->fit_orders++;
			if (n >= 2)
				w->val[w->nval++] = i;
		}
	}
	newest_b = b;
	qsort(w->val, w->nval, sizeof *w->val, newest_cmp);
	newest_b = NULL;
	if (w->nval > p->fit_max)
		w->nval = p->fit_max;
	if (w->customers) {
		w->byc = xmalloc((N + 1) * sizeof *w->byc);
		for (i = 0; i < N; i++)
			if (b->customer[i] != 0)
				w->byc[w->nbyc++] = i;
		by_cust_b = b;
		qsort(w->byc, w->nbyc, sizeof *w->byc, by_cust_cmp);
		by_cust_b = NULL;
		w->pool = xmalloc(BUYER_HISTORY_MAX * (w->maxlen + 1) *
		    sizeof *w->pool);
	}
}

/* One example: seq[0..n) rung up, then hidden; the candidates ranked
 * with the default weights (the best MINE_FIT_POOL of them); kept when
 * the hidden item is among them. */
static void
fit_example_one(struct fitwork *w, struct rel *r, size_t n, uint32_t hidden,
    const struct buyer *bp, int64_t at)
{
	const struct rel_cand *c;
	size_t np, k, j;

	np = rel_rank(r, w->seq, n, bp, at, rel_default_weights(), &c);
	if (np > MINE_FIT_POOL)
		np = MINE_FIT_POOL;
	w->used++;
	for (k = 0; k < np && c[k].item != hidden; k++)
		;
	if (k == np)
		return;         /* not among the candidates */
	w->hits_default += k < 3;
	w->label[w->nex] = (uint32_t)k;
	for (k = 0; k < np; k++) {
		double ph[REL_NW];
		rel_phi(c[k].f, ph);
		for (j = 0; j < REL_NW; j++)
			w->phi[(w->off[w->nex] + k) * REL_NW + j] =
			    (float)ph[j];
	}
	w->off[w->nex + 1] = w->off[w->nex] + np;
	w->nex++;
}

/* Held-out order o as up to MINE_FIT_POSITIONS examples: its last item
 * hidden behind the ones before it, then the one before that ... (the
 * counter's question, "what comes next?", asked at each of the order's
 * last places). */
static void
fit_example(struct fitwork *w, struct rel *r, size_t o)
{
	const struct baskets *b = w->b;
	struct buyer_hist h;
	struct buyer by, *bp = NULL;
	size_t n, cut;

	memset(&h, 0, sizeof h);
	if (w->customers && b->customer[o] != 0) {
		buyer_before(b, w->byc, w->nbyc, o, &h, w->pool, w->seq);
		by = buyer_of(&h, b->customer[o]);
		bp = &by;
	}
	baskets_sequence(b, o, w->seq, &n);
	for (cut = 1; cut <= MINE_FIT_POSITIONS && cut < n; cut++)
		fit_example_one(w, r, n - cut, w->seq[n - cut], bp,
		    b->at != NULL ? b->at[o] : 0);
	buyer_hist_free(&h);
}

void
mine_fit_weights(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, const struct model *fm, double *w,
    struct mine_stats *s)
{
	struct fitwork fw;
	struct fit_data d;
	struct rel *r;
	double wt[REL_NW], hr;
	size_t i;

	memset(&fw, 0, sizeof fw);
	fw.b = b;
	fw.customers = b->customer != NULL && b->at != NULL && b->ids != NULL;
	memcpy(w, rel_default_weights(), REL_NW * sizeof *w);
	fit_pick(&fw, p, held, s);
	fw.seq = xmalloc((fw.maxlen + 1) * sizeof *fw.seq);
	fw.phi = xmalloc((fw.nval * MINE_FIT_POSITIONS * MINE_FIT_POOL + 1) *
	    REL_NW * sizeof *fw.phi);
	fw.off = xmalloc((fw.nval * MINE_FIT_POSITIONS + 1) * sizeof *fw.off);
	fw.label = xmalloc((fw.nval * MINE_FIT_POSITIONS + 1) *
	    sizeof *fw.label);
	fw.off[0] = 0;
	r = rel_new(fm);
	for (i = 0; i < fw.nval; i++)
		fit_example(&fw, r, fw.val[i]);
	rel_free(&r);
	s->fit_examples = (uint32_t)fw.nex;
	s->fit_hr3_default = fw.used ? (double)fw.hits_default / fw.used : 0;
	s->fit_hr3 = s->fit_hr3_default;
	if (fw.nex >= MINE_FIT_MIN) {
		d.phi = fw.phi;
		d.off = fw.off;
		d.label = fw.label;
		d.n = fw.nex;
		memcpy(wt, w, sizeof wt);
		fit_softmax(&d, FIT_L2, wt);
		hr = fit_hit_rate(&d, wt, 3) * (double)fw.nex / fw.used;
		if (hr >= s->fit_hr3_default) {
			memcpy(w, wt, sizeof wt);
			s->fit_hr3 = hr;
			s->fitted = 1;
		}
	}
	free(fw.val);
	free(fw.byc);
	free(fw.pool);
	free(fw.seq);
	free(fw.phi);
	free(fw.off);
	free(fw.label);
}
