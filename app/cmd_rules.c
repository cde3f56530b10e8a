/*
 * cmd_rules.c — `uplift rules`: association rules with arules' apriori()
 * semantics (model/rules.h) from a basket file or the store's orders.
 *
 * TSV, one rule per line, no header:
 *     antecedent TAB consequent TAB support TAB confidence TAB lift TAB count
 * the antecedent's items sorted by name (byte order) and joined by the
 * --sep character (a space when splitting on blanks, reading --db, or
 * when --sep is a tab), an empty field for {}; figures rounded exactly to
 * 6 decimals, halves up (rules_format_ratio).  JSON: an array of objects
 * {"antecedent":[...],"consequent":...,"support":...,"confidence":...,
 * "lift":...,"count":...}, one per line.  Item names pass through the
 * sanitiser (text.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "model/authz.h"
#include "model/baskets.h"
#include "model/rules.h"
#include "model/store.h"
#include "model/store_orders.h"
#include "model/text.h"
#include "model/xalloc.h"

/* --sep: one printable ASCII character, or a tab ("\t" or a real one). */
static int
parse_sep(const char *v, int *sep)
{
	if (strcmp(v, "\\t") == 0 || strcmp(v, "\t") == 0) {
		*sep = '\t';
		return 0;
	}
	if (strlen(v) != 1 || v[0] < 0x20 || v[0] > 0x7e)
		return -1;
	*sep = (unsigned char)v[0];
	return 0;
}

/* --min-len / --max-len: 1 .. RULES_MAX_LEN. */
static int
parse_len(const char *v, unsigned *out)
{
	char	*end;
	long	 n;

	if (*v < '0' || *v > '9')
		return -1;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < 1 || n > RULES_MAX_LEN)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static int
parse_fraction(const char *opt, const char *v, struct rules_decimal *d)
{
	const char	*why;
	char		*msg;
	int		 rc;

	if (rules_decimal_parse(v, d, &why) == 0)
		return 0;
	msg = xasprintf("%s %s: %s (write it like 0.001)", opt, v, why);
	rc = app_bad_usage("rules", "%s", msg);
	free(msg);
	return rc;
}

static void
print_rule_tsv(const struct baskets *b, const struct rules *rs,
    const struct rule *r, int joiner)
{
	char		 sup[RULES_RATIO_LEN], conf[RULES_RATIO_LEN];
	char		 lift[RULES_RATIO_LEN];
	uint32_t	 k;

	for (k = 0; k < r->nlhs; k++) {
		if (k > 0)
			putchar(joiner);
		text_fputs(b->names[rs->lhs[r->lhs + k]], stdout);
	}
	putchar('\t');
	text_fputs(b->names[r->rhs], stdout);
	rules_format_ratio(r->count, rs->nbaskets, sup, sizeof sup);
	rules_format_ratio(r->count, r->count_lhs, conf, sizeof conf);
	rules_format_ratio((uint64_t)r->count * rs->nbaskets,
	    (uint64_t)r->count_lhs * r->count_rhs, lift, sizeof lift);
	printf("\t%s\t%s\t%s\t%lu\n", sup, conf, lift,
	    (unsigned long)r->count);
}

static void
print_rule_json(const struct baskets *b, const struct rules *rs,
    const struct rule *r)
{
	char		 sup[RULES_RATIO_LEN], conf[RULES_RATIO_LEN];
	char		 lift[RULES_RATIO_LEN];
	uint32_t	 k;

	printf("{\"antecedent\":[");
	for (k = 0; k < r->nlhs; k++) {
		if (k > 0)
			putchar(',');
		app_json_string(stdout, b->names[rs->lhs[r->lhs + k]]);
	}
	printf("],\"consequent\":");
	app_json_string(stdout, b->names[r->rhs]);
	rules_format_ratio(r->count, rs->nbaskets, sup, sizeof sup);
	rules_format_ratio(r->count, r->count_lhs, conf, sizeof conf);
	rules_format_ratio((uint64_t)r->count * rs->nbaskets,
	    (uint64_t)r->count_lhs * r->count_rhs, lift, sizeof lift);
	printf(",\"support\":%s,\"confidence\":%s,\"lift\":%s,\"count\":%lu}",
	    sup, conf, lift, (unsigned long)r->count);
}

/* Load the baskets from the file or the store; an exit code. */
static int
load_baskets(struct app *a, const char *file, int sep, struct baskets *b)
{
	struct store	*s;
	char		*cause = NULL;
	int		 rc;

	if (file != NULL)
		rc = baskets_read_file(b, file, sep, &cause);
	else {
		/* the shop's sales: a report (a file of baskets is not) */
		if (app_authorize(a, ACT_REPORT) != 0 ||
		    (s = app_open_store(a, 0)) == NULL)
			return EXIT_FAIL;
		rc = store_baskets(s, INT64_MAX, b, &cause);
		store_close(&s);
	}
	if (rc != 0) {
		app_error("%s", cause != NULL ? cause : "cannot read baskets");
		free(cause);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* The command line of "uplift rules". */
struct rules_args {
	struct rules_options	 o;
	char			*file;		/* --baskets FILE, or NULL */
	int			 db, json, sep, header;
};

/* Parse and check rules' arguments into *r, defaults first; EXIT_OK, or
 * the exit code to return with its message printed. */
static int
rules_parse_args(int argc, char **argv, struct rules_args *r)
{
	char			*v;
	int			 i, rc, sep_given = 0;
	int			 have_s = 0, have_c = 0, have_max = 0;

	memset(r, 0, sizeof *r);
	r->header = 1;
	rules_options_init(&r->o);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0)
			r->db = 1;
		else if ((rc = app_opt(&i, argc, argv, "--baskets", &r->file)) !=
		    0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(&i, argc, argv, "--sep", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_sep(v, &r->sep) != 0)
				return app_bad_usage("rules", "%s", "--sep is one printable "
				    "ASCII character, or \\t for a tab");
			sep_given = 1;
		} else if ((rc = app_opt(&i, argc, argv, "--min-support",
		    &v)) != 0) {
			if (rc < 0 || parse_fraction("--min-support", v,
			    &r->o.min_support) != 0)
				return EXIT_USAGE;
			have_s = 1;
		} else if ((rc = app_opt(&i, argc, argv, "--min-confidence",
		    &v)) != 0) {
			if (rc < 0 || parse_fraction("--min-confidence", v,
			    &r->o.min_confidence) != 0)
				return EXIT_USAGE;
			have_c = 1;
		} else if ((rc = app_opt(&i, argc, argv, "--min-len", &v)) !=
		    0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_len(v, &r->o.min_len) != 0)
				return app_bad_usage("rules", "%s", "--min-len is a whole "
				    "number from 1 to 64");
		} else if ((rc = app_opt(&i, argc, argv, "--max-len", &v)) !=
		    0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (parse_len(v, &r->o.max_len) != 0)
				return app_bad_usage("rules", "%s", "--max-len is a whole "
				    "number from 1 to 64");
			have_max = 1;
		} else if ((rc = app_opt(&i, argc, argv, "--format", &v)) !=
		    0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (strcmp(v, "tsv") == 0)
				r->json = 0;
			else if (strcmp(v, "json") == 0)
				r->json = 1;
			else
				return app_bad_usage("rules", "%s", "--format is tsv or json");
		} else if (strcmp(argv[i], "--no-header") == 0)
			r->header = 0;
		else
			return app_unknown_arg("rules", argv[i]);
	}
	if (r->db == (r->file != NULL))
		return app_bad_usage("rules", "%s", "give either --db or --baskets FILE");
	if (r->db && sep_given)
		return app_bad_usage("rules", "%s", "--sep goes with --baskets");
	if (!have_s || !have_c)
		return app_bad_usage("rules", "%s", "--min-support and --min-confidence are "
		    "required");
	if (rules_decimal_is_zero(&r->o.min_support))
		return app_bad_usage("rules", "%s", "--min-support must be above 0");
	if (r->o.max_len < r->o.min_len)
		return app_bad_usage("rules", "%s", have_max ? "--max-len is below --min-len" :
		    "--min-len is above the default --max-len of 10");

	return EXIT_OK;
}

/* Print the rules rs over the items of b: JSON when json, else TSV with
 * a header line when header, a rule's items joined by sep (a space for
 * none or a tab). */
static void
rules_print(const struct baskets *b, const struct rules *rs, int json,
    int header, int sep)
{
	int			 joiner;
	size_t			 k;

	joiner = sep != 0 && sep != '\t' ? sep : ' ';
	if (json)
		printf("[");
	else if (header)
		puts("lhs\trhs\tsupport\tconfidence\tlift\tcount");
	for (k = 0; k < rs->n; k++) {
		if (json) {
			printf(k > 0 ? ",\n" : "\n");
			print_rule_json(b, rs, &rs->v[k]);
		} else
			print_rule_tsv(b, rs, &rs->v[k], joiner);
	}
	if (json)
		printf(rs->n > 0 ? "\n]\n" : "]\n");
}

int
cmd_rules(struct app *a, int argc, char **argv)
{
	struct rules_args	 r;
	struct baskets		 b;
	struct rules		 rs;
	char			*cause = NULL;
	int			 rc;

	if ((rc = rules_parse_args(argc, argv, &r)) != EXIT_OK)
		return rc;

	xalloc_bulk();
	baskets_init(&b);
	if ((rc = load_baskets(a, r.file, r.sep, &b)) != EXIT_OK) {
		baskets_free(&b);
		return rc;
	}
	rc = rules_mine(&b, &r.o, &rs, &cause);
	if (rc != 0) {
		app_error("%s", cause);
		if (rc == RULES_E_ITEMSETS)
			app_error("raise --min-support (or lower --max-len)");
		else if (rc == RULES_E_RULES)
			app_error("raise --min-confidence or --min-support");
		free(cause);
		baskets_free(&b);
		return EXIT_FAIL;
	}
	rules_print(&b, &rs, r.json, r.header, r.sep);
	rules_free(&rs);
	baskets_free(&b);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		app_error("cannot write the rules");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
