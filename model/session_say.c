/*
 * session_say.c — the counter's talking points: the variant each
 * suggestion is shown with, and its lines rendered for the customer
 * (session.h).
 */
#include "model/session.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/xalloc.h"

/* "Anika" of "Anika Rahman"; NULL for a walk-in. */
static char *
first_name(const struct session *s)
{
	const char *n;
	size_t len;

	if (s->who != WHO_CUSTOMER || s->customer.name == NULL ||
	    s->customer.name[0] == '\0')
		return NULL;
	n = s->customer.name;
	len = strcspn(n, " ");
	return xstrndup(n, len);
}

/*
 * Social proof from the shop's own orders: only from the model, and only
 * when the sample is big enough (10 orders, 3 together) to be worth
 * saying.  In the language of the talking points.  It counts orders, and
 * says so: one wholesale customer's 20 orders are not 20 customers.
 */
static char *
proof_of(const struct session *s, const struct suggestion *g,
    const char *lang)
{
	const struct item *it = catalog_item(&s->cat, g->item_id);
	const struct item *base = catalog_item(&s->cat, g->base_id);

	if (g->base_orders < 10 || g->together < 3 || it == NULL ||
	    base == NULL || g->base_range)
		return NULL;
	if (strcmp(lang, "bn") == 0)
		return xasprintf("%s থাকা %u টি অর্ডারের %u টিতে %s-ও ছিল।",
		    base->name, g->base_orders, g->together, it->name);
	if (strcmp(lang, "gu") == 0)
		return xasprintf("%s વાળા %u ઓર્ડરમાંથી %u માં %s પણ હતું.",
		    base->name, g->base_orders, g->together, it->name);
	return xasprintf("%u of the %u orders with the %s also had the %s.",
	    g->together, g->base_orders, base->name, it->name);
}

/* The units a pack is measured in: a weight, a volume or a count —
 * what a shopper divides the price by.  Not a laptop's GB, a charger's
 * W or a bag's inches ("41% less per GB" is no saving anyone makes). */
static int
pack_unit(const char *u)
{
	static const char *const units[] = {
		"g", "kg", "ml", "cl", "l", "litre", "litres", "bags",
		"pcs", "pieces", "tablets", "capsules", "sachets", "pods",
		"rolls", "sheets", "wipes", "eggs", "count", "pack",
	};
	size_t i;

	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcasecmp(u, units[i]) == 0)       /* "5 KG" too */
			return 1;
	return 0;
}

/*
 * The pack size at the end of an item's name ("Basmati Rice 5 kg",
 * "Herbal Shampoo 250 ml", "Assam Tea 80 bags"), in a base unit (g, ml,
 * or the unit named).  Returns the amount, or 0 when there is none or
 * the unit measures no pack (pack_unit).
 */
static double
pack_size(const char *name, char *unit, size_t usize)
{
	const char *p = name + strlen(name), *u, *num;
	double v = 0, scale = 1, frac = 0;

	/* the last word is the unit, the one before it a number */
	while (p > name && p[-1] != ' ')
		p--;
	u = p;
	if (p == name || *u == '\0' || !pack_unit(u))
		return 0;
	p--;
	while (p > name && p[-1] != ' ')
		p--;
	num = p;
	for (; *num >= '0' && *num <= '9'; num++)
		v = v * 10 + (*num - '0');
	if (*num == '.')
		for (num++; *num >= '0' && *num <= '9'; num++) {
			scale /= 10;
			frac += (*num - '0') * scale;
		}
	if (*num != ' ' || v + frac <= 0)
		return 0;
	v += frac;
	if (strcmp(u, "kg") == 0) {
		snprintf(unit, usize, "g");
		return v * 1000;
	}
	if (strcmp(u, "litre") == 0 || strcmp(u, "l") == 0 ||
	    strcmp(u, "litres") == 0) {
		snprintf(unit, usize, "ml");
		return v * 1000;
	}
	snprintf(unit, usize, "%s", u);
	return v;
}

/*
 * "27% less per ml": how much less the bigger pack costs per unit, when
 * both packs name the same unit and it does cost less.  NULL otherwise.
 */
static char *
unit_saving(const struct item *it, const struct item *base, const char *lang)
{
	char u1[16], u2[16];
	double a, b, pa, pb;
	int pct;

	if (it == NULL || base == NULL || it->price <= 0 || base->price <= 0)
		return NULL;
	a = pack_size(it->name, u1, sizeof u1);
	b = pack_size(base->name, u2, sizeof u2);
	if (a <= 0 || b <= 0 || strcmp(u1, u2) != 0 || a <= b)
		return NULL;
	pa = (double)it->price / a;
	pb = (double)base->price / b;
	pct = (int)((pb - pa) * 100 / pb + 0.5);
	if (pct < 1)
		return NULL;
	if (strcmp(lang, "bn") == 0)
		return xasprintf("প্রতি %s-এ %d%% কম", u1, pct);
	if (strcmp(lang, "gu") == 0)
		return xasprintf("દરેક %s દીઠ %d%% ઓછું", u1, pct);
	return xasprintf("%d%% less per %s", pct, u1);
}

/* The values of the templates for suggestion g.  Strings owned by *buf. */
struct varbuf {
	char diff[32], pct[16], price[32], saving[32];
	char *first, *proof, *unit;
};

static void
make_vars(const struct session *s, const struct suggestion *g,
    const char *lang, struct script_vars *v, struct varbuf *b)
{
	const struct item *it = catalog_item(&s->cat, g->item_id);
	const struct item *base = catalog_item(&s->cat, g->base_id);
	size_t k;

	memset(v, 0, sizeof *v);
	memset(b, 0, sizeof *b);
	/* money said with the shop's currency: "£2.50" */
	money_format_cur(g->diff, s->scale, s->currency, b->diff,
	    sizeof b->diff);
	snprintf(b->pct, sizeof b->pct, "%d", g->diff_pct);
	money_format_cur(g->price, s->scale, s->currency, b->price,
	    sizeof b->price);
	b->first = first_name(s);
	b->proof = proof_of(s, g, lang);
	b->unit = unit_saving(it, base, lang);
	v->unit_saving = b->unit;
	v->first_name = b->first;
	v->item = it != NULL ? it->name : NULL;
	v->base = base != NULL ? base->name : NULL;
	v->diff = b->diff;
	v->diff_pct = b->pct;
	v->price = b->price;
	v->benefit = it != NULL ? catalog_benefit(&s->cat, it->id, lang) :
	    NULL;
	v->proof = b->proof;
	v->shop = s->shop;
	for (k = 0; g->bundle_id != 0 && k < s->cat.nbundles; k++)
		if (s->cat.bundles[k].id == g->bundle_id) {
			const struct bundle *bu = &s->cat.bundles[k];
			int64_t full = 0;
			size_t j;
			for (j = 0; j < bu->nitems; j++) {
				const struct item *bi = catalog_item(&s->cat,
				    bu->items[j].item_id);
				if (bi != NULL)
					full += bi->price * bu->items[j].qty;
			}
			money_format_cur(full - bu->price, s->scale,
			    s->currency, b->saving, sizeof b->saving);
			v->bundle = bu->name;
			v->saving = b->saving;
		}
}

static void
free_vars(struct varbuf *b)
{
	free(b->first);
	free(b->proof);
	free(b->unit);
}

/* The category and SKU a suggestion's templates are chosen by. */
static void
scope_of(const struct session *s, const struct suggestion *g,
    const char **category, const char **sku)
{
	const struct item *it = catalog_item(&s->cat, g->item_id);

	*category = it != NULL ? it->category : NULL;
	*sku = it != NULL ? it->sku : NULL;
}

/*
 * The kind of talking point for suggestion g: a refill in the next size
 * up (the bigger size in place of base_id, priced against it) has its own,
 * which says the item's price and the difference apart; so has an add-on
 * with nothing in the basket to go with (one the customer sometimes
 * takes: "goes well with it" would be false); every other suggestion
 * speaks as its kind.
 */
static int
say_kind(const struct suggestion *g)
{
	if (g->kind == SUG_REFILL && g->base_id != 0 &&
	    g->base_id != g->item_id)
		return SCRIPT_KIND_SIZEUP;
	if (g->kind == SUG_BUNDLE && g->base_id == 0 && g->bundle_id == 0)
		return SCRIPT_KIND_USUAL;
	return g->kind;
}

/* Which template variant a new suggestion gets; sets sh->key/variant. */
void
session_choose_variant(struct session *s, struct shown *sh)
{
	const struct script_tpl *t = NULL;
	struct script_vars v;
	struct varbuf b;
	const char *cat, *sku;
	char *lines[SCRIPT_LINES_MAX], *id;
	int n, i;

	if (s->variant_mode == VARIANT_CUSTOMER && s->who == WHO_CUSTOMER)
		sh->key = script_hash(s->customer.code, sh->sug.kind);
	else
		sh->key = s->alternate++;
	scope_of(s, &sh->sug, &cat, &sku);
	make_vars(s, &sh->sug, session_language(s), &v, &b);
	n = script_render(&s->scripts, say_kind(&sh->sug), cat, sku,
	    session_language(s), s->counter_lang, sh->key, &v, lines, &t);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free_vars(&b);
	sh->variant[0] = '\0';
	if (t != NULL) {
		id = script_variant_id(t);
		snprintf(sh->variant, sizeof sh->variant, "%s", id);
		free(id);
	}
}

int
session_say_lines(const struct session *s, size_t i, char **lines)
{
	const struct shown *sh;
	struct script_vars v;
	struct varbuf b;
	const char *cat, *sku;
	int n;

	if (s->ack_item != 0) {
		/* Just declined: the acknowledgement. */
		struct suggestion g;
		memset(&g, 0, sizeof g);
		g.item_id = s->ack_item;
		make_vars(s, &g, session_language(s), &v, &b);
		n = script_render(&s->scripts, SCRIPT_KIND_DECLINE, NULL, NULL,
		    session_language(s), s->counter_lang, 0, &v, lines, NULL);
		free_vars(&b);
		return n;
	}
	if (i >= s->nshown)
		return 0;
	sh = &s->shown[i];
	scope_of(s, &sh->sug, &cat, &sku);
	make_vars(s, &sh->sug, session_language(s), &v, &b);
	n = script_render(&s->scripts, say_kind(&sh->sug), cat, sku,
	    session_language(s), s->counter_lang, sh->key, &v, lines, NULL);
	free_vars(&b);
	return n;
}
