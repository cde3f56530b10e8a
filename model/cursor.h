/*
 * cursor — a selection in a list and the window of rows that shows it:
 * the clamps the view-models' cursors (struct cursor, struct
 * desk_cursor) keep in one place.  Plain integers: no list, no screen.
 */
#ifndef UPLIFT_CURSOR_H
#define UPLIFT_CURSOR_H

#include <stddef.h>
#include <stdint.h>

/*
 * What a screen of the counter or the desk selects and scrolls, kept by
 * its view-model (struct session, struct desk: their member `at`, ncdu's
 * dirlist idea) and changed only by the model's verbs, which keep it in
 * range when a list changes; the views read it and change nothing.
 */
struct cursor {
	int      focus;          /* the list the arrows move in (the
	                          * model's enum: suggestions or basket,
	                          * upgrades or add-ons)                    */
	int      sel;            /* the selected suggestion, upgrade or
	                          * add-on                                 */
	int      line;           /* the counter: the selected basket line   */
	int      nosel;          /* the desk: nothing selected, after an
	                          * answer, until an arrow or Tab chooses   */
	int      top;            /* the first row shown of the pane that
	                          * scrolls without a selection (the
	                          * history, the earlier stays)             */
	int      rows;           /* ... how many rows of it the screen shows */
	int      match_sel;      /* the selected line of a search's list    */
	int      match_top;      /* the first one shown                     */
	int      match_rows;     /* ... how many the screen shows           */
	int      asking_reason;  /* the reason of reason_offer is asked     */
	int64_t  reason_offer;   /* the last decline's offer log row (0:
	                          * pending in the offer log)              */
};

/* Keep *sel in [0, n) (0 when n is 0) and *top such that the selection
 * is among rows rows from it. */
void cursor_keep(int *sel, int *top, size_t n, int rows);

/* Keep *i in [0, n) when n > 0; unchanged while the list is empty (a
 * selection survives a moment without items). */
void cursor_keep_in(int *i, size_t n);

/* A window without a selection: *top in [0, n - rows] (0 when all fit);
 * unchanged when n or rows is 0. */
void cursor_scroll(int *top, size_t n, int rows);

#endif
