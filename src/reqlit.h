/* reqlit.h -- a literal that every match of a regular expression contains */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_REQLIT_H
#define NEWSCLEAN_REQLIT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A run of ASCII characters that every match of a PCRE2 pattern holds, so
 * that a line without it is never given to the regex engine.  Found by
 * reading the pattern's top-level sequence, conservatively: a pattern it
 * is not sure of (alternation at the top, \Q, (*VERB)s, extended mode,
 * escapes it does not know) has none.  Groups, classes, '.', optional
 * characters and assertions only end a run.
 */
enum { REQLIT_MAX = 32 };

struct reqlit {
	size_t len;          /* 0: none */
	bool caseless;       /* compare ASCII letters without case */
	char s[REQLIT_MAX];  /* lowercase when caseless */
};

/* The longest required run of pat[0..n), if one of at least 3 bytes. */
void reqlit_find(struct reqlit *lit, const char *pat, size_t n, bool caseless, bool extended);

/* Whether a and b are the same literal. */
bool reqlit_equal(const struct reqlit *a, const struct reqlit *b);

/* The first place of the literal in p[0..n), SIZE_MAX if none (0, when
 * there is no literal). */
size_t reqlit_at(const struct reqlit *lit, const char *p, size_t n);

#endif
