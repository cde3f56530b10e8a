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
