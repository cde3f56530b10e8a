/*
 * console.c — the counter console's event loop.  Keys map to actions
 * through one table per mode, built from the configuration; an action
 * changes the session or the view and returns a reaction; only the loop
 * draws.  Signal handlers only set a flag (size changes arrive as
 * KEY_RESIZE).  The database is read when a customer is picked and
 * written when an offer or a sale is recorded — never while typing.
 */
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/journal.h"
#include "model/money.h"
#include "model/session.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_privacy.h"
#include "model/store_report.h"
#include "model/store_staff.h"
#include "model/text.h"
#include "model/training.h"
#include "model/types_hotel.h"
#include "model/xalloc.h"
#include "views/checkin.h"
#include "views/counter.h"
#include "views/curses.h"
#include "views/report.h"
#include "views/ui.h"

enum reaction { R_NONE, R_REDRAW, R_QUIT };

enum action {
	A_NONE, A_FIND, A_WALK_IN, A_ADD, A_REMOVE, A_ACCEPT, A_DECLINE,
	A_FINISH, A_HELP, A_QUIT, A_SAY, A_LANGUAGE, A_REPORT, A_REVEAL, A_UP,
	A_DOWN, A_PGUP,
	A_PGDN,
	A_HOME, A_END, A_TAB, A_CANCEL, A_PICK, A_BACKSPACE, A_CLEAR_LINE,
	A_COUNT
};

struct binding {
	int          key;     /* a character or KEY_* */
	int          is_key;  /* key is a KEY_* code  */
	enum action  action;
};

#define MAX_BINDINGS 40

/* Keys that are not configurable. */
static const struct binding main_fixed[] = {
	{ KEY_F(1), 1, A_HELP }, { '\r', 0, A_ACCEPT }, { '\n', 0, A_ACCEPT },
	{ KEY_ENTER, 1, A_ACCEPT }, { 'k', 0, A_UP }, { 'j', 0, A_DOWN },
	{ KEY_UP, 1, A_UP }, { KEY_DOWN, 1, A_DOWN }, { '\t', 0, A_TAB },
	{ KEY_PPAGE, 1, A_PGUP }, { KEY_NPAGE, 1, A_PGDN },
	{ KEY_HOME, 1, A_HOME }, { KEY_END, 1, A_END },
};

static const struct binding search_fixed[] = {
	{ 27, 0, A_CANCEL }, { '\r', 0, A_PICK }, { '\n', 0, A_PICK },
	{ KEY_ENTER, 1, A_PICK }, { KEY_UP, 1, A_UP }, { KEY_DOWN, 1, A_DOWN },
	{ KEY_PPAGE, 1, A_PGUP }, { KEY_NPAGE, 1, A_PGDN },
	{ KEY_BACKSPACE, 1, A_BACKSPACE }, { 127, 0, A_BACKSPACE },
	{ 8, 0, A_BACKSPACE }, { 21, 0, A_CLEAR_LINE },
};

static volatile sig_atomic_t quit_signal;

static void
on_signal(int sig)
{
	quit_signal = sig;
}

struct console {
	struct app          *app;
	struct store        *store;
	struct journal      *journal;  /* the offers not yet saved, kept
	                                * beside the database (owned)     */
	size_t               replayed; /* rows an earlier console left
	                                * there, saved at the start       */
	struct store        *staff;    /* where the lock screen checks PINs
	                                * and audits: store, or in training
	                                * the shop's own (then owned)      */
	struct session      *session;
	struct counter_view  view;
	struct binding       main[MAX_BINDINGS];
	size_t               nmain;
	int64_t              declined_offer;   /* for the reason picker */
	struct desk         *desk;     /* hotel mode: the front desk, else
	                                * NULL                            */
	struct checkin_view  cview;
	/* A training run (sc not NULL). */
	const struct scenario *sc;
	struct training      run;
	struct training_sheet sheet;
	struct training_progress *progress;
	size_t               nprogress;
	int                  answering;  /* the customer objected: 1..n    */
	size_t               offer_sel;  /* the offer they objected to     */
	int                  offer_addon;
	int64_t              started;    /* civil seconds, for the shift */
	time_t               last_key;   /* monotonic, for the idle lock */
	int                  locked;     /* waiting for the clerk's PIN  */
	char                 pin[AUTHZ_PASS_MAX + 1]; /* PIN or passphrase */
	size_t               npin;
	char                 lock_msg[80];
	/* The manager's report screen. */
	struct report_screen rep;
	struct offer_group  *rep_kinds, *rep_prev, *rep_reasons;
	size_t               nrep_kinds, nrep_prev, nrep_reasons;
};

static void
status(struct console *c, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
status(struct console *c, int error, const char *fmt, ...)
{
	va_list ap;
	char *msg, *clean;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	clean = text_cleans(msg, 200);
	if (c->desk != NULL) {
		snprintf(c->cview.status, sizeof c->cview.status, "%s", clean);
		c->cview.status_error = error;
	} else {
		snprintf(c->view.status, sizeof c->view.status, "%s", clean);
		c->view.status_error = error;
	}
	free(clean);
	free(msg);
}

static enum action
lookup(const struct binding *b, size_t n, int key, int is_key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].key == key && b[i].is_key == is_key)
			return b[i].action;
	return A_NONE;
}

/* The main table: configured characters, then the fixed keys.  Fails
 * when two actions share a character. */
static int
bind_keys(struct console *c, const struct config *cfg)
{
	const struct {
		const char  *key;
		enum action  action;
		char        *slot;
	} conf[] = {
		{ cfg->key_find, A_FIND, &c->view.keys.find },
		{ cfg->key_walk_in, A_WALK_IN, &c->view.keys.walk_in },
		{ cfg->key_add, A_ADD, &c->view.keys.add },
		{ cfg->key_remove, A_REMOVE, &c->view.keys.remove },
		{ cfg->key_accept, A_ACCEPT, &c->view.keys.accept },
		{ cfg->key_decline, A_DECLINE, &c->view.keys.decline },
		{ cfg->key_finish, A_FINISH, &c->view.keys.finish },
		{ cfg->key_help, A_HELP, &c->view.keys.help },
		{ cfg->key_quit, A_QUIT, &c->view.keys.quit },
		{ cfg->key_say, A_SAY, &c->view.keys.say },
		{ cfg->key_language, A_LANGUAGE, &c->view.keys.language },
		{ cfg->key_report, A_REPORT, &c->view.keys.report },
		{ cfg->key_reveal, A_REVEAL, &c->view.keys.reveal },
	};
	size_t i, j;

	c->nmain = 0;
	for (i = 0; i < sizeof conf / sizeof conf[0]; i++) {
		int k = (unsigned char)conf[i].key[0];
		for (j = 0; j < c->nmain; j++)
			if (c->main[j].key == k && !c->main[j].is_key) {
				app_error("[keys]: '%c' is given to two "
				    "actions; give each its own key", k);
				return -1;
			}
		c->main[c->nmain].key = k;
		c->main[c->nmain].is_key = 0;
		c->main[c->nmain++].action = conf[i].action;
		*conf[i].slot = (char)k;
	}
	for (i = 0; i < sizeof main_fixed / sizeof main_fixed[0]; i++)
		if (lookup(c->main, c->nmain, main_fixed[i].key,
		    main_fixed[i].is_key) == A_NONE)
			c->main[c->nmain++] = main_fixed[i];
	return 0;
}

static void
saved_or_not(struct console *c, int rc, const char *what)
{
	if (rc > 0)
		status(c, 1, "%s: NOT SAVED, kept for retry", what);
}

static int64_t
now_of(const struct console *c)
{
	return c->app->fixed_clock ? c->app->now : civil_now();
}

/* ---- training ------------------------------------------------------------ */

/* Record the run in the trainee's store and read their progress back. */
static void
train_record(struct console *c)
{
	struct store *t = NULL;
	char *cause = NULL;
	const char *who = app_trainee(c->app);

	store_training_progress_free(&c->progress, c->nprogress);
	c->nprogress = 0;
	/* the trainee's own store: when they trained, by the computer's
	 * clock (--at only moves the scenario's world) */
	if (store_open(&t, c->app->training_db, STORE_CREATE, &cause) != 0 ||
	    store_training_add(t, c->sc->id, who,
	    civil_now(), c->sheet.passed, (int)c->sheet.n, c->sheet.percent,
	    &cause) != 0 ||
	    store_training_progress(t, who, &c->progress,
	    &c->nprogress, &cause) != 0) {
		status(c, 1, "The score is NOT SAVED: %s", cause);
		free(cause);
	} else
		status(c, 0, "Score saved. r plays it again, %c quits.",
		    c->view.keys.quit);
	store_close(&t);
}

/* The run is over: score it, keep it, show the sheet. */
static enum reaction
train_end(struct console *c)
{
	training_finish(&c->run);
	training_score(&c->run, &c->sheet);
	train_record(c);
	c->view.sheet = c->cview.sheet = &c->sheet;
	c->view.progress = c->cview.progress = c->progress;
	c->view.nprogress = c->cview.nprogress = c->nprogress;
	c->view.mode = MODE_SCORE;
	c->cview.mode = CHECKIN_SCORE;
	return R_REDRAW;
}

/* What the customer's reply means for the sale; say it. */
static void
train_said(struct console *c, int reply)
{
	const struct training *t = &c->run;
	const char *who = c->desk != NULL ? "guest" : "customer";

	if (reply != REPLY_DONE && t->nev > 0 && t->ev[t->nev - 1].after_no) {
		status(c, 1, "The %s had said no: an offer after a no is a "
		    "veto.", who);
		return;
	}
	switch (reply) {
	case REPLY_ACCEPTED:
		status(c, 0, "The %s takes it.", who);
		break;
	case REPLY_DECLINED:
		status(c, 0, "The %s said no.", who);
		break;
	case REPLY_NOT_NEEDED:
		status(c, 0, "Not for this %s: a soft no.", who);
		break;
	case REPLY_OBJECTION:
		status(c, 0, "The %s hesitates: answer with 1-%zu.", who,
		    c->sc->nanswers);
		break;
	case REPLY_HESITANT:
		status(c, 0, "Not a yes, not a no: the %s hesitates.", who);
		break;
	case REPLY_CONFUSED:
		status(c, 1, "Not understood: the %s does not speak %s (%c "
		    "changes the language).", who, text_language_name(
		    c->desk != NULL ? desk_language(c->desk) :
		    session_language(c->session)), c->view.keys.language);
		break;
	default:
		status(c, 0, "The %s has heard enough: %c ends the %s.", who,
		    c->view.keys.finish, c->desk != NULL ? "check-in" : "sale");
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
	c->view.sug_sel = 0;
	c->view.say_line = 0;
}

/* The trainee offers the selected suggestion with the line shown. */
static enum reaction
train_offer_shop(struct console *c)
{
	struct session *s = c->session;
	size_t i = (size_t)c->view.sug_sel;
	const struct suggestion *g = &s->shown[i].sug;
	const struct item *it = catalog_item(&s->cat, g->item_id);
	struct training_offer o;
	char *lines[SESSION_SAY_MAX], diff[32], price[32];
	int n, k, reply;

	n = session_say_lines(s, i, lines);
	money_format(g->diff >= 0 ? g->diff : -g->diff, s->scale, 1, diff,
	    sizeof diff);
	money_format(g->price, s->scale, 1, price, sizeof price);
	memset(&o, 0, sizeof o);
	o.code = it->sku;
	o.name = it->name;
	o.line = n > 0 ? lines[c->view.say_line % n] : "";
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
		c->answering = 1;
		c->offer_sel = i;
	} else
		train_shop_reply(c, i, reply);
	train_said(c, reply);
	return R_REDRAW;
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
	if (rc != 0)
		status(c, 1, "%s", cause != NULL ? cause : "not done");
	free(msg);
	free(cause);
	memcpy(d->lang, lang, sizeof lang);
	c->cview.sel = 0;
	c->cview.say_line = 0;
	if (c->cview.focus == CHECKIN_UPGRADES && d->noffers == 0 &&
	    d->naddons > 0)
		c->cview.focus = CHECKIN_ADDONS;
	return rc != 0 ? -1 : 0;
}

/* The trainee offers the selected upgrade or add-on at the desk. */
static enum reaction
train_offer_desk(struct console *c)
{
	struct desk *d = c->desk;
	struct checkin_view *v = &c->cview;
	int addon = v->focus == CHECKIN_ADDONS, n, k, reply;
	size_t i = (size_t)v->sel;
	struct training_offer o;
	char *lines[DESK_SAY_MAX], diff[32], price[32], *benefit = NULL;
	const struct hotel_type *t = NULL;
	int64_t stay = d->r.rate * d->r.nights;

	n = desk_say_lines(d, addon, i, lines);
	memset(&o, 0, sizeof o);
	if (addon) {
		o.code = d->addons[i].code;
		o.name = d->addons[i].name;
		money_format(d->addons[i].total, d->scale, 1, diff,
		    sizeof diff);
		money_format(d->addons[i].price, d->scale, 1, price,
		    sizeof price);
		o.total = stay + d->addons[i].total;
	} else {
		t = desk_type(d, d->offers[i].type_id);
		o.code = t != NULL && t->code != NULL ? t->code : "?";
		o.name = desk_type_name(d, d->offers[i].type_id);
		money_format(d->offers[i].per_night, d->scale, 1, diff,
		    sizeof diff);
		money_format(d->offers[i].total, d->scale, 1, price,
		    sizeof price);
		benefit = desk_benefit(d, &d->r, &d->offers[i]);
		o.upgrade = 1;
		o.total = stay + d->offers[i].total;
	}
	o.line = n > 0 ? lines[v->say_line % n] : "";
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
		c->answering = 1;
		c->offer_sel = i;
		c->offer_addon = addon;
	} else if (train_desk_reply(c, i, addon, reply) != 0)
		return R_REDRAW;
	train_said(c, reply);
	return R_REDRAW;
}

/* An answer to the objection (1..n); anything else asks again. */
static enum reaction
train_answer(struct console *c, int is_key, wint_t wc)
{
	int reply;

	if (is_key || wc < '1' || wc > '0' + (wint_t)c->sc->nanswers) {
		status(c, 1, "The customer waits for an answer: 1-%zu.",
		    c->sc->nanswers);
		return R_REDRAW;
	}
	reply = training_answer(&c->run, (size_t)(wc - '1'));
	c->answering = 0;
	if (c->desk != NULL) {
		if (train_desk_reply(c, c->offer_sel, c->offer_addon, reply) !=
		    0)
			return R_REDRAW;
	} else
		train_shop_reply(c, c->offer_sel, reply);
	train_said(c, reply);
	return R_REDRAW;
}

/* The score sheet: r plays again, the quit key ends. */
static enum reaction
train_sheet_key(struct console *c, int is_key, wint_t wc)
{
	if (!is_key && wc == 'r') {
		c->app->retry = 1;
		return R_QUIT;
	}
	if (!is_key && (int)wc == c->view.keys.quit)
		return R_QUIT;
	return R_NONE;
}

/* ---- the manager's report and the reveal ----------------------------------- */

/* May the one at the console do action?  Never in training (its data is
 * a copy of the shop's); else yes when sign-in is not in use, or when the
 * role allows it.  A refusal is said and audited. */
static int
console_may(struct console *c, int action)
{
	char *cause = NULL;

	if (c->sc != NULL) {
		status(c, 1, "Not in training.");
		return 0;
	}
	if (!c->app->signed_in || authz_allows(c->app->role, action))
		return 1;
	status(c, 1, "A %s may not %s.", authz_role_name(c->app->role),
	    authz_action_name(action));
	if (store_audit_add(c->staff, civil_now(), c->app->clerk_id, "denied",
	    authz_action_name(action), &cause) != 0)
		free(cause);
	return 0;
}

static void
report_free_data(struct console *c)
{
	store_offer_groups_free(&c->rep_kinds, c->nrep_kinds);
	store_offer_groups_free(&c->rep_prev, c->nrep_prev);
	store_offer_groups_free(&c->rep_reasons, c->nrep_reasons);
	c->nrep_kinds = c->nrep_prev = c->nrep_reasons = 0;
}

/* The last REPORT_DAYS days to now, beside the days before. */
static enum reaction
report_open(struct console *c)
{
	struct report_screen *r = &c->rep;
	struct offer_group *days = NULL;
	int64_t today = civil_day_of(now_of(c)), from, to;
	char *cause = NULL, a[16], b[16];
	size_t nd = 0, i;
	char cur[4];

	if (!console_may(c, ACT_REPORT))
		return R_REDRAW;
	report_free_data(c);
	memset(r, 0, sizeof *r);
	from = (today - REPORT_DAYS + 1) * CIVIL_DAY;
	to = (today + 1) * CIVIL_DAY;
	if (store_offer_groups(c->store, OFFERS_BY_KIND, from, to,
	    &c->rep_kinds, &c->nrep_kinds, &cause) != 0 ||
	    store_offer_groups(c->store, OFFERS_BY_KIND, from - (to - from),
	    from, &c->rep_prev, &c->nrep_prev, &cause) != 0 ||
	    store_offer_groups(c->store, OFFERS_BY_REASON, from, to,
	    &c->rep_reasons, &c->nrep_reasons, &cause) != 0 ||
	    store_offer_groups(c->store, OFFERS_BY_DAY, from, to, &days, &nd,
	    &cause) != 0) {
		status(c, 1, "%s", cause);
		free(cause);
		report_free_data(c);
		return R_REDRAW;
	}
	for (i = 0; i < nd; i++) {
		int64_t d;
		const char *why;

		if (civil_parse_date(days[i].key, strlen(days[i].key), &d,
		    &why) == 0 && d > today - REPORT_DAYS && d <= today) {
			r->accepted_by_day[d - (today - REPORT_DAYS + 1)] =
			    days[i].accepted;
			r->revenue_by_day[d - (today - REPORT_DAYS + 1)] =
			    days[i].revenue;
		}
	}
	store_offer_groups_free(&days, nd);
	civil_format_date(today - REPORT_DAYS + 1, a, sizeof a);
	civil_format_date(today, b, sizeof b);
	snprintf(r->period, sizeof r->period, "%s to %s", a, b);
	store_currency(c->store, cur, &r->scale);
	r->kinds = c->rep_kinds;
	r->nkinds = c->nrep_kinds;
	r->prev_kinds = c->rep_prev;
	r->nprev_kinds = c->nrep_prev;
	r->reasons = c->rep_reasons;
	r->nreasons = c->nrep_reasons;
	c->view.report = r;
	c->view.mode = MODE_REPORT;
	return R_REDRAW;
}

/* A manager sees the customer's phone and email until the next key. */
static enum reaction
reveal(struct console *c)
{
	char subject[40], *cause = NULL;

	if (c->session->who != WHO_CUSTOMER || !console_may(c, ACT_REVEAL))
		return R_REDRAW;
	snprintf(subject, sizeof subject, "customer #%lld",
	    (long long)c->session->customer.id);
	if (store_audit_add(c->staff, civil_now(), c->app->clerk_id, "reveal",
	    subject, &cause) != 0) {
		status(c, 1, "Not shown: the audit log cannot be written.");
		free(cause);
		return R_REDRAW;
	}
	c->view.reveal = 1;
	status(c, 0, "%s %s %s  (until the next key; in the audit log)",
	    c->session->customer.phone != NULL ? c->session->customer.phone :
	    "no phone", ui_sym(SYM_DOT), c->session->customer.email != NULL ?
	    c->session->customer.email : "no email");
	return R_REDRAW;
}

/* ---- searches ---------------------------------------------------------- */

static enum reaction
search(struct console *c)
{
	char *cause = NULL;

	if (c->view.mode == MODE_ADD)
		session_find_items(c->session, c->view.input);
	else if (session_search(c->session, c->view.input, &cause) != 0) {
		status(c, 1, "%s", cause);
		free(cause);
	}
	c->view.match_sel = 0;
	c->view.match_top = 0;
	return R_REDRAW;
}

/* Append wc to the text being typed (input, size bytes); 1 if it did. */
static int
input_add(char *input, size_t size, wint_t wc)
{
	char mb[8];
	mbstate_t st;
	size_t n, len = strlen(input);

	if (wc < 0x20 || wc == 0x7f || text_is_unsafe((uint32_t)wc))
		return 0;
	if (wc < 0x80) {
		mb[0] = (char)wc;
		n = 1;
	} else {
		memset(&st, 0, sizeof st);
		n = wcrtomb(mb, (wchar_t)wc, &st);
		if (n == (size_t)-1)
			return 0;
	}
	if (len + n >= size)
		return 0;
	memcpy(input + len, mb, n);
	input[len + n] = '\0';
	return 1;
}

/* Take the last character off input; 1 if there was one. */
static int
input_backspace(char *input)
{
	size_t len = strlen(input);

	if (len == 0)
		return 0;
	do
		len--;
	while (len > 0 && ((unsigned char)input[len] & 0xc0) == 0x80);
	input[len] = '\0';
	return 1;
}

static enum reaction
type_char(struct console *c, wint_t wc)
{
	if (!input_add(c->view.input, sizeof c->view.input, wc))
		return R_NONE;
	return search(c);
}

static enum reaction
backspace(struct console *c)
{
	if (!input_backspace(c->view.input))
		return R_NONE;
	return search(c);
}

static void
open_search(struct console *c, int mode)
{
	c->view.mode = mode;
	c->view.input[0] = '\0';
	c->view.match_sel = c->view.match_top = 0;
	store_customers_free(&c->session->matches, c->session->nmatches);
	c->session->nmatches = 0;
	c->session->query[0] = '\0';
	session_find_items(c->session, "");
	status(c, 0, "%s", "");
}

static enum reaction
do_search(struct console *c, enum action a)
{
	int page = counter_match_rows();
	char *cause = NULL;
	size_t n = c->view.mode == MODE_ADD ? c->session->nfound :
	    c->session->nmatches;

	switch (a) {
	case A_CANCEL:
		c->view.mode = MODE_MAIN;
		return R_REDRAW;
	case A_PICK:
		if (n == 0)
			return R_NONE;
		if (c->view.mode == MODE_ADD) {
			const struct item *it =
			    c->session->found[c->view.match_sel];
			int rc = session_add_item(c->session, it->id, 1);
			c->view.mode = MODE_MAIN;
			c->view.focus = FOCUS_SUGGESTIONS;
			c->view.sug_sel = 0;
			c->view.say_line = 0;
			if (rc < 0) {
				status(c, 1, "Not added: the basket would be "
				    "beyond the largest amount uplift keeps.");
				return R_REDRAW;
			}
			status(c, 0, "Added %s.", it->name);
			saved_or_not(c, rc, "the suggestions shown");
			return R_REDRAW;
		}
		if (session_pick(c->session, (size_t)c->view.match_sel,
		    &cause) != 0) {
			status(c, 1, "%s", cause);
			free(cause);
			return R_REDRAW;
		}
		c->view.mode = MODE_MAIN;
		c->view.hist_top = 0;
		c->view.sug_sel = 0;
		status(c, 0, "%s", "");
		return R_REDRAW;
	case A_UP:
		c->view.match_sel--;
		return R_REDRAW;
	case A_DOWN:
		c->view.match_sel++;
		return R_REDRAW;
	case A_PGUP:
		c->view.match_sel -= page;
		return R_REDRAW;
	case A_PGDN:
		c->view.match_sel += page;
		return R_REDRAW;
	case A_BACKSPACE:
		return backspace(c);
	case A_CLEAR_LINE:
		c->view.input[0] = '\0';
		return search(c);
	default:
		return R_NONE;
	}
}

/* ---- the sale ------------------------------------------------------------- */

static enum reaction
do_main(struct console *c, enum action a)
{
	struct session *s = c->session;
	struct counter_view *v = &c->view;
	int page = counter_history_rows(), rc;
	int64_t order;
	char *cause = NULL, total[32];

	if (c->sc != NULL && (a == A_FIND || a == A_WALK_IN)) {
		status(c, 0, "In training the customer at the counter is the "
		    "scenario's.");
		return R_REDRAW;
	}
	switch (a) {
	case A_FIND:
		open_search(c, MODE_FIND);
		return R_REDRAW;
	case A_ADD:
		open_search(c, MODE_ADD);
		return R_REDRAW;
	case A_WALK_IN:
		session_walk_in(s);
		v->hist_top = 0;
		v->sug_sel = 0;
		status(c, 0, "Walk-in sale.");
		return R_REDRAW;
	case A_REMOVE:
		if (s->nbasket == 0)
			return R_NONE;
		if (v->focus != FOCUS_BASKET)
			v->basket_sel = (int)s->nbasket - 1;
		rc = session_remove_line(s, (size_t)v->basket_sel);
		status(c, 0, "Line removed.");
		saved_or_not(c, rc, "the suggestions shown");
		return R_REDRAW;
	case A_ACCEPT:
		if (v->focus != FOCUS_SUGGESTIONS || s->nshown == 0)
			return R_NONE;
		if (c->sc != NULL)
			return train_offer_shop(c);
		{
			char *name = xstrdup(catalog_item(&s->cat,
			    s->shown[v->sug_sel].sug.item_id)->name);
			rc = session_accept(s, (size_t)v->sug_sel);
			if (rc == 0)
				status(c, 0, "Accepted: %s. %s", name, s->replay ?
				    "REPLAY: not saved." : "Saved.");
			else
				saved_or_not(c, rc, name);
			free(name);
		}
		v->sug_sel = 0;
		v->say_line = 0;
		return R_REDRAW;
	case A_DECLINE:
		if (v->focus != FOCUS_SUGGESTIONS || s->nshown == 0)
			return R_NONE;
		if (c->sc != NULL) {
			/* the trainee leaves it out: not an offer */
			int64_t oid;

			session_decline(s, (size_t)v->sug_sel, &oid);
			s->ack_item = 0;     /* nobody said no: no "no problem" */
			v->say_line = 0;
			status(c, 0, "Left out: not offered.");
			return R_REDRAW;
		}
		{
			char *name = xstrdup(catalog_item(&s->cat,
			    s->shown[v->sug_sel].sug.item_id)->name);
			rc = session_decline(s, (size_t)v->sug_sel,
			    &c->declined_offer);
			if (rc == 0)
				status(c, 0, "Declined: %s. %s", name, s->replay ?
				    "REPLAY: not saved." : "Saved.");
			else
				saved_or_not(c, rc, name);
			free(name);
		}
		v->picking_reason = 1;
		v->say_line = 0;
		if (v->sug_sel >= (int)s->nshown)
			v->sug_sel = s->nshown > 0 ? (int)s->nshown - 1 : 0;
		return R_REDRAW;
	case A_FINISH:
		if (c->sc != NULL) {
			if (session_sale_open(s) && session_finish(s, &order,
			    &cause) != 0)
				free(cause);
			return train_end(c);
		}
		if (!session_sale_open(s)) {
			status(c, 1, "The basket is empty: nothing to record.");
			return R_REDRAW;
		}
		money_format(s->total, s->scale, 1, total, sizeof total);
		if (session_finish(s, &order, &cause) != 0) {
			status(c, 1, "Sale NOT SAVED: %s", cause);
			free(cause);
			return R_REDRAW;
		}
		if (s->replay)
			status(c, 0, "REPLAY: sale of %s %s NOT saved.",
			    total, s->currency);
		else
			status(c, 0, "Sale recorded as order POS%lld, %s %s.",
			    (long long)order, total, s->currency);
		v->sug_sel = v->basket_sel = v->hist_top = 0;
		v->focus = FOCUS_SUGGESTIONS;
		return R_REDRAW;
	case A_HELP:
		v->mode = MODE_HELP;
		v->help_page = 0;
		return R_REDRAW;
	case A_QUIT:
		/* Ask first if a sale is open or offers are not saved. */
		if ((session_sale_open(s) || s->npending > 0) &&
		    !v->quit_asked) {
			v->quit_asked = 1;
			return R_REDRAW;
		}
		return R_QUIT;
	case A_SAY:
		v->say_line++;
		return R_REDRAW;
	case A_REPORT:
		return report_open(c);
	case A_REVEAL:
		return reveal(c);
	case A_LANGUAGE:
		session_next_language(s);
		v->say_line = 0;
		status(c, 0, "Talking points in %s.",
		    text_language_name(session_language(s)));
		return R_REDRAW;
	case A_TAB:
		v->focus = v->focus == FOCUS_SUGGESTIONS ? FOCUS_BASKET :
		    FOCUS_SUGGESTIONS;
		if (v->focus == FOCUS_BASKET && s->nbasket > 0)
			v->basket_sel = (int)s->nbasket - 1;
		return R_REDRAW;
	case A_UP:
	case A_DOWN:
		if (v->focus == FOCUS_BASKET)
			v->basket_sel += a == A_UP ? -1 : 1;
		else {
			v->sug_sel += a == A_UP ? -1 : 1;
			v->say_line = 0;
		}
		return R_REDRAW;
	case A_PGUP:
		v->hist_top -= page;
		return R_REDRAW;
	case A_PGDN:
		v->hist_top += page;
		return R_REDRAW;
	case A_HOME:
		v->hist_top = 0;
		return R_REDRAW;
	case A_END:
		v->hist_top = SESSION_HISTORY_MAX;
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

static enum reaction main_key(struct console *c, int rc, wint_t wc);

static enum reaction
handle_key(struct console *c, int rc, wint_t wc)
{
	int is_key = rc == KEY_CODE_YES;
	struct counter_view *v = &c->view;

	if (!counter_fits(v)) {
		/* too small to ask: an open sale or rows not even in the
		 * journal keep the console open */
		if (!is_key && (int)wc == v->keys.quit)
			return session_sale_open(c->session) ||
			    session_unjournaled(c->session) > 0 ? R_NONE :
			    R_QUIT;
		return R_NONE;
	}
	return main_key(c, rc, wc);
}

/* A key on a screen big enough for it. */
static enum reaction
main_key(struct console *c, int rc, wint_t wc)
{
	int is_key = rc == KEY_CODE_YES;
	struct counter_view *v = &c->view;
	enum action a;

	if (v->reveal) {        /* the next key hides it again */
		v->reveal = 0;
		status(c, 0, "%s", "");
		return R_REDRAW;
	}
	if (c->sc != NULL && v->mode == MODE_SCORE)
		return train_sheet_key(c, is_key, wc);
	if (v->mode == MODE_REPORT) {
		v->mode = MODE_MAIN;
		report_free_data(c);
		return R_REDRAW;
	}
	if (c->answering)
		return train_answer(c, is_key, wc);
	/* The reason picker: 1-5 answers it, anything else skips it. */
	if (v->picking_reason) {
		v->picking_reason = 0;
		if (!is_key && wc >= '1' && wc <= '5') {
			int r = (int)(wc - '0');
			int rs = session_decline_reason(c->session,
			    c->declined_offer, r);
			status(c, rs > 0, "Reason: %s.%s",
			    session_reason_name(r), rs > 0 ?
			    " NOT SAVED, kept for retry" : c->session->replay ?
			    " REPLAY: not saved." : " Saved.");
			return R_REDRAW;
		}
		v->status[0] = '\0';
	}
	if (v->quit_asked) {
		v->quit_asked = 0;
		if (!is_key && (int)wc == v->keys.quit)
			return R_QUIT;
		return R_REDRAW;
	}
	/* The "no problem" line after a decline lasts one key; the talking
	 * points then start again at their first line, which the say key
	 * shows rather than skipping to the second. */
	if (c->session->ack_item != 0) {
		c->session->ack_item = 0;
		v->say_line = 0;
		if (v->mode == MODE_MAIN && lookup(c->main, c->nmain,
		    (int)wc, is_key) == A_SAY)
			return R_REDRAW;
	}
	switch (v->mode) {
	case MODE_HELP:
		/* any key: the next page, or back from the last */
		if (v->help_page + 1 < v->help_pages)
			v->help_page++;
		else
			v->mode = MODE_MAIN;
		return R_REDRAW;
	case MODE_FIND:
	case MODE_ADD:
		a = lookup(search_fixed, sizeof search_fixed /
		    sizeof search_fixed[0], (int)wc, is_key);
		if (a != A_NONE)
			return do_search(c, a);
		return is_key ? R_NONE : type_char(c, wc);
	default:
		a = lookup(c->main, c->nmain, (int)wc, is_key);
		return do_main(c, a);
	}
}

/* The talking points' directory: the config's, else the shipped one. */
static char *
scripts_dir(const struct app *a)
{
	char *assets, *dir;

	if (a->config->scripts_dir != NULL)
		return xstrdup(a->config->scripts_dir);
	assets = app_assets_dir();
	dir = xasprintf("%s/scripts", assets);
	free(assets);
	return dir;
}

/* The configured clerk's id, signed up as a clerk when new; in a replay
 * (nothing written) only looked up, 0 when not there.  0 or -1 (said). */
static int
console_clerk(struct console *c, int64_t *id)
{
	struct clerk_rec k;
	char *cause = NULL;
	int rc;

	*id = 0;
	if (!app_pretend(c->app))
		rc = store_clerk_id(c->store, c->app->config->clerk,
		    CLERK_CLERK, id, &cause);
	else if ((rc = store_clerk_get(c->store, c->app->config->clerk, &k,
	    &cause)) >= 0) {
		*id = k.id;
		clerk_rec_clear(&k);
		rc = 0;
	}
	if (rc != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* ---- the hotel front desk ------------------------------------------------- */

/* The list for what is typed: the arrivals of the day, or the matches. */
static enum reaction
desk_find(struct console *c)
{
	char *cause = NULL;

	if (desk_search(c->desk, c->cview.input, &cause) != 0) {
		status(c, 1, "%s", cause);
		free(cause);
	}
	c->cview.match_sel = c->cview.match_top = 0;
	return R_REDRAW;
}

static void
desk_open_find(struct console *c)
{
	struct checkin_view *v = &c->cview;

	v->mode = CHECKIN_FIND;
	v->input[0] = '\0';
	c->desk->day = civil_day_of(now_of(c));
	desk_find(c);
}

static enum reaction
desk_do_find(struct console *c, enum action a)
{
	struct checkin_view *v = &c->cview;
	struct desk *d = c->desk;
	int page = checkin_match_rows();
	char *cause = NULL;

	switch (a) {
	case A_CANCEL:
		v->mode = CHECKIN_MAIN;
		return R_REDRAW;
	case A_PICK:
		if (d->nrows == 0)
			return R_NONE;
		if (desk_pick(d, d->rows[v->match_sel].id, &cause) != 0) {
			status(c, 1, "%s", cause);
			free(cause);
			return R_REDRAW;
		}
		v->mode = CHECKIN_MAIN;
		v->focus = d->noffers > 0 || d->naddons == 0 ?
		    CHECKIN_UPGRADES : CHECKIN_ADDONS;
		v->sel = v->stay_top = v->say_line = 0;
		if (d->r.status != RES_BOOKED && d->r.status != RES_CHECKED_IN)
			status(c, 1, "This reservation is %s: nothing can be "
			    "offered.", reservation_status_name(d->r.status));
		else if (d->snap.estimated)
			status(c, 1, "The hotel lists no rooms: upgrades are "
			    "estimated and cannot be accepted.");
		else
			status(c, 0, "%s", "");
		return R_REDRAW;
	case A_UP:
		v->match_sel--;
		return R_REDRAW;
	case A_DOWN:
		v->match_sel++;
		return R_REDRAW;
	case A_PGUP:
		v->match_sel -= page;
		return R_REDRAW;
	case A_PGDN:
		v->match_sel += page;
		return R_REDRAW;
	case A_BACKSPACE:
		return input_backspace(v->input) ? desk_find(c) : R_NONE;
	case A_CLEAR_LINE:
		v->input[0] = '\0';
		return desk_find(c);
	default:
		return R_NONE;
	}
}

/* Say what an answer did; rc as desk_accept().  A list left empty
 * hands the focus to the other. */
static void
desk_said(struct console *c, int rc, char *msg, char *cause)
{
	struct checkin_view *v = &c->cview;

	if (v->focus == CHECKIN_UPGRADES && c->desk->noffers == 0 &&
	    c->desk->naddons > 0) {
		v->focus = CHECKIN_ADDONS;
		v->sel = 0;
	}
	if (rc == 0)
		status(c, 0, "%s", msg);
	else
		status(c, 1, "%s%s", rc < 0 ? "NOT SAVED: " : "", cause);
	free(msg);
	free(cause);
}

static enum reaction
desk_do_main(struct console *c, enum action a)
{
	struct checkin_view *v = &c->cview;
	struct desk *d = c->desk;
	char *msg = NULL, *cause = NULL;
	int rc, n = (int)(v->focus == CHECKIN_ADDONS ? d->naddons :
	    d->noffers);

	if (c->sc != NULL && a == A_FIND) {
		status(c, 0, "In training the guest at the desk is the "
		    "scenario's.");
		return R_REDRAW;
	}
	if (c->sc != NULL && a == A_FINISH)
		return train_end(c);
	if (c->sc != NULL && a == A_ACCEPT && d->have && n > 0)
		return train_offer_desk(c);
	if (c->sc != NULL && a == A_DECLINE) {
		status(c, 0, "Not offered: choose another with the arrows, or "
		    "%c ends the check-in.", v->keys.finish);
		return R_REDRAW;
	}
	switch (a) {
	case A_FIND:
		desk_open_find(c);
		return R_REDRAW;
	case A_ACCEPT:
		if (!d->have || n == 0)
			return R_NONE;
		if (v->focus == CHECKIN_ADDONS)
			rc = desk_add_addon(d, (size_t)v->sel, &msg, &cause);
		else
			rc = desk_accept(d, (size_t)v->sel, &msg, &cause);
		desk_said(c, rc, msg, cause);
		v->say_line = 0;
		if (rc == 0 && v->focus == CHECKIN_UPGRADES)
			v->sel = 0;
		return R_REDRAW;
	case A_DECLINE:
		if (!d->have || n == 0)
			return R_NONE;
		if (v->focus == CHECKIN_ADDONS) {
			status(c, 0, "Add-ons are only added when the guest "
			    "wants them: nothing to record.");
			return R_REDRAW;
		}
		rc = desk_decline(d, (size_t)v->sel, &c->declined_offer, &msg,
		    &cause);
		desk_said(c, rc, msg, cause);
		v->picking_reason = rc == 0;
		v->say_line = 0;
		return R_REDRAW;
	case A_TAB:
		v->focus = v->focus == CHECKIN_UPGRADES ? CHECKIN_ADDONS :
		    CHECKIN_UPGRADES;
		v->sel = v->say_line = 0;
		return R_REDRAW;
	case A_UP:
	case A_DOWN:
		v->sel += a == A_UP ? -1 : 1;
		v->say_line = 0;
		return R_REDRAW;
	case A_PGUP:
		v->stay_top -= checkin_stay_rows();
		return R_REDRAW;
	case A_PGDN:
		v->stay_top += checkin_stay_rows();
		return R_REDRAW;
	case A_HOME:
		v->stay_top = 0;
		return R_REDRAW;
	case A_END:
		v->stay_top = (int)d->nstays;
		return R_REDRAW;
	case A_SAY:
		v->say_line++;
		return R_REDRAW;
	case A_LANGUAGE:
		desk_next_language(d);
		v->say_line = 0;
		status(c, 0, "Talking points in %s.",
		    text_language_name(desk_language(d)));
		return R_REDRAW;
	case A_HELP:
		v->mode = CHECKIN_HELP;
		v->help_page = 0;
		return R_REDRAW;
	case A_REPORT:
		status(c, 0, "The report screen is the counter's; at the desk: "
		    "uplift report hotel.");
		return R_REDRAW;
	case A_QUIT:
		return R_QUIT;
	default:
		return R_NONE;
	}
}

static enum reaction desk_main_key(struct console *c, int rc, wint_t wc);

static enum reaction
desk_key(struct console *c, int rc, wint_t wc)
{
	int is_key = rc == KEY_CODE_YES;
	struct checkin_view *v = &c->cview;

	if (!checkin_fits(v))
		return !is_key && (int)wc == v->keys.quit ? R_QUIT : R_NONE;
	return desk_main_key(c, rc, wc);
}

/* A key at the desk, on a screen big enough for it. */
static enum reaction
desk_main_key(struct console *c, int rc, wint_t wc)
{
	int is_key = rc == KEY_CODE_YES;
	struct checkin_view *v = &c->cview;
	enum action a;

	if (c->sc != NULL && v->mode == CHECKIN_SCORE)
		return train_sheet_key(c, is_key, wc);
	if (c->answering)
		return train_answer(c, is_key, wc);
	/* The reason picker: 1-5 answers it, anything else skips it. */
	if (v->picking_reason) {
		v->picking_reason = 0;
		if (!is_key && wc >= '1' && wc <= '5') {
			char *cause = NULL;
			int r = (int)(wc - '0');

			if (desk_decline_reason(c->desk, c->declined_offer, r,
			    &cause) != 0) {
				status(c, 1, "Reason NOT SAVED: %s", cause);
				free(cause);
			} else
				status(c, 0, "Reason: %s. %s",
				    session_reason_name(r), c->desk->replay ?
				    "REPLAY: not saved." : "Saved.");
			return R_REDRAW;
		}
		v->status[0] = '\0';
	}
	switch (v->mode) {
	case CHECKIN_HELP:
		if (v->help_page + 1 < v->help_pages)
			v->help_page++;
		else
			v->mode = CHECKIN_MAIN;
		return R_REDRAW;
	case CHECKIN_FIND:
		a = lookup(search_fixed, sizeof search_fixed /
		    sizeof search_fixed[0], (int)wc, is_key);
		if (a != A_NONE)
			return desk_do_find(c, a);
		if (is_key || !input_add(v->input, sizeof v->input, wc))
			return R_NONE;
		return desk_find(c);
	default:
		return desk_do_main(c, lookup(c->main, c->nmain, (int)wc,
		    is_key));
	}
}

static int
desk_setup(struct console *c, struct app *a, const char *hotel)
{
	char *cause = NULL, *warning = NULL, *dir;
	int64_t hid;
	int rc;

	/* any case; an unknown name lists the hotels (issue 17) */
	if ((rc = app_hotel_id(c->store, hotel, &hid)) != 1)
		return -1;
	c->desk = xcalloc(1, sizeof *c->desk);
	if (desk_open(c->desk, c->store, hid, a->config->hotel_cap_percent,
	    &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	c->desk->hotel = xstrdup(hotel);
	c->desk->counter = a->config->hotel_desk;
	c->desk->now = now_of(c);
	c->desk->replay = app_pretend(a);
	c->cview.replay = c->desk->replay;
	if (console_clerk(c, &c->desk->clerk_id) != 0)
		return -1;
	c->cview.demo = a->demo;
	c->cview.min_cols = a->config->min_cols;
	c->cview.min_rows = a->config->min_rows;
	c->cview.clerk = a->config->clerk;
	c->cview.counter = a->config->hotel_desk;
	if (bind_keys(c, a->config) != 0)
		return -1;
	c->cview.keys = c->view.keys;
	dir = scripts_dir(a);
	desk_open_scripts(c->desk, dir, a->config->language, &warning);
	free(dir);
	desk_open_find(c);
	if (warning != NULL)
		status(c, 1, "%s", warning);
	else if (c->desk->replay)
		status(c, 1, "%s", "REPLAY at a pretended time (--at): "
		    "answers are shown, NOT saved.");
	else if (c->cview.status[0] == '\0')
		status(c, 0, "%s", "Enter picks an arrival; type a "
		    "confirmation or a name to find another.");
	free(warning);
	return 0;
}

static void
set_clock(struct console *c)
{
	int64_t now = now_of(c);

	if (c->desk != NULL) {
		civil_format_time(now, c->cview.clock, sizeof c->cview.clock);
		c->desk->now = now;
		return;
	}
	civil_format_time(now, c->view.clock, sizeof c->view.clock);
	session_set_now(c->session, now);
}

static int
console_setup(struct console *c, struct app *a)
{
	struct scorer_config cfg;
	char *cause = NULL, *warning = NULL;
	int64_t now = a->fixed_clock ? a->now : civil_now();

	c->session = session_new(c->store, a->config->shop_name,
	    a->config->counter, a->demo, now);
	cfg = app_scorer_config(a, c->session->scale);
	if (session_open_sales(c->session, &cfg, &warning, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	c->session->replay = app_pretend(a);
	if (console_clerk(c, &c->session->clerk_id) != 0)
		return -1;
	if (!c->session->replay && a->training == NULL) {
		/* what an earlier console could not save, saved now; and a
		 * journal of this one's own */
		size_t files;

		if (journal_replay(c->store, store_path(c->store),
		    &c->replayed, &files, &cause) != 0) {
			app_error("%s (the offers an earlier console kept are "
			    "left for the next start)", cause);
			xfree(&cause);
		}
		if (journal_open(&c->journal, store_path(c->store),
		    &cause) != 0) {
			/* said on the status line: offers that fail to save
			 * would be lost on quitting */
			free(warning);
			warning = xasprintf("No journal for unsaved offers: %s",
			    cause);
			xfree(&cause);
		}
		session_set_journal(c->session, c->journal);
	}
	/* masked by role, not by the clerk's own configuration: only a
	 * manager's reveal (V, audited) shows more, for one key */
	c->view.mask = 1;
	c->view.min_cols = a->config->min_cols;
	c->view.min_rows = a->config->min_rows;
	c->view.clerk = a->config->clerk;
	if (bind_keys(c, a->config) != 0)
		return -1;
	{
		char *dir = scripts_dir(a), *w = NULL;

		session_open_scripts(c->session, dir, a->config->language,
		    a->config->variant_mode, &w);
		if (w != NULL && warning == NULL)
			warning = w;
		else
			free(w);
		free(dir);
	}
	if (warning != NULL)
		status(c, 1, "%s", warning);
	else if (c->session->replay)
		status(c, 1, "%s", "REPLAY at a pretended time (--at): "
		    "offers and sales are shown, NOT saved.");
	else if (c->replayed > 0)
		status(c, 0, "%zu offer log row%s an earlier console could not "
		    "save %s saved now.", c->replayed, c->replayed == 1 ? "" :
		    "s", c->replayed == 1 ? "is" : "are");
	else
		status(c, 0, "%s", a->demo ? "Demo: a temporary copy, "
		    "nothing is kept. / finds a customer, + adds an item." :
		    "/ finds a customer, w starts a walk-in, + adds an item, "
		    "? shows the keys.");
	free(warning);
	return 0;
}

static void
console_draw(struct console *c)
{
	if (c->desk != NULL)
		checkin_draw(c->desk, &c->cview);
	else
		counter_draw(c->session, &c->view);
}

static const char *
console_clock(const struct console *c)
{
	return c->desk != NULL ? c->cview.clock : c->view.clock;
}

static size_t
console_pending(const struct console *c)
{
	return c->session != NULL ? c->session->npending : 0;
}

static void
console_free(struct console *c)
{
	training_clear(&c->run);
	store_training_progress_free(&c->progress, c->nprogress);
	report_free_data(c);
	if (c->desk != NULL) {
		desk_close(c->desk);
		free(c->desk);
		c->desk = NULL;
	}
	if (c->session != NULL && c->session->npending > 0)
		session_retry(c->session);     /* one last try */
	/* rows still pending stay in the journal for the next start */
	journal_close(&c->journal, c->session != NULL &&
	    c->session->npending > 0);
	session_free(&c->session);
	if (c->staff != c->store)
		store_close(&c->staff);
	c->staff = NULL;
	store_close(&c->store);
}

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
static int
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
		c->desk->lang[0] = '\0';
		c->cview.mode = CHECKIN_MAIN;
		c->cview.focus = c->desk->noffers > 0 || c->desk->naddons == 0 ?
		    CHECKIN_UPGRADES : CHECKIN_ADDONS;
		c->cview.training = &c->run;
	} else {
		if (console_setup(c, a) != 0)
			return -1;
		c->session->training = 1;
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
		c->session->lang[0] = '\0';
		c->view.training = &c->run;
	}
	if (train_check_codes(c, sc) != 0)
		return -1;
	/* the dialogue needs the wide layout: below it the too-small
	 * notice shows, and no key plays the run unseen */
	if (c->view.min_cols < TRAIN_MIN_COLS)
		c->view.min_cols = TRAIN_MIN_COLS;
	if (c->view.min_rows < TRAIN_MIN_ROWS)
		c->view.min_rows = TRAIN_MIN_ROWS;
	if (c->cview.min_cols < TRAIN_MIN_COLS)
		c->cview.min_cols = TRAIN_MIN_COLS;
	if (c->cview.min_rows < TRAIN_MIN_ROWS)
		c->cview.min_rows = TRAIN_MIN_ROWS;
	training_start(&c->run, sc);
	status(c, 0, "TRAINING %s: offer with %c, say it with %c, %c ends "
	    "the %s.", sc->id, c->view.keys.accept, c->view.keys.say,
	    c->view.keys.finish, sc->mode == TRAIN_HOTEL ? "check-in" :
	    "sale");
	return 0;
}

/* The shop's counter, or with a hotel named the hotel's front desk. */
static int
console_open(struct console *c, struct app *a)
{
	const char *hotel;

	/* the store first: opening it reads the configuration (read-only
	 * in a replay: --at on a real database) */
	if ((c->store = app_open_store(a, 1)) == NULL)
		return -1;
	c->staff = c->store;
	if (app_pretend(a) && a->shop_db == NULL &&
	    (c->staff = app_open_store_wall(a)) == NULL) {
		/* the lock screen and the audit keep the computer's clock */
		c->staff = c->store;
		return -1;
	}
	if (a->shop_db != NULL) {
		/* training, signed in: the PIN is the shop's business */
		char *cause = NULL;

		if (store_open(&c->staff, a->shop_db, 0, &cause) != 0) {
			c->staff = c->store;
			app_error("%s", cause);
			free(cause);
			return -1;
		}
	}
	if (a->training != NULL)
		return train_setup(c, a);
	hotel = a->hotel != NULL ? a->hotel : a->config->hotel_name;
	return hotel != NULL ? desk_setup(c, a, hotel) : console_setup(c, a);
}

/*
 * 1 when the terminal is gone: the master side of the pty closed (a
 * dropped SSH session, a killed tmux), so reads end at once with an
 * error — curses then returns ERR as on a timeout, and a console that
 * does not notice spins.  Ended like SIGHUP (issue 14).
 */
static int
terminal_gone(void)
{
	struct pollfd p;

	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR && errno != EAGAIN;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static time_t
mono_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

static void
lock_audit(struct console *c, const char *action)
{
	char *cause = NULL;

	if (store_audit_add(c->staff, civil_now(), c->app->clerk_id, action,
	    NULL, &cause) != 0)
		free(cause);
}

/*
 * A key on the lock screen: digits, Backspace, Enter.  0 stays locked, 1
 * unlocked.  Five wrong PINs, here or anywhere, lock the clerk out: the
 * screen stays, says until when, and takes the PIN again after that.
 */
static int
lock_key(struct console *c, int is_key, wint_t wc)
{
	struct clerk_rec k;
	char *cause = NULL, t[24];
	int ok, n, failed, rc = 0;
	int64_t until;

	/* a PIN's digits, or a passphrase's characters */
	if (!is_key && wc >= 0x20 && wc != 0x7f && !text_is_unsafe(
	    (uint32_t)wc)) {
		input_add(c->pin, sizeof c->pin, wc);
		c->npin = strlen(c->pin);
		return 0;
	}
	if ((is_key && wc == KEY_BACKSPACE) || (!is_key && (wc == 127 ||
	    wc == 8))) {
		input_backspace(c->pin);
		c->npin = strlen(c->pin);
		return 0;
	}
	if (!(!is_key && (wc == '\r' || wc == '\n')) &&
	    !(is_key && wc == KEY_ENTER))
		return 0;
	if (store_clerk_get(c->staff, c->app->as, &k, &cause) != 1) {
		free(cause);
		snprintf(c->lock_msg, sizeof c->lock_msg, "The staff list "
		    "cannot be read.");
		return 0;
	}
	/* counted before it is checked (see store_clerk_try) */
	n = store_clerk_try(c->staff, k.id, civil_now(), AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause);
	ok = n > 0 && authz_pin_matches(c->pin, k.pin_hash);
	memset(c->pin, 0, sizeof c->pin);
	c->npin = 0;
	if (n < 0) {
		snprintf(c->lock_msg, sizeof c->lock_msg, "The sign-in "
		    "cannot be saved; try again.");
	} else if (n == 0) {
		lock_audit(c, "locked-out");
		civil_format_time(until, t, sizeof t);
		snprintf(c->lock_msg, sizeof c->lock_msg, "Locked until %s "
		    "after %d wrong PINs.", t + 11, AUTHZ_MAX_FAILED);
	} else if (ok && store_clerk_signed_in(c->staff, k.id, civil_now(),
	    until, &cause) == 0) {
		lock_audit(c, "unlock");
		c->locked = 0;
		c->lock_msg[0] = '\0';
		rc = 1;
	} else if (ok) {
		snprintf(c->lock_msg, sizeof c->lock_msg, "The sign-in "
		    "cannot be saved; try again.");
	} else {
		lock_audit(c, "failed-pin");
		if (until != 0) {
			lock_audit(c, "lock");
			civil_format_time(until, t, sizeof t);
			snprintf(c->lock_msg, sizeof c->lock_msg, "Wrong PIN. "
			    "Locked until %s after %d wrong PINs.", t + 11,
			    AUTHZ_MAX_FAILED);
		} else
			snprintf(c->lock_msg, sizeof c->lock_msg, "Wrong PIN "
			    "(%d of %d).", failed, AUTHZ_MAX_FAILED);
	}
	free(cause);
	clerk_rec_clear(&k);
	return rc;
}

/*
 * At the end of a shift: the clerk's own offers since the console
 * started, on a screen of its own.  1 when shown (the next key closes
 * it), 0 when there is nothing to show.
 */
static int
shift_summary(struct console *c)
{
	struct offer_group *g = NULL;
	const char *clerk = c->app->signed_in ? c->app->as :
	    c->app->config->clerk;
	char *cause = NULL, since[24], cur[4];
	size_t n = 0, i;
	int scale, shown = 0;

	if (store_offer_groups(c->store, OFFERS_BY_CLERK, c->started,
	    now_of(c) + 1, &g, &n, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < n && strcmp(g[i].key, clerk) != 0; i++)
		;
	if (i < n && g[i].shown > 0) {
		store_currency(c->store, cur, &scale);
		civil_format_time(c->started, since, sizeof since);
		report_draw_shift(clerk, since, &g[i], scale);
		shown = 1;
	}
	store_offer_groups_free(&g, n);
	return shown;
}

/* ---- training without a screen (uplift train --play) ------------------- */

/* Print the dialogue lines said since *shown. */
static void
play_lines(const struct console *c, size_t *shown)
{
	const struct training *t = &c->run;
	const char *who = c->sc->mode == TRAIN_HOTEL ? "Guest: " :
	    "Customer: ";
	size_t k, at;

	for (k = *shown; k < t->nsaid; k++) {
		if (t->nsaid - k > t->nlines)
			continue;       /* gone from the window */
		at = t->nlines - (t->nsaid - k);
		fputs(t->lines[at].speaker == SAYS_CUSTOMER ? who :
		    t->lines[at].speaker == SAYS_TRAINEE ? "You: " : "  ",
		    stdout);
		text_fputs(t->lines[at].text, stdout);
		putchar('\n');
	}
	*shown = t->nsaid;
}

/* The status line, if something was said there, then cleared. */
static void
play_status(struct console *c)
{
	char *st = c->desk != NULL ? c->cview.status : c->view.status;

	if (st[0] != '\0') {
		fputs("  = ", stdout);
		text_fputs(st, stdout);
		putchar('\n');
	}
	st[0] = '\0';
}

/* What is on offer: the suggestions (shop), or the upgrades and add-ons
 * (desk), the selected one marked. */
static void
play_offers(struct console *c)
{
	char m[32];
	size_t i;

	if (c->desk != NULL) {
		struct desk *d = c->desk;
		int up = c->cview.focus == CHECKIN_UPGRADES;

		for (i = 0; i < d->noffers; i++) {
			money_format(d->offers[i].per_night, d->scale, 1, m,
			    sizeof m);
			printf("  %s UPGRADE ", up && (int)i == c->cview.sel ?
			    "*" : " ");
			text_fputs(desk_type_name(d, d->offers[i].type_id),
			    stdout);
			printf(" +%s a night\n", m);
		}
		for (i = 0; i < d->naddons; i++) {
			if (d->addons[i].sold)
				continue;
			money_format(d->addons[i].total, d->scale, 1, m,
			    sizeof m);
			printf("  %s ADD-ON  ", !up && (int)i == c->cview.sel ?
			    "*" : " ");
			text_fputs(d->addons[i].code, stdout);
			putchar(' ');
			text_fputs(d->addons[i].name, stdout);
			printf(" %s for the stay\n", m);
		}
		return;
	}
	for (i = 0; i < c->session->nshown; i++) {
		const struct suggestion *g = &c->session->shown[i].sug;
		const struct item *it = catalog_item(&c->session->cat,
		    g->item_id);

		money_format(g->diff, c->session->scale, 1, m, sizeof m);
		printf("  %s %-8s ", (int)i == c->view.sug_sel ? "*" : " ",
		    scorer_kind_badge(g->kind));
		text_fputs(it != NULL ? it->sku : "?", stdout);
		putchar(' ');
		text_fputs(it != NULL ? it->name : "?", stdout);
		printf(" +%s\n", m);
	}
}

/* Keep the selections in their lists, as drawing does. */
static void
play_clamp(struct console *c)
{
	if (c->desk != NULL) {
		struct checkin_view *v = &c->cview;
		int n = (int)(v->focus == CHECKIN_ADDONS ? c->desk->naddons :
		    c->desk->noffers);

		if (v->sel >= n)
			v->sel = n - 1;
		if (v->sel < 0)
			v->sel = 0;
		return;
	}
	if (c->view.sug_sel >= (int)c->session->nshown)
		c->view.sug_sel = (int)c->session->nshown - 1;
	if (c->view.sug_sel < 0)
		c->view.sug_sel = 0;
	if (c->view.basket_sel >= (int)c->session->nbasket)
		c->view.basket_sel = (int)c->session->nbasket - 1;
	if (c->view.basket_sel < 0)
		c->view.basket_sel = 0;
}

/* @CODE: select the offer of that code, as the arrows would.  0, or -1
 * when it is not on offer. */
static int
play_select(struct console *c, const char *code)
{
	size_t i;

	if (c->desk != NULL) {
		struct desk *d = c->desk;

		for (i = 0; i < d->noffers; i++) {
			const struct hotel_type *t = desk_type(d,
			    d->offers[i].type_id);
			if (t != NULL && t->code != NULL &&
			    strcmp(t->code, code) == 0) {
				c->cview.focus = CHECKIN_UPGRADES;
				c->cview.sel = (int)i;
				c->cview.say_line = 0;
				return 0;
			}
		}
		for (i = 0; i < d->naddons; i++)
			if (!d->addons[i].sold &&
			    strcmp(d->addons[i].code, code) == 0) {
				c->cview.focus = CHECKIN_ADDONS;
				c->cview.sel = (int)i;
				c->cview.say_line = 0;
				return 0;
			}
		return -1;
	}
	for (i = 0; i < c->session->nshown; i++) {
		const struct item *it = catalog_item(&c->session->cat,
		    c->session->shown[i].sug.item_id);
		if (it != NULL && strcmp(it->sku, code) == 0) {
			c->view.focus = FOCUS_SUGGESTIONS;
			c->view.sug_sel = (int)i;
			c->view.say_line = 0;
			return 0;
		}
	}
	return -1;
}

/* A key's name as send-keys spells it: one character, or Enter, Tab,
 * Up, Down, Esc, Space, BSpace.  0, or -1 if it names no key. */
static int
play_key(const char *tok, int *rc, wint_t *wc)
{
	static const struct {
		const char *name;
		int         is_key;
		wint_t      wc;
	} names[] = {
		{ "Enter", 0, '\r' }, { "Tab", 0, '\t' }, { "Up", 1, KEY_UP },
		{ "Down", 1, KEY_DOWN }, { "Esc", 0, 27 }, { "Space", 0, ' ' },
		{ "BSpace", 1, KEY_BACKSPACE },
	};
	wchar_t w;
	size_t i, n = strlen(tok);
	mbstate_t ms;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(tok, names[i].name) == 0) {
			*rc = names[i].is_key ? KEY_CODE_YES : OK;
			*wc = names[i].wc;
			return 0;
		}
	memset(&ms, 0, sizeof ms);
	if (mbrtowc(&w, tok, n, &ms) != n)
		return -1;
	*rc = OK;
	*wc = (wint_t)w;
	return 0;
}

/* The score sheet and the progress, as text. */
static void
play_sheet(const struct console *c)
{
	char buf[640], date[16];
	size_t i;

	training_sheet_title(c->sc, &c->sheet, buf, sizeof buf);
	text_fputs(buf, stdout);
	putchar('\n');
	for (i = 0; i < c->sheet.n; i++) {
		const struct training_check *k = &c->sheet.c[i];

		training_check_text(k, text_get_ascii(), buf, sizeof buf);
		fputs("  ", stdout);
		text_fputs(buf, stdout);
		putchar('\n');
		if (k->counted && !k->passed && k->better[0] != '\0') {
			fputs("         ", stdout);
			text_fputs(k->better, stdout);
			putchar('\n');
		}
	}
	for (i = 0; i < c->nprogress; i++) {
		if (i == 0)
			printf("YOUR PROGRESS  best, last, tries\n");
		civil_format_date(civil_day_of(c->progress[i].at), date,
		    sizeof date);
		fputs("  ", stdout);
		text_fputs(c->progress[i].scenario, stdout);
		printf("  %d%%  %d%%  %d  %s\n", c->progress[i].best,
		    c->progress[i].last, c->progress[i].tries, date);
	}
}

/*
 * uplift train --play: the run without a screen.  The keys of a->play
 * (separated by spaces) are handled as the console handles them, @CODE
 * selects the offer of that code; the dialogue, what the status line
 * says and the score sheet are printed.  a->play is left after the keys
 * used, for a retry (r) to go on with.  EXIT_OK, or EXIT_USAGE for a key
 * that is not one or a code not on offer.
 */
static int
console_play(struct console *c, struct app *a)
{
	const char *p = a->play;
	size_t said = 0;
	char tok[64];
	int rc, scored = 0, was_score;
	wint_t wc;
	enum reaction r = R_NONE;

	printf("TRAINING %s: ", c->sc->id);
	text_fputs(c->sc->title, stdout);
	putchar('\n');
	play_lines(c, &said);
	play_status(c);
	play_offers(c);
	while (r != R_QUIT) {
		size_t n;

		p += strspn(p, " ,");
		if (*p == '\0')
			break;
		n = strcspn(p, " ,");
		snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok - 1 ? n :
		    sizeof tok - 1), p);
		p += n;
		fputs("> ", stdout);
		text_fputs(tok, stdout);
		putchar('\n');
		if (tok[0] == '@' && tok[1] != '\0') {
			if (play_select(c, tok + 1) != 0) {
				a->play = p;
				app_error("--play: %s is not on offer", tok + 1);
				return EXIT_USAGE;
			}
			play_offers(c);
			continue;
		}
		if (play_key(tok, &rc, &wc) != 0) {
			a->play = p;
			app_error("--play: %s is not a key (a character, Enter, "
			    "Tab, Up, Down, Esc, Space, BSpace or @CODE)", tok);
			return EXIT_USAGE;
		}
		play_clamp(c);
		was_score = c->view.mode == MODE_SCORE;
		r = c->desk != NULL ? desk_main_key(c, rc, wc) :
		    main_key(c, rc, wc);
		play_clamp(c);
		play_lines(c, &said);
		play_status(c);
		if (c->view.mode == MODE_SCORE && !was_score) {
			play_sheet(c);
			scored = 1;
		}
	}
	a->play = p;
	if (!scored)
		printf("(not finished: no score)\n");
	return EXIT_OK;
}

int
app_console(struct app *a)
{
	struct console c;
	struct sigaction sa;
	char *cause = NULL, *v;
	FILE *lat = NULL;
	wint_t wc;
	int rc, running = 1, mode, shift_shown = 0;
	enum reaction r = R_REDRAW;

	memset(&c, 0, sizeof c);
	c.app = a;
	/* training plays on a scratch copy: no shop to guard */
	if (a->training == NULL && app_authorize(a, ACT_SELL) != 0)
		return EXIT_FAIL;
	if (console_open(&c, a) != 0) {
		console_free(&c);
		return EXIT_FAIL;
	}
	c.started = now_of(&c);
	if (a->signed_in) {        /* the signed-in clerk sells */
		if (c.session != NULL)
			c.session->clerk_id = a->clerk_id;
		if (c.desk != NULL)
			c.desk->clerk_id = a->clerk_id;
		c.view.clerk = c.cview.clerk = a->as;
	}
	/* A terminal that is not UTF-8: ASCII only, and let curses know. */
	if (!text_env_is_utf8()) {
		text_set_ascii(1);
		setlocale(LC_CTYPE, "");
	}
	if (a->play != NULL && c.sc != NULL) {
		/* uplift train --play: no screen */
		rc = console_play(&c, a);
		console_free(&c);
		return rc;
	}
	mode = a->config->color == CONFIG_COLOR_ALWAYS ? UI_COLOR_ALWAYS :
	    a->config->color == CONFIG_COLOR_NEVER ? UI_COLOR_NEVER :
	    UI_COLOR_AUTO;
	if (ui_start(mode, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		console_free(&c);
		return EXIT_FAIL;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (a->signed_in) {
		/* a signed-in console is left by q or by signing out: Ctrl-Z
		 * and Ctrl-\ would leave the clerk's shell to whoever stands
		 * at the till, and Ctrl-C does nothing on the lock screen */
		sa.sa_handler = SIG_IGN;
		sigaction(SIGTSTP, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
	}
	timeout(1000);   /* wake up for the clock and the retries */
	if ((v = getenv("UPLIFT_LATENCY_LOG")) != NULL && *v != '\0')
		lat = fopen(v, "a");

	c.last_key = mono_now();
	for (;;) {
		if (quit_signal == SIGINT && c.locked)
			quit_signal = 0;
		if (!running || quit_signal)
			break;
		if (c.locked) {
			/* only the signed-in clerk's PIN opens it again */
			ui_lock_screen(a->as, c.npin, c.lock_msg);
			rc = get_wch(&wc);
			if (rc == ERR && terminal_gone()) {
				quit_signal = SIGHUP;
				continue;
			}
			if (rc == ERR || (rc == KEY_CODE_YES &&
			    wc == KEY_RESIZE))
				continue;
			if (lock_key(&c, rc == KEY_CODE_YES, wc) == 1) {
				c.last_key = mono_now();
				r = R_REDRAW;
			}
			continue;
		}
		if (shift_shown) {
			/* the shift's summary: any key closes it */
			rc = get_wch(&wc);
			if (rc == ERR && terminal_gone())
				running = 0;
			else if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
				shift_summary(&c);
			else if (rc != ERR)
				running = 0;
			continue;
		}
		if (r != R_NONE) {
			set_clock(&c);
			console_draw(&c);
		}
		rc = get_wch(&wc);
		if (rc == ERR && terminal_gone()) {
			/* as SIGHUP: the journal keeps what is unsaved, the
			 * temporary copies go */
			quit_signal = SIGHUP;
			continue;
		}
		if (rc == ERR && a->signed_in && a->config->idle_lock_seconds >
		    0 && mono_now() - c.last_key >=
		    a->config->idle_lock_seconds) {
			c.locked = 1;
			lock_audit(&c, "idle-lock");
			continue;
		}
		if (rc != ERR)
			c.last_key = mono_now();
		if (rc == ERR) {
			char old[sizeof c.view.clock];
			size_t pending = console_pending(&c);
			snprintf(old, sizeof old, "%s", console_clock(&c));
			set_clock(&c);
			if (pending > 0 && session_retry(c.session) == 0)
				status(&c, 0, "The offer log is saved again.");
			r = strcmp(old, console_clock(&c)) != 0 ||
			    pending != console_pending(&c) ? R_REDRAW : R_NONE;
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			r = R_REDRAW;
			continue;
		}
		set_clock(&c);
		if (console_pending(&c) > 0)
			session_retry(c.session);
		if (lat != NULL) {
			/* UPLIFT_LATENCY_LOG: keypress to screen, measured */
			int mode_before = c.desk != NULL ? c.cview.mode ==
			    CHECKIN_FIND ? MODE_FIND : MODE_MAIN : c.view.mode;
			struct timespec t0, t1;
			clock_gettime(CLOCK_MONOTONIC, &t0);
			r = c.desk != NULL ? desk_key(&c, rc, wc) :
			    handle_key(&c, rc, wc);
			if (r == R_REDRAW) {
				console_draw(&c);
				r = R_NONE;
			}
			clock_gettime(CLOCK_MONOTONIC, &t1);
			fprintf(lat, "%s %s %.1f\n", mode_before == MODE_ADD ?
			    "add" : mode_before == MODE_FIND ? "find" : "main",
			    rc == KEY_CODE_YES ? "key" : wc == '\r' ||
			    wc == '\n' ? "enter" : "char",
			    (double)(t1.tv_sec - t0.tv_sec) * 1e6 +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e3);
			fflush(lat);
		} else
			r = c.desk != NULL ? desk_key(&c, rc, wc) :
			    handle_key(&c, rc, wc);
		if (r == R_QUIT && !shift_shown && a->training == NULL &&
		    shift_summary(&c)) {
			shift_shown = 1;
			r = R_NONE;
			continue;
		}
		if (r == R_QUIT)
			running = 0;
	}
	if (lat != NULL)
		fclose(lat);
	ui_stop();
	console_free(&c);
	return EXIT_OK;
}
