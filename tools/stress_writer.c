/*
 * stress_writer — a counter without a screen, for tools/stress.sh: the
 * console's own session (model/session.h) on DB, serving random customers
 * with random items, the suggestions logged as the console logs them, and
 * each sale recorded.  Every offer and sale the session says is saved is
 * printed ("offer ID", "order ID") only after that, so that a kill -9 at
 * any moment can be checked against the file afterwards.
 *
 *     stress_writer DB SEED
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/civil.h"
#include "model/scorer.h"
#include "model/session.h"
#include "model/store.h"

int
main(int argc, char **argv)
{
	struct scorer_config cfg = scorer_default_config();
	struct session *ses;
	struct store *s;
	char *cause = NULL, *warning = NULL;
	int64_t order, t = civil_days(2026, 11, 23) * CIVIL_DAY + 12 * 3600;
	size_t i, k;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: stress_writer DB SEED\n");
		return 2;
	}
	srand((unsigned)atoi(argv[2]));
	if (store_open(&s, argv[1], 0, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	ses = session_new(s, "stress", argv[2], 0, t);
	if (session_open_sales(ses, &cfg, &warning, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	free(warning);
	for (;;) {
		if (session_pick_id(ses, 1 + rand() % 60, &cause) != 0) {
			free(cause);
			cause = NULL;
			session_walk_in(ses);
		}
		for (k = 0; k < 2; k++) {
			const struct item *it = &ses->cat.items[(size_t)rand() %
			    ses->cat.n];

			if (session_add_item(ses, it->id, 1) != 0)
				continue;      /* not saved: not reported */
			/* every suggestion on screen now has its durable row */
			for (i = 0; i < ses->nshown; i++)
				if (ses->shown[i].offer_id > 0)
					printf("offer %lld\n",
					    (long long)ses->shown[i].offer_id);
			fflush(stdout);
		}
		if (ses->nshown > 0 && rand() % 2 == 0)
			(void)session_accept(ses, 0);
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
