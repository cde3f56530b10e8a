/*
 * config — uplift.ini, read through a wrapper around iniparser 4.1.
 *
 * This is the only module that includes iniparser (reliability.md rule 5):
 * it reads strings only (iniparser_getstring with a NULL default), parses
 * numbers itself with range checks, never calls the numeric getters or
 * the dump functions (CVE-2023-33461 crashes Debian 12's 4.1 there), lets
 * iniparser read the file itself after a line check (what iniparser cannot
 * take: over-long lines, NUL bytes, a BOM, trailing backslashes, bad syntax;
 * and where each section and key is, for unknown and duplicate ones) so
 * that every problem is reported as "FILE:LINE: reason", installs an error
 * callback that sanitises what iniparser would print, and refuses a config
 * that is group/world-writable, a symlink, or not a regular file.
 *
 * Known keys are one const table in config_keys.c (section, key, type,
 * range, default); anything else is reported as unknown with its line.
 */
#ifndef UPLIFT_CONFIG_H
#define UPLIFT_CONFIG_H

enum config_color { CONFIG_COLOR_AUTO, CONFIG_COLOR_ALWAYS, CONFIG_COLOR_NEVER };

struct config {
	/* [shop] */
	char *shop_name;          /* "name"; NULL when not given: app.c makes
	                           * it the database's file name            */
	char *counter;            /* "counter", default "till 1"              */
	char *clerk;              /* "clerk", who signs in; NULL when not
	                           * given: app.c makes it the login name    */
	char *currency;           /* "currency", ISO 4217, default "GBP"      */
	char *language;           /* "language" of the counter: en|bn|gu      */
	/* [store] */
	char *db_path;            /* "database", NULL: the XDG default        */
	/* [scorer] */
	int max_suggestions;      /* 1..10, default 3                         */
	int upgrade_cap_percent;  /* 0..500, default 25                       */
	int cooldown_days;        /* 0..3650, default 30                      */
	int recent_days;          /* 0..365, default 3                        */
	int durable_days;         /* 0..3650, default 90                      */
	int min_pair_orders;      /* evidence of a cross-sell, default 5      */
	int cross_sell_percent;   /* of the basket's cost, default 50         */
	int strong_pair_lift_percent; /* strong pair evidence, default 200 */
	int lapse_cycles;         /* no refill after, default 3               */
	int objective;            /* enum scorer_objective: relevance|revenue */
	/* [display] */
	enum config_color color;  /* auto|always|never, default auto          */
	int mask_personal;        /* yes|no, default yes                      */
	int min_cols, min_rows;   /* smallest usable terminal, default 40x12  */
	int idle_lock_seconds;    /* with staff signing in, lock the console
	                           * after this long without a key; 0 never,
	                           * default 300                             */
	/* [keys]: one character each */
	char *key_find, *key_walk_in, *key_add, *key_remove, *key_accept,
	    *key_decline, *key_finish, *key_help, *key_quit, *key_say,
	    *key_language, *key_report, *key_reveal;
	/* [scripts] */
	char *scripts_dir;        /* "directory", NULL: the shipped ones      */
	int variant_mode;         /* "variants": customer (0) | alternate (1) */
	/* [hotel] */
	int hotel_cap_percent;    /* "upgrade_cap_percent" of room upgrades:
	                           * 0..500, default 25                      */
	char *hotel_name;         /* "name": the console opens at this
	                           * hotel's front desk; NULL: the shop      */
	char *hotel_desk;         /* "desk": its name, default "front desk"  */
	/* [chain] */
	char *chain_server;       /* "server": the chain's PostgreSQL, a
	                           * connection string or URI without a
	                           * password; NULL: not in a chain         */
	char *chain_shop;         /* "shop": this shop's code in the chain  */
};

/* A config holding the defaults.  Caller frees with config_free(). */
struct config *config_defaults(void);

/*
 * Load path over the defaults.  If the file does not exist and must_exist
 * is 0, the defaults are returned with rc 0.  Returns 0 and *out on
 * success; -1 with *cause (malloc'd, one "FILE:LINE: reason" per line,
 * at most 20 lines then "... and N more") if anything is wrong, in which
 * case *out is NULL.  Nothing is printed.
 */
int config_load(struct config **out, const char *path, int must_exist,
    char **cause);

/*
 * The default path: $XDG_CONFIG_HOME/uplift/uplift.ini, else
 * $HOME/.config/uplift/uplift.ini; NULL when neither variable is set.
 * malloc'd.
 */
char *config_default_path(void);

/* Free and NULL *cp.  NULL-safe. */
void config_free(struct config **cp);

#endif
