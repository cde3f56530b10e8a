/*
 * import_retail.c — the UCI Online Retail export, and the service rules
 * that mark the foreign formats' non-product lines (postage, fees, gift
 * wrap ...) as services.
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

/* ---- non-products: the service rules ------------------------------------ */

/*
 * Lines of the foreign formats that are no product: an item whose code or
 * name a rule of its format matches is made a service (types.h), so that
 * it is never suggested and never among a customer's most bought, though
 * its lines still count in the money.  A rule with a code and a name needs
 * both.  A pattern ending in '*' matches anything that starts with the
 * rest.  Codes are compared exactly (the Online Retail export has "M" and
 * "m"), names without regard to ASCII case, both without surrounding
 * blanks.  The name is the one the item is known by: the description of
 * its first sale line (a quantity and a price), not a stock entry's before
 * it ("mailout", 100 at 0.00) nor the notes of later lines ("check",
 * "damaged" ...); the first non-empty one when it was never sold.  Its
 * price is the latest a known customer paid, else the latest any sale
 * paid: one-off lines without a customer (the shop's own retail, at up to
 * five times the price) are not what the clerk should quote.
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
int
import_service_kind(int format, const char *code, size_t clen, const char *name,
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
int
import_service_mark(struct ctx *x, int64_t id)
{
	char *cause = NULL;

	if (store_item_set_kind(x->s, id, ITEM_SERVICE, &cause) != 0)
		return import_dbfail(x, cause);
	x->rep->services++;
	return 0;
}

/* ---- UCI Online Retail ------------------------------------------------ */

enum { OL_INVOICE, OL_STOCK, OL_DESCR, OL_QTY, OL_DATE, OL_PRICE, OL_CUST,
    OL_COUNTRY };

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

/* New item oi (sku[0..len)) is called descr[0..dlen) from now on; the
 * rules may see its name now. */
static void
ol_rename(struct ctx *x, struct olitem *oi, const char *sku, size_t len,
    const char *descr, size_t dlen)
{
	free(oi->name);
	oi->name = xstrndup(descr, dlen);
	oi->renamed = 1;
	if (oi->kind == ITEM_PRODUCT && import_service_kind(
	    IMPORT_ONLINE_RETAIL, sku, len, descr, dlen) == ITEM_SERVICE) {
		oi->kind = ITEM_SERVICE;
		x->rep->services++;
	}
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

	st->sku = sku;          /* the record's, for its line */
	st->skulen = len;
	if (strmap_get(st->slot, sku, len, &slot)) {
		*idx = (size_t)slot;
		oi = &st->items[slot];
		if (oi->name[0] == '\0' && dlen > 0 && !oi->existed)
			ol_rename(x, oi, sku, len, descr, dlen);
		return 0;
	}
	if (st->nitems == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 1024;
		st->items = xreallocarray(st->items, st->cap,
		    sizeof *st->items);
	}
	oi = &st->items[st->nitems];
	memset(oi, 0, sizeof *oi);
	oi->price_at = oi->cprice_at = -1;
	rc = import_item_lookup(x, sku, len, &id);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		struct item old;
		oi->existed = 1;
		if (store_item_get(x->s, id, &old, &cause) != 1)
			return import_dbfail(x, cause ? cause :
			    xstrdup("item vanished"));
		oi->kind = old.kind;
		if (old.kind == ITEM_PRODUCT && import_service_kind(
		    IMPORT_ONLINE_RETAIL, sku, len, old.name,
		    strlen(old.name)) == ITEM_SERVICE) {
			oi->kind = ITEM_SERVICE;
			if (import_service_mark(x, id) != 0) {
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
		it.kind = import_service_kind(IMPORT_ONLINE_RETAIL, sku, len,
		    descr,
		    dlen);
		oi->kind = it.kind;
		if (it.kind == ITEM_SERVICE)
			x->rep->services++;
		if (store_item_put(x->s, &it, &id, &cause) != 0) {
			item_clear(&it);
			return import_dbfail(x, cause);
		}
		oi->name = it.name;
		it.name = NULL;
		item_clear(&it);
		import_cache_put(&x->items, sku, len, id);
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
	int rc = import_customer_lookup(x, code, len, id);

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
		return import_dbfail(x, cause);
	import_cache_put(&x->customers, code, len, *id);
	x->rep->customers++;
	return 0;
}

/* A new item's first sale line names it (sku[0..len) for the rules), when
 * a stock entry or an empty description named it before. */
static void
ol_sale_name(struct ctx *x, struct olitem *oi, const char *sku, size_t len,
    const char *descr, size_t dlen)
{
	oi->sold = 1;
	if (!oi->existed && dlen > 0 && (strlen(oi->name) != dlen ||
	    memcmp(oi->name, descr, dlen) != 0))
		ol_rename(x, oi, sku, len, descr, dlen);
}

static void
ol_line(struct ctx *x, struct olstate *st, size_t idx, int64_t oid, int line,
    const char *descr, size_t dlen, int64_t qty, int64_t price, int64_t at,
    int is_return)
{
	struct olitem *oi = &st->items[idx];
	int sale = qty > 0 && price > 0 && !is_return;

	if (sale && !oi->sold)
		ol_sale_name(x, oi, st->sku, st->skulen, descr, dlen);
	/* The line keeps its own text unless it is the item's (non-empty)
	 * name for good (a sale's): an empty description stays empty. */
	if (dlen > 0 && (oi->sold || oi->existed) && strlen(oi->name) ==
	    dlen && memcmp(oi->name, descr, dlen) == 0)
		descr = NULL;
	import_line_add(x, oid, line, oi->id, qty, price, descr);
	if (sale && at >= oi->price_at) {
		oi->price_at = at;
		oi->price = price;
	}
	if (sale && st->last_cust && at >= oi->cprice_at) {
		oi->cprice_at = at;
		oi->cprice = price;
	}
}

/* Leaving the current invoice (a new one, or the end of a file): keep
 * its line count, so that lines of it further on go on numbering. */
void
import_ol_leave(struct ctx *x, struct olstate *st)
{
	if (st->last != NULL && st->last_oid != 0)
		import_cache_put(&x->os.lines, st->last, strlen(st->last),
		    st->last_line);
}

/* The customer number (digits; "17850.0" from spreadsheet round trips
 * is read as 17850) into *cust, *clen.  0, or -1 with an error kept. */
static int
ol_customer_field(struct ctx *x, struct file *f, const char **cust,
    size_t *clen)
{
	size_t len;

	*cust = import_fld(f, OL_CUST, clen);
	if (*clen > 2 && (*cust)[*clen - 2] == '.' && (*cust)[*clen - 1] == '0')
		*clen -= 2;
	for (len = 0; len < *clen; len++)
		if ((*cust)[len] < '0' || (*cust)[len] > '9') {
			import_field_error(x, f, OL_CUST,
			    "not a customer number");
			return -1;
		}
	return 0;
}

/* A record of f with its description descr[0..dlen) (trimmed). */
static int
ol_record(struct ctx *x, struct file *f, struct olstate *st,
    const char *descr, size_t dlen)
{
	struct order o;
	const char *inv, *sku, *s, *why, *cust;
	size_t ilen, slen, len, clen, idx = 0;
	int64_t qty, price, oid;
	int bad = 0, line = 0, rc;
	char *country = NULL;

	memset(&o, 0, sizeof o);
	inv = import_fld(f, OL_INVOICE, &ilen);
	sku = import_fld(f, OL_STOCK, &slen);
	if (ilen == 0) {
		import_field_error(x, f, OL_INVOICE, "must not be empty");
		bad = -1;
	}
	if (slen == 0) {
		import_field_error(x, f, OL_STOCK, "must not be empty");
		bad = -1;
	}
	bad |= import_fld_int(x, f, OL_QTY, -1000000000, 1000000000, 0, &qty);
	s = import_fld(f, OL_DATE, &len);
	if (civil_parse_time(s, len, &o.at, &why) != 0 &&
	    parse_us_time(s, len, &o.at) != 0) {
		import_field_error(x, f, OL_DATE, why);
		bad = -1;
	}
	bad |= import_fld_money(x, f, OL_PRICE, &price);
	if (bad == 0)
		bad = import_line_amount(x, f, OL_PRICE, qty, price);
	bad |= ol_customer_field(x, f, &cust, &clen);
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
			ol_line(x, st, idx, st->last_oid, ++st->last_line,
			    descr, dlen, qty, price, o.at, inv[0] == 'C');
		return x->dberr ? -1 : 0;
	}
	country = import_fld_dup(f, OL_COUNTRY);
	st->last_gone = st->last_cust = 0;
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
	import_ol_leave(x, st);
	if (import_order_get(x, &x->os, &o, &oid, &line) == 0) {
		free(st->last);
		st->last = xstrndup(inv, ilen);
		st->last_oid = oid;
		st->last_line = line;
		st->last_cust = o.customer_id != 0;
		if (oid == 0)
			x->rep->skipped++;
		else
			ol_line(x, st, idx, oid, line, descr, dlen, qty, price,
			    o.at, o.kind == ORDER_RETURN);
	}
	o.country = o.source = NULL;	/* not the order's to free */
	order_clear(&o);
out:
	free(country);
	return x->dberr ? -1 : 0;
}

int
import_read_online_retail(struct ctx *x, struct file *f, struct olstate *st)
{
	const char *descr;
	char *copy = NULL;
	size_t dlen, i;
	int rc;

	descr = import_fld(f, OL_DESCR, &dlen);
	/* "ROSES REGENCY TEACUP AND SAUCER ": the name without the blanks
	 * (copied only when there is something to take out) */
	for (i = 0; i < dlen; i++)
		if (descr[i] == '\t' || (descr[i] == ' ' && (i == 0 ||
		    i + 1 == dlen || descr[i + 1] == ' ')))
			break;
	if (i < dlen) {
		copy = xstrndup(descr, dlen);
		if (text_squeeze(copy, &dlen))
			x->rep->trimmed++;
		descr = copy;
	}
	rc = ol_record(x, f, st, descr, dlen);
	free(copy);
	return rc;
}

/* The price an item is quoted at: the latest a known customer paid, else
 * the latest of any sale. */
static int64_t
ol_price(const struct olitem *oi)
{
	return oi->cprice_at >= 0 ? oi->cprice : oi->price;
}

/* Apply what was learnt about items: the latest sale price, late names. */
int
import_ol_finish(struct ctx *x, struct olstate *st)
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
				import_dbfail(x, cause ? cause :
				    xstrdup("item vanished"));
				break;
			}
			free(it.name);
			it.name = xstrdup(oi->name);
			it.kind = oi->kind;
			if (oi->price_at >= 0)
				it.price = ol_price(oi);
			if (store_item_put(x->s, &it, &id, &cause) != 0)
				import_dbfail(x, cause);
			item_clear(&it);
		} else if (oi->price_at >= 0 &&
		    store_item_set_price(x->s, oi->id, ol_price(oi),
		    &cause) != 0)
			import_dbfail(x, cause);
	}
	return x->dberr ? -1 : 0;
}
