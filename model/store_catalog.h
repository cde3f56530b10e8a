/*
 * store_catalog — the catalogue in the store: items, their benefit lines,
 * categories, curated bundles and the talking points.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_CATALOG_H
#define UPLIFT_STORE_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

struct store;

/* Find an item by SKU: 1 and *id, 0 if absent, -1 on error. */
int store_item_id(struct store *s, const char *sku, int64_t *id,
    char **cause);

/* As an item's kind for store_item_put(): keep the stored one. */
#define STORE_KIND_KEEP (-1)

/*
 * Insert the item, or update the existing one with the same SKU (every
 * field of *it replaces the stored one, but a kind of STORE_KIND_KEEP
 * keeps an existing item's kind and makes a new one a product;
 * refill_from_category is not stored).  *id gets its id.
 */
int store_item_put(struct store *s, const struct item *it, int64_t *id,
    char **cause);

/* Set the kind (enum item_kind) of item id.  0, or -1 with *cause. */
int store_item_set_kind(struct store *s, int64_t id, int kind,
    char **cause);

/* Set the price of item id (used by importers that see prices per line). */
int store_item_set_price(struct store *s, int64_t id, int64_t price,
    char **cause);

/* Item by id into *it (strings owned by *it): 1 found, 0 not, -1 error. */
int store_item_get(struct store *s, int64_t id, struct item *it,
    char **cause);

/*
 * Every item of the catalogue, ordered by id, into a malloc'd array of *n
 * records (each owns its strings).  Free with store_items_free().
 */
int store_items(struct store *s, struct item **out, size_t *n, char **cause);
void store_items_free(struct item **list, size_t n);

/* Set (text != NULL) or remove the benefit of item_id in lang. */
int store_item_benefit_put(struct store *s, int64_t item_id,
    const char *lang, const char *text, char **cause);

/* Every translated benefit line, by item and language; free each text
 * and the array. */
int store_item_benefits(struct store *s, struct item_text **out, size_t *n,
    char **cause);

/*
 * Insert or update (by name) a category and its settings.  Returns 1 if
 * it was added, 0 if it was there (and is updated), -1 with *cause.
 */
int store_category_put(struct store *s, const struct category *c,
    char **cause);

/*
 * Every category with settings, ordered by name (bytewise, as strcmp), in
 * a malloc'd array of *n records owning their names.  Free with
 * store_categories_free().  0, or -1 with *cause.
 */
int store_categories(struct store *s, struct category **out, size_t *n,
    char **cause);
void store_categories_free(struct category **list, size_t n);

/*
 * Insert or update (by code) a curated bundle and replace its items with
 * items[0..n).  *id gets its id; *existed whether it was there before.
 */
int store_bundle_put(struct store *s, const struct bundle *b, int64_t *id,
    int *existed, char **cause);

/* Every curated bundle with its items, by id.  Free with
 * store_bundles_free(). */
int store_bundles(struct store *s, struct bundle **out, size_t *n,
    char **cause);
void store_bundles_free(struct bundle **list, size_t n);

/*
 * Replace every template of language lang with rows[0..n), in one
 * transaction.
 */
int store_script_rows_put(struct store *s, const char *lang,
    const struct script_row *rows, size_t n, char **cause);

/* Every template line, by language, kind, scope, variant and line.  Free
 * with store_script_rows_free(). */
int store_script_rows(struct store *s, struct script_row **out, size_t *n,
    char **cause);
void store_script_rows_free(struct script_row **rows, size_t n);

#endif
