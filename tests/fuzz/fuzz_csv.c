/*
 * fuzz_csv — libFuzzer target for the CSV reader (model/csv.h), plain and
 * gzip.  The input is written to a private file and read to the end with
 * small limits; the reader's promises are checked (abort() on a broken
 * one): it ends with 0 or with -1 and a message naming the file and a
 * line; a record has 1..max_fields fields, each NUL-terminated and no
 * longer than max_field; the line numbers never go back; after an error
 * it stays finished.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char path[64];

static void
remove_file(void)
{
	unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof path, "/tmp/fuzz_csv.%ld.csv", (long)getpid());
	atexit(remove_file);
	return 0;
}

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_limits lim = csv_default_limits();
	struct csv *c = NULL;
	char *cause = NULL;
	FILE *f;
	long last = 0;
	size_t i, n, len;
	int r, delim;

	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	lim.max_field = 256;
	lim.max_record = 2048;
	lim.max_fields = 32;
	lim.max_records = 1000;
	delim = size > 0 && data[0] == ';' ? ';' : ',';
	if (csv_open(&c, path, (char)delim, &lim, &cause) != 0) {
		CHECK(cause != NULL && strstr(cause, "fuzz_csv") != NULL);
		free(cause);
		return 0;
	}
	while ((r = csv_next(c, &cause)) == 1) {
		n = csv_nfields(c);
		CHECK(n >= 1 && n <= lim.max_fields);
		for (i = 0; i < n; i++) {
			const char *fld = csv_field(c, i, &len);
			CHECK(fld != NULL && strlen(fld) == len);
			CHECK(len <= lim.max_field);
		}
		CHECK(csv_line(c) >= last);
		last = csv_line(c);
		free(csv_error(c, 0, "probe"));
	}
	if (r < 0) {
		CHECK(cause != NULL && strstr(cause, "fuzz_csv") != NULL);
		free(cause);
		cause = NULL;
		CHECK(csv_next(c, &cause) == -1);
		free(cause);
	}
	csv_close(&c);
	return 0;
}
