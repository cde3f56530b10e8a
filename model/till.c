/*
 * till.c — the till's event lines: cut into lines and parsed (libjansson),
 * nothing else: pure, so that it fuzzes alone (tools/fuzz.sh till).
 * Applying the events to the session, and the line that tells the till
 * of an accepted suggestion, are model/till_apply.c.
 */
#include "model/till.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* ---- lines --------------------------------------------------------------- */

static void
line_end(struct till_lines *r, till_line_fn fn, void *arg)
{
	char why[80];
	size_t len = r->len;

	r->line++;
	if (r->overlong) {
		snprintf(why, sizeof why, "longer than %d bytes", TILL_LINE_MAX);
		fn(arg, r->line, "", 0, why);
	} else if (r->nul)
		fn(arg, r->line, "", 0, "a NUL byte in the line");
	else {
		if (len > 0 && r->buf[len - 1] == '\r')
			len--;
		r->buf[len] = '\0';
		if (strspn(r->buf, " \t") < len)
			fn(arg, r->line, r->buf, len, NULL);
	}
	r->len = 0;
	r->overlong = r->nul = 0;
}

void
till_lines_feed(struct till_lines *r, const char *p, size_t n,
    till_line_fn fn, void *arg)
{
	const char *nl;
	size_t k;

	while (n > 0) {
		nl = memchr(p, '\n', n);
		k = nl != NULL ? (size_t)(nl - p) : n;
		if (memchr(p, '\0', k) != NULL)
			r->nul = 1;
		if (r->overlong || k > TILL_LINE_MAX - r->len)
			r->overlong = 1;        /* the rest of it is skipped */
		else {
			memcpy(r->buf + r->len, p, k);
			r->len += k;
		}
		if (nl == NULL)
			return;
		line_end(r, fn, arg);
		p += k + 1;
		n -= k + 1;
	}
}

void
till_lines_end(struct till_lines *r, till_line_fn fn, void *arg)
{
	if (r->len > 0 || r->overlong || r->nul) {
		r->line++;
		fn(arg, r->line, "", 0, "cut short: the writer closed before "
		    "the end of the line");
	}
	memset(r, 0, sizeof *r);
}

/* ---- parsing ------------------------------------------------------------- */

static const struct {
	const char    *name;
	enum till_kind kind;
	const char    *key;       /* the field that names it, or NULL */
} kinds[] = {
	{ "customer", TILL_CUSTOMER, "id" },
	{ "add", TILL_ADD, "sku" },
	{ "remove", TILL_REMOVE, "sku" },
	{ "clear", TILL_CLEAR, NULL },
	{ "finish", TILL_FINISH, "order" },
};

/* The key field f of an event: a string or a whole number; with
 * null_ok, null is "". */
static int
parse_key(json_t *o, const char *f, int null_ok, char *key, char *why)
{
	json_t *v = json_object_get(o, f);
	const char *s;
	size_t i, n;

	if (v == NULL) {
		snprintf(why, TILL_WHY_MAX, "no \"%s\"", f);
		return -1;
	}
	if (json_is_null(v) && null_ok) {
		key[0] = '\0';
		return 0;
	}
	if (json_is_integer(v)) {
		snprintf(key, TILL_KEY_MAX + 1, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return 0;
	}
	if (!json_is_string(v)) {
		snprintf(why, TILL_WHY_MAX, "\"%s\" is not a string", f);
		return -1;
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (n == 0 || n > TILL_KEY_MAX) {
		snprintf(why, TILL_WHY_MAX, "\"%s\" is %s", f, n == 0 ?
		    "empty" : "longer than 64 bytes");
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			snprintf(why, TILL_WHY_MAX, "\"%s\" holds a control "
			    "character", f);
			return -1;
		}
	memcpy(key, s, n + 1);
	return 0;
}

static int
parse_qty(json_t *o, struct till_event *ev, char *why)
{
	json_t *v = json_object_get(o, "qty");

	ev->qty = 0;
	if (v == NULL)
		return 0;
	if (!json_is_integer(v)) {
		snprintf(why, TILL_WHY_MAX, "\"qty\" is not a whole number");
		return -1;
	}
	if (json_integer_value(v) < 1 || json_integer_value(v) > TILL_QTY_MAX) {
		snprintf(why, TILL_WHY_MAX, "\"qty\" %" JSON_INTEGER_FORMAT
		    " is not within 1..%d", json_integer_value(v), TILL_QTY_MAX);
		return -1;
	}
	ev->qty = json_integer_value(v);
	return 0;
}

static int
parse_object(json_t *o, struct till_event *ev, char *why)
{
	json_t *e = json_object_get(o, "event");
	const char *name;
	size_t i;

	if (e == NULL || !json_is_string(e)) {
		snprintf(why, TILL_WHY_MAX, "%s", e == NULL ? "no \"event\"" :
		    "\"event\" is not a string");
		return -1;
	}
	name = json_string_value(e);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0)
			break;
	if (i == sizeof kinds / sizeof kinds[0]) {
		snprintf(why, TILL_WHY_MAX, "unknown event \"%.40s\"", name);
		return -1;
	}
	ev->kind = kinds[i].kind;
	if (kinds[i].key != NULL && parse_key(o, kinds[i].key,
	    ev->kind == TILL_CUSTOMER, ev->key, why) != 0)
		return -1;
	if (ev->kind == TILL_ADD || ev->kind == TILL_REMOVE)
		return parse_qty(o, ev, why);
	return 0;
}

int
till_parse(const char *line, size_t len, struct till_event *ev, char *why)
{
	json_error_t err;
	json_t *o;
	int rc;

	memset(ev, 0, sizeof *ev);
	why[0] = '\0';
	if (len > TILL_LINE_MAX) {
		snprintf(why, TILL_WHY_MAX, "longer than %d bytes", TILL_LINE_MAX);
		return -1;
	}
	if (memchr(line, '\0', len) != NULL) {
		snprintf(why, TILL_WHY_MAX, "a NUL byte in the line");
		return -1;
	}
	o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (o == NULL) {
		snprintf(why, TILL_WHY_MAX, "not JSON: %.100s (column %d)",
		    err.text, err.column);
		return -1;
	}
	if (!json_is_object(o)) {
		snprintf(why, TILL_WHY_MAX, "not a JSON object");
		json_decref(o);
		return -1;
	}
	rc = parse_object(o, ev, why);
	json_decref(o);
	return rc;
}
