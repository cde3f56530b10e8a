/*
 * import.c — the importers.  Each file is read once, record by record,
 * through csv.h; codes are mapped to row ids with in-memory maps so that
 * the database is asked once per distinct code, not once per line.
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

/* What kind of table a file holds, in the order files are applied. */
enum kind {
	K_ITEMS, K_CATEGORIES, K_BUNDLES, K_CUSTOMERS, K_HOTELS, K_ROOM_TYPES,
	K_ROOMS, K_SUPPLEMENTS, K_ADDONS, K_RESERVATIONS, K_ORDERS,
	K_ONLINE_RETAIL, K_SHOPIFY, K_HOTEL_BOOKINGS, K_NKINDS
};

#define MAXCOLS 20

struct colspec {
	const char *name;
	int         required;
};

struct kindspec {
	const char           *name;
	int                   format;
	const struct colspec  cols[MAXCOLS];  /* NULL-terminated */
};

static const struct kindspec kinds[K_NKINDS] = {
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
	    { "hotel", 1 }, { "number", 1 }, { "room_type", 1 }, { NULL, 0 } } },
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

/* ---- context and errors ----------------------------------------------- */

struct file {
	const char  *path;
	struct csv  *csv;
	int          ns;            /* its number, for store_seen()      */
	enum kind    kind;
	int          col[MAXCOLS];  /* spec column -> file column, or -1 */
};

/*
 * The order being filled.  Orders are looked up by code once; an order
 * that was in the database before this import is skipped whole (that is
 * what makes a second import of the same file add nothing).
 */
struct ordstate {
	struct strmap *lines;   /* order code -> lines so far (a cache)      */
	int64_t        floor;   /* the highest order id before this import:
	                         * an order above it is this import's       */
};

struct ctx {
	struct store                *s;
	const struct import_options *opt;
	struct import_report        *rep;
	char                       **msgs;
	int                          nmsgs, maxmsgs;
	long                         nerrors;
	char                        *dberr;      /* a database failure   */
	char                         cur[4];
	int                          scale;
	struct strmap               *items, *customers, *orders, *hotels;
	struct strmap               *suppressed; /* code -> 1 erased, 0 */
	struct ordstate              os;         /* orders of all files   */
	struct order_line_rec        lbuf[64];   /* lines not yet written */
	char                        *ldescr[64]; /* their owned texts     */
	size_t                       nl;
};

/* Keep an input error (msg is taken over). */
static void
ctx_error(struct ctx *x, char *msg)
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
static void
field_error(struct ctx *x, struct file *f, int sc, const char *why)
{
	static const char *const personal[] = { "name", "phone", "email",
	    "loyalty", "Email", "Billing Name", "Billing Phone" };
	const char *name = kinds[f->kind].cols[sc].name;
	char *reason = xasprintf("%s: %s", name, why);
	size_t i;

	/* a personal field's value never goes into a message */
	for (i = 0; i < sizeof personal / sizeof personal[0]; i++)
		if (strcmp(name, personal[i]) == 0) {
			ctx_error(x, csv_error_private(f->csv, f->col[sc],
			    reason));
			free(reason);
			return;
		}
	ctx_error(x, csv_error(f->csv, f->col[sc], reason));
	free(reason);
}

/* A database failure: stop everything. */
static int
ctx_dbfail(struct ctx *x, char *cause)
{
	if (x->dberr == NULL)
		x->dberr = cause;
	else
		free(cause);
	return -1;
}

/* ---- fields ------------------------------------------------------------ */

static const char *
fld(struct file *f, int sc, size_t *len)
{
	size_t dummy;

	if (len == NULL)
		len = &dummy;
	if (f->col[sc] < 0) {
		*len = 0;
		return "";
	}
	return csv_field(f->csv, (size_t)f->col[sc], len);
}

/* The field trimmed of surrounding blanks, copied; NULL if empty. */
static char *
fld_dup(struct file *f, int sc)
{
	size_t len;
	const char *v = fld(f, sc, &len);

	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	return len == 0 ? NULL : xstrndup(v, len);
}

static int
fld_required(struct ctx *x, struct file *f, int sc, char **out)
{
	*out = fld_dup(f, sc);
	if (*out == NULL) {
		field_error(x, f, sc, "must not be empty");
		return -1;
	}
	return 0;
}

static int
fld_money(struct ctx *x, struct file *f, int sc, int64_t *v)
{
	size_t len;
	const char *s = fld(f, sc, &len);
	const char *why;

	if (money_parse(s, len, x->scale, v, &why) != 0) {
		field_error(x, f, sc, why);
		return -1;
	}
	return 0;
}

/* A line's quantity × unit price must be an amount uplift keeps; else
 * an error on the price field sc.  0 or -1. */
static int
line_amount(struct ctx *x, struct file *f, int sc, int64_t qty,
    int64_t price)
{
	int64_t amount;

	if (money_mul(qty, price, &amount) != 0) {
		field_error(x, f, sc, "quantity × unit price is beyond the "
		    "largest amount uplift keeps (9999999999999 minor units)");
		return -1;
	}
	return 0;
}

/* A whole number in [min, max]; an empty optional field gives def. */
static int
fld_int(struct ctx *x, struct file *f, int sc, int64_t min, int64_t max,
    int64_t def, int64_t *v)
{
	size_t len;
	const char *s = fld(f, sc, &len);
	const char *why;

	if (len == 0 && !kinds[f->kind].cols[sc].required) {
		*v = def;
		return 0;
	}
	if (money_parse_int(s, len, min, max, v, &why) != 0) {
		field_error(x, f, sc, why);
		return -1;
	}
	return 0;
}

static int
fld_date(struct ctx *x, struct file *f, int sc, int64_t *day)
{
	size_t len;
	const char *s = fld(f, sc, &len);
	const char *why;

	if (civil_parse_date(s, len, day, &why) != 0) {
		field_error(x, f, sc, why);
		return -1;
	}
	return 0;
}

/* "MM-DD" into MMDD, or 0 for an empty field. */
static int
fld_monthday(struct ctx *x, struct file *f, int sc, int *out)
{
	size_t len;
	const char *s = fld(f, sc, &len);
	int m, d;

	*out = ITEM_NO_SEASON;
	if (len == 0)
		return 0;
	if (len != 5 || s[2] != '-' || s[0] < '0' || s[0] > '9' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '9' ||
	    s[4] < '0' || s[4] > '9') {
		field_error(x, f, sc, "not a month and day (MM-DD)");
		return -1;
	}
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (!civil_valid(2024, m, d)) {
		field_error(x, f, sc, "no such day of the year");
		return -1;
	}
	*out = m * 100 + d;
	return 0;
}

static int
fld_yesno(struct ctx *x, struct file *f, int sc, int *out)
{
	char *v = fld_dup(f, sc);
	int rc = 0;

	*out = 0;
	if (v == NULL)
		return 0;
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0)
		*out = 1;
	else if (!(strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0)) {
		field_error(x, f, sc, "expected yes or no");
		rc = -1;
	}
	free(v);
	return rc;
}

/* Check that a code is not repeated within one file.  The keys seen are
 * kept by the store, on disk (store_seen), so that a file of any length
 * is checked in bounded memory. */
static int
unique_in_file(struct ctx *x, struct file *f, int sc, const char *key)
{
	int64_t first;
	char *why, *cause = NULL;
	int rc;

	rc = store_seen(x->s, f->ns, key, csv_line(f->csv), &first, &cause);
	if (rc < 0)
		return ctx_dbfail(x, cause);
	if (rc == 1) {
		why = xasprintf("duplicate key (first at line %lld)",
		    (long long)first);
		field_error(x, f, sc, why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * The lookup maps are caches of what the database holds: past
 * IMPORT_CACHE_MAX keys one is emptied and refilled from the database as
 * the rows ask, so that memory stays bounded whatever the rows.
 */
#define IMPORT_CACHE_MAX 65536

static void
cache_put(struct strmap **m, const char *key, size_t len, int64_t val)
{
	if (strmap_count(*m) >= IMPORT_CACHE_MAX) {
		strmap_free(m);
		*m = strmap_new();
	}
	strmap_put(*m, key, len, val);
}

/* ---- cached lookups ---------------------------------------------------- */

/* Item id of sku from this import or the database: 1, 0, -1 (db error). */
static int
item_lookup(struct ctx *x, const char *sku, size_t len, int64_t *id)
{
	char *cause = NULL, *key;
	int rc;

	if (strmap_get(x->items, sku, len, id))
		return 1;
	key = xstrndup(sku, len);
	rc = store_item_id(x->s, key, id, &cause);
	free(key);
	if (rc < 0)
		return ctx_dbfail(x, cause);
	if (rc == 1)
		cache_put(&x->items, sku, len, *id);
	return rc;
}

/*
 * The customer with code (as the file has it): 1 and *id when known, 0
 * when not, 2 (and *id 0) when the code is on the suppression list of
 * erased customers — then nothing of that person may be imported — and
 * -1 on a database error.
 */
static int
customer_lookup(struct ctx *x, const char *code, size_t len, int64_t *id)
{
	char *cause = NULL, *key;
	int64_t gone;
	int rc;

	if (strmap_get(x->customers, code, len, id))
		return *id > 0 ? 1 : 2;
	key = xstrndup(code, len);
	if (!strmap_get(x->suppressed, code, len, &gone)) {
		if ((rc = store_suppressed(x->s, key, &cause)) < 0) {
			free(key);
			return ctx_dbfail(x, cause);
		}
		gone = rc;
		cache_put(&x->suppressed, code, len, gone);
	}
	if (gone) {
		free(key);
		cache_put(&x->customers, code, len, -1);
		*id = 0;
		return 2;
	}
	rc = store_customer_id(x->s, key, id, &cause);
	free(key);
	if (rc < 0)
		return ctx_dbfail(x, cause);
	if (rc == 1)
		cache_put(&x->customers, code, len, *id);
	return rc;
}

static int
hotel_id(struct ctx *x, const char *name, int64_t *id)
{
	char *cause = NULL;

	if (strmap_get(x->hotels, name, strlen(name), id))
		return 0;
	switch (store_hotel_put(x->s, name, id, &cause)) {
	case -1:
		return ctx_dbfail(x, cause);
	case 1:
		x->rep->hotels++;
		break;
	}
	cache_put(&x->hotels, name, strlen(name), *id);
	return 0;
}

static int
ctx_currency(struct ctx *x, const char *cur, int scale)
{
	char *cause = NULL;

	if (store_set_currency(x->s, cur, scale, &cause) != 0) {
		ctx_error(x, cause);
		return -1;
	}
	store_currency(x->s, x->cur, &x->scale);
	return 0;
}

/* ---- uplift: items ---------------------------------------------------- */

enum { IT_SKU, IT_NAME, IT_CATEGORY, IT_FAMILY, IT_TIER, IT_BRAND, IT_PRICE,
    IT_STOCK, IT_BARCODE, IT_SSTART, IT_SEND, IT_REFILL, IT_BENEFIT,
    IT_BENEFIT_BN, IT_BENEFIT_GU, IT_KIND };

/*
 * The kind column: "product", "service", or empty (a product).  Without
 * the column, *kind is STORE_KIND_KEEP: an item already in the database
 * keeps what it is (an importer may have marked it a service).
 */
static int
fld_kind(struct ctx *x, struct file *f, int sc, int *kind)
{
	char *v;
	int rc = 0;

	*kind = ITEM_PRODUCT;
	if (f->col[sc] < 0) {
		*kind = STORE_KIND_KEEP;
		return 0;
	}
	if ((v = fld_dup(f, sc)) == NULL)
		return 0;
	if (strcasecmp(v, "service") == 0)
		*kind = ITEM_SERVICE;
	else if (strcasecmp(v, "product") != 0) {
		field_error(x, f, sc, "expected product or service");
		rc = -1;
	}
	free(v);
	return rc;
}

/* The benefit columns in other languages, and their language. */
static const struct {
	int         col;
	const char *lang;
} item_langs[] = { { IT_BENEFIT_BN, "bn" }, { IT_BENEFIT_GU, "gu" } };

static int
read_items(struct ctx *x, struct file *f)
{
	struct item it;
	int64_t v, id, tier, brand, refill;
	char *cause = NULL;
	int bad = 0, existed;

	memset(&it, 0, sizeof it);
	bad |= fld_required(x, f, IT_SKU, &it.sku);
	bad |= fld_required(x, f, IT_NAME, &it.name);
	it.category = fld_dup(f, IT_CATEGORY);
	it.family = fld_dup(f, IT_FAMILY);
	bad |= fld_int(x, f, IT_TIER, 1, 99, 1, &tier);
	bad |= fld_int(x, f, IT_BRAND, 1, 3, 2, &brand);
	bad |= fld_money(x, f, IT_PRICE, &it.price);
	if (it.price < 0) {
		field_error(x, f, IT_PRICE, "a price cannot be negative");
		bad = -1;
	}
	bad |= fld_int(x, f, IT_STOCK, 0, 1000000000, ITEM_NO_STOCK, &v);
	it.stock = v;
	it.barcode = fld_dup(f, IT_BARCODE);
	bad |= fld_monthday(x, f, IT_SSTART, &it.season_start);
	bad |= fld_monthday(x, f, IT_SEND, &it.season_end);
	if ((it.season_start == 0) != (it.season_end == 0)) {
		field_error(x, f, IT_SEND, "a season needs a start and an end");
		bad = -1;
	}
	bad |= fld_int(x, f, IT_REFILL, 1, 3650, 0, &refill);
	bad |= fld_kind(x, f, IT_KIND, &it.kind);
	it.benefit = fld_dup(f, IT_BENEFIT);
	it.tier = (int)tier;
	it.brand_tier = (int)brand;
	it.refill_days = (int)refill;
	if (bad == 0 && unique_in_file(x, f, IT_SKU, it.sku) == 0) {
		existed = item_lookup(x, it.sku, strlen(it.sku), &id);
		if (existed >= 0 &&
		    store_item_put(x->s, &it, &id, &cause) != 0)
			existed = ctx_dbfail(x, cause);
		if (existed >= 0) {
			size_t k;
			cache_put(&x->items, it.sku, strlen(it.sku), id);
			if (existed)
				x->rep->updated++;
			else
				x->rep->items++;
			if (it.kind == ITEM_SERVICE)
				x->rep->services++;
			/* Its benefit in other languages, when the file has
			 * the column (an empty cell removes it). */
			for (k = 0; k < sizeof item_langs /
			    sizeof item_langs[0]; k++) {
				char *b;
				if (f->col[item_langs[k].col] < 0)
					continue;
				b = fld_dup(f, item_langs[k].col);
				if (store_item_benefit_put(x->s, id,
				    item_langs[k].lang, b, &cause) != 0)
					ctx_dbfail(x, cause);
				free(b);
			}
		}
	}
	item_clear(&it);
	return x->dberr ? -1 : 0;
}

/* ---- uplift: categories ----------------------------------------------- */

enum { CA_NAME, CA_REFILL };

/* A category's settings: its refill rhythm (empty: none). */
static int
read_categories(struct ctx *x, struct file *f)
{
	struct category c;
	int64_t refill;
	char *cause = NULL;
	int bad = 0;
	size_t len;

	memset(&c, 0, sizeof c);
	bad |= fld_required(x, f, CA_NAME, &c.name);
	/* the column is required, its value is not: empty means none */
	fld(f, CA_REFILL, &len);
	if (len == 0)
		refill = 0;
	else
		bad |= fld_int(x, f, CA_REFILL, 1, 3650, 0, &refill);
	c.refill_days = (int)refill;
	if (bad == 0 && unique_in_file(x, f, CA_NAME, c.name) == 0) {
		switch (store_category_put(x->s, &c, &cause)) {
		case -1:
			ctx_dbfail(x, cause);
			break;
		case 1:
			x->rep->categories++;
			break;
		default:
			x->rep->updated++;
			break;
		}
	}
	category_clear(&c);
	return x->dberr ? -1 : 0;
}

/* ---- uplift: bundles -------------------------------------------------- */

enum { BU_CODE, BU_NAME, BU_SKU, BU_QTY, BU_PRICE };

/* The bundles of one file, gathered row by row and saved at its end. */
struct bustate {
	struct strmap *index;     /* code -> slot */
	struct bundle *v;
	long          *line;      /* first line of each, for messages */
	size_t         n;
};

static int
read_bundles(struct ctx *x, struct file *f, struct bustate *st)
{
	struct bundle *b;
	char *code = NULL, *name = NULL, *why;
	int64_t price, qty, item, slot;
	size_t len, i;
	const char *sku;
	int bad = 0, rc;

	bad |= fld_required(x, f, BU_CODE, &code);
	bad |= fld_required(x, f, BU_NAME, &name);
	bad |= fld_int(x, f, BU_QTY, 1, 1000, 1, &qty);
	bad |= fld_money(x, f, BU_PRICE, &price);
	if (bad == 0 && price < 0) {
		field_error(x, f, BU_PRICE, "a price cannot be negative");
		bad = -1;
	}
	sku = fld(f, BU_SKU, &len);
	if ((rc = item_lookup(x, sku, len, &item)) == 0) {
		field_error(x, f, BU_SKU, "no such item");
		bad = -1;
	} else if (rc < 0)
		bad = -1;
	if (bad != 0)
		goto out;
	if (!strmap_get(st->index, code, strlen(code), &slot)) {
		st->v = xreallocarray(st->v, st->n + 1, sizeof *st->v);
		st->line = xreallocarray(st->line, st->n + 1,
		    sizeof *st->line);
		memset(&st->v[st->n], 0, sizeof st->v[0]);
		st->v[st->n].code = xstrdup(code);
		st->v[st->n].name = xstrdup(name);
		st->v[st->n].price = price;
		st->line[st->n] = csv_line(f->csv);
		slot = (int64_t)st->n++;
		strmap_put(st->index, code, strlen(code), slot);
	}
	b = &st->v[slot];
	/* Every row of a bundle says the same name and price. */
	if (strcmp(b->name, name) != 0 || b->price != price) {
		why = xasprintf("differs from the bundle's first row (line "
		    "%ld)", st->line[slot]);
		field_error(x, f, strcmp(b->name, name) != 0 ? BU_NAME :
		    BU_PRICE, why);
		free(why);
		goto out;
	}
	for (i = 0; i < b->nitems; i++)
		if (b->items[i].item_id == item) {
			field_error(x, f, BU_SKU, "the item is already in "
			    "this bundle");
			goto out;
		}
	b->items = xreallocarray(b->items, b->nitems + 1, sizeof *b->items);
	b->items[b->nitems].item_id = item;
	b->items[b->nitems++].qty = qty;
out:
	free(code);
	free(name);
	return x->dberr ? -1 : 0;
}

static void
bundles_finish(struct ctx *x, struct bustate *st)
{
	char *cause = NULL;
	int64_t id;
	int existed;
	size_t i;

	for (i = 0; i < st->n && x->dberr == NULL && x->nerrors == 0; i++) {
		if (store_bundle_put(x->s, &st->v[i], &id, &existed,
		    &cause) != 0)
			ctx_dbfail(x, cause);
		else if (existed)
			x->rep->updated++;
		else
			x->rep->bundles++;
	}
	for (i = 0; i < st->n; i++)
		bundle_clear(&st->v[i]);
	free(st->v);
	free(st->line);
	strmap_free(&st->index);
}

/* ---- uplift: customers ------------------------------------------------ */

enum { CU_ID, CU_NAME, CU_PHONE, CU_EMAIL, CU_LOYALTY, CU_LANG, CU_SEGMENT,
    CU_CONSENT };

static int
lang_valid(const char *l)
{
	return strlen(l) == 2 && l[0] >= 'a' && l[0] <= 'z' &&
	    l[1] >= 'a' && l[1] <= 'z';
}

static int
read_customers(struct ctx *x, struct file *f)
{
	struct customer c;
	int64_t id;
	char *cause = NULL;
	int bad = 0, existed;

	memset(&c, 0, sizeof c);
	bad |= fld_required(x, f, CU_ID, &c.code);
	bad |= fld_required(x, f, CU_NAME, &c.name);
	c.phone = fld_dup(f, CU_PHONE);
	c.email = fld_dup(f, CU_EMAIL);
	c.loyalty = fld_dup(f, CU_LOYALTY);
	c.lang = fld_dup(f, CU_LANG);
	if (c.lang != NULL && !lang_valid(c.lang)) {
		field_error(x, f, CU_LANG, "expected a two-letter language "
		    "code (en, bn, gu, ...)");
		bad = -1;
	}
	c.segment = fld_dup(f, CU_SEGMENT);
	bad |= fld_yesno(x, f, CU_CONSENT, &c.consent);
	if (bad == 0 && unique_in_file(x, f, CU_ID, c.code) == 0) {
		existed = customer_lookup(x, c.code, strlen(c.code), &id);
		if (existed == 2) {
			/* erased: the person does not come back */
			x->rep->suppressed++;
			existed = -1;
		} else if (existed >= 0 &&
		    store_customer_put(x->s, &c, &id, &cause) != 0)
			existed = ctx_dbfail(x, cause);
		if (existed >= 0) {
			cache_put(&x->customers, c.code, strlen(c.code), id);
			if (existed)
				x->rep->updated++;
			else
				x->rep->customers++;
		}
	}
	customer_clear(&c);
	return x->dberr ? -1 : 0;
}

/* ---- uplift: room types, rooms, reservations -------------------------- */

enum { RT_HOTEL, RT_CODE, RT_NAME, RT_TIER, RT_RATE, RT_CAPACITY, RT_VIEW,
    RT_SIZE, RT_BENEFIT_BN, RT_BENEFIT_GU };

static int
read_room_types(struct ctx *x, struct file *f)
{
	struct room_type rt;
	char *hotel = NULL, *cause = NULL, *key;
	int64_t id, tier, cap, size;
	int bad = 0, existed;

	memset(&rt, 0, sizeof rt);
	bad |= fld_required(x, f, RT_HOTEL, &hotel);
	bad |= fld_required(x, f, RT_CODE, &rt.code);
	bad |= fld_required(x, f, RT_NAME, &rt.name);
	bad |= fld_int(x, f, RT_TIER, 1, 99, 1, &tier);
	bad |= fld_money(x, f, RT_RATE, &rt.rate);
	bad |= fld_int(x, f, RT_CAPACITY, 0, 100, 0, &cap);
	rt.view = fld_dup(f, RT_VIEW);
	rt.benefit_bn = fld_dup(f, RT_BENEFIT_BN);
	rt.benefit_gu = fld_dup(f, RT_BENEFIT_GU);
	bad |= fld_int(x, f, RT_SIZE, 0, 100000, 0, &size);
	if (bad == 0 && rt.rate < 0) {
		field_error(x, f, RT_RATE, "a rate cannot be negative");
		bad = -1;
	}
	rt.tier = (int)tier;
	rt.capacity = (int)cap;
	rt.size_m2 = (int)size;
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, rt.code);
		bad = unique_in_file(x, f, RT_CODE, key);
		free(key);
	}
	if (bad == 0 && hotel_id(x, hotel, &rt.hotel_id) == 0) {
		existed = store_room_type_id(x->s, rt.hotel_id, rt.code, &id,
		    &cause);
		if (existed < 0 ||
		    store_room_type_put(x->s, &rt, &id, &cause) != 0)
			ctx_dbfail(x, cause);
		else if (existed)
			x->rep->updated++;
		else
			x->rep->room_types++;
	}
	free(hotel);
	room_type_clear(&rt);
	return x->dberr ? -1 : 0;
}

/* ---- uplift: add-ons ------------------------------------------------- */

enum { AD_HOTEL, AD_CODE, AD_NAME, AD_PRICE, AD_PER, AD_FROM, AD_TO,
    AD_DAILY, AD_SERVES };

/* In enum hotel_per order. */
static const char *const addon_pers[] = { "night", "stay", "person-night",
	"person", NULL };

static int
read_addons(struct ctx *x, struct file *f)
{
	struct hotel_addon a;
	char *hotel = NULL, *code = NULL, *name = NULL, *per = NULL;
	char *serves = NULL, *cause = NULL, *key;
	int64_t hid, daily = 0;
	int bad = 0, k, rc;

	memset(&a, 0, sizeof a);
	bad |= fld_required(x, f, AD_HOTEL, &hotel);
	bad |= fld_required(x, f, AD_CODE, &code);
	bad |= fld_required(x, f, AD_NAME, &name);
	bad |= fld_money(x, f, AD_PRICE, &a.price);
	if (fld_required(x, f, AD_PER, &per) != 0)
		bad = -1;
	else {
		for (k = 0; addon_pers[k] != NULL; k++)
			if (strcmp(per, addon_pers[k]) == 0)
				break;
		if (addon_pers[k] == NULL) {
			field_error(x, f, AD_PER, "expected night, stay, "
			    "person-night or person");
			bad = -1;
		} else
			a.per = (enum hotel_per)k;
	}
	bad |= fld_date(x, f, AD_FROM, &a.valid_from);
	bad |= fld_date(x, f, AD_TO, &a.valid_to);
	bad |= fld_int(x, f, AD_DAILY, 0, 100000, 0, &daily);
	a.daily = (int)daily;
	serves = fld_dup(f, AD_SERVES);
	if (serves != NULL && strcmp(serves, "departure") == 0)
		a.on_departure = 1;
	else if (serves != NULL && strcmp(serves, "nights") != 0) {
		field_error(x, f, AD_SERVES, "expected nights or departure");
		bad = -1;
	}
	if (bad == 0 && a.price < 0) {
		field_error(x, f, AD_PRICE, "a price cannot be negative");
		bad = -1;
	}
	if (bad == 0 && a.valid_to < a.valid_from) {
		field_error(x, f, AD_TO, "before valid_from");
		bad = -1;
	}
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, code);
		bad = unique_in_file(x, f, AD_CODE, key);
		free(key);
	}
	if (bad == 0 && hotel_id(x, hotel, &hid) == 0) {
		rc = store_addon_put(x->s, hid, code, name, &a, &cause);
		if (rc < 0)
			ctx_dbfail(x, cause);
		else if (rc == 1)
			x->rep->updated++;
		else
			x->rep->addons++;
	}
	free(hotel);
	free(code);
	free(name);
	free(per);
	free(serves);
	return x->dberr ? -1 : 0;
}

/* Room type id of code in hotel (named in field sc); error if unknown. */
static int
room_type_of(struct ctx *x, struct file *f, int sc, int64_t hotel,
    const char *code, int64_t *id)
{
	char *cause = NULL;
	int rc = store_room_type_id(x->s, hotel, code, id, &cause);

	if (rc < 0)
		return ctx_dbfail(x, cause);
	if (rc == 0) {
		field_error(x, f, sc, "no such room type in this hotel");
		return -1;
	}
	return 0;
}

enum { HO_HOTEL, HO_CAP, HO_FLOOR };

/* A hotel's own cap (empty: the configuration's) and floor (empty: 0). */
static int
read_hotels(struct ctx *x, struct file *f)
{
	char *hotel = NULL, *cause = NULL;
	int64_t hid, cap = -1, floor = 0;
	const char *v, *why;
	size_t len;
	int bad = 0;

	bad |= fld_required(x, f, HO_HOTEL, &hotel);
	v = fld(f, HO_CAP, &len);
	if (len > 0 && money_parse_int(v, len, 0, 500, &cap, &why) != 0) {
		field_error(x, f, HO_CAP, why);
		bad = -1;
	}
	v = fld(f, HO_FLOOR, &len);
	if (len > 0 && fld_money(x, f, HO_FLOOR, &floor) != 0)
		bad = -1;
	else if (floor < 0) {
		field_error(x, f, HO_FLOOR, "a floor cannot be negative");
		bad = -1;
	}
	if (bad == 0)
		bad = unique_in_file(x, f, HO_HOTEL, hotel);
	if (bad == 0 && hotel_id(x, hotel, &hid) == 0 &&
	    store_hotel_set_pricing(x->s, hid, (int)cap, floor, &cause) != 0)
		ctx_dbfail(x, cause);
	else if (bad == 0 && !x->dberr)
		x->rep->updated++;
	free(hotel);
	return x->dberr ? -1 : 0;
}

enum { SU_HOTEL, SU_FROM, SU_TO, SU_PER_NIGHT };

/* A set supplement a night for a step up between two room types. */
static int
read_supplements(struct ctx *x, struct file *f)
{
	char *hotel = NULL, *from = NULL, *to = NULL, *cause = NULL, *key;
	int64_t hid, a, b, per = 0;
	int bad = 0, rc;

	bad |= fld_required(x, f, SU_HOTEL, &hotel);
	bad |= fld_required(x, f, SU_FROM, &from);
	bad |= fld_required(x, f, SU_TO, &to);
	bad |= fld_money(x, f, SU_PER_NIGHT, &per);
	if (bad == 0 && per < 0) {
		field_error(x, f, SU_PER_NIGHT, "a supplement cannot be "
		    "negative");
		bad = -1;
	}
	if (bad == 0) {
		key = xasprintf("%s\037%s\037%s", hotel, from, to);
		bad = unique_in_file(x, f, SU_TO, key);
		free(key);
	}
	if (bad == 0 && hotel_id(x, hotel, &hid) == 0 &&
	    room_type_of(x, f, SU_FROM, hid, from, &a) == 0 &&
	    room_type_of(x, f, SU_TO, hid, to, &b) == 0) {
		int ta = 0, tb = 0;

		if (store_room_type_tier(x->s, a, &ta, &cause) != 0 ||
		    store_room_type_tier(x->s, b, &tb, &cause) != 0)
			ctx_dbfail(x, cause);
		else if (tb <= ta)
			field_error(x, f, SU_TO, "not a higher tier than from: "
			    "an upgrade is a step up");
		else if ((rc = store_supplement_put(x->s, a, b, per,
		    &cause)) < 0)
			ctx_dbfail(x, cause);
		else if (rc == 1)
			x->rep->updated++;
		else
			x->rep->supplements++;
	}
	free(hotel);
	free(from);
	free(to);
	return x->dberr ? -1 : 0;
}

enum { RM_HOTEL, RM_NUMBER, RM_TYPE };

static int
read_rooms(struct ctx *x, struct file *f)
{
	char *hotel = NULL, *number = NULL, *type = NULL, *cause = NULL, *key;
	int64_t hid, tid;
	int bad = 0;

	bad |= fld_required(x, f, RM_HOTEL, &hotel);
	bad |= fld_required(x, f, RM_NUMBER, &number);
	bad |= fld_required(x, f, RM_TYPE, &type);
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, number);
		bad = unique_in_file(x, f, RM_NUMBER, key);
		free(key);
	}
	if (bad == 0 && hotel_id(x, hotel, &hid) == 0 &&
	    room_type_of(x, f, RM_TYPE, hid, type, &tid) == 0) {
		int64_t rid;
		int existed = store_room_id(x->s, hid, number, &rid, &cause);
		if (existed < 0 ||
		    store_room_put(x->s, hid, number, tid, &cause) != 0)
			ctx_dbfail(x, cause);
		else if (existed)
			x->rep->updated++;
		else
			x->rep->rooms++;
	}
	free(hotel);
	free(number);
	free(type);
	return x->dberr ? -1 : 0;
}

enum { RS_HOTEL, RS_CODE, RS_GUEST, RS_ARRIVAL, RS_NIGHTS, RS_TYPE, RS_RATE,
    RS_ADULTS, RS_CHILDREN, RS_STATUS };

static int
read_reservations(struct ctx *x, struct file *f)
{
	struct reservation r;
	char *hotel = NULL, *guest = NULL, *type = NULL, *status = NULL;
	char *cause = NULL, *key;
	int64_t nights, adults, children, id;
	int bad = 0, rc;

	memset(&r, 0, sizeof r);
	bad |= fld_required(x, f, RS_HOTEL, &hotel);
	bad |= fld_required(x, f, RS_CODE, &r.code);
	guest = fld_dup(f, RS_GUEST);
	bad |= fld_date(x, f, RS_ARRIVAL, &r.arrival);
	bad |= fld_int(x, f, RS_NIGHTS, 1, 365, 1, &nights);
	bad |= fld_required(x, f, RS_TYPE, &type);
	bad |= fld_money(x, f, RS_RATE, &r.rate);
	bad |= fld_int(x, f, RS_ADULTS, 0, 50, 1, &adults);
	bad |= fld_int(x, f, RS_CHILDREN, 0, 50, 0, &children);
	status = fld_dup(f, RS_STATUS);
	r.status = status ? reservation_status_parse(status) : RES_BOOKED;
	if (r.status < 0) {
		field_error(x, f, RS_STATUS, "expected booked, checked-in, "
		    "checked-out, cancelled or no-show");
		bad = -1;
	}
	r.nights = (int)nights;
	r.adults = (int)adults;
	r.children = (int)children;
	if (bad == 0) {
		key = xasprintf("%s\037%s", hotel, r.code);
		bad = unique_in_file(x, f, RS_CODE, key);
		free(key);
	}
	if (bad == 0 && guest != NULL) {
		rc = customer_lookup(x, guest, strlen(guest), &r.guest_id);
		if (rc == 2)
			x->rep->suppressed++;     /* the stay, without them */
		else if (rc == 0) {
			field_error(x, f, RS_GUEST, "no such customer");
			bad = -1;
		} else if (rc < 0)
			bad = -1;
	}
	if (bad == 0 && hotel_id(x, hotel, &r.hotel_id) == 0 &&
	    room_type_of(x, f, RS_TYPE, r.hotel_id, type, &r.room_type_id) ==
	    0) {
		rc = store_reservation_id(x->s, r.hotel_id, r.code, &id, &cause);
		if (rc < 0)
			ctx_dbfail(x, cause);
		else if (rc == 1)
			x->rep->skipped++;
		else if (store_reservation_add(x->s, &r, &id, &cause) != 0)
			ctx_dbfail(x, cause);
		else
			x->rep->reservations++;
	}
	free(hotel);
	free(guest);
	free(type);
	free(status);
	reservation_clear(&r);
	return x->dberr ? -1 : 0;
}

/* ---- orders, shared by every order format ----------------------------- */

static int lines_flush(struct ctx *);

/*
 * Find or create the order; *oid = 0 means "already imported, skip".
 * x->orders caches code -> id (this import's) or -1 (there before); a
 * code it no longer holds is asked of the database, where an id above
 * os->floor is one this import made, its lines counted there.
 */
static int
order_get(struct ctx *x, struct ordstate *os, const struct order *o,
    int64_t *oid, int *line)
{
	size_t len = strlen(o->code);
	int64_t id, n;
	char *cause = NULL;
	int rc;

	if (!strmap_get(x->orders, o->code, len, &id)) {
		rc = store_order_id(x->s, o->code, &id, &cause);
		if (rc < 0)
			return ctx_dbfail(x, cause);
		if (rc == 1 && id <= os->floor)
			id = -1;                /* there before: skipped */
		cache_put(&x->orders, o->code, len, rc == 1 ? id : 0);
		if (rc == 0)
			goto create;
	}
	if (id == 0)
		goto create;
	*oid = id < 0 ? 0 : id;
	if (id > 0) {
		if (!strmap_get(os->lines, o->code, len, &n)) {
			/* its lines so far: the database's, once the
			 * buffered ones are in */
			if (lines_flush(x) != 0 ||
			    store_order_lines(x->s, id, &n, &cause) != 0)
				return cause != NULL ? ctx_dbfail(x, cause) : -1;
		}
		cache_put(&os->lines, o->code, len, n + 1);
		*line = (int)n + 1;
	}
	return 0;
create:
	if (store_order_add(x->s, o, &id, &cause) != 0)
		return ctx_dbfail(x, cause);
	cache_put(&x->orders, o->code, len, id);
	cache_put(&os->lines, o->code, len, 1);
	x->rep->orders++;
	*oid = id;
	*line = 1;
	return 0;
}

/* Write the buffered order lines. */
static int
lines_flush(struct ctx *x)
{
	char *cause = NULL;
	size_t i;
	int rc = 0;

	if (x->nl > 0 && x->dberr == NULL &&
	    store_lines_add(x->s, x->lbuf, x->nl, &cause) != 0)
		rc = ctx_dbfail(x, cause);
	for (i = 0; i < x->nl; i++)
		xfree(&x->ldescr[i]);
	x->nl = 0;
	return rc;
}

/* Queue an order line; lines are written in batches. */
static int
line_add(struct ctx *x, int64_t oid, int line, int64_t item, int64_t qty,
    int64_t price, const char *descr)
{
	struct order_line_rec *l;

	if (x->nl == sizeof x->lbuf / sizeof x->lbuf[0] && lines_flush(x) != 0)
		return -1;
	l = &x->lbuf[x->nl];
	x->ldescr[x->nl] = descr ? xstrdup(descr) : NULL;
	l->order_id = oid;
	l->line = line;
	l->item_id = item;
	l->qty = qty;
	l->unit_price = price;
	l->descr = x->ldescr[x->nl++];
	x->rep->lines++;
	return 0;
}

/* ---- uplift: orders --------------------------------------------------- */

enum { OR_ORDER, OR_DATE, OR_CUSTOMER, OR_SKU, OR_QTY, OR_PRICE };

static int
read_orders(struct ctx *x, struct file *f, struct ordstate *os)
{
	struct order o;
	int64_t qty, price, item, oid;
	size_t len;
	const char *s, *why;
	int bad = 0, line = 0, rc;

	memset(&o, 0, sizeof o);
	bad |= fld_required(x, f, OR_ORDER, &o.code);
	s = fld(f, OR_DATE, &len);
	if (civil_parse_time(s, len, &o.at, &why) != 0) {
		field_error(x, f, OR_DATE, why);
		bad = -1;
	}
	bad |= fld_int(x, f, OR_QTY, -1000000, 1000000, 0, &qty);
	if (bad == 0 && qty == 0) {
		field_error(x, f, OR_QTY, "a quantity cannot be 0");
		bad = -1;
	}
	bad |= fld_money(x, f, OR_PRICE, &price);
	if (bad == 0)
		bad = line_amount(x, f, OR_PRICE, qty, price);
	s = fld(f, OR_SKU, &len);
	while (len > 0 && (*s == ' ' || *s == '\t')) {      /* as items.csv */
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0) {
		field_error(x, f, OR_SKU, "must not be empty");
		bad = -1;
	} else if ((rc = item_lookup(x, s, len, &item)) == 0) {
		field_error(x, f, OR_SKU, "no such item");
		bad = -1;
	} else if (rc < 0)
		bad = -1;
	s = fld(f, OR_CUSTOMER, &len);
	if (len > 0) {
		if ((rc = customer_lookup(x, s, len, &o.customer_id)) == 2)
			x->rep->suppressed++;     /* the sale, without them */
		else if (rc == 0) {
			field_error(x, f, OR_CUSTOMER, "no such customer");
			bad = -1;
		} else if (rc < 0)
			bad = -1;
	}
	o.kind = qty < 0 ? ORDER_RETURN : ORDER_SALE;
	o.source = (char *)"uplift";
	if (bad == 0 && order_get(x, os, &o, &oid, &line) == 0) {
		if (oid == 0)
			x->rep->skipped++;
		else
			line_add(x, oid, line, item, qty, price, NULL);
	}
	o.source = NULL;
	order_clear(&o);
	return x->dberr ? -1 : 0;
}

/* ---- non-products: the service rules ------------------------------------ */

/*
 * Lines of the foreign formats that are no product: an item whose code or
 * name a rule of its format matches is made a service (types.h), so that
 * it is never suggested and never among a customer's most bought, though
 * its lines still count in the money.  A rule with a code and a name needs
 * both.  A pattern ending in '*' matches anything that starts with the
 * rest.  Codes are compared exactly (the Online Retail export has "M" and
 * "m"), names without regard to ASCII case, both without surrounding
 * blanks.  The name is the one the item is known by: its first non-empty
 * description, not the notes of later lines ("check", "damaged" ...).
 *
 * An item the import creates gets its kind here; one already in the
 * database that is a product and matches a rule is made a service (a
 * database imported before uplift knew services is corrected by the next
 * import); a service is never made a product again by these rules.
 * uplift(1) (IMPORT FORMATS) lists this table: change both together.
 */
#define OR IMPORT_ONLINE_RETAIL
#define SH IMPORT_SHOPIFY
static const struct service_rule {
	int         format;
	const char *code;       /* StockCode / Lineitem sku, or NULL      */
	const char *name;       /* Description / Lineitem name, or NULL   */
} service_rules[] = {
	/* UCI Online Retail, by stock code */
	{ OR, "POST", NULL },           /* POSTAGE                        */
	{ OR, "DOT", NULL },            /* DOTCOM POSTAGE                 */
	{ OR, "C2", NULL },             /* CARRIAGE                       */
	{ OR, "CARRIAGE", NULL },
	{ OR, "M", NULL },              /* Manual (a line keyed by hand)  */
	{ OR, "m", NULL },
	{ OR, "D", NULL },              /* Discount                       */
	{ OR, "S", NULL },              /* SAMPLES                        */
	{ OR, "B", NULL },              /* Adjust bad debt                */
	{ OR, "BANK CHARGES", NULL },
	{ OR, "AMAZONFEE", NULL },      /* AMAZON FEE                     */
	{ OR, "CRUK", NULL },           /* CRUK Commission                */
	{ OR, "PADS", NULL },           /* PADS TO MATCH ALL CUSHIONS, an
	                                 * adjustment at 0.001           */
	{ OR, "gift_0001_*", NULL },    /* Dotcomgiftshop Gift Voucher    */
	/* ... and by description, whatever the code */
	{ OR, NULL, "POSTAGE" },
	{ OR, NULL, "DOTCOM POSTAGE" },
	{ OR, NULL, "CARRIAGE" },
	{ OR, NULL, "Next Day Carriage" },      /* 23444, 15.00         */
	{ OR, NULL, "PACKING CHARGE" },         /* 23574, 7.50          */
	{ OR, NULL, "Manual" },
	{ OR, NULL, "Discount" },
	{ OR, NULL, "Bank Charges" },
	{ OR, NULL, "AMAZON FEE" },
	{ OR, NULL, "SAMPLES" },
	{ OR, NULL, "Adjust bad debt" },
	{ OR, NULL, "CRUK Commission" },
	{ OR, NULL, "Dotcomgiftshop Gift Voucher*" },
	/* the DCGS... codes named after a marketplace: stock entries for
	 * eBay or Amazon, not goods (DCGS0069 "OOH LA LA DOGS COLLAR" with
	 * one "ebay" line stays a product) */
	{ OR, "DCGS*", "ebay" },
	{ OR, "DCGS*", "amazon" },
	/* Shopify: shipping, taxes and discounts are columns of the order
	 * (Shipping, Taxes, Discount Amount), not lines, and are not
	 * imported; these line items are no product */
	{ SH, NULL, "Tip" },
	{ SH, NULL, "Gift Card*" },     /* a gift card sold               */
	{ SH, NULL, "Gift wrap*" },     /* "Gift wrapping", a custom line */
	{ SH, NULL, "Shipping" },       /* shipping keyed as a custom line */
	{ SH, NULL, "Delivery" },
	{ SH, NULL, "Postage" },
	{ SH, NULL, "Discount" },
};
#undef OR
#undef SH

/* 1 if s[0..len) matches pattern pat (see above). */
static int
rule_match(const char *pat, const char *s, size_t len, int nocase)
{
	size_t n = strlen(pat);
	int prefix = n > 0 && pat[n - 1] == '*';

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (prefix)
		n--;
	if (prefix ? len < n : len != n)
		return 0;
	return nocase ? strncasecmp(pat, s, n) == 0 : memcmp(pat, s, n) == 0;
}

/*
 * ITEM_SERVICE if a rule of format matches the item with this code and
 * name (either may be NULL: no value), else ITEM_PRODUCT.
 */
static int
service_kind(int format, const char *code, size_t clen, const char *name,
    size_t nlen)
{
	const struct service_rule *r;
	size_t i;

	for (i = 0; i < sizeof service_rules / sizeof service_rules[0]; i++) {
		r = &service_rules[i];
		if (r->format != format)
			continue;
		if (r->code != NULL && (code == NULL ||
		    !rule_match(r->code, code, clen, 0)))
			continue;
		if (r->name != NULL && (name == NULL ||
		    !rule_match(r->name, name, nlen, 1)))
			continue;
		return ITEM_SERVICE;
	}
	return ITEM_PRODUCT;
}

/* Make item id, in the database before this import and a product, a
 * service; count it. */
static int
service_mark(struct ctx *x, int64_t id)
{
	char *cause = NULL;

	if (store_item_set_kind(x->s, id, ITEM_SERVICE, &cause) != 0)
		return ctx_dbfail(x, cause);
	x->rep->services++;
	return 0;
}

/* ---- UCI Online Retail ------------------------------------------------ */

enum { OL_INVOICE, OL_STOCK, OL_DESCR, OL_QTY, OL_DATE, OL_PRICE, OL_CUST,
    OL_COUNTRY };

/* What we learn about each item while reading, applied at the end. */
struct olitem {
	int64_t id;
	int64_t price_at;    /* time of the latest sale price, -1 none */
	int64_t price;
	char   *name;        /* the name the item row got (owned)      */
	int     renamed;     /* name was empty and is now known        */
	int     existed;     /* was in the database before             */
	int     kind;        /* enum item_kind (new items)             */
};

struct olstate {
	char            *last;      /* invoice of the previous line      */
	int64_t          last_oid;  /* its order id, 0 if skipped        */
	int              last_gone; /* its customer was erased            */
	int              last_line; /* lines it has so far               */
	struct strmap   *slot;   /* sku -> index into items[] */
	struct olitem   *items;
	size_t           nitems, cap;
};

/* "12/1/2010 8:26" (Excel's export of the same file). */
static int
parse_us_time(const char *s, size_t len, int64_t *t)
{
	int v[5] = { 0 }, k = 0;
	size_t i;
	int digits = 0;

	for (i = 0; i < len && k < 5; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			v[k] = v[k] * 10 + (s[i] - '0');
			if (++digits > 4)
				return -1;
		} else if ((k < 2 && s[i] == '/') || (k == 2 && s[i] == ' ') ||
		    (k == 3 && s[i] == ':')) {
			if (digits == 0)
				return -1;
			k++;
			digits = 0;
		} else
			return -1;
	}
	if (k != 4 || digits == 0 || i != len)
		return -1;
	if (!civil_valid(v[2], v[0], v[1]) || v[3] > 23 || v[4] > 59)
		return -1;
	*t = civil_days(v[2], v[0], v[1]) * CIVIL_DAY + v[3] * 3600 + v[4] * 60;
	return 0;
}

static int
ol_item(struct ctx *x, struct olstate *st, const char *sku, size_t len,
    const char *descr, size_t dlen, size_t *idx)
{
	struct item it;
	struct olitem *oi;
	int64_t slot, id;
	char *cause = NULL;
	int rc;

	if (strmap_get(st->slot, sku, len, &slot)) {
		*idx = (size_t)slot;
		oi = &st->items[slot];
		if (oi->name[0] == '\0' && dlen > 0 && !oi->existed) {
			free(oi->name);
			oi->name = xstrndup(descr, dlen);
			oi->renamed = 1;
			/* its name is known now: the rules may see it */
			if (oi->kind == ITEM_PRODUCT && service_kind(
			    IMPORT_ONLINE_RETAIL, sku, len, descr, dlen) ==
			    ITEM_SERVICE) {
				oi->kind = ITEM_SERVICE;
				x->rep->services++;
			}
		}
		return 0;
	}
	if (st->nitems == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 1024;
		st->items = xreallocarray(st->items, st->cap, sizeof *st->items);
	}
	oi = &st->items[st->nitems];
	memset(oi, 0, sizeof *oi);
	oi->price_at = -1;
	rc = item_lookup(x, sku, len, &id);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		struct item old;
		oi->existed = 1;
		if (store_item_get(x->s, id, &old, &cause) != 1)
			return ctx_dbfail(x, cause ? cause :
			    xstrdup("item vanished"));
		oi->kind = old.kind;
		if (old.kind == ITEM_PRODUCT && service_kind(
		    IMPORT_ONLINE_RETAIL, sku, len, old.name,
		    strlen(old.name)) == ITEM_SERVICE) {
			oi->kind = ITEM_SERVICE;
			if (service_mark(x, id) != 0) {
				item_clear(&old);
				return -1;
			}
		}
		oi->name = old.name;
		old.name = NULL;
		item_clear(&old);
	} else {
		memset(&it, 0, sizeof it);
		it.sku = xstrndup(sku, len);
		it.name = xstrndup(descr, dlen);
		it.stock = ITEM_NO_STOCK;
		it.kind = service_kind(IMPORT_ONLINE_RETAIL, sku, len, descr,
		    dlen);
		oi->kind = it.kind;
		if (it.kind == ITEM_SERVICE)
			x->rep->services++;
		if (store_item_put(x->s, &it, &id, &cause) != 0) {
			item_clear(&it);
			return ctx_dbfail(x, cause);
		}
		oi->name = it.name;
		it.name = NULL;
		item_clear(&it);
		cache_put(&x->items, sku, len, id);
		x->rep->items++;
	}
	oi->id = id;
	strmap_put(st->slot, sku, len, (int64_t)st->nitems);
	*idx = st->nitems++;
	return 0;
}

static int
ol_customer(struct ctx *x, const char *code, size_t len, const char *country,
    int64_t *id)
{
	struct customer c;
	char *cause = NULL;
	int rc = customer_lookup(x, code, len, id);

	if (rc == 2) {
		x->rep->suppressed++;
		return 2;
	}
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	memset(&c, 0, sizeof c);
	c.code = xstrndup(code, len);
	c.country = (char *)country;
	rc = store_customer_put(x->s, &c, id, &cause);
	c.country = NULL;
	customer_clear(&c);
	if (rc != 0)
		return ctx_dbfail(x, cause);
	cache_put(&x->customers, code, len, *id);
	x->rep->customers++;
	return 0;
}

static void
ol_line(struct ctx *x, struct olstate *st, size_t idx, int64_t oid, int line,
    const char *descr, size_t dlen, int64_t qty, int64_t price, int64_t at,
    int is_return)
{
	struct olitem *oi = &st->items[idx];

	/* The line keeps its own text unless it is the item's (non-empty)
	 * name: an empty description stays empty. */
	if (dlen > 0 && strlen(oi->name) == dlen &&
	    memcmp(oi->name, descr, dlen) == 0)
		descr = NULL;
	line_add(x, oid, line, oi->id, qty, price, descr);
	if (qty > 0 && price > 0 && !is_return && at >= oi->price_at) {
		oi->price_at = at;
		oi->price = price;
	}
}

/* Leaving the current invoice (a new one, or the end of a file): keep
 * its line count, so that lines of it further on go on numbering. */
static void
ol_leave(struct ctx *x, struct olstate *st)
{
	if (st->last != NULL && st->last_oid != 0)
		cache_put(&x->os.lines, st->last, strlen(st->last),
		    st->last_line);
}

static int
read_online_retail(struct ctx *x, struct file *f, struct olstate *st)
{
	struct order o;
	const char *inv, *sku, *descr, *s, *why, *cust;
	size_t ilen, slen, dlen, len, clen, idx = 0;
	int64_t qty, price, oid;
	int bad = 0, line = 0, rc;
	char *country = NULL;

	memset(&o, 0, sizeof o);
	inv = fld(f, OL_INVOICE, &ilen);
	sku = fld(f, OL_STOCK, &slen);
	descr = fld(f, OL_DESCR, &dlen);
	if (ilen == 0) {
		field_error(x, f, OL_INVOICE, "must not be empty");
		bad = -1;
	}
	if (slen == 0) {
		field_error(x, f, OL_STOCK, "must not be empty");
		bad = -1;
	}
	bad |= fld_int(x, f, OL_QTY, -1000000000, 1000000000, 0, &qty);
	s = fld(f, OL_DATE, &len);
	if (civil_parse_time(s, len, &o.at, &why) != 0 &&
	    parse_us_time(s, len, &o.at) != 0) {
		field_error(x, f, OL_DATE, why);
		bad = -1;
	}
	bad |= fld_money(x, f, OL_PRICE, &price);
	if (bad == 0)
		bad = line_amount(x, f, OL_PRICE, qty, price);
	cust = fld(f, OL_CUST, &clen);
	if (clen > 2 && cust[clen - 2] == '.' && cust[clen - 1] == '0')
		clen -= 2;      /* "17850.0" from spreadsheet round trips */
	for (len = 0; len < clen; len++)
		if (cust[len] < '0' || cust[len] > '9') {
			field_error(x, f, OL_CUST, "not a customer number");
			bad = -1;
			break;
		}
	if (bad != 0)
		return x->dberr ? -1 : 0;
	/* Lines of one invoice come together: the common case is cheap. */
	if (st->last != NULL && strlen(st->last) == ilen &&
	    memcmp(st->last, inv, ilen) == 0) {
		if (ol_item(x, st, sku, slen, descr, dlen, &idx) != 0)
			return -1;
		if (st->last_gone)
			x->rep->suppressed++;
		if (st->last_oid == 0)
			x->rep->skipped++;
		else
			ol_line(x, st, idx, st->last_oid, ++st->last_line, descr,
			    dlen, qty, price, o.at, inv[0] == 'C');
		return x->dberr ? -1 : 0;
	}
	country = fld_dup(f, OL_COUNTRY);
	st->last_gone = 0;
	if (clen > 0 && (rc = ol_customer(x, cust, clen, country,
	    &o.customer_id)) != 0) {
		if (rc != 2)
			goto out;
		xfree(&country);  /* an erased customer's order: no country */
		st->last_gone = 1;
	}
	if (ol_item(x, st, sku, slen, descr, dlen, &idx) != 0)
		goto out;
	o.code = xstrndup(inv, ilen);
	o.kind = inv[0] == 'C' ? ORDER_RETURN : ORDER_SALE;
	o.country = country;
	o.source = (char *)"online-retail";
	ol_leave(x, st);
	if (order_get(x, &x->os, &o, &oid, &line) == 0) {
		free(st->last);
		st->last = xstrndup(inv, ilen);
		st->last_oid = oid;
		st->last_line = line;
		if (oid == 0)
			x->rep->skipped++;
		else
			ol_line(x, st, idx, oid, line, descr, dlen, qty, price,
			    o.at, o.kind == ORDER_RETURN);
	}
	o.country = NULL;
	o.source = NULL;
	order_clear(&o);
out:
	free(country);
	return x->dberr ? -1 : 0;
}

/* Apply what was learnt about items: the latest sale price, late names. */
static int
ol_finish(struct ctx *x, struct olstate *st)
{
	struct item it;
	char *cause = NULL;
	size_t i;
	int64_t id;

	for (i = 0; i < st->nitems && x->dberr == NULL; i++) {
		struct olitem *oi = &st->items[i];
		if (oi->existed)
			continue;
		if (oi->renamed) {
			if (store_item_get(x->s, oi->id, &it, &cause) != 1) {
				ctx_dbfail(x, cause ? cause :
				    xstrdup("item vanished"));
				break;
			}
			free(it.name);
			it.name = xstrdup(oi->name);
			it.kind = oi->kind;
			if (oi->price_at >= 0)
				it.price = oi->price;
			if (store_item_put(x->s, &it, &id, &cause) != 0)
				ctx_dbfail(x, cause);
			item_clear(&it);
		} else if (oi->price_at >= 0 &&
		    store_item_set_price(x->s, oi->id, oi->price, &cause) != 0)
			ctx_dbfail(x, cause);
	}
	return x->dberr ? -1 : 0;
}

/* ---- Shopify orders export -------------------------------------------- */

enum { SH_NAME, SH_EMAIL, SH_CURRENCY, SH_CREATED, SH_QTY, SH_LNAME,
    SH_LPRICE, SH_LSKU, SH_BNAME, SH_BPHONE, SH_PHONE, SH_CANCELLED,
    SH_MARKETING, SH_BCOUNTRY, SH_FINANCIAL };

struct shstate {
	struct strmap   *cancelled;   /* orders skipped as cancelled */
	struct strmap   *kinds;       /* SKUs whose kind this import set
	                               * or checked                    */
	char            *last;        /* the order of the previous row */
	int64_t          last_at;
	int64_t          last_customer;
};

static int
read_shopify(struct ctx *x, struct file *f, struct shstate *st)
{
	struct order o;
	struct item it;
	char *name = NULL, *email = NULL, *sku = NULL, *lname = NULL;
	char *cur = NULL, *cause = NULL;
	int64_t qty, price, item, oid, dummy, known;
	const char *s, *why;
	size_t len;
	int bad = 0, line = 0, first, rc, kind;

	memset(&o, 0, sizeof o);
	bad |= fld_required(x, f, SH_NAME, &name);
	if (bad != 0)
		return 0;
	first = st->last == NULL || strcmp(st->last, name) != 0;
	if (strmap_get(st->cancelled, name, strlen(name), &dummy)) {
		x->rep->cancelled++;
		goto out;
	}
	if (first) {
		/* Order-level fields are on the first row of an order. */
		cur = fld_dup(f, SH_CURRENCY);
		if (cur != NULL && (!money_currency_valid(cur) ||
		    ctx_currency(x, cur, money_currency_digits(cur)) != 0)) {
			if (!money_currency_valid(cur))
				field_error(x, f, SH_CURRENCY,
				    "not a currency code");
			bad = -1;
		}
		if (fld(f, SH_CANCELLED, &len), len > 0) {
			strmap_put(st->cancelled, name, strlen(name), 1);
			x->rep->cancelled++;
			goto out;
		}
		s = fld(f, SH_CREATED, &len);
		if (len >= 16 && civil_parse_time(s, len >= 19 ? 19 : 16,
		    &st->last_at, &why) == 0)
			;
		else {
			field_error(x, f, SH_CREATED, "not a date and time "
			    "(YYYY-MM-DD HH:MM:SS +ZZZZ)");
			bad = -1;
		}
		st->last_customer = 0;
		email = fld_dup(f, SH_EMAIL);
		if (bad == 0 && email != NULL) {
			struct customer c;
			size_t i;
			for (i = 0; email[i]; i++)
				if (email[i] >= 'A' && email[i] <= 'Z')
					email[i] = (char)(email[i] + 32);
			memset(&c, 0, sizeof c);
			c.code = email;
			c.email = email;
			c.name = fld_dup(f, SH_BNAME);
			c.phone = fld_dup(f, SH_BPHONE);
			if (c.phone == NULL)
				c.phone = fld_dup(f, SH_PHONE);
			c.country = fld_dup(f, SH_BCOUNTRY);
			if (fld_yesno(x, f, SH_MARKETING, &c.consent) != 0)
				bad = -1;
			rc = customer_lookup(x, email, strlen(email),
			    &st->last_customer);
			if (rc == 2)
				x->rep->suppressed++;
			else if (rc == 0 && bad == 0) {
				if (store_customer_put(x->s, &c,
				    &st->last_customer, &cause) != 0)
					ctx_dbfail(x, cause);
				else {
					cache_put(&x->customers, email,
					    strlen(email), st->last_customer);
					x->rep->customers++;
				}
			}
			c.code = c.email = NULL;
			customer_clear(&c);
		}
		free(st->last);
		st->last = xstrdup(name);
	}
	if (bad == 0 && x->cur[0] == '\0') {
		ctx_error(x, csv_error(f->csv, f->col[SH_CURRENCY],
		    "Currency: the first row of the first order names no "
		    "currency"));
		bad = -1;
	}
	bad |= fld_int(x, f, SH_QTY, -1000000, 1000000, 0, &qty);
	if (bad == 0 && qty == 0) {
		field_error(x, f, SH_QTY, "a quantity cannot be 0");
		bad = -1;
	}
	bad |= fld_required(x, f, SH_LNAME, &lname);
	if (bad == 0)
		bad |= fld_money(x, f, SH_LPRICE, &price);
	if (bad == 0)
		bad = line_amount(x, f, SH_LPRICE, qty, price);
	if (bad != 0 || x->dberr != NULL)
		goto out;
	/* A custom line item has no SKU: its name stands for one. */
	sku = fld_dup(f, SH_LSKU);
	kind = service_kind(IMPORT_SHOPIFY, sku, sku ? strlen(sku) : 0, lname,
	    strlen(lname));
	if (sku == NULL)
		sku = xstrdup(lname);
	rc = item_lookup(x, sku, strlen(sku), &item);
	if (rc == 0) {
		memset(&it, 0, sizeof it);
		it.sku = sku;
		it.name = lname;
		it.price = price;
		it.stock = ITEM_NO_STOCK;
		it.kind = kind;
		if (store_item_put(x->s, &it, &item, &cause) != 0) {
			ctx_dbfail(x, cause);
			goto out;
		}
		cache_put(&x->items, sku, strlen(sku), item);
		strmap_put(st->kinds, sku, strlen(sku), kind);
		x->rep->items++;
		if (kind == ITEM_SERVICE)
			x->rep->services++;
	} else if (rc < 0)
		goto out;
	else if (kind == ITEM_SERVICE &&
	    !strmap_get(st->kinds, sku, strlen(sku), &known)) {
		/* an item from before: once per import, see the rules */
		struct item old;
		strmap_put(st->kinds, sku, strlen(sku), kind);
		rc = store_item_get(x->s, item, &old, &cause);
		if (rc != 1) {
			ctx_dbfail(x, cause ? cause : xstrdup("item vanished"));
			goto out;
		}
		if (old.kind == ITEM_PRODUCT && service_mark(x, item) != 0) {
			item_clear(&old);
			goto out;
		}
		item_clear(&old);
	}
	o.code = name;
	o.customer_id = st->last_customer;
	o.at = st->last_at;
	o.kind = ORDER_SALE;
	o.source = (char *)"shopify";
	if (order_get(x, &x->os, &o, &oid, &line) == 0) {
		if (oid == 0)
			x->rep->skipped++;
		else
			line_add(x, oid, line, item, qty, price, NULL);
	}
out:
	free(name);
	free(email);
	free(sku);
	free(lname);
	free(cur);
	return x->dberr ? -1 : 0;
}

/* ---- hotel booking demand --------------------------------------------- */

enum { HB_HOTEL, HB_CANCELED, HB_YEAR, HB_MONTH, HB_DAY, HB_WEEKEND, HB_WEEK,
    HB_ADULTS, HB_CHILDREN, HB_REPEATED, HB_RESERVED, HB_ASSIGNED, HB_ADR,
    HB_CTYPE, HB_STATUS, HB_COUNTRY };

struct hbtype {
	int64_t id;
	int64_t hotel;
	int     created;    /* made by this import (else left alone)     */
	char    code[8];
	int64_t sum, n;     /* adr of stays that happened, for the rack rate */
};

struct hbstate {
	struct strmap *types;   /* "hotel\037code" -> index */
	struct hbtype *t;
	size_t         nt, cap;
};

static int
hb_type(struct ctx *x, struct hbstate *st, int64_t hotel, const char *hname,
    const char *code, size_t len, size_t *idx)
{
	struct room_type rt;
	char *key = xasprintf("%s\037%.*s", hname, (int)len, code);
	char *cause = NULL;
	int64_t slot;
	int rc;

	if (strmap_get(st->types, key, strlen(key), &slot)) {
		free(key);
		*idx = (size_t)slot;
		return 0;
	}
	if (st->nt == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 16;
		st->t = xreallocarray(st->t, st->cap, sizeof *st->t);
	}
	memset(&st->t[st->nt], 0, sizeof st->t[st->nt]);
	snprintf(st->t[st->nt].code, sizeof st->t[st->nt].code, "%.*s",
	    (int)len, code);
	st->t[st->nt].hotel = hotel;
	rc = store_room_type_id(x->s, hotel, st->t[st->nt].code,
	    &st->t[st->nt].id, &cause);
	if (rc < 0) {
		free(key);
		return ctx_dbfail(x, cause);
	}
	if (rc == 0) {
		/* The codes are anonymised letters, no ladder: tier 0, the
		 * desk ladders them by their rates (model/hotel.h). */
		memset(&rt, 0, sizeof rt);
		rt.hotel_id = hotel;
		rt.code = st->t[st->nt].code;
		rt.name = xasprintf("Room type %s", rt.code);
		rt.tier = 0;
		if (store_room_type_put(x->s, &rt, &st->t[st->nt].id,
		    &cause) != 0) {
			free(rt.name);
			free(key);
			return ctx_dbfail(x, cause);
		}
		free(rt.name);
		x->rep->room_types++;
		st->t[st->nt].created = 1;
	}
	strmap_put(st->types, key, strlen(key), (int64_t)st->nt);
	free(key);
	*idx = st->nt++;
	return 0;
}

/* FNV-1a over the fields of the current record: with the line, a
 * booking's stable identity (the data set has no booking number). */
static uint32_t
record_hash(const struct csv *c)
{
	uint32_t h = 2166136261u;
	size_t i, j, len;
	const char *v;

	for (i = 0; i < csv_nfields(c); i++) {
		v = csv_field(c, i, &len);
		for (j = 0; j < len; j++)
			h = (h ^ (unsigned char)v[j]) * 16777619u;
		h = (h ^ 0x1f) * 16777619u;
	}
	return h;
}

static const char *months[] = { "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December" };

static int
read_hotel_bookings(struct ctx *x, struct file *f, struct hbstate *st)
{
	struct reservation r;
	struct customer c;
	char *hotel = NULL, *status = NULL, *cause = NULL, *mon = NULL;
	const char *res, *asg;
	size_t rlen, alen, ri = 0, ai = 0, len;
	int64_t year, day, we, wk, adults, children = 0, canceled, rep, id;
	int bad = 0, m = 0, rc;
	char code[32];

	memset(&r, 0, sizeof r);
	memset(&c, 0, sizeof c);
	bad |= fld_required(x, f, HB_HOTEL, &hotel);
	bad |= fld_int(x, f, HB_CANCELED, 0, 1, 0, &canceled);
	bad |= fld_int(x, f, HB_YEAR, 1900, 2999, 0, &year);
	mon = fld_dup(f, HB_MONTH);
	for (m = 0; m < 12 && mon != NULL; m++)
		if (strcmp(mon, months[m]) == 0)
			break;
	if (mon == NULL || m == 12) {
		field_error(x, f, HB_MONTH, "not a month name (January ...)");
		bad = -1;
	}
	bad |= fld_int(x, f, HB_DAY, 1, 31, 0, &day);
	if (bad == 0 && !civil_valid((int)year, m + 1, (int)day)) {
		field_error(x, f, HB_DAY, "no such date");
		bad = -1;
	}
	bad |= fld_int(x, f, HB_WEEKEND, 0, 365, 0, &we);
	bad |= fld_int(x, f, HB_WEEK, 0, 365, 0, &wk);
	bad |= fld_int(x, f, HB_ADULTS, 0, 100, 0, &adults);
	/* The published file writes a handful of unknown counts as "NA". */
	fld(f, HB_CHILDREN, &len);
	if (len > 0 && strcmp(fld(f, HB_CHILDREN, NULL), "NA") != 0)
		bad |= fld_int(x, f, HB_CHILDREN, 0, 100, 0, &children);
	bad |= fld_int(x, f, HB_REPEATED, 0, 1, 0, &rep);
	res = fld(f, HB_RESERVED, &rlen);
	asg = fld(f, HB_ASSIGNED, &alen);
	if (rlen == 0 || rlen > 7) {
		field_error(x, f, HB_RESERVED, "not a room type code");
		bad = -1;
	}
	if (alen == 0 || alen > 7) {
		field_error(x, f, HB_ASSIGNED, "not a room type code");
		bad = -1;
	}
	bad |= fld_money(x, f, HB_ADR, &r.rate);
	status = fld_dup(f, HB_STATUS);
	if (status != NULL && strcmp(status, "Check-Out") == 0)
		r.status = RES_CHECKED_OUT;
	else if (status != NULL && strcmp(status, "Canceled") == 0)
		r.status = RES_CANCELLED;
	else if (status != NULL && strcmp(status, "No-Show") == 0)
		r.status = RES_NO_SHOW;
	else {
		field_error(x, f, HB_STATUS, "expected Check-Out, Canceled "
		    "or No-Show");
		bad = -1;
	}
	if (bad != 0 || hotel_id(x, hotel, &r.hotel_id) != 0 ||
	    hb_type(x, st, r.hotel_id, hotel, res, rlen, &ri) != 0 ||
	    hb_type(x, st, r.hotel_id, hotel, asg, alen, &ai) != 0)
		goto out;
	/* No names in this data: the booking's line makes a stable,
	 * pseudonymous confirmation number and guest id. */
	snprintf(code, sizeof code, "L%07ld-%08x", csv_line(f->csv),
	    record_hash(f->csv));
	r.code = code;
	r.arrival = civil_days((int)year, m + 1, (int)day);
	r.nights = (int)(we + wk);
	r.room_type_id = st->t[ri].id;
	r.assigned_type_id = st->t[ai].id;
	r.adults = (int)adults;
	r.children = (int)children;
	r.repeated = (int)rep;
	r.segment = fld_dup(f, HB_CTYPE);
	rc = store_reservation_id(x->s, r.hotel_id, code, &id, &cause);
	if (rc < 0) {
		ctx_dbfail(x, cause);
		goto out;
	}
	if (rc == 1) {
		x->rep->skipped++;
		goto out;
	}
	c.code = xasprintf("%c-%s", hotel[0], code);
	c.name = xasprintf("Guest %s", c.code);
	c.country = fld_dup(f, HB_COUNTRY);
	if (c.country != NULL && strcmp(c.country, "NULL") == 0)
		xfree(&c.country);
	c.segment = r.segment ? xstrdup(r.segment) : NULL;
	if ((rc = customer_lookup(x, c.code, strlen(c.code), &r.guest_id)) ==
	    2)
		x->rep->suppressed++;
	else if (rc == 0) {
		if (store_customer_put(x->s, &c, &r.guest_id, &cause) != 0) {
			ctx_dbfail(x, cause);
			goto out;
		}
		x->rep->customers++;
	}
	if (store_reservation_add(x->s, &r, &id, &cause) != 0) {
		ctx_dbfail(x, cause);
		goto out;
	}
	x->rep->reservations++;
	if (!canceled && r.nights > 0) {
		st->t[ri].sum += r.rate;
		st->t[ri].n++;
	}
out:
	r.code = NULL;
	reservation_clear(&r);
	customer_clear(&c);
	free(hotel);
	free(status);
	free(mon);
	return x->dberr ? -1 : 0;
}

/* Rack rate of each new room type: the mean nightly rate paid for it. */
static int
hb_finish(struct ctx *x, struct hbstate *st)
{
	struct room_type rt;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < st->nt && x->dberr == NULL; i++) {
		if (st->t[i].n == 0 || !st->t[i].created)
			continue;
		memset(&rt, 0, sizeof rt);
		rt.hotel_id = st->t[i].hotel;
		rt.code = st->t[i].code;
		rt.name = xasprintf("Room type %s", rt.code);
		rt.tier = 0;
		rt.rate = st->t[i].sum / st->t[i].n;
		if (store_room_type_put(x->s, &rt, &st->t[i].id, &cause) != 0)
			ctx_dbfail(x, cause);
		free(rt.name);
	}
	return x->dberr ? -1 : 0;
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
	const struct colspec *cs = kinds[k].cols;
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
		if (format != IMPORT_AUTO && kinds[k].format != format)
			continue;
		t = xasprintf("%s%s%s (", out, *out ? "; " : "", kinds[k].name);
		free(out);
		out = t;
		for (j = 0; j < MAXCOLS && kinds[k].cols[j].name; j++) {
			if (!kinds[k].cols[j].required)
				continue;
			t = xasprintf("%s%s%s", out, j ? "," : "",
			    kinds[k].cols[j].name);
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
		ctx_error(x, cause);
		return -1;
	}
	rc = csv_next(f->csv, &cause);
	if (rc <= 0) {
		p = text_cleans(path, 80);
		ctx_error(x, rc < 0 ? cause :
		    xasprintf("%s: empty file (no header row)", p));
		free(p);
		return -1;
	}
	/* The foreign formats first: their headers are specific, while a
	 * Shopify export also has "Id" and "Name" columns. */
	for (i = 0; i < sizeof detect_order / sizeof detect_order[0]; i++) {
		k = detect_order[i];
		if (x->opt->format != IMPORT_AUTO &&
		    kinds[k].format != x->opt->format)
			continue;
		if (header_map(f->csv, (enum kind)k, f->col)) {
			f->kind = (enum kind)k;
			return 0;
		}
	}
	exp = expected_columns(x->opt->format);
	p = csv_error(f->csv, -1, "the header is not one uplift knows");
	ctx_error(x, xasprintf("%s; expected %s", p, exp));
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

/* Read every record of f with the reader of its kind. */
static int
file_read(struct ctx *x, struct file *f)
{
	struct olstate ol;
	struct shstate sh;
	struct hbstate hb;
	struct bustate bu;
	char *cause = NULL;
	long start = x->rep->records;
	int rc = 0, r, currency_set = 0;
	size_t i;

	memset(&ol, 0, sizeof ol);
	memset(&sh, 0, sizeof sh);
	memset(&hb, 0, sizeof hb);
	memset(&bu, 0, sizeof bu);
	bu.index = strmap_new();
	ol.slot = strmap_new();
	sh.cancelled = strmap_new();
	sh.kinds = strmap_new();
	hb.types = strmap_new();

	while (rc == 0 && (r = csv_next(f->csv, &cause)) != 0) {
		if (r < 0) {
			/* a file of people: the excerpt of a broken record
			 * could be a name or a phone, so it is left out */
			if (f->kind == K_CUSTOMERS || f->kind == K_SHOPIFY) {
				char *q = strstr(cause, ": \"");
				char *last = NULL;

				for (; q != NULL; q = strstr(q + 1, ": \""))
					last = q;
				if (last != NULL)
					*last = '\0';
			}
			ctx_error(x, cause);
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
			if (f->kind == K_ONLINE_RETAIL)
				rc = ctx_currency(x, "GBP", 3);
			else if (f->kind == K_HOTEL_BOOKINGS)
				rc = ctx_currency(x, "EUR", 2);
			else if (f->kind != K_SHOPIFY && x->cur[0] == '\0') {
				/* uplift's files carry none: the caller's */
				const char *cur = x->opt->currency ?
				    x->opt->currency : "GBP";
				rc = ctx_currency(x, cur,
				    money_currency_digits(cur));
			}
			if (rc != 0)
				break;
		}
		if ((x->rep->records & 0x3fff) == 0)
			progress(x, f);
		switch (f->kind) {
		case K_ITEMS: rc = read_items(x, f); break;
		case K_CATEGORIES: rc = read_categories(x, f); break;
		case K_BUNDLES: rc = read_bundles(x, f, &bu); break;
		case K_CUSTOMERS: rc = read_customers(x, f); break;
		case K_ROOM_TYPES: rc = read_room_types(x, f); break;
		case K_ROOMS: rc = read_rooms(x, f); break;
		case K_HOTELS: rc = read_hotels(x, f); break;
		case K_SUPPLEMENTS: rc = read_supplements(x, f); break;
		case K_ADDONS: rc = read_addons(x, f); break;
		case K_RESERVATIONS: rc = read_reservations(x, f); break;
		case K_ORDERS: rc = read_orders(x, f, &x->os); break;
		case K_ONLINE_RETAIL: rc = read_online_retail(x, f, &ol); break;
		case K_SHOPIFY: rc = read_shopify(x, f, &sh); break;
		case K_HOTEL_BOOKINGS: rc = read_hotel_bookings(x, f, &hb); break;
		case K_NKINDS: break;
		}
		if (x->nerrors > 10000)
			break;    /* enough: the file is not what it claims */
	}
	progress(x, f);
	lines_flush(x);
	bundles_finish(x, &bu);     /* saves them, or frees an empty state */
	if (rc == 0 && x->nerrors == 0) {
		if (f->kind == K_ONLINE_RETAIL)
			rc = ol_finish(x, &ol);
		else if (f->kind == K_HOTEL_BOOKINGS)
			rc = hb_finish(x, &hb);
	}
	if (rc == 0 && x->dberr == NULL && x->nerrors == 0 &&
	    store_import_log(x->s, x->opt->now, kinds[f->kind].name, f->path,
	    x->rep->records - start, 0, &cause) != 0)
		ctx_dbfail(x, cause);

	for (i = 0; i < ol.nitems; i++)
		free(ol.items[i].name);
	free(ol.items);
	ol_leave(x, &ol);
	free(ol.last);
	free(sh.last);
	free(hb.t);
	strmap_free(&ol.slot);
	strmap_free(&sh.cancelled);
	strmap_free(&sh.kinds);
	strmap_free(&hb.types);
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

int
import_files(struct store *s, char *const *paths, size_t n,
    const struct import_options *opt, struct import_report *rep,
    char **cause)
{
	struct ctx x;
	struct file *files;
	char *out, *t, *err = NULL;
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
		qsort(files, opened, sizeof *files, file_cmp);
		for (i = 0; i < opened; i++)
			files[i].ns = (int)i;
		/* bounded memory: a set cache, the keys seen on disk */
		store_bulk_mode(s, 1);
		if (store_begin(s, &err) != 0)
			ctx_dbfail(&x, err);
		else if (store_max_order_id(s, &x.os.floor, &err) != 0) {
			ctx_dbfail(&x, err);
			store_rollback(s);
		} else {
			store_currency(s, x.cur, &x.scale);
			for (i = 0; i < opened && x.dberr == NULL; i++)
				file_read(&x, &files[i]);
			if (x.dberr == NULL && x.nerrors == 0) {
				if (store_commit(s, &err) != 0)
					ctx_dbfail(&x, err);
			} else
				store_rollback(s);
		}
		store_bulk_mode(s, 0);
	}
	for (i = 0; i < opened; i++)
		csv_close(&files[i].csv);
	free(files);

	if (x.dberr != NULL) {
		*cause = x.dberr;
		x.dberr = NULL;
		rc = -1;
	} else if (x.nerrors > 0) {
		out = xstrdup("");
		for (k = 0; k < x.nmsgs; k++) {
			t = xasprintf("%s%s%s", out, k ? "\n" : "", x.msgs[k]);
			free(out);
			out = t;
		}
		if (x.nerrors > x.nmsgs) {
			t = xasprintf("%s\n%ld more errors not shown", out,
			    x.nerrors - x.nmsgs);
			free(out);
			out = t;
		}
		*cause = out;
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
