/*
 * script.c — loading, choosing and filling talking-point templates.
 */
#include "model/script.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "model/text.h"
#include "model/types.h"
#include "model/xalloc.h"

#define SCRIPT_MAX_FILE  (1024 * 1024)
#define SCRIPT_MAX_LINE  400
#define SCRIPT_MAX_MSGS  20

static const char *kind_names[] = {
	"upgrade", "bundle", "refill", "seasonal", "decline", "room", "addon",
	"sizeup", "usual" };
#define NKINDS ((int)(sizeof kind_names / sizeof kind_names[0]))

const char *
script_kind_name(int kind)
{
	return kind >= 0 && kind < NKINDS ? kind_names[kind] : "?";
}

static const char *placeholders[] = {
	"first_name", "item", "base", "diff", "diff_pct", "price", "benefit",
	"Benefit", "unit_saving", "proof", "bundle", "saving", "shop",
	"room", "booked", "per_night", "nights", "total", "addon", "per",
	"no_benefit", "nights_word", "for_stay",
};
#define NPLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

/* False urgency, in the shipped languages, in the folded form fold_urgent()
 * gives: ASCII lower case, one plain space, "'" for apostrophes, Bengali
 * RRA/RHA/YYA as consonant + nukta (as NFC has them). */
static const char *urgent[] = {
	"only today", "today only", "last chance", "hurry", "limited time",
	"ends soon", "ends today", "while stocks last", "don't miss",
	"dont miss", "now or never", "before it's gone", "last few",
	"শুধু আজ", "শুধুমাত্র আজ", "শেষ সুযোগ", "তাড়াতাড়ি", "আজই শেষ",
	"ফুরিয়ে যাওয়ার আগে",
	"ફક્ત આજે", "માત્ર આજે", "છેલ્લી તક", "જલદી", "જલ્દી", "આજે જ છેલ્લું",
	"ખતમ થાય તે પહેલાં",
};

uint64_t
script_hash(const char *s, uint64_t seed)
{
	uint64_t h = 1469598103934665603ULL ^ seed;

	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	/* A finaliser (murmur3's): FNV's low bits alone would split
	 * customers into variants by little more than a parity. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/*
 * The text as the urgency table is written: ASCII lower case; any run of
 * spaces, tabs and no-break spaces as one space; invisible characters
 * (soft hyphen, U+200B-U+200D, U+2060, U+FEFF) dropped; typographic
 * apostrophes as "'"; the precomposed Bengali U+09DC, U+09DD, U+09DF as
 * consonant + nukta.  So "Don\u2019t  miss" and a keyboard's precomposed
 * "\u09a4\u09be\u09dc\u09be..." are caught too.  malloc'd.
 */
static char *
fold_urgent(const char *s)
{
	size_t len = strlen(s), n = 0;
	char *out = xmalloc(2 * len + 1);
	const unsigned char *p = (const unsigned char *)s;
	int space = 0;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\t' || (p[0] == 0xc2 && p[1] == 0xa0)) {
			p += *p == 0xc2 ? 2 : 1;
			space = 1;
			continue;
		}
		if ((p[0] == 0xc2 && p[1] == 0xad) ||
		    (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x8b &&
		    p[2] <= 0x8d) ||
		    (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0xa0) ||
		    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)) {
			p += p[0] == 0xc2 ? 2 : 3;
			continue;
		}
		if (space && n > 0)
			out[n++] = ' ';
		space = 0;
		if ((p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0x98 || p[2] == 0x99)) ||
		    (p[0] == 0xca && p[1] == 0xbc)) {
			out[n++] = '\'';
			p += p[0] == 0xca ? 2 : 3;
		} else if (p[0] == 0xe0 && p[1] == 0xa7 &&
		    (p[2] == 0x9c || p[2] == 0x9d || p[2] == 0x9f)) {
			/* U+09DC, U+09DD, U+09DF: U+09A1, U+09A2, U+09AF + U+09BC */
			out[n++] = (char)0xe0;
			out[n++] = (char)0xa6;
			out[n++] = (char)(p[2] == 0x9c ? 0xa1 : p[2] == 0x9d ?
			    0xa2 : 0xaf);
			out[n++] = (char)0xe0;
			out[n++] = (char)0xa6;
			out[n++] = (char)0xbc;
			p += 3;
		} else if (*p >= 'A' && *p <= 'Z')
			out[n++] = (char)(*p++ + 32);
		else
			out[n++] = (char)*p++;
	}
	out[n] = '\0';
	return out;
}

int
script_is_urgent(const char *text)
{
	size_t i;
	char *f;
	int hit = 0;

	if (text == NULL)
		return 0;
	f = fold_urgent(text);
	for (i = 0; i < sizeof urgent / sizeof urgent[0] && !hit; i++)
		if (strstr(f, urgent[i]) != NULL)
			hit = 1;
	free(f);
	return hit;
}

static const char *
var_of(const struct script_vars *v, const char *name, size_t len)
{
	const char *vals[NPLACEHOLDERS] = { v->first_name, v->item, v->base,
	    v->diff, v->diff_pct, v->price, v->benefit, v->benefit,
	    v->unit_saving, v->proof, v->bundle, v->saving, v->shop, v->room,
	    v->booked, v->per_night, v->nights, v->total, v->addon, v->per,
	    NULL, v->nights_word, v->for_stay };
	size_t i;

	for (i = 0; i < NPLACEHOLDERS; i++)
		if (strlen(placeholders[i]) == len &&
		    memcmp(placeholders[i], name, len) == 0)
			return vals[i];
	return NULL;
}

static int
placeholder_known(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NPLACEHOLDERS; i++)
		if (strlen(placeholders[i]) == len &&
		    memcmp(placeholders[i], name, len) == 0)
			return 1;
	return 0;
}

/*
 * Check a template line: balanced braces, known placeholders.  Returns
 * NULL if fine, else a static reason.
 */
static const char *
line_check(const char *s)
{
	const char *p, *e;

	for (p = s; *p != '\0'; p++) {
		if (p[0] == '{' && p[1] == '{') {
			p++;
			continue;
		}
		if (p[0] == '}' && p[1] == '}') {
			p++;
			continue;
		}
		if (*p == '}')
			return "a '}' without its '{' (write }} for a brace)";
		if (*p != '{')
			continue;
		e = strchr(p + 1, '}');
		if (e == NULL)
			return "a '{' without its '}' (write {{ for a brace)";
		if (!placeholder_known(p + 1, (size_t)(e - p - 1)))
			return "unknown placeholder";
		p = e;
	}
	return NULL;
}

char *
script_fill(const char *line, const struct script_vars *vars)
{
	size_t cap = strlen(line) + 64, n = 0, vl;
	char *out = xmalloc(cap), *t;
	const char *p, *e, *v;

	if (line_check(line) != NULL) {
		free(out);
		return NULL;
	}
	for (p = line; *p != '\0'; p++) {
		const char *add = p;
		size_t addn = 1;
		char cap1[8];

		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
			p++;
		else if (*p == '{' && strncmp(p, "{no_benefit}", 12) == 0) {
			/* a line for an offer without a benefit: nothing
			 * written, left out when there is one */
			if (vars->benefit != NULL && vars->benefit[0] != '\0') {
				free(out);
				return NULL;
			}
			p += 11;
			continue;
		} else if (*p == '{') {
			e = strchr(p + 1, '}');
			v = var_of(vars, p + 1, (size_t)(e - p - 1));
			if (v == NULL || *v == '\0') {
				free(out);
				return NULL;
			}
			add = v;
			addn = strlen(v);
			/* {Benefit}: the value with a capital first letter */
			if (e - p - 1 == 7 && p[1] == 'B' && v[0] >= 'a' &&
			    v[0] <= 'z') {
				cap1[0] = (char)(v[0] - 32);
				cap1[1] = '\0';
				vl = strlen(v);
				if (n + vl + 1 >= cap) {
					cap = 2 * (cap + vl);
					out = xreallocarray(out, cap, 1);
				}
				out[n++] = cap1[0];
				add = v + 1;
				addn = vl - 1;
			}
			p = e;
		}
		if (n + addn + 1 >= cap) {
			cap = 2 * (cap + addn);
			t = xreallocarray(out, cap, 1);
			out = t;
		}
		memcpy(out + n, add, addn);
		n += addn;
	}
	out[n] = '\0';
	return out;
}

/* ---- loading ----------------------------------------------------------- */

struct loader {
	const char *name;
	char       *msgs[SCRIPT_MAX_MSGS];
	long        lines[SCRIPT_MAX_MSGS];  /* for the order of messages */
	int         nmsgs;
	long        total;
};

static void
problem(struct loader *ld, long line, const char *fmt, const char *arg)
{
	char *clean, *a = NULL, *msg;

	ld->total++;
	if (ld->nmsgs >= SCRIPT_MAX_MSGS)
		return;
	clean = text_cleans(ld->name, 60);
	if (arg != NULL)
		a = text_excerpt(arg, strlen(arg));
	msg = xasprintf("%s:%ld: %s%s%s", clean, line, fmt, a ? ": " : "",
	    a ? a : "");
	ld->lines[ld->nmsgs] = line;
	ld->msgs[ld->nmsgs++] = msg;
	free(clean);
	free(a);
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

static void
tpl_clear(struct script_tpl *t)
{
	int i;

	free(t->category);
	free(t->sku);
	free(t->variant);
	free(t->file);
	for (i = 0; i < t->nlines; i++)
		free(t->lines[i]);
	memset(t, 0, sizeof *t);
}

/* "[kind key=value ...]" into *t; 0 or -1 (problem recorded). */
static int
parse_header(struct loader *ld, long line, char *s, struct script_tpl *t)
{
	char *tok, *save = NULL, *eq;
	int k, first = 1;

	memset(t, 0, sizeof *t);
	t->kind = -1;
	for (tok = strtok_r(s, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if (first) {
			first = 0;
			for (k = 0; k < NKINDS; k++)
				if (strcmp(tok, kind_names[k]) == 0)
					t->kind = k;
			if (t->kind < 0) {
				problem(ld, line, "unknown kind (upgrade, bundle, "
				    "refill, sizeup, seasonal, decline, room, addon)",
				    tok);
				return -1;
			}
			continue;
		}
		if ((eq = strchr(tok, '=')) == NULL || eq[1] == '\0') {
			problem(ld, line, "expected key=value", tok);
			return -1;
		}
		*eq++ = '\0';
		if (strcmp(tok, "category") == 0 && t->category == NULL)
			t->category = xstrdup(eq);
		else if (strcmp(tok, "item") == 0 && t->sku == NULL)
			t->sku = xstrdup(eq);
		else if (strcmp(tok, "variant") == 0 && t->variant == NULL)
			t->variant = xstrdup(eq);
		else {
			problem(ld, line, "unknown or repeated key (category, "
			    "item, variant)", tok);
			return -1;
		}
	}
	if (first) {
		problem(ld, line, "empty section", NULL);
		return -1;
	}
	if (t->variant == NULL)
		t->variant = xstrdup("A");
	return 0;
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * The template already loaded (in sc, or earlier in this file: got) for
 * the same kind, scope, language and variant as t, or NULL.  A repeat
 * would be a second "variant" under the same name, logged as one.
 */
static const struct script_tpl *
find_repeat(const struct scripts *sc, const struct scripts *got,
    const struct script_tpl *t)
{
	const struct scripts *in[2] = { sc, got };
	const struct script_tpl *o;
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < in[k]->n; i++) {
			o = &in[k]->v[i];
			if (o->kind == t->kind && strcmp(o->lang, t->lang) == 0 &&
			    same_str(o->category, t->category) &&
			    same_str(o->sku, t->sku) &&
			    same_str(o->variant, t->variant))
				return o;
		}
	return NULL;
}

static void
push_tpl(struct scripts *sc, struct script_tpl *t)
{
	sc->v = xreallocarray(sc->v, sc->n + 1, sizeof *sc->v);
	sc->v[sc->n++] = *t;
	memset(t, 0, sizeof *t);
}

/* One script_load_text() call: where it is in the text. */
struct textload {
	struct loader		 ld;
	struct scripts		*sc;		/* loaded before */
	struct scripts		 got;		/* loaded by this text */
	struct script_tpl	 cur;		/* the section being read */
	const char		*name;
	char			 lang[4];	/* lang = .. so far */
	int			 have, said;	/* cur is open; a say in it */
};

/* Not UTF-8, or a NUL: said at the line of the first bad byte.  0 if
 * the text is fine, else -1. */
static int
text_bytes_ok(struct loader *ld, const char *text, size_t len)
{
	const char *nul;
	size_t bad, off;
	long lineno;

	if (len == 0)
		return 0;
	if (text_valid_utf8(text, len, &bad))
		bad = len;
	if ((nul = memchr(text, '\0', len)) != NULL &&
	    (size_t)(nul - text) < bad)
		bad = (size_t)(nul - text);
	else
		nul = NULL;
	if (bad == len)
		return 0;
	for (off = 0, lineno = 1; off < bad; off++)
		if (text[off] == '\n')
			lineno++;
	problem(ld, lineno, nul != NULL ? "a NUL byte (not UTF-8 text)" :
	    "not UTF-8 text", NULL);
	return -1;
}

/* Close the open section, if any: kept (a section with no say line is
 * a problem). */
static void
text_close_section(struct textload *tl)
{
	if (!tl->have)
		return;
	if (tl->cur.nlines == 0 && !tl->said)
		problem(&tl->ld, tl->cur.line, "a section without a say line",
		    NULL);
	push_tpl(&tl->got, &tl->cur);
	tl->have = 0;
}

/* A "[kind key=value ...]" line s opens a section. */
static void
text_section(struct textload *tl, long lineno, char *s)
{
	const struct script_tpl *rep;
	char *e = strchr(s, ']'), *where;

	text_close_section(tl);
	if (e == NULL || trim(e + 1)[0] != '\0') {
		problem(&tl->ld, lineno, "expected [kind key=value ...]", s);
		return;
	}
	*e = '\0';
	if (parse_header(&tl->ld, lineno, s + 1, &tl->cur) != 0) {
		tpl_clear(&tl->cur);
		return;
	}
	if (tl->lang[0] == '\0') {
		problem(&tl->ld, lineno, "no 'lang = ..' before the first "
		    "section", NULL);
		tpl_clear(&tl->cur);
		return;
	}
	memcpy(tl->cur.lang, tl->lang, sizeof tl->cur.lang);
	if ((rep = find_repeat(tl->sc, &tl->got, &tl->cur)) != NULL) {
		where = xasprintf("%s:%ld", rep->file ? rep->file : "?",
		    rep->line);
		problem(&tl->ld, lineno, "the same kind, scope and variant "
		    "again, first at", where);
		free(where);
		tpl_clear(&tl->cur);
		return;
	}
	tl->cur.file = xstrdup(tl->name != NULL ? tl->name : "");
	tl->cur.line = lineno;
	tl->have = 1;
	tl->said = 0;
}

/* A key = value line: lang before the sections, say inside them. */
static void
text_key(struct textload *tl, long lineno, char *key, char *val)
{
	const char *why;

	if (strcmp(key, "lang") == 0 && !tl->have) {
		if (strlen(val) != 2 || val[0] < 'a' || val[0] > 'z' ||
		    val[1] < 'a' || val[1] > 'z') {
			problem(&tl->ld, lineno, "lang is a two-letter code "
			    "(en, bn, gu)", val);
			return;
		}
		memcpy(tl->lang, val, 3);
	} else if (strcmp(key, "say") == 0 && tl->have) {
		tl->said = 1;   /* even if refused below */
		if (*val == '\0')
			problem(&tl->ld, lineno, "an empty line", NULL);
		else if ((why = line_check(val)) != NULL)
			problem(&tl->ld, lineno, why, val);
		else if (script_is_urgent(val))
			problem(&tl->ld, lineno, "false urgency is not allowed",
			    val);
		else if (tl->cur.nlines == SCRIPT_LINES_MAX)
			problem(&tl->ld, lineno, "more than 6 say lines", NULL);
		else
			tl->cur.lines[tl->cur.nlines++] = xstrdup(val);
	} else
		problem(&tl->ld, lineno, tl->have ? "expected say = ..." :
		    "expected lang = .. or a [section]", key);
}

/* The problems, by line (insertion sort: at most 20, stable), one a
 * line, then how many more; the messages are freed. */
static char *
text_problems(struct loader *ld)
{
	char *out = xstrdup(""), *t;
	int i;

	for (i = 1; i < ld->nmsgs; i++) {
		char *m = ld->msgs[i];
		long l = ld->lines[i];
		int j = i;
		while (j > 0 && ld->lines[j - 1] > l) {
			ld->msgs[j] = ld->msgs[j - 1];
			ld->lines[j] = ld->lines[j - 1];
			j--;
		}
		ld->msgs[j] = m;
		ld->lines[j] = l;
	}
	for (i = 0; i < ld->nmsgs; i++) {
		t = xasprintf("%s%s%s", out, i ? "\n" : "", ld->msgs[i]);
		free(out);
		out = t;
		free(ld->msgs[i]);
	}
	if (ld->total > ld->nmsgs) {
		t = xasprintf("%s\n%ld more problems not shown", out,
		    ld->total - ld->nmsgs);
		free(out);
		out = t;
	}
	return out;
}

int
script_load_text(struct scripts *sc, const char *name, const char *text,
    size_t len, char **cause)
{
	struct textload tl;
	char *buf, *line, *next, *s, *eq;
	long lineno = 0;
	size_t i;

	memset(&tl, 0, sizeof tl);
	tl.sc = sc;
	tl.name = name;
	tl.ld.name = name;
	*cause = NULL;
	if (text == NULL)
		len = 0;
	if (text_bytes_ok(&tl.ld, text, len) != 0)
		goto fail;
	buf = xstrndup(len > 0 ? text : "", len);
	if ((unsigned char)buf[0] == 0xef && (unsigned char)buf[1] == 0xbb &&
	    (unsigned char)buf[2] == 0xbf)
		memmove(buf, buf + 3, strlen(buf + 3) + 1);
	for (line = buf; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		else if (*line == '\0' && lineno > 0)
			break;	/* after the last newline: no line */
		lineno++;
		if (strlen(line) > SCRIPT_MAX_LINE) {
			problem(&tl.ld, lineno, "line longer than 400 bytes",
			    NULL);
			continue;
		}
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[')
			text_section(&tl, lineno, s);
		else if ((eq = strchr(s, '=')) == NULL)
			problem(&tl.ld, lineno, "expected key = value", s);
		else {
			*eq = '\0';
			text_key(&tl, lineno, trim(s), trim(eq + 1));
		}
	}
	text_close_section(&tl);
	free(buf);
	if (tl.ld.total == 0 && tl.got.n == 0)
		problem(&tl.ld, lineno > 0 ? lineno : 1, "no templates", NULL);
fail:
	if (tl.ld.total > 0) {
		*cause = text_problems(&tl.ld);
		scripts_free(&tl.got);
		return -1;
	}
	for (i = 0; i < tl.got.n; i++)
		push_tpl(sc, &tl.got.v[i]);
	free(tl.got.v);
	return 0;
}

int
script_load_file(struct scripts *sc, const char *path, char **cause)
{
	char *buf;
	size_t len;
	int rc;

	*cause = NULL;
	if (text_read_file(path, SCRIPT_MAX_FILE, &buf, &len, cause) != 0)
		return -1;
	rc = script_load_text(sc, path, buf, len, cause);
	free(buf);
	return rc;
}

void
scripts_free(struct scripts *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		tpl_clear(&sc->v[i]);
	free(sc->v);
	sc->v = NULL;
	sc->n = 0;
}

/* ---- choosing and rendering --------------------------------------------- */

char *
script_variant_id(const struct script_tpl *t)
{
	return xasprintf("%s/%s%s/%s", t->kind >= 0 && t->kind < NKINDS ?
	    kind_names[t->kind] : "?", t->sku ? "item=" : t->category ?
	    "category=" : "*", t->sku ? t->sku : t->category ? t->category :
	    "", t->variant);
}

/* How specific t is for the offer: 3 item, 2 category, 1 kind; 0 no. */
static int
match(const struct script_tpl *t, int kind, const char *category,
    const char *sku, const char *lang)
{
	if (t->kind != kind || strcmp(t->lang, lang) != 0)
		return 0;
	if (t->sku != NULL)
		return sku != NULL && strcmp(t->sku, sku) == 0 ? 3 : 0;
	if (t->category != NULL)
		return category != NULL && strcmp(t->category, category) == 0 ?
		    2 : 0;
	return 1;
}

/* Render template t; how many lines came out. */
static int
render_tpl(const struct script_tpl *t, const struct script_vars *vars,
    char **out)
{
	int i, n = 0;
	char *l;

	for (i = 0; i < t->nlines; i++)
		if ((l = script_fill(t->lines[i], vars)) != NULL)
			out[n++] = l;
	return n;
}

/* Try the templates of one language, most specific first. */
static int
render_lang(const struct scripts *sc, int kind, const char *category,
    const char *sku, const char *lang, uint64_t key,
    const struct script_vars *vars, char **out,
    const struct script_tpl **chosen)
{
	const struct script_tpl *group[32], *t;
	size_t i, j, ng;
	int level, n;

	for (level = 3; level >= 1; level--) {
		/* the variants of this level, in order of their names (so a
		 * key picks the same variant whatever the order of the files
		 * and sections, and in every language that has the same set) */
		ng = 0;
		for (i = 0; i < sc->n && ng < 32; i++)
			if (match(&sc->v[i], kind, category, sku, lang) ==
			    level) {
				t = &sc->v[i];
				for (j = ng; j > 0 && strcmp(group[j - 1]->variant,
				    t->variant) > 0; j--)
					group[j] = group[j - 1];
				group[j] = t;
				ng++;
			}
		if (ng == 0)
			continue;
		n = render_tpl(group[key % ng], vars, out);
		if (n > 0) {
			if (chosen != NULL)
				*chosen = group[key % ng];
			return n;
		}
	}
	return 0;
}

int
script_render(const struct scripts *sc, int kind, const char *category,
    const char *sku, const char *lang, const char *counter_lang,
    uint64_t variant_key, const struct script_vars *vars, char **out,
    const struct script_tpl **chosen)
{
	static const char *builtin[NKINDS] = {
	    "{item} instead of {base}: {diff} more.",
	    "{item} goes well with it: {diff}.",
	    "Time for more {item}? {diff}.",
	    "{item} is in season: {diff}.",
	    "No problem.",
	    ("{room} instead of {booked}: {per_night} more a night, {total} "
	    "for {nights} {nights_word}."),
	    "{addon}: {price} {per}, {total} {for_stay}.",
	    "{item} instead of {base}: {price}, {diff} more.",
	    "You sometimes take the {item}: {diff}.",
	};
	static const char *plain[NKINDS] = {
	    "There is an upgrade for this.",
	    "There is something that goes well with this.",
	    "Time for more?",
	    "There is something in season.",
	    "No problem.",
	    "There is a better room available for your stay.",
	    "There is something that would make the stay easier.",
	    "There is a bigger size of this.",
	    "There is something you sometimes take.",
	};
	static const struct script_vars none;
	static const struct scripts empty;
	int n = 0;
	char *l;

	if (chosen != NULL)
		*chosen = NULL;
	if (vars == NULL)
		vars = &none;
	if (sc == NULL)
		sc = &empty;
	if (kind < 0 || kind >= NKINDS)
		kind = 1;
	if (lang != NULL)
		n = render_lang(sc, kind, category, sku, lang, variant_key, vars,
		    out, chosen);
	if (n == 0 && counter_lang != NULL &&
	    (lang == NULL || strcmp(lang, counter_lang) != 0))
		n = render_lang(sc, kind, category, sku, counter_lang,
		    variant_key, vars, out, chosen);
	if (n == 0 && (l = script_fill(builtin[kind], vars)) != NULL)
		out[n++] = l;
	if (n == 0)
		out[n++] = xstrdup(vars->item != NULL && vars->item[0] != '\0' &&
		    (kind < SCRIPT_KIND_DECLINE || kind >= SCRIPT_KIND_SIZEUP) ?
		    vars->item : plain[kind]);
	return n;
}

/* ---- languages ----------------------------------------------------------- */

const char *
script_next_language(const struct scripts *sc, const char *cur)
{
	static const char *const shipped[] = { "en", "bn", "gu" };
	const char *langs[32];
	size_t i, j, n = 0;

	/* the shipped languages in their order (English, Bengali,
	 * Gujarati), then the others in the order they first came,
	 * cyclically */
	for (i = 0; i < sizeof shipped / sizeof shipped[0]; i++)
		if (script_have_language(sc, shipped[i]))
			langs[n++] = shipped[i];
	for (i = 0; i < sc->n && n < 32; i++) {
		for (j = 0; j < n && strcmp(langs[j], sc->v[i].lang) != 0; j++)
			;
		if (j == n)
			langs[n++] = sc->v[i].lang;
	}
	if (n == 0)
		return NULL;
	for (j = 0; j < n && strcmp(langs[j], cur) != 0; j++)
		;
	return j < n ? langs[(j + 1) % n] : langs[0];
}

int
script_have_language(const struct scripts *sc, const char *lang)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->v[i].lang, lang) == 0)
			return 1;
	return 0;
}
