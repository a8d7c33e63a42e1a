/* diag.c -- diagnostics: located messages on standard error */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

void diag_error(const char *fmt, ...)
{
	va_list ap;

	fputs("newsclean: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void diag_input(const char *name, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (line)
		fprintf(stderr, "newsclean: %s:%zu: ", name, line);
	else
		fprintf(stderr, "newsclean: %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void diag_rule(const struct diag_loc *loc, const char *kind, const char *msg,
	       const char *src, size_t srclen)
{
	if (loc->col)
		fprintf(stderr, "newsclean: %s:%zu:%zu: %s: %s\n", loc->file,
			loc->line, loc->col, kind, msg);
	else if (loc->line)
		fprintf(stderr, "newsclean: %s:%zu: %s: %s\n", loc->file,
			loc->line, kind, msg);
	else
		fprintf(stderr, "newsclean: %s: %s: %s\n", loc->file, kind, msg);
	if (!src || !loc->col)
		return;
	fprintf(stderr, "    %.*s\n    ", (int)srclen, src);
	/* the caret goes under the column, counted in code points */
	size_t col = 1;
	for (size_t i = 0; i < srclen && col < loc->col; i++) {
		unsigned char c = (unsigned char)src[i];
		if ((c & 0xC0) == 0x80)
			continue;
		fputc(c == '\t' ? '\t' : ' ', stderr);
		col++;
	}
	fputs("^\n", stderr);
}
