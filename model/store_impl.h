/*
 * store_impl — what the store's own files (model/store*.c) share and
 * nobody else sees: the struct behind the opaque struct store of
 * store.h, the ids of the statement table (store_sql.c), and the helpers
 * every room of the store uses.  Only model/store*.c include it (it
 * includes sqlite3.h); tools/check-layers.sh checks that.
 */
#ifndef UPLIFT_STORE_IMPL_H
#define UPLIFT_STORE_IMPL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "model/hash.h"
#include "model/store.h"
#include "model/xalloc.h"

/* 1 if this process has checked (or is checking) the file at path;
 * remember 1 notes it as checked when it is not yet. */
int store_checked(const char *path, int remember);

/* PRAGMA quick_check on db: 0 when "ok"; its first line into ok. */
int store_quick_check(sqlite3 *db, char *ok, size_t size);

/* The columns store_item_from_row() reads. */
#define ITEM_COLUMNS "id, sku, name, category, family, tier, brand_tier," \
	" price, stock, barcode, season_start, season_end, refill_days," \
	" benefit, kind"

/* How many elements array a has (the arguments of store_collect_ints). */
#define NARGS(a) (sizeof (a) / sizeof (a)[0])

#define LINE_BATCH 32   /* order lines per multi-row INSERT */

/*
 * Every fixed statement of the store, by room: stmt_sql[id] is its SQL
 * (store_sql.c), prepared once per connection on first use and kept in
 * s->stmt[id].
 */
enum stmt_id {
	/* the core: import keys, meta */
	Q_SEEN, Q_META_SET, Q_META_GET,
	/* the migrations' C part (store_schema.c) */
	Q_UPG14_CODES, Q_UPG14_CODE, Q_UPG14_AUDIT, Q_UPG14_CHAIN,
	/* catalogue, categories, bundles, talking points (store_catalog.c) */
	Q_ITEM_ID, Q_ITEM_PUT, Q_ITEM_PRICE, Q_ITEM_KIND, Q_CAT_ID, Q_CAT_PUT,
	Q_ITEM_GET, Q_BENEFIT_PUT, Q_BENEFIT_DEL, Q_BUNDLE_ID, Q_BUNDLE_PUT,
	Q_BUNDLE_CLEAR, Q_BUNDLE_ITEM, Q_ITEMS, Q_BENEFITS, Q_CATEGORIES,
	Q_BUNDLES, Q_SCRIPT_CLEAR, Q_SCRIPT_PUT, Q_SCRIPTS,
	/* customers, their history and profile (store_customers.c) */
	Q_CUST_ID, Q_CUST_PUT, Q_CUST_GET, Q_CUST_FIND, Q_HISTORY_TOTALS,
	Q_HISTORY_LINES, Q_PROFILE_TOP, Q_PROFILE_MONTHS, Q_CUST_ORDERS,
	Q_CUST_RETURNS,
	/* orders, baskets, the mined model, the import log (store_orders.c) */
	Q_ORDER_ID, Q_ORDER_ADD, Q_LINE_ADD, Q_ORDER_CODE, Q_STOCK_TAKE,
	Q_IMPORT_LOG, Q_ORDER_LINES, Q_ORDER_META, Q_BASKET_ITEMS,
	Q_BASKET_LINES, Q_SCAN_LINES, Q_MODEL_SAVE, Q_MODEL_LOAD, Q_LINES_ADD,
	Q_ORDER_MAX, Q_ORDER_MARK_OFFER, Q_ORDER_NEWEST,
	/* the offer log (store_offers.c) */
	Q_OFFER_ADD, Q_OFFER_REASON, Q_TAKE_RATES, Q_PAST_OFFERS,
	Q_OFFER_JKEY, Q_OFFER_REASON_JKEY,
	/* hotels, room types, reservations (store_hotel.c) */
	Q_HOTEL_ID, Q_HOTEL_ADD, Q_RT_ID, Q_RT_PUT, Q_ROOM_ID, Q_ROOM_PUT,
	Q_RES_ID, Q_RES_ADD, Q_SNAP_TYPES, Q_SNAP_STAYS, Q_SNAP_PEAK, Q_MOVES,
	Q_SEGMENT_MOVES, Q_ARRIVALS, Q_RT_TIER, Q_HOTEL_PRICING_SET,
	Q_SUPPL_ID, Q_SUPPL_PUT, Q_HOTEL_PRICING, Q_SUPPLEMENTS,
	Q_GUEST_STAYS, Q_RES_DECLINED, Q_RES_FIND, Q_RES_GET, Q_HOTEL_NAMES,
	/* add-ons and upgrades sold at the desk (store_hotel_sell.c) */
	Q_ADDON_ID, Q_ADDON_PUT, Q_ADDONS, Q_ADDONS_SOLD, Q_RES_ADDONS,
	Q_RES_ADDONS_DECLINED,
	Q_ADDON_HAVE, Q_ADDON_USED, Q_ADDON_SELL, Q_UPG_RES, Q_UPG_ROOMS,
	Q_UPG_USED, Q_UPG_SET,
	/* undoing the desk's answers (store_hotel_sell.c) */
	Q_UNDO_RES, Q_UNDO_ROOMS, Q_UNDO_SET, Q_UNDO_UPGRADES,
	Q_UNDO_DECLINE_TYPE, Q_UNDO_DECLINE_ADDON, Q_UNDO_ADDON_ROWS,
	Q_ADDON_UNSELL, Q_OFFER_UNDO,
	/* staff and training runs (store_staff.c) */
	Q_CLERK_ID, Q_CLERK_ADD, Q_CLERK_GET, Q_CLERKS, Q_CLERK_PUT,
	Q_CLERK_TRY, Q_CLERK_LOCK, Q_CLERK_SIGNED_IN, Q_CLERKS_PIN,
	Q_TRAINING_ADD, Q_TRAINING, Q_ROLE_AUDITED,
	/* keyed hashes, the audit chain, export and erasure (store_privacy.c) */
	Q_SUPPRESSED, Q_AUDIT_LAST, Q_AUDIT_ADD, Q_AUDIT_HEAD, Q_ERASE_CODE,
	Q_SUPPRESS, Q_ERASE, Q_ERASE_COUNTRY, Q_EXPORT_CUSTOMER,
	Q_EXPORT_LINES, Q_EXPORT_OFFERS, Q_EXPORT_RESERVATIONS,
	Q_EXPORT_ADDONS, Q_CHAIN_KEY_SET, Q_REKEY_LIST, Q_REKEY_SET,
	/* reports and uplift check (store_report.c) */
	Q_BASKET_AVG, Q_VARIANTS, Q_AUDIT_ALL, Q_CLERK_ROLES, Q_AUDIT_ROLE,
	Q_INTEGRITY, Q_N_CUSTOMERS, Q_N_ITEMS, Q_N_ORDERS, Q_N_LINES,
	Q_N_HOTELS, Q_N_ROOM_TYPES, Q_N_ROOMS, Q_N_RESERVATIONS, Q_N_OFFERS,
	Q_SCHEMA_LIST, Q_SCHEMA_FIND,
	Q_COUNT
};

/* The SQL of each statement id (NULL for Q_LINES_ADD, which is built). */
extern const char *const stmt_sql[Q_COUNT];

struct store {
	sqlite3       *db;
	char          *path;
	int            flags;
	char           currency[4];
	int            scale;
	sqlite3_stmt  *stmt[Q_COUNT];
	char          *lines_sql;   /* the LINE_BATCH-row INSERT */
	unsigned char  key[HASH_SIZE]; /* the database's secret for keyed
	                              * hashes (meta hash_key)           */
	int            have_key;
	unsigned char  ckey[HASH_SIZE]; /* in a shop of a chain: the chain's
	                              * key of customer codes (meta
	                              * chain_code_key), else unused     */
	int            have_ckey;
};

/* ---- errors (store.c) --------------------------------------------------- */

/* *cause = "PATH: WHAT: SQLite's message" (with a hint when the disk
 * looks full); returns -1. */
int store_fail(struct store *s, char **cause, const char *what);

/* Run sql (no parameters).  0, or -1 with *cause; cause may be NULL (a
 * ROLLBACK after a failure): then nothing is said. */
int store_exec(struct store *s, const char *sql, char **cause);

/* ---- statements (store.c) ----------------------------------------------- */

/*
 * The cached statement id: prepared on first use, else reset with its
 * bindings cleared (as new).  NULL when it cannot be prepared:
 * sqlite3_errmsg(s->db) says why, for store_fail().  Give it back with
 * store_end() (or store_done(), store_lookup(), store_collect()).
 */
sqlite3_stmt *store_stmt_get(struct store *s, enum stmt_id id);

/* store_stmt_get(), or NULL with *cause ("cannot prepare a statement"). */
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id, char **cause);

/*
 * The one way to prepare SQL that is not in the table: SQL built at run
 * time, PRAGMAs, and other connections (uplift check's reference
 * schema).  Returns SQLite's code; *st is NULL unless SQLITE_OK.
 * Finalize with store_end() (or sqlite3_finalize for another db).
 */
int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st);

/* Done with st: a cached statement is reset (it stays prepared), any
 * other finalized.  NULL-safe. */
void store_end(struct store *s, sqlite3_stmt *st);

/* Run cached statement q (it returns no row) with ?1 .. ?narg bound to
 * the integers arg[0 .. narg - 1]; what names it in the error.  0, or -1
 * with *cause.  Inside the caller's transaction, if any. */
int store_exec_ints(struct store *s, enum stmt_id q, const int64_t *arg,
    size_t narg, const char *what, char **cause);

/* The end of a write that failed inside the caller's transaction:
 * *cause names what (with SQLite's message), st (NULL-safe) is given
 * back and the transaction rolled back.  Returns -1. */
int store_abandon(struct store *s, sqlite3_stmt *st, char **cause,
    const char *what);

/* The last write of the caller's transaction, then its commit:
 * store_exec_ints(), and the transaction rolled back when it fails.  0,
 * or -1 with *cause. */
int store_exec_commit(struct store *s, enum stmt_id q, const int64_t *arg,
    size_t narg, const char *what, char **cause);

/* store_exec_ints() with one integer: ?1 bound to a row number. */
int store_exec_id(struct store *s, enum stmt_id id, int64_t row,
    const char *what, char **cause);

/*
 * Give the connection the searches' SQL functions (store_customers.c):
 * uplift_match(name, query) is text_fold_match(), 1 when every word of
 * the folded query is in the folded name; uplift_digits(text) keeps the
 * digits of text.  0, or -1.
 */
int store_search_functions(struct store *s);

/* A one-value PRAGMA (or query) as an integer, or -1. */
int64_t store_pragma_int(struct store *s, const char *sql);

/* A one-value PRAGMA (or query) as text into buf; 0, or -1. */
int store_pragma_text(struct store *s, const char *sql, char *buf,
    size_t size);

/* The value of meta key into buf (truncated to size); 0, or -1 when
 * there is none. */
int store_meta_text(struct store *s, const char *key, char *buf,
    size_t size);

/* Step a statement that returns nothing (or a row); resets it.  0, or
 * -1 with *cause naming what. */
int store_done(struct store *s, sqlite3_stmt *st, char **cause,
    const char *what);

/* Step a lookup returning one id; resets it.  1 found, 0 not, -1. */
int store_lookup(struct store *s, sqlite3_stmt *st, int64_t *id,
    char **cause);

/* Step an INSERT ... RETURNING id: 0 and *id, or -1 with one *cause. */
int store_put_result(struct store *s, sqlite3_stmt *st, int64_t *id,
    char **cause, const char *what);

/* The id of the row whose one text key (?1) is code, by statement q:
 * 1, 0 or -1. */
int store_code_lookup(struct store *s, enum stmt_id q, const char *code,
    int64_t *id, char **cause);

/* ---- rows in and out of records (store_rows.c) ------------------------ */

/*
 * Step st (bound, unstepped) to its end, appending each row to a growing
 * array of size-byte elements that row() fills; gives st back
 * (store_end).  On an error, clear() (if not NULL) releases the rows
 * read and the array is freed.  0 and *out / *n, or -1 with *cause
 * naming what failed.
 */
int store_collect(struct store *s, sqlite3_stmt *st, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *), void **out,
    size_t *n, char **cause, const char *what);

/* Every row of cached statement q (it takes no parameters):
 * store_collect_ints() with none. */
int store_list(struct store *s, enum stmt_id q, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *), void **out,
    size_t *n, char **cause, const char *what);

/*
 * The one shape of a reader: every row of cached statement q with ?1 ..
 * ?narg bound to the integers arg[0 .. narg - 1] (narg 0: no
 * parameters), as store_collect() makes them with row() and clear().
 * 0 and *out / *n, or -1 with *cause naming what (*out NULL, *n 0).
 */
int store_collect_ints(struct store *s, enum stmt_id q, const int64_t *arg,
    size_t narg, size_t size, void (*row)(sqlite3_stmt *, void *),
    void (*clear)(void *), void **out, size_t *n, char **cause,
    const char *what);

/* store_collect_ints() with one integer: the rows of q for id (?1). */
int store_collect_by_id(struct store *s, enum stmt_id q, int64_t id,
    size_t size, void (*row)(sqlite3_stmt *, void *), void (*clear)(void *),
    void **out, size_t *n, char **cause, const char *what);

/* The same with ?1 bound to text (NULL: SQL NULL; not copied). */
int store_collect_by_text(struct store *s, enum stmt_id q, const char *text,
    size_t size, void (*row)(sqlite3_stmt *, void *), void (*clear)(void *),
    void **out, size_t *n, char **cause, const char *what);

/*
 * The row of cached statement q whose id (?1) is id, filled into *out by
 * row(): 1, 0 when there is none (out untouched), -1 with *cause naming
 * what.
 */
int store_get_row(struct store *s, enum stmt_id q, int64_t id,
    void (*row)(sqlite3_stmt *, void *), void *out, char **cause,
    const char *what);

/*
 * A record's fields as a statement's parameters or a row's columns, by
 * a table: entry i is parameter ?i+1 (store_bind_fields) or column i
 * (store_read_fields).  Build entries with the F_* macros below, which
 * refuse to compile when the field is not of the kind's C type.
 */
enum field_kind {
	FK_INT64,       /* int64_t                                        */
	FK_ID,          /* int64_t, 0 bound as SQL NULL (bind_id)         */
	FK_INT,         /* int                                            */
	FK_INT_ID,      /* int, 0 bound as SQL NULL                       */
	FK_TEXT         /* char * (const char * to bind): bound as by
	                 * bind_text, read as a malloc'd copy (col_text)  */
};

struct field {
	size_t          off;    /* offsetof the field in its record       */
	enum field_kind kind;
};

#define FIELD_(t, f, k, types) { offsetof(struct t, f) + \
	0 * sizeof (_Generic(((struct t *)0)->f, types: 1)), (k) }
#define F_I64(t, f)  FIELD_(t, f, FK_INT64, int64_t)
#define F_ID(t, f)   FIELD_(t, f, FK_ID, int64_t)
#define F_INT(t, f)  FIELD_(t, f, FK_INT, int)
#define F_INT_ID(t, f) FIELD_(t, f, FK_INT_ID, int)
#define F_TEXT(t, f) { offsetof(struct t, f) + 0 * sizeof (_Generic( \
	((struct t *)0)->f, char *: 1, const char *: 1)), FK_TEXT }

/* Bind ?1 .. ?n of st to the fields of rec that map[0 .. n - 1] name
 * (text not copied: rec must outlive the step). */
void store_bind_fields(sqlite3_stmt *st, const void *rec,
    const struct field *map, size_t n);

/* Add a row by cached statement q (an INSERT without RETURNING) with
 * ?1 .. ?n bound to rec's fields by map[]: 0 and *id (its rowid), or -1
 * with *cause naming what. */
int store_put_fields(struct store *s, enum stmt_id q, const void *rec,
    const struct field *map, size_t n, int64_t *id, char **cause,
    const char *what);

/* Columns 0 .. n - 1 of st's current row into the fields of rec that
 * map[] names (text malloc'd, NULL for NULL; the caller owns it).  The
 * record's other fields are left as they are. */
void store_read_fields(sqlite3_stmt *st, void *rec, const struct field *map,
    size_t n);

/* A row filler for store_collect(): column 0 into an int64_t. */
void store_id_row(sqlite3_stmt *st, void *p);

/* Re-read the currency, scale and hash key from meta. */
void store_load_meta(struct store *s);

/* ---- the files (store_files.c) ----------------------------------------- */

/* Refuse a database on a network filesystem.  0, or -1 with *cause. */
int store_local_fs(const char *path, char **cause);

/* Make the directories above path (0700).  0, or -1 with *cause. */
int store_mkparent(const char *path, char **cause);

/* Before SQLite opens it for writing: the database and its -wal and
 * -shm, those that exist, are regular files of this user.  0, or -1. */
int store_own_files(const char *path, char **cause);

/* Once the file is known to be ours: the files SQLite has open for it
 * are regular files of this user, made 0600.  0, or -1 with *cause. */
int store_own_open(const char *path, char **cause);

/* ---- shared by the rooms ------------------------------------------------ */

/* store_schema.c: the migrations, in order (i brings user_version from i
 * to i + 1), and the C part of migration 7 (SQL function
 * uplift_upgrade_14, user data the store). */
extern const char *const store_migrations[];
extern const int store_nmigrations;
void store_upgrade_14(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* store_privacy.c: the database's secret (meta hash_key) into s->key. */
void store_load_key(struct store *s);

/* store_privacy.c: the keyed hash (HMAC with the database's secret) of
 * purpose and text, in hex. */
void store_keyed(const struct store *s, const char *purpose,
    const char *text, char out[HASH_HEX]);

/* store_privacy.c: the hash of audit row id: SHA-256 of the previous
 * row's hash ("" for the first) and the row's fields. */
void store_audit_hash(const char *prev, int64_t id, int64_t at,
    int64_t clerk_id, const char *action, const char *subject,
    const char *detail, char out[HASH_HEX]);

/* store_privacy.c: append an audit row inside the open transaction.  0,
 * or -1 with *cause. */
int store_audit_insert(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause);

/* store_customers.c: the digits of phone reversed (malloc'd), so that
 * "ends with" is a prefix search on an index; NULL when it has none. */
char *store_phone_reverse(const char *phone);

/* store_customers.c: text with LIKE wildcards escaped by a backslash (malloc'd). */
char *store_like_escape(const char *text);

/*
 * store_privacy.c: the file becomes a shop of a chain whose key of
 * customer codes is hex (64 hex digits, from the chain's server), inside
 * the caller's transaction: kept in meta chain_code_key, from then on the
 * key of store_customer_code(); the customers not linked to the chain yet
 * whose code this file made of their email address or phone number
 * (still in their record) take the chain's code of it (*rekeyed counts
 * them).  A file that has the key already must have this one.  0, or -1
 * with *cause.
 */
int store_code_key_adopt(struct store *s, const char *hex, int64_t *rekeyed,
    char **cause);

/* store_privacy.c: the codes text may have here, most likely first, into
 * out[] (malloc'd): its code (store_customer_code), and in a shop of a
 * chain also the code this database made of it with its own secret
 * before it joined.  Returns how many (1 or 2; 0 for NULL). */
int store_code_candidates(const struct store *s, const char *text,
    char *out[2]);

/* store_privacy.c: the code under which text is kept here: of its
 * candidates the first a customer has, else the first.  malloc'd; NULL
 * for NULL.  0, or -1 with *cause. */
int store_code_kept(struct store *s, const char *text, char **code,
    char **cause);

/* ---- store_sync.c ------------------------------------------------------- */

/*
 * The local schema of the chain's synchronisation (schema 8 -> 9):
 * watermarks, the links between local rows and the chain's, the rows
 * changed after they went up, and the triggers that refuse local edits
 * of the chain's data.  One migration of store_schema.c's list.
 */
extern const char store_sync_schema[];

/*
 * Schema 10 -> 11: the trigger that sends an offer row again also fires
 * when the row is marked undone or its add-on changes, and the rows
 * already sent with an add-on or an undone mark are queued to go up once
 * more (chain schema 2 carries both).  One migration of store_schema.c's
 * list.
 */
extern const char store_sync_offer_marks[];

/*
 * Called by store_model_load() with the blob it read: when model `name`
 * is the chain's (it came down with uplift sync), its item numbers are
 * the chain's; they are turned into this database's item ids (by SKU) in
 * data, in place.  Anything else is left alone.  0, or -1 with *cause.
 */
int store_sync_model_ids(struct store *s, const char *name, void *data,
    size_t size, char **cause);

/* ---- binding and reading ------------------------------------------------ */

/* Bind v (NULL: SQL NULL), not copied: it must outlive the step. */
static inline int
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Bind v, 0 as SQL NULL (no row, no value). */
static inline int
bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == 0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, v);
}

/* Bind ?1 .. ?narg of st to the integers arg[0 .. narg - 1]. */
static inline void
bind_ints(sqlite3_stmt *st, const int64_t *arg, size_t narg)
{
	size_t i;

	for (i = 0; i < narg; i++)
		sqlite3_bind_int64(st, (int)i + 1, arg[i]);
}

/* A malloc'd copy of column i, NULL for NULL. */
static inline char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

#endif
