/*
 * cmd_chain.c — the chain of shops: `uplift sync` (this shop's file with
 * the chain's PostgreSQL server, store-and-forward), `uplift chain` (the
 * server's schema, its shops, the head office's catalogue), and the
 * chain's side of `rebuild --chain` (cmd_scorer.c calls it).  The counter
 * never gets here: it sells on the local file whatever the link does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/baskets.h"
#include "model/chain.h"
#include "model/civil.h"
#include "model/mine.h"
#include "model/store.h"
#include "model/store_catalog.h"
#include "model/store_sync.h"
#include "model/sync.h"
#include "model/text.h"
#include "model/xalloc.h"

static int
usage_of(const char *name, const char *what)
{
	const struct command *c;

	app_error("%s", what);
	for (c = app_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			app_usage(c, stderr);
	return EXIT_USAGE;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
app_chain_open(struct app *a, struct chain **out, int need_shop)
{
	char *cause = NULL;

	*out = NULL;
	if (app_load_config(a) != 0)
		return EXIT_USAGE;
	if (a->config->chain_server == NULL) {
		app_error("this shop is in no chain: set server (and shop) in "
		    "the [chain] section of uplift.ini; see uplift-chain(7)");
		return EXIT_USAGE;
	}
	if (need_shop && a->config->chain_shop == NULL) {
		app_error("[chain] shop is not set: the code the chain knows "
		    "this shop by (see uplift-chain(7))");
		return EXIT_USAGE;
	}
	if (chain_check_conninfo(a->config->chain_server, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (chain_connect(out, a->config->chain_server, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* ---- sync --------------------------------------------------------------- */

struct progress {
	int    tty;
	double last;
};

static void
sync_progress(void *arg, const char *what, int64_t done)
{
	struct progress *p = arg;
	double now;

	if (!p->tty)
		return;
	now = seconds();
	if (now - p->last < 0.2)
		return;
	p->last = now;
	fprintf(stderr, "\rsync: %-20s %10lld", what, (long long)done);
	fflush(stderr);
}

static void
print_summary(const char *shop, const struct sync_report *r, double secs)
{
	size_t i;

	printf("sync: shop %s up", shop);
	printf(" customer=%lld", (long long)r->customers_up);
	for (i = 0; i < sync_up_count; i++)
		printf(" %s=%lld", sync_up_tables[i].name, (long long)r->up[i]);
	printf(" changed=%lld erased=%lld; down", (long long)r->up_changed,
	    (long long)r->erased_up);
	for (i = 0; i < sync_down_count; i++)
		printf(" %s=%lld", sync_down_tables[i].name,
		    (long long)r->down[i]);
	printf(" erased=%lld suppressed=%lld model=%s; %.2f s\n",
	    (long long)r->erased_down, (long long)r->suppressed,
	    r->model_sha[0] == '\0' ? "none" : r->model_new ? "new" : "same",
	    secs);
	if (r->model_sha[0]) {
		/* the checksum in full, on its own line */
		printf("model: %s%s\n", r->model_sha, r->model_new ?
		    " (new)" : "");
	}
}

/* uplift sync --status: what waits, without the server. */
static int
sync_status(struct app *a)
{
	struct store *s;
	char *cause = NULL, *v = NULL, when[32];
	int64_t n, total = 0, mark;
	size_t i;
	int rc = EXIT_FAIL;

	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	if (store_sync_state(s, "shop", &v, &cause) < 0)
		goto out;
	printf("shop %s\n", v != NULL ? v : "(not synced yet)");
	free(v);
	v = NULL;
	if (store_sync_state(s, "last_sync", &v, &cause) < 0)
		goto out;
	if (v != NULL) {
		civil_format_time(strtoll(v, NULL, 10), when, sizeof when);
		printf("last_sync %s\n", when);
	} else
		printf("last_sync never\n");
	if (store_sync_pending(s, NULL, &n, &cause) != 0)
		goto out;
	printf("waiting customer %lld\n", (long long)n);
	total += n;
	for (i = 0; i < sync_up_count; i++) {
		if (store_sync_pending(s, &sync_up_tables[i], &n, &cause) != 0)
			goto out;
		printf("waiting %s %lld\n", sync_up_tables[i].name,
		    (long long)n);
		total += n;
	}
	printf("waiting total %lld\n", (long long)total);
	if (store_sync_mark(s, "down", &mark, &cause) != 0)
		goto out;
	printf("down_horizon %lld\n", (long long)mark);
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK) {
		app_error("%s", cause);
		free(cause);
	}
	free(v);
	store_close(&s);
	return rc;
}

int
cmd_sync(struct app *a, int argc, char **argv)
{
	struct progress p = { 0, 0 };
	struct sync_report rep;
	struct chain *c = NULL;
	struct store *s = NULL;
	char *cause = NULL;
	double t0 = seconds();
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--status") == 0)
			return argc == 2 ? sync_status(a) :
			    usage_of("sync", "--status takes nothing else");
		return usage_of("sync", "unknown argument");
	}
	if (a->fixed_clock && !a->demo)
		return usage_of("sync", "--at is a clock for reading: uplift "
		    "sync records what happened when it happened");
	if ((rc = app_chain_open(a, &c, 1)) != EXIT_OK)
		return rc;
	if ((s = app_open_store(a, 1)) == NULL) {
		chain_close(&c);
		return EXIT_FAIL;
	}
	p.tty = isatty(STDERR_FILENO);
	rc = sync_run(s, c, a->config->chain_shop, a->now, sync_progress, &p,
	    &rep, &cause);
	if (p.tty)
		fputs("\r\033[K", stderr);
	store_close(&s);
	chain_close(&c);
	if (rc != 0) {
		app_error("sync of shop %s stopped: %s", a->config->chain_shop,
		    cause);
		free(cause);
		return EXIT_FAIL;
	}
	print_summary(a->config->chain_shop, &rep, seconds() - t0);
	return EXIT_OK;
}

/* ---- chain -------------------------------------------------------------- */

static int
chain_publish_cmd(struct app *a, struct chain *c)
{
	struct chain_catalog cat;
	struct chain_published pub;
	struct store *s;
	struct item *items = NULL;
	struct category *cats = NULL;
	struct bundle *bundles = NULL;
	struct item_text *benefits = NULL;
	struct script_row *scripts = NULL;
	size_t ni = 0, nc = 0, nb = 0, nt = 0, ns = 0, i;
	char *cause = NULL;
	int rc = EXIT_FAIL;

	if (app_authorize(a, ACT_IMPORT) != 0)
		return EXIT_FAIL;
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	memset(&cat, 0, sizeof cat);
	if (store_items(s, &items, &ni, &cause) != 0 ||
	    store_categories(s, &cats, &nc, &cause) != 0 ||
	    store_bundles(s, &bundles, &nb, &cause) != 0 ||
	    store_item_benefits(s, &benefits, &nt, &cause) != 0 ||
	    store_script_rows(s, &scripts, &ns, &cause) != 0)
		goto out;
	cat.items = items;
	cat.nitems = ni;
	cat.categories = cats;
	cat.ncategories = nc;
	cat.bundles = bundles;
	cat.nbundles = nb;
	cat.benefits = benefits;
	cat.nbenefits = nt;
	cat.scripts = scripts;
	cat.nscripts = ns;
	{
		char cur[4];
		int scale;

		store_currency(s, cur, &scale);
		if (cur[0] != '\0') {
			char want[4];
			int wscale = scale;

			memcpy(want, cur, 4);
			if (chain_claim_currency(c, cur, &scale, &cause) != 0)
				goto out;
			if (strcmp(cur, want) != 0 || scale != wscale) {
				cause = xasprintf("this database keeps %s amounts "
				    "with %d decimals, the chain %s with %d",
				    want, wscale, cur, scale);
				goto out;
			}
		}
	}
	if (chain_publish(c, &cat, &pub, &cause) != 0)
		goto out;
	printf("published items %lld categories %lld bundles %lld "
	    "benefits %lld script_languages %lld\n", (long long)pub.items,
	    (long long)pub.categories, (long long)pub.bundles,
	    (long long)pub.benefits, (long long)pub.script_langs);
	app_audit(a, "chain publish", NULL);
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK) {
		app_error("%s", cause);
		free(cause);
	}
	store_items_free(&items, ni);
	store_categories_free(&cats, nc);
	store_bundles_free(&bundles, nb);
	for (i = 0; i < nt; i++)
		free(benefits[i].text);
	free(benefits);
	store_script_rows_free(&scripts, ns);
	store_close(&s);
	return rc;
}

int
cmd_chain(struct app *a, int argc, char **argv)
{
	struct chain *c = NULL;
	char *cause = NULL, *role = NULL;
	int rc, from, to, i;

	if (argc < 2)
		return usage_of("chain", "which? (migrate, add-shop, shops, "
		    "publish)");
	if (strcmp(argv[1], "add-shop") == 0) {
		if (argc < 3 || argv[2][0] == '-')
			return usage_of("chain", "add-shop needs the shop's code");
		for (i = 3; i < argc; i++) {
			if ((rc = app_opt(&i, argc, argv, "--role", &role)) < 0)
				return EXIT_USAGE;
			if (rc == 0)
				return usage_of("chain", "unknown argument");
		}
		if (role == NULL)
			return usage_of("chain", "add-shop needs --role ROLE (the "
			    "shop's login role)");
	} else if (strcmp(argv[1], "migrate") != 0 &&
	    strcmp(argv[1], "shops") != 0 && strcmp(argv[1], "publish") != 0)
		return usage_of("chain", "no such subcommand (there are: "
		    "migrate, add-shop, shops, publish)");
	else if (argc > 2)
		return usage_of("chain", "unknown argument");
	if ((rc = app_chain_open(a, &c, 0)) != EXIT_OK)
		return rc;
	rc = EXIT_FAIL;
	if (strcmp(argv[1], "migrate") == 0) {
		if (chain_migrate(c, &from, &to, &cause) != 0)
			goto out;
		printf("schema %d -> %d\n", from, to);
		rc = EXIT_OK;
	} else if (strcmp(argv[1], "add-shop") == 0) {
		struct chain_hello h;

		if (chain_hello(c, NULL, &h, &cause) != 0 ||
		    chain_add_shop(c, argv[2], role, &cause) != 0)
			goto out;
		printf("shop %s: role %s\n", argv[2], role);
		rc = EXIT_OK;
	} else if (strcmp(argv[1], "shops") == 0) {
		struct chain_shop_row *rows = NULL;
		struct chain_hello h;
		size_t n = 0, k;

		if (chain_hello(c, NULL, &h, &cause) != 0 ||
		    chain_shops(c, &rows, &n, &cause) != 0)
			goto out;
		printf("shop\trole\tlast_sync\tlast_up\tlast_down\tseconds\t"
		    "syncs\n");
		for (k = 0; k < n; k++) {
			text_fputs(rows[k].code, stdout);
			putchar('\t');
			text_fputs(rows[k].role, stdout);
			printf("\t%s\t%lld\t%lld\t%.2f\t%lld\n", rows[k].last_sync ?
			    rows[k].last_sync : "never", (long long)rows[k].last_up,
			    (long long)rows[k].last_down, rows[k].last_seconds,
			    (long long)rows[k].syncs);
		}
		chain_shops_free(&rows, n);
		rc = EXIT_OK;
	} else {
		struct chain_hello h;

		if (chain_hello(c, NULL, &h, &cause) != 0)
			goto out;
		rc = chain_publish_cmd(a, c);
	}
out:
	if (cause != NULL) {
		app_error("%s", cause);
		free(cause);
	}
	chain_close(&c);
	return rc;
}

/* ---- rebuild --chain ------------------------------------------------------ */

static void
rebuild_progress(void *arg, int64_t lines)
{
	int *tty = arg;

	if (*tty) {
		fprintf(stderr, "\rrebuild --chain: %lld lines read",
		    (long long)lines);
		fflush(stderr);
	}
}

int
app_chain_rebuild(struct app *a, int64_t before)
{
	struct mine_params mp = mine_default_params();
	struct mine_stats ms;
	struct chain_hello h;
	struct baskets b;
	struct chain *c = NULL;
	char *cause = NULL, sha[72];
	void *blob = NULL;
	size_t size = 0;
	double t0 = seconds(), t1, t2;
	int rc, tty = isatty(STDERR_FILENO);

	if ((rc = app_chain_open(a, &c, 0)) != EXIT_OK)
		return rc;
	baskets_init(&b);
	rc = EXIT_FAIL;
	if (chain_hello(c, NULL, &h, &cause) != 0 ||
	    chain_baskets(c, before, &b, rebuild_progress, &tty, &cause) != 0)
		goto out;
	if (tty)
		fputs("\r\033[K", stderr);
	t1 = seconds();
	if (mine_build(&b, &mp, a->now, &blob, &size, &ms, &cause) != 0)
		goto out;
	t2 = seconds();
	if (chain_model_put(c, a->now, blob, size, ms.nbaskets, ms.nitems, sha,
	    &cause) != 0)
		goto out;
	printf("orders %u\nitems %u\nitems_bought %u\npair_occurrences %llu\n"
	    "pairs_in_2_or_more_orders %llu\npartners_kept %llu\n"
	    "name_neighbours %llu\n", ms.nbaskets, ms.nitems, ms.items_bought,
	    (unsigned long long)ms.pair_occurrences,
	    (unsigned long long)ms.pairs_ge2,
	    (unsigned long long)ms.partners_kept,
	    (unsigned long long)ms.names_kept);
	app_print_fit(stdout, &ms, " ");
	printf("model_bytes %zu\nmodel_sha256 %s\nread_seconds %.3f\n"
	    "mine_seconds %.3f\nseconds %.3f\n", size, sha, t1 - t0, t2 - t1,
	    seconds() - t0);
	rc = EXIT_OK;
out:
	if (rc != EXIT_OK) {
		app_error("rebuild --chain: %s", cause);
		free(cause);
	}
	free(blob);
	baskets_free(&b);
	chain_close(&c);
	return rc;
}
