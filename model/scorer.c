/*
 * scorer.c — ranking suggestions (model/scorer.h): the scorer and its
 * take rates, the candidates' bookkeeping, and the ranking itself (each
 * candidate decided, settled and sorted).  The evidence is gathered in
 * scorer_evidence.c, the words of a suggestion made in scorer_explain.c
 * (scorer_int.h).
 */
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
#include "model/scorer_int.h"

#define TAKE_PRIOR      10.0   /* pseudo-offers of the Beta prior        */

#define TAKE_DEFAULT    0.2    /* a kind's take rate with no answers yet */

#define REFILL_CV_MAX   0.5    /* a regular repurchase: gaps within half */

static const char *kind_names[SUG_NKINDS] = {
	"upgrade", "bundle", "refill", "seasonal" };

static const char *kind_badges[SUG_NKINDS] = {
	"UPGRADE", "BUNDLE", "REFILL", "SEASONAL" };

const char *
scorer_kind_name(int kind)
{
	return kind >= 0 && kind < SUG_NKINDS ? kind_names[kind] : "unknown";
}

int
scorer_replaces(const struct suggestion *g)
{
	return g->base_id != 0 && (g->kind == SUG_UPGRADE ||
	    (g->kind == SUG_REFILL && g->base_id != g->item_id));
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
		.cooldown_days = 30, .recent_days = 3, .durable_days = 90,
		.min_pair_orders = 5, .cross_sell_percent = 50,
		.strong_pair_lift_percent = 200,
		.lapse_cycles = 3, .objective = SCORER_RELEVANCE, .scale = 2,
		.use_model = 1, .use_history = 1,
	};
	return c;
}

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
	sc->pending = xmalloc(n * sizeof *sc->pending);
	sc->ev = xmalloc(n * sizeof *sc->ev);
	sc->in_basket = xcalloc(n, 1);
	sc->used = xcalloc(n, 1);
	sc->fam_in = xcalloc(n, 1);
	sc->picked = xmalloc(n * sizeof *sc->picked);
	sc->c2m = xmalloc(n * sizeof *sc->c2m);
	memset(sc->c2m, 0xff, n * sizeof *sc->c2m);
	sc->seasonal = xmalloc(n * sizeof *sc->seasonal);
	for (i = 0; i < c->n; i++) {
		if (c->items[i].season_start != ITEM_NO_SEASON)
			sc->seasonal[sc->nseasonal++] = (uint32_t)i;
		if (c->items[i].refill_days > 0)
			sc->rhythms = 1;
	}
	for (k = 0; k < SUG_NKINDS; k++)
		sc->take_avg[k] = TAKE_DEFAULT;
	if (m != NULL) {
		sc->m2c = xmalloc((m->nitems ? m->nitems : 1) *
		    sizeof *sc->m2c);
		sc->evslot = xcalloc(m->nitems ? m->nitems : 1,
		    sizeof *sc->evslot);
		for (i = 0; i < m->nitems; i++) {
			sc->m2c[i] = catalog_index(c, m->store_id[i]);
			if (sc->m2c[i] != UINT32_MAX)
				sc->c2m[sc->m2c[i]] = (uint32_t)i;
		}
		sc->rel = rel_new(m);
		scorer_pair_bounds(sc);
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
	free(sc->pending);
	free(sc->evslot);
	free(sc->ev);
	free(sc->pair_low);
	free(sc->in_basket);
	free(sc->used);
	free(sc->fam_in);
	free(sc->picked);
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
double
scorer_take(const struct scorer *sc, uint32_t ci, int kind, uint32_t *offered,
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

struct cand *
scorer_touch(struct scorer *sc, uint32_t ci)
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
int
scorer_usual_brand_tier(const struct scorer *sc, const struct buyer *b)
{
	uint64_t by[4] = { 0 };
	size_t i;
	int best = 0, t;

	if (b == NULL)
		return 0;
	for (i = 0; i < b->nbought; i++) {
		const struct item *it = catalog_item(sc->c,
		    b->bought[i].item_id);
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
int
scorer_rhythm_days(const struct item *it, const struct bought *bo)
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
 * Item it (bought as bo) bought within recent_days of now — or within
 * durable_days for a durable one: no refill rhythm in a catalogue that
 * gives its consumables one (the laptop bought last week is not offered
 * again; a catalogue with no rhythms at all cannot tell) — and not out
 * of habit: not one of their regulars (bought in REFILL_MIN+ orders:
 * what they buy again and again they may want again soon), and not
 * re-bought within that time before.
 */
static int
just_bought(const struct scorer *sc, const struct item *it,
    const struct bought *bo, int64_t now)
{
	int days = sc->cfg.recent_days;

	if (sc->rhythms && it->refill_days <= 0 && sc->cfg.durable_days > days)
		days = sc->cfg.durable_days;
	if (bo == NULL || bo->last_at < now - (int64_t)days * CIVIL_DAY)
		return 0;
	if (bo->orders >= REFILL_MIN || (bo->orders >= 2 &&
	    bo->gap_min_days < days))
		return 0;
	return 1;
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

/* The dearest basket item of its category; 0 for none (or it has no
 * category). */
static int64_t
category_price(const struct scorer *sc, const struct item *it)
{
	const struct item *bi;
	int64_t best = 0;
	size_t i;

	if (it->category == NULL)
		return 0;
	for (i = 0; i < sc->nbasket; i++) {
		bi = &sc->c->items[sc->order[i]];
		if (bi->price > best && bi->category != NULL &&
		    strcmp(bi->category, it->category) == 0)
			best = bi->price;
	}
	return best;
}

static void
decide(struct scorer *sc, struct cand *k, uint32_t ci, int64_t basket_cost,
    double top)
{
	const struct item *it = &sc->c->items[ci];

	k->kind = -1;
	k->score = 0;
	k->over_cap = 0;
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
		k->score = k->refill * top * REFILL_LIFT;
		if (k->p > k->score)
			k->score = k->p;
		return;
	}
	if (k->p <= 0 && k->seasonal == 0)
		return;                 /* no reason to say it */
	/* A cross-sell costs at most a share of what is in the basket, or,
	 * on strong evidence (settled later), as much as a basket item of its
	 * category. */
	if (it->price > basket_cost / 100 * sc->cfg.cross_sell_percent +
	    basket_cost % 100 * sc->cfg.cross_sell_percent / 100) {
		if (it->price > category_price(sc, it))
			return;
		k->over_cap = 1;
	}
	k->kind = KIND_PENDING;
	k->score = k->p;
	if (k->score == 0)
		k->score = 1e-9 * top;  /* in season, fits: last */
}

/*
 * A pending cross-sell, settled by its evidence (found for every pending
 * one before the pick): significant pair evidence with the latest basket
 * items (or, in season, the same category), else one of the buyer's
 * regulars; -1 otherwise.  One over the cap needs its pair evidence.
 */
static void
settle(struct scorer *sc, struct cand *k, uint32_t ci, const struct buyer *b)
{
	const struct item *it = &sc->c->items[ci];

	k->kind = -1;
	if (k->over_cap && k->src == UINT32_MAX)
		return;
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

/* 1 if id is among v[0..n). */
static int
among(const int64_t *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

/* scorer_visit_leaves_out() of a suggestion of item_id which, when
 * replaces, steps up basket item base_id. */
static int
leaves_out(const struct scorer_visit *v, int64_t item_id, int replaces,
    int64_t base_id)
{
	return v != NULL && (among(v->declined, v->ndeclined, item_id) ||
	    (replaces && among(v->stepped, v->nstepped, base_id)));
}

int
scorer_visit_leaves_out(const struct scorer_visit *v,
    const struct suggestion *g)
{
	return leaves_out(v, g->item_id, scorer_replaces(g), g->base_id);
}

/* The same for candidate kd (of item ci), before it is described. */
static int
visit_settled(const struct scorer *sc, const struct cand *kd, uint32_t ci)
{
	const struct item *items = sc->c->items;
	uint32_t base = kd->kind == SUG_UPGRADE ? kd->up_from :
	    kd->kind == SUG_REFILL && kd->refill_of != ci ? kd->refill_of :
	    UINT32_MAX;

	return leaves_out(sc->visit, items[ci].id, base != UINT32_MAX,
	    base != UINT32_MAX ? items[base].id : 0);
}

/*
 * The basket's items into bidx (once each, known to the catalogue), their
 * quantities into bqty, their families marked; *cost is what the basket
 * costs (saturating).  Returns how many.
 */
static size_t
rank_basket(struct scorer *sc, const int64_t *basket, const int64_t *qty,
    size_t n, uint32_t *bidx, int64_t *cost)
{
	const struct catalog *c = sc->c;
	size_t nb = 0, i;
	uint32_t ci;

	*cost = 0;
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
			*cost = *cost > INT64_MAX - line ?
			    INT64_MAX : *cost + line;
		}
		if (sc->in_basket[ci])
			continue;
		sc->in_basket[ci] = 1;
		if (c->items[ci].family != NULL)
			sc->fam_in[c->fam_start[ci]] = 1;
		bidx[nb++] = ci;
	}
	return nb;
}

/*
 * Candidate ci through the guardrails, then its kind and score (the
 * shop's take rates weigh it).  1 if it stays in the running.
 */
static int
rank_candidate(struct scorer *sc, const struct buyer *b, uint32_t ci,
    int64_t basket_cost, double top, int64_t now)
{
	const struct catalog *c = sc->c;
	struct cand *kd = &sc->cand[ci];
	const struct item *it = &c->items[ci];
	uint32_t off, taken;
	double t;


	kd->kind = -1;
	if (sc->in_basket[ci] || it->kind != ITEM_PRODUCT ||
	    !catalog_in_stock(it) ||
	    declined_recently(sc, b, it->id, now)) {
		return 0;
	}
	/* A seasonal item is sold in its season only. */
	if (it->season_start != ITEM_NO_SEASON &&
	    !catalog_in_season(it, civil_day_of(now)))
		return 0;
	decide(sc, kd, ci, basket_cost, top);
	if (kd->kind == -1) {
		return 0;
	}
	/* A family already in the basket: only a step up of it. */
	if (it->family != NULL && sc->fam_in[c->fam_start[ci]] &&
	    kd->kind != SUG_UPGRADE &&
	    !(kd->kind == SUG_REFILL && kd->refill_of != ci)) {
		return 0;
	}
	/* Just bought: not again — unless it is due, or buying it
	 * again that soon is their habit (they have done it before,
	 * or their usual gap has passed). */
	if (b != NULL && kd->kind != SUG_REFILL &&
	    just_bought(sc, it, buyer_bought(b, it->id), now))
		return 0;
	/* The shop's own answers (a pending cross-sell is a
	 * seasonal in season, else a bundle). */
	t = scorer_take(sc, ci, kd->kind != KIND_PENDING ? kd->kind :
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
	return kd->score > 0;
}

/* The basket's purchase: its dearest product when that costs
 * RANK_MAJOR_FACTOR times each other item with a price (a line priced 0
 * tells nothing), else UINT32_MAX. */
static uint32_t
major_item(const struct scorer *sc)
{
	const struct catalog *c = sc->c;
	const uint32_t *bidx = sc->order;   /* rank_basket's, first */
	uint32_t major = UINT32_MAX;
	size_t i, others = 0;

	for (i = 0; i < sc->nbasket; i++)
		if (major == UINT32_MAX ||
		    c->items[bidx[i]].price > c->items[major].price)
			major = bidx[i];
	if (major == UINT32_MAX || c->items[major].price <= 0 ||
	    c->items[major].kind != ITEM_PRODUCT)
		return UINT32_MAX;      /* no prices, or postage: no purchase */
	for (i = 0; i < sc->nbasket; i++) {
		int64_t p = c->items[bidx[i]].price;

		if (bidx[i] == major || p <= 0)
			continue;
		if (p > c->items[major].price / RANK_MAJOR_FACTOR)
			return UINT32_MAX;
		others++;
	}
	return others > 0 ? major : UINT32_MAX;
}

/* 1 if candidate kd speaks of basket item x: its step up, an add-on
 * whose evidence is x (or x's range), or the item that completes a
 * curated set holding x. */
static int
speaks_of(const struct scorer *sc, const struct cand *kd, uint32_t x)
{
	const struct bundle *bu;
	size_t i;

	if (kd->kind == SUG_UPGRADE)
		return kd->up_from == x;
	if (kd->kind != SUG_BUNDLE && kd->kind != SUG_SEASONAL)
		return 0;
	if (kd->curated <= 0)
		return kd->src == x;
	bu = &sc->c->bundles[kd->curated_ix];
	for (i = 0; i < bu->nitems; i++)
		if (bu->items[i].item_id == sc->c->items[x].id)
			return 1;
	return 0;
}

/* 1 if catalogue items x and y are of one family. */
static int
same_family(const struct catalog *c, uint32_t x, uint32_t y)
{
	return c->items[x].family != NULL && c->items[y].family != NULL &&
	    c->fam_start[x] == c->fam_start[y];
}

/* 1 if candidate ci would be a third of a kind or of a product line
 * beside picked[0..n). */
static int
crowds(const struct scorer *sc, uint32_t ci, const uint32_t *picked,
    size_t n)
{
	const struct catalog *c = sc->c;
	size_t i, same = 0, line = 0;

	for (i = 0; i < n; i++) {
		same += sc->cand[picked[i]].kind == sc->cand[ci].kind;
		line += c->line[ci] != CATALOG_NO_LINE &&
		    c->line[picked[i]] == c->line[ci];
	}
	return same >= 2 || line >= 2;
}

/*
 * A laptop rung up before the coffee: the three suggestions all of the
 * coffee (its biscuits, a soap, its step up) leave the purchase unsaid.
 * When the basket has a major item (major_item) and none of the first
 * RANK_MAJOR_PLACE of out[0..*n) that the visit has not settled
 * (visit_settled: the caller leaves those out) speaks of it, the best
 * candidate that does takes the last of those places — the best that
 * makes no third of a kind or of a product line beside the others, else
 * the best — and the rest follow, less one of its family, up to *n.  The
 * first places are the same whatever was asked for.
 */
static void
keep_major(struct scorer *sc, const struct buyer *b, const uint32_t *order,
    size_t norder, int64_t basket_cost, int64_t now, struct suggestion *out,
    size_t *n)
{
	const struct catalog *c = sc->c;
	uint32_t major = major_item(sc), ci = UINT32_MAX, *picked = sc->picked;
	uint32_t first[RANK_MAJOR_PLACE];
	struct suggestion hold;
	size_t i, k, m, nf = 0, place = 0;
	int crowding;

	if (major == UINT32_MAX)
		return;
	/* the first places the caller shows */
	for (i = 0; i < *n && nf < RANK_MAJOR_PLACE; i++)
		if (!visit_settled(sc, &sc->cand[picked[i]], picked[i])) {
			if (speaks_of(sc, &sc->cand[picked[i]], major))
				return;
			first[nf++] = picked[i];
			place = i;
		}
	if (nf < RANK_MAJOR_PLACE)
		return;
	nf--;                           /* the last of them is the place */
	for (crowding = 0; crowding < 2 && ci == UINT32_MAX; crowding++)
	for (k = 0; k < norder && ci == UINT32_MAX; k++) {
		struct cand *kd = &sc->cand[order[k]];
		int taken = 0;

		if (kd->kind == KIND_PENDING)
			settle(sc, kd, order[k], b);
		if (kd->kind < 0 || !speaks_of(sc, kd, major) ||
		    visit_settled(sc, kd, order[k]) ||
		    (!crowding && crowds(sc, order[k], first, nf)))
			continue;
		for (i = 0; i < nf; i++)
			taken |= first[i] == order[k] ||
			    same_family(c, first[i], order[k]);
		if (!taken)
			ci = order[k];
	}
	if (ci == UINT32_MAX)
		return;
	/* out[place..*n) less ci and its family, one place down, ci at
	 * the place */
	for (i = m = place; i < *n; i++)
		if (picked[i] != ci && !same_family(c, picked[i], ci)) {
			picked[m] = picked[i];
			out[m++] = out[i];
		}
	if (m == *n)
		m--;                    /* the last drops */
	for (i = m; i > place; i--) {   /* a loop: see rel_rank */
		out[i] = out[i - 1];
		picked[i] = picked[i - 1];
	}
	scorer_describe(sc, &sc->cand[ci], ci, b, basket_cost, now, &hold);
	out[place] = hold;
	picked[place] = ci;
	*n = m + 1;
}

/*
 * The suggestions, from the ranked candidates order[0..norder): two
 * passes, the first takes at most two of a kind, so that a good upgrade
 * is not crowded out by a third bundle, but only while the other kinds
 * score at least RANK_CROWD_SHARE of that third one (a weak refill does
 * not push out a strong bundle) — and the same for a third of one
 * product line (catalog.line: three designs of one jumbo bag are
 * one thing to say, not three); the second fills.  One per item and
 * per family; a major item keeps a place (keep_major).  Returns how many
 * were written to out (at most limit).
 */
static size_t
rank_pick(struct scorer *sc, const struct buyer *b, const uint32_t *order,
    size_t norder, int64_t basket_cost, int64_t now, struct suggestion *out,
    size_t limit)
{
	const struct catalog *c = sc->c;
	size_t nout = 0, i, k;
	uint32_t ci, *picked = sc->picked;  /* out[i]'s catalogue index */
	int pass;
	double crowded = 0;     /* the score of the first third of a kind */

	for (pass = 0; pass < 2; pass++)
	for (k = 0; k < norder && nout < limit; k++) {
		struct cand *kd;
		const struct item *it;
		int dup = 0, same = 0, line = 0;

		ci = order[k];
		kd = &sc->cand[ci];
		it = &c->items[ci];
		if (kd->kind == KIND_PENDING)
			settle(sc, kd, ci, b);
		if (kd->kind < 0)
			continue;
		for (i = 0; i < nout; i++) {
			if (out[i].item_id == it->id)
				dup = 1;
			same += out[i].kind == kd->kind;
			line += pass == 0 && c->line[ci] != CATALOG_NO_LINE &&
			    c->line[picked[i]] == c->line[ci];
		}
		if (dup || (pass == 0 && (same >= 2 || line >= 2))) {
			if (!dup && crowded == 0)
				crowded = kd->score;
			continue;
		}
		if (pass == 0 && crowded > 0 &&
		    kd->score < RANK_CROWD_SHARE * crowded)
			break;          /* the rest in rank order */
		/* One per family (a family's members share its range of
		 * the ladder). */
		for (i = 0; i < nout && it->family != NULL; i++)
			if (c->items[picked[i]].family != NULL &&
			    c->fam_start[picked[i]] == c->fam_start[ci])
				dup = 1;
		if (dup)
			continue;
		picked[nout] = ci;
		scorer_describe(sc, kd, ci, b, basket_cost, now, &out[nout++]);
	}
	keep_major(sc, b, order, norder, basket_cost, now, out, &nout);
	return nout;
}


size_t
scorer_rank_qty(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, const int64_t *qty, size_t n, int64_t now,
    struct suggestion *out, size_t max)
{
	return scorer_rank_visit(sc, b, basket, qty, n, now, NULL, out, max);
}

size_t
scorer_rank_visit(struct scorer *sc, const struct buyer *b,
    const int64_t *basket, const int64_t *qty, size_t n, int64_t now,
    const struct scorer_visit *v, struct suggestion *out, size_t max)
{
	const struct catalog *c = sc->c;
	uint32_t *bidx, ci;
	size_t nb, i, nout, limit, norder = 0, npending = 0, from;
	int64_t basket_cost;
	double top;

	limit = max < (size_t)sc->cfg.max_suggestions ? max :
	    (size_t)sc->cfg.max_suggestions;
	if (limit == 0)
		return 0;
	sc->visit = v;
	bidx = sc->order;   /* the basket's indexes first, then the ranking */
	nb = rank_basket(sc, basket, qty, n, bidx, &basket_cost);
	sc->nbasket = nb;
	top = scorer_add_relevance(sc, b, basket, n, now);
	if (top <= 0)
		top = 1;
	scorer_add_curated(sc);
	scorer_add_upgrades(sc, b, bidx, nb);
	scorer_add_refills(sc, b, now);
	scorer_add_seasonal(sc, bidx, nb, now);

	/* Guardrails, then the kind and score of what is left. */
	for (i = 0; i < sc->ntouched; i++) {
		ci = sc->touched[i];
		if (i + 4 < sc->ntouched)   /* its item record, asked ahead */
			__builtin_prefetch(&c->items[sc->touched[i + 4]]);
		if (rank_candidate(sc, b, ci, basket_cost, top, now))
			sc->order[nb + norder++] = ci;
	}
	rank_sort(sc, sc->order + nb, norder);
	/* the evidence of the pending cross-sells, from the latest items */
	for (i = 0; i < norder; i++)
		if (sc->cand[sc->order[nb + i]].kind == KIND_PENDING)
			sc->pending[npending++] = sc->order[nb + i];
	from = nb > REL_BASKET_USED ? nb - REL_BASKET_USED : 0;
	scorer_find_evidence(sc, sc->pending, npending, bidx + from, nb - from);
	nout = rank_pick(sc, b, sc->order + nb, norder, basket_cost, now, out,
	    limit);

	for (i = 0; i < nb; i++) {
		sc->in_basket[bidx[i]] = 0;
		sc->bqty[bidx[i]] = 0;
		sc->fam_in[c->fam_start[bidx[i]]] = 0;
	}
	for (i = 0; i < sc->ntouched; i++)
		sc->used[sc->touched[i]] = 0;
	sc->ntouched = 0;
	sc->visit = NULL;
	return nout;
}
