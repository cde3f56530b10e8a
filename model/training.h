/*
 * training — role-play at the counter: scripted customers (scenarios), what
 * the trainee offers them, how they answer, and the score.  Pure: no store,
 * no curses.  The console feeds it the offers the trainee makes and shows
 * the dialogue it keeps; `uplift train` loads the scenarios.
 *
 * A scenario file (assets/training/NAME.txt) is UTF-8 text, "key = value"
 * lines ('#' or ';' starts a comment line):
 *
 *     id = shop-coat-easy               letters, digits, '-'; unique
 *     title = A coat for the walk to work
 *     difficulty = easy                 easy | medium | hard
 *     lang = en                         the customer's language
 *     speaks = en, bn                   the languages they understand
 *                                       (lang always; default lang only)
 *     mode = shop                       shop | hotel
 *     at = 2026-11-23 14:32             the time it plays at: the clock
 *                                       of its world (the day its data
 *                                       is meant for), whatever the
 *                                       computer's; default that clock
 *     customer = C0001                  shop: the customer at the counter
 *     basket = CL-COAT-CLS              shop: SKUs, comma-separated
 *     hotel = Riverside Hotel           hotel: the hotel ...
 *     reservation = RH-10125            ... and the stay at the desk
 *     need = Walks to work, feels the cold.
 *     mood = hesitate                   accept | hesitate | decline: how
 *                                       they meet a good offer
 *     max_offers = 2                    at most this many offers (1..5)
 *     best = none                       none: offering nothing is the best
 *                                       move (default: offer)
 *     good = CL-COAT-PAD                offers that help (SKU, room type or
 *                                       add-on code), repeatable
 *     bad = CL-COAT-CLS                 offers that would not, repeatable
 *     budget = 80.00                    what they will pay in all, at most
 *     hurry = yes                       in a hurry: one offer at most
 *     just_this = yes                   "just this": no offer at all
 *     no_upgrade = yes                  may not upgrade (a company rate)
 *     open = [hesitant] Just this coat, please.   the customer's lines,
 *     accept = [yes] Go on then, I'll take it.    each may start with its
 *     decline = [no] No, thank you — just the coat.   mark: [yes],
 *     not_needed = [soft-no] I don't need that.       [hesitant],
 *     again = [no] I did say no, thank you.   to an offer after a no
 *     confused = [hesitant] Sorry?      to a line in a language they do
 *                                       not speak (both optional)
 *     reply = CL-COAT-WOL [hesitant] That's a lot more ...   their line to
 *                                       one code (the mark is required:
 *                                       [yes] takes it)
 *     objection = Hmm, is it worth the extra?   (hesitate)
 *     answer = + It keeps the rain out ...      2..4 answers; '+' marks the
 *     answer = - Everybody buys it.             good one, '-' the others
 *     honest = no                       the answer above claims what is
 *                                       not true
 *     better = Offer the padded coat: the rain first, then the £10.
 *
 * Marks say what a line means for the sale: [no] and [soft-no] are a no
 * (any offer after one is a veto), [hesitant] is neither (another offer
 * may follow), [yes] welcomes the offer.  Without one: open, accept [yes];
 * decline, again [no]; not_needed [soft-no]; objection, confused
 * [hesitant].
 *
 * Loading refuses, with FILE:LINE, unknown keys, a repeated single key,
 * bad values, lines over 400 bytes, text that is not UTF-8, and a scenario
 * that lacks what it needs (id, title, difficulty, lang, mode, customer or
 * hotel and reservation, open, accept, decline, not_needed, mood, a good
 * offer unless best = none; objection and answers with exactly one '+'
 * for a hesitating customer).
 */
#ifndef UPLIFT_TRAINING_H
#define UPLIFT_TRAINING_H

#include <stddef.h>
#include <stdint.h>

#define TRAINING_CODES_MAX   8
#define TRAINING_ANSWERS_MAX 4
#define TRAINING_EVENTS_MAX  32
#define TRAINING_LINES_MAX   48
#define TRAINING_SPEAKS_MAX  4

enum training_difficulty { TRAIN_EASY = 0, TRAIN_MEDIUM, TRAIN_HARD };
enum training_mode { TRAIN_SHOP = 0, TRAIN_HOTEL };
enum training_mood { MOOD_ACCEPT = 0, MOOD_HESITATE, MOOD_DECLINE };

/* What a customer's line means for the sale. */
enum training_mark { MARK_YES = 0, MARK_HESITANT, MARK_SOFT_NO, MARK_NO };

/* What the customer said they will not have (struct scenario.limits). */
#define LIMIT_BUDGET     0x1     /* more than budget in all            */
#define LIMIT_HURRY      0x2     /* a second offer                     */
#define LIMIT_JUST_THIS  0x4     /* any offer                          */
#define LIMIT_NO_UPGRADE 0x8     /* an upgrade (a model, a room)       */

/* The customer's own line to an offer of one code. */
struct scenario_reply {
	char *code;
	char *text;
	int   mark;                  /* enum training_mark                 */
};

struct scenario {
	char  *id, *title, *lang, *customer, *basket, *hotel, *reservation;
	char  *need;
	char  *open, *accept, *decline, *not_needed, *objection, *better;
	char  *again;                /* to an offer after a no (optional) */
	char  *confused;             /* to a line they cannot understand
	                              * (optional)                        */
	/* the marks of those lines (enum training_mark) */
	int    open_mark, accept_mark, decline_mark, not_needed_mark;
	int    again_mark, objection_mark, confused_mark;
	char   speaks[TRAINING_SPEAKS_MAX][3];   /* besides lang           */
	size_t nspeaks;
	int    difficulty;           /* enum training_difficulty           */
	int    mode;                 /* enum training_mode                 */
	int    mood;                 /* enum training_mood                 */
	int    max_offers;
	int    best_none;            /* offering nothing is the best move  */
	int    limits;               /* LIMIT_* the customer stated        */
	char  *budget;               /* LIMIT_BUDGET: as written ("450.00") */
	char  *at;                   /* the time it plays at, as written;
	                              * NULL: the computer's clock        */
	int64_t at_time;             /* ... in civil seconds               */
	int64_t budget_micro;        /* ... in millionths                  */
	char  *good[TRAINING_CODES_MAX];
	size_t ngood;
	char  *bad[TRAINING_CODES_MAX];
	size_t nbad;
	struct scenario_reply replies[TRAINING_CODES_MAX];
	size_t nreplies;
	char  *answers[TRAINING_ANSWERS_MAX];   /* without the mark        */
	int    dishonest[TRAINING_ANSWERS_MAX]; /* honest = no             */
	size_t nanswers;
	int    right_answer;         /* index of the '+' one               */
	char  *file;                 /* where it was read                  */
};

/* The scenarios of a directory. */
struct scenarios {
	struct scenario *v;
	size_t           n;
};

/*
 * Parse scenario text (name is used in messages) into *sc.  0, or -1 with
 * a malloc'd *cause of "NAME:LINE: reason" lines (at most 20), *sc then
 * holding nothing.
 */
int scenario_parse(const char *name, const char *text, size_t len,
    struct scenario *sc, char **cause);

/* Read and parse a file (at most 64 KiB).  As scenario_parse(). */
int scenario_load_file(const char *path, struct scenario *sc, char **cause);

/*
 * Load every .txt file of dir, in name order.  0, or -1 with *cause
 * naming every file that does not load, and ids used twice; nothing is
 * kept then.
 */
int scenarios_load_dir(const char *dir, struct scenarios *list, char **cause);

/* The scenario with id, or NULL. */
const struct scenario *scenarios_find(const struct scenarios *list,
    const char *id);

void scenario_free(struct scenario *sc);
void scenarios_free(struct scenarios *list);

/* "easy", "medium", "hard". */
const char *training_difficulty_name(int d);

/* "yes", "hesitant", "soft-no", "no". */
const char *training_mark_name(int mark);

/* 1 if the customer of sc understands lang (NULL: no). */
int scenario_speaks(const struct scenario *sc, const char *lang);

/* ---- the rubric's line checks ------------------------------------------- */

#define LINE_BENEFIT 0x1   /* led with the benefit                       */
#define LINE_PRICE   0x2   /* stated the price or the difference         */

/*
 * Check one line said for an offer, as the score does: LINE_BENEFIT when
 * benefit begins in the first half of the line (ASCII case aside) — or the
 * offer has no benefit (NULL or "") and the line is not empty;
 * LINE_PRICE when the line names price or diff as a number of its own
 * ("1.15" is not in "11.15").  NULL line, price or diff: none.
 */
int training_line_check(const char *line, const char *benefit,
    const char *price, const char *diff);

/* ---- a run ------------------------------------------------------------- */

/* What the trainee offered, as the console saw it. */
struct training_offer {
	const char *code;     /* SKU, room type or add-on code            */
	const char *name;     /* as shown                                 */
	const char *line;     /* the talking point said, or NULL/"" none  */
	const char *lang;     /* the language of that line                */
	const char *diff;     /* the price difference as shown ("20.00"),
	                       * NULL if none                            */
	const char *price;    /* its price (at the desk: for the stay),
	                       * NULL if none                            */
	const char *benefit;  /* the item's benefit, NULL if none         */
	int         upgrade;  /* a better model or room instead of the
	                       * one chosen                              */
	int64_t     total;    /* what the customer would pay in all with
	                       * it (basket or stay), in units of
	                       * 10^-scale; < 0 unknown                  */
	int         scale;
};

enum training_reply {
	REPLY_ACCEPTED = 0,   /* the customer takes it                    */
	REPLY_DECLINED,       /* a firm no: offer nothing more            */
	REPLY_NOT_NEEDED,     /* not for them: a soft no, offer nothing
	                       * more                                    */
	REPLY_OBJECTION,      /* they hesitate: answer with 1..n          */
	REPLY_DONE,           /* the run is over (finished or no offer)   */
	REPLY_HESITANT,       /* neither yes nor no: another offer may
	                       * follow                                  */
	REPLY_CONFUSED,       /* not understood: not their language       */
};

enum training_speaker { SAYS_CUSTOMER = 0, SAYS_TRAINEE, SAYS_NOTE };

struct training_line {
	int   speaker;        /* enum training_speaker                    */
	char *text;           /* owned                                    */
};

struct training_event {
	char *code;
	char *name;           /* as shown                                 */
	int   good, bad;      /* in the scenario's lists                  */
	int   said_line;      /* a line was said (else just the name)     */
	int   said_price;     /* the line named the price or difference   */
	int   said_benefit;   /* the line led with the benefit (or the
	                       * item has none and a line was said)       */
	int   had_benefit;    /* the item has a benefit to lead with      */
	int   in_lang;        /* the line was in the customer's language  */
	int   understood;     /* ... or one they speak                    */
	int   after_no;       /* made after a no (or a soft no)           */
	int   broke;          /* LIMIT_* it broke                         */
	int   reply;          /* enum training_reply                      */
};

struct training {
	const struct scenario *sc;   /* not owned                          */
	struct training_event ev[TRAINING_EVENTS_MAX];
	size_t                nev;
	struct training_line  lines[TRAINING_LINES_MAX];   /* the dialogue */
	size_t                nlines;
	size_t                nsaid;         /* lines ever said (the oldest
	                                      * go when lines is full)     */
	int                   said_no;       /* a no or soft no was said    */
	char                 *no_line;       /* ... the first (owned)       */
	int                   no_mark;       /* ... its mark                */
	int                   objecting;     /* waiting for an answer       */
	int                   answered;      /* -1 none, else the index     */
	int                   accepted;      /* a good offer was taken      */
	int                   finished;
};

/* Start a run of sc: the customer's opening line. */
void training_start(struct training *t, const struct scenario *sc);

/* Free the run's dialogue; t is left zeroed.  Safe twice. */
void training_clear(struct training *t);

/*
 * The trainee offers o.  The customer answers (a line in the dialogue):
 * the reply says what the console does next (accept it, record a decline,
 * show the answers to the objection, or leave it offered: hesitant or
 * not understood).  After a no, or when the offer breaks what the
 * customer said (budget, hurry, just this, no upgrade), they say no.
 */
int training_offer(struct training *t, const struct training_offer *o);

/* The trainee answers the objection with answer i; REPLY_ACCEPTED or
 * REPLY_DECLINED (REPLY_DONE when there is no objection or i is out of
 * range). */
int training_answer(struct training *t, size_t i);

/* End the run (the sale is finished, or the guest checked in). */
void training_finish(struct training *t);

/* A trainee's progress on one scenario (read from the training store). */
struct training_progress {
	char   *scenario;     /* its id (owned)                           */
	int     tries;
	int     best;         /* percent                                  */
	int     last;         /* percent of the latest run                */
	int64_t at;           /* the latest run, civil seconds             */
};

/* ---- the score ---------------------------------------------------------- */

/*
 * The rubric: principles with weights, and vetoes.
 *
 *   offered what helps: on the good list, understood, not after  30
 *   a no nor breaking a limit (with best = none: held back)
 *   nothing irrelevant, too dear or lower (the bad list)          15
 *   no more offers than needed (max_offers)                       10
 *   stated the price or the difference   \  counted only when    15
 *   led with a benefit                    > an offer helped:      15
 *   spoke the customer's language        /  relevance first      15
 *   answered the objection well (when answered)                   10
 *   respected every no (no offer after a no or a soft no)       veto
 *   kept to what the customer said (budget, hurry ...)          veto
 *   stayed honest (no answer marked honest = no)                veto
 *
 * The score is the weight of the counted checks passed, in per cent of
 * theirs; a veto cuts it to a tenth and takes any medal.  So a run that
 * helped scores above one that made no offer, which scores above one
 * whose offers did not help (an offer in neither list is neutral: no
 * credit, no fault), which scores above a pushy or dishonest one.  A
 * medal needs no veto and the first check passed: bronze from 50 per
 * cent, silver 75, gold 90.
 */

#define TRAINING_CHECKS_MAX 12

struct training_check {
	const char *name;      /* "offered what helps" ...                */
	int         passed;
	int         weight;    /* its weight, 0 for a veto                */
	int         veto;      /* failing it is a veto                    */
	int         counted;   /* 0: shown, not counted (no offer helped) */
	char        why[240];  /* what happened (cut on a character)      */
	char        better[320];  /* what a better move would have been,
	                           * "" when passed                       */
};

struct training_sheet {
	struct training_check c[TRAINING_CHECKS_MAX];
	size_t n;
	int    passed;         /* counted checks passed                   */
	int    counted;        /* counted checks                          */
	int    vetoes;         /* vetoes broken                           */
	int    percent;        /* 0..100                                  */
	const char *medal;     /* "gold", "silver", "bronze" or ""        */
};

/* Score a run: the checks that apply to its scenario. */
void training_score(const struct training *t, struct training_sheet *s);

/*
 * One row of the sheet as text: "✓ 30 offered what helps: why" (ascii:
 * '+', 'x', '-' for the marks), "✗ veto respected every no: why", "- --
 * ..." for a check not counted.  Cut on a character boundary to fit size
 * bytes.
 */
void training_check_text(const struct training_check *c, int ascii,
    char *buf, size_t size);

/* The sheet's title: "SCORE  ID  87%  medal: silver" or "... no medal
 * (veto)" ...  Cut as training_check_text(). */
void training_sheet_title(const struct scenario *sc,
    const struct training_sheet *s, char *buf, size_t size);

#endif
