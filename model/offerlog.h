/*
 * offerlog — the offer log as the counter and the desk write it: one
 * policy for both.  A row the store refuses is kept pending (and in the
 * journal, when there is one) and tried again; the cause of the latest
 * refusal is kept so that the clerk can be told why.  Plain C: no curses.
 *
 * An offerlog owns its pending rows and its cause; the store and the
 * journal it writes to are the caller's.
 */
#ifndef UPLIFT_OFFERLOG_H
#define UPLIFT_OFFERLOG_H

#include <stddef.h>
#include <stdint.h>

#include "model/journal.h"
#include "model/types.h"

struct store;

/* An offer log write that failed, kept for retry (and in the journal). */
struct offerlog_row {
	struct offer_rec rec;
	int64_t          reason_of;  /* > 0: a reason for this offer id   */
	char             variant[80];/* rec's variant (rec.variant is NULL
	                              * while pending)                    */
	char             jkey[JOURNAL_KEY_LEN + 1]; /* rec's key (likewise) */
	int              journaled;  /* the journal holds it              */
};

struct offerlog {
	struct store        *store;     /* not owned                       */
	struct journal      *journal;   /* not owned; NULL: none           */
	struct offerlog_row *pending;   /* unsaved writes, oldest first    */
	size_t               npending;
	char                *cause;     /* why the latest write failed
	                                 * (owned); NULL once all is saved */
};

/* Start an empty log writing to store s (not owned).  Clear it with
 * offerlog_clear(). */
void offerlog_init(struct offerlog *l, struct store *s);

/* Free the pending rows (they are lost unless the journal holds them)
 * and the cause. */
void offerlog_clear(struct offerlog *l);

/*
 * Keep the writes that fail in journal j (journal.h; not owned, NULL for
 * none) until they are saved, so that quitting, a hang-up or a kill loses
 * none of them: the next start replays them.
 */
void offerlog_set_journal(struct offerlog *l, struct journal *j);

/*
 * Write offer r (its jkey is made here; r->jkey is ignored).  0 with *id
 * when saved; 1 when the store refused it: the row is kept pending, *id
 * is 0 and offerlog_cause() says why.
 */
int offerlog_add(struct offerlog *l, const struct offer_rec *r, int64_t *id);

/*
 * Record reason (1..5) for the declined offer offer_id; offer_id 0 means
 * the latest decline, still pending.  0 saved, 1 kept pending (see
 * offerlog_cause()), -1 when offer_id is 0 and no decline is pending.
 */
int offerlog_reason(struct offerlog *l, int64_t offer_id, int reason);

/* Try the pending writes again; returns how many are left.  When none
 * is, the journal is emptied and the cause forgotten. */
size_t offerlog_retry(struct offerlog *l);

/* How many writes are pending. */
size_t offerlog_pending(const struct offerlog *l);

/* How many pending writes the journal does not hold either (the disk
 * refused it too): these are lost if the log is cleared now. */
size_t offerlog_unjournaled(const struct offerlog *l);

/* Why the latest write failed ("" when nothing is pending), without the
 * database's path in front; valid until the next offerlog_* call. */
const char *offerlog_cause(const struct offerlog *l);

/* 1 if a decline of room type type_id for reservation reservation_id is
 * pending (not yet in the store), else 0. */
int offerlog_declined(const struct offerlog *l, int64_t reservation_id,
    int64_t type_id);

/* 1 if a decline of add-on addon_id for reservation reservation_id is
 * pending (not yet in the store), else 0. */
int offerlog_declined_addon(const struct offerlog *l, int64_t reservation_id,
    int64_t addon_id);

#endif
