/* check_reqlit.c -- unit tests: the literal every match of a regex holds */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_util.h"

#include "reqlit.h"

static const char *lit_of(const char *pat, bool caseless)
{
	static char out[REQLIT_MAX + 1];
	struct reqlit l;

	reqlit_find(&l, pat, strlen(pat), caseless, false);
	memcpy(out, l.s, l.len);
	out[l.len] = '\0';
	return out;
}

START_TEST(test_found)
{
	ck_assert_str_eq(lit_of("^Posted on \\d+", false), "Posted on ");
	ck_assert_str_eq(lit_of("\\bOdessa,? (?:Texas|Tex\\.)", false), "Odessa");
	ck_assert_str_eq(lit_of("\\bOdessa,? (?:Texas|Tex\\.)", true), "ode");
	ck_assert_str_eq(lit_of("\\b(?i:Odessa), (?:DE|MO)\\b", false), "ode");
	ck_assert_str_eq(lit_of("(abc)", false), "abc");
	ck_assert_str_eq(lit_of("x(?:abc)+y", false), "xabc");
	ck_assert_str_eq(lit_of("wxy(?:abc)?z", false), "wxy");
	ck_assert_str_eq(lit_of("a(?:b(cd)e)fg", false), "abcdefg");
	ck_assert_str_eq(lit_of("q(?:ab|cd)efgh", false), "efgh");
	ck_assert_str_eq(lit_of("ab?cdef", false), "cdef");
	ck_assert_str_eq(lit_of("abc*def", false), "def");
	ck_assert_str_eq(lit_of("abc+def", false), "abc");
	ck_assert_str_eq(lit_of("x{2}yz{0,3}uvw", false), "uvw");
	ck_assert_str_eq(lit_of("xy{1,3}abc", false), "abc");
	ck_assert_str_eq(lit_of("wxy{1,3}ab", false), "wxy");
	ck_assert_str_eq(lit_of("\\.com\\b", false), ".com");
	ck_assert_str_eq(lit_of("a[)(]bc(d|e)fgh", false), "fgh");
	ck_assert_str_eq(lit_of("(?<=abc)defg", false), "defg");
	ck_assert_str_eq(lit_of("(?=xyz)ab.cde", false), "cde");
	ck_assert_str_eq(lit_of("share on twitter", false), "share on twitter");
	/* caseless: lowercase, and no k or s (U+212A, U+017F match them) */
	ck_assert_str_eq(lit_of("Read MORE", true), "read more");
	ck_assert_str_eq(lit_of("Facebook", true), "faceboo");
	ck_assert_str_eq(lit_of("(?i)Posted by", false), "ted by");
	ck_assert_str_eq(lit_of("Posted(?i) by", false), "ted"); /* caseless throughout */
	/* the first 32 characters of a longer run */
	ck_assert_str_eq(lit_of("0123456789abcdefghijklmnopqrstuvwxyz", false),
			 "0123456789abcdefghijklmnopqrstuv");
}
END_TEST

START_TEST(test_none)
{
	static const char *const pats[] = {
		"abc|def",          /* alternation at the top */
		"ab",               /* too short */
		"(abc)?",           /* an optional group */
		"(?<n>abc)",        /* a named group is skipped */
		"[abc][def]",
		"a.b.c",
		"\\Qabc\\E",
		"(*ACCEPT)abc",
		"abc(*ACCEPT)def",
		"(?x) a b c d",
		"\\x41\\x42\\x43\\x44",
		"\\101\\102\\103",
		"(a)\\1\\1\\1",
		"\\p{L}abc",        /* abc after: found; see below */
		"abc{",             /* a brace that is not a quantifier */
		"a{2",
		"abc)",
		"abc\\",
		"Kiss",             /* caseless: k and s */
		NULL,
	};
	for (size_t i = 0; pats[i]; i++) {
		struct reqlit l;
		bool caseless = strcmp(pats[i], "Kiss") == 0;
		reqlit_find(&l, pats[i], strlen(pats[i]), caseless, false);
		if (strcmp(pats[i], "\\p{L}abc") == 0)
			ck_assert_uint_eq(l.len, 0); /* \p is not followed: no literal */
		else
			ck_assert_msg(l.len == 0, "%s: \"%.*s\"", pats[i], (int)l.len, l.s);
	}
	struct reqlit l;
	reqlit_find(&l, "abcdef", 6, false, true); /* extended mode */
	ck_assert_uint_eq(l.len, 0);
}
END_TEST

START_TEST(test_at)
{
	struct reqlit l;

	reqlit_find(&l, "Toronto", 7, true, false);
	ck_assert(l.caseless);
	ck_assert_uint_eq(reqlit_at(&l, "in TORONTO, Ontario", 19), 3);
	ck_assert_uint_eq(reqlit_at(&l, "toronto", 7), 0);
	ck_assert_uint_eq(reqlit_at(&l, "toront", 6), SIZE_MAX);
	ck_assert_uint_eq(reqlit_at(&l, "Toron to and more text after it, past one block", 47),
			  SIZE_MAX);
	/* the first of two, at every offset of a long line, and cut at every
	 * length (the last block is read again from the end) */
	char line[80];
	for (size_t at = 0; at + 7 <= sizeof line; at++) {
		memset(line, 't', sizeof line);
		memcpy(line + at, "tOrOnTo", 7);
		if (at + 20 <= sizeof line)
			memcpy(line + at + 13, "toronto", 7);
		for (size_t n = 0; n <= sizeof line; n++)
			ck_assert_uint_eq(reqlit_at(&l, line, n), n >= at + 7 ? at : SIZE_MAX);
	}
	reqlit_find(&l, "Odessa", 6, false, false);
	ck_assert_uint_eq(reqlit_at(&l, "in ODESSA", 9), SIZE_MAX);
	ck_assert_uint_eq(reqlit_at(&l, "in Odessa", 9), 3);
	struct reqlit o;
	reqlit_find(&o, "^Odessa(?:,| -)", 15, false, false);
	ck_assert(reqlit_equal(&l, &o));
	reqlit_find(&o, "Odessa", 6, true, false);
	ck_assert(!reqlit_equal(&l, &o)); /* "ode", caseless */
	reqlit_find(&o, "Odessb", 6, false, false);
	ck_assert(!reqlit_equal(&l, &o));
	reqlit_find(&l, "a.b", 3, false, false); /* none: every line passes */
	ck_assert_uint_eq(reqlit_at(&l, "", 0), 0);
}
END_TEST

/* A random pattern over a few letters, with the constructs the reader follows. */
static void random_pattern(unsigned *seed, char *p, size_t cap)
{
	static const char *const atoms[] = {
		"a", "b", "c", "k", "s", "A", "B", "\\.", ".", "[ab]", "[^c]", "(a|b)",
		"(?:ab|c)", "(?i:ab)", "\\b", "\\d", "\\w", "^", "$", "(?=a)", "(?<=b)",
		"(?!c)", "(?i)", "(?-i)", "\\s", " ", "-", "(ab)+", "[)]", "a|", "\\K",
		"abc", "cab", "ba", "ab", "(?:bca)", "(ca)", "(?i:cba)",
	};
	static const char *const quants[] = { "", "", "", "", "?", "*", "+", "{2}", "{0,2}",
					      "{1,}", "??", "*+", "+?" };
	size_t len = 0;
	unsigned n = 1 + (unsigned)rand_r(seed) % 8;
	for (unsigned i = 0; i < n; i++) {
		const char *a = atoms[(unsigned)rand_r(seed) % (sizeof atoms / sizeof *atoms)];
		const char *q = quants[(unsigned)rand_r(seed) % (sizeof quants / sizeof *quants)];
		if (len + strlen(a) + strlen(q) + 1 >= cap)
			break;
		len += (size_t)sprintf(p + len, "%s%s", a, q);
	}
	p[len] = '\0';
}

static void random_subject(unsigned *seed, char *s, size_t *n)
{
	static const char *const parts[] = {
		"a", "b", "c", "k", "s", "A", "B", "K", "S", ".", " ", "-", "1", ")",
		"\xE2\x84\xAA", /* KELVIN SIGN */
		"\xC5\xBF",     /* LATIN SMALL LETTER LONG S */
	};
	size_t len = 0;
	unsigned k = (unsigned)rand_r(seed) % 24;
	for (unsigned i = 0; i < k; i++) {
		const char *p = parts[(unsigned)rand_r(seed) % (sizeof parts / sizeof *parts)];
		memcpy(s + len, p, strlen(p));
		len += strlen(p);
	}
	*n = len;
}

/* Whenever PCRE2 finds a match, the line holds the literal. */
START_TEST(test_random_against_pcre2)
{
	unsigned seed = 7;
	size_t with_lit = 0, matched = 0;
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);

	for (int t = 0; t < 20000; t++) {
		char pat[128], subj[128];
		size_t n;
		random_pattern(&seed, pat, sizeof pat);
		bool caseless = rand_r(&seed) % 2;
		uint32_t opt = PCRE2_UTF | PCRE2_UCP | (caseless ? PCRE2_CASELESS : 0);
		int err;
		PCRE2_SIZE off;
		pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, strlen(pat), opt, &err, &off, NULL);
		if (!code)
			continue;
		struct reqlit l;
		reqlit_find(&l, pat, strlen(pat), caseless, false);
		with_lit += l.len > 0;
		for (int u = 0; u < 40; u++) {
			random_subject(&seed, subj, &n);
			if (pcre2_match(code, (PCRE2_SPTR)subj, n, 0, 0, md, NULL) > 0) {
				matched++;
				ck_assert_msg(reqlit_at(&l, subj, n) != SIZE_MAX, "/%s/%s matches \"%.*s\", "
					      "which lacks \"%.*s\"", pat, caseless ? "i" : "",
					      (int)n, subj, (int)l.len, l.s);
			}
		}
		pcre2_code_free(code);
	}
	pcre2_match_data_free(md);
	/* the test tested something */
	ck_assert_uint_gt(with_lit, 2000);
	ck_assert_uint_gt(matched, 20000);
}
END_TEST

static Suite *reqlit_suite(void)
{
	Suite *s = suite_create("reqlit");
	TCase *tc = tcase_create("reqlit");
	tcase_add_test(tc, test_found);
	tcase_add_test(tc, test_none);
	tcase_add_test(tc, test_at);
	tcase_add_test(tc, test_random_against_pcre2);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(reqlit_suite());
}
