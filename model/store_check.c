/*
 * store_check.c — the check that a database file is sound (PRAGMA
 * quick_check) before uplift trusts it, once per file and process; and
 * the same check run beside a command that reads everything first and
 * saves only at its end (store.h: store_check_start).
 */
#include "model/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/store_impl.h"
#include "model/text.h"
#include "model/xalloc.h"

/*
 * Files this process has already checked, or is checking: a command that
 * opens its database more than once (to authorise, to audit, to work)
 * checks it once — the check reads every page.
 */
static struct {
	dev_t dev;
	ino_t ino;
} checked[8];
static size_t nchecked;

int
store_checked(const char *path, int remember)
{
	struct stat sb;
	size_t i;

	if (stat(path, &sb) != 0)
		return 0;
	for (i = 0; i < nchecked; i++)
		if (checked[i].dev == sb.st_dev && checked[i].ino == sb.st_ino)
			return 1;
	if (remember && nchecked < sizeof checked / sizeof checked[0]) {
		checked[nchecked].dev = sb.st_dev;
		checked[nchecked++].ino = sb.st_ino;
	}
	return 0;
}

int
store_quick_check(sqlite3 *db, char *ok, size_t size)
{
	sqlite3_stmt *st;
	int rc = -1;

	ok[0] = '\0';
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		char *nl;

		snprintf(ok, size, "%s", t ? (const char *)t : "");
		/* "*** in database main ***\nPage 501: ..." on one line */
		while ((nl = strchr(ok, '\n')) != NULL)
			*nl = ' ';
		rc = strcmp(ok, "ok") == 0 ? 0 : -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The one check this process runs in the background. */
static struct {
	pthread_t	 tid;
	int		 running;	/* started and not yet joined */
	char		*path;
	dev_t		 dev;
	ino_t		 ino;
	int		 rc;		/* 0 sound, -1 damaged */
	char		 ok[128];	/* quick_check's first lines */
} bg;

/* The background check: its own read-only connection. */
static void *
bg_run(void *arg)
{
	sqlite3 *db = NULL;

	(void)arg;
	bg.rc = -1;
	if (sqlite3_open_v2(bg.path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		/* it reads each page once: a cache would only hold memory
		 * the command needs */
		sqlite3_exec(db, "PRAGMA cache_size = -128", NULL, NULL, NULL);
		bg.rc = store_quick_check(db, bg.ok, sizeof bg.ok);
		if (bg.rc != 0 && bg.ok[0] == '\0')
			snprintf(bg.ok, sizeof bg.ok, "%s", sqlite3_errmsg(db));
	} else
		snprintf(bg.ok, sizeof bg.ok, "cannot open it");
	sqlite3_close_v2(db);
	return NULL;
}

void
store_check_start(const char *path)
{
	struct stat sb;

	/* a missing or empty file has nothing to check: opening it will
	 * create or refuse it */
	if (bg.path != NULL || stat(path, &sb) != 0 || sb.st_size == 0 ||
	    store_checked(path, 0))
		return;
	bg.path = xstrdup(path);
	if (pthread_create(&bg.tid, NULL, bg_run, NULL) != 0) {
		free(bg.path);
		bg.path = NULL;
		return;         /* the opens check it themselves */
	}
	bg.running = 1;
	bg.dev = sb.st_dev;
	bg.ino = sb.st_ino;
	store_checked(path, 1);
}

int
store_check_wait(char **cause)
{
	char *p;

	if (bg.path == NULL)
		return 0;
	if (bg.running) {
		pthread_join(bg.tid, NULL);
		bg.running = 0;
	}
	if (bg.rc == 0)
		return 0;
	if (cause != NULL) {
		p = text_cleans(bg.path, 60);
		*cause = xasprintf("%s: the database is damaged (quick_check: "
		    "%s); restore it from a backup", p, bg.ok);
		free(p);
	}
	return -1;
}

void
store_check_end(void)
{
	size_t i;

	if (bg.path == NULL)
		return;
	if (bg.running) {
		pthread_join(bg.tid, NULL);
		bg.running = 0;
	}
	/* a damaged file is not "checked": a later open checks it again */
	for (i = 0; bg.rc != 0 && i < nchecked; i++)
		if (checked[i].dev == bg.dev && checked[i].ino == bg.ino) {
			checked[i] = checked[--nchecked];
			break;
		}
	free(bg.path);
	memset(&bg, 0, sizeof bg);
}
