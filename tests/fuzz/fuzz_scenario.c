/*
 * fuzz_scenario — libFuzzer target for the training scenario loader and a
 * run of it (model/training.h).  A text that loads is played: every good
 * and bad code offered, objections answered with every index, the run
 * scored; the promises are checked (abort() on a broken one): a refusal
 * has a message and keeps nothing; a loaded scenario has what it needs;
 * the score is within 0..100 with a medal that matches (none with a
 * veto); each check says why, and its sheet row is valid UTF-8.  The
 * offers cover the rubric's fields: lines in and out of the customer's
 * languages, upgrades, totals over and under a budget, every answer
 * (the dishonest ones too).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "model/training.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
play(const struct scenario *sc, size_t answer, const char *lang)
{
	struct training t;
	struct training_sheet s;
	struct training_offer o;
	char row[256];
	size_t i, n = sc->ngood + sc->nbad + sc->nreplies + 1, bad;

	training_start(&t, sc);
	for (i = 0; i < n; i++) {
		memset(&o, 0, sizeof o);
		o.code = i < sc->ngood ? sc->good[i] : i < sc->ngood + sc->nbad ?
		    sc->bad[i - sc->ngood] : i < n - 1 ?
		    sc->replies[i - sc->ngood - sc->nbad].code : "NOT-A-CODE";
		o.name = o.code;
		o.line = i % 2 ? sc->open : "";
		o.lang = i % 3 == 2 ? "xx" : lang;
		o.diff = i % 3 ? "1.00" : NULL;
		o.price = i % 4 ? "2.00" : NULL;
		o.benefit = i % 2 ? sc->need : NULL;
		o.upgrade = (int)(i % 2);
		o.total = i % 5 == 4 ? -1 : (int64_t)i * 40000;
		o.scale = (int)(i % 8);
		if (training_offer(&t, &o) == REPLY_OBJECTION)
			(void)training_answer(&t, answer);
	}
	training_finish(&t);
	training_score(&t, &s);
	CHECK(s.n >= 4 && s.n <= TRAINING_CHECKS_MAX);
	CHECK(s.percent >= 0 && s.percent <= 100);
	CHECK(s.vetoes == 0 || s.medal[0] == '\0');
	CHECK(strcmp(s.medal, "gold") != 0 || s.percent >= 90);
	CHECK(s.vetoes > 0 || !s.c[0].passed || (s.percent >= 90) ==
	    (strcmp(s.medal, "gold") == 0));
	for (i = 0; i < s.n; i++) {
		CHECK(s.c[i].why[0] != '\0');
		CHECK(text_valid_utf8(s.c[i].why, strlen(s.c[i].why), &bad));
		training_check_text(&s.c[i], (int)(i % 2), row, sizeof row);
		CHECK(text_valid_utf8(row, strlen(row), &bad));
	}
	training_sheet_title(sc, &s, row, sizeof row);
	CHECK(text_valid_utf8(row, strlen(row), &bad));
	CHECK(t.nlines <= TRAINING_LINES_MAX);
	training_clear(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario sc;
	char *cause = NULL;
	size_t a;

	if (scenario_parse("fuzz.txt", (const char *)data, size, &sc,
	    &cause) != 0) {
		CHECK(cause != NULL && strncmp(cause, "fuzz.txt", 8) == 0);
		CHECK(sc.id == NULL && sc.ngood == 0);
		free(cause);
		return 0;
	}
	CHECK(sc.id != NULL && sc.title != NULL && sc.lang != NULL);
	CHECK((sc.ngood > 0 || sc.best_none) && sc.open != NULL);
	CHECK(sc.open_mark >= MARK_YES && sc.open_mark <= MARK_NO);
	CHECK(sc.mood != MOOD_HESITATE || (sc.nanswers >= 2 &&
	    sc.right_answer >= 0 && (size_t)sc.right_answer < sc.nanswers));
	for (a = 0; a <= sc.nanswers; a++)
		play(&sc, a, a % 2 ? sc.lang : "en");
	scenario_free(&sc);
	return 0;
}
