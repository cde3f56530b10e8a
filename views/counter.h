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

enum counter_mode {
	MODE_MAIN = 0,   /* the sale                                 */
	MODE_FIND,       /* the customer search                      */
	MODE_ADD,        /* the item search                          */
	MODE_HELP,       /* the key list                             */
	MODE_SCORE,      /* a training run's score sheet             */
	MODE_REPORT,     /* the manager's report                     */
};

enum counter_focus { FOCUS_SUGGESTIONS = 0, FOCUS_BASKET };

/* The keys the key bar and help show (the configured ones). */
struct counter_keys {
	char find, walk_in, add, remove, accept, decline, finish, help, quit,
	    say, language, report, reveal;
};

struct counter_view {
	int    mode;
	int    focus;           /* enum counter_focus                      */
	int    sug_sel;         /* selected suggestion                     */
	int    basket_sel;      /* selected basket line                    */
	int    hist_top;        /* first history line shown                */
	int    match_sel;       /* selected match in FIND / ADD            */
	int    match_top;
	int    say_line;        /* which talking point line (s cycles)     */
	char  *say[SESSION_SAY_MAX];  /* the talking points of the selected
	                         * suggestion, as counter_recalc() built
	                         * them (owned; counter_view_clear())     */
	int    nsay;
	int    say_shown;       /* which of them the SAY pane shows        */
	int    help_page;       /* the help page shown                     */
	int    help_pages;      /* how many there are (set when drawn)     */
	char   input[SESSION_QUERY_MAX];  /* the text being typed         */
	char   status[512];     /* one line of feedback, "" for none      */
	int    status_error;
	int    picking_reason;  /* the decline reason picker is showing   */
	int    quit_asked;      /* q pressed with a sale open             */
	int    accept_held;     /* an accept was just made: the accept key
	                         * waits until the selection moves or the
	                         * basket changes otherwise (key bounce)  */
	int    qty_typing;      /* after *: the quantity being typed      */
	char   qty[6];          /* its digits                             */
	int    mask;            /* mask personal data (phone, email)      */
	int    min_cols, min_rows;
	char   clock[20];       /* "2026-11-23 14:32", set by the caller  */
	const char *clerk;      /* shown in the header                    */
	struct counter_keys keys;
	/* A training run (NULL otherwise): the dialogue replaces the
	 * history; MODE_SCORE shows the sheet and the progress. */
	const struct training *training;
	const struct training_sheet *sheet;
	const struct training_progress *progress;
	size_t nprogress;
	const struct report_screen *report;   /* MODE_REPORT          */
	int    reveal;          /* the status line shows the full phone and
	                         * email (a manager, until the next key) */
};

/*
 * Bring the view's selections and scrolling within what the session holds
 * and what the current terminal size (LINES × COLS) shows: call after
 * every change of either, before counter_draw().
 */
void counter_recalc(const struct session *s, struct counter_view *v);

/* Free what counter_recalc() built. */
void counter_view_clear(struct counter_view *v);

/* Draw the whole screen for the current terminal size, as
 * counter_recalc() left it.  It changes nothing in the view but the help
 * screen's page count (v->help_pages, v->help_page). */
void counter_draw(const struct session *s, struct counter_view *v);

/* History lines, and matches in FIND/ADD, visible at the current size. */
int counter_history_rows(void);
int counter_match_rows(void);

/* 1 if the terminal is at least min_cols × min_rows. */
int counter_fits(const struct counter_view *v);

#endif
