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

#endif
