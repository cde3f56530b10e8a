#include "model/session.h"

#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/money.h"
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
	store_currency(store, s->currency, &s->scale);
	return s;
}

static void
session_clear_customer(struct session *s)
{
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
	    store_profile(s->store, id, s->now, &s->profile, cause) != 0) {
		session_clear_customer(s);
		return -1;
	}
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
