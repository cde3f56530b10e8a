/*
 * text — UTF-8 and the display choke point (reliability.md rule 4).
 *
 * Every string that came from data (database, CSV, config, command line,
 * file names) passes through text_clean() or text_fit() before it reaches
 * a screen, stderr, a report or a log.  The sanitiser decodes UTF-8
 * (invalid sequences, surrogates and overlong forms become U+FFFD, one per
 * bad byte), and replaces C0 controls, DEL, C1 controls (including CR, LF,
 * TAB, BS), line/paragraph separators (U+2028, U+2029) and bidi/format
 * characters (U+061C, U+200B-200F, U+202A-202E,
 * U+2066-2069, U+FEFF) with U+FFFD, a visible placeholder of width 1.
 *
 * Widths are display columns as the terminal counts them (wcwidth() of the
 * C library under a UTF-8 LC_CTYPE; text_init() arranges that).  Nothing
 * here includes curses.
 */
#ifndef UPLIFT_TEXT_H
#define UPLIFT_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TEXT_REPLACEMENT 0xFFFDu

/*
 * Make sure LC_CTYPE is a UTF-8 locale so widths are right: keep the
 * user's locale if its codeset is UTF-8, else switch LC_CTYPE to C.UTF-8.
 * Returns 1 if a UTF-8 LC_CTYPE is in force afterwards, 0 otherwise (then
 * widths fall back to 1 column per printable code point).
 */
int text_init(void);

/*
 * For a terminal that is not UTF-8 (a C locale): with on, every non-ASCII
 * character comes out of the sanitiser as '?' (combining marks vanish) and
 * a cut ends with "~" instead of "…".  Off by default.
 */
void text_set_ascii(int on);
int text_get_ascii(void);

/* 1 if the user's own locale (before text_init() fell back to C.UTF-8 for
 * widths) had a UTF-8 codeset: whether the terminal may be sent UTF-8. */
int text_env_is_utf8(void);

/*
 * Decode one code point from s[0..len) (len >= 1).  Stores it in *cp and
 * returns the bytes consumed (1-4).  An invalid, overlong, surrogate or
 * truncated sequence yields U+FFFD and consumes exactly 1 byte.
 */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* 1 if cp must be replaced on display (control, bidi or format char). */
int text_is_unsafe(uint32_t cp);

/* Display width of one (safe) code point: 0, 1 or 2. */
int text_cp_width(uint32_t cp);

/*
 * A sanitised copy of s[0..len), cut to at most maxcols display columns
 * (maxcols < 0: no limit).  When cut, the last column is U+2026 "…".  A
 * NULL s gives "".  Combining marks stay with their base; at most 8 of them
 * follow one base, the rest are dropped.  Returns a malloc'd string the
 * caller frees.
 */
char *text_clean(const char *s, size_t len, int maxcols);

/* text_clean(s, strlen(s), maxcols) for a NUL-terminated s (or NULL). */
char *text_cleans(const char *s, int maxcols);

/*
 * Exactly cols columns: sanitised, cut with "…" or padded with spaces on
 * the right (cols <= 0 gives "").  A double-width character that would
 * straddle the edge is replaced by a space.  malloc'd, caller frees.
 */
char *text_fit(const char *s, int cols);

/*
 * An item's name in exactly cols columns, as text_fit(), but a name that
 * ends in a size or a count ("Herbal Shampoo 250 ml", "Smartphone 128 GB":
 * the last word that starts with a digit, at most one word after it) keeps
 * it when cut: "Herbal Shampo…250 ml", so that the 50 ml and the 250 ml
 * stay apart.  When that leaves fewer than 8 columns for the rest of the
 * name ("Ass…80 bags" says less than "Assam Tea…"), the end is cut as
 * text_fit() cuts it.  malloc'd.
 */
char *text_fit_name(const char *s, int cols);

/* Display width of s after sanitising (what text_cleans(s, -1) would take). */
int text_width(const char *s);

/*
 * A name as people write it: s[0..*len) without blanks (spaces, tabs)
 * around it and with every run of spaces inside it made one
 * ("ROSES REGENCY TEACUP AND SAUCER " -> "... SAUCER"), written over s;
 * *len becomes the new length (no NUL is added).  Returns 1 if anything
 * changed, else 0.
 */
int text_squeeze(char *s, size_t *len);

/*
 * s as searches compare it (malloc'd): ASCII letters in lower case, the
 * letters of Latin-1 and Latin Extended-A without their accents
 * ("García" -> "garcia", "Müller" -> "muller", "Łódź" -> "lodz"; ß -> ss,
 * æ -> ae, œ -> oe, þ -> th), combining accents (U+0300-U+036F, what an
 * NFD name carries) dropped, blanks made single spaces; every other
 * character as it is (Bengali, Gujarati, Greek ... are compared exactly).
 * A small table, no Unicode library: enough for Latin names.
 */
char *text_fold(const char *s);

/*
 * 1 when every word of query (folded already, words separated by
 * spaces) is in text_fold(s): "keller martin" matches "Martin Keller",
 * "garcia" matches "José García".  An empty query matches nothing.
 */
int text_fold_match(const char *s, const char *query);

/*
 * A short excerpt for error messages: sanitised, at most 40 columns, in
 * double quotes.  malloc'd, caller frees.
 */
char *text_excerpt(const char *s, size_t len);

/* Write s sanitised (no width limit) to f.  NULL writes nothing. */
void text_fputs(const char *s, FILE *f);

/*
 * The English name of a language code as talking points use it ("gu":
 * "Gujarati"), for the screen and the training notes; an unknown code is
 * its own name.  Not owned.
 */
const char *text_language_name(const char *code);

/* 1 if s[0..len) is entirely valid UTF-8, else 0 and *bad_at = offset. */
int text_valid_utf8(const char *s, size_t len, size_t *bad_at);

/*
 * Read the regular file path (at most max bytes: 64 KiB or 1 MiB, as the
 * message says) into *buf (malloc'd, NUL-terminated) and *len.  0, or -1
 * with *cause "PATH: reason".
 */
int text_read_file(const char *path, size_t max, char **buf, size_t *len,
    char **cause);

#endif
