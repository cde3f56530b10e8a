/*
 * test_store — the SQLite store (model/store.h) seen from outside: the
 * file it makes (mode, header bytes), the files it refuses (reliability.md
 * "database" bad inputs), the currency, items, customers and their search,
 * purchase history totals and transactions.
 *
 * sqlite3.h is not included here (only model/store*.c may): other
 * applications' databases are made with the sqlite3 command-line tool, and
 * file headers are read and patched with pread()/pwrite().  Every file
 * lives in a private mkdtemp() directory removed at the end.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/civil.h"
#include "model/store.h"
#include "model/store_catalog.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_orders.h"
#include "model/store_report.h"
#include "model/types.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

static int
exists(const char *path)
{
	struct stat	sb;

	return lstat(path, &sb) == 0;
}

static mode_t
mode_of(const char *path)
{
	struct stat	sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

/* path + suffix ("-wal", "-shm"), malloc'd. */
static char *
side(const char *path, const char *suffix)
{
	return xasprintf("%s%s", path, suffix);
}

/* The big-endian 32-bit number at off in the file's header. */
static uint32_t
header_u32(const char *path, off_t off)
{
	unsigned char	b[4];
	int		fd;

	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, b, 4, off), 4);
	close(fd);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static void
patch_u32(const char *path, off_t off, uint32_t v)
{
	unsigned char	b[4] = { (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };
	int		fd;

	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, b, 4, off), 4);
	assert_int_equal(fsync(fd), 0);
	close(fd);
}

static unsigned
page_size(const char *path)
{
	unsigned char	b[2];
	unsigned	v;
	int		fd;

	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, b, 2, 16), 2);
	close(fd);
	v = (unsigned)b[0] << 8 | b[1];
	return v == 1 ? 65536 : v;
}

/* No byte below 0x20 (other than '\n') in a message. */
static void
assert_clean(const char *msg)
{
	const unsigned char	*p;

	assert_non_null(msg);
	for (p = (const unsigned char *)msg; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fail_msg("control byte 0x%02x in \"%s\"", *p, msg);
}

/* Open path, which must fail; returns the cause (malloc'd, checked). */
static char *
open_fails(const char *path, int flags)
{
	struct store	*s = (struct store *)1;
	char		*cause = NULL;

	assert_int_equal(store_open(&s, path, flags, &cause), -1);
	assert_null(s);
	assert_non_null(cause);
	assert_true(strlen(cause) > 0);
	assert_clean(cause);
	return cause;
}

static struct store *
open_ok(const char *path, int flags)
{
	struct store	*s = NULL;
	char		*cause = NULL;

	if (store_open(&s, path, flags, &cause) != 0)
		fail_msg("store_open %s: %s", path, cause);
	assert_non_null(s);
	return s;
}

/* Run the sqlite3 command-line tool; skip the test if it is missing. */
static void
sqlite3_cli(const char *path, const char *sql)
{
	char	*qpath, *qsql;
	int	 rc;

	if (util_run(NULL, "command -v sqlite3 >/dev/null 2>&1") != 0)
		skip();
	qpath = util_shquote(path);
	qsql = util_shquote(sql);
	rc = util_run(NULL, "sqlite3 %s %s", qpath, qsql);
	free(qsql);
	free(qpath);
	assert_int_equal(rc, 0);
}

static void
put_item(struct store *s, const char *sku, const char *name, int64_t price,
    int64_t *id)
{
	struct item	 it;
	char		*cause = NULL;

	memset(&it, 0, sizeof it);
	it.sku = (char *)sku;
	it.name = (char *)name;
	it.price = price;
	it.stock = ITEM_NO_STOCK;
	if (store_item_put(s, &it, id, &cause) != 0)
		fail_msg("store_item_put %s: %s", sku, cause);
}

static int64_t
put_customer(struct store *s, const char *code, const char *name,
    const char *phone, const char *loyalty)
{
	struct customer	 c;
	char		*cause = NULL;
	int64_t		 id = 0;

	memset(&c, 0, sizeof c);
	c.code = (char *)code;
	c.name = (char *)name;
	c.phone = (char *)phone;
	c.loyalty = (char *)loyalty;
	if (store_customer_put(s, &c, &id, &cause) != 0)
		fail_msg("store_customer_put %s: %s", code, cause);
	assert_true(id > 0);
	return id;
}

/* ---- opening ------------------------------------------------------------ */

static void
test_close_null(void **state)
{
	struct store	*s = NULL;

	(void)state;
	store_close(&s);
	assert_null(s);
}

static void
test_open_missing(void **state)
{
	const char	*path = util_tmp_path("missing.db");
	char		*cause;

	(void)state;
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "No such file"));
	free(cause);
	assert_false(exists(path));
	cause = open_fails(path, STORE_READONLY);
	free(cause);
	/* Read-only never creates, even when asked to. */
	cause = open_fails(path, STORE_READONLY | STORE_CREATE);
	free(cause);
	assert_false(exists(path));
}

static void
test_open_hostile_path(void **state)
{
	char	*path, *cause;

	(void)state;
	path = xasprintf("%s/x\x1b]0;PWNED\x07\x1b[2J\r\n.db", util_tmp_dir());
	cause = open_fails(path, 0);
	assert_null(strstr(cause, "\x1b"));
	free(cause);
	free(path);
}

static void
test_open_creates(void **state)
{
	struct store	*s;
	const char	*dir;
	char		*sub, *path, *wal, *shm, *cause = NULL;
	char		 cur[4];
	int		 scale;
	mode_t		 old;

	(void)state;
	dir = util_tmp_path("new");
	sub = xasprintf("%s/sub", dir);
	path = xasprintf("%s/uplift.db", sub);
	wal = side(path, "-wal");
	shm = side(path, "-shm");

	/* A permissive umask must not make the file readable by others. */
	old = umask(0);
	s = open_ok(path, STORE_CREATE);
	umask(old);
	assert_string_equal(store_path(s), path);
	assert_int_equal(mode_of(dir), 0700);
	assert_int_equal(mode_of(sub), 0700);
	assert_int_equal(mode_of(path), 0600);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "");

	/* A write goes to the WAL, which has the file's own mode. */
	assert_int_equal(store_set_currency(s, "GBP", 2, &cause), 0);
	assert_true(exists(wal));
	assert_int_equal(mode_of(wal), 0600);
	if (exists(shm))
		assert_int_equal(mode_of(shm), 0600);
	store_close(&s);
	assert_null(s);
	/* A clean close checkpoints: no WAL left behind. */
	assert_false(exists(wal));

	/* The header: user_version at 60, application_id at 68. */
	assert_int_equal(header_u32(path, 60), STORE_SCHEMA_VERSION);
	assert_int_equal(header_u32(path, 68), STORE_APPLICATION_ID);
	/* "WAL" is recorded in the header too (read/write versions 2). */
	{
		unsigned char	 b[2];
		int		 fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
		assert_int_equal(pread(fd, b, 2, 18), 2);
		close(fd);
		assert_int_equal(b[0], 2);
		assert_int_equal(b[1], 2);
	}

	/* Reopen without STORE_CREATE, and read-only: the currency stayed. */
	s = open_ok(path, 0);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "GBP");
	assert_int_equal(scale, 2);
	store_close(&s);
	s = open_ok(path, STORE_READONLY);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "GBP");
	store_close(&s);
	assert_int_equal(mode_of(path), 0600);

	free(sub);
	free(path);
	free(wal);
	free(shm);
}

static void
test_open_empty_file(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("empty.db");
	char		*cause;

	(void)state;
	util_write_file(path, "", 0, 0644);
	/* Read-only cannot initialise it. */
	cause = open_fails(path, STORE_READONLY);
	assert_non_null(strstr(cause, "not initialised"));
	free(cause);
	/* For writing it is initialised, and made private. */
	s = open_ok(path, 0);
	store_close(&s);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(header_u32(path, 60), STORE_SCHEMA_VERSION);
	assert_int_equal(header_u32(path, 68), STORE_APPLICATION_ID);
}

static void
test_open_empty_sqlite(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("blank.db");

	(void)state;
	/* A valid SQLite file with no tables and no application id. */
	sqlite3_cli(path, "PRAGMA page_size=4096; VACUUM;");
	{
		char	*data;
		size_t	 len;
		data = util_read_file(path, &len);
		assert_true(len >= 100);
		assert_memory_equal(data, "SQLite format 3", 16);
		free(data);
	}
	assert_int_equal(header_u32(path, 68), 0);
	s = open_ok(path, 0);
	store_close(&s);
	assert_int_equal(header_u32(path, 68), STORE_APPLICATION_ID);
}

/* The file at path must be byte for byte what it was. */
static void
assert_unchanged(const char *path, const char *before, size_t len)
{
	char	*after;
	size_t	 alen;

	after = util_read_file(path, &alen);
	assert_int_equal(alen, len);
	assert_memory_equal(after, before, len);
	free(after);
}

static void
test_refuse_random(void **state)
{
	const char	*path = util_tmp_path("random.db");
	char		*wal, *cause;
	char		 buf[8192];
	uint32_t	 x = 2463534242u;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof buf; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (char)x;
	}
	util_write_file(path, buf, sizeof buf, 0600);
	cause = open_fails(path, 0);
	free(cause);
	cause = open_fails(path, STORE_READONLY);
	free(cause);
	assert_unchanged(path, buf, sizeof buf);
	wal = side(path, "-wal");
	assert_false(exists(wal));
	free(wal);
}

static void
test_refuse_text(void **state)
{
	static const char text[] = "sku,name,price\nA1,Soap,1.00\n"
	    "This is somebody's shopping list, not a database.\n";
	const char	*path = util_tmp_path("list.txt");
	char		*cause;

	(void)state;
	util_write_file(path, text, sizeof text - 1, 0644);
	assert_int_equal(chmod(path, 0644), 0);
	cause = open_fails(path, 0);
	free(cause);
	cause = open_fails(path, STORE_CREATE);
	free(cause);
	assert_unchanged(path, text, sizeof text - 1);
	/* Not ours: its permissions are not ours to change either. */
	assert_int_equal(mode_of(path), 0644);
}

static void
test_refuse_newer(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("newer.db");
	char		*wal, *cause;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	put_customer(s, "C1", "Ann", NULL, NULL);
	store_close(&s);
	wal = side(path, "-wal");
	assert_false(exists(wal));
	/* As if a later uplift had migrated it. */
	patch_u32(path, 60, 99);
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "newer"));
	free(cause);
	cause = open_fails(path, STORE_READONLY);
	assert_non_null(strstr(cause, "newer"));
	free(cause);
	/* Refusing does not touch it. */
	assert_int_equal(header_u32(path, 60), 99);
	patch_u32(path, 60, STORE_SCHEMA_VERSION + 1);
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "newer"));
	free(cause);
	/* Back to our version, it opens again with its data. */
	patch_u32(path, 60, STORE_SCHEMA_VERSION);
	s = open_ok(path, 0);
	{
		int64_t	 id;
		char	*c = NULL;
		assert_int_equal(store_customer_id(s, "C1", &id, &c), 1);
	}
	store_close(&s);
	free(wal);
}

/* The -wal and -shm (issue 14): a symbolic link is refused and left as it
 * is; files of ours that others may read are made private at open. */
static void
test_own_files(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("own.db");
	char		*wal, *shm, *target, *cause;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	store_close(&s);
	wal = side(path, "-wal");
	shm = side(path, "-shm");
	target = side(path, "-elsewhere");
	assert_int_equal(symlink(target, wal), 0);
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "-wal: a symbolic link"));
	free(cause);
	assert_false(exists(target));
	assert_int_equal(unlink(wal), 0);
	util_write_file(wal, "", 0, 0644);
	util_write_file(shm, "", 0, 0666);
	s = open_ok(path, 0);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	assert_int_equal(mode_of(path), 0600);
	store_close(&s);
	free(wal);
	free(shm);
	free(target);
}

static void
test_refuse_other_app(void **state)
{
	const char	*path = util_tmp_path("other.db"), *plain;
	char		*cause, *before;
	size_t		 len;

	(void)state;
	sqlite3_cli(path, "PRAGMA application_id=1234;"
	    " CREATE TABLE notes(t TEXT); INSERT INTO notes VALUES('hi');");
	assert_int_equal(chmod(path, 0644), 0);
	before = util_read_file(path, &len);
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "not an uplift database"));
	free(cause);
	/* Refused untouched: not switched to WAL, not chmod'ed. */
	assert_unchanged(path, before, len);
	free(before);
	assert_int_equal(mode_of(path), 0644);
	assert_int_equal(header_u32(path, 68), 1234);

	/* No application id, but somebody's tables: not ours either. */
	plain = util_tmp_path("plain.db");
	sqlite3_cli(plain, "CREATE TABLE item(sku TEXT);");
	cause = open_fails(plain, 0);
	assert_non_null(strstr(cause, "not an uplift database"));
	free(cause);
	cause = open_fails(plain, STORE_READONLY);
	free(cause);
	assert_int_equal(header_u32(plain, 68), 0);
}

static void
test_refuse_directory(void **state)
{
	const char	*path = util_tmp_path("dir.db");
	char		*cause;

	(void)state;
	assert_int_equal(mkdir(path, 0700), 0);
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	cause = open_fails(path, STORE_CREATE);
	free(cause);
	cause = open_fails(path, STORE_READONLY);
	free(cause);
}

static void
test_refuse_readonly_file(void **state)
{
	struct store	*s;
	const char	*path;
	char		*cause;

	(void)state;
	if (geteuid() == 0) {
		print_message("skipped: running as root, chmod does not stop "
		    "root writing\n");
		skip();
	}
	path = util_tmp_path("readonly.db");
	s = open_ok(path, STORE_CREATE);
	store_close(&s);
	assert_int_equal(chmod(path, 0400), 0);
	cause = open_fails(path, 0);
	free(cause);
	/* Refusing leaves the owner's protection alone. */
	assert_int_equal(mode_of(path), 0400);
	/* Read-only use is fine. */
	s = open_ok(path, STORE_READONLY);
	store_close(&s);
	assert_int_equal(mode_of(path), 0400);
	chmod(path, 0600);
}

static void
test_refuse_readonly_dir(void **state)
{
	struct store	*s;
	const char	*dir;
	char		*path, *cause, *c2 = NULL;
	int		 rc;

	(void)state;
	if (geteuid() == 0) {
		print_message("skipped: running as root, a read-only "
		    "directory does not stop root\n");
		skip();
	}
	dir = util_tmp_path("rodir");
	assert_int_equal(mkdir(dir, 0700), 0);
	path = xasprintf("%s/uplift.db", dir);
	s = open_ok(path, STORE_CREATE);
	store_close(&s);
	assert_int_equal(chmod(dir, 0500), 0);
	/* Either refused at open, or the first write fails cleanly. */
	if (store_open(&s, path, 0, &cause) == 0) {
		rc = store_set_currency(s, "GBP", 2, &c2);
		store_close(&s);
		assert_int_equal(rc, -1);
		assert_clean(c2);
		free(c2);
	} else {
		assert_clean(cause);
		free(cause);
	}
	chmod(dir, 0700);
	free(path);
}

/* A file of 400 customers with its second page overwritten. */
static void
make_damaged(const char *path)
{
	struct store	*s;
	char		*cause = NULL;
	char		 code[16], name[64], *junk;
	unsigned	 ps, i;
	int		 fd;

	s = open_ok(path, STORE_CREATE);
	assert_int_equal(store_begin(s, &cause), 0);
	for (i = 0; i < 400; i++) {
		snprintf(code, sizeof code, "C%04u", i);
		snprintf(name, sizeof name, "Customer number %u of many", i);
		put_customer(s, code, name, "+44 7700 900000", NULL);
	}
	assert_int_equal(store_commit(s, &cause), 0);
	store_close(&s);
	ps = page_size(path);
	junk = xmalloc(ps);
	for (i = 0; i < ps; i++)
		junk[i] = (char)(0xa5 ^ (i * 7));
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, ps, (off_t)ps), (ssize_t)ps);
	close(fd);
	free(junk);
}

static void
test_refuse_damaged(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("damaged.db");
	char		*cause = NULL;

	(void)state;
	make_damaged(path);
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	cause = open_fails(path, STORE_READONLY);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	/* STORE_NOCHECK skips the check (for big files in tests). */
	s = open_ok(path, STORE_NOCHECK);
	store_close(&s);
}

/* The check beside a command (rebuild's): the open goes on, the first
 * write waits for it and is refused on a damaged file; afterwards the
 * file is checked again at the next open.  A sound file writes. */
static void
test_check_background(void **state)
{
	const char	*path = util_tmp_path("damaged-bg.db");
	const char	*good = util_tmp_path("sound-bg.db");
	struct store	*s;
	char		*cause = NULL;

	(void)state;
	make_damaged(path);
	store_check_start(path);
	s = open_ok(path, 0);           /* no check of its own */
	assert_int_equal(store_begin(s, &cause), -1);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_check_wait(&cause), -1);
	assert_non_null(strstr(cause, "quick_check"));
	free(cause);
	store_close(&s);
	store_check_end();
	cause = open_fails(path, 0);
	assert_non_null(strstr(cause, "damaged"));
	free(cause);
	cause = NULL;

	s = open_ok(good, STORE_CREATE);
	put_customer(s, "C1", "Someone", "+44 7700 900001", NULL);
	store_close(&s);
	store_check_start(good);
	s = open_ok(good, 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_check_wait(&cause), 0);
	store_close(&s);
	store_check_end();
}

/* ---- currency ------------------------------------------------------------ */

static void
test_currency(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("cur.db");
	char		*cause = NULL;
	char		 cur[4];
	int		 scale;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "");

	/* Invalid codes and scales never set anything. */
	assert_int_equal(store_set_currency(s, "", 2, &cause), -1);
	free(cause);
	assert_int_equal(store_set_currency(s, "gbp", 2, &cause), -1);
	free(cause);
	assert_int_equal(store_set_currency(s, "GBPX", 2, &cause), -1);
	free(cause);
	assert_int_equal(store_set_currency(s, "GBP", -1, &cause), -1);
	free(cause);
	assert_int_equal(store_set_currency(s, "GBP", 7, &cause), -1);
	free(cause);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "");

	assert_int_equal(store_set_currency(s, "GBP", 2, &cause), 0);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "GBP");
	assert_int_equal(scale, 2);
	/* The same again is fine; anything else is refused, clearly. */
	assert_int_equal(store_set_currency(s, "GBP", 2, &cause), 0);
	cause = NULL;
	assert_int_equal(store_set_currency(s, "EUR", 2, &cause), -1);
	assert_non_null(strstr(cause, "GBP"));
	assert_non_null(strstr(cause, "EUR"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_set_currency(s, "GBP", 3, &cause), -1);
	assert_non_null(strstr(cause, "decimals"));
	free(cause);
	store_close(&s);

	/* It is kept in the file. */
	s = open_ok(path, 0);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "GBP");
	assert_int_equal(scale, 2);
	assert_int_equal(store_set_currency(s, "GBP", 3, &cause), -1);
	free(cause);
	store_close(&s);
}

static void
test_currency_rollback(void **state)
{
	struct store	*s;
	const char	*path = util_tmp_path("currb.db");
	char		*cause = NULL;
	char		 cur[4];
	int		 scale;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	/* Set inside a transaction that is then rolled back: not set. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_set_currency(s, "EUR", 2, &cause), 0);
	store_rollback(s);
	store_close(&s);
	s = open_ok(path, 0);
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "");

	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_set_currency(s, "EUR", 2, &cause), 0);
	store_rollback(s);
	/* The open connection must agree with the file. */
	store_currency(s, cur, &scale);
	assert_string_equal(cur, "");
	if (store_set_currency(s, "GBP", 3, &cause) != 0)
		fail_msg("after a rolled-back EUR, GBP refused: %s", cause);
	store_close(&s);
}

/* ---- items ---------------------------------------------------------------- */

static void
test_items(void **state)
{
	struct store	*s;
	struct item	 it, got;
	const char	*path = util_tmp_path("items.db");
	char		*cause = NULL;
	int64_t		 id = 0, id2 = 0, other = 0;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	assert_int_equal(store_item_id(s, "NOPE", &id, &cause), 0);
	assert_int_equal(store_item_get(s, 12345, &got, &cause), 0);

	memset(&it, 0, sizeof it);
	it.sku = (char *)"SH-HERB-250";
	it.name = (char *)"Herbal Shampoo 250 ml";
	it.category = (char *)"personal care";
	it.family = (char *)"shampoo-herbal";
	it.tier = 2;
	it.brand_tier = 3;
	it.price = 399;
	it.stock = 0;
	it.barcode = (char *)"2001164104571";
	it.season_start = 1101;
	it.season_end = 228;
	it.refill_days = 150;
	it.benefit = (char *)"lasts five times as long";
	assert_int_equal(store_item_put(s, &it, &id, &cause), 0);
	assert_true(id > 0);
	assert_int_equal(store_item_id(s, "SH-HERB-250", &id2, &cause), 1);
	assert_int_equal(id2, id);

	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.id, id);
	assert_string_equal(got.sku, "SH-HERB-250");
	assert_string_equal(got.name, "Herbal Shampoo 250 ml");
	assert_string_equal(got.category, "personal care");
	assert_string_equal(got.family, "shampoo-herbal");
	assert_int_equal(got.tier, 2);
	assert_int_equal(got.brand_tier, 3);
	assert_int_equal(got.price, 399);
	assert_int_equal(got.stock, 0);     /* 0 in stock is not "untracked" */
	assert_string_equal(got.barcode, "2001164104571");
	assert_int_equal(got.season_start, 1101);
	assert_int_equal(got.season_end, 228);
	assert_int_equal(got.refill_days, 150);
	assert_string_equal(got.benefit, "lasts five times as long");
	item_clear(&got);

	/* Put with the same SKU replaces every field; the id stays. */
	memset(&it, 0, sizeof it);
	it.sku = (char *)"SH-HERB-250";
	it.name = (char *)"Herbal Shampoo 250ml (new)";
	it.price = 425;
	it.stock = ITEM_NO_STOCK;
	assert_int_equal(store_item_put(s, &it, &id2, &cause), 0);
	assert_int_equal(id2, id);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_string_equal(got.name, "Herbal Shampoo 250ml (new)");
	assert_null(got.category);
	assert_null(got.family);
	assert_null(got.barcode);
	assert_null(got.benefit);
	assert_int_equal(got.tier, 1);           /* defaults */
	assert_int_equal(got.brand_tier, 2);
	assert_int_equal(got.price, 425);
	assert_int_equal(got.stock, ITEM_NO_STOCK);
	assert_int_equal(got.season_start, ITEM_NO_SEASON);
	assert_int_equal(got.refill_days, 0);
	item_clear(&got);

	assert_int_equal(store_item_set_price(s, id, 0, &cause), 0);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.price, 0);
	item_clear(&got);

	/* Hostile text is data: stored and read back byte for byte. */
	put_item(s, "=HYPERLINK(\"http://evil.example\",\"x\")",
	    "Robert'); DROP TABLE offer;--", 100, &other);
	assert_true(other != id);
	assert_int_equal(store_item_get(s, other, &got, &cause), 1);
	assert_string_equal(got.sku, "=HYPERLINK(\"http://evil.example\",\"x\")");
	assert_string_equal(got.name, "Robert'); DROP TABLE offer;--");
	item_clear(&got);
	put_item(s, "\x1b]0;PWNED\x07", "\xe0\xa6\x86\xe0\xa6\xab "
	    "\x1b[31mRED a\tb\r\n", 1, &other);
	assert_int_equal(store_item_get(s, other, &got, &cause), 1);
	assert_string_equal(got.sku, "\x1b]0;PWNED\x07");
	assert_string_equal(got.name, "\xe0\xa6\x86\xe0\xa6\xab "
	    "\x1b[31mRED a\tb\r\n");
	item_clear(&got);

	/* A brand tier outside 1..3 is refused by the schema. */
	memset(&it, 0, sizeof it);
	it.sku = (char *)"BAD";
	it.name = (char *)"Bad";
	it.brand_tier = 4;
	it.stock = ITEM_NO_STOCK;
	cause = NULL;
	assert_int_equal(store_item_put(s, &it, &id2, &cause), -1);
	assert_non_null(cause);
	assert_clean(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_item_id(s, "BAD", &id2, &cause), 0);

	/* And the offer table survived Robert. */
	{
		struct store_stats st;
		assert_int_equal(store_stats(s, &st, &cause), 0);
		assert_int_equal(st.items, 3);
		assert_int_equal(st.offers, 0);
	}
	store_close(&s);
}

/* ---- customers ------------------------------------------------------------ */

static void
test_customers(void **state)
{
	struct store	*s;
	struct customer	 c, got;
	const char	*path = util_tmp_path("cust.db");
	char		*cause = NULL;
	int64_t		 id, id2 = 0;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	assert_int_equal(store_customer_id(s, "C0001", &id, &cause), 0);
	assert_int_equal(store_customer_get(s, 1, &got, &cause), 0);

	memset(&c, 0, sizeof c);
	c.code = (char *)"C0001";
	c.name = (char *)"Anika Rahman";
	c.phone = (char *)"+44 7700 900590";
	c.email = (char *)"anika.rahman@example.org";
	c.loyalty = (char *)"L-193257";
	c.lang = (char *)"bn";
	c.segment = (char *)"Gold";
	c.country = (char *)"United Kingdom";
	c.consent = CONSENT_YES;
	assert_int_equal(store_customer_put(s, &c, &id, &cause), 0);
	assert_int_equal(store_customer_id(s, "C0001", &id2, &cause), 1);
	assert_int_equal(id2, id);
	assert_int_equal(store_customer_get(s, id, &got, &cause), 1);
	assert_int_equal(got.id, id);
	assert_string_equal(got.code, "C0001");
	assert_string_equal(got.name, "Anika Rahman");
	assert_string_equal(got.phone, "+44 7700 900590");
	assert_string_equal(got.email, "anika.rahman@example.org");
	assert_string_equal(got.loyalty, "L-193257");
	assert_string_equal(got.lang, "bn");
	assert_string_equal(got.segment, "Gold");
	assert_string_equal(got.country, "United Kingdom");
	assert_int_equal(got.consent, CONSENT_YES);
	customer_clear(&got);

	/* Update by code: the id stays, cleared fields become NULL. */
	memset(&c, 0, sizeof c);
	c.code = (char *)"C0001";
	c.name = (char *)"Anika R.";
	assert_int_equal(store_customer_put(s, &c, &id2, &cause), 0);
	assert_int_equal(id2, id);
	assert_int_equal(store_customer_get(s, id, &got, &cause), 1);
	assert_string_equal(got.name, "Anika R.");
	assert_null(got.phone);
	assert_null(got.email);
	assert_null(got.loyalty);
	assert_int_equal(got.consent, CONSENT_NO);
	customer_clear(&got);

	/* A customer needs a code. */
	memset(&c, 0, sizeof c);
	c.name = (char *)"No Code";
	cause = NULL;
	assert_int_equal(store_customer_put(s, &c, &id2, &cause), -1);
	assert_non_null(cause);
	assert_clean(cause);
	free(cause);
	cause = NULL;

	/* A NULL name is stored as "". */
	memset(&c, 0, sizeof c);
	c.code = (char *)"17850";
	assert_int_equal(store_customer_put(s, &c, &id2, &cause), 0);
	assert_true(id2 != id);
	assert_int_equal(store_customer_get(s, id2, &got, &cause), 1);
	assert_string_equal(got.name, "");
	customer_clear(&got);
	store_close(&s);
}

/* Find text; the codes found, joined with ',' (static buffer). */
static const char *
find(struct store *s, const char *text, size_t limit)
{
	static char	 out[512];
	struct customer	*list = (struct customer *)1;
	char		*cause = NULL;
	size_t		 n = 99, i;

	if (store_customers_find(s, text, limit, &list, &n, &cause) != 0)
		fail_msg("store_customers_find: %s", cause);
	out[0] = '\0';
	if (n == 0)
		assert_null(list);
	for (i = 0; i < n; i++) {
		assert_true(i < limit);
		strncat(out, i ? "," : "", sizeof out - strlen(out) - 1);
		strncat(out, list[i].code, sizeof out - strlen(out) - 1);
	}
	store_customers_free(&list, n);
	assert_null(list);
	return out;
}

static void
test_customers_find(void **state)
{
	struct store	*s;
	struct customer	*list = NULL;
	const char	*path = util_tmp_path("find.db");
	char		*cause = NULL;
	size_t		 n = 7;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	/* Degenerate: nothing in, nothing out. */
	assert_int_equal(store_customers_find(s, "x", 10, &list, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	assert_null(list);

	put_customer(s, "C0001", "Anika Rahman", "+44 7700 900590", "L-193257");
	put_customer(s, "C0002", "Emma Clarke", "+44 7700 900540", "L-182587");
	put_customer(s, "C0003", "Mark Young", "01632 960123", NULL);
	put_customer(s, "C0004", "100% Cotton Ltd", NULL, NULL);
	put_customer(s, "C0005", "a_b trading", NULL, NULL);
	put_customer(s, "C0006", "axb trading", NULL, NULL);
	put_customer(s, "C0007", "back\\slash shop", NULL, NULL);
	put_customer(s, "C0008", "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e",
	    "(0)20 7946 0018", NULL);
	put_customer(s, "T3", "Tess Three", NULL, NULL);
	put_customer(s, "T1", "Tess One", NULL, NULL);
	put_customer(s, "T2", "Tess Two", NULL, NULL);
	put_customer(s, "T4", "Tess Four", NULL, NULL);
	put_customer(s, "T5", "Tess Five", NULL, NULL);

	/* Empty text and a zero limit find nothing. */
	n = 7;
	assert_int_equal(store_customers_find(s, "", 10, &list, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(list);
	n = 7;
	assert_int_equal(store_customers_find(s, NULL, 10, &list, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	n = 7;
	assert_int_equal(store_customers_find(s, "Anika", 0, &list, &n,
	    &cause), 0);
	assert_int_equal(n, 0);
	assert_null(list);

	/* Code and loyalty number, exactly. */
	assert_string_equal(find(s, "C0003", 10), "C0003");
	assert_string_equal(find(s, "c0003", 10), "");
	assert_string_equal(find(s, "L-182587", 10), "C0002");

	/* Exactly the last 4 digits of a phone number, or all of them;
	 * blanks and a zero-width space in the query do not matter; 3
	 * digits are not enough, and 5 or more trailing digits are not a
	 * phone search (issue 14: they gave the number away digit by
	 * digit). */
	assert_string_equal(find(s, "0590", 10), "C0001");
	assert_string_equal(find(s, "05 90", 10), "C0001");
	assert_string_equal(find(s, "05-90", 10), "C0001");
	assert_string_equal(find(s, "05\xe2\x80\x8b" "90", 10), "C0001");
	assert_string_equal(find(s, "+44 7700 900590", 10), "C0001");
	assert_string_equal(find(s, "447700900590", 10), "C0001");
	assert_string_equal(find(s, "0540", 10), "C0002");
	assert_string_equal(find(s, "0123", 10), "C0003");
	assert_string_equal(find(s, "0018", 10), "C0008");
	assert_string_equal(find(s, "900 590", 10), "");
	assert_string_equal(find(s, "960123", 10), "");
	assert_string_equal(find(s, "7700900590", 10), "");
	assert_string_equal(find(s, "590", 10), "");
	assert_string_equal(find(s, "7700", 10), "");    /* not the end */
	assert_string_equal(find(s, "1900590", 10), ""); /* longer than it */

	/* Name prefix before name part, case-insensitive. */
	assert_string_equal(find(s, "ani", 10), "C0001");
	assert_string_equal(find(s, "RAHMAN", 10), "C0001");
	assert_string_equal(find(s, "ma", 10), "C0003,C0001,C0002");
	assert_string_equal(find(s, "\xe5\xb0\x8f\xe6\x98\x8e", 10), "C0008");

	/* LIKE wildcards are plain characters. */
	assert_string_equal(find(s, "%", 10), "C0004");
	assert_string_equal(find(s, "%%", 10), "");
	assert_string_equal(find(s, "_", 10), "C0005");
	assert_string_equal(find(s, "a_b", 10), "C0005");
	assert_string_equal(find(s, "a%b", 10), "");
	assert_string_equal(find(s, "\\", 10), "C0007");
	assert_string_equal(find(s, "'", 10), "");

	/* The limit, and the order by name within one rank. */
	assert_string_equal(find(s, "tess", 3), "T5,T4,T1");
	assert_string_equal(find(s, "tess", 100), "T5,T4,T1,T3,T2");
	assert_string_equal(find(s, "tess", 1), "T5");
	store_close(&s);
}

/* ---- orders and history ---------------------------------------------------- */

static int64_t
add_order(struct store *s, const char *code, int64_t cust, int64_t at,
    int kind)
{
	struct order	 o;
	char		*cause = NULL;
	int64_t		 id = 0;

	memset(&o, 0, sizeof o);
	o.code = (char *)code;
	o.customer_id = cust;
	o.at = at;
	o.kind = kind;
	o.source = (char *)"test";
	if (store_order_add(s, &o, &id, &cause) != 0)
		fail_msg("store_order_add %s: %s", code, cause);
	assert_true(id > 0);
	return id;
}

static void
add_line(struct store *s, int64_t oid, int line, int64_t item, int64_t qty,
    int64_t price, const char *descr)
{
	char	*cause = NULL;

	if (store_line_add(s, oid, line, item, qty, price, descr, &cause) != 0)
		fail_msg("store_line_add: %s", cause);
}

static void
test_history(void **state)
{
	struct store	*s;
	struct history	 h;
	const char	*path = util_tmp_path("hist.db");
	char		*cause = NULL;
	int64_t		 a, b, i1, i2, o1, o2, o3, o4, o5, id;
	int64_t		 t1, t2, t3;
	struct order	 dup;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	t1 = civil_days(2024, 1, 5) * CIVIL_DAY + 10 * 3600;
	t2 = civil_days(2024, 2, 9) * CIVIL_DAY + 16 * 3600;
	t3 = civil_days(2024, 2, 20) * CIVIL_DAY + 9 * 3600;
	a = put_customer(s, "A", "Alice", NULL, NULL);
	b = put_customer(s, "B", "Bob", NULL, NULL);
	put_item(s, "I1", "Soap", 200, &i1);
	put_item(s, "I2", "Towel", 500, &i2);

	/* Degenerate: nobody has bought anything yet. */
	memset(&h, 0x55, sizeof h);
	assert_int_equal(store_history(s, a, 10, &h, &cause), 0);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.total_lines, 0);
	assert_int_equal(h.lifetime, 0);
	assert_int_equal(h.visits, 0);
	assert_int_equal(h.returns, 0);
	assert_int_equal(h.first_at, 0);
	assert_int_equal(h.last_at, 0);
	store_history_free(&h);

	o1 = add_order(s, "O1", a, t1, ORDER_SALE);
	add_line(s, o1, 1, i1, 2, 200, NULL);
	add_line(s, o1, 2, i2, 1, 500, "Towel, gift wrapped");
	o2 = add_order(s, "O2", a, t2, ORDER_SALE);
	add_line(s, o2, 1, i1, 1, 200, NULL);
	o3 = add_order(s, "O3", a, t3, ORDER_RETURN);
	add_line(s, o3, 1, i2, -1, 500, NULL);
	o4 = add_order(s, "O4", b, t2, ORDER_SALE);
	add_line(s, o4, 1, i1, 10, 200, NULL);
	o5 = add_order(s, "O5", 0, t2, ORDER_SALE);       /* walk-in */
	add_line(s, o5, 1, i2, 3, 500, NULL);

	assert_int_equal(store_order_id(s, "O3", &id, &cause), 1);
	assert_int_equal(id, o3);
	assert_int_equal(store_order_id(s, "O9", &id, &cause), 0);
	/* An order code is unique; a line number within an order too. */
	memset(&dup, 0, sizeof dup);
	dup.code = (char *)"O1";
	dup.at = t1;
	cause = NULL;
	assert_int_equal(store_order_add(s, &dup, &id, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_line_add(s, o1, 1, i2, 1, 1, NULL, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;

	assert_int_equal(store_history(s, a, 10, &h, &cause), 0);
	assert_int_equal(h.total_lines, 4);
	assert_int_equal(h.n, 4);
	assert_int_equal(h.lifetime, 2 * 200 + 500 + 200 - 500);
	assert_int_equal(h.visits, 2);
	assert_int_equal(h.returns, 1);
	assert_int_equal(h.first_at, t1);
	assert_int_equal(h.last_at, t2);        /* the last sale, not return */
	/* Newest first; lines of one order in line order. */
	assert_string_equal(h.lines[0].order_code, "O3");
	assert_int_equal(h.lines[0].kind, ORDER_RETURN);
	assert_int_equal(h.lines[0].at, t3);
	assert_string_equal(h.lines[0].sku, "I2");
	assert_string_equal(h.lines[0].name, "Towel");
	assert_int_equal(h.lines[0].qty, -1);
	assert_int_equal(h.lines[0].amount, -500);
	assert_string_equal(h.lines[1].order_code, "O2");
	assert_int_equal(h.lines[1].kind, ORDER_SALE);
	assert_string_equal(h.lines[2].order_code, "O1");
	assert_string_equal(h.lines[2].sku, "I1");
	assert_int_equal(h.lines[2].qty, 2);
	assert_int_equal(h.lines[2].unit_price, 200);
	assert_int_equal(h.lines[2].amount, 400);
	assert_string_equal(h.lines[3].order_code, "O1");
	assert_string_equal(h.lines[3].name, "Towel, gift wrapped");
	store_history_free(&h);
	assert_null(h.lines);
	assert_int_equal(h.n, 0);

	/* A limit cuts the lines, never the totals. */
	assert_int_equal(store_history(s, a, 2, &h, &cause), 0);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.total_lines, 4);
	assert_int_equal(h.lifetime, 600);
	assert_string_equal(h.lines[1].order_code, "O2");
	store_history_free(&h);
	assert_int_equal(store_history(s, a, 0, &h, &cause), 0);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.visits, 2);
	store_history_free(&h);

	/* Other customers' and walk-in orders do not leak in. */
	assert_int_equal(store_history(s, b, 10, &h, &cause), 0);
	assert_int_equal(h.total_lines, 1);
	assert_int_equal(h.lifetime, 2000);
	assert_int_equal(h.visits, 1);
	assert_int_equal(h.returns, 0);
	assert_int_equal(h.first_at, t2);
	assert_int_equal(h.last_at, t2);
	store_history_free(&h);
	assert_int_equal(store_history(s, 9999, 10, &h, &cause), 0);
	assert_int_equal(h.n, 0);
	assert_int_equal(h.lifetime, 0);
	store_history_free(&h);
	assert_int_equal(store_history(s, 0, 10, &h, &cause), 0);
	assert_int_equal(h.total_lines, 0);
	store_history_free(&h);
	store_close(&s);
}

/* What a customer buys most: products only; a service (postage on
 * every order) counts in the money but is never among the most bought. */
static void
test_profile_leaves_services_out(void **state)
{
	struct store	*s;
	struct profile	 p;
	const char	*path = util_tmp_path("profile.db");
	char		*cause = NULL;
	int64_t		 a, soap, post, o, t;
	int		 k;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	a = put_customer(s, "A", "Alice", NULL, NULL);
	put_item(s, "SOAP", "Soap", 200, &soap);
	put_item(s, "POST", "POSTAGE", 1800, &post);
	t = civil_days(2024, 3, 1) * CIVIL_DAY;
	for (k = 0; k < 3; k++) {
		char code[8];
		snprintf(code, sizeof code, "O%d", k);
		o = add_order(s, code, a, t + k * CIVIL_DAY, ORDER_SALE);
		add_line(s, o, 1, post, 1, 1800, NULL);
		if (k == 0)
			add_line(s, o, 2, soap, 2, 200, NULL);
	}
	/* As a product, postage is what she buys most ... */
	assert_int_equal(store_profile(s, a, t + 5 * CIVIL_DAY, &p, &cause),
	    0);
	assert_int_equal(p.ntop, 2);
	assert_string_equal(p.top[0].sku, "POST");
	assert_int_equal(p.top[0].orders, 3);
	store_profile_free(&p);
	/* ... as a service, never; the money stays the same. */
	assert_int_equal(store_item_set_kind(s, post, ITEM_SERVICE, &cause),
	    0);
	assert_int_equal(store_profile(s, a, t + 5 * CIVIL_DAY, &p, &cause),
	    0);
	assert_int_equal(p.ntop, 1);
	assert_string_equal(p.top[0].sku, "SOAP");
	assert_int_equal(p.top[0].orders, 1);
	assert_int_equal(p.top[0].qty, 2);
	assert_int_equal(p.month_spend[PROFILE_MONTHS - 1], 3 * 1800 + 400);
	store_profile_free(&p);
	store_close(&s);
}

/* An item's kind: stored, read back, kept on request, refused if not 0/1. */
static void
test_item_kind(void **state)
{
	struct store	*s;
	struct item	 it, got;
	const char	*path = util_tmp_path("kind.db");
	char		*cause = NULL;
	int64_t		 id = 0, id2 = 0;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	/* a product unless said otherwise */
	put_item(s, "SOAP", "Soap", 200, &id);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_PRODUCT);
	assert_int_equal(got.refill_from_category, 0);
	item_clear(&got);

	memset(&it, 0, sizeof it);
	it.sku = (char *)"POST";
	it.name = (char *)"POSTAGE";
	it.price = 1800;
	it.stock = ITEM_NO_STOCK;
	it.kind = ITEM_SERVICE;
	assert_int_equal(store_item_put(s, &it, &id, &cause), 0);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_SERVICE);
	item_clear(&got);
	/* STORE_KIND_KEEP keeps it, with the other fields replaced */
	it.kind = STORE_KIND_KEEP;
	it.price = 1500;
	assert_int_equal(store_item_put(s, &it, &id2, &cause), 0);
	assert_int_equal(id2, id);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_SERVICE);
	assert_int_equal(got.price, 1500);
	item_clear(&got);
	/* an explicit product makes it one */
	it.kind = ITEM_PRODUCT;
	assert_int_equal(store_item_put(s, &it, &id2, &cause), 0);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_PRODUCT);
	item_clear(&got);
	assert_int_equal(store_item_set_kind(s, id, ITEM_SERVICE, &cause), 0);
	assert_int_equal(store_item_get(s, id, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_SERVICE);
	item_clear(&got);
	/* a new item put with STORE_KIND_KEEP is a product */
	it.sku = (char *)"NEW";
	it.kind = STORE_KIND_KEEP;
	assert_int_equal(store_item_put(s, &it, &id2, &cause), 0);
	assert_int_equal(store_item_get(s, id2, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_PRODUCT);
	item_clear(&got);
	store_close(&s);
	/* the schema refuses any other kind */
	if (util_run(NULL, "command -v sqlite3 >/dev/null 2>&1") != 0)
		skip();
	{
		char *q = util_shquote(path);
		assert_int_not_equal(util_run(NULL, "sqlite3 %s 'UPDATE item"
		    " SET kind = 2' 2>/dev/null", q), 0);
		free(q);
	}
}

/* Categories and their refill rhythm: added, updated, listed by name. */
static void
test_categories(void **state)
{
	struct store	*s;
	struct category	 c, *list = NULL;
	const char	*path = util_tmp_path("cat.db");
	char		*cause = NULL;
	size_t		 n = 99;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	/* degenerate: none */
	assert_int_equal(store_categories(s, &list, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(list);
	store_categories_free(&list, n);

	memset(&c, 0, sizeof c);
	c.name = (char *)"personal care";
	c.refill_days = 30;
	assert_int_equal(store_category_put(s, &c, &cause), 1);
	c.name = (char *)"grocery";
	c.refill_days = 21;
	assert_int_equal(store_category_put(s, &c, &cause), 1);
	c.name = (char *)"Grocery";     /* another name: names are exact */
	c.refill_days = 0;              /* none */
	assert_int_equal(store_category_put(s, &c, &cause), 1);
	c.name = (char *)"grocery";
	c.refill_days = 14;
	assert_int_equal(store_category_put(s, &c, &cause), 0);

	assert_int_equal(store_categories(s, &list, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Grocery");
	assert_int_equal(list[0].refill_days, 0);
	assert_string_equal(list[1].name, "grocery");
	assert_int_equal(list[1].refill_days, 14);
	assert_string_equal(list[2].name, "personal care");
	assert_int_equal(list[2].refill_days, 30);
	store_categories_free(&list, n);
	assert_null(list);

	/* the schema refuses a rhythm outside 1..3650 */
	c.name = (char *)"x";
	c.refill_days = 3651;
	cause = NULL;
	assert_int_equal(store_category_put(s, &c, &cause), -1);
	assert_non_null(cause);
	assert_clean(cause);
	free(cause);
	store_close(&s);
}

/*
 * A version 6 database (before item kinds and categories) is brought to
 * version 7 on open, its items kept, all of them products, and takes
 * services and categories afterwards.
 */
/* What migration 8 -> 9 (the chain's, store_sync.c) adds, undone. */
#define UNDO_SCHEMA_9 \
	"DROP TRIGGER chain_offer_changed; DROP TRIGGER chain_orders_changed;" \
	" DROP TRIGGER chain_item_changed; DROP TRIGGER chain_customer_changed;" \
	" DROP TRIGGER chain_item_owned; DROP TRIGGER chain_benefit_owned;" \
	" DROP TRIGGER chain_benefit_kept; DROP TRIGGER chain_bundle_owned;" \
	" DROP TRIGGER chain_bundle_items; DROP TRIGGER chain_script_owned;" \
	" DROP TRIGGER chain_script_kept; DROP TRIGGER chain_category_owned;" \
	" DROP TRIGGER chain_customer_owned; DROP TRIGGER chain_model_insert;" \
	" DROP TRIGGER chain_model_update; DROP TRIGGER chain_model_delete;" \
	" DROP TABLE chain_mark; DROP TABLE chain_state; DROP TABLE chain_link;" \
	" DROP TABLE chain_changed; DROP TABLE chain_sku;" \
	" DROP TABLE chain_category; DROP TABLE chain_writer; "

static void
test_migrate_from_6(void **state)
{
	struct store	*s;
	struct item	 got;
	struct category	 c, *list = NULL;
	const char	*path = util_tmp_path("v6.db");
	char		*cause = NULL;
	int64_t		 soap, post;
	size_t		 n;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	put_item(s, "SOAP", "Soap", 200, &soap);
	put_item(s, "POST", "POSTAGE", 1800, &post);
	store_close(&s);
	assert_int_equal(header_u32(path, 60), STORE_SCHEMA_VERSION);
	/* as version 6 made it (without version 10's booking columns and
	 * version 9's chain tables first) */
	sqlite3_cli(path, UNDO_SCHEMA_9 "DROP INDEX offer_reservation;"
	    " ALTER TABLE room_type DROP COLUMN benefit_bn;"
	    " ALTER TABLE room_type DROP COLUMN benefit_gu;"
	    " ALTER TABLE offer DROP COLUMN undone;"
	    " ALTER TABLE offer DROP COLUMN addon_id;"
	    " ALTER TABLE reservation DROP COLUMN booked_rate;"
	    " ALTER TABLE reservation DROP COLUMN prior_type_id;"
	    " ALTER TABLE reservation DROP COLUMN moved_on;"
	    " DROP TRIGGER audit_chained; DROP INDEX offer_jkey;"
	    " ALTER TABLE offer DROP COLUMN jkey; DROP TABLE suppressed;"
	    " ALTER TABLE audit DROP COLUMN prev;"
	    " ALTER TABLE audit DROP COLUMN hash;"
	    " DELETE FROM meta WHERE key IN ('hash_key', 'audit_head');"
	    " ALTER TABLE item DROP COLUMN kind;"
	    " DROP TABLE category; PRAGMA user_version = 6;");
	assert_int_equal(header_u32(path, 60), 6);

	s = open_ok(path, 0);
	assert_int_equal(store_item_get(s, post, &got, &cause), 1);
	assert_string_equal(got.name, "POSTAGE");
	assert_int_equal(got.price, 1800);
	assert_int_equal(got.kind, ITEM_PRODUCT);
	item_clear(&got);
	assert_int_equal(store_item_set_kind(s, post, ITEM_SERVICE, &cause), 0);
	assert_int_equal(store_item_get(s, post, &got, &cause), 1);
	assert_int_equal(got.kind, ITEM_SERVICE);
	item_clear(&got);
	memset(&c, 0, sizeof c);
	c.name = (char *)"grocery";
	c.refill_days = 21;
	assert_int_equal(store_category_put(s, &c, &cause), 1);
	assert_int_equal(store_categories(s, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	store_categories_free(&list, n);
	store_close(&s);
	/* closed, the header holds the version (open had it in the WAL) */
	assert_int_equal(header_u32(path, 60), STORE_SCHEMA_VERSION);
}

static void
test_lines_batch(void **state)
{
	struct store		*s;
	struct store_stats	 st;
	struct order_line_rec	 v[70];
	struct history		 h;
	const char		*path = util_tmp_path("batch.db");
	char			*cause = NULL;
	int64_t			 c, item, oid;
	int			 i;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	c = put_customer(s, "C", "Carol", NULL, NULL);
	put_item(s, "X", "Thing", 100, &item);
	oid = add_order(s, "BIG", c, 1000, ORDER_SALE);
	assert_int_equal(store_lines_add(s, v, 0, &cause), 0);
	for (i = 0; i < 70; i++) {
		v[i].order_id = oid;
		v[i].line = i + 1;
		v[i].item_id = item;
		v[i].qty = 1;
		v[i].unit_price = i;
		v[i].descr = i == 40 ? "forty" : NULL;
	}
	assert_int_equal(store_lines_add(s, v, 70, &cause), 0);
	assert_int_equal(store_stats(s, &st, &cause), 0);
	assert_int_equal(st.order_lines, 70);
	assert_int_equal(store_history(s, c, 100, &h, &cause), 0);
	assert_int_equal(h.n, 70);
	assert_int_equal(h.lifetime, 69 * 70 / 2);
	assert_string_equal(h.lines[40].name, "forty");
	assert_string_equal(h.lines[41].name, "Thing");
	store_history_free(&h);
	store_close(&s);
}

/* ---- hotels -------------------------------------------------------------- */

static void
test_hotels(void **state)
{
	struct store		*s;
	struct store_stats	 st;
	struct room_type	 rt;
	struct reservation	 r;
	const char		*path = util_tmp_path("hotel.db");
	char			*cause = NULL;
	int64_t			 h1, h2, t1, t2, id, rid;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	/* 1: created; 0: found. */
	assert_int_equal(store_hotel_put(s, "Riverside Hotel", &h1, &cause), 1);
	assert_int_equal(store_hotel_put(s, "Riverside Hotel", &h2, &cause), 0);
	assert_int_equal(h1, h2);
	assert_int_equal(store_hotel_put(s, "City Hotel", &h2, &cause), 1);
	assert_true(h1 != h2);

	assert_int_equal(store_room_type_id(s, h1, "STD", &id, &cause), 0);
	memset(&rt, 0, sizeof rt);
	rt.hotel_id = h1;
	rt.code = (char *)"STD";
	rt.name = (char *)"Standard";
	rt.tier = 1;
	rt.rate = 8900;
	assert_int_equal(store_room_type_put(s, &rt, &t1, &cause), 0);
	rt.name = (char *)"Standard double";
	assert_int_equal(store_room_type_put(s, &rt, &t2, &cause), 0);
	assert_int_equal(t1, t2);
	assert_int_equal(store_room_type_id(s, h1, "STD", &id, &cause), 1);
	assert_int_equal(id, t1);
	/* The same code in another hotel is another room type. */
	assert_int_equal(store_room_type_id(s, h2, "STD", &id, &cause), 0);
	rt.hotel_id = h2;
	assert_int_equal(store_room_type_put(s, &rt, &t2, &cause), 0);
	assert_true(t1 != t2);

	assert_int_equal(store_room_put(s, h1, "101", t1, &cause), 0);
	assert_int_equal(store_room_put(s, h1, "101", t1, &cause), 0);
	assert_int_equal(store_room_put(s, h1, "102", t1, &cause), 0);

	memset(&r, 0, sizeof r);
	r.hotel_id = h1;
	r.code = (char *)"RH-1";
	r.arrival = civil_days(2026, 11, 10);
	r.nights = 0;
	r.room_type_id = t1;
	r.rate = 8900;
	r.adults = 2;
	assert_int_equal(store_reservation_id(s, h1, "RH-1", &id, &cause), 0);
	assert_int_equal(store_reservation_add(s, &r, &rid, &cause), 0);
	assert_int_equal(store_reservation_id(s, h1, "RH-1", &id, &cause), 1);
	assert_int_equal(id, rid);
	cause = NULL;
	assert_int_equal(store_reservation_add(s, &r, &id, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	r.code = (char *)"RH-2";
	r.nights = -1;
	assert_int_equal(store_reservation_add(s, &r, &id, &cause), -1);
	free(cause);
	cause = NULL;

	assert_int_equal(store_stats(s, &st, &cause), 0);
	assert_int_equal(st.hotels, 2);
	assert_int_equal(st.room_types, 2);
	assert_int_equal(st.rooms, 2);
	assert_int_equal(st.reservations, 1);
	assert_int_equal(store_import_log(s, 0, "uplift", "x.csv", 1, 1,
	    &cause), 0);
	store_close(&s);
}

/* ---- transactions ------------------------------------------------------- */

static void
test_transactions(void **state)
{
	struct store		*s;
	struct store_stats	 st;
	const char		*path = util_tmp_path("tx.db");
	char			*cause = NULL;
	int64_t			 id, c;

	(void)state;
	s = open_ok(path, STORE_CREATE);
	memset(&st, 0x55, sizeof st);
	assert_int_equal(store_stats(s, &st, &cause), 0);
	assert_int_equal(st.customers + st.items + st.orders + st.order_lines +
	    st.hotels + st.room_types + st.rooms + st.reservations + st.offers,
	    0);

	/* Nothing open: rollback is silent, commit an error. */
	store_rollback(s);
	cause = NULL;
	assert_int_equal(store_commit(s, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;

	assert_int_equal(store_begin(s, &cause), 0);
	/* No nesting. */
	assert_int_equal(store_begin(s, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	c = put_customer(s, "C1", "Ann", NULL, NULL);
	put_item(s, "I1", "Soap", 100, &id);
	add_line(s, add_order(s, "O1", c, 0, ORDER_SALE), 1, id, 1, 100, NULL);
	assert_int_equal(store_set_currency(s, "GBP", 2, &cause), 0);
	assert_int_equal(store_stats(s, &st, &cause), 0);
	assert_int_equal(st.customers, 1);
	store_rollback(s);
	/* Rolled back: nothing is left. */
	assert_int_equal(store_stats(s, &st, &cause), 0);
	assert_int_equal(st.customers, 0);
	assert_int_equal(st.items, 0);
	assert_int_equal(st.orders, 0);
	assert_int_equal(st.order_lines, 0);
	assert_int_equal(store_customer_id(s, "C1", &id, &cause), 0);
	assert_int_equal(store_item_id(s, "I1", &id, &cause), 0);

	/* Committed: kept across a reopen. */
	assert_int_equal(store_begin(s, &cause), 0);
	put_customer(s, "C2", "Bo", NULL, NULL);
	assert_int_equal(store_commit(s, &cause), 0);
	store_close(&s);
	s = open_ok(path, 0);
	assert_int_equal(store_customer_id(s, "C2", &id, &cause), 1);
	assert_int_equal(store_customer_id(s, "C1", &id, &cause), 0);

	/* A transaction left open at close is not committed. */
	assert_int_equal(store_begin(s, &cause), 0);
	put_customer(s, "C3", "Cy", NULL, NULL);
	store_close(&s);
	s = open_ok(path, 0);
	assert_int_equal(store_customer_id(s, "C3", &id, &cause), 0);
	store_bulk_mode(s, 1);
	store_bulk_mode(s, 0);
	store_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_close_null),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_open_hostile_path),
		cmocka_unit_test(test_open_creates),
		cmocka_unit_test(test_open_empty_file),
		cmocka_unit_test(test_open_empty_sqlite),
		cmocka_unit_test(test_refuse_random),
		cmocka_unit_test(test_refuse_text),
		cmocka_unit_test(test_refuse_newer),
		cmocka_unit_test(test_own_files),
		cmocka_unit_test(test_refuse_other_app),
		cmocka_unit_test(test_refuse_directory),
		cmocka_unit_test(test_refuse_readonly_file),
		cmocka_unit_test(test_refuse_readonly_dir),
		cmocka_unit_test(test_refuse_damaged),
		cmocka_unit_test(test_check_background),
		cmocka_unit_test(test_currency),
		cmocka_unit_test(test_currency_rollback),
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_customers),
		cmocka_unit_test(test_customers_find),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_profile_leaves_services_out),
		cmocka_unit_test(test_item_kind),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_migrate_from_6),
		cmocka_unit_test(test_lines_batch),
		cmocka_unit_test(test_hotels),
		cmocka_unit_test(test_transactions),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup,
	    util_tmp_teardown);
}
