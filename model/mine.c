/*
 * mine.c — mining a model (mine.h): the parameters, mine_build() and
 * mine_rebuild().  The counting is in mine_count.c, the fit in mine_fit.c,
 * the blob in mine_blob.c (mine_int.h).
 */
#include "model/mine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/baskets.h"
#include "model/buyer.h"
#include "model/civil.h"
#include "model/fit.h"
#include "model/store_orders.h"
#include "model/strmap.h"
#include "model/xalloc.h"
#include "model/mine_int.h"

#define FIT_HISTORY   200    /* a buyer's latest orders used in the fit */

struct mine_params
mine_default_params(void)
{
	struct mine_params p = {
		.top_partners = 64, .min_pair = 2, .names_kept = 16,
		.fit = 1, .fit_percent = 10, .fit_max = 1500,
	};
	return p;
}

size_t
mine_align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* ---- mine_build -------------------------------------------------------------- */

int
mine_int64_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * Fit the weights w on the held-out orders, against a model of the other
 * orders (pt, filled here from c and recent, is that model's parts, seen
 * through mine_view(); c's counts of those orders are freed after).
 * 0, or -1 with *cause.
 */
static int
fit_held(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, struct counts *c, uint32_t *recent,
    uint32_t *pt_last, struct parts *pt, double *w, struct mine_stats *s,
    int64_t built, char **cause)
{
	struct model fm;
	size_t nheld = 0, i;

	for (i = 0; i < b->nbaskets; i++)
		nheld += held[i];
	pt->nbaskets = (uint32_t)(b->nbaskets - nheld);
	pt->nrecent = mine_count_recent(b, held, recent, &pt->until);
	pt->recent = recent;
	mine_count_last(b, held, pt_last);
	pt->last = pt_last;
	pt->freq = c->freq_fit;
	pt->pstart = c->pstart_fit;
	pt->pairs = c->pairs_fit.v;
	pt->npairs = c->pairs_fit.n;
	/* the view's weights stay put while w is fitted */
	pt->weights = rel_default_weights();
	if (mine_view(&fm, pt, built) != 0) {
		*cause = xstrdup("the store's item ids are too sparse to "
		    "index");
		return -1;
	}
	mine_fit_weights(b, p, held, &fm, w, s);
	mine_close(&fm);
	free(c->pairs_fit.v);
	memset(&c->pairs_fit, 0, sizeof c->pairs_fit);
	xfree(&c->pstart_fit);
	xfree(&c->freq_fit);
	return 0;
}

/* The held-out baskets: the latest percent by time (by position in a
 * basket file).  NULL when nothing is held out. */
static uint8_t *
hold_out(const struct baskets *b, uint32_t percent)
{
	const size_t N = b->nbaskets;
	size_t k = (N * percent + 99) / 100, t;
	uint8_t *held;
	int64_t *v, cut;

	if (percent == 0 || N < 2)
		return NULL;
	held = xcalloc(N, 1);
	if (b->at == NULL) {
		for (t = N - k; t < N; t++)
			held[t] = 1;
		return held;
	}
	v = xmalloc(N * sizeof *v);
	memcpy(v, b->at, N * sizeof *v);
	qsort(v, N, sizeof *v, mine_int64_cmp);
	cut = v[N - k];
	free(v);
	for (t = 0; t < N; t++)
		held[t] = b->at[t] >= cut;
	return held;
}

int
mine_build(const struct baskets *b, const struct mine_params *p,
    int64_t built, void **blob, size_t *size, struct mine_stats *st,
    char **cause)
{
	const size_t N = b->nbaskets, I = b->nitems;
	struct counts c;
	struct mine_stats s;
	struct parts pt;
	uint32_t *recent, *last, *nstart = NULL;
	struct mine_near *near = NULL;
	size_t nnear = 0;
	double w[REL_NW];
	uint8_t *held;

	memset(&s, 0, sizeof s);
	memset(&c, 0, sizeof c);
	if (N > UINT32_MAX - 1 || I > UINT32_MAX - 1) {
		*cause = xstrdup("too many orders or items for the model");
		return -1;
	}
	s.nbaskets = (uint32_t)N;
	s.nitems = (uint32_t)I;
	held = p->fit ? hold_out(b, p->fit_percent) : NULL;
	mine_count_pairs(b, p, held, &c, &s);
	if (b->titles != NULL)
		mine_count_names(b, p, &nstart, &near, &nnear);
	else
		nstart = xcalloc(I + 1, sizeof *nstart);
	s.names_kept = nnear;
	recent = xcalloc(I + 1, sizeof *recent);
	last = xcalloc(I + 1, sizeof *last);
	memcpy(w, rel_default_weights(), sizeof w);

	memset(&pt, 0, sizeof pt);
	pt.nitems = (uint32_t)I;
	pt.ids = b->ids;
	pt.nstart = nstart;
	pt.near = near;
	pt.nnear = nnear;
	if (held != NULL && fit_held(b, p, held, &c, recent, last, &pt, w, &s,
	    built, cause) != 0)
		goto fail;
	pt.nbaskets = (uint32_t)N;
	pt.nrecent = mine_count_recent(b, NULL, recent, &pt.until);
	pt.recent = recent;
	mine_count_last(b, NULL, last);
	pt.last = last;
	pt.freq = c.freq;
	pt.pstart = c.pstart;
	pt.pairs = c.pairs.v;
	pt.npairs = c.pairs.n;
	pt.pairs_ge2 = s.pairs_ge2;
	pt.weights = w;
	memcpy(s.weights, w, sizeof s.weights);
	pt.fit = s;
	*blob = mine_blob_write(&pt, built, size);
	free(held);
	mine_counts_free(&c);
	free(recent);
	free(last);
	free(nstart);
	free(near);
	if (st != NULL)
		*st = s;
	return 0;
fail:
	free(held);
	mine_counts_free(&c);
	free(recent);
	free(last);
	free(nstart);
	free(near);
	return -1;
}
