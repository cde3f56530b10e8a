/*
 * trainview — the panes of a training run, drawn into the counter
 * and the check-in screens: the dialogue with the scripted customer and,
 * at the end, the score sheet with the trainee's progress.  Drawing only.
 */
#ifndef UPLIFT_TRAINVIEW_H
#define UPLIFT_TRAINVIEW_H

#include <stddef.h>

#include "model/training.h"

/*
 * The dialogue in rows × w from (y, x): a title, then the latest lines
 * (wrapped), the customer's and the trainee's marked, the answers to an
 * objection numbered.
 */
void trainview_dialogue(const struct training *t, int y, int x, int w,
    int rows);

/*
 * The score sheet from row top to the status line: the score and medal,
 * each check passed, failed or not counted with its weight (or "veto"),
 * what happened and, for a failed one, a better move (on one row instead
 * of two when they would not fit), then the trainee's progress (np rows,
 * when there is room) and the keys r (retry) and q (quit).
 */
void trainview_sheet(const struct scenario *sc,
    const struct training_sheet *s, const struct training_progress *p,
    size_t np, int top, char quit);

struct counter_keys;
struct ui_keyhint;

/* The most key hints trainview_help_keys() gives. */
#define TRAINVIEW_HELP_MAX 14

/*
 * The key hints of a training run's help into h (TRAINVIEW_HELP_MAX at
 * least), with keys k: offer, next line, the languages in their order,
 * skip, choose, answer an objection, end the sale (hotel: the check-in),
 * retry, quit.  Returns how many.
 */
size_t trainview_help_keys(const struct counter_keys *k, int hotel,
    struct ui_keyhint *h);

/*
 * The help of a training run from row top, its page `page` (as
 * ui_help(); ui_help_pages() of trainview_help_keys() says how many):
 * the keys and what the score rewards.
 */
void trainview_help(const struct counter_keys *k, int hotel, int top,
    int page);

#endif
