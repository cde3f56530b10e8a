/*
 * tmpdir.c — the private directories of temporary copies (the demo's
 * database, training copies), issue 14: made 0700 under $TMPDIR as
 * uplift-KIND.XXXXXX with a lock file inside that the process holds
 * (flock) while it lives; removed on every way out that can run code —
 * while one exists, INT, TERM, HUP and QUIT only set a flag (main then
 * cleans up and ends by the signal) — and, after a SIGKILL, by the next
 * start of uplift, which finds the lock free.
 */
#include "app/app.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/xalloc.h"

#define LOCK_NAME ".uplift-owner"

static volatile sig_atomic_t tmp_signal;

/* The locks of the directories this process made. */
static struct {
	char *dir;
	int   fd;
} owned[4];

static void
on_tmp_signal(int sig)
{
	tmp_signal = sig;
}

static const char *
tmp_base(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && t[0] == '/' ? t : "/tmp";
}

/* Remove dir and what is in it (files, and directories one level down);
 * symbolic links are removed, never followed. */
static void
remove_tree(const char *dir, int depth)
{
	DIR *d;
	struct dirent *e;
	struct stat sb;
	char *p;

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", dir, e->d_name);
			if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode) &&
			    depth > 0)
				remove_tree(p, depth - 1);
			else
				unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

int
app_tmpdir_make(const char *kind, char **out, char **cause)
{
	struct sigaction sa, cur;
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	char *dir, *lock;
	size_t i, slot;
	int fd;

	*out = NULL;
	for (slot = 0; slot < 4 && owned[slot].dir != NULL; slot++)
		;
	if (slot == 4) {
		*cause = xstrdup("too many temporary directories");
		return -1;
	}
	/* the flag first: a signal from now on leaves nothing behind */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tmp_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < 4; i++)
		if (sigaction(sigs[i], NULL, &cur) == 0 &&
		    cur.sa_handler == SIG_DFL)
			sigaction(sigs[i], &sa, NULL);
	dir = xasprintf("%s/uplift-%s.XXXXXX", tmp_base(), kind);
	if (mkdtemp(dir) == NULL) {
		*cause = xasprintf("cannot make a temporary directory: %s",
		    strerror(errno));
		free(dir);
		return -1;
	}
	/* the lock file takes its name only once it is locked: a start
	 * sweeping at this moment must not find it free */
	lock = xasprintf("%s/%s.new", dir, LOCK_NAME);
	fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
		char *final = xasprintf("%s/%s", dir, LOCK_NAME);

		if (rename(lock, final) != 0) {
			close(fd);
			fd = -1;
		}
		free(final);
	} else if (fd >= 0) {
		close(fd);
		fd = -1;
	}
	free(lock);
	if (fd < 0) {
		*cause = xasprintf("cannot lock a temporary directory: %s",
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		remove_tree(dir, 1);
		free(dir);
		return -1;
	}
	{
		char pid[32];
		int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());

		/* only for people: the lock is what counts */
		if (write(fd, pid, (size_t)n) != n)
			errno = 0;
	}
	owned[slot].dir = dir;
	owned[slot].fd = fd;
	*out = xstrdup(dir);
	return 0;
}

void
app_tmpdir_remove(const char *dir)
{
	size_t i;

	if (dir == NULL)
		return;
	remove_tree(dir, 1);
	for (i = 0; i < 4; i++)
		if (owned[i].dir != NULL && strcmp(owned[i].dir, dir) == 0) {
			close(owned[i].fd);
			xfree(&owned[i].dir);
		}
}

int
app_tmpdir_signal(void)
{
	return tmp_signal;
}

void
app_tmpdir_sweep(void)
{
	DIR *d;
	struct dirent *e;
	struct stat sb;
	const char *base = tmp_base();
	char *dir, *lock;
	int fd;

	if ((d = opendir(base)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "uplift-demo.", 12) != 0 &&
		    strncmp(e->d_name, "uplift-train.", 13) != 0)
			continue;
		dir = xasprintf("%s/%s", base, e->d_name);
		/* ours, a real directory, private */
		if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
		    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0) {
			free(dir);
			continue;
		}
		lock = xasprintf("%s/%s", dir, LOCK_NAME);
		fd = open(lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			remove_tree(dir, 1);       /* its owner is gone */
		else if (fd < 0 && errno == ENOENT &&
		    sb.st_mtime < time(NULL) - 60)
			remove_tree(dir, 1);       /* no lock, and old */
		if (fd >= 0)
			close(fd);
		free(lock);
		free(dir);
	}
	closedir(d);
}

/* The PID of name when it is base ".importing-" PID, optionally followed
 * by "-wal", "-shm" or "-journal"; else 0. */
static long
importing_pid(const char *name, const char *base)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	size_t n = strlen(base), k;
	const char *p;
	char *end;
	long pid;

	if (strncmp(name, base, n) != 0 ||
	    strncmp(name + n, ".importing-", 11) != 0)
		return 0;
	p = name + n + 11;
	if (*p < '1' || *p > '9')
		return 0;
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno != 0 || pid <= 0)
		return 0;
	for (k = 0; k < sizeof ext / sizeof ext[0]; k++)
		if (strcmp(end, ext[k]) == 0)
			return pid;
	return 0;
}

int
app_import_sweep(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".") :
	    xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	const char *base = slash == NULL ? path : slash + 1;
	struct dirent *e;
	struct stat sb;
	DIR *d;
	long pid;
	int n = 0;

	if (*base != '\0' && (d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char *p;

			if ((pid = importing_pid(e->d_name, base)) == 0 ||
			    (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
				continue;       /* alive, or not ours to ask */
			p = xasprintf("%s/%s", dir, e->d_name);
			if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
			    sb.st_uid == geteuid() && unlink(p) == 0)
				n++;
			free(p);
		}
		closedir(d);
	}
	free(dir);
	return n;
}
