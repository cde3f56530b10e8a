/*
 * hash — SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104), in plain C.
 *
 * What uplift hashes: the audit log's chain (each row holds the hash of
 * the one before, store.h), the suppression list of erased customers and
 * the codes that replace customer ids that are emails or phone numbers
 * (both keyed with the database's own secret, so that a list of guesses
 * cannot be hashed and compared without it).  No allocation, no state
 * outside the caller's struct.
 */
#ifndef UPLIFT_HASH_H
#define UPLIFT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SIZE 32               /* bytes of a SHA-256 digest        */
#define HASH_HEX  (2 * HASH_SIZE + 1)  /* its lower-case hex, with NUL */

struct hash_ctx {
	uint32_t h[8];
	uint64_t len;              /* bytes hashed so far             */
	unsigned char buf[64];
	size_t   nbuf;
};

/* Start, feed (any number of times) and finish a SHA-256 digest. */
void hash_init(struct hash_ctx *c);
void hash_update(struct hash_ctx *c, const void *data, size_t n);
void hash_final(struct hash_ctx *c, unsigned char out[HASH_SIZE]);

/* SHA-256 of data[0..n) into out. */
void hash_sha256(const void *data, size_t n, unsigned char out[HASH_SIZE]);

/* HMAC-SHA-256 of data[0..n) under key[0..klen) into out. */
void hash_hmac(const void *key, size_t klen, const void *data, size_t n,
    unsigned char out[HASH_SIZE]);

/* The lower-case hex of the n bytes of d into out (2n + 1 bytes). */
void hash_hex(const unsigned char *d, size_t n, char *out);

#endif
