/* utf8.h -- small UTF-8 helpers for text already known to be valid */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_UTF8_H
#define NEWSCLEAN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the sequence that starts with lead byte c (1 for ASCII). */
static inline size_t utf8_seqlen(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Decodes the code point at p (valid UTF-8); returns its byte length. */
static inline size_t utf8_decode(const char *p, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)p;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] < 0xF0) {
		*cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	*cp = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
	      ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	return 4;
}

/* Start of the code point that ends just before p (p > start). */
static inline const char *utf8_prev(const char *start, const char *p)
{
	do
		p--;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80);
	return p;
}

/*
 * A summary of the characters above U+007F in a text: one of 64 bits for
 * each, chosen by its first two bytes, ORed together.  Two texts whose
 * summaries share no bit share no such character; 0 is an ASCII text, and
 * UTF8_CHARS_UNKNOWN stands for a text not looked at.
 */
#define UTF8_CHARS_UNKNOWN UINT64_MAX

/* The bit of the character at s (s[0] >= 0xC0, a sequence of 2 or more). */
static inline uint64_t utf8_char_bit(const unsigned char *s)
{
	return 1ULL << ((((unsigned)s[0] << 8 | s[1]) * 2654435761u) >> 26);
}

/* The summary of p[0..n) (valid UTF-8). */
uint64_t utf8_chars(const char *p, size_t n);

/* Encodes cp into out (room for 4 bytes); returns the length. */
size_t utf8_encode(char *out, int32_t cp);

size_t utf8_seq_slow(const char *p, size_t left, size_t *bad, bool *truncated);

/*
 * The length of the well-formed sequence at p[0..left) (p[0] >= 0x80), or
 * 0 when it is ill-formed: then *bad is the length of its maximal subpart
 * (at least 1) and *truncated whether that is a valid prefix cut off by
 * the end (both untouched on success).  The 2-byte and most 3-byte
 * sequences take the quick path.
 */
static inline size_t utf8_seq(const char *p, size_t left, size_t *bad, bool *truncated)
{
	const unsigned char *s = (const unsigned char *)p;
	unsigned char c = s[0];

	if (c >= 0xC2 && c <= 0xDF && left >= 2 && (s[1] & 0xC0) == 0x80)
		return 2;
	/* E1..EF but ED: any continuation bytes */
	if (c >= 0xE1 && c <= 0xEF && c != 0xED && left >= 3 &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
		return 3;
	return utf8_seq_slow(p, left, bad, truncated);
}

/*
 * Length of the longest valid UTF-8 prefix of p[0..n).  When it is shorter
 * than n, *bad is set to the length of the maximal subpart of the ill-formed
 * sequence there (at least 1), and *truncated tells whether that sequence
 * is a valid prefix cut off by the end of the data.
 */
size_t utf8_valid_prefix(const char *p, size_t n, size_t *bad, bool *truncated);

bool utf8_is_valid(const char *p, size_t n);

/* A letter, mark or number (Unicode L, M, N), or '_'. */
bool utf8_is_word_cp(int32_t cp);

/* Counts code points of valid UTF-8. */
size_t utf8_count(const char *p, size_t n);

#endif
