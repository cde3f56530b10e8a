/*
 * import_fields.c — reading the fields of a record for the importers:
 * required text, money, whole numbers, dates, yes/no, codes unique in a
 * file; the cached lookups of items, customers and hotels by code; and the
 * order lines every order format writes, buffered and written in batches.
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
#include "model/store_hotel.h"
#include "model/store_orders.h"
#include "model/store_privacy.h"

/* ---- fields ------------------------------------------------------------ */

const char *
import_fld(struct file *f, int sc, size_t *len)
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
char *
import_fld_dup(struct file *f, int sc)
{
	size_t len;
	const char *v = import_fld(f, sc, &len);

	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	return len == 0 ? NULL : xstrndup(v, len);
}

char *
import_fld_name(struct ctx *x, struct file *f, int sc)
{
	size_t len;
	const char *v = import_fld(f, sc, &len);
	char *s = xstrndup(v, len);

	if (text_squeeze(s, &len))
		x->rep->trimmed++;
	s[len] = '\0';
	if (len == 0)
		xfree(&s);
	return s;
}

int
import_fld_name_required(struct ctx *x, struct file *f, int sc, char **out)
{
	*out = import_fld_name(x, f, sc);
	if (*out == NULL) {
		import_field_error(x, f, sc, "must not be empty");
		return -1;
	}
	return 0;
}

int
import_fld_required(struct ctx *x, struct file *f, int sc, char **out)
{
	*out = import_fld_dup(f, sc);
	if (*out == NULL) {
		import_field_error(x, f, sc, "must not be empty");
		return -1;
	}
	return 0;
}

int
import_fld_money(struct ctx *x, struct file *f, int sc, int64_t *v)
{
	size_t len;
	const char *s = import_fld(f, sc, &len);
	const char *why;

	if (money_parse(s, len, x->scale, v, &why) != 0) {
		import_field_error(x, f, sc, why);
		return -1;
	}
	return 0;
}

/* A line's quantity × unit price must be an amount uplift keeps; else
 * an error on the price field sc.  0 or -1. */
int
import_line_amount(struct ctx *x, struct file *f, int sc, int64_t qty,
    int64_t price)
{
	int64_t amount;

	if (money_mul(qty, price, &amount) != 0) {
		import_field_error(x, f, sc,
		    "quantity × unit price is beyond the "
		    "largest amount uplift keeps (9999999999999 minor units)");
		return -1;
	}
	return 0;
}

/* A whole number in [min, max]; an empty optional field gives def. */
int
import_fld_int(struct ctx *x, struct file *f, int sc, int64_t min, int64_t max,
    int64_t def, int64_t *v)
{
	size_t len;
	const char *s = import_fld(f, sc, &len);
	const char *why;

	if (len == 0 && !import_kinds[f->kind].cols[sc].required) {
		*v = def;
		return 0;
	}
	if (money_parse_int(s, len, min, max, v, &why) != 0) {
		import_field_error(x, f, sc, why);
		return -1;
	}
	return 0;
}

int
import_fld_date(struct ctx *x, struct file *f, int sc, int64_t *day)
{
	size_t len;
	const char *s = import_fld(f, sc, &len);
	const char *why;

	if (civil_parse_date(s, len, day, &why) != 0) {
		import_field_error(x, f, sc, why);
		return -1;
	}
	return 0;
}

/* "MM-DD" into MMDD, or 0 for an empty field. */
int
import_fld_monthday(struct ctx *x, struct file *f, int sc, int *out)
{
	size_t len;
	const char *s = import_fld(f, sc, &len);
	int m, d;

	*out = ITEM_NO_SEASON;
	if (len == 0)
		return 0;
	if (len != 5 || s[2] != '-' || s[0] < '0' || s[0] > '9' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '9' ||
	    s[4] < '0' || s[4] > '9') {
		import_field_error(x, f, sc, "not a month and day (MM-DD)");
		return -1;
	}
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (!civil_valid(2024, m, d)) {
		import_field_error(x, f, sc, "no such day of the year");
		return -1;
	}
	*out = m * 100 + d;
	return 0;
}

int
import_fld_yesno(struct ctx *x, struct file *f, int sc, int *out)
{
	char *v = import_fld_dup(f, sc);
	int rc = 0;

	*out = 0;
	if (v == NULL)
		return 0;
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0)
		*out = 1;
	else if (!(strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0)) {
		import_field_error(x, f, sc, "expected yes or no");
		rc = -1;
	}
	free(v);
	return rc;
}

/* Check that a code is not repeated within one file.  The keys seen are
 * kept by the store, on disk (store_seen), so that a file of any length
 * is checked in bounded memory. */
int
import_unique_in_file(struct ctx *x, struct file *f, int sc, const char *key)
{
	int64_t first;
	char *why, *cause = NULL;
	int rc;

	rc = store_seen(x->s, f->ns, key, csv_line(f->csv), &first, &cause);
	if (rc < 0)
		return import_dbfail(x, cause);
	if (rc == 1) {
		why = xasprintf("duplicate key (first at line %lld)",
		    (long long)first);
		import_field_error(x, f, sc, why);
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

void
import_cache_put(struct strmap **m, const char *key, size_t len, int64_t val)
{
	if (strmap_count(*m) >= IMPORT_CACHE_MAX) {
		strmap_free(m);
		*m = strmap_new();
	}
	strmap_put(*m, key, len, val);
}

/* ---- cached lookups ---------------------------------------------------- */

/* Item id of sku from this import or the database: 1, 0, -1 (db error). */
int
import_item_lookup(struct ctx *x, const char *sku, size_t len, int64_t *id)
{
	char *cause = NULL, *key;
	int rc;

	if (strmap_get(x->items, sku, len, id))
		return 1;
	key = xstrndup(sku, len);
	rc = store_item_id(x->s, key, id, &cause);
	free(key);
	if (rc < 0)
		return import_dbfail(x, cause);
	if (rc == 1)
		import_cache_put(&x->items, sku, len, *id);
	return rc;
}

/*
 * The customer with code (as the file has it): 1 and *id when known, 0
 * when not, 2 (and *id 0) when the code is on the suppression list of
 * erased customers — then nothing of that person may be imported — and
 * -1 on a database error.
 */
int
import_customer_lookup(struct ctx *x, const char *code, size_t len, int64_t *id)
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
			return import_dbfail(x, cause);
		}
		gone = rc;
		import_cache_put(&x->suppressed, code, len, gone);
	}
	if (gone) {
		free(key);
		import_cache_put(&x->customers, code, len, -1);
		*id = 0;
		return 2;
	}
	rc = store_customer_id(x->s, key, id, &cause);
	free(key);
	if (rc < 0)
		return import_dbfail(x, cause);
	if (rc == 1)
		import_cache_put(&x->customers, code, len, *id);
	return rc;
}

int
import_hotel_id(struct ctx *x, const char *name, int64_t *id)
{
	char *cause = NULL;

	if (strmap_get(x->hotels, name, strlen(name), id))
		return 0;
	switch (store_hotel_put(x->s, name, id, &cause)) {
	case -1:
		return import_dbfail(x, cause);
	case 1:
		x->rep->hotels++;
		break;
	}
	import_cache_put(&x->hotels, name, strlen(name), *id);
	return 0;
}

int
import_currency(struct ctx *x, const char *cur, int scale)
{
	char *cause = NULL;

	if (store_set_currency(x->s, cur, scale, &cause) != 0) {
		import_error(x, cause);
		return -1;
	}
	store_currency(x->s, x->cur, &x->scale);
	return 0;
}

/*
 * Find or create the order; *oid = 0 means "already imported, skip".
 * x->orders caches code -> id (this import's) or -1 (there before); a
 * code it no longer holds is asked of the database, where an id above
 * os->floor is one this import made, its lines counted there.
 */
int
import_order_get(struct ctx *x, struct ordstate *os, const struct order *o,
    int64_t *oid, int *line)
{
	size_t len = strlen(o->code);
	int64_t id, n;
	char *cause = NULL;
	int rc;

	if (!strmap_get(x->orders, o->code, len, &id)) {
		rc = store_order_id(x->s, o->code, &id, &cause);
		if (rc < 0)
			return import_dbfail(x, cause);
		if (rc == 1 && id <= os->floor)
			id = -1;                /* there before: skipped */
		import_cache_put(&x->orders, o->code, len, rc == 1 ? id : 0);
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
			if (import_lines_flush(x) != 0 ||
			    store_order_lines(x->s, id, &n, &cause) != 0)
				return cause != NULL ? import_dbfail(x,
				    cause) : -1;
		}
		import_cache_put(&os->lines, o->code, len, n + 1);
		*line = (int)n + 1;
	}
	return 0;
create:
	if (store_order_add(x->s, o, &id, &cause) != 0)
		return import_dbfail(x, cause);
	import_cache_put(&x->orders, o->code, len, id);
	import_cache_put(&os->lines, o->code, len, 1);
	x->rep->orders++;
	*oid = id;
	*line = 1;
	return 0;
}

/* Write the buffered order lines. */
int
import_lines_flush(struct ctx *x)
{
	char *cause = NULL;
	size_t i;
	int rc = 0;

	if (x->nl > 0 && x->dberr == NULL &&
	    store_lines_add(x->s, x->lbuf, x->nl, &cause) != 0)
		rc = import_dbfail(x, cause);
	for (i = 0; i < x->nl; i++)
		xfree(&x->ldescr[i]);
	x->nl = 0;
	return rc;
}

/* Queue an order line; lines are written in batches. */
int
import_line_add(struct ctx *x, int64_t oid, int line, int64_t item, int64_t qty,
    int64_t price, const char *descr)
{
	struct order_line_rec *l;

	if (x->nl == sizeof x->lbuf / sizeof x->lbuf[0]
	    && import_lines_flush(x) != 0)
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
