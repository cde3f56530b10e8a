/*
 * store_sync_place.c — the file's place in the chain: its shop, its
 * watermarks and its links to the chain's rows (store_sync.h).
 */
#include "model/store_sync.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/mine.h"
#include "model/store.h"
#include "model/store_catalog.h"
#include "model/store_impl.h"
#include "model/store_privacy.h"
#include "model/xalloc.h"
#include "model/store_sync_int.h"

/* ---- the file's place in the chain ------------------------------------------- */

int
store_sync_state(struct store *s, const char *key, char **value,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	if (store_sync_prepare(s, "SELECT value FROM chain_state WHERE key = ?1", &st,
	    cause, "cannot read the chain's state") != 0)
		return -1;
	store_sync_bind_textn(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "cannot read the chain's state");
}

int
store_sync_state_put(struct store *s, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_sync_prepare(s, "INSERT OR REPLACE INTO chain_state(key, value)"
	    " VALUES (?1, ?2)", &st, cause, "cannot save the chain's state") != 0)
		return -1;
	store_sync_bind_textn(st, 1, key);
	store_sync_bind_textn(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save the chain's state");
	return 0;
}

int
store_sync_bind(struct store *s, const char *chain_id, const char *shop,
    const char *code_key, char **cause)
{
	char *have_chain = NULL, *have_shop = NULL;
	int64_t rekeyed;
	int rc = -1, adopt = code_key != NULL && *code_key != '\0' &&
	    !s->have_ckey;

	if (store_sync_state(s, "chain", &have_chain, cause) < 0 ||
	    store_sync_state(s, "shop", &have_shop, cause) < 0)
		goto out;
	if (have_chain != NULL && strcmp(have_chain, chain_id) != 0) {
		*cause = xasprintf("this database belongs to another chain "
		    "(%s; the server is chain %s): a shop's file syncs with "
		    "its own chain only", have_chain, chain_id);
		goto out;
	}
	if (have_shop != NULL && strcmp(have_shop, shop) != 0) {
		*cause = xasprintf("this database is shop %s of the chain; "
		    "the configuration says shop %s (a file never goes up as "
		    "another shop)", have_shop, shop);
		goto out;
	}
	if (have_chain != NULL && have_shop != NULL && !adopt) {
		rc = 0;
		goto out;
	}
	if (store_begin(s, cause) != 0)
		goto out;
	if (store_sync_state_put(s, "chain", chain_id, cause) != 0 ||
	    store_sync_state_put(s, "shop", shop, cause) != 0 ||
	    (adopt && store_code_key_adopt(s, code_key, &rekeyed,
	    cause) != 0)) {
		store_rollback(s);
		s->have_ckey = 0;
		goto out;
	}
	if ((rc = store_commit(s, cause)) != 0)
		s->have_ckey = 0;
out:
	free(have_chain);
	free(have_shop);
	return rc;
}

int
store_sync_mark(struct store *s, const char *name, int64_t *value,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*value = 0;
	if (store_sync_prepare(s, "SELECT value FROM chain_mark WHERE name = ?1", &st,
	    cause, "cannot read a watermark") != 0)
		return -1;
	store_sync_bind_textn(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read a watermark");
	return 0;
}

/* Move watermark name forward to value (never back), in the open
 * transaction. */
int
store_sync_mark_put(struct store *s, const char *name, int64_t value, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_sync_prepare(s, "INSERT INTO chain_mark(name, value) VALUES (?1, ?2)"
	    " ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
	    &st, cause, "cannot move a watermark") != 0)
		return -1;
	store_sync_bind_textn(st, 1, name);
	sqlite3_bind_int64(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot move a watermark");
	return 0;
}

char *
store_sync_mark_name(const char *table)
{
	return xasprintf("up:%s", table);
}

int
store_sync_pending(struct store *s, const struct sync_up *t, int64_t *rows,
    char **cause)
{
	char *sql, *name = store_sync_mark_name(t != NULL ? t->name : "customer");
	int64_t mark, changed = 0;
	int rc;

	*rows = 0;
	if (store_sync_mark(s, name, &mark, cause) != 0) {
		free(name);
		return -1;
	}
	free(name);
	if (t == NULL)
		sql = xasprintf("SELECT count(*) FROM customer t WHERE t.id > :i"
		    " AND t.erased = 0 AND NOT EXISTS (SELECT 1 FROM chain_link l"
		    " WHERE l.tbl = 'customer' AND l.id = t.id)");
	else if (t->parent != NULL) {
		const struct sync_up *p;
		size_t i;
		int64_t pm;

		for (i = 0, p = NULL; i < sync_up_count; i++)
			if (strcmp(sync_up_tables[i].name, t->parent) == 0)
				p = &sync_up_tables[i];
		name = store_sync_mark_name(p != NULL ? p->name : t->parent);
		if (store_sync_mark(s, name, &pm, cause) != 0) {
			free(name);
			return -1;
		}
		free(name);
		mark = pm;
		sql = xasprintf("SELECT count(*) FROM %s WHERE %s > :i", t->from,
		    t->mark);
	} else
		sql = xasprintf("SELECT count(*) FROM %s WHERE %s > :i%s%s",
		    t->from, t->mark, t->where ? " AND " : "",
		    t->where ? t->where : "");
	rc = store_sync_query_it(s, sql, mark, NULL, rows, cause,
	    "cannot count what waits to go up");
	free(sql);
	if (rc < 0)
		return -1;
	if (t == NULL || t->changed != NULL) {
		if (store_sync_query_it(s, "SELECT count(*) FROM chain_changed WHERE tbl = :t"
		    " AND id <= :i", mark, t == NULL ? "customer" : t->changed,
		    &changed, cause, "cannot count what waits to go up") < 0)
			return -1;
		*rows += changed;
	}
	return 0;
}
