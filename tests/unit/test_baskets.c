/*
 * test_baskets — the transaction database (model/baskets.h): building by
 * hand, and reading basket files (separators, trimming, duplicates, CRLF,
 * blank lines, BOM, gzip, bad files).
 *
 * Files are written from C strings into a private temporary directory.
 * The Groceries check runs when the shared data set is there
 * ($UPLIFT_DATA, else ../shared/data next to the repository).
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

#include "model/baskets.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Basket i as its item names sorted and joined by '|' (malloc'd). */
static char *
bstr(const struct baskets *b, size_t i)
{
	const char	**v;
	char		 *s = xstrdup(""), *t;
	size_t		  n, k;

	assert_true(i < b->nbaskets);
	n = b->start[i + 1] - b->start[i];
	v = xreallocarray(NULL, n + 1, sizeof *v);
	for (k = 0; k < n; k++) {
		/* Within a basket: ascending, distinct ids. */
		if (k > 0)
			assert_true(b->items[b->start[i] + k - 1] <
			    b->items[b->start[i] + k]);
		assert_true(b->items[b->start[i] + k] < b->nitems);
		v[k] = b->names[b->items[b->start[i] + k]];
	}
	qsort(v, n, sizeof *v, cmp_str);
	for (k = 0; k < n; k++) {
		t = xasprintf("%s%s%s", s, k ? "|" : "", v[k]);
		free(s);
		s = t;
	}
	free(v);
	return s;
}

static void
assert_basket(const struct baskets *b, size_t i, const char *want)
{
	char	*got = bstr(b, i);

	assert_string_equal(got, want);
	free(got);
}

/* Read text (written plainly) with sep; expect success. */
static void
read_text(struct baskets *b, const char *name, const char *text, int sep)
{
	const char	*path = util_tmp_write(name, text, strlen(text));
	char		*cause = NULL;

	baskets_init(b);
	if (baskets_read_file(b, path, sep, &cause) != 0)
		fail_msg("%s", cause);
	assert_null(cause);
}

/* ---- degenerate ---------------------------------------------------------- */

static void
test_zeroed(void **state)
{
	struct baskets	b;

	(void)state;
	baskets_init(&b);
	assert_int_equal(b.nbaskets, 0);
	assert_int_equal(b.nitems, 0);
	assert_null(b.items);
	assert_null(b.names);
	assert_null(b.ids);
	baskets_free(&b);
	baskets_free(&b);		/* twice: still safe */
	assert_int_equal(b.nbaskets, 0);
}

static void
test_empty_baskets(void **state)
{
	struct baskets	b;

	(void)state;
	baskets_init(&b);
	baskets_add(&b, NULL, 0);
	baskets_add(&b, NULL, 0);
	assert_int_equal(b.nbaskets, 2);
	assert_int_equal(b.start[0], 0);
	assert_int_equal(b.start[1], 0);
	assert_int_equal(b.start[2], 0);
	baskets_free(&b);
}

static void
test_item_intern(void **state)
{
	struct baskets	b;
	uint32_t	a, c, a2, ab;

	(void)state;
	baskets_init(&b);
	a = baskets_item(&b, "apple", 5);
	c = baskets_item(&b, "cherry", 6);
	a2 = baskets_item(&b, "apple pie", 5);	/* only "apple" */
	ab = baskets_item(&b, "apple pie", 9);
	assert_int_equal(a, 0);
	assert_int_equal(c, 1);
	assert_int_equal(a2, a);
	assert_int_equal(ab, 2);
	assert_int_equal(b.nitems, 3);
	assert_string_equal(b.names[0], "apple");
	assert_string_equal(b.names[2], "apple pie");
	/* Bytes that are not text are names too (printing sanitises). */
	assert_int_equal(baskets_item(&b, "\x1b[2J", 4), 3);
	assert_int_equal(baskets_item(&b, "\x1b[2J", 4), 3);
	baskets_free(&b);
}

static void
test_add_sorts_dedups(void **state)
{
	struct baskets	b;
	uint32_t	ids[40], k;
	char		name[8];

	(void)state;
	baskets_init(&b);
	for (k = 0; k < 30; k++) {
		snprintf(name, sizeof name, "i%02u", k);
		baskets_item(&b, name, strlen(name));
	}
	ids[0] = 5; ids[1] = 2; ids[2] = 5; ids[3] = 0; ids[4] = 2;
	baskets_add(&b, ids, 5);
	assert_int_equal(b.start[1] - b.start[0], 3);
	assert_int_equal(b.items[0], 0);
	assert_int_equal(b.items[1], 2);
	assert_int_equal(b.items[2], 5);
	/* A long basket (the qsort path), reversed with repeats. */
	for (k = 0; k < 40; k++)
		ids[k] = 29 - (k % 30);
	baskets_add(&b, ids, 40);
	assert_int_equal(b.start[2] - b.start[1], 30);
	for (k = 0; k < 30; k++)
		assert_int_equal(b.items[b.start[1] + k], k);
	/* Ids that are not items are dropped. */
	ids[0] = 7;
	ids[1] = 1000;
	ids[2] = UINT32_MAX;
	baskets_add(&b, ids, 3);
	assert_int_equal(b.start[3] - b.start[2], 1);
	assert_int_equal(b.items[b.start[2]], 7);
	assert_int_equal(b.nbaskets, 3);
	baskets_free(&b);
}

/*
 * Basket t of b (whose ni items are n0, n1, ...): n ids (and, every
 * seventh, an id that is not an item), in a shuffled order with repeats;
 * sorted and distinct, its sequence the first appearance of each.
 */
static void
radix_check(struct baskets *b, uint32_t ni, size_t n)
{
	static uint32_t ids[1000], want[1000], seq[1000];
	static unsigned char seen[70000];
	size_t		k, nw = 0, got, t = b->nbaskets, from;
	uint64_t	x = 88172645463325252ULL ^ n;

	memset(seen, 0, sizeof seen);
	for (k = 0; k < n; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* a third of them repeat an earlier one */
		ids[k] = k > 0 && x % 3 == 0 ? ids[x % k] : k % 7 == 6 ?
		    ni + (uint32_t)(x % 5) : (uint32_t)(x % ni);
		if (ids[k] < ni && !seen[ids[k]]) {
			seen[ids[k]] = 1;
			want[nw++] = ids[k];
		}
	}
	baskets_add(b, ids, n);
	from = b->start[t];
	assert_int_equal(b->start[t + 1] - from, nw);
	for (k = 1; k < nw; k++)
		assert_true(b->items[from + k - 1] < b->items[from + k]);
	baskets_sequence(b, t, seq, &got);
	assert_int_equal(got, nw);
	for (k = 0; k < nw; k++)
		assert_int_equal(seq[k], want[k]);
}

/* The insertion sort and the radix sort of one, two and three passes,
 * at the sizes where the sort and the scratch change. */
static void
test_add_radix(void **state)
{
	static const uint32_t ni[] = { 200, 60000, 70000 };
	static const size_t n[] = { 31, 32, 33, 64, 65, 66, 900 };
	struct baskets	b;
	char		name[24];
	size_t		i, j, k;

	(void)state;
	for (i = 0; i < sizeof ni / sizeof ni[0]; i++) {
		baskets_init(&b);
		for (k = 0; k < ni[i]; k++) {
			snprintf(name, sizeof name, "n%zu", k);
			baskets_item(&b, name, strlen(name));
		}
		for (j = 0; j < sizeof n / sizeof n[0]; j++)
			radix_check(&b, ni[i], n[j]);
		baskets_free(&b);
	}
}

static void
test_add_many(void **state)
{
	struct baskets	b;
	uint32_t	ids[3];
	size_t		i;

	(void)state;
	baskets_init(&b);
	baskets_item(&b, "x", 1);
	baskets_item(&b, "y", 1);
	baskets_item(&b, "z", 1);
	for (i = 0; i < 100000; i++) {
		ids[0] = (uint32_t)(i % 3);
		ids[1] = (uint32_t)((i + 1) % 3);
		baskets_add(&b, ids, i % 3);
	}
	assert_int_equal(b.nbaskets, 100000);
	assert_int_equal(b.start[100000], 99999);	/* 0 + 1 + 2 per 3 */
	assert_basket(&b, 99998, "x|z");
	baskets_free(&b);
}

/* ---- files: failures ----------------------------------------------------- */

static void
test_missing_file(void **state)
{
	struct baskets	b;
	char		*cause = NULL, *path;

	(void)state;
	path = xasprintf("%s/no-such-file", util_tmp_dir());
	baskets_init(&b);
	assert_int_equal(baskets_read_file(&b, path, 0, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "no-such-file"));
	assert_non_null(strstr(cause, "No such file"));
	free(cause);
	baskets_free(&b);
	free(path);
}

static void
test_not_regular(void **state)
{
	struct baskets	b;
	const char	*fifo;
	char		*cause = NULL;

	(void)state;
	baskets_init(&b);
	assert_int_equal(baskets_read_file(&b, util_tmp_dir(), 0, &cause), -1);
	assert_non_null(strstr(cause, "is a directory"));
	free(cause);
	cause = NULL;
	assert_int_equal(baskets_read_file(&b, "/dev/zero", 0, &cause), -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	cause = NULL;
	fifo = util_tmp_path("fifo");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* Must not block waiting for a writer. */
	assert_int_equal(baskets_read_file(&b, fifo, 0, &cause), -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	assert_int_equal(b.nbaskets, 0);
	baskets_free(&b);
}

static void
test_nul_byte(void **state)
{
	struct baskets	b;
	const char	*path;
	char		*cause = NULL, *want;

	(void)state;
	path = util_tmp_write("nul.txt", "a b\nc\0d\ne\n", 10);
	baskets_init(&b);
	assert_int_equal(baskets_read_file(&b, path, 0, &cause), -1);
	want = xasprintf("%s:2: NUL byte: not a basket file", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	baskets_free(&b);
}

static void
test_line_too_long(void **state)
{
	struct baskets	b;
	const char	*path;
	char		*cause = NULL, *big;
	size_t		 n = 17 * 1024 * 1024;

	(void)state;
	big = xmalloc(n + 4);
	memcpy(big, "a\n", 2);
	memset(big + 2, 'x', n);
	memcpy(big + 2 + n, "\nb", 2);
	path = util_tmp_write("long.txt", big, n + 4);
	free(big);
	baskets_init(&b);
	assert_int_equal(baskets_read_file(&b, path, 0, &cause), -1);
	assert_non_null(strstr(cause, ":2: line longer than"));
	free(cause);
	baskets_free(&b);
}

static void
test_gzip_truncated(void **state)
{
	struct baskets	 b;
	const char	*gz, *cut;
	char		*text, *cause = NULL, *data;
	size_t		 i, len;
	uint64_t	 x = 88172645463325252ULL;
	FILE		*f;

	(void)state;
	/* Enough random-ish text that the stream spans several blocks. */
	text = xmalloc(200000);
	for (i = 0; i < 199999; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		text[i] = (i % 17 == 16) ? '\n' : (char)('a' + x % 26);
	}
	text[199999] = '\n';
	gz = util_tmp_write_gz("full.gz", text, 200000);
	free(text);
	f = fopen(gz, "rb");
	assert_non_null(f);
	data = xmalloc(400000);
	len = fread(data, 1, 400000, f);
	fclose(f);
	assert_true(len > 1000);
	cut = util_tmp_write("cut.gz", data, len / 2);
	free(data);
	baskets_init(&b);
	assert_int_equal(baskets_read_file(&b, cut, 0, &cause), -1);
	assert_non_null(strstr(cause, "cannot read: gzip"));
	free(cause);
	baskets_free(&b);
}

/* ---- files: content ---------------------------------------------------- */

static void
test_empty_file(void **state)
{
	struct baskets	b;

	(void)state;
	read_text(&b, "empty.txt", "", 0);
	assert_int_equal(b.nbaskets, 0);
	assert_int_equal(b.nitems, 0);
	baskets_free(&b);
}

static void
test_blanks(void **state)
{
	struct baskets	b;

	(void)state;
	read_text(&b, "blanks.txt", "a b\tc\n  d\t\t e  \n", 0);
	assert_int_equal(b.nbaskets, 2);
	assert_int_equal(b.nitems, 5);
	assert_basket(&b, 0, "a|b|c");
	assert_basket(&b, 1, "d|e");
	baskets_free(&b);
}

static void
test_sep_trim(void **state)
{
	struct baskets	b;

	(void)state;
	read_text(&b, "sep.txt", "citrus fruit,semi-finished bread,"
	    "margarine\nroll products ,whole milk\n  roll products,"
	    "\twhole milk \n", ',');
	assert_int_equal(b.nbaskets, 3);
	assert_int_equal(b.nitems, 5);
	assert_basket(&b, 0, "citrus fruit|margarine|semi-finished bread");
	assert_basket(&b, 1, "roll products|whole milk");
	assert_basket(&b, 2, "roll products|whole milk");
	assert_string_equal(b.names[3], "roll products");
	baskets_free(&b);
}

static void
test_sep_tab_and_semicolon(void **state)
{
	struct baskets	b;

	(void)state;
	read_text(&b, "tab.txt", "a b\tc d\n", '\t');
	assert_int_equal(b.nbaskets, 1);
	assert_basket(&b, 0, "a b|c d");
	baskets_free(&b);
	read_text(&b, "semi.txt", "x;y,z;;x\n", ';');
	assert_basket(&b, 0, "x|y,z");
	baskets_free(&b);
}

static void
test_duplicates(void **state)
{
	struct baskets	b;

	(void)state;
	read_text(&b, "dup.txt", "a,b,a, a ,b\n", ',');
	assert_int_equal(b.nbaskets, 1);
	assert_int_equal(b.start[1], 2);
	assert_basket(&b, 0, "a|b");
	baskets_free(&b);
}

static void
test_crlf(void **state)
{
	struct baskets	b;
	size_t		i;

	(void)state;
	read_text(&b, "crlf.txt", "a,b\r\nc\r\n\r\nb,c\r\n", ',');
	assert_int_equal(b.nbaskets, 4);
	assert_int_equal(b.nitems, 3);
	for (i = 0; i < b.nitems; i++)
		assert_null(strchr(b.names[i], '\r'));
	assert_basket(&b, 0, "a|b");
	assert_basket(&b, 1, "c");
	assert_basket(&b, 2, "");
	assert_basket(&b, 3, "b|c");
	baskets_free(&b);
	/* Blank separation: a CR is not kept on the last item either. */
	read_text(&b, "crlf2.txt", "a b\r\n", 0);
	assert_basket(&b, 0, "a|b");
	baskets_free(&b);
}

static void
test_blank_lines(void **state)
{
	struct baskets	b;

	(void)state;
	/* A blank line is an empty basket (arules, FIMI): it counts in N. */
	read_text(&b, "bl1.txt", "a\n\nb\n", 0);
	assert_int_equal(b.nbaskets, 3);
	assert_basket(&b, 1, "");
	baskets_free(&b);
	/* Only blanks or only separators: empty too. */
	read_text(&b, "bl2.txt", " \t \n,,,\n", ',');
	assert_int_equal(b.nbaskets, 2);
	assert_basket(&b, 0, "");
	assert_basket(&b, 1, "");
	assert_int_equal(b.nitems, 0);
	baskets_free(&b);
	/* The end after a final LF is not one more line... */
	read_text(&b, "bl3.txt", "a\n", 0);
	assert_int_equal(b.nbaskets, 1);
	baskets_free(&b);
	/* ...but a last line without LF is one, and a trailing blank line
	 * before the end is one. */
	read_text(&b, "bl4.txt", "a\nb c", 0);
	assert_int_equal(b.nbaskets, 2);
	assert_basket(&b, 1, "b|c");
	baskets_free(&b);
	read_text(&b, "bl5.txt", "a\n\n", 0);
	assert_int_equal(b.nbaskets, 2);
	baskets_free(&b);
	read_text(&b, "bl6.txt", "\n", 0);
	assert_int_equal(b.nbaskets, 1);
	baskets_free(&b);
}

static void
test_bom(void **state)
{
	struct baskets	b;

	(void)state;
	read_text(&b, "bom.txt", "\xef\xbb\xbf" "milk,bread\nmilk\n", ',');
	assert_int_equal(b.nitems, 2);
	assert_string_equal(b.names[0], "milk");
	baskets_free(&b);
	/* Only at the start of the file. */
	read_text(&b, "bom2.txt", "milk\n\xef\xbb\xbf" "milk\n", ',');
	assert_int_equal(b.nitems, 2);
	baskets_free(&b);
}

static void
test_gzip(void **state)
{
	static const char text[] = "a b\r\nb c\n\nc a a\n";
	struct baskets	b, g;
	const char	*path;
	char		*cause = NULL, *x, *y;
	size_t		 i;

	(void)state;
	read_text(&b, "plain.txt", text, 0);
	path = util_tmp_write_gz("same.txt.gz", text, strlen(text));
	baskets_init(&g);
	if (baskets_read_file(&g, path, 0, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(g.nbaskets, 4);
	assert_int_equal(g.nbaskets, b.nbaskets);
	assert_int_equal(g.nitems, b.nitems);
	for (i = 0; i < b.nbaskets; i++) {
		x = bstr(&b, i);
		y = bstr(&g, i);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	baskets_free(&g);
	baskets_free(&b);
	/* Recognised by content, not by name. */
	path = util_tmp_write_gz("gz-without-suffix", "p q\n", 4);
	baskets_init(&g);
	assert_int_equal(baskets_read_file(&g, path, 0, &cause), 0);
	assert_basket(&g, 0, "p|q");
	baskets_free(&g);
}

/*
 * A gzip file of many chunks (inflated on the reader's second thread, or
 * in line on one): the same baskets as the plain file; and a NUL byte far
 * into it stops the reading at its line, the thread ended (make check's
 * valgrind run of this test sees no leak).
 */
static void
test_gzip_chunks(void **state)
{
	struct baskets	 b, g;
	const char	*plain, *gz;
	char		*text, *cause = NULL;
	size_t		 n = 60000, i, len;
	char		*p;

	(void)state;
	text = xmalloc(n * 24 + 16);
	p = text;
	for (i = 0; i < n; i++)
		p += snprintf(p, 24, "i%zu j%zu k%zu\n", i % 997, i % 13,
		    (i * 7) % 1009);
	len = (size_t)(p - text);
	assert_true(len > 8 * 64 * 1024);
	plain = util_tmp_write("chunks-plain.txt", text, len);
	gz = util_tmp_write_gz("chunks.txt.gz", text, len);
	baskets_init(&b);
	baskets_init(&g);
	assert_int_equal(baskets_read_file(&b, plain, 0, &cause), 0);
	assert_int_equal(baskets_read_file(&g, gz, 0, &cause), 0);
	assert_int_equal(g.nbaskets, n);
	assert_int_equal(g.nbaskets, b.nbaskets);
	assert_int_equal(g.nitems, b.nitems);
	assert_memory_equal(g.start, b.start, (n + 1) * sizeof *b.start);
	assert_memory_equal(g.items, b.items, b.start[n] * sizeof *b.items);
	baskets_free(&g);
	/* on one thread (UPLIFT_THREADS=1): inflated in line, the same */
	setenv("UPLIFT_THREADS", "1", 1);
	baskets_init(&g);
	assert_int_equal(baskets_read_file(&g, gz, 0, &cause), 0);
	unsetenv("UPLIFT_THREADS");
	assert_int_equal(g.nbaskets, n);
	assert_memory_equal(g.items, b.items, b.start[n] * sizeof *b.items);
	baskets_free(&g);
	/* line 40001 holds a NUL */
	p = text;
	for (i = 0; i < 40000; i++)
		p = strchr(p, '\n') + 1;
	*p = '\0';
	gz = util_tmp_write_gz("chunks-nul.txt.gz", text, len);
	baskets_init(&g);
	assert_int_equal(baskets_read_file(&g, gz, 0, &cause), -1);
	assert_non_null(strstr(cause, ":40001: NUL byte"));
	free(cause);
	baskets_free(&g);
	baskets_free(&b);
	free(text);
}

/* Lines that straddle the reader's 64 KiB chunks, and a 3 MiB line. */
static void
test_chunk_edges(void **state)
{
	struct baskets	b;
	char		*text, *p;
	size_t		 n = 200000, i, len, cap;

	(void)state;
	cap = n * 16 + 3 * 1024 * 1024 + 16;
	text = xmalloc(cap);
	p = text;
	for (i = 0; i < n; i++)
		p += snprintf(p, 32, "i%zu,j%zu\n", i % 1000, i % 7);
	/* One long basket of 300,000 items (with repeats). */
	for (i = 0; i < 300000; i++)
		p += snprintf(p, 32, "%sk%zu", i ? "," : "", i % 100000);
	*p++ = '\n';
	len = (size_t)(p - text);
	assert_true(len < cap);
	p = (char *)util_tmp_write("chunks.txt", text, len);
	free(text);
	text = NULL;
	baskets_init(&b);
	assert_int_equal(baskets_read_file(&b, p, ',', &text), 0);
	assert_int_equal(b.nbaskets, n + 1);
	assert_int_equal(b.nitems, 1000 + 7 + 100000);
	for (i = 0; i < n; i += 997)
		assert_int_equal(b.start[i + 1] - b.start[i], 2);
	assert_int_equal(b.start[n + 1] - b.start[n], 100000);
	baskets_free(&b);
}

/* ---- the real Groceries file ------------------------------------------- */

static void
test_groceries(void **state)
{
	struct baskets	 b;
	const char	*path = util_data_file("groceries.csv");
	char		*cause = NULL;
	uint32_t	*count;
	size_t		 i, k, longest = 0;

	(void)state;
	baskets_init(&b);
	if (baskets_read_file(&b, path, ',', &cause) != 0)
		fail_msg("%s", cause);
	/* The figures of arules' summary(Groceries). */
	assert_int_equal(b.nbaskets, 9835);
	assert_int_equal(b.nitems, 169);
	assert_int_equal(b.start[b.nbaskets], 43367);
	count = xcalloc(b.nitems, sizeof *count);
	for (i = 0; i < b.nbaskets; i++) {
		if (b.start[i + 1] - b.start[i] > longest)
			longest = b.start[i + 1] - b.start[i];
		for (k = b.start[i]; k < b.start[i + 1]; k++)
			count[b.items[k]]++;
	}
	assert_int_equal(longest, 32);
	for (i = 0; i < b.nitems; i++) {
		if (strcmp(b.names[i], "whole milk") == 0)
			assert_int_equal(count[i], 2513);
		if (strcmp(b.names[i], "yogurt") == 0)
			assert_int_equal(count[i], 1372);
		/* "roll products " was trimmed. */
		assert_true(b.names[i][strlen(b.names[i]) - 1] != ' ');
	}
	free(count);
	baskets_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zeroed),
		cmocka_unit_test(test_empty_baskets),
		cmocka_unit_test(test_item_intern),
		cmocka_unit_test(test_add_sorts_dedups),
		cmocka_unit_test(test_add_radix),
		cmocka_unit_test(test_add_many),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_gzip_truncated),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_blanks),
		cmocka_unit_test(test_sep_trim),
		cmocka_unit_test(test_sep_tab_and_semicolon),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_chunks),
		cmocka_unit_test(test_chunk_edges),
		cmocka_unit_test(test_groceries),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
