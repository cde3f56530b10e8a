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
	size_t    *start;     /* basket i is items[start[i] .. start[i+1]) */
	size_t     nbaskets;
	char     **names;     /* item id -> name (owned)                    */
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
 * Append a basket of n item ids (any order, duplicates allowed: they are
 * sorted and made distinct).  An empty basket is kept (it counts in N).
 */
void baskets_add(struct baskets *b, const uint32_t *ids, size_t n);

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
