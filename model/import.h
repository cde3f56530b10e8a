/*
 * import — CSV files into the store, all or nothing.
 *
 * Formats: uplift's own CSV set (documented in uplift(1)), the UCI Online
 * Retail export, Shopify's orders export and the hotel booking demand
 * dataset.  Every import of one command is one transaction: on any bad
 * record nothing is kept.  Errors name file, physical line, column and a
 * sanitised excerpt; all errors are collected up to a limit, then counted.
 * Importing the same file twice adds nothing the second time.
 *
 * Items are products or services (types.h): uplift's items.csv says so in
 * its kind column; the Online Retail and Shopify importers make an item a
 * service when a rule of their one table (import.c, service_rules) matches
 * its code or name, also for a product already in the database.
 */
#ifndef UPLIFT_IMPORT_H
#define UPLIFT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct store;

enum import_format {
	IMPORT_AUTO = 0,
	IMPORT_UPLIFT,
	IMPORT_ONLINE_RETAIL,
	IMPORT_SHOPIFY,
	IMPORT_HOTEL_BOOKINGS,
};

/* The format named name ("auto", "uplift", ...), or -1. */
int import_format_parse(const char *name);

/* The name of a format. */
const char *import_format_name(int format);

/* Progress: done and total bytes of the file being read. */
typedef void (*import_progress_fn)(void *arg, const char *path,
    long long done, long long total);

struct import_options {
	int                 format;      /* enum import_format              */
	int64_t             now;         /* civil time, for the import log  */
	int                 max_errors;  /* messages kept (0: 20)           */
	const char         *currency;    /* for files that name none (uplift's
	                                  * own): ISO code, NULL for GBP    */
	import_progress_fn  progress;    /* may be NULL                     */
	void               *progress_arg;
};

struct import_report {
	long     records;        /* data records read (headers excluded)  */
	long     items, bundles, customers, orders, lines, hotels,
	         room_types, rooms, reservations, addons,
	         supplements;    /* rows added                           */
	long     updated;        /* existing items/customers/... updated  */
	long     skipped;        /* records already in the database       */
	long     cancelled;      /* lines of cancelled orders not imported
	                          * (Shopify)                             */
	long     categories;     /* categories added (categories.csv)     */
	long     services;       /* items this import made services: by
	                          * items.csv's kind column, or by the
	                          * importers' rules (postage, fees ...)  */
	long     suppressed;     /* records naming an erased customer:
	                          * the person left out (store_suppressed) */
	long     trimmed;        /* names and descriptions read without
	                          * the blanks around them or repeated
	                          * inside them (text_squeeze)            */
};

/*
 * Import the n files in paths into s in one transaction.  Returns 0 and
 * fills *rep; or returns -1 with nothing kept and a malloc'd *cause: one
 * error per line ("FILE:LINE: column N: reason: "excerpt""), at most
 * max_errors of them and then "N more errors not shown".  Returns 2
 * instead of -1 when the failure was bad input rather than the database.
 */
int import_files(struct store *s, char *const *paths, size_t n,
    const struct import_options *opt, struct import_report *rep,
    char **cause);

#endif
