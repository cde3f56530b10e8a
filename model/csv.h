/*
 * csv — a streaming RFC 4180 reader with hard limits (reliability.md rule 6).
 *
 * One record at a time; fields are NUL-terminated and valid until the next
 * csv_next() or csv_close().  Reads plain files and gzip files (detected by
 * their magic bytes, decompressed with zlib on the fly).  Only regular
 * files are accepted (a FIFO, directory, device or /dev/zero is refused
 * before reading; symlinks to regular files are followed).
 *
 * Accepted: a UTF-8 BOM (stripped), LF, CRLF and bare CR line ends (mixed),
 * quoted fields with the delimiter, doubled quotes and newlines inside.
 * Refused with a message: UTF-16/32 (by BOM or NUL pattern), invalid UTF-8,
 * NUL bytes, an unterminated quote, text after a closing quote, and any
 * limit exceeded.  Every message has the form
 *     FILE:LINE: column N: reason: "excerpt"
 * where LINE is the physical line on which the record starts (1-based),
 * N the 1-based field number, and the excerpt is sanitised (text.h).
 */
#ifndef UPLIFT_CSV_H
#define UPLIFT_CSV_H

#include <stddef.h>

struct csv;

struct csv_limits {
	size_t max_field;   /* bytes in one field            (default 65536)  */
	size_t max_record;  /* bytes in one record           (default 1 MiB)  */
	size_t max_fields;  /* fields in one record          (default 512)    */
	long   max_records; /* records in one file           (default 50e6)   */
};

/* The defaults above. */
struct csv_limits csv_default_limits(void);

/*
 * Open path for reading with the given delimiter (',' usually).  limits
 * may be NULL for the defaults.  Returns 0 and *out, or -1 and a malloc'd
 * *cause ("FILE: reason").  The caller owns *out and closes it.
 */
int csv_open(struct csv **out, const char *path, char delim,
    const struct csv_limits *limits, char **cause);

/*
 * Read the next record.  Returns 1 when a record is ready, 0 at end of
 * file, -1 on error with a malloc'd *cause (format above).  After an error
 * the reader is finished: further calls return -1 again.
 * An entirely empty physical line is a record with one empty field.
 */
int csv_next(struct csv *c, char **cause);

/* Number of fields in the current record. */
size_t csv_nfields(const struct csv *c);

/*
 * Field i (0-based) of the current record, NUL-terminated; *len (if not
 * NULL) gets its length in bytes.  Returns "" for i out of range.
 */
const char *csv_field(const struct csv *c, size_t i, size_t *len);

/* Physical line (1-based) on which the current record starts. */
long csv_line(const struct csv *c);

/* Number of records read so far (the current one included). */
long csv_records(const struct csv *c);

/* Bytes of the underlying file consumed so far (compressed bytes for gz),
 * and the file's total size; for progress bars. */
long long csv_offset(const struct csv *c);
long long csv_size(const struct csv *c);

/* The path given to csv_open(), as given. */
const char *csv_path(const struct csv *c);

/*
 * Format an error about the current record, field `col` (0-based, or -1 for
 * the record as a whole): "FILE:LINE: column N: reason: "excerpt"", with
 * the excerpt taken from that field (sanitised).  File name sanitised too.
 * Returns a malloc'd string.
 */
char *csv_error(const struct csv *c, int col, const char *reason);

/* As csv_error(), without the excerpt: for fields that hold personal data
 * (reliability.md rule 9: never in messages). */
char *csv_error_private(const struct csv *c, int col, const char *reason);

/* Close and free; *cp becomes NULL.  NULL-safe. */
void csv_close(struct csv **cp);

/* ---- writing (reliability.md rule 7) ------------------------------------ */

#include <stdio.h>

/*
 * Write s (NULL: empty) as one RFC 4180 field to f: quoted when it holds
 * a comma, quote, CR or LF (quotes doubled), and with a "'" before it when
 * it starts with = + - @ TAB or CR — or a full-width or small form of
 * = + - @ (U+FF1D U+FF0B U+FF0D U+FF20 U+FE66 U+FE62 U+FE63 U+FE6B) or
 * the minus sign U+2212 — so that no spreadsheet runs it as a formula.
 * A plain negative number ("-500", "-2.50") is left as it is: a
 * spreadsheet reads it as the number it is.  The bytes are written as
 * they are: a caller writing to a terminal sanitises first.
 */
void csv_put_field(FILE *f, const char *s);

/* Write n fields as one record, ending with CRLF. */
void csv_put_row(FILE *f, size_t n, const char *const *fields);

#endif
