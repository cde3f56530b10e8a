/*
 * types_buyer — a customer's orders and offers as the scorer sees them,
 * loaded by the store (store_customers.h): built on model/buyer.h's
 * types; no store here.
 */
#ifndef UPLIFT_TYPES_BUYER_H
#define UPLIFT_TYPES_BUYER_H

#include <stddef.h>
#include <stdint.h>

#include "model/buyer.h"

/* A customer's orders as the scorer sees them (buyer.h): owned. */
struct store_orders {
	struct buyer_order *v;       /* oldest first                     */
	size_t              n;
	int64_t            *items;   /* what v[i].items point into        */
};

/* A customer as the scorer sees them, owned. */
struct store_buyer {
	struct buyer        b;        /* points into the two below      */
	struct buyer_hist   hist;
	struct past_offer  *offers;
};

#endif
