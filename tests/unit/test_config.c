/*
 * test_config — app/config.c: defaults, the example asset, and every INI
 * bad input of reliability.md (the CVE-2023-33461 file, a 1,025-byte
 * line, escape bytes on bad lines, out-of-range and junk numbers, CRLF,
 * BOM (skipped), duplicate keys, missing / empty / world-writable /
 * symlinked files, unknown sections and keys).
 *
 * Plain-text fixtures are in $UPLIFT_TESTDATA/config/; they are copied to
 * a private temporary directory with mode 0600 before loading (a checkout
 * made under umask 002 would otherwise make them group-writable, which
 * config_load rightly refuses).  Odd files are built there at test time.
 * Expected messages are written with '@' standing for the file's path.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/config.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

#define MIB	(1024 * 1024)

/* ---- helpers ---------------------------------------------------------- */

/* A new 0600 file in the temporary directory holding the literal s. */
#define write_str(name, s) util_tmp_write((name), (s), sizeof (s) - 1)

/* A private 0600 copy of a fixture from tests/data/config/. */
static const char *
fixture(const char *name)
{
	const char	*path;
	char		*buf;
	size_t		 len;

	buf = util_read_file(util_fixture("config", name), &len);
	path = util_tmp_write(name, buf, len);
	free(buf);
	return path;
}

/* tmpl with every '@' replaced by path. */
static char *
subst(const char *tmpl, const char *path)
{
	char	*s = xstrdup(""), *t;
	const char *p;

	for (p = tmpl; *p != '\0'; p++) {
		if (*p == '@')
			t = xasprintf("%s%s", s, path);
		else
			t = xasprintf("%s%c", s, *p);
		free(s);
		s = t;
	}
	return s;
}

static size_t
count_lines(const char *s)
{
	size_t	n = 1;

	for (; *s != '\0'; s++)
		n += (*s == '\n');
	return n;
}

/*
 * No byte below 0x20 but the newlines between messages, no DEL, valid
 * UTF-8, and no C1, bidi or format character once decoded.
 */
static void
assert_clean_text(const char *s)
{
	const unsigned char	*p;
	size_t			 len = strlen(s), i, n, bad;
	uint32_t		 cp;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n')
			continue;
		if (*p < 0x20 || *p == 0x7f)
			fail_msg("control byte 0x%02x at %zu in \"%s\"", *p,
			    (size_t)(p - (const unsigned char *)s), s);
	}
	assert_true(text_valid_utf8(s, len, &bad));
	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp != '\n' && text_is_unsafe(cp))
			fail_msg("unsafe U+%04X at %zu", (unsigned)cp, i);
	}
	assert_null(strstr(s, "\xe2\x80\xae"));	/* RLO */
	assert_null(strstr(s, "\xc2\x9b"));		/* CSI */
}

/* Load must fail and *cause must be exactly tmpl ('@' = path). */
static void
expect_cause(const char *path, int must_exist, const char *tmpl)
{
	struct config	 sentinel, *c = &sentinel;
	char		*cause = NULL, *want;

	assert_int_equal(config_load(&c, path, must_exist, &cause), -1);
	assert_null(c);
	assert_non_null(cause);
	want = subst(tmpl, path);
	assert_string_equal(cause, want);
	assert_clean_text(cause);
	free(want);
	free(cause);
}

static struct config *
expect_ok(const char *path, int must_exist)
{
	struct config	*c = NULL;
	char		*cause = NULL;
	int		 rc;

	rc = config_load(&c, path, must_exist, &cause);
	if (rc != 0)
		print_error("unexpected failure: %s\n", cause ? cause : "-");
	assert_int_equal(rc, 0);
	assert_null(cause);
	assert_non_null(c);
	return c;
}

static void
assert_defaults(const struct config *c)
{
	assert_non_null(c);
	/* not given: app.c names the shop after the database's file */
	assert_null(c->shop_name);
	assert_string_equal(c->counter, "till 1");
	assert_string_equal(c->currency, "GBP");
	assert_string_equal(c->language, "en");
	assert_null(c->db_path);
	assert_int_equal(c->max_suggestions, 3);
	assert_int_equal(c->upgrade_cap_percent, 25);
	assert_int_equal(c->hotel_cap_percent, 25);
	assert_int_equal(c->cooldown_days, 30);
	assert_int_equal(c->recent_days, 3);
	assert_int_equal(c->color, CONFIG_COLOR_AUTO);
	assert_int_equal(c->mask_personal, 1);
	assert_int_equal(c->min_cols, 40);
	assert_int_equal(c->min_rows, 12);
	assert_null(c->clerk);   /* not given: app.c takes the login name */
	assert_string_equal(c->key_find, "/");
	assert_string_equal(c->key_accept, "a");
	assert_string_equal(c->key_decline, "d");
	assert_string_equal(c->key_quit, "q");
}

/* ---- degenerate cases ------------------------------------------------- */

static void
test_defaults(void **state)
{
	struct config	*c;

	(void)state;
	c = config_defaults();
	assert_defaults(c);
	config_free(&c);
	assert_null(c);
}

static void
test_free_null(void **state)
{
	struct config	*c = NULL;

	(void)state;
	config_free(NULL);
	config_free(&c);
	assert_null(c);
}

static void
test_null_arguments(void **state)
{
	struct config	*c = NULL;
	const char	*missing;
	char		*cause = NULL;

	(void)state;
	/* No path: defaults if optional, an error if required. */
	assert_int_equal(config_load(&c, NULL, 0, &cause), 0);
	assert_null(cause);
	assert_defaults(c);
	config_free(&c);
	assert_int_equal(config_load(&c, NULL, 1, &cause), -1);
	assert_null(c);
	assert_non_null(cause);
	free(cause);

	/* No out pointer; no cause pointer. */
	assert_int_equal(config_load(NULL, "/nonexistent", 0, &cause), -1);
	missing = util_tmp_path("missing.ini");
	assert_int_equal(config_load(&c, missing, 1, NULL), -1);
	assert_null(c);
	assert_int_equal(config_load(&c, missing, 0, NULL), 0);
	assert_defaults(c);
	config_free(&c);
}

static void
test_missing_optional(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = util_tmp_path("missing.ini");
	c = expect_ok(path, 0);
	assert_defaults(c);
	config_free(&c);
}

static void
test_missing_required(void **state)
{
	const char	*path;
	char		*sub;

	(void)state;
	path = util_tmp_path("missing.ini");
	expect_cause(path, 1, "@: No such file or directory");

	/* A missing directory on the way is just as missing. */
	sub = xasprintf("%s/no-such-dir/uplift.ini", util_tmp_dir());
	expect_cause(sub, 1, "@: No such file or directory");
	free(sub);
}

static void
test_empty_file(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = fixture("empty.ini");
	c = expect_ok(path, 1);
	assert_defaults(c);
	config_free(&c);
}

static void
test_comments_only(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = fixture("comments.ini");
	c = expect_ok(path, 1);
	assert_defaults(c);
	config_free(&c);
}

/* ---- good files ------------------------------------------------------- */

static void
test_example_asset(void **state)
{
	struct config	*c;
	const char	*path;
	char		*src, *buf;
	size_t		 len;

	(void)state;
	src = xasprintf("%s/../../assets/uplift.ini", util_testdata());
	buf = util_read_file(src, &len);
	/* Every key is documented and set: the file names each one. */
	assert_non_null(strstr(buf, "\nname ="));
	assert_non_null(strstr(buf, "\ncounter = "));
	assert_non_null(strstr(buf, "\ncurrency = "));
	assert_non_null(strstr(buf, "\nlanguage = "));
	assert_non_null(strstr(buf, "\ndatabase ="));
	assert_non_null(strstr(buf, "\nmax_suggestions = "));
	assert_non_null(strstr(buf, "\nupgrade_cap_percent = "));
	assert_non_null(strstr(buf, "\n[hotel]\n"));
	assert_non_null(strstr(buf, "\ncooldown_days = "));
	assert_non_null(strstr(buf, "\nrecent_days = "));
	assert_non_null(strstr(buf, "\ncolor = "));
	assert_non_null(strstr(buf, "\n; mask_personal = "));  /* not read */
	assert_non_null(strstr(buf, "\nmin_cols = "));
	assert_non_null(strstr(buf, "\nmin_rows = "));
	path = util_tmp_write_mode("uplift.ini", buf, len, 0644);
	c = expect_ok(path, 1);
	assert_defaults(c);	/* the documented defaults are the real ones */
	config_free(&c);
	free(buf);
	free(src);
}

static void
test_all_values(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = fixture("values.ini");
	c = expect_ok(path, 1);
	assert_string_equal(c->shop_name, "Corner Store #1; best");
	assert_string_equal(c->counter, "till 2");
	assert_string_equal(c->currency, "EUR");
	assert_string_equal(c->language, "bn");
	assert_string_equal(c->db_path, "C:\\shop\\\"data\"\\");
	assert_int_equal(c->max_suggestions, 10);
	assert_int_equal(c->upgrade_cap_percent, 0);
	assert_int_equal(c->hotel_cap_percent, 40);  /* apart from [scorer] */
	assert_int_equal(c->cooldown_days, 3650);
	assert_int_equal(c->recent_days, 365);
	assert_int_equal(c->color, CONFIG_COLOR_NEVER);
	assert_int_equal(c->mask_personal, 0);
	assert_int_equal(c->min_cols, 40);
	assert_int_equal(c->min_rows, 200);
	config_free(&c);
}

static void
test_unicode_names(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = fixture("unicode.ini");
	c = expect_ok(path, 1);
	assert_string_equal(c->shop_name,
	    "\xe0\xa6\x86\xe0\xa6\xab\xe0\xa6\x97\xe0\xa6\xbe\xe0\xa6\xa8"
	    "\xe0\xa6\xbf\xe0\xa6\xb8\xe0\xa7\x8d\xe0\xa6\xa4\xe0\xa6\xbe"
	    "\xe0\xa6\xa8 \xe0\xa6\xb8\xe0\xa7\x8d\xe0\xa6\x9f\xe0\xa7\x8b"
	    "\xe0\xa6\xb0");
	assert_string_equal(c->counter, "\xe0\xaa\x85\xe0\xaa\xab\xe0\xaa\x97"
	    "\xe0\xaa\xbe\xe0\xaa\xa8\xe0\xaa\xbf\xe0\xaa\xb8\xe0\xab\x8d"
	    "\xe0\xaa\xa4\xe0\xaa\xbe\xe0\xaa\xa8 2");
	config_free(&c);
}

static void
test_quoting_and_comments(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	/*
	 * A trailing backslash: iniparser would join the next line to it, so
	 * it is refused, quoted it is fine.  Both quote kinds unquoted, #
	 * inline comment, spaces kept in quotes, spaces around a section
	 * name, a value with '='.
	 */
	path = write_str("backslash.ini",
	    "[ store ]\n"
	    "database = /srv/x\\\n"
	    "[shop]\n"
	    "name = a\"b'c\\  \n"
	    "; a comment \\\n");
	expect_cause(path, 1, "@:2: ends with a backslash, which iniparser "
	    "reads as joining the next line; quote the value\n"
	    "@:4: ends with a backslash, which iniparser reads as joining the "
	    "next line; quote the value\n"
	    "@:5: ends with a backslash, which iniparser reads as joining the "
	    "next line, even in a comment; end the line otherwise");
	path = write_str("quote.ini",
	    "[ store ]\n"
	    "database = '/srv/x\\'\n"
	    "[shop]\n"
	    "name = a\"b'c\\ ;\n"
	    "counter = till # 3\n"
	    "currency = 'inr'\n"
	    "[scorer]\n"
	    "max_suggestions = 2\n");
	c = expect_ok(path, 1);
	assert_string_equal(c->db_path, "/srv/x\\");
	assert_string_equal(c->shop_name, "a\"b'c\\");
	assert_string_equal(c->counter, "till");
	assert_string_equal(c->currency, "INR");
	assert_int_equal(c->max_suggestions, 2);
	config_free(&c);

	path = write_str("spaces.ini",
	    "[shop]\n"
	    "name = \"  a = b  \"  ; kept as written\n"
	    "counter=\"\"\n");
	expect_cause(path, 1, "@:3: [shop] counter: must not be empty");

	path = write_str("spaces2.ini",
	    "[shop]\n"
	    "name = \"  a = b  \"  ; kept as written\n");
	c = expect_ok(path, 1);
	assert_string_equal(c->shop_name, "  a = b  ");
	config_free(&c);
}

static void
test_booleans(void **state)
{
	static const struct {
		const char	*word;
		int		 value;
	} t[] = {
		{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
		{ "on", 1 }, { "off", 0 }, { "1", 1 }, { "0", 0 },
		{ "YES", 1 }, { "Off", 0 }, { "True", 1 },
	};
	struct config	*c;
	const char	*path;
	char		*text;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		text = xasprintf("[display]\nmask_personal = %s\n", t[i].word);
		path = util_tmp_text("bool.ini", text);
		c = expect_ok(path, 1);
		assert_int_equal(c->mask_personal, t[i].value);
		config_free(&c);
		free(text);
	}
	path = write_str("bool-bad.ini", "[display]\nmask_personal = 2\n");
	expect_cause(path, 1, "@:2: [display] mask_personal: \"2\" is not "
	    "yes|no|true|false|on|off|1|0");
}

static void
test_enumerations(void **state)
{
	static const char *const colors[] = { "auto", "always", "never" };
	static const char *const langs[] = { "en", "bn", "gu" };
	struct config	*c;
	const char	*path;
	char		*text;
	size_t		 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		text = xasprintf("[display]\ncolor = %s\n[shop]\n"
		    "language = %s\n", colors[i], langs[i]);
		path = util_tmp_text("enum.ini", text);
		c = expect_ok(path, 1);
		assert_int_equal(c->color, (int)i);
		assert_string_equal(c->language, langs[i]);
		config_free(&c);
		free(text);
	}
}

/* ---- reliability.md's bad INI inputs ---------------------------------- */

static void
test_cve_2023_33461(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("cve-2023-33461.ini");
	expect_cause(path, 1, "@:1: unknown section [sales]\n"
	    "@:3: unknown section [sales:evil]");

	/* The same shape on one of our own sections. */
	path = fixture("cve-our-section.ini");
	expect_cause(path, 1, "@:3: unknown section [scorer:evil]");

	/* A key that looks like "section:key". */
	path = write_str("colon-key.ini",
	    "[scorer]\nmax_suggestions = 4\nscorer:max_suggestions = 5\n"
	    "[display:color]\n");
	expect_cause(path, 1,
	    "@:3: unknown key 'scorer:max_suggestions' in [scorer]\n"
	    "@:4: unknown section [display:color]");
}

static void
test_line_too_long(void **state)
{
	const char	*path;
	char		*buf, *p;

	(void)state;
	buf = xmalloc(8192);
	p = buf;
	p += snprintf(p, 64, "[shop]\n");
	*p++ = ';';			/* line 2: 1,025 bytes */
	memset(p, 'x', 1024);
	p += 1024;
	p += snprintf(p, 64, "\nname = ok\n");	/* line 3 */
	memset(p, 'y', 1025);		/* line 4: 1,025 bytes + CRLF */
	p += 1025;
	p += snprintf(p, 64, "\r\nbogus\n");	/* line 5 */
	path = util_tmp_write("long.ini", buf, (size_t)(p - buf));
	expect_cause(path, 1, "@:2: line longer than 1022 bytes (1025); "
	    "iniparser cannot read it\n"
	    "@:4: line longer than 1022 bytes (1026 with its CR); iniparser "
	    "cannot read it\n"
	    "@:5: expected key = value");

	/* A last line without a newline counts too. */
	p = buf;
	p += snprintf(p, 64, "[shop]\n");
	memset(p, '#', 1025);
	p += 1025;
	path = util_tmp_write("long-last.ini", buf, (size_t)(p - buf));
	expect_cause(path, 1, "@:2: line longer than 1022 bytes (1025); "
	    "iniparser cannot read it");
	free(buf);
}

static void
test_line_1022_is_fine(void **state)
{
	struct config	*c;
	const char	*path;
	char		*buf, *p;

	(void)state;
	/*
	 * 1,022 bytes is what iniparser reads whole (a CR counts): a comment
	 * and its CR, and "database = " + 1,000 bytes + 11 spaces.
	 */
	buf = xmalloc(8192);
	p = buf;
	*p++ = ';';
	memset(p, 'c', 1020);
	p += 1020;
	p += snprintf(p, 64, "\r\n[store]\r\ndatabase = ");
	memset(p, 'd', 1000);
	p += 1000;
	memset(p, ' ', 11);
	p += 11;
	*p++ = '\n';
	path = util_tmp_write("1022.ini", buf, (size_t)(p - buf));
	c = expect_ok(path, 1);
	assert_non_null(c->db_path);
	assert_int_equal(strlen(c->db_path), 1000);
	assert_int_equal(c->db_path[999], 'd');
	config_free(&c);

	/* A value of 1,001 bytes is one too many. */
	p = buf;
	p += snprintf(p, 64, "[store]\ndatabase=");
	memset(p, 'd', 1001);
	p += 1001;
	path = util_tmp_write("1001.ini", buf, (size_t)(p - buf));
	expect_cause(path, 1,
	    "@:2: [store] database: value longer than 1000 bytes");
	free(buf);
}

/* The problems of escape.ini's lines but 2 and 16 (test_escape_bytes). */
#define ESCAPE_VALUES \
	    "@:3: unknown key '\xef\xbf\xbd]8;;http://evil.example/\xef\xbf\xbd" \
	    "Pay\xef\xbf\xbd]8;;\xef\xbf\xbd' in [shop]\n" \
	    "@:4: [shop] name: contains a control or formatting character " \
	    "(U+001B at byte 1)\n" \
	    "@:5: [shop] counter: contains a control or formatting character " \
	    "(U+000D at byte 4)\n" \
	    "@:6: unknown key 'invoice\xef\xbf\xbdtxt' in [shop]\n" \
	    "@:7: unknown key '\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "31m' " \
	    "in [shop]\n" \
	    "@:8: [shop] language: \"\xef\xbf\xbd[21t\" is not one of " \
	    "en|bn|gu\n" \
	    "@:10: [scorer] max_suggestions: \"a\xef\xbf\xbd\xef\xbf\xbd" \
	    "\xef\xbf\xbdXYZ\" is not a whole number\n" \
	    "@:11: [scorer] recent_days: \"\xef\xbf\xbd\" is not a whole " \
	    "number\n" \
	    "@:12: unknown section [\xef\xbf\xbd[31mRED]\n" \
	    "@:15: [display] color: \"\xef\xbf\xbd" "31m\" is not one of " \
	    "auto|always|never"

static void
test_escape_bytes(void **state)
{
	static const char text[] =
	    "[shop]\n"						/* 1 */
	    "\x1b]0;PWNED\x07\n"				/* 2 */
	    "\x1b]8;;http://evil.example/\x07Pay\x1b]8;;\x07 = x\n" /* 3 */
	    "name = \x1b[2Jx\n"					/* 4 */
	    "counter = abc\rXYZ\n"				/* 5 */
	    "invoice\xe2\x80\xaetxt = 1\n"			/* 6 */
	    "\xc0\xaf\x9b" "31m = 1\n"				/* 7 */
	    "language = \x1b[21t\n"				/* 8 */
	    "[scorer]\n"					/* 9 */
	    "max_suggestions = a\b\b\bXYZ\n"			/* 10 */
	    "recent_days = \x7f\n"				/* 11 */
	    "[\x1b[31mRED]\n"					/* 12 */
	    "\x1b]52;c;SGVsbG8=\x07\n"				/* 13 */
	    "[display]\n"					/* 14 */
	    "color = \xc2\x9b" "31m\n"				/* 15 */
	    "\x1b[2J\n";					/* 16 */
	struct config	 sentinel, *c = &sentinel;
	const char	*path;
	char		*cause = NULL, *want, text2[sizeof text];

	(void)state;
	path = write_str("escape.ini", text);
	assert_int_equal(config_load(&c, path, 1, &cause), -1);
	assert_null(c);
	assert_non_null(cause);
	assert_clean_text(cause);
	/*
	 * Lines 2 and 16 are not INI: iniparser reads the file without them,
	 * so the others' problems are all listed too (lines 3-8, 10-12, 15;
	 * line 13 is inside the unknown section).  Bad bytes became the
	 * visible placeholder, not nothing.
	 */
	assert_int_equal(count_lines(cause), 12);
	want = subst("@:2: expected key = value\n"
	    ESCAPE_VALUES "\n"
	    "@:16: expected key = value", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	/* With those two made comments, the same values are listed. */
	memcpy(text2, text, sizeof text);
	text2[7] = ';';			/* line 2 */
	text2[sizeof text - 6] = ';';	/* line 16 */
	path = write_str("escape2.ini", text2);
	assert_int_equal(config_load(&c, path, 1, &cause), -1);
	assert_null(c);
	assert_clean_text(cause);
	assert_int_equal(count_lines(cause), 10);
	want = subst(ESCAPE_VALUES, path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
}

static void
test_escape_in_path(void **state)
{
	const char	*path;
	char		*cause = NULL;
	struct config *c = NULL;

	(void)state;
	/* A file name holding an OSC title sequence, missing and present. */
	path = util_tmp_path("\x1b]0;PWNED\x07.ini");
	assert_int_equal(config_load(&c, path, 1, &cause), -1);
	assert_clean_text(cause);
	assert_non_null(strstr(cause, "\xef\xbf\xbd]0;PWNED\xef\xbf\xbd.ini: "
	    "No such file or directory"));
	free(cause);

	path = util_tmp_write_mode("\x1b[2J\r.ini", "[x]\n", 4, 0666);
	assert_int_equal(config_load(&c, path, 1, &cause), -1);
	assert_clean_text(cause);
	assert_non_null(strstr(cause, "is writable by group or others; "
	    "chmod go-w "));
	free(cause);
}

static void
test_out_of_range(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("out-of-range.ini");
	expect_cause(path, 1,
	    "@:2: [scorer] max_suggestions: 11 is out of range 1..10\n"
	    "@:3: [scorer] upgrade_cap_percent: -1 is out of range 0..500\n"
	    "@:4: [scorer] cooldown_days: 3651 is out of range 0..3650\n"
	    "@:5: [scorer] recent_days: 366 is out of range 0..365\n"
	    "@:7: [display] min_cols: 39 is out of range 40..500\n"
	    "@:8: [display] min_rows: 201 is out of range 12..200");
}

static void
test_not_a_number(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("not-a-number.ini");
	expect_cause(path, 1,
	    "@:2: [scorer] max_suggestions: \"3x\" is not a whole number\n"
	    "@:3: [scorer] upgrade_cap_percent: empty, expected a whole "
	    "number in 0..500\n"
	    "@:4: [scorer] cooldown_days: \"0x10\" is not a whole number\n"
	    "@:5: [scorer] recent_days: \"1.5\" is not a whole number\n"
	    "@:7: [display] min_cols: \"-\" is not a whole number\n"
	    "@:8: [display] min_rows: \"2 4\" is not a whole number");
}

static void
test_overflow(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("overflow.ini");
	expect_cause(path, 1,
	    "@:2: [scorer] max_suggestions: 99999999999999999999 is out of "
	    "range 1..10\n"
	    "@:3: [scorer] cooldown_days: -99999999999999999999 is out of "
	    "range 0..3650");

	/* LONG_MAX fits a long but not the range (nor an int). */
	path = write_str("long-max.ini",
	    "[scorer]\nrecent_days = 9223372036854775807\n"
	    "max_suggestions = 9223372036854775808\n");
	expect_cause(path, 1,
	    "@:2: [scorer] recent_days: 9223372036854775807 is out of range "
	    "0..365\n"
	    "@:3: [scorer] max_suggestions: 9223372036854775808 is out of "
	    "range 1..10");
}

static void
test_bad_words(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("bad-words.ini");
	expect_cause(path, 1,
	    "@:2: [shop] currency: \"pounds\" is not a three-letter ISO 4217 "
	    "code such as GBP\n"
	    "@:3: [shop] language: \"fr\" is not one of en|bn|gu\n"
	    "@:5: [display] color: \"blue\" is not one of auto|always|never\n"
	    "@:6: [display] mask_personal: \"maybe\" is not "
	    "yes|no|true|false|on|off|1|0");
}

static void
test_crlf(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = write_str("crlf.ini",
	    "; windows\r\n[scorer]\r\nmax_suggestions = 5\r\n"
	    "[display]\r\ncolor = never\r\nmask_personal = no\r\n");
	c = expect_ok(path, 1);
	assert_int_equal(c->max_suggestions, 5);
	assert_int_equal(c->color, CONFIG_COLOR_NEVER);
	assert_int_equal(c->mask_personal, 0);
	config_free(&c);

	/* Mixed line ends; the line numbers stay right. */
	path = write_str("crlf-bad.ini",
	    "[scorer]\r\nmax_suggestions = 5\nrecent_days = 900\r\n"
	    "\r\n; what\r\n[shop]\r\nname = \"a\rb\"\r\n");
	expect_cause(path, 1,
	    "@:3: [scorer] recent_days: 900 is out of range 0..365\n"
	    "@:7: [shop] name: contains a control or formatting character "
	    "(U+000D at byte 2)");
	path = write_str("crlf-bad2.ini",
	    "[scorer]\r\nmax_suggestions = 5\nrecent_days = 900\r\n"
	    "\r\nwhat\r\n");
	expect_cause(path, 1,
	    "@:3: [scorer] recent_days: 900 is out of range 0..365\n"
	    "@:5: expected key = value");
}

static void
test_bom(void **state)
{
	struct config	*c;
	const char	*path;

	/*
	 * iniparser 4.1 cannot read a first line that starts with a UTF-8
	 * byte order mark: the wrapper skips it, iniparser reading a copy
	 * without it.
	 */
	(void)state;
	path = write_str("bom.ini",
	    "\xef\xbb\xbf[scorer]\nmax_suggestions = 4\n");
	c = expect_ok(path, 1);
	assert_int_equal(c->max_suggestions, 4);
	config_free(&c);

	/* The BOM is not part of the first line's text. */
	path = write_str("bom-bad.ini", "\xef\xbb\xbf[bad]\r\n");
	expect_cause(path, 1, "@:1: unknown section [bad]");

	/* A key on the first line, right after the BOM. */
	path = write_str("bom-key.ini", "\xef\xbb\xbfname = x\n");
	expect_cause(path, 1, "@:1: key 'name' is outside any section");

	/* BOM and CRLF together, error on line 3 (a value iniparser read). */
	path = write_str("bom-crlf.ini",
	    "\xef\xbb\xbf; c\r\n[scorer]\r\nmax_suggestions = 0\r\n");
	expect_cause(path, 1,
	    "@:3: [scorer] max_suggestions: 0 is out of range 1..10");

	/* BOM, then several sections: every value is iniparser's. */
	path = write_str("bom-more.ini", "\xef\xbb\xbf[scorer]\r\n"
	    "max_suggestions = 7\r\n[shop]\r\nname = \"Bom ; shop\"\r\n");
	c = expect_ok(path, 1);
	assert_int_equal(c->max_suggestions, 7);
	assert_string_equal(c->shop_name, "Bom ; shop");
	config_free(&c);

	/* CVE-2023-33461 after a BOM: iniparser reads the copy, the same
	 * clear error. */
	path = write_str("bom-cve.ini",
	    "\xef\xbb\xbf[scorer]\nmax_suggestions = 4\n[scorer:evil]\n");
	expect_cause(path, 1, "@:3: unknown section [scorer:evil]");

	/* Only a BOM: an empty config. */
	path = write_str("bom-only.ini", "\xef\xbb\xbf");
	c = expect_ok(path, 1);
	assert_defaults(c);
	config_free(&c);

	/* A BOM elsewhere is not stripped. */
	path = write_str("bom-2.ini", "[shop]\n\xef\xbb\xbfname = x\n");
	expect_cause(path, 1, "@:2: unknown key '\xef\xbf\xbdname' in [shop]");
}

static void
test_utf16(void **state)
{
	const char	*path;

	(void)state;
	path = write_str("utf16.ini", "\xff\xfe[\0s\0h\0o\0p\0]\0\n\0");
	expect_cause(path, 1, "@: is UTF-16; save it as UTF-8");
}

static void
test_duplicate_key(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("duplicate-key.ini");
	expect_cause(path, 1,
	    "@:4: duplicate key 'MAX_SUGGESTIONS' (first at line 2)\n"
	    "@:5: duplicate key 'max_suggestions' (first at line 2)");

	path = fixture("duplicate-section.ini");
	expect_cause(path, 1,
	    "@:5: duplicate section [scorer] (first at line 1)");

	/* A duplicate across a repeated section is still a duplicate. */
	path = write_str("dup-across.ini",
	    "[scorer]\nrecent_days = 1\n[scorer]\nrecent_days = 2\n");
	expect_cause(path, 1,
	    "@:3: duplicate section [scorer] (first at line 1)\n"
	    "@:4: duplicate key 'recent_days' (first at line 2)");
}

static void
test_unknown(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("unknown.ini");
	expect_cause(path, 1,
	    "@:1: key 'timeout' is outside any section\n"
	    "@:3: unknown key 'nmae' in [shop]\n"
	    "@:4: unknown section [colours]\n"
	    "@:7: unknown key 'colour' in [display]");

	path = write_str("empty-section.ini", "[]\n[ ]\n");
	expect_cause(path, 1, "@:1: unknown section []\n"
	    "@:2: unknown section []");
}

static void
test_syntax(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("syntax.ini");
	expect_cause(path, 1,
	    "@:2: expected key = value\n"
	    "@:3: expected key = value\n"
	    "@:4: expected [section]\n"
	    "@:5: missing closing \"\n"
	    "@:6: text after the closing \"");

	path = write_str("nul.ini", "[shop]\nname = a\0b\n[\0]\n");
	expect_cause(path, 1, "@:2: contains a NUL byte\n"
	    "@:3: contains a NUL byte");
}

static void
test_strings(void **state)
{
	const char	*path;

	(void)state;
	path = fixture("strings.ini");
	/* an empty name is "not given" (the database's file name) */
	expect_cause(path, 1,
	    "@:3: [shop] counter: longer than 100 bytes");

	path = write_str("utf8.ini",
	    "[shop]\nname = caf\xc3\n counter = \"a\tb\"\n"
	    "[store]\ndatabase = /tmp/\xe2\x80\x8b" "x\n");
	expect_cause(path, 1,
	    "@:2: [shop] name: not valid UTF-8 (byte 4)\n"
	    "@:3: [shop] counter: contains a control or formatting character "
	    "(U+0009 at byte 2)\n"
	    "@:5: [store] database: contains a control or formatting "
	    "character (U+200B at byte 6)");

	path = write_str("currency.ini", "[shop]\ncurrency = G1P\n");
	expect_cause(path, 1, "@:2: [shop] currency: \"G1P\" is not a "
	    "three-letter ISO 4217 code such as GBP");
}

static void
test_errors_in_line_order(void **state)
{
	const char	*path;

	(void)state;
	/*
	 * Value errors (found after the scan) and scan errors interleave.
	 * mixed.ini's last line is not INI: iniparser reads the file without
	 * it, so the other lines' values are still checked and listed.
	 */
	path = fixture("mixed.ini");
	expect_cause(path, 1,
	    "@:2: [scorer] max_suggestions: 0 is out of range 1..10\n"
	    "@:3: unknown key 'bogus' in [scorer]\n"
	    "@:4: [scorer] recent_days: 400 is out of range 0..365\n"
	    "@:6: [display] color: \"sometimes\" is not one of "
	    "auto|always|never\n"
	    "@:7: expected key = value");
	path = write_str("mixed2.ini",
	    "[scorer]\nmax_suggestions = 0\nbogus = 1\nrecent_days = 400\n"
	    "[display]\ncolor = sometimes\n");
	expect_cause(path, 1,
	    "@:2: [scorer] max_suggestions: 0 is out of range 1..10\n"
	    "@:3: unknown key 'bogus' in [scorer]\n"
	    "@:4: [scorer] recent_days: 400 is out of range 0..365\n"
	    "@:6: [display] color: \"sometimes\" is not one of "
	    "auto|always|never");
}

/*
 * Issue 15's INI regressions, (c): when some lines are not INI (not key =
 * value, too long, ending in a backslash, an unclosed quote, a NUL byte),
 * iniparser reads the file without them, so the other lines' value errors
 * are all listed beside them in one report, not only the bad lines.
 */
static void
test_values_listed_beside_bad_lines(void **state)
{
	char		*buf, *p;
	const char	*path;

	(void)state;
	buf = xmalloc(4096);
	p = buf;
	p += sprintf(p, "\xef\xbb\xbf[scorer]\n"	/* 1, after a BOM */
	    "max_suggestions = 0\n"			/* 2 */
	    "not ini\n"					/* 3 */
	    "recent_days = 400\n"			/* 4 */
	    "cooldown_days = x\\\n"			/* 5 */
	    "lapse_cycles = \"3\n"			/* 6 */
	    "min_pair_orders = 0\n"			/* 7 */
	    "; ");					/* 8 */
	memset(p, 'x', 1100);
	p += 1100;
	p += sprintf(p, "\n[display]\n"			/* 9 */
	    "color = sometimes\n"			/* 10 */
	    "min_rows = 3");				/* 11, no LF */
	path = util_tmp_write("bad-lines.ini", buf, (size_t)(p - buf));
	expect_cause(path, 1,
	    "@:2: [scorer] max_suggestions: 0 is out of range 1..10\n"
	    "@:3: expected key = value\n"
	    "@:4: [scorer] recent_days: 400 is out of range 0..365\n"
	    "@:5: ends with a backslash, which iniparser reads as joining the "
	    "next line; quote the value\n"
	    "@:6: missing closing \"\n"
	    "@:7: [scorer] min_pair_orders: 0 is out of range 1..1000000\n"
	    "@:8: line longer than 1022 bytes (1102); iniparser cannot read "
	    "it\n"
	    "@:10: [display] color: \"sometimes\" is not one of "
	    "auto|always|never\n"
	    "@:11: [display] min_rows: 3 is out of range 12..200");

	/* A NUL byte on one line; the next line's value still checked. */
	path = util_tmp_write("nul-line.ini", "[scorer]\nre\0cent = 1\n"
	    "recent_days = 400\n", 39);
	expect_cause(path, 1, "@:2: contains a NUL byte\n"
	    "@:3: [scorer] recent_days: 400 is out of range 0..365");
	free(buf);
}

/*
 * (a) A line iniparser 4.1 cannot read whole (over 1,022 bytes; it would
 * refuse the whole file) is named with its length, the CR of a CRLF line
 * counted, so that a 1,022-byte line with CRLF is not a puzzle; its value
 * is never taken cut short.
 */
static void
test_long_line_says_length(void **state)
{
	char		*buf, *p;
	const char	*path;

	(void)state;
	buf = xmalloc(4096);
	p = buf;
	p += sprintf(p, "[store]\r\ndatabase = /");
	memset(p, 'd', 1010);
	p += 1010;
	p += sprintf(p, "\r\n[shop]\r\ncounter = x\r\n");
	path = util_tmp_write("long-crlf.ini", buf, (size_t)(p - buf));
	expect_cause(path, 1, "@:2: line longer than 1022 bytes (1023 with its "
	    "CR); iniparser cannot read it");
	free(buf);
}

/*
 * (b) A backslash at the end of a line joins the next one to it in
 * iniparser, whatever the line: a value ending in one is to be quoted
 * (then it is kept); a comment, a comment after a quoted value or a
 * section line ending in one is refused with its own advice.
 */
static void
test_backslash_kinds(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = write_str("bs-kinds.ini",
	    "; a comment \\\n"				/* 1 */
	    "[store] \\\n"				/* 2 */
	    "[shop]\n"					/* 3 */
	    "name = 'a\\' ; was c:\\\n"			/* 4 */
	    "counter = till ; see \\\n"			/* 5 */
	    "clerk = ann\\\n");				/* 6 */
	expect_cause(path, 1,
	    "@:1: ends with a backslash, which iniparser reads as joining the "
	    "next line, even in a comment; end the line otherwise\n"
	    "@:2: ends with a backslash, which iniparser reads as joining the "
	    "next line; end the line otherwise\n"
	    "@:4: ends with a backslash, which iniparser reads as joining the "
	    "next line, even in a comment; end the line otherwise\n"
	    "@:5: ends with a backslash, which iniparser reads as joining the "
	    "next line, even in a comment; end the line otherwise\n"
	    "@:6: ends with a backslash, which iniparser reads as joining the "
	    "next line; quote the value");
	path = write_str("bs-quoted.ini",
	    "[store]\ndatabase = \"/srv/x\\\\\"\n[shop]\nname = 'a\\' ; ok\n");
	c = expect_ok(path, 1);
	assert_string_equal(c->db_path, "/srv/x\\\\");
	assert_string_equal(c->shop_name, "a\\");
	config_free(&c);
}

static void
test_many_errors(void **state)
{
	static const int counts[] = { 20, 21, 25 };
	const char	*path;
	char		*text, *t, *cause = NULL, *want, *line;
	struct config *c = NULL;
	int		 n, i, j;

	(void)state;
	for (i = 0; i < 3; i++) {
		n = counts[i];
		text = xstrdup("[shop]\n");
		for (j = 0; j < n; j++) {
			t = xasprintf("%sbogus%d = 1\n", text, j);
			free(text);
			text = t;
		}
		path = util_tmp_text("many.ini", text);
		assert_int_equal(config_load(&c, path, 1, &cause), -1);
		assert_clean_text(cause);
		assert_int_equal(count_lines(cause), n > 20 ? 21 : n);
		line = xasprintf("%s:2: unknown key 'bogus0' in [shop]\n", path);
		assert_true(strncmp(cause, line, strlen(line)) == 0);
		free(line);
		line = xasprintf("\n%s:21: unknown key 'bogus19' in [shop]",
		    path);
		assert_non_null(strstr(cause, line));
		free(line);
		if (n > 20) {
			want = xasprintf("\n... and %d more", n - 20);
			assert_non_null(strstr(cause, want));
			assert_string_equal(strstr(cause, want), want);
			free(want);
		} else
			assert_null(strstr(cause, "more"));
		free(cause);
		free(text);
	}

	/*
	 * A value error on line 2 is found after 25 scan errors below it:
	 * it still comes first, and the 20 kept are the first 20 lines.
	 */
	text = xstrdup("[scorer]\nmax_suggestions = 99\n");
	for (i = 0; i < 25; i++) {
		t = xasprintf("%sbogus%d = 1\n", text, i);
		free(text);
		text = t;
	}
	path = util_tmp_text("many2.ini", text);
	assert_int_equal(config_load(&c, path, 1, &cause), -1);
	want = xasprintf("%s:2: [scorer] max_suggestions: 99 is out of range "
	    "1..10\n%s:3: unknown key 'bogus0' in [scorer]\n", path, path);
	assert_true(strncmp(cause, want, strlen(want)) == 0);
	free(want);
	want = xasprintf("\n%s:21: unknown key 'bogus18' in [scorer]\n"
	    "... and 6 more", path);
	assert_non_null(strstr(cause, want));
	assert_string_equal(strstr(cause, want), want);
	assert_int_equal(count_lines(cause), 21);
	free(want);
	free(cause);
	free(text);
}

/* ---- the file itself -------------------------------------------------- */

static void
test_permissions(void **state)
{
	struct config	*c;
	const char	*path;

	(void)state;
	path = util_tmp_write_mode("world.ini", "[scorer]\n", 9, 0646);
	expect_cause(path, 1,
	    "@: is writable by group or others; chmod go-w @");
	/* Refused even when the file is optional. */
	expect_cause(path, 0,
	    "@: is writable by group or others; chmod go-w @");

	path = util_tmp_write_mode("group.ini", "[scorer]\n", 9, 0620);
	expect_cause(path, 1,
	    "@: is writable by group or others; chmod go-w @");

	path = util_tmp_write_mode("ok644.ini", "[scorer]\n", 9, 0644);
	c = expect_ok(path, 1);
	config_free(&c);

	path = util_tmp_write_mode("ok400.ini", "[scorer]\n", 9, 0400);
	c = expect_ok(path, 1);
	config_free(&c);
}

static void
test_symlink(void **state)
{
	const char	*target, *link, *dangling;

	(void)state;
	target = fixture("values.ini");
	link = util_tmp_path("link.ini");
	assert_int_equal(symlink(target, link), 0);
	expect_cause(link, 1, "@: is a symlink");
	expect_cause(link, 0, "@: is a symlink");

	/* A dangling link is a symlink, not a missing file. */
	dangling = util_tmp_path("dangling.ini");
	assert_int_equal(symlink("/nonexistent/uplift.ini", dangling), 0);
	expect_cause(dangling, 0, "@: is a symlink");
}

static void
test_not_regular(void **state)
{
	const char	*dir, *fifo;

	(void)state;
	dir = util_tmp_path("dir.ini");
	assert_int_equal(mkdir(dir, 0700), 0);
	expect_cause(dir, 1, "@: is not a regular file");
	expect_cause(dir, 0, "@: is not a regular file");

	/* A FIFO with no writer must not block. */
	fifo = util_tmp_path("fifo.ini");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	expect_cause(fifo, 1, "@: is not a regular file");

	expect_cause("/dev/null", 1, "@: is not a regular file");
}

static void
test_size_cap(void **state)
{
	struct config	*c;
	const char	*path;
	char		*buf;
	size_t		 i;

	(void)state;
	/* Exactly 1 MiB of comment lines (64 bytes each) is allowed. */
	buf = xmalloc(MIB + 1);
	for (i = 0; i < MIB; i += 64) {
		memset(buf + i, '#', 63);
		buf[i + 63] = '\n';
	}
	path = util_tmp_write("1mib.ini", buf, MIB);
	c = expect_ok(path, 1);
	assert_defaults(c);
	config_free(&c);

	buf[MIB] = '\n';
	path = util_tmp_write("1mib+1.ini", buf, MIB + 1);
	expect_cause(path, 1, "@: is larger than 1 MiB (1048576 bytes)");
	free(buf);
}

static void
test_garbage_is_bounded(void **state)
{
	struct config	*c = NULL;
	const char	*path;
	char		*buf, *cause = NULL;
	size_t		 i;
	uint32_t	 x = 12345;

	(void)state;
	/* 256 KiB of pseudo-random bytes: an error, clean text, 21 lines. */
	buf = xmalloc(256 * 1024);
	for (i = 0; i < 256 * 1024; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (char)(x >> 16);
	}
	buf[0] = '[';			/* not UTF-16 by accident */
	path = util_tmp_write("garbage.ini", buf, 256 * 1024);
	assert_int_equal(config_load(&c, path, 1, &cause), -1);
	assert_null(c);
	assert_clean_text(cause);
	assert_int_equal(count_lines(cause), 21);
	assert_non_null(strstr(cause, "\n... and "));
	free(cause);
	free(buf);
}

/* ---- config_default_path ---------------------------------------------- */

static void
restore_env(const char *name, char *saved)
{
	if (saved != NULL)
		setenv(name, saved, 1);
	else
		unsetenv(name);
	free(saved);
}

static void
test_default_path(void **state)
{
	char	*xdg, *home, *p;

	(void)state;
	xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) :
	    NULL;
	home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_null(config_default_path());

	setenv("HOME", "", 1);
	assert_null(config_default_path());

	setenv("HOME", "/home/mira", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/mira/.config/uplift/uplift.ini");
	free(p);

	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	p = config_default_path();
	assert_string_equal(p, "/xdg/uplift/uplift.ini");
	free(p);

	/* Empty or relative XDG_CONFIG_HOME is ignored (XDG spec). */
	setenv("XDG_CONFIG_HOME", "", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/mira/.config/uplift/uplift.ini");
	free(p);
	setenv("XDG_CONFIG_HOME", "rel/dir", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/mira/.config/uplift/uplift.ini");
	free(p);

	unsetenv("HOME");
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	p = config_default_path();
	assert_string_equal(p, "/xdg/uplift/uplift.ini");
	free(p);

	restore_env("XDG_CONFIG_HOME", xdg);
	restore_env("HOME", home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_missing_optional),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_comments_only),
		cmocka_unit_test(test_example_asset),
		cmocka_unit_test(test_all_values),
		cmocka_unit_test(test_unicode_names),
		cmocka_unit_test(test_quoting_and_comments),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_enumerations),
		cmocka_unit_test(test_cve_2023_33461),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_line_1022_is_fine),
		cmocka_unit_test(test_escape_bytes),
		cmocka_unit_test(test_escape_in_path),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_not_a_number),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_bad_words),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_errors_in_line_order),
		cmocka_unit_test(test_values_listed_beside_bad_lines),
		cmocka_unit_test(test_long_line_says_length),
		cmocka_unit_test(test_backslash_kinds),
		cmocka_unit_test(test_many_errors),
		cmocka_unit_test(test_permissions),
		cmocka_unit_test(test_symlink),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_garbage_is_bounded),
		cmocka_unit_test(test_default_path),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
