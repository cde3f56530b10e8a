/*
 * test_rubric — the training rubric against everything that ships:
 *
 *   - the coach's order, a property of every shipped scenario: a scripted
 *     good run, a restrained one (no offer), an irrelevant one (the first
 *     offer of the scenario's bad list), a pushy one (offers past the
 *     customer's no) and, where there is an objection, a dishonest one (an
 *     answer marked honest = no) score helpful > restrained > irrelevant >
 *     pushy, dishonest, with a medal for the good run only (the restrained
 *     one is the good one when the scenario's best move is none).  The
 *     table is printed (build/tests/test_rubric);
 *   - every shipped talking point (assets/scripts/{en,bn,gu}.txt, every
 *     kind, scope and variant, every line) filled in for the demo
 *     catalogue passes the rubric's line checks: it leads with the benefit
 *     and states the price or the difference.
 *
 * The lines the plays say are the shipped templates rendered for the demo
 * catalogue (assets/demo, imported into a store in a temporary directory)
 * in the customer's language, as the console renders them: at the desk by
 * the desk itself, at the counter with the values the session gives a
 * suggestion of that kind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/catalog.h"
#include "model/civil.h"
#include "model/desk.h"
#include "model/import.h"
#include "model/money.h"
#include "model/script.h"
#include "model/store.h"
#include "model/store_hotel.h"
#include "model/text.h"
#include "model/training.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define UPGRADE		0
#define BUNDLE		1
/* the demo's "today", noon */
#define NOW		(civil_days(2026, 11, 23) * CIVIL_DAY + 12 * 3600)

static const char *langs[] = { "en", "bn", "gu" };

static struct store *st;
static struct catalog cat;
static struct scripts scripts;
static struct scenarios shipped;
static struct desk desk;
static char *scripts_dir;

static int
setup(void **state)
{
	static const char *files[] = { "items.csv", "customers.csv",
	    "room_types.csv", "rooms.csv", "reservations.csv", "bundles.csv",
	    "addons.csv" };
	const char *paths[NELEM(files)];
	struct import_options opt;
	struct import_report rep;
	char *cause = NULL, *dir, *p;
	int64_t hid;
	size_t i;

	if (util_tmp_setup(state) != 0)
		return -1;
	if (store_open(&st, util_tmp_path("demo.db"), STORE_CREATE,
	    &cause) != 0)
		goto fail;
	for (i = 0; i < NELEM(files); i++)
		paths[i] = util_fixture("../../assets/demo", files[i]);
	memset(&opt, 0, sizeof opt);
	opt.format = IMPORT_UPLIFT;
	opt.now = NOW;
	if (import_files(st, (char *const *)paths, NELEM(files), &opt, &rep,
	    &cause) != 0 || catalog_load(&cat, st, &cause) != 0)
		goto fail;
	dir = xstrdup(util_fixture("../../assets", "scripts"));
	scripts_dir = dir;
	for (i = 0; i < NELEM(langs); i++) {
		p = xasprintf("%s/%s.txt", dir, langs[i]);
		if (script_load_file(&scripts, p, &cause) != 0) {
			free(p);
			goto fail;
		}
		free(p);
	}
	if (scenarios_load_dir(util_fixture("../../assets", "training"),
	    &shipped, &cause) != 0)
		goto fail;
	if (store_hotel_id(st, "Riverside Hotel", &hid, &cause) != 1 ||
	    desk_open(&desk, st, hid, 30, &cause) != 0)
		goto fail;
	desk.hotel = xstrdup("Riverside Hotel");
	desk.now = NOW;
	desk_open_scripts(&desk, dir, "en", &cause);
	if (cause != NULL)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", cause != NULL ? cause : "failed");
	free(cause);
	return -1;
}

static int
teardown(void **state)
{
	desk_close(&desk);
	scenarios_free(&shipped);
	scripts_free(&scripts);
	catalog_free(&cat);
	store_close(&st);
	free(scripts_dir);
	return util_tmp_teardown(state);
}

/* ---- an offer as the console makes it ------------------------------------ */

/* What one offer needs kept alive. */
struct said {
	char line[800], diff[32], price[32], name[160], code[48];
	char benefit[200];
	struct training_offer o;
};

/* The basket of a shop scenario: its items and its total. */
static size_t
basket_of(const struct scenario *sc, const struct item **out, size_t max,
    int64_t *total)
{
	char *list = xstrdup(sc->basket != NULL ? sc->basket : ""), *tok;
	char *save = NULL;
	size_t n = 0;

	*total = 0;
	for (tok = strtok_r(list, ", ", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, ", ", &save)) {
		const struct item *it = catalog_find_sku(&cat, tok);

		if (it == NULL)
			fail_msg("%s: basket item %s is not in the demo", sc->id,
			    tok);
		out[n++] = it;
		*total += it->price;
	}
	free(list);
	return n;
}

/*
 * The first talking point of an offer of code at the counter, in lang:
 * an upgrade of the basket's item of its family, else a bundle with the
 * basket's first item, as the session fills them.
 */
static void
shop_offer(const struct scenario *sc, const char *code, const char *lang,
    struct said *s)
{
	const struct item *basket[8], *it = catalog_find_sku(&cat, code);
	const struct item *base = NULL;
	struct script_vars v;
	char *out[SCRIPT_LINES_MAX], pct[16];
	const char *b;
	int64_t total, diff;
	size_t n, i;
	int kind = BUNDLE, k;

	if (it == NULL)
		fail_msg("%s: %s is not in the demo catalogue", sc->id, code);
	n = basket_of(sc, basket, NELEM(basket), &total);
	for (i = 0; i < n; i++)
		if (it->family != NULL && basket[i]->family != NULL &&
		    strcmp(it->family, basket[i]->family) == 0 &&
		    it->tier > basket[i]->tier) {
			base = basket[i];
			kind = UPGRADE;
		}
	if (base == NULL && n > 0)
		base = basket[0];
	diff = kind == UPGRADE ? it->price - base->price : it->price;
	memset(s, 0, sizeof *s);
	memset(&v, 0, sizeof v);
	money_format(diff, 2, 1, s->diff, sizeof s->diff);
	money_format(it->price, 2, 1, s->price, sizeof s->price);
	snprintf(pct, sizeof pct, "%d", base != NULL && base->price > 0 ?
	    (int)(diff * 100 / base->price) : 0);
	b = catalog_benefit(&cat, it->id, lang);
	snprintf(s->benefit, sizeof s->benefit, "%s", b != NULL ? b : "");
	v.item = it->name;
	v.base = base != NULL ? base->name : NULL;
	v.diff = s->diff;
	v.diff_pct = pct;
	v.price = s->price;
	v.benefit = b;
	v.shop = "Corner Store";
	k = script_render(&scripts, kind, it->category, it->sku, lang, "en",
	    0, &v, out, NULL);
	snprintf(s->line, sizeof s->line, "%s", out[0]);
	while (k > 0)
		free(out[--k]);
	snprintf(s->code, sizeof s->code, "%s", it->sku);
	snprintf(s->name, sizeof s->name, "%s", it->name);
	s->o.code = s->code;
	s->o.name = s->name;
	s->o.line = s->line;
	s->o.lang = lang;
	s->o.diff = s->diff;
	s->o.price = s->price;
	s->o.benefit = s->benefit[0] != '\0' ? s->benefit : NULL;
	s->o.upgrade = kind == UPGRADE;
	s->o.total = total + diff;
	s->o.scale = 2;
}

/* Put the scenario's stay at the desk. */
static void
desk_stay(const struct scenario *sc)
{
	char *cause = NULL;
	int64_t id;

	if (store_reservation_id(st, desk.hotel_id, sc->reservation, &id,
	    &cause) != 1 || desk_pick(&desk, id, &cause) != 0)
		fail_msg("%s: %s", sc->id, cause != NULL ? cause :
		    "no such stay");
}

/* The first talking point of the desk's offer of code, in lang, as the
 * console offers it (the desk renders it). */
static void
desk_offer(const struct scenario *sc, const char *code, const char *lang,
    struct said *s)
{
	char *lines[DESK_SAY_MAX], *benefit = NULL;
	int64_t stay = desk.r.rate * desk.r.nights;
	size_t i;
	int n, addon = -1, k;

	memset(s, 0, sizeof *s);
	for (i = 0; i < desk.noffers && addon < 0; i++) {
		const struct hotel_type *t = desk_type(&desk,
		    desk.offers[i].type_id);
		if (t != NULL && t->code != NULL && strcmp(t->code, code) == 0)
			addon = 0;
	}
	if (addon == 0) {
		i--;
		money_format(desk.offers[i].per_night, 2, 1, s->diff,
		    sizeof s->diff);
		money_format(desk.offers[i].total, 2, 1, s->price,
		    sizeof s->price);
		benefit = desk_benefit(&desk, &desk.r, &desk.offers[i]);
		snprintf(s->name, sizeof s->name, "%s", desk_type_name(&desk,
		    desk.offers[i].type_id));
		s->o.upgrade = 1;
		s->o.total = stay + desk.offers[i].total;
	} else {
		for (i = 0; i < desk.naddons; i++)
			if (!desk.addons[i].sold &&
			    strcmp(desk.addons[i].code, code) == 0)
				break;
		if (i == desk.naddons)
			fail_msg("%s: %s is not on offer for %s", sc->id, code,
			    sc->reservation);
		addon = 1;
		money_format(desk.addons[i].total, 2, 1, s->diff,
		    sizeof s->diff);
		money_format(desk.addons[i].price, 2, 1, s->price,
		    sizeof s->price);
		snprintf(s->name, sizeof s->name, "%s", desk.addons[i].name);
		s->o.total = stay + desk.addons[i].total;
	}
	snprintf(desk.lang, sizeof desk.lang, "%s", lang);
	n = desk_say_lines(&desk, addon, i, lines);
	assert_true(n > 0);
	snprintf(s->line, sizeof s->line, "%s", lines[0]);
	for (k = 0; k < n; k++)
		free(lines[k]);
	snprintf(s->benefit, sizeof s->benefit, "%s", benefit != NULL ?
	    benefit : "");
	free(benefit);
	snprintf(s->code, sizeof s->code, "%s", code);
	s->o.code = s->code;
	s->o.name = s->name;
	s->o.line = s->line;
	s->o.lang = lang;
	s->o.diff = s->diff;
	s->o.price = s->price;
	s->o.benefit = s->benefit[0] != '\0' ? s->benefit : NULL;
	s->o.scale = 2;
}

/* The trainee offers code with the first line, in the customer's
 * language. */
static int
offer(struct training *t, const char *code)
{
	struct said s;

	if (t->sc->mode == TRAIN_HOTEL)
		desk_offer(t->sc, code, t->sc->lang, &s);
	else
		shop_offer(t->sc, code, t->sc->lang, &s);
	/* the shipped lines pass the rubric's line checks */
	assert_int_equal(training_line_check(s.o.line, s.o.benefit,
	    s.o.price, s.o.diff), LINE_BENEFIT | LINE_PRICE);
	return training_offer(t, &s.o);
}

/* ---- the plays ----------------------------------------------------------- */

enum play { GOOD, RESTRAINED, IRRELEVANT, PUSHY, DISHONEST, NPLAYS };

static const char *play_names[NPLAYS] = {
	"good", "restrained", "irrelevant", "pushy", "dishonest" };

/* A wrong answer to the objection: honest if there is one. */
static size_t
wrong_answer(const struct scenario *sc)
{
	size_t i;

	for (i = 0; i < sc->nanswers; i++)
		if ((int)i != sc->right_answer && !sc->dishonest[i])
			return i;
	return sc->right_answer == 0 ? 1 : 0;
}

static size_t
dishonest_answer(const struct scenario *sc)
{
	size_t i;

	for (i = 0; i < sc->nanswers; i++)
		if (sc->dishonest[i])
			return i;
	fail_msg("%s: no answer marked honest = no", sc->id);
	return 0;
}

/*
 * Play p on sc and score it.  0, or -1 when the play does not apply (no
 * objection to answer dishonestly).
 */
static int
play(const struct scenario *sc, enum play p, struct training_sheet *s)
{
	struct training t;
	const char *first = sc->ngood > 0 ? sc->good[0] : sc->bad[0];
	size_t i;
	int r;

	if (p == DISHONEST && (sc->mood != MOOD_HESITATE || sc->ngood == 0))
		return -1;
	if (sc->mode == TRAIN_HOTEL)
		desk_stay(sc);
	training_start(&t, sc);
	switch (p) {
	case GOOD:
		/* what helps, in order, until the customer answers; an
		 * objection answered well; nothing at all when the best move
		 * is none */
		for (i = 0; !sc->best_none && i < sc->ngood &&
		    i < (size_t)sc->max_offers; i++) {
			r = offer(&t, sc->good[i]);
			if (r == REPLY_OBJECTION)
				r = training_answer(&t,
				    (size_t)sc->right_answer);
			if (r != REPLY_HESITANT)
				break;
		}
		break;
	case RESTRAINED:
		break;
	case IRRELEVANT:
		assert_true(sc->nbad > 0);
		offer(&t, sc->bad[0]);
		break;
	case PUSHY:
		/* an offer, an objection lost, then offers past the no */
		if (offer(&t, first) == REPLY_OBJECTION)
			training_answer(&t, wrong_answer(sc));
		offer(&t, sc->bad[0]);
		offer(&t, first);
		break;
	case DISHONEST:
		if (offer(&t, sc->good[0]) == REPLY_OBJECTION)
			training_answer(&t, dishonest_answer(sc));
		break;
	default:
		break;
	}
	training_finish(&t);
	training_score(&t, s);
	training_clear(&t);
	return 0;
}

static void
cell(char *buf, size_t size, const struct training_sheet *s, int ok)
{
	if (!ok)
		snprintf(buf, size, "%-12s", "-");
	else
		snprintf(buf, size, "%3d%% %-7s", s->percent, s->medal[0] ?
		    s->medal : "none");
}

/* The coach's order, on every shipped scenario. */
static void
test_coach_order(void **state)
{
	struct training_sheet s[NPLAYS];
	int ok[NPLAYS];
	char c[NPLAYS][24];
	size_t i, k, hesitating = 0;

	(void)state;
	assert_true(shipped.n >= 18);
	printf("%-22s", "scenario");
	for (k = 0; k < NPLAYS; k++)
		printf(" %-12s", play_names[k]);
	printf("\n");
	for (i = 0; i < shipped.n; i++) {
		const struct scenario *sc = &shipped.v[i];

		for (k = 0; k < NPLAYS; k++) {
			ok[k] = play(sc, (enum play)k, &s[k]) == 0;
			cell(c[k], sizeof c[k], &s[k], ok[k]);
		}
		printf("%-22s %s %s %s %s %s\n", sc->id, c[0], c[1], c[2],
		    c[3], c[4]);
		/* helpful and honest: a medal, the best score (gold: every
		 * check passed) */
		assert_int_equal(s[GOOD].percent, 100);
		assert_string_equal(s[GOOD].medal, "gold");
		assert_int_equal(s[GOOD].vetoes, 0);
		/* > restrained, which is the good run when nothing is the
		 * best move */
		if (sc->best_none) {
			assert_int_equal(s[RESTRAINED].percent, 100);
			assert_string_equal(s[RESTRAINED].medal, "gold");
		} else {
			assert_true(s[GOOD].percent > s[RESTRAINED].percent);
			assert_string_equal(s[RESTRAINED].medal, "");
		}
		/* > irrelevant > pushy, dishonest: no medal for them */
		assert_true(s[RESTRAINED].percent > s[IRRELEVANT].percent);
		assert_string_equal(s[IRRELEVANT].medal, "");
		assert_true(s[IRRELEVANT].percent > s[PUSHY].percent);
		assert_string_equal(s[PUSHY].medal, "");
		assert_true(s[PUSHY].vetoes > 0);
		if (ok[DISHONEST]) {
			hesitating++;
			assert_true(s[IRRELEVANT].percent >
			    s[DISHONEST].percent);
			assert_true(s[RESTRAINED].percent >
			    s[DISHONEST].percent);
			assert_string_equal(s[DISHONEST].medal, "");
			assert_true(s[DISHONEST].vetoes > 0);
		}
	}
	/* every hesitating customer was played dishonestly too */
	for (i = 0, k = 0; i < shipped.n; i++)
		k += shipped.v[i].mood == MOOD_HESITATE;
	assert_int_equal(hesitating, k);
	assert_true(k >= 4);
}

/* ---- every shipped line -------------------------------------------------- */

/* Social proof and a unit saving as the session writes them. */
static void
proof_of(const char *lang, const struct item *base, const struct item *it,
    char *buf, size_t size)
{
	if (strcmp(lang, "bn") == 0)
		snprintf(buf, size, "%s কেনা 10 জন গ্রাহকের মধ্যে 6 জন %s-ও "
		    "নিয়েছেন।", base->name, it->name);
	else if (strcmp(lang, "gu") == 0)
		snprintf(buf, size, "%s લેનારા 10 ગ્રાહકોમાંથી 6 એ %s પણ "
		    "લીધું.", base->name, it->name);
	else
		snprintf(buf, size, "6 of 10 customers who bought the %s also "
		    "took the %s.", base->name, it->name);
}

static const char *
unit_of(const char *lang)
{
	return strcmp(lang, "bn") == 0 ? "প্রতি kg-এ 20% কম" :
	    strcmp(lang, "gu") == 0 ? "દરેક kg દીઠ 20% ઓછું" :
	    "20% less per kg";
}

/* Fill each line of t for vars and check it; returns lines checked. */
static size_t
check_lines(const struct script_tpl *t, const struct script_vars *v,
    const char *what)
{
	size_t n = 0;
	int j, r;
	char *l;

	for (j = 0; j < t->nlines; j++) {
		if ((l = script_fill(t->lines[j], v)) == NULL)
			continue;
		r = training_line_check(l, v->benefit, v->price, v->diff);
		if (r != (LINE_BENEFIT | LINE_PRICE))
			fail_msg("%s:%ld line %d for %s %s%s: %s", t->file,
			    t->line, j + 1, what, r & LINE_BENEFIT ? "" :
			    "(does not lead with the benefit) ", r &
			    LINE_PRICE ? "" : "(states no price)", l);
		free(l);
		n++;
	}
	return n;
}

/* A shop template for item it (its base: the item below it in its
 * family, else another), with everything known, the least known, and no
 * benefit.  Returns lines checked. */
static size_t
shop_lines(const struct script_tpl *t, const struct item *it)
{
	const struct item *base = NULL;
	struct script_vars v;
	char diff[32], price[32], proof[400], pct[16];
	size_t i, n = 0;
	int who;

	for (i = 0; i < cat.n && base == NULL; i++)
		if (cat.items[i].family != NULL && it->family != NULL &&
		    strcmp(cat.items[i].family, it->family) == 0 &&
		    cat.items[i].tier < it->tier)
			base = &cat.items[i];
	for (i = 0; i < cat.n && base == NULL; i++)
		if (&cat.items[i] != it)
			base = &cat.items[i];
	money_format(t->kind == UPGRADE ? it->price - base->price : it->price,
	    2, 1, diff, sizeof diff);
	money_format(it->price, 2, 1, price, sizeof price);
	snprintf(pct, sizeof pct, "%d", (int)((it->price - base->price) *
	    100 / (base->price > 0 ? base->price : 1)));
	proof_of(t->lang, base, it, proof, sizeof proof);
	for (who = 0; who < 3; who++) {
		memset(&v, 0, sizeof v);
		v.item = it->name;
		v.diff = diff;
		v.diff_pct = pct;
		v.price = price;
		v.shop = "Corner Store";
		v.benefit = who == 2 ? NULL : catalog_benefit(&cat, it->id,
		    t->lang);
		assert_true(who == 2 || v.benefit != NULL);
		if (who != 1) {          /* a customer, all known */
			v.first_name = "Anika";
			v.base = base->name;
			v.proof = proof;
			v.unit_saving = unit_of(t->lang);
			v.bundle = "Winter set";
			v.saving = "5.98";
		}
		n += check_lines(t, &v, it->sku);
	}
	return n;
}

/* A room or add-on template for the demo hotel's stay RH-10125 (a
 * Superior for three nights): every room type above it, every add-on. */
static size_t
desk_lines(const struct script_tpl *t)
{
	struct script_vars v;
	char m1[32], m2[32], m3[32], for_stay[64], *benefit;
	struct hotel_offer o;
	size_t i, n = 0;
	int who;

	memset(&v, 0, sizeof v);
	v.nights = "3";
	v.for_stay = desk_for_stay_words(3, 3, t->lang, for_stay,
	    sizeof for_stay);
	v.booked = desk_type_name(&desk, desk_holding(&desk.r));
	v.shop = "Riverside Hotel";
	if (t->kind == SCRIPT_KIND_ADDON) {
		for (i = 0; i < desk.naddons; i++) {
			const struct desk_addon *a = &desk.addons[i];

			if (t->sku != NULL && strcmp(t->sku, a->code) != 0)
				continue;
			money_format(a->price, 2, 1, m1, sizeof m1);
			money_format(a->total, 2, 1, m2, sizeof m2);
			v.addon = v.item = a->name;
			v.price = m1;
			v.diff = m2;
			v.per = desk_per_words(a->per);
			v.total = m2;
			n += check_lines(t, &v, a->code);
		}
		return n;
	}
	for (i = 0; i < desk.snap.ntypes; i++) {
		const struct hotel_type *h = &desk.snap.types[i];
		const struct hotel_type *b = desk_type(&desk,
		    desk_holding(&desk.r));

		if (b == NULL || h->tier <= b->tier)
			continue;
		memset(&o, 0, sizeof o);
		o.type_id = h->id;
		o.per_night = h->rate - b->rate;
		o.total = o.per_night * 3;
		money_format(o.per_night, 2, 1, m1, sizeof m1);
		money_format(o.total, 2, 1, m2, sizeof m2);
		money_format(h->rate, 2, 1, m3, sizeof m3);
		benefit = desk_benefit(&desk, &desk.r, &o);
		for (who = 0; who < 2; who++) {
			v.room = v.item = h->name;
			v.base = v.booked;
			v.per_night = v.diff = m1;
			v.total = m2;
			v.price = m2;
			v.diff_pct = "28";
			v.benefit = who == 0 ? benefit : NULL;
			n += check_lines(t, &v, h->code);
		}
		free(benefit);
	}
	return n;
}

/* Every line of every shipped template, in every language. */
static void
test_every_line(void **state)
{
	struct scenario sc;
	size_t i, j, per[NELEM(langs)] = { 0 }, l, n;
	const struct script_tpl *t;

	(void)state;
	/* the desk's stay for the room and add-on templates */
	memset(&sc, 0, sizeof sc);
	sc.id = "desk";
	sc.reservation = "RH-10125";
	desk_stay(&sc);
	for (i = 0; i < scripts.n; i++) {
		t = &scripts.v[i];
		n = 0;
		if (t->kind == SCRIPT_KIND_DECLINE)
			continue;       /* not an offer */
		if (t->kind == SCRIPT_KIND_ROOM || t->kind == SCRIPT_KIND_ADDON)
			n = desk_lines(t);
		else
			for (j = 0; j < cat.n; j++) {
				const struct item *it = &cat.items[j];

				if ((t->sku != NULL && strcmp(t->sku,
				    it->sku) != 0) || (t->category != NULL &&
				    (it->category == NULL || strcmp(
				    t->category, it->category) != 0)))
					continue;
				n += shop_lines(t, it);
			}
		/* every template says something for the demo */
		if (n == 0)
			fail_msg("%s:%ld: nothing rendered for the demo",
			    t->file, t->line);
		for (l = 0; l < NELEM(langs); l++)
			if (strcmp(t->lang, langs[l]) == 0)
				per[l] += n;
	}
	for (l = 0; l < NELEM(langs); l++) {
		printf("%s: %zu lines checked\n", langs[l], per[l]);
		assert_true(per[l] > 1000);
	}
}

/* The checks themselves fail a line that breaks them (the old line of
 * the scarf bundle, the proof alone). */
static void
test_old_lines_fail(void **state)
{
	(void)state;
	assert_int_equal(training_line_check("Would you like the Knitted "
	    "Scarf with it? It's £7.01.", "keeps the draught off your neck",
	    "12.99", "7.01"), LINE_PRICE);
	assert_int_equal(training_line_check("That makes the Winter set: "
	    "£5.98 less than buying each on its own.", "keeps the draught off "
	    "your neck", "12.99", "7.01"), 0);
	assert_int_equal(training_line_check("6 of 10 customers who bought "
	    "the Classic Winter Coat also took the Knitted Scarf.", "keeps "
	    "the draught off your neck", "12.99", "7.01"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_lines_fail),
		cmocka_unit_test(test_every_line),
		cmocka_unit_test(test_coach_order),
	};

	text_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
