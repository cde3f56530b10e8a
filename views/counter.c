/*
 * counter.c — layout at W×H (80×24 at least):
 *
 *   0      header: uplift · shop · counter            [DEMO] date time
 *   1      customer strip: name · segment · lifetime · visits · last
 *   2      HISTORY (left)               │ CUSTOMER (right)
 *   3..H-3 history lines                │ value, most bought, by month
 *   H-2    status line
 *   H-1    key bar
 */
#include "views/counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/privacy.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/curses.h"
#include "views/ui.h"

#define PANES_TOP 2

static int
left_width(void)
{
	return COLS * 3 / 5;
}

int
counter_history_rows(void)
{
	int n = LINES - 2 - PANES_TOP - 1;

	return n > 0 ? n : 0;
}

int
counter_match_rows(void)
{
	int n = LINES - 2 - PANES_TOP - 3;

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
	money_format(v, s->scale, 1, buf, size);
}

/* ---- header, strip, bars -------------------------------------------- */

static void
draw_header(const struct session *s, const struct counter_view *v)
{
	char *left = xasprintf(" uplift · %s · %s", s->shop, s->counter);
	int right = (int)strlen(v->clock) + 2, badge = s->demo ? 6 : 0;

	ui_text(0, 0, COLS - right - badge, left, ROLE_HEADER);
	if (badge)
		ui_text(0, COLS - right - badge, badge, " DEMO ", ROLE_BADGE);
	ui_text_right(0, COLS - right, right, v->clock, ROLE_HEADER);
	free(left);
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
	else
		snprintf(when, sizeof when, "last %lld day%s ago",
		    (long long)days, days == 1 ? "" : "s");
	phone = v->mask ? privacy_mask_phone(s->customer.phone) :
	    xstrdup(s->customer.phone ? s->customer.phone : "");
	line = xasprintf(" %s · %s · lifetime %s · %lld visit%s · %s%s%s",
	    s->customer.name[0] ? s->customer.name : s->customer.code,
	    s->customer.segment ? s->customer.segment : "no segment", life,
	    (long long)s->history.visits, s->history.visits == 1 ? "" : "s",
	    when, *phone ? " · " : "", phone);
	ui_text(1, 0, COLS, line, ROLE_TITLE);
	free(line);
	free(phone);
}

struct keyhint {
	const char *key, *what;
};

static void
draw_keys(const struct keyhint *k)
{
	int x = 0, w;

	move(LINES - 1, 0);
	clrtoeol();
	for (; k->key != NULL; k++) {
		w = text_width(k->key) + 2;
		if (x + w + text_width(k->what) + 1 > COLS)
			break;
		ui_text(LINES - 1, x, w, "", ROLE_KEY);
		ui_text(LINES - 1, x + 1, w - 2, k->key, ROLE_KEY);
		x += w;
		w = text_width(k->what) + 2;
		ui_text(LINES - 1, x, w, k->what, ROLE_NORMAL);
		x += w;
	}
}

static void
draw_status(const struct counter_view *v)
{
	ui_text(LINES - 2, 0, COLS, v->status,
	    v->status_error ? ROLE_ERROR : ROLE_STATUS);
}

/* ---- main mode -------------------------------------------------------- */

static void
draw_history(const struct session *s, struct counter_view *v, int w)
{
	int rows = counter_history_rows(), r, y, namew;
	char title[80], date[20], amount[32], qty[24];
	size_t i;

	if (s->who == WHO_CUSTOMER)
		snprintf(title, sizeof title, " HISTORY  %zu of %zu lines",
		    s->history.n, s->history.total_lines);
	else
		snprintf(title, sizeof title, " HISTORY");
	ui_text(PANES_TOP, 0, w, title, ROLE_TITLE);
	ui_clear(PANES_TOP + 1, 0, rows, w, ROLE_NORMAL);
	if (s->who != WHO_CUSTOMER) {
		ui_text(PANES_TOP + 2, 1, w - 2, s->who == WHO_WALK_IN ?
		    "No history: this customer has no record." :
		    "Press / to find a customer, w for a walk-in.",
		    ROLE_DIM);
		return;
	}
	if (s->history.n == 0) {
		ui_text(PANES_TOP + 2, 1, w - 2, "No purchases yet.", ROLE_DIM);
		return;
	}
	if (v->hist_top > (int)s->history.n - rows)
		v->hist_top = (int)s->history.n - rows;
	if (v->hist_top < 0)
		v->hist_top = 0;
	/* date(10) sp name sp qty(5) sp amount(9) */
	namew = w - 1 - 10 - 1 - 1 - 5 - 1 - 9 - 1;
	for (r = 0; r < rows; r++) {
		const struct history_line *l;
		enum ui_role role;

		i = (size_t)(v->hist_top + r);
		if (i >= s->history.n)
			break;
		l = &s->history.lines[i];
		y = PANES_TOP + 1 + r;
		role = l->kind == ORDER_RETURN ? ROLE_RETURN : ROLE_NORMAL;
		civil_format_date(civil_day_of(l->at), date, sizeof date);
		/* The date only on the first line of each order. */
		if (r > 0 && s->history.lines[i - 1].at == l->at &&
		    strcmp(s->history.lines[i - 1].order_code,
		    l->order_code) == 0)
			date[0] = '\0';
		ui_text(y, 1, 10, date, ROLE_DIM);
		ui_text(y, 12, namew, l->name && *l->name ? l->name : l->sku,
		    role);
		snprintf(qty, sizeof qty, "×%lld", (long long)l->qty);
		ui_text_right(y, 12 + namew + 1, 5, qty, role);
		money(s, l->amount, amount, sizeof amount);
		ui_text_right(y, 12 + namew + 7, 9, amount,
		    l->kind == ORDER_RETURN ? ROLE_RETURN : ROLE_MONEY);
	}
}

static void
draw_profile(const struct session *s, int x, int w)
{
	static const char initials[] = "JFMAMJJASOND";
	char buf[160], m[32], m2[32], date[20], spark[PROFILE_MONTHS * 3 + 1];
	int y = PANES_TOP, bottom = LINES - 3, k, mon, yy, dd;
	size_t i;
	int64_t days;

	ui_clear(y, x, bottom - y + 1, w, ROLE_NORMAL);
	ui_text(y++, x, w, " CUSTOMER", ROLE_TITLE);
	if (s->who != WHO_CUSTOMER)
		return;
	money(s, s->history.lifetime, m, sizeof m);
	snprintf(buf, sizeof buf, " lifetime    %s %s", m, s->currency);
	ui_text(y++, x, w, buf, ROLE_NORMAL);
	money(s, session_avg_basket(s), m2, sizeof m2);
	snprintf(buf, sizeof buf, " visits      %lld · avg %s",
	    (long long)s->history.visits, m2);
	ui_text(y++, x, w, buf, ROLE_NORMAL);
	if (s->history.returns > 0) {
		snprintf(buf, sizeof buf, " returns     %lld",
		    (long long)s->history.returns);
		ui_text(y++, x, w, buf, ROLE_NORMAL);
	}
	if (s->history.last_at > 0) {
		days = session_days_since(s);
		civil_format_date(civil_day_of(s->history.last_at), date,
		    sizeof date);
		snprintf(buf, sizeof buf, " last visit  %s (%lld d)", date,
		    (long long)days);
		ui_text(y++, x, w, buf, ROLE_NORMAL);
	}
	if (s->customer.lang != NULL) {
		snprintf(buf, sizeof buf, " language    %s", s->customer.lang);
		ui_text(y++, x, w, buf, ROLE_DIM);
	}
	if (s->profile.ntop > 0 && y + 2 <= bottom) {
		y++;
		ui_text(y++, x, w, " MOST BOUGHT", ROLE_TITLE);
		for (i = 0; i < s->profile.ntop && y <= bottom - 4; i++) {
			const struct profile_item *it = &s->profile.top[i];
			snprintf(buf, sizeof buf, "%lld×", (long long)it->orders);
			ui_text_right(y, x, 5, buf, ROLE_DIM);
			ui_text(y++, x + 6, w - 6, it->name && *it->name ?
			    it->name : it->sku, ROLE_NORMAL);
		}
	}
	if (y + 3 <= bottom + 1) {
		y = bottom - 2;
		ui_text(y++, x, w, " SPEND BY MONTH", ROLE_TITLE);
		ui_sparkline(s->profile.month_spend, PROFILE_MONTHS, spark,
		    sizeof spark);
		ui_text(y++, x + 1, PROFILE_MONTHS, spark, ROLE_MONEY);
		civil_from_days(civil_day_of(s->now), &yy, &mon, &dd);
		for (k = 0; k < PROFILE_MONTHS; k++)
			buf[k] = initials[(mon + k) % 12];
		buf[PROFILE_MONTHS] = '\0';
		ui_text(y, x + 1, PROFILE_MONTHS, buf, ROLE_DIM);
	}
}

static const struct keyhint main_keys[] = {
	{ "/", "Find" }, { "w", "Walk-in" }, { "↑↓", "Scroll" },
	{ "?", "Help" }, { "q", "Quit" }, { NULL, NULL },
};

static void
draw_main(const struct session *s, struct counter_view *v)
{
	int lw = left_width();

	draw_history(s, v, lw);
	ui_vline(PANES_TOP, lw, LINES - 2 - PANES_TOP, ROLE_FRAME);
	draw_profile(s, lw + 1, COLS - lw - 1);
	draw_keys(main_keys);
}

/* ---- find mode -------------------------------------------------------- */

static const struct keyhint find_keys[] = {
	{ "Enter", "Pick" }, { "↑↓", "Choose" }, { "Esc", "Cancel" },
	{ NULL, NULL },
};

static void
draw_find(const struct session *s, struct counter_view *v)
{
	int rows = counter_match_rows(), r, y = PANES_TOP, namew, x;
	char *prompt, *phone, count[48];
	size_t i;

	ui_clear(PANES_TOP, 0, LINES - 2 - PANES_TOP, COLS, ROLE_NORMAL);
	ui_text(y++, 0, COLS, " FIND CUSTOMER  by id, name, phone digits or "
	    "loyalty number", ROLE_TITLE);
	prompt = xasprintf(" > %s", v->input);
	x = ui_text(y, 0, COLS - 20, prompt, ROLE_INPUT);
	snprintf(count, sizeof count, "%zu match%s ", s->nmatches,
	    s->nmatches == 1 ? "" : "es");
	ui_text_right(y++, x, COLS - x, v->input[0] ? count : "", ROLE_DIM);
	free(prompt);
	y++;
	if (v->match_sel >= (int)s->nmatches)
		v->match_sel = (int)s->nmatches - 1;
	if (v->match_sel < 0)
		v->match_sel = 0;
	if (v->match_sel < v->match_top)
		v->match_top = v->match_sel;
	if (v->match_sel >= v->match_top + rows)
		v->match_top = v->match_sel - rows + 1;
	/* code(8) name phone(8) segment(9) lang(3) */
	namew = COLS - 2 - 8 - 1 - 1 - 8 - 1 - 9 - 1 - 3 - 1;
	for (r = 0; r < rows; r++, y++) {
		const struct customer *c;
		enum ui_role role;

		i = (size_t)(v->match_top + r);
		if (i >= s->nmatches)
			break;
		c = &s->matches[i];
		role = (int)i == v->match_sel ? ROLE_SELECTED : ROLE_NORMAL;
		ui_text(y, 0, COLS, (int)i == v->match_sel ? "▶" : "", role);
		ui_text(y, 2, 8, c->code, role);
		ui_text(y, 11, namew, c->name, role);
		phone = v->mask ? privacy_mask_phone(c->phone) :
		    xstrdup(c->phone ? c->phone : "");
		ui_text(y, 12 + namew, 8, phone, role);
		free(phone);
		ui_text(y, 21 + namew, 9, c->segment ? c->segment : "", role);
		ui_text(y, 31 + namew, 3, c->lang ? c->lang : "", role);
	}
	if (s->nmatches == 0 && v->input[0] != '\0')
		ui_text(y, 2, COLS - 4, "No customer matches.", ROLE_DIM);
	draw_keys(find_keys);
}

/* ---- help ------------------------------------------------------------- */

static void
draw_help(void)
{
	static const struct keyhint help[] = {
		{ "/", "find a customer: id, name, phone digits, loyalty no." },
		{ "w", "start a walk-in sale (no customer record)" },
		{ "↑ ↓ j k", "scroll the history one line" },
		{ "PgUp PgDn", "scroll the history one page" },
		{ "Home End", "newest / oldest purchases" },
		{ "Esc", "close the search or this help" },
		{ "? F1", "this help" },
		{ "q", "quit" },
		{ NULL, NULL },
	};
	static const struct keyhint help_keys[] = {
		{ "any key", "Back" }, { NULL, NULL },
	};
	int y = PANES_TOP, i;

	ui_clear(PANES_TOP, 0, LINES - 2 - PANES_TOP, COLS, ROLE_NORMAL);
	ui_text(y++, 0, COLS, " HELP  keys of the counter console",
	    ROLE_TITLE);
	y++;
	for (i = 0; help[i].key != NULL && y < LINES - 3; i++, y++) {
		ui_text(y, 2, 12, help[i].key, ROLE_TITLE);
		ui_text(y, 15, COLS - 16, help[i].what, ROLE_NORMAL);
	}
	if (y + 1 < LINES - 3)
		ui_text(y + 1, 2, COLS - 4, "Personal data is masked: the "
		    "phone shows its last 4 digits only.", ROLE_DIM);
	draw_keys(help_keys);
}

/* ---- too small -------------------------------------------------------- */

static void
draw_too_small(const struct counter_view *v)
{
	char msg[96];
	int y = LINES / 2;

	erase();
	snprintf(msg, sizeof msg, "uplift needs %d×%d; this is %d×%d",
	    v->min_cols, v->min_rows, COLS, LINES);
	ui_text(y > 0 ? y - 1 : 0, 0, COLS, msg, ROLE_STATUS);
	if (LINES > 1)
		ui_text(y, 0, COLS, "enlarge the window · q quits",
		    ROLE_NORMAL);
}

void
counter_draw(const struct session *s, struct counter_view *v)
{
	if (!counter_fits(v)) {
		draw_too_small(v);
		refresh();
		return;
	}
	draw_header(s, v);
	draw_strip(s, v);
	switch (v->mode) {
	case MODE_FIND:
		draw_find(s, v);
		break;
	case MODE_HELP:
		draw_help();
		break;
	default:
		draw_main(s, v);
		break;
	}
	draw_status(v);
	refresh();
}
