/* entities.c -- HTML character references (HTML5 named set and numeric) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "entities.h"

struct entity_row {
	const char *name;
	int32_t cp[2];
};

#include "entities_table.h"

/* HTML5: numeric references 0x80..0x9F are read as windows-1252 */
static const int32_t win1252[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static bool is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int hexval(unsigned char c)
{
	if (is_digit(c))
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int32_t numeric_value(uint32_t v)
{
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0xFFFD;
	if (v >= 0x80 && v <= 0x9F)
		return win1252[v - 0x80];
	return (int32_t)v;
}

static size_t decode_numeric(const unsigned char *s, size_t n, int32_t *cp)
{
	size_t i = 2;
	bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
	uint32_t v = 0;
	size_t digits = 0;

	if (hex)
		i++;
	for (; i < n; i++, digits++) {
		int d = hex ? hexval(s[i]) : (is_digit(s[i]) ? s[i] - '0' : -1);
		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (uint32_t)d;
		if (v > 0x10FFFF)
			v = 0x110000; /* saturate: stays out of range */
	}
	if (!digits || i >= n || s[i] != ';')
		return 0;
	*cp = numeric_value(v);
	return i + 1;
}

static const struct entity_row *lookup(const char *name, size_t len)
{
	size_t lo = 0, hi = ENTITIES_COUNT;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = entity_rows[mid].name;
		int c = strncmp(m, name, len);
		if (c == 0 && m[len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return &entity_rows[mid];
	}
	return NULL;
}

size_t entities_decode(const char *p, size_t n, int32_t cps[2], int *ncp)
{
	const unsigned char *s = (const unsigned char *)p;

	if (n < 4)
		return 0;
	if (s[1] == '#') {
		*ncp = 1;
		return decode_numeric(s, n, &cps[0]);
	}
	if (!is_alpha(s[1]))
		return 0;
	size_t i = 2;
	while (i < n && i <= ENTITIES_MAX_NAME + 1 && (is_alpha(s[i]) || is_digit(s[i])))
		i++;
	if (i >= n || s[i] != ';')
		return 0;
	const struct entity_row *e = lookup(p + 1, i - 1);
	if (!e)
		return 0;
	cps[0] = e->cp[0];
	cps[1] = e->cp[1];
	*ncp = e->cp[1] ? 2 : 1;
	return i + 1;
}
