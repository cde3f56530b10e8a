/*
 * test_till — following the till (model/till.h) and the scanner
 * (model/scan.h).
 *
 * The line cutter and the parser first, on bad input of every kind: not
 * JSON, not an object, unknown events, missing fields, fields of the
 * wrong type, overlong lines and keys, NUL bytes, control characters,
 * a line cut short.  Then the scanner's rule with the clock passed in.
 * Then the events applied to a real session on a real store in a
 * temporary directory, loaded with tests/data/online_retail_sample.csv
 * (customer 17850, SKU 85123A): the basket, the echo of an accepted
 * item, and a finish recorded with the till's order number, which a
 * later import of the same order in the Online Retail format skips.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "model/civil.h"
#include "model/baskets.h"
#include "model/import.h"
#include "model/mine.h"
#include "model/scan.h"
#include "model/scorer.h"
#include "model/session.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_orders.h"
#include "model/till.h"
#include "model/xalloc.h"
#include "tests/unit/util.h"

#define NOW (civil_days(2011, 12, 10) * CIVIL_DAY + 10 * 3600)

/* ---- lines --------------------------------------------------------------- */

struct seen {
	int64_t lineno[16];
	char    text[16][64];
	char    problem[16][96];
	size_t  n;
};

static void
collect(void *arg, int64_t lineno, const char *text, size_t len,
    const char *problem)
{
	struct seen *s = arg;

	assert_true(s->n < 16);
	assert_int_equal(strlen(text), len);
	s->lineno[s->n] = lineno;
	snprintf(s->text[s->n], sizeof s->text[0], "%s", text);
	snprintf(s->problem[s->n], sizeof s->problem[0], "%s",
	    problem != NULL ? problem : "");
	s->n++;
}

static void
test_lines_empty(void **state)
{
	struct till_lines r;
	struct seen s;

	(void)state;
	memset(&r, 0, sizeof r);
	memset(&s, 0, sizeof s);
	till_lines_feed(&r, "", 0, collect, &s);
	till_lines_end(&r, collect, &s);
	assert_int_equal(s.n, 0);
	/* blank lines are counted, never given */
	till_lines_feed(&r, "\n \t\n\r\n{}\n", 9, collect, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.lineno[0], 4);
	assert_string_equal(s.text[0], "{}");
}

static void
test_lines_split(void **state)
{
	static const char in[] = "{\"a\":1}\r\n{\"b\"";
	struct till_lines r;
	struct seen s;

	(void)state;
	memset(&r, 0, sizeof r);
	memset(&s, 0, sizeof s);
	/* a byte at a time: the same lines */
	for (size_t i = 0; i < sizeof in - 1; i++)
		till_lines_feed(&r, in + i, 1, collect, &s);
	till_lines_feed(&r, ":2}\n", 4, collect, &s);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "{\"a\":1}");   /* \r taken off */
	assert_string_equal(s.text[1], "{\"b\":2}");
	assert_int_equal(s.lineno[1], 2);
}

static void
test_lines_bad(void **state)
{
	struct till_lines r;
	struct seen s;
	char *big = xmalloc(TILL_LINE_MAX + 10);

	(void)state;
	memset(&r, 0, sizeof r);
	memset(&s, 0, sizeof s);
	memset(big, 'x', TILL_LINE_MAX + 10);
	till_lines_feed(&r, "{}\n", 3, collect, &s);
	till_lines_feed(&r, big, TILL_LINE_MAX + 10, collect, &s);
	till_lines_feed(&r, "\n{}\n", 4, collect, &s);
	till_lines_feed(&r, "{\"x\0\"}\n{}\n", 10, collect, &s);
	till_lines_feed(&r, "{\"event\":", 9, collect, &s);
	till_lines_end(&r, collect, &s);
	assert_int_equal(s.n, 6);
	assert_string_equal(s.problem[0], "");
	assert_int_equal(s.lineno[1], 2);
	assert_non_null(strstr(s.problem[1], "longer than 4096 bytes"));
	assert_string_equal(s.problem[2], "");          /* the stream goes on */
	assert_int_equal(s.lineno[3], 4);
	assert_string_equal(s.problem[3], "a NUL byte in the line");
	assert_string_equal(s.problem[4], "");
	assert_int_equal(s.lineno[5], 6);
	assert_non_null(strstr(s.problem[5], "cut short"));
	/* the next writer counts from 1 */
	till_lines_feed(&r, "{}\n", 3, collect, &s);
	assert_int_equal(s.lineno[6], 1);
	/* exactly TILL_LINE_MAX bytes is a line */
	memset(&s, 0, sizeof s);
	big[TILL_LINE_MAX] = '\n';
	till_lines_feed(&r, big, TILL_LINE_MAX + 1, collect, &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.problem[0], "");
	free(big);
}

/* ---- parsing ------------------------------------------------------------- */

static int
parse(const char *line, struct till_event *ev, char *why)
{
	return till_parse(line, strlen(line), ev, why);
}

static void
test_parse_good(void **state)
{
	struct till_event ev;
	char why[TILL_WHY_MAX];

	(void)state;
	assert_int_equal(parse("{\"event\":\"customer\",\"id\":\"17850\"}", &ev,
	    why), 0);
	assert_int_equal(ev.kind, TILL_CUSTOMER);
	assert_string_equal(ev.key, "17850");
	assert_int_equal(parse("{\"event\":\"customer\",\"id\":17850}", &ev,
	    why), 0);
	assert_string_equal(ev.key, "17850");
	assert_int_equal(parse("{\"event\":\"customer\",\"id\":null}", &ev,
	    why), 0);
	assert_string_equal(ev.key, "");
	assert_int_equal(parse(" {\"sku\":\"85123A\",\"qty\":2,\"event\":"
	    "\"add\",\"price\":2.55} ", &ev, why), 0);
	assert_int_equal(ev.kind, TILL_ADD);
	assert_string_equal(ev.key, "85123A");
	assert_int_equal(ev.qty, 2);
	assert_int_equal(parse("{\"event\":\"add\",\"sku\":\"85123A\"}", &ev,
	    why), 0);
	assert_int_equal(ev.qty, 0);
	assert_int_equal(parse("{\"event\":\"remove\",\"sku\":\"5000112\","
	    "\"qty\":1}", &ev, why), 0);
	assert_int_equal(ev.kind, TILL_REMOVE);
	assert_int_equal(ev.qty, 1);
	assert_int_equal(parse("{\"event\":\"clear\"}", &ev, why), 0);
	assert_int_equal(ev.kind, TILL_CLEAR);
	assert_int_equal(parse("{\"event\":\"finish\",\"order\":\"INV-1234\"}",
	    &ev, why), 0);
	assert_int_equal(ev.kind, TILL_FINISH);
	assert_string_equal(ev.key, "INV-1234");
	/* UTF-8 in a key is kept */
	assert_int_equal(parse("{\"event\":\"add\",\"sku\":\"CAF\\u00c9\"}",
	    &ev, why), 0);
	assert_string_equal(ev.key, "CAF\xc3\x89");
}

static void
bad(const char *line, const char *want)
{
	struct till_event ev;
	char why[TILL_WHY_MAX];

	if (till_parse(line, strlen(line), &ev, why) != -1)
		fail_msg("parsed: %s", line);
	if (strstr(why, want) == NULL)
		fail_msg("%s: said \"%s\", not \"%s\"", line, why, want);
}

static void
test_parse_bad(void **state)
{
	char key[200], line[300];

	(void)state;
	bad("", "not JSON");
	bad("hello", "not JSON");
	bad("{\"event\":\"add\",\"sku\":\"X\"", "not JSON");
	bad("{\"event\":\"add\",\"sku\":\"X\"} trailing", "not JSON");
	bad("[1,2]", "not a JSON object");
	bad("\"add\"", "not");
	bad("{}", "no \"event\"");
	bad("{\"event\":7}", "\"event\" is not a string");
	bad("{\"event\":\"refund\"}", "unknown event \"refund\"");
	bad("{\"event\":\"ADD\",\"sku\":\"X\"}", "unknown event");
	bad("{\"event\":\"add\"}", "no \"sku\"");
	bad("{\"event\":\"remove\"}", "no \"sku\"");
	bad("{\"event\":\"customer\"}", "no \"id\"");
	bad("{\"event\":\"finish\"}", "no \"order\"");
	bad("{\"event\":\"finish\",\"order\":null}", "\"order\" is not a string");
	bad("{\"event\":\"add\",\"sku\":null}", "\"sku\" is not a string");
	bad("{\"event\":\"add\",\"sku\":true}", "\"sku\" is not a string");
	bad("{\"event\":\"add\",\"sku\":1.5}", "\"sku\" is not a string");
	bad("{\"event\":\"add\",\"sku\":[\"X\"]}", "\"sku\" is not a string");
	bad("{\"event\":\"add\",\"sku\":\"\"}", "\"sku\" is empty");
	bad("{\"event\":\"add\",\"sku\":\"A\\tB\"}", "control character");
	bad("{\"event\":\"add\",\"sku\":\"A\\u0000B\"}", "not JSON");
	bad("{\"event\":\"add\",\"sku\":\"X\",\"qty\":\"2\"}",
	    "\"qty\" is not a whole number");
	bad("{\"event\":\"add\",\"sku\":\"X\",\"qty\":2.0}",
	    "\"qty\" is not a whole number");
	bad("{\"event\":\"add\",\"sku\":\"X\",\"qty\":0}", "not within 1..9999");
	bad("{\"event\":\"add\",\"sku\":\"X\",\"qty\":-3}", "not within");
	bad("{\"event\":\"add\",\"sku\":\"X\",\"qty\":10000}", "not within");
	bad("{\"event\":\"add\",\"sku\":\"X\",\"qty\":99999999999999999999}",
	    "not JSON");
	bad("{\"event\":\"add\",\"event\":\"clear\",\"sku\":\"X\"}", "not JSON");
	memset(key, 'K', 65);
	key[65] = '\0';
	snprintf(line, sizeof line, "{\"event\":\"add\",\"sku\":\"%s\"}", key);
	bad(line, "longer than 64 bytes");
	key[64] = '\0';
	snprintf(line, sizeof line, "{\"event\":\"add\",\"sku\":\"%s\"}", key);
	{
		struct till_event ev;
		char why[TILL_WHY_MAX];
		assert_int_equal(parse(line, &ev, why), 0);
	}
}

static void
test_parse_bytes(void **state)
{
	struct till_event ev;
	char why[TILL_WHY_MAX], *big;

	(void)state;
	/* a NUL byte inside the line, and an overlong one, are said */
	assert_int_equal(till_parse("{\"event\":\"clear\"}\0x", 19, &ev, why),
	    -1);
	assert_string_equal(why, "a NUL byte in the line");
	big = xmalloc(TILL_LINE_MAX + 2);
	memset(big, ' ', TILL_LINE_MAX + 1);
	memcpy(big, "{\"event\":\"clear\"}", 17);
	assert_int_equal(till_parse(big, TILL_LINE_MAX + 1, &ev, why), -1);
	assert_non_null(strstr(why, "longer than"));
	free(big);
	/* bytes that are not UTF-8 */
	bad("{\"event\":\"add\",\"sku\":\"\xff\xfe\"}", "not JSON");
}

/* ---- the scanner --------------------------------------------------------- */

static int
keys(struct scan *s, const char *typed, int64_t start, int64_t gap,
    int64_t enter_gap, char *code)
{
	int64_t t = start;

	for (; *typed != '\0'; typed++, t += gap)
		assert_int_equal(scan_key(s, 0, (uint32_t)*typed, t, code, 40),
		    0);
	return scan_key(s, 0, '\r', t - gap + enter_gap, code, 40);
}

static void
test_scan(void **state)
{
	struct scan s;
	char code[40];

	(void)state;
	memset(&s, 0, sizeof s);
	/* a scanner: 13 digits, 5 ms apart, Enter 5 ms later */
	assert_int_equal(keys(&s, "2097228186621", 1000, 5, 5, code), 1);
	assert_string_equal(code, "2097228186621");
	/* 100 ms exactly is still a scan; KEY_ENTER and '\n' end one too */
	assert_int_equal(keys(&s, "85123", 5000, 100, 100, code), 1);
	assert_int_equal(scan_key(&s, 0, '8', 9000, code, 40), 0);
	assert_int_equal(scan_key(&s, 0, '5', 9001, code, 40), 0);
	assert_int_equal(scan_key(&s, 0, '1', 9002, code, 40), 0);
	assert_int_equal(scan_key(&s, 0, '2', 9003, code, 40), 0);
	assert_int_equal(scan_key(&s, 1, 0527, 9004, code, 40), 1);
	assert_int_equal(keys(&s, "1234", 12000, 1, 1, code), 1);
	/* a human: 101 ms or more between two keys */
	assert_int_equal(keys(&s, "85123", 20000, 101, 10, code), 0);
	assert_int_equal(keys(&s, "85123", 30000, 10, 101, code), 0);
	assert_int_equal(keys(&s, "85123", 40000, 250, 250, code), 0);
	/* too short: Enter after three digits accepts as ever */
	assert_int_equal(keys(&s, "123", 50000, 5, 5, code), 0);
	/* a slow first digit, then a fast run: the run is the scan */
	assert_int_equal(scan_key(&s, 0, '9', 60000, code, 40), 0);
	assert_int_equal(keys(&s, "4006381333931", 61000, 3, 3, code), 1);
	assert_string_equal(code, "4006381333931");
	/* a letter or another key breaks the run */
	assert_int_equal(scan_key(&s, 0, '1', 70000, code, 40), 0);
	assert_int_equal(scan_key(&s, 0, '2', 70001, code, 40), 0);
	assert_int_equal(scan_key(&s, 0, 'a', 70002, code, 40), 0);
	assert_int_equal(keys(&s, "34", 70003, 1, 1, code), 0);
	/* longer than SCAN_MAX_DIGITS: no barcode */
	assert_int_equal(keys(&s, "123456789012345678901234567890123", 80000,
	    1, 1, code), 0);
	/* an Enter before the last digit (a clock gone back) is no scan */
	assert_int_equal(keys(&s, "2345", 90000, 1, -50, code), 0);
	/* Enter alone, on a fresh run */
	memset(&s, 0, sizeof s);
	assert_int_equal(scan_key(&s, 0, '\r', 0, code, 40), 0);
}

/* ---- applying, on a real store --------------------------------------------- */

struct fx {
	const char     *dir;
	char           *db;
	struct store   *st;
	struct session *s;
	struct till     t;
};

/* A store of the Online Retail sample (retail) or of the demo shop, with
 * its mined model, and a session on it at now. */
static int
fx_setup(void **state, int retail, int64_t now)
{
	static const char *demo[] = { "items.csv", "customers.csv",
	    "orders.csv" };
	struct fx *f = xcalloc(1, sizeof *f);
	struct import_options opt;
	struct import_report rep;
	struct scorer_config cfg = scorer_default_config();
	const char *paths[3];
	char *cause = NULL, *warning = NULL;
	struct baskets b;
	struct mine_params mp = mine_default_params();
	void *blob = NULL;
	size_t i, size = 0, n = retail ? 1 : 3;

	f->dir = util_tmp_path("till");
	if (mkdir(f->dir, 0700) != 0)
		fail_msg("mkdir %s: %s", f->dir, strerror(errno));
	f->db = xasprintf("%s/shop.db", f->dir);
	if (store_open(&f->st, f->db, STORE_CREATE, &cause) != 0)
		fail_msg("store_open: %s", cause);
	for (i = 0; i < n; i++)
		paths[i] = retail ? util_fixture(".",
		    "online_retail_sample.csv") : util_fixture(
		    "../../assets/demo", demo[i]);
	memset(&opt, 0, sizeof opt);
	opt.format = retail ? IMPORT_ONLINE_RETAIL : IMPORT_UPLIFT;
	opt.now = now;
	if (import_files(f->st, (char *const *)paths, n, &opt, &rep,
	    &cause) != 0)
		fail_msg("import_files: %s", cause);
	baskets_init(&b);
	if (store_baskets(f->st, INT64_MAX, &b, &cause) != 0 ||
	    mine_build(&b, &mp, now, &blob, &size, NULL, &cause) != 0 ||
	    store_model_save(f->st, MODEL_NAME, now, blob, size, &cause) != 0)
		fail_msg("the model: %s", cause);
	baskets_free(&b);
	free(blob);
	f->s = session_new(f->st, "Shop", "till 1", 0, now);
	if (session_open_sales(f->s, &cfg, &warning, &cause) != 0)
		fail_msg("session_open_sales: %s", cause);
	free(warning);
	*state = f;
	return 0;
}

static int
setup(void **state)
{
	return fx_setup(state, 1, NOW);
}

static int
setup_demo(void **state)
{
	return fx_setup(state, 0, civil_days(2026, 11, 23) * CIVIL_DAY +
	    12 * 3600);
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	session_free(&f->s);
	store_close(&f->st);
	util_rmtree(f->dir);
	free(f->db);
	free(f);
	return 0;
}

/* Apply one line; its return, and the message in msg. */
static int
apply(struct fx *f, const char *line, char *msg)
{
	struct till_event ev;
	char why[TILL_WHY_MAX];
	int64_t order;

	if (till_parse(line, strlen(line), &ev, why) != 0)
		fail_msg("%s: %s", line, why);
	return till_apply(&f->t, f->s, &ev, &order, msg, 300);
}

static int64_t
qty_of(struct fx *f, const char *sku)
{
	const struct item *it = till_find_item(&f->s->cat, sku);
	size_t i;

	assert_non_null(it);
	for (i = 0; i < f->s->nbasket; i++)
		if (f->s->basket[i].item_id == it->id)
			return f->s->basket[i].qty;
	return 0;
}

static void
test_apply_basket(void **state)
{
	struct fx *f = *state;
	char msg[300];

	/* nobody yet: an add starts a walk-in */
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"71053\"}", msg),
	    0);
	assert_int_equal(f->s->who, WHO_WALK_IN);
	assert_int_equal(apply(f, "{\"event\":\"customer\",\"id\":\"17850\"}",
	    msg), 0);
	assert_int_equal(f->s->who, WHO_CUSTOMER);
	assert_string_equal(f->s->customer.code, "17850");
	assert_int_equal(f->s->nbasket, 1);             /* kept */
	assert_int_equal(apply(f, "{\"event\":\"customer\",\"id\":\"99999\"}",
	    msg), -1);
	assert_string_equal(msg, "unknown customer \"99999\"");
	assert_string_equal(f->s->customer.code, "17850");
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"85123A\","
	    "\"qty\":3}", msg), 0);
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"85123a\"}",
	    msg), 0);                                   /* any case */
	assert_int_equal(qty_of(f, "85123A"), 4);
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"NOPE\"}", msg),
	    -1);
	assert_string_equal(msg, "unknown SKU \"NOPE\"");
	/* fewer of a line: it keeps its place */
	assert_int_equal(apply(f, "{\"event\":\"remove\",\"sku\":\"85123A\","
	    "\"qty\":3}", msg), 0);
	assert_int_equal(qty_of(f, "85123A"), 1);
	assert_int_equal(f->s->basket[1].item_id,
	    till_find_item(&f->s->cat, "85123A")->id);
	assert_int_equal(apply(f, "{\"event\":\"remove\",\"sku\":\"84406B\"}",
	    msg), -1);
	assert_string_equal(msg, "84406B is not in the basket");
	assert_int_equal(apply(f, "{\"event\":\"remove\",\"sku\":\"71053\","
	    "\"qty\":5}", msg), 0);
	assert_int_equal(f->s->nbasket, 1);
	assert_int_equal(apply(f, "{\"event\":\"clear\"}", msg), 0);
	assert_int_equal(f->s->nbasket, 0);
	assert_int_equal(f->s->who, WHO_NOBODY);
	assert_int_equal(f->t.applied, 7);
	assert_int_equal(f->t.refused, 3);
}

/* The count of orders with code, and of their lines. */
static void
orders_of(struct fx *f, const char *code, int64_t *orders, int64_t *lines)
{
	char *out, *q = util_shquote(f->db);
	char *sql = xasprintf("SELECT count(DISTINCT o.id) || ' ' || "
	    "count(l.line) FROM orders o LEFT JOIN order_line l ON "
	    "l.order_id = o.id WHERE o.code = '%s'", code);
	char *qs = util_shquote(sql);
	long long a, b;

	if (util_run(&out, "sqlite3 -batch -readonly %s %s", q, qs) != 0 ||
	    sscanf(out, "%lld %lld", &a, &b) != 2)
		fail_msg("sqlite3: %s", out);
	*orders = a;
	*lines = b;
	free(out);
	free(qs);
	free(sql);
	free(q);
}

static void
test_apply_finish_then_import(void **state)
{
	struct fx *f = *state;
	struct import_options opt;
	struct import_report rep;
	const char *paths[1];
	char msg[300], *cause = NULL;
	int64_t orders, lines;

	assert_int_equal(apply(f, "{\"event\":\"finish\",\"order\":\"INV-1\"}",
	    msg), -1);
	assert_non_null(strstr(msg, "the basket is empty"));
	assert_int_equal(apply(f, "{\"event\":\"customer\",\"id\":17850}", msg),
	    0);
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"85123A\","
	    "\"qty\":2}", msg), 0);
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"71053\"}", msg),
	    0);
	assert_int_equal(apply(f, "{\"event\":\"finish\",\"order\":\"INV-1\"}",
	    msg), 0);
	assert_non_null(strstr(msg, "recorded as order INV-1"));
	assert_int_equal(f->s->nbasket, 0);
	orders_of(f, "INV-1", &orders, &lines);
	assert_int_equal(orders, 1);
	assert_int_equal(lines, 2);
	/* the same number again is refused, never a second order */
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"71053\"}", msg),
	    0);
	assert_int_equal(apply(f, "{\"event\":\"finish\",\"order\":\"INV-1\"}",
	    msg), -1);
	assert_non_null(strstr(msg, "order INV-1 is already recorded"));
	assert_int_equal(f->s->nbasket, 0);     /* the till moved on */
	/* the counter's own numbers are not the till's to take */
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":\"71053\"}", msg),
	    0);
	assert_int_equal(apply(f, "{\"event\":\"finish\",\"order\":\"POS12\"}",
	    msg), -1);
	/* the shop's export, later: the same order is skipped whole */
	paths[0] = util_tmp_text("export.csv", "InvoiceNo,StockCode,"
	    "Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
	    "INV-1,85123A,WHITE HANGING HEART T-LIGHT HOLDER,2,"
	    "2011-12-10 10:00:00,2.55,17850,United Kingdom\n"
	    "INV-1,71053,WHITE METAL LANTERN,1,2011-12-10 10:00:00,3.39,17850,"
	    "United Kingdom\n"
	    "INV-2,71053,WHITE METAL LANTERN,1,2011-12-10 11:00:00,3.39,17850,"
	    "United Kingdom\n");
	memset(&opt, 0, sizeof opt);
	opt.format = IMPORT_ONLINE_RETAIL;
	opt.now = NOW;
	if (import_files(f->st, (char *const *)paths, 1, &opt, &rep,
	    &cause) != 0)
		fail_msg("import_files: %s", cause);
	assert_int_equal(rep.orders, 1);        /* INV-2 only */
	assert_int_equal(rep.skipped, 2);       /* INV-1's two lines */
	orders_of(f, "INV-1", &orders, &lines);
	assert_int_equal(orders, 1);
	assert_int_equal(lines, 2);
	orders_of(f, "INV-2", &orders, &lines);
	assert_int_equal(orders, 1);
}

static void
test_accepted_echo(void **state)
{
	struct fx *f = *state;
	char msg[300], *line, sku[80];
	const struct item *it;
	size_t i;

	/* Anika and the 50 ml shampoo: the bigger size is suggested */
	assert_int_equal(apply(f, "{\"event\":\"customer\",\"id\":\"C0001\"}",
	    msg), 0);
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":"
	    "\"SH-HERB-050\"}", msg), 0);
	assert_null(till_accepted_json(&f->t, f->s, f->s->nshown));
	for (i = 0; i < f->s->nshown; i++)
		if (strcmp(catalog_item(&f->s->cat,
		    f->s->shown[i].sug.item_id)->sku, "SH-HERB-250") == 0)
			break;
	assert_true(i < f->s->nshown);
	line = till_accepted_json(&f->t, f->s, i);
	assert_string_equal(line, "{\"event\":\"accepted\",\"sku\":"
	    "\"SH-HERB-250\",\"replaces\":\"SH-HERB-050\",\"price\":\"3.99\","
	    "\"currency\":\"GBP\"}\n");
	free(line);
	assert_int_equal(f->t.necho, 1);
	assert_int_equal(session_accept(f->s, i), 0);
	assert_int_equal(f->s->nbasket, 1);
	/* the till rings it up and takes the 50 ml off: echoes, absorbed */
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":"
	    "\"SH-HERB-250\"}", msg), 0);
	assert_int_equal(apply(f, "{\"event\":\"remove\",\"sku\":"
	    "\"SH-HERB-050\"}", msg), 0);
	assert_int_equal(f->t.echoed, 2);
	assert_int_equal(f->t.necho, 0);
	assert_int_equal(f->s->nbasket, 1);
	assert_int_equal(qty_of(f, "SH-HERB-250"), 1);
	/* a second add is the customer's own; by barcode too */
	it = till_find_item(&f->s->cat, "SH-HERB-250");
	assert_non_null(it->barcode);
	snprintf(sku, sizeof sku, "{\"event\":\"add\",\"sku\":\"%s\"}",
	    it->barcode);
	assert_int_equal(apply(f, sku, msg), 0);
	assert_int_equal(qty_of(f, "SH-HERB-250"), 2);
	assert_int_equal(apply(f, "{\"event\":\"add\",\"sku\":"
	    "\"SH-HERB-250\"}", msg), 0);
	assert_int_equal(qty_of(f, "SH-HERB-250"), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_empty),
		cmocka_unit_test(test_lines_split),
		cmocka_unit_test(test_lines_bad),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_bytes),
		cmocka_unit_test(test_scan),
		cmocka_unit_test_setup_teardown(test_apply_basket, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_apply_finish_then_import,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_accepted_echo,
		    setup_demo, teardown),
	};

	return cmocka_run_group_tests(tests, util_tmp_setup, util_tmp_teardown);
}
