/*
 * report.c — take rates, Wilson intervals, the pooled two-proportion
 * z-test and the two-proportion sample size, and the verdicts built from
 * them.  See report.h.
 */
#include "model/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/xalloc.h"

/* ---- statistics ---------------------------------------------------------- */

int
report_wilson(int64_t k, int64_t n, double z, double *lo, double *hi)
{
	double nn, ph, z2, denom, centre, half, l, h;

	if (n <= 0 || k < 0 || k > n || !(z > 0))
		return -1;
	nn = (double)n;
	ph = (double)k / nn;
	z2 = z * z;
	denom = 1 + z2 / nn;
	centre = (ph + z2 / (2 * nn)) / denom;
	half = z / denom * sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn));
	l = centre - half;
	h = centre + half;
	/* Exactly 0 and 1 at the ends, whatever the rounding. */
	*lo = k == 0 || l < 0 ? 0 : l;
	*hi = k == n || h > 1 ? 1 : h;
	return 0;
}

int
report_ztest(int64_t k1, int64_t n1, int64_t k2, int64_t n2, double *z,
    double *p)
{
	double p1, p2, pool, se, zz;

	if (n1 <= 0 || n2 <= 0 || k1 < 0 || k1 > n1 || k2 < 0 || k2 > n2)
		return -1;
	p1 = (double)k1 / (double)n1;
	p2 = (double)k2 / (double)n2;
	pool = ((double)k1 + (double)k2) / ((double)n1 + (double)n2);
	if (k1 + k2 == 0 || k1 + k2 == n1 + n2) {
		*z = 0;
		*p = 1;
		return 0;
	}
	se = sqrt(pool * (1 - pool) * (1 / (double)n1 + 1 / (double)n2));
	zz = (p2 - p1) / se;
	*z = zz;
	*p = erfc(fabs(zz) / sqrt(2.0));
	if (*p > 1)
		*p = 1;
	return 0;
}

int64_t
report_sample_size(double p1, double p2, double za, double zb)
{
	double pm, num, d, n;

	if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 == p2 ||
	    !(za >= 0 && zb >= 0))
		return -1;
	pm = (p1 + p2) / 2;
	num = za * sqrt(2 * pm * (1 - pm)) +
	    zb * sqrt(p1 * (1 - p1) + p2 * (1 - p2));
	d = p1 - p2;
	n = ceil(num * num / (d * d));
	if (!(n < 9e15))
		return -1;
	return n < 1 ? 1 : (int64_t)n;
}

void
report_format_p(double p, char *buf, size_t size)
{
	char sci[32], *e;
	long ex;

	if (size == 0)
		return;
	if (!(p >= 0))          /* negative or NaN */
		p = 0;
	if (p < 0.0001) {
		snprintf(buf, size, "p < 0.0001");
		return;
	}
	/* Two significant digits, rounded: "4.1e-01". */
	snprintf(sci, sizeof sci, "%.1e", p);
	if (p < REPORT_ALPHA && strtod(sci, NULL) >= REPORT_ALPHA) {
		/* 0.0496 must not read 0.05: cut instead of rounding. */
		snprintf(sci, sizeof sci, "%.15e", p);
	}
	e = strchr(sci, 'e');
	ex = e != NULL ? strtol(e + 1, NULL, 10) : 0;
	if (ex >= 0) {
		snprintf(buf, size, "p = 1");
		return;
	}
	if (ex < -4) {                  /* not reached: p >= 0.0001 */
		snprintf(buf, size, "p = %.2g", p);
		return;
	}
	snprintf(buf, size, "p = 0.%.*s%c%.*s", (int)(-ex - 1), "000", sci[0],
	    sci[2] != '0' ? 1 : 0, sci + 2);
}

/* ---- the report ---------------------------------------------------------- */

static int
row_cmp(const void *x, const void *y)
{
	const struct report_row *a = x, *b = y;
	size_t n = a->group_len < b->group_len ? a->group_len : b->group_len;
	int c;

	c = memcmp(a->vc->variant, b->vc->variant, n);
	if (c != 0)
		return c;
	if (a->group_len != b->group_len)
		return a->group_len < b->group_len ? -1 : 1;
	return strcmp(a->label, b->label);
}

static int
same_group(const struct report_row *a, const struct report_row *b)
{
	return a->group_len == b->group_len &&
	    memcmp(a->vc->variant, b->vc->variant, a->group_len) == 0;
}

/* The offers needed per variant for a REPORT_MDE difference around the
 * pooled rate of rows a and b (both with a rate); -1 if it cannot say. */
static int64_t
needed(const struct report_row *a, const struct report_row *b)
{
	double pool, other;

	pool = ((double)a->vc->accepted + (double)b->vc->accepted) /
	    ((double)a->vc->shown + (double)b->vc->shown);
	other = pool + REPORT_MDE <= 1 ? pool + REPORT_MDE : pool - REPORT_MDE;
	return report_sample_size(pool, other, REPORT_Z95, REPORT_Z80);
}

static void
judge(struct report *r, struct report_verdict *vd)
{
	const struct report_row *a = &r->rows[vd->a], *b = &r->rows[vd->b];
	double z;

	vd->needed = -1;
	if (!a->has_rate || !b->has_rate) {
		vd->kind = VERDICT_NO_DATA;
		vd->empty = a->has_rate ? vd->b : vd->a;
		return;
	}
	if (report_ztest(a->vc->accepted, a->vc->shown, b->vc->accepted,
	    b->vc->shown, &z, &vd->p) != 0) {
		vd->kind = VERDICT_NO_DATA;     /* not reached: both have rates */
		vd->empty = vd->a;
		return;
	}
	if (vd->p < REPORT_ALPHA) {
		vd->kind = VERDICT_BETTER;
		vd->better = z > 0 ? vd->b : vd->a;
		return;
	}
	vd->needed = needed(a, b);
	if (vd->needed >= 0 && vd->needed <= a->vc->shown &&
	    vd->needed <= b->vc->shown)
		vd->kind = VERDICT_ENOUGH;
	else
		vd->kind = VERDICT_NOT_YET;
}

void
report_build(struct report *r, const struct variant_count *v, size_t n)
{
	struct report_row *row;
	const char *slash;
	size_t i, j, k, end, cap = 0;

	memset(r, 0, sizeof *r);
	if (n == 0)
		return;
	r->rows = xcalloc(n, sizeof *r->rows);
	r->nrows = n;
	for (i = 0; i < n; i++) {
		row = &r->rows[i];
		row->vc = &v[i];
		slash = strrchr(v[i].variant, '/');
		if (slash != NULL && slash[1] != '\0') {
			row->group_len = (size_t)(slash - v[i].variant);
			row->label = slash + 1;
		} else {
			row->group_len = 0;
			row->label = v[i].variant;
		}
		if (report_wilson(v[i].accepted, v[i].shown, REPORT_Z95,
		    &row->lo, &row->hi) == 0) {
			row->has_rate = 1;
			row->take = (double)v[i].accepted / (double)v[i].shown;
		}
	}
	qsort(r->rows, n, sizeof *r->rows, row_cmp);

	/* Every pair within each run of one template. */
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && same_group(&r->rows[i],
		    &r->rows[end]); end++)
			;
		for (j = i; j < end; j++) {
			for (k = j + 1; k < end; k++) {
				if (r->nverdicts == cap) {
					cap = cap ? 2 * cap : 8;
					r->verdicts = xreallocarray(r->verdicts,
					    cap, sizeof *r->verdicts);
				}
				memset(&r->verdicts[r->nverdicts], 0,
				    sizeof *r->verdicts);
				r->verdicts[r->nverdicts].a = j;
				r->verdicts[r->nverdicts].b = k;
				judge(r, &r->verdicts[r->nverdicts]);
				r->nverdicts++;
			}
		}
	}
}

char *
report_verdict_text(const struct report *r, const struct report_verdict *vd)
{
	const struct report_row *a = &r->rows[vd->a], *b = &r->rows[vd->b];
	const struct report_row *hi, *lo;
	char *group, *out, *tail, pbuf[32];
	int pts = (int)lround(REPORT_MDE * 100);
	int64_t more_a, more_b;

	if (a->group_len > 0)
		group = xasprintf("%.*s: ", (int)a->group_len, a->vc->variant);
	else
		group = xstrdup("");
	report_format_p(vd->p, pbuf, sizeof pbuf);
	switch (vd->kind) {
	case VERDICT_BETTER:
		hi = &r->rows[vd->better];
		lo = hi == a ? b : a;
		out = xasprintf("%s%s converts better than %s (take %.1f %% vs "
		    "%.1f %%, %s)", group, hi->label, lo->label, hi->take * 100,
		    lo->take * 100, pbuf);
		break;
	case VERDICT_ENOUGH:
		out = xasprintf("%sno meaningful difference between %s and %s "
		    "(%s); with these numbers a %d-point difference would "
		    "show 4 times in 5, so a real difference is probably "
		    "smaller", group, a->label, b->label, pbuf, pts);
		break;
	case VERDICT_NOT_YET:
		more_a = vd->needed - a->vc->shown;
		more_b = vd->needed - b->vc->shown;
		if (vd->needed < 0)
			tail = xstrdup("");
		else if (more_a == more_b)
			tail = xasprintf("; about %lld more offers each would "
			    "be needed to tell a %d-point difference",
			    (long long)more_a, pts);
		else if (more_a > 0 && more_b > 0)
			tail = xasprintf("; about %lld more offers of %s and "
			    "%lld more of %s would be needed to tell a "
			    "%d-point difference", (long long)more_a, a->label,
			    (long long)more_b, b->label, pts);
		else
			tail = xasprintf("; about %lld more offers of %s would "
			    "be needed to tell a %d-point difference",
			    (long long)(more_a > 0 ? more_a : more_b),
			    more_a > 0 ? a->label : b->label, pts);
		out = xasprintf("%sthe difference between %s and %s is not yet "
		    "meaningful (%s%s)", group, a->label, b->label, pbuf, tail);
		free(tail);
		break;
	default:
		lo = &r->rows[vd->empty];
		out = xasprintf("%s%s and %s cannot be compared yet (%s %s)",
		    group, a->label, b->label, lo->label,
		    lo->vc->shown <= 0 ? "has no offers shown in this period" :
		    "has more acceptances than offers shown in this period");
		break;
	}
	free(group);
	return out;
}

void
report_free(struct report *r)
{
	free(r->rows);
	free(r->verdicts);
	memset(r, 0, sizeof *r);
}
