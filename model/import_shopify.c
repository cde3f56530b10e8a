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
#include "model/types.h"
#include "model/xalloc.h"
#include "model/import_int.h"

/* ---- Shopify orders export -------------------------------------------- */

enum { SH_NAME, SH_EMAIL, SH_CURRENCY, SH_CREATED, SH_QTY, SH_LNAME,
    SH_LPRICE, SH_LSKU, SH_BNAME, SH_BPHONE, SH_PHONE, SH_CANCELLED,
    SH_MARKETING, SH_BCOUNTRY, SH_FINANCIAL };

int
import_read_shopify(struct ctx *x, struct file *f, struct shstate *st)
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
	bad |= import_fld_required(x, f, SH_NAME, &name);
	if (bad != 0)
		return 0;
	first = st->last == NULL || strcmp(st->last, name) != 0;
	if (strmap_get(st->cancelled, name, strlen(name), &dummy)) {
		x->rep->cancelled++;
		goto out;
	}
	if (first) {
		/* Order-level fields are on the first row of an order. */
		cur = import_fld_dup(f, SH_CURRENCY);
		if (cur != NULL && (!money_currency_valid(cur) ||
		    import_currency(x, cur, money_currency_digits(cur)) != 0)) {
			if (!money_currency_valid(cur))
				import_field_error(x, f, SH_CURRENCY,
				    "not a currency code");
			bad = -1;
		}
		if (import_fld(f, SH_CANCELLED, &len), len > 0) {
			strmap_put(st->cancelled, name, strlen(name), 1);
			x->rep->cancelled++;
			goto out;
		}
		s = import_fld(f, SH_CREATED, &len);
		if (len >= 16 && civil_parse_time(s, len >= 19 ? 19 : 16,
		    &st->last_at, &why) == 0)
			;
		else {
			import_field_error(x, f, SH_CREATED,
			    "not a date and time "
			    "(YYYY-MM-DD HH:MM:SS +ZZZZ)");
			bad = -1;
		}
		st->last_customer = 0;
		email = import_fld_dup(f, SH_EMAIL);
		if (bad == 0 && email != NULL) {
			struct customer c;
			size_t i;
			for (i = 0; email[i]; i++)
				if (email[i] >= 'A' && email[i] <= 'Z')
					email[i] = (char)(email[i] + 32);
			memset(&c, 0, sizeof c);
			c.code = email;
			c.email = email;
			c.name = import_fld_dup(f, SH_BNAME);
			c.phone = import_fld_dup(f, SH_BPHONE);
			if (c.phone == NULL)
				c.phone = import_fld_dup(f, SH_PHONE);
			c.country = import_fld_dup(f, SH_BCOUNTRY);
			if (import_fld_yesno(x, f, SH_MARKETING,
			    &c.consent) != 0)
				bad = -1;
			rc = import_customer_lookup(x, email, strlen(email),
			    &st->last_customer);
			if (rc == 2)
				x->rep->suppressed++;
			else if (rc == 0 && bad == 0) {
				if (store_customer_put(x->s, &c,
				    &st->last_customer, &cause) != 0)
					import_dbfail(x, cause);
				else {
					import_cache_put(&x->customers, email,
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
	bad |= import_fld_required(x, f, SH_LNAME, &lname);
	if (bad == 0)
		bad |= import_fld_money(x, f, SH_LPRICE, &price);
	if (bad == 0)
		bad = import_line_amount(x, f, SH_LPRICE, qty, price);
	if (bad != 0 || x->dberr != NULL)
		goto out;
	/* A custom line item has no SKU: its name stands for one. */
	sku = import_fld_dup(f, SH_LSKU);
	kind = import_service_kind(IMPORT_SHOPIFY, sku, sku ? strlen(sku) : 0,
	    lname,
	    strlen(lname));
	if (sku == NULL)
		sku = xstrdup(lname);
	rc = import_item_lookup(x, sku, strlen(sku), &item);
	if (rc == 0) {
		memset(&it, 0, sizeof it);
		it.sku = sku;
		it.name = lname;
		it.price = price;
		it.stock = ITEM_NO_STOCK;
		it.kind = kind;
		if (store_item_put(x->s, &it, &item, &cause) != 0) {
			import_dbfail(x, cause);
			goto out;
		}
		import_cache_put(&x->items, sku, strlen(sku), item);
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
			import_dbfail(x,
			    cause ? cause : xstrdup("item vanished"));
			goto out;
		}
		if (old.kind == ITEM_PRODUCT && import_service_mark(x,
		    item) != 0) {
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
