#include "model/types.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The offset of record field f, which must be an owned char *. */
#define OWNED(t, f) (offsetof(struct t, f) + \
	0 * sizeof (_Generic(((struct t *)0)->f, char *: 1)))

/* The strings each record owns, by offset. */
static const size_t item_owned[] = {
	OWNED(item, sku), OWNED(item, name), OWNED(item, category),
	OWNED(item, family), OWNED(item, barcode), OWNED(item, benefit),
};
static const size_t category_owned[] = { OWNED(category, name) };
static const size_t bundle_owned[] = { OWNED(bundle, code),
	OWNED(bundle, name) };
static const size_t customer_owned[] = {
	OWNED(customer, code), OWNED(customer, name), OWNED(customer, phone),
	OWNED(customer, email), OWNED(customer, loyalty),
	OWNED(customer, lang), OWNED(customer, segment),
	OWNED(customer, country),
};
static const size_t order_owned[] = { OWNED(order, code),
	OWNED(order, country), OWNED(order, source) };
static const size_t room_type_owned[] = {
	OWNED(room_type, code), OWNED(room_type, name), OWNED(room_type, view),
	OWNED(room_type, benefit_bn), OWNED(room_type, benefit_gu),
};
static const size_t reservation_owned[] = { OWNED(reservation, code),
	OWNED(reservation, segment) };
static const size_t clerk_owned[] = { OWNED(clerk_rec, name),
	OWNED(clerk_rec, pin_hash) };

#define NOWNED(a) (sizeof (a) / sizeof (a)[0])

/* The one clear of a record of size bytes: free the strings at the
 * offsets owned[0 .. n - 1], then zero it.  NULL-safe. */
static void
record_clear(void *rec, size_t size, const size_t *owned, size_t n)
{
	size_t i;

	if (rec == NULL)
		return;
	for (i = 0; i < n; i++)
		free(*(char **)((char *)rec + owned[i]));
	memset(rec, 0, size);
}

void
item_clear(struct item *it)
{
	record_clear(it, sizeof *it, item_owned, NOWNED(item_owned));
}

void
category_clear(struct category *c)
{
	record_clear(c, sizeof *c, category_owned, NOWNED(category_owned));
}

void
bundle_clear(struct bundle *b)
{
	if (b != NULL)
		free(b->items);
	record_clear(b, sizeof *b, bundle_owned, NOWNED(bundle_owned));
}

void
customer_clear(struct customer *c)
{
	record_clear(c, sizeof *c, customer_owned, NOWNED(customer_owned));
}

void
order_clear(struct order *o)
{
	record_clear(o, sizeof *o, order_owned, NOWNED(order_owned));
}

void
room_type_clear(struct room_type *rt)
{
	record_clear(rt, sizeof *rt, room_type_owned,
	    NOWNED(room_type_owned));
}

void
reservation_clear(struct reservation *r)
{
	record_clear(r, sizeof *r, reservation_owned,
	    NOWNED(reservation_owned));
}

static const char *status_names[] = {
	"booked", "checked-in", "checked-out", "cancelled", "no-show"
};

const char *
reservation_status_name(int status)
{
	if (status < 0 || status > RES_NO_SHOW)
		return "unknown";
	return status_names[status];
}

int
reservation_status_parse(const char *s)
{
	int i;

	for (i = 0; i <= RES_NO_SHOW; i++)
		if (strcmp(s, status_names[i]) == 0)
			return i;
	return -1;
}

void
clerk_rec_clear(struct clerk_rec *c)
{
	record_clear(c, sizeof *c, clerk_owned, NOWNED(clerk_owned));
}
