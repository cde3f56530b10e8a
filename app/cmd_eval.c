/*
 * cmd_eval.c — uplift eval: the counter's question, asked of history.
 * Given what has been rung up so far, in that order, for this customer at
 * this time, is the next item among the top K suggestions?
 *
 * Protocol.  Orders before the split train everything: the mined model
 * and the fit of its weights (which holds out the latest of those orders,
 * never a test order).  Every later sale order with 2 or more distinct
 * products is a test: its products in the order they were rung up (the
 * first line of each), the last one hidden and the ones before it the
 * basket (--hide random hides one chosen by a fixed hash instead).  The
 * buyer is described by their orders before the test order — as the
 * counter knows them — and returns, cancelled orders and services are
 * left out.  A hit at K is the hidden product among the first K.  The
 * baselines are computed in the same run on the same baskets: the most
 * popular products, co-occurrence (the sum of the basket items'
 * confidences), the customer's own most-bought, and item-kNN (the sum of
 * cosines, the basket's items weighted equally), each filled up with the
 * most popular.  A basket file (--baskets) has no customers and no dates:
 * its last 20 % of lines (by position) are the tests.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/baskets.h"
#include "model/buyer.h"
#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/store_orders.h"
#include "model/text.h"
#include "model/xalloc.h"

#define EVAL_K      10          /* the longest list looked at           */
#define EVAL_CUTS   4
static const int cuts[EVAL_CUTS] = { 1, 3, 5, 10 };

/* An order: who, when, its products (catalogue indexes) as rung up. */
struct eorder {
	int64_t   customer;     /* 0: walk-in or unknown             */
	int64_t   at;
	size_t    first;        /* its items: pool[first .. first+n)  */
	size_t    n;
};

struct eset {
	struct eorder *v;
	size_t         n, cap;
	uint32_t      *pool;
	int64_t       *qty;     /* parallel to pool                   */
	size_t         npool, cappool;
	const struct catalog *cat;
};

static void
eset_add(struct eset *e, int64_t customer, int64_t at, const uint32_t *items,
    const int64_t *qty, size_t n)
{
	struct eorder *o;

	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 1024;
		e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
	}
	while (e->npool + n > e->cappool) {
		e->cappool = e->cappool ? 2 * e->cappool : 65536;
		e->pool = xreallocarray(e->pool, e->cappool, sizeof *e->pool);
		e->qty = xreallocarray(e->qty, e->cappool, sizeof *e->qty);
	}
	memcpy(e->pool + e->npool, items, n * sizeof *items);
	for (size_t i = 0; i < n; i++)
		e->qty[e->npool + i] = qty != NULL ? qty[i] : 1;
	o = &e->v[e->n++];
	o->customer = customer;
	o->at = at;
	o->first = e->npool;
	o->n = n;
	e->npool += n;
}

static const uint32_t *
items_of(const struct eset *e, const struct eorder *o)
{
	return e->pool + o->first;
}

/* The store's orders: products only, in the order rung up. */
static int
scan_order(void *arg, int64_t customer, int64_t at, const int64_t *items,
    const int64_t *qty, size_t n)
{
	struct eset *e = arg;
	uint32_t *buf = xmalloc((n + 1) * sizeof *buf), ci;
	int64_t *q = xmalloc((n + 1) * sizeof *q);
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if ((ci = catalog_index(e->cat, items[i])) != UINT32_MAX &&
		    e->cat->items[ci].kind == ITEM_PRODUCT) {
			q[k] = qty[i];
			buf[k++] = ci;
		}
	if (k > 0)
		eset_add(e, customer, at, buf, q, k);
	free(buf);
	free(q);
	return 0;
}

/* splitmix64: the hidden item of test order i with --hide random. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Order indexes of customers, by (customer, time, index). */
static const struct eset *bycust_e;

static int
bycust_cmp(const void *x, const void *y)
{
	const struct eorder *a = &bycust_e->v[*(const size_t *)x];
	const struct eorder *b = &bycust_e->v[*(const size_t *)y];

	if (a->customer != b->customer)
		return a->customer < b->customer ? -1 : 1;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

enum {
	M_UPLIFT, M_POPULAR, M_COOC, M_OWN, M_KNN, M_COUNT
};

static const char *method_names[M_COUNT] = {
	"uplift", "most popular", "co-occurrence (confidence sum)",
	"customer's own most-bought", "item-kNN (cosine)",
};

struct evalrun {
	const struct catalog *cat;
	const struct eset    *e;
	struct model          model;
	struct scorer        *sc;
	uint32_t             *popular;   /* products by train frequency     */
	size_t                npopular;
	double               *score;     /* scratch, by catalogue index      */
	uint32_t             *touched;
	uint8_t              *in_basket;
	size_t               *byc;       /* orders of customers (bycust_cmp) */
	size_t                nbyc;
	int64_t              *ids;       /* scratch: store ids               */
	long                  hits[M_COUNT][EVAL_CUTS];
	double                rr[M_COUNT];
	long                  tests, known;
};

/* Record where hidden is in top[0..n). */
static void
score_list(struct evalrun *r, int m, const uint32_t *top, size_t n,
    uint32_t hidden)
{
	size_t i;
	int c;

	for (i = 0; i < n && top[i] != hidden; i++)
		;
	if (i == n)
		return;
	r->rr[m] += 1.0 / (double)(i + 1);
	for (c = 0; c < EVAL_CUTS; c++)
		r->hits[m][c] += (int)i < cuts[c];
}

static int
contains(const uint32_t *v, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* Fill top[*n..EVAL_K) with the most popular not in the basket. */
static void
fill_popular(struct evalrun *r, uint32_t *top, size_t *n)
{
	size_t i;

	for (i = 0; i < r->npopular && *n < EVAL_K; i++) {
		uint32_t ci = r->popular[i];
		if (!r->in_basket[ci] && !contains(top, *n, ci))
			top[(*n)++] = ci;
	}
}

/* The EVAL_K best of the touched scores, then popularity. */
static void
top_of_scores(struct evalrun *r, size_t nt, uint32_t *top, size_t *n)
{
	size_t i, j;

	*n = 0;
	for (j = 0; j < EVAL_K; j++) {
		double best = 0;
		uint32_t bi = UINT32_MAX;
		for (i = 0; i < nt; i++) {
			uint32_t ci = r->touched[i];
			if (r->score[ci] > best || (r->score[ci] == best &&
			    best > 0 && ci < bi)) {
				best = r->score[ci];
				bi = ci;
			}
		}
		if (bi == UINT32_MAX)
			break;
		top[(*n)++] = bi;
		r->score[bi] = -1;
	}
	for (i = 0; i < nt; i++)
		r->score[r->touched[i]] = 0;
	fill_popular(r, top, n);
}

/* Co-occurrence (cosine 0: confidence) summed over the basket. */
static void
pair_top(struct evalrun *r, const uint32_t *basket, size_t nb, int cosine,
    uint32_t *top, size_t *n)
{
	const struct model *m = &r->model;
	size_t i, nt = 0;
	uint32_t p;

	for (i = 0; i < nb; i++) {
		uint32_t ma = mine_index(m, r->cat->items[basket[i]].id);
		if (ma == UINT32_MAX || m->freq[ma] == 0)
			continue;
		for (p = m->pstart[ma]; p < m->pstart[ma + 1]; p++) {
			const struct mine_pair *pr = &m->pairs[p];
			uint32_t ci = catalog_index(r->cat,
			    m->store_id[pr->item]);
			double v;

			if (ci == UINT32_MAX || r->in_basket[ci] ||
			    r->cat->items[ci].kind != ITEM_PRODUCT)
				continue;
			v = cosine ? pr->count / sqrt((double)m->freq[ma] *
			    m->freq[pr->item]) : (double)pr->count /
			    m->freq[ma];
			if (r->score[ci] == 0)
				r->touched[nt++] = ci;
			r->score[ci] += v;
		}
	}
	top_of_scores(r, nt, top, n);
}

/* The customer's own most-bought: by orders, then most recent. */
static void
own_top(struct evalrun *r, const struct buyer_hist *h, uint32_t *top,
    size_t *n)
{
	size_t i, nt = 0;

	for (i = 0; i < h->nbought; i++) {
		uint32_t ci = catalog_index(r->cat, h->bought[i].item_id);
		if (ci == UINT32_MAX || r->in_basket[ci])
			continue;
		r->score[ci] = h->bought[i].orders + 1e-12 *
		    (double)(h->bought[i].last_at % 1000000000);
		r->touched[nt++] = ci;
	}
	top_of_scores(r, nt, top, n);
}

/* The buyer of test order t: their latest earlier orders. */
static void
buyer_before(struct evalrun *r, size_t t, struct buyer_hist *h)
{
	const struct eset *e = r->e;
	const struct eorder *o = &e->v[t];
	struct buyer_order bo[BUYER_HISTORY_MAX];
	size_t lo = 0, hi = r->nbyc, mid, end, from, i, k, n = 0, used = 0;

	memset(h, 0, sizeof *h);
	while (lo < hi) {
		const struct eorder *x;
		mid = (lo + hi) / 2;
		x = &e->v[r->byc[mid]];
		if (x->customer < o->customer || (x->customer == o->customer &&
		    x->at < o->at))
			lo = mid + 1;
		else
			hi = mid;
	}
	end = lo;
	for (from = end; from > 0 && e->v[r->byc[from - 1]].customer ==
	    o->customer && end - from < BUYER_HISTORY_MAX; from--)
		;
	for (i = from; i < end; i++) {
		const struct eorder *x = &e->v[r->byc[i]];
		bo[n].at = x->at;
		bo[n].items = r->ids + used;
		bo[n].n = x->n;
		for (k = 0; k < x->n; k++)
			r->ids[used++] = r->cat->items[items_of(e, x)[k]].id;
		n++;
	}
	buyer_hist_build(h, bo, n);
}

static void
run_test(struct evalrun *r, size_t t, int hide_random, uint64_t seed)
{
	const struct eorder *o = &r->e->v[t];
	const uint32_t *items = items_of(r->e, o);
	uint32_t *basket, top[EVAL_K], hidden;
	int64_t *bids, *bq;
	struct suggestion out[EVAL_K];
	struct buyer_hist h;
	struct buyer b;
	size_t hx, i, nb = 0, n;

	hx = hide_random ? (size_t)(mix(seed ^ (uint64_t)t) % o->n) : o->n - 1;
	hidden = items[hx];
	basket = xmalloc(o->n * sizeof *basket);
	bids = xmalloc(o->n * sizeof *bids);
	bq = xmalloc(o->n * sizeof *bq);
	for (i = 0; i < o->n; i++)
		if (i != hx) {
			basket[nb] = items[i];
			bq[nb] = r->e->qty[o->first + i];
			bids[nb++] = r->cat->items[items[i]].id;
		}
	r->tests++;
	memset(&h, 0, sizeof h);
	if (o->customer != 0 && r->byc != NULL)
		buyer_before(r, t, &h);
	r->known += h.visits > 0;
	b = buyer_of(&h, o->customer);
	/* uplift: what the counter would show */
	n = scorer_rank_qty(r->sc, o->customer != 0 ? &b : NULL, bids, bq, nb,
	    o->at, out, EVAL_K);
	for (i = 0; i < n; i++)
		top[i] = catalog_index(r->cat, out[i].item_id);
	score_list(r, M_UPLIFT, top, n, hidden);
	for (i = 0; i < nb; i++)
		r->in_basket[basket[i]] = 1;
	n = 0;
	fill_popular(r, top, &n);
	score_list(r, M_POPULAR, top, n, hidden);
	pair_top(r, basket, nb, 0, top, &n);
	score_list(r, M_COOC, top, n, hidden);
	own_top(r, &h, top, &n);
	score_list(r, M_OWN, top, n, hidden);
	pair_top(r, basket, nb, 1, top, &n);
	score_list(r, M_KNN, top, n, hidden);
	for (i = 0; i < nb; i++)
		r->in_basket[basket[i]] = 0;
	buyer_hist_free(&h);
	free(basket);
	free(bids);
	free(bq);
}

static const uint32_t *pop_freq;

static int
pop_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	if (pop_freq[a] != pop_freq[b])
		return pop_freq[a] > pop_freq[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void
print_table(const struct evalrun *r)
{
	int m, c;

	printf("method\tHR@1\tHR@3\tHR@5\tHR@10\tMRR@10\n");
	for (m = 0; m < M_COUNT; m++) {
		if (m == M_OWN && r->byc == NULL)
			continue;
		printf("%s", method_names[m]);
		for (c = 0; c < EVAL_CUTS; c++)
			printf("\t%.4f", r->tests ? (double)r->hits[m][c] /
			    r->tests : 0.0);
		printf("\t%.4f\n", r->tests ? r->rr[m] / r->tests : 0.0);
	}
}

/* Options of "uplift eval", as given on its command line. */
struct eval_opts {
	int64_t  split;         /* train before this time (or position)  */
	int64_t  seed, fraction;
	char    *bpath;         /* a basket file, or NULL: the shop's sales */
	int      sep, hide_random;
};

/* Parse eval's arguments into *o, defaults first; EXIT_OK, or the exit
 * code to return with its message printed. */
static int
eval_parse_args(int argc, char **argv, struct eval_opts *o)
{
	char *v;
	const char *why;
	int rc;

	o->split = civil_days(2011, 10, 1) * CIVIL_DAY;
	o->seed = 1;
	o->fraction = 80;
	o->bpath = NULL;
	o->sep = 0;
	o->hide_random = 0;
	for (int j2 = 1; j2 < argc; j2++) {
		if ((rc = app_opt(&j2, argc, argv, "--split", &v)) != 0) {
			if (rc < 0 || civil_parse_time(v, strlen(v), &o->split,
			    &why) != 0) {
				app_error("--split: %s", rc < 0 ? "missing" : why);
				return EXIT_USAGE;
			}
		} else if ((rc = app_opt(&j2, argc, argv, "--hide", &v)) != 0) {
			if (rc < 0 || (strcmp(v, "last") != 0 &&
			    strcmp(v, "random") != 0)) {
				app_error("--hide is last or random");
				return EXIT_USAGE;
			}
			o->hide_random = strcmp(v, "random") == 0;
		} else if ((rc = app_opt(&j2, argc, argv, "--seed", &v)) != 0) {
			if (rc < 0 || money_parse_int(v, strlen(v), 0,
			    INT64_MAX, &o->seed, &why) != 0) {
				app_error("--seed is a whole number");
				return EXIT_USAGE;
			}
		} else if ((rc = app_opt(&j2, argc, argv, "--baskets",
		    &o->bpath)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&j2, argc, argv, "--sep", &v)) != 0) {
			if (rc < 0 || strlen(v) != 1) {
				app_error("--sep is one character");
				return EXIT_USAGE;
			}
			o->sep = (unsigned char)v[0];
		} else if ((rc = app_opt(&j2, argc, argv, "--train-percent",
		    &v)) != 0) {
			if (rc < 0 || money_parse_int(v, strlen(v), 1, 99,
			    &o->fraction, &why) != 0) {
				app_error("--train-percent is 1 to 99");
				return EXIT_USAGE;
			}
		} else
			return app_unknown_arg("eval", argv[j2]);
	}
	return EXIT_OK;
}

/* Read the basket file o->bpath into *file, a catalogue of its names
 * into *cat and one order per basket into *e (customer 0, at its
 * position); 0, or -1 with *cause set (caller frees). */
static int
eval_load_file(const struct eval_opts *o, struct baskets *file,
    struct catalog *cat, struct eset *e, char **cause)
{
	struct item *items;
	size_t i;

	if (baskets_read_file(file, o->bpath, o->sep, cause) != 0)
		return -1;
	items = xcalloc(file->nitems + 1, sizeof *items);
	for (i = 0; i < file->nitems; i++) {
		items[i].id = (int64_t)i + 1;
		items[i].sku = xstrdup(file->names[i]);
		items[i].name = xstrdup(file->names[i]);
		items[i].stock = ITEM_NO_STOCK;
		items[i].brand_tier = 2;
	}
	catalog_init(cat, items, file->nitems);
	e->cat = cat;
	for (i = 0; i < file->nbaskets; i++) {
		uint32_t *seq = xmalloc((file->start[i + 1] -
		    file->start[i] + 1) * sizeof *seq);
		size_t n;
		baskets_sequence(file, i, seq, &n);
		eset_add(e, 0, (int64_t)i, seq, NULL, n);
		free(seq);
	}
	return 0;
}

/* Read s's currency scale into *scale, its catalogue into *cat and its
 * orders into *e, counting in *ntrain those before split; 0, or -1 with
 * *cause set (caller frees). */
static int
eval_load_store(struct store *s, int64_t split, int *scale,
    struct catalog *cat, struct eset *e, size_t *ntrain, char **cause)
{
	char cur[4];
	size_t i;

	store_currency(s, cur, scale);
	if (catalog_load(cat, s, cause) != 0)
		return -1;
	e->cat = cat;
	if (store_order_scan(s, INT64_MAX, scan_order, e, cause) != 0)
		return -1;
	for (i = 0; i < e->n; i++)
		*ntrain += e->v[i].at < split;
	return 0;
}

/* Free what r and e own (the catalogue and the store are the caller's). */
static void
eval_run_free(struct evalrun *r, struct eset *e)
{
	scorer_free(&r->sc);
	mine_close(&r->model);
	free(r->popular);
	free(r->score);
	free(r->touched);
	free(r->in_basket);
	free(r->byc);
	free(r->ids);
	free(e->v);
	free(e->pool);
	free(e->qty);
}

/* Fill *train with cat's items and e's orders before split (with their
 * customer and time when meta); returns each item's count in those
 * orders (caller frees) and sets *maxlen to the longest of all orders. */
static uint32_t *
eval_train(struct baskets *train, const struct catalog *cat,
    const struct eset *e, int64_t split, int meta, size_t *maxlen)
{
	uint32_t *cfreq;
	size_t i, j;

	for (i = 0; i < cat->n; i++) {
		uint32_t k = baskets_item(train, cat->items[i].sku,
		    strlen(cat->items[i].sku));
		baskets_set_title(train, k, cat->items[i].name,
		    strlen(cat->items[i].name));
	}
	train->ids = xmalloc((cat->n + 1) * sizeof *train->ids);
	for (i = 0; i < cat->n; i++)
		train->ids[i] = cat->items[i].id;
	cfreq = xcalloc(cat->n + 1, sizeof *cfreq);
	for (i = 0; i < e->n; i++) {
		const struct eorder *o = &e->v[i];
		if (o->n > *maxlen)
			*maxlen = o->n;
		if (o->at >= split)
			continue;
		if (!meta)
			baskets_add(train, items_of(e, o), o->n);
		else
			baskets_add_meta(train, items_of(e, o), o->n,
			    o->customer, o->at);
		for (j = 0; j < o->n; j++)
			cfreq[items_of(e, o)[j]]++;
	}
	return cfreq;
}

/* Set up r's baselines and scratch over cat and e: the products by
 * cfreq, their train counts, and when by_customer the orders by
 * customer with room for histories of orders up to maxlen items. */
static void
eval_prepare(struct evalrun *r, const struct catalog *cat,
    const struct eset *e, const uint32_t *cfreq, int by_customer,
    size_t maxlen)
{
	size_t i;

	r->cat = cat;
	r->e = e;
	r->popular = xmalloc((cat->n + 1) * sizeof *r->popular);
	for (i = 0; i < cat->n; i++)
		if (cfreq[i] > 0 && cat->items[i].kind == ITEM_PRODUCT)
			r->popular[r->npopular++] = (uint32_t)i;
	pop_freq = cfreq;
	qsort(r->popular, r->npopular, sizeof *r->popular, pop_cmp);
	pop_freq = NULL;
	r->score = xcalloc(cat->n + 1, sizeof *r->score);
	r->touched = xmalloc((cat->n + 1) * sizeof *r->touched);
	r->in_basket = xcalloc(cat->n + 1, 1);
	if (by_customer) {
		r->byc = xmalloc((e->n + 1) * sizeof *r->byc);
		for (i = 0; i < e->n; i++)
			if (e->v[i].customer != 0)
				r->byc[r->nbyc++] = i;
		bycust_e = e;
		qsort(r->byc, r->nbyc, sizeof *r->byc, bycust_cmp);
		bycust_e = NULL;
		r->ids = xmalloc((BUYER_HISTORY_MAX * (maxlen + 1) + 1) *
		    sizeof *r->ids);
	}
}

/* Print the run's report: its data, what is hidden, the counts, the
 * model's fit ms and the table; s is the store (NULL with a file). */
static void
eval_print(const struct evalrun *r, const struct eval_opts *o,
    const struct store *s, size_t ntrain, const struct mine_stats *ms)
{
	char date[16];

	if (o->bpath != NULL)
		printf("data\t%s (%zu baskets; the first %lld %% train)\n",
		    o->bpath, r->e->n, (long long)o->fraction);
	else {
		civil_format_date(civil_day_of(o->split), date, sizeof date);
		printf("data\t%s (orders before %s train, later ones test)\n",
		    store_path(s), date);
	}
	printf("hidden\t%s\n", o->hide_random ? "one product chosen by a "
	    "fixed hash (--hide random)" : "the last product rung up; the "
	    "basket is the ones before it, in order");
	printf("train_orders\t%zu\ntest_orders\t%ld\n", ntrain, r->tests);
	if (o->bpath == NULL)
		printf("test_known_buyers\t%ld\nbuyers\tdescribed by their "
		    "orders before each test order\n", r->known);
	app_print_fit(stdout, ms, "\t");
	print_table(r);
}

int
cmd_eval(struct app *a, int argc, char **argv)
{
	struct evalrun r;
	struct eval_opts o;
	struct eset e;
	struct catalog cat;
	struct store *s = NULL;
	struct baskets train, file;
	struct mine_stats ms;
	struct mine_params mp = mine_default_params();
	struct scorer_config cfg;
	char *cause = NULL;
	size_t ntrain = 0, i, maxlen = 0;
	uint32_t *cfreq = NULL;
	void *blob;
	size_t size;
	int rc, scale = 2;

	memset(&r, 0, sizeof r);
	memset(&e, 0, sizeof e);
	memset(&cat, 0, sizeof cat);
	baskets_init(&train);
	baskets_init(&file);
	if ((rc = eval_parse_args(argc, argv, &o)) != EXIT_OK)
		return rc;
	if (app_load_config(a) != 0)
		return EXIT_FAIL;
	xalloc_bulk();

	if (o.bpath != NULL) {
		/* A basket file: no customers, no dates; split by position. */
		if (eval_load_file(&o, &file, &cat, &e, &cause) != 0)
			goto fail;
		ntrain = e.n * (size_t)o.fraction / 100;
		o.split = (int64_t)ntrain;
	} else {
		/* the shop's sales: a report (a file of baskets is not) */
		if (app_authorize(a, ACT_REPORT) != 0 ||
		    (s = app_open_store(a, 0)) == NULL)
			return EXIT_FAIL;
		if (eval_load_store(s, o.split, &scale, &cat, &e, &ntrain,
		    &cause) != 0)
			goto fail;
	}

	/* Train: the model (fitted on its own latest orders), popularity
	 * and nothing else, from the orders before the split only. */
	cfreq = eval_train(&train, &cat, &e, o.split, o.bpath == NULL,
	    &maxlen);
	if (mine_build(&train, &mp, a->now, &blob, &size, &ms, &cause) != 0 ||
	    mine_open(&r.model, blob, size, &cause) != 0)
		goto fail;
	eval_prepare(&r, &cat, &e, cfreq, o.bpath == NULL, maxlen);
	cfg = app_scorer_config(a, scale, NULL);
	cfg.max_suggestions = EVAL_K;
	r.sc = scorer_new(&cat, &r.model, &cfg);

	for (i = 0; i < e.n; i++)
		if (e.v[i].at >= o.split && e.v[i].n >= 2)
			run_test(&r, i, o.hide_random, (uint64_t)o.seed);

	eval_print(&r, &o, s, ntrain, &ms);
	rc = EXIT_OK;
	goto out;
fail:
	app_error("%s", cause);
	free(cause);
	rc = EXIT_FAIL;
out:
	eval_run_free(&r, &e);
	free(cfreq);
	baskets_free(&train);
	baskets_free(&file);
	catalog_free(&cat);
	store_close(&s);
	return rc;
}
