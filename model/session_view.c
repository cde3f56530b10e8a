/*
 * session_view.c — the counter's cursor: what its screen selects and
 * scrolls, kept in range here rather than by the drawing
 * (model/session.h, struct cursor).
 */
#include "model/session.h"
#include "model/session_int.h"

#include <limits.h>

#include "model/cursor.h"

/* The first history line shown: the window full, from the newest. */
static void
keep_history(struct session *s)
{
	cursor_scroll(&s->at.top, s->who == WHO_CUSTOMER ?
	    s->history.n : 0, s->at.rows);
}

void
session_fit(struct session *s)
{
	cursor_keep_in(&s->at.sel, s->nshown);
	cursor_keep_in(&s->at.line, s->nbasket);
	keep_history(s);
}

void
session_select(struct session *s, int i)
{
	s->at.sel = i;
	if (s->at.sel < 0)
		s->at.sel = 0;
	cursor_keep_in(&s->at.sel, s->nshown);
}

void
session_select_line(struct session *s, int i)
{
	s->at.line = i;
	if (s->at.line < 0)
		s->at.line = 0;
	cursor_keep_in(&s->at.line, s->nbasket);
}

void
session_select_move(struct session *s, int delta)
{
	if (s->at.focus == FOCUS_BASKET)
		session_select_line(s, s->at.line + delta);
	else
		session_select(s, s->at.sel + delta);
}

void
session_set_focus(struct session *s, int focus)
{
	s->at.focus = focus;
	if (focus == FOCUS_BASKET && s->nbasket > 0)
		s->at.line = (int)s->nbasket - 1;
}

void
session_choose(struct session *s)
{
	s->chosen = s->at.focus == FOCUS_SUGGESTIONS && s->nshown > 0;
}

void
session_set_history_rows(struct session *s, int rows)
{
	s->at.rows = rows;
	keep_history(s);
}

void
session_scroll_history(struct session *s, int delta)
{
	if (delta == INT_MIN)
		s->at.top = 0;
	else if (delta == INT_MAX)
		s->at.top = SESSION_HISTORY_MAX;
	else
		s->at.top += delta;
	keep_history(s);
}

void
session_set_match_rows(struct session *s, int rows, size_t n)
{
	s->at.match_rows = rows;
	cursor_keep(&s->at.match_sel, &s->at.match_top, n, rows);
}

void
session_select_match(struct session *s, int i, size_t n)
{
	s->at.match_sel = i;
	cursor_keep(&s->at.match_sel, &s->at.match_top, n, s->at.match_rows);
}

void
session_ask_reason(struct session *s, int64_t offer_id)
{
	s->at.reason_offer = offer_id;
	s->at.asking_reason = 1;
}

void
session_end_reason(struct session *s)
{
	s->at.asking_reason = 0;
}
