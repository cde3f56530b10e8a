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
	OFFERS_BY_SHOP,       /* the chain's offers by shop (report --chain
	                       * only)                                    */
};

/*
 * The kind of an offer row as SQL, the same text for the shop's SQLite
 * and the head office's PostgreSQL, so that their reports name the kinds
 * alike: addon, stay and kind are the row's add-on, reservation and kind
 * columns.
 */
#define OFFERS_KIND_SQL(addon, stay, kind) \
	"CASE WHEN " addon " IS NOT NULL THEN 'addon' WHEN " stay \
	" IS NOT NULL THEN 'room' ELSE CASE " kind " WHEN 0 THEN 'upgrade'" \
	" WHEN 1 THEN 'bundle' WHEN 2 THEN 'refill'" \
	" WHEN 3 THEN 'seasonal' ELSE 'other' END END"

/* One group of the offer log over a period. */
struct offer_group {
	char   *key;          /* owned                                    */
	int64_t shown;        /* offers made: shown rows (the counter's,
	                       * the desk's once a visit), and answers at
	                       * the desk without a shown row of theirs   */
	int64_t accepted, declined;  /* less those undone at the desk */
	int64_t revenue;      /* price differences of the accepted ones   */
	int64_t nights;       /* nights of the accepted room upgrades     */
};

/* ---- records the store loads and saves (store_*.h) --------------------- */

/* How many rows the store holds (store_stats). */
struct store_stats {
	int64_t customers, items, orders, order_lines, hotels, room_types,
	    rooms, reservations, offers;
};

/* An item's benefit line in one language. */
struct item_text {
	int64_t item_id;
	char    lang[4];
	char   *text;       /* owned */
};

struct order_line_rec {
	int64_t     order_id;
	int         line;
	int64_t     item_id;
	int64_t     qty;
	int64_t     unit_price;
	const char *descr;      /* not owned; NULL: the item's name */
};

struct history_line {
	char    *order_code;
	int64_t  at;
	int      kind;        /* ORDER_SALE or ORDER_RETURN */
	char    *sku;
	char    *name;        /* the line's description, else the item's */
	int64_t  qty;
	int64_t  unit_price;
	int64_t  amount;      /* qty * unit_price */
};

struct history {
	struct history_line *lines;  /* newest first                     */
	size_t   n;                  /* lines returned (<= limit)         */
	size_t   total_lines;        /* all lines of the customer         */
	int64_t  lifetime;           /* net spend: sales minus returns    */
	int64_t  visits;             /* orders that are sales             */
	int64_t  returns;            /* orders that are returns           */
	int64_t  first_at, last_at;  /* first and last sale, 0 if none    */
};

#define PROFILE_TOP    5
#define PROFILE_MONTHS 12

struct profile_item {
	char    *sku;
	char    *name;
	int64_t  qty;       /* units in its sale orders          */
	int64_t  orders;    /* orders it was in                  */
};

struct profile {
	struct profile_item top[PROFILE_TOP];  /* most bought products (no
	                                        * service), by orders      */
	size_t   ntop;
	int64_t  chart_at;                     /* month_spend ends with the
	                                        * month of this time       */
	int64_t  month_spend[PROFILE_MONTHS];  /* net spend per calendar
	                                        * month, oldest first; the
	                                        * last is the month of now */
};

/* One line of a talking-point template, as the script table keeps it. */
struct script_row {
	char *kind;      /* "bundle" ...                                    */
	char *scope;     /* "", "category=X" or "item=SKU"                  */
	char  lang[4];
	char *variant;
	int   line;      /* 1.. within the template                         */
	char *text;
};

enum clerk_role { CLERK_TRAINEE = 0, CLERK_CLERK = 1, CLERK_MANAGER = 2 };

/* A member of staff. */
struct clerk_rec {
	int64_t id;
	char   *name;         /* owned                                    */
	int     role;         /* enum clerk_role                          */
	char   *pin_hash;     /* crypt(3) hash, NULL: no PIN (owned)      */
	int     failed;       /* wrong PINs in a row                      */
	int64_t locked_until; /* civil seconds, 0: not locked             */
};

/* Release a clerk record's strings and zero it. */
void clerk_rec_clear(struct clerk_rec *c);

/* One row of the offer log. */
struct offer_rec {
	int64_t     at;           /* civil seconds                          */
	int64_t     clerk_id;     /* 0: none                                */
	const char *counter;      /* not owned; may be NULL                 */
	int64_t     customer_id;  /* 0: walk-in                             */
	int64_t     item_id;
	int         kind;         /* enum suggestion_kind                   */
	int64_t     price_diff;
	int         outcome;      /* enum offer_outcome                     */
	int         reason;       /* decline reason 1..5, 0 none            */
	const char *variant;      /* script variant, NULL none              */
	int         training;
	int64_t     reservation_id; /* a room upgrade: the reservation, 0 none */
	int64_t     room_type_id;   /* ... and the room type offered           */
	int64_t     addon_id;       /* an add-on at the desk, 0 none           */
	const char *jkey;         /* the row's key (journal.h), NULL none:
	                           * a row with a key is added only once   */
};

/* A line of a sale made at the counter. */
struct sale_line {
	int64_t item_id;
	int64_t qty;
	int64_t unit_price;
};

/* The counter's sales (not returns) over a period. */
struct basket_average {
	int64_t orders;
	int64_t total;        /* their lines' sum, minor units            */
};

/* The offers of one script variant (struct offer_rec's variant). */
struct variant_count {
	const char *variant;   /* inside the block store_variant_counts gave */
	int64_t     shown;     /* outcome OFFER_SHOWN rows                   */
	int64_t     accepted;  /* outcome OFFER_ACCEPTED rows                */
	int64_t     declined;  /* outcome OFFER_DECLINED rows                */
};

#endif
