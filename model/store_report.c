/*
 * store_report.c — what the store reports: counts, the average basket
 * with and without an offer, the offer log grouped and by script
 * variant, and `uplift check` (integrity, schema, audit chain, roles).
 */
#include "model/store_report.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_impl.h"
#include "model/store_staff.h"
#include "model/text.h"
#include "model/xalloc.h"

int
store_stats(struct store *s, struct store_stats *st, char **cause)
{
	static const struct {
		enum stmt_id q;
		size_t       off;
	} q[] = {
		{ Q_N_CUSTOMERS, offsetof(struct store_stats, customers) },
		{ Q_N_ITEMS, offsetof(struct store_stats, items) },
		{ Q_N_ORDERS, offsetof(struct store_stats, orders) },
		{ Q_N_LINES, offsetof(struct store_stats, order_lines) },
		{ Q_N_HOTELS, offsetof(struct store_stats, hotels) },
		{ Q_N_ROOM_TYPES, offsetof(struct store_stats, room_types) },
		{ Q_N_ROOMS, offsetof(struct store_stats, rooms) },
		{ Q_N_RESERVATIONS, offsetof(struct store_stats, reservations) },
		{ Q_N_OFFERS, offsetof(struct store_stats, offers) },
	};
	sqlite3_stmt *c;
	size_t i;
	int64_t v;
	int rc;

	memset(st, 0, sizeof *st);
	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		if ((c = store_stmt_get(s, q[i].q)) == NULL)
			return store_fail(s, cause, "cannot count");
		v = -1;
		if ((rc = sqlite3_step(c)) == SQLITE_ROW)
			v = sqlite3_column_int64(c, 0);
		store_end(s, c);
		if (rc != SQLITE_ROW || v < 0)
			return store_fail(s, cause, "cannot count");
		*(int64_t *)(void *)((char *)st + q[i].off) = v;
	}
	return 0;
}

static void
offer_group_row(sqlite3_stmt *st, void *p)
{
	struct offer_group *g = p;

	g->key = col_text(st, 0);
	g->shown = sqlite3_column_int64(st, 1);
	g->accepted = sqlite3_column_int64(st, 2);
	g->declined = sqlite3_column_int64(st, 3);
	g->revenue = sqlite3_column_int64(st, 4);
	g->nights = sqlite3_column_int64(st, 5);
}

static void
offer_group_clear(void *p)
{
	free(((struct offer_group *)p)->key);
}

int
store_basket_averages(struct store *s, int64_t from, int64_t to,
    struct basket_average *with, struct basket_average *without,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(with, 0, sizeof *with);
	memset(without, 0, sizeof *without);
	if ((st = store_stmt_get(s, Q_BASKET_AVG)) == NULL)
		return store_fail(s, cause, "cannot read the sales");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct basket_average *b = sqlite3_column_int(st, 0) ? with :
		    without;
		b->orders = sqlite3_column_int64(st, 1);
		b->total = sqlite3_column_int64(st, 2);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the sales");
	return 0;
}

int
store_offer_groups(struct store *s, int by, int64_t from, int64_t to,
    struct offer_group **out, size_t *n, char **cause)
{
	/* an offer at the counter is its "shown" row; one at the desk too
	 * (the desk logs one a visit), and an answer at the desk counts as
	 * shown itself when no shown row of that offer to the stay came
	 * before it (an answer given on the command line, or before the
	 * desk logged what it showed) */
	static const char *const keys[] = {
		[OFFERS_BY_KIND] = OFFERS_KIND_SQL("o.addon_id", "o.reservation_id",
		    "o.kind"),
		[OFFERS_BY_CLERK] = "coalesce(c.name, '-')",
		[OFFERS_BY_ITEM] = "coalesce(i.sku, t.code, a.code, '-')",
		[OFFERS_BY_DAY] = "date(o.at, 'unixepoch')",
		[OFFERS_BY_REASON] = "coalesce(o.reason, 0)",
		[OFFERS_BY_HOTEL] = "coalesce(h.name, '-') || CASE WHEN"
		    " o.addon_id IS NOT NULL THEN ' · ' || coalesce(a.name,"
		    " '?') ELSE '' END",
	};
	char *sql;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (by < 0 || by > OFFERS_BY_HOTEL) {
		*cause = xstrdup("no such grouping of the offer log");
		return -1;
	}
	sql = xasprintf("SELECT %s AS k,"
	    " sum(o.outcome = 0 OR (o.outcome IN (1, 2) AND"
	    "  o.reservation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
	    "  offer s WHERE s.reservation_id = o.reservation_id"
	    "  AND s.id < o.id AND s.outcome = 0 AND s.training = o.training"
	    "  AND s.room_type_id IS o.room_type_id"
	    "  AND s.addon_id IS o.addon_id))),"
	    " sum(o.outcome = 1 AND o.undone IS NULL),"
	    " sum(o.outcome = 2 AND o.undone IS NULL),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL"
	    "  THEN o.price_diff ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL"
	    "  AND o.addon_id IS NULL THEN coalesce(r.nights, 0) ELSE 0 END)"
	    " FROM offer o LEFT JOIN clerk c ON c.id = o.clerk_id"
	    " LEFT JOIN item i ON i.id = o.item_id"
	    " LEFT JOIN room_type t ON t.id = o.room_type_id"
	    " LEFT JOIN reservation r ON r.id = o.reservation_id"
	    " LEFT JOIN hotel h ON h.id = r.hotel_id"
	    " LEFT JOIN addon a ON a.id = o.addon_id"
	    " WHERE o.training = 0 AND o.at >= ?1 AND o.at < ?2%s%s"
	    " GROUP BY k ORDER BY k", keys[by],
	    by == OFFERS_BY_REASON ? " AND o.outcome = 2" : "",
	    by == OFFERS_BY_HOTEL ? " AND o.reservation_id IS NOT NULL" : "");
	rc = store_prepare(s->db, sql, &st);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(s, cause, "cannot read the offer log");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	return store_collect(s, st, sizeof **out, offer_group_row,
	    offer_group_clear, (void **)out, n, cause,
	    "cannot read the offer log");
}

void
store_offer_groups_free(struct offer_group **g, size_t n)
{
	store_rows_free(g, n, sizeof **g, offer_group_clear);
}

int
store_variant_counts(struct store *s, int64_t from, int64_t to,
    struct variant_count **out, size_t *n, char **cause)
{
	struct variant_count *tmp = NULL, *v;
	sqlite3_stmt *st;
	size_t cnt = 0, cap = 0, bytes = 0, len, i;
	const char *text;
	char *p;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = store_stmt_get(s, Q_VARIANTS)) == NULL)
		return store_fail(s, cause, "cannot read offers");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	/* Rows first (each string its own copy), then one packed block. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? 2 * cap : 16;
			tmp = xreallocarray(tmp, cap, sizeof *tmp);
		}
		text = (const char *)sqlite3_column_text(st, 0);
		tmp[cnt].variant = xstrdup(text != NULL ? text : "");
		tmp[cnt].shown = sqlite3_column_int64(st, 1);
		tmp[cnt].accepted = sqlite3_column_int64(st, 2);
		tmp[cnt].declined = sqlite3_column_int64(st, 3);
		bytes += strlen(tmp[cnt].variant) + 1;
		cnt++;
	}
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		for (i = 0; i < cnt; i++)
			free((char *)tmp[i].variant);
		free(tmp);
		return store_fail(s, cause, "cannot read offers");
	}
	if (cnt > 0) {
		v = xmalloc(cnt * sizeof *v + bytes);
		p = (char *)(v + cnt);
		for (i = 0; i < cnt; i++) {
			len = strlen(tmp[i].variant) + 1;
			memcpy(p, tmp[i].variant, len);
			free((char *)tmp[i].variant);
			v[i] = tmp[i];
			v[i].variant = p;
			p += len;
		}
		*out = v;
		*n = cnt;
	}
	free(tmp);
	return 0;
}

/* Say one problem; count it. */
static void
problem(store_problem_fn fn, void *arg, int *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(store_problem_fn fn, void *arg, int *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fn(arg, msg);
	free(msg);
	(*n)++;
}

static void
noop_upgrade(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

/* The schema uplift's migrations make, in a database in memory. */
static int
reference_schema(sqlite3 **out)
{
	sqlite3 *db = NULL;
	int i;

	*out = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "uplift_upgrade_14", 0, SQLITE_UTF8,
	    NULL, noop_upgrade, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	for (i = 0; i < store_nmigrations; i++)
		if (sqlite3_exec(db, store_migrations[i], NULL, NULL, NULL) !=
		    SQLITE_OK) {
			sqlite3_close(db);
			return -1;
		}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	*out = db;
	return 0;
}

/* Compare the schema with the reference: every object uplift makes must
 * be there as made, and nothing else. */
static int
verify_schema(struct store *s, store_problem_fn fn, void *arg, int *n,
    char **cause)
{
	sqlite3 *ref;
	sqlite3_stmt *a, *b, *find;
	int rc;

	if (reference_schema(&ref) != 0) {
		*cause = xstrdup("cannot build the reference schema");
		return -1;
	}
	/* what uplift makes, looked for in the database */
	if (store_prepare(ref, stmt_sql[Q_SCHEMA_LIST], &a) != SQLITE_OK ||
	    (find = store_stmt_get(s, Q_SCHEMA_FIND)) == NULL) {
		sqlite3_close(ref);
		return store_fail(s, cause, "cannot read the schema");
	}
	while (sqlite3_step(a) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(a, 0);
		const char *name = (const char *)sqlite3_column_text(a, 1);
		const char *sql = (const char *)sqlite3_column_text(a, 2);

		sqlite3_reset(find);
		bind_text(find, 1, name);
		if ((rc = sqlite3_step(find)) != SQLITE_ROW)
			problem(fn, arg, n, "%s %s is missing%s", type, name,
			    strncmp(name, "audit_", 6) == 0 ? " (a guard of "
			    "the audit log: dropped outside uplift)" : "");
		else if (strcmp((const char *)sqlite3_column_text(find, 0),
		    type) != 0 || strcmp((const char *)
		    sqlite3_column_text(find, 1), sql) != 0)
			problem(fn, arg, n, "%s %s is not as uplift made it",
			    type, name);
	}
	sqlite3_finalize(a);
	store_end(s, find);
	/* and nothing else */
	if ((b = store_stmt_get(s, Q_SCHEMA_LIST)) == NULL ||
	    store_prepare(ref, "SELECT 1 FROM sqlite_schema WHERE name = ?1",
	    &find) != SQLITE_OK) {
		sqlite3_close(ref);
		return store_fail(s, cause, "cannot read the schema");
	}
	while (sqlite3_step(b) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(b, 1);
		char *clean;

		sqlite3_reset(find);
		sqlite3_bind_text(find, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(find) != SQLITE_ROW) {
			clean = text_cleans(name, 60);
			problem(fn, arg, n, "%s %s was added outside uplift",
			    (const char *)sqlite3_column_text(b, 0), clean);
			free(clean);
		}
	}
	store_end(s, b);
	sqlite3_finalize(find);
	sqlite3_close(ref);
	return 0;
}

/* The audit chain: ids from 1 with no gap, each prev the hash of the row
 * before, each hash its contents', the last row the head in meta. */
static int
verify_audit(struct store *s, store_problem_fn fn, void *arg, int *n,
    int64_t *rows, char **cause)
{
	sqlite3_stmt *st;
	char prev[HASH_HEX] = "", hash[HASH_HEX], head[HASH_HEX + 32];
	int64_t id, expect = 1, head_id = 0;
	int rc, gap;

	*rows = 0;
	if ((st = store_stmt_get(s, Q_AUDIT_ALL)) == NULL)
		return store_fail(s, cause, "cannot read the audit log");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rp = (const char *)sqlite3_column_text(st, 6);
		const char *rh = (const char *)sqlite3_column_text(st, 7);

		id = sqlite3_column_int64(st, 0);
		(*rows)++;
		gap = id != expect;
		if (id == expect + 1)
			problem(fn, arg, n, "audit row %lld is missing (deleted)",
			    (long long)expect);
		else if (id > expect)
			problem(fn, arg, n, "audit rows %lld to %lld are missing "
			    "(deleted)", (long long)expect, (long long)(id - 1));
		store_audit_hash(rp != NULL ? rp : "", id,
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5), hash);
		if (rh == NULL || rp == NULL)
			problem(fn, arg, n, "audit row %lld has no hash: it was "
			    "added outside uplift", (long long)id);
		else if (strcmp(hash, rh) != 0)
			problem(fn, arg, n, "audit row %lld was changed after "
			    "it was written (its hash does not match what it "
			    "says)", (long long)id);
		else if (!gap && strcmp(rp, prev) != 0)
			problem(fn, arg, n, "audit row %lld does not follow "
			    "the row before it (the chain is broken there)",
			    (long long)id);
		snprintf(prev, sizeof prev, "%s", rh != NULL ? rh : "");
		expect = id + 1;
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the audit log");
	/* the head: the last row uplift wrote */
	if (store_meta_text(s, "audit_head", head, sizeof head) != 0) {
		if (*rows > 0)
			problem(fn, arg, n, "the audit log's head is missing "
			    "from meta (removed outside uplift)");
		return 0;
	}
	head_id = strtoll(head, NULL, 10);
	if (head_id == expect)
		problem(fn, arg, n, "audit row %lld, the last one written, is "
		    "missing (deleted)", (long long)expect);
	else if (head_id > expect)
		problem(fn, arg, n, "audit rows %lld to %lld, the last ones "
		    "written, are missing (deleted)", (long long)expect,
		    (long long)head_id);
	else if (head_id < expect - 1)
		problem(fn, arg, n, "audit rows after row %lld were not written "
		    "by uplift", (long long)head_id);
	else if (strchr(head, ' ') == NULL || strcmp(strchr(head, ' ') + 1,
	    prev) != 0)
		problem(fn, arg, n, "audit row %lld is not the row uplift "
		    "wrote last", (long long)head_id);
	return 0;
}

/* Each clerk's role must be the one the audit log last gave them
 * (staff-add, role-change, pin-change: "NAME: role"); a clerk the
 * console signed up without one is a clerk. */
static int
verify_roles(struct store *s, store_problem_fn fn, void *arg, int *n,
    char **cause)
{
	sqlite3_stmt *st, *last;
	int rc;

	if ((st = store_stmt_get(s, Q_CLERK_ROLES)) == NULL ||
	    (last = store_stmt_get(s, Q_AUDIT_ROLE)) == NULL)
		return store_fail(s, cause, "cannot read the staff");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int role = sqlite3_column_int(st, 1), want = CLERK_CLERK;
		int64_t row = 0;
		const char *subj, *r;
		char *clean;
		static const char *const names[] = { "trainee", "clerk",
		    "manager" };

		sqlite3_reset(last);
		bind_text(last, 1, name);
		if (sqlite3_step(last) == SQLITE_ROW) {
			row = sqlite3_column_int64(last, 0);
			subj = (const char *)sqlite3_column_text(last, 1);
			r = strrchr(subj, ' ');
			r = r != NULL ? r + 1 : "";
			want = strcmp(r, "manager") == 0 ? CLERK_MANAGER :
			    strcmp(r, "trainee") == 0 ? CLERK_TRAINEE :
			    CLERK_CLERK;
		}
		if (role != want) {
			clean = text_cleans(name, 40);
			if (row > 0)
				problem(fn, arg, n, "clerk %s is a %s, but the "
				    "audit log last made them a %s (row %lld): "
				    "the role was changed outside uplift", clean,
				    role >= 0 && role <= 2 ? names[role] : "?",
				    names[want], (long long)row);
			else
				problem(fn, arg, n, "clerk %s is a %s, but no "
				    "audit row gave them that role: it was "
				    "changed outside uplift", clean,
				    role >= 0 && role <= 2 ? names[role] : "?");
			free(clean);
		}
	}
	store_end(s, st);
	store_end(s, last);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the staff");
	return 0;
}

int
store_verify(struct store *s, store_problem_fn fn, void *arg,
    int64_t *rows, char **cause)
{
	sqlite3_stmt *st;
	int n = 0, rc;

	*rows = 0;
	if ((st = store_stmt_get(s, Q_INTEGRITY)) == NULL)
		return store_fail(s, cause, "cannot check the database");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t != NULL && strcmp(t, "ok") != 0)
			problem(fn, arg, &n, "integrity: %s", t);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot check the database");
	if (verify_schema(s, fn, arg, &n, cause) != 0 ||
	    verify_audit(s, fn, arg, &n, rows, cause) != 0 ||
	    verify_roles(s, fn, arg, &n, cause) != 0)
		return -1;
	return n;
}
