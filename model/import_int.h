/*
 * import_int.h — what the importer's files share (model/import*.c only;
 * the public interface is model/import.h).
 *
 * struct ctx is one import_files() call: the store, the options, the report,
 * the kept error messages and the caches that map codes to row ids.  struct
 * file is one input file, its kind and its header mapped onto the kind's
 * columns.  A reader (import_read_*) takes the current CSV record of a file
 * and returns 0, or -1 when the import must stop (a database failure, kept
 * in ctx->dberr); an input error is only counted and kept (import_error),
 * the import then goes on to report more but writes nothing.
 */
#ifndef UPLIFT_IMPORT_INT_H
#define UPLIFT_IMPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/import.h"
#include "model/store.h"
#include "model/types.h"

struct csv;
struct strmap;

/* What kind of table a file holds, in the order files are applied. */
enum kind {
	K_ITEMS, K_CATEGORIES, K_BUNDLES, K_CUSTOMERS, K_HOTELS, K_ROOM_TYPES,
	K_ROOMS, K_SUPPLEMENTS, K_ADDONS, K_RESERVATIONS, K_ORDERS,
	K_ONLINE_RETAIL, K_SHOPIFY, K_HOTEL_BOOKINGS, K_NKINDS
};

#define MAXCOLS 20

struct colspec {
	const char *name;
	int         required;
};

struct kindspec {
	const char           *name;
	int                   format;
	const struct colspec  cols[MAXCOLS];  /* NULL-terminated */
};

/* ---- context and errors ----------------------------------------------- */

struct file {
	const char  *path;
	struct csv  *csv;
	int          ns;            /* its number, for store_seen()      */
	enum kind    kind;
	int          col[MAXCOLS];  /* spec column -> file column, or -1 */
};

/*
 * The order being filled.  Orders are looked up by code once; an order
 * that was in the database before this import is skipped whole (that is
 * what makes a second import of the same file add nothing).
 */
struct ordstate {
	struct strmap *lines;   /* order code -> lines so far (a cache)      */
	int64_t        floor;   /* the highest order id before this import:
	                         * an order above it is this import's       */
};

struct ctx {
	struct store                *s;
	const struct import_options *opt;
	struct import_report        *rep;
	char                       **msgs;
	int                          nmsgs, maxmsgs;
	long                         nerrors;
	char                        *dberr;      /* a database failure   */
	char                         cur[4];
	int                          scale;
	struct strmap               *items, *customers, *orders, *hotels;
	struct strmap               *suppressed; /* code -> 1 erased, 0 */
	struct ordstate              os;         /* orders of all files   */
	struct order_line_rec        lbuf[64];   /* lines not yet written */
	char                        *ldescr[64]; /* their owned texts     */
	size_t                       nl;
};

/* The bundles of one file, gathered row by row and saved at its end. */
struct bustate {
	struct strmap *index;     /* code -> slot */
	struct bundle *v;
	long          *line;      /* first line of each, for messages */
	size_t         n;
};

/* What we learn about each item while reading, applied at the end. */
struct olitem {
	int64_t id;
	int64_t price_at;    /* time of the latest sale price, -1 none */
	int64_t price;
	int64_t cprice_at;   /* ... of a sale to a known customer      */
	int64_t cprice;
	char   *name;        /* the name the item row got (owned)      */
	int     renamed;     /* name was empty and is now known        */
	int     sold;        /* named by a sale line (a price, a
	                      * quantity), not by a stock entry        */
	int     existed;     /* was in the database before             */
	int     kind;        /* enum item_kind (new items)             */
};

struct olstate {
	char            *last;      /* invoice of the previous line      */
	int64_t          last_oid;  /* its order id, 0 if skipped        */
	int              last_gone; /* its customer was erased            */
	int              last_line; /* lines it has so far               */
	int              last_cust; /* it has a customer                 */
	const char      *sku;       /* the record's, while it is read    */
	size_t           skulen;
	struct strmap   *slot;   /* sku -> index into items[] */
	struct olitem   *items;
	size_t           nitems, cap;
};

struct shstate {
	struct strmap   *cancelled;   /* orders skipped as cancelled */
	struct strmap   *kinds;       /* SKUs whose kind this import set
	                               * or checked                    */
	char            *last;        /* the order of the previous row */
	int64_t          last_at;
	int64_t          last_customer;
};

struct hbtype {
	int64_t id;
	int64_t hotel;
	int     created;    /* made by this import (else left alone)     */
	char    code[8];
	int64_t sum, n;     /* adr of stays that happened, for the rack rate */
};

struct hbstate {
	struct strmap *types;   /* "hotel\037code" -> index */
	struct hbtype *t;
	size_t         nt, cap;
};

extern const struct kindspec import_kinds[K_NKINDS];

/* Keep an input error (msg is taken over). */
void import_error(struct ctx *x, char *msg);

/* An error about field spec-column sc of the current record. */
void import_field_error(struct ctx *x, struct file *f, int sc, const char *why);

/* A database failure: stop everything. */
int import_dbfail(struct ctx *x, char *cause);

/*
 * Field spec-column sc of the current record ("" when the file has no such
 * column); *len (if not NULL) its length.  Valid until the next record.
 */
const char *import_fld(struct file *f, int sc, size_t *len);

/* The field trimmed of surrounding blanks, copied; NULL if empty. */
char *import_fld_dup(struct file *f, int sc);

/*
 * A name or description: the field copied without blanks around it and
 * with inner runs of blanks made one space (text_squeeze); NULL if empty.
 * A field that changed so is counted in the report's trimmed.
 */
char *import_fld_name(struct ctx *x, struct file *f, int sc);

/* import_fld_name() of a field that must not be empty: 0, or -1 with
 * the error reported. */
int import_fld_name_required(struct ctx *x, struct file *f, int sc,
    char **out);

/*
 * The field trimmed and copied into *out (malloc'd): 0; -1 with an error
 * kept when it is empty.
 */
int import_fld_required(struct ctx *x, struct file *f, int sc, char **out);

/*
 * The field as an amount in the import's currency into *v: 0, or -1 with
 * an error kept.
 */
int import_fld_money(struct ctx *x, struct file *f, int sc, int64_t *v);

/* A line's quantity × unit price must be an amount uplift keeps; else
 * an error on the price field sc.  0 or -1. */
int import_line_amount(struct ctx *x, struct file *f, int sc, int64_t qty,
    int64_t price);

/* A whole number in [min, max]; an empty optional field gives def. */
int import_fld_int(struct ctx *x, struct file *f, int sc, int64_t min,
    int64_t max, int64_t def, int64_t *v);

/*
 * The field as a date (YYYY-MM-DD) into *day, days since the epoch: 0, or
 * -1 with an error kept.
 */
int import_fld_date(struct ctx *x, struct file *f, int sc, int64_t *day);

/* "MM-DD" into MMDD, or 0 for an empty field. */
int import_fld_monthday(struct ctx *x, struct file *f, int sc, int *out);

/*
 * The field as yes/true/1 (1) or no/false/0 or empty (0) into *out: 0, or
 * -1 with an error kept.
 */
int import_fld_yesno(struct ctx *x, struct file *f, int sc, int *out);

/* Check that a code is not repeated within one file.  The keys seen are
 * kept by the store, on disk (store_seen), so that a file of any length
 * is checked in bounded memory. */
int import_unique_in_file(struct ctx *x, struct file *f, int sc,
    const char *key);

/*
 * Cache key -> val in *m; a cache of IMPORT_CACHE_MAX keys is emptied
 * first (memory stays bounded).
 */
void import_cache_put(struct strmap **m, const char *key, size_t len,
    int64_t val);

/* Item id of sku from this import or the database: 1, 0, -1 (db error). */
int import_item_lookup(struct ctx *x, const char *sku, size_t len, int64_t *id);

/*
 * The customer with code (as the file has it): 1 and *id when known, 0
 * when not, 2 (and *id 0) when the code is on the suppression list of
 * erased customers — then nothing of that person may be imported — and
 * -1 on a database error.
 */
int import_customer_lookup(struct ctx *x, const char *code, size_t len,
    int64_t *id);

/*
 * The id of the hotel called name, made if new (counted in the report): 0,
 * or -1 on a database failure (kept in x).
 */
int import_hotel_id(struct ctx *x, const char *name, int64_t *id);

/*
 * Fix the database's currency (code and minor-unit digits), or check it is
 * the one already set: 0, or -1 with an error kept.
 */
int import_currency(struct ctx *x, const char *cur, int scale);

/* items.csv: one item a record, made or updated by SKU.  0, or -1 to stop. */
int import_read_items(struct ctx *x, struct file *f);

/* A category's settings: its refill rhythm (empty: none). */
int import_read_categories(struct ctx *x, struct file *f);

/*
 * bundles.csv: one bundle line a record, gathered in st by bundle code
 * (saved by import_bundles_finish()).  0, or -1 to stop.
 */
int import_read_bundles(struct ctx *x, struct file *f, struct bustate *st);

/*
 * Save the bundles gathered in st (when the import has no error so far)
 * and free st's contents.
 */
void import_bundles_finish(struct ctx *x, struct bustate *st);

/*
 * customers.csv: one customer a record, made or updated by code; an erased
 * customer's code is refused.  0, or -1 to stop.
 */
int import_read_customers(struct ctx *x, struct file *f);

/*
 * room_types.csv: a hotel's room types (code, name, tier, rack rate,
 * capacity ...).  0, or -1 to stop.
 */
int import_read_room_types(struct ctx *x, struct file *f);

/*
 * addons.csv: the add-ons a hotel sells (price per night, stay or person-
 * night; dates; serves).  0, or -1 to stop.
 */
int import_read_addons(struct ctx *x, struct file *f);

/* A hotel's own cap (empty: the configuration's) and floor (empty: 0). */
int import_read_hotels(struct ctx *x, struct file *f);

/* A set supplement a night for a step up between two room types. */
int import_read_supplements(struct ctx *x, struct file *f);

/* rooms.csv: a hotel's rooms and their room type.  0, or -1 to stop. */
int import_read_rooms(struct ctx *x, struct file *f);

/*
 * reservations.csv: one reservation a record (guest, arrival, nights, room
 * type, rate).  0, or -1 to stop.
 */
int import_read_reservations(struct ctx *x, struct file *f);

/*
 * Find or create the order; *oid = 0 means "already imported, skip".
 * x->orders caches code -> id (this import's) or -1 (there before); a
 * code it no longer holds is asked of the database, where an id above
 * os->floor is one this import made, its lines counted there.
 */
int import_order_get(struct ctx *x, struct ordstate *os, const struct order *o,
    int64_t *oid, int *line);

/* Write the buffered order lines. */
int import_lines_flush(struct ctx *x);

/* Queue an order line; lines are written in batches. */
int import_line_add(struct ctx *x, int64_t oid, int line, int64_t item,
    int64_t qty, int64_t price, const char *descr);

/*
 * orders.csv: one order line a record; an order already in the database is
 * skipped whole.  0, or -1 to stop.
 */
int import_read_orders(struct ctx *x, struct file *f, struct ordstate *os);

/*
 * ITEM_SERVICE if a rule of format matches the item with this code and
 * name (either may be NULL: no value), else ITEM_PRODUCT.
 */
int import_service_kind(int format, const char *code, size_t clen,
    const char *name, size_t nlen);

/* Make item id, in the database before this import and a product, a
 * service; count it. */
int import_service_mark(struct ctx *x, int64_t id);

/* Leaving the current invoice (a new one, or the end of a file): keep
 * its line count, so that lines of it further on go on numbering. */
void import_ol_leave(struct ctx *x, struct olstate *st);

/*
 * One record of the UCI Online Retail export into orders, items and
 * customers; st carries the current invoice and the items seen.  0, or -1
 * to stop.
 */
int import_read_online_retail(struct ctx *x, struct file *f,
    struct olstate *st);

/*
 * Apply what was learnt about items: the latest sale price, late names.
 * 0, or -1 on a database failure.
 */
int import_ol_finish(struct ctx *x, struct olstate *st);

/*
 * One record (an order line) of a Shopify orders export; st carries the
 * current order.  0, or -1 to stop.
 */
int import_read_shopify(struct ctx *x, struct file *f, struct shstate *st);

/*
 * One booking of the hotel booking demand data set into hotels, room types
 * and reservations; st collects the room types.  0, or -1 to stop.
 */
int import_read_hotel_bookings(struct ctx *x, struct file *f,
    struct hbstate *st);

/*
 * Save the rack rates learnt for the room types in st.  0, or -1 on a
 * database failure.
 */
int import_hb_finish(struct ctx *x, struct hbstate *st);

#endif
