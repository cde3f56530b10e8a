/*
 * pane.c — the list pane (views/pane.h).
 */
#include "views/pane.h"

#include "model/text.h"

int
pane_first_row(const struct pane *p)
{
	return p->title != NULL ? p->y + 1 : p->y;
}

static void
pane_title(const struct pane *p)
{
	enum ui_role role = p->title_role != ROLE_NORMAL ? p->title_role :
	    ROLE_TITLE;
	int rw;

	if (p->right == NULL) {
		ui_text(p->y, p->x, p->w, p->title, role);
		return;
	}
	rw = text_width(p->right);
	ui_text(p->y, p->x, p->w - rw, p->title, role);
	ui_text_right(p->y, p->x + p->w - rw, rw, p->right, role);
}

int
pane_draw(const struct pane *p)
{
	enum ui_role role;
	size_t i;
	int r, y = pane_first_row(p);

	if (p->title != NULL)
		pane_title(p);
	if (p->n == 0) {
		if (p->empty != NULL)
			ui_wrapped(p->y + p->empty_dy, p->x + 1, p->w - 2,
			    p->empty_rows, p->empty, ROLE_DIM);
		return y;
	}
	for (r = 0; r < p->rows; r++, y++) {
		i = (size_t)(p->top + r);
		if (i >= p->n)
			break;
		role = (int)i == p->sel ? ROLE_SELECTED : p->role != NULL ?
		    p->role(p->ctx, i) : ROLE_NORMAL;
		if (!p->plain)
			ui_text(y, p->x, p->w, (int)i == p->sel ?
			    ui_sym(SYM_POINTER) : "", role);
		p->row(p->ctx, i, y, role);
	}
	return y;
}

int
pane_top_for(int last, int rows)
{
	return last >= rows ? last - rows + 1 : 0;
}

int
pane_pages(size_t n, int per)
{
	int pages;

	if (per < 1)
		per = 1;
	pages = ((int)n + per - 1) / per;
	return pages < 1 ? 1 : pages;
}
