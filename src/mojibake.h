/* mojibake.h -- repair of UTF-8 that was misread as windows-1252, latin-1 or windows-1251 */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_MOJIBAKE_H
#define NEWSCLEAN_MOJIBAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * The stage between decoding and normalization (--mojibake=fix).  It
 * works on one line of valid UTF-8 without its line end: only the runs
 * that begin with a character that a misread UTF-8 lead byte gives
 * (U+00C2-U+00F4 in windows-1252 and latin-1, U+0412-U+0444 in
 * windows-1251) are looked at, so ASCII text and most
 * other text cost one block scan.  A run is encoded back through the
 * charset (small static tables), the bytes must be well-formed UTF-8
 * (CESU-8 surrogate pairs included), and the result is kept only when it
 * is clearly better text: see mojibake.c for the rules.  Up to three
 * passes undo text that was misread more than once.
 *
 * mojibake_fix() returns a view: the input itself when nothing changed,
 * else one of the struct's buffers, valid until the next call.
 */
struct mojibake_repair;

struct mojibake {
	struct buf a, b;            /* the passes' outputs, in turn */
	struct buf bytes;           /* decoded text of the repairs of a pass */
	struct mojibake_repair *rep;
	size_t n_rep, cap_rep;
};

void mojibake_init(struct mojibake *m);
void mojibake_fini(struct mojibake *m);
/* True when the line was changed; the line is *out[0..*outlen). */
bool mojibake_fix(struct mojibake *m, const char *p, size_t n,
		  const char **out, size_t *outlen);
/*
 * The byte that cp has in windows-1252 (sloppy: the five undefined bytes
 * stand for the C1 controls of the same value, and so does latin-1's C1
 * range), or -1; for windows-1251 when cyr (its undefined 0x98 likewise).
 * For the unit tests.
 */
int mojibake_encode(int32_t cp, bool cyr);

#endif
