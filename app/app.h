/*
 * app — the command line: global options, the command table, and the
 * helpers commands share.  Only app/ decides where a message goes
 * (stdout, stderr, exit code).
 */
#ifndef UPLIFT_APP_H
#define UPLIFT_APP_H

#include <stdint.h>
#include <stdio.h>

struct config;
struct store;

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* How many columns of a name or a path a message quotes (text_cleans()). */
#define APP_QUOTE_COLS 60

struct app {
	const char    *argv0;
	char          *db_path;      /* --db, UPLIFT_DB, config, XDG default */
	char          *config_path;  /* --config or the XDG default          */
	int            config_given; /* --config was given                   */
	int            config_failed; /* its error was said: not again       */
	struct config *config;
	int            demo;         /* --demo: a temporary copy of the demo */
	char          *demo_dir;     /* the temporary directory of --demo    */
	int64_t        now;          /* civil time: the clock, or --at       */
	int            fixed_clock;  /* --at was given: the clock stands     */
	const char    *command;      /* the command run (NULL: the console)  */
	char          *hotel;        /* --hotel: the console at this hotel's
	                              * front desk (else the config's)      */
	const struct scenario *training; /* uplift train: the scenario the
	                              * console plays (on a scratch copy)  */
	char          *training_db;  /* where the trainee's progress is kept */
	int            retry;        /* set by the console: play it again   */
	const char    *play;         /* uplift train --play: the keys the
	                              * console plays without a screen; left
	                              * after those one run used           */
	char          *as;           /* --as: the clerk signing in          */
	int            signed_in;    /* app_authorize() checked their PIN   */
	int64_t        clerk_id;     /* ... and who they are                */
	int            role;         /* ... and their role                  */
	char          *shop_db;      /* training signed in: the shop's own
	                              * database, where the lock screen
	                              * checks the PIN and audits          */
	char          *follow;       /* --follow: the till's FIFO or socket */
	char          *notify;       /* --notify: where accepts are told    */
};

/* A command: name, one-line summary, usage, and its function, which gets
 * argv with argv[0] the command name.  Returns an exit code. */
struct command {
	const char *name;
	const char *summary;
	const char *usage;
	int       (*run)(struct app *, int, char **);
	int         action;   /* enum authz_action checked before run, or
	                       * -1: none (or the command checks itself) */
	int         writes;   /* it writes the shop's data: refused with
	                       * --at on a real database (app_pretend)  */
	int         check_later; /* it reads all, then saves once: the
	                       * database's quick_check runs beside it
	                       * (store_check_start)                    */
};

/* The table of commands, terminated by a NULL name. */
extern const struct command app_commands[];

/* Print "uplift: MESSAGE" to stderr, the message sanitised line by line. */
void app_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copy src to a new file dst (made with mode 0600 under the umask of
 * main).  0, or -1 with errno. */
int app_copy_file(const char *src, const char *dst);

/*
 * A file a command writes with --out (app/output.c): only a new path, or
 * with force an existing regular file — never a symbolic link, a FIFO, a
 * device, a directory, the database or a file beside it (NAME-wal,
 * NAME-shm, NAME-journal ...), or the configuration.  The data goes to
 * o->f, a 0600 temporary file beside path; app_out_commit() syncs it and
 * gives it the name (exclusively when new; over the very file checked
 * when replacing), then syncs the directory.  Until then nothing has the
 * name, and app_out_abort() leaves nothing behind.
 */
#include <sys/types.h>
struct app_out {
	FILE  *f;         /* write here                                */
	char  *path;      /* the name it is given at the end (owned) */
	char  *tmp;       /* the temporary file (owned)                */
	int    replace;   /* an existing regular file is replaced      */
	dev_t  dev;       /* ... this one                              */
	ino_t  ino;
};

/* Check path and open the temporary file.  0, or -1 with *cause naming
 * the path and why (nothing made). */
int app_out_open(struct app *a, const char *path, int force,
    struct app_out *o, char **cause);

/* Sync, name and close.  0, or -1 with *cause (nothing named then). */
int app_out_commit(struct app_out *o, char **cause);

/* Close and remove the temporary file; nothing is named. */
void app_out_abort(struct app_out *o);

/*
 * One CSV record (csv_put_row) to f.  When f is a terminal each field is
 * sanitised first (text_cleans: no control, bidi or format character
 * reaches it); to a file or a pipe the data stays exact.
 */
void app_csv_row(FILE *f, size_t n, const char *const *fields);

/* Print a command's usage to f. */
void app_usage(const struct command *cmd, FILE *f);

/*
 * A command line that cannot be followed: prints "uplift: MESSAGE" (fmt),
 * then the usage of the command named cmd (app_commands), to stderr.
 * Returns EXIT_USAGE, for "return app_bad_usage(...)".
 */
int app_bad_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * An argument that command cmd does not take: names it ("unknown option
 * --bogus", or "unexpected argument X" for a word), then as
 * app_bad_usage.  Returns EXIT_USAGE.
 */
int app_unknown_arg(const char *cmd, const char *arg);

/*
 * Open the database for the command: writable (and with writable != 0
 * created if missing) — read-only when app_pretend(a), so that nothing
 * can be written at a pretended time.  Prints the error and returns NULL
 * on failure.
 */
struct store *app_open_store(struct app *a, int writable);

/* The database path app_open_store() would open (a->db_path is set), or
 * NULL when there is none; loads the configuration.  Not owned. */
const char *app_db_path(struct app *a);

/*
 * --at is a clock for reading: on a database that is neither the demo
 * copy nor a training copy nothing may be written at a pretended time.
 * 1 when that applies (a->fixed_clock on a real database): the commands
 * that write refuse (app_refuse_pretend), the console opens in REPLAY and
 * app_open_store() opens read-only.
 */
int app_pretend(const struct app *a);

/* When app_pretend(a): say that what (a command, "answering") writes and
 * --at is for reading, and return -1; else 0. */
int app_refuse_pretend(const struct app *a, const char *what);

/*
 * app_open_store() without the --at rule, for rows stamped with the
 * computer's clock (sign-in, audit).  Prints the error and returns NULL
 * on failure.
 */
struct store *app_open_store_wall(struct app *a);

/* Load the configuration (once); prints errors and returns -1 on failure. */
int app_load_config(struct app *a);

/*
 * Build the demo database in a new temporary directory from the bundled
 * CSV files and point a->db_path at it.  Returns 0 or -1 (printed).
 */
int app_demo_setup(struct app *a);

/*
 * A private temporary directory (app/tmpdir.c): $TMPDIR/uplift-KIND.XXXXXX,
 * mode 0700, with a lock file this process holds while it lives.  From
 * the first call on, INT, TERM, HUP and QUIT (where nothing else handles
 * them) only set a flag, app_tmpdir_signal(): main then removes the
 * directories and ends by that signal.  *dir malloc'd.  0, or -1 with
 * *cause.
 */
int app_tmpdir_make(const char *kind, char **dir, char **cause);

/* Remove dir (made by app_tmpdir_make) with everything in it. */
void app_tmpdir_remove(const char *dir);

/* The signal that arrived while a temporary directory existed, or 0. */
int app_tmpdir_signal(void);

/*
 * Remove the uplift-demo.* and uplift-train.* directories of this user
 * under $TMPDIR whose process is gone (their lock is free) — what a
 * SIGKILL left.  Called at every start.
 */
void app_tmpdir_sweep(void);

/*
 * Remove what a first import into path that crashed left beside it (app/
 * tmpdir.c): the files PATH.importing-PID, and their -wal, -shm and
 * -journal, that are regular files of this user and whose PID is no
 * process's any more.  Returns how many files it removed.
 */
int app_import_sweep(const char *path);

/* Remove the demo's temporary directory, if any. */
void app_demo_cleanup(struct app *a);

/* The directory with the bundled assets (assets/ of the source tree when
 * run from it, else the installed data directory).  malloc'd. */
char *app_assets_dir(void);

/* Whose training scores these are: the clerk named with --as, else the
 * configured clerk.  Not owned. */
const char *app_trainee(const struct app *a);

/* Parse --at TIME (YYYY-MM-DD[ HH:MM[:SS]]) into a->now; -1 if bad. */
int app_parse_at(struct app *a, const char *s);

/*
 * Command option "--name VALUE" or "--name=VALUE" at argv[*i]: returns 1
 * and *out (advancing *i past a separate value), 0 if argv[*i] is not that
 * option, -1 (printed) if its value is missing.
 */
int app_opt(int *i, int argc, char **argv, const char *name, char **out);

/*
 * Check the talking-point files paths[0..n) and, if every one is good,
 * save their templates in the store (replacing each language's).  Prints
 * a line per language when verbose.  0, or -1 with *cause.
 */
int app_save_scripts(struct store *s, char *const *paths, size_t n,
    int verbose, char **cause);

/* Write s sanitised as a JSON string (with the quotes). */
void app_json_string(FILE *f, const char *s);

/* The console (app/console.c): run until the user quits. */
/*
 * The scorer's settings from the [scorer] section of the loaded
 * configuration, with money at `scale` decimals in currency cur (NULL:
 * none; explanations then show every digit).
 */
struct scorer_config app_scorer_config(const struct app *a, int scale,
    const char *cur);

struct mine_stats;

/*
 * The fit of a model: held-out orders, usable examples, whether the
 * weights were fitted or are the defaults, the held-out hit rates and
 * one line per signal with its two weights; fields separated by sep.
 */
void app_print_fit(FILE *f, const struct mine_stats *ms, const char *sep);

int app_console(struct app *a);

/*
 * The id of the hotel named name, in any case (ASCII): 1 and *id, and
 * (stored not NULL) *stored its name as the store spells it, malloc'd;
 * 0 when there is none, after saying so with the names of the hotels
 * there are; -1 on error, said.  *stored is NULL unless 1.
 */
int app_hotel_id(struct store *s, const char *name, int64_t *id,
    char **stored);

/* Commands. */
int cmd_import(struct app *, int, char **);
int cmd_stats(struct app *, int, char **);
int cmd_history(struct app *, int, char **);
int cmd_customers(struct app *, int, char **);
int cmd_check_config(struct app *, int, char **);
int cmd_check_scripts(struct app *, int, char **);
int cmd_upgrades(struct app *, int, char **);
int cmd_train(struct app *, int, char **);
int cmd_export_customer(struct app *, int, char **);
int cmd_erase_customer(struct app *, int, char **);
int cmd_staff(struct app *, int, char **);
int cmd_check(struct app *, int, char **);

/*
 * May the clerk signing in (--as, PIN from the terminal or UPLIFT_PIN) do
 * action (enum authz_action)?  Open while no clerk has a PIN.  0 yes, -1
 * no (printed, and audited).  Signs in once per process.
 */
int app_authorize(struct app *a, int action);

/* Append action (and subject, may be NULL) to the audit log as the
 * signed-in clerk (none: NULL).  A failure is printed. */
void app_audit(struct app *a, const char *action, const char *subject);
int cmd_import_scripts(struct app *, int, char **);
int cmd_rules(struct app *, int, char **);
int cmd_rebuild(struct app *, int, char **);
int cmd_suggest(struct app *, int, char **);
int cmd_eval(struct app *, int, char **);
int cmd_report(struct app *, int, char **);
int cmd_sync(struct app *, int, char **);
int cmd_chain(struct app *, int, char **);

struct chain;

/*
 * Connect to the chain's server of the configuration ([chain] server;
 * with need_shop, [chain] shop must be set too).  Returns EXIT_OK and
 * *out, or the exit code after printing why (EXIT_USAGE: the
 * configuration; EXIT_FAIL: the server).  Close with chain_close().
 */
int app_chain_open(struct app *a, struct chain **out, int need_shop);

/*
 * rebuild --chain: mine the chain's orders placed before `before` and
 * publish the model on the server.  Prints the figures; returns an exit
 * code.
 */
int app_chain_rebuild(struct app *a, int64_t before);

#endif
