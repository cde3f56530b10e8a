/*
 * cmd_eval.c — uplift eval: how often the scorer's top K holds an item the
 * customer really bought, next to baselines computed the same way.
 *
 * The history is split in two: orders before the split train the model
 * and the buyers' histories; every later order with 2 or more products is
 * a test: one of its products (chosen by a fixed hash) is hidden and the
 * rest is the basket.  A hit is the hidden product among the top K.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/baskets.h"
#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/xalloc.h"

#define EVAL_MAXK 16

struct eorder {
	int64_t   customer;     /* 0: walk-in or unknown             */
	int64_t   at;
	uint32_t *items;        /* catalogue indexes, ascending       */
	size_t    n;
};

struct eset {
	struct eorder *v;
	size_t         n, cap;
	uint32_t      *pool;    /* all items                          */
	size_t         npool, cappool;
	const struct catalog *cat;
};

static void
eset_add(struct eset *e, int64_t customer, int64_t at, const uint32_t *items,
    size_t n)
{
	struct eorder *o;

	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 1024;
		e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
	}
	while (e->npool + n > e->cappool) {
		e->cappool = e->cappool ? 2 * e->cappool : 65536;
		e->pool = xreallocarray(e->pool, e->cappool, sizeof *e->pool);
	}
	memcpy(e->pool + e->npool, items, n * sizeof *items);
	o = &e->v[e->n++];
	o->customer = customer;
	o->at = at;
	o->items = (uint32_t *)(uintptr_t)e->npool;   /* fixed up later */
	o->n = n;
	e->npool += n;
}

static void
eset_fix(struct eset *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		e->v[i].items = e->pool + (uintptr_t)e->v[i].items;
}

static int
scan_order(void *arg, int64_t customer, int64_t at, const int64_t *items,
    size_t n)
{
	struct eset *e = arg;
	uint32_t buf[4096], k = 0, ci;
	size_t i;

	for (i = 0; i < n && k < sizeof buf / sizeof buf[0]; i++)
		if ((ci = catalog_index(e->cat, items[i])) != UINT32_MAX)
			buf[k++] = ci;
	if (k > 0)
		eset_add(e, customer, at, buf, k);
	return 0;
}

/* splitmix64: the hidden item of test order i. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Buyers of the training period, by customer id. */
struct ebuyer {
	int64_t        customer;
	struct bought *bought;      /* sorted by item id */
	size_t         n;
	uint32_t       visits;
	uint32_t      *ranked;      /* catalogue indexes by orders, desc */
};

static int
ebuyer_cmp(const void *x, const void *y)
{
	const struct ebuyer *a = x, *b = y;

	return a->customer < b->customer ? -1 : a->customer > b->customer;
}

static const struct ebuyer *
ebuyer_find(const struct ebuyer *v, size_t n, int64_t customer)
{
	struct ebuyer key = { .customer = customer };

	if (customer == 0)
		return NULL;
	return bsearch(&key, v, n, sizeof *v, ebuyer_cmp);
}

static const struct bought *rank_bought;

static int
ranked_cmp(const void *x, const void *y)
{
	const struct bought *a = &rank_bought[*(const uint32_t *)x];
	const struct bought *b = &rank_bought[*(const uint32_t *)y];

	if (a->orders != b->orders)
		return a->orders > b->orders ? -1 : 1;
	return a->item_id < b->item_id ? -1 : a->item_id > b->item_id;
}

static int
order_cust_cmp(const void *x, const void *y)
{
	const struct eorder *a = *(const struct eorder *const *)x;
	const struct eorder *b = *(const struct eorder *const *)y;

	if (a->customer != b->customer)
		return a->customer < b->customer ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

static struct ebuyer *
build_buyers(const struct eset *e, size_t ntrain, const struct catalog *cat,
    size_t *nout)
{
	struct eorder **by = xmalloc((ntrain + 1) * sizeof *by);
	struct bought *acc = xcalloc(cat->n + 1, sizeof *acc);
	uint32_t *touched = xmalloc((cat->n + 1) * sizeof *touched);
	struct ebuyer *v = NULL;
	size_t nb = 0, cap = 0, i, j, k, nt, m;

	for (i = 0, m = 0; i < ntrain; i++)
		if (e->v[i].customer != 0)
			by[m++] = &e->v[i];
	qsort(by, m, sizeof *by, order_cust_cmp);
	for (i = 0; i < m; i = j) {
		struct ebuyer *b;
		nt = 0;
		for (j = i; j < m && by[j]->customer == by[i]->customer; j++)
			for (k = 0; k < by[j]->n; k++) {
				uint32_t ci = by[j]->items[k];
				struct bought *a = &acc[ci];
				if (a->orders++ == 0) {
					touched[nt++] = ci;
					a->first_at = by[j]->at;
				}
				a->last_at = by[j]->at;
				a->qty++;
			}
		if (nb == cap) {
			cap = cap ? 2 * cap : 256;
			v = xreallocarray(v, cap, sizeof *v);
		}
		b = &v[nb++];
		b->customer = by[i]->customer;
		b->visits = (uint32_t)(j - i);
		b->n = nt;
		b->bought = xmalloc((nt + 1) * sizeof *b->bought);
		b->ranked = xmalloc((nt + 1) * sizeof *b->ranked);
		/* catalogue indexes ascend with item ids */
		for (k = 0; k < nt; k++)
			b->ranked[k] = touched[k];
		for (k = 1; k < nt; k++) {     /* sort the indexes */
			uint32_t t = b->ranked[k];
			size_t p = k;
			while (p > 0 && b->ranked[p - 1] > t) {
				b->ranked[p] = b->ranked[p - 1];
				p--;
			}
			b->ranked[p] = t;
		}
		for (k = 0; k < nt; k++) {
			b->bought[k] = acc[b->ranked[k]];
			b->bought[k].item_id = cat->items[b->ranked[k]].id;
			memset(&acc[b->ranked[k]], 0, sizeof acc[0]);
		}
		for (k = 0; k < nt; k++)
			b->ranked[k] = (uint32_t)k;
		rank_bought = b->bought;
		qsort(b->ranked, nt, sizeof *b->ranked, ranked_cmp);
		rank_bought = NULL;
		for (k = 0; k < nt; k++)   /* bought index -> catalogue index */
			b->ranked[k] = catalog_index(cat,
			    b->bought[b->ranked[k]].item_id);
	}
	free(by);
	free(acc);
	free(touched);
	qsort(v, nb, sizeof *v, ebuyer_cmp);
	*nout = nb;
	return v;
}

enum { M_UPLIFT, M_POPULAR, M_COOC, M_OWN, M_COUNT };

static const char *method_names[M_COUNT] = {
	"uplift", "most popular", "co-occurrence alone",
	"customer's own most-bought",
};

struct evalrun {
	const struct catalog *cat;
	struct model          model;
	struct scorer        *sc;
	uint32_t             *popular;   /* catalogue indexes by train freq */
	size_t                npopular;
	double               *score;     /* scratch for co-occurrence        */
	uint32_t             *touched;
	uint8_t              *in_basket;
	int                   k;
	long                  hits[M_COUNT];
	long                  tests;
	long                  known;     /* tests whose buyer had history   */
};

static int
contains(const uint32_t *v, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* Top K of popularity not in the basket, appended after *n given ones. */
static void
fill_popular(struct evalrun *r, uint32_t *top, size_t *n)
{
	size_t i;

	for (i = 0; i < r->npopular && *n < (size_t)r->k; i++) {
		uint32_t ci = r->popular[i];
		if (!r->in_basket[ci] && !contains(top, *n, ci))
			top[(*n)++] = ci;
	}
}

static void
cooc_top(struct evalrun *r, const uint32_t *basket, size_t nb, uint32_t *top,
    size_t *n)
{
	const struct model *m = &r->model;
	size_t i, nt = 0, j;
	uint32_t p;

	for (i = 0; i < nb; i++) {
		uint32_t ma = model_index(m, r->cat->items[basket[i]].id);
		if (ma == UINT32_MAX || m->freq[ma] == 0)
			continue;
		for (p = m->pstart[ma]; p < m->pstart[ma + 1]; p++) {
			uint32_t ci = catalog_index(r->cat,
			    m->store_id[m->pairs[p].item]);
			double conf = (double)m->pairs[p].count / m->freq[ma];
			if (ci == UINT32_MAX || r->in_basket[ci])
				continue;
			if (r->score[ci] == 0)
				r->touched[nt++] = ci;
			r->score[ci] = 1 - (1 - r->score[ci]) * (1 - conf);
		}
	}
	*n = 0;
	for (j = 0; j < (size_t)r->k; j++) {
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

static void
run_test(struct evalrun *r, const struct eorder *o, uint64_t seed, size_t idx,
    const struct ebuyer *buyers, size_t nbuyers)
{
	uint32_t basket[4096], top[EVAL_MAXK], hidden;
	int64_t ids[4096];
	struct suggestion out[EVAL_MAXK];
	const struct ebuyer *eb;
	struct buyer b;
	size_t h, i, nb = 0, n, k;

	h = (size_t)(mix(seed ^ (uint64_t)idx) % o->n);
	hidden = o->items[h];
	for (i = 0; i < o->n && nb < 4096; i++)
		if (i != h) {
			basket[nb] = o->items[i];
			ids[nb++] = r->cat->items[o->items[i]].id;
		}
	r->tests++;
	eb = ebuyer_find(buyers, nbuyers, o->customer);
	memset(&b, 0, sizeof b);
	if (eb != NULL) {
		r->known++;
		b.customer_id = eb->customer;
		b.bought = eb->bought;
		b.nbought = eb->n;
		b.visits = eb->visits;
	}
	/* uplift */
	n = scorer_rank(r->sc, eb ? &b : NULL, ids, nb, o->at, out,
	    (size_t)r->k);
	for (k = 0; k < n; k++)
		if (out[k].item_id == r->cat->items[hidden].id) {
			r->hits[M_UPLIFT]++;
			break;
		}
	for (i = 0; i < nb; i++)
		r->in_basket[basket[i]] = 1;
	/* most popular */
	n = 0;
	fill_popular(r, top, &n);
	r->hits[M_POPULAR] += contains(top, n, hidden);
	/* co-occurrence alone */
	cooc_top(r, basket, nb, top, &n);
	r->hits[M_COOC] += contains(top, n, hidden);
	/* the customer's own most-bought */
	n = 0;
	if (eb != NULL)
		for (i = 0; i < eb->n && n < (size_t)r->k; i++)
			if (!r->in_basket[eb->ranked[i]])
				top[n++] = eb->ranked[i];
	fill_popular(r, top, &n);
	r->hits[M_OWN] += contains(top, n, hidden);
	for (i = 0; i < nb; i++)
		r->in_basket[basket[i]] = 0;
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

int
cmd_eval(struct app *a, int argc, char **argv)
{
	struct evalrun r;
	struct eset e;
	struct catalog cat;
	struct store *s = NULL;
	struct baskets train, file;
	struct mine_stats ms;
	struct scorer_config cfg;
	struct ebuyer *buyers = NULL;
	char *v, *cause = NULL, *bpath = NULL, date[16];
	int64_t split = civil_days(2011, 10, 1) * CIVIL_DAY, k = 3, seed = 1;
	int64_t fraction = 80;
	size_t ntrain = 0, nbuyers = 0, i, j;
	uint32_t *cfreq = NULL;
	void *blob;
	size_t size;
	int sep = 0, rc;
	const char *why;

	memset(&r, 0, sizeof r);
	memset(&e, 0, sizeof e);
	memset(&cat, 0, sizeof cat);
	baskets_init(&train);
	baskets_init(&file);
	for (int j2 = 1; j2 < argc; j2++) {
		if ((rc = app_opt(&j2, argc, argv, "--split", &v)) != 0) {
			if (rc < 0 || civil_parse_time(v, strlen(v), &split,
			    &why) != 0) {
				app_error("--split: %s", rc < 0 ? "missing" : why);
				return EXIT_USAGE;
			}
		} else if ((rc = app_opt(&j2, argc, argv, "--top", &v)) != 0) {
			if (rc < 0 || money_parse_int(v, strlen(v), 1, EVAL_MAXK,
			    &k, &why) != 0) {
				app_error("--top is 1 to %d", EVAL_MAXK);
				return EXIT_USAGE;
			}
		} else if ((rc = app_opt(&j2, argc, argv, "--seed", &v)) != 0) {
			if (rc < 0 || money_parse_int(v, strlen(v), 0,
			    INT64_MAX, &seed, &why) != 0) {
				app_error("--seed is a whole number");
				return EXIT_USAGE;
			}
		} else if ((rc = app_opt(&j2, argc, argv, "--baskets",
		    &bpath)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&j2, argc, argv, "--sep", &v)) != 0) {
			if (rc < 0 || strlen(v) != 1) {
				app_error("--sep is one character");
				return EXIT_USAGE;
			}
			sep = (unsigned char)v[0];
		} else if ((rc = app_opt(&j2, argc, argv, "--train-percent",
		    &v)) != 0) {
			if (rc < 0 || money_parse_int(v, strlen(v), 1, 99,
			    &fraction, &why) != 0) {
				app_error("--train-percent is 1 to 99");
				return EXIT_USAGE;
			}
		} else {
			app_error("eval: unknown argument");
			app_usage(&app_commands[0], stderr);
			return EXIT_USAGE;
		}
	}
	if (app_load_config(a) != 0)
		return EXIT_FAIL;

	if (bpath != NULL) {
		/* A basket file: no customers, no dates; split by position. */
		struct item *items;
		if (baskets_read_file(&file, bpath, sep, &cause) != 0)
			goto fail;
		items = xcalloc(file.nitems + 1, sizeof *items);
		for (i = 0; i < file.nitems; i++) {
			items[i].id = (int64_t)i + 1;
			items[i].sku = xstrdup(file.names[i]);
			items[i].name = xstrdup(file.names[i]);
			items[i].stock = ITEM_NO_STOCK;
		}
		catalog_init(&cat, items, file.nitems);
		e.cat = &cat;
		for (i = 0; i < file.nbaskets; i++)
			eset_add(&e, 0, (int64_t)i, file.items + file.start[i],
			    file.start[i + 1] - file.start[i]);
		eset_fix(&e);
		ntrain = e.n * (size_t)fraction / 100;
		split = (int64_t)ntrain;
	} else {
		/* the shop's sales: a report (a file of baskets is not) */
		if (app_authorize(a, ACT_REPORT) != 0 ||
		    (s = app_open_store(a, 0)) == NULL)
			return EXIT_FAIL;
		if (catalog_load(&cat, s, &cause) != 0)
			goto fail;
		e.cat = &cat;
		if (store_order_scan(s, INT64_MAX, scan_order, &e, &cause) != 0)
			goto fail;
		eset_fix(&e);
		for (i = 0; i < e.n; i++)
			if (e.v[i].at < split)
				ntrain++;
	}

	/* Train: the model, popularity and buyers from the first part. */
	for (i = 0; i < cat.n; i++)
		baskets_item(&train, cat.items[i].sku, strlen(cat.items[i].sku));
	train.ids = xmalloc((cat.n + 1) * sizeof *train.ids);
	for (i = 0; i < cat.n; i++)
		train.ids[i] = cat.items[i].id;
	cfreq = xcalloc(cat.n + 1, sizeof *cfreq);
	for (i = 0; i < e.n; i++) {
		if (e.v[i].at >= split)
			continue;
		baskets_add(&train, e.v[i].items, e.v[i].n);
		for (j = 0; j < e.v[i].n; j++)
			cfreq[e.v[i].items[j]]++;
	}
	{
		struct mine_params mp = mine_default_params();
		if (mine_build(&train, &mp, a->now, &blob, &size, &ms,
		    &cause) != 0 || model_open(&r.model, blob, size, &cause) != 0)
			goto fail;
	}
	r.cat = &cat;
	r.k = (int)k;
	r.popular = xmalloc((cat.n + 1) * sizeof *r.popular);
	for (i = 0; i < cat.n; i++)
		if (cfreq[i] > 0)
			r.popular[r.npopular++] = (uint32_t)i;
	pop_freq = cfreq;
	qsort(r.popular, r.npopular, sizeof *r.popular, pop_cmp);
	pop_freq = NULL;
	r.score = xcalloc(cat.n + 1, sizeof *r.score);
	r.touched = xmalloc((cat.n + 1) * sizeof *r.touched);
	r.in_basket = xcalloc(cat.n + 1, 1);
	if (bpath == NULL) {
		/* Buyers know only what they bought before the split. */
		struct eset only = e;
		size_t m = 0;

		only.v = xmalloc((e.n + 1) * sizeof *only.v);
		for (i = 0; i < e.n; i++)
			if (e.v[i].at < split)
				only.v[m++] = e.v[i];
		only.n = m;
		buyers = build_buyers(&only, m, &cat, &nbuyers);
		free(only.v);
	}
	cfg = scorer_default_config();
	cfg.max_suggestions = (int)k;
	cfg.upgrade_cap_percent = a->config->upgrade_cap_percent;
	cfg.cooldown_days = a->config->cooldown_days;
	cfg.recent_days = a->config->recent_days;
	r.sc = scorer_new(&cat, &r.model, &cfg);

	for (i = 0; i < e.n; i++)
		if (e.v[i].at >= split && e.v[i].n >= 2)
			run_test(&r, &e.v[i], (uint64_t)seed, i, buyers, nbuyers);

	if (bpath != NULL)
		printf("data\t%s (%zu baskets; first %lld %% train)\n",
		    bpath, e.n, (long long)fraction);
	else {
		civil_format_date(civil_day_of(split), date, sizeof date);
		printf("data\t%s (orders before %s train)\n", store_path(s),
		    date);
	}
	printf("train_orders\t%zu\ntest_orders\t%ld\ntest_known_buyers\t%ld\n"
	    "k\t%lld\n", ntrain, r.tests, r.known, (long long)k);
	printf("method\thits\thit_rate@%lld\n", (long long)k);
	for (i = 0; i < M_COUNT; i++) {
		if (bpath != NULL && i == M_OWN)
			continue;
		printf("%s\t%ld\t%.4f\n", method_names[i], r.hits[i],
		    r.tests ? (double)r.hits[i] / r.tests : 0.0);
	}
	rc = EXIT_OK;
	goto out;
fail:
	app_error("%s", cause);
	free(cause);
	rc = EXIT_FAIL;
out:
	scorer_free(&r.sc);
	model_close(&r.model);
	for (i = 0; i < nbuyers; i++) {
		free(buyers[i].bought);
		free(buyers[i].ranked);
	}
	free(buyers);
	free(r.popular);
	free(r.score);
	free(r.touched);
	free(r.in_basket);
	free(cfreq);
	free(e.v);
	free(e.pool);
	baskets_free(&train);
	baskets_free(&file);
	catalog_free(&cat);
	store_close(&s);
	return rc;
}
