/*
 * report — the statistics of `uplift report scripts`: take rates of the
 * talking-point variants, their 95 % intervals, and whether two variants
 * of one template really differ.  Plain C, no curses, no SQL: the counts
 * come from store_variant_counts() and every function here is pure (the
 * same input gives the same output; nothing is read or printed).
 *
 * Rates are fractions in [0, 1].  Strings made here hold variant names as
 * they came from the data: the caller sends them through text.h.
 */
#ifndef UPLIFT_REPORT_H
#define UPLIFT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

struct store;


#define REPORT_Z95   1.959963984540054   /* z of two-sided 95 % (alpha .05) */
#define REPORT_Z80   0.8416212335729143  /* z of 80 % power                 */
#define REPORT_ALPHA 0.05                /* p below this is meaningful      */
#define REPORT_MDE   0.05                /* the difference the sample-size
                                          * estimate is for: 5 points      */

/*
 * The Wilson score interval of k successes in n trials at normal quantile
 * z (REPORT_Z95 for 95 %), into *lo and *hi (within [0, 1]).  Returns 0,
 * or -1 (nothing stored) when n <= 0, k < 0, k > n or z <= 0.
 */
int report_wilson(int64_t k, int64_t n, double z, double *lo, double *hi);

/*
 * The pooled two-proportion z-test of k1/n1 against k2/n2: *z is
 * (k2/n2 - k1/n1) over the pooled standard error and *p the two-sided
 * p-value, erfc(|z| / sqrt 2).  When the pooled rate is 0 or 1 (both
 * rates equal) *z is 0 and *p 1.  Returns 0, or -1 (nothing stored) when
 * n1 or n2 <= 0 or a k is outside 0..its n.
 */
int report_ztest(int64_t k1, int64_t n1, int64_t k2, int64_t n2, double *z,
    double *p);

/*
 * Offers needed per variant to tell rate p1 from rate p2 with a
 * two-sided test at quantile za (REPORT_Z95) and power quantile zb
 * (REPORT_Z80), the usual formula for two proportions:
 *     n = (za sqrt(2 pm (1 - pm)) + zb sqrt(p1 (1 - p1) + p2 (1 - p2)))^2
 *         / (p1 - p2)^2,  pm = (p1 + p2) / 2,
 * rounded up.  Returns n, or -1 when p1 or p2 is outside [0, 1], they
 * are equal, za or zb is negative, or n would not fit.
 */
int64_t report_sample_size(double p1, double p2, double za, double zb);

/*
 * "p = 0.41", "p = 0.0004", "p < 0.0001", "p = 1" into buf: two
 * significant digits, rounded, except that a p below REPORT_ALPHA is cut
 * instead when rounding would make it read REPORT_ALPHA (0.0497 reads
 * "p = 0.049"); below 0.0001 as "p < 0.0001".  p outside [0, 1] is
 * clamped.  buf gets at most size - 1 bytes and a NUL.
 */
void report_format_p(double p, char *buf, size_t size);

/* A variant of the report. */
struct report_row {
	const struct variant_count *vc;  /* the counts (not owned)          */
	size_t      group_len;  /* the template: vc->variant[0..group_len),
	                         * up to the last '/' (0 without one)        */
	const char *label;      /* after the last '/' ("A"); the whole id
	                         * when it has no '/' or ends with one       */
	int         has_rate;   /* shown > 0 and 0 <= accepted <= shown      */
	double      take;       /* accepted / shown (if has_rate)            */
	double      lo, hi;     /* its 95 % Wilson interval (if has_rate)    */
};

enum report_verdict_kind {
	VERDICT_BETTER,     /* p < REPORT_ALPHA: `better` converts better    */
	VERDICT_NOT_YET,    /* not meaningful; more offers would tell        */
	VERDICT_ENOUGH,     /* not meaningful though a 5-point difference
	                     * would have shown with 80 % power             */
	VERDICT_NO_DATA,    /* one of them has no usable rate (see `empty`)  */
};

/* A comparison of two variants of one template. */
struct report_verdict {
	size_t  a, b;       /* rows compared, a < b                          */
	int     kind;       /* enum report_verdict_kind                      */
	double  p;          /* the test's p-value (not VERDICT_NO_DATA)      */
	size_t  better;     /* the better row (VERDICT_BETTER)               */
	int64_t needed;     /* offers per variant for a REPORT_MDE difference
	                     * at the pooled rate (-1 if it cannot be said)  */
	size_t  empty;      /* the row without a rate (VERDICT_NO_DATA)      */
};

/* The report: rows sorted by template then label (byte order), then one
 * verdict per pair of rows of every template with two or more. */
struct report {
	struct report_row     *rows;
	size_t                 nrows;
	struct report_verdict *verdicts;
	size_t                 nverdicts;
};

/*
 * Build the report of counts v[0..n) into *r (v may be NULL when n is 0).
 * r points into v: v must outlive it.  Free with report_free().
 */
void report_build(struct report *r, const struct variant_count *v, size_t n);

/*
 * The verdict as one English line without a newline, such as
 *     upgrade/category=phones: B converts better than A (take 31.0 % vs
 *     19.5 %, p = 0.0004)
 *     upgrade/category=phones: the difference between A and B is not yet
 *     meaningful (p = 0.41; about 900 more offers each would be needed to
 *     tell a 5-point difference)
 * (one line each).  The template is left out when it is "".  Variant
 * names are as in the data (not sanitised).  Returns a malloc'd string
 * the caller frees.
 */
char *report_verdict_text(const struct report *r,
    const struct report_verdict *vd);

/* Free what report_build() made and zero *r.  Safe on a zeroed report. */
void report_free(struct report *r);

#endif
