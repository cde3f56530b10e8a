#include "model/catalog.h"

#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "model/civil.h"
#include "model/store_catalog.h"
#include "model/strmap.h"
#include "model/xalloc.h"

/* qsort has no context argument: the items being sorted. */
static const struct item *sort_items;

static int
ladder_cmp(const void *x, const void *y)
{
	const struct item *a = &sort_items[*(const uint32_t *)x];
	const struct item *b = &sort_items[*(const uint32_t *)y];
	int c;

	/* Items without a family form groups of one, after the others. */
	if ((a->family == NULL) != (b->family == NULL))
		return a->family == NULL ? 1 : -1;
	if (a->family != NULL && (c = strcmp(a->family, b->family)) != 0)
		return c;
	if (a->family == NULL)
		return a->id < b->id ? -1 : a->id > b->id;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->price != b->price)
		return a->price < b->price ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Each item's product line: one number for each line key met. */
static void
catalog_lines(struct catalog *c)
{
	struct strmap *keys = strmap_new();
	char key[CATALOG_LINE_KEY];
	size_t i, n;
	int64_t v;

	c->line = xmalloc((c->n + 1) * sizeof *c->line);
	for (i = 0; i < c->n; i++) {
		c->line[i] = CATALOG_NO_LINE;
		if (c->items[i].name == NULL ||
		    (n = catalog_line_key(c->items[i].name, key)) == 0)
			continue;
		if (!strmap_get(keys, key, n, &v)) {
			v = (int64_t)strmap_count(keys);
			strmap_put(keys, key, n, v);
		}
		c->line[i] = (uint32_t)v;
	}
	strmap_free(&keys);
}

void
catalog_init(struct catalog *c, struct item *items, size_t n)
{
	size_t i, j;

	memset(c, 0, sizeof *c);
	c->items = items;
	c->n = n;
	for (i = 0; i < n; i++)
		if (items[i].id > c->max_id)
			c->max_id = items[i].id;
	c->by_id = xmalloc(((size_t)c->max_id + 1) * sizeof *c->by_id);
	memset(c->by_id, 0xff, ((size_t)c->max_id + 1) * sizeof *c->by_id);
	for (i = 0; i < n; i++)
		if (items[i].id > 0)     /* store ids are positive */
			c->by_id[items[i].id] = (uint32_t)i;

	c->ladder = xmalloc((n + 1) * sizeof *c->ladder);
	c->rung = xmalloc((n + 1) * sizeof *c->rung);
	c->fam_start = xmalloc((n + 1) * sizeof *c->fam_start);
	c->fam_end = xmalloc((n + 1) * sizeof *c->fam_end);
	for (i = 0; i < n; i++)
		c->ladder[i] = (uint32_t)i;
	sort_items = items;
	qsort(c->ladder, n, sizeof *c->ladder, ladder_cmp);
	sort_items = NULL;
	for (i = 0; i < n; i = j) {
		const struct item *a = &items[c->ladder[i]];
		for (j = i + 1; j < n && a->family != NULL &&
		    items[c->ladder[j]].family != NULL &&
		    strcmp(items[c->ladder[j]].family, a->family) == 0; j++)
			;
		for (size_t k = i; k < j; k++) {
			c->rung[c->ladder[k]] = (uint32_t)k;
			c->fam_start[c->ladder[k]] = (uint32_t)i;
			c->fam_end[c->ladder[k]] = (uint32_t)j;
		}
	}
	catalog_lines(c);
}

static int
category_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct category *)elem)->name);
}

void
catalog_apply_categories(struct item *items, size_t n,
    const struct category *cats, size_t ncats)
{
	const struct category *k;
	size_t i;

	for (i = 0; i < n; i++) {
		items[i].refill_from_category = 0;
		if (items[i].refill_days > 0 || items[i].category == NULL ||
		    ncats == 0)
			continue;
		k = bsearch(items[i].category, cats, ncats, sizeof *cats,
		    category_cmp);
		if (k != NULL && k->refill_days > 0) {
			items[i].refill_days = k->refill_days;
			items[i].refill_from_category = 1;
		}
	}
}

int
catalog_load(struct catalog *c, struct store *s, char **cause)
{
	struct category *cats;
	struct item *items;
	size_t n, ncats;

	memset(c, 0, sizeof *c);
	if (store_items(s, &items, &n, cause) != 0)
		return -1;
	if (store_categories(s, &cats, &ncats, cause) != 0) {
		store_items_free(&items, n);
		return -1;
	}
	catalog_apply_categories(items, n, cats, ncats);
	store_categories_free(&cats, ncats);
	catalog_init(c, items, n);
	if (store_bundles(s, &c->bundles, &c->nbundles, cause) != 0 ||
	    store_item_benefits(s, &c->texts, &c->ntexts, cause) != 0) {
		catalog_free(c);
		return -1;
	}
	return 0;
}

void
catalog_free(struct catalog *c)
{
	store_items_free(&c->items, c->n);
	store_bundles_free(&c->bundles, c->nbundles);
	for (size_t k = 0; k < c->ntexts; k++)
		free(c->texts[k].text);
	free(c->texts);
	free(c->by_id);
	free(c->ladder);
	free(c->rung);
	free(c->fam_start);
	free(c->fam_end);
	free(c->line);
	memset(c, 0, sizeof *c);
}

uint32_t
catalog_index(const struct catalog *c, int64_t id)
{
	if (id < 1 || id > c->max_id)
		return UINT32_MAX;
	return c->by_id[id];
}

const struct item *
catalog_item(const struct catalog *c, int64_t id)
{
	uint32_t i = catalog_index(c, id);

	return i == UINT32_MAX ? NULL : &c->items[i];
}

const char *
catalog_benefit(const struct catalog *c, int64_t id, const char *lang)
{
	const struct item *it = catalog_item(c, id);
	size_t lo = 0, hi = c->ntexts, mid;
	int cmp;

	if (it == NULL)
		return NULL;
	if (lang == NULL || strcmp(lang, "en") == 0)
		return it->benefit;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		cmp = c->texts[mid].item_id < id ? -1 :
		    c->texts[mid].item_id > id ? 1 :
		    strcmp(c->texts[mid].lang, lang);
		if (cmp == 0)
			return c->texts[mid].text;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct item *
catalog_find_sku(const struct catalog *c, const char *sku)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->items[i].sku, sku) == 0)
			return &c->items[i];
	return NULL;
}

int
catalog_in_season(const struct item *it, int64_t day)
{
	int y, m, d, md;

	if (it->season_start == ITEM_NO_SEASON || it->season_end ==
	    ITEM_NO_SEASON)
		return 0;
	civil_from_days(day, &y, &m, &d);
	md = m * 100 + d;
	if (it->season_start <= it->season_end)
		return md >= it->season_start && md <= it->season_end;
	return md >= it->season_start || md <= it->season_end;
}

int
catalog_in_stock(const struct item *it)
{
	return it->stock == ITEM_NO_STOCK || it->stock > 0;
}

/* A word that opens a name without naming the thing: a count, or the
 * words around one ("SET OF 3", "PACK OF 12", "A"). */
static int
opener_word(const char *w, size_t n)
{
	static const char *const v[] = { "set", "of", "pack", "a", "the" };
	size_t i;

	for (i = 0; i < n && w[i] >= '0' && w[i] <= '9'; i++)
		;
	if (i == n)
		return 1;
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (strlen(v[i]) == n && strncasecmp(w, v[i], n) == 0)
			return 1;
	return 0;
}

size_t
catalog_line_key(const char *name, char *key)
{
	const char *w;
	size_t n, len = 0, i;
	int named = 0;

	for (;;) {
		while (*name == ' ')
			name++;
		for (w = name; *name != '\0' && *name != ' '; name++)
			;
		n = (size_t)(name - w);
		if (n == 0 || len + n + 1 >= CATALOG_LINE_KEY)
			return 0;
		if (len > 0)
			key[len++] = ' ';
		for (i = 0; i < n; i++)
			key[len++] = w[i] >= 'A' && w[i] <= 'Z' ?
			    (char)(w[i] - 'A' + 'a') : w[i];
		key[len] = '\0';
		if (!opener_word(w, n) && ++named == 2)
			return len;
	}
}

int
catalog_same_line(const char *a, const char *b)
{
	char ka[CATALOG_LINE_KEY], kb[CATALOG_LINE_KEY];
	size_t na = catalog_line_key(a, ka);

	return na > 0 && catalog_line_key(b, kb) == na &&
	    memcmp(ka, kb, na) == 0;
}
