/*
 * xalloc — the one allocation family.  Every function aborts the process
 * with a message on stderr when memory is exhausted, so callers never test
 * for NULL.  Everything returned is owned by the caller and released with
 * free() (or xfree(&p), which also NULLs the pointer).
 */
#ifndef UPLIFT_XALLOC_H
#define UPLIFT_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* malloc(n); n == 0 is treated as 1 so the result is never NULL. */
void *xmalloc(size_t n);

/* calloc(nmemb, size) with overflow check; zero-filled. */
void *xcalloc(size_t nmemb, size_t size);

/* realloc(p, nmemb * size) with overflow check. */
void *xreallocarray(void *p, size_t nmemb, size_t size);

/* strdup(s); s must not be NULL. */
char *xstrdup(const char *s);

/* A NUL-terminated copy of the first n bytes of s (s need not be terminated). */
char *xstrndup(const char *s, size_t n);

/* Format into a newly allocated string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* free(*pp) and set *pp to NULL; pp itself must not be NULL. */
void xfree(void *pp);
/*
 * For a command that fills tens of MB and then exits (import, rebuild,
 * rules, eval): malloc's heap grown in steps of 64 MB, not trimmed and
 * given transparent huge pages, so that one page fault brings in 2 MB,
 * not 4 KB.  Call it once, before the work; it changes no result.  It
 * does nothing where malloc is not glibc's or its heap is not the
 * program break (a sanitizer's, valgrind's), and the kernel may ignore
 * the advice.  Not for the console: it keeps its heap small.
 */
void xalloc_bulk(void);

#endif
