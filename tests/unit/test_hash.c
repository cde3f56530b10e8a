/*
 * test_hash — SHA-256 and HMAC-SHA-256 (model/hash.h) against the
 * published test vectors: FIPS 180-4 examples (empty, "abc", the 448-bit
 * message, a million 'a' fed in odd pieces) and RFC 4231 cases 1, 2 and 6
 * (a key longer than a block).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/hash.h"

static void
sha_is(const void *d, size_t n, const char *want)
{
	unsigned char out[HASH_SIZE];
	char hex[HASH_HEX];

	hash_sha256(d, n, out);
	hash_hex(out, sizeof out, hex);
	assert_string_equal(hex, want);
}

static void
test_sha256_vectors(void **state)
{
	(void)state;
	sha_is("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_sha256_pieces(void **state)
{
	struct hash_ctx c;
	unsigned char out[HASH_SIZE], a[997];
	char hex[HASH_HEX];
	size_t left = 1000000, k;

	(void)state;
	memset(a, 'a', sizeof a);
	hash_init(&c);
	while (left > 0) {
		k = left < sizeof a ? left : sizeof a;
		hash_update(&c, a, k);
		left -= k;
	}
	hash_final(&c, out);
	hash_hex(out, sizeof out, hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void
hmac_is(const void *k, size_t kn, const void *d, size_t n, const char *want)
{
	unsigned char out[HASH_SIZE];
	char hex[HASH_HEX];

	hash_hmac(k, kn, d, n, out);
	hash_hex(out, sizeof out, hex);
	assert_string_equal(hex, want);
}

static void
test_hmac_rfc4231(void **state)
{
	unsigned char k1[20], k6[131];

	(void)state;
	memset(k1, 0x0b, sizeof k1);
	hmac_is(k1, sizeof k1, "Hi There", 8,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac_is("Jefe", 4, "what do ya want for nothing?", 28,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(k6, 0xaa, sizeof k6);
	hmac_is(k6, sizeof k6,
	    "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_sha256_pieces),
		cmocka_unit_test(test_hmac_rfc4231),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
