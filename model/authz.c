/*
 * authz.c — roles × actions, and PIN hashes (model/authz.h).
 */
#include "model/authz.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "model/xalloc.h"

/* The one table.  Trainees only train; clerks sell and train; managers
 * also see reports, reveal, import, export, erase and configure. */
static const unsigned char allowed[3][ACT_COUNT] = {
	/*            sell train report reveal import export erase config */
	/* trainee */ { 0,   1,    0,     0,     0,     0,     0,    0 },
	/* clerk   */ { 1,   1,    0,     0,     0,     0,     0,    0 },
	/* manager */ { 1,   1,    1,     1,     1,     1,     1,    1 },
};

static const char *const actions[ACT_COUNT] = { "sell", "train", "report",
	"reveal", "import", "export", "erase", "config" };
static const char *const roles[3] = { "trainee", "clerk", "manager" };

int
authz_allows(int role, int action)
{
	if (role < 0 || role > 2 || action < 0 || action >= ACT_COUNT)
		return 0;
	return allowed[role][action];
}

const char *
authz_action_name(int action)
{
	return action >= 0 && action < ACT_COUNT ? actions[action] : "?";
}

const char *
authz_role_name(int role)
{
	return role >= 0 && role <= 2 ? roles[role] : "?";
}

int
authz_role_parse(const char *s)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(s, roles[i]) == 0)
			return i;
	return -1;
}

int
authz_name_ok(const char *name, const char **why)
{
	size_t len = strlen(name), i, n, bad;
	uint32_t cp;
	int w;

	if (len == 0) {
		*why = "a name must not be empty";
		return -1;
	}
	if (len > 4 * AUTHZ_NAME_COLS || !text_valid_utf8(name, len, &bad)) {
		*why = len > 4 * AUTHZ_NAME_COLS ? "a name is at most 40 "
		    "columns" : "a name must be valid UTF-8";
		return -1;
	}
	for (i = 0; i < len; i += n) {
		n = text_decode(name + i, len - i, &cp);
		if (text_is_unsafe(cp)) {
			*why = "a name must not hold control, bidi or "
			    "formatting characters";
			return -1;
		}
	}
	if (name[0] == ' ' || name[len - 1] == ' ') {
		*why = "a name must not start or end with a space";
		return -1;
	}
	w = text_width(name);
	if (w < 1 || w > AUTHZ_NAME_COLS) {
		*why = w < 1 ? "a name must show at least one character" :
		    "a name is at most 40 columns";
		return -1;
	}
	return 0;
}

int
authz_pin_ok(const char *pin, int role, const char **why)
{
	size_t n = strlen(pin), i;
	size_t min = role == 2 ? AUTHZ_PIN_MIN_MANAGER :    /* manager */
	    AUTHZ_PIN_MIN;

	for (i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9') {
			*why = "a PIN is digits only (or use --passphrase)";
			return -1;
		}
	if (n < min || n > 12) {
		*why = role == 2 ? "a manager's PIN is 6 to 12 "
		    "digits (or use --passphrase)" : "a PIN is 4 to 12 digits";
		return -1;
	}
	return 0;
}

int
authz_passphrase_ok(const char *pass, const char **why)
{
	size_t n = strlen(pass), i, k, bad;
	int digits = 1;
	uint32_t cp;

	if (n < AUTHZ_PASS_MIN || n > AUTHZ_PASS_MAX) {
		*why = "a passphrase is 12 to 128 bytes";
		return -1;
	}
	if (!text_valid_utf8(pass, n, &bad)) {
		*why = "a passphrase must be valid UTF-8";
		return -1;
	}
	for (i = 0; i < n; i += k) {
		k = text_decode(pass + i, n - i, &cp);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
			*why = "a passphrase must not hold control characters";
			return -1;
		}
		if (cp < '0' || cp > '9')
			digits = 0;
	}
	if (digits) {
		*why = "a passphrase is more than digits (that is a PIN)";
		return -1;
	}
	return 0;
}

char *
authz_pin_hash(const char *pin)
{
	char *salt, *h, *out = NULL;
	void *data = NULL;
	int size = 0;

	if ((salt = crypt_gensalt_ra("$y$", 0, NULL, 0)) == NULL)
		return NULL;
	h = crypt_ra(pin, salt, &data, &size);
	if (h != NULL && h[0] == '$')
		out = xstrdup(h);
	free(salt);
	free(data);
	return out;
}

int
authz_pin_matches(const char *pin, const char *hash)
{
	void *data = NULL;
	int size = 0, diff = 0;
	size_t n, i;
	char *h;

	if (hash == NULL || hash[0] != '$')
		return 0;
	h = crypt_ra(pin, hash, &data, &size);
	if (h == NULL || (n = strlen(hash)) != strlen(h)) {
		free(data);
		return 0;
	}
	for (i = 0; i < n; i++)
		diff |= h[i] ^ hash[i];
	free(data);
	return diff == 0;
}
