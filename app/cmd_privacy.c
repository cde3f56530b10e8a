/*
 * cmd_privacy.c — a customer's data: `uplift export-customer` writes
 * everything held about them (JSON or CSV), `uplift erase-customer`
 * removes their personal fields and keeps their history under a
 * pseudonym (reliability.md rules 7 and 9).  Both are audited by the
 * customer's row number, never by anything personal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/config.h"
#include "model/civil.h"
#include "model/csv.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

#define EXPORT_USAGE "usage: uplift export-customer ID [--format json|csv] " \
	"[--out FILE [--force]]"
#define ERASE_USAGE "usage: uplift erase-customer ID --yes"

struct dump {
	FILE       *f;
	int         csv;
	int         tty;        /* f is a terminal: sanitise the values  */
	const char *table;      /* the table being written (JSON)        */
	long        row;        /* rows of it so far                     */
	int         tables;     /* tables opened so far (JSON)           */
};

static void
json_close_table(struct dump *d)
{
	if (d->table != NULL && strcmp(d->table, "customer") != 0)
		fputs(d->row > 0 ? "\n  ]" : "]", d->f);
	else if (d->table != NULL && d->row == 0)
		fputs("null", d->f);
}

/*
 * s as a JSON string, exactly as held: the customer gets their own data
 * back, so nothing is cleaned for a file or a pipe.  '"', '\\', every C0
 * and C1 control, DEL and every bidi or format character (text_is_unsafe:
 * U+061C, U+200B-200F, U+2028-2029, U+202A-202E, U+2066-2069, U+FEFF)
 * are escaped as \uXXXX, so that the file shows the same in any viewer;
 * a byte that is not UTF-8 becomes \ufffd, so the file is always valid
 * JSON.  To a terminal (tty) the value is sanitised first.
 */
static void
json_put(FILE *f, const char *s, int tty)
{
	char *clean = tty ? text_cleans(s, -1) : NULL;
	size_t len, n, i = 0;
	uint32_t cp;

	if (clean != NULL)
		s = clean;
	len = strlen(s);
	fputc('"', f);
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b == '"' || b == '\\') {
			fputc('\\', f);
			fputc(b, f);
			i++;
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (cp == 0xfffd && !(n == 3 && memcmp(s + i,
		    "\xef\xbf\xbd", 3) == 0))
			fputs("\\ufffd", f);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 &&
		    cp <= 0x9f) || text_is_unsafe(cp)) {
			if (cp > 0xffff)     /* as a surrogate pair */
				fprintf(f, "\\u%04x\\u%04x",
				    (unsigned)(0xd800 + ((cp - 0x10000) >> 10)),
				    (unsigned)(0xdc00 + ((cp - 0x10000) &
				    0x3ff)));
			else
				fprintf(f, "\\u%04x", (unsigned)cp);
		} else
			fwrite(s + i, 1, n, f);
		i += n;
	}
	fputc('"', f);
	free(clean);
}

static void
dump_row(void *arg, const char *table, int n, const char *const *cols,
    const char *const *vals, const int *nums)
{
	struct dump *d = arg;
	char rowno[24];
	int i;

	if (n < 0) {          /* a table begins */
		if (!d->csv) {
			json_close_table(d);
			fprintf(d->f, "%s  \"%s\": %s", d->tables++ ? ",\n" :
			    "", table, strcmp(table, "customer") == 0 ? "" :
			    "[");
		}
		d->table = table;
		d->row = 0;
		return;
	}
	d->row++;
	if (d->csv) {
		snprintf(rowno, sizeof rowno, "%ld", d->row);
		for (i = 0; i < n; i++) {
			const char *f[4] = { table, rowno, cols[i], vals[i] };
			app_csv_row(d->f, 4, f);
		}
		return;
	}
	fputs(strcmp(table, "customer") == 0 ? "{" : d->row > 1 ?
	    ",\n    {" : "\n    {", d->f);
	for (i = 0; i < n; i++) {
		fprintf(d->f, "%s\"%s\": ", i ? ", " : "", cols[i]);
		if (vals[i] == NULL)
			fputs("null", d->f);
		else if (nums[i])
			fputs(vals[i], d->f);
		else
			json_put(d->f, vals[i], d->tty);
	}
	fputc('}', d->f);
}

/* The customer's row number, or 0 (printed). */
static int64_t
customer_of(struct store *s, const char *code)
{
	char *cause = NULL;
	int64_t id;
	int rc = store_customer_id(s, code, &id, &cause);

	if (rc == 1)
		return id;
	if (rc == 0)
		app_error("no customer %s", code);
	else
		app_error("%s", cause);
	free(cause);
	return 0;
}

int
cmd_export_customer(struct app *a, int argc, char **argv)
{
	struct dump d;
	struct store *s;
	struct app_out o;
	char *code = NULL, *fmt = NULL, *out = NULL, *cause = NULL;
	char subject[40], cur[4];
	int64_t id;
	int i, rc, scale, force = 0;

	memset(&o, 0, sizeof o);
	for (i = 1; i < argc; i++) {
		if ((rc = app_opt(&i, argc, argv, "--format", &fmt)) ||
		    (rc = app_opt(&i, argc, argv, "--out", &out))) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (argv[i][0] == '-' || code != NULL) {
			app_error(EXPORT_USAGE);
			return EXIT_USAGE;
		} else
			code = argv[i];
	}
	if (code == NULL || (fmt != NULL && strcmp(fmt, "json") != 0 &&
	    strcmp(fmt, "csv") != 0) || (force && out == NULL)) {
		app_error(EXPORT_USAGE);
		return EXIT_USAGE;
	}
	/* only its audit row is written, with the computer's clock */
	if ((s = app_open_store_wall(a)) == NULL)
		return EXIT_FAIL;
	if ((id = customer_of(s, code)) == 0) {
		store_close(&s);
		return EXIT_FAIL;
	}
	memset(&d, 0, sizeof d);
	d.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	d.f = stdout;
	d.tty = out == NULL && isatty(STDOUT_FILENO);
	/* 0600 in a temporary file beside it, named when complete */
	if (out != NULL) {
		if (app_out_open(a, out, force, &o, &cause) != 0) {
			app_error("%s (nothing exported)", cause);
			free(cause);
			store_close(&s);
			return EXIT_FAIL;
		}
		d.f = o.f;
	}
	/* the audit row first: an export the log cannot record is not
	 * written (the wall clock, never --at) */
	snprintf(subject, sizeof subject, "customer #%lld", (long long)id);
	if (store_audit_add(s, civil_now(), a->clerk_id, "export", subject,
	    &cause) != 0) {
		app_error("%s (nothing exported)", cause);
		free(cause);
		if (out != NULL)
			app_out_abort(&o);
		store_close(&s);
		return EXIT_FAIL;
	}
	store_currency(s, cur, &scale);
	if (d.csv) {
		const char *h[4] = { "table", "row", "field", "value" };
		app_csv_row(d.f, 4, h);
	} else
		fprintf(d.f, "{\n  \"currency\": \"%s\", \"minor_digits\": %d,\n",
		    cur, scale);
	rc = store_customer_export(s, id, dump_row, &d, &cause);
	if (!d.csv) {
		json_close_table(&d);
		fputs("\n}\n", d.f);
	}
	if (out != NULL) {
		if (rc == 0)
			rc = app_out_commit(&o, &cause);
		else
			app_out_abort(&o);
	} else if (fflush(stdout) != 0 && rc == 0) {
		cause = xasprintf("standard output: %s", strerror(errno));
		rc = -1;
	}
	store_close(&s);
	if (rc != 0) {
		app_error("%s", cause);
		free(cause);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int
cmd_erase_customer(struct app *a, int argc, char **argv)
{
	struct store *s;
	char *code = NULL, *cause = NULL, *c;
	int64_t id;
	int i, yes = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0)
			yes = 1;
		else if (argv[i][0] == '-' || code != NULL) {
			app_error(ERASE_USAGE);
			return EXIT_USAGE;
		} else
			code = argv[i];
	}
	if (code == NULL) {
		app_error(ERASE_USAGE);
		return EXIT_USAGE;
	}
	if ((s = app_open_store(a, 1)) == NULL)
		return EXIT_FAIL;
	if ((id = customer_of(s, code)) == 0) {
		store_close(&s);
		return EXIT_FAIL;
	}
	c = text_cleans(code, 40);
	if (!yes) {
		app_error("this erases %s's name, phone, email and loyalty "
		    "number for good; their orders stay, as erased-%lld. Add "
		    "--yes to do it", c, (long long)id);
		free(c);
		store_close(&s);
		return EXIT_USAGE;
	}
	rc = store_customer_erase(s, id, a->clerk_id, civil_now(), &cause);
	store_close(&s);
	if (rc == 0 || rc == 2)
		printf("%s erased; their history is kept as erased-%lld\n", c,
		    (long long)id);
	if (rc != 0)
		app_error("%s: %s", c, cause);
	free(c);
	free(cause);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
