/*
 * test_authz — the roles × actions table and the PIN hashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model/authz.h"

/* Trainees only train; clerks sell and train; managers do everything;
 * nothing outside the table. */
static void
test_table(void **state)
{
	int a, r;

	(void)state;
	for (a = 0; a < ACT_COUNT; a++) {
		assert_int_equal(authz_allows(0, a), a == ACT_TRAIN);
		assert_int_equal(authz_allows(1, a), a == ACT_TRAIN ||
		    a == ACT_SELL);
		assert_int_equal(authz_allows(2, a), 1);
	}
	for (r = -1; r <= 3; r += 4)
		assert_int_equal(authz_allows(r, ACT_TRAIN), 0);
	assert_int_equal(authz_allows(2, ACT_COUNT), 0);
	assert_int_equal(authz_role_parse("manager"), 2);
	assert_int_equal(authz_role_parse("Manager"), -1);
	assert_string_equal(authz_action_name(ACT_ERASE), "erase");
}

static void
test_pins(void **state)
{
	const char *why = NULL;
	char *h, *h2;

	(void)state;
	assert_int_equal(authz_pin_ok("1234", &why), 0);
	assert_int_equal(authz_pin_ok("123", &why), -1);
	assert_string_equal(why, "a PIN is 4 to 12 digits");
	assert_int_equal(authz_pin_ok("12a4", &why), -1);
	assert_int_equal(authz_pin_ok("1234567890123", &why), -1);
	h = authz_pin_hash("4711");
	assert_non_null(h);
	assert_memory_equal(h, "$y$", 3);          /* yescrypt */
	assert_null(strstr(h, "4711"));
	assert_true(authz_pin_matches("4711", h));
	assert_false(authz_pin_matches("4712", h));
	assert_false(authz_pin_matches("", h));
	assert_false(authz_pin_matches("4711", NULL));
	assert_false(authz_pin_matches("4711", "plain"));
	h2 = authz_pin_hash("4711");               /* salted: differs */
	assert_string_not_equal(h, h2);
	assert_true(authz_pin_matches("4711", h2));
	free(h);
	free(h2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_pins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
