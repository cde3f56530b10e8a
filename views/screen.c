/*
 * screen.c — the frame the counter and the desk draw in (views/screen.h).
 */
#include "views/screen.h"

#include <stdio.h>
#include <stdlib.h>

#include "model/xalloc.h"
#include "views/curses.h"
#include "views/trainview.h"
#include "views/ui.h"

int
screen_fits(const struct screen_view *b)
{
	return COLS >= b->min_cols && LINES >= b->min_rows;
}

void
screen_draw(const struct screen_view *b, char quit,
    const struct screen_parts *p, const void *m, const void *v)
{
	erase();
	if (!screen_fits(b)) {
		ui_too_small(b->min_cols, b->min_rows, quit);
		refresh();
		return;
	}
	p->header(m, v);
	p->strip(m, v);
	if (b->mode == MODE_HELP && b->training != NULL)
		trainview_help(&b->keys, p->hotel, SCREEN_TOP, b->help_page);
	else if (b->mode == MODE_SCORE)
		trainview_sheet(b->training->sc, b->sheet, b->progress,
		    b->nprogress, SCREEN_TOP, b->keys.quit);
	else
		p->body(m, v);
	p->status(m, v);
	refresh();
}

void
screen_status(const struct screen_view *b, int asking)
{
	if (asking) {
		ui_reason_prompt(b->status_error, b->replay);
		return;
	}
	ui_text(LINES - 2, 0, COLS, b->status,
	    b->status_error ? ROLE_ERROR : ROLE_STATUS);
}

void
screen_search_frame(const struct screen_view *b, const char *title,
    int promptw, const char *count, int *y)
{
	char *prompt;
	int x;

	ui_text((*y)++, 0, COLS, title, ROLE_TITLE);
	prompt = xasprintf(" > %s", b->input);
	x = ui_text(*y, 0, promptw, prompt, ROLE_INPUT);
	free(prompt);
	ui_text_right((*y)++, x, COLS - x, count, ROLE_DIM);
	(*y)++;
}

void
screen_view_clear(struct screen_view *b)
{
	while (b->nsay > 0)
		free(b->say[--b->nsay]);
	b->say_shown = 0;
}

void
screen_say_pick(struct screen_view *b)
{
	if (b->say_line >= b->nsay || b->say_line < 0)
		b->say_line = 0;
	b->say_shown = b->say_line;
}

size_t
screen_help_keys(const struct counter_keys *k, const struct screen_help *t,
    size_t n, const char *words, struct ui_keyhint *h)
{
	const char *what;
	char key;
	size_t i;

	for (i = 0; i < n; i++) {
		what = t[i].what != NULL ? t[i].what : words;
		if (t[i].key == SCREEN_KEY_NONE) {
			snprintf(h[i].key, sizeof h[i].key, "%s", t[i].tail);
			h[i].what = what;
			continue;
		}
		if (t[i].key == SCREEN_KEY_UPDOWN) {
			snprintf(h[i].key, sizeof h[i].key, "%s%s",
			    ui_sym(SYM_UPDOWN), t[i].tail);
			h[i].what = what;
			continue;
		}
		key = *((const char *)k + t[i].key);
		if (t[i].tail == NULL)
			ui_keyhint_char(&h[i], key, what);
		else {
			snprintf(h[i].key, sizeof h[i].key, "%c%s", key,
			    t[i].tail);
			h[i].what = what;
		}
	}
	return n;
}

int
screen_recalc(struct screen_view *b, size_t nhelp, int hotel)
{
	struct ui_keyhint h[TRAINVIEW_HELP_MAX];

	screen_view_clear(b);
	if (!screen_fits(b))
		return 0;
	if (b->mode != MODE_HELP)
		return b->mode == MODE_MAIN;
	if (b->training != NULL)
		nhelp = trainview_help_keys(&b->keys, hotel, h);
	b->help_pages = ui_help_pages(SCREEN_TOP, nhelp);
	if (b->help_page >= b->help_pages || b->help_page < 0)
		b->help_page = 0;
	return 0;
}

int
screen_match_rows(void)
{
	int n = LINES - 2 - SCREEN_TOP - 3;

	return n > 0 ? n : 0;
}
