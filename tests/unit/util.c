/*
 * util.c — the scaffolding declared in tests/unit/util.h.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "model/xalloc.h"
#include "tests/unit/util.h"

static char	 *tmpdir;	/* made by util_tmp_setup */
static unsigned	  tmpseq;	/* the NNN of util_tmp_path */
static char	**kept;		/* paths handed out, freed at teardown */
static size_t	  nkept, capkept;

/* Hand s out: util frees it at util_tmp_teardown. */
static const char *
keep(char *s)
{
	if (nkept == capkept) {
		capkept = capkept == 0 ? 64 : capkept * 2;
		kept = xreallocarray(kept, capkept, sizeof *kept);
	}
	kept[nkept++] = s;
	return s;
}

int
util_tmp_setup(void **state)
{
	const char	*base = getenv("TMPDIR");
	char		*tmpl;

	(void)state;
	if (base == NULL || *base == '\0')
		base = "/tmp";
	tmpl = xasprintf("%s/uplift-test.XXXXXX", base);
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "util_tmp_setup: mkdtemp %s: %s\n", tmpl,
		    strerror(errno));
		free(tmpl);
		return -1;
	}
	tmpdir = tmpl;
	tmpseq = 0;
	return 0;
}

int
util_tmp_teardown(void **state)
{
	size_t	i;

	(void)state;
	if (tmpdir != NULL)
		util_rmtree(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
	tmpseq = 0;
	for (i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
	kept = NULL;
	nkept = capkept = 0;
	return 0;
}

const char *
util_tmp_dir(void)
{
	return tmpdir;
}

const char *
util_tmp_path(const char *name)
{
	if (tmpdir == NULL)
		fail_msg("util_tmp_path(%s): no temporary directory (is "
		    "util_tmp_setup the group setup?)", name);
	return keep(xasprintf("%s/%03u-%s", tmpdir, tmpseq++, name));
}

void
util_write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	const char	*p = data;
	size_t		 done = 0;
	ssize_t		 n;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd == -1)
		fail_msg("create %s: %s", path, strerror(errno));
	while (done < len) {
		n = write(fd, p + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			fail_msg("write %s: %s", path, strerror(errno));
		done += (size_t)n;
	}
	if (fchmod(fd, mode) != 0)
		fail_msg("fchmod %s: %s", path, strerror(errno));
	if (close(fd) != 0)
		fail_msg("close %s: %s", path, strerror(errno));
}

const char *
util_tmp_write_mode(const char *name, const void *data, size_t len,
    mode_t mode)
{
	const char	*path = util_tmp_path(name);

	util_write_file(path, data, len, mode);
	return path;
}

const char *
util_tmp_write(const char *name, const void *data, size_t len)
{
	return util_tmp_write_mode(name, data, len, 0600);
}

const char *
util_tmp_text(const char *name, const char *text)
{
	return util_tmp_write_mode(name, text, strlen(text), 0600);
}

const char *
util_tmp_write_gz(const char *name, const void *data, size_t len)
{
	const char	*path = util_tmp_path(name);
	gzFile		 gz;

	gz = gzopen(path, "wb9");
	if (gz == NULL)
		fail_msg("gzopen %s: %s", path, strerror(errno));
	assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
	assert_int_equal(gzclose(gz), Z_OK);
	return path;
}

void
util_rmtree(const char *path)
{
	struct stat	  sb;
	struct dirent	 *de;
	DIR		 *d;
	char		**names = NULL, *p;
	size_t		  n = 0, cap = 0, i;

	if (lstat(path, &sb) != 0)
		return;
	if (!S_ISDIR(sb.st_mode)) {
		unlink(path);
		return;
	}
	/* A test may have left it read-only; names first, then removal. */
	chmod(path, 0700);
	if ((d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				names = xreallocarray(names, cap,
				    sizeof *names);
			}
			names[n++] = xasprintf("%s/%s", path, de->d_name);
		}
		closedir(d);
	}
	for (i = 0; i < n; i++) {
		p = names[i];
		util_rmtree(p);
		free(p);
	}
	free(names);
	rmdir(path);
}

const char *
util_testdata(void)
{
	const char	*d = getenv("UPLIFT_TESTDATA");

	return (d != NULL && *d != '\0') ? d : "tests/data";
}

const char *
util_fixture(const char *dir, const char *name)
{
	char	*rel, *abs;

	rel = xasprintf("%s/%s/%s", util_testdata(), dir, name);
	if ((abs = realpath(rel, NULL)) == NULL)
		fail_msg("fixture %s: %s", rel, strerror(errno));
	free(rel);
	return keep(abs);
}

const char *
util_data_file(const char *name)
{
	const char	*d = getenv("UPLIFT_DATA"), *t, *path = NULL;
	char		*p;

	if (d != NULL && *d != '\0')
		path = keep(xasprintf("%s/%s", d, name));
	else if ((t = getenv("UPLIFT_TESTDATA")) != NULL && *t != '\0') {
		/* t is REPO/tests/data. */
		p = xasprintf("%s/../../../shared/data/%s", t, name);
		if (access(p, R_OK) == 0)
			path = keep(p);
		else
			free(p);
	}
	if (path == NULL)
		path = keep(xasprintf("../shared/data/%s", name));
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "%s not found: skipped (set UPLIFT_DATA)\n",
		    path);
		skip();
	}
	return path;
}

/* Read f to its end into a NUL-terminated malloc'd buffer. */
static char *
read_stream(FILE *f, const char *what, size_t *lenp)
{
	char	*buf;
	size_t	 cap = 4096, len = 0, n;

	buf = xmalloc(cap);
	for (;;) {
		if (len + 1 == cap) {
			buf = xreallocarray(buf, cap, 2);
			cap *= 2;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		if (n == 0)
			break;
		len += n;
	}
	if (ferror(f))
		fail_msg("read %s: %s", what, strerror(errno));
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

char *
util_read_file(const char *path, size_t *lenp)
{
	FILE	*f;
	char	*buf;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("open %s: %s", path, strerror(errno));
	buf = read_stream(f, path, lenp);
	fclose(f);
	return buf;
}

char *
util_shquote(const char *s)
{
	size_t	 n = 3, i;
	char	*out, *p;

	for (i = 0; s[i] != '\0'; i++)
		n += s[i] == '\'' ? 4 : 1;
	out = p = xmalloc(n);
	*p++ = '\'';
	for (; *s != '\0'; s++) {
		if (*s == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else
			*p++ = *s;
	}
	*p++ = '\'';
	*p = '\0';
	return out;
}

int
util_run(char **out, const char *fmt, ...)
{
	va_list	 ap;
	char	*cmd, *buf;
	FILE	*p;
	int	 status;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	fflush(NULL);
	if ((p = popen(cmd, "r")) == NULL)
		fail_msg("popen %s: %s", cmd, strerror(errno));
	buf = read_stream(p, cmd, NULL);
	status = pclose(p);
	free(cmd);
	if (out != NULL)
		*out = buf;
	else
		free(buf);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}
