/*
 * mine_fit.c — the fit of the relevance weights: held-out orders of
 * repeat buyers, each scored against what the buyer had bought before.
 */
#include "model/mine.h"

#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
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
#include "model/par.h"

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
 * BUYER_HISTORY_MAX earlier orders, what they rang up after the items of
 * t only (from_ids: room for t's items).  byc[0..nbyc) as by_cust_cmp
 * sorts.
 */
static void
buyer_before(const struct baskets *b, const size_t *byc, size_t nbyc,
    size_t t, struct buyer_hist *h, int64_t *pool, uint32_t *seq,
    int64_t *from_ids)
{
	struct buyer_order o[BUYER_HISTORY_MAX];
	size_t lo = 0, hi = nbyc, mid, end, from, i, k, n, nf, used = 0;
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
	/* the order's own items, the only ones its ranking asks what the
	 * buyer rang up after */
	for (k = b->start[t], nf = 0; k < b->start[t + 1]; k++)
		from_ids[nf++] = b->ids[b->items[k]];
	qsort(from_ids, nf, sizeof *from_ids, mine_int64_cmp);
	buyer_hist_build_from(h, o, n, from_ids, nf);
}

/*
 * Fit the weights on the held-out baskets with model fm (the rest):
 * *w keeps the defaults when there is too little to fit on or the fit
 * does not do better on them.
 */
/* The held-out orders are asked in this many pieces (a number of the
 * data's, not of the cores': see par.h). */
#define FIT_PIECES 16

/* One piece of the held-out orders, val[from..to): its examples. */
struct fitpiece {
	size_t			 from, to;
	float			*phi;		/* features of the examples */
	size_t			 cap;		/* rows phi holds */
	size_t			*off;		/* example k: phi[off[k]..] */
	uint32_t		*label;		/* the hidden item's rank */
	size_t			 nex;		/* examples */
	uint32_t		 used, hits_default;
};

/* The work of mine_fit_weights(). */
struct fitwork {
	const struct baskets	*b;
	const struct model	*fm;		/* the model of the rest */
	int			 customers;	/* orders say who bought */
	size_t			*val, nval;	/* held-out orders used */
	size_t			*byc, nbyc;	/* orders by customer */
	size_t			 maxlen;	/* items in an order, at most */
	struct fitpiece		 piece[FIT_PIECES];
};

/* A piece's scratch: its own ranker and buffers. */
struct fitscratch {
	struct rel		*r;
	int64_t			*pool;		/* a buyer's history */
	int64_t			*from;		/* the order's item ids */
	uint32_t		*seq;
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
	}
}

/* One example: seq[0..n) rung up, then hidden; the candidates ranked
 * with the default weights (the best MINE_FIT_POOL of them); kept when
 * the hidden item is among them. */
static void
fit_example_one(struct fitpiece *pc, struct fitscratch *x, size_t n,
    uint32_t hidden, const struct buyer *bp, int64_t at)
{
	const struct rel_cand *c;
	size_t np, k, j, row;

	np = rel_rank(x->r, x->seq, n, bp, at, rel_default_weights(), &c);
	if (np > MINE_FIT_POOL)
		np = MINE_FIT_POOL;
	pc->used++;
	for (k = 0; k < np && c[k].item != hidden; k++)
		;
	if (k == np)
		return;         /* not among the candidates */
	pc->hits_default += k < 3;
	pc->label[pc->nex] = (uint32_t)k;
	row = pc->off[pc->nex];
	if (row + np > pc->cap) {
		/* grown as examples are kept: most orders keep fewer than
		 * MINE_FIT_POSITIONS, and memory is the rebuild's limit */
		pc->cap = row + np + 16 * MINE_FIT_POOL;
		pc->phi = xreallocarray(pc->phi, pc->cap, FIT_ROW *
		    sizeof *pc->phi);
	}
	for (k = 0; k < np; k++) {
		double ph[REL_NW];
		rel_phi(c[k].f, ph);
		for (j = 0; j < REL_NW; j++)
			pc->phi[(row + k) * FIT_ROW + j] = (float)ph[j];
		for (; j < FIT_ROW; j++)
			pc->phi[(row + k) * FIT_ROW + j] = 0;
	}
	pc->off[pc->nex + 1] = row + np;
	pc->nex++;
}

/* Held-out order o as up to MINE_FIT_POSITIONS examples: its last item
 * hidden behind the ones before it, then the one before that ... (the
 * counter's question, "what comes next?", asked at each of the order's
 * last places). */
static void
fit_example(const struct fitwork *w, struct fitpiece *pc,
    struct fitscratch *x, size_t o)
{
	const struct baskets *b = w->b;
	struct buyer_hist h;
	struct buyer by, *bp = NULL;
	size_t n, cut;

	memset(&h, 0, sizeof h);
	if (w->customers && b->customer[o] != 0) {
		buyer_before(b, w->byc, w->nbyc, o, &h, x->pool, x->seq,
		    x->from);
		by = buyer_of(&h, b->customer[o]);
		bp = &by;
	}
	baskets_sequence(b, o, x->seq, &n);
	for (cut = 1; cut <= MINE_FIT_POSITIONS && cut < n; cut++)
		fit_example_one(pc, x, n - cut, x->seq[n - cut], bp,
		    b->at != NULL ? b->at[o] : 0);
	buyer_hist_free(&h);
}

/* Piece k: its held-out orders asked, with its own ranker. */
static void
fit_piece_run(void *arg, size_t k)
{
	struct fitwork *w = arg;       /* shared but for piece[k] */
	struct fitpiece *pc = &w->piece[k];
	struct fitscratch x;
	size_t i;

	pc->off = xmalloc(((pc->to - pc->from) * MINE_FIT_POSITIONS + 1) *
	    sizeof *pc->off);
	pc->label = xmalloc(((pc->to - pc->from) * MINE_FIT_POSITIONS + 1) *
	    sizeof *pc->label);
	pc->off[0] = 0;
	x.r = rel_new_lean(w->fm);
	x.seq = xmalloc((w->maxlen + 1) * sizeof *x.seq);
	x.pool = w->customers ? xmalloc(BUYER_HISTORY_MAX * (w->maxlen + 1) *
	    sizeof *x.pool) : NULL;
	x.from = w->customers ? xmalloc((w->maxlen + 1) * sizeof *x.from) :
	    NULL;
	for (i = pc->from; i < pc->to; i++)
		fit_example(w, pc, &x, w->val[i]);
	rel_free(&x.r);
	free(x.seq);
	free(x.pool);
	free(x.from);
	/* the growth's slack back while the other pieces grow */
	if (pc->nex > 0)
		pc->phi = xreallocarray(pc->phi, pc->off[pc->nex], FIT_ROW *
		    sizeof *pc->phi);
}

/* The pieces' examples as the fit's parts; the kept examples counted. */
static size_t
fit_parts(struct fitwork *fw, struct fit_data *d, uint32_t *used,
    uint32_t *hits)
{
	size_t k, nex = 0;

	for (k = 0; k < FIT_PIECES; k++) {
		struct fitpiece *pc = &fw->piece[k];

		d[k].phi = pc->phi;
		d[k].off = pc->off;
		d[k].label = pc->label;
		d[k].n = pc->nex;
		nex += pc->nex;
		*used += pc->used;
		*hits += pc->hits_default;
	}
	return nex;
}

void
mine_fit_weights(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, const struct model *fm, double *w,
    struct mine_stats *s)
{
	struct fitwork fw;
	struct fit_data d[FIT_PIECES];
	double wt[REL_NW], hr;
	uint32_t used = 0, hits = 0;
	size_t k, nex;

	memset(&fw, 0, sizeof fw);
	fw.b = b;
	fw.fm = fm;
	fw.customers = b->customer != NULL && b->at != NULL && b->ids != NULL;
	memcpy(w, rel_default_weights(), REL_NW * sizeof *w);
	fit_pick(&fw, p, held, s);
#ifdef __GLIBC__
	/* the counting's scratch is free but still resident; the pieces'
	 * threads would not reuse it (each has its own arena) */
	malloc_trim(0);
#endif
	for (k = 0; k < FIT_PIECES; k++) {
		fw.piece[k].from = fw.nval * k / FIT_PIECES;
		fw.piece[k].to = fw.nval * (k + 1) / FIT_PIECES;
	}
	par_run(FIT_PIECES, fit_piece_run, &fw);
	nex = fit_parts(&fw, d, &used, &hits);
	s->fit_examples = (uint32_t)nex;
	s->fit_hr3_default = used ? (double)hits / used : 0;
	s->fit_hr3 = s->fit_hr3_default;
	if (nex >= MINE_FIT_MIN) {
		memcpy(wt, w, sizeof wt);
		fit_softmax(d, FIT_PIECES, FIT_L2, wt);
		hr = fit_hit_rate(d, FIT_PIECES, wt, 3) * (double)nex / used;
		if (hr >= s->fit_hr3_default) {
			memcpy(w, wt, sizeof wt);
			s->fit_hr3 = hr;
			s->fitted = 1;
		}
	}
	for (k = 0; k < FIT_PIECES; k++) {
		free(fw.piece[k].phi);
		free(fw.piece[k].off);
		free(fw.piece[k].label);
	}
	free(fw.val);
	free(fw.byc);
}
