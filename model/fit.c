/*
 * fit.c — softmax likelihood and L-BFGS (fit.h).
 */
#include "model/fit.h"

#include <math.h>
#include <string.h>

#define LBFGS_M 6

/* w . x over the REL_NW features, in four running sums (so that the
 * compiler may keep them in vector registers). */
static double
dot_row(const float *w, const float *x)
{
	float a[4] = { 0, 0, 0, 0 };
	int k;

	for (k = 0; k + 4 <= REL_NW; k += 4) {
		a[0] += w[k] * x[k];
		a[1] += w[k + 1] * x[k + 1];
		a[2] += w[k + 2] * x[k + 2];
		a[3] += w[k + 3] * x[k + 3];
	}
	for (; k < REL_NW; k++)
		a[0] += w[k] * x[k];
	return (double)a[0] + a[1] + a[2] + a[3];
}

/* The negative mean log-likelihood plus l2 |w|^2, and its gradient. */
static double
objective(const struct fit_data *d, double l2, const double *w, double *g)
{
	double f = 0, s[REL_POOL > 256 ? REL_POOL : 256];
	float wf[REL_NW], ge[REL_NW];     /* one example's gradient */
	size_t e, i, k, n;

	for (k = 0; k < REL_NW; k++)
		wf[k] = (float)w[k];
	memset(g, 0, REL_NW * sizeof *g);
	for (e = 0; e < d->n; e++) {
		const float *x = d->phi + d->off[e] * REL_NW;
		double mx = -INFINITY, z = 0;

		n = d->off[e + 1] - d->off[e];
		if (n > sizeof s / sizeof s[0])
			n = sizeof s / sizeof s[0];
		for (i = 0; i < n; i++) {
			s[i] = dot_row(wf, x + i * REL_NW);
			if (s[i] > mx)
				mx = s[i];
		}
		for (i = 0; i < n; i++) {
			s[i] = exp(s[i] - mx);
			z += s[i];
		}
		f -= log(s[d->label[e]] / z);
		memset(ge, 0, sizeof ge);
		for (i = 0; i < n; i++) {
			float p = (float)(s[i] / z - (i == d->label[e]));
			const float *xi = x + i * REL_NW;
			for (k = 0; k < REL_NW; k++)
				ge[k] += p * xi[k];
		}
		for (k = 0; k < REL_NW; k++)
			g[k] += ge[k];
	}
	if (d->n > 0) {
		f /= (double)d->n;
		for (k = 0; k < REL_NW; k++)
			g[k] /= (double)d->n;
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
fit_softmax(const struct fit_data *d, double l2, double *w)
{
	double sv[LBFGS_M][REL_NW], yv[LBFGS_M][REL_NW], rho[LBFGS_M];
	double alpha[LBFGS_M], g[REL_NW], gn[REL_NW], q[REL_NW], wn[REL_NW];
	double f, fn, step, gq, gamma = 1;
	int it, k, j, m = 0, head = 0;

	if (d->n == 0)
		return 0;
	f = objective(d, l2, w, g);
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
			fn = objective(d, l2, wn, gn);
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
	return it;
}

double
fit_hit_rate(const struct fit_data *d, const double *w, int k)
{
	size_t e, i, n, hits = 0;

	if (d->n == 0)
		return 0;
	for (e = 0; e < d->n; e++) {
		const float *x = d->phi + d->off[e] * REL_NW;
		double sl = 0, s;
		int above = 0;
		size_t j;

		n = d->off[e + 1] - d->off[e];
		for (j = 0; j < REL_NW; j++)
			sl += w[j] * x[d->label[e] * REL_NW + j];
		for (i = 0; i < n && above < k; i++) {
			if (i == d->label[e])
				continue;
			s = 0;
			for (j = 0; j < REL_NW; j++)
				s += w[j] * x[i * REL_NW + j];
			above += s >= sl;
		}
		hits += above < k;
	}
	return (double)hits / (double)d->n;
}
