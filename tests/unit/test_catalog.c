/*
 * test_catalog — the in-memory catalogue (model/catalog.h): an empty and a
 * zeroed catalogue, by-id and by-SKU lookups with gaps and out-of-range
 * ids, the upgrade ladder (families contiguous, each by tier then price
 * then id; items without a family alone), season windows with inclusive
 * start and end days (plain and wrapping the new year), stock, and the
 * categories' refill rhythm given to their items.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/catalog.h"
#include "model/civil.h"
#include "model/types.h"
#include "model/xalloc.h"

struct spec {
	int64_t		 id;
	const char	*sku;
	const char	*family;   /* NULL: none */
	int		 tier;
	int64_t		 price;
};

/* A catalogue of n items from spec (sorted by id), strings copied. */
static void
make(struct catalog *c, const struct spec *spec, size_t n)
{
	struct item	*items = n ? xcalloc(n, sizeof *items) : NULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		items[i].id = spec[i].id;
		items[i].sku = xstrdup(spec[i].sku);
		items[i].name = xasprintf("Item %s", spec[i].sku);
		items[i].family = spec[i].family ? xstrdup(spec[i].family) :
		    NULL;
		items[i].tier = spec[i].tier;
		items[i].brand_tier = 2;
		items[i].price = spec[i].price;
		items[i].stock = ITEM_NO_STOCK;
	}
	catalog_init(c, items, n);
}

static int64_t
day(int y, int m, int d)
{
	return civil_days(y, m, d);
}

static void
test_zeroed_free(void **state)
{
	struct catalog	c;

	(void)state;
	memset(&c, 0, sizeof c);
	catalog_free(&c);
	catalog_free(&c);
	assert_null(c.items);
	assert_int_equal(c.n, 0);
}

static void
test_empty(void **state)
{
	struct catalog	c;

	(void)state;
	make(&c, NULL, 0);
	assert_int_equal(c.n, 0);
	assert_null(catalog_item(&c, 0));
	assert_null(catalog_item(&c, 1));
	assert_null(catalog_item(&c, -1));
	assert_int_equal(catalog_index(&c, 1), UINT32_MAX);
	assert_int_equal(catalog_index(&c, INT64_MAX), UINT32_MAX);
	assert_null(catalog_find_sku(&c, ""));
	assert_null(catalog_find_sku(&c, "A"));
	catalog_free(&c);
	assert_null(c.by_id);
}

static void
test_by_id(void **state)
{
	static const struct spec s[] = {
		{ 2, "B", NULL, 0, 100 },
		{ 5, "E", NULL, 0, 200 },
		{ 9, "I", NULL, 0, 300 },
	};
	struct catalog		 c;
	const struct item	*it;
	int64_t			 id;

	(void)state;
	make(&c, s, 3);
	assert_int_equal(c.n, 3);
	assert_int_equal(catalog_index(&c, 2), 0);
	assert_int_equal(catalog_index(&c, 5), 1);
	assert_int_equal(catalog_index(&c, 9), 2);
	it = catalog_item(&c, 5);
	assert_non_null(it);
	assert_int_equal(it->id, 5);
	assert_string_equal(it->sku, "E");
	assert_int_equal(it->price, 200);
	assert_ptr_equal(catalog_item(&c, 9), &c.items[2]);
	/* Gaps, zero, negative and past the end. */
	for (id = -3; id <= 12; id++) {
		if (id == 2 || id == 5 || id == 9)
			continue;
		assert_null(catalog_item(&c, id));
		assert_int_equal(catalog_index(&c, id), UINT32_MAX);
	}
	assert_null(catalog_item(&c, INT64_MAX));
	assert_null(catalog_item(&c, INT64_MIN));
	catalog_free(&c);
	assert_null(c.items);
	assert_int_equal(c.n, 0);
}

static void
test_find_sku(void **state)
{
	static const struct spec s[] = {
		{ 1, "SH-50", NULL, 0, 1 },
		{ 2, "SH-500", NULL, 0, 1 },
		{ 3, "sh-50", NULL, 0, 1 },
		{ 4, "", NULL, 0, 1 },
	};
	struct catalog	c;

	(void)state;
	make(&c, s, 4);
	assert_int_equal(catalog_find_sku(&c, "SH-50")->id, 1);
	assert_int_equal(catalog_find_sku(&c, "SH-500")->id, 2);
	assert_int_equal(catalog_find_sku(&c, "sh-50")->id, 3);
	assert_int_equal(catalog_find_sku(&c, "")->id, 4);
	assert_null(catalog_find_sku(&c, "SH-5"));
	assert_null(catalog_find_sku(&c, "SH-50 "));
	assert_null(catalog_find_sku(&c, "Sh-50"));
	catalog_free(&c);
}

/* Position of item id in the ladder. */
static uint32_t
rung_of(const struct catalog *c, int64_t id)
{
	uint32_t	i = catalog_index(c, id);

	assert_int_not_equal(i, UINT32_MAX);
	return c->rung[i];
}

static void
test_ladder(void **state)
{
	/* Family "b": tiers and prices shuffled, a price tie broken by id;
	 * family "a" in between; three items without a family. */
	static const struct spec s[] = {
		{ 1, "n1", NULL, 0, 50 },
		{ 3, "b-t2", "b", 2, 100 },
		{ 4, "b-t1-500", "b", 1, 500 },
		{ 5, "a-t3", "a", 3, 900 },
		{ 6, "b-t1-200a", "b", 1, 200 },
		{ 7, "b-t1-200b", "b", 1, 200 },
		{ 8, "a-t1", "a", 1, 900 },
		{ 9, "n2", NULL, 0, 10 },
		{ 10, "b-t3", "b", 3, 50 },
		{ 11, "n3", NULL, 5, 5 },
	};
	static const int64_t b_order[] = { 6, 7, 4, 3, 10 };
	struct catalog	c;
	size_t		i, k;
	uint32_t	r, start;

	(void)state;
	make(&c, s, 10);

	/* ladder[] is a permutation and rung[] its inverse. */
	for (k = 0; k < c.n; k++) {
		assert_true(c.ladder[k] < c.n);
		assert_int_equal(c.rung[c.ladder[k]], k);
	}
	/* Family b in order tier, price, id, contiguous. */
	start = rung_of(&c, b_order[0]);
	for (i = 0; i < 5; i++) {
		r = rung_of(&c, b_order[i]);
		assert_int_equal(r, start + i);
		assert_int_equal(c.fam_start[catalog_index(&c, b_order[i])],
		    start);
		assert_int_equal(c.fam_end[catalog_index(&c, b_order[i])],
		    start + 5);
	}
	/* Family a: tier 1 before tier 3 despite the same price. */
	assert_int_equal(rung_of(&c, 5), rung_of(&c, 8) + 1);
	assert_int_equal(c.fam_end[catalog_index(&c, 8)] -
	    c.fam_start[catalog_index(&c, 8)], 2);
	assert_int_equal(c.fam_start[catalog_index(&c, 5)],
	    c.fam_start[catalog_index(&c, 8)]);
	/* No family: a group of one each. */
	for (i = 0; i < c.n; i++) {
		const struct item *it = &c.items[i];
		if (it->family != NULL)
			continue;
		assert_int_equal(c.fam_start[i], c.rung[i]);
		assert_int_equal(c.fam_end[i], c.rung[i] + 1);
	}
	/* Every group holds exactly its family. */
	for (i = 0; i < c.n; i++) {
		for (k = c.fam_start[i]; k < c.fam_end[i]; k++) {
			const struct item *o = &c.items[c.ladder[k]];
			if (c.items[i].family == NULL)
				assert_int_equal(c.ladder[k], i);
			else {
				assert_non_null(o->family);
				assert_string_equal(o->family,
				    c.items[i].family);
			}
		}
		assert_true(c.fam_start[i] <= c.rung[i]);
		assert_true(c.rung[i] < c.fam_end[i]);
	}
	catalog_free(&c);
}

/* One family of one item: no rung above it. */
static void
test_ladder_single(void **state)
{
	static const struct spec s[] = { { 1, "x", "f", 1, 10 } };
	struct catalog	c;

	(void)state;
	make(&c, s, 1);
	assert_int_equal(c.rung[0], 0);
	assert_int_equal(c.fam_start[0], 0);
	assert_int_equal(c.fam_end[0], 1);
	catalog_free(&c);
}

static int
in_season(int start, int end, int y, int m, int d)
{
	struct item	it;

	memset(&it, 0, sizeof it);
	it.season_start = start;
	it.season_end = end;
	return catalog_in_season(&it, day(y, m, d));
}

static void
test_season_none(void **state)
{
	(void)state;
	assert_int_equal(in_season(ITEM_NO_SEASON, ITEM_NO_SEASON, 2027, 1,
	    1), 0);
	assert_int_equal(in_season(ITEM_NO_SEASON, ITEM_NO_SEASON, 2027, 6,
	    15), 0);
	/* Half a season is no season. */
	assert_int_equal(in_season(101, ITEM_NO_SEASON, 2027, 6, 15), 0);
	assert_int_equal(in_season(ITEM_NO_SEASON, 1231, 2027, 6, 15), 0);
}

static void
test_season_plain(void **state)
{
	(void)state;
	/* 04-01 .. 08-31, both days inclusive. */
	assert_int_equal(in_season(401, 831, 2027, 3, 31), 0);
	assert_int_equal(in_season(401, 831, 2027, 4, 1), 1);
	assert_int_equal(in_season(401, 831, 2027, 6, 15), 1);
	assert_int_equal(in_season(401, 831, 2027, 8, 31), 1);
	assert_int_equal(in_season(401, 831, 2027, 9, 1), 0);
	assert_int_equal(in_season(401, 831, 2027, 1, 15), 0);
	assert_int_equal(in_season(401, 831, 2028, 12, 31), 0);
	/* One day. */
	assert_int_equal(in_season(1225, 1225, 2027, 12, 24), 0);
	assert_int_equal(in_season(1225, 1225, 2027, 12, 25), 1);
	assert_int_equal(in_season(1225, 1225, 2027, 12, 26), 0);
	/* The whole year. */
	assert_int_equal(in_season(101, 1231, 2027, 1, 1), 1);
	assert_int_equal(in_season(101, 1231, 2027, 12, 31), 1);
	/* A leap day as the end. */
	assert_int_equal(in_season(201, 229, 2028, 2, 29), 1);
	assert_int_equal(in_season(201, 229, 2028, 3, 1), 0);
	/* Days before 1970 work too. */
	assert_int_equal(in_season(401, 831, 1969, 6, 15), 1);
	assert_int_equal(in_season(401, 831, 1969, 12, 31), 0);
}

static void
test_season_wrap(void **state)
{
	(void)state;
	/* 11-01 .. 02-28 wraps the new year. */
	assert_int_equal(in_season(1101, 228, 2026, 10, 31), 0);
	assert_int_equal(in_season(1101, 228, 2026, 11, 1), 1);
	assert_int_equal(in_season(1101, 228, 2026, 12, 31), 1);
	assert_int_equal(in_season(1101, 228, 2027, 1, 1), 1);
	assert_int_equal(in_season(1101, 228, 2027, 1, 15), 1);
	assert_int_equal(in_season(1101, 228, 2027, 2, 28), 1);
	assert_int_equal(in_season(1101, 228, 2027, 3, 1), 0);
	assert_int_equal(in_season(1101, 228, 2027, 6, 15), 0);
	/* 12-31 .. 01-01: two days. */
	assert_int_equal(in_season(1231, 101, 2026, 12, 30), 0);
	assert_int_equal(in_season(1231, 101, 2026, 12, 31), 1);
	assert_int_equal(in_season(1231, 101, 2027, 1, 1), 1);
	assert_int_equal(in_season(1231, 101, 2027, 1, 2), 0);
}

static void
test_stock(void **state)
{
	struct item	it;

	(void)state;
	memset(&it, 0, sizeof it);
	it.stock = ITEM_NO_STOCK;
	assert_int_equal(catalog_in_stock(&it), 1);
	it.stock = 0;
	assert_int_equal(catalog_in_stock(&it), 0);
	it.stock = -1;
	assert_int_equal(catalog_in_stock(&it), 0);
	it.stock = 1;
	assert_int_equal(catalog_in_stock(&it), 1);
	it.stock = INT64_MAX;
	assert_int_equal(catalog_in_stock(&it), 1);
}

/*
 * A category's refill rhythm goes to its items that have none of their
 * own, flagged as the category's; an item's own rhythm wins; names match
 * exactly; no list, an unknown category or a category without a rhythm
 * change nothing.
 */
static void
test_apply_categories(void **state)
{
	static const struct {
		const char	*category;
		int		 own, want, flag;
	} v[] = {
		{ "grocery", 0, 21, 1 },        /* the category's            */
		{ "grocery", 3, 3, 0 },         /* its own (milk)            */
		{ "personal care", 0, 30, 1 },
		{ "electronics", 0, 0, 0 },     /* a category with no rhythm */
		{ "Grocery", 0, 0, 0 },         /* not the same name         */
		{ "toys", 0, 0, 0 },            /* no such category          */
		{ NULL, 0, 0, 0 },              /* no category               */
	};
	static const struct category cats[] = {     /* by name */
		{ (char *)"electronics", 0 }, { (char *)"grocery", 21 },
		{ (char *)"personal care", 30 },
	};
	struct item	 items[sizeof v / sizeof v[0]];
	size_t		 i, n = sizeof v / sizeof v[0];

	(void)state;
	memset(items, 0, sizeof items);
	for (i = 0; i < n; i++) {
		items[i].category = (char *)v[i].category;
		items[i].refill_days = v[i].own;
		items[i].refill_from_category = 1;     /* reset by the call */
	}
	catalog_apply_categories(items, n, NULL, 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(items[i].refill_days, v[i].own);
		assert_int_equal(items[i].refill_from_category, 0);
	}
	catalog_apply_categories(items, n, cats, sizeof cats / sizeof cats[0]);
	for (i = 0; i < n; i++) {
		assert_int_equal(items[i].refill_days, v[i].want);
		assert_int_equal(items[i].refill_from_category, v[i].flag);
	}
	catalog_apply_categories(NULL, 0, cats, 3);
}

/* One product line: the same opening words, two of which name the
 * thing; a count and the words around it name nothing; case aside. */
static void
test_same_line(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} v[] = {
		{ "JUMBO BAG PINK POLKADOT", "JUMBO BAG OWLS", 1 },
		{ "Lunch Bag Red", "LUNCH BAG CARS BLUE", 1 },
		{ "SET OF 3 CAKE TINS PANTRY DESIGN", "SET OF 3 CAKE TINS SKETCHBOOK",
		  1 },
		{ "SET OF 3 REGENCY CAKE TINS", "SET OF 60 PANTRY DESIGN CAKE CASES",
		  0 },
		{ "SET OF 3 CAKE TINS", "SET OF 4 CAKE TINS", 0 },
		{ "PACK OF 12 PINK PAISLEY TISSUES", "PACK OF 12 PINK POLKADOT "
		  "TISSUES", 0 },       /* the design before the thing: not seen */
		{ "PACK OF 12 TISSUES PINK", "PACK OF 12 TISSUES BLUE", 0 },
		{ "PACK OF 12 PAPER TISSUES PINK", "PACK OF 12 PAPER TISSUES", 1 },
		{ "Classic Winter Coat", "Padded Winter Coat", 0 },
		{ "Nova Phone Case", "Nova Rugged Phone Case", 0 },
		{ "JUMBO BAG", "JUMBO BAG", 1 },
		{ "JUMBO", "JUMBO BAG OWLS", 0 },
		{ "JUMBO BAGS", "JUMBO BAG", 0 },
		{ "  JUMBO  BAG RED", "JUMBO BAG OWLS", 1 },
		{ "", "", 0 },
		{ "85123", "85123", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (catalog_same_line(v[i].a, v[i].b) != v[i].want ||
		    catalog_same_line(v[i].b, v[i].a) != v[i].want)
			fail_msg("'%s' and '%s': want %d", v[i].a, v[i].b,
			    v[i].want);
	}
}

/* The key: the words up to the second that names the thing, one space
 * apart, ASCII lower case; none for a name without two, or too long. */
static void
test_line_key(void **state)
{
	static const struct {
		const char *name, *key;
	} v[] = {
		{ "JUMBO BAG PINK POLKADOT", "jumbo bag" },
		{ "  Lunch   Bag Red", "lunch bag" },
		{ "SET OF 3 CAKE TINS PANTRY", "set of 3 cake tins" },
		{ "PACK OF 12 Paper Tissues", "pack of 12 paper tissues" },
		{ "JUMBO", "" },
		{ "SET OF 3", "" },
		{ "", "" },
		{ "Crème Brûlée", "crème brûlée" },   /* bytes above ASCII kept */
	};
	char key[CATALOG_LINE_KEY], name[2 * CATALOG_LINE_KEY];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		n = catalog_line_key(v[i].name, key);
		assert_int_equal(n, strlen(v[i].key));
		if (n > 0)
			assert_string_equal(key, v[i].key);
	}
	/* the longest key that fits, then one byte more: none */
	memset(name, 'a', CATALOG_LINE_KEY - 3);
	memcpy(name + CATALOG_LINE_KEY - 3, " b", 3);
	assert_int_equal(catalog_line_key(name, key), CATALOG_LINE_KEY - 1);
	memcpy(name + CATALOG_LINE_KEY - 3, "a b", 4);
	assert_int_equal(catalog_line_key(name, key), 0);
	assert_int_equal(catalog_same_line(name, name), 0);
}

/* The catalogue's line numbers say what catalog_same_line says, for
 * every pair of its items. */
static void
test_line_numbers(void **state)
{
	static const char *const name[] = {
		"JUMBO BAG PINK POLKADOT", "JUMBO BAG OWLS",
		"jumbo bag red retrospot", "LUNCH BAG CARS BLUE",
		"SET OF 3 CAKE TINS PANTRY DESIGN",
		"SET OF 60 PANTRY DESIGN CAKE CASES", "POSTAGE",
		"Lunch Bag Suki Design",
	};
	size_t i, j, n = sizeof name / sizeof name[0];
	struct item *items = xcalloc(n, sizeof *items);
	struct catalog c;

	(void)state;
	for (i = 0; i < n; i++) {
		items[i].id = (int64_t)i + 1;
		items[i].sku = xasprintf("S%zu", i + 1);
		items[i].name = xstrdup(name[i]);
		items[i].price = 100;
		items[i].stock = ITEM_NO_STOCK;
	}
	catalog_init(&c, items, n);
	assert_int_equal(c.line[6], CATALOG_NO_LINE);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			int same = c.line[i] != CATALOG_NO_LINE &&
			    c.line[i] == c.line[j];

			if (same != catalog_same_line(name[i], name[j]))
				fail_msg("'%s' and '%s'", name[i], name[j]);
		}
	assert_int_equal(c.line[0], c.line[2]);
	assert_int_equal(c.line[3], c.line[7]);
	assert_true(c.line[0] != c.line[3]);
	assert_true(c.line[4] != c.line[5]);
	catalog_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zeroed_free),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_by_id),
		cmocka_unit_test(test_find_sku),
		cmocka_unit_test(test_ladder),
		cmocka_unit_test(test_same_line),
		cmocka_unit_test(test_line_key),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_ladder_single),
		cmocka_unit_test(test_season_none),
		cmocka_unit_test(test_season_plain),
		cmocka_unit_test(test_season_wrap),
		cmocka_unit_test(test_stock),
		cmocka_unit_test(test_apply_categories),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
