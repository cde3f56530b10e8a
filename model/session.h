/*
 * session — the counter's view-model: who is at the counter, their
 * history and profile, the customer search.  Plain C: it reads the store
 * and keeps the results; views/ draws from it and never sees the store.
 *
 * A session owns everything it points to.  Strings and arrays in it stay
 * valid until the next session_* call that changes the same part.
 */
#ifndef UPLIFT_SESSION_H
#define UPLIFT_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "model/catalog.h"
#include "model/cursor.h"
#include "model/journal.h"
#include "model/mine.h"
#include "model/offerlog.h"
#include "model/scorer.h"
#include "model/script.h"
#include "model/types.h"
#include "model/types_buyer.h"

struct store;

#define SESSION_QUERY_MAX   64
#define SESSION_MATCHES_MAX 50
#define SESSION_HISTORY_MAX 500
#define SESSION_SUGGESTIONS 8     /* at most, whatever the config says */
#define SESSION_ITEMS_MAX   50    /* item search results               */

/* Decline reasons, as the picker numbers them. */
enum decline_reason {
	REASON_NONE = 0, REASON_PRICE, REASON_HAS_IT, REASON_NOT_NOW,
	REASON_NOT_INTERESTED, REASON_OTHER, REASON_COUNT
};

/* "price", "already has it", ... ("" for none). */
const char *session_reason_name(int reason);

/* A line of the basket. */
struct basket_line {
	int64_t item_id;
	int64_t qty;
	int64_t unit_price;
	int     from_offer;   /* came from an accepted suggestion */
	int64_t discount;     /* taken off the line once: the saving of the
	                       * curated bundle it completes (0 none), while
	                       * the basket holds the whole bundle; the
	                       * line reads at unit_price, the discount
	                       * apart (session_retotal keeps it)          */
	int64_t bundle_id;    /* that bundle, 0 none                       */
	int64_t saving;       /* the bundle's saving agreed at the accept:
	                       * the discount while the bundle is whole    */
};

/* An answer given this sale, newest last: what `u` takes back. */
struct session_answer {
	int     outcome;      /* OFFER_ACCEPTED or OFFER_DECLINED          */
	int64_t offer_id;     /* its offer log row; 0 pending or a replay  */
	int64_t item_id;      /* the item offered                          */
	int64_t base_id;      /* an accepted upgrade: the item it replaced
	                       * in its line, 0 when it was added          */
	int64_t base_price;   /* ... and that line's price then            */
	int     base_from_offer;
	int64_t base_bundle_id; /* ... the bundle it completed, and its    */
	int64_t base_saving;    /* saving (0 none)                         */
};

/* A suggestion on the screen, and what the offer log knows of it. */
struct shown {
	struct suggestion sug;
	int64_t  offer_id;    /* its "shown" row, 0 until saved            */
	char     variant[80]; /* the talking-point template it was shown
	                       * with, as script_variant_id() names it; ""
	                       * for the built-in line                     */
	uint64_t key;         /* what chose that variant                  */
};

/* How variants are assigned: per customer (a walk-in alternates), or
 * alternating per offer. */
enum variant_mode { VARIANT_CUSTOMER = 0, VARIANT_ALTERNATE };

enum session_who {
	WHO_NOBODY = 0,   /* nobody at the counter yet */
	WHO_WALK_IN,      /* a customer without a record */
	WHO_CUSTOMER,     /* a known customer */
};

/* Which of the counter's lists the arrows move in. */
enum session_focus { FOCUS_SUGGESTIONS = 0, FOCUS_BASKET };

struct session {
	struct store    *store;          /* not owned                      */
	int64_t          now;            /* civil time of the last refresh */
	char             currency[4];
	int              scale;
	char            *shop;           /* shop name (owned)              */
	char            *counter;        /* counter name (owned)           */
	int              demo;           /* working on the demo copy       */

	int              who;            /* enum session_who               */
	struct customer  customer;       /* valid when who == WHO_CUSTOMER */
	struct history   history;        /* newest first                   */
	struct profile   profile;

	char             query[SESSION_QUERY_MAX];  /* the search text    */
	struct customer *matches;        /* live matches of query          */
	size_t           nmatches;

	/* The sale. */
	struct catalog   cat;            /* loaded once                    */
	struct model     model;
	int              have_model;
	struct scorer   *scorer;
	struct scorer_config cfg;
	int64_t          clerk_id;       /* 0: none                        */
	int              training;
	int              replay;         /* --at on a real database: offers
	                                  * and sales are shown, nothing is
	                                  * written                        */
	struct store_buyer buyer;        /* the customer as the scorer
	                                  * sees them: purchases, what
	                                  * follows what, their answers    */
	struct basket_line *basket;      /* this visit                     */
	size_t           nbasket, capbasket;
	int64_t          total;          /* of the basket                  */
	struct shown     shown[SESSION_SUGGESTIONS];  /* best first        */
	size_t           nshown;
	int64_t         *declined;       /* items declined this visit      */
	size_t           ndeclined;
	int64_t         *logged;         /* items logged as shown, visit   */
	int64_t         *logged_offer;   /* ... and their log rows         */
	struct shown    *logged_shown;   /* ... and how they were shown    */
	size_t           nlogged;
	struct offerlog  log;            /* the offer log: what is not
	                                  * saved yet, and why             */
	const struct item **found;       /* item search results            */
	struct scripts   scripts;        /* talking points (owned)         */
	char             counter_lang[4];/* the counter's language         */
	char             lang[4];        /* the customer's ("" none), or
	                                  * the one chosen with L          */
	int              variant_mode;   /* enum variant_mode              */
	uint64_t         alternate;      /* offers made, for ALTERNATE     */
	int64_t          ack_item;       /* just declined: say the
	                                  * acknowledgement, 0 none        */
	size_t           nfound;
	int64_t          last_order;     /* the last sale recorded, 0 none */
	struct session_answer *answers;  /* this sale's, oldest first      */
	size_t           nanswers;
	struct cursor    at;             /* what the screen selects and
	                                  * scrolls (model/cursor.h)       */
	int              chosen;         /* the clerk chose the selected
	                                  * suggestion (session_choose)
	                                  * since the suggestions last
	                                  * changed: Enter may accept it   */
};

/* A new session on store (not owned).  shop and counter are copied. */
struct session *session_new(struct store *store, const char *shop,
    const char *counter, int demo, int64_t now);

/*
 * Load the catalogue and the mined model and set up the scorer with cfg.
 * Without a model the session still works, with no bundles; *warning then
 * gets a malloc'd notice.  Returns 0, or -1 with *cause.
 */
int session_open_sales(struct session *s, const struct scorer_config *cfg,
    char **warning, char **cause);

/*
 * Items whose SKU or barcode is text, or whose name holds it (any case);
 * at most SESSION_ITEMS_MAX into s->found, exact matches first.  In memory:
 * never waits on the database.
 */
void session_find_items(struct session *s, const char *text);

/*
 * Add qty (> 0) of item id to the basket (merging with its line) and recompute
 * the suggestions.  Returns the number of offer log writes that failed
 * (kept as pending), 0 normally; -1 (nothing added) when the line or the
 * basket's total would be beyond the largest amount uplift keeps
 * (MONEY_MAX).
 */
int session_add_item(struct session *s, int64_t item_id, int64_t qty);

/* Remove basket line i and recompute.  Same return as session_add_item. */
int session_remove_line(struct session *s, size_t i);

/*
 * Set the quantity of basket line i to qty (>= 1; a bundle's discount
 * stays on one unit) and recompute (session_sale.c).  Same return as
 * session_add_item(); -1 also when i or qty is out of range.
 */
int session_set_qty(struct session *s, size_t i, int64_t qty);

/*
 * Take back this sale's last accept or decline (u): an accepted item
 * leaves the basket again (an upgrade gives its line back to the item it
 * replaced), a declined one may be suggested again; its offer log row is
 * marked undone, never deleted (store_offer_undo), so that reports count
 * the net result.  *what gets OFFER_ACCEPTED or OFFER_DECLINED and *item
 * the item.  0 done; 1 nothing to undo or the row is not saved yet (then
 * *cause says so); -1 error with *cause.  In a replay nothing is written.
 */
int session_undo(struct session *s, int *what, int64_t *item, char **cause);

/*
 * Accept suggestion i: its item joins the basket (an upgrade or a bigger
 * size replaces the item it upgrades), the acceptance is logged, and the
 * suggestions are recomputed.  Returns 0 when the log row is durable, 1
 * when it is pending (not saved), -1 if i is out of range.
 */
int session_accept(struct session *s, size_t i);

/*
 * Decline suggestion i: logged at once, not suggested again this visit,
 * and the next suggestion takes its place.  *offer_id gets the log row (0
 * if pending) for session_decline_reason().  Returns as session_accept().
 */
int session_decline(struct session *s, size_t i, int64_t *offer_id);

/* Record the reason of a decline.  0 saved (or a replay: not written), 1
 * pending, -1 bad reason. */
int session_decline_reason(struct session *s, int64_t offer_id, int reason);

/*
 * Record the basket as an order of the customer (or a walk-in sale) and
 * start a new visit with nobody at the counter.  0 and *order_id, or -1
 * with *cause and the basket kept.  In a replay (s->replay) nothing is
 * written: the visit ends and *order_id is 0.
 */
int session_finish(struct session *s, int64_t *order_id, char **cause);

/*
 * session_finish(), the order's code being code (the till's order number,
 * uplift --follow) rather than "POS" and its id; a code already recorded
 * is refused (-1, *cause naming it), so that the sale is never there
 * twice, and an import of the same order later skips it.
 */
int session_finish_as(struct session *s, const char *code, int64_t *order_id,
    char **cause);

/* End the visit without recording it (the till voided the sale): the
 * basket empties and nobody is at the counter. */
void session_void(struct session *s);

/* Retry the pending offer log writes; returns how many are left.  When
 * none is, the journal is emptied. */
size_t session_retry(struct session *s);

/* How many offer log writes are pending (not saved yet). */
size_t session_pending(const struct session *s);

/* Why the latest offer log write failed, "" when none is pending; valid
 * until the next session_* call. */
const char *session_log_cause(const struct session *s);

/*
 * Keep the offer log writes that fail in journal j (journal.h; not owned,
 * NULL for none) until they are saved, so that quitting, a hang-up or a
 * kill loses none of them: the next start replays them.
 */
void session_set_journal(struct session *s, struct journal *j);

/* How many pending writes the journal does not hold (the disk refused it
 * too): these are lost if the session ends now. */
size_t session_unjournaled(const struct session *s);

/* Choose the talking-point variant suggestion sh is shown with, as the
 * session's variant mode says (session_say.c). */
void session_choose_variant(struct session *s, struct shown *sh);

/*
 * The talking points for suggestion i: up to SESSION_SAY_MAX lines into
 * lines[] (each malloc'd, the caller frees them); returns how many.  Until
 * script templates land they lead with the item's benefit, then state the
 * price difference, then the explanation's figures.
 */
#define SESSION_SAY_MAX SCRIPT_LINES_MAX
int session_say_lines(const struct session *s, size_t i, char **lines);

/*
 * Load the talking points of the .txt files of dir (en, bn, gu ...), set the
 * counter's language and the variant mode.  Files that do not load are
 * reported in *warning (malloc'd) and skipped.
 */
void session_open_scripts(struct session *s, const char *dir,
    const char *counter_lang, int variant_mode, char **warning);

/* The language the talking points are in now (2 letters). */
const char *session_language(const struct session *s);

/* Switch the talking points to the next language that has any (L). */
void session_next_language(struct session *s);

/* Talk in lang (a language the talking points have), or with "" or NULL
 * in the counter's language until the customer's is chosen. */
void session_set_language(struct session *s, const char *lang);

/* 1 while a sale is open (items in the basket). */
int session_sale_open(const struct session *s);

/* Free the session and what it owns; *sp becomes NULL.  NULL-safe. */
void session_free(struct session **sp);

/* Set the clock (civil seconds) used for "days since" and the profile. */
void session_set_now(struct session *s, int64_t now);

/* Who sells: the offer log and the sales name clerk_id (0: none). */
void session_set_clerk(struct session *s, int64_t clerk_id);

/* A replay (--at on a real database): offers and sales are shown,
 * nothing is written. */
void session_set_replay(struct session *s, int replay);

/* A training run: the offer log marks its rows as training. */
void session_set_training(struct session *s, int training);

/* Start a search afresh: no search text, no customer matches, every
 * item a match of "". */
void session_clear_search(struct session *s);

/* The acknowledgement of a decline ("no problem ...") has been seen: the
 * talking points go back to the selected suggestion's. */
void session_end_ack(struct session *s);

/*
 * Set the search text and refresh the matches (at most
 * SESSION_MATCHES_MAX).  Text longer than the buffer is cut.  0 or -1.
 */
int session_search(struct session *s, const char *query, char **cause);

/* Put match i at the counter: load its history and profile. 0 or -1. */
int session_pick(struct session *s, size_t i, char **cause);

/* Put the customer with id at the counter.  0 or -1. */
int session_pick_id(struct session *s, int64_t id, char **cause);

/* Start a walk-in sale: nobody known at the counter. */
void session_walk_in(struct session *s);

/* ---- the cursor (session_view.c) ---- */

/* Select suggestion i, kept within the suggestions shown (unchanged
 * while none is). */
void session_select(struct session *s, int i);

/* Move the selection of the list with the focus by delta (-1 up, 1
 * down), kept within it. */
void session_select_move(struct session *s, int delta);

/* Select basket line i, kept within the basket (unchanged while it is
 * empty). */
void session_select_line(struct session *s, int i);

/* The arrows move in list focus (enum session_focus); the basket's
 * selection goes to its last line. */
void session_set_focus(struct session *s, int focus);

/*
 * The clerk chose the selected suggestion (an arrow or Tab onto the
 * suggestions): s->chosen is 1 while the suggestions have the focus and
 * one is shown, until they change (an item added or removed, a quantity,
 * an answer, an undo, another customer: every re-ranking clears it).
 */
void session_choose(struct session *s);

/* How many history lines the screen shows (0: none); the first shown is
 * kept so that the window is full. */
void session_set_history_rows(struct session *s, int rows);

/* Scroll the history by delta lines (a page: the rows shown); to the
 * newest with INT_MIN, the oldest with INT_MAX. */
void session_scroll_history(struct session *s, int delta);

/* How many matches a search of n lists on screen (0: none); the
 * selected one stays among them. */
void session_set_match_rows(struct session *s, int rows, size_t n);

/* Select match i of the search (customers, or items in the item
 * search: n of them), the window following it. */
void session_select_match(struct session *s, int i, size_t n);

/* The reason of the decline logged as offer_id is asked (the picker
 * shows); session_end_reason() closes it. */
void session_ask_reason(struct session *s, int64_t offer_id);
void session_end_reason(struct session *s);

/* Days since the customer's last visit, or -1 if none / not known. */
int64_t session_days_since(const struct session *s);

/* Average basket (net lifetime over visits), 0 if no visit. */
int64_t session_avg_basket(const struct session *s);

#endif
