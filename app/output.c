/*
 * output.c — files a command writes with --out (reliability.md rule 7):
 * only a new path, or with --force an existing regular file; never a
 * symbolic link, a FIFO, a device or a directory, never the database or
 * the files SQLite and uplift keep beside it (NAME-wal, NAME-shm,
 * NAME-journal, NAME-pending-*), never the configuration.  The data goes
 * to a 0600 temporary file in the same directory, is synced, and then
 * takes the name: with link(2) when the name must be new (it fails if
 * the name appeared meanwhile, whatever it is), with rename(2) over the
 * regular file that was checked.  Until app_out_commit() nothing has the
 * name.
 */
#include "app/app.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/csv.h"
#include "model/text.h"
#include "model/xalloc.h"

/* The directory part of path ("." when none) and its last part. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash == NULL ? path : slash + 1;
}

/* path with its directory resolved (the last part as given), or NULL
 * when the directory does not resolve. */
static char *
canonical(const char *path)
{
	char *dir = dir_of(path), real[PATH_MAX], *out = NULL;

	if (realpath(dir, real) != NULL)
		out = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real,
		    base_of(path));
	free(dir);
	return out;
}

/* 1 if out names the database db, or a file beside it that SQLite or
 * uplift keeps (db followed by '-' and anything). */
static int
is_database(const char *out, const char *db)
{
	char *co, *cd;
	size_t n;
	int hit = 0;

	if (db == NULL || (co = canonical(out)) == NULL)
		return 0;
	if ((cd = canonical(db)) != NULL) {
		n = strlen(cd);
		hit = strncmp(co, cd, n) == 0 && (co[n] == '\0' ||
		    co[n] == '-');
		free(cd);
	}
	free(co);
	return hit;
}

/* 1 if a and b are the same existing file. */
static int
same_inode(const struct stat *a, const char *b)
{
	struct stat sb;

	return b != NULL && stat(b, &sb) == 0 && sb.st_dev == a->st_dev &&
	    sb.st_ino == a->st_ino;
}

static void
refuse(char **cause, const char *path, const char *why)
{
	char *p = text_cleans(path, 60);

	*cause = xasprintf("%s: %s", p, why);
	free(p);
}

int
app_out_open(struct app *a, const char *path, int force,
    struct app_out *o, char **cause)
{
	const char *db = a->db_path, *cfg = a->config_path;
	struct stat sb;
	int fd;

	memset(o, 0, sizeof o[0]);
	if (*path == '\0' || path[strlen(path) - 1] == '/') {
		refuse(cause, path, "not a file name");
		return -1;
	}
	if (is_database(path, db)) {
		refuse(cause, path, "is the database or a file beside it "
		    "that SQLite keeps; an export never goes there");
		return -1;
	}
	if (cfg != NULL && is_database(path, cfg)) {
		refuse(cause, path, "is the configuration; an export never "
		    "goes there");
		return -1;
	}
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			refuse(cause, path, "is a symbolic link; name the "
			    "file itself");
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			refuse(cause, path, S_ISDIR(sb.st_mode) ?
			    "is a directory" : S_ISFIFO(sb.st_mode) ?
			    "is a FIFO, not a regular file" :
			    S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ?
			    "is a device, not a regular file" :
			    "is not a regular file");
			return -1;
		}
		if (same_inode(&sb, db) || (cfg != NULL &&
		    same_inode(&sb, cfg))) {
			refuse(cause, path, "is the database or the "
			    "configuration under another name");
			return -1;
		}
		if (!force) {
			refuse(cause, path, "exists; add --force to replace "
			    "it");
			return -1;
		}
		o->replace = 1;
		o->dev = sb.st_dev;
		o->ino = sb.st_ino;
	} else if (errno != ENOENT) {
		char *p = text_cleans(path, 60);
		*cause = xasprintf("%s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	o->path = xstrdup(path);
	{
		char *dir = dir_of(path);
		o->tmp = xasprintf("%s/%s.XXXXXX", dir, base_of(path));
		free(dir);
	}
	if ((fd = mkstemp(o->tmp)) < 0 || (o->f = fdopen(fd, "w")) ==
	    NULL) {
		char *p = text_cleans(path, 60);
		*cause = xasprintf("%s: cannot write beside it: %s", p,
		    strerror(errno));
		free(p);
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		xfree(&o->tmp);
		xfree(&o->path);
		return -1;
	}
	return 0;
}

/* fsync the directory of path, so that the new name lasts (a file system
 * that cannot sync a directory is not an error). */
static int
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd, rc = 0, e = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0) {
		e = errno;
		rc = -1;
	} else {
		if (fsync(fd) != 0 && errno != EINVAL) {
			e = errno;
			rc = -1;
		}
		close(fd);
	}
	free(dir);
	errno = e;
	return rc;
}

int
app_out_commit(struct app_out *o, char **cause)
{
	struct stat sb;
	const char *why = NULL;
	int rc = 0, e = 0;

	if ((fflush(o->f) != 0 || fsync(fileno(o->f)) != 0) && rc == 0) {
		e = errno;
		rc = -1;
	}
	if (fclose(o->f) != 0 && rc == 0) {
		e = errno;
		rc = -1;
	}
	o->f = NULL;
	if (rc == 0 && !o->replace) {
		/* exclusive: fails if anything took the name meanwhile */
		if (link(o->tmp, o->path) != 0) {
			e = errno;
			rc = -1;
			if (e == EEXIST)
				why = "appeared while the export was written; "
				    "nothing was replaced";
		}
	} else if (rc == 0) {
		/* the regular file checked at the start, and no other */
		if (lstat(o->path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    sb.st_dev != o->dev || sb.st_ino != o->ino) {
			rc = -1;
			why = "changed while the export was written; nothing "
			    "was replaced";
		} else if (rename(o->tmp, o->path) != 0) {
			e = errno;
			rc = -1;
		}
	}
	if (rc == 0 && sync_dir(o->path) != 0) {
		e = errno;
		why = "its directory could not be synced";
		rc = -1;
	}
	unlink(o->tmp);          /* the temporary name, after link(2) */
	if (rc != 0) {
		char *p = text_cleans(o->path, 60);
		*cause = why != NULL && e == 0 ? xasprintf("%s: %s", p, why) :
		    why != NULL ? xasprintf("%s: %s: %s", p, why,
		    strerror(e)) : xasprintf("%s: %s", p, strerror(e));
		free(p);
	}
	xfree(&o->tmp);
	xfree(&o->path);
	return rc;
}

void
app_out_abort(struct app_out *o)
{
	if (o->f != NULL)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp != NULL)
		unlink(o->tmp);
	xfree(&o->tmp);
	xfree(&o->path);
}

void
app_csv_row(FILE *f, size_t n, const char *const *fields)
{
	char **clean;
	size_t i;

	if (!isatty(fileno(f))) {
		csv_put_row(f, n, fields);
		return;
	}
	clean = xcalloc(n ? n : 1, sizeof *clean);
	for (i = 0; i < n; i++)
		clean[i] = text_cleans(fields[i], -1);
	csv_put_row(f, n, (const char *const *)clean);
	for (i = 0; i < n; i++)
		free(clean[i]);
	free(clean);
}
