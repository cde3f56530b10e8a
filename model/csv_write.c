/*
 * csv_write — RFC 4180 output for exports (csv_put_field, csv_put_row; see
 * csv.h): fields quoted when they must be, and a ' before a cell that a
 * spreadsheet would read as a formula (= + - @ TAB CR), unless it is a
 * plain number.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/csv.h"
#include "model/text.h"

/* 1 if s is a minus, digits and at most one decimal point with digits
 * after it: what a spreadsheet can only read as that number.  A plus
 * is not: "+447700900123" is a phone number a spreadsheet would turn
 * into 447700900123. */
static int
plain_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

/* 1 if s starts with a character a spreadsheet takes for the start of a
 * formula: = + - @ TAB CR, or their full-width and small forms (U+FF1D,
 * U+FF0B, U+FF0D, U+FF20, U+FE66, U+FE62, U+FE63, U+FE6B) and the minus
 * sign U+2212, which some spreadsheets fold into them. */
static int
formula_start(const char *s)
{
	static const uint32_t wide[] = { 0xff1d, 0xff0b, 0xff0d, 0xff20,
	    0xfe66, 0xfe62, 0xfe63, 0xfe6b, 0x2212 };
	uint32_t cp;
	size_t i;

	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r')
		return 1;
	if ((unsigned char)s[0] < 0x80)
		return 0;
	text_decode(s, strlen(s), &cp);
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (cp == wide[i])
			return 1;
	return 0;
}

void
csv_put_field(FILE *f, const char *s)
{
	const char *p;
	int quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	if (formula_start(s) && !plain_number(s))
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
}

void
csv_put_row(FILE *f, size_t n, const char *const *fields)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		csv_put_field(f, fields[i]);
	}
	fputs("\r\n", f);
}
