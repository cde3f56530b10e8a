/*
 * training_rubric.c — the score of a training run: the rubric's checks,
 * their weights and notes, and the texts that show them.
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

/* ---- the score ---------------------------------------------------------- */

/* The weights of the principles (model/training.h). */
enum {
	W_HELPED = 30, W_RELEVANT = 15, W_FEW = 10, W_PRICE = 15,
	W_BENEFIT = 15, W_LANGUAGE = 15, W_ANSWER = 10
};

static struct training_check *
check(struct training_sheet *s, const char *name, int passed, int weight)
{
	struct training_check *c = &s->c[s->n++];

	memset(c, 0, sizeof *c);
	c->name = name;
	c->passed = passed != 0;
	c->weight = weight;
	c->veto = weight == 0;
	c->counted = 1;
	return c;
}

/* buf[0..size) holds a string that may have been cut anywhere: end it on
 * a character boundary, with "…" when it was cut. */
static void
cut_utf8(char *buf, size_t size, size_t want)
{
	size_t p;

	if (want < size)
		return;
	/* room for "…" (3 bytes) and the NUL */
	p = size > 4 ? size - 4 : 0;
	while (p > 0 && ((unsigned char)buf[p] & 0xC0) == 0x80)
		p--;
	if (size >= 4) {
		memcpy(buf + p, "\xe2\x80\xa6", 3);
		buf[p + 3] = '\0';
	} else
		buf[p] = '\0';
}

static void
note(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		buf[0] = '\0';
	else
		cut_utf8(buf, size, (size_t)n);
}

/* What the limits broken in mask were, for the sheet. */
static void
limits_text(const struct scenario *sc, int mask, char *buf, size_t size)
{
	char b[64] = "";
	const char *sep = "";

	buf[0] = '\0';
	if (mask & LIMIT_BUDGET) {
		snprintf(b, sizeof b, "a budget of %s", sc->budget);
		note(buf, size, "%s", b);
		sep = "; ";
	}
	if (mask & LIMIT_HURRY) {
		note(buf + strlen(buf), size - strlen(buf),
		    "%stheir hurry (one "
		    "offer at most)", sep);
		sep = "; ";
	}
	if (mask & LIMIT_JUST_THIS) {
		note(buf + strlen(buf), size - strlen(buf),
		    "%s\"just this\" (no "
		    "offer)", sep);
		sep = "; ";
	}
	if (mask & LIMIT_NO_UPGRADE)
		note(buf + strlen(buf), size - strlen(buf), "%stheir rate (no "
		    "upgrade)", sep);
}

/* What the checks need to know of a run's offers. */
struct tally {
	size_t		 offers;	/* made */
	size_t		 helped;	/* good, understood, not past a no */
	size_t		 bad;		/* on the bad list */
	size_t		 counted;	/* put to the customer: understood, or
					 * not and never said again */
	size_t		 no_price, no_benefit, other, confused;
	size_t		 after_no;	/* made after a no */
	size_t		 broke_n;	/* breaking what the customer said */
	int		 broke;		/* LIMIT_* broken */
	const char	*first_bad, *first_good, *first_broke;
	const char	*guest;		/* "guest" or "customer" */
	const char	*end;		/* "check-in" or "sale" */
};

/* 1 if the code of offer i of t is offered again after it. */
static int
offered_later(const struct training *t, size_t i)
{
	size_t j;

	for (j = i + 1; j < t->nev; j++)
		if (strcmp(t->ev[j].code, t->ev[i].code) == 0)
			return 1;
	return 0;
}

/* Count the offers of run t into *ty. */
static void
tally_offers(const struct training *t, struct tally *ty)
{
	const struct scenario *sc = t->sc;
	size_t i;

	memset(ty, 0, sizeof *ty);
	ty->offers = t->nev;
	ty->guest = sc->mode == TRAIN_HOTEL ? "guest" : "customer";
	ty->end = sc->mode == TRAIN_HOTEL ? "check-in" : "sale";
	for (i = 0; i < t->nev; i++) {
		const struct training_event *e = &t->ev[i];

		/* it helps: on the good list, heard, not pushed past a no
		 * nor past what the customer said */
		if (e->good && e->understood && !e->after_no && !e->broke) {
			ty->helped++;
			if (ty->first_good == NULL)
				ty->first_good = e->name;
		}
		if (e->bad && ty->first_bad == NULL)
			ty->first_bad = e->name;
		ty->bad += e->bad;
		ty->counted += e->understood || !offered_later(t, i);
		ty->no_price += !e->said_price;
		ty->no_benefit += e->had_benefit && !e->said_benefit;
		ty->other += !e->in_lang;
		ty->confused += !e->understood;
		ty->after_no += e->after_no;
		if (e->broke) {
			ty->broke |= e->broke;
			ty->broke_n++;
			if (ty->first_broke == NULL)
				ty->first_broke = e->name;
		}
	}
}

/* Relevance first: what helps, or holding back. */
static void
score_relevance(struct training_sheet *s, const struct scenario *sc,
    const struct tally *ty)
{
	struct training_check *c;

	if (sc->best_none) {
		c = check(s, "held back, as the customer needed",
		    ty->offers == 0,
		    W_HELPED);
		if (ty->offers == 0)
			note(c->why, sizeof c->why, "made no offer");
		else {
			note(c->why, sizeof c->why, "made %zu offer(s) where "
			    "none was wanted", ty->offers);
			note(c->better, sizeof c->better, "%s", sc->better !=
			    NULL ? sc->better : "Listen: this customer wants "
			    "nothing more today.");
		}
	} else {
		c = check(s, "offered what helps", ty->helped > 0, W_HELPED);
		if (ty->helped > 0)
			note(c->why, sizeof c->why,
			    "offered %s, which helps this "
			    "%s", ty->first_good, ty->guest);
		else {
			if (ty->offers == 0)
				note(c->why, sizeof c->why, "made no offer");
			else if (ty->confused == ty->offers)
				note(c->why, sizeof c->why, "no offer was "
				    "understood (not in a language the %s "
				    "speaks)", ty->guest);
			else
				note(c->why, sizeof c->why, "none of the %zu "
				    "offers was one that helps", ty->offers);
			note(c->better, sizeof c->better, "%s", sc->better !=
			    NULL ? sc->better : "Offer what fits the customer's "
			    "need.");
		}
	}
}

/* Nothing off the point, and no more offers than needed. */
static void
score_focus(struct training_sheet *s, const struct scenario *sc,
    const struct tally *ty)
{
	struct training_check *c;

	c = check(s, "nothing irrelevant, too dear or lower", ty->bad == 0,
	    W_RELEVANT);
	if (ty->bad > 0) {
		note(c->why, sizeof c->why, "offered %s", ty->first_bad);
		note(c->better, sizeof c->better, "Leave out what does not fit "
		    "the need: it costs trust.");
	} else if (ty->offers == 0)
		note(c->why, sizeof c->why, "made no offer");
	else
		note(c->why, sizeof c->why, "no offer was off the point");

	c = check(s, "no more offers than needed", ty->counted <=
	    (size_t)sc->max_offers, W_FEW);
	note(c->why, sizeof c->why, "%zu offer(s), at most %d", ty->counted,
	    sc->max_offers);
	if (!c->passed)
		note(c->better, sizeof c->better,
		    "One or two good offers; more "
		    "feels like pressure.");
}

/*
 * The craft of the lines (price, benefit, language), counted only when an
 * offer helped (helped: 1 or 0).
 */
static void
score_craft(struct training_sheet *s, const struct scenario *sc,
    const struct tally *ty, int helped)
{
	struct training_check *c;

	/* the craft of the lines: counted only when an offer helped */
	if (ty->offers > 0) {
		c = check(s, "stated the price or the difference",
		    ty->no_price == 0, W_PRICE);
		c->counted = (int)helped;
		if (ty->no_price == 0)
			note(c->why, sizeof c->why, "every line said what it "
			    "costs");
		else
			note(c->why, sizeof c->why, "%zu line(s) did not say "
			    "what it costs", ty->no_price);
		if (!c->passed)
			note(c->better, sizeof c->better, "Choose a line (s) "
			    "that says how much more it is, and say it "
			    "plainly.");

		c = check(s, "led with a benefit", ty->no_benefit == 0,
		    W_BENEFIT);
		c->counted = (int)helped;
		if (ty->no_benefit == 0)
			note(c->why, sizeof c->why,
			    "each line opened with what "
			    "the %s gains", ty->guest);
		else
			note(c->why, sizeof c->why, "%zu line(s) did not open "
			    "with the benefit", ty->no_benefit);
		if (!c->passed)
			note(c->better, sizeof c->better, "Start with what it "
			    "does for them, then the price.");

		c = check(s, "spoke the customer's language", ty->other == 0,
		    W_LANGUAGE);
		c->counted = (int)helped;
		if (ty->other == 0)
			note(c->why, sizeof c->why, "every line in %s",
			    text_language_name(sc->lang));
		else if (ty->confused > 0)
			note(c->why, sizeof c->why, "%zu line(s) not in %s, "
			    "%zu not understood", ty->other,
			    text_language_name(sc->lang), ty->confused);
		else
			note(c->why, sizeof c->why, "%zu line(s) not in %s",
			    ty->other, text_language_name(sc->lang));
		if (!c->passed)
			note(c->better, sizeof c->better, "Switch the talking "
			    "points to %s (L) before you speak.",
			    text_language_name(sc->lang));
	}
}

/*
 * The vetoes: every no respected, what the customer said kept to, and
 * nothing untrue claimed.
 */
static void
score_vetoes(struct training_sheet *s, const struct training *t,
    const struct tally *ty)
{
	const struct scenario *sc = t->sc;
	struct training_check *c;

	/* the vetoes */
	c = check(s, "respected every no", ty->after_no == 0, 0);
	if (ty->after_no > 0) {
		note(c->why, sizeof c->why, "%zu offer(s) after \"%s\" (a %s)",
		    ty->after_no, t->no_line, t->no_mark == MARK_NO ? "no" :
		    "soft no");
		note(c->better, sizeof c->better, "A no, a soft one too, ends "
		    "the offers: thank them and finish the %s.", ty->end);
	} else if (t->said_no)
		note(c->why, sizeof c->why, "no offer after \"%s\"",
		    t->no_line);
	else
		note(c->why, sizeof c->why, "the %s did not say no", ty->guest);

	if (sc->limits != 0) {
		char what[160];

		c = check(s, "kept to what the customer said", ty->broke == 0,
		    0);
		if (ty->broke == 0) {
			limits_text(sc, sc->limits, what, sizeof what);
			note(c->why, sizeof c->why, "kept to %s", what);
		} else {
			limits_text(sc, ty->broke, what, sizeof what);
			note(c->why, sizeof c->why, "broke %s: %zu offer(s), "
			    "the first %s", what, ty->broke_n, ty->first_broke);
			limits_text(sc, sc->limits, what, sizeof what);
			note(c->better, sizeof c->better, "They told you: %s. "
			    "Offer only what keeps to it, or nothing.", what);
		}
	}

	if (t->answered >= 0) {
		int lie = sc->dishonest[t->answered];

		c = check(s, "stayed honest", !lie, 0);
		if (!lie)
			note(c->why, sizeof c->why, "claimed nothing untrue");
		else {
			note(c->why, sizeof c->why, "claimed what is not true: "
			    "%s", sc->answers[t->answered]);
			note(c->better, sizeof c->better, "Never claim what is "
			    "not true. Say: %s", sc->answers[sc->right_answer]);
		}
	}
}

/* The answer to the objection, when the customer hesitated. */
static void
score_objection(struct training_sheet *s, const struct training *t)
{
	const struct scenario *sc = t->sc;
	struct training_check *c;

	if (sc->mood == MOOD_HESITATE && t->answered >= 0) {
		c = check(s, "answered the objection well",
		    t->answered == sc->right_answer, W_ANSWER);
		note(c->why, sizeof c->why, "answered: %s",
		    sc->answers[t->answered]);
		if (!c->passed)
			note(c->better, sizeof c->better, "Better: %s",
			    sc->answers[sc->right_answer]);
	}
}

/* The sheet's totals: counted, passed, vetoes, percent and medal. */
static void
score_total(struct training_sheet *s)
{
	struct training_check *c;
	size_t i;
	int weight = 0, got = 0;

	for (i = 0; i < s->n; i++) {
		c = &s->c[i];
		if (c->veto) {
			s->counted++;
			s->passed += c->passed;
			s->vetoes += !c->passed;
		} else if (c->counted) {
			s->counted++;
			s->passed += c->passed;
			weight += c->weight;
			got += c->passed ? c->weight : 0;
		}
	}
	s->percent = weight > 0 ? got * 100 / weight : 0;
	if (s->vetoes > 0)
		s->percent /= 10;
	s->medal = "";
	if (s->vetoes == 0 && s->c[0].passed)
		s->medal = s->percent >= 90 ? "gold" : s->percent >= 75 ?
		    "silver" : s->percent >= 50 ? "bronze" : "";
}

void
training_score(const struct training *t, struct training_sheet *s)
{
	struct tally ty;

	memset(s, 0, sizeof *s);
	tally_offers(t, &ty);
	score_relevance(s, t->sc, &ty);
	score_focus(s, t->sc, &ty);
	score_craft(s, t->sc, &ty, !t->sc->best_none && ty.helped > 0);
	score_objection(s, t);
	score_vetoes(s, t, &ty);
	score_total(s);
}

void
training_check_text(const struct training_check *c, int ascii, char *buf,
    size_t size)
{
	const char *mark, *weight;
	char w[8];

	if (!c->counted) {
		mark = "-";
		weight = "--";
	} else {
		mark = c->passed ? (ascii ? "+" : "\xe2\x9c\x93") : (ascii ?
		    "x" : "\xe2\x9c\x97");
		if (c->veto)
			weight = "veto";
		else {
			snprintf(w, sizeof w, "%d", c->weight);
			weight = w;
		}
	}
	note(buf, size, "%s %-4s %s: %s%s", mark, weight, c->name,
	    c->counted ? "" : "not counted, no offer helped: ", c->why);
}

void
training_sheet_title(const struct scenario *sc,
    const struct training_sheet *s, char *buf, size_t size)
{
	if (s->medal[0] != '\0')
		note(buf, size, "SCORE  %s  %d%%  medal: %s", sc->id,
		    s->percent,
		    s->medal);
	else
		note(buf, size, "SCORE  %s  %d%%  no medal%s", sc->id,
		    s->percent, s->vetoes > 0 ? " (a veto)" : "");
}
