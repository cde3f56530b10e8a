/*
 * types — the domain records the rest of uplift sees instead of SQL rows.
 *
 * Strings in these records are owned by the record (malloc'd) unless a
 * function says otherwise; free them with the matching *_clear().  Money
 * is int64_t in units of 10^-scale of the database currency (money.h);
 * times are civil seconds and days are civil day numbers (civil.h).
 */
#ifndef UPLIFT_TYPES_H
#define UPLIFT_TYPES_H

#include <stddef.h>
#include <stdint.h>

#define ITEM_NO_STOCK    INT64_MIN  /* stock not tracked                    */
#define ITEM_NO_SEASON   0          /* season_start/_end unset              */

/*
 * What an item is: a product the shop sells, or a service line that is no
 * product (postage, carriage, fees, discounts, manual lines, bank and
 * marketplace charges, samples, gift vouchers).  A service counts in
 * order totals and money, but is never suggested and never among a
 * customer's most bought.
 */
enum item_kind { ITEM_PRODUCT = 0, ITEM_SERVICE = 1 };

struct item {
	int64_t  id;
	char    *sku;
	char    *name;
	char    *category;        /* may be NULL                            */
	char    *family;          /* upgrade family key; may be NULL        */
	int      tier;            /* position in the family, 1 = lowest     */
	int      brand_tier;      /* 1 economy, 2 standard, 3 premium       */
	int64_t  price;
	int64_t  stock;           /* ITEM_NO_STOCK when not tracked         */
	char    *barcode;         /* may be NULL                            */
	int      season_start;    /* MMDD (e.g. 1015) or ITEM_NO_SEASON     */
	int      season_end;
	int      refill_days;     /* 0 when not a consumable                */
	int      refill_from_category; /* 1 when refill_days is the
	                           * category's (catalog_load), not the
	                           * item's own                             */
	int      kind;            /* enum item_kind                         */
	char    *benefit;         /* may be NULL                            */
};

/* How often an item was offered as a kind of suggestion, and taken. */
struct take_rate {
	int64_t  item_id;
	int      kind;        /* the scorer's suggestion kind            */
	uint32_t offered;     /* offers shown (training left out)        */
	uint32_t accepted;
};

/*
 * A category of the catalogue with its own settings (categories.csv): the
 * refill rhythm its items take when they have no refill_days of their own.
 */
struct category {
	char    *name;            /* as items name it (exact match)         */
	int      refill_days;     /* 0 when none                            */
};

/* Release a category's name and zero it.  NULL-safe. */
void category_clear(struct category *c);

/* A curated bundle: items sold together for one price. */
struct bundle_item {
	int64_t item_id;
	int64_t qty;
};

struct bundle {
	int64_t             id;
	char               *code;
	char               *name;
	int64_t             price;    /* for the whole set              */
	struct bundle_item *items;    /* owned                          */
	size_t              nitems;
};

/* Release a bundle's strings and items and zero it.  NULL-safe. */
void bundle_clear(struct bundle *b);

enum customer_consent { CONSENT_NO = 0, CONSENT_YES = 1 };

struct customer {
	int64_t  id;
	char    *code;            /* the shop's customer id                 */
	char    *name;
	char    *phone;           /* may be NULL                            */
	char    *email;           /* may be NULL                            */
	char    *loyalty;         /* may be NULL                            */
	char    *lang;            /* ISO 639-1 or NULL                      */
	char    *segment;         /* may be NULL                            */
	char    *country;         /* may be NULL                            */
	int      consent;
};

enum order_kind { ORDER_SALE = 0, ORDER_RETURN = 1 };

struct order {
	int64_t  id;
	char    *code;            /* invoice / order number                 */
	int64_t  customer_id;     /* 0 for a walk-in                        */
	int64_t  at;              /* civil seconds                          */
	int      kind;
	char    *country;         /* may be NULL                            */
	char    *source;          /* import format or "counter"             */
};

struct room_type {
	int64_t  id;
	int64_t  hotel_id;
	char    *code;
	char    *name;
	int      tier;            /* ladder position, 1 = lowest            */
	int64_t  rate;            /* nightly rack rate                      */
	int      capacity;        /* 0 unknown                              */
	char    *view;            /* may be NULL                            */
	int      size_m2;         /* 0 unknown                              */
	char    *benefit_bn;      /* what is better about it, in Bengali, */
	char    *benefit_gu;      /* ... in Gujarati; NULL none           */
};

enum reservation_status {
	RES_BOOKED = 0, RES_CHECKED_IN, RES_CHECKED_OUT, RES_CANCELLED,
	RES_NO_SHOW
};

struct reservation {
	int64_t  id;
	int64_t  hotel_id;
	char    *code;            /* confirmation number                    */
	int64_t  guest_id;        /* customer id, 0 if none                 */
	int64_t  arrival;         /* civil day                              */
	int      nights;
	int64_t  room_type_id;    /* booked                                 */
	int64_t  assigned_type_id;/* assigned at check-in, 0 if not yet     */
	int64_t  rate;            /* booked nightly rate                    */
	int      adults, children;
	int      status;
	int      repeated;        /* the hotel flagged a repeat guest       */
	char    *segment;         /* market segment / customer type, or NULL */
	/* set by an upgrade at the desk (0: none), for undoing it and for
	 * measuring the cap from the booking */
	int64_t  booked_rate;     /* the nightly rate booked               */
	int64_t  prior_type_id;   /* the type assigned before, 0 none      */
	int64_t  moved_on;        /* first night in the new type, 0: all   */
};

/* Release the strings of a record and zero it.  NULL-safe. */
void item_clear(struct item *it);
void customer_clear(struct customer *c);
void order_clear(struct order *o);
void room_type_clear(struct room_type *rt);
void reservation_clear(struct reservation *r);

/* Name of a reservation status ("booked", ...) and back (-1 if unknown). */
const char *reservation_status_name(int status);
int reservation_status_parse(const char *s);

/* How `uplift report` groups the offer log. */
enum offers_by {
	OFFERS_BY_KIND = 0,   /* upgrade, bundle, refill, seasonal, room  */
	OFFERS_BY_CLERK,
	OFFERS_BY_ITEM,       /* SKU, or room type code                   */
	OFFERS_BY_DAY,        /* YYYY-MM-DD                               */
	OFFERS_BY_REASON,     /* declined offers by reason, "0".."5"      */
	OFFERS_BY_HOTEL,      /* room upgrades by hotel                   */
};

/* One group of the offer log over a period. */
struct offer_group {
	char   *key;          /* owned                                    */
	int64_t shown;        /* offers made (counter: shown rows; desk:
	                       * the answered ones)                       */
	int64_t accepted, declined;
	int64_t revenue;      /* price differences of the accepted ones   */
	int64_t nights;       /* nights of the accepted room upgrades     */
};

#endif
