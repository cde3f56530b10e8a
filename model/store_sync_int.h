/*
 * store_sync_int.h — what store_sync.c and store_sync_down.c share (private to them).
 */
#ifndef UPLIFT_STORE_SYNC_INT_H
#define UPLIFT_STORE_SYNC_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/store_impl.h"

/* Bind v (NULL: SQL NULL) as text to parameter i of st.  SQLite's code. */
int store_sync_bind_textn(sqlite3_stmt *st, int i, const char *v);

/* Run sql (parameters :i and :t).  0, or -1 with *cause. */
int store_sync_exec_it(struct store *s, const char *sql, int64_t i,
    const char *t, char **cause, const char *what);

/*
 * Link local row id of tbl to the chain's chain_id: own, made here (else
 * the chain's); linked, the server knows the link already (else a
 * customer's goes up with the next sync).
 */
int store_sync_link_put(struct store *s, const char *tbl, int64_t id,
    int64_t chain_id, int own, int linked, char **cause);

/* Move watermark name forward to value (never back), in the open
 * transaction. */
int store_sync_mark_put(struct store *s, const char *name, int64_t value,
    char **cause);

/* Prepare sql (store_prepare); 0, or -1 with *cause naming what. */
int store_sync_prepare(struct store *s, const char *sql, sqlite3_stmt **st,
    char **cause, const char *what);

/* The integer sql (parameters :i and :t) gives: 1 and *out, 0 when it
 * gives no row, -1 with *cause. */
int store_sync_query_it(struct store *s, const char *sql, int64_t i,
    const char *t, int64_t *out, char **cause, const char *what);

/* Set chain_state key to value, in the open transaction.  0 or
 * -1 with *cause. */
int store_sync_state_put(struct store *s, const char *key, const char *value,
    char **cause);

/* A decimal text as int64_t (NULL: 0). */
int64_t store_sync_to_int(const char *v);

/* The watermark's name of table: "up:TABLE" (xmalloc'd). */
char *store_sync_mark_name(const char *table);

#endif
