#include "model/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "model/xalloc.h"

struct slot {
	char    *key;     /* NULL: empty */
	size_t   len;
	uint64_t hash;
	int64_t  val;
};

struct strmap {
	struct slot *slots;
	size_t       cap;    /* a power of two */
	size_t       count;
};

static uint64_t
strmap_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof *m);

	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void
strmap_free(struct strmap **mp)
{
	struct strmap *m = *mp;
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
	*mp = NULL;
}

static struct slot *
strmap_find(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	struct slot *sl;

	for (;;) {
		sl = &m->slots[i];
		if (sl->key == NULL || (sl->hash == h && sl->len == len &&
		    memcmp(sl->key, key, len) == 0))
			return sl;
		i = (i + 1) & (m->cap - 1);
	}
}

static void
strmap_grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key != NULL)
			*strmap_find(m, old[i].key, old[i].len, old[i].hash) =
			    old[i];
	}
	free(old);
}

int
strmap_get(const struct strmap *m, const char *key, size_t len, int64_t *val)
{
	struct slot *sl = strmap_find(m, key, len, strmap_hash(key, len));

	if (sl->key == NULL)
		return 0;
	*val = sl->val;
	return 1;
}

void
strmap_put(struct strmap *m, const char *key, size_t len, int64_t val)
{
	uint64_t h = strmap_hash(key, len);
	struct slot *sl;

	if ((m->count + 1) * 4 > m->cap * 3)
		strmap_grow(m);
	sl = strmap_find(m, key, len, h);
	if (sl->key == NULL) {
		sl->key = xstrndup(key, len);
		sl->len = len;
		sl->hash = h;
		m->count++;
	}
	sl->val = val;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->count;
}
