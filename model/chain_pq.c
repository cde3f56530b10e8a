/*
 * chain_pq.c — libpq opened on first use (chain_pq.h).
 */
#include "model/chain_pq.h"

#include <dlfcn.h>
#include <string.h>

#include "model/xalloc.h"

struct chain_pq_api chain_pq;

/* The soname of libpq 5 (every PostgreSQL since 8.0). */
#define CHAIN_PQ_LIBRARY "libpq.so.5"

int
chain_pq_load(char **cause)
{
	static void *lib;
	struct chain_pq_api t;
	const char *missing = NULL;
	void *h;

	if (lib != NULL)
		return 0;
	if ((h = dlopen(CHAIN_PQ_LIBRARY, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		const char *e = dlerror();
		*cause = xasprintf("the chain needs the PostgreSQL client "
		    "library %s (Debian package libpq5): %s", CHAIN_PQ_LIBRARY,
		    e != NULL ? e : "not found");
		return -1;
	}
	memset(&t, 0, sizeof t);
	/* dlsym() gives an object pointer: copied into the function
	 * pointer (POSIX makes them the same size) rather than cast. */
#define CHAIN_PQ_SYM(f) \
	if (missing == NULL) { \
		void *sym = dlsym(h, #f); \
		if (sym == NULL) \
			missing = #f; \
		memcpy(&t.p_##f, &sym, sizeof sym); \
	}
	CHAIN_PQ_FUNCTIONS(CHAIN_PQ_SYM)
#undef CHAIN_PQ_SYM
	if (missing != NULL) {
		*cause = xasprintf("%s has no %s: the PostgreSQL client "
		    "library is too old for uplift", CHAIN_PQ_LIBRARY, missing);
		dlclose(h);
		return -1;
	}
	chain_pq = t;
	lib = h;
	return 0;
}
