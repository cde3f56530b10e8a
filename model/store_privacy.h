/*
 * store_privacy — personal data in the store: keyed customer codes, the
 * suppression list, the audit log, a customer's data exported or erased,
 * a pseudonymised copy.
 *
 * Errors as store.h says: 0 on success, -1 with a malloc'd *cause;
 * lookups 1 found, 0 not.
 */
#ifndef UPLIFT_STORE_PRIVACY_H
#define UPLIFT_STORE_PRIVACY_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"

struct store;

/*
 * The code that stands for a customer id: when text is an email address
 * or a phone number (privacy_looks_personal), "P-" and 16 hex digits of
 * a keyed hash of it (HMAC-SHA-256 with the database's own secret, over
 * privacy_normal(text)), so that the same address always gets the same
 * code in this database and no list of guesses can be hashed without
 * the file; else a copy of text.  malloc'd; NULL for NULL.
 */
char *store_customer_code(const struct store *s, const char *text);

/*
 * Whether the customer code (as an import has it; an email address or
 * phone number counts as the code it becomes) belongs to an erased
 * customer: its keyed hash is on the suppression list that
 * store_customer_erase() writes.  1 yes, 0 no, -1 with *cause.
 */
int store_suppressed(struct store *s, const char *code, char **cause);

/*
 * Append to the audit log (append-only: the database refuses UPDATE and
 * DELETE on it, and an INSERT without its hash): who (clerk_id, 0 none),
 * what (action), on what (subject).  Never personal data: a customer is
 * "customer #ID".  Each row holds the hash of the row before it (prev)
 * and its own (SHA-256 over prev and its fields); meta audit_head keeps
 * the last id and hash, so that a row removed, changed or cut off the
 * end shows (store_check_audit).  In its own transaction, or in the
 * caller's.
 */
int store_audit_add(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause);

/*
 * Called with each row of a customer's data: the table ("customer",
 * "order_lines", "offers", "reservations", "addons"), n columns, their
 * names and text values (NULL for none), and which are whole numbers;
 * and once with n = -1 (and NULL arrays) as each table begins.
 * Money columns end in "_minor" (minor units of the database currency).
 */
typedef void (*store_export_fn)(void *arg, const char *table, int n,
    const char *const *cols, const char *const *vals, const int *nums);

/* Everything held about customer id, row by row to fn.  0 or -1. */
int store_customer_export(struct store *s, int64_t id, store_export_fn fn,
    void *arg, char **cause);

/*
 * Erase customer id: the personal fields cleared, the code replaced by
 * "erased-ID", the history kept under it (totals stay right) without the
 * orders' country, the old code's keyed hash put on the suppression list
 * (store_suppressed: no import brings the person back), an audit row
 * naming only the pseudonym — one transaction — then the WAL
 * checkpointed and emptied so that no copy of the old values stays in
 * the file or its -wal (secure_delete zeroes them in the pages).  Returns
 * 0; 1 when there is no such customer or it is erased already; 2 when
 * erased but another connection kept the WAL from being emptied; -1 on
 * error.  *cause says which.
 */
int store_customer_erase(struct store *s, int64_t id, int64_t clerk_id,
    int64_t at, char **cause);

/*
 * Make a copy of a shop's database fit for training: every customer's
 * name, phone, email and loyalty number replaced by made-up ones
 * ("Customer 12", "+00 0000 0012", customer12@example.invalid, "T-12"),
 * codes and history kept, the -wal emptied.  Only ever called on a
 * scratch copy.  0 or -1 with *cause.
 */
int store_pseudonymise(struct store *s, char **cause);

#endif
