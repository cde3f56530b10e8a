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
 *     mode = shop                       shop | hotel
 *     customer = C0001                  shop: the customer at the counter
 *     basket = CL-COAT-CLS              shop: SKUs, comma-separated
 *     hotel = Riverside Hotel           hotel: the hotel ...
 *     reservation = RH-10125            ... and the stay at the desk
 *     need = Walks to work, feels the cold.
 *     mood = hesitate                   accept | hesitate | decline: how
 *                                       they meet a good offer
 *     max_offers = 2                    at most this many offers (1..5)
 *     good = CL-COAT-PAD                offers that help (SKU, room type or
 *                                       add-on code), repeatable
 *     bad = CL-COAT-CLS                 offers that would not, repeatable
 *     open = Just this coat, please.    the customer's lines
 *     accept = Go on then, I'll take it.
 *     decline = No, thank you — just the coat.
 *     not_needed = I don't need that, thanks.
 *     again = I did say no, thank you.   to an offer after their no
 *                                       (optional; this is the default)
 *     objection = Hmm, is it worth the extra?   (hesitate)
 *     answer = + It keeps the rain out ...      2..4 answers; '+' marks the
 *     answer = - Everybody buys it.             good one, '-' the others
 *     better = Offer the padded coat: the rain first, then the £10.
 *
 * Loading refuses, with FILE:LINE, unknown keys, a repeated single key,
 * bad values, lines over 400 bytes, text that is not UTF-8, and a scenario
 * that lacks what it needs (id, title, difficulty, lang, mode, customer or
 * hotel and reservation, open, accept, decline, not_needed, good, mood;
 * objection and
 * answers with exactly one '+' for a hesitating customer).
 */
#ifndef UPLIFT_TRAINING_H
#define UPLIFT_TRAINING_H

#include <stddef.h>
#include <stdint.h>

#define TRAINING_CODES_MAX   8
#define TRAINING_ANSWERS_MAX 4
#define TRAINING_EVENTS_MAX  32
#define TRAINING_LINES_MAX   48

enum training_difficulty { TRAIN_EASY = 0, TRAIN_MEDIUM, TRAIN_HARD };
enum training_mode { TRAIN_SHOP = 0, TRAIN_HOTEL };
enum training_mood { MOOD_ACCEPT = 0, MOOD_HESITATE, MOOD_DECLINE };

struct scenario {
	char  *id, *title, *lang, *customer, *basket, *hotel, *reservation;
	char  *need;
	char  *open, *accept, *decline, *not_needed, *objection, *better;
	char  *again;                /* to an offer after a no (optional) */
	int    difficulty;           /* enum training_difficulty           */
	int    mode;                 /* enum training_mode                 */
	int    mood;                 /* enum training_mood                 */
	int    max_offers;
	char  *good[TRAINING_CODES_MAX];
	size_t ngood;
	char  *bad[TRAINING_CODES_MAX];
	size_t nbad;
	char  *answers[TRAINING_ANSWERS_MAX];   /* without the mark        */
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

/* ---- a run ------------------------------------------------------------- */

/* What the trainee offered, as the console saw it. */
struct training_offer {
	const char *code;     /* SKU, room type or add-on code            */
	const char *name;     /* as shown                                 */
	const char *line;     /* the talking point said, or NULL/"" none  */
	const char *lang;     /* the language of that line                */
	const char *diff;     /* the price difference as shown ("20.00"),
	                       * NULL if none                            */
	const char *benefit;  /* the item's benefit, NULL if none         */
};

enum training_reply {
	REPLY_ACCEPTED = 0,   /* the customer takes it                    */
	REPLY_DECLINED,       /* a firm no: offer nothing more            */
	REPLY_NOT_NEEDED,     /* not for them (irrelevant, too dear ...)  */
	REPLY_OBJECTION,      /* they hesitate: answer with 1..n          */
	REPLY_DONE,           /* the run is over (finished or no offer)   */
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
	int   said_price;     /* the line named the price difference      */
	int   said_benefit;   /* the line led with the benefit (or the
	                       * item has none and a line was said)       */
	int   had_benefit;    /* the item has a benefit to lead with      */
	int   in_lang;        /* the line was in the customer's language  */
	int   after_no;       /* made after a firm no                     */
	int   reply;          /* enum training_reply                      */
};

struct training {
	const struct scenario *sc;   /* not owned                          */
	struct training_event ev[TRAINING_EVENTS_MAX];
	size_t                nev;
	struct training_line  lines[TRAINING_LINES_MAX];   /* the dialogue */
	size_t                nlines;
	int                   said_no;       /* a firm no was said          */
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
 * or show the answers to the objection).
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

#define TRAINING_CHECKS_MAX 8

struct training_check {
	const char *name;      /* "offered something relevant" ...        */
	int         passed;
	char        why[160];  /* what happened                           */
	char        better[200];  /* what a better move would have been, ""
	                           * when passed                          */
};

struct training_sheet {
	struct training_check c[TRAINING_CHECKS_MAX];
	size_t n;
	int    passed;
	int    percent;        /* passed × 100 / n, rounded down          */
	const char *medal;     /* "gold" (≥ 90), "silver" (≥ 75), "bronze"
	                        * (≥ 50) or ""                           */
};

/* Score a run: the yes/no checks that apply to its scenario. */
void training_score(const struct training *t, struct training_sheet *s);

#endif
