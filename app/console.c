/*
 * console.c — the console's event loop, its signals and its mode stack.
 * Each screen is a mode of its own (app/mode_*.c, console.h): keys map to
 * actions through the mode's table, built once from the configuration;
 * an action changes the session or the view and returns a reaction;
 * only the loop draws.  Signal handlers only set a flag (size changes
 * arrive as KEY_RESIZE).  The database is read when a customer is picked
 * and written when an offer or a sale is recorded — never while typing.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "app/app.h"
#include "app/config.h"
#include "app/console.h"
#include "app/follow.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/journal.h"
#include "model/offerlog.h"
#include "model/session.h"
#include "model/store.h"
#include "model/store_staff.h"
#include "model/text.h"
#include "model/training.h"
#include "model/types_hotel.h"
#include "model/xalloc.h"
#include "views/checkin.h"
#include "views/counter.h"
#include "views/curses.h"
#include "views/ui.h"

/* Keys that are not configurable. */
static const struct binding main_fixed[] = {
	{ KEY_F(1), 1, A_HELP }, { '\r', 0, A_ACCEPT }, { '\n', 0, A_ACCEPT },
	{ KEY_ENTER, 1, A_ACCEPT }, { 'k', 0, A_UP }, { 'j', 0, A_DOWN },
	{ KEY_UP, 1, A_UP }, { KEY_DOWN, 1, A_DOWN }, { '\t', 0, A_TAB },
	{ KEY_PPAGE, 1, A_PGUP }, { KEY_NPAGE, 1, A_PGDN },
	{ KEY_HOME, 1, A_HOME }, { KEY_END, 1, A_END }, { 'u', 0, A_UNDO },
};

static const struct binding search_fixed[] = {
	{ 27, 0, A_CANCEL }, { '\r', 0, A_PICK }, { '\n', 0, A_PICK },
	{ KEY_ENTER, 1, A_PICK }, { KEY_UP, 1, A_UP }, { KEY_DOWN, 1, A_DOWN },
	{ KEY_PPAGE, 1, A_PGUP }, { KEY_NPAGE, 1, A_PGDN },
	{ KEY_HOME, 1, A_HOME }, { KEY_END, 1, A_END },
	{ KEY_BACKSPACE, 1, A_BACKSPACE }, { 127, 0, A_BACKSPACE },
	{ 8, 0, A_BACKSPACE }, { 21, 0, A_CLEAR_LINE },
};

static volatile sig_atomic_t quit_signal;

static void
on_signal(int sig)
{
	quit_signal = sig;
}

struct screen_view *
console_screen(struct console *c)
{
	return c->desk != NULL ? &c->cview.base : &c->view.base;
}

void
console_status(struct console *c, int error, const char *fmt, ...)
{
	va_list ap;
	char *msg, *clean;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	clean = text_cleans(msg, 200);
	snprintf(console_screen(c)->status, sizeof console_screen(c)->status,
	    "%s", clean);
	console_screen(c)->status_error = error;
	free(clean);
	free(msg);
}

static enum action
lookup(const struct binding *b, size_t n, int key, int is_key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].key == key && b[i].is_key == is_key)
			return b[i].action;
	return A_NONE;
}

int
console_key_of(const struct console *c, enum action a)
{
	size_t i;

	for (i = 0; i < c->ntables[KEYS_MAIN]; i++)
		if (c->tables[KEYS_MAIN][i].action == a &&
		    !c->tables[KEYS_MAIN][i].is_key)
			return c->tables[KEYS_MAIN][i].key;
	return 0;
}

/* The main table: configured characters, then the fixed keys; and the
 * search table.  Fails when two actions share a character. */
int
console_bind_keys(struct console *c, const struct config *cfg)
{
	const struct {
		const char  *key;
		enum action  action;
		char        *slot;
	} conf[] = {
		{ cfg->key_find, A_FIND, &c->view.base.keys.find },
		{ cfg->key_walk_in, A_WALK_IN, &c->view.base.keys.walk_in },
		{ cfg->key_add, A_ADD, &c->view.base.keys.add },
		{ cfg->key_remove, A_REMOVE, &c->view.base.keys.remove },
		{ cfg->key_accept, A_ACCEPT, &c->view.base.keys.accept },
		{ cfg->key_decline, A_DECLINE, &c->view.base.keys.decline },
		{ cfg->key_finish, A_FINISH, &c->view.base.keys.finish },
		{ cfg->key_help, A_HELP, &c->view.base.keys.help },
		{ cfg->key_quit, A_QUIT, &c->view.base.keys.quit },
		{ cfg->key_say, A_SAY, &c->view.base.keys.say },
		{ cfg->key_language, A_LANGUAGE, &c->view.base.keys.language },
		{ cfg->key_report, A_REPORT, &c->view.base.keys.report },
		{ cfg->key_reveal, A_REVEAL, &c->view.base.keys.reveal },
	};
	struct binding *m = c->tables[KEYS_MAIN];
	size_t i, j, *n = &c->ntables[KEYS_MAIN];

	*n = 0;
	for (i = 0; i < sizeof conf / sizeof conf[0]; i++) {
		int k = (unsigned char)conf[i].key[0];
		for (j = 0; j < *n; j++)
			if (m[j].key == k && !m[j].is_key) {
				app_error("[keys]: '%c' is given to two "
				    "actions; give each its own key", k);
				return -1;
			}
		m[*n].key = k;
		m[*n].is_key = 0;
		m[(*n)++].action = conf[i].action;
		*conf[i].slot = (char)k;
	}
	for (i = 0; i < sizeof main_fixed / sizeof main_fixed[0]; i++)
		if (lookup(m, *n, main_fixed[i].key, main_fixed[i].is_key) ==
		    A_NONE)
			m[(*n)++] = main_fixed[i];
	memcpy(c->tables[KEYS_SEARCH], search_fixed, sizeof search_fixed);
	c->ntables[KEYS_SEARCH] = sizeof search_fixed / sizeof search_fixed[0];
	c->cview.base.keys = c->view.base.keys;
	return 0;
}

struct offerlog *
console_log(struct console *c)
{
	if (c->desk != NULL)
		return &c->desk->log;
	return c->session != NULL ? &c->session->log : NULL;
}

void
console_saved_or_not(struct console *c, int rc, const char *what)
{
	if (rc > 0)
		console_status(c, 1, "%s: NOT SAVED, kept for retry: %s", what,
		    offerlog_cause(console_log(c)));
}

int64_t
console_now(const struct console *c)
{
	return c->app->fixed_clock ? c->app->now : civil_now();
}

/* ---- the mode stack ------------------------------------------------------ */

void
console_push(struct console *c, const struct screen_mode *m)
{
	if (c->depth < CONSOLE_DEPTH)
		c->stack[c->depth++] = m;
}

void
console_pop(struct console *c)
{
	const struct screen_mode *m;

	if (c->depth <= 1)
		return;
	m = c->stack[--c->depth];
	if (m->close != NULL)
		m->close(c);
}

const struct screen_mode *
console_top(const struct console *c)
{
	return c->stack[c->depth - 1];
}

int
console_has(const struct console *c, const struct screen_mode *m)
{
	size_t i;

	for (i = 0; i < c->depth; i++)
		if (c->stack[i] == m)
			return 1;
	return 0;
}

static void console_recalc(struct console *c);

/* A terminal too small for the screen takes only the quit key: not with
 * a sale open or offer log rows not even in the journal — in training
 * always (a scratch copy: nothing real to lose, nobody to trap). */
static enum reaction
too_small(struct console *c, int is_key, wint_t wc)
{
	struct offerlog *l = console_log(c);

	if (is_key || (int)wc != c->view.base.keys.quit)
		return R_NONE;
	if (c->app->training != NULL)
		return R_QUIT;
	if (c->desk == NULL && session_sale_open(c->session))
		return R_NONE;
	return l != NULL && offerlog_unjournaled(l) > 0 ? R_NONE : R_QUIT;
}

enum reaction
console_key(struct console *c, int rc, wint_t wc, int check_fits)
{
	int is_key = rc == KEY_CODE_YES;
	const struct screen_mode *m;
	enum reaction r;
	enum action a;

	if (check_fits && (m = console_top(c))->fits != NULL && !m->fits(c))
		return too_small(c, is_key, wc);
	do {
		m = console_top(c);
		a = m->keys != KEYS_NONE ? lookup(c->tables[m->keys],
		    c->ntables[m->keys], (int)wc, is_key) : A_NONE;
		r = m->act(c, a, is_key, wc);
	} while (r == R_PASS);
	/* the selections are kept in range after every change, not only
	 * when the screen is drawn */
	if (r == R_RECALC || r == R_REPAINT)
		console_recalc(c);
	return r;
}

/* ---- drawing ------------------------------------------------------------- */

/* Bring the view within the model and the terminal: selections,
 * scrolling, the talking points shown (recalculation, not drawing). */
static void
console_recalc(struct console *c)
{
	/* the model's cursor: how many rows the lists show at this size
	 * (none in training, where the dialogue takes their place) */
	int on = console_fits(c), train = console_screen(c)->training != NULL;

	if (c->desk != NULL) {
		if (on) {
			desk_set_stay_rows(c->desk, train ? 0 :
			    checkin_stay_rows());
			desk_set_match_rows(c->desk, screen_match_rows());
		}
		checkin_recalc(c->desk, &c->cview);
	} else if (c->session != NULL) {
		if (on) {
			session_set_history_rows(c->session, train ? 0 :
			    counter_history_rows());
			session_set_match_rows(c->session, screen_match_rows(),
			    c->view.base.mode == MODE_ADD ? c->session->nfound :
			    c->session->nmatches);
		}
		counter_recalc(c->session, &c->view);
	}
}

void
console_draw(struct console *c)
{
	if (c->desk != NULL)
		checkin_draw(c->desk, &c->cview);
	else
		counter_draw(c->session, &c->view);
}

int
console_fits(struct console *c)
{
	return screen_fits(console_screen(c));
}

static void
set_clock(struct console *c)
{
	int64_t now = console_now(c);

	civil_format_time(now, console_screen(c)->clock,
	    sizeof console_screen(c)->clock);
	console_screen(c)->replay = app_pretend(c->app);
	if (c->desk != NULL)
		desk_set_now(c->desk, now);
	else
		session_set_now(c->session, now);
}

static const char *
console_clock(struct console *c)
{
	return console_screen(c)->clock;
}

static size_t
console_pending(struct console *c)
{
	struct offerlog *l = console_log(c);

	return l != NULL ? offerlog_pending(l) : 0;
}

/* ---- opening and closing ------------------------------------------------- */

char *
console_scripts_dir(const struct app *a)
{
	char *assets, *dir;

	if (a->config->scripts_dir != NULL)
		return xstrdup(a->config->scripts_dir);
	assets = app_assets_dir();
	dir = xasprintf("%s/scripts", assets);
	free(assets);
	return dir;
}

/* The configured clerk's id, signed up as a clerk when new; in a replay
 * (nothing written) only looked up, 0 when not there. */
int
console_clerk(struct console *c, int64_t *id)
{
	struct clerk_rec k;
	char *cause = NULL;
	int rc;

	*id = 0;
	if (!app_pretend(c->app))
		rc = store_clerk_id(c->store, c->app->config->clerk,
		    CLERK_CLERK, id, &cause);
	else if ((rc = store_clerk_get(c->store, c->app->config->clerk, &k,
	    &cause)) >= 0) {
		*id = k.id;
		clerk_rec_clear(&k);
		rc = 0;
	}
	if (rc != 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * What an earlier console could not save, saved now; and a journal of
 * this one's own for log, the counter's or the desk's.  A journal that
 * cannot be opened is said in *warning (replacing it): offers that fail
 * to save would be lost on quitting.
 */
void
console_journal(struct console *c, struct offerlog *log, char **warning)
{
	char *cause = NULL;
	size_t files;

	if (journal_replay(c->store, store_path(c->store), &c->replayed,
	    &files, &cause) != 0) {
		app_error("%s (the offers an earlier console kept are left "
		    "for the next start)", cause);
		xfree(&cause);
	}
	if (journal_open(&c->journal, store_path(c->store), &cause) != 0) {
		free(*warning);
		*warning = xasprintf("No journal for unsaved offers: %s",
		    cause);
		xfree(&cause);
	}
	offerlog_set_journal(log, c->journal);
}

enum reaction
console_search_key(struct console *c, const struct search_keys *k,
    enum action a, int is_key, wint_t wc)
{
	switch (a) {
	case A_CANCEL:
		console_pop(c);
		return R_REPAINT;
	case A_PICK:
		return k->n == 0 ? R_NONE : k->pick(c);
	case A_UP:
	case A_DOWN:
		k->select(c, k->sel + (a == A_UP ? -1 : 1));
		return R_REPAINT;
	case A_PGUP:
	case A_PGDN:
		k->select(c, k->sel + (a == A_PGUP ? -k->page : k->page));
		return R_REPAINT;
	case A_HOME:
	case A_END:
		if (!k->home_end)
			return R_NONE;
		k->select(c, a == A_HOME ? 0 : (int)k->n - 1);
		return R_REPAINT;
	case A_BACKSPACE:
		return console_input_backspace(k->input) ? k->again(c) : R_NONE;
	case A_CLEAR_LINE:
		k->input[0] = '\0';
		return k->again(c);
	default:
		if (is_key || !console_input_add(k->input, k->size, wc))
			return R_NONE;
		return k->again(c);
	}
}

enum reaction
console_move_key(struct console *c, const struct move_keys *k, enum action a)
{
	switch (a) {
	case A_TAB:
		k->tab(c);
		return R_REPAINT;
	case A_UP:
	case A_DOWN:
		k->arrow(c, a == A_UP ? -1 : 1);
		return R_REPAINT;
	case A_PGUP:
	case A_PGDN:
		k->scroll_by(c, a == A_PGUP ? -k->page : k->page);
		return R_REPAINT;
	case A_HOME:
	case A_END:
		k->scroll_by(c, a == A_HOME ? INT_MIN : INT_MAX);
		return R_REPAINT;
	case A_SAY:
		console_screen(c)->say_line++;
		return R_REPAINT;
	default:
		return R_NONE;
	}
}

int
console_hello_replayed(struct console *c)
{
	if (c->replayed == 0)
		return 0;
	console_status(c, 0, "%zu offer log row%s an earlier console could "
	    "not save %s saved now.", c->replayed, c->replayed == 1 ? "" :
	    "s", c->replayed == 1 ? "is" : "are");
	return 1;
}

enum reaction
console_next_language(struct console *c)
{
	const char *lang;

	if (c->desk != NULL) {
		desk_next_language(c->desk);
		lang = desk_language(c->desk);
	} else {
		session_next_language(c->session);
		lang = session_language(c->session);
	}
	console_screen(c)->say_line = 0;
	console_status(c, 0, "Talking points in %s.",
	    text_language_name(lang));
	return R_RECALC;
}

void
console_search_close(struct console *c)
{
	console_screen(c)->mode = MODE_MAIN;
}

int
console_input_add(char *input, size_t size, wint_t wc)
{
	char mb[8];
	mbstate_t st;
	size_t n, len = strlen(input);

	if (wc < 0x20 || wc == 0x7f || text_is_unsafe((uint32_t)wc))
		return 0;
	if (wc < 0x80) {
		mb[0] = (char)wc;
		n = 1;
	} else {
		memset(&st, 0, sizeof st);
		n = wcrtomb(mb, (wchar_t)wc, &st);
		if (n == (size_t)-1)
			return 0;
	}
	if (len + n >= size)
		return 0;
	memcpy(input + len, mb, n);
	input[len + n] = '\0';
	return 1;
}

int
console_input_backspace(char *input)
{
	size_t len = strlen(input);

	if (len == 0)
		return 0;
	do
		len--;
	while (len > 0 && ((unsigned char)input[len] & 0xc0) == 0x80);
	input[len] = '\0';
	return 1;
}

static void
console_free(struct console *c)
{
	while (c->depth > 1)
		console_pop(c);
	follow_close(c);
	training_clear(&c->run);
	store_training_progress_free(&c->progress, c->nprogress);
	report_free_data(c);
	screen_view_clear(&c->view.base);
	screen_view_clear(&c->cview.base);
	if (console_pending(c) > 0)
		offerlog_retry(console_log(c));     /* one last try */
	/* rows still pending stay in the journal for the next start */
	journal_close(&c->journal, console_pending(c) > 0);
	if (c->desk != NULL) {
		desk_close(c->desk);
		free(c->desk);
		c->desk = NULL;
	}
	session_free(&c->session);
	if (c->staff != c->store)
		store_close(&c->staff);
	c->staff = NULL;
	store_close(&c->store);
}

/* The shop's counter, or with a hotel named the hotel's front desk. */
static int
console_open(struct console *c, struct app *a)
{
	const char *hotel;

	/* the store first: opening it reads the configuration (read-only
	 * in a replay: --at on a real database) */
	if ((c->store = app_open_store(a, 1)) == NULL)
		return -1;
	c->staff = c->store;
	if (app_pretend(a) && a->shop_db == NULL &&
	    (c->staff = app_open_store_wall(a)) == NULL) {
		/* the lock screen and the audit keep the computer's clock */
		c->staff = c->store;
		return -1;
	}
	if (a->shop_db != NULL) {
		/* training, signed in: the PIN is the shop's business */
		char *cause = NULL;

		if (store_open(&c->staff, a->shop_db, 0, &cause) != 0) {
			c->staff = c->store;
			app_error("%s", cause);
			free(cause);
			return -1;
		}
	}
	if (a->training != NULL)
		return train_setup(c, a);
	hotel = a->hotel != NULL ? a->hotel : a->config->hotel_name;
	return hotel != NULL ? desk_setup(c, a, hotel) : counter_setup(c, a);
}

/* ---- the loop ------------------------------------------------------------ */

/*
 * 1 when the terminal is gone: the master side of the pty closed (a
 * dropped SSH session, a killed tmux), so reads end at once with an
 * error — curses then returns ERR as on a timeout, and a console that
 * does not notice spins.  Ended like SIGHUP (issue 14).
 */
static int
terminal_gone(void)
{
	struct pollfd p;

	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	p.revents = 0;
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR && errno != EAGAIN;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

time_t
console_mono_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

/* Nothing typed for a second: the idle lock, the clock, the retries. */
static enum reaction
console_idle(struct console *c)
{
	struct app *a = c->app;
	char old[sizeof c->view.base.clock];
	size_t pending;

	if (console_top(c)->flags & MODE_MODAL)
		return R_NONE;
	if (a->signed_in && a->config->idle_lock_seconds > 0 &&
	    console_mono_now() - c->last_key >= a->config->idle_lock_seconds) {
		console_push(c, &mode_lock);
		lock_audit(c, "idle-lock");
		return R_REPAINT;
	}
	pending = console_pending(c);
	snprintf(old, sizeof old, "%s", console_clock(c));
	set_clock(c);
	if (pending > 0 && offerlog_retry(console_log(c)) == 0)
		console_status(c, 0, "The offer log is saved again.");
	if (c->desk != NULL && desk_idle(c)) {
		console_recalc(c);
		return R_REPAINT;
	}
	if (strcmp(old, console_clock(c)) == 0 && pending == console_pending(c))
		return R_NONE;
	console_recalc(c);
	return R_REPAINT;
}

/* A key, timed into lat (UPLIFT_LATENCY_LOG) when it is open: keypress
 * to screen. */
static enum reaction
console_timed_key(struct console *c, int rc, wint_t wc, FILE *lat)
{
	int mode_before;
	struct timespec t0, t1;
	enum reaction r;

	if (lat == NULL)
		return console_key(c, rc, wc, 1);
	mode_before = console_screen(c)->mode;
	if (c->desk != NULL && mode_before != MODE_FIND)
		mode_before = MODE_MAIN;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = console_key(c, rc, wc, 1);
	if (r == R_REPAINT || r == R_RECALC) {
		console_top(c)->draw(c);
		r = R_NONE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(lat, "%s %s %.1f\n", mode_before == MODE_ADD ? "add" :
	    mode_before == MODE_FIND ? "find" : "main", rc == KEY_CODE_YES ?
	    "key" : wc == '\r' || wc == '\n' ? "enter" : "char",
	    (double)(t1.tv_sec - t0.tv_sec) * 1e6 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e3);
	fflush(lat);
	return r;
}

/* A key the top mode takes.  The quit, when it comes, shows the shift's
 * summary first, if there is one. */
static enum reaction
console_loop_key(struct console *c, int rc, wint_t wc, FILE *lat)
{
	const struct screen_mode *m = console_top(c);
	enum reaction r;

	if (m->flags & MODE_MODAL)
		return console_key(c, rc, wc, 0);
	set_clock(c);
	if (console_pending(c) > 0)
		offerlog_retry(console_log(c));
	if (follow_scan(c, rc, wc)) {     /* a barcode scanner's Enter */
		console_recalc(c);
		return R_REPAINT;
	}
	r = console_timed_key(c, rc, wc, lat);
	if (r == R_QUIT && c->app->training == NULL && shift_summary(c)) {
		console_push(c, &mode_shift);
		return R_NONE;
	}
	return r;
}

static void
console_loop(struct console *c)
{
	const struct screen_mode *m;
	enum reaction r = R_REPAINT;
	FILE *lat = NULL;
	wint_t wc;
	int rc;
	char *v;

	if ((v = getenv("UPLIFT_LATENCY_LOG")) != NULL && *v != '\0')
		lat = fopen(v, "a");
	c->last_key = console_mono_now();
	console_recalc(c);
	while (r != R_QUIT) {
		m = console_top(c);
		if (quit_signal == SIGINT && (m->flags & MODE_NO_SIGINT))
			quit_signal = 0;
		if (quit_signal)
			break;
		if (r != R_NONE) {
			if (!(m->flags & MODE_MODAL))
				set_clock(c);
			m->draw(c);
		}
		rc = follow_get_wch(c, &wc);
		if (rc == FOLLOW_EVENTS) {      /* the till's: recalc, draw */
			console_recalc(c);
			r = R_REPAINT;
			continue;
		}
		if (rc == ERR && terminal_gone()) {
			/* as SIGHUP: the journal keeps what is unsaved, the
			 * temporary copies go */
			quit_signal = SIGHUP;
			r = R_NONE;
			continue;
		}
		if (rc == ERR) {
			r = console_idle(c);
			continue;
		}
		c->last_key = console_mono_now();
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			console_recalc(c);      /* the panes' sizes changed */
			r = R_REPAINT;
		} else
			r = console_loop_key(c, rc, wc, lat);
	}
	if (lat != NULL)
		fclose(lat);
}

/* Signals only set a flag.  A signed-in console is left by q or by
 * signing out: Ctrl-Z and Ctrl-\ would leave the clerk's shell to
 * whoever stands at the till, and Ctrl-C does nothing on the lock
 * screen. */
static void
console_signals(int signed_in)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (signed_in) {
		sa.sa_handler = SIG_IGN;
		sigaction(SIGTSTP, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
	}
}

/* --follow: at the counter only, not in training. */
static int
console_follow(struct console *c, struct app *a)
{
	char *cause = NULL;

	if (c->session == NULL || c->desk != NULL || a->training != NULL)
		cause = xstrdup("--follow follows a shop's till: it works at "
		    "the counter, not at a hotel's desk or in training");
	else if (follow_open(c, a->follow, a->notify, &cause) == 0)
		return 0;
	app_error("%s", cause);
	free(cause);
	return -1;
}

int
app_console(struct app *a)
{
	struct console c;
	char *cause = NULL;
	int rc, mode;

	memset(&c, 0, sizeof c);
	c.app = a;
	/* training plays on a scratch copy: no shop to guard */
	if (a->training == NULL && app_authorize(a, ACT_SELL) != 0)
		return EXIT_FAIL;
	if (console_open(&c, a) != 0) {
		console_free(&c);
		return EXIT_FAIL;
	}
	c.started = console_now(&c);
	if (a->signed_in) {        /* the signed-in clerk sells */
		if (c.session != NULL)
			session_set_clerk(c.session, a->clerk_id);
		if (c.desk != NULL)
			desk_set_clerk(c.desk, a->clerk_id);
		c.view.base.clerk = c.cview.base.clerk = a->as;
	}
	/* A terminal that is not UTF-8: ASCII only, and let curses know. */
	if (!text_env_is_utf8()) {
		text_set_ascii(1);
		setlocale(LC_CTYPE, "");
	}
	if (a->play != NULL && c.sc != NULL) {
		/* uplift train --play: no screen */
		rc = console_play(&c, a);
		console_free(&c);
		return rc;
	}
	if (a->follow != NULL && console_follow(&c, a) != 0) {
		console_free(&c);
		return EXIT_FAIL;
	}
	mode = a->config->color == CONFIG_COLOR_ALWAYS ? UI_COLOR_ALWAYS :
	    a->config->color == CONFIG_COLOR_NEVER ? UI_COLOR_NEVER :
	    UI_COLOR_AUTO;
	if (ui_start(mode, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		console_free(&c);
		return EXIT_FAIL;
	}
	console_signals(a->signed_in);
	/* wake up for the clock and the retries; following the till, the
	 * wait is poll()'s (follow_get_wch) */
	timeout(c.follow != NULL ? 0 : 1000);
	console_loop(&c);
	ui_stop();
	console_free(&c);
	return EXIT_OK;
}
