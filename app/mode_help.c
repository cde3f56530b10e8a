/*
 * mode_help.c — the key list over the counter or the desk (mode_help):
 * any key turns the page, and the last page goes back.
 */
#include "app/console.h"
#include "views/screen.h"

void
help_open(struct console *c)
{
	console_screen(c)->mode = MODE_HELP;
	console_screen(c)->help_page = 0;
	console_push(c, &mode_help);
}

static void
help_close(struct console *c)
{
	console_screen(c)->mode = MODE_MAIN;
}

/* Any key: the next page, or back from the last. */
static enum reaction
help_act(struct console *c, enum action a, int is_key, wint_t wc)
{
	struct screen_view *b = console_screen(c);

	(void)a;
	(void)is_key;
	(void)wc;
	if (b->help_page + 1 < b->help_pages)
		b->help_page++;
	else
		console_pop(c);
	return R_REPAINT;
}

const struct screen_mode mode_help = {
	"help", KEYS_NONE, help_act, console_draw, console_fits, help_close, 0
};
