/*
 * import_shopify.c — the Shopify orders export: one record per order line,
 * the order's fields on its first line only; cancelled orders left out.
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

/* ---- Shopify orders export -------------------------------------------- */

enum { SH_NAME, SH_EMAIL, SH_CURRENCY, SH_CREATED, SH_QTY, SH_LNAME,
    SH_LPRICE, SH_LSKU, SH_BNAME, SH_BPHONE, SH_PHONE, SH_CANCELLED,
    SH_MARKETING, SH_BCOUNTRY, SH_FINANCIAL };

/*
 * The order's customer, from the first row of an order (email, the
 * billing name and phone, country, marketing consent): found by email or
 * made.  email is lower-cased in place.  0, or -1 when a field is bad.
 */
static int
sh_customer(struct ctx *x, struct file *f, struct shstate *st, char *email)
{
	struct customer c;
	char *cause = NULL;
	size_t i;
	int rc, bad = 0;

	for (i = 0; email[i]; i++)
		if (email[i] >= 'A' && email[i] <= 'Z')
			email[i] = (char)(email[i] + 32);
	memset(&c, 0, sizeof c);
	c.code = email;
	c.email = email;
	c.name = import_fld_name(x, f, SH_BNAME);
	c.phone = import_fld_dup(f, SH_BPHONE);
	if (c.phone == NULL)
		c.phone = import_fld_dup(f, SH_PHONE);
	c.country = import_fld_dup(f, SH_BCOUNTRY);
	if (import_fld_yesno(x, f, SH_MARKETING, &c.consent) != 0)
		bad = -1;
	rc = import_customer_lookup(x, email, strlen(email),
	    &st->last_customer);
	if (rc == 2)
		x->rep->suppressed++;
	else if (rc == 0 && bad == 0) {
		if (store_customer_put(x->s, &c, &st->last_customer,
		    &cause) != 0)
			import_dbfail(x, cause);
		else {
			import_cache_put(&x->customers, email, strlen(email),
			    st->last_customer);
			x->rep->customers++;
		}
	}
	c.code = c.email = NULL;
	customer_clear(&c);
	return bad;
}

/*
 * The first row of order name: its currency, cancellation, time and
 * customer (*cur and *email are the caller's to free).  0; 1 when the
 * order is cancelled; -1 when a field is bad.
 */
static int
sh_order_head(struct ctx *x, struct file *f, struct shstate *st,
    const char *name, char **cur, char **email)
{
	const char *s, *why;
	size_t len;
	int bad = 0;

	*cur = import_fld_dup(f, SH_CURRENCY);
	if (*cur != NULL && (!money_currency_valid(*cur) ||
	    import_currency(x, *cur, money_currency_digits(*cur)) != 0)) {
		if (!money_currency_valid(*cur))
			import_field_error(x, f, SH_CURRENCY,
			    "not a currency code");
		bad = -1;
	}
	if (import_fld(f, SH_CANCELLED, &len), len > 0) {
		strmap_put(st->cancelled, name, strlen(name), 1);
		x->rep->cancelled++;
		return 1;
	}
	s = import_fld(f, SH_CREATED, &len);
	if (len < 16 || civil_parse_time(s, len >= 19 ? 19 : 16,
	    &st->last_at, &why) != 0) {
		import_field_error(x, f, SH_CREATED, "not a date and time "
		    "(YYYY-MM-DD HH:MM:SS +ZZZZ)");
		bad = -1;
	}
	st->last_customer = 0;
	*email = import_fld_dup(f, SH_EMAIL);
	if (bad == 0 && *email != NULL)
		bad = sh_customer(x, f, st, *email);
	free(st->last);
	st->last = xstrdup(name);
	return bad;
}

/*
 * The line's item, by SKU (a custom line's name stands for one): made if
 * new, with its kind by the service rules; an item from before that the
 * rules make a service is marked once per import.  0 and *item, or -1.
 */
static int
sh_item(struct ctx *x, struct shstate *st, const char *sku, const char *lname,
    int64_t price, int kind, int64_t *item)
{
	struct item it, old;
	char *cause = NULL;
	int64_t known;
	int rc;

	rc = import_item_lookup(x, sku, strlen(sku), item);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		memset(&it, 0, sizeof it);
		it.sku = (char *)sku;
		it.name = (char *)lname;
		it.price = price;
		it.stock = ITEM_NO_STOCK;
		it.kind = kind;
		if (store_item_put(x->s, &it, item, &cause) != 0)
			return import_dbfail(x, cause);
		import_cache_put(&x->items, sku, strlen(sku), *item);
		strmap_put(st->kinds, sku, strlen(sku), kind);
		x->rep->items++;
		if (kind == ITEM_SERVICE)
			x->rep->services++;
		return 0;
	}
	if (kind != ITEM_SERVICE ||
	    strmap_get(st->kinds, sku, strlen(sku), &known))
		return 0;
	/* an item from before: once per import, see the rules */
	strmap_put(st->kinds, sku, strlen(sku), kind);
	rc = store_item_get(x->s, *item, &old, &cause);
	if (rc != 1)
		return import_dbfail(x, cause ? cause :
		    xstrdup("item vanished"));
	rc = old.kind == ITEM_PRODUCT ? import_service_mark(x, *item) : 0;
	item_clear(&old);
	return rc;
}

int
import_read_shopify(struct ctx *x, struct file *f, struct shstate *st)
{
	struct order o;
	char *name = NULL, *email = NULL, *sku = NULL, *lname = NULL;
	char *cur = NULL;
	int64_t qty, price, item, oid, dummy;
	int bad = 0, line = 0, kind;

	memset(&o, 0, sizeof o);
	bad |= import_fld_required(x, f, SH_NAME, &name);
	if (bad != 0)
		return 0;
	if (strmap_get(st->cancelled, name, strlen(name), &dummy)) {
		x->rep->cancelled++;
		goto out;
	}
	/* Order-level fields are on the first row of an order. */
	if (st->last == NULL || strcmp(st->last, name) != 0) {
		if ((bad = sh_order_head(x, f, st, name, &cur, &email)) == 1)
			goto out;
	}
	if (bad == 0 && x->cur[0] == '\0') {
		import_error(x, csv_error(f->csv, f->col[SH_CURRENCY],
		    "Currency: the first row of the first order names no "
		    "currency"));
		bad = -1;
	}
	bad |= import_fld_int(x, f, SH_QTY, -1000000, 1000000, 0, &qty);
	if (bad == 0 && qty == 0) {
		import_field_error(x, f, SH_QTY, "a quantity cannot be 0");
		bad = -1;
	}
	bad |= import_fld_name_required(x, f, SH_LNAME, &lname);
	if (bad == 0)
		bad |= import_fld_money(x, f, SH_LPRICE, &price);
	if (bad == 0)
		bad = import_line_amount(x, f, SH_LPRICE, qty, price);
	if (bad != 0 || x->dberr != NULL)
		goto out;
	/* A custom line item has no SKU: its name stands for one. */
	sku = import_fld_dup(f, SH_LSKU);
	kind = import_service_kind(IMPORT_SHOPIFY, sku, sku ? strlen(sku) : 0,
	    lname, strlen(lname));
	if (sku == NULL)
		sku = xstrdup(lname);
	if (sh_item(x, st, sku, lname, price, kind, &item) != 0)
		goto out;
	o.code = name;
	o.customer_id = st->last_customer;
	o.at = st->last_at;
	o.kind = ORDER_SALE;
	o.source = (char *)"shopify";
	if (import_order_get(x, &x->os, &o, &oid, &line) == 0) {
		if (oid == 0)
			x->rep->skipped++;
		else
			import_line_add(x, oid, line, item, qty, price, NULL);
	}
out:
	free(name);
	free(email);
	free(sku);
	free(lname);
	free(cur);
	return x->dberr ? -1 : 0;
}
