/*
 * chain_seller — a till or a front desk without a screen, for the chain's
 * tests (tests/chain.sh, tools/chain-bench.sh): the console's own session
 * (model/session.h) or desk (model/desk.h) on DB, selling as the console
 * sells, while uplift sync runs beside it.
 *
 *     chain_seller DB shop SEED COUNT [STOPFILE]
 *         COUNT sales (0: no limit): a customer (or a walk-in), one to
 *         three items, each suggestion accepted, declined (half of them
 *         with a reason, given after the decline was saved, as the
 *         console does) or left; now and then a new customer registered
 *         at the till and an audit row.
 *     chain_seller DB hotel SEED COUNT [STOPFILE]
 *         COUNT answers at the desk of the first hotel: the day's
 *         arrivals, an upgrade accepted or declined (with a reason), an
 *         add-on sold.
 *
 * Stops after COUNT, or when STOPFILE exists.  What it saved is printed
 * only after the save ("order ID", "offer ID", "addon", "customer ID"), so
 * that the tests can count it against the file.  Exit 0, or 1 on a
 * failure that is not a refusal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/civil.h"
#include "model/desk.h"
#include "model/scorer.h"
#include "model/session.h"
#include "model/store.h"
#include "model/store_customers.h"
#include "model/store_hotel.h"
#include "model/store_privacy.h"

static int
stopped(const char *stopfile)
{
	return stopfile != NULL && access(stopfile, F_OK) == 0;
}

static int
new_customer(struct store *s, const char *seed, long n)
{
	struct customer c;
	char code[64], name[64], loyalty[64];
	char *cause = NULL;
	int64_t id;

	memset(&c, 0, sizeof c);
	snprintf(code, sizeof code, "N%s-%ld", seed, n);
	snprintf(name, sizeof name, "New Customer %s %ld", seed, n);
	snprintf(loyalty, sizeof loyalty, "L-%s-%ld", seed, n);
	c.code = code;
	c.name = name;
	c.loyalty = loyalty;
	if (store_begin(s, &cause) != 0 ||
	    store_customer_put(s, &c, &id, &cause) != 0 ||
	    store_audit_add(s, civil_now(), 0, "register", "customer",
	    &cause) != 0 || store_commit(s, &cause) != 0) {
		store_rollback(s);
		fprintf(stderr, "chain_seller: %s\n", cause);
		free(cause);
		return -1;
	}
	printf("customer %lld\n", (long long)id);
	return 0;
}

static int
shop(struct store *s, const char *seed, long count, const char *stopfile)
{
	struct scorer_config cfg = scorer_default_config();
	struct session *ses;
	char *cause = NULL, *warning = NULL;
	int64_t order, offer, t = civil_days(2026, 11, 23) * CIVIL_DAY +
	    9 * 3600;
	long sales = 0, k;
	size_t i;

	ses = session_new(s, "chain", seed, 0, t);
	if (session_open_sales(ses, &cfg, &warning, &cause) != 0) {
		fprintf(stderr, "chain_seller: %s\n", cause);
		return 1;
	}
	free(warning);
	while ((count == 0 || sales < count) && !stopped(stopfile)) {
		if (rand() % 10 == 0 && new_customer(s, seed, sales) != 0)
			return 1;
		if (rand() % 4 == 0 ||
		    session_pick_id(ses, 1 + rand() % 80, &cause) != 0) {
			free(cause);
			cause = NULL;
			session_walk_in(ses);
		}
		for (k = 1 + rand() % 3; k > 0; k--) {
			const struct item *it = &ses->cat.items[(size_t)rand() %
			    ses->cat.n];

			(void)session_add_item(ses, it->id, 1 + rand() % 2);
		}
		for (i = 0; i < ses->nshown; i++)
			if (ses->shown[i].offer_id > 0)
				printf("offer %lld\n",
				    (long long)ses->shown[i].offer_id);
		if (ses->nshown > 0) {
			switch (rand() % 3) {
			case 0:
				if (session_accept(ses, 0) == 0)
					printf("accepted\n");
				break;
			case 1:
				if (session_decline(ses, 0, &offer) == 0 &&
				    offer > 0) {
					printf("offer %lld\n", (long long)offer);
					if (rand() % 2 == 0 &&
					    session_decline_reason(ses, offer,
					    1 + rand() % 5) == 0)
						printf("reason %lld\n",
						    (long long)offer);
				}
				break;
			default:
				break;
			}
			for (i = 0; i < ses->nshown; i++)
				if (ses->shown[i].offer_id > 0)
					printf("offer %lld\n",
					    (long long)ses->shown[i].offer_id);
		}
		if (!session_sale_open(ses)) {
			session_walk_in(ses);
			continue;
		}
		if (session_finish(ses, &order, &cause) == 0) {
			printf("order %lld\n", (long long)order);
			sales++;
		} else {
			free(cause);
			cause = NULL;
		}
		fflush(stdout);
		t += 60;
		session_set_now(ses, t);
	}
	session_free(&ses);
	return 0;
}

static int
hotel(struct store *s, const char *seed, long count, const char *stopfile)
{
	struct desk d;
	char *cause = NULL, *msg = NULL;
	int64_t hotel_id = 0, offer, day, first = civil_days(2026, 11, 10);
	long answers = 0, rounds = 0;
	size_t i, r;
	int rc;

	(void)seed;
	if (store_hotel_id(s, "Riverside Hotel", &hotel_id, &cause) != 1) {
		fprintf(stderr, "chain_seller: no Riverside Hotel\n");
		return 1;
	}
	memset(&d, 0, sizeof d);
	if (desk_open(&d, s, hotel_id, 25, &cause) != 0) {
		fprintf(stderr, "chain_seller: %s\n", cause);
		desk_close(&d);
		return 1;
	}
	d.counter = "front desk";
	desk_set_log_shown(&d, 1);      /* as the console: what it shows */
	for (day = first; (count == 0 || answers < count) &&
	    !stopped(stopfile); day++) {
		if (day > first + 60) {
			if (++rounds > 3)
				break;          /* nothing left to offer */
			day = first;
		}
		d.now = day * CIVIL_DAY + 15 * 3600;
		if (desk_arrivals(&d, day, &cause) != 0) {
			fprintf(stderr, "chain_seller: %s\n", cause);
			desk_close(&d);
			return 1;
		}
		for (r = 0; r < d.nrows && (count == 0 || answers < count); r++) {
			int64_t id = d.rows[r].id;

			if (desk_pick(&d, id, &cause) != 0) {
				free(cause);
				cause = NULL;
				continue;
			}
			if (d.noffers > 0) {
				if (rand() % 2 == 0)
					rc = desk_accept(&d, 0, &msg, &cause);
				else {
					rc = desk_decline(&d, 0, &offer, &msg,
					    &cause);
					if (rc == 0 && offer > 0 && rand() % 2 == 0 &&
					    desk_decline_reason(&d, offer,
					    1 + rand() % 5) == 0)
						printf("reason %lld\n",
						    (long long)offer);
				}
				if (rc == 0) {
					printf("answer\n");
					answers++;
				}
				free(msg);
				free(cause);
				msg = cause = NULL;
			}
			for (i = 0; i < d.naddons; i++)
				if (!d.addons[i].sold) {
					if (desk_add_addon(&d, i, &msg, &cause) == 0)
						printf("addon\n");
					free(msg);
					free(cause);
					msg = cause = NULL;
					break;
				}
			fflush(stdout);
			desk_leave(&d);
		}
	}
	desk_close(&d);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store *s;
	char *cause = NULL;
	long count;
	int rc;

	if (argc < 5 || argc > 6 || (strcmp(argv[2], "shop") != 0 &&
	    strcmp(argv[2], "hotel") != 0)) {
		fprintf(stderr, "usage: chain_seller DB shop|hotel SEED COUNT "
		    "[STOPFILE]\n");
		return 2;
	}
	srand((unsigned)strtoul(argv[3], NULL, 10));
	count = strtol(argv[4], NULL, 10);
	if (store_open(&s, argv[1], 0, &cause) != 0) {
		fprintf(stderr, "chain_seller: %s\n", cause);
		return 1;
	}
	rc = strcmp(argv[2], "shop") == 0 ? shop(s, argv[3], count,
	    argc == 6 ? argv[5] : NULL) : hotel(s, argv[3], count,
	    argc == 6 ? argv[5] : NULL);
	store_close(&s);
	return rc;
}
