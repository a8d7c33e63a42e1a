/* check_mojibake.c -- unit tests: the mojibake repair repairs what it should
 * and leaves alone what only looks broken */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_util.h"

#include "mojibake.h"
#include "utf8.h"

/* mojibake and its repair; each written as UTF-8 bytes */
static const struct {
	const char *in, *out;
} repairs[] = {
	/* windows-1252: quotes, dash, accents, euro */
	{ "don\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t", "don\xE2\x80\x99t" },
	{ "\xC3\xA2\xE2\x82\xAC\xC5\x93Yes\xC3\xA2\xE2\x82\xAC\xC2\x9D, he said",
	  "\xE2\x80\x9CYes\xE2\x80\x9D, he said" },
	{ "Caf\xC3\x83\xC2\xA9 and cr\xC3\x83\xC2\xA8me", "Caf\xC3\xA9 and cr\xC3\xA8me" },
	{ "cost \xC3\xA2\xE2\x80\x9A\xC2\xAC""5", "cost \xE2\x82\xAC""5" },
	{ "M\xC3\x83\xC2\xBCnchen", "M\xC3\xBC""nchen" },
	/* capitals: "Ã‰" is É, "Ãœ" is Ü */
	{ "\xC3\x83\xE2\x80\xB0""COLE", "\xC3\x89""COLE" },
	{ "ZUR\xC3\x83\xC5\x93""CK", "ZUR\xC3\x9C""CK" },
	/* Polish in lowercase text: "Å‚" ł, "Ä…" ą */
	{ "ma\xC3\x85\xE2\x80\x9A""a j\xC3\x84\xE2\x80\xA6", "ma\xC5\x82""a j\xC4\x85" },
	/* Cyrillic read as windows-1252: "ÐšÐ¸Ñ—Ð²" */
	{ "\xC3\x90\xC5\xA1\xC3\x90\xC2\xB8\xC3\x91\xE2\x80\x94\xC3\x90\xC2\xB2",
	  "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2" },
	/* latin-1: C1 controls inside the sequences */
	{ "it\xC3\xA2\xC2\x80\xC2\x99s", "it\xE2\x80\x99s" },
	/* windows-1251: "Р”РѕР±СЂРµ" for Добре, "вЂ™" for ’ */
	{ "\xD0\xA0\xE2\x80\x9D\xD0\xA0\xD1\x95\xD0\xA0\xC2\xB1\xD0\xA1\xD0\x82\xD0\xA0\xC2\xB5",
	  "\xD0\x94\xD0\xBE\xD0\xB1\xD1\x80\xD0\xB5" },
	{ "Bank\xD0\xB2\xD0\x82\xE2\x84\xA2s", "Bank\xE2\x80\x99s" },
	/* twice misread: "Ã¢â‚¬â„¢" */
	{ "it\xC3\x83\xC2\xA2\xC3\xA2\xE2\x80\x9A\xC2\xAC\xC3\xA2\xE2\x80\x9E\xC2\xA2s", "it\xE2\x80\x99s" },
	/* three times: "ÃƒÆ’Ã‚Â©" */
	{ "caf\xC3\x83\xC6\x92\xC3\x86\xE2\x80\x99\xC3\x83\xE2\x80\x9A\xC3\x82\xC2\xA9",
	  "caf\xC3\xA9" },
	/* CJK and an emoji */
	{ "\xC3\xA6\xC2\x9D\xC2\xB1\xC3\xA4\xC2\xBA\xC2\xAC", "\xE6\x9D\xB1\xE4\xBA\xAC" },
	{ "ok \xC3\xB0\xC5\xB8\xE2\x80\x98\xC2\x8D", "ok \xF0\x9F\x91\x8D" },
	/* CESU-8 surrogates read as windows-1252: "í ½í¸€" */
	{ "hi \xC3\xAD\xC2\xA0\xC2\xBD\xC3\xAD\xC2\xB8\xE2\x82\xAC", "hi \xF0\x9F\x98\x80" },
	/* "à" whose U+00A0 became a space */
	{ "voil\xC3\x83 tout", "voil\xC3\xA0 tout" },
	/* U+00A0 itself: "Â " */
	{ "10\xC3\x82\xC2\xA0km", "10\xC2\xA0km" },
	/* a lost byte (U+FFFD) inside a lowercase word */
	{ "Sloven\xC3\x84\xEF\xBF\xBDina", "Sloven\xEF\xBF\xBDina" },
};

/* text that only looks broken: it must come out as it went in */
static const char *const keep[] = {
	"plain ASCII, nothing to do",
	/* "Ã" and eight "ƒ": each pass makes "Ãƒ" one "Ã" again; more than
	 * three passes' worth is left alone, or a second run would change it */
	"x \xC3\x83\xC6\x92\xC6\x92\xC6\x92\xC6\x92\xC6\x92\xC6\x92\xC6\x92\xC6\x92 y",
	"Zo\xC3\xAB Bront\xC3\xAB, Bj\xC3\xB6rn \xC3\x85ngstr\xC3\xB6m, \xC3\x86r\xC3\xB8",
	"Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B, H\xC3\xA0 N\xE1\xBB\x99i, \xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng",
	/* Ukrainian capitals: ВІКІ, СІЧЕНЬ, ТЕРИТОРІЯ «НАТО» */
	"\xD0\x92\xD0\x86\xD0\x9A\xD0\x86 \xD0\xA1\xD0\x86\xD0\xA7\xD0\x95\xD0\x9D\xD0\xAC",
	"\xD0\xA2\xD0\x95\xD0\xA0\xD0\x98\xD0\xA2\xD0\x9E\xD0\xA0\xD0\x86\xD0\xAF "
	"\xC2\xAB\xD0\x9D\xD0\x90\xD0\xA2\xD0\x9E\xC2\xBB",
	/* Він, економії» */
	"\xD0\x92\xD1\x96\xD0\xBD, \xD0\xB5\xD0\xBA\xD0\xBE\xD0\xBD\xD0\xBE\xD0\xBC\xD1\x96\xD1\x97\xC2\xBB",
	/* x ≥ 2, 3×4, ½, 90° ± 5, µs */
	"x \xE2\x89\xA5 2, 3\xC3\x97""4, \xC2\xBD, 90\xC2\xB0 \xC2\xB1 5, \xC2\xB5s",
	/* 5×£35, ¥200, €12 */
	"5\xC3\x97\xC2\xA3""35, \xC2\xA5""200, \xE2\x82\xAC""12",
	/* all capitals with accents: CAFÉ’S, NESTLÉ®, SELKÄ EDELLÄ, MARQUÉ… */
	"CAF\xC3\x89\xE2\x80\x99S NESTL\xC3\x89\xC2\xAE SELK\xC3\x84\xC2\xA0""EDELL\xC3\x84 MARQU\xC3\x89\xE2\x80\xA6",
	/* Ã’s, DrÃ¥ber, C O N C L U S Ã O */
	"\xC3\x83\xE2\x80\x99s Dr\xC3\x83\xC2\xA5""ber C O N C L U S \xC3\x83 O",
	/* French with U+00A0: « été » */
	"\xC2\xAB\xC2\xA0\xC3\xA9t\xC3\xA9\xC2\xA0\xC2\xBB",
	/* "“×”" */
	"\xE2\x80\x9C\xC3\x97\xE2\x80\x9D",
	/* lone C1 controls: windows-1252 read as latin-1, not misread UTF-8 */
	"\xC2\x93quoted\xC2\x94",
	/* Greek */
	"\xCE\x97 \xCE\xB1\xCE\xBD\xCE\xB5\xCF\x81\xCE\xB3\xCE\xAF\xCE\xB1",
};

START_TEST(test_repair)
{
	struct mojibake m;
	const char *out, *again;
	size_t n, an;

	mojibake_init(&m);
	const char *in = repairs[_i].in;
	ck_assert(mojibake_fix(&m, in, strlen(in), &out, &n));
	ck_assert_msg(n == strlen(repairs[_i].out) && memcmp(out, repairs[_i].out, n) == 0,
		      "\"%s\" gave \"%s\", expected \"%s\"", esc(in, strlen(in)),
		      esc(out, n), esc(repairs[_i].out, strlen(repairs[_i].out)));
	ck_assert(utf8_is_valid(out, n));
	/* the repair of a repair changes nothing */
	char *copy = xmemdup(out, n);
	ck_assert(!mojibake_fix(&m, copy, n, &again, &an));
	ck_assert(again == copy && an == n);
	free(copy);
	mojibake_fini(&m);
}
END_TEST

START_TEST(test_keep)
{
	struct mojibake m;
	const char *out;
	size_t n;
	const char *in = keep[_i];

	mojibake_init(&m);
	bool changed = mojibake_fix(&m, in, strlen(in), &out, &n);
	ck_assert_msg(!changed, "\"%s\" became \"%s\"", esc(in, strlen(in)), esc(out, n));
	ck_assert(out == in && n == strlen(in));
	mojibake_fini(&m);
}
END_TEST

/* The encoding tables agree with iconv's windows-1252 and windows-1251. */
static void check_table(const char *charset, bool cyr)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return; /* this iconv lacks it */
	for (int b = 0x80; b <= 0xFF; b++) {
		char in[1] = { (char)b }, outb[8];
		char *ip = in, *op = outb;
		size_t il = 1, ol = sizeof outb;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
			continue; /* undefined: stands for the C1 control (sloppy) */
		int32_t cp;
		utf8_decode(outb, &cp);
		ck_assert_msg(mojibake_encode(cp, cyr) == b, "%s: U+%04X is 0x%02X, not 0x%02X",
			      charset, (unsigned)cp, b, mojibake_encode(cp, cyr));
	}
	iconv_close(cd);
}

START_TEST(test_tables)
{
	check_table("WINDOWS-1252", false);
	check_table("WINDOWS-1251", true);
	/* latin-1's C1 controls and the undefined windows-1252 bytes */
	ck_assert_int_eq(mojibake_encode(0x81, false), 0x81);
	ck_assert_int_eq(mojibake_encode(0x9D, false), 0x9D);
	ck_assert_int_eq(mojibake_encode(0x85, false), 0x85);
	ck_assert_int_eq(mojibake_encode(0x98, true), 0x98);
	ck_assert_int_eq(mojibake_encode('a', false), -1);
	ck_assert_int_eq(mojibake_encode(0x0410, false), -1);
	ck_assert_int_eq(mojibake_encode(0x0410, true), 0xC0);
}
END_TEST

/* A repair at every position of a long line, and one line after another
 * with the same state (the buffers are reused). */
START_TEST(test_positions)
{
	struct mojibake m;
	char line[300], want[300];
	const char *out;
	size_t n;

	mojibake_init(&m);
	for (size_t at = 0; at < 200; at++) {
		memset(line, 'x', sizeof line);
		memset(want, 'x', sizeof want);
		memcpy(line + at, "\xC3\x83\xC2\xA9", 4);  /* Ã© */
		memcpy(want + at, "\xC3\xA9", 2);          /* é */
		ck_assert(mojibake_fix(&m, line, 250, &out, &n));
		ck_assert_uint_eq(n, 248);
		ck_assert(memcmp(out, want, 248) == 0);
	}
	mojibake_fini(&m);
}
END_TEST

static Suite *mojibake_suite(void)
{
	Suite *s = suite_create("mojibake");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_repair, 0, NROWS(repairs));
	tcase_add_loop_test(tc, test_keep, 0, NROWS(keep));
	tcase_add_test(tc, test_tables);
	tcase_add_test(tc, test_positions);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(mojibake_suite());
}
