/* diag.h -- diagnostics: located messages on standard error */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_DIAG_H
#define NEWSCLEAN_DIAG_H

#include <stddef.h>

/* A position in a rule file or an input; line and col count from 1 (0: none). */
struct diag_loc {
	const char *file;
	size_t line, col;
};

/* "newsclean: MESSAGE" */
void diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "newsclean: NAME:LINE: MESSAGE", or "newsclean: NAME: MESSAGE" when line is 0 */
void diag_input(const char *name, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "newsclean: FILE:LINE:COL: error: MESSAGE", the source line and a caret */
void diag_rule(const struct diag_loc *loc, const char *kind, const char *msg,
	       const char *src, size_t srclen);

#endif
