/*
 * training.c — the line checks and a role-play run (model/training.h);
 * scenarios and the names of their values are in training_scenario.c, the
 * score of a run in training_rubric.c.
 */
#include "model/training.h"

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/money.h"
#include "model/text.h"
#include "model/xalloc.h"

/* ---- the line checks ----------------------------------------------------- */

/* A case-insensitive (ASCII) search in the first max bytes of hay:
 * benefits are lower case in the catalogue and capitalised at the head of
 * a line.  The offset of the first match, or -1. */
static long
find_ci(const char *hay, size_t max, const char *needle)
{
	size_t n = strlen(needle), i, len = strlen(hay);

	if (n == 0 || n > len)
		return -1;
	for (i = 0; i + n <= len && i <= max; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return (long)i;
	return -1;
}

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1 if the line holds the number num on its own: not inside a longer
 * number ("1.15" is not in "11.15" nor in "1.150"). */
static int
holds_number(const char *line, const char *num)
{
	size_t n, i, len;

	if (line == NULL || num == NULL || (n = strlen(num)) == 0)
		return 0;
	len = strlen(line);
	for (i = 0; i + n <= len; i++) {
		if (strncmp(line + i, num, n) != 0)
			continue;
		if (i > 0 && (digit(line[i - 1]) || (line[i - 1] == '.' &&
		    i > 1 && digit(line[i - 2]))))
			continue;
		if (digit(line[i + n]) || (line[i + n] == '.' &&
		    digit(line[i + n + 1])))
			continue;
		return 1;
	}
	return 0;
}

int
training_line_check(const char *line, const char *benefit,
    const char *price, const char *diff)
{
	int r = 0;

	if (line == NULL || line[0] == '\0')
		return 0;
	if (benefit == NULL || benefit[0] == '\0')
		r |= LINE_BENEFIT;
	else if (find_ci(line, strlen(line) / 2, benefit) >= 0)
		r |= LINE_BENEFIT;
	if (holds_number(line, diff) || holds_number(line, price))
		r |= LINE_PRICE;
	return r;
}

/* ---- a run ------------------------------------------------------------- */

static void
say(struct training *t, int speaker, const char *text)
{
	if (t->nlines == TRAINING_LINES_MAX) {
		free(t->lines[0].text);
		memmove(&t->lines[0], &t->lines[1],
		    (TRAINING_LINES_MAX - 1) * sizeof t->lines[0]);
		t->nlines--;
	}
	t->lines[t->nlines].speaker = speaker;
	t->lines[t->nlines++].text = xstrdup(text != NULL ? text : "");
	t->nsaid++;
}

/* The customer says text, marked mark: a no is remembered. */
static void
customer_says(struct training *t, const char *text, int mark)
{
	say(t, SAYS_CUSTOMER, text);
	if ((mark == MARK_NO || mark == MARK_SOFT_NO) && !t->said_no) {
		t->said_no = 1;
		t->no_line = xstrdup(text);
		t->no_mark = mark;
	}
}

void
training_start(struct training *t, const struct scenario *sc)
{
	memset(t, 0, sizeof *t);
	t->sc = sc;
	t->answered = -1;
	if (sc->need != NULL)
		say(t, SAYS_NOTE, sc->need);
	customer_says(t, sc->open, sc->open_mark);
}

void
training_clear(struct training *t)
{
	size_t i;

	for (i = 0; i < t->nlines; i++)
		free(t->lines[i].text);
	for (i = 0; i < t->nev; i++) {
		free(t->ev[i].code);
		free(t->ev[i].name);
	}
	free(t->no_line);
	memset(t, 0, sizeof *t);
	t->answered = -1;
}

static int
listed(char *const *list, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], code) == 0)
			return 1;
	return 0;
}

/* Offers before this one that the customer understood. */
static size_t
understood_before(const struct training *t)
{
	size_t i, n = 0;

	for (i = 0; i + 1 < t->nev; i++)
		n += t->ev[i].understood;
	return n;
}

/* What of the customer's stated limits the offer breaks (LIMIT_*). */
static int
breaks(const struct training *t, const struct training_offer *o)
{
	const struct scenario *sc = t->sc;
	int b = 0;

	if (sc->limits & LIMIT_JUST_THIS)
		b |= LIMIT_JUST_THIS;
	if ((sc->limits & LIMIT_HURRY) && understood_before(t) >= 1)
		b |= LIMIT_HURRY;
	if ((sc->limits & LIMIT_NO_UPGRADE) && o->upgrade)
		b |= LIMIT_NO_UPGRADE;
	if ((sc->limits & LIMIT_BUDGET) && o->total >= 0 && o->scale >= 0 &&
	    o->scale <= MONEY_MAX_SCALE) {
		int64_t v = o->total;
		int k;

		for (k = o->scale; k < MONEY_MAX_SCALE && v <= INT64_MAX / 10;
		    k++)
			v *= 10;
		if (k < MONEY_MAX_SCALE || v > sc->budget_micro)
			b |= LIMIT_BUDGET;
	}
	return b;
}

static const struct scenario_reply *
reply_to(const struct scenario *sc, const char *code)
{
	size_t i;

	for (i = 0; i < sc->nreplies; i++)
		if (strcmp(sc->replies[i].code, code) == 0)
			return &sc->replies[i];
	return NULL;
}

int
training_offer(struct training *t, const struct training_offer *o)
{
	const struct scenario *sc = t->sc;
	const struct scenario_reply *r;
	struct training_event *e;
	const char *line = o->line != NULL ? o->line : "";
	int reply, checks;

	if (t->finished || t->objecting || t->nev == TRAINING_EVENTS_MAX)
		return REPLY_DONE;
	e = &t->ev[t->nev++];
	memset(e, 0, sizeof *e);
	e->code = xstrdup(o->code);
	e->name = xstrdup(o->name != NULL ? o->name : o->code);
	e->good = listed(sc->good, sc->ngood, o->code);
	e->bad = listed(sc->bad, sc->nbad, o->code);
	e->said_line = line[0] != '\0';
	checks = training_line_check(line, o->benefit, o->price, o->diff);
	e->said_price = (checks & LINE_PRICE) != 0;
	e->said_benefit = (checks & LINE_BENEFIT) != 0;
	e->had_benefit = o->benefit != NULL && o->benefit[0] != '\0';
	/* a name alone is understood; a line in the customer's language or
	 * one they speak */
	e->in_lang = !e->said_line || (o->lang != NULL &&
	    strcmp(o->lang, sc->lang) == 0);
	e->understood = !e->said_line || scenario_speaks(sc, o->lang);
	e->after_no = t->said_no;
	e->broke = breaks(t, o);
	say(t, SAYS_TRAINEE, e->said_line ? line : e->name);
	if (t->said_no) {
		customer_says(t, sc->again != NULL ? sc->again :
		    "I did say no, thank you.", sc->again_mark);
		reply = REPLY_NOT_NEEDED;
	} else if (!e->understood) {
		customer_says(t, sc->confused != NULL ? sc->confused :
		    "Sorry?", sc->confused_mark);
		reply = REPLY_CONFUSED;
	} else if (e->broke) {
		customer_says(t, sc->decline, sc->decline_mark);
		reply = REPLY_DECLINED;
	} else if ((r = reply_to(sc, o->code)) != NULL) {
		customer_says(t, r->text, r->mark);
		reply = r->mark == MARK_YES ? REPLY_ACCEPTED : r->mark ==
		    MARK_HESITANT ? REPLY_HESITANT : r->mark == MARK_NO ?
		    REPLY_DECLINED : REPLY_NOT_NEEDED;
		if (reply == REPLY_ACCEPTED && e->good)
			t->accepted = 1;
	} else if (!e->good) {
		customer_says(t, sc->not_needed, sc->not_needed_mark);
		reply = REPLY_NOT_NEEDED;
	} else if (sc->mood == MOOD_ACCEPT) {
		customer_says(t, sc->accept, sc->accept_mark);
		t->accepted = 1;
		reply = REPLY_ACCEPTED;
	} else if (sc->mood == MOOD_DECLINE) {
		customer_says(t, sc->decline, sc->decline_mark);
		reply = REPLY_DECLINED;
	} else {
		size_t i;

		customer_says(t, sc->objection, sc->objection_mark);
		for (i = 0; i < sc->nanswers; i++) {
			char *a = xasprintf("%zu  %s", i + 1, sc->answers[i]);
			say(t, SAYS_NOTE, a);
			free(a);
		}
		t->objecting = 1;
		reply = REPLY_OBJECTION;
	}
	e->reply = reply;
	return reply;
}

int
training_answer(struct training *t, size_t i)
{
	const struct scenario *sc = t->sc;

	if (!t->objecting || i >= sc->nanswers)
		return REPLY_DONE;
	t->objecting = 0;
	t->answered = (int)i;
	say(t, SAYS_TRAINEE, sc->answers[i]);
	if ((int)i == sc->right_answer) {
		customer_says(t, sc->accept, sc->accept_mark);
		t->accepted = 1;
		t->ev[t->nev - 1].reply = REPLY_ACCEPTED;
		return REPLY_ACCEPTED;
	}
	customer_says(t, sc->decline, sc->decline_mark);
	t->ev[t->nev - 1].reply = REPLY_DECLINED;
	return REPLY_DECLINED;
}

void
training_finish(struct training *t)
{
	t->finished = 1;
	t->objecting = 0;
}
