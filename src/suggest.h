/* suggest.h -- "did you mean" for misspelled names */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_SUGGEST_H
#define NEWSCLEAN_SUGGEST_H

#include <stddef.h>

/*
 * The candidate (from a NULL-terminated list) closest to word[0..n) by
 * Damerau-Levenshtein distance, if it is close enough to be a likely typo;
 * else NULL.
 */
const char *suggest(const char *word, size_t n, const char *const *cands);

#endif
