/*
 * store_sync.c — the SQLite side of the chain's synchronisation
 * (store_sync.h): the local schema, the lists of what goes up with their
 * local SQL, reading and acknowledging, applying what came down.
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

/* ---- schema 9 -------------------------------------------------------------- */

/* The columns of an item the chain's catalogue decides (not stock). */
#define ITEM_CHANGES \
	"(NEW.sku IS NOT OLD.sku OR NEW.name IS NOT OLD.name" \
	" OR NEW.category IS NOT OLD.category OR NEW.family IS NOT OLD.family" \
	" OR NEW.tier IS NOT OLD.tier OR NEW.brand_tier IS NOT OLD.brand_tier" \
	" OR NEW.price IS NOT OLD.price OR NEW.barcode IS NOT OLD.barcode" \
	" OR NEW.season_start IS NOT OLD.season_start" \
	" OR NEW.season_end IS NOT OLD.season_end" \
	" OR NEW.refill_days IS NOT OLD.refill_days" \
	" OR NEW.benefit IS NOT OLD.benefit OR NEW.kind IS NOT OLD.kind)"

/* A customer's record (erasure apart). */
#define CUSTOMER_CHANGES \
	"(NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name" \
	" OR NEW.phone IS NOT OLD.phone OR NEW.email IS NOT OLD.email" \
	" OR NEW.loyalty IS NOT OLD.loyalty OR NEW.lang IS NOT OLD.lang" \
	" OR NEW.segment IS NOT OLD.segment OR NEW.country IS NOT OLD.country" \
	" OR NEW.consent IS NOT OLD.consent)"

#define NOT_WRITER "NOT EXISTS (SELECT 1 FROM chain_writer)"
#define IN_CHAIN "EXISTS (SELECT 1 FROM chain_state WHERE key = 'shop')"
#define CHAINS(tbl, idexpr) \
	"EXISTS (SELECT 1 FROM chain_link WHERE tbl = '" tbl "' AND id = " \
	idexpr " AND own = 0)"
#define CHANGED(tbl) \
	"INSERT OR REPLACE INTO chain_changed(tbl, id, seq) VALUES ('" tbl \
	"', NEW.id, coalesce((SELECT max(seq) FROM chain_changed), 0) + 1);"
#define REFUSE(what) "SELECT RAISE(ABORT, '" what "');"

const char store_sync_schema[] =
	"CREATE TABLE chain_mark(name TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE chain_state(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE chain_link("
	"  tbl TEXT NOT NULL, id INTEGER NOT NULL,"
	"  chain_id INTEGER NOT NULL,"
	"  own INTEGER NOT NULL DEFAULT 0,"
	"  sent INTEGER NOT NULL DEFAULT 0,"
	"  linked INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (tbl, id)) WITHOUT ROWID;"
	"CREATE INDEX chain_link_chain ON chain_link(tbl, chain_id);"
	"CREATE TABLE chain_changed("
	"  tbl TEXT NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL,"
	"  PRIMARY KEY (tbl, id)) WITHOUT ROWID;"
	"CREATE INDEX chain_changed_seq ON chain_changed(seq);"
	"CREATE TABLE chain_sku(chain_id INTEGER PRIMARY KEY, sku TEXT NOT NULL);"
	"CREATE TABLE chain_category(name TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE chain_writer(pid INTEGER);"
	/* rows changed after they went up */
	"CREATE TRIGGER chain_offer_changed AFTER UPDATE OF reason ON offer"
	"  WHEN NEW.reason IS NOT OLD.reason AND " IN_CHAIN
	"  BEGIN " CHANGED("offer") " END;"
	"CREATE TRIGGER chain_orders_changed AFTER UPDATE OF offer_taken"
	"  ON orders WHEN NEW.offer_taken IS NOT OLD.offer_taken AND " IN_CHAIN
	"  BEGIN " CHANGED("orders") " END;"
	"CREATE TRIGGER chain_item_changed AFTER UPDATE ON item"
	"  WHEN " IN_CHAIN " AND NOT " CHAINS("item", "NEW.id") " AND"
	"  (NEW.name IS NOT OLD.name OR NEW.category IS NOT OLD.category"
	"  OR NEW.kind IS NOT OLD.kind OR NEW.price IS NOT OLD.price)"
	"  BEGIN " CHANGED("item") " END;"
	"CREATE TRIGGER chain_customer_changed AFTER UPDATE ON customer"
	"  WHEN NEW.erased = 0 AND " NOT_WRITER " AND " CUSTOMER_CHANGES
	"  AND EXISTS (SELECT 1 FROM chain_link WHERE tbl = 'customer'"
	"  AND id = NEW.id AND own = 1)"
	"  BEGIN " CHANGED("customer") " END;"
	/* the chain's data is changed by uplift sync only */
	"CREATE TRIGGER chain_item_owned BEFORE UPDATE ON item"
	"  WHEN " NOT_WRITER " AND " CHAINS("item", "OLD.id")
	"  AND " ITEM_CHANGES
	"  BEGIN " REFUSE("this item is in the chain''s catalogue: change it"
	" at the head office (uplift chain publish); uplift sync brings it"
	" here") " END;"
	"CREATE TRIGGER chain_benefit_owned BEFORE INSERT ON item_benefit"
	"  WHEN " NOT_WRITER " AND " CHAINS("item", "NEW.item_id")
	"  AND NOT EXISTS (SELECT 1 FROM item_benefit WHERE item_id ="
	"  NEW.item_id AND lang = NEW.lang AND text = NEW.text)"
	"  BEGIN " REFUSE("this item is in the chain''s catalogue: its"
	" benefit lines come from the head office with uplift sync") " END;"
	"CREATE TRIGGER chain_benefit_kept BEFORE DELETE ON item_benefit"
	"  WHEN " NOT_WRITER " AND " CHAINS("item", "OLD.item_id")
	"  BEGIN " REFUSE("this item is in the chain''s catalogue: its"
	" benefit lines come from the head office with uplift sync") " END;"
	"CREATE TRIGGER chain_bundle_owned BEFORE UPDATE ON bundle"
	"  WHEN " NOT_WRITER " AND " CHAINS("bundle", "OLD.id")
	"  AND (NEW.name IS NOT OLD.name OR NEW.price IS NOT OLD.price)"
	"  BEGIN " REFUSE("this bundle is the chain''s: change it at the head"
	" office (uplift chain publish); uplift sync brings it here") " END;"
	"CREATE TRIGGER chain_bundle_items BEFORE DELETE ON bundle_item"
	"  WHEN " NOT_WRITER " AND " CHAINS("bundle", "OLD.bundle_id")
	"  BEGIN " REFUSE("this bundle is the chain''s: change it at the head"
	" office (uplift chain publish); uplift sync brings it here") " END;"
	"CREATE TRIGGER chain_script_owned BEFORE DELETE ON script"
	"  WHEN " NOT_WRITER " AND " CHAINS("script", "OLD.id")
	"  BEGIN " REFUSE("these talking points are the chain''s: change them"
	" at the head office (uplift chain publish); uplift sync brings them"
	" here") " END;"
	"CREATE TRIGGER chain_script_kept BEFORE UPDATE ON script"
	"  WHEN " NOT_WRITER " AND " CHAINS("script", "OLD.id")
	"  BEGIN " REFUSE("these talking points are the chain''s: change them"
	" at the head office (uplift chain publish); uplift sync brings them"
	" here") " END;"
	"CREATE TRIGGER chain_category_owned BEFORE UPDATE ON category"
	"  WHEN " NOT_WRITER " AND NEW.refill_days IS NOT OLD.refill_days"
	"  AND EXISTS (SELECT 1 FROM chain_category WHERE name = OLD.name)"
	"  BEGIN " REFUSE("this category is the chain''s: change it at the"
	" head office (uplift chain publish); uplift sync brings it here")
	" END;"
	"CREATE TRIGGER chain_customer_owned BEFORE UPDATE ON customer"
	"  WHEN " NOT_WRITER " AND NEW.erased = OLD.erased"
	"  AND " CHAINS("customer", "OLD.id") " AND " CUSTOMER_CHANGES
	"  BEGIN " REFUSE("this customer is the chain''s (made at another"
	" shop): their record is changed where it was made, and comes here"
	" with uplift sync") " END;"
	"CREATE TRIGGER chain_model_insert BEFORE INSERT ON model"
	"  WHEN " NOT_WRITER " AND EXISTS (SELECT 1 FROM chain_state"
	"  WHERE key = 'model:' || NEW.name)"
	"  BEGIN " REFUSE("the model is the chain''s: it is mined at the head"
	" office (uplift rebuild --chain) and comes with uplift sync") " END;"
	"CREATE TRIGGER chain_model_update BEFORE UPDATE ON model"
	"  WHEN " NOT_WRITER " AND EXISTS (SELECT 1 FROM chain_state"
	"  WHERE key = 'model:' || OLD.name)"
	"  BEGIN " REFUSE("the model is the chain''s: it is mined at the head"
	" office (uplift rebuild --chain) and comes with uplift sync") " END;"
	"CREATE TRIGGER chain_model_delete BEFORE DELETE ON model"
	"  WHEN " NOT_WRITER " AND EXISTS (SELECT 1 FROM chain_state"
	"  WHERE key = 'model:' || OLD.name)"
	"  BEGIN " REFUSE("the model is the chain''s: it is mined at the head"
	" office (uplift rebuild --chain) and comes with uplift sync") " END;";

/* ---- what goes up ------------------------------------------------------------ */

#define K  SYNC_KEY
#define M  SYNC_MUTABLE
#define I  SYNC_IDENT

static const struct sync_col item_cols[] = {
	{ "id", "bigint", K | I, "t.id" },
	{ "sku", "text", I, "t.sku" },
	{ "name", "text", M, "t.name" },
	{ "category", "text", M, "t.category" },
	{ "kind", "integer", M, "t.kind" },
	{ "price", "bigint", M, "t.price" },
};

static const struct sync_col sale_cols[] = {
	{ "id", "bigint", K | I, "t.id" },
	{ "code", "text", I, "t.code" },
	{ "customer", "bigint", 0, "t.customer_id" },
	{ "at", "bigint", I, "t.at" },
	{ "kind", "integer", I, "t.kind" },
	{ "country", "text", 0, "t.country" },
	{ "source", "text", 0, "t.source" },
	{ "offer_taken", "integer", M, "t.offer_taken" },
};

static const struct sync_col line_cols[] = {
	{ "order_id", "bigint", K | I, "t.order_id" },
	{ "line", "integer", K | I, "t.line" },
	{ "sku", "text", I, "i.sku" },
	{ "qty", "bigint", I, "t.qty" },
	{ "unit_price", "bigint", I, "t.unit_price" },
	{ "descr", "text", 0, "t.descr" },
};

static const struct sync_col offer_cols[] = {
	{ "id", "bigint", K | I, "t.id" },
	{ "at", "bigint", I, "t.at" },
	{ "clerk", "text", 0, "c.name" },
	{ "counter", "text", 0, "t.counter" },
	{ "customer", "bigint", 0, "t.customer_id" },
	{ "sku", "text", 0, "i.sku" },
	{ "kind", "integer", I, "t.kind" },
	{ "price_diff", "bigint", I, "t.price_diff" },
	{ "outcome", "integer", I, "t.outcome" },
	{ "reason", "integer", M, "t.reason" },
	{ "variant", "text", 0, "t.variant" },
	{ "training", "integer", 0, "t.training" },
	{ "hotel", "text", 0, "h.name" },
	{ "reservation", "text", 0, "r.code" },
	{ "nights", "integer", 0, "r.nights" },
	{ "room_type", "text", 0, "rt.code" },
};

static const struct sync_col addon_cols[] = {
	{ "id", "bigint", K | I, "t.id" },
	{ "hotel", "text", 0, "h.name" },
	{ "reservation", "text", I, "r.code" },
	{ "customer", "bigint", 0, "r.guest_id" },
	{ "addon", "text", I, "a.code" },
	{ "day", "bigint", I, "t.day" },
	{ "days", "integer", 0, "t.days" },
	{ "units", "integer", 0, "t.units" },
	{ "total", "bigint", I, "t.total" },
};

static const struct sync_col audit_cols[] = {
	{ "id", "bigint", K | I, "t.id" },
	{ "at", "bigint", I, "t.at" },
	{ "clerk", "text", 0, "c.name" },
	{ "action", "text", I, "t.action" },
	{ "subject", "text", 0, "t.subject" },
	{ "detail", "text", 0, "t.detail" },
	{ "prev", "text", 0, "t.prev" },
	{ "hash", "text", I, "t.hash" },
};

const struct sync_col sync_customer_cols[] = {
	{ "id", "bigint", K, "t.id" },
	{ "ckey", "text", 0, "CASE WHEN coalesce(t.loyalty, '') <> ''"
	    " THEN 'L:' || t.loyalty ELSE 'C:' || t.code END" },
	{ "code", "text", M, "t.code" },
	{ "name", "text", M, "t.name" },
	{ "phone", "text", M, "t.phone" },
	{ "email", "text", M, "t.email" },
	{ "loyalty", "text", M, "t.loyalty" },
	{ "lang", "text", M, "t.lang" },
	{ "segment", "text", M, "t.segment" },
	{ "country", "text", M, "t.country" },
	{ "consent", "integer", M, "t.consent" },
};
const size_t sync_customer_ncols =
    sizeof sync_customer_cols / sizeof sync_customer_cols[0];

#define COLS(v) v, sizeof v / sizeof v[0]

const struct sync_up sync_up_tables[] = {
	{ "shop_item", "item t",
	    "NOT " CHAINS("item", "t.id"), "t.id", NULL, "item",
	    COLS(item_cols) },
	{ "sale", "orders t", NULL, "t.id", NULL, "orders", COLS(sale_cols) },
	{ "sale_line", "order_line t LEFT JOIN item i ON i.id = t.item_id",
	    NULL, "t.order_id", "sale", NULL, COLS(line_cols) },
	{ "offer", "offer t LEFT JOIN clerk c ON c.id = t.clerk_id"
	    " LEFT JOIN item i ON i.id = t.item_id"
	    " LEFT JOIN reservation r ON r.id = t.reservation_id"
	    " LEFT JOIN hotel h ON h.id = r.hotel_id"
	    " LEFT JOIN room_type rt ON rt.id = t.room_type_id",
	    NULL, "t.id", NULL, "offer", COLS(offer_cols) },
	{ "addon_sale", "addon_sale t"
	    " JOIN reservation r ON r.id = t.reservation_id"
	    " JOIN hotel h ON h.id = r.hotel_id JOIN addon a ON a.id = t.addon_id",
	    NULL, "t.id", NULL, NULL, COLS(addon_cols) },
	{ "audit", "audit t LEFT JOIN clerk c ON c.id = t.clerk_id",
	    NULL, "t.id", NULL, NULL, COLS(audit_cols) },
};
const size_t sync_up_count = sizeof sync_up_tables / sizeof sync_up_tables[0];

#undef K
#undef M
#undef I

/* ---- small helpers ----------------------------------------------------------- */

static int
bind_textn(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static int
prepare(struct store *s, const char *sql, sqlite3_stmt **st, char **cause,
    const char *what)
{
	if (store_prepare(s->db, sql, st) != SQLITE_OK) {
		*st = NULL;
		return store_fail(s, cause, what);
	}
	return 0;
}

/* Step st to its end, each row into out (its columns as text). */
static int
collect(struct store *s, sqlite3_stmt *st, struct sync_rows *out,
    int markcol, char **cause, const char *what)
{
	const char *vals[64];
	size_t i, n = out->ncols;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n && i < 64; i++)
			vals[i] = (const char *)sqlite3_column_text(st, (int)i);
		sync_rows_add(out, vals);
		if (markcol >= 0)
			out->last = sqlite3_column_int64(st, markcol);
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, what);
	return 0;
}

/* "c1, c2, ..." of the local expressions of cols. */
static char *
select_list(const struct sync_col *cols, size_t n)
{
	char *sql = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", sql, i ? ", " : "", cols[i].local);
		free(sql);
		sql = t;
	}
	return sql;
}

/* Bind :i to i and :t to t (NULL: SQL NULL) where st has them. */
static void
bind_it(sqlite3_stmt *st, int64_t i, const char *t)
{
	int k;

	if ((k = sqlite3_bind_parameter_index(st, ":i")) > 0)
		sqlite3_bind_int64(st, k, i);
	if ((k = sqlite3_bind_parameter_index(st, ":t")) > 0)
		bind_textn(st, k, t);
}

/* Run sql (parameters :i and :t).  0, or -1 with *cause. */
static int
exec_it(struct store *s, const char *sql, int64_t i, const char *t,
    char **cause, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, sql, &st, cause, what) != 0)
		return -1;
	bind_it(st, i, t);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, cause, what);
	return 0;
}

/* The integer sql (parameters :i and :t) gives: 1 and *out, 0 when it
 * gives no row, -1 with *cause. */
static int
query_it(struct store *s, const char *sql, int64_t i, const char *t,
    int64_t *out, char **cause, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, sql, &st, cause, what) != 0)
		return -1;
	bind_it(st, i, t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, what);
}

static int64_t
to_int(const char *v)
{
	return v == NULL ? 0 : strtoll(v, NULL, 10);
}

/* ---- the file's place in the chain ------------------------------------------- */

int
store_sync_state(struct store *s, const char *key, char **value,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	if (prepare(s, "SELECT value FROM chain_state WHERE key = ?1", &st,
	    cause, "cannot read the chain's state") != 0)
		return -1;
	bind_textn(st, 1, key);
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

static int
state_put(struct store *s, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, "INSERT OR REPLACE INTO chain_state(key, value)"
	    " VALUES (?1, ?2)", &st, cause, "cannot save the chain's state") != 0)
		return -1;
	bind_textn(st, 1, key);
	bind_textn(st, 2, value);
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
	if (state_put(s, "chain", chain_id, cause) != 0 ||
	    state_put(s, "shop", shop, cause) != 0 ||
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
	if (prepare(s, "SELECT value FROM chain_mark WHERE name = ?1", &st,
	    cause, "cannot read a watermark") != 0)
		return -1;
	bind_textn(st, 1, name);
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
static int
mark_put(struct store *s, const char *name, int64_t value, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, "INSERT INTO chain_mark(name, value) VALUES (?1, ?2)"
	    " ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)",
	    &st, cause, "cannot move a watermark") != 0)
		return -1;
	bind_textn(st, 1, name);
	sqlite3_bind_int64(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot move a watermark");
	return 0;
}

static char *
mark_name(const char *table)
{
	return xasprintf("up:%s", table);
}

int
store_sync_pending(struct store *s, const struct sync_up *t, int64_t *rows,
    char **cause)
{
	char *sql, *name = mark_name(t != NULL ? t->name : "customer");
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
		name = mark_name(p != NULL ? p->name : t->parent);
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
	rc = query_it(s, sql, mark, NULL, rows, cause,
	    "cannot count what waits to go up");
	free(sql);
	if (rc < 0)
		return -1;
	if (t == NULL || t->changed != NULL) {
		if (query_it(s, "SELECT count(*) FROM chain_changed WHERE tbl = :t"
		    " AND id <= :i", mark, t == NULL ? "customer" : t->changed,
		    &changed, cause, "cannot count what waits to go up") < 0)
			return -1;
		*rows += changed;
	}
	return 0;
}

/* ---- up -------------------------------------------------------------------- */

int
store_sync_read(struct store *s, const struct sync_up *t, int64_t after,
    size_t limit, struct sync_rows *out, char **cause)
{
	sqlite3_stmt *st;
	char *cols = select_list(t->cols, t->ncols), *sql;
	int rc;

	sync_rows_clear(out);
	out->last = after;
	sql = xasprintf("SELECT %s FROM %s WHERE %s > ?1%s%s ORDER BY %s"
	    " LIMIT ?2", cols, t->from, t->mark, t->where ? " AND " : "",
	    t->where ? t->where : "", t->mark);
	free(cols);
	rc = prepare(s, sql, &st, cause, "cannot read what goes up");
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	rc = collect(s, st, out, 0, cause, "cannot read what goes up");
	sqlite3_finalize(st);
	return rc;
}

int
store_sync_read_range(struct store *s, const struct sync_up *t,
    int64_t after, int64_t upto, struct sync_rows *out, char **cause)
{
	sqlite3_stmt *st;
	char *cols = select_list(t->cols, t->ncols), *sql;
	int rc;

	sync_rows_clear(out);
	out->last = upto;
	sql = xasprintf("SELECT %s FROM %s WHERE %s > ?1 AND %s <= ?2%s%s"
	    " ORDER BY %s, 2", cols, t->from, t->mark, t->mark,
	    t->where ? " AND " : "", t->where ? t->where : "", t->mark);
	free(cols);
	rc = prepare(s, sql, &st, cause, "cannot read what goes up");
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, upto);
	rc = collect(s, st, out, -1, cause, "cannot read what goes up");
	sqlite3_finalize(st);
	return rc;
}

int
store_sync_read_changed(struct store *s, const struct sync_up *t,
    int64_t upto, struct sync_rows *out, int64_t *seq, char **cause)
{
	sqlite3_stmt *st;
	char *cols, *sql;
	int rc;

	sync_rows_clear(out);
	*seq = -1;
	if (t->changed == NULL)
		return 0;
	if (query_it(s, "SELECT coalesce(max(seq), -1) FROM chain_changed"
	    " WHERE tbl = :t AND id <= :i", upto, t->changed, seq, cause,
	    "cannot read the changed rows") < 0)
		return -1;
	if (*seq < 0)
		return 0;
	cols = select_list(t->cols, t->ncols);
	sql = xasprintf("SELECT %s FROM %s WHERE %s IN (SELECT id FROM"
	    " chain_changed WHERE tbl = ?2 AND id <= ?1 AND seq <= ?3)%s%s"
	    " ORDER BY %s", cols, t->from, t->mark, t->where ? " AND " : "",
	    t->where ? t->where : "", t->mark);
	free(cols);
	rc = prepare(s, sql, &st, cause, "cannot read the changed rows");
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, upto);
	bind_textn(st, 2, t->changed);
	sqlite3_bind_int64(st, 3, *seq);
	rc = collect(s, st, out, -1, cause, "cannot read the changed rows");
	sqlite3_finalize(st);
	return rc;
}

/* Forget the changes of tbl up to seq (and up to id upto), in the open
 * transaction. */
static int
changes_forget(struct store *s, const char *tbl, int64_t upto, int64_t seq,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, "DELETE FROM chain_changed WHERE tbl = ?1 AND id <= ?2"
	    " AND seq <= ?3", &st, cause, "cannot forget the changed rows") != 0)
		return -1;
	bind_textn(st, 1, tbl);
	sqlite3_bind_int64(st, 2, upto);
	sqlite3_bind_int64(st, 3, seq);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot forget the changed rows");
	return 0;
}

int
store_sync_up_done(struct store *s, const struct sync_up *t, int64_t mark,
    int64_t seq, char **cause)
{
	char *name = mark_name(t->name);

	if (store_begin(s, cause) != 0) {
		free(name);
		return -1;
	}
	if (mark_put(s, name, mark, cause) != 0 || (seq >= 0 &&
	    t->changed != NULL && changes_forget(s, t->changed, mark, seq,
	    cause) != 0)) {
		free(name);
		store_rollback(s);
		return -1;
	}
	free(name);
	return store_commit(s, cause);
}

int
store_sync_read_customers(struct store *s, int64_t after, size_t limit,
    struct sync_rows *out, char **cause)
{
	sqlite3_stmt *st;
	char *cols = select_list(sync_customer_cols, sync_customer_ncols), *sql;
	int rc;

	sync_rows_clear(out);
	out->last = after;
	sql = xasprintf("SELECT %s FROM customer t WHERE t.id > ?1"
	    " AND t.erased = 0 AND NOT EXISTS (SELECT 1 FROM chain_link l"
	    " WHERE l.tbl = 'customer' AND l.id = t.id) ORDER BY t.id LIMIT ?2",
	    cols);
	free(cols);
	rc = prepare(s, sql, &st, cause, "cannot read the customers");
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	rc = collect(s, st, out, 0, cause, "cannot read the customers");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Link local row id of tbl to the chain's chain_id: own, made here (else
 * the chain's); linked, the server knows the link already (else a
 * customer's goes up with the next sync).
 */
static int
link_put(struct store *s, const char *tbl, int64_t id, int64_t chain_id,
    int own, int linked, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(s, "INSERT INTO chain_link(tbl, id, chain_id, own, linked)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(tbl, id) DO UPDATE SET"
	    " chain_id = excluded.chain_id, own = excluded.own,"
	    " linked = excluded.linked", &st, cause,
	    "cannot link a row to the chain's") != 0)
		return -1;
	bind_textn(st, 1, tbl);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, chain_id);
	sqlite3_bind_int(st, 4, own);
	sqlite3_bind_int(st, 5, linked);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot link a row to the chain's");
	return 0;
}

int
store_sync_customers_done(struct store *s, const struct sync_rows *links,
    int64_t mark, int64_t **suppressed, size_t *nsup, char **cause)
{
	size_t i;

	*suppressed = NULL;
	*nsup = 0;
	if (store_begin(s, cause) != 0)
		return -1;
	for (i = 0; i < links->n; i++) {
		int64_t id = to_int(sync_rows_get(links, i, 0));
		const char *cid = sync_rows_get(links, i, 1);

		if (to_int(sync_rows_get(links, i, 3)) != 0 || cid == NULL) {
			*suppressed = xreallocarray(*suppressed, *nsup + 1,
			    sizeof **suppressed);
			(*suppressed)[(*nsup)++] = id;
			continue;
		}
		if (link_put(s, "customer", id, to_int(cid),
		    to_int(sync_rows_get(links, i, 2)) != 0, 1, cause) != 0)
			goto fail;
	}
	if (mark_put(s, "up:customer", mark, cause) != 0)
		goto fail;
	if (store_commit(s, cause) != 0)
		goto fail2;
	return 0;
fail:
	store_rollback(s);
fail2:
	xfree(suppressed);
	*nsup = 0;
	return -1;
}

int
store_sync_read_customer_changes(struct store *s, struct sync_rows *out,
    int64_t *seq, char **cause)
{
	sqlite3_stmt *st;
	char *cols, *sql;
	int rc;

	sync_rows_clear(out);
	if (query_it(s, "SELECT coalesce(max(seq), -1) FROM chain_changed"
	    " WHERE tbl = :t", 0, "customer", seq, cause,
	    "cannot read the changed customers") < 0)
		return -1;
	if (*seq < 0)
		return 0;
	cols = select_list(sync_customer_cols + 1, sync_customer_ncols - 1);
	sql = xasprintf("SELECT l.chain_id, %s FROM customer t JOIN chain_link l"
	    " ON l.tbl = 'customer' AND l.id = t.id AND l.own = 1"
	    " WHERE t.erased = 0 AND t.id IN (SELECT id FROM chain_changed"
	    " WHERE tbl = 'customer' AND seq <= ?1) ORDER BY t.id", cols);
	free(cols);
	rc = prepare(s, sql, &st, cause, "cannot read the changed customers");
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, *seq);
	rc = collect(s, st, out, -1, cause, "cannot read the changed customers");
	sqlite3_finalize(st);
	return rc;
}

int
store_sync_changes_done(struct store *s, const char *tbl, int64_t seq,
    char **cause)
{
	if (seq < 0)
		return 0;
	if (store_begin(s, cause) != 0)
		return -1;
	if (changes_forget(s, tbl, INT64_MAX, seq, cause) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_sync_read_erasures(struct store *s, int64_t **chain_ids,
    int64_t **local_ids, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*chain_ids = *local_ids = NULL;
	*n = 0;
	if (prepare(s, "SELECT l.id, l.chain_id FROM chain_link l JOIN customer c"
	    " ON c.id = l.id WHERE l.tbl = 'customer' AND c.erased = 1"
	    " AND l.sent = 0 ORDER BY l.id", &st, cause,
	    "cannot read the erasures") != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*local_ids = xreallocarray(*local_ids, *n + 1, sizeof **local_ids);
		*chain_ids = xreallocarray(*chain_ids, *n + 1, sizeof **chain_ids);
		(*local_ids)[*n] = sqlite3_column_int64(st, 0);
		(*chain_ids)[(*n)++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		xfree(chain_ids);
		xfree(local_ids);
		*n = 0;
		return store_fail(s, cause, "cannot read the erasures");
	}
	return 0;
}

int
store_sync_erasures_done(struct store *s, const int64_t *ids, size_t n,
    char **cause)
{
	size_t i;

	if (n == 0)
		return 0;
	if (store_begin(s, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (exec_it(s, "UPDATE chain_link SET sent = 1 WHERE tbl ="
		    " 'customer' AND id = :i", ids[i], NULL, cause,
		    "cannot note an erasure as sent") != 0) {
			store_rollback(s);
			return -1;
		}
	return store_commit(s, cause);
}

int
store_sync_read_unlinked(struct store *s, int64_t **local_ids,
    int64_t **chain_ids, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*chain_ids = *local_ids = NULL;
	*n = 0;
	if (prepare(s, "SELECT id, chain_id FROM chain_link WHERE tbl ="
	    " 'customer' AND linked = 0 ORDER BY id", &st, cause,
	    "cannot read the customers' links") != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*local_ids = xreallocarray(*local_ids, *n + 1, sizeof **local_ids);
		*chain_ids = xreallocarray(*chain_ids, *n + 1, sizeof **chain_ids);
		(*local_ids)[*n] = sqlite3_column_int64(st, 0);
		(*chain_ids)[(*n)++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		xfree(chain_ids);
		xfree(local_ids);
		*n = 0;
		return store_fail(s, cause, "cannot read the customers' links");
	}
	return 0;
}

int
store_sync_linked_done(struct store *s, const int64_t *ids, size_t n,
    char **cause)
{
	size_t i;

	if (n == 0)
		return 0;
	if (store_begin(s, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (exec_it(s, "UPDATE chain_link SET linked = 1 WHERE tbl ="
		    " 'customer' AND id = :i", ids[i], NULL, cause,
		    "cannot note a link as sent") != 0) {
			store_rollback(s);
			return -1;
		}
	return store_commit(s, cause);
}

/* ---- down ------------------------------------------------------------------ */

int
store_sync_erase_chain(struct store *s, int64_t chain_id, int64_t now,
    int *erased, char **cause)
{
	int64_t id;
	int rc;

	*erased = 0;
	rc = query_it(s, "SELECT l.id FROM chain_link l JOIN customer c ON"
	    " c.id = l.id WHERE l.tbl = 'customer' AND l.chain_id = :i", chain_id,
	    NULL, &id, cause, "cannot find an erased customer");
	if (rc <= 0)
		return rc;
	rc = store_customer_erase(s, id, 0, now, cause);
	if (rc < 0)
		return -1;
	if (rc == 0 || rc == 2) {
		*erased = 1;
		if (rc == 2) {          /* erased; the -wal empties later */
			free(*cause);
			*cause = NULL;
		}
	} else {                        /* erased already */
		free(*cause);
		*cause = NULL;
	}
	return store_sync_erasures_done(s, &id, 1, cause);
}

int
store_sync_down_begin(struct store *s, char **cause)
{
	if (store_begin(s, cause) != 0)
		return -1;
	if (store_exec(s, "INSERT INTO chain_writer(pid) VALUES (1)",
	    cause) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int
store_sync_down_commit(struct store *s, int64_t horizon, int64_t now,
    char **cause)
{
	char when[32];

	snprintf(when, sizeof when, "%lld", (long long)now);
	if (mark_put(s, "down", horizon, cause) != 0 ||
	    state_put(s, "last_sync", when, cause) != 0 ||
	    store_exec(s, "DELETE FROM chain_writer", cause) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

void
store_sync_down_rollback(struct store *s)
{
	store_rollback(s);
}

/* The local id of the item of sku: 1, 0, -1. */
static int
item_of_sku(struct store *s, const char *sku, int64_t *id, char **cause)
{
	return query_it(s, "SELECT id FROM item WHERE sku = :t", 0, sku, id,
	    cause, "cannot find an item");
}

/* sku: chain_id, sku */
static int
apply_sku(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	sqlite3_stmt *st;
	size_t i;

	(void)shop;
	if (prepare(s, "INSERT OR REPLACE INTO chain_sku(chain_id, sku)"
	    " VALUES (?1, ?2)", &st, cause, "cannot save the chain's SKUs") != 0)
		return -1;
	for (i = 0; i < r->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, to_int(sync_rows_get(r, i, 0)));
		bind_textn(st, 2, sync_rows_get(r, i, 1));
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s, cause, "cannot save the chain's SKUs");
		}
		(*applied)++;
	}
	sqlite3_finalize(st);
	return 0;
}

/* category: name, refill_days */
static int
apply_category(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	sqlite3_stmt *st;
	size_t i;

	(void)shop;
	if (prepare(s, "INSERT INTO category(name, refill_days) VALUES (?1, ?2)"
	    " ON CONFLICT(name) DO UPDATE SET refill_days = excluded.refill_days",
	    &st, cause, "cannot save the chain's categories") != 0)
		return -1;
	for (i = 0; i < r->n; i++) {
		sqlite3_reset(st);
		bind_textn(st, 1, sync_rows_get(r, i, 0));
		bind_textn(st, 2, sync_rows_get(r, i, 1));
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s, cause,
			    "cannot save the chain's categories");
		}
		if (exec_it(s, "INSERT OR IGNORE INTO chain_category(name)"
		    " VALUES (:t)", 0, sync_rows_get(r, i, 0), cause,
		    "cannot save the chain's categories") != 0) {
			sqlite3_finalize(st);
			return -1;
		}
		(*applied)++;
	}
	sqlite3_finalize(st);
	return 0;
}

/* item: chain_id, sku, name, category, family, tier, brand_tier, price,
 * barcode, season_start, season_end, refill_days, benefit, kind */
static int
apply_item(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	sqlite3_stmt *st;
	size_t i;
	int k, rc;

	(void)shop;
	if (prepare(s, "INSERT INTO item(sku, name, category, family, tier,"
	    " brand_tier, price, barcode, season_start, season_end,"
	    " refill_days, benefit, kind) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
	    "?10,?11,?12,?13) ON CONFLICT(sku) DO UPDATE SET"
	    " name = excluded.name, category = excluded.category,"
	    " family = excluded.family, tier = excluded.tier,"
	    " brand_tier = excluded.brand_tier, price = excluded.price,"
	    " barcode = excluded.barcode, season_start = excluded.season_start,"
	    " season_end = excluded.season_end,"
	    " refill_days = excluded.refill_days, benefit = excluded.benefit,"
	    " kind = excluded.kind RETURNING id", &st, cause,
	    "cannot save the chain's catalogue") != 0)
		return -1;
	for (i = 0; i < r->n; i++) {
		int64_t id, chain_id;

		sqlite3_reset(st);
		for (k = 1; k < 14; k++)
			bind_textn(st, k, sync_rows_get(r, i, (size_t)k));
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			sqlite3_finalize(st);
			return store_fail(s, cause,
			    "cannot save the chain's catalogue");
		}
		id = sqlite3_column_int64(st, 0);
		chain_id = to_int(sync_rows_get(r, i, 0));
		sqlite3_step(st);
		if (link_put(s, "item", id, chain_id, 0, 1, cause) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
		(*applied)++;
	}
	sqlite3_finalize(st);
	return 0;
}

/* item_benefit: sku, lang, text */
static int
apply_benefit(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	size_t i;
	int64_t id;
	int rc;

	(void)shop;
	for (i = 0; i < r->n; i++) {
		rc = item_of_sku(s, sync_rows_get(r, i, 0), &id, cause);
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		if (store_item_benefit_put(s, id, sync_rows_get(r, i, 1),
		    sync_rows_get(r, i, 2), cause) != 0)
			return -1;
		(*applied)++;
	}
	return 0;
}

/* bundle: code, name, price, sku, qty — one row per item, by code */
static int
apply_bundle(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	sqlite3_stmt *put = NULL, *item = NULL;
	size_t i = 0, j;
	int64_t bid, iid;
	int rc = -1, k;

	(void)shop;
	if (prepare(s, "INSERT INTO bundle(code, name, price) VALUES (?1,?2,?3)"
	    " ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	    " price = excluded.price RETURNING id", &put, cause,
	    "cannot save the chain's bundles") != 0 ||
	    prepare(s, "INSERT OR REPLACE INTO bundle_item(bundle_id, item_id,"
	    " qty) VALUES (?1, ?2, ?3)", &item, cause,
	    "cannot save the chain's bundles") != 0)
		goto out;
	while (i < r->n) {
		const char *code = sync_rows_get(r, i, 0);

		sqlite3_reset(put);
		for (k = 0; k < 3; k++)
			bind_textn(put, k + 1, sync_rows_get(r, i, (size_t)k));
		if (sqlite3_step(put) != SQLITE_ROW) {
			store_fail(s, cause, "cannot save the chain's bundles");
			goto out;
		}
		bid = sqlite3_column_int64(put, 0);
		sqlite3_reset(put);
		if (exec_it(s, "DELETE FROM bundle_item WHERE bundle_id = :i", bid,
		    NULL, cause, "cannot save the chain's bundles") != 0 ||
		    link_put(s, "bundle", bid, 0, 0, 1, cause) != 0)
			goto out;
		for (j = i; j < r->n && strcmp(sync_rows_get(r, j, 0), code) == 0;
		    j++) {
			const char *sku = sync_rows_get(r, j, 3);

			if (sku == NULL)
				continue;
			if ((k = item_of_sku(s, sku, &iid, cause)) < 0)
				goto out;
			if (k == 0)
				continue;       /* not in this catalogue */
			sqlite3_reset(item);
			sqlite3_bind_int64(item, 1, bid);
			sqlite3_bind_int64(item, 2, iid);
			sqlite3_bind_int64(item, 3, to_int(sync_rows_get(r, j, 4)));
			if (sqlite3_step(item) != SQLITE_DONE) {
				store_fail(s, cause, "cannot save the chain's bundles");
				goto out;
			}
		}
		(*applied)++;
		i = j;
	}
	rc = 0;
out:
	sqlite3_finalize(put);
	sqlite3_finalize(item);
	return rc;
}

/* script: lang, kind, scope, variant, line, text — by lang; kind NULL: the
 * language has no lines */
static int
apply_script(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	static const char what[] = "cannot save the chain's talking points";
	sqlite3_stmt *ins = NULL;
	size_t i = 0, j;
	int rc = -1, k;

	(void)shop;
	if (prepare(s, "INSERT INTO script(lang, kind, scope, variant, line,"
	    " text) VALUES (?1,?2,?3,?4,?5,?6) RETURNING id", &ins, cause,
	    what) != 0)
		return -1;
	while (i < r->n) {
		const char *lang = sync_rows_get(r, i, 0);

		/* the language whole: the chain's lines replace this file's */
		if (exec_it(s, "DELETE FROM chain_link WHERE tbl = 'script' AND"
		    " id IN (SELECT id FROM script WHERE lang = :t)", 0, lang,
		    cause, what) != 0 ||
		    exec_it(s, "DELETE FROM script WHERE lang = :t", 0, lang,
		    cause, what) != 0)
			goto out;
		for (j = i; j < r->n && strcmp(sync_rows_get(r, j, 0), lang) == 0;
		    j++) {
			if (sync_rows_get(r, j, 1) == NULL)
				continue;
			sqlite3_reset(ins);
			for (k = 0; k < 6; k++)
				bind_textn(ins, k + 1, sync_rows_get(r, j, (size_t)k));
			if (sqlite3_step(ins) != SQLITE_ROW) {
				store_fail(s, cause, what);
				goto out;
			}
			if (link_put(s, "script", sqlite3_column_int64(ins, 0), 0, 0,
			    1, cause) != 0)
				goto out;
			sqlite3_step(ins);
		}
		(*applied)++;
		i = j;
	}
	rc = 0;
out:
	sqlite3_finalize(ins);
	return rc;
}

/* customer: id, ckey, shop, code, name, phone, email, loyalty, lang,
 * segment, country, consent, erased */
enum { C_ID, C_KEY, C_SHOP, C_CODE, C_NAME, C_PHONE, C_EMAIL, C_LOYALTY,
    C_LANG, C_SEGMENT, C_COUNTRY, C_CONSENT, C_ERASED };

/*
 * Write the chain's record of row i into local customer *id, or into a
 * new one when *id is 0 (*id gets it; a code this file already gives
 * someone else is kept apart as CODE@SHOP).
 */
static int
customer_write(struct store *s, const struct sync_rows *r, size_t i,
    int64_t *id, char **cause)
{
	static const char what[] = "cannot save a customer of the chain";
	sqlite3_stmt *st;
	char *rev, *code;
	int64_t other;
	int rc;

	if (*id == 0) {
		int tries;

		code = xstrdup(sync_rows_get(r, i, C_CODE));
		for (tries = 0; ; tries++) {
			rc = query_it(s, "SELECT id FROM customer WHERE code = :t",
			    0, code, &other, cause, what);
			if (rc != 1 || tries == 2)
				break;          /* (the INSERT then says so) */
			/* CODE@SHOP, then CODE@SHOP#CHAIN_ID: never another's */
			free(code);
			code = tries == 0 ? xasprintf("%s@%s",
			    sync_rows_get(r, i, C_CODE), sync_rows_get(r, i,
			    C_SHOP)) : xasprintf("%s@%s#%s", sync_rows_get(r, i,
			    C_CODE), sync_rows_get(r, i, C_SHOP), sync_rows_get(r, i,
			    C_ID));
		}
		if (rc < 0 || prepare(s, "INSERT INTO customer(code, name,"
		    " phone, phone_rev, email, loyalty, lang, segment, country,"
		    " consent) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
		    " RETURNING id", &st, cause, what) != 0) {
			free(code);
			return -1;
		}
		bind_textn(st, 1, code);
		free(code);
	} else {
		if (prepare(s, "UPDATE customer SET name = ?2, phone = ?3,"
		    " phone_rev = ?4, email = ?5, loyalty = ?6, lang = ?7,"
		    " segment = ?8, country = ?9, consent = ?10 WHERE id = ?1"
		    " AND erased = 0 RETURNING id", &st, cause, what) != 0)
			return -1;
		sqlite3_bind_int64(st, 1, *id);
	}
	rev = store_phone_reverse(sync_rows_get(r, i, C_PHONE));
	bind_textn(st, 2, sync_rows_get(r, i, C_NAME));
	bind_textn(st, 3, sync_rows_get(r, i, C_PHONE));
	bind_textn(st, 4, rev);
	bind_textn(st, 5, sync_rows_get(r, i, C_EMAIL));
	bind_textn(st, 6, sync_rows_get(r, i, C_LOYALTY));
	bind_textn(st, 7, sync_rows_get(r, i, C_LANG));
	bind_textn(st, 8, sync_rows_get(r, i, C_SEGMENT));
	bind_textn(st, 9, sync_rows_get(r, i, C_COUNTRY));
	sqlite3_bind_int64(st, 10, to_int(sync_rows_get(r, i, C_CONSENT)));
	free(rev);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && *id == 0)
		*id = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, what);
	return 0;
}

/* An erased customer standing for the chain's chain_id, linked to it with
 * its erasure not sent yet. */
static int
erased_stub(struct store *s, int64_t chain_id, char **cause)
{
	static const char what[] = "cannot keep a suppressed customer erased";
	int64_t id;

	if (query_it(s, "INSERT INTO customer(code, name, erased) VALUES"
	    " ('erased-chain-' || :i, '', 1) RETURNING id", chain_id, NULL, &id,
	    cause, what) != 1 ||
	    exec_it(s, "UPDATE customer SET code = 'erased-' || id WHERE"
	    " id = :i", id, NULL, cause, what) != 0)
		return -1;
	return link_put(s, "customer", id, chain_id, 0, 0, cause);
}

/*
 * A customer of the chain: the local one linked to it gets the chain's
 * record (unless this shop made it: its own record rules); one this file
 * has under the same key (loyalty number, else code) and no link yet is
 * linked; otherwise a new local customer is made.
 */
static int
apply_customer(struct store *s, const char *shop, const struct sync_rows *r,
    int64_t *applied, char **cause)
{
	static const char what[] = "cannot find a customer of the chain";
	size_t i;
	int64_t v, id;
	int rc;

	for (i = 0; i < r->n; i++) {
		int64_t chain_id = to_int(sync_rows_get(r, i, C_ID));
		const char *key = sync_rows_get(r, i, C_KEY);
		int mine = strcmp(sync_rows_get(r, i, C_SHOP), shop) == 0;

		if (to_int(sync_rows_get(r, i, C_ERASED)) != 0 || key == NULL ||
		    strlen(key) < 2)
			continue;       /* erased before, one by one */
		rc = query_it(s, "SELECT id * 2 + own FROM chain_link WHERE"
		    " tbl = 'customer' AND chain_id = :i", chain_id, NULL, &v,
		    cause, what);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			if (v & 1)
				continue;       /* this shop's record rules */
			id = v >> 1;
		} else {
			if (strncmp(key, "L:", 2) == 0)
				rc = query_it(s, "SELECT id FROM customer c WHERE"
				    " loyalty = :t AND erased = 0 AND NOT EXISTS"
				    " (SELECT 1 FROM chain_link l WHERE l.tbl ="
				    " 'customer' AND l.id = c.id) ORDER BY id LIMIT 1",
				    0, key + 2, &id, cause, what);
			else
				rc = query_it(s, "SELECT id FROM customer c WHERE"
				    " code = :t AND erased = 0 AND coalesce(loyalty,"
				    " '') = '' AND NOT EXISTS (SELECT 1 FROM"
				    " chain_link l WHERE l.tbl = 'customer' AND"
				    " l.id = c.id)", 0, key + 2, &id, cause, what);
			if (rc < 0)
				return -1;
			if (rc == 0) {
				/* someone this shop erased (issue 14's
				 * suppression list) is not made again here:
				 * kept as an erased row linked to the chain's,
				 * whose erasure goes up with the next sync */
				rc = store_suppressed(s, sync_rows_get(r, i,
				    C_CODE), cause);
				if (rc < 0)
					return -1;
				if (rc == 1) {
					if (erased_stub(s, chain_id, cause) != 0)
						return -1;
					continue;
				}
				id = 0;
			} else if (mine) {
				/* made here, sent before this file knew */
				if (link_put(s, "customer", id, chain_id, 1, 0,
				    cause) != 0)
					return -1;
				continue;
			}
		}
		if (customer_write(s, r, i, &id, cause) != 0 ||
		    link_put(s, "customer", id, chain_id, 0, 0, cause) != 0)
			return -1;
		(*applied)++;
	}
	return 0;
}

static const struct {
	const char *name;
	int (*apply)(struct store *, const char *, const struct sync_rows *,
	    int64_t *, char **);
} appliers[] = {
	{ "sku", apply_sku },
	{ "category", apply_category },
	{ "item", apply_item },
	{ "item_benefit", apply_benefit },
	{ "bundle", apply_bundle },
	{ "script", apply_script },
	{ "customer", apply_customer },
};

int
store_sync_apply(struct store *s, const char *shop, const struct sync_down *t,
    const struct sync_rows *r, int64_t *applied, char **cause)
{
	size_t i;

	*applied = 0;
	for (i = 0; i < sizeof appliers / sizeof appliers[0]; i++)
		if (strcmp(appliers[i].name, t->name) == 0)
			return appliers[i].apply(s, shop, r, applied, cause);
	*cause = xasprintf("the chain sent table %s, which this uplift does "
	    "not know", t->name);
	return -1;
}

int
store_sync_model_apply(struct store *s, const char *sha, int64_t built,
    const void *data, size_t size, char **cause)
{
	sqlite3_stmt *st;
	char *key = xasprintf("model:%s", MODEL_NAME);
	int rc;

	if (prepare(s, "INSERT OR REPLACE INTO model(name, built, data)"
	    " VALUES (?1, ?2, ?3)", &st, cause, "cannot save the chain's model")
	    != 0) {
		free(key);
		return -1;
	}
	bind_textn(st, 1, MODEL_NAME);
	sqlite3_bind_int64(st, 2, built);
	sqlite3_bind_blob64(st, 3, data, size, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(key);
		return store_fail(s, cause, "cannot save the chain's model");
	}
	rc = state_put(s, key, sha, cause);
	free(key);
	return rc;
}

/* ---- the chain's model, loaded here -------------------------------------------- */

struct idmap {
	int64_t *chain, *local;
	size_t   n;
};

static int64_t
idmap_find(void *arg, int64_t id)
{
	const struct idmap *m = arg;
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->chain[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->chain[lo] == id ? m->local[lo] : 0;
}

int
store_sync_model_ids(struct store *s, const char *name, void *data,
    size_t size, char **cause)
{
	struct idmap m;
	sqlite3_stmt *st;
	char *key = xasprintf("model:%s", name), *sha = NULL;
	size_t cap = 0;
	int rc;

	rc = store_sync_state(s, key, &sha, cause);
	free(key);
	free(sha);
	if (rc <= 0)
		return rc;              /* not the chain's: as it is */
	memset(&m, 0, sizeof m);
	if (prepare(s, "SELECT k.chain_id, i.id FROM chain_sku k JOIN item i"
	    " ON i.sku = k.sku ORDER BY k.chain_id", &st, cause,
	    "cannot read the chain's item numbers") != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m.n == cap) {
			cap = cap ? 2 * cap : 1024;
			m.chain = xreallocarray(m.chain, cap, sizeof *m.chain);
			m.local = xreallocarray(m.local, cap, sizeof *m.local);
		}
		m.chain[m.n] = sqlite3_column_int64(st, 0);
		m.local[m.n++] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(m.chain);
		free(m.local);
		return store_fail(s, cause, "cannot read the chain's item numbers");
	}
	rc = mine_map_items(data, size, idmap_find, &m, cause);
	free(m.chain);
	free(m.local);
	return rc;
}
