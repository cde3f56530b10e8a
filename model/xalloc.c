#define _DEFAULT_SOURCE              /* sbrk(), madvise(), MADV_HUGEPAGE */
#include "model/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static void
xalloc_die(size_t n)
{
	fprintf(stderr, "uplift: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		xalloc_die(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL)
		xalloc_die(nmemb * size);
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	void *q;

	if (size != 0 && nmemb > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	q = realloc(p, (nmemb * size) != 0 ? nmemb * size : 1);
	if (q == NULL)
		xalloc_die(nmemb * size);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xalloc_die(0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
xfree(void *pp)
{
	void **p = pp;

	free(*p);
	*p = NULL;
}

/*
 * A page fault costs about 10 us on the virtual machines uplift is
 * measured on (4 KB each: 0.08 s for 32 MB), and a rebuild of Online
 * Retail touches 35 MB: with huge pages its faults go from 10,700 to
 * 3,300 and its time down by an eighth; rules on Groceries by a tenth
 * (make bench).  glibc's own switch for this, the glibc.malloc.hugetlb
 * tunable, is read from the environment at start-up only.
 */
void
xalloc_bulk(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
	const size_t huge = (size_t)2 << 20, pad = (size_t)64 << 20;
	uintptr_t from, to, brk;
	void *p;

	/* below 32 MB from the heap, grown 64 MB at a time, never trimmed */
	if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 ||
	    mallopt(M_TRIM_THRESHOLD, 256 << 20) != 1 ||
	    mallopt(M_TOP_PAD, (int)pad) != 1)
		return;
	p = xmalloc(huge);      /* the heap grown now, its top free */
	brk = (uintptr_t)sbrk(0);
	/* only a heap at the program break, with p in its last 64 MB */
	if (brk != (uintptr_t)-1 && (uintptr_t)p < brk &&
	    brk - (uintptr_t)p <= 2 * pad) {
		from = ((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1);
		to = brk & ~(uintptr_t)(huge - 1);
		if (to > from)
			(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
	}
	free(p);
#endif
}
