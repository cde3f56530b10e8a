/*
 * checkin.c — the check-in screen.
 *
 * Wide layout (80×24 and up):
 *   0      header: uplift · hotel · desk · clerk        [DEMO] date time
 *   1      guest strip: name · confirmation · dates · nights · room
 *   2..    THIS STAY      (left, top)  │ UPGRADES and the selected one's why
 *          EARLIER STAYS  (left)       │ ADD-ONS and the selected one's price
 *   H-5    ── SAY ─────────────────────────────────────────────
 *   H-4..3 the talking points of the selected upgrade or add-on
 *   H-2    status line
 *   H-1    key bar
 * Compact layout (40×12 up to 80×24): strip, upgrades, add-ons, one line
 * to say, status, keys.
 */
#include "views/checkin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/session.h"
#include "model/money.h"
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
	int say_y, say_rows; /* talking points                          */
};

static struct layout
layout_of(const struct checkin_view *v)
{
	struct layout l;

	memset(&l, 0, sizeof l);
	l.wide = COLS >= 80 && LINES >= 24;
	if (l.wide) {
		l.lw = COLS * 9 / 20;
		l.rx = l.lw + 1;
		l.rw = COLS - l.rx;
		l.say_rows = 2;
		l.say_y = LINES - 2 - l.say_rows;
		l.body_end = l.say_y - 2;
	} else {
		l.lw = COLS;
		l.rx = 0;
		l.rw = COLS;
		/* the line to say wraps: its price is at its end, so it takes
		 * the rows it needs from the panes, down to their titles */
		l.say_rows = 3;
		if (v != NULL && v->say_need > l.say_rows)
			l.say_rows = v->say_need < LINES - 2 - TOP - 4 ?
			    v->say_need : LINES - 2 - TOP - 4;
		if (l.say_rows < 3)
			l.say_rows = 3;
		l.say_y = LINES - 2 - l.say_rows;
		l.body_end = l.say_y - 1;
	}
	return l;
}

/* The earlier stays' rows: under THIS STAY's 5 rows and their title. */
int
checkin_stay_rows(void)
{
	struct layout l = layout_of(NULL);
	int n = l.body_end - (TOP + 6) - 1;

	return l.wide && n > 0 ? n : 0;
}

static void
money(const struct desk *d, int64_t v, char *buf, size_t size)
{
	money_show(v, d->scale, d->cur, buf, size);
}

/* "Mon 23 Nov" of a civil day. */
static void
short_date(int64_t day, char *buf, size_t size)
{
	static const char *wd[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue",
	    "Wed" };
	static const char *mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, dd;

	civil_from_days(day, &y, &m, &dd);
	snprintf(buf, size, "%s %d %s", wd[((day % 7) + 7) % 7], dd,
	    mon[(m - 1) % 12]);
}

/* ---- header, strip, status ------------------------------------------------ */

static void
draw_header(const void *m, const void *vv)
{
	const struct desk *d = m;
	const struct checkin_view *v = vv;
	char badge[48] = "";

	/* as at the counter: offers not saved yet come first */
	if (offerlog_pending(&d->log) > 0)
		snprintf(badge, sizeof badge, " NOT SAVED: %zu ",
		    offerlog_pending(&d->log));
	ui_header_console(d->hotel != NULL ? d->hotel : "", v->counter ?
	    v->counter : "front desk", v->base.clerk, badge[0] != '\0' ? badge :
	    v->base.training != NULL ? " TRAINING " : v->replay ? " REPLAY " :
	    v->demo ? " DEMO " : "", v->base.clock);
}

static void
draw_strip(const void *m, const void *vv)
{
	const struct desk *d = m;
	char from[20], to[20], *line;

	(void)vv;
	if (!d->have) {
		ui_text(1, 0, COLS, " Nobody at the desk", ROLE_TITLE);
		return;
	}
	short_date(d->r.arrival, from, sizeof from);
	short_date(d->r.arrival + d->r.nights, to, sizeof to);
	line = xasprintf(" %s %s %s %s %s %s %s %s %d night%s %s %s",
	    d->guest[0] != '\0' ? d->guest : "Guest without a record",
	    ui_sym(SYM_DOT), d->r.code, ui_sym(SYM_DOT), from,
	    ui_sym(SYM_ARROW), to, ui_sym(SYM_DOT), d->r.nights,
	    d->r.nights == 1 ? "" : "s", ui_sym(SYM_DOT),
	    desk_type_name(d, desk_holding(&d->r)));
	ui_text(1, 0, COLS, line, ROLE_TITLE);
	free(line);
}

static void
draw_status(const void *m, const void *v)
{
	screen_status(&((const struct checkin_view *)v)->base,
	    ((const struct desk *)m)->at.asking_reason);
}

/* ---- the left column: this stay, the earlier ones ----------------------- */

static void
draw_this_stay(const struct desk *d, int y, int w)
{
	char rate[32], total[32], a[20], b[20], *line;
	int persons = d->r.adults + d->r.children;

	ui_text(y++, 0, w, " THIS STAY", ROLE_TITLE);
	{
		int64_t from;
		int left;

		(void)desk_stay_nights(d, &d->r, &from, &left);
		line = d->when == HOTEL_WHEN_IN_HOUSE ? xasprintf(" %s %s in "
		    "house, %d night%s left", d->r.code, ui_sym(SYM_DOT), left,
		    left == 1 ? "" : "s") : xasprintf(" %s %s %s", d->r.code,
		    ui_sym(SYM_DOT), reservation_status_name(d->r.status));
	}
	ui_text(y++, 0, w, line, ROLE_NORMAL);
	free(line);
	civil_format_date(d->r.arrival, a, sizeof a);
	civil_format_date(d->r.arrival + d->r.nights, b, sizeof b);
	line = xasprintf(" %s %s %s", a, ui_sym(SYM_ARROW), b);
	ui_text(y++, 0, w, line, ROLE_NORMAL);
	free(line);
	line = xasprintf(" %s, %d guest%s%s%s", desk_type_name(d,
	    desk_holding(&d->r)), persons, persons == 1 ? "" : "s",
	    d->r.segment != NULL && d->r.segment[0] ? ", " : "",
	    d->r.segment != NULL ? d->r.segment : "");
	ui_text(y++, 0, w, line, ROLE_NORMAL);
	free(line);
	money(d, d->r.rate, rate, sizeof rate);
	money(d, d->r.rate * d->r.nights, total, sizeof total);
	line = xasprintf(" %s %s %d = %s %s", rate, ui_sym(SYM_TIMES),
	    d->r.nights, total, d->cur);
	ui_text(y, 0, w, line, ROLE_MONEY);
	free(line);
}

/* An earlier stay's row: its arrival, nights, room type and spend. */
struct stay_row {
	const struct desk *d;
	int typew;
};

static void
stay_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct desk *d = ((const struct stay_row *)ctx)->d;
	const struct guest_stay *g = &d->stays[i];
	int typew = ((const struct stay_row *)ctx)->typew;
	char m[32], date[16], nights[16];

	(void)role;
	civil_format_date(g->arrival, date, sizeof date);
	snprintf(nights, sizeof nights, "%dn", g->nights);
	money(d, g->spend, m, sizeof m);
	ui_text(y, 1, 10, date, ROLE_DIM);
	ui_text_right(y, 12, 4, nights, ROLE_NORMAL);
	ui_text(y, 17, typew, desk_type_name(d, g->type_id), ROLE_NORMAL);
	ui_text_right(y, 17 + typew, 9, m, ROLE_MONEY);
}

static void
draw_stays(const struct desk *d, int y, int w,
    int last)
{
	char title[96], m[32];
	int64_t n = 0, spend = 0;
	int rows = last - y;
	struct stay_row f = { d, w - 1 - 10 - 1 - 4 - 1 - 9 - 1 };
	size_t i;

	for (i = 0; i < d->nstays; i++) {
		n += d->stays[i].nights;
		spend += d->stays[i].spend;
	}
	if (d->nstays == 0)
		snprintf(title, sizeof title, " EARLIER STAYS");
	else
		snprintf(title, sizeof title, " EARLIER STAYS  %zu", d->nstays);
	if (rows <= 0 || d->nstays == 0) {
		pane_draw(&(struct pane){ .y = y, .x = 0, .w = w, .rows = rows,
		    .title = title, .empty = rows <= 0 ? NULL :
		    d->r.guest_id == 0 ?
		    "The reservation names no guest record." :
		    "First stay with us: welcome them.", .empty_dy = 1,
		    .empty_rows = rows });
		return;
	}
	ui_text(y, 0, w, title, ROLE_TITLE);
	money(d, spend, m, sizeof m);
	/* the nights and the spend, then the stays under them */
	snprintf(title, sizeof title, " %lld night%s, %s %s spent",
	    (long long)n, n == 1 ? "" : "s", m, d->cur);
	pane_draw(&(struct pane){ .y = y + 1, .x = 0, .w = w, .rows = rows - 1,
	    .title = title, .title_role = ROLE_MONEY, .n = d->nstays,
	    .sel = -1, .top = d->at.top, .plain = 1, .row = stay_row,
	    .ctx = &f });
}

/* ---- the right column: upgrades and add-ons ----------------------------- */

/* An upgrade's row: the room type, a night, the stay. */
struct desk_row {
	const struct desk *d;
	int x, namew;
};

static void
upgrade_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct desk_row *f = ctx;
	const struct hotel_offer *o = &f->d->offers[i];
	int sel = role == ROLE_SELECTED;
	char pn[48], tot[40], m[32];

	money(f->d, o->per_night, m, sizeof m);
	snprintf(pn, sizeof pn, "+%s/night", m);
	money(f->d, o->total, m, sizeof m);
	snprintf(tot, sizeof tot, "+%s", m);
	ui_text(y, f->x + 1, f->namew, desk_type_name(f->d, o->type_id), role);
	ui_text_right(y, f->x + 1 + f->namew, 14, pn, sel ? role : ROLE_MONEY);
	ui_text_right(y, f->x + 1 + f->namew + 14, 9, tot, sel ? role :
	    ROLE_MONEY);
}

/* No upgrade for a stay that could have one: why each higher room type
 * is not offered (availability: "only 1 of 5 nights free"; price: "+36
 * %, over the 30 % cap"), at most rows rows. */
static int
draw_not_offered(const struct desk *d, int row, int x, int w, int rows)
{
	char buf[160], *line;
	size_t i;
	int r = 0;

	if (rows < 2)
		rows = 2;
	if (d->nwhy == 0 && d->declined == 0) {
		r = ui_wrapped(row, x + 1, w - 2, rows, "No higher room type "
		    "to offer.", ROLE_DIM);
		return row + r;
	}
	ui_text(row + r++, x + 1, w - 2, "Not offered:", ROLE_DIM);
	for (i = 0; i < d->declined && r < rows; i++) {
		char *name = text_cleans(desk_type_name(d, d->declined_ids[i]),
		    40);

		line = xasprintf("%s %s: declined by the guest", ui_sym(SYM_DOT),
		    name);
		r += ui_wrapped(row + r, x + 2, w - 3, rows - r, line,
		    ROLE_DIM);
		free(line);
		free(name);
	}
	for (i = 0; i < d->nwhy && r < rows; i++) {
		char *name = text_cleans(desk_type_name(d, d->why[i].type_id),
		    40);

		line = xasprintf("%s %s", ui_sym(SYM_DOT), hotel_why_text(
		    &d->why[i], name, buf, sizeof buf));
		r += ui_wrapped(row + r, x + 2, w - 3, rows - r, line,
		    ROLE_DIM);
		free(line);
		free(name);
	}
	return row + r;
}

static int
draw_upgrades(const struct desk *d, int y, int x,
    int w, int max_rows)
{
	char title[80];
	int sel_here = d->at.focus == CHECKIN_UPGRADES && !d->at.nosel;
	int row = y + 1;
	struct desk_row f = { d, x, w - 1 - 14 - 10 };
	const char *why;

	if (!desk_sellable(d, &why)) {
		char *line = xasprintf("Nothing is offered: %s.", why);

		ui_text(y, x, w, " UPGRADES", ROLE_TITLE);
		row += ui_wrapped(row, x + 1, w - 2, 2, line, ROLE_DIM);
		free(line);
		return row;
	}
	snprintf(title, sizeof title, " UPGRADES  %zu %s available every "
	    "night", d->noffers, ui_sym(SYM_DOT));
	ui_text(y, x, w, title, ROLE_TITLE);
	if (d->noffers == 0)
		return draw_not_offered(d, row, x, w, max_rows);
	return pane_draw(&(struct pane){ .y = row, .x = x, .w = w,
	    .rows = max_rows, .n = d->noffers, .sel = sel_here ? d->at.sel : -1,
	    .top = sel_here ? pane_top_for(d->at.sel, max_rows) : 0,
	    .row = upgrade_row, .ctx = &f });
}

/* The selected upgrade's why: what is better, the step, the rack rate. */
static void
draw_upgrade_why(const struct desk *d, int y,
    int x, int w, int rows)
{
	const struct hotel_offer *o;
	char rate[32], *benefit, *why;

	if (d->at.focus != CHECKIN_UPGRADES || d->at.sel >= (int)d->noffers ||
	    rows <= 0 || d->at.nosel)
		return;
	o = &d->offers[d->at.sel];
	money(d, desk_type(d, o->type_id) != NULL ?
	    desk_type(d, o->type_id)->rate : 0, rate, sizeof rate);
	benefit = desk_benefit(d, &d->r, o);
	why = xasprintf("why: %s%s+%d%% a night, %s rack rate", benefit !=
	    NULL ? benefit : "", benefit != NULL ? "; " : "", o->pct, rate);
	ui_wrapped(y, x + 1, w - 2, rows, why, ROLE_DIM);
	free(why);
	free(benefit);
}

/* An add-on's row: its name, its price for the stay (or "added", or
 * "declined" when the guest said no to it for this stay, as a declined
 * upgrade is shown). */
static void
addon_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct desk_row *f = ctx;
	const struct desk_addon *a = &f->d->addons[i];
	char tot[32];

	ui_text(y, f->x + 1, f->namew, a->name, role);
	if (a->sold || a->declined)
		snprintf(tot, sizeof tot, "%s", a->sold ? "added" :
		    "declined");
	else
		money(f->d, a->total, tot, sizeof tot);
	ui_text_right(y, f->x + 1 + f->namew, 11, tot, role ==
	    ROLE_SELECTED ? role : a->sold || a->declined ? ROLE_DIM :
	    ROLE_MONEY);
}

/* An add-on already added, or declined, is dimmed. */
static enum ui_role
addon_role(const void *ctx, size_t i)
{
	const struct desk_row *f = ctx;

	return f->d->addons[i].sold || f->d->addons[i].declined ? ROLE_DIM :
	    ROLE_NORMAL;
}

static int
draw_addons(const struct desk *d, int y, int x,
    int w, int last)
{
	char title[80];
	int sel_here = d->at.focus == CHECKIN_ADDONS && !d->at.nosel;
	int row = y + 1, rows;
	struct desk_row f = { d, x, w - 1 - 12 };
	const char *why;

	snprintf(title, sizeof title, " ADD-ONS  for %d guest%s", d->persons,
	    d->persons == 1 ? "" : "s");
	ui_text(y, x, w, title, ROLE_TITLE);
	if (d->naddons == 0) {
		char *line = desk_sellable(d, &why) ? xstrdup("None available "
		    "for every day of the stay.") : xasprintf("Nothing can be "
		    "added: %s.", why);

		if (row <= last)
			row += ui_wrapped(row, x + 1, w - 2, last - row + 1 < 2 ?
			    last - row + 1 : 2, line, ROLE_DIM);
		free(line);
		return row;
	}
	rows = last - y;
	return pane_draw(&(struct pane){ .y = row, .x = x, .w = w,
	    .rows = rows, .n = d->naddons, .sel = sel_here ? d->at.sel : -1,
	    .top = sel_here ? pane_top_for(d->at.sel, rows) : 0,
	    .role = addon_role, .row = addon_row, .ctx = &f });
}

/* The selected add-on's price: as listed, and how it makes the total
 * (the nights charged: for a guest in the house, the nights left). */
static void
draw_addon_price(const struct desk *d, int y,
    int x, int w, int rows)
{
	const struct desk_addon *a;
	char p[32], t[32], *line;

	if (d->at.focus != CHECKIN_ADDONS || d->at.sel >= (int)d->naddons ||
	    d->at.nosel || rows < 1)
		return;
	a = &d->addons[d->at.sel];
	money(d, a->price, p, sizeof p);
	money(d, a->total, t, sizeof t);
	line = desk_addon_workings(a, d->persons, d->r.nights, p, t,
	    ui_sym(SYM_TIMES));
	ui_wrapped(y, x + 1, w - 2, rows > 2 ? 2 : rows, line, ROLE_DIM);
	free(line);
}

/* The confirmation asked: what the sale charges, where the line to say
 * was (wrapped: the amounts are never cut). */
static void
draw_confirm(const struct checkin_view *v, const struct layout *l)
{
	char *t;

	ui_clear(l->say_y, 0, l->say_rows, COLS, ROLE_NORMAL);
	if (l->wide) {
		ui_hline(l->say_y - 1, 0, COLS, ROLE_FRAME);
		ui_text(l->say_y - 1, 2, 10, " CONFIRM ", ROLE_TITLE);
		ui_wrapped(l->say_y, 1, COLS - 2, l->say_rows, v->confirm,
		    ROLE_MONEY);
		return;
	}
	t = xasprintf("CONFIRM: %s", v->confirm);
	ui_wrapped(l->say_y, 0, COLS, l->say_rows, t, ROLE_MONEY);
	free(t);
}

static void
draw_say(const struct desk *d, const struct checkin_view *v,
    const struct layout *l)
{
	const char *why;
	int no = d->at.focus == CHECKIN_ADDONS && !d->at.nosel &&
	    d->at.sel < (int)d->naddons && d->addons[d->at.sel].declined;
	char *empty;

	if (!desk_sellable(d, &why))
		empty = xasprintf("Nothing to say: %s.", why);
	else if (d->at.nosel && v->base.training != NULL &&
	    v->base.training->said_no)
		/* training, after a no: the graceful close, not another offer */
		empty = xasprintf("The guest said no: thank them and hand over "
		    "the key (%c ends the check-in).", v->base.keys.finish);
	else if (no)
		empty = xasprintf("Declined by the guest for this stay: no "
		    "pitch again (%c adds it if asked).", v->base.keys.accept);
	else
		empty = xstrdup(d->at.nosel ? "Choose an upgrade or an add-on "
		    "with the arrows: its line to say shows here." : "The line "
		    "to say for the selected upgrade or add-on shows here.");

	ui_say(l->say_y, l->wide, l->say_rows, desk_language(d), v->base.say,
	    v->base.nsay, v->base.say_shown, empty);
	/* compact: why there is nothing to say, where the line would be */
	if (!l->wide && v->base.nsay == 0 && d->have)
		ui_wrapped(l->say_y, 0, COLS, l->say_rows, empty, ROLE_DIM);
	free(empty);
}

/* 1 when the selected line can be accepted (upgrade) or added. */
static int
can_accept(const struct desk *d)
{
	if (!d->have || !desk_sellable(d, NULL) || d->at.nosel)
		return 0;
	if (d->at.focus == CHECKIN_ADDONS)
		return d->at.sel < (int)d->naddons &&
		    !d->addons[d->at.sel].sold;
	return d->at.sel < (int)d->noffers;
}

static void
main_keys(const struct desk *d, const struct checkin_view *v)
{
	struct ui_keyhint k[11];
	size_t n = 0;

	if (v->confirming) {
		snprintf(k[n].key, sizeof k[n].key, "y");
		k[n++].what = "Confirm";
		snprintf(k[n].key, sizeof k[n].key, "any other key");
		k[n++].what = "Cancel";
		ui_keybar(k, n);
		return;
	}
	/* what cannot be sold has no key for it */
	if (can_accept(d) || v->base.training != NULL)
		ui_keyhint_char(&k[n++], v->base.keys.accept,
		    v->base.training != NULL ? "Offer" : d->at.focus ==
		    CHECKIN_ADDONS ? "Add" : "Accept");
	/* an add-on is added or not: nothing to decline */
	if (d->at.focus != CHECKIN_ADDONS && (can_accept(d) ||
	    v->base.training != NULL))
		ui_keyhint_char(&k[n++], v->base.keys.decline,
		    v->base.training != NULL ? "Skip" : "Decline");
	if (v->base.training == NULL && d->have && d->ndone > 0 &&
	    d->done_for == d->r.id) {
		snprintf(k[n].key, sizeof k[n].key, "u");
		k[n++].what = "Undo";
	}
	snprintf(k[n].key, sizeof k[n].key, "Tab");
	k[n++].what = d->at.focus == CHECKIN_ADDONS ? "Upgrades" : "Add-ons";
	snprintf(k[n].key, sizeof k[n].key, "%s", ui_sym(SYM_UPDOWN));
	k[n++].what = "Choose";
	if (v->base.training == NULL)
		ui_keyhint_char(&k[n++], v->base.keys.find, "Find");
	else {
		ui_keyhint_char(&k[n++], v->base.keys.finish, "Finish");
		ui_keyhint_char(&k[n++], v->base.keys.language, "Language");
	}
	ui_keyhint_char(&k[n++], v->base.keys.say, "Say");
	ui_keyhint_char(&k[n++], v->base.keys.help, "Help");
	ui_keyhint_char(&k[n++], v->base.keys.quit, "Quit");
	ui_keybar(k, n);
}


static void
draw_main(const struct desk *d, const struct checkin_view *v)
{
	struct layout l = layout_of(v);
	int row, up_rows;

	if (!d->have) {
		char msg[120];

		snprintf(msg, sizeof msg, "Press %c to find a reservation: "
		    "today's arrivals, a confirmation or a guest's name.",
		    v->base.keys.find);
		ui_wrapped(TOP + 1, 1, COLS - 2, 2, msg, ROLE_DIM);
		main_keys(d, v);
		return;
	}
	if (l.wide) {
		draw_this_stay(d, TOP, l.lw);
		if (v->base.training != NULL)
			trainview_dialogue(v->base.training, TOP + 6, 0, l.lw,
			    l.body_end - TOP - 5);
		else
			draw_stays(d, TOP + 6, l.lw, l.body_end);
		ui_vline(TOP, l.lw, l.body_end - TOP + 1, ROLE_FRAME);
		/* the upgrades take what the add-ons leave, at most 5 */
		up_rows = l.body_end - TOP - 3 - 2 - (int)d->naddons - 2;
		if (up_rows > 5)
			up_rows = 5;
		if (up_rows < 1)
			up_rows = 1;
		row = draw_upgrades(d, TOP, l.rx, l.rw, up_rows);
		draw_upgrade_why(d, row, l.rx, l.rw, 2);
		row += 3;
		row = draw_addons(d, row, l.rx, l.rw, l.body_end - 1);
		draw_addon_price(d, row, l.rx, l.rw, l.body_end - row + 1);
	} else if (v->base.training != NULL) {
		ui_wrapped(TOP + 1, 1, COLS - 2, 3, "Training needs a terminal "
		    "of 80 by 24 or more, for the dialogue.", ROLE_DIM);
	} else {
		up_rows = (l.body_end - TOP - 2) / 2;
		if (up_rows > (int)d->noffers)
			up_rows = d->noffers > 0 ? (int)d->noffers : 1;
		if (up_rows < 1)
			up_rows = 1;    /* the selected upgrade stays in view */
		row = draw_upgrades(d, TOP, 0, COLS, up_rows);
		draw_addons(d, row, 0, COLS, l.body_end);
	}
	if (v->confirming)
		draw_confirm(v, &l);
	else
		draw_say(d, v, &l);
	main_keys(d, v);
}

/* ---- finding a reservation ---------------------------------------------- */

/* A reservation's row: what it draws from, and which columns fit. */
struct find_row {
	const struct desk *d;
	int codew, namew, show_date, show_status, show_type;
};

static void
reservation_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct find_row *f = ctx;
	const struct reservation_row *w = &f->d->rows[i];
	char date[20], nights[16];
	int c = 3 + f->codew;

	ui_text(y, 2, f->codew, w->code, role);
	ui_text(y, c, f->namew, w->guest[0] ? w->guest : "-", role);
	c += f->namew + 1;
	if (f->show_date) {
		civil_format_date(w->arrival, date, sizeof date);
		ui_text(y, c, 10, date, role);
		c += 11;
	}
	snprintf(nights, sizeof nights, "%dn", w->nights);
	ui_text_right(y, c, 4, nights, role);
	c += 5;
	if (f->show_type) {
		ui_text(y, c, 13, desk_type_name(f->d, w->type_id), role);
		c += 13;
	}
	if (f->show_status)
		ui_text(y, c, 11, reservation_status_name(w->status),
		    w->status == RES_CANCELLED || w->status == RES_NO_SHOW ?
		    ROLE_DIM : role);
}

/* Code 11, guest, date 10, nights 4, type 13, status 11; narrower, the
 * date goes first from the day's arrivals (it is in the title), the
 * status first from a search, then the other, then the type. */
static void
find_columns(struct find_row *f, int arrivals)
{
	size_t i;

	/* confirmations whole (up to 20 columns: "L0055390-9903cb2f") */
	f->codew = 11;
	for (i = 0; i < f->d->nrows; i++)
		if (text_width(f->d->rows[i].code) > f->codew)
			f->codew = text_width(f->d->rows[i].code);
	if (f->codew > 20)
		f->codew = 20;
	if (COLS < 80)
		f->codew = 11;
	f->namew = COLS - 3 - f->codew - 11 - 5 - 13 - 12;
	f->show_date = f->show_status = f->show_type = 1;
	if (f->namew < 12) {
		if (arrivals)
			f->show_date = 0, f->namew += 11;
		else
			f->show_status = 0, f->namew += 12;
	}
	if (f->namew < 12 && f->show_date)
		f->show_date = 0, f->namew += 11;
	if (f->namew < 12 && f->show_status)
		f->show_status = 0, f->namew += 12;
	if (f->namew < 12)
		f->show_type = 0, f->namew += 13;
}

static void
draw_find(const struct desk *d, const struct checkin_view *v)
{
	struct find_row f;
	int y = TOP;
	char title[96], count[64], date[20];

	if (v->base.input[0] == '\0') {
		civil_format_date(d->day, date, sizeof date);
		snprintf(title, sizeof title, " ARRIVALS %s  type a "
		    "confirmation or a guest's name", date);
	} else
		snprintf(title, sizeof title, " FIND RESERVATION  "
		    "confirmation or guest name");
	/* the true count, beyond what is listed */
	if (d->nmatched > d->nrows)
		snprintf(count, sizeof count, "showing %zu of %zu ", d->nrows,
		    d->nmatched);
	else if (v->base.input[0] == '\0')
		snprintf(count, sizeof count, "%zu arrival%s ", d->nrows,
		    d->nrows == 1 ? "" : "s");
	else
		snprintf(count, sizeof count, "%zu found ", d->nrows);
	screen_search_frame(&v->base, title, COLS - 22, count, &y);
	f.d = d;
	find_columns(&f, v->base.input[0] == '\0');
	y = pane_draw(&(struct pane){ .y = y, .x = 0, .w = COLS,
	    .rows = screen_match_rows(), .n = d->nrows, .sel = d->at.match_sel,
	    .top = d->at.match_top, .row = reservation_row, .ctx = &f });
	if (d->nrows == 0)
		ui_text(y, 2, COLS - 4, v->base.input[0] ?
		    "No reservation matches." : "No arrivals that day.",
		    ROLE_DIM);
	ui_search_keys("Back");
}

/* ---- help ------------------------------------------------------------- */

/* The desk's keys and what they do. */
static const struct screen_help help_lines[] = {
	{ SCREEN_KEY(find), NULL, "find a reservation: today's arrivals, "
	    "confirmation, guest name" },
	{ SCREEN_KEY(accept), NULL, "accept the upgrade or add the add-on: y "
	    "confirms what it charges" },
	{ SCREEN_KEY(decline), NULL, NULL },
	{ SCREEN_KEY_NONE, "u", "undo the last answer given for this stay" },
	{ SCREEN_KEY_UPDOWN, " j k", "choose an upgrade or an add-on" },
	{ SCREEN_KEY_NONE, "Tab", "switch between upgrades and add-ons" },
	{ SCREEN_KEY(say), NULL, "the next line to say" },
	{ SCREEN_KEY(language), NULL, "talking points in the next language" },
	{ SCREEN_KEY_NONE, "PgUp PgDn", "scroll the earlier stays" },
	{ SCREEN_KEY(help), " F1", "this help" },
	{ SCREEN_KEY(quit), NULL, "quit" },
};
#define HELP_MAX (sizeof help_lines / sizeof help_lines[0])

/* The desk's key hints into h (HELP_MAX); how many.  decline (64 bytes)
 * holds the decline key's words. */
static size_t
help_keys(const struct checkin_view *v, struct ui_keyhint *h, char *decline)
{
	snprintf(decline, 64, "the guest declines the upgrade; then 1-%d "
	    "for a reason", REASON_COUNT - 1);
	return screen_help_keys(&v->base.keys, help_lines, HELP_MAX, decline,
	    h);
}

static void
draw_help(const struct checkin_view *v)
{
	struct ui_keyhint h[HELP_MAX];
	char decline[64];
	size_t n = help_keys(v, h, decline);

	ui_help(TOP, " HELP  keys of the front desk", h, n,
	    "An upgrade is offered only when a room of its type is available "
	    "every night of the stay; accepting moves the reservation at once. "
	    "Every answer is saved in the offer log.", v->base.help_page);
}

/* ---- recalculation -------------------------------------------------- */

/* The talking points of the selected upgrade or add-on, and the rows
 * the compact layout's line to say (or the confirmation) needs. */
static void
recalc_main(const struct desk *d, struct checkin_view *v)
{
	if (!d->have)
		return;
	v->base.nsay = d->at.nosel || !desk_sellable(d, NULL) ? 0 :
	    desk_say_lines(d, d->at.focus == CHECKIN_ADDONS, (size_t)d->at.sel,
	    v->base.say);
	screen_say_pick(&v->base);
	v->say_need = 0;
	if (v->confirming) {
		char *t = xasprintf("CONFIRM: %s", v->confirm);

		v->say_need = ui_wrapped_rows(COLS, t);
		free(t);
	} else if (v->base.nsay > 0) {
		char *t = xasprintf("SAY: %s", v->base.say[v->base.say_shown]);

		v->say_need = ui_wrapped_rows(COLS, t);
		free(t);
	}
}

void
checkin_recalc(const struct desk *d, struct checkin_view *v)
{
	if (screen_recalc(&v->base, HELP_MAX, 1))
		recalc_main(d, v);
}

/* ---- the screen ------------------------------------------------------- */

static void
draw_body(const void *m, const void *vv)
{
	const struct checkin_view *v = vv;

	if (v->base.mode == MODE_FIND)
		draw_find(m, v);
	else if (v->base.mode == MODE_HELP)
		draw_help(v);
	else
		draw_main(m, v);
}

static const struct screen_parts checkin_parts = {
	draw_header, draw_strip, draw_body, draw_status, 1
};

void
checkin_draw(const struct desk *d, const struct checkin_view *v)
{
	screen_draw(&v->base, v->base.keys.quit, &checkin_parts, d, v);
}
