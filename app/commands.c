/*
 * commands.c — the data commands: import, stats, history, customers,
 * check-config.  Everything printed from data goes through text.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/import.h"
#include "model/money.h"
#include "model/privacy.h"
#include "model/script.h"
#include "model/store.h"
#include "model/store_catalog.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_report.h"
#include "model/text.h"
#include "model/xalloc.h"

const struct command app_commands[] = {
	{ "import", "import CSV files (all or nothing)",
	    "import [--format auto|uplift|online-retail|shopify|hotel-bookings]"
	    " FILE...", cmd_import, ACT_IMPORT, 1, 0 },
	{ "stats", "count the rows of each table", "stats", cmd_stats, -1, 0, 0 },
	{ "history", "a customer's purchases, newest first, with totals",
	    "history CUSTOMER [--limit N] [--format tsv|json]", cmd_history,
	    ACT_SELL, 0, 0 },
	{ "customers", "find customers by id, name, phone digits or loyalty "
	    "number", "customers --find TEXT [--limit N] [--format tsv|json]"
	    " [--no-header]",
	    cmd_customers, ACT_SELL, 0, 0 },
	{ "rebuild", "mine the order history into the model the scorer uses",
	    "rebuild [--before TIME | --baskets FILE [--sep C]]\n"
	    "       uplift rebuild --chain [--before TIME]: the chain's orders,"
	    " published for every shop", cmd_rebuild, ACT_IMPORT, 1, 1 },
	{ "suggest", "rank suggestions for a customer and a basket",
	    "suggest [--customer ID] (--basket SKU[,SKU...] | --batch FILE)"
	    " [--top K] [--at TIME] [--format tsv|json] [--no-header]\n"
	    "       uplift suggest --hotel NAME (CONFIRMATION | --arrivals DATE"
	    " | --evaluate): as upgrades", cmd_suggest, ACT_SELL, 0, 0 },
	{ "rules", "association rules from baskets (arules apriori semantics)",
	    "rules (--db | --baskets FILE [--sep C]) --min-support S"
	    " --min-confidence C [--min-len N] [--max-len N]"
	    " [--format tsv|json] [--no-header]", cmd_rules, -1, 0, 0 },
	{ "eval", "is the next item rung up suggested? hit rates on a "
	    "history split by date, beside baselines", "eval [--split DATE]"
	    " [--hide last|random] [--seed N]"
	    " [--baskets FILE [--sep C] [--train-percent P]]", cmd_eval, -1, 0, 0 },
	{ "report", "offers, take rates and revenue; reasons; variants",
	    "report (offers | clerks | items | days | reasons | hotel | "
	    "baskets | scripts | shops) [--from DATE] [--to DATE] "
	    "[--format table|tsv|csv] [--chain]",
	    cmd_report, ACT_REPORT, 0, 0 },
	{ "sync", "send sales, offers and audit to the chain; bring its "
	    "catalogue, customers and model", "sync [--status]", cmd_sync, -1, 1, 0 },
	{ "chain", "the chain's server: schema, shops, the head office's "
	    "catalogue", "chain (migrate | add-shop CODE --role ROLE | shops | "
	    "publish)", cmd_chain, -1, 0, 0 },
	{ "upgrades", "room upgrades free on every night of a reservation",
	    "upgrades --hotel NAME (CONFIRMATION [--accept CODE | --decline"
	    " CODE [--reason 1-5] | --add CODE | --undo CODE] | --arrivals"
	    " YYYY-MM-DD | --evaluate)",
	    cmd_upgrades, ACT_SELL, 0, 0 },
	{ "export-customer", "everything held about a customer, JSON or CSV",
	    "export-customer ID [--format json|csv] [--out FILE [--force]]",
	    cmd_export_customer, ACT_EXPORT, 0, 0 },
	{ "erase-customer", "erase a customer's personal data, keep totals",
	    "erase-customer ID --yes", cmd_erase_customer, ACT_ERASE, 1, 0 },
	{ "staff", "staff, their roles and PINs",
	    "staff (list | add NAME --role trainee|clerk|manager | "
	    "role NAME ROLE | pin NAME) [--passphrase]", cmd_staff, -1, 0, 0 },
	{ "train", "role-play at the counter or desk, scored, on a scratch copy",
	    "train (--list [--no-header] | --progress | --check FILE... | SCENARIO "
	    "[--play KEYS]) [--dir DIR]", cmd_train, -1, 0, 0 },
	{ "check-scripts", "validate talking-point script files",
	    "check-scripts FILE...", cmd_check_scripts, -1, 0, 0 },
	{ "import-scripts", "save talking-point script files in the database",
	    "import-scripts FILE...", cmd_import_scripts, ACT_CONFIG, 1, 0 },
	{ "check-config", "validate the configuration file",
	    "check-config [FILE]", cmd_check_config, -1, 0, 0 },
	{ "check", "verify the database, its audit chain and staff roles",
	    "check", cmd_check, -1, 0, 0 },
	{ NULL, NULL, NULL, NULL, -1, 0, 0 },
};

/* ---- import ------------------------------------------------------------ */

static void
import_progress(void *arg, const char *path, long long done, long long total)
{
	int *last = arg, pct, i;
	char *name;

	if (total <= 0)
		return;
	pct = (int)(done * 100 / total);
	if (pct == *last)
		return;
	*last = pct;
	name = text_cleans(path, 30);
	fprintf(stderr, "\r%-30s [", name);
	for (i = 0; i < 40; i++)
		fputc(i < pct * 40 / 100 ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%%", pct);
	if (pct >= 100)
		fputc('\n', stderr);
	free(name);
}

/* Remove a database file that import_first() made, with its companions. */
static void
unlink_db(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	size_t k;

	for (k = 0; k < sizeof ext / sizeof ext[0]; k++) {
		char *p = xasprintf("%s%s", path, ext[k]);

		(void)unlink(p);
		free(p);
	}
}

/* 1 when path has a -wal, -shm or -journal beside it: not a new database
 * (what is there may be another user's; the store's open judges it). */
static int
db_companions(const char *path)
{
	static const char *const ext[] = { "-wal", "-shm", "-journal" };
	struct stat st;
	size_t k;
	int found = 0;

	for (k = 0; k < sizeof ext / sizeof ext[0] && !found; k++) {
		char *p = xasprintf("%s%s", path, ext[k]);

		found = lstat(p, &st) == 0 || errno != ENOENT;
		free(p);
	}
	return found;
}

/*
 * The first import into a database that does not exist yet: made under a
 * name of its own beside it and linked into place only when the import
 * succeeded, so that a failed first import leaves no empty database
 * behind, and no other process ever sees a half-made one.  Returns -1
 * when this is not a first import (the file exists, or another import
 * made it meanwhile: the caller imports into it as usual); else what
 * import_files() returns.
 */
static int
import_first(struct app *a, char **files, size_t nfiles,
    const struct import_options *opt, struct import_report *rep,
    char **cause)
{
	const char *path;
	struct store *s = NULL;
	struct stat st;
	char *tmp, *wal;
	int rc;

	if (app_pretend(a) || (path = app_db_path(a)) == NULL)
		return -1;
	/* what a first import that crashed left (its process is gone) */
	(void)app_import_sweep(path);
	if (lstat(path, &st) == 0 || errno != ENOENT || db_companions(path))
		return -1;
	tmp = xasprintf("%s.importing-%ld", path, (long)getpid());
	unlink_db(tmp);
	if (store_open(&s, tmp, STORE_CREATE, cause) != 0) {
		/* say it of the database asked for, as a later open would */
		free(*cause);
		*cause = NULL;
		free(tmp);
		return -1;
	}
	rc = import_files(s, files, nfiles, opt, rep, cause);
	store_close(&s);
	wal = xasprintf("%s-wal", tmp);
	if (rc == 0 && lstat(wal, &st) == 0 && st.st_size > 0) {
		*cause = xasprintf("%s: the new database kept a write-ahead "
		    "log on closing", tmp);
		rc = 1;
	}
	free(wal);
	if (rc == 0 && link(tmp, path) != 0) {
		if (errno != EEXIST) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			rc = 1;
		} else
			rc = -1;
	}
	unlink_db(tmp);
	free(tmp);
	return rc;
}

/* What an import added, changed and left out, on standard output. */
static void
import_print(const struct import_report *r, int nfiles)
{
	printf("imported %ld records from %d file%s: %ld orders, %ld order "
	    "lines, %ld items, %ld bundles, %ld customers, %ld room types, "
	    "%ld rooms, %ld reservations added; %ld updated; %ld already "
	    "present\n", r->records, nfiles, nfiles == 1 ? "" : "s",
	    r->orders, r->lines, r->items, r->bundles, r->customers,
	    r->room_types, r->rooms, r->reservations, r->updated,
	    r->skipped);
	if (r->categories > 0)
		printf("%ld categor%s added\n", r->categories,
		    r->categories == 1 ? "y" : "ies");
	if (r->services > 0)
		printf("%ld item%s marked as %s (postage, fees, discounts "
		    "and other non-products)\n", r->services,
		    r->services == 1 ? "" : "s",
		    r->services == 1 ? "a service" : "services");
	if (r->trimmed > 0)
		printf("%ld name%s trimmed of blanks (around %s, or "
		    "repeated inside)\n", r->trimmed, r->trimmed == 1 ?
		    "" : "s", r->trimmed == 1 ? "it" : "them");
	if (r->addons > 0)
		printf("%ld hotel add-ons added\n", r->addons);
	if (r->supplements > 0)
		printf("%ld room upgrade supplements added\n",
		    r->supplements);
	if (r->cancelled > 0)
		printf("%ld lines of cancelled orders were not imported\n",
		    r->cancelled);
	if (r->suppressed > 0)
		printf("%ld record%s of erased customers: the person left out "
		    "(their customer row skipped, their orders and stays kept "
		    "without them)\n", r->suppressed, r->suppressed == 1 ?
		    "" : "s");
}

int
cmd_import(struct app *a, int argc, char **argv)
{
	struct import_options opt;
	struct import_report rep;
	struct store *s;
	char *v, *cause = NULL;
	int i, rc, last = -1;

	memset(&opt, 0, sizeof opt);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		rc = app_opt(&i, argc, argv, "--format", &v);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc == 0)
			return app_unknown_arg("import", argv[i]);
		if ((opt.format = import_format_parse(v)) < 0)
			return app_bad_usage("import", "%s", "unknown format");
	}
	if (i >= argc)
		return app_bad_usage("import", "%s", "no file to import");
	if (app_load_config(a) != 0)
		return EXIT_FAIL;
	xalloc_bulk();
	opt.now = a->now;
	if (isatty(STDERR_FILENO)) {
		opt.progress = import_progress;
		opt.progress_arg = &last;
	}
	opt.currency = a->config->currency;
	rc = import_first(a, argv + i, (size_t)(argc - i), &opt, &rep, &cause);
	if (rc == -1) {
		/* not a first import (or another one made the file first) */
		if ((s = app_open_store(a, 1)) == NULL)
			return EXIT_FAIL;
		rc = import_files(s, argv + i, (size_t)(argc - i), &opt, &rep,
		    &cause);
		store_close(&s);
	}
	if (rc != 0) {
		app_error("%s", cause);
		app_error("nothing was imported");
		free(cause);
		return rc == 2 ? EXIT_USAGE : EXIT_FAIL;
	}
	import_print(&rep, argc - i);
	return EXIT_OK;
}

/* ---- stats ------------------------------------------------------------- */

int
cmd_stats(struct app *a, int argc, char **argv)
{
	struct store_stats st;
	struct store *s;
	char *cause = NULL, **names = NULL;
	size_t n = 0, i;

	(void)argv;
	if (argc > 1)
		return app_bad_usage("stats", "%s", "stats takes no arguments");
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	if (store_stats(s, &st, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		store_close(&s);
		return EXIT_FAIL;
	}
	if (store_hotel_names(s, &names, &n, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		store_close(&s);
		return EXIT_FAIL;
	}
	store_close(&s);
	printf("customers %lld\nitems %lld\norders %lld\norder_lines %lld\n"
	    "hotels %lld\nroom_types %lld\nrooms %lld\nreservations %lld\n"
	    "offers %lld\n", (long long)st.customers, (long long)st.items,
	    (long long)st.orders, (long long)st.order_lines,
	    (long long)st.hotels, (long long)st.room_types,
	    (long long)st.rooms, (long long)st.reservations,
	    (long long)st.offers);
	/* the hotels by name, for --hotel */
	for (i = 0; i < n; i++) {
		fputs("hotel ", stdout);
		text_fputs(names[i], stdout);
		putchar('\n');
		free(names[i]);
	}
	free(names);
	return EXIT_OK;
}

/* ---- customers ----------------------------------------------------------- */

/* Print a TSV cell: sanitised (tabs and newlines become U+FFFD). */
static void
cell(const char *s, int last)
{
	text_fputs(s != NULL ? s : "", stdout);
	putchar(last ? '\n' : '\t');
}

static int
parse_format(const char *cmd, const char *v, int *json)
{
	if (strcmp(v, "tsv") == 0)
		*json = 0;
	else if (strcmp(v, "json") == 0)
		*json = 1;
	else
		return app_bad_usage(cmd, "%s", "--format is tsv or json");
	return 0;
}

static int
parse_limit(const char *cmd, const char *v, size_t *limit)
{
	int64_t n;
	const char *why;

	if (money_parse_int(v, strlen(v), 1, 1000000, &n, &why) != 0)
		return app_bad_usage(cmd, "%s", "--limit is a number from 1 to 1000000");
	*limit = (size_t)n;
	return 0;
}

static void
customer_json(const struct customer *c)
{
	char *ph = privacy_mask_phone(c->phone), *em = privacy_mask_email(c->email);

	printf("{\"id\":");
	app_json_string(stdout, c->code);
	printf(",\"name\":");
	app_json_string(stdout, c->name);
	printf(",\"phone\":");
	app_json_string(stdout, ph);
	printf(",\"email\":");
	app_json_string(stdout, em);
	printf(",\"loyalty\":");
	app_json_string(stdout, c->loyalty ? c->loyalty : "");
	printf(",\"language\":");
	app_json_string(stdout, c->lang ? c->lang : "");
	printf(",\"segment\":");
	app_json_string(stdout, c->segment ? c->segment : "");
	printf("}");
	free(ph);
	free(em);
}

int
cmd_customers(struct app *a, int argc, char **argv)
{
	struct customer *list;
	struct store *s;
	size_t n, k, limit = 20;
	char *find = NULL, *v, *cause = NULL, *ph, *em;
	int i, rc, json = 0, header = 1;

	for (i = 1; i < argc; i++) {
		if ((rc = app_opt(&i, argc, argv, "--find", &find)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&i, argc, argv, "--limit", &v)) != 0) {
			if (rc < 0 || parse_limit("customers", v, &limit))
				return EXIT_USAGE;
		} else if ((rc = app_opt(&i, argc, argv, "--format", &v)) != 0) {
			if (rc < 0 || parse_format("customers", v, &json))
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--no-header") == 0)
			header = 0;
		else
			return app_unknown_arg("customers", argv[i]);
	}
	if (find == NULL || *find == '\0')
		return app_bad_usage("customers", "%s", "--find TEXT is required");
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	if (store_customers_find(s, find, limit, &list, &n, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		store_close(&s);
		return EXIT_FAIL;
	}
	store_close(&s);
	if (json)
		putchar('[');
	else if (header && n > 0)
		puts("customer\tname\tphone\temail\tloyalty\tlanguage\tsegment");
	for (k = 0; k < n; k++) {
		if (json) {
			if (k > 0)
				putchar(',');
			customer_json(&list[k]);
			continue;
		}
		ph = privacy_mask_phone(list[k].phone);
		em = privacy_mask_email(list[k].email);
		cell(list[k].code, 0);
		cell(list[k].name, 0);
		cell(list[k].phone ? ph : "", 0);
		cell(em, 0);
		cell(list[k].loyalty, 0);
		cell(list[k].lang, 0);
		cell(list[k].segment, 1);
		free(ph);
		free(em);
	}
	if (json)
		puts("]");
	store_customers_free(&list, n);
	if (n == 0) {
		app_error("no customer matches");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* ---- history ------------------------------------------------------------- */

/*
 * The customer CUSTOMER names: an exact id, else the only match of a
 * search.  1 found; prints why not and returns 0 if none matches, 2 if
 * several do (the caller must name one), -1 on error.
 */
static int
resolve_customer(struct store *s, const char *text, struct customer *out)
{
	struct customer *list;
	size_t n, k;
	int64_t id;
	char *cause = NULL;
	int rc;

	rc = store_customer_id(s, text, &id, &cause);
	if (rc == 1)
		rc = store_customer_get(s, id, out, &cause);
	if (rc == 1)
		return 1;
	if (rc < 0)
		goto fail;
	if (store_customers_find(s, text, 10, &list, &n, &cause) != 0)
		goto fail;
	if (n == 1) {
		*out = list[0];
		memset(&list[0], 0, sizeof list[0]);
		store_customers_free(&list, n);
		return 1;
	}
	if (n == 0)
		app_error("no customer matches");
	else {
		app_error("%zu%s customers match; give one id:", n,
		    n == 10 ? " or more" : "");
		for (k = 0; k < n; k++)
			app_error("  %s  %s", list[k].code, list[k].name);
	}
	store_customers_free(&list, n);
	return n == 0 ? 0 : 2;
fail:
	app_error("%s", cause);
	free(cause);
	return -1;
}

/* Print the head of customer c's history: h's figures, with days since
 * the last visit (-1: none) and money at scale in currency cur, then p's
 * most bought and the lines' count and header, or their JSON when json
 * (left open at its "lines" array). */
static void
history_print_head(const struct customer *c, const struct history *h,
    const struct profile *p, const char *cur, int scale, int64_t days,
    int json)
{
	char m1[32], m2[32];
	int64_t avg;
	size_t k;

	avg = money_div_round(h->lifetime, h->visits);
	money_format(h->lifetime, scale, 0, m1, sizeof m1);
	money_format(avg, scale, 0, m2, sizeof m2);
	if (json) {
		printf("{\"customer\":");
		app_json_string(stdout, c->code);
		printf(",\"name\":");
		app_json_string(stdout, c->name);
		printf(",\"currency\":\"%s\",\"lifetime_value\":%s,"
		    "\"visits\":%lld,\"returns\":%lld,\"average_basket\":%s,"
		    "\"days_since_last_visit\":", cur, m1,
		    (long long)h->visits, (long long)h->returns, m2);
		if (days >= 0)
			printf("%lld", (long long)days);
		else
			printf("null");
		printf(",\"most_bought\":[");
		for (k = 0; k < p->ntop; k++) {
			printf("%s{\"sku\":", k ? "," : "");
			app_json_string(stdout, p->top[k].sku);
			printf(",\"item\":");
			app_json_string(stdout, p->top[k].name);
			printf(",\"orders\":%lld,\"quantity\":%lld}",
			    (long long)p->top[k].orders,
			    (long long)p->top[k].qty);
		}
		printf("],\"lines_total\":%zu,\"lines\":[", h->total_lines);
	} else {
		printf("# customer\t");
		cell(c->code, 0);
		cell(c->name, 1);
		printf("# lifetime_value\t%s %s\n# visits\t%lld\n"
		    "# returns\t%lld\n# average_basket\t%s %s\n"
		    "# days_since_last_visit\t", m1, cur, (long long)h->visits,
		    (long long)h->returns, m2, cur);
		if (days >= 0)
			printf("%lld\n", (long long)days);
		else
			printf("-\n");
		for (k = 0; k < p->ntop; k++) {
			printf("# most_bought\t");
			cell(p->top[k].sku, 0);
			cell(p->top[k].name, 0);
			printf("%lld\t%lld\n", (long long)p->top[k].orders,
			    (long long)p->top[k].qty);
		}
		printf("# lines\t%zu of %zu\n", h->n, h->total_lines);
		printf("date\torder\tkind\tsku\titem\tquantity\tunit_price\t"
		    "amount\n");
	}
}

/* Print h's lines, money at scale: a table's rows, or JSON objects
 * separated by commas when json. */
static void
history_print_lines(const struct history *h, int scale, int json)
{
	char when[20], m1[32], m3[32];
	size_t k;

	for (k = 0; k < h->n; k++) {
		const struct history_line *l = &h->lines[k];
		civil_format_time(l->at, when, sizeof when);
		money_format(l->unit_price, scale, 0, m1, sizeof m1);
		money_format(l->amount, scale, 0, m3, sizeof m3);
		if (json) {
			printf("%s{\"date\":\"%s\",\"order\":", k ? "," : "",
			    when);
			app_json_string(stdout, l->order_code);
			printf(",\"kind\":\"%s\",\"sku\":",
			    l->kind == ORDER_RETURN ? "return" : "sale");
			app_json_string(stdout, l->sku);
			printf(",\"item\":");
			app_json_string(stdout, l->name);
			printf(",\"quantity\":%lld,\"unit_price\":%s,"
			    "\"amount\":%s}", (long long)l->qty, m1, m3);
		} else {
			printf("%s\t", when);
			cell(l->order_code, 0);
			cell(l->kind == ORDER_RETURN ? "return" : "sale", 0);
			cell(l->sku, 0);
			cell(l->name, 0);
			printf("%lld\t%s\t%s\n", (long long)l->qty, m1, m3);
		}
	}
}

int
cmd_history(struct app *a, int argc, char **argv)
{
	struct customer c;
	struct history h;
	struct profile p;
	struct store *s;
	size_t limit = 50;
	char *who = NULL, *v, *cause = NULL;
	char cur[4];
	int i, rc, json = 0, scale;
	int64_t days = -1;

	for (i = 1; i < argc; i++) {
		if ((rc = app_opt(&i, argc, argv, "--limit", &v)) != 0) {
			if (rc < 0 || parse_limit("history", v, &limit))
				return EXIT_USAGE;
		} else if ((rc = app_opt(&i, argc, argv, "--format", &v)) != 0) {
			if (rc < 0 || parse_format("history", v, &json))
				return EXIT_USAGE;
		} else if (argv[i][0] == '-' && argv[i][1] == '-')
			return app_unknown_arg("history", argv[i]);
		else if (who == NULL)
			who = argv[i];
		else
			return app_bad_usage("history", "%s", "one customer at a time");
	}
	if (who == NULL)
		return app_bad_usage("history", "%s", "which customer?");
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	memset(&c, 0, sizeof c);
	rc = resolve_customer(s, who, &c);
	if (rc != 1) {
		store_close(&s);
		return rc == 2 ? EXIT_USAGE : EXIT_FAIL;
	}
	if (store_history(s, c.id, limit, &h, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		customer_clear(&c);
		store_close(&s);
		return EXIT_FAIL;
	}
	/* what they buy most: products only, services left out */
	if (store_profile(s, c.id, a->now, &p, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		store_history_free(&h);
		customer_clear(&c);
		store_close(&s);
		return EXIT_FAIL;
	}
	store_currency(s, cur, &scale);
	store_close(&s);
	if (h.last_at > 0)
		days = civil_day_of(a->now) - civil_day_of(h.last_at);
	history_print_head(&c, &h, &p, cur, scale, days, json);
	history_print_lines(&h, scale, json);
	if (json)
		puts("]}");
	store_profile_free(&p);
	store_history_free(&h);
	customer_clear(&c);
	return EXIT_OK;
}

/* ---- check-config ---------------------------------------------------------- */

int
cmd_check_config(struct app *a, int argc, char **argv)
{
	struct config *cfg = NULL;
	char *cause = NULL, *path, *clean;

	if (argc > 2)
		return app_bad_usage("check-config", "%s", "one file at a time");
	if (argc == 2)
		path = xstrdup(argv[1]);
	else if (a->config_path != NULL)
		path = xstrdup(a->config_path);
	else if ((path = config_default_path()) == NULL) {
		app_error("no configuration file: set HOME or XDG_CONFIG_HOME, "
		    "or name one");
		return EXIT_USAGE;
	}
	if (config_load(&cfg, path, 1, &cause) != 0) {
		/* FILE:LINE: reason, one per line, on stderr. */
		app_error("%s", cause);
		free(cause);
		free(path);
		return EXIT_USAGE;
	}
	config_free(&cfg);
	clean = text_cleans(path, -1);
	printf("%s: ok\n", clean);
	free(clean);
	free(path);
	return EXIT_OK;
}

/* ---- check-scripts ------------------------------------------------------- */

int
cmd_check_scripts(struct app *a, int argc, char **argv)
{
	struct scripts sc = { NULL, 0 };
	char *cause = NULL, *clean;
	int i, rc = EXIT_OK;
	size_t before;

	(void)a;
	if (argc < 2)
		return app_bad_usage("check-scripts", "%s", "which files?");
	for (i = 1; i < argc; i++) {
		before = sc.n;
		if (script_load_file(&sc, argv[i], &cause) != 0) {
			app_error("%s", cause);
			free(cause);
			cause = NULL;
			rc = EXIT_USAGE;
			continue;
		}
		clean = text_cleans(argv[i], -1);
		printf("%s: ok, %zu templates\n", clean, sc.n - before);
		free(clean);
	}
	scripts_free(&sc);
	return rc;
}

/* ---- import-scripts -------------------------------------------------------- */

int
app_save_scripts(struct store *s, char *const *paths, size_t npaths,
    int verbose, char **cause)
{
	struct scripts sc = { NULL, 0 };
	struct script_row *rows;
	char langs[16][4], *err, *t;
	size_t nlangs = 0, i, k, n;
	int rc = 0;

	*cause = NULL;
	/* All files are checked before anything is saved. */
	for (i = 0; i < npaths; i++)
		if (script_load_file(&sc, paths[i], &err) != 0) {
			t = xasprintf("%s%s%s", *cause ? *cause : "",
			    *cause ? "\n" : "", err);
			free(*cause);
			free(err);
			*cause = t;
			rc = -1;
		}
	for (i = 0; i < sc.n && rc == 0; i++) {
		for (k = 0; k < nlangs; k++)
			if (strcmp(langs[k], sc.v[i].lang) == 0)
				break;
		if (k == nlangs && nlangs < 16)
			memcpy(langs[nlangs++], sc.v[i].lang, 4);
	}
	for (k = 0; k < nlangs && rc == 0; k++) {
		script_to_rows(&sc, langs[k], &rows, &n);
		rc = store_script_rows_put(s, langs[k], rows, n, cause);
		if (rc == 0 && verbose)
			printf("%s: %zu template lines saved\n", langs[k], n);
		store_script_rows_free(&rows, n);
	}
	scripts_free(&sc);
	return rc;
}

int
cmd_import_scripts(struct app *a, int argc, char **argv)
{
	struct store *s;
	char *cause = NULL;
	int rc;

	if (argc < 2)
		return app_bad_usage("import-scripts", "%s", "which files?");
	if ((s = app_open_store(a, 1)) == NULL)
		return EXIT_FAIL;
	rc = app_save_scripts(s, argv + 1, (size_t)(argc - 1), 1, &cause);
	store_close(&s);
	if (rc != 0) {
		app_error("%s", cause);
		app_error("nothing was saved");
		free(cause);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* ---- check ------------------------------------------------------------------ */

struct check_out {
	const char *db;       /* sanitised path, for each line */
};

static void
check_problem(void *arg, const char *problem)
{
	struct check_out *o = arg;

	app_error("%s: %s", o->db, problem);
}

int
cmd_check(struct app *a, int argc, char **argv)
{
	struct check_out o;
	struct store *s;
	char *cause = NULL, *db;
	int64_t rows;
	int n;

	(void)argv;
	if (argc > 1)
		return app_bad_usage("check", "%s", "check takes no arguments");
	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	db = text_cleans(store_path(s), APP_QUOTE_COLS);
	o.db = db;
	n = store_verify(s, check_problem, &o, &rows, &cause);
	store_close(&s);
	if (n < 0) {
		app_error("%s", cause);
		free(cause);
	} else if (n == 0)
		printf("%s: ok: integrity, schema, %lld audit row%s chained, "
		    "staff roles as audited\n", db, (long long)rows, rows == 1 ?
		    "" : "s");
	else
		app_error("%s: %d problem%s: the database was changed outside "
		    "uplift; restore it from a backup and find out who", db, n,
		    n == 1 ? "" : "s");
	free(db);
	return n == 0 ? EXIT_OK : EXIT_FAIL;
}
