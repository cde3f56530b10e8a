/*
 * follow.h — the console following the shop's till (uplift --follow
 * PATH, --notify PATH) and the barcode scanner at the counter: the file
 * descriptors, the waiting and the reporting.  The events themselves are
 * read and applied by model/till.h; the scanner's rule is model/scan.h.
 * Internal to app/.
 */
#ifndef UPLIFT_FOLLOW_H
#define UPLIFT_FOLLOW_H

#include <stddef.h>
#include <wchar.h>

struct console;

/* What follow_get_wch() returns when till events changed the session
 * (no key): recalculate and draw.  Not a get_wch() value. */
#define FOLLOW_EVENTS (-2)

/*
 * Follow the till at path (a FIFO, read; or a Unix-domain stream socket,
 * connected to as a client, and written back to) and tell it of accepted
 * suggestions on notify (NULL: on the socket, or nobody).  Problems go to
 * the status line and the log ($XDG_STATE_HOME/uplift/follow.log).  0, or
 * -1 with *cause (malloc'd) when path is neither, or notify is no FIFO or
 * regular file.  SIGPIPE is ignored from then on.  Before curses starts:
 * the loop's curses wait must then be timeout(0) (follow_get_wch).
 */
int follow_open(struct console *c, const char *path, const char *notify,
    char **cause);

/* Close what follow_open() opened (NULL-safe on a console not following). */
void follow_close(struct console *c);

/*
 * get_wch() for the loop: a key (as get_wch() returns it), ERR once a
 * second without keys (the clock's tick) or when the terminal is gone, or
 * FOLLOW_EVENTS when events were applied (at most once a frame, 16 ms).
 * Without --follow: get_wch() as it is.  Never spins: it sleeps in poll()
 * on the keyboard and the till together.
 */
int follow_get_wch(struct console *c, wint_t *wc);

/*
 * The clerk accepts suggestion i: the line for the till, made before
 * session_accept() changes the suggestions (NULL when not following or
 * nobody is told); follow_told() then sends it (a failure is said on the
 * status line, and logged) and frees it.
 */
char *follow_tell(struct console *c, size_t i);
void follow_told(struct console *c, char *line);

/*
 * A key at the counter's main screen, for the scanner: 1 when it is the
 * Enter ending a scan (the item is added by barcode or SKU, or the code
 * is said unknown; the key is taken), 0 when the key goes on as usual.
 */
int follow_scan(struct console *c, int rc, wint_t wc);

#endif
