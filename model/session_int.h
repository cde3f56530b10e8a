/*
 * session_int.h — what session.c and session_sale.c share: the basket's
 * total, the ranking and the offer log rows.  Not for other modules.
 */
#ifndef UPLIFT_SESSION_INT_H
#define UPLIFT_SESSION_INT_H

#include "model/session.h"
#include "model/types.h"

/* The basket's total from its lines less their discounts, every step
 * checked (money.h); first each bundle line's discount is its saving
 * while the basket holds the whole bundle, else 0.  0, or -1 when a line
 * or the total would be beyond what uplift keeps (s->total is then
 * unchanged). */
int session_retotal(struct session *s);

/* Rank again for the basket as it is, and log what is new on screen.
 * Returns the number of log writes kept pending. */
int session_recompute(struct session *s);

/* Write an offer log row of sug with outcome now (*id its row, 0 when
 * pending or in a replay); 0 saved, 1 kept pending. */
int session_log_offer(struct session *s, const struct suggestion *sug,
    int outcome, const char *variant, int64_t *id);

/* Keep the cursor within the lists as they are now (session_view.c):
 * after every change of the suggestions or the basket. */
void session_fit(struct session *s);


/* Append id to *v (grown with xreallocarray). */
void session_push_id(int64_t **v, size_t *n, int64_t id);

/*
 * The basket as the sale's lines (malloc'd, *n of them; the caller frees
 * it): a line with a bundle's discount is one unit at its price less the
 * discount, and the others at its price.
 */
struct sale_line *session_sale_lines(const struct session *s, size_t *n);

#endif
