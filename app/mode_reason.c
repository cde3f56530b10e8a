/*
 * mode_reason.c — the reason picker after a decline, over the counter or
 * the desk (mode_reason): a reason's number records it, any other key
 * skips it and goes on to the screen below.
 */
#include <stdlib.h>

#include "app/console.h"
#include "model/desk.h"
#include "model/offerlog.h"
#include "model/session.h"
#include "views/checkin.h"
#include "views/counter.h"

/* The key of the first reason; the others follow it, up to
 * REASON_COUNT - 1. */
#define REASON_KEY_FIRST '1'

void
reason_open(struct console *c, int64_t offer_id)
{
	if (c->desk != NULL)
		desk_ask_reason(c->desk, offer_id);
	else
		session_ask_reason(c->session, offer_id);
	if (console_top(c) != &mode_reason)
		console_push(c, &mode_reason);
}

static void
reason_close(struct console *c)
{
	if (c->desk != NULL)
		desk_end_reason(c->desk);
	else
		session_end_reason(c->session);
}

/* Record reason r of the declined offer and say how it went. */
static void
reason_record(struct console *c, int r)
{
	int rs, replay;
	const char *why;

	if (c->desk != NULL) {
		rs = desk_decline_reason(c->desk, c->desk->at.reason_offer, r);
		replay = c->desk->replay;
		why = offerlog_cause(&c->desk->log);
	} else {
		rs = session_decline_reason(c->session,
		    c->session->at.reason_offer, r);
		replay = c->session->replay;
		why = session_log_cause(c->session);
	}
	if (rs > 0)
		console_status(c, 1, "Reason: %s. NOT SAVED, kept for retry: %s",
		    session_reason_name(r), why);
	else
		console_status(c, 0, "Reason: %s.%s", session_reason_name(r),
		    replay ? " REPLAY: not saved." : " Saved.");
}

static enum reaction
reason_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	(void)a;
	console_pop(c);
	if (!is_key && wc >= REASON_KEY_FIRST &&
	    wc < REASON_KEY_FIRST + REASON_COUNT - 1) {
		reason_record(c, (int)(wc - REASON_KEY_FIRST) + 1);
		return R_RECALC;
	}
	console_screen(c)->status[0] = '\0';
	return R_PASS;
}

const struct screen_mode mode_reason = {
	"reason", KEYS_NONE, reason_act, console_draw, console_fits,
	reason_close, 0
};
