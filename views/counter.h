/*
 * counter — the counter screen, drawn from the session (model/session.h)
 * and the view state below.  Drawing only: no store, no SQL, no input.
 *
 * From 80×24 every pane shows (history and basket on the left,
 * suggestions, their "why" and the customer on the right, the talking
 * points below); from 40×12 a compact layout keeps the suggestions, the
 * basket and the line to say; below that, one centred notice.
 */
#ifndef UPLIFT_COUNTER_H
#define UPLIFT_COUNTER_H

#include "model/session.h"
#include "model/training.h"
#include "views/reportview.h"
#include "views/screen.h"

struct counter_view {
	struct screen_view base;  /* what the desk's screen has too      */
	int    quit_asked;      /* q pressed with a sale open             */
	int    move_asked;      /* the action (w, /) pressed with a sale
	                         * open that would take its basket to
	                         * another customer: pressed again, it
	                         * does; 0 none                           */
	int    accept_held;     /* an accept was just made: the accept key
	                         * waits until the selection moves or the
	                         * basket changes otherwise (key bounce)  */
	int    qty_typing;      /* after *: the quantity being typed      */
	char   qty[6];          /* its digits                             */
	int    mask;            /* mask personal data (phone, email)      */
	const struct report_screen *report;   /* MODE_REPORT          */
	int    reveal;          /* the status line shows the full phone and
	                         * email (a manager, until the next key) */
};

/*
 * Build what the screen shows of the session at the current terminal
 * size (LINES × COLS): the talking points of the selected suggestion, the
 * help's pages.  The selections and scrolling are the session's (struct
 * cursor, model/cursor.h), kept in range by its verbs.  Call after every
 * change of either, before counter_draw().
 */
void counter_recalc(const struct session *s, struct counter_view *v);

/* Draw the whole screen for the current terminal size, as
 * counter_recalc() left it (a const pass). */
void counter_draw(const struct session *s, const struct counter_view *v);

/* History lines visible at the current size. */
int counter_history_rows(void);

#endif
