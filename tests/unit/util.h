/*
 * util — scaffolding shared by the cmocka tests in tests/unit/: a private
 * temporary directory per test group and files written into it, fixtures
 * found through $UPLIFT_TESTDATA, whole-file reads and shell commands.
 *
 * Ownership, in two rules: every PATH these functions return (const
 * char *, util_testdata's aside) belongs to util and stays valid until
 * util_tmp_teardown(); every buffer of CONTENTS (util_read_file,
 * util_shquote, util_run's output) is malloc'd and the caller frees it.
 *
 * The helpers are called from inside tests: when something that is not
 * under test goes wrong (a file cannot be written, a fixture is missing)
 * they fail the running test with a message (cmocka's fail_msg) rather
 * than return an error.  util_tmp_setup and util_tmp_teardown are the
 * exception: they are cmocka group fixtures and report by return value.
 *
 * The implementation is tests/unit/utils.c (the Makefile links every
 * tests/unit/util*.c into each test binary).
 */
#ifndef TESTS_UNIT_UTIL_H
#define TESTS_UNIT_UTIL_H

#include <sys/types.h>

#include <stddef.h>

/* ---- the temporary directory ------------------------------------------ */

/*
 * A cmocka group setup: makes a private directory (mode 0700) named
 * uplift-test.XXXXXX under $TMPDIR, or /tmp when TMPDIR is unset or empty.
 * Returns 0, or -1 (with a message on stderr) if it cannot be made.
 * state is not used.  Pair it with util_tmp_teardown.
 */
int		 util_tmp_setup(void **state);

/*
 * A cmocka group teardown: removes the directory made by util_tmp_setup
 * with everything in it (read-only directories left by a test are opened
 * up first; symbolic links are removed, never followed) and frees every
 * path util handed out.  Always returns 0; safe without a setup.
 */
int		 util_tmp_teardown(void **state);

/* The temporary directory, or NULL outside util_tmp_setup/teardown. */
const char	*util_tmp_dir(void);

/*
 * A fresh path "DIR/NNN-name" in the temporary directory: NNN counts the
 * calls, so the same name twice gives two different paths.  Nothing is
 * created.  The path is util's (valid until util_tmp_teardown) and is
 * removed with the directory.
 */
const char	*util_tmp_path(const char *name);

/*
 * Write data[0..len) to a new file at exactly path (it must not exist yet)
 * with exactly mode (set with fchmod, whatever the umask).  For a test that
 * must know the file's full name (build it from util_tmp_dir(); it is
 * removed with the directory); otherwise use util_tmp_write.
 */
void		 util_write_file(const char *path, const void *data, size_t len,
		     mode_t mode);

/*
 * Write data[0..len) to a new file at util_tmp_path(name), mode 0600
 * (exactly, whatever the umask).  Returns the path (util's).
 */
const char	*util_tmp_write(const char *name, const void *data, size_t len);

/* As util_tmp_write, with exactly this mode. */
const char	*util_tmp_write_mode(const char *name, const void *data,
		     size_t len, mode_t mode);

/* As util_tmp_write, with the NUL-terminated text (no NUL written). */
const char	*util_tmp_text(const char *name, const char *text);

/*
 * Write data[0..len) gzip-compressed (zlib, level 9) to a new file at
 * util_tmp_path(name).  Returns the path (util's).
 */
const char	*util_tmp_write_gz(const char *name, const void *data,
		     size_t len);

/*
 * Remove path and, if it is a directory, everything below it, as
 * util_tmp_teardown does.  Best effort: errors are ignored.
 */
void		 util_rmtree(const char *path);

/* ---- fixtures and data -------------------------------------------------- */

/*
 * The fixture directory: $UPLIFT_TESTDATA (REPO/tests/data, set by
 * tests/run-unit.sh), or "tests/data" when it is unset or empty.  The
 * string is the environment's or static; do not free it.
 */
const char	*util_testdata(void);

/*
 * The absolute path of util_testdata()/dir/name, with symbolic links and
 * ".." resolved (so "../../assets/demo" reaches REPO/assets/demo).  Fails
 * the test if the file does not exist.  The path is util's (valid until
 * util_tmp_teardown).
 */
const char	*util_fixture(const char *dir, const char *name);

/*
 * The shared, full-size data set file name: $UPLIFT_DATA/name when
 * UPLIFT_DATA is set, else the ../shared/data next to the repository
 * (found from $UPLIFT_TESTDATA) if the file is readable there, else
 * "../shared/data/name".  If that file cannot be read, says so on stderr
 * and skips the running test (cmocka's skip(): it does not return).
 * The path is util's (valid until util_tmp_teardown).
 */
const char	*util_data_file(const char *name);

/* ---- reading files and running commands --------------------------------- */

/*
 * The whole contents of path (any kind of file that can be read to its
 * end), NUL-terminated; *lenp (if lenp is not NULL) gets the length
 * without the NUL.  Fails the test if path cannot be opened or read.
 * Returns a malloc'd buffer the caller frees.
 */
char		*util_read_file(const char *path, size_t *lenp);

/*
 * s in single quotes for sh (each ' written as '\''), safe to paste into
 * a util_run command.  Returns a malloc'd string the caller frees.
 */
char		*util_shquote(const char *s);

/*
 * Run the command made from fmt by sh (popen), reading its standard
 * output to the end; stderr is not captured (add 2>&1 to the command for
 * that).  If out is not NULL, *out gets the output, NUL-terminated, as a
 * malloc'd string the caller frees (empty, never NULL, if there was
 * none); else the output is read and dropped.  Returns the command's exit
 * status, or -1 if it did not exit normally.  Fails the test if the
 * command cannot be started.
 */
int		 util_run(char **out, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));

#endif /* TESTS_UNIT_UTIL_H */
