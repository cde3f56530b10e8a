/*
 * journal.c — the offers a session could not write, beside the database
 * (model/journal.h).
 *
 * A record is one line of tab-separated fields ending in the CRC-32 of
 * what comes before it:
 *     O  jkey at clerk counter customer item kind diff outcome reason
 *        variant training reservation room_type  crc
 *     R  offer_id reason crc            (a saved offer's reason)
 *     K  jkey reason crc                (a kept offer's reason)
 * Text (counter, variant) is hex, so no byte of it can end a field; "-"
 * stands for NULL.  The file may end in zeros (its reserved space).
 */
#include "model/journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "model/store.h"
#include "model/store_offers.h"
#include "model/text.h"
#include "model/xalloc.h"

struct journal {
	int    fd;
	char  *path;
	off_t  len;        /* bytes of records written */
};

#define JOURNAL_LINE_MAX 1024

void
journal_new_key(char key[JOURNAL_KEY_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[JOURNAL_KEY_LEN / 2];
	size_t i;

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
		/* no entropy source: the time and the address of r */
		uint64_t v = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)r ^
		    ((uint64_t)getpid() << 32);
		memcpy(r, &v, sizeof r < sizeof v ? sizeof r : sizeof v);
	}
	for (i = 0; i < sizeof r; i++) {
		key[2 * i] = hex[r[i] >> 4];
		key[2 * i + 1] = hex[r[i] & 15];
	}
	key[JOURNAL_KEY_LEN] = '\0';
}

/* The directory of db_path and the prefix of its journals' names. */
static void
journal_names(const char *db_path, char **dir, char **prefix)
{
	const char *slash = strrchr(db_path, '/');

	*dir = slash == NULL ? xstrdup(".") : slash == db_path ? xstrdup("/") :
	    xstrndup(db_path, (size_t)(slash - db_path));
	*prefix = xasprintf("%s-pending-", slash == NULL ? db_path :
	    slash + 1);
}

int
journal_open(struct journal **out, const char *db_path, char **cause)
{
	struct journal *j;
	struct stat sb;
	char *p;
	int fd, rc;

	*out = NULL;
	/* made under a name replays do not look at, and given its real
	 * name only once it is locked: a console starting at that moment
	 * must not take a new journal for a dead one's and remove it */
	p = xasprintf("%s-pendnew-%ld.XXXXXX", db_path, (long)getpid());
	/* mkstemp: O_CREAT|O_EXCL, mode 0600; a name planted before is
	 * never opened */
	if ((fd = mkstemp(p)) < 0) {
		char *c = text_cleans(p, 60);
		*cause = xasprintf("%s: %s", c, strerror(errno));
		free(c);
		free(p);
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0 ||
	    flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char *c = text_cleans(p, 60);
		*cause = xasprintf("%s: not a private file of this user", c);
		free(c);
		close(fd);
		unlink(p);
		free(p);
		return -1;
	}
	/* room for rows once the disk is full */
	if ((rc = posix_fallocate(fd, 0, JOURNAL_RESERVE)) != 0) {
		char *c = text_cleans(p, 60);
		*cause = xasprintf("%s: cannot reserve its space: %s", c,
		    strerror(rc));
		free(c);
		close(fd);
		unlink(p);
		free(p);
		return -1;
	}
	{
		char *real = xstrdup(p), *at = strstr(real, "-pendnew-");

		memcpy(at, "-pending-", 9);
		if (rename(p, real) != 0) {
			char *c = text_cleans(real, 60);
			*cause = xasprintf("%s: %s", c, strerror(errno));
			free(c);
			free(real);
			close(fd);
			unlink(p);
			free(p);
			return -1;
		}
		free(p);
		p = real;
	}
	j = xcalloc(1, sizeof *j);
	j->fd = fd;
	j->path = p;
	j->len = 0;
	*out = j;
	return 0;
}

const char *
journal_path(const struct journal *j)
{
	return j->path;
}

/* Append line (without its CRC and newline) and sync.  0 or -1. */
static int
journal_put(struct journal *j, const char *line, char **cause)
{
	char buf[JOURNAL_LINE_MAX + 16];
	int n;
	ssize_t w;

	n = snprintf(buf, sizeof buf, "%s\t%08lx\n", line,
	    (unsigned long)crc32(0, (const unsigned char *)line,
	    (uInt)strlen(line)));
	if (n < 0 || (size_t)n >= sizeof buf) {
		*cause = xstrdup("a journal record too long");
		return -1;
	}
	w = pwrite(j->fd, buf, (size_t)n, j->len);
	if (w != n || fdatasync(j->fd) != 0) {
		char *c = text_cleans(j->path, 60);
		*cause = xasprintf("%s: %s", c, w < 0 || w == n ?
		    strerror(errno) : "short write");
		free(c);
		return -1;
	}
	j->len += n;
	return 0;
}

/* Text as hex ("-" for NULL) into a malloc'd string. */
static char *
hex_of(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n, i;
	char *out;

	if (s == NULL)
		return xstrdup("-");
	n = strlen(s);
	out = xmalloc(2 * n + 1);
	for (i = 0; i < n; i++) {
		out[2 * i] = hex[(unsigned char)s[i] >> 4];
		out[2 * i + 1] = hex[(unsigned char)s[i] & 15];
	}
	out[2 * n] = '\0';
	return out;
}

int
journal_offer(struct journal *j, const struct offer_rec *o, char **cause)
{
	char *counter = hex_of(o->counter), *variant = hex_of(o->variant);
	char *line;
	int rc;

	line = xasprintf("O\t%s\t%" PRId64 "\t%" PRId64 "\t%s\t%" PRId64 "\t%"
	    PRId64 "\t%d\t%" PRId64 "\t%d\t%d\t%s\t%d\t%" PRId64 "\t%" PRId64
	    "\t%" PRId64,
	    o->jkey != NULL ? o->jkey : "-", o->at, o->clerk_id, counter,
	    o->customer_id, o->item_id, o->kind, o->price_diff, o->outcome,
	    o->reason, variant, o->training, o->reservation_id,
	    o->room_type_id, o->addon_id);
	free(counter);
	free(variant);
	if (strlen(line) > JOURNAL_LINE_MAX) {
		*cause = xstrdup("an offer too long for the journal");
		free(line);
		return -1;
	}
	rc = journal_put(j, line, cause);
	free(line);
	return rc;
}

int
journal_reason(struct journal *j, int64_t offer_id, const char *jkey,
    int reason, char **cause)
{
	char line[64];

	if (offer_id > 0)
		snprintf(line, sizeof line, "R\t%" PRId64 "\t%d", offer_id,
		    reason);
	else
		snprintf(line, sizeof line, "K\t%.*s\t%d", JOURNAL_KEY_LEN,
		    jkey != NULL ? jkey : "-", reason);
	return journal_put(j, line, cause);
}

int
journal_clear(struct journal *j)
{
	char zero[4096];
	off_t off;
	size_t n;

	memset(zero, 0, sizeof zero);
	for (off = 0; off < j->len; off += (off_t)n) {
		n = j->len - off < (off_t)sizeof zero ? (size_t)(j->len - off) :
		    sizeof zero;
		if (pwrite(j->fd, zero, n, off) != (ssize_t)n)
			return -1;
	}
	if (fdatasync(j->fd) != 0)
		return -1;
	j->len = 0;
	return 0;
}

void
journal_close(struct journal **jp, int keep)
{
	struct journal *j = *jp;

	if (j == NULL)
		return;
	if (!keep || j->len == 0)
		unlink(j->path);
	close(j->fd);           /* releases the lock */
	free(j->path);
	free(j);
	*jp = NULL;
}

/* ---- replay ---------------------------------------------------------------- */

/* Hex back to text into a malloc'd string ("-": NULL); NULL if bad. */
static int
unhex(const char *h, char **out)
{
	size_t n = strlen(h), i;
	char *s;
	int hi, lo;

	*out = NULL;
	if (strcmp(h, "-") == 0)
		return 0;
	if (n % 2 != 0)
		return -1;
	s = xmalloc(n / 2 + 1);
	for (i = 0; i < n / 2; i++) {
		hi = h[2 * i] >= 'a' ? h[2 * i] - 'a' + 10 : h[2 * i] - '0';
		lo = h[2 * i + 1] >= 'a' ? h[2 * i + 1] - 'a' + 10 :
		    h[2 * i + 1] - '0';
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
			free(s);
			return -1;
		}
		s[i] = (char)(hi << 4 | lo);
	}
	s[n / 2] = '\0';
	*out = s;
	return 0;
}

/* Split line at tabs into at most max fields; their number. */
static int
split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		f[n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

/* Apply one record (its CRC checked); 1 applied, 0 not a record (a torn
 * line, the reserved zeros), -1 with *cause. */
static int
replay_line(struct store *s, char *line, char **cause)
{
	char *f[20], *tab, *counter = NULL, *variant = NULL;
	struct offer_rec o;
	unsigned long crc;
	int64_t id;
	int n, rc;

	if ((tab = strrchr(line, '\t')) == NULL)
		return 0;
	crc = strtoul(tab + 1, NULL, 16);
	*tab = '\0';
	if (crc != (unsigned long)crc32(0, (const unsigned char *)line,
	    (uInt)strlen(line)))
		return 0;
	n = split(line, f, 20);
	if (f[0][0] == 'R' && n == 3)
		return store_offer_set_reason(s, strtoll(f[1], NULL, 10), NULL,
		    (int)strtol(f[2], NULL, 10), cause) == 0 ? 1 : -1;
	if (f[0][0] == 'K' && n == 3)
		return store_offer_set_reason(s, 0, f[1], (int)strtol(f[2], NULL, 10),
		    cause) == 0 ? 1 : -1;
	/* 16 fields since the desk's add-ons (issue 17); 15 before */
	if (f[0][0] != 'O' || (n != 15 && n != 16) || unhex(f[4], &counter) != 0 ||
	    unhex(f[11], &variant) != 0) {
		free(counter);
		return 0;
	}
	memset(&o, 0, sizeof o);
	o.jkey = strcmp(f[1], "-") == 0 ? NULL : f[1];
	o.at = strtoll(f[2], NULL, 10);
	o.clerk_id = strtoll(f[3], NULL, 10);
	o.counter = counter;
	o.customer_id = strtoll(f[5], NULL, 10);
	o.item_id = strtoll(f[6], NULL, 10);
	o.kind = (int)strtol(f[7], NULL, 10);
	o.price_diff = strtoll(f[8], NULL, 10);
	o.outcome = (int)strtol(f[9], NULL, 10);
	o.reason = (int)strtol(f[10], NULL, 10);
	o.variant = variant;
	o.training = (int)strtol(f[12], NULL, 10);
	o.reservation_id = strtoll(f[13], NULL, 10);
	o.room_type_id = strtoll(f[14], NULL, 10);
	o.addon_id = n == 16 ? strtoll(f[15], NULL, 10) : 0;
	rc = store_offer_put(s, &o, &id, cause);
	free(counter);
	free(variant);
	return rc == 0 ? 1 : -1;
}

/* Replay one journal file (locked by the caller) into s.  0 or -1. */
static int
replay_file(struct store *s, int fd, size_t *rows, char **cause)
{
	char buf[8192], line[JOURNAL_LINE_MAX + 32];
	size_t ll = 0;
	ssize_t n, i;
	int rc;

	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (i = 0; i < n; i++) {
			if (buf[i] == '\0')
				return 0;      /* the reserved space */
			if (buf[i] != '\n') {
				if (ll < sizeof line - 1)
					line[ll++] = buf[i];
				continue;
			}
			line[ll] = '\0';
			ll = 0;
			if ((rc = replay_line(s, line, cause)) < 0)
				return -1;
			*rows += (size_t)rc;
		}
	}
	if (n < 0) {
		*cause = xasprintf("cannot read a journal: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
journal_replay(struct store *s, const char *db_path, size_t *rows,
    size_t *files, char **cause)
{
	DIR *d;
	struct dirent *e;
	struct stat sb;
	char *dir, *prefix, *p;
	int *fds = NULL;
	char **paths = NULL;
	size_t n = 0, i, plen;
	int fd, rc = 0;

	*rows = 0;
	*files = 0;
	journal_names(db_path, &dir, &prefix);
	plen = strlen(prefix);
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		free(prefix);
		return 0;
	}
	/* the journals no live session holds: their lock is free */
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, plen - 8) == 0 &&
		    strncmp(e->d_name + plen - 8, "pendnew-", 8) == 0) {
			/* one a session was killed before naming: empty;
			 * removed once it is a minute old and unlocked */
			p = xasprintf("%s/%s", dir, e->d_name);
			fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0 && fstat(fd, &sb) == 0 &&
			    sb.st_uid == geteuid() &&
			    sb.st_mtime < time(NULL) - 60 &&
			    flock(fd, LOCK_EX | LOCK_NB) == 0)
				unlink(p);
			if (fd >= 0)
				close(fd);
			free(p);
			continue;
		}
		if (strncmp(e->d_name, prefix, plen) != 0)
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0 ||
		    flock(fd, LOCK_EX | LOCK_NB) != 0) {
			/* held by a live session, or not ours: left alone */
			if (fd >= 0)
				close(fd);
			free(p);
			continue;
		}
		fds = xreallocarray(fds, n + 1, sizeof *fds);
		paths = xreallocarray(paths, n + 1, sizeof *paths);
		fds[n] = fd;
		paths[n++] = p;
	}
	closedir(d);
	if (n > 0) {
		if (store_begin(s, cause) != 0)
			rc = -1;
		for (i = 0; i < n && rc == 0; i++)
			rc = replay_file(s, fds[i], rows, cause);
		if (rc == 0)
			rc = store_commit(s, cause);
		else
			store_rollback(s);
		for (i = 0; i < n; i++) {
			if (rc == 0)
				unlink(paths[i]);
			close(fds[i]);
			free(paths[i]);
		}
		if (rc == 0)
			*files = n;
	}
	free(fds);
	free(paths);
	free(dir);
	free(prefix);
	return rc;
}
