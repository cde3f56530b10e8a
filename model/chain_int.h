/*
 * chain_int.h — what chain.c and chain_office.c share (private to them).
 */
#ifndef UPLIFT_CHAIN_INT_H
#define UPLIFT_CHAIN_INT_H

#include <libpq-fe.h>
#include <stdint.h>
#include <stddef.h>

#include "model/chain.h"
#include "model/chain_pq.h"

struct chain {
	PGconn *conn;
	char   *where;     /* "HOST/DB" for messages, sanitised */
};

/* Column col of r as a PostgreSQL array literal: {"a","b\"c",NULL}. */
char *chain_array_of(const struct sync_rows *r, size_t col);

/* "p.c1, p.c2" of the columns with flag (all with flag 0). */
char *chain_names_of(const struct sync_col *cols, size_t n,
    const char *prefix, int flag);

/* Free the np parameters of chain_params_of() from index first on. */
void chain_params_free(const char **p, int np, int first);

/* The parameters: shop (if given), then one array per column. */
const char **chain_params_of(const struct sync_rows *r, const char *shop,
    int *np);

/* Run sql with n text parameters; *res (cleared by the caller) when it
 * gives rows.  0, or -1 with *cause. */
int chain_run(struct chain *c, const char *sql, int n,
    const char *const *params, PGresult **res, char **cause, const char *what);

/* One text value from sql: 1 and *out (malloc'd), 0 no row or NULL, -1. */
int chain_run_value(struct chain *c, const char *sql, int n,
    const char *const *params, char **out, char **cause, const char *what);

/* A PostgreSQL integer's text as int64_t (NULL: 0). */
int64_t chain_to_int(const char *v);

/* "unnest($F::t1[], ...) AS u(c1, ...)" for cols, parameters from $first. */
char *chain_unnest_of(const struct sync_col *cols, size_t n, int first);

/* Set *cause to what failed and why (res's error, else the connection's);
 * clears res.  Returns -1. */
int chain_fail(struct chain *c, char **cause, const char *what,
    const PGresult *res);

#endif
