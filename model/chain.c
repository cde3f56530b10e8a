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
#include "model/chain_int.h"

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

int
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
int
chain_run(struct chain *c, const char *sql, int n, const char *const *params,
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
int
chain_run_value(struct chain *c, const char *sql, int n, const char *const *params,
    char **out, char **cause, const char *what)
{
	PGresult *r;

	*out = NULL;
	if (chain_run(c, sql, n, params, &r, cause, what) != 0)
		return -1;
	if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		*out = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return *out != NULL;
}

int64_t
chain_to_int(const char *v)
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

	if (chain_pq_load(why) != 0)
		return -1;
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
	if (chain_pq_load(cause) != 0)
		return -1;
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
	rc = chain_run_value(c, "SELECT CASE WHEN to_regclass('uplift.migration')"
	    " IS NULL THEN '0' END", 0, NULL, &v, cause,
	    "cannot read the schema version");
	if (rc < 0)
		return -1;
	free(v);
	if (rc == 1)
		return 0;               /* no schema yet */
	rc = chain_run_value(c, "SELECT coalesce(max(version), 0) FROM"
	    " uplift.migration", 0, NULL, &v, cause,
	    "cannot read the schema version");
	if (rc < 0)
		return -1;
	*version = (int)chain_to_int(v);
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
	if (chain_run(c, "CREATE SCHEMA IF NOT EXISTS uplift", 0, NULL, NULL, cause,
	    "cannot make the schema (connect as the chain's owner)") != 0 ||
	    chain_run(c, "CREATE TABLE IF NOT EXISTS uplift.migration(version"
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
		if (chain_run(c, "LOCK TABLE uplift.migration IN EXCLUSIVE MODE", 0,
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
		if (chain_run(c, "INSERT INTO uplift.migration(version) VALUES"
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
	if (chain_run(c, "INSERT INTO uplift.chain_shop(code, role) VALUES ($1, $2)",
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
	if (chain_run(c, "SELECT code, role, to_char(last_sync AT TIME ZONE 'UTC',"
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
		s->last_up = chain_to_int(PQgetvalue(r, i, 3));
		s->last_down = chain_to_int(PQgetvalue(r, i, 4));
		s->last_seconds = strtod(PQgetvalue(r, i, 5), NULL);
		s->syncs = chain_to_int(PQgetvalue(r, i, 6));
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
	if (chain_run(c, "SELECT chain, currency, scale, shop, code_key FROM"
	    " uplift.hello()", 0, NULL, &r, cause, "cannot greet the server")
	    != 0)
		return -1;
	snprintf(h->chain_id, sizeof h->chain_id, "%s", PQgetvalue(r, 0, 0));
	snprintf(h->currency, sizeof h->currency, "%s", PQgetvalue(r, 0, 1));
	h->scale = (int)chain_to_int(PQgetvalue(r, 0, 2));
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
	rc = chain_run_value(c, "SELECT pg_try_advisory_lock(hashtext('uplift-sync:'"
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
	if (chain_run(c, "SELECT currency, scale FROM uplift.claim_currency($1,"
	    " $2::integer)", 2, p, &r, cause, "cannot agree on the currency")
	    != 0)
		return -1;
	snprintf(cur, 4, "%s", PQgetvalue(r, 0, 0));
	*scale = (int)chain_to_int(PQgetvalue(r, 0, 1));
	PQclear(r);
	return 0;
}

int
chain_begin(struct chain *c, char **cause)
{
	return chain_run(c, "BEGIN", 0, NULL, NULL, cause, "cannot begin");
}

int
chain_commit(struct chain *c, char **cause)
{
	if (chain_run(c, "COMMIT", 0, NULL, NULL, cause, "COMMIT failed") != 0) {
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
char *
chain_array_of(const struct sync_rows *r, size_t col)
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
char *
chain_unnest_of(const struct sync_col *cols, size_t n, int first)
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
char *
chain_names_of(const struct sync_col *cols, size_t n, const char *prefix,
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
const char **
chain_params_of(const struct sync_rows *r, const char *shop, int *np)
{
	const char **p = xcalloc(r->ncols + 1, sizeof *p);
	size_t i;
	int k = 0;

	if (shop != NULL)
		p[k++] = shop;
	for (i = 0; i < r->ncols; i++)
		p[k++] = chain_array_of(r, i);
	*np = k;
	return p;
}

void
chain_params_free(const char **p, int np, int first)
{
	int i;

	for (i = first; i < np; i++)
		free((char *)p[i]);
	free(p);
}
