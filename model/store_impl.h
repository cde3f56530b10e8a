/*
 * store_impl — what the store's own files share and nobody else sees: the
 * struct behind the opaque struct store of store.h, the prepared
 * statements' ids, and the error helpers.  Only model/store*.c include it
 * (it includes sqlite3.h).
 */
#ifndef UPLIFT_STORE_IMPL_H
#define UPLIFT_STORE_IMPL_H

#include <sqlite3.h>
#include <stdint.h>

#include "model/hash.h"

struct store;

/* The statements store.c prepares once per connection (s->stmt[]). */
enum stmt_id {
	Q_ITEM_ID, Q_ITEM_PUT, Q_ITEM_PRICE, Q_ITEM_GET,
	Q_CUST_ID, Q_CUST_PUT, Q_CUST_GET,
	Q_ORDER_ID, Q_ORDER_ADD, Q_LINE_ADD,
	Q_HOTEL_ID, Q_HOTEL_ADD, Q_RT_ID, Q_RT_PUT, Q_ROOM_ID, Q_ROOM_PUT,
	Q_RES_ID, Q_RES_ADD, Q_IMPORT_LOG, Q_LINES_ADD, Q_OFFER_ADD,
	Q_OFFER_REASON, Q_ORDER_CODE, Q_STOCK_TAKE, Q_CLERK_ID,
	Q_BUNDLE_ID, Q_BUNDLE_PUT, Q_BUNDLE_CLEAR, Q_BUNDLE_ITEM,
	Q_BENEFIT_PUT, Q_BENEFIT_DEL, Q_ITEM_KIND, Q_CAT_ID, Q_CAT_PUT,
	Q_COUNT
};

#define LINE_BATCH 32   /* order lines per multi-row INSERT */

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

/*
 * Set *cause to "PATH: WHAT: SQLite's message" (with a hint when the
 * disk looks full) and return -1.
 */
int store_fail(struct store *s, char **cause, const char *what);

/*
 * Run sql (one or more statements, no parameters).  0, or -1 with *cause
 * ("PATH: SQLite's message"); cause may be NULL (a ROLLBACK after a
 * failure), then nothing is said.
 */
int store_exec(struct store *s, const char *sql, char **cause);

/* The digits of phone reversed (malloc'd), so that "ends with" is a
 * prefix search on an index; NULL when it has none (or phone is NULL). */
char *store_phone_reverse(const char *phone);

/*
 * The file becomes a shop of a chain whose key of customer codes is hex
 * (64 hex digits, from the chain's server), inside the caller's
 * transaction: kept in meta chain_code_key, from then on the key of
 * store_customer_code(); the customers not linked to the chain yet whose
 * code this file made of their email address or phone number (still in
 * their record) take the chain's code of it (*rekeyed counts them).  A
 * file that has the key already must have this one.  0, or -1 with
 * *cause.
 */
int store_code_key_adopt(struct store *s, const char *hex, int64_t *rekeyed,
    char **cause);

/* ---- store_sync.c ------------------------------------------------------- */

/*
 * The local schema of the chain's synchronisation (schema 8 -> 9):
 * watermarks, the links between local rows and the chain's, the rows
 * changed after they went up, and the triggers that refuse local edits
 * of the chain's data.  One migration of store.c's list.
 */
extern const char store_sync_schema[];

/*
 * Called by store_model_load() with the blob it read: when model `name`
 * is the chain's (it came down with uplift sync), its item numbers are
 * the chain's; they are turned into this database's item ids (by SKU) in
 * data, in place.  Anything else is left alone.  0, or -1 with *cause.
 */
int store_sync_model_ids(struct store *s, const char *name, void *data,
    size_t size, char **cause);

#endif
