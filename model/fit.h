/*
 * fit — the weights of a linear ranker, fitted by maximum likelihood:
 * for each example, a softmax over its candidates' transformed signals
 * (relevance.h), and the log-probability of the candidate that was
 * really bought, summed; minus an L2 penalty.  The objective is concave,
 * so L-BFGS (Nocedal & Wright, algorithm 7.4, with a backtracking
 * Armijo line search) finds its one optimum.  Pure and deterministic.
 */
#ifndef UPLIFT_FIT_H
#define UPLIFT_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "model/relevance.h"

/* A row of phi: the REL_NW transformed signals, then zeros up to a whole
 * number of vector registers (so that the objective's loops need no
 * remainder). */
#define FIT_ROW         32
_Static_assert(REL_NW <= FIT_ROW, "FIT_ROW holds the signals");

/* Examples: example e has candidates off[e] .. off[e+1] - 1, each a row
 * of FIT_ROW floats in phi; label[e] is the row (counted from
 * off[e]) of the item bought. */
struct fit_data {
	const float    *phi;
	const size_t   *off;
	const uint32_t *label;
	size_t          n;
};

#define FIT_L2          1e-3
#define FIT_MAX_ITER    30

/*
 * Fit w[REL_NW], starting from its values, on the examples of the parts
 * d[0..nparts): each part's likelihood is summed on its own core (par.h),
 * the parts in order, so the weights do not depend on the cores.
 * Returns the iterations done.  Never fails: with no examples w is left
 * as it was.
 */
int fit_softmax(const struct fit_data *d, size_t nparts, double l2,
    double *w);

/* The share of the examples of d[0..nparts) whose bought item is among
 * the top k by w (ties counted against it). */
double fit_hit_rate(const struct fit_data *d, size_t nparts, const double *w,
    int k);

#endif
