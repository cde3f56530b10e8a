#include "model/civil.h"

#include <stdio.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t
civil_days(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
civil_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap, n;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	n = mdays[m - 1] + (m == 2 && leap);
	return d <= n;
}

static int
civil_digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
civil_parse_date(const char *s, size_t len, int64_t *day, const char **why)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-' ||
	    civil_digits(s, 4, &y) || civil_digits(s + 5, 2, &m) ||
	    civil_digits(s + 8, 2, &d)) {
		*why = "not a date (YYYY-MM-DD)";
		return -1;
	}
	if (!civil_valid(y, m, d)) {
		*why = "no such date";
		return -1;
	}
	*day = civil_days(y, m, d);
	return 0;
}

int
civil_parse_time(const char *s, size_t len, int64_t *t, const char **why)
{
	int64_t day;
	int hh, mm, ss = 0;

	if (len < 10) {
		*why = "not a date and time (YYYY-MM-DD HH:MM[:SS])";
		return -1;
	}
	if (civil_parse_date(s, 10, &day, why) != 0)
		return -1;
	if (len == 10) {
		*t = day * CIVIL_DAY;
		return 0;
	}
	if ((len != 16 && len != 19) || (s[10] != ' ' && s[10] != 'T') ||
	    s[13] != ':' || civil_digits(s + 11, 2, &hh) ||
	    civil_digits(s + 14, 2, &mm) ||
	    (len == 19 && (s[16] != ':' || civil_digits(s + 17, 2, &ss)))) {
		*why = "not a date and time (YYYY-MM-DD HH:MM[:SS])";
		return -1;
	}
	if (hh > 23 || mm > 59 || ss > 59) {
		*why = "no such time of day";
		return -1;
	}
	*t = day * CIVIL_DAY + hh * 3600 + mm * 60 + ss;
	return 0;
}

void
civil_format_date(int64_t day, char *buf, size_t size)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

void
civil_format_day(int64_t day, char *buf, size_t size)
{
	static const char *mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%d %s %d", d, mon[(m - 1) % 12], y);
}

int64_t
civil_day_of(int64_t t)
{
	return t >= 0 ? t / CIVIL_DAY : -((-t + CIVIL_DAY - 1) / CIVIL_DAY);
}

void
civil_format_time(int64_t t, char *buf, size_t size)
{
	int64_t day = civil_day_of(t), sec = t - day * CIVIL_DAY;
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, m, d,
	    (int)(sec / 3600), (int)(sec / 60 % 60));
}

int64_t
civil_now(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return civil_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) *
	    CIVIL_DAY + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}
