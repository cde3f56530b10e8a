/*
 * test_mine — the mined model (model/mine.h).  Degenerate histories first
 * (no items, no baskets, empty baskets, one item), then every figure of
 * the model against a brute-force count made here from the same random
 * baskets: item frequencies, pair counts, the "rung up after / before"
 * weights, the partners kept per item and the stats; the ring-up order
 * of the baskets; name neighbours worked out by hand; trending counts;
 * the fit (defaults without it, deterministic, better than the defaults
 * on its held-out orders, and never reading what it must not — the
 * weights are the same with the later orders deleted); then the lookups
 * and the blob: a round trip, and damaged blobs (magic, version, byte
 * order, every truncation, indexes out of range, every byte flipped,
 * random bytes) that must give -1 and a message or a model whose lookups
 * stay in bounds — never a crash.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "model/baskets.h"
#include "model/civil.h"
#include "model/import.h"
#include "model/mine.h"
#include "model/relevance.h"
#include "model/store.h"
#include "model/store_orders.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

/* ---- a history made here, and its brute-force counts ------------------- */

/* A small deterministic generator (xorshift64*). */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

struct hist {
	size_t		 N, I;
	int32_t		*pos;     /* pos[t * I + i]: where basket t rang up
	                           * item i (distinct, first appearance), or
	                           * -1 if it does not hold it */
	struct baskets	 b;
};

/* I items named "i0".."i{I-1}" (index i, store id i + 1), no baskets. */
static void
hist_init(struct hist *h, size_t I)
{
	char	name[32];
	size_t	i;
	int	n;

	memset(h, 0, sizeof *h);
	baskets_init(&h->b);
	h->I = I;
	for (i = 0; i < I; i++) {
		n = snprintf(name, sizeof name, "i%zu", i);
		assert_int_equal(baskets_item(&h->b, name, (size_t)n), i);
	}
	h->b.ids = xcalloc(I ? I : 1, sizeof *h->b.ids);
	for (i = 0; i < I; i++)
		h->b.ids[i] = (int64_t)i + 1;
}

/* Append a basket of n item indexes in ring-up order (duplicates
 * allowed), bought by customer at time at (both 0: none). */
static void
hist_add_meta(struct hist *h, const uint32_t *v, size_t n, int64_t customer,
    int64_t at)
{
	size_t	i, k = 0;
	int32_t	*row;

	h->pos = xreallocarray(h->pos, (h->N + 1) * (h->I ? h->I : 1),
	    sizeof *h->pos);
	row = h->pos + h->N * h->I;
	for (i = 0; i < h->I; i++)
		row[i] = -1;
	for (i = 0; i < n; i++)
		if (row[v[i]] < 0)
			row[v[i]] = (int32_t)k++;
	h->N++;
	if (customer != 0 || at != 0 || h->b.customer != NULL)
		baskets_add_meta(&h->b, v, n, customer, at);
	else
		baskets_add(&h->b, v, n);
}

static void
hist_add(struct hist *h, const uint32_t *v, size_t n)
{
	hist_add_meta(h, v, n, 0, 0);
}

/* nb random baskets of 0..maxk items, popular items more likely. */
static void
hist_random(struct hist *h, size_t I, size_t nb, size_t maxk, uint64_t seed)
{
	uint32_t	v[64];
	size_t		t, k, j;
	uint64_t	s = seed;

	hist_init(h, I);
	for (t = 0; t < nb; t++) {
		k = rnd(&s) % (maxk + 1);
		for (j = 0; j < k; j++) {
			double u = (double)(rnd(&s) >> 11) / 9007199254740992.0;
			v[j] = (uint32_t)(u * u * (double)I);
			if (v[j] >= I)
				v[j] = (uint32_t)I - 1;
		}
		/* a repeated item now and then: counted once */
		if (k > 1 && rnd(&s) % 4 == 0)
			v[k - 1] = v[0];
		hist_add(h, v, k);
	}
}

/* Names with shared words: "red alarm clock", "pink alarm clock" ... */
static void
hist_titles(struct hist *h)
{
	static const char *const colour[] = { "red", "pink", "green", "blue",
	    "ivory", "black" };
	static const char *const thing[] = { "alarm clock", "lunch box",
	    "tea towel", "jumbo bag" };
	char	title[64];
	size_t	i;
	int	n;

	for (i = 0; i < h->I; i++) {
		n = snprintf(title, sizeof title, "%s %s %zu", colour[i % 6],
		    thing[(i / 6) % 4], i);
		baskets_set_title(&h->b, (uint32_t)i, title, (size_t)n);
	}
}

static void
hist_free(struct hist *h)
{
	free(h->pos);
	baskets_free(&h->b);
	memset(h, 0, sizeof *h);
}

static int
has(const struct hist *h, size_t t, size_t i)
{
	return h->pos[t * h->I + i] >= 0;
}

static uint32_t
bf_freq(const struct hist *h, size_t a)
{
	uint32_t	n = 0;
	size_t		t;

	for (t = 0; t < h->N; t++)
		n += has(h, t, a);
	return n;
}

static uint32_t
bf_pair(const struct hist *h, size_t a, size_t b)
{
	uint32_t	n = 0;
	size_t		t;

	for (t = 0; t < h->N; t++)
		n += has(h, t, a) && has(h, t, b);
	return n;
}

/* Sum over baskets where b came d = 1..10 places after a, of 2520/d. */
static uint32_t
bf_after(const struct hist *h, size_t a, size_t b)
{
	uint32_t	w = 0;
	size_t		t;
	int32_t		d;

	for (t = 0; t < h->N; t++) {
		if (!has(h, t, a) || !has(h, t, b))
			continue;
		d = h->pos[t * h->I + b] - h->pos[t * h->I + a];
		if (d >= 1 && d <= MODEL_SEQ_WINDOW)
			w += MODEL_SEQ_UNIT / (uint32_t)d;
	}
	return w;
}

static uint64_t
bf_pair_occurrences(const struct hist *h)
{
	uint64_t	sum = 0, k;
	size_t		t, i;

	for (t = 0; t < h->N; t++) {
		for (k = 0, i = 0; i < h->I; i++)
			k += has(h, t, i);
		sum += k * (k ? k - 1 : 0) / 2;
	}
	return sum;
}

/* ---- mining and opening ------------------------------------------------- */

static void
build(const struct hist *h, const struct mine_params *p, struct model *m,
    struct mine_stats *st)
{
	void	*blob = NULL;
	size_t	 size = 0;
	char	*cause = NULL;

	if (mine_build(&h->b, p, 1234567, &blob, &size, st, &cause) != 0)
		fail_msg("mine_build: %s", cause);
	assert_non_null(blob);
	if (mine_open(m, blob, size, &cause) != 0)
		fail_msg("mine_open: %s", cause);
	assert_null(cause);
}

/* The raw blob, for the damage tests. */
static void *
build_blob(const struct hist *h, const struct mine_params *p, size_t *size)
{
	void	*blob = NULL;
	char	*cause = NULL;

	if (mine_build(&h->b, p, 42, &blob, size, NULL, &cause) != 0)
		fail_msg("mine_build: %s", cause);
	return blob;
}

/* Params that keep every pair, without the fit (its own tests below). */
static struct mine_params
open_params(void)
{
	struct mine_params	p = mine_default_params();

	p.top_partners = 1000;
	p.min_pair = 2;
	p.fit = 0;
	return p;
}

/* ---- checks against the brute force ------------------------------------- */

static uint64_t
key_of(uint32_t count, uint32_t fwd)
{
	return (uint64_t)count * MODEL_SEQ_UNIT + 4 * (uint64_t)fwd;
}

/* Stats, frequencies and the partners of every item. */
static void
check_pairs(const struct hist *h, const struct mine_params *p,
    const struct model *m, const struct mine_stats *st)
{
	uint64_t	ge2 = 0, kept = 0, lo, key;
	uint32_t	bought = 0, c;
	size_t		a, x, i, nexp, nk;

	assert_int_equal(st->nbaskets, h->N);
	assert_int_equal(st->nitems, h->I);
	assert_int_equal(m->nbaskets, h->N);
	assert_int_equal(m->nitems, h->I);
	assert_int_equal(st->pair_occurrences, bf_pair_occurrences(h));
	for (a = 0; a < h->I; a++) {
		assert_int_equal(m->freq[a], bf_freq(h, a));
		bought += bf_freq(h, a) > 0;
		for (x = a + 1; x < h->I; x++)
			ge2 += bf_pair(h, a, x) >= 2;
	}
	assert_int_equal(st->items_bought, bought);
	assert_int_equal(st->pairs_ge2, ge2);
	assert_int_equal(m->pairs_ge2, ge2);

	for (a = 0; a < h->I; a++) {
		const struct mine_pair *k = m->pairs + m->pstart[a];

		assert_true(m->pstart[a] <= m->pstart[a + 1]);
		nk = m->pstart[a + 1] - m->pstart[a];
		kept += nk;
		for (nexp = 0, x = 0; x < h->I; x++)
			nexp += x != a && bf_pair(h, a, x) >= p->min_pair;
		assert_int_equal(nk, nexp < p->top_partners ? nexp :
		    p->top_partners);
		lo = UINT64_MAX;
		for (i = 0; i < nk; i++) {
			assert_true(k[i].item < h->I);
			assert_int_not_equal(k[i].item, a);
			assert_int_equal(k[i].count, bf_pair(h, a, k[i].item));
			assert_int_equal(k[i].fwd, bf_after(h, a, k[i].item));
			assert_int_equal(k[i].bwd, bf_after(h, k[i].item, a));
			assert_true(k[i].count >= p->min_pair);
			/* by partner index, each once */
			if (i > 0)
				assert_true(k[i].item > k[i - 1].item);
			key = key_of(k[i].count, k[i].fwd);
			if (key < lo)
				lo = key;
		}
		/* What was left out is no stronger than what was kept. */
		for (x = 0; x < h->I && nk < nexp; x++) {
			c = bf_pair(h, a, x);
			if (x == a || c < p->min_pair)
				continue;
			for (i = 0; i < nk && k[i].item != x; i++)
				;
			if (i == nk)
				assert_true(key_of(c, bf_after(h, a, x)) <= lo);
		}
	}
	assert_int_equal(st->partners_kept, kept);
	assert_int_equal(m->pstart[h->I], kept);
}

/* mine_index, mine_pair and mine_pair_count against the partners. */
static void
check_lookups(const struct hist *h, const struct model *m)
{
	size_t			 a, b, i, nk;
	uint32_t		 want;
	const struct mine_pair	*pr;

	for (a = 0; a < h->I; a++) {
		assert_int_equal(m->store_id[a], (int64_t)a + 1);
		assert_int_equal(mine_index(m, (int64_t)a + 1), a);
	}
	assert_int_equal(mine_index(m, 0), UINT32_MAX);
	assert_int_equal(mine_index(m, -1), UINT32_MAX);
	assert_int_equal(mine_index(m, (int64_t)h->I + 1), UINT32_MAX);
	assert_int_equal(mine_index(m, INT64_MAX), UINT32_MAX);
	assert_int_equal(mine_index(m, INT64_MIN), UINT32_MAX);
	for (a = 0; a < h->I; a++) {
		nk = m->pstart[a + 1] - m->pstart[a];
		for (b = 0; b <= h->I; b++) {
			for (i = 0; i < nk; i++)
				if (m->pairs[m->pstart[a] + i].item == b)
					break;
			want = i < nk ? bf_pair(h, a, b) : 0;
			assert_int_equal(mine_pair_count(m, (uint32_t)a,
			    (uint32_t)b), want);
			pr = mine_pair(m, (uint32_t)a, (uint32_t)b);
			if (i < nk) {
				assert_ptr_equal(pr, &m->pairs[m->pstart[a] + i]);
			} else
				assert_null(pr);
		}
		assert_int_equal(mine_pair_count(m, (uint32_t)a,
		    UINT32_MAX), 0);
	}
	assert_int_equal(mine_pair_count(m, (uint32_t)h->I, 0), 0);
	assert_int_equal(mine_pair_count(m, UINT32_MAX, 0), 0);
	assert_null(mine_pair(m, UINT32_MAX, 0));
}

/* ---- degenerate --------------------------------------------------------- */

static void
test_close_zeroed(void **state)
{
	struct model	m;

	(void)state;
	memset(&m, 0, sizeof m);
	mine_close(&m);
	mine_close(&m);
	assert_null(m.blob);
	assert_null(m.by_store);
}

static void
test_defaults(void **state)
{
	struct mine_params	p = mine_default_params();
	const double		*w = rel_default_weights();
	int			 k;

	(void)state;
	/* as documented in mine.h and relevance.h */
	assert_int_equal(p.top_partners, 64);
	assert_int_equal(p.min_pair, 2);
	assert_int_equal(p.names_kept, 16);
	assert_int_equal(p.fit, 1);
	assert_int_equal(p.fit_percent, 10);
	assert_int_equal(p.fit_max, 1500);
	assert_true(w[REL_SEQ_LAST] == 1.0);
	assert_true(w[REL_COOC_LAST] == 0.5);
	assert_true(w[REL_OWN_NEXT] == 0.5);
	for (k = 0; k < REL_NFEAT; k++)
		assert_true(w[REL_NFEAT + k] == 0);
}

/* No items and no baskets: an empty model that opens. */
static void
test_nothing(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;

	(void)state;
	hist_init(&h, 0);
	memset(&st, 0xaa, sizeof st);
	build(&h, &p, &m, &st);
	assert_int_equal(st.nbaskets, 0);
	assert_int_equal(st.nitems, 0);
	assert_int_equal(st.items_bought, 0);
	assert_int_equal(st.pair_occurrences, 0);
	assert_int_equal(st.pairs_ge2, 0);
	assert_int_equal(st.partners_kept, 0);
	assert_int_equal(st.names_kept, 0);
	assert_int_equal(st.fitted, 0);
	assert_int_equal(st.fit_examples, 0);
	assert_int_equal(m.nbaskets, 0);
	assert_int_equal(m.nitems, 0);
	assert_int_equal(m.built, 1234567);
	assert_memory_equal(m.weights, rel_default_weights(),
	    REL_NW * sizeof(double));
	assert_int_equal(mine_index(&m, 0), UINT32_MAX);
	assert_int_equal(mine_index(&m, 1), UINT32_MAX);
	assert_int_equal(mine_pair_count(&m, 0, 0), 0);
	mine_close(&m);
	assert_null(m.blob);
	hist_free(&h);
}

/* Items known but never bought; st may be NULL. */
static void
test_items_no_baskets(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct model		m;
	void			*blob = NULL;
	size_t			 size = 0, i;
	char			*cause = NULL;

	(void)state;
	hist_init(&h, 5);
	assert_int_equal(mine_build(&h.b, &p, 0, &blob, &size, NULL,
	    &cause), 0);
	assert_int_equal(mine_open(&m, blob, size, &cause), 0);
	assert_int_equal(m.nitems, 5);
	assert_int_equal(m.nbaskets, 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(m.freq[i], 0);
		assert_int_equal(m.recent[i], 0);
		assert_int_equal(m.pstart[i], 0);
		assert_int_equal(m.nstart[i], 0);
		assert_int_equal(mine_index(&m, (int64_t)i + 1), i);
	}
	assert_int_equal(m.pstart[5], 0);
	mine_close(&m);
	hist_free(&h);
}

/* Empty baskets count in N and hold no pair. */
static void
test_empty_baskets(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	int			i;

	(void)state;
	hist_init(&h, 3);
	for (i = 0; i < 7; i++)
		hist_add(&h, NULL, 0);
	build(&h, &p, &m, &st);
	assert_int_equal(st.nbaskets, 7);
	assert_int_equal(m.nbaskets, 7);
	assert_int_equal(st.items_bought, 0);
	assert_int_equal(st.pair_occurrences, 0);
	assert_int_equal(st.pairs_ge2, 0);
	assert_int_equal(st.partners_kept, 0);
	check_pairs(&h, &p, &m, &st);
	mine_close(&m);
	hist_free(&h);
}

/* One item, bought alone again and again (and twice in one basket). */
static void
test_one_item(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	const uint32_t		v[] = { 0, 0 };
	int			i;

	(void)state;
	hist_init(&h, 1);
	for (i = 0; i < 4; i++)
		hist_add(&h, v, 1);
	hist_add(&h, v, 2);
	build(&h, &p, &m, &st);
	assert_int_equal(st.nbaskets, 5);
	assert_int_equal(st.items_bought, 1);
	assert_int_equal(m.freq[0], 5);
	assert_int_equal(st.pair_occurrences, 0);
	assert_int_equal(st.pairs_ge2, 0);
	assert_int_equal(m.pstart[0], 0);
	assert_int_equal(m.pstart[1], 0);
	assert_int_equal(mine_pair_count(&m, 0, 0), 0);
	mine_close(&m);
	hist_free(&h);
}

/* A pair seen once is not kept; seen twice it is, both ways, with the
 * order each was rung up in. */
static void
test_pair_threshold(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	const uint32_t		ab[] = { 0, 1 }, cba[] = { 2, 1, 0 };
	const struct mine_pair	*pr;

	(void)state;
	hist_init(&h, 3);
	hist_add(&h, ab, 2);
	build(&h, &p, &m, &st);
	assert_int_equal(st.pair_occurrences, 1);
	assert_int_equal(st.pairs_ge2, 0);
	assert_int_equal(st.partners_kept, 0);
	assert_int_equal(mine_pair_count(&m, 0, 1), 0);
	mine_close(&m);

	hist_add(&h, cba, 3);
	build(&h, &p, &m, &st);
	assert_int_equal(st.pair_occurrences, 1 + 3);
	assert_int_equal(st.pairs_ge2, 1);
	assert_int_equal(st.partners_kept, 2);
	assert_int_equal(mine_pair_count(&m, 0, 1), 2);
	assert_int_equal(mine_pair_count(&m, 1, 0), 2);
	assert_int_equal(mine_pair_count(&m, 0, 2), 0);
	assert_int_equal(mine_pair_count(&m, 2, 1), 0);
	/* 1 came right after 0 once (a, b), right before it once (c b a) */
	pr = mine_pair(&m, 0, 1);
	assert_non_null(pr);
	assert_int_equal(pr->fwd, MODEL_SEQ_UNIT);
	assert_int_equal(pr->bwd, MODEL_SEQ_UNIT);
	assert_int_equal(m.freq[0], 2);
	assert_int_equal(m.freq[2], 1);
	check_pairs(&h, &p, &m, &st);
	mine_close(&m);
	hist_free(&h);
}

/* Distance counts: 2520/d up to 10 places, nothing beyond. */
static void
test_sequence_weights(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct mine_stats	st;
	struct model		m;
	uint32_t		v[12];
	size_t			i;

	(void)state;
	hist_init(&h, 12);
	for (i = 0; i < 12; i++)
		v[i] = (uint32_t)i;
	hist_add(&h, v, 12);
	hist_add(&h, v, 12);
	build(&h, &p, &m, &st);
	/* 0 then 3: twice 2520/3; 0 then 11 (11 places): never */
	assert_int_equal(mine_pair(&m, 0, 3)->fwd, 2 * 840);
	assert_int_equal(mine_pair(&m, 0, 3)->bwd, 0);
	assert_int_equal(mine_pair(&m, 3, 0)->bwd, 2 * 840);
	assert_int_equal(mine_pair(&m, 0, 10)->fwd, 2 * 252);
	assert_int_equal(mine_pair(&m, 0, 11)->fwd, 0);
	assert_int_equal(mine_pair(&m, 0, 11)->count, 2);
	check_pairs(&h, &p, &m, &st);
	mine_close(&m);
	hist_free(&h);
}

/* The order rung up survives sorting and repeated items. */
static void
test_ring_up_order(void **state)
{
	struct baskets	b;
	const uint32_t	v[] = { 3, 1, 3, 0, 2, 1 };
	uint32_t	seq[8];
	size_t		n;

	(void)state;
	baskets_init(&b);
	baskets_item(&b, "a", 1);
	baskets_item(&b, "b", 1);
	baskets_item(&b, "c", 1);
	baskets_item(&b, "d", 1);
	baskets_add(&b, v, 6);
	baskets_add(&b, NULL, 0);
	assert_int_equal(b.nbaskets, 2);
	assert_int_equal(b.start[1], 4);
	/* sorted in items[], and pos[] the place of first appearance */
	assert_int_equal(b.items[0], 0);
	assert_int_equal(b.pos[0], 2);
	assert_int_equal(b.items[3], 3);
	assert_int_equal(b.pos[3], 0);
	baskets_sequence(&b, 0, seq, &n);
	assert_int_equal(n, 4);
	assert_int_equal(seq[0], 3);
	assert_int_equal(seq[1], 1);
	assert_int_equal(seq[2], 0);
	assert_int_equal(seq[3], 2);
	baskets_sequence(&b, 1, seq, &n);
	assert_int_equal(n, 0);
	assert_null(b.customer);
	baskets_add_meta(&b, v, 2, 77, 1000);
	assert_non_null(b.customer);
	assert_int_equal(b.customer[0], 0);
	assert_int_equal(b.customer[2], 77);
	assert_int_equal(b.at[2], 1000);
	baskets_free(&b);
}

/* top_partners 0 keeps no partner but still counts the pairs. */
static void
test_no_partners_kept(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct mine_stats	st;
	struct model		m;

	(void)state;
	hist_random(&h, 12, 150, 6, 7);
	p.top_partners = 0;
	build(&h, &p, &m, &st);
	assert_int_equal(st.partners_kept, 0);
	assert_true(st.pairs_ge2 > 0);
	check_pairs(&h, &p, &m, &st);
	mine_close(&m);
	hist_free(&h);
}

/* Every pair, every frequency, every stat, on several random histories. */
static void
test_pairs_random(void **state)
{
	static const struct {
		size_t I, N, maxk;
		uint32_t top;
	} cases[] = {
		{ 3, 40, 3, 64 },
		{ 8, 60, 5, 64 },
		{ 20, 300, 8, 64 },
		{ 20, 300, 8, 3 },
		{ 40, 500, 12, 5 },
		{ 40, 500, 12, 1 },
		{ 70, 400, 20, 64 },
		{ 30, 300, 25, 8 },
	};
	struct hist		h;
	struct mine_params	p;
	struct mine_stats	st;
	struct model		m;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		hist_random(&h, cases[i].I, cases[i].N, cases[i].maxk,
		    0x9e3779b97f4a7c15ULL + i);
		p = mine_default_params();
		p.top_partners = cases[i].top;
		p.fit = i % 2;          /* the fit changes no count */
		build(&h, &p, &m, &st);
		assert_true(st.pairs_ge2 > 0);
		check_pairs(&h, &p, &m, &st);
		check_lookups(&h, &m);
		mine_close(&m);
		hist_free(&h);
	}
}

/* ---- names, trending ---------------------------------------------------- */

/*
 * 24 names "COLOUR THING N": each colour in 4 names, each thing in 6, the
 * number in one (under 3 bytes: not a word).  idf(colour) = ln 6,
 * idf(thing word) = ln 4; things have two words.  Two names of one thing
 * and another colour: 2 ln²4 / (ln²6 + 2 ln²4) = 0.5155; one colour and
 * another thing: ln²6 / (ln²6 + 2 ln²4) = 0.4845.
 */
static void
test_name_neighbours(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct mine_stats	st;
	struct model		m;
	double			same_thing, same_colour, l6 = log(6), l4 = log(4);
	size_t			a, k;

	(void)state;
	hist_init(&h, 24);
	hist_titles(&h);
	/* RED in capitals: words are case-folded */
	baskets_set_title(&h.b, 0, "RED Alarm CLOCK 0", 17);
	build(&h, &p, &m, &st);
	same_thing = 2 * l4 * l4 / (l6 * l6 + 2 * l4 * l4);
	same_colour = l6 * l6 / (l6 * l6 + 2 * l4 * l4);
	assert_true(st.names_kept > 0);
	for (a = 0; a < 24; a++) {
		size_t n = m.nstart[a + 1] - m.nstart[a];
		/* 5 of the same thing, 3 of the same colour */
		assert_int_equal(n, 8);
		for (k = m.nstart[a]; k < m.nstart[a + 1]; k++) {
			uint32_t x = m.near[k].item;
			double want = (x / 6 == a / 6) ? same_thing :
			    (x % 6 == a % 6) ? same_colour : 0;
			assert_true(fabs(m.near[k].sim - want) < 1e-5);
			if (k > m.nstart[a])
				assert_true(m.near[k].sim <= m.near[k - 1].sim);
		}
	}
	mine_close(&m);
	/* names_kept cuts the list, the most similar first */
	p.names_kept = 2;
	build(&h, &p, &m, &st);
	for (a = 0; a < 24; a++) {
		assert_int_equal(m.nstart[a + 1] - m.nstart[a], 2);
		assert_true(fabs(m.near[m.nstart[a]].sim - same_thing) < 1e-5);
	}
	mine_close(&m);
	/* a word in more than a quarter of the names says nothing */
	for (a = 0; a < 24; a++)
		baskets_set_title(&h.b, (uint32_t)a, "gift", 4);
	build(&h, &p, &m, &st);
	assert_int_equal(st.names_kept, 0);
	mine_close(&m);
	hist_free(&h);
}

/* Orders in the last 30 days of the history, per item. */
static void
test_trending(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct model		m;
	const uint32_t		a[] = { 0 }, ab[] = { 0, 1 };
	int64_t			day = CIVIL_DAY;

	(void)state;
	hist_init(&h, 2);
	hist_add_meta(&h, ab, 2, 1, 1 * day);
	hist_add_meta(&h, ab, 2, 1, 60 * day);
	hist_add_meta(&h, a, 1, 2, 80 * day);
	hist_add_meta(&h, a, 1, 2, 100 * day);
	build(&h, &p, &m, NULL);
	/* the last 30 days before day 100: days 80 and 100 */
	assert_int_equal(m.until, 100 * day);
	assert_int_equal(m.nrecent, 2);
	assert_int_equal(m.recent[0], 2);
	assert_int_equal(m.recent[1], 0);
	mine_close(&m);
	hist_free(&h);
}

/* Each item's orders where it was rung up last (of their distinct
 * items): a repeat counts where it first came. */
static void
test_rung_up_last(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct model		m;
	const uint32_t		ab[] = { 0, 1 }, ba[] = { 1, 0 },
				    aca[] = { 0, 2, 0 }, c[] = { 2 };

	(void)state;
	hist_init(&h, 3);
	hist_add(&h, ab, 2);
	hist_add(&h, ba, 2);
	hist_add(&h, ab, 2);
	hist_add(&h, aca, 3);
	hist_add(&h, c, 1);
	build(&h, &p, &m, NULL);
	assert_int_equal(m.freq[0], 4);
	assert_int_equal(m.last[0], 1);
	assert_int_equal(m.last[1], 2);
	assert_int_equal(m.last[2], 2);
	mine_close(&m);
	hist_free(&h);
}

/* ---- the fit ------------------------------------------------------------- */

/*
 * A shop where what comes next is clear from what came last: items come
 * in runs i, i+1, i+2 ... (mod I); customers buy again what they bought.
 */
static void
hist_runs(struct hist *h, size_t I, size_t N, uint64_t seed)
{
	uint32_t	v[8];
	size_t		t, j, k;
	uint64_t	s = seed;

	hist_init(h, I);
	hist_titles(h);
	for (t = 0; t < N; t++) {
		uint32_t first = (uint32_t)(rnd(&s) % I);
		k = 2 + rnd(&s) % 5;
		for (j = 0; j < k; j++)
			v[j] = rnd(&s) % 5 == 0 ? (uint32_t)(rnd(&s) % I) :
			    (uint32_t)((first + j) % I);
		hist_add_meta(h, v, k, (int64_t)(1 + rnd(&s) % 40),
		    (int64_t)t * 3600);
	}
}

static void
test_fit(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	void			*b1, *b2;
	size_t			s1, s2;
	char			*cause = NULL;

	(void)state;
	hist_runs(&h, 60, 3000, 5);
	b1 = build_blob(&h, &p, &s1);
	assert_int_equal(mine_build(&h.b, &p, 42, &b2, &s2, &st, &cause), 0);
	/* deterministic */
	assert_int_equal(s1, s2);
	assert_memory_equal(b1, b2, s1);
	free(b1);
	assert_int_equal(mine_open(&m, b2, s2, &cause), 0);
	/* the latest 10 % are held out, and enough of them usable */
	assert_int_equal(st.fit_orders, 300);
	assert_true(st.fit_examples >= MINE_FIT_MIN);
	assert_int_equal(st.fitted, 1);
	assert_true(st.fit_hr3 >= st.fit_hr3_default);
	assert_true(st.fit_hr3 > 0.5);
	assert_memory_equal(m.weights, st.weights, sizeof st.weights);
	assert_int_equal(m.fit.fitted, 1);
	assert_int_equal(m.fit.fit_examples, st.fit_examples);
	/* not the defaults */
	assert_true(memcmp(m.weights, rel_default_weights(),
	    REL_NW * sizeof(double)) != 0);
	mine_close(&m);

	/* Without the fit, or with too little held out: the defaults. */
	p.fit = 0;
	build(&h, &p, &m, &st);
	assert_int_equal(st.fitted, 0);
	assert_int_equal(st.fit_orders, 0);
	assert_memory_equal(m.weights, rel_default_weights(),
	    REL_NW * sizeof(double));
	mine_close(&m);
	hist_free(&h);
	hist_runs(&h, 60, 300, 5);
	p.fit = 1;
	build(&h, &p, &m, &st);
	assert_int_equal(st.fit_orders, 30);
	assert_true(st.fit_examples < MINE_FIT_MIN);
	assert_int_equal(st.fitted, 0);
	assert_memory_equal(m.weights, rel_default_weights(),
	    REL_NW * sizeof(double));
	mine_close(&m);
	hist_free(&h);
}

/* Mine the store's orders before `before`; the fit's figures and
 * weights into *st. */
static void
mine_store(struct store *s, int64_t before, struct mine_stats *st)
{
	struct mine_params	 p = mine_default_params();
	struct baskets		 b;
	void			*blob;
	size_t			 size;
	char			*cause = NULL;

	/* a quarter held out: the demo is small */
	p.fit_percent = 25;
	baskets_init(&b);
	if (store_baskets(s, before, &b, &cause) != 0 ||
	    mine_build(&b, &p, 1, &blob, &size, st, &cause) != 0)
		fail_msg("mine: %s", cause);
	baskets_free(&b);
	free(blob);
}

/*
 * The fit reads only the orders it is given: mining the orders before a
 * date, and mining after the later orders were deleted, give the very
 * same weights — and they differ from mining that reads the later
 * orders, so a leak would show.  On the demo shop, a real SQLite file.
 */
static void
test_fit_never_reads_later_orders(void **state)
{
	static const char	*files[] = { "items.csv", "customers.csv",
	    "orders.csv" };
	struct import_options	 opt;
	struct import_report	 rep;
	struct store		*s = NULL;
	struct mine_stats	 f1, f2, f3, f4, f5;
	const char		*paths[3], *db;
	int64_t			 split = civil_days(2026, 9, 1) * CIVIL_DAY;
	char			*cause = NULL, *q;
	size_t			 i;

	(void)state;
	db = util_tmp_path("fit.db");
	if (store_open(&s, db, STORE_CREATE, &cause) != 0)
		fail_msg("store_open: %s", cause);
	for (i = 0; i < 3; i++)
		paths[i] = util_fixture("../../assets/demo", files[i]);
	memset(&opt, 0, sizeof opt);
	opt.format = IMPORT_UPLIFT;
	opt.now = civil_days(2026, 12, 1) * CIVIL_DAY;
	if (import_files(s, (char *const *)paths, 3, &opt, &rep, &cause) != 0)
		fail_msg("import_files: %s", cause);
	mine_store(s, INT64_MAX, &f3);          /* the later orders read */
	mine_store(s, split, &f1);              /* before the split      */
	/* the pieces are the data's, not the cores': the same weights on
	 * one thread and on four (par.h) */
	setenv("UPLIFT_THREADS", "1", 1);
	mine_store(s, split, &f4);
	setenv("UPLIFT_THREADS", "4", 1);
	mine_store(s, split, &f5);
	unsetenv("UPLIFT_THREADS");
	assert_int_equal(f4.fit_examples, f1.fit_examples);
	assert_memory_equal(f1.weights, f4.weights, sizeof f1.weights);
	assert_memory_equal(f1.weights, f5.weights, sizeof f1.weights);
	store_close(&s);
	/* the later orders deleted, then everything that is left */
	q = util_shquote(db);
	if (util_run(NULL, "sqlite3 %s \"DELETE FROM order_line WHERE "
	    "order_id IN (SELECT id FROM orders WHERE at >= %lld); DELETE "
	    "FROM orders WHERE at >= %lld\"", q, (long long)split,
	    (long long)split) != 0)
		fail_msg("sqlite3 could not delete the later orders");
	free(q);
	if (store_open(&s, db, 0, &cause) != 0)
		fail_msg("store_open: %s", cause);
	mine_store(s, INT64_MAX, &f2);
	store_close(&s);
	print_message("    held out %u (with the later orders: %u), usable "
	    "%u, hit rate @3 %.4f with the defaults, %.4f fitted\n",
	    f1.fit_orders, f3.fit_orders, f1.fit_examples, f1.fit_hr3_default,
	    f1.fit_hr3);
	assert_int_equal(f1.fitted, 1);
	assert_int_equal(f1.fit_orders, f2.fit_orders);
	assert_int_equal(f1.fit_examples, f2.fit_examples);
	assert_memory_equal(f1.weights, f2.weights, sizeof f1.weights);
	assert_true(f3.fit_orders > f1.fit_orders);
	assert_true(memcmp(f1.weights, f3.weights, sizeof f1.weights) != 0);
	for (i = 0; i < REL_NFEAT; i++)
		print_message("    %-11s %9.4f %9.4f\n", rel_feature_name(
		    (int)i), f1.weights[i], f1.weights[REL_NFEAT + i]);
}

/* ---- the blob ------------------------------------------------------------ */

static void
test_round_trip(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct mine_stats	st;
	struct model		m, m2;
	void			*blob, *copy;
	size_t			 size;
	char			*cause = NULL;

	(void)state;
	hist_random(&h, 25, 400, 9, 99);
	hist_titles(&h);
	blob = build_blob(&h, &p, &size);
	copy = xmalloc(size);
	memcpy(copy, blob, size);
	assert_int_equal(memcmp(blob, MODEL_MAGIC, 4), 0);

	assert_int_equal(mine_open(&m, blob, size, &cause), 0);
	assert_ptr_equal(m.blob, blob);
	assert_int_equal(m.size, size);
	assert_int_equal(m.built, 42);
	assert_int_equal(mine_build(&h.b, &p, 42, &blob, &size, &st,
	    &cause), 0);
	/* The same history mines to the same bytes. */
	assert_int_equal(memcmp(blob, copy, size), 0);
	free(copy);
	assert_int_equal(mine_open(&m2, blob, size, &cause), 0);
	check_pairs(&h, &p, &m2, &st);
	check_lookups(&h, &m);
	check_lookups(&h, &m2);
	mine_close(&m);
	mine_close(&m2);
	assert_null(m.blob);
	mine_close(&m);
	hist_free(&h);
}

/* Store ids as they come: sparse, some 0 or negative (no store item). */
static void
test_store_ids(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct model		m;
	size_t			i;

	(void)state;
	hist_random(&h, 6, 50, 4, 3);
	h.b.ids[0] = 1000;
	h.b.ids[1] = 7;
	h.b.ids[2] = 0;
	h.b.ids[3] = -5;
	h.b.ids[4] = 8;
	h.b.ids[5] = 500;
	build(&h, &p, &m, NULL);
	for (i = 0; i < 6; i++)
		assert_int_equal(m.store_id[i], h.b.ids[i]);
	assert_int_equal(mine_index(&m, 1000), 0);
	assert_int_equal(mine_index(&m, 7), 1);
	assert_int_equal(mine_index(&m, 8), 4);
	assert_int_equal(mine_index(&m, 500), 5);
	assert_int_equal(mine_index(&m, 0), UINT32_MAX);
	assert_int_equal(mine_index(&m, -5), UINT32_MAX);
	assert_int_equal(mine_index(&m, 6), UINT32_MAX);
	assert_int_equal(mine_index(&m, 9), UINT32_MAX);
	assert_int_equal(mine_index(&m, 1001), UINT32_MAX);
	mine_close(&m);

	/* A basket file has no store ids at all. */
	free(h.b.ids);
	h.b.ids = NULL;
	build(&h, &p, &m, NULL);
	for (i = 0; i < 6; i++)
		assert_int_equal(m.store_id[i], 0);
	assert_int_equal(mine_index(&m, 0), UINT32_MAX);
	assert_int_equal(mine_index(&m, 1), UINT32_MAX);
	mine_close(&m);
	hist_free(&h);
}

/* Open a copy of blob[0..size) with byte at ^= x (none if at >= size);
 * returns mine_open's result. */
static int
open_copy(const void *blob, size_t size, size_t at, uint8_t x,
    struct model *m, char **cause)
{
	uint8_t	*copy = xmalloc(size ? size : 1);

	memcpy(copy, blob, size);
	if (at < size)
		copy[at] ^= x;
	*cause = NULL;
	return mine_open(m, copy, size, cause);
}

/* A model that opened must answer every lookup within bounds. */
static void
poke(const struct model *m)
{
	uint32_t		 a, b, lim = m->nitems < 40 ? m->nitems + 1 : 40;
	size_t			 i;
	int64_t			 id;
	volatile uint64_t	 sink = 0;

	for (id = -2; id < 50; id++) {
		a = mine_index(m, id);
		assert_true(a == UINT32_MAX || a < m->nitems);
	}
	for (a = 0; a < lim; a++) {
		if (a < m->nitems) {
			sink += m->freq[a] + (uint64_t)m->store_id[a];
			for (i = m->pstart[a]; i < m->pstart[a + 1]; i++)
				sink += m->pairs[i].item + m->pairs[i].count;
		}
		for (b = 0; b < lim; b++)
			sink += mine_pair_count(m, a, b);
		if (a < m->nitems)
			for (i = m->nstart[a]; i < m->nstart[a + 1]; i++) {
				assert_true(m->near[i].item < m->nitems);
				sink += m->near[i].item;
			}
	}
	(void)sink;
}

static void
expect_refused(const void *blob, size_t size, size_t at, uint8_t x)
{
	struct model	m;
	char		*cause;

	if (open_copy(blob, size, at, x, &m, &cause) != -1)
		fail_msg("blob of %zu bytes, byte %zu ^ 0x%02x: accepted",
		    size, at, x);
	assert_non_null(cause);
	assert_true(strlen(cause) > 0);
	assert_null(m.blob);
	free(cause);
	mine_close(&m);
}

static void
test_damaged_header(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	void			*blob;
	size_t			 size, i;

	(void)state;
	hist_random(&h, 10, 100, 5, 5);
	blob = build_blob(&h, &p, &size);
	/* The magic, any bit of it. */
	for (i = 0; i < 4; i++) {
		expect_refused(blob, size, i, 0x01);
		expect_refused(blob, size, i, 0x80);
		expect_refused(blob, size, i, 0xff);
	}
	/* The version and the byte-order mark that follow it. */
	for (i = 4; i < 12; i++)
		expect_refused(blob, size, i, 0x01);
	/* Nothing at all. */
	expect_refused(blob, 0, 0, 0);
	free(blob);
	hist_free(&h);
}

/* Every shorter length is refused. */
static void
test_truncated(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct mine_stats	st;
	void			*blob;
	size_t			 size, len;
	char			*cause = NULL;

	(void)state;
	hist_random(&h, 12, 200, 7, 11);
	assert_int_equal(mine_build(&h.b, &p, 0, &blob, &size, &st, &cause),
	    0);
	assert_true(st.partners_kept > 0);
	for (len = 0; len < size; len++)
		expect_refused(blob, len, size, 0);
	free(blob);
	hist_free(&h);
}

/* Set the uint32 at byte off of a copy to v; it must be refused. */
static void
expect_refused_u32(const void *blob, size_t size, size_t off, uint32_t v)
{
	uint8_t		*copy = xmalloc(size);
	struct model	 m;
	char		*cause = NULL;

	memcpy(copy, blob, size);
	memcpy(copy + off, &v, 4);
	if (mine_open(&m, copy, size, &cause) != -1)
		fail_msg("uint32 at %zu = %u: accepted", off, v);
	assert_non_null(cause);
	free(cause);
}

/* Item indexes, partner and neighbour offsets out of range. */
static void
test_out_of_range(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct model		m;
	void			*blob;
	size_t			 size, pairs, pstart, nstart, near, I, np, nn, k;
	char			*cause = NULL;

	(void)state;
	hist_random(&h, 12, 200, 7, 13);
	hist_titles(&h);
	blob = build_blob(&h, &p, &size);
	assert_int_equal(open_copy(blob, size, size, 0, &m, &cause), 0);
	I = m.nitems;
	np = m.pstart[I];
	nn = m.nstart[I];
	assert_true(np > 2);
	assert_true(nn > 2);
	pairs = (size_t)((const char *)m.pairs - (const char *)m.blob);
	pstart = (size_t)((const char *)m.pstart - (const char *)m.blob);
	nstart = (size_t)((const char *)m.nstart - (const char *)m.blob);
	near = (size_t)((const char *)m.near - (const char *)m.blob);
	mine_close(&m);

	/* A partner index past the items, first, middle and last entry. */
	for (k = 0; k < np; k += np / 2 > 0 ? np / 2 : 1) {
		expect_refused_u32(blob, size, pairs + k * 16, (uint32_t)I);
		expect_refused_u32(blob, size, pairs + k * 16, UINT32_MAX);
		/* a count of 0, or above the item's orders */
		expect_refused_u32(blob, size, pairs + k * 16 + 4, 0);
		expect_refused_u32(blob, size, pairs + k * 16 + 4, 100000);
		/* a sequence weight above count * SEQ_UNIT */
		expect_refused_u32(blob, size, pairs + k * 16 + 8, UINT32_MAX);
		expect_refused_u32(blob, size, pairs + k * 16 + 12, UINT32_MAX);
	}
	expect_refused_u32(blob, size, pairs + (np - 1) * 16, (uint32_t)I);
	/* A name neighbour past the items. */
	expect_refused_u32(blob, size, near, (uint32_t)I);
	expect_refused_u32(blob, size, near + (nn - 1) * 8, UINT32_MAX);
	/* Offsets: past the end, decreasing. */
	expect_refused_u32(blob, size, pstart + I * 4, (uint32_t)np + 1);
	expect_refused_u32(blob, size, pstart + I * 4, UINT32_MAX);
	expect_refused_u32(blob, size, pstart + 4, UINT32_MAX);
	expect_refused_u32(blob, size, pstart + (I - 1) * 4, (uint32_t)np + 1);
	expect_refused_u32(blob, size, nstart + I * 4, (uint32_t)nn + 1);
	expect_refused_u32(blob, size, nstart + 4, UINT32_MAX);
	free(blob);
	hist_free(&h);
}

/* Every byte flipped three ways: refused with a message, or a model
 * whose lookups stay in bounds. */
static void
test_flip_every_byte(void **state)
{
	static const uint8_t	 xs[] = { 0x01, 0x10, 0x80, 0xff };
	struct hist		 h;
	struct mine_params	 p = open_params();
	struct model		 m;
	void			*blob;
	size_t			 size, at, j, refused = 0, opened = 0;
	char			*cause;

	(void)state;
	hist_random(&h, 10, 120, 6, 17);
	blob = build_blob(&h, &p, &size);
	for (at = 0; at < size; at++)
		for (j = 0; j < sizeof xs; j++) {
			if (open_copy(blob, size, at, xs[j], &m, &cause) ==
			    0) {
				assert_null(cause);
				poke(&m);
				mine_close(&m);
				opened++;
			} else {
				assert_non_null(cause);
				assert_true(strlen(cause) > 0);
				assert_null(m.blob);
				free(cause);
				refused++;
			}
		}
	/* both outcomes happen: counts and the pad are not checked */
	assert_true(refused > 0);
	assert_true(opened > 0);
	free(blob);
	hist_free(&h);
}

/* Random bytes, with and without a valid-looking header. */
static void
test_random_bytes(void **state)
{
	struct hist		 h;
	struct mine_params	 p = open_params();
	struct model		 m;
	uint8_t			*good, *junk;
	size_t			 gsize, size, i, round;
	uint64_t		 s = 12345;
	char			*cause;

	(void)state;
	hist_random(&h, 6, 40, 4, 19);
	good = build_blob(&h, &p, &gsize);
	for (round = 0; round < 2000; round++) {
		size = rnd(&s) % (gsize + 64);
		junk = xmalloc(size ? size : 1);
		for (i = 0; i < size; i++)
			junk[i] = (uint8_t)rnd(&s);
		/* keep a prefix of the real blob, randomly long */
		if (round % 2 == 1 && size > 0) {
			i = rnd(&s) % size;
			memcpy(junk, good, i < gsize ? i : gsize);
		}
		cause = NULL;
		if (mine_open(&m, junk, size, &cause) == 0) {
			poke(&m);
			mine_close(&m);
		} else {
			assert_non_null(cause);
			free(cause);
		}
	}
	free(good);
	hist_free(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_close_zeroed),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_items_no_baskets),
		cmocka_unit_test(test_empty_baskets),
		cmocka_unit_test(test_one_item),
		cmocka_unit_test(test_pair_threshold),
		cmocka_unit_test(test_sequence_weights),
		cmocka_unit_test(test_ring_up_order),
		cmocka_unit_test(test_no_partners_kept),
		cmocka_unit_test(test_pairs_random),
		cmocka_unit_test(test_name_neighbours),
		cmocka_unit_test(test_trending),
		cmocka_unit_test(test_rung_up_last),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_never_reads_later_orders),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_store_ids),
		cmocka_unit_test(test_damaged_header),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_flip_every_byte),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
