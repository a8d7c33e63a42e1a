/* casefold.c -- Unicode simple case folding (CaseFolding.txt, status C+S) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>

#include "casefold.h"
#include "utf8.h"

struct casefold_row {
	int32_t from, to;
};

#include "casefold_table.h"

int32_t casefold_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	size_t lo = 0, hi = CASEFOLD_COUNT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (casefold_rows[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < CASEFOLD_COUNT && casefold_rows[lo].from == cp)
		return casefold_rows[lo].to;
	return cp;
}

static int cmp_cp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

void casefold_preimages(const int32_t *to, size_t n, void (*fn)(int32_t cp, void *ctx),
			void *ctx)
{
	if (n == 0)
		return; /* bsearch may not be given a NULL array, even empty */
	for (size_t i = 0; i < CASEFOLD_COUNT; i++)
		if (bsearch(&casefold_rows[i].to, to, n, sizeof *to, cmp_cp))
			fn(casefold_rows[i].from, ctx);
}

static void put_map(struct buf *map, size_t from, size_t count)
{
	buf_reserve(map, count * sizeof(size_t));
	for (size_t k = 0; k < count; k++) {
		memcpy(map->p + map->len, &from, sizeof from);
		map->len += sizeof from;
	}
}

void casefold_append(struct buf *out, const char *p, size_t n, struct buf *map)
{
	size_t i = 0;

	buf_reserve(out, n);
	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x80) {
			buf_putc(out, (char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
			if (map)
				put_map(map, i, 1);
			i++;
			continue;
		}
		int32_t cp;
		size_t l = utf8_decode(p + i, &cp);
		size_t before = out->len;
		buf_put_utf8(out, casefold_cp(cp));
		if (map)
			put_map(map, i, out->len - before);
		i += l;
	}
}
