/*
 * fuzz_config — libFuzzer target for the configuration wrapper
 * (app/config.h, over iniparser 4.1).  The input is written to a private
 * 0600 file and loaded; the promises are checked (abort() on a broken
 * one): either a config comes back with every value in its range, or a
 * message naming the file; iniparser's own crash (CVE-2023-33461) must
 * not be reachable.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/config.h"

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
	snprintf(path, sizeof path, "/tmp/fuzz_config.%ld.ini", (long)getpid());
	atexit(remove_file);
	return 0;
}

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *c = NULL;
	char *cause = NULL;
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	chmod(path, 0600);
	if (config_load(&c, path, 1, &cause) != 0) {
		CHECK(c == NULL && cause != NULL &&
		    strstr(cause, "fuzz_config") != NULL);
		free(cause);
		return 0;
	}
	CHECK(c != NULL && cause == NULL);
	CHECK(c->max_suggestions >= 1 && c->max_suggestions <= 10);
	CHECK(c->upgrade_cap_percent >= 0 && c->upgrade_cap_percent <= 500);
	CHECK(c->hotel_cap_percent >= 0 && c->hotel_cap_percent <= 500);
	CHECK(c->min_cols >= 40 && c->min_rows >= 12);
	CHECK(c->idle_lock_seconds >= 0 && c->idle_lock_seconds <= 86400);
	CHECK(c->key_find != NULL && strlen(c->key_find) == 1);
	/* not given: NULL (the application names the shop after its file) */
	CHECK(c->shop_name == NULL || c->shop_name[0] != '\0');
	config_free(&c);
	return 0;
}
