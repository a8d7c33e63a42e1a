/* check_structure.c -- unit tests: stage 7, dedupe, blank lines, document edges */
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
#include "settings.h"
#include "structure.h"

/* ------------------------------------------------------------ helpers */

static const enum structure_term terms[] = {
	STRUCTURE_TERM_LF, STRUCTURE_TERM_NUL, STRUCTURE_TERM_NONE,
};
static const char *const term_names[] = { "LF", "NUL", "NONE" };

struct senv {
	struct settings set;
	struct buf out;
	struct structure s;
};

static void senv_init(struct senv *e, enum dedupe_mode d, int blank, enum structure_term t)
{
	settings_init(&e->set);
	e->set.dedupe = d;
	e->set.blank_lines = blank;
	buf_init(&e->out);
	structure_init(&e->s, &e->set, t, &e->out);
}

static void senv_fini(struct senv *e)
{
	structure_fini(&e->s);
	buf_fini(&e->out);
}

static void feed(struct structure *s, const char *const *lines)
{
	for (; *lines; lines++)
		structure_line(s, *lines, strlen(*lines));
}

/*
 * What one document whose kept lines (blank ones included) are kept[] must
 * give in term mode t: LF after every line; LF between lines and NUL at the
 * end; LF between lines.
 */
static void expected(struct buf *b, const char *const *kept, enum structure_term t)
{
	buf_clear(b);
	for (size_t i = 0; kept[i]; i++) {
		if (t != STRUCTURE_TERM_LF && i > 0)
			buf_putc(b, '\n');
		buf_append(b, kept[i], strlen(kept[i]));
		if (t == STRUCTURE_TERM_LF)
			buf_putc(b, '\n');
	}
	if (t == STRUCTURE_TERM_NUL)
		buf_putc(b, '\0');
}

static size_t count(const char *const *v)
{
	size_t n = 0;
	while (v[n])
		n++;
	return n;
}

/* ------------------------------------------------------------ one document */

/* 30 and 29 code points of ASCII */
#define L30 "Thirty characters, exactly: ok"
#define L29 "Twenty-nine characters long.."
#define L30B "Another line with thirty c.p.."
/* 20 Cyrillic letters: 40 bytes but 20 code points, so not long */
#define C20 "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xD0\xB4\xD0\xB5\xD0\xB6\xD0\xB7\xD0\xB8\xD0\xB9" \
	    "\xD0\xBA\xD0\xBB\xD0\xBC\xD0\xBD\xD0\xBE\xD0\xBF\xD1\x80\xD1\x81\xD1\x82\xD1\x83"
/* 30 Cyrillic letters */
#define C30 C20 "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xD0\xB4\xD0\xB5\xD0\xB6\xD0\xB7\xD0\xB8\xD0\xB9"
/* 29 Cyrillic letters, 58 bytes */
#define C29 C20 "\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3\xD0\xB4\xD0\xB5\xD0\xB6\xD0\xB7\xD0\xB8"
/* 15 x (e + U+0301): 30 code points in 45 bytes */
#define E15 "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" \
	    "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81"

struct doc_case {
	enum dedupe_mode dedupe;
	int blank;
	const char *in[20];   /* NULL-terminated */
	const char *kept[20]; /* NULL-terminated */
};

static const struct doc_case doc_cases[] = {
	/* consecutive dedupe */
	{ DEDUPE_CONSECUTIVE, 1, { "A", "A", "B", NULL }, { "A", "B", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "A", "A", "A", "A", NULL }, { "A", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "Title", "", "Title", "", "Body", NULL }, { "Title", "", "Body", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "Title", "", "", "", "Title", "Body", NULL }, { "Title", "", "Body", NULL } },
	{ DEDUPE_CONSECUTIVE, 0, { "a", "", "a", "b", NULL }, { "a", "b", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "A", "B", "A", NULL }, { "A", "B", "A", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "A", "a", "A ", NULL }, { "A", "a", "A ", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { L30, "x", L30, NULL }, { L30, "x", L30, NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { C30, C30, NULL }, { C30, NULL } },
	/* document dedupe: also earlier lines, when 30 code points or longer */
	{ DEDUPE_DOCUMENT, 1, { L30, "x", L30, NULL }, { L30, "x", NULL } },
	{ DEDUPE_DOCUMENT, 1, { L30, "", L30B, "", L30, "", "end", NULL }, { L30, "", L30B, "", "end", NULL } },
	{ DEDUPE_DOCUMENT, 1, { L29, "x", L29, NULL }, { L29, "x", L29, NULL } },
	{ DEDUPE_DOCUMENT, 1, { C20, "x", C20, NULL }, { C20, "x", C20, NULL } },
	{ DEDUPE_DOCUMENT, 1, { C29, "x", C29, NULL }, { C29, "x", C29, NULL } },
	{ DEDUPE_DOCUMENT, 1, { C30, "x", C30, NULL }, { C30, "x", NULL } },
	{ DEDUPE_DOCUMENT, 1, { E15, "x", E15, NULL }, { E15, "x", NULL } },
	{ DEDUPE_DOCUMENT, 1, { "short", "x", "short", NULL }, { "short", "x", "short", NULL } },
	{ DEDUPE_DOCUMENT, 1, { "short", "short", NULL }, { "short", NULL } },
	{ DEDUPE_DOCUMENT, 1, { L30, L30B, L30, L30B, L30, NULL }, { L30, L30B, NULL } },
	/* dedupe off */
	{ DEDUPE_OFF, 1, { "A", "A", "", "A", NULL }, { "A", "A", "", "A", NULL } },
	{ DEDUPE_OFF, 1, { L30, "x", L30, L30, NULL }, { L30, "x", L30, L30, NULL } },
	/* blank lines */
	{ DEDUPE_CONSECUTIVE, 0, { "a", "", "", "b", "", "c", NULL }, { "a", "b", "c", NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "a", "", "", "b", "", "c", NULL }, { "a", "", "b", "", "c", NULL } },
	{ DEDUPE_CONSECUTIVE, 3, { "a", "", "", "", "", "", "b", "", "c", NULL },
	  { "a", "", "", "", "b", "", "c", NULL } },
	{ DEDUPE_CONSECUTIVE, 3, { "a", "", "", "b", NULL }, { "a", "", "", "b", NULL } },
	{ DEDUPE_CONSECUTIVE, 9, { "a", "", "", "", "", "", "", "", "", "", "", "", "b", NULL },
	  { "a", "", "", "", "", "", "", "", "", "", "b", NULL } },
	/* blank lines at the start and the end of a document go */
	{ DEDUPE_CONSECUTIVE, 1, { "", "", "a", "b", "", "", NULL }, { "a", "b", NULL } },
	{ DEDUPE_CONSECUTIVE, 3, { "", "a", "", NULL }, { "a", NULL } },
	{ DEDUPE_OFF, 1, { "", "a", "", "", "a", "", NULL }, { "a", "", "a", NULL } },
	/* a document that is or becomes empty */
	{ DEDUPE_CONSECUTIVE, 1, { NULL }, { NULL } },
	{ DEDUPE_CONSECUTIVE, 1, { "", "", "", NULL }, { NULL } },
	{ DEDUPE_CONSECUTIVE, 0, { "", NULL }, { NULL } },
};

/* _i: case * 3 + term */
START_TEST(test_document)
{
	const struct doc_case *c = &doc_cases[_i / 3];
	enum structure_term t = terms[_i % 3];
	struct senv e;
	struct buf exp;

	senv_init(&e, c->dedupe, c->blank, t);
	buf_init(&exp);
	structure_begin(&e.s);
	feed(&e.s, c->in);
	structure_end(&e.s);
	expected(&exp, c->kept, t);
	ck_assert_msg(e.out.len == exp.len && (exp.len == 0 || memcmp(e.out.p, exp.p, exp.len) == 0),
		      "case %d, term %s: got \"%s\" (%zu bytes), expected \"%s\" (%zu bytes)",
		      _i / 3, term_names[_i % 3], esc(e.out.p ? e.out.p : "", e.out.len), e.out.len,
		      esc(exp.p ? exp.p : "", exp.len), exp.len);
	ck_assert_uint_eq(e.s.lines_out, count(c->kept));
	buf_fini(&exp);
	senv_fini(&e);
}
END_TEST

/* The caller may empty out between calls: the output is the same. */
START_TEST(test_document_out_emptied_between_lines)
{
	const struct doc_case *c = &doc_cases[_i / 3];
	enum structure_term t = terms[_i % 3];
	struct senv e;
	struct buf got, exp;

	senv_init(&e, c->dedupe, c->blank, t);
	buf_init(&got);
	buf_init(&exp);
	for (size_t i = 0; c->in[i]; i++) {
		structure_line(&e.s, c->in[i], strlen(c->in[i]));
		buf_append(&got, e.out.p, e.out.len);
		buf_clear(&e.out);
	}
	structure_end(&e.s);
	buf_append(&got, e.out.p, e.out.len);
	expected(&exp, c->kept, t);
	ck_assert_bytes(got.p ? got.p : "", got.len, exp.p ? exp.p : "", exp.len);
	buf_fini(&got);
	buf_fini(&exp);
	senv_fini(&e);
}
END_TEST

/* ------------------------------------------------------------ details */

START_TEST(test_return_values)
{
	struct senv e;

	senv_init(&e, DEDUPE_CONSECUTIVE, 1, STRUCTURE_TERM_LF);
	ck_assert(structure_line(&e.s, "A", 1));
	ck_assert(!structure_line(&e.s, "A", 1));
	ck_assert(structure_line(&e.s, "", 0));
	ck_assert(!structure_line(&e.s, "A", 1));
	ck_assert(structure_line(&e.s, "B", 1));
	ck_assert(structure_line(&e.s, "A", 1));
	senv_fini(&e);

	senv_init(&e, DEDUPE_DOCUMENT, 1, STRUCTURE_TERM_LF);
	ck_assert(structure_line(&e.s, L30, strlen(L30)));
	ck_assert(structure_line(&e.s, "x", 1));
	ck_assert(!structure_line(&e.s, L30, strlen(L30)));
	ck_assert(structure_line(&e.s, C20, strlen(C20)));
	ck_assert(structure_line(&e.s, "x", 1));
	ck_assert(structure_line(&e.s, C20, strlen(C20)));
	senv_fini(&e);

	senv_init(&e, DEDUPE_OFF, 1, STRUCTURE_TERM_LF);
	ck_assert(structure_line(&e.s, "A", 1));
	ck_assert(structure_line(&e.s, "A", 1));
	senv_fini(&e);
}
END_TEST

/* LF mode writes each line with its LF at once (for tail -f); end adds nothing. */
START_TEST(test_lf_line_written_at_once)
{
	struct senv e;

	senv_init(&e, DEDUPE_CONSECUTIVE, 1, STRUCTURE_TERM_LF);
	structure_line(&e.s, "one", 3);
	ck_assert_bytes(e.out.p, e.out.len, "one\n", 4);
	structure_line(&e.s, "", 0);
	ck_assert_bytes(e.out.p, e.out.len, "one\n", 4); /* a blank waits for what follows */
	structure_line(&e.s, "two", 3);
	ck_assert_bytes(e.out.p, e.out.len, "one\n\ntwo\n", 9);
	structure_line(&e.s, "", 0);
	structure_end(&e.s);
	ck_assert_bytes(e.out.p, e.out.len, "one\n\ntwo\n", 9);
	senv_fini(&e);
}
END_TEST

/* Several documents in a row, an empty one between. */
static const char *const docs[][4] = {
	{ "a", "b", NULL },
	{ "", NULL },
	{ "b", "c", NULL },
	{ NULL },
};
static const struct {
	const char *s;
	size_t n;
} docs_out[] = {
	{ "a\nb\nb\nc\n", 8 },
	{ "a\nb\0\0b\nc\0\0", 10 },
	{ "a\nbb\nc", 6 },
};

START_TEST(test_several_documents)
{
	struct senv e;

	senv_init(&e, DEDUPE_CONSECUTIVE, 1, terms[_i]);
	for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
		structure_begin(&e.s);
		feed(&e.s, docs[d]);
		structure_end(&e.s);
	}
	/* "b" ends document 1 and starts document 3: kept, the state was reset */
	ck_assert_bytes(e.out.p, e.out.len, docs_out[_i].s, docs_out[_i].n);
	ck_assert_uint_eq(e.s.lines_out, 4);
	senv_fini(&e);
}
END_TEST

START_TEST(test_end_per_mode_empty_document)
{
	static const struct {
		const char *s;
		size_t n;
	} exp[] = { { "", 0 }, { "\0", 1 }, { "", 0 } };
	struct senv e;

	senv_init(&e, DEDUPE_CONSECUTIVE, 1, terms[_i]);
	structure_end(&e.s);
	ck_assert_bytes(e.out.p ? e.out.p : "", e.out.len, exp[_i].s, exp[_i].n);
	structure_end(&e.s);
	ck_assert_uint_eq(e.out.len, 2 * exp[_i].n);
	ck_assert_uint_eq(e.s.lines_out, 0);
	senv_fini(&e);
}
END_TEST

START_TEST(test_begin_resets_dedupe)
{
	struct senv e;

	/* consecutive: the previous line is forgotten */
	senv_init(&e, DEDUPE_CONSECUTIVE, 1, STRUCTURE_TERM_LF);
	structure_line(&e.s, "A", 1);
	structure_begin(&e.s);
	ck_assert(structure_line(&e.s, "A", 1));
	ck_assert_bytes(e.out.p, e.out.len, "A\nA\n", 4);
	senv_fini(&e);

	/* document: the long lines seen are forgotten */
	senv_init(&e, DEDUPE_DOCUMENT, 1, STRUCTURE_TERM_LF);
	structure_line(&e.s, L30, strlen(L30));
	structure_line(&e.s, "x", 1);
	structure_begin(&e.s);
	ck_assert(structure_line(&e.s, L30, strlen(L30)));
	ck_assert(structure_line(&e.s, "x", 1));
	ck_assert(!structure_line(&e.s, L30, strlen(L30)));
	ck_assert_bytes(e.out.p, e.out.len, L30 "\nx\n" L30 "\nx\n", 2 * strlen(L30) + 6);
	senv_fini(&e);

	/* pending blank lines do not carry over */
	senv_init(&e, DEDUPE_CONSECUTIVE, 2, STRUCTURE_TERM_LF);
	structure_line(&e.s, "A", 1);
	structure_line(&e.s, "", 0);
	structure_begin(&e.s);
	structure_line(&e.s, "", 0);
	structure_line(&e.s, "B", 1);
	ck_assert_bytes(e.out.p, e.out.len, "A\nB\n", 4);
	senv_fini(&e);
}
END_TEST

/* structure_end starts the next document the way structure_begin does. */
START_TEST(test_end_resets_dedupe)
{
	struct senv e;

	senv_init(&e, DEDUPE_DOCUMENT, 1, terms[_i]);
	structure_line(&e.s, L30, strlen(L30));
	structure_end(&e.s);
	structure_line(&e.s, "", 0);
	ck_assert(structure_line(&e.s, L30, strlen(L30)));
	structure_end(&e.s);
	static const struct {
		const char *s;
		size_t n;
	} exp[] = {
		{ L30 "\n" L30 "\n", 62 },
		{ L30 "\0" L30 "\0", 62 },
		{ L30 L30, 60 },
	};
	ck_assert_bytes(e.out.p, e.out.len, exp[_i].s, exp[_i].n);
	senv_fini(&e);
}
END_TEST

/* Document dedupe keeps working past its table's first sizes. */
START_TEST(test_document_dedupe_many_lines)
{
	enum { N = 3000 };
	struct senv e;
	char line[64];
	size_t kept = 0;

	senv_init(&e, DEDUPE_DOCUMENT, 1, STRUCTURE_TERM_NONE);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			snprintf(line, sizeof line, "This is long line number %06d of many", i);
			bool k = structure_line(&e.s, line, strlen(line));
			ck_assert_msg(k == (round == 0), "round %d line %d: %d", round, i, k);
			kept += k;
		}
	}
	ck_assert_uint_eq(kept, N);
	ck_assert_uint_eq(e.s.lines_out, N);
	structure_end(&e.s);
	/* a new document starts afresh */
	buf_clear(&e.out);
	for (int i = 0; i < N; i += 97) {
		snprintf(line, sizeof line, "This is long line number %06d of many", i);
		ck_assert(structure_line(&e.s, line, strlen(line)));
	}
	senv_fini(&e);
}
END_TEST

START_TEST(test_lines_out_counts)
{
	struct senv e;
	static const char *const in[] = { "", "a", "", "", "b", "b", "", NULL };

	senv_init(&e, DEDUPE_CONSECUTIVE, 1, terms[_i]);
	ck_assert_uint_eq(e.s.lines_out, 0);
	feed(&e.s, in);
	structure_end(&e.s);
	ck_assert_uint_eq(e.s.lines_out, 3); /* a, one blank, b */
	feed(&e.s, in);
	structure_end(&e.s);
	ck_assert_uint_eq(e.s.lines_out, 6); /* it counts across documents */
	senv_fini(&e);

	senv_init(&e, DEDUPE_OFF, 0, terms[_i]);
	feed(&e.s, in);
	ck_assert_uint_eq(e.s.lines_out, 3); /* a, b, b */
	senv_fini(&e);
}
END_TEST

START_TEST(test_init_takes_settings)
{
	struct settings set;
	struct buf out;
	struct structure s;

	settings_init(&set);
	buf_init(&out);
	structure_init(&s, &set, STRUCTURE_TERM_LF, &out);
	ck_assert_int_eq(s.dedupe, DEDUPE_CONSECUTIVE);
	ck_assert_int_eq(s.blank_lines, 1);
	ck_assert_ptr_eq(s.out, &out);
	ck_assert_uint_eq(s.lines_out, 0);
	/* the defaults: consecutive dedupe, one blank line */
	static const char *const in[] = { "a", "a", "", "", "b", NULL };
	feed(&s, in);
	structure_end(&s);
	ck_assert_bytes(out.p, out.len, "a\n\nb\n", 5);
	structure_fini(&s);
	buf_fini(&out);
}
END_TEST

/* Lines are data: they may hold any byte but LF, and are compared byte for byte. */
START_TEST(test_lines_are_bytes)
{
	struct senv e;

	senv_init(&e, DEDUPE_CONSECUTIVE, 1, STRUCTURE_TERM_LF);
	ck_assert(structure_line(&e.s, "a\0b", 3));
	ck_assert(structure_line(&e.s, "a\0c", 3));
	ck_assert(!structure_line(&e.s, "a\0c", 3));
	ck_assert(structure_line(&e.s, "a", 1));
	ck_assert_bytes(e.out.p, e.out.len, "a\0b\na\0c\na\n", 10);
	senv_fini(&e);
}
END_TEST

/* ------------------------------------------------------------ suite */

Suite *structure_suite(void);
Suite *structure_suite(void)
{
	Suite *s = suite_create("structure");
	TCase *tc;

	tc = tcase_create("document");
	tcase_add_loop_test(tc, test_document, 0, 3 * NROWS(doc_cases));
	tcase_add_loop_test(tc, test_document_out_emptied_between_lines, 0, 3 * NROWS(doc_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("details");
	tcase_add_test(tc, test_return_values);
	tcase_add_test(tc, test_lf_line_written_at_once);
	tcase_add_loop_test(tc, test_several_documents, 0, 3);
	tcase_add_loop_test(tc, test_end_per_mode_empty_document, 0, 3);
	tcase_add_test(tc, test_begin_resets_dedupe);
	tcase_add_loop_test(tc, test_end_resets_dedupe, 0, 3);
	tcase_add_test(tc, test_document_dedupe_many_lines);
	tcase_add_loop_test(tc, test_lines_out_counts, 0, 3);
	tcase_add_test(tc, test_init_takes_settings);
	tcase_add_test(tc, test_lines_are_bytes);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return run_suite(structure_suite());
}
