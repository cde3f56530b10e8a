/*
 * reportview.c — the report screen (views/reportview.h).
 */
#include "views/reportview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/money.h"
#include "model/session.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/curses.h"
#include "views/ui.h"

/* A bar of frac (0..1) in w columns, eighths of a block for the rest. */
static void
bar(double frac, int w, char *buf, size_t size)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋",
	    "▊", "▉" };
	int full, part, i;
	size_t len = 0;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	full = (int)(frac * w);
	part = (int)((frac * w - full) * 8);
	buf[0] = '\0';
	for (i = 0; i < full && len + 4 < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s",
		    text_get_ascii() ? "#" : "█");
	if (part > 0 && full < w && len + 4 < size && !text_get_ascii())
		snprintf(buf + len, size - len, "%s", eighths[part]);
}

static const struct offer_group *
find(const struct offer_group *g, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(g[i].key, key) == 0)
			return &g[i];
	return NULL;
}

/* The sparklines of the days: taken, revenue.  Returns the next row. */
static int
draw_days(const struct report_screen *r, int y)
{
	char spark[REPORT_DAYS * 3 + 1];

	y++;
	ui_sparkline(r->accepted_by_day, REPORT_DAYS, spark, sizeof spark);
	ui_text(y, 1, 16, "taken a day", ROLE_DIM);
	ui_text(y++, 18, REPORT_DAYS, spark, ROLE_MONEY);
	ui_sparkline(r->revenue_by_day, REPORT_DAYS, spark, sizeof spark);
	ui_text(y, 1, 16, "revenue a day", ROLE_DIM);
	ui_text(y++, 18, REPORT_DAYS, spark, ROLE_MONEY);
	return y;
}

/* Why not: the declines by reason, with their shares, from row y. */
static void
draw_reasons(const struct report_screen *r, int y, int last, int bw)
{
	char buf[256], b[160];
	int64_t dec = 0;
	size_t i;

	for (i = 0; i < r->nreasons; i++)
		dec += r->reasons[i].declined;
	if (y + 2 > last || r->nreasons == 0)
		return;
	y++;
	ui_text(y++, 0, COLS, " WHY NOT", ROLE_TITLE);
	for (i = 0; i < r->nreasons && y <= last; i++) {
		const struct offer_group *g = &r->reasons[i];
		int rs = g->key[0] >= '1' && g->key[0] < '0' + REASON_COUNT ?
		    g->key[0] - '0' : 0;
		double share = dec > 0 ? (double)g->declined / (double)dec : 0;

		bar(share, bw, b, sizeof b);
		snprintf(buf, sizeof buf, " %-16s %6lld %5.1f%%  ",
		    rs ? session_reason_name(rs) : "none given",
		    (long long)g->declined, share * 100);
		ui_text(y, 0, COLS, buf, ROLE_NORMAL);
		ui_text(y++, text_width(buf), bw, b, ROLE_MONEY);
	}
}

void
reportview_draw(const struct report_screen *r, int top, char quit)
{
	struct ui_keyhint k[1];
	char buf[256], b[160], m[32], pm[32];
	/* from 80 columns the days before stand beside; from 60 the bars
	 * are shorter and they do not; below that there is no room */
	int wide = COLS >= 80, y = top, last = LINES - 3, bw = wide ? 20 : 8;
	int mw = wide ? 22 : 11;
	int64_t shown = 0, acc = 0, rev = 0, prev_rev = 0;
	size_t i;

	ui_clear(top, 0, LINES - 2 - top, COLS, ROLE_NORMAL);
	ui_keyhint_char(&k[0], quit, "Back");
	snprintf(k[0].key, sizeof k[0].key, "any key");
	ui_keybar(k, 1);
	if (COLS < REPORT_MIN_COLS) {
		snprintf(buf, sizeof buf, "The report needs %d columns; this "
		    "terminal has %d.", REPORT_MIN_COLS, COLS);
		ui_wrapped(y, 1, COLS - 2, last - y + 1, buf, ROLE_DIM);
		return;
	}
	if (wide)
		snprintf(buf, sizeof buf, " REPORT  %s  beside the %d days "
		    "before", r->period, REPORT_DAYS);
	else
		snprintf(buf, sizeof buf, " REPORT  %s", r->period);
	ui_text(y++, 0, COLS, buf, ROLE_TITLE);
	snprintf(buf, sizeof buf, wide ? " %-9s %6s %6s %6s  %-*s %10s %10s" :
	    " %-9s %6s %6s %6s  %-*s %10s", "kind", "shown", "taken", "take",
	    bw, "", "revenue", "before");
	ui_text(y++, 0, COLS, buf, ROLE_DIM);
	for (i = 0; i < r->nkinds && y <= last; i++) {
		const struct offer_group *g = &r->kinds[i];
		const struct offer_group *p = find(r->prev_kinds,
		    r->nprev_kinds, g->key);
		double take = g->shown > 0 ? (double)g->accepted /
		    (double)g->shown : 0;

		shown += g->shown;
		acc += g->accepted;
		rev += g->revenue;
		bar(take, bw, b, sizeof b);
		money_show(g->revenue, r->scale, r->cur, m, sizeof m);
		money_show(p != NULL ? p->revenue : 0, r->scale, r->cur, pm,
		    sizeof pm);
		snprintf(buf, sizeof buf, " %-9.9s %6lld %6lld %5.1f%%  ",
		    g->key, (long long)g->shown, (long long)g->accepted,
		    take * 100);
		ui_text(y, 0, COLS, buf, ROLE_NORMAL);
		ui_text(y, text_width(buf), bw, b, ROLE_MONEY);
		snprintf(buf, sizeof buf, wide ? "%10s %10s" : "%10s", m, pm);
		ui_text(y++, text_width(" kind      shown  taken   take  ") +
		    bw + 1, mw, buf, ROLE_NORMAL);
	}
	for (i = 0; i < r->nprev_kinds; i++)
		prev_rev += r->prev_kinds[i].revenue;
	if (r->nkinds == 0 && y <= last)
		ui_text(y++, 1, COLS - 2, "No offers in this period.",
		    ROLE_DIM);
	else if (y <= last) {
		money_show(rev, r->scale, r->cur, m, sizeof m);
		money_show(prev_rev, r->scale, r->cur, pm, sizeof pm);
		snprintf(buf, sizeof buf, " %-9s %6lld %6lld %5.1f%%  ", "all",
		    (long long)shown, (long long)acc, shown > 0 ? 100.0 *
		    (double)acc / (double)shown : 0.0);
		ui_text(y, 0, COLS, buf, ROLE_TITLE);
		snprintf(buf, sizeof buf, wide ? "%10s %10s" : "%10s", m, pm);
		ui_text(y++, text_width(" kind      shown  taken   take  ") +
		    bw + 1, mw, buf, ROLE_TITLE);
	}
	if (y + 2 <= last)
		y = draw_days(r, y);
	draw_reasons(r, y, last, bw);
}

/* A row of the shift's summary: label, then v (or text when not NULL)
 * right-aligned to end at column fig, in display columns. */
static void
shift_row(int y, int fig, const char *label, int64_t v, const char *text,
    enum ui_role role)
{
	char n[32];

	if (text == NULL)
		snprintf(n, sizeof n, "%lld", (long long)v);
	ui_text(y, 1, 20, label, role);
	ui_text_right(y, 21, fig - 21, text != NULL ? text : n, role);
}

void
reportview_shift(const char *clerk, const char *since,
    const struct offer_group *g, int scale, const char *cur)
{
	struct ui_keyhint k[1];
	char buf[160], m[32], b[160];
	int y = 2, bw = COLS >= 60 ? 30 : 10;
	int fig = COLS >= 60 ? 34 : 30;   /* where the figures end */
	double take;

	erase();
	snprintf(buf, sizeof buf, " uplift %s end of the shift", ui_sym(SYM_DOT));
	ui_header(buf, "", "");
	snprintf(buf, sizeof buf, " YOUR SHIFT  %s, since %s", clerk, since);
	ui_text(y++, 0, COLS, buf, ROLE_TITLE);
	y++;
	if (g == NULL || g->shown == 0) {
		ui_text(y, 1, COLS - 2, "No offers this shift.", ROLE_DIM);
	} else {
		take = (double)g->accepted / (double)g->shown;
		money_show(g->revenue, scale, cur, m, sizeof m);
		/* labels, then the figures right-aligned in one column
		 * (display columns: a money sign may be wider than a byte) */
		shift_row(y++, fig, "offers made", g->shown, NULL,
		    ROLE_NORMAL);
		shift_row(y, fig, "taken", g->accepted, NULL, ROLE_NORMAL);
		snprintf(buf, sizeof buf, "%.1f%%", take * 100);
		ui_text_right(y, fig, 8, buf, ROLE_NORMAL);
		bar(take, bw, b, sizeof b);
		if (fig + 10 + bw <= COLS)
			ui_text(y, fig + 10, bw, b, ROLE_MONEY);
		y++;
		shift_row(y++, fig, "declined", g->declined, NULL,
		    ROLE_NORMAL);
		shift_row(y++, fig, "revenue from offers", 0, m, ROLE_MONEY);
	}
	snprintf(k[0].key, sizeof k[0].key, "any key");
	k[0].what = "Close";
	ui_keybar(k, 1);
	refresh();
}
