/*
 * store_files.c — the files behind a store: on a local disk, the parent
 * directory made, and the database, its -wal and -shm regular files of
 * this user, made private.
 */
#include "model/store_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "model/text.h"
#include "model/xalloc.h"

int
store_local_fs(const char *path, char **cause)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct statfs sf;
	int rc = 0;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if (statfs(dir, &sf) == 0) {
		switch ((unsigned long)sf.f_type) {
		case 0x6969UL:       /* NFS */
		case 0x517bUL:       /* SMB */
		case 0xff534d42UL:   /* CIFS */
		case 0xfe534d42UL:   /* SMB2 */
		case 0x564c:         /* NCP */
		case 0x01021997UL:   /* 9p */
		case 0x47504653UL:   /* GPFS */
		case 0x0bd00bd0UL:   /* Lustre */
		case 0x73757245UL:   /* Coda */
		case 0x5346414fUL:   /* AFS */
		case 0x65735546UL: { /* FUSE (sshfs and friends) */
			char *p = text_cleans(path, 60);
			*cause = xasprintf("%s: on a network filesystem; SQLite "
			    "locking is not safe there, keep the database on a "
			    "local disk", p);
			free(p);
			rc = -1;
		}
		}
	}
	free(dir);
	return rc;
}

int
store_mkparent(const char *path, char **cause)
{
	char *dir = xstrdup(path), *p;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			char *c = text_cleans(dir, 60);
			*cause = xasprintf("%s: %s", c, strerror(errno));
			free(c);
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* Refuse a file that is not a regular file of this user (fd open on it,
 * name for the message); with private, make one of ours private too.  0
 * or -1 with *cause. */
static int
store_own(int fd, const char *name, int private, char **cause)
{
	struct stat sb;
	char *p;

	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid()) {
		p = text_cleans(name, 60);
		if (S_ISREG(sb.st_mode))
			*cause = xasprintf("%s: belongs to user %ld, not to "
			    "this one (%ld): uplift keeps customers' data only "
			    "in files of its own; remove it, or use another "
			    "directory", p, (long)sb.st_uid, (long)geteuid());
		else
			*cause = xasprintf("%s: not a regular file", p);
		free(p);
		return -1;
	}
	if (private && (sb.st_mode & 077) != 0 &&
	    fchmod(fd, sb.st_mode & 0700) != 0) {
		p = text_cleans(name, 60);
		*cause = xasprintf("%s: cannot make it private: %s", p,
		    strerror(errno));
		free(p);
		return -1;
	}
	return 0;
}

/*
 * Before SQLite opens anything for writing: the database and its -wal
 * and -shm, those that exist, must each be a regular file of this user
 * (no symbolic link, no file another user planted in a shared
 * directory, which SQLite would read and write).  Nothing is changed
 * here: a file refused stays as it was.
 */
int
store_own_files(const char *path, char **cause)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char *p, *c;
	size_t i;
	int fd, rc;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		p = xasprintf("%s%s", path, ext[i]);
		fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rc = errno;
			if (rc != ENOENT) {
				c = text_cleans(p, 60);
				*cause = xasprintf("%s: %s", c, rc == ELOOP ?
				    "a symbolic link: uplift does not follow "
				    "it" : strerror(rc));
				free(c);
			}
			free(p);
			if (rc == ENOENT)
				continue;
			return -1;
		}
		rc = store_own(fd, p, 0, cause);
		close(fd);
		free(p);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/*
 * Once the file is known to be ours, before anything is written: the
 * files SQLite has open for the database, its -wal and its -shm (found in
 * /proc/self/fd, so a file swapped in after store_own_files() is caught)
 * are regular files of this user, and made 0600 (SQLite gives a -wal and
 * -shm it creates the database's mode).  Skipped without /proc.
 */
int
store_own_open(const char *path, char **cause)
{
	char real[PATH_MAX], *names[3], link[300], to[PATH_MAX];
	struct dirent *e;
	DIR *d;
	ssize_t n;
	int i, fd, rc = 0;

	if (realpath(path, real) == NULL || (d = opendir("/proc/self/fd")) ==
	    NULL)
		return 0;
	names[0] = xstrdup(real);
	names[1] = xasprintf("%s-wal", real);
	names[2] = xasprintf("%s-shm", real);
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
		if ((n = readlink(link, to, sizeof to - 1)) <= 0)
			continue;
		to[n] = '\0';
		for (i = 0; i < 3; i++)
			if (strcmp(to, names[i]) == 0) {
				fd = (int)strtol(e->d_name, NULL, 10);
				rc = store_own(fd, names[i], 1, cause);
				break;
			}
	}
	closedir(d);
	for (i = 0; i < 3; i++)
		free(names[i]);
	return rc;
}
