/*
 * console.c — the counter console's event loop.  Keys map to actions
 * through one table per mode; an action changes the session or the view
 * and returns a reaction; only the loop draws.  Signal handlers only set
 * flags (terminal size changes arrive as KEY_RESIZE).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app/app.h"
#include "app/config.h"
#include "model/civil.h"
#include "model/session.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/counter.h"
#include "views/curses.h"
#include "views/ui.h"

enum reaction { R_NONE, R_REDRAW, R_QUIT };

enum action {
	A_NONE, A_FIND, A_WALK_IN, A_HELP, A_QUIT, A_UP, A_DOWN, A_PGUP,
	A_PGDN, A_HOME, A_END, A_CANCEL, A_PICK, A_BACKSPACE, A_CLEAR_LINE,
};

struct binding {
	int          key;     /* a character or KEY_* */
	int          is_key;  /* key is a KEY_* code  */
	enum action  action;
};

static const struct binding main_bindings[] = {
	{ '/', 0, A_FIND }, { 'w', 0, A_WALK_IN }, { '?', 0, A_HELP },
	{ KEY_F(1), 1, A_HELP }, { 'q', 0, A_QUIT }, { 'k', 0, A_UP },
	{ 'j', 0, A_DOWN }, { KEY_UP, 1, A_UP }, { KEY_DOWN, 1, A_DOWN },
	{ KEY_PPAGE, 1, A_PGUP }, { KEY_NPAGE, 1, A_PGDN },
	{ KEY_HOME, 1, A_HOME }, { KEY_END, 1, A_END }, { 0, 0, A_NONE },
};

static const struct binding find_bindings[] = {
	{ 27, 0, A_CANCEL }, { '\r', 0, A_PICK }, { '\n', 0, A_PICK },
	{ KEY_ENTER, 1, A_PICK }, { KEY_UP, 1, A_UP }, { KEY_DOWN, 1, A_DOWN },
	{ KEY_PPAGE, 1, A_PGUP }, { KEY_NPAGE, 1, A_PGDN },
	{ KEY_BACKSPACE, 1, A_BACKSPACE }, { 127, 0, A_BACKSPACE },
	{ 8, 0, A_BACKSPACE }, { 21, 0, A_CLEAR_LINE }, { 0, 0, A_NONE },
};

static volatile sig_atomic_t quit_signal;

static void
on_signal(int sig)
{
	quit_signal = sig;
}

struct console {
	struct app          *app;
	struct store        *store;
	struct session      *session;
	struct counter_view  view;
};

static void
status(struct console *c, int error, const char *msg)
{
	char *clean = text_cleans(msg, 120);

	snprintf(c->view.status, sizeof c->view.status, "%s", clean);
	c->view.status_error = error;
	free(clean);
}

static enum action
lookup(const struct binding *b, int key, int is_key)
{
	for (; b->action != A_NONE; b++)
		if (b->key == key && b->is_key == is_key)
			return b->action;
	return A_NONE;
}

static enum reaction
search(struct console *c)
{
	char *cause = NULL;

	if (session_search(c->session, c->view.input, &cause) != 0) {
		status(c, 1, cause);
		free(cause);
	}
	c->view.match_sel = 0;
	c->view.match_top = 0;
	return R_REDRAW;
}

/* Append a typed character (UTF-8) to the search text. */
static enum reaction
type_char(struct console *c, wint_t wc)
{
	char mb[8];
	mbstate_t st;
	size_t n, len = strlen(c->view.input);

	if (wc < 0x20 || wc == 0x7f || text_is_unsafe((uint32_t)wc))
		return R_NONE;
	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)wc, &st);
	if (n == (size_t)-1 || len + n >= sizeof c->view.input)
		return R_NONE;
	memcpy(c->view.input + len, mb, n);
	c->view.input[len + n] = '\0';
	return search(c);
}

static enum reaction
backspace(struct console *c)
{
	size_t len = strlen(c->view.input);

	if (len == 0)
		return R_NONE;
	/* Remove the last code point: skip continuation bytes. */
	do
		len--;
	while (len > 0 && ((unsigned char)c->view.input[len] & 0xc0) == 0x80);
	c->view.input[len] = '\0';
	return search(c);
}

static enum reaction
do_main(struct console *c, enum action a)
{
	int page = counter_history_rows();

	switch (a) {
	case A_FIND:
		c->view.mode = MODE_FIND;
		c->view.input[0] = '\0';
		store_customers_free(&c->session->matches,
		    c->session->nmatches);
		c->session->nmatches = 0;
		c->session->query[0] = '\0';
		status(c, 0, "");
		return R_REDRAW;
	case A_WALK_IN:
		session_walk_in(c->session);
		c->view.hist_top = 0;
		status(c, 0, "Walk-in sale started.");
		return R_REDRAW;
	case A_HELP:
		c->view.mode = MODE_HELP;
		return R_REDRAW;
	case A_QUIT:
		return R_QUIT;
	case A_UP:
		c->view.hist_top--;
		return R_REDRAW;
	case A_DOWN:
		c->view.hist_top++;
		return R_REDRAW;
	case A_PGUP:
		c->view.hist_top -= page;
		return R_REDRAW;
	case A_PGDN:
		c->view.hist_top += page;
		return R_REDRAW;
	case A_HOME:
		c->view.hist_top = 0;
		return R_REDRAW;
	case A_END:
		c->view.hist_top = SESSION_HISTORY_MAX;
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

static enum reaction
do_find(struct console *c, enum action a)
{
	int page = counter_match_rows();
	char *cause = NULL;

	switch (a) {
	case A_CANCEL:
		c->view.mode = MODE_MAIN;
		return R_REDRAW;
	case A_PICK:
		if (c->session->nmatches == 0)
			return R_NONE;
		if (session_pick(c->session, (size_t)c->view.match_sel,
		    &cause) != 0) {
			status(c, 1, cause);
			free(cause);
			return R_REDRAW;
		}
		c->view.mode = MODE_MAIN;
		c->view.hist_top = 0;
		status(c, 0, "");
		return R_REDRAW;
	case A_UP:
		c->view.match_sel--;
		return R_REDRAW;
	case A_DOWN:
		c->view.match_sel++;
		return R_REDRAW;
	case A_PGUP:
		c->view.match_sel -= page;
		return R_REDRAW;
	case A_PGDN:
		c->view.match_sel += page;
		return R_REDRAW;
	case A_BACKSPACE:
		return backspace(c);
	case A_CLEAR_LINE:
		c->view.input[0] = '\0';
		return search(c);
	default:
		return R_NONE;
	}
}

static enum reaction
handle_key(struct console *c, int rc, wint_t wc)
{
	int is_key = rc == KEY_CODE_YES;
	enum action a;

	if (!counter_fits(&c->view))
		return (!is_key && (wc == 'q' || wc == 'Q')) ? R_QUIT : R_NONE;
	switch (c->view.mode) {
	case MODE_HELP:
		c->view.mode = MODE_MAIN;
		return R_REDRAW;
	case MODE_FIND:
		a = lookup(find_bindings, (int)wc, is_key);
		if (a != A_NONE)
			return do_find(c, a);
		return is_key ? R_NONE : type_char(c, wc);
	default:
		a = lookup(main_bindings, (int)wc, is_key);
		return do_main(c, a);
	}
}

static void
set_clock(struct console *c)
{
	int64_t now = c->app->fixed_clock ? c->app->now : civil_now();

	civil_format_time(now, c->view.clock, sizeof c->view.clock);
	session_set_now(c->session, now);
}

int
app_console(struct app *a)
{
	struct console c;
	struct sigaction sa;
	char *cause = NULL;
	wint_t wc;
	int rc, running = 1, mode;
	enum reaction r = R_REDRAW;

	memset(&c, 0, sizeof c);
	c.app = a;
	if ((c.store = app_open_store(a, 1)) == NULL)
		return EXIT_FAIL;
	c.session = session_new(c.store, a->config->shop_name,
	    a->config->counter, a->demo, a->now);
	c.view.mask = a->config->mask_personal;
	c.view.min_cols = a->config->min_cols;
	c.view.min_rows = a->config->min_rows;
	mode = a->config->color == CONFIG_COLOR_ALWAYS ? UI_COLOR_ALWAYS :
	    a->config->color == CONFIG_COLOR_NEVER ? UI_COLOR_NEVER :
	    UI_COLOR_AUTO;
	if (ui_start(mode, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		session_free(&c.session);
		store_close(&c.store);
		return EXIT_FAIL;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	timeout(1000);   /* wake up to keep the clock right */
	status(&c, 0, a->demo ? "Demo shop: a temporary "
	    "copy, nothing you do is kept. Press / to find a customer." :
	    "Press / to find a customer, w for a walk-in, ? for help.");

	while (running && !quit_signal) {
		if (r != R_NONE) {
			set_clock(&c);
			erase();
			counter_draw(c.session, &c.view);
		}
		rc = get_wch(&wc);
		if (rc == ERR) {
			/* Time-out: the clock; or a signal interrupted. */
			char old[sizeof c.view.clock];
			memcpy(old, c.view.clock, sizeof old);
			set_clock(&c);
			r = strcmp(old, c.view.clock) != 0 ? R_REDRAW : R_NONE;
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			r = R_REDRAW;
			continue;
		}
		r = handle_key(&c, rc, wc);
		if (r == R_QUIT)
			running = 0;
	}
	ui_stop();
	session_free(&c.session);
	store_close(&c.store);
	return EXIT_OK;
}
