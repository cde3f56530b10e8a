/*
 * mode_play.c — uplift train --play: a training run without a screen.
 * The keys go to the modes as the console gives them; the dialogue, the
 * status line and the score sheet are printed.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <wchar.h>

#include "app/app.h"
#include "app/console.h"
#include "model/catalog.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/session.h"
#include "model/text.h"
#include "model/training.h"
#include "views/checkin.h"
#include "views/counter.h"
#include "views/curses.h"

/* Print the dialogue lines said since *shown. */
static void
play_lines(const struct console *c, size_t *shown)
{
	const struct training *t = &c->run;
	const char *who = c->sc->mode == TRAIN_HOTEL ? "Guest: " :
	    "Customer: ";
	size_t k, at;

	for (k = *shown; k < t->nsaid; k++) {
		if (t->nsaid - k > t->nlines)
			continue;       /* gone from the window */
		at = t->nlines - (t->nsaid - k);
		fputs(t->lines[at].speaker == SAYS_CUSTOMER ? who :
		    t->lines[at].speaker == SAYS_TRAINEE ? "You: " : "  ",
		    stdout);
		text_fputs(t->lines[at].text, stdout);
		putchar('\n');
	}
	*shown = t->nsaid;
}

/* The status line, if something was said there, then cleared. */
static void
play_status(struct console *c)
{
	char *st = c->desk != NULL ? c->cview.base.status : c->view.base.status;

	if (st[0] != '\0') {
		fputs("  = ", stdout);
		text_fputs(st, stdout);
		putchar('\n');
	}
	st[0] = '\0';
}

/* What is on offer: the suggestions (shop), or the upgrades and add-ons
 * (desk), the selected one marked. */
static void
play_offers(struct console *c)
{
	char m[32];
	size_t i;

	if (c->desk != NULL) {
		struct desk *d = c->desk;
		int up = c->desk->at.focus == CHECKIN_UPGRADES;

		for (i = 0; i < d->noffers; i++) {
			money_show(d->offers[i].per_night, d->scale, d->cur, m,
			    sizeof m);
			printf("  %s UPGRADE ", up && (int)i ==
			    c->desk->at.sel ? "*" : " ");
			text_fputs(desk_type_name(d, d->offers[i].type_id),
			    stdout);
			printf(" +%s a night\n", m);
		}
		for (i = 0; i < d->naddons; i++) {
			if (d->addons[i].sold)
				continue;
			money_show(d->addons[i].total, d->scale, d->cur, m,
			    sizeof m);
			printf("  %s ADD-ON  ", !up && (int)i ==
			    c->desk->at.sel ? "*" : " ");
			text_fputs(d->addons[i].code, stdout);
			putchar(' ');
			text_fputs(d->addons[i].name, stdout);
			printf(" %s for the stay\n", m);
		}
		return;
	}
	for (i = 0; i < c->session->nshown; i++) {
		const struct suggestion *g = &c->session->shown[i].sug;
		const struct item *it = catalog_item(&c->session->cat,
		    g->item_id);

		money_show(g->diff, c->session->scale, c->session->currency, m,
		    sizeof m);
		printf("  %s %-8s ", (int)i == c->session->at.sel ? "*" : " ",
		    scorer_kind_badge(g->kind));
		text_fputs(it != NULL ? it->sku : "?", stdout);
		putchar(' ');
		text_fputs(it != NULL ? it->name : "?", stdout);
		printf(" +%s\n", m);
	}
}

/* @CODE: select the offer of that code, as the arrows would.  0, or -1
 * when it is not on offer. */
static int
play_select(struct console *c, const char *code)
{
	size_t i;

	if (c->desk != NULL) {
		struct desk *d = c->desk;

		for (i = 0; i < d->noffers; i++) {
			const struct hotel_type *t = desk_type(d,
			    d->offers[i].type_id);
			if (t != NULL && t->code != NULL &&
			    strcmp(t->code, code) == 0) {
				desk_set_focus(d, CHECKIN_UPGRADES);
				desk_select(d, (int)i);
				c->cview.base.say_line = 0;
				return 0;
			}
		}
		for (i = 0; i < d->naddons; i++)
			if (!d->addons[i].sold &&
			    strcmp(d->addons[i].code, code) == 0) {
				desk_set_focus(d, CHECKIN_ADDONS);
				desk_select(d, (int)i);
				c->cview.base.say_line = 0;
				return 0;
			}
		return -1;
	}
	for (i = 0; i < c->session->nshown; i++) {
		const struct item *it = catalog_item(&c->session->cat,
		    c->session->shown[i].sug.item_id);
		if (it != NULL && strcmp(it->sku, code) == 0) {
			session_set_focus(c->session, FOCUS_SUGGESTIONS);
			session_select(c->session, (int)i);
			c->view.base.say_line = 0;
			return 0;
		}
	}
	return -1;
}

/* A key's name as send-keys spells it: one character, or Enter, Tab,
 * Up, Down, Esc, Space, BSpace.  0, or -1 if it names no key. */
static int
play_key(const char *tok, int *rc, wint_t *wc)
{
	static const struct {
		const char *name;
		int         is_key;
		wint_t      wc;
	} names[] = {
		{ "Enter", 0, '\r' }, { "Tab", 0, '\t' }, { "Up", 1, KEY_UP },
		{ "Down", 1, KEY_DOWN }, { "Esc", 0, 27 }, { "Space", 0, ' ' },
		{ "BSpace", 1, KEY_BACKSPACE },
	};
	wchar_t w;
	size_t i, n = strlen(tok);
	mbstate_t ms;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(tok, names[i].name) == 0) {
			*rc = names[i].is_key ? KEY_CODE_YES : OK;
			*wc = names[i].wc;
			return 0;
		}
	memset(&ms, 0, sizeof ms);
	if (mbrtowc(&w, tok, n, &ms) != n)
		return -1;
	*rc = OK;
	*wc = (wint_t)w;
	return 0;
}

/* The score sheet and the progress, as text. */
static void
play_sheet(const struct console *c)
{
	char buf[640], date[16];
	size_t i;

	training_sheet_title(c->sc, &c->sheet, buf, sizeof buf);
	text_fputs(buf, stdout);
	putchar('\n');
	for (i = 0; i < c->sheet.n; i++) {
		const struct training_check *k = &c->sheet.c[i];

		training_check_text(k, text_get_ascii(), buf, sizeof buf);
		fputs("  ", stdout);
		text_fputs(buf, stdout);
		putchar('\n');
		if (k->counted && !k->passed && k->better[0] != '\0') {
			fputs("         ", stdout);
			text_fputs(k->better, stdout);
			putchar('\n');
		}
	}
	for (i = 0; i < c->nprogress; i++) {
		if (i == 0)
			printf("YOUR PROGRESS  best, last, tries\n");
		civil_format_date(civil_day_of(c->progress[i].at), date,
		    sizeof date);
		fputs("  ", stdout);
		text_fputs(c->progress[i].scenario, stdout);
		printf("  %d%%  %d%%  %d  %s\n", c->progress[i].best,
		    c->progress[i].last, c->progress[i].tries, date);
	}
}

/*
 * uplift train --play: the run without a screen.  The keys of a->play
 * (separated by spaces) are handled as the console handles them, @CODE
 * selects the offer of that code; the dialogue, what the status line
 * says and the score sheet are printed.  a->play is left after the keys
 * used, for a retry (r) to go on with.  EXIT_OK, or EXIT_USAGE for a key
 * that is not one or a code not on offer.
 */
int
console_play(struct console *c, struct app *a)
{
	const char *p = a->play;
	size_t said = 0;
	char tok[64];
	int rc, scored = 0, was_score;
	wint_t wc;
	enum reaction r = R_NONE;

	printf("TRAINING %s: ", c->sc->id);
	text_fputs(c->sc->title, stdout);
	putchar('\n');
	play_lines(c, &said);
	play_status(c);
	play_offers(c);
	while (r != R_QUIT) {
		size_t n;

		p += strspn(p, " ,");
		if (*p == '\0')
			break;
		n = strcspn(p, " ,");
		snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok - 1 ? n :
		    sizeof tok - 1), p);
		p += n;
		fputs("> ", stdout);
		text_fputs(tok, stdout);
		putchar('\n');
		if (tok[0] == '@' && tok[1] != '\0') {
			if (play_select(c, tok + 1) != 0) {
				a->play = p;
				app_error("--play: %s is not on offer", tok + 1);
				return EXIT_USAGE;
			}
			play_offers(c);
			continue;
		}
		if (play_key(tok, &rc, &wc) != 0) {
			a->play = p;
			app_error("--play: %s is not a key (a character, Enter, "
			    "Tab, Up, Down, Esc, Space, BSpace or @CODE)", tok);
			return EXIT_USAGE;
		}
		was_score = c->view.base.mode == MODE_SCORE;
		r = console_key(c, rc, wc, 0);
		play_lines(c, &said);
		play_status(c);
		if (c->view.base.mode == MODE_SCORE && !was_score) {
			play_sheet(c);
			scored = 1;
		}
	}
	a->play = p;
	if (!scored)
		printf("(not finished: no score)\n");
	return EXIT_OK;
}

