/*
 * store_orders.c — the store's orders: saving orders and their lines and
 * the counter's sales, the order history as baskets for mining, the
 * mined model's blob, and the import log.
 */
#include "model/store_orders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/baskets.h"
#include "model/store_impl.h"
#include "model/xalloc.h"

int
store_max_order_id(struct store *s, int64_t *id, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*id = -1;
	if ((st = store_stmt_get(s, Q_ORDER_MAX)) == NULL)
		return store_fail(s, cause, "cannot read the orders");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_end(s, st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read the orders");
	return 0;
}

int
store_order_lines(struct store *s, int64_t order_id, int64_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_get(s, Q_ORDER_LINES)) == NULL)
		return store_fail(s, cause, "cannot read an order");
	sqlite3_bind_int64(st, 1, order_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	store_end(s, st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read an order");
	return 0;
}

int
store_order_id(struct store *s, const char *code, int64_t *id,
    char **cause)
{
	return store_code_lookup(s, Q_ORDER_ID, code, id, cause);
}

/* The parameters of Q_ORDER_ADD, in order. */
static const struct field order_params[] = {
	F_TEXT(order, code), F_ID(order, customer_id), F_I64(order, at),
	F_INT(order, kind), F_TEXT(order, country), F_TEXT(order, source),
};

int
store_order_add(struct store *s, const struct order *o, int64_t *id,
    char **cause)
{
	return store_put_fields(s, Q_ORDER_ADD, o, order_params,
	    NARGS(order_params), id, cause, "cannot save an order");
}

int
store_line_add(struct store *s, int64_t order_id, int line, int64_t item_id,
    int64_t qty, int64_t unit_price, const char *descr, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_LINE_ADD, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int(st, 2, line);
	sqlite3_bind_int64(st, 3, item_id);
	sqlite3_bind_int64(st, 4, qty);
	sqlite3_bind_int64(st, 5, unit_price);
	bind_text(st, 6, descr);
	return store_done(s, st, cause, "cannot save an order line");
}

int
store_lines_add(struct store *s, const struct order_line_rec *v, size_t n,
    char **cause)
{
	sqlite3_stmt *st;
	size_t i;
	int k;

	while (n >= LINE_BATCH) {
		if ((st = store_stmt(s, Q_LINES_ADD, cause)) == NULL)
			return -1;
		for (i = 0, k = 1; i < LINE_BATCH; i++, v++) {
			sqlite3_bind_int64(st, k++, v->order_id);
			sqlite3_bind_int(st, k++, v->line);
			sqlite3_bind_int64(st, k++, v->item_id);
			sqlite3_bind_int64(st, k++, v->qty);
			sqlite3_bind_int64(st, k++, v->unit_price);
			bind_text(st, k++, v->descr);
		}
		if (store_done(s, st, cause, "cannot save order lines") != 0)
			return -1;
		n -= LINE_BATCH;
	}
	for (; n > 0; n--, v++)
		if (store_line_add(s, v->order_id, v->line, v->item_id, v->qty,
		    v->unit_price, v->descr, cause) != 0)
			return -1;
	return 0;
}

/* The sale orders before `before`: ids ascending, with who and when. */
struct order_meta {
	int64_t *id, *customer, *at;
	size_t   n, cap;
};

static int
order_meta_load(struct store *s, int64_t before, struct order_meta *om,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(om, 0, sizeof *om);
	if ((st = store_stmt_get(s, Q_ORDER_META)) == NULL)
		return store_fail(s, cause, "cannot read the order history");
	sqlite3_bind_int64(st, 1, before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (om->n == om->cap) {
			om->cap = om->cap ? 2 * om->cap : 1024;
			om->id = xreallocarray(om->id, om->cap, sizeof *om->id);
			om->customer = xreallocarray(om->customer, om->cap,
			    sizeof *om->customer);
			om->at = xreallocarray(om->at, om->cap, sizeof *om->at);
		}
		om->id[om->n] = sqlite3_column_int64(st, 0);
		om->customer[om->n] = sqlite3_column_int64(st, 1);
		om->at[om->n++] = sqlite3_column_int64(st, 2);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the order history");
	return 0;
}

static void
order_meta_free(struct order_meta *om)
{
	free(om->id);
	free(om->customer);
	free(om->at);
	memset(om, 0, sizeof *om);
}

/* The index of order id in om (ids ascending, visited in order: the
 * search starts at *hint), or SIZE_MAX. */
static size_t
order_meta_find(const struct order_meta *om, int64_t id, size_t *hint)
{
	size_t lo = *hint, hi = om->n, mid;

	if (lo < om->n && om->id[lo] == id)
		return lo;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (om->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*hint = lo;
	return lo < om->n && om->id[lo] == id ? lo : SIZE_MAX;
}

/*
 * The catalogue's products into b (names the SKUs, titles the names),
 * and *dense[id] (for ids 1 .. *maxid) the item number in b of store
 * item id, UINT32_MAX for none; b->ids the way back.  0, or -1 with
 * *cause (then *dense is NULL).
 */
static int
basket_items(struct store *s, struct baskets *b, uint32_t **densep,
    int64_t *maxidp, char **cause)
{
	sqlite3_stmt *st;
	int64_t maxid = 0, id;
	uint32_t *dense = xmalloc(sizeof *dense);
	int rc;

	*densep = NULL;
	if ((st = store_stmt_get(s, Q_BASKET_ITEMS)) == NULL) {
		free(dense);
		return store_fail(s, cause, "cannot read the catalogue");
	}
	/* Item ids are small and dense: map them through an array. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *sku = sqlite3_column_text(st, 1);
		const unsigned char *name = sqlite3_column_text(st, 2);
		uint32_t k;

		id = sqlite3_column_int64(st, 0);
		k = baskets_item(b, (const char *)sku, (size_t)
		    sqlite3_column_bytes(st, 1));
		if (name != NULL)
			baskets_set_title(b, k, (const char *)name, (size_t)
			    sqlite3_column_bytes(st, 2));
		if (id > maxid) {
			/* Slots maxid+1 .. id are new: no item (yet). */
			dense = xreallocarray(dense, (size_t)id + 1,
			    sizeof *dense);
			memset(dense + maxid + 1, 0xff,
			    (size_t)(id - maxid) * sizeof *dense);
			maxid = id;
		}
		dense[id] = k;
	}
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		free(dense);
		return store_fail(s, cause, "cannot read the catalogue");
	}
	b->ids = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *b->ids);
	for (id = 1; id <= maxid; id++)
		if (dense[id] != UINT32_MAX)
			b->ids[dense[id]] = id;
	*densep = dense;
	*maxidp = maxid;
	return 0;
}

int
store_baskets(struct store *s, int64_t before, struct baskets *b,
    char **cause)
{
	struct order_meta om;
	sqlite3_stmt *st;
	int64_t maxid = 0, id, order, cur = -1;
	uint32_t *dense, *basket = NULL;
	size_t nb = 0, capb = 0, hint = 0, oi = SIZE_MAX;
	int rc;

	if (basket_items(s, b, &dense, &maxid, cause) != 0)
		return -1;
	if (order_meta_load(s, before, &om, cause) != 0) {
		free(dense);
		return -1;
	}

	/* The lines in the order they were rung up, one table scan; the
	 * orders they belong to are looked up, not joined. */
	if ((st = store_stmt_get(s, Q_BASKET_LINES)) == NULL) {
		free(dense);
		order_meta_free(&om);
		return store_fail(s, cause, "cannot read the order history");
	}
	for (;;) {
		rc = sqlite3_step(st);
		order = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
		if (order != cur) {
			if (oi != SIZE_MAX && nb > 0)
				baskets_add_meta(b, basket, nb,
				    om.customer[oi], om.at[oi]);
			nb = 0;
			cur = order;
			oi = rc == SQLITE_ROW ? order_meta_find(&om, order,
			    &hint) : SIZE_MAX;
		}
		if (rc != SQLITE_ROW)
			break;
		if (oi == SIZE_MAX)
			continue;       /* a return, or not before `before` */
		id = sqlite3_column_int64(st, 1);
		if (id < 1 || id > maxid || dense[id] == UINT32_MAX)
			continue;
		if (nb == capb) {
			capb = capb ? 2 * capb : 64;
			basket = xreallocarray(basket, capb, sizeof *basket);
		}
		basket[nb++] = dense[id];
	}
	store_end(s, st);
	free(basket);
	free(dense);
	order_meta_free(&om);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the order history");
	/* the scan's pages are not read again: their memory is the
	 * model's */
	sqlite3_db_release_memory(s->db);
	return 0;
}

int
store_order_scan(struct store *s, int64_t before, store_order_fn fn,
    void *arg, char **cause)
{
	struct order_meta om;
	sqlite3_stmt *st;
	int64_t *items = NULL, *qty = NULL, order, cur = -1, id;
	size_t n = 0, cap = 0, i, hint = 0, oi = SIZE_MAX;
	int rc, stop = 0;

	if (order_meta_load(s, before, &om, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_SCAN_LINES)) == NULL) {
		order_meta_free(&om);
		return store_fail(s, cause, "cannot read the order history");
	}
	for (;;) {
		rc = sqlite3_step(st);
		order = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
		if (order != cur) {
			if (oi != SIZE_MAX && n > 0 && (stop = fn(arg,
			    om.customer[oi], om.at[oi], items, qty, n)) != 0)
				break;
			n = 0;
			cur = order;
			oi = rc == SQLITE_ROW ? order_meta_find(&om, order,
			    &hint) : SIZE_MAX;
		}
		if (rc != SQLITE_ROW)
			break;
		if (oi == SIZE_MAX)
			continue;
		/* distinct, in the order of their first line */
		id = sqlite3_column_int64(st, 1);
		for (i = 0; i < n && items[i] != id; i++)
			;
		if (i < n) {
			int64_t q = sqlite3_column_int64(st, 2);
			qty[i] = qty[i] > INT64_MAX - q ? INT64_MAX : qty[i] + q;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			items = xreallocarray(items, cap, sizeof *items);
			qty = xreallocarray(qty, cap, sizeof *qty);
		}
		qty[n] = sqlite3_column_int64(st, 2);
		items[n++] = id;
	}
	store_end(s, st);
	free(items);
	free(qty);
	order_meta_free(&om);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the order history");
	return 0;
}

int
store_model_save(struct store *s, const char *name, int64_t built,
    const void *data, size_t size, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_MODEL_SAVE)) == NULL) {
		store_fail(s, cause, "cannot save the model");
		store_rollback(s);
		return -1;
	}
	bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, built);
	sqlite3_bind_blob64(st, 3, data, size, SQLITE_STATIC);
	rc = store_done(s, st, cause, "cannot save the model");
	store_end(s, st);
	if (rc != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_model_load(struct store *s, const char *name, void **data,
    size_t *size, int64_t *built, char **cause)
{
	sqlite3_stmt *st;
	const void *blob;
	int rc;

	*data = NULL;
	*size = 0;
	if ((st = store_stmt_get(s, Q_MODEL_LOAD)) == NULL)
		return store_fail(s, cause, "cannot read the model");
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*built = sqlite3_column_int64(st, 0);
		blob = sqlite3_column_blob(st, 1);
		*size = (size_t)sqlite3_column_bytes(st, 1);
		*data = xmalloc(*size);
		if (*size > 0)
			memcpy(*data, blob, *size);
		store_end(s, st);
		/* the chain's model numbers items as the chain does */
		if (store_sync_model_ids(s, name, *data, *size, cause) != 0) {
			free(*data);
			*data = NULL;
			*size = 0;
			return -1;
		}
		return 1;
	}
	store_end(s, st);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "cannot read the model");
}

int
store_sale_add(struct store *s, int64_t customer_id, int64_t at,
    const struct sale_line *lines, size_t n, int64_t *order_id,
    char **cause)
{
	return store_sale_add_as(s, NULL, customer_id, at, lines, n, order_id,
	    cause);
}

int
store_sale_add_as(struct store *s, const char *code, int64_t customer_id,
    int64_t at, const struct sale_line *lines, size_t n, int64_t *order_id,
    char **cause)
{
	struct order o;
	sqlite3_stmt *st;
	char tmp[32];
	int64_t there;
	size_t i;

	if (store_begin(s, cause) != 0)
		return -1;
	if (code != NULL) {
		int rc = store_order_id(s, code, &there, cause);
		if (rc != 0) {
			if (rc > 0)
				*cause = xasprintf("order %s is already "
				    "recorded: not recorded again", code);
			goto fail;
		}
	}
	memset(&o, 0, sizeof o);
	/* A temporary unique code, made "POS<id>" once the id is known. */
	snprintf(tmp, sizeof tmp, "POS-new-%lld", (long long)at);
	o.code = code != NULL ? (char *)code : tmp;
	o.customer_id = customer_id;
	o.at = at;
	o.kind = ORDER_SALE;
	o.source = (char *)"counter";
	if (store_order_add(s, &o, order_id, cause) != 0)
		goto fail;
	if (code == NULL) {
		if ((st = store_stmt(s, Q_ORDER_CODE, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, *order_id);
		if (store_done(s, st, cause, "cannot save the sale") != 0)
			goto fail;
	}
	for (i = 0; i < n; i++) {
		if (store_line_add(s, *order_id, (int)i + 1, lines[i].item_id,
		    lines[i].qty, lines[i].unit_price, NULL, cause) != 0)
			goto fail;
		if ((st = store_stmt(s, Q_STOCK_TAKE, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, lines[i].item_id);
		sqlite3_bind_int64(st, 2, lines[i].qty);
		if (store_done(s, st, cause, "cannot update the stock") != 0)
			goto fail;
	}
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

int
store_order_mark_offer(struct store *s, int64_t order_id, char **cause)
{
	return store_exec_id(s, Q_ORDER_MARK_OFFER, order_id, "cannot mark the sale", cause);
}

int
store_import_log(struct store *s, int64_t at, const char *format,
    const char *file, int64_t records, int64_t added, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_IMPORT_LOG, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	bind_text(st, 2, format);
	bind_text(st, 3, file);
	sqlite3_bind_int64(st, 4, records);
	sqlite3_bind_int64(st, 5, added);
	return store_done(s, st, cause, "cannot log the import");
}

int
store_newest_order(struct store *s, int64_t *at, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ORDER_NEWEST, cause);
	int rc;

	*at = 0;
	if (st == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*at = sqlite3_column_int64(st, 0);
	store_end(s, st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, cause,
	    "cannot read the newest order");
}
