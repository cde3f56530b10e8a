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
		    v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
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
		problem(p, line, "a code is 1 to 40 letters, digits, '-' or '_'",
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
			problem(p, line, "a language is two letters (en, bn, gu)",
			    tok);
			return;
		}
		if (sc->nspeaks == TRAINING_SPEAKS_MAX) {
			problem(p, line, "too many languages (at most 4)", NULL);
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
		problem(p, line, "a reply gives its mark after the code: [yes], "
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

static void
parse_line(struct parse *p, struct scenario *sc, long line, char *key,
    char *v, struct seen *seen)
{
	static const struct {
		const char *key;
		size_t      off;
		ptrdiff_t   mark;     /* offset of its mark, or -1 */
	} strs[] = {
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
	};
	size_t i;
	int k, had;

	if (*v == '\0') {
		problem(p, line, "empty value", key);
		return;
	}
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		char **slot = (char **)(void *)((char *)sc + strs[i].off);
		char *text = v;

		if (strcmp(key, strs[i].key) != 0)
			continue;
		if (strs[i].mark >= 0) {
			int *m = (int *)(void *)((char *)sc + strs[i].mark);
			int mk = *m;

			if ((text = take_mark(p, line, v, &mk, &had)) == NULL)
				return;
			if (*slot == NULL)
				*m = mk;
		}
		set_once(p, line, slot, key, text);
		if (strcmp(key, "id") == 0 && sc->id != NULL &&
		    !id_ok(sc->id))
			problem(p, line, "an id is 1 to 40 letters, "
			    "digits or '-'", v);
		if (strcmp(key, "lang") == 0 && sc->lang != NULL &&
		    (strlen(v) != 2 || v[0] < 'a' || v[0] > 'z' ||
		    v[1] < 'a' || v[1] > 'z'))
			problem(p, line, "a language is two letters "
			    "(en, bn, gu)", v);
		if (strcmp(key, "budget") == 0) {
			const char *why;
			int64_t b;

			if (money_parse(v, strlen(v), MONEY_MAX_SCALE, &b,
			    &why) != 0 || b <= 0)
				problem(p, line, "a budget is an amount above "
				    "0, such as 450.00", v);
			else {
				sc->budget_micro = b;
				sc->limits |= LIMIT_BUDGET;
			}
		}
		return;
	}
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
	} else if (strcmp(key, "hurry") == 0)
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
	} else if (strcmp(key, "honest") == 0) {
		/* of the answer just above it */
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
				problem(p, line, "the good (+) answer cannot be "
				    "dishonest", NULL);
		}
	} else
		problem(p, line, "unknown key", key);
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
		if (!seen.level)
			problem(&p, 0, "no difficulty", NULL);
		if (!seen.mode)
			problem(&p, 0, "no mode", NULL);
		if (!seen.mood)
			problem(&p, 0, "no mood", NULL);
		if (seen.mode && sc->mode == TRAIN_SHOP && sc->customer == NULL)
			problem(&p, 0, "a shop scenario names its customer", NULL);
		if (seen.mode && sc->mode == TRAIN_HOTEL &&
		    (sc->reservation == NULL || sc->hotel == NULL))
			problem(&p, 0, "a hotel scenario names its hotel and "
			    "reservation", NULL);
		if (sc->ngood == 0 && !sc->best_none)
			problem(&p, 0, "no good offer (or best = none)", NULL);
		if (seen.mood && sc->mood == MOOD_HESITATE &&
		    (sc->objection == NULL || sc->nanswers < 2 ||
		    sc->right_answer < 0))
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
	    &sc->basket, &sc->hotel, &sc->reservation, &sc->need, &sc->open,
	    &sc->accept, &sc->decline, &sc->not_needed, &sc->objection,
	    &sc->better, &sc->again, &sc->confused, &sc->budget, &sc->file };
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
		note(buf + strlen(buf), size - strlen(buf), "%stheir hurry (one "
		    "offer at most)", sep);
		sep = "; ";
	}
	if (mask & LIMIT_JUST_THIS) {
		note(buf + strlen(buf), size - strlen(buf), "%s\"just this\" (no "
		    "offer)", sep);
		sep = "; ";
	}
	if (mask & LIMIT_NO_UPGRADE)
		note(buf + strlen(buf), size - strlen(buf), "%stheir rate (no "
		    "upgrade)", sep);
}

void
training_score(const struct training *t, struct training_sheet *s)
{
	const struct scenario *sc = t->sc;
	struct training_check *c;
	size_t i, helped = 0, bad = 0, counted = 0, offers = t->nev;
	size_t no_price = 0, no_benefit = 0, other = 0, confused = 0;
	size_t after_no = 0, broke_n = 0;
	int broke = 0, weight = 0, got = 0;
	const char *first_bad = NULL, *first_good = NULL, *first_broke = NULL;
	const char *guest = sc->mode == TRAIN_HOTEL ? "guest" : "customer";
	const char *end = sc->mode == TRAIN_HOTEL ? "check-in" : "sale";

	memset(s, 0, sizeof *s);
	for (i = 0; i < t->nev; i++) {
		const struct training_event *e = &t->ev[i];

		/* it helps: on the good list, heard, not pushed past a no
		 * nor past what the customer said */
		if (e->good && e->understood && !e->after_no && !e->broke) {
			helped++;
			if (first_good == NULL)
				first_good = e->name;
		}
		if (e->bad && first_bad == NULL)
			first_bad = e->name;
		bad += e->bad;
		counted += e->understood;
		no_price += !e->said_price;
		no_benefit += e->had_benefit && !e->said_benefit;
		other += !e->in_lang;
		confused += !e->understood;
		after_no += e->after_no;
		if (e->broke) {
			broke |= e->broke;
			broke_n++;
			if (first_broke == NULL)
				first_broke = e->name;
		}
	}

	/* relevance first: what helps, or holding back */
	if (sc->best_none) {
		c = check(s, "held back, as the customer needed", offers == 0,
		    W_HELPED);
		if (offers == 0)
			note(c->why, sizeof c->why, "made no offer");
		else {
			note(c->why, sizeof c->why, "made %zu offer(s) where "
			    "none was wanted", offers);
			note(c->better, sizeof c->better, "%s", sc->better !=
			    NULL ? sc->better : "Listen: this customer wants "
			    "nothing more today.");
		}
	} else {
		c = check(s, "offered what helps", helped > 0, W_HELPED);
		if (helped > 0)
			note(c->why, sizeof c->why, "offered %s, which helps this "
			    "%s", first_good, guest);
		else {
			if (offers == 0)
				note(c->why, sizeof c->why, "made no offer");
			else if (confused == offers)
				note(c->why, sizeof c->why, "no offer was "
				    "understood (not in a language the %s "
				    "speaks)", guest);
			else
				note(c->why, sizeof c->why, "none of the %zu "
				    "offers was one that helps", offers);
			note(c->better, sizeof c->better, "%s", sc->better !=
			    NULL ? sc->better : "Offer what fits the customer's "
			    "need.");
		}
	}
	helped = !sc->best_none && helped > 0;

	c = check(s, "nothing irrelevant, too dear or lower", bad == 0,
	    W_RELEVANT);
	if (bad > 0) {
		note(c->why, sizeof c->why, "offered %s", first_bad);
		note(c->better, sizeof c->better, "Leave out what does not fit "
		    "the need: it costs trust.");
	} else if (offers == 0)
		note(c->why, sizeof c->why, "made no offer");
	else
		note(c->why, sizeof c->why, "no offer was off the point");

	c = check(s, "no more offers than needed", counted <=
	    (size_t)sc->max_offers, W_FEW);
	note(c->why, sizeof c->why, "%zu offer(s), at most %d", counted,
	    sc->max_offers);
	if (!c->passed)
		note(c->better, sizeof c->better, "One or two good offers; more "
		    "feels like pressure.");

	/* the craft of the lines: counted only when an offer helped */
	if (offers > 0) {
		c = check(s, "stated the price or the difference",
		    no_price == 0, W_PRICE);
		c->counted = (int)helped;
		if (no_price == 0)
			note(c->why, sizeof c->why, "every line said what it "
			    "costs");
		else
			note(c->why, sizeof c->why, "%zu line(s) did not say "
			    "what it costs", no_price);
		if (!c->passed)
			note(c->better, sizeof c->better, "Choose a line (s) "
			    "that says how much more it is, and say it "
			    "plainly.");

		c = check(s, "led with a benefit", no_benefit == 0, W_BENEFIT);
		c->counted = (int)helped;
		if (no_benefit == 0)
			note(c->why, sizeof c->why, "each line opened with what "
			    "the %s gains", guest);
		else
			note(c->why, sizeof c->why, "%zu line(s) did not open "
			    "with the benefit", no_benefit);
		if (!c->passed)
			note(c->better, sizeof c->better, "Start with what it "
			    "does for them, then the price.");

		c = check(s, "spoke the customer's language", other == 0,
		    W_LANGUAGE);
		c->counted = (int)helped;
		if (other == 0)
			note(c->why, sizeof c->why, "every line in %s",
			    text_language_name(sc->lang));
		else if (confused > 0)
			note(c->why, sizeof c->why, "%zu line(s) not in %s, "
			    "%zu not understood", other,
			    text_language_name(sc->lang), confused);
		else
			note(c->why, sizeof c->why, "%zu line(s) not in %s",
			    other, text_language_name(sc->lang));
		if (!c->passed)
			note(c->better, sizeof c->better, "Switch the talking "
			    "points to %s (L) before you speak.",
			    text_language_name(sc->lang));
	}

	if (sc->mood == MOOD_HESITATE && t->answered >= 0) {
		c = check(s, "answered the objection well",
		    t->answered == sc->right_answer, W_ANSWER);
		note(c->why, sizeof c->why, "answered: %s",
		    sc->answers[t->answered]);
		if (!c->passed)
			note(c->better, sizeof c->better, "Better: %s",
			    sc->answers[sc->right_answer]);
	}

	/* the vetoes */
	c = check(s, "respected every no", after_no == 0, 0);
	if (after_no > 0) {
		note(c->why, sizeof c->why, "%zu offer(s) after \"%s\" (a %s)",
		    after_no, t->no_line, t->no_mark == MARK_NO ? "no" :
		    "soft no");
		note(c->better, sizeof c->better, "A no, a soft one too, ends "
		    "the offers: thank them and finish the %s.", end);
	} else if (t->said_no)
		note(c->why, sizeof c->why, "no offer after \"%s\"",
		    t->no_line);
	else
		note(c->why, sizeof c->why, "the %s did not say no", guest);

	if (sc->limits != 0) {
		char what[160];

		c = check(s, "kept to what the customer said", broke == 0, 0);
		if (broke == 0) {
			limits_text(sc, sc->limits, what, sizeof what);
			note(c->why, sizeof c->why, "kept to %s", what);
		} else {
			limits_text(sc, broke, what, sizeof what);
			note(c->why, sizeof c->why, "broke %s: %zu offer(s), "
			    "the first %s", what, broke_n, first_broke);
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
		note(buf, size, "SCORE  %s  %d%%  medal: %s", sc->id, s->percent,
		    s->medal);
	else
		note(buf, size, "SCORE  %s  %d%%  no medal%s", sc->id,
		    s->percent, s->vetoes > 0 ? " (a veto)" : "");
}
