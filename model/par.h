/*
 * par — pure work in pieces, on the machine's cores.
 *
 * The caller cuts its work into a fixed number of pieces that depend on
 * the data only, never on the number of cores; each piece writes only
 * its own output, and the caller joins the outputs in piece order.  So
 * the result is the same, to the bit, on one core or on eight; the
 * cores only change how soon it is there.  Used by the model's rebuild
 * (counting pairs, the fit's examples and its objective) — nothing that
 * touches the store, the screen or a global.
 */
#ifndef UPLIFT_PAR_H
#define UPLIFT_PAR_H

#include <stddef.h>

/* Threads at most, the caller's own included. */
#define PAR_THREADS_MAX 8

/* One piece: fn(arg, piece) for piece in 0..npieces-1. */
typedef void par_fn(void *arg, size_t piece);

/*
 * Run fn on every piece 0..npieces-1 and return when all are done.  The
 * pieces are taken in turn by up to par_threads() threads (the calling
 * thread is one of them); if a thread cannot be started, the others do
 * its share.  fn must not touch what another piece writes.
 */
void par_run(size_t npieces, par_fn *fn, void *arg);

/*
 * The threads par_run() uses: the cores online, at most PAR_THREADS_MAX;
 * the environment's UPLIFT_THREADS (1 to PAR_THREADS_MAX) instead when
 * set, e.g. 1 to profile or debug in one thread.
 */
int par_threads(void);

#endif
