/*
 * baskets — a transaction database: baskets of distinct items, items
 * numbered densely 0..nitems-1 with a name each.  Built from a basket file
 * (one basket per line) or from the store's order history.
 */
#ifndef UPLIFT_BASKETS_H
#define UPLIFT_BASKETS_H

#include <stddef.h>
#include <stdint.h>

struct baskets {
	uint32_t  *items;     /* all baskets' items, concatenated; within a
	                       * basket sorted ascending and distinct     */
	uint32_t  *pos;       /* parallel to items: the item's place in the
	                       * order the basket was rung up (0 = first),
	                       * counting distinct items by their first
	                       * appearance                               */
	size_t    *start;     /* basket i is items[start[i] .. start[i+1]) */
	size_t     nbaskets;
	int64_t   *customer;  /* basket -> store customer id (0: none), or
	                       * NULL when no basket has one (a file)      */
	int64_t   *at;        /* basket -> civil seconds, or NULL          */
	char     **names;     /* item id -> name (owned)                    */
	char     **titles;    /* item id -> display name (owned), or NULL:
	                       * what the item is called, for similarity   */
	int64_t   *ids;       /* item id -> store item id, or NULL (file)   */
	size_t     nitems;
	size_t     cap_items, cap_baskets, cap_names;   /* internal         */
	void      *index;     /* internal: name -> id while building       */
};

/* An empty transaction database (zeroed). */
void baskets_init(struct baskets *b);

/* Free everything and zero *b.  Safe on a zeroed struct. */
void baskets_free(struct baskets *b);

/*
 * The id of item name[0..len), adding it if new.  For builders.
 */
uint32_t baskets_item(struct baskets *b, const char *name, size_t len);

/*
 * Append a basket of n item ids in the order they were rung up
 * (duplicates allowed: they are sorted and made distinct, and pos[] keeps
 * the order of their first appearance).  An empty basket is kept (it
 * counts in N).
 */
void baskets_add(struct baskets *b, const uint32_t *ids, size_t n);

/*
 * As baskets_add, with who bought it (store customer id, 0 for nobody)
 * and when (civil seconds).  The first call makes b->customer and b->at,
 * with 0 for the baskets added before.
 */
void baskets_add_meta(struct baskets *b, const uint32_t *ids, size_t n,
    int64_t customer, int64_t at);

/*
 * Set the display name of item id (copied); makes b->titles on the first
 * call.  For similarity of names; a basket file has none.
 */
void baskets_set_title(struct baskets *b, uint32_t id, const char *title,
    size_t len);

/*
 * The items of basket i in the order they were rung up: writes the
 * basket's size into *n and the items into out[0..*n) (out must hold
 * start[i+1] - start[i] items).
 */
void baskets_sequence(const struct baskets *b, size_t i, uint32_t *out,
    size_t *n);

/*
 * Read path: one basket per line; items separated by sep (a single byte;
 * 0 means any run of blanks — spaces and tabs); each item trimmed of
 * surrounding blanks; empty items ignored; duplicates in a basket count
 * once.  Lines may end in LF or CRLF; .gz files are read directly.
 * Returns 0, or -1 with *cause ("FILE:LINE: reason").
 */
int baskets_read_file(struct baskets *b, const char *path, int sep,
    char **cause);

#endif
