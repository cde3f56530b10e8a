/*
 * session — the counter's view-model: who is at the counter, their
 * history and profile, the customer search.  Plain C: it reads the store
 * and keeps the results; views/ draws from it and never sees the store.
 *
 * A session owns everything it points to.  Strings and arrays in it stay
 * valid until the next session_* call that changes the same part.
 */
#ifndef UPLIFT_SESSION_H
#define UPLIFT_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "model/store.h"
#include "model/types.h"

#define SESSION_QUERY_MAX   64
#define SESSION_MATCHES_MAX 50
#define SESSION_HISTORY_MAX 500

enum session_who {
	WHO_NOBODY = 0,   /* nobody at the counter yet */
	WHO_WALK_IN,      /* a customer without a record */
	WHO_CUSTOMER,     /* a known customer */
};

struct session {
	struct store    *store;          /* not owned                      */
	int64_t          now;            /* civil time of the last refresh */
	char             currency[4];
	int              scale;
	char            *shop;           /* shop name (owned)              */
	char            *counter;        /* counter name (owned)           */
	int              demo;           /* working on the demo copy       */

	int              who;            /* enum session_who               */
	struct customer  customer;       /* valid when who == WHO_CUSTOMER */
	struct history   history;        /* newest first                   */
	struct profile   profile;

	char             query[SESSION_QUERY_MAX];  /* the search text    */
	struct customer *matches;        /* live matches of query          */
	size_t           nmatches;
};

/* A new session on store (not owned).  shop and counter are copied. */
struct session *session_new(struct store *store, const char *shop,
    const char *counter, int demo, int64_t now);

/* Free the session and what it owns; *sp becomes NULL.  NULL-safe. */
void session_free(struct session **sp);

/* Set the clock (civil seconds) used for "days since" and the profile. */
void session_set_now(struct session *s, int64_t now);

/*
 * Set the search text and refresh the matches (at most
 * SESSION_MATCHES_MAX).  Text longer than the buffer is cut.  0 or -1.
 */
int session_search(struct session *s, const char *query, char **cause);

/* Put match i at the counter: load its history and profile. 0 or -1. */
int session_pick(struct session *s, size_t i, char **cause);

/* Put the customer with id at the counter.  0 or -1. */
int session_pick_id(struct session *s, int64_t id, char **cause);

/* Start a walk-in sale: nobody known at the counter. */
void session_walk_in(struct session *s);

/* Days since the customer's last visit, or -1 if none / not known. */
int64_t session_days_since(const struct session *s);

/* Average basket (net lifetime over visits), 0 if no visit. */
int64_t session_avg_basket(const struct session *s);

#endif
