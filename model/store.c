/*
 * store.c — the store's core: opening, checking and migrating the
 * database, the statement cache (store_sql.c holds the SQL), the helpers
 * every room shares, transactions, the currency and an import's keys.
 * The rooms: store_catalog.c, store_customers.c, store_orders.c,
 * store_offers.c, store_hotel.c (and store_hotel_sell.c), store_staff.c,
 * store_privacy.c, store_report.c; store_files.c checks the files,
 * store_schema.c holds the migrations.
 */
#include "model/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/money.h"
#include "model/store_impl.h"
#include "model/text.h"
#include "model/xalloc.h"

/* What a write error most likely means, for the message. */
static const char *
err_hint(struct store *s)
{
	int x = sqlite3_extended_errcode(s->db);

	if (x == SQLITE_FULL || x == SQLITE_IOERR_WRITE ||
	    x == SQLITE_IOERR_TRUNCATE || x == SQLITE_IOERR_SHMSIZE ||
	    x == SQLITE_IOERR_SHMMAP)
		return " (is the disk full?)";
	if (x == SQLITE_IOERR_FSYNC || x == SQLITE_IOERR_DIR_FSYNC)
		return " (the disk could not confirm the write)";
	return "";
}

int
store_fail(struct store *s, char **cause, const char *what)
{
	char *path = text_cleans(s->path, 60);

	*cause = xasprintf("%s: %s: %s%s", path, what, sqlite3_errmsg(s->db),
	    err_hint(s));
	free(path);
	return -1;
}

int
store_exec(struct store *s, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		char *path = text_cleans(s->path, 60);

		if (cause != NULL)       /* NULL: a ROLLBACK after a failure */
			*cause = xasprintf("%s: %s%s", path, err ? err :
			    "error", err_hint(s));
		free(path);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int
store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL);
}

void
store_end(struct store *s, sqlite3_stmt *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		if (s->stmt[i] == st) {
			sqlite3_reset(st);
			return;
		}
	sqlite3_finalize(st);
}

int
store_exec_ints(struct store *s, enum stmt_id q, const int64_t *arg,
    size_t narg, const char *what, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_get(s, q)) == NULL)
		return store_fail(s, cause, what);
	bind_ints(st, arg, narg);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, what);
	return 0;
}

int
store_exec_id(struct store *s, enum stmt_id id, int64_t row,
    const char *what, char **cause)
{
	return store_exec_ints(s, id, &row, 1, what, cause);
}

/* The first column of st's first row as text into buf; gives st back.
 * 0, or -1 when there is no row. */
static int
store_one_text(struct store *s, sqlite3_stmt *st, char *buf, size_t size)
{
	int rc = -1;

	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", t ? (const char *)t : "");
		rc = 0;
	}
	store_end(s, st);
	return rc;
}

int64_t
store_pragma_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (store_prepare(s->db, sql, &st) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	store_end(s, st);
	return v;
}

int
store_pragma_text(struct store *s, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (store_prepare(s->db, sql, &st) != SQLITE_OK)
		return -1;
	return store_one_text(s, st, buf, size);
}

int
store_meta_text(struct store *s, const char *key, char *buf, size_t size)
{
	sqlite3_stmt *st;

	buf[0] = '\0';
	if ((st = store_stmt_get(s, Q_META_GET)) == NULL)
		return -1;
	bind_text(st, 1, key);
	return store_one_text(s, st, buf, size);
}

/* Set a pragma and read it back; fail if the value did not take. */
static int
store_pragma_check(struct store *s, const char *set, const char *get,
    const char *want, char **cause)
{
	char got[32];

	if (store_exec(s, set, cause) != 0)
		return -1;
	if (store_pragma_text(s, get, got, sizeof got) != 0 ||
	    strcmp(got, want) != 0) {
		char *path = text_cleans(s->path, 60);
		*cause = xasprintf("%s: could not set %s (got '%s')", path,
		    set, got);
		free(path);
		return -1;
	}
	return 0;
}

static int
store_settings(struct store *s, char **cause)
{
	int on;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (store_search_functions(s) != 0)
		return store_fail(s, cause, "cannot set up the searches");
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK || !on ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on) !=
	    SQLITE_OK || on)
		return store_fail(s, cause, "cannot set defensive mode");
	/* A non-database file fails here, at the first statement. */
	if (store_exec(s, "SELECT count(*) FROM sqlite_schema", cause) != 0)
		return -1;
	if (store_pragma_check(s, "PRAGMA trusted_schema = OFF",
	    "PRAGMA trusted_schema", "0", cause) != 0 ||
	    store_pragma_check(s, "PRAGMA foreign_keys = ON",
	    "PRAGMA foreign_keys", "1", cause) != 0 ||
	    store_pragma_check(s, "PRAGMA secure_delete = ON",
	    "PRAGMA secure_delete", "1", cause) != 0)
		return -1;
	return 0;
}

/* For writing, once the file is known to be ours: WAL, full syncs. */
static int
store_settings_write(struct store *s, char **cause)
{
	int i;

	if (s->flags & STORE_READONLY)
		return 0;
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		char *path = text_cleans(s->path, 60);
		*cause = xasprintf("%s: the file is read-only (permission "
		    "denied); nothing can be saved", path);
		free(path);
		return -1;
	}
	/* The file, and so its -wal and -shm, private (rule 8). */
	if (chmod(s->path, 0600) != 0) {
		char *path = text_cleans(s->path, 60);
		*cause = xasprintf("%s: cannot make it private: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	/* Switching a new file to WAL takes an exclusive lock that SQLite
	 * does not wait for (no busy handler there): when another process
	 * opens the same new file at that moment, try again for as long as
	 * busy_timeout would wait. */
	for (i = 0; i < 500; i++) {
		if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL) != SQLITE_BUSY)
			break;
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	if (store_pragma_check(s, "PRAGMA journal_mode = WAL",
	    "PRAGMA journal_mode", "wal", cause) != 0 ||
	    store_pragma_check(s, "PRAGMA synchronous = FULL",
	    "PRAGMA synchronous", "2", cause) != 0)
		return -1;
	/* the three files, as SQLite has them open: ours and private */
	return store_own_open(s->path, cause);
}

static int
store_migrate(struct store *s, int64_t version, char **cause)
{
	char sql[64];

	/* the C parts of migrations, called from their SQL */
	if (sqlite3_create_function_v2(s->db, "uplift_upgrade_14", 0,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, s, store_upgrade_14, NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot prepare the upgrade");
	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/* Re-read under the write lock: another process may have migrated. */
	version = store_pragma_int(s, "PRAGMA user_version");
	if (version < 0) {
		store_fail(s, cause, "cannot read the schema version");
		goto fail;
	}
	for (; version < store_nmigrations; version++) {
		if (store_exec(s, store_migrations[version], cause) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    (int)version + 1);
		if (store_exec(s, sql, cause) != 0)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    STORE_APPLICATION_ID);
	if (store_exec(s, sql, cause) != 0 ||
	    store_exec(s, "COMMIT", cause) != 0)
		goto fail;
	sqlite3_create_function_v2(s->db, "uplift_upgrade_14", 0, SQLITE_UTF8,
	    NULL, NULL, NULL, NULL, NULL);
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_create_function_v2(s->db, "uplift_upgrade_14", 0, SQLITE_UTF8,
	    NULL, NULL, NULL, NULL, NULL);
	return -1;
}

static int
store_check(struct store *s, char **cause)
{
	int64_t appid, version, tables;
	char ok[128];
	char *path;

	appid = store_pragma_int(s, "PRAGMA application_id");
	version = store_pragma_int(s, "PRAGMA user_version");
	tables = store_pragma_int(s, "SELECT count(*) FROM sqlite_schema");
	path = text_cleans(s->path, 60);
	if (appid != STORE_APPLICATION_ID && !(appid == 0 && tables == 0)) {
		*cause = xasprintf("%s: not an uplift database", path);
		goto fail;
	}
	if (version > STORE_SCHEMA_VERSION) {
		*cause = xasprintf("%s: made by a newer uplift (schema %lld, "
		    "this one knows up to %d); upgrade uplift", path,
		    (long long)version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	/* Ours (or empty): only now may anything be changed. */
	if (store_settings_write(s, cause) != 0)
		goto fail;
	if (!(s->flags & STORE_NOCHECK) && tables > 0 &&
	    !store_checked(s->path, 0)) {
		if (store_quick_check(s->db, ok, sizeof ok) != 0) {
			*cause = xasprintf("%s: the database is damaged "
			    "(quick_check: %s); restore it from a backup",
			    path, ok[0] ? ok : sqlite3_errmsg(s->db));
			goto fail;
		}
		store_checked(s->path, 1);
	}
	if (version < STORE_SCHEMA_VERSION) {
		/* a migration writes: not before the file is known sound */
		if (store_check_wait(cause) != 0)
			goto fail;
		if (s->flags & STORE_READONLY) {
			*cause = xasprintf("%s: %s; open it once for writing "
			    "to initialise it", path, version == 0 ?
			    "not initialised" : "needs an upgrade");
			goto fail;
		}
		if (store_migrate(s, version, cause) != 0)
			goto fail;
	}
	free(path);
	return 0;
fail:
	free(path);
	return -1;
}

void
store_load_meta(struct store *s)
{
	char buf[16];

	s->currency[0] = '\0';
	s->scale = 2;
	if (store_meta_text(s, "currency", buf, sizeof buf) == 0 &&
	    strlen(buf) == 3)
		memcpy(s->currency, buf, 4);
	if (store_meta_text(s, "scale", buf, sizeof buf) == 0 &&
	    buf[0] >= '0' && buf[0] <= '6')
		s->scale = buf[0] - '0';
	store_load_key(s);
}

int
store_open(struct store **out, const char *path, int flags, char **cause)
{
	struct store *s;
	struct stat sb;
	int oflags, fd;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->flags = flags;

	if (stat(path, &sb) != 0) {
		char *p = text_cleans(path, 60);
		if (errno != ENOENT || !(flags & STORE_CREATE) ||
		    (flags & STORE_READONLY)) {
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			goto fail;
		}
		free(p);
		if (store_mkparent(path, cause) != 0)
			goto fail;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			p = text_cleans(path, 60);
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			goto fail;
		}
		if (fd >= 0)
			close(fd);
	} else if (!S_ISREG(sb.st_mode)) {
		char *p = text_cleans(path, 60);
		*cause = xasprintf("%s: not a regular file", p);
		free(p);
		goto fail;
	}
	if (store_local_fs(path, cause) != 0)
		goto fail;
	if (!(flags & STORE_READONLY) && store_own_files(path, cause) != 0)
		goto fail;

	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	/* One connection per thread: no need for SQLite's own mutexes. */
	oflags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		if (s->db == NULL) {
			*cause = xstrdup("out of memory opening the database");
			goto fail;
		}
		store_fail(s, cause, "cannot open");
		goto fail;
	}
	if (store_settings(s, cause) != 0 || store_check(s, cause) != 0)
		goto fail;
	store_load_meta(s);
	*out = s;
	return 0;
fail:
	store_close(&s);
	return -1;
}

void
store_close(struct store **sp)
{
	struct store *s = *sp;
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db != NULL)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s->lines_sql);
	free(s);
	*sp = NULL;
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

static char *
lines_batch_sql(void)
{
	char *sql = xstrdup("INSERT INTO order_line(order_id, line, item_id,"
	    " qty, unit_price, descr) VALUES "), *t;
	int i;

	for (i = 0; i < LINE_BATCH; i++) {
		t = xasprintf("%s%s(?,?,?,?,?,?)", sql, i ? "," : "");
		free(sql);
		sql = t;
	}
	return sql;
}

sqlite3_stmt *
store_stmt_get(struct store *s, enum stmt_id id)
{
	sqlite3_stmt *st = s->stmt[id];

	if (st == NULL) {
		const char *sql = stmt_sql[id];
		if (id == Q_LINES_ADD) {
			if (s->lines_sql == NULL)
				s->lines_sql = lines_batch_sql();
			sql = s->lines_sql;
		}
		if (sqlite3_prepare_v3(s->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
			return NULL;
		s->stmt[id] = st;
	} else {
		/* as new: unbound parameters are NULL */
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	return st;
}

sqlite3_stmt *
store_stmt(struct store *s, enum stmt_id id, char **cause)
{
	sqlite3_stmt *st = store_stmt_get(s, id);

	if (st == NULL)
		store_fail(s, cause, "cannot prepare a statement");
	return st;
}

/* Step a statement that returns nothing; 0 or -1 with cause. */
int
store_done(struct store *s, sqlite3_stmt *st, char **cause, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, cause, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* Step a lookup returning one id: 1 found, 0 not, -1 error. */
int
store_lookup(struct store *s, sqlite3_stmt *st, int64_t *id, char **cause)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "lookup failed");
}

/* Step an INSERT ... RETURNING id: 0 and *id, or -1 with one *cause. */
int
store_put_result(struct store *s, sqlite3_stmt *st, int64_t *id,
    char **cause, const char *what)
{
	int rc = store_lookup(s, st, id, cause);

	if (rc == 1)
		return 0;
	if (rc == 0)
		return store_fail(s, cause, what);
	return -1;    /* *cause set by store_lookup */
}

/* The id of the row whose one text key is code: 1, 0 or -1. */
int
store_code_lookup(struct store *s, enum stmt_id q, const char *code,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, q, cause);

	if (st == NULL)
		return -1;
	bind_text(st, 1, code);
	return store_lookup(s, st, id, cause);
}

int
store_begin(struct store *s, char **cause)
{
	if (store_check_wait(cause) != 0)
		return -1;
	return store_exec(s, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *s, char **cause)
{
	if (store_exec(s, "COMMIT", cause) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	store_load_meta(s);     /* a currency set in it is gone too */
}

int
store_abandon(struct store *s, sqlite3_stmt *st, char **cause,
    const char *what)
{
	store_fail(s, cause, what);
	store_end(s, st);
	store_rollback(s);
	return -1;
}

int
store_exec_commit(struct store *s, enum stmt_id q, const int64_t *arg,
    size_t narg, const char *what, char **cause)
{
	if (store_exec_ints(s, q, arg, narg, what, cause) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_data_version(struct store *s, int64_t *v)
{
	sqlite3_stmt *st;
	int rc;

	/* PRAGMA data_version: changes when another connection commits;
	 * this one's own writes leave it as it is */
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

void
store_bulk_mode(struct store *s, int on)
{
	/* a bounded page cache (dirty pages spill to the -wal), temporary
	 * tables on disk; the keys an import has seen go */
	sqlite3_exec(s->db, on ? "PRAGMA cache_size = -16384;"
	    " PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -4096" :
	    "PRAGMA cache_size = -2000; DROP TABLE IF EXISTS temp.import_seen",
	    NULL, NULL, NULL);
}

int
store_seen(struct store *s, int ns, const char *key, int64_t line,
    int64_t *first, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS import_seen("
	    " ns INTEGER NOT NULL, key TEXT NOT NULL, line INTEGER NOT NULL,"
	    " PRIMARY KEY (ns, key)) WITHOUT ROWID", cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_SEEN)) == NULL)
		return store_fail(s, cause, "cannot check the keys");
	sqlite3_bind_int(st, 1, ns);
	bind_text(st, 2, key);
	sqlite3_bind_int64(st, 3, line);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*first = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot check the keys");
	return *first != line;
}

void
store_currency(const struct store *s, char cur[4], int *scale)
{
	memcpy(cur, s->currency, 4);
	*scale = s->scale;
}

int
store_set_currency(struct store *s, const char *cur, int scale, char **cause)
{
	sqlite3_stmt *st;
	char buf[2] = { (char)('0' + scale), '\0' };
	int own = sqlite3_get_autocommit(s->db), rc = -1;

	if (!money_currency_valid(cur) || scale < 0 || scale > MONEY_MAX_SCALE) {
		*cause = xstrdup("invalid currency code or scale");
		return -1;
	}
	if (s->currency[0] == '\0') {
		/* one creation path: under the write lock, read what another
		 * process may have set meanwhile, and insert only if nothing
		 * is there (the first import into a new file, twice at once) */
		if (own && store_begin(s, cause) != 0)
			return -1;
		store_load_meta(s);
		if (s->currency[0] == '\0') {
			if ((st = store_stmt_get(s, Q_META_SET)) == NULL) {
				store_fail(s, cause, "cannot set the currency");
				goto out;
			}
			bind_text(st, 1, cur);
			bind_text(st, 2, buf);
			rc = store_done(s, st, cause, "cannot set the currency");
			store_end(s, st);
			if (rc != 0)
				goto out;
			store_load_meta(s);
		}
		rc = 0;
		if (own)
			rc = store_commit(s, cause);
		if (rc != 0)
			goto out;
	}
	if (strcmp(s->currency, cur) == 0 && s->scale == scale)
		return 0;
	if (strcmp(s->currency, cur) == 0)
		*cause = xasprintf("the database keeps %s amounts with %d "
		    "decimals, this data needs %d", cur, s->scale, scale);
	else
		*cause = xasprintf("the database holds %s amounts; this data "
		    "is in %s", s->currency, cur);
	return -1;
out:
	if (own)
		store_rollback(s);
	return -1;
}
