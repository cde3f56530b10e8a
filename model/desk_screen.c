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
	int rc;

	store_reservation_rows_free(&d->rows, d->nrows);
	d->nrows = d->nmatched = 0;
	/* the day's arrivals all (the list scrolls); a search's first
	 * matches, and how many there are */
	rc = store_reservations_find(d->store, d->hotel_id, text, d->day,
	    text == NULL ? DESK_ARRIVALS_MAX : DESK_ROWS_MAX, &d->rows,
	    &d->nrows, cause);
	if (rc == 0 && d->nrows > 0)
		d->nmatched = d->rows[0].matched;
	return rc;
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
	d->at.match_sel = d->at.match_top = 0;     /* a new list */
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
	int64_t every[DESK_OFFERS_MAX];
	size_t all, i, k;
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
	{
		int64_t from;
		int left;

		d->when = desk_stay_nights(d, &d->r, &from, &left);
	}
	if (d->done_for != id) {
		/* another stay: its visit starts, nothing to undo yet */
		d->done_for = id;
		d->ndone = 0;
		d->nshown_types = d->nshown_addons = 0;
	}
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
	all = desk_offers(d, &d->r, 0, d->offers, DESK_OFFERS_MAX);
	for (i = 0; i < all; i++)
		every[i] = d->offers[i].type_id;
	n = desk_stay_offers(d, &d->r, d->offers, DESK_OFFERS_MAX, &d->stays,
	    &d->nstays, cause);
	/* the ones left out were declined: which, for the screen */
	d->declined = 0;
	for (i = 0; n >= 0 && i < all; i++) {
		for (k = 0; k < (size_t)n && d->offers[k].type_id != every[i];
		    k++)
			;
		if (k == (size_t)n)
			d->declined_ids[d->declined++] = every[i];
	}
	if (n < 0 || desk_stay_addons(d, &d->r, d->addons, DESK_ADDONS_MAX,
	    &d->naddons, cause) != 0) {
		desk_leave(d);
		return -1;
	}
	d->noffers = (size_t)n;
	/* on the books: what this visit shows, once (a row the store
	 * refuses is kept in d->log for retry) */
	(void)desk_log_shown(d);
	desk_fit(d);            /* the lists changed: the cursor in them */
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

/* Keep an answer for u (code NULL: a type without a code, not kept). */
static void
done_push(struct desk *d, const char *code, int what)
{
	if (code == NULL || d->replay)
		return;
	if (d->ndone == DESK_DONE_MAX) {
		memmove(d->done, d->done + 1, (DESK_DONE_MAX - 1) *
		    sizeof d->done[0]);
		d->ndone--;
	}
	snprintf(d->done[d->ndone].code, sizeof d->done[0].code, "%s", code);
	d->done[d->ndone++].what = what;
}

/* 1 if an accept of type_id refused with cause lost a race: the room is
 * no longer available every night (another desk took it). */
static int
room_taken(const struct desk *d, int64_t type_id, const char *cause)
{
	size_t w;

	if (cause != NULL && strstr(cause, "no longer free") != NULL)
		return 1;
	for (w = 0; w < d->nwhy; w++)
		if (d->why[w].type_id == type_id)
			return d->why[w].rule == HOTEL_RULE_NOT_FREE;
	return 0;
}

int
desk_accept(struct desk *d, size_t i, char **msg, char **cause)
{
	struct hotel_offer o;
	char m1[32], m2[32], *name, *saved;
	int64_t type_id, from;
	int rc, left;

	if (!d->have || i >= d->noffers) {
		*cause = xstrdup("no such upgrade");
		return 1;
	}
	type_id = d->offers[i].type_id;
	(void)desk_stay_nights(d, &d->r, &from, &left);
	/* the rooms as they are now: another desk may have taken one */
	if (desk_reload(d, cause) != 0) {
		desk_leave(d);
		return -1;
	}
	rc = desk_answer(d, &d->r, type_id, -1, &o, NULL, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(desk_type_name(d, o.type_id), 60);
		saved = desk_saved(d, rc);
		money_show(o.per_night, d->scale, d->cur, m1, sizeof m1);
		money_show(o.total, d->scale, d->cur, m2, sizeof m2);
		*msg = xasprintf("Upgraded to %s: +%s a night, +%s %s for %d "
		    "night%s. %s", name, m1, m2, d->cur, left, left == 1 ?
		    "" : "s", saved);
		free(saved);
		free(name);
		done_push(d, desk_type(d, type_id) != NULL ?
		    desk_type(d, type_id)->code : NULL, 'u');
	} else if (rc == 1 && room_taken(d, type_id, *cause)) {
		name = text_cleans(desk_type_name(d, type_id), 60);
		free(*cause);
		*cause = xasprintf("%s was %s: no room of it is available "
		    "every night now.", name, DESK_TAKEN);
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
		done_push(d, desk_type(d, d->offers[i].type_id) != NULL ?
		    desk_type(d, d->offers[i].type_id)->code : NULL, 'd');
	}
	desk_repick(d, msg);
	return rc;
}

int
desk_decline_addon_at(struct desk *d, size_t i, char **msg, char **cause)
{
	char *name, *saved;
	int rc;

	if (!d->have || i >= d->naddons) {
		*cause = xstrdup("no such add-on");
		return 1;
	}
	rc = desk_decline_addon(d, &d->r, d->addons[i].code, 0, cause);
	if (rc == 0 || rc == DESK_LOG_PENDING) {
		name = text_cleans(d->addons[i].name, 60);
		saved = desk_saved(d, rc);
		*msg = xasprintf("Declined: %s, for this stay. %s", name,
		    saved);
		free(saved);
		free(name);
		done_push(d, d->addons[i].code, 'D');
		/* look again: the list marks it declined */
		desk_repick(d, msg);
	}
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
	char m[32], words[64], *name, *code, *saved;
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
		money_show(total, d->scale, d->cur, m, sizeof m);
		*msg = xasprintf("Added %s: %s %s %s. %s", name, m, d->cur,
		    desk_for_stay_words(desk_addon_covers(&d->addons[i],
		    d->r.nights), d->r.nights, NULL, words, sizeof words),
		    saved);
		free(saved);
		free(name);
		done_push(d, code, 'a');
	} else if (rc == 1 && strstr(*cause, "sold out") != NULL) {
		/* it was listed: another desk took the last one */
		name = text_cleans(d->addons[i].name, 60);
		free(*cause);
		*cause = xasprintf("%s was %s: none left for every day of the "
		    "stay.", name, DESK_TAKEN);
		free(name);
	}
	free(code);
	desk_repick(d, msg);
	return rc;
}

int
desk_sellable(const struct desk *d, const char **why)
{
	const char *w = NULL;

	if (!d->have)
		w = "nobody is at the desk";
	else if (d->when != HOTEL_WHEN_AHEAD && d->when != HOTEL_WHEN_IN_HOUSE)
		w = hotel_when_text((enum hotel_when)d->when);
	if (why != NULL)
		*why = w;
	return w == NULL;
}

long
desk_find_offer(const struct desk *d, int addon, int64_t id)
{
	size_t i;

	if (!d->have)
		return -1;
	if (addon) {
		for (i = 0; i < d->naddons; i++)
			if (d->addons[i].id == id && !d->addons[i].sold)
				return (long)i;
		return -1;
	}
	for (i = 0; i < d->noffers; i++)
		if (d->offers[i].type_id == id)
			return (long)i;
	return -1;
}

/* The name of room type or add-on `code` ("?" if neither), cleaned for
 * the screen (malloc'd). */
static char *
done_name(const struct desk *d, const struct desk_done *x)
{
	size_t i;

	if (x->what == 'u' || x->what == 'd') {
		for (i = 0; i < d->snap.ntypes; i++)
			if (d->snap.types[i].code != NULL &&
			    strcmp(d->snap.types[i].code, x->code) == 0)
				return text_cleans(d->snap.types[i].name, 60);
	} else
		for (i = 0; i < d->naddons; i++)
			if (strcmp(d->addons[i].code, x->code) == 0)
				return text_cleans(d->addons[i].name, 60);
	return text_cleans(x->code, 60);
}

int
desk_undo_last(struct desk *d, char **msg, char **cause)
{
	struct desk_done x;
	char rate[32], *name, *held;
	int what, rc;

	if (!d->have || d->ndone == 0 || d->done_for != d->r.id) {
		*cause = xstrdup("Nothing to undo: no answer was given at this "
		    "desk for this stay.");
		return 1;
	}
	x = d->done[d->ndone - 1];
	name = done_name(d, &x);
	rc = desk_undo(d, &d->r, x.code, &what, cause);
	/* refused for rows not saved yet: kept, to try again; refused
	 * otherwise (undone elsewhere meanwhile): gone from the list */
	if (rc < 0 || (rc == 1 && offerlog_pending(&d->log) > 0)) {
		free(name);
		return rc;
	}
	d->ndone--;
	if (rc == 1) {
		free(name);
		return 1;
	}
	desk_repick(d, NULL);
	if (!d->have) {
		*msg = xasprintf("Undone: %s. The stay cannot be shown again.",
		    name);
		free(name);
		return 0;
	}
	money_show(d->r.rate, d->scale, d->cur, rate, sizeof rate);
	held = text_cleans(desk_type_name(d, desk_holding(&d->r)), 60);
	if (what == 'u')
		*msg = xasprintf("Undone: the upgrade to %s; back in %s at %s "
		    "%s a night. Saved.", name, held, rate, d->cur);
	else if (what == 'a')
		*msg = xasprintf("Undone: %s taken off the stay. Saved.", name);
	else
		*msg = xasprintf("Undone: the decline of %s; it is offered "
		    "again. Saved.", name);
	free(held);
	free(name);
	return 0;
}

/* "Deluxe, Parking" of the upgrades in t[0..nt) and the add-ons in
 * a[0..na) the desk no longer offers, or NULL for none (malloc'd). */
static char *
gone_names(const struct desk *d, const int64_t *t, size_t nt,
    const int64_t *a, char (*an)[64], size_t na)
{
	char *out = NULL, *s;
	const char *name;
	size_t i;

	for (i = 0; i < nt + na; i++) {
		if (i < nt ? desk_find_offer(d, 0, t[i]) >= 0 :
		    desk_find_offer(d, 1, a[i - nt]) >= 0)
			continue;
		name = i < nt ? desk_type_name(d, t[i]) : an[i - nt];
		s = xasprintf("%s%s%s", out != NULL ? out : "", out != NULL ?
		    ", " : "", name);
		free(out);
		out = s;
	}
	if (out != NULL) {
		s = text_cleans(out, 160);
		free(out);
		out = s;
	}
	return out;
}

int
desk_tick(struct desk *d, char **msg, char **cause)
{
	int64_t v, t[DESK_OFFERS_MAX], a[DESK_ADDONS_MAX];
	char an[DESK_ADDONS_MAX][64], *gone;
	size_t nt = 0, na = 0, i;

	*msg = NULL;
	if (store_data_version(d->store, &v) != 0 || v == d->data_version)
		return 0;
	d->data_version = v;
	if (desk_list(d, d->query[0] != '\0' ? d->query : NULL, cause) != 0)
		return -1;
	if (!d->have)
		return 1;
	for (i = 0; i < d->noffers; i++)
		t[nt++] = d->offers[i].type_id;
	for (i = 0; i < d->naddons; i++)
		if (!d->addons[i].sold) {
			snprintf(an[na], sizeof an[na], "%s", d->addons[i].name);
			a[na++] = d->addons[i].id;
		}
	desk_repick(d, NULL);
	if (!d->have)
		return 1;
	if ((gone = gone_names(d, t, nt, a, an, na)) != NULL) {
		*msg = xasprintf("%s %s: no longer offered.", gone, DESK_TAKEN);
		free(gone);
	}
	return 1;
}
