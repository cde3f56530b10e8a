#include "views/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "model/xalloc.h"
#include "views/curses.h"
#include "views/pane.h"

static int ui_on;
static int ui_colors;

/* Role → colour pair (foreground, background) and monochrome attribute. */
static const struct {
	short fg, bg;
	int   attr;       /* added in colour mode           */
	int   mono;       /* used instead without colour    */
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL]   = { -1, -1, 0, 0 },
	[ROLE_HEADER]   = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[ROLE_BADGE]    = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_TITLE]    = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ROLE_FRAME]    = { COLOR_BLUE, -1, 0, 0 },
	[ROLE_SELECTED] = { COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
	[ROLE_DIM]      = { -1, -1, A_DIM, A_DIM },
	[ROLE_MONEY]    = { COLOR_GREEN, -1, 0, 0 },
	[ROLE_RETURN]   = { COLOR_MAGENTA, -1, 0, A_UNDERLINE },
	[ROLE_KEY]      = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_STATUS]   = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[ROLE_ERROR]    = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_INPUT]    = { -1, -1, A_UNDERLINE, A_UNDERLINE },
};

int
ui_start(int mode, char **cause)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");
	SCREEN *scr;
	int i;

	if (ui_on)
		return 0;
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		*cause = xstrdup("the console needs a terminal (TERM is unset or "
		    "dumb); use the commands instead (uplift --help)");
		return -1;
	}
	/* newterm() fails cleanly where initscr() would exit. */
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		char *t = text_cleans(term, 40);
		*cause = xasprintf("cannot use the terminal type \"%s\"; try "
		    "TERM=xterm-256color", t);
		free(t);
		return -1;
	}
	set_term(scr);
	ui_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_colors = 0;
	if (mode != UI_COLOR_NEVER && has_colors() &&
	    (mode == UI_COLOR_ALWAYS || nc == NULL || *nc == '\0')) {
		start_color();
		use_default_colors();
		ui_colors = 1;
		for (i = 1; i < ROLE_COUNT; i++)
			init_pair((short)i, roles[i].fg, roles[i].bg);
	}
	return 0;
}

void
ui_stop(void)
{
	if (!ui_on)
		return;
	endwin();
	ui_on = 0;
}

int
ui_active(void)
{
	return ui_on;
}

int
ui_attr(enum ui_role role)
{
	if (role <= ROLE_NORMAL || role >= ROLE_COUNT)
		return A_NORMAL;
	if (!ui_colors)
		return roles[role].mono;
	return (int)COLOR_PAIR(role) | roles[role].attr;
}

/* s at (y, x) in exactly cols columns as fit() makes them, in role. */
static int
ui_fitted(int y, int x, int cols, const char *s, enum ui_role role,
    char *(*fit)(const char *, int))
{
	char *t;

	/* never past the screen's edge: curses would wrap it onto the next
	 * row */
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (cols > COLS - x)
		cols = COLS - x;
	if (cols <= 0)
		return 0;
	t = fit(s, cols);
	attrset(ui_attr(role));
	mvaddstr(y, x, t);
	attrset(A_NORMAL);
	free(t);
	return cols;
}

int
ui_text(int y, int x, int cols, const char *s, enum ui_role role)
{
	return ui_fitted(y, x, cols, s, role, text_fit);
}

int
ui_name(int y, int x, int cols, const char *s, enum ui_role role)
{
	return ui_fitted(y, x, cols, s, role, text_fit_name);
}

int
ui_text_right(int y, int x, int cols, const char *s, enum ui_role role)
{
	int w;

	if (cols <= 0)
		return 0;
	w = text_width(s);
	if (w >= cols)
		return ui_text(y, x, cols, s, role);
	ui_clear(y, x, 1, cols - w, role);
	ui_text(y, x + cols - w, w, s, role);
	return cols;
}

void
ui_hline(int y, int x, int cols, enum ui_role role)
{
	if (cols <= 0)
		return;
	attrset(ui_attr(role));
	mvhline(y, x, ACS_HLINE, cols);
	attrset(A_NORMAL);
}

void
ui_vline(int y, int x, int rows, enum ui_role role)
{
	if (rows <= 0)
		return;
	attrset(ui_attr(role));
	mvvline(y, x, ACS_VLINE, rows);
	attrset(A_NORMAL);
}

void
ui_clear(int y, int x, int rows, int cols, enum ui_role role)
{
	int r;

	if (cols <= 0)
		return;
	attrset(ui_attr(role));
	for (r = 0; r < rows; r++)
		mvhline(y + r, x, ' ', cols);
	attrset(A_NORMAL);
}

const char *
ui_sym(enum ui_sym s)
{
	static const char *utf8[SYM_COUNT] = { "▶", "·", "→", "×", "↑↓", "…" };
	static const char *ascii[SYM_COUNT] = { ">", "-", "->", "x", "up/dn",
	    "~" };

	if (s < 0 || s >= SYM_COUNT)
		return "";
	return text_get_ascii() ? ascii[s] : utf8[s];
}

void
ui_sparkline(const int64_t *v, int n, char *buf, int size)
{
	static const char *blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇",
	    "█" };
	static const char *ablocks[] = { "_", ".", "-", "=", "+", "*", "#",
	    "@" };
	int64_t max = 0;
	int i, len = 0, k;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (i = 0; i < n && len + 3 < size; i++) {
		if (v[i] <= 0 || max <= 0) {
			buf[len++] = ' ';
			continue;
		}
		k = (int)((v[i] * 7 + max / 2) / max);
		if (k > 7)
			k = 7;
		if (text_get_ascii())
			buf[len++] = ablocks[k][0];
		else {
			memcpy(buf + len, blocks[k], 3);
			len += 3;
		}
	}
	buf[len] = '\0';
}

/* The columns hint h takes in the key bar. */
static int
keyhint_width(const struct ui_keyhint *h)
{
	return text_width(h->key) + 2 + text_width(h->what) + 1;
}

static int
keyhint_draw(int x, const struct ui_keyhint *h)
{
	int w = text_width(h->key) + 2;

	ui_text(LINES - 1, x, w, "", ROLE_KEY);
	ui_text(LINES - 1, x + 1, w - 2, h->key, ROLE_KEY);
	x += w;
	w = text_width(h->what) + 1;
	ui_text(LINES - 1, x, w, h->what, ROLE_NORMAL);
	return x + w;
}

void
ui_keybar(const struct ui_keyhint *k, size_t n)
{
	int x = 0, all = 0, tail = 0;
	size_t i, keep = n > 2 ? 2 : 0;

	move(LINES - 1, 0);
	clrtoeol();
	for (i = 0; i < n; i++)
		all += keyhint_width(&k[i]);
	for (i = n - keep; i < n; i++)
		tail += keyhint_width(&k[i]);
	if (all <= COLS || tail > COLS)
		keep = 0;                /* all fit, or not even the tail */
	for (i = 0; i < n - keep; i++) {
		if (x + keyhint_width(&k[i]) + (keep ? tail : 0) > COLS)
			break;
		x = keyhint_draw(x, &k[i]);
	}
	for (i = n - keep; keep && i < n; i++)
		x = keyhint_draw(x, &k[i]);
}

void
ui_reason_prompt(int error, int replay)
{
	static const char *const ok[] = {
		"Declined, saved. Why? 1 price 2 has it 3 not now "
		    "4 not interested 5 other",
		"Saved. Why? 1 price 2 has it 3 not now 4 not interested "
		    "5 other",
		"Why? 1 price 2 has it 3 not now 4 not interested 5 other",
		"Why? 1 price 2 has it 3 later 4 no 5 other",
		"1 price 2 has it 3 later 4 no 5 other",
	};
	static const char *const bad[] = {
		"Declined, NOT SAVED. Why? 1 price 2 has it 3 not now "
		    "4 not interested 5 other",
		"NOT SAVED. Why? 1 price 2 has it 3 not now 4 not "
		    "interested 5 other",
		"NOT SAVED. Why? 1 price 2 has it 3 later 4 no 5 other",
		"NOT SAVED. 1 price 2 has it 3 later 4 no 5 other",
		"1 price 2 has it 3 later 4 no 5 other",
	};
	static const char *const rep[] = {
		"Declined (REPLAY: not saved). Why? 1 price 2 has it "
		    "3 not now 4 not interested 5 other",
		"REPLAY: not saved. Why? 1 price 2 has it 3 not now 4 not "
		    "interested 5 other",
		"REPLAY. Why? 1 price 2 has it 3 later 4 no 5 other",
		"Why? 1 price 2 has it 3 later 4 no 5 other",
		"1 price 2 has it 3 later 4 no 5 other",
	};
	const char *const *v = error ? bad : replay ? rep : ok;
	size_t i, n = 5;

	for (i = 0; i + 1 < n && text_width(v[i]) > COLS; i++)
		continue;
	ui_text(LINES - 2, 0, COLS, v[i], error ? ROLE_ERROR : ROLE_STATUS);
}

void
ui_keyhint_char(struct ui_keyhint *h, char c, const char *what)
{
	if (c == ' ')
		snprintf(h->key, sizeof h->key, "Space");
	else
		snprintf(h->key, sizeof h->key, "%c", c);
	h->what = what;
}

/* The longest prefix of p that fits w columns; *brk the last space
 * after a word in it (NULL none), *width its columns. */
static const char *
wrap_fit(const char *p, int w, const char **brk, int *width)
{
	const char *q;

	*brk = NULL;
	*width = 0;
	for (q = p; *q != '\0'; ) {
		uint32_t cp;
		size_t n = text_decode(q, strlen(q), &cp);
		int cw = text_get_ascii() && cp >= 0x80 ? 1 :
		    text_cp_width(cp);
		if (*width + cw > w)
			break;
		*width += cw;
		q += n;
		if (*q == ' ')
			*brk = q;
	}
	return q;
}

/* The last row of text that does not fit: its words that fit before
 * "…" (a word, a price, is never cut unless it alone is too wide). */
static void
wrap_end(int y, int x, int w, const char *p, enum ui_role role)
{
	const char *ell = ui_sym(SYM_ELLIPSIS), *brk, *q;
	int width;
	char *line;

	q = wrap_fit(p, w - text_width(ell), &brk, &width);
	if (brk != NULL && *q != '\0')
		q = brk;
	line = xasprintf("%.*s%s", (int)(q - p), p, ell);
	ui_text(y, x, w, line, role);
	free(line);
}

/* Wrap text (see ui_wrapped); draw 0 only counts the rows, end 1 ends a
 * text that needs more than rows rows with "…" (ui_wrapped_end). */
static int
wrap(int y, int x, int w, int rows, const char *text, enum ui_role role,
    int draw, int end)
{
	const char *p = text, *brk, *q;
	char *line;
	int r = 0, width;

	while (*p != '\0' && r < rows) {
		/* The longest prefix that fits, cut at a space if possible. */
		q = wrap_fit(p, w, &brk, &width);
		if (q[strspn(q, " ")] != '\0' && end && draw &&
		    r == rows - 1) {
			wrap_end(y + r, x, w, p, role);
			return r + 1;
		}
		if (*q != '\0' && brk != NULL && r < rows - 1)
			q = brk;
		if (draw) {
			line = xstrndup(p, (size_t)(q - p));
			ui_text(y + r, x, w, line, role);
			free(line);
		}
		r++;
		p = q;
		while (*p == ' ')
			p++;
		if (q == p && *p != '\0' && width == 0)
			break;      /* nothing fits: stop */
	}
	return r;
}

int
ui_wrapped(int y, int x, int w, int rows, const char *text, enum ui_role role)
{
	return wrap(y, x, w, rows, text, role, 1, 0);
}

int
ui_wrapped_end(int y, int x, int w, int rows, const char *text,
    enum ui_role role)
{
	return wrap(y, x, w, rows, text, role, 1, 1);
}

int
ui_wrapped_rows(int w, const char *text)
{
	return wrap(0, 0, w, 1000, text, ROLE_NORMAL, 0, 0);
}

void
ui_too_small(int min_cols, int min_rows, char quit)
{
	char msg[96];
	int y = LINES / 2, w;

	snprintf(msg, sizeof msg, "uplift needs %d%s%d", min_cols,
	    ui_sym(SYM_TIMES), min_rows);
	w = text_width(msg);
	ui_text(y > 0 ? y - 1 : 0, w < COLS ? (COLS - w) / 2 : 0,
	    w < COLS ? w : COLS, msg, ROLE_STATUS);
	if (quit != 0)
		snprintf(msg, sizeof msg, "now %d%s%d %s %c quits", COLS,
		    ui_sym(SYM_TIMES), LINES, ui_sym(SYM_DOT), quit);
	else
		snprintf(msg, sizeof msg, "now %d%s%d %s sale open: enlarge",
		    COLS, ui_sym(SYM_TIMES), LINES, ui_sym(SYM_DOT));
	w = text_width(msg);
	if (LINES > 1)
		ui_text(y, w < COLS ? (COLS - w) / 2 : 0, w < COLS ? w : COLS,
		    msg, ROLE_NORMAL);
}

void
ui_header(const char *left, const char *badge, const char *clock)
{
	int right = (int)strlen(clock) + 2, bw = (int)strlen(badge);

	if (bw + right >= COLS)
		bw = 0;
	ui_text(0, 0, COLS - right - bw, left, ROLE_HEADER);
	if (bw > 0)
		ui_text(0, COLS - right - bw, bw, badge, ROLE_BADGE);
	ui_text_right(0, COLS - right, right, clock, ROLE_HEADER);
}

void
ui_header_console(const char *place, const char *counter, const char *clerk,
    const char *badge, const char *clock)
{
	const char *dot = ui_sym(SYM_DOT), *c = clerk != NULL ? clerk : "";
	const char *time = strlen(clock) > 11 ? clock + 11 : clock;
	char *left;
	int k;

	for (k = 0; k < 4; k++) {
		const char *clk = k < 3 ? clock : time;
		int room = COLS - (int)strlen(clk) - 2 - (int)strlen(badge);

		switch (k) {
		case 0:
			left = clerk != NULL ? xasprintf(" uplift %s %s %s %s "
			    "%s clerk: %s", dot, place, dot, counter, dot, c) :
			    xasprintf(" uplift %s %s %s %s", dot, place, dot,
			    counter);
			break;
		case 1:
			left = clerk != NULL ? xasprintf(" uplift %s %s %s %s",
			    dot, place, dot, c) : xasprintf(" uplift %s %s",
			    dot, place);
			break;
		default:
			left = clerk != NULL ? xasprintf(" %s %s %s", place,
			    dot, c) : xasprintf(" %s", place);
			break;
		}
		if (text_width(left) <= room || k == 3) {
			ui_header(left, badge, clk);
			free(left);
			return;
		}
		free(left);
	}
}

void
ui_say(int y, int wide, int rows, const char *lang, char *const *lines,
    int n, int line, const char *empty)
{
	char *t;

	if (wide) {
		char title[40];

		ui_hline(y - 1, 0, COLS, ROLE_FRAME);
		snprintf(title, sizeof title, " SAY  %s  %d/%d ", lang,
		    n > 0 ? line + 1 : 0, n);
		ui_text(y - 1, 2, text_width(title), title, ROLE_TITLE);
	}
	if (n == 0)
		ui_text(y, 1, COLS - 2, wide ? empty : "", ROLE_DIM);
	else if (wide)
		ui_wrapped_end(y, 1, COLS - 2, rows, lines[line], ROLE_NORMAL);
	else {
		t = xasprintf("SAY: %s", lines[line]);
		ui_wrapped_end(y, 0, COLS, rows, t, ROLE_NORMAL);
		free(t);
	}
}

/* The rows of a help page from row top: what is between the title and
 * the note's row over the status line. */
static int
help_per(int top)
{
	return LINES - top - 4;
}

int
ui_help_pages(int top, size_t n)
{
	return pane_pages(n, help_per(top));
}

/* A key hint's row: the key, what it does. */
static void
help_row(const void *ctx, size_t i, int y, enum ui_role role)
{
	const struct ui_keyhint *h = ctx;

	(void)role;
	ui_text(y, 2, 11, h[i].key, ROLE_TITLE);
	ui_text(y, 14, COLS - 15, h[i].what, ROLE_NORMAL);
}

void
ui_help(int top, const char *title, const struct ui_keyhint *h, size_t n,
    const char *note, int page)
{
	struct ui_keyhint back;
	char buf[128];
	int y, per = help_per(top), pages = ui_help_pages(top, n);

	ui_clear(top, 0, LINES - 2 - top, COLS, ROLE_NORMAL);
	/* the page at the right, where it is not cut off */
	snprintf(buf, sizeof buf, " %d/%d ", page + 1, pages);
	y = pane_draw(&(struct pane){ .y = top, .x = 0, .w = COLS,
	    .rows = per, .title = title, .right = pages > 1 ? buf : NULL,
	    .n = n, .sel = -1, .top = page * (per < 1 ? 1 : per), .plain = 1,
	    .row = help_row, .ctx = h });
	if (page == pages - 1 && note != NULL && y + 1 < LINES - 2)
		ui_wrapped(y + 1, 2, COLS - 4, LINES - 3 - y - 1, note,
		    ROLE_DIM);
	snprintf(back.key, sizeof back.key, "any key");
	back.what = page < pages - 1 ? "More" : "Back";
	ui_keybar(&back, 1);
}

void
ui_search_keys(const char *esc)
{
	struct ui_keyhint k[3];

	snprintf(k[0].key, sizeof k[0].key, "Enter");
	k[0].what = "Pick";
	snprintf(k[1].key, sizeof k[1].key, "%s", ui_sym(SYM_UPDOWN));
	k[1].what = "Choose";
	snprintf(k[2].key, sizeof k[2].key, "Esc");
	k[2].what = esc;
	ui_keybar(k, 3);
}

void
ui_lock_screen(const char *clerk, size_t digits, const char *msg)
{
	char buf[128], dots[40];
	size_t i;
	int y = LINES / 2 - 2, w = COLS - 4 > 4 ? COLS - 4 : COLS, x, n;

	erase();
	for (i = 0; i < digits && i < sizeof dots - 1; i++)
		dots[i] = '*';
	dots[i] = '\0';
	snprintf(buf, sizeof buf, " uplift %s locked", ui_sym(SYM_DOT));
	ui_header(buf, "", "");
	/* narrow: the prompt wraps, and the PIN stays on screen */
	x = w == COLS ? 0 : 2;
	if (y < 1)
		y = 1;
	snprintf(buf, sizeof buf, "Locked after a pause. %s, your PIN:",
	    clerk);
	n = ui_wrapped(y, x, w, 3, buf, ROLE_TITLE);
	y += n + (LINES >= y + n + 4 ? 1 : 0);
	ui_text(y, x, w, dots, ROLE_INPUT);
	y += LINES >= y + 3 ? 2 : 1;
	if (y < LINES)
		ui_wrapped(y, x, w, LINES - y, msg, ROLE_ERROR);
	refresh();
}
