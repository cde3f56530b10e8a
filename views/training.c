/*
 * training.c — the dialogue pane and the score sheet (views/training.h).
 */
#include "views/training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/curses.h"
#include "views/ui.h"

/* How many rows s takes wrapped in w columns (at most max). */
static int
rows_of(const char *s, int w, int max)
{
	int width = text_width(s), n;

	if (w <= 0)
		return max;
	n = width / w + 1;
	return n < max ? n : max;
}

void
training_draw_dialogue(const struct training *t, int y, int x, int w,
    int rows)
{
	static const char *const shop[] = { "Customer: ", "You: ", "" };
	static const char *const desk[] = { "Guest: ", "You: ", "" };
	const char *const *who = t->sc->mode == TRAIN_HOTEL ? desk : shop;
	int used = 0, r;
	size_t i, first;
	char *line;

	char title[40];

	snprintf(title, sizeof title, t->objecting ? " DIALOGUE  answer 1-%zu" :
	    " DIALOGUE", t->sc->nanswers);
	ui_text(y, x, w, title, ROLE_TITLE);
	rows--;
	if (rows <= 0)
		return;
	/* the latest lines that fit, oldest of them first */
	first = t->nlines;
	while (first > 0) {
		const struct training_line *l = &t->lines[first - 1];
		line = xasprintf("%s%s", who[l->speaker], l->text);
		r = rows_of(line, w - 2, 3);
		free(line);
		if (used + r > rows)
			break;
		used += r;
		first--;
	}
	y++;
	for (i = first; i < t->nlines; i++) {
		const struct training_line *l = &t->lines[i];
		enum ui_role role = l->speaker == SAYS_CUSTOMER ? ROLE_STATUS :
		    l->speaker == SAYS_TRAINEE ? ROLE_NORMAL : ROLE_DIM;

		line = xasprintf("%s%s", who[l->speaker], l->text);
		y += ui_wrapped(y, x + 1, w - 2, rows_of(line, w - 2, 3), line,
		    role);
		free(line);
	}
}

void
training_draw_sheet(const struct scenario *sc,
    const struct training_sheet *s, const struct training_progress *p,
    size_t np, int top, char quit)
{
	struct ui_keyhint k[2];
	char buf[256], date[20];
	int y = top, last = LINES - 3;
	size_t i;

	ui_clear(top, 0, LINES - 2 - top, COLS, ROLE_NORMAL);
	snprintf(buf, sizeof buf, " SCORE  %s  %d%%  %d of %zu checks%s%s",
	    sc->id, s->percent, s->passed, s->n, s->medal[0] ? "  medal: " :
	    "", s->medal);
	ui_text(y++, 0, COLS, buf, ROLE_TITLE);
	for (i = 0; i < s->n && y <= last; i++) {
		const struct training_check *c = &s->c[i];

		snprintf(buf, sizeof buf, "%s %s: %s", c->passed ?
		    (text_get_ascii() ? "+" : "✓") : (text_get_ascii() ? "x" :
		    "✗"), c->name, c->why);
		ui_text(y++, 1, COLS - 2, buf, c->passed ? ROLE_NORMAL :
		    ROLE_ERROR);
		if (!c->passed && c->better[0] != '\0' && y <= last)
			y += ui_wrapped(y, 3, COLS - 4, last - y + 1 < 2 ?
			    last - y + 1 : 2, c->better, ROLE_DIM);
	}
	if (y + 1 <= last && np > 0) {
		ui_text(++y, 0, COLS, " YOUR PROGRESS  best, last, tries",
		    ROLE_TITLE);
		for (i = 0; i < np && ++y <= last; i++) {
			civil_format_date(civil_day_of(p[i].at), date,
			    sizeof date);
			snprintf(buf, sizeof buf, "%-28s %3d%%  %3d%%  %3d  %s",
			    p[i].scenario, p[i].best, p[i].last, p[i].tries,
			    date);
			ui_text(y, 1, COLS - 2, buf, strcmp(p[i].scenario,
			    sc->id) == 0 ? ROLE_SELECTED : ROLE_NORMAL);
		}
	}
	snprintf(k[0].key, sizeof k[0].key, "r");
	k[0].what = "Retry";
	ui_keyhint_char(&k[1], quit, "Quit");
	ui_keybar(k, 2);
}
