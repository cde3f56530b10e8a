/*
 * text — UTF-8 decoding, sanitising and width.  See model/text.h.
 *
 * Everything goes through one loop, text_walk(): it decodes, replaces
 * unsafe code points with U+FFFD, groups combining marks with their base
 * and stops as soon as the column limit is reached, so a 1 MiB name costs
 * no more than the part that is shown.
 */
#include "model/text.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "model/xalloc.h"

#define TEXT_MAX_MARKS	8		/* combining marks kept per base */
#define TEXT_ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, width 1 */
#define TEXT_NUL_TERMINATED SIZE_MAX	/* text_walk: stop at the NUL */

/* A growable output buffer; data is NULL when only measuring. */
struct text_buf {
	char	*data;
	size_t	 len;
	size_t	 size;
};

/* What text_walk found. */
struct text_result {
	int	 width;	/* columns of what was kept, ellipsis included */
	int	 cut;	/* 1 if the input was cut and "…" appended */
};

static int	text_ascii;	/* text_set_ascii(): non-ASCII shown as '?' */
static int	text_utf8;	/* text_init() found a UTF-8 LC_CTYPE */
static int	text_env_utf8;	/* ... and the user's own locale was one */

static int
text_codeset_is_utf8(void)
{
	const char	*cs = nl_langinfo(CODESET);

	if (cs == NULL)
		return 0;
	return (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

void
text_set_ascii(int on)
{
	text_ascii = on;
}

int
text_get_ascii(void)
{
	return text_ascii;
}

int
text_env_is_utf8(void)
{
	return text_env_utf8;
}

int
text_init(void)
{
	static const char	*fallback[] = { "C.UTF-8", "en_US.UTF-8" };
	size_t			 i;

	text_utf8 = text_env_utf8 = text_codeset_is_utf8();
	for (i = 0; !text_utf8 && i < sizeof fallback / sizeof fallback[0];
	    i++) {
		if (setlocale(LC_CTYPE, fallback[i]) != NULL)
			text_utf8 = text_codeset_is_utf8();
	}
	return text_utf8;
}

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 n, i;

	*cp = TEXT_REPLACEMENT;
	if (s == NULL || len == 0)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 1;	/* continuation byte, C0/C1 lead, F5-FF */

	/*
	 * Check byte by byte: a NUL is never a continuation byte, so a
	 * NUL-terminated string is never read past its end.
	 */
	for (i = 1; i < n; i++) {
		if (i >= len || (u[i] & 0xc0) != 0x80)
			return 1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 1;
	*cp = c;
	return n;
}

int
text_is_unsafe(uint32_t cp)
{
	return (cp < 0x20 ||
	    cp == 0x7f ||
	    (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x061c ||
	    (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff);
}

int
text_cp_width(uint32_t cp)
{
	int	w;

	/* Unsafe code points are shown as U+FFFD: one column. */
	if (cp == TEXT_REPLACEMENT || text_is_unsafe(cp) || cp > 0x10ffff)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	if (w > 2)
		return 2;
	return w;
}

static void
text_buf_add(struct text_buf *b, const char *p, size_t n)
{
	size_t	need;

	if (b->data == NULL)
		return;
	need = b->len + n + 1;
	if (need > b->size) {
		while (b->size < need)
			b->size *= 2;
		b->data = xreallocarray(b->data, 1, b->size);
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static size_t
text_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The one sanitising loop.  Reads s[0..len), or up to the NUL when len is
 * TEXT_NUL_TERMINATED, appends the sanitised text to b (if b->data is not
 * NULL) and stops once maxcols (>= 0) would be exceeded, ending with "…".
 * Combining marks without a base (at the start) are dropped.
 */
static struct text_result
text_walk(const char *s, size_t len, int maxcols, struct text_buf *b)
{
	struct text_result	 r = { 0, 0 };
	size_t			 i = 0, n, mark = 0;
	uint32_t		 cp;
	int			 w, marks = 0, base = 0, markw = 0;
	char			 enc[4];

	if (s == NULL)
		return r;
	for (;;) {
		if (len == TEXT_NUL_TERMINATED) {
			if (s[i] == '\0')
				break;
			n = text_decode(s + i, 4, &cp);
		} else {
			if (i >= len)
				break;
			n = text_decode(s + i, len - i, &cp);
		}
		i += n;
		if (text_is_unsafe(cp))
			cp = TEXT_REPLACEMENT;
		if (text_ascii && cp >= 0x80) {
			/* A terminal without UTF-8: one '?' per character,
			 * nothing for the combining marks. */
			if (text_cp_width(cp) == 0)
				continue;
			cp = '?';
		}
		w = text_cp_width(cp);

		if (w == 0) {
			if (base && marks < TEXT_MAX_MARKS) {
				text_buf_add(b, enc, text_encode(cp, enc));
				marks++;
			}
			continue;
		}

		/* A new base: a cluster boundary. */
		if (maxcols >= 0) {
			if (r.width <= maxcols - 1) {
				mark = b->len;
				markw = r.width;
			}
			if (w > maxcols - r.width) {
				if (maxcols == 0)
					return r;
				b->len = mark;
				if (b->data != NULL)
					b->data[mark] = '\0';
				if (text_ascii)
					text_buf_add(b, "~", 1);
				else
					text_buf_add(b, TEXT_ELLIPSIS,
					    sizeof TEXT_ELLIPSIS - 1);
				r.width = markw + 1;
				r.cut = 1;
				return r;
			}
		} else if (r.width > INT_MAX - w) {
			/* Wider than an int can count: stop. */
			return r;
		}
		text_buf_add(b, enc, text_encode(cp, enc));
		r.width += w;
		base = 1;
		marks = 0;
	}
	return r;
}

static void
text_buf_init(struct text_buf *b)
{
	b->size = 64;
	b->len = 0;
	b->data = xmalloc(b->size);
	b->data[0] = '\0';
}

char *
text_clean(const char *s, size_t len, int maxcols)
{
	struct text_buf	b;

	text_buf_init(&b);
	if (len == TEXT_NUL_TERMINATED)	/* not a real length */
		len--;
	text_walk(s, len, maxcols, &b);
	return b.data;
}

char *
text_cleans(const char *s, int maxcols)
{
	struct text_buf	b;

	text_buf_init(&b);
	text_walk(s, TEXT_NUL_TERMINATED, maxcols, &b);
	return b.data;
}

char *
text_fit(const char *s, int cols)
{
	struct text_buf		b;
	struct text_result	r;
	size_t			ell;

	text_buf_init(&b);
	if (cols <= 0)
		return b.data;
	r = text_walk(s, TEXT_NUL_TERMINATED, cols, &b);
	if (r.cut && r.width < cols) {
		/*
		 * A double-width character straddled the column before
		 * "…": put a space there so "…" stays in the last column.
		 */
		ell = b.len - (sizeof TEXT_ELLIPSIS - 1);
		b.len = ell;
		while (r.width < cols) {
			text_buf_add(&b, " ", 1);
			r.width++;
		}
		text_buf_add(&b, TEXT_ELLIPSIS, sizeof TEXT_ELLIPSIS - 1);
	}
	for (; r.width < cols; r.width++)
		text_buf_add(&b, " ", 1);
	return b.data;
}

/* Where s's trailing size starts ("250 ml", "128 GB", "5 kg"): the last
 * word beginning with a digit, with at most one word after it, and not
 * s's first word; NULL for none. */
static const char *
name_size(const char *s)
{
	const char *p, *size = NULL;
	int after = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p == ' ' || (p > s && p[-1] != ' '))
			continue;
		/* p starts a word */
		if (*p >= '0' && *p <= '9' && p > s) {
			size = p;
			after = 0;
		} else if (size != NULL)
			after++;
	}
	return size != NULL && after <= 1 ? size : NULL;
}

char *
text_fit_name(const char *s, int cols)
{
	const char *size;
	char *head, *joined, *out;
	int sw, hw;
	size_t hl;

	if (s == NULL || text_width(s) <= cols || (size = name_size(s)) ==
	    NULL)
		return text_fit(s, cols);
	sw = text_width(size);
	hw = cols - sw;         /* the rest, its "…" included */
	if (hw < 8 + 1)
		return text_fit(s, cols);
	for (hl = (size_t)(size - s); hl > 0 && s[hl - 1] == ' '; hl--)
		;
	/* the rest and the space after it: cut, so it ends in "…" */
	head = text_clean(s, hl + 1, hw);
	hl = strlen(head);
	if (hl < sizeof TEXT_ELLIPSIS - 1 || strcmp(head + hl -
	    (sizeof TEXT_ELLIPSIS - 1), TEXT_ELLIPSIS) != 0) {
		free(head);
		return text_fit(s, cols);
	}
	joined = xasprintf("%s%s", head, size);
	out = text_fit(joined, cols);
	free(head);
	free(joined);
	return out;
}

int
text_width(const char *s)
{
	struct text_buf	b = { NULL, 0, 0 };

	return text_walk(s, TEXT_NUL_TERMINATED, -1, &b).width;
}

char *
text_excerpt(const char *s, size_t len)
{
	char	*clean, *out;

	clean = text_clean(s, len, 40);
	out = xasprintf("\"%s\"", clean);
	free(clean);
	return out;
}

void
text_fputs(const char *s, FILE *f)
{
	const unsigned char *p;
	char	*clean;

	if (s == NULL || f == NULL)
		return;
	/* Printable ASCII is its own clean form: the common case of a
	 * report's every field. */
	for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p == '\0') {
		fputs(s, f);
		return;
	}
	clean = text_cleans(s, -1);
	fputs(clean, f);
	free(clean);
}

int
text_valid_utf8(const char *s, size_t len, size_t *bad_at)
{
	size_t		i = 0, n;
	uint32_t	cp;

	if (s == NULL)
		return 1;
	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (n == 1 && cp == TEXT_REPLACEMENT) {
			if (bad_at != NULL)
				*bad_at = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

int
text_read_file(const char *path, size_t max, char **buf, size_t *len,
    char **cause)
{
	struct stat sb;
	const char *why = NULL;
	char *p;
	ssize_t r = 0;
	int fd;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &sb) != 0)
		why = strerror(errno);
	else if (!S_ISREG(sb.st_mode))
		why = "not a regular file";
	else if ((uintmax_t)sb.st_size > max)
		why = max >= 1024 * 1024 ? "larger than 1 MiB" :
		    "larger than 64 KiB";
	if (why == NULL) {
		*buf = xmalloc((size_t)sb.st_size + 1);
		while (*len < (size_t)sb.st_size) {
			r = read(fd, *buf + *len, (size_t)sb.st_size - *len);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			*len += (size_t)r;
		}
		if (r < 0) {
			why = strerror(errno);
			xfree(buf);
			*len = 0;
		} else
			(*buf)[*len] = '\0';
	}
	if (fd >= 0)
		close(fd);
	if (why != NULL) {
		p = text_cleans(path, 60);
		*cause = xasprintf("%s: %s", p, why);
		free(p);
		return -1;
	}
	return 0;
}

const char *
text_language_name(const char *code)
{
	static const struct { const char *code, *name; } names[] = {
		{ "ar", "Arabic" }, { "bn", "Bengali" }, { "de", "German" },
		{ "en", "English" }, { "es", "Spanish" }, { "fr", "French" },
		{ "gu", "Gujarati" }, { "hi", "Hindi" }, { "it", "Italian" },
		{ "nl", "Dutch" }, { "pa", "Punjabi" }, { "pl", "Polish" },
		{ "pt", "Portuguese" }, { "ro", "Romanian" }, { "so", "Somali" },
		{ "ta", "Tamil" }, { "tr", "Turkish" }, { "ur", "Urdu" },
		{ "zh", "Chinese" },
	};
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].code, code) == 0)
			return names[i].name;
	return code;
}

int
text_squeeze(char *s, size_t *len)
{
	size_t i, n = 0, a = 0, z = *len;

	while (a < z && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t'))
		z--;
	for (i = a; i < z; i++)
		if (s[i] != ' ' || s[i - 1] != ' ' || i == a)
			s[n++] = s[i];
	i = *len;
	*len = n;
	return n != i;
}

/* The letter a Latin-1 (U+00C0-U+00FF) or Latin Extended-A (U+0100-
 * U+017F) code point folds to; '?' where it is two letters or none. */
static const char fold_latin1[] =
    "aaaaaa?ceeeeiiiidnooooo?ouuuuy??aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";
static const char fold_exta[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkklllllllll"
    "lnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* The fold of cp: a letter or two into out (NUL-terminated), "" for a
 * combining accent, or NULL when cp stays as it is. */
static const char *
fold_cp(uint32_t cp, char out[3])
{
	const char *two = NULL;

	out[1] = out[2] = '\0';
	if (cp >= 'A' && cp <= 'Z')
		out[0] = (char)(cp + 32);
	else if (cp < 0x80)
		out[0] = (char)cp;
	else if (cp >= 0x300 && cp <= 0x36f)
		out[0] = '\0';
	else if (cp >= 0xc0 && cp <= 0xff && fold_latin1[cp - 0xc0] != '?')
		out[0] = fold_latin1[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f && fold_exta[cp - 0x100] != '?')
		out[0] = fold_exta[cp - 0x100];
	else if (cp == 0xc6 || cp == 0xe6)
		two = "ae";
	else if (cp == 0xde || cp == 0xfe)
		two = "th";
	else if (cp == 0xdf)
		two = "ss";
	else if (cp == 0x132 || cp == 0x133)
		two = "ij";
	else if (cp == 0x152 || cp == 0x153)
		two = "oe";
	else
		return NULL;
	if (two != NULL)
		memcpy(out, two, 3);
	return out;
}

/* Fold s[0..len) into out (room for 2 * len + 1 bytes); its length. */
static size_t
fold_into(const char *s, size_t len, char *out)
{
	size_t i = 0, n = 0, k;
	uint32_t cp;
	char f[3];

	while (i < len) {
		if ((unsigned char)s[i] < 0x80 && s[i] != '\t') {
			/* the common case, a byte at a time */
			char c = s[i++];
			if (c == ' ' && (n == 0 || out[n - 1] == ' '))
				continue;
			out[n++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
			continue;
		}
		k = text_decode(s + i, len - i, &cp);
		if (cp == '\t') {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
		} else if (fold_cp(cp, f) != NULL) {
			memcpy(out + n, f, strlen(f));
			n += strlen(f);
		} else {
			memcpy(out + n, s + i, k);
			n += k;
		}
		i += k;
	}
	if (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

char *
text_fold(const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;
	char *out = xmalloc(2 * len + 1);

	fold_into(s != NULL ? s : "", len, out);
	return out;
}

/* 1 if hay[0..n) holds w[0..wn). */
static int
holds(const char *hay, size_t n, const char *w, size_t wn)
{
	size_t i;

	for (i = 0; i + wn <= n; i++)
		if (hay[i] == w[0] && memcmp(hay + i, w, wn) == 0)
			return 1;
	return 0;
}

int
text_fold_match(const char *s, const char *query)
{
	char buf[512], *name;
	const char *q, *w;
	size_t len, n;
	int ok = 1;

	if (s == NULL || query == NULL || *query == '\0')
		return 0;
	/* no allocation for the names people have: searches call this on
	 * every row (119,390 of them in the hotel data) */
	len = strlen(s);
	name = 2 * len + 1 <= sizeof buf ? buf : xmalloc(2 * len + 1);
	n = fold_into(s, len, name);
	for (q = query; ok && *q != '\0';) {
		while (*q == ' ')
			q++;
		for (w = q; *q != '\0' && *q != ' '; q++)
			;
		if (q > w)
			ok = holds(name, n, w, (size_t)(q - w));
	}
	if (name != buf)
		free(name);
	return ok;
}
