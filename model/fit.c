/*
 * fit.c — softmax likelihood and L-BFGS (fit.h).
 */
#include "model/fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/par.h"
#include "model/xalloc.h"

#define LBFGS_M 6

/* w . x over a row, in eight running sums (two vector registers: the
 * compiler vectorises the inner loop).  Always inlined: the AVX2 copy of
 * the objective would otherwise call the baseline's. */
static inline __attribute__((always_inline)) float
dot_row(const float *w, const float *x)
{
	float a[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
	int k, j;

	for (k = 0; k < FIT_ROW; k += 8)
		for (j = 0; j < 8; j++)
			a[j] += w[k + j] * x[k + j];
	return ((a[0] + a[4]) + (a[1] + a[5])) + ((a[2] + a[6]) +
	    (a[3] + a[7]));
}

/* What one part of the examples adds to the objective. */
struct fit_sum {
	double f, g[REL_NW];
};

/* Example part d's negative log-likelihood and its gradient, summed
 * (not yet divided by the number of examples) into *out. */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__)
/* A second copy for CPUs with AVX2, picked at load time: eight lanes
 * where the baseline has four.  Each lane adds as before and C11 allows
 * no fused multiply-add here, so the sums are the same to the bit. */
__attribute__((target_clones("avx2", "default")))
#endif
static void
objective_part(const struct fit_data *d, const float *wf, struct fit_sum *out)
{
	float s[REL_POOL > 256 ? REL_POOL : 256];
	float ge[FIT_ROW];    /* one example's gradient */
	double f = 0;
	size_t e, i, k, n;

	memset(out, 0, sizeof *out);
	for (e = 0; e < d->n; e++) {
		const float *x = d->phi + d->off[e] * FIT_ROW;
		float mx = -INFINITY, z = 0;

		n = d->off[e + 1] - d->off[e];
		if (n > sizeof s / sizeof s[0])
			n = sizeof s / sizeof s[0];
		for (i = 0; i < n; i++) {
			s[i] = dot_row(wf, x + i * FIT_ROW);
			if (s[i] > mx)
				mx = s[i];
		}
		for (i = 0; i < n; i++) {
			s[i] = expf(s[i] - mx);
			z += s[i];
		}
		f -= log((double)s[d->label[e]] / z);
		memset(ge, 0, sizeof ge);
		for (i = 0; i < n; i++) {
			float p = s[i] / z - (float)(i == d->label[e]);
			const float *xi = x + i * FIT_ROW;
			for (k = 0; k < FIT_ROW; k++)
				ge[k] += p * xi[k];
		}
		for (k = 0; k < REL_NW; k++)
			out->g[k] += ge[k];
	}
	out->f = f;
}

/* The parts of an objective's evaluation, each on its own core. */
struct fit_eval {
	const struct fit_data	*d;
	float			 wf[FIT_ROW];	/* w, zeros after */
	struct fit_sum		*sum;		/* one per part */
};

static void
objective_piece(void *arg, size_t k)
{
	struct fit_eval *ev = arg;

	objective_part(&ev->d[k], ev->wf, &ev->sum[k]);
}

/* The negative mean log-likelihood plus l2 |w|^2, and its gradient: the
 * parts evaluated apart and added in their order, so the sum does not
 * depend on the cores. */
static double
objective(const struct fit_data *d, size_t nparts, struct fit_sum *sum,
    double l2, const double *w, double *g)
{
	struct fit_eval ev;
	double f = 0;
	size_t i, k, n = 0;

	ev.d = d;
	ev.sum = sum;
	memset(ev.wf, 0, sizeof ev.wf);
	for (k = 0; k < REL_NW; k++)
		ev.wf[k] = (float)w[k];
	par_run(nparts, objective_piece, &ev);
	memset(g, 0, REL_NW * sizeof *g);
	for (i = 0; i < nparts; i++) {
		n += d[i].n;
		f += sum[i].f;
		for (k = 0; k < REL_NW; k++)
			g[k] += sum[i].g[k];
	}
	if (n > 0) {
		f /= (double)n;
		for (k = 0; k < REL_NW; k++)
			g[k] /= (double)n;
	}
	for (k = 0; k < REL_NW; k++) {
		f += l2 * w[k] * w[k];
		g[k] += 2 * l2 * w[k];
	}
	return f;
}

static double
dot(const double *a, const double *b)
{
	double s = 0;
	int k;

	for (k = 0; k < REL_NW; k++)
		s += a[k] * b[k];
	return s;
}

int
fit_softmax(const struct fit_data *d, size_t nparts, double l2, double *w)
{
	double sv[LBFGS_M][REL_NW], yv[LBFGS_M][REL_NW], rho[LBFGS_M];
	double alpha[LBFGS_M], g[REL_NW], gn[REL_NW], q[REL_NW], wn[REL_NW];
	double f, fn, step, gq, gamma = 1;
	int it, k, j, m = 0, head = 0;
	struct fit_sum *sum;
	size_t part, n = 0;

	for (part = 0; part < nparts; part++)
		n += d[part].n;
	if (n == 0)
		return 0;
	sum = xmalloc(nparts * sizeof *sum);
	f = objective(d, nparts, sum, l2, w, g);
	for (it = 0; it < FIT_MAX_ITER; it++) {
		/* q = -H g by the two-loop recursion */
		memcpy(q, g, sizeof q);
		for (j = 0; j < m; j++) {
			int i = (head - 1 - j + LBFGS_M) % LBFGS_M;
			alpha[i] = rho[i] * dot(sv[i], q);
			for (k = 0; k < REL_NW; k++)
				q[k] -= alpha[i] * yv[i][k];
		}
		for (k = 0; k < REL_NW; k++)
			q[k] *= gamma;
		for (j = m - 1; j >= 0; j--) {
			int i = (head - 1 - j + LBFGS_M) % LBFGS_M;
			double beta = rho[i] * dot(yv[i], q);
			for (k = 0; k < REL_NW; k++)
				q[k] += sv[i][k] * (alpha[i] - beta);
		}
		for (k = 0; k < REL_NW; k++)
			q[k] = -q[k];
		gq = dot(g, q);
		if (gq >= 0) {          /* not a descent direction: restart */
			for (k = 0; k < REL_NW; k++)
				q[k] = -g[k];
			gq = dot(g, q);
			m = 0;
		}
		if (-gq < 1e-12)
			break;
		/* backtracking, Armijo */
		for (step = 1; step > 1e-10; step *= 0.5) {
			for (k = 0; k < REL_NW; k++)
				wn[k] = w[k] + step * q[k];
			fn = objective(d, nparts, sum, l2, wn, gn);
			if (fn <= f + 1e-4 * step * gq)
				break;
		}
		if (step <= 1e-10)
			break;
		for (k = 0; k < REL_NW; k++) {
			sv[head][k] = wn[k] - w[k];
			yv[head][k] = gn[k] - g[k];
		}
		{
			double ys = dot(yv[head], sv[head]);
			if (ys > 1e-12) {
				rho[head] = 1 / ys;
				gamma = ys / dot(yv[head], yv[head]);
				head = (head + 1) % LBFGS_M;
				if (m < LBFGS_M)
					m++;
			}
		}
		memcpy(w, wn, sizeof wn);
		memcpy(g, gn, sizeof gn);
		if (f - fn < 1e-7 * (fabs(f) + 1)) {
			f = fn;
			break;
		}
		f = fn;
	}
	free(sum);
	return it;
}

/* Example part d's examples whose bought item is in the top k by w. */
static size_t
hits_part(const struct fit_data *d, const double *w, int k)
{
	size_t e, i, n, hits = 0;

	for (e = 0; e < d->n; e++) {
		const float *x = d->phi + d->off[e] * FIT_ROW;
		double sl = 0, s;
		int above = 0;
		size_t j;

		n = d->off[e + 1] - d->off[e];
		for (j = 0; j < REL_NW; j++)
			sl += w[j] * x[d->label[e] * FIT_ROW + j];
		for (i = 0; i < n && above < k; i++) {
			if (i == d->label[e])
				continue;
			s = 0;
			for (j = 0; j < REL_NW; j++)
				s += w[j] * x[i * FIT_ROW + j];
			above += s >= sl;
		}
		hits += above < k;
	}
	return hits;
}

double
fit_hit_rate(const struct fit_data *d, size_t nparts, const double *w, int k)
{
	size_t i, n = 0, hits = 0;

	for (i = 0; i < nparts; i++) {
		n += d[i].n;
		hits += hits_part(&d[i], w, k);
	}
	return n > 0 ? (double)hits / (double)n : 0;
}
