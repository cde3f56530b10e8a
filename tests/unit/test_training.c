/*
 * test_training — scenario files and the rubric (model/training.h): the
 * shipped scenarios load; bad ones are refused at their line, the rubric's
 * fields (marks, limits, replies, languages, honest = no, best = none)
 * read; the line checks; and the plays of issue 18 (a push past a soft
 * no, an upgrade past a budget, a false claim, an irrelevant offer, a line
 * in a language the customer does not speak) score as a coach would.
 * The whole order over every scenario is test_rubric's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/text.h"
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

/* At least 18, shop and hotel, three levels, English and others; what
 * the rubric needs of them: a bad offer to play (the irrelevant run), an
 * answer marked honest = no for every hesitating customer (the dishonest
 * one), restraint as the best move, stated limits and line marks. */
static void
test_shipped(void **state)
{
	size_t i, shop = 0, hotel = 0, lvl[3] = { 0, 0, 0 }, en = 0, bn = 0,
	    gu = 0, none = 0, limits = 0, replies = 0, soft_open = 0, j;

	(void)state;
	assert_true(shipped.n >= 18);
	for (i = 0; i < shipped.n; i++) {
		const struct scenario *sc = &shipped.v[i];
		int lie = 0;

		shop += sc->mode == TRAIN_SHOP;
		hotel += sc->mode == TRAIN_HOTEL;
		lvl[sc->difficulty]++;
		en += strcmp(sc->lang, "en") == 0;
		bn += strcmp(sc->lang, "bn") == 0;
		gu += strcmp(sc->lang, "gu") == 0;
		none += sc->best_none;
		limits += sc->limits != 0;
		replies += sc->nreplies;
		soft_open += sc->open_mark == MARK_SOFT_NO;
		assert_true(sc->nbad > 0);
		/* each plays on the demo data's day, whatever the computer's
		 * clock says (a stay over, a season gone otherwise) */
		if (sc->at == NULL || strncmp(sc->at, "2026-11-23", 10) != 0)
			fail_msg("%s: not at the demo's day", sc->id);
		for (j = 0; j < sc->nanswers; j++)
			lie += sc->dishonest[j];
		if (sc->mood == MOOD_HESITATE && lie == 0)
			fail_msg("%s: no answer marked honest = no", sc->id);
	}
	assert_true(shop >= 6 && hotel >= 6);
	assert_true(lvl[0] > 0 && lvl[1] > 0 && lvl[2] > 0);
	assert_true(en >= 6 && bn >= 4 && gu >= 4);
	assert_true(none >= 3 && limits >= 5 && replies >= 1 &&
	    soft_open >= 2);
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

/* The new fields, each refused at its line. */
static void
test_validation_rubric(void **state)
{
	char *c;

	(void)state;
	c = parse_error(GOOD_HEAD "again = [maybe] hm\n");
	assert_string_equal(c, "bad.txt:13: a mark is [yes], [hesitant], "
	    "[soft-no] or [no]: \"maybe\"");
	free(c);
	c = parse_error(GOOD_HEAD "again = [no]\n");
	assert_string_equal(c, "bad.txt:13: nothing said after the mark");
	free(c);
	c = parse_error(GOOD_HEAD "reply = A Fine.\n");
	assert_non_null(strstr(c, "bad.txt:13: a reply gives its mark after "
	    "the code"));
	free(c);
	c = parse_error(GOOD_HEAD "reply = A [yes] a\nreply = A [no] b\n");
	assert_string_equal(c, "bad.txt:14: a second reply to: \"A\"");
	free(c);
	c = parse_error(GOOD_HEAD "honest = no\n");
	assert_string_equal(c, "bad.txt:13: honest = follows the answer it is "
	    "about");
	free(c);
	c = parse_error(GOOD_HEAD "answer = + true\nhonest = no\n");
	assert_string_equal(c, "bad.txt:14: the good (+) answer cannot be "
	    "dishonest");
	free(c);
	c = parse_error(GOOD_HEAD "answer = - x\nhonest = no\nhonest = no\n");
	assert_string_equal(c, "bad.txt:15: honest given twice for one answer");
	free(c);
	c = parse_error(GOOD_HEAD "budget = lots\n");
	assert_string_equal(c, "bad.txt:13: a budget is an amount above 0, "
	    "such as 450.00: \"lots\"");
	free(c);
	c = parse_error(GOOD_HEAD "budget = -5\n");
	assert_non_null(strstr(c, "a budget is an amount above 0"));
	free(c);
	c = parse_error(GOOD_HEAD "at = tomorrow\n");
	assert_string_equal(c, "bad.txt:13: a time is YYYY-MM-DD HH:MM, such "
	    "as 2026-11-23 14:32: \"tomorrow\"");
	free(c);
	c = parse_error(GOOD_HEAD "at = 2026-11-23\nat = 2026-11-24\n");
	assert_string_equal(c, "bad.txt:14: at given twice");
	free(c);
	c = parse_error(GOOD_HEAD "hurry = soon\n");
	assert_string_equal(c, "bad.txt:13: expected yes or no: \"soon\"");
	free(c);
	c = parse_error(GOOD_HEAD "just_this = yes\njust_this = no\n");
	assert_string_equal(c, "bad.txt:14: just_this given twice");
	free(c);
	c = parse_error(GOOD_HEAD "best = nothing\n");
	assert_string_equal(c, "bad.txt:13: expected none or offer: "
	    "\"nothing\"");
	free(c);
	c = parse_error(GOOD_HEAD "speaks = en, english\n");
	assert_string_equal(c, "bad.txt:13: a language is two letters (en, "
	    "bn, gu): \"english\"");
	free(c);
	/* best = none needs no good offer; without it one is needed */
	c = parse_error("id = x\ntitle = T\ndifficulty = easy\nlang = en\n"
	    "mode = shop\ncustomer = C1\nmood = accept\nbad = A\n"
	    "open = o\naccept = a\ndecline = d\nnot_needed = n\n");
	assert_string_equal(c, "bad.txt: no good offer (or best = none)");
	free(c);
}

/* Marks, limits, replies, languages and honesty as read. */
static void
test_parse_rubric(void **state)
{
	static const char text[] = "id = x\ntitle = T\ndifficulty = easy\n"
	    "lang = gu\nspeaks = en, bn\nmode = shop\ncustomer = C1\n"
	    "at = 2026-11-23 14:32\n"
	    "mood = hesitate\nbest = none\nbudget = 450.00\nhurry = yes\n"
	    "just_this = no\nno_upgrade = yes\nbad = A\n"
	    "open = [soft-no] Just this.\naccept = Fine.\ndecline = No.\n"
	    "not_needed = Not for me.\nconfused = [hesitant] Eh?\n"
	    "reply = B [hesitant] Hmm, that much?\n"
	    "objection = Why?\nanswer = + Because.\nanswer = - Everyone does.\n"
	    "honest = no\nanswer = - It is nicer.\nhonest = yes\n";
	struct scenario sc;
	char *c = NULL;

	(void)state;
	assert_int_equal(scenario_parse("ok.txt", text, strlen(text), &sc,
	    &c), 0);
	assert_string_equal(sc.open, "Just this.");
	assert_int_equal(sc.open_mark, MARK_SOFT_NO);
	/* unmarked lines: their defaults */
	assert_int_equal(sc.accept_mark, MARK_YES);
	assert_int_equal(sc.decline_mark, MARK_NO);
	assert_int_equal(sc.not_needed_mark, MARK_SOFT_NO);
	assert_int_equal(sc.again_mark, MARK_NO);
	assert_int_equal(sc.objection_mark, MARK_HESITANT);
	assert_int_equal(sc.confused_mark, MARK_HESITANT);
	assert_string_equal(sc.confused, "Eh?");
	assert_int_equal(sc.nreplies, 1);
	assert_string_equal(sc.replies[0].code, "B");
	assert_string_equal(sc.replies[0].text, "Hmm, that much?");
	assert_int_equal(sc.replies[0].mark, MARK_HESITANT);
	assert_int_equal(sc.best_none, 1);
	assert_int_equal(sc.limits, LIMIT_BUDGET | LIMIT_HURRY |
	    LIMIT_NO_UPGRADE);
	assert_string_equal(sc.budget, "450.00");
	assert_true(sc.budget_micro == 450000000);
	assert_string_equal(sc.at, "2026-11-23 14:32");
	{
		const char *why;
		int64_t t;

		assert_int_equal(civil_parse_time("2026-11-23 14:32", 16, &t,
		    &why), 0);
		assert_true(sc.at_time == t);
	}
	assert_true(scenario_speaks(&sc, "gu") && scenario_speaks(&sc, "en") &&
	    scenario_speaks(&sc, "bn"));
	assert_false(scenario_speaks(&sc, "fr") || scenario_speaks(&sc, NULL));
	assert_int_equal(sc.dishonest[0], 0);
	assert_int_equal(sc.dishonest[1], 1);
	assert_int_equal(sc.dishonest[2], 0);
	assert_string_equal(training_mark_name(sc.open_mark), "soft-no");
	scenario_free(&sc);
}

/* The line checks: the benefit in the first half, the price as a number
 * of its own; degenerate input first. */
static void
test_line_check(void **state)
{
	(void)state;
	assert_int_equal(training_line_check(NULL, "b", "1", "2"), 0);
	assert_int_equal(training_line_check("", NULL, "1", "2"), 0);
	assert_int_equal(training_line_check("Anything", NULL, NULL, NULL),
	    LINE_BENEFIT);
	assert_int_equal(training_line_check("Anything", "", NULL, NULL),
	    LINE_BENEFIT);
	assert_int_equal(training_line_check("Warm hands: the gloves, £9.99.",
	    "warm hands", "9.99", "9.99"), LINE_BENEFIT | LINE_PRICE);
	/* the benefit at the end is not leading with it */
	assert_int_equal(training_line_check("The gloves are £9.99, and you "
	    "get warm hands", "warm hands", "9.99", NULL), LINE_PRICE);
	/* the price or the difference */
	assert_int_equal(training_line_check("Warm hands for 2.00 more",
	    "warm hands", "11.99", "2.00"), LINE_BENEFIT | LINE_PRICE);
	/* a number inside another is not it */
	assert_int_equal(training_line_check("Milk: 11.15 a crate",
	    "milk", "1.15", NULL), LINE_BENEFIT);
	assert_int_equal(training_line_check("Milk: 1.150 a crate",
	    "milk", "1.15", NULL), LINE_BENEFIT);
	assert_int_equal(training_line_check("Milk (1.15).", "milk", "1.15",
	    NULL), LINE_BENEFIT | LINE_PRICE);
	/* Bengali and Gujarati benefits, byte for byte */
	assert_int_equal(training_line_check("চুল আরও নরম হয় — দাম 3.79 "
	    "পাউন্ড।", "চুল আরও নরম হয়", "3.79", NULL), LINE_BENEFIT |
	    LINE_PRICE);
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
	o.total = -1;
	return o;
}

static const struct training_check *
find_check(const struct training_sheet *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->c[i].name, name) == 0)
			return &s->c[i];
	fail_msg("no check \"%s\"", name);
	return NULL;
}

static int
passed(const struct training_sheet *s, const char *name)
{
	return find_check(s, name)->passed;
}

/* A run with no offer at all, scored. */
static int
restrained(const struct scenario *sc)
{
	struct training t;
	struct training_sheet s;

	training_start(&t, sc);
	training_finish(&t);
	training_score(&t, &s);
	training_clear(&t);
	return s.percent;
}

static const struct training_offer gloves = {
	.code = "CL-GLOV-THM", .name = "Thermal Gloves",
	.line = "Warm and windproof hands for the walk: the Thermal Gloves, "
	    "£9.99.", .lang = "en", .diff = "9.99", .price = "9.99",
	.benefit = "warm and windproof hands", .total = 6899, .scale = 2,
};

/* The easy coat: the gloves with benefit and price is a full score. */
static void
test_good_play(void **state)
{
	struct training t;
	struct training_sheet s;
	size_t i;

	(void)state;
	training_start(&t, get("shop-coat-gloves"));
	assert_int_equal(training_offer(&t, &gloves), REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	/* helps, relevant, few, price, benefit, language, every no */
	assert_int_equal(s.n, 7);
	assert_int_equal(s.passed, 7);
	assert_int_equal(s.counted, 7);
	assert_int_equal(s.vetoes, 0);
	assert_int_equal(s.percent, 100);
	assert_string_equal(s.medal, "gold");
	for (i = 0; i < s.n; i++)
		assert_string_equal(s.c[i].better, "");
	/* the dialogue: the need, the opening, the offer, the yes */
	assert_int_equal(t.nlines, 4);
	assert_int_equal(t.nsaid, 4);
	assert_int_equal(t.lines[2].speaker, SAYS_TRAINEE);
	assert_int_equal(t.lines[3].speaker, SAYS_CUSTOMER);
	assert_string_equal(t.lines[3].text, get("shop-coat-gloves")->accept);
	training_clear(&t);
}

/*
 * Issue 18, 3: "I don't need that today, thanks." is a no.  Milk, then
 * the scarf and the gloves after it: the customer says so, and the run
 * is vetoed — below a run with no offer, no medal.
 */
static void
test_soft_no(void **state)
{
	const struct scenario *sc = get("shop-coat-gloves");
	struct training t;
	struct training_sheet s;
	struct training_offer milk = offer("GR-MILK-1L", "Fresh every "
	    "morning — do you need milk today? It's £1.15.", "en", "1.15",
	    "fresh every morning");
	int i;

	(void)state;
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &milk), REPLY_NOT_NEEDED);
	assert_true(t.said_no);
	assert_int_equal(t.no_mark, MARK_SOFT_NO);
	assert_string_equal(t.no_line, sc->not_needed);
	for (i = 0; i < 8; i++)
		assert_int_equal(training_offer(&t, &gloves), REPLY_NOT_NEEDED);
	/* after the no the customer says so, in the default words here */
	assert_string_equal(t.lines[t.nlines - 1].text,
	    "I did say no, thank you.");
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "respected every no"), 0);
	assert_non_null(strstr(find_check(&s, "respected every no")->why,
	    "8 offer(s) after \"I don't need that today, thanks.\" (a soft "
	    "no)"));
	assert_true(find_check(&s, "respected every no")->veto);
	assert_int_equal(s.vetoes, 1);
	assert_string_equal(s.medal, "");
	assert_true(s.percent < restrained(sc));
	assert_true(s.percent <= 10);
	training_clear(&t);
}

/*
 * Issue 18, 2: the £80 upgrade past a stated £450 breaks the budget: he
 * says no, the run is vetoed; holding back is the best move (100 %).
 */
static void
test_budget(void **state)
{
	const struct scenario *sc = get("shop-laptop-budget");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("LT-BK14-16", "Keeps dozens of tabs "
	    "and apps running smoothly: that's the Book 14 Laptop 16 GB, for "
	    "£80.00 more than the Book 14 Laptop 8 GB.", "en", "80.00",
	    "keeps dozens of tabs and apps running smoothly");

	(void)state;
	o.upgrade = 1;
	o.total = 52900;
	o.scale = 2;
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &o), REPLY_DECLINED);
	assert_int_equal(t.ev[0].broke, LIMIT_BUDGET);
	assert_string_equal(t.lines[t.nlines - 1].text, sc->decline);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "kept to what the customer said"), 0);
	assert_non_null(strstr(find_check(&s, "kept to what the customer "
	    "said")->why, "broke a budget of 450.00: 1 offer(s)"));
	assert_int_equal(passed(&s, "held back, as the customer needed"), 0);
	assert_string_equal(s.medal, "");
	assert_true(s.percent < restrained(sc));
	training_clear(&t);
	assert_int_equal(restrained(sc), 100);

	/* within the budget, to the penny, it is kept (another scale) */
	training_start(&t, sc);
	o.total = 450000;
	o.scale = 3;
	training_offer(&t, &o);
	assert_int_equal(t.ev[0].broke, 0);
	training_clear(&t);
	/* a total not known breaks nothing */
	training_start(&t, sc);
	o.total = -1;
	training_offer(&t, &o);
	assert_int_equal(t.ev[0].broke, 0);
	training_clear(&t);
}

/*
 * Issue 18, 1: pushing past "just the dal" (a soft no, and a hurry):
 * four offers in Gujarati are vetoed and score below offering nothing,
 * which scores 100 %.
 */
static void
test_push_past_no(void **state)
{
	const struct scenario *sc = get("shop-lentils-gu");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("GR-RICE-01K", "લાંબા દાણા — કિંમત "
	    "2.49 પાઉન્ડ.", "gu", "2.49", "લાંબા દાણા");
	int i;

	(void)state;
	training_start(&t, sc);
	assert_true(t.said_no);          /* the opening line is a soft no */
	for (i = 0; i < 4; i++)
		assert_int_equal(training_offer(&t, &o), REPLY_NOT_NEEDED);
	assert_string_equal(t.lines[t.nlines - 1].text, sc->again);
	assert_int_equal(t.ev[1].broke, LIMIT_HURRY | LIMIT_JUST_THIS);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(s.vetoes, 2);
	assert_string_equal(s.medal, "");
	assert_true(s.percent < restrained(sc));
	assert_int_equal(restrained(sc), 100);
	training_clear(&t);
}

/*
 * Issue 18, 4: a false claim is a veto even when the answer is one of
 * the scenario's; an honest wrong answer only loses the check.
 */
static void
test_dishonest(void **state)
{
	const struct scenario *sc = get("shop-phone-case");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("AC-CASE-NOVA", "Drop-proof edges: "
	    "the Nova Phone Case, for your new phone. It's £12.99.", "en",
	    "12.99", "drop-proof edges");
	size_t lie = 2, i;

	(void)state;
	assert_true(sc->dishonest[lie]);
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &o), REPLY_OBJECTION);
	assert_int_equal(training_answer(&t, lie), REPLY_DECLINED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "stayed honest"), 0);
	assert_non_null(strstr(find_check(&s, "stayed honest")->better,
	    sc->answers[sc->right_answer]));
	assert_int_equal(passed(&s, "answered the objection well"), 0);
	assert_true(s.vetoes >= 1);
	assert_string_equal(s.medal, "");
	assert_true(s.percent < restrained(sc));
	training_clear(&t);

	/* every '-' answer not marked honest = no: no veto */
	for (i = 0; i < sc->nanswers; i++) {
		if ((int)i == sc->right_answer || sc->dishonest[i])
			continue;
		fail_msg("phone case: answer %zu is not marked", i);
	}
	sc = get("shop-ghee-bn");
	training_start(&t, sc);
	o = offer("GR-GHEE-01K", "দুটো বয়ামের চেয়ে ৯৯ পেনি কম — 5.00 "
	    "পাউন্ড বেশি।", "bn", "5.00", NULL);
	assert_int_equal(training_offer(&t, &o), REPLY_OBJECTION);
	assert_int_equal(training_answer(&t, 1), REPLY_DECLINED);
	assert_false(sc->dishonest[1]);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "stayed honest"), 1);
	assert_int_equal(passed(&s, "answered the objection well"), 0);
	assert_int_equal(s.vetoes, 0);
	training_clear(&t);
}

/*
 * Issue 18, 5: an offer on the scenario's bad list (milk in the phone
 * scenario) helps nobody: below holding back, no medal; one in neither
 * list is neutral — no credit, no fault.
 */
static void
test_irrelevant(void **state)
{
	const struct scenario *sc = get("shop-phone-case");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("GR-MILK-1L", "Fresh every morning — "
	    "do you need milk today? It's £1.15.", "en", "1.15",
	    "fresh every morning");

	(void)state;
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &o), REPLY_NOT_NEEDED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "offered what helps"), 0);
	assert_int_equal(passed(&s, "nothing irrelevant, too dear or lower"),
	    0);
	/* the lines were fine, but relevance comes first: not counted */
	assert_int_equal(find_check(&s, "led with a benefit")->counted, 0);
	assert_true(s.percent < restrained(sc));
	assert_string_equal(s.medal, "");
	training_clear(&t);

	o.code = "SO-BEAU-100";      /* neither good nor bad */
	training_start(&t, sc);
	training_offer(&t, &o);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "offered what helps"), 0);
	assert_int_equal(passed(&s, "nothing irrelevant, too dear or lower"),
	    1);
	assert_int_equal(s.percent, restrained(sc));
	assert_string_equal(s.medal, "");
	training_clear(&t);
}

/*
 * A line in a language the customer does not speak: "Sorry?" (or the
 * scenario's words), not an offer they heard — no no, not counted among
 * the offers, the language check failed; in their language they take it.
 */
static void
test_language(void **state)
{
	const struct scenario *sc = get("shop-tea-bn");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("GR-TEA-ASM", "Malty Assam leaf, "
	    "strong with milk — it's £2.39.", "en", "0.40",
	    "malty Assam leaf, strong with milk");
	struct training_offer b = offer("GR-TEA-ASM", "মল্টি আসাম পাতা — দাম "
	    "0.40 পাউন্ড বেশি।", "bn", "0.40", "মল্টি আসাম পাতা");

	(void)state;
	o.price = "2.39";
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &o), REPLY_CONFUSED);
	assert_string_equal(t.lines[t.nlines - 1].text, sc->confused);
	assert_false(t.said_no);
	assert_false(t.accepted);
	assert_int_equal(training_offer(&t, &b), REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "spoke the customer's language"), 0);
	assert_non_null(strstr(find_check(&s, "spoke the customer's "
	    "language")->why, "1 not understood"));
	assert_int_equal(passed(&s, "no more offers than needed"), 1);
	assert_int_equal(passed(&s, "offered what helps"), 1);
	assert_string_equal(s.medal, "silver");
	training_clear(&t);

	/* a customer who speaks English too understands it: only the
	 * language check notices */
	sc = get("shop-shampoo-bn");
	training_start(&t, sc);
	o.code = "SH-HERB-250";
	assert_int_equal(training_offer(&t, &o), REPLY_ACCEPTED);
	training_clear(&t);
	/* without a confused line of its own: "Sorry?" */
	sc = get("shop-coat-gloves");
	training_start(&t, sc);
	b.code = "CL-GLOV-THM";
	assert_int_equal(training_offer(&t, &b), REPLY_CONFUSED);
	assert_string_equal(t.lines[t.nlines - 1].text, "Sorry?");
	training_clear(&t);
}

/*
 * Offers not understood are still offers put to the customer: four in
 * English to the Gujarati customer who wanted none fail "held back" and
 * "no more offers than needed" alike (the sheet said "0 offer(s)" there,
 * a pass, next to "made 4 offer(s)").  One said again in their language
 * counts once (test_language).
 */
static void
test_not_understood_counted(void **state)
{
	static const char *const codes[] = { "GR-SPC-CHIL", "GR-RICE-01K",
	    "GR-SPC-HING", "GR-BISC-NAN" };
	const struct scenario *sc = get("shop-lentils-gu");
	struct training t;
	struct training_sheet s;
	struct training_offer o = offer("", "Would you like some? It's "
	    "£0.99.", "en", NULL, NULL);
	size_t i;

	(void)state;
	training_start(&t, sc);
	for (i = 0; i < 4; i++) {
		o.code = o.name = codes[i];
		training_offer(&t, &o);
	}
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "held back, as the customer needed"), 0);
	assert_int_equal(passed(&s, "no more offers than needed"), 0);
	assert_string_equal(find_check(&s, "no more offers than needed")->why,
	    "4 offer(s), at most 1");
	training_clear(&t);
}

/* A hesitant reply is no no: the smaller offer after it is taken. */
static void
test_hesitant_then_smaller(void **state)
{
	const struct scenario *sc = get("hotel-slow-morning-gu");
	struct training t;
	struct training_sheet s;
	struct training_offer brk = offer("BRK", "નાસ્તો: 58.00 પાઉન્ડ.", "gu",
	    "58.00", NULL);
	struct training_offer lco = offer("LCO", "બપોરે 2 વાગ્યા સુધી રૂમ, "
	    "25.00 પાઉન્ડ.", "gu", "25.00", NULL);

	(void)state;
	training_start(&t, sc);
	assert_int_equal(training_offer(&t, &brk), REPLY_HESITANT);
	assert_string_equal(t.lines[t.nlines - 1].text, sc->replies[0].text);
	assert_false(t.said_no);
	assert_int_equal(training_offer(&t, &lco), REPLY_ACCEPTED);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(s.percent, 100);
	assert_string_equal(s.medal, "gold");
	training_clear(&t);
}

/* Stated limits: one offer in a hurry; no upgrade on a company rate. */
static void
test_limits(void **state)
{
	struct training t;
	struct training_sheet s;
	struct training_offer milk = offer("GR-MILK-1L", "Fresh every "
	    "morning — do you need milk today? It's £1.15.", "en", "1.15",
	    "fresh every morning");
	struct training_offer dlx = offer("DLX", "A river view: the Deluxe, "
	    "£30.00 more a night — £60.00 in all.", "en", "30.00",
	    "a river view");

	(void)state;
	training_start(&t, get("shop-milk-hurry"));
	assert_int_equal(training_offer(&t, &milk), REPLY_ACCEPTED);
	assert_int_equal(t.ev[0].broke, 0);
	milk.code = "GR-TEA-EVD";
	assert_int_equal(training_offer(&t, &milk), REPLY_DECLINED);
	assert_int_equal(t.ev[1].broke, LIMIT_HURRY);
	training_finish(&t);
	training_score(&t, &s);
	assert_int_equal(passed(&s, "kept to what the customer said"), 0);
	assert_string_equal(s.medal, "");
	training_clear(&t);

	dlx.upgrade = 1;
	training_start(&t, get("hotel-company-rate"));
	assert_int_equal(training_offer(&t, &dlx), REPLY_DECLINED);
	assert_int_equal(t.ev[0].broke, LIMIT_NO_UPGRADE);
	training_finish(&t);
	training_score(&t, &s);
	assert_non_null(strstr(find_check(&s, "kept to what the customer "
	    "said")->why, "broke their rate (no upgrade)"));
	assert_true(s.percent < restrained(get("hotel-company-rate")));
	training_clear(&t);
}

/* A hesitating customer (Gujarati rice): the right answer wins the sale
 * and the objection check; a wrong one loses both. */
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
	/* helps, relevant, few, price, benefit, language, answer; every
	 * no, honest */
	assert_int_equal(s.n, 9);
	assert_int_equal(passed(&s, "answered the objection well"), 1);
	assert_int_equal(passed(&s, "stayed honest"), 1);
	assert_int_equal(s.percent, 100);
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
	assert_int_equal(passed(&s, "offered what helps"), 0);
	/* no line said: the line checks are not on the sheet */
	for (size_t i = 0; i < s.n; i++)
		assert_null(strstr(s.c[i].name, "led with"));
	/* 25 of the 55 counted weight */
	assert_int_equal(s.percent, 45);
	assert_string_equal(s.medal, "");
	training_clear(&t);
}

/* The sheet's rows and title as text; cut on a character boundary. */
static void
test_sheet_text(void **state)
{
	struct training_check c;
	struct training_sheet s;
	struct training t;
	char buf[64];
	size_t bad;

	(void)state;
	memset(&c, 0, sizeof c);
	c.name = "offered what helps";
	c.passed = 1;
	c.weight = 30;
	c.counted = 1;
	snprintf(c.why, sizeof c.why, "offered X");
	training_check_text(&c, 0, buf, sizeof buf);
	assert_string_equal(buf, "\xe2\x9c\x93 30   offered what helps: "
	    "offered X");
	training_check_text(&c, 1, buf, sizeof buf);
	assert_string_equal(buf, "+ 30   offered what helps: offered X");
	c.passed = 0;
	c.veto = 1;
	c.weight = 0;
	training_check_text(&c, 1, buf, sizeof buf);
	assert_string_equal(buf, "x veto offered what helps: offered X");
	c.counted = 0;
	training_check_text(&c, 1, buf, sizeof buf);
	/* 63 bytes and the NUL: "…" in the last three */
	assert_string_equal(buf, "- --   offered what helps: not counted, no "
	    "offer helped: off\xe2\x80\xa6");
	/* a Bengali answer in the why, cut: whole characters and "…" */
	training_start(&t, get("shop-earbuds-bn"));
	{
		struct training_offer o = offer("AC-EARB-ANC", "x 5.00", "bn",
		    "5.00", NULL);
		training_offer(&t, &o);
		training_answer(&t, 2);
	}
	training_finish(&t);
	training_score(&t, &s);
	c = *find_check(&s, "stayed honest");
	assert_true(text_valid_utf8(c.why, strlen(c.why), &bad));
	assert_true(text_valid_utf8(c.better, strlen(c.better), &bad));
	training_check_text(&c, 0, buf, sizeof buf);
	assert_true(text_valid_utf8(buf, strlen(buf), &bad));
	assert_non_null(strstr(buf, "\xe2\x80\xa6"));
	training_sheet_title(t.sc, &s, buf, sizeof buf);
	assert_string_equal(buf, "SCORE  shop-earbuds-bn  9%  no medal (a "
	    "veto)");
	training_clear(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_validation_rubric),
		cmocka_unit_test(test_parse_rubric),
		cmocka_unit_test(test_line_check),
		cmocka_unit_test(test_good_play),
		cmocka_unit_test(test_soft_no),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_push_past_no),
		cmocka_unit_test(test_dishonest),
		cmocka_unit_test(test_irrelevant),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_not_understood_counted),
		cmocka_unit_test(test_hesitant_then_smaller),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_objection),
		cmocka_unit_test(test_hotel_and_nothing),
		cmocka_unit_test(test_sheet_text),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
