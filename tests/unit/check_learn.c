/* check_learn.c -- unit tests: --learn's counters, their error bound, the report */
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
#include "learn.h"
#include "output.h"

static const struct learn_params defaults = { 1 << 20, 2, 0, 12 };

static void line(struct learn *l, const char *s)
{
	learn_line(l, s, strlen(s), "t", 1);
}

static bool count(const struct learn *l, const char *s, uint64_t *lo, uint64_t *hi)
{
	return learn_count(l, s, strlen(s), lo, hi);
}

/* The report as a string (in static storage). */
static const char *report(const struct learn *l)
{
	static char text[8192];
	struct output out;
	output_init(&out, -1, "(test)", false);
	learn_report(l, &out);
	size_t n = out.buf.len < sizeof text - 1 ? out.buf.len : sizeof text - 1;
	memcpy(text, out.buf.p, n);
	text[n] = '\0';
	output_fini(&out);
	return text;
}

START_TEST(test_once_per_document)
{
	struct learn l;
	uint64_t lo, hi;
	learn_init(&l, &defaults);
	line(&l, "Follow us");
	line(&l, "Follow us");
	line(&l, "Body one");
	learn_end_document(&l);
	line(&l, "Follow us");
	learn_end_document(&l);
	ck_assert(count(&l, "Follow us", &lo, &hi));
	ck_assert_uint_eq(lo, 2);
	ck_assert_uint_eq(hi, 2);
	ck_assert(count(&l, "Body one", &lo, &hi));
	ck_assert_uint_eq(lo, 1);
	ck_assert(!count(&l, "follow us", &lo, &hi)); /* counted as written */
	ck_assert_uint_eq(l.docs, 2);
	ck_assert_uint_eq(l.arrivals, 3);
	learn_fini(&l);
}
END_TEST

/* Lines that differ only in digits are one line, once per document. */
START_TEST(test_digit_variants)
{
	struct learn l;
	uint64_t lo, hi;
	learn_init(&l, &defaults);
	line(&l, "Updated 2026-01-03 9:05");
	line(&l, "Updated 2026-01-04 10:30");
	learn_end_document(&l);
	line(&l, "Updated 1999-12-31 23:59");
	learn_end_document(&l);
	line(&l, "Updated 2026-1-3 9:05"); /* other lengths, same shape */
	line(&l, "Updated on 2026-01-03");
	learn_end_document(&l);
	ck_assert(count(&l, "Updated 0000-00-00 0:00", &lo, &hi));
	ck_assert_uint_eq(lo, 3);
	ck_assert_uint_eq(hi, 3);
	ck_assert(count(&l, "Updated on 7-7-7", &lo, &hi));
	ck_assert_uint_eq(lo, 1);
	ck_assert(!count(&l, "Updated 2026-01-03", &lo, &hi));
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(strstr(report(&l), "\n\n"),
		"\n\n# 3 documents (100.0%), digits vary; e.g. t:1: Updated 2026-01-03 9:05\n"
		"drop /^Updated [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} [0-9]{1,2}:[0-9]{2}$/\n");
	learn_fini(&l);
}
END_TEST

START_TEST(test_empty_and_long_lines)
{
	struct learn l;
	uint64_t lo, hi;
	char big[LEARN_TEXT_MAX + 2];
	learn_init(&l, &defaults);
	memset(big, 'x', sizeof big);
	learn_line(&l, "", 0, "t", 1);
	learn_line(&l, big, LEARN_TEXT_MAX, "t", 1);
	learn_line(&l, big, LEARN_TEXT_MAX + 1, "t", 1);
	ck_assert(learn_count(&l, big, LEARN_TEXT_MAX, &lo, &hi));
	ck_assert(!learn_count(&l, big, LEARN_TEXT_MAX + 1, &lo, &hi));
	ck_assert_uint_eq(l.lines, 2);
	ck_assert_uint_eq(l.too_long, 1);
	learn_fini(&l);
}
END_TEST

/*
 * A skewed stream through a table of a few counters: every counter's
 * interval holds the exact count and is at most N / k wide, every line in
 * more than N / k documents has a counter, and the table finds all k of
 * them (after many evictions from the open-addressing index).
 */
START_TEST(test_error_bound)
{
	enum { DOCS = 300, LINES = 20, SET = 400 };
	static uint64_t exact[SET];
	static uint64_t last[SET];
	struct learn_params par = defaults;
	struct learn l;
	uint32_t seed = 7 + (uint32_t)_i;
	char s[32];

	par.memory = (size_t)(4096 << _i);
	learn_init(&l, &par);
	ck_assert_uint_ge(l.cap, 8);
	memset(exact, 0, sizeof exact);
	memset(last, 0, sizeof last);
	for (uint64_t d = 1; d <= DOCS; d++) {
		for (int i = 0; i < LINES; i++) {
			seed = seed * 1103515245u + 12345u;
			uint32_t u = (seed >> 8) % 1000;
			uint32_t r = u < 500 ? u % 8 : u < 800 ? u % 60 : u % SET;
			snprintf(s, sizeof s, "line %c%c%c", 'a' + r / 100, 'a' + r / 10 % 10,
				 'a' + r % 10);
			line(&l, s);
			if (last[r] != d) {
				last[r] = d;
				exact[r]++;
			}
		}
		learn_end_document(&l);
	}
	ck_assert_uint_eq(l.n, l.cap);
	uint64_t bound = l.arrivals / l.cap;
	size_t found = 0;
	for (uint32_t r = 0; r < SET; r++) {
		uint64_t lo, hi;
		snprintf(s, sizeof s, "line %c%c%c", 'a' + r / 100, 'a' + r / 10 % 10,
			 'a' + r % 10);
		if (!count(&l, s, &lo, &hi)) {
			ck_assert_msg(exact[r] <= bound, "%s: %llu documents, no counter", s,
				      (unsigned long long)exact[r]);
			continue;
		}
		found++;
		ck_assert_msg(lo <= exact[r] && exact[r] <= hi, "%s: %llu not in [%llu, %llu]",
			      s, (unsigned long long)exact[r], (unsigned long long)lo,
			      (unsigned long long)hi);
		ck_assert_uint_le(hi - lo, bound);
	}
	ck_assert_uint_eq(found, l.cap);
	learn_fini(&l);
}
END_TEST

/* --learn-memory bounds the process; the table gets all but 8 MiB of it */
START_TEST(test_table_share)
{
	ck_assert_uint_eq(learn_table_bytes((size_t)64 << 20), (size_t)56 << 20);
	ck_assert_uint_eq(learn_table_bytes((size_t)12 << 20), (size_t)4 << 20);
	ck_assert_uint_eq(learn_table_bytes((size_t)8 << 20), (size_t)2 << 20);
	ck_assert_uint_eq(learn_table_bytes((size_t)1 << 20), (size_t)256 << 10);
}
END_TEST

START_TEST(test_report)
{
	struct learn l;
	learn_init(&l, &defaults);
	for (int d = 0; d < 4; d++) {
		char s[64];
		snprintf(s, sizeof s, "Posted %d.%d by (x)", 2020 + d, d * 5);
		line(&l, s);
		line(&l, "@site on X");
		line(&l, d < 2 ? "Rare" : "Body");
		line(&l, "This line has many words in it and reads just like a sentence of content.\xE2\x80\x9D");
		learn_end_document(&l);
	}
	ck_assert_str_eq(report(&l),
		"# newsclean --learn: proposed drop rules, most frequent first.\n"
		"# Review them, then use them with: newsclean -r FILE\n"
		"# 4 documents, 16 lines; 16 (document, line) pairs in 2632 counters: a count is exact\n"
		"# rules for lines in 2 documents or more and 0% of them\n"
		"\n"
		"# 4 documents (100.0%); e.g. t:1\n"
		"drop \"@site on X\"\n"
		"\n"
		"# 4 documents (100.0%), digits vary; e.g. t:1: Posted 2020.0 by (x)\n"
		"drop /^Posted [0-9]{4}\\.[0-9]{1,2} by \\(x\\)$/\n"
		"\n"
		"# review: 4 documents (100.0%), reads like content; e.g. t:1\n"
		"# drop This line has many words in it and reads just like a sentence of content.\xE2\x80\x9D\n"
		"\n"
		"# 2 documents (50.0%); e.g. t:1\n"
		"drop Body\n"
		"\n"
		"# 2 documents (50.0%); e.g. t:1\n"
		"drop Rare\n");
	learn_fini(&l);
}
END_TEST

static Suite *learn_suite(void)
{
	Suite *s = suite_create("learn");
	TCase *tc = tcase_create("counts");
	tcase_add_test(tc, test_once_per_document);
	tcase_add_test(tc, test_digit_variants);
	tcase_add_test(tc, test_empty_and_long_lines);
	tcase_add_loop_test(tc, test_error_bound, 0, 3);
	tcase_add_test(tc, test_table_share);
	tcase_add_test(tc, test_report);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(learn_suite());
}
