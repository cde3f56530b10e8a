/*
 * par.c — pieces of pure work on the machine's cores (par.h).
 */
#include "model/par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct par_job {
	par_fn		*fn;
	void		*arg;
	size_t		 npieces;
	atomic_size_t	 next;		/* the next piece nobody took */
};

/* Take pieces until none is left. */
static void *
par_worker(void *p)
{
	struct par_job *job = p;
	size_t k;

	while ((k = atomic_fetch_add(&job->next, 1)) < job->npieces)
		job->fn(job->arg, k);
	return NULL;
}

int
par_threads(void)
{
	const char *e = getenv("UPLIFT_THREADS");
	long n;

	if (e != NULL && *e != '\0') {
		n = strtol(e, NULL, 10);
		if (n >= 1 && n <= PAR_THREADS_MAX)
			return (int)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > PAR_THREADS_MAX ? PAR_THREADS_MAX : (int)n;
}

void
par_run(size_t npieces, par_fn *fn, void *arg)
{
	pthread_t tid[PAR_THREADS_MAX];
	struct par_job job;
	size_t nt, started = 0, i;

	job.fn = fn;
	job.arg = arg;
	job.npieces = npieces;
	atomic_init(&job.next, 0);
	nt = (size_t)par_threads();
	if (nt > npieces)
		nt = npieces;
	for (i = 1; i < nt; i++)
		if (pthread_create(&tid[started], NULL, par_worker, &job) == 0)
			started++;
	par_worker(&job);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}
