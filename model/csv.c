/*
 * csv — a streaming RFC 4180 reader with hard limits.  See csv.h.
 *
 * The reader is one byte-level state machine over a 256 KiB input buffer
 * filled with read() or gzread().  The buffer carries a NUL sentinel after
 * its last byte, so the inner copy loops test nothing but a 256-byte class
 * table: the sentinel and a real NUL both stop them, and only then is the
 * end of the buffer checked.  Fields are copied, NUL-terminated, one after
 * the other into one growable record buffer; an array of offsets marks
 * where each starts.  No allocation happens per field or per record once
 * the buffers have grown to fit.
 *
 * Every input byte yields at most one output byte (a delimiter becomes the
 * field's NUL, "" becomes "), so reserving the rest of the input buffer
 * plus one byte after each refill is enough for the whole chunk; limits are
 * checked at the end of each field and at each refill, which bounds memory
 * to the limits plus one chunk however long a line is.
 *
 * UTF-8: the copy loops OR every byte of a field together; only a field
 * with a byte >= 0x80 is handed to text_valid_utf8().  ASCII costs one OR
 * per byte.
 *
 * Line numbers: LF, CR and CRLF each end one physical line, inside quoted
 * fields too.  A CR that ends a record leaves skip_lf set so that the LF of
 * its CRLF is eaten by the next csv_next() without counting a second line.
 *
 * Empty lines: an empty physical line is a record with one empty field,
 * except that empty lines at the end of the file are not records.  Runs of
 * empty lines are counted (pending) and handed out one by one only once
 * something other than a line end follows them.
 *
 * Limits: a zero member of the caller's struct csv_limits means "the
 * default" for that member.
 *
 * Messages: errors cite the record's start line, except "unterminated
 * quoted field (opened here)", which cites the line of the opening quote
 * (the same line unless an earlier field of the record spans lines).
 * Record-wide errors ("more than N records") leave out the column.  Read
 * and gzip errors are "FILE:LINE: cannot read: reason" with the physical
 * line reached.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "model/csv.h"
#include "model/text.h"
#include "model/xalloc.h"

#define CSV_CHUNK	(256 * 1024)	/* bytes per read()/gzread() */
#define CSV_GZBUF	(64 * 1024)	/* zlib's input buffer; < CSV_CHUNK/2
					   so gzread() inflates straight into
					   our buffer */
#define CSV_EXCERPT	512		/* bytes handed to text_excerpt() */
#define CSV_PATHCOLS	256		/* columns of a file name in messages */

struct csv {
	char			*path;		/* as given */
	char			*dpath;		/* sanitised, for messages */
	int			 fd;
	gzFile			 gz;		/* NULL for a plain file */
	unsigned char		 delim;
	struct csv_limits	 lim;
	long long		 size;		/* st_size at open */
	long long		 consumed;	/* bytes read() so far */

	unsigned char		*buf;		/* CSV_CHUNK + 1 bytes */
	size_t			 pos;		/* next byte to parse */
	size_t			 end;		/* buf[end] == 0, the sentinel */
	int			 started;	/* first chunk read and sniffed */
	int			 eof;
	int			 done;		/* csv_next() returned 0 */
	char			*failmsg;	/* sticky error */

	int			 skip_lf;	/* last record ended with CR */
	long			 line;		/* physical line at pos */
	long			 pending;	/* empty lines not yet returned */
	long			 pending_line;	/* line of the first of them */

	char			*rec;		/* the fields, NUL-terminated */
	size_t			 reccap;
	size_t			*offs;		/* nfields + 1 start offsets */
	size_t			 offcap;
	size_t			 nfields;
	long			 recline;	/* start line of the record */
	long			 nrecords;

	unsigned char		 ucls[256];	/* stops an unquoted field */
	unsigned char		 qcls[256];	/* stops a quoted field */
};

struct csv_limits
csv_default_limits(void)
{
	struct csv_limits	l;

	l.max_field = 65536;
	l.max_record = 1024 * 1024;
	l.max_fields = 512;
	l.max_records = 50000000L;
	return l;
}

/*
 * Build "FILE:LINE: column N: reason: "excerpt"".  col 0 leaves out the
 * column, ex NULL the excerpt.
 */
static char *
csv_format(const struct csv *c, long line, size_t col, const char *ex,
    size_t exlen, const char *reason)
{
	char	*x, *msg;

	if (ex == NULL) {
		if (col == 0)
			return xasprintf("%s:%ld: %s", c->dpath, line, reason);
		return xasprintf("%s:%ld: column %zu: %s", c->dpath, line, col,
		    reason);
	}
	if (exlen > CSV_EXCERPT)
		exlen = CSV_EXCERPT;
	x = text_excerpt(ex, exlen);
	if (col == 0)
		msg = xasprintf("%s:%ld: %s: %s", c->dpath, line, reason, x);
	else
		msg = xasprintf("%s:%ld: column %zu: %s: %s", c->dpath, line,
		    col, reason, x);
	free(x);
	return msg;
}

/*
 * The first len bytes of the record buffer with the field NULs turned back
 * into delimiters, for an excerpt of the whole record.  Writes at most
 * size bytes to out and returns how many.
 */
static size_t
csv_join(const struct csv *c, size_t len, char *out, size_t size)
{
	size_t	i;

	if (len > size)
		len = size;
	for (i = 0; i < len; i++)
		out[i] = c->rec[i] == '\0' ? (char)c->delim : c->rec[i];
	return len;
}

/* Make the error sticky; always returns -1. */
static int __attribute__((format(printf, 6, 7)))
csv_fail(struct csv *c, long line, size_t col, const char *ex, size_t exlen,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*reason;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	free(c->failmsg);
	c->failmsg = csv_format(c, line, col, ex, exlen, reason);
	free(reason);
	c->nfields = 0;
	return -1;
}

/* A record-wide error, excerpting the first len bytes of the record. */
static int __attribute__((format(printf, 4, 5)))
csv_fail_record(struct csv *c, size_t col, size_t len, const char *fmt, ...)
{
	va_list	 ap;
	char	 ex[CSV_EXCERPT], *reason;
	size_t	 n;
	int	 r;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	n = csv_join(c, len, ex, sizeof ex);
	r = csv_fail(c, c->recline, col, ex, n, "%s", reason);
	free(reason);
	return r;
}

static int
csv_fail_io(struct csv *c, const char *what)
{
	free(c->failmsg);
	c->failmsg = xasprintf("%s:%ld: cannot read: %s", c->dpath, c->line,
	    what);
	c->nfields = 0;
	return -1;
}

/* Read up to len bytes; 0 at end of file, -1 on error (failmsg set). */
static ssize_t
csv_read(struct csv *c, unsigned char *dst, size_t len)
{
	const char	*msg;
	char		 what[256];
	ssize_t		 n;
	int		 errnum;

	if (c->eof)
		return 0;
	if (c->gz != NULL) {
		n = gzread(c->gz, dst, (unsigned)len);
		if (n > 0)
			return n;
		msg = gzerror(c->gz, &errnum);
		if (n == 0 && errnum == Z_OK) {
			c->eof = 1;
			return 0;
		}
		if (errnum == Z_BUF_ERROR)
			msg = "file is truncated";
		else if (errnum == Z_ERRNO)
			msg = strerror(errno);
		else if (strncmp(msg, "<fd:", 4) == 0 &&
		    strstr(msg, ": ") != NULL)
			msg = strstr(msg, ": ") + 2;	/* drop zlib's "<fd:3>" */
		snprintf(what, sizeof what, "gzip: %s", msg);
		return csv_fail_io(c, what);
	}
	for (;;) {
		n = read(c->fd, dst, len);
		if (n >= 0)
			break;
		if (errno != EINTR)
			return csv_fail_io(c, strerror(errno));
	}
	if (n == 0)
		c->eof = 1;
	c->consumed += n;
	return n;
}

/* Refill the input buffer from its start; as csv_read(). */
static ssize_t
csv_fill(struct csv *c)
{
	ssize_t	n;

	n = csv_read(c, c->buf, CSV_CHUNK);
	c->pos = 0;
	c->end = n > 0 ? (size_t)n : 0;
	c->buf[c->end] = '\0';
	return n;
}

/* At least need bytes in the record buffer (may move it). */
static void
csv_reserve(struct csv *c, size_t need)
{
	size_t	cap;

	if (need <= c->reccap)
		return;
	cap = c->reccap * 2;
	if (cap < need)
		cap = need;
	c->rec = xreallocarray(c->rec, cap, 1);
	c->reccap = cap;
}

/*
 * Read the first bytes: strip a UTF-8 BOM, refuse UTF-16 and UTF-32 by
 * their BOM or by the NUL pattern of ASCII text in them.
 */
static int
csv_start(struct csv *c)
{
	const unsigned char	*b = c->buf;
	const char		*enc = NULL;
	size_t			 have = 0;
	ssize_t			 n;

	c->started = 1;
	while (have < 4) {
		n = csv_read(c, c->buf + have, CSV_CHUNK - have);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		have += (size_t)n;
	}
	c->pos = 0;
	c->end = have;
	c->buf[have] = '\0';

	if (have >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		c->pos = 3;
	else if (have >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xfe &&
	    b[3] == 0xff) || (b[0] == 0xff && b[1] == 0xfe && b[2] == 0 &&
	    b[3] == 0)))
		enc = "UTF-32";
	else if (have >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
	    (b[0] == 0xfe && b[1] == 0xff)))
		enc = "UTF-16";
	else if (have >= 4 && ((b[0] != 0 && b[1] == 0 && b[2] == 0 &&
	    b[3] == 0) || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)))
		enc = "UTF-32";
	else if (have >= 4 && ((b[0] != 0 && b[1] == 0 && b[2] != 0 &&
	    b[3] == 0) || (b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)))
		enc = "UTF-16";
	if (enc != NULL) {
		free(c->failmsg);
		c->failmsg = xasprintf("%s:1: file is %s; save it as UTF-8",
		    c->dpath, enc);
		return -1;
	}
	return 0;
}

/* Hand out one of the pending empty lines as a record. */
static int
csv_emit_empty(struct csv *c)
{
	c->recline = c->pending_line++;
	c->pending--;
	c->rec[0] = '\0';
	c->offs[0] = 0;
	c->offs[1] = 1;
	c->nfields = 1;
	if (c->nrecords >= c->lim.max_records)
		return csv_fail(c, c->recline, 0, "", 0,
		    "more than %ld records", c->lim.max_records);
	c->nrecords++;
	return 1;
}

/* Refill inside a record: keeps q valid, checks the limits first. */
#define CSV_REFILL() do {						\
	size_t	off_ = (size_t)(q - c->rec);				\
									\
	if (off_ - fstart > c->lim.max_field)				\
		goto field_too_long;					\
	if (off_ > c->lim.max_record)					\
		goto record_too_long;					\
	n = csv_fill(c);						\
	if (n < 0)							\
		return -1;						\
	p = c->buf;							\
	e = p + n;							\
	csv_reserve(c, off_ + (size_t)n + 1);				\
	q = c->rec + off_;						\
} while (0)

/* Parse one record: 1, 0 at end of file, -1 with failmsg set. */
static int
csv_parse(struct csv *c)
{
	const unsigned char	*ucls = c->ucls, *qcls = c->qcls;
	const unsigned char	 delim = c->delim;
	unsigned char		*p, *e, ch;
	char			*q;
	size_t			 nf = 0, fstart = 0, flen, bad;
	unsigned		 acc = 0;
	long			 fline = 0;
	ssize_t			 n;
	int			 eor;

	p = c->buf + c->pos;
	e = c->buf + c->end;

	/* Line ends before the record: the LF of a CRLF, or empty lines. */
	for (;;) {
		if (p == e) {
			n = csv_fill(c);
			if (n < 0)
				return -1;
			if (n == 0)
				return 0;	/* trailing empty lines */
			p = c->buf;
			e = p + n;
		}
		ch = *p;
		if (ch == '\n' && c->skip_lf) {
			c->skip_lf = 0;
			p++;
			continue;
		}
		c->skip_lf = 0;
		if (ch != '\n' && ch != '\r')
			break;
		if (c->pending++ == 0)
			c->pending_line = c->line;
		c->line++;
		c->skip_lf = (ch == '\r');
		p++;
	}
	c->pos = (size_t)(p - c->buf);
	if (c->pending > 0)
		return csv_emit_empty(c);

	c->recline = c->line;
	csv_reserve(c, (size_t)(e - p) + 1);
	q = c->rec;

next_field:
	if (nf == c->lim.max_fields)
		return csv_fail_record(c, nf + 1, (size_t)(q - c->rec),
		    "more than %zu columns", c->lim.max_fields);
	if (nf + 2 > c->offcap) {
		c->offcap *= 2;
		c->offs = xreallocarray(c->offs, c->offcap, sizeof *c->offs);
	}
	c->offs[nf++] = fstart;
	acc = 0;
	if (p == e) {
		CSV_REFILL();
		if (n == 0) {
			eor = 1;
			goto end_field;
		}
	}
	if (*p == '"') {
		fline = c->line;
		p++;
		goto quoted;
	}

unquoted:
	while (ucls[ch = *p] == 0) {
		*q++ = (char)ch;
		acc |= ch;
		p++;
	}
	if (ch == delim) {
		p++;
		eor = 0;
		goto end_field;
	}
	if (ch == '\n' || ch == '\r') {
		p++;
		c->line++;
		c->skip_lf = (ch == '\r');
		eor = 1;
		goto end_field;
	}
	if (p != e)
		goto nul_byte;
	CSV_REFILL();
	if (n == 0) {
		eor = 1;
		goto end_field;
	}
	goto unquoted;

quoted:
	while (qcls[ch = *p] == 0) {
		*q++ = (char)ch;
		acc |= ch;
		p++;
	}
	if (ch == '"') {
		p++;
after_quote:
		ch = *p;
		if (ch == '"') {
			*q++ = '"';
			p++;
			goto quoted;
		}
		if (ch == delim) {
			p++;
			eor = 0;
			goto end_field;
		}
		if (ch == '\n' || ch == '\r') {
			p++;
			c->line++;
			c->skip_lf = (ch == '\r');
			eor = 1;
			goto end_field;
		}
		if (p == e) {
			CSV_REFILL();
			if (n == 0) {
				eor = 1;
				goto end_field;
			}
			goto after_quote;
		}
		goto text_after_quote;
	}
	if (ch == '\n') {
		if (q == c->rec + fstart || q[-1] != '\r')
			c->line++;
		*q++ = '\n';
		p++;
		goto quoted;
	}
	if (ch == '\r') {
		c->line++;
		*q++ = '\r';
		p++;
		goto quoted;
	}
	if (p != e)
		goto nul_byte;
	CSV_REFILL();
	if (n == 0) {
		flen = (size_t)(q - c->rec) - fstart;
		return csv_fail(c, fline, nf, c->rec + fstart, flen,
		    "unterminated quoted field (opened here)");
	}
	goto quoted;

end_field:
	flen = (size_t)(q - c->rec) - fstart;
	if (flen > c->lim.max_field)
		goto field_too_long;
	if ((size_t)(q - c->rec) + 1 > c->lim.max_record)
		goto record_too_long;
	*q++ = '\0';
	if ((acc & 0x80) && !text_valid_utf8(c->rec + fstart, flen, &bad))
		return csv_fail(c, c->recline, nf, c->rec + fstart, flen,
		    "not valid UTF-8 (byte 0x%02x at column offset %zu); "
		    "save the file as UTF-8",
		    (unsigned char)c->rec[fstart + bad], bad);
	fstart = (size_t)(q - c->rec);
	if (!eor)
		goto next_field;

	c->offs[nf] = fstart;
	c->nfields = nf;
	c->pos = (size_t)(p - c->buf);
	if (c->nrecords >= c->lim.max_records)
		return csv_fail_record(c, 0, fstart - 1,
		    "more than %ld records", c->lim.max_records);
	c->nrecords++;
	return 1;

field_too_long:
	return csv_fail(c, c->recline, nf, c->rec + fstart,
	    (size_t)(q - c->rec) - fstart, "field longer than %zu bytes",
	    c->lim.max_field);
record_too_long:
	return csv_fail(c, c->recline, nf, c->rec + fstart,
	    (size_t)(q - c->rec) - fstart, "record longer than %zu bytes",
	    c->lim.max_record);
nul_byte:
	return csv_fail(c, c->recline, nf, c->rec + fstart,
	    (size_t)(q - c->rec) - fstart, "NUL byte (binary file?)");
text_after_quote:
	{
		char	ex[CSV_EXCERPT];
		size_t	len = 0, i;

		flen = (size_t)(q - c->rec) - fstart;
		if (flen > sizeof ex - 24)
			flen = sizeof ex - 24;
		ex[len++] = '"';
		memcpy(ex + len, c->rec + fstart, flen);
		len += flen;
		ex[len++] = '"';
		for (i = 0; i < 16 && p + i < e; i++) {
			ch = p[i];
			if (ch == delim || ch == '\r' || ch == '\n')
				break;
			ex[len++] = (char)ch;
		}
		return csv_fail(c, c->recline, nf, ex, len,
		    "text after closing quote");
	}
}

/* Hand msg to the caller, or drop it when cause is NULL. */
static void
csv_cause(char **cause, char *msg)
{
	if (cause != NULL)
		*cause = msg;
	else
		free(msg);
}

int
csv_open(struct csv **out, const char *path, char delim,
    const struct csv_limits *limits, char **cause)
{
	struct csv	*c;
	struct stat	 st;
	unsigned char	 magic[2];
	char		*dpath;
	ssize_t		 n;
	int		 fd, flags, i, saved;

	*out = NULL;
	if (path == NULL) {
		csv_cause(cause, xstrdup("(null): no file name"));
		return -1;
	}
	dpath = text_clean(path, strlen(path), CSV_PATHCOLS);
	if (delim == '"' || delim == '\r' || delim == '\n' || delim == '\0' ||
	    (unsigned char)delim >= 0x80) {
		csv_cause(cause, xasprintf("%s: invalid delimiter", dpath));
		free(dpath);
		return -1;
	}

	/* Look before opening: opening some devices has side effects. */
	if (stat(path, &st) == -1)
		goto syserr;
	if (!S_ISREG(st.st_mode))
		goto notreg;
	fd = open(path, O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_NOCTTY);
	if (fd == -1)
		goto syserr;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		goto syserr;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		goto notreg;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);

	c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->dpath = dpath;
	c->fd = fd;
	c->delim = (unsigned char)delim;
	c->size = (long long)st.st_size;
	c->line = 1;

	c->lim = csv_default_limits();
	if (limits != NULL) {
		if (limits->max_field != 0)
			c->lim.max_field = limits->max_field;
		if (limits->max_record != 0)
			c->lim.max_record = limits->max_record;
		if (limits->max_fields != 0)
			c->lim.max_fields = limits->max_fields;
		if (limits->max_records > 0)
			c->lim.max_records = limits->max_records;
	}

	for (i = 0; i < 256; i++)
		c->ucls[i] = c->qcls[i] = 0;
	c->ucls['\0'] = c->ucls['\r'] = c->ucls['\n'] = 1;
	c->ucls[c->delim] = 1;
	c->qcls['\0'] = c->qcls['\r'] = c->qcls['\n'] = c->qcls['"'] = 1;

	c->buf = xmalloc(CSV_CHUNK + 1);
	c->buf[0] = '\0';
	c->reccap = 64 * 1024;
	c->rec = xmalloc(c->reccap);
	c->offcap = 64;
	c->offs = xreallocarray(NULL, c->offcap, sizeof *c->offs);

	do
		n = pread(fd, magic, sizeof magic, 0);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		csv_cause(cause, xasprintf("%s: %s", dpath, strerror(errno)));
		csv_close(&c);
		return -1;
	}
	if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		c->gz = gzdopen(fd, "rb");
		if (c->gz == NULL) {
			csv_cause(cause, xasprintf("%s: cannot open gzip "
			    "stream", dpath));
			csv_close(&c);
			return -1;
		}
		c->fd = -1;	/* the gzFile owns it now */
		gzbuffer(c->gz, CSV_GZBUF);
	}
	*out = c;
	return 0;

notreg:
	csv_cause(cause, xasprintf("%s: not a regular file", dpath));
	free(dpath);
	return -1;
syserr:
	csv_cause(cause, xasprintf("%s: %s", dpath, strerror(errno)));
	free(dpath);
	return -1;
}

int
csv_next(struct csv *c, char **cause)
{
	int	r;

	if (cause != NULL)
		*cause = NULL;
	if (c->failmsg == NULL && !c->done) {
		if (!c->started && csv_start(c) == -1)
			r = -1;
		else
			r = csv_parse(c);
		if (r == 0) {
			c->done = 1;
			c->nfields = 0;
		}
		if (r != -1)
			return r;
	}
	if (c->done)
		return 0;
	c->nfields = 0;
	if (cause != NULL)
		*cause = xstrdup(c->failmsg);
	return -1;
}

size_t
csv_nfields(const struct csv *c)
{
	return c->nfields;
}

const char *
csv_field(const struct csv *c, size_t i, size_t *len)
{
	if (i >= c->nfields) {
		if (len != NULL)
			*len = 0;
		return "";
	}
	if (len != NULL)
		*len = c->offs[i + 1] - c->offs[i] - 1;
	return c->rec + c->offs[i];
}

long
csv_line(const struct csv *c)
{
	return c->recline;
}

long
csv_records(const struct csv *c)
{
	return c->nrecords;
}

long long
csv_offset(const struct csv *c)
{
	z_off_t	off;

	if (c->gz != NULL) {
		off = gzoffset(c->gz);
		return off < 0 ? 0 : (long long)off;
	}
	return c->consumed - (long long)(c->end - c->pos);
}

long long
csv_size(const struct csv *c)
{
	return c->size;
}

const char *
csv_path(const struct csv *c)
{
	return c->path;
}

char *
csv_error(const struct csv *c, int col, const char *reason)
{
	char		 ex[CSV_EXCERPT];
	const char	*f;
	size_t		 len;
	long		 line;

	if (reason == NULL)
		reason = "invalid";
	line = c->nrecords > 0 || c->recline > 0 ? c->recline : c->line;
	if (col < 0) {
		len = c->nfields > 0 ? c->offs[c->nfields] - 1 : 0;
		len = csv_join(c, len, ex, sizeof ex);
		return csv_format(c, line, 0, ex, len, reason);
	}
	f = csv_field(c, (size_t)col, &len);
	return csv_format(c, line, (size_t)col + 1, f, len, reason);
}

char *
csv_error_private(const struct csv *c, int col, const char *reason)
{
	long line = c->nrecords > 0 || c->recline > 0 ? c->recline : c->line;

	return csv_format(c, line, col < 0 ? 0 : (size_t)col + 1, NULL, 0,
	    reason != NULL ? reason : "invalid");
}

void
csv_close(struct csv **cp)
{
	struct csv	*c;

	if (cp == NULL || (c = *cp) == NULL)
		return;
	if (c->gz != NULL)
		gzclose(c->gz);
	else if (c->fd != -1)
		close(c->fd);
	free(c->path);
	free(c->dpath);
	free(c->buf);
	free(c->rec);
	free(c->offs);
	free(c->failmsg);
	free(c);
	*cp = NULL;
}

/* 1 if s is a minus, digits and at most one decimal point with digits
 * after it: what a spreadsheet can only read as that number.  A plus
 * is not: "+447700900123" is a phone number a spreadsheet would turn
 * into 447700900123. */
static int
plain_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

/* 1 if s starts with a character a spreadsheet takes for the start of a
 * formula: = + - @ TAB CR, or their full-width and small forms (U+FF1D,
 * U+FF0B, U+FF0D, U+FF20, U+FE66, U+FE62, U+FE63, U+FE6B) and the minus
 * sign U+2212, which some spreadsheets fold into them. */
static int
formula_start(const char *s)
{
	static const uint32_t wide[] = { 0xff1d, 0xff0b, 0xff0d, 0xff20,
	    0xfe66, 0xfe62, 0xfe63, 0xfe6b, 0x2212 };
	uint32_t cp;
	size_t i;

	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r')
		return 1;
	if ((unsigned char)s[0] < 0x80)
		return 0;
	text_decode(s, strlen(s), &cp);
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (cp == wide[i])
			return 1;
	return 0;
}

void
csv_put_field(FILE *f, const char *s)
{
	const char *p;
	int quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	if (formula_start(s) && !plain_number(s))
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
}

void
csv_put_row(FILE *f, size_t n, const char *const *fields)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		csv_put_field(f, fields[i]);
	}
	fputs("\r\n", f);
}
