/*
 * chain_sync.c — a shop's sync with the chain's server: the rows that go
 * up, in batches keyed by (shop, local id), and what comes down (chain.h).
 */
#include "model/chain.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/baskets.h"
#include "model/chain_sql.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "model/chain_int.h"

/* ---- up ------------------------------------------------------------------------ */

/* "a = excluded.a, b = excluded.b" over t's mutable columns; caller frees. */
static char *
set_excluded_of(const struct sync_up *t)
{
	char *set = xstrdup(""), *tt;
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		if (!(t->cols[i].flags & SYNC_MUTABLE))
			continue;
		tt = xasprintf("%s%s%s = excluded.%s", set, *set ? ", " : "",
		    t->cols[i].name, t->cols[i].name);
		free(set);
		set = tt;
	}
	return set;
}

/* The ON CONFLICT action of an insert into t: an update of the mutable
 * columns that differ, or nothing; caller frees. */
static char *
conflict_action_of(const struct sync_up *t, int update)
{
	char *set, *mut, *ex, *on;

	if (!update)
		return xstrdup("DO NOTHING");
	set = set_excluded_of(t);
	mut = chain_names_of(t->cols, t->ncols, "x.", SYNC_MUTABLE);
	ex = chain_names_of(t->cols, t->ncols, "excluded.", SYNC_MUTABLE);
	on = xasprintf("DO UPDATE SET %s WHERE (%s) IS DISTINCT FROM (%s)",
	    set, mut, ex);
	free(set);
	free(mut);
	free(ex);
	return on;
}

/* "x.shop = $1 AND x.k = u.k ..." over t's key columns; caller frees. */
static char *
key_join_of(const struct sync_up *t)
{
	char *join = xstrdup("x.shop = $1"), *tt;
	size_t i;

	for (i = 0; i < t->ncols; i++) {
		if (!(t->cols[i].flags & SYNC_KEY))
			continue;
		tt = xasprintf("%s AND x.%s = u.%s", join, t->cols[i].name,
		    t->cols[i].name);
		free(join);
		join = tt;
	}
	return join;
}

/*
 * Some rows of a batch sent without update were on the server already:
 * they must be the very rows sent before.  un is the unnest of the batch,
 * p its np parameters.  0 when they are; -1 with *cause when the server
 * cannot be asked or holds a row with other values under the same key.
 */
static int
check_resent(struct chain *c, const struct sync_up *t, const char *shop,
    const char *un, const char **p, int np, const char *what, char **cause)
{
	char *id_x, *id_u, *k, *join, *sql;
	PGresult *res;
	int rc = 0;

	id_x = chain_names_of(t->cols, t->ncols, "x.", SYNC_IDENT);
	id_u = chain_names_of(t->cols, t->ncols, "u.", SYNC_IDENT);
	k = chain_names_of(t->cols, t->ncols, "u.", SYNC_KEY);
	join = key_join_of(t);
	sql = xasprintf("SELECT count(*), min((%s)::text) FROM %s"
	    " JOIN uplift.%s x ON %s WHERE (%s) IS DISTINCT FROM"
	    " (%s)", k, un, t->name, join, id_x, id_u);
	free(join);
	free(k);
	free(id_x);
	free(id_u);
	res = PQexecParams(c->conn, sql, np, NULL, p, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		chain_fail(c, cause, what, res);
		rc = -1;
	} else if (chain_to_int(PQgetvalue(res, 0, 0)) > 0) {
		char *key = text_cleans(PQgetvalue(res, 0, 1), 60);
		*cause = xasprintf("chain server %s: %s %s of shop %s is "
		    "there with other values than this file's: this file "
		    "is not the one that sent it (restored from an older "
		    "backup, or another shop's copy?); nothing of this "
		    "batch was kept — ask the chain's owner", c->where,
		    t->name, key, shop);
		free(key);
		rc = -1;
	}
	PQclear(res);
	return rc;
}

int
chain_put_rows(struct chain *c, const struct sync_up *t, const char *shop,
    const struct sync_rows *r, int update, int64_t *added, char **cause)
{
	char *un, *cols, *keys, *sql, *what, *on;
	const char **p;
	PGresult *res;
	int np, rc;

	*added = 0;
	if (r->n == 0)
		return 0;
	un = chain_unnest_of(t->cols, t->ncols, 2);
	cols = chain_names_of(t->cols, t->ncols, "", 0);
	keys = chain_names_of(t->cols, t->ncols, "", SYNC_KEY);
	on = conflict_action_of(t, update);
	sql = xasprintf("INSERT INTO uplift.%s AS x (shop, %s) SELECT $1, u.*"
	    " FROM %s ON CONFLICT (shop, %s) %s", t->name, cols, un, keys, on);
	free(on);
	p = chain_params_of(r, shop, &np);
	what = xasprintf("cannot send %s", t->name);
	res = PQexecParams(c->conn, sql, np, NULL, p, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		chain_fail(c, cause, what, res);
		rc = -1;
	} else {
		*added = chain_to_int(PQcmdTuples(res));
		rc = 0;
		if (!update && *added < (int64_t)r->n)
			rc = check_resent(c, t, shop, un, p, np, what, cause);
	}
	PQclear(res);
	free(what);
	chain_params_free(p, np, 1);
	free(un);
	free(cols);
	free(keys);
	return rc;
}

int
chain_put_customers(struct chain *c, const char *shop,
    const struct sync_rows *r, struct sync_rows *links, char **cause)
{
	char *un, *cols, *sql;
	const char **p;
	PGresult *res;
	int np, i, rc = -1;

	sync_rows_init(links, 4);
	if (r->n == 0)
		return 0;
	un = chain_unnest_of(sync_customer_cols, sync_customer_ncols, 2);
	cols = chain_names_of(sync_customer_cols + 1, sync_customer_ncols - 1, "", 0);
	p = chain_params_of(r, shop, &np);
	/* new ones (not suppressed), then the links, then what each is */
	sql = xasprintf("INSERT INTO uplift.customer(shop, %s) SELECT $1, %s"
	    " FROM %s WHERE NOT uplift.is_suppressed(u.ckey)"
	    " ON CONFLICT (ckey) DO NOTHING", cols, cols, un);
	if (chain_run(c, sql, np, p, NULL, cause, "cannot send customers") != 0)
		goto out;
	free(sql);
	sql = xasprintf("INSERT INTO uplift.shop_customer(shop, id, customer)"
	    " SELECT $1, u.id, x.id FROM %s JOIN uplift.customer x ON"
	    " x.ckey = u.ckey ON CONFLICT (shop, id) DO NOTHING", un);
	if (chain_run(c, sql, np, p, NULL, cause, "cannot link customers") != 0)
		goto out;
	free(sql);
	sql = xasprintf("SELECT u.id, x.id, (x.shop = $1)::int,"
	    " (x.id IS NULL)::int FROM %s LEFT JOIN uplift.customer x ON"
	    " x.ckey = u.ckey ORDER BY u.id", un);
	if (chain_run(c, sql, np, p, &res, cause, "cannot link customers") != 0)
		goto out;
	for (i = 0; i < PQntuples(res); i++) {
		const char *v[4];
		int k;

		for (k = 0; k < 4; k++)
			v[k] = PQgetisnull(res, i, k) ? NULL : PQgetvalue(res, i, k);
		if (v[1] == NULL)
			v[2] = "0";
		sync_rows_add(links, v);
	}
	PQclear(res);
	rc = 0;
out:
	free(sql);
	chain_params_free(p, np, 1);
	free(un);
	free(cols);
	return rc;
}

int
chain_update_customers(struct chain *c, const struct sync_rows *r,
    char **cause)
{
	char *un, *set = xstrdup(""), *sql, *t;
	const char **p;
	size_t i;
	int np, rc;

	if (r->n == 0) {
		free(set);
		return 0;
	}
	un = chain_unnest_of(sync_customer_cols, sync_customer_ncols, 1);
	for (i = 2; i < sync_customer_ncols; i++) {
		t = xasprintf("%s%s%s = u.%s", set, *set ? ", " : "",
		    sync_customer_cols[i].name, sync_customer_cols[i].name);
		free(set);
		set = t;
	}
	/* u.id is the chain's id here; the key stays what it was */
	sql = xasprintf("UPDATE uplift.customer x SET %s FROM %s WHERE"
	    " x.id = u.id AND NOT x.erased", set, un);
	p = chain_params_of(r, NULL, &np);
	rc = chain_run(c, sql, np, p, NULL, cause, "cannot send changed customers");
	chain_params_free(p, np, 0);
	free(sql);
	free(set);
	free(un);
	return rc;
}

/* ids[0..n) as a PostgreSQL array literal. */
static char *
int_array(const int64_t *ids, size_t n)
{
	char *s = xstrdup("{"), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%lld", s, i ? "," : "", (long long)ids[i]);
		free(s);
		s = t;
	}
	t = xasprintf("%s}", s);
	free(s);
	return t;
}

int
chain_link_customers(struct chain *c, const char *shop, const int64_t *local,
    const int64_t *chain_ids, size_t n, char **cause)
{
	char *a = int_array(local, n), *b = int_array(chain_ids, n);
	const char *p[3] = { shop, a, b };
	int rc;

	rc = chain_run(c, "INSERT INTO uplift.shop_customer(shop, id, customer)"
	    " SELECT $1, u.id, u.c FROM unnest($2::bigint[], $3::bigint[]) AS"
	    " u(id, c) JOIN uplift.customer x ON x.id = u.c"
	    " ON CONFLICT (shop, id) DO NOTHING", 3, p, NULL, cause,
	    "cannot link customers");
	free(a);
	free(b);
	return rc;
}

int
chain_erase_customers(struct chain *c, const int64_t *ids, size_t n,
    char **cause)
{
	char num[32];
	const char *p[1] = { num };
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%lld", (long long)ids[i]);
		if (chain_run(c, "SELECT uplift.erase_customer($1::bigint)", 1, p, NULL,
		    cause, "cannot erase a customer") != 0)
			return -1;
	}
	return 0;
}

int
chain_shop_synced(struct chain *c, int64_t up, int64_t down, double seconds,
    char **cause)
{
	char a[32], b[32], s[32];
	const char *p[3] = { a, b, s };

	snprintf(a, sizeof a, "%lld", (long long)up);
	snprintf(b, sizeof b, "%lld", (long long)down);
	snprintf(s, sizeof s, "%.3f", seconds);
	return chain_run(c, "SELECT uplift.shop_synced($1::bigint, $2::bigint,"
	    " $3::real)", 3, p, NULL, cause, "cannot record the sync");
}

/* ---- down ------------------------------------------------------------------------ */

int
chain_down_begin(struct chain *c, int64_t *horizon, char **cause)
{
	char *v = NULL;

	if (chain_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
	    NULL, cause, "cannot begin") != 0)
		return -1;
	if (chain_run_value(c, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text",
	    0, NULL, &v, cause, "cannot read the horizon") != 1) {
		free(v);
		chain_rollback(c);
		return -1;
	}
	*horizon = chain_to_int(v);
	free(v);
	return 0;
}

/* The server's side of sync_down_tables[], by name: $1 is the horizon. */
static const struct {
	const char *name;
	const char *sql;
} down_sql[] = {
	{ "sku", "SELECT id, sku FROM uplift.sku WHERE txid >= $1::xid8"
	    " ORDER BY id" },
	{ "category", "SELECT name, refill_days FROM uplift.category"
	    " WHERE txid >= $1::xid8 ORDER BY name" },
	{ "item", "SELECT k.id, i.sku, i.name, i.category, i.family, i.tier,"
	    " i.brand_tier, i.price, i.barcode, i.season_start, i.season_end,"
	    " i.refill_days, i.benefit, i.kind FROM uplift.item i"
	    " JOIN uplift.sku k ON k.sku = i.sku WHERE i.txid >= $1::xid8"
	    " ORDER BY i.sku" },
	{ "item_benefit", "SELECT sku, lang, text FROM uplift.item_benefit"
	    " WHERE txid >= $1::xid8 ORDER BY sku, lang" },
	{ "bundle", "SELECT b.code, b.name, b.price, bi.sku, bi.qty"
	    " FROM uplift.bundle b LEFT JOIN uplift.bundle_item bi"
	    " ON bi.code = b.code WHERE b.txid >= $1::xid8"
	    " ORDER BY b.code, bi.sku" },
	{ "script", "SELECT l.lang, s.kind, s.scope, s.variant, s.line, s.text"
	    " FROM uplift.script_lang l LEFT JOIN uplift.script s"
	    " ON s.lang = l.lang WHERE l.txid >= $1::xid8"
	    " ORDER BY l.lang, s.kind, s.scope, s.variant, s.line" },
	{ "customer", "SELECT id, ckey, shop, code, name, phone, email,"
	    " loyalty, lang, segment, country, consent, erased::int"
	    " FROM uplift.customer WHERE txid >= $1::xid8 ORDER BY id" },
};

int
chain_get_rows(struct chain *c, const struct sync_down *t, int64_t since,
    struct sync_rows *out, char **cause)
{
	char h[32], *what;
	const char *p[1] = { h };
	const char *vals[32];
	PGresult *r;
	size_t i;
	int k, j;

	sync_rows_init(out, t->ncols);
	for (i = 0; i < sizeof down_sql / sizeof down_sql[0]; i++)
		if (strcmp(down_sql[i].name, t->name) == 0)
			break;
	if (i == sizeof down_sql / sizeof down_sql[0]) {
		*cause = xasprintf("no query for table %s (a bug)", t->name);
		return -1;
	}
	snprintf(h, sizeof h, "%lld", (long long)since);
	what = xasprintf("cannot read %s", t->name);
	if (chain_run(c, down_sql[i].sql, 1, p, &r, cause, what) != 0) {
		free(what);
		return -1;
	}
	free(what);
	if ((size_t)PQnfields(r) != t->ncols || t->ncols > 32) {
		PQclear(r);
		*cause = xasprintf("table %s: the server gave %d columns, %zu "
		    "expected (a bug)", t->name, PQnfields(r), t->ncols);
		return -1;
	}
	for (k = 0; k < PQntuples(r); k++) {
		for (j = 0; j < (int)t->ncols; j++)
			vals[j] = PQgetisnull(r, k, j) ? NULL : PQgetvalue(r, k, j);
		sync_rows_add(out, vals);
	}
	PQclear(r);
	return 0;
}

int
chain_model_latest(struct chain *c, char sha[72], char **cause)
{
	char *v = NULL;
	int rc;

	sha[0] = '\0';
	rc = chain_run_value(c, "SELECT sha256 FROM uplift.model ORDER BY id DESC"
	    " LIMIT 1", 0, NULL, &v, cause, "cannot read the chain's model");
	if (rc == 1)
		snprintf(sha, 72, "%s", v);
	free(v);
	return rc;
}

int
chain_model_get(struct chain *c, const char *sha, void **data, size_t *size,
    int64_t *built, char **cause)
{
	const char *p[1] = { sha };
	PGresult *r;

	*data = NULL;
	*size = 0;
	/* binary results: the blob as it is */
	r = PQexecParams(c->conn, "SELECT built::text, data FROM uplift.model"
	    " WHERE sha256 = $1 ORDER BY id DESC LIMIT 1", 1, NULL, p, NULL,
	    NULL, 1);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		chain_fail(c, cause, "cannot fetch the chain's model", r);
		PQclear(r);
		return -1;
	}
	if (PQntuples(r) == 0) {
		PQclear(r);
		return 0;
	}
	*built = chain_to_int(PQgetvalue(r, 0, 0));
	*size = (size_t)PQgetlength(r, 0, 1);
	*data = xmalloc(*size > 0 ? *size : 1);
	memcpy(*data, PQgetvalue(r, 0, 1), *size);
	PQclear(r);
	return 1;
}
