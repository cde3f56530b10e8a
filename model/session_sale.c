/*
 * session_sale.c — the counter's answers and the basket's lines
 * (model/session.h): accept, decline, take an answer back (u), a line's
 * quantity, and a curated bundle's discount as a line of its own.
 */
#include "model/session.h"
#include "model/session_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_offers.h"
#include "model/xalloc.h"

/* Remember an answer for session_undo(). */
static void
answer_push(struct session *s, const struct session_answer *a)
{
	s->answers = xreallocarray(s->answers, s->nanswers + 1,
	    sizeof *s->answers);
	s->answers[s->nanswers++] = *a;
}

/* The basket line of item id, or s->nbasket. */
static size_t
line_of(const struct session *s, int64_t id)
{
	size_t k;

	for (k = 0; k < s->nbasket && s->basket[k].item_id != id; k++)
		;
	return k;
}

/* The basket line an upgrade (or the bigger size) would take the place
 * of, or s->nbasket for none. */
static size_t
replaced_line(const struct session *s, const struct suggestion *sug)
{
	return scorer_replaces(sug) ? line_of(s, sug->base_id) : s->nbasket;
}

/* An upgrade (or the bigger size) takes the place of its item: 1 when it
 * did (a->base_* say what it replaced), 0 when there is no such line.
 * The suggestions are the caller's to recompute, once a is recorded. */
static int
accept_replace(struct session *s, const struct suggestion *sug,
    struct session_answer *a)
{
	size_t k;

	if ((k = replaced_line(s, sug)) == s->nbasket)
		return 0;
	a->base_id = sug->base_id;
	a->base_price = s->basket[k].unit_price;
	a->base_from_offer = s->basket[k].from_offer;
	a->base_bundle_id = s->basket[k].bundle_id;
	a->base_saving = s->basket[k].saving;
	s->basket[k].item_id = sug->item_id;
	s->basket[k].unit_price = sug->price;
	s->basket[k].from_offer = 1;
	s->basket[k].discount = 0;
	s->basket[k].bundle_id = 0;
	s->basket[k].saving = 0;
	session_retotal(s);
	return 1;
}

int
session_accept(struct session *s, size_t i)
{
	struct session_answer a;
	struct suggestion sug, logged;
	char variant[80];
	size_t k;
	int rc;

	if (i >= s->nshown)
		return -1;
	sug = s->shown[i].sug;
	snprintf(variant, sizeof variant, "%s", s->shown[i].variant);
	memset(&a, 0, sizeof a);
	a.outcome = OFFER_ACCEPTED;
	a.item_id = sug.item_id;
	/* An upgrade takes the place of the whole line, at its quantity:
	 * the log books what the sale gains, the difference times that. */
	logged = sug;
	if ((k = replaced_line(s, &sug)) < s->nbasket)
		logged.diff *= s->basket[k].qty;
	rc = session_log_offer(s, &logged, OFFER_ACCEPTED, variant,
	    &a.offer_id);
	if (accept_replace(s, &sug, &a)) {
		answer_push(s, &a);
		session_recompute(s);
		return rc;
	}
	session_add_item(s, sug.item_id, 1);
	if ((k = line_of(s, sug.item_id)) < s->nbasket) {
		struct basket_line *l = &s->basket[k];

		l->from_offer = 1;
		/* The bundle's price applies: the item at its own price,
		 * the saving a discount line apart. */
		if (sug.bundle_id != 0 && l->qty == 1 &&
		    l->unit_price > sug.diff && l->discount == 0) {
			l->saving = l->unit_price - sug.diff;
			l->bundle_id = sug.bundle_id;
			if (session_retotal(s) != 0) {
				l->saving = l->discount = 0;
				l->bundle_id = 0;
			}
			session_recompute(s);
		}
	}
	answer_push(s, &a);
	return rc;
}

int
session_decline(struct session *s, size_t i, int64_t *offer_id)
{
	struct session_answer a;
	struct suggestion sug;
	int rc;

	*offer_id = 0;
	if (i >= s->nshown)
		return -1;
	sug = s->shown[i].sug;
	rc = session_log_offer(s, &sug, OFFER_DECLINED, s->shown[i].variant,
	    offer_id);
	session_push_id(&s->declined, &s->ndeclined, sug.item_id);
	s->ack_item = sug.item_id;      /* "No problem ..." is said next */
	memset(&a, 0, sizeof a);
	a.outcome = OFFER_DECLINED;
	a.offer_id = *offer_id;
	a.item_id = sug.item_id;
	answer_push(s, &a);
	session_recompute(s);
	return rc;
}

/* Put the basket back as it was before accept a. */
static void
undo_accept(struct session *s, const struct session_answer *a)
{
	size_t k = line_of(s, a->item_id);
	struct basket_line *l;

	if (k == s->nbasket)
		return;         /* taken off the basket since */
	l = &s->basket[k];
	if (a->base_id != 0) {
		l->item_id = a->base_id;
		l->unit_price = a->base_price;
		l->from_offer = a->base_from_offer;
		l->bundle_id = a->base_bundle_id;   /* retotal: the discount */
		l->saving = a->base_saving;
		return;
	}
	/* the bundle's discount came with the accept */
	l->discount = l->saving = 0;
	l->bundle_id = 0;
	if (l->qty > 1) {
		l->qty--;
		return;
	}
	memmove(l, l + 1, (s->nbasket - k - 1) * sizeof *l);
	s->nbasket--;
}

/* Take item id off the visit's declined list. */
static void
undo_decline(struct session *s, int64_t id)
{
	size_t k;

	for (k = 0; k < s->ndeclined && s->declined[k] != id; k++)
		;
	if (k == s->ndeclined)
		return;
	memmove(&s->declined[k], &s->declined[k + 1],
	    (s->ndeclined - k - 1) * sizeof *s->declined);
	s->ndeclined--;
	if (s->ack_item == id)
		s->ack_item = 0;
}

int
session_undo(struct session *s, int *what, int64_t *item, char **cause)
{
	struct session_answer a;
	int rc = 0;

	*what = 0;
	*item = 0;
	if (s->nanswers == 0) {
		*cause = xstrdup("nothing to undo in this sale");
		return 1;
	}
	a = s->answers[s->nanswers - 1];
	if (!s->replay) {
		if (a.offer_id == 0) {
			*cause = xstrdup("that answer is not saved yet, so it "
			    "cannot be undone");
			return 1;
		}
		rc = store_offer_undo(s->store, a.offer_id, s->now, cause);
		if (rc < 0)
			return -1;
	}
	s->nanswers--;
	*what = a.outcome;
	*item = a.item_id;
	if (a.outcome == OFFER_ACCEPTED)
		undo_accept(s, &a);
	else
		undo_decline(s, a.item_id);
	session_retotal(s);
	session_recompute(s);
	return 0;
}

int
session_set_qty(struct session *s, size_t i, int64_t qty)
{
	int64_t old;

	if (i >= s->nbasket || qty < 1 || qty > 9999)
		return -1;
	old = s->basket[i].qty;
	s->basket[i].qty = qty;
	if (session_retotal(s) != 0) {
		s->basket[i].qty = old;
		return -1;
	}
	return session_recompute(s);
}

struct sale_line *
session_sale_lines(const struct session *s, size_t *n)
{
	struct sale_line *lines = xcalloc(2 * s->nbasket + 1, sizeof *lines);
	size_t i;

	*n = 0;
	for (i = 0; i < s->nbasket; i++) {
		const struct basket_line *b = &s->basket[i];
		int64_t qty = b->qty;

		if (b->discount != 0) {
			lines[*n].item_id = b->item_id;
			lines[*n].qty = 1;
			lines[(*n)++].unit_price = b->unit_price - b->discount;
			if (--qty == 0)
				continue;
		}
		lines[*n].item_id = b->item_id;
		lines[*n].qty = qty;
		lines[(*n)++].unit_price = b->unit_price;
	}
	return lines;
}
