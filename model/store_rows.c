/*
 * store_rows.c — the store's rows in and out of records: the readers'
 * one shape (store_collect and the cached-statement forms of it,
 * store_list, store_get_row), a record's fields as parameters or columns
 * by a table (store_bind_fields, store_read_fields, store_put_fields),
 * and the one free of a row list (store_rows_free).
 */
#include "model/store.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/store_impl.h"
#include "model/xalloc.h"

/*
 * Step st (bound, unstepped) to its end, appending each row to a growing
 * array of size-byte elements that row() fills; finalizes st.  On an
 * error, clear() (if not NULL) releases the rows read and the array is
 * freed.  0 and *out / *n, or -1 with *cause naming what failed.
 */
int
store_collect(struct store *s, sqlite3_stmt *st, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *), void **out,
    size_t *n, char **cause, const char *what)
{
	char *list = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? 2 * cap : 64;
			list = xreallocarray(list, cap, size);
		}
		row(st, list + cnt++ * size);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		store_rows_free(&list, cnt, size, clear);
		*out = NULL;
		*n = 0;
		return store_fail(s, cause, what);
	}
	*out = list;
	*n = cnt;
	return 0;
}

/* The cached statement q for a reader, *out / *n emptied first; NULL
 * with *cause naming what when it cannot be prepared. */
static sqlite3_stmt *
collect_stmt(struct store *s, enum stmt_id q, void **out, size_t *n,
    char **cause, const char *what)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if ((st = store_stmt_get(s, q)) == NULL)
		store_fail(s, cause, what);
	return st;
}

int
store_collect_ints(struct store *s, enum stmt_id q, const int64_t *arg,
    size_t narg, size_t size, void (*row)(sqlite3_stmt *, void *),
    void (*clear)(void *), void **out, size_t *n, char **cause,
    const char *what)
{
	sqlite3_stmt *st = collect_stmt(s, q, out, n, cause, what);

	if (st == NULL)
		return -1;
	bind_ints(st, arg, narg);
	return store_collect(s, st, size, row, clear, out, n, cause, what);
}

int
store_collect_by_id(struct store *s, enum stmt_id q, int64_t id,
    size_t size, void (*row)(sqlite3_stmt *, void *), void (*clear)(void *),
    void **out, size_t *n, char **cause, const char *what)
{
	return store_collect_ints(s, q, &id, 1, size, row, clear, out, n,
	    cause, what);
}

int
store_collect_by_text(struct store *s, enum stmt_id q, const char *text,
    size_t size, void (*row)(sqlite3_stmt *, void *), void (*clear)(void *),
    void **out, size_t *n, char **cause, const char *what)
{
	sqlite3_stmt *st = collect_stmt(s, q, out, n, cause, what);

	if (st == NULL)
		return -1;
	bind_text(st, 1, text);
	return store_collect(s, st, size, row, clear, out, n, cause, what);
}

int
store_list(struct store *s, enum stmt_id q, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *), void **out,
    size_t *n, char **cause, const char *what)
{
	return store_collect_ints(s, q, NULL, 0, size, row, clear, out, n,
	    cause, what);
}

int
store_get_row(struct store *s, enum stmt_id q, int64_t id,
    void (*row)(sqlite3_stmt *, void *), void *out, char **cause,
    const char *what)
{
	sqlite3_stmt *st = store_stmt(s, q, cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : store_fail(s, cause, what);
	}
	row(st, out);
	sqlite3_reset(st);
	return 1;
}

void
store_bind_fields(sqlite3_stmt *st, const void *rec, const struct field *map,
    size_t n)
{
	const char *base = rec;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		const void *at = base + map[i].off;

		k = (int)i + 1;
		switch (map[i].kind) {
		case FK_INT64:
			sqlite3_bind_int64(st, k, *(const int64_t *)at);
			break;
		case FK_ID:
			bind_id(st, k, *(const int64_t *)at);
			break;
		case FK_INT:
			sqlite3_bind_int(st, k, *(const int *)at);
			break;
		case FK_INT_ID:
			bind_id(st, k, *(const int *)at);
			break;
		case FK_TEXT:
			bind_text(st, k, *(const char *const *)at);
			break;
		}
	}
}

int
store_put_fields(struct store *s, enum stmt_id q, const void *rec,
    const struct field *map, size_t n, int64_t *id, char **cause,
    const char *what)
{
	sqlite3_stmt *st = store_stmt(s, q, cause);

	if (st == NULL)
		return -1;
	store_bind_fields(st, rec, map, n);
	if (store_done(s, st, cause, what) != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

void
store_read_fields(sqlite3_stmt *st, void *rec, const struct field *map,
    size_t n)
{
	char *base = rec;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		void *at = base + map[i].off;

		k = (int)i;
		switch (map[i].kind) {
		case FK_INT64:
		case FK_ID:
			*(int64_t *)at = sqlite3_column_int64(st, k);
			break;
		case FK_INT:
		case FK_INT_ID:
			*(int *)at = sqlite3_column_int(st, k);
			break;
		case FK_TEXT:
			*(char **)at = col_text(st, k);
			break;
		}
	}
}

void
store_id_row(sqlite3_stmt *st, void *p)
{
	*(int64_t *)p = sqlite3_column_int64(st, 0);
}

void
store_rows_free(void *pp, size_t n, size_t size, void (*clear)(void *))
{
	char *rows = *(void **)pp;
	size_t i;

	if (rows == NULL)
		return;
	for (i = 0; clear != NULL && i < n; i++)
		clear(rows + i * size);
	xfree(pp);
}
