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
#include "views/pane.h"
#include "views/screen.h"
#include "views/trainview.h"
#include "views/ui.h"

#define TOP SCREEN_TOP

struct layout {
	int wide;            /* every pane                              */
	int lw;              /* left column width (wide)                */
	int rx, rw;          /* right column                            */
	int body_end;        /* last row of the panes (inclusive)       */
	int hist_rows;       /* history lines (wide)                    */
	int basket_y;        /* basket title row                        */
	int say_y, say_rows; /* talking points                          */
};

/* The rows the line to say needs at this width (0 none). */
static int
say_need(const struct counter_view *v, int wide)
{
	char *t;
	int n;

	if (v == NULL || v->base.nsay == 0)
		return 0;
	if (wide)
		return ui_wrapped_rows(COLS - 2, v->base.say[v->base.say_shown]);
	t = xasprintf("SAY: %s", v->base.say[v->base.say_shown]);
	n = ui_wrapped_rows(COLS, t);
	free(t);
	return n;
}

/* The panes at this size; the line to say (v, NULL: its fewest rows)
 * takes the rows it needs, up to a sixth of the screen (wide; from the
 * basket, the history keeps its rows) or all but 5 rows of the panes
 * (compact): a clerk reads it aloud, its price at its end. */
static struct layout
layout_of(const struct counter_view *v)
{
	struct layout l;
	int need, most;

	memset(&l, 0, sizeof l);
	l.wide = COLS >= 80 && LINES >= 24;
	need = say_need(v, l.wide);
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
		most = LINES / 6;
	} else {
		l.lw = COLS;
		l.rx = 0;
		l.rw = COLS;
		/* the line to say wraps: its price is at its end */
		l.say_rows = 3;
		most = LINES - 2 - TOP - 5;
	}
	if (need > l.say_rows)
		l.say_rows = need < most ? need : most;
	if (l.say_rows < (l.wide ? 2 : 3))
		l.say_rows = l.wide ? 2 : 3;
	l.say_y = LINES - 2 - l.say_rows;
	l.body_end = l.say_y - (l.wide ? 2 : 1);
	return l;
}

int
counter_history_rows(void)
{
	struct layout l = layout_of(NULL);

	return l.wide ? l.hist_rows : 0;
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
draw_header(const void *m, const void *vv)
{
	const struct session *s = m;
	const struct counter_view *v = vv;
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
	ui_header_console(s->shop, s->counter, v->base.clerk, badge,
	    v->base.clock);
}

static void
draw_strip(const void *m, const void *vv)
{
	const struct session *s = m;
	const struct counter_view *v = vv;
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
draw_status(const void *m, const void *vv)
{
	const struct session *s = m;
	const struct counter_view *v = vv;
	char buf[600];
	size_t np = session_pending(s);

	if (s->at.asking_reason) {
		screen_status(&v->base, 1);
		return;
	}
	if (v->quit_asked) {
		size_t lost = session_unjournaled(s);

		/* below 80 columns the short form: the count and the key */
		if (COLS < 80 && lost > 0)
			snprintf(buf, sizeof buf, "%zu NOT SAVED, %zu would be "
			    "lost: %c quits", np, lost, v->base.keys.quit);
		else if (COLS < 80 && np > 0)
			snprintf(buf, sizeof buf, "%zu NOT SAVED, in the journal: "
			    "%c quits", np, v->base.keys.quit);
		else if (lost > 0)
			snprintf(buf, sizeof buf, "%zu offer log row%s NOT "
			    "SAVED, %zu not in a journal: %c quits and loses "
			    "%s, any other key stays.", np,
			    np == 1 ? "" : "s", lost, v->base.keys.quit,
			    lost == 1 ? "it" : "them");
		else if (np > 0)
			snprintf(buf, sizeof buf, "%zu offer log row%s NOT "
			    "SAVED, kept in a journal for the next start: %c "
			    "quits.", np, np == 1 ? "" : "s",
			    v->base.keys.quit);
		else
			snprintf(buf, sizeof buf, "A sale is open: %c again "
			    "quits without recording it, any other key stays.",
			    v->base.keys.quit);
		ui_text(LINES - 2, 0, COLS, buf, ROLE_ERROR);
		return;
	}
	if (np > 0 && v->base.status[0] == '\0') {
		snprintf(buf, sizeof buf, "%zu offer log write%s not saved: "
		    "retrying (%s)", np, np == 1 ? "" : "s",
		    session_log_cause(s));
		ui_text(LINES - 2, 0, COLS, buf, ROLE_ERROR);
		return;
	}
	screen_status(&v->base, 0);
}

/* ---- panes ------------------------------------------------------------- */

/* A history line's row: the date (once an order), the item, how many,
 * the amount; a return in its role. */
struct hist_row {
	const struct session *s;
	int namew;
};

static void
history_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct hist_row *f = ctx;
	const struct history_line *hl = &f->s->history.lines[i];
	char date[20], amount[32], qty[24];

	(void)role;
	role = hl->kind == ORDER_RETURN ? ROLE_RETURN : ROLE_NORMAL;
	civil_format_date(civil_day_of(hl->at), date, sizeof date);
	if (y > TOP + 1 && f->s->history.lines[i - 1].at == hl->at &&
	    strcmp(f->s->history.lines[i - 1].order_code, hl->order_code) == 0)
		date[0] = '\0';
	ui_text(y, 1, 10, date, ROLE_DIM);
	ui_name(y, 12, f->namew, hl->name && *hl->name ? hl->name : hl->sku,
	    role);
	snprintf(qty, sizeof qty, "%s%lld", ui_sym(SYM_TIMES),
	    (long long)hl->qty);
	ui_text_right(y, 12 + f->namew + 1, 5, qty, role);
	money(f->s, hl->amount, amount, sizeof amount);
	ui_text_right(y, 12 + f->namew + 7, 9, amount,
	    hl->kind == ORDER_RETURN ? ROLE_RETURN : ROLE_MONEY);
}

static void
draw_history(const struct session *s,
    const struct layout *l)
{
	int w = l->lw;
	char title[80];
	struct hist_row f = { s, w - 1 - 10 - 1 - 1 - 5 - 1 - 9 - 1 };

	if (s->who == WHO_CUSTOMER)
		snprintf(title, sizeof title, " HISTORY  %zu of %zu lines",
		    s->history.n, s->history.total_lines);
	else
		snprintf(title, sizeof title, " HISTORY");
	pane_draw(&(struct pane){ .y = TOP, .x = 0, .w = w,
	    .rows = l->hist_rows, .title = title,
	    .n = s->who == WHO_CUSTOMER ? s->history.n : 0, .sel = -1,
	    .top = s->at.top, .plain = 1, .row = history_row, .ctx = &f,
	    .empty = s->who == WHO_WALK_IN ?
	    "No history: a walk-in has no record." : s->who != WHO_CUSTOMER ?
	    "Press / to find a customer, w for a walk-in." :
	    "No purchases yet.", .empty_dy = 2,
	    .empty_rows = s->who != WHO_CUSTOMER && l->hist_rows > 2 ? 2 : 1 });
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
	ui_name(y, f->x + 1, f->namew, item_name(f->s, b->item_id), role);
	snprintf(qty, sizeof qty, "%s%lld", ui_sym(SYM_TIMES),
	    (long long)b->qty);
	ui_text_right(y, f->x + 1 + f->namew, 6, qty, role);
	money(f->s, b->qty * b->unit_price, amount, sizeof amount);
	ui_text_right(y, f->x + 1 + f->namew + 6, 10, amount,
	    role == ROLE_SELECTED ? ROLE_SELECTED : ROLE_MONEY);
}

static void
draw_basket(const struct session *s, int y,
    int x, int w, int last)
{
	char title[80], total[32], right[48];
	int rows = last - y, sel = -1, end, *map;
	struct basket_row f = { s, x, w - 1 - 5 - 1 - 10 - 1, NULL };
	size_t i, n = 0;

	money(s, s->total, total, sizeof total);
	snprintf(title, sizeof title, " BASKET  %zu line%s", s->nbasket,
	    s->nbasket == 1 ? "" : "s");
	snprintf(right, sizeof right, "total %s ", total);
	map = xcalloc(2 * s->nbasket + 1, sizeof *map);
	for (i = 0; i < s->nbasket; i++) {
		if ((int)i == s->at.line)
			sel = (int)n;
		map[n++] = (int)i;
		if (s->basket[i].discount != 0)
			map[n++] = -1 - (int)i;
	}
	f.rows = map;
	/* the line and its discount are shown together */
	end = sel >= 0 && sel + 1 < (int)n && map[sel + 1] < 0 ? sel + 1 : sel;
	pane_draw(&(struct pane){ .y = y, .x = x, .w = w, .rows = rows,
	    .title = title, .right = right, .n = n,
	    .sel = s->at.focus == FOCUS_BASKET ? sel : -1,
	    .top = pane_top_for(end, rows), .row = basket_row, .ctx = &f,
	    .empty = "Empty: + adds an item by SKU, barcode or name.",
	    .empty_dy = 1, .empty_rows = rows > 2 ? 2 : rows });
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
	ui_name(y, x + 10, namew, item_name(s, g->item_id), role);
	ui_text_right(y, x + 10 + namew, 10, d, sel ? role : ROLE_MONEY);
	if (w >= 50)
		ui_text_right(y, x + 20 + namew, 6, pct, role);
}

/* "why: " and the why in rows rows of w columns: where it does not fit,
 * whole " · " parts dropped from its end and the cut marked " · …", so
 * that no figure is cut (ui_wrapped_end ends a first part too long). */
static char *
why_fit(const char *why, int w, int rows)
{
	static const char sep[] = " \xc2\xb7 ";      /* " · " */
	char *t = xasprintf("why: %s", why);
	const char *p, *last;
	size_t len = strlen(why);

	while (ui_wrapped_rows(w, t) > rows) {
		last = NULL;
		for (p = strstr(why, sep); p != NULL && (size_t)(p - why) < len;
		    p = strstr(p + 1, sep))
			last = p;
		if (last == NULL)
			break;
		len = (size_t)(last - why);
		free(t);
		t = xasprintf("why: %.*s%s%s", (int)len, why, sep,
		    ui_sym(SYM_ELLIPSIS));
	}
	return t;
}

static void
draw_suggestions(const struct session *s, int y,
    int x, int w, int last)
{
	char title[64];
	struct sug_row f = { s, x, w };
	int row;

	snprintf(title, sizeof title, " SUGGESTIONS  %zu", s->nshown);
	row = pane_draw(&(struct pane){ .y = y, .x = x, .w = w,
	    .rows = last - y, .title = title, .n = s->nshown,
	    .sel = s->at.focus == FOCUS_SUGGESTIONS ? s->at.sel : -1,
	    .row = sug_row, .ctx = &f,
	    .empty = s->who == WHO_NOBODY && s->nbasket == 0 ?
	    "Suggestions appear as items are added." :
	    "Nothing worth suggesting now.", .empty_dy = 1,
	    .empty_rows = last - (y + 1) >= 1 ? 2 : 1 });
	/* The why of the selected one. */
	if (s->nshown > 0 && row + 1 <= last && s->at.sel < (int)s->nshown) {
		char *why = why_fit(s->shown[s->at.sel].sug.why, w - 2,
		    last - row);
		ui_wrapped_end(row + 1, x + 1, w - 2, last - row, why, ROLE_DIM);
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
	ui_say(l->say_y, l->wide, l->say_rows, session_language(s), v->base.say,
	    v->base.nsay, v->base.say_shown, s->ack_item != 0 ? "" : "The "
	    "line to say for the selected suggestion shows here.");
}

static void
main_keys(const struct session *s, const struct counter_view *v)
{
	struct ui_keyhint k[12];
	size_t n = 0;

	/* most used first, as the bar drops from the middle; what the keys
	 * do where the focus is: no Accept on the basket, no Find or
	 * Walk-in in training (the customer is the scenario's) */
	if (s->at.focus != FOCUS_BASKET) {
		ui_keyhint_char(&k[n++], v->base.keys.accept,
		    v->base.training != NULL ? "Offer" : "Accept");
		ui_keyhint_char(&k[n++], v->base.keys.decline,
		    v->base.training != NULL ? "Skip" : "Decline");
	}
	ui_keyhint_char(&k[n++], v->base.keys.add, "Add");
	if (s->at.focus == FOCUS_BASKET)
		ui_keyhint_char(&k[n++], v->base.keys.remove, "Remove");
	ui_keyhint_char(&k[n++], v->base.keys.finish, "Finish");
	if (v->base.training == NULL) {
		ui_keyhint_char(&k[n++], v->base.keys.find, "Find");
		ui_keyhint_char(&k[n++], v->base.keys.walk_in, "Walk-in");
	} else
		ui_keyhint_char(&k[n++], v->base.keys.language, "Language");
	snprintf(k[n].key, sizeof k[n].key, "%s", ui_sym(SYM_UPDOWN));
	k[n++].what = "Choose";
	if (s->at.focus != FOCUS_BASKET)
		ui_keyhint_char(&k[n++], v->base.keys.remove, "Remove");
	ui_keyhint_char(&k[n++], v->base.keys.say, "Say");
	ui_keyhint_char(&k[n++], v->base.keys.help, "Help");
	ui_keyhint_char(&k[n++], v->base.keys.quit, "Quit");
	ui_keybar(k, n);
}

static void
draw_main(const struct session *s, const struct counter_view *v)
{
	struct layout l = layout_of(v);
	int sug_last, why_rows;

	if (l.wide) {
		if (v->base.training != NULL)
			trainview_dialogue(v->base.training, TOP, 0, l.lw,
			    l.hist_rows + 1);
		else
			draw_history(s, &l);
		draw_basket(s, l.basket_y, 0, l.lw, l.body_end);
		ui_vline(TOP, l.lw, l.body_end - TOP + 1, ROLE_FRAME);
		/* suggestions, their why, then the customer (without one,
		 * the why has the column's rows) */
		why_rows = 4;
		sug_last = TOP + (int)s->nshown + 1 + why_rows;
		if (sug_last > l.body_end || s->who != WHO_CUSTOMER)
			sug_last = l.body_end;
		draw_suggestions(s, TOP, l.rx, l.rw, sug_last);
		draw_profile(s, sug_last + 1, l.rx, l.rw, l.body_end);
	} else if (v->base.training != NULL) {
		ui_wrapped(TOP + 1, 1, COLS - 2, 3, "Training needs a terminal "
		    "of 80 by 24 or more, for the dialogue.", ROLE_DIM);
	} else {
		int n = (int)s->nshown, last = TOP + n + 1;
		if (last > l.body_end - 3)
			last = l.body_end - 3;
		draw_suggestions(s, TOP, 0, COLS, last);
		draw_basket(s, last + 1, 0, COLS, l.body_end);
	}
	draw_say(s, v, &l);
	main_keys(s, v);
}

/* ---- searches ----------------------------------------------------------- */

static void
search_frame(const char *title, const struct counter_view *v, size_t n,
    int *y)
{
	char count[48];

	snprintf(count, sizeof count, "%zu match%s ", n, n == 1 ? "" : "es");
	screen_search_frame(&v->base, title, COLS - 14, v->base.input[0] ?
	    count : "", y);
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
	y = pane_draw(&(struct pane){ .y = y, .x = 0, .w = COLS,
	    .rows = screen_match_rows(), .n = s->nmatches,
	    .sel = s->at.match_sel, .top = s->at.match_top,
	    .row = customer_row, .ctx = &f });
	if (s->nmatches == 0 && v->base.input[0] != '\0')
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
	ui_name(y, f->nx, f->namew, it->name, role);
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
	y = pane_draw(&(struct pane){ .y = y, .x = 0, .w = COLS,
	    .rows = screen_match_rows(), .n = s->nfound, .sel = s->at.match_sel,
	    .top = s->at.match_top, .row = item_row, .ctx = &f });
	if (s->nfound == 0 && v->base.input[0] != '\0')
		ui_text(y, 2, COLS - 4, "No item matches.", ROLE_DIM);
	ui_search_keys("Cancel");
}

/* ---- help ------------------------------------------------------------- */

/* The counter's keys and what they do. */
static const struct screen_help help_lines[] = {
	{ SCREEN_KEY(find), NULL, "find a customer: id, name, phone digits, "
	    "loyalty number" },
	{ SCREEN_KEY(walk_in), NULL, "a walk-in sale (no customer record)" },
	{ SCREEN_KEY(add), NULL, "add an item: SKU, barcode or name" },
	{ SCREEN_KEY(remove), " *N", "one less of the selected basket line; "
	    "*N Enter: N of it" },
	{ SCREEN_KEY_NONE, "u", "undo this sale's last accept or decline" },
	{ SCREEN_KEY(accept), NULL, "accept the suggestion (Enter once chosen)" },
	{ SCREEN_KEY(decline), NULL, NULL },
	{ SCREEN_KEY_UPDOWN, " j k", "choose a suggestion or basket line" },
	{ SCREEN_KEY_NONE, "Tab", "switch between suggestions and basket" },
	{ SCREEN_KEY(say), NULL, "the next line to say" },
	{ SCREEN_KEY(language), NULL, "talking points in the next language" },
	{ SCREEN_KEY(finish), NULL, "finish: record the sale" },
	{ SCREEN_KEY(report), NULL, "the report (a manager's)" },
	{ SCREEN_KEY(reveal), NULL, "the full phone and email, until the "
	    "next key (a manager's, audited)" },
	{ SCREEN_KEY_NONE, "PgUp PgDn", "scroll the history" },
	{ SCREEN_KEY_NONE, "Home End", "newest / oldest purchases" },
	{ SCREEN_KEY(help), " F1", "this help" },
	{ SCREEN_KEY(quit), NULL, "quit (asks if a sale is open)" },
};
#define HELP_MAX (sizeof help_lines / sizeof help_lines[0])

/* The counter's key hints into h (HELP_MAX); how many.  decline (48
 * bytes) holds the decline key's words. */
static size_t
help_keys(const struct counter_view *v, struct ui_keyhint *h, char *decline)
{
	snprintf(decline, 48, "decline it; then 1-%d for a reason",
	    REASON_COUNT - 1);
	return screen_help_keys(&v->base.keys, help_lines, HELP_MAX, decline,
	    h);
}

static void
draw_help(const struct counter_view *v)
{
	struct ui_keyhint h[HELP_MAX];
	char decline[48];
	size_t n = help_keys(v, h, decline);

	ui_help(TOP, " HELP  keys of the counter console", h, n, "Every "
	    "suggestion shown, accepted or declined is saved in the offer "
	    "log.", v->base.help_page);
}

/* ---- recalculation -------------------------------------------------- */

/* The talking points of the selected suggestion (after a no: its one
 * line, for one key), and which one shows. */
static void
recalc_say(const struct session *s, struct counter_view *v)
{
	v->base.nsay = session_say_lines(s, (size_t)s->at.sel, v->base.say);
	if (s->ack_item != 0) {
		while (v->base.nsay > 1)
			free(v->base.say[--v->base.nsay]);
		v->base.say_shown = 0;
		return;
	}
	screen_say_pick(&v->base);
}

void
counter_recalc(const struct session *s, struct counter_view *v)
{
	if (screen_recalc(&v->base, HELP_MAX, 0))
		recalc_say(s, v);
}

/* ---- the screen ------------------------------------------------------- */

static void
draw_body(const void *m, const void *vv)
{
	const struct counter_view *v = vv;

	switch (v->base.mode) {
	case MODE_FIND:
		draw_find(m, v);
		break;
	case MODE_ADD:
		draw_add(m, v);
		break;
	case MODE_HELP:
		draw_help(v);
		break;
	case MODE_REPORT:
		reportview_draw(v->report, TOP, v->base.keys.quit);
		break;
	default:
		draw_main(m, v);
		break;
	}
}

static const struct screen_parts counter_parts = {
	draw_header, draw_strip, draw_body, draw_status, 0
};

void
counter_draw(const struct session *s, const struct counter_view *v)
{
	/* q is refused with a sale open (not a training run's, on a
	 * scratch copy): the notice of a terminal too small says so, and
	 * how to go on */
	screen_draw(&v->base, session_sale_open(s) && v->base.training ==
	    NULL ? 0 : v->base.keys.quit,
	    &counter_parts, s, v);
}
