/*
 * mode_report.c — the manager's screens: the report of the last days
 * (mode_report, over the counter; any key closes it) and the reveal of a
 * customer's phone and email; who may see them.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "app/app.h"
#include "app/console.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/session.h"
#include "model/store.h"
#include "model/store_privacy.h"
#include "model/store_report.h"
#include "views/counter.h"
#include "views/reportview.h"
#include "views/ui.h"

/* May the one at the console do action?  Never in training (its data is
 * a copy of the shop's); else yes when sign-in is not in use, or when the
 * role allows it.  A refusal is said and audited. */
int
console_may(struct console *c, int action)
{
	char *cause = NULL;

	if (c->sc != NULL) {
		console_status(c, 1, "Not in training.");
		return 0;
	}
	if (!c->app->signed_in || authz_allows(c->app->role, action))
		return 1;
	console_status(c, 1, "A %s may not %s.", authz_role_name(c->app->role),
	    authz_action_name(action));
	if (store_audit_add(c->staff, civil_now(), c->app->clerk_id, "denied",
	    authz_action_name(action), &cause) != 0)
		free(cause);
	return 0;
}

void
report_free_data(struct console *c)
{
	store_offer_groups_free(&c->rep_kinds, c->nrep_kinds);
	store_offer_groups_free(&c->rep_prev, c->nrep_prev);
	store_offer_groups_free(&c->rep_reasons, c->nrep_reasons);
	c->nrep_kinds = c->nrep_prev = c->nrep_reasons = 0;
}

/* The last REPORT_DAYS days to now, beside the days before. */
enum reaction
report_open(struct console *c)
{
	struct report_screen *r = &c->rep;
	struct offer_group *days = NULL;
	int64_t today = civil_day_of(console_now(c)), from, to;
	char *cause = NULL, a[16], b[16];
	size_t nd = 0, i;
	char cur[4];

	if (!console_may(c, ACT_REPORT))
		return R_REPAINT;
	report_free_data(c);
	memset(r, 0, sizeof *r);
	from = (today - REPORT_DAYS + 1) * CIVIL_DAY;
	to = (today + 1) * CIVIL_DAY;
	if (store_offer_groups(c->store, OFFERS_BY_KIND, from, to,
	    &c->rep_kinds, &c->nrep_kinds, &cause) != 0 ||
	    store_offer_groups(c->store, OFFERS_BY_KIND, from - (to - from),
	    from, &c->rep_prev, &c->nrep_prev, &cause) != 0 ||
	    store_offer_groups(c->store, OFFERS_BY_REASON, from, to,
	    &c->rep_reasons, &c->nrep_reasons, &cause) != 0 ||
	    store_offer_groups(c->store, OFFERS_BY_DAY, from, to, &days, &nd,
	    &cause) != 0) {
		console_status(c, 1, "%s", cause);
		free(cause);
		report_free_data(c);
		return R_REPAINT;
	}
	for (i = 0; i < nd; i++) {
		int64_t d;
		const char *why;

		if (civil_parse_date(days[i].key, strlen(days[i].key), &d,
		    &why) == 0 && d > today - REPORT_DAYS && d <= today) {
			r->accepted_by_day[d - (today - REPORT_DAYS + 1)] =
			    days[i].accepted;
			r->revenue_by_day[d - (today - REPORT_DAYS + 1)] =
			    days[i].revenue;
		}
	}
	store_offer_groups_free(&days, nd);
	civil_format_date(today - REPORT_DAYS + 1, a, sizeof a);
	civil_format_date(today, b, sizeof b);
	snprintf(r->period, sizeof r->period, "%s to %s", a, b);
	store_currency(c->store, cur, &r->scale);
	memcpy(r->cur, cur, sizeof r->cur);
	r->kinds = c->rep_kinds;
	r->nkinds = c->nrep_kinds;
	r->prev_kinds = c->rep_prev;
	r->nprev_kinds = c->nrep_prev;
	r->reasons = c->rep_reasons;
	r->nreasons = c->nrep_reasons;
	c->view.report = r;
	c->view.base.mode = MODE_REPORT;
	console_push(c, &mode_report);
	return R_RECALC;
}

/* A manager sees the customer's phone and email until the next key. */
enum reaction
console_reveal(struct console *c)
{
	char subject[40], *cause = NULL;

	if (c->session->who != WHO_CUSTOMER || !console_may(c, ACT_REVEAL))
		return R_REPAINT;
	snprintf(subject, sizeof subject, "customer #%lld",
	    (long long)c->session->customer.id);
	if (store_audit_add(c->staff, civil_now(), c->app->clerk_id, "reveal",
	    subject, &cause) != 0) {
		console_status(c, 1, "Not shown: the audit log cannot be written.");
		free(cause);
		return R_REPAINT;
	}
	c->view.reveal = 1;
	console_status(c, 0, "%s %s %s  (until the next key; in the audit log)",
	    c->session->customer.phone != NULL ? c->session->customer.phone :
	    "no phone", ui_sym(SYM_DOT), c->session->customer.email != NULL ?
	    c->session->customer.email : "no email");
	return R_REPAINT;
}

static void
report_close(struct console *c)
{
	c->view.base.mode = MODE_MAIN;
	report_free_data(c);
}

/* Any key closes the report. */
static enum reaction
report_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	(void)a;
	(void)is_key;
	(void)wc;
	console_pop(c);
	return R_REPAINT;
}

const struct screen_mode mode_report = {
	"report", KEYS_NONE, report_act, console_draw, console_fits,
	report_close, 0
};
