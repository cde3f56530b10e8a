#include "model/scorer.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/money.h"
#include "model/relevance.h"
#include "model/xalloc.h"

#define WILSON_Z        1.96   /* 95 %: the bound a cross-sell must pass */
#define TAKE_PRIOR      10.0   /* pseudo-offers of the Beta prior        */
#define TAKE_DEFAULT    0.2    /* a kind's take rate with no answers yet */
#define TAKE_MENTION    10     /* offers before "taken by ..." is said   */
#define REFILL_CV_MAX   0.5    /* a regular repurchase: gaps within half */
#define REFILL_MIN      3      /* ... of their mean, over 3+ orders      */

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
		.min_pair_orders = 5, .cross_sell_percent = 50,
		.lapse_cycles = 3, .objective = SCORER_RELEVANCE, .scale = 2,
		.use_model = 1, .use_history = 1,
	};
	return c;
}

/* What the scorer learns about one candidate (catalogue index). */
struct cand {
	double   p;           /* relevance: chance it is the next item     */
	uint32_t src;         /* basket item of the best evidence, or MAX  */
	int      src_range;   /* 1: of src's whole family                  */
	uint32_t together;    /* orders with src and this one ...          */
	uint32_t base;        /* ... of the orders with src                */
	double   lift;
	double   upgrade;     /* > 0: an upgrade of up_from (its share)    */
	uint32_t up_from;
	double   refill;      /* > 0: a refill (the share of visits)       */
	uint32_t refill_of;   /* the bought item (itself, or a smaller size) */
	int      refill_every;
	double   curated;     /* > 0: completes curated bundle curated_ix  */
	size_t   curated_ix;
	int64_t  curated_diff;
	int      seasonal;
	uint32_t own;         /* the buyer's orders holding it, when that is
	                       * its evidence (a regular of theirs)        */
	int      kind;
	double   score;
};

struct scorer {
	const struct catalog *c;
	const struct model   *m;
	struct scorer_config  cfg;
	struct rel           *rel;
	uint32_t             *m2c;       /* model index -> catalogue index */
	uint32_t             *c2m;       /* catalogue index -> model index */
	struct cand          *cand;      /* by catalogue index              */
	uint32_t             *touched;   /* candidates in use               */
	size_t                ntouched;
	uint8_t              *in_basket;
	uint8_t              *used;      /* cand[i] is in touched[]        */
	uint8_t              *fam_in;    /* by fam_start: a family in the
	                                  * basket                          */
	uint32_t             *seasonal;  /* items with a season             */
	size_t                nseasonal;
	uint32_t             *order;     /* scratch: basket, then ranking   */
	uint32_t             *mbasket;   /* scratch: the basket in model
	                                  * indexes                         */
	uint8_t              *seen;      /* scratch: in mbasket already     */
	int64_t              *bqty;      /* scratch: units in the basket, by
	                                  * catalogue index                 */
	uint32_t             *take_off;  /* [ci * SUG_NKINDS + kind]       */
	uint32_t             *take_acc;
	double                take_avg[SUG_NKINDS];
};

struct scorer *
scorer_new(const struct catalog *c, const struct model *m,
    const struct scorer_config *cfg)
{
	struct scorer *sc = xcalloc(1, sizeof *sc);
	size_t i, n = c->n ? c->n : 1;
	int k;

	sc->c = c;
	sc->m = m;
	sc->cfg = *cfg;
	sc->cand = xcalloc(n, sizeof *sc->cand);
	sc->touched = xmalloc(n * sizeof *sc->touched);
	sc->order = xmalloc(2 * n * sizeof *sc->order);
	sc->mbasket = xmalloc(n * sizeof *sc->mbasket);
	sc->seen = xcalloc(n, 1);
	sc->bqty = xcalloc(n, sizeof *sc->bqty);
	sc->in_basket = xcalloc(n, 1);
	sc->used = xcalloc(n, 1);
	sc->fam_in = xcalloc(n, 1);
	sc->c2m = xmalloc(n * sizeof *sc->c2m);
	memset(sc->c2m, 0xff, n * sizeof *sc->c2m);
	sc->seasonal = xmalloc(n * sizeof *sc->seasonal);
	for (i = 0; i < c->n; i++)
		if (c->items[i].season_start != ITEM_NO_SEASON)
			sc->seasonal[sc->nseasonal++] = (uint32_t)i;
	for (k = 0; k < SUG_NKINDS; k++)
		sc->take_avg[k] = TAKE_DEFAULT;
	if (m != NULL) {
		sc->m2c = xmalloc((m->nitems ? m->nitems : 1) *
		    sizeof *sc->m2c);
		for (i = 0; i < m->nitems; i++) {
			sc->m2c[i] = catalog_index(c, m->store_id[i]);
			if (sc->m2c[i] != UINT32_MAX)
				sc->c2m[sc->m2c[i]] = (uint32_t)i;
		}
		sc->rel = rel_new(m);
	}
	return sc;
}

void
scorer_free(struct scorer **sp)
{
	struct scorer *sc = *sp;

	if (sc == NULL)
		return;
	rel_free(&sc->rel);
	free(sc->m2c);
	free(sc->c2m);
	free(sc->cand);
	free(sc->touched);
	free(sc->order);
	free(sc->mbasket);
	free(sc->seen);
	free(sc->bqty);
	free(sc->in_basket);
	free(sc->used);
	free(sc->fam_in);
	free(sc->seasonal);
	free(sc->take_off);
	free(sc->take_acc);
	free(sc);
	*sp = NULL;
}

void
scorer_set_takes(struct scorer *sc, const struct take_rate *t, size_t n)
{
	const size_t cells = (sc->c->n ? sc->c->n : 1) * SUG_NKINDS;
	uint64_t off[SUG_NKINDS] = { 0 }, acc[SUG_NKINDS] = { 0 };
	size_t i;
	int k;

	free(sc->take_off);
	free(sc->take_acc);
	sc->take_off = xcalloc(cells, sizeof *sc->take_off);
	sc->take_acc = xcalloc(cells, sizeof *sc->take_acc);
	for (i = 0; i < n; i++) {
		uint32_t ci = catalog_index(sc->c, t[i].item_id);
		if (ci == UINT32_MAX || t[i].kind < 0 ||
		    t[i].kind >= SUG_NKINDS || t[i].accepted > t[i].offered)
			continue;
		sc->take_off[ci * SUG_NKINDS + (size_t)t[i].kind] += t[i].offered;
		sc->take_acc[ci * SUG_NKINDS + (size_t)t[i].kind] += t[i].accepted;
		off[t[i].kind] += t[i].offered;
		acc[t[i].kind] += t[i].accepted;
	}
	/* A kind's average, itself shrunk toward the default. */
	for (k = 0; k < SUG_NKINDS; k++)
		sc->take_avg[k] = ((double)acc[k] + TAKE_PRIOR * TAKE_DEFAULT) /
		    ((double)off[k] + TAKE_PRIOR);
}

/* The Beta-binomial estimate of the take rate of item ci as kind. */
static double
take_rate(const struct scorer *sc, uint32_t ci, int kind, uint32_t *offered,
    uint32_t *taken)
{
	double a = sc->take_avg[kind];

	*offered = *taken = 0;
	if (sc->take_off == NULL)
		return a;
	*offered = sc->take_off[ci * SUG_NKINDS + (size_t)kind];
	*taken = sc->take_acc[ci * SUG_NKINDS + (size_t)kind];
	return (*taken + TAKE_PRIOR * a) / (*offered + TAKE_PRIOR);
}

static const struct cand fresh = {
	.src = UINT32_MAX, .up_from = UINT32_MAX, .refill_of = UINT32_MAX,
	.kind = -1,
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

/*
 * Days between purchases of a consumable: the item's (or its category's)
 * refill_days, else a learned regular repurchase: REFILL_MIN+ orders whose
 * gaps vary by at most REFILL_CV_MAX of their mean.  0: no rhythm (it
 * does not run out, or not on any beat).
 */
static int
rhythm_days(const struct item *it, const struct bought *bo)
{
	if (it->refill_days > 0)
		return bo->orders >= 2 && bo->gap_days > 0 ? bo->gap_days :
		    it->refill_days;
	if (bo->orders >= REFILL_MIN && bo->gap_days > 0 &&
	    bo->gap_sd_days <= REFILL_CV_MAX * bo->gap_days)
		return bo->gap_days;
	return 0;
}

/*
 * Bought within recent_days of now, and not out of habit: they have never
 * bought it again within recent_days before, and (for a regular) their
 * usual gap has not passed.
 */
static int
just_bought(const struct scorer *sc, const struct bought *bo, int64_t now)
{
	if (bo == NULL || bo->last_at < now - (int64_t)sc->cfg.recent_days *
	    CIVIL_DAY)
		return 0;
	if (bo->orders >= 2 && bo->gap_min_days < sc->cfg.recent_days)
		return 0;
	if (bo->orders >= REFILL_MIN && now - bo->last_at >=
	    (int64_t)bo->gap_days * CIVIL_DAY)
		return 0;
	return 1;
}

/* ---- evidence ---------------------------------------------------------- */

/* The 95 % Wilson lower bound of k successes in n. */
static double
wilson_low(double k, double n)
{
	double z2 = WILSON_Z * WILSON_Z, ph, c, h;

	if (n <= 0)
		return 0;
	ph = k / n;
	c = ph + z2 / (2 * n);
	h = WILSON_Z * sqrt(ph * (1 - ph) / n + z2 / (4 * n * n));
	return (c - h) / (1 + z2 / n);
}

/* Keep (together of base) as k's evidence from basket item src when it
 * is significant and the best so far (by its lower bound, in *best). */
static void
weigh(const struct scorer *sc, struct cand *k, uint32_t src, int range,
    uint32_t together, uint32_t base, uint32_t freq, double *best)
{
	const struct model *m = sc->m;
	double low;

	if (together < (uint32_t)sc->cfg.min_pair_orders || base == 0)
		return;
	low = wilson_low(together, base) * m->nbaskets / freq;
	if (low <= *best)
		return;
	*best = low;
	k->src = src;
	k->src_range = range;
	k->together = together;
	k->base = base;
	k->lift = (double)together * m->nbaskets / ((double)base * freq);
}

/*
 * The best significant evidence that basket items bidx[0..nb) bring
 * candidate ci: at least min_pair_orders orders together, and the Wilson
 * lower bound of P(ci | basket item) above P(ci) — lift above 1 beyond
 * doubt.  A basket item of a family also counts for its whole range
 * (the sleeve goes with every size of the laptop).
 */
static void
find_evidence(struct scorer *sc, struct cand *k, uint32_t ci,
    const uint32_t *bidx, size_t nb)
{
	const struct catalog *c = sc->c;
	const struct model *m = sc->m;
	uint32_t mc = sc->c2m[ci], r;
	double best = 1;
	size_t i;

	if (m == NULL || mc == UINT32_MAX || m->nbaskets == 0 ||
	    m->freq[mc] == 0)
		return;
	for (i = 0; i < nb; i++) {
		uint32_t a = bidx[i], ma = sc->c2m[a], together = 0, base = 0;
		const struct model_pair *pr;

		if (ma != UINT32_MAX && (pr = model_pair(m, ma, mc)) != NULL)
			weigh(sc, k, a, 0, pr->count, m->freq[ma],
			    m->freq[mc], &best);
		if (c->items[a].family == NULL ||
		    c->fam_end[a] - c->fam_start[a] < 2)
			continue;
		for (r = c->fam_start[a]; r < c->fam_end[a]; r++) {
			uint32_t mm = sc->c2m[c->ladder[r]];
			if (mm == UINT32_MAX || c->ladder[r] == ci)
				continue;
			base += m->freq[mm];
			if ((pr = model_pair(m, mm, mc)) != NULL)
				together += pr->count;
		}
		weigh(sc, k, a, 1, together, base, m->freq[mc], &best);
	}
}

/* The relevance pool: p for each candidate the ranker put forward. */
static double
add_relevance(struct scorer *sc, const struct buyer *b, const int64_t *basket,
    size_t n, int64_t now)
{
	const struct rel_cand *pool;
	size_t i, np, nm = 0;
	double mx, z = 0, best = 0;
	uint32_t ci;

	if (sc->rel == NULL || !sc->cfg.use_model)
		return 0;
	/* distinct, each where it was last rung up (mbasket holds one
	 * slot per catalogue item) */
	for (i = n; i-- > 0;) {
		ci = catalog_index(sc->c, basket[i]);
		if (ci == UINT32_MAX || sc->c2m[ci] == UINT32_MAX ||
		    sc->seen[ci])
			continue;
		sc->seen[ci] = 1;
		sc->mbasket[nm++] = sc->c2m[ci];
	}
	for (i = 0; i < nm; i++)
		sc->seen[sc->m2c[sc->mbasket[i]]] = 0;
	for (i = 0; i < nm / 2; i++) {      /* back to the order rung up */
		uint32_t t = sc->mbasket[i];
		sc->mbasket[i] = sc->mbasket[nm - 1 - i];
		sc->mbasket[nm - 1 - i] = t;
	}
	np = rel_rank(sc->rel, sc->mbasket, nm, sc->cfg.use_history ? b : NULL,
	    now, NULL, &pool);
	if (np == 0)
		return 0;
	mx = pool[0].score;
	for (i = 0; i < np; i++)
		z += exp(pool[i].score - mx);
	for (i = 0; i < np; i++) {
		ci = sc->m2c[pool[i].item];
		if (ci == UINT32_MAX || sc->in_basket[ci])
			continue;
		touch(sc, ci)->p = exp(pool[i].score - mx) / z;
		if (sc->cand[ci].p > best)
			best = sc->cand[ci].p;
	}
	return best;
}

/*
 * Curated bundles with exactly one item missing from the basket, one of
 * it in the set, and every other item there in the set's quantity: that
 * item, at the price that makes the set cost the bundle price.
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
			if (sc->bqty[ci] >= bu->items[i].qty)
				present += c->items[ci].price * bu->items[i].qty;
			else if (sc->bqty[ci] == 0 && bu->items[i].qty == 1) {
				missing = ci;
				nmissing++;
			} else
				break;          /* short of it: not one away */
		}
		if (i < bu->nitems || nmissing != 1 || bu->nitems < 2 ||
		    !catalog_in_stock(&c->items[missing]))
			continue;
		diff = bu->price - present;
		if (diff <= 0 || bu->price >= full)
			continue;       /* no saving: not a bundle offer */
		struct cand *kd = touch(sc, missing);
		/* its evidence: the share of the set's price it saves */
		kd->curated = (double)(full - bu->price) / full;
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
			double share = 0.5;
			uint32_t ma, mt;

			ti = c->ladder[r];
			to = &c->items[ti];
			diff = to->price - from->price;
			if (to->tier <= from->tier || diff <= 0 ||
			    sc->in_basket[ti] || !catalog_in_stock(to))
				continue;
			if (diff > from->price / 100 *
			    (int64_t)sc->cfg.upgrade_cap_percent +
			    from->price % 100 *
			    (int64_t)sc->cfg.upgrade_cap_percent / 100)
				continue;
			if (usual < 0)      /* only when there is a ladder */
				usual = usual_brand_tier(sc, b);
			if (to->brand_tier < from->brand_tier ||
			    (usual > 0 && to->brand_tier < usual))
				continue;
			/* Its evidence: the share of the two's orders that
			 * chose it (a half when nobody bought either). */
			ma = sc->c2m[a];
			mt = sc->c2m[ti];
			if (sc->m != NULL && ma != UINT32_MAX && mt != UINT32_MAX &&
			    sc->m->freq[ma] + sc->m->freq[mt] > 0)
				share = (double)sc->m->freq[mt] /
				    (sc->m->freq[ma] + sc->m->freq[mt]);
			struct cand *kd = touch(sc, ti);
			if (share > kd->upgrade) {
				kd->upgrade = share;
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
	size_t i, n;

	if (b == NULL || !sc->cfg.use_history || b->visits == 0)
		return;
	/* their strongest items: what they buy on a rhythm is among them */
	n = b->top != NULL ? b->ntop : b->nbought;
	for (i = 0; i < n; i++) {
		const struct bought *bo = &b->bought[b->top != NULL ?
		    b->top[i] : i];
		uint32_t ci, ni;
		const struct item *it;
		int64_t since, due;
		int every;
		double rate;

		ci = catalog_index(c, bo->item_id);
		if (ci == UINT32_MAX)
			continue;
		it = &c->items[ci];
		if (it->kind != ITEM_PRODUCT || (every = rhythm_days(it, bo)) <= 0)
			continue;       /* it does not run out */
		since = today - civil_day_of(bo->last_at);
		if (since > (int64_t)sc->cfg.lapse_cycles * every)
			continue;       /* they stopped buying it */
		due = every - since;
		if (due > sc->cfg.refill_ahead_days && due > every / 2)
			continue;
		rate = (double)bo->orders / b->visits;
		if (rate > 1)
			rate = 1;
		if (!sc->in_basket[ci]) {
			struct cand *kd = touch(sc, ci);
			if (rate > kd->refill) {
				kd->refill = rate;
				kd->refill_of = ci;
				kd->refill_every = every;
			}
			continue;
		}
		/* Already in the basket: the next size up, if any. */
		if (it->family == NULL || bo->orders < REFILL_MIN ||
		    c->rung[ci] + 1 >= c->fam_end[ci])
			continue;
		ni = c->ladder[c->rung[ci] + 1];
		if (sc->in_basket[ni] || !catalog_in_stock(&c->items[ni]) ||
		    c->items[ni].price <= it->price)
			continue;
		/* The bottle in the basket is due again: the bigger one is
		 * the natural step (50 ml every month -> 250 ml). */
		struct cand *kd = touch(sc, ni);
		if (rate > kd->refill) {
			kd->refill = rate;
			kd->refill_of = ci;
			kd->refill_every = every;
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
		if (!fits && !sc->used[ci])
			continue;       /* maybe a partner: decided later */
		touch(sc, ci)->seasonal = fits ? 2 : 1;
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

/* Sort v[0..n) by rank_cmp: insertion sort (n is small: the pool and
 * the few kinds beside it), with the scorer as context. */
static void
rank_sort(const struct scorer *sc, uint32_t *v, size_t n)
{
	size_t i, j;
	uint32_t t;

	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && rank_cmp(sc, v[j - 1], t) > 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/*
 * The kind of candidate ci, and its score before the shop's answers, as
 * far as they are known without its pair evidence: a cross-sell (bundle
 * or seasonal) is KIND_PENDING until settle() looks at the evidence, and
 * only the few that could be shown are looked at.  -1: not to be said.
 * top is the best p of the pool (1 when there is no ranker).
 */
#define KIND_PENDING (-2)

static void
decide(struct scorer *sc, struct cand *k, uint32_t ci, int64_t basket_cost,
    double top)
{
	const struct item *it = &sc->c->items[ci];

	k->kind = -1;
	k->score = 0;
	if (k->curated > 0) {
		k->kind = SUG_BUNDLE;
		k->score = k->p > k->curated * top ? k->p : k->curated * top;
		return;
	}
	if (k->upgrade > 0) {
		k->kind = SUG_UPGRADE;
		k->score = k->p > k->upgrade * top ? k->p : k->upgrade * top;
		return;
	}
	if (k->refill > 0) {
		k->kind = SUG_REFILL;
		k->score = k->p > k->refill * top ? k->p : k->refill * top;
		return;
	}
	if (k->p <= 0 && k->seasonal == 0)
		return;                 /* no reason to say it */
	/* A cross-sell costs at most a share of what is in the basket. */
	if (it->price > basket_cost / 100 * sc->cfg.cross_sell_percent +
	    basket_cost % 100 * sc->cfg.cross_sell_percent / 100)
		return;
	k->kind = KIND_PENDING;
	k->score = k->p;
	if (k->score == 0)
		k->score = 1e-9 * top;  /* in season, fits: last */
}

/*
 * A pending cross-sell, settled by its evidence: significant pair
 * evidence with the latest basket items (or, in season, the same
 * category), else one of the buyer's regulars; -1 otherwise.
 */
static void
settle(struct scorer *sc, struct cand *k, uint32_t ci, const uint32_t *bidx,
    size_t nb, const struct buyer *b)
{
	const struct item *it = &sc->c->items[ci];
	size_t from = nb > REL_BASKET_USED ? nb - REL_BASKET_USED : 0;

	find_evidence(sc, k, ci, bidx + from, nb - from);
	k->kind = -1;
	if (k->seasonal == 2 || (k->seasonal == 1 && k->src != UINT32_MAX))
		k->kind = SUG_SEASONAL;
	else if (k->src != UINT32_MAX && k->p > 0)
		k->kind = SUG_BUNDLE;
	else if (b != NULL && sc->cfg.use_history && k->p > 0) {
		/* no pair evidence, but one of their regulars */
		const struct bought *bo = buyer_bought(b, it->id);
		if (bo != NULL && bo->orders >= REFILL_MIN) {
			k->own = bo->orders;
			k->kind = SUG_BUNDLE;
		}
	}
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

/* Append to s->why. */
static void
why_add(struct suggestion *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
why_add(struct suggestion *s, const char *fmt, ...)
{
	size_t len = strlen(s->why);
	va_list ap;

	if (len + 1 >= sizeof s->why)
		return;
	va_start(ap, fmt);
	vsnprintf(s->why + len, sizeof s->why - len, fmt, ap);
	va_end(ap);
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
	s->why[0] = '\0';
	switch (k->kind) {
	case SUG_UPGRADE: {
		const struct item *f = &c->items[k->up_from];
		uint32_t ma = sc->c2m[k->up_from], mt = sc->c2m[ci];
		why_add(s, "%s → %s: %s%s (%s%d%%)", f->name, it->name, sign,
		    d, sign, s->diff_pct);
		if (sc->m != NULL && ma != UINT32_MAX && mt != UINT32_MAX &&
		    sc->m->freq[ma] + sc->m->freq[mt] > 0)
			why_add(s, " · chosen in %u of %u orders of the two",
			    sc->m->freq[mt], sc->m->freq[ma] + sc->m->freq[mt]);
		break;
	}
	case SUG_REFILL: {
		const struct bought *bo = buyer_bought(b,
		    c->items[k->refill_of].id);
		int64_t since = bo ? civil_day_of(now) -
		    civil_day_of(bo->last_at) : 0;
		if (k->refill_of != ci)
			why_add(s, "in place of %s, bought in %u orders about "
			    "every %d days: the next size up · %s%s (%s%d%%)",
			    c->items[k->refill_of].name, bo ? bo->orders : 0,
			    k->refill_every, sign, d, sign, s->diff_pct);
		else if (bo != NULL && bo->orders == 1)
			why_add(s, "bought once, %lld days ago · it lasts "
			    "about %d days · %s%s", (long long)since,
			    k->refill_every, sign, d);
		else
			why_add(s, "bought in %u orders, about every %d days "
			    "· last %lld days ago · %s%s", bo ? bo->orders : 0,
			    k->refill_every, (long long)since, sign, d);
		break;
	}
	case SUG_SEASONAL:
	case SUG_BUNDLE:
		if (k->curated > 0) {
			const struct bundle *bu = &c->bundles[k->curated_ix];
			int64_t full = 0, units = 0;
			char bp[32], fp[32], sv[32];
			size_t i;
			for (i = 0; i < bu->nitems; i++) {
				full += catalog_item(c, bu->items[i].item_id)->
				    price * bu->items[i].qty;
				units += bu->items[i].qty;
			}
			money(sc, bu->price, bp, sizeof bp);
			money(sc, full, fp, sizeof fp);
			money(sc, full - bu->price, sv, sizeof sv);
			why_add(s, "completes the %s: all %lld for %s instead "
			    "of %s · +%s for it (saves %s)", bu->name,
			    (long long)units, bp, fp, d, sv);
			break;
		}
		if (k->kind == SUG_SEASONAL)
			why_add(s, "in season %02d-%02d to %02d-%02d · ",
			    it->season_start / 100, it->season_start % 100,
			    it->season_end / 100, it->season_end % 100);
		if (k->src == UINT32_MAX && k->own > 0 && b != NULL) {
			/* one of their regulars: that is the evidence */
			why_add(s, "a regular: in %u of this customer's %u "
			    "visits · %s%s", k->own, b->visits, sign, d);
			break;
		} else if (k->src == UINT32_MAX)
			why_add(s, "fits the basket · %s%s", sign, d);
		else
			why_add(s, "bought with %s%s in %d%% of %s orders "
			    "(%u of %u) · lift %.1f · %s%s",
			    c->items[k->src].name, k->src_range ? " or another "
			    "of its range" : "", pct(k->together, k->base),
			    k->src_range ? "their" : "its", k->together,
			    k->base, k->lift, sign, d);
		if (b != NULL) {
			const struct bought *bo = buyer_bought(b, it->id);
			if (bo != NULL && b->visits > 0)
				why_add(s, " · in %u of this customer's %u "
				    "visits", bo->orders, b->visits);
		}
		break;
	}
	if (s->offered >= TAKE_MENTION)
		why_add(s, " · taken by %u of %u offered", s->taken,
		    s->offered);
}

/* Fill suggestion s for candidate ci. */
static void
describe(const struct scorer *sc, const struct cand *kd, uint32_t ci,
    const struct buyer *b, int64_t basket_cost, int64_t now,
    struct suggestion *s)
{
	const struct catalog *c = sc->c;
	const struct item *it = &c->items[ci];

	memset(s, 0, sizeof *s);
	s->kind = kd->kind;
	s->item_id = it->id;
	s->price = it->price;
	s->score = kd->score;
	s->relevance = kd->p;
	take_rate(sc, ci, kd->kind, &s->offered, &s->taken);
	if (kd->kind == SUG_UPGRADE) {
		const struct item *f = &c->items[kd->up_from];
		s->base_id = f->id;
		s->diff = it->price - f->price;
		s->diff_pct = (int)((s->diff * 100 + f->price / 2) / f->price);
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
		s->diff_pct = basket_cost > 0 ? (int)((s->diff * 100 +
		    basket_cost / 2) / basket_cost) : 0;
	} else {
		s->diff = it->price;
		s->diff_pct = basket_cost > 0 ? (int)((it->price * 100 +
		    basket_cost / 2) / basket_cost) : 0;
		if (kd->kind == SUG_REFILL)
			s->base_id = c->items[kd->refill_of].id;
		else if (kd->src != UINT32_MAX) {
			s->together = kd->together;
			s->base_orders = kd->base;
			s->base_id = c->items[kd->src].id;
			s->base_range = kd->src_range;
		}
	}
	explain(sc, kd, ci, b, now, s);
}

size_t
scorer_rank(struct scorer *sc, const struct buyer *b, const int64_t *basket,
    size_t n, int64_t now, struct suggestion *out, size_t max)
{
	return scorer_rank_qty(sc, b, basket, NULL, n, now, out, max);
}

size_t
scorer_rank_qty(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, const int64_t *qty, size_t n, int64_t now,
    struct suggestion *out, size_t max)
{
	const struct catalog *c = sc->c;
	uint32_t *bidx, ci;
	size_t nb = 0, i, k, nout = 0, limit, norder = 0;
	int pass;
	int64_t basket_cost = 0;
	double top;

	limit = max < (size_t)sc->cfg.max_suggestions ? max :
	    (size_t)sc->cfg.max_suggestions;
	if (limit == 0)
		return 0;
	bidx = sc->order;   /* the basket's indexes first, then the ranking */
	for (i = 0; i < n; i++) {
		int64_t q = qty != NULL && qty[i] > 0 ? qty[i] : 1, line;

		ci = catalog_index(c, basket[i]);
		if (ci == UINT32_MAX)
			continue;
		sc->bqty[ci] = sc->bqty[ci] > INT64_MAX - q ? INT64_MAX :
		    sc->bqty[ci] + q;
		/* what the basket costs, saturating */
		if (c->items[ci].price > 0) {
			line = c->items[ci].price > INT64_MAX / q ? INT64_MAX :
			    c->items[ci].price * q;
			basket_cost = basket_cost > INT64_MAX - line ?
			    INT64_MAX : basket_cost + line;
		}
		if (sc->in_basket[ci])
			continue;
		sc->in_basket[ci] = 1;
		if (c->items[ci].family != NULL)
			sc->fam_in[c->fam_start[ci]] = 1;
		bidx[nb++] = ci;
	}
	top = add_relevance(sc, b, basket, n, now);
	if (top <= 0)
		top = 1;
	add_curated(sc);
	add_upgrades(sc, b, bidx, nb);
	add_refills(sc, b, now);
	add_seasonal(sc, bidx, nb, now);

	/* Guardrails, then the kind and score of what is left. */
	for (i = 0; i < sc->ntouched; i++) {
		struct cand *kd;
		const struct item *it;
		uint32_t off, taken;
		double t;

		ci = sc->touched[i];
		kd = &sc->cand[ci];
		it = &c->items[ci];
		kd->kind = -1;
		if (sc->in_basket[ci] || it->kind != ITEM_PRODUCT ||
		    !catalog_in_stock(it) ||
		    declined_recently(sc, b, it->id, now))
			continue;
		/* A seasonal item is sold in its season only. */
		if (it->season_start != ITEM_NO_SEASON &&
		    !catalog_in_season(it, civil_day_of(now)))
			continue;
		decide(sc, kd, ci, basket_cost, top);
		if (kd->kind == -1)
			continue;
		/* A family already in the basket: only a step up of it. */
		if (it->family != NULL && sc->fam_in[c->fam_start[ci]] &&
		    kd->kind != SUG_UPGRADE &&
		    !(kd->kind == SUG_REFILL && kd->refill_of != ci))
			continue;
		/* Just bought: not again — unless it is due, or buying it
		 * again that soon is their habit (they have done it before,
		 * or their usual gap has passed). */
		if (b != NULL && kd->kind != SUG_REFILL &&
		    just_bought(sc, buyer_bought(b, it->id), now))
			continue;
		/* The shop's own answers (a pending cross-sell is a
		 * seasonal in season, else a bundle). */
		t = take_rate(sc, ci, kd->kind != KIND_PENDING ? kd->kind :
		    kd->seasonal ? SUG_SEASONAL : SUG_BUNDLE, &off, &taken);
		if (sc->cfg.objective == SCORER_REVENUE) {
			int64_t diff = kd->kind == SUG_UPGRADE ? it->price -
			    c->items[kd->up_from].price : kd->curated > 0 ?
			    kd->curated_diff : kd->kind == SUG_REFILL &&
			    kd->refill_of != ci ? it->price -
			    c->items[kd->refill_of].price : it->price;
			kd->score *= t * (double)(diff > 0 ? diff : 0);
		} else
			kd->score *= t / sc->take_avg[kd->kind != KIND_PENDING ?
			    kd->kind : kd->seasonal ? SUG_SEASONAL : SUG_BUNDLE];
		if (kd->score > 0)
			sc->order[nb + norder++] = ci;
	}
	rank_sort(sc, sc->order + nb, norder);

	/* Two passes: the first takes at most two of a kind, so that a good
	 * upgrade is not crowded out by a third bundle; the second fills. */
	for (pass = 0; pass < 2; pass++)
	for (k = 0; k < norder && nout < limit; k++) {
		struct cand *kd;
		const struct item *it;
		int dup = 0, same = 0;

		ci = sc->order[nb + k];
		kd = &sc->cand[ci];
		it = &c->items[ci];
		if (kd->kind == KIND_PENDING)
			settle(sc, kd, ci, bidx, nb, b);
		if (kd->kind < 0)
			continue;
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
		describe(sc, kd, ci, b, basket_cost, now, &out[nout++]);
	}

	for (i = 0; i < nb; i++) {
		sc->in_basket[bidx[i]] = 0;
		sc->bqty[bidx[i]] = 0;
		sc->fam_in[c->fam_start[bidx[i]]] = 0;
	}
	for (i = 0; i < sc->ntouched; i++)
		sc->used[sc->touched[i]] = 0;
	sc->ntouched = 0;
	return nout;
}
