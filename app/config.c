/*
 * config — uplift.ini through a wrapper around iniparser 4.1.
 *
 * How a file is read:
 *
 *  1. The file is opened once (lstat, then open with O_NOFOLLOW and fstat):
 *     it must be a regular file, not a symlink, not writable by group or
 *     others, and at most 1 MiB.  Its bytes are read into memory.
 *  2. config_scan() checks those bytes line by line (UTF-8 BOM stripped, LF
 *     or CRLF): length, syntax, sections, keys, duplicates.  It records the
 *     line and the raw value of every known key.  It is the authority on
 *     structure and on line numbers.
 *  3. iniparser never sees the user's file.  It loads a canonical copy
 *     written to a private temporary file: only known sections and keys,
 *     every value quoted, every line shorter than iniparser's own limit
 *     (it takes at most 1,022 bytes a line, not 1,024), no BOM, no CR, no
 *     trailing backslash.  The dictionary is walked with getnsec /
 *     getsecname / getsecnkeys / getseckeys and each value read with
 *     iniparser_getstring(d, "sec:key", NULL); both are cross-checked
 *     against the scan.  Numbers, booleans and enumerations are then parsed
 *     here, with range checks.
 *
 * Every problem is collected as "FILE:LINE: reason" (or "FILE: reason");
 * all text taken from the file or the path goes through text_clean* first,
 * and nothing is printed.  iniparser's own messages go to config_errback(),
 * which sanitises them into the same list.
 */

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "app/config.h"
#include "model/chain.h"
#include "model/authz.h"
#include "model/text.h"
#include "model/xalloc.h"

#define CONFIG_MAX_SIZE		(1024 * 1024)	/* bytes in a file */
#define CONFIG_MAX_LINE		1024		/* bytes in a line, no EOL */
#define CONFIG_MAX_VALUE	1000		/* keeps iniparser's lines short */
#define CONFIG_MAX_MSGS		20		/* lines in *cause, then "..." */
#define CONFIG_NAME_COLS	60		/* names quoted in messages */
#define CONFIG_VALUE_COLS	40		/* values quoted in messages */

#define nitems(a) (sizeof (a) / sizeof (a)[0])

enum config_type {
	CONFIG_T_STRING,	/* non-empty UTF-8 text, no controls */
	CONFIG_T_PATH,		/* as string, but empty means NULL */
	CONFIG_T_CURRENCY,	/* three ASCII letters, stored upper case */
	CONFIG_T_INT,		/* whole number in min..max */
	CONFIG_T_BOOL,		/* yes/no, true/false, on/off, 1/0 */
	CONFIG_T_COLOR,		/* one of config_colors, an enum */
	CONFIG_T_VARIANTS,	/* one of config_variants, an int */
	CONFIG_T_OBJECTIVE,	/* one of config_objectives, an int */
	CONFIG_T_LANGUAGE,	/* one of config_languages, a string */
	CONFIG_T_SERVER,	/* a PostgreSQL connection string without a
				 * password, empty means NULL */
	CONFIG_T_CODE		/* letters, digits, - and _, empty: NULL */
};

static const char *const config_sections[] = {
	"shop", "store", "scorer", "display", "keys", "scripts", "hotel",
	"chain"
};
enum { SEC_SHOP, SEC_STORE, SEC_SCORER, SEC_DISPLAY, SEC_KEYS, SEC_SCRIPTS,
	SEC_HOTEL, SEC_CHAIN };

/* In enum config_color order. */
static const char *const config_colors[] = { "auto", "always", "never", NULL };
/* In enum variant_mode order (model/session.h). */
/* in the order of enum scorer_objective */
static const char *const config_objectives[] = { "relevance", "revenue",
	NULL };
static const char *const config_variants[] = { "customer", "alternate",
	NULL };
static const char *const config_languages[] = { "en", "bn", "gu", NULL };

/* Spellings of true (even index) and false (odd index). */
static const char *const config_bools[] = {
	"yes", "no", "true", "false", "on", "off", "1", "0", NULL
};

struct config_key {
	unsigned int		 section;
	const char		*name;
	enum config_type	 type;
	long			 min;	/* INT: range; STRING/PATH: bytes */
	long			 max;
	const char		*def;	/* default, as it would be written */
	size_t			 off;	/* offsetof(struct config, field) */
};

/* The one table of known keys (assets/uplift.ini documents it). */
static const struct config_key config_keys[] = {
	{ SEC_SHOP, "name", CONFIG_T_STRING, 1, 100, "uplift",
	  offsetof(struct config, shop_name) },
	{ SEC_SHOP, "counter", CONFIG_T_STRING, 1, 100, "till 1",
	  offsetof(struct config, counter) },
	{ SEC_SHOP, "clerk", CONFIG_T_STRING, 1, 100, "clerk",
	  offsetof(struct config, clerk) },
	{ SEC_SHOP, "currency", CONFIG_T_CURRENCY, 3, 3, "GBP",
	  offsetof(struct config, currency) },
	{ SEC_SHOP, "language", CONFIG_T_LANGUAGE, 0, 0, "en",
	  offsetof(struct config, language) },
	{ SEC_STORE, "database", CONFIG_T_PATH, 0, CONFIG_MAX_VALUE, "",
	  offsetof(struct config, db_path) },
	{ SEC_SCORER, "max_suggestions", CONFIG_T_INT, 1, 10, "3",
	  offsetof(struct config, max_suggestions) },
	{ SEC_SCORER, "upgrade_cap_percent", CONFIG_T_INT, 0, 500, "25",
	  offsetof(struct config, upgrade_cap_percent) },
	{ SEC_SCORER, "cooldown_days", CONFIG_T_INT, 0, 3650, "30",
	  offsetof(struct config, cooldown_days) },
	{ SEC_SCORER, "recent_days", CONFIG_T_INT, 0, 365, "7",
	  offsetof(struct config, recent_days) },
	{ SEC_SCORER, "min_pair_orders", CONFIG_T_INT, 1, 1000000, "5",
	  offsetof(struct config, min_pair_orders) },
	{ SEC_SCORER, "cross_sell_percent", CONFIG_T_INT, 1, 10000, "50",
	  offsetof(struct config, cross_sell_percent) },
	{ SEC_SCORER, "lapse_cycles", CONFIG_T_INT, 1, 100, "3",
	  offsetof(struct config, lapse_cycles) },
	{ SEC_SCORER, "objective", CONFIG_T_OBJECTIVE, 0, 0, "relevance",
	  offsetof(struct config, objective) },
	{ SEC_DISPLAY, "color", CONFIG_T_COLOR, 0, 0, "auto",
	  offsetof(struct config, color) },
	{ SEC_DISPLAY, "mask_personal", CONFIG_T_BOOL, 0, 1, "yes",
	  offsetof(struct config, mask_personal) },
	{ SEC_DISPLAY, "min_cols", CONFIG_T_INT, 40, 500, "40",
	  offsetof(struct config, min_cols) },
	{ SEC_DISPLAY, "min_rows", CONFIG_T_INT, 12, 200, "12",
	  offsetof(struct config, min_rows) },
	{ SEC_DISPLAY, "idle_lock_seconds", CONFIG_T_INT, 0, 86400, "300",
	  offsetof(struct config, idle_lock_seconds) },
	/* One printable character per action (the console checks that no
	 * two actions share one). */
	{ SEC_KEYS, "find", CONFIG_T_STRING, 1, 1, "/",
	  offsetof(struct config, key_find) },
	{ SEC_KEYS, "walk_in", CONFIG_T_STRING, 1, 1, "w",
	  offsetof(struct config, key_walk_in) },
	{ SEC_KEYS, "add", CONFIG_T_STRING, 1, 1, "+",
	  offsetof(struct config, key_add) },
	{ SEC_KEYS, "remove", CONFIG_T_STRING, 1, 1, "-",
	  offsetof(struct config, key_remove) },
	{ SEC_KEYS, "accept", CONFIG_T_STRING, 1, 1, "a",
	  offsetof(struct config, key_accept) },
	{ SEC_KEYS, "decline", CONFIG_T_STRING, 1, 1, "d",
	  offsetof(struct config, key_decline) },
	{ SEC_KEYS, "finish", CONFIG_T_STRING, 1, 1, "n",
	  offsetof(struct config, key_finish) },
	{ SEC_KEYS, "help", CONFIG_T_STRING, 1, 1, "?",
	  offsetof(struct config, key_help) },
	{ SEC_KEYS, "quit", CONFIG_T_STRING, 1, 1, "q",
	  offsetof(struct config, key_quit) },
	{ SEC_KEYS, "say", CONFIG_T_STRING, 1, 1, "s",
	  offsetof(struct config, key_say) },
	{ SEC_KEYS, "language", CONFIG_T_STRING, 1, 1, "L",
	  offsetof(struct config, key_language) },
	{ SEC_KEYS, "report", CONFIG_T_STRING, 1, 1, "R",
	  offsetof(struct config, key_report) },
	{ SEC_KEYS, "reveal", CONFIG_T_STRING, 1, 1, "V",
	  offsetof(struct config, key_reveal) },
	{ SEC_SCRIPTS, "directory", CONFIG_T_PATH, 0, CONFIG_MAX_VALUE, "",
	  offsetof(struct config, scripts_dir) },
	{ SEC_SCRIPTS, "variants", CONFIG_T_VARIANTS, 0, 0, "customer",
	  offsetof(struct config, variant_mode) },
	{ SEC_HOTEL, "upgrade_cap_percent", CONFIG_T_INT, 0, 500, "25",
	  offsetof(struct config, hotel_cap_percent) },
	{ SEC_HOTEL, "name", CONFIG_T_STRING, 0, 100, "",
	  offsetof(struct config, hotel_name) },
	{ SEC_HOTEL, "desk", CONFIG_T_STRING, 1, 100, "front desk",
	  offsetof(struct config, hotel_desk) },
	{ SEC_CHAIN, "server", CONFIG_T_SERVER, 0, CONFIG_MAX_VALUE, "",
	  offsetof(struct config, chain_server) },
	{ SEC_CHAIN, "shop", CONFIG_T_CODE, 0, 32, "",
	  offsetof(struct config, chain_shop) },
};

#define NSECTIONS	nitems(config_sections)
#define NKEYS		nitems(config_keys)

/* Scanner state: no section yet, or inside a section we do not know. */
#define SEC_NONE	(-1)
#define SEC_UNKNOWN	(-2)

struct config_msg {
	size_t		 line;	/* 0: about the whole file */
	size_t		 seq;	/* order of arrival, for equal lines */
	char		*text;
};

/* One config_load() call. */
struct config_load {
	char			*spath;		/* sanitised path */
	struct config_msg	 msgs[CONFIG_MAX_MSGS]; /* first by line */
	size_t			 nmsgs;
	size_t			 total;		/* all problems, kept or not */
	size_t			 seq;
	size_t			 sec_line[NSECTIONS];	/* 0: not seen */
	size_t			 key_line[NKEYS];	/* 0: not seen */
	char			*key_value[NKEYS];	/* as scanned */
};

/*
 * Where config_errback() puts iniparser's messages.  Set only around
 * iniparser_load(), so config_load() is not reentrant.
 */
static struct config_load *config_cb_load;

static int
config_msg_before(const struct config_msg *a, const struct config_msg *b)
{
	if (a->line != b->line)
		return (a->line < b->line);
	return (a->seq < b->seq);
}

/*
 * Record one problem.  Every %s argument must already be sanitised.  Only
 * the CONFIG_MAX_MSGS first (by line) are kept; all are counted.
 */
static void __attribute__((format(printf, 3, 4)))
config_msg(struct config_load *ld, size_t line, const char *fmt, ...)
{
	struct config_msg	 m;
	va_list			 ap;
	char			*reason;
	size_t			 i;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	if (line != 0)
		m.text = xasprintf("%s:%zu: %s", ld->spath, line, reason);
	else
		m.text = xasprintf("%s: %s", ld->spath, reason);
	free(reason);
	m.line = line;
	m.seq = ld->seq++;
	ld->total++;

	if (ld->nmsgs == CONFIG_MAX_MSGS) {
		if (!config_msg_before(&m, &ld->msgs[ld->nmsgs - 1])) {
			free(m.text);
			return;
		}
		free(ld->msgs[--ld->nmsgs].text);
	}
	i = ld->nmsgs;
	while (i > 0 && config_msg_before(&m, &ld->msgs[i - 1])) {
		ld->msgs[i] = ld->msgs[i - 1];
		i--;
	}
	ld->msgs[i] = m;
	ld->nmsgs++;
}

/* The kept messages, one a line, then "... and N more". */
static char *
config_msg_join(struct config_load *ld)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup("");
	for (i = 0; i < ld->nmsgs; i++) {
		t = xasprintf("%s%s%s", s, i == 0 ? "" : "\n", ld->msgs[i].text);
		free(s);
		s = t;
	}
	if (ld->total > ld->nmsgs) {
		t = xasprintf("%s\n... and %zu more", s, ld->total - ld->nmsgs);
		free(s);
		s = t;
	}
	return s;
}

static void
config_load_clear(struct config_load *ld)
{
	size_t	i;

	for (i = 0; i < ld->nmsgs; i++)
		free(ld->msgs[i].text);
	for (i = 0; i < NKEYS; i++)
		free(ld->key_value[i]);
	free(ld->spath);
}

/*
 * iniparser's error callback: never prints, sanitises into the current
 * load's messages (or drops the text when no load is running).
 */
static int __attribute__((format(printf, 1, 2)))
config_errback(const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *clean;
	size_t	 n;

	if (config_cb_load == NULL)
		return 0;
	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(raw);
	while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		raw[--n] = '\0';
	clean = text_clean(raw, n, 200);
	config_msg(config_cb_load, 0, "%s", clean);
	free(clean);
	free(raw);
	return 0;
}

/* isspace() of the C locale, as iniparser's strstrip() uses. */
static int
config_is_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r');
}

static void
config_trim(const char **s, const char **e)
{
	while (*s < *e && config_is_space(**s))
		(*s)++;
	while (*e > *s && config_is_space((*e)[-1]))
		(*e)--;
}

static char
config_lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

/* 1 if s[0..len) equals the lower-case name, ignoring ASCII case. */
static int
config_name_is(const char *s, size_t len, const char *name)
{
	size_t	i;

	if (strlen(name) != len)
		return 0;
	for (i = 0; i < len; i++) {
		if (config_lower(s[i]) != name[i])
			return 0;
	}
	return 1;
}

static int
config_section_find(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < NSECTIONS; i++) {
		if (config_name_is(s, len, config_sections[i]))
			return (int)i;
	}
	return -1;
}

static int
config_key_find(int section, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < NKEYS; i++) {
		if ((int)config_keys[i].section == section &&
		    config_name_is(s, len, config_keys[i].name))
			return (int)i;
	}
	return -1;
}

/* Index in a NULL-terminated list, ignoring ASCII case; -1 if absent. */
static int
config_word_find(const char *const *list, const char *v)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++) {
		if (config_name_is(v, strlen(v), list[i]))
			return (int)i;
	}
	return -1;
}

static char *
config_word_list(const char *const *list)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup(list[0]);
	for (i = 1; list[i] != NULL; i++) {
		t = xasprintf("%s|%s", s, list[i]);
		free(s);
		s = t;
	}
	return s;
}

/* A whole number in min..max, or -1 with a reason. */
static int
config_parse_int(const char *v, long min, long max, long *out, char **why)
{
	const char	*p = v;
	char		*end, *shown;
	long		 n;

	if (*v == '\0') {
		*why = xasprintf("empty, expected a whole number in %ld..%ld",
		    min, max);
		return -1;
	}
	if (*p == '-' || *p == '+')
		p++;
	if (*p == '\0')
		goto junk;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto junk;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end != '\0')
		goto junk;
	if (errno == ERANGE || n < min || n > max) {
		shown = text_cleans(v, CONFIG_VALUE_COLS);
		*why = xasprintf("%s is out of range %ld..%ld", shown, min,
		    max);
		free(shown);
		return -1;
	}
	*out = n;
	return 0;

junk:
	shown = text_excerpt(v, strlen(v));
	*why = xasprintf("%s is not a whole number", shown);
	free(shown);
	return -1;
}

/* UTF-8 text of min..max bytes with no control or format characters. */
static int
config_check_text(const char *v, long min, long max, char **why)
{
	size_t		 len = strlen(v), i, n, bad;
	uint32_t	 cp;

	if (len == 0 && min > 0) {
		*why = xstrdup("must not be empty");
		return -1;
	}
	if (len > (size_t)max) {
		*why = max == 1 ? xstrdup("must be one character") :
		    xasprintf("longer than %ld bytes", max);
		return -1;
	}
	if (!text_valid_utf8(v, len, &bad)) {
		*why = xasprintf("not valid UTF-8 (byte %zu)", bad + 1);
		return -1;
	}
	for (i = 0; i < len; i += n) {
		n = text_decode(v + i, len - i, &cp);
		if (text_is_unsafe(cp)) {
			*why = xasprintf("contains a control or formatting "
			    "character (U+%04X at byte %zu)", (unsigned)cp,
			    i + 1);
			return -1;
		}
	}
	return 0;
}

/*
 * Convert v for key k and store it in c (replacing what was there).
 * Returns 0, or -1 with *why (malloc'd, sanitised) and c unchanged.
 */
static int
config_set(struct config *c, const struct config_key *k, const char *v,
    char **why)
{
	char		 *base = (char *)c + k->off, *s, *shown, *list;
	char		**sp = (char **)base;
	long		  n;
	int		  i;

	switch (k->type) {
	case CONFIG_T_STRING:
	case CONFIG_T_PATH:
		if (config_check_text(v, k->min, k->max, why) != 0)
			return -1;
		free(*sp);
		*sp = (*v == '\0') ? NULL : xstrdup(v);
		return 0;
	case CONFIG_T_SERVER:
		if (config_check_text(v, k->min, k->max, why) != 0 ||
		    (*v != '\0' && chain_check_server(v, why) != 0))
			return -1;
		free(*sp);
		*sp = (*v == '\0') ? NULL : xstrdup(v);
		return 0;
	case CONFIG_T_CODE:
		for (i = 0; v[i] != '\0'; i++)
			if (!((v[i] >= 'a' && v[i] <= 'z') ||
			    (v[i] >= 'A' && v[i] <= 'Z') ||
			    (v[i] >= '0' && v[i] <= '9') || v[i] == '-' ||
			    v[i] == '_')) {
				*why = xasprintf("letters, digits, - and _ only");
				return -1;
			}
		if (i > k->max) {
			*why = xasprintf("at most %ld characters", k->max);
			return -1;
		}
		free(*sp);
		*sp = (*v == '\0') ? NULL : xstrdup(v);
		return 0;
	case CONFIG_T_CURRENCY:
		if (strlen(v) != 3)
			goto bad_currency;
		s = xstrdup(v);
		for (i = 0; i < 3; i++) {
			if (s[i] >= 'a' && s[i] <= 'z')
				s[i] = (char)(s[i] - 'a' + 'A');
			if (s[i] < 'A' || s[i] > 'Z') {
				free(s);
				goto bad_currency;
			}
		}
		free(*sp);
		*sp = s;
		return 0;
	case CONFIG_T_INT:
		if (config_parse_int(v, k->min, k->max, &n, why) != 0)
			return -1;
		*(int *)base = (int)n;
		return 0;
	case CONFIG_T_BOOL:
		if ((i = config_word_find(config_bools, v)) == -1) {
			shown = text_excerpt(v, strlen(v));
			*why = xasprintf("%s is not yes|no|true|false|on|off|1|0",
			    shown);
			free(shown);
			return -1;
		}
		*(int *)base = (i % 2 == 0);
		return 0;
	case CONFIG_T_COLOR:
	case CONFIG_T_VARIANTS:
	case CONFIG_T_OBJECTIVE:
	case CONFIG_T_LANGUAGE: {
		const char *const *words = k->type == CONFIG_T_COLOR ?
		    config_colors : k->type == CONFIG_T_VARIANTS ?
		    config_variants : k->type == CONFIG_T_OBJECTIVE ?
		    config_objectives : config_languages;
		list = config_word_list(words);
		i = config_word_find(words, v);
		if (i == -1) {
			shown = text_excerpt(v, strlen(v));
			*why = xasprintf("%s is not one of %s", shown, list);
			free(shown);
			free(list);
			return -1;
		}
		free(list);
		if (k->type == CONFIG_T_COLOR)
			*(enum config_color *)base = (enum config_color)i;
		else if (k->type == CONFIG_T_VARIANTS ||
		    k->type == CONFIG_T_OBJECTIVE)
			*(int *)base = i;
		else {
			free(*sp);
			*sp = xstrdup(config_languages[i]);
		}
		return 0;
	}
	}
	abort();

bad_currency:
	shown = text_excerpt(v, strlen(v));
	*why = xasprintf("%s is not a three-letter ISO 4217 code such as GBP",
	    shown);
	free(shown);
	return -1;
}

struct config *
config_defaults(void)
{
	struct config	*c;
	char		*why;
	size_t		 i;

	c = xcalloc(1, sizeof *c);
	for (i = 0; i < NKEYS; i++) {
		if (config_set(c, &config_keys[i], config_keys[i].def,
		    &why) != 0)
			abort();	/* the table is wrong */
	}
	return c;
}

void
config_free(struct config **cp)
{
	struct config	*c;
	size_t		 i;

	if (cp == NULL || (c = *cp) == NULL)
		return;
	/* Every string field is in the table. */
	for (i = 0; i < NKEYS; i++)
		switch (config_keys[i].type) {
		case CONFIG_T_STRING:
		case CONFIG_T_PATH:
		case CONFIG_T_CURRENCY:
		case CONFIG_T_LANGUAGE:
		case CONFIG_T_SERVER:
		case CONFIG_T_CODE:
			free(*(char **)(void *)((char *)c +
			    config_keys[i].off));
			break;
		default:
			break;
		}
	free(c);
	*cp = NULL;
}

char *
config_default_path(void)
{
	const char	*xdg, *home;

	/* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
	xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/uplift/uplift.ini", xdg);
	home = getenv("HOME");
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.config/uplift/uplift.ini", home);
	return NULL;
}

/*
 * Open and read path.  Returns 0 with *buf and *len; 1 if the file does
 * not exist and may be missing; -1 after recording why.
 */
static int
config_read_file(struct config_load *ld, const char *path, int must_exist,
    char **buf, size_t *len)
{
	struct stat	 lst, st;
	char		*b;
	size_t		 size, have = 0;
	ssize_t		 n;
	int		 fd, bad = 0;

	*buf = NULL;
	*len = 0;
	if (lstat(path, &lst) == -1) {
		if (errno == ENOENT && !must_exist)
			return 1;
		config_msg(ld, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISLNK(lst.st_mode)) {
		config_msg(ld, 0, "is a symlink");
		return -1;
	}
	if (!S_ISREG(lst.st_mode)) {
		config_msg(ld, 0, "is not a regular file");
		return -1;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ELOOP)
			config_msg(ld, 0, "is a symlink");
		else
			config_msg(ld, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		config_msg(ld, 0, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_dev != lst.st_dev ||
	    st.st_ino != lst.st_ino) {
		config_msg(ld, 0, "changed while it was being opened");
		close(fd);
		return -1;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		config_msg(ld, 0, "is writable by group or others; chmod go-w %s",
		    ld->spath);
		bad = 1;
	}
	if (st.st_size > CONFIG_MAX_SIZE) {
		config_msg(ld, 0, "is larger than 1 MiB (%d bytes)",
		    CONFIG_MAX_SIZE);
		bad = 1;
	}
	if (bad) {
		close(fd);
		return -1;
	}

	/* Read one byte more than fstat said, to notice a file that grew. */
	size = (size_t)st.st_size;
	b = xmalloc(size + 1);
	while (have < size + 1) {
		n = read(fd, b + have, size + 1 - have);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1) {
			config_msg(ld, 0, "%s", strerror(errno));
			free(b);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	if (have > size) {
		config_msg(ld, 0, "changed while it was being read");
		free(b);
		return -1;
	}
	*buf = b;
	*len = have;
	return 0;
}

/* A sanitised, width-limited copy of a name taken from the file. */
static char *
config_shown(const char *s, const char *e)
{
	return text_clean(s, (size_t)(e - s), CONFIG_NAME_COLS);
}

/* Check one line s..e (no EOL) and record what it says. */
static void
config_scan_line(struct config_load *ld, size_t line, const char *s,
    const char *e, int *sec)
{
	const char	*ks, *ke, *vs, *ve, *eq, *close, *rest;
	const struct config_key *k;
	char		*name;
	int		 i;

	if (e - s > CONFIG_MAX_LINE) {
		config_msg(ld, line, "line longer than %d bytes",
		    CONFIG_MAX_LINE);
		return;
	}
	if (memchr(s, '\0', (size_t)(e - s)) != NULL) {
		config_msg(ld, line, "contains a NUL byte");
		return;
	}
	config_trim(&s, &e);
	if (s == e || *s == ';' || *s == '#')
		return;

	if (*s == '[') {
		if (e - s < 2 || e[-1] != ']') {
			config_msg(ld, line, "expected [section]");
			return;
		}
		ks = s + 1;
		ke = e - 1;
		config_trim(&ks, &ke);
		if ((i = config_section_find(ks, (size_t)(ke - ks))) == -1) {
			name = config_shown(ks, ke);
			config_msg(ld, line, "unknown section [%s]", name);
			free(name);
			*sec = SEC_UNKNOWN;
			return;
		}
		if (ld->sec_line[i] != 0) {
			config_msg(ld, line,
			    "duplicate section [%s] (first at line %zu)",
			    config_sections[i], ld->sec_line[i]);
		} else
			ld->sec_line[i] = line;
		*sec = i;
		return;
	}

	if ((eq = memchr(s, '=', (size_t)(e - s))) == NULL) {
		config_msg(ld, line, "expected key = value");
		return;
	}
	ks = s;
	ke = eq;
	config_trim(&ks, &ke);
	if (ks == ke) {
		config_msg(ld, line, "expected key = value");
		return;
	}

	/* The value, as iniparser 4.1 defines it: quoted, or up to ; or #. */
	vs = eq + 1;
	ve = e;
	config_trim(&vs, &ve);
	if (vs < ve && (*vs == '"' || *vs == '\'')) {
		close = memchr(vs + 1, *vs, (size_t)(ve - vs - 1));
		if (close == NULL) {
			config_msg(ld, line, "missing closing %c", *vs);
			return;
		}
		rest = close + 1;
		config_trim(&rest, &ve);
		if (rest < ve && *rest != ';' && *rest != '#') {
			config_msg(ld, line, "text after the closing %c", *vs);
			return;
		}
		vs++;
		ve = close;
	} else {
		for (rest = vs; rest < ve && *rest != ';' && *rest != '#';
		    rest++)
			/* nothing */;
		ve = rest;
		config_trim(&vs, &ve);
	}

	if (*sec == SEC_UNKNOWN)
		return;		/* the section was reported */
	if (*sec == SEC_NONE) {
		name = config_shown(ks, ke);
		config_msg(ld, line, "key '%s' is outside any section", name);
		free(name);
		return;
	}
	if ((i = config_key_find(*sec, ks, (size_t)(ke - ks))) == -1) {
		name = config_shown(ks, ke);
		config_msg(ld, line, "unknown key '%s' in [%s]", name,
		    config_sections[*sec]);
		free(name);
		return;
	}
	k = &config_keys[i];
	if (ld->key_line[i] != 0) {
		name = config_shown(ks, ke);
		config_msg(ld, line, "duplicate key '%s' (first at line %zu)",
		    name, ld->key_line[i]);
		free(name);
		return;
	}
	ld->key_line[i] = line;
	if (ve - vs > CONFIG_MAX_VALUE) {
		config_msg(ld, line, "[%s] %s: value longer than %d bytes",
		    config_sections[k->section], k->name, CONFIG_MAX_VALUE);
		return;
	}
	ld->key_value[i] = xstrndup(vs, (size_t)(ve - vs));
}

/* Check buf[0..len) line by line. */
static void
config_scan(struct config_load *ld, const char *buf, size_t len)
{
	const char	*p = buf, *end = buf + len, *eol, *e;
	size_t		 line = 0;
	int		 sec = SEC_NONE;

	if (len >= 2 && ((buf[0] == '\xff' && buf[1] == '\xfe') ||
	    (buf[0] == '\xfe' && buf[1] == '\xff'))) {
		config_msg(ld, 0, "is UTF-16; save it as UTF-8");
		return;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		e = eol;
		if (e > p && e[-1] == '\r')
			e--;
		config_scan_line(ld, line, p, e, &sec);
		p = (eol < end) ? eol + 1 : end;
	}
}

static void
config_append(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
config_append(char **s, const char *fmt, ...)
{
	va_list	 ap;
	char	*add, *t;

	va_start(ap, fmt);
	add = xvasprintf(fmt, ap);
	va_end(ap);
	t = xasprintf("%s%s", *s, add);
	free(add);
	free(*s);
	*s = t;
}

/*
 * The canonical copy iniparser loads: known sections and keys only, each
 * value quoted so iniparser returns it byte for byte.  A value holding
 * both kinds of quote was written unquoted (so it has no ; or #) and ends
 * with ";" so a trailing backslash is not read as a continuation.
 */
static char *
config_canonical(struct config_load *ld)
{
	const struct config_key	*k;
	const char		*v;
	char			*s;
	size_t			 i;
	unsigned int		 sec;
	int			 opened;

	s = xstrdup("");
	for (sec = 0; sec < NSECTIONS; sec++) {
		opened = 0;
		for (i = 0; i < NKEYS; i++) {
			k = &config_keys[i];
			if (k->section != sec || ld->key_value[i] == NULL)
				continue;
			if (!opened)
				config_append(&s, "[%s]\n",
				    config_sections[sec]);
			opened = 1;
			v = ld->key_value[i];
			if (strchr(v, '"') == NULL)
				config_append(&s, "%s=\"%s\"\n", k->name, v);
			else if (strchr(v, '\'') == NULL)
				config_append(&s, "%s='%s'\n", k->name, v);
			else
				config_append(&s, "%s=%s;\n", k->name, v);
		}
	}
	return s;
}

/* Write data to a new private temporary file; its path, or NULL. */
static char *
config_write_temp(struct config_load *ld, const char *data)
{
	const char	*dir;
	char		*path;
	size_t		 len = strlen(data), done = 0;
	ssize_t		 n;
	int		 fd;

	dir = getenv("TMPDIR");
	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	path = xasprintf("%s/uplift-config.XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1) {
		config_msg(ld, 0, "cannot make a temporary copy: %s",
		    strerror(errno));
		free(path);
		return NULL;
	}
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			config_msg(ld, 0, "cannot make a temporary copy: %s",
			    strerror(errno));
			close(fd);
			unlink(path);
			free(path);
			return NULL;
		}
		done += (size_t)n;
	}
	if (close(fd) == -1) {
		config_msg(ld, 0, "cannot make a temporary copy: %s",
		    strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/*
 * Walk every section and key iniparser holds and make sure each is one
 * the scan recorded.  getstring() returns NULL for a section entry: that
 * is handled, never passed on (CVE-2023-33461).
 */
static void
config_walk(struct config_load *ld, dictionary *d)
{
	const char	 *sec, *full, **keys;
	char		 *shown;
	int		  nsec, nkeys, s, j, si, ki;
	size_t		  slen;

	if ((nsec = iniparser_getnsec(d)) < 0)
		nsec = 0;
	for (s = 0; s < nsec; s++) {
		if ((sec = iniparser_getsecname(d, s)) == NULL)
			continue;
		slen = strlen(sec);
		if ((si = config_section_find(sec, slen)) == -1) {
			shown = text_cleans(sec, CONFIG_NAME_COLS);
			config_msg(ld, 0, "iniparser read an unexpected "
			    "section [%s]", shown);
			free(shown);
			continue;
		}
		if ((nkeys = iniparser_getsecnkeys(d, sec)) <= 0)
			continue;
		keys = xcalloc((size_t)nkeys, sizeof *keys);
		if (iniparser_getseckeys(d, sec, keys) == NULL)
			nkeys = 0;
		for (j = 0; j < nkeys; j++) {
			if ((full = keys[j]) == NULL)
				continue;
			ki = -1;
			if (strncmp(full, sec, slen) == 0 && full[slen] == ':')
				ki = config_key_find(si, full + slen + 1,
				    strlen(full + slen + 1));
			if (ki == -1 || ld->key_value[ki] == NULL) {
				shown = text_cleans(full, CONFIG_NAME_COLS);
				config_msg(ld, 0, "iniparser read an unexpected "
				    "key '%s'", shown);
				free(shown);
			}
		}
		free(keys);
	}
}

/* Load the canonical copy with iniparser and convert every value. */
/* No two [keys] actions on one character (the console needs it so). */
static void
config_check_keys(struct config_load *ld, const struct config *c)
{
	size_t i, j;

	for (i = 0; i < NKEYS; i++) {
		const char *a;
		if (config_keys[i].section != SEC_KEYS)
			continue;
		a = *(char *const *)(const void *)((const char *)c +
		    config_keys[i].off);
		for (j = 0; j < i; j++) {
			const char *b;
			if (config_keys[j].section != SEC_KEYS)
				continue;
			b = *(char *const *)(const void *)((const char *)c +
			    config_keys[j].off);
			if (a != NULL && b != NULL && strcmp(a, b) == 0)
				config_msg(ld, ld->key_line[i] ? ld->key_line[i]
				    : ld->key_line[j], "[keys] %s: '%s' is "
				    "already the key of %s", config_keys[i].name,
				    a, config_keys[j].name);
		}
	}
}

static void
config_apply(struct config_load *ld, struct config *c)
{
	const struct config_key	*k;
	dictionary		*d;
	const char		*v;
	char			*canon, *tmp, *full, *why;
	size_t			 i;
	int			 any = 0;

	for (i = 0; i < NKEYS; i++)
		any |= (ld->key_value[i] != NULL);
	if (!any)
		return;

	canon = config_canonical(ld);
	tmp = config_write_temp(ld, canon);
	free(canon);
	if (tmp == NULL)
		return;
	iniparser_set_error_callback(config_errback);
	config_cb_load = ld;
	d = iniparser_load(tmp);
	config_cb_load = NULL;
	unlink(tmp);
	free(tmp);
	if (d == NULL) {
		config_msg(ld, 0, "iniparser could not load the checked copy");
		return;
	}

	config_walk(ld, d);
	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (ld->key_value[i] == NULL)
			continue;
		full = xasprintf("%s:%s", config_sections[k->section],
		    k->name);
		v = iniparser_getstring(d, full, NULL);
		free(full);
		if (v == NULL || strcmp(v, ld->key_value[i]) != 0) {
			config_msg(ld, ld->key_line[i], "[%s] %s: iniparser "
			    "read the value differently",
			    config_sections[k->section], k->name);
			continue;
		}
		if (config_set(c, k, v, &why) != 0) {
			config_msg(ld, ld->key_line[i], "[%s] %s: %s",
			    config_sections[k->section], k->name, why);
			free(why);
		}
	}
	iniparser_freedict(d);
	config_check_keys(ld, c);
	/* the clerk the console signs up is a name like any other */
	i = 0;
	while (i < NKEYS && !(config_keys[i].section == SEC_SHOP &&
	    strcmp(config_keys[i].name, "clerk") == 0))
		i++;
	if (i < NKEYS && ld->key_value[i] != NULL && c->clerk != NULL) {
		const char *bad;

		if (authz_name_ok(c->clerk, &bad) != 0)
			config_msg(ld, ld->key_line[i], "[shop] clerk: %s", bad);
	}
}

int
config_load(struct config **out, const char *path, int must_exist,
    char **cause)
{
	struct config_load	 ld;
	struct config		*c;
	char			*buf;
	size_t			 len;
	int			 rc;

	if (cause != NULL)
		*cause = NULL;
	if (out == NULL)
		return -1;
	*out = NULL;
	if (path == NULL) {
		if (!must_exist) {
			*out = config_defaults();
			return 0;
		}
		if (cause != NULL)
			*cause = xstrdup("no configuration file given");
		return -1;
	}

	memset(&ld, 0, sizeof ld);
	ld.spath = text_cleans(path, -1);
	rc = config_read_file(&ld, path, must_exist, &buf, &len);
	if (rc == 1) {
		config_load_clear(&ld);
		*out = config_defaults();
		return 0;
	}
	c = config_defaults();
	if (rc == 0) {
		config_scan(&ld, buf, len);
		free(buf);
		config_apply(&ld, c);
	}
	if (ld.total != 0) {
		if (cause != NULL)
			*cause = config_msg_join(&ld);
		config_free(&c);
		config_load_clear(&ld);
		return -1;
	}
	config_load_clear(&ld);
	*out = c;
	return 0;
}
