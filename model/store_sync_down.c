/*
 * store_sync_down.c — applying what came down from the chain, and the
 * chain's model loaded here (store_sync.h).
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

/* ---- down ------------------------------------------------------------------ */

int
store_sync_erase_chain(struct store *s, int64_t chain_id, int64_t now,
    int *erased, char **cause)
{
	int64_t id;
	int rc;

	*erased = 0;
	rc = store_sync_query_it(s, "SELECT l.id FROM chain_link l JOIN customer c ON"
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
	if (store_sync_mark_put(s, "down", horizon, cause) != 0 ||
	    store_sync_state_put(s, "last_sync", when, cause) != 0 ||
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
	return store_sync_query_it(s, "SELECT id FROM item WHERE sku = :t", 0, sku, id,
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
	if (store_sync_prepare(s, "INSERT OR REPLACE INTO chain_sku(chain_id, sku)"
	    " VALUES (?1, ?2)", &st, cause, "cannot save the chain's SKUs") != 0)
		return -1;
	for (i = 0; i < r->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, store_sync_to_int(sync_rows_get(r, i, 0)));
		store_sync_bind_textn(st, 2, sync_rows_get(r, i, 1));
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
	if (store_sync_prepare(s, "INSERT INTO category(name, refill_days) VALUES (?1, ?2)"
	    " ON CONFLICT(name) DO UPDATE SET refill_days = excluded.refill_days",
	    &st, cause, "cannot save the chain's categories") != 0)
		return -1;
	for (i = 0; i < r->n; i++) {
		sqlite3_reset(st);
		store_sync_bind_textn(st, 1, sync_rows_get(r, i, 0));
		store_sync_bind_textn(st, 2, sync_rows_get(r, i, 1));
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s, cause,
			    "cannot save the chain's categories");
		}
		if (store_sync_exec_it(s, "INSERT OR IGNORE INTO chain_category(name)"
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
	if (store_sync_prepare(s, "INSERT INTO item(sku, name, category, family, tier,"
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
			store_sync_bind_textn(st, k, sync_rows_get(r, i, (size_t)k));
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			sqlite3_finalize(st);
			return store_fail(s, cause,
			    "cannot save the chain's catalogue");
		}
		id = sqlite3_column_int64(st, 0);
		chain_id = store_sync_to_int(sync_rows_get(r, i, 0));
		sqlite3_step(st);
		if (store_sync_link_put(s, "item", id, chain_id, 0, 1, cause) != 0) {
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
	if (store_sync_prepare(s, "INSERT INTO bundle(code, name, price) VALUES (?1,?2,?3)"
	    " ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	    " price = excluded.price RETURNING id", &put, cause,
	    "cannot save the chain's bundles") != 0 ||
	    store_sync_prepare(s, "INSERT OR REPLACE INTO bundle_item(bundle_id, item_id,"
	    " qty) VALUES (?1, ?2, ?3)", &item, cause,
	    "cannot save the chain's bundles") != 0)
		goto out;
	while (i < r->n) {
		const char *code = sync_rows_get(r, i, 0);

		sqlite3_reset(put);
		for (k = 0; k < 3; k++)
			store_sync_bind_textn(put, k + 1, sync_rows_get(r, i, (size_t)k));
		if (sqlite3_step(put) != SQLITE_ROW) {
			store_fail(s, cause, "cannot save the chain's bundles");
			goto out;
		}
		bid = sqlite3_column_int64(put, 0);
		sqlite3_reset(put);
		if (store_sync_exec_it(s, "DELETE FROM bundle_item WHERE bundle_id = :i", bid,
		    NULL, cause, "cannot save the chain's bundles") != 0 ||
		    store_sync_link_put(s, "bundle", bid, 0, 0, 1, cause) != 0)
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
			sqlite3_bind_int64(item, 3, store_sync_to_int(sync_rows_get(r, j, 4)));
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
	if (store_sync_prepare(s, "INSERT INTO script(lang, kind, scope, variant, line,"
	    " text) VALUES (?1,?2,?3,?4,?5,?6) RETURNING id", &ins, cause,
	    what) != 0)
		return -1;
	while (i < r->n) {
		const char *lang = sync_rows_get(r, i, 0);

		/* the language whole: the chain's lines replace this file's */
		if (store_sync_exec_it(s, "DELETE FROM chain_link WHERE tbl = 'script' AND"
		    " id IN (SELECT id FROM script WHERE lang = :t)", 0, lang,
		    cause, what) != 0 ||
		    store_sync_exec_it(s, "DELETE FROM script WHERE lang = :t", 0, lang,
		    cause, what) != 0)
			goto out;
		for (j = i; j < r->n && strcmp(sync_rows_get(r, j, 0), lang) == 0;
		    j++) {
			if (sync_rows_get(r, j, 1) == NULL)
				continue;
			sqlite3_reset(ins);
			for (k = 0; k < 6; k++)
				store_sync_bind_textn(ins, k + 1, sync_rows_get(r, j, (size_t)k));
			if (sqlite3_step(ins) != SQLITE_ROW) {
				store_fail(s, cause, what);
				goto out;
			}
			if (store_sync_link_put(s, "script", sqlite3_column_int64(ins, 0), 0, 0,
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
			rc = store_sync_query_it(s, "SELECT id FROM customer WHERE code = :t",
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
		if (rc < 0 || store_sync_prepare(s, "INSERT INTO customer(code, name,"
		    " phone, phone_rev, email, loyalty, lang, segment, country,"
		    " consent) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
		    " RETURNING id", &st, cause, what) != 0) {
			free(code);
			return -1;
		}
		store_sync_bind_textn(st, 1, code);
		free(code);
	} else {
		if (store_sync_prepare(s, "UPDATE customer SET name = ?2, phone = ?3,"
		    " phone_rev = ?4, email = ?5, loyalty = ?6, lang = ?7,"
		    " segment = ?8, country = ?9, consent = ?10 WHERE id = ?1"
		    " AND erased = 0 RETURNING id", &st, cause, what) != 0)
			return -1;
		sqlite3_bind_int64(st, 1, *id);
	}
	rev = store_phone_reverse(sync_rows_get(r, i, C_PHONE));
	store_sync_bind_textn(st, 2, sync_rows_get(r, i, C_NAME));
	store_sync_bind_textn(st, 3, sync_rows_get(r, i, C_PHONE));
	store_sync_bind_textn(st, 4, rev);
	store_sync_bind_textn(st, 5, sync_rows_get(r, i, C_EMAIL));
	store_sync_bind_textn(st, 6, sync_rows_get(r, i, C_LOYALTY));
	store_sync_bind_textn(st, 7, sync_rows_get(r, i, C_LANG));
	store_sync_bind_textn(st, 8, sync_rows_get(r, i, C_SEGMENT));
	store_sync_bind_textn(st, 9, sync_rows_get(r, i, C_COUNTRY));
	sqlite3_bind_int64(st, 10, store_sync_to_int(sync_rows_get(r, i, C_CONSENT)));
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

	if (store_sync_query_it(s, "INSERT INTO customer(code, name, erased) VALUES"
	    " ('erased-chain-' || :i, '', 1) RETURNING id", chain_id, NULL, &id,
	    cause, what) != 1 ||
	    store_sync_exec_it(s, "UPDATE customer SET code = 'erased-' || id WHERE"
	    " id = :i", id, NULL, cause, what) != 0)
		return -1;
	return store_sync_link_put(s, "customer", id, chain_id, 0, 0, cause);
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
		int64_t chain_id = store_sync_to_int(sync_rows_get(r, i, C_ID));
		const char *key = sync_rows_get(r, i, C_KEY);
		int mine = strcmp(sync_rows_get(r, i, C_SHOP), shop) == 0;

		if (store_sync_to_int(sync_rows_get(r, i, C_ERASED)) != 0 || key == NULL ||
		    strlen(key) < 2)
			continue;       /* erased before, one by one */
		rc = store_sync_query_it(s, "SELECT id * 2 + own FROM chain_link WHERE"
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
				rc = store_sync_query_it(s, "SELECT id FROM customer c WHERE"
				    " loyalty = :t AND erased = 0 AND NOT EXISTS"
				    " (SELECT 1 FROM chain_link l WHERE l.tbl ="
				    " 'customer' AND l.id = c.id) ORDER BY id LIMIT 1",
				    0, key + 2, &id, cause, what);
			else
				rc = store_sync_query_it(s, "SELECT id FROM customer c WHERE"
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
				if (store_sync_link_put(s, "customer", id, chain_id, 1, 0,
				    cause) != 0)
					return -1;
				continue;
			}
		}
		if (customer_write(s, r, i, &id, cause) != 0 ||
		    store_sync_link_put(s, "customer", id, chain_id, 0, 0, cause) != 0)
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

	if (store_sync_prepare(s, "INSERT OR REPLACE INTO model(name, built, data)"
	    " VALUES (?1, ?2, ?3)", &st, cause, "cannot save the chain's model")
	    != 0) {
		free(key);
		return -1;
	}
	store_sync_bind_textn(st, 1, MODEL_NAME);
	sqlite3_bind_int64(st, 2, built);
	sqlite3_bind_blob64(st, 3, data, size, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(key);
		return store_fail(s, cause, "cannot save the chain's model");
	}
	rc = store_sync_state_put(s, key, sha, cause);
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
	if (store_sync_prepare(s, "SELECT k.chain_id, i.id FROM chain_sku k JOIN item i"
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
