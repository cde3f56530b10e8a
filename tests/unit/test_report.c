/*
 * test_report — the statistics of `uplift report scripts` (model/report.h)
 * and the counts behind them (store_variant_counts in model/store.h).
 *
 * Every expected figure was computed independently with python3 (math,
 * statistics.NormalDist) from the textbook formulas; the ones simple
 * enough are also worked by hand in the comments.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/civil.h"
#include "model/report.h"
#include "model/store.h"
#include "model/store_offers.h"
#include "model/store_report.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

/* assert |a - b| <= eps for doubles (cmocka 1.1.5 only compares floats). */
#define assert_near(a, b, eps) near_at((a), (b), (eps), #a, __FILE__, \
	__LINE__)

static void
near_at(double a, double b, double eps, const char *what, const char *file,
    int line)
{
	if (!(fabs(a - b) <= eps))
		fail_msg("%s:%d: %s is %.12g, expected %.12g (+-%g)", file,
		    line, what, a, b, eps);
}

/* ---- report_wilson ------------------------------------------------------- */

static void
test_wilson_refuses(void **state)
{
	double lo = -7, hi = -7;

	(void)state;
	assert_int_equal(report_wilson(0, 0, REPORT_Z95, &lo, &hi), -1);
	assert_int_equal(report_wilson(1, -5, REPORT_Z95, &lo, &hi), -1);
	assert_int_equal(report_wilson(-1, 10, REPORT_Z95, &lo, &hi), -1);
	assert_int_equal(report_wilson(11, 10, REPORT_Z95, &lo, &hi), -1);
	assert_int_equal(report_wilson(5, 10, 0, &lo, &hi), -1);
	assert_int_equal(report_wilson(5, 10, NAN, &lo, &hi), -1);
	/* nothing stored */
	assert_near(lo, -7, 0);
	assert_near(hi, -7, 0);
}

static void
test_wilson_ends(void **state)
{
	double lo, hi;

	(void)state;
	/* k = 0: lo is 0 and hi = z^2 / (n + z^2) = 3.8415 / 13.8415. */
	assert_int_equal(report_wilson(0, 10, REPORT_Z95, &lo, &hi), 0);
	assert_true(lo == 0);
	assert_near(hi, 0.2775327999, 1e-9);
	/* k = n: the mirror image, hi exactly 1. */
	assert_int_equal(report_wilson(10, 10, REPORT_Z95, &lo, &hi), 0);
	assert_near(lo, 0.7224672001, 1e-9);
	assert_true(hi == 1);
}

static void
test_wilson_values(void **state)
{
	double lo, hi;

	(void)state;
	/* 1 of 2: symmetric about 0.5. */
	assert_int_equal(report_wilson(1, 2, REPORT_Z95, &lo, &hi), 0);
	assert_near(lo, 0.0945312057, 1e-9);
	assert_near(hi, 0.9054687943, 1e-9);
	assert_near(lo + hi, 1, 1e-12);
	assert_int_equal(report_wilson(5, 20, REPORT_Z95, &lo, &hi), 0);
	assert_near(lo, 0.1118617014, 1e-9);
	assert_near(hi, 0.4687008776, 1e-9);
	assert_int_equal(report_wilson(322, 1500, REPORT_Z95, &lo, &hi), 0);
	assert_near(lo, 0.1946309056, 1e-9);
	assert_near(hi, 0.2361601562, 1e-9);
	assert_int_equal(report_wilson(504, 1500, REPORT_Z95, &lo, &hi), 0);
	assert_near(lo, 0.3125425950, 1e-9);
	assert_near(hi, 0.3602952582, 1e-9);
}

/* ---- report_ztest --------------------------------------------------------- */

static void
test_ztest_refuses(void **state)
{
	double z = -7, p = -7;

	(void)state;
	assert_int_equal(report_ztest(0, 0, 1, 10, &z, &p), -1);
	assert_int_equal(report_ztest(1, 10, 0, 0, &z, &p), -1);
	assert_int_equal(report_ztest(11, 10, 1, 10, &z, &p), -1);
	assert_int_equal(report_ztest(1, 10, -1, 10, &z, &p), -1);
	assert_near(z, -7, 0);
	assert_near(p, -7, 0);
}

static void
test_ztest_no_spread(void **state)
{
	double z, p;

	(void)state;
	/* Pooled rate 0 or 1: no standard error, no difference: p = 1. */
	assert_int_equal(report_ztest(0, 10, 0, 30, &z, &p), 0);
	assert_true(z == 0 && p == 1);
	assert_int_equal(report_ztest(10, 10, 30, 30, &z, &p), 0);
	assert_true(z == 0 && p == 1);
	/* Equal rates: z = 0, p = erfc(0) = 1. */
	assert_int_equal(report_ztest(102, 400, 102, 400, &z, &p), 0);
	assert_near(z, 0, 1e-12);
	assert_near(p, 1, 1e-12);
}

static void
test_ztest_values(void **state)
{
	double z, p;

	(void)state;
	/*
	 * 10/100 vs 20/100 by hand: pooled 0.15, se = sqrt(.15 * .85 * .02)
	 * = 0.0504975, z = 0.10 / 0.0504975 = 1.98030, p = erfc(z / sqrt 2)
	 * = 0.047670.
	 */
	assert_int_equal(report_ztest(10, 100, 20, 100, &z, &p), 0);
	assert_near(z, 1.9802950860, 1e-9);
	assert_near(p, 0.04767038066, 1e-10);
	/* Swapped: z changes sign, p does not. */
	assert_int_equal(report_ztest(20, 100, 10, 100, &z, &p), 0);
	assert_near(z, -1.9802950860, 1e-9);
	assert_near(p, 0.04767038066, 1e-10);
	assert_int_equal(report_ztest(94, 400, 92, 400, &z, &p), 0);
	assert_near(z, -0.1673918586, 1e-9);
	assert_near(p, 0.8670617307, 1e-9);
	assert_int_equal(report_ztest(322, 1500, 504, 1500, &z, &p), 0);
	assert_near(z, 7.4389599715, 1e-9);
	assert_near(p / 1.014810656e-13, 1, 1e-6);
}

/* ---- report_sample_size --------------------------------------------------- */

static void
test_sample_size_refuses(void **state)
{
	(void)state;
	assert_int_equal(report_sample_size(0.2, 0.2, REPORT_Z95, REPORT_Z80),
	    -1);
	assert_int_equal(report_sample_size(-0.1, 0.2, REPORT_Z95, REPORT_Z80),
	    -1);
	assert_int_equal(report_sample_size(0.2, 1.1, REPORT_Z95, REPORT_Z80),
	    -1);
	assert_int_equal(report_sample_size(NAN, 0.2, REPORT_Z95, REPORT_Z80),
	    -1);
	assert_int_equal(report_sample_size(0.2, 0.3, -1, REPORT_Z80), -1);
	assert_int_equal(report_sample_size(0.2, 0.3, REPORT_Z95, -1), -1);
	/* A difference too small to ever tell: n does not fit. */
	assert_int_equal(report_sample_size(0.5, 0.5 + 1e-12, REPORT_Z95,
	    REPORT_Z80), -1);
}

static void
test_sample_size_values(void **state)
{
	(void)state;
	/* 10 % vs 15 %: the textbook 686 per group (Fleiss, no correction). */
	assert_int_equal(report_sample_size(0.10, 0.15, REPORT_Z95,
	    REPORT_Z80), 686);
	assert_int_equal(report_sample_size(0.25, 0.30, REPORT_Z95,
	    REPORT_Z80), 1251);
	assert_int_equal(report_sample_size(0.50, 0.55, REPORT_Z95,
	    REPORT_Z80), 1565);
	/* Symmetric in p1, p2 and about 0.5; the ends 0 and 1 are allowed. */
	assert_int_equal(report_sample_size(0.30, 0.20, REPORT_Z95,
	    REPORT_Z80), 294);
	assert_int_equal(report_sample_size(0.00, 0.05, REPORT_Z95,
	    REPORT_Z80), 152);
	assert_int_equal(report_sample_size(0.95, 1.00, REPORT_Z95,
	    REPORT_Z80), 152);
	/* No power asked: za^2 (2 pm qm) / d^2 = 3.8415 * .5 / .25 = 7.68. */
	assert_int_equal(report_sample_size(0.25, 0.75, REPORT_Z95, 0), 8);
}

/* ---- report_format_p ------------------------------------------------------ */

static void
check_p(double p, const char *want)
{
	char buf[32];

	memset(buf, 'x', sizeof buf);
	report_format_p(p, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void
test_format_p(void **state)
{
	char small[6] = "zzzzz";

	(void)state;
	/* degenerate: nothing written to a 0-byte buffer; cut to fit */
	report_format_p(0.5, small, 0);
	assert_string_equal(small, "zzzzz");
	report_format_p(0.41, small, sizeof small);
	assert_string_equal(small, "p = 0");
	check_p(NAN, "p < 0.0001");
	check_p(-1, "p < 0.0001");
	check_p(0, "p < 0.0001");
	check_p(0.000099, "p < 0.0001");
	check_p(1.0148e-13, "p < 0.0001");
	check_p(0.0001, "p = 0.0001");
	check_p(0.0004, "p = 0.0004");
	check_p(0.00042, "p = 0.00042");
	check_p(0.0123, "p = 0.012");
	check_p(0.041, "p = 0.041");
	check_p(0.41, "p = 0.41");
	check_p(0.5, "p = 0.5");
	check_p(0.8670617307, "p = 0.87");      /* rounded, not cut */
	check_p(0.999, "p = 1");
	check_p(1, "p = 1");
	check_p(2, "p = 1");
	/* never 0.05 for a p below 0.05 */
	check_p(0.0494, "p = 0.049");
	check_p(0.0496, "p = 0.049");
	check_p(0.04999999, "p = 0.049");
	check_p(0.05, "p = 0.05");
	check_p(0.0504, "p = 0.05");
	check_p(0.0506, "p = 0.051");
}

/* ---- report_build and the verdicts ---------------------------------------- */

static void
test_build_empty(void **state)
{
	struct report r;

	(void)state;
	memset(&r, 0xa5, sizeof r);
	report_build(&r, NULL, 0);
	assert_null(r.rows);
	assert_int_equal(r.nrows, 0);
	assert_null(r.verdicts);
	assert_int_equal(r.nverdicts, 0);
	report_free(&r);
	report_free(&r);        /* safe twice */
	assert_null(r.rows);
}

static void
test_build_groups(void **state)
{
	/* Unsorted, and "a/b/C/A" sorts between "a/b/A" and "a/b/Z" as a
	 * string though it is another template. */
	static const struct variant_count v[] = {
		{ "a/b/Z", 10, 1, 9 },
		{ "refill/*/A", 10, 1, 9 },
		{ "a/b/C/A", 10, 1, 9 },
		{ "a/b/A", 10, 2, 8 },
		{ "up/*/C", 10, 3, 7 },
		{ "plain", 10, 3, 7 },
		{ "up/*/A", 10, 3, 7 },
		{ "up/*/B", 10, 3, 7 },
		{ "ends/", 10, 3, 7 },
	};
	static const char *order[] = {
		"ends/", "plain", "a/b/A", "a/b/Z", "a/b/C/A", "refill/*/A",
		"up/*/A", "up/*/B", "up/*/C",
	};
	struct report r;
	size_t i;

	(void)state;
	report_build(&r, v, sizeof v / sizeof v[0]);
	assert_int_equal(r.nrows, 9);
	for (i = 0; i < r.nrows; i++)
		assert_string_equal(r.rows[i].vc->variant, order[i]);
	/* template "" holds the ids without a '/' or ending in one */
	assert_int_equal(r.rows[0].group_len, 0);
	assert_string_equal(r.rows[0].label, "ends/");
	assert_int_equal(r.rows[1].group_len, 0);
	assert_string_equal(r.rows[1].label, "plain");
	assert_int_equal(r.rows[2].group_len, 3);
	assert_string_equal(r.rows[2].label, "A");
	assert_int_equal(r.rows[4].group_len, 5);
	assert_string_equal(r.rows[4].label, "A");
	/* rates and intervals filled in */
	assert_true(r.rows[2].has_rate);
	assert_near(r.rows[2].take, 0.2, 1e-12);
	assert_true(r.rows[2].lo > 0 && r.rows[2].lo < 0.2);
	assert_true(r.rows[2].hi > 0.2 && r.rows[2].hi < 1);
	/* pairs: ""(ends/, plain), a/b (A, Z), up (A,B) (A,C) (B,C) */
	assert_int_equal(r.nverdicts, 5);
	assert_int_equal(r.verdicts[0].a, 0);
	assert_int_equal(r.verdicts[0].b, 1);
	assert_int_equal(r.verdicts[1].a, 2);
	assert_int_equal(r.verdicts[1].b, 3);
	assert_int_equal(r.verdicts[2].a, 6);
	assert_int_equal(r.verdicts[2].b, 7);
	assert_int_equal(r.verdicts[3].a, 6);
	assert_int_equal(r.verdicts[3].b, 8);
	assert_int_equal(r.verdicts[4].a, 7);
	assert_int_equal(r.verdicts[4].b, 8);
	report_free(&r);
}

/* The one verdict of two variants, as text. */
static char *
verdict_of(const struct variant_count *v, size_t n, int kind)
{
	struct report r;
	char *s;

	report_build(&r, v, n);
	assert_int_equal(r.nverdicts, 1);
	assert_int_equal(r.verdicts[0].kind, kind);
	s = report_verdict_text(&r, &r.verdicts[0]);
	report_free(&r);
	return s;
}

static void
test_verdict_better(void **state)
{
	static const struct variant_count v[] = {
		{ "bundle/*/A", 1500, 322, 1178 },
		{ "bundle/*/B", 1500, 504, 996 },
	};
	/* A better than B this time, p = 0.0477 (see test_ztest_values). */
	static const struct variant_count w[] = {
		{ "upgrade/category=phones/A", 100, 20, 80 },
		{ "upgrade/category=phones/B", 100, 10, 90 },
	};
	static const struct variant_count x[] = {
		{ "A", 100, 20, 80 },
		{ "B", 100, 10, 90 },
	};
	char *s;

	(void)state;
	s = verdict_of(v, 2, VERDICT_BETTER);
	assert_string_equal(s, "bundle/*: B converts better than A "
	    "(take 33.6 % vs 21.5 %, p < 0.0001)");
	free(s);
	s = verdict_of(w, 2, VERDICT_BETTER);
	assert_string_equal(s, "upgrade/category=phones: A converts better "
	    "than B (take 20.0 % vs 10.0 %, p = 0.048)");
	free(s);
	/* no template: no prefix */
	s = verdict_of(x, 2, VERDICT_BETTER);
	assert_string_equal(s, "A converts better than B "
	    "(take 20.0 % vs 10.0 %, p = 0.048)");
	free(s);
}

static void
test_verdict_not_yet(void **state)
{
	/* pooled 0.2325, n for 0.2325 vs 0.2825 = 1199.3 -> 1200 */
	static const struct variant_count v[] = {
		{ "bundle/*/A", 400, 94, 306 },
		{ "bundle/*/B", 400, 92, 308 },
	};
	/* pooled 0.23: 1191.7 -> 1192; p = 0.2198 */
	static const struct variant_count w[] = {
		{ "bundle/*/A", 400, 100, 300 },
		{ "bundle/*/B", 600, 130, 470 },
	};
	/* pooled 580/2300: 1256.8 -> 1257; A has 1300 already; p = 0.833 */
	static const struct variant_count x[] = {
		{ "bundle/*/A", 1300, 330, 970 },
		{ "bundle/*/B", 1000, 250, 750 },
	};
	char *s;

	(void)state;
	s = verdict_of(v, 2, VERDICT_NOT_YET);
	assert_string_equal(s, "bundle/*: the difference between A and B is "
	    "not yet meaningful (p = 0.87; about 800 more offers each would "
	    "be needed to tell a 5-point difference)");
	free(s);
	s = verdict_of(w, 2, VERDICT_NOT_YET);
	assert_string_equal(s, "bundle/*: the difference between A and B is "
	    "not yet meaningful (p = 0.22; about 792 more offers of A and "
	    "592 more of B would be needed to tell a 5-point difference)");
	free(s);
	s = verdict_of(x, 2, VERDICT_NOT_YET);
	assert_string_equal(s, "bundle/*: the difference between A and B is "
	    "not yet meaningful (p = 0.83; about 257 more offers of B would "
	    "be needed to tell a 5-point difference)");
	free(s);
}

static void
test_verdict_enough(void **state)
{
	/* pooled 0.251: 1253.5 -> 1254 <= 5000; p = 0.8176 */
	static const struct variant_count v[] = {
		{ "refill/*/A", 5000, 1250, 3750 },
		{ "refill/*/B", 5000, 1260, 3740 },
	};
	char *s;

	(void)state;
	s = verdict_of(v, 2, VERDICT_ENOUGH);
	assert_string_equal(s, "refill/*: no meaningful difference between A "
	    "and B (p = 0.82); with these numbers a 5-point difference would "
	    "show 4 times in 5, so a real difference is probably smaller");
	free(s);
}

static void
test_verdict_no_data(void **state)
{
	static const struct variant_count v[] = {
		{ "bundle/*/A", 0, 3, 0 },       /* answers, none shown */
		{ "bundle/*/B", 10, 2, 8 },
	};
	static const struct variant_count w[] = {
		{ "bundle/*/A", 10, 2, 8 },
		{ "bundle/*/B", 2, 3, 0 },       /* more answers than shown */
	};
	struct report r;
	char *s;

	(void)state;
	report_build(&r, v, 2);
	assert_false(r.rows[0].has_rate);
	assert_true(r.rows[1].has_rate);
	report_free(&r);
	s = verdict_of(v, 2, VERDICT_NO_DATA);
	assert_string_equal(s, "bundle/*: A and B cannot be compared yet "
	    "(A has no offers shown in this period)");
	free(s);
	s = verdict_of(w, 2, VERDICT_NO_DATA);
	assert_string_equal(s, "bundle/*: A and B cannot be compared yet "
	    "(B has more acceptances than offers shown in this period)");
	free(s);
}

static void
test_verdict_kinds_and_fields(void **state)
{
	static const struct variant_count v[] = {
		{ "s/A", 100, 20, 80 },
		{ "s/B", 100, 10, 90 },
		{ "s/C", 100, 21, 79 },
	};
	struct report r;

	(void)state;
	report_build(&r, v, 3);
	assert_int_equal(r.nverdicts, 3);
	/* A vs B: A better, p = 0.0477 */
	assert_int_equal(r.verdicts[0].kind, VERDICT_BETTER);
	assert_int_equal(r.verdicts[0].better, 0);
	assert_near(r.verdicts[0].p, 0.04767038066, 1e-10);
	/* A vs C: not meaningful, needed is for 0.205 vs 0.255 */
	assert_int_equal(r.verdicts[1].kind, VERDICT_NOT_YET);
	assert_int_equal(r.verdicts[1].needed, report_sample_size(0.205,
	    0.255, REPORT_Z95, REPORT_Z80));
	/* B vs C: C better */
	assert_int_equal(r.verdicts[2].kind, VERDICT_BETTER);
	assert_int_equal(r.verdicts[2].better, 2);
	report_free(&r);
}

/* ---- store_variant_counts ------------------------------------------------- */

static struct store *
open_db(void)
{
	struct store *s = NULL;
	char *cause = NULL;

	if (store_open(&s, util_tmp_path("offers.db"), STORE_CREATE,
	    &cause) != 0)
		fail_msg("store_open: %s", cause);
	return s;
}

static void
add(struct store *s, int64_t at, const char *variant, int outcome,
    int training)
{
	struct offer_rec o;
	int64_t id;
	char *cause = NULL;

	memset(&o, 0, sizeof o);
	o.at = at;
	o.kind = 1;
	o.price_diff = 250;
	o.outcome = outcome;
	o.reason = outcome == OFFER_DECLINED ? 1 : 0;
	o.variant = variant;
	o.training = training;
	if (store_offer_add(s, &o, &id, &cause) != 0)
		fail_msg("store_offer_add: %s", cause);
}

static void
test_store_counts_empty(void **state)
{
	struct store *s = open_db();
	struct variant_count *v = (void *)1;
	size_t n = 99;
	char *cause = NULL;

	(void)state;
	assert_int_equal(store_variant_counts(s, INT64_MIN, INT64_MAX, &v, &n,
	    &cause), 0);
	assert_null(v);
	assert_int_equal(n, 0);
	/* rows without a variant or in training do not count either */
	add(s, 1000, NULL, OFFER_SHOWN, 0);
	add(s, 1000, "", OFFER_SHOWN, 0);
	add(s, 1000, "bundle/*/A", OFFER_SHOWN, 1);
	assert_int_equal(store_variant_counts(s, INT64_MIN, INT64_MAX, &v, &n,
	    &cause), 0);
	assert_null(v);
	assert_int_equal(n, 0);
	store_close(&s);
}

static void
test_store_counts(void **state)
{
	struct store *s = open_db();
	struct variant_count *v;
	int64_t d = civil_days(2026, 1, 5) * CIVIL_DAY;
	size_t n;
	char *cause = NULL;

	(void)state;
	/* B first, to see the sort */
	add(s, d + 36000, "bundle/*/B", OFFER_SHOWN, 0);
	add(s, d + 36030, "bundle/*/B", OFFER_ACCEPTED, 0);
	add(s, d + 36100, "bundle/*/B", OFFER_SHOWN, 0);
	add(s, d + 36130, "bundle/*/B", OFFER_DECLINED, 0);
	add(s, d + 36200, "bundle/*/A", OFFER_SHOWN, 0);
	add(s, d + 36230, "bundle/*/A", OFFER_ACCEPTED, 0);
	add(s, d + 36300, "bundle/*/A", OFFER_SHOWN, 0);
	add(s, d + 36400, "bundle/*/A", OFFER_SHOWN, 0);
	add(s, d + 36430, "bundle/*/A", OFFER_DECLINED, 0);
	add(s, d + 36500, "bundle/*/A", OFFER_SHOWN, 1);        /* training */
	add(s, d + 36530, "bundle/*/A", OFFER_ACCEPTED, 1);
	add(s, d + 36600, NULL, OFFER_SHOWN, 0);                /* none */
	add(s, d - 1, "bundle/*/A", OFFER_SHOWN, 0);            /* day before */
	add(s, d + CIVIL_DAY, "bundle/*/A", OFFER_SHOWN, 0);    /* day after */
	add(s, d + 36000, "upgrade/*/A\x1b[2J", OFFER_SHOWN, 0);

	/* the day of d: [d, d + 1 day) */
	assert_int_equal(store_variant_counts(s, d, d + CIVIL_DAY, &v, &n,
	    &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].variant, "bundle/*/A");
	assert_int_equal(v[0].shown, 3);
	assert_int_equal(v[0].accepted, 1);
	assert_int_equal(v[0].declined, 1);
	assert_string_equal(v[1].variant, "bundle/*/B");
	assert_int_equal(v[1].shown, 2);
	assert_int_equal(v[1].accepted, 1);
	assert_int_equal(v[1].declined, 1);
	/* stored as given: sanitising is the printer's job */
	assert_string_equal(v[2].variant, "upgrade/*/A\x1b[2J");
	assert_int_equal(v[2].shown, 1);
	assert_int_equal(v[2].accepted, 0);
	free(v);        /* one block, strings included */

	/* no bounds: the day before and after count too */
	assert_int_equal(store_variant_counts(s, INT64_MIN, INT64_MAX, &v, &n,
	    &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].shown, 5);
	free(v);

	/* a period with nothing in it */
	assert_int_equal(store_variant_counts(s, d + 2 * CIVIL_DAY,
	    d + 3 * CIVIL_DAY, &v, &n, &cause), 0);
	assert_null(v);
	assert_int_equal(n, 0);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wilson_refuses),
		cmocka_unit_test(test_wilson_ends),
		cmocka_unit_test(test_wilson_values),
		cmocka_unit_test(test_ztest_refuses),
		cmocka_unit_test(test_ztest_no_spread),
		cmocka_unit_test(test_ztest_values),
		cmocka_unit_test(test_sample_size_refuses),
		cmocka_unit_test(test_sample_size_values),
		cmocka_unit_test(test_format_p),
		cmocka_unit_test(test_build_empty),
		cmocka_unit_test(test_build_groups),
		cmocka_unit_test(test_verdict_better),
		cmocka_unit_test(test_verdict_not_yet),
		cmocka_unit_test(test_verdict_enough),
		cmocka_unit_test(test_verdict_no_data),
		cmocka_unit_test(test_verdict_kinds_and_fields),
		cmocka_unit_test(test_store_counts_empty),
		cmocka_unit_test(test_store_counts),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
