/* check_util.h -- helpers shared by the Check unit tests in tests/unit */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_CHECK_UTIL_H
#define NEWSCLEAN_CHECK_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

/* a string literal and its length, NUL bytes included */
#define S(x) x, sizeof(x) - 1

/* UTF-8 of U+FFFD REPLACEMENT CHARACTER and of U+FEFF (a byte-order mark) */
#define FFFD "\xEF\xBF\xBD"
#define BOM "\xEF\xBB\xBF"

/* The number of rows of a table, as tcase_add_loop_test takes it. */
#define NROWS(a) ((int)(sizeof(a) / sizeof *(a)))

/*
 * Escapes p[0..n) as C-like text for failure messages: printable ASCII but
 * '\' and '"' as it is, every other byte as \xHH.  The result is in static
 * storage, one of four buffers in turn, so up to four may go in one message;
 * a long text is cut short.
 */
static inline const char *esc(const char *p, size_t n)
{
	static char out[4][2048];
	static int k;
	char *o = out[k = (k + 1) % 4];
	size_t j = 0;

	for (size_t i = 0; i < n && j + 5 < sizeof out[0]; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"')
			o[j++] = (char)c;
		else
			j += (size_t)snprintf(o + j, 5, "\\x%02X", c);
	}
	o[j] = '\0';
	return o;
}

/* got[0..glen) must be exp[0..elen); the failure shows both, escaped. */
#define ck_assert_bytes(got, glen, exp, elen)                                    \
	ck_assert_msg((size_t)(glen) == (size_t)(elen) &&                          \
			      ((elen) == 0 || memcmp((got), (exp), (elen)) == 0),  \
		      "got \"%s\" (%zu bytes), expected \"%s\" (%zu bytes)",     \
		      esc((got), (glen)), (size_t)(glen), esc((exp), (elen)),    \
		      (size_t)(elen))

/* Runs a test binary's suite; returns the exit status for main. */
static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);

	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif /* NEWSCLEAN_CHECK_UTIL_H */
