/*
 * test_privacy — masking (model/privacy.h) and what counts as an email
 * address or a phone number among customer ids (issue 14: such ids are
 * replaced by keyed codes on import).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/privacy.h"

static void
test_looks_personal(void **state)
{
	(void)state;
	assert_int_equal(privacy_looks_personal(NULL), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal(""), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("C0001"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("17850"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("L-193257"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("123456"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("erased-12"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("P-0123456789abcdef"),
	    PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("a@b.co"), PRIVACY_EMAIL);
	assert_int_equal(privacy_looks_personal(" Priya.Raman@Example.com "),
	    PRIVACY_EMAIL);
	assert_int_equal(privacy_looks_personal("a@b"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("@b.com"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("a@@b.com"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("a b@c.com"), PRIVACY_NONE);
	assert_int_equal(privacy_looks_personal("1234567"), PRIVACY_PHONE);
	assert_int_equal(privacy_looks_personal("+44 7700 900123"),
	    PRIVACY_PHONE);
	assert_int_equal(privacy_looks_personal("(020) 7946-0018"),
	    PRIVACY_PHONE);
	assert_int_equal(privacy_looks_personal("+44 7700 9001x"),
	    PRIVACY_NONE);
}

static void
test_normal(void **state)
{
	char *n;

	(void)state;
	n = privacy_normal(" Priya.Raman@Example.COM ");
	assert_string_equal(n, "priya.raman@example.com");
	free(n);
	n = privacy_normal("+44 (0)7700-900123");
	assert_string_equal(n, "4407700900123");
	free(n);
	n = privacy_normal("  C0001 ");
	assert_string_equal(n, "C0001");
	free(n);
}

static void
test_masks(void **state)
{
	char *m;

	(void)state;
	m = privacy_mask_phone("+44 7700 900590");
	assert_string_equal(m, "\xe2\x80\xa6" "0590");
	free(m);
	m = privacy_mask_email("anika@example.org");
	assert_string_equal(m, "a\xe2\x80\xa6@example.org");
	free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_looks_personal),
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_masks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
