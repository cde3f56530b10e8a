/*
 * catalog — the catalogue in memory for the scorer: items by store id and
 * the upgrade ladder of each product family (items of one family ordered
 * by tier, then price).
 */
#ifndef UPLIFT_CATALOG_H
#define UPLIFT_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

struct store;

#define CATALOG_NO_LINE UINT32_MAX
/* A line key is at most this long (catalog_line_key). */
#define CATALOG_LINE_KEY 128

struct catalog {
	struct item  *items;      /* by id ascending (owned)               */
	size_t        n;
	uint32_t     *by_id;      /* store id -> index, UINT32_MAX if none */
	int64_t       max_id;
	uint32_t     *ladder;     /* item indexes grouped by family, each
	                           * group by tier then price then id      */
	uint32_t     *rung;       /* item index -> position in ladder[]    */
	uint32_t     *fam_end;    /* item index -> end of its group in
	                           * ladder[] (start: fam_start)           */
	uint32_t     *fam_start;
	uint32_t     *line;       /* item index -> its product line, the
	                           * same number for names of one line
	                           * (catalog_same_line), CATALOG_NO_LINE
	                           * for a name of none                    */
	struct bundle *bundles;   /* curated bundles (owned)               */
	size_t        nbundles;
	struct item_text *texts;  /* benefits in other languages, by item
	                           * and language (owned)                  */
	size_t        ntexts;
};

/*
 * Take over items[0..n) (sorted by id, as store_items() gives them) and
 * index them.  The catalogue owns the array afterwards.  Not reentrant:
 * two threads must not build catalogues at the same time.
 */
void catalog_init(struct catalog *c, struct item *items, size_t n);

/*
 * Give each of items[0..n) without refill_days of its own the refill_days
 * of its category in cats[0..ncats) (sorted by name with strcmp, as
 * store_categories() gives them; names match exactly), and set its
 * refill_from_category; an item with its own keeps it, with the flag 0.
 */
void catalog_apply_categories(struct item *items, size_t n,
    const struct category *cats, size_t ncats);

/* Load the catalogue, with its categories' refill rhythms applied
 * (catalog_apply_categories), and its curated bundles from the store.
 * 0 or -1 with *cause. */
int catalog_load(struct catalog *c, struct store *s, char **cause);

/* Free everything; safe on a zeroed catalogue. */
void catalog_free(struct catalog *c);

/* The item with store id, or NULL. */
const struct item *catalog_item(const struct catalog *c, int64_t id);

/* The index of store id, or UINT32_MAX. */
uint32_t catalog_index(const struct catalog *c, int64_t id);

/*
 * The benefit line of item id in lang: the translated one, or for "en"
 * (and when there is no translation table) the catalogue's own; NULL when
 * there is none in that language.
 */
const char *catalog_benefit(const struct catalog *c, int64_t id,
    const char *lang);

/* The item with this SKU (linear: for the command line), or NULL. */
const struct item *catalog_find_sku(const struct catalog *c,
    const char *sku);

/*
 * 1 if the item is in season on civil day `day` (its window may wrap
 * the new year); 0 if not or if it has no season.
 */
int catalog_in_season(const struct item *it, int64_t day);

/* 1 if the item may be sold: stock not tracked, or above zero. */
int catalog_in_stock(const struct item *it);

/*
 * 1 if names a and b are of one product line: they open with the same
 * words, two or more of which name the thing ("JUMBO BAG PINK POLKADOT"
 * and "JUMBO BAG OWLS", "Lunch Bag Red" and "LUNCH BAG CARS"; a count or
 * the words of one, "SET OF 3", name nothing).  Words compare without
 * regard to ASCII case.  That is: both have a line key
 * (catalog_line_key) and it is the same.
 */
int catalog_same_line(const char *a, const char *b);

/*
 * name's line key into key[0..CATALOG_LINE_KEY): its words up to the
 * second that names the thing, one space apart, in ASCII lower case.
 * Returns the key's length, 0 if the name has no line (fewer than two
 * such words, or a key longer than CATALOG_LINE_KEY - 1).
 */
size_t catalog_line_key(const char *name, char *key);

#endif
