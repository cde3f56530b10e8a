/*
 * test_rules — association rules (model/rules.h) and `uplift rules`
 * (app/cmd_rules.c).
 *
 * The miner is checked against an independent brute-force reference on
 * thousands of small random data sets: every itemset enumerated as a
 * bitmask, its count taken by scanning the baskets, thresholds applied
 * with plain integer arithmetic (num / 10^k), every rule X ⇒ y derived, and
 * support, confidence and lift formatted by a separate rounding formula.
 * The two must agree exactly: the same rules, the same counts, the same
 * printed digits, and the documented order.
 *
 * The Groceries checks run when the shared data set is present ($UPLIFT_DATA,
 * else ../shared/data next to the repository) and are skipped otherwise.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/app.h"
#include "model/baskets.h"
#include "model/rules.h"
#include "model/strmap.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

/* A decimal string -> struct, which must parse. */
static struct rules_decimal
dec(const char *s)
{
	struct rules_decimal	d;
	const char		*why = NULL;

	if (rules_decimal_parse(s, &d, &why) != 0)
		fail_msg("%s: %s", s, why);
	return d;
}

/* The reference rounding: a / b to 6 places, halves up, by one formula. */
static void
ref_format(uint64_t a, uint64_t b, char *buf, size_t len)
{
	uint64_t	q = (a * 2000000 + b) / (2 * b);

	snprintf(buf, len, "%llu.%06llu", (unsigned long long)(q / 1000000),
	    (unsigned long long)(q % 1000000));
}

static uint64_t
pow10u(int k)
{
	uint64_t	p = 1;

	while (k-- > 0)
		p *= 10;
	return p;
}

/* ---- exact decimals ------------------------------------------------------ */

static void
test_decimal_parse(void **state)
{
	static const char *bad[] = {
		"", ".", "-0.1", "+0.1", "1.5", "2", "10", "1.01", "0.1.2",
		"1e-3", " 0.1", "0.1 ", "0x1", "0,5", "nan", "inf", "011",
		"0.100000000000000000000000000000001", NULL
	};
	struct rules_decimal	d;
	const char		*why;
	int			 i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++) {
		why = NULL;
		if (rules_decimal_parse(bad[i], &d, &why) == 0)
			fail_msg("\"%s\" was accepted", bad[i]);
		assert_non_null(why);
	}
	assert_int_equal(rules_decimal_parse(NULL, &d, &why), -1);
	assert_int_equal(rules_decimal_parse("1.5", &d, &why), -1);
	assert_string_equal(why, "more than 1");

	d = dec("0");
	assert_true(rules_decimal_is_zero(&d));
	d = dec("0.000");
	assert_true(rules_decimal_is_zero(&d));
	d = dec("1");
	assert_true(d.one);
	assert_false(rules_decimal_is_zero(&d));
	d = dec("1.000");
	assert_true(d.one);
	d = dec(".5");
	assert_false(d.one);
	assert_int_equal(d.ndigits, 1);
	assert_int_equal(d.d[0], 5);
	d = dec("0.00100");		/* trailing zeros are not places */
	assert_int_equal(d.ndigits, 3);
	assert_int_equal(d.d[2], 1);
	d = dec("00.25");
	assert_int_equal(d.ndigits, 2);
	d = dec("01");			/* leading zeros: still 1 */
	assert_true(d.one);
}

static void
test_decimal_parse_five(void **state)
{
	struct rules_decimal	d;
	const char		*why;

	(void)state;
	/* "5." is 5: more than 1. */
	assert_int_equal(rules_decimal_parse("5.", &d, &why), -1);
	assert_int_equal(rules_decimal_parse("0.", &d, &why), 0);
	assert_true(rules_decimal_is_zero(&d));
	/* 32 places are fine, with any trailing zeros after them. */
	assert_int_equal(rules_decimal_parse(
	    "0.00000000000000000000000000000001000", &d, &why), 0);
	assert_int_equal(d.ndigits, 32);
}

/* rules_ratio_ge against num * b <= a * 10^k for every small case. */
static void
test_ratio_ge_exhaustive(void **state)
{
	static const char *ds[] = {
		"0", "0.1", "0.25", "0.3", "0.333", "0.5", "0.501", "0.75",
		"0.9", "0.999", "1", "0.001", "0.0625", "0.142857", NULL
	};
	struct rules_decimal	d;
	uint64_t		a, b, num, den;
	int			i;

	(void)state;
	for (i = 0; ds[i] != NULL; i++) {
		d = dec(ds[i]);
		den = pow10u(d.ndigits);
		num = d.one ? den : 0;
		for (int k = 0; k < d.ndigits; k++)
			num += d.d[k] * pow10u(d.ndigits - 1 - k);
		for (b = 1; b <= 60; b++)
			for (a = 0; a <= b + 2; a++)
				if (rules_ratio_ge(a, b, &d) !=
				    (a * den >= num * b))
					fail_msg("%llu/%llu >= %s",
					    (unsigned long long)a,
					    (unsigned long long)b, ds[i]);
		assert_false(rules_ratio_ge(1, 0, &d));
	}
}

static void
test_ratio_ge_large(void **state)
{
	struct rules_decimal	half = dec("0.5"), one = dec("1");
	struct rules_decimal	fine = dec("0.99999999999999999");

	(void)state;
	/* Remainders near 2^64 must not overflow in the long division. */
	assert_true(rules_ratio_ge(UINT64_MAX / 2 + 1, UINT64_MAX, &half));
	assert_false(rules_ratio_ge(UINT64_MAX / 2, UINT64_MAX, &half));
	assert_true(rules_ratio_ge(UINT64_MAX, UINT64_MAX, &one));
	assert_false(rules_ratio_ge(UINT64_MAX - 1, UINT64_MAX, &one));
	assert_false(rules_ratio_ge(UINT64_MAX - 1000, UINT64_MAX, &fine));
	assert_true(rules_ratio_ge(UINT64_MAX - 100, UINT64_MAX, &fine));
}

static void
test_min_count(void **state)
{
	struct rules_decimal	d;

	(void)state;
	d = dec("0.001");
	assert_int_equal(rules_min_count(&d, 9835), 10);	/* 9.835 */
	assert_int_equal(rules_min_count(&d, 1000), 1);		/* exact */
	assert_int_equal(rules_min_count(&d, 2000), 2);
	assert_int_equal(rules_min_count(&d, 1001), 2);
	assert_int_equal(rules_min_count(&d, 1), 1);
	assert_int_equal(rules_min_count(&d, 0), 0);
	d = dec("0.002");
	assert_int_equal(rules_min_count(&d, 9835), 20);	/* 19.67 */
	d = dec("0.005");
	assert_int_equal(rules_min_count(&d, 9835), 50);	/* 49.175 */
	assert_int_equal(rules_min_count(&d, 2000), 10);	/* not 11 */
	d = dec("0.01");
	assert_int_equal(rules_min_count(&d, 9835), 99);	/* 98.35 */
	assert_int_equal(rules_min_count(&d, 9800), 98);	/* exact */
	d = dec("0.1");			/* 0.1 is not exact in binary */
	assert_int_equal(rules_min_count(&d, 30), 3);
	assert_int_equal(rules_min_count(&d, 70), 7);
	d = dec("0.7");
	assert_int_equal(rules_min_count(&d, 10), 7);
	assert_int_equal(rules_min_count(&d, 100), 70);
	d = dec("1");
	assert_int_equal(rules_min_count(&d, 9835), 9835);
	d = dec("0.3333333333");
	assert_int_equal(rules_min_count(&d, 3), 1);
	assert_int_equal(rules_min_count(&d, 3000000000ULL), 999999999 + 1);
	d = dec("0.5");
	assert_int_equal(rules_min_count(&d, UINT64_MAX),
	    (uint64_t)1 << 63);
	d = dec("0");
	assert_int_equal(rules_min_count(&d, 50), 0);
}

static void
test_format_ratio(void **state)
{
	char		buf[RULES_RATIO_LEN], ref[RULES_RATIO_LEN];
	uint64_t	a, b;

	(void)state;
	rules_format_ratio(1, 3, buf, sizeof buf);
	assert_string_equal(buf, "0.333333");
	rules_format_ratio(2, 3, buf, sizeof buf);
	assert_string_equal(buf, "0.666667");
	rules_format_ratio(1, 128, buf, sizeof buf);	/* 0.0078125: up */
	assert_string_equal(buf, "0.007813");
	rules_format_ratio(0, 5, buf, sizeof buf);
	assert_string_equal(buf, "0.000000");
	rules_format_ratio(5, 5, buf, sizeof buf);
	assert_string_equal(buf, "1.000000");
	rules_format_ratio(9999995, 10000000, buf, sizeof buf);
	assert_string_equal(buf, "1.000000");		/* carries */
	rules_format_ratio(9999994, 10000000, buf, sizeof buf);
	assert_string_equal(buf, "0.999999");
	rules_format_ratio(219, 9835, buf, sizeof buf);
	assert_string_equal(buf, "0.022267");
	rules_format_ratio((uint64_t)219 * 9835, (uint64_t)427 * 2513, buf,
	    sizeof buf);
	assert_string_equal(buf, "2.007235");
	rules_format_ratio(7, 2, buf, sizeof buf);
	assert_string_equal(buf, "3.500000");
	rules_format_ratio(UINT64_MAX, 1, buf, sizeof buf);
	assert_string_equal(buf, "18446744073709551615.000000");
	rules_format_ratio(UINT64_MAX - 1, UINT64_MAX, buf, sizeof buf);
	assert_string_equal(buf, "1.000000");
	rules_format_ratio(UINT64_MAX / 3, UINT64_MAX, buf, sizeof buf);
	assert_string_equal(buf, "0.333333");
	rules_format_ratio(1, 0, buf, sizeof buf);
	assert_string_equal(buf, "nan");
	/* Everything small against the reference formula. */
	for (b = 1; b <= 300; b++)
		for (a = 0; a <= 3 * b; a++) {
			rules_format_ratio(a, b, buf, sizeof buf);
			ref_format(a, b, ref, sizeof ref);
			if (strcmp(buf, ref) != 0)
				fail_msg("%llu/%llu: %s, want %s",
				    (unsigned long long)a,
				    (unsigned long long)b, buf, ref);
		}
}

/* ---- mining: degenerate cases and options -------------------------------- */

static void
opts(struct rules_options *o, const char *s, const char *c, unsigned lo,
    unsigned hi)
{
	rules_options_init(o);
	o->min_support = dec(s);
	o->min_confidence = dec(c);
	o->min_len = lo;
	o->max_len = hi;
}

/* Add a basket of names given as one string, items separated by ' '. */
static void
add(struct baskets *b, const char *items)
{
	uint32_t	ids[64];
	size_t		n = 0;
	const char	*p = items, *q;

	while (*p != '\0') {
		q = strchr(p, ' ');
		if (q == NULL)
			q = p + strlen(p);
		if (q > p) {
			assert_true(n < 64);
			ids[n++] = baskets_item(b, p, (size_t)(q - p));
		}
		p = *q ? q + 1 : q;
	}
	baskets_add(b, ids, n);
}

static void
test_options_init(void **state)
{
	struct rules_options	o;

	(void)state;
	rules_options_init(&o);
	assert_int_equal(o.min_len, 1);
	assert_int_equal(o.max_len, 10);
	assert_int_equal(o.min_support.ndigits, 1);
	assert_int_equal(o.min_support.d[0], 1);
	assert_int_equal(o.min_confidence.d[0], 8);
}

static void
test_bad_options(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;

	(void)state;
	baskets_init(&b);
	add(&b, "a b");
	opts(&o, "0", "0.5", 1, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), -1);
	assert_non_null(strstr(cause, "support"));
	free(cause);
	assert_int_equal(r.n, 0);
	assert_null(r.v);
	opts(&o, "0.5", "0.5", 0, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), -1);
	free(cause);
	opts(&o, "0.5", "0.5", 3, 2);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), -1);
	free(cause);
	opts(&o, "0.5", "0.5", 1, RULES_MAX_LEN + 1);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), -1);
	free(cause);
	baskets_free(&b);
}

static void
test_no_baskets(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;

	(void)state;
	baskets_init(&b);
	opts(&o, "0.001", "0", 1, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.nbaskets, 0);
	assert_int_equal(r.nitemsets, 0);
	rules_free(&r);
	rules_free(&r);
	/* Items known but never bought. */
	baskets_item(&b, "ghost", 5);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.n, 0);
	rules_free(&r);
	baskets_free(&b);
}

static void
test_empty_baskets_only(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;

	(void)state;
	baskets_init(&b);
	baskets_item(&b, "a", 1);
	add(&b, "");
	add(&b, "");
	opts(&o, "0.001", "0", 1, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.nbaskets, 2);
	assert_int_equal(r.min_count, 1);	/* never 0 */
	assert_int_equal(r.n, 0);
	assert_int_equal(r.nitemsets, 0);
	rules_free(&r);
	baskets_free(&b);
}

static void
test_one_item(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;

	(void)state;
	baskets_init(&b);
	add(&b, "a");
	add(&b, "a a");
	add(&b, "");
	opts(&o, "0.5", "0.5", 1, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	/* {} => {a}: support = confidence = 2/3, lift 1. */
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].nlhs, 0);
	assert_string_equal(b.names[r.v[0].rhs], "a");
	assert_int_equal(r.v[0].count, 2);
	assert_int_equal(r.v[0].count_lhs, 3);
	assert_int_equal(r.v[0].count_rhs, 2);
	rules_free(&r);
	/* min-len 2: nothing. */
	opts(&o, "0.5", "0.5", 2, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.nitemsets, 1);
	rules_free(&r);
	baskets_free(&b);
}

static void
test_threshold_one(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;

	(void)state;
	baskets_init(&b);
	add(&b, "a b c");
	add(&b, "a b");
	add(&b, "a b d");
	/* Support 1: only items in every basket; confidence 1. */
	opts(&o, "1", "1", 1, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.min_count, 3);
	assert_int_equal(r.nitemsets, 3);		/* a, b, ab */
	assert_int_equal(r.n, 4);	/* {}=>a {}=>b a=>b b=>a */
	assert_int_equal(r.v[0].nlhs, 0);
	assert_string_equal(b.names[r.v[0].rhs], "a");
	assert_int_equal(r.v[1].nlhs, 0);
	assert_string_equal(b.names[r.v[1].rhs], "b");
	assert_string_equal(b.names[r.lhs[r.v[2].lhs]], "a");
	assert_string_equal(b.names[r.v[2].rhs], "b");
	rules_free(&r);
	/* max-len 1: the itemsets stop at single items. */
	opts(&o, "0.1", "0", 1, 1);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.nitemsets, 4);
	assert_int_equal(r.n, 4);
	rules_free(&r);
	baskets_free(&b);
}

static void
test_limits(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;
	int			 i;

	(void)state;
	baskets_init(&b);
	for (i = 0; i < 4; i++)
		add(&b, "a b c d e f g h");	/* 255 itemsets, 1024 rules */
	opts(&o, "0.5", "0", 1, 10);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.nitemsets, 255);
	assert_int_equal(r.n, 1024);
	rules_free(&r);
	o.max_itemsets = 255;
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	rules_free(&r);
	o.max_itemsets = 254;
	assert_int_equal(rules_mine(&b, &o, &r, &cause), RULES_E_ITEMSETS);
	assert_non_null(strstr(cause, "more than 254 frequent itemsets"));
	assert_non_null(strstr(cause, "minimum support"));
	assert_int_equal(r.n, 0);
	assert_null(r.v);
	free(cause);
	o.max_itemsets = 0;
	o.max_rules = 1024;
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	rules_free(&r);
	o.max_rules = 1023;
	assert_int_equal(rules_mine(&b, &o, &r, &cause), RULES_E_RULES);
	assert_non_null(strstr(cause, "more than 1023 rules"));
	free(cause);
	baskets_free(&b);
}

/* ---- the brute-force reference ----------------------------------------- */

#define BF_MAXM		12
#define BF_MAXN		640	/* ten words of tid set */

struct bf {
	int		 m;			/* items 0..m-1          */
	int		 n;			/* baskets               */
	uint32_t	 basket[BF_MAXN];	/* item bitmasks         */
	const char	*name[BF_MAXM];
	uint32_t	 cnt[1 << BF_MAXM];
	/* Thresholds as num / 10^k. */
	uint64_t	 snum, sden, cnum, cden;
	unsigned	 lo, hi;
	/* The reference rules: found[X][y] = 1 + index, or 0. */
	uint32_t	*found;
	uint32_t	 nrules, nsets, minc;
};

static const char *bf_names[BF_MAXM] = {
	"milk", "Beer", "beer", "a", "ab", "a b", "10", "9", "z",
	"\xc3\xa9" "clair", "bread", "Zucchini"
};

static uint64_t	rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Every count, every frequent itemset, every rule — by enumeration. */
static void
bf_mine(struct bf *t)
{
	uint32_t	z, x, y, cz, cx, full = (1u << t->m) - 1;
	unsigned	len;
	int		i;
	uint64_t	c;

	for (z = 0; z <= full; z++) {
		t->cnt[z] = 0;
		for (i = 0; i < t->n; i++)
			if ((t->basket[i] & z) == z)
				t->cnt[z]++;
	}
	/* The least count c with c / n >= S, at least 1. */
	c = (t->snum * (uint64_t)t->n + t->sden - 1) / t->sden;
	t->minc = c > 0 ? (uint32_t)c : 1;
	t->found = xcalloc((size_t)(full + 1) * BF_MAXM, sizeof *t->found);
	t->nrules = t->nsets = 0;
	for (z = 1; z <= full; z++) {
		cz = t->cnt[z];
		len = (unsigned)__builtin_popcount(z);
		if (cz < t->minc || len > t->hi)
			continue;
		t->nsets++;
		if (len < t->lo)
			continue;
		for (y = 0; y < (uint32_t)t->m; y++) {
			if (!(z & (1u << y)))
				continue;
			x = z & ~(1u << y);
			cx = t->cnt[x];		/* cnt[0] = n */
			if ((uint64_t)cz * t->cden < t->cnum * cx)
				continue;
			t->found[(size_t)x * BF_MAXM + y] = ++t->nrules;
		}
	}
}

/* The index of a name in t, or -1. */
static int
bf_item(const struct bf *t, const char *name)
{
	int	i;

	for (i = 0; i < t->m; i++)
		if (strcmp(t->name[i], name) == 0)
			return i;
	return -1;
}

/* Documented order: count desc, lift desc, antecedent, consequent. */
static int
bf_before(const struct baskets *b, const struct rules *r,
    const struct rule *p, const struct rule *q)
{
	uint64_t	lp, lq;
	uint32_t	k;
	int		c;

	if (p->count != q->count)
		return p->count > q->count;
	/* lift p > lift q  <=>  cz_p · cx_q · cy_q > cz_q · cx_p · cy_p */
	lp = (uint64_t)p->count * q->count_lhs * q->count_rhs;
	lq = (uint64_t)q->count * p->count_lhs * p->count_rhs;
	if (lp != lq)
		return lp > lq;
	for (k = 0; k < p->nlhs && k < q->nlhs; k++) {
		c = strcmp(b->names[r->lhs[p->lhs + k]],
		    b->names[r->lhs[q->lhs + k]]);
		if (c != 0)
			return c < 0;
	}
	if (p->nlhs != q->nlhs)
		return p->nlhs < q->nlhs;
	return strcmp(b->names[p->rhs], b->names[q->rhs]) < 0;
}

/* Mine t with the real miner and compare everything. */
static void
bf_compare(struct bf *t, const char *s, const char *c)
{
	struct rules_options	 o;
	struct baskets		 b;
	struct rules		 r;
	char			*cause = NULL, got[RULES_RATIO_LEN];
	char			 want[RULES_RATIO_LEN];
	uint32_t		 ids[3 * BF_MAXM], order[BF_MAXM], x, y;
	uint32_t		*seen;
	size_t			 i, k, n;
	int			 j, it;

	/* Register the items in a shuffled order: ids differ from bf's. */
	baskets_init(&b);
	for (j = 0; j < t->m; j++)
		order[j] = (uint32_t)j;
	for (j = t->m - 1; j > 0; j--) {
		x = rnd((uint32_t)j + 1);
		y = order[j];
		order[j] = order[x];
		order[x] = y;
	}
	for (j = 0; j < t->m; j++)
		baskets_item(&b, t->name[order[j]], strlen(t->name[order[j]]));
	for (i = 0; i < (size_t)t->n; i++) {
		n = 0;
		for (j = 0; j < t->m; j++)
			if (t->basket[i] & (1u << j)) {
				ids[n] = baskets_item(&b, t->name[j],
				    strlen(t->name[j]));
				n++;
				if (rnd(4) == 0) {	/* a duplicate */
					ids[n] = ids[n - 1];
					n++;
				}
			}
		baskets_add(&b, ids, n);
	}

	opts(&o, s, c, t->lo, t->hi);
	if (rnd(3) == 0)
		o.max_pairs = 1;	/* no pair matrix: all by tid sets */
	if (rules_mine(&b, &o, &r, &cause) != 0)
		fail_msg("rules_mine: %s", cause);
	if (r.min_count != t->minc || r.nitemsets != t->nsets ||
	    r.n != t->nrules)
		fail_msg("m=%d n=%d S=%s C=%s len %u..%u: min count %u/%u, "
		    "itemsets %zu/%u, rules %zu/%u", t->m, t->n, s, c, t->lo,
		    t->hi, r.min_count, t->minc, r.nitemsets, t->nsets, r.n,
		    t->nrules);
	seen = xcalloc(t->nrules + 1, sizeof *seen);
	for (i = 0; i < r.n; i++) {
		const struct rule *p = &r.v[i];

		x = 0;
		for (k = 0; k < p->nlhs; k++) {
			it = bf_item(t, b.names[r.lhs[p->lhs + k]]);
			assert_true(it >= 0);
			assert_false(x & (1u << it));
			x |= 1u << it;
			if (k > 0)	/* antecedent sorted by name */
				assert_true(strcmp(b.names[r.lhs[p->lhs + k -
				    1]], b.names[r.lhs[p->lhs + k]]) < 0);
		}
		it = bf_item(t, b.names[p->rhs]);
		assert_true(it >= 0);
		assert_false(x & (1u << it));
		k = t->found[(size_t)x * BF_MAXM + (uint32_t)it];
		if (k == 0)
			fail_msg("extra rule %zu (S=%s C=%s)", i, s, c);
		assert_int_equal(seen[k], 0);		/* no duplicate */
		seen[k] = 1;
		assert_int_equal(p->count, t->cnt[x | (1u << it)]);
		assert_int_equal(p->count_lhs, t->cnt[x]);
		assert_int_equal(p->count_rhs, t->cnt[1u << it]);
		/* The printed figures, digit for digit. */
		rules_format_ratio(p->count, r.nbaskets, got, sizeof got);
		ref_format(t->cnt[x | (1u << it)], (uint64_t)t->n, want,
		    sizeof want);
		assert_string_equal(got, want);
		rules_format_ratio(p->count, p->count_lhs, got, sizeof got);
		ref_format(t->cnt[x | (1u << it)], t->cnt[x], want,
		    sizeof want);
		assert_string_equal(got, want);
		rules_format_ratio((uint64_t)p->count * r.nbaskets,
		    (uint64_t)p->count_lhs * p->count_rhs, got, sizeof got);
		ref_format((uint64_t)t->cnt[x | (1u << it)] * (uint64_t)t->n,
		    (uint64_t)t->cnt[x] * t->cnt[1u << it], want, sizeof want);
		assert_string_equal(got, want);
		if (i > 0 && !bf_before(&b, &r, &r.v[i - 1], p))
			fail_msg("rules %zu and %zu out of order", i - 1, i);
	}
	free(seen);
	rules_free(&r);
	baskets_free(&b);
	free(t->found);
	t->found = NULL;
}

/* num / 10^k as a decimal string. */
static void
dec_string(char *buf, size_t len, uint64_t num, int k)
{
	if (num == pow10u(k))
		snprintf(buf, len, "1");
	else if (k == 0 || num == 0)
		snprintf(buf, len, "0");
	else
		snprintf(buf, len, "0.%0*llu", k, (unsigned long long)num);
}

static void
test_brute_force(void **state)
{
	static const uint32_t	density[] = { 5, 20, 40, 70, 95 };
	struct bf		*t;
	char			 s[32], c[32];
	int			 iter, i, j, k, nonempty = 0, wide, nwide = 0;
	uint32_t		 dens, total = 0, from[BF_MAXM], span[BF_MAXM];

	(void)state;
	t = xcalloc(1, sizeof *t);
	for (i = 0; i < BF_MAXM; i++)
		t->name[i] = bf_names[i];
	for (iter = 0; iter < 3000; iter++) {
		t->m = 1 + (int)rnd(BF_MAXM);
		/* Mostly one word of tid set; one time in 16 several, some
		 * items bought only in a stretch of the baskets, so that
		 * the miner's sets are projected on their parents' words. */
		wide = rnd(16) == 0;
		t->n = rnd(6) == 0 ? (int)rnd(4) : wide ? 65 + (int)rnd(BF_MAXN
		    - 64) : (int)rnd(65);
		dens = density[rnd(5)];
		for (j = 0; j < t->m; j++) {
			from[j] = t->n > 64 && rnd(2) ? rnd((uint32_t)t->n) :
			    0;
			span[j] = from[j] != 0 ? 1 + rnd(64 + rnd(128)) :
			    (uint32_t)t->n;
		}
		for (i = 0; i < t->n; i++) {
			t->basket[i] = 0;
			for (j = 0; j < t->m; j++)
				if ((uint32_t)i >= from[j] && (uint32_t)i -
				    from[j] < span[j] && rnd(100) < dens)
					t->basket[i] |= 1u << j;
		}
		if (rnd(4) == 0)	/* one item in every basket */
			for (i = 0; i < t->n; i++)
				t->basket[i] |= 1;
		/* Support: k places, small values more often. */
		k = 1 + (int)rnd(3);
		t->sden = pow10u(k);
		t->snum = 1 + rnd(rnd(2) ? (uint32_t)t->sden :
		    (uint32_t)t->sden / 4 + 1);
		dec_string(s, sizeof s, t->snum, k);
		k = (int)rnd(4);
		t->cden = pow10u(k);
		t->cnum = rnd((uint32_t)t->cden + 1);
		dec_string(c, sizeof c, t->cnum, k);
		t->lo = 1 + rnd(rnd(3) ? 1 : 4);
		t->hi = rnd(3) == 0 ? 10 : t->lo + rnd(4);
		bf_mine(t);
		total += t->nrules;
		if (t->nrules > 0)
			nonempty++;
		nwide += t->n > 64 && t->nsets > (uint32_t)t->m;
		bf_compare(t, s, c);
	}
	/* The sets must have exercised something. */
	assert_true(nonempty > 1500);
	assert_true(total > 100000);
	assert_true(nwide > 30);	/* wide sets with itemsets of 2+ */
	free(t);
}

/* S · N exactly an integer must not round up; 0.1 · 30 is 3, not 4. */
static void
test_exact_thresholds(void **state)
{
	struct rules_options	o;
	struct baskets		b;
	struct rules		r;
	char			*cause = NULL;
	int			 i;

	(void)state;
	baskets_init(&b);
	for (i = 0; i < 3; i++)
		add(&b, "a b");
	for (i = 0; i < 3; i++)
		add(&b, "a");
	for (i = 0; i < 24; i++)
		add(&b, "c");
	/* N = 30, count(ab) = 3: S 0.1 keeps it (double 0.1*30 > 3). */
	opts(&o, "0.1", "0.5", 2, 2);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.min_count, 3);
	/* a => b at confidence exactly 3/6 = 0.5, and b => a. */
	assert_int_equal(r.n, 2);
	rules_free(&r);
	opts(&o, "0.1000000001", "0.5", 2, 2);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.min_count, 4);
	assert_int_equal(r.n, 0);
	rules_free(&r);
	opts(&o, "0.1", "0.5000000001", 2, 2);
	assert_int_equal(rules_mine(&b, &o, &r, &cause), 0);
	assert_int_equal(r.n, 1);		/* b => a only */
	assert_string_equal(b.names[r.v[0].rhs], "a");
	rules_free(&r);
	baskets_free(&b);
}

/* ---- the command -------------------------------------------------------- */

/* Run `uplift rules ARGS...` (NULL-terminated); stdout, stderr kept. */
static int
run_rules(char **out, char **err, ...)
{
	static const char	*pout, *perr;
	struct app		 a;
	char			*argv[32];
	va_list			 ap;
	int			 argc = 0, so, se, fo, fe, rc;

	if (pout == NULL) {
		pout = util_tmp_path("stdout.txt");
		perr = util_tmp_path("stderr.txt");
	}
	argv[argc++] = (char *)"rules";
	va_start(ap, err);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	memset(&a, 0, sizeof a);
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	fo = open(pout, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	fe = open(perr, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(so >= 0 && se >= 0 && fo >= 0 && fe >= 0);
	dup2(fo, 1);
	dup2(fe, 2);
	rc = cmd_rules(&a, argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	close(fo);
	close(fe);
	*out = util_read_file(pout, NULL);
	*err = util_read_file(perr, NULL);
	return rc;
}

/* The header line of rules' TSV. */
#define RULES_HEAD "lhs\trhs\tsupport\tconfidence\tlift\tcount\n"

static void
test_cmd_tsv(void **state)
{
	const char	*path;
	char		*out, *err;

	(void)state;
	/* a 3, b 3, c 2, ab 2, ac 2, bc 1, abc 1; N = 4. */
	path = util_tmp_text("abc.txt", "b,a\na,c\na,b,c\nb\n");
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep",
	    ",", "--min-support", "0.5", "--min-confidence", "0.6", NULL), 0);
	assert_string_equal(out,
	    RULES_HEAD "\ta\t0.750000\t0.750000\t1.000000\t3\n"
	    "\tb\t0.750000\t0.750000\t1.000000\t3\n"
	    "a\tc\t0.500000\t0.666667\t1.333333\t2\n"
	    "c\ta\t0.500000\t1.000000\t1.333333\t2\n"
	    "a\tb\t0.500000\t0.666667\t0.888889\t2\n"
	    "b\ta\t0.500000\t0.666667\t0.888889\t2\n");
	assert_string_equal(err, "");
	free(out);
	free(err);
	/* --min-len 2 --max-len 2, as JSON; "--opt=value" works too. */
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep=,",
	    "--min-support=0.5", "--min-confidence", "0.6", "--min-len", "2",
	    "--format", "json", NULL), 0);
	assert_string_equal(out, "[\n"
	    "{\"antecedent\":[\"a\"],\"consequent\":\"c\",\"support\":0.500000,"
	    "\"confidence\":0.666667,\"lift\":1.333333,\"count\":2},\n"
	    "{\"antecedent\":[\"c\"],\"consequent\":\"a\",\"support\":0.500000,"
	    "\"confidence\":1.000000,\"lift\":1.333333,\"count\":2},\n"
	    "{\"antecedent\":[\"a\"],\"consequent\":\"b\",\"support\":0.500000,"
	    "\"confidence\":0.666667,\"lift\":0.888889,\"count\":2},\n"
	    "{\"antecedent\":[\"b\"],\"consequent\":\"a\",\"support\":0.500000,"
	    "\"confidence\":0.666667,\"lift\":0.888889,\"count\":2}\n]\n");
	free(out);
	free(err);
	/* No rule: the header line alone (TSV) or [] (JSON), and success. */
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep", ",",
	    "--min-support", "1", "--min-confidence", "0", NULL), 0);
	assert_string_equal(out, RULES_HEAD);
	free(out);
	free(err);
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep", ",",
	    "--min-support", "1", "--min-confidence", "0", "--no-header",
	    NULL), 0);
	assert_string_equal(out, "");
	free(out);
	free(err);
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep", ",",
	    "--min-support", "1", "--min-confidence", "0", "--format", "json",
	    NULL), 0);
	assert_string_equal(out, "[]\n");
	free(out);
	free(err);
}

static void
test_cmd_joiner(void **state)
{
	const char	*path;
	char		*out, *err;

	(void)state;
	path = util_tmp_text("join.txt", "x y;b;a\na;x y;b\n");
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep",
	    ";", "--min-support", "1", "--min-confidence", "1", "--min-len",
	    "3", NULL), 0);
	assert_string_equal(out,
	    RULES_HEAD "a;b\tx y\t1.000000\t1.000000\t1.000000\t2\n"
	    "a;x y\tb\t1.000000\t1.000000\t1.000000\t2\n"
	    "b;x y\ta\t1.000000\t1.000000\t1.000000\t2\n");
	free(out);
	free(err);
	/* Split on blanks: joined by a space. */
	path = util_tmp_text("join2.txt", "p q r\nr  q\tp\n");
	assert_int_equal(run_rules(&out, &err, "--baskets", path,
	    "--min-support", "1", "--min-confidence", "1", "--min-len", "3",
	    "--max-len", "3", NULL), 0);
	assert_string_equal(out,
	    RULES_HEAD "p q\tr\t1.000000\t1.000000\t1.000000\t2\n"
	    "p r\tq\t1.000000\t1.000000\t1.000000\t2\n"
	    "q r\tp\t1.000000\t1.000000\t1.000000\t2\n");
	free(out);
	free(err);
}

static void
test_cmd_hostile_names(void **state)
{
	const char	*path;
	char		*out, *err;

	(void)state;
	path = util_tmp_text("evil.txt", "\x1b[31mRED,say \"hi\\\",ok\x07\n"
	    "\x1b[31mRED,say \"hi\\\",ok\x07\n");
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep",
	    ",", "--min-support", "1", "--min-confidence", "1", "--min-len",
	    "2", "--max-len", "2", NULL), 0);
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\x07'));
	assert_non_null(strstr(out, "\xef\xbf\xbd[31mRED"));
	free(out);
	free(err);
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep",
	    ",", "--min-support", "1", "--min-confidence", "1", "--min-len",
	    "2", "--max-len", "2", "--format", "json", NULL), 0);
	assert_null(strchr(out, '\x1b'));
	/* The item say "hi\" (quote, backslash, quote) escaped. */
	assert_non_null(strstr(out, "\"say \\\"hi\\\\\\\"\""));
	free(out);
	free(err);
}

static void
test_cmd_usage(void **state)
{
	const char	*path;
	char		*out, *err, *missing;

	(void)state;
	path = util_tmp_text("u.txt", "a b\n");
	missing = xasprintf("%s/missing.txt", util_tmp_dir());
#define USAGE(...) do {							\
	assert_int_equal(run_rules(&out, &err, __VA_ARGS__, NULL), 2);	\
	assert_string_equal(out, "");					\
	assert_non_null(strstr(err, "uplift: "));			\
	free(out);							\
	free(err);							\
} while (0)
	USAGE("--min-support", "0.1", "--min-confidence", "0.5");
	USAGE("--db", "--baskets", path, "--min-support", "0.1",
	    "--min-confidence", "0.5");
	USAGE("--baskets", path, "--min-confidence", "0.5");
	USAGE("--baskets", path, "--min-support", "0.1");
	USAGE("--baskets", path, "--min-support", "0", "--min-confidence",
	    "0.5");
	USAGE("--baskets", path, "--min-support", "1.5", "--min-confidence",
	    "0.5");
	USAGE("--baskets", path, "--min-support", "1e-3", "--min-confidence",
	    "0.5");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "-0.5");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--min-len", "0");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--min-len", "3", "--max-len", "2");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--min-len", "11");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--max-len", "65");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--max-len", "3x");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--sep", "ab");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--sep", "\x1b");
	USAGE("--db", "--sep", ",", "--min-support", "0.1",
	    "--min-confidence", "0.5");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--format", "xml");
	USAGE("--baskets", path, "--min-support", "0.1", "--min-confidence",
	    "0.5", "--bogus");
	USAGE("--baskets");
#undef USAGE
	/* An unreadable file is a failure, not a usage error. */
	assert_int_equal(run_rules(&out, &err, "--baskets", missing,
	    "--min-support", "0.1", "--min-confidence", "0.5", NULL), 1);
	assert_non_null(strstr(err, "missing.txt"));
	free(out);
	free(err);
	assert_int_equal(run_rules(&out, &err, "--baskets", util_tmp_dir(),
	    "--min-support", "0.1", "--min-confidence", "0.5", NULL), 1);
	free(out);
	free(err);
	/* "\t" names a tab. */
	assert_int_equal(run_rules(&out, &err, "--baskets", path, "--sep",
	    "\\t", "--min-support", "0.1", "--min-confidence", "0.5", NULL),
	    0);
	assert_string_equal(out, RULES_HEAD "\ta b\t1.000000\t1.000000\t1.000000\t1\n");
	free(out);
	free(err);
	free(missing);
}

/* ---- Groceries ---------------------------------------------------------- */

/* A key naming rule i: antecedent names, then the consequent. */
static char *
rule_key(const struct baskets *b, const struct rules *r, size_t i)
{
	const struct rule	*p = &r->v[i];
	char			*k = xstrdup(""), *t;
	uint32_t		 j;

	for (j = 0; j < p->nlhs; j++) {
		t = xasprintf("%s%s\x1f", k, b->names[r->lhs[p->lhs + j]]);
		free(k);
		k = t;
	}
	t = xasprintf("%s\x1e%s", k, b->names[p->rhs]);
	free(k);
	return t;
}

/* Every rule of small is in big with the same counts. */
static void
assert_subset(const struct baskets *b, const struct rules *small,
    const struct rules *big)
{
	struct strmap	*m = strmap_new();
	char		*k;
	int64_t		 v;
	size_t		 i;

	for (i = 0; i < big->n; i++) {
		k = rule_key(b, big, i);
		strmap_put(m, k, strlen(k), (int64_t)i);
		free(k);
	}
	assert_int_equal(strmap_count(m), big->n);	/* all distinct */
	for (i = 0; i < small->n; i++) {
		k = rule_key(b, small, i);
		if (!strmap_get(m, k, strlen(k), &v))
			fail_msg("rule %zu missing at the lower threshold", i);
		free(k);
		assert_int_equal(small->v[i].count, big->v[v].count);
		assert_int_equal(small->v[i].count_lhs, big->v[v].count_lhs);
		assert_int_equal(small->v[i].count_rhs, big->v[v].count_rhs);
	}
	strmap_free(&m);
}

static void
test_groceries(void **state)
{
	static const char *sup[] = { "0.001", "0.002", "0.005", "0.01" };
	static const char *conf[] = { "0.5", "0.1" };
	/* Measured; arules gives 5668 at 0.001 / 0.5. */
	static const size_t want[2][4] = {
		{ 5668, 1098, 120, 15 },
		{ 32791, 8340, 1582, 435 },
	};
	static const uint32_t minc[] = { 10, 20, 50, 99 };
	struct rules_options	 o;
	struct baskets		 b;
	struct rules		 r[2][4];
	const char		*path = util_data_file("groceries.csv");
	char			*cause = NULL;
	char			 buf[RULES_RATIO_LEN];
	const struct rule	*p;
	int			 i, j;

	(void)state;
	baskets_init(&b);
	if (baskets_read_file(&b, path, ',', &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(b.nbaskets, 9835);
	for (j = 0; j < 2; j++)
		for (i = 0; i < 4; i++) {
			opts(&o, sup[i], conf[j], 1, 10);
			if (rules_mine(&b, &o, &r[j][i], &cause) != 0)
				fail_msg("%s", cause);
			assert_int_equal(r[j][i].min_count, minc[i]);
			if (r[j][i].n != want[j][i])
				fail_msg("support %s confidence %s: %zu rules,"
				    " want %zu", sup[i], conf[j], r[j][i].n,
				    want[j][i]);
		}
	/* Higher support: a subset; higher confidence: a subset. */
	for (j = 0; j < 2; j++)
		for (i = 0; i + 1 < 4; i++)
			assert_subset(&b, &r[j][i + 1], &r[j][i]);
	for (i = 0; i < 4; i++)
		assert_subset(&b, &r[0][i], &r[1][i]);
	/* The best-known rule, as arules prints it (0.02226741 0.5128806
	 * 2.007235). */
	p = &r[0][0].v[0];
	assert_int_equal(p->nlhs, 2);
	assert_string_equal(b.names[r[0][0].lhs[p->lhs]], "other vegetables");
	assert_string_equal(b.names[r[0][0].lhs[p->lhs + 1]], "yogurt");
	assert_string_equal(b.names[p->rhs], "whole milk");
	assert_int_equal(p->count, 219);
	rules_format_ratio(p->count, r[0][0].nbaskets, buf, sizeof buf);
	assert_string_equal(buf, "0.022267");
	rules_format_ratio(p->count, p->count_lhs, buf, sizeof buf);
	assert_string_equal(buf, "0.512881");
	rules_format_ratio((uint64_t)p->count * r[0][0].nbaskets,
	    (uint64_t)p->count_lhs * p->count_rhs, buf, sizeof buf);
	assert_string_equal(buf, "2.007235");
	for (j = 0; j < 2; j++)
		for (i = 0; i < 4; i++)
			rules_free(&r[j][i]);
	/* max-len 2 and min-len 3 split the 0.001 / 0.5 set. */
	opts(&o, "0.001", "0.5", 1, 2);
	assert_int_equal(rules_mine(&b, &o, &r[0][0], &cause), 0);
	opts(&o, "0.001", "0.5", 3, 10);
	assert_int_equal(rules_mine(&b, &o, &r[0][1], &cause), 0);
	assert_int_equal(r[0][0].n + r[0][1].n, 5668);
	rules_free(&r[0][0]);
	rules_free(&r[0][1]);
	baskets_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_parse),
		cmocka_unit_test(test_decimal_parse_five),
		cmocka_unit_test(test_ratio_ge_exhaustive),
		cmocka_unit_test(test_ratio_ge_large),
		cmocka_unit_test(test_min_count),
		cmocka_unit_test(test_format_ratio),
		cmocka_unit_test(test_options_init),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_no_baskets),
		cmocka_unit_test(test_empty_baskets_only),
		cmocka_unit_test(test_one_item),
		cmocka_unit_test(test_threshold_one),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_exact_thresholds),
		cmocka_unit_test(test_brute_force),
		cmocka_unit_test(test_cmd_tsv),
		cmocka_unit_test(test_cmd_joiner),
		cmocka_unit_test(test_cmd_hostile_names),
		cmocka_unit_test(test_cmd_usage),
		cmocka_unit_test(test_groceries),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
