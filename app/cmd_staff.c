/*
 * cmd_staff.c — staff and sign-in: `uplift staff` (add, role, pin, list)
 * and app_authorize(), which every guarded path calls before it acts.
 *
 * Sign-in is in use once any clerk has a PIN; until then (a new shop, the
 * demo) every path is open, and the first `staff add NAME --role manager`
 * needs no sign-in.  Then a command names its clerk with the global
 * --as NAME and gives the PIN on the terminal (or in UPLIFT_PIN, for
 * scripts); the authz table (model/authz.h) decides; sign-ins, wrong
 * PINs, locks, refusals and staff changes go to the audit log.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/app.h"
#include "model/authz.h"
#include "model/civil.h"
#include "model/store.h"
#include "model/text.h"
#include "model/xalloc.h"

#define STAFF_USAGE "usage: uplift staff (list | add NAME --role ROLE | " \
	"role NAME ROLE | pin NAME) [--passphrase]"

static volatile sig_atomic_t pin_signal;

/* A signal at the PIN prompt: only noted (the prompt restores the
 * terminal, then lets the signal do what it would have done). */
static void
on_pin_signal(int sig)
{
	pin_signal = sig;
}

/*
 * A PIN from UPLIFT_PIN (var), else typed on the terminal unseen.  INT,
 * TERM, HUP and QUIT while it is typed end the read; the terminal gets
 * its echo back first, and then the signal takes its course as if it
 * had come a moment later.  malloc'd, or NULL.
 */
static char *
read_pin(const char *var, const char *prompt)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa, old[4];
	struct termios t, quiet;
	char buf[AUTHZ_PASS_MAX + 8];
	const char *e = getenv(var);
	FILE *tty;
	char *pin;
	size_t n, i;
	int have_t, got;

	if (e != NULL)
		return xstrdup(e);
	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return NULL;
	setvbuf(tty, NULL, _IONBF, 0);   /* no copy of the PIN in a buffer */
	/* no SA_RESTART: a signal ends the read */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_pin_signal;
	sigemptyset(&sa.sa_mask);
	pin_signal = 0;
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	fputs(prompt, tty);
	fflush(tty);
	have_t = tcgetattr(fileno(tty), &t) == 0;
	quiet = t;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	if (have_t)
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	if (pin_signal || fgets(buf, sizeof buf, tty) == NULL)
		buf[0] = '\0';
	if (have_t)
		tcsetattr(fileno(tty), TCSAFLUSH, &t);
	fputc('\n', tty);
	fclose(tty);
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	pin = pin_signal ? NULL : xstrdup(buf);
	{
		volatile char *v = buf;
		size_t k;

		for (k = 0; k < sizeof buf; k++)
			v[k] = '\0';
	}
	if ((got = pin_signal) != 0) {
		pin_signal = 0;
		raise(got);          /* the terminal is as it was */
	}
	return pin;
}

/* Zero a PIN and free it. */
static void
pin_wipe(char *pin)
{
	volatile char *v = pin;

	if (pin == NULL)
		return;
	while (*v != '\0')
		*v++ = '\0';
	free(pin);
}

/* The clerk's name, typed on the terminal; NULL without one. */
static char *
read_name(void)
{
	char buf[128];
	FILE *tty;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return NULL;
	fputs("uplift: sign in. Clerk: ", tty);
	fflush(tty);
	if (fgets(buf, sizeof buf, tty) == NULL)
		buf[0] = '\0';
	fclose(tty);
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf[0] != '\0' ? xstrdup(buf) : NULL;
}

static void
audit(struct store *s, int64_t clerk, const char *action,
    const char *subject)
{
	char *cause = NULL;

	/* the wall clock, never --at: the log says when it happened */
	if (store_audit_add(s, civil_now(), clerk, action, subject,
	    &cause) != 0) {
		app_error("%s", cause);
		free(cause);
	}
}

int
app_authorize(struct app *a, int action)
{
	struct clerk_rec c;
	struct store *s;
	char *cause = NULL, *pin = NULL, *who, t[24];
	int n, ok, failed, rc = -1;
	int64_t until;
	const char *path;

	if (a->signed_in)
		goto decide;
	/* no database yet: nothing to guard (the command will say so) */
	if ((path = app_db_path(a)) == NULL || access(path, F_OK) != 0)
		return 0;
	/* sign-in rows carry the computer's clock: --at does not matter */
	if ((s = app_open_store_wall(a)) == NULL)
		return -1;
	if ((n = store_clerks_with_pin(s, &cause)) <= 0) {
		if (n < 0) {
			app_error("%s", cause);
			free(cause);
		}
		store_close(&s);
		return n == 0 ? 0 : -1;     /* sign-in not in use yet */
	}
	if (a->as == NULL)
		a->as = read_name();      /* sign-in at the start */
	if (a->as == NULL || a->as[0] == '\0') {
		app_error("sign in to %s: uplift --as NAME ... (the PIN is "
		    "asked for)", authz_action_name(action));
		store_close(&s);
		return -1;
	}
	who = text_cleans(a->as, 40);
	if ((n = store_clerk_get(s, a->as, &c, &cause)) != 1) {
		if (n == 0)
			app_error("no clerk %s", who);
		else
			app_error("%s", cause);
		free(cause);
		free(who);
		store_close(&s);
		return -1;
	}
	/* locked already: said before the PIN is asked for (and checked
	 * again below, where it counts) */
	if (c.locked_until > civil_now()) {
		until = c.locked_until;
		goto locked;
	}
	/* asked before anything is counted: no PIN is not a wrong one */
	if ((pin = read_pin("UPLIFT_PIN", "PIN: ")) == NULL) {
		app_error("%s's PIN is asked for on the terminal, and there is "
		    "none (UPLIFT_PIN gives it to a script)", who);
		goto out;
	}
	/* counted before it is checked, so that attempts made at once are
	 * all counted (the wall clock: --at cannot end a lock) */
	n = store_clerk_try(s, c.id, civil_now(), AUTHZ_MAX_FAILED,
	    AUTHZ_LOCK_SECONDS, &failed, &until, &cause);
	if (n < 0) {
		app_error("%s (not signed in)", cause);
		free(cause);
		cause = NULL;
		goto out;
	}
	if (n == 0)
		goto locked;
	ok = authz_pin_matches(pin, c.pin_hash);
	pin_wipe(pin);
	pin = NULL;
	if (!ok) {
		audit(s, c.id, "failed-pin", NULL);
		if (until) {
			audit(s, c.id, "lock", NULL);
			app_error("wrong PIN: %s is locked for %d minutes", who,
			    AUTHZ_LOCK_SECONDS / 60);
		} else
			app_error("wrong PIN for %s (%d of %d)", who, failed,
			    AUTHZ_MAX_FAILED);
		goto out;
	}
	/* a role changed behind uplift's back does not count */
	if ((n = store_clerk_role_audited(s, c.name, c.role, &cause)) != 1) {
		if (n < 0)
			app_error("%s (not signed in)", cause);
		else {
			app_error("%s's role is not the one the audit log gave "
			    "them: it was changed outside uplift; a manager sets "
			    "it again with uplift staff role (uplift check "
			    "tells more)", who);
			audit(s, c.id, "role-mismatch", NULL);
		}
		free(cause);
		cause = NULL;
		goto out;
	}
	if (store_clerk_signed_in(s, c.id, civil_now(), until, &cause) != 0) {
		app_error("%s (not signed in%s)", cause, until ? ", and "
		    "locked for a while: this was the fifth try" : "");
		free(cause);
		cause = NULL;
		goto out;
	}
	audit(s, c.id, "sign-in", NULL);
	a->signed_in = 1;
	a->clerk_id = c.id;
	a->role = c.role;
	rc = 0;
	goto out;
locked:
	civil_format_time(until, t, sizeof t);
	app_error("%s is locked until %s after %d wrong PINs", who, t,
	    AUTHZ_MAX_FAILED);
	audit(s, c.id, "locked-out", authz_action_name(action));
out:
	pin_wipe(pin);
	free(who);
	clerk_rec_clear(&c);
	store_close(&s);
	if (rc != 0)
		return -1;
decide:
	if (!authz_allows(a->role, action)) {
		if (action == ACT_SELL && a->role == CLERK_TRAINEE)
			app_error("a trainee works in training: uplift train "
			    "SCENARIO");
		else
			app_error("a %s may not %s", authz_role_name(a->role),
			    authz_action_name(action));
		if ((s = app_open_store_wall(a)) != NULL) {
			audit(s, a->clerk_id, "denied",
			    authz_action_name(action));
			store_close(&s);
		}
		return -1;
	}
	return 0;
}

void
app_audit(struct app *a, const char *action, const char *subject)
{
	struct store *s;

	if ((s = app_open_store_wall(a)) == NULL)
		return;
	audit(s, a->clerk_id, action, subject);
	store_close(&s);
}

int
cmd_staff(struct app *a, int argc, char **argv)
{
	struct clerk_rec c;
	struct store *s;
	char *cause = NULL, *pin = NULL, *again = NULL, *hash = NULL, *name;
	const char *why, *rs = NULL, *word;
	int role = -1, rc, n, pass = 0, i, j;

	memset(&c, 0, sizeof c);
	/* --passphrase, anywhere after the subcommand */
	for (i = j = 1; i < argc; i++)
		if (i > 1 && strcmp(argv[i], "--passphrase") == 0)
			pass = 1;
		else
			argv[j++] = argv[i];
	argc = j;
	word = pass ? "passphrase" : "PIN";
	if (argc < 2) {
		app_error(STAFF_USAGE);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "list") == 0 && argc == 2 && !pass) {
		/* handled below */
	} else if (strcmp(argv[1], "add") == 0 && argc == 5 &&
	    strcmp(argv[3], "--role") == 0)
		rs = argv[4];
	else if (strcmp(argv[1], "role") == 0 && argc == 4)
		rs = argv[3];
	else if (!(strcmp(argv[1], "pin") == 0 && argc == 3)) {
		app_error(STAFF_USAGE);
		return EXIT_USAGE;
	}
	if (rs != NULL && (role = authz_role_parse(rs)) < 0) {
		app_error("no role %s (trainee, clerk, manager)", rs);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "add") == 0 && authz_name_ok(argv[2], &why) != 0) {
		char *w = text_cleans(argv[2], 40);

		app_error("%s: %s", w, why);
		free(w);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "list") != 0 &&
	    app_refuse_pretend(a, "staff") != 0)
		return EXIT_USAGE;
	if (app_authorize(a, ACT_CONFIG) != 0)
		return EXIT_FAIL;
	if ((s = app_open_store(a, 1)) == NULL)
		return EXIT_FAIL;
	if (strcmp(argv[1], "list") == 0) {
		struct clerk_rec *l;
		size_t k, nl;
		char t[24];

		if ((rc = store_clerks(s, &l, &nl, &cause)) == 0) {
			printf("name\trole\tpin\tlocked_until\n");
			for (k = 0; k < nl; k++) {
				text_fputs(l[k].name, stdout);
				t[0] = '\0';
				if (l[k].locked_until > civil_now())
					civil_format_time(l[k].locked_until, t,
					    sizeof t);
				printf("\t%s\t%s\t%s\n",
				    authz_role_name(l[k].role),
				    l[k].pin_hash != NULL ? "yes" : "no", t);
			}
			for (k = 0; k < nl; k++)
				clerk_rec_clear(&l[k]);
			free(l);
		}
		goto done;
	}
	name = argv[2];
	if ((n = store_clerk_get(s, name, &c, &cause)) < 0) {
		rc = -1;
		goto done;
	}
	if (strcmp(argv[1], "role") == 0 || strcmp(argv[1], "pin") == 0) {
		if (n == 0) {
			char *w = text_cleans(name, 40);
			cause = xasprintf("no clerk %s", w);
			free(w);
			rc = -1;
			goto done;
		}
		if (role < 0)
			role = c.role;
	}
	/* a new PIN or passphrase: for add and pin, and for a clerk who
	 * becomes a manager (a manager's PIN is longer) */
	if (strcmp(argv[1], "role") != 0 || pass || (role == CLERK_MANAGER &&
	    c.role != CLERK_MANAGER && c.pin_hash != NULL)) {
		char *p1 = xasprintf("New %s: ", word);

		pin = read_pin("UPLIFT_NEW_PIN", p1);
		free(p1);
		again = getenv("UPLIFT_NEW_PIN") != NULL ? xstrdup(pin) :
		    read_pin("UPLIFT_NEW_PIN", "Again: ");
		if (pin == NULL || again == NULL || strcmp(pin, again) != 0) {
			cause = xasprintf("the %ss differ, or none was given%s",
			    word, strcmp(argv[1], "role") == 0 ? " (a manager "
			    "needs a new one of 6 digits or more)" : "");
			rc = -1;
			goto done;
		}
		if ((pass ? authz_passphrase_ok(pin, &why) :
		    authz_pin_ok(pin, role, &why)) != 0) {
			cause = xstrdup(why);
			rc = -1;
			goto done;
		}
		if ((hash = authz_pin_hash(pin)) == NULL) {
			cause = xasprintf("cannot hash the %s: %s", word,
			    strerror(errno));
			rc = -1;
			goto done;
		}
	}
	if ((rc = store_clerk_put(s, name, role, hash, &cause)) >= 0) {
		char *w = text_cleans(name, 40);
		char *subject = xasprintf("%s: %s", name,
		    authz_role_name(role));

		audit(s, a->clerk_id, strcmp(argv[1], "pin") == 0 ?
		    "pin-change" : strcmp(argv[1], "add") == 0 ? "staff-add" :
		    "role-change", subject);
		free(subject);
		printf("%s: %s%s%s%s\n", w, authz_role_name(role), hash !=
		    NULL ? ", " : "", hash != NULL ? word : "", hash != NULL ?
		    " set" : "");
		free(w);
		rc = 0;
	}
done:
	clerk_rec_clear(&c);
	pin_wipe(pin);
	pin_wipe(again);
	free(hash);
	store_close(&s);
	if (rc != 0) {
		app_error("%s", cause != NULL ? cause : "failed");
		free(cause);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
