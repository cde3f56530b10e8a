/*
 * mine_blob.c — the model blob: written from the mined parts, checked
 * when opened (magic, version, byte order, every offset and index in
 * range), and looked up (an item's index, a pair's counts).
 */
#include "model/mine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/baskets.h"
#include "model/buyer.h"
#include "model/civil.h"
#include "model/fit.h"
#include "model/store.h"
#include "model/strmap.h"
#include "model/xalloc.h"
#include "model/mine_int.h"
#include "model/store_orders.h"

void *
mine_blob_write(const struct parts *p, int64_t built, size_t *size)
{
	const size_t I = p->nitems;
	struct header h;
	char *out;
	size_t off, i;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, MODEL_MAGIC, 4);
	h.version = MODEL_VERSION;
	h.order = MODEL_ORDER;
	h.nbaskets = p->nbaskets;
	h.nitems = p->nitems;
	h.nrecent = p->nrecent;
	h.npairs = p->npairs;
	h.nnear = p->nnear;
	h.pairs_ge2 = p->pairs_ge2;
	h.built = built;
	h.until = p->until;
	h.fit_orders = p->fit.fit_orders;
	h.fit_examples = p->fit.fit_examples;
	h.fitted = (uint32_t)p->fit.fitted;
	h.nweights = REL_NW;
	h.fit_hr3_default = p->fit.fit_hr3_default;
	h.fit_hr3 = p->fit.fit_hr3;
	*size = sizeof h + mine_align8(I * 8) + 3 * mine_align8(I * 4) +
	    2 * mine_align8((I + 1) * 4) + mine_align8(p->npairs * sizeof *p->pairs) +
	    mine_align8(p->nnear * sizeof *p->near) + REL_NW * sizeof(double);
	out = xcalloc(1, *size);
	memcpy(out, &h, sizeof h);
	off = sizeof h;
	for (i = 0; i < I; i++) {
		int64_t id = p->ids != NULL ? p->ids[i] : 0;
		memcpy(out + off + i * 8, &id, 8);
	}
	off += mine_align8(I * 8);
	memcpy(out + off, p->freq, I * 4);
	off += mine_align8(I * 4);
	memcpy(out + off, p->recent, I * 4);
	off += mine_align8(I * 4);
	memcpy(out + off, p->last, I * 4);
	off += mine_align8(I * 4);
	memcpy(out + off, p->pstart, (I + 1) * 4);
	off += mine_align8((I + 1) * 4);
	if (p->npairs > 0)
		memcpy(out + off, p->pairs, p->npairs * sizeof *p->pairs);
	off += mine_align8(p->npairs * sizeof *p->pairs);
	memcpy(out + off, p->nstart, (I + 1) * 4);
	off += mine_align8((I + 1) * 4);
	if (p->nnear > 0)
		memcpy(out + off, p->near, p->nnear * sizeof *p->near);
	off += mine_align8(p->nnear * sizeof *p->near);
	memcpy(out + off, p->weights, REL_NW * sizeof(double));
	return out;
}

/* ---- a model in use ---------------------------------------------------------- */

/* The largest weight a sane fit gives (a damaged blob may hold any). */
#define MODEL_MAX_WEIGHT	1e6
/* Slack of a similarity over 1 from float rounding. */
#define MODEL_MAX_SIM		1.001f
/* Store ids above 16 per item (+ 64 Ki) mean a table too sparse. */
#define MODEL_STORE_SPREAD	16
#define MODEL_STORE_SLACK	65536

/* Point m's arrays into the blob (its layout is blob_write()'s). */
static void
model_point(struct model *m, const struct header *h, const char *base)
{
	size_t off = sizeof *h, I = h->nitems;

	m->nbaskets = h->nbaskets;
	m->nitems = h->nitems;
	m->nrecent = h->nrecent;
	m->built = h->built;
	m->until = h->until;
	m->pairs_ge2 = h->pairs_ge2;
	m->fit.fit_orders = h->fit_orders;
	m->fit.fit_examples = h->fit_examples;
	m->fit.fitted = h->fitted != 0;
	m->fit.fit_hr3_default = h->fit_hr3_default;
	m->fit.fit_hr3 = h->fit_hr3;
	m->store_id = (const int64_t *)(const void *)(base + off);
	off += mine_align8(I * 8);
	m->freq = (const uint32_t *)(const void *)(base + off);
	off += mine_align8(I * 4);
	m->recent = (const uint32_t *)(const void *)(base + off);
	off += mine_align8(I * 4);
	m->last = (const uint32_t *)(const void *)(base + off);
	off += mine_align8(I * 4);
	m->pstart = (const uint32_t *)(const void *)(base + off);
	off += mine_align8((I + 1) * 4);
	m->pairs = (const struct mine_pair *)(const void *)(base + off);
	off += mine_align8(h->npairs * sizeof *m->pairs);
	m->nstart = (const uint32_t *)(const void *)(base + off);
	off += mine_align8((I + 1) * 4);
	m->near = (const struct mine_near *)(const void *)(base + off);
	off += mine_align8(h->nnear * sizeof *m->near);
	m->weights = (const double *)(const void *)(base + off);
}

/*
 * Offsets, indexes and counts that can be true: a damaged blob must not
 * give figures such as an infinite lift.  0 if so, else -1.
 */
static int
model_check(const struct model *m, const struct header *h)
{
	size_t i, I = h->nitems;
	uint32_t k;

	if (m->pstart[0] != 0 || m->pstart[I] != h->npairs ||
	    m->nstart[0] != 0 || m->nstart[I] != h->nnear ||
	    h->nrecent > h->nbaskets)
		return -1;
	for (i = 0; i < I; i++)
		if (m->pstart[i] > m->pstart[i + 1] ||
		    m->nstart[i] > m->nstart[i + 1] ||
		    m->freq[i] > h->nbaskets || m->recent[i] > h->nrecent ||
		    m->recent[i] > m->freq[i] || m->last[i] > m->freq[i])
			return -1;
	for (i = 0; i < I; i++) {
		for (k = m->pstart[i]; k < m->pstart[i + 1]; k++) {
			const struct mine_pair *pr = &m->pairs[k];
			if (pr->item >= I || pr->item == i || pr->count == 0 ||
			    pr->count > m->freq[i] ||
			    pr->count > m->freq[pr->item] ||
			    pr->fwd > (uint64_t)pr->count * MODEL_SEQ_UNIT ||
			    pr->bwd > (uint64_t)pr->count * MODEL_SEQ_UNIT ||
			    (k > m->pstart[i] && pr[-1].item >= pr->item))
				return -1;
		}
		for (k = m->nstart[i]; k < m->nstart[i + 1]; k++)
			if (m->near[k].item >= I || m->near[k].item == i ||
			    !(m->near[k].sim >= 0 &&
			    m->near[k].sim <= MODEL_MAX_SIM))
				return -1;
	}
	for (i = 0; i < REL_NW; i++)
		if (!isfinite(m->weights[i]) ||
		    fabs(m->weights[i]) > MODEL_MAX_WEIGHT)
			return -1;
	return 0;
}

/* Store id -> index: ids are dense in practice; a table far larger than
 * the items it maps is refused (-1). */
static int
model_by_store(struct model *m)
{
	size_t i, I = m->nitems;

	m->max_store = 0;
	for (i = 0; i < I; i++)
		if (m->store_id[i] > m->max_store)
			m->max_store = m->store_id[i];
	if (m->max_store > MODEL_STORE_SPREAD * (int64_t)I + MODEL_STORE_SLACK)
		return -1;
	m->by_store = xmalloc(((size_t)m->max_store + 1) * sizeof *m->by_store);
	memset(m->by_store, 0xff, ((size_t)m->max_store + 1) *
	    sizeof *m->by_store);
	for (i = 0; i < I; i++)
		if (m->store_id[i] > 0)
			m->by_store[m->store_id[i]] = (uint32_t)i;
	return 0;
}

int
mine_open(struct model *m, void *blob, size_t size, char **cause)
{
	struct header h;
	size_t need, I;
	uint64_t np, nn;

	memset(m, 0, sizeof *m);
	if (size < sizeof h) {
		free(blob);
		*cause = xstrdup("the mined model is truncated; run uplift "
		    "rebuild");
		return -1;
	}
	memcpy(&h, blob, sizeof h);
	if (memcmp(h.magic, MODEL_MAGIC, 4) != 0 ||
	    h.version != MODEL_VERSION || h.order != MODEL_ORDER ||
	    h.nweights != REL_NW) {
		free(blob);
		*cause = xstrdup("the mined model is from another version or "
		    "machine; run uplift rebuild");
		return -1;
	}
	I = h.nitems;
	np = h.npairs;
	nn = h.nnear;
	if (np > size || nn > size || I > size)
		goto bad;
	need = sizeof h + mine_align8(I * 8) + 3 * mine_align8(I * 4) +
	    2 * mine_align8((I + 1) * 4) + mine_align8(np * sizeof *m->pairs) +
	    mine_align8(nn * sizeof *m->near) + REL_NW * sizeof(double);
	if (size != need)
		goto bad;
	m->blob = blob;
	m->size = size;
	model_point(m, &h, blob);
	if (model_check(m, &h) != 0 || model_by_store(m) != 0)
		goto bad;
	return 0;
bad:
	free(blob);
	memset(m, 0, sizeof *m);
	*cause = xstrdup("the mined model is damaged; run uplift rebuild");
	return -1;
}

int
mine_view(struct model *m, const struct parts *p, int64_t built)
{
	memset(m, 0, sizeof *m);
	m->nbaskets = p->nbaskets;
	m->nitems = p->nitems;
	m->nrecent = p->nrecent;
	m->built = built;
	m->until = p->until;
	m->pairs_ge2 = p->pairs_ge2;
	/* a file's items have no store ids: all 0, as a blob keeps them */
	if (p->ids == NULL)
		m->no_ids = xcalloc((size_t)p->nitems + 1, sizeof *m->no_ids);
	m->store_id = p->ids != NULL ? p->ids : m->no_ids;
	m->freq = p->freq;
	m->recent = p->recent;
	m->last = p->last;
	m->pstart = p->pstart;
	m->pairs = p->pairs;
	m->nstart = p->nstart;
	m->near = p->near;
	m->weights = p->weights;
	if (model_by_store(m) != 0) {
		mine_close(m);
		return -1;
	}
	return 0;
}

void
mine_close(struct model *m)
{
	free(m->blob);
	free(m->by_store);
	free(m->no_ids);
	memset(m, 0, sizeof *m);
}

int
mine_map_items(void *blob, size_t size,
    int64_t (*map)(void *arg, int64_t id), void *arg, char **cause)
{
	struct header h;
	char *ids = (char *)blob + sizeof h;
	int64_t v;
	size_t i;

	if (size < sizeof h) {
		*cause = xstrdup("the mined model is truncated");
		return -1;
	}
	memcpy(&h, blob, sizeof h);
	if (memcmp(h.magic, MODEL_MAGIC, 4) != 0 ||
	    h.version != MODEL_VERSION || h.order != MODEL_ORDER ||
	    (size - sizeof h) / 8 < h.nitems) {
		*cause = xstrdup("the mined model is from another version or "
		    "machine, or damaged");
		return -1;
	}
	for (i = 0; i < h.nitems; i++) {
		memcpy(&v, ids + i * 8, 8);
		v = v > 0 ? map(arg, v) : 0;
		memcpy(ids + i * 8, &v, 8);
	}
	return 0;
}

const struct mine_pair *
mine_pair(const struct model *m, uint32_t a, uint32_t b)
{
	uint32_t lo, hi, mid;

	if (a >= m->nitems)
		return NULL;
	lo = m->pstart[a];
	hi = m->pstart[a + 1];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->pairs[mid].item < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->pstart[a + 1] && m->pairs[lo].item == b ?
	    &m->pairs[lo] : NULL;
}

uint32_t
mine_pair_count(const struct model *m, uint32_t a, uint32_t b)
{
	const struct mine_pair *p = mine_pair(m, a, b);

	return p != NULL ? p->count : 0;
}

int
mine_rebuild(struct store *s, int64_t before, int64_t built,
    struct mine_stats *st, size_t *size, char **cause)
{
	struct mine_params mp = mine_default_params();
	struct baskets b;
	void *blob;
	size_t n;
	int rc;

	baskets_init(&b);
	if (store_baskets(s, before, &b, cause) != 0 ||
	    mine_build(&b, &mp, built, &blob, &n, st, cause) != 0) {
		baskets_free(&b);
		return -1;
	}
	baskets_free(&b);
	rc = store_model_save(s, MODEL_NAME, built, blob, n, cause);
	free(blob);
	if (rc == 0 && size != NULL)
		*size = n;
	return rc;
}
