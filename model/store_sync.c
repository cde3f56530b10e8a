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
#include "model/store_sync_int.h"

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
	/* (schema 11: replaced by store_sync_offer_marks) */
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

/* ---- schema 11 ------------------------------------------------------------- */

/*
 * The offer log's undone marks and add-ons go up (chain schema 2): an
 * offer row sent before is sent again when it is marked undone (or its
 * reason or add-on changes), and the rows already sent that carry an
 * add-on or an undone mark are queued once, so that the head office gets
 * them too.
 */
const char store_sync_offer_marks[] =
	"DROP TRIGGER chain_offer_changed;"
	"CREATE TRIGGER chain_offer_changed AFTER UPDATE OF reason, undone,"
	"  addon_id ON offer"
	"  WHEN (NEW.reason IS NOT OLD.reason OR NEW.undone IS NOT OLD.undone"
	"  OR NEW.addon_id IS NOT OLD.addon_id) AND " IN_CHAIN
	"  BEGIN " CHANGED("offer") " END;"
	"INSERT OR REPLACE INTO chain_changed(tbl, id, seq)"
	"  SELECT 'offer', id, coalesce((SELECT max(seq) FROM chain_changed),"
	"  0) + 1 FROM offer WHERE (undone IS NOT NULL OR addon_id IS NOT NULL)"
	"  AND " IN_CHAIN " AND id <= coalesce((SELECT value FROM chain_mark"
	"  WHERE name = 'up:offer'), 0);";

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
	{ "undone", "bigint", M, "t.undone" },
	{ "addon", "text", M, "a.code" },
	{ "addon_name", "text", M, "a.name" },
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
	    " LEFT JOIN room_type rt ON rt.id = t.room_type_id"
	    " LEFT JOIN addon a ON a.id = t.addon_id",
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

int
store_sync_bind_textn(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int
store_sync_prepare(struct store *s, const char *sql, sqlite3_stmt **st, char **cause,
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
		store_sync_bind_textn(st, k, t);
}

/* Run sql (parameters :i and :t).  0, or -1 with *cause. */
int
store_sync_exec_it(struct store *s, const char *sql, int64_t i, const char *t,
    char **cause, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (store_sync_prepare(s, sql, &st, cause, what) != 0)
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
int
store_sync_query_it(struct store *s, const char *sql, int64_t i, const char *t,
    int64_t *out, char **cause, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (store_sync_prepare(s, sql, &st, cause, what) != 0)
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

int64_t
store_sync_to_int(const char *v)
{
	return v == NULL ? 0 : strtoll(v, NULL, 10);
}

/* ---- up -------------------------------------------------------------------- */

/*
 * Run sql (owned: freed here) with ?1 = a1 and ?2 = a2, collecting its
 * rows into out (markcol as collect() takes it); what names a failure.
 * 0, or -1 with *cause.
 */
static int
read_two(struct store *s, char *sql, int64_t a1, int64_t a2, int markcol,
    struct sync_rows *out, const char *what, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	rc = store_sync_prepare(s, sql, &st, cause, what);
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, a1);
	sqlite3_bind_int64(st, 2, a2);
	rc = collect(s, st, out, markcol, cause, what);
	sqlite3_finalize(st);
	return rc;
}

int
store_sync_read(struct store *s, const struct sync_up *t, int64_t after,
    size_t limit, struct sync_rows *out, char **cause)
{
	char *cols = select_list(t->cols, t->ncols), *sql;

	sync_rows_clear(out);
	out->last = after;
	sql = xasprintf("SELECT %s FROM %s WHERE %s > ?1%s%s ORDER BY %s"
	    " LIMIT ?2", cols, t->from, t->mark, t->where ? " AND " : "",
	    t->where ? t->where : "", t->mark);
	free(cols);
	return read_two(s, sql, after, (int64_t)limit, 0, out,
	    "cannot read what goes up", cause);
}

int
store_sync_read_range(struct store *s, const struct sync_up *t,
    int64_t after, int64_t upto, struct sync_rows *out, char **cause)
{
	char *cols = select_list(t->cols, t->ncols), *sql;

	sync_rows_clear(out);
	out->last = upto;
	sql = xasprintf("SELECT %s FROM %s WHERE %s > ?1 AND %s <= ?2%s%s"
	    " ORDER BY %s, 2", cols, t->from, t->mark, t->mark,
	    t->where ? " AND " : "", t->where ? t->where : "", t->mark);
	free(cols);
	return read_two(s, sql, after, upto, -1, out,
	    "cannot read what goes up", cause);
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
	if (store_sync_query_it(s, "SELECT coalesce(max(seq), -1) FROM chain_changed"
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
	rc = store_sync_prepare(s, sql, &st, cause, "cannot read the changed rows");
	free(sql);
	if (rc != 0)
		return -1;
	sqlite3_bind_int64(st, 1, upto);
	store_sync_bind_textn(st, 2, t->changed);
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

	if (store_sync_prepare(s, "DELETE FROM chain_changed WHERE tbl = ?1 AND id <= ?2"
	    " AND seq <= ?3", &st, cause, "cannot forget the changed rows") != 0)
		return -1;
	store_sync_bind_textn(st, 1, tbl);
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
	char *name = store_sync_mark_name(t->name);

	if (store_begin(s, cause) != 0) {
		free(name);
		return -1;
	}
	if (store_sync_mark_put(s, name, mark, cause) != 0 || (seq >= 0 &&
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
	char *cols = select_list(sync_customer_cols, sync_customer_ncols), *sql;

	sync_rows_clear(out);
	out->last = after;
	sql = xasprintf("SELECT %s FROM customer t WHERE t.id > ?1"
	    " AND t.erased = 0 AND NOT EXISTS (SELECT 1 FROM chain_link l"
	    " WHERE l.tbl = 'customer' AND l.id = t.id) ORDER BY t.id LIMIT ?2",
	    cols);
	free(cols);
	return read_two(s, sql, after, (int64_t)limit, 0, out,
	    "cannot read the customers", cause);
}

/*
 * Link local row id of tbl to the chain's chain_id: own, made here (else
 * the chain's); linked, the server knows the link already (else a
 * customer's goes up with the next sync).
 */
int
store_sync_link_put(struct store *s, const char *tbl, int64_t id, int64_t chain_id,
    int own, int linked, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_sync_prepare(s, "INSERT INTO chain_link(tbl, id, chain_id, own, linked)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(tbl, id) DO UPDATE SET"
	    " chain_id = excluded.chain_id, own = excluded.own,"
	    " linked = excluded.linked", &st, cause,
	    "cannot link a row to the chain's") != 0)
		return -1;
	store_sync_bind_textn(st, 1, tbl);
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
		int64_t id = store_sync_to_int(sync_rows_get(links, i, 0));
		const char *cid = sync_rows_get(links, i, 1);

		if (store_sync_to_int(sync_rows_get(links, i, 3)) != 0 || cid == NULL) {
			*suppressed = xreallocarray(*suppressed, *nsup + 1,
			    sizeof **suppressed);
			(*suppressed)[(*nsup)++] = id;
			continue;
		}
		if (store_sync_link_put(s, "customer", id, store_sync_to_int(cid),
		    store_sync_to_int(sync_rows_get(links, i, 2)) != 0, 1, cause) != 0)
			goto fail;
	}
	if (store_sync_mark_put(s, "up:customer", mark, cause) != 0)
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
	if (store_sync_query_it(s, "SELECT coalesce(max(seq), -1) FROM chain_changed"
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
	rc = store_sync_prepare(s, sql, &st, cause, "cannot read the changed customers");
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

/*
 * The (local id, chain id) pairs sql selects, in that column order, into
 * two new arrays (caller frees); what names them in a failure.  0, or -1
 * with *cause and nothing allocated.
 */
static int
read_id_pairs(struct store *s, const char *sql, const char *what,
    int64_t **local_ids, int64_t **chain_ids, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*chain_ids = *local_ids = NULL;
	*n = 0;
	if (store_sync_prepare(s, sql, &st, cause, what) != 0)
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
		return store_fail(s, cause, what);
	}
	return 0;
}

/* Runs sql (one :i parameter) for each of ids[0..n) in one transaction;
 * what names a failure.  0, or -1 with *cause and nothing changed. */
static int
exec_each_id(struct store *s, const char *sql, const int64_t *ids, size_t n,
    const char *what, char **cause)
{
	size_t i;

	if (n == 0)
		return 0;
	if (store_begin(s, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (store_sync_exec_it(s, sql, ids[i], NULL, cause, what) != 0) {
			store_rollback(s);
			return -1;
		}
	return store_commit(s, cause);
}

int
store_sync_read_erasures(struct store *s, int64_t **chain_ids,
    int64_t **local_ids, size_t *n, char **cause)
{
	return read_id_pairs(s, "SELECT l.id, l.chain_id FROM chain_link l"
	    " JOIN customer c ON c.id = l.id WHERE l.tbl = 'customer'"
	    " AND c.erased = 1 AND l.sent = 0 ORDER BY l.id",
	    "cannot read the erasures", local_ids, chain_ids, n, cause);
}

int
store_sync_erasures_done(struct store *s, const int64_t *ids, size_t n,
    char **cause)
{
	return exec_each_id(s, "UPDATE chain_link SET sent = 1 WHERE tbl ="
	    " 'customer' AND id = :i", ids, n, "cannot note an erasure as sent",
	    cause);
}

int
store_sync_read_unlinked(struct store *s, int64_t **local_ids,
    int64_t **chain_ids, size_t *n, char **cause)
{
	return read_id_pairs(s, "SELECT id, chain_id FROM chain_link WHERE tbl ="
	    " 'customer' AND linked = 0 ORDER BY id",
	    "cannot read the customers' links", local_ids, chain_ids, n, cause);
}

int
store_sync_linked_done(struct store *s, const int64_t *ids, size_t n,
    char **cause)
{
	return exec_each_id(s, "UPDATE chain_link SET linked = 1 WHERE tbl ="
	    " 'customer' AND id = :i", ids, n, "cannot note a link as sent",
	    cause);
}
