/*
 * config — uplift.ini through a wrapper around iniparser 4.1.
 *
 * How a file is read:
 *
 *  1. The file is opened once (lstat, then open with O_NOFOLLOW and fstat):
 *     it must be a regular file, not a symlink, not writable by group or
 *     others, and at most 1 MiB.  Its bytes are read into memory.
 *  2. config_scan() checks those bytes line by line (LF or CRLF) for what
 *     iniparser 4.1 cannot take or would read wrongly: UTF-16, a
 *     line over 1,022 bytes, a NUL byte, a trailing backslash (it joins
 *     lines), a line that is neither [section] nor key = value, an
 *     unclosed quote or text after the closing one.  It also notes the
 *     line of every section and key, since iniparser keeps none, and
 *     reports unknown and duplicate ones.  It does not read values.
 *     A UTF-8 byte order mark at the start is skipped.
 *  3. iniparser loads the same file (through the open descriptor,
 *     /dev/fd/N).  After a byte order mark, which iniparser 4.1 cannot
 *     read, or when the scan refused some lines, it loads a copy of the
 *     bytes in memory (memfd_create, /dev/fd/N of that) without the mark
 *     and with the refused lines left empty, so that the other lines'
 *     values are still checked and every problem is in one report.  Each known
 *     value is read with iniparser_getstring(d, "sec:key", NULL) and
 *     checked here: a NULL (a section entry, as in CVE-2023-33461's
 *     "[sales:evil]") is reported, never passed on; numbers, booleans and
 *     enumerations are parsed here, with range checks.  When the file is
 *     otherwise clean the dictionary is walked (getnsec / getsecname /
 *     getsecnkeys / getseckeys) and must hold nothing the scan did not
 *     find.  Nothing else of iniparser's is called.
 *
 * Every problem is collected as "FILE:LINE: reason" (or "FILE: reason");
 * all text taken from the file or the path goes through text_clean* first,
 * and nothing is printed.  iniparser's own messages go to config_errback(),
 * which sanitises them into the same list.
 *
 * The table of known keys and the conversion of values are in
 * app/config_keys.c (app/config_int.h); only this file includes iniparser.
 */

/* memfd_create(2), for a file that starts with a byte order mark. */
#define _GNU_SOURCE

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "app/config.h"
#include "model/authz.h"
#include "model/text.h"
#include "model/xalloc.h"
#include "app/config_int.h"

#define CONFIG_MAX_SIZE		(1024 * 1024)	/* bytes in a file */

/* Bytes in a line without its LF: what iniparser 4.1 reads whole. */
#define CONFIG_MAX_LINE		1022

#define CONFIG_MAX_MSGS		20		/* lines in *cause, then "..." */

#define CONFIG_NAME_COLS	60		/* names quoted in messages */

/* Scanner state: no section yet, or inside a section we do not know. */
#define SEC_NONE	(-1)

#define SEC_UNKNOWN	(-2)

struct config_msg {
	size_t		 line;	/* 0: about the whole file */
	size_t		 seq;	/* order of arrival, for equal lines */
	char		*text;
};

/* One config_load() call. */
struct config_load {
	char			*spath;		/* sanitised path */
	struct config_msg	 msgs[CONFIG_MAX_MSGS]; /* first by line */
	size_t			 nmsgs;
	size_t			 total;		/* all problems, kept or not */
	size_t			 seq;
	size_t			 sec_line[NSECTIONS];	/* 0: not seen */
	size_t			 key_line[NKEYS];	/* 0: not seen */
	size_t			*bad;		/* the lines iniparser cannot take,
						 * in order (xalloc'd) */
	size_t			 nbad;
	int			 utf16;		/* no line can be read */
	int			 bom;		/* the file starts with a UTF-8 BOM */
};

/*
 * Where config_errback() puts iniparser's messages.  Set only around
 * iniparser_load(), so config_load() is not reentrant.
 */
static struct config_load *config_cb_load;

static int
config_msg_before(const struct config_msg *a, const struct config_msg *b)
{
	if (a->line != b->line)
		return (a->line < b->line);
	return (a->seq < b->seq);
}

/*
 * Record one problem.  Every %s argument must already be sanitised.  Only
 * the CONFIG_MAX_MSGS first (by line) are kept; all are counted.
 */
static void __attribute__((format(printf, 3, 4)))
config_msg(struct config_load *ld, size_t line, const char *fmt, ...)
{
	struct config_msg	 m;
	va_list			 ap;
	char			*reason;
	size_t			 i;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	if (line != 0)
		m.text = xasprintf("%s:%zu: %s", ld->spath, line, reason);
	else
		m.text = xasprintf("%s: %s", ld->spath, reason);
	free(reason);
	m.line = line;
	m.seq = ld->seq++;
	ld->total++;

	if (ld->nmsgs == CONFIG_MAX_MSGS) {
		if (!config_msg_before(&m, &ld->msgs[ld->nmsgs - 1])) {
			free(m.text);
			return;
		}
		free(ld->msgs[--ld->nmsgs].text);
	}
	i = ld->nmsgs;
	while (i > 0 && config_msg_before(&m, &ld->msgs[i - 1])) {
		ld->msgs[i] = ld->msgs[i - 1];
		i--;
	}
	ld->msgs[i] = m;
	ld->nmsgs++;
}

/* The kept messages, one a line, then "... and N more". */
static char *
config_msg_join(struct config_load *ld)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup("");
	for (i = 0; i < ld->nmsgs; i++) {
		t = xasprintf("%s%s%s", s, i == 0 ? "" : "\n", ld->msgs[i].text);
		free(s);
		s = t;
	}
	if (ld->total > ld->nmsgs) {
		t = xasprintf("%s\n... and %zu more", s, ld->total - ld->nmsgs);
		free(s);
		s = t;
	}
	return s;
}

static void
config_load_clear(struct config_load *ld)
{
	size_t	i;

	for (i = 0; i < ld->nmsgs; i++)
		free(ld->msgs[i].text);
	free(ld->spath);
	free(ld->bad);
}

/* Line (its problem recorded) is one iniparser must not be given: the
 * copy it reads has the line empty (config_readable_copy). */
static void
config_unreadable(struct config_load *ld, size_t line)
{
	if (ld->nbad > 0 && ld->bad[ld->nbad - 1] == line)
		return;
	ld->bad = xreallocarray(ld->bad, ld->nbad + 1, sizeof *ld->bad);
	ld->bad[ld->nbad++] = line;
}

/*
 * iniparser's error callback: never prints, sanitises into the current
 * load's messages (or drops the text when no load is running).
 */
static int __attribute__((format(printf, 1, 2)))
config_errback(const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *clean, *paren;
	size_t	 n, line;

	if (config_cb_load == NULL)
		return 0;
	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	/* "iniparser: syntax error in PATH (LINE):\n-> TEXT": PATH is the
	 * descriptor's, TEXT the raw line; keep the first line's reason. */
	n = strcspn(raw, "\r\n");
	raw[n] = '\0';
	if ((paren = strrchr(raw, '(')) != NULL &&
	    sscanf(paren, "(%zu)", &line) == 1 && line > 0) {
		config_msg(config_cb_load, line, "iniparser: %s",
		    strstr(raw, "too long") != NULL ? "input line too long" :
		    "syntax error");
		free(raw);
		return 0;
	}
	clean = text_clean(raw, n, 200);
	config_msg(config_cb_load, 0, "%s", clean);
	free(clean);
	free(raw);
	return 0;
}

/* isspace() of the C locale, as iniparser's strstrip() uses. */
static int
config_is_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r');
}

static void
config_trim(const char **s, const char **e)
{
	while (*s < *e && config_is_space(**s))
		(*s)++;
	while (*e > *s && config_is_space((*e)[-1]))
		(*e)--;
}

/*
 * Open path for reading and check what it is.  Returns the descriptor; -2
 * if the file does not exist and may be missing; -1 after recording why.
 * *st is the file's status.
 */
static int
config_open(struct config_load *ld, const char *path, int must_exist,
    struct stat *st)
{
	struct stat	 lst;
	int		 fd, bad = 0;

	if (lstat(path, &lst) == -1) {
		if (errno == ENOENT && !must_exist)
			return -2;
		config_msg(ld, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISLNK(lst.st_mode)) {
		config_msg(ld, 0, "is a symlink");
		return -1;
	}
	if (!S_ISREG(lst.st_mode)) {
		config_msg(ld, 0, "is not a regular file");
		return -1;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ELOOP)
			config_msg(ld, 0, "is a symlink");
		else
			config_msg(ld, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, st) == -1) {
		config_msg(ld, 0, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode) || st->st_dev != lst.st_dev ||
	    st->st_ino != lst.st_ino) {
		config_msg(ld, 0, "changed while it was being opened");
		close(fd);
		return -1;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		config_msg(ld, 0, "is writable by group or others; chmod go-w %s",
		    ld->spath);
		bad = 1;
	}
	if (st->st_size > CONFIG_MAX_SIZE) {
		config_msg(ld, 0, "is larger than 1 MiB (%d bytes)",
		    CONFIG_MAX_SIZE);
		bad = 1;
	}
	if (bad) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Read the size bytes fstat gave from fd (one more is asked for, to notice
 * a file that grew).  Returns 0 with *buf and *len, or -1 after recording
 * why.
 */
static int
config_read_fd(struct config_load *ld, int fd, size_t size, char **buf,
    size_t *len)
{
	char	*b;
	size_t	 have = 0;
	ssize_t	 n;

	b = xmalloc(size + 1);
	while (have < size + 1) {
		n = read(fd, b + have, size + 1 - have);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1) {
			config_msg(ld, 0, "%s", strerror(errno));
			free(b);
			return -1;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	if (have > size) {
		config_msg(ld, 0, "changed while it was being read");
		free(b);
		return -1;
	}
	*buf = b;
	*len = have;
	return 0;
}

/* A sanitised, width-limited copy of a name taken from the file. */
static char *
config_shown(const char *s, const char *e)
{
	return text_clean(s, (size_t)(e - s), CONFIG_NAME_COLS);
}

/*
 * Whether the backslash that ends the trimmed line s..e belongs to a key's
 * value, unquoted (iniparser ends such a value at ; or #): 1; else it
 * ends a comment, a section line or a quoted value's trailing comment: 0.
 */
static int
config_backslash_in_value(const char *s, const char *e)
{
	const char	*vs;

	if (*s == ';' || *s == '#' || *s == '[' ||
	    (vs = memchr(s, '=', (size_t)(e - s))) == NULL)
		return 0;
	vs++;
	config_trim(&vs, &e);
	if (*vs == '"' || *vs == '\'')
		return 0;
	return memchr(vs, ';', (size_t)(e - vs)) == NULL &&
	    memchr(vs, '#', (size_t)(e - vs)) == NULL;
}

/*
 * The bytes of one line s..e (its CR included, its LF not) that iniparser
 * would refuse or read wrongly: a line longer than its buffer (it would
 * refuse the whole file; its length is said, a CR counted), a NUL byte
 * (it would stop there), a backslash at the end, even of a comment (it
 * would join the next line to this one: a value is to be quoted, any other
 * line to end otherwise).  Returns 1 after recording the problem, else 0.
 */
static int
config_check_bytes(struct config_load *ld, size_t line, const char *s,
    const char *e)
{
	if (e - s > CONFIG_MAX_LINE) {
		config_msg(ld, line, "line longer than %d bytes (%zu%s); "
		    "iniparser cannot read it", CONFIG_MAX_LINE,
		    (size_t)(e - s), e[-1] == '\r' ? " with its CR" : "");
		return 1;
	}
	if (memchr(s, '\0', (size_t)(e - s)) != NULL) {
		config_msg(ld, line, "contains a NUL byte");
		return 1;
	}
	config_trim(&s, &e);
	if (e > s && e[-1] == '\\') {
		if (config_backslash_in_value(s, e))
			config_msg(ld, line, "ends with a backslash, which "
			    "iniparser reads as joining the next line; quote "
			    "the value");
		else
			config_msg(ld, line, "ends with a backslash, which "
			    "iniparser reads as joining the next line%s; end "
			    "the line otherwise", *s == '[' ? "" :
			    ", even in a comment");
		return 1;
	}
	return 0;
}

/* A [section] line s..e (trimmed, s[0] == '['): known, and only once. */
static void
config_scan_section(struct config_load *ld, size_t line, const char *s,
    const char *e, int *sec)
{
	const char	*ks, *ke;
	char		*name;
	int		 i;

	if (e - s < 2 || e[-1] != ']') {
		config_msg(ld, line, "expected [section]");
		config_unreadable(ld, line);
		return;
	}
	ks = s + 1;
	ke = e - 1;
	config_trim(&ks, &ke);
	if ((i = config_section_find(ks, (size_t)(ke - ks))) == -1) {
		name = config_shown(ks, ke);
		config_msg(ld, line, "unknown section [%s]", name);
		free(name);
		*sec = SEC_UNKNOWN;
		return;
	}
	if (ld->sec_line[i] != 0) {
		config_msg(ld, line,
		    "duplicate section [%s] (first at line %zu)",
		    config_sections[i], ld->sec_line[i]);
	} else
		ld->sec_line[i] = line;
	*sec = i;
}

/*
 * The value part vs..ve (trimmed) of a key line: when it is quoted,
 * iniparser takes what is between the quotes and ignores the rest, so a
 * missing closing quote or text after it is refused here.  Returns 0 or
 * -1 after recording the problem.
 */
static int
config_scan_quotes(struct config_load *ld, size_t line, const char *vs,
    const char *ve)
{
	const char	*close, *rest;

	if (vs == ve || (*vs != '"' && *vs != '\''))
		return 0;
	close = memchr(vs + 1, *vs, (size_t)(ve - vs - 1));
	if (close == NULL) {
		config_msg(ld, line, "missing closing %c", *vs);
		return -1;
	}
	rest = close + 1;
	config_trim(&rest, &ve);
	if (rest < ve && *rest != ';' && *rest != '#') {
		config_msg(ld, line, "text after the closing %c", *vs);
		return -1;
	}
	return 0;
}

/* A key = value line s..e (trimmed): a known key, once, in a section. */
static void
config_scan_key(struct config_load *ld, size_t line, const char *s,
    const char *e, int sec)
{
	const char	*ks, *ke, *vs, *ve, *eq;
	char		*name;
	int		 i;

	if ((eq = memchr(s, '=', (size_t)(e - s))) == NULL) {
		config_msg(ld, line, "expected key = value");
		config_unreadable(ld, line);
		return;
	}
	ks = s;
	ke = eq;
	config_trim(&ks, &ke);
	vs = eq + 1;
	ve = e;
	config_trim(&vs, &ve);
	if (ks == ke) {
		config_msg(ld, line, "expected key = value");
		config_unreadable(ld, line);
		return;
	}
	if (config_scan_quotes(ld, line, vs, ve) != 0) {
		config_unreadable(ld, line);
		return;
	}
	if (sec == SEC_UNKNOWN)
		return;		/* the section was reported */
	name = config_shown(ks, ke);
	if (sec == SEC_NONE)
		config_msg(ld, line, "key '%s' is outside any section", name);
	else if ((i = config_key_find(sec, ks, (size_t)(ke - ks))) == -1)
		config_msg(ld, line, "unknown key '%s' in [%s]", name,
		    config_sections[sec]);
	else if (ld->key_line[i] != 0)
		config_msg(ld, line, "duplicate key '%s' (first at line %zu)",
		    name, ld->key_line[i]);
	else
		ld->key_line[i] = line;
	free(name);
}

/*
 * Check buf[0..len) line by line: the bytes iniparser cannot take, and
 * where each section and key is (iniparser keeps no line numbers).  The
 * values are iniparser's to read.
 */
static void
config_scan(struct config_load *ld, const char *buf, size_t len)
{
	const char	*p = buf, *end = buf + len, *eol, *s, *e;
	size_t		 line = 0;
	int		 sec = SEC_NONE;

	if (len >= 2 && ((buf[0] == '\xff' && buf[1] == '\xfe') ||
	    (buf[0] == '\xfe' && buf[1] == '\xff'))) {
		config_msg(ld, 0, "is UTF-16; save it as UTF-8");
		ld->utf16 = 1;
		return;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		ld->bom = 1;		/* not part of the first line's text */
		p += 3;
	}
	while (p < end) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		s = p;
		e = eol;
		p = (eol < end) ? eol + 1 : end;
		if (config_check_bytes(ld, line, s, e)) {
			config_unreadable(ld, line);
			continue;
		}
		config_trim(&s, &e);
		if (s == e || *s == ';' || *s == '#')
			continue;
		if (*s == '[')
			config_scan_section(ld, line, s, e, &sec);
		else
			config_scan_key(ld, line, s, e, sec);
	}
}

/*
 * Walk every section and key iniparser holds and make sure each is one
 * the scan found.  Only string lookups are made, and a NULL value (a
 * section entry such as [sales:evil], CVE-2023-33461) is never passed on.
 */
static void
config_walk(struct config_load *ld, dictionary *d)
{
	const char	 *sec, *full, **keys;
	char		 *shown;
	int		  nsec, nkeys, s, j, si, ki;
	size_t		  slen;

	if ((nsec = iniparser_getnsec(d)) < 0)
		nsec = 0;
	for (s = 0; s < nsec; s++) {
		if ((sec = iniparser_getsecname(d, s)) == NULL)
			continue;
		slen = strlen(sec);
		if ((si = config_section_find(sec, slen)) == -1) {
			shown = text_cleans(sec, CONFIG_NAME_COLS);
			config_msg(ld, 0, "iniparser read an unexpected "
			    "section [%s]", shown);
			free(shown);
			continue;
		}
		if ((nkeys = iniparser_getsecnkeys(d, sec)) <= 0)
			continue;
		keys = xcalloc((size_t)nkeys, sizeof *keys);
		if (iniparser_getseckeys(d, sec, keys) == NULL)
			nkeys = 0;
		for (j = 0; j < nkeys; j++) {
			if ((full = keys[j]) == NULL)
				continue;
			ki = -1;
			if (strncmp(full, sec, slen) == 0 && full[slen] == ':')
				ki = config_key_find(si, full + slen + 1,
				    strlen(full + slen + 1));
			if (ki == -1 || ld->key_line[ki] == 0) {
				shown = text_cleans(full, CONFIG_NAME_COLS);
				config_msg(ld, 0, "iniparser read an unexpected "
				    "key '%s'", shown);
				free(shown);
			}
		}
		free(keys);
	}
}

/* No two [keys] actions on one character (the console needs it so). */
static void
config_check_keys(struct config_load *ld, const struct config *c)
{
	size_t i, j;

	for (i = 0; i < NKEYS; i++) {
		const char *a;
		if (config_keys[i].section != SEC_KEYS)
			continue;
		a = *(char *const *)(const void *)((const char *)c +
		    config_keys[i].off);
		for (j = 0; j < i; j++) {
			const char *b;
			if (config_keys[j].section != SEC_KEYS)
				continue;
			b = *(char *const *)(const void *)((const char *)c +
			    config_keys[j].off);
			if (a != NULL && b != NULL && strcmp(a, b) == 0)
				config_msg(ld, ld->key_line[i] ? ld->key_line[i]
				    : ld->key_line[j], "[keys] %s: '%s' is "
				    "already the key of %s", config_keys[i].name,
				    a, config_keys[j].name);
		}
	}
}

/* The clerk the console signs up is a name like any other. */
static void
config_check_clerk(struct config_load *ld, const struct config *c)
{
	const char	*bad;
	size_t		 i = 0;

	while (i < NKEYS && !(config_keys[i].section == SEC_SHOP &&
	    strcmp(config_keys[i].name, "clerk") == 0))
		i++;
	if (i < NKEYS && ld->key_line[i] != 0 && c->clerk != NULL &&
	    authz_name_ok(c->clerk, &bad) != 0)
		config_msg(ld, ld->key_line[i], "[shop] clerk: %s", bad);
}

/*
 * Load the file with iniparser, through the descriptor already checked
 * and read (so it is the same file), its messages going to
 * config_errback().  The dictionary, or NULL after recording why.
 */
static dictionary *
config_iniparse(struct config_load *ld, int fd)
{
	dictionary	*d;
	char		 fdpath[32];
	size_t		 before = ld->total;

	if (lseek(fd, 0, SEEK_SET) == -1) {
		config_msg(ld, 0, "%s", strerror(errno));
		return NULL;
	}
	snprintf(fdpath, sizeof fdpath, "/dev/fd/%d", fd);
	iniparser_set_error_callback(config_errback);
	config_cb_load = ld;
	d = iniparser_load(fdpath);
	config_cb_load = NULL;
	if (d == NULL && ld->total == before)
		config_msg(ld, 0, "iniparser could not read it");
	if (d != NULL && ld->total != before) {
		iniparser_freedict(d);	/* it complained: trust nothing */
		d = NULL;
	}
	return d;
}

/*
 * Read and convert the value of every key the scan found, as iniparser
 * returns it: a string or NULL, nothing else is asked of it.
 */
static void
config_values(struct config_load *ld, dictionary *d, struct config *c)
{
	const struct config_key	*k;
	const char		*v;
	char			*full, *why;
	size_t			 i;

	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (ld->key_line[i] == 0)
			continue;
		full = xasprintf("%s:%s", config_sections[k->section],
		    k->name);
		v = iniparser_getstring(d, full, NULL);
		free(full);
		if (v == NULL) {
			config_msg(ld, ld->key_line[i], "[%s] %s: iniparser "
			    "read no value", config_sections[k->section],
			    k->name);
			continue;
		}
		if (strlen(v) > CONFIG_MAX_VALUE) {
			config_msg(ld, ld->key_line[i], "[%s] %s: value longer "
			    "than %d bytes", config_sections[k->section],
			    k->name, CONFIG_MAX_VALUE);
			continue;
		}
		if (config_set(c, k, v, &why) != 0) {
			config_msg(ld, ld->key_line[i], "[%s] %s: %s",
			    config_sections[k->section], k->name, why);
			free(why);
		}
	}
}

/*
 * What iniparser reads when the file itself will not do: the bytes
 * buf[0..len) without a leading byte order mark (iniparser 4.1 cannot
 * read one), each line the scan found it cannot take left empty (its LF
 * kept, so the line numbers stay), so that the values of the other lines
 * are still read and checked.  malloc'd, *clen bytes.
 */
static char *
config_readable_copy(const struct config_load *ld, const char *buf,
    size_t len, size_t *clen)
{
	const char	*p = buf, *end = buf + len, *eol;
	char		*copy = xmalloc(len + 1), *q = copy;
	size_t		 line = 0, b = 0;

	if (ld->bom)
		p += 3;
	while (p < end) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		while (b < ld->nbad && ld->bad[b] < line)
			b++;
		if (b == ld->nbad || ld->bad[b] != line) {
			memcpy(q, p, (size_t)(eol - p));
			q += eol - p;
		}
		if (eol < end)
			*q++ = '\n';
		p = (eol < end) ? eol + 1 : end;
	}
	*clen = (size_t)(q - copy);
	return copy;
}

/*
 * The bytes buf[0..len) in an anonymous file in memory, for iniparser to
 * read through /dev/fd/N: the descriptor, or -1 after recording why.
 */
static int
config_memfile(struct config_load *ld, const char *buf, size_t len)
{
	size_t	 done = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = memfd_create("uplift.ini", MFD_CLOEXEC)) == -1) {
		config_msg(ld, 0, "iniparser cannot read it as it is (%s), and "
		    "no copy for it could be made (%s)", ld->bom ? "it starts "
		    "with a byte order mark; save it as UTF-8 without BOM" :
		    "some of its lines are refused", strerror(errno));
		return -1;
	}
	while (done < len) {
		n = write(fd, buf + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			config_msg(ld, 0, "cannot make iniparser's copy of it: "
			    "%s", strerror(errno));
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	return fd;
}

/*
 * Have iniparser read the file and convert every value into c.
 * buf[0..len) are the file's bytes as read from fd; after a byte order
 * mark, or when the scan found lines iniparser cannot take, it reads
 * config_readable_copy() instead, so that every bad value is listed
 * beside the bad lines.
 */
static void
config_apply(struct config_load *ld, int fd, const char *buf, size_t len,
    struct config *c)
{
	dictionary	*d;
	char		*copy;
	size_t		 i, clen;
	int		 any = 0, mfd = -1;

	for (i = 0; i < NKEYS; i++)
		any |= (ld->key_line[i] != 0);
	if (!any || ld->utf16)
		return;
	if (ld->bom || ld->nbad > 0) {
		copy = config_readable_copy(ld, buf, len, &clen);
		mfd = fd = config_memfile(ld, copy, clen);
		free(copy);
		if (fd < 0)
			return;
	}
	d = config_iniparse(ld, fd);
	if (mfd >= 0)
		close(mfd);
	if (d == NULL)
		return;
	if (ld->total == 0)
		config_walk(ld, d);
	config_values(ld, d, c);
	iniparser_freedict(d);
	config_check_keys(ld, c);
	config_check_clerk(ld, c);
}

/* Check and read the file at path into c, every problem into ld. */
static int
config_read(struct config_load *ld, const char *path, int must_exist,
    struct config *c)
{
	struct stat	 st;
	char		*buf;
	size_t		 len;
	int		 fd;

	if ((fd = config_open(ld, path, must_exist, &st)) < 0)
		return fd == -2 ? 1 : -1;
	if (config_read_fd(ld, fd, (size_t)st.st_size, &buf, &len) != 0) {
		close(fd);
		return -1;
	}
	config_scan(ld, buf, len);
	config_apply(ld, fd, buf, len, c);
	free(buf);
	close(fd);
	return 0;
}

int
config_load(struct config **out, const char *path, int must_exist,
    char **cause)
{
	struct config_load	 ld;
	struct config		*c;
	int			 rc;

	if (cause != NULL)
		*cause = NULL;
	if (out == NULL)
		return -1;
	*out = NULL;
	if (path == NULL) {
		if (!must_exist) {
			*out = config_defaults();
			return 0;
		}
		if (cause != NULL)
			*cause = xstrdup("no configuration file given");
		return -1;
	}

	memset(&ld, 0, sizeof ld);
	ld.spath = text_cleans(path, -1);
	c = config_defaults();
	rc = config_read(&ld, path, must_exist, c);
	if (rc != 1 && ld.total != 0) {
		if (cause != NULL)
			*cause = config_msg_join(&ld);
		config_free(&c);
		config_load_clear(&ld);
		return -1;
	}
	config_load_clear(&ld);
	*out = c;
	return 0;
}
