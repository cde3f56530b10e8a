/*
 * fuzz_till — libFuzzer target for the till's event lines (model/till.h):
 * the bytes are fed to the line cutter in pieces of every size the input
 * chooses, and each line is parsed.  The promises are checked (abort() on
 * a broken one): line numbers rise by one from 1; a line given has no
 * '\n' and no NUL and is at most TILL_LINE_MAX bytes, else it comes as a
 * problem; till_parse() answers 0 with a known event and a key within
 * its limits and free of control bytes, or -1 with a reason.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/till.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static int64_t last;

static void
on_line(void *arg, int64_t lineno, const char *text, size_t len,
    const char *problem)
{
	struct till_event ev;
	char why[TILL_WHY_MAX];
	size_t i;

	(void)arg;
	CHECK(lineno > last);
	last = lineno;
	CHECK(strlen(text) == len);
	if (problem != NULL) {
		CHECK(len == 0 && problem[0] != '\0');
		return;
	}
	CHECK(len > 0 && len <= TILL_LINE_MAX);
	CHECK(memchr(text, '\n', len) == NULL);
	if (till_parse(text, len, &ev, why) != 0) {
		CHECK(why[0] != '\0' && strlen(why) < TILL_WHY_MAX);
		return;
	}
	CHECK(ev.kind >= TILL_CUSTOMER && ev.kind <= TILL_FINISH);
	CHECK(strlen(ev.key) <= TILL_KEY_MAX);
	for (i = 0; ev.key[i] != '\0'; i++)
		CHECK((unsigned char)ev.key[i] >= 0x20 && ev.key[i] != 0x7f);
	CHECK(ev.qty >= 0 && ev.qty <= TILL_QTY_MAX);
	CHECK(ev.kind == TILL_CLEAR || ev.key[0] != '\0' ||
	    ev.kind == TILL_CUSTOMER);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct till_lines r;
	size_t off = 0, step;

	memset(&r, 0, sizeof r);
	last = 0;
	/* the first byte chooses the size of the reads */
	step = size > 0 ? (size_t)data[0] % 64 + 1 : 1;
	while (off < size) {
		size_t n = size - off < step ? size - off : step;
		till_lines_feed(&r, (const char *)data + off, n, on_line, NULL);
		off += n;
	}
	till_lines_end(&r, on_line, NULL);
	return 0;
}
