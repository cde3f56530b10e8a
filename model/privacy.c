#include "model/privacy.h"

#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "model/xalloc.h"

char *
privacy_mask_phone(const char *p)
{
	size_t n, digits = 0;
	const char *q;
	char *tail, *out;

	if (p == NULL || *p == '\0')
		return xstrdup("");
	n = strlen(p);
	for (q = p + n; q > p && digits < 4; q--)
		if (q[-1] >= '0' && q[-1] <= '9')
			digits++;
	/* Only the digits of the tail: nothing else of the number shows. */
	tail = xmalloc(strlen(q) + 1);
	for (n = 0; *q != '\0'; q++)
		if (*q >= '0' && *q <= '9')
			tail[n++] = *q;
	tail[n] = '\0';
	out = xasprintf("…%s", tail);
	free(tail);
	return out;
}

char *
privacy_mask_email(const char *e)
{
	const char *at;
	uint32_t cp;
	size_t first;

	if (e == NULL || *e == '\0')
		return xstrdup("");
	at = strrchr(e, '@');
	if (at == NULL || at == e)
		return xstrdup("…");
	first = text_decode(e, (size_t)(at - e), &cp);
	return xasprintf("%.*s…%s", (int)first, e, at);
}

int
privacy_looks_personal(const char *s)
{
	const char *at = NULL, *dot = NULL, *p, *end;
	size_t digits = 0;
	int other = 0, blank = 0;

	if (s == NULL)
		return PRIVACY_NONE;
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	for (p = s; p < end; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '@')
			at = at == NULL ? p : s;   /* two: not an address */
		else if (*p == ' ' || *p == '\t')
			blank = 1;
		else if (at != NULL && *p == '.' && p > at + 1)
			dot = p;
		else if (strchr("+-.()", *p) == NULL)
			other = 1;
	}
	if (at != NULL && at > s && dot != NULL && dot + 1 < end && !blank)
		return PRIVACY_EMAIL;
	if (at == NULL && !other && digits >= 7)
		return PRIVACY_PHONE;
	return PRIVACY_NONE;
}

char *
privacy_normal(const char *s)
{
	size_t len, i, n = 0;
	char *out;
	int kind = privacy_looks_personal(s);

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (kind == PRIVACY_PHONE && (c < '0' || c > '9'))
			continue;
		if (kind == PRIVACY_EMAIL && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[n++] = c;
	}
	out[n] = '\0';
	return out;
}
