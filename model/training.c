/*
 * training.c — scenarios, a role-play run and its score (model/training.h).
 */
#include "model/training.h"

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/text.h"
#include "model/xalloc.h"

#define SCENARIO_MAX_FILE  (64 * 1024)
#define SCENARIO_MAX_LINE  400
#define SCENARIO_MAX_MSGS  20

static const char *const difficulties[] = { "easy", "medium", "hard" };
static const char *const modes[] = { "shop", "hotel" };
static const char *const moods[] = { "accept", "hesitate", "decline" };

const char *
training_difficulty_name(int d)
{
	return d >= 0 && d <= TRAIN_HARD ? difficulties[d] : "?";
}

/* ---- parsing ------------------------------------------------------------ */

struct parse {
	const char *name;
	char       *msgs;
	int         nmsgs;
};

static void
problem(struct parse *p, long line, const char *what, const char *text)
{
	char *ex = text != NULL ? text_excerpt(text, strlen(text)) : NULL;
	char *n = text_cleans(p->name, 60), *t;

	if (p->nmsgs++ >= SCENARIO_MAX_MSGS) {
		free(ex);
		free(n);
		return;
	}
	if (line > 0)
		t = xasprintf("%s%s%s:%ld: %s%s%s", p->msgs ? p->msgs : "",
		    p->msgs ? "\n" : "", n, line, what, ex ? ": " : "",
		    ex ? ex : "");
	else
		t = xasprintf("%s%s%s: %s", p->msgs ? p->msgs : "",
		    p->msgs ? "\n" : "", n, what);
	free(p->msgs);
	p->msgs = t;
	free(ex);
	free(n);
}

static int
pick(const char *v, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v, names[i]) == 0)
			return i;
	return -1;
}

/* An id: letters, digits and '-', 1..40. */
static int
id_ok(const char *v)
{
	size_t i, n = strlen(v);

	if (n == 0 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' &&
		    v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
			return 0;
	return 1;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Set a single-valued key; a second one is a problem. */
static void
set_once(struct parse *p, long line, char **slot, const char *key,
    const char *v)
{
	char *m;

	if (*slot != NULL) {
		m = xasprintf("%s given twice", key);
		problem(p, line, m, NULL);
		free(m);
		return;
	}
	*slot = xstrdup(v);
}

static void
add_code(struct parse *p, long line, char **list, size_t *n, const char *v)
{
	if (*n == TRAINING_CODES_MAX) {
		problem(p, line, "too many codes (at most 8)", v);
		return;
	}
	{
		size_t i, len = strlen(v);
		int ok = len >= 1 && len <= 40;

		for (i = 0; i < len && ok; i++)
			ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' &&
			    v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
			    v[i] == '-' || v[i] == '_';
		if (!ok) {
			problem(p, line, "a code is 1 to 40 letters, digits, "
			    "'-' or '_'", v);
			return;
		}
	}
	list[(*n)++] = xstrdup(v);
}

static void
parse_line(struct parse *p, struct scenario *sc, long line, char *key,
    char *v, int *seen_level, int *seen_mode, int *seen_mood)
{
	static const struct {
		const char *key;
		size_t      off;
	} strs[] = {
		{ "id", offsetof(struct scenario, id) },
		{ "title", offsetof(struct scenario, title) },
		{ "lang", offsetof(struct scenario, lang) },
		{ "customer", offsetof(struct scenario, customer) },
		{ "basket", offsetof(struct scenario, basket) },
		{ "hotel", offsetof(struct scenario, hotel) },
		{ "reservation", offsetof(struct scenario, reservation) },
		{ "need", offsetof(struct scenario, need) },
		{ "open", offsetof(struct scenario, open) },
		{ "accept", offsetof(struct scenario, accept) },
		{ "decline", offsetof(struct scenario, decline) },
		{ "not_needed", offsetof(struct scenario, not_needed) },
		{ "again", offsetof(struct scenario, again) },
		{ "objection", offsetof(struct scenario, objection) },
		{ "better", offsetof(struct scenario, better) },
	};
	size_t i;
	int k;

	if (*v == '\0') {
		problem(p, line, "empty value", key);
		return;
	}
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++)
		if (strcmp(key, strs[i].key) == 0) {
			set_once(p, line, (char **)(void *)((char *)sc +
			    strs[i].off), key, v);
			if (strcmp(key, "id") == 0 && sc->id != NULL &&
			    !id_ok(sc->id))
				problem(p, line, "an id is 1 to 40 letters, "
				    "digits or '-'", v);
			if (strcmp(key, "lang") == 0 && sc->lang != NULL &&
			    (strlen(v) != 2 || v[0] < 'a' || v[0] > 'z' ||
			    v[1] < 'a' || v[1] > 'z'))
				problem(p, line, "a language is two letters "
				    "(en, bn, gu)", v);
			return;
		}
	if (strcmp(key, "difficulty") == 0) {
		if ((k = pick(v, difficulties, 3)) < 0)
			problem(p, line, "expected easy, medium or hard", v);
		else if ((*seen_level)++)
			problem(p, line, "difficulty given twice", NULL);
		else
			sc->difficulty = k;
	} else if (strcmp(key, "mode") == 0) {
		if ((k = pick(v, modes, 2)) < 0)
			problem(p, line, "expected shop or hotel", v);
		else if ((*seen_mode)++)
			problem(p, line, "mode given twice", NULL);
		else
			sc->mode = k;
	} else if (strcmp(key, "mood") == 0) {
		if ((k = pick(v, moods, 3)) < 0)
			problem(p, line, "expected accept, hesitate or decline",
			    v);
		else if ((*seen_mood)++)
			problem(p, line, "mood given twice", NULL);
		else
			sc->mood = k;
	} else if (strcmp(key, "max_offers") == 0) {
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '5')
			problem(p, line, "expected 1 to 5", v);
		else
			sc->max_offers = v[0] - '0';
	} else if (strcmp(key, "good") == 0)
		add_code(p, line, sc->good, &sc->ngood, v);
	else if (strcmp(key, "bad") == 0)
		add_code(p, line, sc->bad, &sc->nbad, v);
	else if (strcmp(key, "answer") == 0) {
		if (sc->nanswers == TRAINING_ANSWERS_MAX)
			problem(p, line, "too many answers (at most 4)", NULL);
		else if (v[0] != '+' && v[0] != '-')
			problem(p, line, "an answer starts with + (the good one) "
			    "or - (the others)", v);
		else if (*trim(v + 1) == '\0')
			problem(p, line, "an empty answer", NULL);
		else {
			if (v[0] == '+') {
				if (sc->right_answer >= 0)
					problem(p, line, "a second good (+) "
					    "answer", NULL);
				sc->right_answer = (int)sc->nanswers;
			}
			sc->answers[sc->nanswers++] = xstrdup(trim(v + 1));
		}
	} else
		problem(p, line, "unknown key", key);
}

int
scenario_parse(const char *name, const char *text, size_t len,
    struct scenario *sc, char **cause)
{
	struct parse p;
	const char *s = text, *end = text + len, *nl;
	size_t bad_at;
	long line = 0;
	int lv = 0, md = 0, mo = 0;

	memset(sc, 0, sizeof *sc);
	memset(&p, 0, sizeof p);
	p.name = name;
	sc->right_answer = -1;
	sc->max_offers = 2;
	if (memchr(text, '\0', len) != NULL)
		problem(&p, 0, "holds a NUL byte", NULL);
	else if (!text_valid_utf8(text, len, &bad_at))
		problem(&p, 0, "not UTF-8 text", NULL);
	if (p.msgs != NULL)
		s = end;      /* not text: nothing to read */
	while (s < end) {
		char *l, *eq, *key;

		line++;
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		if (nl - s > SCENARIO_MAX_LINE) {
			problem(&p, line, "line longer than 400 bytes", NULL);
			s = nl + 1;
			continue;
		}
		l = xstrndup(s, (size_t)(nl - s));
		s = nl + 1;
		key = trim(l);
		if (*key == '\0' || *key == '#' || *key == ';') {
			free(l);
			continue;
		}
		if ((eq = strchr(key, '=')) == NULL) {
			problem(&p, line, "expected key = value", key);
			free(l);
			continue;
		}
		*eq = '\0';
		parse_line(&p, sc, line, trim(key), trim(eq + 1), &lv, &md,
		    &mo);
		free(l);
	}
	/* what the scenario needs */
	if (p.msgs == NULL) {
		static const char *const need[] = { "id", "title", "lang",
		    "open", "accept", "decline", "not_needed" };
		const char *have[] = { sc->id, sc->title, sc->lang, sc->open,
		    sc->accept, sc->decline, sc->not_needed };
		size_t i;
		char *m;

		for (i = 0; i < sizeof need / sizeof need[0]; i++)
			if (have[i] == NULL) {
				m = xasprintf("no %s", need[i]);
				problem(&p, 0, m, NULL);
				free(m);
			}
		if (!lv)
			problem(&p, 0, "no difficulty", NULL);
		if (!md)
			problem(&p, 0, "no mode", NULL);
		if (!mo)
			problem(&p, 0, "no mood", NULL);
		if (md && sc->mode == TRAIN_SHOP && sc->customer == NULL)
			problem(&p, 0, "a shop scenario names its customer", NULL);
		if (md && sc->mode == TRAIN_HOTEL && (sc->reservation == NULL ||
		    sc->hotel == NULL))
			problem(&p, 0, "a hotel scenario names its hotel and "
			    "reservation", NULL);
		if (sc->ngood == 0)
			problem(&p, 0, "no good offer", NULL);
		if (mo && sc->mood == MOOD_HESITATE && (sc->objection == NULL ||
		    sc->nanswers < 2 || sc->right_answer < 0))
			problem(&p, 0, "a hesitating customer needs an objection "
			    "and 2 to 4 answers, one marked +", NULL);
	}
	if (p.msgs != NULL) {
		if (p.nmsgs > SCENARIO_MAX_MSGS) {
			char *t = xasprintf("%s\n... and %d more", p.msgs,
			    p.nmsgs - SCENARIO_MAX_MSGS);
			free(p.msgs);
			p.msgs = t;
		}
		*cause = p.msgs;
		scenario_free(sc);
		return -1;
	}
	sc->file = xstrdup(name);
	return 0;
}

int
scenario_load_file(const char *path, struct scenario *sc, char **cause)
{
	char *buf;
	size_t len;
	int rc;

	memset(sc, 0, sizeof *sc);
	if (text_read_file(path, SCENARIO_MAX_FILE, &buf, &len, cause) != 0)
		return -1;
	rc = scenario_parse(path, buf, len, sc, cause);
	free(buf);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
scenarios_load_dir(const char *dir, struct scenarios *list, char **cause)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL, *path, *c = NULL, *msgs = NULL, *t;
	size_t n = 0, i, j, len;

	memset(list, 0, sizeof *list);
	if ((d = opendir(dir)) == NULL) {
		t = text_cleans(dir, 60);
		*cause = xasprintf("%s: cannot read the scenarios", t);
		free(t);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0 &&
		    e->d_name[0] != '.') {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	list->v = xreallocarray(NULL, n + 1, sizeof *list->v);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (scenario_load_file(path, &list->v[list->n], &c) != 0) {
			t = xasprintf("%s%s%s", msgs ? msgs : "", msgs ? "\n" :
			    "", c);
			free(msgs);
			free(c);
			msgs = t;
		} else {
			for (j = 0; j < list->n && strcmp(list->v[j].id,
			    list->v[list->n].id) != 0; j++)
				;
			if (j < list->n) {
				char *p1 = text_cleans(path, 60);
				t = xasprintf("%s%s%s: id %s is also the id of "
				    "%s", msgs ? msgs : "", msgs ? "\n" : "",
				    p1, list->v[j].id, list->v[j].file);
				free(msgs);
				free(p1);
				msgs = t;
				scenario_free(&list->v[list->n]);
			} else
				list->n++;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	if (msgs != NULL) {
		scenarios_free(list);
		*cause = msgs;
		return -1;
	}
	return 0;
}

const struct scenario *
scenarios_find(const struct scenarios *list, const char *id)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (strcmp(list->v[i].id, id) == 0)
			return &list->v[i];
	return NULL;
}

void
scenario_free(struct scenario *sc)
{
	char **strs[] = { &sc->id, &sc->title, &sc->lang, &sc->customer,
	    &sc->basket, &sc->hotel, &sc->reservation, &sc->need, &sc->open, &sc->accept,
	    &sc->decline, &sc->not_needed, &sc->objection, &sc->better,
	    &sc->again, &sc->file };
	size_t i;

	for (i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	for (i = 0; i < sc->ngood; i++)
		free(sc->good[i]);
	for (i = 0; i < sc->nbad; i++)
		free(sc->bad[i]);
	for (i = 0; i < sc->nanswers; i++)
		free(sc->answers[i]);
	memset(sc, 0, sizeof *sc);
}

void
scenarios_free(struct scenarios *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		scenario_free(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof *list);
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
}

void
training_start(struct training *t, const struct scenario *sc)
{
	memset(t, 0, sizeof *t);
	t->sc = sc;
	t->answered = -1;
	if (sc->need != NULL)
		say(t, SAYS_NOTE, sc->need);
	say(t, SAYS_CUSTOMER, sc->open);
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

/* A case-insensitive (ASCII) search: benefits are lower case in the
 * catalogue and capitalised at the head of a line. */
static int
holds(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return 0;
	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

int
training_offer(struct training *t, const struct training_offer *o)
{
	const struct scenario *sc = t->sc;
	struct training_event *e;
	const char *line = o->line != NULL ? o->line : "";
	int reply;

	if (t->finished || t->objecting || t->nev == TRAINING_EVENTS_MAX)
		return REPLY_DONE;
	e = &t->ev[t->nev++];
	memset(e, 0, sizeof *e);
	e->code = xstrdup(o->code);
	e->name = xstrdup(o->name != NULL ? o->name : o->code);
	e->good = listed(sc->good, sc->ngood, o->code);
	e->bad = listed(sc->bad, sc->nbad, o->code);
	e->said_price = o->diff != NULL && holds(line, o->diff);
	e->had_benefit = o->benefit != NULL && o->benefit[0] != '\0';
	/* led with it: the benefit stands in the first half of the line */
	if (e->had_benefit) {
		size_t len = strlen(line), cut = len / 2 + strlen(o->benefit);
		char *head = xstrndup(line, cut < len ? cut : len);

		e->said_benefit = holds(head, o->benefit);
		free(head);
	} else
		e->said_benefit = line[0] != '\0';
	e->in_lang = o->lang != NULL && strcmp(o->lang, sc->lang) == 0;
	e->after_no = t->said_no;
	say(t, SAYS_TRAINEE, line[0] != '\0' ? line : o->name);
	if (t->said_no) {
		say(t, SAYS_CUSTOMER, sc->again != NULL ? sc->again :
		    "I did say no, thank you.");
		reply = REPLY_NOT_NEEDED;
	} else if (!e->good) {
		say(t, SAYS_CUSTOMER, sc->not_needed);
		reply = REPLY_NOT_NEEDED;
	} else if (sc->mood == MOOD_ACCEPT) {
		say(t, SAYS_CUSTOMER, sc->accept);
		t->accepted = 1;
		reply = REPLY_ACCEPTED;
	} else if (sc->mood == MOOD_DECLINE) {
		say(t, SAYS_CUSTOMER, sc->decline);
		t->said_no = 1;
		reply = REPLY_DECLINED;
	} else {
		size_t i;

		say(t, SAYS_CUSTOMER, sc->objection);
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
		say(t, SAYS_CUSTOMER, sc->accept);
		t->accepted = 1;
		t->ev[t->nev - 1].reply = REPLY_ACCEPTED;
		return REPLY_ACCEPTED;
	}
	say(t, SAYS_CUSTOMER, sc->decline);
	t->said_no = 1;
	t->ev[t->nev - 1].reply = REPLY_DECLINED;
	return REPLY_DECLINED;
}

void
training_finish(struct training *t)
{
	t->finished = 1;
	t->objecting = 0;
}

/* ---- the score ---------------------------------------------------------- */

static struct training_check *
check(struct training_sheet *s, const char *name, int passed)
{
	struct training_check *c = &s->c[s->n++];

	c->name = name;
	c->passed = passed;
	c->why[0] = c->better[0] = '\0';
	s->passed += passed != 0;
	return c;
}

static void
note(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

void
training_score(const struct training *t, struct training_sheet *s)
{
	const struct scenario *sc = t->sc;
	struct training_check *c;
	size_t i, good = 0, bad = 0, no_price = 0, no_benefit = 0, other = 0;
	size_t after_no = 0;
	const char *first_bad = NULL, *first_good = NULL;

	memset(s, 0, sizeof *s);
	for (i = 0; i < t->nev; i++) {
		const struct training_event *e = &t->ev[i];

		good += e->good;
		if (e->good && first_good == NULL)
			first_good = e->name;
		if (e->bad && first_bad == NULL)
			first_bad = e->name;
		bad += e->bad;
		no_price += !e->said_price;
		no_benefit += e->had_benefit && !e->said_benefit;
		other += !e->in_lang;
		after_no += e->after_no;
	}

	c = check(s, "offered something relevant", good > 0);
	if (good > 0)
		note(c->why, sizeof c->why, "offered %s, which helps this "
		    "%s", first_good, sc->mode == TRAIN_HOTEL ? "guest" :
		    "customer");
	else {
		if (t->nev == 0)
			note(c->why, sizeof c->why, "made no offer");
		else
			note(c->why, sizeof c->why, "none of the %zu offers "
			    "was one that helps", t->nev);
		note(c->better, sizeof c->better, "%s", sc->better != NULL ?
		    sc->better : "Offer what fits the customer's need.");
	}

	c = check(s, "nothing irrelevant, too dear or lower", bad == 0);
	if (bad > 0) {
		note(c->why, sizeof c->why, "offered %s", first_bad);
		note(c->better, sizeof c->better, "Leave out what does not fit "
		    "the need: it costs trust.");
	} else
		note(c->why, sizeof c->why, "every offer fitted");

	c = check(s, "stated the price difference", t->nev > 0 &&
	    no_price == 0);
	if (t->nev == 0)
		note(c->why, sizeof c->why, "no offer was made");
	else if (no_price == 0)
		note(c->why, sizeof c->why, "every line said what it costs");
	else
		note(c->why, sizeof c->why, "%zu line(s) did not say what it "
		    "costs", no_price);
	if (!c->passed)
		note(c->better, sizeof c->better, "Choose a line (s) that says "
		    "how much more it is, and say it plainly.");

	c = check(s, "led with a benefit", t->nev > 0 && no_benefit == 0);
	if (t->nev == 0)
		note(c->why, sizeof c->why, "no offer was made");
	else if (no_benefit == 0)
		note(c->why, sizeof c->why, "each line opened with what the "
		    "customer gains");
	else
		note(c->why, sizeof c->why, "%zu line(s) did not open with the "
		    "benefit", no_benefit);
	if (!c->passed)
		note(c->better, sizeof c->better, "Start with what it does for "
		    "them, then the price.");

	c = check(s, "used the customer's language", t->nev > 0 && other == 0);
	if (t->nev == 0)
		note(c->why, sizeof c->why, "no offer was made");
	else if (other == 0)
		note(c->why, sizeof c->why, "every line in %s",
		    text_language_name(sc->lang));
	else
		note(c->why, sizeof c->why, "%zu line(s) not in %s", other,
		    text_language_name(sc->lang));
	if (!c->passed)
		note(c->better, sizeof c->better, "Switch the talking points to "
		    "%s (L) before you speak.", text_language_name(sc->lang));

	c = check(s, "no more offers than needed", t->nev <=
	    (size_t)sc->max_offers);
	note(c->why, sizeof c->why, "%zu offer(s), at most %d", t->nev,
	    sc->max_offers);
	if (!c->passed)
		note(c->better, sizeof c->better, "One or two good offers; more "
		    "feels like pressure.");

	c = check(s, "respected a no", after_no == 0);
	if (after_no > 0)
		note(c->why, sizeof c->why, "%zu offer(s) after a no",
		    after_no);
	else
		note(c->why, sizeof c->why, "%s", t->said_no ? "stopped "
		    "offering after the customer said no" : "the customer did "
		    "not say no");
	if (!c->passed)
		note(c->better, sizeof c->better, "After a no, thank them and "
		    "finish the %s.", sc->mode == TRAIN_HOTEL ? "check-in" :
		    "sale");

	if (sc->mood == MOOD_HESITATE && t->answered >= 0) {
		c = check(s, "answered the objection well",
		    t->answered == sc->right_answer);
		note(c->why, sizeof c->why, "answered: %s",
		    sc->answers[t->answered]);
		if (!c->passed)
			note(c->better, sizeof c->better, "Better: %s",
			    sc->answers[sc->right_answer]);
	}
	s->percent = s->n > 0 ? s->passed * 100 / (int)s->n : 0;
	s->medal = s->percent >= 90 ? "gold" : s->percent >= 75 ? "silver" :
	    s->percent >= 50 ? "bronze" : "";
}
