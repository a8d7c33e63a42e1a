/* utf8.c -- small UTF-8 helpers: encode, validate, classify */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <string.h>

#include <utf8proc.h>

#include "scan.h"
#include "utf8.h"

size_t utf8_encode(char *out, int32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Valid ranges of the second byte after each lead byte (Unicode table 3-7);
 * the third and fourth bytes are always 80..BF.
 */
static bool second_ok(unsigned char lead, unsigned char c)
{
	switch (lead) {
	case 0xE0: return c >= 0xA0 && c <= 0xBF;
	case 0xED: return c >= 0x80 && c <= 0x9F;
	case 0xF0: return c >= 0x90 && c <= 0xBF;
	case 0xF4: return c >= 0x80 && c <= 0x8F;
	default: return c >= 0x80 && c <= 0xBF;
	}
}

static bool cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The length of the common well-formed sequence at s (two bytes, or three
 * with a lead E1..EC or EE..EF), or 0 for any other: the loop below
 * decides those. */
static size_t common_seq(const unsigned char *s, size_t left)
{
	unsigned char c = s[0];

	if (c >= 0xC2 && c <= 0xDF && left >= 2 && cont(s[1]))
		return 2;
	if (c >= 0xE1 && c <= 0xEF && c != 0xED && left >= 3 && cont(s[1]) && cont(s[2]))
		return 3;
	return 0;
}

size_t utf8_valid_prefix(const char *p, size_t n, size_t *bad, bool *truncated)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;

	for (;;) {
		/* ASCII runs, a block at a time */
		if ((i = scan_nonascii(p, n, i)) >= n)
			return n;
		size_t l;
		while (i < n && (l = common_seq(s + i, n - i)))
			i += l;
		if (i >= n)
			return n;
		if (s[i] < 0x80)
			continue;

		unsigned char c = s[i];
		size_t need;
		if (c >= 0xC2 && c <= 0xDF)
			need = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 4;
		else {
			*bad = 1;
			*truncated = false;
			return i;
		}
		size_t k = 1;
		for (; k < need; k++) {
			if (i + k >= n) {
				*bad = k;
				*truncated = true;
				return i;
			}
			unsigned char d = s[i + k];
			bool ok = k == 1 ? second_ok(c, d) : cont(d);
			if (!ok) {
				*bad = k;
				*truncated = false;
				return i;
			}
		}
		i += need;
	}
}

bool utf8_is_valid(const char *p, size_t n)
{
	size_t bad;
	bool tr;
	return utf8_valid_prefix(p, n, &bad, &tr) == n;
}

bool utf8_is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z') || cp == '_';
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

size_t utf8_count(const char *p, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}
