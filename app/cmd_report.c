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
#include "model/civil.h"
#include "model/report.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

#define VARIANT_COLS_MAX 48     /* the variant column is cut beyond this */

static int
report_usage(const char *what)
{
	const struct command *c;

	app_error("%s", what);
	for (c = app_commands; c->name != NULL; c++)
		if (strcmp(c->name, "report") == 0)
			app_usage(c, stderr);
	return EXIT_USAGE;
}

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

int
cmd_report(struct app *a, int argc, char **argv)
{
	struct variant_count *counts = NULL;
	struct report r;
	struct store *s;
	size_t n, i;
	int64_t from = INT64_MIN, to = INT64_MAX, day;
	char *v, *cause = NULL, *line;
	const char *pre;
	int k, rc, tsv = 0;

	if (argc < 2 || strcmp(argv[1], "scripts") != 0)
		return report_usage(argc < 2 ? "which report? (scripts)" :
		    "no such report (there is: scripts)");
	for (k = 2; k < argc; k++) {
		if ((rc = app_opt(&k, argc, argv, "--from", &v)) != 0) {
			if (rc < 0 || parse_day("--from", v, &day) != 0)
				return EXIT_USAGE;
			from = day * CIVIL_DAY;
		} else if ((rc = app_opt(&k, argc, argv, "--to", &v)) != 0) {
			if (rc < 0 || parse_day("--to", v, &day) != 0)
				return EXIT_USAGE;
			to = (day + 1) * CIVIL_DAY;     /* the whole day */
		} else if ((rc = app_opt(&k, argc, argv, "--format", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (strcmp(v, "table") == 0)
				tsv = 0;
			else if (strcmp(v, "tsv") == 0)
				tsv = 1;
			else
				return report_usage("--format is table or tsv");
		} else
			return report_usage("unknown argument");
	}
	if (from >= to)
		return report_usage("--from is after --to");

	if ((s = app_open_store(a, 0)) == NULL)
		return EXIT_FAIL;
	rc = store_variant_counts(s, from, to, &counts, &n, &cause);
	store_close(&s);
	if (rc != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	pre = tsv ? "# " : "";
	if (n == 0) {
		printf("%sno offers with a script variant in this period\n", pre);
		return EXIT_OK;
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
	free(counts);
	return EXIT_OK;
}
