/*
 * journal — offers the offer log could not take (a full or failing disk),
 * kept beside the database until they can be written (issue 14).
 *
 * A session that writes offers has a journal of its own: the file
 * DB-pending-PID.XXXXXX in the database's directory, made 0600 with
 * O_EXCL|O_NOFOLLOW, owned by the user, and held with an exclusive
 * flock(2) while the session runs.  64 KiB are reserved when it is made
 * (posix_fallocate), so that rows still fit once the disk is full.  Each
 * record is one line with a CRC-32; a torn last line is ignored.  Every
 * offer a session logs carries a key (offer.jkey, unique), so that a row
 * written twice — by a retry and by a replay — is added once.
 *
 * At the next start journal_replay() writes the rows of every journal
 * beside the database that no live session holds (its lock is free: the
 * session ended, was killed or its terminal went away) in one
 * transaction, then removes those files.
 */
#ifndef UPLIFT_JOURNAL_H
#define UPLIFT_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

struct offer_rec;
struct store;

#define JOURNAL_KEY_LEN  16          /* hex digits of an offer's key  */
#define JOURNAL_RESERVE  (64 * 1024) /* bytes reserved when it is made */

struct journal;

/*
 * A fresh random key for an offer (JOURNAL_KEY_LEN hex digits and a NUL
 * into key).
 */
void journal_new_key(char key[JOURNAL_KEY_LEN + 1]);

/*
 * Make this session's journal beside the database db_path (see above).
 * 0 and *out, or -1 with *cause (then the session runs without one).
 */
int journal_open(struct journal **out, const char *db_path, char **cause);

/* The journal's path.  Valid while it is open. */
const char *journal_path(const struct journal *j);

/*
 * Keep an offer row that could not be written (rec->jkey set), on the
 * disk (fdatasync) when this returns 0; -1 with *cause when even the
 * journal cannot take it.
 */
int journal_offer(struct journal *j, const struct offer_rec *rec,
    char **cause);

/* Keep a decline's reason: of the saved offer offer_id (> 0), or of the
 * offer kept with key jkey.  0 or -1 with *cause. */
int journal_reason(struct journal *j, int64_t offer_id, const char *jkey,
    int reason, char **cause);

/* Nothing is pending any more: empty the journal (its space stays
 * reserved).  0 or -1. */
int journal_clear(struct journal *j);

/*
 * Close the journal and release its lock; *jp becomes NULL.  With keep,
 * the file stays for journal_replay() at the next start (rows were still
 * pending); else it is removed.  NULL-safe.
 */
void journal_close(struct journal **jp, int keep);

/*
 * Write the rows of every journal beside db_path that no live session
 * holds into s, in one transaction (a row already there, by its key, is
 * not added again), then remove those journals.  *rows gets the offer
 * rows and reasons written, *files the journals replayed.  0, or -1 with
 * *cause and every journal left for the next try.
 */
int journal_replay(struct store *s, const char *db_path, size_t *rows,
    size_t *files, char **cause);

#endif
