/*
 * mine_count.c — the counting of the miner: pairs of items bought in one
 * order (with the order they were rung up in), each item's partners kept by
 * count (top k), recent orders, and the items' name neighbours (cosine of
 * their names' words, idf-weighted).
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

/*
 * Row by row: row a counts, in scratch rows, every item bought with a,
 * the ones rung up 1..MODEL_SEQ_WINDOW places after and before it, and
 * the same over the held-out orders; the best top_partners go to a's
 * partner list.  cnt and cv are reset as they are read, the sequence
 * counts through the list of what they touched.
 */
void
mine_count_pairs(const struct baskets *b, const struct mine_params *p,
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
			const uint32_t *bl = blk + 3 * from, *it,
			    *end = bl + len;
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

void
mine_counts_free(struct counts *c)
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
uint32_t
mine_count_recent(const struct baskets *b, const uint8_t *held,
    uint32_t *recent,
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
void
mine_count_names(const struct baskets *b, const struct mine_params *p,
    uint32_t **nstart_out, struct mine_near **near_out, size_t *nnear)
{
	const size_t I = b->nitems;
	struct strmap *dict = strmap_new();
	uint32_t *wstart, *words = NULL, *df = NULL, *istart, *inv, *fill;
	uint32_t *touched, nt;
	size_t nw = 0, capw = 0, nd = 0, capd = 0, i, j, k;
	double *idf, *norm, *dot;
	struct mine_near *near = NULL;
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
					df = xreallocarray(df, capd,
					    sizeof *df);
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
