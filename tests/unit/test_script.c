/*
 * test_script — talking points (model/script.h): filling placeholders,
 * choosing templates (item > category > kind, variants by key), language
 * fallback to the counter and to the built-in line, the false-urgency
 * guard, every loader error with FILE:LINE, and the shipped scripts
 * (assets/scripts/{en,bn,gu}.txt) rendered for realistic offers.
 *
 * Script text is given inline; files (for script_load_file) are written
 * with mkstemp under $TMPDIR (or /tmp).  The shipped files are found from
 * $UPLIFT_TESTDATA/../../assets/scripts (else assets/scripts).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/script.h"
#include "model/xalloc.h"

#define UPGRADE	0
#define BUNDLE	1
#define REFILL	2
#define SEASONAL 3
#define DECLINE	SCRIPT_KIND_DECLINE
#define SIZEUP	SCRIPT_KIND_SIZEUP

/* The kinds of the counter's talking points, and their names. */
static const int said[] = { UPGRADE, BUNDLE, REFILL, SEASONAL, DECLINE,
    SIZEUP };
#define NKINDS	((int)(sizeof said / sizeof said[0]))
static const char *kinds[SIZEUP + 1] = {
	[UPGRADE] = "upgrade", [BUNDLE] = "bundle", [REFILL] = "refill",
	[SEASONAL] = "seasonal", [DECLINE] = "decline", [SIZEUP] = "sizeup" };

/* The phrases script.c refuses (its table, repeated here on purpose). */
static const char *urgent_en[] = {
	"only today", "today only", "last chance", "hurry", "limited time",
	"ends soon", "ends today", "while stocks last", "don't miss",
	"dont miss", "now or never", "before it's gone", "last few",
};
static const char *urgent_bn[] = {
	"শুধু আজ", "শুধুমাত্র আজ", "শেষ সুযোগ", "তাড়াতাড়ি", "আজই শেষ",
	"ফুরিয়ে যাওয়ার আগে",
};
static const char *urgent_gu[] = {
	"ફક્ત આજે", "માત્ર આજે", "છેલ્લી તક", "જલદી", "જલ્દી", "આજે જ છેલ્લું",
	"ખતમ થાય તે પહેલાં",
};
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* A customer we know, buying a phone. */
static const struct script_vars full = {
	.first_name = "Anika", .item = "Nova A25 Smartphone 128 GB",
	.base = "Nova A15 Smartphone 64 GB", .diff = "40.00",
	.diff_pct = "22", .price = "219.00",
	.benefit = "twice the storage and better night photos",
	.unit_saving = "a fifth less per kilo",
	.proof = "3 in 4 customers who bought the Nova A15 took the A25.",
	.bundle = "Winter set", .saving = "5.98", .shop = "Corner Store",
};

/* ---- helpers ------------------------------------------------------------ */

static void
load_ok(struct scripts *sc, const char *text)
{
	char *cause = NULL;
	int rc;

	rc = script_load_text(sc, "t.txt", text, strlen(text), &cause);
	if (rc != 0)
		fail_msg("did not load: %s", cause ? cause : "(no cause)");
	assert_null(cause);
}

/*
 * Load text that must be refused; the cause must contain want (for
 * instance "t.txt:3: unknown kind").  sc must be left as it was.
 * Returns the cause (caller frees).
 */
static char *
load_bad_len(struct scripts *sc, const char *text, size_t len,
    const char *want)
{
	char *cause = NULL;
	size_t before = sc->n;
	int rc;

	rc = script_load_text(sc, "t.txt", text, len, &cause);
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("want \"%s\" in \"%s\"", want, cause);
	assert_int_equal(sc->n, before);
	return cause;
}

static void
load_bad(const char *text, const char *want)
{
	struct scripts sc = { NULL, 0 };

	/* Something already loaded must stay as it is. */
	load_ok(&sc, "lang = en\n[decline]\nsay = ok\n");
	free(load_bad_len(&sc, text, strlen(text), want));
	assert_int_equal(sc.n, 1);
	assert_string_equal(sc.v[0].lines[0], "ok");
	scripts_free(&sc);
}

/* Render, check the invariants every render keeps, return line 0
 * (malloc'd) and the count in *np; all lines joined with "|" in *all. */
static char *
render(const struct scripts *sc, int kind, const char *cat, const char *sku,
    const char *lang, const char *counter, uint64_t key,
    const struct script_vars *v, const struct script_tpl **chosen,
    int *np, char **all)
{
	char *out[SCRIPT_LINES_MAX], *first, *j = NULL, *t;
	int n, i;

	for (i = 0; i < SCRIPT_LINES_MAX; i++)
		out[i] = NULL;
	n = script_render(sc, kind, cat, sku, lang, counter, key, v, out,
	    chosen);
	assert_in_range(n, 1, SCRIPT_LINES_MAX);
	for (i = 0; i < n; i++) {
		assert_non_null(out[i]);
		assert_true(out[i][0] != '\0');
		t = xasprintf("%s%s%s", j ? j : "", j ? "|" : "", out[i]);
		free(j);
		j = t;
	}
	for (i = n; i < SCRIPT_LINES_MAX; i++)
		assert_null(out[i]);
	first = out[0];
	for (i = 1; i < n; i++)
		free(out[i]);
	if (np != NULL)
		*np = n;
	if (all != NULL)
		*all = j;
	else
		free(j);
	return first;
}

/* A temporary file holding data; the path is malloc'd. */
static char *
tmp_file(const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/test_script.XXXXXX", dir);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	return path;
}

static char *
shipped(const char *lang)
{
	const char *d = getenv("UPLIFT_TESTDATA");

	if (d != NULL && *d != '\0')
		return xasprintf("%s/../../assets/scripts/%s.txt", d, lang);
	return xasprintf("assets/scripts/%s.txt", lang);
}

/* ---- degenerate cases ---------------------------------------------------- */

static void
test_free_zeroed(void **state)
{
	struct scripts sc;

	(void)state;
	memset(&sc, 0, sizeof sc);
	scripts_free(&sc);
	assert_null(sc.v);
	assert_int_equal(sc.n, 0);
	load_ok(&sc, "lang = en\n[bundle]\nsay = x\n");
	assert_int_equal(sc.n, 1);
	scripts_free(&sc);
	assert_null(sc.v);
	assert_int_equal(sc.n, 0);
	scripts_free(&sc);
}

static void
test_load_empty(void **state)
{
	struct scripts sc = { NULL, 0 };
	char *cause = NULL;

	(void)state;
	free(load_bad_len(&sc, "", 0, "t.txt:1: no templates"));
	free(load_bad_len(&sc, "# only a comment\n\n", 18,
	    "t.txt:2: no templates"));
	free(load_bad_len(&sc, "lang = en\n", 10, "t.txt:1: no templates"));
	assert_int_equal(script_load_text(&sc, "t.txt", NULL, 0, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(sc.n, 0);
}

static void
test_fill_degenerate(void **state)
{
	struct script_vars none, empty = full;
	char *s;

	(void)state;
	memset(&none, 0, sizeof none);
	s = script_fill("", &none);
	assert_string_equal(s, "");
	free(s);
	s = script_fill("No placeholders here.", &none);
	assert_string_equal(s, "No placeholders here.");
	free(s);
	assert_null(script_fill("{item}", &none));
	/* An empty value is no value. */
	empty.item = "";
	assert_null(script_fill("Take the {item}.", &empty));
	s = script_fill("{base}", &empty);
	assert_string_equal(s, full.base);
	free(s);
}

/* ---- placeholders ------------------------------------------------------- */

static void
test_fill_every_placeholder(void **state)
{
	static const struct {
		const char *line, *want;
	} c[] = {
		{ "{first_name}", "Anika" },
		{ "{item}", "Nova A25 Smartphone 128 GB" },
		{ "{base}", "Nova A15 Smartphone 64 GB" },
		{ "{diff}", "40.00" },
		{ "{diff_pct}", "22" },
		{ "{price}", "219.00" },
		{ "{benefit}", "twice the storage and better night photos" },
		{ "{Benefit}", "Twice the storage and better night photos" },
		{ "{unit_saving}", "a fifth less per kilo" },
		{ "{proof}",
		  "3 in 4 customers who bought the Nova A15 took the A25." },
		{ "{bundle}", "Winter set" },
		{ "{saving}", "5.98" },
		{ "{shop}", "Corner Store" },
		{ "£{diff} ({diff_pct}%) at {shop}, {first_name}.",
		  "£40.00 (22%) at Corner Store, Anika." },
	};
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < NELEM(c); i++) {
		s = script_fill(c[i].line, &full);
		assert_non_null(s);
		assert_string_equal(s, c[i].want);
		free(s);
	}
}

static void
test_fill_benefit_capital(void **state)
{
	struct script_vars v = full;
	char *s;

	(void)state;
	s = script_fill("{Benefit}: the {item}.", &v);
	assert_string_equal(s, "Twice the storage and better night photos: "
	    "the Nova A25 Smartphone 128 GB.");
	free(s);
	s = script_fill("{benefit}", &v);
	assert_string_equal(s, "twice the storage and better night photos");
	free(s);
	v.benefit = "a";
	s = script_fill("[{Benefit}]", &v);
	assert_string_equal(s, "[A]");
	free(s);
	/* Already capital, a digit, or not ASCII: as it is. */
	v.benefit = "SPF 30 and water resistant";
	s = script_fill("{Benefit}", &v);
	assert_string_equal(s, "SPF 30 and water resistant");
	free(s);
	v.benefit = "50 MP camera";
	s = script_fill("{Benefit}", &v);
	assert_string_equal(s, "50 MP camera");
	free(s);
	v.benefit = "দ্বিগুণ জায়গা";
	s = script_fill("{Benefit}", &v);
	assert_string_equal(s, "দ্বিগুণ জায়গা");
	free(s);
	v.benefit = "é";
	s = script_fill("{Benefit}", &v);
	assert_string_equal(s, "é");
	free(s);
	v.benefit = NULL;
	assert_null(script_fill("{Benefit}", &v));
}

static void
test_fill_literal_braces(void **state)
{
	char *s;

	(void)state;
	s = script_fill("{{item}}", &full);
	assert_string_equal(s, "{item}");
	free(s);
	s = script_fill("a {{ b }} c", &full);
	assert_string_equal(s, "a { b } c");
	free(s);
	s = script_fill("{{{diff}}}", &full);
	assert_string_equal(s, "{40.00}");
	free(s);
	s = script_fill("}}{{", &full);
	assert_string_equal(s, "}{");
	free(s);
}

static void
test_fill_malformed(void **state)
{
	static const char *bad[] = {
		"{item", "item}", "{nope}", "{}", "{ item }", "{ITEM}",
		"{{item}", "{item}}", "{item{base}}", "x {", "} x",
		"{benefit", "{diff}}}}", "{{{diff",
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++)
		if (script_fill(bad[i], &full) != NULL)
			fail_msg("filled a malformed line: %s", bad[i]);
}

static void
test_fill_values_are_not_expanded(void **state)
{
	struct script_vars v = full;
	char *s, *big;

	(void)state;
	v.item = "{base}";
	v.base = "{{x}}";
	s = script_fill("{item} / {base}", &v);
	assert_string_equal(s, "{base} / {{x}}");
	free(s);
	/* A long value: the buffer grows. */
	big = xmalloc(100001);
	memset(big, 'x', 100000);
	big[100000] = '\0';
	v.item = big;
	v.benefit = big;
	s = script_fill("<{item}|{Benefit}>", &v);
	assert_int_equal(strlen(s), 200003);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[100001], '|');
	assert_int_equal(s[100002], 'X');
	assert_int_equal(s[200002], '>');
	free(s);
	free(big);
}

/* ---- rendering without templates --------------------------------------- */

static void
test_render_builtin(void **state)
{
	struct scripts sc = { NULL, 0 };
	struct script_vars none, noitem = full;
	const struct script_tpl *t = (const struct script_tpl *)&sc;
	char *s;
	int i, k, n;

	(void)state;
	memset(&none, 0, sizeof none);
	s = render(&sc, UPGRADE, NULL, NULL, "en", "en", 0, &full, &t, &n,
	    NULL);
	assert_null(t);
	assert_int_equal(n, 1);
	assert_string_equal(s, "Nova A25 Smartphone 128 GB instead of Nova "
	    "A15 Smartphone 64 GB: 40.00 more.");
	free(s);
	s = render(&sc, DECLINE, NULL, NULL, NULL, NULL, 0, &full, NULL,
	    &n, NULL);
	assert_string_equal(s, "No problem.");
	free(s);
	/* The next size up: its price, and the difference as such. */
	s = render(&sc, SIZEUP, NULL, NULL, "en", "en", 0, &full, NULL, &n,
	    NULL);
	assert_string_equal(s, "Nova A25 Smartphone 128 GB instead of Nova "
	    "A15 Smartphone 64 GB: 219.00, 40.00 more.");
	free(s);
	/* Out of range kinds are taken as bundle. */
	s = render(&sc, 99, NULL, NULL, "en", "en", 0, &full, NULL, &n, NULL);
	assert_string_equal(s, "Nova A25 Smartphone 128 GB goes well with "
	    "it: 40.00.");
	free(s);
	s = render(&sc, -1, NULL, NULL, "en", "en", 0, &full, NULL, &n, NULL);
	assert_string_equal(s, "Nova A25 Smartphone 128 GB goes well with "
	    "it: 40.00.");
	free(s);
	/* No values, no item, no vars at all: still a line, never empty
	 * (render() asserts that), never a brace. */
	noitem.item = NULL;
	for (i = 0; i < NKINDS; i++) {
		k = said[i];
		s = render(&sc, k, NULL, NULL, "en", "en", 0, &none, NULL, &n,
		    NULL);
		assert_null(strchr(s, '{'));
		free(s);
		s = render(&sc, k, NULL, NULL, "en", "en", 0, &noitem, NULL,
		    &n, NULL);
		assert_null(strchr(s, '{'));
		free(s);
		s = render(&sc, k, NULL, NULL, NULL, NULL, 0, NULL, NULL, &n,
		    NULL);
		assert_null(strchr(s, '{'));
		free(s);
	}
	/* Only the item known: it is said. */
	none.item = "Nova Phone Case";
	s = render(&sc, BUNDLE, NULL, NULL, "en", "en", 0, &none, NULL, &n,
	    NULL);
	assert_string_equal(s, "Nova Phone Case");
	free(s);
	s = render(NULL, BUNDLE, NULL, NULL, "en", "en", 0, &none, NULL, &n,
	    NULL);
	assert_string_equal(s, "Nova Phone Case");
	free(s);
}

/* ---- choosing templates -------------------------------------------------- */

static const char *scoped =
	"lang = en\n"
	"[bundle]\n"
	"say = kind {item}\n"
	"[bundle category=phones]\n"
	"say = category {item}\n"
	"[bundle item=AC-CASE]\n"
	"say = item {item}\n"
	"[bundle item=AC-PROOF]\n"
	"say = item proof: {proof}\n"
	"[bundle category=kits]\n"
	"say = category set: {bundle}\n"
	"[upgrade]\n"
	"say = upgrade {item}\n";

static void
test_select_order(void **state)
{
	struct scripts sc = { NULL, 0 };
	const struct script_tpl *t;
	char *s;

	(void)state;
	load_ok(&sc, scoped);
	assert_int_equal(sc.n, 6);
	/* item > category > kind */
	s = render(&sc, BUNDLE, "phones", "AC-CASE", "en", "en", 0, &full, &t,
	    NULL, NULL);
	assert_string_equal(s, "item Nova A25 Smartphone 128 GB");
	assert_string_equal(t->sku, "AC-CASE");
	assert_int_equal(t->line, 6);
	free(s);
	s = render(&sc, BUNDLE, "phones", "AC-OTHER", "en", "en", 0, &full, &t,
	    NULL, NULL);
	assert_string_equal(s, "category Nova A25 Smartphone 128 GB");
	assert_string_equal(t->category, "phones");
	free(s);
	s = render(&sc, BUNDLE, "phones", NULL, "en", "en", 0, &full, &t,
	    NULL, NULL);
	assert_string_equal(s, "category Nova A25 Smartphone 128 GB");
	free(s);
	s = render(&sc, BUNDLE, "grocery", "GR-RICE", "en", "en", 0, &full,
	    &t, NULL, NULL);
	assert_string_equal(s, "kind Nova A25 Smartphone 128 GB");
	assert_null(t->category);
	assert_null(t->sku);
	assert_string_equal(t->file, "t.txt");
	free(s);
	s = render(&sc, BUNDLE, NULL, NULL, "en", "en", 0, &full, &t, NULL,
	    NULL);
	assert_string_equal(s, "kind Nova A25 Smartphone 128 GB");
	free(s);
	/* An item template applies whatever the category. */
	s = render(&sc, BUNDLE, NULL, "AC-CASE", "en", "en", 0, &full, &t,
	    NULL, NULL);
	assert_string_equal(s, "item Nova A25 Smartphone 128 GB");
	free(s);
	/* Another kind's templates never. */
	s = render(&sc, UPGRADE, "phones", "AC-CASE", "en", "en", 0, &full, &t,
	    NULL, NULL);
	assert_string_equal(s, "upgrade Nova A25 Smartphone 128 GB");
	free(s);
	s = render(&sc, REFILL, "phones", "AC-CASE", "en", "en", 0, &full, &t,
	    NULL, NULL);
	assert_null(t);
	free(s);
	scripts_free(&sc);
}

static void
test_select_falls_back_when_lines_missing(void **state)
{
	struct scripts sc = { NULL, 0 };
	const struct script_tpl *t;
	struct script_vars v = full;
	char *s;

	(void)state;
	load_ok(&sc, scoped);
	s = render(&sc, BUNDLE, "phones", "AC-PROOF", "en", "en", 0, &v, &t,
	    NULL, NULL);
	assert_string_equal(s, "item proof: 3 in 4 customers who bought the "
	    "Nova A15 took the A25.");
	free(s);
	/* No proof: the item template has no line left, so the category's. */
	v.proof = NULL;
	s = render(&sc, BUNDLE, "phones", "AC-PROOF", "en", "en", 0, &v, &t,
	    NULL, NULL);
	assert_string_equal(s, "category Nova A25 Smartphone 128 GB");
	assert_string_equal(t->category, "phones");
	free(s);
	/* No curated bundle: past the category to the kind. */
	v.bundle = NULL;
	s = render(&sc, BUNDLE, "kits", NULL, "en", "en", 0, &v, &t, NULL,
	    NULL);
	assert_string_equal(s, "kind Nova A25 Smartphone 128 GB");
	free(s);
	/* No item either: the built-in line cannot be filled: the plain
	 * built-in line, never empty, never a brace. */
	v.item = NULL;
	s = render(&sc, BUNDLE, "kits", "AC-PROOF", "en", "en", 0, &v, &t, NULL,
	    NULL);
	assert_null(t);
	assert_null(strchr(s, '{'));
	free(s);
	scripts_free(&sc);
}

static void
test_partial_lines(void **state)
{
	struct scripts sc = { NULL, 0 };
	struct script_vars v = full;
	char *s, *all;
	int n;

	(void)state;
	load_ok(&sc, "lang = en\n[upgrade]\n"
	    "say = {Benefit}: the {item}, £{diff} more.\n"
	    "say = The {item} is £{diff} more.\n"
	    "say = {proof}\n"
	    "say = {unit_saving}\n");
	s = render(&sc, UPGRADE, NULL, NULL, "en", "en", 0, &v, NULL, &n,
	    &all);
	assert_int_equal(n, 4);
	free(s);
	free(all);
	v.benefit = NULL;
	v.proof = NULL;
	s = render(&sc, UPGRADE, NULL, NULL, "en", "en", 0, &v, NULL, &n,
	    &all);
	assert_int_equal(n, 2);
	assert_string_equal(all, "The Nova A25 Smartphone 128 GB is £40.00 "
	    "more.|a fifth less per kilo");
	free(s);
	free(all);
	scripts_free(&sc);
}

static void
test_variants(void **state)
{
	struct scripts sc = { NULL, 0 }, sc2 = { NULL, 0 };
	const struct script_tpl *t;
	char *s, *id;
	uint64_t key;

	(void)state;
	load_ok(&sc, "lang = en\n"
	    "[bundle]\nsay = plain A\n"
	    "[bundle variant=B]\nsay = plain B\n"
	    "[bundle category=phones variant=B]\nsay = phones B\n"
	    "[bundle category=phones]\nsay = phones A\n"
	    "[bundle category=phones variant=C]\nsay = phones C\n"
	    "[upgrade item=LT-16 variant=B]\nsay = laptop B\n");
	/* Variants are ordered by name, whatever the order in the file. */
	for (key = 0; key < 12; key++) {
		s = render(&sc, BUNDLE, "phones", NULL, "en", "en", key, &full,
		    &t, NULL, NULL);
		assert_string_equal(s, key % 3 == 0 ? "phones A" :
		    key % 3 == 1 ? "phones B" : "phones C");
		assert_string_equal(t->variant, key % 3 == 0 ? "A" :
		    key % 3 == 1 ? "B" : "C");
		free(s);
		s = render(&sc, BUNDLE, "grocery", NULL, "en", "en", key, &full,
		    &t, NULL, NULL);
		assert_string_equal(s, key % 2 == 0 ? "plain A" : "plain B");
		free(s);
	}
	/* Deterministic: the same key, the same variant, every time. */
	key = script_hash("C0007", BUNDLE);
	s = render(&sc, BUNDLE, NULL, NULL, "en", "en", key, &full, &t, NULL,
	    NULL);
	assert_string_equal(s, key % 2 == 0 ? "plain A" : "plain B");
	free(s);
	assert_true(script_hash("C0007", BUNDLE) == key);
	assert_true(script_hash("C0007", UPGRADE) != key);
	assert_true(script_hash("C0008", BUNDLE) != key);
	assert_true(script_hash(NULL, 5) == script_hash("", 5));
	/* The same set in another order chooses the same for every key. */
	load_ok(&sc2, "lang = en\n"
	    "[bundle variant=B]\nsay = plain B\n"
	    "[bundle]\nsay = plain A\n");
	for (key = 0; key < 8; key++) {
		char *a = render(&sc, BUNDLE, NULL, NULL, "en", "en", key,
		    &full, NULL, NULL, NULL);
		char *b = render(&sc2, BUNDLE, NULL, NULL, "en", "en", key,
		    &full, NULL, NULL, NULL);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	/* Variant ids, language apart. */
	s = render(&sc, BUNDLE, "phones", NULL, "en", "en", 1, &full, &t, NULL,
	    NULL);
	id = script_variant_id(t);
	assert_string_equal(id, "bundle/category=phones/B");
	free(id);
	free(s);
	s = render(&sc, BUNDLE, NULL, NULL, "en", "en", 0, &full, &t, NULL,
	    NULL);
	id = script_variant_id(t);
	assert_string_equal(id, "bundle/*/A");
	free(id);
	free(s);
	s = render(&sc, UPGRADE, NULL, "LT-16", "en", "en", 0, &full, &t, NULL,
	    NULL);
	assert_string_equal(s, "laptop B");
	id = script_variant_id(t);
	assert_string_equal(id, "upgrade/item=LT-16/B");
	free(id);
	free(s);
	scripts_free(&sc);
	scripts_free(&sc2);
}

/* ---- languages ------------------------------------------------------------ */

static void
test_language_fallback(void **state)
{
	struct scripts sc = { NULL, 0 };
	const struct script_tpl *t;
	struct script_vars v = full;
	char *s;

	(void)state;
	load_ok(&sc, "lang = en\n"
	    "[bundle item=AC-CASE]\nsay = en item\n"
	    "[bundle]\nsay = en kind\n"
	    "[refill]\nsay = en refill\n"
	    "[decline]\nsay = en {first_name}\n");
	load_ok(&sc, "lang = bn\n"
	    "[bundle]\nsay = bn kind\n"
	    "[decline]\nsay = bn {first_name}\n"
	    "[seasonal]\nsay = bn {proof}\n");
	/* The customer's language, even its least specific template, comes
	 * before the counter's most specific. */
	s = render(&sc, BUNDLE, NULL, "AC-CASE", "bn", "en", 0, &v, &t, NULL,
	    NULL);
	assert_string_equal(s, "bn kind");
	assert_string_equal(t->lang, "bn");
	free(s);
	/* Missing in Bengali: the counter's English. */
	s = render(&sc, REFILL, NULL, NULL, "bn", "en", 0, &v, &t, NULL, NULL);
	assert_string_equal(s, "en refill");
	assert_string_equal(t->lang, "en");
	free(s);
	/* Unknown language, no language, the counter's own. */
	s = render(&sc, BUNDLE, NULL, "AC-CASE", "xx", "en", 0, &v, &t, NULL,
	    NULL);
	assert_string_equal(s, "en item");
	free(s);
	s = render(&sc, BUNDLE, NULL, NULL, "", "en", 0, &v, &t, NULL, NULL);
	assert_string_equal(s, "en kind");
	free(s);
	s = render(&sc, BUNDLE, NULL, NULL, NULL, "en", 0, &v, &t, NULL, NULL);
	assert_string_equal(s, "en kind");
	free(s);
	s = render(&sc, BUNDLE, NULL, NULL, "en", "en", 0, &v, &t, NULL, NULL);
	assert_string_equal(s, "en kind");
	free(s);
	/* The counter speaks Bengali and the customer English. */
	s = render(&sc, SEASONAL, NULL, NULL, "en", "bn", 0, &v, &t, NULL,
	    NULL);
	assert_string_equal(s, "bn 3 in 4 customers who bought the Nova A15 "
	    "took the A25.");
	free(s);
	/* A Bengali line that cannot be filled, nothing in English: the
	 * built-in line. */
	v.proof = NULL;
	s = render(&sc, SEASONAL, NULL, NULL, "bn", "en", 0, &v, &t, NULL,
	    NULL);
	assert_null(t);
	assert_string_equal(s, "Nova A25 Smartphone 128 GB is in season: "
	    "40.00.");
	free(s);
	/* A walk-in: the Bengali acknowledgement needs a name, so English's
	 * does too: the built-in "No problem." */
	v.first_name = NULL;
	s = render(&sc, DECLINE, NULL, NULL, "bn", "en", 0, &v, &t, NULL,
	    NULL);
	assert_null(t);
	assert_string_equal(s, "No problem.");
	free(s);
	/* Unknown language and no counter language. */
	s = render(&sc, BUNDLE, NULL, NULL, "xx", NULL, 0, &v, &t, NULL, NULL);
	assert_null(t);
	assert_string_equal(s, "Nova A25 Smartphone 128 GB goes well with "
	    "it: 40.00.");
	free(s);
	scripts_free(&sc);
}

/* ---- false urgency ------------------------------------------------------- */

/* s with its ASCII letters in upper case (malloc'd). */
static char *
upper(const char *s)
{
	char *u = xstrdup(s), *p;

	for (p = u; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	return u;
}

/* s with the first letter of each word capitalised (malloc'd). */
static char *
title(const char *s)
{
	char *u = xstrdup(s), *p;

	for (p = u; *p != '\0'; p++)
		if ((p == u || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	return u;
}

static void
refused(const char *lang, const char *phrase)
{
	char *text, *want;

	text = xasprintf("lang = %s\n# a comment\n[bundle]\nsay = {item} — "
	    "%s, {first_name}!\n", lang, phrase);
	want = xasprintf("t.txt:4: false urgency");
	load_bad(text, want);
	free(want);
	free(text);
}

static void
test_urgency_phrases(void **state)
{
	size_t i;
	char *u, *s;

	(void)state;
	assert_int_equal(script_is_urgent(""), 0);
	assert_int_equal(script_is_urgent(NULL), 0);
	for (i = 0; i < NELEM(urgent_en); i++) {
		assert_int_equal(script_is_urgent(urgent_en[i]), 1);
		u = upper(urgent_en[i]);
		assert_int_equal(script_is_urgent(u), 1);
		free(u);
		u = title(urgent_en[i]);
		s = xasprintf("Well — %s!", u);
		assert_int_equal(script_is_urgent(s), 1);
		free(s);
		free(u);
	}
	for (i = 0; i < NELEM(urgent_bn); i++) {
		s = xasprintf("দাম কম — %s।", urgent_bn[i]);
		assert_int_equal(script_is_urgent(s), 1);
		free(s);
	}
	for (i = 0; i < NELEM(urgent_gu); i++) {
		s = xasprintf("કિંમત ઓછી — %s.", urgent_gu[i]);
		assert_int_equal(script_is_urgent(s), 1);
		free(s);
	}
	/* Ways around a plain byte match. */
	assert_int_equal(script_is_urgent("Don\xe2\x80\x99t miss it"), 1);
	assert_int_equal(script_is_urgent("before it\xe2\x80\x99s GONE"), 1);
	assert_int_equal(script_is_urgent("LAST  CHANCE"), 1);
	assert_int_equal(script_is_urgent("last\tchance"), 1);
	assert_int_equal(script_is_urgent("only\xc2\xa0today"), 1);
	assert_int_equal(script_is_urgent("hur\xe2\x80\x8bry"), 1);
	assert_int_equal(script_is_urgent("hur\xc2\xadry"), 1);
	/* Bengali RRA and YYA typed precomposed (U+09DC, U+09DF). */
	assert_int_equal(script_is_urgent("তা\xe0\xa7\x9cাতা\xe0\xa7\x9cি"), 1);
	assert_int_equal(script_is_urgent(
	    "ফুরি\xe0\xa7\x9fে যাও\xe0\xa7\x9fার আগে"), 1);
	assert_int_equal(script_is_urgent(
	    "ফুরিয়ে যাও\xe0\xa7\x9fার আগে"), 1);
	/* Not urgency. */
	assert_int_equal(script_is_urgent("It's £2.70 more, today or any "
	    "day."), 0);
	assert_int_equal(script_is_urgent("just ask if you change your mind"),
	    0);
	assert_int_equal(script_is_urgent("আজ দুধ লাগবে?"), 0);
	assert_int_equal(script_is_urgent("આજે દૂધ જોઈએ છે?"), 0);
	assert_int_equal(script_is_urgent("the last one"), 0);
}

static void
test_urgency_refused_at_load(void **state)
{
	size_t i;
	char *u;

	(void)state;
	for (i = 0; i < NELEM(urgent_en); i++) {
		refused("en", urgent_en[i]);
		u = upper(urgent_en[i]);
		refused("en", u);
		free(u);
		u = title(urgent_en[i]);
		refused("en", u);
		free(u);
	}
	/* A phrase is refused in any file, whatever its lang. */
	for (i = 0; i < NELEM(urgent_bn); i++) {
		refused("bn", urgent_bn[i]);
		refused("en", urgent_bn[i]);
	}
	for (i = 0; i < NELEM(urgent_gu); i++) {
		refused("gu", urgent_gu[i]);
		refused("en", urgent_gu[i]);
	}
	refused("en", "Don\xe2\x80\x99t Miss Out");
	refused("bn", "তা\xe0\xa7\x9cাতা\xe0\xa7\x9cি করুন");
	/* Comments may name them. */
	load_bad("lang = en\n# no 'last chance' here\n[bundle]\nsay = {item}\n"
	    "say = Last chance\n", "t.txt:5: false urgency");
}

/* ---- loader errors --------------------------------------------------------- */

static void
test_load_errors(void **state)
{
	static const struct {
		const char *text, *want;
	} c[] = {
		{ "lang = en\n[upsell]\nsay = x\n",
		  "t.txt:2: unknown kind" },
		{ "lang = en\n[Bundle]\nsay = x\n",
		  "t.txt:2: unknown kind" },
		{ "lang = en\n[]\nsay = x\n", "t.txt:2: empty section" },
		{ "lang = en\n[bundle colour=red]\nsay = x\n",
		  "t.txt:2: unknown or repeated key" },
		{ "lang = en\n[bundle variant=A variant=B]\nsay = x\n",
		  "t.txt:2: unknown or repeated key" },
		{ "lang = en\n[bundle category=]\nsay = x\n",
		  "t.txt:2: expected key=value" },
		{ "lang = en\n[bundle phones]\nsay = x\n",
		  "t.txt:2: expected key=value" },
		{ "lang = en\n[bundle\nsay = x\n",
		  "t.txt:2: expected [kind key=value ...]" },
		{ "lang = en\n[bundle] x\nsay = x\n",
		  "t.txt:2: expected [kind key=value ...]" },
		{ "lang = en\n[bundle]\nsay = {price_eur} more\n",
		  "t.txt:3: unknown placeholder" },
		{ "lang = en\n[bundle]\nsay = {Item}\n",
		  "t.txt:3: unknown placeholder" },
		{ "lang = en\n[bundle]\nsay = {item is here\n",
		  "t.txt:3: a '{' without its '}'" },
		{ "lang = en\n[bundle]\nsay = item} is here\n",
		  "t.txt:3: a '}' without its '{'" },
		{ "[bundle]\nsay = x\n",
		  "t.txt:1: no 'lang = ..' before the first section" },
		{ "lang = english\n[bundle]\nsay = x\n",
		  "t.txt:1: lang is a two-letter code" },
		{ "lang = EN\n[bundle]\nsay = x\n",
		  "t.txt:1: lang is a two-letter code" },
		{ "lang = en\n[bundle]\nlang = bn\nsay = x\n",
		  "t.txt:3: expected say = ..." },
		{ "lang = en\nsay = x\n",
		  "t.txt:2: expected lang = .. or a [section]" },
		{ "lang = en\n[bundle]\nsay x\n",
		  "t.txt:3: expected key = value" },
		{ "lang = en\n[bundle]\nsay =\n", "t.txt:3: an empty line" },
		{ "lang = en\n[bundle]\nsay = x\n\n[upgrade]\n[refill]\nsay = y\n",
		  "t.txt:5: a section without a say line" },
		{ "lang = en\n[bundle]\n", "t.txt:2: a section without a say "
		  "line" },
		{ "lang = en\n[bundle]\nsay = 1\nsay = 2\nsay = 3\nsay = 4\n"
		  "say = 5\nsay = 6\nsay = 7\n", "t.txt:9: more than 6 say "
		  "lines" },
		{ "lang = en\n[bundle category=phones]\nsay = x\n"
		  "[bundle category=phones variant=A]\nsay = y\n",
		  "t.txt:4: the same kind, scope and variant again, first at: "
		  "\"t.txt:2\"" },
		{ "lang = en\n[bundle]\nsay = ok\nsay = caf\xc3\n",
		  "t.txt:4: not UTF-8 text" },
		{ "lang = en\n[bundle]\nsay = \xed\xa0\x80\n",
		  "t.txt:3: not UTF-8 text" },
		{ "\xc0\xaf", "t.txt:1: not UTF-8 text" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(c); i++)
		load_bad(c[i].text, c[i].want);
}

static void
test_load_nul_and_long_lines(void **state)
{
	struct scripts sc = { NULL, 0 };
	static const char nul[] = "lang = en\n[bundle]\nsay = Ann\0Admin\n";
	char line[512], *text;

	(void)state;
	free(load_bad_len(&sc, nul, sizeof nul - 1, "t.txt:3: a NUL byte"));
	free(load_bad_len(&sc, "\0", 1, "t.txt:1: a NUL byte"));
	/* 400 bytes is the limit; 401 is refused. */
	memset(line, 'x', sizeof line);
	memcpy(line, "say = ", 6);
	line[400] = '\0';
	text = xasprintf("lang = en\n[bundle]\n%s\n", line);
	load_ok(&sc, text);
	assert_int_equal(sc.n, 1);
	free(text);
	line[400] = 'x';
	line[401] = '\0';
	text = xasprintf("lang = en\n[bundle]\n%s\n", line);
	free(load_bad_len(&sc, text, strlen(text),
	    "t.txt:3: line longer than 400 bytes"));
	free(text);
	assert_int_equal(sc.n, 1);
	scripts_free(&sc);
}

static void
test_load_every_problem_counted(void **state)
{
	struct scripts sc = { NULL, 0 };
	char *text = xstrdup("lang = en\n[bundle]\n"), *t, *cause;
	int i, lines = 0;
	const char *p;

	(void)state;
	for (i = 0; i < 25; i++) {
		t = xasprintf("%ssay = {nope%d}\n", text, i);
		free(text);
		text = t;
	}
	cause = load_bad_len(&sc, text, strlen(text), "t.txt:3: unknown "
	    "placeholder");
	assert_non_null(strstr(cause, "t.txt:22: unknown placeholder"));
	assert_null(strstr(cause, "t.txt:23:"));
	/* 25 lines refused (the section had say lines: no extra problem
	 * for being left without one) */
	assert_non_null(strstr(cause, "\n5 more problems not shown"));
	for (p = cause; *p != '\0'; p++)
		if (*p == '\n')
			lines++;
	assert_int_equal(lines, 20);
	free(cause);
	free(text);
}

static void
test_load_bom_crlf_comments(void **state)
{
	struct scripts sc = { NULL, 0 };
	char *s;

	(void)state;
	load_ok(&sc, "\xef\xbb\xbf# BOM, CRLF, comments, blank lines\r\n"
	    "  lang=bn  \r\n"
	    "; also a comment\r\n"
	    "\r\n"
	    "\t[bundle   category=phones\tvariant=B]  \r\n"
	    "say=  আপনার {item}-এর জন্য  \r\n"
	    "say = a = b\r\n");
	assert_int_equal(sc.n, 1);
	assert_string_equal(sc.v[0].lang, "bn");
	assert_string_equal(sc.v[0].category, "phones");
	assert_string_equal(sc.v[0].variant, "B");
	assert_int_equal(sc.v[0].kind, BUNDLE);
	assert_int_equal(sc.v[0].line, 5);
	assert_int_equal(sc.v[0].nlines, 2);
	assert_string_equal(sc.v[0].lines[0], "আপনার {item}-এর জন্য");
	assert_string_equal(sc.v[0].lines[1], "a = b");
	s = render(&sc, BUNDLE, "phones", NULL, "bn", NULL, 1, &full, NULL,
	    NULL, NULL);
	assert_string_equal(s, "আপনার Nova A25 Smartphone 128 GB-এর জন্য");
	free(s);
	scripts_free(&sc);
}

static void
test_load_file(void **state)
{
	struct scripts sc = { NULL, 0 };
	static const char good[] = "lang = gu\n[decline]\nsay = કંઈ વાંધો "
	    "નહીં — પછી જોઈએ તો કહેજો.\n";
	static const char bad[] = "lang = gu\n[decline]\nsay = ઓકે\n"
	    "[upgrade]\nsay = {item} — છેલ્લી તક!\n";
	char *path, *cause = NULL, *want, *big, *dir;

	(void)state;
	path = tmp_file(good, sizeof good - 1);
	assert_int_equal(script_load_file(&sc, path, &cause), 0);
	assert_null(cause);
	assert_int_equal(sc.n, 1);
	assert_string_equal(sc.v[0].file, path);
	assert_int_equal(sc.v[0].line, 2);
	unlink(path);
	free(path);
	/* FILE:LINE, and nothing of a bad file is kept. */
	path = tmp_file(bad, sizeof bad - 1);
	assert_int_equal(script_load_file(&sc, path, &cause), -1);
	want = xasprintf("%s:5: false urgency", path);
	if (strlen(path) < 60 && strstr(cause, want) == NULL)
		fail_msg("want \"%s\" in \"%s\"", want, cause);
	assert_non_null(strstr(cause, ":5: false urgency"));
	assert_int_equal(sc.n, 1);
	free(want);
	free(cause);
	unlink(path);
	free(path);
	/* Missing, a directory, too big. */
	assert_int_equal(script_load_file(&sc, "/nonexistent/x/en.txt",
	    &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/x/en.txt: "));
	assert_non_null(strstr(cause, strerror(ENOENT)));
	free(cause);
	path = tmp_file("", 0);
	unlink(path);
	assert_int_equal(mkdir(path, 0700), 0);
	dir = path;
	assert_int_equal(script_load_file(&sc, dir, &cause), -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	rmdir(dir);
	free(dir);
	big = xmalloc(1024 * 1024 + 1);
	memset(big, '#', 1024 * 1024 + 1);
	path = tmp_file(big, 1024 * 1024 + 1);
	assert_int_equal(script_load_file(&sc, path, &cause), -1);
	assert_non_null(strstr(cause, "larger than 1 MiB"));
	free(cause);
	unlink(path);
	free(path);
	free(big);
	assert_int_equal(sc.n, 1);
	scripts_free(&sc);
}

static void
test_load_repeat_across_files(void **state)
{
	struct scripts sc = { NULL, 0 };
	char *cause;

	(void)state;
	load_ok(&sc, "lang = en\n[bundle]\nsay = x\n[upgrade variant=B]\n"
	    "say = y\n");
	/* The same file again: every template repeats. */
	cause = load_bad_len(&sc, "lang = en\n[bundle]\nsay = x\n", 27,
	    "t.txt:2: the same kind, scope and variant again, first at: "
	    "\"t.txt:2\"");
	free(cause);
	/* Another language, or another variant: fine. */
	load_ok(&sc, "lang = bn\n[bundle]\nsay = x\n[upgrade variant=B]\n"
	    "say = y\n");
	load_ok(&sc, "lang = en\n[bundle variant=B]\nsay = x\n");
	assert_int_equal(sc.n, 5);
	scripts_free(&sc);
}

/* ---- the shipped scripts -------------------------------------------------- */

static const char *langs[] = { "en", "bn", "gu" };

static void
load_shipped(struct scripts *sc)
{
	char *path, *cause = NULL;
	size_t i;

	for (i = 0; i < NELEM(langs); i++) {
		path = shipped(langs[i]);
		if (script_load_file(sc, path, &cause) != 0)
			fail_msg("%s", cause);
		free(path);
	}
}

/* Has sc a template of kind/category/sku/variant in lang? */
static int
has_tpl(const struct scripts *sc, const char *lang, int kind,
    const char *cat, const char *sku, const char *variant)
{
	size_t i;
	const struct script_tpl *t;

	for (i = 0; i < sc->n; i++) {
		t = &sc->v[i];
		if (t->kind == kind && strcmp(t->lang, lang) == 0 &&
		    ((cat == NULL && t->category == NULL) || (cat != NULL &&
		    t->category != NULL && strcmp(cat, t->category) == 0)) &&
		    ((sku == NULL && t->sku == NULL) || (sku != NULL &&
		    t->sku != NULL && strcmp(sku, t->sku) == 0)) &&
		    strcmp(t->variant, variant) == 0)
			return 1;
	}
	return 0;
}

static void
test_shipped_load(void **state)
{
	struct scripts sc = { NULL, 0 };
	size_t i, l, per[3] = { 0, 0, 0 };
	const struct script_tpl *t;
	int k, j;

	(void)state;
	load_shipped(&sc);
	assert_true(sc.n >= 3 * 7);
	for (i = 0; i < sc.n; i++) {
		t = &sc.v[i];
		for (l = 0; l < NELEM(langs); l++)
			if (strcmp(t->lang, langs[l]) == 0)
				per[l]++;
		/* the same templates in every language, so variant ids (which
		 * leave the language out) add up */
		for (l = 0; l < NELEM(langs); l++)
			if (!has_tpl(&sc, langs[l], t->kind, t->category, t->sku,
			    t->variant))
				fail_msg("%s:%ld has no %s counterpart",
				    t->file, t->line, langs[l]);
		for (j = 0; j < t->nlines; j++)
			assert_int_equal(script_is_urgent(t->lines[j]), 0);
	}
	assert_int_equal(per[0], per[1]);
	assert_int_equal(per[0], per[2]);
	assert_int_equal(per[0] * 3, sc.n);
	for (l = 0; l < NELEM(langs); l++) {
		for (j = 0; j < NKINDS; j++)
			if (!has_tpl(&sc, langs[l], said[j], NULL, NULL, "A"))
				fail_msg("%s: no [%s]", langs[l],
				    kinds[said[j]]);
		for (k = UPGRADE; k <= BUNDLE; k++)
			if (!has_tpl(&sc, langs[l], k, NULL, NULL, "B"))
				fail_msg("%s: no [%s variant=B]", langs[l],
				    kinds[k]);
	}
	/* Every category-scoped upgrade or bundle has both variants. */
	for (i = 0; i < sc.n; i++) {
		t = &sc.v[i];
		if (t->kind <= BUNDLE && (t->category != NULL || t->sku != NULL))
			assert_true(has_tpl(&sc, t->lang, t->kind, t->category,
			    t->sku, strcmp(t->variant, "A") == 0 ? "B" : "A"));
	}
	scripts_free(&sc);
}

/* Offers of the demo shop: category, SKU, item, base, diff, benefit. */
static const struct {
	const char *cat, *sku, *item, *base, *diff, *benefit;
} offers[] = {
	{ "electronics", "PH-NOVA-A25", "Nova A25 Smartphone 128 GB",
	  "Nova A15 Smartphone 64 GB", "40.00",
	  "twice the storage and better night photos" },
	{ "electronics", "AC-CASE-NOVA", "Nova Phone Case",
	  "Nova A25 Smartphone 128 GB", "12.99", "drop-proof edges" },
	{ "computers", "AC-SLV-14", "Laptop Sleeve 14 in",
	  "Book 14 Laptop 16 GB", "14.99", "padded against knocks in your bag" },
	{ "clothing", "CL-SCRF-KNT", "Knitted Scarf", "Classic Winter Coat",
	  "12.99", "keeps the draught off your neck" },
	{ "grocery", "GR-RICE-05K", "Basmati Rice 5 kg", "Basmati Rice 1 kg",
	  "7.50", "a fifth cheaper per kilo than 1 kg bags" },
	{ "grocery", "GR-MILK-1L", "Whole Milk 1 litre", "Whole Milk 1 litre",
	  "1.15",
	  "fresh every morning" },
	{ "personal care", "SH-HERB-250", "Herbal Shampoo 250 ml",
	  "Herbal Shampoo 50 ml", "2.70",
	  "lasts five times as long and costs less per wash" },
	{ "spices", "GR-SPC-PNCH", "Panch Phoron 100 g", "Red Lentils 1 kg",
	  "1.19", "Bengali five-spice for dal and vegetables" },
	{ NULL, NULL, "Mystery Item", "Another Item", "3.00", NULL },
};

static const char *proof[] = {
	"3 in 4 customers who bought the Nova A25 phone added a case.",
	"Nova A25 কেনা 12 জন গ্রাহকের মধ্যে 9 জন কভার-ও নিয়েছেন।",
	"Nova A25 લેનારા 12 ગ્રાહકોમાંથી 9 એ કવર પણ લીધું.",
};

static void
check_shipped(const struct scripts *sc, size_t l, int k, size_t o,
    uint64_t key, int who)
{
	struct script_vars v;
	const struct script_tpl *t;
	char *first, *all, *id, *cap;
	int n;

	memset(&v, 0, sizeof v);
	v.item = offers[o].item;
	v.base = offers[o].base;
	v.diff = offers[o].diff;
	v.diff_pct = "22";
	v.price = "219.00";
	v.shop = "Corner Store";
	v.benefit = offers[o].benefit;
	if (who == 0) {			/* a customer, everything known */
		v.first_name = l == 0 ? "Anika" : l == 1 ? "রুমানা" : "નીતા";
		v.proof = proof[l];
		v.unit_saving = "a fifth less per kilo";
		v.bundle = "Winter set";
		v.saving = "5.98";
	} else if (who == 2)		/* and an item with no benefit */
		v.benefit = NULL;
	first = render(sc, k, offers[o].cat, offers[o].sku, langs[l], "en", key,
	    &v, &t, &n, &all);
	if (t == NULL || strcmp(t->lang, langs[l]) != 0)
		fail_msg("%s %s %s: not rendered in its own language: %s",
		    langs[l], kinds[k], offers[o].item, all);
	if (strchr(all, '{') != NULL || strchr(all, '}') != NULL)
		fail_msg("a brace: %s", all);
	assert_int_equal(script_is_urgent(all), 0);
	if (k != DECLINE) {
		/* The first line states the price difference ... */
		if (strstr(first, v.diff) == NULL)
			fail_msg("%s: no price in the first line: %s",
			    langs[l], first);
		/* ... and the next size up its own price too, before the
		 * difference (a price, then what it costs more) */
		if (k == SIZEUP && (strstr(first, v.price) == NULL ||
		    strstr(first, v.price) > strstr(first, v.diff)))
			fail_msg("%s: the size up does not say its price, "
			    "then the difference: %s", langs[l], first);
		/* ... after the benefit, when there is one. */
		if (v.benefit != NULL) {
			cap = xstrdup(v.benefit);
			if (cap[0] >= 'a' && cap[0] <= 'z')
				cap[0] = (char)(cap[0] - 32);
			if (strncmp(first, cap, strlen(cap)) != 0)
				fail_msg("%s: not benefit first: %s", langs[l],
				    first);
			free(cap);
		}
		if (who == 0 && strstr(all, proof[l]) == NULL)
			fail_msg("%s: no proof: %s", langs[l], all);
		if (who == 0 && strstr(all, v.base != NULL ? v.base : "") ==
		    NULL && k == UPGRADE && v.base != NULL)
			fail_msg("%s: no base: %s", langs[l], all);
	} else if (who == 0) {
		assert_non_null(strstr(first, v.first_name));
	} else
		assert_null(strstr(all, "Anika"));
	id = script_variant_id(t);
	assert_non_null(strchr(id, '/'));
	free(id);
	free(first);
	free(all);
}

static void
test_shipped_render(void **state)
{
	struct scripts sc = { NULL, 0 };
	size_t l, o;
	uint64_t key;
	int i, who;

	(void)state;
	load_shipped(&sc);
	for (l = 0; l < NELEM(langs); l++)
		for (i = 0; i < NKINDS; i++)
			for (o = 0; o < NELEM(offers); o++)
				for (key = 0; key < 4; key++)
					for (who = 0; who < 3; who++)
						check_shipped(&sc, l, said[i],
						    o, key, who);
	scripts_free(&sc);
}

static void
test_shipped_choices(void **state)
{
	struct scripts sc = { NULL, 0 };
	const struct script_tpl *t;
	char *s, *id;
	size_t l;

	(void)state;
	load_shipped(&sc);
	for (l = 0; l < NELEM(langs); l++) {
		/* A/B at every level that has them. */
		s = render(&sc, UPGRADE, "electronics", "PH-NOVA-A25", langs[l],
		    "en", 1, &full, &t, NULL, NULL);
		id = script_variant_id(t);
		assert_string_equal(id, "upgrade/category=electronics/B");
		free(id);
		free(s);
		s = render(&sc, BUNDLE, "computers", "AC-SLV-14", langs[l],
		    "en", 0, &full, &t, NULL, NULL);
		id = script_variant_id(t);
		assert_string_equal(id, "bundle/*/A");
		free(id);
		free(s);
		/* The milk has its own line. */
		s = render(&sc, REFILL, "grocery", "GR-MILK-1L", langs[l], "en",
		    0, &full, &t, NULL, NULL);
		id = script_variant_id(t);
		assert_string_equal(id, "refill/item=GR-MILK-1L/A");
		free(id);
		free(s);
		/* A walk-in's acknowledgement has no name and is not the
		 * built-in English line. */
		{
			struct script_vars v = full;

			v.first_name = NULL;
			s = render(&sc, DECLINE, NULL, NULL, langs[l], "en", 0,
			    &v, &t, NULL, NULL);
			assert_non_null(t);
			assert_string_equal(t->lang, langs[l]);
			assert_null(strstr(s, "Anika"));
			free(s);
		}
	}
	/* An unknown language: the counter's. */
	s = render(&sc, SEASONAL, "clothing", "CL-SCRF-KNT", "fr", "bn", 0, &full,
	    &t, NULL, NULL);
	assert_string_equal(t->lang, "bn");
	free(s);
	scripts_free(&sc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_zeroed),
		cmocka_unit_test(test_load_empty),
		cmocka_unit_test(test_fill_degenerate),
		cmocka_unit_test(test_fill_every_placeholder),
		cmocka_unit_test(test_fill_benefit_capital),
		cmocka_unit_test(test_fill_literal_braces),
		cmocka_unit_test(test_fill_malformed),
		cmocka_unit_test(test_fill_values_are_not_expanded),
		cmocka_unit_test(test_render_builtin),
		cmocka_unit_test(test_select_order),
		cmocka_unit_test(test_select_falls_back_when_lines_missing),
		cmocka_unit_test(test_partial_lines),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_language_fallback),
		cmocka_unit_test(test_urgency_phrases),
		cmocka_unit_test(test_urgency_refused_at_load),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_load_nul_and_long_lines),
		cmocka_unit_test(test_load_every_problem_counted),
		cmocka_unit_test(test_load_bom_crlf_comments),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_repeat_across_files),
		cmocka_unit_test(test_shipped_load),
		cmocka_unit_test(test_shipped_render),
		cmocka_unit_test(test_shipped_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
