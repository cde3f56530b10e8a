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
void
mine_fit_weights(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, const struct model *fm, double *w,
    struct mine_stats *s)
{
	const size_t N = b->nbaskets;
	size_t *val, nval = 0, *byc = NULL, nbyc = 0, i, k, n, nex = 0;
	size_t maxlen = 0, poolcap = 0, *off;
	uint32_t *seq, *label, hits_default = 0, used = 0;
	int64_t *pool = NULL;
	float *phi;
	struct rel *r;
	struct fit_data d;
	double fw[REL_NW], hr;
	int customers = b->customer != NULL && b->at != NULL && b->ids != NULL;

	memcpy(w, rel_default_weights(), REL_NW * sizeof *w);
	val = xmalloc((N + 1) * sizeof *val);
	for (i = 0; i < N; i++) {
		n = b->start[i + 1] - b->start[i];
		if (n > maxlen)
			maxlen = n;
		if (held[i]) {
			s->fit_orders++;
			if (n >= 2)
				val[nval++] = i;
		}
	}
	newest_b = b;
	qsort(val, nval, sizeof *val, newest_cmp);
	newest_b = NULL;
	if (nval > p->fit_max)
		nval = p->fit_max;
	if (customers) {
		byc = xmalloc((N + 1) * sizeof *byc);
		for (i = 0; i < N; i++)
			if (b->customer[i] != 0)
				byc[nbyc++] = i;
		by_cust_b = b;
		qsort(byc, nbyc, sizeof *byc, by_cust_cmp);
		by_cust_b = NULL;
		poolcap = BUYER_HISTORY_MAX * (maxlen + 1);
		pool = xmalloc(poolcap * sizeof *pool);
	}
	seq = xmalloc((maxlen + 1) * sizeof *seq);
	phi = xmalloc((nval * REL_POOL + 1) * REL_NW * sizeof *phi);
	off = xmalloc((nval + 1) * sizeof *off);
	label = xmalloc((nval + 1) * sizeof *label);
	off[0] = 0;
	r = rel_new(fm);
	for (i = 0; i < nval; i++) {
		struct buyer_hist h;
		struct buyer by, *bp = NULL;
		const struct rel_cand *c;
		uint32_t hidden;
		size_t np;

		memset(&h, 0, sizeof h);
		if (customers && b->customer[val[i]] != 0) {
			buyer_before(b, byc, nbyc, val[i], &h, pool, seq);
			by = buyer_of(&h, b->customer[val[i]]);
			bp = &by;
		}
		baskets_sequence(b, val[i], seq, &n);
		hidden = seq[n - 1];
		np = rel_rank(r, seq, n - 1, bp, b->at != NULL ?
		    b->at[val[i]] : 0, rel_default_weights(), &c);
		buyer_hist_free(&h);
		used++;
		for (k = 0; k < np && c[k].item != hidden; k++)
			;
		if (k == np)
			continue;       /* not among the candidates */
		hits_default += k < 3;
		label[nex] = (uint32_t)k;
		for (k = 0; k < np; k++) {
			double ph[REL_NW];
			size_t j;
			rel_phi(c[k].f, ph);
			for (j = 0; j < REL_NW; j++)
				phi[(off[nex] + k) * REL_NW + j] = (float)ph[j];
		}
		off[nex + 1] = off[nex] + np;
		nex++;
	}
	rel_free(&r);
	s->fit_examples = (uint32_t)nex;
	s->fit_hr3_default = used ? (double)hits_default / used : 0;
	s->fit_hr3 = s->fit_hr3_default;
	if (nex >= MINE_FIT_MIN) {
		d.phi = phi;
		d.off = off;
		d.label = label;
		d.n = nex;
		memcpy(fw, w, sizeof fw);
		fit_softmax(&d, FIT_L2, fw);
		hr = fit_hit_rate(&d, fw, 3) * (double)nex / used;
		if (hr >= s->fit_hr3_default) {
			memcpy(w, fw, sizeof fw);
			s->fit_hr3 = hr;
			s->fitted = 1;
		}
	}
	free(val);
	free(byc);
	free(pool);
	free(seq);
	free(phi);
	free(off);
	free(label);
}
