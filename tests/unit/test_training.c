/*
 * test_training — scenario files and the rubric (model/training.h): the
 * shipped scenarios load; bad ones are refused at their line; good and
 * bad play on several shipped scenarios score as a trainer would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/training.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

static struct scenarios shipped;

static int
setup(void **state)
{
	const char *td = getenv("UPLIFT_TESTDATA");
	char *dir, *cause = NULL;
	int rc;

	(void)state;
	dir = xasprintf("%s/../../assets/training", td != NULL ? td :
	    "tests/data");
	rc = scenarios_load_dir(dir, &shipped, &cause);
	if (rc != 0)
		fprintf(stderr, "%s\n", cause);
	free(cause);
	free(dir);
	return rc;
}

static int
teardown(void **state)
{
	(void)state;
	scenarios_free(&shipped);
	return 0;
}

static const struct scenario *
get(const char *id)
{
	const struct scenario *sc = scenarios_find(&shipped, id);

	assert_non_null(sc);
	return sc;
}

/* At least 12, shop and hotel, three levels, English and others. */
static void
test_shipped(void **state)
{
	size_t i, shop = 0, hotel = 0, lvl[3] = { 0, 0, 0 }, en = 0, bn = 0,
	    gu = 0;

	(void)state;
	assert_true(shipped.n >= 12);
	for (i = 0; i < shipped.n; i++) {
		const struct scenario *sc = &shipped.v[i];
		shop += sc->mode == TRAIN_SHOP;
		hotel += sc->mode == TRAIN_HOTEL;
		lvl[sc->difficulty]++;
		en += strcmp(sc->lang, "en") == 0;
		bn += strcmp(sc->lang, "bn") == 0;
		gu += strcmp(sc->lang, "gu") == 0;
	}
	assert_true(shop >= 4 && hotel >= 4);
	assert_true(lvl[0] > 0 && lvl[1] > 0 && lvl[2] > 0);
	assert_true(en >= 6 && bn >= 2 && gu >= 2);
}

static char *
parse_error(const char *text)
{
	struct scenario sc;
	char *cause = NULL;

	assert_int_equal(scenario_parse("bad.txt", text, strlen(text), &sc,
	    &cause), -1);
	assert_non_null(cause);
	return cause;
}

#define GOOD_HEAD "id = x\ntitle = T\ndifficulty = easy\nlang = en\n" \
	"mode = shop\ncustomer = C1\nmood = accept\ngood = A\n" \
	"open = o\naccept = a\ndecline = d\nnot_needed = n\n"

/* Each problem at its line; what is missing named; nothing kept. */
static void
test_validation(void **state)
{
	struct scenario sc;
	char *c = NULL;

	(void)state;
	assert_int_equal(scenario_parse("ok.txt", GOOD_HEAD,
	    strlen(GOOD_HEAD), &sc, &c), 0);
	assert_string_equal(sc.id, "x");
	scenario_free(&sc);

	c = parse_error(GOOD_HEAD "colour = red\n");
	assert_string_equal(c, "bad.txt:13: unknown key: \"colour\"");
	free(c);
	c = parse_error("id = x\ndifficulty = extreme\n");
	assert_non_null(strstr(c, "bad.txt:2: expected easy, medium or hard: "
	    "\"extreme\""));
	free(c);
	c = parse_error(GOOD_HEAD "id = y\n");
	assert_string_equal(c, "bad.txt:13: id given twice");
	free(c);
	c = parse_error(GOOD_HEAD "just words\n");
	assert_string_equal(c, "bad.txt:13: expected key = value: \"just "
	    "words\"");
	free(c);
	c = parse_error(GOOD_HEAD "max_offers = 9\n");
	assert_string_equal(c, "bad.txt:13: expected 1 to 5: \"9\"");
	free(c);
	c = parse_error(GOOD_HEAD "answer = maybe\n");
	assert_non_null(strstr(c, "bad.txt:13: an answer starts with +"));
	free(c);
	c = parse_error(GOOD_HEAD "lang = english\n");
	assert_non_null(strstr(c, "bad.txt:13: lang given twice"));
	free(c);
	/* a hesitating customer needs an objection and a good answer */
	c = parse_error("id = x\ntitle = T\ndifficulty = easy\nlang = en\n"
	    "mode = shop\ncustomer = C1\nmood = hesitate\ngood = A\n"
	    "open = o\naccept = a\ndecline = d\nnot_needed = n\n"
	    "objection = hm\nanswer = - a\nanswer = - b\n");
	assert_string_equal(c, "bad.txt: a hesitating customer needs an "
	    "objection and 2 to 4 answers, one marked +");
	free(c);
	/* what is missing, all of it */
	c = parse_error("id = x\n");
	assert_non_null(strstr(c, "bad.txt: no title"));
	assert_non_null(strstr(c, "bad.txt: no mode"));
	assert_non_null(strstr(c, "bad.txt: no good offer"));
	free(c);
	/* a hotel needs its hotel and stay; bytes that are not text */
	c = parse_error("id = x\ntitle = T\ndifficulty = easy\nlang = en\n"
	    "mode = hotel\nmood = accept\ngood = A\nopen = o\naccept = a\n"
	    "decline = d\nnot_needed = n\nreservation = R1\n");
	assert_string_equal(c, "bad.txt: a hotel scenario names its hotel and "
	    "reservation");
	free(c);
	c = parse_error("id = x\ntitle = \xff\xfe\n");
	assert_string_equal(c, "bad.txt: not UTF-8 text");
	free(c);
	{
		char big[600];

		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		memcpy(big, "need = ", 7);
		c = parse_error(big);
		assert_string_equal(c, "bad.txt:1: line longer than 400 bytes");
		free(c);
	}
}

static struct training_offer
offer(const char *code, const char *line, const char *lang,
    const char *diff, const char *benefit)
{
	struct training_offer o;

	memset(&o, 0, sizeof o);
	o.code = code;
	o.name = code;
	o.line = line;
	o.lang = lang;
	o.diff = diff;
	o.benefit = benefit;
	return o;
}

static int
passed(const struct training_sheet *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->c[i].name, name) == 0)
			return s->c[i].passed;
	fail_msg("no check \"%s\"", name);
	return -1;
}

/* The easy coat: the gloves with benefit and price is a full score. */
static void
test_good_play(void **state)
{
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("CL-GLOV-THM", "Warm and windproof "
	    "hands for the walk: the Thermal Gloves, £9.99.", "en", "9.99",
	    "warm and windproof hands");

	(void)state;
	training_start(&t, get("shop-coat-gloves"));
	assert_int_equal(training_offer(&t, &o), REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(s.n, 7);
	assert_int_equal(s.passed, 7);
	assert_int_equal(s.percent, 100);
	assert_string_equal(s.medal, "gold");
	/* the dialogue: the need, the opening, the offer, the yes */
	assert_int_equal(t.nlines, 4);
	assert_int_equal(t.lines[2].speaker, SAYS_TRAINEE);
	assert_int_equal(t.lines[3].speaker, SAYS_CUSTOMER);
	assert_string_equal(t.lines[3].text, get("shop-coat-gloves")->accept);
	training_clear(&t);
}

/* Milk to the coat customer, no price, wrong language: the checks fail
 * and say what would have been better. */
static void
test_bad_play(void **state)
{
	struct training t;
	struct training_sheet s;
	struct training_offer o1 = offer("GR-MILK-1L", "Milk?", "bn", "1.15",
	    NULL);
	struct training_offer o2 = offer("CL-SCRF-KNT", "The Knitted Scarf "
	    "goes with it.", "en", "12.99", "soft and warm");
	struct training_offer o3 = offer("CL-GLOV-THM", "Gloves, £9.99.",
	    "en", "9.99", "warm hands");
	size_t i;

	(void)state;
	training_start(&t, get("shop-coat-gloves"));
	assert_int_equal(training_offer(&t, &o1), REPLY_NOT_NEEDED);
	assert_int_equal(training_offer(&t, &o2), REPLY_ACCEPTED);
	assert_int_equal(training_offer(&t, &o3), REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "offered something relevant"), 1);
	assert_int_equal(passed(&s, "nothing irrelevant, too dear or lower"),
	    0);
	assert_int_equal(passed(&s, "stated the price difference"), 0);
	assert_int_equal(passed(&s, "led with a benefit"), 0);
	assert_int_equal(passed(&s, "used the customer's language"), 0);
	assert_int_equal(passed(&s, "no more offers than needed"), 0);
	assert_int_equal(passed(&s, "respected a no"), 1);
	assert_int_equal(s.passed, 2);
	assert_int_equal(s.percent, 28);
	assert_string_equal(s.medal, "");
	for (i = 0; i < s.n; i++)
		if (!s.c[i].passed)
			assert_true(s.c[i].better[0] != '\0');
	training_clear(&t);
}

/* The hard laptop: the relevant offer meets a firm no; offering again is
 * the failure the scenario is about. */
static void
test_respect_no(void **state)
{
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("LT-BK14-16", "Twice the memory for "
	    "your coursework: the 16 GB, £80.00 more.", "en", "80.00",
	    "twice the memory for your coursework");

	(void)state;
	training_start(&t, get("shop-laptop-budget"));
	assert_int_equal(training_offer(&t, &o), REPLY_DECLINED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(s.percent, 100);
	training_clear(&t);

	training_start(&t, get("shop-laptop-budget"));
	assert_int_equal(training_offer(&t, &o), REPLY_DECLINED);
	assert_int_equal(training_offer(&t, &o), REPLY_NOT_NEEDED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "respected a no"), 0);
	assert_int_equal(passed(&s, "no more offers than needed"), 0);
	assert_int_equal(s.passed, 5);
	assert_int_equal(s.percent, 71);
	assert_string_equal(s.medal, "bronze");
	/* after the no, the customer says so in the scenario's words, or
	 * in the default ones */
	assert_string_equal(t.lines[t.nlines - 1].text,
	    "I did say no, thank you.");
	training_clear(&t);

	training_start(&t, get("hotel-breakfast-gu"));
	o = offer("BRK", "x", "gu", NULL, NULL);
	assert_int_equal(training_offer(&t, &o), REPLY_DECLINED);
	assert_int_equal(training_offer(&t, &o), REPLY_NOT_NEEDED);
	assert_string_equal(t.lines[t.nlines - 1].text,
	    get("hotel-breakfast-gu")->again);
	assert_non_null(strstr(t.lines[t.nlines - 1].text, "આભાર"));
	training_clear(&t);
}

/* A hesitating customer (Gujarati rice): the right answer wins the sale
 * and the objection check; a pushy one loses both. */
static void
test_objection(void **state)
{
	const struct scenario *sc = get("shop-rice-gu");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("GR-RICE-05K", "Basmati Rice 5 kg: "
	    "7.50 પાઉન્ડ વધુ.", "gu", "7.50", NULL);

	(void)state;
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &o), REPLY_OBJECTION);
	assert_true(t.objecting);
	/* no second offer while the customer waits */
	assert_int_equal(training_offer(&t, &o), REPLY_DONE);
	assert_int_equal(training_answer(&t, 9), REPLY_DONE);
	assert_int_equal(training_answer(&t, (size_t)sc->right_answer),
	    REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(s.n, 8);
	assert_int_equal(passed(&s, "answered the objection well"), 1);
	assert_int_equal(s.percent, 100);
	training_clear(&t);

	training_start(&t, sc);
	training_offer(&t, &o);
	assert_int_equal(training_answer(&t, sc->right_answer == 0 ? 1 : 0),
	    REPLY_DECLINED);
	assert_true(t.said_no);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "answered the objection well"), 0);
	assert_non_null(strstr(s.c[s.n - 1].better,
	    sc->answers[sc->right_answer]));
	assert_int_equal(s.percent, 87);
	assert_string_equal(s.medal, "silver");
	training_clear(&t);
}

/* A hotel scenario: an upgrade code, and doing nothing at all. */
static void
test_hotel_and_nothing(void **state)
{
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("DLX", "A river view and 6 m² more "
	    "room — the Deluxe, £30.00 a night, £90.00 in all.", "en", "30.00",
	    "a river view and 6 m² more room");

	(void)state;
	training_start(&t, get("hotel-repeat-deluxe"));
	assert_int_equal(training_offer(&t, &o), REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(s.percent, 100);
	training_clear(&t);

	training_start(&t, get("hotel-repeat-deluxe"));
	training_finish(&t);
	assert_int_equal(training_offer(&t, &o), REPLY_DONE);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "offered something relevant"), 0);
	assert_int_equal(passed(&s, "stated the price difference"), 0);
	assert_int_equal(s.percent, 42);
	training_clear(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_good_play),
		cmocka_unit_test(test_bad_play),
		cmocka_unit_test(test_respect_no),
		cmocka_unit_test(test_objection),
		cmocka_unit_test(test_hotel_and_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
