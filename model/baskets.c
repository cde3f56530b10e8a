/*
 * baskets.c — the transaction database (model/baskets.h).
 *
 * Items are interned through a strmap (name -> dense id).  Baskets are
 * appended to one flat array of item ids with an offset per basket, each
 * basket sorted and made distinct on the way in; a parallel array keeps
 * the order each item was rung up in.
 *
 * The file reader is a line splitter over read() or gzread() (a gzip file
 * is recognised by its magic bytes, not its name; it is inflated on a
 * thread of its own, a chunk ahead of the splitting).  Rules for a line:
 *   - it ends at LF; a CR before the LF is dropped (CRLF files);
 *   - a UTF-8 byte order mark at the start of the file is skipped;
 *   - a line holding no item (blank, or separators only) is an empty
 *     basket: it counts in N, as in arules' read.transactions() and the
 *     FIMI format; a last line without LF still counts, but the end of
 *     the file after a final LF is not another line;
 *   - a NUL byte is an error (a binary file, not a basket list);
 *   - a line longer than BASKETS_MAX_LINE bytes is an error;
 *   - only regular files are read (no FIFO, device or directory).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "model/baskets.h"
#include "model/par.h"
#include "model/strmap.h"
#include "model/xalloc.h"

#define BASKETS_CHUNK		(64 * 1024)
#define BASKETS_MAX_LINE	(16 * 1024 * 1024)
#define BASKETS_MAX_COUNT	((size_t)UINT32_MAX - 1)
#define BASKETS_RESERVE		((size_t)16 << 20)	/* items, at most */

void
baskets_init(struct baskets *b)
{
	memset(b, 0, sizeof *b);
}

void
baskets_free(struct baskets *b)
{
	struct strmap	*m = b->index;
	size_t		 i;

	for (i = 0; i < b->nitems; i++)
		free(b->names[i]);
	if (b->titles != NULL)
		for (i = 0; i < b->nitems; i++)
			free(b->titles[i]);
	free(b->titles);
	free(b->names);
	free(b->items);
	free(b->pos);
	free(b->start);
	free(b->customer);
	free(b->at);
	free(b->ids);
	strmap_free(&m);
	memset(b, 0, sizeof *b);
}

uint32_t
baskets_item(struct baskets *b, const char *name, size_t len)
{
	struct strmap	*m;
	int64_t		 v;

	if (b->index == NULL)
		b->index = strmap_new();
	m = b->index;
	if (strmap_get(m, name, len, &v))
		return (uint32_t)v;
	if (b->nitems == b->cap_names) {
		b->cap_names = b->cap_names ? b->cap_names * 2 : 64;
		b->names = xreallocarray(b->names, b->cap_names,
		    sizeof *b->names);
		if (b->titles != NULL) {
			b->titles = xreallocarray(b->titles, b->cap_names,
			    sizeof *b->titles);
			memset(b->titles + b->nitems, 0, (b->cap_names -
			    b->nitems) * sizeof *b->titles);
		}
	}
	b->names[b->nitems] = xstrndup(name, len);
	strmap_put(m, name, len, (int64_t)b->nitems);
	return (uint32_t)b->nitems++;
}

/*
 * Sort v[0..n) (an id in the high half, its place in the low) by id, the
 * places of one id kept in order, with tmp[0..n) as scratch: insertion
 * for a few, else a byte-at-a-time radix sort of the ids, as many passes
 * as ids below max need (a basket of hundreds of items spent most of its
 * time in the comparisons of a Shell sort).
 */
static void
sort_ids(uint64_t *v, uint64_t *tmp, size_t n, uint32_t max)
{
	uint64_t	t, *from = v, *to = tmp, *swap;
	size_t		count[257], i, j;
	int		shift;

	if (n <= 32) {
		for (i = 1; i < n; i++) {
			t = v[i];
			for (j = i; j > 0 && v[j - 1] > t; j--)
				v[j] = v[j - 1];
			v[j] = t;
		}
		return;
	}
	for (shift = 32; shift < 64 && (max >> (shift - 32)) != 0;
	    shift += 8) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(from[i] >> shift & 0xff) + 1]++;
		for (i = 1; i < 256; i++)
			count[i] += count[i - 1];
		for (i = 0; i < n; i++)
			to[count[from[i] >> shift & 0xff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
}

/* Room for want items in b->items and b->pos (doubling as they grow). */
static void
items_reserve(struct baskets *b, size_t want)
{
	if (want <= b->cap_items)
		return;
	b->cap_items = b->cap_items ? b->cap_items : 4096;
	while (want > b->cap_items)
		b->cap_items *= 2;
	b->items = xreallocarray(b->items, b->cap_items, sizeof *b->items);
	b->pos = xreallocarray(b->pos, b->cap_items, sizeof *b->pos);
}

void
baskets_add(struct baskets *b, const uint32_t *ids, size_t n)
{
	uint64_t	*key, small[128];
	uint32_t	*at, atbuf[64], r;
	size_t		 base, i, k;

	if (b->start == NULL || b->nbaskets + 2 > b->cap_baskets) {
		size_t old = b->cap_baskets;

		b->cap_baskets = b->cap_baskets ? b->cap_baskets * 2 : 1024;
		b->start = xreallocarray(b->start, b->cap_baskets,
		    sizeof *b->start);
		if (b->nbaskets == 0)
			b->start[0] = 0;
		if (b->customer != NULL) {
			b->customer = xreallocarray(b->customer,
			    b->cap_baskets, sizeof *b->customer);
			b->at = xreallocarray(b->at, b->cap_baskets,
			    sizeof *b->at);
			memset(b->customer + old, 0, (b->cap_baskets - old) *
			    sizeof *b->customer);
			memset(b->at + old, 0, (b->cap_baskets - old) *
			    sizeof *b->at);
		}
	}
	base = b->start[b->nbaskets];
	items_reserve(b, base + n);
	/* The valid ids (an id out of range is dropped), each with where it
	 * came: sorted, the first of a run is the first appearance. */
	key = n <= sizeof small / sizeof small[0] / 2 ? small :
	    xreallocarray(NULL, 2 * n, sizeof *key);
	for (i = k = 0; i < n; i++)
		if (ids[i] < b->nitems) {
			key[k] = (uint64_t)ids[i] << 32 | k;
			k++;
		}
	n = k;
	sort_ids(key, key + n, n, (uint32_t)b->nitems);
	for (i = k = 0; i < n; i++)
		if (k == 0 || b->items[base + k - 1] != (uint32_t)(key[i] >> 32)) {
			b->items[base + k] = (uint32_t)(key[i] >> 32);
			b->pos[base + k] = (uint32_t)key[i];
			k++;
		}
	/* pos: the rank of each first appearance among the others — a
	 * prefix count over the places in the order given */
	at = n <= sizeof atbuf / sizeof atbuf[0] ? atbuf :
	    xcalloc(n, sizeof *at);
	memset(at, 0, n * sizeof *at);
	for (i = 0; i < k; i++)
		at[b->pos[base + i]] = (uint32_t)i + 1;
	for (i = 0, r = 0; i < n; i++)
		if (at[i] != 0)
			b->pos[base + at[i] - 1] = r++;
	if (at != atbuf)
		free(at);
	if (key != small)
		free(key);
	b->nbaskets++;
	b->start[b->nbaskets] = base + k;
}

void
baskets_add_meta(struct baskets *b, const uint32_t *ids, size_t n,
    int64_t customer, int64_t at)
{
	size_t	t;

	baskets_add(b, ids, n);
	t = b->nbaskets - 1;
	if (b->customer == NULL) {
		b->customer = xcalloc(b->cap_baskets, sizeof *b->customer);
		b->at = xcalloc(b->cap_baskets, sizeof *b->at);
	}
	b->customer[t] = customer;
	b->at[t] = at;
}

void
baskets_set_title(struct baskets *b, uint32_t id, const char *title,
    size_t len)
{
	if (id >= b->nitems)
		return;
	if (b->titles == NULL)
		b->titles = xcalloc(b->cap_names ? b->cap_names : 1,
		    sizeof *b->titles);
	free(b->titles[id]);
	b->titles[id] = xstrndup(title, len);
}

void
baskets_sequence(const struct baskets *b, size_t i, uint32_t *out,
    size_t *n)
{
	size_t	k, from = b->start[i];

	*n = b->start[i + 1] - from;
	for (k = 0; k < *n; k++)
		out[b->pos[from + k]] = b->items[from + k];
}

/* ---- a gzip file, inflated a chunk ahead --------------------------------- */

/*
 * The inflating takes a third of reading a compressed basket file; a
 * thread of its own inflates the next chunk while the lines of the last
 * one are split.  Two chunks: the thread fills one while the reader
 * empties the other.
 */
struct gzahead {
	gzFile		 gz;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	char		*chunk[2];
	size_t		 len[2];
	int		 full[2];
	int		 fill, take;	/* the chunk each side is at */
	int		 done;		/* the end, or an error (why[]) */
	int		 stop;		/* the reader is gone */
	char		 why[200];
};

/* After gzread() gave n <= 0: 0 at the end of the stream, else -1 with
 * what went wrong in why[size], for "cannot read: gzip: ...". */
static int
gz_end(gzFile gz, int n, char *why, size_t size)
{
	const char	*msg;
	int		 errnum;

	msg = gzerror(gz, &errnum);
	if (n == 0 && errnum == Z_OK)
		return 0;
	if (errnum == Z_BUF_ERROR)
		msg = "file is truncated";
	else if (errnum == Z_ERRNO)
		msg = strerror(errno);
	else if (strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": ") != NULL)
		msg = strstr(msg, ": ") + 2;
	snprintf(why, size, "%s", *msg != '\0' ? msg : "read error");
	return -1;
}

static void *
gzahead_run(void *arg)
{
	struct gzahead	*g = arg;
	int		 n;

	for (;;) {
		pthread_mutex_lock(&g->mu);
		while (g->full[g->fill] && !g->stop)
			pthread_cond_wait(&g->cv, &g->mu);
		if (g->stop) {
			pthread_mutex_unlock(&g->mu);
			return NULL;
		}
		pthread_mutex_unlock(&g->mu);
		n = gzread(g->gz, g->chunk[g->fill], BASKETS_CHUNK);
		pthread_mutex_lock(&g->mu);
		if (n > 0) {
			g->len[g->fill] = (size_t)n;
			g->full[g->fill] = 1;
			g->fill ^= 1;
		} else {
			gz_end(g->gz, n, g->why, sizeof g->why);
			g->done = 1;
		}
		pthread_cond_broadcast(&g->cv);
		pthread_mutex_unlock(&g->mu);
		if (n <= 0)
			return NULL;
	}
}

/* Start inflating gz ahead; 0, or -1 (then read it in line: also when
 * the work is to stay on one thread, UPLIFT_THREADS=1). */
static int
gzahead_start(struct gzahead *g, gzFile gz)
{
	memset(g, 0, sizeof *g);
	if (par_threads() < 2)
		return -1;
	g->gz = gz;
	g->chunk[0] = xmalloc(2 * (size_t)BASKETS_CHUNK);
	g->chunk[1] = g->chunk[0] + BASKETS_CHUNK;
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
	if (pthread_create(&g->th, NULL, gzahead_run, g) != 0) {
		pthread_cond_destroy(&g->cv);
		pthread_mutex_destroy(&g->mu);
		free(g->chunk[0]);
		g->chunk[0] = NULL;
		return -1;
	}
	return 0;
}

/* The next chunk into buf (room for BASKETS_CHUNK): its length, 0 at
 * the end, -1 with why[] set. */
static ssize_t
gzahead_take(struct gzahead *g, char *buf)
{
	size_t	n;

	pthread_mutex_lock(&g->mu);
	while (!g->full[g->take] && !g->done)
		pthread_cond_wait(&g->cv, &g->mu);
	if (!g->full[g->take]) {
		pthread_mutex_unlock(&g->mu);
		return g->why[0] != '\0' ? -1 : 0;
	}
	n = g->len[g->take];
	memcpy(buf, g->chunk[g->take], n);
	g->full[g->take] = 0;
	g->take ^= 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	return (ssize_t)n;
}

/* Stop the thread (it finishes the chunk it is inflating) and free. */
static void
gzahead_end(struct gzahead *g)
{
	if (g->chunk[0] == NULL)
		return;
	pthread_mutex_lock(&g->mu);
	g->stop = 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->th, NULL);
	pthread_cond_destroy(&g->cv);
	pthread_mutex_destroy(&g->mu);
	free(g->chunk[0]);
	g->chunk[0] = NULL;
}

/* ---- reading a basket file ---------------------------------------------- */

struct reader {
	const char	*path;
	int		 fd;
	gzFile		 gz;
	struct gzahead	*ahead;		/* inflating gz, or NULL */
	int		 sep;
	char		*buf;
	size_t		 cap, len;	/* bytes held, from buf[0] */
	long		 line;
	uint32_t	*ids;
	size_t		 nids, capids;
};

static int
reader_fail(char **cause, struct reader *r, const char *why)
{
	if (cause != NULL)
		*cause = xasprintf("%s:%ld: %s", r->path, r->line, why);
	return -1;
}

/* Read more bytes after buf[len]; returns the count, 0 at end, -1. */
static ssize_t
reader_more(struct reader *r, char **cause)
{
	char		 what[256];
	ssize_t		 n;
	size_t		 want;

	if (r->cap - r->len < BASKETS_CHUNK) {
		if (r->cap >= BASKETS_MAX_LINE + 2 * BASKETS_CHUNK) {
			r->line++;
			snprintf(what, sizeof what, "line longer than %d bytes",
			    BASKETS_MAX_LINE);
			return reader_fail(cause, r, what);
		}
		r->cap = r->cap ? r->cap * 2 : 2 * BASKETS_CHUNK;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	want = r->cap - r->len;
	if (want > BASKETS_CHUNK * 4)
		want = BASKETS_CHUNK * 4;
	if (r->ahead != NULL) {
		if ((n = gzahead_take(r->ahead, r->buf + r->len)) >= 0)
			return n;
		snprintf(what, sizeof what, "cannot read: gzip: %s",
		    r->ahead->why);
		r->line++;
		return reader_fail(cause, r, what);
	}
	if (r->gz != NULL) {
		char why[200];

		n = gzread(r->gz, r->buf + r->len, (unsigned)want);
		if (n > 0 || gz_end(r->gz, (int)n, why, sizeof why) == 0)
			return n;
		snprintf(what, sizeof what, "cannot read: gzip: %s", why);
		r->line++;
		return reader_fail(cause, r, what);
	}
	for (;;) {
		n = read(r->fd, r->buf + r->len, want);
		if (n >= 0)
			return n;
		if (errno != EINTR)
			break;
	}
	snprintf(what, sizeof what, "cannot read: %s", strerror(errno));
	r->line++;
	return reader_fail(cause, r, what);
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Add item s[0..len) (trimmed here) to the current basket. */
static void
reader_item(struct baskets *b, struct reader *r, const char *s, size_t len)
{
	while (len > 0 && is_blank((unsigned char)s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return;
	if (r->nids == r->capids) {
		r->capids = r->capids ? r->capids * 2 : 64;
		r->ids = xreallocarray(r->ids, r->capids, sizeof *r->ids);
	}
	r->ids[r->nids++] = baskets_item(b, s, len);
}

/* One line s[0..len), without its LF. */
static int
reader_line(struct baskets *b, struct reader *r, const char *s, size_t len,
    char **cause)
{
	size_t	i, from;

	r->line++;
	if (len > BASKETS_MAX_LINE) {
		char	what[64];

		snprintf(what, sizeof what, "line longer than %d bytes",
		    BASKETS_MAX_LINE);
		return reader_fail(cause, r, what);
	}
	if (r->line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (memchr(s, '\0', len) != NULL)
		return reader_fail(cause, r, "NUL byte: not a basket file");
	if (b->nbaskets >= BASKETS_MAX_COUNT)
		return reader_fail(cause, r, "too many baskets");
	r->nids = 0;
	from = 0;
	for (i = 0; i < len; i++) {
		if (r->sep != 0 ? s[i] == (char)r->sep :
		    is_blank((unsigned char)s[i])) {
			reader_item(b, r, s + from, i - from);
			from = i + 1;
		}
	}
	reader_item(b, r, s + from, len - from);
	if (b->nitems >= BASKETS_MAX_COUNT)
		return reader_fail(cause, r, "too many distinct items");
	baskets_add(b, r->ids, r->nids);
	return 0;
}

static int
reader_run(struct baskets *b, struct reader *r, char **cause)
{
	char	*nl;
	size_t	 pos;
	ssize_t	 n;

	for (;;) {
		n = reader_more(r, cause);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		r->len += (size_t)n;
		pos = 0;
		while ((nl = memchr(r->buf + pos, '\n', r->len - pos)) !=
		    NULL) {
			if (reader_line(b, r, r->buf + pos,
			    (size_t)(nl - (r->buf + pos)), cause) != 0)
				return -1;
			pos = (size_t)(nl - r->buf) + 1;
		}
		if (pos > 0) {
			memmove(r->buf, r->buf + pos, r->len - pos);
			r->len -= pos;
		}
	}
	if (r->len > 0)
		return reader_line(b, r, r->buf, r->len, cause);
	return 0;
}

int
baskets_read_file(struct baskets *b, const char *path, int sep,
    char **cause)
{
	struct reader	 r;
	struct gzahead	 ahead;
	struct stat	 st;
	unsigned char	 magic[2];
	ssize_t		 n;
	int		 rc;

	memset(&r, 0, sizeof r);
	r.path = path;
	r.sep = sep;
	r.fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (r.fd == -1) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(r.fd, &st) == -1) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		close(r.fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, S_ISDIR(st.st_mode) ?
			    "is a directory" : "not a regular file");
		close(r.fd);
		return -1;
	}
	do
		n = pread(r.fd, magic, sizeof magic, 0);
	while (n == -1 && errno == EINTR);
	if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		r.gz = gzdopen(r.fd, "rb");
		if (r.gz == NULL) {
			if (cause != NULL)
				*cause = xasprintf("%s: cannot open gzip "
				    "stream", path);
			close(r.fd);
			return -1;
		}
		r.fd = -1;	/* the gzFile owns it now */
		gzbuffer(r.gz, BASKETS_CHUNK);
		if (gzahead_start(&ahead, r.gz) == 0)
			r.ahead = &ahead;
	}
	/* A plain file holds at most one item per two bytes: room for that
	 * many (up to a bound) is taken at once, untouched until used, so
	 * the item arrays are never copied as they grow. */
	if (r.gz == NULL && b->cap_items == 0 && st.st_size > 0)
		items_reserve(b, (size_t)st.st_size / 2 + 1 < BASKETS_RESERVE ?
		    (size_t)st.st_size / 2 + 1 : BASKETS_RESERVE);
	rc = reader_run(b, &r, cause);
	if (r.ahead != NULL)
		gzahead_end(r.ahead);
	if (r.gz != NULL)
		gzclose(r.gz);
	else
		close(r.fd);
	free(r.buf);
	free(r.ids);
	return rc;
}
