/*
 * chain — the chain's PostgreSQL server, and the only module that speaks
 * to it (the only file that includes libpq-fe.h).  struct chain is
 * opaque: callers see rows as text (sync.h) and domain records.
 *
 * The server's schema is the files sql/chain/NNN-*.sql, built into uplift
 * and applied in order by chain_migrate() (uplift chain migrate); every
 * other function checks that the server has exactly the schema this
 * uplift knows and says what to do when not.  The counter never calls
 * any of this: only uplift sync, chain, rebuild --chain and report
 * --chain do.
 *
 * Connections: the server is a libpq connection string or URI
 * (postgresql://ROLE@HOST/DB); a password in it is refused, and so is
 * PGPASSWORD: libpq takes it from ~/.pgpass or $PGPASSFILE.  A connection
 * waits at most connect_timeout (10 s unless the string says otherwise).
 *
 * Errors: functions return 0 on success and -1 on failure with a
 * malloc'd *cause naming what failed ("chain server: ...: the server's
 * message"); the server's messages never hold a customer's data that was
 * not in what this shop sent.
 */
#ifndef UPLIFT_CHAIN_H
#define UPLIFT_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "model/store.h"
#include "model/sync.h"
#include "model/types.h"

struct baskets;
struct chain;

/* The newest schema of the server this uplift knows (sql/chain/). */
extern const int chain_schema_version;

/*
 * Check a connection string without connecting: it parses and holds no
 * password.  0, or -1 with *why (malloc'd; the string is not in it).
 */
int chain_check_server(const char *conninfo, char **why);

/*
 * chain_check_server(), and the password is not in PGPASSWORD either:
 * what chain_connect() insists on.  0, or -1 with *cause.
 */
int chain_check_conninfo(const char *conninfo, char **cause);

/*
 * Connect to the server (checked as chain_check_conninfo() does first).
 * Returns 0 and *out, or -1 with *cause (the server unreachable, refused
 * the role, ...).
 */
int chain_connect(struct chain **out, const char *conninfo, char **cause);

/* Close the connection; *cp becomes NULL.  NULL-safe. */
void chain_close(struct chain **cp);

/* ---- schema -------------------------------------------------------------- */

/*
 * Bring the server's schema up to chain_schema_version, each migration
 * in its own transaction, under a lock (two at once wait for each
 * other).  *from and *to get the versions before and after.  Needs the
 * owner (a role that may create schemas and roles).  0, or -1.
 */
int chain_migrate(struct chain *c, int *from, int *to, char **cause);

/* The server's schema version (0: none) into *version.  0, or -1. */
int chain_version(struct chain *c, int *version, char **cause);

/* Register shop `code` for login role `role` and make the role a member
 * of uplift_shop.  As the owner.  0, or -1. */
int chain_add_shop(struct chain *c, const char *code, const char *role,
    char **cause);

/* A shop and its last sync. */
struct chain_shop_row {
	char    *code, *role;      /* owned                                 */
	char    *last_sync;        /* "YYYY-MM-DD HH:MM:SS" UTC, or NULL    */
	int64_t  last_up, last_down, syncs;
	double   last_seconds;
};

/* Every shop, by code.  Free with chain_shops_free(). */
int chain_shops(struct chain *c, struct chain_shop_row **out, size_t *n,
    char **cause);
void chain_shops_free(struct chain_shop_row **rows, size_t n);

/* ---- a shop's session ----------------------------------------------------- */

/* What the server says of itself to a shop. */
struct chain_hello {
	char chain_id[40];     /* the chain's id (a UUID)                     */
	char currency[4];      /* "" while none is set                        */
	int  scale;
	char shop[40];         /* the shop of the role connected, "" none      */
	char code_key[72];     /* the key of the chain's customer codes (64
	                        * hex digits), "" when the role may not know */
};

/*
 * Start a shop's session: the server's schema must be this uplift's, the
 * role connected must be shop `shop` (or, with shop NULL, anything), and
 * no other sync of that shop may be running (a lock held until the
 * connection closes).  Fills *h.  0, or -1 with *cause saying which.
 */
int chain_hello(struct chain *c, const char *shop, struct chain_hello *h,
    char **cause);

/* Set the chain's currency if it has none; *cur and *scale get the chain's.
 * cur must hold 4 bytes.  0, or -1. */
int chain_claim_currency(struct chain *c, char cur[4], int *scale,
    char **cause);

/* BEGIN, COMMIT (rolled back on failure), ROLLBACK (silent). */
int chain_begin(struct chain *c, char **cause);
int chain_commit(struct chain *c, char **cause);
void chain_rollback(struct chain *c);

/* ---- up --------------------------------------------------------------------- */

/*
 * Insert rows r of table t (r's columns are t's) for shop, inside the
 * open transaction: ON CONFLICT DO NOTHING, or with update set, DO
 * UPDATE of t's SYNC_MUTABLE columns.  A row already there with other
 * values in a column that cannot change is refused (this file is not the
 * one that sent it: restored from a backup, or another shop's copy).
 * *added gets the rows inserted (not updated).  0, or -1.
 */
int chain_put_rows(struct chain *c, const struct sync_up *t,
    const char *shop, const struct sync_rows *r, int update,
    int64_t *added, char **cause);

/*
 * Send customers r (columns sync_customer_cols) of shop, inside the
 * open transaction: those the chain has not got (by key) are added, each
 * is linked to the chain's customer with their key, and those whose key
 * is on the suppression list are neither added nor linked.  *links gets
 * one row per customer sent: local id, chain id (NULL if suppressed),
 * "1" when the chain's record is this shop's own (else "0"), "1" when
 * suppressed (else "0").  0, or -1.
 */
int chain_put_customers(struct chain *c, const char *shop,
    const struct sync_rows *r, struct sync_rows *links, char **cause);

/*
 * Change the chain's record of customers this shop made: r as
 * sync_customer_cols but with the chain's id in place of the local one.
 * Inside the open transaction.  0, or -1.
 */
int chain_update_customers(struct chain *c, const struct sync_rows *r,
    char **cause);

/*
 * Tell the server that this shop's customers local[0..n) are the chain's
 * customers chain_ids[0..n) (uplift.shop_customer), inside the open
 * transaction; links it has already are kept.  0, or -1.
 */
int chain_link_customers(struct chain *c, const char *shop,
    const int64_t *local, const int64_t *chain_ids, size_t n, char **cause);

/* Erase the chain's customers ids[0..n), inside the open transaction.
 * 0, or -1. */
int chain_erase_customers(struct chain *c, const int64_t *ids, size_t n,
    char **cause);

/* Record the shop's sync figures in uplift.chain_shop.  0, or -1. */
int chain_shop_synced(struct chain *c, int64_t up, int64_t down,
    double seconds, char **cause);

/* ---- down ------------------------------------------------------------------- */

/*
 * Open one read-only snapshot for what comes down; *horizon gets the
 * oldest transaction still running in it (the next horizon).  Close with
 * chain_commit().  0, or -1.
 */
int chain_down_begin(struct chain *c, int64_t *horizon, char **cause);

/* The rows of t changed at or after horizon `since` into *out (fresh:
 * sync_rows_init'ed by this function).  0, or -1. */
int chain_get_rows(struct chain *c, const struct sync_down *t, int64_t since,
    struct sync_rows *out, char **cause);

/*
 * The newest model of the chain: 1 with its checksum (64 hex digits into
 * sha, which holds 72 bytes), 0 when none was published, -1 on error.
 */
int chain_model_latest(struct chain *c, char sha[72], char **cause);

/* The model of checksum sha: malloc'd *data of *size bytes, *built.
 * 1, 0 when gone, -1 on error. */
int chain_model_get(struct chain *c, const char *sha, void **data,
    size_t *size, int64_t *built, char **cause);

/* ---- the head office -------------------------------------------------------- */

/* What the head office publishes, from its own database. */
struct chain_catalog {
	const struct item        *items;
	size_t                    nitems;
	const struct category    *categories;
	size_t                    ncategories;
	const struct bundle      *bundles;      /* item ids are items[]'s  */
	size_t                    nbundles;
	const struct item_text   *benefits;     /* likewise                */
	size_t                    nbenefits;
	const struct script_row  *scripts;      /* the languages these hold
	                                         * are replaced whole     */
	size_t                    nscripts;
};

/* What chain_publish() changed. */
struct chain_published {
	int64_t items, categories, bundles, benefits, script_langs;
};

/*
 * Publish cat as the chain's catalogue in one transaction: items,
 * categories, bundles and benefits inserted or updated (by SKU, name,
 * code), every language of cat's scripts replaced.  As uplift_admin.
 * Rows that did not change keep their horizon (shops do not fetch them
 * again).  0, or -1.
 */
int chain_publish(struct chain *c, const struct chain_catalog *cat,
    struct chain_published *out, char **cause);

/*
 * The chain's order history as baskets, streamed through a server-side
 * cursor: one basket per sale (not return) of every shop placed before
 * `before` (civil seconds), by time, then shop and id, with its products
 * (not services) in the order they were rung up; items are named by SKU,
 * titled by the chain's catalogue (else the first shop's name), b->ids
 * are the chain's SKU registry ids, b->customer the chain's customer ids
 * (0: a walk-in or not known to the chain).  Every product of the
 * registry is an item, bought or not.  *b must be freshly initialised.
 * progress (may be NULL) is called with the lines read.  0, or -1.
 */
int chain_baskets(struct chain *c, int64_t before, struct baskets *b,
    void (*progress)(void *arg, int64_t lines), void *arg, char **cause);

/*
 * Publish a mined model (as uplift_admin): *sha gets its checksum (72
 * bytes).  0, or -1.
 */
int chain_model_put(struct chain *c, int64_t built, const void *data,
    size_t size, uint32_t orders, uint32_t items, char sha[72],
    char **cause);

/* ---- reports (as uplift_admin) ------------------------------------------------ */

/*
 * store_offer_groups() over every shop's offer log, grouped by `by`
 * (enum offers_by, OFFERS_BY_SHOP too).  Free with
 * store_offer_groups_free().  0, or -1.
 */
int chain_offer_groups(struct chain *c, int by, int64_t from, int64_t to,
    struct offer_group **out, size_t *n, char **cause);

/* store_basket_averages() over every shop's counter sales. */
int chain_basket_averages(struct chain *c, int64_t from, int64_t to,
    struct basket_average *with, struct basket_average *without,
    char **cause);

/* store_variant_counts() over every shop (one malloc'd block). */
int chain_variant_counts(struct chain *c, int64_t from, int64_t to,
    struct variant_count **out, size_t *n, char **cause);

#endif
