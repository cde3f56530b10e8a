/*
 * ui — the terminal: start and stop curses, colour roles, and drawing of
 * text measured in display columns.  Every string drawn passes through
 * text_fit() (model/text.h), so data never reaches the terminal raw.
 */
#ifndef UPLIFT_UI_H
#define UPLIFT_UI_H

#include <stddef.h>
#include <stdint.h>

/* Colours are roles; ui.c maps each to a colour pair and a monochrome
 * attribute. */
enum ui_role {
	ROLE_NORMAL = 0,
	ROLE_HEADER,       /* the top line                              */
	ROLE_BADGE,        /* DEMO / TRAINING badge                      */
	ROLE_TITLE,        /* pane titles                                */
	ROLE_FRAME,        /* lines between panes                        */
	ROLE_SELECTED,     /* the selected row                           */
	ROLE_DIM,          /* secondary text                             */
	ROLE_MONEY,        /* amounts                                    */
	ROLE_RETURN,       /* returned lines                             */
	ROLE_KEY,          /* key names in the key bar                   */
	ROLE_STATUS,       /* the status line                            */
	ROLE_ERROR,        /* errors                                     */
	ROLE_INPUT,        /* text being typed                           */
	ROLE_COUNT
};

enum ui_color_mode { UI_COLOR_AUTO, UI_COLOR_ALWAYS, UI_COLOR_NEVER };

/*
 * Start curses on the terminal.  Colour is used when mode allows it, the
 * terminal has colours and NO_COLOR is unset (or mode is ALWAYS).
 * Returns 0, or -1 with *cause when the terminal cannot be used (TERM
 * unknown, not a terminal).
 */
int ui_start(int mode, char **cause);

/* End curses and restore the terminal.  Safe to call twice. */
void ui_stop(void);

/* 1 between ui_start() and ui_stop(). */
int ui_active(void);

/* The curses attribute of a role. */
int ui_attr(enum ui_role role);

/*
 * Draw s at (y, x) in exactly cols columns (cut with "…" or padded), in
 * role, never past the screen's edge.  Returns the columns drawn (0 if
 * nothing fits).
 */
int ui_text(int y, int x, int cols, const char *s, enum ui_role role);

/* As ui_text(), for an item's name: cut, it keeps a size it ends in
 * ("Herba…250 ml", text_fit_name). */
int ui_name(int y, int x, int cols, const char *s, enum ui_role role);

/*
 * Draw s at (y, x) right-aligned within cols columns, padding on the
 * left.  Returns cols.
 */
int ui_text_right(int y, int x, int cols, const char *s, enum ui_role role);

/* A horizontal line of cols columns at (y, x). */
void ui_hline(int y, int x, int cols, enum ui_role role);

/* A vertical line of rows rows at (y, x). */
void ui_vline(int y, int x, int rows, enum ui_role role);

/* Fill a rectangle with spaces in role. */
void ui_clear(int y, int x, int rows, int cols, enum ui_role role);

/* Symbols with an ASCII fallback (text_get_ascii()). */
enum ui_sym {
	SYM_POINTER,   /* ▶  > */
	SYM_DOT,       /* ·  - */
	SYM_ARROW,     /* →  -> */
	SYM_TIMES,     /* ×  x */
	SYM_UPDOWN,    /* ↑↓ up/dn */
	SYM_ELLIPSIS,  /* …  ~ */
	SYM_COUNT
};

/* The symbol, as the terminal can show it. */
const char *ui_sym(enum ui_sym s);

/*
 * A sparkline of n values (n <= 64) into buf: one block character
 * (▁▂▃▄▅▆▇█) per value scaled to the largest, a space for values <= 0.
 */
void ui_sparkline(const int64_t *v, int n, char *buf, int size);

/* A key and what it does, for the key bar. */
struct ui_keyhint {
	char        key[16];
	const char *what;
};

/* Set h to character key c ("Space" for ' ') doing what (not copied). */
void ui_keyhint_char(struct ui_keyhint *h, char c, const char *what);

/* The key bar on the last line: k[0..n) in order when they fit; else as
 * many of the first ones as fit, then always the last two (help and
 * quit, by convention), so that the way out is never hidden. */
void ui_keybar(const struct ui_keyhint *k, size_t n);

/*
 * Wrap text into at most rows lines of w columns from (y, x), breaking at
 * spaces where it can.  Returns the lines drawn.
 */
int ui_wrapped(int y, int x, int w, int rows, const char *text,
    enum ui_role role);

/*
 * ui_wrapped(), but a text that needs more than rows rows ends its last
 * row after a whole word with "…" rather than a silent cut: a price is
 * never cut (a word wider than w alone still is).  Returns the lines
 * drawn.
 */
int ui_wrapped_end(int y, int x, int w, int rows, const char *text,
    enum ui_role role);

/* The lines ui_wrapped() needs for all of text at w columns (draws
 * nothing). */
int ui_wrapped_rows(int w, const char *text);

/* The notice of a terminal below min_cols × min_rows, centred, with how
 * to leave: quit's key, or (quit 0) that a sale is open and the terminal
 * must grow to go on with it. */
void ui_too_small(int min_cols, int min_rows, char quit);

/*
 * The SAY pane from row y: in the wide layout a titled rule above (the
 * language, which line of n) and rows wrapped rows, else "SAY:" and the
 * line wrapped in rows rows (ui_wrapped_end: "…" where it does not fit);
 * empty (wide) when n is 0.  Shows lines[line]
 * (0 <= line < n); the lines stay the caller's.
 */
void ui_say(int y, int wide, int rows, const char *lang, char *const *lines,
    int n, int line, const char *empty);

/*
 * A help screen from row top: title, one row per key hint (key, what it
 * does; a list pane, views/pane.h), then note (wrapped, may be NULL), in
 * pages of what fits: page (0 <= page < ui_help_pages()) is shown, with
 * "page/pages" by the title and "any key More" in the key bar, and "any
 * key Back" on the last.
 */
void ui_help(int top, const char *title, const struct ui_keyhint *h,
    size_t n, const char *note, int page);

/* How many pages ui_help() makes of n key hints from row top at the
 * current size. */
int ui_help_pages(int top, size_t n);

/* The locked console: who must type their PIN, a dot for each digit
 * typed, and a message (may be ""). */
void ui_lock_screen(const char *clerk, size_t digits, const char *msg);

/* The status line after a decline: saved, NOT SAVED (error), or not saved
 * by design (replay: --at on a real database), and the reasons 1-5, in
 * the longest wording that fits the terminal's width. */
void ui_reason_prompt(int error, int replay);

/* The key bar of a search: Enter Pick, ↑↓ Choose, Esc esc. */
void ui_search_keys(const char *esc);

/* The top line: left text, a badge (may be "") and the clock on the
 * right. */
void ui_header(const char *left, const char *badge, const char *clock);

/*
 * The console's top line: "uplift · place · counter · clerk: NAME", the
 * badge and the clock "YYYY-MM-DD HH:MM".  Where that does not fit, the
 * counter and "clerk:" go, then "uplift", then the date (the time stays),
 * so that who is signed in stays readable.  clerk may be NULL.
 */
void ui_header_console(const char *place, const char *counter,
    const char *clerk, const char *badge, const char *clock);

#endif
