/*
 * store_staff.c — the store's staff: clerks, their PINs and sign-in
 * attempts, the role the audit log gave them, and trainees' runs of the
 * training scenarios.
 */
#include "model/store_staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/store_impl.h"
#include "model/xalloc.h"

int
store_clerk_id(struct store *s, const char *name, int role, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_code_lookup(s, Q_CLERK_ID, name, id, cause)) != 0)
		return rc < 0 ? -1 : 0;
	/* one creation path: inserted unless another console did it a
	 * moment ago, and read back, in one transaction */
	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_CLERK_ADD)) == NULL) {
		store_fail(s, cause, "cannot add the clerk");
		store_rollback(s);
		return -1;
	}
	bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, role);
	rc = store_done(s, st, cause, "cannot add the clerk");
	store_end(s, st);
	if (rc != 0 || (rc = store_code_lookup(s, Q_CLERK_ID, name, id,
	    cause)) != 1) {
		if (rc == 0)
			*cause = xstrdup("cannot add the clerk");
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_clerk_get(struct store *s, const char *name, struct clerk_rec *c,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof *c);
	if ((st = store_stmt_get(s, Q_CLERK_GET)) == NULL)
		return store_fail(s, cause, "cannot read the staff");
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->name = col_text(st, 1);
		c->role = sqlite3_column_int(st, 2);
		c->pin_hash = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL :
		    col_text(st, 3);
		c->failed = sqlite3_column_int(st, 4);
		c->locked_until = sqlite3_column_int64(st, 5);
	}
	store_end(s, st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "cannot read the staff");
}

static void
clerk_row(sqlite3_stmt *st, void *p)
{
	struct clerk_rec *c = p;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->name = col_text(st, 1);
	c->role = sqlite3_column_int(st, 2);
	c->pin_hash = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL :
	    col_text(st, 3);
	c->failed = sqlite3_column_int(st, 4);
	c->locked_until = sqlite3_column_int64(st, 5);
}

static void
clerk_row_clear(void *p)
{
	clerk_rec_clear(p);
}

int
store_clerks(struct store *s, struct clerk_rec **out, size_t *n,
    char **cause)
{
	return store_list(s, Q_CLERKS, sizeof **out, clerk_row, clerk_row_clear,
	    (void **)out, n, cause, "cannot read the staff");
}

int
store_clerk_put(struct store *s, const char *name, int role,
    const char *pin_hash, char **cause)
{
	sqlite3_stmt *st;
	int rc, existed;
	int64_t id;

	if ((existed = store_code_lookup(s, Q_CLERK_ID, name, &id, cause)) < 0)
		return -1;
	if ((st = store_stmt_get(s, Q_CLERK_PUT)) == NULL)
		return store_fail(s, cause, "cannot save the clerk");
	bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, role);
	bind_text(st, 3, pin_hash);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save the clerk");
	return existed == 1;
}

int
store_clerk_try(struct store *s, int64_t id, int64_t now, int max,
    int64_t lock_seconds, int *failed, int64_t *locked_until, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*failed = 0;
	*locked_until = 0;
	if ((st = store_stmt_get(s, Q_CLERK_TRY)) == NULL)
		return store_fail(s, cause, "cannot save a sign-in");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, max);
	sqlite3_bind_int64(st, 4, lock_seconds);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*locked_until = sqlite3_column_int64(st, 1);
		if (*locked_until > now)
			*failed = max;
		else {
			*failed = sqlite3_column_int(st, 0);
			*locked_until = 0;
		}
		rc = sqlite3_step(st);
		store_end(s, st);
		if (rc != SQLITE_DONE)
			return store_fail(s, cause, "cannot save a sign-in");
		return 1;
	}
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a sign-in");
	/* no row changed: locked (or gone); say until when */
	if ((st = store_stmt_get(s, Q_CLERK_LOCK)) == NULL)
		return store_fail(s, cause, "cannot read the staff");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*locked_until = sqlite3_column_int64(st, 0);
	store_end(s, st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read the staff");
	return 0;
}

int
store_clerk_signed_in(struct store *s, int64_t id, int64_t now, int64_t mine,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_get(s, Q_CLERK_SIGNED_IN)) == NULL)
		return store_fail(s, cause, "cannot save a sign-in");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, mine);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a sign-in");
	return 0;
}

int
store_clerks_with_pin(struct store *s, char **cause)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	if ((st = store_stmt_get(s, Q_CLERKS_PIN)) == NULL)
		return store_fail(s, cause, "cannot read the staff");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	store_end(s, st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read the staff");
	return n;
}

int
store_training_add(struct store *s, const char *scenario, const char *trainee,
    int64_t at, int passed, int checks, int percent, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if ((st = store_stmt_get(s, Q_TRAINING_ADD)) == NULL) {
		store_fail(s, cause, "cannot save a training run");
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	bind_text(st, 1, scenario);
	bind_text(st, 2, trainee);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int(st, 4, passed);
	sqlite3_bind_int(st, 5, checks);
	sqlite3_bind_int(st, 6, percent);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE) {
		store_fail(s, cause, "cannot save a training run");
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	if (store_exec(s, "COMMIT", cause) != 0) {
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

static void
training_row(sqlite3_stmt *st, void *p)
{
	struct training_progress *r = p;

	r->scenario = col_text(st, 0);
	r->tries = sqlite3_column_int(st, 1);
	r->best = sqlite3_column_int(st, 2);
	r->last = sqlite3_column_int(st, 3);
	r->at = sqlite3_column_int64(st, 4);
}

static void
training_row_clear(void *p)
{
	free(((struct training_progress *)p)->scenario);
}

int
store_training_progress(struct store *s, const char *trainee,
    struct training_progress **out, size_t *n, char **cause)
{
	return store_collect_by_text(s, Q_TRAINING, trainee, sizeof **out,
	    training_row, training_row_clear, (void **)out, n, cause,
	    "cannot read the training runs");
}

void
store_training_progress_free(struct training_progress **p, size_t n)
{
	store_rows_free(p, n, sizeof **p, training_row_clear);
}

int
store_clerk_role_audited(struct store *s, const char *name, int role,
    char **cause)
{
	sqlite3_stmt *st;
	const char *r;
	int rc, want = CLERK_CLERK;

	if ((st = store_stmt_get(s, Q_ROLE_AUDITED)) == NULL)
		return store_fail(s, cause, "cannot read the audit log");
	bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = strrchr((const char *)sqlite3_column_text(st, 0), ' ');
		r = r != NULL ? r + 1 : "";
		want = strcmp(r, "manager") == 0 ? CLERK_MANAGER :
		    strcmp(r, "trainee") == 0 ? CLERK_TRAINEE : CLERK_CLERK;
	}
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the audit log");
	return role == want;
}
