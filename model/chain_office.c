/*
 * chain_office.c — the chain's server for the head office (publishing the
 * catalogue, the shops) and the reports read from it (chain.h).
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
	un = chain_unnest_of(cols, ncols, 1);
	names = chain_names_of(cols, ncols, "", 0);
	keys = chain_names_of(cols, ncols, "", SYNC_KEY);
	mx = chain_names_of(cols, ncols, "x.", SYNC_MUTABLE);
	me = chain_names_of(cols, ncols, "excluded.", SYNC_MUTABLE);
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
	p = chain_params_of(r, NULL, &np);
	what = xasprintf("cannot publish %s", table);
	res = PQexecParams(c->conn, sql, np, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = chain_fail(c, cause, what, res);
	else
		*changed = chain_to_int(PQcmdTuples(res));
	PQclear(res);
	free(what);
	chain_params_free(p, np, 0);
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

	rc = chain_run(c, "INSERT INTO uplift.bundle AS x (code, name, price) VALUES"
	    " ($1, $2, $3::bigint) ON CONFLICT (code) DO UPDATE SET"
	    " name = excluded.name, price = excluded.price WHERE (x.name,"
	    " x.price) IS DISTINCT FROM (excluded.name, excluded.price)", 3, p,
	    &res, cause, what);
	free(price);
	if (rc != 0)
		return -1;
	changed = chain_to_int(PQcmdTuples(res)) > 0;
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
	a0 = chain_array_of(&r, 0);
	a1 = chain_array_of(&r, 1);
	sync_rows_free(&r);
	p[1] = a0;
	p[2] = a1;
	/* its items as one string in SKU order, against the chain's */
	rc = chain_run_value(c, "SELECT ((SELECT coalesce(string_agg(sku || ' ' ||"
	    " qty, E'\\n' ORDER BY sku COLLATE \"C\"), '') FROM"
	    " uplift.bundle_item WHERE code = $1) IS DISTINCT FROM"
	    " (SELECT coalesce(string_agg(s || ' ' || q, E'\\n' ORDER BY s"
	    " COLLATE \"C\"), '') FROM unnest($2::text[], $3::bigint[])"
	    " AS u(s, q)))::int", 3, p, &have, cause, what);
	if (rc == 1 && strcmp(have, "1") == 0 && (changed = 1))
		rc = chain_run(c, "DELETE FROM uplift.bundle_item WHERE code = $1", 1,
		    p, NULL, cause, what) != 0 ||
		    chain_run(c, "INSERT INTO uplift.bundle_item(code, sku, qty)"
		    " SELECT $1, s, q FROM unnest($2::text[], $3::bigint[]) AS"
		    " u(s, q) ON CONFLICT DO NOTHING", 3, p, NULL, cause,
		    what) != 0 ||
		    chain_run(c, "UPDATE uplift.bundle SET txid = pg_current_xact_id()"
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
		a[k] = chain_array_of(&r, (size_t)k);
		p[k + 1] = a[k];
	}
	rc = chain_run_value(c, "SELECT (SELECT coalesce(string_agg(concat_ws("
	    " E'\\t', kind, scope, variant, line, text), E'\\n' ORDER BY kind"
	    " COLLATE \"C\", scope COLLATE \"C\", variant COLLATE \"C\", line),"
	    " '') FROM uplift.script WHERE lang = $1) IS DISTINCT FROM"
	    " (SELECT coalesce(string_agg(concat_ws(E'\\t', k, s, v, l, t),"
	    " E'\\n' ORDER BY k COLLATE \"C\", s COLLATE \"C\", v COLLATE \"C\","
	    " l), '') FROM unnest($2::text[], $3::text[], $4::text[],"
	    " $5::integer[], $6::text[]) AS u(k, s, v, l, t))", 6, p, &have,
	    cause, "cannot publish talking points");
	if (rc == 1 && strcmp(have, "t") == 0) {
		if (chain_run(c, "INSERT INTO uplift.script_lang AS x (lang) VALUES ($1)"
		    " ON CONFLICT (lang) DO UPDATE SET txid = pg_current_xact_id()",
		    1, p, NULL, cause, "cannot publish talking points") != 0 ||
		    chain_run(c, "DELETE FROM uplift.script WHERE lang = $1", 1, p, NULL,
		    cause, "cannot publish talking points") != 0 ||
		    chain_run(c, "INSERT INTO uplift.script(lang, kind, scope, variant,"
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

/*
 * Every SKU the chain has heard of becomes an item of b (a product; a
 * service is left out).  *dense maps the chain's SKU id (1..*maxid) to
 * b's item, UINT32_MAX where none; caller frees it.  0, or -1 with *cause.
 */
static int
baskets_items(struct chain *c, struct baskets *b, uint32_t **dense,
    int64_t *maxid, char **cause)
{
	PGresult *r;
	int64_t id;
	int i, n;

	*dense = NULL;
	*maxid = 0;
	if (chain_run(c, "SELECT k.id, k.sku, coalesce(i.name, si.name, k.sku),"
	    " coalesce(i.kind, si.kind, 0) FROM uplift.sku k"
	    " LEFT JOIN uplift.item i ON i.sku = k.sku"
	    " LEFT JOIN LATERAL (SELECT s.name, s.kind FROM uplift.shop_item s"
	    " WHERE s.sku = k.sku ORDER BY s.shop, s.id LIMIT 1) si ON true"
	    " ORDER BY k.id", 0, NULL, &r, cause,
	    "cannot read the chain's items") != 0)
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++)
		if ((id = chain_to_int(PQgetvalue(r, i, 0))) > *maxid)
			*maxid = id;
	*dense = xmalloc(((size_t)*maxid + 1) * sizeof **dense);
	memset(*dense, 0xff, ((size_t)*maxid + 1) * sizeof **dense);
	for (i = 0; i < n; i++) {
		const char *sku = PQgetvalue(r, i, 1), *name = PQgetvalue(r, i, 2);
		uint32_t k;

		if (chain_to_int(PQgetvalue(r, i, 3)) != 0)
			continue;               /* a service */
		id = chain_to_int(PQgetvalue(r, i, 0));
		k = baskets_item(b, sku, strlen(sku));
		baskets_set_title(b, k, name, strlen(name));
		(*dense)[id] = k;
	}
	PQclear(r);
	b->ids = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *b->ids);
	for (id = 1; id <= *maxid; id++)
		if ((*dense)[id] != UINT32_MAX)
			b->ids[(*dense)[id]] = id;
	return 0;
}

/* The order being gathered while the chain's lines are fetched: an
 * order's lines may run over two fetches. */
struct basket_acc {
	struct baskets *b;
	const uint32_t *dense;
	int64_t maxid;
	char *shop;             /* the current order's shop, owned; NULL at first */
	int64_t id, cust, at;
	uint32_t *items;        /* owned */
	size_t n, cap;
};

/* Hands the gathered order (if any) to the baskets. */
static void
basket_acc_flush(struct basket_acc *a)
{
	if (a->shop != NULL && a->n > 0)
		baskets_add_meta(a->b, a->items, a->n, a->cust, a->at);
	a->n = 0;
}

/* Adds one fetched row (shop, order id, customer, at, SKU id). */
static void
basket_acc_row(struct basket_acc *a, PGresult *r, int i)
{
	const char *shop = PQgetvalue(r, i, 0);
	int64_t oid = chain_to_int(PQgetvalue(r, i, 1)), id;

	if (a->shop == NULL || oid != a->id || strcmp(shop, a->shop) != 0) {
		basket_acc_flush(a);
		free(a->shop);
		a->shop = xstrdup(shop);
		a->id = oid;
		a->cust = chain_to_int(PQgetvalue(r, i, 2));
		a->at = chain_to_int(PQgetvalue(r, i, 3));
	}
	id = chain_to_int(PQgetvalue(r, i, 4));
	if (id < 1 || id > a->maxid || a->dense[id] == UINT32_MAX)
		return;
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->items = xreallocarray(a->items, a->cap, sizeof *a->items);
	}
	a->items[a->n++] = a->dense[id];
}

/* Reads the chain's sales before `before` through a cursor into a's
 * baskets, reporting the lines read so far.  0, or -1 with *cause. */
static int
baskets_orders(struct chain *c, int64_t before, struct basket_acc *a,
    void (*progress)(void *arg, int64_t lines), void *arg, char **cause)
{
	PGresult *r;
	char bf[32];
	const char *p[1] = { bf };
	int64_t lines = 0;
	int i, n;

	snprintf(bf, sizeof bf, "%lld", (long long)before);
	if (chain_run(c, "DECLARE uplift_orders NO SCROLL CURSOR FOR"
	    " SELECT s.shop, s.id, coalesce(sc.customer, 0), s.at, k.id"
	    " FROM uplift.sale s"
	    " JOIN uplift.sale_line l ON l.shop = s.shop AND l.order_id = s.id"
	    " JOIN uplift.sku k ON k.sku = l.sku"
	    " LEFT JOIN uplift.shop_customer sc ON sc.shop = s.shop"
	    " AND sc.id = s.customer"
	    " WHERE s.kind = 0 AND l.qty > 0 AND s.at < $1::bigint"
	    " ORDER BY s.at, s.shop, s.id, l.line", 1, p, NULL, cause,
	    "cannot read the chain's orders") != 0)
		return -1;
	for (;;) {
		if (chain_run(c, "FETCH 20000 FROM uplift_orders", 0, NULL, &r, cause,
		    "cannot read the chain's orders") != 0)
			return -1;
		if ((n = PQntuples(r)) == 0) {
			PQclear(r);
			break;
		}
		for (i = 0; i < n; i++)
			basket_acc_row(a, r, i);
		lines += n;
		PQclear(r);
		if (progress != NULL)
			progress(arg, lines);
	}
	basket_acc_flush(a);
	return chain_run(c, "CLOSE uplift_orders", 0, NULL, NULL, cause,
	    "cannot read the chain's orders");
}

int
chain_baskets(struct chain *c, int64_t before, struct baskets *b,
    void (*progress)(void *arg, int64_t lines), void *arg, char **cause)
{
	struct basket_acc a = { .b = b, .id = -1 };
	uint32_t *dense = NULL;
	int rc = -1;

	if (chain_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL,
	    NULL, cause, "cannot begin") != 0)
		return -1;
	if (baskets_items(c, b, &dense, &a.maxid, cause) != 0)
		goto out;
	a.dense = dense;
	if (baskets_orders(c, before, &a, progress, arg, cause) != 0)
		goto out;
	rc = chain_commit(c, cause);
out:
	if (rc != 0)
		chain_rollback(c);
	free(a.shop);
	free(dense);
	free(a.items);
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
		[OFFERS_BY_KIND] = OFFERS_KIND_SQL("o.addon", "o.reservation",
		    "o.kind"),
		[OFFERS_BY_CLERK] = "o.shop || '/' || coalesce(o.clerk, '-')",
		[OFFERS_BY_ITEM] = "coalesce(o.sku, o.room_type, o.addon, '-')",
		[OFFERS_BY_DAY] = ("(date '1970-01-01' +"
		    " floor(o.at / 86400.0)::integer)::text"),
		[OFFERS_BY_REASON] = "coalesce(o.reason, 0)::text",
		[OFFERS_BY_HOTEL] = "coalesce(o.hotel, '-') || CASE WHEN"
		    " o.addon IS NOT NULL THEN ' · ' || coalesce(o.addon_name,"
		    " o.addon) ELSE '' END",
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
	/* as store_offer_groups(): a desk's answer counts as offered only
	 * when no shown row of that offer to the stay came before it;
	 * answers taken back (undone) are neither accepted nor declined */
	sql = xasprintf("SELECT %s AS k,"
	    " sum(CASE WHEN o.outcome = 0 OR (o.outcome IN (1, 2) AND"
	    "  o.reservation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
	    "  uplift.offer s WHERE s.shop = o.shop AND s.reservation ="
	    "  o.reservation AND s.id < o.id AND s.outcome = 0 AND s.training = o.training"
	    "  AND s.hotel IS NOT DISTINCT FROM o.hotel"
	    "  AND s.room_type IS NOT DISTINCT FROM o.room_type"
	    "  AND s.addon IS NOT DISTINCT FROM o.addon)) THEN 1 ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL THEN 1 ELSE 0"
	    "  END),"
	    " sum(CASE WHEN o.outcome = 2 AND o.undone IS NULL THEN 1 ELSE 0"
	    "  END),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL"
	    "  THEN o.price_diff ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL AND o.addon"
	    "  IS NULL THEN coalesce(o.nights, 0) ELSE 0 END)"
	    " FROM uplift.offer o WHERE o.training = 0 AND o.at >= $1::bigint"
	    " AND o.at < $2::bigint%s%s GROUP BY 1 ORDER BY (%s) COLLATE \"C\"",
	    keys[by], by == OFFERS_BY_REASON ? " AND o.outcome = 2" : "",
	    by == OFFERS_BY_HOTEL ? " AND o.reservation IS NOT NULL" : "",
	    keys[by]);
	k = chain_run(c, sql, 2, p, &r, cause, "cannot read the chain's offers");
	free(sql);
	if (k != 0)
		return -1;
	k = PQntuples(r);
	*out = xcalloc(k > 0 ? (size_t)k : 1, sizeof **out);
	for (i = 0; i < k; i++) {
		struct offer_group *g = &(*out)[i];

		g->key = xstrdup(PQgetvalue(r, i, 0));
		g->shown = chain_to_int(PQgetvalue(r, i, 1));
		g->accepted = chain_to_int(PQgetvalue(r, i, 2));
		g->declined = chain_to_int(PQgetvalue(r, i, 3));
		g->revenue = chain_to_int(PQgetvalue(r, i, 4));
		g->nights = chain_to_int(PQgetvalue(r, i, 5));
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
	if (chain_run(c, "SELECT s.offer_taken, count(DISTINCT (s.shop, s.id)),"
	    " coalesce(sum(l.qty * l.unit_price), 0) FROM uplift.sale s"
	    " JOIN uplift.sale_line l ON l.shop = s.shop AND l.order_id = s.id"
	    " WHERE s.source = 'counter' AND s.kind = 0 AND s.at >= $1::bigint"
	    " AND s.at < $2::bigint GROUP BY s.offer_taken", 2, p, &r, cause,
	    "cannot read the chain's sales") != 0)
		return -1;
	for (i = 0; i < PQntuples(r); i++) {
		struct basket_average *b = chain_to_int(PQgetvalue(r, i, 0)) ? with :
		    without;

		b->orders = chain_to_int(PQgetvalue(r, i, 1));
		b->total = chain_to_int(PQgetvalue(r, i, 2));
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
	if (chain_run(c, "SELECT variant, sum(CASE WHEN outcome = 0 THEN 1 ELSE 0"
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
			v[i].shown = chain_to_int(PQgetvalue(r, (int)i, 1));
			v[i].accepted = chain_to_int(PQgetvalue(r, (int)i, 2));
			v[i].declined = chain_to_int(PQgetvalue(r, (int)i, 3));
			p8 += len;
		}
		*out = v;
		*n = k;
	}
	PQclear(r);
	return 0;
}
