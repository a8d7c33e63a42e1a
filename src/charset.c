/* charset.c -- --from-code=auto: the charset of a file, from a sample of its start */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#ifdef HAVE_UCHARDET
#include <dlfcn.h>
#include <uchardet/uchardet.h>
#endif

#include "buf.h"
#include "charset.h"
#include "utf8.h"

bool charset_is_auto(const char *name)
{
	return strcasecmp(name, "auto") == 0;
}

#ifdef HAVE_UCHARDET
/*
 * uchardet, loaded on first use (configure.ac says why).  Only the reading
 * thread detects, and options are checked before it starts.
 */
static struct {
	bool tried, ok;
	uchardet_t (*open)(void);
	int (*handle_data)(uchardet_t, const char *, size_t);
	void (*data_end)(uchardet_t);
	const char *(*get_charset)(uchardet_t);
	void (*close)(uchardet_t);
} ud;

#define UD_SYM(h, field, name) (*(void **)&ud.field = dlsym((h), (name))) != NULL

static bool load_uchardet(void)
{
	if (ud.tried)
		return ud.ok;
	ud.tried = true;
	void *h = dlopen(UCHARDET_SONAME, RTLD_NOW | RTLD_LOCAL);
	ud.ok = h && UD_SYM(h, open, "uchardet_new") &&
		UD_SYM(h, handle_data, "uchardet_handle_data") &&
		UD_SYM(h, data_end, "uchardet_data_end") &&
		UD_SYM(h, get_charset, "uchardet_get_charset") &&
		UD_SYM(h, close, "uchardet_delete");
	return ud.ok;
}
#endif

const char *charset_cannot_detect(void)
{
#ifdef HAVE_UCHARDET
	return load_uchardet() ? NULL : "could not load " UCHARDET_SONAME;
#else
	return "this newsclean was built without it";
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
	if (load_uchardet()) {
		uchardet_t d = ud.open();
		if (!d)
			xalloc_die();
		if (ud.handle_data(d, p, n) != 0)
			xalloc_die();
		ud.data_end(d);
		const char *got = ud.get_charset(d);
		bool found = got && *got && strcasecmp(got, "ASCII") != 0;
		if (found) {
			snprintf(name, CHARSET_NAME_MAX, "%s", got);
			*how = "uchardet";
		}
		ud.close(d);
		if (found)
			return;
	}
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
