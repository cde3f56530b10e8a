/*
 * test_text — the display choke point (model/text.h) against the string
 * cases of reliability.md "Bad inputs".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <cmocka.h>

#include "model/text.h"

#define FFFD	"\xef\xbf\xbd"
#define ELL	"\xe2\x80\xa6"

/*
 * An independent strict UTF-8 decoder for the checks below, so the
 * module is not checked against itself.  Returns the bytes used, or 0 if
 * s does not start with a valid sequence.
 */
static size_t
ref_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		n, i;
	uint32_t	c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/*
 * Assert out is safe to print: valid UTF-8, no C0, DEL, C1, bidi or
 * format code point.  Returns its width in columns (wcwidth, base plus
 * marks).
 */
static int
assert_safe(const char *out)
{
	const unsigned char	*u = (const unsigned char *)out;
	size_t			 len, i = 0, n;
	uint32_t		 cp = 0;
	int			 w, width = 0;

	assert_non_null(out);
	len = strlen(out);
	while (i < len) {
		n = ref_decode(u + i, len - i, &cp);
		if (n == 0)
			fail_msg("invalid UTF-8 at byte %zu of \"%s\"", i, out);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			fail_msg("control U+%04X at byte %zu", (unsigned)cp, i);
		if (cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
		    (cp >= 0x2028 && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff)
			fail_msg("bidi/format U+%04X at byte %zu",
			    (unsigned)cp, i);
		w = wcwidth((wchar_t)cp);
		width += w < 0 ? 1 : w;
		i += n;
	}
	return width;
}

/* text_cleans(in, -1) must equal want, be safe and take cols columns. */
static void
check_clean(const char *in, const char *want, int cols)
{
	char	*out;

	out = text_cleans(in, -1);
	assert_string_equal(out, want);
	assert_int_equal(assert_safe(out), cols);
	assert_int_equal(text_width(in), cols);
	free(out);
}

/* The same for an explicit length (embedded NUL). */
static void
check_cleanl(const char *in, size_t len, const char *want, int cols)
{
	char	*out;

	out = text_clean(in, len, -1);
	assert_string_equal(out, want);
	assert_int_equal(assert_safe(out), cols);
	free(out);
}

static int
setup(void **state)
{
	(void)state;
	if (!text_init())
		return -1;	/* no UTF-8 locale: widths would be wrong */
	return 0;
}

/* ---- degenerate cases --------------------------------------------- */

static void
test_null_and_empty(void **state)
{
	char	*p;
	FILE	*f;
	char	 buf[8];
	size_t	 bad = 99;

	(void)state;
	p = text_cleans(NULL, -1);
	assert_string_equal(p, "");
	free(p);
	p = text_clean(NULL, 10, 5);
	assert_string_equal(p, "");
	free(p);
	p = text_cleans("", 5);
	assert_string_equal(p, "");
	free(p);
	p = text_clean("abc", 0, -1);
	assert_string_equal(p, "");
	free(p);
	p = text_cleans("abc", 0);
	assert_string_equal(p, "");
	free(p);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width(""), 0);

	p = text_fit(NULL, 3);
	assert_string_equal(p, "   ");
	free(p);
	p = text_fit("abc", 0);
	assert_string_equal(p, "");
	free(p);
	p = text_fit("abc", -4);
	assert_string_equal(p, "");
	free(p);

	p = text_excerpt(NULL, 0);
	assert_string_equal(p, "\"\"");
	free(p);
	p = text_excerpt("", 0);
	assert_string_equal(p, "\"\"");
	free(p);

	assert_int_equal(text_valid_utf8(NULL, 0, &bad), 1);
	assert_int_equal(text_valid_utf8("", 0, &bad), 1);
	assert_int_equal(bad, 99);

	f = tmpfile();
	assert_non_null(f);
	text_fputs(NULL, f);
	text_fputs("", f);
	rewind(f);
	assert_null(fgets(buf, sizeof buf, f));
	fclose(f);
}

static void
test_decode_zero_len(void **state)
{
	uint32_t	cp = 0;

	(void)state;
	assert_int_equal(text_decode("a", 0, &cp), 0);
	assert_int_equal(cp, TEXT_REPLACEMENT);
}

/* ---- text_decode ---------------------------------------------------- */

static void
test_decode_valid(void **state)
{
	uint32_t	cp;

	(void)state;
	assert_int_equal(text_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_decode("\0x", 2, &cp), 1);
	assert_int_equal(cp, 0);
	assert_int_equal(text_decode("\xc2\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xa9);
	assert_int_equal(text_decode("\xe2\x80\xae", 3, &cp), 3);
	assert_int_equal(cp, 0x202e);
	assert_int_equal(text_decode("\xef\xbf\xbd", 3, &cp), 3);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(text_decode("\xf0\x9f\x91\xa9", 4, &cp), 4);
	assert_int_equal(cp, 0x1f469);
	assert_int_equal(text_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	/* Largest 2- and 3-byte and smallest valid forms. */
	assert_int_equal(text_decode("\xdf\xbf", 2, &cp), 2);
	assert_int_equal(cp, 0x7ff);
	assert_int_equal(text_decode("\xe0\xa0\x80", 3, &cp), 3);
	assert_int_equal(cp, 0x800);
	assert_int_equal(text_decode("\xed\x9f\xbf", 3, &cp), 3);
	assert_int_equal(cp, 0xd7ff);
	assert_int_equal(text_decode("\xee\x80\x80", 3, &cp), 3);
	assert_int_equal(cp, 0xe000);
	assert_int_equal(text_decode("\xf0\x90\x80\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x10000);
}

static void
check_bad(const char *s, size_t len)
{
	uint32_t	cp = 0;
	size_t		bad = 99;

	assert_int_equal(text_decode(s, len, &cp), 1);
	assert_int_equal(cp, TEXT_REPLACEMENT);
	assert_int_equal(text_valid_utf8(s, len, &bad), 0);
	assert_int_equal(bad, 0);
}

static void
test_decode_invalid(void **state)
{
	(void)state;
	check_bad("\xc0\xaf", 2);		/* overlong '/' */
	check_bad("\xc1\xbf", 2);		/* overlong */
	check_bad("\xe0\x80\xaf", 3);		/* overlong 3-byte */
	check_bad("\xf0\x80\x80\xaf", 4);	/* overlong 4-byte */
	check_bad("\xed\xa0\x80", 3);		/* surrogate D800 */
	check_bad("\xed\xbf\xbf", 3);		/* surrogate DFFF */
	check_bad("\xe0\xa6", 2);		/* truncated */
	check_bad("\xe0\xa6" "A", 3);		/* broken by ASCII */
	check_bad("\xf0\x9f\x91", 3);		/* truncated 4-byte */
	check_bad("\xe2\x80\xae", 2);		/* len cuts a valid seq */
	check_bad("\x80", 1);			/* lone continuation */
	check_bad("\xbf", 1);
	check_bad("\xf4\x90\x80\x80", 4);	/* U+110000 */
	check_bad("\xf5\x80\x80\x80", 4);	/* lead beyond F4 */
	check_bad("\xfe", 1);
	check_bad("\xff", 1);
	check_bad("\xc2" "\0", 2);		/* NUL is no continuation */
}

static void
test_valid_utf8(void **state)
{
	const char	*s = "ok \xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x98\x80 \x80 x";
	size_t		 bad = 99;

	(void)state;
	assert_int_equal(text_valid_utf8("abc", 3, NULL), 1);
	assert_int_equal(text_valid_utf8("Ann\0Admin", 9, &bad), 1);
	assert_int_equal(text_valid_utf8(s, strlen(s), &bad), 0);
	assert_int_equal(bad, 15);
	assert_int_equal(text_valid_utf8(s, 15, &bad), 1);
	assert_int_equal(text_valid_utf8("ab\xe0\xa6", 4, &bad), 0);
	assert_int_equal(bad, 2);
	assert_int_equal(text_valid_utf8("ab\xe0\xa6", 4, NULL), 0);
}

/* ---- text_is_unsafe / text_cp_width ------------------------------- */

static void
test_unsafe_set(void **state)
{
	static const uint32_t	bad[] = {
		0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f,
		0x80, 0x85, 0x9b, 0x9f, 0x061c, 0x200b, 0x200c, 0x200d,
		0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069, 0xfeff
	};
	static const uint32_t	good[] = {
		0x20, 0x41, 0x7e, 0xa0, 0xa9, 0x061b, 0x061d, 0x200a,
		0x2010, 0x2027, 0x202f, 0x2065, 0x206a, 0xfefe, 0xff00,
		0xfffd, 0x1f469
	};
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (!text_is_unsafe(bad[i]))
			fail_msg("U+%04X should be unsafe", (unsigned)bad[i]);
	}
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (text_is_unsafe(good[i]))
			fail_msg("U+%04X should be safe", (unsigned)good[i]);
	}
}

static void
test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0x738b), 2);	/* 王 */
	assert_int_equal(text_cp_width(0x1f469), 2);	/* 👩 */
	assert_int_equal(text_cp_width(0x0301), 0);	/* combining acute */
	assert_int_equal(text_cp_width(0x094d), 0);	/* virama */
	assert_int_equal(text_cp_width(0xfffd), 1);
	assert_int_equal(text_cp_width(0x2026), 1);
	/* wcwidth -1 but not unsafe (unassigned, separators): 1. */
	assert_int_equal(text_cp_width(0x2028), 1);
	assert_int_equal(text_cp_width(0x0ac6), 1);
	/* Unsafe ones are shown as U+FFFD. */
	assert_int_equal(text_cp_width(0x1b), 1);
	assert_int_equal(text_cp_width(0x200b), 1);
}

/* ---- the "Bad inputs" list ---------------------------------------- */

static void
test_escape_sequences(void **state)
{
	(void)state;
	check_clean("\x1b]0;PWNED\x07", FFFD "]0;PWNED" FFFD, 10);
	check_clean("\x1b]52;c;SGVsbG8=\x07", FFFD "]52;c;SGVsbG8=" FFFD, 16);
	check_clean("\x1b]8;;http://evil.example/\x07Pay\x1b]8;;\x07",
	    FFFD "]8;;http://evil.example/" FFFD "Pay" FFFD "]8;;" FFFD, 35);
	check_clean("\x1b[2J", FFFD "[2J", 4);
	check_clean("\x1b[31mRED", FFFD "[31mRED", 8);
	check_clean("\x1b[21t", FFFD "[21t", 5);
}

static void
test_c1_controls(void **state)
{
	(void)state;
	check_clean("\xc2\x9b" "31m", FFFD "31m", 4);	/* CSI as U+009B */
	check_clean("\x9b" "31m", FFFD "31m", 4);	/* raw byte */
	check_clean("\xc2\x85x\xc2\x80\xc2\x9f", FFFD "x" FFFD FFFD, 4);
}

static void
test_c0_controls(void **state)
{
	(void)state;
	check_clean("abc\rXYZ", "abc" FFFD "XYZ", 7);
	check_clean("abc\b\b\bXYZ", "abc" FFFD FFFD FFFD "XYZ", 9);
	check_clean("a\nb", "a" FFFD "b", 3);
	check_clean("a\tb", "a" FFFD "b", 3);
	check_clean("\x7f", FFFD, 1);
	check_clean("E:abc\rXY:end", "E:abc" FFFD "XY:end", 12);
	check_cleanl("Ann\0Admin", 9, "Ann" FFFD "Admin", 9);
	check_cleanl("\0", 1, FFFD, 1);
	/* Through the NUL-terminated entry point the NUL ends the string. */
	check_clean("Ann\0Admin", "Ann", 3);
}

static void
test_bidi_format(void **state)
{
	(void)state;
	check_clean("invoice\xe2\x80\xaetxt.exe",
	    "invoice" FFFD "txt.exe", 15);
	check_clean("07700\xe2\x80\x8b" "900123",
	    "07700" FFFD "900123", 12);
	check_clean("\xef\xbb\xbfname", FFFD "name", 5);	/* BOM */
	check_clean("\xd8\x9c" "a\xe2\x81\xa6" "b\xe2\x81\xa9",
	    FFFD "a" FFFD "b" FFFD, 5);
	check_clean("\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xad",
	    FFFD FFFD FFFD FFFD, 4);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* One U+FFFD per bad byte. */
	check_clean("\xc0\xaf", FFFD FFFD, 2);
	check_clean("\xed\xa0\x80", FFFD FFFD FFFD, 3);
	check_clean("a\xe0\xa6", "a" FFFD FFFD, 3);
	check_clean("\x80", FFFD, 1);
	check_clean("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4);
	check_clean("x\xe0\xa6y", "x" FFFD FFFD "y", 4);
	/* Truncated at the explicit length: no read past it. */
	check_cleanl("\xe2\x80\xae", 2, FFFD FFFD, 2);
	/* A valid U+FFFD passes through unchanged. */
	check_clean(FFFD, FFFD, 1);
}

static void
test_scripts(void **state)
{
	const char	*bn = "আফগানিস্তান";
	const char	*gu = "અફગાનિસ્તાન";
	const char	*dv = "क्ष";

	(void)state;
	/* Safe text passes through byte for byte. */
	check_clean(bn, bn, 10);
	check_clean(gu, gu, 10);
	check_clean(dv, dv, 2);
	check_clean("王小明", "王小明", 6);
	check_clean("Zoë", "Zoë", 3);
}

static void
test_emoji(void **state)
{
	(void)state;
	/* The ZWJ (U+200D) is a format character: it becomes U+FFFD. */
	check_clean("👩\xe2\x80\x8d👩\xe2\x80\x8d👧", "👩" FFFD "👩" FFFD "👧", 8);
	/* Regional indicators: one column each under glibc 2.36. */
	check_clean("🇮🇳", "🇮🇳", 2);
	check_clean("☕", "☕", 2);
}

static void
test_combining_marks(void **state)
{
	char		 in[1 + 200 * 2 + 2], want[1 + 8 * 2 + 2];
	char		*out;
	size_t		 i;

	(void)state;
	in[0] = 'e';
	for (i = 0; i < 200; i++)
		memcpy(in + 1 + 2 * i, "\xcc\x81", 2);
	memcpy(in + 1 + 400, "x", 2);
	want[0] = 'e';
	for (i = 0; i < 8; i++)
		memcpy(want + 1 + 2 * i, "\xcc\x81", 2);
	memcpy(want + 1 + 16, "x", 2);
	check_clean(in, want, 2);

	/* Exactly 8 are all kept; the count restarts at the next base. */
	check_clean("a" "\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	    "\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "b\xcc\x81",
	    "a" "\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	    "\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "b\xcc\x81", 2);

	/* A mark without a base is dropped. */
	check_clean("\xcc\x81" "a", "a", 1);
	check_clean("\xcc\x81", "", 0);

	/* A mark after a replaced control attaches to U+FFFD. */
	check_clean("\x1b\xcc\x81", FFFD "\xcc\x81", 1);

	/* Cut: marks stay with their base, and go with it. */
	out = text_cleans("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2);
	assert_string_equal(out, "e\xcc\x81" ELL);
	free(out);
	out = text_cleans("ab\xcc\x81", 2);
	assert_string_equal(out, "ab\xcc\x81");
	free(out);
}

/* ---- cutting -------------------------------------------------------- */

static void
check_cut(const char *in, int maxcols, const char *want, int cols)
{
	char	*out;

	out = text_cleans(in, maxcols);
	assert_string_equal(out, want);
	assert_int_equal(assert_safe(out), cols);
	free(out);
	out = text_clean(in, strlen(in), maxcols);
	assert_string_equal(out, want);
	free(out);
}

static void
test_clean_cut(void **state)
{
	(void)state;
	check_cut("abcdef", 6, "abcdef", 6);
	check_cut("abcdef", 7, "abcdef", 6);
	check_cut("abcdef", 5, "abcd" ELL, 5);
	check_cut("abcdef", 1, ELL, 1);
	check_cut("abcdef", 0, "", 0);
	check_cut("王小明", 6, "王小明", 6);
	check_cut("王小明", 5, "王小" ELL, 5);
	check_cut("王小明", 4, "王" ELL, 3);
	check_cut("王小明", 1, ELL, 1);
	check_cut("a\rb\x1b" "cd", 4, "a" FFFD "b" ELL, 4);
	check_cut("\xc0\xaf\xc0\xaf", 3, FFFD FFFD ELL, 3);
}

static void
test_fit(void **state)
{
	char	*p;

	(void)state;
	p = text_fit("abc", 5);		/* pad */
	assert_string_equal(p, "abc  ");
	free(p);
	p = text_fit("abc", 3);		/* exact */
	assert_string_equal(p, "abc");
	free(p);
	p = text_fit("abcd", 3);	/* cut */
	assert_string_equal(p, "ab" ELL);
	free(p);
	p = text_fit("王小明", 7);
	assert_string_equal(p, "王小明 ");
	free(p);
	p = text_fit("王小明", 5);
	assert_string_equal(p, "王小" ELL);
	free(p);
	/* 小 would straddle the edge before "…": a space takes its place. */
	p = text_fit("王小明", 4);
	assert_string_equal(p, "王 " ELL);
	assert_int_equal(assert_safe(p), 4);
	free(p);
	p = text_fit("a王王", 3);
	assert_string_equal(p, "a " ELL);
	free(p);
	p = text_fit("王王", 2);
	assert_string_equal(p, " " ELL);
	free(p);
	p = text_fit("王", 1);
	assert_string_equal(p, ELL);
	free(p);
	p = text_fit("王", 2);
	assert_string_equal(p, "王");
	free(p);
	p = text_fit("a\tb\n", 6);
	assert_string_equal(p, "a" FFFD "b" FFFD "  ");
	free(p);
	p = text_fit("আফগানিস্তান", 12);
	assert_int_equal(assert_safe(p), 12);
	free(p);
	p = text_fit("আফগানিস্তান", 7);
	assert_int_equal(assert_safe(p), 7);
	assert_non_null(strstr(p, ELL));
	free(p);
}

static void
test_fit_widths(void **state)
{
	static const char	*in[] = {
		"", "a", "王小明", "a王b王c", "e\xcc\x81王\x1b", "👩\xe2\x80\x8d👧",
		"અફગાનિસ્તાન", "\xc0\xaf\x80王", "abc\rXYZ"
	};
	char			*p;
	size_t			 i;
	int			 cols;

	(void)state;
	for (i = 0; i < sizeof in / sizeof in[0]; i++) {
		for (cols = 1; cols <= 14; cols++) {
			p = text_fit(in[i], cols);
			if (assert_safe(p) != cols)
				fail_msg("text_fit(#%zu, %d) = \"%s\"", i,
				    cols, p);
			free(p);
		}
	}
}

/* ---- excerpt and fputs ---------------------------------------------- */

static void
test_excerpt(void **state)
{
	char	 in[100];
	char	*p;

	(void)state;
	p = text_excerpt("bad\x1b[2Jrow", 10);
	assert_string_equal(p, "\"bad" FFFD "[2Jrow\"");
	free(p);
	p = text_excerpt("Ann\0Admin", 9);
	assert_string_equal(p, "\"Ann" FFFD "Admin\"");
	free(p);
	memset(in, 'x', sizeof in);
	p = text_excerpt(in, sizeof in);
	assert_int_equal(assert_safe(p), 42);	/* 40 + two quotes */
	assert_memory_equal(p + strlen(p) - 4, ELL "\"", 4);
	free(p);
	p = text_excerpt("王小明", strlen("王小明"));
	assert_string_equal(p, "\"王小明\"");
	free(p);
}

static void
test_fputs(void **state)
{
	FILE	*f;
	char	 buf[128];
	size_t	 n;

	(void)state;
	f = tmpfile();
	assert_non_null(f);
	text_fputs("\x1b]0;PWNED\x07" "abc\rXYZ\xe2\x80\xae\x80", f);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf,
	    FFFD "]0;PWNED" FFFD "abc" FFFD "XYZ" FFFD FFFD);
}

/* ---- a 1 MiB name --------------------------------------------------- */

#define MIB	(1024 * 1024)

static char *
big_name(void)
{
	static const char	 piece[] = "王\x1b" "a\x80" "e\xcc\x81";
	char			*s;
	size_t			 i;

	s = malloc(MIB + 1);
	assert_non_null(s);
	/* 9 bytes, 6 columns after cleaning: 王 FFFD a FFFD é */
	for (i = 0; i + 9 <= MIB; i += 9)
		memcpy(s + i, piece, 9);
	for (; i < MIB; i++)
		s[i] = 'z';
	s[MIB] = '\0';
	return s;
}

static void
test_big(void **state)
{
	char	*s, *p;
	clock_t	 t0;
	double	 secs;
	int	 i, full;

	(void)state;
	s = big_name();
	full = (MIB / 9) * 6 + MIB % 9;

	/* No limit: the whole string is processed. */
	p = text_clean(s, MIB, -1);
	assert_int_equal(assert_safe(p), full);
	free(p);
	assert_int_equal(text_width(s), full);

	p = text_cleans(s, 40);
	assert_int_equal(assert_safe(p), 40);
	free(p);
	p = text_fit(s, 80);
	assert_int_equal(assert_safe(p), 80);
	free(p);

	/*
	 * A limit stops early: 2000 cuts of a 1 MiB name take far less
	 * than 2000 full passes would (each is ~1 ms or more).
	 */
	t0 = clock();
	for (i = 0; i < 2000; i++) {
		p = text_clean(s, MIB, 40);
		free(p);
	}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (secs > 1.0)
		fail_msg("text_clean with a limit took %.2f s: no early stop",
		    secs);
	free(s);
}

/* Language codes as the screen names them; unknown ones as they are. */
static void
test_language_name(void **state)
{
	(void)state;
	assert_string_equal(text_language_name("gu"), "Gujarati");
	assert_string_equal(text_language_name("bn"), "Bengali");
	assert_string_equal(text_language_name("en"), "English");
	assert_string_equal(text_language_name("xx"), "xx");
	assert_string_equal(text_language_name(""), "");
	assert_string_equal(text_language_name(NULL), "");
}

/* Names trimmed on import (issue 16): blanks around, runs of spaces. */
static void
squeeze_is(const char *in, const char *want, int changed)
{
	char buf[64];
	size_t len = strlen(in);

	memcpy(buf, in, len);
	assert_int_equal(text_squeeze(buf, &len), changed);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(buf, want, len);
}

static void
test_squeeze(void **state)
{
	(void)state;
	squeeze_is("", "", 0);
	squeeze_is("   ", "", 1);
	squeeze_is("ROSES REGENCY TEACUP AND SAUCER ",
	    "ROSES REGENCY TEACUP AND SAUCER", 1);
	squeeze_is("UNION STRIPE WITH FRINGE  HAMMOCK",
	    "UNION STRIPE WITH FRINGE HAMMOCK", 1);
	squeeze_is(" \tMartin   Keller\t ", "Martin Keller", 1);
	squeeze_is("Garc\xc3\xad" "a", "Garc\xc3\xad" "a", 0);
	squeeze_is("a\tb", "a\tb", 0);
}

/* Finding people (issue 16): case and accents folded, words in any
 * order. */
static void
test_fold(void **state)
{
	char *f;

	(void)state;
	f = text_fold("Garc\xc3\xad" "a  M\xc3\xbcller\tZo\xc3\xab");
	assert_string_equal(f, "garcia muller zoe");
	free(f);
	f = text_fold("\xc5\x81\xc3\xb3" "d\xc5\xba STRA\xc3\x9f" "E \xc5\x92uvre");
	assert_string_equal(f, "lodz strasse oeuvre");
	free(f);
	/* NFD: e + combining acute */
	f = text_fold("Jose\xcc\x81");
	assert_string_equal(f, "jose");
	free(f);
	/* other scripts as they are */
	f = text_fold("\xe0\xa6\x86\xe0\xa6\x95");
	assert_string_equal(f, "\xe0\xa6\x86\xe0\xa6\x95");
	free(f);
	f = text_fold("");
	assert_string_equal(f, "");
	free(f);
	assert_true(text_fold_match("Martin Keller", "keller martin"));
	assert_true(text_fold_match("Jos\xc3\xa9 Garc\xc3\xad" "a", "garcia"));
	assert_true(text_fold_match("M\xc3\xbcller", "muller"));
	assert_false(text_fold_match("Martin Keller", "keller anna"));
	assert_false(text_fold_match("Martin Keller", ""));
	assert_false(text_fold_match(NULL, "a"));
}

/* A name cut keeps its size: the 50 ml and the 250 ml stay apart. */
static void
test_fit_name(void **state)
{
	static const struct {
		const char *name;
		int cols;
		const char *want;
	} v[] = {
		{ "Herbal Shampoo 250 ml", 21, "Herbal Shampoo 250 ml" },
		{ "Herbal Shampoo 250 ml", 23, "Herbal Shampoo 250 ml  " },
		{ "Herbal Shampoo 50 ml", 19, "Herbal Shampo" ELL "50 ml" },
		{ "Herbal Shampoo 250 ml", 20, "Herbal Shampo" ELL "250 ml" },
		{ "Herbal Shampoo 250 ml", 15, "Herbal S" ELL "250 ml" },
		{ "Nova A25 Smartphone 128 GB", 18, "Nova A25 Sm" ELL "128 GB" },
		{ "Everyday Tea 80 bags", 16, "Everyday" ELL "80 bags" },
		/* under 8 columns for the rest: cut at the end */
		{ "Herbal Shampoo 250 ml", 14, "Herbal Shampo" ELL },
		{ "Herbal Shampoo 250 ml", 12, "Herbal Sham" ELL },
		{ "Everyday Tea 80 bags", 11, "Everyday T" ELL },
		/* no size at the end, or more than one word after it */
		{ "Assam Tea Special", 10, "Assam Tea" ELL },
		{ "PACK OF 72 RETROSPOT CAKE CASES", 12, "PACK OF 72 " ELL },
		{ "250 ml", 4, "250" ELL },
		{ "Tea 80 bags", 8, "Tea 80 " ELL },
	};
	size_t	 i;
	char	*p;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		p = text_fit_name(v[i].name, v[i].cols);
		if (strcmp(p, v[i].want) != 0)
			fail_msg("%s in %d: \"%s\", not \"%s\"", v[i].name,
			    v[i].cols, p, v[i].want);
		assert_int_equal(assert_safe(p), v[i].cols);
		free(p);
	}
	p = text_fit_name(NULL, 3);
	assert_string_equal(p, "   ");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_squeeze),
		cmocka_unit_test(test_fit_name),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_decode_zero_len),
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_unsafe_set),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_c0_controls),
		cmocka_unit_test(test_bidi_format),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_combining_marks),
		cmocka_unit_test(test_clean_cut),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_widths),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_fputs),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_language_name),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
