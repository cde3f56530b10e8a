/*
 * test_authz — the roles × actions table, the PIN hashes, and the
 * wrong-PIN count and lock on a real SQLite file, from one process and
 * from many at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/authz.h"
#include "model/store.h"
#include "tests/unit/util.h"

#define T0 1795000000      /* a wall-clock second */

/* Trainees only train; clerks sell and train; managers do everything;
 * nothing outside the table. */
static void
test_table(void **state)
{
	int a, r;

	(void)state;
	for (a = 0; a < ACT_COUNT; a++) {
		assert_int_equal(authz_allows(0, a), a == ACT_TRAIN);
		assert_int_equal(authz_allows(1, a), a == ACT_TRAIN ||
		    a == ACT_SELL);
		assert_int_equal(authz_allows(2, a), 1);
	}
	for (r = -1; r <= 3; r += 4)
		assert_int_equal(authz_allows(r, ACT_TRAIN), 0);
	assert_int_equal(authz_allows(2, ACT_COUNT), 0);
	assert_int_equal(authz_role_parse("manager"), 2);
	assert_int_equal(authz_role_parse("Manager"), -1);
	assert_string_equal(authz_action_name(ACT_ERASE), "erase");
}

static void
test_pins(void **state)
{
	const char *why = NULL;
	char *h, *h2;

	(void)state;
	assert_int_equal(authz_pin_ok("1234", 1, &why), 0);
	assert_int_equal(authz_pin_ok("1234", 0, &why), 0);
	assert_int_equal(authz_pin_ok("123", 1, &why), -1);
	assert_string_equal(why, "a PIN is 4 to 12 digits");
	assert_int_equal(authz_pin_ok("12a4", 1, &why), -1);
	assert_int_equal(authz_pin_ok("1234567890123", 1, &why), -1);
	/* a manager's PIN has 6 digits or more (issue 14) */
	assert_int_equal(authz_pin_ok("1234", 2, &why), -1);
	assert_non_null(strstr(why, "6 to 12"));
	assert_int_equal(authz_pin_ok("12345", 2, &why), -1);
	assert_int_equal(authz_pin_ok("123456", 2, &why), 0);
	assert_int_equal(authz_pin_ok("123456789012", 2, &why), 0);
	/* passphrases */
	assert_int_equal(authz_passphrase_ok("correct horse battery", &why), 0);
	assert_int_equal(authz_passphrase_ok("short phrase", &why), 0);
	assert_int_equal(authz_passphrase_ok("short", &why), -1);
	assert_int_equal(authz_passphrase_ok("123456789012345", &why), -1);
	assert_int_equal(authz_passphrase_ok("tab\there and more", &why), -1);
	assert_int_equal(authz_passphrase_ok("bad utf8 \xc0\xaf here", &why),
	    -1);
	h = authz_pin_hash("4711");
	assert_non_null(h);
	assert_memory_equal(h, "$y$", 3);          /* yescrypt */
	assert_null(strstr(h, "4711"));
	assert_true(authz_pin_matches("4711", h));
	assert_false(authz_pin_matches("4712", h));
	assert_false(authz_pin_matches("", h));
	assert_false(authz_pin_matches("4711", NULL));
	assert_false(authz_pin_matches("4711", "plain"));
	h2 = authz_pin_hash("4711");               /* salted: differs */
	assert_string_not_equal(h, h2);
	assert_true(authz_pin_matches("4711", h2));
	free(h);
	free(h2);
}

/* A store with one clerk who has a PIN; their row number. */
static int64_t
one_clerk(const char *db)
{
	struct store *s;
	struct clerk_rec c;
	char *cause = NULL, *h = authz_pin_hash("2468");
	int64_t id;

	unlink(db);
	assert_int_equal(store_open(&s, db, STORE_CREATE, &cause), 0);
	assert_int_equal(store_clerk_put(s, "Carl", 1, h, &cause), 0);
	assert_int_equal(store_clerk_get(s, "Carl", &c, &cause), 1);
	id = c.id;
	clerk_rec_clear(&c);
	store_close(&s);
	free(h);
	return id;
}

/* Counted before the PIN is checked: four tries count up, the fifth
 * locks for AUTHZ_LOCK_SECONDS, then every try is refused until the lock
 * ends; a correct PIN clears the count. */
static void
test_attempts(void **state)
{
	const char *db = util_tmp_path("attempts.db");
	int64_t id = one_clerk(db), until;
	struct store *s;
	char *cause = NULL;
	int k, failed;

	(void)state;
	assert_int_equal(store_open(&s, db, 0, &cause), 0);
	for (k = 1; k < AUTHZ_MAX_FAILED; k++) {
		assert_int_equal(store_clerk_try(s, id, T0 + k, AUTHZ_MAX_FAILED,
		    AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 1);
		assert_int_equal(failed, k);
		assert_int_equal(until, 0);
	}
	assert_int_equal(store_clerk_try(s, id, T0 + 10, AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 1);
	assert_int_equal(failed, AUTHZ_MAX_FAILED);
	assert_int_equal(until, T0 + 10 + AUTHZ_LOCK_SECONDS);
	/* locked: refused, and told until when, to the last second */
	assert_int_equal(store_clerk_try(s, id, T0 + 10 + AUTHZ_LOCK_SECONDS -
	    1, AUTHZ_MAX_FAILED, AUTHZ_LOCK_SECONDS, &failed, &until, &cause),
	    0);
	assert_int_equal(until, T0 + 10 + AUTHZ_LOCK_SECONDS);
	/* the lock over: counting starts again at one */
	assert_int_equal(store_clerk_try(s, id, T0 + 10 + AUTHZ_LOCK_SECONDS,
	    AUTHZ_MAX_FAILED, AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 1);
	assert_int_equal(failed, 1);
	assert_int_equal(store_clerk_try(s, id, T0 + 400, AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 1);
	assert_int_equal(failed, 2);
	/* a correct PIN clears the count */
	assert_int_equal(store_clerk_signed_in(s, id, T0 + 400, 0, &cause), 0);
	assert_int_equal(store_clerk_try(s, id, T0 + 401, AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 1);
	assert_int_equal(failed, 1);
	store_close(&s);
}

/* The fifth try is the correct PIN: the lock it set goes with the
 * sign-in.  A lock other tries set meanwhile stays. */
static void
test_attempts_fifth_right(void **state)
{
	const char *db = util_tmp_path("fifth.db");
	int64_t id = one_clerk(db), until, mine;
	struct store *s;
	struct clerk_rec c;
	char *cause = NULL;
	int k, failed;

	(void)state;
	assert_int_equal(store_open(&s, db, 0, &cause), 0);
	for (k = 1; k < AUTHZ_MAX_FAILED; k++)
		assert_int_equal(store_clerk_try(s, id, T0, AUTHZ_MAX_FAILED,
		    AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 1);
	assert_int_equal(store_clerk_try(s, id, T0 + 1, AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &mine, &cause), 1);
	assert_true(mine > T0 + 1);
	assert_int_equal(store_clerk_signed_in(s, id, T0 + 2, mine, &cause), 0);
	assert_int_equal(store_clerk_get(s, "Carl", &c, &cause), 1);
	assert_int_equal(c.failed, 0);
	assert_int_equal(c.locked_until, 0);
	clerk_rec_clear(&c);

	/* a right try counted at T0 + 10 (the first of a new count); four
	 * wrong ones elsewhere and a fifth that locks; then the right one's
	 * sign-in: the count is cleared, the others' lock is not */
	assert_int_equal(store_clerk_try(s, id, T0 + 10, AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &mine, &cause), 1);
	assert_int_equal(mine, 0);
	for (k = 2; k <= AUTHZ_MAX_FAILED; k++)
		assert_int_equal(store_clerk_try(s, id, T0 + 11,
		    AUTHZ_MAX_FAILED, AUTHZ_LOCK_SECONDS, &failed, &until,
		    &cause), 1);
	assert_int_equal(until, T0 + 11 + AUTHZ_LOCK_SECONDS);
	assert_int_equal(store_clerk_signed_in(s, id, T0 + 12, mine, &cause),
	    0);
	assert_int_equal(store_clerk_get(s, "Carl", &c, &cause), 1);
	assert_int_equal(c.locked_until, T0 + 11 + AUTHZ_LOCK_SECONDS);
	clerk_rec_clear(&c);
	assert_int_equal(store_clerk_try(s, id, T0 + 13, AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause), 0);
	/* an expired lock goes with the next sign-in */
	assert_int_equal(store_clerk_signed_in(s, id, T0 + 11 +
	    AUTHZ_LOCK_SECONDS, 0, &cause), 0);
	assert_int_equal(store_clerk_get(s, "Carl", &c, &cause), 1);
	assert_int_equal(c.locked_until, 0);
	clerk_rec_clear(&c);
	store_close(&s);
}

/* Twelve processes try at once: exactly AUTHZ_MAX_FAILED tries are
 * counted (the last of them sets the lock), every other one is refused. */
static void
test_attempts_at_once(void **state)
{
	enum { N = 12 };
	const char *db = util_tmp_path("at-once.db");
	int64_t id = one_clerk(db);
	int pipefd[2], k, status, counted = 0, refused = 0, locks = 0;
	pid_t pid[N];
	char go[N];

	(void)state;
	assert_int_equal(pipe(pipefd), 0);
	for (k = 0; k < N; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			struct store *cs;
			char *c = NULL, g;
			int64_t until;
			int rc, failed;

			close(pipefd[1]);
			if (store_open(&cs, db, 0, &c) != 0)
				_exit(9);
			if (read(pipefd[0], &g, 1) != 1)
				_exit(8);
			rc = store_clerk_try(cs, id, T0, AUTHZ_MAX_FAILED,
			    AUTHZ_LOCK_SECONDS, &failed, &until, &c);
			store_close(&cs);
			/* 0 refused, 1 counted, 2 counted and locked */
			_exit(rc < 0 ? 7 : rc == 0 ? 0 : until != 0 ? 2 : 1);
		}
	}
	close(pipefd[0]);
	memset(go, 'g', sizeof go);
	assert_int_equal(write(pipefd[1], go, N), N);
	close(pipefd[1]);
	for (k = 0; k < N; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		switch (WEXITSTATUS(status)) {
		case 0: refused++; break;
		case 1: counted++; break;
		case 2: counted++; locks++; break;
		default: fail_msg("child exit %d", WEXITSTATUS(status));
		}
	}
	assert_int_equal(counted, AUTHZ_MAX_FAILED);
	assert_int_equal(locks, 1);
	assert_int_equal(refused, N - AUTHZ_MAX_FAILED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_pins),
		cmocka_unit_test(test_attempts),
		cmocka_unit_test(test_attempts_fifth_right),
		cmocka_unit_test(test_attempts_at_once),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
