/*
 * desk — the hotel front desk: a hotel's rooms and stays, the upgrades
 * and add-ons a reservation can be offered, and the answers (accept,
 * decline, add) written back through the store.  Plain C: `uplift
 * upgrades` prints from it and the check-in screen (views/desk.h) draws
 * from it; neither sees the store.
 *
 * Offers come from model/hotel.h over the hotel's snapshot: every higher
 * room type free on every night of the stay, within the cap, less the
 * ones this stay declined, the guest's earlier room types first, then the
 * moves the hotel's guests were given (booked → assigned).
 *
 * A desk owns everything it points to.  Strings and arrays stay valid
 * until the next desk_* call that changes the same part.
 */
#ifndef UPLIFT_DESK_H
#define UPLIFT_DESK_H

#include <stddef.h>
#include <stdint.h>

#include "model/cursor.h"
#include "model/hotel.h"
#include "model/offerlog.h"
#include "model/script.h"
#include "model/types.h"
#include "model/types_hotel.h"

struct store;

#define DESK_OFFERS_MAX 16
#define DESK_ADDONS_MAX 16
#define DESK_ROWS_MAX   200    /* a search's matches listed (all counted) */
#define DESK_ARRIVALS_MAX 100000 /* a day's arrivals: all of them       */
#define DESK_DONE_MAX   32     /* answers at the desk that u can undo   */
#define DESK_SHOWN_MAX  64     /* offers a visit logs as shown          */
/* What the desk says of an offer another desk took meanwhile. */
#define DESK_TAKEN      "taken at another desk"
#define DESK_QUERY_MAX  64
#define DESK_SAY_MAX    SCRIPT_LINES_MAX
/* desk_answer(): done, but the log row is kept for retry */
#define DESK_LOG_PENDING 2
/* The offer log's kind of an add-on answered at the desk (after the
 * scorer's kinds, enum suggestion_kind). */
#define DESK_LOG_ADDON  4

/* An answer given at the desk, for u (desk_undo_last()). */
struct desk_done {
	char code[48];        /* the room type's or the add-on's code      */
	int  what;            /* 'u' upgraded, 'd' declined, 'a' added     */
};

/* An add-on a stay can have, or already has. */
struct desk_addon {
	int64_t id;
	char   *code, *name;  /* owned                                    */
	int64_t price;        /* as listed, for `per`                      */
	int     per;          /* enum hotel_per                            */
	int64_t total;        /* for this stay                             */
	int     units;        /* a day                                     */
	int     on_departure;
	int     days;         /* the days `total` charges (the nights left
	                       * for the ones a night, 1 on departure),
	                       * 0 for those priced once or a person     */
	int     sold;         /* already added to this stay                */
	int     declined;     /* not added, and the guest said no to it
	                       * for this stay (saved or pending)        */
};

/* Which of the desk's lists the arrows move in. */
enum desk_focus { CHECKIN_UPGRADES = 0, CHECKIN_ADDONS };

struct desk {
	struct store         *store;      /* not owned                    */
	int64_t               hotel_id;
	char                 *hotel;      /* its name (owned)             */
	char                  cur[4];
	int                   scale;
	struct hotel_snapshot snap;       /* rooms and stays, every night  */
	struct hotel_move    *moves;      /* booked → assigned, counted    */
	size_t                nmoves;
	struct segment_move  *smoves;     /* the same per market segment   */
	size_t                nsmoves;
	struct hotel_move    *sscratch;   /* one segment's moves (scratch) */
	int                   by_segment; /* rank by the stay's segment's
	                                   * moves first (default 1)      */
	struct hotel_pricing  p;          /* its matrix owned             */
	int                   as_booked;  /* price every night of a stay, as
	                                   * on its arrival (the arrivals
	                                   * list, --evaluate); 0: only the
	                                   * nights to come at `now`       */
	struct hotel_why      why[DESK_OFFERS_MAX]; /* the higher types the
	                                   * last desk_offers() left out   */
	size_t                nwhy;
	int                   maxnights;  /* the longest stay              */
	struct hotel_stay    *win;        /* scratch: one stay's window    */

	/* Who works the desk, for the offer log. */
	const char           *counter;    /* not owned                    */
	int64_t               clerk_id;
	int64_t               now;        /* civil seconds                 */
	int                   replay;     /* --at on a real database: the
	                                   * answers are shown, nothing is
	                                   * written                      */

	/* The list: a day's arrivals, or the reservations a search found. */
	int64_t               day;        /* the arrivals' day             */
	char                  query[DESK_QUERY_MAX];  /* "" : arrivals     */
	struct reservation_row *rows;
	size_t                nrows;
	size_t                nmatched;   /* how many matched in all       */

	/* The reservation at the desk (have = 1). */
	int                   have;
	struct reservation    r;
	char                 *guest;      /* name, "" if none (owned)     */
	char                  lang[4];    /* the guest's language, or ""   */
	int                   persons;    /* adults + children, at least 1 */
	struct guest_stay    *stays;      /* earlier stays, newest first   */
	size_t                nstays;
	struct hotel_offer    offers[DESK_OFFERS_MAX];
	size_t                noffers;
	size_t                declined;   /* upgrades left out: declined   */
	int64_t               declined_ids[DESK_OFFERS_MAX];  /* ... their
	                                   * room types                    */
	struct desk_addon     addons[DESK_ADDONS_MAX];  /* available or sold */
	size_t                naddons;
	size_t                hotel_addons;  /* the hotel has (any date)  */
	int                   when;       /* enum hotel_when of the stay   */
	/* The answers given at this desk for the stay at it, oldest first
	 * (the visit: kept while the same stay is picked again). */
	int64_t               done_for;   /* the reservation               */
	struct desk_done      done[DESK_DONE_MAX];
	size_t                ndone;
	int64_t               data_version;  /* the store's, last looked at */
	/* What this visit showed, logged once as offer rows of outcome
	 * shown (desk_log_shown()): the upgrades' room types, the add-ons. */
	int                   log_shown;  /* log them (the console does)  */
	int64_t               shown_types[DESK_SHOWN_MAX];
	size_t                nshown_types;
	int64_t               shown_addons[DESK_SHOWN_MAX];
	size_t                nshown_addons;

	struct scripts        scripts;    /* talking points (owned)       */
	char                  counter_lang[4];
	struct offerlog       log;        /* the offer log: what is not
	                                   * saved yet, and why           */
	struct cursor         at;         /* what the screen selects and
	                                   * scrolls (model/cursor.h)     */
};

/*
 * Open the desk of hotel_id: read its rooms, every stay, the moves and
 * its pricing (floor, set supplements).  Upgrades are capped at the
 * hotel's own cap when it has one, else at cap_percent of the booked
 * rate (0: no cap).
 * 0, or -1 with *cause.  Close with desk_close() either way.
 */
int desk_open(struct desk *d, struct store *s, int64_t hotel_id,
    int cap_percent, char **cause);

/* Free what d owns; d is left zeroed.  Safe on a zeroed desk. */
void desk_close(struct desk *d);

/* Read the rooms and stays again (after a change, or another desk's). */
int desk_reload(struct desk *d, char **cause);

/* The room type id, or NULL. */
const struct hotel_type *desk_type(const struct desk *d, int64_t id);

/* Its name, "?" when unknown. */
const char *desk_type_name(const struct desk *d, int64_t id);

/*
 * The room type r holds at the desk: the assigned one once assigned,
 * except for a stay already checked out, looked at as booked (that is
 * when the offer would have been made).
 */
int64_t desk_holding(const struct reservation *r);

/*
 * The nights of r that can still be sold at the desk's `now` (every
 * night with as_booked): *from the first, *left how many; returns an
 * enum hotel_when (hotel_when_text() says why nothing can be sold).
 */
int desk_stay_nights(const struct desk *d, const struct reservation *r,
    int64_t *from, int *left);

/*
 * What r asks upgrades for (model/hotel.h): with leave_out as booked, for
 * every night; else from what it holds, the cap and the supplement
 * measured from the booking when the desk upgraded it already, for the
 * nights to come.
 */
void desk_ask(const struct desk *d, const struct reservation *r,
    int leave_out, struct hotel_ask *a);

/*
 * The upgrades for r from the room type it holds — or, with leave_out,
 * the one it booked, not counting its own move (an evaluation must not
 * learn the answer from the question) — ranked by the moves of the
 * guests of r's market segment (with by_segment), then by all the
 * hotel's moves.  At
 * most max into o; returns how many.  Reads no database.
 */
size_t desk_offers(struct desk *d, const struct reservation *r,
    int leave_out, struct hotel_offer *o, size_t max);

/*
 * The offers for r at the desk: desk_offers() less the types declined for
 * this stay, the guest's earlier room types leading.  The earlier stays,
 * newest first, go to *g (owned by the caller) when g is not NULL.
 * Returns how many offers, or -1 with *cause.
 */
long desk_stay_offers(struct desk *d, const struct reservation *r,
    struct hotel_offer *o, size_t max, struct guest_stay **g, size_t *ng,
    char **cause);

/*
 * The add-ons of the hotel r's stay can have (valid and with a unit left
 * on every day they would serve), and those it already has (sold = 1),
 * at most max; those the guest declined for the stay and did not take
 * since have declined = 1.  0 and *n, or -1 with *cause.
 */
int desk_stay_addons(struct desk *d, const struct reservation *r,
    struct desk_addon *out, size_t max, size_t *n, char **cause);

/* Free the strings of n add-ons. */
void desk_addons_clear(struct desk_addon *a, size_t n);

/*
 * Answer room type type_id for r: accept it (reason < 0), or decline it
 * (reason 0 none, 1..5).  It must be an offer now.  Accepting moves the
 * reservation in one transaction that re-checks every night, so of two
 * desks taking the last room one is told it is gone.  Either way the
 * offer is logged (*offer_id, if not NULL).  *done gets the offer.
 * Returns 0; DESK_LOG_PENDING when done but the store refused the log
 * row: it is kept in d->log for retry (offerlog_cause() says why); 1
 * refused, with *cause saying why to the user; -1 failed, with *cause.
 */
int desk_answer(struct desk *d, const struct reservation *r, int64_t type_id,
    int reason, struct hotel_offer *done, int64_t *offer_id, char **cause);

/*
 * Log an answer about add-on addon_id for r (outcome an enum
 * offer_outcome, reason 1..5 for a decline, 0 none) in the offer log,
 * kind DESK_LOG_ADDON, through d->log (offerlog.h).  0 (*offer_id if not
 * NULL); DESK_LOG_PENDING when the store refused the row: it is kept in
 * d->log for retry (offerlog_cause() says why; *offer_id is 0).  cause is
 * not used (the offer log keeps the cause).
 */
int desk_log_addon(struct desk *d, const struct reservation *r,
    int64_t addon_id, int64_t total, int outcome, int reason,
    int64_t *offer_id, char **cause);

/*
 * Log what the stay at the desk shows the agent now, when d->log_shown
 * (the console sets it; `uplift upgrades` does not) and the stay is
 * sellable: each upgrade (kind 0, its room type) and each add-on not yet
 * added (kind DESK_LOG_ADDON) as an offer row of outcome shown, the first
 * time this visit shows it (a visit: desk.h's done_for; repaints, a
 * fresh look after an answer and the idle tick's reload add nothing).
 * Nothing is written in a replay.  Returns how many rows the store
 * refused (kept in d->log for retry, as every offer row).
 */
int desk_log_shown(struct desk *d);

/* Whether desk_pick() logs what it shows (desk_log_shown()). */
void desk_set_log_shown(struct desk *d, int on);

/*
 * Decline add-on `code` for r's stay (reason 0 none, 1..5): logged, the
 * stay keeps being offered it (marked declined).  0, DESK_LOG_PENDING
 * (desk_log_addon()), 1 refused (*cause: added already, declined
 * already), -1 failed.
 */
int desk_decline_addon(struct desk *d, const struct reservation *r,
    const char *code, int reason, char **cause);

/*
 * Undo an answer for r, named by code: a room type the desk upgraded it
 * to goes back to the type and rate booked (*what 'u'); a room type it
 * declined is offered again (*what 'd'); an add-on it has is taken off,
 * its units free again (*what 'a'), or one it declined is offered again
 * (*what 'D').  The offer rows are marked undone, never deleted; d->log's
 * pending rows are saved first (refused, 1, while any is left).  0, 1
 * refused (*cause says why), -1 failed (*cause).
 */
int desk_undo(struct desk *d, const struct reservation *r, const char *code,
    int *what, char **cause);

/*
 * Add add-on `code` to r's stay; it must be one the stay can have now.
 * *total gets its price for the stay and *name (if not NULL) its name,
 * malloc'd.  0; DESK_LOG_PENDING when added but its offer log row is
 * kept for retry (desk_log_addon()); 1 refused (*cause), -1 failed
 * (*cause).
 */
int desk_add(struct desk *d, const struct reservation *r, const char *code,
    int64_t *total, char **name, char **cause);

/* ---- the check-in screen's state ---------------------------------------- */

/* List the active reservations arriving on day, all of them (the query
 * is cleared); d->nmatched says how many.  0 or -1 with *cause. */
int desk_arrivals(struct desk *d, int64_t day, char **cause);

/* List the reservations whose confirmation or guest name holds text
 * ("" lists the arrivals of d->day): the first DESK_ROWS_MAX, and
 * d->nmatched says how many matched in all.  0 or -1 with *cause. */
int desk_search(struct desk *d, const char *text, char **cause);

/*
 * Put reservation id at the desk: the stay, the guest, their earlier
 * stays, the offers and the add-ons.  Reads the rooms again first, so
 * what shows is free now.  0 or -1 with *cause.
 */
int desk_pick(struct desk *d, int64_t id, char **cause);

/* Nobody at the desk. */
void desk_leave(struct desk *d);

/*
 * Accept or decline offer i of the reservation at the desk, or add its
 * add-on i, then look at the stay again.  Same returns as desk_answer()
 * and desk_add(); *msg gets a malloc'd line saying what was done.
 */
int desk_accept(struct desk *d, size_t i, char **msg, char **cause);
int desk_decline(struct desk *d, size_t i, int64_t *offer_id, char **msg,
    char **cause);
int desk_add_addon(struct desk *d, size_t i, char **msg, char **cause);

/*
 * Record that the guest declined add-on i of the stay at the desk (an
 * offer-log row of kind DESK_LOG_ADDON, outcome declined; u takes it
 * back); the add-on stays on the list, as the guest may change their
 * mind, marked declined (the stay is looked at again).  Same returns as
 * desk_decline_addon(); *msg as above.
 */
int desk_decline_addon_at(struct desk *d, size_t i, char **msg,
    char **cause);

/*
 * 1 when something can be sold to the stay at the desk now (booked or in
 * house with nights to come, and the hotel lists its rooms); else 0, and
 * *why (if not NULL) says why in a few words ("it is cancelled", "its
 * departure has passed", "the hotel lists no rooms"; not owned).
 */
int desk_sellable(const struct desk *d, const char **why);

/*
 * Undo the last answer given at this desk for the stay at it (an upgrade,
 * an add-on, a decline; desk_undo()), then look at the stay again.  0
 * with *msg (malloc'd) saying what was undone; 1 refused (nothing to
 * undo, or desk_undo() refused: *cause); -1 failed (*cause).
 */
int desk_undo_last(struct desk *d, char **msg, char **cause);

/*
 * The idle tick: when another process wrote to the database since the
 * last look (store_data_version()), read the list and the stay at the
 * desk again.  Returns 1 when it did — *msg (malloc'd, or NULL) then
 * names the upgrades and add-ons no longer offered, as taken at another
 * desk — 0 when nothing changed, -1 failed (*cause).
 */
int desk_tick(struct desk *d, char **msg, char **cause);

/*
 * What accepting offer i (addon 0) or adding add-on i (addon 1) of the
 * stay at the desk charges, for the confirmation: "Superior for 4
 * nights: +80.00 GBP in all (+20.00 a night); the stay comes to 436.00
 * GBP".
 * malloc'd, or NULL when there is no such offer.
 */
char *desk_charge_words(const struct desk *d, int addon, size_t i);

/* The index of the upgrade to type_id (addon 0) or of add-on addon_id
 * (addon 1) at the desk now, or -1 when it is no longer there. */
long desk_find_offer(const struct desk *d, int addon, int64_t id);

/* Record the reason (1..5) of a decline desk_decline() logged as
 * offer_id (0: the decline is pending in d->log).  As offerlog_reason():
 * 0 saved, 1 kept for retry, -1 no such pending decline. */
int desk_decline_reason(struct desk *d, int64_t offer_id, int reason);

/*
 * Load the talking points of the .txt files of dir and set the desk's
 * language; as session_open_scripts().
 */
void desk_open_scripts(struct desk *d, const char *dir,
    const char *counter_lang, char **warning);

/*
 * The talking points for offer i (addon 0) or add-on i (addon 1) of the
 * reservation at the desk, in the guest's language or the desk's: up to
 * DESK_SAY_MAX malloc'd lines into lines (the caller frees them); returns
 * how many (0 if there is no such offer, or the add-on is sold already or
 * declined for this stay: its pitch is not made again as if fresh).
 */
int desk_say_lines(const struct desk *d, int addon, size_t i, char **lines);

/* The language the talking points are in now (2 letters). */
const char *desk_language(const struct desk *d);

/* Switch the talking points to the next language that has any. */
void desk_next_language(struct desk *d);

/* Talk in lang, or with "" or NULL in the desk's language until the
 * guest's is chosen. */
void desk_set_language(struct desk *d, const char *lang);

/* The desk's hotel (copied) and name (not owned; may be NULL), and
 * whether it is a replay (--at: answers shown, nothing written). */
void desk_set_who(struct desk *d, const char *hotel, const char *counter,
    int replay);

/* Who works the desk, for the offer log (0: none). */
void desk_set_clerk(struct desk *d, int64_t clerk_id);

/* The desk's clock (civil seconds), for the offer log. */
void desk_set_now(struct desk *d, int64_t now);

/* The day whose arrivals desk_search("") lists. */
void desk_set_day(struct desk *d, int64_t day);

/* ---- the cursor (desk_view.c) ---- */

/* Keep the cursor within the lists as they are now (desk_pick() calls
 * it): the selection within the list with the focus, the earlier stays'
 * window full. */
void desk_fit(struct desk *d);

/* Select line i of the list with the focus (kept within it). */
void desk_select(struct desk *d, int i);

/* An arrow: move the selection by delta (0: stay), or after an answer
 * (nosel) choose the line in place; either way a line is chosen. */
void desk_select_move(struct desk *d, int delta);

/* Nothing is selected (after an answer) until an arrow or Tab. */
void desk_unselect(struct desk *d);

/* The arrows move in list focus (enum desk_focus), from its first line
 * (chosen or not, as before). */
void desk_set_focus(struct desk *d, int focus);

/* How many earlier stays the screen shows (0: none), and scroll them by
 * delta (INT_MIN: the newest, INT_MAX: the oldest). */
void desk_set_stay_rows(struct desk *d, int rows);
void desk_scroll_stays(struct desk *d, int delta);

/* How many reservations the list shows on screen, and select one of
 * them (the window follows); a new list (desk_search()) starts at its
 * first. */
void desk_set_match_rows(struct desk *d, int rows);
void desk_select_match(struct desk *d, int i);

/* The reason of the decline logged as offer_id is asked (the picker
 * shows); desk_end_reason() closes it. */
void desk_ask_reason(struct desk *d, int64_t offer_id);
void desk_end_reason(struct desk *d);

/* "a river view and 6 m² more than the Superior" for offer o from the
 * room r holds, or NULL when the types say nothing.  malloc'd. */
char *desk_benefit(const struct desk *d, const struct reservation *r,
    const struct hotel_offer *o);

/* desk_benefit() in language lang: the room type's own benefit_bn or
 * benefit_gu text when lang is "bn" or "gu" and it has one.  malloc'd,
 * or NULL. */
char *desk_benefit_in(const struct desk *d, const struct reservation *r,
    const struct hotel_offer *o, const char *lang);

/*
 * How add-on a's total for a stay of stay_nights nights is made, for the
 * screen, with its price and total already formatted and times the sign
 * to multiply with: "12.00 a night × 3 = 36.00"; for a guest in the house
 * the nights actually charged, "12.00 a night × 1 night left = 12.00",
 * "14.50 a person a night × 2 × 2 nights left = 58.00"; "12.00 a night:
 * added" once sold, "12.00 a night: declined by the guest" once declined.
 * Pure; malloc'd.
 */
char *desk_addon_workings(const struct desk_addon *a, int persons,
    int stay_nights, const char *price, const char *total,
    const char *times);

/*
 * What a price for `charged` nights of a stay of stay_nights covers, in
 * lang ("en", "bn", "gu"; else English), for {for_stay}: "for your stay"
 * when it is the whole stay (charged >= stay_nights), else "for the night
 * left" / "for the 2 nights left".  lang NULL: the desk's own words, "for
 * the stay" for the whole stay.  Into buf (size bytes); returns buf.
 */
const char *desk_for_stay_words(int charged, int stay_nights,
    const char *lang, char *buf, size_t size);

/* The nights add-on a's total covers, for desk_for_stay_words(): its
 * days for one charged a night (not on departure), else the whole stay
 * (stay_nights). */
int desk_addon_covers(const struct desk_addon *a, int stay_nights);

/* What an add-on's price is for: "a night", "once", ... */
const char *desk_per_words(int per);

/* The same in language lang ("bn", "gu"; else English). */
const char *desk_per_words_in(int per, const char *lang);

#endif
