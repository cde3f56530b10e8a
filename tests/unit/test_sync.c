/*
 * test_sync — the protocol of uplift sync (model/sync.h) against a fake
 * chain server: the chain_* functions are link seams (test_sync.wrap)
 * standing for a server that keeps rows by their keys with ON CONFLICT
 * semantics and makes a transaction's rows durable only at COMMIT.  The
 * shop's side is the real store on a real file.
 *
 * A crash is a failure injected at the k-th call to the server, of two
 * kinds: before the call has any effect, or after it (a COMMIT the server
 * made whose answer never came back — the case that doubles rows when
 * the watermark is moved too early, and loses them when it is moved
 * before the COMMIT).  For every k of a run, both kinds: the crashed run,
 * then a clean one, then every local row must be on the server exactly
 * once with its latest values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/baskets.h"
#include "model/chain.h"
#include "model/mine.h"
#include "model/store.h"
#include "model/store_catalog.h"
#include "model/store_customers.h"
#include "model/store_offers.h"
#include "model/store_orders.h"
#include "model/store_privacy.h"
#include "model/store_report.h"
#include "model/store_sync.h"
#include "model/sync.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

/* ---- the fake server -------------------------------------------------------- */

struct frow {
	char *tbl, *key, *row;
};

struct fdb {
	struct frow *v;
	size_t       n;
	int64_t      next_id;    /* the chain's customer ids */
};

static struct fdb committed, pending;
static int in_tx;
/* The chain's key of customer codes the fake server gives. */
#define CODE_KEY \
	"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
/* What the fake server sends down as its customers (NULL: none). */
static const char *const *down_customer;
static long calls, fail_at;
static int fail_after;

static void
fdb_clear(struct fdb *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].tbl);
		free(d->v[i].key);
		free(d->v[i].row);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

static void
fdb_copy(struct fdb *to, const struct fdb *from)
{
	size_t i;

	fdb_clear(to);
	to->v = xcalloc(from->n + 1, sizeof *to->v);
	for (i = 0; i < from->n; i++) {
		to->v[i].tbl = xstrdup(from->v[i].tbl);
		to->v[i].key = xstrdup(from->v[i].key);
		to->v[i].row = xstrdup(from->v[i].row);
	}
	to->n = from->n;
	to->next_id = from->next_id;
}

static struct frow *
fdb_find(struct fdb *d, const char *tbl, const char *key)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].tbl, tbl) == 0 && strcmp(d->v[i].key, key) == 0)
			return &d->v[i];
	return NULL;
}

static void
fdb_put(struct fdb *d, const char *tbl, const char *key, const char *row)
{
	struct frow *f = fdb_find(d, tbl, key);

	if (f != NULL) {
		free(f->row);
		f->row = xstrdup(row);
		return;
	}
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n].tbl = xstrdup(tbl);
	d->v[d->n].key = xstrdup(key);
	d->v[d->n].row = xstrdup(row);
	d->n++;
}

static size_t
fdb_count(const struct fdb *d, const char *tbl)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += strcmp(d->v[i].tbl, tbl) == 0;
	return n;
}

/* The columns of row i with flag (all with 0), joined. */
static char *
join(const struct sync_rows *r, size_t i, const struct sync_col *cols,
    int flag)
{
	char *s = xstrdup(""), *t;
	size_t k;

	for (k = 0; k < r->ncols; k++) {
		const char *v = sync_rows_get(r, i, k);

		if (flag != 0 && !(cols[k].flags & flag))
			continue;
		t = xasprintf("%s%s%s", s, *s ? "\x1f" : "", v ? v : "\x1e");
		free(s);
		s = t;
	}
	return s;
}

/* A call to the server: 1 when this one is to fail (*after: its effect
 * happens first). */
static int
inject(int *after)
{
	if (++calls == fail_at) {
		*after = fail_after;
		return 1;
	}
	*after = 0;
	return 0;
}

/* The connection is gone: its transaction with it. */
static int
crashed(char **cause)
{
	in_tx = 0;
	fdb_clear(&pending);
	*cause = xstrdup("injected failure");
	return -1;
}

int __wrap_chain_hello(struct chain *, const char *, struct chain_hello *,
    char **);
int __wrap_chain_claim_currency(struct chain *, char *, int *, char **);
int __wrap_chain_begin(struct chain *, char **);
int __wrap_chain_commit(struct chain *, char **);
void __wrap_chain_rollback(struct chain *);
int __wrap_chain_put_rows(struct chain *, const struct sync_up *,
    const char *, const struct sync_rows *, int, int64_t *, char **);
int __wrap_chain_put_customers(struct chain *, const char *,
    const struct sync_rows *, struct sync_rows *, char **);
int __wrap_chain_update_customers(struct chain *, const struct sync_rows *,
    char **);
int __wrap_chain_erase_customers(struct chain *, const int64_t *, size_t,
    char **);
int __wrap_chain_link_customers(struct chain *, const char *,
    const int64_t *, const int64_t *, size_t, char **);
int __wrap_chain_shop_synced(struct chain *, int64_t, int64_t, double,
    char **);
int __wrap_chain_down_begin(struct chain *, int64_t *, char **);
int __wrap_chain_get_rows(struct chain *, const struct sync_down *, int64_t,
    struct sync_rows *, char **);
int __wrap_chain_model_latest(struct chain *, char *, char **);
int __wrap_chain_model_get(struct chain *, const char *, void **, size_t *,
    int64_t *, char **);

int
__wrap_chain_hello(struct chain *c, const char *shop, struct chain_hello *h,
    char **cause)
{
	int after;

	(void)c;
	if (inject(&after))
		return crashed(cause);
	memset(h, 0, sizeof *h);
	snprintf(h->chain_id, sizeof h->chain_id, "test-chain");
	snprintf(h->shop, sizeof h->shop, "%s", shop);
	snprintf(h->code_key, sizeof h->code_key, "%s", CODE_KEY);
	return 0;
}

int
__wrap_chain_claim_currency(struct chain *c, char *cur, int *scale,
    char **cause)
{
	(void)c;
	(void)cur;
	(void)scale;
	(void)cause;
	return 0;
}

int
__wrap_chain_begin(struct chain *c, char **cause)
{
	int after;

	(void)c;
	if (inject(&after))
		return crashed(cause);
	assert_false(in_tx);
	in_tx = 1;
	fdb_copy(&pending, &committed);
	return 0;
}

int
__wrap_chain_commit(struct chain *c, char **cause)
{
	int after;

	(void)c;
	assert_true(in_tx);
	if (inject(&after)) {
		if (after)              /* made durable; the answer is lost */
			fdb_copy(&committed, &pending);
		return crashed(cause);
	}
	fdb_copy(&committed, &pending);
	fdb_clear(&pending);
	in_tx = 0;
	return 0;
}

void
__wrap_chain_rollback(struct chain *c)
{
	(void)c;
	in_tx = 0;
	fdb_clear(&pending);
}

int
__wrap_chain_put_rows(struct chain *c, const struct sync_up *t,
    const char *shop, const struct sync_rows *r, int update, int64_t *added,
    char **cause)
{
	size_t i;
	int after;

	(void)c;
	(void)shop;
	*added = 0;
	assert_true(in_tx);
	if (inject(&after) && !after)
		return crashed(cause);
	for (i = 0; i < r->n; i++) {
		char *key = join(r, i, t->cols, SYNC_KEY);
		char *row = join(r, i, t->cols, 0);
		struct frow *f = fdb_find(&pending, t->name, key);

		if (f == NULL) {
			fdb_put(&pending, t->name, key, row);
			(*added)++;
		} else if (update)
			fdb_put(&pending, t->name, key, row);
		else {
			/* a row sent again must be the same row */
			assert_string_equal(f->row, row);
		}
		free(key);
		free(row);
	}
	if (calls == fail_at)
		return crashed(cause);
	return 0;
}

int
__wrap_chain_put_customers(struct chain *c, const char *shop,
    const struct sync_rows *r, struct sync_rows *links, char **cause)
{
	size_t i;
	int after;

	(void)c;
	(void)shop;
	sync_rows_init(links, 4);
	assert_true(in_tx);
	if (inject(&after) && !after)
		return crashed(cause);
	for (i = 0; i < r->n; i++) {
		const char *key = sync_rows_get(r, i, 1);
		struct frow *f = fdb_find(&pending, "customer", key);
		char *row = join(r, i, sync_customer_cols, 0), id[32];
		const char *v[4];

		if (f == NULL) {
			char *k = xasprintf("%lld", (long long)++pending.next_id);

			fdb_put(&pending, "customer", key, k);
			fdb_put(&pending, "customer_row", k, row);
			free(k);
			f = fdb_find(&pending, "customer", key);
		}
		snprintf(id, sizeof id, "%s", f->row);
		v[0] = sync_rows_get(r, i, 0);
		v[1] = id;
		v[2] = "1";
		v[3] = "0";
		sync_rows_add(links, v);
		free(row);
	}
	if (calls == fail_at)
		return crashed(cause);
	return 0;
}

int
__wrap_chain_update_customers(struct chain *c, const struct sync_rows *r,
    char **cause)
{
	size_t i;
	int after;

	(void)c;
	assert_true(in_tx);
	if (inject(&after) && !after)
		return crashed(cause);
	for (i = 0; i < r->n; i++) {
		char *row = join(r, i, sync_customer_cols, 0);

		/* the row holds the chain's id first: as customer_row keeps
		 * it (the local id) only the other columns are compared */
		fdb_put(&pending, "customer_update", sync_rows_get(r, i, 0),
		    strchr(row, '\x1f') + 1);
		free(row);
	}
	if (calls == fail_at)
		return crashed(cause);
	return 0;
}

int
__wrap_chain_erase_customers(struct chain *c, const int64_t *ids, size_t n,
    char **cause)
{
	char k[32];
	size_t i;
	int after;

	(void)c;
	assert_true(in_tx);
	if (inject(&after) && !after)
		return crashed(cause);
	for (i = 0; i < n; i++) {
		snprintf(k, sizeof k, "%lld", (long long)ids[i]);
		fdb_put(&pending, "erased", k, "1");
	}
	if (calls == fail_at)
		return crashed(cause);
	return 0;
}

int
__wrap_chain_link_customers(struct chain *c, const char *shop,
    const int64_t *local, const int64_t *chain_ids, size_t n, char **cause)
{
	char k[32], v[32];
	size_t i;
	int after;

	(void)c;
	(void)shop;
	assert_true(in_tx);
	if (inject(&after) && !after)
		return crashed(cause);
	for (i = 0; i < n; i++) {
		snprintf(k, sizeof k, "%lld", (long long)local[i]);
		snprintf(v, sizeof v, "%lld", (long long)chain_ids[i]);
		fdb_put(&pending, "link", k, v);
	}
	if (calls == fail_at)
		return crashed(cause);
	return 0;
}

int
__wrap_chain_shop_synced(struct chain *c, int64_t up, int64_t down,
    double secs, char **cause)
{
	int after;

	(void)c;
	(void)up;
	(void)down;
	(void)secs;
	if (inject(&after))
		return crashed(cause);
	return 0;
}

int
__wrap_chain_down_begin(struct chain *c, int64_t *horizon, char **cause)
{
	int after;

	(void)c;
	if (inject(&after))
		return crashed(cause);
	in_tx = 1;
	fdb_copy(&pending, &committed);
	*horizon = 1000;
	return 0;
}

int
__wrap_chain_get_rows(struct chain *c, const struct sync_down *t,
    int64_t since, struct sync_rows *out, char **cause)
{
	int after;

	(void)c;
	(void)since;
	sync_rows_init(out, t->ncols);
	if (inject(&after))
		return crashed(cause);
	if (down_customer != NULL && strcmp(t->name, "customer") == 0)
		sync_rows_add(out, down_customer);
	return 0;
}

int
__wrap_chain_model_latest(struct chain *c, char *sha, char **cause)
{
	int after;

	(void)c;
	sha[0] = '\0';
	if (inject(&after))
		return crashed(cause);
	return 0;
}

int
__wrap_chain_model_get(struct chain *c, const char *sha, void **data,
    size_t *size, int64_t *built, char **cause)
{
	(void)c;
	(void)sha;
	(void)data;
	(void)size;
	(void)built;
	*cause = xstrdup("no model");
	return -1;
}

/* ---- a shop ------------------------------------------------------------------ */

#define NOW 1795000000LL       /* civil seconds, 2026-11-18 */

static struct store *
open_ok(const char *path)
{
	struct store *s = NULL;
	char *cause = NULL;

	if (store_open(&s, path, STORE_CREATE, &cause) != 0)
		fail_msg("store_open: %s", cause);
	return s;
}

static int64_t
item(struct store *s, const char *sku, int64_t price)
{
	struct item it;
	char *cause = NULL;
	int64_t id;

	memset(&it, 0, sizeof it);
	it.sku = (char *)sku;
	it.name = (char *)sku;
	it.tier = 1;
	it.brand_tier = 2;
	it.price = price;
	it.stock = ITEM_NO_STOCK;
	it.kind = STORE_KIND_KEEP;
	assert_int_equal(store_item_put(s, &it, &id, &cause), 0);
	return id;
}

static int64_t
customer(struct store *s, const char *code, const char *name,
    const char *loyalty)
{
	struct customer c;
	char *cause = NULL;
	int64_t id;

	memset(&c, 0, sizeof c);
	c.code = (char *)code;
	c.name = (char *)name;
	c.loyalty = (char *)loyalty;
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_customer_put(s, &c, &id, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	return id;
}

static int64_t
sale(struct store *s, int64_t cust, int64_t at, int64_t a, int64_t b)
{
	struct sale_line l[2] = { { a, 1, 100 }, { b, 2, 250 } };
	char *cause = NULL;
	int64_t id;

	assert_int_equal(store_sale_add(s, cust, at, l, 2, &id, &cause), 0);
	return id;
}

static int64_t
offer(struct store *s, int64_t cust, int64_t item_id, int outcome,
    int64_t at)
{
	struct offer_rec o;
	char *cause = NULL;
	int64_t id;

	memset(&o, 0, sizeof o);
	o.at = at;
	o.counter = "till";
	o.customer_id = cust;
	o.item_id = item_id;
	o.kind = 1;
	o.price_diff = 150;
	o.outcome = outcome;
	assert_int_equal(store_offer_add(s, &o, &id, &cause), 0);
	return id;
}

/* A shop with customers, sales, offers (one declined) and audit rows. */
static const char *
make_shop(int64_t *declined)
{
	const char *path = util_tmp_path("shop.db");
	struct store *s = open_ok(path);
	char *cause = NULL;
	int64_t a, b, c1, c2;
	int i;

	a = item(s, "SOAP", 100);
	b = item(s, "SHAMPOO", 250);
	c1 = customer(s, "C1", "Ann", "L-1");
	c2 = customer(s, "C2", "Bob", NULL);
	for (i = 0; i < 12; i++)
		sale(s, i % 3 == 0 ? 0 : (i % 2 ? c1 : c2), NOW + i * 60, a, b);
	for (i = 0; i < 7; i++)
		offer(s, c1, b, i % 3, NOW + i * 60);
	*declined = offer(s, c2, a, 2, NOW + 3600);
	assert_int_equal(store_audit_add(s, NOW, 0, "test", "one", &cause), 0);
	assert_int_equal(store_audit_add(s, NOW, 0, "test", "two", &cause), 0);
	store_close(&s);
	return path;
}

/* More of everything, and rows already sent changed. */
static void
change_shop(const char *path, int64_t declined)
{
	struct store *s = open_ok(path);
	char *cause = NULL;
	int64_t a, c3, id;

	assert_int_equal(store_item_id(s, "SOAP", &a, &cause), 1);
	c3 = customer(s, "C3", "Cat", "L-3");
	sale(s, c3, NOW + 9000, a, a);
	offer(s, c3, a, 1, NOW + 9000);
	/* a reason given after the decline went up */
	assert_int_equal(store_offer_reason(s, declined, 4, &cause), 0);
	/* a sale marked as one that took an offer, after it went up */
	assert_int_equal(store_order_id(s, "POS1", &id, &cause), 1);
	assert_int_equal(store_order_mark_offer(s, id, &cause), 0);
	/* a customer made here changed, another erased */
	assert_int_equal(store_customer_id(s, "C1", &id, &cause), 1);
	{
		struct customer c;

		memset(&c, 0, sizeof c);
		c.code = (char *)"C1";
		c.name = (char *)"Ann Other";
		c.loyalty = (char *)"L-1";
		assert_int_equal(store_begin(s, &cause), 0);
		assert_int_equal(store_customer_put(s, &c, &id, &cause), 0);
		assert_int_equal(store_commit(s, &cause), 0);
	}
	assert_int_equal(store_customer_id(s, "C2", &id, &cause), 1);
	assert_int_equal(store_customer_erase(s, id, 0, NOW, &cause), 0);
	assert_int_equal(store_audit_add(s, NOW, 0, "test", "three", &cause), 0);
	store_close(&s);
}

/* One sync of the file at path (a process: opened, run, closed). */
static int
sync_once(const char *path, struct sync_report *rep)
{
	struct store *s = open_ok(path);
	char *cause = NULL;
	int rc;

	in_tx = 0;
	rc = sync_run(s, (struct chain *)&committed, "A", NOW + 10000, NULL,
	    NULL, rep, &cause);
	free(cause);
	store_close(&s);
	return rc;
}

/* Every local row on the fake server exactly once, as it is now. */
static void
check_exact(const char *path)
{
	struct store *s = open_ok(path);
	struct sync_rows r;
	char *cause = NULL;
	size_t t, i;
	int64_t n;

	for (t = 0; t < sync_up_count; t++) {
		const struct sync_up *u = &sync_up_tables[t];

		sync_rows_init(&r, u->ncols);
		if (u->parent != NULL)
			assert_int_equal(store_sync_read_range(s, u, 0, INT64_MAX,
			    &r, &cause), 0);
		else
			assert_int_equal(store_sync_read(s, u, 0, 100000, &r,
			    &cause), 0);
		assert_int_equal(fdb_count(&committed, u->name), r.n);
		for (i = 0; i < r.n; i++) {
			char *key = join(&r, i, u->cols, SYNC_KEY);
			char *row = join(&r, i, u->cols, 0);
			struct frow *f = fdb_find(&committed, u->name, key);

			assert_non_null(f);
			assert_string_equal(f->row, row);
			free(key);
			free(row);
		}
		sync_rows_free(&r);
		/* and nothing waits */
		assert_int_equal(store_sync_pending(s, u, &n, &cause), 0);
		assert_int_equal(n, 0);
	}
	assert_int_equal(store_sync_pending(s, NULL, &n, &cause), 0);
	assert_int_equal(n, 0);
	store_close(&s);
}

static void
reset_server(void)
{
	fdb_clear(&committed);
	fdb_clear(&pending);
	in_tx = 0;
	calls = 0;
	fail_at = 0;
}

/* ---- tests ---------------------------------------------------------------------- */

/* Degenerate first: an empty shop syncs, sends nothing, twice. */
static void
test_empty(void **state)
{
	struct sync_report rep;
	const char *path = util_tmp_path("empty.db");
	struct store *s;

	(void)state;
	reset_server();
	s = open_ok(path);
	store_close(&s);
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(committed.n, 0);
	check_exact(path);
}

/* A clean run sends everything once; a second sends nothing. */
static void
test_clean(void **state)
{
	struct sync_report rep;
	const char *path;
	int64_t declined;
	size_t i;

	(void)state;
	reset_server();
	path = make_shop(&declined);
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(rep.customers_up, 2);
	for (i = 0; i < sync_up_count; i++)
		if (strcmp(sync_up_tables[i].name, "sale") == 0)
			assert_int_equal(rep.up[i], 12);
		else if (strcmp(sync_up_tables[i].name, "offer") == 0)
			assert_int_equal(rep.up[i], 8);
	check_exact(path);
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(rep.customers_up, 0);
	for (i = 0; i < sync_up_count; i++)
		assert_int_equal(rep.up[i], 0);
	change_shop(path, declined);
	assert_int_equal(sync_once(path, &rep), 0);
	/* the reason, the offer taken and Ann's new name went again */
	assert_int_equal(rep.up_changed, 3);
	assert_int_equal(rep.erased_up, 1);
	assert_non_null(fdb_find(&committed, "customer_update", "1"));
	assert_non_null(fdb_find(&committed, "erased", "2"));
	check_exact(path);
}

/* The schema 10 trigger that sent an offer row again: on its reason only. */
#define OLD_OFFER_TRIGGER \
	"DROP TRIGGER chain_offer_changed;" \
	" CREATE TRIGGER chain_offer_changed AFTER UPDATE OF reason ON offer" \
	" WHEN NEW.reason IS NOT OLD.reason AND EXISTS (SELECT 1 FROM" \
	" chain_state WHERE key = 'shop') BEGIN INSERT OR REPLACE INTO" \
	" chain_changed(tbl, id, seq) VALUES ('offer', NEW.id," \
	" coalesce((SELECT max(seq) FROM chain_changed), 0) + 1); END;"

/*
 * Issue 17: an answer undone after it went up goes again with its undone
 * mark (schema 11's trigger); and a file of schema 10, whose trigger did
 * not fire on undone, sends the rows it marked before the upgrade once
 * its migration to 11 ran.
 */
static void
test_offer_undone(void **state)
{
	struct sync_report rep;
	struct store *s;
	const char *path;
	char *cause = NULL, *q;
	int64_t declined;
	int rc;

	(void)state;
	reset_server();
	path = make_shop(&declined);
	assert_int_equal(sync_once(path, &rep), 0);
	s = open_ok(path);
	assert_int_equal(store_offer_undo(s, declined, NOW + 5000, &cause), 0);
	store_close(&s);
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(rep.up_changed, 1);
	check_exact(path);
	/* back to schema 10: its trigger, and an accept (offer 2) undone
	 * under it, which queued nothing */
	if (util_run(NULL, "command -v sqlite3 >/dev/null 2>&1") != 0)
		skip();
	q = util_shquote(path);
	rc = util_run(NULL, "sqlite3 %s \"" OLD_OFFER_TRIGGER
	    " UPDATE offer SET undone = %lld WHERE id = 2 AND outcome = 1;"
	    " PRAGMA user_version = 10;\"", q, (long long)NOW + 6000);
	assert_int_equal(rc, 0);
	rc = util_run(NULL, "sqlite3 %s \"SELECT count(*) FROM chain_changed"
	    " WHERE tbl = 'offer'\" | grep -qx 0", q);
	free(q);
	assert_int_equal(rc, 0);
	/* opened by this uplift: migrated to 11, the undone rows sent
	 * before (the decline undone above, and offer 2) go again */
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(rep.up_changed, 2);
	check_exact(path);
}

/*
 * A customer of another shop comes down, is sold to here, and the server
 * is told she is the chain's; then the chain erases her, and so does the
 * shop.
 */
static void
test_down_customer(void **state)
{
	static const char *const xena[] = { "77", "L:L-77", "B", "X77", "Xena",
	    "+44 7700 900777", NULL, "L-77", "en", NULL, NULL, "1", "0" };
	static const char *const gone[] = { "77", NULL, "B", "erased-77", "",
	    NULL, NULL, NULL, NULL, NULL, NULL, "0", "1" };
	struct sync_report rep;
	struct customer c;
	struct store *s;
	const char *path;
	char *cause = NULL, k[32];
	int64_t declined, id, soap;

	(void)state;
	reset_server();
	path = make_shop(&declined);
	down_customer = xena;
	assert_int_equal(sync_once(path, &rep), 0);
	down_customer = NULL;
	s = open_ok(path);
	assert_int_equal(store_customer_id(s, "X77", &id, &cause), 1);
	assert_int_equal(store_customer_get(s, id, &c, &cause), 1);
	assert_string_equal(c.name, "Xena");
	customer_clear(&c);
	/* hers to change where she was made, not here */
	memset(&c, 0, sizeof c);
	c.code = (char *)"X77";
	c.name = (char *)"Xena Changed";
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_customer_put(s, &c, &id, &cause), -1);
	assert_non_null(strstr(cause, "the chain's"));
	free(cause);
	cause = NULL;
	store_rollback(s);
	assert_int_equal(store_item_id(s, "SOAP", &soap, &cause), 1);
	sale(s, id, NOW + 7200, soap, soap);
	store_close(&s);
	/* her link goes up: the server can tell whose the sale is */
	snprintf(k, sizeof k, "%lld", (long long)id);
	assert_null(fdb_find(&committed, "link", k));
	assert_int_equal(sync_once(path, &rep), 0);
	assert_non_null(fdb_find(&committed, "link", k));
	assert_string_equal(fdb_find(&committed, "link", k)->row, "77");
	check_exact(path);
	/* a training copy of the shop is pseudonymised, the chain's
	 * customers with the rest */
	{
		size_t len;
		char *data = util_read_file(path, &len);

		s = open_ok(util_tmp_write("train-copy.db", data, len));
		free(data);
	}
	assert_int_equal(store_pseudonymise(s, &cause), 0);
	assert_int_equal(store_customer_get(s, id, &c, &cause), 1);
	assert_string_not_equal(c.name, "Xena");
	customer_clear(&c);
	store_close(&s);
	/* erased by the chain: erased here too, her sale kept */
	down_customer = gone;
	assert_int_equal(sync_once(path, &rep), 0);
	down_customer = NULL;
	assert_int_equal(rep.erased_down, 1);
	s = open_ok(path);
	assert_int_equal(store_customer_get(s, id, &c, &cause), 1);
	assert_string_equal(c.name, "");
	assert_null(c.phone);
	customer_clear(&c);
	store_close(&s);
	/* once only */
	down_customer = gone;
	assert_int_equal(sync_once(path, &rep), 0);
	down_customer = NULL;
	assert_int_equal(rep.erased_down, 0);
	check_exact(path);
}

/*
 * Issue 14's suppression list and a sync down: someone this shop erased
 * before they ever went up is not made again when the chain sends them;
 * an erased row stands for them, and their erasure goes up next.
 */
static void
test_down_suppressed(void **state)
{
	static const char *const yara[] = { "88", "C:Y88", "B", "Y88", "Yara",
	    "+44 7700 900888", NULL, NULL, "en", NULL, NULL, "1", "0" };
	struct sync_report rep;
	struct store *s;
	const char *path;
	char *cause = NULL;
	int64_t declined, id, n;
	struct store_stats st;

	(void)state;
	reset_server();
	path = make_shop(&declined);
	s = open_ok(path);
	id = customer(s, "Y88", "Yara", NULL);
	assert_int_equal(store_customer_erase(s, id, 0, NOW, &cause), 0);
	assert_int_equal(store_suppressed(s, "Y88", &cause), 1);
	assert_int_equal(store_stats(s, &st, &cause), 0);
	n = st.customers;
	store_close(&s);
	down_customer = yara;
	assert_int_equal(sync_once(path, &rep), 0);
	down_customer = NULL;
	s = open_ok(path);
	assert_int_equal(store_customer_id(s, "Y88", &id, &cause), 0);
	assert_int_equal(store_stats(s, &st, &cause), 0);
	assert_int_equal(st.customers, n + 1);  /* the erased stand-in */
	store_close(&s);
	assert_null(fdb_find(&committed, "erased", "88"));
	assert_int_equal(sync_once(path, &rep), 0);
	assert_int_equal(rep.erased_up, 1);
	assert_non_null(fdb_find(&committed, "erased", "88"));
	check_exact(path);
}

/*
 * Keyed customer codes in a chain: the file adopts the chain's key at its
 * first sync; a customer whose record holds the address they were coded
 * from takes the chain's code of it, one who does not keeps the file's;
 * the whole address finds both, and both are suppressed once erased.
 */
static void
test_code_key(void **state)
{
	struct sync_report rep;
	struct customer c;
	struct store *s;
	const char *path;
	char *cause = NULL, *before, *after;
	int64_t declined, nina, omar, id;

	(void)state;
	reset_server();
	path = make_shop(&declined);
	s = open_ok(path);
	memset(&c, 0, sizeof c);
	c.code = (char *)"nina.p@example.org";
	c.name = (char *)"Nina";
	c.email = (char *)"nina.p@example.org";
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_customer_put(s, &c, &nina, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	omar = customer(s, "omar.s@example.org", "Omar", NULL);
	before = store_customer_code(s, "Nina.P@example.org");
	store_close(&s);
	assert_int_equal(sync_once(path, &rep), 0);
	s = open_ok(path);
	after = store_customer_code(s, "nina.p@example.org");
	assert_string_not_equal(before, after);
	assert_int_equal(store_customer_get(s, nina, &c, &cause), 1);
	assert_string_equal(c.code, after);
	customer_clear(&c);
	assert_int_equal(store_customer_id(s, "NINA.P@example.org", &id,
	    &cause), 1);
	assert_int_equal(id, nina);
	assert_int_equal(store_customer_id(s, "omar.s@example.org", &id,
	    &cause), 1);
	assert_int_equal(id, omar);
	/* an import of Omar again finds him under the file's code */
	assert_int_equal(customer(s, "omar.s@example.org", "Omar S", NULL),
	    omar);
	assert_int_equal(store_customer_erase(s, omar, 0, NOW, &cause), 0);
	assert_int_equal(store_suppressed(s, "omar.s@example.org", &cause), 1);
	store_close(&s);
	free(before);
	free(after);
	/* a second sync keeps the key */
	assert_int_equal(sync_once(path, &rep), 0);
}

/* rows[0..n) of ncols values into one table's rows, applied as down. */
static void
apply_down(struct store *s, const char *table, size_t ncols,
    const char *const *vals, size_t n)
{
	struct sync_rows r;
	char *cause = NULL;
	int64_t applied;
	size_t i, t;

	for (t = 0; t < sync_down_count; t++)
		if (strcmp(sync_down_tables[t].name, table) == 0)
			break;
	assert_true(t < sync_down_count);
	assert_int_equal(sync_down_tables[t].ncols, ncols);
	sync_rows_init(&r, ncols);
	for (i = 0; i < n; i++)
		sync_rows_add(&r, vals + i * ncols);
	assert_int_equal(store_sync_down_begin(s, &cause), 0);
	if (store_sync_apply(s, "A", &sync_down_tables[t], &r, &applied,
	    &cause) != 0)
		fail_msg("apply %s: %s", table, cause);
	assert_int_equal(store_sync_down_commit(s, 5, NOW, &cause), 0);
	sync_rows_free(&r);
}

/*
 * What came down is the chain's: changing it here is refused with a
 * message saying where to change it; the same values again, the stock,
 * and the shop's own items are not.
 */
static void
test_owned(void **state)
{
	static const char *const items[] = {
	    "11", "SOAP", "Soap", "care", NULL, "1", "2", "120", NULL, NULL,
	    NULL, NULL, NULL, "0",
	    "12", "GEL", "Gel", "care", NULL, "1", "2", "300", NULL, NULL, NULL,
	    NULL, NULL, "0" };
	static const char *const cats[] = { "care", "30" };
	static const char *const bundles[] = { "B1", "Soap and gel", "380",
	    "GEL", "1", "B1", "Soap and gel", "380", "SOAP", "1" };
	static const char *const scripts[] = { "en", "bundle", "", "A", "1",
	    "Goes well with it." };
	const char *path = util_tmp_path("owned.db");
	struct store *s = open_ok(path);
	struct item it;
	struct category c;
	struct bundle b;
	struct bundle_item bi[1];
	struct script_row sr;
	struct sale_line l = { 0, 1, 120 };
	char *cause = NULL;
	int64_t soap, own, id;
	int existed;

	(void)state;
	own = item(s, "MINE", 50);
	apply_down(s, "category", 2, cats, 1);
	apply_down(s, "item", 14, items, 2);
	apply_down(s, "bundle", 5, bundles, 2);
	apply_down(s, "script", 6, scripts, 1);
	assert_int_equal(store_item_id(s, "SOAP", &soap, &cause), 1);

	/* the catalogue */
	assert_int_equal(store_item_get(s, soap, &it, &cause), 1);
	assert_int_equal(it.price, 120);
	it.price = 130;
	assert_int_equal(store_item_put(s, &it, &id, &cause), -1);
	assert_non_null(strstr(cause, "chain's catalogue"));
	free(cause);
	cause = NULL;
	it.price = 120;         /* the same again: nothing changes */
	assert_int_equal(store_item_put(s, &it, &id, &cause), 0);
	item_clear(&it);
	assert_int_equal(store_item_set_price(s, soap, 99, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_item_set_price(s, own, 99, &cause), 0);
	l.item_id = soap;       /* selling takes stock: allowed */
	assert_int_equal(store_sale_add(s, 0, NOW, &l, 1, &id, &cause), 0);
	assert_int_equal(store_item_benefit_put(s, soap, "bn", "x", &cause),
	    -1);
	free(cause);
	cause = NULL;

	/* categories, bundles, talking points */
	memset(&c, 0, sizeof c);
	c.name = (char *)"care";
	c.refill_days = 60;
	assert_int_equal(store_category_put(s, &c, &cause), -1);
	assert_non_null(strstr(cause, "category is the chain's"));
	free(cause);
	cause = NULL;
	memset(&b, 0, sizeof b);
	b.code = (char *)"B1";
	b.name = (char *)"Cheaper";
	b.price = 100;
	bi[0].item_id = soap;
	bi[0].qty = 1;
	b.items = bi;
	b.nitems = 1;
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_bundle_put(s, &b, &id, &existed, &cause), -1);
	assert_non_null(strstr(cause, "bundle is the chain's"));
	free(cause);
	cause = NULL;
	store_rollback(s);
	memset(&sr, 0, sizeof sr);
	sr.kind = (char *)"bundle";
	sr.scope = (char *)"";
	snprintf(sr.lang, sizeof sr.lang, "en");
	sr.variant = (char *)"A";
	sr.line = 1;
	sr.text = (char *)"Mine.";
	assert_int_equal(store_script_rows_put(s, "en", &sr, 1, &cause), -1);
	assert_non_null(strstr(cause, "talking points are the chain's"));
	free(cause);
	cause = NULL;
	/* a language the chain has not published is the shop's */
	snprintf(sr.lang, sizeof sr.lang, "bn");
	assert_int_equal(store_script_rows_put(s, "bn", &sr, 1, &cause), 0);
	store_close(&s);
}

/*
 * The chain's model numbers items by the chain's SKU registry; the shop
 * keeps it byte for byte and loads it with its own item ids (0 for an
 * item it does not have); a local rebuild is refused.
 */
static void
test_model_ids(void **state)
{
	static const char *const skus[] = { "101", "SOAP", "102", "GEL",
	    "103", "ELSEWHERE" };
	const char *path = util_tmp_path("model.db");
	struct store *s = open_ok(path);
	struct mine_params mp = mine_default_params();
	struct baskets b;
	struct model m;
	char *cause = NULL;
	void *blob, *got;
	size_t size, gsize;
	int64_t built, soap, gel;
	uint32_t ids[3], k;
	int i;

	(void)state;
	/* local ids that are not the chain's */
	item(s, "FIRST", 10);
	gel = item(s, "GEL", 300);
	soap = item(s, "SOAP", 120);
	baskets_init(&b);
	ids[0] = baskets_item(&b, "SOAP", 4);
	ids[1] = baskets_item(&b, "GEL", 3);
	ids[2] = baskets_item(&b, "ELSEWHERE", 9);
	b.ids = xcalloc(3, sizeof *b.ids);
	b.ids[ids[0]] = 101;
	b.ids[ids[1]] = 102;
	b.ids[ids[2]] = 103;
	for (i = 0; i < 30; i++)
		baskets_add(&b, ids, i % 3 == 0 ? 3 : 2);
	mp.fit = 0;
	assert_int_equal(mine_build(&b, &mp, NOW, &blob, &size, NULL, &cause), 0);
	baskets_free(&b);
	apply_down(s, "sku", 2, skus, 3);
	assert_int_equal(store_sync_down_begin(s, &cause), 0);
	assert_int_equal(store_sync_model_apply(s, "cafe", NOW, blob, size,
	    &cause), 0);
	assert_int_equal(store_sync_down_commit(s, 6, NOW, &cause), 0);

	assert_int_equal(store_model_load(s, MODEL_NAME, &got, &gsize, &built,
	    &cause), 1);
	assert_int_equal(gsize, size);
	assert_int_equal(mine_open(&m, got, gsize, &cause), 0);
	k = mine_index(&m, soap);
	assert_true(k != UINT32_MAX);
	assert_int_equal(m.store_id[k], soap);
	assert_true(mine_index(&m, gel) != UINT32_MAX);
	assert_int_equal(mine_pair_count(&m, mine_index(&m, soap),
	    mine_index(&m, gel)), 30);
	for (k = 0; k < m.nitems; k++)
		assert_true(m.store_id[k] == soap || m.store_id[k] == gel ||
		    m.store_id[k] == 0);
	mine_close(&m);
	/* kept as published, byte for byte */
	{
		char *out = NULL, *hex = xmalloc(2 * size + 2);
		size_t j;

		for (j = 0; j < size; j++)
			snprintf(hex + 2 * j, 3, "%02X",
			    ((const unsigned char *)blob)[j]);
		hex[2 * size] = '\n';
		hex[2 * size + 1] = '\0';
		assert_int_equal(util_run(&out, "sqlite3 %s 'SELECT hex(data)"
		    " FROM model'", path), 0);
		assert_string_equal(out, hex);
		free(out);
		free(hex);
	}
	/* this shop's own rebuild is refused */
	assert_int_equal(store_model_save(s, MODEL_NAME, NOW, blob, size,
	    &cause), -1);
	assert_non_null(strstr(cause, "the model is the chain's"));
	free(cause);
	free(blob);
	store_close(&s);
}

/* Crashes at every call of a run, before and after its effect. */
static void
crash_everywhere(int second)
{
	struct sync_report rep;
	const char *path;
	char *copy;
	long total, k;
	int64_t declined;
	int after, crashed_runs = 0;

	/* how many calls a run makes */
	reset_server();
	path = make_shop(&declined);
	if (second) {
		assert_int_equal(sync_once(path, &rep), 0);
		change_shop(path, declined);
	}
	copy = xstrdup(util_tmp_path("pristine.db"));
	assert_int_equal(util_run(NULL, "cp %s %s", path, copy), 0);
	calls = 0;
	{
		struct fdb keep;

		memset(&keep, 0, sizeof keep);
		fdb_copy(&keep, &committed);
		assert_int_equal(sync_once(path, &rep), 0);
		total = calls;
		fdb_copy(&committed, &keep);
		fdb_clear(&keep);
	}
	assert_true(total > 10);
	{
		struct fdb base;

		memset(&base, 0, sizeof base);
		fdb_copy(&base, &committed);
		for (k = 1; k <= total; k++)
			for (after = 0; after <= 1; after++) {
				assert_int_equal(util_run(NULL, "cp %s %s && rm -f "
				    "%s-wal %s-shm", copy, path, path, path), 0);
				fdb_copy(&committed, &base);
				calls = 0;
				fail_at = k;
				fail_after = after;
				if (sync_once(path, &rep) != 0)
					crashed_runs++;
				fail_at = 0;
				assert_int_equal(sync_once(path, &rep), 0);
				check_exact(path);
			}
		fdb_clear(&base);
	}
	/* every call that can fail made its run fail */
	assert_true(crashed_runs >= total);
	free(copy);
}

static void
test_crash_first_sync(void **state)
{
	(void)state;
	crash_everywhere(0);
}

static void
test_crash_after_changes(void **state)
{
	(void)state;
	crash_everywhere(1);
}

/* The file is bound to its chain and shop. */
static void
test_bind(void **state)
{
	const char *path = util_tmp_path("bind.db");
	struct store *s = open_ok(path);
	char *cause = NULL, *v = NULL;

	(void)state;
	assert_int_equal(store_sync_state(s, "shop", &v, &cause), 0);
	assert_null(v);
	assert_int_equal(store_sync_bind(s, "chain-1", "A", NULL, &cause), 0);
	assert_int_equal(store_sync_bind(s, "chain-1", "A", NULL, &cause), 0);
	assert_int_equal(store_sync_bind(s, "chain-1", "B", NULL, &cause), -1);
	assert_non_null(strstr(cause, "is shop A"));
	free(cause);
	assert_int_equal(store_sync_bind(s, "chain-2", "A", NULL, &cause), -1);
	assert_non_null(strstr(cause, "another chain"));
	free(cause);
	assert_int_equal(store_sync_state(s, "shop", &v, &cause), 1);
	assert_string_equal(v, "A");
	free(v);
	store_close(&s);
}

/* The watermark moves forward only. */
static void
test_mark_forward(void **state)
{
	const char *path = util_tmp_path("mark.db");
	struct store *s = open_ok(path);
	const struct sync_up *t = &sync_up_tables[0];
	char *cause = NULL;
	int64_t m;

	(void)state;
	assert_int_equal(store_sync_mark(s, "up:shop_item", &m, &cause), 0);
	assert_int_equal(m, 0);
	assert_string_equal(t->name, "shop_item");
	assert_int_equal(store_sync_up_done(s, t, 40, -1, &cause), 0);
	assert_int_equal(store_sync_up_done(s, t, 30, -1, &cause), 0);
	assert_int_equal(store_sync_mark(s, "up:shop_item", &m, &cause), 0);
	assert_int_equal(m, 40);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_mark_forward),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_offer_undone),
		cmocka_unit_test(test_down_customer),
		cmocka_unit_test(test_down_suppressed),
		cmocka_unit_test(test_code_key),
		cmocka_unit_test(test_owned),
		cmocka_unit_test(test_model_ids),
		cmocka_unit_test(test_crash_first_sync),
		cmocka_unit_test(test_crash_after_changes),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, util_tmp_setup, util_tmp_teardown);
	fdb_clear(&committed);
	fdb_clear(&pending);
	return rc;
}
