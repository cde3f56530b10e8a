/*
 * rules_decimal.c — the exact thresholds of model/rules.h: decimals from
 * 0 to 1 parsed digit by digit, ratios compared and printed by long
 * division, never through floating point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rules.h"

/* ---- exact decimals ------------------------------------------------------ */

int
rules_decimal_parse(const char *s, struct rules_decimal *out,
    const char **why)
{
	const char	*p, *dot = NULL;
	int		 nint = 0, nfrac = 0, one = 0, k;

	memset(out, 0, sizeof *out);
	*why = "not a decimal number from 0 to 1";
	if (s == NULL || *s == '\0')
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p == '.') {
			if (dot != NULL)
				return -1;
			dot = p;
		} else if (*p < '0' || *p > '9')
			return -1;
		else if (dot == NULL) {
			nint++;
			if (*p != '0') {
				if (*p != '1' || one) {
					*why = "more than 1";
					return -1;
				}
				one = 1;
			} else if (one) {
				*why = "more than 1";
				return -1;
			}
		} else
			nfrac++;
	}
	if (nint == 0 && nfrac == 0)
		return -1;
	if (dot != NULL) {
		/* Significant places: up to the last non-zero digit. */
		for (k = nfrac; k > 0 && dot[k] == '0'; k--)
			;
		if (one && k > 0) {
			*why = "more than 1";
			return -1;
		}
		if (k > RULES_DECIMAL_DIGITS) {
			*why = "too many decimal places";
			return -1;
		}
		out->ndigits = k;
		for (nfrac = 0; nfrac < k; nfrac++)
			out->d[nfrac] = (unsigned char)(dot[nfrac + 1] - '0');
	}
	out->one = one;
	return 0;
}

int
rules_decimal_is_zero(const struct rules_decimal *d)
{
	return !d->one && d->ndigits == 0;
}

/*
 * One step of long division: with r < b, return floor(10r / b) and leave
 * 10r mod b in *r, without overflow.
 */
static unsigned
div10(uint64_t *r, uint64_t b)
{
	uint64_t	acc = 0, x = *r;
	unsigned	q = 0, k;

	if (x <= UINT64_MAX / 10) {
		x *= 10;
		*r = x % b;
		return (unsigned)(x / b);
	}
	for (k = 0; k < 10; k++) {
		/* acc + x, reduced mod b, counting wraps (acc, x < b). */
		if (acc >= b - x) {
			acc -= b - x;
			q++;
		} else
			acc += x;
	}
	*r = acc;
	return q;
}

int
rules_ratio_ge(uint64_t a, uint64_t b, const struct rules_decimal *d)
{
	uint64_t	r;
	unsigned	q;
	int		k;

	if (b == 0)
		return 0;
	if (d->one)
		return a >= b;
	if (a >= b)
		return 1;
	r = a;
	for (k = 0; k < d->ndigits; k++) {
		q = div10(&r, b);
		if (q != d->d[k])
			return q > d->d[k];
	}
	return 1;
}

uint64_t
rules_min_count(const struct rules_decimal *d, uint64_t n)
{
	uint64_t	lo = 0, hi = n, mid;

	/* The least c in [0, n] with c / n >= d; c = n always qualifies. */
	if (n == 0)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rules_ratio_ge(mid, n, d))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void
rules_format_ratio(uint64_t a, uint64_t b, char *buf, size_t len)
{
	uint64_t	ip, r;
	unsigned long	frac = 0;
	int		k;

	if (b == 0) {
		snprintf(buf, len, "nan");
		return;
	}
	ip = a / b;
	r = a % b;
	for (k = 0; k < 6; k++)
		frac = frac * 10 + div10(&r, b);
	if (r >= b - r) {		/* remainder >= b / 2: round up */
		if (++frac == 1000000) {
			frac = 0;
			ip++;
		}
	}
	/* "%llu.%06lu" by hand: a rule prints three of these, and printf
	 * was a tenth of `uplift rules`. */
	{
		char t[32];
		size_t n = sizeof t;

		t[--n] = '\0';
		for (k = 0; k < 6; k++, frac /= 10)
			t[--n] = (char)('0' + frac % 10);
		t[--n] = '.';
		do
			t[--n] = (char)('0' + ip % 10);
		while ((ip /= 10) != 0);
		if (len > 0) {
			size_t m = sizeof t - 1 - n;

			if (m > len - 1)
				m = len - 1;
			memcpy(buf, t + n, m);
			buf[m] = '\0';
		}
	}
}

