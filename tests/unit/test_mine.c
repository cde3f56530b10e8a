/*
 * test_mine — the mined model (model/mine.h).  Degenerate histories first
 * (no items, no baskets, empty baskets, one item), then every figure of
 * the model against a brute-force count made here from the same random
 * baskets: item frequencies, pair counts and the partners kept per item,
 * pair_occurrences = sum C(k,2), pairs_ge2, the {a,b} => c rules with
 * their counts; then the lookups and the blob: a round trip, and damaged
 * blobs (magic, version, byte order, every truncation, indexes out of
 * range, every byte flipped, random bytes) that must give -1 and a message
 * or a model whose lookups stay in bounds — never a crash.
 */
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
#include "model/mine.h"
#include "model/xalloc.h"

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
	uint8_t		*has;     /* has[t * I + i]: basket t holds item i */
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

/* Append a basket of n item indexes (duplicates allowed). */
static void
hist_add(struct hist *h, const uint32_t *v, size_t n)
{
	size_t	i;

	h->has = xreallocarray(h->has, (h->N + 1) * (h->I ? h->I : 1), 1);
	memset(h->has + h->N * h->I, 0, h->I);
	for (i = 0; i < n; i++)
		h->has[h->N * h->I + v[i]] = 1;
	h->N++;
	baskets_add(&h->b, v, n);
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

static void
hist_free(struct hist *h)
{
	free(h->has);
	baskets_free(&h->b);
	memset(h, 0, sizeof *h);
}

static uint32_t
bf_freq(const struct hist *h, size_t a)
{
	uint32_t	n = 0;
	size_t		t;

	for (t = 0; t < h->N; t++)
		n += h->has[t * h->I + a];
	return n;
}

static uint32_t
bf_pair(const struct hist *h, size_t a, size_t b)
{
	uint32_t	n = 0;
	size_t		t;

	for (t = 0; t < h->N; t++)
		n += h->has[t * h->I + a] && h->has[t * h->I + b];
	return n;
}

static uint32_t
bf_triple(const struct hist *h, size_t a, size_t b, size_t c)
{
	uint32_t	n = 0;
	size_t		t;

	for (t = 0; t < h->N; t++)
		n += h->has[t * h->I + a] && h->has[t * h->I + b] &&
		    h->has[t * h->I + c];
	return n;
}

static uint64_t
bf_pair_occurrences(const struct hist *h)
{
	uint64_t	sum = 0, k;
	size_t		t, i;

	for (t = 0; t < h->N; t++) {
		for (k = 0, i = 0; i < h->I; i++)
			k += h->has[t * h->I + i];
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
	if (model_open(m, blob, size, &cause) != 0)
		fail_msg("model_open: %s", cause);
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

/* Params that keep every pair and let rules appear on small data. */
static struct mine_params
open_params(void)
{
	struct mine_params	p = mine_default_params();

	p.top_partners = 1000;
	p.min_pair = 2;
	p.rule_support = 0;
	p.rule_min_count = 3;
	p.rule_confidence = 0.25;
	p.rule_top = 1000;
	p.rule_pairs_max = 1000000;
	return p;
}

/* ---- checks against the brute force ------------------------------------- */

/* Stats, frequencies and the partners of every item. */
static void
check_pairs(const struct hist *h, const struct mine_params *p,
    const struct model *m, const struct mine_stats *st)
{
	uint64_t	ge2 = 0, kept = 0;
	uint32_t	bought = 0, c, lo;
	size_t		a, x, i, j, nexp, nk;

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
		const struct model_pair *k = m->pairs + m->pstart[a];

		assert_true(m->pstart[a] <= m->pstart[a + 1]);
		nk = m->pstart[a + 1] - m->pstart[a];
		kept += nk;
		for (nexp = 0, x = 0; x < h->I; x++)
			nexp += x != a && bf_pair(h, a, x) >= p->min_pair;
		assert_int_equal(nk, nexp < p->top_partners ? nexp :
		    p->top_partners);
		lo = UINT32_MAX;
		for (i = 0; i < nk; i++) {
			assert_true(k[i].item < h->I);
			assert_int_not_equal(k[i].item, a);
			assert_int_equal(k[i].count, bf_pair(h, a, k[i].item));
			assert_true(k[i].count >= p->min_pair);
			if (i > 0)
				assert_true(k[i].count <= k[i - 1].count);
			for (j = 0; j < i; j++)
				assert_int_not_equal(k[i].item, k[j].item);
			if (k[i].count < lo)
				lo = k[i].count;
		}
		/* What was left out is no stronger than what was kept. */
		for (x = 0; x < h->I && nk < nexp; x++) {
			c = bf_pair(h, a, x);
			if (x == a || c < p->min_pair)
				continue;
			for (i = 0; i < nk && k[i].item != x; i++)
				;
			if (i == nk)
				assert_true(c <= lo);
		}
	}
	assert_int_equal(st->partners_kept, kept);
	assert_int_equal(m->pstart[h->I], kept);
}

static int
rule_full_cmp(const void *x, const void *y)
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

/* The rules, when neither rule_top nor rule_pairs_max cuts anything. */
static size_t
check_rules(const struct hist *h, const struct mine_params *p,
    const struct model *m, const struct mine_stats *st)
{
	struct model_rule3	*exp = NULL, *got;
	size_t			 nexp = 0, cap = 0, a, b, c, i, nante = 0;
	uint32_t		 rule_min, ab, abc;

	rule_min = (uint32_t)ceil(p->rule_support * (double)h->N);
	if (rule_min < p->rule_min_count)
		rule_min = p->rule_min_count;
	for (a = 0; a < h->I; a++)
		for (b = a + 1; b < h->I; b++) {
			ab = bf_pair(h, a, b);
			if (ab < rule_min || ab < p->min_pair)
				continue;
			nante++;
			for (c = 0; c < h->I; c++) {
				if (c == a || c == b)
					continue;
				abc = bf_triple(h, a, b, c);
				if (abc < p->min_pair ||
				    (double)abc < p->rule_confidence * ab ||
				    (uint64_t)abc * h->N <=
				    (uint64_t)ab * bf_freq(h, c))
					continue;
				if (nexp == cap) {
					cap = cap ? 2 * cap : 64;
					exp = xreallocarray(exp, cap,
					    sizeof *exp);
				}
				exp[nexp].a = (uint32_t)a;
				exp[nexp].b = (uint32_t)b;
				exp[nexp].c = (uint32_t)c;
				exp[nexp].count_ab = ab;
				exp[nexp++].count = abc;
			}
		}
	assert_int_equal(st->rule_pairs, nante);
	assert_int_equal(st->rules3, nexp);
	assert_int_equal(m->nrules3, nexp);
	if (nexp > 0)
		qsort(exp, nexp, sizeof *exp, rule_full_cmp);
	/* Stored sorted by (a, b, -count); ties in any order. */
	for (i = 1; i < m->nrules3; i++) {
		const struct model_rule3 *r = &m->rules3[i - 1], *s = r + 1;
		assert_true(r->a < s->a || (r->a == s->a && (r->b < s->b ||
		    (r->b == s->b && r->count >= s->count))));
	}
	got = xcalloc(nexp + 1, sizeof *got);
	if (nexp > 0)
		memcpy(got, m->rules3, nexp * sizeof *got);
	if (nexp > 0)
		qsort(got, nexp, sizeof *got, rule_full_cmp);
	for (i = 0; i < nexp; i++) {
		if (memcmp(&got[i], &exp[i], sizeof *got) != 0)
			fail_msg("rule %zu: got {%u,%u}=>%u %u/%u, expected "
			    "{%u,%u}=>%u %u/%u", i, got[i].a, got[i].b,
			    got[i].c, got[i].count, got[i].count_ab, exp[i].a,
			    exp[i].b, exp[i].c, exp[i].count, exp[i].count_ab);
	}
	free(got);
	free(exp);
	return nexp;
}

/* Every lookup against the brute force. */
static void
check_lookups(const struct hist *h, const struct model *m)
{
	size_t		a, b, i, n, n2, nk, want;
	uint32_t	c;
	const struct model_rule3 *r, *r2;

	for (a = 0; a < h->I; a++) {
		assert_int_equal(m->store_id[a], (int64_t)a + 1);
		assert_int_equal(model_index(m, (int64_t)a + 1), a);
	}
	assert_int_equal(model_index(m, 0), UINT32_MAX);
	assert_int_equal(model_index(m, -1), UINT32_MAX);
	assert_int_equal(model_index(m, (int64_t)h->I + 1), UINT32_MAX);
	assert_int_equal(model_index(m, INT64_MAX), UINT32_MAX);
	assert_int_equal(model_index(m, INT64_MIN), UINT32_MAX);

	for (a = 0; a < h->I; a++) {
		nk = m->pstart[a + 1] - m->pstart[a];
		for (b = 0; b <= h->I; b++) {
			c = b < h->I ? bf_pair(h, a, b) : 0;
			for (i = 0; i < nk; i++)
				if (m->pairs[m->pstart[a] + i].item == b)
					break;
			want = i < nk ? c : 0;
			assert_int_equal(model_pair_count(m, (uint32_t)a,
			    (uint32_t)b), want);
		}
		assert_int_equal(model_pair_count(m, (uint32_t)a,
		    UINT32_MAX), 0);
	}
	assert_int_equal(model_pair_count(m, (uint32_t)h->I, 0), 0);
	assert_int_equal(model_pair_count(m, UINT32_MAX, 0), 0);

	for (a = 0; a <= h->I; a++)
		for (b = 0; b <= h->I; b++) {
			r = model_rules3(m, (uint32_t)a, (uint32_t)b, &n);
			r2 = model_rules3(m, (uint32_t)b, (uint32_t)a, &n2);
			assert_ptr_equal(r, r2);
			assert_int_equal(n, n2);
			for (want = 0, i = 0; i < m->nrules3; i++)
				want += m->rules3[i].a == (a < b ? a : b) &&
				    m->rules3[i].b == (a < b ? b : a);
			assert_int_equal(n, want);
			if (n == 0)
				assert_null(r);
			for (i = 0; i < n; i++) {
				assert_int_equal(r[i].a, a < b ? a : b);
				assert_int_equal(r[i].b, a < b ? b : a);
				assert_int_equal(r[i].count_ab,
				    bf_pair(h, a, b));
				assert_int_equal(r[i].count,
				    bf_triple(h, a, b, r[i].c));
			}
		}
	r = model_rules3(m, UINT32_MAX, UINT32_MAX, &n);
	assert_null(r);
	assert_int_equal(n, 0);
}

/* ---- degenerate histories ----------------------------------------------- */

static void
test_close_zeroed(void **state)
{
	struct model	m;

	(void)state;
	memset(&m, 0, sizeof m);
	model_close(&m);
	model_close(&m);
	assert_null(m.blob);
	assert_null(m.by_store);
}

static void
test_defaults(void **state)
{
	struct mine_params	p = mine_default_params();

	(void)state;
	assert_int_equal(p.top_partners, 64);
	assert_int_equal(p.min_pair, 2);
	assert_int_equal(p.rule_min_count, 5);
	assert_true(p.rule_confidence == 0.25);
	assert_int_equal(p.rule_top, 8);
	assert_int_equal(p.rule_pairs_max, 20000);
	/* as documented in mine.h */
	if (p.rule_support != 0.01)
		fail_msg("rule_support default %g, mine.h says 0.01",
		    p.rule_support);
}

/* No items and no baskets: an empty model that opens. */
static void
test_nothing(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	size_t			n = 99;

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
	assert_int_equal(st.rule_pairs, 0);
	assert_int_equal(st.rules3, 0);
	assert_int_equal(m.nbaskets, 0);
	assert_int_equal(m.nitems, 0);
	assert_int_equal(m.nrules3, 0);
	assert_int_equal(m.built, 1234567);
	assert_int_equal(model_index(&m, 0), UINT32_MAX);
	assert_int_equal(model_index(&m, 1), UINT32_MAX);
	assert_int_equal(model_pair_count(&m, 0, 0), 0);
	assert_null(model_rules3(&m, 0, 1, &n));
	assert_int_equal(n, 0);
	model_close(&m);
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
	assert_int_equal(model_open(&m, blob, size, &cause), 0);
	assert_int_equal(m.nitems, 5);
	assert_int_equal(m.nbaskets, 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(m.freq[i], 0);
		assert_int_equal(m.pstart[i], 0);
		assert_int_equal(model_index(&m, (int64_t)i + 1), i);
	}
	assert_int_equal(m.pstart[5], 0);
	model_close(&m);
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
	assert_int_equal(st.rules3, 0);
	check_pairs(&h, &p, &m, &st);
	model_close(&m);
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
	assert_int_equal(model_pair_count(&m, 0, 0), 0);
	model_close(&m);
	hist_free(&h);
}

/* A pair seen once is not kept; seen twice it is, both ways. */
static void
test_pair_threshold(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	const uint32_t		ab[] = { 0, 1 }, abc[] = { 2, 1, 0 };

	(void)state;
	hist_init(&h, 3);
	hist_add(&h, ab, 2);
	build(&h, &p, &m, &st);
	assert_int_equal(st.pair_occurrences, 1);
	assert_int_equal(st.pairs_ge2, 0);
	assert_int_equal(st.partners_kept, 0);
	assert_int_equal(model_pair_count(&m, 0, 1), 0);
	model_close(&m);

	hist_add(&h, abc, 3);
	build(&h, &p, &m, &st);
	assert_int_equal(st.pair_occurrences, 1 + 3);
	assert_int_equal(st.pairs_ge2, 1);
	assert_int_equal(st.partners_kept, 2);
	assert_int_equal(model_pair_count(&m, 0, 1), 2);
	assert_int_equal(model_pair_count(&m, 1, 0), 2);
	assert_int_equal(model_pair_count(&m, 0, 2), 0);
	assert_int_equal(model_pair_count(&m, 2, 1), 0);
	assert_int_equal(m.freq[0], 2);
	assert_int_equal(m.freq[2], 1);
	check_pairs(&h, &p, &m, &st);
	model_close(&m);
	hist_free(&h);
}

/* top_partners 0 keeps no partner but still counts the pairs. */
static void
test_no_partners_kept(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;

	(void)state;
	hist_random(&h, 12, 150, 6, 7);
	p.top_partners = 0;
	build(&h, &p, &m, &st);
	assert_int_equal(st.partners_kept, 0);
	assert_true(st.pairs_ge2 > 0);
	check_pairs(&h, &p, &m, &st);
	model_close(&m);
	hist_free(&h);
}

/* ---- against the brute force -------------------------------------------- */

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
		build(&h, &p, &m, &st);
		assert_true(st.pairs_ge2 > 0);
		check_pairs(&h, &p, &m, &st);
		model_close(&m);
		hist_free(&h);
	}
}

/* The rules {a,b} => c with their counts, exactly. */
static void
test_rules_random(void **state)
{
	struct hist		h;
	struct mine_params	p;
	struct mine_stats	st;
	struct model		m;
	size_t			n, seed;

	(void)state;
	for (seed = 1; seed <= 6; seed++) {
		hist_random(&h, 15 + seed, 256, 7, seed * 7919);
		p = open_params();
		if (seed % 2 == 0) {
			/* the threshold as a share of N: 1/64 of 256 = 4 */
			p.rule_support = 1.0 / 64;
			p.rule_min_count = 2;
			p.rule_confidence = 0.4;
		}
		build(&h, &p, &m, &st);
		n = check_rules(&h, &p, &m, &st);
		assert_true(n > 0);
		check_pairs(&h, &p, &m, &st);
		model_close(&m);
		hist_free(&h);
	}
}

/* A hand-made case: {A,B} => C, and nothing for C alone. */
static void
test_rules_by_hand(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	const uint32_t		abc[] = { 0, 1, 2 }, ab[] = { 0, 1 };
	const uint32_t		a[] = { 0 }, b[] = { 1 }, c[] = { 2 },
				d[] = { 3 };
	const struct model_rule3 *r;
	size_t			n, i;

	(void)state;
	/* N = 20: ABC x4, AB, A x5, B x5, C x2, D x3. */
	hist_init(&h, 4);
	for (i = 0; i < 4; i++)
		hist_add(&h, abc, 3);
	hist_add(&h, ab, 2);
	for (i = 0; i < 5; i++) {
		hist_add(&h, a, 1);
		hist_add(&h, b, 1);
	}
	hist_add(&h, c, 1);
	hist_add(&h, c, 1);
	for (i = 0; i < 3; i++)
		hist_add(&h, d, 1);
	/* Defaults: {A,B} holds 5 >= max(ceil(0.01 * 20), 5) orders; C is
	 * in 4 of them (80 % >= 25 %) and 4 * 20 > 5 * 6 (lift > 1). */
	build(&h, &p, &m, &st);
	assert_int_equal(st.rule_pairs, 1);
	assert_int_equal(st.rules3, 1);
	r = model_rules3(&m, 1, 0, &n);
	assert_int_equal(n, 1);
	assert_non_null(r);
	assert_int_equal(r->a, 0);
	assert_int_equal(r->b, 1);
	assert_int_equal(r->c, 2);
	assert_int_equal(r->count_ab, 5);
	assert_int_equal(r->count, 4);
	assert_null(model_rules3(&m, 0, 2, &n));
	assert_int_equal(n, 0);
	assert_null(model_rules3(&m, 2, 3, &n));
	model_close(&m);

	/* One more required order: no antecedent, no rule. */
	p.rule_min_count = 6;
	build(&h, &p, &m, &st);
	assert_int_equal(st.rule_pairs, 0);
	assert_int_equal(st.rules3, 0);
	assert_null(model_rules3(&m, 0, 1, &n));
	model_close(&m);

	/* Confidence 4/5 is kept at 0.8, refused at 0.81. */
	p = mine_default_params();
	p.rule_confidence = 0.8;
	build(&h, &p, &m, &st);
	assert_int_equal(st.rules3, 1);
	model_close(&m);
	p.rule_confidence = 0.81;
	build(&h, &p, &m, &st);
	assert_int_equal(st.rule_pairs, 1);
	assert_int_equal(st.rules3, 0);
	model_close(&m);
	hist_free(&h);
}

/* A consequent no likelier with {a,b} than without (lift 1) is refused. */
static void
test_rules_lift_one(void **state)
{
	struct hist		h;
	struct mine_params	p = mine_default_params();
	struct mine_stats	st;
	struct model		m;
	const uint32_t		abc[] = { 0, 1, 2 }, ab[] = { 0, 1 };
	const uint32_t		c[] = { 2 }, d[] = { 3 };
	size_t			i;

	(void)state;
	/* N = 10: ABC x3, AB x2, C x3, D x2: conf 3/5, freq C 6,
	 * 3 * 10 == 5 * 6. */
	hist_init(&h, 4);
	for (i = 0; i < 3; i++)
		hist_add(&h, abc, 3);
	hist_add(&h, ab, 2);
	hist_add(&h, ab, 2);
	for (i = 0; i < 3; i++)
		hist_add(&h, c, 1);
	hist_add(&h, d, 1);
	hist_add(&h, d, 1);
	build(&h, &p, &m, &st);
	assert_int_equal(st.rule_pairs, 1);
	assert_int_equal(st.rules3, 0);
	model_close(&m);
	/* One fewer C alone: 3 * 9 > 5 * 5, kept. */
	hist_free(&h);
	hist_init(&h, 4);
	for (i = 0; i < 3; i++)
		hist_add(&h, abc, 3);
	hist_add(&h, ab, 2);
	hist_add(&h, ab, 2);
	for (i = 0; i < 2; i++)
		hist_add(&h, c, 1);
	hist_add(&h, d, 1);
	hist_add(&h, d, 1);
	build(&h, &p, &m, &st);
	assert_int_equal(st.rules3, 1);
	model_close(&m);
	hist_free(&h);
}

/* rule_top and rule_pairs_max keep the strongest. */
static void
test_rules_cut(void **state)
{
	struct hist		 h;
	struct mine_params	 p = open_params(), q;
	struct mine_stats	 st, all;
	struct model		 m;
	uint32_t		*ab_counts, kth, c, abc;
	size_t			 i, j, nante = 0, a, b, x, nr, seen;

	(void)state;
	hist_random(&h, 18, 300, 8, 4242);
	build(&h, &p, &m, &all);
	assert_true(all.rules3 > 10);
	assert_true(all.rule_pairs > 3);
	model_close(&m);

	/* At most 2 consequents per antecedent, the strongest. */
	q = p;
	q.rule_top = 2;
	build(&h, &q, &m, &st);
	assert_int_equal(st.rule_pairs, all.rule_pairs);
	assert_true(st.rules3 < all.rules3);
	for (a = 0; a < h.I; a++)
		for (b = a + 1; b < h.I; b++) {
			const struct model_rule3 *r = model_rules3(&m,
			    (uint32_t)a, (uint32_t)b, &nr);
			uint32_t ab = bf_pair(&h, a, b), lo = UINT32_MAX;
			assert_true(nr <= 2);
			for (i = 0; i < nr; i++)
				if (r[i].count < lo)
					lo = r[i].count;
			if (nr < 2)
				continue;
			for (x = 0; x < h.I; x++) {
				if (x == a || x == b)
					continue;
				for (i = 0; i < nr && r[i].c != x; i++)
					;
				abc = bf_triple(&h, a, b, x);
				if (i == nr && abc >= q.min_pair &&
				    (double)abc >= q.rule_confidence * ab &&
				    (uint64_t)abc * h.N >
				    (uint64_t)ab * bf_freq(&h, x))
					assert_true(abc <= lo);
			}
		}
	model_close(&m);

	/* At most 3 antecedent pairs, the most frequent. */
	q = p;
	q.rule_pairs_max = 3;
	build(&h, &q, &m, &st);
	assert_int_equal(st.rule_pairs, 3);
	ab_counts = xcalloc(h.I * h.I, sizeof *ab_counts);
	for (a = 0; a < h.I; a++)
		for (b = a + 1; b < h.I; b++)
			if ((c = bf_pair(&h, a, b)) >= q.rule_min_count)
				ab_counts[nante++] = c;
	/* the third largest */
	for (i = 0; i < 3; i++)
		for (j = i + 1; j < nante; j++)
			if (ab_counts[j] > ab_counts[i]) {
				c = ab_counts[i];
				ab_counts[i] = ab_counts[j];
				ab_counts[j] = c;
			}
	kth = ab_counts[2];
	seen = 0;
	for (i = 0; i < m.nrules3; i++) {
		assert_true(m.rules3[i].count_ab >= kth);
		if (i == 0 || m.rules3[i].a != m.rules3[i - 1].a ||
		    m.rules3[i].b != m.rules3[i - 1].b)
			seen++;
	}
	assert_true(seen <= 3);
	free(ab_counts);
	model_close(&m);
	hist_free(&h);
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
	blob = build_blob(&h, &p, &size);
	copy = xmalloc(size);
	memcpy(copy, blob, size);
	assert_int_equal(memcmp(blob, MODEL_MAGIC, 4), 0);

	assert_int_equal(model_open(&m, blob, size, &cause), 0);
	assert_ptr_equal(m.blob, blob);
	assert_int_equal(m.size, size);
	assert_int_equal(m.built, 42);
	assert_int_equal(mine_build(&h.b, &p, 42, &blob, &size, &st,
	    &cause), 0);
	/* The same history mines to the same bytes. */
	assert_int_equal(memcmp(blob, copy, size), 0);
	free(copy);
	assert_int_equal(model_open(&m2, blob, size, &cause), 0);
	check_pairs(&h, &p, &m2, &st);
	assert_true(check_rules(&h, &p, &m2, &st) > 0);
	check_lookups(&h, &m);
	check_lookups(&h, &m2);
	model_close(&m);
	model_close(&m2);
	assert_null(m.blob);
	model_close(&m);
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
	assert_int_equal(model_index(&m, 1000), 0);
	assert_int_equal(model_index(&m, 7), 1);
	assert_int_equal(model_index(&m, 8), 4);
	assert_int_equal(model_index(&m, 500), 5);
	assert_int_equal(model_index(&m, 0), UINT32_MAX);
	assert_int_equal(model_index(&m, -5), UINT32_MAX);
	assert_int_equal(model_index(&m, 6), UINT32_MAX);
	assert_int_equal(model_index(&m, 9), UINT32_MAX);
	assert_int_equal(model_index(&m, 1001), UINT32_MAX);
	model_close(&m);

	/* A basket file has no store ids at all. */
	free(h.b.ids);
	h.b.ids = NULL;
	build(&h, &p, &m, NULL);
	for (i = 0; i < 6; i++)
		assert_int_equal(m.store_id[i], 0);
	assert_int_equal(model_index(&m, 0), UINT32_MAX);
	assert_int_equal(model_index(&m, 1), UINT32_MAX);
	model_close(&m);
	hist_free(&h);
}

/* Open a copy of blob[0..size) with byte at ^= x (none if at >= size);
 * returns model_open's result. */
static int
open_copy(const void *blob, size_t size, size_t at, uint8_t x,
    struct model *m, char **cause)
{
	uint8_t	*copy = xmalloc(size ? size : 1);

	memcpy(copy, blob, size);
	if (at < size)
		copy[at] ^= x;
	*cause = NULL;
	return model_open(m, copy, size, cause);
}

/* A model that opened must answer every lookup within bounds. */
static void
poke(const struct model *m)
{
	uint32_t		 a, b, lim = m->nitems < 40 ? m->nitems + 1 : 40;
	const struct model_rule3 *r;
	size_t			 n, i;
	int64_t			 id;
	volatile uint64_t	 sink = 0;

	for (id = -2; id < 50; id++) {
		a = model_index(m, id);
		assert_true(a == UINT32_MAX || a < m->nitems);
	}
	for (a = 0; a < lim; a++) {
		if (a < m->nitems) {
			sink += m->freq[a] + (uint64_t)m->store_id[a];
			for (i = m->pstart[a]; i < m->pstart[a + 1]; i++)
				sink += m->pairs[i].item + m->pairs[i].count;
		}
		for (b = 0; b < lim; b++) {
			sink += model_pair_count(m, a, b);
			r = model_rules3(m, a, b, &n);
			for (i = 0; i < n; i++) {
				assert_true(r[i].c < m->nitems);
				sink += r[i].count;
			}
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
	model_close(&m);
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
	assert_true(st.rules3 > 0);
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
	if (model_open(&m, copy, size, &cause) != -1)
		fail_msg("uint32 at %zu = %u: accepted", off, v);
	assert_non_null(cause);
	free(cause);
}

/* Item indexes and partner offsets out of range. */
static void
test_out_of_range(void **state)
{
	struct hist		h;
	struct mine_params	p = open_params();
	struct model		m;
	void			*blob;
	size_t			 size, pairs, rules, pstart, I, np, nr, k;
	char			*cause = NULL;

	(void)state;
	hist_random(&h, 12, 200, 7, 13);
	blob = build_blob(&h, &p, &size);
	assert_int_equal(open_copy(blob, size, size, 0, &m, &cause), 0);
	I = m.nitems;
	np = m.pstart[I];
	assert_true(np > 2);
	assert_true(m.nrules3 > 2);
	pairs = (size_t)((const char *)m.pairs - (const char *)m.blob);
	rules = (size_t)((const char *)m.rules3 - (const char *)m.blob);
	pstart = (size_t)((const char *)m.pstart - (const char *)m.blob);
	nr = m.nrules3;
	model_close(&m);

	/* A partner index past the items, first, middle and last entry. */
	for (k = 0; k < np; k += np / 2 > 0 ? np / 2 : 1) {
		expect_refused_u32(blob, size, pairs + k * 8, (uint32_t)I);
		expect_refused_u32(blob, size, pairs + k * 8, UINT32_MAX);
	}
	expect_refused_u32(blob, size, pairs + (np - 1) * 8, (uint32_t)I);
	/* Rule a, b or c past the items. */
	for (k = 0; k < 3; k++) {
		expect_refused_u32(blob, size, rules + k * 4, (uint32_t)I);
		expect_refused_u32(blob, size, rules + 20 + k * 4, 0x7fffffff);
		expect_refused_u32(blob, size,
		    rules + (nr - 1) * 20 + k * 4, (uint32_t)I + 5);
	}
	/* Partner offsets: past the end, decreasing. */
	expect_refused_u32(blob, size, pstart + I * 4, (uint32_t)np + 1);
	expect_refused_u32(blob, size, pstart + I * 4, UINT32_MAX);
	expect_refused_u32(blob, size, pstart + 4, UINT32_MAX);
	expect_refused_u32(blob, size, pstart + (I - 1) * 4, (uint32_t)np + 1);
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
				model_close(&m);
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
		if (model_open(&m, junk, size, &cause) == 0) {
			poke(&m);
			model_close(&m);
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
		cmocka_unit_test(test_no_partners_kept),
		cmocka_unit_test(test_pairs_random),
		cmocka_unit_test(test_rules_random),
		cmocka_unit_test(test_rules_by_hand),
		cmocka_unit_test(test_rules_lift_one),
		cmocka_unit_test(test_rules_cut),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_store_ids),
		cmocka_unit_test(test_damaged_header),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_flip_every_byte),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
