/*
 * counter — the counter screen, drawn from the session (model/session.h)
 * and the view state below.  Drawing only: no store, no SQL, no input.
 */
#ifndef UPLIFT_COUNTER_H
#define UPLIFT_COUNTER_H

#include "model/session.h"

enum counter_mode {
	MODE_MAIN = 0,   /* customer, history, profile */
	MODE_FIND,       /* the customer search        */
	MODE_HELP,       /* the key list               */
};

struct counter_view {
	int    mode;
	int    hist_top;        /* first history line shown               */
	int    match_sel;       /* selected match in MODE_FIND            */
	int    match_top;       /* first match shown                      */
	char   input[SESSION_QUERY_MAX];  /* the text being typed         */
	char   status[512];     /* one line of feedback, "" for none      */
	int    status_error;    /* the status is an error                 */
	int    mask;            /* mask personal data (phone, email)      */
	int    min_cols, min_rows;
	char   clock[20];       /* "2026-11-23 14:32", set by the caller  */
};

/* Draw the whole screen for the current terminal size (LINES × COLS). */
void counter_draw(const struct session *s, struct counter_view *v);

/* History lines visible at the current size (for paging). */
int counter_history_rows(void);

/* Matches visible in the search at the current size. */
int counter_match_rows(void);

/* 1 if the terminal is at least min_cols × min_rows. */
int counter_fits(const struct counter_view *v);

#endif
