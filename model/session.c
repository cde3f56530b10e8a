#include "model/session.h"
#include "model/session_int.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_offers.h"
#include "model/store_orders.h"
#include "model/xalloc.h"


struct session *
session_new(struct store *store, const char *shop, const char *counter,
    int demo, int64_t now)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->store = store;
	s->shop = xstrdup(shop != NULL ? shop : "");
	s->counter = xstrdup(counter != NULL ? counter : "");
	s->demo = demo;
	s->now = now;
	offerlog_init(&s->log, store);
	store_currency(store, s->currency, &s->scale);
	return s;
}

static void
session_clear_customer(struct session *s)
{
	store_buyer_free(&s->buyer);
	customer_clear(&s->customer);
	store_history_free(&s->history);
	store_profile_free(&s->profile);
	s->who = WHO_NOBODY;
}

void
session_free(struct session **sp)
{
	struct session *s = *sp;

	if (s == NULL)
		return;
	session_clear_customer(s);
	store_customers_free(&s->matches, s->nmatches);
	scorer_free(&s->scorer);
	if (s->have_model)
		mine_close(&s->model);
	catalog_free(&s->cat);
	free(s->basket);
	free(s->declined);
	free(s->logged);
	free(s->logged_offer);
	free(s->logged_shown);
	free(s->answers);
	scripts_free(&s->scripts);
	offerlog_clear(&s->log);
	free(s->found);
	free(s->shop);
	free(s->counter);
	free(s);
	*sp = NULL;
}

void
session_set_now(struct session *s, int64_t now)
{
	s->now = now;
}

void
session_set_clerk(struct session *s, int64_t clerk_id)
{
	s->clerk_id = clerk_id;
}

void
session_set_replay(struct session *s, int replay)
{
	s->replay = replay;
}

void
session_set_training(struct session *s, int training)
{
	s->training = training;
}

void
session_clear_search(struct session *s)
{
	store_customers_free(&s->matches, s->nmatches);
	s->nmatches = 0;
	s->query[0] = '\0';
	session_find_items(s, "");
}

void
session_end_ack(struct session *s)
{
	s->ack_item = 0;
}

int
session_search(struct session *s, const char *query, char **cause)
{
	size_t n = strlen(query);

	if (n >= sizeof s->query)
		n = sizeof s->query - 1;
	memcpy(s->query, query, n);
	s->query[n] = '\0';
	store_customers_free(&s->matches, s->nmatches);
	s->nmatches = 0;
	s->at.match_sel = s->at.match_top = 0;     /* a new list */
	return store_customers_find(s->store, s->query, SESSION_MATCHES_MAX,
	    &s->matches, &s->nmatches, cause);
}

/* Where the spend-by-month chart ends: now, or for a customer not seen
 * for most of a year the month of their last visit, so that the chart
 * shows their last 12 months rather than nothing (history loaded). */
static int64_t
chart_end(const struct session *s)
{
	if (s->history.last_at != 0 && s->now - s->history.last_at >
	    (int64_t)300 * CIVIL_DAY)
		return s->history.last_at;
	return s->now;
}

int
session_pick_id(struct session *s, int64_t id, char **cause)
{
	struct customer c;
	int rc;

	memset(&c, 0, sizeof c);
	rc = store_customer_get(s->store, id, &c, cause);
	if (rc == 0) {
		*cause = xstrdup("that customer is no longer there");
		return -1;
	}
	if (rc < 0)
		return -1;
	session_clear_customer(s);
	s->customer = c;
	s->who = WHO_CUSTOMER;
	/* The buyer as of this second, a sale just finished included (the
	 * history shows it: a refill of it must not be "due"). */
	if (store_history(s->store, id, SESSION_HISTORY_MAX, &s->history,
	    cause) != 0 ||
	    store_profile(s->store, id, chart_end(s), &s->profile,
	    cause) != 0 ||
	    store_buyer(s->store, id, s->now + 1, s->now - (int64_t)365 *
	    CIVIL_DAY, &s->buyer, cause) != 0) {
		session_clear_customer(s);
		return -1;
	}
	/* Their language, when there are talking points in it. */
	s->lang[0] = '\0';
	if (s->customer.lang != NULL && script_have_language(&s->scripts, s->customer.lang))
		snprintf(s->lang, sizeof s->lang, "%s", s->customer.lang);
	session_recompute(s);
	return 0;
}

int
session_pick(struct session *s, size_t i, char **cause)
{
	if (i >= s->nmatches) {
		*cause = xstrdup("no such match");
		return -1;
	}
	return session_pick_id(s, s->matches[i].id, cause);
}

void
session_walk_in(struct session *s)
{
	session_clear_customer(s);
	s->who = WHO_WALK_IN;
	s->lang[0] = '\0';
	session_recompute(s);
}

int64_t
session_days_since(const struct session *s)
{
	if (s->who != WHO_CUSTOMER || s->history.last_at == 0)
		return -1;
	return civil_day_of(s->now) - civil_day_of(s->history.last_at);
}

int64_t
session_avg_basket(const struct session *s)
{
	return money_div_round(s->history.lifetime, s->history.visits);
}

/* ---- the sale ------------------------------------------------------------ */

static const char *reason_names[REASON_COUNT] = {
	"", "price", "already has it", "not now", "not interested", "other",
};

const char *
session_reason_name(int reason)
{
	return reason > 0 && reason < REASON_COUNT ? reason_names[reason] : "";
}

/* The scorer ranks more than are shown: the session drops what was
 * declined this visit and keeps cfg.max_suggestions. */
static void
new_scorer(struct session *s)
{
	struct scorer_config c = s->cfg;
	struct take_rate *t = NULL;
	size_t n = 0;
	char *cause = NULL;

	scorer_free(&s->scorer);
	c.max_suggestions = SESSION_SUGGESTIONS * 3;
	s->scorer = scorer_new(&s->cat, s->have_model ? &s->model : NULL, &c);
	/* The shop's own answers count; without them, the defaults do. */
	if (store_take_rates(s->store, &t, &n, &cause) == 0)
		scorer_set_takes(s->scorer, t, n);
	free(t);
	free(cause);
}

int
session_open_sales(struct session *s, const struct scorer_config *cfg,
    char **warning, char **cause)
{
	void *blob;
	size_t size;
	int64_t built;
	int rc;

	*warning = NULL;
	s->cfg = *cfg;
	if (s->cfg.max_suggestions > SESSION_SUGGESTIONS)
		s->cfg.max_suggestions = SESSION_SUGGESTIONS;
	if (catalog_load(&s->cat, s->store, cause) != 0)
		return -1;
	rc = store_model_load(s->store, MODEL_NAME, &blob, &size, &built,
	    cause);
	if (rc < 0)
		return -1;
	if (rc == 0)
		*warning = xstrdup("No mined model yet: run uplift rebuild for "
		    "bundle suggestions.");
	else if (mine_open(&s->model, blob, size, cause) != 0) {
		*warning = *cause;
		*cause = NULL;
	} else
		s->have_model = 1;
	new_scorer(s);
	return 0;
}

void
session_push_id(int64_t **v, size_t *n, int64_t id)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = id;
}

void
session_set_journal(struct session *s, struct journal *j)
{
	offerlog_set_journal(&s->log, j);
}

size_t
session_unjournaled(const struct session *s)
{
	return offerlog_unjournaled(&s->log);
}

int
session_log_offer(struct session *s, const struct suggestion *sug, int outcome,
    const char *variant, int64_t *id)
{
	struct offer_rec r;

	memset(&r, 0, sizeof r);
	r.at = s->now;
	r.clerk_id = s->clerk_id;
	r.counter = s->counter;
	r.customer_id = s->who == WHO_CUSTOMER ? s->customer.id : 0;
	r.item_id = sug->item_id;
	r.kind = sug->kind;
	r.price_diff = sug->diff;
	r.outcome = outcome;
	r.variant = variant != NULL && *variant != '\0' ? variant : NULL;
	r.training = s->training;
	*id = 0;
	if (s->replay)
		return 0;       /* a replay at a pretended time: not written */
	return offerlog_add(&s->log, &r, id);
}

static int
recompute(struct session *s)
{
	struct suggestion tmp[SESSION_SUGGESTIONS * 3];
	struct scorer_visit v = { 0 };
	const struct buyer *bp = NULL;
	int64_t *ids, *qty, *stepped;
	size_t i, k, n, want;
	int failed = 0;

	s->nshown = 0;
	if (s->scorer == NULL)
		return 0;
	ids = xmalloc((s->nbasket + 1) * sizeof *ids);
	qty = xmalloc((s->nbasket + 1) * sizeof *qty);
	for (i = 0; i < s->nbasket; i++) {
		ids[i] = s->basket[i].item_id;
		qty[i] = s->basket[i].qty;
	}
	if (s->who == WHO_CUSTOMER)
		bp = &s->buyer.b;
	/* Ask for more: what was declined this visit, and a second step up
	 * of a line (an accepted upgrade or bigger size put it there: the
	 * coat at 59 taken up to 69 is not offered the 85 next), are dropped
	 * here — and the scorer, told of them, keeps the basket's purchase a
	 * place among the others. */
	stepped = xmalloc((s->nanswers + 1) * sizeof *stepped);
	for (k = 0; k < s->nanswers; k++)
		if (s->answers[k].outcome == OFFER_ACCEPTED &&
		    s->answers[k].base_id != 0)
			stepped[v.nstepped++] = s->answers[k].item_id;
	v.declined = s->declined;
	v.ndeclined = s->ndeclined;
	v.stepped = stepped;
	want = (size_t)s->cfg.max_suggestions + s->ndeclined + s->nanswers;
	if (want > sizeof tmp / sizeof tmp[0])
		want = sizeof tmp / sizeof tmp[0];
	n = scorer_rank_visit(s->scorer, bp, ids, qty, s->nbasket, s->now, &v,
	    tmp, want);
	free(ids);
	free(qty);
	for (i = 0; i < n && s->nshown < (size_t)s->cfg.max_suggestions; i++) {
		struct shown *sh;
		if (scorer_visit_leaves_out(&v, &tmp[i]))
			continue;
		sh = &s->shown[s->nshown++];
		for (k = 0; k < s->nlogged; k++)
			if (s->logged[k] == tmp[i].item_id)
				break;
		if (k < s->nlogged) {
			/* shown earlier this visit: as it was (row, variant),
			 * with today's figures */
			*sh = s->logged_shown[k];
			sh->sug = tmp[i];
			continue;
		}
		memset(sh, 0, sizeof *sh);
		sh->sug = tmp[i];
		session_choose_variant(s, sh);
		failed += session_log_offer(s, &tmp[i], OFFER_SHOWN, sh->variant,
		    &sh->offer_id);
		s->logged_offer = xreallocarray(s->logged_offer,
		    s->nlogged + 1, sizeof *s->logged_offer);
		s->logged_offer[s->nlogged] = sh->offer_id;
		s->logged_shown = xreallocarray(s->logged_shown,
		    s->nlogged + 1, sizeof *s->logged_shown);
		s->logged_shown[s->nlogged] = *sh;
		session_push_id(&s->logged, &s->nlogged, tmp[i].item_id);
	}
	free(stepped);
	return failed;
}

int
session_recompute(struct session *s)
{
	int failed = recompute(s);

	s->chosen = 0;          /* the suggestions changed: choose again */
	session_fit(s);
	return failed;
}

/* 1 if hay holds needle, ASCII letters compared without case. */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (hay == NULL)
		return 0;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++) {
			char a = hay[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

void
session_find_items(struct session *s, const char *text)
{
	size_t i, n = 0, len = strlen(text), pass;

	free(s->found);
	s->found = xcalloc(SESSION_ITEMS_MAX, sizeof *s->found);
	s->nfound = 0;
	s->at.match_sel = s->at.match_top = 0;     /* a new list */
	if (len == 0)
		return;
	/* Exact SKU or barcode first, then names holding the text. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < s->cat.n && n < SESSION_ITEMS_MAX; i++) {
			const struct item *it = &s->cat.items[i];
			int exact = strcasecmp(it->sku, text) == 0 ||
			    (it->barcode != NULL && strcmp(it->barcode, text) == 0);
			if (pass == 0 ? !exact : (exact ||
			    (!contains_ci(it->name, text) &&
			    !contains_ci(it->sku, text))))
				continue;
			s->found[n++] = it;
		}
	s->nfound = n;
}

/* The basket holds every item of bundle id, at the bundle's quantities
 * (a bundle the catalogue no longer has: no). */
static int
bundle_whole(const struct session *s, int64_t id)
{
	const struct bundle *b = NULL;
	size_t i, k;

	for (i = 0; i < s->cat.nbundles && b == NULL; i++)
		if (s->cat.bundles[i].id == id)
			b = &s->cat.bundles[i];
	if (b == NULL)
		return 0;
	for (i = 0; i < b->nitems; i++) {
		for (k = 0; k < s->nbasket &&
		    s->basket[k].item_id != b->items[i].item_id; k++)
			;
		if (k == s->nbasket || s->basket[k].qty < b->items[i].qty)
			return 0;
	}
	return 1;
}

/* The discount line i takes off as the basket is: a bundle's saving
 * holds while the basket holds the bundle (an item upgraded out of it,
 * or taken off, ends it; undone, the saving is back). */
static int64_t
line_discount(const struct session *s, size_t i)
{
	const struct basket_line *l = &s->basket[i];

	if (l->bundle_id == 0)
		return l->discount;
	return bundle_whole(s, l->bundle_id) ? l->saving : 0;
}

int
session_retotal(struct session *s)
{
	int64_t total = 0, line;
	size_t i;

	for (i = 0; i < s->nbasket; i++)
		if (money_mul(s->basket[i].qty, s->basket[i].unit_price,
		    &line) != 0 || money_add(total, line -
		    line_discount(s, i), &total) != 0)
			return -1;
	for (i = 0; i < s->nbasket; i++)
		s->basket[i].discount = line_discount(s, i);
	s->total = total;
	return 0;
}

int
session_add_item(struct session *s, int64_t item_id, int64_t qty)
{
	const struct item *it = catalog_item(&s->cat, item_id);
	int64_t line, total;
	size_t i;

	if (it == NULL || qty <= 0)
		return 0;
	for (i = 0; i < s->nbasket; i++)
		if (s->basket[i].item_id == item_id)
			break;
	/* the line and the total stay amounts uplift keeps */
	if (money_mul(i < s->nbasket ? s->basket[i].qty + qty : qty,
	    i < s->nbasket ? s->basket[i].unit_price : it->price, &line) != 0 ||
	    money_add(s->total, qty * it->price, &total) != 0)
		return -1;
	if (i == s->nbasket) {
		if (s->nbasket == s->capbasket) {
			s->capbasket = s->capbasket ? 2 * s->capbasket : 16;
			s->basket = xreallocarray(s->basket, s->capbasket,
			    sizeof *s->basket);
		}
		memset(&s->basket[i], 0, sizeof s->basket[i]);
		s->basket[i].item_id = item_id;
		s->basket[i].unit_price = it->price;
		s->nbasket++;
	}
	s->basket[i].qty += qty;
	session_retotal(s);
	return session_recompute(s);
}

int
session_remove_line(struct session *s, size_t i)
{
	if (i >= s->nbasket)
		return 0;
	memmove(&s->basket[i], &s->basket[i + 1],
	    (s->nbasket - i - 1) * sizeof *s->basket);
	s->nbasket--;
	session_retotal(s);
	return session_recompute(s);
}

int
session_decline_reason(struct session *s, int64_t offer_id, int reason)
{
	if (reason <= REASON_NONE || reason >= REASON_COUNT)
		return -1;
	if (s->replay)
		return 0;
	return offerlog_reason(&s->log, offer_id, reason);
}

size_t
session_retry(struct session *s)
{
	return offerlog_retry(&s->log);
}

size_t
session_pending(const struct session *s)
{
	return offerlog_pending(&s->log);
}

const char *
session_log_cause(const struct session *s)
{
	return offerlog_cause(&s->log);
}

static void
visit_clear(struct session *s)
{
	s->nbasket = 0;
	s->total = 0;
	s->nshown = 0;
	s->chosen = 0;
	free(s->declined);
	s->declined = NULL;
	s->ndeclined = 0;
	free(s->logged);
	s->logged = NULL;
	free(s->logged_offer);
	s->logged_offer = NULL;
	free(s->logged_shown);
	s->logged_shown = NULL;
	s->nlogged = 0;
	s->ack_item = 0;
	free(s->answers);
	s->answers = NULL;
	s->nanswers = 0;
}

int
session_finish(struct session *s, int64_t *order_id, char **cause)
{
	return session_finish_as(s, NULL, order_id, cause);
}

void
session_void(struct session *s)
{
	visit_clear(s);
	session_clear_customer(s);
}

int
session_finish_as(struct session *s, const char *code, int64_t *order_id,
    char **cause)
{
	struct sale_line *lines;
	size_t i, n;
	int rc;

	*order_id = 0;
	if (s->nbasket == 0) {
		*cause = xstrdup("the basket is empty");
		return -1;
	}
	lines = session_sale_lines(s, &n);
	/* a replay at a pretended time shows the sale, never writes it */
	rc = s->replay ? 0 : code != NULL ? store_sale_add_as(s->store, code,
	    s->who == WHO_CUSTOMER ? s->customer.id : 0, s->now, lines, n,
	    order_id, cause) : store_sale_add(s->store, s->who ==
	    WHO_CUSTOMER ? s->customer.id : 0, s->now, lines, n, order_id,
	    cause);
	free(lines);
	if (rc != 0)
		return -1;
	if (s->replay) {
		visit_clear(s);
		session_clear_customer(s);
		return 0;
	}
	/* a sale that took an offer counts apart in the reports */
	for (i = 0; i < s->nbasket && !s->basket[i].from_offer; i++)
		;
	if (i < s->nbasket && store_order_mark_offer(s->store, *order_id,
	    cause) != 0)
		return -1;
	s->last_order = *order_id;
	visit_clear(s);
	session_clear_customer(s);
	/* The catalogue's stock changed: read it again (and drop item
	 * search results, which point into it). */
	free(s->found);
	s->found = NULL;
	s->nfound = 0;
	catalog_free(&s->cat);
	if (catalog_load(&s->cat, s->store, cause) != 0)
		return -1;
	new_scorer(s);
	return 0;
}

int
session_sale_open(const struct session *s)
{
	return s->nbasket > 0;
}

/* ---- talking points --------------------------------------------------------- */

void
session_open_scripts(struct session *s, const char *dir,
    const char *counter_lang, int variant_mode, char **warning)
{
	snprintf(s->counter_lang, sizeof s->counter_lang, "%s",
	    counter_lang != NULL ? counter_lang : "en");
	s->variant_mode = variant_mode;
	script_load_shop(&s->scripts, s->store, dir, warning);
}

const char *
session_language(const struct session *s)
{
	return s->lang[0] != '\0' ? s->lang : s->counter_lang;
}

void
session_set_language(struct session *s, const char *lang)
{
	snprintf(s->lang, sizeof s->lang, "%s", lang != NULL ? lang : "");
}

void
session_next_language(struct session *s)
{
	const char *next = script_next_language(&s->scripts,
	    session_language(s));

	if (next != NULL)
		snprintf(s->lang, sizeof s->lang, "%s", next);
}
