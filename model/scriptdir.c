/*
 * scriptdir.c — a shop's talking points: the ones saved in its database,
 * else the .txt files of a directory (model/script.h).  Apart from
 * script.c so that the parser and renderer build without the store (the
 * fuzz target).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "model/script.h"
#include "model/store_catalog.h"
#include "model/xalloc.h"

static int
txt_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
script_load_shop(struct scripts *sc, struct store *st, const char *dir,
    char **warning)
{
	struct script_row *rows;
	DIR *d;
	struct dirent *e;
	char **names = NULL, *path, *cause = NULL, *w = NULL, *t;
	size_t n = 0, i, len, nrows;

	*warning = NULL;
	/* The shop's own talking points, when it saved some, else dir. */
	if (st != NULL) {
		if (store_script_rows(st, &rows, &nrows, &cause) != 0) {
			*warning = cause;
			return;
		}
		if (nrows > 0) {
			if (script_load_rows(sc, rows, nrows, &cause) != 0)
				*warning = cause;
			store_script_rows_free(&rows, nrows);
			return;
		}
	}
	if (dir == NULL || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, txt_cmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (script_load_file(sc, path, &cause) != 0) {
			t = xasprintf("%s%s%s", w ? w : "", w ? "\n" : "",
			    cause);
			free(w);
			w = t;
			free(cause);
			cause = NULL;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	*warning = w;
}

