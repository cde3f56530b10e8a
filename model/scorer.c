#include "model/scorer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/money.h"
#include "model/xalloc.h"

#define BASKET_RECENT 16   /* basket items whose complements are looked up */
#define BASKET_PAIRS  8    /* basket items whose pairs feed {a,b} ⇒ c       */
#define PARTNERS_USED 32   /* strongest partners of each basket item used   */

static const char *kind_names[SUG_NKINDS] = {
	"upgrade", "bundle", "refill", "seasonal" };
static const char *kind_badges[SUG_NKINDS] = {
	"UPGRADE", "BUNDLE", "REFILL", "SEASONAL" };

const char *
scorer_kind_name(int kind)
{
	return kind >= 0 && kind < SUG_NKINDS ? kind_names[kind] : "unknown";
}

const char *
scorer_kind_badge(int kind)
{
	return kind >= 0 && kind < SUG_NKINDS ? kind_badges[kind] : "?";
}

struct scorer_config
scorer_default_config(void)
{
	struct scorer_config c = {
		.max_suggestions = 3, .upgrade_cap_percent = 25,
		.cooldown_days = 30, .recent_days = 7, .refill_ahead_days = 7,
		.min_pair_orders = 3, .scale = 2, .use_model = 1,
		.use_history = 1,
	};
	return c;
}

/* What the scorer learns about one candidate (catalogue index). */
struct cand {
	double   bundle;      /* noisy-or of basket item ⇒ c confidences  */
	double   best_conf;   /* the strongest single piece of evidence    */
	uint32_t src_a;       /* catalogue index of its basket item(s)     */
	uint32_t src_b;       /* UINT32_MAX unless a {a,b} rule            */
	uint32_t together;    /* orders with the source(s) and c           */
	uint32_t base;        /* orders with the source(s)                 */
	double   upgrade;     /* > 0: an upgrade of up_from                */
	uint32_t up_from;
	double   refill;      /* > 0: a refill                             */
	double   personal;    /* share of the buyer's visits holding it    */
	double   curated;     /* > 0: completes curated bundle curated_ix  */
	size_t   curated_ix;
	int64_t  curated_diff;    /* its price within the bundle           */
	uint32_t refill_of;   /* the bought item (itself, or a smaller size) */
	int      seasonal;
	int      kind;
	double   score;
};

struct scorer {
	const struct catalog *c;
	const struct model   *m;
	struct scorer_config  cfg;
	uint32_t             *m2c;       /* model index -> catalogue index */
	uint32_t             *c2m;       /* catalogue index -> model index */
	struct cand          *cand;      /* by catalogue index              */
	uint32_t             *touched;   /* candidates in use               */
	size_t                ntouched;
	uint8_t              *in_basket;
	uint8_t              *used;      /* cand[i] is in touched[]        */
	uint8_t              *fam_in;    /* by fam_start: a family in the
	                                  * basket                          */
	uint8_t              *recent;    /* bought within recent_days      */
	uint32_t             *nrecent_v; /* those set, for the reset       */
	size_t                nrecent;
	uint32_t             *seasonal;  /* items with a season             */
	size_t                nseasonal;
	uint32_t             *order;     /* scratch for ranking             */
};

struct scorer *
scorer_new(const struct catalog *c, const struct model *m,
    const struct scorer_config *cfg)
{
	struct scorer *sc = xcalloc(1, sizeof *sc);
	size_t i, n = c->n ? c->n : 1;

	sc->c = c;
	sc->m = m;
	sc->cfg = *cfg;
	sc->cand = xcalloc(n, sizeof *sc->cand);
	sc->touched = xmalloc(n * sizeof *sc->touched);
	sc->order = xmalloc(n * sizeof *sc->order);
	sc->in_basket = xcalloc(n, 1);
	sc->used = xcalloc(n, 1);
	sc->fam_in = xcalloc(n, 1);
	sc->recent = xcalloc(n, 1);
	sc->nrecent_v = xmalloc(n * sizeof *sc->nrecent_v);
	sc->c2m = xmalloc(n * sizeof *sc->c2m);
	memset(sc->c2m, 0xff, n * sizeof *sc->c2m);
	sc->seasonal = xmalloc(n * sizeof *sc->seasonal);
	for (i = 0; i < c->n; i++) {
		if (c->items[i].season_start != ITEM_NO_SEASON)
			sc->seasonal[sc->nseasonal++] = (uint32_t)i;
	}
	if (m != NULL) {
		sc->m2c = xmalloc((m->nitems ? m->nitems : 1) *
		    sizeof *sc->m2c);
		for (i = 0; i < m->nitems; i++) {
			sc->m2c[i] = catalog_index(c, m->store_id[i]);
			if (sc->m2c[i] != UINT32_MAX)
				sc->c2m[sc->m2c[i]] = (uint32_t)i;
		}
	}
	return sc;
}

void
scorer_free(struct scorer **sp)
{
	struct scorer *sc = *sp;

	if (sc == NULL)
		return;
	free(sc->m2c);
	free(sc->c2m);
	free(sc->cand);
	free(sc->touched);
	free(sc->order);
	free(sc->in_basket);
	free(sc->used);
	free(sc->fam_in);
	free(sc->recent);
	free(sc->nrecent_v);
	free(sc->seasonal);
	free(sc);
	*sp = NULL;
}

static const struct cand fresh = {
	.src_a = UINT32_MAX, .src_b = UINT32_MAX, .up_from = UINT32_MAX,
	.refill_of = UINT32_MAX, .kind = -1,
};

static struct cand *
touch(struct scorer *sc, uint32_t ci)
{
	struct cand *k = &sc->cand[ci];

	if (!sc->used[ci]) {
		sc->used[ci] = 1;
		sc->touched[sc->ntouched++] = ci;
		*k = fresh;
	}
	return k;
}

static void
reset(struct scorer *sc)
{
	size_t i;

	for (i = 0; i < sc->ntouched; i++)
		sc->used[sc->touched[i]] = 0;
	sc->ntouched = 0;
}

static const struct bought *
bought_of(const struct buyer *b, int64_t item_id)
{
	size_t lo = 0, hi, mid;

	if (b == NULL || b->nbought == 0)
		return NULL;
	hi = b->nbought;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (b->bought[mid].item_id < item_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < b->nbought && b->bought[lo].item_id == item_id)
		return &b->bought[lo];
	return NULL;
}

/* The brand tier this buyer usually buys: the most bought (by orders). */
static int
usual_brand_tier(const struct scorer *sc, const struct buyer *b)
{
	uint64_t by[4] = { 0 };
	size_t i;
	int best = 0, t;

	if (b == NULL)
		return 0;
	for (i = 0; i < b->nbought; i++) {
		const struct item *it = catalog_item(sc->c, b->bought[i].item_id);
		if (it != NULL && it->brand_tier >= 1 && it->brand_tier <= 3)
			by[it->brand_tier] += b->bought[i].orders;
	}
	for (t = 1; t <= 3; t++)
		if (by[t] > by[best])
			best = t;
	return best;
}

static int
declined_recently(const struct scorer *sc, const struct buyer *b,
    int64_t item_id, int64_t now)
{
	int64_t since = now - (int64_t)sc->cfg.cooldown_days * CIVIL_DAY;
	size_t i;

	if (b == NULL)
		return 0;
	for (i = 0; i < b->noffers; i++)
		if (b->offers[i].item_id == item_id &&
		    b->offers[i].outcome == OFFER_DECLINED &&
		    b->offers[i].at >= since && b->offers[i].at <= now)
			return 1;
	return 0;
}

/* Days between purchases of a bought item: the catalogue's refill_days,
 * else the mean gap of 3+ orders; 0 when there is no rhythm. */
static int
rhythm_days(const struct item *it, const struct bought *bo)
{
	if (bo->orders >= 2 && bo->last_at > bo->first_at)
		return (int)((bo->last_at - bo->first_at) / CIVIL_DAY /
		    (bo->orders - 1));
	if (it->refill_days > 0 && bo->orders >= 1)
		return it->refill_days;
	return 0;
}

/* ---- evidence ---------------------------------------------------------- */

/* Flag what the buyer bought within recent_days of now. */
static void
mark_recent(struct scorer *sc, const struct buyer *b, int64_t now)
{
	int64_t since = now - (int64_t)sc->cfg.recent_days * CIVIL_DAY;
	size_t i;
	uint32_t ci;

	if (b == NULL)
		return;
	for (i = 0; i < b->nbought; i++) {
		if (b->bought[i].last_at < since)
			continue;
		ci = catalog_index(sc->c, b->bought[i].item_id);
		if (ci != UINT32_MAX && !sc->recent[ci]) {
			sc->recent[ci] = 1;
			sc->nrecent_v[sc->nrecent++] = ci;
		}
	}
}

static void
add_bundles(struct scorer *sc, const uint32_t *bidx, size_t nb)
{
	const struct model *m = sc->m;
	size_t i, from = nb > BASKET_RECENT ? nb - BASKET_RECENT : 0, j, k;
	uint32_t a, ma, p, ci;
	double conf;

	if (m == NULL || !sc->cfg.use_model)
		return;
	for (i = from; i < nb; i++) {
		a = bidx[i];
		ma = sc->c2m[a];
		if (ma == UINT32_MAX || m->freq[ma] == 0)
			continue;
		for (p = m->pstart[ma]; p < m->pstart[ma + 1] &&
		    p < m->pstart[ma] + PARTNERS_USED; p++) {
			const struct model_pair *pr = &m->pairs[p];
			if (pr->count < (uint32_t)sc->cfg.min_pair_orders)
				break;          /* partners are by count */
			ci = sc->m2c[pr->item];
			if (ci == UINT32_MAX || sc->in_basket[ci])
				continue;
			/* a complement: more likely with a than without */
			if ((uint64_t)pr->count * m->nbaskets <=
			    (uint64_t)m->freq[ma] * m->freq[pr->item])
				continue;
			conf = (double)pr->count / m->freq[ma];
			struct cand *kd = touch(sc, ci);
			kd->bundle = 1 - (1 - kd->bundle) * (1 - conf);
			if (conf > kd->best_conf) {
				kd->best_conf = conf;
				kd->src_a = a;
				kd->src_b = UINT32_MAX;
				kd->together = pr->count;
				kd->base = m->freq[ma];
			}
		}
	}
	/* {a,b} ⇒ c for pairs of the latest basket items. */
	from = nb > BASKET_PAIRS ? nb - BASKET_PAIRS : 0;
	for (i = from; i < nb; i++)
		for (j = i + 1; j < nb; j++) {
			uint32_t x = sc->c2m[bidx[i]], y = sc->c2m[bidx[j]];
			const struct model_rule3 *r;
			size_t nr;

			if (x == UINT32_MAX || y == UINT32_MAX)
				continue;
			r = model_rules3(m, x, y, &nr);
			for (k = 0; k < nr; k++) {
				ci = sc->m2c[r[k].c];
				if (ci == UINT32_MAX || sc->in_basket[ci] ||
				    r[k].count < (uint32_t)sc->cfg.min_pair_orders)
					continue;
				conf = (double)r[k].count / r[k].count_ab;
				struct cand *kd = touch(sc, ci);
				if (conf > kd->bundle)
					kd->bundle = conf;
				if (conf > kd->best_conf) {
					kd->best_conf = conf;
					kd->src_a = bidx[i];
					kd->src_b = bidx[j];
					kd->together = r[k].count;
					kd->base = r[k].count_ab;
				}
			}
		}
}

/*
 * Curated bundles with exactly one item missing from the basket: that item,
 * at the price that makes the set cost the bundle price.
 */
static void
add_curated(struct scorer *sc)
{
	const struct catalog *c = sc->c;
	size_t k, i;

	for (k = 0; k < c->nbundles; k++) {
		const struct bundle *bu = &c->bundles[k];
		int64_t present = 0, full = 0, diff;
		uint32_t missing = UINT32_MAX, ci;
		size_t nmissing = 0;

		for (i = 0; i < bu->nitems; i++) {
			ci = catalog_index(c, bu->items[i].item_id);
			if (ci == UINT32_MAX)
				break;
			full += c->items[ci].price * bu->items[i].qty;
			if (sc->in_basket[ci])
				present += c->items[ci].price * bu->items[i].qty;
			else {
				missing = ci;
				nmissing++;
			}
		}
		if (i < bu->nitems || nmissing != 1 || bu->nitems < 2 ||
		    !catalog_in_stock(&c->items[missing]))
			continue;
		diff = bu->price - present;
		if (diff <= 0 || bu->price >= full)
			continue;       /* no saving: not a bundle offer */
		struct cand *kd = touch(sc, missing);
		/* the bigger the saving, the better the offer */
		kd->curated = 0.6 + 0.3 * (double)(full - bu->price) / full;
		kd->curated_ix = k;
		kd->curated_diff = diff;
	}
}

static void
add_upgrades(struct scorer *sc, const struct buyer *b, const uint32_t *bidx,
    size_t nb)
{
	const struct catalog *c = sc->c;
	int usual = -1;
	size_t i;
	uint32_t r, ti, a;

	for (i = 0; i < nb; i++) {
		const struct item *from = &c->items[bidx[i]];
		a = bidx[i];
		if (from->family == NULL || from->price <= 0)
			continue;
		for (r = c->rung[a] + 1; r < c->fam_end[a]; r++) {
			const struct item *to;
			int64_t diff;
			double share = 0.5, s;
			uint32_t ma, mt;

			ti = c->ladder[r];
			to = &c->items[ti];
			diff = to->price - from->price;
			if (to->tier <= from->tier || diff <= 0 ||
			    sc->in_basket[ti] || !catalog_in_stock(to))
				continue;
			if (diff * 100 > (int64_t)sc->cfg.upgrade_cap_percent *
			    from->price)
				continue;
			if (usual < 0)      /* only when there is a ladder */
				usual = usual_brand_tier(sc, b);
			if (to->brand_tier < from->brand_tier ||
			    (usual > 0 && to->brand_tier < usual))
				continue;
			ma = sc->c2m[a];
			mt = sc->c2m[ti];
			if (sc->m != NULL && ma != UINT32_MAX && mt != UINT32_MAX &&
			    sc->m->freq[ma] + sc->m->freq[mt] > 0)
				share = (double)sc->m->freq[mt] /
				    (sc->m->freq[ma] + sc->m->freq[mt]);
			/* A small step that others take often ranks high. */
			s = 0.45 + 0.4 * share - 0.15 * (double)(diff * 100) /
			    ((double)sc->cfg.upgrade_cap_percent * from->price
			    + 1);
			struct cand *kd = touch(sc, ti);
			if (s > kd->upgrade) {
				kd->upgrade = s;
				kd->up_from = a;
			}
		}
	}
}

static void
add_refills(struct scorer *sc, const struct buyer *b, int64_t now)
{
	const struct catalog *c = sc->c;
	int64_t today = civil_day_of(now);
	size_t i;

	if (b == NULL || !sc->cfg.use_history || b->visits == 0)
		return;
	for (i = 0; i < b->nbought; i++) {
		const struct bought *bo = &b->bought[i];
		uint32_t ci, ni;
		const struct item *it;
		int64_t since, due;
		int every;
		double rate, s;

		ci = catalog_index(c, bo->item_id);
		if (ci == UINT32_MAX)
			continue;
		it = &c->items[ci];
		if (bo->orders < 2 && it->refill_days <= 0)
			continue;       /* no rhythm, no repeat */
		rate = (double)bo->orders / b->visits;
		if (rate > 1)
			rate = 1;
		/* What they buy again and again weighs in on any evidence. */
		if (bo->orders >= 2 && !sc->in_basket[ci] && sc->used[ci])
			sc->cand[ci].personal = rate;
		every = rhythm_days(it, bo);
		if (every <= 0)
			continue;
		since = today - civil_day_of(bo->last_at);
		due = every - since;
		if (due > sc->cfg.refill_ahead_days && due > every / 2)
			continue;
		/* Due now scores highest; long overdue fades. */
		s = 0.45 + 0.35 * rate;
		if (due < -every)
			s -= 0.2;
		if (!sc->in_basket[ci]) {
			struct cand *kd = touch(sc, ci);
			if (s > kd->refill) {
				kd->refill = s;
				kd->refill_of = ci;
			}
			continue;
		}
		/* Already in the basket: the next size up, if any. */
		if (it->family == NULL || bo->orders < 3 ||
		    c->rung[ci] + 1 >= c->fam_end[ci])
			continue;
		ni = c->ladder[c->rung[ci] + 1];
		if (sc->in_basket[ni] || !catalog_in_stock(&c->items[ni]) ||
		    c->items[ni].price <= it->price)
			continue;
		/* The bottle in the basket is due again: the bigger one is
		 * the natural step (50 ml every month -> 250 ml). */
		struct cand *kd = touch(sc, ni);
		if (s + 0.1 > kd->refill) {
			kd->refill = s + 0.1;
			kd->refill_of = ci;
		}
	}
}

static void
add_seasonal(struct scorer *sc, const uint32_t *bidx, size_t nb, int64_t now)
{
	const struct catalog *c = sc->c;
	int64_t day = civil_day_of(now);
	size_t i, j;

	for (i = 0; i < sc->nseasonal; i++) {
		uint32_t ci = sc->seasonal[i];
		const struct item *it = &c->items[ci];
		int fits = 0;

		if (sc->in_basket[ci] || !catalog_in_season(it, day))
			continue;
		for (j = 0; j < nb && !fits; j++) {
			const struct item *bi = &c->items[bidx[j]];
			if (it->category != NULL && bi->category != NULL &&
			    strcmp(it->category, bi->category) == 0)
				fits = 1;
		}
		if (!fits && !(sc->used[ci] && sc->cand[ci].bundle > 0))
			continue;
		touch(sc, ci)->seasonal = 1;
	}
}

/* ---- ranking ----------------------------------------------------------- */

/* Better first: higher score, then lower item id (a total order). */
static int
rank_cmp(const struct scorer *sc, uint32_t x, uint32_t y)
{
	const struct cand *a = &sc->cand[x], *b = &sc->cand[y];
	int64_t ia = sc->c->items[x].id, ib = sc->c->items[y].id;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

/* Sort v[0..n) by rank_cmp: a Shell sort, with the scorer as context
 * (qsort has none, and a static would be shared between threads). */
static void
rank_sort(const struct scorer *sc, uint32_t *v, size_t n)
{
	static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
	size_t g, i, j, gap;
	uint32_t t;

	for (g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
		gap = gaps[g];
		for (i = gap; i < n; i++) {
			t = v[i];
			for (j = i; j >= gap && rank_cmp(sc, v[j - gap], t) > 0;
			    j -= gap)
				v[j] = v[j - gap];
			v[j] = t;
		}
	}
}

/*
 * Move the best `top` of v[0..n) (by rank_cmp) to the front, in any
 * order: quickselect, expected linear time.
 */
static void
select_top(const struct scorer *sc, uint32_t *v, size_t n, size_t top)
{
	size_t lo = 0, hi = n, i, store;
	uint32_t pivot, t;

	while (hi - lo > 1) {
		/* median of three as the pivot, moved to the end */
		size_t mid = lo + (hi - lo) / 2;
		if (rank_cmp(sc, v[mid], v[lo]) < 0) {
			t = v[mid]; v[mid] = v[lo]; v[lo] = t;
		}
		if (rank_cmp(sc, v[hi - 1], v[lo]) < 0) {
			t = v[hi - 1]; v[hi - 1] = v[lo]; v[lo] = t;
		}
		if (rank_cmp(sc, v[mid], v[hi - 1]) < 0) {
			t = v[mid]; v[mid] = v[hi - 1]; v[hi - 1] = t;
		}
		pivot = v[hi - 1];
		for (i = store = lo; i < hi - 1; i++)
			if (rank_cmp(sc, v[i], pivot) < 0) {
				t = v[i]; v[i] = v[store]; v[store] = t;
				store++;
			}
		v[hi - 1] = v[store];
		v[store] = pivot;
		if (store == top || store + 1 == top)
			return;
		if (store > top)
			hi = store;
		else
			lo = store + 1;
	}
}

static void
decide(struct scorer *sc, struct cand *k)
{
	double best = 0;

	k->kind = -1;
	if (k->upgrade > best) {
		best = k->upgrade;
		k->kind = SUG_UPGRADE;
	}
	if (k->refill > best) {
		best = k->refill;
		k->kind = SUG_REFILL;
	}
	if (k->bundle > 0 && k->bundle + 0.5 * k->personal > best) {
		best = k->bundle + 0.5 * k->personal;
		k->kind = SUG_BUNDLE;
	}

	if (k->seasonal && (k->kind == SUG_BUNDLE || k->kind < 0)) {
		/* in season: a lift, and its own kind */
		best = (k->kind == SUG_BUNDLE ? best : 0.15) + 0.15;
		k->kind = SUG_SEASONAL;
	}
	/* Completing a curated bundle beats any other way of offering the
	 * same item: the customer pays less for it. */
	if (k->curated > 0) {
		if (k->curated > best)
			best = k->curated;
		k->kind = SUG_BUNDLE;
	}
	(void)sc;
	k->score = best > 1 ? 1 : best;
}

static void
money(const struct scorer *sc, int64_t v, char *buf, size_t size)
{
	money_format(v, sc->cfg.scale, 0, buf, size);
}

static int
pct(uint64_t part, uint64_t whole)
{
	return whole == 0 ? 0 : (int)((part * 100 + whole / 2) / whole);
}

static void
explain(const struct scorer *sc, const struct cand *k, uint32_t ci,
    const struct buyer *b, int64_t now, struct suggestion *s)
{
	const struct catalog *c = sc->c;
	const struct item *it = &c->items[ci];
	char d[32];
	const char *sign = s->diff >= 0 ? "+" : "";

	money(sc, s->diff, d, sizeof d);
	switch (k->kind) {
	case SUG_UPGRADE: {
		const struct item *f = &c->items[k->up_from];
		uint32_t ma = sc->c2m[k->up_from], mt = sc->c2m[ci];
		int n = snprintf(s->why, sizeof s->why, "%s → %s: %s%s (%s%d%%)",
		    f->name, it->name, sign, d, sign, s->diff_pct);
		if (sc->m != NULL && ma != UINT32_MAX && mt != UINT32_MAX &&
		    sc->m->freq[ma] + sc->m->freq[mt] > 0 && n > 0 &&
		    (size_t)n < sizeof s->why)
			snprintf(s->why + n, sizeof s->why - (size_t)n,
			    " · chosen in %u of %u orders of the two",
			    sc->m->freq[mt], sc->m->freq[ma] + sc->m->freq[mt]);
		break;
	}
	case SUG_REFILL: {
		const struct bought *bo = bought_of(b, c->items[k->refill_of].id);
		int every = bo ? rhythm_days(&c->items[k->refill_of], bo) : 0;
		int64_t since = bo ? civil_day_of(now) - civil_day_of(bo->last_at)
		    : 0;
		if (k->refill_of == ci)
			if (bo != NULL && bo->orders == 1)
				snprintf(s->why, sizeof s->why, "bought once, "
				    "%lld days ago · it lasts about %d days · "
				    "%s%s", (long long)since, every, sign, d);
			else
				snprintf(s->why, sizeof s->why, "bought in %u "
				    "orders, about every %d days · last %lld days "
				    "ago · %s%s", bo ? bo->orders : 0, every,
				    (long long)since, sign, d);
		else
			snprintf(s->why, sizeof s->why, "in place of %s, bought "
			    "in %u orders about every %d days: the next size up "
			    "· %s%s (%s%d%%)", c->items[k->refill_of].name,
			    bo ? bo->orders : 0, every, sign, d, sign,
			    s->diff_pct);
		break;
	}
	case SUG_SEASONAL:
	case SUG_BUNDLE: {
		int n = 0;
		if (k->curated > 0) {
			const struct bundle *bu = &c->bundles[k->curated_ix];
			int64_t full = 0;
			char bp[32], fp[32], sv[32];
			size_t i;
			for (i = 0; i < bu->nitems; i++)
				full += catalog_item(c, bu->items[i].item_id)->
				    price * bu->items[i].qty;
			money(sc, bu->price, bp, sizeof bp);
			money(sc, full, fp, sizeof fp);
			money(sc, full - bu->price, sv, sizeof sv);
			snprintf(s->why, sizeof s->why, "completes the %s: all "
			    "%zu for %s instead of %s · +%s for it (saves %s)",
			    bu->name, bu->nitems, bp, fp, d, sv);
			break;
		}
		if (k->kind == SUG_SEASONAL)
			n = snprintf(s->why, sizeof s->why, "in season %02d-%02d "
			    "to %02d-%02d · ", it->season_start / 100,
			    it->season_start % 100, it->season_end / 100,
			    it->season_end % 100);
		if (n < 0 || (size_t)n >= sizeof s->why)
			break;
		if (k->src_a == UINT32_MAX)
			snprintf(s->why + n, sizeof s->why - (size_t)n,
			    "fits the basket · %s%s", sign, d);
		else if (k->src_b == UINT32_MAX) {
			uint32_t ma = sc->c2m[k->src_a], mc = sc->c2m[ci];
			double lift = (double)k->together * sc->m->nbaskets /
			    ((double)sc->m->freq[ma] * sc->m->freq[mc]);
			snprintf(s->why + n, sizeof s->why - (size_t)n,
			    "bought with %s in %d%% of its orders (%u of %u) · "
			    "lift %.1f · %s%s", c->items[k->src_a].name,
			    pct(k->together, k->base), k->together, k->base,
			    lift, sign, d);
		} else
			snprintf(s->why + n, sizeof s->why - (size_t)n,
			    "bought with %s and %s in %d%% of their orders "
			    "(%u of %u) · %s%s", c->items[k->src_a].name,
			    c->items[k->src_b].name, pct(k->together, k->base),
			    k->together, k->base, sign, d);
		if (k->personal > 0 && b != NULL) {
			const struct bought *bo = bought_of(b, it->id);
			size_t len = strlen(s->why);
			if (bo != NULL && len < sizeof s->why)
				snprintf(s->why + len, sizeof s->why - len,
				    " · in %u of this customer's %u visits",
				    bo->orders, b->visits);
		}
		break;
	}
	}
}

size_t
scorer_rank(struct scorer *sc, const struct buyer *b, const int64_t *basket,
    size_t n, int64_t now, struct suggestion *out, size_t max)
{
	const struct catalog *c = sc->c;
	uint32_t *bidx, ci;
	size_t nb = 0, i, k, nout = 0, limit, norder = 0, top;
	int pass;
	int64_t basket_total = 0;

	limit = max < (size_t)sc->cfg.max_suggestions ? max :
	    (size_t)sc->cfg.max_suggestions;
	if (limit == 0)
		return 0;
	bidx = sc->order;   /* the basket's indexes first, then the ranking */
	for (i = 0; i < n; i++) {
		ci = catalog_index(c, basket[i]);
		if (ci == UINT32_MAX || sc->in_basket[ci])
			continue;
		sc->in_basket[ci] = 1;
		if (c->items[ci].family != NULL)
			sc->fam_in[c->fam_start[ci]] = 1;
		bidx[nb++] = ci;
		basket_total += c->items[ci].price;
	}
	mark_recent(sc, b, now);
	add_bundles(sc, bidx, nb);
	add_curated(sc);
	add_upgrades(sc, b, bidx, nb);
	add_refills(sc, b, now);
	add_seasonal(sc, bidx, nb, now);

	/* Guardrails, then the kind and score of what is left. */
	for (i = 0; i < sc->ntouched; i++) {
		struct cand *kd;
		const struct item *it;

		ci = sc->touched[i];
		kd = &sc->cand[ci];
		it = &c->items[ci];
		kd->score = 0;
		if (sc->in_basket[ci] || !catalog_in_stock(it) ||
		    declined_recently(sc, b, it->id, now))
			continue;
		/* A seasonal item is sold in its season only. */
		if (it->season_start != ITEM_NO_SEASON &&
		    !catalog_in_season(it, civil_day_of(now)))
			continue;
		decide(sc, kd);
		if (kd->kind < 0)
			continue;
		/* A family already in the basket: only a step up of it. */
		if (it->family != NULL && sc->fam_in[c->fam_start[ci]] &&
		    kd->kind != SUG_UPGRADE &&
		    !(kd->kind == SUG_REFILL && kd->refill_of != ci))
			continue;
		if (sc->recent[ci] &&
		    !(kd->kind == SUG_REFILL && kd->refill_of == ci)) {
			kd->score = 0;
			continue;
		}
		if (kd->score > 0)
			sc->order[nb + norder++] = ci;
	}
	/* Only the best few need sorting: select them first.  If the
	 * family and kind rules leave slots empty, sort all and retry. */
	top = 8 * limit + 8;
	if (top < norder)
		select_top(sc, sc->order + nb, norder, top);
	else
		top = norder;
again:
	rank_sort(sc, sc->order + nb, top);

	/* Two passes: the first takes at most two of a kind, so that a good
	 * upgrade is not crowded out by a third bundle; the second fills. */
	nout = 0;
	for (pass = 0; pass < 2; pass++)
	for (k = 0; k < top && nout < limit; k++) {
		struct cand *kd;
		const struct item *it;
		struct suggestion *s;
		int dup = 0, same = 0;

		ci = sc->order[nb + k];
		kd = &sc->cand[ci];
		it = &c->items[ci];
		for (i = 0; i < nout; i++) {
			if (out[i].item_id == it->id)
				dup = 1;
			same += out[i].kind == kd->kind;
		}
		if (dup || (pass == 0 && same >= 2))
			continue;
		/* One per family. */
		for (i = 0; i < nout && it->family != NULL; i++) {
			const struct item *o = catalog_item(c, out[i].item_id);
			if (o->family != NULL && strcmp(o->family, it->family) == 0)
				dup = 1;
		}
		if (dup)
			continue;
		s = &out[nout++];
		memset(s, 0, sizeof *s);
		s->kind = kd->kind;
		s->item_id = it->id;
		s->price = it->price;
		s->score = kd->score;
		if (kd->kind == SUG_UPGRADE) {
			const struct item *f = &c->items[kd->up_from];
			s->base_id = f->id;
			s->diff = it->price - f->price;
			s->diff_pct = (int)((s->diff * 100 + f->price / 2) /
			    f->price);
		} else if (kd->kind == SUG_REFILL && kd->refill_of != ci) {
			/* the bigger size, in place of the one in the basket */
			const struct item *f = &c->items[kd->refill_of];
			s->base_id = f->id;
			s->diff = it->price - f->price;
			s->diff_pct = f->price > 0 ? (int)((s->diff * 100 +
			    f->price / 2) / f->price) : 0;
		} else if (kd->curated > 0) {
			s->bundle_id = c->bundles[kd->curated_ix].id;
			s->diff = kd->curated_diff;
			s->diff_pct = basket_total > 0 ? (int)((s->diff * 100 +
			    basket_total / 2) / basket_total) : 0;
		} else {
			s->diff = it->price;
			s->diff_pct = basket_total > 0 ? (int)((it->price * 100 +
			    basket_total / 2) / basket_total) : 0;
			if (kd->kind == SUG_REFILL)
				s->base_id = c->items[kd->refill_of].id;
			else if (kd->src_a != UINT32_MAX) {
				s->together = kd->together;
				s->base_orders = kd->base;
				s->base_id = c->items[kd->src_a].id;
				if (kd->src_b != UINT32_MAX)
					s->base2_id = c->items[kd->src_b].id;
			}
		}
		explain(sc, kd, ci, b, now, s);
	}
	if (nout < limit && top < norder) {
		top = norder;
		goto again;
	}

	for (i = 0; i < nb; i++) {
		sc->in_basket[bidx[i]] = 0;
		sc->fam_in[c->fam_start[bidx[i]]] = 0;
	}
	for (i = 0; i < sc->nrecent; i++)
		sc->recent[sc->nrecent_v[i]] = 0;
	sc->nrecent = 0;
	reset(sc);
	return nout;
}
