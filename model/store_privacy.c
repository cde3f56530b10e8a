/*
 * store_privacy.c — personal data in the store: keyed customer codes
 * and the suppression list, the hash-chained audit log, a customer's
 * data exported or erased, and a pseudonymised copy for training.
 */
#include "model/store_privacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hash.h"
#include "model/privacy.h"
#include "model/store_impl.h"
#include "model/xalloc.h"

/* 64 hex digits into key: 0, or -1 when hex is not that. */
static int
key_of_hex(const char *hex, unsigned char key[HASH_SIZE])
{
	size_t i;
	int hi, lo;

	if (strlen(hex) != 2 * HASH_SIZE)
		return -1;
	for (i = 0; i < HASH_SIZE; i++) {
		hi = hex[2 * i] <= '9' ? hex[2 * i] - '0' :
		    (hex[2 * i] | 0x20) - 'a' + 10;
		lo = hex[2 * i + 1] <= '9' ? hex[2 * i + 1] - '0' :
		    (hex[2 * i + 1] | 0x20) - 'a' + 10;
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
			return -1;
		key[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* The database's secret (meta hash_key, 64 hex digits) into s->key, and
 * once the file is a shop of a chain the chain's key of customer codes
 * (meta chain_code_key) into s->ckey. */
void
store_load_key(struct store *s)
{
	char hex[2 * HASH_SIZE + 8];

	s->have_key = s->have_ckey = 0;
	if (store_meta_text(s, "hash_key", hex, sizeof hex) != 0 ||
	    key_of_hex(hex, s->key) != 0)
		return;
	s->have_key = 1;
	if (store_meta_text(s, "chain_code_key", hex, sizeof hex) == 0 &&
	    key_of_hex(hex, s->ckey) == 0)
		s->have_ckey = 1;
}

/* The keyed hash (HMAC with key) of purpose and text, in hex. */
static void
keyed_with(const unsigned char key[HASH_SIZE], const char *purpose,
    const char *text, char out[HASH_HEX])
{
	unsigned char d[HASH_SIZE];
	char *msg = xasprintf("%s:%s", purpose, text);

	hash_hmac(key, HASH_SIZE, msg, strlen(msg), d);
	hash_hex(d, HASH_SIZE, out);
	free(msg);
}

/* The keyed hash (HMAC with the database's secret) of purpose and
 * text, in hex. */
void
store_keyed(const struct store *s, const char *purpose, const char *text,
    char out[HASH_HEX])
{
	keyed_with(s->key, purpose, text, out);
}

/* The code of a personal text (an email address, a phone number) with
 * key: "P-" and 16 hex digits. */
static char *
code_with(const unsigned char key[HASH_SIZE], const char *text)
{
	char hex[HASH_HEX], *norm = privacy_normal(text);

	keyed_with(key, "code", norm, hex);
	free(norm);
	return xasprintf("P-%.16s", hex);
}

char *
store_customer_code(const struct store *s, const char *text)
{
	if (text == NULL)
		return NULL;
	if (!s->have_key || privacy_looks_personal(text) == PRIVACY_NONE)
		return xstrdup(text);
	return code_with(s->have_ckey ? s->ckey : s->key, text);
}

int
store_code_candidates(const struct store *s, const char *text, char *out[2])
{
	if (text == NULL)
		return 0;
	out[0] = store_customer_code(s, text);
	if (!s->have_ckey || privacy_looks_personal(text) == PRIVACY_NONE)
		return 1;
	out[1] = code_with(s->key, text);
	return 2;
}

int
store_suppressed(struct store *s, const char *code, char **cause)
{
	sqlite3_stmt *st;
	char hex[HASH_HEX], *cand[2];
	int rc = SQLITE_DONE, i, n;

	if (!s->have_key)
		return 0;
	if ((st = store_stmt_get(s, Q_SUPPRESSED)) == NULL)
		return store_fail(s, cause, "cannot read the suppression list");
	n = store_code_candidates(s, code, cand);
	for (i = 0; i < n; i++) {
		if (rc == SQLITE_DONE) {
			store_keyed(s, "erased", cand[i], hex);
			sqlite3_reset(st);
			bind_text(st, 1, hex);
			rc = sqlite3_step(st);
		}
		free(cand[i]);
	}
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the suppression list");
	return rc == SQLITE_ROW;
}

int
store_code_kept(struct store *s, const char *text, char **code, char **cause)
{
	char *cand[2];
	int64_t id;
	int n, i, rc = 0, pick = 0;

	*code = NULL;
	if ((n = store_code_candidates(s, text, cand)) == 0)
		return 0;
	for (i = 0; n > 1 && i < n && rc == 0; i++)
		if ((rc = store_code_lookup(s, Q_CUST_ID, cand[i], &id,
		    cause)) == 1)
			pick = i;
	for (i = 0; i < n; i++)
		if (i != pick)
			free(cand[i]);
	*code = cand[pick];
	if (rc < 0) {
		xfree(code);
		return -1;
	}
	return 0;
}

/* One customer row of Q_REKEY_LIST (id, code, email, phone): when its
 * code is this file's code of its email address or phone number, it
 * takes key ck's code of it (up, Q_REKEY_SET).  0, or -1. */
static int
rekey_one(struct store *s, sqlite3_stmt *st, sqlite3_stmt *up,
    const unsigned char ck[HASH_SIZE], int64_t *rekeyed)
{
	const char *code = (const char *)sqlite3_column_text(st, 1);
	char *mine, *theirs;
	int k, rc;

	for (k = 2; k <= 3; k++) {
		const char *v = (const char *)sqlite3_column_text(st, k);

		if (v == NULL || privacy_looks_personal(v) == PRIVACY_NONE)
			continue;
		mine = code_with(s->key, v);
		rc = strcmp(mine, code);
		free(mine);
		if (rc != 0)
			continue;
		theirs = code_with(ck, v);
		sqlite3_reset(up);
		sqlite3_bind_int64(up, 1, sqlite3_column_int64(st, 0));
		bind_text(up, 2, theirs);
		rc = sqlite3_step(up);
		sqlite3_reset(up);
		free(theirs);
		if (rc != SQLITE_DONE)
			return -1;
		*rekeyed += sqlite3_changes(s->db);
		return 0;
	}
	return 0;
}

int
store_code_key_adopt(struct store *s, const char *hex, int64_t *rekeyed,
    char **cause)
{
	unsigned char ck[HASH_SIZE];
	sqlite3_stmt *st, *up;
	int rc;

	*rekeyed = 0;
	if (key_of_hex(hex, ck) != 0) {
		*cause = xstrdup("the chain's server sent no valid key for "
		    "customer codes (run uplift chain migrate as its owner)");
		return -1;
	}
	if (s->have_ckey) {
		if (memcmp(ck, s->ckey, HASH_SIZE) == 0)
			return 0;
		*cause = xstrdup("the chain's key of customer codes is not the "
		    "one this shop has (the chain's meta was changed?): ask "
		    "the chain's owner");
		return -1;
	}
	if (!s->have_key)
		return 0;               /* no keyed codes here at all */
	if ((st = store_stmt_get(s, Q_CHAIN_KEY_SET)) == NULL)
		return store_fail(s, cause, "cannot keep the chain's key");
	bind_text(st, 1, hex);
	if (store_done(s, st, cause, "cannot keep the chain's key") != 0)
		return -1;
	/* the customers whose code this file made of their email address or
	 * phone number (which it still holds) take the chain's code of it,
	 * so that they are the same person in every shop; the others keep
	 * theirs (both codes still find them, both are suppressed) */
	if ((st = store_stmt_get(s, Q_REKEY_LIST)) == NULL ||
	    (up = store_stmt_get(s, Q_REKEY_SET)) == NULL) {
		store_end(s, st);
		return store_fail(s, cause, "cannot rekey the customers");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (rekey_one(s, st, up, ck, rekeyed) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
	store_end(s, st);
	store_end(s, up);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot rekey the customers");
	memcpy(s->ckey, ck, HASH_SIZE);
	s->have_ckey = 1;
	return 0;
}

/* One field of an audit row into the hash: length-prefixed, so that no
 * two rows hash alike; NULL apart from "". */
static void
audit_put(struct hash_ctx *c, const char *v)
{
	char n[32];

	if (v == NULL) {
		hash_update(c, "N;", 2);
		return;
	}
	snprintf(n, sizeof n, "S%zu:", strlen(v));
	hash_update(c, n, strlen(n));
	hash_update(c, v, strlen(v));
	hash_update(c, ";", 1);
}

static void
audit_put_int(struct hash_ctx *c, int64_t v, int null)
{
	char n[32];

	if (null) {
		hash_update(c, "N;", 2);
		return;
	}
	snprintf(n, sizeof n, "I%lld;", (long long)v);
	hash_update(c, n, strlen(n));
}

/* The hash of audit row id: SHA-256 of the previous row's hash ("" for
 * the first) and the row's fields. */
void
store_audit_hash(const char *prev, int64_t id, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, const char *detail,
    char out[HASH_HEX])
{
	struct hash_ctx c;
	unsigned char d[HASH_SIZE];

	hash_init(&c);
	hash_update(&c, "uplift-audit-1;", 15);
	audit_put(&c, prev);
	audit_put_int(&c, id, 0);
	audit_put_int(&c, at, 0);
	audit_put_int(&c, clerk_id, clerk_id == 0);
	audit_put(&c, action);
	audit_put(&c, subject);
	audit_put(&c, detail);
	hash_final(&c, d);
	hash_hex(d, sizeof d, out);
}

/*
 * Append an audit row inside the open transaction: the next id, the
 * hash of the last row as its prev ("" for the first), its own hash;
 * meta audit_head becomes "ID HASH".  0, or -1 with *cause.
 */
int
store_audit_insert(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause)
{
	sqlite3_stmt *st;
	char prev[HASH_HEX] = "", hash[HASH_HEX], head[HASH_HEX + 32];
	int64_t id = 1;
	int rc;

	if ((st = store_stmt_get(s, Q_AUDIT_LAST)) == NULL)
		return store_fail(s, cause, "cannot write the audit log");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s",
		    (const char *)sqlite3_column_text(st, 1));
	}
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot write the audit log");
	store_audit_hash(prev, id, at, clerk_id, action, subject, NULL, hash);
	if ((st = store_stmt_get(s, Q_AUDIT_ADD)) == NULL)
		return store_fail(s, cause, "cannot write the audit log");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	if (clerk_id != 0)
		sqlite3_bind_int64(st, 3, clerk_id);
	else
		sqlite3_bind_null(st, 3);
	bind_text(st, 4, action);
	bind_text(st, 5, subject);
	bind_text(st, 6, prev);
	bind_text(st, 7, hash);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot write the audit log");
	snprintf(head, sizeof head, "%lld %s", (long long)id, hash);
	if ((st = store_stmt_get(s, Q_AUDIT_HEAD)) == NULL)
		return store_fail(s, cause, "cannot write the audit log");
	bind_text(st, 1, head);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot write the audit log");
	return 0;
}

/* The tables of store_customer_export(), and their statements. */
static const struct {
	const char  *table;
	enum stmt_id q;
} export_queries[] = {
	{ "customer", Q_EXPORT_CUSTOMER },
	{ "order_lines", Q_EXPORT_LINES },
	{ "offers", Q_EXPORT_OFFERS },
	{ "reservations", Q_EXPORT_RESERVATIONS },
	{ "addons", Q_EXPORT_ADDONS },
};

int
store_customer_export(struct store *s, int64_t id, store_export_fn fn,
    void *arg, char **cause)
{
	sqlite3_stmt *st;
	size_t q;
	int rc, n, i;

	for (q = 0; q < sizeof export_queries / sizeof export_queries[0];
	    q++) {
		if ((st = store_stmt_get(s, export_queries[q].q)) == NULL)
			return store_fail(s, cause, "cannot read the customer");
		sqlite3_bind_int64(st, 1, id);
		n = sqlite3_column_count(st);
		fn(arg, export_queries[q].table, -1, NULL, NULL, NULL);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *cols[16], *vals[16];
			int nums[16];

			for (i = 0; i < n && i < 16; i++) {
				cols[i] = sqlite3_column_name(st, i);
				nums[i] = sqlite3_column_type(st, i) ==
				    SQLITE_INTEGER;   /* before the text */
				vals[i] = (const char *)sqlite3_column_text(st,
				    i);
			}
			fn(arg, export_queries[q].table, i, cols, vals, nums);
		}
		store_end(s, st);
		if (rc != SQLITE_DONE)
			return store_fail(s, cause, "cannot read the customer");
	}
	return 0;
}

int
store_audit_add(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause)
{
	int own = sqlite3_get_autocommit(s->db);

	if (own && store_begin(s, cause) != 0)
		return -1;
	if (store_audit_insert(s, at, clerk_id, action, subject, cause) != 0) {
		if (own)
			store_rollback(s);
		return -1;
	}
	return own ? store_commit(s, cause) : 0;
}

int
store_customer_erase(struct store *s, int64_t id, int64_t clerk_id,
    int64_t at, char **cause)
{
	sqlite3_stmt *st;
	char subject[40], hex[HASH_HEX];
	int rc, changed, logn = 0, ckpt = 0;

	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/* its source key on the suppression list (a keyed hash of it,
	 * never the key), so that no import brings the person back; the
	 * countries of their orders go with the rest */
	if ((st = store_stmt_get(s, Q_ERASE_CODE)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		store_keyed(s, "erased", (const char *)sqlite3_column_text(st,
		    0), hex);
	store_end(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto fail;
	if (rc == SQLITE_ROW) {
		if ((st = store_stmt_get(s, Q_SUPPRESS)) == NULL)
			goto fail;
		bind_text(st, 1, hex);
		sqlite3_bind_int64(st, 2, at);
		rc = sqlite3_step(st);
		store_end(s, st);
		if (rc != SQLITE_DONE ||
		    store_exec_id(s, Q_ERASE_COUNTRY, id,
		    "cannot erase the customer", cause) != 0)
			goto fail;
	}
	if ((st = store_stmt_get(s, Q_ERASE)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	store_end(s, st);
	if (rc != SQLITE_DONE)
		goto fail;
	changed = sqlite3_changes(s->db);
	if (changed == 0) {
		store_exec(s, "ROLLBACK", NULL);
		*cause = xstrdup("no such customer, or erased already");
		return 1;
	}
	/* the audit names the pseudonym, never what was erased */
	snprintf(subject, sizeof subject, "erased-%lld", (long long)id);
	if (store_audit_insert(s, at, clerk_id, "erase", subject, cause) != 0) {
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	if (store_exec(s, "COMMIT", cause) != 0) {
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	/* secure_delete zeroed the old values in the pages; the WAL still
	 * holds earlier page images until a checkpoint copies the pages back
	 * and empties it */
	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    &logn, &ckpt);
	if (rc != SQLITE_OK) {
		*cause = xstrdup("erased, but another program has the database "
		    "open: the old values stay in its -wal file until it is "
		    "closed and uplift runs again");
		return 2;
	}
	return 0;
fail:
	store_fail(s, cause, "cannot erase the customer");
	store_exec(s, "ROLLBACK", NULL);
	return -1;
}

int
store_pseudonymise(struct store *s, char **cause)
{
	int logn = 0, ckpt = 0;

	if (store_begin(s, cause) != 0)
		return -1;
	/* names, phones, emails and loyalty numbers replaced by made-up
	 * ones of the same shape (the last 4 digits from the row number);
	 * codes, history and everything else kept.  In a shop of a chain
	 * the chain's customers are changed too (as the writer of the
	 * chain's data, store_sync.c: the copy is never synced) */
	if (store_exec(s, "INSERT INTO chain_writer(pid) VALUES (0)",
	    cause) != 0 || store_exec(s, "UPDATE customer SET"
	    " name = CASE WHEN erased THEN '' ELSE 'Customer ' || id END,"
	    " phone = CASE WHEN phone IS NULL THEN NULL"
	    "  ELSE '+00 0000 ' || printf('%04d', id % 10000) END,"
	    " phone_rev = CASE WHEN phone IS NULL THEN NULL"
	    "  ELSE substr(printf('%04d', id % 10000), 4, 1)"
	    "  || substr(printf('%04d', id % 10000), 3, 1)"
	    "  || substr(printf('%04d', id % 10000), 2, 1)"
	    "  || substr(printf('%04d', id % 10000), 1, 1) || '000000' END,"
	    " email = CASE WHEN email IS NULL THEN NULL"
	    "  ELSE 'customer' || id || '@example.invalid' END,"
	    " loyalty = CASE WHEN loyalty IS NULL THEN NULL"
	    "  ELSE 'T-' || id END", cause) != 0 ||
	    store_exec(s, "DELETE FROM chain_writer", cause) != 0) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, cause) != 0)
		return -1;
	/* the old values out of the -wal too (secure_delete zeroed them in
	 * the pages) */
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    &logn, &ckpt) != SQLITE_OK)
		return store_fail(s, cause, "cannot empty the -wal");
	return 0;
}
