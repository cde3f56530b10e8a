/*
 * cmd_train.c — uplift train: role-play against scripted customers.
 *
 * A run never writes the real database: the console plays on a scratch
 * copy in a private temporary directory — of the bundled demo, or, when a
 * database is named (--db, UPLIFT_DB), of that file's bytes, read as
 * plain files and never opened by SQLite — made again for each retry and
 * removed at the end.  The trainee's scores go to their own training
 * store ($UPLIFT_TRAINING_DB, else $XDG_DATA_HOME/uplift/training.db),
 * under the name of the clerk who trains: --as, else the configured
 * clerk — with no database named, the demo's, for --progress as for a
 * run.  --play KEYS plays a run without a screen (app_console()).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/config.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/store.h"
#include "model/store_privacy.h"
#include "model/store_staff.h"
#include "model/text.h"
#include "model/training.h"
#include "model/xalloc.h"

/* Copy a database file and its -wal (not -shm: SQLite rebuilds it). */
static int
copy_db(const char *src, const char *dst)
{
	char *sw = xasprintf("%s-wal", src), *dw = xasprintf("%s-wal", dst);
	int rc = app_copy_file(src, dst) != 0 || (access(sw, F_OK) == 0 &&
	    app_copy_file(sw, dw) != 0) ? -1 : 0;

	free(sw);
	free(dw);
	return rc;
}

static void
remove_db(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char *p;
	size_t i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		p = xasprintf("%s%s", path, ext[i]);
		unlink(p);
		free(p);
	}
}

static char *
training_db_path(void)
{
	const char *e = getenv("UPLIFT_TRAINING_DB"), *x, *h;

	if (e != NULL && *e != '\0')
		return xstrdup(e);
	if ((x = getenv("XDG_DATA_HOME")) != NULL && x[0] == '/')
		return xasprintf("%s/uplift/training.db", x);
	if ((h = getenv("HOME")) != NULL && h[0] == '/')
		return xasprintf("%s/.local/share/uplift/training.db", h);
	return NULL;
}

/* 1 if a and b name the same existing file. */
static int
same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev &&
	    x.st_ino == y.st_ino;
}

static int
train_check(int argc, char **argv, int first)
{
	struct scenario sc;
	char *cause = NULL;
	int i, bad = 0;

	for (i = first; i < argc; i++) {
		if (strcmp(argv[i], "--dir") == 0 ||
		    strcmp(argv[i], "--play") == 0) {
			i++;          /* its value is not a scenario */
			continue;
		}
		if (argv[i][0] == '-')
			continue;
		if (scenario_load_file(argv[i], &sc, &cause) != 0) {
			app_error("%s", cause);
			free(cause);
			cause = NULL;
			bad = 1;
			continue;
		}
		text_fputs(argv[i], stdout);
		printf(": ok, %s, %s, %s\n", sc.id,
		    training_difficulty_name(sc.difficulty), sc.lang);
		scenario_free(&sc);
	}
	return bad ? EXIT_USAGE : EXIT_OK;
}

/*
 * The configuration a run would use, for --progress: with no database
 * named and no --config, the demo's (app_demo_setup() takes it for a
 * run), read from a private copy as that does.  0 or -1 (printed).
 */
static int
train_demo_config(struct app *a)
{
	char *assets = app_assets_dir(), *ini, *dir, *copy;
	const char *tmp = getenv("TMPDIR");
	int rc = -1;

	ini = xasprintf("%s/demo/uplift.ini", assets);
	dir = xasprintf("%s/uplift-train.XXXXXX", tmp != NULL && tmp[0] ==
	    '/' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		app_error("cannot make a temporary directory: %s",
		    strerror(errno));
		free(dir);
		free(ini);
		free(assets);
		return -1;
	}
	copy = xasprintf("%s/uplift.ini", dir);
	if (app_copy_file(ini, copy) != 0)
		app_error("cannot copy %s: %s", ini, strerror(errno));
	else {
		free(a->config_path);
		a->config_path = xstrdup(copy);
		a->config_given = 1;
		rc = app_load_config(a);
	}
	unlink(copy);
	rmdir(dir);
	free(copy);
	free(dir);
	free(ini);
	free(assets);
	return rc;
}

static int
train_progress(struct app *a)
{
	struct training_progress *p;
	struct store *s = NULL;
	char *cause = NULL, date[16];
	size_t n, i;

	if (store_open(&s, a->training_db, STORE_CREATE, &cause) != 0 ||
	    store_training_progress(s, app_trainee(a), &p, &n,
	    &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		store_close(&s);
		return EXIT_FAIL;
	}
	printf("scenario\tbest\tlast\ttries\tlast played\n");
	for (i = 0; i < n; i++) {
		civil_format_date(civil_day_of(p[i].at), date, sizeof date);
		text_fputs(p[i].scenario, stdout);
		printf("\t%d%%\t%d%%\t%d\t%s\n", p[i].best, p[i].last,
		    p[i].tries, date);
	}
	store_training_progress_free(&p, n);
	store_close(&s);
	return EXIT_OK;
}

/* When the shop's database (a->db_path) has staff sign-in in use, sign
 * in to train; else nothing (it is opened read-only).  0 or -1 (said). */
static int
train_sign_in(struct app *a)
{
	struct store *s;
	char *cause = NULL;
	int n;

	if (store_open(&s, a->db_path, STORE_READONLY, &cause) != 0)
		n = -1;
	else {
		n = store_clerks_with_pin(s, &cause);
		store_close(&s);
	}
	if (n < 0) {
		app_error("%s", cause);
		free(cause);
		return -1;
	}
	return n > 0 ? app_authorize(a, ACT_TRAIN) : 0;
}

/*
 * The seed of a training run on the shop's own database real: a copy at
 * seed, pseudonymised (the shop's customers are not for practice: the
 * copy gets made-up names, phones, emails and loyalty numbers).  0, or -1
 * after saying why.
 */
static int
train_seed(const char *real, const char *seed)
{
	struct store *p = NULL;
	char *cause = NULL, *r;

	if (copy_db(real, seed) != 0) {
		r = text_cleans(real, APP_QUOTE_COLS);
		app_error("%s: cannot copy it for training: %s", r,
		    strerror(errno));
		free(r);
		return -1;
	}
	if (store_open(&p, seed, 0, &cause) != 0 ||
	    store_pseudonymise(p, &cause) != 0) {
		app_error("the training copy: %s", cause);
		free(cause);
		store_close(&p);
		return -1;
	}
	store_close(&p);
	return 0;
}

/* Play sc on scratch copies of seed until the trainee stops retrying. */
static int
train_play(struct app *a, const struct scenario *sc, char *real, int own_dir)
{
	char *dir = NULL, *seed, *run, *cause = NULL;
	int rc = EXIT_FAIL;

	if (real != NULL && a->training_db != NULL &&
	    same_file(real, a->training_db)) {
		app_error("the training store is the shop's database: set "
		    "UPLIFT_TRAINING_DB elsewhere");
		return EXIT_FAIL;
	}
	/* the shop's own data: its staff rules apply (every role may
	 * train, once signed in), and the sign-in, its wrong PINs and its
	 * lock are the shop's; without staff sign-in it is only read */
	if (real != NULL && train_sign_in(a) != 0)
		return EXIT_FAIL;
	/* scenarios of one's own (--dir) name the shop's customers at will:
	 * on its own database, a manager's only */
	if (real != NULL && own_dir && a->signed_in &&
	    a->role != CLERK_MANAGER) {
		app_error("scenarios from --dir run on the shop's own database "
		    "only for a manager; a %s trains on the shipped ones, or "
		    "on the demo (uplift --demo train)", authz_role_name(a->role));
		return EXIT_FAIL;
	}
	if (real != NULL && a->signed_in) {
		free(a->shop_db);
		a->shop_db = xstrdup(real);
	}
	if (real == NULL) {
		/* the bundled demo, built by app_demo_setup() */
		seed = xstrdup(a->db_path);
		dir = xstrdup(a->demo_dir);
	} else {
		/* private, locked while this runs, removed on every way out
		 * (and after a SIGKILL by the next start) */
		if (app_tmpdir_make("train", &dir, &cause) != 0) {
			app_error("%s", cause);
			free(cause);
			return EXIT_FAIL;
		}
		seed = xasprintf("%s/seed.db", dir);
		if (train_seed(real, seed) != 0)
			goto out;
	}
	run = xasprintf("%s/run.db", dir);
	do {
		if (app_tmpdir_signal())
			break;       /* a signal while the copy was made */
		a->retry = 0;
		remove_db(run);
		if (copy_db(seed, run) != 0) {
			app_error("cannot copy the training data: %s",
			    strerror(errno));
			break;
		}
		free(a->db_path);
		a->db_path = xstrdup(run);
		a->training = sc;
		rc = app_console(a);
	} while (rc == EXIT_OK && a->retry);
	remove_db(run);
	free(run);
out:
	if (real != NULL)
		app_tmpdir_remove(dir);
	free(seed);
	free(dir);
	return rc;
}

/* The scenarios of dir, or the shipped ones (dir NULL).  0, or -1 after
 * saying why. */
static int
train_load(const char *dir, struct scenarios *list)
{
	char *assets, *d, *cause = NULL;
	int rc = 0;

	assets = app_assets_dir();
	d = dir != NULL ? xstrdup(dir) : xasprintf("%s/training", assets);
	free(assets);
	if (scenarios_load_dir(d, list, &cause) != 0) {
		app_error("%s", cause);
		free(cause);
		rc = -1;
	}
	free(d);
	return rc;
}

/*
 * What a run or --progress needs: with real non-NULL (a run), *real the
 * database named (its bytes are copied), else NULL and the bundled demo
 * (and its configuration) set up; the configuration; the training
 * store's path.  0, or -1 after saying why.
 */
static int
train_setup(struct app *a, char **real)
{
	if (real != NULL) {
		*real = a->db_path != NULL ? xstrdup(a->db_path) : NULL;
		if (*real == NULL && app_demo_setup(a) != 0)
			return -1;
	}
	if (app_load_config(a) != 0)
		return -1;
	free(a->training_db);
	if ((a->training_db = training_db_path()) == NULL) {
		app_error("no place for the training store: set HOME, "
		    "XDG_DATA_HOME or UPLIFT_TRAINING_DB");
		return -1;
	}
	return 0;
}

/* uplift train --list: a header line (unless header is 0), then id,
 * title, difficulty, language, mode a line. */
static void
train_list(const struct scenarios *list, int header)
{
	const struct scenario *sc;
	size_t i;

	if (header)
		puts("scenario\ttitle\tdifficulty\tlanguage\tmode");
	for (i = 0; i < list->n; i++) {
		sc = &list->v[i];
		text_fputs(sc->id, stdout);
		putchar('\t');
		text_fputs(sc->title, stdout);
		printf("\t%s\t%s\t%s\n",
		    training_difficulty_name(sc->difficulty), sc->lang,
		    sc->mode == TRAIN_HOTEL ? "hotel" : "shop");
	}
}

int
cmd_train(struct app *a, int argc, char **argv)
{
	struct scenarios list;
	const struct scenario *sc;
	char *dir = NULL, *real = NULL, *play = NULL;
	const char *id = NULL;
	int i, rc, list_it = 0, progress = 0, check = 0, own = 0, header = 1;

	for (i = 1; i < argc; i++) {
		if ((rc = app_opt(&i, argc, argv, "--dir", &dir)) != 0 ||
		    (rc = app_opt(&i, argc, argv, "--play", &play)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--list") == 0)
			list_it = 1;
		else if (strcmp(argv[i], "--progress") == 0)
			progress = 1;
		else if (strcmp(argv[i], "--no-header") == 0)
			header = 0;
		else if (strcmp(argv[i], "--check") == 0)
			check = i + 1;
		else if (check)
			continue;
		else if (argv[i][0] == '-' || id != NULL)
			return app_unknown_arg("train", argv[i]);
		else
			id = argv[i];
	}
	if (check)
		return check < argc ? train_check(argc, argv, check) :
		    app_bad_usage("train", "train --check: which files?");
	if (list_it + progress + (id != NULL) != 1 || (play != NULL &&
	    id == NULL))
		return app_bad_usage("train", "train: one of --list, --progress,"
		    " --check FILE... or a SCENARIO%s", play != NULL && id == NULL ?
		    " (--play goes with a SCENARIO)" : "");
	a->play = play;
	/* --progress: the same trainee as a run's (the demo's clerk when
	 * no database is named) */
	if (progress && a->db_path == NULL && !a->config_given &&
	    train_demo_config(a) != 0)
		return EXIT_FAIL;
	if (progress)
		return train_setup(a, NULL) != 0 ? EXIT_FAIL : train_progress(a);
	own = dir != NULL;
	if (train_load(dir, &list) != 0)
		return EXIT_USAGE;
	rc = EXIT_OK;
	if (list_it) {
		if (train_setup(a, NULL) != 0)
			rc = EXIT_FAIL;
		else
			train_list(&list, header);
	}
	else if ((sc = scenarios_find(&list, id)) == NULL) {
		app_error("no scenario %s; uplift train --list lists them", id);
		rc = EXIT_USAGE;
	} else {
		/* the scenario's world stands at its own time (before the
		 * demo is built: its import reads the clock), unless --at
		 * moved it */
		if (sc->at != NULL && !a->fixed_clock) {
			a->now = sc->at_time;
			a->fixed_clock = 1;
		}
		rc = train_setup(a, &real) != 0 ? EXIT_FAIL :
		    train_play(a, sc, real, own);
	}
	scenarios_free(&list);
	free(real);
	return rc;
}
