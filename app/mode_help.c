/*
 * mode_help.c — the key list over the counter or the desk (mode_help):
 * any key turns the page, and the last page goes back.
 */
#include "app/console.h"
#include "views/checkin.h"
#include "views/counter.h"

void
help_open(struct console *c)
{
	if (c->desk != NULL) {
		c->cview.mode = CHECKIN_HELP;
		c->cview.help_page = 0;
	} else {
		c->view.mode = MODE_HELP;
		c->view.help_page = 0;
	}
	console_push(c, &mode_help);
}

static void
help_close(struct console *c)
{
	if (c->desk != NULL)
		c->cview.mode = CHECKIN_MAIN;
	else
		c->view.mode = MODE_MAIN;
}

/* Any key: the next page, or back from the last. */
static enum reaction
help_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	int *page = c->desk != NULL ? &c->cview.help_page : &c->view.help_page;
	int pages = c->desk != NULL ? c->cview.help_pages : c->view.help_pages;

	(void)a;
	(void)is_key;
	(void)wc;
	if (*page + 1 < pages)
		(*page)++;
	else
		console_pop(c);
	return R_REPAINT;
}

const struct screen_mode mode_help = {
	"help", KEYS_NONE, help_act, console_draw, console_fits, help_close, 0
};
