/*
 * money — amounts as integers in minor units, parsed and printed exactly.
 *
 * A database has one currency and a scale: the number of decimal digits
 * its integers carry (2 for pence or cents; the UCI Online Retail shop
 * uses 3 because that file quotes prices to a tenth of a penny).  Decimal
 * text is converted digit by digit, never through floating point.
 */
#ifndef UPLIFT_MONEY_H
#define UPLIFT_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_MAX_SCALE 6

/*
 * The largest amount uplift keeps, in minor units: a price, a rate or a
 * line's quantity × unit price is at most this (99 999 999 999.99 at two
 * decimals).  With it every product of an amount by a count uplift uses
 * (nights, persons, units) and every sum of up to 900 000 such amounts
 * stays well inside 64 bits; what could still overflow is checked with
 * money_mul() and money_add().
 */
#define MONEY_MAX INT64_C(9999999999999)

/*
 * Parse s[0..len) — optional sign, digits, optional '.' and digits — into
 * units of 10^-scale.  Extra decimals are accepted only if they are zeros.
 * Rejects empty text, exponents (1e309), NaN/Inf, thousands separators,
 * decimal commas and amounts beyond ±MONEY_MAX.  Returns 0, or -1 with a
 * static *why.
 */
int money_parse(const char *s, size_t len, int scale, int64_t *out,
    const char **why);

/*
 * Format v (units of 10^-scale) as "-1234.50" into buf, exactly: every
 * digit the scale has.  With group != 0 thousands are separated by ','
 * ("132,572.620").  Returns buf.  Machine outputs (TSV, CSV, JSON) use it
 * with group 0 and keep the stored precision.
 */
char *money_format(int64_t v, int scale, int group, char *buf, size_t size);

/*
 * v (units of 10^-from) in units of 10^-to: more digits multiply, fewer
 * round to the nearest with halves away from zero (4.955 -> 4.96,
 * -4.955 -> -4.96, 0.004 -> 0.00).  from and to are 0..MONEY_MAX_SCALE.
 */
int64_t money_rescale(int64_t v, int from, int to);

/*
 * The amount as people read it, on a screen or a report's table: v (units
 * of 10^-scale) with the currency's own number of decimals (ISO 4217:
 * GBP, EUR, USD 2, JPY 0, KWD 3, money_currency_digits), rounded as
 * money_rescale() does, thousands grouped with ',' ("132,572.62"; Online
 * Retail's 4.960 reads "4.96").  cur NULL or "" (no currency yet): every
 * digit the scale has.  Returns buf.
 */
char *money_show(int64_t v, int scale, const char *cur, char *buf,
    size_t size);

/*
 * Format v with its currency for words said to a customer: the symbol
 * before it for the currencies that have a common one ("£20.00",
 * "€20.00", "$20.00", "₹20.00"), else the code after it ("20.00 CHF");
 * the amount as money_show() has it ("£4.96" for a stored 4.960).
 * cur is an ISO 4217 code (NULL or "": the amount alone).  Returns buf.
 */
char *money_format_cur(int64_t v, int scale, const char *cur, char *buf,
    size_t size);

/* Parse a whole number in [min, max] from s[0..len); 0 or -1 with *why. */
int money_parse_int(const char *s, size_t len, int64_t min, int64_t max,
    int64_t *out, const char **why);

/*
 * *out = a × b when |a × b| <= MONEY_MAX (a line amount: quantity × unit
 * price).  0, or -1 with *out untouched when it would be beyond.
 */
int money_mul(int64_t a, int64_t b, int64_t *out);

/* *out = a + b unless that overflows 64 bits (a total).  0, or -1 with
 * *out untouched. */
int money_add(int64_t a, int64_t b, int64_t *out);

/* a / b rounded to the nearest, halves away from zero; 0 if b is 0. */
int64_t money_div_round(int64_t a, int64_t b);

/* The ISO 4217 minor-unit digits of a currency code (2 if unknown, 0 for
 * JPY-like currencies).  code is three letters. */
int money_currency_digits(const char *code);

/* 1 if code looks like an ISO 4217 code (three ASCII capitals). */
int money_currency_valid(const char *code);

#endif
