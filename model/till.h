/*
 * till — following the shop's own till: its basket events, one JSON
 * object a line (uplift --follow, uplift(1) "FOLLOWING THE TILL").
 *
 *   {"event":"customer","id":"17850"}     the customer at the till
 *   {"event":"add","sku":"85123A","qty":2} qty optional, 1 by default
 *   {"event":"remove","sku":"85123A"}      the line; with "qty", that many
 *   {"event":"clear"}                      the sale is voided
 *   {"event":"finish","order":"INV-1234"}  the sale, as the till's order
 *
 * Plain C, no curses and no file descriptors: the bytes come from app/
 * (app/follow.c), which owns the FIFO or socket.  Three parts:
 *   till_lines_*  cuts the byte stream into numbered lines (overlong
 *                 lines, NUL bytes and a line cut short are problems of
 *                 their line, never of the stream);
 *   till_parse    one line to one event (pure, libjansson);
 *   till_apply    an event to the counter's session (model/till_apply.c);
 * and till_accepted_json, the line a till reads when the clerk accepts a
 * suggestion.
 */
#ifndef UPLIFT_TILL_H
#define UPLIFT_TILL_H

#include <stddef.h>
#include <stdint.h>

#include "model/catalog.h"

struct session;

#define TILL_LINE_MAX  4096   /* bytes of one event line, without '\n' */
#define TILL_KEY_MAX   64     /* bytes of an id, a SKU, an order code */
#define TILL_QTY_MAX   9999   /* the largest quantity of one event    */
#define TILL_WHY_MAX   160    /* a problem, as till_parse says it     */
#define TILL_ECHO_MAX  8      /* accepted items awaiting the till's echo */

enum till_kind {
	TILL_CUSTOMER = 1, TILL_ADD, TILL_REMOVE, TILL_CLEAR, TILL_FINISH
};

/* One event, as till_parse() read it. */
struct till_event {
	enum till_kind kind;
	/* customer: its code ("" with "id":null: a walk-in); add, remove:
	 * the SKU or barcode; finish: the till's order number */
	char    key[TILL_KEY_MAX + 1];
	int64_t qty;           /* add, remove: 0 when not given */
};

/* ---- lines ---------------------------------------------------------- */

/* A line, or the problem of one: fn gets its number (from 1), its text
 * (NUL-terminated, no '\n', a trailing '\r' taken off) and len; or, for
 * a line that cannot be an event, problem (text then ""). */
typedef void (*till_line_fn)(void *arg, int64_t lineno, const char *text,
    size_t len, const char *problem);

/* The line being gathered.  Zero it (or till_lines_end()) to start. */
struct till_lines {
	char    buf[TILL_LINE_MAX + 1];
	size_t  len;
	int64_t line;       /* lines ended so far                 */
	int     overlong;   /* the line ran past TILL_LINE_MAX     */
	int     nul;        /* ... or held a NUL byte              */
};

/* Feed n bytes of the stream: fn is called once for each line they end,
 * in order.  Blank lines are counted and skipped. */
void till_lines_feed(struct till_lines *r, const char *p, size_t n,
    till_line_fn fn, void *arg);

/* The writer went away: a line it did not end is a problem ("cut
 * short"); numbering starts again at 1 for the next writer. */
void till_lines_end(struct till_lines *r, till_line_fn fn, void *arg);

/* ---- parsing -------------------------------------------------------- */

/*
 * Parse one line (len bytes, no '\n') into *ev.  0, or -1 with why
 * (TILL_WHY_MAX bytes, NUL-terminated): not JSON, not an object, no or an
 * unknown "event", a missing field, a field of the wrong type, a key
 * empty or longer than TILL_KEY_MAX or holding control characters, a
 * quantity outside 1..TILL_QTY_MAX.  Fields it does not know are ignored
 * (a till may send more).  A key may be a JSON string or a whole number.
 */
int till_parse(const char *line, size_t len, struct till_event *ev,
    char *why);

/* ---- applying ------------------------------------------------------- */

/* What the following knows beyond the session: the accepted items the
 * till has been told of, whose add (and remove of what they replace) it
 * will echo back.  Zero it to start. */
struct till {
	struct {
		char sku[TILL_KEY_MAX + 1];
		char replaces[TILL_KEY_MAX + 1]; /* "" for none */
	} echo[TILL_ECHO_MAX];
	size_t  necho;
	int64_t applied;     /* events applied              */
	int64_t echoed;      /* ... of them echoes absorbed */
	int64_t refused;     /* events refused              */
};

/* The item whose SKU is code, else whose barcode is, else whose SKU is in
 * another case; NULL if none. */
const struct item *till_find_item(const struct catalog *c, const char *code);

/*
 * Apply ev to the counter's session s.  0 with msg saying what was done
 * (msize bytes), or -1 with msg saying why not (an unknown SKU or
 * customer, a remove of what is not in the basket, a finish with an empty
 * basket or an order number already recorded, the database refusing);
 * the session is then as it was, except that a finish the database
 * refused still ends the visit (the till has moved on).  A finish records
 * the sale as order ev->key (session_finish_as) and *order gets its id (0
 * otherwise, and in a replay).  A customer, add or remove with nobody at
 * the counter starts a walk-in first.
 */
int till_apply(struct till *t, struct session *s, const struct till_event *ev,
    int64_t *order, char *msg, size_t msize);

/*
 * The line telling the till that the clerk accepts suggestion i of s
 * (call it before session_accept): {"event":"accepted","sku":...,
 * "replaces":SKU or null,"price":"4.96","currency":"GBP"}, the price the
 * basket charges for it as a decimal string with the database's digits,
 * and '\n'.  It is remembered in t as an echo to expect.  NULL when i is
 * not shown (or a SKU is not UTF-8).  malloc'd.
 */
char *till_accepted_json(struct till *t, const struct session *s, size_t i);

#endif
