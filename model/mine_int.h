/*
 * mine_int.h — what the miner's files share (model/mine*.c only; the
 * public interface is model/mine.h): the counts, the fit, and the blob's
 * parts and layout.
 */
#ifndef UPLIFT_MINE_INT_H
#define UPLIFT_MINE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/mine.h"

struct baskets;

#define MODEL_VERSION 3

#define MODEL_ORDER   0x01020304u

#define NAME_MIN_SIM  0.2f   /* name neighbours at least this similar   */

struct header {
	char     magic[4];
	uint32_t version;
	uint32_t order;        /* MODEL_ORDER in the writer's byte order */
	uint32_t nbaskets;
	uint32_t nitems;
	uint32_t nrecent;
	uint64_t npairs;       /* partner entries stored                 */
	uint64_t nnear;        /* name neighbours stored                 */
	uint64_t pairs_ge2;
	int64_t  built;
	int64_t  until;
	uint32_t fit_orders, fit_examples;
	uint32_t fitted, nweights;
	double   fit_hr3_default, fit_hr3;
};

/* ---- what the blob is made of ---------------------------------------------- */

struct parts {
	uint32_t           nbaskets, nitems, nrecent;
	int64_t            until;
	uint64_t           pairs_ge2;
	const int64_t     *ids;        /* may be NULL: ids 0          */
	const uint32_t    *freq, *recent, *last, *pstart, *nstart;
	const struct mine_pair *pairs;
	size_t             npairs;
	const struct mine_near *near;
	size_t             nnear;
	const double      *weights;
	struct mine_stats  fit;
};

/* qsort's comparison of int64_t values, ascending. */
int mine_int64_cmp(const void *x, const void *y);

/*
 * m as a view of the parts p (which must outlive it) without writing a
 * blob: the fit's model of the earlier orders, which is never stored.
 * Trusted, so not checked as mine_open() checks a blob.  0, or -1 when
 * the store ids are too sparse to index (as mine_open() refuses them).
 * Free with mine_close().
 */
int mine_view(struct model *m, const struct parts *p, int64_t built);

/* ---- counting ------------------------------------------------------------- */

struct pairvec {
	struct mine_pair *v;
	size_t n, cap;
};

/* The counts of a history: all of it, and (when held[] is given) all
 * but the held-out baskets, for the fit. */
struct counts {
	uint32_t      *freq, *freq_fit;
	uint32_t      *pstart, *pstart_fit;
	struct pairvec pairs, pairs_fit;
};

/*
 * n rounded up to a multiple of 8 (the blob keeps its arrays 8-byte
 * aligned).
 */
size_t mine_align8(size_t n);

/*
 * The blob holding the parts p, stamped with built: malloc'd, *size bytes
 * (the caller owns it).
 */
/* Each item's count of the orders (not held out; held NULL: all) that
 * it was rung up last in (of their distinct items) into last[]. */
void mine_count_last(const struct baskets *b, const uint8_t *held,
    uint32_t *last);

void *mine_blob_write(const struct parts *p, int64_t built, size_t *size);

/*
 * Row by row: row a counts, in scratch rows, every item bought with a,
 * the ones rung up 1..MODEL_SEQ_WINDOW places after and before it, and
 * the same over the held-out orders; the best top_partners go to a's
 * partner list.  cnt and cv are reset as they are read, the sequence
 * counts through the list of what they touched.
 */
void mine_count_pairs(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, struct counts *c, struct mine_stats *s);

/* Free what *c holds (not c itself). */
void mine_counts_free(struct counts *c);

/* Orders in the last MODEL_TREND_DAYS before the newest of those not
 * held out (held NULL: all), and each item's count there. */
uint32_t mine_count_recent(const struct baskets *b, const uint8_t *held,
    uint32_t *recent, int64_t *until);

/*
 * Words of 3+ bytes (ASCII letters, case-folded, or any UTF-8 sequence),
 * idf-weighted; the cosine of two names' word vectors is their
 * similarity.  Words in more than a quarter of the names say nothing and
 * are left out.
 */
void mine_count_names(const struct baskets *b, const struct mine_params *p,
    uint32_t **nstart_out, struct mine_near **near_out, size_t *nnear);

/*
 * Fit the weights on the held-out baskets with model fm (the rest):
 * *w keeps the defaults when there is too little to fit on or the fit
 * does not do better on them.
 */
void mine_fit_weights(const struct baskets *b, const struct mine_params *p,
    const uint8_t *held, const struct model *fm, double *w,
    struct mine_stats *s);

#endif
