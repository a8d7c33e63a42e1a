/* charset.c -- --from-code=auto: the charset of a file, from a sample of its start */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#ifdef HAVE_UCHARDET
#include <uchardet/uchardet.h>
#endif

#include "buf.h"
#include "charset.h"
#include "utf8.h"

bool charset_is_auto(const char *name)
{
	return strcasecmp(name, "auto") == 0;
}

bool charset_can_detect(void)
{
#ifdef HAVE_UCHARDET
	return true;
#else
	return false;
#endif
}

static bool starts(const char *p, size_t n, const char *prefix, size_t k)
{
	return n >= k && memcmp(p, prefix, k) == 0;
}

bool charset_is_utf8(const char *p, size_t n, bool eof)
{
	size_t bad;
	bool truncated;
	size_t v = utf8_valid_prefix(p, n, &bad, &truncated);
	return v == n || (!eof && truncated && n - v < 4);
}

void charset_guess(const char *p, size_t n, bool eof, char *name, const char **how)
{
	if (charset_is_utf8(p, n, eof)) {
		snprintf(name, CHARSET_NAME_MAX, "UTF-8");
		*how = "valid UTF-8";
		return;
	}
#ifdef HAVE_UCHARDET
	uchardet_t ud = uchardet_new();
	if (!ud)
		xalloc_die();
	if (uchardet_handle_data(ud, p, n) != 0)
		xalloc_die();
	uchardet_data_end(ud);
	const char *got = uchardet_get_charset(ud);
	bool found = got && *got && strcasecmp(got, "ASCII") != 0;
	if (found) {
		snprintf(name, CHARSET_NAME_MAX, "%s", got);
		*how = "uchardet";
	}
	uchardet_delete(ud);
	if (found)
		return;
#endif
	snprintf(name, CHARSET_NAME_MAX, "WINDOWS-1252");
	*how = "fallback";
}

void charset_detect(const char *p, size_t n, bool eof, char *name, const char **how)
{
	const char *cs = NULL;

	if (starts(p, n, "\xFF\xFE\0\0", 4) || starts(p, n, "\0\0\xFE\xFF", 4))
		cs = "UTF-32";
	else if (starts(p, n, "\xFF\xFE", 2) || starts(p, n, "\xFE\xFF", 2))
		cs = "UTF-16";
	else if (starts(p, n, "\xEF\xBB\xBF", 3))
		cs = "UTF-8";
	if (!cs) {
		charset_guess(p, n, eof, name, how);
		return;
	}
	snprintf(name, CHARSET_NAME_MAX, "%s", cs);
	*how = "byte-order mark";
}
