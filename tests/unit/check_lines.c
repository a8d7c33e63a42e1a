/* check_lines.c -- unit tests: lines (UTF-8 chunks to lines) */
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
#include "lines.h"
#include "utf8.h"

#define NEL "\xC2\x85"
#define LSEP "\xE2\x80\xA8"
#define PSEP "\xE2\x80\xA9"

/*
 * A transcript of the lines: each as [TEXT] and then '$' (ended by a line
 * end), '#' (ended by a NUL in NUL mode) or '!' (the unterminated last line,
 * from lines_finish).  Bytes outside printable ASCII, '[', ']' and '\' are
 * written as \xHH.
 */
static void put_line(struct buf *t, const char *p, size_t n, char mark)
{
	char hex[8];

	buf_putc(t, '[');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x20 && c < 0x7F && c != '[' && c != ']' && c != '\\') {
			buf_putc(t, (char)c);
		} else {
			snprintf(hex, sizeof hex, "\\x%02X", c);
			buf_append(t, hex, 4);
		}
	}
	buf_putc(t, ']');
	buf_putc(t, mark);
}

/* Offsets where a chunk may end: between whole UTF-8 sequences. */
static size_t next_cut(const char *p, size_t n, size_t at)
{
	if (at >= n)
		return n;
	while (at < n && ((unsigned char)p[at] & 0xC0) == 0x80)
		at++;
	return at;
}

/*
 * Pushes p[0..n) in chunks of about `chunk` bytes (0: one chunk), each cut
 * at a sequence boundary, and returns the transcript in t.  Checks lineno on
 * the way: the file line where each returned line began (a NUL in NUL mode
 * ends a document, not a line of the file).  Returns the count of lines.
 */
/*
 * The first byte of line[0..len) that lines.plain says none of its plain
 * start holds (scan_busy's with '&' and spaces), byte by byte; or len.
 */
static size_t first_busy(const char *line, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)line[k];
		if (c < 0x20 || c >= 0x7F || c == '&' || (c == ' ' && k > 0 && line[k - 1] == ' '))
			return k;
	}
	return len;
}

static uint64_t transcript(const char *p, size_t n, bool nul_mode, size_t chunk,
			   struct buf *t)
{
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;
	size_t i = 0;
	uint64_t count = 0, fileline = 1;

	buf_clear(t);
	lines_init(&l, nul_mode);
	if (chunk == 0)
		chunk = n ? n : 1;
	while (i < n) {
		size_t j = next_cut(p, n, i + chunk);
		/* the chunk is copied so that views into it are really checked */
		char *copy = xmemdup(p + i, j - i);
		lines_push(&l, copy, j - i);
		while (lines_next(&l, &line, &len, &end)) {
			ck_assert(end == LINES_EOL || end == LINES_NUL);
			ck_assert_uint_le(l.plain, first_busy(line, len));
			put_line(t, line, len, end == LINES_NUL ? '#' : '$');
			count++;
			ck_assert_uint_eq(l.lineno, fileline);
			if (end == LINES_EOL)
				fileline++;
		}
		free(copy);
		i = j;
	}
	if (lines_finish(&l, &line, &len)) {
		put_line(t, line, len, '!');
		count++;
		ck_assert_uint_eq(l.lineno, fileline);
	}
	ck_assert(!lines_finish(&l, &line, &len));
	lines_fini(&l);
	return count;
}

static const struct {
	const char *in;
	size_t len;
	bool nul_mode;
	const char *lines;
} rows[] = {
	{ S(""), false, "" },
	{ S("a"), false, "[a]!" },
	{ S("a\nb"), false, "[a]$[b]!" },
	{ S("a\nb\n"), false, "[a]$[b]$" },
	{ S("a\r\nb\r\n"), false, "[a]$[b]$" },
	{ S("a\rb\r"), false, "[a]$[b]$" },
	{ S("a\vb"), false, "[a]$[b]!" },
	{ S("a" NEL "b"), false, "[a]$[b]!" },
	{ S("a" LSEP "b"), false, "[a]$[b]!" },
	{ S("a" PSEP "b" PSEP), false, "[a]$[b]$" },
	{ S("\n"), false, "[]$" },
	{ S("\n\n\n"), false, "[]$[]$[]$" },
	{ S("\r\n\r\n"), false, "[]$[]$" },
	{ S("\r\r"), false, "[]$[]$" },
	{ S("a\r\r\nb"), false, "[a]$[]$[b]!" },
	{ S("a\n\rb"), false, "[a]$[]$[b]!" },     /* LF CR is two line ends */
	{ S("a\r\n\nb"), false, "[a]$[]$[b]!" },
	{ S("a\r" NEL "b"), false, "[a]$[]$[b]!" },
	{ S(NEL), false, "[]$" },
	{ S("one\r\ntwo\rthree\nfour\vfive" NEL "six" LSEP "seven" PSEP "eight"), false,
	  "[one]$[two]$[three]$[four]$[five]$[six]$[seven]$[eight]!" },
	/* not line ends: FF, other C2 and E2 sequences, NUL in plain mode */
	{ S("a\fb\n"), false, "[a\\x0Cb]$" },
	{ S("a\0b\n\0"), false, "[a\\x00b]$[\\x00]!" },
	{ S("\xC2\xA0\xC2\x84\xC2\x86\xE2\x80\x99\xE2\x80\xA7\xE2\x80\xAA\xE2\x81\xA8"), false,
	  "[\\xC2\\xA0\\xC2\\x84\\xC2\\x86\\xE2\\x80\\x99\\xE2\\x80\\xA7\\xE2\\x80\\xAA"
	  "\\xE2\\x81\\xA8]!" },
	{ S("\xE2\x82\xAC\xF0\x9F\x98\x80\n\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"), false,
	  "[\\xE2\\x82\\xAC\\xF0\\x9F\\x98\\x80]$[\\xD0\\x9A\\xD0\\xB8\\xD1\\x97\\xD0\\xB2]!" },
	/* NUL mode: a NUL ends a document; the other line ends still end lines */
	{ S("a\0b\0"), true, "[a]#[b]#" },
	{ S("a\nb\0c"), true, "[a]$[b]#[c]!" },
	{ S("\0\0"), true, "[]#[]#" },
	{ S("a\r\0b"), true, "[a]$[]#[b]!" },
	{ S("a\r\n\0"), true, "[a]$[]#" },
	{ S("x\vy" NEL "\0"), true, "[x]$[y]$[]#" },
};

/* Lines found whole in one chunk: plain is exactly where the first byte
 * that scan_busy stops at is (the line end when there is none). */
START_TEST(test_plain_exact)
{
	static const char *const pieces[] = { "ab", " ", "  ", "&", "\xC3\xA9", "\t", "\x7F",
					      "xyz0123456789", "\r\n", "\n", "\xE2\x80\xA8",
					      "\xE2\x80\x99", "q" };
	char text[400];
	unsigned seed = (unsigned)_i * 2654435761u + 1u;
	size_t n = 0;

	while (n < 300) {
		seed = seed * 1103515245u + 12345u;
		const char *pc = pieces[(seed >> 16) % NROWS(pieces)];
		memcpy(text + n, pc, strlen(pc));
		n += strlen(pc);
	}
	struct lines l;
	const char *line;
	size_t len, lines = 0;
	enum lines_end end;

	lines_init(&l, false);
	lines_push(&l, text, n);
	while (lines_next(&l, &line, &len, &end)) {
		ck_assert_uint_eq(l.plain, first_busy(line, len));
		lines++;
	}
	ck_assert_uint_gt(lines, 3);
	lines_fini(&l);
}
END_TEST

START_TEST(test_lines_table)
{
	struct buf t;
	const char *exp = rows[_i].lines;

	buf_init(&t);
	for (size_t chunk = 0; chunk <= rows[_i].len + 1; chunk++) {
		transcript(rows[_i].in, rows[_i].len, rows[_i].nul_mode, chunk, &t);
		buf_cstr(&t);
		ck_assert_msg(t.len == strlen(exp) && memcmp(t.p, exp, t.len) == 0,
			      "chunk %zu: got %s, expected %s", chunk, t.p, exp);
	}
	buf_fini(&t);
}
END_TEST

/* Irregular chunkings (1, 2, 3, 1, 2, 3, ... and a rotating pattern). */
START_TEST(test_lines_irregular_chunks)
{
	static const char text[] =
		"Headline\r\n\r\nBody \xE2\x80\x9Cquoted\xE2\x80\x9D\rnext" NEL "\xD0\x9A\xD0\xB8"
		"\xD1\x97\xD0\xB2" LSEP "\vlast\r";
	static const char exp[] =
		"[Headline]$[]$[Body \\xE2\\x80\\x9Cquoted\\xE2\\x80\\x9D]$[next]$"
		"[\\xD0\\x9A\\xD0\\xB8\\xD1\\x97\\xD0\\xB2]$[]$[last]$";
	static const size_t patterns[][4] = {
		{ 1, 2, 3, 1 }, { 3, 1, 1, 2 }, { 5, 1, 7, 2 }, { 2, 2, 1, 9 }, { 4, 3, 2, 1 },
	};
	const size_t *pat = patterns[_i];
	struct lines l;
	struct buf t;
	const char *line;
	size_t len, i = 0, k = 0;
	enum lines_end end;

	buf_init(&t);
	lines_init(&l, false);
	while (i < sizeof text - 1) {
		size_t j = next_cut(text, sizeof text - 1, i + pat[k++ % 4]);
		lines_push(&l, text + i, j - i);
		while (lines_next(&l, &line, &len, &end))
			put_line(&t, line, len, '$');
		i = j;
	}
	if (lines_finish(&l, &line, &len))
		put_line(&t, line, len, '!');
	buf_cstr(&t);
	ck_assert_str_eq(t.p, exp);
	ck_assert_uint_eq(l.lineno, 7);
	lines_fini(&l);
	buf_fini(&t);
}
END_TEST

/*
 * A CR at the end of a chunk: each chunk goes in a push of its own, and the
 * transcript has a '|' where one push ends and the next begins, so it also
 * tells after which push each line came out.
 */
static const struct {
	const char *chunks[5]; /* NULL-terminated */
	const char *lines;
	uint64_t lineno;       /* after lines_finish */
} split_rows[] = {
	/* the LF starts the next chunk: one line end, no empty line */
	{ { "a\r", "\nb", NULL }, "[a]$|[b]!", 2 },
	/* empty chunks, then the LF, then a real empty line */
	{ { "a\r", "", "\n", "\n", NULL }, "[a]$|||[]$", 2 },
	/* the next chunk starts with a CR */
	{ { "a\r", "\rb", NULL }, "[a]$|[]$[b]!", 3 },
};

START_TEST(test_split_line_end)
{
	struct buf t;
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;

	buf_init(&t);
	lines_init(&l, false);
	for (size_t k = 0; split_rows[_i].chunks[k]; k++) {
		const char *chunk = split_rows[_i].chunks[k];
		if (k > 0)
			buf_putc(&t, '|');
		lines_push(&l, chunk, strlen(chunk));
		while (lines_next(&l, &line, &len, &end)) {
			ck_assert_int_eq(end, LINES_EOL);
			put_line(&t, line, len, '$');
		}
	}
	if (lines_finish(&l, &line, &len))
		put_line(&t, line, len, '!');
	buf_cstr(&t);
	ck_assert_str_eq(t.p, split_rows[_i].lines);
	ck_assert_uint_eq(l.lineno, split_rows[_i].lineno);
	lines_fini(&l);
	buf_fini(&t);
}
END_TEST

START_TEST(test_lineno_and_reset)
{
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;

	lines_init(&l, false);
	ck_assert_uint_eq(l.lineno, 0);
	lines_push(&l, S("1\n\n3\r\n4"));
	while (lines_next(&l, &line, &len, &end))
		;
	ck_assert_uint_eq(l.lineno, 3);
	ck_assert(lines_finish(&l, &line, &len));
	ck_assert_uint_eq(l.lineno, 4);

	/* a new file counts from 0 and forgets a pending CR and a partial line */
	lines_reset(&l);
	ck_assert_uint_eq(l.lineno, 0);
	lines_push(&l, S("x\r"));
	while (lines_next(&l, &line, &len, &end))
		;
	lines_push(&l, S("partial"));
	ck_assert(!lines_next(&l, &line, &len, &end));
	lines_reset(&l);
	lines_push(&l, S("\nnew"));
	ck_assert(lines_next(&l, &line, &len, &end));
	ck_assert_uint_eq(len, 0);
	ck_assert(!lines_next(&l, &line, &len, &end));
	ck_assert(lines_finish(&l, &line, &len));
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(line, "new", 3) == 0);
	ck_assert_uint_eq(l.lineno, 2);
	lines_fini(&l);
}
END_TEST

/* In NUL mode the documents of one file line share its line number. */
START_TEST(test_lineno_nul_mode)
{
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;
	static const uint64_t want[] = { 1, 1, 2, 3, 3 };
	size_t k = 0;

	lines_init(&l, true);
	lines_push(&l, S("a\0b\nc\nd\0e"));
	while (lines_next(&l, &line, &len, &end)) {
		ck_assert_uint_lt(k, 4);
		ck_assert_uint_eq(l.lineno, want[k]);
		k++;
	}
	ck_assert_uint_eq(k, 4);
	ck_assert(lines_finish(&l, &line, &len));
	ck_assert_uint_eq(l.lineno, want[4]);
	lines_fini(&l);
}
END_TEST

START_TEST(test_discard)
{
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;

	lines_init(&l, false);
	lines_push(&l, S("done\nhalf a li"));
	ck_assert(lines_next(&l, &line, &len, &end));
	ck_assert(!lines_next(&l, &line, &len, &end));
	lines_discard(&l);
	ck_assert(!lines_finish(&l, &line, &len));
	lines_fini(&l);
}
END_TEST

START_TEST(test_nul_plain_vs_nul_mode)
{
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;

	lines_init(&l, false);
	lines_push(&l, S("a\0b\n"));
	ck_assert(lines_next(&l, &line, &len, &end));
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(line, "a\0b", 3) == 0);
	ck_assert_int_eq(end, LINES_EOL);
	lines_fini(&l);

	lines_init(&l, true);
	lines_push(&l, S("a\0b\n"));
	ck_assert(lines_next(&l, &line, &len, &end));
	ck_assert_uint_eq(len, 1);
	ck_assert_int_eq(end, LINES_NUL);
	ck_assert(lines_next(&l, &line, &len, &end));
	ck_assert_uint_eq(len, 1);
	ck_assert_int_eq(line[0], 'b');
	ck_assert_int_eq(end, LINES_EOL);
	lines_fini(&l);
}
END_TEST

/* A line far longer than any chunk comes out whole. */
START_TEST(test_long_line)
{
	enum { N = 300000 };
	char *text = xmalloc(N + 2);
	struct lines l;
	const char *line;
	size_t len;
	enum lines_end end;
	int lines = 0;

	for (size_t i = 0; i < N; i++)
		text[i] = (char)('a' + i % 26);
	text[N] = '\n';
	text[N + 1] = 'z';
	lines_init(&l, false);
	for (size_t i = 0; i < N + 2; i += 4096) {
		size_t k = N + 2 - i < 4096 ? N + 2 - i : 4096;
		lines_push(&l, text + i, k);
		while (lines_next(&l, &line, &len, &end)) {
			ck_assert_uint_eq(len, N);
			ck_assert(memcmp(line, text, N) == 0);
			lines++;
		}
	}
	ck_assert_int_eq(lines, 1);
	ck_assert(lines_finish(&l, &line, &len));
	ck_assert_uint_eq(len, 1);
	ck_assert_int_eq(line[0], 'z');
	lines_fini(&l);
	free(text);
}
END_TEST

/* Whether a piece may end between bytes a and b (b at the cut). */
static bool allowed_cut(const unsigned char *piece, size_t len, unsigned char b)
{
	unsigned char a = piece[len - 1];
	bool word = (a >= '0' && a <= '9') || ((a | 0x20) >= 'a' && (a | 0x20) <= 'z') || a == '_';

	if (b >= 0x21 && b <= 0x7E)
		return a == ' ' || (a >= 0x21 && a <= 0x7E && a != '&' && a != '#' && !word);
	return b >= 0xE4 && b <= 0xE9 && len >= 3 && piece[len - 3] >= 0xE4 && piece[len - 3] <= 0xE9;
}

/*
 * With a piece size, a long line comes in pieces that join up to it, each
 * at least half the size and cut at an allowed place; the short lines
 * around it come whole.
 */
START_TEST(test_pieces)
{
	static const char *const words[] = {
		"word ", "x,y ", "a&amp;b ", "\xE4\xB8\xAD\xE6\x96\x87", "e\xCC\x81 ", "#tag ",
		"  ", "(p) ", "\xC2\xA0", "\xF0\x9F\x98\x80",
	};
	unsigned x = 7u + (unsigned)_i;
	struct buf text, got, whole;
	struct lines l;
	const char *line;
	size_t len, size = 64 + 40 * (size_t)_i, chunk = 1 + 37 * (size_t)_i;
	enum lines_end end;
	int pieces = 0;

	buf_init(&text);
	buf_init(&got);
	buf_init(&whole);
	buf_append(&text, "short\n", 6);
	size_t lstart = text.len;
	while (text.len < lstart + 20 * size) {
		x = x * 1103515245u + 12345u;
		const char *w = words[(x >> 16) % (sizeof words / sizeof *words)];
		buf_append(&text, w, strlen(w));
	}
	size_t lend = text.len;
	buf_append(&text, "\nafter\n", 7);
	lines_init(&l, false);
	lines_set_piece_size(&l, size);
	for (size_t i = 0; i < text.len; i += chunk) {
		size_t k = text.len - i < chunk ? text.len - i : chunk;
		lines_push(&l, text.p + i, k);
		while (lines_next(&l, &line, &len, &end)) {
			if (end == LINES_PIECE) {
				ck_assert_uint_ge(len, size / 2);
				ck_assert_uint_eq(l.lineno, 2);
				buf_append(&got, line, len);
				ck_assert(allowed_cut((const unsigned char *)line, len,
						      (unsigned char)text.p[lstart + got.len]));
				pieces++;
			} else if (got.len && got.len < lend - lstart) {
				buf_append(&got, line, len); /* the last piece */
			} else {
				buf_append(&whole, line, len);
				buf_putc(&whole, '|');
			}
		}
	}
	ck_assert_int_ge(pieces, 2);
	ck_assert_uint_eq(got.len, lend - lstart);
	ck_assert(memcmp(got.p, text.p + lstart, got.len) == 0);
	ck_assert_str_eq(buf_cstr(&whole), "short|after|");
	lines_fini(&l);
	buf_fini(&text);
	buf_fini(&got);
	buf_fini(&whole);
}
END_TEST

static Suite *lines_suite(void)
{
	Suite *s = suite_create("lines");
	TCase *tc;

	tc = tcase_create("ends");
	tcase_add_loop_test(tc, test_lines_table, 0, NROWS(rows));
	tcase_add_loop_test(tc, test_plain_exact, 0, 40);
	tcase_add_loop_test(tc, test_lines_irregular_chunks, 0, 5);
	tcase_add_loop_test(tc, test_split_line_end, 0, NROWS(split_rows));
	tcase_add_test(tc, test_nul_plain_vs_nul_mode);
	suite_add_tcase(s, tc);

	tc = tcase_create("state");
	tcase_add_test(tc, test_lineno_and_reset);
	tcase_add_test(tc, test_lineno_nul_mode);
	tcase_add_test(tc, test_discard);
	tcase_add_test(tc, test_long_line);
	tcase_add_loop_test(tc, test_pieces, 0, 8);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(lines_suite());
}
