/*
 * import.c — the importers.  Each file is read once, record by record,
 * through csv.h; codes are mapped to row ids with in-memory maps so that
 * the database is asked once per distinct code, not once per line.
 *
 * This file holds the formats' columns, the errors, and the files: the
 * header detection, the reading loop and import_files().  The readers
 * of each format are in import_uplift.c, import_hotel.c,
 * import_retail.c, import_shopify.c and import_bookings.c; the fields,
 * lookups and order lines they share in import_fields.c
 * (import_int.h).
 */
#include "model/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "model/civil.h"
#include "model/csv.h"
#include "model/hotel.h"
#include "model/money.h"
#include "model/store.h"
#include "model/store_catalog.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_orders.h"
#include "model/store_privacy.h"
#include "model/strmap.h"
#include "model/text.h"
#include "model/types.h"
#include "model/xalloc.h"
#include "model/import_int.h"

const struct kindspec import_kinds[K_NKINDS] = {
	[K_ITEMS] = { "items", IMPORT_UPLIFT, {
	    { "sku", 1 }, { "name", 1 }, { "category", 0 }, { "family", 0 },
	    { "tier", 0 }, { "brand_tier", 0 }, { "price", 1 }, { "stock", 0 },
	    { "barcode", 0 }, { "season_start", 0 }, { "season_end", 0 },
	    { "refill_days", 0 }, { "benefit", 0 }, { "benefit_bn", 0 },
	    { "benefit_gu", 0 }, { "kind", 0 }, { NULL, 0 } } },
	[K_CATEGORIES] = { "categories", IMPORT_UPLIFT, {
	    { "category", 1 }, { "refill_days", 1 }, { NULL, 0 } } },
	[K_BUNDLES] = { "bundles", IMPORT_UPLIFT, {
	    { "bundle", 1 }, { "name", 1 }, { "sku", 1 }, { "quantity", 0 },
	    { "price", 1 }, { NULL, 0 } } },
	[K_CUSTOMERS] = { "customers", IMPORT_UPLIFT, {
	    { "id", 1 }, { "name", 1 }, { "phone", 0 }, { "email", 0 },
	    { "loyalty", 0 }, { "language", 0 }, { "segment", 0 },
	    { "consent", 0 }, { NULL, 0 } } },
	[K_ROOM_TYPES] = { "room_types", IMPORT_UPLIFT, {
	    { "hotel", 1 }, { "code", 1 }, { "name", 1 }, { "tier", 1 },
	    { "rate", 1 }, { "capacity", 0 }, { "view", 0 }, { "size_m2", 0 },
	    { "benefit_bn", 0 }, { "benefit_gu", 0 }, { NULL, 0 } } },
	[K_HOTELS] = { "hotels", IMPORT_UPLIFT, {
	    { "hotel", 1 }, { "upgrade_cap_percent", 1 },
	    { "supplement_floor", 1 }, { NULL, 0 } } },
	[K_ROOMS] = { "rooms", IMPORT_UPLIFT, {
	    { "hotel", 1 }, { "number", 1 }, { "room_type", 1 }, { NULL,
	    0 } } },
	[K_SUPPLEMENTS] = { "supplements", IMPORT_UPLIFT, {
	    { "hotel", 1 }, { "from", 1 }, { "to", 1 }, { "per_night", 1 },
	    { NULL, 0 } } },
	[K_ADDONS] = { "addons", IMPORT_UPLIFT, {
	    { "hotel", 1 }, { "code", 1 }, { "name", 1 }, { "price", 1 },
	    { "per", 1 }, { "valid_from", 1 }, { "valid_to", 1 },
	    { "daily", 0 }, { "serves", 0 }, { NULL, 0 } } },
	[K_RESERVATIONS] = { "reservations", IMPORT_UPLIFT, {
	    { "hotel", 1 }, { "confirmation", 1 }, { "guest", 0 },
	    { "arrival", 1 }, { "nights", 1 }, { "room_type", 1 },
	    { "rate", 1 }, { "adults", 0 }, { "children", 0 }, { "status", 0 },
	    { NULL, 0 } } },
	[K_ORDERS] = { "orders", IMPORT_UPLIFT, {
	    { "order", 1 }, { "date", 1 }, { "customer", 0 }, { "sku", 1 },
	    { "quantity", 1 }, { "unit_price", 1 }, { NULL, 0 } } },
	[K_ONLINE_RETAIL] = { "online-retail", IMPORT_ONLINE_RETAIL, {
	    { "InvoiceNo", 1 }, { "StockCode", 1 }, { "Description", 1 },
	    { "Quantity", 1 }, { "InvoiceDate", 1 }, { "UnitPrice", 1 },
	    { "CustomerID", 1 }, { "Country", 1 }, { NULL, 0 } } },
	[K_SHOPIFY] = { "shopify", IMPORT_SHOPIFY, {
	    { "Name", 1 }, { "Email", 1 }, { "Currency", 0 },
	    { "Created at", 1 }, { "Lineitem quantity", 1 },
	    { "Lineitem name", 1 }, { "Lineitem price", 1 },
	    { "Lineitem sku", 1 }, { "Billing Name", 0 },
	    { "Billing Phone", 0 }, { "Phone", 0 }, { "Cancelled at", 0 },
	    { "Accepts Marketing", 0 }, { "Billing Country", 0 },
	    { "Financial Status", 0 }, { NULL, 0 } } },
	[K_HOTEL_BOOKINGS] = { "hotel-bookings", IMPORT_HOTEL_BOOKINGS, {
	    { "hotel", 1 }, { "is_canceled", 1 }, { "arrival_date_year", 1 },
	    { "arrival_date_month", 1 }, { "arrival_date_day_of_month", 1 },
	    { "stays_in_weekend_nights", 1 }, { "stays_in_week_nights", 1 },
	    { "adults", 1 }, { "children", 1 }, { "is_repeated_guest", 1 },
	    { "reserved_room_type", 1 }, { "assigned_room_type", 1 },
	    { "adr", 1 }, { "customer_type", 1 }, { "reservation_status", 1 },
	    { "country", 1 } } },
};

static const char *format_names[] = {
	[IMPORT_AUTO] = "auto", [IMPORT_UPLIFT] = "uplift",
	[IMPORT_ONLINE_RETAIL] = "online-retail", [IMPORT_SHOPIFY] = "shopify",
	[IMPORT_HOTEL_BOOKINGS] = "hotel-bookings",
};

int
import_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
import_format_name(int format)
{
	if (format < 0 || format > IMPORT_HOTEL_BOOKINGS)
		return "unknown";
	return format_names[format];
}

/* Keep an input error (msg is taken over). */
void
import_error(struct ctx *x, char *msg)
{
	x->nerrors++;
	if (x->nmsgs < x->maxmsgs) {
		x->msgs = xreallocarray(x->msgs, (size_t)x->nmsgs + 1,
		    sizeof *x->msgs);
		x->msgs[x->nmsgs++] = msg;
	} else
		free(msg);
}

/* An error about field spec-column sc of the current record. */
void
import_field_error(struct ctx *x, struct file *f, int sc, const char *why)
{
	static const char *const personal[] = { "name", "phone", "email",
	    "loyalty", "Email", "Billing Name", "Billing Phone" };
	const char *name = import_kinds[f->kind].cols[sc].name;
	char *reason = xasprintf("%s: %s", name, why);
	size_t i;

	/* a personal field's value never goes into a message */
	for (i = 0; i < sizeof personal / sizeof personal[0]; i++)
		if (strcmp(name, personal[i]) == 0) {
			import_error(x, csv_error_private(f->csv, f->col[sc],
			    reason));
			free(reason);
			return;
		}
	import_error(x, csv_error(f->csv, f->col[sc], reason));
	free(reason);
}

/* A database failure: stop everything. */
int
import_dbfail(struct ctx *x, char *cause)
{
	if (x->dberr == NULL)
		x->dberr = cause;
	else
		free(cause);
	return -1;
}

/* ---- files -------------------------------------------------------------- */

static int
header_is(const char *h, size_t hlen, const char *name)
{
	size_t n = strlen(name);

	while (hlen > 0 && (*h == ' ')) {
		h++;
		hlen--;
	}
	while (hlen > 0 && h[hlen - 1] == ' ')
		hlen--;
	return hlen == n && strncasecmp(h, name, n) == 0;
}

/* Map the header onto kind k; 1 if every required column is there. */
static int
header_map(struct csv *c, enum kind k, int *col)
{
	const struct colspec *cs = import_kinds[k].cols;
	size_t i, nf = csv_nfields(c), len;
	int j, ok = 1;

	for (j = 0; j < MAXCOLS && cs[j].name != NULL; j++) {
		col[j] = -1;
		for (i = 0; i < nf; i++) {
			const char *h = csv_field(c, i, &len);
			if (header_is(h, len, cs[j].name)) {
				col[j] = (int)i;
				break;
			}
		}
		if (col[j] < 0 && cs[j].required)
			ok = 0;
	}
	for (; j < MAXCOLS; j++)
		col[j] = -1;
	return ok;
}

static char *
expected_columns(int format)
{
	char *out = xstrdup(""), *t;
	int k, j;

	for (k = 0; k < K_NKINDS; k++) {
		if (format != IMPORT_AUTO && import_kinds[k].format != format)
			continue;
		t = xasprintf("%s%s%s (", out, *out ? "; " : "",
		    import_kinds[k].name);
		free(out);
		out = t;
		for (j = 0; j < MAXCOLS && import_kinds[k].cols[j].name; j++) {
			if (!import_kinds[k].cols[j].required)
				continue;
			t = xasprintf("%s%s%s", out, j ? "," : "",
			    import_kinds[k].cols[j].name);
			free(out);
			out = t;
		}
		t = xasprintf("%s)", out);
		free(out);
		out = t;
	}
	return out;
}

/* items.csv has the columns of categories.csv too: items first. */
static const enum kind detect_order[] = {
	K_ONLINE_RETAIL, K_SHOPIFY, K_HOTEL_BOOKINGS, K_BUNDLES, K_ITEMS,
	K_CATEGORIES, K_CUSTOMERS,
	K_ROOM_TYPES, K_ROOMS, K_SUPPLEMENTS, K_HOTELS, K_ADDONS,
	K_RESERVATIONS, K_ORDERS,
};

static int
file_open(struct ctx *x, struct file *f, const char *path)
{
	char *cause = NULL, *exp, *p;
	size_t i;
	int k, rc;

	f->path = path;
	if (csv_open(&f->csv, path, ',', NULL, &cause) != 0) {
		import_error(x, cause);
		return -1;
	}
	rc = csv_next(f->csv, &cause);
	if (rc <= 0) {
		p = text_cleans(path, 80);
		import_error(x, rc < 0 ? cause :
		    xasprintf("%s: empty file (no header row)", p));
		free(p);
		return -1;
	}
	/* The foreign formats first: their headers are specific, while a
	 * Shopify export also has "Id" and "Name" columns. */
	for (i = 0; i < sizeof detect_order / sizeof detect_order[0]; i++) {
		k = detect_order[i];
		if (x->opt->format != IMPORT_AUTO &&
		    import_kinds[k].format != x->opt->format)
			continue;
		if (header_map(f->csv, (enum kind)k, f->col)) {
			f->kind = (enum kind)k;
			return 0;
		}
	}
	exp = expected_columns(x->opt->format);
	p = csv_error(f->csv, -1, "the header is not one uplift knows");
	import_error(x, xasprintf("%s; expected %s", p, exp));
	free(p);
	free(exp);
	return -1;
}

static int
file_cmp(const void *a, const void *b)
{
	const struct file *fa = a, *fb = b;

	return (int)fa->kind - (int)fb->kind;
}

static void
progress(struct ctx *x, struct file *f)
{
	if (x->opt->progress != NULL)
		x->opt->progress(x->opt->progress_arg, f->path,
		    csv_offset(f->csv), csv_size(f->csv));
}

/* The readers' states for one file. */
struct states {
	struct olstate ol;
	struct shstate sh;
	struct hbstate hb;
	struct bustate bu;
};

static void
states_init(struct states *st)
{
	memset(st, 0, sizeof *st);
	st->bu.index = strmap_new();
	st->ol.slot = strmap_new();
	st->sh.cancelled = strmap_new();
	st->sh.kinds = strmap_new();
	st->hb.types = strmap_new();
}

/* Free the states (the bundles' is freed by import_bundles_finish()). */
static void
states_free(struct ctx *x, struct states *st)
{
	size_t i;

	for (i = 0; i < st->ol.nitems; i++)
		free(st->ol.items[i].name);
	free(st->ol.items);
	import_ol_leave(x, &st->ol);
	free(st->ol.last);
	free(st->sh.last);
	free(st->hb.t);
	strmap_free(&st->ol.slot);
	strmap_free(&st->sh.cancelled);
	strmap_free(&st->sh.kinds);
	strmap_free(&st->hb.types);
}

/* Cut the last ": \"excerpt\"" off a reader's message. */
static void
cut_excerpt(char *cause)
{
	char *q = strstr(cause, ": \""), *last = NULL;

	for (; q != NULL; q = strstr(q + 1, ": \""))
		last = q;
	if (last != NULL)
		*last = '\0';
}

/* Fix the currency for f's first record: the foreign formats' own, for
 * uplift's files the caller's (or GBP).  0, or -1 with an error kept. */
static int
file_currency(struct ctx *x, struct file *f)
{
	const char *cur;

	if (f->kind == K_ONLINE_RETAIL)
		return import_currency(x, "GBP", 3);
	if (f->kind == K_HOTEL_BOOKINGS)
		return import_currency(x, "EUR", 2);
	if (f->kind == K_SHOPIFY || x->cur[0] != '\0')
		return 0;
	/* uplift's files carry none: the caller's */
	cur = x->opt->currency ? x->opt->currency : "GBP";
	return import_currency(x, cur, money_currency_digits(cur));
}

/* The current record of f, by the reader of its kind.  0, or -1 to stop. */
static int
file_record(struct ctx *x, struct file *f, struct states *st)
{
	switch (f->kind) {
	case K_ITEMS: return import_read_items(x, f);
	case K_CATEGORIES: return import_read_categories(x, f);
	case K_BUNDLES: return import_read_bundles(x, f, &st->bu);
	case K_CUSTOMERS: return import_read_customers(x, f);
	case K_ROOM_TYPES: return import_read_room_types(x, f);
	case K_ROOMS: return import_read_rooms(x, f);
	case K_HOTELS: return import_read_hotels(x, f);
	case K_SUPPLEMENTS: return import_read_supplements(x, f);
	case K_ADDONS: return import_read_addons(x, f);
	case K_RESERVATIONS: return import_read_reservations(x, f);
	case K_ORDERS: return import_read_orders(x, f, &x->os);
	case K_ONLINE_RETAIL: return import_read_online_retail(x, f,
	    &st->ol);
	case K_SHOPIFY: return import_read_shopify(x, f, &st->sh);
	case K_HOTEL_BOOKINGS: return import_read_hotel_bookings(x, f,
	    &st->hb);
	case K_NKINDS:
		break;
	}
	return 0;
}

/* Read every record of f with the reader of its kind. */
static int
file_read(struct ctx *x, struct file *f)
{
	struct states st;
	char *cause = NULL;
	long start = x->rep->records;
	int rc = 0, r, currency_set = 0;

	states_init(&st);

	while (rc == 0 && (r = csv_next(f->csv, &cause)) != 0) {
		if (r < 0) {
			/* a file of people: the excerpt of a broken record
			 * could be a name or a phone, so it is left out */
			if (f->kind == K_CUSTOMERS || f->kind == K_SHOPIFY)
				cut_excerpt(cause);
			import_error(x, cause);
			rc = -1;
			break;
		}
		x->rep->records++;
		if (csv_nfields(f->csv) == 1 && csv_field(f->csv, 0,
		    NULL)[0] == '\0')
			continue;       /* a blank line */
		/* The currency is fixed by the first record that carries
		 * money, so a header-only file fixes nothing. */
		if (!currency_set) {
			currency_set = 1;
			if ((rc = file_currency(x, f)) != 0)
				break;
		}
		if ((x->rep->records & 0x3fff) == 0)
			progress(x, f);
		rc = file_record(x, f, &st);
		if (x->nerrors > 10000)
			break;    /* enough: the file is not what it claims */
	}
	progress(x, f);
	import_lines_flush(x);
	import_bundles_finish(x, &st.bu);	/* saves them, or frees an empty one */
	if (rc == 0 && x->nerrors == 0) {
		if (f->kind == K_ONLINE_RETAIL)
			rc = import_ol_finish(x, &st.ol);
		else if (f->kind == K_HOTEL_BOOKINGS)
			rc = import_hb_finish(x, &st.hb);
	}
	if (rc == 0 && x->dberr == NULL && x->nerrors == 0 &&
	    store_import_log(x->s, x->opt->now, import_kinds[f->kind].name,
	    f->path,
	    x->rep->records - start, 0, &cause) != 0)
		import_dbfail(x, cause);

	states_free(x, &st);
	return x->dberr ? -1 : 0;
}

/* 1 if paths[i] is the same file as one of paths[0..i). */
static int
named_before(char *const *paths, size_t i)
{
	struct stat a, b;
	size_t j;

	if (stat(paths[i], &a) != 0)
		return 0;
	for (j = 0; j < i; j++)
		if (stat(paths[j], &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return 1;
	return 0;
}

/* The kept errors, one a line, then how many more there were. */
static char *
errors_join(const struct ctx *x)
{
	char *out = xstrdup(""), *t;
	int k;

	for (k = 0; k < x->nmsgs; k++) {
		t = xasprintf("%s%s%s", out, k ? "\n" : "", x->msgs[k]);
		free(out);
		out = t;
	}
	if (x->nerrors > x->nmsgs) {
		t = xasprintf("%s\n%ld more errors not shown", out,
		    x->nerrors - x->nmsgs);
		free(out);
		out = t;
	}
	return out;
}

/*
 * Read the opened files in the order of their kinds, in one transaction:
 * committed when nothing went wrong, else rolled back.
 */
static void
files_apply(struct ctx *x, struct file *files, size_t opened)
{
	struct store *s = x->s;
	char *err = NULL;
	size_t i;

	qsort(files, opened, sizeof *files, file_cmp);
	for (i = 0; i < opened; i++)
		files[i].ns = (int)i;
	/* bounded memory: a set cache, the keys seen on disk */
	store_bulk_mode(s, 1);
	if (store_begin(s, &err) != 0)
		import_dbfail(x, err);
	else if (store_max_order_id(s, &x->os.floor, &err) != 0) {
		import_dbfail(x, err);
		store_rollback(s);
	} else {
		store_currency(s, x->cur, &x->scale);
		for (i = 0; i < opened && x->dberr == NULL; i++)
			file_read(x, &files[i]);
		if (x->dberr == NULL && x->nerrors == 0) {
			if (store_commit(s, &err) != 0)
				import_dbfail(x, err);
		} else
			store_rollback(s);
	}
	store_bulk_mode(s, 0);
}

int
import_files(struct store *s, char *const *paths, size_t n,
    const struct import_options *opt, struct import_report *rep,
    char **cause)
{
	struct ctx x;
	struct file *files;
	size_t i, opened = 0;
	int rc = 0, k;

	memset(rep, 0, sizeof *rep);
	memset(&x, 0, sizeof x);
	x.s = s;
	x.opt = opt;
	x.rep = rep;
	x.maxmsgs = opt->max_errors > 0 ? opt->max_errors : 20;
	x.items = strmap_new();
	x.customers = strmap_new();
	x.suppressed = strmap_new();
	x.orders = strmap_new();
	x.hotels = strmap_new();
	x.os.lines = strmap_new();
	files = xcalloc(n ? n : 1, sizeof *files);

	for (i = 0; i < n; i++) {
		if (named_before(paths, i))
			continue;       /* one file named twice: read once */
		if (file_open(&x, &files[opened], paths[i]) == 0)
			opened++;
		else
			csv_close(&files[opened].csv);
	}
	if (x.nerrors == 0) {
		files_apply(&x, files, opened);
	}
	for (i = 0; i < opened; i++)
		csv_close(&files[i].csv);
	free(files);

	if (x.dberr != NULL) {
		*cause = x.dberr;
		x.dberr = NULL;
		rc = -1;
	} else if (x.nerrors > 0) {
		*cause = errors_join(&x);
		rc = 2;
	}
	if (rc != 0) {
		long records = rep->records;
		memset(rep, 0, sizeof *rep);
		rep->records = records;
	}
	for (k = 0; k < x.nmsgs; k++)
		free(x.msgs[k]);
	free(x.msgs);
	strmap_free(&x.items);
	strmap_free(&x.customers);
	strmap_free(&x.suppressed);
	strmap_free(&x.orders);
	strmap_free(&x.hotels);
	strmap_free(&x.os.lines);
	return rc;
}
