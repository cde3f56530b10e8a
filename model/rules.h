/*
 * rules — association rules X ⇒ y over a transaction database (struct
 * baskets), with the semantics of R's arules apriori():
 *
 *   count(Z)         baskets holding every item of itemset Z; N baskets
 *   support(X ⇒ y)   = count(X ∪ {y}) / N
 *   confidence       = count(X ∪ {y}) / count(X)      (count({}) = N)
 *   lift             = confidence / (count({y}) / N)
 *                    = count(X ∪ {y}) · N / (count(X) · count({y}))
 *
 * A rule is kept when count(X ∪ {y}) >= ceil(min_support · N) and
 * confidence >= min_confidence, and min_len <= |X| + 1 <= max_len.  Only
 * X ∪ {y} has to be frequent; consequents are single items; with min_len 1
 * the rules {} ⇒ {y} (confidence = support of y, lift 1) are produced too.
 *
 * Thresholds are exact: they are decimal fractions held as digit strings
 * (struct rules_decimal), compared with integer arithmetic only, so that
 * S · N landing exactly on an integer is never rounded past it.
 *
 * Printed figures (rules_format_ratio) are the exact rational values
 * rounded to 6 decimals, halves rounded up: "0.001017", "3.372304".  They
 * do not depend on floating point, so two programs that compute the same
 * counts print the same digits.
 *
 * Mining: Eclat over bitset tid sets (64 baskets per word), items
 * renumbered by ascending frequency after the infrequent ones are dropped;
 * pairs are counted first in a triangular matrix (when it fits in
 * RULES_MAX_PAIRS bytes) so only frequent pairs get a tid set; below the
 * first level a node's children keep only the words where it has tids
 * (projected tid sets); the frequent itemsets are kept in a prefix tree
 * (16 bytes each) for the count(X) look-ups of rule generation, and the
 * rules are stored as they are found.  Memory is bounded: past max_itemsets frequent itemsets,
 * max_rules rules or RULES_MAX_TIDSETS bytes of tid sets the miner stops
 * with an error instead.
 */
#ifndef UPLIFT_RULES_H
#define UPLIFT_RULES_H

#include <stddef.h>
#include <stdint.h>

struct baskets;

#define RULES_MAX_LEN		64		/* longest rule, items     */
#define RULES_MAX_ITEMSETS	10000000	/* default itemset limit   */
#define RULES_MAX_RULES		10000000	/* default rule limit      */
#define RULES_MAX_RULES_CAP	50000000	/* largest rule limit      */
#define RULES_MAX_TIDSETS	((size_t)1 << 30) /* bytes of tid sets  */
#define RULES_MAX_PAIRS		((size_t)1 << 27) /* pair matrix bytes  */
#define RULES_DECIMAL_DIGITS	32		/* decimal places, at most */
#define RULES_RATIO_LEN		32		/* rules_format_ratio buf  */

/* Error returns of rules_mine() besides -1 (bad input). */
enum {
	RULES_E_ITEMSETS = -2,	/* too many frequent itemsets / tid sets */
	RULES_E_RULES = -3	/* too many rules                        */
};

/*
 * An exact decimal fraction in [0, 1]: 1 when one is set, else
 * 0.d[0]d[1]...d[ndigits-1] with each d[k] in 0..9 and no trailing zero.
 */
struct rules_decimal {
	int		one;
	int		ndigits;
	unsigned char	d[RULES_DECIMAL_DIGITS];
};

/*
 * Parse s, a plain decimal from 0 to 1: digits with at most one '.' ("1",
 * "0.5", ".5", "0.001", "1.000"); no sign, exponent or blanks; at most
 * RULES_DECIMAL_DIGITS significant decimal places.  Returns 0, or -1 and
 * *why (a static string) when s is not such a number.
 */
int rules_decimal_parse(const char *s, struct rules_decimal *out,
    const char **why);

/* 1 if d is zero. */
int rules_decimal_is_zero(const struct rules_decimal *d);

/*
 * 1 if a / b >= d exactly, else 0.  b == 0 gives 0.  Integer arithmetic
 * only; no overflow for any a, b.
 */
int rules_ratio_ge(uint64_t a, uint64_t b, const struct rules_decimal *d);

/*
 * ceil(d · n) exactly: the least count c with c / n >= d.  0 when n is 0.
 */
uint64_t rules_min_count(const struct rules_decimal *d, uint64_t n);

/*
 * Write a / b (b > 0; b == 0 writes "nan") rounded to 6 decimals, halves
 * up, as "I.FFFFFF" into buf of len bytes (RULES_RATIO_LEN is enough).
 */
void rules_format_ratio(uint64_t a, uint64_t b, char *buf, size_t len);

struct rules_options {
	struct rules_decimal	min_support;	/* must be > 0              */
	struct rules_decimal	min_confidence;
	unsigned		min_len;	/* items of X ∪ {y}, >= 1   */
	unsigned		max_len;	/* min_len..RULES_MAX_LEN   */
	size_t			max_itemsets;	/* 0: RULES_MAX_ITEMSETS    */
	size_t			max_rules;	/* 0: RULES_MAX_RULES; at most
						 * RULES_MAX_RULES_CAP      */
	size_t			max_pairs;	/* bytes for the pair matrix
						 * (0: RULES_MAX_PAIRS); too
						 * small: no matrix, every pair
						 * by tid sets (same result) */
};

/* arules' defaults: support 0.1, confidence 0.8, lengths 1 to 10. */
void rules_options_init(struct rules_options *o);

/* One rule X ⇒ y.  Item ids are those of the struct baskets mined. */
struct rule {
	uint32_t	rhs;		/* y                                  */
	uint32_t	nlhs;		/* |X|, 0 for {}                      */
	uint32_t	lhs;		/* X is rules.lhs[lhs .. lhs + nlhs)  */
	uint32_t	count;		/* count(X ∪ {y})                     */
	uint32_t	count_lhs;	/* count(X), N when X is {}           */
	uint32_t	count_rhs;	/* count({y})                         */
};

/*
 * A mined rule set.  Each antecedent is sorted by item name (byte order,
 * strcmp).  Rules are sorted by count descending, then lift descending,
 * then antecedent (item by item by name; a prefix first), then
 * consequent name: a total, deterministic order.
 */
struct rules {
	struct rule	*v;
	size_t		 n;
	uint32_t	*lhs;		/* the antecedents' items             */
	uint32_t	 nbaskets;	/* N                                  */
	uint32_t	 min_count;	/* ceil(min_support · N)              */
	size_t		 nfrequent;	/* frequent items                     */
	size_t		 nitemsets;	/* frequent itemsets of 1..max_len    */
};

/*
 * Mine the rules of b under o into *out (which is overwritten; free it
 * with rules_free()).  b is not changed.  Returns 0; or, with *cause set
 * and *out empty: -1 for bad options or more than UINT32_MAX - 1 baskets,
 * RULES_E_ITEMSETS when the frequent itemsets (or their tid sets) pass
 * the limits, RULES_E_RULES when the rules pass max_rules.
 */
int rules_mine(const struct baskets *b, const struct rules_options *o,
    struct rules *out, char **cause);

/* Free a rule set and zero it.  Safe on a zeroed struct. */
void rules_free(struct rules *r);

#endif
