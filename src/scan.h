/* scan.h -- finding the next byte that needs work, 16 bytes at a time */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_SCAN_H
#define NEWSCLEAN_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Each scan returns the offset of the first byte at or after a start
 * offset that a stage must look at, or the length when there is none.
 * With SSE2 (every x86-64) whole 16-byte blocks are tested at once; the
 * rest, and other machines, go byte by byte.  The callers' byte-by-byte
 * code stays the one definition of what "needs work" means: a scan may
 * stop early, never late.
 */

/* ASCII letters, digits and '_' */
extern const bool scan_word_byte[256];

/* c with an ASCII capital lowered */
static inline unsigned char scan_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* c with an ASCII small letter raised */
static inline unsigned char scan_upper(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

/* Whether text[0..n), its ASCII capitals lowered, equals lowered[0..n). */
static inline bool scan_equal_lower(const char *lowered, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)lowered[i] != scan_lower((unsigned char)text[i]))
			return false;
	return true;
}

#ifdef __SSE2__
static inline __m128i scan_load(const char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline unsigned scan_bits(__m128i m)
{
	return (unsigned)_mm_movemask_epi8(m);
}

/*
 * 0xFF where lo <= v <= hi (lo <= hi < 0x80), in two operations: v - lo +
 * 0x80 wraps the range onto the lowest signed bytes, the rest above it.
 */
static inline __m128i scan_range(__m128i v, char lo, char hi)
{
	__m128i t = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo)));
	return _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-0x80 + (hi - lo + 1))));
}

static inline __m128i scan_eq(__m128i v, unsigned char c)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* 0xFF at the ASCII word bytes of a block. */
static inline __m128i scan_word_v(__m128i v)
{
	__m128i x = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i w = _mm_or_si128(scan_range(x, 'a', 'z'), scan_range(v, '0', '9'));
	return _mm_or_si128(w, scan_eq(v, '_'));
}

/* Bits of the ASCII word bytes of a block. */
static inline unsigned scan_word_bits(const char *p)
{
	return scan_bits(scan_word_v(scan_load(p)));
}
#endif

#ifdef __SSE2__
/*
 * After a scan's loop over whole blocks, with i < n < i + 16: the first
 * bit at or after i of the block that ends at n (read again), as an offset,
 * or n.  m holds that block's bits.
 */
static inline size_t scan_last_block(unsigned m, size_t n, size_t i)
{
	m >>= i - (n - 16);
	return m ? i + (size_t)__builtin_ctz(m) : n;
}
#endif

/* The first byte >= 0x80 at or after i. */
static inline size_t scan_nonascii(const char *p, size_t n, size_t i)
{
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned m = scan_bits(scan_load(p + i));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < n && n >= 16)
		return scan_last_block(scan_bits(scan_load(p + n - 16)), n, i);
#else
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
	}
#endif
	while (i < n && (unsigned char)p[i] < 0x80)
		i++;
	return i;
}

/* Whether byte i of p is an ASCII word byte that does not follow one. */
static inline bool scan_is_word_start(const char *p, size_t i)
{
	const unsigned char *s = (const unsigned char *)p;
	return scan_word_byte[s[i]] && (i == 0 || !scan_word_byte[s[i - 1]]);
}


/* 0xFF at the spaces of the block v at p + i (i > 0) that follow a space. */
#ifdef __SSE2__
static inline __m128i scan_double_space_v(const char *p, size_t i, __m128i v)
{
	return _mm_and_si128(scan_eq(v, ' '), scan_eq(scan_load(p + i - 1), ' '));
}
#endif

static inline bool scan_double_space(const char *p, size_t i)
{
	return p[i] == ' ' && i > 0 && p[i - 1] == ' ';
}

/*
 * For the normalize passes: the first byte at or after i that is a control
 * (below 0x20, or DEL), at least 0x80, '&' (when amp), or (when spaces) a
 * space that follows a space.
 */
#ifdef __SSE2__
/* scan_busy's bits for the block at p + i (i > 0); ampv: '&', or DEL. */
static inline unsigned busy_bits(const char *p, size_t i, __m128i ampv, bool spaces)
{
	__m128i v = scan_load(p + i);
	/* signed: below 0x20 takes in the bytes from 0x80 up */
	__m128i b = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
	b = _mm_or_si128(b, _mm_or_si128(scan_eq(v, 0x7F), _mm_cmpeq_epi8(v, ampv)));
	if (spaces)
		b = _mm_or_si128(b, scan_double_space_v(p, i, v));
	return scan_bits(b);
}
#endif

static inline size_t scan_busy(const char *p, size_t n, size_t i, bool amp, bool spaces)
{
#ifdef __SSE2__
	__m128i ampv = _mm_set1_epi8(amp ? '&' : 0x7F);
	if (i == 0 && n >= 16) {
		unsigned char c = (unsigned char)p[0];
		if (c < 0x20 || c >= 0x7F || (amp && c == '&'))
			return 0;
		i = 1;
	}
	for (; i + 16 <= n; i += 16) {
		unsigned m = busy_bits(p, i, ampv, spaces);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < n && n >= 17)
		return scan_last_block(busy_bits(p, n - 16, ampv, spaces), n, i);
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c >= 0x7F || (amp && c == '&') ||
		    (spaces && scan_double_space(p, i)))
			return i;
	}
	return n;
}

/*
 * For the spaces pass: the first byte at or after i that is a tab, a form
 * feed, a space that follows a space, or the lead byte C2, E1 or E2 (every
 * other space character, and every quote that is made ASCII, starts with
 * one of them).
 */
#ifdef __SSE2__
/* scan_spaces's bits for the block at p + i (i > 0). */
static inline unsigned spaces_bits(const char *p, size_t i)
{
	__m128i v = scan_load(p + i);
	__m128i b = _mm_or_si128(scan_eq(v, '\t'), scan_eq(v, '\f'));
	b = _mm_or_si128(b, _mm_or_si128(scan_eq(v, 0xC2), scan_eq(v, 0xE2)));
	b = _mm_or_si128(b, _mm_or_si128(scan_eq(v, 0xE1), scan_double_space_v(p, i, v)));
	return scan_bits(b);
}
#endif

static inline size_t scan_spaces(const char *p, size_t n, size_t i)
{
#ifdef __SSE2__
	if (i == 0 && n >= 16) {
		unsigned char c = (unsigned char)p[0];
		if (c == '\t' || c == '\f' || c == 0xC2 || c == 0xE1 || c == 0xE2)
			return 0;
		i = 1;
	}
	for (; i + 16 <= n; i += 16) {
		unsigned m = spaces_bits(p, i);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i < n && n >= 17)
		return scan_last_block(spaces_bits(p, n - 16), n, i);
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\t' || c == '\f' || c == 0xC2 || c == 0xE1 || c == 0xE2 ||
		    scan_double_space(p, i))
			return i;
	}
	return n;
}

/*
 * For line splitting: the first byte at or after i that is a control up to
 * CR but TAB (LF, VT, CR and NUL among them), or the lead byte of NEL (C2
 * 85) or of U+2028/9 (E2 80 A8/A9); within two bytes of the end, every C2
 * and E2.  The caller tells line ends from the rest.  (Most C2s and E2s of
 * news text are quotes, dashes and the euro sign: a stop at each, and its
 * mispredicted branch, were the splitting's hottest place.)
 */
static inline bool scan_eol_lead(const char *p, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)p + i;
	if (s[0] != 0xC2 && s[0] != 0xE2)
		return false;
	if (i + 2 >= n)
		return true;
	return s[0] == 0xC2 ? s[1] == 0x85 : s[1] == 0x80 && (s[2] | 1) == 0xA9;
}

#ifdef __SSE2__
/* scan_eol's bits for the block at p; p[0..18) are text. */
static inline unsigned eol_bits(const char *p)
{
	__m128i v = scan_load(p), v1 = scan_load(p + 1), v2 = scan_load(p + 2);
	__m128i low = scan_eq(_mm_max_epu8(v, _mm_set1_epi8(0x0D)), 0x0D);
	__m128i b = _mm_andnot_si128(scan_eq(v, '\t'), low);
	__m128i nel = _mm_and_si128(scan_eq(v, 0xC2), scan_eq(v1, 0x85));
	__m128i ls = _mm_and_si128(_mm_and_si128(scan_eq(v, 0xE2), scan_eq(v1, 0x80)),
				   scan_eq(_mm_or_si128(v2, _mm_set1_epi8(1)), 0xA9));
	return scan_bits(_mm_or_si128(b, _mm_or_si128(nel, ls)));
}
#endif

static inline size_t scan_eol(const char *p, size_t n, size_t i)
{
#ifdef __SSE2__
	for (; i + 18 <= n; i += 16) {
		unsigned m = eol_bits(p + i);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c <= '\r' && c != '\t') || scan_eol_lead(p, n, i))
			return i;
	}
	return n;
}

/*
 * For the references pass: the first byte at or after i that is a control
 * (below 0x20, or DEL), '&', or the lead byte C2, E2 or EF (every removed
 * character above U+007F starts with one of them).
 */
static inline size_t scan_refs(const char *p, size_t n, size_t i)
{
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		__m128i v = scan_load(p + i);
		__m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());
		__m128i b = _mm_andnot_si128(high, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
		b = _mm_or_si128(b, _mm_or_si128(scan_eq(v, 0x7F), scan_eq(v, '&')));
		b = _mm_or_si128(b, _mm_or_si128(scan_eq(v, 0xC2), scan_eq(v, 0xE2)));
		unsigned m = scan_bits(_mm_or_si128(b, scan_eq(v, 0xEF)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7F || c == '&' || c == 0xC2 || c == 0xE2 || c == 0xEF)
			return i;
	}
	return n;
}

/* The first byte at or after i that is one of set[0..3] (repeat a byte to
 * use fewer). */
static inline size_t scan_any4(const char *p, size_t n, size_t i, const unsigned char set[4])
{
#ifdef __SSE2__
	/* read set once: GCC does not hoist the broadcasts out of the loop */
	__m128i s0 = _mm_set1_epi8((char)set[0]), s1 = _mm_set1_epi8((char)set[1]);
	__m128i s2 = _mm_set1_epi8((char)set[2]), s3 = _mm_set1_epi8((char)set[3]);
	for (; i + 16 <= n; i += 16) {
		__m128i v = scan_load(p + i);
		__m128i b = _mm_or_si128(_mm_cmpeq_epi8(v, s0), _mm_cmpeq_epi8(v, s1));
		b = _mm_or_si128(b, _mm_or_si128(_mm_cmpeq_epi8(v, s2), _mm_cmpeq_epi8(v, s3)));
		unsigned m = scan_bits(b);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == set[0] || c == set[1] || c == set[2] || c == set[3])
			return i;
	}
	return n;
}

/*
 * For the mojibake repair.  Whether c, d (the first two bytes of a
 * character) may begin a character that stands for a UTF-8 continuation
 * byte: U+0080-U+00BF, a windows-1252 or windows-1251 character of bytes
 * 0x80-0xBF (U+0400-U+040F, U+0450-U+045F, U+0490-U+0491, Latin Extended,
 * spacing modifiers, punctuation), or U+FFFD.
 */
static inline bool mojibake_cont_start(unsigned char c, unsigned char d)
{
	switch (c) {
	case 0xC2: case 0xC5: case 0xC6: case 0xCB: case 0xD2: case 0xE2: case 0xEF:
		return true;
	case 0xD0:
		return (d & 0xF0) == 0x80;
	case 0xD1:
		return (d & 0xF0) == 0x90;
	}
	return false;
}

/*
 * Whether the character at s (C3 xx, D0 xx or D1 xx) may start mojibake,
 * judged from the bytes after it; s[0..left) may be read.  A
 * capital (a misread 2-byte lead) needs one continuation after it, a small
 * letter (a 3- or 4-byte lead) two; a continuation may also be a space
 * before more non-ASCII (a U+00A0 that became one); "Â", "Ã" and "Г" before
 * a space are looked at anyway.  Real accented and Cyrillic letters are
 * followed by letters, and fail here.
 */
static inline bool mojibake_may_start(const unsigned char *s, size_t left)
{
	unsigned char b[6] = { 0 };

	if (left < 3 || !(s[0] == 0xC3 || (s[0] & 0xFE) == 0xD0))
		return false;
	memcpy(b, s, left < 6 ? left : 6);
	bool small = b[0] == 0xD1 || (b[0] == 0xD0 && b[1] >= 0xB0) ||
		     (b[0] == 0xC3 && b[1] >= 0xA0);
	if (mojibake_cont_start(b[2], b[3]))
		return !small || b[2] >= 0xE2 || mojibake_cont_start(b[4], b[5]) ||
		       (b[4] == ' ' && b[5] >= 0x80);
	if (b[2] != ' ')
		return false;
	if ((b[0] == 0xC3 && (b[1] & 0xFE) == 0x82) || (b[0] == 0xD0 && b[1] == 0x93))
		return true;
	return b[3] >= 0x80 && (!small || mojibake_cont_start(b[3], b[4]));
}

#ifdef __SSE2__
static inline __m128i scan_ge(__m128i v, unsigned char c)
{
	return _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8((char)c)), v);
}

/* mojibake_cont_start of the 16 pairs (c[k], d[k]), as bits. */
static inline unsigned scan_cont_start_bits(__m128i c, __m128i d)
{
	__m128i hi = _mm_and_si128(d, _mm_set1_epi8((char)0xF0));
	__m128i m = _mm_or_si128(_mm_or_si128(scan_eq(c, 0xC2), scan_eq(c, 0xC5)),
				 _mm_or_si128(scan_eq(c, 0xC6), scan_eq(c, 0xCB)));
	m = _mm_or_si128(m, _mm_or_si128(scan_eq(c, 0xD2), scan_eq(c, 0xE2)));
	m = _mm_or_si128(m, scan_eq(c, 0xEF));
	m = _mm_or_si128(m, _mm_and_si128(scan_eq(c, 0xD0), scan_eq(hi, 0x80)));
	m = _mm_or_si128(m, _mm_and_si128(scan_eq(c, 0xD1), scan_eq(hi, 0x90)));
	return scan_bits(m);
}

/*
 * Bits of the offsets 0-12 of p where mojibake_may_start holds; p[0..19)
 * is read.  Bit k of cs, sp and hi is about p[k + 2].
 */
enum { SCAN_MOJIBAKE_STEP = 13 };

static inline unsigned scan_mojibake_bits(const char *p)
{
	__m128i v0 = scan_load(p), v1 = scan_load(p + 1);
	__m128i c3 = scan_eq(v0, 0xC3), d0 = scan_eq(v0, 0xD0), d1 = scan_eq(v0, 0xD1);
	unsigned lead = scan_bits(_mm_or_si128(c3, _mm_or_si128(d0, d1))) & 0x1FFF;
	if (!lead)
		return 0;
	unsigned small = scan_bits(_mm_or_si128(_mm_or_si128(d1,
		_mm_and_si128(d0, scan_ge(v1, 0xB0))), _mm_and_si128(c3, scan_ge(v1, 0xA0))));
	unsigned special = scan_bits(_mm_or_si128(
		_mm_and_si128(c3, scan_eq(_mm_and_si128(v1, _mm_set1_epi8((char)0xFE)), 0x82)),
		_mm_and_si128(d0, scan_eq(v1, 0x93))));
	__m128i w0 = scan_load(p + 2);
	unsigned cs = scan_cont_start_bits(w0, scan_load(p + 3));
	unsigned sp = scan_bits(scan_eq(w0, ' '));
	unsigned hi = scan_bits(w0);
	unsigned wide = scan_bits(scan_ge(w0, 0xE2));
	unsigned cont = cs & (~small | wide | cs >> 2 | (sp >> 2 & hi >> 3));
	unsigned space = sp & (special | (hi >> 1 & (~small | cs >> 1)));
	return lead & (cont | space);
}
#endif

/* The first byte at or after i that is C3, D0 or D1: a character that
 * mojibake_may_start looks at. */
static inline size_t scan_mojibake_lead(const char *p, size_t n, size_t i)
{
#ifdef __SSE2__
#define SCAN_LEAD_BITS(v) scan_bits(_mm_or_si128(scan_eq((v), 0xC3), \
		scan_eq(_mm_and_si128((v), _mm_set1_epi8((char)0xFE)), 0xD0)))
	for (; i + 32 <= n; i += 32) {
		unsigned m = SCAN_LEAD_BITS(scan_load(p + i)) |
			     SCAN_LEAD_BITS(scan_load(p + i + 16)) << 16;
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i + 16 <= n) {
		unsigned m = SCAN_LEAD_BITS(scan_load(p + i));
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
	if (i < n && n >= 16) {
		/* the last bytes, in one block that overlaps those done */
		unsigned m = SCAN_LEAD_BITS(scan_load(p + n - 16)) >> (i - (n - 16));
		return m ? i + (size_t)__builtin_ctz(m) : n;
	}
#undef SCAN_LEAD_BITS
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == 0xC3 || (c & 0xFE) == 0xD0)
			return i;
	}
	return n;
}

/* The first byte at or after i where mojibake_may_start holds. */
static inline size_t scan_mojibake(const char *p, size_t n, size_t i)
{
#ifdef __SSE2__
	/* from each lead, the block there is weighed as a whole */
	while ((i = scan_mojibake_lead(p, n, i)) + 19 <= n) {
		unsigned m = scan_mojibake_bits(p + i);
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += SCAN_MOJIBAKE_STEP;
	}
#endif
	for (; (i = scan_mojibake_lead(p, n, i)) < n; i++)
		if (mojibake_may_start((const unsigned char *)p + i, n - i))
			break;
	return i;
}

/*
 * A hash of p[0..n) with bit 0x20 set in every byte, eight bytes at a time:
 * folded keys and text whose ASCII is not lowered hash alike (the lossy
 * step is the same on both sides); equality is checked apart.  The bytes
 * p[n..avail) may be read (avail >= n): a last part of fewer than eight
 * bytes is then loaded whole and masked, not copied byte by byte.
 */
static inline uint64_t scan_hash_lower(const char *p, size_t n, size_t avail)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL, lower = 0x2020202020202020ULL;
	uint64_t h = n * k, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ (w | lower)) * k;
	}
	if (i < n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (avail - i >= 8) {
			memcpy(&w, p + i, 8);
			w &= ~0ULL >> (64 - 8 * (n - i)); /* the first n - i bytes */
		} else
#endif
		{
			(void)avail;
			w = 0;
			memcpy(&w, p + i, n - i);
		}
		h = (h ^ (w | lower)) * k;
	}
	return h ^ (h >> 29);
}

#endif
