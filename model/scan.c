/*
 * scan.c — telling a barcode scanner's digits and Enter from a clerk's
 * typing, by the time between keys (model/scan.h).
 */
#include "model/scan.h"

#include <stdio.h>
#include <string.h>

/* KEY_ENTER of curses, which model/ does not include (0527). */
#define SCAN_KEY_ENTER 0527

int
scan_key(struct scan *s, int is_key, uint32_t wc, int64_t now_ms, char *code,
    size_t size)
{
	int in_time = s->n > 0 && now_ms - s->last_ms >= 0 &&
	    now_ms - s->last_ms <= SCAN_GAP_MS;
	int enter = is_key ? wc == SCAN_KEY_ENTER : wc == '\r' || wc == '\n';

	if (!is_key && wc >= '0' && wc <= '9') {
		if (!in_time) {         /* a new run */
			s->n = 0;
			s->overlong = 0;
		}
		if (s->n < SCAN_MAX_DIGITS)
			s->digits[s->n++] = (char)wc;
		else
			s->overlong = 1;
		s->last_ms = now_ms;
		return 0;
	}
	if (enter && in_time && !s->overlong && s->n >= SCAN_MIN_DIGITS &&
	    size > s->n) {
		memcpy(code, s->digits, s->n);
		code[s->n] = '\0';
		s->n = 0;
		return 1;
	}
	s->n = 0;
	s->overlong = 0;
	return 0;
}
