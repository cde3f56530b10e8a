/*
 * stress_writer — a counter without a screen, for tools/stress.sh: the
 * console's own session (model/session.h) on DB, serving random customers
 * with random items, the suggestions logged as the console logs them, and
 * each sale recorded.  Every offer and sale the session says is saved is
 * printed ("offer ID", "order ID") only after that, and every offer kept
 * in its journal because the disk refused it ("kept KEY") only once the
 * journal has it on disk, so that a kill -9 at any moment — or a full
 * disk, then a kill — can be checked against the file afterwards.  Like
 * the console, it first replays the journals of counters that are gone.
 *
 *     stress_writer DB SEED       serve customers until killed
 *     stress_writer DB --replay   only replay the journals, then exit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/journal.h"
#include "model/scorer.h"
#include "model/session.h"
#include "model/store.h"

/* Print the keys of the offers the journal holds (again: sort -u). */
static void
report_kept(const struct session *ses)
{
	size_t i;

	for (i = 0; i < ses->npending; i++)
		if (ses->pending[i].journaled && ses->pending[i].reason_of == 0)
			printf("kept %s\n", ses->pending[i].jkey);
}

int
main(int argc, char **argv)
{
	struct scorer_config cfg = scorer_default_config();
	struct session *ses;
	struct journal *j = NULL;
	struct store *s;
	char *cause = NULL, *warning = NULL;
	int64_t order, t = civil_days(2026, 11, 23) * CIVIL_DAY + 12 * 3600;
	size_t i, k, rows, files;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: stress_writer DB (SEED | --replay)\n");
		return 2;
	}
	if (store_open(&s, argv[1], 0, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	if (journal_replay(s, argv[1], &rows, &files, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		cause = NULL;
		if (strcmp(argv[2], "--replay") == 0)
			return 1;
	} else if (rows > 0)
		printf("replayed %zu\n", rows);
	fflush(stdout);
	if (strcmp(argv[2], "--replay") == 0) {
		store_close(&s);
		return 0;
	}
	srand((unsigned)strtoul(argv[2], NULL, 10));
	ses = session_new(s, "stress", argv[2], 0, t);
	if (session_open_sales(ses, &cfg, &warning, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	free(warning);
	/* no journal (the disk is full already): run without one; what
	 * fails to save is then not reported */
	if (journal_open(&j, argv[1], &cause) != 0) {
		free(cause);
		cause = NULL;
	}
	session_set_journal(ses, j);
	for (;;) {
		if (session_pick_id(ses, 1 + rand() % 60, &cause) != 0) {
			free(cause);
			cause = NULL;
			session_walk_in(ses);
		}
		for (k = 0; k < 2; k++) {
			const struct item *it = &ses->cat.items[(size_t)rand() %
			    ses->cat.n];

			rc = session_add_item(ses, it->id, 1);
			/* every suggestion on screen with its durable row */
			for (i = 0; i < ses->nshown; i++)
				if (ses->shown[i].offer_id > 0)
					printf("offer %lld\n",
					    (long long)ses->shown[i].offer_id);
			if (rc > 0)
				report_kept(ses);
			fflush(stdout);
		}
		if (ses->nshown > 0 && rand() % 2 == 0 &&
		    session_accept(ses, 0) > 0) {
			report_kept(ses);
			fflush(stdout);
		}
		if (ses->npending > 0)
			session_retry(ses);
		rc = session_finish(ses, &order, &cause);
		if (rc == 0) {
			printf("order %lld\n", (long long)order);
			fflush(stdout);
		} else {
			free(cause);
			cause = NULL;
		}
	}
}
