/* casefold.h -- Unicode simple case folding of code points and strings */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_CASEFOLD_H
#define NEWSCLEAN_CASEFOLD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

int32_t casefold_cp(int32_t cp);
/*
 * Calls fn(cp, ctx) for every code point above U+007F whose folding is
 * one of to[0..n) (sorted), in the order of cp.
 */
void casefold_preimages(const int32_t *to, size_t n, void (*fn)(int32_t cp, void *ctx),
			void *ctx);

/*
 * Appends the simple case folding of valid UTF-8 p[0..n) to out.  When map
 * is not NULL, map->p receives, for every byte written, the offset in p of
 * the code point it came from (as size_t values; map->len counts bytes).
 */
void casefold_append(struct buf *out, const char *p, size_t n, struct buf *map);

#endif
