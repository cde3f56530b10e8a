/*
 * uplift — a sales assistant for the counter.
 *
 * main: global options, then a command from app_commands[], or the
 * console when no command is given.
 */
#include <locale.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

static void
usage(FILE *f)
{
	const struct command *c;

	fputs("usage: uplift [--db FILE] [--config FILE] [--demo] "
	    "[--at TIME] [--hotel NAME]\n"
	    "              [--as CLERK] [--follow PATH [--notify PATH]] "
	    "[COMMAND [ARGS]]\n\n"
	    "With no command, opens the counter console (with --hotel, or the "
	    "config's\n[hotel] name, the check-in screen of that hotel's "
	    "front desk).\n\n"
	    "Options:\n"
	    "  --db FILE      the database (default $UPLIFT_DB, the config's "
	    "[store] database,\n"
	    "                 or $XDG_DATA_HOME/uplift/uplift.db)\n"
	    "  --config FILE  the configuration (default "
	    "$XDG_CONFIG_HOME/uplift/uplift.ini)\n"
	    "  --demo         work on a temporary copy of the bundled demo "
	    "shop and hotel\n"
	    "  --at TIME      take TIME (YYYY-MM-DD[ HH:MM]) as now\n"
	    "  --hotel NAME   the console opens at this hotel's front desk\n"
	    "  --as CLERK     sign in as CLERK (the PIN is asked for)\n"
	    "  --follow PATH  the console follows the till's basket events "
	    "(a FIFO or a\n"
	    "                 Unix-domain socket, one JSON object a line)\n"
	    "  --notify PATH  tell the till of accepted suggestions there "
	    "(a FIFO or a file)\n"
	    "  --help, -h     this help; uplift COMMAND --help for a command\n"
	    "  --version, -V  the version\n\nCommands:\n", f);
	for (c = app_commands; c->name != NULL; c++)
		fprintf(f, "  %-16s %s\n", c->name, c->summary);
	fputs("\nSee uplift(1).\n", f);
}

/* The global options that take a path or a name: each keeps its
 * value (copied) in the field of struct app at off. */
static const struct {
	const char *name;
	size_t      off;
} main_text_options[] = {
	{ "--db", offsetof(struct app, db_path) },
	{ "--config", offsetof(struct app, config_path) },
	{ "--as", offsetof(struct app, as) },
	{ "--hotel", offsetof(struct app, hotel) },
	{ "--follow", offsetof(struct app, follow) },
	{ "--notify", offsetof(struct app, notify) },
};

/* argv[*i] as one of main_text_options (its value kept in *a, *i past
 * it): 1; 0 when it is none of them; -1 when its value is missing
 * (said). */
static int
main_text_option(struct app *a, int argc, char **argv, int *i)
{
	size_t k;
	char *v, **field;
	int rc;

	for (k = 0; k < sizeof main_text_options /
	    sizeof main_text_options[0]; k++) {
		rc = app_opt(i, argc, argv, main_text_options[k].name, &v);
		if (rc <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		field = (char **)((char *)a + main_text_options[k].off);
		free(*field);
		*field = xstrdup(v);
		if (strcmp(main_text_options[k].name, "--config") == 0)
			a->config_given = 1;
		return 1;
	}
	return 0;
}

/* Parse the global options of argv into *a, leaving *i at the first
 * word after them; -1 to go on, or the exit code to return at once
 * (--help, --version, or a usage error, its message printed). */
static int
main_parse_options(struct app *a, int argc, char **argv, int *i)
{
	char *v;
	int rc;

	for (*i = 1; *i < argc && argv[*i][0] == '-'; (*i)++) {
		if (strcmp(argv[*i], "--") == 0) {
			(*i)++;
			break;
		} else if (strcmp(argv[*i], "--help") == 0 ||
		    strcmp(argv[*i], "-h") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(argv[*i], "--version") == 0 ||
		    strcmp(argv[*i], "-V") == 0) {
			printf("uplift %s\n", UPLIFT_VERSION);
			return EXIT_OK;
		} else if ((rc = main_text_option(a, argc, argv, i)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if ((rc = app_opt(i, argc, argv, "--at", &v)) != 0) {
			if (rc < 0 || app_parse_at(a, v) != 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[*i], "--demo") == 0)
			a->demo = 1;
		else {
			app_error("unknown option %s", argv[*i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	return -1;
}

/* Run the command argv[i] names (the console when i >= argc) with its
 * arguments, after its --help, pretend and authorization checks; its
 * exit code. */
static int
main_run_command(struct app *a, int argc, char **argv, int i)
{
	const struct command *c;
	int rc;

	if (i >= argc)
		return app_console(a);
	for (c = app_commands; c->name != NULL; c++)
		if (strcmp(c->name, argv[i]) == 0)
			break;
	if (c->name == NULL) {
		app_error("unknown command %s; uplift --help lists them",
		    argv[i]);
		return EXIT_USAGE;
	}
	if (argc - i > 1 && (strcmp(argv[i + 1], "--help") == 0 ||
	    strcmp(argv[i + 1], "-h") == 0)) {
		app_usage(c, stdout);
		return EXIT_OK;
	}
	a->command = c->name;
	if (c->writes && app_refuse_pretend(a, c->name) != 0)
		return EXIT_USAGE;
	if (c->check_later && app_load_config(a) == 0 &&
	    app_db_path(a) != NULL)
		store_check_start(a->db_path);
	if (c->action >= 0 && app_authorize(a, c->action) != 0)
		rc = EXIT_FAIL;
	else
		rc = c->run(a, argc - i, argv + i);
	if (c->check_later) {
		char *cause = NULL;

		if (store_check_wait(&cause) != 0) {
			app_error("%s", cause);
			rc = EXIT_FAIL;
		}
		free(cause);
		store_check_end();
	}
	if (rc != EXIT_OK)
		return rc;
	/* what changed the shop's data or configuration is in the audit log
	 * (export and erase write their own rows) */
	if (rc == EXIT_OK && (c->action == ACT_IMPORT ||
	    c->action == ACT_CONFIG))
		app_audit(a, c->name, NULL);
	return rc;
}

int
main(int argc, char **argv)
{
	struct app a;
	struct rlimit nocore = { 0, 0 };
	char *v;
	int i, rc;

	setlocale(LC_ALL, "");
	text_init();
	umask(077);
	setrlimit(RLIMIT_CORE, &nocore);   /* no core dumps with customer data */

	memset(&a, 0, sizeof a);
	a.argv0 = argv[0];
	a.now = civil_now();
	if ((v = getenv("UPLIFT_DB")) != NULL && *v != '\0')
		a.db_path = xstrdup(v);
	if ((rc = main_parse_options(&a, argc, argv, &i)) >= 0)
		return rc;
	/* what a killed uplift left in $TMPDIR */
	app_tmpdir_sweep();
	if (a.demo && app_demo_setup(&a) != 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (app_tmpdir_signal()) {      /* while the demo was being built */
		rc = EXIT_FAIL;
		goto out;
	}
	rc = main_run_command(&a, argc, argv, i);
out:
	app_demo_cleanup(&a);
	/* a signal that came while a temporary copy existed: gone now, the
	 * signal takes its course */
	if ((i = app_tmpdir_signal()) != 0) {
		signal(i, SIG_DFL);
		raise(i);
	}
	config_free(&a.config);
	free(a.db_path);
	free(a.config_path);
	free(a.hotel);
	free(a.training_db);
	free(a.shop_db);
	free(a.as);
	free(a.follow);
	free(a.notify);
	return rc;
}
