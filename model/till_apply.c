/*
 * till_apply.c — the till's events applied to the counter's session
 * (model/till.h): who is at the counter, the basket, the sale recorded
 * with the till's order number.  An accepted suggestion the till rings up
 * comes back as an add (and, for an upgrade, a remove of what it
 * replaces): those echoes are absorbed, not counted twice.
 */
#include "model/till.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/money.h"
#include "model/scorer.h"
#include "model/session.h"
#include "model/store_customers.h"
#include "model/xalloc.h"

/* Drop echo k once both its add and its remove have come back. */
static void
echo_done(struct till *t, size_t k)
{
	if (t->echo[k].sku[0] != '\0' || t->echo[k].replaces[0] != '\0')
		return;
	memmove(&t->echo[k], &t->echo[k + 1],
	    (t->necho - k - 1) * sizeof t->echo[0]);
	t->necho--;
}

/* 1 when the event is the till's echo of an accepted item (consumed). */
static int
echo_take(struct till *t, const struct till_event *ev, const char *sku)
{
	size_t k;

	if (ev->qty > 1)
		return 0;
	for (k = 0; k < t->necho; k++) {
		char *f = ev->kind == TILL_ADD ? t->echo[k].sku :
		    t->echo[k].replaces;
		if (f[0] != '\0' && strcmp(f, sku) == 0) {
			f[0] = '\0';
			echo_done(t, k);
			return 1;
		}
	}
	return 0;
}

static int
apply_customer(struct session *s, const struct till_event *ev, char *msg,
    size_t msize)
{
	char *cause = NULL;
	int64_t id;
	int rc;

	if (ev->key[0] == '\0') {
		session_walk_in(s);
		snprintf(msg, msize, "Till: a walk-in sale.");
		return 0;
	}
	rc = store_customer_id(s->store, ev->key, &id, &cause);
	if (rc == 0) {
		snprintf(msg, msize, "unknown customer \"%s\"", ev->key);
		return -1;
	}
	/* the same customer again: nothing to read again */
	if (rc < 0 || ((s->who != WHO_CUSTOMER || s->customer.id != id) &&
	    session_pick_id(s, id, &cause) != 0)) {
		snprintf(msg, msize, "customer \"%s\": %s", ev->key, cause);
		free(cause);
		return -1;
	}
	snprintf(msg, msize, "Till: %s is at the counter.", s->customer.name);
	return 0;
}

static int
apply_add(struct till *t, struct session *s, const struct till_event *ev,
    char *msg, size_t msize)
{
	const struct item *it = till_find_item(&s->cat, ev->key);
	int64_t qty = ev->qty > 0 ? ev->qty : 1;

	if (it == NULL) {
		snprintf(msg, msize, "unknown SKU \"%s\"", ev->key);
		return -1;
	}
	if (echo_take(t, ev, it->sku)) {
		t->echoed++;
		snprintf(msg, msize, "Till: rang up the accepted %s.", it->name);
		return 0;
	}
	if (s->who == WHO_NOBODY)
		session_walk_in(s);
	if (session_add_item(s, it->id, qty) < 0) {
		snprintf(msg, msize, "%s not added: the basket would be beyond "
		    "the largest amount uplift keeps", it->sku);
		return -1;
	}
	snprintf(msg, msize, "Till: added %lld x %s.", (long long)qty,
	    it->name);
	return 0;
}

static int
apply_remove(struct till *t, struct session *s, const struct till_event *ev,
    char *msg, size_t msize)
{
	const struct item *it = till_find_item(&s->cat, ev->key);
	struct basket_line *l;
	size_t i;

	if (it == NULL) {
		snprintf(msg, msize, "unknown SKU \"%s\"", ev->key);
		return -1;
	}
	if (echo_take(t, ev, it->sku)) {
		t->echoed++;
		snprintf(msg, msize, "Till: took off %s, replaced by the "
		    "accepted item.", it->name);
		return 0;
	}
	for (i = 0; i < s->nbasket && s->basket[i].item_id != it->id; i++)
		;
	if (i == s->nbasket) {
		snprintf(msg, msize, "%s is not in the basket", it->sku);
		return -1;
	}
	l = &s->basket[i];
	if (ev->qty == 0 || ev->qty >= l->qty) {
		session_remove_line(s, i);
		snprintf(msg, msize, "Till: removed %s.", it->name);
		return 0;
	}
	/* Fewer of it: the line keeps its place, its price and whether it
	 * came from an offer.  One unit is added back through
	 * session_add_item(), which totals and re-ranks. */
	l->qty -= ev->qty + 1;
	session_add_item(s, it->id, 1);
	snprintf(msg, msize, "Till: %lld x %s taken off.", (long long)ev->qty,
	    it->name);
	return 0;
}

/* The till's order numbers must not look like the counter's own. */
static int
code_is_counters(const char *code)
{
	return strncmp(code, "POS", 3) == 0 && code[3] != '\0' &&
	    strspn(code + 3, "0123456789") == strlen(code + 3);
}

static int
apply_finish(struct till *t, struct session *s, const struct till_event *ev,
    int64_t *order, char *msg, size_t msize)
{
	char *cause = NULL, total[48];

	t->necho = 0;
	if (!session_sale_open(s)) {
		snprintf(msg, msize, "order %s: the basket is empty, nothing "
		    "recorded", ev->key);
		return -1;
	}
	if (code_is_counters(ev->key)) {
		snprintf(msg, msize, "order %s: POS and a number is the "
		    "counter's own numbering; not recorded", ev->key);
		session_void(s);
		return -1;
	}
	money_format(s->total, s->scale, 1, total, sizeof total);
	if (session_finish_as(s, ev->key, order, &cause) != 0) {
		snprintf(msg, msize, "sale %s NOT recorded: %s", ev->key, cause);
		free(cause);
		session_void(s);        /* the till has moved on */
		return -1;
	}
	snprintf(msg, msize, s->replay ? "Till: REPLAY, sale %s of %s %s NOT "
	    "saved." : "Till: sale recorded as order %s, %s %s.", ev->key,
	    total, s->currency);
	return 0;
}

int
till_apply(struct till *t, struct session *s, const struct till_event *ev,
    int64_t *order, char *msg, size_t msize)
{
	int rc = -1;

	*order = 0;
	switch (ev->kind) {
	case TILL_CUSTOMER:
		rc = apply_customer(s, ev, msg, msize);
		break;
	case TILL_ADD:
		rc = apply_add(t, s, ev, msg, msize);
		break;
	case TILL_REMOVE:
		rc = apply_remove(t, s, ev, msg, msize);
		break;
	case TILL_CLEAR:
		t->necho = 0;
		session_void(s);
		snprintf(msg, msize, "Till: the sale was voided.");
		rc = 0;
		break;
	case TILL_FINISH:
		rc = apply_finish(t, s, ev, order, msg, msize);
		break;
	default:
		snprintf(msg, msize, "no such event");
	}
	if (rc == 0)
		t->applied++;
	else
		t->refused++;
	return rc;
}

/* ---- items and the accepted line ------------------------------------------ */

const struct item *
till_find_item(const struct catalog *c, const char *code)
{
	const struct item *it;
	size_t i;

	if (code[0] == '\0')
		return NULL;
	if ((it = catalog_find_sku(c, code)) != NULL)
		return it;
	for (i = 0; i < c->n; i++)
		if (c->items[i].barcode != NULL &&
		    strcmp(c->items[i].barcode, code) == 0)
			return &c->items[i];
	for (i = 0; i < c->n; i++)
		if (strcasecmp(c->items[i].sku, code) == 0)
			return &c->items[i];
	return NULL;
}

char *
till_accepted_json(struct till *t, const struct session *s, size_t i)
{
	const struct suggestion *sug;
	const struct item *it, *base = NULL;
	char price[48], *text, *line;
	json_t *o;

	if (i >= s->nshown)
		return NULL;
	sug = &s->shown[i].sug;
	if ((it = catalog_item(&s->cat, sug->item_id)) == NULL)
		return NULL;
	/* as session_accept() does: an upgrade or a bigger size takes the
	 * place of its item; a bundle's item costs what completes the set */
	if (scorer_replaces(sug))
		base = catalog_item(&s->cat, sug->base_id);
	money_format(base == NULL && sug->bundle_id != 0 ? sug->diff :
	    sug->price, s->scale, 0, price, sizeof price);
	o = json_pack("{s:s, s:s, s:o, s:s, s:s}", "event", "accepted",
	    "sku", it->sku, "replaces", base != NULL ?
	    json_string(base->sku) : json_null(), "price", price,
	    "currency", s->currency);
	/* NULL: a SKU that is not UTF-8 (or no memory) */
	text = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) :
	    NULL;
	json_decref(o);
	if (text == NULL)
		return NULL;
	line = xasprintf("%s\n", text);
	free(text);
	if (t->necho == TILL_ECHO_MAX) {        /* the oldest is forgotten */
		memmove(&t->echo[0], &t->echo[1],
		    (TILL_ECHO_MAX - 1) * sizeof t->echo[0]);
		t->necho--;
	}
	snprintf(t->echo[t->necho].sku, sizeof t->echo[0].sku, "%s", it->sku);
	snprintf(t->echo[t->necho].replaces, sizeof t->echo[0].replaces, "%s",
	    base != NULL ? base->sku : "");
	t->necho++;
	return line;
}
