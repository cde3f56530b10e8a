/*
 * follow.c — the console following the till (app/follow.h): the FIFO or
 * the socket, the notify pipe, the log, and the wait on the keyboard and
 * the till together.  The loop draws; this file only says when.
 *
 * A FIFO whose writer closes (the till restarts) is opened again at
 * once; a socket that closes is connected to again every second.  A
 * notify FIFO without a reader, or one that is full, costs a message on
 * the status line, never a wait or a signal.
 */
#include "app/follow.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/console.h"
#include "model/civil.h"
#include "model/scan.h"
#include "model/session.h"
#include "model/till.h"
#include "model/xalloc.h"
#include "views/curses.h"

#define FOLLOW_FRAME_MS 16      /* the screen is drawn at most this often */
#define FOLLOW_READ_MAX 256     /* bytes read between two looks at keys:
                                 * a few events, so that a key waits for
                                 * a few events at most, however fast the
                                 * till sends them */

struct follow {
	char            *path;
	int              socket;     /* path is a socket (else a FIFO)   */
	int              fd;         /* -1: not connected                */
	char            *notify;     /* --notify, or NULL                */
	int              nfd;        /* its descriptor, -1 until opened  */
	struct till_lines lines;
	struct till      till;
	FILE            *log;        /* NULL: none could be opened        */
	char            *log_path;
	FILE            *lat;        /* UPLIFT_LATENCY_LOG, or NULL       */
	int              changed;    /* events applied, not drawn yet     */
	int              batch_error;/* ... one of them refused           */
	int64_t          read_us;    /* when the first of them was read   */
	int64_t          drawn_ms;   /* when FOLLOW_EVENTS was returned   */
	int64_t          tick_ms;    /* the last clock tick               */
	int64_t          events;     /* in the batch being drawn          */
	int              measuring;  /* FOLLOW_EVENTS returned, not timed */
	struct console  *c;
};

static int64_t
mono_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int64_t
mono_ms(void)
{
	return mono_us() / 1000;
}

/* ---- the log ------------------------------------------------------------- */

/* $XDG_STATE_HOME/uplift/follow.log, else ~/.local/state/uplift/. */
static void
log_open(struct follow *f)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	char *dir;

	if (x != NULL && x[0] == '/')
		dir = xasprintf("%s/uplift", x);
	else if (h != NULL && h[0] == '/')
		dir = xasprintf("%s/.local/state/uplift", h);
	else
		return;
	f->log_path = xasprintf("%s/follow.log", dir);
	/* the directories up to it, as XDG says: 0700 */
	for (char *p = strchr(dir + 1, '/'); ; p = strchr(p + 1, '/')) {
		if (p != NULL)
			*p = '\0';
		mkdir(dir, 0700);
		if (p == NULL)
			break;
		*p = '/';
	}
	free(dir);
	f->log = fopen(f->log_path, "ae");
}

static void
log_line(struct follow *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
log_line(struct follow *f, const char *fmt, ...)
{
	char when[24];
	va_list ap;

	if (f->log == NULL)
		return;
	civil_format_time(civil_now(), when, sizeof when);
	fprintf(f->log, "%s %s: ", when, f->path);
	va_start(ap, fmt);
	vfprintf(f->log, fmt, ap);
	va_end(ap);
	fputc('\n', f->log);
	fflush(f->log);
}

/* ---- the till's side ----------------------------------------------------- */

static int
till_connect(struct follow *f)
{
	struct sockaddr_un sa;

	if (!f->socket) {
		f->fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		return f->fd < 0 ? -1 : 0;
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", f->path);
	f->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (f->fd < 0)
		return -1;
	if (connect(f->fd, (struct sockaddr *)&sa, sizeof sa) != 0 &&
	    errno != EINPROGRESS) {
		close(f->fd);
		f->fd = -1;
		return -1;
	}
	log_line(f, "connected");
	return 0;
}

/* One line from the till: parsed, applied, said. */
static void
on_line(void *arg, int64_t lineno, const char *text, size_t len,
    const char *problem)
{
	struct follow *f = arg;
	struct console *c = f->c;
	struct till_event ev;
	char why[TILL_WHY_MAX], msg[300];
	int64_t order;

	if (problem == NULL && till_parse(text, len, &ev, why) != 0)
		problem = why;
	if (problem == NULL && till_apply(&f->till, c->session, &ev, &order,
	    msg, sizeof msg) != 0)
		problem = msg;
	if (!f->changed)
		f->read_us = mono_us();
	f->changed = 1;
	f->events++;
	if (problem != NULL) {
		if (problem != msg)
			f->till.refused++;
		log_line(f, "line %lld: %s", (long long)lineno, problem);
		console_status(c, 1, "Till line %lld: %s%s%s", (long long)lineno,
		    problem, f->log != NULL ? " (logged in " : "",
		    f->log != NULL ? "follow.log)" : "");
		f->batch_error = 1;
	} else if (!f->batch_error)
		console_status(c, 0, "%s", msg);
}

/* The till closed its end: a FIFO is opened again at once (the next
 * writer), a socket is connected to again at the next tick. */
static void
till_closed(struct follow *f, const char *why)
{
	till_lines_end(&f->lines, on_line, f);
	close(f->fd);
	f->fd = -1;
	/* a FIFO's writer closing is every printf's end: not worth a line */
	if (f->socket || why[0] != '\0')
		log_line(f, "%s", f->socket && why[0] == '\0' ?
		    "the till closed the connection" : why);
	if (!f->socket && till_connect(f) != 0) {
		log_line(f, "cannot open it again: %s", strerror(errno));
		console_status(f->c, 1, "Till: cannot open %s again: %s",
		    f->path, strerror(errno));
	}
}

static void
till_read(struct follow *f)
{
	char buf[FOLLOW_READ_MAX];
	ssize_t n;

	n = read(f->fd, buf, sizeof buf);
	if (n > 0)
		till_lines_feed(&f->lines, buf, (size_t)n, on_line, f);
	else if (n == 0)
		till_closed(f, "");
	else if (errno != EAGAIN && errno != EINTR)
		till_closed(f, strerror(errno));
}

/* ---- opening and closing ------------------------------------------------- */

static int
notify_check(const char *path, char **cause)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;       /* made at the first accept */
		*cause = xasprintf("--notify %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISFIFO(st.st_mode) && !S_ISREG(st.st_mode)) {
		*cause = xasprintf("--notify %s: not a FIFO or a file", path);
		return -1;
	}
	return 0;
}

int
follow_open(struct console *c, const char *path, const char *notify,
    char **cause)
{
	struct follow *f;
	struct stat st;
	char *v;

	if (stat(path, &st) != 0) {
		*cause = xasprintf("--follow %s: %s (make it with mkfifo)",
		    path, strerror(errno));
		return -1;
	}
	if (!S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode)) {
		*cause = xasprintf("--follow %s: not a FIFO or a Unix-domain "
		    "socket", path);
		return -1;
	}
	if (S_ISSOCK(st.st_mode) && strlen(path) >= sizeof(
	    ((struct sockaddr_un *)0)->sun_path)) {
		*cause = xasprintf("--follow %s: a socket's path must be "
		    "shorter", path);
		return -1;
	}
	if (notify != NULL && notify_check(notify, cause) != 0)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	f = xcalloc(1, sizeof *f);
	f->c = c;
	f->path = xstrdup(path);
	f->socket = S_ISSOCK(st.st_mode);
	f->notify = notify != NULL ? xstrdup(notify) : NULL;
	f->nfd = -1;
	f->fd = -1;
	log_open(f);
	if ((v = getenv("UPLIFT_LATENCY_LOG")) != NULL && *v != '\0')
		f->lat = fopen(v, "ae");
	c->follow = f;
	if (till_connect(f) != 0) {
		if (!f->socket) {
			*cause = xasprintf("--follow %s: %s", path,
			    strerror(errno));
			follow_close(c);
			return -1;
		}
		log_line(f, "cannot connect: %s", strerror(errno));
		console_status(c, 1, "Till: cannot connect to %s (%s); trying "
		    "again every second.", path, strerror(errno));
	} else
		console_status(c, 0, "Following the till at %s.", path);
	f->tick_ms = mono_ms();
	return 0;
}

void
follow_close(struct console *c)
{
	struct follow *f = c->follow;

	if (f == NULL)
		return;
	if (f->fd >= 0)
		close(f->fd);
	if (f->nfd >= 0)
		close(f->nfd);
	if (f->log != NULL) {
		log_line(f, "stopped following: %lld events applied (%lld of "
		    "them echoes), %lld refused", (long long)f->till.applied,
		    (long long)f->till.echoed, (long long)f->till.refused);
		fclose(f->log);
	}
	if (f->lat != NULL)
		fclose(f->lat);
	free(f->log_path);
	free(f->notify);
	free(f->path);
	free(f);
	c->follow = NULL;
}

/* ---- the wait ------------------------------------------------------------ */

/* The batch drawn after FOLLOW_EVENTS: read to screen, into the latency
 * log ("follow N events <microseconds>"). */
static void
timed(struct follow *f)
{
	if (!f->measuring)
		return;
	f->measuring = 0;
	if (f->lat != NULL) {
		fprintf(f->lat, "follow %lld %lld\n", (long long)f->events,
		    (long long)(mono_us() - f->read_us));
		fflush(f->lat);
	}
	f->events = 0;
}

int
follow_get_wch(struct console *c, wint_t *wc)
{
	struct follow *f = c->follow;
	struct pollfd p[2];
	int64_t now, wait;
	int rc;

	if (f == NULL)
		return get_wch(wc);
	timed(f);
	for (;;) {
		if ((rc = get_wch(wc)) != ERR)       /* keys first */
			return rc;
		now = mono_ms();
		if (f->changed && now - f->drawn_ms >= FOLLOW_FRAME_MS) {
			f->changed = f->batch_error = 0;
			f->drawn_ms = now;
			f->measuring = 1;
			return FOLLOW_EVENTS;
		}
		if (now - f->tick_ms >= 1000) {
			f->tick_ms = now;
			if (f->socket && f->fd < 0 && till_connect(f) == 0)
				console_status(c, 0, "Till: connected again.");
			return ERR;                 /* the clock's tick */
		}
		wait = f->changed ? FOLLOW_FRAME_MS - (now - f->drawn_ms) :
		    1000 - (now - f->tick_ms);
		p[0].fd = STDIN_FILENO;
		p[0].events = POLLIN;
		p[1].fd = f->fd;
		p[1].events = POLLIN;
		p[0].revents = p[1].revents = 0;
		if (poll(p, 2, (int)wait) < 0)
			return ERR;             /* a signal: the loop looks */
		if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return ERR;             /* the terminal is gone */
		if (f->fd >= 0 && p[1].revents != 0)
			till_read(f);
	}
}

/* ---- telling the till ---------------------------------------------------- */

char *
follow_tell(struct console *c, size_t i)
{
	struct follow *f = c->follow;

	if (f == NULL || (f->notify == NULL && !f->socket))
		return NULL;
	return till_accepted_json(&f->till, c->session, i);
}

/* The notify FIFO or file, opened when first needed (a FIFO without a
 * reader is not opened: ENXIO). */
static int
notify_fd(struct follow *f)
{
	if (f->socket && f->notify == NULL)
		return f->fd;
	if (f->nfd < 0) {
		f->nfd = open(f->notify, O_WRONLY | O_NONBLOCK | O_APPEND |
		    O_CLOEXEC);
		if (f->nfd < 0 && errno == ENOENT)
			f->nfd = open(f->notify, O_WRONLY | O_NONBLOCK |
			    O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	}
	return f->nfd;
}

/* Write the whole line: a socket may take part of it when its buffer is
 * nearly full; the rest is given 100 ms.  len, or -1 with errno. */
static ssize_t
write_line(int fd, const char *line, size_t len)
{
	struct pollfd p;
	size_t done = 0;
	ssize_t n;
	int tries = 0;

	while (done < len) {
		n = write(fd, line + done, len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN)
			return -1;
		if (done == 0 || tries++ == 10) {    /* nothing of it: EAGAIN */
			errno = EAGAIN;
			return -1;
		}
		p.fd = fd;
		p.events = POLLOUT;
		poll(&p, 1, 10);
	}
	return (ssize_t)len;
}

void
follow_told(struct console *c, char *line)
{
	struct follow *f = c->follow;
	size_t len;
	ssize_t n = -1;
	int fd, tries;

	if (f == NULL || line == NULL) {
		free(line);
		return;
	}
	len = strlen(line);
	/* a reader that went away (EPIPE): the FIFO once more, for the
	 * next reader */
	for (tries = 0; tries < 2; tries++) {
		errno = ENOTCONN;
		if ((fd = notify_fd(f)) >= 0 &&
		    (n = write_line(fd, line, len)) == (ssize_t)len)
			break;
		if (fd < 0 || errno != EPIPE || f->nfd != fd)
			break;
		close(f->nfd);
		f->nfd = -1;
	}
	if (n != (ssize_t)len) {
		const char *why = errno == ENXIO ? "nobody reads it" :
		    errno == EAGAIN ? "it is full, nobody reads it" :
		    strerror(errno);
		line[len - 1] = '\0';
		log_line(f, "not told: %s: %s", line, why);
		console_status(c, 1, "The till was NOT told of the accept "
		    "(%s): ring it up by hand.", why);
	} else
		log_line(f, "told: %.*s", (int)(len - 1), line);
	free(line);
}

/* ---- the scanner --------------------------------------------------------- */

int
follow_scan(struct console *c, int rc, wint_t wc)
{
	const struct item *it;
	char code[SCAN_MAX_DIGITS + 1];
	int r;

	if (c->session == NULL || c->desk != NULL || c->sc != NULL ||
	    console_top(c) != &mode_counter)
		return 0;
	if (!scan_key(&c->scan, rc == KEY_CODE_YES, (uint32_t)wc, mono_ms(),
	    code, sizeof code))
		return 0;
	if ((it = till_find_item(&c->session->cat, code)) == NULL) {
		console_status(c, 1, "Scanned %s: no item has that barcode or "
		    "SKU.", code);
		return 1;
	}
	if (c->session->who == WHO_NOBODY)
		session_walk_in(c->session);
	r = session_add_item(c->session, it->id, 1);
	if (r < 0)
		console_status(c, 1, "Not added: the basket would be beyond "
		    "the largest amount uplift keeps.");
	else {
		console_status(c, 0, "Scanned: %s.", it->name);
		console_saved_or_not(c, r, "the suggestions shown");
	}
	return 1;
}
