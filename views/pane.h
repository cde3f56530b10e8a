/*
 * pane — the list pane (htop's Panel idea), one for every list of rows on
 * the counter and the desk: history, basket, suggestions, earlier stays,
 * upgrades, add-ons, the searches' matches and the help pages.
 *
 * A pane is a rectangle: a title row (optional, with a part at its right
 * end) over a window of `rows` rows onto items [0, n), `top` the first
 * shown, `sel` the selected one (-1: none).  The pane draws the title,
 * the pointer by the selected item and the note of an empty list; a
 * row function draws an item's columns.  Drawing reads the pane and
 * changes nothing: where the window starts is kept by the view-model
 * (model/cursor.h) when the list or the selection changes.
 */
#ifndef UPLIFT_PANE_H
#define UPLIFT_PANE_H

#include <stddef.h>

#include "views/ui.h"

/* Draws item i on row y, in role (the selected role for the selection). */
typedef void pane_row_fn(const void *ctx, size_t i, int y, enum ui_role role);

struct pane {
	int           y, x, w;   /* the first row (the title's), column,
	                          * width                                    */
	int           rows;      /* the item rows under the title             */
	const char   *title;     /* in ROLE_TITLE on row y; NULL: no title row,
	                          * the items start at y                      */
	enum ui_role  title_role;  /* ROLE_NORMAL (0) stands for ROLE_TITLE  */
	const char   *right;     /* NULL, or the title row's right end (the
	                          * title is cut before it)                   */
	size_t        n;         /* the items                                 */
	int           sel;       /* the selected one, -1 for none             */
	int           top;       /* the first one shown                       */
	int           plain;     /* 1: the rows are drawn by row() alone (no
	                          * pointer column, no painting of the row)   */
	/* the role of an item that is not selected; NULL: ROLE_NORMAL */
	enum ui_role (*role)(const void *ctx, size_t i);
	pane_row_fn  *row;
	const void   *ctx;
	/* An empty list (n 0): this note, dimmed, wrapped in at most
	 * empty_rows rows from empty_dy rows under the title, a column in;
	 * NULL: nothing. */
	const char   *empty;
	int           empty_dy, empty_rows;
};

/*
 * Draw the pane: its title, then the items top .. top + rows - 1 (the
 * selected one with the pointer, in the selected role), or the empty
 * note.  Returns the row under the last one drawn (the first item row
 * when none is).
 */
int pane_draw(const struct pane *p);

/* The first row of a pane's items: under its title, if it has one. */
int pane_first_row(const struct pane *p);

/* The first item shown so that item `last` shows in a window of rows
 * rows that starts as early as it can. */
int pane_top_for(int last, int rows);

/* How many pages of per rows n items make (1 at least). */
int pane_pages(size_t n, int per);

#endif
