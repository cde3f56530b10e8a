/*
 * import_uplift.c — uplift's own CSV tables: items, categories, bundles,
 * customers and orders (the format uplift(1) documents under IMPORT
 * FORMATS).
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
#include "model/strmap.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "model/import_int.h"
#include "model/store_catalog.h"
#include "model/store_customers.h"

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
	if ((v = import_fld_dup(f, sc)) == NULL)
		return 0;
	if (strcasecmp(v, "service") == 0)
		*kind = ITEM_SERVICE;
	else if (strcasecmp(v, "product") != 0) {
		import_field_error(x, f, sc, "expected product or service");
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

int
import_read_items(struct ctx *x, struct file *f)
{
	struct item it;
	int64_t v, id, tier, brand, refill;
	char *cause = NULL;
	int bad = 0, existed;

	memset(&it, 0, sizeof it);
	bad |= import_fld_required(x, f, IT_SKU, &it.sku);
	bad |= import_fld_name_required(x, f, IT_NAME, &it.name);
	it.category = import_fld_dup(f, IT_CATEGORY);
	it.family = import_fld_dup(f, IT_FAMILY);
	bad |= import_fld_int(x, f, IT_TIER, 1, 99, 1, &tier);
	bad |= import_fld_int(x, f, IT_BRAND, 1, 3, 2, &brand);
	bad |= import_fld_money(x, f, IT_PRICE, &it.price);
	if (it.price < 0) {
		import_field_error(x, f, IT_PRICE,
		    "a price cannot be negative");
		bad = -1;
	}
	bad |= import_fld_int(x, f, IT_STOCK, 0, 1000000000, ITEM_NO_STOCK, &v);
	it.stock = v;
	it.barcode = import_fld_dup(f, IT_BARCODE);
	bad |= import_fld_monthday(x, f, IT_SSTART, &it.season_start);
	bad |= import_fld_monthday(x, f, IT_SEND, &it.season_end);
	if ((it.season_start == 0) != (it.season_end == 0)) {
		import_field_error(x, f, IT_SEND,
		    "a season needs a start and an end");
		bad = -1;
	}
	bad |= import_fld_int(x, f, IT_REFILL, 1, 3650, 0, &refill);
	bad |= fld_kind(x, f, IT_KIND, &it.kind);
	it.benefit = import_fld_dup(f, IT_BENEFIT);
	it.tier = (int)tier;
	it.brand_tier = (int)brand;
	it.refill_days = (int)refill;
	if (bad == 0 && import_unique_in_file(x, f, IT_SKU, it.sku) == 0) {
		existed = import_item_lookup(x, it.sku, strlen(it.sku), &id);
		if (existed >= 0 &&
		    store_item_put(x->s, &it, &id, &cause) != 0)
			existed = import_dbfail(x, cause);
		if (existed >= 0) {
			size_t k;
			import_cache_put(&x->items, it.sku, strlen(it.sku), id);
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
				b = import_fld_dup(f, item_langs[k].col);
				if (store_item_benefit_put(x->s, id,
				    item_langs[k].lang, b, &cause) != 0)
					import_dbfail(x, cause);
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
int
import_read_categories(struct ctx *x, struct file *f)
{
	struct category c;
	int64_t refill;
	char *cause = NULL;
	int bad = 0;
	size_t len;

	memset(&c, 0, sizeof c);
	bad |= import_fld_required(x, f, CA_NAME, &c.name);
	/* the column is required, its value is not: empty means none */
	import_fld(f, CA_REFILL, &len);
	if (len == 0)
		refill = 0;
	else
		bad |= import_fld_int(x, f, CA_REFILL, 1, 3650, 0, &refill);
	c.refill_days = (int)refill;
	if (bad == 0 && import_unique_in_file(x, f, CA_NAME, c.name) == 0) {
		switch (store_category_put(x->s, &c, &cause)) {
		case -1:
			import_dbfail(x, cause);
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

int
import_read_bundles(struct ctx *x, struct file *f, struct bustate *st)
{
	struct bundle *b;
	char *code = NULL, *name = NULL, *why;
	int64_t price, qty, item, slot;
	size_t len, i;
	const char *sku;
	int bad = 0, rc;

	bad |= import_fld_required(x, f, BU_CODE, &code);
	bad |= import_fld_required(x, f, BU_NAME, &name);
	bad |= import_fld_int(x, f, BU_QTY, 1, 1000, 1, &qty);
	bad |= import_fld_money(x, f, BU_PRICE, &price);
	if (bad == 0 && price < 0) {
		import_field_error(x, f, BU_PRICE,
		    "a price cannot be negative");
		bad = -1;
	}
	sku = import_fld(f, BU_SKU, &len);
	if ((rc = import_item_lookup(x, sku, len, &item)) == 0) {
		import_field_error(x, f, BU_SKU, "no such item");
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
		import_field_error(x, f, strcmp(b->name, name) != 0 ? BU_NAME :
		    BU_PRICE, why);
		free(why);
		goto out;
	}
	for (i = 0; i < b->nitems; i++)
		if (b->items[i].item_id == item) {
			import_field_error(x, f, BU_SKU,
			    "the item is already in "
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

void
import_bundles_finish(struct ctx *x, struct bustate *st)
{
	char *cause = NULL;
	int64_t id;
	int existed;
	size_t i;

	for (i = 0; i < st->n && x->dberr == NULL && x->nerrors == 0; i++) {
		if (store_bundle_put(x->s, &st->v[i], &id, &existed,
		    &cause) != 0)
			import_dbfail(x, cause);
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

int
import_read_customers(struct ctx *x, struct file *f)
{
	struct customer c;
	int64_t id;
	char *cause = NULL;
	int bad = 0, existed;

	memset(&c, 0, sizeof c);
	bad |= import_fld_required(x, f, CU_ID, &c.code);
	bad |= import_fld_name_required(x, f, CU_NAME, &c.name);
	c.phone = import_fld_dup(f, CU_PHONE);
	c.email = import_fld_dup(f, CU_EMAIL);
	c.loyalty = import_fld_dup(f, CU_LOYALTY);
	c.lang = import_fld_dup(f, CU_LANG);
	if (c.lang != NULL && !lang_valid(c.lang)) {
		import_field_error(x, f, CU_LANG,
		    "expected a two-letter language "
		    "code (en, bn, gu, ...)");
		bad = -1;
	}
	c.segment = import_fld_dup(f, CU_SEGMENT);
	bad |= import_fld_yesno(x, f, CU_CONSENT, &c.consent);
	if (bad == 0 && import_unique_in_file(x, f, CU_ID, c.code) == 0) {
		existed = import_customer_lookup(x, c.code, strlen(c.code),
		    &id);
		if (existed == 2) {
			/* erased: the person does not come back */
			x->rep->suppressed++;
			existed = -1;
		} else if (existed >= 0 &&
		    store_customer_put(x->s, &c, &id, &cause) != 0)
			existed = import_dbfail(x, cause);
		if (existed >= 0) {
			import_cache_put(&x->customers, c.code, strlen(c.code),
			    id);
			if (existed)
				x->rep->updated++;
			else
				x->rep->customers++;
		}
	}
	customer_clear(&c);
	return x->dberr ? -1 : 0;
}

/* ---- uplift: orders --------------------------------------------------- */

enum { OR_ORDER, OR_DATE, OR_CUSTOMER, OR_SKU, OR_QTY, OR_PRICE };

int
import_read_orders(struct ctx *x, struct file *f, struct ordstate *os)
{
	struct order o;
	int64_t qty, price, item, oid;
	size_t len;
	const char *s, *why;
	int bad = 0, line = 0, rc;

	memset(&o, 0, sizeof o);
	bad |= import_fld_required(x, f, OR_ORDER, &o.code);
	s = import_fld(f, OR_DATE, &len);
	if (civil_parse_time(s, len, &o.at, &why) != 0) {
		import_field_error(x, f, OR_DATE, why);
		bad = -1;
	}
	bad |= import_fld_int(x, f, OR_QTY, -1000000, 1000000, 0, &qty);
	if (bad == 0 && qty == 0) {
		import_field_error(x, f, OR_QTY, "a quantity cannot be 0");
		bad = -1;
	}
	bad |= import_fld_money(x, f, OR_PRICE, &price);
	if (bad == 0)
		bad = import_line_amount(x, f, OR_PRICE, qty, price);
	s = import_fld(f, OR_SKU, &len);
	while (len > 0 && (*s == ' ' || *s == '\t')) {      /* as items.csv */
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0) {
		import_field_error(x, f, OR_SKU, "must not be empty");
		bad = -1;
	} else if ((rc = import_item_lookup(x, s, len, &item)) == 0) {
		import_field_error(x, f, OR_SKU, "no such item");
		bad = -1;
	} else if (rc < 0)
		bad = -1;
	s = import_fld(f, OR_CUSTOMER, &len);
	if (len > 0) {
		if ((rc = import_customer_lookup(x, s, len,
		    &o.customer_id)) == 2)
			x->rep->suppressed++;     /* the sale, without them */
		else if (rc == 0) {
			import_field_error(x, f, OR_CUSTOMER,
			    "no such customer");
			bad = -1;
		} else if (rc < 0)
			bad = -1;
	}
	o.kind = qty < 0 ? ORDER_RETURN : ORDER_SALE;
	o.source = (char *)"uplift";
	if (bad == 0 && import_order_get(x, os, &o, &oid, &line) == 0) {
		if (oid == 0)
			x->rep->skipped++;
		else
			import_line_add(x, oid, line, item, qty, price, NULL);
	}
	o.source = NULL;
	order_clear(&o);
	return x->dberr ? -1 : 0;
}
