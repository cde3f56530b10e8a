/*
 * desk_screen.c — the check-in screen's state (model/desk.h): the list of
 * arrivals or of a search's matches, the reservation at the desk, and the
 * answers given there (accept, decline, add), each followed by a fresh
 * look at the stay.  Split from desk.c by subject.
 */
#include "model/desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/money.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/text.h"
#include "model/xalloc.h"

static int
persons_of(const struct reservation *r)
{
	return r->adults + r->children > 0 ? r->adults + r->children : 1;
}

/* ---- the check-in screen -------------------------------------------------- */

static int
desk_list(struct desk *d, const char *text, char **cause)
{
	store_reservation_rows_free(&d->rows, d->nrows);
	d->nrows = 0;
	return store_reservations_find(d->store, d->hotel_id, text, d->day,
	    DESK_ROWS_MAX, &d->rows, &d->nrows, cause);
}

int
desk_arrivals(struct desk *d, int64_t day, char **cause)
{
	d->day = day;
	d->query[0] = '\0';
	return desk_list(d, NULL, cause);
}

int
desk_search(struct desk *d, const char *text, char **cause)
{
	snprintf(d->query, sizeof d->query, "%s", text);
	return desk_list(d, d->query[0] != '\0' ? d->query : NULL, cause);
}

void
desk_leave(struct desk *d)
{
	if (d->have)
		reservation_clear(&d->r);
	free(d->stays);
	d->stays = NULL;
	d->nstays = 0;
	desk_addons_clear(d->addons, d->naddons);
	d->naddons = 0;
	d->noffers = 0;
	d->declined = 0;
	d->lang[0] = '\0';
	free(d->guest);
	d->guest = xstrdup("");
	d->have = 0;
}

int
desk_pick(struct desk *d, int64_t id, char **cause)
{
	struct customer c;
	long n;
	int rc;

	desk_leave(d);
	if (desk_reload(d, cause) != 0)
		return -1;
	if ((rc = store_reservation_get(d->store, id, &d->r, cause)) != 1) {
		if (rc == 0)
			*cause = xstrdup("the reservation is gone");
		return -1;
	}
	d->have = 1;
	d->persons = persons_of(&d->r);
	if (d->r.guest_id != 0) {
		memset(&c, 0, sizeof c);
		if ((rc = store_customer_get(d->store, d->r.guest_id, &c,
		    cause)) < 0) {
			desk_leave(d);
			return -1;
		}
		if (rc == 1) {
			free(d->guest);
			d->guest = xstrdup(c.name != NULL ? c.name : "");
			if (c.lang != NULL && script_have_language(&d->scripts,
			    c.lang))
				snprintf(d->lang, sizeof d->lang, "%s", c.lang);
			customer_clear(&c);
		}
	}
	d->declined = desk_offers(d, &d->r, 0, d->offers, DESK_OFFERS_MAX);
	n = desk_stay_offers(d, &d->r, d->offers, DESK_OFFERS_MAX, &d->stays,
	    &d->nstays, cause);
	d->declined = n >= 0 ? d->declined - (size_t)n : 0;
	if (n < 0 || desk_stay_addons(d, &d->r, d->addons, DESK_ADDONS_MAX,
	    &d->naddons, cause) != 0) {
		desk_leave(d);
		return -1;
	}
	d->noffers = (size_t)n;
	return 0;
}

/* Look at the reservation at the desk again after a change; when that
 * fails the desk is left empty and *msg (if set) says so. */
static void
desk_repick(struct desk *d, char **msg)
{
	char *cause = NULL, *t;
	int64_t id = d->r.id;
	char lang[4];

	memcpy(lang, d->lang, sizeof lang);
	if (desk_pick(d, id, &cause) != 0) {
		if (msg != NULL && *msg != NULL) {
			t = xasprintf("%s Cannot show the stay again: %s", *msg,
			    cause);
			free(*msg);
			*msg = t;
		}
		free(cause);
	} else if (lang[0] != '\0')
		memcpy(d->lang, lang, sizeof lang);
}

/* How an answer's log row went: saved, kept for retry (and why), or not
 * written in a replay.  malloc'd. */
static char *
desk_saved(const struct desk *d, int rc)
{
	if (d->replay)
		return xstrdup("REPLAY: not saved.");
	if (rc == DESK_LOG_PENDING)
		return xasprintf("Log NOT SAVED, kept for retry: %s",
		    offerlog_cause(&d->log));
	return xstrdup("Saved.");
}

int
desk_accept(struct desk *d, size_t i, char **msg, char **cause)
{
	struct hotel_offer o;
	char m1[32], m2[32], *name, *saved;
	int rc;

	if (!d->have || i >= d->noffers) {
		*cause = xstrdup("no such upgrade");
		return 1;
	}
	/* the rooms as they are now: another desk may have taken one */
	if (desk_reload(d, cause) != 0) {
		desk_leave(d);
		return -1;
	}
	rc = desk_answer(d, &d->r, d->offers[i].type_id, -1, &o, NULL, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(desk_type_name(d, o.type_id), 60);
		saved = desk_saved(d, rc);
		money_format(o.per_night, d->scale, 1, m1, sizeof m1);
		money_format(o.total, d->scale, 1, m2, sizeof m2);
		*msg = xasprintf("Upgraded to %s: +%s a night, +%s %s for %d "
		    "night%s. %s", name, m1, m2, d->cur, d->r.nights,
		    d->r.nights == 1 ? "" : "s", saved);
		free(saved);
		free(name);
	}
	desk_repick(d, msg);
	return rc;
}

int
desk_decline(struct desk *d, size_t i, int64_t *offer_id, char **msg,
    char **cause)
{
	char *name, *saved;
	int rc;

	if (!d->have || i >= d->noffers) {
		*cause = xstrdup("no such upgrade");
		return 1;
	}
	rc = desk_answer(d, &d->r, d->offers[i].type_id, 0, NULL, offer_id,
	    cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(desk_type_name(d, d->offers[i].type_id), 60);
		saved = desk_saved(d, rc);
		*msg = xasprintf("Declined: %s, not offered again for this "
		    "stay. %s", name, saved);
		free(saved);
		free(name);
	}
	desk_repick(d, msg);
	return rc;
}

int
desk_decline_reason(struct desk *d, int64_t offer_id, int reason)
{
	if (d->replay)
		return 0;
	return offerlog_reason(&d->log, offer_id, reason);
}

int
desk_add_addon(struct desk *d, size_t i, char **msg, char **cause)
{
	int64_t total;
	char m[32], *name, *code, *saved;
	int rc;

	if (!d->have || i >= d->naddons) {
		*cause = xstrdup("no such add-on");
		return 1;
	}
	code = xstrdup(d->addons[i].code);
	rc = desk_add(d, &d->r, code, &total, NULL, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(d->addons[i].name, 60);
		saved = desk_saved(d, rc);
		money_format(total, d->scale, 1, m, sizeof m);
		*msg = xasprintf("Added %s: %s %s for the stay. %s", name, m,
		    d->cur, saved);
		free(saved);
		free(name);
	}
	free(code);
	desk_repick(d, msg);
	return rc;
}
