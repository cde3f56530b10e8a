/*
 * store_staff — staff in the store: clerks, PINs and sign-in attempts, the
 * roles the audit log gave, and trainees' runs.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_STAFF_H
#define UPLIFT_STORE_STAFF_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "model/training.h"

struct store;

/*
 * The id of the clerk named name, creating them with role if they are new
 * (in its own transaction).  0 and *id, or -1 with *cause.
 */
int store_clerk_id(struct store *s, const char *name, int role, int64_t *id,
    char **cause);

/* The clerk named name: 1 found, 0 not, -1 error. */
int store_clerk_get(struct store *s, const char *name, struct clerk_rec *c,
    char **cause);

/* Every clerk, by name (each cleared with clerk_rec_clear(), then the
 * array freed). */
int store_clerks(struct store *s, struct clerk_rec **out, size_t *n,
    char **cause);

/* Add the clerk, or set their role (and PIN hash when not NULL), which
 * also unlocks them.  0 added, 1 updated, -1 error. */
int store_clerk_put(struct store *s, const char *name, int role,
    const char *pin_hash, char **cause);

/*
 * Count a sign-in attempt before its PIN is checked, in one statement,
 * so that attempts made at once from several terminals cannot each read
 * the same count: the clerk's wrong-PIN count goes up by one and, when
 * it reaches max, the clerk is locked until now + lock_seconds (and the
 * count starts again).  A correct PIN then calls store_clerk_signed_in(),
 * which clears both.  1 counted (*failed the attempts in a row, this one
 * included; *locked_until the lock this attempt set, else 0), 0 refused
 * because the clerk is locked (*locked_until the end of the lock), -1
 * error (the attempt may not be made).  now is wall-clock time, never a
 * --at clock.
 */
int store_clerk_try(struct store *s, int64_t id, int64_t now, int max,
    int64_t lock_seconds, int *failed, int64_t *locked_until, char **cause);

/* A correct PIN, counted by a store_clerk_try() at now that set the lock
 * mine (0: none): the wrong-PIN count is cleared, and so is that lock or
 * an expired one; a lock other tries set meanwhile stays.  0, or -1 with
 * *cause. */
int store_clerk_signed_in(struct store *s, int64_t id, int64_t now,
    int64_t mine, char **cause);

/* How many clerks have a PIN (0: staff sign-in is not in use yet), or
 * -1 with *cause. */
int store_clerks_with_pin(struct store *s, char **cause);

/* Record a trainee's run of a scenario (in the training store), in its own
 * transaction.  0 or -1 with *cause. */
int store_training_add(struct store *s, const char *scenario,
    const char *trainee, int64_t at, int passed, int checks, int percent,
    char **cause);

/* trainee's progress, one row per scenario tried, by id.  Free with
 * store_training_progress_free(). */
int store_training_progress(struct store *s, const char *trainee,
    struct training_progress **out, size_t *n, char **cause);
void store_training_progress_free(struct training_progress **p, size_t n);

/*
 * Whether clerk name's role is the one the audit log last gave them
 * (staff-add, role-change or pin-change "NAME: role"; a clerk with no
 * such row is a clerk): 1 yes, 0 no (changed outside uplift), -1 with
 * *cause.  Checked at every sign-in.
 */
int store_clerk_role_audited(struct store *s, const char *name, int role,
    char **cause);

#endif
