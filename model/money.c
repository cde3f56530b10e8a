#include "model/money.h"

#include <stdio.h>
#include <string.h>

int
money_parse(const char *s, size_t len, int scale, int64_t *out,
    const char **why)
{
	size_t i = 0;
	int neg = 0, ndig = 0, frac = -1;
	int64_t v = 0;
	int d;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	for (; i < len; i++) {
		if (s[i] == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9') {
			*why = "not a decimal amount";
			return -1;
		}
		d = s[i] - '0';
		ndig++;
		if (frac >= 0 && ++frac > scale) {
			if (d != 0) {
				*why = "more decimals than the currency has";
				return -1;
			}
			continue;
		}
		if (v > (INT64_MAX - d) / 10) {
			*why = "amount out of range";
			return -1;
		}
		v = v * 10 + d;
	}
	if (ndig == 0) {
		*why = "not a decimal amount";
		return -1;
	}
	for (frac = frac < 0 ? 0 : frac; frac < scale; frac++) {
		if (v > INT64_MAX / 10) {
			*why = "amount out of range";
			return -1;
		}
		v *= 10;
	}
	if (v > MONEY_MAX) {
		*why = "beyond the largest amount uplift keeps "
		    "(9999999999999 minor units)";
		return -1;
	}
	*out = neg ? -v : v;
	return 0;
}

char *
money_format_cur(int64_t v, int scale, const char *cur, char *buf,
    size_t size)
{
	static const struct {
		const char *code, *sign;
	} signs[] = {
		{ "GBP", "£" }, { "EUR", "€" }, { "USD", "$" }, { "INR", "₹" },
		{ "JPY", "¥" }, { "BDT", "৳" },
	};
	char m[48];
	size_t i;

	money_show(v < 0 && v != INT64_MIN ? -v : v, scale, cur, m, sizeof m);
	if (cur == NULL || cur[0] == '\0') {
		snprintf(buf, size, "%s%s", v < 0 ? "-" : "", m);
		return buf;
	}
	for (i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (strcmp(signs[i].code, cur) == 0) {
			snprintf(buf, size, "%s%s%s", v < 0 ? "-" : "",
			    signs[i].sign, m);
			return buf;
		}
	snprintf(buf, size, "%s%s %s", v < 0 ? "-" : "", m, cur);
	return buf;
}

int64_t
money_rescale(int64_t v, int from, int to)
{
	int64_t p = 1;

	if (from == to || from < 0 || to < 0 || from > MONEY_MAX_SCALE ||
	    to > MONEY_MAX_SCALE)
		return v;
	for (; from > to; from--)
		p *= 10;
	if (p > 1)
		return money_div_round(v, p);
	for (; to > from; to--)
		p *= 10;
	return v > INT64_MAX / p || v < INT64_MIN / p ? v : v * p;
}

char *
money_show(int64_t v, int scale, const char *cur, char *buf, size_t size)
{
	int digits = scale;

	if (cur != NULL && money_currency_valid(cur))
		digits = money_currency_digits(cur);
	return money_format(money_rescale(v, scale, digits), digits, 1, buf,
	    size);
}

char *
money_format(int64_t v, int scale, int group, char *buf, size_t size)
{
	char tmp[48];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t p = 1;
	int i, n = 0, digits = 0;

	for (i = 0; i < scale; i++)
		p *= 10;
	/* Build the string backwards. */
	if (scale > 0) {
		uint64_t f = u % p;
		for (i = 0; i < scale; i++) {
			tmp[n++] = (char)('0' + f % 10);
			f /= 10;
		}
		tmp[n++] = '.';
	}
	u /= p;
	do {
		if (group && digits > 0 && digits % 3 == 0)
			tmp[n++] = ',';
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
		digits++;
	} while (u > 0);
	if (v < 0)
		tmp[n++] = '-';
	if (size == 0)
		return buf;
	for (i = 0; i < n && (size_t)i < size - 1; i++)
		buf[i] = tmp[n - 1 - i];
	buf[i] = '\0';
	return buf;
}

int
money_parse_int(const char *s, size_t len, int64_t min, int64_t max,
    int64_t *out, const char **why)
{
	size_t i = 0;
	int neg = 0;
	int64_t v = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len) {
		*why = "not a whole number";
		return -1;
	}
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = "not a whole number";
			return -1;
		}
		if (v > (INT64_MAX - (s[i] - '0')) / 10) {
			*why = "number out of range";
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max) {
		*why = "number out of range";
		return -1;
	}
	*out = v;
	return 0;
}

int
money_currency_valid(const char *code)
{
	int i;

	for (i = 0; i < 3; i++)
		if (code[i] < 'A' || code[i] > 'Z')
			return 0;
	return code[3] == '\0';
}

int
money_currency_digits(const char *code)
{
	static const char *zero[] = { "JPY", "KRW", "VND", "CLP", "ISK",
	    "UGX", "XAF", "XOF", "PYG", NULL };
	static const char *three[] = { "BHD", "KWD", "OMR", "JOD", "TND",
	    "LYD", "IQD", NULL };
	int i;

	for (i = 0; zero[i] != NULL; i++)
		if (strcmp(code, zero[i]) == 0)
			return 0;
	for (i = 0; three[i] != NULL; i++)
		if (strcmp(code, three[i]) == 0)
			return 3;
	return 2;
}

int
money_mul(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_mul_overflow(a, b, &r) || r > MONEY_MAX ||
	    r < -MONEY_MAX)
		return -1;
	*out = r;
	return 0;
}

int
money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return -1;
	*out = r;
	return 0;
}

int64_t
money_div_round(int64_t a, int64_t b)
{
	int64_t q, r;

	if (b == 0)
		return 0;
	q = a / b;
	r = a % b;
	/* |2r| >= |b|: round away from zero */
	if ((r < 0 ? -r : r) * 2 >= (b < 0 ? -b : b))
		q += ((a < 0) == (b < 0)) ? 1 : -1;
	return q;
}
