/*
 * store_customers.c — the store's customers: saving and finding them,
 * their purchase history and profile, and their orders as the scorer
 * sees them.
 */
#include "model/store_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/store_impl.h"
#include "model/store_privacy.h"
#include "model/store_offers.h"
#include "model/xalloc.h"
#include "model/text.h"

/* The digits of a phone number, reversed, so that "ends with" is a prefix
 * search on an index.  NULL if it has no digit. */
char *
store_phone_reverse(const char *phone)
{
	size_t n = 0, len;
	char *r;

	if (phone == NULL)
		return NULL;
	len = strlen(phone);
	r = xmalloc(len + 1);
	while (len-- > 0)
		if (phone[len] >= '0' && phone[len] <= '9')
			r[n++] = phone[len];
	r[n] = '\0';
	if (n == 0)
		xfree(&r);
	return r;
}

int
store_customer_id(struct store *s, const char *code, int64_t *id,
    char **cause)
{
	char *cand[2];
	int rc = 0, i, n = store_code_candidates(s, code, cand);

	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = store_code_lookup(s, Q_CUST_ID, cand[i], id, cause);
		free(cand[i]);
	}
	return rc;
}

int
store_customer_put(struct store *s, const struct customer *c, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_CUST_PUT, cause);
	char *rev, *code;
	int rc;

	if (st == NULL)
		return -1;
	if (store_code_kept(s, c->code, &code, cause) != 0) {
		store_end(s, st);
		return -1;
	}
	rev = store_phone_reverse(c->phone);
	bind_text(st, 1, code);
	bind_text(st, 2, c->name ? c->name : "");
	bind_text(st, 3, c->phone);
	bind_text(st, 4, rev);
	bind_text(st, 5, c->email);
	bind_text(st, 6, c->loyalty);
	bind_text(st, 7, c->lang);
	bind_text(st, 8, c->segment);
	bind_text(st, 9, c->country);
	sqlite3_bind_int(st, 10, c->consent);
	rc = store_put_result(s, st, id, cause, "cannot save a customer");
	free(rev);
	free(code);
	return rc;
}

/* The columns of Q_CUST_GET and Q_CUST_FIND, in order. */
static const struct field customer_columns[] = {
	F_I64(customer, id), F_TEXT(customer, code), F_TEXT(customer, name),
	F_TEXT(customer, phone), F_TEXT(customer, email),
	F_TEXT(customer, loyalty), F_TEXT(customer, lang),
	F_TEXT(customer, segment), F_TEXT(customer, country),
	F_INT(customer, consent),
};

static void
customer_from_row(sqlite3_stmt *st, struct customer *c)
{
	memset(c, 0, sizeof *c);
	store_read_fields(st, c, customer_columns, NARGS(customer_columns));
}

static void
customer_row(sqlite3_stmt *st, void *p)
{
	customer_from_row(st, p);
}

static void
customer_clear_v(void *p)
{
	customer_clear(p);
}

int
store_customer_get(struct store *s, int64_t id, struct customer *c,
    char **cause)
{
	return store_get_row(s, Q_CUST_GET, id, customer_row, c, cause,
	    "cannot read a customer");
}

/* Escape LIKE wildcards in text with '\'. */
char *
store_like_escape(const char *text)
{
	size_t n = strlen(text), i, j = 0;
	char *r = xmalloc(2 * n + 1);

	for (i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			r[j++] = '\\';
		r[j++] = text[i];
	}
	r[j] = '\0';
	return r;
}

static void
fn_match(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *q = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	sqlite3_result_int(cx, text_fold_match(name, q));
}

static void
fn_digits(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	char buf[64];
	size_t n = 0;

	(void)argc;
	for (; t != NULL && *t != '\0' && n + 1 < sizeof buf; t++)
		if (*t >= '0' && *t <= '9')
			buf[n++] = *t;
	sqlite3_result_text(cx, buf, (int)n, SQLITE_TRANSIENT);
}

int
store_search_functions(struct store *s)
{
	int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function_v2(s->db, "uplift_match", 2, f, NULL,
	    fn_match, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(s->db, "uplift_digits", 1, f, NULL,
	    fn_digits, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

/* The digits of text when it is a loyalty number or a run of one: 4 or
 * more digits and at most 3 other characters ("L-1825", "182587");
 * malloc'd, else NULL. */
static char *
loyalty_digits(const char *text)
{
	size_t nd = 0, no = 0, i;
	char *d = xmalloc(strlen(text) + 1);

	for (i = 0; text[i] != '\0'; i++)
		if (text[i] >= '0' && text[i] <= '9')
			d[nd++] = text[i];
		else
			no++;
	d[nd] = '\0';
	if (nd < 4 || no > 3)
		xfree(&d);
	return d;
}

int
store_customers_find(struct store *s, const char *text, size_t limit,
    struct customer **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	char *rev, *pat, *cand[2], *fold, *run;
	int rc, k;

	*out = NULL;
	*n = 0;
	if (text == NULL || *text == '\0' || limit == 0)
		return 0;
	if ((st = store_stmt_get(s, Q_CUST_FIND)) == NULL)
		return store_fail(s, cause, "cannot search customers");
	/* a phone by its last 4 digits exactly (what the mask shows), or
	 * by the whole number: never by 5 or more trailing digits, which
	 * would give the number away a digit at a time */
	rev = store_phone_reverse(text);
	pat = store_like_escape(text);
	bind_text(st, 1, text);
	bind_text(st, 2, rev != NULL && strlen(rev) == 4 ? rev : NULL);
	bind_text(st, 3, pat);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	bind_text(st, 5, rev != NULL && strlen(rev) > 4 ? rev : NULL);
	/* an email address or a whole phone number: the code it became
	 * (in a shop of a chain, the chain's code or this file's own) */
	k = store_code_candidates(s, text, cand);
	bind_text(st, 6, k > 0 ? cand[0] : NULL);
	bind_text(st, 7, k > 1 ? cand[1] : NULL);
	/* a loyalty number by any run of 4 or more of its digits; a name
	 * by its words in any order, without regard to case or accents */
	run = loyalty_digits(text);
	fold = text_fold(text);
	bind_text(st, 8, run);
	bind_text(st, 9, *fold != '\0' ? fold : NULL);
	rc = store_collect(s, st, sizeof **out, customer_row, customer_clear_v,
	    (void **)out, n, cause, "cannot search customers");
	free(run);
	free(fold);
	free(rev);
	free(pat);
	while (k > 0)
		free(cand[--k]);
	return rc;
}

void
store_customers_free(struct customer **list, size_t n)
{
	store_rows_free(list, n, sizeof **list, customer_clear_v);
}

int
store_history(struct store *s, int64_t customer_id, size_t limit,
    struct history *h, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	memset(h, 0, sizeof *h);
	if ((st = store_stmt_get(s, Q_HISTORY_TOTALS)) == NULL)
		return store_fail(s, cause, "cannot read history");
	sqlite3_bind_int64(st, 1, customer_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_end(s, st);
		return store_fail(s, cause, "cannot read history");
	}
	h->total_lines = (size_t)sqlite3_column_int64(st, 0);
	h->lifetime = sqlite3_column_int64(st, 1);
	h->visits = sqlite3_column_int64(st, 2);
	h->returns = sqlite3_column_int64(st, 3);
	h->first_at = sqlite3_column_int64(st, 4);
	h->last_at = sqlite3_column_int64(st, 5);
	store_end(s, st);

	if ((st = store_stmt_get(s, Q_HISTORY_LINES)) == NULL)
		return store_fail(s, cause, "cannot read history");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX :
	    (sqlite3_int64)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_line *l;

		if (h->n == cap) {
			cap = cap ? 2 * cap : 32;
			h->lines = xreallocarray(h->lines, cap, sizeof *h->lines);
		}
		l = &h->lines[h->n++];
		l->order_code = col_text(st, 0);
		l->at = sqlite3_column_int64(st, 1);
		l->kind = sqlite3_column_int(st, 2);
		l->sku = col_text(st, 3);
		l->name = col_text(st, 4);
		l->qty = sqlite3_column_int64(st, 5);
		l->unit_price = sqlite3_column_int64(st, 6);
		if (money_mul(l->qty, l->unit_price, &l->amount) != 0) {
			/* not what uplift imports: changed outside it */
			rc = SQLITE_RANGE;
			break;
		}
	}
	store_end(s, st);
	if (rc == SQLITE_RANGE) {
		store_history_free(h);
		*cause = xstrdup("an order line's amount is beyond the largest "
		    "amount uplift keeps (the database was changed outside "
		    "uplift; uplift check tells more)");
		return -1;
	}
	if (rc != SQLITE_DONE) {
		store_history_free(h);
		return store_fail(s, cause, "cannot read history");
	}
	return 0;
}

/* Row clearer for store_rows_free(). */
static void
history_line_clear(void *p)
{
	struct history_line *l = p;

	free(l->order_code);
	free(l->sku);
	free(l->name);
}

void
store_history_free(struct history *h)
{
	store_rows_free(&h->lines, h->n, sizeof *h->lines, history_line_clear);
	memset(h, 0, sizeof *h);
}

int
store_profile(struct store *s, int64_t customer_id, int64_t now,
    struct profile *p, char **cause)
{
	sqlite3_stmt *st;
	int y, m, d, rc, k;
	int64_t from, to, at;

	memset(p, 0, sizeof *p);
	if ((st = store_stmt_get(s, Q_PROFILE_TOP)) == NULL)
		return store_fail(s, cause, "cannot read the profile");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int(st, 2, PROFILE_TOP);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct profile_item *it = &p->top[p->ntop++];
		it->sku = col_text(st, 0);
		it->name = col_text(st, 1);
		it->qty = sqlite3_column_int64(st, 2);
		it->orders = sqlite3_column_int64(st, 3);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		store_profile_free(p);
		return store_fail(s, cause, "cannot read the profile");
	}

	/* Month boundaries: from the first day of the month 11 months
	 * before now's, to the first day of the month after now's. */
	p->chart_at = now;
	civil_from_days(civil_day_of(now), &y, &m, &d);
	to = civil_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) *
	    CIVIL_DAY;
	m -= PROFILE_MONTHS - 1;
	while (m < 1) {
		m += 12;
		y--;
	}
	from = civil_days(y, m, 1) * CIVIL_DAY;
	if ((st = store_stmt_get(s, Q_PROFILE_MONTHS)) == NULL)
		return store_fail(s, cause, "cannot read the profile");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int oy, om, od;
		at = sqlite3_column_int64(st, 0);
		civil_from_days(civil_day_of(at), &oy, &om, &od);
		k = (oy - y) * 12 + (om - m);
		if (k >= 0 && k < PROFILE_MONTHS)
			p->month_spend[k] += sqlite3_column_int64(st, 1);
	}
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		store_profile_free(p);
		return store_fail(s, cause, "cannot read the profile");
	}
	return 0;
}

void
store_profile_free(struct profile *p)
{
	size_t i;

	for (i = 0; i < p->ntop; i++) {
		free(p->top[i].sku);
		free(p->top[i].name);
	}
	memset(p, 0, sizeof *p);
}

/*
 * Take out of out's orders (lines qty[], in the same places) what the
 * customer returned before `before`: each return's units come off the
 * latest sale lines of its item at or before it (the last line of an
 * order first, then earlier orders), and a line left with none is no
 * purchase (an order cancelled the day it was made is not a step of a
 * rhythm).  A partial return leaves the sale; two partial returns that
 * take it all back do not.  An order left with no line stays, empty
 * (buyer_hist_build counts no visit for it).
 */
static int
drop_returned(struct store *s, int64_t customer_id, int64_t before,
    struct store_orders *out, int64_t *qty, char **cause)
{
	sqlite3_stmt *st;
	size_t k, j, base, w;
	int rc;

	if ((st = store_stmt_get(s, Q_CUST_RETURNS)) == NULL)
		return store_fail(s, cause, "cannot read returns");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(st, 0);
		int64_t item = sqlite3_column_int64(st, 1);
		int64_t back = sqlite3_column_int64(st, 2), take;

		for (k = out->n; k-- > 0 && back > 0;) {
			if (out->v[k].at > at)
				continue;
			base = (size_t)(out->v[k].items - out->items);
			for (j = out->v[k].n; j-- > 0 && back > 0;)
				if (out->items[base + j] == item &&
				    qty[base + j] > 0) {
					take = qty[base + j] < back ?
					    qty[base + j] : back;
					qty[base + j] -= take;
					back -= take;
				}
		}
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read returns");
	/* close the gaps: each order's kept lines, in their order */
	for (k = 0; k < out->n; k++) {
		base = (size_t)(out->v[k].items - out->items);
		for (j = w = 0; j < out->v[k].n; j++)
			if (qty[base + j] > 0)
				out->items[base + w++] = out->items[base + j];
		out->v[k].n = w;
	}
	return 0;
}

int
store_customer_orders(struct store *s, int64_t customer_id, int64_t before,
    struct store_orders *out, char **cause)
{
	sqlite3_stmt *st;
	int64_t cur = -1, order, *qty = NULL;
	size_t *first = NULL, cap = 0, capv = 0, nitems = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	if ((st = store_stmt_get(s, Q_CUST_ORDERS)) == NULL)
		return store_fail(s, cause, "cannot read purchases");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, before);
	sqlite3_bind_int(st, 3, BUYER_HISTORY_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		order = sqlite3_column_int64(st, 0);
		if (order != cur) {
			if (out->n == capv) {
				capv = capv ? 2 * capv : 16;
				out->v = xreallocarray(out->v, capv,
				    sizeof *out->v);
				first = xreallocarray(first, capv,
				    sizeof *first);
			}
			out->v[out->n].at = sqlite3_column_int64(st, 1);
			out->v[out->n].n = 0;
			first[out->n++] = nitems;
			cur = order;
		}
		if (nitems == cap) {
			cap = cap ? 2 * cap : 256;
			out->items = xreallocarray(out->items, cap,
			    sizeof *out->items);
			qty = xreallocarray(qty, cap, sizeof *qty);
		}
		qty[nitems] = sqlite3_column_int64(st, 3);
		out->items[nitems++] = sqlite3_column_int64(st, 2);
		out->v[out->n - 1].n++;
	}
	store_end(s, st);
	/* the pool has stopped moving: point into it */
	for (i = 0; i < out->n; i++)
		out->v[i].items = out->items + first[i];
	free(first);
	if (rc != SQLITE_DONE) {
		free(qty);
		store_orders_free(out);
		return store_fail(s, cause, "cannot read purchases");
	}
	if (nitems > 0 &&
	    drop_returned(s, customer_id, before, out, qty, cause) != 0) {
		free(qty);
		store_orders_free(out);
		return -1;
	}
	free(qty);
	return 0;
}

void
store_orders_free(struct store_orders *o)
{
	free(o->v);
	free(o->items);
	memset(o, 0, sizeof *o);
}

int
store_buyer(struct store *s, int64_t customer_id, int64_t now,
    int64_t offers_since, struct store_buyer *out, char **cause)
{
	struct store_orders o;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if (customer_id == 0)
		return 0;
	if (store_customer_orders(s, customer_id, now, &o, cause) != 0)
		return -1;
	buyer_hist_build(&out->hist, o.v, o.n);
	store_orders_free(&o);
	if (store_past_offers(s, customer_id, offers_since, &out->offers, &n,
	    cause) != 0) {
		store_buyer_free(out);
		return -1;
	}
	out->b = buyer_of(&out->hist, customer_id);
	out->b.offers = out->offers;
	out->b.noffers = n;
	return 0;
}

void
store_buyer_free(struct store_buyer *sb)
{
	buyer_hist_free(&sb->hist);
	free(sb->offers);
	memset(sb, 0, sizeof *sb);
}
