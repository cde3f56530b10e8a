/*
 * cmd_report.c — `uplift report scripts`: shown, accepted, declined and
 * take rate (with its 95 % Wilson interval) per talking-point variant,
 * then a verdict for each pair of variants of one template (model/report.h).
 *
 * Table: a header, one row per variant, a blank line, the verdicts.
 * TSV: a header line, one line per variant
 *     variant shown accepted declined take_percent low_percent high_percent
 * (percentages with one decimal, "-" when a variant has no rate), then the
 * verdicts as lines starting with "# ".  Variant names pass through the
 * sanitiser (text.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "model/chain.h"
#include "model/civil.h"
#include "model/csv.h"
#include "model/money.h"
#include "model/report.h"
#include "model/session.h"
#include "model/store.h"
#include "model/store_report.h"
#include "model/text.h"
#include "model/xalloc.h"

#define VARIANT_COLS_MAX 48     /* the variant column is cut beyond this */

/* --from / --to DATE: the day number, or -1 (printed). */
static int
parse_day(const char *opt, const char *v, int64_t *day)
{
	const char *why;

	if (civil_parse_date(v, strlen(v), day, &why) != 0) {
		app_error("%s: %s", opt, why);
		return -1;
	}
	return 0;
}

static int
digits(int64_t v)
{
	int n = 1;

	while (v >= 10 || v <= -10) {
		v /= 10;
		n++;
	}
	return n + (v < 0);
}

static void
print_table(const struct report *r)
{
	const struct report_row *row;
	char *cell;
	const char *dash = text_get_ascii() ? "-" : "\xe2\x80\x93";
	int wv = text_width("variant"), ws = 5, wa = 8, wd = 8, w;
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		if ((w = text_width(row->vc->variant)) > wv)
			wv = w;
		if ((w = digits(row->vc->shown)) > ws)
			ws = w;
		if ((w = digits(row->vc->accepted)) > wa)
			wa = w;
		if ((w = digits(row->vc->declined)) > wd)
			wd = w;
	}
	if (wv > VARIANT_COLS_MAX)
		wv = VARIANT_COLS_MAX;
	cell = text_fit("variant", wv);
	printf("%s  %*s  %*s  %*s  %7s  95 %% interval\n", cell, ws, "shown",
	    wa, "accepted", wd, "declined", "take");
	free(cell);
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		cell = text_fit(row->vc->variant, wv);
		printf("%s  %*lld  %*lld  %*lld", cell, ws,
		    (long long)row->vc->shown, wa, (long long)row->vc->accepted,
		    wd, (long long)row->vc->declined);
		free(cell);
		if (row->has_rate)
			printf("  %5.1f %%  %.1f%s%.1f %%\n", row->take * 100,
			    row->lo * 100, dash, row->hi * 100);
		else
			printf("  %7s  -\n", "-");
	}
}

static void
print_tsv(const struct report *r)
{
	const struct report_row *row;
	size_t i;

	printf("variant\tshown\taccepted\tdeclined\ttake_percent\t"
	    "low_percent\thigh_percent\n");
	for (i = 0; i < r->nrows; i++) {
		row = &r->rows[i];
		text_fputs(row->vc->variant, stdout);
		printf("\t%lld\t%lld\t%lld", (long long)row->vc->shown,
		    (long long)row->vc->accepted, (long long)row->vc->declined);
		if (row->has_rate)
			printf("\t%.1f\t%.1f\t%.1f\n", row->take * 100,
			    row->lo * 100, row->hi * 100);
		else
			printf("\t-\t-\t-\n");
	}
}

/* ---- offers, clerks, items, days, reasons, hotel --------------------------- */

static const struct {
	const char *name;
	int         by;
	const char *key;      /* the key column's title */
} groupings[] = {
	{ "offers", OFFERS_BY_KIND, "kind" },
	{ "clerks", OFFERS_BY_CLERK, "clerk" },
	{ "items", OFFERS_BY_ITEM, "item" },
	{ "days", OFFERS_BY_DAY, "day" },
	{ "reasons", OFFERS_BY_REASON, "reason" },
	{ "hotel", OFFERS_BY_HOTEL, "hotel" },
	{ "baskets", -1, "sales" },
	{ "shops", OFFERS_BY_SHOP, "shop" },     /* --chain only */
};

/* Where the figures come from: this shop's file, or the chain's server
 * (report --chain, every shop's rows). */
struct source {
	struct store *s;
	struct chain *c;
	char          cur[4];
	int           scale;
};

static int
src_groups(struct source *src, int by, int64_t from, int64_t to,
    struct offer_group **g, size_t *n, char **cause)
{
	if (src->c != NULL)
		return chain_offer_groups(src->c, by, from, to, g, n, cause);
	return store_offer_groups(src->s, by, from, to, g, n, cause);
}

/*
 * What an empty table says: a period without offers, or (for the
 * reasons) offers of which none was declined.
 */
static void
print_nothing(struct source *src, int by, int64_t from, int64_t to)
{
	struct offer_group *k = NULL;
	size_t nk = 0, i;
	int64_t shown = 0;
	char *cause = NULL;

	if (by == OFFERS_BY_REASON &&
	    src_groups(src, OFFERS_BY_KIND, from, to, &k, &nk, &cause) == 0)
		for (i = 0; i < nk; i++)
			shown += k[i].shown;
	free(cause);
	store_offer_groups_free(&k, nk);
	if (shown > 0)
		printf("no declines in this period (%lld offer%s, none "
		    "declined)\n", (long long)shown, shown == 1 ? "" : "s");
	else
		printf("no offers in this period\n");
}

enum { FMT_TABLE, FMT_TSV, FMT_CSV };

/* One output row: cells as text. */
#define COLS_MAX 10

struct out {
	int    fmt;
	size_t ncols;
	const char *head[COLS_MAX];
	char **cells;         /* nrows × ncols, owned */
	size_t nrows;
};

static void
out_row(struct out *o, char **cells)
{
	size_t i;

	o->cells = xreallocarray(o->cells, (o->nrows + 1) * o->ncols,
	    sizeof *o->cells);
	for (i = 0; i < o->ncols; i++)
		o->cells[o->nrows * o->ncols + i] = cells[i];
	o->nrows++;
}

static void
out_print(struct out *o)
{
	int w[COLS_MAX];
	size_t r, c;
	char *t;

	if (o->fmt == FMT_CSV) {
		app_csv_row(stdout, o->ncols, o->head);
		for (r = 0; r < o->nrows; r++)
			app_csv_row(stdout, o->ncols,
			    (const char *const *)&o->cells[r * o->ncols]);
		return;
	}
	if (o->fmt == FMT_TSV) {
		for (c = 0; c < o->ncols; c++)
			printf("%s%s", c ? "\t" : "", o->head[c]);
		putchar('\n');
		for (r = 0; r < o->nrows; r++)
			for (c = 0; c < o->ncols; c++) {
				text_fputs(o->cells[r * o->ncols + c], stdout);
				putchar(c + 1 < o->ncols ? '\t' : '\n');
			}
		return;
	}
	for (c = 0; c < o->ncols; c++) {
		w[c] = text_width(o->head[c]);
		for (r = 0; r < o->nrows; r++) {
			int x = text_width(o->cells[r * o->ncols + c]);
			if (x > w[c])
				w[c] = x;
		}
		if (c == 0 && w[c] > VARIANT_COLS_MAX)
			w[c] = VARIANT_COLS_MAX;
	}
	for (r = 0; r <= o->nrows; r++) {
		for (c = 0; c < o->ncols; c++) {
			const char *v = r == 0 ? o->head[c] :
			    o->cells[(r - 1) * o->ncols + c];
			/* the key left, the figures right */
			if (c == 0) {
				t = text_fit(v, w[c]);
				fputs(t, stdout);
				free(t);
			} else {
				t = text_cleans(v, w[c]);
				printf("  %*s", w[c] + (int)strlen(t) -
				    text_width(t), t);
				free(t);
			}
		}
		putchar('\n');
	}
}

static void
out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->nrows * o->ncols; i++)
		free(o->cells[i]);
	free(o->cells);
}

static char *
pct_of(int64_t k, int64_t n)
{
	return n > 0 ? xasprintf("%.1f", 100.0 * (double)k / (double)n) :
	    xstrdup("-");
}

/* For people (the table), the currency's decimals grouped by thousands
 * (money_show); for machines (TSV, CSV, JSON) every stored digit. */
static int money_group;
static const char *money_cur;

static char *
money_of(int64_t v, int scale)
{
	char buf[48];

	if (money_group)
		money_show(v, scale, money_cur, buf, sizeof buf);
	else
		money_format(v, scale, 0, buf, sizeof buf);
	return xstrdup(buf);
}

/* *acc += v, checked: a sum beyond 64 bits sets *over (the report then
 * fails rather than print a wrapped number). */
static void
revenue_add(int64_t *acc, int64_t v, int *over)
{
	if (money_add(*acc, v, acc) != 0)
		*over = 1;
}

static const struct offer_group *
group_find(const struct offer_group *g, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(g[i].key, key) == 0)
			return &g[i];
	return NULL;
}

/* Print the counter's sales in [from, to) with and without an accepted
 * offer, money at scale, in fmt; EXIT_OK, or EXIT_FAIL with the error
 * printed. */
static int
report_baskets(struct source *src, int64_t from, int64_t to, int scale,
    int fmt)
{
	struct basket_average w, wo;
	const struct basket_average *b[2] = { &w, &wo };
	static const char *const names[2] = { "with an accepted offer",
	    "without" };
	struct out o;
	char *cause = NULL, *cells[COLS_MAX];
	int k;

	if ((src->c != NULL ? chain_basket_averages(src->c, from, to, &w,
	    &wo, &cause) : store_basket_averages(src->s, from, to, &w, &wo,
	    &cause)) != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	memset(&o, 0, sizeof o);
	o.fmt = fmt;
	o.head[o.ncols++] = "sales";
	o.head[o.ncols++] = "orders";
	o.head[o.ncols++] = "total";
	o.head[o.ncols++] = "average_basket";
	for (k = 0; k < 2; k++) {
		cells[0] = xstrdup(names[k]);
		cells[1] = xasprintf("%lld", (long long)b[k]->orders);
		cells[2] = money_of(b[k]->total, scale);
		cells[3] = b[k]->orders > 0 ? money_of(b[k]->total /
		    b[k]->orders, scale) : xstrdup("-");
		out_row(&o, cells);
	}
	out_print(&o);
	out_free(&o);
	return EXIT_OK;
}

/* Add to o the columns and rows of the declines g[0..n) by reason. */
static void
report_rows_reason(struct out *o, const struct offer_group *g, size_t n)
{
	char *cells[COLS_MAX];
	int64_t declined = 0;
	size_t i;

	o->head[o->ncols++] = "declined";
	o->head[o->ncols++] = "share_percent";
	for (i = 0; i < n; i++)
		declined += g[i].declined;
	for (i = 0; i < n; i++) {
		int r = g[i].key[0] >= '1' && g[i].key[0] <= '5' &&
		    g[i].key[1] == '\0' ? g[i].key[0] - '0' : 0;
		cells[0] = xstrdup(r == 0 ? "none given" :
		    session_reason_name(r));
		cells[1] = xasprintf("%lld", (long long)g[i].declined);
		cells[2] = pct_of(g[i].declined, declined);
		out_row(o, cells);
	}
}

/* Add to o the columns and rows of the offers g[0..n) by hotel, money
 * at scale. */
static void
report_rows_hotel(struct out *o, const struct offer_group *g, size_t n,
    int scale)
{
	char *cells[COLS_MAX];
	size_t i;

	o->head[o->ncols++] = "offered";
	o->head[o->ncols++] = "accepted";
	o->head[o->ncols++] = "take_percent";
	o->head[o->ncols++] = "nights_sold";
	o->head[o->ncols++] = "revenue";
	o->head[o->ncols++] = "per_night_sold";
	for (i = 0; i < n; i++) {
		cells[0] = xstrdup(g[i].key);
		cells[1] = xasprintf("%lld", (long long)g[i].shown);
		cells[2] = xasprintf("%lld", (long long)g[i].accepted);
		cells[3] = pct_of(g[i].accepted, g[i].shown);
		cells[4] = xasprintf("%lld", (long long)g[i].nights);
		cells[5] = money_of(g[i].revenue, scale);
		cells[6] = g[i].nights > 0 ? money_of(g[i].revenue /
		    g[i].nights, scale) : xstrdup("-");
		out_row(o, cells);
	}
}

/* Add to o the columns and rows of the offers g[0..n) and a TOTAL row,
 * with the previous period's p[0..np) beside them when prev, money at
 * scale; sets *over when a revenue sum overflows. */
static void
report_rows_offers(struct out *o, const struct offer_group *g, size_t n,
    const struct offer_group *p, size_t np, int prev, int scale, int *over)
{
	struct offer_group tot;
	char *cells[COLS_MAX];
	size_t i;

	memset(&tot, 0, sizeof tot);
	o->head[o->ncols++] = "shown";
	o->head[o->ncols++] = "accepted";
	o->head[o->ncols++] = "declined";
	o->head[o->ncols++] = "take_percent";
	o->head[o->ncols++] = "revenue";
	if (prev) {
		o->head[o->ncols++] = "previous_take_percent";
		o->head[o->ncols++] = "previous_revenue";
	}
	for (i = 0; i <= n; i++) {
		const struct offer_group *x = i < n ? &g[i] : &tot;
		const struct offer_group *y;
		size_t c = 0;

		if (i < n) {
			tot.shown += x->shown;
			tot.accepted += x->accepted;
			tot.declined += x->declined;
			revenue_add(&tot.revenue, x->revenue, over);
		}
		cells[c++] = xstrdup(i < n ? x->key : "TOTAL");
		cells[c++] = xasprintf("%lld", (long long)x->shown);
		cells[c++] = xasprintf("%lld", (long long)x->accepted);
		cells[c++] = xasprintf("%lld", (long long)x->declined);
		cells[c++] = pct_of(x->accepted, x->shown);
		cells[c++] = money_of(x->revenue, scale);
		if (prev) {
			struct offer_group pt;

			memset(&pt, 0, sizeof pt);
			if (i < n)
				y = group_find(p, np, x->key);
			else {
				size_t j;
				for (j = 0; j < np; j++) {
					pt.shown += p[j].shown;
					pt.accepted += p[j].accepted;
					revenue_add(&pt.revenue,
					    p[j].revenue, over);
				}
				y = &pt;
			}
			cells[c++] = y != NULL ? pct_of(y->accepted,
			    y->shown) : xstrdup("-");
			cells[c++] = money_of(y != NULL ? y->revenue :
			    0, scale);
		}
		out_row(o, cells);
	}
}

static int
report_groups(struct source *src, int which, int64_t from, int64_t to,
    int prev, int fmt)
{
	struct offer_group *g = NULL, *p = NULL;
	struct out o;
	char *cause = NULL;
	size_t n = 0, np = 0;
	int scale = src->scale, by = groupings[which].by, over = 0;
	int64_t len = to - from;

	money_group = fmt == FMT_TABLE;
	money_cur = src->cur;
	/* the counter's sales with and without an accepted offer */
	if (by < 0)
		return report_baskets(src, from, to, scale, fmt);
	if (src_groups(src, by, from, to, &g, &n, &cause) != 0 ||
	    (prev && src_groups(src, by, from - len, from, &p, &np,
	    &cause) != 0)) {
		app_error("%s", cause);
		free(cause);
		store_offer_groups_free(&g, n);
		return EXIT_FAIL;
	}
	memset(&o, 0, sizeof o);
	o.fmt = fmt;
	o.head[o.ncols++] = groupings[which].key;
	if (by == OFFERS_BY_REASON)
		report_rows_reason(&o, g, n);
	else if (by == OFFERS_BY_HOTEL)
		report_rows_hotel(&o, g, n, scale);
	else
		report_rows_offers(&o, g, n, p, np, prev, scale, &over);
	if (over)
		app_error("the revenue adds up beyond 64 bits: the offer log "
		    "was changed outside uplift (uplift check tells more)");
	else if (n == 0 && fmt == FMT_TABLE)
		print_nothing(src, by, from, to);
	else
		out_print(&o);
	out_free(&o);
	store_offer_groups_free(&g, n);
	store_offer_groups_free(&p, np);
	return over ? EXIT_FAIL : EXIT_OK;
}

/* The scripts report: the counts of each template's variants, then the
 * verdicts (tsv: tab-separated, the text lines as # comments). */
static void
scripts_print(const struct variant_count *counts, size_t n, int tsv)
{
	struct report r;
	const char *pre = tsv ? "# " : "";
	char *line;
	size_t i;

	if (n == 0) {
		printf("%sno offers with a script variant in this period\n", pre);
		return;
	}
	report_build(&r, counts, n);
	if (tsv)
		print_tsv(&r);
	else {
		print_table(&r);
		putchar('\n');
	}
	for (i = 0; i < r.nverdicts; i++) {
		line = report_verdict_text(&r, &r.verdicts[i]);
		fputs(pre, stdout);
		text_fputs(line, stdout);
		putchar('\n');
		free(line);
	}
	if (r.nverdicts == 0)
		printf("%sno template has two variants to compare yet\n", pre);
	report_free(&r);
}

/* The report's source into *src: the chain's server (chain) or this
 * shop's database, with its currency.  EXIT_OK, or an exit code after
 * saying why. */
static int
source_open(struct app *a, int chain, struct source *src)
{
	struct chain_hello h;
	char *cause = NULL;
	int rc;

	memset(src, 0, sizeof *src);
	if (!chain) {
		if ((src->s = app_open_store(a, 0)) == NULL)
			return EXIT_FAIL;
		store_currency(src->s, src->cur, &src->scale);
		return EXIT_OK;
	}
	if ((rc = app_chain_open(a, &src->c, 0)) != EXIT_OK)
		return rc;
	if (chain_hello(src->c, NULL, &h, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		chain_close(&src->c);
		return EXIT_FAIL;
	}
	memcpy(src->cur, h.currency, 4);
	src->scale = h.currency[0] ? h.scale : 2;
	return EXIT_OK;
}

int
cmd_report(struct app *a, int argc, char **argv)
{
	struct variant_count *counts = NULL;
	struct source src;
	size_t n;
	int64_t from = INT64_MIN, to = INT64_MAX, day;
	char *v, *cause = NULL;
	int k, rc, tsv = 0, chain = 0;
	int which = -1, fmt = FMT_TABLE, bounded = 0;

	if (argc >= 2)
		for (k = 0; k < (int)(sizeof groupings /
		    sizeof groupings[0]); k++)
			if (strcmp(argv[1], groupings[k].name) == 0)
				which = k;
	if (argc < 2 || (which < 0 && strcmp(argv[1], "scripts") != 0))
		return app_bad_usage("report", "%s", argc < 2 ? "which report? "
		    "(offers, clerks, items, days, reasons, hotel, baskets, "
		    "scripts, shops)" : "no such report (there are: offers, "
		    "clerks, items, days, reasons, hotel, baskets, scripts, "
		    "shops)");
	for (k = 2; k < argc; k++) {
		if (strcmp(argv[k], "--chain") == 0)
			chain = 1;
		else if ((rc = app_opt(&k, argc, argv, "--from", &v)) != 0) {
			if (rc < 0 || parse_day("--from", v, &day) != 0)
				return EXIT_USAGE;
			from = day * CIVIL_DAY;
			bounded |= 1;
		} else if ((rc = app_opt(&k, argc, argv, "--to", &v)) != 0) {
			if (rc < 0 || parse_day("--to", v, &day) != 0)
				return EXIT_USAGE;
			to = (day + 1) * CIVIL_DAY;     /* the whole day */
			bounded |= 2;
		} else if ((rc = app_opt(&k, argc, argv, "--format", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (strcmp(v, "table") == 0)
				fmt = FMT_TABLE;
			else if (strcmp(v, "tsv") == 0)
				fmt = FMT_TSV;
			else if (strcmp(v, "csv") == 0 && which >= 0)
				fmt = FMT_CSV;
			else
				return app_bad_usage("report", "%s", which >= 0 ?
				    "--format is table, tsv or csv" :
				    "--format is table or tsv");
			tsv = fmt == FMT_TSV;
		} else
			return app_unknown_arg("report", argv[k]);
	}
	if (from >= to)
		return app_bad_usage("report", "%s", "--from is after --to");
	if (which >= 0 && groupings[which].by == OFFERS_BY_SHOP && !chain)
		return app_bad_usage("report", "%s", "report shops is the "
		    "chain's: add --chain");
	if ((rc = source_open(a, chain, &src)) != EXIT_OK)
		return rc;
	if (which >= 0) {
		/* with both bounds, the period before of the same length
		 * stands beside it (not by day: no day is in both) */
		rc = report_groups(&src, which, from, to, bounded == 3 &&
		    groupings[which].by != OFFERS_BY_DAY, fmt);
		store_close(&src.s);
		chain_close(&src.c);
		return rc;
	}
	rc = src.c != NULL ? chain_variant_counts(src.c, from, to, &counts, &n,
	    &cause) : store_variant_counts(src.s, from, to, &counts, &n,
	    &cause);
	store_close(&src.s);
	chain_close(&src.c);
	if (rc != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	scripts_print(counts, n, tsv);
	free(counts);
	return EXIT_OK;
}
