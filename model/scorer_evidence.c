/*
 * scorer_evidence.c — gathering the candidates of a ranking and their
 * evidence: the mined pairs (a Wilson bound on the lift), relevance, the
 * curated bundles, upgrades within the cap, refills due, and the season's
 * items.
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

/* The lower bound of the lift that candidate ci needs with basket item
 * src: above 1; strong_pair_lift_percent between two categories, and for
 * one over the cross-sell cap (then only with an item of its category
 * that costs as much). */
static double
lift_needed(const struct scorer *sc, uint32_t ci, uint32_t src)
{
	const struct item *it = &sc->c->items[ci], *si = &sc->c->items[src];
	double strong = sc->cfg.strong_pair_lift_percent / 100.0;
	int both = it->category != NULL && si->category != NULL;
	int same = both && strcmp(it->category, si->category) == 0;

	if (sc->cand[ci].over_cap)
		return same && si->price >= it->price ? strong : HUGE_VAL;
	return both && !same ? strong : 1;
}

/*
 * Keep (together of base) as candidate ci's evidence from basket item
 * src when its lower bound `low` is significant and the best so far (in
 * *e).  Evidence with the basket's main item (its dearest: the phone,
 * not the case) goes before any other — the line says "for your new
 * phone" — and the best bound chooses among the rest.
 */
static void
keep(const struct scorer *sc, uint32_t ci, uint32_t src, int range,
    uint32_t together, uint32_t base, uint32_t freq, double low,
    uint32_t main, struct evwork *e)
{
	struct cand *k = &sc->cand[ci];
	int is_main = src == main;

	if (e->main > is_main || (e->main == is_main && low <= e->best) ||
	    low <= lift_needed(sc, ci, src))
		return;
	e->best = low;
	e->main = is_main;
	k->src = src;
	k->src_range = range;
	k->together = together;
	k->base = base;
	k->lift = (double)together * sc->m->nbaskets /
	    ((double)base * freq);
}

/* The lower bound of the lift of together of base, freq the partner's
 * orders; 0 below min_pair_orders (never significant). */
static double
lift_low(const struct scorer *sc, uint32_t together, uint32_t base,
    uint32_t freq)
{
	if (together < (uint32_t)sc->cfg.min_pair_orders || base == 0 ||
	    freq == 0)
		return 0;
	return wilson_low(together, base) * sc->m->nbaskets / freq;
}

void
scorer_pair_bounds(struct scorer *sc)
{
	const struct model *m = sc->m;
	uint32_t a, p;

	sc->pair_low = xmalloc((m->nitems ? m->pstart[m->nitems] : 0) *
	    sizeof *sc->pair_low + 1);
	for (a = 0; a < m->nitems; a++)
		for (p = m->pstart[a]; p < m->pstart[a + 1]; p++)
			sc->pair_low[p] = lift_low(sc, m->pairs[p].count,
			    m->freq[a], m->freq[m->pairs[p].item]);
}

/* The partner of pair p: from the ranker's records when there are
 * (rel_rank has just read them: in the cache), else the model's. */
static inline uint32_t
partner(const struct model *m, const struct rel_pair *rp, uint32_t p)
{
	return rp != NULL ? rp[p].item : m->pairs[p].item;
}

/* Each basket item's partners read once, each match looked up by the
 * candidate's model index (evslot); the range's counts summed the same
 * way, rung by rung. */
void
scorer_find_evidence(struct scorer *sc, const uint32_t *cis, size_t n,
    const uint32_t *bidx, size_t nb)
{
	const struct catalog *c = sc->c;
	const struct model *m = sc->m;
	const struct rel_pair *rp = sc->rel ? rel_pairs(sc->rel) : NULL;
	size_t i, j;
	uint32_t p, r, mc, base_all, main = UINT32_MAX;

	if (m == NULL || m->nbaskets == 0 || n == 0)
		return;
	/* the candidates the model knows, found by their model index */
	for (j = 0; j < n; j++) {
		mc = sc->c2m[cis[j]];
		if (mc != UINT32_MAX && m->freq[mc] > 0) {
			sc->evslot[mc] = (uint32_t)j + 1;
			sc->ev[j].best = 1;
			sc->ev[j].main = 0;
		}
	}
	/* the main item: the dearest (the first of them) */
	for (i = 0; i < nb; i++)
		if (main == UINT32_MAX || c->items[bidx[i]].price >
		    c->items[main].price)
			main = bidx[i];
	for (i = 0; i < nb; i++) {
		uint32_t a = bidx[i], ma = sc->c2m[a];

		/* the orders with a, and of them those with each candidate */
		for (p = ma != UINT32_MAX ? m->pstart[ma] : 0;
		    ma != UINT32_MAX && p < m->pstart[ma + 1]; p++) {
			const struct mine_pair *pr = &m->pairs[p];

			/* most are no candidate, or no better than the best */
			if ((j = sc->evslot[partner(m, rp, p)]) == 0 ||
			    (a != main && (sc->ev[j - 1].main ||
			    sc->pair_low[p] <= sc->ev[j - 1].best)))
				continue;
			keep(sc, cis[j - 1], a, 0, pr->count, m->freq[ma],
			    m->freq[pr->item], sc->pair_low[p], main,
			    &sc->ev[j - 1]);
		}
		if (c->items[a].family == NULL ||
		    c->fam_end[a] - c->fam_start[a] < 2)
			continue;
		/* a's whole range: its members' orders, but a candidate's
		 * own when it is one of them */
		for (j = 0; j < n; j++)
			sc->ev[j].together = 0;
		base_all = 0;
		for (r = c->fam_start[a]; r < c->fam_end[a]; r++) {
			uint32_t mm = sc->c2m[c->ladder[r]];

			if (mm == UINT32_MAX)
				continue;
			base_all += m->freq[mm];
			for (p = m->pstart[mm]; p < m->pstart[mm + 1]; p++) {
				const struct mine_pair *pr = &m->pairs[p];

				j = sc->evslot[pr->item];
				if (j != 0 && cis[j - 1] != c->ladder[r])
					sc->ev[j - 1].together += pr->count;
			}
		}
		for (j = 0; j < n; j++) {
			uint32_t ci = cis[j], base = base_all;

			mc = sc->c2m[ci];
			if (mc == UINT32_MAX || sc->evslot[mc] != j + 1)
				continue;
			if (c->items[ci].family != NULL &&
			    c->fam_start[ci] == c->fam_start[a])
				base -= m->freq[mc];
			keep(sc, ci, a, 1, sc->ev[j].together, base,
			    m->freq[mc], lift_low(sc, sc->ev[j].together,
			    base, m->freq[mc]), main, &sc->ev[j]);
		}
	}
	for (j = 0; j < n; j++)
		if ((mc = sc->c2m[cis[j]]) != UINT32_MAX)
			sc->evslot[mc] = 0;
}

/* The relevance pool: p for each candidate the ranker put forward. */
double
scorer_add_relevance(struct scorer *sc, const struct buyer *b,
    const int64_t *basket,
    size_t n, int64_t now)
{
	const struct rel_cand *pool;
	size_t i, np, nm = 0;
	double mx, z = 0, best = 0, e[REL_POOL];
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
		z += e[i] = exp(pool[i].score - mx);
	for (i = 0; i < np; i++) {
		ci = sc->m2c[pool[i].item];
		if (i + 4 < np && sc->m2c[pool[i + 4].item] != UINT32_MAX)
			__builtin_prefetch(&sc->cand[sc->m2c[pool[i + 4].item]]);
		if (ci == UINT32_MAX || sc->in_basket[ci])
			continue;
		scorer_touch(sc, ci)->p = e[i] / z;
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
void
scorer_add_curated(struct scorer *sc)
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
		struct cand *kd = scorer_touch(sc, missing);
		/* its evidence: the share of the set's price it saves */
		kd->curated = (double)(full - bu->price) / full;
		kd->curated_ix = k;
		kd->curated_diff = diff;
	}
}

void
scorer_add_upgrades(struct scorer *sc, const struct buyer *b,
    const uint32_t *bidx,
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
				usual = scorer_usual_brand_tier(sc, b);
			if (to->brand_tier < from->brand_tier ||
			    (usual > 0 && to->brand_tier < usual))
				continue;
			/* Its evidence: the share of the two's orders that
			 * chose it (a half when nobody bought either). */
			ma = sc->c2m[a];
			mt = sc->c2m[ti];
			if (sc->m != NULL && ma != UINT32_MAX
			    && mt != UINT32_MAX &&
			    sc->m->freq[ma] + sc->m->freq[mt] > 0)
				share = (double)sc->m->freq[mt] /
				    (sc->m->freq[ma] + sc->m->freq[mt]);
			struct cand *kd = scorer_touch(sc, ti);
			if (share > kd->upgrade) {
				kd->upgrade = share;
				kd->up_from = a;
			}
		}
	}
}

/* The latest time b bought catalogue item ci or any other item of its
 * family (at least `last`, ci's own). */
static int64_t
family_last_at(const struct catalog *c, const struct buyer *b, uint32_t ci,
    int64_t last)
{
	const struct bought *o;
	uint32_t k;

	if (c->items[ci].family == NULL)
		return last;
	for (k = c->fam_start[ci]; k < c->fam_end[ci]; k++)
		if (c->ladder[k] != ci && (o = buyer_bought(b,
		    c->items[c->ladder[k]].id)) != NULL && o->last_at > last)
			last = o->last_at;
	return last;
}

/* How far ahead scorer_add_refills asks for a buyer's records. */
#define REFILL_AHEAD 8

void
scorer_add_refills(struct scorer *sc, const struct buyer *b, int64_t now)
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

		/* the record a few ahead asked for now: each is a line of
		 * its own, seldom in the cache at a customer's first call */
		if (b->top != NULL && i + REFILL_AHEAD < n)
			__builtin_prefetch(&b->bought[b->top[i +
			    REFILL_AHEAD]]);

		ci = catalog_index(c, bo->item_id);
		if (ci == UINT32_MAX)
			continue;
		it = &c->items[ci];
		if (it->kind != ITEM_PRODUCT || (every = scorer_rhythm_days(it,
		    bo)) <= 0)
			continue;       /* it does not run out */
		since = today - civil_day_of(bo->last_at);
		if (since > (int64_t)sc->cfg.lapse_cycles * every)
			continue;       /* they stopped buying it */
		/* Another size of it bought since (the 250 ml after the
		 * 50 ml) met the same need: counted from that one. */
		since = today - civil_day_of(family_last_at(c, b, ci,
		    bo->last_at));
		due = every - since;
		/* due in the second half of the rhythm: not "running low?"
		 * a day after an 8-day one, as a week's margin made it.  A
		 * tighter window (the last quarter or third) cost Online
		 * Retail's evaluation 0.0005 at 3: they do buy in the
		 * second half. */
		if (due > every / 2)
			continue;
		rate = (double)bo->orders / b->visits;
		if (rate > 1)
			rate = 1;
		if (!sc->in_basket[ci]) {
			struct cand *kd = scorer_touch(sc, ci);
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
		struct cand *kd = scorer_touch(sc, ni);
		if (rate > kd->refill) {
			kd->refill = rate;
			kd->refill_of = ci;
			kd->refill_every = every;
		}
	}
}

void
scorer_add_seasonal(struct scorer *sc, const uint32_t *bidx, size_t nb,
    int64_t now)
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
		scorer_touch(sc, ci)->seasonal = fits ? 2 : 1;
	}
}
