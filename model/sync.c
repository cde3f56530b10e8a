/*
 * sync.c — the protocol of uplift sync (sync.h): up, then down, each step
 * acknowledged locally only after the server's COMMIT.
 */
#include "model/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/chain.h"
#include "model/mine.h"
#include "model/store.h"
#include "model/store_sync.h"
#include "model/store_privacy.h"
#include "model/xalloc.h"

/* ---- rows as text ------------------------------------------------------------ */

void
sync_rows_init(struct sync_rows *r, size_t ncols)
{
	memset(r, 0, sizeof *r);
	r->ncols = ncols;
}

void
sync_rows_add(struct sync_rows *r, const char *const *vals)
{
	size_t i;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xreallocarray(r->v, r->cap * (r->ncols ? r->ncols : 1),
		    sizeof *r->v);
	}
	for (i = 0; i < r->ncols; i++)
		r->v[r->n * r->ncols + i] = vals[i] != NULL ? xstrdup(vals[i]) :
		    NULL;
	r->n++;
}

const char *
sync_rows_get(const struct sync_rows *r, size_t row, size_t col)
{
	if (row >= r->n || col >= r->ncols)
		return NULL;
	return r->v[row * r->ncols + col];
}

void
sync_rows_clear(struct sync_rows *r)
{
	size_t i;

	for (i = 0; i < r->n * r->ncols; i++)
		free(r->v[i]);
	r->n = 0;
}

void
sync_rows_free(struct sync_rows *r)
{
	sync_rows_clear(r);
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* rows [from, from + n) of src into dst (fresh). */
static void
rows_slice(const struct sync_rows *src, size_t from, size_t n,
    struct sync_rows *dst)
{
	size_t i;

	sync_rows_init(dst, src->ncols);
	for (i = from; i < from + n && i < src->n; i++)
		sync_rows_add(dst, (const char *const *)&src->v[i * src->ncols]);
}

/* ---- what comes down --------------------------------------------------------- */

static const char *const sku_cols[] = { "id", "sku" };
static const char *const category_cols[] = { "name", "refill_days" };
static const char *const item_cols[] = { "chain_id", "sku", "name",
    "category", "family", "tier", "brand_tier", "price", "barcode",
    "season_start", "season_end", "refill_days", "benefit", "kind" };
static const char *const benefit_cols[] = { "sku", "lang", "text" };
static const char *const bundle_cols[] = { "code", "name", "price", "sku",
    "qty" };
static const char *const script_cols[] = { "lang", "kind", "scope",
    "variant", "line", "text" };
static const char *const customer_cols[] = { "id", "ckey", "shop", "code",
    "name", "phone", "email", "loyalty", "lang", "segment", "country",
    "consent", "erased" };

#define DCOLS(v) v, sizeof v / sizeof v[0]

/* In the order they are applied: items need their SKUs and categories,
 * bundles and benefits their items. */
const struct sync_down sync_down_tables[] = {
	{ "sku", DCOLS(sku_cols) },
	{ "category", DCOLS(category_cols) },
	{ "item", DCOLS(item_cols) },
	{ "item_benefit", DCOLS(benefit_cols) },
	{ "bundle", DCOLS(bundle_cols) },
	{ "script", DCOLS(script_cols) },
	{ "customer", DCOLS(customer_cols) },
};
const size_t sync_down_count =
    sizeof sync_down_tables / sizeof sync_down_tables[0];

/* ---- a run ------------------------------------------------------------------- */

struct run {
	struct store      *s;
	struct chain      *c;
	const char        *shop;
	int64_t            now;
	sync_progress_fn   progress;
	void              *arg;
	struct sync_report *rep;
};

static void
say(struct run *r, const char *what, int64_t done)
{
	if (r->progress != NULL)
		r->progress(r->arg, what, done);
}

/* The currency: the chain's is the shop's. */
static int
agree_currency(struct run *r, const struct chain_hello *h, char **cause)
{
	char cur[4], want[4];
	int scale, wscale;

	store_currency(r->s, cur, &scale);
	if (cur[0] == '\0') {
		if (h->currency[0] == '\0')
			return 0;       /* nobody has one yet */
		return store_set_currency(r->s, h->currency, h->scale, cause);
	}
	memcpy(want, cur, 4);
	wscale = scale;
	if (chain_claim_currency(r->c, cur, &scale, cause) != 0)
		return -1;
	if (strcmp(cur, want) != 0 || scale != wscale) {
		*cause = xasprintf("this shop keeps %s amounts with %d decimals, "
		    "the chain %s with %d: a shop of the chain keeps the chain's "
		    "currency", want, wscale, cur, scale);
		return -1;
	}
	return 0;
}

static int
up_customers(struct run *r, char **cause)
{
	struct sync_rows rows, links;
	int64_t mark, *sup = NULL;
	size_t nsup = 0, i;
	int rc = -1, e;

	sync_rows_init(&rows, sync_customer_ncols);
	sync_rows_init(&links, 4);
	if (store_sync_mark(r->s, "up:customer", &mark, cause) != 0)
		goto out;
	for (;;) {
		if (store_sync_read_customers(r->s, mark, SYNC_BATCH, &rows,
		    cause) != 0)
			goto out;
		if (rows.n == 0)
			break;
		sync_rows_free(&links);
		if (chain_begin(r->c, cause) != 0 ||
		    chain_put_customers(r->c, r->shop, &rows, &links, cause) != 0 ||
		    chain_commit(r->c, cause) != 0) {
			chain_rollback(r->c);
			goto out;
		}
		if (store_sync_customers_done(r->s, &links, rows.last, &sup, &nsup,
		    cause) != 0)
			goto out;
		/* the chain erased these people: so does this shop */
		for (i = 0; i < nsup; i++) {
			e = store_customer_erase(r->s, sup[i], 0, r->now, cause);
			if (e < 0)
				goto out;
			free(*cause);
			*cause = NULL;
			r->rep->suppressed++;
		}
		xfree(&sup);
		r->rep->customers_up += (int64_t)rows.n;
		mark = rows.last;
		say(r, "up customer", r->rep->customers_up);
	}
	rc = 0;
out:
	free(sup);
	sync_rows_free(&rows);
	sync_rows_free(&links);
	return rc;
}

/*
 * What goes up as (local id, chain id) pairs of customers: read here,
 * sent in batches, each batch noted as sent here once the server has it.
 */
struct up_pairs {
	int (*read)(struct store *s, int64_t **local_ids, int64_t **chain_ids,
	    size_t *n, char **cause);
	int (*send)(struct run *r, const int64_t *local_ids,
	    const int64_t *chain_ids, size_t n, char **cause);
	int (*done)(struct store *s, const int64_t *ids, size_t n,
	    char **cause);
	int64_t *count;         /* in r->rep, or NULL */
};

/* Sends the pairs p reads, SYNC_BATCH a server transaction. */
static int
up_pairs_run(struct run *r, const struct up_pairs *p, char **cause)
{
	int64_t *lids = NULL, *cids = NULL;
	size_t n = 0, i, k;
	int rc = -1;

	if (p->read(r->s, &lids, &cids, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i += SYNC_BATCH) {
		k = n - i < SYNC_BATCH ? n - i : SYNC_BATCH;
		if (chain_begin(r->c, cause) != 0 ||
		    p->send(r, lids + i, cids + i, k, cause) != 0 ||
		    chain_commit(r->c, cause) != 0) {
			chain_rollback(r->c);
			goto out;
		}
		if (p->done(r->s, lids + i, k, cause) != 0)
			goto out;
		if (p->count != NULL)
			*p->count += (int64_t)k;
	}
	rc = 0;
out:
	free(cids);
	free(lids);
	return rc;
}

static int
read_erasures(struct store *s, int64_t **local_ids, int64_t **chain_ids,
    size_t *n, char **cause)
{
	return store_sync_read_erasures(s, chain_ids, local_ids, n, cause);
}

static int
send_links(struct run *r, const int64_t *local_ids, const int64_t *chain_ids,
    size_t n, char **cause)
{
	return chain_link_customers(r->c, r->shop, local_ids, chain_ids, n,
	    cause);
}

static int
send_erasures(struct run *r, const int64_t *local_ids,
    const int64_t *chain_ids, size_t n, char **cause)
{
	(void)local_ids;
	return chain_erase_customers(r->c, chain_ids, n, cause);
}

/* Customers linked here (that came down, or found by their key) whose
 * link the server does not know yet. */
static int
up_links(struct run *r, char **cause)
{
	const struct up_pairs p = { store_sync_read_unlinked, send_links,
	    store_sync_linked_done, NULL };

	return up_pairs_run(r, &p, cause);
}

/* Customers erased here whose erasure the server has not had yet. */
static int
up_erasures(struct run *r, char **cause)
{
	const struct up_pairs p = { read_erasures, send_erasures,
	    store_sync_erasures_done, &r->rep->erased_up };

	return up_pairs_run(r, &p, cause);
}

/* Send rows in batches inside one open server transaction. */
static int
put_batches(struct run *r, const struct sync_up *t,
    const struct sync_rows *rows, int update, char **cause)
{
	struct sync_rows part;
	int64_t added;
	size_t i;
	int rc = 0;

	for (i = 0; i < rows->n && rc == 0; i += SYNC_BATCH) {
		rows_slice(rows, i, SYNC_BATCH, &part);
		rc = t != NULL ? chain_put_rows(r->c, t, r->shop, &part, update,
		    &added, cause) : chain_update_customers(r->c, &part, cause);
		sync_rows_free(&part);
	}
	return rc;
}

static int
up_customer_changes(struct run *r, char **cause)
{
	struct sync_rows rows;
	int64_t seq = -1;
	int rc = -1;

	sync_rows_init(&rows, sync_customer_ncols);
	if (store_sync_read_customer_changes(r->s, &rows, &seq, cause) != 0)
		goto out;
	if (rows.n > 0) {
		if (chain_begin(r->c, cause) != 0 ||
		    put_batches(r, NULL, &rows, 1, cause) != 0 ||
		    chain_commit(r->c, cause) != 0) {
			chain_rollback(r->c);
			goto out;
		}
		r->rep->up_changed += (int64_t)rows.n;
	}
	rc = store_sync_changes_done(r->s, "customer", seq, cause);
out:
	sync_rows_free(&rows);
	return rc;
}

/* The children of table ti's rows after `from` up to rows->last, sent in
 * the open chain transaction.  kids is scratch.  0, or -1 with *cause. */
static int
up_children(struct run *r, size_t ti, int64_t from,
    const struct sync_rows *rows, struct sync_rows *kids, char **cause)
{
	const struct sync_up *t = &sync_up_tables[ti];
	size_t k;

	for (k = ti + 1; k < sync_up_count; k++) {
		const struct sync_up *ch = &sync_up_tables[k];

		if (ch->parent == NULL || strcmp(ch->parent, t->name) != 0)
			continue;
		sync_rows_free(kids);
		sync_rows_init(kids, ch->ncols);
		if (store_sync_read_range(r->s, ch, from, rows->last, kids,
		    cause) != 0 || put_batches(r, ch, kids, 0, cause) != 0)
			return -1;
		r->rep->up[k] += (int64_t)kids->n;
	}
	return 0;
}

/* Table ti's rows changed after they went up (those at or below mark),
 * in a transaction of their own.  rows is scratch.  0, or -1 with *cause. */
static int
up_changed(struct run *r, size_t ti, int64_t mark, struct sync_rows *rows,
    char **cause)
{
	const struct sync_up *t = &sync_up_tables[ti];
	int64_t seq;

	if (store_sync_read_changed(r->s, t, mark, rows, &seq, cause) != 0)
		return -1;
	if (seq < 0)
		return 0;
	if (rows->n > 0 && (chain_begin(r->c, cause) != 0 ||
	    put_batches(r, t, rows, 1, cause) != 0 ||
	    chain_commit(r->c, cause) != 0)) {
		chain_rollback(r->c);
		return -1;
	}
	r->rep->up_changed += (int64_t)rows->n;
	return store_sync_up_done(r->s, t, mark, seq, cause);
}

/* Table ti and its children: new rows in chunks, then the changed. */
static int
up_table(struct run *r, size_t ti, char **cause)
{
	const struct sync_up *t = &sync_up_tables[ti];
	struct sync_rows rows, kids;
	char *name = xasprintf("up:%s", t->name), *what;
	int64_t mark, cur, added;
	size_t b, nread;
	int rc = -1;

	what = xasprintf("up %s", t->name);
	sync_rows_init(&rows, t->ncols);
	sync_rows_init(&kids, 0);
	if (store_sync_mark(r->s, name, &mark, cause) != 0)
		goto out;
	for (;;) {
		cur = mark;
		nread = 0;
		if (chain_begin(r->c, cause) != 0)
			goto out;
		for (b = 0; b < SYNC_CHUNK; b++) {
			if (store_sync_read(r->s, t, cur, SYNC_BATCH, &rows,
			    cause) != 0)
				goto fail;
			if (rows.n == 0)
				break;
			if (chain_put_rows(r->c, t, r->shop, &rows, 0, &added,
			    cause) != 0)
				goto fail;
			r->rep->up[ti] += (int64_t)rows.n;
			nread += rows.n;
			/* the children of these rows, in the same transaction */
			if (up_children(r, ti, cur, &rows, &kids, cause) != 0)
				goto fail;
			cur = rows.last;
		}
		if (nread == 0) {
			chain_rollback(r->c);
			break;
		}
		if (chain_commit(r->c, cause) != 0)
			goto out;
		/* acknowledged: only now does the watermark move */
		if (store_sync_up_done(r->s, t, cur, -1, cause) != 0)
			goto out;
		mark = cur;
		say(r, what, r->rep->up[ti]);
	}
	/* rows changed after they went up */
	rc = up_changed(r, ti, mark, &rows, cause);
	goto out;
fail:
	chain_rollback(r->c);
out:
	sync_rows_free(&rows);
	sync_rows_free(&kids);
	free(name);
	free(what);
	return rc;
}

/* The customers the chain marks erased (column 12 "1"), each erased here
 * by the store's own erasure.  0, or -1 with *cause. */
static int
down_erasures(struct run *r, const struct sync_rows *cust, char **cause)
{
	size_t i;
	int e;

	for (i = 0; i < cust->n; i++) {
		const char *erased = sync_rows_get(cust, i, 12);

		if (erased == NULL || strcmp(erased, "1") != 0)
			continue;
		if (store_sync_erase_chain(r->s, strtoll(sync_rows_get(cust,
		    i, 0), NULL, 10), r->now, &e, cause) != 0)
			return -1;
		r->rep->erased_down += e;
	}
	return 0;
}

/* The fetched rows, and the model (sha, built, blob, size) when model is
 * 1, in one local transaction with the new horizon.  0, or -1 with *cause. */
static int
down_apply(struct run *r, struct sync_rows *rows, int model,
    const char *sha, int64_t built, const void *blob, size_t size,
    int64_t horizon, char **cause)
{
	size_t i;
	int64_t n;

	if (store_sync_down_begin(r->s, cause) != 0)
		return -1;
	for (i = 0; i < sync_down_count; i++) {
		if (store_sync_apply(r->s, r->shop, &sync_down_tables[i],
		    &rows[i], &n, cause) != 0) {
			store_sync_down_rollback(r->s);
			return -1;
		}
		r->rep->down[i] = n;
	}
	if (model == 1) {
		if (store_sync_model_apply(r->s, sha, built, blob, size,
		    cause) != 0) {
			store_sync_down_rollback(r->s);
			return -1;
		}
		r->rep->model_new = 1;
	}
	return store_sync_down_commit(r->s, horizon, r->now, cause);
}

static int
down(struct run *r, char **cause)
{
	struct sync_rows rows[16];
	char sha[72], *have = NULL, *key;
	void *blob = NULL;
	size_t size = 0, i, cust = SIZE_MAX;
	int64_t since, horizon, built = 0;
	int rc = -1, m;

	memset(rows, 0, sizeof rows);
	if (sync_down_count > 16) {
		*cause = xstrdup("too many tables come down (a bug)");
		return -1;
	}
	if (store_sync_mark(r->s, "down", &since, cause) != 0)
		return -1;
	key = xasprintf("model:%s", MODEL_NAME);
	m = store_sync_state(r->s, key, &have, cause);
	free(key);
	if (m < 0)
		return -1;
	/* one snapshot of the chain */
	if (chain_down_begin(r->c, &horizon, cause) != 0)
		goto out;
	for (i = 0; i < sync_down_count; i++) {
		say(r, "down", (int64_t)i);
		if (chain_get_rows(r->c, &sync_down_tables[i], since, &rows[i],
		    cause) != 0)
			goto fail;
		if (strcmp(sync_down_tables[i].name, "customer") == 0)
			cust = i;
	}
	if ((m = chain_model_latest(r->c, sha, cause)) < 0)
		goto fail;
	if (m == 1 && (have == NULL || strcmp(have, sha) != 0)) {
		say(r, "down model", 0);
		if ((m = chain_model_get(r->c, sha, &blob, &size, &built,
		    cause)) < 0)
			goto fail;
	} else
		m = 0;
	if (chain_commit(r->c, cause) != 0)
		goto out;
	/* erasures first, each by the store's own erasure */
	if (cust != SIZE_MAX && down_erasures(r, &rows[cust], cause) != 0)
		goto out;
	/* the rest in one local transaction, with the new horizon */
	if (down_apply(r, rows, m, sha, built, blob, size, horizon,
	    cause) != 0)
		goto out;
	r->rep->horizon = horizon;
	if (m == 1)
		snprintf(r->rep->model_sha, sizeof r->rep->model_sha, "%s", sha);
	else if (have != NULL)
		snprintf(r->rep->model_sha, sizeof r->rep->model_sha, "%s", have);
	rc = 0;
	goto out;
fail:
	chain_rollback(r->c);
out:
	for (i = 0; i < sync_down_count; i++)
		sync_rows_free(&rows[i]);
	free(blob);
	free(have);
	return rc;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
sync_run(struct store *s, struct chain *c, const char *shop, int64_t now,
    sync_progress_fn progress, void *arg, struct sync_report *rep,
    char **cause)
{
	struct chain_hello h;
	struct run r;
	int64_t up = 0, dn = 0;
	double t0 = seconds();
	size_t i;

	memset(rep, 0, sizeof *rep);
	r.s = s;
	r.c = c;
	r.shop = shop;
	r.now = now;
	r.progress = progress;
	r.arg = arg;
	r.rep = rep;
	if (sync_up_count > 16) {
		*cause = xstrdup("too many tables go up (a bug)");
		return -1;
	}
	if (chain_hello(c, shop, &h, cause) != 0 ||
	    store_sync_bind(s, h.chain_id, shop, h.code_key, cause) != 0 ||
	    agree_currency(&r, &h, cause) != 0)
		return -1;
	if (up_customers(&r, cause) != 0 || up_links(&r, cause) != 0 ||
	    up_erasures(&r, cause) != 0 ||
	    up_customer_changes(&r, cause) != 0)
		return -1;
	for (i = 0; i < sync_up_count; i++)
		if (sync_up_tables[i].parent == NULL && up_table(&r, i, cause) != 0)
			return -1;
	if (down(&r, cause) != 0)
		return -1;
	for (i = 0; i < sync_up_count; i++)
		up += rep->up[i];
	up += rep->customers_up + rep->up_changed + rep->erased_up;
	for (i = 0; i < sync_down_count; i++)
		dn += rep->down[i];
	dn += rep->erased_down + rep->model_new;
	return chain_shop_synced(c, up, dn, seconds() - t0, cause);
}
