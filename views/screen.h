/*
 * screen — what the counter's and the desk's screens share: the view
 * state both keep (which screen shows, the line to say, the help page,
 * the text being typed, the status line, the sizes, the keys, a training
 * run) and the frame both draw in (the header, the strip, the body of the
 * screen shown, the status line).  views/counter.c and views/checkin.c
 * then differ only in the panes (views/pane.h) they place where.
 */
#ifndef UPLIFT_SCREEN_H
#define UPLIFT_SCREEN_H

#include <stddef.h>

#include "model/script.h"
#include "model/training.h"

struct ui_keyhint;

/* Which screen shows (the counter has them all, the desk no ADD and no
 * REPORT). */
enum view_mode {
	MODE_MAIN = 0,   /* the sale, the check-in                       */
	MODE_FIND,       /* the customer search, the arrivals            */
	MODE_ADD,        /* the item search                              */
	MODE_HELP,       /* the key list                                 */
	MODE_SCORE,      /* a training run's score sheet                 */
	MODE_REPORT,     /* the manager's report                         */
};

#define SCREEN_INPUT_MAX 64
#define SCREEN_SAY_MAX   SCRIPT_LINES_MAX
#define SCREEN_TOP       2   /* the first row under header and strip */

/* The keys the key bar and help show (the configured ones). */
struct counter_keys {
	char find, walk_in, add, remove, accept, decline, finish, help, quit,
	    say, language, report, reveal;
};

struct screen_view {
	int    mode;            /* enum view_mode                          */
	int    say_line;        /* which talking point line (s cycles)     */
	char  *say[SCREEN_SAY_MAX];  /* the talking points of the selected
	                         * offer, as the recalculation built them
	                         * (owned; screen_view_clear())           */
	int    nsay;
	int    say_shown;       /* which of them the SAY pane shows        */
	int    help_page;       /* the help page shown                     */
	int    help_pages;      /* how many there are (recalculation)      */
	char   input[SCREEN_INPUT_MAX];  /* the text being typed           */
	char   status[512];     /* one line of feedback, "" for none      */
	int    status_error;
	int    replay;          /* --at on a real database: nothing saved */
	int    min_cols, min_rows;
	char   clock[20];       /* "2026-11-23 14:32", set by the caller  */
	const char *clerk;      /* shown in the header                    */
	struct counter_keys keys;
	/* A training run (NULL otherwise): the dialogue replaces the
	 * history (the earlier stays); MODE_SCORE shows the sheet and the
	 * progress. */
	const struct training *training;
	const struct training_sheet *sheet;
	const struct training_progress *progress;
	size_t nprogress;
};

/* The parts a screen draws in the frame: m is its model (the session,
 * the desk), v its view (which starts with a struct screen_view). */
struct screen_parts {
	void (*header)(const void *m, const void *v);
	void (*strip)(const void *m, const void *v);
	/* the screen of mode: MODE_MAIN, MODE_FIND, MODE_ADD, the help
	 * (MODE_HELP outside training), MODE_REPORT */
	void (*body)(const void *m, const void *v);
	void (*status)(const void *m, const void *v);
	int  hotel;             /* the desk: the training help's words    */
};

/* 1 if the terminal is at least min_cols × min_rows. */
int screen_fits(const struct screen_view *b);

/*
 * Draw the whole screen for the current terminal size: the notice of a
 * terminal too small (quit: the quit key it names, 0 for none), else
 * header, strip, the body of b->mode (a training run's help and score
 * sheet drawn here), the status line.  Changes nothing.
 */
void screen_draw(const struct screen_view *b, char quit,
    const struct screen_parts *p, const void *m, const void *v);

/* The status line: the reason picker's prompt when asking, else
 * b->status. */
void screen_status(const struct screen_view *b, int asking);

/*
 * The frame of a search from row *y: its title, the prompt with what is
 * typed (promptw columns at most) and count at the right; *y moves under
 * them and a blank row.
 */
void screen_search_frame(const struct screen_view *b, const char *title,
    int promptw, const char *count, int *y);

/*
 * The recalculation every screen starts with: the talking points built
 * for the last screen freed; the help page kept within the pages of its
 * nhelp lines (or of the training help's; hotel: the desk's).  Returns 1
 * when the terminal fits the main screen: the caller then builds its
 * rows (the talking points of the selected offer).
 */
int screen_recalc(struct screen_view *b, size_t nhelp, int hotel);

/* The rows a search lists at the current size. */
int screen_match_rows(void);

/* Free the talking points built; none shown. */
void screen_view_clear(struct screen_view *b);

/* After the talking points were built (b->nsay): the one to show, the
 * first when say_line is beyond them. */
void screen_say_pick(struct screen_view *b);

/* A line of a help screen: a configured key (SCREEN_KEY(x): the key x
 * of struct counter_keys; SCREEN_KEY_NONE, none; SCREEN_KEY_UPDOWN, the
 * arrows) with tail after it (NULL: the key alone; with SCREEN_KEY_NONE
 * tail is the whole key), and what it does (NULL: the caller's words). */
struct screen_help {
	int         key;
	const char *tail;
	const char *what;
};
#define SCREEN_KEY(x)     ((int)offsetof(struct counter_keys, x))
#define SCREEN_KEY_NONE   (-1)
#define SCREEN_KEY_UPDOWN (-2)

/* The key hints of n help lines t, with the keys k, into h (n of them);
 * words stand for each line without its own.  Returns n. */
size_t screen_help_keys(const struct counter_keys *k,
    const struct screen_help *t, size_t n, const char *words,
    struct ui_keyhint *h);


#endif
