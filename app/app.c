/*
 * app.c — what the commands share: messages, opening the store and the
 * config, the demo copy, option values.
 */
#include "app/app.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/config.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/import.h"
#include "model/mine.h"
#include "model/money.h"
#include "model/scorer.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

void
app_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *line, *next, *clean;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages may span lines (import errors); sanitise each. */
	for (line = msg; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		clean = text_cleans(line, -1);
		fprintf(stderr, "uplift: %s\n", clean);
		free(clean);
	}
	free(msg);
}

void
app_usage(const struct command *cmd, FILE *f)
{
	fprintf(f, "usage: uplift %s\n%s\n", cmd->usage, cmd->summary);
}

int
app_bad_usage(const char *cmd, const char *fmt, ...)
{
	const struct command *c;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	app_error("%s", msg);
	free(msg);
	for (c = app_commands; c->name != NULL; c++)
		if (strcmp(c->name, cmd) == 0)
			app_usage(c, stderr);
	return EXIT_USAGE;
}

int
app_unknown_arg(const char *cmd, const char *arg)
{
	char *c = text_cleans(arg, 40);
	int rc;

	rc = app_bad_usage(cmd, "%s: %s %s", cmd, arg[0] == '-' ?
	    "unknown option" : "unexpected argument", c);
	free(c);
	return rc;
}

int
app_opt(int *i, int argc, char **argv, const char *name, char **out)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (strcmp(argv[*i], name) != 0)
		return 0;
	if (*i + 1 >= argc) {
		app_error("%s needs a value", name);
		return -1;
	}
	*out = argv[++*i];
	return 1;
}

const char *
app_trainee(const struct app *a)
{
	return a->as != NULL && a->as[0] != '\0' ? a->as : a->config->clerk;
}

int
app_parse_at(struct app *a, const char *s)
{
	const char *why;
	int64_t t;

	if (civil_parse_time(s, strlen(s), &t, &why) != 0) {
		app_error("--at %s: %s", s, why);
		return -1;
	}
	a->now = t;
	a->fixed_clock = 1;
	return 0;
}

/*
 * The names a configuration did not give: the shop is the database's file
 * name without ".db", the clerk the login name ($LOGNAME, else the user's
 * name in the password file; one that uplift accepts as a name), else
 * "uplift" and "clerk".
 */
static void
config_fill_names(struct app *a)
{
	struct config *c = a->config;
	const char *why, *path = a->db_path != NULL ? a->db_path : c->db_path;
	struct passwd *pw;

	if (c->shop_name == NULL) {
		const char *base = path != NULL ? strrchr(path, '/') : NULL;
		size_t n;

		base = base != NULL ? base + 1 : path;
		n = base != NULL ? strlen(base) : 0;
		if (n > 3 && strcmp(base + n - 3, ".db") == 0)
			n -= 3;
		c->shop_name = n > 0 && n <= 100 ? xstrndup(base, n) :
		    xstrdup("uplift");
		if (authz_name_ok(c->shop_name, &why) != 0) {
			free(c->shop_name);
			c->shop_name = xstrdup("uplift");
		}
	}
	if (c->clerk == NULL) {
		const char *login = getenv("LOGNAME");

		if (login == NULL || authz_name_ok(login, &why) != 0) {
			pw = getpwuid(geteuid());
			login = pw != NULL && pw->pw_name != NULL &&
			    authz_name_ok(pw->pw_name, &why) == 0 ?
			    pw->pw_name : "clerk";
		}
		c->clerk = xstrdup(login);
	}
}

int
app_load_config(struct app *a)
{
	char *cause = NULL;

	if (a->config != NULL)
		return 0;
	if (a->config_failed)
		return -1;      /* said once already (a command may ask twice) */
	if (a->config_path == NULL)
		a->config_path = config_default_path();
	if (a->config_path == NULL)
		a->config = config_defaults();
	else if (config_load(&a->config, a->config_path, a->config_given,
	    &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		a->config_failed = 1;
		return -1;
	}
	config_fill_names(a);
	return 0;
}

/* $XDG_DATA_HOME/uplift/uplift.db, else ~/.local/share/uplift/uplift.db. */
static char *
default_db_path(void)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/uplift/uplift.db", x);
	if (h != NULL && h[0] == '/')
		return xasprintf("%s/.local/share/uplift/uplift.db", h);
	return NULL;
}

const char *
app_db_path(struct app *a)
{
	if (a->config == NULL && app_load_config(a) != 0)
		return NULL;
	if (a->db_path == NULL && a->config->db_path != NULL)
		a->db_path = xstrdup(a->config->db_path);
	if (a->db_path == NULL)
		a->db_path = default_db_path();
	return a->db_path;
}

int
app_pretend(const struct app *a)
{
	return a->fixed_clock && !a->demo && a->training == NULL;
}

int
app_refuse_pretend(const struct app *a, const char *what)
{
	char t[24];

	if (!app_pretend(a))
		return 0;
	civil_format_time(a->now, t, sizeof t);
	app_error("--at %s is a clock for reading and reports: %s writes, and "
	    "nothing is saved at a pretended time; leave --at out (or use "
	    "--demo)", t, what);
	return -1;
}

static struct store *
open_store(struct app *a, int flags)
{
	struct store *s = NULL;
	char *cause = NULL;

	if (app_load_config(a) != 0)
		return NULL;
	if (app_db_path(a) == NULL) {
		app_error("no database: set HOME or XDG_DATA_HOME, or give "
		    "--db FILE");
		return NULL;
	}
	if (store_open(&s, a->db_path, flags, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		return NULL;
	}
	return s;
}

struct store *
app_open_store(struct app *a, int writable)
{
	if (app_pretend(a))
		return open_store(a, STORE_READONLY);
	return open_store(a, writable ? STORE_CREATE : 0);
}

struct store *
app_open_store_wall(struct app *a)
{
	return open_store(a, STORE_CREATE);
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

char *
app_assets_dir(void)
{
	char exe[PATH_MAX], *slash, *dir;
	const char *env = getenv("UPLIFT_ASSETS");
	ssize_t n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Run from the source tree: build/uplift -> ../assets. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			dir = xasprintf("%s/../assets", exe);
			if (is_dir(dir))
				return dir;
			free(dir);
			dir = xasprintf("%s/../../assets", exe);
			if (is_dir(dir))
				return dir;
			free(dir);
		}
	}
	return xstrdup(UPLIFT_DATADIR);
}

int
app_copy_file(const char *src, const char *dst)
{
	FILE *in, *out;
	char buf[8192];
	size_t n;
	int rc = 0;

	if ((in = fopen(src, "rb")) == NULL)
		return -1;
	if ((out = fopen(dst, "wbx")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

/* The shipped talking points, saved in the demo's database. */
static int
demo_scripts(struct store *s, const char *assets, char **cause)
{
	static const char *langs[] = { "en", "bn", "gu" };
	char *paths[3];
	size_t i;
	int rc;

	for (i = 0; i < 3; i++)
		paths[i] = xasprintf("%s/scripts/%s.txt", assets, langs[i]);
	rc = app_save_scripts(s, paths, 3, 0, cause);
	for (i = 0; i < 3; i++)
		free(paths[i]);
	return rc;
}

int
app_demo_setup(struct app *a)
{
	static const char *files[] = { "items.csv", "categories.csv",
	    "customers.csv", "orders.csv", "room_types.csv", "rooms.csv",
	    "reservations.csv", "bundles.csv", "addons.csv" };
	enum { NFILES = sizeof files / sizeof files[0] };
	char *assets = app_assets_dir(), *paths[NFILES] = { NULL }, *cause = NULL;
	char *ini;
	struct import_options opt;
	struct import_report rep;
	struct store *s;
	size_t i;
	int rc = -1;

	if (app_tmpdir_make("demo", &a->demo_dir, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		free(assets);
		return -1;
	}
	free(a->db_path);
	a->db_path = xasprintf("%s/demo.db", a->demo_dir);
	if (!a->config_given) {
		/* A private copy: a checkout's file may be group-writable,
		 * which the config loader rightly refuses. */
		ini = xasprintf("%s/demo/uplift.ini", assets);
		free(a->config_path);
		a->config_path = xasprintf("%s/uplift.ini", a->demo_dir);
		a->config_given = 1;
		if (app_copy_file(ini, a->config_path) != 0) {
			app_error("cannot copy %s: %s", ini, strerror(errno));
			free(ini);
			goto out;
		}
		free(ini);
	}
	for (i = 0; i < NFILES; i++)
		paths[i] = xasprintf("%s/demo/%s", assets, files[i]);
	if (app_load_config(a) != 0)
		goto out;
	if (store_open(&s, a->db_path, STORE_CREATE, &cause) != 0)
		goto fail;
	memset(&opt, 0, sizeof opt);
	opt.format = IMPORT_UPLIFT;
	opt.now = a->now;
	opt.currency = a->config->currency;
	if (import_files(s, paths, NFILES, &opt, &rep, &cause) != 0 ||
	    mine_rebuild(s, INT64_MAX, a->now, NULL, NULL, &cause) != 0 ||
	    demo_scripts(s, assets, &cause) != 0) {
		store_close(&s);
		goto fail;
	}
	store_close(&s);
	rc = 0;
	goto out;
fail:
	app_error("the demo data (%s/demo) cannot be loaded:\n%s", assets,
	    cause);
	free(cause);
out:
	for (i = 0; i < NFILES; i++)
		free(paths[i]);
	free(assets);
	return rc;
}

void
app_demo_cleanup(struct app *a)
{
	if (a->demo_dir == NULL)
		return;
	app_tmpdir_remove(a->demo_dir);
	xfree(&a->demo_dir);
}

void
app_json_string(FILE *f, const char *s)
{
	char *clean = text_cleans(s, -1);
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)clean; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputc('"', f);
	free(clean);
}

struct scorer_config
app_scorer_config(const struct app *a, int scale, const char *cur)
{
	struct scorer_config sc = scorer_default_config();

	sc.max_suggestions = a->config->max_suggestions;
	sc.upgrade_cap_percent = a->config->upgrade_cap_percent;
	sc.cooldown_days = a->config->cooldown_days;
	sc.recent_days = a->config->recent_days;
	sc.durable_days = a->config->durable_days;
	sc.min_pair_orders = a->config->min_pair_orders;
	sc.cross_sell_percent = a->config->cross_sell_percent;
	sc.strong_pair_lift_percent =
	    a->config->strong_pair_lift_percent;
	sc.lapse_cycles = a->config->lapse_cycles;
	sc.objective = a->config->objective;
	sc.scale = scale;
	snprintf(sc.currency, sizeof sc.currency, "%s", cur != NULL ? cur :
	    "");
	return sc;
}

void
app_print_fit(FILE *f, const struct mine_stats *ms, const char *sep)
{
	int k;

	fprintf(f, "fit_held_out_orders%s%u\nfit_examples%s%u\n"
	    "fit_weights%s%s\nfit_hit_rate@3_defaults%s%.4f\n"
	    "fit_hit_rate@3%s%.4f\n", sep, ms->fit_orders, sep,
	    ms->fit_examples, sep, ms->fitted ? "fitted" : "defaults", sep,
	    ms->fit_hr3_default, sep, ms->fit_hr3);
	for (k = 0; k < REL_NFEAT; k++)
		fprintf(f, "weight%s%s%s%.4f%s%.4f\n", sep,
		    rel_feature_name(k), sep, ms->weights[k], sep,
		    ms->weights[REL_NFEAT + k]);
}
