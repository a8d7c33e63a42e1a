/* check_buf.c -- unit tests: buf, utf8 and casefold helpers */
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
#include "casefold.h"
#include "utf8.h"

/* ------------------------------------------------------------ buf */

START_TEST(test_buf_init_fini)
{
	struct buf b;

	memset(&b, 0x55, sizeof b);
	buf_init(&b);
	/* an empty buffer is still a valid pointer (for memcmp and friends) */
	ck_assert_ptr_nonnull(b.p);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_gt(b.cap, 0);
	buf_append(&b, "abc", 3);
	buf_fini(&b);
	ck_assert_ptr_null(b.p);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	buf_fini(&b); /* twice is harmless */
}
END_TEST

START_TEST(test_buf_append_grow)
{
	struct buf b;
	char piece[37];
	size_t total = 0;

	buf_init(&b);
	/* pieces of 0..36 bytes, with NUL bytes, across many grows */
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)round % 37;
		for (size_t i = 0; i < n; i++)
			piece[i] = (char)((total + i) % 251);
		buf_append(&b, piece, n);
		total += n;
		ck_assert_uint_eq(b.len, total);
		ck_assert_uint_ge(b.cap, b.len);
	}
	for (size_t i = 0; i < total; i++)
		ck_assert_int_eq((unsigned char)b.p[i], (unsigned char)(i % 251));
	buf_fini(&b);
}
END_TEST

START_TEST(test_buf_append_empty)
{
	struct buf b;

	buf_init(&b);
	buf_append(&b, NULL, 0);
	ck_assert_uint_eq(b.len, 0);
	buf_append(&b, "x", 0);
	ck_assert_uint_eq(b.len, 0);
	buf_fini(&b);
}
END_TEST

START_TEST(test_buf_reserve)
{
	struct buf b;

	buf_init(&b);
	buf_append(&b, "hello", 5);
	buf_reserve(&b, 100);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_uint_ge(b.cap - b.len, 100);
	ck_assert_bytes(b.p, b.len, "hello", 5);
	/* a reserve that fits does not move the bytes */
	char *before = b.p;
	size_t cap = b.cap;
	buf_reserve(&b, b.cap - b.len);
	ck_assert_ptr_eq(b.p, before);
	ck_assert_uint_eq(b.cap, cap);
	/* writing into the reserved room is allowed */
	memset(b.p + b.len, 'x', 100);
	b.len += 100;
	ck_assert_int_eq(b.p[104], 'x');
	buf_fini(&b);
}
END_TEST

START_TEST(test_buf_grow_large)
{
	struct buf b;

	buf_init(&b);
	buf_grow(&b, (size_t)1 << 20);
	ck_assert_uint_ge(b.cap, (size_t)1 << 20);
	ck_assert_uint_eq(b.len, 0);
	memset(b.p, 'a', (size_t)1 << 20);
	b.len = (size_t)1 << 20;
	buf_grow(&b, 1);
	ck_assert_uint_ge(b.cap, ((size_t)1 << 20) + 1);
	ck_assert_int_eq(b.p[((size_t)1 << 20) - 1], 'a');
	buf_fini(&b);
}
END_TEST

START_TEST(test_buf_putc)
{
	struct buf b;

	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_putc(&b, (char)(i % 128));
	ck_assert_uint_eq(b.len, 1000);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(b.p[i], i % 128);
	buf_fini(&b);
}
END_TEST

START_TEST(test_buf_cstr)
{
	struct buf b;

	buf_init(&b);
	const char *s = buf_cstr(&b);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	ck_assert_uint_eq(b.len, 0);
	buf_append(&b, "abc", 3);
	s = buf_cstr(&b);
	ck_assert_str_eq(s, "abc");
	ck_assert_uint_eq(b.len, 3);
	/* the terminator is not part of the data: appending overwrites it */
	buf_append(&b, "de", 2);
	ck_assert_str_eq(buf_cstr(&b), "abcde");
	ck_assert_uint_eq(b.len, 5);
	buf_fini(&b);
}
END_TEST

START_TEST(test_buf_clear)
{
	struct buf b;

	buf_init(&b);
	buf_append(&b, "0123456789", 10);
	size_t cap = b.cap;
	char *p = b.p;
	buf_clear(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_ptr_eq(b.p, p);
	buf_append(&b, "x", 1);
	ck_assert_bytes(b.p, b.len, "x", 1);
	buf_fini(&b);
}
END_TEST

/* A lent buffer writes into its lender's memory until it needs more, then
 * moves its bytes to memory of its own and leaves the lender's alone. */
START_TEST(test_buf_lend)
{
	char lender[40];
	struct buf b;

	memset(lender, '.', sizeof lender);
	buf_init(&b);
	buf_lend(&b, lender, 16);
	ck_assert(b.lent);
	ck_assert_uint_eq(b.len, 0);
	buf_append(&b, "0123456789abcdef", 16);
	ck_assert_ptr_eq(b.p, lender);
	ck_assert_mem_eq(lender, "0123456789abcdef", 16);
	buf_clear(&b);
	buf_append(&b, "lent", 4);
	ck_assert_ptr_eq(b.p, lender);
	buf_append(&b, "0123456789abcdef", 16); /* 20 bytes: it moves */
	ck_assert_ptr_ne(b.p, lender);
	ck_assert(!b.lent);
	ck_assert_uint_ge(b.cap, 20);
	ck_assert_mem_eq(b.p, "lent0123456789abcdef", 20);
	buf_append(&b, "!", 1);
	ck_assert_mem_eq(lender, "lent456789abcdef", 16); /* as it was left */
	ck_assert_uint_eq((unsigned char)lender[16], '.');
	buf_fini(&b); /* frees its own bytes only (ASan: no invalid free) */
	buf_init(&b);
	buf_lend(&b, lender, sizeof lender);
	buf_fini(&b); /* a lent buffer is not freed */
	ck_assert_ptr_null(b.p);
}
END_TEST

/* huge_alloc gives n writable bytes (here over a 2 MiB boundary, and a
 * size that is no multiple of it), aligned to 2 MiB, zeroed as mmap's. */
START_TEST(test_huge_alloc)
{
	size_t n = (3 << 20) + 12345;
	unsigned char *p = huge_alloc(n);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq((uintptr_t)p % (2 << 20), 0);
	ck_assert_uint_eq(p[0] | p[n / 2] | p[n - 1], 0);
	memset(p, 0xA5, n);
	ck_assert_uint_eq(p[n - 1], 0xA5);
	huge_free(p, n);
	huge_free(NULL, 1); /* nothing */
}
END_TEST

START_TEST(test_xmemdup)
{
	char *p = xmemdup("a\0b", 3);
	ck_assert_int_eq(p[0], 'a');
	ck_assert_int_eq(p[1], '\0');
	ck_assert_int_eq(p[2], 'b');
	ck_assert_int_eq(p[3], '\0');
	free(p);

	p = xmemdup("xyz", 0);
	ck_assert_str_eq(p, "");
	free(p);

	p = xmemdup("hello world", 5);
	ck_assert_str_eq(p, "hello");
	free(p);
}
END_TEST

/* Copies of every size up to and past a block stay intact and aligned. */
START_TEST(test_arena)
{
	struct arena a;
	char *copy[300];
	char src[40000];

	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (char)('a' + i % 26);
	arena_init(&a);
	for (size_t i = 0; i < 300; i++) {
		size_t n = i < 290 ? i * 7 : 17000 + i * 50; /* the last ten: own blocks */
		copy[i] = arena_dup(&a, src + i % 26, n);
		ck_assert_uint_eq((uintptr_t)copy[i] % _Alignof(max_align_t), 0);
	}
	for (size_t i = 0; i < 300; i++) {
		size_t n = i < 290 ? i * 7 : 17000 + i * 50;
		ck_assert_int_eq(memcmp(copy[i], src + i % 26, n), 0);
		ck_assert_int_eq(copy[i][n], '\0');
	}
	arena_fini(&a);
	ck_assert_ptr_null(a.head);
	arena_fini(&a); /* twice is harmless */
}
END_TEST

START_TEST(test_xalloc)
{
	char *s = xstrdup("news");
	ck_assert_str_eq(s, "news");
	free(s);

	unsigned char *z = xcalloc(100, 3);
	for (int i = 0; i < 300; i++)
		ck_assert_int_eq(z[i], 0);
	free(z);

	int *a = xreallocarray(NULL, 10, sizeof *a);
	for (int i = 0; i < 10; i++)
		a[i] = i;
	a = xreallocarray(a, 1000, sizeof *a);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(a[i], i);
	free(a);

	void *m = xmalloc(0);
	ck_assert_ptr_nonnull(m);
	free(m);
}
END_TEST

/* ----------------------------------------------------- utf8 codec */

static const struct {
	int32_t cp;
	const char *utf8;
} codec_rows[] = {
	{ 0x0000, "" },           /* special-cased below: one NUL byte */
	{ 0x0041, "A" },
	{ 0x007F, "\x7F" },
	{ 0x0080, "\xC2\x80" },
	{ 0x00E9, "\xC3\xA9" },
	{ 0x0434, "\xD0\xB4" },
	{ 0x07FF, "\xDF\xBF" },
	{ 0x0800, "\xE0\xA0\x80" },
	{ 0x20AC, "\xE2\x82\xAC" },
	{ 0xD7FF, "\xED\x9F\xBF" },
	{ 0xE000, "\xEE\x80\x80" },
	{ 0xFEFF, "\xEF\xBB\xBF" },
	{ 0xFFFD, "\xEF\xBF\xBD" },
	{ 0xFFFF, "\xEF\xBF\xBF" },
	{ 0x10000, "\xF0\x90\x80\x80" },
	{ 0x1F600, "\xF0\x9F\x98\x80" },
	{ 0xE0061, "\xF3\xA0\x81\xA1" },
	{ 0x10FFFF, "\xF4\x8F\xBF\xBF" },
};

START_TEST(test_utf8_codec)
{
	int32_t cp = codec_rows[_i].cp;
	const char *exp = codec_rows[_i].utf8;
	size_t elen = cp == 0 ? 1 : strlen(exp);
	char out[8];
	int32_t back = -1;

	memset(out, 0x55, sizeof out);
	size_t n = utf8_encode(out, cp);
	ck_assert_bytes(out, n, exp, elen);
	ck_assert_uint_eq(utf8_seqlen((unsigned char)out[0]), n);
	ck_assert_uint_eq(utf8_decode(out, &back), n);
	ck_assert_int_eq(back, cp);
	ck_assert(utf8_is_valid(out, n));
	ck_assert_uint_eq(utf8_count(out, n), 1);

	struct buf b;
	buf_init(&b);
	buf_append(&b, "<", 1);
	buf_put_utf8(&b, cp);
	buf_append(&b, ">", 1);
	ck_assert_uint_eq(b.len, n + 2);
	ck_assert_bytes(b.p + 1, n, exp, elen);
	ck_assert_int_eq(b.p[n + 1], '>');
	buf_fini(&b);
}
END_TEST

START_TEST(test_utf8_roundtrip_all)
{
	char out[4];
	struct buf b;

	/* plain ifs in the loop: Check marks every ck_assert it passes, which is
	 * slow over a million code points */
	buf_init(&b);
	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		size_t n = utf8_encode(out, cp);
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (n != want)
			ck_abort_msg("U+%04X: %zu bytes", (unsigned)cp, n);
		if (!utf8_is_valid(out, n))
			ck_abort_msg("U+%04X encodes invalid", (unsigned)cp);
		int32_t back;
		if (utf8_decode(out, &back) != n || back != cp)
			ck_abort_msg("U+%04X decodes to U+%04X", (unsigned)cp, (unsigned)back);
		buf_clear(&b);
		buf_put_utf8(&b, cp);
		if (b.len != n || memcmp(b.p, out, n) != 0)
			ck_abort_msg("U+%04X buf_put_utf8", (unsigned)cp);
	}
	buf_fini(&b);
}
END_TEST

START_TEST(test_utf8_prev_count)
{
	const char s[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"; /* a é € 😀 z */
	size_t n = sizeof s - 1;
	const char *p = s + n;

	ck_assert_uint_eq(utf8_count(s, n), 5);
	ck_assert_uint_eq(utf8_count(s, 0), 0);
	p = utf8_prev(s, p);
	ck_assert_ptr_eq(p, s + 10);
	p = utf8_prev(s, p);
	ck_assert_ptr_eq(p, s + 6);
	p = utf8_prev(s, p);
	ck_assert_ptr_eq(p, s + 3);
	p = utf8_prev(s, p);
	ck_assert_ptr_eq(p, s + 1);
	p = utf8_prev(s, p);
	ck_assert_ptr_eq(p, s);
}
END_TEST

/* -------------------------------------------- utf8_valid_prefix */

/* One call: the valid prefix, and the bad subpart after it. */
static const struct {
	const char *in;
	size_t len;
	size_t prefix;
	size_t bad;       /* when prefix < len */
	bool truncated;
} prefix_rows[] = {
	{ "", 0, 0, 0, false },
	{ "plain ascii text, longer than eight bytes", 41, 41, 0, false },
	{ "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9, 9, 0, false },
	{ "\xE0\x80", 2, 0, 1, false },             /* E0 needs A0..BF next */
	{ "\xE0\x80\xAF", 3, 0, 1, false },
	{ "\xE0\xA0\x80", 3, 3, 0, false },          /* U+0800 */
	{ "\xF0\x9F\x98", 3, 0, 3, true },           /* cut off at the end */
	{ "ab\xF0\x9F\x98", 5, 2, 3, true },
	{ "\xF0\x9F\x98!", 4, 0, 3, false },         /* cut off by a non-continuation */
	{ "\xF0\x9F", 2, 0, 2, true },
	{ "\xF0", 1, 0, 1, true },
	{ "\xC3", 1, 0, 1, true },
	{ "x\xE2\x82", 3, 1, 2, true },
	{ "\xE2\x82x", 3, 0, 2, false },
	{ "\xC0\xAF", 2, 0, 1, false },              /* overlong '/' */
	{ "\xC1\xBF", 2, 0, 1, false },
	{ "\xED\xA0\x80", 3, 0, 1, false },          /* surrogate D800 */
	{ "\xED\xBF\xBF", 3, 0, 1, false },          /* surrogate DFFF */
	{ "\xED\x9F\xBF", 3, 3, 0, false },          /* U+D7FF */
	{ "\xED\xA0", 2, 0, 1, false },              /* not a valid prefix: not truncated */
	{ "\xF4\x90\x80\x80", 4, 0, 1, false },      /* above U+10FFFF */
	{ "\xF4\x8F\xBF\xBF", 4, 4, 0, false },      /* U+10FFFF */
	{ "\xF0\x80\x80\x80", 4, 0, 1, false },      /* overlong */
	{ "\xF0\x8F\xBF\xBF", 4, 0, 1, false },
	{ "\xF5\x80\x80\x80", 4, 0, 1, false },
	{ "\xF8\x88\x80\x80\x80", 5, 0, 1, false },
	{ "\xFE", 1, 0, 1, false },
	{ "\xFF", 1, 0, 1, false },
	{ "\xFE\xFF", 2, 0, 1, false },
	{ "\x80", 1, 0, 1, false },                  /* lone continuation */
	{ "\xBF\x80", 2, 0, 1, false },
	{ "abc\x80", 4, 3, 1, false },
	{ "\xEF\xBF\xBF", 3, 3, 0, false },          /* U+FFFF is valid */
	{ "\xEF\xBF", 2, 0, 2, true },
	{ "\xE1\x80\xC2", 3, 0, 2, false },
	{ "\xF1\x80\x80\xE1", 4, 0, 3, false },
};

START_TEST(test_utf8_valid_prefix)
{
	size_t bad = 99;
	bool truncated = true;
	size_t got = utf8_valid_prefix(prefix_rows[_i].in, prefix_rows[_i].len, &bad,
				       &truncated);
	const char *what = esc(prefix_rows[_i].in, prefix_rows[_i].len);

	ck_assert_msg(got == prefix_rows[_i].prefix, "\"%s\": prefix %zu, expected %zu",
		      what, got, prefix_rows[_i].prefix);
	ck_assert_msg(utf8_is_valid(prefix_rows[_i].in, prefix_rows[_i].len) ==
			      (prefix_rows[_i].prefix == prefix_rows[_i].len),
		      "\"%s\": utf8_is_valid", what);
	if (got < prefix_rows[_i].len) {
		ck_assert_msg(bad == prefix_rows[_i].bad, "\"%s\": bad %zu, expected %zu",
			      what, bad, prefix_rows[_i].bad);
		ck_assert_msg(truncated == prefix_rows[_i].truncated,
			      "\"%s\": truncated %d, expected %d", what, truncated,
			      prefix_rows[_i].truncated);
	}
}
END_TEST

/*
 * Whole strings: each maximal subpart of an ill-formed sequence becomes one
 * '?' (the U+FFFD practice of Unicode 15 section 3.9 and WHATWG), so the
 * count of '?' is the count of replacement characters.
 */
static const struct {
	const char *in;
	size_t len;
	const char *out;
} subpart_rows[] = {
	/* Unicode 15, table 3-8 */
	{ "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 13, "a???b?c??d" },
	{ "\xC0\xAF", 2, "??" },
	{ "\xE0\x80\xAF", 3, "???" },
	{ "\xED\xA0\x80", 3, "???" },
	{ "\xF4\x90\x80\x80", 4, "????" },
	{ "\xF0\x80\x80\x80", 4, "????" },
	{ "\xF8\x88\x80\x80\x80", 5, "?????" },
	{ "\xFE\xFF", 2, "??" },
	{ "\xE0\x80", 2, "??" },
	{ "x\xF0\x9F\x98y", 5, "x?y" },
	{ "x\xF0\x9F\x98", 4, "x?" },
	{ "\xE2\x82\xE2\x82\xAC", 5, "?\xE2\x82\xAC" },
	{ "\xC3\xC3\xA9", 3, "?\xC3\xA9" },
	{ "\xF0\x9F\x98\xF0\x9F\x98\x80", 7, "?\xF0\x9F\x98\x80" },
	{ "ok", 2, "ok" },
};

START_TEST(test_utf8_maximal_subparts)
{
	const char *p = subpart_rows[_i].in;
	size_t n = subpart_rows[_i].len;
	char got[64];
	size_t g = 0;

	while (n > 0) {
		size_t bad = 0;
		bool truncated;
		size_t v = utf8_valid_prefix(p, n, &bad, &truncated);
		memcpy(got + g, p, v);
		g += v;
		if (v == n)
			break;
		ck_assert_uint_ge(bad, 1);
		ck_assert_uint_le(bad, n - v);
		got[g++] = '?';
		p += v + bad;
		n -= v + bad;
	}
	ck_assert_bytes(got, g, subpart_rows[_i].out, strlen(subpart_rows[_i].out));
}
END_TEST

/* The eight-byte ASCII fast path finds a bad byte at every position. */
START_TEST(test_utf8_valid_prefix_positions)
{
	char s[40];
	size_t bad;
	bool truncated;

	memset(s, 'a', sizeof s);
	s[_i] = (char)0x80;
	ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s, &bad, &truncated), (size_t)_i);
	ck_assert_uint_eq(bad, 1);
	ck_assert(!truncated);
	memset(s, 'a', sizeof s);
	s[_i] = (char)0xC3;
	if (_i + 1 < (int)sizeof s) {
		s[_i + 1] = (char)0xA9;
		ck_assert(utf8_is_valid(s, sizeof s));
	} else {
		ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s, &bad, &truncated), (size_t)_i);
		ck_assert(truncated);
	}
}
END_TEST

/*
 * utf8_valid_prefix against its definition, sequence by sequence, on
 * random text from pieces that meet the 16-byte block checks in every
 * way: ASCII runs, the lead bytes E0 and ED with good and bad second
 * bytes, 4-byte sequences, stray and missing continuation bytes.
 */
static size_t valid_prefix_ref(const char *p, size_t n, size_t *bad, bool *truncated)
{
	size_t i = 0, l;

	while (i < n) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		if (!(l = utf8_seq_slow(p + i, n - i, bad, truncated)))
			return i;
		i += l;
	}
	return n;
}

START_TEST(test_utf8_valid_prefix_random)
{
	static const char *const good[] = {
		"a", " ", "abcdefghijklmnopq", "\xC3\xA9", "\xD0\x96", "\xDF\xBF",
		"\xE2\x80\x99", "\xE4\xB8\xAD", "\xED\x9E\xA3", "\xED\x80\x80",
		"\xE0\xA4\x85", "\xE0\xBF\xBF", "\xEF\xBF\xBF", "\xF0\x9F\x98\x80",
		"\xF4\x8F\xBF\xBF", "\xC2\x80",
	};
	static const char *const bad_pieces[] = {
		"\xED\xA0\x80", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xF4\x90\x80\x80", "\xC0\xAF",
		"\xC1\xBF", "\x80", "\xBF", "\xFF", "\xF5\x80\x80\x80", "\xE2\x82", "\xC3",
		"\xF0\x9F\x98",
	};
	uint32_t x = 12345u + (uint32_t)_i;
	char s[200];

	for (int round = 0; round < 2000; round++) {
		size_t n = 0;
		while (n < 150) {
			x = x * 1103515245u + 12345u;
			const char *piece = (x >> 8) % 40 == 0
				? bad_pieces[(x >> 16) % (sizeof bad_pieces / sizeof *bad_pieces)]
				: good[(x >> 16) % (sizeof good / sizeof *good)];
			memcpy(s + n, piece, strlen(piece));
			n += strlen(piece);
		}
		for (size_t len = n - 40; len <= n; len++) {
			size_t bad = 99, rbad = 99;
			bool tr = false, rtr = false;
			size_t got = utf8_valid_prefix(s, len, &bad, &tr);
			size_t want = valid_prefix_ref(s, len, &rbad, &rtr);
			ck_assert_uint_eq(got, want);
			if (got < len) {
				ck_assert_uint_eq(bad, rbad);
				ck_assert_int_eq(tr, rtr);
			}
		}
	}
}
END_TEST

/* ------------------------------------------------ utf8_is_word_cp */

static const struct {
	int32_t cp;
	bool word;
} word_rows[] = {
	{ 'a', true }, { 'Z', true }, { '0', true }, { '9', true }, { '_', true },
	{ '-', false }, { ' ', false }, { '\'', false }, { '#', false }, { '@', false },
	{ '.', false }, { '\t', false }, { 0, false }, { 0x7F, false },
	{ 0x00E9, true },   /* é Ll */
	{ 0x0414, true },   /* Д Lu */
	{ 0x0434, true },   /* д Ll */
	{ 0x0456, true },   /* і */
	{ 0x4E2D, true },   /* 中 Lo */
	{ 0x3042, true },   /* あ Lo */
	{ 0x05D0, true },   /* א Lo */
	{ 0x01C5, true },   /* ǅ Lt */
	{ 0x02B0, true },   /* ʰ Lm */
	{ 0x0301, true },   /* combining acute Mn */
	{ 0x0903, true },   /* Devanagari visarga Mc */
	{ 0x20DD, true },   /* combining enclosing circle Me */
	{ 0x0663, true },   /* Arabic-Indic three Nd */
	{ 0x2163, true },   /* Roman numeral four Nl */
	{ 0x00B2, true },   /* superscript two No */
	{ 0x00A0, false },  /* no-break space */
	{ 0x3000, false },  /* ideographic space */
	{ 0x2019, false },  /* right single quote */
	{ 0x00AB, false },  /* « */
	{ 0x2013, false },  /* en dash */
	{ 0x203F, false },  /* undertie Pc: only '_' counts */
	{ 0xFF3F, false },  /* fullwidth low line Pc */
	{ 0x200D, false },  /* ZWJ Cf */
	{ 0x1F600, false }, /* emoji So */
	{ 0x20AC, false },  /* € Sc */
	{ 0xFF21, true },   /* fullwidth A */
};

START_TEST(test_utf8_is_word_cp)
{
	ck_assert_msg(utf8_is_word_cp(word_rows[_i].cp) == word_rows[_i].word,
		      "U+%04X: expected %s", (unsigned)word_rows[_i].cp,
		      word_rows[_i].word ? "word" : "not word");
}
END_TEST

/* -------------------------------------------------------- casefold */

static const struct {
	int32_t from, to;
} fold_rows[] = {
	{ 'A', 'a' }, { 'Z', 'z' }, { 'a', 'a' }, { 'z', 'z' }, { '@', '@' },
	{ '[', '[' }, { '0', '0' }, { 'I', 'i' },     /* not the Turkic mapping */
	{ 0x212A, 'k' },         /* KELVIN SIGN */
	{ 0x212B, 0x00E5 },      /* ANGSTROM SIGN */
	{ 0x2126, 0x03C9 },      /* OHM SIGN */
	{ 0x1E9E, 0x00DF },      /* capital sharp s: simple folding (S) */
	{ 0x00DF, 0x00DF },      /* sharp s has only a full folding */
	{ 0x0130, 0x0130 },      /* I with dot: only F and T foldings */
	{ 0x0131, 0x0131 },      /* dotless i */
	{ 0x0414, 0x0434 },      /* Д */
	{ 0x0434, 0x0434 },
	{ 0x0406, 0x0456 },      /* І */
	{ 0x0407, 0x0457 },      /* Ї */
	{ 0x0490, 0x0491 },      /* Ґ */
	{ 0x03A3, 0x03C3 },      /* Σ */
	{ 0x03C2, 0x03C3 },      /* final sigma folds to σ */
	{ 0x00B5, 0x03BC },      /* micro sign */
	{ 0x00C9, 0x00E9 },
	{ 0x0345, 0x03B9 },
	{ 0x1F88, 0x1F80 },      /* simple folding of a titlecase Greek letter */
	{ 0x1E9B, 0x1E61 },
	{ 0x023A, 0x2C65 },      /* folding that grows from 2 to 3 bytes */
	{ 0x2C7E, 0x023F },      /* and shrinks from 3 to 2 */
	{ 0x13F8, 0x13F0 },      /* Cherokee small letters fold to capitals */
	{ 0xAB70, 0x13A0 },
	{ 0xFF21, 0xFF41 },      /* fullwidth A */
	{ 0x10400, 0x10428 },    /* Deseret */
	{ 0x1E900, 0x1E922 },    /* Adlam */
	{ 0x4E2D, 0x4E2D },
	{ 0x1F600, 0x1F600 },
	{ 0x10FFFF, 0x10FFFF },
};

START_TEST(test_casefold_cp)
{
	int32_t got = casefold_cp(fold_rows[_i].from);
	ck_assert_msg(got == fold_rows[_i].to, "U+%04X folds to U+%04X, expected U+%04X",
		      (unsigned)fold_rows[_i].from, (unsigned)got,
		      (unsigned)fold_rows[_i].to);
}
END_TEST

/* Offsets in the map buffer, as size_t values. */
static void check_map(const struct buf *map, const size_t *exp, size_t n)
{
	ck_assert_uint_eq(map->len, n * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		size_t v;
		memcpy(&v, map->p + i * sizeof v, sizeof v);
		ck_assert_msg(v == exp[i], "map[%zu] = %zu, expected %zu", i, v, exp[i]);
	}
}

START_TEST(test_casefold_append_map)
{
	/* "A" KELVIN "x" CAPITAL-SHARP-S "Д" Ⱥ */
	const char in[] = "A\xE2\x84\xAAx\xE1\xBA\x9E\xD0\x94\xC8\xBA";
	/* offsets:        0 1          4 5           8       10 */
	const char exp[] = "ak" "x\xC3\x9F\xD0\xB4\xE2\xB1\xA5";
	const size_t emap[] = { 0, 1, 4, 5, 5, 8, 8, 10, 10, 10 };
	struct buf out, map;

	buf_init(&out);
	buf_init(&map);
	casefold_append(&out, in, sizeof in - 1, &map);
	ck_assert_bytes(out.p, out.len, exp, sizeof exp - 1);
	check_map(&map, emap, sizeof emap / sizeof *emap);

	/* without a map, and appending after what is there */
	buf_clear(&out);
	buf_append(&out, "<", 1);
	casefold_append(&out, in, sizeof in - 1, NULL);
	ck_assert_uint_eq(out.len, sizeof exp);
	ck_assert_int_eq(out.p[0], '<');
	ck_assert_bytes(out.p + 1, out.len - 1, exp, sizeof exp - 1);
	buf_fini(&out);
	buf_fini(&map);
}
END_TEST

START_TEST(test_casefold_append_mixed)
{
	/* Ukrainian and Greek words with final sigma */
	const char in[] = "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92 \xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3 "
			  "\xCF\x82";
	const char exp[] = "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2 \xCE\xBF\xCE\xB4\xCE\xBF\xCF\x83 "
			   "\xCF\x83";
	struct buf out;

	buf_init(&out);
	casefold_append(&out, in, sizeof in - 1, NULL);
	ck_assert_bytes(out.p, out.len, exp, sizeof exp - 1);
	buf_clear(&out);
	casefold_append(&out, "", 0, NULL);
	ck_assert_uint_eq(out.len, 0);
	buf_fini(&out);
}
END_TEST

/* Folding is idempotent: fold(fold(c)) == fold(c) for every code point. */
START_TEST(test_casefold_idempotent)
{
	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		int32_t f = casefold_cp(cp);
		if (casefold_cp(f) != f)
			ck_abort_msg("U+%04X -> U+%04X -> U+%04X", (unsigned)cp,
				     (unsigned)f, (unsigned)casefold_cp(f));
	}
}
END_TEST

static Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc;

	tc = tcase_create("buf");
	tcase_add_test(tc, test_buf_init_fini);
	tcase_add_test(tc, test_buf_append_grow);
	tcase_add_test(tc, test_buf_append_empty);
	tcase_add_test(tc, test_buf_reserve);
	tcase_add_test(tc, test_buf_grow_large);
	tcase_add_test(tc, test_buf_lend);
	tcase_add_test(tc, test_huge_alloc);
	tcase_add_test(tc, test_buf_putc);
	tcase_add_test(tc, test_buf_cstr);
	tcase_add_test(tc, test_buf_clear);
	tcase_add_test(tc, test_arena);
	tcase_add_test(tc, test_xmemdup);
	tcase_add_test(tc, test_xalloc);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8_codec, 0, NROWS(codec_rows));
	tcase_add_test(tc, test_utf8_roundtrip_all);
	tcase_add_test(tc, test_utf8_prev_count);
	tcase_add_loop_test(tc, test_utf8_valid_prefix, 0, NROWS(prefix_rows));
	tcase_add_loop_test(tc, test_utf8_maximal_subparts, 0, NROWS(subpart_rows));
	tcase_add_loop_test(tc, test_utf8_valid_prefix_positions, 0, 40);
	tcase_add_loop_test(tc, test_utf8_valid_prefix_random, 0, 8);
	tcase_add_loop_test(tc, test_utf8_is_word_cp, 0, NROWS(word_rows));
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("casefold");
	tcase_add_loop_test(tc, test_casefold_cp, 0, NROWS(fold_rows));
	tcase_add_test(tc, test_casefold_append_map);
	tcase_add_test(tc, test_casefold_append_mixed);
	tcase_add_test(tc, test_casefold_idempotent);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(buf_suite());
}
