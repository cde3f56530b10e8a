/*
 * mode_lock.c — the screens of the clerk's own: the lock screen
 * (mode_lock, after the idle time; only the signed-in clerk's PIN opens
 * it again) and the shift's summary on quitting (mode_shift).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "app/app.h"
#include "app/config.h"
#include "app/console.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/store.h"
#include "model/text.h"
#include "model/store_privacy.h"
#include "model/store_report.h"
#include "model/store_staff.h"
#include "views/curses.h"
#include "views/reportview.h"
#include "views/ui.h"

void
lock_audit(struct console *c, const char *action)
{
	char *cause = NULL;

	if (store_audit_add(c->staff, civil_now(), c->app->clerk_id, action,
	    NULL, &cause) != 0)
		free(cause);
}

/*
 * A key on the lock screen: digits, Backspace, Enter.  0 stays locked, 1
 * unlocked.  Five wrong PINs, here or anywhere, lock the clerk out: the
 * screen stays, says until when, and takes the PIN again after that.
 */
static int
lock_key(struct console *c, int is_key, wint_t wc)
{
	struct clerk_rec k;
	char *cause = NULL, t[24];
	int ok, n, failed, rc = 0;
	int64_t until;

	/* a PIN's digits, or a passphrase's characters */
	if (!is_key && wc >= 0x20 && wc != 0x7f && !text_is_unsafe(
	    (uint32_t)wc)) {
		console_input_add(c->pin, sizeof c->pin, wc);
		c->npin = strlen(c->pin);
		return 0;
	}
	if ((is_key && wc == KEY_BACKSPACE) || (!is_key && (wc == 127 ||
	    wc == 8))) {
		console_input_backspace(c->pin);
		c->npin = strlen(c->pin);
		return 0;
	}
	if (!(!is_key && (wc == '\r' || wc == '\n')) &&
	    !(is_key && wc == KEY_ENTER))
		return 0;
	if (store_clerk_get(c->staff, c->app->as, &k, &cause) != 1) {
		free(cause);
		snprintf(c->lock_msg, sizeof c->lock_msg, "The staff list "
		    "cannot be read.");
		return 0;
	}
	/* counted before it is checked (see store_clerk_try) */
	n = store_clerk_try(c->staff, k.id, civil_now(), AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause);
	ok = n > 0 && authz_pin_matches(c->pin, k.pin_hash);
	memset(c->pin, 0, sizeof c->pin);
	c->npin = 0;
	if (n < 0) {
		snprintf(c->lock_msg, sizeof c->lock_msg, "The sign-in "
		    "cannot be saved; try again.");
	} else if (n == 0) {
		lock_audit(c, "locked-out");
		civil_format_time(until, t, sizeof t);
		snprintf(c->lock_msg, sizeof c->lock_msg, "Locked until %s "
		    "after %d wrong PINs.", t + 11, AUTHZ_MAX_FAILED);
	} else if (ok && store_clerk_signed_in(c->staff, k.id, civil_now(),
	    until, &cause) == 0) {
		lock_audit(c, "unlock");
		c->lock_msg[0] = '\0';
		rc = 1;
	} else if (ok) {
		snprintf(c->lock_msg, sizeof c->lock_msg, "The sign-in "
		    "cannot be saved; try again.");
	} else {
		lock_audit(c, "failed-pin");
		if (until != 0) {
			lock_audit(c, "lock");
			civil_format_time(until, t, sizeof t);
			snprintf(c->lock_msg, sizeof c->lock_msg, "Wrong PIN. "
			    "Locked until %s after %d wrong PINs.", t + 11,
			    AUTHZ_MAX_FAILED);
		} else
			snprintf(c->lock_msg, sizeof c->lock_msg, "Wrong PIN "
			    "(%d of %d).", failed, AUTHZ_MAX_FAILED);
	}
	free(cause);
	clerk_rec_clear(&k);
	return rc;
}

/*
 * At the end of a shift: the clerk's own offers since the console
 * started, on a screen of its own.  1 when shown (the next key closes
 * it), 0 when there is nothing to show.
 */
int
shift_summary(struct console *c)
{
	struct offer_group *g = NULL;
	const char *clerk = c->app->signed_in ? c->app->as :
	    c->app->config->clerk;
	char *cause = NULL, since[24], cur[4];
	size_t n = 0, i;
	int scale, shown = 0;

	if (store_offer_groups(c->store, OFFERS_BY_CLERK, c->started,
	    console_now(c) + 1, &g, &n, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < n && strcmp(g[i].key, clerk) != 0; i++)
		;
	if (i < n && g[i].shown > 0) {
		store_currency(c->store, cur, &scale);
		civil_format_time(c->started, since, sizeof since);
		reportview_shift(clerk, since, &g[i], scale, cur);
		shown = 1;
	}
	store_offer_groups_free(&g, n);
	return shown;
}

static enum reaction
lock_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	(void)a;
	if (lock_key(c, is_key, wc) == 1) {
		/* the idle time counts from the unlock, after the PIN's
		 * (slow) check, as it always did */
		c->last_key = console_mono_now();
		console_pop(c);
	}
	return R_REPAINT;
}

static void
lock_draw(struct console *c)
{
	ui_lock_screen(c->app->as, c->npin, c->lock_msg);
}

const struct screen_mode mode_lock = {
	"lock", KEYS_NONE, lock_act, lock_draw, NULL, NULL,
	MODE_MODAL | MODE_NO_SIGINT
};

/* Any key ends the console. */
static enum reaction
shift_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	(void)c;
	(void)a;
	(void)is_key;
	(void)wc;
	return R_QUIT;
}

static void
shift_draw(struct console *c)
{
	shift_summary(c);
}

const struct screen_mode mode_shift = {
	"shift", KEYS_NONE, shift_act, shift_draw, NULL, NULL, MODE_MODAL
};
