/*
 * mode_desk.c — the hotel front desk's screens: the check-in (mode_desk)
 * and the arrivals and the reservation search over it (mode_desk_find);
 * and the opening of the desk.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "app/app.h"
#include "app/config.h"
#include "app/console.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/checkin.h"
#include "views/curses.h"
#include "model/store_hotel.h"

/* ---- the arrivals and the search ----------------------------------------- */

/* The list for what is typed: the arrivals of the day, or the matches. */
static enum reaction
desk_find(struct console *c)
{
	char *cause = NULL;

	if (desk_search(c->desk, c->cview.base.input, &cause) != 0) {
		console_status(c, 1, "%s", cause);
		free(cause);
	}
	return R_RECALC;
}

static void
desk_open_find(struct console *c)
{
	struct checkin_view *v = &c->cview;

	v->base.mode = MODE_FIND;
	v->base.input[0] = '\0';
	desk_set_day(c->desk, civil_day_of(console_now(c)));
	desk_find(c);
	if (console_top(c) != &mode_desk_find)
		console_push(c, &mode_desk_find);
}

/* Enter on a reservation: the guest at the desk. */
static enum reaction
find_pick(struct console *c)
{
	struct checkin_view *v = &c->cview;
	struct desk *d = c->desk;
	char *cause = NULL;

	if (desk_pick(d, d->rows[d->at.match_sel].id, &cause) != 0) {
		console_status(c, 1, "%s", cause);
		free(cause);
		return R_RECALC;
	}
	console_pop(c);
	desk_set_focus(d, d->noffers > 0 || d->naddons == 0 ?
	    CHECKIN_UPGRADES : CHECKIN_ADDONS);
	desk_select_move(d, 0);
	desk_scroll_stays(d, INT_MIN);
	v->base.say_line = 0;
	if (d->r.status != RES_BOOKED && d->r.status != RES_CHECKED_IN)
		console_status(c, 1, "This reservation is %s: nothing can be "
		    "offered.", reservation_status_name(d->r.status));
	else if (!desk_sellable(d, NULL))
		console_status(c, 1, "Its departure has passed, without a "
		    "check-out: nothing can be offered.");
	else if (d->snap.estimated)
		console_status(c, 1, "The hotel lists no rooms: upgrades are "
		    "estimated and cannot be accepted.");
	else
		console_status(c, 0, "%s", "");
	return R_RECALC;
}

static void
select_match(struct console *c, int i)
{
	desk_select_match(c->desk, i);
}

static enum reaction
find_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	struct checkin_view *v = &c->cview;

	return console_search_key(c, &(struct search_keys){ c->desk->nrows,
	    screen_match_rows(), c->desk->at.match_sel, v->base.input,
	    sizeof v->base.input, 1, select_match, desk_find, find_pick }, a,
	    is_key, wc);
}

const struct screen_mode mode_desk_find = {
	"desk-find", KEYS_SEARCH, find_act, console_draw, console_fits,
	console_search_close, 0
};

/* ---- the check-in -------------------------------------------------------- */

/* Say what an answer did; rc as desk_accept().  A list left empty
 * hands the focus to the other. */
static void
desk_said(struct console *c, int rc, char *msg, char *cause)
{
	if (c->desk->at.focus == CHECKIN_UPGRADES && c->desk->noffers == 0 &&
	    c->desk->naddons > 0)
		desk_set_focus(c->desk, CHECKIN_ADDONS);
	if (rc == 0 || rc == DESK_LOG_PENDING)
		console_status(c, rc != 0, "%s", msg);
	else
		console_status(c, 1, "%s%s", rc < 0 ? "NOT SAVED: " : "",
		    cause);
	free(msg);
	free(cause);
}

/* Decline the selected upgrade (then the reason picker). */
static enum reaction
desk_decline_sel(struct console *c)
{
	struct checkin_view *v = &c->cview;
	struct desk *d = c->desk;
	char *msg = NULL, *cause = NULL;
	int64_t offer_id = 0;
	int rc;

	if (d->at.focus == CHECKIN_ADDONS) {   /* recorded, kept offered */
		rc = desk_decline_addon_at(d, (size_t)d->at.sel, &msg, &cause);
		desk_said(c, rc, msg, cause);
		v->base.say_line = 0;
		desk_unselect(c->desk);
		return R_RECALC;
	}
	rc = desk_decline(d, (size_t)d->at.sel, &offer_id, &msg, &cause);
	desk_said(c, rc, msg, cause);
	v->base.say_line = 0;
	desk_unselect(c->desk);
	if (rc == 0 || rc == DESK_LOG_PENDING)
		reason_open(c, offer_id);
	return R_RECALC;
}

/* The accept key: say what it charges and ask for y (mode_desk_confirm);
 * nothing is sold yet. */
static enum reaction
desk_ask_sel(struct console *c)
{
	struct checkin_view *v = &c->cview;
	struct desk *d = c->desk;
	int addon = d->at.focus == CHECKIN_ADDONS;
	const char *why;
	char *words;

	if (d->at.nosel) {
		console_status(c, 0, "Choose an upgrade or an add-on with the "
		    "arrows first.");
		return R_REPAINT;
	}
	if (!desk_sellable(d, &why)) {
		console_status(c, 1, "Nothing can be sold: %s.", why);
		return R_REPAINT;
	}
	if (!addon && d->snap.estimated) {
		console_status(c, 1, "The hotel lists no rooms: upgrades are "
		    "estimated and cannot be accepted.");
		return R_REPAINT;
	}
	if (addon && d->addons[d->at.sel].sold) {
		console_status(c, 0, "%s is added already; u undoes it.",
		    d->addons[d->at.sel].name);
		return R_REPAINT;
	}
	if ((words = desk_charge_words(d, addon, (size_t)d->at.sel)) == NULL)
		return R_NONE;
	c->ask_addon = addon;
	c->ask_id = addon ? d->addons[d->at.sel].id :
	    d->offers[d->at.sel].type_id;
	snprintf(c->ask_name, sizeof c->ask_name, "%s", addon ?
	    d->addons[d->at.sel].name : desk_type_name(d, c->ask_id));
	snprintf(v->confirm, sizeof v->confirm, "%s.", words);
	console_status(c, 0, "y to confirm, any other key cancels.");
	free(words);
	v->confirming = 1;
	console_push(c, &mode_desk_confirm);
	return R_REPAINT;
}

/* y: sell what was asked, if it is still offered. */
static enum reaction
desk_confirmed(struct console *c)
{
	struct checkin_view *v = &c->cview;
	struct desk *d = c->desk;
	char *msg = NULL, *cause = NULL;
	long i = desk_find_offer(d, c->ask_addon, c->ask_id);
	int rc;

	if (i < 0) {
		console_status(c, 1, "%s was %s: nothing was charged.",
		    c->ask_name, DESK_TAKEN);
		desk_unselect(c->desk);
		return R_RECALC;
	}
	if (c->ask_addon)
		rc = desk_add_addon(d, (size_t)i, &msg, &cause);
	else
		rc = desk_accept(d, (size_t)i, &msg, &cause);
	desk_said(c, rc, msg, cause);
	/* the selection does not move onto another offer */
	v->base.say_line = 0;
	desk_unselect(c->desk);
	return R_RECALC;
}

static void
confirm_close(struct console *c)
{
	c->cview.confirming = 0;
}

/* The confirmation, as the status line and the key bar say: y (or Y)
 * sells; any other key, Enter too, cancels (Enter after the accept key
 * is a habit from the counter, not a yes). */
static enum reaction
confirm_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	(void)a;
	console_pop(c);
	if (!is_key && (wc == 'y' || wc == 'Y'))
		return desk_confirmed(c);
	console_status(c, 0, "Cancelled: nothing was charged.");
	return R_RECALC;
}

const struct screen_mode mode_desk_confirm = {
	"desk-confirm", KEYS_NONE, confirm_act, console_draw, console_fits,
	confirm_close, 0
};

/* u: undo the last answer given here for the stay at the desk. */
static enum reaction
desk_undo_sel(struct console *c)
{
	char *msg = NULL, *cause = NULL;
	int rc;

	if (!c->desk->have)
		return R_NONE;
	rc = desk_undo_last(c->desk, &msg, &cause);
	desk_said(c, rc, msg, cause);
	c->cview.base.say_line = 0;
	desk_unselect(c->desk);
	return R_RECALC;
}

int
desk_idle(struct console *c)
{
	char *msg = NULL, *cause = NULL;
	int rc;

	if (c->desk->replay || (rc = desk_tick(c->desk, &msg, &cause)) == 0)
		return 0;
	if (rc < 0)
		console_status(c, 1, "Cannot read the other desks' changes: %s",
		    cause);
	else if (console_top(c) == &mode_desk_confirm &&
	    desk_find_offer(c->desk, c->ask_addon, c->ask_id) < 0) {
		console_pop(c);
		console_status(c, 1, "%s was %s: nothing was charged.",
		    c->ask_name, DESK_TAKEN);
		desk_unselect(c->desk);
	} else if (msg != NULL && console_top(c) != &mode_desk_confirm) {
		console_status(c, 1, "%s", msg);
		/* the selection does not slide onto another offer */
		desk_unselect(c->desk);
	}
	free(msg);
	free(cause);
	return 1;
}

static void
scroll_stays(struct console *c, int delta)
{
	desk_scroll_stays(c->desk, delta);
}

/* An arrow; after an answer the first one chooses, in place. */
static void
desk_arrow(struct console *c, int delta)
{
	desk_select_move(c->desk, delta);
	c->cview.base.say_line = 0;
}

/* Tab: the add-ons or the upgrades, from their first line, chosen. */
static void
desk_tab(struct console *c)
{
	desk_set_focus(c->desk, c->desk->at.focus == CHECKIN_UPGRADES ?
	    CHECKIN_ADDONS : CHECKIN_UPGRADES);
	desk_arrow(c, 0);
}

/* The keys that move about the screen. */
static enum reaction
desk_move(struct console *c, enum action a)
{
	return console_move_key(c, &(struct move_keys){ desk_tab, desk_arrow,
	    scroll_stays, checkin_stay_rows() }, a);
}

enum reaction
desk_main(struct console *c, enum action a)
{
	struct desk *d = c->desk;
	int n = (int)(d->at.focus == CHECKIN_ADDONS ? d->naddons : d->noffers);

	switch (a) {
	case A_FIND:
		desk_open_find(c);
		return R_RECALC;
	case A_ACCEPT:
		if (!d->have || n == 0)
			return R_NONE;
		return desk_ask_sel(c);
	case A_DECLINE:
		if (!d->have || n == 0)
			return R_NONE;
		if (d->at.nosel) {
			console_status(c, 0, "Choose an upgrade with the arrows "
			    "first.");
			return R_REPAINT;
		}
		return desk_decline_sel(c);
	case A_UNDO:
		return desk_undo_sel(c);
	case A_LANGUAGE:
		return console_next_language(c);
	case A_HELP:
		help_open(c);
		return R_REPAINT;
	case A_REPORT:
		console_status(c, 0, "The report screen is the counter's; at "
		    "the desk: uplift report hotel.");
		return R_REPAINT;
	case A_QUIT:
		return R_QUIT;
	default:
		return desk_move(c, a);
	}
}

static enum reaction
desk_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	/* Enter opens a stay in the list; here it sells nothing (one
	 * accept per intent: the accept key, then y) */
	if (a == A_ACCEPT && ((!is_key && (wc == '\r' || wc == '\n')) ||
	    (is_key && wc == KEY_ENTER))) {
		if (c->desk->have)
			console_status(c, 0, "Enter sells nothing: %c "
			    "accepts the chosen line, then y confirms.",
			    c->cview.base.keys.accept);
		return R_REPAINT;
	}
	return desk_main(c, a);
}

const struct screen_mode mode_desk = {
	"desk", KEYS_MAIN, desk_act, console_draw, console_fits, NULL, 0
};

/* ---- opening ------------------------------------------------------------- */

/* The desk's view: the configuration's sizes and names. */
static void
desk_view(struct console *c, struct app *a)
{
	c->cview.replay = c->desk->replay;
	c->cview.demo = a->demo;
	c->cview.base.min_cols = a->config->min_cols;
	c->cview.base.min_rows = a->config->min_rows;
	c->cview.base.clerk = a->config->clerk;
	c->cview.counter = a->config->hotel_desk;
}

/* What the status line says first. */
static void
desk_hello(struct console *c, const char *warning)
{
	if (warning != NULL)
		console_status(c, 1, "%s", warning);
	else if (c->desk->replay)
		console_status(c, 1, "%s", "REPLAY at a pretended time (--at): "
		    "answers are shown, NOT saved.");
	else if (!console_hello_replayed(c) &&
	    c->cview.base.status[0] == '\0')
		console_status(c, 0, "%s", "Enter picks an arrival; type a "
		    "confirmation or a name to find another.");
}

int
desk_setup(struct console *c, struct app *a, const char *hotel)
{
	char *cause = NULL, *warning = NULL, *dir, *w = NULL, *name;
	int64_t hid, clerk;
	int rc;

	/* any case; an unknown name lists the hotels (issue 17); the
	 * header shows the name as the hotel's data spells it */
	if ((rc = app_hotel_id(c->store, hotel, &hid, &name)) != 1)
		return -1;
	c->desk = xcalloc(1, sizeof *c->desk);
	c->stack[0] = &mode_desk;
	c->depth = 1;
	if (desk_open(c->desk, c->store, hid, a->config->hotel_cap_percent,
	    &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		free(name);
		return -1;
	}
	desk_set_who(c->desk, name, a->config->hotel_desk, app_pretend(a));
	free(name);
	desk_set_now(c->desk, console_now(c));
	/* the offers a visit shows go to the offer log, as the counter's */
	desk_set_log_shown(c->desk, 1);
	if (console_clerk(c, &clerk) != 0)
		return -1;
	desk_set_clerk(c->desk, clerk);
	desk_view(c, a);
	if (console_bind_keys(c, a->config) != 0)
		return -1;
	dir = console_scripts_dir(a);
	desk_open_scripts(c->desk, dir, a->config->language, &warning);
	free(dir);
	if (!c->desk->replay && a->training == NULL) {
		console_journal(c, &c->desk->log, &w);
		if (warning == NULL)
			warning = w;
		else
			free(w);
	}
	desk_open_find(c);
	desk_hello(c, warning);
	free(warning);
	return 0;
}
