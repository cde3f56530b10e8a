/*
 * trainview.c — the dialogue pane and the score sheet (views/trainview.h).
 */
#include "views/trainview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "views/screen.h"
#include "views/curses.h"
#include "views/ui.h"

/* How many rows s takes wrapped in w columns as ui_wrapped() wraps it,
 * 1 to max. */
static int
rows_of(const char *s, int w, int max)
{
	int n = w > 0 ? ui_wrapped_rows(w, s) : max;

	return n < 1 ? 1 : n > max ? max : n;
}

void
trainview_dialogue(const struct training *t, int y, int x, int w,
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
		r = rows_of(line, w - 2, 4);
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
		y += ui_wrapped(y, x + 1, w - 2, rows_of(line, w - 2, 4), line,
		    role);
		free(line);
	}
}

/* Rows a failed check's better move takes (0 for none). */
static int
better_rows(const struct training_check *c, int each)
{
	return c->counted && !c->passed && c->better[0] != '\0' ? each : 0;
}

void
trainview_sheet(const struct scenario *sc,
    const struct training_sheet *s, const struct training_progress *p,
    size_t np, int top, char quit)
{
	struct ui_keyhint k[2];
	char buf[400], date[20];
	int y = top, last = LINES - 3, each, need;
	size_t i;

	ui_clear(top, 0, LINES - 2 - top, COLS, ROLE_NORMAL);
	buf[0] = ' ';
	training_sheet_title(sc, s, buf + 1, sizeof buf - 1);
	ui_text(y++, 0, COLS, buf, ROLE_TITLE);
	/* every check on its row; the better moves on three rows each if
	 * that fits, else two, else one */
	for (each = 3; each > 1; each--) {
		need = (int)s->n;
		for (i = 0; i < s->n; i++)
			need += better_rows(&s->c[i], each);
		if (need <= last - y + 1)
			break;
	}
	for (i = 0; i < s->n && y <= last; i++) {
		const struct training_check *c = &s->c[i];
		int r;

		training_check_text(c, text_get_ascii(), buf, sizeof buf);
		ui_text(y++, 1, COLS - 2, buf, !c->counted ? ROLE_DIM :
		    c->passed ? ROLE_NORMAL : ROLE_ERROR);
		if ((r = better_rows(c, each)) > 0 && y <= last)
			y += ui_wrapped(y, 3 + (int)strlen("x veto "), COLS - 4 -
			    (int)strlen("x veto "), last - y + 1 < r ?
			    last - y + 1 : r, c->better, ROLE_DIM);
	}
	if (y + 2 <= last && np > 0) {      /* the title and a row */
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

size_t
trainview_help_keys(const struct counter_keys *k, int hotel,
    struct ui_keyhint *h)
{
	size_t n = 0;

	ui_keyhint_char(&h[n], k->accept, hotel ? "offer the selected upgrade "
	    "or add-on, with the line shown" : "offer the selected suggestion, "
	    "with the line shown");
	snprintf(h[n].key, sizeof h[n].key, "%c Enter", k->accept);
	n++;
	ui_keyhint_char(&h[n++], k->say, "the next line to say");
	ui_keyhint_char(&h[n++], k->language, "the next language: English, "
	    "Bengali, Gujarati");
	if (!hotel)
		ui_keyhint_char(&h[n++], k->decline, "skip: leave the suggestion "
		    "out (not an offer)");
	snprintf(h[n].key, sizeof h[n].key, "%s j k", ui_sym(SYM_UPDOWN));
	h[n++].what = hotel ? "choose an upgrade or an add-on" :
	    "choose a suggestion or a basket line";
	snprintf(h[n].key, sizeof h[n].key, "Tab");
	h[n++].what = hotel ? "switch between upgrades and add-ons" :
	    "switch between suggestions and basket";
	snprintf(h[n].key, sizeof h[n].key, "1-4");
	h[n++].what = hotel ? "answer the guest's objection" :
	    "answer the customer's objection";
	if (!hotel) {
		ui_keyhint_char(&h[n++], k->add, "add an item to the basket");
		ui_keyhint_char(&h[n++], k->remove, "remove a basket line");
	}
	ui_keyhint_char(&h[n++], k->finish, hotel ? "end the check-in: the "
	    "score sheet" : "end the sale: the score sheet");
	snprintf(h[n].key, sizeof h[n].key, "r");
	h[n++].what = "on the score sheet: play it again";
	snprintf(h[n].key, sizeof h[n].key, "%c F1", k->help);
	h[n++].what = "this help";
	ui_keyhint_char(&h[n++], k->quit, "quit training");
	return n;
}

void
trainview_help(const struct counter_keys *k, int hotel, int top, int page)
{
	struct ui_keyhint h[TRAINVIEW_HELP_MAX];
	size_t n = trainview_help_keys(k, hotel, h);

	ui_help(top, " HELP  training: keys of the role-play", h, n,
	    "Relevance first, honest numbers, no pressure: an offer after a "
	    "no (a soft one too), one that breaks what the customer said, or "
	    "an untrue answer is a veto. Nothing is saved to the shop.", page);
}
