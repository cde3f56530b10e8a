/*
 * strmap — a string → int64 hash table (open addressing, linear probing).
 * Keys are copied; the map owns its copies.  Used by the importers to map
 * codes (SKUs, invoice numbers, customer ids) to row ids without a query
 * per line.
 */
#ifndef UPLIFT_STRMAP_H
#define UPLIFT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap;

/* A new empty map.  Free with strmap_free(). */
struct strmap *strmap_new(void);

/* Free the map and its key copies; *mp becomes NULL.  NULL-safe. */
void strmap_free(struct strmap **mp);

/* 1 and *val if key[0..len) is present, else 0. */
int strmap_get(const struct strmap *m, const char *key, size_t len,
    int64_t *val);

/* Insert or replace key[0..len) → val. */
void strmap_put(struct strmap *m, const char *key, size_t len, int64_t val);

/* Number of keys. */
size_t strmap_count(const struct strmap *m);

#endif
