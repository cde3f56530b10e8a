/*
 * types_hotel — the hotel records the store loads (store_hotel.h) and the
 * desk keeps: a hotel's snapshot, moves by segment, add-ons and their
 * sales, reservations as the desk lists them, a guest's earlier stays.
 * Built on model/hotel.h's types; no store here.
 */
#ifndef UPLIFT_TYPES_HOTEL_H
#define UPLIFT_TYPES_HOTEL_H

#include <stddef.h>
#include <stdint.h>

#include "model/hotel.h"

/* The room types of a hotel with their rooms, and the stays that occupy
 * them over a period: what model/hotel.h computes on.  Owned arrays. */
struct hotel_snapshot {
	struct hotel_type *types;      /* names owned (free with the rest) */
	size_t             ntypes;
	struct hotel_stay *stays;
	size_t             nstays;
	int                estimated;  /* the hotel has no rooms listed: the
	                                * rooms of a type are the most stays
	                                * it ever held on one night         */
};

/* A move, for the guests of one market segment. */
struct segment_move {
	char             *segment;   /* owned                              */
	struct hotel_move move;
};

/* A hotel's add-ons with their names, and what is sold of them. */
struct store_addons {
	struct hotel_addon      *addons;
	char                   **names;    /* parallel to addons, owned */
	char                   **codes;    /* likewise                  */
	size_t                   n;
	struct hotel_addon_sold *sold;
	size_t                   nsold;
};

/* A reservation as the desk lists it. */
struct reservation_row {
	int64_t id;
	char   *code;         /* confirmation (owned)                    */
	char   *guest;        /* the guest's name, "" if none (owned)     */
	int64_t arrival;      /* civil day                               */
	int     nights;
	int64_t type_id;      /* the room type held (assigned if any)     */
	int     status;       /* enum reservation_status                  */
	size_t  matched;      /* how many matched in all, beyond the limit
	                       * too (the same in every row)               */
};

/* A guest's earlier stay at a hotel. */
struct guest_stay {
	int64_t arrival;      /* civil day                              */
	int     nights;
	int64_t type_id;      /* the room type held (assigned if any)   */
	int64_t spend;        /* nightly rate × nights                  */
};

#endif
