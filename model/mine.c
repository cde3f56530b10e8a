/*
 * mine.c — counting, name neighbours, the fit and the blob (mine.h).
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

#define MODEL_VERSION 2
#define MODEL_ORDER   0x01020304u
#define FIT_HISTORY   200    /* a buyer's latest orders used in the fit */
#define NAME_MIN_SIM  0.2f   /* name neighbours at least this similar   */

struct header {
	char     magic[4];
	uint32_t version;
	uint32_t order;        /* MODEL_ORDER in the writer's byte order */
	uint32_t nbaskets;
	uint32_t nitems;
	uint32_t nrecent;
	uint64_t npairs;       /* partner entries stored                 */
	uint64_t nnear;        /* name neighbours stored                 */
	uint64_t pairs_ge2;
	int64_t  built;
	int64_t  until;
	uint32_t fit_orders, fit_examples;
	uint32_t fitted, nweights;
	double   fit_hr3_default, fit_hr3;
};

struct mine_params
mine_default_params(void)
{
	struct mine_params p = {
		.top_partners = 64, .min_pair = 2, .names_kept = 16,
		.fit = 1, .fit_percent = 10, .fit_max = 600,
	};
	return p;
}

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* ---- top k by a key ------------------------------------------------------ */

struct topent {
	uint32_t item;
	uint32_t count;        /* what it stands for, if anything ... */
	uint32_t held;         /* ... and how much of it is held out  */
	uint64_t key;
};

/* The best k: a min-heap on (key, -item), the root the weakest kept. */
struct top {
	struct topent *v;
	size_t n, cap;
};

static int
weaker(const struct topent *a, const struct topent *b)
{
	return a->key < b->key || (a->key == b->key && a->item > b->item);
}

static void
top_push(struct top *h, size_t k, uint32_t item, uint32_t count,
    uint32_t held, uint64_t key)
{
	struct topent e = { item, count, held, key }, t;
	size_t i, c;

	if (k == 0)
		return;
	if (h->cap < k) {
		h->cap = k;
		h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	if (h->n == k) {
		if (!weaker(&h->v[0], &e))
			return;
		h->v[0] = e;
		for (i = 0; (c = 2 * i + 1) < h->n; i = c) {
			if (c + 1 < h->n && weaker(&h->v[c + 1], &h->v[c]))
				c++;
			if (!weaker(&h->v[c], &h->v[i]))
				break;
			t = h->v[c];
			h->v[c] = h->v[i];
			h->v[i] = t;
		}
		return;
	}
	h->v[i = h->n++] = e;
	while (i > 0 && weaker(&h->v[i], &h->v[(i - 1) / 2])) {
		t = h->v[i];
		h->v[i] = h->v[(i - 1) / 2];
		h->v[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static int
topent_by_key(const void *x, const void *y)
{
	const struct topent *a = x, *b = y;

	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* ---- what the blob is made of ---------------------------------------------- */

struct parts {
	uint32_t           nbaskets, nitems, nrecent;
	int64_t            until;
	uint64_t           pairs_ge2;
	const int64_t     *ids;        /* may be NULL: ids 0          */
	const uint32_t    *freq, *recent, *pstart, *nstart;
	const struct model_pair *pairs;
	size_t             npairs;
	const struct model_near *near;
	size_t             nnear;
	const double      *weights;
	struct mine_stats  fit;
};

static void *
blob_write(const struct parts *p, int64_t built, size_t *size)
{
	const size_t I = p->nitems;
	struct header h;
	char *out;
	size_t off, i;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, MODEL_MAGIC, 4);
	h.version = MODEL_VERSION;
	h.order = MODEL_ORDER;
	h.nbaskets = p->nbaskets;
	h.nitems = p->nitems;
	h.nrecent = p->nrecent;
	h.npairs = p->npairs;
	h.nnear = p->nnear;
	h.pairs_ge2 = p->pairs_ge2;
	h.built = built;
	h.until = p->until;
	h.fit_orders = p->fit.fit_orders;
	h.fit_examples = p->fit.fit_examples;
	h.fitted = (uint32_t)p->fit.fitted;
	h.nweights = REL_NW;
	h.fit_hr3_default = p->fit.fit_hr3_default;
	h.fit_hr3 = p->fit.fit_hr3;
	*size = sizeof h + align8(I * 8) + 2 * align8(I * 4) +
	    2 * align8((I + 1) * 4) + align8(p->npairs * sizeof *p->pairs) +
	    align8(p->nnear * sizeof *p->near) + REL_NW * sizeof(double);
	out = xcalloc(1, *size);
	memcpy(out, &h, sizeof h);
	off = sizeof h;
	for (i = 0; i < I; i++) {
		int64_t id = p->ids != NULL ? p->ids[i] : 0;
		memcpy(out + off + i * 8, &id, 8);
	}
	off += align8(I * 8);
	memcpy(out + off, p->freq, I * 4);
	off += align8(I * 4);
	memcpy(out + off, p->recent, I * 4);
	off += align8(I * 4);
	memcpy(out + off, p->pstart, (I + 1) * 4);
	off += align8((I + 1) * 4);
	if (p->npairs > 0)
		memcpy(out + off, p->pairs, p->npairs * sizeof *p->pairs);
	off += align8(p->npairs * sizeof *p->pairs);
	memcpy(out + off, p->nstart, (I + 1) * 4);
	off += align8((I + 1) * 4);
	if (p->nnear > 0)
		memcpy(out + off, p->near, p->nnear * sizeof *p->near);
	off += align8(p->nnear * sizeof *p->near);
	memcpy(out + off, p->weights, REL_NW * sizeof(double));
	return out;
}

/* ---- counting ------------------------------------------------------------- */

struct pairvec {
	struct model_pair *v;
	size_t n, cap;
};

static void
pair_push(struct pairvec *pv, uint32_t item, uint32_t count, uint32_t fwd,
    uint32_t bwd)
{
	if (pv->n == pv->cap) {
		pv->cap = pv->cap ? 2 * pv->cap : 4096;
		pv->v = xreallocarray(pv->v, pv->cap, sizeof *pv->v);
	}
	pv->v[pv->n].item = item;
	pv->v[pv->n].count = count;
	pv->v[pv->n].fwd = fwd;
	pv->v[pv->n++].bwd = bwd;
}

/* The counts of a history: all of it, and (when held[] is given) all
 * but the held-out baskets, for the fit. */
struct counts {
	uint32_t      *freq, *freq_fit;
	uint32_t      *pstart, *pstart_fit;
	struct pairvec pairs, pairs_fit;
};

/*
 * Row by row: row a counts, in scratch rows, every item bought with a,
 * the ones rung up 1..MODEL_SEQ_WINDOW places after and before it, and
 * the same over the held-out orders; the best top_partners go to a's
 * partner list.  cnt and cv are reset as they are read, the sequence
 * counts through the list of what they touched.
 */
static void
count_pairs(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, struct counts *c, struct mine_stats *s)
{
	const size_t N = b->nbaskets, I = b->nitems;
	uint32_t *tstart, *tids, *fill, *touched, nt, a, x;
	uint32_t unit[MODEL_SEQ_WINDOW + 1];
	uint32_t *cnt, *fwd, *bwd, *cv, *fv, *bv, *blk, *tside, nside;
	uint64_t key;
	uint8_t *mark;
	struct top heap = { 0 };
	size_t i, k, t, work;
	int sparse, d;

	for (d = 1; d <= MODEL_SEQ_WINDOW; d++)
		unit[d] = MODEL_SEQ_UNIT / (uint32_t)d;
	c->freq = xcalloc(I + 1, sizeof *c->freq);
	c->freq_fit = xcalloc(I + 1, sizeof *c->freq_fit);
	tstart = xcalloc(I + 2, sizeof *tstart);
	for (t = 0; t < N; t++) {
		k = b->start[t + 1] - b->start[t];
		s->pair_occurrences += (uint64_t)k * (k - (k > 0)) / 2;
		for (i = b->start[t]; i < b->start[t + 1]; i++) {
			c->freq[b->items[i]]++;
			if (held == NULL || !held[t])
				c->freq_fit[b->items[i]]++;
		}
	}
	for (i = 0; i < I; i++) {
		tstart[i + 1] = tstart[i] + c->freq[i];
		s->items_bought += c->freq[i] > 0;
	}
	tids = xmalloc((tstart[I] + 1) * sizeof *tids);
	fill = xmalloc((I + 1) * sizeof *fill);
	memcpy(fill, tstart, I * sizeof *fill);
	for (t = 0; t < N; t++)
		for (i = b->start[t]; i < b->start[t + 1]; i++)
			tids[fill[b->items[i]]++] = (uint32_t)t;
	free(fill);

	/* Every basket as one block: its items sorted, the place each was
	 * rung up, then its items in that order — all a row's visit needs,
	 * side by side in memory. */
	blk = xmalloc((3 * (N > 0 ? b->start[N] : 0) + 1) * sizeof *blk);
	for (t = 0; t < N; t++) {
		size_t from = b->start[t], len = b->start[t + 1] - from;
		uint32_t *o = blk + 3 * from;

		for (i = 0; i < len; i++) {
			o[i] = b->items[from + i];
			o[len + i] = b->pos[from + i];
			o[2 * len + b->pos[from + i]] = b->items[from + i];
		}
	}

	cnt = xcalloc(6 * (I + 1), sizeof *cnt);
	fwd = cnt + (I + 1);
	bwd = fwd + (I + 1);
	cv = bwd + (I + 1);
	fv = cv + (I + 1);
	bv = fv + (I + 1);
	touched = xmalloc((I + 1) * sizeof *touched);
	tside = xmalloc((I + 1) * sizeof *tside);
	mark = xcalloc(I + 1, 1);
	c->pstart = xcalloc(I + 1, sizeof *c->pstart);
	c->pstart_fit = xcalloc(I + 1, sizeof *c->pstart_fit);
	for (a = 0; a < I; a++) {
		c->pstart[a] = (uint32_t)c->pairs.n;
		c->pstart_fit[a] = (uint32_t)c->pairs_fit.n;
		if (c->freq[a] < p->min_pair)
			continue;
		/* A busy row is counted branch-free and then scanned whole;
		 * a sparse one (the long tail) keeps a list of what it
		 * touched instead. */
		work = 0;
		for (t = tstart[a]; t < tstart[a + 1]; t++)
			work += b->start[tids[t] + 1] - b->start[tids[t]];
		sparse = work * 4 < I;
		nt = nside = 0;
		for (t = tstart[a]; t < tstart[a + 1]; t++) {
			size_t bt = tids[t], from = b->start[bt];
			size_t len = b->start[bt + 1] - from, pa, lo, hi, mid;
			const uint32_t *bl = blk + 3 * from, *it, *end = bl + len;
			const uint32_t *sq = bl + 2 * len;
			int out = held != NULL && held[bt];

			if (sparse) {
				for (it = bl; it < end; it++)
					if (cnt[*it]++ == 0)
						touched[nt++] = *it;
			} else
				for (it = bl; it < end; it++)
					cnt[*it]++;
			if (out)
				for (it = bl; it < end; it++)
					cv[*it]++;
			/* What came up to MODEL_SEQ_WINDOW places after and
			 * before it: its neighbours, while the basket is at
			 * hand. */
			for (lo = 0, hi = len; lo < hi;) {
				mid = (lo + hi) / 2;
				if (bl[mid] < a)
					lo = mid + 1;
				else
					hi = mid;
			}
			pa = bl[len + lo];
			for (d = 1; d <= MODEL_SEQ_WINDOW; d++) {
				if (pa + (size_t)d < len) {
					x = sq[pa + (size_t)d];
					fwd[x] += unit[d];
					if (out)
						fv[x] += unit[d];
					if (!mark[x]) {
						mark[x] = 1;
						tside[nside++] = x;
					}
				}
				if (pa >= (size_t)d) {
					x = sq[pa - (size_t)d];
					bwd[x] += unit[d];
					if (out)
						bv[x] += unit[d];
					if (!mark[x]) {
						mark[x] = 1;
						tside[nside++] = x;
					}
				}
			}
		}
		heap.n = 0;
		for (k = 0; k < (sparse ? nt : I); k++) {
			uint32_t n, nh;

			x = sparse ? touched[k] : (uint32_t)k;
			if ((n = cnt[x]) == 0)
				continue;       /* the common case of a dense row */
			nh = cv[x];
			cnt[x] = cv[x] = 0;
			if (n < p->min_pair || x == a)
				continue;
			s->pairs_ge2 += x > a;
			if (p->top_partners == 0)
				continue;
			/* kept: the most frequent partners and the items
			 * that most often come next */
			key = (uint64_t)n * MODEL_SEQ_UNIT + 4 * (uint64_t)fwd[x];
			if (heap.n < p->top_partners || key > heap.v[0].key ||
			    (key == heap.v[0].key && x < heap.v[0].item))
				top_push(&heap, p->top_partners, x, n, nh, key);
		}
		/* by partner index: an insertion sort of a few dozen */
		for (i = 1; i < heap.n; i++) {
			struct topent e = heap.v[i];
			for (k = i; k > 0 && heap.v[k - 1].item > e.item; k--)
				heap.v[k] = heap.v[k - 1];
			heap.v[k] = e;
		}
		for (i = 0; i < heap.n; i++) {
			uint32_t n = heap.v[i].count, nh = heap.v[i].held;

			x = heap.v[i].item;
			pair_push(&c->pairs, x, n, fwd[x], bwd[x]);
			if (held != NULL && n > nh)
				pair_push(&c->pairs_fit, x, n - nh,
				    fwd[x] - fv[x], bwd[x] - bv[x]);
		}
		for (k = 0; k < nside; k++) {
			x = tside[k];
			fwd[x] = bwd[x] = fv[x] = bv[x] = 0;
			mark[x] = 0;
		}
	}
	c->pstart[I] = (uint32_t)c->pairs.n;
	c->pstart_fit[I] = (uint32_t)c->pairs_fit.n;
	s->partners_kept = c->pairs.n;
	free(tstart);
	free(tids);
	free(blk);
	free(cnt);
	free(touched);
	free(tside);
	free(mark);
	free(heap.v);
}

static void
counts_free(struct counts *c)
{
	free(c->freq);
	free(c->freq_fit);
	free(c->pstart);
	free(c->pstart_fit);
	free(c->pairs.v);
	free(c->pairs_fit.v);
	memset(c, 0, sizeof *c);
}

/* Orders in the last MODEL_TREND_DAYS before the newest of those not
 * held out (held NULL: all), and each item's count there. */
static uint32_t
count_recent(const struct baskets *b, const uint8_t *held, uint32_t *recent,
    int64_t *until)
{
	int64_t end = INT64_MIN, from;
	uint32_t n = 0;
	size_t t, i;

	memset(recent, 0, b->nitems * sizeof *recent);
	*until = 0;
	if (b->at == NULL)
		return 0;
	for (t = 0; t < b->nbaskets; t++)
		if ((held == NULL || !held[t]) && b->at[t] > end)
			end = b->at[t];
	if (end == INT64_MIN)
		return 0;
	*until = end;
	from = end - (int64_t)MODEL_TREND_DAYS * CIVIL_DAY;
	for (t = 0; t < b->nbaskets; t++) {
		if ((held != NULL && held[t]) || b->at[t] <= from)
			continue;
		n++;
		for (i = b->start[t]; i < b->start[t + 1]; i++)
			recent[b->items[i]]++;
	}
	return n;
}

/* ---- name neighbours ------------------------------------------------------ */

static int
word_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    ch >= 0x80;
}

/*
 * Words of 3+ bytes (ASCII letters, case-folded, or any UTF-8 sequence),
 * idf-weighted; the cosine of two names' word vectors is their
 * similarity.  Words in more than a quarter of the names say nothing and
 * are left out.
 */
static void
count_names(const struct baskets *b, const struct mine_params *p,
    uint32_t **nstart_out, struct model_near **near_out, size_t *nnear)
{
	const size_t I = b->nitems;
	struct strmap *dict = strmap_new();
	uint32_t *wstart, *words = NULL, *df = NULL, *istart, *inv, *fill;
	uint32_t *touched, nt;
	size_t nw = 0, capw = 0, nd = 0, capd = 0, i, j, k;
	double *idf, *norm, *dot;
	struct model_near *near = NULL;
	size_t nnr = 0, capnr = 0;
	struct top heap = { 0 };
	char buf[64];

	*nstart_out = xcalloc(I + 1, sizeof **nstart_out);
	wstart = xcalloc(I + 1, sizeof *wstart);
	for (i = 0; i < I; i++) {
		const char *s = b->titles != NULL ? b->titles[i] : NULL;
		size_t from = nw;

		wstart[i] = (uint32_t)nw;
		for (j = 0; s != NULL && s[j] != '\0';) {
			size_t len = 0;
			int64_t id;

			while (s[j] != '\0' && !word_byte((unsigned char)s[j]))
				j++;
			while (s[j] != '\0' && word_byte((unsigned char)s[j])) {
				if (len < sizeof buf) {
					unsigned char ch = (unsigned char)s[j];
					buf[len++] = (char)(ch >= 'A' &&
					    ch <= 'Z' ? ch + 32 : ch);
				}
				j++;
			}
			if (len < 3)
				continue;
			if (!strmap_get(dict, buf, len, &id)) {
				id = (int64_t)nd;
				strmap_put(dict, buf, len, id);
				if (nd == capd) {
					capd = capd ? 2 * capd : 1024;
					df = xreallocarray(df, capd, sizeof *df);
				}
				df[nd++] = 0;
			}
			for (k = from; k < nw && words[k] != (uint32_t)id; k++)
				;
			if (k < nw)
				continue;       /* once per name */
			if (nw == capw) {
				capw = capw ? 2 * capw : 4096;
				words = xreallocarray(words, capw,
				    sizeof *words);
			}
			words[nw++] = (uint32_t)id;
			df[id]++;
		}
	}
	wstart[I] = (uint32_t)nw;
	strmap_free(&dict);
	idf = xcalloc(nd + 1, sizeof *idf);
	for (k = 0; k < nd; k++)
		idf[k] = df[k] * 4 > I ? 0 : log((double)I / df[k]);
	norm = xcalloc(I + 1, sizeof *norm);
	for (i = 0; i < I; i++) {
		for (k = wstart[i]; k < wstart[i + 1]; k++)
			norm[i] += idf[words[k]] * idf[words[k]];
		norm[i] = sqrt(norm[i]);
	}
	/* word -> names holding it */
	istart = xcalloc(nd + 2, sizeof *istart);
	for (k = 0; k < nw; k++)
		istart[words[k] + 1]++;
	for (k = 0; k < nd; k++)
		istart[k + 1] += istart[k];
	inv = xmalloc((nw + 1) * sizeof *inv);
	fill = xmalloc((nd + 1) * sizeof *fill);
	memcpy(fill, istart, (nd + 1) * sizeof *fill);
	for (i = 0; i < I; i++)
		for (k = wstart[i]; k < wstart[i + 1]; k++)
			inv[fill[words[k]]++] = (uint32_t)i;
	free(fill);
	dot = xcalloc(I + 1, sizeof *dot);
	touched = xmalloc((I + 1) * sizeof *touched);
	for (i = 0; i < I; i++) {
		(*nstart_out)[i] = (uint32_t)nnr;
		if (norm[i] == 0)
			continue;
		nt = 0;
		for (k = wstart[i]; k < wstart[i + 1]; k++) {
			uint32_t w = words[k];
			if (idf[w] == 0)
				continue;
			for (j = istart[w]; j < istart[w + 1]; j++) {
				uint32_t x = inv[j];
				if (x == i)
					continue;
				if (dot[x] == 0)
					touched[nt++] = x;
				dot[x] += idf[w] * idf[w];
			}
		}
		heap.n = 0;
		for (k = 0; k < nt; k++) {
			uint32_t x = touched[k];
			double sim = dot[x] / (norm[i] * norm[x]);
			dot[x] = 0;
			if (sim >= NAME_MIN_SIM)
				top_push(&heap, p->names_kept, x, 0, 0,
				    (uint64_t)(sim * 1e9));
		}
		if (heap.n > 0)
			qsort(heap.v, heap.n, sizeof *heap.v, topent_by_key);
		for (k = 0; k < heap.n; k++) {
			if (nnr == capnr) {
				capnr = capnr ? 2 * capnr : 4096;
				near = xreallocarray(near, capnr, sizeof *near);
			}
			near[nnr].item = heap.v[k].item;
			near[nnr++].sim = (float)(heap.v[k].key / 1e9);
		}
	}
	(*nstart_out)[I] = (uint32_t)nnr;
	*near_out = near;
	*nnear = nnr;
	free(wstart);
	free(words);
	free(df);
	free(idf);
	free(norm);
	free(istart);
	free(inv);
	free(dot);
	free(touched);
	free(heap.v);
}

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
static void
fit_weights(const struct baskets *b, const struct mine_params *p,
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

/* ---- mine_build -------------------------------------------------------------- */

static int
int64_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
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
	qsort(v, N, sizeof *v, int64_cmp);
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
	struct model fm;
	uint32_t *recent, *nstart = NULL;
	struct model_near *near = NULL;
	size_t nnear = 0, i;
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
	count_pairs(b, p, held, &c, &s);
	if (b->titles != NULL)
		count_names(b, p, &nstart, &near, &nnear);
	else
		nstart = xcalloc(I + 1, sizeof *nstart);
	s.names_kept = nnear;
	recent = xcalloc(I + 1, sizeof *recent);
	memcpy(w, rel_default_weights(), sizeof w);

	memset(&pt, 0, sizeof pt);
	pt.nitems = (uint32_t)I;
	pt.ids = b->ids;
	pt.nstart = nstart;
	pt.near = near;
	pt.nnear = nnear;
	if (held != NULL) {
		void *fb;
		size_t fsize, nheld = 0;

		for (i = 0; i < N; i++)
			nheld += held[i];
		pt.nbaskets = (uint32_t)(N - nheld);
		pt.nrecent = count_recent(b, held, recent, &pt.until);
		pt.recent = recent;
		pt.freq = c.freq_fit;
		pt.pstart = c.pstart_fit;
		pt.pairs = c.pairs_fit.v;
		pt.npairs = c.pairs_fit.n;
		pt.weights = w;
		fb = blob_write(&pt, built, &fsize);
		if (model_open(&fm, fb, fsize, cause) != 0) {
			free(*cause);
			*cause = xstrdup("the model of the earlier orders is "
			    "inconsistent (a bug)");
			goto fail;
		}
		fit_weights(b, p, held, &fm, w, &s);
		model_close(&fm);
	}
	pt.nbaskets = (uint32_t)N;
	pt.nrecent = count_recent(b, NULL, recent, &pt.until);
	pt.recent = recent;
	pt.freq = c.freq;
	pt.pstart = c.pstart;
	pt.pairs = c.pairs.v;
	pt.npairs = c.pairs.n;
	pt.pairs_ge2 = s.pairs_ge2;
	pt.weights = w;
	memcpy(s.weights, w, sizeof s.weights);
	pt.fit = s;
	*blob = blob_write(&pt, built, size);
	free(held);
	counts_free(&c);
	free(recent);
	free(nstart);
	free(near);
	if (st != NULL)
		*st = s;
	return 0;
fail:
	free(held);
	counts_free(&c);
	free(recent);
	free(nstart);
	free(near);
	return -1;
}

/* ---- a model in use ---------------------------------------------------------- */

int
model_open(struct model *m, void *blob, size_t size, char **cause)
{
	struct header h;
	size_t need, off, i, I;
	uint64_t np, nn;
	const char *base = blob;

	memset(m, 0, sizeof *m);
	if (size < sizeof h) {
		free(blob);
		*cause = xstrdup("the mined model is truncated; run uplift "
		    "rebuild");
		return -1;
	}
	memcpy(&h, blob, sizeof h);
	if (memcmp(h.magic, MODEL_MAGIC, 4) != 0 ||
	    h.version != MODEL_VERSION || h.order != MODEL_ORDER ||
	    h.nweights != REL_NW) {
		free(blob);
		*cause = xstrdup("the mined model is from another version or "
		    "machine; run uplift rebuild");
		return -1;
	}
	I = h.nitems;
	np = h.npairs;
	nn = h.nnear;
	if (np > size || nn > size || I > size)
		goto bad;
	need = sizeof h + align8(I * 8) + 2 * align8(I * 4) +
	    2 * align8((I + 1) * 4) + align8(np * sizeof *m->pairs) +
	    align8(nn * sizeof *m->near) + REL_NW * sizeof(double);
	if (size != need)
		goto bad;
	m->blob = blob;
	m->size = size;
	m->nbaskets = h.nbaskets;
	m->nitems = h.nitems;
	m->nrecent = h.nrecent;
	m->built = h.built;
	m->until = h.until;
	m->pairs_ge2 = h.pairs_ge2;
	m->fit.fit_orders = h.fit_orders;
	m->fit.fit_examples = h.fit_examples;
	m->fit.fitted = h.fitted != 0;
	m->fit.fit_hr3_default = h.fit_hr3_default;
	m->fit.fit_hr3 = h.fit_hr3;
	off = sizeof h;
	m->store_id = (const int64_t *)(const void *)(base + off);
	off += align8(I * 8);
	m->freq = (const uint32_t *)(const void *)(base + off);
	off += align8(I * 4);
	m->recent = (const uint32_t *)(const void *)(base + off);
	off += align8(I * 4);
	m->pstart = (const uint32_t *)(const void *)(base + off);
	off += align8((I + 1) * 4);
	m->pairs = (const struct model_pair *)(const void *)(base + off);
	off += align8(np * sizeof *m->pairs);
	m->nstart = (const uint32_t *)(const void *)(base + off);
	off += align8((I + 1) * 4);
	m->near = (const struct model_near *)(const void *)(base + off);
	off += align8(nn * sizeof *m->near);
	m->weights = (const double *)(const void *)(base + off);
	/* Offsets, indexes and counts that can be true: a damaged blob
	 * must not give figures such as an infinite lift. */
	if (m->pstart[0] != 0 || m->pstart[I] != np || m->nstart[0] != 0 ||
	    m->nstart[I] != nn || h.nrecent > h.nbaskets)
		goto bad;
	for (i = 0; i < I; i++)
		if (m->pstart[i] > m->pstart[i + 1] ||
		    m->nstart[i] > m->nstart[i + 1] ||
		    m->freq[i] > h.nbaskets || m->recent[i] > h.nrecent ||
		    m->recent[i] > m->freq[i])
			goto bad;
	for (i = 0; i < I; i++) {
		uint32_t k;
		for (k = m->pstart[i]; k < m->pstart[i + 1]; k++) {
			const struct model_pair *pr = &m->pairs[k];
			if (pr->item >= I || pr->item == i || pr->count == 0 ||
			    pr->count > m->freq[i] ||
			    pr->count > m->freq[pr->item] ||
			    pr->fwd > (uint64_t)pr->count * MODEL_SEQ_UNIT ||
			    pr->bwd > (uint64_t)pr->count * MODEL_SEQ_UNIT ||
			    (k > m->pstart[i] && pr[-1].item >= pr->item))
				goto bad;
		}
		for (k = m->nstart[i]; k < m->nstart[i + 1]; k++)
			if (m->near[k].item >= I || m->near[k].item == i ||
			    !(m->near[k].sim >= 0 && m->near[k].sim <= 1.001f))
				goto bad;
	}
	for (i = 0; i < REL_NW; i++)
		if (!isfinite(m->weights[i]) || fabs(m->weights[i]) > 1e6)
			goto bad;
	/* Store id -> index: ids are dense in practice; refuse a table far
	 * larger than the items it maps. */
	m->max_store = 0;
	for (i = 0; i < I; i++)
		if (m->store_id[i] > m->max_store)
			m->max_store = m->store_id[i];
	if (m->max_store > 16 * (int64_t)I + 65536)
		goto bad;
	m->by_store = xmalloc(((size_t)m->max_store + 1) * sizeof *m->by_store);
	memset(m->by_store, 0xff, ((size_t)m->max_store + 1) *
	    sizeof *m->by_store);
	for (i = 0; i < I; i++)
		if (m->store_id[i] > 0)
			m->by_store[m->store_id[i]] = (uint32_t)i;
	return 0;
bad:
	free(blob);
	memset(m, 0, sizeof *m);
	*cause = xstrdup("the mined model is damaged; run uplift rebuild");
	return -1;
}

void
model_close(struct model *m)
{
	free(m->blob);
	free(m->by_store);
	memset(m, 0, sizeof *m);
}

int
model_map_items(void *blob, size_t size,
    int64_t (*map)(void *arg, int64_t id), void *arg, char **cause)
{
	struct header h;
	char *ids = (char *)blob + sizeof h;
	int64_t v;
	size_t i;

	if (size < sizeof h) {
		*cause = xstrdup("the mined model is truncated");
		return -1;
	}
	memcpy(&h, blob, sizeof h);
	if (memcmp(h.magic, MODEL_MAGIC, 4) != 0 ||
	    h.version != MODEL_VERSION || h.order != MODEL_ORDER ||
	    (size - sizeof h) / 8 < h.nitems) {
		*cause = xstrdup("the mined model is from another version or "
		    "machine, or damaged");
		return -1;
	}
	for (i = 0; i < h.nitems; i++) {
		memcpy(&v, ids + i * 8, 8);
		v = v > 0 ? map(arg, v) : 0;
		memcpy(ids + i * 8, &v, 8);
	}
	return 0;
}

uint32_t
model_index(const struct model *m, int64_t store_id)
{
	if (store_id < 1 || store_id > m->max_store || m->by_store == NULL)
		return UINT32_MAX;
	return m->by_store[store_id];
}

const struct model_pair *
model_pair(const struct model *m, uint32_t a, uint32_t b)
{
	uint32_t lo, hi, mid;

	if (a >= m->nitems)
		return NULL;
	lo = m->pstart[a];
	hi = m->pstart[a + 1];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->pairs[mid].item < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->pstart[a + 1] && m->pairs[lo].item == b ?
	    &m->pairs[lo] : NULL;
}

uint32_t
model_pair_count(const struct model *m, uint32_t a, uint32_t b)
{
	const struct model_pair *p = model_pair(m, a, b);

	return p != NULL ? p->count : 0;
}

int
mine_rebuild(struct store *s, int64_t before, int64_t built,
    struct mine_stats *st, size_t *size, char **cause)
{
	struct mine_params mp = mine_default_params();
	struct baskets b;
	void *blob;
	size_t n;
	int rc;

	baskets_init(&b);
	if (store_baskets(s, before, &b, cause) != 0 ||
	    mine_build(&b, &mp, built, &blob, &n, st, cause) != 0) {
		baskets_free(&b);
		return -1;
	}
	baskets_free(&b);
	rc = store_model_save(s, MODEL_NAME, built, blob, n, cause);
	free(blob);
	if (rc == 0 && size != NULL)
		*size = n;
	return rc;
}
