/*
 * console.h — the console's screen protocol, shared by app/console.c
 * (the loop, the signals, the mode stack) and the app/mode_*.c files
 * (one screen each).  Internal to app/.
 *
 * A screen is a struct screen_mode, in the manner of tmux's window_mode:
 * its key table (built once from [keys]), what a key does (act), how it
 * is drawn, whether the terminal is big enough for it, and what leaving
 * it undoes.  Modes stack: the counter or the desk at the bottom, then
 * what is open over it (a search, help, the report, the reason picker,
 * the lock screen ...).  Keys go to the top mode; only the loop draws.
 */
#ifndef UPLIFT_CONSOLE_H
#define UPLIFT_CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "model/authz.h"
#include "model/scan.h"
#include "model/training.h"
#include "views/checkin.h"
#include "views/counter.h"
#include "views/reportview.h"

struct app;
struct config;
struct desk;
struct follow;
struct journal;
struct offerlog;
struct session;
struct store;

/*
 * What an action asks of the loop (htop's HTOP_RECALCULATE vs
 * HTOP_REFRESH): nothing; repaint (only the view changed: a selection,
 * a page); recalculate then repaint (the model changed: a search, an
 * answer, a pick); quit.  R_PASS: the top mode is done with the key and
 * gone (popped); the key goes to the mode below.  For either of the two,
 * the model's cursor is told how many rows the terminal shows (its
 * verbs keep the selections and scrolling in range) and the view's rows
 * are built again (counter_recalc(), checkin_recalc(): the talking points
 * shown, the help's pages) once, before the screen is drawn; drawing then
 * changes nothing.
 */
enum reaction { R_NONE, R_REPAINT, R_RECALC, R_QUIT, R_PASS };

enum action {
	A_NONE, A_FIND, A_WALK_IN, A_ADD, A_REMOVE, A_ACCEPT, A_DECLINE,
	A_FINISH, A_HELP, A_QUIT, A_SAY, A_LANGUAGE, A_REPORT, A_REVEAL, A_UP,
	A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END, A_TAB, A_CANCEL, A_PICK,
	A_BACKSPACE, A_CLEAR_LINE, A_UNDO,
	A_COUNT
};

struct binding {
	int          key;     /* a character or KEY_* */
	int          is_key;  /* key is a KEY_* code  */
	enum action  action;
};

/* The key tables a mode can read its keys from. */
enum keyset {
	KEYS_NONE = 0,    /* none: act gets A_NONE and the key itself */
	KEYS_MAIN,        /* [keys] and the fixed keys of the main screens */
	KEYS_SEARCH,      /* typing a search                               */
	KEYS_COUNT
};

#define MAX_BINDINGS 40
#define CONSOLE_DEPTH 8

/* Mode flags. */
#define MODE_MODAL     0x1   /* the lock screen, the shift's summary: no
                              * clock, no retries, no idle lock       */
#define MODE_NO_SIGINT 0x2   /* Ctrl-C does not end the console      */

struct console;

struct screen_mode {
	const char   *name;
	enum keyset   keys;
	/* A key: a is its action in the keys table (A_NONE if none),
	 * is_key/wc the key itself. */
	enum reaction (*act)(struct console *c, enum action a, int is_key,
	    wint_t wc);
	void        (*draw)(struct console *c);
	/* 1 when the terminal is big enough; NULL: any size. */
	int         (*fits)(struct console *c);
	/* Leaving the mode (popped): undo what opening it set; NULL none. */
	void        (*close)(struct console *c);
	int           flags;
};

struct console {
	struct app          *app;
	struct store        *store;
	struct journal      *journal;  /* the offers not yet saved, kept
	                                * beside the database (owned)     */
	size_t               replayed; /* rows an earlier console left
	                                * there, saved at the start       */
	struct store        *staff;    /* where the lock screen checks PINs
	                                * and audits: store, or in training
	                                * the shop's own (then owned)      */
	struct session      *session;
	struct counter_view  view;
	struct binding       tables[KEYS_COUNT][MAX_BINDINGS];
	size_t               ntables[KEYS_COUNT];
	const struct screen_mode *stack[CONSOLE_DEPTH];
	size_t               depth;
	struct desk         *desk;     /* hotel mode: the front desk, else
	                                * NULL                            */
	struct checkin_view  cview;
	/* What the desk's confirmation is asked for: an upgrade's room type
	 * or an add-on's id, and its name for when it is gone meanwhile. */
	int                  ask_addon;
	int64_t              ask_id;
	char                 ask_name[64];
	/* A training run (sc not NULL). */
	const struct scenario *sc;
	struct training      run;
	struct training_sheet sheet;
	struct training_progress *progress;
	size_t               nprogress;
	size_t               offer_sel;  /* the offer objected to       */
	int                  offer_addon;
	int64_t              started;    /* civil seconds, for the shift */
	time_t               last_key;   /* monotonic, for the idle lock */
	char                 pin[AUTHZ_PASS_MAX + 1]; /* PIN or passphrase */
	size_t               npin;
	char                 lock_msg[80];
	/* The manager's report screen. */
	struct report_screen rep;
	struct offer_group  *rep_kinds, *rep_prev, *rep_reasons;
	size_t               nrep_kinds, nrep_prev, nrep_reasons;
	/* The till followed (--follow; app/follow.c), or NULL; and the
	 * scanner's run of digits at the counter. */
	struct follow       *follow;
	struct scan          scan;
};

/* The screens (app/mode_*.c). */
extern const struct screen_mode mode_counter;      /* the sale          */
extern const struct screen_mode mode_counter_find; /* find / add        */
extern const struct screen_mode mode_desk;         /* the check-in      */
extern const struct screen_mode mode_desk_find;    /* the arrivals      */
extern const struct screen_mode mode_desk_confirm; /* a sale's y/n      */
extern const struct screen_mode mode_train;        /* wraps the counter
                                                    * or the desk      */
extern const struct screen_mode mode_answer;       /* an objection     */
extern const struct screen_mode mode_score;        /* the score sheet  */
extern const struct screen_mode mode_help;
extern const struct screen_mode mode_reason;       /* the reason picker */
extern const struct screen_mode mode_report;
extern const struct screen_mode mode_lock;
extern const struct screen_mode mode_shift;        /* the shift's summary */

/* ---- the mode stack (console.c) ---- */

/* Open m over the top mode. */
void console_push(struct console *c, const struct screen_mode *m);

/* Leave the top mode (its close runs); the bottom one stays. */
void console_pop(struct console *c);

/* The mode keys go to. */
const struct screen_mode *console_top(const struct console *c);

/* 1 if m is open anywhere on the stack. */
int console_has(const struct console *c, const struct screen_mode *m);

/* Give a key to the top mode (and below, while they pass it on).  With
 * check_fits, a terminal too small for the top mode takes only the quit
 * key. */
enum reaction console_key(struct console *c, int rc, wint_t wc,
    int check_fits);

/* ---- helpers the modes share (console.c) ---- */

/* The view state the counter's and the desk's screens share: the
 * desk's when it is open, else the counter's. */
struct screen_view *console_screen(struct console *c);

/* Say something on the status line (error: in the error colour). */
void console_status(struct console *c, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The monotonic clock, in seconds (for the idle lock). */
time_t console_mono_now(void);

/* The console's clock: --at's, else the computer's (civil seconds). */
int64_t console_now(const struct console *c);

/* The offer log of the screen: the desk's or the counter's (NULL before
 * either is open). */
struct offerlog *console_log(struct console *c);

/* After an offer log write returned rc: say when it is kept for retry,
 * and why. */
void console_saved_or_not(struct console *c, int rc, const char *what);

/* The key an action has in the main table, 0 for none. */
int console_key_of(const struct console *c, enum action a);

/* The main screen, as the views draw it (the counter or the desk). */
void console_draw(struct console *c);

/* 1 when the terminal is big enough for the counter or the desk. */
int console_fits(struct console *c);

/* Bind [keys] into the main table.  0, or -1 (said) when two actions
 * share a character. */
int console_bind_keys(struct console *c, const struct config *cfg);

/* The talking points' directory: the config's, else the shipped one
 * (malloc'd). */
char *console_scripts_dir(const struct app *a);

/* The configured clerk's id (see console.c).  0 or -1 (said). */
int console_clerk(struct console *c, int64_t *id);

/* Replay earlier consoles' journals and open this one's for log; a
 * failure is said in *warning (replacing it). */
void console_journal(struct console *c, struct offerlog *log,
    char **warning);

/* Append wc to the text being typed (input, size bytes); 1 if it did. */
int console_input_add(char *input, size_t size, wint_t wc);

/* Take the last character off input; 1 if there was one. */
int console_input_backspace(char *input);

/* A search's list under the keys (the counter's customers and items,
 * the desk's reservations). */
struct search_keys {
	size_t  n;             /* the matches listed                      */
	int     page;          /* the rows a page                         */
	int     sel;           /* the selected one                        */
	char   *input;         /* the text typed, size bytes              */
	size_t  size;
	int     home_end;      /* Home and End go to the first and last   */
	void  (*select)(struct console *c, int i);  /* select match i     */
	enum reaction (*again)(struct console *c);  /* the text changed   */
	enum reaction (*pick)(struct console *c);   /* Enter on a match   */
};

/* A key in a search: Esc leaves it, Enter picks (when there are
 * matches), the arrows and pages move the selection, typing and
 * Backspace and Ctrl-U change the text and search again. */
enum reaction console_search_key(struct console *c, const struct search_keys *k,
    enum action a, int is_key, wint_t wc);

/* At the start: the offer log rows an earlier console left in its
 * journal and this one saved (c->replayed), said on the status line; 0
 * (nothing said) when there were none. */
int console_hello_replayed(struct console *c);

/* The language key: the talking points in the next language (the
 * desk's or the counter's), from their first line, said on the status
 * line. */
enum reaction console_next_language(struct console *c);

/* Leaving a search (its close): the main screen again. */
void console_search_close(struct console *c);

/* How a main screen (the counter's, the desk's) moves. */
struct move_keys {
	void (*tab)(struct console *c);               /* to the other list */
	void (*arrow)(struct console *c, int delta);  /* up -1, down 1     */
	/* the pane without a selection (the history, the earlier stays):
	 * by -page or page, to its start (INT_MIN) or its end (INT_MAX) */
	void (*scroll_by)(struct console *c, int delta);
	int    page;
};

/* The keys that move about a main screen: Tab, the arrows, a page up or
 * down, Home, End, and the say key (the next line to say).  R_NONE for
 * another key. */
enum reaction console_move_key(struct console *c, const struct move_keys *k,
    enum action a);

/* ---- opening the screens (mode_*.c) ---- */

/* The counter: the session, the journal, the keys.  0 or -1 (said). */
int counter_setup(struct console *c, struct app *a);

/* The front desk of hotel.  0 or -1 (said). */
int desk_setup(struct console *c, struct app *a, const char *hotel);

/* A training run of a->training.  0 or -1 (said). */
int train_setup(struct console *c, struct app *a);

/* The run is over: score it, keep it, show the sheet. */
enum reaction train_end(struct console *c);

/* May the one at the console do action (authz.h)?  A refusal is said
 * and audited. */
int console_may(struct console *c, int action);

/* The report of the last REPORT_DAYS days, opened over the counter. */
enum reaction report_open(struct console *c);

/* Free the report's data. */
void report_free_data(struct console *c);

/* A manager sees the customer's phone and email until the next key. */
enum reaction console_reveal(struct console *c);

/* The reason picker over the counter or the desk, for offer_id. */
void reason_open(struct console *c, int64_t offer_id);

/* Help over the counter or the desk, at its first page. */
void help_open(struct console *c);

/* Audit a lock screen event. */
void lock_audit(struct console *c, const char *action);

/* The shift's summary: 1 when there is one to show (drawn). */
int shift_summary(struct console *c);

/* uplift train --play: the run without a screen (app/mode_play.c). */
int console_play(struct console *c, struct app *a);

/* The counter's and the desk's main keys, for the training wrapper:
 * the counter's one-key states first (reveal, quit asked, the
 * acknowledgement; R_PASS when the key is left for the screen). */
enum reaction counter_pre(struct console *c, enum action a, int is_key,
    wint_t wc);
enum reaction counter_main(struct console *c, enum action a);
enum reaction desk_main(struct console *c, enum action a);

/* The desk's idle tick: another process's writes read again (the offers
 * taken at another desk said on the status line).  1 when the screen
 * changed. */
int desk_idle(struct console *c);

#endif
