/*
 * test_strmap — the string → int64 map (model/strmap.h): empty maps,
 * empty keys, keys with NUL bytes and shared prefixes, replacement,
 * growth well past the initial table, and that keys are copied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/strmap.h"

static void
test_free_null(void **state)
{
	struct strmap	*m = NULL;

	(void)state;
	strmap_free(&m);
	assert_null(m);
	m = strmap_new();
	assert_non_null(m);
	strmap_free(&m);
	assert_null(m);
	strmap_free(&m);
}

static void
test_empty(void **state)
{
	struct strmap	*m = strmap_new();
	int64_t		 v = 99;

	(void)state;
	assert_int_equal(strmap_count(m), 0);
	assert_int_equal(strmap_get(m, "", 0, &v), 0);
	assert_int_equal(strmap_get(m, "a", 1, &v), 0);
	assert_int_equal(v, 99);
	strmap_free(&m);
}

static void
test_empty_key(void **state)
{
	struct strmap	*m = strmap_new();
	int64_t		 v = 0;

	(void)state;
	strmap_put(m, "", 0, -7);
	assert_int_equal(strmap_count(m), 1);
	assert_int_equal(strmap_get(m, "", 0, &v), 1);
	assert_int_equal(v, -7);
	/* A zero length is the empty key, whatever the pointer shows. */
	assert_int_equal(strmap_get(m, "abc", 0, &v), 1);
	assert_int_equal(strmap_get(m, "a", 1, &v), 0);
	strmap_free(&m);
}

static void
test_put_get_replace(void **state)
{
	struct strmap	*m = strmap_new();
	int64_t		 v = 0;

	(void)state;
	strmap_put(m, "85123A", 6, 1);
	strmap_put(m, "71053", 5, 2);
	assert_int_equal(strmap_count(m), 2);
	assert_int_equal(strmap_get(m, "85123A", 6, &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(strmap_get(m, "71053", 5, &v), 1);
	assert_int_equal(v, 2);
	/* Replacing keeps the count. */
	strmap_put(m, "85123A", 6, INT64_MIN);
	assert_int_equal(strmap_count(m), 2);
	assert_int_equal(strmap_get(m, "85123A", 6, &v), 1);
	assert_int_equal(v, INT64_MIN);
	strmap_put(m, "85123A", 6, INT64_MAX);
	assert_int_equal(strmap_get(m, "85123A", 6, &v), 1);
	assert_int_equal(v, INT64_MAX);
	/* Case matters; prefixes and extensions are other keys. */
	assert_int_equal(strmap_get(m, "85123a", 6, &v), 0);
	assert_int_equal(strmap_get(m, "85123", 5, &v), 0);
	assert_int_equal(strmap_get(m, "85123AB", 7, &v), 0);
	/* Only len bytes of the key count. */
	assert_int_equal(strmap_get(m, "85123A-and-more", 6, &v), 1);
	strmap_free(&m);
}

static void
test_nul_bytes(void **state)
{
	struct strmap	*m = strmap_new();
	int64_t		 v = 0;

	(void)state;
	strmap_put(m, "Ann\0Admin", 9, 1);
	strmap_put(m, "Ann", 3, 2);
	strmap_put(m, "Ann\0", 4, 3);
	assert_int_equal(strmap_count(m), 3);
	assert_int_equal(strmap_get(m, "Ann\0Admin", 9, &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(strmap_get(m, "Ann", 3, &v), 1);
	assert_int_equal(v, 2);
	assert_int_equal(strmap_get(m, "Ann\0", 4, &v), 1);
	assert_int_equal(v, 3);
	assert_int_equal(strmap_get(m, "Ann\0Adm1n", 9, &v), 0);
	strmap_free(&m);
}

static void
test_keys_copied(void **state)
{
	struct strmap	*m = strmap_new();
	char		 key[16];
	int64_t		 v = 0;

	(void)state;
	snprintf(key, sizeof key, "C0001");
	strmap_put(m, key, strlen(key), 10);
	memset(key, 'Z', sizeof key - 1);
	key[sizeof key - 1] = '\0';
	assert_int_equal(strmap_get(m, "C0001", 5, &v), 1);
	assert_int_equal(v, 10);
	strmap_free(&m);
}

static void
test_growth(void **state)
{
	struct strmap	*m = strmap_new();
	char		 key[32];
	int64_t		 v;
	int		 i, n = 100000;

	(void)state;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%d", i);
		strmap_put(m, key, strlen(key), (int64_t)i * 3);
		if (i % 9973 == 0)
			assert_int_equal(strmap_count(m), (size_t)i + 1);
	}
	assert_int_equal(strmap_count(m), (size_t)n);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%d", i);
		v = -1;
		assert_int_equal(strmap_get(m, key, strlen(key), &v), 1);
		assert_int_equal(v, (int64_t)i * 3);
	}
	for (i = n; i < n + 1000; i++) {
		snprintf(key, sizeof key, "%d", i);
		assert_int_equal(strmap_get(m, key, strlen(key), &v), 0);
	}
	/* Replace every other key after growth: still n keys. */
	for (i = 0; i < n; i += 2) {
		snprintf(key, sizeof key, "%d", i);
		strmap_put(m, key, strlen(key), -1);
	}
	assert_int_equal(strmap_count(m), (size_t)n);
	assert_int_equal(strmap_get(m, "0", 1, &v), 1);
	assert_int_equal(v, -1);
	assert_int_equal(strmap_get(m, "1", 1, &v), 1);
	assert_int_equal(v, 3);
	strmap_free(&m);
}

/* Keys that differ only in their last byte and share long prefixes. */
static void
test_long_similar_keys(void **state)
{
	struct strmap	*m = strmap_new();
	char		 key[300];
	int64_t		 v;
	int		 i;

	(void)state;
	memset(key, 'k', sizeof key);
	for (i = 0; i < 256; i++) {
		key[sizeof key - 1] = (char)i;
		strmap_put(m, key, sizeof key, i);
	}
	assert_int_equal(strmap_count(m), 256);
	for (i = 0; i < 256; i++) {
		key[sizeof key - 1] = (char)i;
		assert_int_equal(strmap_get(m, key, sizeof key, &v), 1);
		assert_int_equal(v, i);
	}
	assert_int_equal(strmap_get(m, key, sizeof key - 1, &v), 0);
	strmap_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_empty_key),
		cmocka_unit_test(test_put_get_replace),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_keys_copied),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_long_similar_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
