/*
 * test_money — exact decimal money (model/money.h) and the civil calendar
 * (model/civil.h).  Degenerate inputs first, then the hostile numbers of
 * reliability.md (1e309, NaN, 9223372036854775808, "1,5", " 1"), then
 * round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/civil.h"
#include "model/money.h"

/* Parse a NUL-terminated s; returns money_parse's result. */
static int
parse(const char *s, int scale, int64_t *out, const char **why)
{
	*why = NULL;
	return money_parse(s, strlen(s), scale, out, why);
}

/* s must be refused at scale, with a reason, and *out untouched. */
static void
refused(const char *s, int scale)
{
	int64_t		 v = 4242;
	const char	*why;

	if (parse(s, scale, &v, &why) != -1)
		fail_msg("money_parse(\"%s\", %d) accepted: %lld", s, scale,
		    (long long)v);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_int_equal(v, 4242);
}

static void
accepted(const char *s, int scale, int64_t want)
{
	int64_t		 v = 4242;
	const char	*why;

	if (parse(s, scale, &v, &why) != 0)
		fail_msg("money_parse(\"%s\", %d) refused: %s", s, scale,
		    why ? why : "(null)");
	assert_int_equal(v, want);
}

/* ---- money_parse ------------------------------------------------------ */

/* Money said to a customer carries its currency (issue 17). */
static void
test_format_cur(void **state)
{
	char b[48];

	(void)state;
	assert_string_equal(money_format_cur(2000, 2, "EUR", b, sizeof b),
	    "€20.00");
	assert_string_equal(money_format_cur(2000, 2, "GBP", b, sizeof b),
	    "£20.00");
	assert_string_equal(money_format_cur(-150, 2, "USD", b, sizeof b),
	    "-$1.50");
	assert_string_equal(money_format_cur(123456789, 2, "CHF", b,
	    sizeof b), "1,234,567.89 CHF");
	assert_string_equal(money_format_cur(500, 0, "JPY", b, sizeof b),
	    "¥500");
	assert_string_equal(money_format_cur(2000, 2, NULL, b, sizeof b),
	    "20.00");
	assert_string_equal(money_format_cur(2000, 2, "EUR", b, 4), "€");
	/* issue 16: the currency's decimals, whatever the stored scale */
	assert_string_equal(money_format_cur(4960, 3, "GBP", b, sizeof b),
	    "£4.96");
	assert_string_equal(money_format_cur(4955, 3, "GBP", b, sizeof b),
	    "£4.96");
	assert_string_equal(money_format_cur(-4955, 3, "GBP", b, sizeof b),
	    "-£4.96");
	assert_string_equal(money_format_cur(123456, 2, "JPY", b, sizeof b),
	    "¥1,235");
	assert_string_equal(money_format_cur(1500, 2, "KWD", b, sizeof b),
	    "15.000 KWD");
}

/* Money shown to people: the currency's own decimals, rounded halves
 * away from zero, grouped (issue 16). */
static void
test_show(void **state)
{
	char b[48];

	(void)state;
	assert_int_equal(money_rescale(4955, 3, 2), 496);
	assert_int_equal(money_rescale(-4955, 3, 2), -496);
	assert_int_equal(money_rescale(4954, 3, 2), 495);
	assert_int_equal(money_rescale(4, 3, 2), 0);
	assert_int_equal(money_rescale(5, 3, 2), 1);
	assert_int_equal(money_rescale(-5, 3, 2), -1);
	assert_int_equal(money_rescale(496, 2, 3), 4960);
	assert_int_equal(money_rescale(12345, 2, 2), 12345);
	assert_int_equal(money_rescale(150, 2, 0), 2);
	assert_int_equal(money_rescale(-150, 2, 0), -2);
	assert_string_equal(money_show(4960, 3, "GBP", b, sizeof b), "4.96");
	assert_string_equal(money_show(0, 3, "GBP", b, sizeof b), "0.00");
	assert_string_equal(money_show(132572620, 3, "GBP", b, sizeof b),
	    "132,572.62");
	assert_string_equal(money_show(-11100, 3, "GBP", b, sizeof b),
	    "-11.10");
	assert_string_equal(money_show(123456, 2, "JPY", b, sizeof b),
	    "1,235");
	assert_string_equal(money_show(1234, 2, "KWD", b, sizeof b),
	    "12.340");
	assert_string_equal(money_show(1234, 3, "", b, sizeof b), "1.234");
	assert_string_equal(money_show(1234, 3, NULL, b, sizeof b), "1.234");
}

static void
test_parse_degenerate(void **state)
{
	int64_t		 v = 7;
	const char	*why = NULL;

	(void)state;
	/* Zero length, even with text behind it. */
	assert_int_equal(money_parse("12", 0, 2, &v, &why), -1);
	assert_non_null(why);
	assert_int_equal(v, 7);
	refused("", 2);
	refused(".", 2);
	refused("-", 2);
	refused("+", 2);
	refused("-.", 2);
	refused("+.", 0);
	accepted("0", 0, 0);
	accepted("0", 2, 0);
	accepted("-0", 2, 0);
	accepted("0.00", 2, 0);
}

static void
test_parse_basic(void **state)
{
	(void)state;
	accepted("2.55", 2, 255);
	accepted("0.001", 3, 1);
	accepted("2.500", 2, 250);
	accepted("2.5", 2, 250);
	accepted("2", 2, 200);
	accepted("-5.00", 2, -500);
	accepted("+1", 2, 100);
	accepted("+1", 0, 1);
	accepted("1200", 2, 120000);
	accepted("-0.99", 2, -99);
	accepted("0.000000", 6, 0);
	accepted("1.000001", 6, 1000001);
	accepted("007", 0, 7);
	/* More decimals than the scale: only zeros may follow. */
	accepted("2.5000000000000000000000000000", 2, 250);
	refused("2.555", 2);
	refused("2.551", 2);
	refused("2.5000000000000000000000000001", 2);
	refused("0.001", 2);
	refused("1.5", 0);
	accepted("1.0", 0, 1);
}

static void
test_parse_hostile(void **state)
{
	const char	*why;
	int64_t		 v;

	(void)state;
	refused("1e309", 2);
	refused("1E3", 2);
	refused("NaN", 2);
	refused("nan", 2);
	refused("inf", 2);
	refused("-inf", 2);
	refused("Infinity", 2);
	refused("0x10", 0);
	refused("1,5", 2);
	refused("1,000.00", 2);
	refused("1 000", 2);
	refused(" 1", 2);
	refused("1 ", 2);
	refused("\t1", 2);
	refused("1.2.3", 2);
	refused("--1", 2);
	refused("+-1", 2);
	refused("1-", 2);
	refused("£1.00", 2);
	refused("1.00 GBP", 2);
	refused("\x1b[31m1", 2);
	/* An embedded NUL inside the given length is not a digit. */
	assert_int_equal(money_parse("1\0002", 3, 0, &v, &why), -1);
	/* Only len bytes are read: the "x" after them does not count. */
	assert_int_equal(money_parse("12x", 2, 0, &v, &why), 0);
	assert_int_equal(v, 12);
}

static void
test_parse_range(void **state)
{
	const char	*why;
	int64_t		 v;

	(void)state;
	/* the largest amount uplift keeps, and one minor unit more */
	accepted("9999999999999", 0, MONEY_MAX);
	accepted("-9999999999999", 0, -MONEY_MAX);
	refused("10000000000000", 0);
	assert_int_equal(parse("10000000000000", 0, &v, &why), -1);
	assert_non_null(strstr(why, "largest amount"));
	accepted("99999999999.99", 2, MONEY_MAX);
	refused("99999999999.991", 2);
	accepted("9999999.999999", 6, MONEY_MAX);
	refused("10000000", 6);
	/* beyond 64 bits: refused on the way, never wrapped */
	refused("9223372036854775807", 0);
	refused("-9223372036854775807", 0);
	refused("9223372036854775808", 0);
	assert_int_equal(parse("9223372036854775808", 0, &v, &why), -1);
	assert_non_null(strstr(why, "range"));
	refused("99999999999999999999999", 0);
	refused("92233720368547758.07", 2);
	refused("92233720368547758.08", 2);
	/* Overflow while scaling up the integer part. */
	refused("92233720368547758", 2);
	refused("92233720368547759", 2);
	assert_int_equal(parse("92233720368547759", 2, &v, &why), -1);
	assert_non_null(strstr(why, "range"));
	refused("9223372036854.775807", 6);
	refused("9223372036854.775808", 6);
	/* Leading zeros do not count towards the range. */
	accepted("0000000000000000000000001", 0, 1);
}

/* ---- money_format ----------------------------------------------------- */

static void
fmt_is(int64_t v, int scale, int group, const char *want)
{
	char	buf[64];

	memset(buf, 'X', sizeof buf);
	assert_ptr_equal(money_format(v, scale, group, buf, sizeof buf), buf);
	assert_string_equal(buf, want);
}

static void
test_format(void **state)
{
	char	buf[8];

	(void)state;
	fmt_is(0, 2, 0, "0.00");
	fmt_is(0, 0, 0, "0");
	fmt_is(1, 3, 0, "0.001");
	fmt_is(255, 2, 0, "2.55");
	fmt_is(-500, 2, 0, "-5.00");
	fmt_is(-1, 2, 0, "-0.01");
	fmt_is(120000, 2, 0, "1200.00");
	fmt_is(255, 0, 0, "255");
	fmt_is(1000001, 6, 0, "1.000001");
	fmt_is(123456789, 2, 1, "1,234,567.89");
	fmt_is(-123456789, 2, 1, "-1,234,567.89");
	fmt_is(100000, 2, 1, "1,000.00");
	fmt_is(99999, 2, 1, "999.99");
	fmt_is(INT64_MAX, 2, 0, "92233720368547758.07");
	fmt_is(INT64_MIN, 2, 0, "-92233720368547758.08");
	fmt_is(INT64_MIN + 1, 2, 0, "-92233720368547758.07");
	fmt_is(INT64_MIN, 0, 1, "-9,223,372,036,854,775,808");
	fmt_is(INT64_MIN, 6, 1, "-9,223,372,036,854.775808");

	/* Truncation keeps a terminated string; size 0 writes nothing. */
	memset(buf, 'X', sizeof buf);
	money_format(123456789, 2, 0, buf, sizeof buf);
	assert_string_equal(buf, "1234567");
	money_format(255, 2, 0, buf, 1);
	assert_string_equal(buf, "");
	buf[0] = 'Q';
	money_format(255, 2, 0, buf, 0);
	assert_int_equal(buf[0], 'Q');
}

static void
test_format_round_trip(void **state)
{
	static const int64_t vals[] = { 0, 1, -1, 9, 10, 99, 100, 101, -101,
	    255, -500, 1000, 123456, -987654321, INT64_C(1) << 40,
	    MONEY_MAX, MONEY_MAX - 1, -MONEY_MAX, -MONEY_MAX + 1 };
	char		 buf[64];
	const char	*why;
	int64_t		 v;
	size_t		 i;
	int		 scale;

	(void)state;
	for (scale = 0; scale <= MONEY_MAX_SCALE; scale++) {
		for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
			money_format(vals[i], scale, 0, buf, sizeof buf);
			if (parse(buf, scale, &v, &why) != 0)
				fail_msg("\"%s\" (scale %d) does not parse "
				    "back: %s", buf, scale, why);
			assert_int_equal(v, vals[i]);
		}
	}
}

/* ---- money_parse_int, currencies --------------------------------------- */

static void
test_parse_int(void **state)
{
	const char	*why;
	int64_t		 v = 5;

	(void)state;
	assert_int_equal(money_parse_int("", 0, 0, 10, &v, &why), -1);
	assert_int_equal(money_parse_int("-", 1, -10, 10, &v, &why), -1);
	assert_int_equal(money_parse_int("+", 1, -10, 10, &v, &why), -1);
	assert_int_equal(v, 5);
	assert_int_equal(money_parse_int("7", 1, 0, 10, &v, &why), 0);
	assert_int_equal(v, 7);
	assert_int_equal(money_parse_int("-3", 2, -10, 10, &v, &why), 0);
	assert_int_equal(v, -3);
	assert_int_equal(money_parse_int("+3", 2, -10, 10, &v, &why), 0);
	assert_int_equal(v, 3);
	assert_int_equal(money_parse_int("11", 2, 0, 10, &v, &why), -1);
	assert_non_null(strstr(why, "range"));
	assert_int_equal(money_parse_int("-1", 2, 0, 10, &v, &why), -1);
	assert_int_equal(money_parse_int("1.0", 3, 0, 10, &v, &why), -1);
	assert_int_equal(money_parse_int("1e3", 3, 0, 10000, &v, &why), -1);
	assert_int_equal(money_parse_int(" 1", 2, 0, 10, &v, &why), -1);
	assert_int_equal(money_parse_int("NA", 2, 0, 10, &v, &why), -1);
	assert_int_equal(money_parse_int("9223372036854775807", 19,
	    INT64_MIN, INT64_MAX, &v, &why), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(money_parse_int("9223372036854775808", 19,
	    INT64_MIN, INT64_MAX, &v, &why), -1);
	assert_int_equal(v, INT64_MAX);
}

static void
test_currency(void **state)
{
	(void)state;
	assert_int_equal(money_currency_valid(""), 0);
	assert_int_equal(money_currency_valid("GB"), 0);
	assert_int_equal(money_currency_valid("GBPX"), 0);
	assert_int_equal(money_currency_valid("gbp"), 0);
	assert_int_equal(money_currency_valid("G1P"), 0);
	assert_int_equal(money_currency_valid("GBP"), 1);
	assert_int_equal(money_currency_valid("EUR"), 1);
	assert_int_equal(money_currency_digits("GBP"), 2);
	assert_int_equal(money_currency_digits("INR"), 2);
	assert_int_equal(money_currency_digits("BDT"), 2);
	assert_int_equal(money_currency_digits("JPY"), 0);
	assert_int_equal(money_currency_digits("KWD"), 3);
	assert_int_equal(money_currency_digits("ZZZ"), 2);
}

/* ---- civil ------------------------------------------------------------- */

static void
test_civil_valid(void **state)
{
	(void)state;
	assert_int_equal(civil_valid(0, 1, 1), 0);
	assert_int_equal(civil_valid(1, 1, 1), 1);
	assert_int_equal(civil_valid(9999, 12, 31), 1);
	assert_int_equal(civil_valid(10000, 1, 1), 0);
	assert_int_equal(civil_valid(-1, 1, 1), 0);
	assert_int_equal(civil_valid(2024, 0, 1), 0);
	assert_int_equal(civil_valid(2024, 13, 1), 0);
	assert_int_equal(civil_valid(2024, 1, 0), 0);
	assert_int_equal(civil_valid(2024, 1, 32), 0);
	assert_int_equal(civil_valid(2024, 4, 31), 0);
	assert_int_equal(civil_valid(2024, 4, 30), 1);
	/* Leap years: every 4th, not every 100th, but every 400th. */
	assert_int_equal(civil_valid(2024, 2, 29), 1);
	assert_int_equal(civil_valid(2023, 2, 29), 0);
	assert_int_equal(civil_valid(2000, 2, 29), 1);
	assert_int_equal(civil_valid(1900, 2, 29), 0);
	assert_int_equal(civil_valid(2100, 2, 29), 0);
	assert_int_equal(civil_valid(2400, 2, 29), 1);
	assert_int_equal(civil_valid(2024, 2, 30), 0);
}

static void
test_civil_days(void **state)
{
	int64_t	 day, first, last, prev_y = 1969;
	int	 y, m, d, py = 1969, pm = 12, pd = 31;

	(void)state;
	assert_int_equal(civil_days(1970, 1, 1), 0);
	assert_int_equal(civil_days(1970, 1, 2), 1);
	assert_int_equal(civil_days(1969, 12, 31), -1);
	assert_int_equal(civil_days(2000, 3, 1), 11017);
	assert_int_equal(civil_days(2024, 2, 29), 19782);
	civil_from_days(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);

	/* Every day of 1970..2100: consecutive, valid, and round trips. */
	first = civil_days(1970, 1, 1);
	last = civil_days(2100, 12, 31);
	assert_int_equal(last - first + 1, 131 * 365 + 32);
	for (day = first; day <= last; day++) {
		civil_from_days(day, &y, &m, &d);
		assert_true(civil_valid(y, m, d));
		assert_int_equal(civil_days(y, m, d), day);
		if (d == 1) {
			assert_true(m == pm + 1 || (m == 1 && pm == 12));
			if (m == 1) {
				assert_int_equal(y, py + 1);
				prev_y = y;
			}
		} else {
			assert_int_equal(d, pd + 1);
			assert_int_equal(m, pm);
		}
		py = y;
		pm = m;
		pd = d;
	}
	assert_int_equal(prev_y, 2100);
	assert_int_equal(py, 2100);
	/* The ends of the valid range round trip too. */
	civil_from_days(civil_days(1, 1, 1), &y, &m, &d);
	assert_true(y == 1 && m == 1 && d == 1);
	civil_from_days(civil_days(9999, 12, 31), &y, &m, &d);
	assert_true(y == 9999 && m == 12 && d == 31);
}

static void
date_bad(const char *s, const char *reason)
{
	int64_t		 day = 77;
	const char	*why = NULL;

	if (civil_parse_date(s, strlen(s), &day, &why) != -1)
		fail_msg("civil_parse_date(\"%s\") accepted", s);
	assert_non_null(why);
	if (reason != NULL)
		assert_non_null(strstr(why, reason));
	assert_int_equal(day, 77);
}

static void
test_civil_parse_date(void **state)
{
	int64_t		 day = 0;
	const char	*why;

	(void)state;
	date_bad("", NULL);
	assert_int_equal(civil_parse_date("2024-02-29", 0, &day, &why), -1);
	assert_int_equal(civil_parse_date("2024-02-29", 10, &day, &why), 0);
	assert_int_equal(day, civil_days(2024, 2, 29));
	assert_int_equal(civil_parse_date("1970-01-01", 10, &day, &why), 0);
	assert_int_equal(day, 0);
	date_bad("2023-02-29", "no such date");
	date_bad("2024-02-30", "no such date");
	date_bad("2024-13-01", "no such date");
	date_bad("2024-00-10", "no such date");
	date_bad("2024-01-00", "no such date");
	date_bad("0000-01-01", "no such date");
	date_bad("2024-1-01", NULL);
	date_bad("2024-01-1", NULL);
	date_bad("2024/01/01", NULL);
	date_bad("01/02/2024", NULL);
	date_bad("2024-01-01 ", NULL);
	date_bad(" 2024-01-01", NULL);
	date_bad("+024-01-01", NULL);
	date_bad("2024-0a-01", NULL);
	date_bad("2024-01-01T00:00", NULL);
}

static void
time_bad(const char *s, const char *reason)
{
	int64_t		 t = 77;
	const char	*why = NULL;

	if (civil_parse_time(s, strlen(s), &t, &why) != -1)
		fail_msg("civil_parse_time(\"%s\") accepted", s);
	assert_non_null(why);
	if (reason != NULL)
		assert_non_null(strstr(why, reason));
	assert_int_equal(t, 77);
}

static void
time_ok(const char *s, int64_t want)
{
	int64_t		 t = 77;
	const char	*why = NULL;

	if (civil_parse_time(s, strlen(s), &t, &why) != 0)
		fail_msg("civil_parse_time(\"%s\") refused: %s", s, why);
	assert_int_equal(t, want);
}

static void
test_civil_parse_time(void **state)
{
	int64_t	day = civil_days(2024, 3, 5) * CIVIL_DAY;

	(void)state;
	time_bad("", NULL);
	time_bad("2024-03-0", NULL);
	time_ok("2024-03-05", day);
	time_ok("2024-03-05 14:30", day + 14 * 3600 + 30 * 60);
	time_ok("2024-03-05T14:30", day + 14 * 3600 + 30 * 60);
	time_ok("2024-03-05 14:30:59", day + 14 * 3600 + 30 * 60 + 59);
	time_ok("2024-03-05T00:00:00", day);
	time_ok("2024-03-05 23:59:59", day + CIVIL_DAY - 1);
	time_ok("1969-12-31 23:59", -60);
	time_bad("2024-03-05 24:00", "no such time");
	time_bad("2024-03-05 23:60", "no such time");
	time_bad("2024-03-05 12:00:60", "no such time");
	time_bad("2024-03-05 99:99:99", "no such time");
	time_bad("2024-02-30 10:00", "no such date");
	time_bad("2024-03-05 1:30", NULL);
	time_bad("2024-03-05 14:30:5", NULL);
	time_bad("2024-03-05 14", NULL);
	time_bad("2024-03-05 ", NULL);
	time_bad("2024-03-05X14:30", NULL);
	time_bad("2024-03-05 14-30", NULL);
	time_bad("2024-03-05 14:30-00", NULL);
	time_bad("2024-03-05 -1:30", NULL);
	time_bad("2024-03-05 14:30:00 +0000", NULL);
	time_bad("2024-03-05 14:30:00.5", NULL);
}

static void
test_civil_format(void **state)
{
	char	buf[32];

	(void)state;
	civil_format_date(0, buf, sizeof buf);
	assert_string_equal(buf, "1970-01-01");
	civil_format_date(civil_days(2024, 2, 29), buf, sizeof buf);
	assert_string_equal(buf, "2024-02-29");
	civil_format_date(-1, buf, sizeof buf);
	assert_string_equal(buf, "1969-12-31");
	civil_format_time(0, buf, sizeof buf);
	assert_string_equal(buf, "1970-01-01 00:00");
	civil_format_time(civil_days(2010, 12, 1) * CIVIL_DAY + 8 * 3600 +
	    26 * 60 + 59, buf, sizeof buf);
	assert_string_equal(buf, "2010-12-01 08:26");
	civil_format_time(-60, buf, sizeof buf);
	assert_string_equal(buf, "1969-12-31 23:59");
	/* A short buffer is cut, still terminated. */
	civil_format_date(0, buf, 5);
	assert_string_equal(buf, "1970");

	assert_int_equal(civil_day_of(0), 0);
	assert_int_equal(civil_day_of(CIVIL_DAY - 1), 0);
	assert_int_equal(civil_day_of(CIVIL_DAY), 1);
	assert_int_equal(civil_day_of(-1), -1);
	assert_int_equal(civil_day_of(-CIVIL_DAY), -1);
	assert_int_equal(civil_day_of(-CIVIL_DAY - 1), -2);
}

static void
test_civil_now(void **state)
{
	int64_t	t = civil_now();
	int	y, m, d;

	(void)state;
	/* Whatever the clock says, it is a real date after 2020. */
	civil_from_days(civil_day_of(t), &y, &m, &d);
	assert_true(y >= 2020 && y <= 9999);
	assert_true(civil_valid(y, m, d));
}

/* Line amounts and totals are checked (issue 14): nothing wraps. */
static void
test_checked_arithmetic(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(money_mul(0, INT64_MAX, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(money_mul(2, MONEY_MAX / 2, &v), 0);
	assert_int_equal(money_mul(-1, MONEY_MAX, &v), 0);
	assert_int_equal(v, -MONEY_MAX);
	v = 7;
	assert_int_equal(money_mul(2, MONEY_MAX, &v), -1);
	assert_int_equal(money_mul(2, INT64_C(9223372036854775807), &v), -1);
	assert_int_equal(money_mul(INT64_MIN, -1, &v), -1);
	assert_int_equal(money_mul(1000000, MONEY_MAX, &v), -1);
	assert_int_equal(v, 7);
	assert_int_equal(money_add(INT64_MAX - 1, 1, &v), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(money_add(INT64_MAX, 1, &v), -1);
	assert_int_equal(money_add(INT64_MIN, -1, &v), -1);
	assert_int_equal(v, INT64_MAX);
	/* the parser keeps to the bound */
	accepted("99999999999.99", 2, MONEY_MAX);
	accepted("-99999999999.99", 2, -MONEY_MAX);
	refused("100000000000.00", 2);
	refused("92233720368547758.07", 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checked_arithmetic),
		cmocka_unit_test(test_format_cur),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_parse_degenerate),
		cmocka_unit_test(test_parse_basic),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_parse_range),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_currency),
		cmocka_unit_test(test_civil_valid),
		cmocka_unit_test(test_civil_days),
		cmocka_unit_test(test_civil_parse_date),
		cmocka_unit_test(test_civil_parse_time),
		cmocka_unit_test(test_civil_format),
		cmocka_unit_test(test_civil_now),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
