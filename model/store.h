/*
 * store — the one SQLite file, and the only module that speaks SQL.
 *
 * struct store is opaque (model/store_impl.h holds it, for the store's own
 * files): callers see domain records (types.h, types_hotel.h,
 * types_buyer.h).  This header is the core (open, transactions, the
 * currency); each subject has its own: store_catalog.h,
 * store_customers.h, store_orders.h, store_offers.h, store_hotel.h,
 * store_staff.h, store_privacy.h, store_report.h.  Every
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

struct store;

#define STORE_APPLICATION_ID 0x55504c46  /* "UPLF" */
#define STORE_SCHEMA_VERSION 11

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
 * Check the database file at path (PRAGMA quick_check, which reads every
 * page) on a thread of its own while the command goes on: for a command
 * that reads all first and saves at its end (rebuild).  The opens of the
 * file then skip their own check; store_begin(), a migration and
 * store_model_save() wait for this one first and fail as a damaged file
 * does.  A missing or empty file, one already checked, or a thread that
 * cannot start: nothing happens (the opens check as usual).
 */
void store_check_start(const char *path);

/* Wait for store_check_start()'s check: 0 sound (or none started), -1
 * damaged with *cause (malloc'd; cause may be NULL). */
int store_check_wait(char **cause);

/* Wait for the background check and forget it (the command is over). */
void store_check_end(void);

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

/*
 * The database's data version (SQLite's PRAGMA data_version) into *v:
 * it changes when another process or connection commits, not on this
 * store's own writes, so a screen can tell when to read again.  0, or
 * -1 when it cannot be read (*v unchanged).
 */
int store_data_version(struct store *s, int64_t *v);

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

/*
 * Free an array of n rows of size bytes each, *pp (a T ** passed as
 * void *), calling clear (if not NULL) on each row first; *pp becomes
 * NULL.  Safe when *pp is NULL.  The one loop behind every
 * store_*_free() of a row list.
 */
void store_rows_free(void *pp, size_t n, size_t size, void (*clear)(void *));

#endif
