/* check_normalize.c -- unit tests: normalize (stage 2) and entities */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_util.h"

#include "buf.h"
#include "entities.h"
#include "normalize.h"
#include "settings.h"
#include "utf8.h"

/* UTF-8 of the code points these tests use (split literals after \x escapes) */
#define NBSP "\xC2\xA0"
#define SHY "\xC2\xAD"
#define ZWSP "\xE2\x80\x8B"
#define ZWNJ "\xE2\x80\x8C"
#define ZWJ "\xE2\x80\x8D"
#define LRM "\xE2\x80\x8E"
#define RLM "\xE2\x80\x8F"
#define WJ "\xE2\x81\xA0"
#define BOMCP "\xEF\xBB\xBF"
#define IDSP "\xE3\x80\x80"
#define VS16 "\xEF\xB8\x8F"
#define TAG_A "\xF3\xA0\x81\xA1"
#define ACUTE "\xCC\x81"
#define E_ACUTE "\xC3\xA9"
#define FW_AMP "\xEF\xBC\x86" /* U+FF06 FULLWIDTH AMPERSAND */

static const char *const form_names[] = { "none", "nfc", "nfd", "nfkc", "nfkd" };

/* One normalize_line through a fresh stage; the result is copied to out. */
static void norm(enum norm_form form, bool entities, bool quotes, const char *in, size_t n,
		 struct buf *out)
{
	struct settings st;
	struct normalize nz;
	const char *o;
	size_t on;

	settings_init(&st);
	st.normalize = form;
	st.entities = entities;
	st.ascii_quotes = quotes;
	normalize_init(&nz, &st);
	normalize_line(&nz, in, n, &o, &on);
	buf_clear(out);
	buf_append(out, o, on);
	normalize_fini(&nz);
}

static void check_norm(enum norm_form form, bool entities, bool quotes, const char *in,
		       size_t n, const char *exp, size_t elen)
{
	struct buf out;

	buf_init(&out);
	norm(form, entities, quotes, in, n, &out);
	ck_assert_msg(out.len == elen && memcmp(out.p, exp, elen) == 0,
		      "%s%s%s: \"%s\" gave \"%s\", expected \"%s\"", form_names[form],
		      entities ? "" : " no-entities", quotes ? " ascii-quotes" : "",
		      esc(in, n), esc(out.p, out.len), esc(exp, elen));
	buf_fini(&out);
}

struct row {
	const char *in;
	size_t len;
	const char *out;
	size_t outlen;
};

/* ---------------------------------------------------------- entities */

static const struct row ref_rows[] = {
	{ S("&amp;"), S("&") },
	{ S("&amp;amp;"), S("&") },
	{ S("&amp;amp;amp;lt;"), S("<") },
	{ S("&amp;#65;"), S("A") },
	{ S("&#38;#38;"), S("&") },
	{ S("&#x26;amp;"), S("&") },
	{ S("&amp;&amp;"), S("&&") },
	{ S("&&amp;"), S("&&") },
	{ S("AT&T"), S("AT&T") },
	{ S("R&D;"), S("R&D;") },
	{ S("AT&T;"), S("AT&T;") },
	{ S("a & b"), S("a & b") },
	{ S("&"), S("&") },
	{ S("&;"), S("&;") },
	{ S("&amp"), S("&amp") },                /* no closing ';' */
	{ S("&amp x;"), S("&amp x;") },
	{ S("& amp;"), S("& amp;") },
	{ S("&nbsp"), S("&nbsp") },
	{ S("&notit;"), S("&notit;") },          /* no legacy prefix matching */
	{ S("&unknownentity;"), S("&unknownentity;") },
	{ S("&EACUTE;"), S("&EACUTE;") },        /* names are case-sensitive */
	{ S("&quot;x&quot;"), S("\"x\"") },
	{ S("&lt;b&gt;"), S("<b>") },
	{ S("&AMP;&LT;"), S("&<") },
	{ S("&eacute;&Eacute;"), S("\xC3\xA9\xC3\x89") },
	{ S("&copy;"), S("\xC2\xA9") },
	{ S("&fjlig;"), S("fj") },
	{ S("&NotEqualTilde;"), S("\xE2\x89\x82\xCC\xB8") }, /* two code points */
	{ S("&ApplyFunction;"), S("\xE2\x81\xA1") },
	{ S("&#8217;"), S("\xE2\x80\x99") },
	{ S("&#x2019;"), S("\xE2\x80\x99") },
	{ S("&#X2019;"), S("\xE2\x80\x99") },
	{ S("&#x2019"), S("&#x2019") },
	{ S("&#65;&#x42;&#X43;"), S("ABC") },
	{ S("&#0000000065;"), S("A") },
	{ S("&#x1F600;"), S("\xF0\x9F\x98\x80") },
	{ S("&#x10FFFF;"), S("\xF4\x8F\xBF\xBF") },
	{ S("&#;"), S("&#;") },
	{ S("&#x;"), S("&#x;") },
	{ S("&#xZ;"), S("&#xZ;") },
	{ S("&#65"), S("&#65") },
	/* HTML5: 0x80-0x9F as windows-1252 */
	{ S("&#150;"), S("\xE2\x80\x93") },
	{ S("&#151;"), S("\xE2\x80\x94") },
	{ S("&#x80;"), S("\xE2\x82\xAC") },
	{ S("&#153;"), S("\xE2\x84\xA2") },
	{ S("&#x9F;"), S("\xC5\xB8") },
	{ S("x&#x85;y"), S("x\xE2\x80\xA6y") },  /* 0x85 is U+2026 in HTML5 */
	/* zero, surrogates, above U+10FFFF */
	{ S("&#0;"), S(FFFD) },
	{ S("&#x0;"), S(FFFD) },
	{ S("&#xD800;"), S(FFFD) },
	{ S("&#xDFFF;"), S(FFFD) },
	{ S("&#55296;"), S(FFFD) },
	{ S("&#x110000;"), S(FFFD) },
	{ S("&#1114112;"), S(FFFD) },
	{ S("&#99999999999999999999999;"), S(FFFD) },
	{ S("&#xFFFFFFFFFFFFFFFFFFFF;"), S(FFFD) },
	/* a control character gives a space */
	{ S("x&#10;y"), S("x y") },
	{ S("x&#13;y"), S("x y") },
	{ S("x&#9;y"), S("x y") },
	{ S("x&Tab;y"), S("x y") },
	{ S("x&NewLine;y"), S("x y") },
	{ S("x&#12;y"), S("x y") },
	{ S("x&#1;y"), S("x y") },
	{ S("x&#x1B;y"), S("x y") },
	{ S("x&#x7F;y"), S("x y") },
	{ S("x&#x81;y"), S("x y") },
	{ S("x&#x8D;y"), S("x y") },
	{ S("x&#x8F;y"), S("x y") },
	{ S("x&#x90;y"), S("x y") },
	{ S("x&#x9D;y"), S("x y") },
	{ S("x&#10;&#10; &#10;y"), S("x y") },
	{ S("&#10;x&#9;"), S("x") },
	/* a reference to a removed character removes it */
	{ S("x&shy;y"), S("xy") },
	{ S("x&#173;y"), S("xy") },
	{ S("x&#x200B;y"), S("xy") },
	{ S("x&ZeroWidthSpace;y"), S("xy") },
	{ S("x&NoBreak;y"), S("xy") },
	{ S("x&#xFEFF;y"), S("xy") },
	{ S("x&#x200D;y"), S("x" ZWJ "y") },
	/* space references */
	{ S("&nbsp;"), S("") },
	{ S("x&nbsp;y"), S("x y") },
	{ S("x &nbsp; y"), S("x y") },
	{ S("x&amp;nbsp;y"), S("x y") },
	{ S("&emsp;x&ensp;y&thinsp;"), S("x y") },
	{ S("x&#x3000;y"), S("x" IDSP "y") },
	/* references meet the normalization form */
	{ S("e&#769;"), S(E_ACUTE) },
	{ S("&lt;&#x338;"), S("\xE2\x89\xAE") },
	{ S("&ldquo;x&rdquo;"), S("\xE2\x80\x9Cx\xE2\x80\x9D") },
};

START_TEST(test_entities)
{
	const struct row *r = &ref_rows[_i];
	check_norm(NORM_NFC, true, false, r->in, r->len, r->out, r->outlen);
}
END_TEST

static const struct row no_entity_rows[] = {
	{ S("&amp;"), S("&amp;") },
	{ S("&amp;amp;"), S("&amp;amp;") },
	{ S("&#8217;"), S("&#8217;") },
	{ S("x&nbsp;y"), S("x&nbsp;y") },
	{ S("x&#10;y"), S("x&#10;y") },
	{ S("  &lt;  x" ZWSP " "), S("&lt; x") },  /* the other rules still apply */
};

START_TEST(test_no_entities)
{
	const struct row *r = &no_entity_rows[_i];
	for (int f = NORM_NONE; f <= NORM_NFKD; f++)
		check_norm((enum norm_form)f, false, false, r->in, r->len, r->out, r->outlen);
}
END_TEST

/* entities_decode() on its own: lengths and code points. */
START_TEST(test_entities_decode)
{
	int32_t cps[2] = { -1, -1 };
	int ncp = -1;

	ck_assert_uint_eq(entities_decode(S("&amp;rest"), cps, &ncp), 5);
	ck_assert_int_eq(ncp, 1);
	ck_assert_int_eq(cps[0], '&');
	ck_assert_uint_eq(entities_decode(S("&NotEqualTilde;"), cps, &ncp), 15);
	ck_assert_int_eq(ncp, 2);
	ck_assert_int_eq(cps[0], 0x2242);
	ck_assert_int_eq(cps[1], 0x0338);
	ck_assert_uint_eq(entities_decode(S("&#x2019;"), cps, &ncp), 8);
	ck_assert_int_eq(cps[0], 0x2019);
	ck_assert_uint_eq(entities_decode(S("&#150;"), cps, &ncp), 6);
	ck_assert_int_eq(cps[0], 0x2013);
	ck_assert_uint_eq(entities_decode(S("&#x85;"), cps, &ncp), 6);
	ck_assert_int_eq(cps[0], 0x2026);
	ck_assert_uint_eq(entities_decode(S("&#x81;"), cps, &ncp), 6);
	ck_assert_int_eq(cps[0], 0x81);
	ck_assert_uint_eq(entities_decode(S("&CounterClockwiseContourIntegral;"), cps, &ncp),
			  33);
	ck_assert_int_eq(cps[0], 0x2233);
	ck_assert_uint_eq(entities_decode(S("&amp"), cps, &ncp), 0);
	ck_assert_uint_eq(entities_decode(S("&T"), cps, &ncp), 0);
	ck_assert_uint_eq(entities_decode(S("&D;"), cps, &ncp), 0);
	ck_assert_uint_eq(entities_decode(S("&ampx;"), cps, &ncp), 0);
	ck_assert_uint_eq(entities_decode(S("&am;"), cps, &ncp), 0);
	ck_assert_uint_eq(entities_decode(S("&"), cps, &ncp), 0);
	ck_assert_uint_eq(entities_decode("&amp;", 4, cps, &ncp), 0); /* ';' not in range */
}
END_TEST

/* Every name of the HTML5 table is found, with its code points. */
struct entity_row {
	const char *name;
	int32_t cp[2];
};
#include "entities_table.h"

START_TEST(test_entities_every_name)
{
	char ref[ENTITIES_MAX_NAME + 3];
	int32_t cps[2];
	int ncp;

	ck_assert_int_eq(ENTITIES_COUNT, 2125);
	for (size_t i = 0; i < ENTITIES_COUNT; i++) {
		const struct entity_row *e = &entity_rows[i];
		int n = snprintf(ref, sizeof ref, "&%s;", e->name);
		ck_assert_int_lt(n, (int)sizeof ref);
		cps[0] = cps[1] = -1;
		ck_assert_msg(entities_decode(ref, (size_t)n, cps, &ncp) == (size_t)n,
			      "%s not found", ref);
		ck_assert_msg(cps[0] == e->cp[0] && ncp == (e->cp[1] ? 2 : 1) &&
				      (ncp == 1 || cps[1] == e->cp[1]),
			      "%s gave U+%04X (%d)", ref, (unsigned)cps[0], ncp);
		/* without the ';' it is no reference */
		ck_assert_uint_eq(entities_decode(ref, (size_t)n - 1, cps, &ncp), 0);
	}
}
END_TEST

/* ------------------------------------------------------------ removal */

static const struct row removed_rows[] = {
	{ S("x\0y"), S("xy") },
	{ S("x\x01y"), S("xy") },
	{ S("x\x08y"), S("xy") },
	{ S("x\x0By"), S("xy") },
	{ S("x\ry"), S("xy") },
	{ S("x\x1By"), S("xy") },
	{ S("x\x1Fy"), S("xy") },
	{ S("x\x7Fy"), S("xy") },
	{ S("x\xC2\x80y"), S("xy") },
	{ S("x\xC2\x85y"), S("xy") },
	{ S("x\xC2\x9Fy"), S("xy") },
	{ S("x" ZWSP "y"), S("xy") },
	{ S("x" BOMCP "y"), S("xy") },
	{ S("x" SHY "y"), S("xy") },
	{ S("x" WJ "y"), S("xy") },
	{ S("\x01\x02\x03"), S("") },
	{ S(ZWSP " x " SHY), S("x") },
	{ S("x " ZWSP " y"), S("x y") },
	{ S("\x7F" "x"), S("x") },
};

START_TEST(test_removed)
{
	const struct row *r = &removed_rows[_i];
	for (int f = NORM_NONE; f <= NORM_NFKD; f++)
		check_norm((enum norm_form)f, true, false, r->in, r->len, r->out, r->outlen);
}
END_TEST

/* Kept as they are, in every form: they carry meaning. */
static const char *const kept[] = {
	ZWJ, ZWNJ, LRM, RLM, VS16, TAG_A,
	"\xEF\xB8\x80",             /* U+FE00 VS1 */
	"\xF3\xA0\x84\x80",         /* U+E0100 VS17 */
	"\xF3\xA0\x81\xBF",         /* U+E007F CANCEL TAG */
	"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
	"\xE2\x80\xAE",             /* U+202A-U+202E bidi embeddings */
	"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9", /* isolates */
	"\xD8\x9C",                 /* U+061C ARABIC LETTER MARK */
	"\xE2\x81\xA1", "\xE2\x81\xA2", "\xE2\x81\xA3", "\xE2\x81\xA4", /* U+2061-4 */
	"\xCD\x8F",                 /* U+034F COMBINING GRAPHEME JOINER */
	"\xE1\xA0\x8E",             /* U+180E MONGOLIAN VOWEL SEPARATOR */
	"\xEF\xBF\xBC",             /* U+FFFC */
	FFFD,
	/* woman technologist: a ZWJ sequence */
	"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
	/* the flag of Scotland: a tag sequence */
	"\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3"
	"\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF",
	/* Persian "mikhaham" with a ZWNJ */
	"\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85",
	/* Hindi "kshatriya" with a virama and ZWJ */
	"\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7",
	/* heart with VS16 */
	"\xE2\x9D\xA4\xEF\xB8\x8F",
};

START_TEST(test_kept)
{
	char in[128];
	size_t n = (size_t)snprintf(in, sizeof in, "x%sy", kept[_i]);
	for (int f = NORM_NONE; f <= NORM_NFKD; f++)
		check_norm((enum norm_form)f, true, false, in, n, in, n);
}
END_TEST

/* --------------------------------------------------------------- forms */

static const struct {
	enum norm_form form;
	const char *in;
	size_t len;
	const char *out;
	size_t outlen;
} form_rows[] = {
	{ NORM_NFC, S("e" ACUTE), S(E_ACUTE) },
	{ NORM_NFD, S(E_ACUTE), S("e" ACUTE) },
	{ NORM_NFKC, S("e" ACUTE), S(E_ACUTE) },
	{ NORM_NFKD, S(E_ACUTE), S("e" ACUTE) },
	{ NORM_NONE, S("e" ACUTE), S("e" ACUTE) },
	{ NORM_NONE, S(E_ACUTE), S(E_ACUTE) },
	{ NORM_NFC, S("\xEF\xAC\x81"), S("\xEF\xAC\x81") },   /* fi ligature */
	{ NORM_NFD, S("\xEF\xAC\x81"), S("\xEF\xAC\x81") },
	{ NORM_NFKC, S("\xEF\xAC\x81"), S("fi") },
	{ NORM_NFKD, S(E_ACUTE "\xEF\xAC\x81" "x"), S("e" ACUTE "fix") },
	{ NORM_NONE, S("\xEF\xAC\x81"), S("\xEF\xAC\x81") },
	{ NORM_NFC, S("\xE2\x84\xAB"), S("\xC3\x85") },       /* ANGSTROM SIGN */
	{ NORM_NFD, S("\xE2\x84\xAB"), S("A\xCC\x8A") },
	{ NORM_NFC, S("\xE2\x84\xAA"), S("K") },              /* KELVIN SIGN */
	{ NORM_NFC, S("\xCD\xBE"), S(";") },                  /* GREEK QUESTION MARK */
	{ NORM_NONE, S("\xCD\xBE"), S("\xCD\xBE") },
	{ NORM_NFC, S("\xE1\x84\x80\xE1\x85\xA1"), S("\xEA\xB0\x80") }, /* Hangul */
	{ NORM_NFD, S("\xEA\xB0\x80"), S("\xE1\x84\x80\xE1\x85\xA1") },
	{ NORM_NFKC, S("\xE3\x84\xB1"), S("\xE1\x84\x80") },  /* compatibility jamo */
	{ NORM_NFC, S("\xE1\xB8\x8A\xCC\xA3"), S("\xE1\xB8\x8C\xCC\x87") }, /* reordering */
	{ NORM_NFD, S("\xE1\xB8\x8A\xCC\xA3"), S("D\xCC\xA3\xCC\x87") },
	{ NORM_NFC, S("Vie\xCC\x82\xCC\xA3t"), S("Vi\xE1\xBB\x87t") },
	{ NORM_NFD, S("Vi\xE1\xBB\x87t"), S("Vie\xCC\xA3\xCC\x82t") },
	{ NORM_NFC, S("n\xCC\x83" "o"), S("\xC3\xB1o") },
	{ NORM_NFD, S("\xC3\xB1"), S("n\xCC\x83") },
	{ NORM_NFC, S("\xC3\x86r\xC3\xB8sk\xC3\xB8" "bing"), S("\xC3\x86r\xC3\xB8sk\xC3\xB8" "bing") },
	{ NORM_NFKC, S("\xE2\x91\xA0"), S("1") },             /* circled one */
	{ NORM_NFKC, S("\xEF\xBC\xA8\xEF\xBD\x85\xEF\xBD\x8C\xEF\xBD\x8C\xEF\xBD\x8F"),
	  S("Hello") },
	{ NORM_NFC, S("x\xC2\xB2"), S("x\xC2\xB2") },
	{ NORM_NFD, S("x\xC2\xB2"), S("x\xC2\xB2") },
	{ NORM_NFKC, S("x\xC2\xB2"), S("x2") },
	{ NORM_NFKD, S("x\xC2\xB2"), S("x2") },
	{ NORM_NFC, S("\xE2\x80\xA6"), S("\xE2\x80\xA6") },   /* ellipsis */
	{ NORM_NFKC, S("\xE2\x80\xA6"), S("...") },
	{ NORM_NFKD, S("\xE2\x80\xA6"), S("...") },
	{ NORM_NFKC, S("x\xE2\x80\xA4y"), S("x.y") },         /* one dot leader */
	{ NORM_NFKC, S("\xE2\x81\x87"), S("??") },
	{ NORM_NFKC, S("\xE2\x80\x91"), S("\xE2\x80\x90") },  /* non-breaking hyphen */
	{ NORM_NFKC, S("\xE2\x80\xB3"), S("\xE2\x80\xB2\xE2\x80\xB2") },
	{ NORM_NFKC, S("\xE2\x80\x93\xE2\x80\x94\xE2\x80\x98\xE2\x80\x9C"),
	  S("\xE2\x80\x93\xE2\x80\x94\xE2\x80\x98\xE2\x80\x9C") },
	{ NORM_NFKD, S("\xE2\x80\x94"), S("\xE2\x80\x94") },
	{ NORM_NFC, S("\xE2\x80\x98x\xE2\x80\x99"), S("\xE2\x80\x98x\xE2\x80\x99") },
	{ NORM_NFKC, S("\xE3\x8C\x80"), S("\xE3\x82\xA2\xE3\x83\x91\xE3\x83\xBC\xE3\x83\x88") },
	{ NORM_NFC, S("\xE2\x80\x80" "x"), S("x") },          /* U+2000 -> U+2002, a space */
};

START_TEST(test_forms)
{
	check_norm(form_rows[_i].form, true, false, form_rows[_i].in, form_rows[_i].len,
		   form_rows[_i].out, form_rows[_i].outlen);
}
END_TEST

/* -------------------------------------------------------------- spaces */

static const struct {
	const char *in;
	size_t len;
	const char *canon;  /* none, NFC, NFD */
	const char *compat; /* NFKC, NFKD */
} space_rows[] = {
	{ S("x\ty"), "x y", "x y" },
	{ S("x\t\ty"), "x y", "x y" },
	{ S("x" NBSP "y"), "x y", "x y" },
	{ S("x\xE1\x9A\x80y"), "x y", "x y" },                /* U+1680 */
	{ S("x\xE2\x80\x80y"), "x y", "x y" },                /* U+2000 */
	{ S("x\xE2\x80\x81y"), "x y", "x y" },
	{ S("x\xE2\x80\x82y"), "x y", "x y" },
	{ S("x\xE2\x80\x83y"), "x y", "x y" },
	{ S("x\xE2\x80\x84y"), "x y", "x y" },
	{ S("x\xE2\x80\x85y"), "x y", "x y" },
	{ S("x\xE2\x80\x86y"), "x y", "x y" },
	{ S("x\xE2\x80\x87y"), "x y", "x y" },
	{ S("x\xE2\x80\x88y"), "x y", "x y" },
	{ S("x\xE2\x80\x89y"), "x y", "x y" },
	{ S("x\xE2\x80\x8Ay"), "x y", "x y" },                /* U+200A */
	{ S("x\xE2\x80\xAFy"), "x y", "x y" },                /* U+202F */
	{ S("x\xE2\x81\x9Fy"), "x y", "x y" },                /* U+205F */
	{ S("  x  y  "), "x y", "x y" },
	{ S(" "), "", "" },
	{ S("\t"), "", "" },
	{ S(NBSP), "", "" },
	{ S("   \t " NBSP), "", "" },
	{ S("x \t" NBSP "\xE2\x80\x83 y"), "x y", "x y" },
	{ S("a b c"), "a b c", "a b c" },
	{ S("x\fy"), "x y", "x y" },                          /* form feed in a line */
	{ S("x \f y"), "x y", "x y" },
	{ S("\fx\f"), "x", "x" },
	{ S("\f"), "", "" },
	/* U+3000 is kept, also at the edges, except by NFKC and NFKD */
	{ S("x" IDSP "y"), "x" IDSP "y", "x y" },
	{ S(IDSP "x" IDSP), IDSP "x" IDSP, "x" },
	{ S(" " IDSP " "), IDSP, "" },
	{ S("x " IDSP " y"), "x " IDSP " y", "x y" },
	{ S(IDSP IDSP), IDSP IDSP, "" },
	/* not spaces */
	{ S("x\xE1\xA0\x8Ey"), "x\xE1\xA0\x8Ey", "x\xE1\xA0\x8Ey" }, /* U+180E */
	{ S("x" ZWSP "y"), "xy", "xy" },
	{ S("x " ZWSP " y"), "x y", "x y" },
};

START_TEST(test_spaces)
{
	for (int f = NORM_NONE; f <= NORM_NFKD; f++) {
		const char *exp = f == NORM_NFKC || f == NORM_NFKD ? space_rows[_i].compat
								    : space_rows[_i].canon;
		check_norm((enum norm_form)f, true, false, space_rows[_i].in, space_rows[_i].len,
			   exp, strlen(exp));
	}
}
END_TEST

/* -------------------------------------------------------------- quotes */

static const struct {
	const char *quote;
	char ascii; /* 0: not mapped */
} quote_rows[] = {
	{ "\xE2\x80\x98", '\'' }, { "\xE2\x80\x99", '\'' }, { "\xE2\x80\x9A", '\'' },
	{ "\xE2\x80\x9B", '\'' }, { "\xE2\x80\xB2", '\'' }, { "\xE2\x80\xB9", '\'' },
	{ "\xE2\x80\xBA", '\'' },
	{ "\xE2\x80\x9C", '"' }, { "\xE2\x80\x9D", '"' }, { "\xE2\x80\x9E", '"' },
	{ "\xE2\x80\x9F", '"' }, { "\xE2\x80\xB3", '"' }, { "\xC2\xAB", '"' },
	{ "\xC2\xBB", '"' },
	/* not in the list: kept */
	{ "\xE3\x80\x8C", 0 },      /* U+300C corner bracket */
	{ "\xE3\x80\x9D", 0 },      /* U+301D */
	{ "\xEF\xBC\x82", 0 },      /* U+FF02 fullwidth quotation mark (NFC) */
	{ "\xE2\x80\xB4", 0 },      /* U+2034 triple prime */
	{ "\xCA\xBC", 0 },          /* U+02BC modifier apostrophe */
	{ "\xC2\xB4", 0 },          /* U+00B4 acute accent */
	{ "\xE2\x9D\x9D", 0 },      /* U+275D */
	{ "`", 0 },
};

START_TEST(test_ascii_quotes)
{
	static const enum norm_form forms[] = { NORM_NONE, NORM_NFC, NORM_NFD };
	char in[32], out[32];
	size_t n = (size_t)snprintf(in, sizeof in, "x%sy", quote_rows[_i].quote);
	size_t on = quote_rows[_i].ascii
			    ? (size_t)snprintf(out, sizeof out, "x%cy", quote_rows[_i].ascii)
			    : (size_t)snprintf(out, sizeof out, "%s", in);

	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		check_norm(forms[k], true, true, in, n, out, on);
		check_norm(forms[k], true, false, in, n, in, n); /* off: kept */
	}
}
END_TEST

START_TEST(test_ascii_quotes_text)
{
	check_norm(NORM_NFC, true, true, S("\xC2\xAB It\xE2\x80\x99s \xE2\x80\x9E" "fine\xE2\x80\x9C \xC2\xBB"),
		   S("\" It's \"fine\" \""));
	check_norm(NORM_NFC, true, true, S("&ldquo;x&rdquo; &#8216;y&#8217;"), S("\"x\" 'y'"));
	check_norm(NORM_NFC, true, true, S("6\xE2\x80\xB2" "2\xE2\x80\xB3"), S("6'2\""));
}
END_TEST

/* --------------------------------------------------------- fixed point */

static const struct {
	const char *in;
	size_t len;
} fixed_rows[] = {
	{ S("&am&#8203;p;") },
	{ S("&am" ZWSP "p;") },           /* removing an invisible makes a reference */
	{ S("&am" SHY "p;") },
	{ S("&amp\x01;") },
	{ S("&a" BOMCP "mp;lt;") },
	{ S("&amp\xCD\xBE") },            /* U+037E is ';' in every form */
	{ S("&\xE2\x84\xAAopf;") },       /* U+212A is 'K' in every form: &Kopf; */
	{ S(FW_AMP "amp;") },
	{ S(FW_AMP "amp;amp;") },
	{ S("\xEF\xB9\xA0lt;") },         /* U+FE60 SMALL AMPERSAND */
	{ S("&amp\xEF\xBC\x9B") },        /* U+FF1B FULLWIDTH SEMICOLON */
	{ S(FW_AMP "\xEF\xBC\x83\xEF\xBC\x93\xEF\xBC\x98\xEF\xBC\x9B") }, /* &#38; wide */
	{ S("&#xFF06;amp;") },
	{ S("&#xFF06;#xFF06;amp;") },
	{ S("&#xFF06;#xFF06;#xFF06;#xFF06;#xFF06;#xFF06;#xFF06;#xFF06;#xFF06;#xFF06;amp;") },
	{ S("e" ZWSP ACUTE) },
	{ S(" " ACUTE "x") },
	{ S("e&#769;") },
	{ S("e&shy;" ACUTE) },
	{ S("x" NBSP ACUTE) },
	{ S(IDSP ACUTE) },
	{ S("x\t" ACUTE) },
	{ S("&#x26;#x26;#x26;") },
	{ S("&amp;nbsp;") },
	{ S("\xC2\xA8") },                /* NFKC: space + diaeresis */
	{ S("x \xC2\xA8") },
	{ S("\xE2\x80\x97x") },           /* NFKC: space + double low line */
	{ S("\xE1\x84\x80" ZWSP "\xE1\x85\xA1") },
	{ S("&#x1100;&#x1161;") },
	{ S("&lt;&#x338;") },
	{ S("&#x3C;\xCC\xB8") },
	{ S("Vie\xCC\x82\xCC\xA3t") },
	{ S("\xE2\x80\x9C&amp;\xE2\x80\x9D \xC2\xAB" "a\xC2\xBB") },
	{ S("&amp;#x3000;") },
	{ S(" \xE3\x80\x80 ") },
	{ S("&#x2000;x&#x2001;") },
	{ S("x&#10;&#10;y") },
	{ S("&#32;&#32;x") },
	{ S("x&#x85;y") },
	{ S("&nbsp;&#x301;") },
	{ S("\xE2\x80\xA8x") },
	{ S("\xEF\xAC\x81" ACUTE) },
	{ S("\xE2\x80\xB3" "x") },
	{ S("a\0&amp\0;") },
};

/* normalize(normalize(x)) == normalize(x), in every form, quotes on and off. */
START_TEST(test_fixed_point)
{
	const char *in = fixed_rows[_i].in;
	size_t n = fixed_rows[_i].len;
	struct buf once, twice;

	buf_init(&once);
	buf_init(&twice);
	for (int f = NORM_NONE; f <= NORM_NFKD; f++) {
		for (int q = 0; q < 2; q++) {
			norm((enum norm_form)f, true, q, in, n, &once);
			ck_assert_msg(utf8_is_valid(once.p, once.len), "%s: invalid UTF-8",
				      form_names[f]);
			norm((enum norm_form)f, true, q, once.p, once.len, &twice);
			ck_assert_msg(once.len == twice.len &&
					      memcmp(once.p, twice.p, once.len) == 0,
				      "%s%s: \"%s\" gave \"%s\", and then \"%s\"", form_names[f],
				      q ? " ascii-quotes" : "", esc(in, n), esc(once.p, once.len),
				      esc(twice.p, twice.len));
		}
	}
	buf_fini(&once);
	buf_fini(&twice);
}
END_TEST

/* The same on random strings made of the pieces that interact. */
START_TEST(test_fixed_point_random)
{
	static const char *const pieces[] = {
		"&", "amp;", "#38;", "#x26;", "lt;", "nbsp;", "#769;", "#x301;", "#8203;",
		"#10;", "am", "p;", ";", "#", "x", "e", "A", " ", "  ", "\t", "\f", "\x01",
		NBSP, IDSP, ZWSP, SHY, BOMCP, WJ, ZWJ, ACUTE, "\xCC\xA3", E_ACUTE, FW_AMP,
		"\xEF\xBC\x9B", "\xCD\xBE", "\xE2\x84\xAA", "\xEF\xAC\x81", "\xE1\x84\x80",
		"\xE1\x85\xA1", "\xE2\x80\x99", "\xE2\x80\x9C", "\xC2\xAB", "\xE2\x80\xB3",
		"\xC2\xA8", "\xE2\x80\x80", "\xE3\x84\xB1", "\xC2\x85",
	};
	enum { NP = sizeof pieces / sizeof *pieces };
	unsigned long long x = 0x9E3779B97F4A7C15ULL ^ (unsigned long long)(_i + 1);
	struct buf in, once, twice;
	int failures = 0;
	char first[1024] = "";

	buf_init(&in);
	buf_init(&once);
	buf_init(&twice);
	for (int round = 0; round < 400; round++) {
		buf_clear(&in);
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int len = 1 + (int)(x % 12);
		for (int k = 0; k < len; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			const char *p = pieces[x % NP];
			buf_append(&in, p, strlen(p));
		}
		for (int f = NORM_NONE; f <= NORM_NFKD; f++) {
			norm((enum norm_form)f, true, round & 1, in.p, in.len, &once);
			norm((enum norm_form)f, true, round & 1, once.p, once.len, &twice);
			if (!utf8_is_valid(once.p, once.len) || once.len != twice.len ||
			    memcmp(once.p, twice.p, once.len) != 0) {
				if (!failures++)
					snprintf(first, sizeof first,
						 "%s: \"%s\" gave \"%s\", and then \"%s\"",
						 form_names[f], esc(in.p, in.len),
						 esc(once.p, once.len), esc(twice.p, twice.len));
			}
		}
	}
	ck_assert_msg(failures == 0, "%d of 2000 not at a fixed point; first: %s", failures,
		      first);
	buf_fini(&in);
	buf_fini(&once);
	buf_fini(&twice);
}
END_TEST

/* ----------------------------------------------------------- the rest */

START_TEST(test_plain_and_empty)
{
	for (int f = NORM_NONE; f <= NORM_NFKD; f++) {
		check_norm((enum norm_form)f, true, false, S(""), S(""));
		check_norm((enum norm_form)f, true, true, S("Plain ASCII, as most news is."),
			   S("Plain ASCII, as most news is."));
		check_norm((enum norm_form)f, true, false, S("'quoted' \"text\""),
			   S("'quoted' \"text\""));
	}
}
END_TEST

/* One stage, many lines: buffers are reused and results do not leak across. */
START_TEST(test_reuse)
{
	struct settings st;
	struct normalize nz;
	const char *o;
	size_t on;

	settings_init(&st);
	normalize_init(&nz, &st);
	normalize_line(&nz, S("  a  &amp;  b  "), &o, &on);
	ck_assert_uint_eq(on, 5);
	ck_assert(memcmp(o, "a & b", 5) == 0);
	normalize_line(&nz, S("x"), &o, &on);
	ck_assert_uint_eq(on, 1);
	ck_assert_int_eq(o[0], 'x');
	normalize_line(&nz, S("e" ACUTE), &o, &on);
	ck_assert_uint_eq(on, 2);
	ck_assert(memcmp(o, E_ACUTE, 2) == 0);
	normalize_line(&nz, S(""), &o, &on);
	ck_assert_uint_eq(on, 0);
	normalize_fini(&nz);
}
END_TEST

/*
 * After a line that no pass changes, the stage holds the summary of its
 * characters (what the rules use to skip their own look); after one that
 * changes, none is known.
 */
START_TEST(test_chars_summary)
{
	struct settings st;
	struct normalize nz;
	const char *o;
	size_t on;
	static const char *same[] = { "plain ASCII", "caf" E_ACUTE " & bar",
				      "\xE2\x80\x9Cquoted\xE2\x80\x9D \xC5\xBF", "" };
	static const char *changed[] = { "two  spaces", "caf" E_ACUTE " &amp; bar",
					 "e" ACUTE, "zero" ZWSP "width", "end " };

	settings_init(&st);
	normalize_init(&nz, &st);
	for (size_t i = 0; i < NROWS(same); i++) {
		normalize_line(&nz, same[i], strlen(same[i]), &o, &on);
		ck_assert(o == same[i]);
		ck_assert_uint_eq(nz.chars, utf8_chars(same[i], strlen(same[i])));
	}
	ck_assert_uint_eq(utf8_chars(S("plain ASCII")), 0);
	/* the Kelvin sign's bit is not a curly quote's */
	ck_assert_uint_ne(utf8_chars(S("\xE2\x84\xAA")), utf8_chars(S("\xE2\x80\x9C")));
	for (size_t i = 0; i < NROWS(changed); i++) {
		normalize_line(&nz, changed[i], strlen(changed[i]), &o, &on);
		ck_assert(o != changed[i]);
		ck_assert_uint_eq(nz.chars, UTF8_CHARS_UNKNOWN);
	}
	normalize_fini(&nz);
}
END_TEST

/*
 * The passes start after a clean beginning of the line; when all after it
 * vanishes, the trim can take the space that ends that beginning, and the
 * rounds after must not look past the shorter line (a read out of bounds
 * once, found by fuzz_pipeline).
 */
START_TEST(test_start_trimmed)
{
	check_norm(NORM_NFC, true, false, S("a &#8203\xCD\xBE"), S("a")); /* U+037E: ';' */
	check_norm(NORM_NFC, true, false, S("word &amp\xCD\xBE &#8203\xCD\xBE"), S("word &"));
}
END_TEST

START_TEST(test_long_line)
{
	enum { REPS = 50000 };
	static const char piece[] = "caf" "e" ACUTE "  &amp;\t";
	static const char exp_piece[] = "caf" E_ACUTE " & ";
	struct buf in, exp, out;

	buf_init(&in);
	buf_init(&exp);
	buf_init(&out);
	for (int i = 0; i < REPS; i++) {
		buf_append(&in, piece, sizeof piece - 1);
		buf_append(&exp, exp_piece, sizeof exp_piece - 1);
	}
	exp.len--; /* the trailing space is trimmed */
	norm(NORM_NFC, true, false, in.p, in.len, &out);
	ck_assert_uint_eq(out.len, exp.len);
	ck_assert(memcmp(out.p, exp.p, exp.len) == 0);
	buf_fini(&in);
	buf_fini(&exp);
	buf_fini(&out);
}
END_TEST

/* ---------------------------------------------------------------- tidy */

static const struct row tidy_rows[] = {
	{ S("  x  y  "), S("x y") },
	{ S("x\ty"), S("x y") },
	{ S("x" NBSP NBSP "y"), S("x y") },
	{ S("x\xE2\x80\x89\xE2\x80\xAF\xE2\x81\x9Fy"), S("x y") },
	{ S("x\fy"), S("x y") },
	{ S(""), S("") },
	{ S("   "), S("") },
	{ S(" \t" NBSP), S("") },
	/* spaces only: nothing else changes */
	{ S("&amp; &#10;"), S("&amp; &#10;") },
	{ S("x" ZWSP "y"), S("x" ZWSP "y") },
	{ S("\xE2\x80\x9Cx\xE2\x80\x9D"), S("\xE2\x80\x9Cx\xE2\x80\x9D") },
	{ S("e" ACUTE), S("e" ACUTE) },
	{ S(IDSP "x" IDSP), S(IDSP "x" IDSP) },
	{ S("\xEF\xAC\x81"), S("\xEF\xAC\x81") },
};

START_TEST(test_tidy)
{
	struct settings st;
	struct normalize nz;
	const char *o;
	size_t on;
	const struct row *r = &tidy_rows[_i];

	for (int f = NORM_NONE; f <= NORM_NFKD; f++) {
		settings_init(&st);
		st.normalize = (enum norm_form)f;
		st.ascii_quotes = true;
		normalize_init(&nz, &st);
		normalize_tidy(&nz, r->in, r->len, 0, r->len, &o, &on);
		ck_assert_msg(on == r->outlen && memcmp(o, r->out, on) == 0,
			      "%s: \"%s\" gave \"%s\", expected \"%s\"", form_names[f],
			      esc(r->in, r->len), esc(o, on), esc(r->out, r->outlen));
		normalize_fini(&nz);
	}
}
END_TEST

/*
 * Stage 6 told that a beginning and an end of the line are stage 2's output
 * no rule changed (rules_state.kept, .tail): the same result as when told
 * nothing, for every cut of a tidy line, whatever a rule put after it, and
 * any end of the tidy line after that.
 */
START_TEST(test_tidy_from)
{
	static const char *const pieces[] = { "a", " ", "  ", NBSP, "\t", E_ACUTE, "bc", "\xE2\x80\x83" };
	struct settings st;
	struct normalize nz;
	char line[64], clean[64], mixed[224];
	unsigned seed = (unsigned)_i * 2654435761u + 7u;

	settings_init(&st);
	normalize_init(&nz, &st);
	for (int round = 0; round < 50; round++) {
		size_t n = 0, m;
		const char *t, *a, *b;
		size_t tn, an, bn;
		for (int k = 0; k < 8; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *pc = pieces[(seed >> 16) % NROWS(pieces)];
			memcpy(line + n, pc, strlen(pc));
			n += strlen(pc);
		}
		normalize_tidy(&nz, line, n, 0, n, &t, &tn); /* a tidy line */
		memcpy(clean, t, tn);
		memcpy(mixed, clean, tn);
		for (size_t cut = 0; cut <= tn; cut++) {
			/* a rule's pieces between the tidy line's cut and its rest
			 * from a later cut */
			seed = seed * 1103515245u + 12345u;
			size_t back = cut + (seed >> 16) % (tn - cut + 1);
			m = cut;
			for (int k = 0; k < 4; k++) {
				seed = seed * 1103515245u + 12345u;
				const char *pc = pieces[(seed >> 16) % NROWS(pieces)];
				memcpy(mixed + m, pc, strlen(pc));
				m += strlen(pc);
			}
			size_t to = m;
			memcpy(mixed + m, clean + back, tn - back);
			m += tn - back;
			normalize_tidy(&nz, mixed, m, 0, m, &a, &an);
			char want[224];
			memcpy(want, a, an);
			normalize_tidy(&nz, mixed, m, cut, to, &b, &bn);
			ck_assert_msg(bn == an && memcmp(b, want, an) == 0,
				      "\"%s\" from %zu to %zu gave \"%s\", expected \"%s\"",
				      esc(mixed, m), cut, to, esc(b, bn), esc(want, an));
			memcpy(mixed, clean, tn);
		}
	}
	normalize_fini(&nz);
}
END_TEST

/* Tidy of the stage's own last output (stage 6 after an unchanged line). */
START_TEST(test_tidy_own_output)
{
	struct settings st;
	struct normalize nz;
	const char *o, *t;
	size_t on, tn;

	settings_init(&st);
	normalize_init(&nz, &st);
	normalize_line(&nz, S("  a  &amp;  b " ZWSP " c  "), &o, &on);
	ck_assert_uint_eq(on, 7);
	ck_assert(memcmp(o, "a & b c", 7) == 0);
	normalize_tidy(&nz, o, on, 0, on, &t, &tn);
	ck_assert_uint_eq(tn, 7);
	ck_assert(memcmp(t, "a & b c", 7) == 0);
	normalize_fini(&nz);
}
END_TEST

static Suite *normalize_suite(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc;

	tc = tcase_create("entities");
	tcase_add_loop_test(tc, test_entities, 0, NROWS(ref_rows));
	tcase_add_loop_test(tc, test_no_entities, 0, NROWS(no_entity_rows));
	tcase_add_test(tc, test_entities_decode);
	tcase_add_test(tc, test_entities_every_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("invisibles");
	tcase_add_loop_test(tc, test_removed, 0, NROWS(removed_rows));
	tcase_add_loop_test(tc, test_kept, 0, NROWS(kept));
	suite_add_tcase(s, tc);

	tc = tcase_create("forms");
	tcase_add_loop_test(tc, test_forms, 0, NROWS(form_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("spaces");
	tcase_add_loop_test(tc, test_spaces, 0, NROWS(space_rows));
	tcase_add_loop_test(tc, test_ascii_quotes, 0, NROWS(quote_rows));
	tcase_add_test(tc, test_ascii_quotes_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("fixed-point");
	tcase_add_loop_test(tc, test_fixed_point, 0, NROWS(fixed_rows));
	tcase_add_loop_test(tc, test_fixed_point_random, 0, 5);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_add_test(tc, test_plain_and_empty);
	tcase_add_test(tc, test_reuse);
	tcase_add_test(tc, test_chars_summary);
	tcase_add_test(tc, test_start_trimmed);
	tcase_add_test(tc, test_long_line);
	tcase_add_loop_test(tc, test_tidy, 0, NROWS(tidy_rows));
	tcase_add_test(tc, test_tidy_own_output);
	tcase_add_loop_test(tc, test_tidy_from, 0, 20);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(normalize_suite());
}
