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
#include "views/counter.h"

enum checkin_mode {
	CHECKIN_MAIN = 0,   /* the reservation at the desk           */
	CHECKIN_FIND,       /* arrivals and the reservation search    */
	CHECKIN_HELP,       /* the key list                           */
	CHECKIN_SCORE,      /* a training run's score sheet           */
};

enum checkin_focus { CHECKIN_UPGRADES = 0, CHECKIN_ADDONS };

struct checkin_view {
	int    mode;
	int    focus;           /* enum checkin_focus                      */
	int    sel;             /* selected upgrade or add-on              */
	int    stay_top;        /* first earlier stay shown                */
	int    match_sel;       /* selected reservation in FIND            */
	int    match_top;
	int    say_line;        /* which talking point line (s cycles)     */
	char  *say[DESK_SAY_MAX];  /* the talking points of the selected
	                         * upgrade or add-on, as checkin_recalc()
	                         * built them (owned; checkin_view_clear()) */
	int    nsay;
	int    say_shown;       /* which of them the SAY pane shows        */
	int    say_need;        /* rows the compact layout's line to say
	                         * needs (checkin_recalc())                */
	int    nosel;           /* nothing selected: after an answer, until
	                         * an arrow or Tab chooses again           */
	int    confirming;      /* the accept key's confirmation is asked  */
	char   confirm[240];    /* ... what it charges, shown in place of
	                         * the line to say                        */
	int    help_page;       /* the help page shown                     */
	int    help_pages;      /* how many there are (set when drawn)     */
	char   input[DESK_QUERY_MAX];   /* the text being typed           */
	char   status[512];     /* one line of feedback, "" for none      */
	int    status_error;
	int    picking_reason;  /* the decline reason picker is showing   */
	int    demo;            /* working on the demo copy               */
	int    replay;          /* --at on a real database: not saved     */
	int    min_cols, min_rows;
	char   clock[20];       /* "2026-11-23 14:32", set by the caller  */
	const char *clerk;      /* shown in the header                    */
	const char *counter;    /* the desk's name                        */
	struct counter_keys keys;  /* the configured keys                 */
	/* A training run (NULL otherwise): the dialogue replaces the
	 * earlier stays; CHECKIN_SCORE shows the sheet and the progress. */
	const struct training *training;
	const struct training_sheet *sheet;
	const struct training_progress *progress;
	size_t nprogress;
};

/*
 * Bring the view's selections and scrolling within what the desk holds
 * and what the current terminal size (LINES × COLS) shows, and build the
 * talking points shown: call after every change of either, before
 * checkin_draw().
 */
void checkin_recalc(const struct desk *d, struct checkin_view *v);

/* Free what checkin_recalc() built. */
void checkin_view_clear(struct checkin_view *v);

/* Draw the whole screen for the current terminal size, as
 * checkin_recalc() left it.  It changes nothing in the view but the help
 * screen's page count (v->help_pages, v->help_page). */
void checkin_draw(const struct desk *d, struct checkin_view *v);

/* Reservations listed in FIND, and earlier stays shown, at this size. */
int checkin_match_rows(void);
int checkin_stay_rows(void);

/* 1 if the terminal is at least min_cols × min_rows. */
int checkin_fits(const struct checkin_view *v);

#endif
