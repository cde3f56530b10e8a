/*
 * fuzz_script — libFuzzer target for the talking-point loader and
 * renderer (model/script.h).  Build and run with tools/fuzz.sh.
 *
 * The input is loaded as a script file; whether or not it loads, each of
 * its lines is filled as a template line and checked for urgency.  If it
 * loads, every kind is rendered for several languages, scopes and keys,
 * with fixed values and with values taken from the input's own lines, and
 * the renderer's promises are checked (abort() on a broken one):
 *   - 1 to SCRIPT_LINES_MAX lines, none NULL, none empty;
 *   - the template chosen is one of the loaded ones, of the kind asked,
 *     in the customer's or the counter's language;
 *   - with brace-free values and no "{{"/"}}" in the input, no brace in
 *     the output (no raw "{...}");
 *   - a failed load sets a cause and keeps nothing; a loaded text loaded
 *     again is refused (every template repeats) and keeps nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/script.h"
#include "model/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINES 64

static const struct script_vars fixed = {
	.first_name = "Anika", .item = "Nova A25 Smartphone 128 GB",
	.base = "Nova A15 Smartphone 64 GB", .diff = "40.00",
	.diff_pct = "22", .price = "219.00",
	.benefit = "twice the storage and better night photos",
	.unit_saving = "a fifth less per kilo",
	.proof = "3 in 4 customers who bought the Nova A15 took the A25.",
	.bundle = "Winter set", .saving = "5.98", .shop = "Corner Store",
	.room = "Deluxe", .booked = "Superior", .per_night = "30.00",
	.nights = "3", .total = "90.00", .addon = "Breakfast",
	.per = "a person a night",
};

/* A walk-in: most values missing. */
static const struct script_vars walkin = {
	.item = "Nova Phone Case", .diff = "12.99",
};

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

/* Does data[0..size) hold the two bytes a b next to each other? */
static int
has_pair(const uint8_t *data, size_t size, uint8_t a, uint8_t b)
{
	size_t i;

	for (i = 0; i + 1 < size; i++)
		if (data[i] == a && data[i + 1] == b)
			return 1;
	return 0;
}

static int
has_brace(const char *s)
{
	return strchr(s, '{') != NULL || strchr(s, '}') != NULL;
}

static void
render_check(const struct scripts *sc, int kind, const char *cat,
    const char *sku, const char *lang, const char *counter, uint64_t key,
    const struct script_vars *v, int braces_ok)
{
	char *out[SCRIPT_LINES_MAX], *id;
	const struct script_tpl *t = NULL;
	int n, i, want = kind < 0 || kind > SCRIPT_KIND_USUAL ? 1 : kind;

	n = script_render(sc, kind, cat, sku, lang, counter, key, v, out, &t);
	CHECK(n >= 1 && n <= SCRIPT_LINES_MAX);
	for (i = 0; i < n; i++) {
		CHECK(out[i] != NULL && out[i][0] != '\0');
		if (!braces_ok)
			CHECK(!has_brace(out[i]));
		free(out[i]);
	}
	if (t != NULL) {
		CHECK(t >= sc->v && t < sc->v + sc->n);
		CHECK(t->kind == want);
		CHECK((lang != NULL && strcmp(t->lang, lang) == 0) ||
		    (counter != NULL && strcmp(t->lang, counter) == 0));
		id = script_variant_id(t);
		CHECK(id[0] != '\0');
		free(id);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scripts sc = { NULL, 0 };
	struct script_vars mine;
	const char *text = (const char *)data, *vals[19];
	const char *langs[] = { "en", "bn", "gu", "", NULL, NULL };
	const char *cats[6], *skus[6];
	char *copy, *lines[MAX_LINES], *p, *cause = NULL, *s;
	size_t i, nlines = 0, ncat = 0, nsku = 0, before;
	int rc, kind, l, c, literal, vbraces;
	uint64_t keys[3];

	/* The input's lines, NUL-terminated (values and raw lines). */
	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (p = copy; p != NULL && nlines < MAX_LINES; ) {
		lines[nlines++] = p;
		if ((p = strchr(p, '\n')) != NULL)
			*p++ = '\0';
	}
	literal = has_pair(data, size, '{', '{') || has_pair(data, size, '}',
	    '}');

	/* Any line is filled or refused, never crashes. */
	for (i = 0; i < nlines; i++) {
		(void)script_is_urgent(lines[i]);
		if ((s = script_fill(lines[i], &fixed)) != NULL) {
			if (!literal)
				CHECK(!has_brace(s));
			free(s);
		}
		if ((s = script_fill(lines[i], &walkin)) != NULL)
			free(s);
	}

	rc = script_load_text(&sc, "fuzz.txt", text, size, &cause);
	if (rc != 0) {
		CHECK(rc == -1 && cause != NULL && cause[0] != '\0');
		CHECK(sc.n == 0 && sc.v == NULL);
		free(cause);
		free(copy);
		return 0;
	}
	CHECK(cause == NULL && sc.n > 0);

	/* The same text again: refused, sc as it was. */
	before = sc.n;
	CHECK(script_load_text(&sc, "again.txt", text, size, &cause) == -1);
	CHECK(cause != NULL && sc.n == before);
	free(cause);

	/* Scopes: those of the templates, one from the input, none. */
	cats[ncat++] = NULL;
	skus[nsku++] = NULL;
	for (i = 0; i < sc.n && ncat < 4; i++)
		if (sc.v[i].category != NULL)
			cats[ncat++] = sc.v[i].category;
	for (i = 0; i < sc.n && nsku < 4; i++)
		if (sc.v[i].sku != NULL)
			skus[nsku++] = sc.v[i].sku;
	cats[ncat++] = lines[nlines - 1];
	skus[nsku++] = lines[0];
	langs[4] = sc.v[0].lang;
	langs[5] = sc.v[sc.n - 1].lang;

	/* Values from the input: line i (an empty line is no value). */
	for (i = 0; i < 19; i++)
		vals[i] = i < nlines && lines[i][0] != '\0' ? lines[i] : NULL;
	memset(&mine, 0, sizeof mine);
	mine.first_name = vals[0];
	mine.item = vals[1];
	mine.base = vals[2];
	mine.diff = vals[3];
	mine.diff_pct = vals[4];
	mine.price = vals[5];
	mine.benefit = vals[6];
	mine.unit_saving = vals[7];
	mine.proof = vals[8];
	mine.bundle = vals[9];
	mine.saving = vals[10];
	mine.shop = vals[11];
	mine.room = vals[12];
	mine.booked = vals[13];
	mine.per_night = vals[14];
	mine.nights = vals[15];
	mine.total = vals[16];
	mine.addon = vals[17];
	mine.per = vals[18];
	vbraces = 0;
	for (i = 0; i < 19; i++)
		if (vals[i] != NULL && has_brace(vals[i]))
			vbraces = 1;

	keys[0] = 0;
	keys[1] = 1;
	keys[2] = script_hash(copy, size);
	for (kind = -1; kind <= SCRIPT_KIND_USUAL + 1; kind++)
		for (l = 0; l < 6; l++)
			for (c = 0; c < (int)ncat; c++) {
				const char *counter = langs[(l + 1) % 6];
				uint64_t key = keys[(size_t)(c + l) % 3];

				render_check(&sc, kind, cats[c],
				    skus[(size_t)c % nsku], langs[l], counter,
				    key, &fixed, literal);
				render_check(&sc, kind, cats[c],
				    skus[(size_t)(c + 1) % nsku], langs[l],
				    counter, key, &walkin, literal);
				render_check(&sc, kind, cats[c],
				    skus[(size_t)c % nsku], langs[l], counter,
				    key, &mine, literal || vbraces);
			}
	scripts_free(&sc);
	CHECK(sc.n == 0 && sc.v == NULL);
	free(copy);
	return 0;
}
