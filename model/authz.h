/*
 * authz — who may do what (reliability.md rule 10): one table of roles ×
 * actions, checked on every path (console and command line alike), and
 * the PINs staff sign in with.  Plain C: no store, no curses.
 *
 * A PIN is kept as a crypt(3) yescrypt hash, never as given.  Five wrong
 * PINs in a row lock that clerk for five minutes.
 */
#ifndef UPLIFT_AUTHZ_H
#define UPLIFT_AUTHZ_H

#include <stdint.h>

enum authz_action {
	ACT_SELL = 0,     /* the counter or the desk, for real          */
	ACT_TRAIN,        /* uplift train                               */
	ACT_REPORT,       /* uplift report, the report screen           */
	ACT_REVEAL,       /* a customer's full phone or email           */
	ACT_IMPORT,       /* uplift import, import-scripts, rebuild     */
	ACT_EXPORT,       /* export-customer                            */
	ACT_ERASE,        /* erase-customer                             */
	ACT_CONFIG,       /* change the configuration or staff          */
	ACT_COUNT
};

#define AUTHZ_MAX_FAILED 5
#define AUTHZ_LOCK_SECONDS (5 * 60)

/* 1 if role (enum clerk_role: trainee 0, clerk 1, manager 2) may do
 * action, else 0.  Unknown roles and actions may do nothing. */
int authz_allows(int role, int action);

/* "sell", "train" ...; "trainee", "clerk", "manager". */
const char *authz_action_name(int action);
const char *authz_role_name(int role);

/* The role named s, or -1. */
int authz_role_parse(const char *s);

/* The widest a clerk's name may be, in display columns. */
#define AUTHZ_NAME_COLS 40

/*
 * A clerk's name: valid UTF-8, 1 to AUTHZ_NAME_COLS display columns, no
 * control, bidi or format character (text_is_unsafe), no blank at either
 * end — so that it shows as typed and can be typed to sign in.  0, or -1
 * with a static *why.
 */
int authz_name_ok(const char *name, const char **why);

/* The shortest PIN of a manager, and of the other roles. */
#define AUTHZ_PIN_MIN_MANAGER 6
#define AUTHZ_PIN_MIN 4
/* A passphrase instead of a PIN: this many bytes at least, at most. */
#define AUTHZ_PASS_MIN 12
#define AUTHZ_PASS_MAX 128

/*
 * A PIN for role (enum clerk_role) is digits only: 4 to 12 of them, 6 to
 * 12 for a manager (a 4-digit PIN falls to an offline search of its hash
 * in about a minute; 6 digits take a hundred times longer, a passphrase
 * far longer).  0, or -1 with a static *why.
 */
int authz_pin_ok(const char *pin, int role, const char **why);

/*
 * A passphrase (staff --passphrase): AUTHZ_PASS_MIN to AUTHZ_PASS_MAX
 * bytes of valid UTF-8 without control characters, not all digits, any
 * role.  Signed in with like a PIN.  0, or -1 with a static *why.
 */
int authz_passphrase_ok(const char *pass, const char **why);

/* The yescrypt hash of pin (malloc'd), or NULL when crypt fails. */
char *authz_pin_hash(const char *pin);

/* 1 if pin matches hash, else 0 (compared in constant time). */
int authz_pin_matches(const char *pin, const char *hash);

#endif
