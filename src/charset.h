/* charset.h -- --from-code=auto: the charset of a file, from a sample of its start */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_CHARSET_H
#define NEWSCLEAN_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

/* The sample read from the start of each file (see newsclean(1)). */
enum { CHARSET_SAMPLE = 64 << 10, CHARSET_NAME_MAX = 64 };

/* Whether name asks for detection ("auto", in any case). */
bool charset_is_auto(const char *name);
/* NULL when detection works (uchardet is there), else why not. */
const char *charset_cannot_detect(void);
/*
 * The charset of a text that starts with p[0..n) (all of it when eof),
 * as an iconv name, into name (CHARSET_NAME_MAX bytes): UTF-32 or UTF-16
 * for their byte-order marks, UTF-8 for a UTF-8 byte-order mark or valid
 * UTF-8 (ASCII included), else what uchardet finds, else WINDOWS-1252.
 * *how says why: "byte-order mark", "valid UTF-8", "uchardet" or
 * "fallback".
 */
void charset_detect(const char *p, size_t n, bool eof, char *name, const char **how);
/* Whether p[0..n) is valid UTF-8, but for a sequence cut by its end when !eof. */
bool charset_is_utf8(const char *p, size_t n, bool eof);
/* charset_detect() without the byte-order marks: "valid UTF-8", "uchardet" or "fallback". */
void charset_guess(const char *p, size_t n, bool eof, char *name, const char **how);

#endif
