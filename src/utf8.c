/* utf8.c -- small UTF-8 helpers: encode, validate, classify */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <string.h>

#include <utf8proc.h>

#include "scan.h"
#include "utf8.h"

size_t utf8_encode(char *out, int32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Valid ranges of the second byte after each lead byte (Unicode table 3-7);
 * the third and fourth bytes are always 80..BF.
 */
static bool second_ok(unsigned char lead, unsigned char c)
{
	switch (lead) {
	case 0xE0: return c >= 0xA0 && c <= 0xBF;
	case 0xED: return c >= 0x80 && c <= 0x9F;
	case 0xF0: return c >= 0x90 && c <= 0xBF;
	case 0xF4: return c >= 0x80 && c <= 0x8F;
	default: return c >= 0x80 && c <= 0xBF;
	}
}

size_t utf8_seq_slow(const char *p, size_t left, size_t *bad, bool *truncated)
{
	const unsigned char *s = (const unsigned char *)p;
	unsigned char c = s[0];
	size_t need = c < 0xC2 ? 0 : c <= 0xDF ? 2 : c <= 0xEF ? 3 : c <= 0xF4 ? 4 : 0;

	if (need == 0) {
		*bad = 1;
		*truncated = false;
		return 0;
	}
	for (size_t k = 1; k < need; k++) {
		bool end = k >= left;
		if (end || !(k == 1 ? second_ok(c, s[1]) : (s[k] & 0xC0) == 0x80)) {
			*bad = k;
			*truncated = end;
			return 0;
		}
	}
	return need; /* *bad and *truncated untouched */
}

#ifdef __SSE2__
/*
 * Blocks of 16 bytes whose sequences are all of 2 or 3 bytes, or ASCII.  A
 * block is valid when its continuation bytes are exactly the ones its leads
 * (and those of the block before) call for, and E0 and ED are followed by
 * their narrower second bytes.  Returns where the run of such blocks ends,
 * at a character boundary; the caller goes on sequence by sequence.
 */
static size_t valid_blocks(const char *p, size_t n, size_t i)
{
	unsigned carry = 0; /* continuation bytes owed to the next block */

	/* signed bytes: 80..BF are -128..-65, C2..DF -62..-33, E0..EF -32..-17 */
	for (; i + 17 <= n; i += 16) {
		__m128i v = scan_load(p + i);
		if (!carry && !scan_bits(v))
			continue; /* ASCII */
		__m128i next = scan_load(p + i + 1);
		unsigned cont = scan_bits(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
		unsigned l2 = scan_bits(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)),
						      _mm_cmplt_epi8(v, _mm_set1_epi8(-32))));
		unsigned l3 = scan_bits(_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-33)),
						      _mm_cmplt_epi8(v, _mm_set1_epi8(-16))));
		/* C0, C1 and F0..FF (left to the caller); E0 80..9F; ED A0..BF */
		__m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(-64)),
					   _mm_cmpeq_epi8(v, _mm_set1_epi8(-63)));
		odd = _mm_or_si128(odd, _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-17)),
						      _mm_cmplt_epi8(v, _mm_setzero_si128())));
		odd = _mm_or_si128(odd, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(-32)),
						      _mm_cmplt_epi8(next, _mm_set1_epi8(-96))));
		odd = _mm_or_si128(odd, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(-19)),
						      _mm_cmpgt_epi8(next, _mm_set1_epi8(-97))));
		/* a lead where a continuation byte is due fails this test too */
		unsigned want = carry | l2 << 1 | l3 << 1 | l3 << 2;
		if (scan_bits(odd) || (want & 0xFFFF) != cont)
			break;
		carry = want >> 16;
	}
	if (carry) /* back to the lead of the sequence the block boundary cut */
		do
			i--;
		while (((unsigned char)p[i] & 0xC0) == 0x80);
	return i;
}
#endif

size_t utf8_valid_prefix(const char *p, size_t n, size_t *bad, bool *truncated)
{
	size_t i = 0, l;

	/* ASCII runs a block at a time, then the sequences after them */
	while ((i = scan_nonascii(p, n, i)) < n) {
#ifdef __SSE2__
		i = valid_blocks(p, n, i);
		size_t end = i + 16;
#else
		size_t end = n;
#endif
		/* sequence by sequence to the end of the block that stopped it */
		while (i < n && (i < end || (unsigned char)p[i] >= 0x80)) {
			if ((unsigned char)p[i] < 0x80) {
				i++;
				continue;
			}
			if (!(l = utf8_seq(p + i, n - i, bad, truncated)))
				return i;
			i += l;
		}
	}
	return n;
}

bool utf8_is_valid(const char *p, size_t n)
{
	size_t bad;
	bool tr;
	return utf8_valid_prefix(p, n, &bad, &tr) == n;
}

bool utf8_is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z') || cp == '_';
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

size_t utf8_count(const char *p, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

uint64_t utf8_chars(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	uint64_t bits = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0xC0)
			bits |= utf8_char_bit(s + i);
	return bits;
}
