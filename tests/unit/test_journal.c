/*
 * test_journal — the offers a session could not save (model/journal.h):
 * kept on disk, replayed at the next start once — only from journals no
 * live session holds — a torn last line and planted files ignored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/journal.h"
#include "model/store.h"
#include "model/types.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

static struct store *
open_db(const char *path)
{
	struct store *s = NULL;
	char *cause = NULL;

	if (store_open(&s, path, STORE_CREATE, &cause) != 0)
		fail_msg("store_open: %s", cause);
	return s;
}

/* How many offer rows, and the reason of the one with key (0 none). */
static void
offers(const char *db, long *n, int *reason, const char *key)
{
	char *cmd = xasprintf("sqlite3 '%s' \"SELECT count(*) FROM offer;"
	    " SELECT coalesce(max(reason), 0) FROM offer WHERE jkey = '%s'\"",
	    db, key);
	FILE *p = popen(cmd, "r");

	assert_non_null(p);
	assert_int_equal(fscanf(p, "%ld %d", n, reason), 2);
	pclose(p);
	free(cmd);
}

/* The add-on id of the offer row with key (-1 none). */
static long
addon_of(const char *db, const char *key)
{
	char *cmd = xasprintf("sqlite3 '%s' \"SELECT coalesce(max(addon_id),"
	    " -1) FROM offer WHERE jkey = '%s'\"", db, key);
	FILE *p = popen(cmd, "r");
	long v = -2;

	assert_non_null(p);
	assert_int_equal(fscanf(p, "%ld", &v), 1);
	pclose(p);
	free(cmd);
	return v;
}

static void
test_keep_and_replay(void **state)
{
	const char *db = util_tmp_path("j.db");
	struct store *s = open_db(db);
	struct journal *j = NULL, *live = NULL;
	struct offer_rec o;
	char *cause = NULL, key[JOURNAL_KEY_LEN + 1], key2[JOURNAL_KEY_LEN + 1];
	size_t rows = 7, files = 7;
	struct stat sb;
	long n;
	int reason;

	(void)state;
	/* nothing to replay: nothing happens */
	assert_int_equal(journal_replay(s, db, &rows, &files, &cause), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(files, 0);

	assert_int_equal(journal_open(&j, db, &cause), 0);
	assert_int_equal(stat(journal_path(j), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(sb.st_blocks * 512 >= JOURNAL_RESERVE);  /* reserved */
	journal_new_key(key);
	journal_new_key(key2);
	assert_int_equal(strlen(key), JOURNAL_KEY_LEN);
	assert_string_not_equal(key, key2);
	memset(&o, 0, sizeof o);
	o.at = 1000;
	o.counter = "till\t2\n";          /* any bytes survive */
	o.kind = 1;
	o.price_diff = 250;
	o.outcome = 2;                    /* declined */
	o.variant = "bundle/*/A";
	o.jkey = key;
	assert_int_equal(journal_offer(j, &o, &cause), 0);
	assert_int_equal(journal_reason(j, 0, key, 3, &cause), 0);
	o.jkey = key2;
	o.outcome = 0;
	o.addon_id = 7;                   /* an add-on at the desk (issue 17) */
	assert_int_equal(journal_offer(j, &o, &cause), 0);
	o.addon_id = 0;

	/* a live session's journal is not replayed: its lock is held */
	assert_int_equal(journal_open(&live, db, &cause), 0);
	o.jkey = "ffffffffffffffff";
	assert_int_equal(journal_offer(live, &o, &cause), 0);
	journal_close(&j, 1);
	assert_null(j);
	assert_int_equal(journal_replay(s, db, &rows, &files, &cause), 0);
	assert_int_equal(rows, 3);
	assert_int_equal(files, 1);
	offers(db, &n, &reason, key);
	assert_int_equal(n, 2);
	assert_int_equal(reason, 3);
	assert_int_equal(addon_of(db, key2), 7);

	/* the same rows again (a crash between the commit and the unlink):
	 * added once */
	assert_int_equal(journal_open(&j, db, &cause), 0);
	o.jkey = key2;
	assert_int_equal(journal_offer(j, &o, &cause), 0);
	journal_close(&j, 1);
	assert_int_equal(journal_replay(s, db, &rows, &files, &cause), 0);
	assert_int_equal(files, 1);
	offers(db, &n, &reason, key);
	assert_int_equal(n, 2);

	/* the live one, once its session ends */
	journal_close(&live, 1);
	assert_int_equal(journal_replay(s, db, &rows, &files, &cause), 0);
	assert_int_equal(rows, 1);
	offers(db, &n, &reason, key);
	assert_int_equal(n, 3);
	store_close(&s);
}

static void
test_torn_and_planted(void **state)
{
	static const char torn[] = "O\t0123456789abcdef\t1\t0\t-\t0\t0\t0"
	    "\t0\t0\t0\t-\t0\t0\t0\tdeadbeef\nR\t1\t";
	const char *db = util_tmp_path("t.db");
	struct store *s = open_db(db);
	char *cause = NULL, *p;
	size_t rows, files;
	long n;
	int reason;

	(void)state;
	/* a torn line (its CRC wrong) and a line without one: not rows */
	p = xasprintf("%s-pending-1.aaaaaa", db);
	util_write_file(p, torn, sizeof torn - 1, 0600);
	assert_int_equal(journal_replay(s, db, &rows, &files, &cause), 0);
	assert_int_equal(rows, 0);
	assert_int_equal(files, 1);
	assert_int_equal(access(p, F_OK), -1);     /* read, and removed */
	free(p);
	/* a file others may read or write is not a journal of ours */
	p = xasprintf("%s-pending-2.bbbbbb", db);
	util_write_file(p, "", 0, 0644);
	assert_int_equal(journal_replay(s, db, &rows, &files, &cause), 0);
	assert_int_equal(files, 0);
	assert_int_equal(access(p, F_OK), 0);      /* left alone */
	free(p);
	offers(db, &n, &reason, "none");
	assert_int_equal(n, 0);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keep_and_replay),
		cmocka_unit_test(test_torn_and_planted),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup, util_tmp_teardown);
}
