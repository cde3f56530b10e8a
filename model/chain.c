/*
 * chain.c — the chain's PostgreSQL server through libpq (chain.h).  Every
 * statement is parameterised (PQexecParams); rows travel to the server as
 * PostgreSQL array literals unnested into tables, one statement per batch.
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

struct chain {
	PGconn *conn;
	char   *where;     /* "HOST/DB" for messages, sanitised */
};

/* ---- errors ---------------------------------------------------------------- */

/* The first line of a libpq message, sanitised. */
static char *
pg_message(const char *msg)
{
	char *line = xstrdup(msg != NULL && *msg != '\0' ? msg :
	    "no message"), *nl, *t;

	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	if (strncmp(line, "ERROR:  ", 8) == 0)
		memmove(line, line + 8, strlen(line + 8) + 1);
	t = text_cleans(line, 300);
	free(line);
	return t;
}

static int
chain_fail(struct chain *c, char **cause, const char *what,
    const PGresult *res)
{
	char *m = pg_message(res != NULL ? PQresultErrorMessage(res) :
	    PQerrorMessage(c->conn));

	if (res != NULL && *PQresultErrorMessage(res) == '\0') {
		free(m);
		m = pg_message(PQerrorMessage(c->conn));
	}
	*cause = xasprintf("chain server %s: %s: %s", c->where, what, m);
	free(m);
	return -1;
}

/* Run sql with n text parameters; *res (cleared by the caller) when it
 * gives rows.  0, or -1 with *cause. */
static int
run(struct chain *c, const char *sql, int n, const char *const *params,
    PGresult **res, char **cause, const char *what)
{
	PGresult *r = PQexecParams(c->conn, sql, n, NULL, params, NULL, NULL,
	    0);
	ExecStatusType st = PQresultStatus(r);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		chain_fail(c, cause, what, r);
		PQclear(r);
		return -1;
	}
	if (res != NULL)
		*res = r;
	else
		PQclear(r);
	return 0;
}

/* One text value from sql: 1 and *out (malloc'd), 0 no row or NULL, -1. */
static int
run_value(struct chain *c, const char *sql, int n, const char *const *params,
    char **out, char **cause, const char *what)
{
	PGresult *r;

	*out = NULL;
	if (run(c, sql, n, params, &r, cause, what) != 0)
		return -1;
	if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		*out = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return *out != NULL;
}

static int64_t
to_int(const char *v)
{
	return v == NULL ? 0 : strtoll(v, NULL, 10);
}

/* ---- connecting -------------------------------------------------------------- */

int
chain_check_server(const char *conninfo, char **why)
{
	PQconninfoOption *opts, *o;
	char *err = NULL;
	int bad = 0;

	if ((opts = PQconninfoParse(conninfo, &err)) == NULL) {
		char *m = pg_message(err);
		*why = xasprintf("not a PostgreSQL connection string: %s", m);
		free(m);
		PQfreemem(err);
		return -1;
	}
	for (o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL &&
		    *o->val != '\0')
			bad = 1;
	PQconninfoFree(opts);
	if (bad) {
		*why = xstrdup("holds a password: take it out, and put it in "
		    "~/.pgpass (or the file PGPASSFILE names), mode 0600 — "
		    "uplift.ini is no place for it");
		return -1;
	}
	return 0;
}

int
chain_check_conninfo(const char *conninfo, char **cause)
{
	char *why;

	if (conninfo == NULL || *conninfo == '\0') {
		*cause = xstrdup("no chain server: set server in the [chain] "
		    "section of uplift.ini (postgresql://ROLE@HOST/DATABASE)");
		return -1;
	}
	if (chain_check_server(conninfo, &why) != 0) {
		*cause = xasprintf("[chain] server %s", why);
		free(why);
		return -1;
	}
	if (getenv("PGPASSWORD") != NULL) {
		*cause = xstrdup("PGPASSWORD is set: uplift takes the chain "
		    "server's password only from ~/.pgpass or PGPASSFILE "
		    "(unset PGPASSWORD)");
		return -1;
	}
	return 0;
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int
chain_connect(struct chain **out, const char *conninfo, char **cause)
{
	/* defaults first: what the string says wins */
	static const char *const keys[] = {
		"connect_timeout", "keepalives_idle", "keepalives_interval",
		"keepalives_count", "tcp_user_timeout", "application_name",
		"client_encoding", "dbname", NULL
	};
	const char *vals[9] = { "10", "20", "5", "3", "60000", "uplift",
	    "UTF8", conninfo, NULL };
	struct chain *c;
	char *host, *db, *t;

	*out = NULL;
	if (chain_check_conninfo(conninfo, cause) != 0)
		return -1;
	c = xcalloc(1, sizeof *c);
	c->conn = PQconnectdbParams(keys, vals, 1);
	if (c->conn == NULL) {
		free(c);
		*cause = xstrdup("chain server: out of memory");
		return -1;
	}
	/* the server's notices (NOTICE: ... exists, skipping) are not ours
	 * to print */
	PQsetNoticeProcessor(c->conn, quiet, NULL);
	host = xstrdup(PQhost(c->conn) != NULL ? PQhost(c->conn) : "?");
	db = xstrdup(PQdb(c->conn) != NULL ? PQdb(c->conn) : "?");
	t = xasprintf("%s/%s", host, db);
	c->where = text_cleans(t, 80);
	free(t);
	free(host);
	free(db);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		char *m = pg_message(PQerrorMessage(c->conn));
		*cause = xasprintf("chain server %s: cannot connect: %s "
		    "(the counter goes on selling; what waits goes with the "
		    "next sync)", c->where, m);
		free(m);
		chain_close(&c);
		return -1;
	}
	*out = c;
	return 0;
}

void
chain_close(struct chain **cp)
{
	struct chain *c = *cp;

	if (c == NULL)
		return;
	if (c->conn != NULL)
		PQfinish(c->conn);
	free(c->where);
	free(c);
	*cp = NULL;
}

/* ---- schema ------------------------------------------------------------------ */

int
chain_version(struct chain *c, int *version, char **cause)
{
	char *v = NULL;
	int rc;

	*version = 0;
	rc = run_value(c, "SELECT CASE WHEN to_regclass('uplift.migration')"
	    " IS NULL THEN '0' END", 0, NULL, &v, cause,
	    "cannot read the schema version");
	if (rc < 0)
		return -1;
	free(v);
	if (rc == 1)
		return 0;               /* no schema yet */
	rc = run_value(c, "SELECT coalesce(max(version), 0) FROM"
	    " uplift.migration", 0, NULL, &v, cause,
	    "cannot read the schema version");
	if (rc < 0)
		return -1;
	*version = (int)to_int(v);
	free(v);
	return 0;
}

int
chain_migrate(struct chain *c, int *from, int *to, char **cause)
{
	char num[16], *what;
	const char *p[1];
	int v, rc;

	*from = *to = 0;
	if (run(c, "CREATE SCHEMA IF NOT EXISTS uplift", 0, NULL, NULL, cause,
	    "cannot make the schema (connect as the chain's owner)") != 0 ||
	    run(c, "CREATE TABLE IF NOT EXISTS uplift.migration(version"
	    " integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())",
	    0, NULL, NULL, cause, "cannot make the migration table") != 0)
		return -1;
	if (chain_version(c, from, cause) != 0)
		return -1;
	*to = *from;
	for (;;) {
		if (chain_begin(c, cause) != 0)
			return -1;
		/* one migrator at a time; re-read under the lock */
		if (run(c, "LOCK TABLE uplift.migration IN EXCLUSIVE MODE", 0,
		    NULL, NULL, cause, "cannot lock the migration table") != 0 ||
		    chain_version(c, &v, cause) != 0)
			goto fail;
		if (v >= chain_schema_version) {
			chain_rollback(c);
			*to = v;
			return 0;
		}
		what = xasprintf("migration %d failed (nothing of it applied)",
		    v + 1);
		{
			/* many statements: the simple protocol */
			PGresult *r = PQexec(c->conn, chain_sql_migrations[v]);

			rc = PQresultStatus(r) == PGRES_COMMAND_OK ||
			    PQresultStatus(r) == PGRES_TUPLES_OK ? 0 :
			    chain_fail(c, cause, what, r);
			PQclear(r);
		}
		free(what);
		if (rc != 0)
			goto fail;
		snprintf(num, sizeof num, "%d", v + 1);
		p[0] = num;
		if (run(c, "INSERT INTO uplift.migration(version) VALUES"
		    " ($1::integer)", 1, p, NULL, cause,
		    "cannot record a migration") != 0 ||
		    chain_commit(c, cause) != 0)
			goto fail;
		*to = v + 1;
	}
fail:
	chain_rollback(c);
	return -1;
}

int
chain_add_shop(struct chain *c, const char *code, const char *role,
    char **cause)
{
	const char *p[2] = { code, role };
	PGresult *r;
	char *sql, *q;
	int rc;

	if (chain_begin(c, cause) != 0)
		return -1;
	if (run(c, "INSERT INTO uplift.chain_shop(code, role) VALUES ($1, $2)",
	    2, p, NULL, cause, "cannot add the shop") != 0)
		goto fail;
	q = PQescapeIdentifier(c->conn, role, strlen(role));
	if (q == NULL) {
		chain_fail(c, cause, "cannot add the shop", NULL);
		goto fail;
	}
	sql = xasprintf("GRANT uplift_shop TO %s", q);
	PQfreemem(q);
	r = PQexec(c->conn, sql);
	free(sql);
	rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 :
	    chain_fail(c, cause, "cannot make the role a shop (does it exist? "
	    "CREATE ROLE ... LOGIN first)", r);
	PQclear(r);
	if (rc != 0)
		goto fail;
	return chain_commit(c, cause);
fail:
	chain_rollback(c);
	return -1;
}

int
chain_shops(struct chain *c, struct chain_shop_row **out, size_t *n,
    char **cause)
{
	PGresult *r;
	int i, k;

	*out = NULL;
	*n = 0;
	if (run(c, "SELECT code, role, to_char(last_sync AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD HH24:MI:SS'), coalesce(last_up, 0),"
	    " coalesce(last_down, 0), coalesce(last_seconds, 0), syncs"
	    " FROM uplift.chain_shop ORDER BY code", 0, NULL, &r, cause,
	    "cannot list the shops") != 0)
		return -1;
	k = PQntuples(r);
	*out = xcalloc(k > 0 ? (size_t)k : 1, sizeof **out);
	for (i = 0; i < k; i++) {
		struct chain_shop_row *s = &(*out)[i];

		s->code = xstrdup(PQgetvalue(r, i, 0));
		s->role = xstrdup(PQgetvalue(r, i, 1));
		s->last_sync = PQgetisnull(r, i, 2) ? NULL :
		    xstrdup(PQgetvalue(r, i, 2));
		s->last_up = to_int(PQgetvalue(r, i, 3));
		s->last_down = to_int(PQgetvalue(r, i, 4));
		s->last_seconds = strtod(PQgetvalue(r, i, 5), NULL);
		s->syncs = to_int(PQgetvalue(r, i, 6));
	}
	*n = (size_t)k;
	PQclear(r);
	return 0;
}

void
chain_shops_free(struct chain_shop_row **rows, size_t n)
{
	size_t i;

	if (*rows == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*rows)[i].code);
		free((*rows)[i].role);
		free((*rows)[i].last_sync);
	}
	xfree(rows);
}

/* ---- a shop's session --------------------------------------------------------- */

int
chain_hello(struct chain *c, const char *shop, struct chain_hello *h,
    char **cause)
{
	PGresult *r;
	char *v = NULL;
	const char *p[1];
	int version, rc;

	memset(h, 0, sizeof *h);
	if (chain_version(c, &version, cause) != 0)
		return -1;
	if (version != chain_schema_version) {
		*cause = xasprintf("chain server %s has schema %d, this uplift "
		    "needs %d: %s", c->where, version, chain_schema_version,
		    version < chain_schema_version ? "the chain's owner runs "
		    "uplift chain migrate" : "upgrade uplift");
		return -1;
	}
	if (run(c, "SELECT chain, currency, scale, shop, code_key FROM"
	    " uplift.hello()", 0, NULL, &r, cause, "cannot greet the server")
	    != 0)
		return -1;
	snprintf(h->chain_id, sizeof h->chain_id, "%s", PQgetvalue(r, 0, 0));
	snprintf(h->currency, sizeof h->currency, "%s", PQgetvalue(r, 0, 1));
	h->scale = (int)to_int(PQgetvalue(r, 0, 2));
	snprintf(h->shop, sizeof h->shop, "%s", PQgetvalue(r, 0, 3));
	snprintf(h->code_key, sizeof h->code_key, "%s", PQgetvalue(r, 0, 4));
	PQclear(r);
	if (shop == NULL)
		return 0;
	if (h->shop[0] == '\0') {
		char *role = text_cleans(PQuser(c->conn), 40);
		*cause = xasprintf("chain server %s: role %s is no shop of the "
		    "chain (the owner runs uplift chain add-shop CODE --role "
		    "ROLE)", c->where, role);
		free(role);
		return -1;
	}
	if (strcmp(h->shop, shop) != 0) {
		char *a = text_cleans(shop, 40), *b = text_cleans(h->shop, 40);
		*cause = xasprintf("chain server %s: this role is shop %s, "
		    "[chain] shop says %s", c->where, b, a);
		free(a);
		free(b);
		return -1;
	}
	p[0] = shop;
	rc = run_value(c, "SELECT pg_try_advisory_lock(hashtext('uplift-sync:'"
	    " || $1))::int", 1, p, &v, cause, "cannot take the shop's lock");
	if (rc < 0)
		return -1;
	rc = v != NULL && strcmp(v, "1") == 0;
	free(v);
	if (!rc) {
		*cause = xasprintf("another uplift sync of shop %s is running; "
		    "this one stops (nothing lost: it all goes with that one or "
		    "the next)", h->shop);
		return -1;
	}
	return 0;
}

int
chain_claim_currency(struct chain *c, char cur[4], int *scale, char **cause)
{
	char sc[8];
	const char *p[2] = { cur, sc };
	PGresult *r;

	snprintf(sc, sizeof sc, "%d", *scale);
	if (run(c, "SELECT currency, scale FROM uplift.claim_currency($1,"
	    " $2::integer)", 2, p, &r, cause, "cannot agree on the currency")
	    != 0)
		return -1;
	snprintf(cur, 4, "%s", PQgetvalue(r, 0, 0));
	*scale = (int)to_int(PQgetvalue(r, 0, 1));
	PQclear(r);
	return 0;
}

int
chain_begin(struct chain *c, char **cause)
{
	return run(c, "BEGIN", 0, NULL, NULL, cause, "cannot begin");
}

int
chain_commit(struct chain *c, char **cause)
{
	if (run(c, "COMMIT", 0, NULL, NULL, cause, "COMMIT failed") != 0) {
		chain_rollback(c);
		return -1;
	}
	return 0;
}

void
chain_rollback(struct chain *c)
{
	if (PQtransactionStatus(c->conn) != PQTRANS_IDLE)
		PQclear(PQexec(c->conn, "ROLLBACK"));
}

/* ---- rows as arrays -------------------------------------------------------------- */

/* Append s to *buf (len, cap). */
static void
put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		while (*len + n + 1 > *cap)
			*cap = *cap ? 2 * *cap : 256;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Column col of r as a PostgreSQL array literal: {"a","b\"c",NULL}. */
static char *
array_of(const struct sync_rows *r, size_t col)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, i;
	const char *v, *p;

	put(&buf, &len, &cap, "{", 1);
	for (i = 0; i < r->n; i++) {
		if (i > 0)
			put(&buf, &len, &cap, ",", 1);
		if ((v = sync_rows_get(r, i, col)) == NULL) {
			put(&buf, &len, &cap, "NULL", 4);
			continue;
		}
		put(&buf, &len, &cap, "\"", 1);
		for (p = v; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				put(&buf, &len, &cap, "\\", 1);
			put(&buf, &len, &cap, p, 1);
		}
		put(&buf, &len, &cap, "\"", 1);
	}
	put(&buf, &len, &cap, "}", 1);
	return buf;
}

/* "unnest($F::t1[], ...) AS u(c1, ...)" for cols, parameters from $first. */
static char *
unnest_of(const struct sync_col *cols, size_t n, int first)
{
	char *a = xstrdup(""), *b = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s$%d::%s[]", a, i ? ", " : "", first + (int)i,
		    cols[i].type);
		free(a);
		a = t;
		t = xasprintf("%s%s%s", b, i ? ", " : "", cols[i].name);
		free(b);
		b = t;
	}
	t = xasprintf("unnest(%s) AS u(%s)", a, b);
	free(a);
	free(b);
	return t;
}

/* "p.c1, p.c2" of the columns with flag (all with flag 0). */
static char *
names_of(const struct sync_col *cols, size_t n, const char *prefix,
    int flag)
{
	char *a = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		if (flag != 0 && !(cols[i].flags & flag))
			continue;
		t = xasprintf("%s%s%s%s", a, *a ? ", " : "", prefix,
		    cols[i].name);
		free(a);
		a = t;
	}
	return a;
}

/* The parameters: shop (if given), then one array per column. */
static const char **
params_of(const struct sync_rows *r, const char *shop, int *np)
{
	const char **p = xcalloc(r->ncols + 1, sizeof *p);
	size_t i;
	int k = 0;

	if (shop != NULL)
		p[k++] = shop;
	for (i = 0; i < r->ncols; i++)
		p[k++] = array_of(r, i);
	*np = k;
	return p;
}

static void
params_free(const char **p, int np, int first)
{
	int i;

	for (i = first; i < np; i++)
		free((char *)p[i]);
	free(p);
}

/* ---- up ------------------------------------------------------------------------ */

int
chain_put_rows(struct chain *c, const struct sync_up *t, const char *shop,
    const struct sync_rows *r, int update, int64_t *added, char **cause)
{
	char *un, *cols, *keys, *sql, *what, *mut, *ex, *id_x, *id_u, *on;
	const char **p;
	PGresult *res;
	int np, rc;

	*added = 0;
	if (r->n == 0)
		return 0;
	un = unnest_of(t->cols, t->ncols, 2);
	cols = names_of(t->cols, t->ncols, "", 0);
	keys = names_of(t->cols, t->ncols, "", SYNC_KEY);
	if (update) {
		size_t i;
		char *set = xstrdup(""), *tt;

		for (i = 0; i < t->ncols; i++) {
			if (!(t->cols[i].flags & SYNC_MUTABLE))
				continue;
			tt = xasprintf("%s%s%s = excluded.%s", set, *set ? ", " : "",
			    t->cols[i].name, t->cols[i].name);
			free(set);
			set = tt;
		}
		mut = names_of(t->cols, t->ncols, "x.", SYNC_MUTABLE);
		ex = names_of(t->cols, t->ncols, "excluded.", SYNC_MUTABLE);
		on = xasprintf("DO UPDATE SET %s WHERE (%s) IS DISTINCT FROM (%s)",
		    set, mut, ex);
		free(set);
		free(mut);
		free(ex);
	} else
		on = xstrdup("DO NOTHING");
	sql = xasprintf("INSERT INTO uplift.%s AS x (shop, %s) SELECT $1, u.*"
	    " FROM %s ON CONFLICT (shop, %s) %s", t->name, cols, un, keys, on);
	free(on);
	p = params_of(r, shop, &np);
	what = xasprintf("cannot send %s", t->name);
	res = PQexecParams(c->conn, sql, np, NULL, p, NULL, NULL, 0);
	free(sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		chain_fail(c, cause, what, res);
		rc = -1;
		goto out;
	}
	*added = to_int(PQcmdTuples(res));
	rc = 0;
	if (!update && *added < (int64_t)r->n) {
		/* some were there: they must be the very rows sent before */
		char *k;

		PQclear(res);
		id_x = names_of(t->cols, t->ncols, "x.", SYNC_IDENT);
		id_u = names_of(t->cols, t->ncols, "u.", SYNC_IDENT);
		k = names_of(t->cols, t->ncols, "u.", SYNC_KEY);
		{
			char *join = xstrdup("x.shop = $1"), *tt;
			size_t i;

			for (i = 0; i < t->ncols; i++) {
				if (!(t->cols[i].flags & SYNC_KEY))
					continue;
				tt = xasprintf("%s AND x.%s = u.%s", join,
				    t->cols[i].name, t->cols[i].name);
				free(join);
				join = tt;
			}
			sql = xasprintf("SELECT count(*), min((%s)::text) FROM %s"
			    " JOIN uplift.%s x ON %s WHERE (%s) IS DISTINCT FROM"
			    " (%s)", k, un, t->name, join, id_x, id_u);
			free(join);
		}
		free(k);
		free(id_x);
		free(id_u);
		res = PQexecParams(c->conn, sql, np, NULL, p, NULL, NULL, 0);
		free(sql);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			chain_fail(c, cause, what, res);
			rc = -1;
		} else if (to_int(PQgetvalue(res, 0, 0)) > 0) {
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
	}
out:
	PQclear(res);
	free(what);
	params_free(p, np, 1);
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
	un = unnest_of(sync_customer_cols, sync_customer_ncols, 2);
	cols = names_of(sync_customer_cols + 1, sync_customer_ncols - 1, "", 0);
	p = params_of(r, shop, &np);
	/* new ones (not suppressed), then the links, then what each is */
	sql = xasprintf("INSERT INTO uplift.customer(shop, %s) SELECT $1, %s"
	    " FROM %s WHERE NOT uplift.is_suppressed(u.ckey)"
	    " ON CONFLICT (ckey) DO NOTHING", cols, cols, un);
	if (run(c, sql, np, p, NULL, cause, "cannot send customers") != 0)
		goto out;
	free(sql);
	sql = xasprintf("INSERT INTO uplift.shop_customer(shop, id, customer)"
	    " SELECT $1, u.id, x.id FROM %s JOIN uplift.customer x ON"
	    " x.ckey = u.ckey ON CONFLICT (shop, id) DO NOTHING", un);
	if (run(c, sql, np, p, NULL, cause, "cannot link customers") != 0)
		goto out;
	free(sql);
	sql = xasprintf("SELECT u.id, x.id, (x.shop = $1)::int,"
	    " (x.id IS NULL)::int FROM %s LEFT JOIN uplift.customer x ON"
	    " x.ckey = u.ckey ORDER BY u.id", un);
	if (run(c, sql, np, p, &res, cause, "cannot link customers") != 0)
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
	params_free(p, np, 1);
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
	un = unnest_of(sync_customer_cols, sync_customer_ncols, 1);
	for (i = 2; i < sync_customer_ncols; i++) {
		t = xasprintf("%s%s%s = u.%s", set, *set ? ", " : "",
		    sync_customer_cols[i].name, sync_customer_cols[i].name);
		free(set);
		set = t;
	}
	/* u.id is the chain's id here; the key stays what it was */
	sql = xasprintf("UPDATE uplift.customer x SET %s FROM %s WHERE"
	    " x.id = u.id AND NOT x.erased", set, un);
	p = params_of(r, NULL, &np);
	rc = run(c, sql, np, p, NULL, cause, "cannot send changed customers");
	params_free(p, np, 0);
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

	rc = run(c, "INSERT INTO uplift.shop_customer(shop, id, customer)"
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
		if (run(c, "SELECT uplift.erase_customer($1::bigint)", 1, p, NULL,
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
	return run(c, "SELECT uplift.shop_synced($1::bigint, $2::bigint,"
	    " $3::real)", 3, p, NULL, cause, "cannot record the sync");
}

/* ---- down ------------------------------------------------------------------------ */

int
chain_down_begin(struct chain *c, int64_t *horizon, char **cause)
{
	char *v = NULL;

	if (run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
	    NULL, cause, "cannot begin") != 0)
		return -1;
	if (run_value(c, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text",
	    0, NULL, &v, cause, "cannot read the horizon") != 1) {
		free(v);
		chain_rollback(c);
		return -1;
	}
	*horizon = to_int(v);
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
	if (run(c, down_sql[i].sql, 1, p, &r, cause, what) != 0) {
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
	rc = run_value(c, "SELECT sha256 FROM uplift.model ORDER BY id DESC"
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
	*built = to_int(PQgetvalue(r, 0, 0));
	*size = (size_t)PQgetlength(r, 0, 1);
	*data = xmalloc(*size > 0 ? *size : 1);
	memcpy(*data, PQgetvalue(r, 0, 1), *size);
	PQclear(r);
	return 1;
}

/* ---- the head office ----------------------------------------------------------------- */

static char *
num(int64_t v)
{
	return xasprintf("%lld", (long long)v);
}

/* "" for 0 (NULL in the arrays: no season, no refill) */
static char *
num_or_null(int64_t v)
{
	return v == 0 ? NULL : num(v);
}

static const struct sync_col pub_item_cols[] = {
	{ "sku", "text", SYNC_KEY, NULL },
	{ "name", "text", SYNC_MUTABLE, NULL },
	{ "category", "text", SYNC_MUTABLE, NULL },
	{ "family", "text", SYNC_MUTABLE, NULL },
	{ "tier", "integer", SYNC_MUTABLE, NULL },
	{ "brand_tier", "integer", SYNC_MUTABLE, NULL },
	{ "price", "bigint", SYNC_MUTABLE, NULL },
	{ "barcode", "text", SYNC_MUTABLE, NULL },
	{ "season_start", "integer", SYNC_MUTABLE, NULL },
	{ "season_end", "integer", SYNC_MUTABLE, NULL },
	{ "refill_days", "integer", SYNC_MUTABLE, NULL },
	{ "benefit", "text", SYNC_MUTABLE, NULL },
	{ "kind", "integer", SYNC_MUTABLE, NULL },
};

static const struct sync_col pub_cat_cols[] = {
	{ "name", "text", SYNC_KEY, NULL },
	{ "refill_days", "integer", SYNC_MUTABLE, NULL },
};

static const struct sync_col pub_benefit_cols[] = {
	{ "sku", "text", SYNC_KEY, NULL },
	{ "lang", "text", SYNC_KEY, NULL },
	{ "text", "text", SYNC_MUTABLE, NULL },
};

/* Upsert rows r into uplift.table (cols) by its keys, changing only rows
 * that differ.  *changed gets how many. */
static int
upsert(struct chain *c, const char *table, const struct sync_col *cols,
    size_t ncols, const struct sync_rows *r, int64_t *changed, char **cause)
{
	char *un, *names, *keys, *set = xstrdup(""), *mx, *me, *sql, *t, *what;
	const char **p;
	PGresult *res;
	size_t i;
	int np, rc = 0;

	*changed = 0;
	if (r->n == 0) {
		free(set);
		return 0;
	}
	un = unnest_of(cols, ncols, 1);
	names = names_of(cols, ncols, "", 0);
	keys = names_of(cols, ncols, "", SYNC_KEY);
	mx = names_of(cols, ncols, "x.", SYNC_MUTABLE);
	me = names_of(cols, ncols, "excluded.", SYNC_MUTABLE);
	for (i = 0; i < ncols; i++) {
		if (!(cols[i].flags & SYNC_MUTABLE))
			continue;
		t = xasprintf("%s%s%s = excluded.%s", set, *set ? ", " : "",
		    cols[i].name, cols[i].name);
		free(set);
		set = t;
	}
	sql = xasprintf("INSERT INTO uplift.%s AS x (%s) SELECT u.* FROM %s"
	    " ON CONFLICT (%s) DO UPDATE SET %s WHERE (%s) IS DISTINCT FROM"
	    " (%s)", table, names, un, keys, set, mx, me);
	p = params_of(r, NULL, &np);
	what = xasprintf("cannot publish %s", table);
	res = PQexecParams(c->conn, sql, np, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = chain_fail(c, cause, what, res);
	else
		*changed = to_int(PQcmdTuples(res));
	PQclear(res);
	free(what);
	params_free(p, np, 0);
	free(sql);
	free(un);
	free(names);
	free(keys);
	free(mx);
	free(me);
	free(set);
	return rc;
}

static const char *
sku_of(const struct chain_catalog *cat, int64_t id)
{
	size_t i;

	for (i = 0; i < cat->nitems; i++)
		if (cat->items[i].id == id)
			return cat->items[i].sku;
	return NULL;
}

/*
 * Publish bundle b; its items are replaced (and the bundle touched, so
 * that shops fetch it again) only when they differ from the chain's.
 * 1 when anything changed, 0 when not, -1 with *cause.
 */
static int
publish_bundle(struct chain *c, const struct chain_catalog *cat,
    const struct bundle *b, char **cause)
{
	static const char what[] = "cannot publish a bundle";
	struct sync_rows r;
	char *price = num(b->price), *have = NULL, *a0, *a1, *q;
	const char *p[3] = { b->code, b->name, price }, *v[2];
	size_t i;
	int rc;

	PGresult *res;
	int changed;

	rc = run(c, "INSERT INTO uplift.bundle AS x (code, name, price) VALUES"
	    " ($1, $2, $3::bigint) ON CONFLICT (code) DO UPDATE SET"
	    " name = excluded.name, price = excluded.price WHERE (x.name,"
	    " x.price) IS DISTINCT FROM (excluded.name, excluded.price)", 3, p,
	    &res, cause, what);
	free(price);
	if (rc != 0)
		return -1;
	changed = to_int(PQcmdTuples(res)) > 0;
	PQclear(res);
	sync_rows_init(&r, 2);
	for (i = 0; i < b->nitems; i++) {
		if ((v[0] = sku_of(cat, b->items[i].item_id)) == NULL)
			continue;
		q = num(b->items[i].qty);
		v[1] = q;
		sync_rows_add(&r, v);
		free(q);
	}
	a0 = array_of(&r, 0);
	a1 = array_of(&r, 1);
	sync_rows_free(&r);
	p[1] = a0;
	p[2] = a1;
	/* its items as one string in SKU order, against the chain's */
	rc = run_value(c, "SELECT ((SELECT coalesce(string_agg(sku || ' ' ||"
	    " qty, E'\\n' ORDER BY sku COLLATE \"C\"), '') FROM"
	    " uplift.bundle_item WHERE code = $1) IS DISTINCT FROM"
	    " (SELECT coalesce(string_agg(s || ' ' || q, E'\\n' ORDER BY s"
	    " COLLATE \"C\"), '') FROM unnest($2::text[], $3::bigint[])"
	    " AS u(s, q)))::int", 3, p, &have, cause, what);
	if (rc == 1 && strcmp(have, "1") == 0 && (changed = 1))
		rc = run(c, "DELETE FROM uplift.bundle_item WHERE code = $1", 1,
		    p, NULL, cause, what) != 0 ||
		    run(c, "INSERT INTO uplift.bundle_item(code, sku, qty)"
		    " SELECT $1, s, q FROM unnest($2::text[], $3::bigint[]) AS"
		    " u(s, q) ON CONFLICT DO NOTHING", 3, p, NULL, cause,
		    what) != 0 ||
		    run(c, "UPDATE uplift.bundle SET txid = pg_current_xact_id()"
		    " WHERE code = $1", 1, p, NULL, cause, what) != 0 ? -1 : 0;
	free(have);
	free(a0);
	free(a1);
	return rc < 0 ? -1 : changed;
}

/* Replace language lang's talking points when they differ. */
static int
publish_lang(struct chain *c, const char *lang,
    const struct script_row *rows, size_t n, int64_t *changed, char **cause)
{
	struct sync_rows r;
	char *a[5], *have = NULL, *ln;
	const char *v[5];
	const char *p[6];
	size_t i;
	int k, rc;

	sync_rows_init(&r, 5);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].lang, lang) != 0)
			continue;
		ln = num(rows[i].line);
		v[0] = rows[i].kind;
		v[1] = rows[i].scope;
		v[2] = rows[i].variant;
		v[3] = ln;
		v[4] = rows[i].text;
		sync_rows_add(&r, v);
		free(ln);
	}
	p[0] = lang;
	for (k = 0; k < 5; k++) {
		a[k] = array_of(&r, (size_t)k);
		p[k + 1] = a[k];
	}
	rc = run_value(c, "SELECT (SELECT coalesce(string_agg(concat_ws("
	    " E'\\t', kind, scope, variant, line, text), E'\\n' ORDER BY kind"
	    " COLLATE \"C\", scope COLLATE \"C\", variant COLLATE \"C\", line),"
	    " '') FROM uplift.script WHERE lang = $1) IS DISTINCT FROM"
	    " (SELECT coalesce(string_agg(concat_ws(E'\\t', k, s, v, l, t),"
	    " E'\\n' ORDER BY k COLLATE \"C\", s COLLATE \"C\", v COLLATE \"C\","
	    " l), '') FROM unnest($2::text[], $3::text[], $4::text[],"
	    " $5::integer[], $6::text[]) AS u(k, s, v, l, t))", 6, p, &have,
	    cause, "cannot publish talking points");
	if (rc == 1 && strcmp(have, "t") == 0) {
		if (run(c, "INSERT INTO uplift.script_lang AS x (lang) VALUES ($1)"
		    " ON CONFLICT (lang) DO UPDATE SET txid = pg_current_xact_id()",
		    1, p, NULL, cause, "cannot publish talking points") != 0 ||
		    run(c, "DELETE FROM uplift.script WHERE lang = $1", 1, p, NULL,
		    cause, "cannot publish talking points") != 0 ||
		    run(c, "INSERT INTO uplift.script(lang, kind, scope, variant,"
		    " line, text) SELECT $1, k, s, v, l, t FROM unnest($2::text[],"
		    " $3::text[], $4::text[], $5::integer[], $6::text[]) AS"
		    " u(k, s, v, l, t)", 6, p, NULL, cause,
		    "cannot publish talking points") != 0)
			rc = -1;
		else
			(*changed)++;
	}
	free(have);
	for (k = 0; k < 5; k++)
		free(a[k]);
	sync_rows_free(&r);
	return rc < 0 ? -1 : 0;
}

int
chain_publish(struct chain *c, const struct chain_catalog *cat,
    struct chain_published *out, char **cause)
{
	struct sync_rows r;
	char *v[13];
	size_t i, k;

	memset(out, 0, sizeof *out);
	if (chain_begin(c, cause) != 0)
		return -1;
	sync_rows_init(&r, 13);
	for (i = 0; i < cat->nitems; i++) {
		const struct item *it = &cat->items[i];

		v[0] = it->sku;
		v[1] = it->name != NULL ? it->name : "";
		v[2] = it->category;
		v[3] = it->family;
		v[4] = num(it->tier);
		v[5] = num(it->brand_tier);
		v[6] = num(it->price);
		v[7] = it->barcode;
		v[8] = num_or_null(it->season_start);
		v[9] = num_or_null(it->season_end);
		v[10] = it->refill_from_category ? NULL :
		    num_or_null(it->refill_days);
		v[11] = it->benefit;
		v[12] = num(it->kind);
		sync_rows_add(&r, (const char *const *)v);
		for (k = 4; k <= 12; k++)
			if (k != 7 && k != 11)
				free(v[k]);
	}
	if (upsert(c, "item", pub_item_cols, 13, &r, &out->items, cause) != 0)
		goto fail;
	sync_rows_free(&r);
	sync_rows_init(&r, 2);
	for (i = 0; i < cat->ncategories; i++) {
		v[0] = cat->categories[i].name;
		v[1] = num_or_null(cat->categories[i].refill_days);
		sync_rows_add(&r, (const char *const *)v);
		free(v[1]);
	}
	if (upsert(c, "category", pub_cat_cols, 2, &r, &out->categories,
	    cause) != 0)
		goto fail;
	sync_rows_free(&r);
	sync_rows_init(&r, 3);
	for (i = 0; i < cat->nbenefits; i++) {
		const char *sku = sku_of(cat, cat->benefits[i].item_id);
		const char *w[3] = { sku, cat->benefits[i].lang,
		    cat->benefits[i].text };

		if (sku != NULL)
			sync_rows_add(&r, w);
	}
	if (upsert(c, "item_benefit", pub_benefit_cols, 3, &r, &out->benefits,
	    cause) != 0)
		goto fail;
	sync_rows_free(&r);
	for (i = 0; i < cat->nbundles; i++) {
		int k2 = publish_bundle(c, cat, &cat->bundles[i], cause);

		if (k2 < 0)
			goto fail;
		out->bundles += k2;
	}
	for (i = 0; i < cat->nscripts; i++) {
		/* each language once, at its first row */
		for (k = 0; k < i; k++)
			if (strcmp(cat->scripts[k].lang, cat->scripts[i].lang) == 0)
				break;
		if (k == i && publish_lang(c, cat->scripts[i].lang, cat->scripts,
		    cat->nscripts, &out->script_langs, cause) != 0)
			goto fail;
	}
	return chain_commit(c, cause);
fail:
	sync_rows_free(&r);
	chain_rollback(c);
	return -1;
}

int
chain_baskets(struct chain *c, int64_t before, struct baskets *b,
    void (*progress)(void *arg, int64_t lines), void *arg, char **cause)
{
	PGresult *r;
	uint32_t *dense = NULL, *basket = NULL;
	int64_t maxid = 0, id, lines = 0, cust = 0, at = 0;
	size_t nb = 0, capb = 0;
	char bf[32], *cur_shop = NULL;
	const char *p[1] = { bf };
	int64_t cur_id = -1;
	int i, n, rc = -1;

	if (run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
	    NULL, cause, "cannot begin") != 0)
		return -1;
	/* every SKU the chain has heard of: a product is an item */
	if (run(c, "SELECT k.id, k.sku, coalesce(i.name, si.name, k.sku),"
	    " coalesce(i.kind, si.kind, 0) FROM uplift.sku k"
	    " LEFT JOIN uplift.item i ON i.sku = k.sku"
	    " LEFT JOIN LATERAL (SELECT s.name, s.kind FROM uplift.shop_item s"
	    " WHERE s.sku = k.sku ORDER BY s.shop, s.id LIMIT 1) si ON true"
	    " ORDER BY k.id", 0, NULL, &r, cause,
	    "cannot read the chain's items") != 0)
		goto out;
	n = PQntuples(r);
	for (i = 0; i < n; i++)
		if ((id = to_int(PQgetvalue(r, i, 0))) > maxid)
			maxid = id;
	dense = xmalloc(((size_t)maxid + 1) * sizeof *dense);
	memset(dense, 0xff, ((size_t)maxid + 1) * sizeof *dense);
	for (i = 0; i < n; i++) {
		const char *sku = PQgetvalue(r, i, 1), *name = PQgetvalue(r, i, 2);
		uint32_t k;

		if (to_int(PQgetvalue(r, i, 3)) != 0)
			continue;               /* a service */
		id = to_int(PQgetvalue(r, i, 0));
		k = baskets_item(b, sku, strlen(sku));
		baskets_set_title(b, k, name, strlen(name));
		dense[id] = k;
	}
	PQclear(r);
	b->ids = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *b->ids);
	for (id = 1; id <= maxid; id++)
		if (dense[id] != UINT32_MAX)
			b->ids[dense[id]] = id;
	snprintf(bf, sizeof bf, "%lld", (long long)before);
	if (run(c, "DECLARE uplift_orders NO SCROLL CURSOR FOR"
	    " SELECT s.shop, s.id, coalesce(sc.customer, 0), s.at, k.id"
	    " FROM uplift.sale s"
	    " JOIN uplift.sale_line l ON l.shop = s.shop AND l.order_id = s.id"
	    " JOIN uplift.sku k ON k.sku = l.sku"
	    " LEFT JOIN uplift.shop_customer sc ON sc.shop = s.shop"
	    " AND sc.id = s.customer"
	    " WHERE s.kind = 0 AND l.qty > 0 AND s.at < $1::bigint"
	    " ORDER BY s.at, s.shop, s.id, l.line", 1, p, NULL, cause,
	    "cannot read the chain's orders") != 0)
		goto out;
	for (;;) {
		if (run(c, "FETCH 20000 FROM uplift_orders", 0, NULL, &r, cause,
		    "cannot read the chain's orders") != 0)
			goto out;
		if ((n = PQntuples(r)) == 0) {
			PQclear(r);
			break;
		}
		for (i = 0; i < n; i++) {
			const char *shop = PQgetvalue(r, i, 0);
			int64_t oid = to_int(PQgetvalue(r, i, 1));

			/* an order's lines may run over two fetches */
			if (cur_shop == NULL || oid != cur_id ||
			    strcmp(shop, cur_shop) != 0) {
				if (cur_shop != NULL && nb > 0)
					baskets_add_meta(b, basket, nb, cust, at);
				nb = 0;
				free(cur_shop);
				cur_shop = xstrdup(shop);
				cur_id = oid;
				cust = to_int(PQgetvalue(r, i, 2));
				at = to_int(PQgetvalue(r, i, 3));
			}
			id = to_int(PQgetvalue(r, i, 4));
			if (id < 1 || id > maxid || dense[id] == UINT32_MAX)
				continue;
			if (nb == capb) {
				capb = capb ? 2 * capb : 64;
				basket = xreallocarray(basket, capb, sizeof *basket);
			}
			basket[nb++] = dense[id];
		}
		lines += n;
		PQclear(r);
		if (progress != NULL)
			progress(arg, lines);
	}
	if (cur_shop != NULL && nb > 0)
		baskets_add_meta(b, basket, nb, cust, at);
	if (run(c, "CLOSE uplift_orders", 0, NULL, NULL, cause,
	    "cannot read the chain's orders") != 0)
		goto out;
	rc = chain_commit(c, cause);
out:
	if (rc != 0)
		chain_rollback(c);
	free(cur_shop);
	free(dense);
	free(basket);
	return rc;
}

int
chain_model_put(struct chain *c, int64_t built, const void *data,
    size_t size, uint32_t orders, uint32_t items, char sha[72], char **cause)
{
	char b[32], sz[32], o[32], it[32];
	const char *p[5] = { b, (const char *)data, sz, o, it };
	int lens[5] = { 0, (int)size, 0, 0, 0 };
	int fmts[5] = { 0, 1, 0, 0, 0 };
	PGresult *r;

	if (size > 1024u * 1024 * 1024) {
		*cause = xstrdup("the model is too big to publish (over 1 GiB)");
		return -1;
	}
	snprintf(b, sizeof b, "%lld", (long long)built);
	snprintf(sz, sizeof sz, "%zu", size);
	snprintf(o, sizeof o, "%u", orders);
	snprintf(it, sizeof it, "%u", items);
	r = PQexecParams(c->conn, "INSERT INTO uplift.model(built, sha256,"
	    " size, orders, items, data) VALUES ($1::bigint,"
	    " encode(sha256($2::bytea), 'hex'), $3::bigint, $4::bigint,"
	    " $5::bigint, $2::bytea) RETURNING sha256", 5, NULL, p, lens, fmts,
	    0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		chain_fail(c, cause, "cannot publish the model", r);
		PQclear(r);
		return -1;
	}
	snprintf(sha, 72, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

/* ---- reports ----------------------------------------------------------------------- */

int
chain_offer_groups(struct chain *c, int by, int64_t from, int64_t to,
    struct offer_group **out, size_t *n, char **cause)
{
	static const char *const keys[] = {
		[OFFERS_BY_KIND] = "CASE WHEN o.reservation IS NOT NULL"
		    " THEN 'room' ELSE CASE o.kind WHEN 0 THEN 'upgrade'"
		    " WHEN 1 THEN 'bundle' WHEN 2 THEN 'refill'"
		    " WHEN 3 THEN 'seasonal' ELSE 'other' END END",
		[OFFERS_BY_CLERK] = "o.shop || '/' || coalesce(o.clerk, '-')",
		[OFFERS_BY_ITEM] = "coalesce(o.sku, o.room_type, '-')",
		[OFFERS_BY_DAY] = ("(date '1970-01-01' +"
		    " floor(o.at / 86400.0)::integer)::text"),
		[OFFERS_BY_REASON] = "coalesce(o.reason, 0)::text",
		[OFFERS_BY_HOTEL] = "coalesce(o.hotel, '-')",
		[OFFERS_BY_SHOP] = "o.shop",
	};
	char f[32], t[32], *sql;
	const char *p[2] = { f, t };
	PGresult *r;
	int i, k;

	*out = NULL;
	*n = 0;
	if (by < 0 || by > OFFERS_BY_SHOP) {
		*cause = xstrdup("no such grouping of the offer log");
		return -1;
	}
	snprintf(f, sizeof f, "%lld", (long long)from);
	snprintf(t, sizeof t, "%lld", (long long)to);
	sql = xasprintf("SELECT %s AS k,"
	    " sum(CASE WHEN o.outcome = 0 OR (o.outcome IN (1, 2) AND"
	    "  o.reservation IS NOT NULL) THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 2 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 THEN o.price_diff ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 THEN coalesce(o.nights, 0)"
	    "  ELSE 0 END)"
	    " FROM uplift.offer o WHERE o.training = 0 AND o.at >= $1::bigint"
	    " AND o.at < $2::bigint%s%s GROUP BY 1 ORDER BY (%s) COLLATE \"C\"",
	    keys[by], by == OFFERS_BY_REASON ? " AND o.outcome = 2" : "",
	    by == OFFERS_BY_HOTEL ? " AND o.reservation IS NOT NULL" : "",
	    keys[by]);
	k = run(c, sql, 2, p, &r, cause, "cannot read the chain's offers");
	free(sql);
	if (k != 0)
		return -1;
	k = PQntuples(r);
	*out = xcalloc(k > 0 ? (size_t)k : 1, sizeof **out);
	for (i = 0; i < k; i++) {
		struct offer_group *g = &(*out)[i];

		g->key = xstrdup(PQgetvalue(r, i, 0));
		g->shown = to_int(PQgetvalue(r, i, 1));
		g->accepted = to_int(PQgetvalue(r, i, 2));
		g->declined = to_int(PQgetvalue(r, i, 3));
		g->revenue = to_int(PQgetvalue(r, i, 4));
		g->nights = to_int(PQgetvalue(r, i, 5));
	}
	*n = (size_t)k;
	PQclear(r);
	return 0;
}

int
chain_basket_averages(struct chain *c, int64_t from, int64_t to,
    struct basket_average *with, struct basket_average *without,
    char **cause)
{
	char f[32], t[32];
	const char *p[2] = { f, t };
	PGresult *r;
	int i;

	memset(with, 0, sizeof *with);
	memset(without, 0, sizeof *without);
	snprintf(f, sizeof f, "%lld", (long long)from);
	snprintf(t, sizeof t, "%lld", (long long)to);
	if (run(c, "SELECT s.offer_taken, count(DISTINCT (s.shop, s.id)),"
	    " coalesce(sum(l.qty * l.unit_price), 0) FROM uplift.sale s"
	    " JOIN uplift.sale_line l ON l.shop = s.shop AND l.order_id = s.id"
	    " WHERE s.source = 'counter' AND s.kind = 0 AND s.at >= $1::bigint"
	    " AND s.at < $2::bigint GROUP BY s.offer_taken", 2, p, &r, cause,
	    "cannot read the chain's sales") != 0)
		return -1;
	for (i = 0; i < PQntuples(r); i++) {
		struct basket_average *b = to_int(PQgetvalue(r, i, 0)) ? with :
		    without;

		b->orders = to_int(PQgetvalue(r, i, 1));
		b->total = to_int(PQgetvalue(r, i, 2));
	}
	PQclear(r);
	return 0;
}

int
chain_variant_counts(struct chain *c, int64_t from, int64_t to,
    struct variant_count **out, size_t *n, char **cause)
{
	char f[32], t[32], *p8;
	const char *p[2] = { f, t };
	struct variant_count *v;
	PGresult *r;
	size_t bytes = 0, k, i, len;

	*out = NULL;
	*n = 0;
	snprintf(f, sizeof f, "%lld", (long long)from);
	snprintf(t, sizeof t, "%lld", (long long)to);
	if (run(c, "SELECT variant, sum(CASE WHEN outcome = 0 THEN 1 ELSE 0"
	    " END), sum(CASE WHEN outcome = 1 THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN outcome = 2 THEN 1 ELSE 0 END) FROM uplift.offer"
	    " WHERE training = 0 AND variant IS NOT NULL AND variant <> ''"
	    " AND at >= $1::bigint AND at < $2::bigint GROUP BY variant"
	    " ORDER BY variant COLLATE \"C\"", 2, p, &r, cause,
	    "cannot read the chain's offers") != 0)
		return -1;
	k = (size_t)PQntuples(r);
	for (i = 0; i < k; i++)
		bytes += strlen(PQgetvalue(r, (int)i, 0)) + 1;
	if (k > 0) {
		v = xmalloc(k * sizeof *v + bytes);
		p8 = (char *)(v + k);
		for (i = 0; i < k; i++) {
			len = strlen(PQgetvalue(r, (int)i, 0)) + 1;
			memcpy(p8, PQgetvalue(r, (int)i, 0), len);
			v[i].variant = p8;
			v[i].shown = to_int(PQgetvalue(r, (int)i, 1));
			v[i].accepted = to_int(PQgetvalue(r, (int)i, 2));
			v[i].declined = to_int(PQgetvalue(r, (int)i, 3));
			p8 += len;
		}
		*out = v;
		*n = k;
	}
	PQclear(r);
	return 0;
}
