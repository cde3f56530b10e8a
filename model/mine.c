#include "model/mine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/baskets.h"
#include "model/store.h"
#include "model/xalloc.h"

#define MODEL_VERSION 1
#define MODEL_ORDER   0x01020304u

struct header {
	char     magic[4];
	uint32_t version;
	uint32_t order;        /* MODEL_ORDER in the writer's byte order */
	uint32_t nbaskets;
	uint32_t nitems;
	uint32_t nrules3;
	uint64_t npairs;       /* partner entries stored                 */
	uint64_t pairs_ge2;
	int64_t  built;
	uint8_t  pad[16];
};

struct mine_params
mine_default_params(void)
{
	struct mine_params p = {
		.top_partners = 64, .min_pair = 2, .rule_support = 0.01,
		.rule_min_count = 5, .rule_confidence = 0.25, .rule_top = 8,
		.rule_pairs_max = 20000,
	};
	return p;
}

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Growable arrays of pairs and rules. */
struct pairvec {
	struct model_pair *v;
	size_t n, cap;
};

struct rulevec {
	struct model_rule3 *v;
	size_t n, cap;
};

static void
pair_push(struct pairvec *pv, uint32_t item, uint32_t count)
{
	if (pv->n == pv->cap) {
		pv->cap = pv->cap ? 2 * pv->cap : 4096;
		pv->v = xreallocarray(pv->v, pv->cap, sizeof *pv->v);
	}
	pv->v[pv->n].item = item;
	pv->v[pv->n++].count = count;
}

static void
rule_push(struct rulevec *rv, const struct model_rule3 *r)
{
	if (rv->n == rv->cap) {
		rv->cap = rv->cap ? 2 * rv->cap : 1024;
		rv->v = xreallocarray(rv->v, rv->cap, sizeof *rv->v);
	}
	rv->v[rv->n++] = *r;
}

/*
 * The best k partners: a min-heap on (count, -item), so the root is the
 * weakest of those kept.
 */
struct top {
	struct model_pair *v;
	size_t n, cap;
};

static int
weaker(const struct model_pair *a, const struct model_pair *b)
{
	return a->count < b->count || (a->count == b->count && a->item > b->item);
}

static void
top_push(struct top *h, uint32_t k, uint32_t item, uint32_t count)
{
	struct model_pair e = { item, count }, t;
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
		/* Replace the root and sift down. */
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

static int pair_cmp(const void *, const void *);

/* Append the heap's pairs to out, best first, and empty the heap. */
static void
top_drain(struct top *h, struct pairvec *out)
{
	size_t from = out->n, i;

	if (h->n == 0)
		return;         /* out->v may still be NULL */
	for (i = 0; i < h->n; i++)
		pair_push(out, h->v[i].item, h->v[i].count);
	qsort(out->v + from, h->n, sizeof *out->v, pair_cmp);
	h->n = 0;
}

/* By count descending, then item ascending: a total order. */
static int
pair_cmp(const void *x, const void *y)
{
	const struct model_pair *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

static int
rule_cmp(const void *x, const void *y)
{
	const struct model_rule3 *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->c < b->c ? -1 : a->c > b->c;
}

/* Antecedent candidates (a, b, count), best first. */
static int
ante_cmp(const void *x, const void *y)
{
	const struct model_rule3 *a = x, *b = y;

	if (a->count_ab != b->count_ab)
		return a->count_ab > b->count_ab ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

int
mine_build(const struct baskets *b, const struct mine_params *p,
    int64_t built, void **blob, size_t *size, struct mine_stats *st,
    char **cause)
{
	const size_t N = b->nbaskets, I = b->nitems;
	uint32_t *freq, *tstart, *tids, *cnt, *fill, *touched, nt;
	struct pairvec pairs = { 0 }, cand = { 0 };
	struct top heap = { 0 };
	struct rulevec rules = { 0 }, ante = { 0 };
	uint32_t *pstart, a, x, rule_min;
	size_t i, k, t, off, work;
	int sparse;
	struct mine_stats s;
	struct header h;
	char *out;

	memset(&s, 0, sizeof s);
	if (N > UINT32_MAX - 1 || I > UINT32_MAX - 1) {
		*cause = xstrdup("too many orders or items for the model");
		return -1;
	}
	s.nbaskets = (uint32_t)N;
	s.nitems = (uint32_t)I;

	/* Item frequencies and tid lists (orders of each item). */
	freq = xcalloc(I + 1, sizeof *freq);
	tstart = xcalloc(I + 2, sizeof *tstart);
	for (t = 0; t < N; t++) {
		k = b->start[t + 1] - b->start[t];
		s.pair_occurrences += (uint64_t)k * (k - (k > 0)) / 2;
		for (i = b->start[t]; i < b->start[t + 1]; i++)
			freq[b->items[i]]++;
	}
	for (i = 0; i < I; i++) {
		tstart[i + 1] = tstart[i] + freq[i];
		s.items_bought += freq[i] > 0;
	}
	tids = xmalloc((tstart[I] + 1) * sizeof *tids);
	fill = xmalloc((I + 1) * sizeof *fill);
	memcpy(fill, tstart, I * sizeof *fill);
	for (t = 0; t < N; t++)
		for (i = b->start[t]; i < b->start[t + 1]; i++)
			tids[fill[b->items[i]]++] = (uint32_t)t;
	free(fill);

	/* Pair counts, one item at a time, in a scratch row. */
	cnt = xcalloc(I + 1, sizeof *cnt);
	touched = xmalloc((I + 1) * sizeof *touched);
	pstart = xcalloc(I + 1, sizeof *pstart);
	rule_min = (uint32_t)ceil(p->rule_support * (double)N);
	if (rule_min < p->rule_min_count)
		rule_min = p->rule_min_count;
	for (a = 0; a < I; a++) {
		pstart[a] = (uint32_t)pairs.n;
		if (freq[a] < p->min_pair)
			continue;
		/* Count into the row; cnt[a] itself ends up as freq[a] and
		 * is skipped below.  A busy row is counted branch-free and
		 * then scanned whole; a sparse one (the long tail) keeps a
		 * list of what it touched instead. */
		work = 0;
		for (t = tstart[a]; t < tstart[a + 1]; t++)
			work += b->start[tids[t] + 1] - b->start[tids[t]];
		sparse = work * 4 < I;
		nt = 0;
		for (t = tstart[a]; t < tstart[a + 1]; t++) {
			const uint32_t *it = b->items + b->start[tids[t]];
			const uint32_t *end = b->items + b->start[tids[t] + 1];
			if (sparse) {
				for (; it < end; it++)
					if (cnt[*it]++ == 0)
						touched[nt++] = *it;
			} else
				for (; it < end; it++)
					cnt[*it]++;
		}
		heap.n = 0;
		for (k = 0; k < (sparse ? nt : I); k++) {
			uint32_t c;
			x = sparse ? touched[k] : (uint32_t)k;
			c = cnt[x];
			if (c == 0)
				continue;
			cnt[x] = 0;
			if (x == a || c < p->min_pair)
				continue;
			if (x > a) {
				s.pairs_ge2++;
				if (c >= rule_min) {
					struct model_rule3 r = { .a = a, .b = x,
					    .count_ab = c };
					rule_push(&ante, &r);
				}
			}
			top_push(&heap, p->top_partners, x, c);
		}
		top_drain(&heap, &pairs);
	}
	pstart[I] = (uint32_t)pairs.n;
	s.partners_kept = pairs.n;

	/* Rules {a,b} ⇒ c over the most frequent antecedent pairs. */
	if (ante.n > 0)
		qsort(ante.v, ante.n, sizeof *ante.v, ante_cmp);
	if (ante.n > p->rule_pairs_max)
		ante.n = p->rule_pairs_max;
	s.rule_pairs = (uint32_t)ante.n;
	for (k = 0; k < ante.n; k++) {
		const struct model_rule3 *an = &ante.v[k];
		uint32_t ia = tstart[an->a], ea = tstart[an->a + 1];
		uint32_t ib = tstart[an->b], eb = tstart[an->b + 1];

		while (ia < ea && ib < eb) {
			if (tids[ia] < tids[ib])
				ia++;
			else if (tids[ia] > tids[ib])
				ib++;
			else {
				const uint32_t *it = b->items + b->start[tids[ia]];
				const uint32_t *end =
				    b->items + b->start[tids[ia] + 1];
				for (; it < end; it++)
					cnt[*it]++;
				ia++;
				ib++;
			}
		}
		heap.n = 0;
		for (x = 0; x < I; x++) {
			if (cnt[x] == 0)
				continue;
			/* confident, and more likely than c on its own */
			if (x != an->a && x != an->b && cnt[x] >= p->min_pair &&
			    (double)cnt[x] >= p->rule_confidence *
			    an->count_ab &&
			    (uint64_t)cnt[x] * N >
			    (uint64_t)an->count_ab * freq[x])
				top_push(&heap, p->rule_top, x, cnt[x]);
			cnt[x] = 0;
		}
		cand.n = 0;
		top_drain(&heap, &cand);
		for (i = 0; i < cand.n; i++) {
			struct model_rule3 r = { .a = an->a, .b = an->b,
			    .c = cand.v[i].item, .count_ab = an->count_ab,
			    .count = cand.v[i].count };
			rule_push(&rules, &r);
		}
	}
	if (rules.n > 0)
		qsort(rules.v, rules.n, sizeof *rules.v, rule_cmp);
	s.rules3 = (uint32_t)rules.n;

	/* The blob. */
	memset(&h, 0, sizeof h);
	memcpy(h.magic, MODEL_MAGIC, 4);
	h.version = MODEL_VERSION;
	h.order = MODEL_ORDER;
	h.nbaskets = (uint32_t)N;
	h.nitems = (uint32_t)I;
	h.nrules3 = (uint32_t)rules.n;
	h.npairs = pairs.n;
	h.pairs_ge2 = s.pairs_ge2;
	h.built = built;
	*size = sizeof h + align8(I * 8) + align8(I * 4) +
	    align8((I + 1) * 4) + align8(pairs.n * sizeof *pairs.v) +
	    rules.n * sizeof *rules.v;
	out = xcalloc(1, *size);
	memcpy(out, &h, sizeof h);
	off = sizeof h;
	for (i = 0; i < I; i++) {
		int64_t id = b->ids != NULL ? b->ids[i] : 0;
		memcpy(out + off + i * 8, &id, 8);
	}
	off += align8(I * 8);
	memcpy(out + off, freq, I * 4);
	off += align8(I * 4);
	memcpy(out + off, pstart, (I + 1) * 4);
	off += align8((I + 1) * 4);
	if (pairs.n > 0)
		memcpy(out + off, pairs.v, pairs.n * sizeof *pairs.v);
	off += align8(pairs.n * sizeof *pairs.v);
	if (rules.n > 0)
		memcpy(out + off, rules.v, rules.n * sizeof *rules.v);
	*blob = out;

	free(freq);
	free(tstart);
	free(tids);
	free(cnt);
	free(touched);
	free(pstart);
	free(pairs.v);
	free(cand.v);
	free(heap.v);
	free(rules.v);
	free(ante.v);
	if (st != NULL)
		*st = s;
	return 0;
}

int
model_open(struct model *m, void *blob, size_t size, char **cause)
{
	struct header h;
	size_t need, off, i;
	uint64_t np;

	memset(m, 0, sizeof *m);
	if (size < sizeof h) {
		free(blob);
		*cause = xstrdup("the mined model is truncated; run uplift "
		    "rebuild");
		return -1;
	}
	memcpy(&h, blob, sizeof h);
	if (memcmp(h.magic, MODEL_MAGIC, 4) != 0 ||
	    h.version != MODEL_VERSION || h.order != MODEL_ORDER) {
		free(blob);
		*cause = xstrdup("the mined model is from another version or "
		    "machine; run uplift rebuild");
		return -1;
	}
	need = sizeof h + align8((size_t)h.nitems * 8) +
	    align8((size_t)h.nitems * 4) + align8(((size_t)h.nitems + 1) * 4);
	if (size < need)
		goto bad;
	m->blob = blob;
	m->size = size;
	m->nbaskets = h.nbaskets;
	m->nitems = h.nitems;
	m->built = h.built;
	m->pairs_ge2 = h.pairs_ge2;
	off = sizeof h;
	m->store_id = (const int64_t *)(const void *)((char *)blob + off);
	off += align8((size_t)h.nitems * 8);
	m->freq = (const uint32_t *)(const void *)((char *)blob + off);
	off += align8((size_t)h.nitems * 4);
	m->pstart = (const uint32_t *)(const void *)((char *)blob + off);
	off += align8(((size_t)h.nitems + 1) * 4);
	np = h.npairs;
	if (m->pstart[h.nitems] != np ||
	    size < off + align8(np * sizeof *m->pairs) +
	    (size_t)h.nrules3 * sizeof *m->rules3)
		goto bad;
	m->pairs = (const struct model_pair *)(const void *)((char *)blob +
	    off);
	off += align8(np * sizeof *m->pairs);
	m->rules3 = (const struct model_rule3 *)(const void *)((char *)blob +
	    off);
	m->nrules3 = h.nrules3;
	for (i = 0; i < h.nitems; i++)
		if (m->pstart[i] > m->pstart[i + 1])
			goto bad;
	/* Indexes in range and counts that can be true: a damaged blob
	 * must not give figures such as an infinite lift. */
	for (i = 0; i < h.nitems; i++)
		if (m->freq[i] > h.nbaskets)
			goto bad;
	for (i = 0; i < h.nitems; i++) {
		uint32_t k;
		for (k = m->pstart[i]; k < m->pstart[i + 1]; k++)
			if (m->pairs[k].item >= h.nitems ||
			    m->pairs[k].count == 0 ||
			    m->pairs[k].count > m->freq[i] ||
			    m->pairs[k].count > m->freq[m->pairs[k].item])
				goto bad;
	}
	for (i = 0; i < h.nrules3; i++) {
		const struct model_rule3 *r = &m->rules3[i];
		if (r->a >= h.nitems || r->b >= h.nitems || r->c >= h.nitems ||
		    r->count == 0 || r->count > r->count_ab ||
		    r->count_ab > m->freq[r->a] || r->count_ab > m->freq[r->b])
			goto bad;
	}
	/* Store id -> index: ids are dense in practice; refuse a table far
	 * larger than the items it maps. */
	m->max_store = 0;
	for (i = 0; i < h.nitems; i++)
		if (m->store_id[i] > m->max_store)
			m->max_store = m->store_id[i];
	if (m->max_store > 16 * (int64_t)h.nitems + 65536)
		goto bad;
	m->by_store = xmalloc(((size_t)m->max_store + 1) * sizeof *m->by_store);
	memset(m->by_store, 0xff, ((size_t)m->max_store + 1) *
	    sizeof *m->by_store);
	for (i = 0; i < h.nitems; i++)
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

uint32_t
model_index(const struct model *m, int64_t store_id)
{
	if (store_id < 1 || store_id > m->max_store || m->by_store == NULL)
		return UINT32_MAX;
	return m->by_store[store_id];
}

uint32_t
model_pair_count(const struct model *m, uint32_t a, uint32_t b)
{
	uint32_t i;

	if (a >= m->nitems)
		return 0;
	for (i = m->pstart[a]; i < m->pstart[a + 1]; i++)
		if (m->pairs[i].item == b)
			return m->pairs[i].count;
	return 0;
}

const struct model_rule3 *
model_rules3(const struct model *m, uint32_t a, uint32_t b, size_t *n)
{
	size_t lo = 0, hi = m->nrules3, mid, end;

	*n = 0;
	if (a > b) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (m->rules3[mid].a < a ||
		    (m->rules3[mid].a == a && m->rules3[mid].b < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < m->nrules3 && m->rules3[end].a == a &&
	    m->rules3[end].b == b; end++)
		;
	*n = end - lo;
	return *n > 0 ? &m->rules3[lo] : NULL;
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
