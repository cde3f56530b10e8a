/*
 * rules.c — Eclat over bitset tid sets, rule generation and ordering
 * (model/rules.h); the exact thresholds are in rules_decimal.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/baskets.h"
#include "model/rules.h"
#include "model/xalloc.h"

void
rules_options_init(struct rules_options *o)
{
	const char	*why;

	memset(o, 0, sizeof *o);
	rules_decimal_parse("0.1", &o->min_support, &why);
	rules_decimal_parse("0.8", &o->min_confidence, &why);
	o->min_len = 1;
	o->max_len = 10;
}

void
rules_free(struct rules *r)
{
	free(r->v);
	free(r->lhs);
	memset(r, 0, sizeof *r);
}

/* ---- the miner ----------------------------------------------------------- */

/*
 * A frequent itemset in the prefix tree.  The children of a node extend
 * its itemset by one item of higher rank; they are contiguous and sorted
 * by rank.  Node 0 is the empty set; nodes 1 .. F are the frequent items,
 * node 1 + r holding the item of rank r.
 */
struct node {
	uint32_t	item;		/* rank */
	uint32_t	count;
	uint32_t	child;		/* first child, 0 if none */
	uint32_t	nchild;
};

struct miner {
	const struct baskets		*b;
	const struct rules_options	*o;
	uint32_t			 minc;
	uint32_t			 nfreq;		/* F                 */
	size_t				 w;		/* words per tid set */
	uint64_t			*arena;		/* tid set stack     */
	size_t				 arena_cap;	/* words             */
	uint32_t			*pos;		/* word index stack  */
	size_t				 pos_cap;
	uint32_t			*pairs;		/* triangle or NULL  */
	struct node			*nodes;
	size_t				 nnodes, cap_nodes;
	size_t				 max_itemsets, max_rules;
	uint32_t			*rank_id;	/* rank -> item id   */
	uint32_t			*name_rank;	/* id -> name order  */
	struct rules			*out;
	size_t				 cap_rules;	/* out->v's room     */
	size_t				 nlhs, cap_lhs;	/* out->lhs's        */
	char				*cause;
	int				 err;
};

static int
miner_fail(struct miner *m, int err, char *cause)
{
	m->err = err;
	free(m->cause);
	m->cause = cause;
	return err;
}

static int
arena_reserve(struct miner *m, size_t words)
{
	size_t	cap, max = RULES_MAX_TIDSETS / sizeof *m->arena;

	if (words <= m->arena_cap)
		return 0;
	if (words > max)
		return miner_fail(m, RULES_E_ITEMSETS, xasprintf("the frequent "
		    "itemsets need more than %zu MiB of tid sets: raise the "
		    "minimum support (now a count of %u in %zu baskets)",
		    RULES_MAX_TIDSETS >> 20, m->minc, m->b->nbaskets));
	cap = m->arena_cap ? m->arena_cap : 64;
	while (cap < words)
		cap *= 2;
	if (cap > max)
		cap = max;
	m->arena = xreallocarray(m->arena, cap, sizeof *m->arena);
	m->arena_cap = cap;
	return 0;
}

/* Room for n more nodes. */
static void
nodes_reserve(struct miner *m, size_t n)
{
	if (m->nnodes + n > m->cap_nodes) {
		while (m->nnodes + n > m->cap_nodes)
			m->cap_nodes = m->cap_nodes ? m->cap_nodes * 2 : 1024;
		m->nodes = xreallocarray(m->nodes, m->cap_nodes,
		    sizeof *m->nodes);
	}
}

/* Fail if n more frequent itemsets pass the limit. */
static int
nodes_limit(struct miner *m, size_t n)
{
	if (m->nnodes - 1 + n <= m->max_itemsets)
		return 0;
	return miner_fail(m, RULES_E_ITEMSETS, xasprintf("more than %zu "
	    "frequent itemsets: raise the minimum support (now a count of %u "
	    "in %zu baskets) or lower the maximum length", m->max_itemsets,
	    m->minc, m->b->nbaskets));
}

/*
 * dst = a & b over n words, b's words at[k] when at is given (a already
 * gathered) else b[k]; returns the bits set.  On x86-64 a second copy
 * uses the POPCNT instruction, picked at load time when the CPU has it
 * (the baseline ABI has no popcount instruction).
 */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("popcnt", "default")))
#endif
static uint32_t
and_count(uint64_t *dst, const uint64_t *a, const uint64_t *b,
    const uint32_t *at, size_t n)
{
	uint64_t	x, c = 0;
	size_t		k;

	if (at == NULL)
		for (k = 0; k < n; k++) {
			x = a[k] & b[k];
			dst[k] = x;
			c += (uint64_t)__builtin_popcountll(x);
		}
	else
		for (k = 0; k < n; k++) {
			x = a[k] & b[at[k]];
			dst[k] = x;
			c += (uint64_t)__builtin_popcountll(x);
		}
	return (uint32_t)c;
}

/*
 * Room for n more word indexes above pos[top].  The stack holds, for each
 * level of the current path, where its tid sets' words lie in its parent's.
 */
static void
pos_reserve(struct miner *m, size_t top, size_t n)
{
	if (top + n > m->pos_cap) {
		while (top + n > m->pos_cap)
			m->pos_cap = m->pos_cap ? m->pos_cap * 2 : 64;
		m->pos = xreallocarray(m->pos, m->pos_cap, sizeof *m->pos);
	}
}

/* The pair matrix cell of ranks i < j. */
static size_t
pair_index(uint32_t f, uint32_t i, uint32_t j)
{
	return (size_t)i * (2 * (size_t)f - i - 1) / 2 + (j - i - 1);
}

/*
 * Count the pairs of frequent items in a triangular matrix, if it fits:
 * the sum of k^2 / 2 over baskets, and no tid set for infrequent pairs.
 */
static void
miner_pairs(struct miner *m, const uint32_t *id_rank)
{
	const struct baskets	*b = m->b;
	uint32_t		*v, t, f = m->nfreq;
	size_t			 i, k, n, a, c, cap = 64;
	size_t			 max = m->o->max_pairs ? m->o->max_pairs :
				    RULES_MAX_PAIRS;

	if (f < 2 || (size_t)f * (f - 1) / 2 > max / sizeof *v)
		return;
	m->pairs = xcalloc((size_t)f * (f - 1) / 2, sizeof *m->pairs);
	v = xreallocarray(NULL, cap, sizeof *v);
	for (i = 0; i < b->nbaskets; i++) {
		n = 0;
		for (k = b->start[i]; k < b->start[i + 1]; k++) {
			if ((t = id_rank[b->items[k]]) == UINT32_MAX)
				continue;
			if (n == cap) {
				cap *= 2;
				v = xreallocarray(v, cap, sizeof *v);
			}
			/* Insert by rank (baskets are short). */
			for (c = n; c > 0 && v[c - 1] > t; c--)
				v[c] = v[c - 1];
			v[c] = t;
			n++;
		}
		for (a = 0; a + 1 < n; a++) {
			uint32_t *row = m->pairs + pair_index(f, v[a], v[a]+1);

			for (c = a + 1; c < n; c++)
				row[v[c] - v[a] - 1]++;
		}
	}
	free(v);
}

/*
 * Node i's tid set (of the siblings at arena[off ..], w words each) as its
 * children are to be counted: when its tids lie in at most three
 * quarters of the words, those words gathered into a set at arena[top]
 * (*cw of them, their indexes at *at, kept at pos[ptop ..]); else its own
 * set (*cw = w, *at NULL).  Room is made after that for nsets sets of
 * *cw words.  0, or the error.
 */
static int
miner_gather(struct miner *m, size_t off, size_t w, uint32_t i, size_t top,
    size_t ptop, size_t nsets, const uint64_t **bi, const uint32_t **at,
    size_t *cw)
{
	const uint64_t	*own = m->arena + off + (size_t)i * w;
	size_t		 n, t;
	uint64_t	*to;

	pos_reserve(m, ptop, w);
	for (t = n = 0; t < w; t++) {
		m->pos[ptop + n] = (uint32_t)t;
		n += own[t] != 0;
	}
	if (n * 4 > w * 3)
		n = w;
	if (arena_reserve(m, top + (n < w ? n : 0) + nsets * n) != 0)
		return m->err;
	*bi = m->arena + off + (size_t)i * w;	/* the arena may have moved */
	*at = NULL;
	*cw = n;
	if (n < w) {
		*at = m->pos + ptop;
		to = m->arena + top;
		for (t = 0; t < n; t++)
			to[t] = (*bi)[(*at)[t]];
		*bi = to;
	}
	return 0;
}

/*
 * Expand the k sibling nodes c0 .. c0+k-1, itemsets of `len` items whose
 * tid sets lie at arena[off ..] (w words each): for each one, intersect
 * with its right siblings, keep the frequent results as its children and
 * recurse.  The tid sets of children are pushed above the siblings'.  At
 * the first level the pair matrix, when there is one, skips infrequent
 * pairs (and gives the counts of the last level outright).
 *
 * A child's tids are among its parent's, so the children of a sparse node
 * keep only the words where the parent has tids (the projected bitsets of
 * Eclat, miner_gather): below the first levels a set is a few words, not
 * one bit a basket.  pos[ptop ..] is free for this level's word indexes.
 */
static int
miner_expand(struct miner *m, uint32_t c0, uint32_t k, size_t off,
    size_t w, size_t ptop, unsigned len)
{
	const uint64_t	*bi = NULL;
	uint64_t	*dst = NULL;
	const uint32_t	*row = NULL, *at = NULL;
	size_t		 top = off + (size_t)k * w, cw = w, up;
	uint32_t	 i, j, nc, nnew, cnt, got;
	int		 leaves = len + 1 >= m->o->max_len, sets;

	if (len >= m->o->max_len)
		return 0;
	for (i = 0; i + 1 < k; i++) {
		if (len == 1 && m->pairs != NULL)
			row = m->pairs + pair_index(m->nfreq, i, i + 1);
		/* Tid sets are needed unless the matrix gives leaf counts;
		 * leaves need one scratch set, inner nodes one each. */
		sets = row == NULL || !leaves;
		at = NULL;
		cw = w;
		if (sets && miner_gather(m, off, w, i, top, ptop, leaves ? 1 :
		    (size_t)(k - i - 1), &bi, &at, &cw) != 0)
			return m->err;
		up = at != NULL ? cw : 0;	/* the gathered set's room */
		if (sets)
			dst = m->arena + top + up;
		nodes_reserve(m, k - i - 1);
		nc = (uint32_t)m->nnodes;
		nnew = 0;
		for (j = i + 1; j < k; j++) {
			if (row != NULL && (cnt = row[j - i - 1]) < m->minc)
				continue;
			if (sets) {
				got = and_count(dst, bi, m->arena + off +
				    (size_t)j * w, at, cw);
				if (row == NULL && (cnt = got) < m->minc)
					continue;
			}
			m->nodes[nc + nnew].item = m->nodes[c0 + j].item;
			m->nodes[nc + nnew].count = cnt;
			m->nodes[nc + nnew].child = 0;
			m->nodes[nc + nnew].nchild = 0;
			nnew++;
			if (!leaves)
				dst += cw;
		}
		if (nnew == 0)
			continue;
		if (nodes_limit(m, nnew) != 0)
			return m->err;
		m->nnodes += nnew;
		m->nodes[c0 + i].child = nc;
		m->nodes[c0 + i].nchild = nnew;
		if (!leaves && miner_expand(m, nc, nnew, top + up, cw,
		    ptop + up, len + 1) != 0)
			return m->err;
	}
	return 0;
}

/*
 * The count of itemset path[0..n) minus path[skip] (ranks, ascending):
 * from anc[skip], the node of path[0..skip), down by path[skip+1 ..].
 */
static uint32_t
miner_count(const struct miner *m, const uint32_t *path, const uint32_t *anc,
    unsigned n, unsigned skip)
{
	const struct node	*c;
	uint32_t		 cur = anc[skip], lo, hi, mid;
	unsigned		 t;

	for (t = skip + 1; t < n; t++) {
		c = &m->nodes[cur];
		lo = c->child;
		hi = c->child + c->nchild;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (m->nodes[mid].item < path[t])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == c->child + c->nchild || m->nodes[lo].item != path[t])
			return 0;	/* cannot be: subsets are frequent */
		cur = lo;
	}
	return m->nodes[cur].count;
}

/* Rule path \ {path[j]} => path[j]: store it. */
static int
miner_rule(struct miner *m, const uint32_t *path, unsigned n, unsigned j,
    uint32_t count, uint32_t count_lhs)
{
	struct rules	*out = m->out;
	struct rule	*r;
	uint32_t	*lhs, t;
	unsigned	 a, b;

	if (out->n == m->max_rules)
		return miner_fail(m, RULES_E_RULES, xasprintf("more than %zu "
		    "rules: raise the minimum support or confidence, or lower "
		    "the maximum length", m->max_rules));
	if (out->n == m->cap_rules) {
		m->cap_rules = m->cap_rules ? m->cap_rules * 2 : 1024;
		if (m->cap_rules > m->max_rules)
			m->cap_rules = m->max_rules;
		out->v = xreallocarray(out->v, m->cap_rules, sizeof *out->v);
	}
	if (m->nlhs + n > m->cap_lhs) {
		while (m->nlhs + n > m->cap_lhs)
			m->cap_lhs = m->cap_lhs ? m->cap_lhs * 2 : 4096;
		out->lhs = xreallocarray(out->lhs, m->cap_lhs,
		    sizeof *out->lhs);
	}
	r = &out->v[out->n++];
	r->rhs = m->rank_id[path[j]];
	r->nlhs = n - 1;
	r->lhs = (uint32_t)m->nlhs;
	r->count = count;
	r->count_lhs = count_lhs;
	r->count_rhs = m->nodes[1 + path[j]].count;
	lhs = out->lhs + m->nlhs;
	for (a = b = 0; a < n; a++)
		if (a != j)
			lhs[b++] = m->rank_id[path[a]];
	/* Sort the antecedent by name. */
	for (a = 1; a + 1 < n; a++) {
		t = lhs[a];
		for (b = a; b > 0 &&
		    m->name_rank[lhs[b - 1]] > m->name_rank[t]; b--)
			lhs[b] = lhs[b - 1];
		lhs[b] = t;
	}
	m->nlhs += n - 1;
	return 0;
}

/*
 * Rules from the children of node p, whose itemset is path[0..n); anc[t]
 * is the node of path[0..t) for t <= n (anc[n] = p).
 */
static int
miner_rules(struct miner *m, uint32_t p, uint32_t *path, uint32_t *anc,
    unsigned n)
{
	const struct node	*c;
	uint32_t		 i, x;
	unsigned		 j;

	for (i = 0; i < m->nodes[p].nchild; i++) {
		c = &m->nodes[m->nodes[p].child + i];
		path[n] = c->item;
		if (n + 1 >= m->o->min_len) {
			for (j = 0; j <= n; j++) {
				x = j == n ? m->nodes[p].count :
				    miner_count(m, path, anc, n + 1, j);
				if (x == 0 || !rules_ratio_ge(c->count, x,
				    &m->o->min_confidence))
					continue;
				if (miner_rule(m, path, n + 1, j, c->count,
				    x) != 0)
					return m->err;
			}
		}
		if (c->nchild > 0) {
			anc[n + 1] = m->nodes[p].child + i;
			if (miner_rules(m, anc[n + 1], path, anc, n + 1) != 0)
				return m->err;
		}
	}
	return 0;
}

/* ---- ordering ------------------------------------------------------------ */

static int
rule_cmp(const struct miner *m, const struct rule *a, const struct rule *b)
{
	const uint32_t	*la = m->out->lhs + a->lhs, *lb = m->out->lhs + b->lhs;
	uint64_t	 pa, pb;
	uint32_t	 k, ra, rb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	/* Same count: the higher lift has the smaller count(X) · count(y). */
	pa = (uint64_t)a->count_lhs * a->count_rhs;
	pb = (uint64_t)b->count_lhs * b->count_rhs;
	if (pa != pb)
		return pa < pb ? -1 : 1;
	for (k = 0; k < a->nlhs && k < b->nlhs; k++) {
		ra = m->name_rank[la[k]];
		rb = m->name_rank[lb[k]];
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	if (a->nlhs != b->nlhs)
		return a->nlhs < b->nlhs ? -1 : 1;
	ra = m->name_rank[a->rhs];
	rb = m->name_rank[b->rhs];
	return ra < rb ? -1 : ra > rb;
}

/* Merge sort of v[0..n) with scratch tmp[0..n). */
static void
rule_sort(const struct miner *m, struct rule *v, struct rule *tmp, size_t n)
{
	size_t	h, i, j, k;

	if (n < 2)
		return;
	h = n / 2;
	rule_sort(m, v, tmp, h);
	rule_sort(m, v + h, tmp, n - h);
	if (rule_cmp(m, &v[h - 1], &v[h]) <= 0)
		return;
	memcpy(tmp, v, h * sizeof *v);
	i = 0;
	j = h;
	k = 0;
	while (i < h && j < n) {
		if (rule_cmp(m, &v[j], &tmp[i]) < 0)
			v[k++] = v[j++];
		else
			v[k++] = tmp[i++];
	}
	while (i < h)
		v[k++] = tmp[i++];
}

/* Merge sort of item ids v[0..n) by name, with scratch tmp[0..n). */
static void
name_sort(char *const *names, uint32_t *v, uint32_t *tmp, size_t n)
{
	size_t	h, i, j, k;

	if (n < 2)
		return;
	h = n / 2;
	name_sort(names, v, tmp, h);
	name_sort(names, v + h, tmp, n - h);
	memcpy(tmp, v, h * sizeof *v);
	i = 0;
	j = h;
	k = 0;
	while (i < h && j < n) {
		if (strcmp(names[v[j]], names[tmp[i]]) < 0)
			v[k++] = v[j++];
		else
			v[k++] = tmp[i++];
	}
	while (i < h)
		v[k++] = tmp[i++];
}

/* ---- rules_mine ---------------------------------------------------------- */

static int
miner_check(const struct baskets *b, const struct rules_options *o,
    char **cause)
{
	if (rules_decimal_is_zero(&o->min_support)) {
		*cause = xstrdup("the minimum support must be above 0");
		return -1;
	}
	if (o->min_len < 1 || o->max_len < o->min_len ||
	    o->max_len > RULES_MAX_LEN) {
		*cause = xasprintf("rule lengths must satisfy 1 <= minimum <= "
		    "maximum <= %d", RULES_MAX_LEN);
		return -1;
	}
	if (b->nbaskets > UINT32_MAX - 1) {
		*cause = xasprintf("too many baskets (%zu)", b->nbaskets);
		return -1;
	}
	return 0;
}

/* Rank the frequent items by (count, id): a stable counting sort. */
static void
miner_rank(struct miner *m, const uint32_t *count, uint32_t *id_rank)
{
	const struct baskets	*b = m->b;
	uint32_t		*order, *pos, maxc = 0, r;
	size_t			 i, f;

	m->rank_id = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *m->rank_id);
	for (i = f = 0; i < b->nitems; i++)
		if (count[i] >= m->minc) {
			m->rank_id[f++] = (uint32_t)i;
			if (count[i] > maxc)
				maxc = count[i];
		}
	order = xreallocarray(NULL, f ? f : 1, sizeof *order);
	pos = xcalloc((size_t)maxc + 2, sizeof *pos);
	for (i = 0; i < f; i++)
		pos[count[m->rank_id[i]] + 1]++;
	for (i = 1; i <= (size_t)maxc + 1; i++)
		pos[i] += pos[i - 1];
	for (i = 0; i < f; i++)
		order[pos[count[m->rank_id[i]]]++] = m->rank_id[i];
	memcpy(m->rank_id, order, f * sizeof *order);
	free(pos);
	free(order);
	m->nfreq = (uint32_t)f;
	for (i = 0; i < b->nitems; i++)
		id_rank[i] = UINT32_MAX;
	for (r = 0; r < f; r++)
		id_rank[m->rank_id[r]] = r;
}

/* The frequent itemsets into the prefix tree. */
static int
miner_itemsets(struct miner *m, const uint32_t *count,
    const uint32_t *id_rank)
{
	const struct baskets	*b = m->b;
	uint64_t		*bits;
	size_t			 i, k, f = m->nfreq, nb = b->nbaskets;
	uint32_t		 r;

	m->nnodes = 1;
	if (nodes_limit(m, f) != 0)
		return m->err;
	nodes_reserve(m, f);
	m->nodes[0].item = UINT32_MAX;
	m->nodes[0].count = (uint32_t)nb;
	m->nodes[0].child = f ? 1 : 0;
	m->nodes[0].nchild = (uint32_t)f;
	for (r = 0; r < f; r++) {
		m->nodes[1 + r].item = r;
		m->nodes[1 + r].count = count[m->rank_id[r]];
		m->nodes[1 + r].child = 0;
		m->nodes[1 + r].nchild = 0;
	}
	m->nnodes = 1 + f;
	if (f < 2 || m->o->max_len < 2)
		return 0;

	m->w = (nb + 63) / 64;
	miner_pairs(m, id_rank);
	if (m->pairs == NULL || m->o->max_len > 2) {
		if (f > RULES_MAX_TIDSETS / sizeof *m->arena / m->w)
			return arena_reserve(m, SIZE_MAX);
		if (arena_reserve(m, f * m->w) != 0)
			return m->err;
		bits = m->arena;
		memset(bits, 0, f * m->w * sizeof *bits);
		for (i = 0; i < nb; i++)
			for (k = b->start[i]; k < b->start[i + 1]; k++) {
				r = id_rank[b->items[k]];
				if (r != UINT32_MAX)
					bits[(size_t)r * m->w + i / 64] |=
					    (uint64_t)1 << (i % 64);
			}
	}
	return miner_expand(m, 1, (uint32_t)f, 0, m->w, 0, 1);
}

/* Item ids ranked by name (strcmp order) into m->name_rank. */
static void
miner_names(struct miner *m)
{
	const struct baskets	*b = m->b;
	uint32_t		*order, *tmp;
	size_t			 i;

	m->name_rank = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *m->name_rank);
	order = xreallocarray(NULL, b->nitems ? b->nitems : 1, sizeof *order);
	tmp = xreallocarray(NULL, b->nitems / 2 + 1, sizeof *tmp);
	for (i = 0; i < b->nitems; i++)
		order[i] = (uint32_t)i;
	name_sort(b->names, order, tmp, b->nitems);
	for (i = 0; i < b->nitems; i++)
		m->name_rank[order[i]] = (uint32_t)i;
	free(tmp);
	free(order);
}

static void
miner_free(struct miner *m)
{
	free(m->arena);
	free(m->pos);
	free(m->pairs);
	free(m->nodes);
	free(m->rank_id);
	free(m->name_rank);
	free(m->cause);
	memset(m, 0, sizeof *m);
}

int
rules_mine(const struct baskets *b, const struct rules_options *o,
    struct rules *out, char **cause)
{
	struct miner	 m;
	struct rule	*tmp;
	uint32_t	*count, *id_rank, path[RULES_MAX_LEN];
	uint32_t	 anc[RULES_MAX_LEN + 1];
	size_t		 i, k;
	int		 rc;

	memset(out, 0, sizeof *out);
	if (miner_check(b, o, cause) != 0)
		return -1;
	memset(&m, 0, sizeof m);
	m.b = b;
	m.o = o;
	m.out = out;
	m.max_itemsets = o->max_itemsets ? o->max_itemsets : RULES_MAX_ITEMSETS;
	if (m.max_itemsets > UINT32_MAX - 2)
		m.max_itemsets = UINT32_MAX - 2;
	m.max_rules = o->max_rules ? o->max_rules : RULES_MAX_RULES;
	if (m.max_rules > RULES_MAX_RULES_CAP)
		m.max_rules = RULES_MAX_RULES_CAP;
	m.minc = (uint32_t)rules_min_count(&o->min_support, b->nbaskets);
	if (m.minc == 0)
		m.minc = 1;
	out->nbaskets = (uint32_t)b->nbaskets;
	out->min_count = m.minc;

	count = xcalloc(b->nitems ? b->nitems : 1, sizeof *count);
	id_rank = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *id_rank);
	for (i = 0; i < b->nbaskets; i++)
		for (k = b->start[i]; k < b->start[i + 1]; k++)
			count[b->items[k]]++;
	miner_rank(&m, count, id_rank);
	out->nfrequent = m.nfreq;
	rc = miner_itemsets(&m, count, id_rank);
	free(count);
	free(id_rank);
	free(m.arena);
	m.arena = NULL;
	free(m.pos);
	m.pos = NULL;
	free(m.pairs);
	m.pairs = NULL;
	if (rc != 0)
		goto fail;
	out->nitemsets = m.nnodes - 1;

	/* Store the rules, then order them. */
	miner_names(&m);
	anc[0] = 0;
	if (miner_rules(&m, 0, path, anc, 0) != 0)
		goto fail;
	/* the growth's slack back before the sort's scratch */
	if (out->n > 0) {
		out->v = xreallocarray(out->v, out->n, sizeof *out->v);
		out->lhs = xreallocarray(out->lhs, m.nlhs + 1,
		    sizeof *out->lhs);
	}
	free(m.nodes);
	m.nodes = NULL;
	tmp = xreallocarray(NULL, out->n / 2 + 1, sizeof *tmp);
	rule_sort(&m, out->v, tmp, out->n);
	free(tmp);
	miner_free(&m);
	return 0;

fail:
	rc = m.err;
	*cause = m.cause;
	m.cause = NULL;
	miner_free(&m);
	rules_free(out);
	return rc;
}
