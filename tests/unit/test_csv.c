/*
 * test_csv — the streaming CSV reader (model/csv.h) against the CSV cases
 * of reliability.md "Bad inputs".
 *
 * Readable fixtures live in tests/data/csv/; binary or invisible ones (BOM,
 * UTF-16, CR line ends, NUL, Windows-1252, gzip, huge lines) are written
 * from C byte strings into a private temporary directory at run time.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/csv.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

#define FFFD		"\xef\xbf\xbd"
#define CHUNK		(256 * 1024)	/* the reader's buffer, for edges */

/* Append to a growing string. */
static void
cat(char **s, size_t *len, const char *add, size_t n)
{
	*s = xreallocarray(*s, *len + n + 1, 1);
	memcpy(*s + *len, add, n);
	*len += n;
	(*s)[*len] = '\0';
}

/*
 * Read every record of path into "LINE:[f1|f2|...]\n" lines; on error the
 * message is stored in *err (else *err is NULL).  Checks the accessors
 * agree with each other on the way.
 */
static char *
dump(const char *path, char delim, const struct csv_limits *lim,
    char **err)
{
	struct csv	*c;
	char		*out = NULL, *cause = NULL, head[64];
	size_t		 len = 0, i, flen;
	const char	*f;
	long		 n = 0;
	int		 r;

	*err = NULL;
	cat(&out, &len, "", 0);
	if (csv_open(&c, path, delim, lim, &cause) != 0) {
		*err = cause;
		return out;
	}
	while ((r = csv_next(c, &cause)) == 1) {
		n++;
		assert_int_equal(csv_records(c), n);
		assert_true(csv_nfields(c) >= 1);
		snprintf(head, sizeof head, "%ld:[", csv_line(c));
		cat(&out, &len, head, strlen(head));
		for (i = 0; i < csv_nfields(c); i++) {
			f = csv_field(c, i, &flen);
			assert_int_equal(strlen(f), flen);
			if (i > 0)
				cat(&out, &len, "|", 1);
			cat(&out, &len, f, flen);
		}
		cat(&out, &len, "]\n", 2);
	}
	if (r == -1) {
		assert_non_null(cause);
		*err = cause;
	} else {
		assert_int_equal(r, 0);
		assert_null(cause);
		assert_int_equal(csv_next(c, &cause), 0);
		assert_int_equal(csv_offset(c), csv_size(c));
	}
	csv_close(&c);
	assert_null(c);
	return out;
}

/* Expect the records of path to be exactly want and no error. */
static void
check_records_full(const char *path, char delim,
    const struct csv_limits *lim, const char *want)
{
	char	*got, *err;

	got = dump(path, delim, lim, &err);
	if (err != NULL)
		fail_msg("unexpected error: %s", err);
	assert_string_equal(got, want);
	free(got);
}

static void
check_records(const char *path, char delim, const char *want)
{
	check_records_full(path, delim, NULL, want);
}

static void
check_records_lim(const char *path, const struct csv_limits *lim,
    const char *want)
{
	check_records_full(path, ',', lim, want);
}

/* Expect the records want, then the error "PATH" + errsuffix. */
static void
check_error(const char *path, const struct csv_limits *lim,
    const char *want, const char *errsuffix)
{
	char	*got, *err, *full;

	got = dump(path, ',', lim, &err);
	assert_non_null(err);
	full = xasprintf("%s%s", path, errsuffix);
	assert_string_equal(err, full);
	assert_string_equal(got, want);
	free(full);
	free(err);
	free(got);
}

/* As check_error but the error need only start with "PATH" + prefix. */
static char *
check_error_prefix(const char *path, const struct csv_limits *lim,
    const char *prefix)
{
	char	*got, *err, *full;

	got = dump(path, ',', lim, &err);
	assert_non_null(err);
	full = xasprintf("%s%s", path, prefix);
	if (strncmp(err, full, strlen(full)) != 0)
		fail_msg("error \"%s\" does not start with \"%s\"", err, full);
	free(full);
	free(got);
	return err;
}

/* --- degenerate cases ----------------------------------------------- */

static void
test_close_null(void **state)
{
	struct csv	*c = NULL;

	(void)state;
	csv_close(NULL);
	csv_close(&c);
	assert_null(c);
}

static void
test_open_null_path(void **state)
{
	struct csv	*c = (struct csv *)&c;
	char		*cause = NULL;

	(void)state;
	assert_int_equal(csv_open(&c, NULL, ',', NULL, &cause), -1);
	assert_null(c);
	assert_string_equal(cause, "(null): no file name");
	free(cause);
}

static void
test_default_limits(void **state)
{
	struct csv_limits	l = csv_default_limits();

	(void)state;
	assert_int_equal(l.max_field, 65536);
	assert_int_equal(l.max_record, 1024 * 1024);
	assert_int_equal(l.max_fields, 512);
	assert_int_equal(l.max_records, 50000000L);
}

static void
test_empty_file(void **state)
{
	struct csv	*c;
	const char	*path = util_fixture("csv", "empty.csv");
	char		*cause = NULL;
	size_t		 len = 99;

	(void)state;
	assert_int_equal(csv_open(&c, path, ',', NULL, &cause), 0);
	assert_string_equal(csv_path(c), path);
	assert_int_equal(csv_size(c), 0);
	assert_int_equal(csv_next(c, &cause), 0);
	assert_null(cause);
	assert_int_equal(csv_next(c, &cause), 0);
	assert_int_equal(csv_nfields(c), 0);
	assert_int_equal(csv_records(c), 0);
	assert_int_equal(csv_offset(c), 0);
	assert_string_equal(csv_field(c, 0, &len), "");
	assert_int_equal(len, 0);
	csv_close(&c);
}

static void
test_header_only(void **state)
{
	const char	*path = util_fixture("csv", "header_only.csv");

	(void)state;
	check_records(path, ',', "1:[InvoiceNo|StockCode|Description]\n");
}

static void
test_field_out_of_range(void **state)
{
	struct csv	*c;
	const char	*path = util_fixture("csv", "header_only.csv");
	char		*cause;
	size_t		 len = 99;

	(void)state;
	assert_int_equal(csv_open(&c, path, ',', NULL, &cause), 0);
	assert_int_equal(csv_next(c, &cause), 1);
	assert_int_equal(csv_nfields(c), 3);
	assert_string_equal(csv_field(c, 2, NULL), "Description");
	assert_string_equal(csv_field(c, 3, &len), "");
	assert_int_equal(len, 0);
	assert_string_equal(csv_field(c, (size_t)-1, &len), "");
	/* the offset is exactly the bytes of the first line */
	assert_int_equal(csv_offset(c), 32);
	assert_int_equal(csv_next(c, &cause), 0);
	csv_close(&c);
}

/* --- opening: what is a file ----------------------------------------- */

static void
check_open_error(const char *path, const char *suffix)
{
	struct csv	*c = (struct csv *)&c;
	char		*cause = NULL, *want;

	assert_int_equal(csv_open(&c, path, ',', NULL, &cause), -1);
	assert_null(c);
	want = xasprintf("%s%s", path, suffix);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
}

static void
test_open_missing(void **state)
{
	(void)state;
	check_open_error(util_tmp_path("no-such.csv"),
	    ": No such file or directory");
	check_open_error("", ": No such file or directory");
}

static void
test_open_directory(void **state)
{
	(void)state;
	check_open_error(util_tmp_dir(), ": not a regular file");
}

static void
test_open_fifo(void **state)
{
	const char	*path = util_tmp_path("fifo.csv");

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	/* must not block waiting for a writer */
	check_open_error(path, ": not a regular file");
}

static void
test_open_dev_zero(void **state)
{
	(void)state;
	check_open_error("/dev/zero", ": not a regular file");
}

static void
test_open_symlink(void **state)
{
	const char	*path = util_tmp_write("target.csv", "a,b\n", 4);
	const char	*link = util_tmp_path("link.csv");
	const char	*zlink = util_tmp_path("zero-link.csv");

	(void)state;
	assert_int_equal(symlink(path, link), 0);
	check_records(link, ',', "1:[a|b]\n");
	assert_int_equal(symlink("/dev/zero", zlink), 0);
	check_open_error(zlink, ": not a regular file");
}

static void
test_open_eacces(void **state)
{
	const char	*path = util_tmp_write("secret.csv", "a\n", 2);

	(void)state;
	if (geteuid() == 0)
		skip();		/* root reads a mode 000 file anyway */
	assert_int_equal(chmod(path, 0), 0);
	check_open_error(path, ": Permission denied");
}

static void
test_open_bad_delimiter(void **state)
{
	const char	*path = util_fixture("csv", "header_only.csv");

	(void)state;
	{
		struct csv	*c;
		char		*cause, *want;

		assert_int_equal(csv_open(&c, path, '"', NULL, &cause), -1);
		want = xasprintf("%s: invalid delimiter", path);
		assert_string_equal(cause, want);
		free(want);
		free(cause);
		assert_int_equal(csv_open(&c, path, '\n', NULL, &cause), -1);
		free(cause);
	}
}

/* --- encodings ------------------------------------------------------- */

static void
test_bom(void **state)
{
	static const char	 bom[] = "\xef\xbb\xbf" "a,b\n\xef\xbb\xbf" "c\n";
	const char		*p;

	(void)state;
	p = util_tmp_write("bom.csv", bom, sizeof bom - 1);
	/* only the leading BOM is stripped; a later one is data */
	check_records(p, ',', "1:[a|b]\n2:[\xef\xbb\xbf" "c]\n");
	p = util_tmp_write("bom-only.csv", bom, 3);
	check_records(p, ',', "");
}

static void
test_utf16(void **state)
{
	static const char	le[] = "\xff\xfe" "a\0,\0b\0\n\0";
	static const char	be[] = "\xfe\xff" "\0a\0,\0b\0\n";
	static const char	nobom[] = "a\0,\0b\0\n\0";
	static const char	u32[] = "\xff\xfe\0\0" "a\0\0\0";

	(void)state;
	check_error(util_tmp_write("le.csv", le, sizeof le - 1), NULL, "",
	    ":1: file is UTF-16; save it as UTF-8");
	check_error(util_tmp_write("be.csv", be, sizeof be - 1), NULL, "",
	    ":1: file is UTF-16; save it as UTF-8");
	check_error(util_tmp_write("nobom.csv", nobom, sizeof nobom - 1), NULL,
	    "", ":1: file is UTF-16; save it as UTF-8");
	check_error(util_tmp_write("u32.csv", u32, sizeof u32 - 1), NULL, "",
	    ":1: file is UTF-32; save it as UTF-8");
}

static void
test_nul_byte(void **state)
{
	static const char	 text[] = "a,b\nc,d\0e\n";
	static const char	 elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0";
	struct csv		*c;
	const char		*p;
	char			*cause, *again;

	(void)state;
	p = util_tmp_write("nul.csv", text, sizeof text - 1);
	check_error(p, NULL, "1:[a|b]\n",
	    ":2: column 2: NUL byte (binary file?): \"d\"");
	p = util_tmp_write("elf.csv", elf, sizeof elf - 1);
	check_error(p, NULL, "",
	    ":1: column 1: NUL byte (binary file?): \"" FFFD "ELF" FFFD
	    FFFD FFFD "\"");

	/* after an error the reader stays failed with the same message */
	assert_int_equal(csv_open(&c, p, ',', NULL, &cause), 0);
	assert_int_equal(csv_next(c, &cause), -1);
	assert_int_equal(csv_nfields(c), 0);
	assert_int_equal(csv_next(c, &again), -1);
	assert_string_equal(cause, again);
	free(cause);
	free(again);
	assert_int_equal(csv_next(c, NULL), -1);
	csv_close(&c);
}

static void
test_windows_1252(void **state)
{
	/* “Café”,1 in Windows-1252 */
	static const char	 w[] = "name,price\n\x93" "Caf\xe9\x94,1\n";
	static const char	 w2[] = "name,price\n\"caf\xe9\",1\n";
	static const char	 ok[] = "\xe0\xa6\x86\xe0\xa6\xab,\xe7\x8e\x8b\n";
	static const char	 sur[] = "x,\xed\xa0\x80\n";

	(void)state;
	check_error(util_tmp_write("cp1252.csv", w, sizeof w - 1), NULL,
	    "1:[name|price]\n",
	    ":2: column 1: not valid UTF-8 (byte 0x93 at column offset 0); "
	    "save the file as UTF-8: \"" FFFD "Caf" FFFD FFFD "\"");
	check_error(util_tmp_write("cp1252q.csv", w2, sizeof w2 - 1), NULL,
	    "1:[name|price]\n",
	    ":2: column 1: not valid UTF-8 (byte 0xe9 at column offset 3); "
	    "save the file as UTF-8: \"caf" FFFD "\"");
	check_error(util_tmp_write("surrogate.csv", sur, sizeof sur - 1), NULL,
	    "", ":1: column 2: not valid UTF-8 (byte 0xed at column offset 0)"
	    "; save the file as UTF-8: \"" FFFD FFFD FFFD "\"");
	check_records(util_tmp_write("utf8.csv", ok, sizeof ok - 1), ',',
	    "1:[\xe0\xa6\x86\xe0\xa6\xab|\xe7\x8e\x8b]\n");
}

/* --- line ends and line numbers -------------------------------------- */

static void
test_line_ends_mixed(void **state)
{
	static const char	mixed[] =
	    "h1,h2\r\n1,a\n2,b\r3,c\r\n\n4,d\r\r\n5,e";
	static const char	cr[] = "a\rb\rc";
	static const char	trailing[] = "a\n\n\r\n\r\n\r";
	static const char	inner[] = "a\n\n\nb\n";

	(void)state;
	check_records(util_tmp_write("mixed.csv", mixed, sizeof mixed - 1), ',',
	    "1:[h1|h2]\n2:[1|a]\n3:[2|b]\n4:[3|c]\n5:[]\n6:[4|d]\n7:[]\n"
	    "8:[5|e]\n");
	check_records(util_tmp_write("cr.csv", cr, sizeof cr - 1), ',',
	    "1:[a]\n2:[b]\n3:[c]\n");
	/* empty lines at the end are not records, inside they are */
	check_records(util_tmp_write("trail.csv", trailing,
	    sizeof trailing - 1), ',', "1:[a]\n");
	check_records(util_tmp_write("inner.csv", inner, sizeof inner - 1), ',',
	    "1:[a]\n2:[]\n3:[]\n4:[b]\n");
}

static void
test_last_line_without_newline(void **state)
{
	const char	*path = util_fixture("csv", "no_final_newline.csv");

	(void)state;
	check_records(path, ',', "1:[a|b]\n2:[c|d]\n");
	check_records(util_tmp_write("q-eof.csv", "a,\"b\"", 5), ',',
	    "1:[a|b]\n");
	check_records(util_tmp_write("comma-eof.csv", "a,", 2), ',',
	    "1:[a|]\n");
}

/* --- quoting --------------------------------------------------------- */

static void
test_quoted(void **state)
{
	const char	*path = util_fixture("csv", "quoted.csv");

	(void)state;
	/* doubled quotes, a comma and a newline inside, next line right */
	check_records(path, ',',
	    "1:[id|name|note]\n"
	    "2:[1|Smith, John|He said \"hi\"]\n"
	    "3:[2|two\nlines|x]\n"
	    "5:[3|plain|a \"b\" c]\n"
	    "6:[4||\"]\n");
}

static void
test_quoted_crlf_inside(void **state)
{
	static const char	t[] = "\"a\r\nb\rc\",d\r\ne\r\n";

	(void)state;
	check_records(util_tmp_write("qcrlf.csv", t, sizeof t - 1), ',',
	    "1:[a\r\nb\rc|d]\n4:[e]\n");
}

static void
test_lenient_quote(void **state)
{
	const char	*path = util_fixture("csv", "lenient_quote.csv");

	(void)state;
	check_records(path, ',', "1:[ab\"c|d\"e|f]\n");
}

static void
test_semicolon(void **state)
{
	const char	*path = util_fixture("csv", "semicolon.csv");

	(void)state;
	check_records(path, ';', "1:[name|price|note]\n2:[Tea|1,50|a;b]\n");
}

static void
test_unterminated(void **state)
{
	static const char	 two[] = "x\n1,\"a\nb\",\"never\nclosed";
	const char	*path = util_fixture("csv", "unterminated.csv");
	char			*err;

	(void)state;
	err = check_error_prefix(path, NULL,
	    ":3: column 2: unterminated quoted field (opened here): "
	    "\"never closed" FFFD "3,more" FFFD "\"");
	free(err);
	check_error(util_tmp_write("unterm-eof.csv", "\"", 1), NULL, "",
	    ":1: column 1: unterminated quoted field (opened here): \"\"");
	/* the record starts on line 2, the open quote is on line 3 */
	check_error(util_tmp_write("unterm-2.csv", two, sizeof two - 1), NULL,
	    "1:[x]\n", ":3: column 3: unterminated quoted field "
	    "(opened here): \"never" FFFD "closed\"");
}

static void
test_text_after_quote(void **state)
{
	const char	*path = util_fixture("csv", "after_quote.csv");

	(void)state;
	check_error(path, NULL, "1:[id|name|n]\n",
	    ":2: column 2: text after closing quote: \"\"abc\"def\"");
}

static void
test_error_cites_start_line(void **state)
{
	const char	*path = util_fixture("csv", "multiline_error.csv");

	(void)state;
	check_error(path, NULL, "1:[id|note|price]\n",
	    ":2: column 3: text after closing quote: \"\"x\"y\"");
}

static void
test_ragged(void **state)
{
	struct csv	*c;
	const char	*path = util_fixture("csv", "ragged.csv");
	char		*cause;
	static const size_t want[] = { 3, 2, 4, 1, 1 };
	static const long wline[] = { 1, 2, 3, 4, 5 };
	size_t		 i;

	(void)state;
	assert_int_equal(csv_open(&c, path, ',', NULL, &cause), 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(csv_next(c, &cause), 1);
		assert_int_equal(csv_nfields(c), want[i]);
		assert_int_equal(csv_line(c), wline[i]);
	}
	assert_string_equal(csv_field(c, 0, NULL), "x");
	assert_int_equal(csv_next(c, &cause), 0);
	csv_close(&c);
}

/* --- limits ---------------------------------------------------------- */

/* A file of n 'x' bytes, quoted or not, then a newline. */
static const char *
write_long(const char *name, size_t n, int quoted)
{
	char		*buf = xmalloc(n + 3);
	const char	*p;
	size_t		 len = 0;

	if (quoted)
		buf[len++] = '"';
	memset(buf + len, 'x', n);
	len += n;
	if (quoted)
		buf[len++] = '"';
	buf[len++] = '\n';
	p = util_tmp_write(name, buf, len);
	free(buf);
	return p;
}

static void
test_long_field(void **state)
{
	struct csv	*c;
	const char	*p;
	char		*cause;
	size_t		 len;
	int		 quoted;

	(void)state;
	for (quoted = 0; quoted <= 1; quoted++) {
		/* 65536 bytes is allowed */
		p = write_long(quoted ? "maxq.csv" : "max.csv", 65536, quoted);
		assert_int_equal(csv_open(&c, p, ',', NULL, &cause), 0);
		assert_int_equal(csv_next(c, &cause), 1);
		assert_int_equal(strlen(csv_field(c, 0, &len)), 65536);
		assert_int_equal(len, 65536);
		assert_int_equal(csv_next(c, &cause), 0);
		csv_close(&c);

		p = write_long(quoted ? "longq.csv" : "long.csv", 65537,
		    quoted);
		free(check_error_prefix(p, NULL,
		    ":1: column 1: field longer than 65536 bytes: \"xxxx"));
	}
}

static void
test_small_limits(void **state)
{
	static const char	 t[] = "a,b,c\nd,e\nf\n";
	const char		*p = util_tmp_write("small.csv", t,
				    sizeof t - 1);
	struct csv_limits	 l;

	(void)state;
	memset(&l, 0, sizeof l);
	l.max_fields = 2;
	check_error(p, &l, "",
	    ":1: column 3: more than 2 columns: \"a,b,\"");
	memset(&l, 0, sizeof l);
	l.max_field = 1;
	check_records_lim(p, &l, "1:[a|b|c]\n2:[d|e]\n3:[f]\n");
	check_error(util_tmp_write("f2.csv", "a,bc\n", 5), &l, "",
	    ":1: column 2: field longer than 1 bytes: \"bc\"");
	memset(&l, 0, sizeof l);
	l.max_record = 5;
	check_error(p, &l, "",
	    ":1: column 3: record longer than 5 bytes: \"c\"");
	memset(&l, 0, sizeof l);
	l.max_records = 2;
	check_error(p, &l, "1:[a|b|c]\n2:[d|e]\n",
	    ":3: more than 2 records: \"f\"");
	check_error(util_tmp_write("r2.csv", "a\n\n\nb\n", 6), &l,
	    "1:[a]\n2:[]\n", ":3: more than 2 records: \"\"");
}

static void
test_million_commas(void **state)
{
	size_t		 n = 1000000;
	char		*buf = xmalloc(n + 2), *cause;
	const char	*p;
	struct csv	*c;

	(void)state;
	memset(buf, ',', n);
	buf[n] = '\n';
	p = util_tmp_write("commas.csv", buf, n + 1);
	assert_int_equal(csv_open(&c, p, ',', NULL, &cause), 0);
	assert_int_equal(csv_next(c, &cause), -1);
	free(buf);
	buf = xasprintf("%s:1: column 513: more than 512 columns: \",,,,", p);
	assert_true(strncmp(cause, buf, strlen(buf)) == 0);
	/* failed fast: within the first buffer, not after the whole line */
	assert_true(csv_offset(c) <= CHUNK);
	free(cause);
	free(buf);
	csv_close(&c);
}

/* --- buffer edges ---------------------------------------------------- */

/* A record whose first field fills the buffer up to byte at, then tail. */
static void
check_edge(const char *name, size_t at, const char *tail, const char *want2)
{
	struct csv_limits	 l;
	size_t			 tlen = strlen(tail);
	char			*buf = xmalloc(at + tlen), *got, *err, *want;
	const char		*p;

	memset(buf, 'y', at);
	memcpy(buf + at, tail, tlen);
	p = util_tmp_write(name, buf, at + tlen);
	memset(&l, 0, sizeof l);
	l.max_field = l.max_record = 4 * CHUNK;
	got = dump(p, ',', &l, &err);
	if (err != NULL)
		fail_msg("%s: unexpected error: %s", name, err);
	assert_true(strncmp(got, "1:[yyyy", 7) == 0);
	want = strstr(got, "]\n");
	assert_non_null(want);
	assert_string_equal(want + 2, want2);
	free(got);
	free(buf);
}

static void
test_buffer_edges(void **state)
{
	(void)state;
	/* CRLF split between two reads: one line end, no empty record */
	check_edge("e1.csv", CHUNK - 1, "\r\nb\n", "2:[b]\n");
	/* a quote opening the second buffer starts a quoted field */
	check_edge("e2.csv", CHUNK - 1, ",\"q,\"\"r\"\nb", "2:[b]\n");
	check_edge("e3.csv", CHUNK, ",\"q,\"\"r\"\nb", "2:[b]\n");
	/* "" split between two reads; CRLF inside quotes split */
	check_edge("e4.csv", CHUNK - 4, ",\"a\"\"b\"\nc\n", "2:[c]\n");
	check_edge("e5.csv", CHUNK - 4, ",\"a\r\nb\"\nc\n", "3:[c]\n");
	/* a closing quote that ends the first buffer */
	check_edge("e6.csv", CHUNK - 3, ",\"\"\nc\n", "2:[c]\n");
	{
		struct csv_limits	 l;
		char			*buf = xmalloc(CHUNK + 8);
		const char		*p;

		memset(buf, 'y', CHUNK - 3);
		memcpy(buf + CHUNK - 3, ",\"\"x\n", 5);
		p = util_tmp_write("e7.csv", buf, CHUNK + 2);
		free(buf);
		memset(&l, 0, sizeof l);
		l.max_field = l.max_record = 4 * CHUNK;
		free(check_error_prefix(p, &l,
		    ":1: column 2: text after closing quote: \"\"\"x\""));
	}
}

/* --- gzip ------------------------------------------------------------ */

static void
test_gzip(void **state)
{
	const char	*path = util_fixture("csv", "quoted.csv");
	char		*data, *plain, *gz, *err;
	const char	*p;
	struct stat	 st;
	struct csv	*c;
	size_t		 len;

	(void)state;
	data = util_read_file(path, &len);
	/* detected by magic bytes, not by name */
	p = util_tmp_write_gz("quoted.bin", data, len);
	plain = dump(path, ',', NULL, &err);
	assert_null(err);
	gz = dump(p, ',', NULL, &err);	/* checks offset == size at end */
	assert_null(err);
	assert_string_equal(gz, plain);

	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(csv_open(&c, p, ',', NULL, &err), 0);
	assert_int_equal(csv_size(c), st.st_size);
	assert_int_equal(csv_offset(c), 0);
	assert_int_equal(csv_next(c, &err), 1);
	assert_string_equal(csv_field(c, 0, NULL), "id");
	csv_close(&c);

	free(gz);
	free(plain);
	free(data);
}

static void
test_gzip_bad(void **state)
{
	size_t		 n = 200000, i;
	char		*buf = xmalloc(n), *gzdata, *err, *got;
	const char	*p;
	unsigned	 x = 1;

	(void)state;
	/* text that does not compress to nothing */
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (i % 20 == 19) ? '\n' : (char)('a' + (x >> 16) % 26);
	}
	p = util_tmp_write_gz("full.gz", buf, n);
	gzdata = util_read_file(p, &i);
	p = util_tmp_write("cut.gz", gzdata, i / 2);
	got = dump(p, ',', NULL, &err);
	assert_non_null(err);
	assert_non_null(strstr(err, ": cannot read: gzip: file is truncated"));
	assert_true(strncmp(err, p, strlen(p)) == 0);
	assert_true(strlen(got) > 0);	/* records before the cut */
	free(err);
	free(got);
	p = util_tmp_write("junk.gz", "\x1f\x8bjunk junk junk junk\n", 22);
	check_error(p, NULL, "",
	    ":1: cannot read: gzip: unknown compression method");
	free(gzdata);
	free(buf);
}

/* --- csv_error ------------------------------------------------------- */

static void
test_csv_error(void **state)
{
	static const char	 t[] = "a,\"two\nlines\"\n\x1b[2J,9.99x\n";
	struct csv		*c;
	char			*cause, *msg, *dp, *p;

	(void)state;
	/* The exact name, as the expected messages spell it. */
	p = xasprintf("%s/err\x1b]0;X\a.csv", util_tmp_dir());
	util_write_file(p, t, sizeof t - 1, 0600);
	dp = xasprintf("%s/err" FFFD "]0;X" FFFD ".csv", util_tmp_dir());
	assert_int_equal(csv_open(&c, p, ',', NULL, &cause), 0);
	assert_int_equal(csv_next(c, &cause), 1);
	assert_int_equal(csv_next(c, &cause), 1);
	assert_int_equal(csv_line(c), 3);

	msg = csv_error(c, 1, "bad price");
	cause = xasprintf("%s:3: column 2: bad price: \"9.99x\"", dp);
	assert_string_equal(msg, cause);
	free(msg);
	free(cause);

	/* the escape sequence in the data is sanitised */
	msg = csv_error(c, 0, "bad name");
	cause = xasprintf("%s:3: column 1: bad name: \"" FFFD "[2J\"", dp);
	assert_string_equal(msg, cause);
	assert_null(strchr(msg, '\x1b'));
	free(msg);
	free(cause);

	msg = csv_error(c, -1, "duplicate");
	cause = xasprintf("%s:3: duplicate: \"" FFFD "[2J,9.99x\"", dp);
	assert_string_equal(msg, cause);
	free(msg);
	free(cause);

	msg = csv_error(c, 7, "missing");
	cause = xasprintf("%s:3: column 8: missing: \"\"", dp);
	assert_string_equal(msg, cause);
	free(msg);
	free(cause);

	free(dp);
	csv_close(&c);
	free(p);
}

/* The writer: RFC 4180 quoting, and the formula guard on what a
 * spreadsheet would run (and on a leading plus, which it would drop), but
 * not on plain negative numbers. */
static void
test_put_field(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "plain", "plain" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "=1+2", "'=1+2" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "+44 7700 900111", "'+44 7700 900111" },
		{ "-2+3", "'-2+3" },
		{ "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
		{ "\tx", "'\tx" },
		{ "-500", "-500" },
		{ "-2.50", "-2.50" },
		{ "+2.50", "'+2.50" },
		{ "+447700900123", "'+447700900123" },
		{ "-0.001", "-0.001" },
		{ "-", "'-" },
		{ "-.5", "'-.5" },
		{ "-5.", "'-5." },
		{ "-1e3", "'-1e3" },
		/* full-width and small forms, and the minus sign (issue 14) */
		{ "\xef\xbc\x9d" "1+2", "'\xef\xbc\x9d" "1+2" },
		{ "\xef\xbc\x8b" "1", "'\xef\xbc\x8b" "1" },
		{ "\xef\xbc\x8d" "1", "'\xef\xbc\x8d" "1" },
		{ "\xef\xbc\xa0" "SUM", "'\xef\xbc\xa0" "SUM" },
		{ "\xef\xb9\xa6" "1", "'\xef\xb9\xa6" "1" },
		{ "\xe2\x88\x92" "5", "'\xe2\x88\x92" "5" },
		{ "\xef\xbc\xa1", "\xef\xbc\xa1" },   /* a full-width A */
		{ "", "" },
	};
	char *buf;
	size_t len, i;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f = open_memstream(&buf, &len);
		assert_non_null(f);
		csv_put_field(f, cases[i].in);
		fclose(f);
		assert_string_equal(buf, cases[i].out);
		free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_close_null),
		cmocka_unit_test(test_open_null_path),
		cmocka_unit_test(test_default_limits),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_field_out_of_range),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_open_directory),
		cmocka_unit_test(test_open_fifo),
		cmocka_unit_test(test_open_dev_zero),
		cmocka_unit_test(test_open_symlink),
		cmocka_unit_test(test_open_eacces),
		cmocka_unit_test(test_open_bad_delimiter),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_line_ends_mixed),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_crlf_inside),
		cmocka_unit_test(test_lenient_quote),
		cmocka_unit_test(test_semicolon),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_text_after_quote),
		cmocka_unit_test(test_error_cites_start_line),
		cmocka_unit_test(test_ragged),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_small_limits),
		cmocka_unit_test(test_million_commas),
		cmocka_unit_test(test_buffer_edges),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_bad),
		cmocka_unit_test(test_csv_error),
		cmocka_unit_test(test_put_field),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
