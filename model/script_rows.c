/*
 * script_rows.c — talking points in their database form: the templates of
 * a language as rows (script_to_rows) and back (script_load_rows), so that
 * the store can keep the shop's own scripts.
 */
#include "model/script.h"
#include "model/types.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

/* ---- the database form -------------------------------------------------- */

void
script_to_rows(const struct scripts *sc, const char *lang,
    struct script_row **rows, size_t *n)
{
	size_t i, k = 0;
	int j;

	*rows = NULL;
	*n = 0;
	for (i = 0; i < sc->n; i++)
		if (strcmp(sc->v[i].lang, lang) == 0)
			k += (size_t)sc->v[i].nlines;
	if (k == 0)
		return;
	*rows = xcalloc(k, sizeof **rows);
	for (i = 0; i < sc->n; i++) {
		const struct script_tpl *t = &sc->v[i];
		if (strcmp(t->lang, lang) != 0)
			continue;
		for (j = 0; j < t->nlines; j++) {
			struct script_row *r = &(*rows)[(*n)++];
			r->kind = xstrdup(script_kind_name(t->kind));
			r->scope = t->sku ? xasprintf("item=%s", t->sku) :
			    t->category ? xasprintf("category=%s", t->category) :
			    xstrdup("");
			snprintf(r->lang, sizeof r->lang, "%s", t->lang);
			r->variant = xstrdup(t->variant);
			r->line = j + 1;
			r->text = xstrdup(t->lines[j]);
		}
	}
}

static void
buf_add(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > *cap) {
		*cap = 2 * (*cap + n) + 64;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}

int
script_load_rows(struct scripts *sc, const struct script_row *rows,
    size_t n, char **cause)
{
	size_t i = 0, j, len, cap;
	char *buf, *name, *t;
	int rc = 0;

	/* One language at a time, written back as a script file. */
	while (i < n && rc == 0) {
		buf = NULL;
		len = cap = 0;
		t = xasprintf("lang = %s\n", rows[i].lang);
		buf_add(&buf, &len, &cap, t);
		free(t);
		for (j = i; j < n && strcmp(rows[j].lang, rows[i].lang) == 0;
		    j++) {
			if (j == i || strcmp(rows[j].kind, rows[j - 1].kind) != 0 ||
			    strcmp(rows[j].scope, rows[j - 1].scope) != 0 ||
			    strcmp(rows[j].variant, rows[j - 1].variant) != 0) {
				t = xasprintf("[%s%s%s variant=%s]\n",
				    rows[j].kind, rows[j].scope[0] ? " " : "",
				    rows[j].scope, rows[j].variant);
				buf_add(&buf, &len, &cap, t);
				free(t);
			}
			t = xasprintf("say = %s\n", rows[j].text);
			buf_add(&buf, &len, &cap, t);
			free(t);
		}
		name = xasprintf("the database's talking points (%s)",
		    rows[i].lang);
		rc = script_load_text(sc, name, buf, len, cause);
		free(name);
		free(buf);
		i = j;
	}
	return rc;
}
