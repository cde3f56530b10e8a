/*
 * checkin — the hotel front desk's check-in screen, drawn from the desk
 * (model/desk.h) and the view state below.  Drawing only: no store, no
 * SQL, no input.
 *
 * From 80×24: the guest's earlier stays and this stay on the left, the
 * upgrade ladder and the add-ons on the right, each with its price a
 * night (or as listed) and for the stay, the line to say below; from
 * 40×12 a compact layout keeps the offers, the add-ons and one line to
 * say; below that, one centred notice.
 */
#ifndef UPLIFT_CHECKIN_H
#define UPLIFT_CHECKIN_H

#include "model/desk.h"
#include "model/training.h"
#include "views/screen.h"

struct checkin_view {
	struct screen_view base;  /* what the counter's screen has too   */
	int    say_need;        /* rows the compact layout's line to say
	                         * needs (checkin_recalc())                */
	int    confirming;      /* the accept key's confirmation is asked  */
	char   confirm[240];    /* ... what it charges, shown in place of
	                         * the line to say                        */
	int    demo;            /* working on the demo copy               */
	int    replay;          /* --at on a real database: not saved     */
	const char *counter;    /* the desk's name                        */
};

/*
 * Build what the screen shows of the desk at the current terminal size
 * (LINES × COLS): the talking points of the selected upgrade or add-on,
 * the rows they need, the help's pages.  The selections and scrolling
 * are the desk's (struct cursor, model/cursor.h), kept in range by its
 * verbs.  Call after every change of either, before checkin_draw().
 */
void checkin_recalc(const struct desk *d, struct checkin_view *v);

/* Draw the whole screen for the current terminal size, as
 * checkin_recalc() left it (a const pass). */
void checkin_draw(const struct desk *d, const struct checkin_view *v);

/* Earlier stays shown at the current size. */
int checkin_stay_rows(void);

#endif
