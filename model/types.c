#include "model/types.h"

#include <stdlib.h>
#include <string.h>

void
item_clear(struct item *it)
{
	if (it == NULL)
		return;
	free(it->sku);
	free(it->name);
	free(it->category);
	free(it->family);
	free(it->barcode);
	free(it->benefit);
	memset(it, 0, sizeof *it);
}

void
category_clear(struct category *c)
{
	if (c == NULL)
		return;
	free(c->name);
	memset(c, 0, sizeof *c);
}

void
bundle_clear(struct bundle *b)
{
	if (b == NULL)
		return;
	free(b->code);
	free(b->name);
	free(b->items);
	memset(b, 0, sizeof *b);
}

void
customer_clear(struct customer *c)
{
	if (c == NULL)
		return;
	free(c->code);
	free(c->name);
	free(c->phone);
	free(c->email);
	free(c->loyalty);
	free(c->lang);
	free(c->segment);
	free(c->country);
	memset(c, 0, sizeof *c);
}

void
order_clear(struct order *o)
{
	if (o == NULL)
		return;
	free(o->code);
	free(o->country);
	free(o->source);
	memset(o, 0, sizeof *o);
}

void
room_type_clear(struct room_type *rt)
{
	if (rt == NULL)
		return;
	free(rt->code);
	free(rt->name);
	free(rt->view);
	free(rt->benefit_bn);
	free(rt->benefit_gu);
	memset(rt, 0, sizeof *rt);
}

void
reservation_clear(struct reservation *r)
{
	if (r == NULL)
		return;
	free(r->code);
	free(r->segment);
	memset(r, 0, sizeof *r);
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
	free(c->name);
	free(c->pin_hash);
	memset(c, 0, sizeof *c);
}
