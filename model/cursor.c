/*
 * cursor.c — selections and windows kept in range (model/cursor.h).
 */
#include "model/cursor.h"

void
cursor_keep(int *sel, int *top, size_t n, int rows)
{
	if (*sel >= (int)n)
		*sel = (int)n - 1;
	if (*sel < 0)
		*sel = 0;
	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + rows)
		*top = *sel - rows + 1;
	if (*top < 0)
		*top = 0;
}

void
cursor_keep_in(int *i, size_t n)
{
	if (n == 0)
		return;
	if (*i >= (int)n)
		*i = (int)n - 1;
	if (*i < 0)
		*i = 0;
}

void
cursor_scroll(int *top, size_t n, int rows)
{
	if (n == 0 || rows <= 0)
		return;
	if (*top > (int)n - rows)
		*top = (int)n - rows;
	if (*top < 0)
		*top = 0;
}
