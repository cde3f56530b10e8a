/*
 * desk_say.c — the desk's talking points and words (model/desk.h): the
 * lines to say for an upgrade or an add-on in the guest's language, a room
 * type's benefit, what an add-on's price is for; and the desk's settings
 * (who works it, its clock, its day, its language).  Split from desk.c by
 * subject.
 */
#include "model/desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/money.h"
#include "model/script.h"
#include "model/text.h"
#include "model/xalloc.h"

/* ---- talking points ------------------------------------------------------ */

void
desk_open_scripts(struct desk *d, const char *dir, const char *counter_lang,
    char **warning)
{
	snprintf(d->counter_lang, sizeof d->counter_lang, "%s",
	    counter_lang != NULL ? counter_lang : "en");
	script_load_shop(&d->scripts, d->store, dir, warning);
}

const char *
desk_per_words(int per)
{
	static const char *const words[] = { "a night", "once",
	    "a person a night", "a person" };

	return per >= 0 && per < (int)(sizeof words / sizeof words[0]) ?
	    words[per] : "";
}

char *
desk_benefit_in(const struct desk *d, const struct reservation *r,
    const struct hotel_offer *o, const char *lang)
{
	const struct hotel_type *t = desk_type(d, o->type_id);
	const char *b = NULL;

	if (t != NULL && lang != NULL && strcmp(lang, "bn") == 0)
		b = t->benefit_bn;
	else if (t != NULL && lang != NULL && strcmp(lang, "gu") == 0)
		b = t->benefit_gu;
	if (b != NULL && b[0] != '\0')
		return xstrdup(b);
	return desk_benefit(d, r, o);
}

const char *
desk_per_words_in(int per, const char *lang)
{
	static const char *const bn[] = { "প্রতি রাতে", "একবার",
	    "জনপ্রতি প্রতি রাতে", "জনপ্রতি" };
	static const char *const gu[] = { "દર રાત્રે", "એક વાર",
	    "વ્યક્તિ દીઠ દર રાત્રે", "વ્યક્તિ દીઠ" };

	if (per < 0 || per > 3 || lang == NULL)
		return desk_per_words(per);
	if (strcmp(lang, "bn") == 0)
		return bn[per];
	if (strcmp(lang, "gu") == 0)
		return gu[per];
	return desk_per_words(per);
}

int
desk_addon_covers(const struct desk_addon *a, int stay_nights)
{
	if ((a->per == HOTEL_PER_NIGHT || a->per == HOTEL_PER_PERSON_NIGHT) &&
	    !a->on_departure && a->days > 0)
		return a->days;
	return stay_nights;
}

const char *
desk_for_stay_words(int charged, int stay_nights, const char *lang,
    char *buf, size_t size)
{
	int bn = lang != NULL && strcmp(lang, "bn") == 0;
	int gu = lang != NULL && strcmp(lang, "gu") == 0;

	if (charged >= stay_nights || charged < 1)
		snprintf(buf, size, "%s", bn ? "পুরো থাকায়" : gu ?
		    "આખા રોકાણના" : lang != NULL ? "for your stay" :
		    "for the stay");
	else if (bn)
		snprintf(buf, size, "বাকি %d রাতের জন্য", charged);
	else if (gu)
		snprintf(buf, size, "બાકીની %d રાતના", charged);
	else if (charged == 1)
		snprintf(buf, size, "for the night left");
	else
		snprintf(buf, size, "for the %d nights left", charged);
	return buf;
}

char *
desk_addon_workings(const struct desk_addon *a, int persons,
    int stay_nights, const char *price, const char *total,
    const char *times)
{
	const char *per = desk_per_words(a->per);
	char days[40];

	if (a->sold || a->declined)
		return xasprintf("%s %s: %s", price, per, a->sold ? "added" :
		    "declined by the guest");
	/* the days charged; "left" when fewer than the stay's nights */
	if (desk_addon_covers(a, stay_nights) < stay_nights)
		snprintf(days, sizeof days, "%d night%s left", a->days,
		    a->days == 1 ? "" : "s");
	else
		snprintf(days, sizeof days, "%d", a->days);
	switch (a->per) {
	case HOTEL_PER_PERSON_NIGHT:
		return xasprintf("%s %s %s %d %s %s = %s", price, per, times,
		    persons, times, days, total);
	case HOTEL_PER_NIGHT:
		return xasprintf("%s %s %s %s = %s", price, per, times, days,
		    total);
	case HOTEL_PER_PERSON:
		return xasprintf("%s %s %s %d = %s", price, per, times, persons,
		    total);
	default:
		return xasprintf("%s %s", price, per);
	}
}

char *
desk_benefit(const struct desk *d, const struct reservation *r,
    const struct hotel_offer *o)
{
	const struct hotel_type *t = desk_type(d, o->type_id);
	const struct hotel_type *h = desk_type(d, desk_holding(r));
	char view[80] = "", size[40] = "";

	if (t == NULL || h == NULL)
		return NULL;
	if (t->view != NULL && t->view[0] != '\0' && (h->view == NULL ||
	    strcmp(t->view, h->view) != 0))
		snprintf(view, sizeof view, "a %s view", t->view);
	if (t->size_m2 > 0 && h->size_m2 > 0 && t->size_m2 > h->size_m2)
		snprintf(size, sizeof size, "%d m² more room",
		    t->size_m2 - h->size_m2);
	if (view[0] == '\0' && size[0] == '\0')
		return NULL;
	return xasprintf("%s%s%s", view, view[0] && size[0] ? " and " : "",
	    size);
}

int
desk_say_lines(const struct desk *d, int addon, size_t i, char **lines)
{
	struct script_vars v;
	char m1[32], m2[32], m3[32], nights[16], pct[16], *first = NULL;
	char for_stay[64];
	int left = 0;
	char *benefit = NULL;
	const char *lang = d->lang[0] != '\0' ? d->lang : NULL;
	uint64_t key;
	int n;

	if (!d->have || (addon ? i >= d->naddons || d->addons[i].sold ||
	    d->addons[i].declined : i >= d->noffers))
		return 0;
	memset(&v, 0, sizeof v);
	if (d->guest[0] != '\0') {
		first = xstrndup(d->guest, strcspn(d->guest, " "));
		v.first_name = first;
	}
	{
		int64_t from;

		(void)desk_stay_nights(d, &d->r, &from, &left);
		snprintf(nights, sizeof nights, "%d", left);
		v.nights = nights;
		v.nights_word = left == 1 ? "night" : "nights";
	}
	v.booked = desk_type_name(d, desk_holding(&d->r));
	v.shop = d->hotel;
	key = script_hash(d->r.code, (uint64_t)d->r.guest_id);
	if (addon) {
		const struct desk_addon *a = &d->addons[i];

		/* money said with the hotel's currency: "€14.50" */
		money_format_cur(a->price, d->scale, d->cur, m1, sizeof m1);
		money_format_cur(a->total, d->scale, d->cur, m2, sizeof m2);
		v.addon = a->name;
		v.item = a->name;
		v.price = m1;
		v.per = desk_per_words_in(a->per, desk_language(d));
		v.total = m2;
		/* what the total covers: the nights left, not the stay */
		v.for_stay = desk_for_stay_words(desk_addon_covers(a,
		    d->r.nights), d->r.nights, desk_language(d), for_stay,
		    sizeof for_stay);
		n = script_render(&d->scripts, SCRIPT_KIND_ADDON, NULL, a->code,
		    lang, d->counter_lang, key, &v, lines, NULL);
	} else {
		const struct hotel_offer *o = &d->offers[i];

		money_format_cur(o->per_night, d->scale, d->cur, m1, sizeof m1);
		money_format_cur(o->total, d->scale, d->cur, m2, sizeof m2);
		money_format_cur(desk_type(d, o->type_id) != NULL ?
		    desk_type(d, o->type_id)->rate : 0, d->scale, d->cur, m3,
		    sizeof m3);
		snprintf(pct, sizeof pct, "%d", o->pct);
		benefit = desk_benefit_in(d, &d->r, o, desk_language(d));
		v.room = desk_type_name(d, o->type_id);
		v.item = v.room;
		v.base = v.booked;
		v.per_night = m1;
		v.diff = m1;
		v.diff_pct = pct;
		v.total = m2;
		v.price = m3;
		v.benefit = benefit;
		v.for_stay = desk_for_stay_words(left, d->r.nights,
		    desk_language(d), for_stay, sizeof for_stay);
		n = script_render(&d->scripts, SCRIPT_KIND_ROOM, NULL, NULL,
		    lang, d->counter_lang, key, &v, lines, NULL);
	}
	free(first);
	free(benefit);
	return n;
}

const char *
desk_language(const struct desk *d)
{
	return d->lang[0] != '\0' ? d->lang : d->counter_lang;
}

void
desk_set_language(struct desk *d, const char *lang)
{
	snprintf(d->lang, sizeof d->lang, "%s", lang != NULL ? lang : "");
}

void
desk_set_who(struct desk *d, const char *hotel, const char *counter,
    int replay)
{
	free(d->hotel);
	d->hotel = xstrdup(hotel);
	d->counter = counter;
	d->replay = replay;
}

void
desk_set_clerk(struct desk *d, int64_t clerk_id)
{
	d->clerk_id = clerk_id;
}

void
desk_set_now(struct desk *d, int64_t now)
{
	d->now = now;
}

void
desk_set_day(struct desk *d, int64_t day)
{
	d->day = day;
}

void
desk_next_language(struct desk *d)
{
	const char *next = script_next_language(&d->scripts,
	    desk_language(d));

	if (next != NULL)
		snprintf(d->lang, sizeof d->lang, "%s", next);
}

char *
desk_charge_words(const struct desk *d, int addon, size_t i)
{
	char m1[32], m2[64], m3[32], *name, *out;
	int64_t from;
	int left;

	if (!d->have || (addon ? i >= d->naddons || d->addons[i].sold :
	    i >= d->noffers))
		return NULL;
	(void)desk_stay_nights(d, &d->r, &from, &left);
	if (addon) {
		const struct desk_addon *a = &d->addons[i];

		name = text_cleans(a->name, 60);
		money_show(a->total, d->scale, d->cur, m1, sizeof m1);
		/* for a guest in the house: the nights left, not the stay */
		out = xasprintf("%s %s: +%s %s", name, desk_for_stay_words(
		    desk_addon_covers(a, d->r.nights), d->r.nights, NULL, m2,
		    sizeof m2), m1, d->cur);
	} else {
		const struct hotel_offer *o = &d->offers[i];

		name = text_cleans(desk_type_name(d, o->type_id), 60);
		money_show(o->total, d->scale, d->cur, m1, sizeof m1);
		money_show(o->per_night, d->scale, d->cur, m2, sizeof m2);
		money_show(d->r.rate * d->r.nights + o->total, d->scale, d->cur,
		    m3, sizeof m3);
		out = xasprintf("%s for %d night%s: +%s %s in all (+%s a "
		    "night); the stay comes to %s %s", name, left, left == 1 ? "" :
		    "s", m1, d->cur, m2, m3, d->cur);
	}
	free(name);
	return out;
}
