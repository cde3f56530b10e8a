/*
 * desk_view.c — the check-in screen's cursor: what it selects and
 * scrolls, kept in range here rather than by the drawing (model/desk.h,
 * struct cursor).
 */
#include "model/desk.h"

#include <limits.h>

#include "model/cursor.h"

/* The lines of the list with the focus. */
static size_t
focus_n(const struct desk *d)
{
	return d->at.focus == CHECKIN_ADDONS ? d->naddons : d->noffers;
}

void
desk_fit(struct desk *d)
{
	if (d->have) {
		/* an empty list: its first line, for when it fills */
		if (d->at.sel >= (int)focus_n(d))
			d->at.sel = (int)focus_n(d) - 1;
		if (d->at.sel < 0)
			d->at.sel = 0;
	}
	cursor_scroll(&d->at.top, d->nstays, d->at.rows);
}

void
desk_select(struct desk *d, int i)
{
	d->at.sel = i;
	desk_fit(d);
}

void
desk_select_move(struct desk *d, int delta)
{
	/* after an answer the first arrow chooses, in place */
	desk_select(d, d->at.nosel ? d->at.sel : d->at.sel + delta);
	d->at.nosel = 0;
}

void
desk_unselect(struct desk *d)
{
	d->at.nosel = 1;
}

void
desk_set_focus(struct desk *d, int focus)
{
	d->at.focus = focus;
	d->at.sel = 0;
}

void
desk_set_stay_rows(struct desk *d, int rows)
{
	d->at.rows = rows;
	cursor_scroll(&d->at.top, d->nstays, rows);
}

void
desk_scroll_stays(struct desk *d, int delta)
{
	if (delta == INT_MIN)
		d->at.top = 0;
	else if (delta == INT_MAX)
		d->at.top = (int)d->nstays;
	else
		d->at.top += delta;
	cursor_scroll(&d->at.top, d->nstays, d->at.rows);
}

void
desk_set_match_rows(struct desk *d, int rows)
{
	d->at.match_rows = rows;
	cursor_keep(&d->at.match_sel, &d->at.match_top, d->nrows, rows);
}

void
desk_select_match(struct desk *d, int i)
{
	d->at.match_sel = i;
	cursor_keep(&d->at.match_sel, &d->at.match_top, d->nrows,
	    d->at.match_rows);
}

void
desk_ask_reason(struct desk *d, int64_t offer_id)
{
	d->at.reason_offer = offer_id;
	d->at.asking_reason = 1;
}

void
desk_end_reason(struct desk *d)
{
	d->at.asking_reason = 0;
}
