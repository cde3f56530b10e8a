/*
 * sync — store-and-forward between a shop's SQLite file and the chain's
 * PostgreSQL server (uplift sync).  Plain C: the local side is
 * store_sync.h, the server's is chain.h; this module runs the protocol
 * and owns the lists of what travels.
 *
 * Up (shop -> chain): the rows of each table of sync_up_tables[] made
 * since its watermark, keyed by (shop, local id), sent in batches inside
 * one server transaction per chunk with INSERT ... ON CONFLICT DO
 * NOTHING; the watermark moves (locally) only after the server's COMMIT.
 * Rows whose changing columns (SYNC_MUTABLE) changed after they went up
 * are listed by triggers in the local chain_changed table and sent again
 * (ON CONFLICT DO UPDATE of those columns only).  A sync killed at any
 * point and run again sends again what it may have sent: nothing is lost
 * and the keys keep anything from being doubled.  Customers go up by
 * their chain-wide key (the loyalty number, else the code), erasures as
 * calls to the server's erase function.
 *
 * Down (chain -> shop): the rows of each table of sync_down_tables[]
 * written since the shop's horizon (the server's transaction ids), read
 * in one snapshot, then applied in one local transaction with the new
 * horizon; the chain's model when its checksum changed.  Erasures that
 * come down are applied first, one customer at a time, by the store's own
 * erasure (store_customer_erase).
 *
 * Rows travel as text: struct sync_rows.
 */
#ifndef UPLIFT_SYNC_H
#define UPLIFT_SYNC_H

#include <stddef.h>
#include <stdint.h>

/* ---- rows as text ------------------------------------------------------ */

/* A batch of rows of ncols columns, each value a string or NULL (SQL
 * NULL).  Owns its strings. */
struct sync_rows {
	size_t   ncols;
	size_t   n;          /* rows                                        */
	size_t   cap;        /* rows allocated                              */
	char   **v;          /* v[row * ncols + col]                         */
	int64_t  last;       /* the watermark column of the last row (up)    */
};

/* Empty rows of ncols columns. */
void sync_rows_init(struct sync_rows *r, size_t ncols);

/* Append a row of ncols values (copied; NULL stays NULL). */
void sync_rows_add(struct sync_rows *r, const char *const *vals);

/* The value at (row, col), or NULL. */
const char *sync_rows_get(const struct sync_rows *r, size_t row, size_t col);

/* Forget the rows, keep ncols. */
void sync_rows_clear(struct sync_rows *r);

/* Free everything; r is zeroed.  Safe on a zeroed struct. */
void sync_rows_free(struct sync_rows *r);

/* ---- what goes up -------------------------------------------------------- */

enum sync_col_flags {
	SYNC_KEY     = 1 << 0,  /* part of the key after the shop           */
	SYNC_MUTABLE = 1 << 1,  /* may change after the row went up         */
	SYNC_IDENT   = 1 << 2,  /* what makes a row the one that was sent:
	                         * a row sent again must have the same     */
};

/* A column as the chain's table has it. */
struct sync_col {
	const char *name;      /* the server's column                         */
	const char *type;      /* its PostgreSQL type: bigint, integer, text   */
	int         flags;     /* enum sync_col_flags                          */
	const char *local;     /* the local expression (store_sync.c's SQL)    */
};

/*
 * A table that goes up: the server's uplift.<name>, keyed by (shop, the
 * SYNC_KEY columns), each row read locally from `from` (its table aliased
 * t) in order of `mark`, the watermark column (the first column, always
 * SYNC_KEY).  A table with a parent goes with the parent's batches: its
 * rows are those whose mark is in the range of ids of the parent's batch
 * (order lines with their orders), and it has no watermark of its own.
 */
struct sync_up {
	const char            *name;     /* "offer"; marks are "up:<name>"   */
	const char            *from;     /* local FROM (the table as t ...)  */
	const char            *where;    /* extra local condition, or NULL   */
	const char            *mark;     /* "t.id"                           */
	const char            *parent;   /* NULL, or the parent's name        */
	const char            *changed;  /* local table whose changed rows
	                                  * are listed (chain_changed.tbl),
	                                  * NULL if none can change          */
	const struct sync_col *cols;
	size_t                 ncols;
};

/*
 * The tables that go up, parents before their children, in the order
 * they are sent: the shop's items, sales and their lines, offers (the
 * counter's and the desk's answers), add-on sales, the audit log.
 * Customers go up first, by their own protocol (sync_customer_cols).
 */
extern const struct sync_up sync_up_tables[];
extern const size_t sync_up_count;

/*
 * The columns of a customer as they go up (the first is the local id,
 * the second the chain-wide key) and as the chain's uplift.customer has
 * them.
 */
extern const struct sync_col sync_customer_cols[];
extern const size_t sync_customer_ncols;

/* ---- what comes down ------------------------------------------------------ */

/*
 * A table that comes down: the server's rows changed since the shop's
 * horizon, as the columns cols[0..ncols) (server expressions, named for
 * the reader) of `select` (chain.c fills in the condition), applied
 * locally by store_sync_apply(name, rows).
 */
struct sync_down {
	const char *name;         /* "item", "customer" ...                   */
	const char *const *cols;  /* what each row holds, in order            */
	size_t      ncols;
};

extern const struct sync_down sync_down_tables[];
extern const size_t sync_down_count;

/* ---- a run -------------------------------------------------------------- */

struct store;
struct chain;

/* What a run did, for the summary line. */
struct sync_report {
	int64_t up[16];           /* rows sent per sync_up_tables[] entry     */
	int64_t up_changed;       /* rows sent again (changed columns)        */
	int64_t customers_up;     /* customers sent                           */
	int64_t erased_up;        /* erasures sent                            */
	int64_t suppressed;       /* local customers the chain had erased     */
	int64_t down[16];         /* rows applied per sync_down_tables[] entry */
	int64_t erased_down;      /* customers erased here by the chain       */
	int     model_new;        /* the chain's model came down              */
	char    model_sha[72];    /* the chain's model here ("" none)         */
	int64_t horizon;          /* the new down horizon                     */
};

/*
 * Progress: called now and then with what is being done ("up offer",
 * "down customer") and rows done so far in it.
 */
typedef void (*sync_progress_fn)(void *arg, const char *what, int64_t done);

/*
 * One synchronisation of store s as shop `shop` with the chain c: up,
 * then down.  `now` (civil seconds) stamps local erasures.  Fills *rep.
 * 0, or -1 with *cause (what failed, where; what was acknowledged before
 * stays acknowledged, the rest goes with the next run).
 */
int sync_run(struct store *s, struct chain *c, const char *shop,
    int64_t now, sync_progress_fn progress, void *arg,
    struct sync_report *rep, char **cause);

/* Rows in one statement and in one server transaction (chunk). */
#define SYNC_BATCH 500
#define SYNC_CHUNK 20     /* batches per transaction                    */

#endif
