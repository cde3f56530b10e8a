/*
 * store_customers — customers in the store: saved, found, their history and
 * profile, and their orders as the scorer sees them.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_CUSTOMERS_H
#define UPLIFT_STORE_CUSTOMERS_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "model/types_buyer.h"

struct store;

/* The customer whose code is code — or, for an email address or phone
 * number, store_customer_code(code): 1 and *id, 0 if none, -1. */
int store_customer_id(struct store *s, const char *code, int64_t *id,
    char **cause);

/* Insert or update (by code) a customer; a code that is an email
 * address or a phone number is kept as store_customer_code() of it.
 * *id gets its id. */
int store_customer_put(struct store *s, const struct customer *c,
    int64_t *id, char **cause);

/* Customer by id: 1 found, 0 not, -1 error. */
int store_customer_get(struct store *s, int64_t id, struct customer *c,
    char **cause);

/*
 * Customers matching text: exact customer code (or the code an email
 * address or phone number became), loyalty number, a phone
 * number by exactly its last 4 digits or by all its digits (spaces and
 * punctuation in text ignored; 5 or more trailing digits never match, so
 * that nothing beyond the masked 4 can be learnt), or a case-insensitive
 * part of the name.  At most limit
 * results, best matches first (code, loyalty, phone, name prefix, name
 * part).  *out is a malloc'd array of *n records; free with
 * store_customers_free().
 */
int store_customers_find(struct store *s, const char *text, size_t limit,
    struct customer **out, size_t *n, char **cause);
void store_customers_free(struct customer **list, size_t n);

/*
 * The purchase history of customer_id: at most limit lines, newest first,
 * with totals over the whole history.  Free with store_history_free().
 */
int store_history(struct store *s, int64_t customer_id, size_t limit,
    struct history *h, char **cause);
void store_history_free(struct history *h);

/*
 * What a customer buys most (products only: services such as postage
 * are left out, though they count in the spend) and their spend by month
 * up to the month of now (civil seconds).  Free with store_profile_free().
 */
int store_profile(struct store *s, int64_t customer_id, int64_t now,
    struct profile *p, char **cause);
void store_profile_free(struct profile *p);

/*
 * The latest BUYER_HISTORY_MAX sale orders of customer_id before
 * `before`, oldest first, each with its items in the order they were
 * rung up (returned lines and services left out).  What was returned
 * before `before` comes off the latest sales of its item at or before
 * the return; a sale line with nothing left is left out too (an order
 * cancelled the day it was made is no purchase); an order left with
 * nothing keeps its place with n = 0.  Free with store_orders_free().
 */
int store_customer_orders(struct store *s, int64_t customer_id,
    int64_t before, struct store_orders *out, char **cause);

/* Free what o holds and zero it.  Safe on a zeroed struct. */
void store_orders_free(struct store_orders *o);

/*
 * Load customer_id as they are at `now`: their latest orders before it
 * (store_customer_orders, described by buyer_hist_build) and their
 * answers to offers since offers_since.  customer_id 0 gives a walk-in.
 * Free with store_buyer_free().
 */
int store_buyer(struct store *s, int64_t customer_id, int64_t now,
    int64_t offers_since, struct store_buyer *out, char **cause);

/* Free what sb holds and zero it.  Safe on a zeroed struct. */
void store_buyer_free(struct store_buyer *sb);

#endif
