/* suggest.c -- "did you mean" for misspelled names */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "suggest.h"

enum { MAXW = 64 };

/* Optimal string alignment distance, case-insensitive. */
static size_t distance(const char *a, size_t m, const char *b, size_t n)
{
	size_t d[MAXW + 1][MAXW + 1];

	for (size_t i = 0; i <= m; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= n; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= m; i++) {
		for (size_t j = 1; j <= n; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			size_t cost = ca != cb;
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[m][n];
}

const char *suggest(const char *word, size_t n, const char *const *cands)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	if (n == 0 || n > MAXW)
		return NULL;
	for (; *cands; cands++) {
		size_t cn = strlen(*cands);
		if (cn > MAXW)
			continue;
		size_t dd = distance(word, n, *cands, cn);
		if (dd < best_d) {
			best_d = dd;
			best = *cands;
		}
	}
	/* one edit for short names, two for longer ones */
	size_t limit = n <= 4 ? 1 : n <= 8 ? 2 : 3;
	return best_d <= limit ? best : NULL;
}
