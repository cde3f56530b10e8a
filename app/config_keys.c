/*
 * config_keys.c — the known keys of uplift.ini: one const table (section,
 * key, type, range, default), their names, and the conversion of a value
 * (the string iniparser returns) into struct config with its checks.
 * Nothing here reads a file or includes iniparser (app/config.c does).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/config.h"
#include "model/authz.h"
#include "model/text.h"
#include "model/chain.h"
#include "model/xalloc.h"
#include "app/config_int.h"

const char *const config_sections[] = {
	"shop", "store", "scorer", "display", "keys", "scripts", "hotel",
	"chain"
};

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

/* A [keys] entry: the action's key, one printable character (default
 * def), kept in struct config's field key_<action>. */
#define CONFIG_ACTION_KEY(action, def) { SEC_KEYS, #action, \
	CONFIG_T_STRING, 1, 1, (def), offsetof(struct config, key_##action) }

/* The one table of known keys (assets/uplift.ini documents it). */
const struct config_key config_keys[] = {
	{ SEC_SHOP, "name", CONFIG_T_STRING, 0, 100, "",
	  offsetof(struct config, shop_name) },
	{ SEC_SHOP, "counter", CONFIG_T_STRING, 1, 100, "till 1",
	  offsetof(struct config, counter) },
	{ SEC_SHOP, "clerk", CONFIG_T_STRING, 0, 100, "",
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
	{ SEC_SCORER, "recent_days", CONFIG_T_INT, 0, 365, "3",
	  offsetof(struct config, recent_days) },
	{ SEC_SCORER, "durable_days", CONFIG_T_INT, 0, 3650, "90",
	  offsetof(struct config, durable_days) },
	{ SEC_SCORER, "min_pair_orders", CONFIG_T_INT, 1, 1000000, "5",
	  offsetof(struct config, min_pair_orders) },
	{ SEC_SCORER, "cross_sell_percent", CONFIG_T_INT, 1, 10000, "50",
	  offsetof(struct config, cross_sell_percent) },
	{ SEC_SCORER, "strong_pair_lift_percent", CONFIG_T_INT, 100, 10000,
	  "200", offsetof(struct config, strong_pair_lift_percent) },
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
	CONFIG_ACTION_KEY(find, "/"),
	CONFIG_ACTION_KEY(walk_in, "w"),
	CONFIG_ACTION_KEY(add, "+"),
	CONFIG_ACTION_KEY(remove, "-"),
	CONFIG_ACTION_KEY(accept, "a"),
	CONFIG_ACTION_KEY(decline, "d"),
	CONFIG_ACTION_KEY(finish, "n"),
	CONFIG_ACTION_KEY(help, "?"),
	CONFIG_ACTION_KEY(quit, "q"),
	CONFIG_ACTION_KEY(say, "s"),
	CONFIG_ACTION_KEY(language, "L"),
	CONFIG_ACTION_KEY(report, "R"),
	CONFIG_ACTION_KEY(reveal, "V"),
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

int
config_section_find(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < NSECTIONS; i++) {
		if (config_name_is(s, len, config_sections[i]))
			return (int)i;
	}
	return -1;
}

int
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

/* A three-letter currency code into *sp, upper case: 0, or -1 and *why. */
static int
config_set_currency(char **sp, const char *v, char **why)
{
	char	*s, *shown;
	int	 i;

	if (strlen(v) != 3)
		goto bad;
	s = xstrdup(v);
	for (i = 0; i < 3; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
		if (s[i] < 'A' || s[i] > 'Z') {
			free(s);
			goto bad;
		}
	}
	free(*sp);
	*sp = s;
	return 0;

bad:
	shown = text_excerpt(v, strlen(v));
	*why = xasprintf("%s is not a three-letter ISO 4217 code such as GBP",
	    shown);
	free(shown);
	return -1;
}

/*
 * A word of the list of k's type (COLOR, VARIANTS, OBJECTIVE, LANGUAGE)
 * into the field at base: 0, or -1 and *why.
 */
static int
config_set_word(char *base, const struct config_key *k, const char *v,
    char **why)
{
	const char *const *words = k->type == CONFIG_T_COLOR ?
	    config_colors : k->type == CONFIG_T_VARIANTS ?
	    config_variants : k->type == CONFIG_T_OBJECTIVE ?
	    config_objectives : config_languages;
	char	**sp = (char **)(void *)base, *shown, *list;
	int	  i;

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
		*(enum config_color *)(void *)base = (enum config_color)i;
	else if (k->type == CONFIG_T_VARIANTS ||
	    k->type == CONFIG_T_OBJECTIVE)
		*(int *)(void *)base = i;
	else {
		free(*sp);
		*sp = xstrdup(config_languages[i]);
	}
	return 0;
}

/* A code (letters, digits, - and _, at most k->max of them; empty:
 * NULL) into *sp.  0, or -1 with *why. */
static int
config_set_code(char **sp, const struct config_key *k, const char *v,
    char **why)
{
	long	i;

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
}

/*
 * Convert v for key k and store it in c (replacing what was there).
 * Returns 0, or -1 with *why (malloc'd, sanitised) and c unchanged.
 */
int
config_set(struct config *c, const struct config_key *k, const char *v,
    char **why)
{
	char		 *base = (char *)c + k->off, *shown;
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
		return config_set_code(sp, k, v, why);
	case CONFIG_T_CURRENCY:
		return config_set_currency(sp, v, why);
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
	case CONFIG_T_LANGUAGE:
		return config_set_word(base, k, v, why);
	}
	abort();
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
