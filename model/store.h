/*
 * store — the one SQLite file, and the only module that speaks SQL.
 *
 * struct store is opaque: callers see domain records (types.h).  Every
 * connection is opened with the settings of reliability.md rule 3, set and
 * read back (WAL, synchronous=FULL, foreign_keys, secure_delete,
 * trusted_schema off, defensive mode, busy_timeout), the file is checked
 * (application_id, user_version, quick_check) and the schema migrated
 * forward.  Writes happen in BEGIN IMMEDIATE transactions only.
 *
 * Errors: functions return 0 on success and -1 on failure with a malloc'd
 * *cause that never contains personal data; lookups that may find nothing
 * return 1 when found and 0 when not.
 */
#ifndef UPLIFT_STORE_H
#define UPLIFT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model/buyer.h"
#include "model/hotel.h"
#include "model/training.h"
#include "model/types.h"

#define STORE_APPLICATION_ID 0x55504c46  /* "UPLF" */
#define STORE_SCHEMA_VERSION 9

struct store;

enum store_flags {
	STORE_READONLY = 1 << 0,  /* open read-only; never creates or migrates */
	STORE_CREATE   = 1 << 1,  /* create the file (mode 0600) if missing   */
	STORE_NOCHECK  = 1 << 2,  /* skip quick_check (tests of big files)    */
};

/*
 * Open (and with STORE_CREATE create) the database at path.  The parent
 * directory is created 0700 when creating.  Refuses network filesystems,
 * files that are not SQLite, other applications' databases and databases
 * from a newer uplift.  Returns 0 and *out, or -1 and *cause.
 */
int store_open(struct store **out, const char *path, int flags, char **cause);

/*
 * The code that stands for a customer id: when text is an email address
 * or a phone number (privacy_looks_personal), "P-" and 16 hex digits of
 * a keyed hash of it (HMAC-SHA-256 with the database's own secret, over
 * privacy_normal(text)), so that the same address always gets the same
 * code in this database and no list of guesses can be hashed without
 * the file; else a copy of text.  malloc'd; NULL for NULL.
 */
char *store_customer_code(const struct store *s, const char *text);

/*
 * Whether the customer code (as an import has it; an email address or
 * phone number counts as the code it becomes) belongs to an erased
 * customer: its keyed hash is on the suppression list that
 * store_customer_erase() writes.  1 yes, 0 no, -1 with *cause.
 */
int store_suppressed(struct store *s, const char *code, char **cause);

/* Close; *sp becomes NULL.  NULL-safe.  Never fails visibly. */
void store_close(struct store **sp);

/* The path given to store_open().  Valid while the store is open. */
const char *store_path(const struct store *s);

/*
 * The database currency ("" if not yet set) and its scale (digits after
 * the decimal point of stored amounts).  cur must hold 4 bytes.
 */
void store_currency(const struct store *s, char cur[4], int *scale);

/*
 * Set the currency and scale if none is set yet; if one is set, succeed
 * only when both match (amounts are never rescaled).  Inside or outside a
 * transaction.
 */
int store_set_currency(struct store *s, const char *cur, int scale,
    char **cause);

/* ---- transactions ----------------------------------------------------- */

/* BEGIN IMMEDIATE (waits up to busy_timeout for other writers). */
int store_begin(struct store *s, char **cause);
/* COMMIT; on failure the transaction is rolled back. */
int store_commit(struct store *s, char **cause);
/* ROLLBACK if a transaction is open; silent. */
void store_rollback(struct store *s);
/*
 * Bulk mode for an import (on before its BEGIN, off after its end): a
 * bounded page cache (16 MB; dirty pages spill to the -wal) and
 * temporary tables on disk, so that memory does not grow with the rows;
 * off drops the keys store_seen() kept.
 */
void store_bulk_mode(struct store *s, int on);

/*
 * An import's check for keys repeated within a file: remember key (in
 * namespace ns, a file's number) as seen at line.  0 when new, 1 when
 * seen already with *first the line it was first seen on, -1 with
 * *cause.  Kept in a temporary table on disk (bulk mode), not in memory.
 */
int store_seen(struct store *s, int ns, const char *key, int64_t line,
    int64_t *first, char **cause);

/* The highest order id (0 for none).  0 or -1 with *cause. */
int store_max_order_id(struct store *s, int64_t *id, char **cause);

/* How many lines order_id has (its highest line number).  0 or -1. */
int store_order_lines(struct store *s, int64_t order_id, int64_t *n,
    char **cause);

/* ---- counts ----------------------------------------------------------- */

struct store_stats {
	int64_t customers, items, orders, order_lines, hotels, room_types,
	    rooms, reservations, offers;
};

int store_stats(struct store *s, struct store_stats *st, char **cause);

/* ---- catalogue -------------------------------------------------------- */

/* Find an item by SKU: 1 and *id, 0 if absent, -1 on error. */
int store_item_id(struct store *s, const char *sku, int64_t *id,
    char **cause);

/* As an item's kind for store_item_put(): keep the stored one. */
#define STORE_KIND_KEEP (-1)

/*
 * Insert the item, or update the existing one with the same SKU (every
 * field of *it replaces the stored one, but a kind of STORE_KIND_KEEP
 * keeps an existing item's kind and makes a new one a product;
 * refill_from_category is not stored).  *id gets its id.
 */
int store_item_put(struct store *s, const struct item *it, int64_t *id,
    char **cause);

/* Set the kind (enum item_kind) of item id.  0, or -1 with *cause. */
int store_item_set_kind(struct store *s, int64_t id, int kind,
    char **cause);

/* Set the price of item id (used by importers that see prices per line). */
int store_item_set_price(struct store *s, int64_t id, int64_t price,
    char **cause);

/* Item by id into *it (strings owned by *it): 1 found, 0 not, -1 error. */
int store_item_get(struct store *s, int64_t id, struct item *it,
    char **cause);

/*
 * Every item of the catalogue, ordered by id, into a malloc'd array of *n
 * records (each owns its strings).  Free with store_items_free().
 */
int store_items(struct store *s, struct item **out, size_t *n, char **cause);
void store_items_free(struct item **list, size_t n);

/* An item's benefit line in one language. */
struct item_text {
	int64_t item_id;
	char    lang[4];
	char   *text;       /* owned */
};

/* Set (text != NULL) or remove the benefit of item_id in lang. */
int store_item_benefit_put(struct store *s, int64_t item_id,
    const char *lang, const char *text, char **cause);

/* Every translated benefit line, by item and language; free each text
 * and the array. */
int store_item_benefits(struct store *s, struct item_text **out, size_t *n,
    char **cause);

/* ---- categories ------------------------------------------------------- */

/*
 * Insert or update (by name) a category and its settings.  Returns 1 if
 * it was added, 0 if it was there (and is updated), -1 with *cause.
 */
int store_category_put(struct store *s, const struct category *c,
    char **cause);

/*
 * Every category with settings, ordered by name (bytewise, as strcmp), in
 * a malloc'd array of *n records owning their names.  Free with
 * store_categories_free().  0, or -1 with *cause.
 */
int store_categories(struct store *s, struct category **out, size_t *n,
    char **cause);
void store_categories_free(struct category **list, size_t n);

/*
 * Insert or update (by code) a curated bundle and replace its items with
 * items[0..n).  *id gets its id; *existed whether it was there before.
 */
int store_bundle_put(struct store *s, const struct bundle *b, int64_t *id,
    int *existed, char **cause);

/* Every curated bundle with its items, by id.  Free with
 * store_bundles_free(). */
int store_bundles(struct store *s, struct bundle **out, size_t *n,
    char **cause);
void store_bundles_free(struct bundle **list, size_t n);

/* ---- customers -------------------------------------------------------- */

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

/* ---- orders ----------------------------------------------------------- */

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

struct order_line_rec {
	int64_t     order_id;
	int         line;
	int64_t     item_id;
	int64_t     qty;
	int64_t     unit_price;
	const char *descr;      /* not owned; NULL: the item's name */
};

/* Add n order lines at once (bulk imports): the same as n calls of
 * store_line_add(), with fewer statements. */
int store_lines_add(struct store *s, const struct order_line_rec *v,
    size_t n, char **cause);

/* ---- history ---------------------------------------------------------- */

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

/*
 * The purchase history of customer_id: at most limit lines, newest first,
 * with totals over the whole history.  Free with store_history_free().
 */
int store_history(struct store *s, int64_t customer_id, size_t limit,
    struct history *h, char **cause);
void store_history_free(struct history *h);

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
	int64_t  month_spend[PROFILE_MONTHS];  /* net spend per calendar
	                                        * month, oldest first; the
	                                        * last is the month of now */
};

/*
 * What a customer buys most (products only: services such as postage
 * are left out, though they count in the spend) and their spend by month
 * up to the month of now (civil seconds).  Free with store_profile_free().
 */
int store_profile(struct store *s, int64_t customer_id, int64_t now,
    struct profile *p, char **cause);
void store_profile_free(struct profile *p);

/* ---- baskets and the mined model --------------------------------------- */

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

/* A customer's orders as the scorer sees them (buyer.h): owned. */
struct store_orders {
	struct buyer_order *v;       /* oldest first                     */
	size_t              n;
	int64_t            *items;   /* what v[i].items point into        */
};

/*
 * The latest BUYER_HISTORY_MAX sale orders of customer_id before
 * `before`, oldest first, each with its items in the order they were
 * rung up (returned lines and services left out).  Free with store_orders_free().
 */
int store_customer_orders(struct store *s, int64_t customer_id,
    int64_t before, struct store_orders *out, char **cause);

/* Free what o holds and zero it.  Safe on a zeroed struct. */
void store_orders_free(struct store_orders *o);

/* A customer as the scorer sees them, owned. */
struct store_buyer {
	struct buyer        b;        /* points into the two below      */
	struct buyer_hist   hist;
	struct past_offer  *offers;
};

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

/*
 * The counter's offers per item and kind: how often each was shown and
 * how often accepted (training left out).  Free *out with free().
 */
int store_take_rates(struct store *s, struct take_rate **out, size_t *n,
    char **cause);

/*
 * The offers accepted or declined by customer_id at or after `since`,
 * newest first (training offers excluded).  Free *out with free().
 */
int store_past_offers(struct store *s, int64_t customer_id, int64_t since,
    struct past_offer **out, size_t *n, char **cause);

/* ---- talking points ----------------------------------------------------- */

/* One line of a talking-point template, as the script table keeps it. */
struct script_row {
	char *kind;      /* "bundle" ...                                    */
	char *scope;     /* "", "category=X" or "item=SKU"                  */
	char  lang[4];
	char *variant;
	int   line;      /* 1.. within the template                         */
	char *text;
};

/*
 * Replace every template of language lang with rows[0..n), in one
 * transaction.
 */
int store_script_rows_put(struct store *s, const char *lang,
    const struct script_row *rows, size_t n, char **cause);

/* Every template line, by language, kind, scope, variant and line.  Free
 * with store_script_rows_free(). */
int store_script_rows(struct store *s, struct script_row **out, size_t *n,
    char **cause);
void store_script_rows_free(struct script_row **rows, size_t n);

/* ---- the counter: offers and sales ------------------------------------ */

enum clerk_role { CLERK_TRAINEE = 0, CLERK_CLERK = 1, CLERK_MANAGER = 2 };

/*
 * The id of the clerk named name, creating them with role if they are new
 * (in its own transaction).  0 and *id, or -1 with *cause.
 */
int store_clerk_id(struct store *s, const char *name, int role, int64_t *id,
    char **cause);

/* A member of staff. */
struct clerk_rec {
	int64_t id;
	char   *name;         /* owned                                    */
	int     role;         /* enum clerk_role                          */
	char   *pin_hash;     /* crypt(3) hash, NULL: no PIN (owned)      */
	int     failed;       /* wrong PINs in a row                      */
	int64_t locked_until; /* civil seconds, 0: not locked             */
};

/* The clerk named name: 1 found, 0 not, -1 error. */
int store_clerk_get(struct store *s, const char *name, struct clerk_rec *c,
    char **cause);
void clerk_rec_clear(struct clerk_rec *c);

/* Every clerk, by name (each cleared with clerk_rec_clear(), then the
 * array freed). */
int store_clerks(struct store *s, struct clerk_rec **out, size_t *n,
    char **cause);

/* Add the clerk, or set their role (and PIN hash when not NULL), which
 * also unlocks them.  0 added, 1 updated, -1 error. */
int store_clerk_put(struct store *s, const char *name, int role,
    const char *pin_hash, char **cause);

/*
 * Count a sign-in attempt before its PIN is checked, in one statement,
 * so that attempts made at once from several terminals cannot each read
 * the same count: the clerk's wrong-PIN count goes up by one and, when
 * it reaches max, the clerk is locked until now + lock_seconds (and the
 * count starts again).  A correct PIN then calls store_clerk_signed_in(),
 * which clears both.  1 counted (*failed the attempts in a row, this one
 * included; *locked_until the lock this attempt set, else 0), 0 refused
 * because the clerk is locked (*locked_until the end of the lock), -1
 * error (the attempt may not be made).  now is wall-clock time, never a
 * --at clock.
 */
int store_clerk_try(struct store *s, int64_t id, int64_t now, int max,
    int64_t lock_seconds, int *failed, int64_t *locked_until, char **cause);

/* A correct PIN, counted by a store_clerk_try() at now that set the lock
 * mine (0: none): the wrong-PIN count is cleared, and so is that lock or
 * an expired one; a lock other tries set meanwhile stays.  0, or -1 with
 * *cause. */
int store_clerk_signed_in(struct store *s, int64_t id, int64_t now,
    int64_t mine, char **cause);

/* How many clerks have a PIN (0: staff sign-in is not in use yet), or
 * -1 with *cause. */
int store_clerks_with_pin(struct store *s, char **cause);

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

/*
 * Append an offer to the log in its own transaction (BEGIN IMMEDIATE ..
 * COMMIT): when this returns 0 the row is durable and *id is its id (the
 * id it already had, when a row with its jkey is there).
 */
int store_offer_add(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause);

/* store_offer_add() inside the caller's transaction.  0 or -1. */
int store_offer_put(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause);

/* Inside the caller's transaction: the reason of declined offer id (>
 * 0), or of the one with key jkey; a row that is not there is no error
 * (replays: the journal may hold reasons of rows never saved).  0 or -1. */
int store_offer_set_reason(struct store *s, int64_t id, const char *jkey,
    int reason, char **cause);

/* Record the reason (1..5) of declined offer id, in its own transaction;
 * fails if id is not a declined offer. */
int store_offer_reason(struct store *s, int64_t id, int reason, char **cause);

/* A line of a sale made at the counter. */
struct sale_line {
	int64_t item_id;
	int64_t qty;
	int64_t unit_price;
};

/*
 * Record a sale as an order of customer_id (0: walk-in) at `at`, with its
 * lines, and take the quantities off tracked stock — one transaction.
 * The order's code is "POS" and its id.  *order_id gets the id.
 */
int store_sale_add(struct store *s, int64_t customer_id, int64_t at,
    const struct sale_line *lines, size_t n, int64_t *order_id,
    char **cause);

/* ---- hotels ----------------------------------------------------------- */

/* Find or create the hotel named name; *id gets its id.  Returns 1 if it
 * was created, 0 if it was there, -1 on error. */
int store_hotel_put(struct store *s, const char *name, int64_t *id,
    char **cause);

/* Find a hotel by name (without creating it): 1, 0 or -1. */
int store_hotel_id(struct store *s, const char *name, int64_t *id,
    char **cause);

/* Find a room type by (hotel, code): 1, 0 or -1. */
int store_room_type_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause);

/* Insert or update (by hotel and code) a room type. */
int store_room_type_put(struct store *s, const struct room_type *rt,
    int64_t *id, char **cause);

/* Find a room by (hotel, number): 1, 0 or -1. */
int store_room_id(struct store *s, int64_t hotel_id, const char *number,
    int64_t *id, char **cause);

/* Insert or update (by hotel and number) a room of a room type. */
int store_room_put(struct store *s, int64_t hotel_id, const char *number,
    int64_t room_type_id, char **cause);

/* Find a reservation by (hotel, confirmation): 1, 0 or -1. */
int store_reservation_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause);

/* Insert a new reservation (its code must be new for the hotel). */
int store_reservation_add(struct store *s, const struct reservation *r,
    int64_t *id, char **cause);

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

/*
 * The snapshot of hotel_id for nights from .. to - 1 (civil days): room
 * types, rooms per type and the active (not cancelled, not no-show) stays
 * that touch those nights.  Free with store_hotel_snapshot_free().
 */
int store_hotel_snapshot(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct hotel_snapshot *snap, char **cause);
void store_hotel_snapshot_free(struct hotel_snapshot *snap);

/*
 * How often the active reservations of hotel_id were assigned a room type
 * other than the one booked, per (booked, assigned) pair: the evidence of
 * which moves happen.  *out is owned by the caller (free()).
 */
int store_hotel_moves(struct store *s, int64_t hotel_id,
    struct hotel_move **out, size_t *n, char **cause);

/* A move, for the guests of one market segment. */
struct segment_move {
	char             *segment;   /* owned                              */
	struct hotel_move move;
};

/*
 * store_hotel_moves() per market segment (reservations without one left
 * out).  Free with store_segment_moves_free().
 */
int store_hotel_segment_moves(struct store *s, int64_t hotel_id,
    struct segment_move **out, size_t *n, char **cause);
void store_segment_moves_free(struct segment_move **m, size_t n);

/*
 * The ids of the active reservations of hotel_id arriving on days from ..
 * to - 1, by arrival then id.  *ids is owned by the caller (free()).
 */
int store_hotel_arrivals(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, int64_t **ids, size_t *n, char **cause);

/*
 * Save add-on code of hotel_id (name, and a's price, per, day served,
 * validity and daily inventory; a->id is ignored), replacing the one of
 * that code.  0 added, 1 replaced, -1 error with *cause.
 */
int store_addon_put(struct store *s, int64_t hotel_id, const char *code,
    const char *name, const struct hotel_addon *a, char **cause);

/*
 * Set hotel_id's own pricing of room upgrades: its cap (0..500, -1: the
 * configuration's) and its floor a night.  0 or -1 with *cause.
 */
int store_hotel_set_pricing(struct store *s, int64_t hotel_id,
    int cap_percent, int64_t floor, char **cause);

/* Mark counter sale order_id as one that took an offer.  0 or -1. */
int store_order_mark_offer(struct store *s, int64_t order_id, char **cause);

/* The counter's sales (not returns) over a period. */
struct basket_average {
	int64_t orders;
	int64_t total;        /* their lines' sum, minor units            */
};

/* Sales from `from` to before `to` that took an offer, and the others. */
int store_basket_averages(struct store *s, int64_t from, int64_t to,
    struct basket_average *with, struct basket_average *without,
    char **cause);

/*
 * The offer log grouped by `by` (enum offers_by) for offers made at or
 * after from and before to (civil seconds), training rows left out, by
 * key.  Free with store_offer_groups_free().
 */
int store_offer_groups(struct store *s, int by, int64_t from, int64_t to,
    struct offer_group **out, size_t *n, char **cause);
void store_offer_groups_free(struct offer_group **g, size_t n);

/*
 * Append to the audit log (append-only: the database refuses UPDATE and
 * DELETE on it, and an INSERT without its hash): who (clerk_id, 0 none),
 * what (action), on what (subject).  Never personal data: a customer is
 * "customer #ID".  Each row holds the hash of the row before it (prev)
 * and its own (SHA-256 over prev and its fields); meta audit_head keeps
 * the last id and hash, so that a row removed, changed or cut off the
 * end shows (store_check_audit).  In its own transaction, or in the
 * caller's.
 */
int store_audit_add(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause);

/*
 * Called with each row of a customer's data: the table ("customer",
 * "order_lines", "offers", "reservations", "addons"), n columns, their
 * names and text values (NULL for none), and which are whole numbers;
 * and once with n = -1 (and NULL arrays) as each table begins.
 * Money columns end in "_minor" (minor units of the database currency).
 */
typedef void (*store_export_fn)(void *arg, const char *table, int n,
    const char *const *cols, const char *const *vals, const int *nums);

/* Everything held about customer id, row by row to fn.  0 or -1. */
int store_customer_export(struct store *s, int64_t id, store_export_fn fn,
    void *arg, char **cause);

/*
 * Erase customer id: the personal fields cleared, the code replaced by
 * "erased-ID", the history kept under it (totals stay right) without the
 * orders' country, the old code's keyed hash put on the suppression list
 * (store_suppressed: no import brings the person back), an audit row
 * naming only the pseudonym — one transaction — then the WAL
 * checkpointed and emptied so that no copy of the old values stays in
 * the file or its -wal (secure_delete zeroes them in the pages).  Returns
 * 0; 1 when there is no such customer or it is erased already; 2 when
 * erased but another connection kept the WAL from being emptied; -1 on
 * error.  *cause says which.
 */
int store_customer_erase(struct store *s, int64_t id, int64_t clerk_id,
    int64_t at, char **cause);

/* Record a trainee's run of a scenario (in the training store), in its own
 * transaction.  0 or -1 with *cause. */
int store_training_add(struct store *s, const char *scenario,
    const char *trainee, int64_t at, int passed, int checks, int percent,
    char **cause);


/* trainee's progress, one row per scenario tried, by id.  Free with
 * store_training_progress_free(). */
int store_training_progress(struct store *s, const char *trainee,
    struct training_progress **out, size_t *n, char **cause);
void store_training_progress_free(struct training_progress **p, size_t n);

/* The tier of room type type_id.  0, or -1 with *cause. */
int store_room_type_tier(struct store *s, int64_t type_id, int *tier,
    char **cause);

/* Set the supplement a night for the step from_type → to_type (room type
 * ids of one hotel).  0 added, 1 replaced, -1 error with *cause. */
int store_supplement_put(struct store *s, int64_t from_type, int64_t to_type,
    int64_t per_night, char **cause);

/*
 * hotel_id's pricing: its cap (-1 when it has none of its own), its floor
 * and its set supplements (*m owned by the caller, free()).  0 or -1.
 */
int store_hotel_pricing(struct store *s, int64_t hotel_id, int *cap_percent,
    int64_t *floor, struct hotel_supplement **m, size_t *n, char **cause);

/* A hotel's add-ons with their names, and what is sold of them. */
struct store_addons {
	struct hotel_addon      *addons;
	char                   **names;    /* parallel to addons, owned */
	char                   **codes;    /* likewise                  */
	size_t                   n;
	struct hotel_addon_sold *sold;
	size_t                   nsold;
};

/*
 * The add-ons of hotel_id and their sales (of reservations not cancelled)
 * touching days from .. to (inclusive).  Free with store_addons_free().
 */
int store_hotel_addons(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct store_addons *x, char **cause);
void store_addons_free(struct store_addons *x);

/* A reservation as the desk lists it. */
struct reservation_row {
	int64_t id;
	char   *code;         /* confirmation (owned)                    */
	char   *guest;        /* the guest's name, "" if none (owned)     */
	int64_t arrival;      /* civil day                               */
	int     nights;
	int64_t type_id;      /* the room type held (assigned if any)     */
	int     status;       /* enum reservation_status                  */
};

/*
 * The reservations of hotel_id the desk looks for: with text NULL, the
 * active ones arriving on day; else those whose confirmation or guest's
 * name holds text (any case), confirmations starting with it first, then
 * the stays nearest day.  At most limit.  Free with
 * store_reservation_rows_free().
 */
int store_reservations_find(struct store *s, int64_t hotel_id,
    const char *text, int64_t day, size_t limit, struct reservation_row **out,
    size_t *n, char **cause);
void store_reservation_rows_free(struct reservation_row **rows, size_t n);

/* The add-ons sold to reservation res_id (their ids, ascending).  *ids is
 * owned by the caller. */
int store_reservation_addons(struct store *s, int64_t res_id, int64_t **ids,
    size_t *n, char **cause);

/* A guest's earlier stay at a hotel. */
struct guest_stay {
	int64_t arrival;      /* civil day                              */
	int     nights;
	int64_t type_id;      /* the room type held (assigned if any)   */
	int64_t spend;        /* nightly rate × nights                  */
};

/*
 * The stays of guest_id at hotel_id checked out (a stay booked, never
 * checked in, spent nothing) and arriving before day `before`, newest
 * first.  *out is owned by the caller.
 */
int store_guest_stays(struct store *s, int64_t hotel_id, int64_t guest_id,
    int64_t before, struct guest_stay **out, size_t *n, char **cause);

/*
 * The room types declined for reservation res_id (offers logged with its
 * id).  *types is owned by the caller.
 */
int store_reservation_declined(struct store *s, int64_t res_id,
    int64_t **types, size_t *n, char **cause);

/*
 * Sell add-on addon_id to reservation res_id: units a day for the days
 * day .. day+days-1, total for the stay.  In one BEGIN IMMEDIATE
 * transaction that checks again, day by day, the add-on's daily inventory
 * (sales of cancelled stays free theirs), that the stay is booked or
 * checked in and that it does not have it yet.  0 sold, 1 refused (nothing changed; *cause says why), -1 error.
 */
int store_addon_sell(struct store *s, int64_t res_id, int64_t addon_id,
    int64_t day, int days, int units, int64_t total, char **cause);

/* A reservation by id (strings owned by *r): 1 found, 0 not, -1 error. */
int store_reservation_get(struct store *s, int64_t id, struct reservation *r,
    char **cause);

/*
 * Move reservation res_id to room type type_id from night `from` on (the
 * arrival, or a later night for a stay in house: it is kept as moved_on),
 * adding supplement to its nightly rate, in one BEGIN IMMEDIATE
 * transaction that first checks that a room of that type is still free
 * on every night of the stay from then on (other desks' upgrades
 * included).  The first upgrade keeps the booked rate and the type held
 * before it (booked_rate, prior_type_id) for undoing it.  Returns 0 when done; 1 when the type is no
 * longer free, the stay already holds it, or the stay is not booked or
 * checked in (nothing changed; *cause says which); -1 on error.
 */
int store_reservation_upgrade(struct store *s, int64_t res_id,
    int64_t type_id, int64_t supplement, int64_t from, char **cause);

/*
 * Undo the desk's upgrades of reservation res_id at `at` (civil seconds):
 * back to the type held before them and the booked rate, in one BEGIN
 * IMMEDIATE transaction that checks a room of that type is free on every
 * night from `from` (civil day) to the departure; the accepted upgrade
 * rows of the stay are marked undone (kept, never deleted).  0 done; 1
 * refused (no upgrade to undo, or the room booked is taken meanwhile:
 * *cause says which); -1 error.
 */
int store_upgrade_undo(struct store *s, int64_t res_id, int64_t from,
    int64_t at, char **cause);

/*
 * Withdraw the guest's decline of room type type_id (addon_id 0) or of
 * add-on addon_id (type_id 0) for reservation res_id: its rows are marked
 * undone at `at`.  0 done, 1 nothing to withdraw, -1 error.
 */
int store_decline_undo(struct store *s, int64_t res_id, int64_t type_id,
    int64_t addon_id, int64_t at, char **cause);

/*
 * Take add-on addon_id off reservation res_id (its daily units are free
 * again) and mark its accepted rows undone at `at`, in one transaction.
 * 0 done, 1 the stay does not have it, -1 error.
 */
int store_addon_undo(struct store *s, int64_t res_id, int64_t addon_id,
    int64_t at, char **cause);

/*
 * The names of the hotels, by name (*names owned by the caller: free each
 * and the array).  0 or -1 with *cause.
 */
int store_hotel_names(struct store *s, char ***names, size_t *n,
    char **cause);

/*
 * Make a copy of a shop's database fit for training: every customer's
 * name, phone, email and loyalty number replaced by made-up ones
 * ("Customer 12", "+00 0000 0012", customer12@example.invalid, "T-12"),
 * codes and history kept, the -wal emptied.  Only ever called on a
 * scratch copy.  0 or -1 with *cause.
 */
int store_pseudonymise(struct store *s, char **cause);

/* ---- uplift check ------------------------------------------------------ */

/* Called with each problem store_verify() finds: a sentence naming the
 * object, the audit row or the clerk. */
typedef void (*store_problem_fn)(void *arg, const char *problem);

/*
 * Check the database as `uplift check` does: PRAGMA integrity_check;
 * the schema against the one uplift's migrations make (every table,
 * index and trigger — the audit log's guards among them — there and as
 * made, nothing added); the audit log's chain (ids from 1 without a gap,
 * each row's prev the hash of the row before, each hash what its row
 * says, the last row the head kept in meta) naming the first row where
 * it breaks; and each clerk's role against the last one the audit log
 * gave them.  fn gets each problem.  Returns how many (0: all is well)
 * and *rows the audit rows checked, or -1 with *cause.
 */
int store_verify(struct store *s, store_problem_fn fn, void *arg,
    int64_t *rows, char **cause);

/*
 * Whether clerk name's role is the one the audit log last gave them
 * (staff-add, role-change or pin-change "NAME: role"; a clerk with no
 * such row is a clerk): 1 yes, 0 no (changed outside uplift), -1 with
 * *cause.  Checked at every sign-in.
 */
int store_clerk_role_audited(struct store *s, const char *name, int role,
    char **cause);

/* ---- import log ------------------------------------------------------- */

/* Record that file (format) was imported with records read, added new. */
int store_import_log(struct store *s, int64_t at, const char *format,
    const char *file, int64_t records, int64_t added, char **cause);

/* ---- script variants (report scripts) ----------------------------------- */

/* The offers of one script variant (struct offer_rec's variant). */
struct variant_count {
	const char *variant;   /* inside the block store_variant_counts gave */
	int64_t     shown;     /* outcome OFFER_SHOWN rows                   */
	int64_t     accepted;  /* outcome OFFER_ACCEPTED rows                */
	int64_t     declined;  /* outcome OFFER_DECLINED rows                */
};

/*
 * Count the offer log rows per script variant for offers made at or after
 * `from` and before `to` (civil seconds; INT64_MIN and INT64_MAX for no
 * bound).  Training rows and rows without a variant (NULL or "") never
 * count.  *out gets *n records sorted by variant (byte order), each with
 * at least one row in the period, as ONE malloc'd block holding the
 * strings too: free it with free().  No rows: *out NULL and *n 0.
 * Returns 0, or -1 with *cause (then *out is NULL and *n 0).
 */
int store_variant_counts(struct store *s, int64_t from, int64_t to,
    struct variant_count **out, size_t *n, char **cause);

#endif
