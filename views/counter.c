/*
 * counter.c — the counter screen.
 *
 * Wide layout (80×24 and up):
 *   0      header: uplift · shop · counter · clerk     [DEMO] date time
 *   1      customer strip: name · segment · lifetime · visits · last
 *   2..    HISTORY (left, top)        │ SUGGESTIONS (right)
 *          BASKET  (left, bottom)     │ why: ...  / CUSTOMER profile
 *   H-5    ── SAY ─────────────────────────────────────────────
 *   H-4..3 the talking points of the selected suggestion
 *   H-2    status line
 *   H-1    key bar
 * Compact layout (40×12 up to 80×24): strip, suggestions, the selected
 * one's why, basket, one line to say, status, keys.
 */
#include "views/counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/privacy.h"
#include "model/scorer.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/curses.h"
#include "views/trainview.h"
#include "views/ui.h"

#define TOP 2   /* the first row under header and strip */

struct layout {
	int wide;            /* every pane                              */
	int lw;              /* left column width (wide)                */
	int rx, rw;          /* right column                            */
	int body_end;        /* last row of the panes (inclusive)       */
	int hist_rows;       /* history lines (wide)                    */
	int basket_y;        /* basket title row                        */
	int say_y, say_rows; /* talking points                          */
};

static struct layout
layout_of(void)
{
	struct layout l;

	memset(&l, 0, sizeof l);
	l.wide = COLS >= 80 && LINES >= 24;
	if (l.wide) {
		l.lw = COLS / 2;
		l.rx = l.lw + 1;
		l.rw = COLS - l.rx;
		l.say_rows = 2;
		l.say_y = LINES - 2 - l.say_rows;
		l.body_end = l.say_y - 2;
		/* history gets 3/5 of the left column, the basket the rest */
		l.hist_rows = (l.body_end - TOP) * 3 / 5;
		l.basket_y = TOP + 1 + l.hist_rows;
	} else {
		l.lw = COLS;
		l.rx = 0;
		l.rw = COLS;
		/* the line to say wraps: its price is at its end */
		l.say_rows = 3;
		l.say_y = LINES - 2 - l.say_rows;
		l.body_end = l.say_y - 1;
	}
	return l;
}

int
counter_history_rows(void)
{
	struct layout l = layout_of();

	return l.wide ? l.hist_rows : 0;
}

int
counter_match_rows(void)
{
	int n = LINES - 2 - TOP - 3;

	return n > 0 ? n : 0;
}

int
counter_fits(const struct counter_view *v)
{
	return COLS >= v->min_cols && LINES >= v->min_rows;
}

static void
money(const struct session *s, int64_t v, char *buf, size_t size)
{
	money_show(v, s->scale, s->currency, buf, size);
}

static const char *
item_name(const struct session *s, int64_t id)
{
	const struct item *it = catalog_item(&s->cat, id);

	if (it == NULL)
		return "?";
	return it->name != NULL && *it->name != '\0' ? it->name : it->sku;
}

/* ---- header, strip, bars -------------------------------------------- */

static void
draw_header(const struct session *s, const struct counter_view *v)
{
	char badge[48] = "";

	if (session_pending(s) > 0)
		snprintf(badge, sizeof badge, " NOT SAVED: %zu ",
		    session_pending(s));
	else if (s->training)
		snprintf(badge, sizeof badge, " TRAINING ");
	else if (s->replay)
		snprintf(badge, sizeof badge, " REPLAY ");
	else if (s->demo)
		snprintf(badge, sizeof badge, " DEMO ");
	ui_header_console(s->shop, s->counter, v->clerk, badge, v->clock);
}

static void
draw_strip(const struct session *s, const struct counter_view *v)
{
	char life[32], when[40], *line, *phone;
	int64_t days;

	if (s->who == WHO_NOBODY) {
		ui_text(1, 0, COLS, " Nobody at the counter", ROLE_TITLE);
		return;
	}
	if (s->who == WHO_WALK_IN) {
		ui_text(1, 0, COLS, " Walk-in customer · no record",
		    ROLE_TITLE);
		return;
	}
	money(s, s->history.lifetime, life, sizeof life);
	days = session_days_since(s);
	if (days < 0)
		snprintf(when, sizeof when, "no visit yet");
	else if (days == 0)
		snprintf(when, sizeof when, "last visit today");
	else if (days > CIVIL_AGO_DAYS) {
		char day[24];

		civil_format_day(civil_day_of(s->history.last_at), day,
		    sizeof day);
		snprintf(when, sizeof when, "last on %s", day);
	} else
		snprintf(when, sizeof when, "last %lld day%s ago",
		    (long long)days, days == 1 ? "" : "s");
	phone = v->mask ? privacy_mask_phone(s->customer.phone) :
	    xstrdup(s->customer.phone ? s->customer.phone : "");
	line = xasprintf(" %s %s %s %s lifetime %s %s %lld visit%s %s %s%s%s",
	    s->customer.name[0] ? s->customer.name : s->customer.code,
	    ui_sym(SYM_DOT), s->customer.segment ? s->customer.segment :
	    "no segment", ui_sym(SYM_DOT), life, ui_sym(SYM_DOT),
	    (long long)s->history.visits, s->history.visits == 1 ? "" : "s",
	    ui_sym(SYM_DOT), when, *phone ? " - " : "", phone);
	ui_text(1, 0, COLS, line, ROLE_TITLE);
	free(line);
	free(phone);
}

static void
draw_status(const struct session *s, const struct counter_view *v)
{
	char buf[600];
	size_t np = session_pending(s);

	if (v->picking_reason) {
		ui_reason_prompt(v->status_error);
		return;
	}
	if (v->quit_asked) {
		size_t lost = session_unjournaled(s);

		/* below 80 columns the short form: the count and the key */
		if (COLS < 80 && lost > 0)
			snprintf(buf, sizeof buf, "%zu NOT SAVED, %zu would be "
			    "lost: %c quits", np, lost, v->keys.quit);
		else if (COLS < 80 && np > 0)
			snprintf(buf, sizeof buf, "%zu NOT SAVED, in the journal: "
			    "%c quits", np, v->keys.quit);
		else if (lost > 0)
			snprintf(buf, sizeof buf, "%zu offer log row%s NOT "
			    "SAVED, %zu not in a journal: %c quits and loses "
			    "%s, any other key stays.", np,
			    np == 1 ? "" : "s", lost, v->keys.quit,
			    lost == 1 ? "it" : "them");
		else if (np > 0)
			snprintf(buf, sizeof buf, "%zu offer log row%s NOT "
			    "SAVED, kept in a journal for the next start: %c "
			    "quits.", np, np == 1 ? "" : "s",
			    v->keys.quit);
		else
			snprintf(buf, sizeof buf, "A sale is open: %c again "
			    "quits without recording it, any other key stays.",
			    v->keys.quit);
		ui_text(LINES - 2, 0, COLS, buf, ROLE_ERROR);
		return;
	}
	if (np > 0 && v->status[0] == '\0') {
		snprintf(buf, sizeof buf, "%zu offer log write%s not saved: "
		    "retrying (%s)", np, np == 1 ? "" : "s",
		    session_log_cause(s));
		ui_text(LINES - 2, 0, COLS, buf, ROLE_ERROR);
		return;
	}
	ui_text(LINES - 2, 0, COLS, v->status,
	    v->status_error ? ROLE_ERROR : ROLE_STATUS);
}

/* ---- panes ------------------------------------------------------------- */

static void
draw_history(const struct session *s, const struct counter_view *v,
    const struct layout *l)
{
	int rows = l->hist_rows, r, y, namew, w = l->lw;
	char title[80], date[20], amount[32], qty[24];
	size_t i;

	if (s->who == WHO_CUSTOMER)
		snprintf(title, sizeof title, " HISTORY  %zu of %zu lines",
		    s->history.n, s->history.total_lines);
	else
		snprintf(title, sizeof title, " HISTORY");
	ui_text(TOP, 0, w, title, ROLE_TITLE);
	if (s->who != WHO_CUSTOMER) {
		ui_wrapped(TOP + 2, 1, w - 2, rows > 2 ? 2 : 1,
		    s->who == WHO_WALK_IN ?
		    "No history: a walk-in has no record." :
		    "Press / to find a customer, w for a walk-in.",
		    ROLE_DIM);
		return;
	}
	if (s->history.n == 0) {
		ui_text(TOP + 2, 1, w - 2, "No purchases yet.", ROLE_DIM);
		return;
	}
	namew = w - 1 - 10 - 1 - 1 - 5 - 1 - 9 - 1;
	for (r = 0; r < rows; r++) {
		const struct history_line *hl;
		enum ui_role role;

		i = (size_t)(v->hist_top + r);
		if (i >= s->history.n)
			break;
		hl = &s->history.lines[i];
		y = TOP + 1 + r;
		role = hl->kind == ORDER_RETURN ? ROLE_RETURN : ROLE_NORMAL;
		civil_format_date(civil_day_of(hl->at), date, sizeof date);
		if (r > 0 && s->history.lines[i - 1].at == hl->at &&
		    strcmp(s->history.lines[i - 1].order_code,
		    hl->order_code) == 0)
			date[0] = '\0';
		ui_text(y, 1, 10, date, ROLE_DIM);
		ui_text(y, 12, namew, hl->name && *hl->name ? hl->name :
		    hl->sku, role);
		snprintf(qty, sizeof qty, "%s%lld", ui_sym(SYM_TIMES),
		    (long long)hl->qty);
		ui_text_right(y, 12 + namew + 1, 5, qty, role);
		money(s, hl->amount, amount, sizeof amount);
		ui_text_right(y, 12 + namew + 7, 9, amount,
		    hl->kind == ORDER_RETURN ? ROLE_RETURN : ROLE_MONEY);
	}
}

/* A basket line's row, or its bundle discount's: rows[] maps the rows to
 * basket lines, a discount row as -1 - its line. */
struct basket_row {
	const struct session *s;
	int x, namew;
	const int *rows;
};

static const char *
bundle_name(const struct session *s, int64_t id)
{
	size_t k;

	for (k = 0; k < s->cat.nbundles; k++)
		if (s->cat.bundles[k].id == id)
			return s->cat.bundles[k].name;
	return "";
}

static void
discount_row(const struct basket_row *f, const struct basket_line *b,
    int y, enum ui_role role)
{
	char amount[32], *label;

	label = xasprintf("  bundle discount %s", bundle_name(f->s,
	    b->bundle_id));
	ui_text(y, f->x + 1, f->namew + 6, label, role);
	free(label);
	money(f->s, -b->discount, amount, sizeof amount);
	ui_text_right(y, f->x + 1 + f->namew + 6, 10, amount,
	    role == ROLE_SELECTED ? ROLE_SELECTED : ROLE_MONEY);
}

static void
basket_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct basket_row *f = ctx;
	const struct basket_line *b;
	char amount[32], qty[24];

	if (f->rows[i] < 0) {
		discount_row(f, &f->s->basket[-1 - f->rows[i]], y, role);
		return;
	}
	b = &f->s->basket[f->rows[i]];
	ui_text(y, f->x + 1, f->namew, item_name(f->s, b->item_id), role);
	snprintf(qty, sizeof qty, "%s%lld", ui_sym(SYM_TIMES),
	    (long long)b->qty);
	ui_text_right(y, f->x + 1 + f->namew, 6, qty, role);
	money(f->s, b->qty * b->unit_price, amount, sizeof amount);
	ui_text_right(y, f->x + 1 + f->namew + 6, 10, amount,
	    role == ROLE_SELECTED ? ROLE_SELECTED : ROLE_MONEY);
}

static void
draw_basket(const struct session *s, const struct counter_view *v, int y,
    int x, int w, int last)
{
	char title[80], total[32];
	int rows = last - y, sel = -1, end, *map;
	struct basket_row f = { s, x, w - 1 - 5 - 1 - 10 - 1, NULL };
	size_t i, n = 0;

	money(s, s->total, total, sizeof total);
	snprintf(title, sizeof title, " BASKET  %zu line%s", s->nbasket,
	    s->nbasket == 1 ? "" : "s");
	ui_text(y, x, w, title, ROLE_TITLE);
	snprintf(title, sizeof title, "total %s ", total);
	ui_text_right(y, x + w - text_width(title), text_width(title), title,
	    ROLE_TITLE);
	if (rows <= 0)
		return;
	if (s->nbasket == 0) {
		if (rows >= 1)
			ui_wrapped(y + 1, x + 1, w - 2, rows > 2 ? 2 : rows,
			    "Empty: + adds an item by SKU, barcode or name.",
			    ROLE_DIM);
		return;
	}
	map = xcalloc(2 * s->nbasket, sizeof *map);
	for (i = 0; i < s->nbasket; i++) {
		if ((int)i == v->basket_sel)
			sel = (int)n;
		map[n++] = (int)i;
		if (s->basket[i].discount != 0)
			map[n++] = -1 - (int)i;
	}
	f.rows = map;
	/* the line and its discount are shown together */
	end = sel >= 0 && sel + 1 < (int)n && map[sel + 1] < 0 ? sel + 1 : sel;
	ui_list(&(struct ui_pane){ y + 1, x, w, rows, n,
	    v->focus == FOCUS_BASKET ? sel : -1,
	    end >= rows ? end - rows + 1 : 0, NULL }, basket_row, &f);
	free(map);
}

/* A suggestion's row: its kind, the item, the step up (in % too). */
struct sug_row {
	const struct session *s;
	int x, w;
};

static void
sug_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct sug_row *f = ctx;
	const struct session *s = f->s;
	const struct suggestion *g = &s->shown[i].sug;
	int sel = role == ROLE_SELECTED, x = f->x, w = f->w;
	int namew = w - 1 - 9 - 10 - (w >= 50 ? 6 : 0);
	char d[40], pct[16], diff[32];

	money(s, g->diff, diff, sizeof diff);
	snprintf(d, sizeof d, "%s%s", g->diff >= 0 ? "+" : "", diff);
	/* the step up in % of the basket: none without one */
	if (s->nbasket > 0)
		snprintf(pct, sizeof pct, "%s%d%%", g->diff >= 0 ? "+" : "",
		    g->diff_pct);
	else
		pct[0] = '\0';
	ui_text(y, x + 1, 9, scorer_kind_badge(g->kind), sel ? role :
	    ROLE_TITLE);
	ui_text(y, x + 10, namew, item_name(s, g->item_id), role);
	ui_text_right(y, x + 10 + namew, 10, d, sel ? role : ROLE_MONEY);
	if (w >= 50)
		ui_text_right(y, x + 20 + namew, 6, pct, role);
}

static void
draw_suggestions(const struct session *s, const struct counter_view *v, int y,
    int x, int w, int last)
{
	char title[64];
	struct sug_row f = { s, x, w };
	int row = y + 1;

	snprintf(title, sizeof title, " SUGGESTIONS  %zu", s->nshown);
	ui_text(y, x, w, title, ROLE_TITLE);
	if (s->nshown == 0) {
		ui_wrapped(row, x + 1, w - 2, last - row >= 1 ? 2 : 1,
		    s->who == WHO_NOBODY && s->nbasket == 0 ?
		    "Suggestions appear as items are added." :
		    "Nothing worth suggesting now.", ROLE_DIM);
		return;
	}
	row = ui_list(&(struct ui_pane){ row, x, w, last - y, s->nshown,
	    v->focus == FOCUS_SUGGESTIONS ? v->sug_sel : -1, 0, NULL },
	    sug_row, &f);
	/* The why of the selected one. */
	if (row + 1 <= last && v->sug_sel < (int)s->nshown) {
		char *why = xasprintf("why: %s", s->shown[v->sug_sel].sug.why);
		ui_wrapped(row + 1, x + 1, w - 2, last - row, why, ROLE_DIM);
		free(why);
	}
}

static void
draw_profile(const struct session *s, int y, int x, int w, int last)
{
	static const char initials[] = "JFMAMJJASOND";
	char buf[160], m[32], m2[32], spark[PROFILE_MONTHS * 3 + 1];
	int k, mon, yy, dd;

	if (s->who != WHO_CUSTOMER || y + 3 > last)
		return;
	ui_text(y++, x, w, " CUSTOMER", ROLE_TITLE);
	money(s, s->history.lifetime, m, sizeof m);
	money(s, session_avg_basket(s), m2, sizeof m2);
	snprintf(buf, sizeof buf, " lifetime %s %s %s avg %s", m, s->currency,
	    ui_sym(SYM_DOT), m2);
	ui_text(y++, x, w, buf, ROLE_NORMAL);
	if (y + 1 <= last && s->profile.ntop > 0) {
		snprintf(buf, sizeof buf, " most: %s",
		    s->profile.top[0].name && *s->profile.top[0].name ?
		    s->profile.top[0].name : s->profile.top[0].sku);
		ui_text(y++, x, w, buf, ROLE_DIM);
	}
	if (y + 1 <= last) {
		ui_sparkline(s->profile.month_spend, PROFILE_MONTHS, spark,
		    sizeof spark);
		ui_text(y++, x + 1, PROFILE_MONTHS, spark, ROLE_MONEY);
		civil_from_days(civil_day_of(s->profile.chart_at), &yy, &mon,
		    &dd);
		for (k = 0; k < PROFILE_MONTHS; k++)
			buf[k] = initials[(mon + k) % 12];
		buf[PROFILE_MONTHS] = '\0';
		ui_text(y, x + 1, PROFILE_MONTHS, buf, ROLE_DIM);
		/* an old history: its last 12 months, and which they are */
		if (s->now - s->profile.chart_at > (int64_t)300 * CIVIL_DAY) {
			static const char *mn[] = { "Jan", "Feb", "Mar", "Apr",
			    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
			    "Dec" };
			snprintf(m, sizeof m, "spend to %s %d", mn[(mon + 11) %
			    12], yy);
		} else
			snprintf(m, sizeof m, "spend by month");
		ui_text(y, x + 2 + PROFILE_MONTHS, w - PROFILE_MONTHS - 3, m,
		    ROLE_DIM);
	}
}

static void
draw_say(const struct session *s, const struct counter_view *v,
    const struct layout *l)
{
	ui_say(l->say_y, l->wide, l->say_rows, session_language(s), v->say,
	    v->nsay, v->say_shown, s->ack_item != 0 ? "" : "The line to say "
	    "for the selected suggestion shows here.");
}

static void
main_keys(const struct counter_view *v)
{
	struct ui_keyhint k[12];
	size_t n = 0;

	/* most used first, as the bar drops from the middle; what the keys
	 * do where the focus is: no Accept on the basket, no Find or
	 * Walk-in in training (the customer is the scenario's) */
	if (v->focus != FOCUS_BASKET) {
		ui_keyhint_char(&k[n++], v->keys.accept, v->training != NULL ?
		    "Offer" : "Accept");
		ui_keyhint_char(&k[n++], v->keys.decline, v->training != NULL ?
		    "Skip" : "Decline");
	}
	ui_keyhint_char(&k[n++], v->keys.add, "Add");
	if (v->focus == FOCUS_BASKET)
		ui_keyhint_char(&k[n++], v->keys.remove, "Remove");
	ui_keyhint_char(&k[n++], v->keys.finish, "Finish");
	if (v->training == NULL) {
		ui_keyhint_char(&k[n++], v->keys.find, "Find");
		ui_keyhint_char(&k[n++], v->keys.walk_in, "Walk-in");
	} else
		ui_keyhint_char(&k[n++], v->keys.language, "Language");
	snprintf(k[n].key, sizeof k[n].key, "%s", ui_sym(SYM_UPDOWN));
	k[n++].what = "Choose";
	if (v->focus != FOCUS_BASKET)
		ui_keyhint_char(&k[n++], v->keys.remove, "Remove");
	ui_keyhint_char(&k[n++], v->keys.say, "Say");
	ui_keyhint_char(&k[n++], v->keys.help, "Help");
	ui_keyhint_char(&k[n++], v->keys.quit, "Quit");
	ui_keybar(k, n);
}

static void
draw_main(const struct session *s, const struct counter_view *v)
{
	struct layout l = layout_of();
	int sug_last, why_rows;

	if (l.wide) {
		if (v->training != NULL)
			trainview_dialogue(v->training, TOP, 0, l.lw,
			    l.hist_rows + 1);
		else
			draw_history(s, v, &l);
		draw_basket(s, v, l.basket_y, 0, l.lw, l.body_end);
		ui_vline(TOP, l.lw, l.body_end - TOP + 1, ROLE_FRAME);
		/* suggestions, their why, then the customer */
		why_rows = 4;
		sug_last = TOP + (int)s->nshown + 1 + why_rows;
		if (sug_last > l.body_end)
			sug_last = l.body_end;
		draw_suggestions(s, v, TOP, l.rx, l.rw, sug_last);
		draw_profile(s, sug_last + 1, l.rx, l.rw, l.body_end);
	} else if (v->training != NULL) {
		ui_wrapped(TOP + 1, 1, COLS - 2, 3, "Training needs a terminal "
		    "of 80 by 24 or more, for the dialogue.", ROLE_DIM);
	} else {
		int n = (int)s->nshown, last = TOP + n + 1;
		if (last > l.body_end - 3)
			last = l.body_end - 3;
		draw_suggestions(s, v, TOP, 0, COLS, last);
		draw_basket(s, v, last + 1, 0, COLS, l.body_end);
	}
	draw_say(s, v, &l);
	main_keys(v);
}

/* ---- searches ----------------------------------------------------------- */

static void
search_frame(const char *title, const struct counter_view *v, size_t n,
    int *y)
{
	char *prompt, count[48];
	int x;

	ui_text((*y)++, 0, COLS, title, ROLE_TITLE);
	prompt = xasprintf(" > %s", v->input);
	x = ui_text(*y, 0, COLS - 14, prompt, ROLE_INPUT);
	snprintf(count, sizeof count, "%zu match%s ", n, n == 1 ? "" : "es");
	ui_text_right((*y)++, x, COLS - x, v->input[0] ? count : "",
	    ROLE_DIM);
	free(prompt);
	(*y)++;
}


/* A row of a list: what it draws from. */
struct find_row {
	const struct session *s;
	const struct counter_view *v;
	int namew, skuw, nx;
};

static void
customer_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct find_row *f = ctx;
	const struct customer *c = &f->s->matches[i];
	char *phone;

	ui_text(y, 2, 8, c->code, role);
	ui_text(y, 11, f->namew, c->name, role);
	if (f->namew + 32 > COLS)
		return;
	phone = f->v->mask ? privacy_mask_phone(c->phone) :
	    xstrdup(c->phone ? c->phone : "");
	ui_text(y, 12 + f->namew, 8, phone, role);
	free(phone);
	ui_text(y, 21 + f->namew, 9, c->segment ? c->segment : "", role);
	ui_text(y, 31 + f->namew, 3, c->lang ? c->lang : "", role);
}

static void
draw_find(const struct session *s, const struct counter_view *v)
{
	struct find_row f = { s, v, 0, 0, 0 };
	int y = TOP;

	search_frame(" FIND CUSTOMER  id, name, phone digits or loyalty "
	    "number", v, s->nmatches, &y);
	f.namew = COLS - 2 - 8 - 1 - 1 - 8 - 1 - 9 - 1 - 3 - 1;
	if (f.namew < 8)
		f.namew = COLS - 12;
	y = ui_list(&(struct ui_pane){ y, 0, COLS, counter_match_rows(),
	    s->nmatches, v->match_sel, v->match_top, NULL }, customer_row, &f);
	if (s->nmatches == 0 && v->input[0] != '\0')
		ui_text(y, 2, COLS - 4, "No customer matches.", ROLE_DIM);
	ui_search_keys("Cancel");
}

static void
item_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct find_row *f = ctx;
	const struct item *it = f->s->found[i];
	char price[32], stock[24];

	ui_text(y, 2, f->skuw, it->sku, role);
	ui_text(y, f->nx, f->namew, it->name, role);
	money(f->s, it->price, price, sizeof price);
	ui_text_right(y, f->nx + f->namew, 10, price, role);
	if (it->stock == ITEM_NO_STOCK)
		stock[0] = '\0';
	else
		snprintf(stock, sizeof stock, "%lld in", (long long)it->stock);
	ui_text_right(y, f->nx + 10 + f->namew, 8, it->stock == 0 ? "none" :
	    stock, it->stock == 0 ? ROLE_ERROR : ROLE_DIM);
}

static void
draw_add(const struct session *s, const struct counter_view *v)
{
	struct find_row f = { s, v, 0, 0, 0 };
	int y = TOP;

	search_frame(" ADD ITEM  SKU, barcode or name", v, s->nfound, &y);
	/* narrow: the name matters more than the SKU */
	f.skuw = COLS >= 60 ? 12 : 0;
	f.nx = f.skuw > 0 ? 2 + f.skuw + 1 : 2;
	f.namew = COLS - f.nx - 10 - 8 - 1;
	if (f.namew < 8)
		f.namew = 8;
	y = ui_list(&(struct ui_pane){ y, 0, COLS, counter_match_rows(),
	    s->nfound, v->match_sel, v->match_top, NULL }, item_row, &f);
	if (s->nfound == 0 && v->input[0] != '\0')
		ui_text(y, 2, COLS - 4, "No item matches.", ROLE_DIM);
	ui_search_keys("Cancel");
}

/* ---- help ------------------------------------------------------------- */

static void
draw_help(struct counter_view *v)
{
	struct ui_keyhint h[24];
	size_t n = 0;
	char decline[48];

	snprintf(decline, sizeof decline, "decline it; then 1-%d for a reason",
	    REASON_COUNT - 1);
	ui_keyhint_char(&h[n++], v->keys.find, "find a customer: id, name, phone "
	    "digits, loyalty number");
	ui_keyhint_char(&h[n++], v->keys.walk_in, "a walk-in sale (no customer "
	    "record)");
	ui_keyhint_char(&h[n++], v->keys.add, "add an item: SKU, barcode or name");
	snprintf(h[n].key, sizeof h[n].key, "%c *N", v->keys.remove);
	h[n++].what = "one less of the selected basket line; *N Enter: N "
	    "of it";
	snprintf(h[n].key, sizeof h[n].key, "u");
	h[n++].what = "undo this sale's last accept or decline";
	ui_keyhint_char(&h[n++], v->keys.accept, "accept the suggestion (Enter too)");
	ui_keyhint_char(&h[n++], v->keys.decline, decline);
	snprintf(h[n].key, sizeof h[n].key, "%s j k", ui_sym(SYM_UPDOWN));
	h[n++].what = "choose a suggestion or basket line";
	snprintf(h[n].key, sizeof h[n].key, "Tab");
	h[n++].what = "switch between suggestions and basket";
	ui_keyhint_char(&h[n++], v->keys.say, "the next line to say");
	ui_keyhint_char(&h[n++], v->keys.language, "talking points in the next "
	    "language");
	ui_keyhint_char(&h[n++], v->keys.finish, "finish: record the sale");
	ui_keyhint_char(&h[n++], v->keys.report, "the report (a manager's)");
	ui_keyhint_char(&h[n++], v->keys.reveal, "the full phone and email, "
	    "until the next key (a manager's, audited)");
	snprintf(h[n].key, sizeof h[n].key, "PgUp PgDn");
	h[n++].what = "scroll the history";
	snprintf(h[n].key, sizeof h[n].key, "Home End");
	h[n++].what = "newest / oldest purchases";
	snprintf(h[n].key, sizeof h[n].key, "%c F1", v->keys.help);
	h[n++].what = "this help";
	ui_keyhint_char(&h[n++], v->keys.quit, "quit (asks if a sale is open)");

	v->help_pages = ui_help(TOP, " HELP  keys of the counter "
	    "console", h, n, "Every suggestion shown, accepted or declined is "
	    "saved in the offer log.", &v->help_page);
}

/* ---- too small -------------------------------------------------------- */

/* ---- recalculation -------------------------------------------------- */

/* Keep a clamp(lo .. n - 1) selection in range (0 when n is 0). */
static void
clamp_index(int *sel, int n)
{
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
}


/* The main screen's panes, as draw_main() places them. */
static void
recalc_main(const struct session *s, struct counter_view *v)
{
	struct layout l = layout_of();
	int last;

	if (l.wide) {
		if (v->training == NULL && s->who == WHO_CUSTOMER &&
		    s->history.n > 0) {
			if (v->hist_top > (int)s->history.n - l.hist_rows)
				v->hist_top = (int)s->history.n - l.hist_rows;
			if (v->hist_top < 0)
				v->hist_top = 0;
		}
		if (l.body_end - l.basket_y > 0 && s->nbasket > 0)
			clamp_index(&v->basket_sel, (int)s->nbasket);
		if (s->nshown > 0)
			clamp_index(&v->sug_sel, (int)s->nshown);
		return;
	}
	if (v->training != NULL)
		return;
	last = TOP + (int)s->nshown + 1;
	if (last > l.body_end - 3)
		last = l.body_end - 3;
	if (s->nshown > 0)
		clamp_index(&v->sug_sel, (int)s->nshown);
	if (l.body_end - (last + 1) > 0 && s->nbasket > 0)
		clamp_index(&v->basket_sel, (int)s->nbasket);
}

void
counter_view_clear(struct counter_view *v)
{
	while (v->nsay > 0)
		free(v->say[--v->nsay]);
	v->say_shown = 0;
}

/* The talking points of the selected suggestion (after a no: its one
 * line, for one key), and which one shows. */
static void
recalc_say(const struct session *s, struct counter_view *v)
{
	v->nsay = session_say_lines(s, (size_t)v->sug_sel, v->say);
	if (s->ack_item != 0) {
		while (v->nsay > 1)
			free(v->say[--v->nsay]);
		v->say_shown = 0;
		return;
	}
	if (v->say_line >= v->nsay || v->say_line < 0)
		v->say_line = 0;
	v->say_shown = v->say_line;
}

void
counter_recalc(const struct session *s, struct counter_view *v)
{
	counter_view_clear(v);
	if (!counter_fits(v))
		return;
	if (v->mode == MODE_FIND)
		ui_list_clamp(&v->match_sel, &v->match_top, s->nmatches,
		    counter_match_rows());
	else if (v->mode == MODE_ADD)
		ui_list_clamp(&v->match_sel, &v->match_top, s->nfound,
		    counter_match_rows());
	else if (v->mode == MODE_MAIN) {
		recalc_main(s, v);
		recalc_say(s, v);
	}
}

/* ---- the screen ------------------------------------------------------- */

void
counter_draw(const struct session *s, struct counter_view *v)
{
	erase();
	if (!counter_fits(v)) {
		/* q is refused with a sale open: say so, and how to go on */
		ui_too_small(v->min_cols, v->min_rows, session_sale_open(s) ?
		    0 : v->keys.quit);
		refresh();
		return;
	}
	draw_header(s, v);
	draw_strip(s, v);
	switch (v->mode) {
	case MODE_FIND:
		draw_find(s, v);
		break;
	case MODE_ADD:
		draw_add(s, v);
		break;
	case MODE_HELP:
		if (v->training != NULL)
			v->help_pages = trainview_help(&v->keys, 0, TOP,
			    &v->help_page);
		else
			draw_help(v);
		break;
	case MODE_SCORE:
		trainview_sheet(v->training->sc, v->sheet, v->progress,
		    v->nprogress, TOP, v->keys.quit);
		break;
	case MODE_REPORT:
		reportview_draw(v->report, TOP, v->keys.quit);
		break;
	default:
		draw_main(s, v);
		break;
	}
	draw_status(s, v);
	refresh();
}
