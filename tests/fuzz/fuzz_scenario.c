/*
 * fuzz_scenario — libFuzzer target for the training scenario loader and a
 * run of it (model/training.h).  A text that loads is played: every good
 * and bad code offered, objections answered with every index, the run
 * scored; the promises are checked (abort() on a broken one): a refusal
 * has a message and keeps nothing; a loaded scenario has what it needs;
 * the score is within 0..100 with a medal that matches; each failed check
 * says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/training.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
play(const struct scenario *sc, size_t answer, const char *lang)
{
	struct training t;
	struct training_sheet s;
	struct training_offer o;
	size_t i;

	training_start(&t, sc);
	for (i = 0; i < sc->ngood + sc->nbad + 1; i++) {
		memset(&o, 0, sizeof o);
		o.code = i < sc->ngood ? sc->good[i] : i < sc->ngood + sc->nbad ?
		    sc->bad[i - sc->ngood] : "NOT-A-CODE";
		o.name = o.code;
		o.line = i % 2 ? sc->open : "";
		o.lang = lang;
		o.diff = i % 3 ? "1.00" : NULL;
		o.benefit = i % 2 ? sc->need : NULL;
		if (training_offer(&t, &o) == REPLY_OBJECTION)
			(void)training_answer(&t, answer);
	}
	training_finish(&t);
	training_score(&t, &s);
	CHECK(s.n >= 7 && s.n <= TRAINING_CHECKS_MAX);
	CHECK(s.percent >= 0 && s.percent <= 100);
	CHECK((s.percent >= 90) == (strcmp(s.medal, "gold") == 0));
	for (i = 0; i < s.n; i++)
		CHECK(s.c[i].why[0] != '\0');
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
	CHECK(sc.ngood > 0 && sc.open != NULL);
	CHECK(sc.mood != MOOD_HESITATE || (sc.nanswers >= 2 &&
	    sc.right_answer >= 0 && (size_t)sc.right_answer < sc.nanswers));
	for (a = 0; a <= sc.nanswers; a++)
		play(&sc, a, a % 2 ? sc.lang : "en");
	scenario_free(&sc);
	return 0;
}
