/*
 * training_scenario.c — reading training scenarios: the text format
 * (docs in assets/training/README and uplift(1)), checked line by line with
 * every problem reported as NAME:LINE: reason; a directory of them.
 */
#include "model/training.h"

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/civil.h"
#include "model/money.h"
#include "model/text.h"
#include "model/xalloc.h"

#define SCENARIO_MAX_FILE  (64 * 1024)

#define SCENARIO_MAX_LINE  400

#define SCENARIO_MAX_MSGS  20

static const char *const difficulties[] = { "easy", "medium", "hard" };

static const char *const modes[] = { "shop", "hotel" };

static const char *const moods[] = { "accept", "hesitate", "decline" };

static const char *const marks[] = { "yes", "hesitant", "soft-no", "no" };

const char *
training_difficulty_name(int d)
{
	return d >= 0 && d <= TRAIN_HARD ? difficulties[d] : "?";
}

const char *
training_mark_name(int mark)
{
	return mark >= 0 && mark <= MARK_NO ? marks[mark] : "?";
}

int
scenario_speaks(const struct scenario *sc, const char *lang)
{
	size_t i;

	if (lang == NULL)
		return 0;
	if (strcmp(lang, sc->lang) == 0)
		return 1;
	for (i = 0; i < sc->nspeaks; i++)
		if (strcmp(lang, sc->speaks[i]) == 0)
			return 1;
	return 0;
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
		    v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9')
		    || v[i] == '-'))
			return 0;
	return 1;
}

/* A code: letters, digits, '-' and '_', 1..40. */
static int
code_ok(const char *v)
{
	size_t i, len = strlen(v);
	int ok = len >= 1 && len <= 40;

	for (i = 0; i < len && ok; i++)
		ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' &&
		    v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
		    v[i] == '-' || v[i] == '_';
	return ok;
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
	if (!code_ok(v)) {
		problem(p, line,
		    "a code is 1 to 40 letters, digits, '-' or '_'",
		    v);
		return;
	}
	list[(*n)++] = xstrdup(v);
}

/*
 * A leading "[mark]" of a customer's line: *mark gets it and the text
 * after it is returned (trimmed), or v itself when there is none.  NULL
 * (said) for an unknown mark or no text after it.
 */
static char *
take_mark(struct parse *p, long line, char *v, int *mark, int *had)
{
	char *e, *t;
	int k;

	*had = 0;
	if (v[0] != '[')
		return v;
	if ((e = strchr(v, ']')) == NULL) {
		problem(p, line, "a mark is [yes], [hesitant], [soft-no] or "
		    "[no]", v);
		return NULL;
	}
	*e = '\0';
	if ((k = pick(trim(v + 1), marks, 4)) < 0) {
		problem(p, line, "a mark is [yes], [hesitant], [soft-no] or "
		    "[no]", v + 1);
		return NULL;
	}
	t = trim(e + 1);
	if (*t == '\0') {
		problem(p, line, "nothing said after the mark", NULL);
		return NULL;
	}
	*mark = k;
	*had = 1;
	return t;
}

/* "yes" or "no" into *flag (setting bit when yes). */
static void
yes_no(struct parse *p, long line, const char *key, const char *v,
    int *seen, int *flags, int bit)
{
	char *m;

	if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
		problem(p, line, "expected yes or no", v);
		return;
	}
	if (*seen & bit) {
		m = xasprintf("%s given twice", key);
		problem(p, line, m, NULL);
		free(m);
		return;
	}
	*seen |= bit;
	if (strcmp(v, "yes") == 0)
		*flags |= bit;
}

/* "en, bn": two-letter codes, comma or space separated. */
static void
parse_speaks(struct parse *p, long line, struct scenario *sc, char *v)
{
	char *tok, *save = NULL;

	if (sc->nspeaks > 0) {
		problem(p, line, "speaks given twice", NULL);
		return;
	}
	for (tok = strtok_r(v, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (strlen(tok) != 2 || tok[0] < 'a' || tok[0] > 'z' ||
		    tok[1] < 'a' || tok[1] > 'z') {
			problem(p, line,
			    "a language is two letters (en, bn, gu)",
			    tok);
			return;
		}
		if (sc->nspeaks == TRAINING_SPEAKS_MAX) {
			problem(p, line, "too many languages (at most 4)",
			    NULL);
			return;
		}
		memcpy(sc->speaks[sc->nspeaks++], tok, 3);
	}
}

/* "CODE [mark] text". */
static void
parse_reply(struct parse *p, long line, struct scenario *sc, char *v)
{
	char *code = v, *rest, *text;
	size_t i;
	int mark = MARK_YES, had;

	rest = v + strcspn(v, " \t");
	if (*rest != '\0')
		*rest++ = '\0';
	rest = trim(rest);
	if (!code_ok(code)) {
		problem(p, line, "a reply starts with a code: 1 to 40 letters, "
		    "digits, '-' or '_'", code);
		return;
	}
	if ((text = take_mark(p, line, rest, &mark, &had)) == NULL)
		return;
	if (!had) {
		problem(p, line,
		    "a reply gives its mark after the code: [yes], "
		    "[hesitant], [soft-no] or [no]", rest);
		return;
	}
	for (i = 0; i < sc->nreplies; i++)
		if (strcmp(sc->replies[i].code, code) == 0) {
			problem(p, line, "a second reply to", code);
			return;
		}
	if (sc->nreplies == TRAINING_CODES_MAX) {
		problem(p, line, "too many replies (at most 8)", NULL);
		return;
	}
	sc->replies[sc->nreplies].code = xstrdup(code);
	sc->replies[sc->nreplies].text = xstrdup(text);
	sc->replies[sc->nreplies++].mark = mark;
}

/* What a parse has seen of the single-valued keys without a slot. */
struct seen {
	int level, mode, mood, best, flags, honest;
};

/* The text keys: where each goes, and where its mark goes (or -1). */
static const struct {
	const char *key;
	size_t      off;
	ptrdiff_t   mark;
} text_keys[] = {
	{ "id", offsetof(struct scenario, id), -1 },
	{ "title", offsetof(struct scenario, title), -1 },
	{ "lang", offsetof(struct scenario, lang), -1 },
	{ "customer", offsetof(struct scenario, customer), -1 },
	{ "basket", offsetof(struct scenario, basket), -1 },
	{ "hotel", offsetof(struct scenario, hotel), -1 },
	{ "reservation", offsetof(struct scenario, reservation), -1 },
	{ "need", offsetof(struct scenario, need), -1 },
	{ "open", offsetof(struct scenario, open),
	  offsetof(struct scenario, open_mark) },
	{ "accept", offsetof(struct scenario, accept),
	  offsetof(struct scenario, accept_mark) },
	{ "decline", offsetof(struct scenario, decline),
	  offsetof(struct scenario, decline_mark) },
	{ "not_needed", offsetof(struct scenario, not_needed),
	  offsetof(struct scenario, not_needed_mark) },
	{ "again", offsetof(struct scenario, again),
	  offsetof(struct scenario, again_mark) },
	{ "confused", offsetof(struct scenario, confused),
	  offsetof(struct scenario, confused_mark) },
	{ "objection", offsetof(struct scenario, objection),
	  offsetof(struct scenario, objection_mark) },
	{ "better", offsetof(struct scenario, better), -1 },
	{ "budget", offsetof(struct scenario, budget), -1 },
	{ "at", offsetof(struct scenario, at), -1 },
};

/* The checks of a text key's value beyond "given once". */
static void
check_text_key(struct parse *p, struct scenario *sc, long line,
    const char *key, const char *v)
{
	const char	*why;
	int64_t		 b;

	if (strcmp(key, "id") == 0 && sc->id != NULL && !id_ok(sc->id))
		problem(p, line, "an id is 1 to 40 letters, "
		    "digits or '-'", v);
	if (strcmp(key, "lang") == 0 && sc->lang != NULL &&
	    (strlen(v) != 2 || v[0] < 'a' || v[0] > 'z' ||
	    v[1] < 'a' || v[1] > 'z'))
		problem(p, line, "a language is two letters "
		    "(en, bn, gu)", v);
	if (strcmp(key, "budget") == 0) {
		if (money_parse(v, strlen(v), MONEY_MAX_SCALE, &b,
		    &why) != 0 || b <= 0)
			problem(p, line, "a budget is an amount above "
			    "0, such as 450.00", v);
		else {
			sc->budget_micro = b;
			sc->limits |= LIMIT_BUDGET;
		}
	}
	if (strcmp(key, "at") == 0 && civil_parse_time(v, strlen(v),
	    &sc->at_time, &why) != 0)
		problem(p, line, "a time is YYYY-MM-DD HH:MM, such as "
		    "2026-11-23 14:32", v);
}

/* A text key (text_keys[]): 1 when key is one (handled), else 0. */
static int
parse_text_key(struct parse *p, struct scenario *sc, long line,
    const char *key, char *v)
{
	size_t	i;
	int	had;

	for (i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++) {
		char **slot = (char **)(void *)((char *)sc + text_keys[i].off);
		char *text = v;

		if (strcmp(key, text_keys[i].key) != 0)
			continue;
		if (text_keys[i].mark >= 0) {
			int *m = (int *)(void *)((char *)sc + text_keys[i].mark);
			int mk = *m;

			if ((text = take_mark(p, line, v, &mk, &had)) == NULL)
				return 1;
			if (*slot == NULL)
				*m = mk;
		}
		set_once(p, line, slot, key, text);
		check_text_key(p, sc, line, key, v);
		return 1;
	}
	return 0;
}

/*
 * A key with one of a few values (difficulty, mode, mood, best,
 * max_offers): 1 when key is one (handled), else 0.
 */
static int
parse_choice_key(struct parse *p, struct scenario *sc, long line,
    const char *key, const char *v, struct seen *seen)
{
	int	k;

	if (strcmp(key, "difficulty") == 0) {
		if ((k = pick(v, difficulties, 3)) < 0)
			problem(p, line, "expected easy, medium or hard", v);
		else if (seen->level++)
			problem(p, line, "difficulty given twice", NULL);
		else
			sc->difficulty = k;
	} else if (strcmp(key, "mode") == 0) {
		if ((k = pick(v, modes, 2)) < 0)
			problem(p, line, "expected shop or hotel", v);
		else if (seen->mode++)
			problem(p, line, "mode given twice", NULL);
		else
			sc->mode = k;
	} else if (strcmp(key, "mood") == 0) {
		if ((k = pick(v, moods, 3)) < 0)
			problem(p, line, "expected accept, hesitate or decline",
			    v);
		else if (seen->mood++)
			problem(p, line, "mood given twice", NULL);
		else
			sc->mood = k;
	} else if (strcmp(key, "best") == 0) {
		if (strcmp(v, "none") != 0 && strcmp(v, "offer") != 0)
			problem(p, line, "expected none or offer", v);
		else if (seen->best++)
			problem(p, line, "best given twice", NULL);
		else
			sc->best_none = strcmp(v, "none") == 0;
	} else if (strcmp(key, "max_offers") == 0) {
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '5')
			problem(p, line, "expected 1 to 5", v);
		else
			sc->max_offers = v[0] - '0';
	} else
		return 0;
	return 1;
}

/* answer = +text (the good one) or -text. */
static void
parse_answer(struct parse *p, long line, struct scenario *sc, char *v)
{
	if (sc->nanswers == TRAINING_ANSWERS_MAX)
		problem(p, line, "too many answers (at most 4)", NULL);
	else if (v[0] != '+' && v[0] != '-')
		problem(p, line,
		    "an answer starts with + (the good one) "
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
}

/* honest = yes|no, of the answer just above it. */
static void
parse_honest(struct parse *p, long line, struct scenario *sc, const char *v,
    struct seen *seen)
{
	if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
		problem(p, line, "expected yes or no", v);
	else if (sc->nanswers == 0)
		problem(p, line, "honest = follows the answer it is "
		    "about", NULL);
	else if (seen->honest & (1 << (sc->nanswers - 1)))
		problem(p, line, "honest given twice for one answer",
		    NULL);
	else {
		seen->honest |= 1 << (sc->nanswers - 1);
		sc->dishonest[sc->nanswers - 1] = strcmp(v, "no") == 0;
		if (strcmp(v, "no") == 0 && sc->right_answer ==
		    (int)sc->nanswers - 1)
			problem(p, line,
			    "the good (+) answer cannot be "
			    "dishonest", NULL);
	}
}

static void
parse_line(struct parse *p, struct scenario *sc, long line, char *key,
    char *v, struct seen *seen)
{
	if (*v == '\0') {
		problem(p, line, "empty value", key);
		return;
	}
	if (parse_text_key(p, sc, line, key, v) ||
	    parse_choice_key(p, sc, line, key, v, seen))
		return;
	if (strcmp(key, "hurry") == 0)
		yes_no(p, line, key, v, &seen->flags, &sc->limits, LIMIT_HURRY);
	else if (strcmp(key, "just_this") == 0)
		yes_no(p, line, key, v, &seen->flags, &sc->limits,
		    LIMIT_JUST_THIS);
	else if (strcmp(key, "no_upgrade") == 0)
		yes_no(p, line, key, v, &seen->flags, &sc->limits,
		    LIMIT_NO_UPGRADE);
	else if (strcmp(key, "speaks") == 0)
		parse_speaks(p, line, sc, v);
	else if (strcmp(key, "reply") == 0)
		parse_reply(p, line, sc, v);
	else if (strcmp(key, "good") == 0)
		add_code(p, line, sc->good, &sc->ngood, v);
	else if (strcmp(key, "bad") == 0)
		add_code(p, line, sc->bad, &sc->nbad, v);
	else if (strcmp(key, "answer") == 0)
		parse_answer(p, line, sc, v);
	else if (strcmp(key, "honest") == 0)
		parse_honest(p, line, sc, v, seen);
	else
		problem(p, line, "unknown key", key);
}

/* What a scenario needs, once every line has been read. */
static void
check_complete(struct parse *p, const struct scenario *sc,
    const struct seen *seen)
{
	static const char *const need[] = { "id", "title", "lang",
	    "open", "accept", "decline", "not_needed" };
	const char *have[] = { sc->id, sc->title, sc->lang, sc->open,
	    sc->accept, sc->decline, sc->not_needed };
	size_t i;
	char *m;

	for (i = 0; i < sizeof need / sizeof need[0]; i++)
		if (have[i] == NULL) {
			m = xasprintf("no %s", need[i]);
			problem(p, 0, m, NULL);
			free(m);
		}
	if (!seen->level)
		problem(p, 0, "no difficulty", NULL);
	if (!seen->mode)
		problem(p, 0, "no mode", NULL);
	if (!seen->mood)
		problem(p, 0, "no mood", NULL);
	if (seen->mode && sc->mode == TRAIN_SHOP && sc->customer == NULL)
		problem(p, 0, "a shop scenario names its customer",
		    NULL);
	if (seen->mode && sc->mode == TRAIN_HOTEL &&
	    (sc->reservation == NULL || sc->hotel == NULL))
		problem(p, 0, "a hotel scenario names its hotel and "
		    "reservation", NULL);
	if (sc->ngood == 0 && !sc->best_none)
		problem(p, 0, "no good offer (or best = none)", NULL);
	if (seen->mood && sc->mood == MOOD_HESITATE &&
	    (sc->objection == NULL || sc->nanswers < 2 ||
	    sc->right_answer < 0))
		problem(p, 0,
		    "a hesitating customer needs an objection "
		    "and 2 to 4 answers, one marked +", NULL);
}

int
scenario_parse(const char *name, const char *text, size_t len,
    struct scenario *sc, char **cause)
{
	struct parse p;
	struct seen seen;
	const char *s = text, *end = text + len, *nl;
	size_t bad_at;
	long line = 0;

	memset(sc, 0, sizeof *sc);
	memset(&p, 0, sizeof p);
	memset(&seen, 0, sizeof seen);
	p.name = name;
	sc->right_answer = -1;
	sc->max_offers = 2;
	sc->open_mark = sc->accept_mark = MARK_YES;
	sc->decline_mark = sc->again_mark = MARK_NO;
	sc->not_needed_mark = MARK_SOFT_NO;
	sc->objection_mark = sc->confused_mark = MARK_HESITANT;
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
		parse_line(&p, sc, line, trim(key), trim(eq + 1), &seen);
		free(l);
	}
	/* what the scenario needs */
	if (p.msgs == NULL)
		check_complete(&p, sc, &seen);
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
	    &sc->basket, &sc->hotel, &sc->reservation, &sc->need, &sc->open,
	    &sc->accept, &sc->decline, &sc->not_needed, &sc->objection,
	    &sc->better, &sc->again, &sc->confused, &sc->budget, &sc->at, &sc->file };
	size_t i;

	for (i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	for (i = 0; i < sc->ngood; i++)
		free(sc->good[i]);
	for (i = 0; i < sc->nbad; i++)
		free(sc->bad[i]);
	for (i = 0; i < sc->nreplies; i++) {
		free(sc->replies[i].code);
		free(sc->replies[i].text);
	}
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
