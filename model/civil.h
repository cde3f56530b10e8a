/*
 * civil — calendar dates and times without time zones.
 *
 * uplift keeps shop-local ("civil") time: a day is the number of days since
 * 1970-01-01 in the proleptic Gregorian calendar, a time is day * 86400 +
 * seconds of the day.  No function here reads the clock: callers pass the
 * time in, so everything is deterministic.
 */
#ifndef UPLIFT_CIVIL_H
#define UPLIFT_CIVIL_H

#include <stddef.h>
#include <stdint.h>

#define CIVIL_DAY 86400

/* Days since 1970-01-01 of y-m-d; the date must be valid (see civil_valid). */
int64_t civil_days(int y, int m, int d);

/* The y-m-d of a day number. */
void civil_from_days(int64_t days, int *y, int *m, int *d);

/* 1 if y-m-d is a real date with 1 <= y <= 9999, else 0 (2024-02-30 is not). */
int civil_valid(int y, int m, int d);

/*
 * Parse "YYYY-MM-DD" (exactly; s[0..len)) into a day number.
 * Returns 0, or -1 with a static reason ("not a date YYYY-MM-DD",
 * "no such date").
 */
int civil_parse_date(const char *s, size_t len, int64_t *day, const char **why);

/*
 * Parse "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS", the same with 'T', or a
 * bare date (midnight) into civil seconds.  Returns 0 or -1 with *why.
 */
int civil_parse_time(const char *s, size_t len, int64_t *t, const char **why);

/* "YYYY-MM-DD" of a day number into buf (at least 11 bytes). */
void civil_format_date(int64_t day, char *buf, size_t size);

/* "9 Dec 2011" of a day number into buf (at least 12 bytes): how a day
 * is said beyond CIVIL_AGO_DAYS, when "N days ago" stops meaning much. */
void civil_format_day(int64_t day, char *buf, size_t size);

/* Beyond this many days a past day is shown as a date (civil_format_day)
 * rather than "N days ago". */
#define CIVIL_AGO_DAYS 365

/* "YYYY-MM-DD HH:MM" of civil seconds into buf (at least 17 bytes). */
void civil_format_time(int64_t t, char *buf, size_t size);

/* Day number of civil seconds (floor division). */
int64_t civil_day_of(int64_t t);

/* The current civil time from the system clock, local time zone.  Only
 * app/ calls this; everything else is given the time. */
int64_t civil_now(void);

#endif
