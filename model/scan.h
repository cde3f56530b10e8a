/*
 * scan — a barcode scanner at the counter's main screen.  A scanner types
 * like a keyboard: digits, then Enter, each key a few milliseconds after
 * the one before.  A run of at least SCAN_MIN_DIGITS digits ended by
 * Enter, every key within SCAN_GAP_MS of the previous, is a scan; a human
 * typing the same keys is slower, and their Enter stays the accept key.
 *
 * Pure: the time of each key is passed in (milliseconds of a monotonic
 * clock), so the rule is unit-tested without a clock.  The digits still
 * reach the screen as typed (they do nothing at the main screen); only
 * the Enter that ends a scan is taken.
 */
#ifndef UPLIFT_SCAN_H
#define UPLIFT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#define SCAN_GAP_MS     100   /* at most between two keys of a scan */
#define SCAN_MIN_DIGITS 4     /* the shortest scan                   */
#define SCAN_MAX_DIGITS 32    /* longer runs are no barcode          */

/* The run of digits so far.  Zero it to start. */
struct scan {
	char    digits[SCAN_MAX_DIGITS + 1];
	size_t  n;
	int64_t last_ms;     /* when the last digit came */
	int     overlong;    /* the run went past SCAN_MAX_DIGITS */
};

/*
 * A key at now_ms: is_key as get_wch() says (a KEY_* code), wc the key.
 * Returns 1 when it is the Enter ending a scan — the digits are then in
 * code (size bytes, NUL-terminated) and the key must not go on to the
 * screen; 0 otherwise (the run goes on or starts again).
 */
int scan_key(struct scan *s, int is_key, uint32_t wc, int64_t now_ms,
    char *code, size_t size);

#endif
