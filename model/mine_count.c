/*
 * mine_count.c — the counting of the miner: pairs of items bought in one
 * order (with the order they were rung up in), each item's partners kept by
 * count (top k), recent orders, and the items' name neighbours (cosine of
 * their names' words, idf-weighted).
 */
#include "model/mine.h"

#include <math.h>
#include <stdio.h>
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

/* Append to pv, which has room: its cap is the bound mine_count_pairs()
 * gave the piece. */
static void
pair_push(struct pairvec *pv, uint32_t item, uint32_t count, uint32_t fwd,
    uint32_t bwd)
{
	if (pv->n == pv->cap) {		/* cannot be: a bug */
		fputs("uplift: pair_push: more partners than the piece's "
		    "bound\n", stderr);
		abort();
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
/* The scratch of mine_count_pairs(): what every piece reads (the
 * orders of each item, the baskets as blocks), and one piece's rows of
 * I + 1 counters and lists. */
struct pairwork {
	const struct baskets	*b;
	const uint8_t		*held;
	uint32_t		 unit[MODEL_SEQ_WINDOW + 1];
	uint32_t		*tstart, *tids;	/* orders holding item i */
	uint32_t		*tpos;		/* ... and its place there */
	uint32_t		*blk;		/* baskets as blocks */
	uint32_t		*cnt, *fwd, *bwd, *cv, *fv, *bv;
	uint32_t		*touched, nt;	/* cnt entries set (sparse) */
	uint32_t		*tside, nside;	/* fwd/bwd entries set */
	uint8_t			*mark;		/* in tside */
	struct top		 heap;
};

/* Rows are counted in this many pieces of about equal work (a number
 * of the data's, not of the cores': see par.h). */
#define PAIR_PIECES 16

/* One piece of rows: items [from, to), its partner lists and counts. */
struct pairpiece {
	uint32_t		 from, to;
	struct counts		 c;		/* pairs, pairs_fit only */
	uint64_t		 pairs_ge2;
};

/* What every piece of mine_count_pairs() shares. */
struct pairjob {
	const struct pairwork	*w;		/* shared parts */
	size_t			*work;		/* each row's, 0 if not counted */
	size_t			 bound[PAIR_PIECES + 1]; /* partners the
					 * pieces before each may keep */
	const struct mine_params *p;
	struct counts		*c;		/* pstart, pstart_fit: out */
	struct pairpiece	 piece[PAIR_PIECES];
};

/* Item frequencies (all orders, and the ones not held out) and, per
 * item, the orders holding it (tstart, tids). */
static void
pairwork_orders(struct pairwork *w, struct counts *c, struct mine_stats *s)
{
	const struct baskets *b = w->b;
	const size_t N = b->nbaskets, I = b->nitems;
	uint32_t *fill;
	size_t i, k, t;

	c->freq = xcalloc(I + 1, sizeof *c->freq);
	c->freq_fit = xcalloc(I + 1, sizeof *c->freq_fit);
	w->tstart = xcalloc(I + 2, sizeof *w->tstart);
	for (t = 0; t < N; t++) {
		k = b->start[t + 1] - b->start[t];
		s->pair_occurrences += (uint64_t)k * (k - (k > 0)) / 2;
		for (i = b->start[t]; i < b->start[t + 1]; i++) {
			c->freq[b->items[i]]++;
			if (w->held == NULL || !w->held[t])
				c->freq_fit[b->items[i]]++;
		}
	}
	for (i = 0; i < I; i++) {
		w->tstart[i + 1] = w->tstart[i] + c->freq[i];
		s->items_bought += c->freq[i] > 0;
	}
	w->tids = xmalloc((w->tstart[I] + 1) * sizeof *w->tids);
	w->tpos = xmalloc((w->tstart[I] + 1) * sizeof *w->tpos);
	fill = xmalloc((I + 1) * sizeof *fill);
	memcpy(fill, w->tstart, I * sizeof *fill);
	for (t = 0; t < N; t++)
		for (i = b->start[t]; i < b->start[t + 1]; i++) {
			w->tpos[fill[b->items[i]]] = b->pos[i];
			w->tids[fill[b->items[i]]++] = (uint32_t)t;
		}
	free(fill);
}

/* Every basket as one block: its items sorted, then its items in the
 * order they were rung up — all a row's visit reads, side by side in
 * memory (where the row's item was rung up comes with its order, in
 * tpos). */
static void
pairwork_blocks(struct pairwork *w)
{
	const struct baskets *b = w->b;
	const size_t N = b->nbaskets;
	size_t i, t;
	int d;

	for (d = 1; d <= MODEL_SEQ_WINDOW; d++)
		w->unit[d] = MODEL_SEQ_UNIT / (uint32_t)d;
	w->blk = xmalloc((2 * (N > 0 ? b->start[N] : 0) + 1) * sizeof *w->blk);
	for (t = 0; t < N; t++) {
		size_t from = b->start[t], len = b->start[t + 1] - from;
		uint32_t *o = w->blk + 2 * from;

		for (i = 0; i < len; i++) {
			o[i] = b->items[from + i];
			o[len + b->pos[from + i]] = b->items[from + i];
		}
	}
}

/* One piece's scratch rows, all zero. */
static void
pairwork_rows(struct pairwork *w)
{
	const size_t I = w->b->nitems;

	w->cnt = xcalloc(6 * (I + 1), sizeof *w->cnt);
	w->fwd = w->cnt + (I + 1);
	w->bwd = w->fwd + (I + 1);
	w->cv = w->bwd + (I + 1);
	w->fv = w->cv + (I + 1);
	w->bv = w->fv + (I + 1);
	w->touched = xmalloc((I + 1) * sizeof *w->touched);
	w->tside = xmalloc((I + 1) * sizeof *w->tside);
	w->mark = xcalloc(I + 1, 1);
	w->nt = w->nside = 0;
	memset(&w->heap, 0, sizeof w->heap);
}

static void
pairwork_rows_free(struct pairwork *w)
{
	free(w->cnt);
	free(w->touched);
	free(w->tside);
	free(w->mark);
	free(w->heap.v);
}

static void
pairwork_free(struct pairwork *w)
{
	free(w->tstart);
	free(w->tids);
	free(w->tpos);
	free(w->blk);
}

/* Note x as rung up d places after (or before) the row's item. */
static inline void
pairwork_seq(struct pairwork *w, uint32_t x, int d, int after, int out)
{
	if (after) {
		w->fwd[x] += w->unit[d];
		if (out)
			w->fv[x] += w->unit[d];
	} else {
		w->bwd[x] += w->unit[d];
		if (out)
			w->bv[x] += w->unit[d];
	}
	if (!w->mark[x]) {
		w->mark[x] = 1;
		w->tside[w->nside++] = x;
	}
}

/* Row a's visit of order bt, where a was rung up at place pa: what was
 * bought with a, and what came up to MODEL_SEQ_WINDOW places after and
 * before it. */
static inline void
pairwork_visit(struct pairwork *w, size_t bt, size_t pa, int sparse)
{
	size_t from = w->b->start[bt];
	size_t len = w->b->start[bt + 1] - from;
	const uint32_t *bl = w->blk + 2 * from, *it, *end = bl + len;
	const uint32_t *sq = bl + len;
	int out = w->held != NULL && w->held[bt], d;

	if (sparse) {
		for (it = bl; it < end; it++)
			if (w->cnt[*it]++ == 0)
				w->touched[w->nt++] = *it;
	} else
		for (it = bl; it < end; it++)
			w->cnt[*it]++;
	if (out)
		for (it = bl; it < end; it++)
			w->cv[*it]++;
	for (d = 1; d <= MODEL_SEQ_WINDOW; d++) {
		if (pa + (size_t)d < len)
			pairwork_seq(w, sq[pa + (size_t)d], d, 1, out);
		if (pa >= (size_t)d)
			pairwork_seq(w, sq[pa - (size_t)d], d, 0, out);
	}
}

/* Row a's partners: the counters read (and reset), the best kept in the
 * heap, then written to c by partner index. */
static void
pairwork_keep(struct pairwork *w, const struct mine_params *p, uint32_t a,
    int sparse, struct counts *c, uint64_t *pairs_ge2)
{
	struct top *heap = &w->heap;
	size_t i, k, I = w->b->nitems;
	uint64_t key;
	uint32_t x;

	heap->n = 0;
	for (k = 0; k < (sparse ? w->nt : I); k++) {
		uint32_t n, nh;

		x = sparse ? w->touched[k] : (uint32_t)k;
		if ((n = w->cnt[x]) == 0)
			continue;       /* the common case of a dense row */
		nh = w->cv[x];
		w->cnt[x] = w->cv[x] = 0;
		if (n < p->min_pair || x == a)
			continue;
		*pairs_ge2 += x > a;
		if (p->top_partners == 0)
			continue;
		/* kept: the most frequent partners and the items
		 * that most often come next */
		key = (uint64_t)n * MODEL_SEQ_UNIT + 4 * (uint64_t)w->fwd[x];
		if (heap->n < p->top_partners || key > heap->v[0].key ||
		    (key == heap->v[0].key && x < heap->v[0].item))
			top_push(heap, p->top_partners, x, n, nh, key);
	}
	/* by partner index: an insertion sort of a few dozen */
	for (i = 1; i < heap->n; i++) {
		struct topent e = heap->v[i];
		for (k = i; k > 0 && heap->v[k - 1].item > e.item; k--)
			heap->v[k] = heap->v[k - 1];
		heap->v[k] = e;
	}
	for (i = 0; i < heap->n; i++) {
		uint32_t n = heap->v[i].count, nh = heap->v[i].held;

		x = heap->v[i].item;
		pair_push(&c->pairs, x, n, w->fwd[x], w->bwd[x]);
		if (w->held != NULL && n > nh)
			pair_push(&c->pairs_fit, x, n - nh,
			    w->fwd[x] - w->fv[x], w->bwd[x] - w->bv[x]);
	}
	for (k = 0; k < w->nside; k++) {
		x = w->tside[k];
		w->fwd[x] = w->bwd[x] = w->fv[x] = w->bv[x] = 0;
		w->mark[x] = 0;
	}
}

/* Row a's work: the items of the orders holding it. */
static size_t
pair_row_work(const struct pairwork *w, uint32_t a)
{
	const struct baskets *b = w->b;
	size_t t, work = 0;

	for (t = w->tstart[a]; t < w->tstart[a + 1]; t++)
		work += b->start[w->tids[t] + 1] - b->start[w->tids[t]];
	return work;
}

/* One piece: its rows counted in its own scratch, into its own lists;
 * pstart[a] relative to the piece's first pair. */
static void
pair_piece_run(void *arg, size_t k)
{
	struct pairjob *job = arg;
	struct pairpiece *pc = &job->piece[k];
	struct pairwork w = *job->w;
	const size_t I = w.b->nitems;
	size_t t;
	uint32_t a;
	int sparse;

	pairwork_rows(&w);
	for (a = pc->from; a < pc->to; a++) {
		job->c->pstart[a] = (uint32_t)pc->c.pairs.n;
		job->c->pstart_fit[a] = (uint32_t)pc->c.pairs_fit.n;
		if (job->c->freq[a] < job->p->min_pair)
			continue;
		/* A busy row is counted branch-free and then scanned whole;
		 * a sparse one (the long tail) keeps a list of what it
		 * touched instead. */
		sparse = job->work[a] * 4 < I;
		w.nt = w.nside = 0;
		for (t = w.tstart[a]; t < w.tstart[a + 1]; t++)
			pairwork_visit(&w, w.tids[t], w.tpos[t], sparse);
		pairwork_keep(&w, job->p, a, sparse, &pc->c, &pc->pairs_ge2);
	}
	pairwork_rows_free(&w);
}

/* The rows cut into PAIR_PIECES ranges of about equal work. */
static void
pair_pieces_cut(struct pairjob *job)
{
	const struct pairwork *w = job->w;
	const uint32_t I = (uint32_t)w->b->nitems;
	size_t total = 0, done = 0, k = 0;
	uint32_t a;

	job->work = xcalloc((size_t)I + 1, sizeof *job->work);
	for (a = 0; a < I; a++)
		if (job->c->freq[a] >= job->p->min_pair)
			total += job->work[a] = pair_row_work(w, a);
	job->piece[0].from = 0;
	for (a = 0; a < I && k + 1 < PAIR_PIECES; a++) {
		done += job->work[a];
		if (done * PAIR_PIECES >= total * (k + 1)) {
			job->piece[k].to = a + 1;
			job->piece[++k].from = a + 1;
		}
	}
	job->piece[k].to = I;
	while (++k < PAIR_PIECES)
		job->piece[k].from = job->piece[k].to = I;
	/* the most partners its rows can keep: top_partners, or fewer for
	 * a row of few orders */
	for (k = 0; k < PAIR_PIECES; k++) {
		job->bound[k + 1] = job->bound[k];
		for (a = job->piece[k].from; a < job->piece[k].to; a++)
			job->bound[k + 1] += job->work[a] <
			    job->p->top_partners ? job->work[a] :
			    job->p->top_partners;
	}
}

/* Piece k's partner lists, or (fit) those of the orders not held out. */
static struct pairvec *
piece_vec(struct pairjob *job, size_t k, int fit)
{
	return fit ? &job->piece[k].c.pairs_fit : &job->piece[k].c.pairs;
}

/*
 * Each piece writes its lists straight into pv at its bound's place
 * (job->bound), and the pieces are then slid together (pairvec_close),
 * so the lists are written once and never copied between buffers.
 * Pages past what is written are never touched.
 */
static void
pairvec_open(struct pairvec *pv, struct pairjob *job, int fit)
{
	size_t k;

	pv->v = xreallocarray(NULL, job->bound[PAIR_PIECES] + 1,
	    sizeof *pv->v);
	pv->n = 0;
	pv->cap = job->bound[PAIR_PIECES];
	for (k = 0; k < PAIR_PIECES; k++) {
		struct pairvec *v = piece_vec(job, k, fit);

		v->v = pv->v + job->bound[k];
		v->n = 0;
		v->cap = job->bound[k + 1] - job->bound[k];
	}
}

/* The pieces' lists slid down to follow each other; the room past them
 * given back. */
static void
pairvec_close(struct pairvec *pv, struct pairjob *job, int fit)
{
	size_t k;

	for (k = 0; k < PAIR_PIECES; k++) {
		const struct pairvec *v = piece_vec(job, k, fit);

		if (v->n > 0 && v->v != pv->v + pv->n)
			memmove(pv->v + pv->n, v->v, v->n * sizeof *v->v);
		pv->n += v->n;
	}
	pv->v = xreallocarray(pv->v, pv->n + 1, sizeof *pv->v);
	pv->cap = pv->n;
}

void
mine_count_pairs(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, struct counts *c, struct mine_stats *s)
{
	const size_t I = b->nitems;
	struct pairwork w;
	struct pairjob job;
	size_t k, done = 0, done_fit = 0;
	uint32_t a;

	memset(&w, 0, sizeof w);
	w.b = b;
	w.held = held;
	pairwork_orders(&w, c, s);
	pairwork_blocks(&w);
	c->pstart = xcalloc(I + 1, sizeof *c->pstart);
	c->pstart_fit = xcalloc(I + 1, sizeof *c->pstart_fit);
	memset(&job, 0, sizeof job);
	job.w = &w;
	job.p = p;
	job.c = c;
	pair_pieces_cut(&job);
	pairvec_open(&c->pairs, &job, 0);
	if (held != NULL)
		pairvec_open(&c->pairs_fit, &job, 1);
	par_run(PAIR_PIECES, pair_piece_run, &job);
	for (k = 0; k < PAIR_PIECES; k++) {
		struct pairpiece *pc = &job.piece[k];

		for (a = pc->from; a < pc->to; a++) {
			c->pstart[a] += (uint32_t)done;
			c->pstart_fit[a] += (uint32_t)done_fit;
		}
		done += pc->c.pairs.n;
		done_fit += pc->c.pairs_fit.n;
		s->pairs_ge2 += pc->pairs_ge2;
	}
	pairvec_close(&c->pairs, &job, 0);
	if (held != NULL)
		pairvec_close(&c->pairs_fit, &job, 1);
	c->pstart[I] = (uint32_t)c->pairs.n;
	c->pstart_fit[I] = (uint32_t)c->pairs_fit.n;
	s->partners_kept = c->pairs.n;
	free(job.work);
	pairwork_free(&w);
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

void
mine_count_last(const struct baskets *b, const uint8_t *held,
    uint32_t *last)
{
	size_t t, i, best;

	memset(last, 0, b->nitems * sizeof *last);
	for (t = 0; t < b->nbaskets; t++) {
		if ((held != NULL && held[t]) || b->start[t] == b->start[t + 1])
			continue;
		best = b->start[t];
		for (i = b->start[t] + 1; i < b->start[t + 1]; i++)
			if (b->pos[i] > b->pos[best])
				best = i;
		last[b->items[best]]++;
	}
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
/* The work of mine_count_names(). */
struct namework {
	size_t			 I;		/* items */
	struct strmap		*dict;		/* word -> its id */
	uint32_t		*wstart;	/* words of i: words[wstart[i]..] */
	uint32_t		*words;
	size_t			 nw, capw;
	uint32_t		*df;		/* names holding word k */
	size_t			 nd, capd;
	double			*idf, *norm, *dot;
	uint32_t		*istart, *inv;	/* word -> names holding it */
	uint32_t		*touched;
	struct mine_near	*near;
	size_t			 nnr, capnr;
	struct top		 heap;
};

/* Add word buf[0..len) to the current name (its words from words[from]),
 * once. */
static void
names_add_word(struct namework *w, const char *buf, size_t len, size_t from)
{
	int64_t id;
	size_t k;

	if (!strmap_get(w->dict, buf, len, &id)) {
		id = (int64_t)w->nd;
		strmap_put(w->dict, buf, len, id);
		if (w->nd == w->capd) {
			w->capd = w->capd ? 2 * w->capd : 1024;
			w->df = xreallocarray(w->df, w->capd, sizeof *w->df);
		}
		w->df[w->nd++] = 0;
	}
	for (k = from; k < w->nw && w->words[k] != (uint32_t)id; k++)
		;
	if (k < w->nw)
		return;         /* once per name */
	if (w->nw == w->capw) {
		w->capw = w->capw ? 2 * w->capw : 4096;
		w->words = xreallocarray(w->words, w->capw, sizeof *w->words);
	}
	w->words[w->nw++] = (uint32_t)id;
	w->df[id]++;
}

/* The words of every name (3+ bytes, ASCII case-folded). */
static void
names_words(struct namework *w, const struct baskets *b)
{
	size_t i, j;
	char buf[64];

	w->dict = strmap_new();
	w->wstart = xcalloc(w->I + 1, sizeof *w->wstart);
	for (i = 0; i < w->I; i++) {
		const char *s = b->titles != NULL ? b->titles[i] : NULL;
		size_t from = w->nw;

		w->wstart[i] = (uint32_t)w->nw;
		for (j = 0; s != NULL && s[j] != '\0';) {
			size_t len = 0;

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
			if (len >= 3)
				names_add_word(w, buf, len, from);
		}
	}
	w->wstart[w->I] = (uint32_t)w->nw;
	strmap_free(&w->dict);
}

/* The words' idf, the names' norms, and word -> names holding it. */
static void
names_weights(struct namework *w)
{
	const size_t I = w->I;
	uint32_t *fill;
	size_t i, k;

	w->idf = xcalloc(w->nd + 1, sizeof *w->idf);
	for (k = 0; k < w->nd; k++)
		w->idf[k] = w->df[k] * 4 > I ? 0 :
		    log((double)I / w->df[k]);
	w->norm = xcalloc(I + 1, sizeof *w->norm);
	for (i = 0; i < I; i++) {
		for (k = w->wstart[i]; k < w->wstart[i + 1]; k++)
			w->norm[i] += w->idf[w->words[k]] *
			    w->idf[w->words[k]];
		w->norm[i] = sqrt(w->norm[i]);
	}
	w->istart = xcalloc(w->nd + 2, sizeof *w->istart);
	for (k = 0; k < w->nw; k++)
		w->istart[w->words[k] + 1]++;
	for (k = 0; k < w->nd; k++)
		w->istart[k + 1] += w->istart[k];
	w->inv = xmalloc((w->nw + 1) * sizeof *w->inv);
	fill = xmalloc((w->nd + 1) * sizeof *fill);
	memcpy(fill, w->istart, (w->nd + 1) * sizeof *fill);
	for (i = 0; i < I; i++)
		for (k = w->wstart[i]; k < w->wstart[i + 1]; k++)
			w->inv[fill[w->words[k]]++] = (uint32_t)i;
	free(fill);
}

/* Item i's name neighbours, the names_kept most similar, appended to
 * w->near. */
static void
names_row(struct namework *w, const struct mine_params *p, size_t i)
{
	uint32_t nt = 0;
	size_t j, k;

	for (k = w->wstart[i]; k < w->wstart[i + 1]; k++) {
		uint32_t wd = w->words[k];
		if (w->idf[wd] == 0)
			continue;
		for (j = w->istart[wd]; j < w->istart[wd + 1]; j++) {
			uint32_t x = w->inv[j];
			if (x == i)
				continue;
			if (w->dot[x] == 0)
				w->touched[nt++] = x;
			w->dot[x] += w->idf[wd] * w->idf[wd];
		}
	}
	w->heap.n = 0;
	for (k = 0; k < nt; k++) {
		uint32_t x = w->touched[k];
		double sim = w->dot[x] / (w->norm[i] * w->norm[x]);
		w->dot[x] = 0;
		if (sim >= NAME_MIN_SIM)
			top_push(&w->heap, p->names_kept, x, 0, 0,
			    (uint64_t)(sim * 1e9));
	}
	if (w->heap.n > 0)
		qsort(w->heap.v, w->heap.n, sizeof *w->heap.v, topent_by_key);
	for (k = 0; k < w->heap.n; k++) {
		if (w->nnr == w->capnr) {
			w->capnr = w->capnr ? 2 * w->capnr : 4096;
			w->near = xreallocarray(w->near, w->capnr,
			    sizeof *w->near);
		}
		w->near[w->nnr].item = w->heap.v[k].item;
		w->near[w->nnr++].sim = (float)(w->heap.v[k].key / 1e9);
	}
}

void
mine_count_names(const struct baskets *b, const struct mine_params *p,
    uint32_t **nstart_out, struct mine_near **near_out, size_t *nnear)
{
	struct namework w;
	size_t i;

	memset(&w, 0, sizeof w);
	w.I = b->nitems;
	*nstart_out = xcalloc(w.I + 1, sizeof **nstart_out);
	names_words(&w, b);
	names_weights(&w);
	w.dot = xcalloc(w.I + 1, sizeof *w.dot);
	w.touched = xmalloc((w.I + 1) * sizeof *w.touched);
	for (i = 0; i < w.I; i++) {
		(*nstart_out)[i] = (uint32_t)w.nnr;
		if (w.norm[i] != 0)
			names_row(&w, p, i);
	}
	(*nstart_out)[w.I] = (uint32_t)w.nnr;
	*near_out = w.near;
	*nnear = w.nnr;
	free(w.wstart);
	free(w.words);
	free(w.df);
	free(w.idf);
	free(w.norm);
	free(w.istart);
	free(w.inv);
	free(w.dot);
	free(w.touched);
	free(w.heap.v);
}
