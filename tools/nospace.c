/*
 * nospace.c — a full disk on demand, for the faults, screen and stress
 * suites: LD_PRELOAD=nospace.so NOSPACE_FLAG=FILE.  While FILE exists, a
 * write to a regular file that needs a block the file has not got yet
 * (past st_blocks) fails with ENOSPC, and so does fallocate; writes into
 * blocks already allocated succeed — as on a real full disk.  With
 * NOSPACE_WAL=1 every write to a SQLite -wal file fails too, even into
 * space it had: the disk is full and the database's log must grow (a
 * busy WAL that several counters share reuses its space, so a plain full
 * disk would take years to bite there).  Built by the suites with
 * `cc -shared -fPIC -o nospace.so tools/nospace.c -ldl`.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int
full(void)
{
	const char *f = getenv("NOSPACE_FLAG");

	return f != NULL && *f != '\0' && access(f, F_OK) == 0;
}

/* 1 if fd is a SQLite -wal file and NOSPACE_WAL is set. */
static int
is_wal(int fd)
{
	const char *w = getenv("NOSPACE_WAL");
	char link[64], path[4096];
	ssize_t n;

	if (w == NULL || strcmp(w, "1") != 0)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof path - 1)) < 4)
		return 0;
	path[n] = '\0';
	return strcmp(path + n - 4, "-wal") == 0;
}

/* 1 if writing n bytes at off into fd needs blocks fd has not got. */
static int
needs_blocks(int fd, off_t off, size_t n)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	return off + (off_t)n > (off_t)sb.st_blocks * 512 || is_wal(fd);
}

typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*pfalloc_fn)(int, off_t, off_t);
typedef int (*falloc_fn)(int, int, off_t, off_t);

#define REAL(name, type) \
	static type real_##name; \
	if (real_##name == NULL) \
		real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t
pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite64, pwrite_fn);
	if (n > 0 && full() && needs_blocks(fd, off, n)) {
		errno = ENOSPC;
		return -1;
	}
	return real_pwrite64(fd, buf, n, off);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite, pwrite_fn);
	if (n > 0 && full() && needs_blocks(fd, off, n)) {
		errno = ENOSPC;
		return -1;
	}
	return real_pwrite(fd, buf, n, off);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	off_t off;
	struct stat sb;

	REAL(write, write_fn);
	if (n > 0 && full() && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		off = (fcntl(fd, F_GETFL) & O_APPEND) ? sb.st_size :
		    lseek(fd, 0, SEEK_CUR);
		if (off >= 0 && needs_blocks(fd, off, n)) {
			errno = ENOSPC;
			return -1;
		}
	}
	return real_write(fd, buf, n);
}

int
posix_fallocate(int fd, off_t off, off_t len)
{
	REAL(posix_fallocate, pfalloc_fn);
	if (full() && needs_blocks(fd, off, (size_t)len))
		return ENOSPC;
	return real_posix_fallocate(fd, off, len);
}

int
posix_fallocate64(int fd, off_t off, off_t len)
{
	REAL(posix_fallocate64, pfalloc_fn);
	if (full() && needs_blocks(fd, off, (size_t)len))
		return ENOSPC;
	return real_posix_fallocate64(fd, off, len);
}

int
fallocate(int fd, int mode, off_t off, off_t len)
{
	REAL(fallocate, falloc_fn);
	if (full() && needs_blocks(fd, off, (size_t)len)) {
		errno = ENOSPC;
		return -1;
	}
	return real_fallocate(fd, mode, off, len);
}
