/*
 * store_orders — orders in the store: orders and their lines, the counter's
 * sales, the order history as baskets, the mined model, the import log.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_ORDERS_H
#define UPLIFT_STORE_ORDERS_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

struct store;

/* The highest order id (0 for none).  0 or -1 with *cause. */
int store_max_order_id(struct store *s, int64_t *id, char **cause);

/* How many lines order_id has (its highest line number).  0 or -1. */
int store_order_lines(struct store *s, int64_t order_id, int64_t *n,
    char **cause);

int store_order_id(struct store *s, const char *code, int64_t *id,
    char **cause);

/* Insert a new order (its code must be new).  *id gets its id. */
int store_order_add(struct store *s, const struct order *o, int64_t *id,
    char **cause);

/*
 * Add line number `line` to order_id.  descr is the line's own
 * description when it differs from the item's name (NULL otherwise).
 */
int store_line_add(struct store *s, int64_t order_id, int line,
    int64_t item_id, int64_t qty, int64_t unit_price, const char *descr,
    char **cause);

/* Add n order lines at once (bulk imports): the same as n calls of
 * store_line_add(), with fewer statements. */
int store_lines_add(struct store *s, const struct order_line_rec *v,
    size_t n, char **cause);

struct baskets;

/*
 * The order history as baskets: one per sale order placed before `before`
 * (civil seconds; INT64_MAX for all), with its items of quantity > 0 in
 * the order they were rung up, its customer and its time (b->customer,
 * b->at); item names are SKUs, titles the items' names and b->ids the
 * store's item ids.  Every product of the catalogue gets an id, bought or
 * not; services are left out.  *b must be freshly initialised.
 */
int store_baskets(struct store *s, int64_t before, struct baskets *b,
    char **cause);

/*
 * Call fn once per sale order placed before `before` (in order of id) that
 * has lines of quantity > 0: its customer id (0 for a walk-in), time, and
 * its distinct item ids (store ids) in the order they were rung up (the
 * first line of each) with the quantity of each (over its lines);
 * services are left out.  fn returns 0 to go on,
 * non-zero to stop (store_order_scan then returns that value).  Returns 0
 * when every order was seen, -1 on error.
 */
typedef int (*store_order_fn)(void *arg, int64_t customer_id, int64_t at,
    const int64_t *items, const int64_t *qty, size_t n);
int store_order_scan(struct store *s, int64_t before, store_order_fn fn,
    void *arg, char **cause);

/*
 * Save (replace) the blob of the model named name, built at `built`
 * (civil seconds), in its own transaction.
 */
int store_model_save(struct store *s, const char *name, int64_t built,
    const void *data, size_t size, char **cause);

/*
 * Load the blob of model name: 1 and a malloc'd *data of *size bytes (and
 * *built), 0 if there is none, -1 on error.
 */
int store_model_load(struct store *s, const char *name, void **data,
    size_t *size, int64_t *built, char **cause);

/*
 * Record a sale as an order of customer_id (0: walk-in) at `at`, with its
 * lines, and take the quantities off tracked stock — one transaction.
 * The order's code is "POS" and its id.  *order_id gets the id.
 */
int store_sale_add(struct store *s, int64_t customer_id, int64_t at,
    const struct sale_line *lines, size_t n, int64_t *order_id,
    char **cause);

/* The time of the newest order (civil seconds), 0 with none: where the
 * history ends.  0, or -1 with *cause. */
int store_newest_order(struct store *s, int64_t *at, char **cause);

/*
 * store_sale_add(), the order's code being code (a till's order number);
 * -1 with *cause naming it when an order with that code is there already.
 */
int store_sale_add_as(struct store *s, const char *code, int64_t customer_id,
    int64_t at, const struct sale_line *lines, size_t n, int64_t *order_id,
    char **cause);

/* Mark counter sale order_id as one that took an offer.  0 or -1. */
int store_order_mark_offer(struct store *s, int64_t order_id, char **cause);

/* Record that file (format) was imported with records read, added new. */
int store_import_log(struct store *s, int64_t at, const char *format,
    const char *file, int64_t records, int64_t added, char **cause);

#endif
