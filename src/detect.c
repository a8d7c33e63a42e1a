/* detect.c -- the built-in line classifiers @hashtags, @epoch, @url */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "detect.h"
#include "utf8.h"

static bool is_letter(int32_t cp)
{
	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* "#", a letter, then letters, marks, digits or '_' (all of p[0..n)). */
static bool is_tag(const char *p, size_t n)
{
	if (n < 2 || p[0] != '#')
		return false;
	size_t i = 1;
	int32_t cp;
	i += utf8_decode(p + i, &cp);
	if (!is_letter(cp))
		return false;
	while (i < n) {
		i += utf8_decode(p + i, &cp);
		if (!utf8_is_word_cp(cp))
			return false;
	}
	return true;
}

bool detect_hashtags(const char *p, size_t n)
{
	if (n == 0 || p[0] != '#')
		return false;
	size_t i = 0;
	while (i < n) {
		const char *sp = memchr(p + i, ' ', n - i);
		size_t e = sp ? (size_t)(sp - p) : n;
		if (!is_tag(p + i, e - i))
			return false;
		i = e + 1;
	}
	return true;
}

bool detect_epoch(const char *p, size_t n)
{
	if (n != 10 && n != 13)
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

bool detect_url(const char *p, size_t n)
{
	static const char *const prefixes[] = { "http://", "https://", "www." };

	if (memchr(p, ' ', n))
		return false;
	for (size_t k = 0; k < 3; k++) {
		size_t pl = strlen(prefixes[k]);
		if (n > pl && strncasecmp(p, prefixes[k], pl) == 0)
			return true;
	}
	return false;
}
