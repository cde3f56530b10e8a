/*
 * mode_counter.c — the counter's screens: the sale (mode_counter) and
 * the customer and item searches over it (mode_counter_find); and the
 * opening of the counter.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "app/app.h"
#include "app/config.h"
#include "app/console.h"
#include "app/follow.h"
#include "model/civil.h"
#include "model/money.h"
#include "model/session.h"
#include "model/store_orders.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/counter.h"
#include "views/curses.h"
#include "views/ui.h"

/* ---- searches ------------------------------------------------------------ */

static enum reaction
search(struct console *c)
{
	char *cause = NULL;

	if (c->view.base.mode == MODE_ADD)
		session_find_items(c->session, c->view.base.input);
	else if (session_search(c->session, c->view.base.input, &cause) != 0) {
		console_status(c, 1, "%s", cause);
		free(cause);
	}
	return R_RECALC;
}

static void
open_search(struct console *c, int mode)
{
	c->view.base.mode = mode;
	c->view.base.input[0] = '\0';
	session_clear_search(c->session);
	console_status(c, 0, "%s", "");
	console_push(c, &mode_counter_find);
}

/* Enter on a search: the item into the basket, or the customer to the
 * counter. */
static enum reaction
search_pick(struct console *c)
{
	struct counter_view *v = &c->view;
	char *cause = NULL;

	if (v->base.mode == MODE_ADD) {
		const struct item *it = c->session->found[
		    c->session->at.match_sel];
		int rc = session_add_item(c->session, it->id, 1);

		console_pop(c);
		session_set_focus(c->session, FOCUS_SUGGESTIONS);
		session_select(c->session, 0);
		v->base.say_line = 0;
		if (rc < 0) {
			console_status(c, 1, "Not added: the basket would be "
			    "beyond the largest amount uplift keeps.");
			return R_RECALC;
		}
		v->accept_held = 0;
		console_status(c, 0, "Added %s.", it->name);
		console_saved_or_not(c, rc, "the suggestions shown");
		return R_RECALC;
	}
	if (session_pick(c->session, (size_t)c->session->at.match_sel,
	    &cause) != 0) {
		console_status(c, 1, "%s", cause);
		free(cause);
		return R_RECALC;
	}
	console_pop(c);
	session_scroll_history(c->session, INT_MIN);
	session_select(c->session, 0);
	v->accept_held = 0;
	console_status(c, 0, "%s", "");
	return R_RECALC;
}

static void
select_match(struct console *c, int i)
{
	session_select_match(c->session, i, c->view.base.mode == MODE_ADD ?
	    c->session->nfound : c->session->nmatches);
}

static enum reaction
find_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	struct counter_view *v = &c->view;

	return console_search_key(c, &(struct search_keys){
	    v->base.mode == MODE_ADD ? c->session->nfound :
	    c->session->nmatches, screen_match_rows(), c->session->at.match_sel,
	    v->base.input, sizeof v->base.input, 0, select_match, search,
	    search_pick }, a, is_key, wc);
}

const struct screen_mode mode_counter_find = {
	"counter-find", KEYS_SEARCH, find_act, console_draw, console_fits,
	console_search_close, 0
};

/* ---- the sale ------------------------------------------------------------ */

static enum reaction
counter_accept(struct console *c)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;
	char *name, *told;
	int rc;

	if (s->at.focus != FOCUS_SUGGESTIONS || s->nshown == 0)
		return R_NONE;
	if (v->accept_held) {
		/* a second press (a bounce, or Enter after a) takes nothing:
		 * the next one is accepted once it is chosen with the arrows */
		console_status(c, 0, "Accepted already: %s chooses the next "
		    "suggestion to accept; u undoes.", ui_sym(SYM_UPDOWN));
		return R_REPAINT;
	}
	name = xstrdup(catalog_item(&s->cat,
	    s->shown[s->at.sel].sug.item_id)->name);
	told = follow_tell(c, (size_t)s->at.sel);  /* --follow's till */
	rc = session_accept(s, (size_t)s->at.sel);
	if (rc == 0)
		console_status(c, 0, "Accepted: %s. %s", name, s->replay ?
		    "REPLAY: not saved." : "Saved.");
	else
		console_saved_or_not(c, rc, name);
	follow_told(c, told);
	free(name);
	/* the selection stays where it was: on the suggestion that took
	 * the accepted one's place (the session keeps it in range) */
	v->accept_held = rc >= 0;
	v->base.say_line = 0;
	return R_RECALC;
}

/* Enter accepts only a suggestion the clerk chose with an arrow or Tab
 * since the suggestions last changed (session_choose): a second Enter
 * after an add, or a scanner's, sells nothing the customer was not
 * asked about.  The accept key takes the selected one as it is. */
static enum reaction
counter_enter(struct console *c)
{
	struct session *s = c->session;

	if (s->at.focus != FOCUS_SUGGESTIONS || s->nshown == 0)
		return R_NONE;
	if (s->chosen || c->view.accept_held)
		return counter_accept(c);
	console_status(c, 0, "Enter: choose a suggestion with %s first, or %c "
	    "to accept.", ui_sym(SYM_UPDOWN), c->view.base.keys.accept);
	return R_REPAINT;
}

static enum reaction
counter_decline(struct console *c)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;
	int64_t offer_id;
	char *name;
	int rc;

	if (s->at.focus != FOCUS_SUGGESTIONS || s->nshown == 0)
		return R_NONE;
	name = xstrdup(catalog_item(&s->cat,
	    s->shown[s->at.sel].sug.item_id)->name);
	rc = session_decline(s, (size_t)s->at.sel, &offer_id);
	if (rc == 0)
		console_status(c, 0, "Declined: %s. %s", name, s->replay ?
		    "REPLAY: not saved." : "Saved.");
	else
		console_saved_or_not(c, rc, name);
	free(name);
	reason_open(c, offer_id);
	v->base.say_line = 0;
	if (s->nshown == 0)
		session_select(s, 0);
	return R_RECALC;
}

/* u: take back this sale's last accept or decline. */
static enum reaction
counter_undo(struct console *c)
{
	struct session *s = c->session;
	char *cause = NULL;
	int64_t item;
	int what, rc;

	rc = session_undo(s, &what, &item, &cause);
	if (rc != 0) {
		console_status(c, rc < 0, "Nothing undone: %s.", cause);
		free(cause);
		return R_REPAINT;
	}
	console_status(c, 0, "Undone: %s %s.%s", what == OFFER_ACCEPTED ?
	    "accepted" : "declined", catalog_item(&s->cat, item)->name,
	    s->replay ? " REPLAY: not saved." : "");
	c->view.accept_held = 0;
	c->view.base.say_line = 0;
	return R_RECALC;
}

/* The basket line the basket keys act on: the selected one, or the last
 * when the suggestions have the focus. */
static size_t
basket_target(struct console *c)
{
	if (c->session->at.focus != FOCUS_BASKET)
		session_select_line(c->session, (int)c->session->nbasket - 1);
	return (size_t)c->session->at.line;
}

/* -: one less of the line; the line goes at 1. */
static enum reaction
counter_less(struct console *c)
{
	struct session *s = c->session;
	size_t i;
	int rc;

	if (s->nbasket == 0)
		return R_NONE;
	i = basket_target(c);
	if (s->basket[i].qty > 1) {
		rc = session_set_qty(s, i, s->basket[i].qty - 1);
		console_status(c, 0, "%s now %s%lld.", catalog_item(&s->cat,
		    s->basket[i].item_id)->name, ui_sym(SYM_TIMES),
		    (long long)s->basket[i].qty);
	} else {
		rc = session_remove_line(s, i);
		console_status(c, 0, "Line removed.");
	}
	c->view.accept_held = 0;
	if (rc > 0)
		console_saved_or_not(c, rc, "the suggestions shown");
	return R_RECALC;
}

/* A key while a quantity is typed after *: digits, Backspace, Enter sets
 * it, anything else cancels. */
static enum reaction
counter_qty_key(struct console *c, enum action a, int is_key, wint_t wc)
{
	struct counter_view *v = &c->view;
	struct session *s = c->session;
	size_t n = strlen(v->qty), i;
	int64_t q;

	if (!is_key && wc >= '0' && wc <= '9' && n + 1 < sizeof v->qty) {
		v->qty[n] = (char)wc;
		v->qty[n + 1] = '\0';
	} else if ((is_key && wc == KEY_BACKSPACE) || (!is_key && (wc == 127 ||
	    wc == 8))) {
		if (n > 0)
			v->qty[n - 1] = '\0';
	} else if (a == A_ACCEPT && n > 0 && s->nbasket > 0) {
		v->qty_typing = 0;
		q = strtoll(v->qty, NULL, 10);
		i = basket_target(c);
		if (q < 1 || session_set_qty(s, i, q) < 0) {
			console_status(c, 1, "Quantity not set: %s is not "
			    "1 to 9999 (or the line would be too dear).", v->qty);
			return R_REPAINT;
		}
		v->accept_held = 0;
		console_status(c, 0, "%s now %s%lld.", catalog_item(&s->cat,
		    s->basket[i].item_id)->name, ui_sym(SYM_TIMES), (long long)q);
		return R_RECALC;
	} else {
		v->qty_typing = 0;
		console_status(c, 0, "Quantity not changed.");
		return R_REPAINT;
	}
	console_status(c, 0, "Quantity %s%s: Enter sets it on the %s basket "
	    "line, Esc cancels.", ui_sym(SYM_TIMES), v->qty,
	    s->at.focus == FOCUS_BASKET ? "selected" : "last");
	return R_REPAINT;
}

static enum reaction
counter_finish(struct console *c)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;
	char *cause = NULL, total[32];
	int64_t order;

	if (!session_sale_open(s)) {
		console_status(c, 1, "The basket is empty: nothing to record.");
		return R_REPAINT;
	}
	money_show(s->total, s->scale, s->currency, total, sizeof total);
	if (session_finish(s, &order, &cause) != 0) {
		console_status(c, 1, "Sale NOT SAVED: %s", cause);
		free(cause);
		return R_REPAINT;
	}
	if (s->replay)
		console_status(c, 0, "REPLAY: sale of %s %s NOT saved.",
		    total, s->currency);
	else
		console_status(c, 0, "Sale recorded as order POS%lld, %s %s.",
		    (long long)order, total, s->currency);
	session_select(s, 0);
	session_select_line(s, 0);
	session_scroll_history(s, INT_MIN);
	session_set_focus(s, FOCUS_SUGGESTIONS);
	v->accept_held = 0;
	return R_RECALC;
}

/*
 * A key that would take the open sale's basket to someone else — w to a
 * walk-in, / to another customer's (a walk-in's basket going to the
 * customer found is how a card shown late is meant to work) — asks
 * first: 1 when it asked, and the same key again does it.
 */
static int
counter_move_asks(struct console *c, enum action a)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;

	if (!session_sale_open(s) || v->move_asked == (int)a ||
	    (a == A_FIND && s->who != WHO_CUSTOMER))
		return 0;
	v->move_asked = (int)a;
	console_status(c, 0, "A sale is open: %c records it; %c again takes "
	    "its %zu line%s to %s.", v->base.keys.finish, a == A_WALK_IN ?
	    v->base.keys.walk_in : v->base.keys.find, s->nbasket,
	    s->nbasket == 1 ? "" : "s", a == A_WALK_IN ? "a walk-in" :
	    "another customer");
	return 1;
}

/* The keys that change what is at the counter. */
static enum reaction
counter_sale(struct console *c, enum action a)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;

	if ((a == A_WALK_IN || a == A_FIND) && counter_move_asks(c, a))
		return R_REPAINT;
	v->move_asked = 0;
	switch (a) {
	case A_FIND:
	case A_ADD:
		open_search(c, a == A_FIND ? MODE_FIND : MODE_ADD);
		return R_RECALC;
	case A_WALK_IN:
		session_walk_in(s);
		v->accept_held = 0;
		session_scroll_history(s, INT_MIN);
		session_select(s, 0);
		console_status(c, 0, "Walk-in sale.");
		return R_RECALC;
	case A_REMOVE:
		return counter_less(c);
	case A_ACCEPT:
		return counter_accept(c);
	case A_DECLINE:
		return counter_decline(c);
	case A_FINISH:
		return counter_finish(c);
	case A_LANGUAGE:
		return console_next_language(c);
	default:
		return R_PASS;
	}
}

static void
scroll_history(struct console *c, int delta)
{
	session_scroll_history(c->session, delta);
}

/* Tab: the basket or the suggestions. */
static void
counter_tab(struct console *c)
{
	session_set_focus(c->session, c->session->at.focus ==
	    FOCUS_SUGGESTIONS ? FOCUS_BASKET : FOCUS_SUGGESTIONS);
}

static void
counter_arrow(struct console *c, int delta)
{
	session_select_move(c->session, delta);
	if (c->session->at.focus != FOCUS_BASKET)
		c->view.base.say_line = 0;
}

/* The keys that move about the screen. */
static enum reaction
counter_move(struct console *c, enum action a)
{
	enum reaction r = console_move_key(c, &(struct move_keys){
	    counter_tab, counter_arrow, scroll_history,
	    counter_history_rows() }, a);

	if (a == A_TAB || a == A_UP || a == A_DOWN) {
		c->view.accept_held = 0;  /* a suggestion chosen: accept it */
		session_choose(c->session);     /* ... with Enter too */
	}
	return r;
}

enum reaction
counter_main(struct console *c, enum action a)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;
	enum reaction r;

	if ((r = counter_sale(c, a)) != R_PASS)
		return r;
	switch (a) {
	case A_HELP:
		help_open(c);
		return R_REPAINT;
	case A_QUIT:
		/* Ask first if a sale is open or offers are not saved. */
		if ((session_sale_open(s) || session_pending(s) > 0) &&
		    !v->quit_asked) {
			v->quit_asked = 1;
			return R_REPAINT;
		}
		return R_QUIT;
	case A_REPORT:
		return report_open(c);
	case A_REVEAL:
		return console_reveal(c);
	default:
		return counter_move(c, a);
	}
}

enum reaction
counter_pre(struct console *c, enum action a, int is_key, wint_t wc)
{
	struct counter_view *v = &c->view;

	if (v->reveal) {        /* the next key hides it again */
		v->reveal = 0;
		console_status(c, 0, "%s", "");
		return R_REPAINT;
	}
	if (v->quit_asked) {
		v->quit_asked = 0;
		if (!is_key && (int)wc == v->base.keys.quit)
			return R_QUIT;
		return R_REPAINT;
	}
	/* asked before w or /: any other key forgets it */
	if (v->move_asked != 0 && (int)a != v->move_asked)
		v->move_asked = 0;
	/* The "no problem" line after a decline lasts one key; the talking
	 * points then start again at their first line, which the say key
	 * shows rather than skipping to the second. */
	if (c->session->ack_item != 0) {
		session_end_ack(c->session);
		v->base.say_line = 0;
		if (a == A_SAY)
			return R_REPAINT;
	}
	return R_PASS;
}

static enum reaction
counter_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	enum reaction r = counter_pre(c, a, is_key, wc);

	if (r != R_PASS)
		return r;
	if (c->view.qty_typing)
		return counter_qty_key(c, a, is_key, wc);
	if (a == A_ACCEPT && ((!is_key && (wc == '\r' || wc == '\n')) ||
	    (is_key && wc == KEY_ENTER)))
		return counter_enter(c);
	/* u (A_UNDO, the desk's too) and * are fixed keys, unless [keys]
	 * gave them another action */
	if (a == A_UNDO || (a == A_NONE && !is_key && wc == 'u'))
		return counter_undo(c);
	if (a == A_NONE && !is_key && wc == '*' && c->session->nbasket > 0) {
		c->view.qty_typing = 1;
		c->view.qty[0] = '\0';
		console_status(c, 0, "Quantity %s: type it, then Enter.",
		    ui_sym(SYM_TIMES));
		return R_REPAINT;
	}
	return counter_main(c, a);
}

const struct screen_mode mode_counter = {
	"counter", KEYS_MAIN, counter_act, console_draw, console_fits, NULL, 0
};

/* ---- opening ------------------------------------------------------------- */

/* 1 and the notice in buf when the newest order is more than 60 days
 * before now: an old history (Online Retail ends on 9 Dec 2011). */
static int
old_history(struct console *c, char *buf, size_t size)
{
	char *cause = NULL, day[24], date[16], n[32];
	int64_t at, days;

	if (store_newest_order(c->store, &at, &cause) != 0) {
		free(cause);
		return 0;
	}
	days = civil_day_of(c->session->now) - civil_day_of(at);
	if (at == 0 || days <= 60)
		return 0;
	civil_format_day(civil_day_of(at), day, sizeof day);
	civil_format_date(civil_day_of(at), date, sizeof date);
	money_format(days, 0, 1, n, sizeof n);
	snprintf(buf, size, "History ends %s (%s days ago); --at %s shows it "
	    "as of then.", day, n, date);
	return 1;
}

/* What the status line says first. */
static void
counter_hello(struct console *c, const char *warning)
{
	char old[200];

	if (warning != NULL)
		console_status(c, 1, "%s", warning);
	else if (old_history(c, old, sizeof old))
		console_status(c, 0, "%s", old);
	else if (c->session->replay)
		console_status(c, 1, "%s", "REPLAY at a pretended time (--at): "
		    "offers and sales are shown, NOT saved.");
	else if (!console_hello_replayed(c))
		console_status(c, 0, "%s", c->app->demo ? "Demo: a temporary "
		    "copy, nothing is kept. / finds a customer, + adds an "
		    "item." : "/ finds a customer, w starts a walk-in, + adds "
		    "an item, ? shows the keys.");
}

int
counter_setup(struct console *c, struct app *a)
{
	struct scorer_config cfg;
	char *cause = NULL, *warning = NULL, *dir, *w = NULL;
	int64_t now = a->fixed_clock ? a->now : civil_now(), clerk;

	c->session = session_new(c->store, a->config->shop_name,
	    a->config->counter, a->demo, now);
	c->stack[0] = &mode_counter;
	c->depth = 1;
	cfg = app_scorer_config(a, c->session->scale, c->session->currency);
	if (session_open_sales(c->session, &cfg, &warning, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	session_set_replay(c->session, app_pretend(a));
	if (console_clerk(c, &clerk) != 0)
		return -1;
	session_set_clerk(c->session, clerk);
	if (!c->session->replay && a->training == NULL)
		console_journal(c, &c->session->log, &warning);
	/* masked by role, not by the clerk's own configuration: only a
	 * manager's reveal (V, audited) shows more, for one key */
	c->view.mask = 1;
	c->view.base.min_cols = a->config->min_cols;
	c->view.base.min_rows = a->config->min_rows;
	c->view.base.clerk = a->config->clerk;
	if (console_bind_keys(c, a->config) != 0)
		return -1;
	dir = console_scripts_dir(a);
	session_open_scripts(c->session, dir, a->config->language,
	    a->config->variant_mode, &w);
	if (w != NULL && warning == NULL)
		warning = w;
	else
		free(w);
	free(dir);
	counter_hello(c, warning);
	free(warning);
	return 0;
}
