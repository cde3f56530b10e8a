/*
 * The one place that includes curses (like htop's ProvideCurses.h).
 * Wide-character ncurses: _XOPEN_SOURCE=700 is defined for the whole build.
 */
#ifndef UPLIFT_VIEWS_CURSES_H
#define UPLIFT_VIEWS_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
