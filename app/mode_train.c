/*
 * mode_train.c — a training run: a wrapper around the counter's or the
 * desk's mode (mode_train), the scenario's customer answering what the
 * trainee offers; an objection to answer (mode_answer) and the score
 * sheet (mode_score) over it.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "app/app.h"
#include "app/config.h"
#include "app/console.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/money.h"
#include "model/session.h"
#include "model/store.h"
#include "model/text.h"
#include "model/training.h"
#include "model/xalloc.h"
#include "views/checkin.h"
#include "views/counter.h"
#include "views/curses.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_staff.h"

/* ---- training ------------------------------------------------------------ */

/* Record the run in the trainee's store and read their progress back. */
static void
train_record(struct console *c)
{
	struct store *t = NULL;
	char *cause = NULL;
	const char *who = app_trainee(c->app);

	/* --at moved a scenario off its own day: another world (a stay
	 * over, a season gone), not a score of this scenario */
	int off_day = c->sc->at != NULL && civil_day_of(c->app->now) !=
	    civil_day_of(c->sc->at_time);
	char day[16];

	store_training_progress_free(&c->progress, c->nprogress);
	c->nprogress = 0;
	/* the trainee's own store: when they trained, by the computer's
	 * clock (--at only moves the scenario's world) */
	if (store_open(&t, c->app->training_db, STORE_CREATE, &cause) != 0 ||
	    (!off_day && store_training_add(t, c->sc->id, who,
	    civil_now(), c->sheet.passed, (int)c->sheet.n, c->sheet.percent,
	    &cause) != 0) ||
	    store_training_progress(t, who, &c->progress,
	    &c->nprogress, &cause) != 0) {
		console_status(c, 1, "The score is NOT SAVED: %s", cause);
		free(cause);
	} else if (off_day) {
		civil_format_date(civil_day_of(c->sc->at_time), day, sizeof day);
		console_status(c, 1, "Not saved: --at moved it off its day, %s. "
		    "r plays it again, %c quits.", day, c->view.base.keys.quit);
	} else
		console_status(c, 0, "Score saved. r plays it again, %c quits.",
		    c->view.base.keys.quit);
	store_close(&t);
}

/* The run is over: score it, keep it, show the sheet. */
enum reaction
train_end(struct console *c)
{
	training_finish(&c->run);
	training_score(&c->run, &c->sheet);
	train_record(c);
	c->view.base.sheet = c->cview.base.sheet = &c->sheet;
	c->view.base.progress = c->cview.base.progress = c->progress;
	c->view.base.nprogress = c->cview.base.nprogress = c->nprogress;
	c->view.base.mode = MODE_SCORE;
	c->cview.base.mode = MODE_SCORE;
	console_push(c, &mode_score);
	return R_RECALC;
}

/* What the customer's reply means for the sale; say it. */
static void
train_said(struct console *c, int reply)
{
	const struct training *t = &c->run;
	const char *who = c->desk != NULL ? "guest" : "customer";

	if (reply != REPLY_DONE && t->nev > 0 && t->ev[t->nev - 1].after_no) {
		console_status(c, 1, "The %s had said no: an offer after a no is a "
		    "veto.", who);
		return;
	}
	switch (reply) {
	case REPLY_ACCEPTED:
		console_status(c, 0, "The %s takes it.", who);
		break;
	case REPLY_DECLINED:
		console_status(c, 0, "The %s said no.", who);
		break;
	case REPLY_NOT_NEEDED:
		console_status(c, 0, "Not for this %s: a soft no.", who);
		break;
	case REPLY_OBJECTION:
		console_status(c, 0, "The %s hesitates: answer with 1-%zu.", who,
		    c->sc->nanswers);
		break;
	case REPLY_HESITANT:
		console_status(c, 0, "Not a yes, not a no: the %s hesitates.", who);
		break;
	case REPLY_CONFUSED:
		console_status(c, 1, "Not understood: the %s does not speak %s (%c "
		    "changes the language).", who, text_language_name(
		    c->desk != NULL ? desk_language(c->desk) :
		    session_language(c->session)), c->view.base.keys.language);
		break;
	default:
		console_status(c, 0, "The %s has heard enough: %c ends the "
		    "%s.", who, c->view.base.keys.finish, c->desk != NULL ?
		    "check-in" : "sale");
		break;
	}
}

/* Act on the shop's suggestion i as the customer answered. */
static void
train_shop_reply(struct console *c, size_t i, int reply)
{
	int64_t oid;

	if (reply == REPLY_HESITANT || reply == REPLY_CONFUSED)
		return;         /* still on offer: no answer to record */
	if (reply == REPLY_ACCEPTED)
		session_accept(c->session, i);
	else if (reply == REPLY_DECLINED || reply == REPLY_NOT_NEEDED)
		session_decline(c->session, i, &oid);
	session_select(c->session, 0);
	c->view.base.say_line = 0;
}

/* The trainee offers the selected suggestion with the line shown. */
static enum reaction
train_offer_shop(struct console *c)
{
	struct session *s = c->session;
	size_t i = (size_t)c->session->at.sel;
	const struct suggestion *g = &s->shown[i].sug;
	const struct item *it = catalog_item(&s->cat, g->item_id);
	struct training_offer o;
	char *lines[SESSION_SAY_MAX], diff[32], price[32];
	int n, k, reply;

	n = session_say_lines(s, i, lines);
	money_show(g->diff >= 0 ? g->diff : -g->diff, s->scale, s->currency, diff,
	    sizeof diff);
	money_show(g->price, s->scale, s->currency, price, sizeof price);
	memset(&o, 0, sizeof o);
	o.code = it->sku;
	o.name = it->name;
	o.line = n > 0 ? lines[c->view.base.say_line % n] : "";
	o.lang = session_language(s);
	o.diff = diff;
	o.price = price;
	o.benefit = catalog_benefit(&s->cat, it->id, o.lang);
	o.upgrade = g->kind == SUG_UPGRADE;
	o.total = s->total + g->diff;
	o.scale = s->scale;
	reply = training_offer(&c->run, &o);
	for (k = 0; k < n; k++)
		free(lines[k]);
	if (reply == REPLY_OBJECTION) {
		console_push(c, &mode_answer);
		c->offer_sel = i;
	} else
		train_shop_reply(c, i, reply);
	train_said(c, reply);
	return R_RECALC;
}

/* Act on the desk's offer or add-on i as the customer answered; the
 * talking points stay in the language the trainee chose.  0, or -1 when
 * the desk refused (said on the status line). */
static int
train_desk_reply(struct console *c, size_t i, int addon, int reply)
{
	struct desk *d = c->desk;
	char *msg = NULL, *cause = NULL, lang[4];
	int64_t oid;
	int rc = 0;

	if (reply == REPLY_HESITANT || reply == REPLY_CONFUSED)
		return 0;       /* still on offer: no answer to record */
	memcpy(lang, d->lang, sizeof lang);
	if (reply == REPLY_ACCEPTED && addon)
		rc = desk_add_addon(d, i, &msg, &cause);
	else if (reply == REPLY_ACCEPTED)
		rc = desk_accept(d, i, &msg, &cause);
	else if (!addon && (reply == REPLY_DECLINED ||
	    reply == REPLY_NOT_NEEDED))
		rc = desk_decline(d, i, &oid, &msg, &cause);
	if (rc == DESK_LOG_PENDING)
		console_status(c, 1, "%s", msg);
	else if (rc != 0)
		console_status(c, 1, "%s", cause != NULL ? cause : "not done");
	free(msg);
	free(cause);
	desk_set_language(d, lang);
	desk_select(d, 0);
	c->cview.base.say_line = 0;
	if (c->desk->at.focus == CHECKIN_UPGRADES && d->noffers == 0 &&
	    d->naddons > 0)
		desk_set_focus(d, CHECKIN_ADDONS);
	/* after a no nothing stays selected (a declined add-on stays on
	 * the list): its line is not on show to be said again, and a
	 * further offer takes a choice with the arrows first */
	if (reply == REPLY_DECLINED || reply == REPLY_NOT_NEEDED) {
		/* an arrow then chooses the add-on after the one declined */
		if (addon && c->desk->at.focus == CHECKIN_ADDONS &&
		    d->naddons > 1)
			desk_select(d, (int)((i + 1) % d->naddons));
		desk_unselect(d);
	}
	return rc != 0 && rc != DESK_LOG_PENDING ? -1 : 0;
}

/* The trainee offers the selected upgrade or add-on at the desk. */
static enum reaction
train_offer_desk(struct console *c)
{
	struct desk *d = c->desk;
	struct checkin_view *v = &c->cview;
	int addon = c->desk->at.focus == CHECKIN_ADDONS, n, k, reply;
	size_t i = (size_t)c->desk->at.sel;
	struct training_offer o;
	char *lines[DESK_SAY_MAX], diff[32], price[32], *benefit = NULL;
	const struct hotel_type *t = NULL;
	int64_t stay = d->r.rate * d->r.nights;

	n = desk_say_lines(d, addon, i, lines);
	memset(&o, 0, sizeof o);
	if (addon) {
		o.code = d->addons[i].code;
		o.name = d->addons[i].name;
		money_show(d->addons[i].total, d->scale, d->cur, diff,
		    sizeof diff);
		money_show(d->addons[i].price, d->scale, d->cur, price,
		    sizeof price);
		o.total = stay + d->addons[i].total;
	} else {
		t = desk_type(d, d->offers[i].type_id);
		o.code = t != NULL && t->code != NULL ? t->code : "?";
		o.name = desk_type_name(d, d->offers[i].type_id);
		money_show(d->offers[i].per_night, d->scale, d->cur, diff,
		    sizeof diff);
		money_show(d->offers[i].total, d->scale, d->cur, price,
		    sizeof price);
		benefit = desk_benefit(d, &d->r, &d->offers[i]);
		o.upgrade = 1;
		o.total = stay + d->offers[i].total;
	}
	o.line = n > 0 ? lines[v->base.say_line % n] : "";
	o.lang = desk_language(d);
	o.diff = diff;
	o.price = price;
	o.benefit = benefit;
	o.scale = d->scale;
	reply = training_offer(&c->run, &o);
	for (k = 0; k < n; k++)
		free(lines[k]);
	free(benefit);
	if (reply == REPLY_OBJECTION) {
		console_push(c, &mode_answer);
		c->offer_sel = i;
		c->offer_addon = addon;
	} else if (train_desk_reply(c, i, addon, reply) != 0)
		return R_RECALC;
	train_said(c, reply);
	return R_RECALC;
}

/* An answer to the objection (1..n); anything else asks again. */
static enum reaction
train_answer(struct console *c, enum action a, int is_key, wint_t wc)
{
	int reply;

	(void)a;
	if (is_key || wc < '1' || wc > '0' + (wint_t)c->sc->nanswers) {
		console_status(c, 1, "The customer waits for an answer: 1-%zu.",
		    c->sc->nanswers);
		return R_RECALC;
	}
	reply = training_answer(&c->run, (size_t)(wc - '1'));
	console_pop(c);
	if (c->desk != NULL) {
		if (train_desk_reply(c, c->offer_sel, c->offer_addon, reply) !=
		    0)
			return R_RECALC;
	} else
		train_shop_reply(c, c->offer_sel, reply);
	train_said(c, reply);
	return R_RECALC;
}

/* The score sheet: r plays again, the quit key ends. */
static enum reaction
train_sheet_key(struct console *c, enum action a, int is_key, wint_t wc)
{
	(void)a;
	if (!is_key && wc == 'r') {
		c->app->retry = 1;
		return R_QUIT;
	}
	if (!is_key && (int)wc == c->view.base.keys.quit)
		return R_QUIT;
	return R_NONE;
}

const struct screen_mode mode_answer = {
	"answer", KEYS_NONE, train_answer, console_draw, console_fits, NULL, 0
};

const struct screen_mode mode_score = {
	"score", KEYS_NONE, train_sheet_key, console_draw, console_fits, NULL,
	0
};

/* 1 if code is a SKU of the catalogue (shop) or a room type or add-on
 * code of the hotel (desk). */
static int
train_code_known(struct console *c, const char *code)
{
	struct store_addons x;
	char *cause = NULL;
	size_t i;
	int found = 0;

	if (c->desk == NULL) {
		session_find_items(c->session, code);
		return c->session->nfound > 0 &&
		    strcmp(c->session->found[0]->sku, code) == 0;
	}
	for (i = 0; i < c->desk->snap.ntypes; i++)
		if (c->desk->snap.types[i].code != NULL &&
		    strcmp(c->desk->snap.types[i].code, code) == 0)
			return 1;
	if (store_hotel_addons(c->store, c->desk->hotel_id, 0, 0, &x,
	    &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < x.n && !found; i++)
		found = strcmp(x.codes[i], code) == 0;
	store_addons_free(&x);
	return found;
}

/* Every code the scenario names must be there, or it cannot be won. */
static int
train_check_codes(struct console *c, const struct scenario *sc)
{
	size_t i;

	for (i = 0; i < sc->ngood + sc->nbad; i++) {
		const char *code = i < sc->ngood ? sc->good[i] :
		    sc->bad[i - sc->ngood];
		if (!train_code_known(c, code)) {
			app_error("%s: %s: %s names %s, which is not in this "
			    "%s", sc->file, sc->id, i < sc->ngood ? "good" :
			    "bad", code, c->desk != NULL ? "hotel" :
			    "catalogue");
			return -1;
		}
	}
	return 0;
}

/* The smallest terminal training runs in: the dialogue beside the offers. */
#define TRAIN_MIN_COLS 80
#define TRAIN_MIN_ROWS 24

/*
 * A training run: the scenario's customer at the counter with its basket,
 * or its guest at the desk, the talking points in the counter's language
 * (switching to the customer's is the trainee's move), the dialogue open.
 */
int
train_setup(struct console *c, struct app *a)
{
	const struct scenario *sc = a->training;
	char *cause = NULL, *list, *tok, *save;
	int64_t id, hid;
	int rc;

	c->sc = sc;
	if (sc->mode == TRAIN_HOTEL) {
		if (desk_setup(c, a, sc->hotel) != 0)
			return -1;
		if ((rc = store_hotel_id(c->store, sc->hotel, &hid,
		    &cause)) != 1 || (rc = store_reservation_id(c->store, hid,
		    sc->reservation, &id, &cause)) != 1 ||
		    desk_pick(c->desk, id, &cause) != 0) {
			app_error("%s: %s", sc->id, cause != NULL ? cause :
			    "its reservation is not in this hotel");
			free(cause);
			return -1;
		}
		desk_set_language(c->desk, NULL);
		console_pop(c);         /* not the arrivals: the guest */
		c->cview.base.mode = MODE_MAIN;
		desk_set_focus(c->desk, c->desk->noffers > 0 ||
		    c->desk->naddons == 0 ? CHECKIN_UPGRADES : CHECKIN_ADDONS);
		c->cview.base.training = &c->run;
	} else {
		if (counter_setup(c, a) != 0)
			return -1;
		session_set_training(c->session, 1);
		if ((rc = store_customer_id(c->store, sc->customer, &id,
		    &cause)) != 1 || session_pick_id(c->session, id,
		    &cause) != 0) {
			app_error("%s: %s", sc->id, cause != NULL ? cause :
			    "its customer is not in this catalogue");
			free(cause);
			return -1;
		}
		list = xstrdup(sc->basket != NULL ? sc->basket : "");
		for (tok = strtok_r(list, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save)) {
			session_find_items(c->session, tok);
			if (c->session->nfound == 0 || strcmp(
			    c->session->found[0]->sku, tok) != 0) {
				app_error("%s: item %s is not in this catalogue",
				    sc->id, tok);
				free(list);
				return -1;
			}
			session_add_item(c->session, c->session->found[0]->id,
			    1);
		}
		free(list);
		session_set_language(c->session, NULL);
		c->view.base.training = &c->run;
	}
	if (train_check_codes(c, sc) != 0)
		return -1;
	/* the dialogue needs the wide layout: below it the too-small
	 * notice shows, and no key plays the run unseen */
	if (c->view.base.min_cols < TRAIN_MIN_COLS)
		c->view.base.min_cols = TRAIN_MIN_COLS;
	if (c->view.base.min_rows < TRAIN_MIN_ROWS)
		c->view.base.min_rows = TRAIN_MIN_ROWS;
	if (c->cview.base.min_cols < TRAIN_MIN_COLS)
		c->cview.base.min_cols = TRAIN_MIN_COLS;
	if (c->cview.base.min_rows < TRAIN_MIN_ROWS)
		c->cview.base.min_rows = TRAIN_MIN_ROWS;
	c->stack[0] = &mode_train;     /* around the counter or the desk */
	training_start(&c->run, sc);
	console_status(c, 0, "TRAINING %s: offer with %c, say it with %c, %c ends "
	    "the %s.", sc->id, c->view.base.keys.accept, c->view.base.keys.say,
	    c->view.base.keys.finish, sc->mode == TRAIN_HOTEL ? "check-in" :
	    "sale");
	return 0;
}


/* ---- the wrapper --------------------------------------------------------- */

/* At the counter: the customer is the scenario's; what the trainee
 * offers goes to them, not straight to the log. */
static enum reaction
train_shop_act(struct console *c, enum action a)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;
	char *cause = NULL;
	int64_t oid, order;

	switch (a) {
	case A_FIND:
	case A_WALK_IN:
		console_status(c, 0, "In training the customer at the counter "
		    "is the scenario's.");
		return R_REPAINT;
	case A_ACCEPT:
	case A_DECLINE:
		if (s->at.focus != FOCUS_SUGGESTIONS || s->nshown == 0)
			return R_NONE;
		if (a == A_ACCEPT)
			return train_offer_shop(c);
		/* the trainee leaves it out: not an offer */
		session_decline(s, (size_t)s->at.sel, &oid);
		session_end_ack(s);  /* nobody said no: no "no problem" */
		v->base.say_line = 0;
		console_status(c, 0, "Left out: not offered.");
		return R_RECALC;
	case A_FINISH:
		if (session_sale_open(s) && session_finish(s, &order,
		    &cause) != 0)
			free(cause);
		return train_end(c);
	default:
		return counter_main(c, a);
	}
}

/* At the desk: the guest is the scenario's. */
static enum reaction
train_desk_act(struct console *c, enum action a)
{
	struct desk *d = c->desk;
	int n = (int)(c->desk->at.focus == CHECKIN_ADDONS ? d->naddons :
	    d->noffers);

	switch (a) {
	case A_FIND:
		console_status(c, 0, "In training the guest at the desk is the "
		    "scenario's.");
		return R_REPAINT;
	case A_FINISH:
		return train_end(c);
	case A_ACCEPT:
		if (d->have && n > 0 && d->at.nosel) {
			console_status(c, 0, "Nothing chosen: the arrows choose; "
			    "after a no, %c ends the check-in.",
			    c->cview.base.keys.finish);
			return R_REPAINT;
		}
		if (d->have && n > 0)
			return train_offer_desk(c);
		return desk_main(c, a);
	case A_DECLINE:
		console_status(c, 0, "Not offered: choose another with the "
		    "arrows, or %c ends the check-in.",
		    c->cview.base.keys.finish);
		return R_REPAINT;
	default:
		return desk_main(c, a);
	}
}

static enum reaction
train_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	enum reaction r;

	if (c->desk != NULL)
		return train_desk_act(c, a);
	if ((r = counter_pre(c, a, is_key, wc)) != R_PASS)
		return r;
	return train_shop_act(c, a);
}

const struct screen_mode mode_train = {
	"training", KEYS_MAIN, train_act, console_draw, console_fits, NULL, 0
};
