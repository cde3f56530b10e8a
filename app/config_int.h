/*
 * config_int.h — what app/config.c (the loading, over iniparser) and
 * app/config_keys.c (the known keys and their values) share; the public
 * interface is app/config.h.
 */
#ifndef UPLIFT_CONFIG_INT_H
#define UPLIFT_CONFIG_INT_H

#include <stddef.h>

#include "app/config.h"

#define CONFIG_MAX_VALUE	1000		/* bytes in a value */

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

enum { SEC_SHOP, SEC_STORE, SEC_SCORER, SEC_DISPLAY, SEC_KEYS, SEC_SCRIPTS,
	SEC_HOTEL, SEC_CHAIN };

struct config_key {
	unsigned int		 section;
	const char		*name;
	enum config_type	 type;
	long			 min;	/* INT: range; STRING/PATH: bytes */
	long			 max;
	const char		*def;	/* default, as it would be written */
	size_t			 off;	/* offsetof(struct config, field) */
};

/* How many known sections and keys (the compiler checks the tables). */
#define NSECTIONS	8
#define NKEYS		41

/* The known sections, in SEC_* order (NSECTIONS of them). */
extern const char *const config_sections[NSECTIONS];

/*
 * The known keys (NKEYS of them), in the order assets/uplift.ini
 * documents them.
 */
extern const struct config_key config_keys[NKEYS];

/*
 * The SEC_* index of the section named s[0..len) (ASCII case ignored), or
 * -1.
 */
int config_section_find(const char *s, size_t len);

/*
 * The config_keys[] index of key s[0..len) of section (ASCII case
 * ignored), or -1.
 */
int config_key_find(int section, const char *s, size_t len);

/*
 * Convert v for key k and store it in c (replacing what was there).
 * Returns 0, or -1 with *why (malloc'd, sanitised) and c unchanged.
 */
int config_set(struct config *c, const struct config_key *k, const char *v,
    char **why);

#endif
