/*
 * store_catalog.c — the store's catalogue: items and their benefit
 * lines, categories, curated bundles, and the talking points.
 */
#include "model/store_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_impl.h"
#include "model/xalloc.h"

/* The columns of ITEM_COLUMNS, in that order. */
static const struct field item_columns[] = {
	F_I64(item, id), F_TEXT(item, sku), F_TEXT(item, name),
	F_TEXT(item, category), F_TEXT(item, family), F_INT(item, tier),
	F_INT(item, brand_tier), F_I64(item, price), F_I64(item, stock),
	F_TEXT(item, barcode), F_INT(item, season_start),
	F_INT(item, season_end), F_INT(item, refill_days),
	F_TEXT(item, benefit), F_INT(item, kind),
};

/* The columns of ITEM_COLUMNS into *it (owning). */
static void
item_from_row(sqlite3_stmt *st, struct item *it)
{
	memset(it, 0, sizeof *it);
	store_read_fields(st, it, item_columns, NARGS(item_columns));
	if (sqlite3_column_type(st, 8) == SQLITE_NULL)
		it->stock = ITEM_NO_STOCK;
	if (it->kind != ITEM_SERVICE)
		it->kind = ITEM_PRODUCT;
}

int
store_item_id(struct store *s, const char *sku, int64_t *id,
    char **cause)
{
	return store_code_lookup(s, Q_ITEM_ID, sku, id, cause);
}

int
store_item_put(struct store *s, const struct item *it, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_PUT, cause);

	if (st == NULL)
		return -1;
	bind_text(st, 1, it->sku);
	bind_text(st, 2, it->name ? it->name : "");
	bind_text(st, 3, it->category);
	bind_text(st, 4, it->family);
	sqlite3_bind_int(st, 5, it->tier > 0 ? it->tier : 1);
	sqlite3_bind_int(st, 6, it->brand_tier > 0 ? it->brand_tier : 2);
	sqlite3_bind_int64(st, 7, it->price);
	if (it->stock == ITEM_NO_STOCK)
		sqlite3_bind_null(st, 8);
	else
		sqlite3_bind_int64(st, 8, it->stock);
	bind_text(st, 9, it->barcode);
	bind_id(st, 10, it->season_start);
	bind_id(st, 11, it->season_end);
	bind_id(st, 12, it->refill_days);
	bind_text(st, 13, it->benefit);
	if (it->kind == ITEM_PRODUCT || it->kind == ITEM_SERVICE)
		sqlite3_bind_int(st, 14, it->kind);
	else
		sqlite3_bind_null(st, 14);      /* STORE_KIND_KEEP */
	return store_put_result(s, st, id, cause, "cannot save an item");
}

int
store_item_set_kind(struct store *s, int64_t id, int kind, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_KIND, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, kind == ITEM_SERVICE ? ITEM_SERVICE :
	    ITEM_PRODUCT);
	return store_done(s, st, cause, "cannot set an item's kind");
}

int
store_item_set_price(struct store *s, int64_t id, int64_t price,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_PRICE, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, price);
	return store_done(s, st, cause, "cannot set a price");
}

/* A row filler for store_collect() and store_get_row(). */
static void
item_row(sqlite3_stmt *st, void *p)
{
	item_from_row(st, p);
}

int
store_item_get(struct store *s, int64_t id, struct item *it, char **cause)
{
	return store_get_row(s, Q_ITEM_GET, id, item_row, it, cause,
	    "cannot read an item");
}

/* Clearers for store_collect(). */

static void
item_clear_v(void *p)
{
	item_clear(p);
}

int
store_items(struct store *s, struct item **out, size_t *n, char **cause)
{
	return store_list(s, Q_ITEMS, sizeof **out, item_row, item_clear_v,
	    (void **)out, n, cause, "cannot read the catalogue");
}

void
store_items_free(struct item **list, size_t n)
{
	store_rows_free(list, n, sizeof **list, item_clear_v);
}

int
store_item_benefit_put(struct store *s, int64_t item_id, const char *lang,
    const char *text, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, text != NULL ? Q_BENEFIT_PUT :
	    Q_BENEFIT_DEL, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	bind_text(st, 2, lang);
	if (text != NULL)
		bind_text(st, 3, text);
	return store_done(s, st, cause, "cannot save a benefit line");
}

static void
benefit_row(sqlite3_stmt *st, void *p)
{
	struct item_text *t = p;

	t->item_id = sqlite3_column_int64(st, 0);
	snprintf(t->lang, sizeof t->lang, "%s",
	    (const char *)sqlite3_column_text(st, 1));
	t->text = col_text(st, 2);
}

static void
benefit_clear(void *p)
{
	free(((struct item_text *)p)->text);
}

int
store_item_benefits(struct store *s, struct item_text **out, size_t *n,
    char **cause)
{
	return store_list(s, Q_BENEFITS, sizeof **out, benefit_row,
	    benefit_clear, (void **)out, n, cause, "cannot read benefit lines");
}

int
store_category_put(struct store *s, const struct category *c, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_CAT_ID, cause);
	int64_t one;
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, c->name);
	if ((rc = store_lookup(s, st, &one, cause)) < 0)
		return -1;
	if ((st = store_stmt(s, Q_CAT_PUT, cause)) == NULL)
		return -1;
	bind_text(st, 1, c->name);
	bind_id(st, 2, c->refill_days);
	if (store_done(s, st, cause, "cannot save a category") != 0)
		return -1;
	return rc == 1 ? 0 : 1;
}

static void
category_row(sqlite3_stmt *st, void *p)
{
	struct category *c = p;

	c->name = col_text(st, 0);
	c->refill_days = sqlite3_column_int(st, 1);
}

static void
category_clear_v(void *p)
{
	category_clear(p);
}

int
store_categories(struct store *s, struct category **out, size_t *n,
    char **cause)
{
	return store_list(s, Q_CATEGORIES, sizeof **out, category_row,
	    category_clear_v, (void **)out, n, cause,
	    "cannot read the categories");
}

void
store_categories_free(struct category **list, size_t n)
{
	store_rows_free(list, n, sizeof **list, category_clear_v);
}

int
store_bundle_put(struct store *s, const struct bundle *b, int64_t *id,
    int *existed, char **cause)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = store_code_lookup(s, Q_BUNDLE_ID, b->code, id, cause)) < 0)
		return -1;
	*existed = rc;
	if ((st = store_stmt(s, Q_BUNDLE_PUT, cause)) == NULL)
		return -1;
	bind_text(st, 1, b->code);
	bind_text(st, 2, b->name);
	sqlite3_bind_int64(st, 3, b->price);
	if (store_put_result(s, st, id, cause, "cannot save a bundle") != 0)
		return -1;
	if ((st = store_stmt(s, Q_BUNDLE_CLEAR, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *id);
	if (store_done(s, st, cause, "cannot save a bundle") != 0)
		return -1;
	for (i = 0; i < b->nitems; i++) {
		if ((st = store_stmt(s, Q_BUNDLE_ITEM, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, b->items[i].item_id);
		sqlite3_bind_int64(st, 3, b->items[i].qty);
		if (store_done(s, st, cause, "cannot save a bundle") != 0)
			return -1;
	}
	return 0;
}

int
store_bundles(struct store *s, struct bundle **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	struct bundle *list = NULL, *b = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = store_stmt_get(s, Q_BUNDLES)) == NULL)
		return store_fail(s, cause, "cannot read the bundles");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (b == NULL || b->id != id) {
			if (cnt == cap) {
				cap = cap ? 2 * cap : 16;
				list = xreallocarray(list, cap, sizeof *list);
			}
			b = &list[cnt++];
			memset(b, 0, sizeof *b);
			b->id = id;
			b->code = col_text(st, 1);
			b->name = col_text(st, 2);
			b->price = sqlite3_column_int64(st, 3);
		}
		b->items = xreallocarray(b->items, b->nitems + 1,
		    sizeof *b->items);
		b->items[b->nitems].item_id = sqlite3_column_int64(st, 4);
		b->items[b->nitems++].qty = sqlite3_column_int64(st, 5);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		store_bundles_free(&list, cnt);
		return store_fail(s, cause, "cannot read the bundles");
	}
	*out = list;
	*n = cnt;
	return 0;
}

/* Row clearer for store_rows_free(). */
static void
bundle_clear_v(void *p)
{
	bundle_clear(p);
}

void
store_bundles_free(struct bundle **list, size_t n)
{
	store_rows_free(list, n, sizeof **list, bundle_clear_v);
}

int
store_script_rows_put(struct store *s, const char *lang,
    const struct script_row *rows, size_t n, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_SCRIPT_CLEAR)) == NULL)
		goto fail;
	bind_text(st, 1, lang);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	store_end(s, st);
	if ((st = store_stmt_get(s, Q_SCRIPT_PUT)) == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		bind_text(st, 1, rows[i].kind);
		bind_text(st, 2, rows[i].scope);
		bind_text(st, 3, lang);
		bind_text(st, 4, rows[i].variant);
		sqlite3_bind_int(st, 5, rows[i].line);
		bind_text(st, 6, rows[i].text);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
	}
	store_end(s, st);
	return store_commit(s, cause);
fail:
	return store_abandon(s, st, cause, "cannot save the talking points");
}

static void
script_row_of(sqlite3_stmt *st, void *p)
{
	struct script_row *r = p;

	r->kind = col_text(st, 0);
	r->scope = col_text(st, 1);
	snprintf(r->lang, sizeof r->lang, "%s",
	    (const char *)sqlite3_column_text(st, 2));
	r->variant = col_text(st, 3);
	r->line = sqlite3_column_int(st, 4);
	r->text = col_text(st, 5);
}

static void
script_row_clear(void *p)
{
	struct script_row *r = p;

	free(r->kind);
	free(r->scope);
	free(r->variant);
	free(r->text);
}

int
store_script_rows(struct store *s, struct script_row **out, size_t *n,
    char **cause)
{
	return store_list(s, Q_SCRIPTS, sizeof **out, script_row_of,
	    script_row_clear, (void **)out, n, cause,
	    "cannot read the talking points");
}

void
store_script_rows_free(struct script_row **rows, size_t n)
{
	store_rows_free(rows, n, sizeof **rows, script_row_clear);
}
