/* check_scan.c -- unit tests: the block scans agree with their byte-by-byte
 * definitions at every offset, and the stages built on them find what lies
 * on either side of a block edge */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <utf8proc.h>

#include "check_util.h"

#include "mapper.h"
#include "normalize.h"
#include "scan.h"
#include "utf8.h"

/* bytes that each scan stops at, and bytes that it must pass over */
static const unsigned char alphabet[] = {
	'a', 'Z', 'q', '_', '0', '9', ' ', ' ', ' ', '\t', '\f', '&', 0x7F, 0x01,
	'\n', '\v', '\r', 0x00, 0x0E, 0x09,
	0xC2, 0xE1, 0xE2, 0xC3, 0x80, 0xFF, '-', '@', '`', '[', '{', '/', ':', 0xEF, 0xD0,
};

/* line ends of two and three bytes (NEL, U+2028, U+2029), and sequences
 * that begin as they do */
static const unsigned char eol_alphabet[] = {
	0xC2, 0xC2, 0xE2, 0xE2, 0xE2, 0x80, 0x80, 0x85, 0xA8, 0xA9, 0x99, 'a', ' ', '\n',
};

/* A deterministic pseudo-random text of n bytes from the alphabet a. */
static void fill_from(char *p, size_t n, unsigned *seed, const unsigned char *a, size_t na)
{
	for (size_t i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		p[i] = (char)a[(*seed >> 16) % na];
	}
}

static void fill(char *p, size_t n, unsigned *seed)
{
	fill_from(p, n, seed, alphabet, sizeof alphabet);
}

static bool ref_busy(const char *p, size_t i, bool amp, bool spaces)
{
	unsigned char c = (unsigned char)p[i];
	return c < 0x20 || c >= 0x7F || (amp && c == '&') ||
	       (spaces && c == ' ' && i > 0 && p[i - 1] == ' ');
}

static bool ref_spaces(const char *p, size_t i)
{
	unsigned char c = (unsigned char)p[i];
	return c == '\t' || c == '\f' || c == 0xC2 || c == 0xE1 || c == 0xE2 ||
	       (c == ' ' && i > 0 && p[i - 1] == ' ');
}

static bool ref_eol(const char *p, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)p;
	unsigned char c = s[i];
	if (c == 0xC2 || c == 0xE2)
		return i + 2 >= n || (c == 0xC2 && s[i + 1] == 0x85) ||
		       (c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9));
	return c <= '\r' && c != '\t';
}

static bool ref_refs(unsigned char c)
{
	return c < 0x20 || c == 0x7F || c == '&' || c == 0xC2 || c == 0xE2 || c == 0xEF;
}

static bool ref_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

START_TEST(test_scans_agree)
{
	char p[80];
	unsigned seed = (unsigned)_i * 7919u + 1u;
	size_t n = (size_t)_i % sizeof p;

	fill(p, n, &seed);
	for (size_t i = 0; i <= n; i++) {
		size_t want;
		for (int amp = 0; amp < 2; amp++)
			for (int sp = 0; sp < 2; sp++) {
				for (want = i; want < n && !ref_busy(p, want, amp, sp); want++)
					;
				ck_assert_msg(scan_busy(p, n, i, amp, sp) == want,
					      "scan_busy(%s, %zu, %d, %d) != %zu",
					      esc(p, n), i, amp, sp, want);
			}
		for (want = i; want < n && !ref_spaces(p, want); want++)
			;
		ck_assert_msg(scan_spaces(p, n, i) == want, "scan_spaces(%s, %zu) != %zu",
			      esc(p, n), i, want);
		for (want = i; want < n && (unsigned char)p[want] < 0x80; want++)
			;
		ck_assert_uint_eq(scan_nonascii(p, n, i), want);
		for (want = i; want < n && !ref_refs((unsigned char)p[want]); want++)
			;
		ck_assert_uint_eq(scan_refs(p, n, i), want);
		for (want = i; want < n && !ref_eol(p, n, want); want++)
			;
		ck_assert_msg(scan_eol(p, n, i) == want, "scan_eol(%s, %zu) != %zu",
			      esc(p, n), i, want);
		if (i < n) {
			bool start = ref_word((unsigned char)p[i]) &&
				     (i == 0 || !ref_word((unsigned char)p[i - 1]));
			ck_assert_int_eq(scan_is_word_start(p, i), start);
		}
	}
}
END_TEST

/* scan_eol in texts dense with the bytes of NEL and U+2028/9. */
START_TEST(test_eol_scan_agrees)
{
	char p[80];
	unsigned seed = (unsigned)_i * 6089u + 5u;
	size_t n = (size_t)_i % sizeof p;

	fill_from(p, n, &seed, eol_alphabet, sizeof eol_alphabet);
	for (size_t i = 0; i <= n; i++) {
		size_t want = i;
		while (want < n && !ref_eol(p, n, want))
			want++;
		ck_assert_msg(scan_eol(p, n, i) == want, "scan_eol(%s, %zu) != %zu", esc(p, n), i,
			      want);
	}
}
END_TEST

/* the bytes that the mojibake scan weighs, and a few it passes over */
static const unsigned char moji_alphabet[] = {
	0xC3, 0xC3, 0xD0, 0xD0, 0xD1, 0x82, 0x83, 0x93, 0xA0, 0xB0, 0xB4, 0x80,
	0x8F, 0x90, 0x96, 0x9F, 0xC2, 0xC5, 0xC6, 0xCB, 0xD2, 0xE2, 0xEF, 0xE1,
	' ', ' ', 'a', 'Z',
};

/* scan_mojibake stops exactly where mojibake_may_start first holds. */
START_TEST(test_mojibake_scan_agrees)
{
	unsigned char p[120];
	unsigned seed = (unsigned)_i * 104729u + 3u;
	size_t n = (size_t)_i % sizeof p;

	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = moji_alphabet[(seed >> 16) % sizeof moji_alphabet];
	}
	for (size_t i = 0; i <= n; i++) {
		size_t want = i;
		while (want < n && !mojibake_may_start(p + want, n - want))
			want++;
		ck_assert_msg(scan_mojibake((const char *)p, n, i) == want,
			      "scan_mojibake(%s, %zu) != %zu", esc((const char *)p, n), i, want);
	}
}
END_TEST

/* What the pair test passes and stops at, in words. */
START_TEST(test_mojibake_may_start)
{
	static const struct {
		const char *s;
		bool want;
	} cases[] = {
		{ "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2", true }, /* "â€™" */
		{ "\xC3\x83\xC2\xA9", true },                   /* "Ã©" */
		{ "\xC3\xA9t\xC3\xA9", false },                 /* "été" */
		{ "\xC3\xA9\xC2\xBB", false },                  /* "é»": one symbol */
		{ "\xC3\x83 la", true },                          /* "Ã " */
		{ "\xC3\xA9 \xC3\xA9", false },                 /* "é é" */
		{ "\xC3\x90 \xC3\x91", true },                  /* "Ð Ñ" */
		{ "\xD0\xBD\xD1\x96 ", false },                 /* "ні" */
		{ "\xD0\xB2\xD0\x82\xD1\x9A", true },         /* "вЂњ" */
		{ "\xD0\xA0\xD1\x9F", true },                   /* "Рџ" */
		{ "\xD0\xB2 \xD0\x9C", false },                 /* "в М" */
		{ "\xD0\x92 \xD0\x9C", true },                  /* "В М": a capital */
		{ "\xD0\xBC\xD0\xB8\xD1\x80", false },        /* "мир" */
		{ "\xC3\xA9", false },
	};

	for (size_t k = 0; k < NROWS(cases); k++) {
		const unsigned char *s = (const unsigned char *)cases[k].s;
		ck_assert_msg(mojibake_may_start(s, strlen(cases[k].s)) == cases[k].want,
			      "case %zu", k);
	}
}
END_TEST

/* ------------------------------------------------------------ mapper */

/* m has keys of every length; m_long only keys of 4 bytes or more, which
 * the search looks for in blocks, to the end of the text */
static struct mapper m, m_long;

static void mapper_setup(void)
{
	mapper_init(&m, true);
	mapper_add(&m, S("Kiev"), 0);
	mapper_add(&m, S("St"), 1);
	mapper_add(&m, S("x"), 2);
	mapper_add(&m, S("L'viv"), 3);
	mapper_add(&m, S("Kyïv"), 4);
	mapper_build(&m);
	mapper_init(&m_long, true);
	mapper_add(&m_long, S("Kiev"), 0);
	mapper_add(&m_long, S("L'viv"), 3);
	mapper_add(&m_long, S("Kyïv"), 4);
	mapper_build(&m_long);
}

static void mapper_teardown(void)
{
	mapper_fini(&m);
	mapper_fini(&m_long);
}

/* Finds the first match of mp's keys in text; returns its value, or -1. */
static int32_t first_match(const struct mapper *mp, const char *text, size_t len, size_t *s,
			   size_t *e)
{
	struct mapper_scratch ms;
	int32_t v = -1;

	mapper_scratch_init(&ms);
	mapper_prepare(mp, &ms, text, len);
	if (!mapper_find(mp, &ms, 0, s, e, &v))
		v = -1;
	mapper_scratch_fini(&ms);
	return v;
}

static const struct {
	const char *pad, *key, *tail;
	int32_t value;
} places[] = {
	{ "ab ", "Kiev", " cd", 0 },
	{ "ab ", "KIEV", "", 0 },
	{ "ab.", "kiev", ",", 0 },
	{ "ab ", "st", " y", 1 },
	{ "ab ", "X", "", 2 },
	{ "ab (", "L'viv", ")", 3 },
	{ "ab ", "KYÏV", " ", 4 },
	{ "Éb ", "Kiev", " cd", 0 },     /* non-ASCII text that folds: a copy */
	{ "ΣΣ ", "Kiev", "", 0 },
	{ "ΣΣ ", "\u212Aiev", ",", 0 }, /* KELVIN SIGN folds to k: a copy */
};

/* A key at every offset from a block edge is found at its place; glued to a
 * word on either side it is not. */
static void every_offset(const struct mapper *mp, size_t row)
{
	char text[200], glued[200];
	size_t s, e, pl = strlen(places[row].pad), kl = strlen(places[row].key);

	for (size_t k = 0; k < 90; k++) {
		/* k bytes: whole characters of pad, 'b' to fill, a space last */
		size_t n = 0;
		while (k && n + 1 < k) {
			size_t j = n % pl, l = 1;
			while (j + l < pl && ((unsigned char)places[row].pad[j + l] & 0xC0) == 0x80)
				l++;
			if (n + l + 1 > k)
				break;
			memcpy(text + n, places[row].pad + j, l);
			n += l;
		}
		while (k && n + 1 < k)
			text[n++] = 'b';
		if (k)
			text[n++] = ' ';
		size_t at = n;
		n += (size_t)sprintf(text + n, "%s%s", places[row].key, places[row].tail);
		int32_t v = first_match(mp, text, n, &s, &e);
		ck_assert_msg(v == places[row].value && s == at && e == at + kl,
			      "%s: got %d at [%zu, %zu), want %d at [%zu, %zu)", esc(text, n),
			      v, s, e, places[row].value, at, at + kl);
		memcpy(glued, text, n);
		glued[n] = 'q';
		if (at > 0) {
			glued[at - 1] = 'q'; /* a word byte before the key */
			ck_assert_int_eq(first_match(mp, glued, n, &s, &e), -1);
			memcpy(glued, text, n);
		}
		memmove(glued + at + kl + 1, text + at + kl, n - at - kl);
		glued[at + kl] = '7'; /* a word byte after it */
		ck_assert_msg(first_match(mp, glued, n + 1, &s, &e) == -1, "%s", esc(glued, n + 1));
	}
}

START_TEST(test_mapper_every_offset)
{
	every_offset(&m, (size_t)_i);
	if (places[_i].value != 1 && places[_i].value != 2) /* short keys are not in m_long */
		every_offset(&m_long, (size_t)_i);
}
END_TEST

/* Many keys sharing prefixes (the trie's sibling links, and the
 * filters sized to the key count): each finds itself, not its kin. */
START_TEST(test_mapper_many_keys)
{
	/* no syllable starts another, so every key is spelled one way */
	static const char *const syl[] = { "ba", "bra", "ki", "ze", "ev", "o", "zh", "a" };
	struct mapper big;
	char key[64], text[96];

	mapper_init(&big, true);
	for (int32_t v = 0; v < 4096; v++) {
		size_t n = 0;
		for (int d = 0, x = v; d < 4; d++, x /= 8)
			n += (size_t)sprintf(key + n, "%s", syl[x % 8]);
		mapper_add(&big, key, n, v);
	}
	mapper_build(&big);
	for (int32_t v = 0; v < 4096; v += 7) {
		size_t n = 0;
		for (int d = 0, x = v; d < 4; d++, x /= 8)
			n += (size_t)sprintf(key + n, "%s", syl[x % 8]);
		key[0] = (char)(key[0] - 32); /* capitalized in the text */
		int tn = sprintf(text, "the %s, ba kie", key);
		struct mapper_scratch ms;
		size_t s, e;
		int32_t got = -1;
		mapper_scratch_init(&ms);
		mapper_prepare(&big, &ms, text, (size_t)tn);
		ck_assert(mapper_find(&big, &ms, 0, &s, &e, &got));
		mapper_scratch_fini(&ms);
		ck_assert_msg(s == 4 && e == 4 + n && got == v, "%s: %d at [%zu, %zu)",
			      text, got, s, e);
	}
	mapper_fini(&big);
}
END_TEST

/* ------------------------------------------------------------ normalize */

/* A double space, a tab or a no-break space at every offset: one space. */
START_TEST(test_spaces_every_offset)
{
	static const char *const gaps[] = { "  ", "\t", "\xC2\xA0", " \xE2\x80\x89 ", "&nbsp; " };
	struct settings st;
	struct normalize nz;
	char in[120], want[120];

	settings_init(&st);
	normalize_init(&nz, &st);
	for (size_t k = 1; k < 40; k++) {
		for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++) {
			memset(want, 'w', k);
			memcpy(in, want, k);
			size_t n = k + (size_t)sprintf(in + k, "%s’tail  ", gaps[g]);
			size_t wn = k + (size_t)sprintf(want + k, " ’tail");
			const char *out;
			size_t outlen;
			normalize_line(&nz, in, n, &out, &outlen);
			ck_assert_msg(outlen == wn && memcmp(out, want, wn) == 0,
				      "%s gave %s", esc(in, n), esc(out, outlen));
		}
	}
	normalize_fini(&nz);
}
END_TEST

/* Code points around which the Unicode forms do work, and plain ones. */
static const int32_t form_cps[] = {
	'a', 'e', 'K', 'A', 0x0301, 0x0327, 0x0308, 0x0306, 0x0323, 0x0302,
	0x1100, 0x1161, 0x11A8, 0xAC00, 0x212B, 0x0958, 0x0F73, 0x0344, 0x0438,
	0x304B, 0x3099, 0x00C5, 0x1EC7, 0x03B9, 0x0345, 0xFB01, 0x2460, 0x0416,
	0x4E2D, 0x05D0, 0x05B4, 0x0627, 0x0653, 0x00E9, 0x1E0B,
};

/* The passes apply the form segment by segment: the result is utf8proc's
 * over the whole line. */
START_TEST(test_form_segments)
{
	static const enum norm_form forms[] = { NORM_NFC, NORM_NFD, NORM_NFKC, NORM_NFKD };
	static const utf8proc_option_t opts[] = {
		UTF8PROC_COMPOSE, UTF8PROC_DECOMPOSE,
		UTF8PROC_COMPOSE | UTF8PROC_COMPAT, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
	};
	struct settings st;
	struct normalize nz;
	unsigned seed = (unsigned)_i + 17u;
	char in[400];

	settings_init(&st);
	st.normalize = forms[_i % 4];
	normalize_init(&nz, &st);
	for (int round = 0; round < 250; round++) {
		size_t n = 0;
		seed = seed * 1103515245u + 12345u;
		int k = (int)((seed >> 16) % 60);
		for (int j = 0; j < k; j++) {
			seed = seed * 1103515245u + 12345u;
			n += utf8_encode(in + n, form_cps[(seed >> 16) % NROWS(form_cps)]);
		}
		utf8proc_uint8_t *want = NULL;
		utf8proc_ssize_t wn = utf8proc_map((const utf8proc_uint8_t *)in,
						   (utf8proc_ssize_t)n, &want,
						   UTF8PROC_STABLE | opts[_i % 4]);
		ck_assert_int_ge(wn, 0);
		const char *out;
		size_t outlen;
		normalize_line(&nz, in, n, &out, &outlen);
		ck_assert_msg(outlen == (size_t)wn && memcmp(out, want, outlen) == 0,
			      "form %d: %s gave %s, want %s", _i % 4, esc(in, n),
			      esc(out, outlen), esc((const char *)want, (size_t)wn));
		free(want);
	}
	normalize_fini(&nz);
}
END_TEST

static Suite *scan_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("scans");
	tcase_add_loop_test(tc, test_scans_agree, 0, 400);
	tcase_add_loop_test(tc, test_eol_scan_agrees, 0, 400);
	tcase_add_loop_test(tc, test_mojibake_scan_agrees, 0, 600);
	tcase_add_test(tc, test_mojibake_may_start);
	suite_add_tcase(s, tc);
	tc = tcase_create("mapper");
	tcase_add_checked_fixture(tc, mapper_setup, mapper_teardown);
	tcase_add_loop_test(tc, test_mapper_every_offset, 0, NROWS(places));
	tcase_add_test(tc, test_mapper_many_keys);
	suite_add_tcase(s, tc);
	tc = tcase_create("normalize");
	tcase_add_test(tc, test_spaces_every_offset);
	tcase_add_loop_test(tc, test_form_segments, 0, 40);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(scan_suite());
}
