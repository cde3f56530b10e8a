/*
 * buyer.c — a customer's purchase figures from their orders (buyer.h).
 *
 * The orders are visited oldest first; each item's figures (orders,
 * first and last time, the gaps between, a recency sum decayed as it
 * goes) and each close pair's weight accumulate in open-addressing hash
 * tables, which are then sorted once, by item and by pair.
 */
#include "model/buyer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/xalloc.h"

/*
 * sv[0..n) sorted by (from, to), into a new array: two counting sorts by
 * the ranks of the items among the bought ones (rank[acc], acc the
 * accumulator of each end: from[i], to[i]) — by `to`, then stably by
 * `from`.  Linear, where one sort of them all was the build's half.
 * *at (nb + 1 entries, new) gets where each bought item's run begins.
 */
static struct succession *
succ_sorted(const struct succession *sv, const uint32_t *from,
    const uint32_t *to, size_t n, const uint32_t *rank, size_t nb,
    uint32_t **at)
{
	struct succession *out = xmalloc((n + 1) * sizeof *out);
	size_t *start = xmalloc((nb + 1) * sizeof *start), i, k;
	uint32_t *by_to = xmalloc((n + 1) * sizeof *by_to);

	memset(start, 0, (nb + 1) * sizeof *start);
	for (i = 0; i < n; i++)
		start[rank[to[i]] + 1]++;
	for (k = 1; k < nb; k++)
		start[k] += start[k - 1];
	for (i = 0; i < n; i++)
		by_to[start[rank[to[i]]]++] = (uint32_t)i;
	memset(start, 0, (nb + 1) * sizeof *start);
	for (i = 0; i < n; i++)
		start[rank[from[i]] + 1]++;
	for (k = 1; k <= nb; k++)
		start[k] += start[k - 1];
	*at = xmalloc((nb + 1) * sizeof **at);
	for (k = 0; k <= nb; k++)
		(*at)[k] = (uint32_t)start[k];
	for (i = 0; i < n; i++)
		out[start[rank[from[by_to[i]]]]++] = sv[by_to[i]];
	free(start);
	free(by_to);
	return out;
}

/* An accumulator's place among the items by id. */
struct itemkey {
	int64_t  item_id;
	uint32_t acc;
};

static int
itemkey_cmp(const void *x, const void *y)
{
	const struct itemkey *a = x, *b = y;

	return a->item_id < b->item_id ? -1 : a->item_id > b->item_id;
}

/*
 * key[0..n) by item id: a radix sort (a byte a pass, as many passes as the
 * ids' range needs) where qsort's calls through a pointer were a sixth of
 * building a history.  The ids are distinct, so the order is the one
 * itemkey_cmp gives.
 */
static void
itemkey_sort(struct itemkey *key, size_t n)
{
	struct itemkey *tmp, *from = key, *to, *swap;
	size_t count[257], i, b;
	int64_t lo, hi;
	uint64_t range;
	int shift;

	if (n < 32) {
		qsort(key, n, sizeof *key, itemkey_cmp);
		return;
	}
	lo = hi = key[0].item_id;
	for (i = 1; i < n; i++) {
		if (key[i].item_id < lo)
			lo = key[i].item_id;
		if (key[i].item_id > hi)
			hi = key[i].item_id;
	}
	range = (uint64_t)hi - (uint64_t)lo;
	tmp = xmalloc(n * sizeof *tmp);
	to = tmp;
	for (shift = 0; shift < 64 && (range >> shift) != 0; shift += 8) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(((uint64_t)from[i].item_id - (uint64_t)lo) >>
			    shift & 0xff) + 1]++;
		for (b = 1; b < 256; b++)
			count[b] += count[b - 1];
		for (i = 0; i < n; i++)
			to[count[((uint64_t)from[i].item_id - (uint64_t)lo) >>
			    shift & 0xff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != key)
		memcpy(key, from, n * sizeof *key);
	free(tmp);
}

/* A bought item's place in the top list: sorted without a global (the
 * fit builds histories on several threads). */
struct topkey {
	uint32_t orders;
	int64_t  last_at, item_id;
	uint32_t idx;
};

static int
top_cmp(const void *x, const void *y)
{
	const struct topkey *a = x, *b = y;

	if (a->orders != b->orders)
		return a->orders > b->orders ? -1 : 1;
	if (a->last_at != b->last_at)
		return a->last_at > b->last_at ? -1 : 1;
	return a->item_id < b->item_id ? -1 : a->item_id > b->item_id;
}

/* The BUYER_TOP items bought in most orders (then latest), as indexes
 * into h->bought: the best kept in a heap (its root the weakest), then
 * those sorted — a buyer of thousands of items sorts 128. */
static void
top_of(struct buyer_hist *h)
{
	struct topkey *k = xmalloc((BUYER_TOP + 1) * sizeof *k), e, t;
	size_t i, j, c, n = 0;

	for (i = 0; i < h->nbought; i++) {
		e.orders = h->bought[i].orders;
		e.last_at = h->bought[i].last_at;
		e.item_id = h->bought[i].item_id;
		e.idx = (uint32_t)i;
		if (n < BUYER_TOP) {            /* sift up */
			for (j = n++; j > 0 && top_cmp(&e, &k[(j - 1) / 2]) > 0;
			    j = (j - 1) / 2)
				k[j] = k[(j - 1) / 2];
			k[j] = e;
		} else if (top_cmp(&e, &k[0]) < 0) {    /* better: sift down */
			for (j = 0; (c = 2 * j + 1) < n; j = c) {
				if (c + 1 < n && top_cmp(&k[c + 1], &k[c]) > 0)
					c++;
				if (top_cmp(&k[c], &e) <= 0)
					break;
				t = k[c];
				k[j] = t;
			}
			k[j] = e;
		}
	}
	qsort(k, n, sizeof *k, top_cmp);
	h->top = xmalloc((n + 1) * sizeof *h->top);
	for (i = 0; i < n; i++)
		h->top[i] = k[i].idx;
	h->ntop = n;
	free(k);
}

/* An order's place by time (then as given). */
struct orderkey {
	int64_t at;
	size_t  idx;
};

static int
order_cmp(const void *x, const void *y)
{
	const struct orderkey *a = x, *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->idx < b->idx ? -1 : 1;
}

static uint64_t
hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/* An item being counted. */
struct acc {
	struct bought b;
	size_t        seen;      /* the last order (1-based) holding it */
	double        sum, sq;   /* of the gaps, in days                */
	uint32_t      gaps;
	int           from;      /* its successions are kept            */
};

/* The work of buyer_hist_build(): open-addressing tables of items and
 * of successions. */
struct histwork {
	uint32_t		*islot;		/* item -> its acc */
	size_t			 mask;
	struct acc		*acc;
	size_t			 nacc;
	uint32_t		*sslot;		/* (from, to) -> its sv */
	size_t			 smask;
	uint32_t		*sfrom, *sto;	/* each sv's accumulators */
	struct succession	*sv;
	size_t			 nsv;
	const int64_t		*from;		/* successions from these */
	size_t			 nfrom;		/* (from NULL: all) */
};

/* Whether item is among w->from (sorted), or w->from is NULL. */
static int
hist_keeps(const struct histwork *w, int64_t item)
{
	size_t lo = 0, hi = w->nfrom, mid;

	if (w->from == NULL)
		return 1;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (w->from[mid] < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->nfrom && w->from[lo] == item;
}

/*
 * Item of the i-th order (by time), bought at: counted once in that order
 * (its gap since the last order holding it, its recency).  Its
 * accumulator if it was new to the order, -1 if it was already in it.
 */
static long
hist_item(struct histwork *w, int64_t item, int64_t at, size_t i)
{
	size_t hs = hash64((uint64_t)item) & w->mask;
	struct acc *a;

	while (w->islot[hs] != UINT32_MAX && w->acc[w->islot[hs]].b.item_id !=
	    item)
		hs = (hs + 1) & w->mask;
	if (w->islot[hs] == UINT32_MAX) {
		w->islot[hs] = (uint32_t)w->nacc;
		a = &w->acc[w->nacc++];
		memset(a, 0, sizeof *a);
		a->b.item_id = item;
		a->b.first_at = at;
		a->from = hist_keeps(w, item);
	} else {
		a = &w->acc[w->islot[hs]];
		if (a->seen == i + 1)
			return -1;      /* again in this order */
	}
	if (a->seen != 0) {
		double g = (double)(at - a->b.last_at) / CIVIL_DAY;
		a->sum += g;
		a->sq += g * g;
		if (a->gaps == 0 || g < a->b.gap_min_days)
			a->b.gap_min_days = (int32_t)g;
		a->gaps++;
		a->b.recency *= exp(-g / BUYER_TAU_DAYS);
	}
	a->b.recency += 1;
	a->b.orders++;
	a->b.qty++;
	a->b.last_at = at;
	a->seen = i + 1;
	return (long)(a - w->acc);
}

/* What came 1..BUYER_SUCC_WINDOW places after what in one order's
 * distinct items d[0..nd) (their accumulators da[]). */
static void
hist_succ(struct histwork *w, const int64_t *d, const uint32_t *da,
    size_t nd)
{
	size_t j, k;

	for (j = 0; j < nd; j++) {
		if (!w->acc[da[j]].from)
			continue;       /* its successions are not kept */
		for (k = j + 1; k < nd && k - j <= BUYER_SUCC_WINDOW; k++) {
			size_t hs = hash64((uint64_t)da[j] << 32 | da[k]) &
			    w->smask;

			while (w->sslot[hs] != UINT32_MAX &&
			    (w->sfrom[w->sslot[hs]] != da[j] ||
			    w->sto[w->sslot[hs]] != da[k]))
				hs = (hs + 1) & w->smask;
			if (w->sslot[hs] == UINT32_MAX) {
				w->sslot[hs] = (uint32_t)w->nsv;
				w->sfrom[w->nsv] = da[j];
				w->sto[w->nsv] = da[k];
				w->sv[w->nsv].from = d[j];
				w->sv[w->nsv].to = d[k];
				w->sv[w->nsv++].weight = 0;
			}
			w->sv[w->sslot[hs]].weight += (uint32_t)
			    (BUYER_SUCC_UNIT / (k - j));
		}
	}
}

/* The tables, sized for total items over the orders, nfrom_occ of them
 * items whose successions are kept. */
static void
hist_alloc(struct histwork *w, size_t total, size_t nfrom_occ)
{
	size_t cap = 16, scap = 16, ns = BUYER_SUCC_WINDOW * nfrom_occ;

	while (cap < 2 * total + 2)
		cap *= 2;
	while (scap < 2 * ns + 2)
		scap *= 2;
	w->mask = cap - 1;
	w->smask = scap - 1;
	w->islot = xmalloc(cap * sizeof *w->islot);
	memset(w->islot, 0xff, cap * sizeof *w->islot);
	w->sslot = xmalloc(scap * sizeof *w->sslot);
	memset(w->sslot, 0xff, scap * sizeof *w->sslot);
	w->acc = xmalloc((total + 1) * sizeof *w->acc);
	w->sv = xmalloc((ns + 1) * sizeof *w->sv);
	w->sfrom = xmalloc((ns + 1) * sizeof *w->sfrom);
	w->sto = xmalloc((ns + 1) * sizeof *w->sto);
}

/* h's bought items from the accumulators, by item id: recency referred
 * to the latest order (one factor for them all), the gaps' mean and
 * spread; rank[acc] is each accumulator's place. */
static void
hist_bought(struct buyer_hist *h, struct histwork *w, int64_t ref_at,
    uint32_t *rank)
{
	struct itemkey *key = xmalloc((w->nacc + 1) * sizeof *key);
	size_t i;

	h->ref_at = ref_at;
	for (i = 0; i < w->nacc; i++) {
		key[i].item_id = w->acc[i].b.item_id;
		key[i].acc = (uint32_t)i;
	}
	itemkey_sort(key, w->nacc);
	h->bought = xmalloc((w->nacc + 1) * sizeof *h->bought);
	h->ids = xmalloc((w->nacc + 1) * sizeof *h->ids);
	h->fig = xmalloc((w->nacc + 1) * sizeof *h->fig);
	for (i = 0; i < w->nacc; i++) {
		struct acc *a = &w->acc[key[i].acc];

		rank[key[i].acc] = (uint32_t)i;
		a->b.recency *= exp(-(double)(h->ref_at - a->b.last_at) /
		    ((double)BUYER_TAU_DAYS * CIVIL_DAY));
		if (a->gaps > 0) {
			double mean = a->sum / a->gaps;
			a->b.gap_days = (int32_t)(mean + 0.5);
			a->b.gap_sd_days = (int32_t)(sqrt(fmax(0, a->sq /
			    a->gaps - mean * mean)) + 0.5);
		}
		h->bought[i] = a->b;
		h->ids[i] = a->b.item_id;
		h->fig[i].recency = a->b.recency;
		h->fig[i].orders = a->b.orders;
	}
	h->nbought = w->nacc;
	free(key);
}

void
buyer_hist_build(struct buyer_hist *h, const struct buyer_order *o,
    size_t n)
{
	buyer_hist_build_from(h, o, n, NULL, 0);
}

void
buyer_hist_build_from(struct buyer_hist *h, const struct buyer_order *o,
    size_t n, const int64_t *from, size_t nfrom)
{
	struct histwork w;
	size_t total = 0, nkept = 0, i, j, capd = 0, nd;
	struct orderkey *ord;
	int64_t *d = NULL;
	uint32_t *da = NULL, *rank;
	long ai;

	memset(h, 0, sizeof *h);
	memset(&w, 0, sizeof w);
	w.from = from;
	w.nfrom = nfrom;
	for (i = 0; i < n; i++) {
		total += o[i].n;
		for (j = 0; j < o[i].n && from != NULL; j++)
			nkept += hist_keeps(&w, o[i].items[j]);
	}
	hist_alloc(&w, total, from != NULL ? nkept : total);
	/* as many as the store gives at most: there may be more before */
	h->latest = n >= BUYER_HISTORY_MAX;
	ord = xmalloc((n + 1) * sizeof *ord);
	for (i = 0; i < n; i++) {
		ord[i].at = o[i].at;
		ord[i].idx = i;
	}
	qsort(ord, n, sizeof *ord, order_cmp);
	for (i = 0; i < n; i++) {
		const struct buyer_order *or = &o[ord[i].idx];

		if (or->n > capd) {
			capd = or->n;
			d = xreallocarray(d, capd, sizeof *d);
			da = xreallocarray(da, capd, sizeof *da);
		}
		/* its items, distinct, as they were first rung up */
		for (j = nd = 0; j < or->n; j++)
			if ((ai = hist_item(&w, or->items[j], or->at, i)) >= 0) {
				da[nd] = (uint32_t)ai;
				d[nd++] = or->items[j];
			}
		if (nd == 0)
			continue;
		h->visits++;
		hist_succ(&w, d, da, nd);
	}
	rank = xmalloc((w.nacc + 1) * sizeof *rank);
	hist_bought(h, &w, n > 0 ? ord[n - 1].at : 0, rank);
	top_of(h);
	h->succ = succ_sorted(w.sv, w.sfrom, w.sto, w.nsv, rank, w.nacc,
	    &h->succ_at);
	h->nsucc = w.nsv;
	free(rank);
	free(da);
	free(w.sfrom);
	free(w.sto);
	free(w.sv);
	free(d);
	free(ord);
	free(w.acc);
	free(w.islot);
	free(w.sslot);
}

void
buyer_hist_free(struct buyer_hist *h)
{
	free(h->bought);
	free(h->ids);
	free(h->fig);
	free(h->top);
	free(h->succ);
	free(h->succ_at);
	memset(h, 0, sizeof *h);
}

struct buyer
buyer_of(const struct buyer_hist *h, int64_t customer_id)
{
	struct buyer b;

	memset(&b, 0, sizeof b);
	b.customer_id = customer_id;
	b.bought = h->bought;
	b.ids = h->ids;
	b.fig = h->fig;
	b.nbought = h->nbought;
	b.top = h->top;
	b.ntop = h->ntop;
	b.ref_at = h->ref_at;
	b.visits = h->visits;
	b.latest = h->latest;
	b.succ = h->succ;
	b.succ_at = h->succ_at;
	b.nsucc = h->nsucc;
	return b;
}

size_t
buyer_find(const struct buyer *b, int64_t item_id)
{
	const int64_t *v;
	size_t lo = 0, n, half;

	if (b == NULL || b->nbought == 0)
		return SIZE_MAX;
	/* the last id <= item_id, without a branch on the data: the ids are
	 * 8 bytes apart (a bought record 64) */
	v = b->ids;
	n = b->nbought;
	while (n > 1) {
		half = n / 2;
		lo = v[lo + half] <= item_id ? lo + half : lo;
		n -= half;
	}
	return v[lo] == item_id ? lo : SIZE_MAX;
}

const struct bought *
buyer_bought(const struct buyer *b, int64_t item_id)
{
	size_t i = buyer_find(b, item_id);

	return i != SIZE_MAX ? &b->bought[i] : NULL;
}

const struct succession *
buyer_after(const struct buyer *b, int64_t from, size_t *n)
{
	size_t i = b != NULL && b->nsucc > 0 ? buyer_find(b, from) : SIZE_MAX;

	*n = 0;
	if (i == SIZE_MAX)
		return NULL;
	*n = b->succ_at[i + 1] - b->succ_at[i];
	return *n > 0 ? &b->succ[b->succ_at[i]] : NULL;
}
