/*
 * test_scorer — the suggestions (model/scorer.h) on catalogues, histories
 * and buyers made by hand, with every expectation worked out by hand or
 * recounted here from the same baskets.
 *
 * Degenerate inputs first (empty catalogue, max 0, empty basket, walk-in,
 * unknown and repeated ids, a basket of 1,000 items, no model, a damaged
 * model), then each kind — upgrade (cap, tier, brand tier of the item and
 * of the buyer, stock, price difference), bundle (figures of the
 * explanation recounted from the baskets, lift <= 1, too few orders,
 * {a,b} => c), refill (due, not due, the rhythm from 2+ orders or
 * refill_days, half the rhythm, due within recent_days, the next size up),
 * seasonal (plain and wrapping windows, boundaries, fit) — then the
 * guardrails (in the basket, bought recently, declined within the
 * cooldown, every kind, at most N, one per family, no sibling of a family
 * in the basket) and determinism.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "model/baskets.h"
#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/types.h"
#include "model/xalloc.h"

#define MAXOUT	16
#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/* ---- fixtures ------------------------------------------------------------ */

/* A catalogue item; zero fields mean: none, not tracked, brand tier 2. */
struct it {
	int64_t		 id;
	const char	*name;
	const char	*cat;
	const char	*fam;
	int		 tier;
	int64_t		 price;
	int		 brand;      /* 0: 2 */
	int		 oos;        /* 1: stock 0 */
	int64_t		 stock;      /* 0: not tracked (unless oos) */
	int		 ss, se;     /* season MMDD */
	int		 refill;
};

struct fx {
	int			 in_use;
	struct catalog		 c;
	struct model		 m;
	int			 has_m;
	const char *const	*lines;     /* the history, store ids */
	size_t			 nlines;
	struct scorer_config	 cfg;
	struct scorer		*sc;
};

static void
cat_make(struct catalog *c, const struct it *v, size_t n)
{
	struct item	*items = xcalloc(n ? n : 1, sizeof *items);
	size_t		 i;

	for (i = 0; i < n; i++) {
		struct item *t = &items[i];
		if (i > 0 && v[i].id <= v[i - 1].id)
			fail_msg("fixture not sorted by id at %zu", i);
		t->id = v[i].id;
		t->sku = xasprintf("SKU%lld", (long long)v[i].id);
		t->name = xstrdup(v[i].name);
		t->category = v[i].cat ? xstrdup(v[i].cat) : NULL;
		t->family = v[i].fam ? xstrdup(v[i].fam) : NULL;
		t->tier = v[i].tier;
		t->brand_tier = v[i].brand ? v[i].brand : 2;
		t->price = v[i].price;
		t->stock = v[i].oos ? 0 : v[i].stock ? v[i].stock :
		    ITEM_NO_STOCK;
		t->season_start = v[i].ss;
		t->season_end = v[i].se;
		t->refill_days = v[i].refill;
	}
	catalog_init(c, items, n);
}

/* Baskets of store ids, one line each ("10 11 12"; "" is empty). */
static void
hist_make(struct baskets *b, const char *const *lines, size_t n)
{
	uint32_t	 v[4096];
	size_t		 i, k;
	const char	*p;
	char		*end;
	long long	 id;

	baskets_init(b);
	for (i = 0; i < n; i++) {
		for (k = 0, p = lines[i]; *p != '\0'; p = end) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			id = strtoll(p, &end, 10);
			assert_true(end > p && id > 0 && k < NELEM(v));
			v[k++] = baskets_item(b, p, (size_t)(end - p));
		}
		baskets_add(b, v, k);
	}
	b->ids = xcalloc(b->nitems ? b->nitems : 1, sizeof *b->ids);
	for (i = 0; i < b->nitems; i++)
		b->ids[i] = strtoll(b->names[i], NULL, 10);
}

static void
model_make(struct model *m, const char *const *lines, size_t n,
    const struct mine_params *p)
{
	struct baskets		b;
	struct mine_params	dp = mine_default_params();
	void			*blob = NULL;
	size_t			 size = 0;
	char			*cause = NULL;

	hist_make(&b, lines, n);
	if (mine_build(&b, p ? p : &dp, 0, &blob, &size, NULL, &cause) != 0)
		fail_msg("mine_build: %s", cause);
	baskets_free(&b);
	if (model_open(m, blob, size, &cause) != 0)
		fail_msg("model_open: %s", cause);
}

/*
 * Fixtures live in a static pool, so that the teardown can free what a
 * failed test left open (its stack frame is gone by then).
 */
static struct fx pool[4];

static void fx_close(struct fx *);

/* A catalogue, a model of lines (none if lines is NULL), default config. */
static struct fx *
fx_open(const struct it *v, size_t n, const char *const *lines,
    size_t nlines)
{
	struct fx	*f;
	size_t		 i;

	for (i = 0; i < NELEM(pool) && pool[i].in_use; i++)
		;
	if (i == NELEM(pool)) {
		fail_msg("more than %zu fixtures open", NELEM(pool));
		abort();
	}
	f = &pool[i];
	memset(f, 0, sizeof *f);
	f->in_use = 1;
	cat_make(&f->c, v, n);
	f->lines = lines;
	f->nlines = nlines;
	if (lines != NULL) {
		model_make(&f->m, lines, nlines, NULL);
		f->has_m = 1;
	}
	f->cfg = scorer_default_config();
	return f;
}

/* (Re)make the scorer after a change of f->cfg. */
static struct scorer *
fx_scorer(struct fx *f)
{
	scorer_free(&f->sc);
	f->sc = scorer_new(&f->c, f->has_m ? &f->m : NULL, &f->cfg);
	assert_non_null(f->sc);
	return f->sc;
}

static void
fx_close(struct fx *f)
{
	scorer_free(&f->sc);
	model_close(&f->m);
	catalog_free(&f->c);
	memset(f, 0, sizeof *f);
}

/* Teardown: free the fixtures a failed test left open. */
static int
fx_teardown(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(pool); i++)
		if (pool[i].in_use)
			fx_close(&pool[i]);
	return 0;
}

static void
dump(const struct suggestion *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		print_message("  %zu: %s %lld base %lld/%lld price %lld diff "
		    "%lld (%d %%) score %.3f: %s\n", i,
		    scorer_kind_name(s[i].kind), (long long)s[i].item_id,
		    (long long)s[i].base_id, (long long)s[i].base2_id,
		    (long long)s[i].price, (long long)s[i].diff, s[i].diff_pct,
		    s[i].score, s[i].why);
}

/*
 * Rank with sanity checks that hold for every call: at most the limits,
 * nothing from the basket, nothing twice, one per family, kinds and
 * scores in range, the explanation a terminated, non-empty line.
 */
static size_t
rank(struct fx *f, const struct buyer *b, const int64_t *basket, size_t n,
    int64_t now, struct suggestion *out)
{
	size_t			 k, i, j, cap;
	const struct item	*it, *o;

	if (f->sc == NULL)
		fx_scorer(f);
	memset(out, 0xa5, MAXOUT * sizeof *out);
	k = scorer_rank(f->sc, b, basket, n, now, out, MAXOUT);
	cap = f->cfg.max_suggestions < 0 ? 0 : (size_t)f->cfg.max_suggestions;
	assert_true(k <= cap);
	for (i = 0; i < k; i++) {
		assert_true(out[i].kind >= 0 && out[i].kind < SUG_NKINDS);
		it = catalog_item(&f->c, out[i].item_id);
		assert_non_null(it);
		assert_int_equal(out[i].price, it->price);
		assert_true(catalog_in_stock(it));
		assert_true(out[i].score > 0 && out[i].score <= 1);
		assert_non_null(memchr(out[i].why, '\0', sizeof out[i].why));
		assert_true(strlen(out[i].why) > 0);
		assert_null(strchr(out[i].why, '\n'));
		for (j = 0; j < n; j++)
			if (basket[j] == out[i].item_id) {
				dump(out, k);
				fail_msg("item %lld is in the basket",
				    (long long)basket[j]);
			}
		for (j = 0; j < i; j++) {
			assert_int_not_equal(out[j].item_id, out[i].item_id);
			o = catalog_item(&f->c, out[j].item_id);
			if (it->family != NULL && o->family != NULL &&
			    strcmp(it->family, o->family) == 0) {
				dump(out, k);
				fail_msg("two of family %s", it->family);
			}
		}
	}
	return k;
}

static int
find(const struct suggestion *s, size_t n, int64_t id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i].item_id == id)
			return (int)i;
	return -1;
}

/* Exactly one suggestion, of item id; returns it. */
static const struct suggestion *
only(const struct suggestion *s, size_t n, int64_t id)
{
	if (n != 1 || s[0].item_id != id) {
		dump(s, n);
		fail_msg("expected item %lld alone, got %zu suggestions",
		    (long long)id, n);
	}
	return &s[0];
}

static void
absent(const struct suggestion *s, size_t n, int64_t id)
{
	if (find(s, n, id) >= 0) {
		dump(s, n);
		fail_msg("item %lld suggested", (long long)id);
	}
}

static int64_t
at(int y, int m, int d)
{
	return civil_days(y, m, d) * CIVIL_DAY + 12 * 3600;
}

#define NOW		at(2027, 1, 15)
#define DAYS(n)		((int64_t)(n) * CIVIL_DAY)

/* Baskets of lines holding every id of want[0..k). */
static unsigned
count_with(const char *const *lines, size_t n, const int64_t *want, size_t k)
{
	unsigned	 c = 0;
	size_t		 i, j, found;
	const char	*p;
	char		*end;
	long long	 id;

	for (i = 0; i < n; i++) {
		for (j = 0, found = 0; j < k; j++) {
			for (p = lines[i]; *p != '\0'; p = end) {
				id = strtoll(p, &end, 10);
				if (end == p)
					break;
				if (id == want[j]) {
					found++;
					break;
				}
			}
		}
		c += found == k;
	}
	return c;
}

/*
 * A bundle explanation "... bought with NAME in P% of its orders (T of
 * B) · lift L · +D": parse it and recount T, B, P and L from the lines.
 */
static void
check_pair_why(const struct fx *f, const struct suggestion *s)
{
	const struct item	*src = catalog_item(&f->c, s->base_id);
	const char		*p, *q;
	char			 want[128], lift[16];
	int			 pc;
	unsigned		 t, b, rt, rb, fc;
	int64_t			 ids[2];

	assert_non_null(src);
	snprintf(want, sizeof want, "bought with %s in ", src->name);
	p = strstr(s->why, want);
	if (p == NULL)
		fail_msg("why \"%s\" lacks \"%s\"", s->why, want);
	p += strlen(want);
	if (sscanf(p, "%d%% of its orders (%u of %u)", &pc, &t, &b) != 3)
		fail_msg("why \"%s\": no figures", s->why);
	q = strstr(p, " lift ");
	assert_non_null(q);
	assert_int_equal(sscanf(q, " lift %15[0-9.]", lift), 1);

	ids[0] = s->base_id;
	ids[1] = s->item_id;
	rb = count_with(f->lines, f->nlines, ids, 1);
	rt = count_with(f->lines, f->nlines, ids, 2);
	fc = count_with(f->lines, f->nlines, ids + 1, 1);
	assert_int_equal(t, rt);
	assert_int_equal(b, rb);
	assert_int_equal(pc, (int)floor(100.0 * rt / rb + 0.5));
	snprintf(want, sizeof want, "%.1f", (double)rt * f->nlines /
	    ((double)rb * fc));
	assert_string_equal(lift, want);
	/* and a complement: lift above 1 */
	assert_true((uint64_t)rt * f->nlines > (uint64_t)rb * fc);
}

/* ---- the histories -------------------------------------------------------- */

/*
 * Phone (10) in 6 of 12 orders; Case (11) in 5, with the phone in 4:
 * 67 %, lift 4*12/(6*5) = 1.6.  Bread (14) in 6, with the phone in 3:
 * lift 3*12/(6*6) = 1.0 exactly.  Protector (12) in 2, both with the
 * phone: lift 2.0 but only 2 orders.
 */
static const char *const phone_lines[] = {
	"10 11 12", "10 11 12", "10 11 14", "10 11", "10 14", "10 14",
	"11", "14", "14", "14", "", "15",
};

static const struct it phone_items[] = {
	{ .id = 10, .name = "Phone", .cat = "phones", .price = 30000 },
	{ .id = 11, .name = "Case", .cat = "cases", .price = 1500 },
	{ .id = 12, .name = "Protector", .cat = "protectors", .price = 999 },
	{ .id = 14, .name = "Bread", .cat = "bakery", .price = 250 },
	{ .id = 15, .name = "Milk", .cat = "dairy", .price = 120 },
};

/*
 * Tea (20) and Biscuits (21) together in 5 of 20 orders, Honey (22) in 4
 * of those: {Tea, Biscuits} => Honey at 80 %; Tea => Honey alone 4 of 10
 * (lift 4*20/(10*6) = 1.33); Tea and Biscuits: lift 5*20/(10*10) = 1.
 */
static const char *const tea_lines[] = {
	"20 21 22", "20 21 22", "20 21 22", "20 21 22", "20 21",
	"20", "20", "20", "20", "20", "21", "21", "21", "21", "21",
	"22", "22", "23", "23", "23",
};

static const struct it tea_items[] = {
	{ .id = 20, .name = "Tea", .cat = "drinks", .price = 400 },
	{ .id = 21, .name = "Biscuits", .cat = "snacks", .price = 250 },
	{ .id = 22, .name = "Honey", .cat = "pantry", .price = 600 },
	{ .id = 23, .name = "Rice", .cat = "grains", .price = 900 },
};

/*
 * A hub (1) bought with 2..7, item j in j + 1 orders, always with the hub:
 * confidence (j+1)/33, lift 53/33; 20 orders of 99 alone.
 */
static const char *const hub_lines[] = {
	"1 2", "1 2", "1 2",
	"1 3", "1 3", "1 3", "1 3",
	"1 4", "1 4", "1 4", "1 4", "1 4",
	"1 5", "1 5", "1 5", "1 5", "1 5", "1 5",
	"1 6", "1 6", "1 6", "1 6", "1 6", "1 6", "1 6",
	"1 7", "1 7", "1 7", "1 7", "1 7", "1 7", "1 7", "1 7",
	"99", "99", "99", "99", "99", "99", "99", "99", "99", "99",
	"99", "99", "99", "99", "99", "99", "99", "99", "99", "99",
};

static const struct it hub_items[] = {
	{ .id = 1, .name = "Hub", .price = 1000 },
	{ .id = 2, .name = "Two", .price = 100 },
	{ .id = 3, .name = "Three", .price = 100 },
	{ .id = 4, .name = "Four", .price = 100 },
	{ .id = 5, .name = "Five", .price = 100 },
	{ .id = 6, .name = "Six", .price = 100 },
	{ .id = 7, .name = "Seven", .price = 100 },
	{ .id = 99, .name = "Other", .price = 100 },
};

/* ---- degenerate inputs ---------------------------------------------------- */

static void
test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(scorer_kind_name(SUG_UPGRADE), "upgrade");
	assert_string_equal(scorer_kind_name(SUG_BUNDLE), "bundle");
	assert_string_equal(scorer_kind_name(SUG_REFILL), "refill");
	assert_string_equal(scorer_kind_name(SUG_SEASONAL), "seasonal");
	assert_string_equal(scorer_kind_badge(SUG_UPGRADE), "UPGRADE");
	assert_string_equal(scorer_kind_badge(SUG_BUNDLE), "BUNDLE");
	assert_string_equal(scorer_kind_badge(SUG_REFILL), "REFILL");
	assert_string_equal(scorer_kind_badge(SUG_SEASONAL), "SEASONAL");
	assert_non_null(scorer_kind_name(-1));
	assert_non_null(scorer_kind_name(SUG_NKINDS));
	assert_non_null(scorer_kind_badge(-1));
	assert_non_null(scorer_kind_badge(1000));
}

static void
test_default_config(void **state)
{
	struct scorer_config	c = scorer_default_config();

	(void)state;
	assert_int_equal(c.max_suggestions, 3);
	assert_int_equal(c.upgrade_cap_percent, 25);
	assert_int_equal(c.cooldown_days, 30);
	assert_int_equal(c.recent_days, 7);
	assert_int_equal(c.refill_ahead_days, 7);
	assert_int_equal(c.min_pair_orders, 3);
	assert_int_equal(c.scale, 2);
	assert_int_equal(c.use_model, 1);
	assert_int_equal(c.use_history, 1);
}

static void
test_free_null(void **state)
{
	struct scorer	*sc = NULL;

	(void)state;
	scorer_free(&sc);
	assert_null(sc);
}

static void
test_empty_catalog(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		basket[] = { 1, 2, 0, -1 };

	(void)state;
	f = fx_open(NULL, 0, NULL, 0);
	assert_int_equal(rank(f, NULL, basket, 4, NOW, out), 0);
	assert_int_equal(rank(f, NULL, NULL, 0, NOW, out), 0);
	fx_close(f);

	/* and with a model whose items the catalogue does not know */
	f = fx_open(NULL, 0, phone_lines, NELEM(phone_lines));
	assert_int_equal(rank(f, NULL, basket, 4, NOW, out), 0);
	fx_close(f);
}

/* max 0 (argument or configuration): nothing, and out untouched. */
static void
test_max_zero(void **state)
{
	struct fx		*f;
	struct suggestion	out[2], ref;
	const int64_t		basket[] = { 10 };

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	fx_scorer(f);
	memset(out, 0x5a, sizeof out);
	ref = out[0];
	assert_int_equal(scorer_rank(f->sc, NULL, basket, 1, NOW, out, 0), 0);
	assert_memory_equal(&out[0], &ref, sizeof ref);
	assert_int_equal(scorer_rank(f->sc, NULL, basket, 1, NOW, out, 1), 1);
	f->cfg.max_suggestions = 0;
	fx_scorer(f);
	memset(out, 0x5a, sizeof out);
	assert_int_equal(scorer_rank(f->sc, NULL, basket, 1, NOW, out, 2), 0);
	assert_memory_equal(&out[0], &ref, sizeof ref);
	fx_close(f);
}

/* An empty basket: nothing for a walk-in; only refills for a buyer. */
static void
test_empty_basket(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Soap", .cat = "c", .fam = "soap",
		    .tier = 1, .price = 100 },
		{ .id = 2, .name = "Soap plus", .cat = "c", .fam = "soap",
		    .tier = 2, .price = 110 },
		{ .id = 3, .name = "Scarf", .cat = "c", .price = 500,
		    .ss = 1101, .se = 228 },
		{ .id = 4, .name = "Tea", .price = 400 },
	};
	static const char *const lines[] = { "1 2", "1 2", "1 2", "4" };
	const struct bought bought[] = {
		{ .item_id = 4, .orders = 5, .qty = 5,
		    .first_at = NOW - DAYS(128), .last_at = NOW - DAYS(28) },
	};
	const struct buyer	buyer = { .customer_id = 9, .bought = bought,
	    .nbought = 1, .visits = 10 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;

	(void)state;
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	assert_int_equal(rank(f, NULL, NULL, 0, NOW, out), 0);
	/* Tea every 25 days, last 28 days ago: due, basket or not. */
	s = only(out, rank(f, &buyer, NULL, 0, NOW, out), 4);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->diff, 400);
	assert_int_equal(s->diff_pct, 0);
	fx_close(f);
}

/* A buyer with no history gets what a walk-in gets, byte for byte. */
static void
test_empty_history(void **state)
{
	const struct buyer	nobody = { .customer_id = 5 };
	struct fx		*f;
	struct suggestion	a[MAXOUT], b[MAXOUT];
	const int64_t		basket[] = { 10 };
	size_t			na, nb;

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	na = rank(f, NULL, basket, 1, NOW, a);
	nb = rank(f, &nobody, basket, 1, NOW, b);
	assert_int_equal(na, 1);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof *a);
	fx_close(f);
}

/* Unknown and repeated ids are ignored. */
static void
test_unknown_ids(void **state)
{
	struct fx		*f;
	struct suggestion	a[MAXOUT], b[MAXOUT];
	const int64_t		plain[] = { 10 };
	const int64_t		noisy[] = { 0, -1, 999999, 10, INT64_MAX,
				    INT64_MIN, 13, 10, 16, 10 };
	const int64_t		junk[] = { 0, -1, 13, 999999, INT64_MAX };
	size_t			na, nb;

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	na = rank(f, NULL, plain, 1, NOW, a);
	nb = rank(f, NULL, noisy, NELEM(noisy), NOW, b);
	assert_int_equal(na, 1);
	assert_int_equal(nb, na);
	assert_memory_equal(a, b, na * sizeof *a);
	assert_int_equal(rank(f, NULL, junk, NELEM(junk), NOW, b), 0);
	fx_close(f);
}

/*
 * A basket of 1,000 distinct items (plus unknown ids) from a catalogue of
 * 1,200 with families, seasons and a mined history: no crash, at most N,
 * nothing from the basket.
 */
static void
test_big_basket(void **state)
{
	enum { NI = 1200, NB = 1000, NH = 3000 };
	struct it	*items = xcalloc(NI, sizeof *items);
	char		**names = xcalloc(NI, sizeof *names);
	char		**lines = xcalloc(NH, sizeof *lines);
	char		 cats[20][8], fams[NI / 4][12];
	int64_t		*basket = xcalloc(NI + 10, sizeof *basket), t;
	struct bought	*bought = xcalloc(NI, sizeof *bought);
	struct buyer	 buyer;
	struct suggestion out[MAXOUT];
	struct fx	*f;
	uint64_t	 s = 0x1234567;
	size_t		 i, j, k, n, len;
	int		 max, pass;

	(void)state;
	for (i = 0; i < 20; i++)
		snprintf(cats[i], sizeof cats[i], "c%zu", i);
	for (i = 0; i < NI / 4; i++)
		snprintf(fams[i], sizeof fams[i], "f%zu", i);
	for (i = 0; i < NI; i++) {
		names[i] = xasprintf("Item %zu", i + 1);
		items[i].id = (int64_t)i + 1;
		items[i].name = names[i];
		items[i].cat = cats[i % 20];
		items[i].fam = i % 8 < 4 ? fams[i / 4] : NULL;
		items[i].tier = (int)(i % 4) + 1;
		items[i].price = 1000 + 100 * (int64_t)(i % 4);
		items[i].brand = (int)(i % 3) + 1;
		items[i].oos = i % 17 == 0;
		if (i % 13 == 0) {
			items[i].ss = 1101;
			items[i].se = 228;
		}
		items[i].refill = i % 11 == 0 ? 20 : 0;
	}
	/* A history: popular items first. */
	for (i = 0; i < NH; i++) {
		char buf[512];
		len = 0;
		k = 1 + (size_t)((s = s * 6364136223846793005ULL + 1) >> 60);
		for (j = 0; j < k; j++) {
			s = s * 6364136223846793005ULL + 1;
			double u = (double)(s >> 11) / 9007199254740992.0;
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			    "%s%zu", j ? " " : "", 1 + (size_t)(u * u * NI));
		}
		lines[i] = xstrdup(buf);
	}
	f = fx_open(items, NI, (const char *const *)lines, NH);
	/* A buyer who bought everything, some of it recently. */
	for (i = 0; i < NI; i++) {
		bought[i].item_id = (int64_t)i + 1;
		bought[i].orders = 1 + (uint32_t)(i % 5);
		bought[i].qty = bought[i].orders;
		bought[i].first_at = NOW - DAYS(200);
		bought[i].last_at = NOW - DAYS(i % 40);
	}
	memset(&buyer, 0, sizeof buyer);
	buyer.customer_id = 1;
	buyer.bought = bought;
	buyer.nbought = NI;
	buyer.visits = 50;
	for (max = 1; max <= 10; max += 9) {
		f->cfg.max_suggestions = max;
		fx_scorer(f);
		for (pass = 0; pass < 2; pass++) {
			/* 1,000 items shuffled: the popular 1..1000, or
			 * 201..1200 (the popular ones left out), with
			 * unknown and repeated ids */
			for (i = 0; i < NB; i++)
				basket[i] = (int64_t)i + 1 + (pass ? 200 : 0);
			for (i = NB - 1; i > 0; i--) {
				s = s * 6364136223846793005ULL + 1;
				j = (size_t)(s >> 33) % (i + 1);
				t = basket[i];
				basket[i] = basket[j];
				basket[j] = t;
			}
			n = NB;
			basket[n++] = 0;
			basket[n++] = -7;
			basket[n++] = 5000;
			basket[n++] = basket[3];
			k = rank(f, NULL, basket, n, NOW, out);
			if (pass)
				assert_true(k >= 1);
			k = rank(f, &buyer, basket, n, NOW, out);
			if (pass)
				assert_true(k >= 1);
			rank(f, &buyer, basket, n, at(2027, 6, 15), out);
		}
		/* every item of the catalogue in the basket: nothing left */
		for (i = 0; i < NI; i++)
			basket[i] = (int64_t)NI - (int64_t)i;
		assert_int_equal(rank(f, &buyer, basket, NI, NOW, out), 0);
		assert_int_equal(rank(f, NULL, basket, NI, NOW, out), 0);
	}
	fx_close(f);
	for (i = 0; i < NI; i++)
		free(names[i]);
	for (i = 0; i < NH; i++)
		free(lines[i]);
	free(names);
	free(lines);
	free(items);
	free(basket);
	free(bought);
}

/* No model: no bundles, but upgrades still work. */
static void
test_no_model(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Soap", .fam = "soap", .tier = 1,
		    .price = 1000 },
		{ .id = 2, .name = "Soap plus", .fam = "soap", .tier = 2,
		    .price = 1200 },
		{ .id = 3, .name = "Towel", .price = 500 },
	};
	static const char *const lines[] = {
		"1 3", "1 3", "1 3", "1 3", "2", "", "",
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 1 };
	size_t			n;

	(void)state;
	/* With the model: the towel (a bundle) and the upgrade. */
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	n = rank(f, NULL, basket, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[find(out, n, 3)].kind, SUG_BUNDLE);
	assert_int_equal(out[find(out, n, 2)].kind, SUG_UPGRADE);
	/* use_model = 0: the model is not asked. */
	f->cfg.use_model = 0;
	fx_scorer(f);
	s = only(out, rank(f, NULL, basket, 1, NOW, out), 2);
	assert_int_equal(s->kind, SUG_UPGRADE);
	fx_close(f);

	f = fx_open(items, NELEM(items), NULL, 0);
	s = only(out, rank(f, NULL, basket, 1, NOW, out), 2);
	assert_int_equal(s->kind, SUG_UPGRADE);
	assert_int_equal(s->base_id, 1);
	assert_int_equal(s->diff, 200);
	assert_int_equal(s->diff_pct, 20);
	assert_string_equal(s->why, "Soap → Soap plus: +2.00 (+20%)");
	fx_close(f);
}

/* A damaged model that model_open still accepts must not crash the
 * scorer: every byte of a blob flipped two ways. */
static void
test_damaged_model(void **state)
{
	static const uint8_t	 xs[] = { 0x01, 0xff };
	struct fx		*f;
	struct baskets		 b;
	struct mine_params	 p = mine_default_params();
	struct model		 m;
	struct scorer		*sc;
	struct suggestion	 out[MAXOUT];
	const int64_t		 b1[] = { 20, 21 }, b2[] = { 10, 22, 11 };
	uint8_t			*blob, *copy;
	size_t			 size, i, j, n, k, opened = 0;
	char			*cause = NULL;
	void			*vb;

	(void)state;
	f = fx_open(tea_items, NELEM(tea_items), NULL, 0);
	hist_make(&b, tea_lines, NELEM(tea_lines));
	assert_int_equal(mine_build(&b, &p, 0, &vb, &size, NULL, &cause), 0);
	blob = vb;
	baskets_free(&b);
	for (i = 0; i < size; i++)
		for (j = 0; j < NELEM(xs); j++) {
			copy = xmalloc(size);
			memcpy(copy, blob, size);
			copy[i] ^= xs[j];
			cause = NULL;
			if (model_open(&m, copy, size, &cause) != 0) {
				assert_non_null(cause);
				free(cause);
				continue;
			}
			opened++;
			sc = scorer_new(&f->c, &m, &f->cfg);
			n = scorer_rank(sc, NULL, b1, 2, NOW, out, MAXOUT);
			assert_true(n <= 3);
			for (k = 0; k < n; k++) {
				assert_true(out[k].item_id != 20 &&
				    out[k].item_id != 21);
				assert_non_null(memchr(out[k].why, '\0',
				    sizeof out[k].why));
			}
			n = scorer_rank(sc, NULL, b2, 3, NOW, out, MAXOUT);
			assert_true(n <= 3);
			scorer_free(&sc);
			model_close(&m);
		}
	assert_true(opened > 0);
	free(blob);
	fx_close(f);
}

/* ---- upgrade ---------------------------------------------------------------- */

/* A two-rung family: from (tier 1, brand fb, price fp) to (tier tt,
 * brand tb, price tp, stock); the upgrades suggested for a basket of the
 * first, by buyer b (NULL: walk-in). */
static size_t
ladder(int64_t fp, int fb, int tt, int64_t tp, int tb, int oos,
    int64_t stock, int cap, const struct buyer *b, struct suggestion *out)
{
	const struct it items[] = {
		{ .id = 1, .name = "Soap", .fam = "soap", .tier = 1,
		    .price = fp, .brand = fb },
		{ .id = 2, .name = "Soap plus", .fam = "soap", .tier = tt,
		    .price = tp, .brand = tb, .oos = oos, .stock = stock },
		/* what the buyer below usually buys */
		{ .id = 50, .name = "Lotion A", .fam = "lotion", .tier = 1,
		    .price = 700, .brand = 3 },
		{ .id = 51, .name = "Lotion B", .fam = "lotion", .tier = 1,
		    .price = 700, .brand = 2 },
		{ .id = 52, .name = "Lotion C", .fam = "lotion2", .tier = 1,
		    .price = 700, .brand = 2 },
		{ .id = 53, .name = "Lotion D", .fam = "lotion3", .tier = 1,
		    .price = 700, .brand = 1 },
	};
	const int64_t		basket[] = { 1 };
	struct fx		*f;
	size_t			n;

	f = fx_open(items, NELEM(items), NULL, 0);
	if (cap > 0)
		f->cfg.upgrade_cap_percent = cap;
	n = rank(f, b, basket, 1, NOW, out);
	fx_close(f);
	return n;
}

static void
test_upgrade_cap(void **state)
{
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;

	(void)state;
	/* +25 % exactly: allowed, with every figure. */
	s = only(out, ladder(10000, 2, 2, 12500, 2, 0, 0, 0, NULL, out), 2);
	assert_int_equal(s->kind, SUG_UPGRADE);
	assert_int_equal(s->base_id, 1);
	assert_int_equal(s->base2_id, 0);
	assert_int_equal(s->price, 12500);
	assert_int_equal(s->diff, 2500);
	assert_int_equal(s->diff_pct, 25);
	assert_string_equal(s->why, "Soap → Soap plus: +25.00 (+25%)");
	/* +25.01 % and +26 %: refused. */
	assert_int_equal(ladder(10000, 2, 2, 12501, 2, 0, 0, 0, NULL, out),
	    0);
	assert_int_equal(ladder(10000, 2, 2, 12600, 2, 0, 0, 0, NULL, out),
	    0);
	/* The cap from the configuration: 10 %. */
	s = only(out, ladder(10000, 2, 2, 11000, 2, 0, 0, 10, NULL, out), 2);
	assert_int_equal(s->diff_pct, 10);
	assert_int_equal(ladder(10000, 2, 2, 11001, 2, 0, 0, 10, NULL, out),
	    0);
	/* 100 %: doubling allowed, a cent more not. */
	assert_int_equal(ladder(999, 2, 2, 1998, 2, 0, 0, 100, NULL, out), 1);
	assert_int_equal(ladder(999, 2, 2, 1999, 2, 0, 0, 100, NULL, out), 0);
}

static void
test_upgrade_tier(void **state)
{
	struct suggestion	out[MAXOUT];

	(void)state;
	/* Same tier, dearer: not an upgrade. */
	assert_int_equal(ladder(1000, 2, 1, 1100, 2, 0, 0, 0, NULL, out), 0);
	/* Higher tier, same price or cheaper: not an upgrade either. */
	assert_int_equal(ladder(1000, 2, 2, 1000, 2, 0, 0, 0, NULL, out), 0);
	assert_int_equal(ladder(1000, 2, 2, 900, 2, 0, 0, 0, NULL, out), 0);
	/* A free item (price 0) has no percentage to cap: nothing. */
	assert_int_equal(ladder(0, 2, 2, 100, 2, 0, 0, 0, NULL, out), 0);
}

/* The price difference and its rounded percentage. */
static void
test_upgrade_diff(void **state)
{
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;

	(void)state;
	/* 37 of 300 = 12.33 % -> 12; 38 of 300 = 12.67 % -> 13 */
	s = only(out, ladder(300, 2, 2, 337, 2, 0, 0, 0, NULL, out), 2);
	assert_int_equal(s->diff, 37);
	assert_int_equal(s->diff_pct, 12);
	assert_string_equal(s->why, "Soap → Soap plus: +0.37 (+12%)");
	s = only(out, ladder(300, 2, 2, 338, 2, 0, 0, 0, NULL, out), 2);
	assert_int_equal(s->diff, 38);
	assert_int_equal(s->diff_pct, 13);
	/* 1 of 200 = 0.5 % -> 1 (half up) */
	s = only(out, ladder(200, 2, 2, 201, 2, 0, 0, 0, NULL, out), 2);
	assert_int_equal(s->diff, 1);
	assert_int_equal(s->diff_pct, 1);
	assert_string_equal(s->why, "Soap → Soap plus: +0.01 (+1%)");
	/* large prices */
	s = only(out, ladder(123456789, 2, 2, 150000000, 2, 0, 0, 0, NULL,
	    out), 2);
	assert_int_equal(s->diff, 26543211);
	assert_int_equal(s->diff_pct, 22);
}

static void
test_upgrade_stock(void **state)
{
	struct suggestion	out[MAXOUT];

	(void)state;
	/* out of stock: refused */
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 1, 0, 0, NULL, out), 0);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, -2, 0, NULL, out), 0);
	/* not tracked, or some left: fine */
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, ITEM_NO_STOCK, 0,
	    NULL, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 1, 0, NULL, out), 1);
}

/* Never a lower brand tier than the item. */
static void
test_upgrade_brand_item(void **state)
{
	struct suggestion	out[MAXOUT];

	(void)state;
	assert_int_equal(ladder(1000, 2, 2, 1100, 1, 0, 0, 0, NULL, out), 0);
	assert_int_equal(ladder(1000, 3, 2, 1100, 2, 0, 0, 0, NULL, out), 0);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, NULL, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 3, 0, 0, 0, NULL, out), 1);
	assert_int_equal(ladder(1000, 1, 2, 1100, 3, 0, 0, 0, NULL, out), 1);
}

/* Never a lower brand tier than the buyer usually buys: the tier of the
 * most orders (not of the most items, nor the most units). */
static void
test_upgrade_brand_usual(void **state)
{
	const int64_t	long_ago = NOW - DAYS(100);
	/* brand 3 (50) in 4 orders; brand 2 (51, 52) in 3 orders of many
	 * units; brand 1 (53) in 1. */
	const struct bought premium[] = {
		{ 50, 4, 4, long_ago, long_ago },
		{ 51, 2, 90, long_ago, long_ago },
		{ 52, 1, 90, long_ago, long_ago },
		{ 53, 1, 1, long_ago, long_ago },
	};
	/* brand 2 in 3 orders, brand 3 in 2 */
	const struct bought standard[] = {
		{ 50, 2, 2, long_ago, long_ago },
		{ 51, 2, 2, long_ago, long_ago },
		{ 52, 1, 1, long_ago, long_ago },
	};
	const struct buyer	bp = { .customer_id = 1, .bought = premium,
	    .nbought = NELEM(premium), .visits = 9 };
	const struct buyer	bs = { .customer_id = 2, .bought = standard,
	    .nbought = NELEM(standard), .visits = 5 };
	struct suggestion	out[MAXOUT];

	(void)state;
	/* brand 2 -> 2: a walk-in and a standard buyer yes, premium no */
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, NULL, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, &bs, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, &bp, out), 0);
	/* brand 2 -> 3: everyone */
	assert_int_equal(ladder(1000, 2, 2, 1100, 3, 0, 0, 0, &bp, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 3, 0, 0, 0, &bs, out), 1);
	/* brand 1 -> 1: the standard buyer usually buys better */
	assert_int_equal(ladder(1000, 1, 2, 1100, 1, 0, 0, 0, NULL, out), 1);
	assert_int_equal(ladder(1000, 1, 2, 1100, 1, 0, 0, 0, &bs, out), 0);
	assert_int_equal(ladder(1000, 1, 2, 1100, 2, 0, 0, 0, &bs, out), 1);
}

/* Several rungs: the best allowed one, never two of the family. */
static void
test_upgrade_rungs(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Rice 1 kg", .fam = "rice", .tier = 1,
		    .price = 1000 },
		{ .id = 2, .name = "Rice 2 kg", .fam = "rice", .tier = 2,
		    .price = 1100 },
		{ .id = 3, .name = "Rice 3 kg", .fam = "rice", .tier = 3,
		    .price = 1200 },
		{ .id = 4, .name = "Rice 5 kg", .fam = "rice", .tier = 4,
		    .price = 1300, .oos = 1 },
		{ .id = 5, .name = "Rice 10 kg", .fam = "rice", .tier = 5,
		    .price = 2000 },
	};
	const int64_t		basket[] = { 2 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;

	(void)state;
	f = fx_open(items, NELEM(items), NULL, 0);
	f->cfg.max_suggestions = 10;
	/* From 2 kg: 3 kg (+9%) is the only rung within the cap in stock. */
	s = only(out, rank(f, NULL, basket, 1, NOW, out), 3);
	assert_int_equal(s->base_id, 2);
	assert_int_equal(s->diff, 100);
	assert_int_equal(s->diff_pct, 9);
	fx_close(f);
}

/* With a model: how often each of the two was chosen, from the data. */
static void
test_upgrade_with_model(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Soap", .fam = "soap", .tier = 1,
		    .price = 1000 },
		{ .id = 2, .name = "Soap plus", .fam = "soap", .tier = 2,
		    .price = 1200 },
	};
	static const char *const lines[] = {
		"1", "1", "1", "1", "1", "2", "2", "2",
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 1 }, one[] = { 1 }, two[] = { 2 };
	char			want[128];

	(void)state;
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	s = only(out, rank(f, NULL, basket, 1, NOW, out), 2);
	assert_int_equal(s->kind, SUG_UPGRADE);
	snprintf(want, sizeof want, "Soap → Soap plus: +2.00 (+20%%) · "
	    "chosen in %u of %u orders of the two",
	    count_with(lines, NELEM(lines), two, 1),
	    count_with(lines, NELEM(lines), one, 1) +
	    count_with(lines, NELEM(lines), two, 1));
	assert_string_equal(s->why, want);
	assert_string_equal(s->why, "Soap → Soap plus: +2.00 (+20%) · "
	    "chosen in 3 of 8 orders of the two");
	fx_close(f);
}

/* ---- bundle ------------------------------------------------------------------ */

static void
test_bundle_explained(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		phone[] = { 10 }, cas[] = { 11 };

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	/* The case alone: the bread has lift 1, the protector 2 orders. */
	s = only(out, rank(f, NULL, phone, 1, NOW, out), 11);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->base_id, 10);
	assert_int_equal(s->base2_id, 0);
	assert_int_equal(s->price, 1500);
	assert_int_equal(s->diff, 1500);
	assert_int_equal(s->diff_pct, 5);
	assert_string_equal(s->why, "bought with Phone in 67% of its orders "
	    "(4 of 6) · lift 1.6 · +15.00");
	check_pair_why(f, s);
	assert_true(fabs(s->score - 4.0 / 6) < 1e-9);

	/* The other way round: 4 of the case's 5 orders. */
	s = only(out, rank(f, NULL, cas, 1, NOW, out), 10);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Case in 80% of its orders "
	    "(4 of 5) · lift 1.6 · +300.00");
	assert_int_equal(s->diff_pct, 2000);
	check_pair_why(f, s);
	fx_close(f);
}

/* Fewer orders than min_pair_orders: refused; allowed when lowered. */
static void
test_bundle_min_orders(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		phone[] = { 10 };
	size_t			n;
	int			i;

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	n = rank(f, NULL, phone, 1, NOW, out);
	absent(out, n, 12);
	f->cfg.min_pair_orders = 2;
	fx_scorer(f);
	n = rank(f, NULL, phone, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 11);
	assert_int_equal(out[1].item_id, 12);
	assert_string_equal(out[1].why, "bought with Phone in 33% of its "
	    "orders (2 of 6) · lift 2.0 · +9.99");
	assert_int_equal(out[1].diff_pct, 3);
	for (i = 0; i < 2; i++)
		check_pair_why(f, &out[i]);
	/* the bread stays out: lift exactly 1 */
	absent(out, n, 14);
	/* and 5 orders required: nothing (the case has 4) */
	f->cfg.min_pair_orders = 5;
	fx_scorer(f);
	assert_int_equal(rank(f, NULL, phone, 1, NOW, out), 0);
	fx_close(f);
}

/* A partner no likelier with the item than without is no complement. */
static void
test_bundle_lift_one(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		tea[] = { 20 };

	(void)state;
	f = fx_open(tea_items, NELEM(tea_items), tea_lines,
	    NELEM(tea_lines));
	f->cfg.min_pair_orders = 2;
	/* Biscuits: 5 orders with the tea, lift 1.0: out.  Honey: in. */
	s = only(out, rank(f, NULL, tea, 1, NOW, out), 22);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Tea in 40% of its orders "
	    "(4 of 10) · lift 1.3 · +6.00");
	check_pair_why(f, s);
	fx_close(f);

	/* And a lift below 1: bread with milk in 2 of 4 orders, N = 6. */
	{
		static const char *const l[] = { "14 15", "14 15", "14",
		    "15", "14", "15" };
		const int64_t bread[] = { 14 };

		f = fx_open(phone_items, NELEM(phone_items), l, NELEM(l));
		f->cfg.min_pair_orders = 1;
		assert_int_equal(rank(f, NULL, bread, 1, NOW, out), 0);
		fx_close(f);
	}
}

/* Two basket items: the rule {a,b} => c and its own figures. */
static void
test_bundle_rule(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		ab[] = { 20, 21 }, ba[] = { 21, 20 };
	const int64_t		abc[] = { 20, 21, 22 };
	char			want[160];

	(void)state;
	f = fx_open(tea_items, NELEM(tea_items), tea_lines,
	    NELEM(tea_lines));
	s = only(out, rank(f, NULL, ab, 2, NOW, out), 22);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->base_id, 20);
	assert_int_equal(s->base2_id, 21);
	assert_int_equal(s->diff, 600);
	/* 600 of 650 = 92.3 % */
	assert_int_equal(s->diff_pct, 92);
	snprintf(want, sizeof want, "bought with Tea and Biscuits in 80%% "
	    "of their orders (%u of %u) · +6.00",
	    count_with(tea_lines, NELEM(tea_lines), abc, 3),
	    count_with(tea_lines, NELEM(tea_lines), ab, 2));
	assert_string_equal(s->why, want);
	assert_true(fabs(s->score - 0.8) < 1e-9);

	/* The basket's order names the items. */
	s = only(out, rank(f, NULL, ba, 2, NOW, out), 22);
	assert_int_equal(s->base_id, 21);
	assert_int_equal(s->base2_id, 20);
	assert_string_equal(s->why, "bought with Biscuits and Tea in 80% of "
	    "their orders (4 of 5) · +6.00");

	/* Without the model, nothing. */
	f->cfg.use_model = 0;
	fx_scorer(f);
	assert_int_equal(rank(f, NULL, ab, 2, NOW, out), 0);
	fx_close(f);
}

/* What the buyer buys again and again weighs in, with real figures. */
static void
test_bundle_personal(void **state)
{
	const int64_t		long_ago = NOW - DAYS(100);
	const struct bought	bought[] = { { 11, 3, 3, long_ago, long_ago } };
	const struct buyer	b = { .customer_id = 3, .bought = bought,
	    .nbought = 1, .visits = 10 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		phone[] = { 10 };

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	s = only(out, rank(f, &b, phone, 1, NOW, out), 11);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Phone in 67% of its orders "
	    "(4 of 6) · lift 1.6 · +15.00 · in 3 of this customer's 10 "
	    "visits");
	check_pair_why(f, s);
	fx_close(f);
}

/* ---- refill -------------------------------------------------------------------- */

static const struct it care_items[] = {
	{ .id = 30, .name = "Shampoo 50 ml", .cat = "hair", .fam = "shampoo",
	    .tier = 1, .price = 300 },
	{ .id = 31, .name = "Shampoo 250 ml", .cat = "hair", .fam = "shampoo",
	    .tier = 2, .price = 900 },
	{ .id = 32, .name = "Toothpaste", .cat = "dental", .price = 200 },
	{ .id = 33, .name = "Hand wash refill", .cat = "soap", .price = 450,
	    .refill = 20 },
	{ .id = 34, .name = "Milk", .cat = "dairy", .price = 120 },
};

/* Bought in 5 orders over 100 days (every 25), the last `ago` days ago. */
static struct bought
rhythm(int64_t id, int ago)
{
	struct bought	bo = { .item_id = id, .orders = 5, .qty = 5 };

	bo.last_at = NOW - DAYS(ago);
	bo.first_at = bo.last_at - DAYS(100);
	return bo;
}

static void
test_refill_due(void **state)
{
	struct bought		bought[1];
	struct buyer		b = { .customer_id = 4, .bought = bought,
	    .nbought = 1, .visits = 10 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* every 25 days, last 28 days ago: due (3 days late) */
	bought[0] = rhythm(30, 28);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 30);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->base_id, 30);
	assert_int_equal(s->price, 300);
	assert_int_equal(s->diff, 300);
	assert_int_equal(s->diff_pct, 150);
	assert_string_equal(s->why, "bought in 5 orders, about every 25 days "
	    "· last 28 days ago · +3.00");
	/* 20 days ago: due in 5 days, within refill_ahead_days (7) */
	bought[0] = rhythm(30, 20);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 30);
	assert_int_equal(s->kind, SUG_REFILL);
	/* A walk-in, or history off: no refill. */
	assert_int_equal(rank(f, NULL, basket, 1, NOW, out), 0);
	f->cfg.use_history = 0;
	fx_scorer(f);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	fx_close(f);
}

static void
test_refill_not_due(void **state)
{
	struct bought		bought[1];
	struct buyer		b = { .customer_id = 4, .bought = bought,
	    .nbought = 1, .visits = 10 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* every 25 days, last 10 days ago: due in 15 */
	bought[0] = rhythm(30, 10);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	/* ... and not as the next size up either */
	{
		const int64_t small[] = { 30 };
		assert_int_equal(rank(f, &b, small, 1, NOW, out), 0);
	}
	fx_close(f);
}

/* The catalogue's refill_days gives a rhythm to a single purchase. */
static void
test_refill_catalog_days(void **state)
{
	struct bought		bought[1] = { { .item_id = 33, .orders = 1,
	    .qty = 1 } };
	struct buyer		b = { .customer_id = 4, .bought = bought,
	    .nbought = 1, .visits = 3 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	bought[0].first_at = bought[0].last_at = NOW - DAYS(21);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 33);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_string_equal(s->why, "bought once, 21 days ago · it lasts "
	    "about 20 days · +4.50");
	/* 5 days ago: due in 15 days, not yet */
	bought[0].first_at = bought[0].last_at = NOW - DAYS(5);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	fx_close(f);
}

/*
 * scorer.h: the rhythm is the mean gap of 2+ orders, else the catalogue's
 * refill_days; due within refill_ahead_days or half the rhythm.
 */
static void
test_refill_rhythm(void **state)
{
	struct bought		bought[1] = { { .item_id = 32, .orders = 2,
	    .qty = 2 } };
	struct buyer		b = { .customer_id = 4, .bought = bought,
	    .nbought = 1, .visits = 4 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 34 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* 2 orders 30 days apart, the last 29 days ago: due tomorrow */
	bought[0].last_at = NOW - DAYS(29);
	bought[0].first_at = bought[0].last_at - DAYS(30);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 32);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_string_equal(s->why, "bought in 2 orders, about every 30 days "
	    "· last 29 days ago · +2.00");
	/* half the rhythm: 16 days ago is due in 14 <= 15 */
	bought[0].last_at = NOW - DAYS(16);
	bought[0].first_at = bought[0].last_at - DAYS(30);
	only(out, rank(f, &b, basket, 1, NOW, out), 32);
	/* 14 days ago: due in 16, more than 7 and than 15: not yet */
	bought[0].last_at = NOW - DAYS(14);
	bought[0].first_at = bought[0].last_at - DAYS(30);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	/* 2 orders on one day, no refill_days: no rhythm */
	bought[0].last_at = bought[0].first_at = NOW - DAYS(40);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	/* 1 order, no refill_days: no rhythm */
	bought[0].orders = 1;
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	/* the buyer's own gap before the catalogue's refill_days (20):
	 * every 80 days, last 25 days ago: not due */
	bought[0].item_id = 33;
	bought[0].orders = 2;
	bought[0].last_at = NOW - DAYS(25);
	bought[0].first_at = bought[0].last_at - DAYS(80);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	/* every 10 days by the gap, last 9 days ago: due, "every 10" */
	bought[0].first_at = bought[0].last_at = NOW - DAYS(9);
	bought[0].first_at -= DAYS(10);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 33);
	assert_string_equal(s->why, "bought in 2 orders, about every 10 days "
	    "· last 9 days ago · +4.50");
	fx_close(f);
}

/* A refill that is due is suggested even when bought within recent_days. */
static void
test_refill_due_recent(void **state)
{
	struct bought		bought[1];
	struct buyer		b = { .customer_id = 4, .bought = bought,
	    .nbought = 1, .visits = 30 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* milk every 5 days (5 orders over 20), last 4 days ago */
	bought[0].item_id = 34;
	bought[0].orders = 5;
	bought[0].qty = 5;
	bought[0].last_at = NOW - DAYS(4);
	bought[0].first_at = bought[0].last_at - DAYS(20);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 34);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_string_equal(s->why, "bought in 5 orders, about every 5 days "
	    "· last 4 days ago · +1.20");
	fx_close(f);
}

/* The due item in the basket: the next size up, priced as a swap. */
static void
test_refill_next_size(void **state)
{
	struct bought		bought[1];
	struct buyer		b = { .customer_id = 4, .bought = bought,
	    .nbought = 1, .visits = 10 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 30 }, both[] = { 30, 31 };
	struct it		items[NELEM(care_items)];

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	bought[0] = rhythm(30, 28);
	s = only(out, rank(f, &b, basket, 1, NOW, out), 31);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->base_id, 30);
	assert_int_equal(s->price, 900);
	assert_int_equal(s->diff, 600);
	assert_int_equal(s->diff_pct, 200);
	assert_string_equal(s->why, "in place of Shampoo 50 ml, bought in 5 "
	    "orders about every 25 days: the next size up · +6.00 (+200%)");
	/* both sizes in the basket: nothing */
	assert_int_equal(rank(f, &b, both, 2, NOW, out), 0);
	/* not due: nothing */
	bought[0] = rhythm(30, 10);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	fx_close(f);

	/* the bigger size out of stock: nothing */
	memcpy(items, care_items, sizeof items);
	items[1].oos = 1;
	f = fx_open(items, NELEM(items), NULL, 0);
	bought[0] = rhythm(30, 28);
	assert_int_equal(rank(f, &b, basket, 1, NOW, out), 0);
	fx_close(f);
}

/* ---- seasonal ------------------------------------------------------------------ */

static const struct it season_items[] = {
	{ .id = 40, .name = "Coat", .cat = "winter", .price = 12000 },
	{ .id = 41, .name = "Scarf", .cat = "winter", .price = 1500,
	    .ss = 1101, .se = 228 },
	{ .id = 42, .name = "Sun cream", .cat = "summer", .price = 800,
	    .ss = 401, .se = 831 },
	{ .id = 43, .name = "Sandals", .cat = "summer", .price = 2500 },
	{ .id = 44, .name = "Gloves", .cat = "hands", .price = 900,
	    .ss = 1101, .se = 228 },
};

/* Coat and gloves: 4 of the coat's 6 orders, lift 4*10/(6*4) = 1.7. */
static const char *const season_lines[] = {
	"40 44", "40 44", "40 44", "40 44", "40", "40",
	"43", "43", "43", "43",
};

static void
test_seasonal_wrap(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		coat[] = { 40 };
	size_t			n;

	(void)state;
	f = fx_open(season_items, NELEM(season_items), NULL, 0);
	/* 01-15 is inside 11-01 .. 02-28 */
	s = only(out, rank(f, NULL, coat, 1, at(2027, 1, 15), out), 41);
	assert_int_equal(s->kind, SUG_SEASONAL);
	assert_int_equal(s->diff, 1500);
	assert_int_equal(s->diff_pct, 13);
	assert_string_equal(s->why, "in season 11-01 to 02-28 · fits the "
	    "basket · +15.00");
	/* 06-15 is not */
	assert_int_equal(rank(f, NULL, coat, 1, at(2027, 6, 15), out), 0);
	/* the first and last days count, the days around them do not */
	n = rank(f, NULL, coat, 1, at(2026, 11, 1), out);
	assert_int_equal(n, 1);
	n = rank(f, NULL, coat, 1, at(2027, 2, 28), out);
	assert_int_equal(n, 1);
	n = rank(f, NULL, coat, 1, civil_days(2027, 2, 28) * CIVIL_DAY +
	    CIVIL_DAY - 1, out);
	assert_int_equal(n, 1);
	assert_int_equal(rank(f, NULL, coat, 1, at(2026, 10, 31), out), 0);
	assert_int_equal(rank(f, NULL, coat, 1, civil_days(2026, 11, 1) *
	    CIVIL_DAY - 1, out), 0);
	assert_int_equal(rank(f, NULL, coat, 1, at(2027, 3, 1), out), 0);
	fx_close(f);
}

static void
test_seasonal_plain(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		sandals[] = { 43 };

	(void)state;
	f = fx_open(season_items, NELEM(season_items), NULL, 0);
	s = only(out, rank(f, NULL, sandals, 1, at(2027, 6, 15), out), 42);
	assert_int_equal(s->kind, SUG_SEASONAL);
	assert_string_equal(s->why, "in season 04-01 to 08-31 · fits the "
	    "basket · +8.00");
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 1, 15), out), 0);
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 3, 31), out), 0);
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 4, 1), out), 1);
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 8, 31), out), 1);
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 9, 1), out), 0);
	fx_close(f);
}

/* In season but fitting nothing in the basket: not suggested. */
static void
test_seasonal_needs_fit(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		sandals[] = { 43 };

	(void)state;
	f = fx_open(season_items, NELEM(season_items), NULL, 0);
	/* winter items on a winter day, with a summer basket */
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 1, 15), out), 0);
	fx_close(f);
}

/* Bundle evidence counts as a fit in season; out of season, nothing. */
static void
test_seasonal_bundle(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		coat[] = { 40 };
	size_t			n;
	int			g, sc;

	(void)state;
	f = fx_open(season_items, NELEM(season_items), season_lines,
	    NELEM(season_lines));
	n = rank(f, NULL, coat, 1, at(2027, 1, 15), out);
	assert_int_equal(n, 2);
	g = find(out, n, 44);
	sc = find(out, n, 41);
	assert_true(g >= 0 && sc >= 0);
	/* the stronger evidence first */
	assert_int_equal(g, 0);
	assert_int_equal(out[g].kind, SUG_SEASONAL);
	assert_int_equal(out[g].base_id, 40);
	assert_string_equal(out[g].why, "in season 11-01 to 02-28 · bought "
	    "with Coat in 67% of its orders (4 of 6) · lift 1.7 · +9.00");
	check_pair_why(f, &out[g]);
	assert_int_equal(out[sc].kind, SUG_SEASONAL);
	/* out of season: neither, though the gloves go with the coat */
	assert_int_equal(rank(f, NULL, coat, 1, at(2027, 6, 15), out), 0);
	assert_int_equal(rank(f, NULL, coat, 1, at(2027, 3, 1), out), 0);
	fx_close(f);
}

/* An upgrade to a seasonal item is offered in its season only. */
static void
test_seasonal_upgrade(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Coat", .fam = "coat", .tier = 1,
		    .price = 10000 },
		{ .id = 2, .name = "Winter coat", .fam = "coat", .tier = 2,
		    .price = 12000, .ss = 1101, .se = 228 },
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		coat[] = { 1 };

	(void)state;
	f = fx_open(items, NELEM(items), NULL, 0);
	only(out, rank(f, NULL, coat, 1, at(2027, 1, 15), out), 2);
	assert_int_equal(out[0].kind, SUG_UPGRADE);
	assert_int_equal(rank(f, NULL, coat, 1, at(2027, 6, 15), out), 0);
	fx_close(f);
}

/* ---- guardrails -------------------------------------------------------------------- */

static void
test_never_in_basket(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Soap", .fam = "soap", .tier = 1,
		    .price = 1000 },
		{ .id = 2, .name = "Soap plus", .fam = "soap", .tier = 2,
		    .price = 1200 },
		{ .id = 3, .name = "Towel", .price = 500 },
	};
	static const char *const lines[] = {
		"1 3", "1 3", "1 3", "1 3", "2", "", "",
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		b1[] = { 1, 3 }, b2[] = { 1, 2 };
	const int64_t		b3[] = { 3, 1, 2 };
	const int64_t		phone[] = { 10, 11 };

	(void)state;
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	only(out, rank(f, NULL, b1, 2, NOW, out), 2);
	only(out, rank(f, NULL, b2, 2, NOW, out), 3);
	assert_int_equal(rank(f, NULL, b3, 3, NOW, out), 0);
	fx_close(f);

	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	/* phone and case: the case's partners are the phone (in) and the
	 * protector (2 orders) */
	assert_int_equal(rank(f, NULL, phone, 2, NOW, out), 0);
	fx_close(f);
}

/* Bought within recent_days: not suggested again (unless a refill). */
static void
test_recent_purchase(void **state)
{
	struct bought		bought[1] = { { .item_id = 11, .orders = 1,
	    .qty = 1 } };
	struct buyer		b = { .customer_id = 6, .bought = bought,
	    .nbought = 1, .visits = 2 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		phone[] = { 10 };

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	bought[0].first_at = bought[0].last_at = NOW - DAYS(3);
	assert_int_equal(rank(f, &b, phone, 1, NOW, out), 0);
	bought[0].first_at = bought[0].last_at = NOW - DAYS(6);
	assert_int_equal(rank(f, &b, phone, 1, NOW, out), 0);
	bought[0].first_at = bought[0].last_at = NOW - DAYS(8);
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	/* recent_days 10: 8 days ago is recent again */
	f->cfg.recent_days = 10;
	fx_scorer(f);
	assert_int_equal(rank(f, &b, phone, 1, NOW, out), 0);
	/* recent_days 0: only what is bought later than now */
	f->cfg.recent_days = 0;
	fx_scorer(f);
	bought[0].first_at = bought[0].last_at = NOW - 60;
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	fx_close(f);
}

/* Declined within cooldown_days: not offered; accepted: no bar. */
static void
test_cooldown(void **state)
{
	struct past_offer	offers[2];
	struct buyer		b = { .customer_id = 8, .offers = offers,
	    .noffers = 1 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		phone[] = { 10 };

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	memset(offers, 0, sizeof offers);
	offers[0].item_id = 11;
	offers[0].kind = SUG_BUNDLE;
	offers[0].outcome = OFFER_DECLINED;
	offers[0].at = NOW - DAYS(29);
	assert_int_equal(rank(f, &b, phone, 1, NOW, out), 0);
	offers[0].at = NOW - DAYS(1);
	assert_int_equal(rank(f, &b, phone, 1, NOW, out), 0);
	offers[0].at = NOW - DAYS(31);
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	/* accepted, or only shown, yesterday: no bar */
	offers[0].at = NOW - DAYS(1);
	offers[0].outcome = OFFER_ACCEPTED;
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	offers[0].outcome = OFFER_SHOWN;
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	/* another item declined: no bar on this one */
	offers[0].item_id = 12;
	offers[0].outcome = OFFER_DECLINED;
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	/* the decline is found among several offers */
	offers[1] = offers[0];
	offers[1].item_id = 11;
	offers[1].at = NOW - DAYS(10);
	b.noffers = 2;
	assert_int_equal(rank(f, &b, phone, 1, NOW, out), 0);
	/* cooldown 5 days: 10 days ago is over */
	f->cfg.cooldown_days = 5;
	fx_scorer(f);
	only(out, rank(f, &b, phone, 1, NOW, out), 11);
	fx_close(f);
}

/* Declines bar every kind: upgrade, refill, seasonal. */
static void
test_cooldown_kinds(void **state)
{
	struct past_offer	offer = { .outcome = OFFER_DECLINED,
	    .at = NOW - DAYS(29) };
	struct bought		bought[1];
	struct buyer		b = { .customer_id = 8, .offers = &offer,
	    .noffers = 1, .bought = bought, .nbought = 1, .visits = 10 };
	struct suggestion	out[MAXOUT];
	struct fx		*f;
	const int64_t		toothpaste[] = { 32 }, coat[] = { 40 };

	(void)state;
	bought[0] = rhythm(30, 28);
	/* upgrade */
	offer.item_id = 2;
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, &b, out), 0);
	offer.item_id = 3;
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, &b, out), 1);
	/* refill */
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	bought[0] = rhythm(30, 28);
	offer.item_id = 30;
	assert_int_equal(rank(f, &b, toothpaste, 1, NOW, out), 0);
	offer.at = NOW - DAYS(31);
	only(out, rank(f, &b, toothpaste, 1, NOW, out), 30);
	fx_close(f);
	/* seasonal */
	f = fx_open(season_items, NELEM(season_items), NULL, 0);
	b.nbought = 0;
	offer.item_id = 41;
	offer.at = NOW - DAYS(29);
	assert_int_equal(rank(f, &b, coat, 1, NOW, out), 0);
	fx_close(f);
}

static void
test_max_suggestions(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		hub[] = { 1 };
	size_t			n, i;

	(void)state;
	f = fx_open(hub_items, NELEM(hub_items), hub_lines,
	    NELEM(hub_lines));
	/* default 3: the three most confident, best first */
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 6);
	assert_int_equal(out[2].item_id, 5);
	for (i = 0; i < n; i++) {
		assert_int_equal(out[i].kind, SUG_BUNDLE);
		assert_true(fabs(out[i].score - (double)(8 - i) / 33) < 1e-9);
		check_pair_why(f, &out[i]);
		if (i > 0)
			assert_true(out[i].score < out[i - 1].score);
	}
	/* the caller's max is a limit too */
	assert_int_equal(scorer_rank(f->sc, NULL, hub, 1, NOW, out, 2), 2);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 6);
	assert_int_equal(scorer_rank(f->sc, NULL, hub, 1, NOW, out, 1), 1);
	assert_int_equal(out[0].item_id, 7);
	/* configured 5 and 10: 5, then all 6 partners */
	f->cfg.max_suggestions = 5;
	fx_scorer(f);
	assert_int_equal(rank(f, NULL, hub, 1, NOW, out), 5);
	assert_int_equal(out[4].item_id, 3);
	f->cfg.max_suggestions = 10;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i].item_id, 7 - (int64_t)i);
	fx_close(f);
}

static void
test_one_per_family(void **state)
{
	struct it		items[NELEM(hub_items)];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		hub[] = { 1 };
	size_t			n;

	(void)state;
	/* Seven and Six in one family, Five and Two in another */
	memcpy(items, hub_items, sizeof items);
	items[6].fam = "x";
	items[5].fam = "x";
	items[4].fam = "y";
	items[1].fam = "y";
	f = fx_open(items, NELEM(items), hub_lines, NELEM(hub_lines));
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 5);
	assert_int_equal(out[2].item_id, 4);
	f->cfg.max_suggestions = 10;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 4);
	absent(out, n, 6);
	absent(out, n, 2);
	assert_int_equal(out[3].item_id, 3);
	fx_close(f);

	/* Two phone cases: the more confident one only. */
	{
		struct it pi[NELEM(phone_items)];
		const int64_t phone[] = { 10 };

		memcpy(pi, phone_items, sizeof pi);
		pi[1].fam = "guard";
		pi[2].fam = "guard";
		f = fx_open(pi, NELEM(pi), phone_lines, NELEM(phone_lines));
		f->cfg.min_pair_orders = 2;
		only(out, rank(f, NULL, phone, 1, NOW, out), 11);
		fx_close(f);
	}
}

/* A family already in the basket: only a step up of it, no sibling. */
static void
test_family_in_basket(void **state)
{
	struct it		pi[NELEM(phone_items)];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		cas[] = { 11 };

	(void)state;
	/* Case and Protector one family: the case's partners are the
	 * phone (4 orders) and the protector (2) */
	memcpy(pi, phone_items, sizeof pi);
	pi[1].fam = "guard";
	pi[1].tier = 1;
	pi[2].fam = "guard";
	pi[2].tier = 1;
	f = fx_open(pi, NELEM(pi), phone_lines, NELEM(phone_lines));
	f->cfg.min_pair_orders = 2;
	only(out, rank(f, NULL, cas, 1, NOW, out), 10);
	fx_close(f);
	/* the same without the family: the protector too */
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	f->cfg.min_pair_orders = 2;
	assert_int_equal(rank(f, NULL, cas, 1, NOW, out), 2);
	assert_int_equal(find(out, 2, 12), 1);
	fx_close(f);
}

/* Same inputs, same output, byte for byte: across calls, across other
 * calls in between and across scorers. */
static void
test_determinism(void **state)
{
	const int64_t		long_ago = NOW - DAYS(100);
	struct bought		bought[] = {
		{ 3, 3, 3, long_ago, long_ago },
		{ 99, 5, 5, NOW - DAYS(130), NOW - DAYS(30) },
	};
	struct past_offer	offers[] = {
		{ 6, SUG_BUNDLE, OFFER_DECLINED, NOW - DAYS(3) },
	};
	struct buyer		b = { .customer_id = 3, .bought = bought,
	    .nbought = 2, .visits = 12, .offers = offers, .noffers = 1 };
	struct fx		*f;
	struct suggestion	a[MAXOUT], c[MAXOUT], d[MAXOUT];
	const int64_t		basket[] = { 1, 42, 2 }, other[] = { 5, 3 };
	size_t			na, nc, nd;
	struct scorer		*sc2;

	(void)state;
	f = fx_open(hub_items, NELEM(hub_items), hub_lines,
	    NELEM(hub_lines));
	f->cfg.max_suggestions = 10;
	na = rank(f, &b, basket, 3, NOW, a);
	assert_true(na >= 3);
	absent(a, na, 6);
	assert_int_equal(find(a, na, 99), 0);
	assert_int_equal(a[0].kind, SUG_REFILL);
	/* in between: another buyer, another basket, another day */
	rank(f, NULL, other, 2, at(2027, 7, 1), c);
	nc = rank(f, &b, basket, 3, NOW, c);
	assert_int_equal(nc, na);
	assert_memory_equal(a, c, na * sizeof *a);
	sc2 = scorer_new(&f->c, &f->m, &f->cfg);
	memset(d, 0, sizeof d);
	nd = scorer_rank(sc2, &b, basket, 3, NOW, d, MAXOUT);
	assert_int_equal(nd, na);
	assert_memory_equal(a, d, na * sizeof *a);
	scorer_free(&sc2);
	fx_close(f);
}

/* Long names: the explanation is cut, still one terminated line. */
static void
test_long_names(void **state)
{
	struct it		items[2];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	char			*longname = xcalloc(1, 1001);
	const int64_t		basket[] = { 1 };

	(void)state;
	memset(longname, 'x', 1000);
	memset(items, 0, sizeof items);
	items[0] = (struct it){ .id = 1, .name = longname, .fam = "f",
	    .tier = 1, .price = 100 };
	items[1] = (struct it){ .id = 2, .name = longname, .fam = "f",
	    .tier = 2, .price = 110 };
	f = fx_open(items, 2, NULL, 0);
	only(out, rank(f, NULL, basket, 1, NOW, out), 2);
	assert_int_equal(strlen(out[0].why), sizeof out[0].why - 1);
	fx_close(f);
	free(longname);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kind_names, fx_teardown),
		cmocka_unit_test_teardown(test_default_config, fx_teardown),
		cmocka_unit_test_teardown(test_free_null, fx_teardown),
		cmocka_unit_test_teardown(test_empty_catalog, fx_teardown),
		cmocka_unit_test_teardown(test_max_zero, fx_teardown),
		cmocka_unit_test_teardown(test_empty_basket, fx_teardown),
		cmocka_unit_test_teardown(test_empty_history, fx_teardown),
		cmocka_unit_test_teardown(test_unknown_ids, fx_teardown),
		cmocka_unit_test_teardown(test_big_basket, fx_teardown),
		cmocka_unit_test_teardown(test_no_model, fx_teardown),
		cmocka_unit_test_teardown(test_damaged_model, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_cap, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_tier, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_diff, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_stock, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_brand_item, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_brand_usual, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_rungs, fx_teardown),
		cmocka_unit_test_teardown(test_upgrade_with_model, fx_teardown),
		cmocka_unit_test_teardown(test_bundle_explained, fx_teardown),
		cmocka_unit_test_teardown(test_bundle_min_orders, fx_teardown),
		cmocka_unit_test_teardown(test_bundle_lift_one, fx_teardown),
		cmocka_unit_test_teardown(test_bundle_rule, fx_teardown),
		cmocka_unit_test_teardown(test_bundle_personal, fx_teardown),
		cmocka_unit_test_teardown(test_refill_due, fx_teardown),
		cmocka_unit_test_teardown(test_refill_not_due, fx_teardown),
		cmocka_unit_test_teardown(test_refill_catalog_days, fx_teardown),
		cmocka_unit_test_teardown(test_refill_rhythm, fx_teardown),
		cmocka_unit_test_teardown(test_refill_due_recent, fx_teardown),
		cmocka_unit_test_teardown(test_refill_next_size, fx_teardown),
		cmocka_unit_test_teardown(test_seasonal_wrap, fx_teardown),
		cmocka_unit_test_teardown(test_seasonal_plain, fx_teardown),
		cmocka_unit_test_teardown(test_seasonal_needs_fit, fx_teardown),
		cmocka_unit_test_teardown(test_seasonal_bundle, fx_teardown),
		cmocka_unit_test_teardown(test_seasonal_upgrade, fx_teardown),
		cmocka_unit_test_teardown(test_never_in_basket, fx_teardown),
		cmocka_unit_test_teardown(test_recent_purchase, fx_teardown),
		cmocka_unit_test_teardown(test_cooldown, fx_teardown),
		cmocka_unit_test_teardown(test_cooldown_kinds, fx_teardown),
		cmocka_unit_test_teardown(test_max_suggestions, fx_teardown),
		cmocka_unit_test_teardown(test_one_per_family, fx_teardown),
		cmocka_unit_test_teardown(test_family_in_basket, fx_teardown),
		cmocka_unit_test_teardown(test_determinism, fx_teardown),
		cmocka_unit_test_teardown(test_long_names, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
