/*
 * scorer_explain.c — a suggestion's words: the reasons it is made (the
 * evidence in plain figures) and its short description.
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

static void
money(const struct scorer *sc, int64_t v, char *buf, size_t size)
{
	money_show(v, sc->cfg.scale, sc->cfg.currency, buf, size);
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

/* "in 9 of this customer's 99 visits", true to what the buyer holds:
 * "last 100 visits" when there may be more before them, "their one
 * visit" for one. */
static void
why_visits(struct suggestion *s, const struct buyer *b, uint32_t n)
{
	if (b->visits == 1 && n == 1)
		why_add(s, "in this customer's one visit");
	else
		why_add(s, "in %u of this customer's %s%u visits", n,
		    b->latest ? "last " : "", b->visits);
}

/* "today", "yesterday", "12 days ago" into buf. */
static const char *
days_ago(int64_t days, char *buf, size_t size)
{
	if (days <= 0)
		snprintf(buf, size, "today");
	else if (days == 1)
		snprintf(buf, size, "yesterday");
	else
		snprintf(buf, size, "%lld days ago", (long long)days);
	return buf;
}

/* Why a curated bundle's item: what the bundle costs, whole and saved. */
static void
explain_curated(const struct scorer *sc, const struct cand *k, const char *d,
    struct suggestion *s)
{
	const struct catalog *c = sc->c;
	const struct bundle *bu = &c->bundles[k->curated_ix];
	int64_t full = 0, units = 0;
	char bp[32], fp[32], sv[32];
	size_t i;

	for (i = 0; i < bu->nitems; i++) {
		full += catalog_item(c, bu->items[i].item_id)->price *
		    bu->items[i].qty;
		units += bu->items[i].qty;
	}
	money(sc, bu->price, bp, sizeof bp);
	money(sc, full, fp, sizeof fp);
	money(sc, full - bu->price, sv, sizeof sv);
	why_add(s, "completes the %s: all %lld for %s instead of %s · +%s for "
	    "it (saves %s)", bu->name, (long long)units, bp, fp, d, sv);
}

/* The why of a refill: how often they buy it, and when they last did
 * (a date beyond CIVIL_AGO_DAYS: an old history). */
static void
explain_refill(const struct scorer *sc, const struct cand *k, uint32_t ci,
    const struct buyer *b, int64_t now, struct suggestion *s, const char *d)
{
	const struct catalog *c = sc->c;
	const struct bought *bo = buyer_bought(b, c->items[k->refill_of].id);
	int64_t since = bo ? civil_day_of(now) - civil_day_of(bo->last_at) : 0;
	const char *sign = s->diff >= 0 ? "+" : "";
	char day[40];

	if (k->refill_of != ci)
		why_add(s, "in place of %s, bought in %u orders about "
		    "every %d days: the next size up · %s%s (%s%d%%)",
		    c->items[k->refill_of].name, bo ? bo->orders : 0,
		    k->refill_every, sign, d, sign, s->diff_pct);
	else if (since > CIVIL_AGO_DAYS && bo->orders == 1) {
		civil_format_day(civil_day_of(bo->last_at), day, sizeof day);
		why_add(s, "bought once, on %s · it lasts about %d days · "
		    "%s%s", day, k->refill_every, sign, d);
	} else if (since > CIVIL_AGO_DAYS) {
		civil_format_day(civil_day_of(bo->last_at), day, sizeof day);
		why_add(s, "bought in %u orders, about every %d days · last "
		    "on %s · %s%s", bo->orders, k->refill_every, day, sign, d);
	} else if (bo != NULL && bo->orders == 1)
		why_add(s, "bought once, %s · it lasts about %d days · %s%s",
		    days_ago(since, day, sizeof day), k->refill_every, sign, d);
	else
		why_add(s, "bought in %u orders, about every %d days · last "
		    "%s · %s%s", bo ? bo->orders : 0, k->refill_every,
		    days_ago(since, day, sizeof day), sign, d);
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
	case SUG_REFILL:
		explain_refill(sc, k, ci, b, now, s, d);
		break;
	case SUG_SEASONAL:
	case SUG_BUNDLE:
		if (k->curated > 0) {
			explain_curated(sc, k, d, s);
			break;
		}
		if (k->kind == SUG_SEASONAL)
			why_add(s, "in season %02d-%02d to %02d-%02d · ",
			    it->season_start / 100, it->season_start % 100,
			    it->season_end / 100, it->season_end % 100);
		if (k->src == UINT32_MAX && k->own > 0 && b != NULL) {
			/* one of their regulars: that is the evidence */
			why_add(s, "a regular: ");
			why_visits(s, b, k->own);
			why_add(s, " · %s%s", sign, d);
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
			if (bo != NULL && b->visits > 0) {
				why_add(s, " · ");
				why_visits(s, b, bo->orders);
			}
		}
		break;
	}
	if (s->offered >= TAKE_MENTION)
		why_add(s, " · taken by %u of %u offered", s->taken,
		    s->offered);
}

/* Fill suggestion s for candidate ci. */
void
scorer_describe(const struct scorer *sc, const struct cand *kd, uint32_t ci,
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
	scorer_take(sc, ci, kd->kind, &s->offered, &s->taken);
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
