#include "model/session.h"

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

static int recompute(struct session *);
static void choose_variant(struct session *, struct shown *);

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
		model_close(&s->model);
	catalog_free(&s->cat);
	free(s->basket);
	free(s->declined);
	free(s->logged);
	free(s->logged_offer);
	free(s->logged_shown);
	scripts_free(&s->scripts);
	free(s->pending);
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
	return store_customers_find(s->store, s->query, SESSION_MATCHES_MAX,
	    &s->matches, &s->nmatches, cause);
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
	if (store_history(s->store, id, SESSION_HISTORY_MAX, &s->history,
	    cause) != 0 ||
	    store_profile(s->store, id, s->now, &s->profile, cause) != 0 ||
	    store_buyer(s->store, id, s->now, s->now - (int64_t)365 *
	    CIVIL_DAY, &s->buyer, cause) != 0) {
		session_clear_customer(s);
		return -1;
	}
	/* Their language, when there are talking points in it. */
	s->lang[0] = '\0';
	if (s->customer.lang != NULL && script_have_language(&s->scripts, s->customer.lang))
		snprintf(s->lang, sizeof s->lang, "%s", s->customer.lang);
	recompute(s);
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
	recompute(s);
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
	else if (model_open(&s->model, blob, size, cause) != 0) {
		*warning = *cause;
		*cause = NULL;
	} else
		s->have_model = 1;
	new_scorer(s);
	return 0;
}

static int
has_id(const int64_t *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

static void
push_id(int64_t **v, size_t *n, int64_t id)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = id;
}

/* Keep pending row p in the journal, if there is one. */
static void
keep(struct session *s, struct pending *p)
{
	char *cause = NULL;

	if (s->journal == NULL)
		return;
	p->rec.variant = p->variant[0] ? p->variant : NULL;
	p->rec.jkey = p->jkey;
	p->journaled = p->reason_of > 0 ?
	    journal_reason(s->journal, p->reason_of, NULL, p->rec.reason,
	    &cause) == 0 : journal_offer(s->journal, &p->rec, &cause) == 0;
	p->rec.variant = NULL;
	p->rec.jkey = NULL;
	free(cause);
}

void
session_set_journal(struct session *s, struct journal *j)
{
	s->journal = j;
}

size_t
session_unjournaled(const struct session *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->npending; i++)
		n += !s->pending[i].journaled;
	return n;
}

/* Write an offer log row now; keep it pending if that fails. */
static int
log_offer(struct session *s, const struct suggestion *sug, int outcome,
    const char *variant, int64_t *id)
{
	struct offer_rec r;
	char *cause = NULL, jkey[JOURNAL_KEY_LEN + 1];

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
	/* a key of its own: a retry and a replay add it once */
	journal_new_key(jkey);
	r.jkey = jkey;
	if (store_offer_add(s->store, &r, id, &cause) == 0)
		return 0;
	free(cause);
	s->pending = xreallocarray(s->pending, s->npending + 1,
	    sizeof *s->pending);
	memset(&s->pending[s->npending], 0, sizeof s->pending[0]);
	if (r.variant != NULL) {
		/* the pending row keeps its own copy */
		snprintf(s->pending[s->npending].variant,
		    sizeof s->pending[s->npending].variant, "%s", r.variant);
		r.variant = NULL;
	}
	memcpy(s->pending[s->npending].jkey, jkey, sizeof jkey);
	r.jkey = NULL;
	s->pending[s->npending].rec = r;
	keep(s, &s->pending[s->npending++]);
	return 1;
}

/* Rank again for the basket as it is, and log what is new on screen. */
static int
recompute(struct session *s)
{
	struct suggestion tmp[SESSION_SUGGESTIONS * 3];
	const struct buyer *bp = NULL;
	int64_t *ids, *qty;
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
	/* Ask for more: what was declined this visit is dropped here. */
	want = (size_t)s->cfg.max_suggestions + s->ndeclined;
	if (want > sizeof tmp / sizeof tmp[0])
		want = sizeof tmp / sizeof tmp[0];
	n = scorer_rank_qty(s->scorer, bp, ids, qty, s->nbasket, s->now, tmp,
	    want);
	free(ids);
	free(qty);
	for (i = 0; i < n && s->nshown < (size_t)s->cfg.max_suggestions; i++) {
		struct shown *sh;
		if (has_id(s->declined, s->ndeclined, tmp[i].item_id))
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
		choose_variant(s, sh);
		failed += log_offer(s, &tmp[i], OFFER_SHOWN, sh->variant,
		    &sh->offer_id);
		s->logged_offer = xreallocarray(s->logged_offer,
		    s->nlogged + 1, sizeof *s->logged_offer);
		s->logged_offer[s->nlogged] = sh->offer_id;
		s->logged_shown = xreallocarray(s->logged_shown,
		    s->nlogged + 1, sizeof *s->logged_shown);
		s->logged_shown[s->nlogged] = *sh;
		push_id(&s->logged, &s->nlogged, tmp[i].item_id);
	}
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

/* The basket's total from its lines, every step checked (money.h).  0,
 * or -1 when a line or the total would be beyond what uplift keeps. */
static int
retotal(struct session *s)
{
	int64_t total = 0, line;
	size_t i;

	for (i = 0; i < s->nbasket; i++)
		if (money_mul(s->basket[i].qty, s->basket[i].unit_price,
		    &line) != 0 || money_add(total, line, &total) != 0)
			return -1;
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
	retotal(s);
	return recompute(s);
}

int
session_remove_line(struct session *s, size_t i)
{
	if (i >= s->nbasket)
		return 0;
	memmove(&s->basket[i], &s->basket[i + 1],
	    (s->nbasket - i - 1) * sizeof *s->basket);
	s->nbasket--;
	retotal(s);
	return recompute(s);
}

int
session_accept(struct session *s, size_t i)
{
	struct suggestion sug;
	char variant[80];
	int64_t id;
	size_t k;
	int rc;

	if (i >= s->nshown)
		return -1;
	sug = s->shown[i].sug;
	snprintf(variant, sizeof variant, "%s", s->shown[i].variant);
	rc = log_offer(s, &sug, OFFER_ACCEPTED, variant, &id);
	/* An upgrade (or the bigger size) takes the place of its item. */
	if (sug.base_id != 0 && (sug.kind == SUG_UPGRADE ||
	    (sug.kind == SUG_REFILL && sug.base_id != sug.item_id)))
		for (k = 0; k < s->nbasket; k++)
			if (s->basket[k].item_id == sug.base_id) {
				s->basket[k].item_id = sug.item_id;
				s->basket[k].unit_price = sug.price;
				s->basket[k].from_offer = 1;
				retotal(s);
				recompute(s);
				return rc;
			}
	session_add_item(s, sug.item_id, 1);
	for (k = 0; k < s->nbasket; k++)
		if (s->basket[k].item_id == sug.item_id) {
			s->basket[k].from_offer = 1;
			if (sug.bundle_id != 0 && s->basket[k].qty == 1) {
				/* The bundle price applies: this item costs
				 * what completes the set at it. */
				s->basket[k].unit_price = sug.diff;
				retotal(s);
			}
		}
	return rc;
}

int
session_decline(struct session *s, size_t i, int64_t *offer_id)
{
	struct suggestion sug;
	int rc;

	*offer_id = 0;
	if (i >= s->nshown)
		return -1;
	sug = s->shown[i].sug;
	rc = log_offer(s, &sug, OFFER_DECLINED, s->shown[i].variant, offer_id);
	push_id(&s->declined, &s->ndeclined, sug.item_id);
	s->ack_item = sug.item_id;      /* "No problem ..." is said next */
	recompute(s);
	return rc;
}

int
session_decline_reason(struct session *s, int64_t offer_id, int reason)
{
	char *cause = NULL;
	size_t k;

	if (reason <= REASON_NONE || reason >= REASON_COUNT)
		return -1;
	if (s->replay)
		return 0;
	if (offer_id == 0) {
		/* The decline itself is pending: give it the reason (and
		 * the journal, by the row's key). */
		for (k = s->npending; k > 0; k--)
			if (s->pending[k - 1].rec.outcome == OFFER_DECLINED &&
			    s->pending[k - 1].reason_of == 0) {
				struct pending *p = &s->pending[k - 1];

				p->rec.reason = reason;
				if (p->journaled && journal_reason(s->journal,
				    0, p->jkey, reason, &cause) != 0) {
					free(cause);
					p->journaled = 0;
				}
				return 1;
			}
		return -1;
	}
	if (store_offer_reason(s->store, offer_id, reason, &cause) == 0)
		return 0;
	free(cause);
	s->pending = xreallocarray(s->pending, s->npending + 1,
	    sizeof *s->pending);
	memset(&s->pending[s->npending], 0, sizeof s->pending[0]);
	s->pending[s->npending].rec.reason = reason;
	s->pending[s->npending].reason_of = offer_id;
	keep(s, &s->pending[s->npending++]);
	return 1;
}

size_t
session_retry(struct session *s)
{
	char *cause = NULL;
	size_t i, k = 0;
	int64_t id;
	int rc;

	for (i = 0; i < s->npending; i++) {
		struct pending *p = &s->pending[i];
		if (p->reason_of > 0)
			rc = store_offer_reason(s->store, p->reason_of,
			    p->rec.reason, &cause);
		else {
			p->rec.variant = p->variant[0] ? p->variant : NULL;
			p->rec.jkey = p->jkey;
			rc = store_offer_add(s->store, &p->rec, &id, &cause);
			p->rec.variant = NULL;
			p->rec.jkey = NULL;
		}
		free(cause);
		cause = NULL;
		if (rc != 0)
			s->pending[k++] = *p;   /* still not saved */
	}
	/* all saved: the journal can forget them (its space stays) */
	if (k == 0 && s->npending > 0 && s->journal != NULL)
		journal_clear(s->journal);
	s->npending = k;
	return k;
}

static void
visit_clear(struct session *s)
{
	s->nbasket = 0;
	s->total = 0;
	s->nshown = 0;
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
}

int
session_finish(struct session *s, int64_t *order_id, char **cause)
{
	struct sale_line *lines;
	size_t i;
	int rc;

	*order_id = 0;
	if (s->nbasket == 0) {
		*cause = xstrdup("the basket is empty");
		return -1;
	}
	lines = xcalloc(s->nbasket, sizeof *lines);
	for (i = 0; i < s->nbasket; i++) {
		lines[i].item_id = s->basket[i].item_id;
		lines[i].qty = s->basket[i].qty;
		lines[i].unit_price = s->basket[i].unit_price;
	}
	/* a replay at a pretended time shows the sale, never writes it */
	rc = s->replay ? 0 : store_sale_add(s->store, s->who == WHO_CUSTOMER ?
	    s->customer.id : 0, s->now, lines, s->nbasket, order_id, cause);
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
session_next_language(struct session *s)
{
	const char *next = script_next_language(&s->scripts,
	    session_language(s));

	if (next != NULL)
		snprintf(s->lang, sizeof s->lang, "%s", next);
}

/* "Anika" of "Anika Rahman"; NULL for a walk-in. */
static char *
first_name(const struct session *s)
{
	const char *n;
	size_t len;

	if (s->who != WHO_CUSTOMER || s->customer.name == NULL ||
	    s->customer.name[0] == '\0')
		return NULL;
	n = s->customer.name;
	len = strcspn(n, " ");
	return xstrndup(n, len);
}

/*
 * Social proof from the shop's own orders: only from the model, and only
 * when the sample is big enough (10 orders, 3 together) to be worth
 * saying.  In the language of the talking points.
 */
static char *
proof_of(const struct session *s, const struct suggestion *g,
    const char *lang)
{
	const struct item *it = catalog_item(&s->cat, g->item_id);
	const struct item *base = catalog_item(&s->cat, g->base_id);

	if (g->base_orders < 10 || g->together < 3 || it == NULL ||
	    base == NULL || g->base_range)
		return NULL;
	if (strcmp(lang, "bn") == 0)
		return xasprintf("%s কেনা %u জন গ্রাহকের মধ্যে %u জন %s-ও "
		    "নিয়েছেন।", base->name, g->base_orders, g->together,
		    it->name);
	if (strcmp(lang, "gu") == 0)
		return xasprintf("%s લેનારા %u ગ્રાહકોમાંથી %u એ %s પણ "
		    "લીધું.", base->name, g->base_orders, g->together,
		    it->name);
	return xasprintf("%u of %u customers who bought the %s also took "
	    "the %s.", g->together, g->base_orders, base->name, it->name);
}

/*
 * The pack size at the end of an item's name ("Basmati Rice 5 kg",
 * "Herbal Shampoo 250 ml", "Assam Tea 80 bags"), in a base unit (g, ml,
 * or the unit named).  Returns the amount, or 0 when there is none.
 */
static double
pack_size(const char *name, char *unit, size_t usize)
{
	const char *p = name + strlen(name), *u, *num;
	double v = 0, scale = 1, frac = 0;

	/* the last word is the unit, the one before it a number */
	while (p > name && p[-1] != ' ')
		p--;
	u = p;
	if (p == name || *u == '\0')
		return 0;
	p--;
	while (p > name && p[-1] != ' ')
		p--;
	num = p;
	for (; *num >= '0' && *num <= '9'; num++)
		v = v * 10 + (*num - '0');
	if (*num == '.')
		for (num++; *num >= '0' && *num <= '9'; num++) {
			scale /= 10;
			frac += (*num - '0') * scale;
		}
	if (*num != ' ' || v + frac <= 0)
		return 0;
	v += frac;
	if (strcmp(u, "kg") == 0) {
		snprintf(unit, usize, "g");
		return v * 1000;
	}
	if (strcmp(u, "litre") == 0 || strcmp(u, "l") == 0 ||
	    strcmp(u, "litres") == 0) {
		snprintf(unit, usize, "ml");
		return v * 1000;
	}
	snprintf(unit, usize, "%s", u);
	return v;
}

/*
 * "27% less per ml": how much less the bigger pack costs per unit, when
 * both packs name the same unit and it does cost less.  NULL otherwise.
 */
static char *
unit_saving(const struct item *it, const struct item *base, const char *lang)
{
	char u1[16], u2[16];
	double a, b, pa, pb;
	int pct;

	if (it == NULL || base == NULL || it->price <= 0 || base->price <= 0)
		return NULL;
	a = pack_size(it->name, u1, sizeof u1);
	b = pack_size(base->name, u2, sizeof u2);
	if (a <= 0 || b <= 0 || strcmp(u1, u2) != 0 || a <= b)
		return NULL;
	pa = (double)it->price / a;
	pb = (double)base->price / b;
	pct = (int)((pb - pa) * 100 / pb + 0.5);
	if (pct < 1)
		return NULL;
	if (strcmp(lang, "bn") == 0)
		return xasprintf("প্রতি %s-এ %d%% কম", u1, pct);
	if (strcmp(lang, "gu") == 0)
		return xasprintf("દરેક %s દીઠ %d%% ઓછું", u1, pct);
	return xasprintf("%d%% less per %s", pct, u1);
}

/* The values of the templates for suggestion g.  Strings owned by *buf. */
struct varbuf {
	char diff[32], pct[16], price[32], saving[32];
	char *first, *proof, *unit;
};

static void
make_vars(const struct session *s, const struct suggestion *g,
    const char *lang, struct script_vars *v, struct varbuf *b)
{
	const struct item *it = catalog_item(&s->cat, g->item_id);
	const struct item *base = catalog_item(&s->cat, g->base_id);
	size_t k;

	memset(v, 0, sizeof *v);
	memset(b, 0, sizeof *b);
	/* money said with the shop's currency: "£2.50" */
	money_format_cur(g->diff, s->scale, s->currency, b->diff,
	    sizeof b->diff);
	snprintf(b->pct, sizeof b->pct, "%d", g->diff_pct);
	money_format_cur(g->price, s->scale, s->currency, b->price,
	    sizeof b->price);
	b->first = first_name(s);
	b->proof = proof_of(s, g, lang);
	b->unit = unit_saving(it, base, lang);
	v->unit_saving = b->unit;
	v->first_name = b->first;
	v->item = it != NULL ? it->name : NULL;
	v->base = base != NULL ? base->name : NULL;
	v->diff = b->diff;
	v->diff_pct = b->pct;
	v->price = b->price;
	v->benefit = it != NULL ? catalog_benefit(&s->cat, it->id, lang) :
	    NULL;
	v->proof = b->proof;
	v->shop = s->shop;
	for (k = 0; g->bundle_id != 0 && k < s->cat.nbundles; k++)
		if (s->cat.bundles[k].id == g->bundle_id) {
			const struct bundle *bu = &s->cat.bundles[k];
			int64_t full = 0;
			size_t j;
			for (j = 0; j < bu->nitems; j++) {
				const struct item *bi = catalog_item(&s->cat,
				    bu->items[j].item_id);
				if (bi != NULL)
					full += bi->price * bu->items[j].qty;
			}
			money_format_cur(full - bu->price, s->scale,
			    s->currency, b->saving, sizeof b->saving);
			v->bundle = bu->name;
			v->saving = b->saving;
		}
}

static void
free_vars(struct varbuf *b)
{
	free(b->first);
	free(b->proof);
	free(b->unit);
}

/* The category and SKU a suggestion's templates are chosen by. */
static void
scope_of(const struct session *s, const struct suggestion *g,
    const char **category, const char **sku)
{
	const struct item *it = catalog_item(&s->cat, g->item_id);

	*category = it != NULL ? it->category : NULL;
	*sku = it != NULL ? it->sku : NULL;
}

/*
 * The kind of talking point for suggestion g: a refill in the next size
 * up (the bigger size in place of base_id, priced against it) has its own,
 * which says the item's price and the difference apart; every other
 * suggestion speaks as its kind.
 */
static int
say_kind(const struct suggestion *g)
{
	if (g->kind == SUG_REFILL && g->base_id != 0 &&
	    g->base_id != g->item_id)
		return SCRIPT_KIND_SIZEUP;
	return g->kind;
}

/* Which template variant a new suggestion gets; sets sh->key/variant. */
static void
choose_variant(struct session *s, struct shown *sh)
{
	const struct script_tpl *t = NULL;
	struct script_vars v;
	struct varbuf b;
	const char *cat, *sku;
	char *lines[SCRIPT_LINES_MAX], *id;
	int n, i;

	if (s->variant_mode == VARIANT_CUSTOMER && s->who == WHO_CUSTOMER)
		sh->key = script_hash(s->customer.code, sh->sug.kind);
	else
		sh->key = s->alternate++;
	scope_of(s, &sh->sug, &cat, &sku);
	make_vars(s, &sh->sug, session_language(s), &v, &b);
	n = script_render(&s->scripts, say_kind(&sh->sug), cat, sku,
	    session_language(s), s->counter_lang, sh->key, &v, lines, &t);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free_vars(&b);
	sh->variant[0] = '\0';
	if (t != NULL) {
		id = script_variant_id(t);
		snprintf(sh->variant, sizeof sh->variant, "%s", id);
		free(id);
	}
}

int
session_say_lines(const struct session *s, size_t i, char **lines)
{
	const struct shown *sh;
	struct script_vars v;
	struct varbuf b;
	const char *cat, *sku;
	int n;

	if (s->ack_item != 0) {
		/* Just declined: the acknowledgement. */
		struct suggestion g;
		memset(&g, 0, sizeof g);
		g.item_id = s->ack_item;
		make_vars(s, &g, session_language(s), &v, &b);
		n = script_render(&s->scripts, SCRIPT_KIND_DECLINE, NULL, NULL,
		    session_language(s), s->counter_lang, 0, &v, lines, NULL);
		free_vars(&b);
		return n;
	}
	if (i >= s->nshown)
		return 0;
	sh = &s->shown[i];
	scope_of(s, &sh->sug, &cat, &sku);
	make_vars(s, &sh->sug, session_language(s), &v, &b);
	n = script_render(&s->scripts, say_kind(&sh->sug), cat, sku,
	    session_language(s), s->counter_lang, sh->key, &v, lines, NULL);
	free_vars(&b);
	return n;
}
