/* check_conformance.c -- Unicode's own tests through normalize and casefold */
/* SPDX-License-Identifier: MIT */
#include "config.h"

/*
 * NormalizationTest.txt (Debian: unicode-data) goes through normalize_line()
 * with entities off, for each of the four forms, with the invariants that the
 * file's header states.  normalize_line() is more than a normalization form:
 * it also maps and trims spaces and removes controls and invisibles, so a
 * test line that holds a code point those rules change is skipped (and
 * counted).  When CaseFolding.txt of the same Unicode version is there too,
 * casefold_cp() is checked against its C and S mappings.
 *
 * Exit status 77 (automake's SKIP) when the file is missing or its Unicode
 * version is not utf8proc's.  NORMALIZATION_TEST and CASE_FOLDING in the
 * environment name other files.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <utf8proc.h>

#include "check_util.h"

#include "buf.h"
#include "casefold.h"
#include "normalize.h"
#include "settings.h"
#include "utf8.h"

#define UNICODE_DIR "/usr/share/unicode"
#define EXIT_SKIP 77

/* One line of NormalizationTest.txt: c1..c5 as UTF-8. */
struct ntest {
	char *c[5];
	size_t len[5];
	unsigned lineno;
	bool touched; /* holds a code point that other stage-2 rules change */
};

static struct ntest *tests;
static size_t n_tests;
static bool *in_part1; /* [0x110000]: listed in Part 1 */

struct fold {
	int32_t from, to;
};
static struct fold *folds;
static size_t n_folds;
static bool have_casefolding;

/* ------------------------------------------------------------ loading */

/* Opens path, or path.bz2 through bzip2 -dc; *piped tells which. */
static FILE *open_text(const char *path, bool *piped)
{
	char cmd[1024];
	FILE *f = fopen(path, "r");

	*piped = false;
	if (f)
		return f;
	snprintf(cmd, sizeof cmd, "%s.bz2", path);
	f = fopen(cmd, "r");
	if (!f)
		return NULL;
	fclose(f);
	snprintf(cmd, sizeof cmd, "bzip2 -dc '%s.bz2' 2>/dev/null", path);
	f = popen(cmd, "r");
	*piped = f != NULL;
	return f;
}

static void close_text(FILE *f, bool piped)
{
	if (piped)
		pclose(f);
	else
		fclose(f);
}

/* The code points that stage 2 changes besides the normalization form. */
static bool is_touched(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x20 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000 || cp == 0xAD || cp == 0x2060 || cp == 0xFEFF;
}

/* "0044 0307" -> UTF-8; returns false on a parse error. */
static bool parse_field(const char *s, const char *end, struct buf *out, bool *touched)
{
	buf_clear(out);
	while (s < end) {
		while (s < end && *s == ' ')
			s++;
		if (s == end)
			break;
		char *e;
		unsigned long cp = strtoul(s, &e, 16);
		if (e == s || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		if (is_touched((int32_t)cp))
			*touched = true;
		buf_put_utf8(out, (int32_t)cp);
		s = e;
	}
	return out->len > 0;
}

/* Reads the first line and checks "# NormalizationTest-15.0.0.txt". */
static bool version_ok(FILE *f, const char *name, const char *what)
{
	char line[256], want[128];

	if (!fgets(line, sizeof line, f))
		return false;
	snprintf(want, sizeof want, "# %s-%s.txt", name, utf8proc_unicode_version());
	if (strncmp(line, want, strlen(want)) != 0) {
		line[strcspn(line, "\r\n")] = '\0';
		printf("%s: \"%s\" is not \"%s\" (utf8proc %s)\n", what, line, want,
		       utf8proc_version());
		return false;
	}
	return true;
}

static bool load_normalization_test(const char *path)
{
	bool piped;
	FILE *f = open_text(path, &piped);
	char line[4096];
	unsigned lineno = 1;
	int part = -1;
	size_t cap = 0;
	struct buf field;

	if (!f) {
		printf("%s: not found (Debian package unicode-data)\n", path);
		return false;
	}
	if (!version_ok(f, "NormalizationTest", path)) {
		close_text(f, piped);
		return false;
	}
	in_part1 = xcalloc(0x110000, sizeof *in_part1);
	buf_init(&field);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[0] == '@') {
			part = atoi(line + 5);
			continue;
		}
		struct ntest t = { .lineno = lineno };
		const char *s = line;
		for (int k = 0; k < 5; k++) {
			const char *semi = strchr(s, ';');
			if (!semi || !parse_field(s, semi, &field, &t.touched)) {
				printf("%s:%u: cannot parse\n", path, lineno);
				close_text(f, piped);
				buf_fini(&field);
				return false;
			}
			t.c[k] = xmemdup(field.p, field.len);
			t.len[k] = field.len;
			s = semi + 1;
		}
		if (part == 1) {
			int32_t cp;
			utf8_decode(t.c[0], &cp);
			in_part1[cp] = true;
		}
		if (n_tests == cap) {
			cap = cap ? 2 * cap : 1024;
			tests = xreallocarray(tests, cap, sizeof *tests);
		}
		tests[n_tests++] = t;
	}
	close_text(f, piped);
	buf_fini(&field);
	if (n_tests < 1000) {
		printf("%s: only %zu test lines\n", path, n_tests);
		return false;
	}
	return true;
}

/* CaseFolding.txt: the C and S mappings, when the file is of the same version. */
static void load_case_folding(const char *path)
{
	bool piped;
	FILE *f = open_text(path, &piped);
	char line[512];
	size_t cap = 0;

	if (!f) {
		printf("%s: not found; casefold not checked\n", path);
		return;
	}
	if (!version_ok(f, "CaseFolding", path)) {
		close_text(f, piped);
		return;
	}
	while (fgets(line, sizeof line, f)) {
		unsigned long from, to;
		char status;
		if (sscanf(line, "%lx; %c; %lx;", &from, &status, &to) != 3)
			continue;
		if (status != 'C' && status != 'S')
			continue;
		if (n_folds == cap) {
			cap = cap ? 2 * cap : 1024;
			folds = xreallocarray(folds, cap, sizeof *folds);
		}
		folds[n_folds++] = (struct fold){ (int32_t)from, (int32_t)to };
	}
	close_text(f, piped);
	have_casefolding = n_folds > 1000;
}

static void unload(void)
{
	for (size_t i = 0; i < n_tests; i++)
		for (int k = 0; k < 5; k++)
			free(tests[i].c[k]);
	free(tests);
	free(in_part1);
	free(folds);
}

/* ------------------------------------------------- NormalizationTest */

static const char *hex(const char *p, size_t n)
{
	static char out[4][512];
	static int k;
	char *o = out[k = (k + 1) % 4];
	size_t j = 0;

	for (size_t i = 0; i < n && j + 10 < sizeof out[0];) {
		int32_t cp;
		i += utf8_decode(p + i, &cp);
		j += (size_t)snprintf(o + j, 10, "%s%04X", j ? " " : "", (unsigned)cp);
	}
	o[j] = '\0';
	return o;
}

static const char *const form_names[] = { "none", "NFC", "NFD", "NFKC", "NFKD" };

/*
 * For each form, which column is the expected result of each source column
 * (-1: no invariant), per the header of NormalizationTest.txt.
 */
static const int expect_col[5][5] = {
	[NORM_NFC] = { 1, 1, 1, 3, 3 },
	[NORM_NFD] = { 2, 2, 2, 4, 4 },
	[NORM_NFKC] = { 3, 3, 3, 3, 3 },
	[NORM_NFKD] = { 4, 4, 4, 4, 4 },
	[NORM_NONE] = { -1, -1, -1, -1, -1 },
};

START_TEST(test_normalization_test)
{
	enum norm_form form = (enum norm_form)(NORM_NFC + _i);
	struct settings st;
	struct normalize nz;
	size_t checked = 0, skipped = 0, failures = 0;

	settings_init(&st);
	st.normalize = form;
	st.entities = false;
	normalize_init(&nz, &st);
	for (size_t i = 0; i < n_tests; i++) {
		const struct ntest *t = &tests[i];
		if (t->touched) {
			skipped++;
			continue;
		}
		checked++;
		for (int src = 0; src < 5; src++) {
			int want = expect_col[form][src];
			const char *o;
			size_t on;
			normalize_line(&nz, t->c[src], t->len[src], &o, &on);
			if (on == t->len[want] && memcmp(o, t->c[want], on) == 0)
				continue;
			if (failures++ < 10)
				fprintf(stderr,
					"NormalizationTest.txt:%u: %s(c%d = %s) = %s, expected c%d = %s\n",
					t->lineno, form_names[form], src + 1,
					hex(t->c[src], t->len[src]), hex(o, on), want + 1,
					hex(t->c[want], t->len[want]));
		}
	}
	normalize_fini(&nz);
	printf("%s: %zu test lines checked, %zu skipped (spaces, controls, invisibles)\n",
	       form_names[form], checked, skipped);
	fflush(stdout);
	ck_assert_msg(failures == 0, "%s: %zu failures (the first ones on stderr)",
		      form_names[form], failures);
}
END_TEST

/* Code points not in Part 1 are unchanged by every form. */
START_TEST(test_part1_complement)
{
	enum norm_form form = (enum norm_form)(NORM_NFC + _i);
	struct settings st;
	struct normalize nz;
	size_t checked = 0, failures = 0;
	char in[4];

	settings_init(&st);
	st.normalize = form;
	st.entities = false;
	normalize_init(&nz, &st);
	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || in_part1[cp] || is_touched(cp))
			continue;
		size_t n = utf8_encode(in, cp);
		const char *o;
		size_t on;
		normalize_line(&nz, in, n, &o, &on);
		checked++;
		if ((on != n || memcmp(o, in, n) != 0) && failures++ < 10)
			fprintf(stderr, "%s(%04X) = %s, expected it unchanged\n",
				form_names[form], (unsigned)cp, hex(o, on));
	}
	normalize_fini(&nz);
	printf("%s: %zu code points outside Part 1 checked\n", form_names[form], checked);
	fflush(stdout);
	ck_assert_msg(failures == 0, "%s: %zu code points changed", form_names[form],
		      failures);
}
END_TEST

/* ------------------------------------------------------- CaseFolding */

START_TEST(test_case_folding)
{
	size_t failures = 0, k = 0;

	/* the file is sorted by code point */
	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		int32_t want = cp;
		while (k < n_folds && folds[k].from < cp)
			k++;
		if (k < n_folds && folds[k].from == cp)
			want = folds[k].to;
		int32_t got = casefold_cp(cp);
		if (got != want && failures++ < 10)
			fprintf(stderr, "casefold_cp(%04X) = %04X, expected %04X\n",
				(unsigned)cp, (unsigned)got, (unsigned)want);
	}
	printf("CaseFolding: %zu C+S mappings checked over all code points\n", n_folds);
	fflush(stdout);
	ck_assert_msg(failures == 0, "%zu code points fold wrongly", failures);
}
END_TEST

static Suite *conformance_suite(void)
{
	Suite *s = suite_create("conformance");
	TCase *tc;

	tc = tcase_create("NormalizationTest");
	tcase_add_loop_test(tc, test_normalization_test, 0, 4);
	tcase_add_loop_test(tc, test_part1_complement, 0, 4);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);

	if (have_casefolding) {
		tc = tcase_create("CaseFolding");
		tcase_add_test(tc, test_case_folding);
		tcase_set_timeout(tc, 120);
		suite_add_tcase(s, tc);
	}
	return s;
}

int main(void)
{
	const char *nt = getenv("NORMALIZATION_TEST");
	const char *cf = getenv("CASE_FOLDING");

	if (!load_normalization_test(nt && *nt ? nt : UNICODE_DIR "/NormalizationTest.txt")) {
		unload();
		printf("SKIP: Unicode conformance test\n");
		return EXIT_SKIP;
	}
	load_case_folding(cf && *cf ? cf : UNICODE_DIR "/CaseFolding.txt");
	fflush(stdout);

	int rc = run_suite(conformance_suite());
	unload();
	return rc;
}
