/*
 * cmd_scorer.c — the scorer's commands: rebuild (mine the model), suggest
 * (rank suggestions for a basket, or a batch of them), eval (hit rate on a
 * history split by date, next to baselines).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/config.h"
#include "model/baskets.h"
#include "model/catalog.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_offers.h"
#include "model/store_orders.h"
#include "model/text.h"
#include "model/types_buyer.h"
#include "model/xalloc.h"

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
parse_count(const char *name, const char *opt, const char *v, int64_t lo,
    int64_t hi, int64_t *out)
{
	const char *why;
	char *msg;

	if (money_parse_int(v, strlen(v), lo, hi, out, &why) != 0) {
		msg = xasprintf("%s: %s (%lld to %lld)", opt, why,
		    (long long)lo, (long long)hi);
		app_bad_usage(name, "%s", msg);
		free(msg);
		return -1;
	}
	return 0;
}

static int
parse_time(const char *name, const char *opt, const char *v, int64_t *t)
{
	const char *why;
	char *msg;

	if (civil_parse_time(v, strlen(v), t, &why) != 0) {
		msg = xasprintf("%s %s: %s", opt, v, why);
		app_bad_usage(name, "%s", msg);
		free(msg);
		return -1;
	}
	return 0;
}

/* ---- rebuild ---------------------------------------------------------- */

int
cmd_rebuild(struct app *a, int argc, char **argv)
{
	struct mine_stats ms;
	struct store *s = NULL;
	int64_t before = INT64_MAX;
	double t0;
	char *cause = NULL, *v, *file = NULL;
	size_t size = 0;
	int i, rc, sep = 0, chain = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--chain") == 0)
			chain = 1;
		else if ((rc = app_opt(&i, argc, argv, "--before", &v)) != 0) {
			if (rc < 0 || parse_time("rebuild", "--before", v,
			    &before) != 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&i, argc, argv, "--baskets",
		    &file)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&i, argc, argv, "--sep", &v)) != 0) {
			if (rc < 0 || strlen(v) != 1)
				return app_bad_usage("rebuild", "%s",
				    "--sep is one character");
			sep = (unsigned char)v[0];
		} else
			return app_unknown_arg("rebuild", argv[i]);
	}
	if (chain && file != NULL)
		return app_bad_usage("rebuild", "%s", "--chain mines the chain's "
		    "orders, not a basket file");
	if (chain)
		return app_chain_rebuild(a, before);
	xalloc_bulk();
	t0 = seconds();
	if (file != NULL) {
		/* A basket file: mined and measured, not saved (its items
		 * are not the catalogue's). */
		struct mine_params mp = mine_default_params();
		struct baskets b;
		void *blob;

		baskets_init(&b);
		if (baskets_read_file(&b, file, sep, &cause) != 0) {
			app_error("%s", cause);
			free(cause);
			return EXIT_USAGE;
		}
		rc = mine_build(&b, &mp, a->now, &blob, &size, &ms, &cause);
		baskets_free(&b);
		if (rc != 0)
			goto fail;
		free(blob);
	} else {
		if ((s = app_open_store(a, 1)) == NULL)
			return EXIT_FAIL;
		if (mine_rebuild(s, before, a->now, &ms, &size, &cause) != 0)
			goto fail;
		store_close(&s);
	}
	printf("orders %u\nitems %u\nitems_bought %u\npair_occurrences %llu\n"
	    "pairs_in_2_or_more_orders %llu\npartners_kept %llu\n"
	    "name_neighbours %llu\n", ms.nbaskets, ms.nitems, ms.items_bought,
	    (unsigned long long)ms.pair_occurrences,
	    (unsigned long long)ms.pairs_ge2,
	    (unsigned long long)ms.partners_kept,
	    (unsigned long long)ms.names_kept);
	app_print_fit(stdout, &ms, " ");
	printf("model_bytes %zu\nseconds %.3f\n", size, seconds() - t0);
	return EXIT_OK;
fail:
	app_error("%s", cause);
	free(cause);
	store_close(&s);
	return EXIT_FAIL;
}

/* ---- shared: loading the scorer --------------------------------------- */

struct scoring {
	struct store   *s;
	struct catalog  cat;
	struct model    model;
	int             have_model;
	struct scorer  *sc;
	char            cur[4];
	int             scale;
};

static int
scoring_open(struct app *a, struct scoring *g, int top)
{
	struct scorer_config cfg;
	char *cause = NULL;
	void *blob;
	size_t size;
	int64_t built;
	int rc;

	memset(g, 0, sizeof *g);
	if ((g->s = app_open_store(a, 0)) == NULL)
		return -1;
	store_currency(g->s, g->cur, &g->scale);
	if (catalog_load(&g->cat, g->s, &cause) != 0)
		goto fail;
	rc = store_model_load(g->s, MODEL_NAME, &blob, &size, &built, &cause);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		app_error("no mined model in this database: run uplift rebuild "
		    "(suggestions without it have no bundles)");
	} else if (mine_open(&g->model, blob, size, &cause) != 0)
		goto fail;
	else
		g->have_model = 1;
	cfg = app_scorer_config(a, g->scale, g->cur);
	if (top > 0)
		cfg.max_suggestions = top;
	g->sc = scorer_new(&g->cat, g->have_model ? &g->model : NULL, &cfg);
	{
		struct take_rate *t = NULL;
		size_t n = 0;

		if (store_take_rates(g->s, &t, &n, &cause) != 0)
			goto fail;
		scorer_set_takes(g->sc, t, n);
		free(t);
	}
	return 0;
fail:
	app_error("%s", cause);
	free(cause);
	catalog_free(&g->cat);
	store_close(&g->s);
	return -1;
}

static void
scoring_close(struct scoring *g)
{
	scorer_free(&g->sc);
	if (g->have_model)
		mine_close(&g->model);
	catalog_free(&g->cat);
	store_close(&g->s);
}

/* A buyer's history and offers, owned here. */
struct buyer_data {
	struct buyer        b;
	struct store_buyer  sb;
};

static int
buyer_load(struct app *a, struct scoring *g, int64_t customer_id,
    int64_t now, struct buyer_data *bd, char **cause)
{
	memset(bd, 0, sizeof *bd);
	bd->b.customer_id = customer_id;
	if (customer_id == 0)
		return 0;
	if (store_buyer(g->s, customer_id, now, now -
	    (int64_t)a->config->cooldown_days * CIVIL_DAY * 12, &bd->sb,
	    cause) != 0)
		return -1;
	bd->b = bd->sb.b;
	return 0;
}

static void
buyer_free(struct buyer_data *bd)
{
	store_buyer_free(&bd->sb);
	memset(bd, 0, sizeof *bd);
}

/* ---- suggest ---------------------------------------------------------- */

/*
 * The SKUs of list (separated by sep, blanks around them ignored) as item
 * ids in *ids (xmalloc'd, the caller frees), in their order.  Each unknown
 * SKU is named on stderr after where ("FILE:LINE: " or ""); returns how
 * many were unknown.
 */
static int
split_basket(struct scoring *g, const char *list, int sep, const char *where,
    int64_t **ids, size_t *n)
{
	const char *p = list, *e;
	size_t cap = 0;
	int unknown = 0;

	*ids = NULL;
	*n = 0;
	while (*p != '\0') {
		while (*p == sep || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != sep && !(sep == ' ' &&
		    *e == '\t'); e++)
			;
		{
			char *sku = xstrndup(p, (size_t)(e - p));
			size_t len = strlen(sku);
			const struct item *it;

			while (len > 0 && (sku[len - 1] == ' ' ||
			    sku[len - 1] == '\t'))
				sku[--len] = '\0';
			it = catalog_find_sku(&g->cat, sku);
			if (it == NULL) {
				char *c = text_cleans(sku, 40);

				app_error("%sunknown SKU %s", where, c);
				free(c);
				unknown++;
			} else {
				if (*n == cap) {
					cap = cap ? 2 * cap : 16;
					*ids = xreallocarray(*ids, cap,
					    sizeof **ids);
				}
				(*ids)[(*n)++] = it->id;
			}
			free(sku);
		}
		p = e;
	}
	return unknown;
}

static void
print_suggestion_tsv(struct scoring *g, const struct suggestion *s)
{
	const struct item *it = catalog_item(&g->cat, s->item_id);
	char price[32], diff[32];

	money_format(s->price, g->scale, 0, price, sizeof price);
	money_format(s->diff, g->scale, 0, diff, sizeof diff);
	printf("%s\t", scorer_kind_name(s->kind));
	text_fputs(it->sku, stdout);
	putchar('\t');
	text_fputs(it->name, stdout);
	printf("\t%s\t%s%s\t%d\t%.3f\t", price, s->diff >= 0 ? "+" : "", diff,
	    s->diff_pct, s->score);
	text_fputs(s->why, stdout);
	putchar('\n');
}

static void
print_suggestion_json(struct scoring *g, const struct suggestion *s,
    int first)
{
	const struct item *it = catalog_item(&g->cat, s->item_id);
	const struct item *base = catalog_item(&g->cat, s->base_id);
	char price[32], diff[32];

	money_format(s->price, g->scale, 0, price, sizeof price);
	money_format(s->diff, g->scale, 0, diff, sizeof diff);
	printf("%s{\"kind\":\"%s\",\"sku\":", first ? "" : ",",
	    scorer_kind_name(s->kind));
	app_json_string(stdout, it->sku);
	printf(",\"name\":");
	app_json_string(stdout, it->name);
	printf(",\"price\":%s,\"diff\":%s,\"diff_percent\":%d,\"score\":%.3f,"
	    "\"because_of\":", price, diff, s->diff_pct, s->score);
	if (base != NULL)
		app_json_string(stdout, base->sku);
	else
		printf("null");
	printf(",\"why\":");
	app_json_string(stdout, s->why);
	printf("}");
}

static int
customer_of(struct scoring *g, const char *code, int64_t *id)
{
	char *cause = NULL, *c;
	int rc;

	*id = 0;
	if (code == NULL || *code == '\0')
		return 0;
	rc = store_customer_id(g->s, code, id, &cause);
	if (rc < 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	if (rc == 0) {
		c = text_cleans(code, 40);
		app_error("no customer %s", c);
		free(c);
		return -1;
	}
	return 0;
}

/*
 * One line of a --batch file (its trailing newline cut off) at path:lineno:
 * prints the top suggestions for it, one line, empty when the line is
 * wrong (said on stderr).  bd, *last_cust and *last_at keep the buyer of
 * the line before, loaded again only when the customer or time changes.
 * Returns how many SKUs were unknown.
 */
static int
batch_line(struct app *a, struct scoring *g, char *line, const char *path,
    long lineno, int top, struct buyer_data *bd, int64_t *last_cust,
    int64_t *last_at)
{
	struct suggestion out[16];
	char *tab, *t2, *cause = NULL, *where;
	int64_t *ids, cust, at = a->now;
	const char *why;
	size_t k, n, i;
	int unknown;

	if ((tab = strchr(line, '\t')) == NULL) {
		app_error("%s:%ld: expected CUSTOMER<TAB>SKU SKU ...", path,
		    lineno);
		putchar('\n');
		return 0;
	}
	*tab = '\0';
	/* an optional third field: the basket's own time */
	if ((t2 = strchr(tab + 1, '\t')) != NULL) {
		*t2++ = '\0';
		if (civil_parse_time(t2, strlen(t2), &at, &why) != 0) {
			char *c = text_cleans(t2, 40);
			app_error("%s:%ld: time %s: %s", path, lineno, c, why);
			free(c);
			putchar('\n');
			return 0;
		}
	}
	if (customer_of(g, line, &cust) != 0)
		cust = 0;
	if (cust != *last_cust || (cust != 0 && at != *last_at)) {
		buyer_free(bd);
		if (buyer_load(a, g, cust, at, bd, &cause) != 0) {
			app_error("%s", cause);
			free(cause);
		}
		*last_cust = cust;
		*last_at = at;
	}
	where = xasprintf("%s:%ld: ", path, lineno);
	unknown = split_basket(g, tab + 1, ' ', where, &ids, &n);
	free(where);
	k = scorer_rank(g->sc, cust ? &bd->b : NULL, ids, n, at, out,
	    (size_t)top);
	for (i = 0; i < k; i++) {
		if (i > 0)
			putchar(' ');
		text_fputs(catalog_item(&g->cat, out[i].item_id)->sku, stdout);
	}
	putchar('\n');
	free(ids);
	return unknown;
}

/* suggest --batch FILE: a line of top SKUs for each line of path. */
static int
suggest_batch(struct app *a, struct scoring *g, const char *path, int top)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int64_t last_cust = -1, last_at = INT64_MIN;
	struct buyer_data bd;
	long lineno = 0, skipped = 0;

	memset(&bd, 0, sizeof bd);
	if ((f = fopen(path, "r")) == NULL) {
		char *p = text_cleans(path, APP_QUOTE_COLS);
		app_error("%s: cannot open", p);
		free(p);
		return EXIT_FAIL;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		skipped += batch_line(a, g, line, path, lineno, top, &bd,
		    &last_cust, &last_at);
	}
	buyer_free(&bd);
	free(line);
	fclose(f);
	if (skipped > 0) {
		app_error("%s: %ld unknown SKU%s left out of their baskets",
		    path, skipped, skipped == 1 ? "" : "s");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* What suggest was asked. */
struct suggest_args {
	char    *customer, *basket, *batch;
	int64_t  top;
	int      json, header;
};

/* Read suggest's arguments into *o: 0, or an exit status after saying
 * what is wrong. */
static int
suggest_args(struct app *a, int argc, char **argv, struct suggest_args *o)
{
	char *v;
	int j, rc;

	memset(o, 0, sizeof *o);
	o->header = 1;
	for (j = 1; j < argc; j++) {
		if ((rc = app_opt(&j, argc, argv, "--customer", &o->customer)) ||
		    (rc = app_opt(&j, argc, argv, "--basket", &o->basket)) ||
		    (rc = app_opt(&j, argc, argv, "--batch", &o->batch))) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&j, argc, argv, "--top", &v)) != 0) {
			if (rc < 0 || parse_count("suggest", "--top", v, 1, 16,
			    &o->top) != 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&j, argc, argv, "--at", &v)) != 0) {
			if (rc < 0 || app_parse_at(a, v) != 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&j, argc, argv, "--format", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (strcmp(v, "json") == 0)
				o->json = 1;
			else if (strcmp(v, "tsv") != 0)
				return app_bad_usage("suggest", "%s",
				    "--format is tsv or json");
		} else if (strcmp(argv[j], "--no-header") == 0)
			o->header = 0;
		else
			return app_unknown_arg("suggest", argv[j]);
	}
	if ((o->basket == NULL) == (o->batch == NULL))
		return app_bad_usage("suggest", "%s", "give --basket SKU,... or "
		    "--batch FILE");
	return 0;
}

/* suggest --basket: the ranked suggestions, TSV or JSON.  An exit status. */
static int
suggest_basket(struct app *a, struct scoring *g, const struct suggest_args *o)
{
	struct buyer_data bd;
	struct suggestion out[16];
	char *cause = NULL;
	int64_t cust, *ids = NULL;
	size_t n = 0, k, i;

	if (customer_of(g, o->customer, &cust) != 0)
		return EXIT_USAGE;
	if (buyer_load(a, g, cust, a->now, &bd, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if (split_basket(g, o->basket, ',', "", &ids, &n) > 0) {
		free(ids);
		buyer_free(&bd);
		return EXIT_FAIL;
	}
	k = scorer_rank(g->sc, cust ? &bd.b : NULL, ids, n, a->now, out,
	    sizeof out / sizeof out[0]);
	if (o->json)
		putchar('[');
	else if (o->header)
		puts("kind\tsku\titem\tprice\tdifference\tdifference_percent"
		    "\tscore\twhy");
	for (i = 0; i < k; i++) {
		if (o->json)
			print_suggestion_json(g, &out[i], i == 0);
		else
			print_suggestion_tsv(g, &out[i]);
	}
	if (o->json)
		puts("]");
	free(ids);
	buyer_free(&bd);
	return EXIT_OK;
}

int
cmd_suggest(struct app *a, int argc, char **argv)
{
	struct suggest_args o;
	struct scoring g;
	int rc, j;

	/* Hotel mode: the room upgrades, as `upgrades` gives them. */
	for (j = 1; j < argc; j++)
		if (strcmp(argv[j], "--hotel") == 0 ||
		    strncmp(argv[j], "--hotel=", 8) == 0)
			return cmd_upgrades(a, argc, argv);
	if ((rc = suggest_args(a, argc, argv, &o)) != 0)
		return rc;
	if (app_load_config(a) != 0)
		return EXIT_FAIL;
	if (scoring_open(a, &g, (int)o.top) != 0)
		return EXIT_FAIL;
	if (o.batch != NULL)
		rc = suggest_batch(a, &g, o.batch, o.top > 0 ? (int)o.top :
		    a->config->max_suggestions);
	else
		rc = suggest_basket(a, &g, &o);
	scoring_close(&g);
	return rc;
}
