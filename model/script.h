/*
 * script — talking points: templates per suggestion kind (and optionally
 * per category or item), in several languages, with variants to compare,
 * and a renderer that fills them from real figures.
 *
 * A script file (assets/scripts/LANG.txt) is UTF-8 text:
 *
 *     # a comment
 *     lang = bn
 *     [bundle]                           kind, for any item
 *     say = {Benefit}: {item} goes with {base}, {diff} more.
 *     say = {proof}
 *     [bundle category=phones variant=B] per category, a second variant
 *     say = ...
 *     [upgrade item=CL-COAT-PAD]         per item
 *     [decline]                          said after a decline
 *     say = No problem, {first_name}, it is here if you change your mind.
 *
 * Kinds: upgrade, bundle, refill, sizeup (a refill in the next size up,
 * in place of the basket's item: {price} is its price, {diff} what it
 * costs more than {base}), seasonal, decline; at the hotel desk room (a
 * room upgrade) and addon.  Placeholders:
 *   {first_name} {item} {base} {diff} {diff_pct} {price} {benefit}
 *   {Benefit} (capitalised) {unit_saving} {proof} {bundle} {saving} {shop}
 *   and for the desk {room} {booked} {per_night} {nights} {total} {addon}
 *   {per} {for_stay} (what {total} covers); {no_benefit} writes nothing and keeps the line only for an
 *   offer without a benefit (the line that says it another way)
 * "{{" and "}}" are literal braces.  A line naming a placeholder that has
 * no value for an offer (no benefit, no social proof, a walk-in's first
 * name) is left out; if every line of a template is left out, the next
 * less specific template is used, then the counter's language, then a
 * built-in line: the result is never empty and never shows a raw "{…}".
 *
 * Loading refuses, with FILE:LINE, unknown kinds, keys and placeholders,
 * unbalanced braces, lines over 400 bytes, a template repeated (same kind,
 * scope, language and variant, in one file or across files), and false
 * urgency ("only today", "last chance", "hurry" ... and their Bengali and
 * Gujarati forms, however spaced or spelt).  NULL vars or scripts are
 * taken as empty.
 */
#ifndef UPLIFT_SCRIPT_H
#define UPLIFT_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#define SCRIPT_LINES_MAX 6
#define SCRIPT_KIND_DECLINE 4    /* after the suggestion kinds 0..3 */
#define SCRIPT_KIND_ROOM    5    /* a room upgrade at the hotel desk   */
#define SCRIPT_KIND_ADDON   6    /* an add-on for a stay               */
#define SCRIPT_KIND_SIZEUP  7    /* a refill in the next size up, in
                                  * place of the basket's item         */
#define SCRIPT_KIND_USUAL   8    /* an add-on whose evidence is the
                                  * customer's own orders alone (no
                                  * pairing with the basket)           */

/* The name of a template kind ("upgrade" ... "usual"), or "?". */
const char *script_kind_name(int kind);

/* One template: the lines of one (kind, scope, language, variant). */
struct script_tpl {
	int     kind;          /* enum suggestion_kind, or SCRIPT_KIND_*  */
	char   *category;      /* scope: NULL, or this category           */
	char   *sku;           /* scope: NULL, or this item               */
	char    lang[4];       /* "en", "bn", "gu"                        */
	char   *variant;       /* "A" unless named                        */
	char   *lines[SCRIPT_LINES_MAX];
	int     nlines;
	char   *file;          /* where it was read (for messages)        */
	long    line;
};

struct scripts {
	struct script_tpl *v;
	size_t             n;
};

/*
 * Load a script file and append its templates to sc.  Returns 0, or -1
 * with a malloc'd *cause of "FILE:LINE: reason" lines (all problems, at
 * most 20), in which case nothing of the file is kept.
 */
int script_load_file(struct scripts *sc, const char *path, char **cause);

/* Parse script text (name is used in messages).  As script_load_file. */
int script_load_text(struct scripts *sc, const char *name, const char *text,
    size_t len, char **cause);

/* Free every template; sc is left empty.  Safe on a zeroed struct. */
void scripts_free(struct scripts *sc);

/* The values a template may use for one offer; NULL means "no value". */
struct script_vars {
	const char *first_name, *item, *base, *diff, *diff_pct, *price,
	    *benefit, *unit_saving, *proof, *bundle, *saving, *shop;
	/* the hotel desk: the room offered and the one booked, the
	 * supplement a night, the nights, the total; an add-on and what its
	 * price is for ("a night", "a person" ...) */
	const char *room, *booked, *per_night, *nights, *total, *addon, *per;
	/* "night" or "nights" as {nights} is 1 or more (English: Bengali
	 * and Gujarati say রাত / રાત after any number) */
	const char *nights_word;
	/* what {total} covers, in the script's language: "for your stay",
	 * or for a guest in the house "for the 2 nights left" (never the
	 * whole stay when only its rest is charged; desk_for_stay_words()) */
	const char *for_stay;
};

/*
 * Render the script for an offer of kind in category/sku for a customer
 * speaking lang (NULL: the counter's), falling back to counter_lang and
 * then to built-in lines.  variant_key selects among variants
 * deterministically (e.g. a hash of the customer and the template; a
 * counter for "alternate").  Up to SCRIPT_LINES_MAX malloc'd lines go to
 * out (at least 1); returns how many.  *chosen (if not NULL) gets the
 * template used, or NULL for the built-in line.  Never fails.
 */
int script_render(const struct scripts *sc, int kind, const char *category,
    const char *sku, const char *lang, const char *counter_lang,
    uint64_t variant_key, const struct script_vars *vars, char **out,
    const struct script_tpl **chosen);

/*
 * Fill one template line: each {name} replaced by its value.  Returns a
 * malloc'd string, or NULL if the line names a placeholder without a value
 * or is malformed (then it must be left out).
 */
char *script_fill(const char *line, const struct script_vars *vars);

/* "bundle/category=phones/B": the id a template's offers are logged and
 * compared under (language apart).  malloc'd. */
char *script_variant_id(const struct script_tpl *t);

/* 1 if text holds false urgency in any shipped language. */
int script_is_urgent(const char *text);

struct script_row;

/*
 * The templates of sc in language lang as script table rows (malloc'd,
 * free with store_script_rows_free()).
 */
void script_to_rows(const struct scripts *sc, const char *lang,
    struct script_row **rows, size_t *n);

/*
 * Append the templates held in rows (from the database) to sc, checked as
 * a file would be.  0, or -1 with *cause.
 */
int script_load_rows(struct scripts *sc, const struct script_row *rows,
    size_t n, char **cause);

struct store;

/*
 * Load a shop's talking points into sc: the ones saved in st (when st is
 * not NULL and holds any), else the .txt files of dir in name order.
 * Files that do not load are reported in *warning (malloc'd, one
 * "FILE:LINE: reason" per line, or NULL) and skipped.
 */
void script_load_shop(struct scripts *sc, struct store *st, const char *dir,
    char **warning);

/* The language after cur among sc's, cyclically: English, Bengali and
 * Gujarati first, in that order, then the others in the order they came;
 * NULL when sc is empty. */
const char *script_next_language(const struct scripts *sc, const char *cur);

/* 1 if sc has a template in lang. */
int script_have_language(const struct scripts *sc, const char *lang);

/* FNV-1a of s, to make variant keys. */
uint64_t script_hash(const char *s, uint64_t seed);

#endif
