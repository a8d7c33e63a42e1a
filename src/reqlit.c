/* reqlit.c -- a literal that every match of a regular expression contains */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "reqlit.h"
#include "scan.h"

/*
 * The pattern is read once, left to right, at its top level.  "cur" is
 * the run of literal characters the pattern requires in a row so far;
 * anything that is not one required literal character ends it.  Reading
 * stops with no literal at all (REQ_NONE) wherever the pattern could hold
 * something this reader does not follow.  Skipping too much of a pattern
 * only shortens the literal; reading a character as literal that is not
 * would skip lines the regex matches, so every doubt ends the run.
 */
struct reader {
	const char *p;
	size_t n, i;
	bool caseless;
	char cur[REQLIT_MAX];
	size_t cur_len;
	struct reqlit *best;
};

enum { REQ_NONE = -1 };

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static void end_run(struct reader *r)
{
	if (r->cur_len > r->best->len) {
		memcpy(r->best->s, r->cur, r->cur_len);
		r->best->len = r->cur_len;
	}
	r->cur_len = 0;
}

static void append(struct reader *r, unsigned char c)
{
	if (r->cur_len == REQLIT_MAX)
		return; /* its first REQLIT_MAX characters are required too */
	r->cur[r->cur_len++] = (char)(r->caseless ? scan_lower(c) : c);
}

/* The end of the option letters (and '-', '^') that start at p[j]. */
static size_t options_end(const char *p, size_t n, size_t j)
{
	while (j < n && (is_alnum((unsigned char)p[j]) || p[j] == '-' || p[j] == '^'))
		j++;
	return j;
}

/* Whether the options of an inline "(?...)" at p[i] hold c. */
static bool inline_option(const char *p, size_t n, size_t i, char c)
{
	return memchr(p + i + 2, c, options_end(p, n, i + 2) - (i + 2)) != NULL;
}

/* Decides, before reading, what no reading of the pattern can follow. */
static bool prescan(struct reader *r)
{
	for (size_t i = 0; i + 1 < r->n; i++) {
		if (r->p[i] == '\\' && r->p[i + 1] == 'Q')
			return false;
		if (r->p[i] == '(' && r->p[i + 1] == '*')
			return false;
		if (r->p[i] == '(' && r->p[i + 1] == '?') {
			if (inline_option(r->p, r->n, i, 'x'))
				return false;
			if (inline_option(r->p, r->n, i, 'i'))
				r->caseless = true;
		}
	}
	return true;
}

/* The end of the class that starts at p[i] == '[', or REQ_NONE. */
static long skip_class(const struct reader *r, size_t i)
{
	i++;
	if (i < r->n && r->p[i] == '^')
		i++;
	if (i < r->n && r->p[i] == ']')
		i++;
	for (; i < r->n; i++) {
		if (r->p[i] == '\\')
			i++;
		else if (r->p[i] == '[' && i + 1 < r->n && r->p[i + 1] == ':') {
			const char *e = memchr(r->p + i + 2, ']', r->n - i - 2);
			if (!e)
				return REQ_NONE;
			i = (size_t)(e - r->p);
		} else if (r->p[i] == ']')
			return (long)i + 1;
	}
	return REQ_NONE;
}

/* The end of the group that starts at p[i] == '(', or REQ_NONE. */
static long skip_group(const struct reader *r, size_t i)
{
	size_t depth = 0;

	while (i < r->n) {
		char c = r->p[i];
		if (c == '\\') {
			i += 2;
		} else if (c == '[') {
			long e = skip_class(r, i);
			if (e == REQ_NONE)
				return REQ_NONE;
			i = (size_t)e;
		} else {
			if (c == '(')
				depth++;
			else if (c == ')' && --depth == 0)
				return (long)i + 1;
			i++;
		}
	}
	return REQ_NONE;
}

/*
 * The quantifier at p[i] ("{n}", "{n,}", "{n,m}", "{,m}"): its end, and
 * whether it allows zero; REQ_NONE when it is not one.
 */
static long skip_braces(const struct reader *r, size_t i, bool *zero)
{
	size_t j = i + 1;
	unsigned long least = 0;
	bool digits = false;

	for (; j < r->n && r->p[j] >= '0' && r->p[j] <= '9'; j++) {
		least = least * 10 + (unsigned long)(r->p[j] - '0');
		if (least > 65535)
			return REQ_NONE;
		digits = true;
	}
	if (j < r->n && r->p[j] == ',')
		for (j++; j < r->n && r->p[j] >= '0' && r->p[j] <= '9'; j++)
			digits = true;
	if (!digits || j >= r->n || r->p[j] != '}')
		return REQ_NONE;
	*zero = least == 0;
	return (long)j + 1;
}

/*
 * At p[i], after an atom: its quantifier, if any, and whether the atom may
 * occur zero times.  Returns the offset after it, or REQ_NONE.
 */
static long quantifier(const struct reader *r, size_t i, bool *zero, bool *repeats)
{
	*zero = *repeats = false;
	if (i >= r->n)
		return (long)i;
	switch (r->p[i]) {
	case '?':
	case '*':
		*zero = *repeats = true;
		return (long)i + 1;
	case '+':
		*repeats = true;
		return (long)i + 1;
	case '{': {
		long e = skip_braces(r, i, zero);
		*repeats = true;
		return e;
	}
	default:
		return (long)i;
	}
}

/* Escapes of one character class or assertion, with no argument. */
static bool plain_escape(char c)
{
	return strchr("bBAzZGKdDwWsShHvVRXntrfea", c) != NULL;
}

/*
 * Reads the atom at p[i]: the offset after it, or REQ_NONE; *lit is its
 * character when it is one literal ASCII character, else -1.
 */
static long atom(struct reader *r, size_t i, int *lit)
{
	unsigned char c = (unsigned char)r->p[i];

	*lit = -1;
	switch (c) {
	case '\\':
		if (i + 1 >= r->n)
			return REQ_NONE;
		c = (unsigned char)r->p[i + 1];
		if (c < 0x80 && !is_alnum(c)) {
			*lit = c;
			return (long)i + 2;
		}
		if (c < 0x80 && plain_escape((char)c))
			return (long)i + 2;
		return REQ_NONE;
	case '[':
		return skip_class(r, i);
	case '|':
	case '(':
	case ')':
	case '{':
		return REQ_NONE;
	case '.':
	case '^':
	case '$':
	case ']':
	case '}':
	case '?': /* after a quantifier: lazy */
	case '*':
	case '+': /* after a quantifier: possessive */
		return (long)i + 1;
	default:
		if (c < 0x80)
			*lit = c;
		return (long)i + 1;
	}
}

/*
 * Where the body of the group at p[i] starts when it is read in sequence:
 * "(...)", "(?:...)" and "(?i:...)"; 0 for lookarounds, named, atomic
 * and other groups, which are skipped.
 */
static size_t group_body(const struct reader *r, size_t i)
{
	size_t j = i + 1;

	if (j < r->n && r->p[j] != '?')
		return j;
	j = options_end(r->p, r->n, j + 1);
	return j < r->n && r->p[j] == ':' ? j + 1 : 0;
}

/* Whether p[i..to) has a '|' outside its groups and classes. */
static bool alternation(const struct reader *r, size_t i, size_t to)
{
	while (i < to) {
		long e = (long)i + 1;
		if (r->p[i] == '|')
			return true;
		if (r->p[i] == '\\')
			e = (long)i + 2;
		else if (r->p[i] == '[')
			e = skip_class(r, i);
		else if (r->p[i] == '(')
			e = skip_group(r, i);
		if (e == REQ_NONE)
			return true;
		i = (size_t)e;
	}
	return false;
}

static bool read_seq(struct reader *r, size_t to);

/* Reads the group at p[r->i] and its quantifier. */
static bool group(struct reader *r)
{
	bool zero, repeats;
	long e = skip_group(r, r->i);
	if (e == REQ_NONE)
		return false;
	long q = quantifier(r, (size_t)e, &zero, &repeats);
	if (q == REQ_NONE)
		return false;
	size_t body = group_body(r, r->i);
	if (body && !zero && !alternation(r, body, (size_t)e - 1)) {
		r->i = body;
		if (!read_seq(r, (size_t)e - 1))
			return false;
	} else {
		end_run(r);
	}
	r->i = (size_t)q;
	if (repeats)
		end_run(r);
	return true;
}

/* Reads one atom and its quantifier; false when the pattern has no literal. */
static bool step(struct reader *r)
{
	int lit;
	bool zero, repeats;

	if (r->p[r->i] == '(' && (r->i + 1 >= r->n || r->p[r->i + 1] != '*'))
		return group(r);
	long e = atom(r, r->i, &lit);
	if (e == REQ_NONE)
		return false;
	long q = quantifier(r, (size_t)e, &zero, &repeats);
	if (q == REQ_NONE)
		return false;
	r->i = (size_t)q;
	/* under Unicode caseless matching k and s also match U+212A and U+017F */
	if (lit < 0 || (r->caseless && (scan_lower((unsigned char)lit) == 'k' ||
					 scan_lower((unsigned char)lit) == 's'))) {
		end_run(r);
		return true;
	}
	if (!zero)
		append(r, (unsigned char)lit);
	if (zero || repeats)
		end_run(r);
	return true;
}

/* Reads p[r->i..to), a sequence without alternation at its top. */
static bool read_seq(struct reader *r, size_t to)
{
	while (r->i < to)
		if (!step(r))
			return false;
	return true;
}

void reqlit_find(struct reqlit *lit, const char *pat, size_t n, bool caseless, bool extended)
{
	struct reader r = { .p = pat, .n = n, .caseless = caseless, .best = lit };

	memset(lit, 0, sizeof *lit);
	if (extended || !prescan(&r))
		return;
	lit->caseless = r.caseless;
	if (!read_seq(&r, n)) {
		lit->len = 0;
		return;
	}
	end_run(&r);
	if (lit->len < 3)
		lit->len = 0;
}

bool reqlit_equal(const struct reqlit *a, const struct reqlit *b)
{
	return a->len == b->len && a->caseless == b->caseless && memcmp(a->s, b->s, a->len) == 0;
}

#ifdef __SSE2__
/* Bits of the places in the 16 at p where the literal's first two bytes
 * are (letters without case); the first of those in m (at i) that starts
 * the literal. */
struct pair_probe {
	__m128i fa, fb, va, vb;
};

static unsigned pair_bits(const struct pair_probe *pp, const char *p)
{
	__m128i x = _mm_or_si128(scan_load(p), pp->fa);
	__m128i y = _mm_or_si128(scan_load(p + 1), pp->fb);
	return scan_bits(_mm_and_si128(_mm_cmpeq_epi8(x, pp->va), _mm_cmpeq_epi8(y, pp->vb)));
}

static size_t found_at(const struct reqlit *lit, const char *p, size_t n, size_t i, unsigned m)
{
	for (; m; m &= m - 1) {
		size_t at = i + (size_t)__builtin_ctz(m);
		if (at + lit->len <= n && scan_equal_lower(lit->s, p + at, lit->len))
			return at;
	}
	return SIZE_MAX;
}
#endif

size_t reqlit_at(const struct reqlit *lit, const char *p, size_t n)
{
	if (lit->len == 0)
		return 0;
	if (!lit->caseless) {
		const char *at = memmem(p, n, lit->s, lit->len);
		return at ? (size_t)(at - p) : SIZE_MAX;
	}
	if (n < lit->len)
		return SIZE_MAX;
#ifdef __SSE2__
	if (n >= 17) {
		/* the first two bytes, 16 places at a time */
		unsigned char a = (unsigned char)lit->s[0], b = (unsigned char)lit->s[1];
		struct pair_probe pp = {
			_mm_set1_epi8((char)(a >= 'a' && a <= 'z' ? 0x20 : 0)),
			_mm_set1_epi8((char)(b >= 'a' && b <= 'z' ? 0x20 : 0)),
			_mm_set1_epi8((char)a), _mm_set1_epi8((char)b),
		};
		size_t i = 0, at;
		for (; i + 17 <= n; i += 16)
			if ((at = found_at(lit, p, n, i, pair_bits(&pp, p + i))) != SIZE_MAX)
				return at;
		/* the places left (a literal has 3 bytes or more): the block
		 * that ends with them, less the ones looked at */
		if (i + 1 >= n)
			return SIZE_MAX;
		unsigned m = pair_bits(&pp, p + n - 17) >> (i - (n - 17)) << (i - (n - 17));
		return found_at(lit, p, n, n - 17, m);
	}
#endif
	for (size_t i = 0; i + lit->len <= n; i++)
		if (scan_equal_lower(lit->s, p + i, lit->len))
			return i;
	return SIZE_MAX;
}
