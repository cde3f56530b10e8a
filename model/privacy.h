/*
 * privacy — masking of personal data for display (reliability.md rule 9):
 * a phone shows its last 4 digits, an email its first letter and domain.
 */
#ifndef UPLIFT_PRIVACY_H
#define UPLIFT_PRIVACY_H

/* "…0590" for "+44 7700 900590"; "" for NULL.  malloc'd. */
char *privacy_mask_phone(const char *phone);

/* "a…@example.org" for "anika@example.org"; "" for NULL.  malloc'd. */
char *privacy_mask_email(const char *email);

/* What personal data a key looks like (privacy_looks_personal). */
enum privacy_kind { PRIVACY_NONE = 0, PRIVACY_EMAIL, PRIVACY_PHONE };

/*
 * Whether s (a customer id as some export has it) is an email address
 * (text, '@', text with a dot) or a phone number (7 or more digits, and
 * nothing but digits, blanks and + - . ( )).  enum privacy_kind.
 */
int privacy_looks_personal(const char *s);

/*
 * s as it is hashed: an email address trimmed and lower-cased, a phone
 * number its digits, anything else trimmed.  malloc'd.
 */
char *privacy_normal(const char *s);

#endif
