/*
 * reportview — the manager's report screen in the console: this
 * period's offers per kind beside the period before, with take rates as
 * bars, the accepted offers a day as a sparkline, and the decline reasons
 * with their shares.  Drawing only: the console reads the figures
 * from the offer log and hands them over.
 */
#ifndef UPLIFT_REPORTVIEW_H
#define UPLIFT_REPORTVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

#define REPORT_DAYS 30

/* The narrowest terminal the report screen is drawn in. */
#define REPORT_MIN_COLS 60

struct report_screen {
	char    period[48];          /* "2026-10-25 – 2026-11-23"          */
	int     scale;               /* money's minor digits               */
	char    cur[4];              /* its currency ("" none)             */
	const struct offer_group *kinds, *prev_kinds, *reasons;
	size_t  nkinds, nprev_kinds, nreasons;
	int64_t accepted_by_day[REPORT_DAYS];   /* oldest first            */
	int64_t revenue_by_day[REPORT_DAYS];
};

/* Draw r from row top down to the status line. */
void reportview_draw(const struct report_screen *r, int top, char quit);

/*
 * The whole screen at the end of a shift: clerk's own offers since
 * `since` (g, NULL for none), with its take rate and revenue (at scale,
 * shown in currency cur's decimals); any key
 * ends.
 */
void reportview_shift(const char *clerk, const char *since,
    const struct offer_group *g, int scale, const char *cur);

#endif
