/*
 * test_scorer — the suggestions (model/scorer.h) on catalogues, histories
 * and buyers made by hand, with every expectation worked out by hand or
 * recounted here from the same baskets and orders.
 *
 * The models are mined with the documented default weights of the
 * relevance blend (mine_params.fit = 0: rel_default_weights()), so that
 * the ranker's p can be recomputed here from the baskets (expect_p).
 * Buyers are described by buyer_hist_build() from lists of orders, as the
 * counter describes them.
 *
 * Degenerate inputs first (empty catalogue, max 0, empty basket, walk-in,
 * no history, unknown and repeated ids, a basket of 1,000 items, no model,
 * a damaged model), then the ranker's p (the softmax of the default blend;
 * the last item rung up weighs most, so the order of the basket matters),
 * each kind — upgrade (cap, tier, brand tier of the item and of the buyer,
 * stock, price difference), bundle (significance: a minimum of orders and
 * the Wilson lower bound of the lift above 1; a basket item's whole range;
 * the buyer's regulars; figures of the explanation recounted from the
 * baskets), curated bundles, refill (consumables by refill_days or a
 * learned regular rhythm, due, not due, lapsed buyers, the next size up),
 * seasonal (plain and wrapping windows, boundaries, fit) — then the
 * guardrails (the cross-sell cap and the basket's quantities, services,
 * in the basket, just bought and its exceptions, declined within the
 * cooldown, at most N, one per family, no sibling of a family in the
 * basket), the shop's take rates (Beta-binomial shrink, "taken by", the
 * revenue objective) and determinism.
 *
 * Every call goes through rank_qty(), which checks what holds for every
 * suggestion whatever the test: the limits, nothing from the basket,
 * never a service, one per family, a cross-sell within its cap, an
 * upgrade within its own, the figures of every "bought with" line
 * recounted from the baskets and significant, ...
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
#include "model/buyer.h"
#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/relevance.h"
#include "model/scorer.h"
#include "model/types.h"
#include "model/xalloc.h"

#define MAXOUT	16
#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/* The documented constants this file recomputes figures with. */
#define MIN_PAIR_KEPT	2       /* mine_params.min_pair: pairs kept      */
#define TAKE_PRIOR	10.0    /* scorer.c: pseudo-offers of the prior  */
#define TAKE_DEFAULT	0.2     /* a kind's take rate with no answers    */

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
	int		 svc;        /* 1: a service (postage, fees ...) */
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
		t->kind = v[i].svc ? ITEM_SERVICE : ITEM_PRODUCT;
	}
	catalog_init(c, items, n);
}

/*
 * Add curated bundle id (name, price for the set) of items[0..n), one of
 * each unless qty is given, to the catalogue (which frees it).
 */
static void
cat_bundle(struct catalog *c, int64_t id, const char *name, int64_t price,
    const int64_t *items, const int64_t *qty, size_t n)
{
	struct bundle	*bu;
	size_t		 i;

	c->bundles = xreallocarray(c->bundles, c->nbundles + 1,
	    sizeof *c->bundles);
	bu = &c->bundles[c->nbundles++];
	memset(bu, 0, sizeof *bu);
	bu->id = id;
	bu->code = xasprintf("B%lld", (long long)id);
	bu->name = xstrdup(name);
	bu->price = price;
	bu->items = xcalloc(n ? n : 1, sizeof *bu->items);
	bu->nitems = n;
	for (i = 0; i < n; i++) {
		bu->items[i].item_id = items[i];
		bu->items[i].qty = qty != NULL ? qty[i] : 1;
	}
}

/* Baskets of store ids in the order rung up, one line each ("10 11 12";
 * "" is empty). */
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

/* A model of lines; with the default weights unless fit is set. */
static void
model_make(struct model *m, const char *const *lines, size_t n, int fit)
{
	struct baskets		b;
	struct mine_params	p = mine_default_params();
	void			*blob = NULL;
	size_t			 size = 0;
	char			*cause = NULL;

	p.fit = fit;
	hist_make(&b, lines, n);
	if (mine_build(&b, &p, 0, &blob, &size, NULL, &cause) != 0)
		fail_msg("mine_build: %s", cause);
	baskets_free(&b);
	if (mine_open(m, blob, size, &cause) != 0)
		fail_msg("mine_open: %s", cause);
}

/*
 * Fixtures and buyers live in static pools, so that the teardown can free
 * what a failed test left open (its stack frame is gone by then).
 */
static struct fx pool[4];

struct bx {
	int			in_use;
	struct buyer_hist	h;
	struct buyer		b;
};
static struct bx bpool[8];

static void fx_close(struct fx *);

static struct fx *
fx_open_fit(const struct it *v, size_t n, const char *const *lines,
    size_t nlines, int fit)
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
		model_make(&f->m, lines, nlines, fit);
		f->has_m = 1;
	}
	f->cfg = scorer_default_config();
	/* the fixtures give each item a category of its own (phones, cases,
	 * protectors): their pairs are judged at any lift above 1, and the
	 * cross_category tests below set the default back */
	f->cfg.strong_pair_lift_percent = 100;
	return f;
}

/* A catalogue, a model of lines (none if lines is NULL) with the default
 * weights, the default configuration. */
static struct fx *
fx_open(const struct it *v, size_t n, const char *const *lines,
    size_t nlines)
{
	return fx_open_fit(v, n, lines, nlines, 0);
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
	mine_close(&f->m);
	catalog_free(&f->c);
	memset(f, 0, sizeof *f);
}

/* ---- buyers ---------------------------------------------------------------- */

#define NOW		at(2027, 1, 15)
#define DAYS(n)		((int64_t)(n) * CIVIL_DAY)

static int64_t
at(int y, int m, int d)
{
	return civil_days(y, m, d) * CIVIL_DAY + 12 * 3600;
}

/* An order `ago` days before NOW; its items (store ids) end at a 0. */
struct ord {
	int	ago;
	int64_t	items[8];
};

/* A buyer over raw orders (buyer_hist_build), owned by the pool. */
static struct buyer *
buyer_raw(int64_t customer, const struct buyer_order *o, size_t n)
{
	struct bx	*x;
	size_t		 i;

	for (i = 0; i < NELEM(bpool) && bpool[i].in_use; i++)
		;
	if (i == NELEM(bpool)) {
		fail_msg("more than %zu buyers open", NELEM(bpool));
		abort();
	}
	x = &bpool[i];
	x->in_use = 1;
	buyer_hist_build(&x->h, o, n);
	x->b = buyer_of(&x->h, customer);
	return &x->b;
}

/* A buyer who placed orders o[0..n) (times relative to NOW). */
static struct buyer *
buyer_make(int64_t customer, const struct ord *o, size_t n)
{
	struct buyer_order	v[128];
	size_t			i, k;

	assert_true(n <= NELEM(v));
	for (i = 0; i < n; i++) {
		for (k = 0; k < NELEM(o[i].items) && o[i].items[k] != 0; k++)
			;
		v[i].at = NOW - DAYS(o[i].ago);
		v[i].items = o[i].items;
		v[i].n = k;
	}
	return buyer_raw(customer, v, n);
}

static void
buyer_drop(struct buyer *b)
{
	size_t	i;

	for (i = 0; i < NELEM(bpool); i++)
		if (bpool[i].in_use && &bpool[i].b == b) {
			buyer_hist_free(&bpool[i].h);
			memset(&bpool[i], 0, sizeof bpool[i]);
			return;
		}
	fail_msg("buyer not from the pool");
}

/*
 * Append to o (at *n) norders orders of item id, `every` days apart, the
 * last `ago` days before NOW.
 */
static void
rhythm(struct ord *o, size_t *n, int64_t id, int norders, int every, int ago)
{
	int	k;

	for (k = 0; k < norders; k++) {
		memset(&o[*n], 0, sizeof o[*n]);
		o[*n].ago = ago + k * every;
		o[*n].items[0] = id;
		(*n)++;
	}
}

/* Append k orders of an item that is no longer sold (id 999), long ago:
 * visits that hold nothing of the catalogue. */
static void
elsewhere(struct ord *o, size_t *n, int k)
{
	while (k-- > 0) {
		memset(&o[*n], 0, sizeof o[*n]);
		o[*n].ago = 400 + k;
		o[*n].items[0] = 999;
		(*n)++;
	}
}

/* Teardown: free the fixtures and buyers a failed test left open. */
static int
fx_teardown(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(pool); i++)
		if (pool[i].in_use)
			fx_close(&pool[i]);
	for (i = 0; i < NELEM(bpool); i++)
		if (bpool[i].in_use) {
			buyer_hist_free(&bpool[i].h);
			memset(&bpool[i], 0, sizeof bpool[i]);
		}
	return 0;
}

/* ---- recounting the baskets ---------------------------------------------- */

/* The distinct items of a line in the order rung up; their number. */
static size_t
line_items(const char *line, int64_t *out, size_t max)
{
	const char	*p;
	char		*end;
	long long	 id;
	size_t		 k = 0, j;

	for (p = line; *p != '\0'; p = end) {
		id = strtoll(p, &end, 10);
		if (end == p)
			break;
		for (j = 0; j < k && out[j] != id; j++)
			;
		if (j == k && k < max)
			out[k++] = id;
	}
	return k;
}

/* Baskets of lines holding every id of want[0..k). */
static unsigned
count_with(const char *const *lines, size_t n, const int64_t *want, size_t k)
{
	int64_t		 v[64];
	unsigned	 c = 0;
	size_t		 i, j, m, nv, found;

	for (i = 0; i < n; i++) {
		nv = line_items(lines[i], v, NELEM(v));
		for (j = 0, found = 0; j < k; j++)
			for (m = 0; m < nv; m++)
				if (v[m] == want[j]) {
					found++;
					break;
				}
		c += found == k;
	}
	return c;
}

static unsigned
freq_of(const struct fx *f, int64_t id)
{
	return count_with(f->lines, f->nlines, &id, 1);
}

static unsigned
pair_of(const struct fx *f, int64_t a, int64_t b)
{
	const int64_t	ids[2] = { a, b };

	return count_with(f->lines, f->nlines, ids, 2);
}

/* The sum over baskets of 1/d, b rung up d (1..10) places after a. */
static double
seq_after(const struct fx *f, int64_t a, int64_t b)
{
	int64_t		v[64];
	double		s = 0;
	size_t		i, j, nv, pa, pb;

	for (i = 0; i < f->nlines; i++) {
		nv = line_items(f->lines[i], v, NELEM(v));
		for (pa = pb = nv, j = 0; j < nv; j++) {
			if (v[j] == a)
				pa = j;
			if (v[j] == b)
				pb = j;
		}
		if (pa < nv && pb < nv && pb > pa && pb - pa <= 10)
			s += 1.0 / (double)(pb - pa);
	}
	return s;
}

/*
 * The ranker's p that y is next, recomputed from the baskets for a
 * walk-in and basket[0..n) (the order rung up) with the default blend of
 * relevance.h: for the last item x, seq_last + 0.5 cooc_last; for the one
 * `back` places before it, weighted 0.5^back, 0.5 seq_rest + 0.25
 * cooc_rest; 1e-6 popular; the softmax over the pool (here every item
 * bought, which the back-off holds when there are at most 20 of them).
 * Pairs in fewer than MIN_PAIR_KEPT orders are not kept by the miner.
 */
static double
expect_p(const struct fx *f, const int64_t *basket, size_t n, int64_t y)
{
	int64_t		 u[64], v[64], bk[16];
	double		 s[64], mx = -1e300, z = 0, sy = 0, fx, fz, seq, cooc,
			 w;
	size_t		 nu = 0, nb = 0, i, j, k, nv;
	unsigned	 cnt;
	int		 in;

	for (i = 0; i < f->nlines; i++) {
		nv = line_items(f->lines[i], v, NELEM(v));
		for (j = 0; j < nv; j++) {
			for (k = 0; k < nu && u[k] != v[j]; k++)
				;
			if (k == nu) {
				assert_true(nu < NELEM(u));
				u[nu++] = v[j];
			}
		}
	}
	assert_true(nu <= 20);       /* all of them in the back-off */
	for (i = n; i-- > 0 && nb < NELEM(bk);) {
		for (k = 0; k < nb && bk[k] != basket[i]; k++)
			;
		if (k == nb && freq_of(f, basket[i]) > 0 &&
		    catalog_item(&f->c, basket[i]) != NULL)
			bk[nb++] = basket[i];
	}
	for (k = 0; k < nu; k++) {
		for (i = 0, in = 0; i < n; i++)
			in |= basket[i] == u[k];
		s[k] = 0;
		if (in)
			continue;
		fz = freq_of(f, u[k]);
		s[k] = 1e-6 * fz / (double)f->nlines;
		for (i = 0; i < nb; i++) {
			cnt = pair_of(f, bk[i], u[k]);
			if (cnt < MIN_PAIR_KEPT)
				continue;
			fx = freq_of(f, bk[i]);
			seq = seq_after(f, bk[i], u[k]) / (fx + 10);
			cooc = cnt / (sqrt(fx * fz) + 10);
			w = pow(0.5, (double)i);
			s[k] += i == 0 ? seq + 0.5 * cooc :
			    0.5 * w * seq + 0.25 * w * cooc;
		}
		if (s[k] > mx)
			mx = s[k];
	}
	for (k = 0; k < nu; k++) {
		for (i = 0, in = 0; i < n; i++)
			in |= basket[i] == u[k];
		if (in)
			continue;
		z += exp(s[k] - mx);
		if (u[k] == y)
			sy = exp(s[k] - mx);
	}
	return z > 0 ? sy / z : 0;
}

/* The 95 % Wilson lower bound of k in n (scorer.h). */
static double
wilson(double k, double n)
{
	double	z = 1.96, z2 = z * z, ph = k / n;

	return (ph + z2 / (2 * n) - z * sqrt(ph * (1 - ph) / n +
	    z2 / (4 * n * n))) / (1 + z2 / n);
}

/* ---- checks ----------------------------------------------------------------- */

static void
dump(const struct suggestion *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		print_message("  %zu: %s %lld base %lld bundle %lld price %lld "
		    "diff %lld (%d %%) p %.4f score %.6f: %s\n", i,
		    scorer_kind_name(s[i].kind), (long long)s[i].item_id,
		    (long long)s[i].base_id, (long long)s[i].bundle_id,
		    (long long)s[i].price, (long long)s[i].diff, s[i].diff_pct,
		    s[i].relevance, s[i].score, s[i].why);
}

/* What a "why" says of n of b's visits (scorer_explain.c's why_visits):
 * "their one visit", "n of ... last V visits" when b holds only its
 * latest orders. */
static const char *
visits_said(const struct buyer *b, unsigned n, char *buf, size_t size)
{
	if (b->visits == 1 && n == 1)
		snprintf(buf, size, "in this customer's one visit");
	else
		snprintf(buf, size, "in %u of this customer's %s%u visits", n,
		    b->latest ? "last " : "", b->visits);
	return buf;
}

/*
 * A "bought with" explanation: "bought with NAME in P% of its orders (T of
 * B) · lift L", or for a basket item's range "bought with NAME or another
 * of its range in P% of their orders (T of B) · lift L".  Recount T, B, P
 * and L from the baskets (the range: T over the family's members but the
 * suggested item, B their orders), and check that the evidence is
 * significant: T >= min_pair_orders and the Wilson lower bound of T/B
 * above the item's share of all orders.
 */
static void
check_pair_why(const struct fx *f, const struct suggestion *s)
{
	const struct item	*src = catalog_item(&f->c, s->base_id);
	const struct item	*it = catalog_item(&f->c, s->item_id);
	const char		*p, *q;
	char			 want[300], lift[16];
	int			 pc, range;
	unsigned		 t, b, rt = 0, rb = 0, fc, c;
	size_t			 i;

	assert_non_null(src);
	assert_non_null(f->lines);
	snprintf(want, sizeof want, "bought with %s in ", src->name);
	p = strstr(s->why, want);
	range = p == NULL;
	if (range) {
		snprintf(want, sizeof want, "bought with %s or another of its "
		    "range in ", src->name);
		p = strstr(s->why, want);
	}
	if (p == NULL)
		fail_msg("why \"%s\" lacks \"bought with %s\"", s->why,
		    src->name);
	p += strlen(want);
	if (sscanf(p, range ? "%d%% of their orders (%u of %u)" :
	    "%d%% of its orders (%u of %u)", &pc, &t, &b) != 3)
		fail_msg("why \"%s\": no figures", s->why);
	q = strstr(p, " lift ");
	assert_non_null(q);
	assert_int_equal(sscanf(q, " lift %15[0-9.]", lift), 1);

	if (!range) {
		rt = pair_of(f, src->id, it->id);
		rb = freq_of(f, src->id);
	} else {
		assert_non_null(src->family);
		for (i = 0; i < f->c.n; i++) {
			const struct item *r = &f->c.items[i];
			if (r->family == NULL || r->id == it->id ||
			    strcmp(r->family, src->family) != 0)
				continue;
			rb += freq_of(f, r->id);
			c = pair_of(f, r->id, it->id);
			if (c >= MIN_PAIR_KEPT)
				rt += c;
		}
	}
	fc = freq_of(f, it->id);
	assert_int_equal(t, rt);
	assert_int_equal(b, rb);
	assert_int_equal(s->together, rt);
	assert_int_equal(s->base_orders, rb);
	assert_int_equal(pc, (int)floor(100.0 * rt / rb + 0.5));
	snprintf(want, sizeof want, "%.1f", (double)rt * f->nlines /
	    ((double)rb * fc));
	assert_string_equal(lift, want);
	/* significant: enough orders, and lift above 1 beyond doubt */
	assert_true(rt >= (unsigned)f->cfg.min_pair_orders);
	if (!(wilson(rt, rb) * f->nlines / fc > 1))
		fail_msg("\"%s\": not significant (lower bound of the lift "
		    "%.3f)", s->why, wilson(rt, rb) * f->nlines / fc);
}

/* What the basket costs: price × qty of each known line (scorer.h). */
static int64_t
basket_cost(const struct fx *f, const int64_t *basket, const int64_t *qty,
    size_t n)
{
	const struct item	*it;
	int64_t			 cost = 0;
	size_t			 i;

	for (i = 0; i < n; i++)
		if ((it = catalog_item(&f->c, basket[i])) != NULL &&
		    it->price > 0)
			cost += it->price * (qty != NULL && qty[i] > 0 ?
			    qty[i] : 1);
	return cost;
}

/*
 * Rank with the checks that hold for every call: at most the limits,
 * nothing from the basket, nothing twice, one per family, never a
 * service, kinds, prices and scores in range, the explanation a
 * terminated, non-empty line; a cross-sell (bundle or seasonal, not a
 * curated bundle) within cross_sell_percent of the basket's cost; an
 * upgrade a step up its family within upgrade_cap_percent; a refill of
 * something the buyer bought; the figures of every "bought with" line
 * recounted; nothing declined within the cooldown, nothing just bought
 * unless one of the exceptions holds.
 */
static size_t
rank_qty(struct fx *f, const struct buyer *b, const int64_t *basket,
    const int64_t *qty, size_t n, int64_t now, struct suggestion *out)
{
	size_t			 k, i, j, cap;
	const struct item	*it, *o, *base, *bi;
	int64_t			 cost, lim;
	const struct bought	*bo;
	char			 want[120], vis[80];

	if (f->sc == NULL)
		fx_scorer(f);
	memset(out, 0xa5, MAXOUT * sizeof *out);
	k = scorer_rank_qty(f->sc, b, basket, qty, n, now, out, MAXOUT);
	cap = f->cfg.max_suggestions < 0 ? 0 : (size_t)f->cfg.max_suggestions;
	assert_true(k <= cap && k <= MAXOUT);
	cost = basket_cost(f, basket, qty, n);
	for (i = 0; i < k; i++) {
		const struct suggestion *s = &out[i];
		assert_true(s->kind >= 0 && s->kind < SUG_NKINDS);
		it = catalog_item(&f->c, s->item_id);
		assert_non_null(it);
		assert_int_equal(it->kind, ITEM_PRODUCT);
		assert_int_equal(s->price, it->price);
		assert_true(catalog_in_stock(it));
		if (it->season_start != ITEM_NO_SEASON)
			assert_true(catalog_in_season(it, civil_day_of(now)));
		assert_true(s->score > 0 && isfinite(s->score));
		assert_true(s->relevance >= 0 && s->relevance <= 1);
		assert_true(s->base_range == 0 || s->base_range == 1);
		assert_true(s->taken <= s->offered);
		assert_non_null(memchr(s->why, '\0', sizeof s->why));
		assert_true(strlen(s->why) > 0);
		assert_null(strchr(s->why, '\n'));
		if ((strstr(s->why, "taken by") != NULL) != (s->offered >= 10)) {
			dump(out, k);
			fail_msg("\"taken by\" with %u offers", s->offered);
		}
		for (j = 0; j < n; j++)
			if (basket[j] == s->item_id) {
				dump(out, k);
				fail_msg("item %lld is in the basket",
				    (long long)basket[j]);
			}
		for (j = 0; j < i; j++) {
			assert_int_not_equal(out[j].item_id, s->item_id);
			o = catalog_item(&f->c, out[j].item_id);
			if (it->family != NULL && o->family != NULL &&
			    strcmp(it->family, o->family) == 0) {
				dump(out, k);
				fail_msg("two of family %s", it->family);
			}
		}
		base = s->base_id != 0 ? catalog_item(&f->c, s->base_id) : NULL;
		switch (s->kind) {
		case SUG_UPGRADE:
			assert_non_null(base);
			assert_non_null(it->family);
			assert_string_equal(it->family, base->family);
			assert_true(it->tier > base->tier);
			assert_int_equal(s->diff, it->price - base->price);
			assert_true(s->diff > 0 && s->diff * 100 <=
			    base->price * f->cfg.upgrade_cap_percent);
			assert_true(it->brand_tier >= base->brand_tier);
			break;
		case SUG_REFILL:
			assert_non_null(b);
			assert_non_null(base);
			assert_non_null(buyer_bought(b, s->base_id));
			if (s->base_id != s->item_id) {
				/* the next size up of an item in the basket */
				assert_string_equal(it->family, base->family);
				assert_int_equal(s->diff, it->price -
				    base->price);
			} else
				assert_int_equal(s->diff, it->price);
			break;
		case SUG_BUNDLE:
		case SUG_SEASONAL:
			if (s->bundle_id != 0) {
				assert_int_equal(s->kind, SUG_BUNDLE);
				break;
			}
			assert_int_equal(s->diff, it->price);
			/* a cross-sell: at most a share of the basket */
			lim = cost / 100 * f->cfg.cross_sell_percent +
			    cost % 100 * f->cfg.cross_sell_percent / 100;
			/* over it only on pair evidence with a basket item
			 * of its category that costs as much */
			bi = catalog_item(&f->c, s->base_id);
			if (it->price > lim && (s->base_orders == 0 ||
			    bi == NULL || bi->price < it->price ||
			    it->category == NULL || bi->category == NULL ||
			    strcmp(it->category, bi->category) != 0)) {
				dump(out, k);
				fail_msg("item %lld at %lld brought by a basket "
				    "of %lld", (long long)it->id,
				    (long long)it->price, (long long)cost);
			}
			if (s->base_orders > 0)
				check_pair_why(f, s);
			else if (s->kind == SUG_BUNDLE) {
				/* no pair evidence: one of their regulars */
				assert_non_null(b);
				bo = buyer_bought(b, s->item_id);
				assert_non_null(bo);
				assert_true(bo->orders >= 3);
				snprintf(want, sizeof want, "a regular: %s",
				    visits_said(b, bo->orders, vis, sizeof vis));
				assert_non_null(strstr(s->why, want));
			}
			if (s->base_orders > 0 && b != NULL &&
			    (bo = buyer_bought(b, s->item_id)) != NULL) {
				snprintf(want, sizeof want, " · %s",
				    visits_said(b, bo->orders, vis, sizeof vis));
				assert_non_null(strstr(s->why, want));
			}
			break;
		}
		if (b == NULL)
			continue;
		/* declined within the cooldown: never */
		for (j = 0; j < b->noffers; j++)
			if (b->offers[j].item_id == s->item_id &&
			    b->offers[j].outcome == OFFER_DECLINED &&
			    b->offers[j].at <= now && b->offers[j].at >=
			    now - DAYS(f->cfg.cooldown_days)) {
				dump(out, k);
				fail_msg("item %lld declined", (long long)
				    s->item_id);
			}
		/* just bought: only a refill, or out of habit */
		bo = buyer_bought(b, s->item_id);
		if (s->kind != SUG_REFILL && bo != NULL &&
		    bo->last_at >= now - DAYS(f->cfg.recent_days) &&
		    !(bo->orders >= 2 && bo->gap_min_days <
		    f->cfg.recent_days) && bo->orders < 3) {
			dump(out, k);
			fail_msg("item %lld just bought", (long long)
			    s->item_id);
		}
	}
	return k;
}

static size_t
rank(struct fx *f, const struct buyer *b, const int64_t *basket, size_t n,
    int64_t now, struct suggestion *out)
{
	return rank_qty(f, b, basket, NULL, n, now, out);
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

/* The suggestion of item id, which must be there. */
static const struct suggestion *
need(const struct suggestion *s, size_t n, int64_t id)
{
	int	i = find(s, n, id);

	if (i < 0) {
		dump(s, n);
		fail_msg("item %lld not suggested", (long long)id);
	}
	return &s[i];
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

/* Nothing at all. */
static void
none(const struct suggestion *s, size_t n)
{
	if (n != 0) {
		dump(s, n);
		fail_msg("expected nothing, got %zu suggestions", n);
	}
}

static void
near_eq(double got, double want)
{
	if (!(fabs(got - want) <= 1e-6 * fabs(want) + 1e-12))
		fail_msg("%.12g, expected %.12g", got, want);
}

/* The ranker's p of suggestion s for a walk-in, recomputed. */
static void
check_p(const struct fx *f, const int64_t *basket, size_t n,
    const struct suggestion *s)
{
	near_eq(s->relevance, expect_p(f, basket, n, s->item_id));
}

/* ---- the histories -------------------------------------------------------- */

/*
 * N = 40.  Phone (10) in 14 orders; Case (11) in 8, with the phone in 7:
 * 50 %, lift 7*40/(14*8) = 2.5, the Wilson bound of 7/14 (0.268) above
 * the case's 8/40.  Protector (12) in 3, all with the phone (and the
 * case): 3 of 14, fewer than 5.  Bread (14) in 9, with the phone in 3:
 * lift 3*40/(14*9) = 0.95.  Milk (15) in 9, never with the phone.
 */
static const char *const phone_lines[] = {
	"10 11 12", "10 11 12", "10 11 12",
	"10 11", "10 11", "10 11", "10 11",
	"10 14", "10 14", "10 14",
	"10", "10", "10", "10",
	"11",
	"14", "14", "14", "14", "14", "14",
	"15", "15", "15", "15", "15", "15", "15", "15", "15",
	"", "", "", "", "", "", "", "", "", "",
};

static const struct it phone_items[] = {
	{ .id = 10, .name = "Phone", .cat = "phones", .price = 30000 },
	{ .id = 11, .name = "Case", .cat = "cases", .price = 1500 },
	{ .id = 12, .name = "Protector", .cat = "protectors", .price = 999 },
	{ .id = 14, .name = "Bread", .cat = "bakery", .price = 250 },
	{ .id = 15, .name = "Milk", .cat = "dairy", .price = 120 },
};

/*
 * N = 40.  Tea (20) in 10 orders, Biscuits (21) in 20, 5 of them with the
 * tea: lift 5*40/(10*20) = 1 exactly.  Honey (22) in 6, all with the tea
 * (4 of them with the biscuits too): 6 of 10, lift 4.0.
 */
static const char *const tea_lines[] = {
	"20 22", "20 22",
	"20 21 22", "20 21 22", "20 21 22", "20 21 22",
	"20 21", "20", "20", "20",
	"21", "21", "21", "21", "21", "21", "21", "21", "21", "21",
	"21", "21", "21", "21", "21",
	"23", "23", "23", "23", "23", "23", "23", "23", "23", "23",
	"23", "23", "23", "23", "23",
};

static const struct it tea_items[] = {
	{ .id = 20, .name = "Tea", .cat = "drinks", .price = 1400 },
	{ .id = 21, .name = "Biscuits", .cat = "snacks", .price = 250 },
	{ .id = 22, .name = "Honey", .cat = "pantry", .price = 600 },
	{ .id = 23, .name = "Rice", .cat = "grains", .price = 900 },
};

/*
 * N = 93.  A hub (1) bought with 2..7, item j in j + 1 orders, always
 * with the hub right after it; 60 orders of 99 alone.  Item j's evidence:
 * j + 1 of the hub's 33 orders, lift 93/33 = 2.8; the Wilson bound of
 * 5/33 (Four) times 93/5 is 1.24, of 4/33 (Three) 1.12, of 3/33 (Two)
 * 0.97: Two is never significant, Three lacks orders (4 < 5).
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
	"99", "99", "99", "99", "99", "99", "99", "99", "99", "99",
	"99", "99", "99", "99", "99", "99", "99", "99", "99", "99",
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
	assert_int_equal(c.recent_days, 3);
	assert_int_equal(c.min_pair_orders, 5);
	assert_int_equal(c.cross_sell_percent, 50);
	assert_int_equal(c.lapse_cycles, 3);
	assert_int_equal(c.objective, SCORER_RELEVANCE);
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
	none(out, rank(f, NULL, basket, 4, NOW, out));
	none(out, rank(f, NULL, NULL, 0, NOW, out));
	scorer_set_takes(f->sc, NULL, 0);
	none(out, rank(f, NULL, basket, 4, NOW, out));
	fx_close(f);

	/* and with a model whose items the catalogue does not know */
	f = fx_open(NULL, 0, phone_lines, NELEM(phone_lines));
	none(out, rank(f, NULL, basket, 4, NOW, out));
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
	assert_int_equal(out[0].item_id, 11);
	f->cfg.max_suggestions = 0;
	fx_scorer(f);
	memset(out, 0x5a, sizeof out);
	assert_int_equal(scorer_rank(f->sc, NULL, basket, 1, NOW, out, 2), 0);
	assert_memory_equal(&out[0], &ref, sizeof ref);
	assert_int_equal(scorer_rank_qty(f->sc, NULL, basket, NULL, 1, NOW,
	    out, 2), 0);
	assert_memory_equal(&out[0], &ref, sizeof ref);
	fx_close(f);
}

/*
 * An empty basket: nothing for a walk-in; for a buyer only what is due
 * (a cross-sell would cost more than half of nothing, their regulars
 * included).
 */
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
	struct ord		o[16];
	size_t			no = 0;
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;

	(void)state;
	/* Tea every 25 days, the last 28 days ago; soap in 3 orders. */
	rhythm(o, &no, 4, 5, 25, 28);
	rhythm(o, &no, 1, 3, 1, 300);
	b = buyer_make(9, o, no);
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	none(out, rank(f, NULL, NULL, 0, NOW, out));
	s = only(out, rank(f, b, NULL, 0, NOW, out), 4);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->base_id, 4);
	assert_int_equal(s->diff, 400);
	assert_int_equal(s->diff_pct, 0);
	fx_close(f);
}

/* A buyer with no history gets what a walk-in gets, byte for byte. */
static void
test_empty_history(void **state)
{
	struct buyer		*nobody;
	struct fx		*f;
	struct suggestion	a[MAXOUT], b[MAXOUT];
	const int64_t		basket[] = { 10 };
	size_t			na, nb;

	(void)state;
	nobody = buyer_make(5, NULL, 0);
	assert_int_equal(nobody->visits, 0);
	assert_int_equal(nobody->nbought, 0);
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	na = rank(f, NULL, basket, 1, NOW, a);
	nb = rank(f, nobody, basket, 1, NOW, b);
	assert_int_equal(na, 1);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof *a);
	fx_close(f);
}

/*
 * Unknown ids are ignored, byte for byte.  A repeated id is another line
 * of the same item: the same suggestions, but the basket costs more — as
 * much as one line of that quantity.
 */
static void
test_unknown_ids(void **state)
{
	struct fx		*f;
	struct suggestion	a[MAXOUT], b[MAXOUT];
	const int64_t		plain[] = { 10 };
	const int64_t		noisy[] = { 0, -1, 999999, 10, INT64_MAX,
				    INT64_MIN, 13, 16 };
	const int64_t		junk[] = { 0, -1, 13, 999999, INT64_MAX };
	const int64_t		thrice[] = { 10, 13, 10, 10 };
	const int64_t		q3[] = { 3 }, qneg[] = { -5 }, q0[] = { 0 };
	size_t			na, nb;

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	na = rank(f, NULL, plain, 1, NOW, a);
	assert_int_equal(na, 1);
	assert_int_equal(a[0].diff_pct, 5);         /* 1500 of 30000 */
	nb = rank(f, NULL, noisy, NELEM(noisy), NOW, b);
	assert_int_equal(nb, na);
	assert_memory_equal(a, b, na * sizeof *a);
	none(b, rank(f, NULL, junk, NELEM(junk), NOW, b));

	/* the phone three times: the case, 1500 of 90000 */
	nb = rank(f, NULL, thrice, NELEM(thrice), NOW, b);
	assert_int_equal(nb, 1);
	assert_int_equal(b[0].item_id, 11);
	assert_int_equal(b[0].diff_pct, 2);
	near_eq(b[0].relevance, a[0].relevance);
	assert_string_equal(b[0].why, a[0].why);
	/* ... as one line of three */
	na = rank_qty(f, NULL, plain, q3, 1, NOW, a);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof *a);
	/* a quantity below 1 counts as 1 */
	na = rank(f, NULL, plain, 1, NOW, a);
	nb = rank_qty(f, NULL, plain, qneg, 1, NOW, b);
	assert_memory_equal(a, b, na * sizeof *a);
	nb = rank_qty(f, NULL, plain, q0, 1, NOW, b);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof *a);
	fx_close(f);
}

/*
 * A basket of 1,000 distinct items (plus unknown and repeated ids) from a
 * catalogue of 1,200 with families, seasons, services and a mined history
 * whose weights are fitted: no crash, at most N, nothing from the basket
 * (rank_qty's checks).
 */
static void
test_big_basket(void **state)
{
	enum { NI = 1200, NB = 1000, NH = 3000, NO = 50 };
	struct it	*items = xcalloc(NI, sizeof *items);
	char		**names = xcalloc(NI, sizeof *names);
	char		**lines = xcalloc(NH, sizeof *lines);
	char		 cats[20][8], fams[NI / 4][12];
	int64_t		*basket = xcalloc(NI + 10, sizeof *basket), t;
	int64_t		*oitems = xcalloc((size_t)NO * NI, sizeof *oitems);
	struct buyer_order orders[NO];
	struct buyer	*buyer;
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
		items[i].svc = i % 19 == 0;
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
	f = fx_open_fit(items, NI, (const char *const *)lines, NH, 1);
	/* A buyer who bought everything, a quarter of it yesterday: orders
	 * a week apart, item j in 1 + j % 5 orders from the (j % 4)-th on,
	 * and in some older ones. */
	for (i = 0; i < NO; i++) {
		orders[i].at = NOW - DAYS(1 + 7 * (int64_t)i);
		orders[i].items = oitems + i * NI;
		orders[i].n = 0;
		for (j = 0; j < NI; j++)
			if ((i >= j % 4 && i < j % 4 + 1 + j % 5) ||
			    (i > 7 && (i + j) % 9 == 0))
				oitems[i * NI + orders[i].n++] =
				    (int64_t)j + 1;
	}
	buyer = buyer_raw(1, orders, NO);
	assert_int_equal(buyer->visits, NO);
	assert_int_equal(buyer->nbought, NI);
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
			k = rank(f, buyer, basket, n, NOW, out);
			if (pass)
				assert_true(k >= 1);
			rank(f, buyer, basket, n, at(2027, 6, 15), out);
		}
		/* every item of the catalogue in the basket: nothing left */
		for (i = 0; i < NI; i++)
			basket[i] = (int64_t)NI - (int64_t)i;
		none(out, rank(f, buyer, basket, NI, NOW, out));
		none(out, rank(f, NULL, basket, NI, NOW, out));
	}
	fx_close(f);
	buyer_drop(buyer);
	for (i = 0; i < NI; i++)
		free(names[i]);
	for (i = 0; i < NH; i++)
		free(lines[i]);
	free(names);
	free(lines);
	free(items);
	free(basket);
	free(oitems);
}

/*
 * Soap (1) and Towel (3) together in 6 of 12 orders, the soap in no other:
 * 6 of 6, the Wilson bound of 6/6 (0.61) twice the towel's 6/12.  Soap
 * plus (2) once.
 */
static const char *const soap_lines[] = {
	"1 3", "1 3", "1 3", "1 3", "1 3", "1 3", "2", "", "", "", "", "",
};

static const struct it soap_items[] = {
	{ .id = 1, .name = "Soap", .fam = "soap", .tier = 1, .price = 1000 },
	{ .id = 2, .name = "Soap plus", .fam = "soap", .tier = 2,
	    .price = 1200 },
	{ .id = 3, .name = "Towel", .price = 500 },
};

/* No model: no bundles, but upgrades still work. */
static void
test_no_model(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 1 };
	size_t			n;

	(void)state;
	/* With the model: the towel (a bundle, at exactly half the basket)
	 * and the upgrade. */
	f = fx_open(soap_items, NELEM(soap_items), soap_lines,
	    NELEM(soap_lines));
	n = rank(f, NULL, basket, 1, NOW, out);
	assert_int_equal(n, 2);
	s = need(out, n, 3);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Soap in 100% of its orders "
	    "(6 of 6) · lift 2.0 · +5.00");
	assert_int_equal(need(out, n, 2)->kind, SUG_UPGRADE);
	/* use_model = 0: the ranker is not asked, no bundle. */
	f->cfg.use_model = 0;
	fx_scorer(f);
	s = only(out, rank(f, NULL, basket, 1, NOW, out), 2);
	assert_int_equal(s->kind, SUG_UPGRADE);
	assert_true(s->relevance == 0);
	fx_close(f);

	f = fx_open(soap_items, NELEM(soap_items), NULL, 0);
	s = only(out, rank(f, NULL, basket, 1, NOW, out), 2);
	assert_int_equal(s->kind, SUG_UPGRADE);
	assert_int_equal(s->base_id, 1);
	assert_int_equal(s->diff, 200);
	assert_int_equal(s->diff_pct, 20);
	assert_true(s->relevance == 0);
	assert_string_equal(s->why, "Soap → Soap plus: +2.00 (+20%)");
	fx_close(f);
}

/* A damaged model that mine_open still accepts must not crash the
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
			if (mine_open(&m, copy, size, &cause) != 0) {
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
				assert_true(isfinite(out[k].score));
			}
			n = scorer_rank(sc, NULL, b2, 3, NOW, out, MAXOUT);
			assert_true(n <= 3);
			scorer_free(&sc);
			mine_close(&m);
		}
	assert_true(opened > 0);
	free(blob);
	fx_close(f);
}

/* ---- relevance --------------------------------------------------------------- */

/*
 * The ranker's p is the softmax of the documented default blend over its
 * pool, recomputed here from the baskets: Seven (8 orders with the hub,
 * right after it) likelier than Six (7) ... than Four (5).
 */
static void
test_relevance_softmax(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		hub[] = { 1 };
	size_t			n, i;
	double			sum = 0;

	(void)state;
	f = fx_open(hub_items, NELEM(hub_items), hub_lines,
	    NELEM(hub_lines));
	f->cfg.max_suggestions = 10;
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++) {
		assert_int_equal(out[i].item_id, 7 - (int64_t)i);
		check_p(f, hub, 1, &out[i]);
		/* no answers from the shop: the score is p */
		assert_true(out[i].score == out[i].relevance);
		if (i > 0)
			assert_true(out[i].relevance < out[i - 1].relevance);
		sum += out[i].relevance;
	}
	assert_true(sum < 1);
	/* p(Seven) by hand: seq 8/(33+10), cooc 8/(sqrt(33*8)+10), against
	 * the others and the popular Other (99) */
	{
		double s[8], z = 0;
		int j;
		for (j = 2; j <= 7; j++)
			s[j] = (j + 1) / 43.0 + 0.5 * (j + 1) /
			    (sqrt(33.0 * (j + 1)) + 10) + 1e-6 * (j + 1) / 93;
		s[0] = 1e-6 * 60 / 93;       /* Other */
		z = exp(s[0]);
		for (j = 2; j <= 7; j++)
			z += exp(s[j]);
		near_eq(out[0].relevance, exp(s[7]) / z);
		near_eq(out[3].relevance, exp(s[4]) / z);
	}
	fx_close(f);
}

/*
 * The basket's order: the item rung up last brings its partners with
 * seq_last + 0.5 cooc_last, the one before it with half of 0.5 seq +
 * 0.25 cooc — Butter goes with Bread, Crackers with Cheese (6 orders
 * each, right after), so the partner of the last one comes first, and
 * the ratio of their p is exp(0.75 seq + 0.375 cooc) with seq = cooc =
 * 6/16.
 */
static void
test_basket_order(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Bread", .price = 1000 },
		{ .id = 2, .name = "Cheese", .price = 1000 },
		{ .id = 3, .name = "Butter", .price = 300 },
		{ .id = 4, .name = "Crackers", .price = 300 },
		{ .id = 9, .name = "Water", .price = 100 },
	};
	static const char *const lines[] = {
		"1 3", "1 3", "1 3", "1 3", "1 3", "1 3",
		"2 4", "2 4", "2 4", "2 4", "2 4", "2 4",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
	};
	const int64_t		bc[] = { 1, 2 }, cb[] = { 2, 1 };
	const int64_t		bcw[] = { 1, 2, 9 };
	struct fx		*f;
	struct suggestion	x[MAXOUT], y[MAXOUT];
	size_t			i;

	(void)state;
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	/* Bread, then Cheese: Crackers first */
	assert_int_equal(rank(f, NULL, bc, 2, NOW, x), 2);
	assert_int_equal(x[0].item_id, 4);
	assert_int_equal(x[0].base_id, 2);
	assert_int_equal(x[1].item_id, 3);
	assert_int_equal(x[1].base_id, 1);
	/* Cheese, then Bread: Butter first */
	assert_int_equal(rank(f, NULL, cb, 2, NOW, y), 2);
	assert_int_equal(y[0].item_id, 3);
	assert_int_equal(y[1].item_id, 4);
	for (i = 0; i < 2; i++) {
		check_p(f, bc, 2, &x[i]);
		check_p(f, cb, 2, &y[i]);
	}
	near_eq(x[0].relevance / x[1].relevance, exp(0.75 * 0.375 +
	    0.375 * 0.375));
	/* the same items: the same p, swapped */
	near_eq(x[0].relevance, y[0].relevance);
	near_eq(x[1].relevance, y[1].relevance);
	/* the evidence does not depend on the order */
	assert_string_equal(x[0].why, y[1].why);
	assert_string_equal(x[1].why, y[0].why);

	/* Water rung up last (it has no partner): Cheese is one place
	 * back, Bread two, and Crackers still leads */
	assert_int_equal(rank(f, NULL, bcw, 3, NOW, x), 2);
	assert_int_equal(x[0].item_id, 4);
	check_p(f, bcw, 3, &x[0]);
	check_p(f, bcw, 3, &x[1]);
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
	assert_true(s->base_range == 0 || s->base_range == 1);
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
 * most orders (not of the most items). */
static void
test_upgrade_brand_usual(void **state)
{
	/* brand 3 (50) in 4 orders; brand 2 (51, 52: two items) in 3 orders;
	 * brand 1 (53) in 1; all 100 days ago */
	static const struct ord premium[] = {
		{ 100, { 50, 51 } }, { 100, { 50, 51 } }, { 100, { 50, 52 } },
		{ 100, { 50, 53 } },
	};
	/* brand 2 in 3 orders, brand 3 in 2 */
	static const struct ord standard[] = {
		{ 100, { 50, 51 } }, { 100, { 50, 51 } }, { 100, { 52 } },
	};
	struct buyer		*bp, *bs;
	struct suggestion	out[MAXOUT];

	(void)state;
	bp = buyer_make(1, premium, NELEM(premium));
	bs = buyer_make(2, standard, NELEM(standard));
	assert_int_equal(buyer_bought(bp, 50)->orders, 4);
	assert_int_equal(buyer_bought(bp, 51)->orders +
	    buyer_bought(bp, 52)->orders, 3);
	/* brand 2 -> 2: a walk-in and a standard buyer yes, premium no */
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, NULL, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, bs, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, bp, out), 0);
	/* brand 2 -> 3: everyone */
	assert_int_equal(ladder(1000, 2, 2, 1100, 3, 0, 0, 0, bp, out), 1);
	assert_int_equal(ladder(1000, 2, 2, 1100, 3, 0, 0, 0, bs, out), 1);
	/* brand 1 -> 1: the standard buyer usually buys better */
	assert_int_equal(ladder(1000, 1, 2, 1100, 1, 0, 0, 0, NULL, out), 1);
	assert_int_equal(ladder(1000, 1, 2, 1100, 1, 0, 0, 0, bs, out), 0);
	assert_int_equal(ladder(1000, 1, 2, 1100, 2, 0, 0, 0, bs, out), 1);
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
	/* The case alone: the protector has 3 orders, the bread lift 0.95,
	 * the milk nothing to do with phones. */
	s = only(out, rank(f, NULL, phone, 1, NOW, out), 11);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->base_id, 10);
	assert_int_equal(s->bundle_id, 0);
	assert_int_equal(s->price, 1500);
	assert_int_equal(s->diff, 1500);
	assert_int_equal(s->diff_pct, 5);
	assert_int_equal(s->together, 7);
	assert_int_equal(s->base_orders, 14);
	assert_int_equal(s->offered, 0);
	assert_int_equal(s->taken, 0);
	assert_string_equal(s->why, "bought with Phone in 50% of its orders "
	    "(7 of 14) · lift 2.5 · +15.00");
	check_pair_why(f, s);
	check_p(f, phone, 1, s);
	assert_true(s->score == s->relevance);

	/* The other way round the phone has the evidence (7 of the case's
	 * 8 orders) but costs 200 times the case: never. */
	none(out, rank(f, NULL, cas, 1, NOW, out));
	fx_close(f);
}

/*
 * Significance (scorer.h): at least min_pair_orders orders together, and
 * the 95 % Wilson lower bound of P(item | basket item) above P(item).
 * N = 61.  The sleeve with the laptop: 7 of 14 (sleeve in 8): the bound
 * 0.268 > 8/61 — offered.  Biscuits with the protector: 3 of 12 (in 3):
 * too few orders, though the bound 0.089 > 3/61.  Tea with the case: 4
 * of 13 (in 10): lift 1.9, but the bound 0.127 < 10/61 — not even with 4
 * orders allowed.
 */
static const char *const sig_lines[] = {
	"1 2", "1 2", "1 2", "1 2", "1 2", "1 2", "1 2",
	"1", "1", "1", "1", "1", "1", "1",
	"2",
	"3 4", "3 4", "3 4",
	"3", "3", "3", "3", "3", "3", "3", "3", "3",
	"5 6", "5 6", "5 6", "5 6",
	"5", "5", "5", "5", "5", "5", "5", "5", "5",
	"6", "6", "6", "6", "6", "6",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
	"9", "9", "9", "9", "9",
};

static const struct it sig_items[] = {
	{ .id = 1, .name = "Laptop", .price = 44900 },
	{ .id = 2, .name = "Sleeve", .price = 1499 },
	{ .id = 3, .name = "Protector", .price = 799 },
	{ .id = 4, .name = "Biscuits", .price = 129 },
	{ .id = 5, .name = "Case", .price = 1299 },
	{ .id = 6, .name = "Tea", .price = 199 },
	{ .id = 9, .name = "Water", .price = 100 },
};

static void
test_significance(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		laptop[] = { 1 }, prot[] = { 3 }, cas[] = { 5 };
	const int64_t		all[] = { 3, 5, 1 };
	int			min;

	(void)state;
	f = fx_open(sig_items, NELEM(sig_items), sig_lines,
	    NELEM(sig_lines));
	/* the fixture is what the comment says */
	assert_int_equal(f->nlines, 61);
	assert_int_equal(pair_of(f, 1, 2), 7);
	assert_int_equal(freq_of(f, 1), 14);
	assert_int_equal(pair_of(f, 3, 4), 3);
	assert_int_equal(freq_of(f, 3), 12);
	assert_int_equal(pair_of(f, 5, 6), 4);
	assert_int_equal(freq_of(f, 5), 13);
	assert_true(wilson(7, 14) > 8.0 / 61);
	assert_true(wilson(3, 12) > 3.0 / 61);
	assert_true(wilson(4, 13) < 10.0 / 61);
	assert_true(4.0 * 61 / (13 * 10) > 1);      /* lift 1.9 */

	s = only(out, rank(f, NULL, laptop, 1, NOW, out), 2);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Laptop in 50% of its orders "
	    "(7 of 14) · lift 3.8 · +14.99");
	none(out, rank(f, NULL, prot, 1, NOW, out));
	none(out, rank(f, NULL, cas, 1, NOW, out));
	/* all three in the basket: the sleeve only */
	only(out, rank(f, NULL, all, 3, NOW, out), 2);

	/* 3 orders allowed: the biscuits pass; the tea never does */
	for (min = 1; min <= 4; min++) {
		f->cfg.min_pair_orders = min;
		fx_scorer(f);
		none(out, rank(f, NULL, cas, 1, NOW, out));
		if (min <= 3) {
			s = only(out, rank(f, NULL, prot, 1, NOW, out), 4);
			assert_string_equal(s->why, "bought with Protector in "
			    "25% of its orders (3 of 12) · lift 5.1 · +1.29");
		} else
			none(out, rank(f, NULL, prot, 1, NOW, out));
	}
	/* the minimum is inclusive: 7 orders pass 7, not 8 */
	f->cfg.min_pair_orders = 7;
	fx_scorer(f);
	only(out, rank(f, NULL, laptop, 1, NOW, out), 2);
	f->cfg.min_pair_orders = 8;
	fx_scorer(f);
	none(out, rank(f, NULL, laptop, 1, NOW, out));
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
	/* 3 orders: the protector, 3 of 14, its bound 0.0757 just above
	 * its share 3/40 */
	assert_true(wilson(3, 14) > 3.0 / 40);
	f->cfg.min_pair_orders = 3;
	fx_scorer(f);
	n = rank(f, NULL, phone, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 11);
	assert_int_equal(out[1].item_id, 12);
	assert_string_equal(out[1].why, "bought with Phone in 21% of its "
	    "orders (3 of 14) · lift 2.9 · +9.99");
	assert_int_equal(out[1].diff_pct, 3);
	for (i = 0; i < 2; i++)
		check_p(f, phone, 1, &out[i]);
	/* the bread stays out: lift 0.95, whatever the minimum */
	absent(out, n, 14);
	f->cfg.min_pair_orders = 1;
	fx_scorer(f);
	absent(out, rank(f, NULL, phone, 1, NOW, out), 14);
	/* and 8 orders required: nothing (the case has 7) */
	f->cfg.min_pair_orders = 8;
	fx_scorer(f);
	none(out, rank(f, NULL, phone, 1, NOW, out));
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
	/* Biscuits: 5 orders with the tea, lift 1.0: out.  Honey: in. */
	assert_int_equal(pair_of(f, 20, 21), 5);
	assert_int_equal(5 * 40, 10 * 20);
	s = only(out, rank(f, NULL, tea, 1, NOW, out), 22);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Tea in 60% of its orders "
	    "(6 of 10) · lift 4.0 · +6.00");
	f->cfg.min_pair_orders = 1;
	fx_scorer(f);
	only(out, rank(f, NULL, tea, 1, NOW, out), 22);
	fx_close(f);

	/* And a lift below 1: bread with milk in 2 of 4 orders, N = 6. */
	{
		static const char *const l[] = { "14 15", "14 15", "14",
		    "15", "14", "15" };
		const int64_t bread[] = { 14 };

		f = fx_open(phone_items, NELEM(phone_items), l, NELEM(l));
		f->cfg.min_pair_orders = 1;
		none(out, rank(f, NULL, bread, 1, NOW, out));
		fx_close(f);
	}
}

/*
 * Two basket items: the evidence is the strongest of the basket's items
 * (the honey goes with the tea, 6 of 10; with the biscuits only 4 of 20),
 * whatever their order; there are no {a,b} => c rules any more.
 */
static void
test_bundle_two_items(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		ab[] = { 20, 21 }, ba[] = { 21, 20 };
	const int64_t		abc[] = { 20, 21, 22 };
	char			why[160];

	(void)state;
	f = fx_open(tea_items, NELEM(tea_items), tea_lines,
	    NELEM(tea_lines));
	s = only(out, rank(f, NULL, ab, 2, NOW, out), 22);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->base_id, 20);
	assert_true(s->base_range == 0 || s->base_range == 1);
	assert_int_equal(s->diff, 600);
	/* 600 of 1650 = 36.4 % */
	assert_int_equal(s->diff_pct, 36);
	strcpy(why, s->why);
	check_p(f, ab, 2, s);
	s = only(out, rank(f, NULL, ba, 2, NOW, out), 22);
	assert_int_equal(s->base_id, 20);
	assert_string_equal(s->why, why);
	check_p(f, ba, 2, s);
	/* 4 orders allowed: the biscuits' 4 of 20 is no evidence (0.081
	 * against 6/40), the tea's stays */
	f->cfg.min_pair_orders = 4;
	fx_scorer(f);
	s = only(out, rank(f, NULL, ba, 2, NOW, out), 22);
	assert_int_equal(s->base_id, 20);
	assert_int_equal(count_with(tea_lines, NELEM(tea_lines), abc, 3), 4);
	/* Without the model, nothing. */
	f->cfg.use_model = 0;
	fx_scorer(f);
	none(out, rank(f, NULL, ab, 2, NOW, out));
	fx_close(f);
}

/* What the buyer bought weighs in, with real figures. */
static void
test_bundle_personal(void **state)
{
	struct ord		o[16];
	size_t			no = 0;
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		phone[] = { 10 };

	(void)state;
	/* the case in 3 orders at irregular gaps (no rhythm), 7 others */
	rhythm(o, &no, 11, 2, 10, 290);
	rhythm(o, &no, 11, 1, 1, 100);
	elsewhere(o, &no, 7);
	b = buyer_make(3, o, no);
	assert_int_equal(b->visits, 10);
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	s = only(out, rank(f, b, phone, 1, NOW, out), 11);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_string_equal(s->why, "bought with Phone in 50% of its orders "
	    "(7 of 14) · lift 2.5 · +15.00 · in 3 of this customer's 10 "
	    "visits");
	fx_close(f);
}

/*
 * A buyer's regular (3+ orders) needs no pair evidence: "one of this
 * customer's regulars" — still a cross-sell, so within the cap.
 */
static void
test_bundle_regular(void **state)
{
	struct ord		o[16];
	size_t			no = 0;
	struct buyer		*b3, *b2;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		phone[] = { 10 }, milk[] = { 15 };
	size_t			n;

	(void)state;
	/* bread in 3 orders at irregular gaps: 300, 290 and 100 days ago */
	rhythm(o, &no, 14, 2, 10, 290);
	rhythm(o, &no, 14, 1, 1, 100);
	b3 = buyer_make(3, o, no);
	b2 = buyer_make(2, o + 1, 2);
	assert_int_equal(buyer_bought(b3, 14)->orders, 3);
	assert_int_equal(buyer_bought(b2, 14)->orders, 2);
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	n = rank(f, b3, phone, 1, NOW, out);
	assert_int_equal(n, 2);
	s = need(out, n, 14);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->base_id, 0);
	assert_int_equal(s->base_orders, 0);
	assert_int_equal(s->diff, 250);
	assert_string_equal(s->why, "a regular: in 3 of this customer's 3 "
	    "visits · +2.50");
	need(out, n, 11);
	/* 2 orders, a walk-in, or the history off: no regular */
	only(out, rank(f, b2, phone, 1, NOW, out), 11);
	only(out, rank(f, NULL, phone, 1, NOW, out), 11);
	f->cfg.use_history = 0;
	fx_scorer(f);
	only(out, rank(f, b3, phone, 1, NOW, out), 11);
	f->cfg.use_history = 1;
	fx_scorer(f);
	/* a basket of milk (1.20): the bread (2.50) is more than half */
	none(out, rank(f, b3, milk, 1, NOW, out));
	f->cfg.cross_sell_percent = 300;
	fx_scorer(f);
	only(out, rank(f, b3, milk, 1, NOW, out), 14);
	fx_close(f);
}

/*
 * A basket item of a family brings the partners of its whole range: the
 * sleeve goes with every size of the laptop (2 of 4 orders each, too few
 * for any one of them), 6 of the family's 12 orders: the Wilson bound
 * 0.254 twice the sleeve's 6/48.
 */
static void
test_family_evidence(void **state)
{
	static const struct it items[] = {
		{ .id = 1, .name = "Book 8", .fam = "book14", .tier = 1,
		    .price = 44900 },
		{ .id = 2, .name = "Book 16", .fam = "book14", .tier = 2,
		    .price = 52900 },
		{ .id = 3, .name = "Book 32", .fam = "book14", .tier = 3,
		    .price = 64900 },
		{ .id = 4, .name = "Sleeve", .price = 1499 },
		{ .id = 9, .name = "Water", .price = 100 },
	};
	static const char *const lines[] = {
		"1 4", "1 4", "1", "1", "2 4", "2 4", "2", "2",
		"3 4", "3 4", "3", "3",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
	};
	struct it		plain[NELEM(items)];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		b8[] = { 1 }, b32[] = { 3 };
	size_t			n, i;

	(void)state;
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	assert_int_equal(f->nlines, 48);
	assert_true(wilson(6, 12) > 6.0 / 48);
	/* the 8 GB: the sleeve, and the step up to the 16 GB (+17.8 %) */
	n = rank(f, NULL, b8, 1, NOW, out);
	assert_int_equal(n, 2);
	s = need(out, n, 4);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->base_id, 1);
	assert_int_equal(s->together, 6);
	assert_int_equal(s->base_orders, 12);
	assert_string_equal(s->why, "bought with Book 8 or another of its "
	    "range in 50% of their orders (6 of 12) · lift 4.0 · +14.99");
	assert_int_equal(need(out, n, 2)->kind, SUG_UPGRADE);
	/* the 32 GB: the same evidence, named after it */
	s = only(out, rank(f, NULL, b32, 1, NOW, out), 4);
	assert_string_equal(s->why, "bought with Book 32 or another of its "
	    "range in 50% of their orders (6 of 12) · lift 4.0 · +14.99");
	fx_close(f);

	/* The same laptops in no family: 2 of 4 each, nothing. */
	memcpy(plain, items, sizeof plain);
	for (i = 0; i < 3; i++)
		plain[i].fam = NULL;
	f = fx_open(plain, NELEM(plain), lines, NELEM(lines));
	none(out, rank(f, NULL, b8, 1, NOW, out));
	none(out, rank(f, NULL, b32, 1, NOW, out));
	fx_close(f);
}

/* ---- the cross-sell cap ------------------------------------------------------ */

/*
 * N = 40.  The protector (12) in 12 orders: the phone with it in 8 (the
 * bound 0.39 > 10/40), the cable in 6 (0.25 > 6/40).  A protector never
 * brings a phone: a cross-sell costs at most cross_sell_percent (50) of
 * the basket (price × quantity); a curated bundle is exempt, an upgrade
 * has its own cap.
 */
static const char *const cap_lines[] = {
	"12 10 13", "12 10 13", "12 10 13", "12 10 13", "12 10 13",
	"12 10 13", "12 10", "12 10", "12", "12", "12", "12", "10", "10",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
};

static const struct it cap_items[] = {
	{ .id = 9, .name = "Water", .price = 100 },
	{ .id = 10, .name = "Phone", .price = 21900 },
	{ .id = 12, .name = "Protector", .fam = "guard", .tier = 1,
	    .price = 799 },
	{ .id = 13, .name = "Cable", .price = 399 },
	{ .id = 14, .name = "Protector Pro", .fam = "guard", .tier = 2,
	    .price = 899 },
};

/*
 * N = 100, for strong pair evidence (a lift's lower bound of 2 by
 * default).  Shampoo (50, 3.99, hair) in 30 orders.  Conditioner (51,
 * 3.79, hair), a mask (53, 4.50, hair) and a towel (55, 3.80, bath) in 15
 * of them each, nowhere else: lift 3.3, lower bound 2.2, strong.  Lentils
 * (52, 1.99, grocery) and a comb (54, 2.50, hair) in the other 15 and 10
 * more orders each: lift 2.0, lower bound 1.3, significant, not strong.
 * Half the shampoo is 1.995: the lentils are under the cross-sell cap,
 * the rest over it.
 */
static const char *const strong_lines[] = {
	"50 51 53 55", "50 51 53 55", "50 51 53 55", "50 51 53 55",
	"50 51 53 55", "50 51 53 55", "50 51 53 55", "50 51 53 55",
	"50 51 53 55", "50 51 53 55", "50 51 53 55", "50 51 53 55",
	"50 51 53 55", "50 51 53 55", "50 51 53 55",
	"50 52 54", "50 52 54", "50 52 54", "50 52 54", "50 52 54",
	"50 52 54", "50 52 54", "50 52 54", "50 52 54", "50 52 54",
	"50 52 54", "50 52 54", "50 52 54", "50 52 54", "50 52 54",
	"52", "52", "52", "52", "52", "52", "52", "52", "52", "52",
	"54", "54", "54", "54", "54", "54", "54", "54", "54", "54",
	"60", "60", "60", "60", "60", "60", "60", "60", "60", "60",
	"60", "60", "60", "60", "60", "60", "60", "60", "60", "60",
	"60", "60", "60", "60", "60", "60", "60", "60", "60", "60",
	"60", "60", "60", "60", "60", "60", "60", "60", "60", "60",
	"60", "60", "60", "60", "60", "60", "60", "60", "60", "60",
};

static const struct it strong_items[] = {
	{ .id = 50, .name = "Shampoo", .cat = "hair", .price = 399 },
	{ .id = 51, .name = "Conditioner", .cat = "hair", .price = 379 },
	{ .id = 52, .name = "Lentils", .cat = "grocery", .price = 199 },
	{ .id = 53, .name = "Hair mask", .cat = "hair", .price = 450 },
	{ .id = 54, .name = "Comb", .cat = "hair", .price = 250 },
	{ .id = 55, .name = "Towel", .cat = "bath", .price = 380 },
	{ .id = 60, .name = "Bread", .cat = "grocery", .price = 100 },
};

/* Two categories need strong evidence: no lentils with a shampoo on a
 * lift of 2 (1.3 at the least), whatever the cap says. */
static void
test_cross_category_strong(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		sh[] = { 50 };
	size_t			n;

	(void)state;
	assert_true(wilson(15, 30) * 100 / 25 > 1.0);
	assert_true(wilson(15, 30) * 100 / 25 < 2.0);
	f = fx_open(strong_items, NELEM(strong_items), strong_lines,
	    NELEM(strong_lines));
	f->cfg.max_suggestions = 10;
	f->cfg.strong_pair_lift_percent = 200;          /* the default */
	assert_int_equal(f->cfg.strong_pair_lift_percent,
	    scorer_default_config().strong_pair_lift_percent);
	fx_scorer(f);
	n = rank(f, NULL, sh, 1, NOW, out);
	absent(out, n, 52);
	need(out, n, 51);
	/* a lift above 1 was enough before: the key set to 100 */
	f->cfg.strong_pair_lift_percent = 100;
	fx_scorer(f);
	n = rank(f, NULL, sh, 1, NOW, out);
	assert_int_equal(need(out, n, 52)->kind, SUG_BUNDLE);
	fx_close(f);
}

/* Over the cross-sell cap, strong evidence with a basket item of the
 * same category lets through what costs no more than that item: the
 * conditioner, not the dearer mask, the weakly paired comb or the towel
 * of another category. */
static void
test_over_cap_strong(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		sh[] = { 50 };
	size_t			n;

	(void)state;
	assert_true(wilson(15, 30) * 100 / 15 > 2.0);
	f = fx_open(strong_items, NELEM(strong_items), strong_lines,
	    NELEM(strong_lines));
	f->cfg.max_suggestions = 10;
	f->cfg.strong_pair_lift_percent = 200;
	fx_scorer(f);
	n = rank(f, NULL, sh, 1, NOW, out);
	s = need(out, n, 51);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->diff_pct, 95);      /* 3.79 of 3.99 */
	absent(out, n, 53);
	absent(out, n, 54);
	absent(out, n, 55);
	/* strong at 100 % is any significant lift: the comb comes */
	f->cfg.strong_pair_lift_percent = 100;
	fx_scorer(f);
	n = rank(f, NULL, sh, 1, NOW, out);
	need(out, n, 54);
	absent(out, n, 53);
	absent(out, n, 55);
	/* with a cap of all the basket, the mask and the towel come too */
	f->cfg.cross_sell_percent = 200;
	fx_scorer(f);
	n = rank(f, NULL, sh, 1, NOW, out);
	need(out, n, 53);
	need(out, n, 55);
	fx_close(f);
}

static void
test_cross_sell_cap(void **state)
{
	struct it		items[NELEM(cap_items)];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		prot[] = { 12 }, kit[] = { 10, 12 };
	int64_t			q[1];
	size_t			n;

	(void)state;
	f = fx_open(cap_items, NELEM(cap_items), cap_lines,
	    NELEM(cap_lines));
	f->cfg.max_suggestions = 10;
	assert_true(wilson(8, 12) > 10.0 / 40);
	/* One protector (7.99): the cable at 3.99, exactly the cap (half
	 * of 7.99 is 3.995), and the Pro (an upgrade: +1.00) — no phone. */
	n = rank(f, NULL, prot, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(need(out, n, 13)->kind, SUG_BUNDLE);
	assert_int_equal(need(out, n, 14)->kind, SUG_UPGRADE);
	absent(out, n, 10);
	/* the phone's evidence is there: with no cap it comes */
	f->cfg.cross_sell_percent = 10000;
	fx_scorer(f);
	s = need(out, rank(f, NULL, prot, 1, NOW, out), 10);
	assert_string_equal(s->why, "bought with Protector in 67% of its "
	    "orders (8 of 12) · lift 2.7 · +219.00");
	/* 54 protectors cost 431.46, half 215.73: no; 55 (439.45): yes */
	f->cfg.cross_sell_percent = 50;
	fx_scorer(f);
	q[0] = 54;
	absent(out, rank_qty(f, NULL, prot, q, 1, NOW, out), 10);
	q[0] = 55;
	s = need(out, rank_qty(f, NULL, prot, q, 1, NOW, out), 10);
	assert_int_equal(s->diff_pct, 50);        /* 21900 of 43945 */
	/* the share is configured: all of the basket, 28 protectors */
	f->cfg.cross_sell_percent = 100;
	fx_scorer(f);
	q[0] = 27;
	absent(out, rank_qty(f, NULL, prot, q, 1, NOW, out), 10);
	q[0] = 28;
	need(out, rank_qty(f, NULL, prot, q, 1, NOW, out), 10);
	/* 0 %: no cross-sell at all, the upgrade stays */
	f->cfg.cross_sell_percent = 0;
	fx_scorer(f);
	only(out, rank(f, NULL, prot, 1, NOW, out), 14);
	fx_close(f);

	/* A cable at 4.00 is a cent too dear for one protector. */
	memcpy(items, cap_items, sizeof items);
	items[3].price = 400;
	f = fx_open(items, NELEM(items), cap_lines, NELEM(cap_lines));
	absent(out, rank(f, NULL, prot, 1, NOW, out), 13);
	q[0] = 2;
	need(out, rank_qty(f, NULL, prot, q, 1, NOW, out), 13);
	fx_close(f);

	/* A curated bundle is exempt: the phone kit (both for 224.00). */
	f = fx_open(cap_items, NELEM(cap_items), cap_lines, NELEM(cap_lines));
	cat_bundle(&f->c, 77, "Phone kit", 22400, kit, NULL, 2);
	s = need(out, rank(f, NULL, prot, 1, NOW, out), 10);
	assert_int_equal(s->kind, SUG_BUNDLE);
	assert_int_equal(s->bundle_id, 77);
	assert_int_equal(s->price, 21900);
	assert_int_equal(s->diff, 22400 - 799);
	assert_string_equal(s->why, "completes the Phone kit: all 2 for "
	    "224.00 instead of 226.99 · +216.01 for it (saves 2.99)");
	fx_close(f);
}

/* ---- services ------------------------------------------------------------------ */

/*
 * Services (postage, fees ...) are never suggested, whatever their
 * evidence: a partner bought with the kettle in 8 of its 10 orders, a
 * due "refill", a step up its ladder, in season and fitting, the missing
 * item of a curated bundle, one of the buyer's regulars.  The same items
 * as products are all suggested, so the test can fail.
 */
static void
services(int svc, const struct buyer *b, struct suggestion *out, size_t *n)
{
	const struct it items[] = {
		{ .id = 1, .name = "Kettle", .cat = "kitchen", .fam = "kettle",
		    .tier = 1, .price = 3000 },
		{ .id = 2, .name = "Kettle care plan", .cat = "kitchen",
		    .fam = "kettle", .tier = 2, .price = 3300, .svc = svc },
		{ .id = 3, .name = "Mug", .cat = "kitchen", .price = 500 },
		{ .id = 9, .name = "Water", .price = 100 },
		{ .id = 90, .name = "Postage", .price = 399, .svc = svc },
		{ .id = 91, .name = "Delivery", .price = 450, .refill = 20,
		    .svc = svc },
		{ .id = 92, .name = "Gift wrap", .cat = "kitchen", .price = 250,
		    .ss = 101, .se = 1231, .svc = svc },
		{ .id = 93, .name = "Installation", .price = 1200,
		    .svc = svc },
		{ .id = 94, .name = "Card fee", .price = 199, .svc = svc },
	};
	static const char *const lines[] = {
		"1 3 90", "1 3 90", "1 3 90", "1 3 90", "1 3 90", "1 3 90",
		"1 3 90", "1 3 90", "1", "1", "94", "94", "94",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
		"9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
		"9", "9", "9",
	};
	const int64_t		kettle[] = { 1 }, set[] = { 1, 93 };
	struct fx		*f;

	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	cat_bundle(&f->c, 5, "Kettle set", 3900, set, NULL, 2);
	f->cfg.max_suggestions = 10;
	*n = rank(f, b, kettle, 1, NOW, out);
	fx_close(f);
}

static void
test_services(void **state)
{
	struct ord		o[16];
	size_t			no = 0, n, i;
	struct buyer		*b;
	struct suggestion	out[MAXOUT];
	static const struct {
		int64_t id;
		int     kind;
	} want[] = {
		{ 2, SUG_UPGRADE }, { 3, SUG_BUNDLE }, { 90, SUG_BUNDLE },
		{ 91, SUG_REFILL }, { 92, SUG_SEASONAL }, { 93, SUG_BUNDLE },
		{ 94, SUG_BUNDLE },
	};

	(void)state;
	/* delivery every 20 days, the last 21 days ago; the card fee in 3
	 * orders at irregular gaps */
	rhythm(o, &no, 91, 5, 20, 21);
	rhythm(o, &no, 94, 2, 10, 290);
	rhythm(o, &no, 94, 1, 1, 100);
	b = buyer_make(7, o, no);

	/* as products: every one of them, each as its kind */
	services(0, b, out, &n);
	assert_int_equal(n, NELEM(want));
	for (i = 0; i < NELEM(want); i++)
		assert_int_equal(need(out, n, want[i].id)->kind, want[i].kind);
	assert_true(need(out, n, 93)->bundle_id == 5);
	assert_int_equal(need(out, n, 94)->base_orders, 0);
	/* as services: only the mug */
	services(1, b, out, &n);
	only(out, n, 3);
	services(1, NULL, out, &n);
	only(out, n, 3);
}

/* ---- curated bundles ------------------------------------------------------------ */

static void
test_curated(void **state)
{
	static const struct it items[] = {
		{ .id = 10, .name = "Phone", .price = 21900 },
		{ .id = 11, .name = "Case", .price = 1299 },
		{ .id = 12, .name = "Protector", .price = 799 },
		{ .id = 13, .name = "Charger", .price = 1999 },
	};
	struct it		oos[NELEM(items)];
	const int64_t		kit[] = { 10, 11, 12 }, nosave[] = { 11, 13 };
	const int64_t		unknown[] = { 12, 999 }, single[] = { 13 };
	const int64_t		pc[] = { 10, 11 }, cp[] = { 11, 12 };
	const int64_t		phone[] = { 10 }, all[] = { 10, 11, 12 };
	const int64_t		cas[] = { 11 }, prot[] = { 12 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	int			pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		f = fx_open(items, NELEM(items), NULL, 0);
		cat_bundle(&f->c, 7, "Nova kit", 23400, kit, NULL, 3);
		cat_bundle(&f->c, 8, "No saving", 3298, nosave, NULL, 2);
		cat_bundle(&f->c, 9, "Unknown", 100, unknown, NULL, 2);
		cat_bundle(&f->c, 10, "Single", 1000, single, NULL, 1);
		/* bundles are curated: they need no model (pass 1: the
		 * model is off too) */
		f->cfg.use_model = pass == 0;
		/* phone and case: the protector completes the kit */
		s = only(out, rank(f, NULL, pc, 2, NOW, out), 12);
		assert_int_equal(s->kind, SUG_BUNDLE);
		assert_int_equal(s->bundle_id, 7);
		assert_int_equal(s->base_id, 0);
		assert_int_equal(s->price, 799);
		assert_int_equal(s->diff, 23400 - 21900 - 1299);
		assert_int_equal(s->diff_pct, 1);     /* 201 of 23199 */
		assert_string_equal(s->why, "completes the Nova kit: all 3 "
		    "for 234.00 instead of 239.98 · +2.01 for it (saves "
		    "5.98)");
		/* its evidence: the share of the set's price it saves */
		near_eq(s->score, 598.0 / 23998);
		/* case and protector: the phone, whatever it costs */
		s = only(out, rank(f, NULL, cp, 2, NOW, out), 10);
		assert_int_equal(s->diff, 23400 - 1299 - 799);
		/* two missing, none missing: nothing */
		none(out, rank(f, NULL, phone, 1, NOW, out));
		none(out, rank(f, NULL, all, 3, NOW, out));
		/* no saving (the charger at the full price), an item the
		 * catalogue does not know, a bundle of one: nothing */
		none(out, rank(f, NULL, cas, 1, NOW, out));
		none(out, rank(f, NULL, prot, 1, NOW, out));
		fx_close(f);
	}
	/* the missing item out of stock: nothing */
	memcpy(oos, items, sizeof oos);
	oos[2].oos = 1;
	f = fx_open(oos, NELEM(oos), NULL, 0);
	cat_bundle(&f->c, 7, "Nova kit", 23400, kit, NULL, 3);
	none(out, rank(f, NULL, pc, 2, NOW, out));
	fx_close(f);
}

/* ---- refill -------------------------------------------------------------------- */

static const struct it care_items[] = {
	{ .id = 30, .name = "Shampoo 50 ml", .cat = "hair", .fam = "shampoo",
	    .tier = 1, .price = 300 },
	{ .id = 31, .name = "Shampoo 250 ml", .cat = "hair", .fam = "shampoo",
	    .tier = 2, .price = 900 },
	{ .id = 32, .name = "Toothpaste", .cat = "dental", .price = 200 },
	{ .id = 33, .name = "Hand wash refill", .cat = "soap",
	    .fam = "handwash", .tier = 1, .price = 450, .refill = 20 },
	{ .id = 34, .name = "Milk", .cat = "dairy", .price = 120 },
	{ .id = 35, .name = "Hand wash 1 l", .cat = "soap", .fam = "handwash",
	    .tier = 2, .price = 800, .refill = 40 },
	{ .id = 36, .name = "Travel bag", .cat = "luggage", .price = 2500 },
};

/* A buyer of norders orders of id, `every` days apart, the last `ago`
 * days ago, and `others` more visits elsewhere. */
static struct buyer *
buyer_rhythm(int64_t id, int norders, int every, int ago, int others)
{
	struct ord	o[128];
	size_t		n = 0;

	assert_true(norders + others <= (int)NELEM(o));
	rhythm(o, &n, id, norders, every, ago);
	elsewhere(o, &n, others);
	return buyer_make(4, o, n);
}

static void
test_refill_due(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* every 25 days (5 orders), last 28 days ago: due (3 days late);
	 * 5 of the buyer's 10 visits */
	b = buyer_rhythm(30, 5, 25, 28, 5);
	assert_int_equal(buyer_bought(b, 30)->gap_days, 25);
	s = only(out, rank(f, b, basket, 1, NOW, out), 30);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->base_id, 30);
	assert_int_equal(s->price, 300);
	assert_int_equal(s->diff, 300);
	assert_int_equal(s->diff_pct, 150);
	assert_string_equal(s->why, "bought in 5 orders, about every 25 days "
	    "· last 28 days ago · +3.00");
	/* no ranker: its own evidence, the share of visits, times
	 * REFILL_LIFT (0.3) of the best relevance (1 without a ranker) */
	near_eq(s->score, 0.3 * 5.0 / 10);
	buyer_drop(b);
	/* 20 days ago: due in 5 days, in the rhythm's second half */
	b = buyer_rhythm(30, 5, 25, 20, 5);
	s = only(out, rank(f, b, basket, 1, NOW, out), 30);
	assert_int_equal(s->kind, SUG_REFILL);
	buyer_drop(b);
	/* milk every 10 days: due in the second half of the rhythm, not
	 * 3 days after the last ("running low?" a week early) — 5 days ago
	 * is due in 5, 4 days ago in 6, 3 days ago in 7 */
	b = buyer_rhythm(34, 5, 10, 5, 5);
	only(out, rank(f, b, basket, 1, NOW, out), 34);
	buyer_drop(b);
	b = buyer_rhythm(34, 5, 10, 4, 5);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	b = buyer_rhythm(34, 5, 10, 3, 5);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	b = buyer_rhythm(34, 5, 10, 6, 5);
	/* A walk-in, or history off: no refill. */
	none(out, rank(f, NULL, basket, 1, NOW, out));
	f->cfg.use_history = 0;
	fx_scorer(f);
	none(out, rank(f, b, basket, 1, NOW, out));
	fx_close(f);
}

static void
test_refill_not_due(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		basket[] = { 32 }, small[] = { 30 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* every 25 days, last 10 days ago: due in 15, more than half of
	 * the rhythm (12) */
	b = buyer_rhythm(30, 5, 25, 10, 5);
	none(out, rank(f, b, basket, 1, NOW, out));
	/* ... and not as the next size up either */
	none(out, rank(f, b, small, 1, NOW, out));
	/* 13 days ago: due in 12, the rhythm's second half: due */
	buyer_drop(b);
	b = buyer_rhythm(30, 5, 25, 13, 5);
	only(out, rank(f, b, basket, 1, NOW, out), 30);
	fx_close(f);
}

/*
 * Another size of the item bought since met the same need: the refill is
 * counted from that purchase (the 250 ml after the 50 ml), for the item
 * itself and for its next size up in the basket's place.
 */
static void
test_refill_other_size(void **state)
{
	struct ord		o[16];
	size_t			n = 0;
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		basket[] = { 32 }, small[] = { 30 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* the 50 ml every 25 days, last 28 days ago: due (test_refill_due)
	 * — but the 250 ml bought today */
	rhythm(o, &n, 30, 5, 25, 28);
	elsewhere(o, &n, 5);
	memset(&o[n], 0, sizeof o[n]);
	o[n].ago = 0;
	o[n++].items[0] = 31;
	b = buyer_make(4, o, n);
	none(out, rank(f, b, basket, 1, NOW, out));
	none(out, rank(f, b, small, 1, NOW, out));
	buyer_drop(b);
	/* the 250 ml bought 20 days ago: from then the 50 ml is due in 5 */
	o[n - 1].ago = 20;
	b = buyer_make(4, o, n);
	only(out, rank(f, b, basket, 1, NOW, out), 30);
	buyer_drop(b);
	/* bought before the last 50 ml: the 50 ml's own time counts */
	o[n - 1].ago = 60;
	b = buyer_make(4, o, n);
	only(out, rank(f, b, basket, 1, NOW, out), 30);
	buyer_drop(b);
	fx_close(f);
}

/*
 * The "why" counts visits as the buyer holds them: a history of the
 * store's most (BUYER_HISTORY_MAX orders, maybe more before) says "last";
 * and a day count reads as words ("yesterday", "today").
 */
static void
test_why_visits_days(void **state)
{
	static struct ord	o[BUYER_HISTORY_MAX + 8];
	size_t			no = 0;
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		phone[] = { 10 }, basket[] = { 32 };
	char			want[120];

	(void)state;
	/* bread in 3 of BUYER_HISTORY_MAX orders (the rest milk, long ago) */
	rhythm(o, &no, 14, 2, 10, 290);
	rhythm(o, &no, 14, 1, 1, 100);
	rhythm(o, &no, 15, BUYER_HISTORY_MAX - 3, 1, 400);
	b = buyer_make(3, o, no);
	assert_int_equal(b->visits, BUYER_HISTORY_MAX);
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	s = need(out, rank(f, b, phone, 1, NOW, out), 14);
	snprintf(want, sizeof want, "a regular: in 3 of this customer's last "
	    "%d visits · +2.50", BUYER_HISTORY_MAX);
	assert_string_equal(s->why, want);
	buyer_drop(b);
	/* one fewer: all of them, no "last" */
	b = buyer_make(3, o, no - 1);
	s = need(out, rank(f, b, phone, 1, NOW, out), 14);
	snprintf(want, sizeof want, "a regular: in 3 of this customer's %d "
	    "visits · +2.50", BUYER_HISTORY_MAX - 1);
	assert_string_equal(s->why, want);
	buyer_drop(b);
	fx_close(f);
	/* a 2-day rhythm, last bought yesterday: due */
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	b = buyer_rhythm(30, 5, 2, 1, 0);
	s = only(out, rank(f, b, basket, 1, NOW, out), 30);
	assert_string_equal(s->why, "bought in 5 orders, about every 2 days · "
	    "last yesterday · +3.00");
	buyer_drop(b);
	fx_close(f);
}

/* The catalogue's refill_days gives a rhythm to a single purchase. */
static void
test_refill_catalog_days(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	b = buyer_rhythm(33, 1, 0, 21, 2);
	s = only(out, rank(f, b, basket, 1, NOW, out), 33);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_string_equal(s->why, "bought once, 21 days ago · it lasts "
	    "about 20 days · +4.50");
	buyer_drop(b);
	/* 5 days ago: due in 15 days, not yet */
	b = buyer_rhythm(33, 1, 0, 5, 2);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	/* the same once for an item that does not run out: never */
	b = buyer_rhythm(36, 1, 0, 300, 2);
	none(out, rank(f, b, basket, 1, NOW, out));
	fx_close(f);
}

/*
 * With refill_days, the buyer's own mean gap (2+ orders) comes first, or
 * the catalogue's when the orders were on one day; due in the second
 * half of the rhythm.
 */
static void
test_refill_rhythm(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 34 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* every 80 days by the gap, last 25 days ago: not due (by the
	 * catalogue's 20 it would be) */
	b = buyer_rhythm(33, 2, 80, 25, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	/* every 10 days by the gap, last 9 days ago: due, "every 10" */
	b = buyer_rhythm(33, 2, 10, 9, 0);
	s = only(out, rank(f, b, basket, 1, NOW, out), 33);
	assert_string_equal(s->why, "bought in 2 orders, about every 10 days "
	    "· last 9 days ago · +4.50");
	buyer_drop(b);
	/* 2 orders on one day: the catalogue's 20 days */
	b = buyer_rhythm(33, 2, 0, 21, 0);
	s = only(out, rank(f, b, basket, 1, NOW, out), 33);
	assert_string_equal(s->why, "bought in 2 orders, about every 20 days "
	    "· last 21 days ago · +4.50");
	fx_close(f);
}

/*
 * Without refill_days a rhythm is learned: 3+ orders whose gaps' standard
 * deviation is at most half their mean.  Two orders are not a rhythm;
 * gaps of 5 and 55 days (mean 30, deviation 25) are not either; 15 and 45
 * (deviation 15, exactly half) are, 14 and 46 (16) are not.
 */
static void
test_refill_learned(void **state)
{
	struct ord		o[8];
	size_t			no;
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 34 };
	const struct bought	*bo;
	static const struct {
		int gap1, gap2, sd, due;
	} gaps[] = {
		{ 30, 30, 0, 1 }, { 5, 55, 25, 0 }, { 55, 5, 25, 0 },
		{ 15, 45, 15, 1 }, { 45, 15, 15, 1 }, { 14, 46, 16, 0 },
		{ 20, 40, 10, 1 },
	};
	size_t			i;

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* 2 orders 30 days apart, the last 29 days ago: no rhythm */
	b = buyer_rhythm(32, 2, 30, 29, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	for (i = 0; i < NELEM(gaps); i++) {
		/* 3 orders, the last 29 days ago, then gap1, gap2 before */
		memset(o, 0, sizeof o);
		o[0].ago = 29;
		o[1].ago = 29 + gaps[i].gap1;
		o[2].ago = 29 + gaps[i].gap1 + gaps[i].gap2;
		o[0].items[0] = o[1].items[0] = o[2].items[0] = 32;
		no = 3;
		b = buyer_make(4, o, no);
		bo = buyer_bought(b, 32);
		assert_int_equal(bo->gap_days, 30);
		assert_int_equal(bo->gap_sd_days, gaps[i].sd);
		if (gaps[i].due) {
			s = only(out, rank(f, b, basket, 1, NOW, out), 32);
			assert_int_equal(s->kind, SUG_REFILL);
			assert_string_equal(s->why, "bought in 3 orders, about "
			    "every 30 days · last 29 days ago · +2.00");
		} else
			none(out, rank(f, b, basket, 1, NOW, out));
		buyer_drop(b);
	}
	/* 3 orders on one day: no gap, no rhythm */
	b = buyer_rhythm(32, 3, 0, 40, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	/* a regular rhythm, half of it passed: 16 days ago is due in 14
	 * <= 15; 14 days ago due in 16: not yet */
	b = buyer_rhythm(32, 3, 30, 16, 0);
	only(out, rank(f, b, basket, 1, NOW, out), 32);
	buyer_drop(b);
	b = buyer_rhythm(32, 3, 30, 14, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	/* a travel bag bought twice, 65 days apart, the last 60 days ago:
	 * it does not run out (no refill_days, no rhythm of 3) */
	b = buyer_rhythm(36, 2, 65, 60, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	fx_close(f);
}

/*
 * A lapsed buyer — more than lapse_cycles (3) rhythms since the last
 * purchase — gets no refill.
 */
static void
test_refill_lapsed(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 34 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* every 30 days: 90 days ago is 3 cycles, still a buyer */
	b = buyer_rhythm(32, 3, 30, 90, 0);
	s = only(out, rank(f, b, basket, 1, NOW, out), 32);
	assert_string_equal(s->why, "bought in 3 orders, about every 30 days "
	    "· last 90 days ago · +2.00");
	buyer_drop(b);
	/* 91 days ago: lapsed */
	b = buyer_rhythm(32, 3, 30, 91, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	/* years ago: lapsed */
	buyer_drop(b);
	b = buyer_rhythm(32, 3, 30, 1000, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	/* lapse_cycles 1: 31 days ago is lapsed, 30 not */
	f->cfg.lapse_cycles = 1;
	fx_scorer(f);
	b = buyer_rhythm(32, 3, 30, 31, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	b = buyer_rhythm(32, 3, 30, 30, 0);
	only(out, rank(f, b, basket, 1, NOW, out), 32);
	buyer_drop(b);
	/* bought once, refill_days 20: 60 days ago (3 cycles) yes, 61 no */
	f->cfg.lapse_cycles = 3;
	fx_scorer(f);
	b = buyer_rhythm(33, 1, 0, 60, 0);
	s = only(out, rank(f, b, basket, 1, NOW, out), 33);
	assert_string_equal(s->why, "bought once, 60 days ago · it lasts "
	    "about 20 days · +4.50");
	buyer_drop(b);
	b = buyer_rhythm(33, 1, 0, 61, 0);
	none(out, rank(f, b, basket, 1, NOW, out));
	fx_close(f);
}

/* A refill that is due is suggested even when bought within recent_days. */
static void
test_refill_due_recent(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 32 };

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	/* milk every 5 days (5 orders), last 4 days ago */
	b = buyer_rhythm(34, 5, 5, 4, 25);
	s = only(out, rank(f, b, basket, 1, NOW, out), 34);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_string_equal(s->why, "bought in 5 orders, about every 5 days "
	    "· last 4 days ago · +1.20");
	fx_close(f);
}

/*
 * The due item in the basket, bought 3+ times: the next size up, REFILL
 * in place of it — base_id the smaller size, price its own price, diff
 * the difference.
 */
static void
test_refill_next_size(void **state)
{
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		basket[] = { 30 }, both[] = { 30, 31 };
	const int64_t		wash[] = { 33 };
	struct it		items[NELEM(care_items)];

	(void)state;
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	b = buyer_rhythm(30, 5, 25, 28, 5);
	s = only(out, rank(f, b, basket, 1, NOW, out), 31);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->base_id, 30);
	assert_true(s->base_id != s->item_id);
	assert_int_equal(s->price, 900);
	assert_int_equal(s->diff, 600);
	assert_int_equal(s->diff_pct, 200);
	assert_string_equal(s->why, "in place of Shampoo 50 ml, bought in 5 "
	    "orders about every 25 days: the next size up · +6.00 (+200%)");
	/* both sizes in the basket: nothing */
	none(out, rank(f, b, both, 2, NOW, out));
	buyer_drop(b);
	/* not due: nothing */
	b = buyer_rhythm(30, 5, 25, 10, 5);
	none(out, rank(f, b, basket, 1, NOW, out));
	buyer_drop(b);
	/* a consumable bought twice, due: not yet a habit of 3 */
	b = buyer_rhythm(33, 2, 20, 21, 0);
	none(out, rank(f, b, wash, 1, NOW, out));
	buyer_drop(b);
	b = buyer_rhythm(33, 3, 20, 21, 0);
	s = only(out, rank(f, b, wash, 1, NOW, out), 35);
	assert_int_equal(s->kind, SUG_REFILL);
	assert_int_equal(s->base_id, 33);
	assert_int_equal(s->price, 800);
	assert_int_equal(s->diff, 350);
	assert_int_equal(s->diff_pct, 78);
	assert_string_equal(s->why, "in place of Hand wash refill, bought in "
	    "3 orders about every 20 days: the next size up · +3.50 (+78%)");
	buyer_drop(b);
	fx_close(f);

	/* the bigger size out of stock: nothing */
	memcpy(items, care_items, sizeof items);
	items[1].oos = 1;
	f = fx_open(items, NELEM(items), NULL, 0);
	b = buyer_rhythm(30, 5, 25, 28, 5);
	none(out, rank(f, b, basket, 1, NOW, out));
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
	{ .id = 45, .name = "Boots", .cat = "winter", .price = 7000,
	    .ss = 1101, .se = 228 },
};

/* N = 32.  Coat and gloves in 6 of the coat's 8 orders: the Wilson bound
 * 0.41 above the gloves' 6/32, lift 4.0. */
static const char *const season_lines[] = {
	"40 44", "40 44", "40 44", "40 44", "40 44", "40 44", "40", "40",
	"43", "43", "43", "43", "43", "43", "43", "43", "43", "43", "43",
	"43", "43", "43", "43", "43", "43", "43", "43", "43", "43", "43",
	"43", "43",
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
	/* 01-15 is inside 11-01 .. 02-28 (the boots, 70.00, cost more than
	 * half the coat) */
	s = only(out, rank(f, NULL, coat, 1, at(2027, 1, 15), out), 41);
	assert_int_equal(s->kind, SUG_SEASONAL);
	assert_int_equal(s->diff, 1500);
	assert_int_equal(s->diff_pct, 13);
	assert_string_equal(s->why, "in season 11-01 to 02-28 · fits the "
	    "basket · +15.00");
	/* 06-15 is not */
	none(out, rank(f, NULL, coat, 1, at(2027, 6, 15), out));
	/* the first and last days count, the days around them do not */
	n = rank(f, NULL, coat, 1, at(2026, 11, 1), out);
	assert_int_equal(n, 1);
	n = rank(f, NULL, coat, 1, at(2027, 2, 28), out);
	assert_int_equal(n, 1);
	n = rank(f, NULL, coat, 1, civil_days(2027, 2, 28) * CIVIL_DAY +
	    CIVIL_DAY - 1, out);
	assert_int_equal(n, 1);
	none(out, rank(f, NULL, coat, 1, at(2026, 10, 31), out));
	none(out, rank(f, NULL, coat, 1, civil_days(2026, 11, 1) *
	    CIVIL_DAY - 1, out));
	none(out, rank(f, NULL, coat, 1, at(2027, 3, 1), out));
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
	none(out, rank(f, NULL, sandals, 1, at(2027, 1, 15), out));
	none(out, rank(f, NULL, sandals, 1, at(2027, 3, 31), out));
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 4, 1), out), 1);
	assert_int_equal(rank(f, NULL, sandals, 1, at(2027, 8, 31), out), 1);
	none(out, rank(f, NULL, sandals, 1, at(2027, 9, 1), out));
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
	none(out, rank(f, NULL, sandals, 1, at(2027, 1, 15), out));
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
	/* the gloves have a p (a partner), the scarf none (never bought) */
	assert_int_equal(g, 0);
	assert_true(out[g].relevance > 0);
	assert_true(out[sc].relevance == 0);
	assert_int_equal(out[g].kind, SUG_SEASONAL);
	assert_int_equal(out[g].base_id, 40);
	assert_string_equal(out[g].why, "in season 11-01 to 02-28 · bought "
	    "with Coat in 75% of its orders (6 of 8) · lift 4.0 · +9.00");
	assert_int_equal(out[sc].kind, SUG_SEASONAL);
	/* out of season: neither, though the gloves go with the coat */
	none(out, rank(f, NULL, coat, 1, at(2027, 6, 15), out));
	none(out, rank(f, NULL, coat, 1, at(2027, 3, 1), out));
	fx_close(f);
}

/* A seasonal item is a cross-sell: the boots (70.00) fit the coat but
 * cost more than half of one (120.00); with two coats, half is 120.00. */
static void
test_seasonal_cap(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		coat[] = { 40 }, one[] = { 1 }, two[] = { 2 };
	size_t			n;

	(void)state;
	f = fx_open(season_items, NELEM(season_items), NULL, 0);
	n = rank_qty(f, NULL, coat, one, 1, at(2027, 1, 15), out);
	absent(out, n, 45);
	need(out, n, 41);
	n = rank_qty(f, NULL, coat, two, 1, at(2027, 1, 15), out);
	assert_int_equal(n, 2);
	assert_int_equal(need(out, n, 45)->kind, SUG_SEASONAL);
	assert_int_equal(need(out, n, 45)->diff_pct, 29);   /* of 240.00 */
	need(out, n, 41);
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
	none(out, rank(f, NULL, coat, 1, at(2027, 6, 15), out));
	fx_close(f);
}

/* ---- guardrails -------------------------------------------------------------------- */

static void
test_never_in_basket(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		b1[] = { 1, 3 }, b2[] = { 1, 2 };
	const int64_t		b3[] = { 3, 1, 2 };
	const int64_t		phone[] = { 10, 11 };

	(void)state;
	f = fx_open(soap_items, NELEM(soap_items), soap_lines,
	    NELEM(soap_lines));
	only(out, rank(f, NULL, b1, 2, NOW, out), 2);
	only(out, rank(f, NULL, b2, 2, NOW, out), 3);
	none(out, rank(f, NULL, b3, 3, NOW, out));
	fx_close(f);

	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	/* phone and case: their other partners are the protector (3
	 * orders) and the bread (lift 0.95) */
	none(out, rank(f, NULL, phone, 2, NOW, out));
	fx_close(f);
}

/* A buyer of the case (11) on days ago[0..n). */
static struct buyer *
case_buyer(const int *ago, size_t n)
{
	struct ord	o[8];
	size_t		i;

	assert_true(n <= NELEM(o));
	memset(o, 0, sizeof o);
	for (i = 0; i < n; i++) {
		o[i].ago = ago[i];
		o[i].items[0] = 11;
	}
	return buyer_make(6, o, n);
}

/*
 * Bought within recent_days (7 here): not suggested again — unless it is
 * due (a refill), or buying it again that soon is the buyer's habit: they
 * have re-bought it within recent_days before, or it is one of their
 * regulars (3+ orders).
 */
static void
test_just_bought(void **state)
{
	static const struct {
		int n, ago[3], offered;
	} cases[] = {
		{ 1, { 3 }, 0 }, { 1, { 6 }, 0 }, { 1, { 7 }, 0 },
		{ 1, { 8 }, 1 },
		/* re-bought 5 days after before: a habit */
		{ 2, { 3, 8 }, 1 },
		/* 7 days after: not quicker than recent_days */
		{ 2, { 3, 10 }, 0 },
		{ 2, { 8, 10 }, 1 },
		/* the quickest of its gaps counts (22 and 5 days) */
		{ 3, { 3, 8, 30 }, 1 },
		/* a regular (3 orders) although never that quickly */
		{ 3, { 1, 20, 40 }, 1 },
	};
	static const int weekly[] = { 7, 14, 21 }, eight[] = { 7, 15, 23 };
	struct buyer		*b;
	struct buyer_order	 o;
	const int64_t		 cas[] = { 11 };
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		phone[] = { 10 };
	size_t			i, n;

	(void)state;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	f->cfg.recent_days = 7;
	fx_scorer(f);
	for (i = 0; i < NELEM(cases); i++) {
		b = case_buyer(cases[i].ago, (size_t)cases[i].n);
		n = rank(f, b, phone, 1, NOW, out);
		if (cases[i].offered) {
			s = only(out, n, 11);
			assert_int_equal(s->kind, SUG_BUNDLE);
		} else
			none(out, n);
		buyer_drop(b);
	}
	/* the why says how often */
	b = case_buyer(cases[4].ago, 2);
	s = only(out, rank(f, b, phone, 1, NOW, out), 11);
	assert_string_equal(s->why, "bought with Phone in 50% of its orders "
	    "(7 of 14) · lift 2.5 · +15.00 · in 2 of this customer's 2 "
	    "visits");
	buyer_drop(b);

	/* weekly, the last a week ago: due, a refill of the case ... */
	b = case_buyer(weekly, 3);
	s = only(out, rank(f, b, phone, 1, NOW, out), 11);
	assert_int_equal(s->kind, SUG_REFILL);
	/* ... and with the history off (no refill) one of their regulars:
	 * a bundle; bought twice, 8 days apart, a week ago: not again */
	f->cfg.use_history = 0;
	fx_scorer(f);
	s = only(out, rank(f, b, phone, 1, NOW, out), 11);
	assert_int_equal(s->kind, SUG_BUNDLE);
	buyer_drop(b);
	b = case_buyer(eight, 2);
	none(out, rank(f, b, phone, 1, NOW, out));
	buyer_drop(b);
	f->cfg.use_history = 1;

	/* recent_days 10: 8 days ago is recent again */
	f->cfg.recent_days = 10;
	fx_scorer(f);
	b = case_buyer(cases[3].ago, 1);
	none(out, rank(f, b, phone, 1, NOW, out));
	buyer_drop(b);
	/* recent_days 0: only what is bought later than now */
	f->cfg.recent_days = 0;
	fx_scorer(f);
	o.at = NOW - 60;
	o.items = cas;
	o.n = 1;
	b = buyer_raw(6, &o, 1);
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	fx_close(f);
}

/* Declined within cooldown_days: not offered; accepted: no bar. */
static void
test_cooldown(void **state)
{
	struct past_offer	offers[2];
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		phone[] = { 10 };

	(void)state;
	b = buyer_make(8, NULL, 0);
	b->offers = offers;
	b->noffers = 1;
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	memset(offers, 0, sizeof offers);
	offers[0].item_id = 11;
	offers[0].kind = SUG_BUNDLE;
	offers[0].outcome = OFFER_DECLINED;
	offers[0].at = NOW - DAYS(29);
	none(out, rank(f, b, phone, 1, NOW, out));
	offers[0].at = NOW - DAYS(30);
	none(out, rank(f, b, phone, 1, NOW, out));
	offers[0].at = NOW - DAYS(1);
	none(out, rank(f, b, phone, 1, NOW, out));
	offers[0].at = NOW - DAYS(31);
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	/* a decline dated after now does not count */
	offers[0].at = NOW + DAYS(1);
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	/* accepted, or only shown, yesterday: no bar */
	offers[0].at = NOW - DAYS(1);
	offers[0].outcome = OFFER_ACCEPTED;
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	offers[0].outcome = OFFER_SHOWN;
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	/* another item declined: no bar on this one */
	offers[0].item_id = 12;
	offers[0].outcome = OFFER_DECLINED;
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	/* the decline is found among several offers */
	offers[1] = offers[0];
	offers[1].item_id = 11;
	offers[1].at = NOW - DAYS(10);
	b->noffers = 2;
	none(out, rank(f, b, phone, 1, NOW, out));
	/* cooldown 5 days: 10 days ago is over */
	f->cfg.cooldown_days = 5;
	fx_scorer(f);
	only(out, rank(f, b, phone, 1, NOW, out), 11);
	fx_close(f);
}

/* Declines bar every kind: upgrade, refill, seasonal. */
static void
test_cooldown_kinds(void **state)
{
	struct past_offer	offer = { .outcome = OFFER_DECLINED,
	    .at = NOW - DAYS(29) };
	struct buyer		*b, *r;
	struct suggestion	out[MAXOUT];
	struct fx		*f;
	const int64_t		toothpaste[] = { 32 }, coat[] = { 40 };

	(void)state;
	b = buyer_make(8, NULL, 0);
	b->offers = &offer;
	b->noffers = 1;
	/* upgrade */
	offer.item_id = 2;
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, b, out), 0);
	offer.item_id = 3;
	assert_int_equal(ladder(1000, 2, 2, 1100, 2, 0, 0, 0, b, out), 1);
	/* refill */
	f = fx_open(care_items, NELEM(care_items), NULL, 0);
	r = buyer_rhythm(30, 5, 25, 28, 5);
	r->offers = &offer;
	r->noffers = 1;
	offer.item_id = 30;
	none(out, rank(f, r, toothpaste, 1, NOW, out));
	offer.at = NOW - DAYS(31);
	only(out, rank(f, r, toothpaste, 1, NOW, out), 30);
	fx_close(f);
	/* seasonal */
	f = fx_open(season_items, NELEM(season_items), NULL, 0);
	offer.item_id = 41;
	offer.at = NOW - DAYS(29);
	none(out, rank(f, b, coat, 1, NOW, out));
	fx_close(f);
}

/* A visit's declines leave the list as it is (the caller drops them):
 * with no purchase that dwarfs the rest, they change nothing. */
static void
test_visit_declined(void **state)
{
	struct fx		*f;
	struct suggestion	out[MAXOUT], plain[MAXOUT];
	const int64_t		hub[] = { 1 }, no7[] = { 7 };
	struct scorer_visit	v = { 0 };
	size_t			n, i;

	(void)state;
	f = fx_open(hub_items, NELEM(hub_items), hub_lines,
	    NELEM(hub_lines));
	fx_scorer(f);
	v.declined = no7;
	v.ndeclined = 1;
	n = scorer_rank_qty(f->sc, NULL, hub, NULL, 1, NOW, plain, 3);
	assert_int_equal(n, 3);
	assert_int_equal(scorer_rank_visit(f->sc, NULL, hub, NULL, 1, NOW, &v,
	    out, 3), n);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i].item_id, plain[i].item_id);
	assert_int_equal(out[0].item_id, 7);
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
	/* default 3: the three likeliest, best first */
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_int_equal(out[i].item_id, 7 - (int64_t)i);
		assert_int_equal(out[i].kind, SUG_BUNDLE);
		check_p(f, hub, 1, &out[i]);
		if (i > 0)
			assert_true(out[i].score < out[i - 1].score);
	}
	/* the caller's max is a limit too */
	assert_int_equal(scorer_rank(f->sc, NULL, hub, 1, NOW, out, 2), 2);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 6);
	assert_int_equal(scorer_rank(f->sc, NULL, hub, 1, NOW, out, 1), 1);
	assert_int_equal(out[0].item_id, 7);
	/* configured 5 and 10: the 4 significant partners */
	f->cfg.max_suggestions = 5;
	fx_scorer(f);
	assert_int_equal(rank(f, NULL, hub, 1, NOW, out), 4);
	assert_int_equal(out[3].item_id, 4);
	f->cfg.max_suggestions = 10;
	fx_scorer(f);
	assert_int_equal(rank(f, NULL, hub, 1, NOW, out), 4);
	/* 3 orders allowed: Three too (its bound 1.12 times its share);
	 * Two never (0.97) */
	f->cfg.min_pair_orders = 3;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i].item_id, 7 - (int64_t)i);
	f->cfg.min_pair_orders = 1;
	fx_scorer(f);
	absent(out, rank(f, NULL, hub, 1, NOW, out), 2);
	fx_close(f);
}

/* items[0..NELEM(hub_items)]: the hub's, the Hub of a family with its
 * step up (8, named `plus`, 11.00) before the Other; lines (NULL: none)
 * [0..NELEM(hub_lines)]: the hub's orders and one of the step up. */
static void
hub_with_plus(struct it *items, const char **lines, const char *plus)
{
	if (lines != NULL) {
		memcpy(lines, hub_lines, sizeof hub_lines);
		lines[NELEM(hub_lines)] = "8";
	}
	memcpy(items, hub_items, sizeof hub_items);
	items[0].fam = "hub";
	items[0].tier = 1;
	items[NELEM(hub_items)] = items[NELEM(hub_items) - 1];   /* 99 */
	items[NELEM(hub_items) - 1] = (struct it){ .id = 8, .name = plus,
	    .fam = "hub", .tier = 2, .price = 1100 };
}

/*
 * A first pass takes at most two of a kind, a second fills: the hub's
 * partners all outscore the step up to the Hub plus (its p is that of an
 * item bought once, above its evidence: chosen in 1 of the two's 34
 * orders, times the best p), yet it takes the third place; the fourth
 * and fifth are the next bundles.
 */
static void
test_two_of_a_kind(void **state)
{
	struct it		items[NELEM(hub_items) + 1];
	const char		*lines[NELEM(hub_lines) + 1];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		hub[] = { 1 };
	size_t			n;

	(void)state;
	hub_with_plus(items, lines, "Hub plus");
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 6);
	s = &out[2];
	assert_int_equal(s->item_id, 8);
	assert_int_equal(s->kind, SUG_UPGRADE);
	assert_string_equal(s->why, "Hub → Hub plus: +1.00 (+10%) · chosen "
	    "in 1 of 34 orders of the two");
	check_p(f, hub, 1, s);
	assert_true(s->relevance > out[0].relevance / 34);
	assert_true(s->score == s->relevance);
	f->cfg.max_suggestions = 5;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 5);
	assert_int_equal(out[2].item_id, 8);
	assert_int_equal(out[3].item_id, 5);
	assert_int_equal(out[4].item_id, 4);
	assert_true(out[3].score > out[2].score);
	fx_close(f);
}

/*
 * The same for a third of one product line (review finding 18: three
 * designs of one jumbo bag as the three suggestions): with Seven and Six
 * named "Jumbo Bag Owls" and "JUMBO BAG Apples" and the step up "Jumbo
 * Bag Plus", the step up would be the line's third: the first pass leaves
 * it, the second takes Five, of another line, which scores more (and
 * the step up comes later).  Named as in test_two_of_a_kind, the step up
 * is third.
 */
static void
test_two_of_a_line(void **state)
{
	struct it		items[NELEM(hub_items) + 1];
	const char		*lines[NELEM(hub_lines) + 1];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		hub[] = { 1 };
	size_t			n;

	(void)state;
	hub_with_plus(items, lines, "Jumbo Bag Plus");
	items[5].name = "JUMBO BAG Apples";                      /* 6 */
	items[6].name = "Jumbo Bag Owls";                        /* 7 */
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 3);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 6);
	assert_int_equal(out[2].item_id, 5);
	assert_int_equal(out[2].kind, SUG_BUNDLE);
	/* left, not dropped: with room for all, the second pass has it */
	f->cfg.max_suggestions = 10;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(need(out, n, 8)->kind, SUG_UPGRADE);
	fx_close(f);
}

/*
 * ... but only while the other kind scores at least RANK_CROWD_SHARE
 * (a half) of the third of a kind: Five, Six and Seven always follow the
 * hub, in that order, and the step up to the Hub plus (bought once)
 * scores under half of Seven's: it does not push Seven out of the first
 * three; it comes fourth.
 */
static void
test_two_of_a_kind_crowded(void **state)
{
	struct it		items[NELEM(hub_items) + 1];
	const char		*lines[241];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		hub[] = { 1 };
	size_t			n, i;

	(void)state;
	hub_with_plus(items, NULL, "Hub plus");
	for (i = 0; i < 200; i++)
		lines[i] = "1 5 6 7";
	for (; i < 240; i++)
		lines[i] = "99";
	lines[i] = "8";
	f = fx_open(items, NELEM(items), lines, NELEM(lines));
	f->cfg.max_suggestions = 4;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 4);
	assert_int_equal(out[0].item_id, 5);
	assert_int_equal(out[1].item_id, 6);
	assert_int_equal(out[2].item_id, 7);
	assert_int_equal(out[2].kind, SUG_BUNDLE);
	assert_int_equal(out[3].item_id, 8);
	assert_int_equal(out[3].kind, SUG_UPGRADE);
	assert_true(out[3].score < 0.5 * out[2].score);
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
	/* Seven and Six in one family, Five and Four in another */
	memcpy(items, hub_items, sizeof items);
	items[6].fam = "x";
	items[5].fam = "x";
	items[4].fam = "y";
	items[3].fam = "y";
	f = fx_open(items, NELEM(items), hub_lines, NELEM(hub_lines));
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 7);
	assert_int_equal(out[1].item_id, 5);
	f->cfg.max_suggestions = 10;
	f->cfg.min_pair_orders = 3;
	fx_scorer(f);
	n = rank(f, NULL, hub, 1, NOW, out);
	assert_int_equal(n, 3);
	absent(out, n, 6);
	absent(out, n, 4);
	assert_int_equal(out[2].item_id, 3);
	fx_close(f);
}

/* A family already in the basket: only a step up of it, no sibling. */
static void
test_family_in_basket(void **state)
{
	struct it		pi[NELEM(phone_items)];
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		cas[] = { 11 }, two[] = { 2 };

	(void)state;
	/* Case and Protector one family: the case's partners are the phone
	 * (too dear) and the protector (3 of 8) */
	memcpy(pi, phone_items, sizeof pi);
	pi[1].fam = "guard";
	pi[1].tier = 1;
	pi[2].fam = "guard";
	pi[2].tier = 1;
	f = fx_open(pi, NELEM(pi), phone_lines, NELEM(phone_lines));
	f->cfg.min_pair_orders = 3;
	none(out, rank_qty(f, NULL, cas, two, 1, NOW, out));
	fx_close(f);
	/* the same without the family: the protector (two cases cost
	 * 30.00, the protector 9.99) */
	f = fx_open(phone_items, NELEM(phone_items), phone_lines,
	    NELEM(phone_lines));
	f->cfg.min_pair_orders = 3;
	s = only(out, rank_qty(f, NULL, cas, two, 1, NOW, out), 12);
	assert_string_equal(s->why, "bought with Case in 38% of its orders "
	    "(3 of 8) · lift 5.0 · +9.99");
	/* one case (15.00): the protector is more than half */
	none(out, rank(f, NULL, cas, 1, NOW, out));
	fx_close(f);
}

/* ---- the shop's answers ---------------------------------------------------------- */

/*
 * N = 32.  The mug (2) and the cup (3) each in 6 of the kettle's 12
 * orders, right after it: the same p, and the same evidence.
 */
static const char *const twin_lines[] = {
	"1 2", "1 2", "1 2", "1 2", "1 2", "1 2",
	"1 3", "1 3", "1 3", "1 3", "1 3", "1 3",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
};

/* The same, the cup rung up before the kettle: a lower p. */
static const char *const before_lines[] = {
	"1 2", "1 2", "1 2", "1 2", "1 2", "1 2",
	"3 1", "3 1", "3 1", "3 1", "3 1", "3 1",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
	"9", "9", "9", "9", "9", "9", "9", "9", "9", "9",
};

static const struct it twin_items[] = {
	{ .id = 1, .name = "Kettle", .price = 2000 },
	{ .id = 2, .name = "Mug", .price = 300 },
	{ .id = 3, .name = "Cup", .price = 300 },
	{ .id = 9, .name = "Tea", .price = 100 },
};

/*
 * The take rate of item id as kind from takes[0..n), over the kind's
 * average (scorer.h: a Beta prior of TAKE_PRIOR offers at the kind's
 * average, itself shrunk toward TAKE_DEFAULT); the estimate in *rate and
 * the average in *avg.
 */
static double
take_mult(const struct fx *f, const struct take_rate *t, size_t n,
    int64_t id, int kind, double *rate, double *avg)
{
	double	off = 0, acc = 0, io = 0, ia = 0, a, r;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (catalog_item(&f->c, t[i].item_id) == NULL ||
		    t[i].kind != kind || t[i].accepted > t[i].offered)
			continue;
		off += t[i].offered;
		acc += t[i].accepted;
		if (t[i].item_id == id) {
			io += t[i].offered;
			ia += t[i].accepted;
		}
	}
	a = (acc + TAKE_PRIOR * TAKE_DEFAULT) / (off + TAKE_PRIOR);
	r = (ia + TAKE_PRIOR * a) / (io + TAKE_PRIOR);
	if (rate != NULL)
		*rate = r;
	if (avg != NULL)
		*avg = a;
	return r / a;
}

/* An item taken often ranks above an equally relevant one taken rarely;
 * the answers count per kind; malformed answers are ignored. */
static void
test_take_often(void **state)
{
	const struct take_rate	often[] = {
		{ 2, SUG_BUNDLE, 20, 0 }, { 3, SUG_BUNDLE, 20, 20 },
	};
	const struct take_rate	other_kind[] = {
		{ 2, SUG_UPGRADE, 20, 0 }, { 3, SUG_UPGRADE, 20, 20 },
	};
	const struct take_rate	junk[] = {
		{ 12345, SUG_BUNDLE, 50, 50 }, { 3, -1, 50, 50 },
		{ 3, SUG_NKINDS, 50, 50 }, { 3, SUG_BUNDLE, 5, 6 },
		{ 0, SUG_BUNDLE, 50, 50 },
	};
	struct fx		*f;
	struct suggestion	plain[MAXOUT], out[MAXOUT];
	const int64_t		kettle[] = { 1 };
	size_t			n;

	(void)state;
	f = fx_open(twin_items, NELEM(twin_items), twin_lines,
	    NELEM(twin_lines));
	/* no answers: a tie of p, broken by item id */
	n = rank(f, NULL, kettle, 1, NOW, plain);
	assert_int_equal(n, 2);
	assert_int_equal(plain[0].item_id, 2);
	assert_int_equal(plain[1].item_id, 3);
	assert_true(plain[0].relevance == plain[1].relevance);
	assert_true(plain[0].score == plain[1].score);
	check_p(f, kettle, 1, &plain[0]);

	/* the cup taken 20 times of 20, the mug never: the cup first */
	scorer_set_takes(f->sc, often, NELEM(often));
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 3);
	assert_int_equal(out[1].item_id, 2);
	near_eq(out[0].score, out[0].relevance * take_mult(f, often,
	    NELEM(often), 3, SUG_BUNDLE, NULL, NULL));
	near_eq(out[1].score, out[1].relevance * take_mult(f, often,
	    NELEM(often), 2, SUG_BUNDLE, NULL, NULL));
	/* by hand: the average (20 + 2)/(40 + 10) = 0.44; the cup
	 * (20 + 4.4)/30, the mug 4.4/30 */
	near_eq(out[0].score / out[0].relevance, (24.4 / 30) / 0.44);
	near_eq(out[1].score / out[1].relevance, (4.4 / 30) / 0.44);
	assert_int_equal(out[0].offered, 20);
	assert_int_equal(out[0].taken, 20);
	assert_int_equal(out[1].offered, 20);
	assert_int_equal(out[1].taken, 0);
	assert_non_null(strstr(out[0].why, " · taken by 20 of 20 offered"));
	assert_non_null(strstr(out[1].why, " · taken by 0 of 20 offered"));
	near_eq(out[0].relevance, plain[0].relevance);

	/* answers to upgrades of them say nothing of them as bundles */
	scorer_set_takes(f->sc, other_kind, NELEM(other_kind));
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 2);
	near_eq(out[0].score, plain[0].score);
	near_eq(out[1].score, plain[1].score);
	assert_int_equal(out[0].offered, 0);
	assert_null(strstr(out[0].why, "taken by"));

	/* unknown items, kinds out of range, more taken than offered:
	 * ignored — as if there were no answers */
	scorer_set_takes(f->sc, junk, NELEM(junk));
	assert_int_equal(rank(f, NULL, kettle, 1, NOW, out), 2);
	assert_memory_equal(out, plain, 2 * sizeof *out);
	/* a later call replaces the answers */
	scorer_set_takes(f->sc, often, NELEM(often));
	scorer_set_takes(f->sc, NULL, 0);
	assert_int_equal(rank(f, NULL, kettle, 1, NOW, out), 2);
	assert_memory_equal(out, plain, 2 * sizeof *out);
	fx_close(f);
}

/*
 * The shrink: a take rate from few offers barely moves an item.  The mug
 * comes after the kettle, the cup before it: p(mug)/p(cup) = exp(6/22).
 * Against a shop average near a half (the tea: 50 of 100), the cup taken
 * 1 of 1 weighs 1.10 — not enough to pass the mug, though 1 of 1 is twice
 * the average; 20 of 20 weighs 1.54: enough.
 */
static void
test_take_shrink(void **state)
{
	const struct take_rate	one[] = {
		{ 9, SUG_BUNDLE, 100, 50 }, { 3, SUG_BUNDLE, 1, 1 },
	};
	const struct take_rate	twenty[] = {
		{ 9, SUG_BUNDLE, 100, 50 }, { 3, SUG_BUNDLE, 20, 20 },
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const int64_t		kettle[] = { 1 };
	double			ratio, m1, m20, avg;
	size_t			n;

	(void)state;
	f = fx_open(twin_items, NELEM(twin_items), before_lines,
	    NELEM(before_lines));
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 2);
	check_p(f, kettle, 1, &out[0]);
	check_p(f, kettle, 1, &out[1]);
	ratio = out[0].relevance / out[1].relevance;
	near_eq(ratio, exp(6.0 / 22));

	m1 = take_mult(f, one, NELEM(one), 3, SUG_BUNDLE, NULL, &avg);
	assert_true(m1 < ratio);              /* shrunk: not enough */
	assert_true(1.0 / avg > ratio);       /* the raw 1 of 1 would be */
	near_eq(m1, ((1 + 10 * (53.0 / 111)) / 11) / (53.0 / 111));
	scorer_set_takes(f->sc, one, NELEM(one));
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(out[0].item_id, 2);
	assert_int_equal(out[1].item_id, 3);
	near_eq(out[1].score, out[1].relevance * m1);
	/* the mug, never offered, at the average */
	near_eq(out[0].score, out[0].relevance);
	assert_null(strstr(out[1].why, "taken by"));

	m20 = take_mult(f, twenty, NELEM(twenty), 3, SUG_BUNDLE, NULL, NULL);
	assert_true(m20 > ratio);
	scorer_set_takes(f->sc, twenty, NELEM(twenty));
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 3);
	near_eq(out[0].score, out[0].relevance * m20);
	fx_close(f);
}

/* "taken by N of M offered" once the item has 10+ offers of that kind
 * (the answers of one item and kind add up). */
static void
test_take_why(void **state)
{
	const struct take_rate	nine[] = { { 3, SUG_BUNDLE, 9, 3 } };
	const struct take_rate	ten[] = {
		{ 3, SUG_BUNDLE, 5, 1 }, { 3, SUG_BUNDLE, 5, 2 },
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		kettle[] = { 1 };
	const char		*tail = " · taken by 3 of 10 offered";
	size_t			 n;

	(void)state;
	f = fx_open(twin_items, NELEM(twin_items), twin_lines,
	    NELEM(twin_lines));
	fx_scorer(f);
	scorer_set_takes(f->sc, nine, NELEM(nine));
	s = need(out, rank(f, NULL, kettle, 1, NOW, out), 3);
	assert_int_equal(s->offered, 9);
	assert_int_equal(s->taken, 3);
	assert_string_equal(s->why, "bought with Kettle in 50% of its orders "
	    "(6 of 12) · lift 2.7 · +3.00");
	scorer_set_takes(f->sc, ten, NELEM(ten));
	n = rank(f, NULL, kettle, 1, NOW, out);
	s = need(out, n, 3);
	assert_int_equal(s->offered, 10);
	assert_int_equal(s->taken, 3);
	assert_string_equal(s->why, "bought with Kettle in 50% of its orders "
	    "(6 of 12) · lift 2.7 · +3.00 · taken by 3 of 10 offered");
	assert_string_equal(s->why + strlen(s->why) - strlen(tail), tail);
	/* the mug has none */
	assert_null(strstr(need(out, n, 2)->why, "taken by"));
	fx_close(f);
}

/* objective = revenue: by the estimated take times the price difference
 * (times p, equal here). */
static void
test_objective_revenue(void **state)
{
	struct it		items[NELEM(twin_items)];
	const struct take_rate	takes[] = {
		{ 2, SUG_BUNDLE, 10, 10 }, { 3, SUG_BUNDLE, 10, 0 },
	};
	struct fx		*f;
	struct suggestion	out[MAXOUT];
	const struct suggestion	*s;
	const int64_t		kettle[] = { 1 }, soap[] = { 1 };
	double			ty, tz;
	size_t			n;

	(void)state;
	memcpy(items, twin_items, sizeof items);
	items[2].price = 600;           /* the cup */
	f = fx_open(items, NELEM(items), twin_lines, NELEM(twin_lines));
	/* relevance: a tie, the mug (lower id) first */
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 2);
	f->cfg.objective = SCORER_REVENUE;
	fx_scorer(f);
	/* revenue: the dearer cup, at the default take rate 0.2 */
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 3);
	near_eq(out[0].score, out[0].relevance * TAKE_DEFAULT * 600);
	near_eq(out[1].score, out[1].relevance * TAKE_DEFAULT * 300);
	/* the mug always taken, the cup never: 0.7 × 3.00 beats 0.2 ×
	 * 6.00 */
	scorer_set_takes(f->sc, takes, NELEM(takes));
	take_mult(f, takes, NELEM(takes), 2, SUG_BUNDLE, &ty, NULL);
	take_mult(f, takes, NELEM(takes), 3, SUG_BUNDLE, &tz, NULL);
	near_eq(ty, 0.7);
	near_eq(tz, 0.2);
	n = rank(f, NULL, kettle, 1, NOW, out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].item_id, 2);
	near_eq(out[0].score, out[0].relevance * ty * 300);
	near_eq(out[1].score, out[1].relevance * tz * 600);
	fx_close(f);

	/* an upgrade: its price difference (no model: its evidence 0.5) */
	f = fx_open(soap_items, NELEM(soap_items), NULL, 0);
	f->cfg.objective = SCORER_REVENUE;
	s = only(out, rank(f, NULL, soap, 1, NOW, out), 2);
	near_eq(s->score, 0.5 * TAKE_DEFAULT * 200);
	fx_close(f);
}

/* Same inputs, same output, byte for byte: across calls, across other
 * calls in between and across scorers. */
static void
test_determinism(void **state)
{
	struct ord		o[16];
	size_t			no = 0;
	struct past_offer	offers[] = {
		{ 6, SUG_BUNDLE, OFFER_DECLINED, NOW - DAYS(3) },
	};
	const struct take_rate	takes[] = {
		{ 5, SUG_BUNDLE, 30, 12 }, { 99, SUG_REFILL, 12, 1 },
	};
	struct buyer		*b;
	struct fx		*f;
	struct suggestion	a[MAXOUT], c[MAXOUT], d[MAXOUT];
	const int64_t		basket[] = { 1, 42, 2 }, other[] = { 5, 3 };
	size_t			na, nc, nd;
	struct scorer		*sc2;
	int			pass;

	(void)state;
	/* Three in 3 orders at irregular gaps; Other every 25 days, the
	 * last 30 days ago (due) */
	rhythm(o, &no, 3, 2, 10, 290);
	rhythm(o, &no, 3, 1, 1, 100);
	rhythm(o, &no, 99, 5, 25, 30);
	b = buyer_make(3, o, no);
	b->offers = offers;
	b->noffers = 1;
	f = fx_open(hub_items, NELEM(hub_items), hub_lines,
	    NELEM(hub_lines));
	f->cfg.max_suggestions = 10;
	for (pass = 0; pass < 2; pass++) {
		fx_scorer(f);
		if (pass)
			scorer_set_takes(f->sc, takes, NELEM(takes));
		na = rank(f, b, basket, 3, NOW, a);
		assert_true(na >= 3);
		absent(a, na, 6);
		assert_int_equal(need(a, na, 99)->kind, SUG_REFILL);
		assert_int_equal(need(a, na, 3)->kind, SUG_BUNDLE);
		/* in between: a walk-in, another basket, another day */
		rank(f, NULL, other, 2, at(2027, 7, 1), c);
		nc = rank(f, b, basket, 3, NOW, c);
		assert_int_equal(nc, na);
		assert_memory_equal(a, c, na * sizeof *a);
		sc2 = scorer_new(&f->c, &f->m, &f->cfg);
		if (pass)
			scorer_set_takes(sc2, takes, NELEM(takes));
		memset(d, 0, sizeof d);
		nd = scorer_rank(sc2, b, basket, 3, NOW, d, MAXOUT);
		assert_int_equal(nd, na);
		assert_memory_equal(a, d, na * sizeof *a);
		scorer_free(&sc2);
	}
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

/* Brute force's order of the top list: most orders, then latest, then
 * the smaller id. */
static const struct bought *top_ref_bought;

static int
top_ref_cmp(const void *x, const void *y)
{
	const struct bought *a = &top_ref_bought[*(const uint32_t *)x];
	const struct bought *b = &top_ref_bought[*(const uint32_t *)y];

	if (a->orders != b->orders)
		return a->orders > b->orders ? -1 : 1;
	if (a->last_at != b->last_at)
		return a->last_at > b->last_at ? -1 : 1;
	return a->item_id < b->item_id ? -1 : a->item_id > b->item_id;
}

/* A buyer of 600 items with ids over a range wider than 32 bits: the
 * items come sorted by id (the radix sort), their successions by (from,
 * to), and the top list is the best BUYER_TOP of a full sort.  The
 * lookups agree with a plain scan: buyer_find() finds each id at its
 * place and no id between, below or above them; buyer_after() gives
 * each item's run of successions and nothing for an id not bought;
 * ids are the records' ids. */
/* buyer_find() and buyer_after() of h against a scan of its arrays. */
static void
buyer_lookups_check(const struct buyer_hist *h)
{
	struct buyer b = buyer_of(h, 1);
	const struct succession *sv;
	size_t i, j, n, first, runs = 0;
	int64_t id;

	assert_int_equal(buyer_find(&b, INT64_MIN), SIZE_MAX);
	assert_int_equal(buyer_find(&b, INT64_MAX), SIZE_MAX);
	for (i = 0; i < h->nbought; i++) {
		id = h->bought[i].item_id;
		assert_int_equal(h->ids[i], id);
		assert_int_equal(buyer_find(&b, id), i);
		assert_ptr_equal(buyer_bought(&b, id), &h->bought[i]);
		assert_int_equal(buyer_find(&b, id - 1),
		    i > 0 && h->bought[i - 1].item_id == id - 1 ? i - 1 :
		    SIZE_MAX);
		assert_int_equal(buyer_find(&b, id + 1),
		    i + 1 < h->nbought && h->bought[i + 1].item_id == id + 1 ?
		    i + 1 : SIZE_MAX);
		for (j = 0, n = 0, first = SIZE_MAX; j < h->nsucc; j++)
			if (h->succ[j].from == id) {
				first = first == SIZE_MAX ? j : first;
				n++;
			}
		sv = buyer_after(&b, id, &j);
		assert_int_equal(j, n);
		if (n == 0)
			assert_null(sv);
		else
			assert_ptr_equal(sv, &h->succ[first]);
		runs += n;
	}
	assert_int_equal(runs, h->nsucc);
	sv = buyer_after(&b, h->bought[0].item_id - 1, &n);
	assert_null(sv);
	assert_int_equal(n, 0);
}

static void
test_buyer_many_items_sorted(void **state)
{
	enum { NI = 600, NO = 5 };
	static int64_t items[NO][NI];
	struct buyer_order o[NO];
	struct buyer_hist h;
	uint32_t all[NI];
	size_t i, k, n;

	(void)state;
	for (k = 0; k < NO; k++) {
		n = 0;
		for (i = 0; i < NI; i++)
			if (i % NO >= k)        /* item i in i % NO + 1 orders */
				items[k][n++] = (int64_t)((i * 7919) % NI) *
				    ((int64_t)1 << 33) + (int64_t)i;
		o[k].at = NOW - (int64_t)(NO - k) * 86400;
		o[k].items = items[k];
		o[k].n = n;
	}
	buyer_hist_build(&h, o, NO);
	assert_int_equal(h.nbought, NI);
	for (i = 1; i < h.nbought; i++)
		assert_true(h.bought[i - 1].item_id < h.bought[i].item_id);
	for (i = 1; i < h.nsucc; i++)
		assert_true(h.succ[i - 1].from < h.succ[i].from ||
		    (h.succ[i - 1].from == h.succ[i].from &&
		    h.succ[i - 1].to < h.succ[i].to));
	for (i = 0; i < NI; i++)
		all[i] = (uint32_t)i;
	top_ref_bought = h.bought;
	qsort(all, NI, sizeof all[0], top_ref_cmp);
	assert_int_equal(h.ntop, BUYER_TOP);
	for (i = 0; i < h.ntop; i++)
		assert_int_equal(h.top[i], all[i]);
	buyer_lookups_check(&h);
	buyer_hist_free(&h);
}

/* h and the whole build agree but for the successions, which are the
 * whole one's from the items of from[0..nf) (sorted) and no others.
 * Returns how many successions it kept. */
static size_t
hist_from_check(const struct buyer_hist *all, const struct buyer_order *o,
    size_t no, const int64_t *from, size_t nf, int64_t ids)
{
	struct buyer_hist some;
	struct buyer ball, bsome;
	const struct succession *sa, *ss;
	size_t na, ns, kept = 0, k, j;
	int64_t i;
	int in;

	buyer_hist_build_from(&some, o, no, from, nf);
	assert_int_equal(some.nbought, all->nbought);
	assert_memory_equal(some.bought, all->bought,
	    all->nbought * sizeof *all->bought);
	assert_int_equal(some.ntop, all->ntop);
	assert_memory_equal(some.top, all->top, all->ntop * sizeof *all->top);
	assert_int_equal(some.visits, all->visits);
	ball = buyer_of(all, 1);
	bsome = buyer_of(&some, 1);
	for (i = 0; i < ids; i++) {
		sa = buyer_after(&ball, i, &na);
		ss = buyer_after(&bsome, i, &ns);
		for (j = 0, in = 0; j < nf; j++)
			in |= from[j] == i;
		if (!in) {
			assert_int_equal(ns, 0);
			continue;
		}
		assert_int_equal(ns, na);
		for (k = 0; k < na; k++) {	/* not the padding */
			assert_int_equal(ss[k].from, sa[k].from);
			assert_int_equal(ss[k].to, sa[k].to);
			assert_int_equal(ss[k].weight, sa[k].weight);
		}
		kept += ns;
	}
	assert_int_equal(some.nsucc, kept);
	buyer_hist_free(&some);
	return kept;
}

/*
 * A history built for the successions from a few items only: the same
 * purchases and top list as the whole one, and exactly the whole one's
 * successions that start at those items (buyer_after() of each gives
 * the same list), none from the others.  Orders repeat items; the lists
 * tried: some items, none, items nobody bought, and an item that only
 * ever comes last in its orders.
 */
static void
test_buyer_hist_from(void **state)
{
	enum { NI = 40, NO = 12, W = NI + 3 };
	static int64_t items[NO][W];
	static const int64_t some[] = { 3, 7, 19, 33 };
	static const int64_t nobody[] = { 50, 51 };
	static const int64_t last[] = { 99 }, none[1];
	struct buyer_order o[NO];
	struct buyer_hist all;
	size_t i, k, n;

	(void)state;
	for (k = 0; k < NO; k++) {
		n = 0;
		for (i = 0; i < NI; i++)
			if ((i * 5 + k * 3) % 7 < 3) {
				items[k][n++] = (int64_t)((i * 13 + k) % NI);
				if (i % 9 == 0) {	/* rung up twice */
					items[k][n] = items[k][n - 1];
					n++;
				}
			}
		if (k % 3 == 0)
			items[k][n++] = 99;		/* always last */
		o[k].at = NOW - (int64_t)(NO - k) * 3 * 86400;
		o[k].items = items[k];
		o[k].n = n;
	}
	buyer_hist_build(&all, o, NO);
	assert_true(all.nsucc > 0);
	buyer_lookups_check(&all);
	/* some of it kept, and not all */
	k = hist_from_check(&all, o, NO, some, 4, 100);
	assert_true(k > 0 && k < all.nsucc);
	assert_int_equal(hist_from_check(&all, o, NO, none, 0, 100), 0);
	assert_int_equal(hist_from_check(&all, o, NO, nobody, 2, 100), 0);
	assert_int_equal(hist_from_check(&all, o, NO, last, 1, 100), 0);
	buyer_hist_free(&all);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_kind_names),
		cmocka_unit_test(test_buyer_many_items_sorted),
		cmocka_unit_test(test_buyer_hist_from),
		T(test_default_config),
		T(test_free_null),
		T(test_empty_catalog),
		T(test_max_zero),
		T(test_empty_basket),
		T(test_empty_history),
		T(test_unknown_ids),
		T(test_big_basket),
		T(test_no_model),
		T(test_damaged_model),
		T(test_relevance_softmax),
		T(test_basket_order),
		T(test_upgrade_cap),
		T(test_upgrade_tier),
		T(test_upgrade_diff),
		T(test_upgrade_stock),
		T(test_upgrade_brand_item),
		T(test_upgrade_brand_usual),
		T(test_upgrade_rungs),
		T(test_upgrade_with_model),
		T(test_bundle_explained),
		T(test_significance),
		T(test_bundle_min_orders),
		T(test_bundle_lift_one),
		T(test_bundle_two_items),
		T(test_bundle_personal),
		T(test_bundle_regular),
		T(test_why_visits_days),
		T(test_family_evidence),
		T(test_cross_sell_cap),
		T(test_cross_category_strong),
		T(test_over_cap_strong),
		T(test_services),
		T(test_curated),
		T(test_refill_due),
		T(test_refill_not_due),
		T(test_refill_other_size),
		T(test_refill_catalog_days),
		T(test_refill_rhythm),
		T(test_refill_learned),
		T(test_refill_lapsed),
		T(test_refill_due_recent),
		T(test_refill_next_size),
		T(test_seasonal_wrap),
		T(test_seasonal_plain),
		T(test_seasonal_needs_fit),
		T(test_seasonal_bundle),
		T(test_seasonal_cap),
		T(test_seasonal_upgrade),
		T(test_never_in_basket),
		T(test_just_bought),
		T(test_cooldown),
		T(test_cooldown_kinds),
		T(test_max_suggestions),
		T(test_visit_declined),
		T(test_two_of_a_kind),
		T(test_two_of_a_kind_crowded),
		T(test_two_of_a_line),
		T(test_one_per_family),
		T(test_family_in_basket),
		T(test_take_often),
		T(test_take_shrink),
		T(test_take_why),
		T(test_objective_revenue),
		T(test_determinism),
		T(test_long_names),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
