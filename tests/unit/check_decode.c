/* check_decode.c -- unit tests: decode (stage 1, bytes to valid UTF-8) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_util.h"

#include "buf.h"
#include "decode.h"
#include "options.h"
#include "utf8.h"

/*
 * Decodes in[0..n) as one file, in feeds of `chunk` bytes (0: one feed).
 * With eof_apart the last feed is an empty one with eof set, else the last
 * chunk carries eof.  Stops at the first DECODE_INVALID and returns it.
 */
static bool use_view; /* run() calls decode_feed_view instead */

static int feed(struct decode *d, const char *p, size_t n, bool eof, struct buf *out)
{
	const char *view;
	size_t vn;

	if (!use_view)
		return decode_feed(d, p, n, eof, out);
	int rc = decode_feed_view(d, p, n, eof, out, &view, &vn);
	buf_append(out, view, vn);
	return rc;
}

static int run(struct decode *d, const char *in, size_t n, size_t chunk, bool eof_apart,
	       struct buf *out)
{
	size_t i = 0;

	if (chunk == 0)
		chunk = n ? n : 1;
	do {
		size_t k = n - i < chunk ? n - i : chunk;
		bool eof = !eof_apart && i + k == n;
		int rc = feed(d, in + i, k, eof, out);
		if (rc)
			return rc;
		i += k;
	} while (i < n);
	if (eof_apart)
		return feed(d, "", 0, true, out);
	return DECODE_OK;
}

/* One file through a fresh decoder; returns the result code. */
static int decode_str(const char *cs, enum invalid_policy pol, const char *in, size_t n,
		      size_t chunk, bool eof_apart, struct buf *out, uint64_t *off,
		      char *bytes)
{
	struct decode d;

	ck_assert_int_eq(decode_init(&d, cs, pol), 0);
	buf_clear(out);
	int rc = run(&d, in, n, chunk, eof_apart, out);
	if (rc == DECODE_INVALID) {
		if (off)
			*off = d.err_offset;
		if (bytes)
			decode_format_bytes(&d, bytes);
	}
	decode_fini(&d);
	return rc;
}

/*
 * Decodes in[0..n) as one file from charset cs under pol, in feeds of every
 * size from 0 (one feed) to max_chunk, with eof on the last feed and in an
 * empty feed of its own: each way must succeed and give exp[0..elen).
 */
static void check_decodes(const char *cs, enum invalid_policy pol, const char *in, size_t n,
			  size_t max_chunk, const char *exp, size_t elen)
{
	struct buf out;

	buf_init(&out);
	for (size_t chunk = 0; chunk <= max_chunk; chunk++) {
		for (int apart = 0; apart < 2; apart++) {
			int rc = decode_str(cs, pol, in, n, chunk, apart, &out, NULL, NULL);
			ck_assert_msg(rc == DECODE_OK, "%s chunk %zu%s: rc %d", cs, chunk,
				      apart ? ", eof apart" : "", rc);
			ck_assert_msg(out.len == elen && (elen == 0 || memcmp(out.p, exp, elen) == 0),
				      "%s chunk %zu%s: got \"%s\", expected \"%s\"", cs, chunk,
				      apart ? ", eof apart" : "", esc(out.p, out.len), esc(exp, elen));
		}
	}
	buf_fini(&out);
}

/* ------------------------------------------------ UTF-8 passthrough */

static const struct {
	const char *in;
	size_t len;
} pass_rows[] = {
	{ S("") },
	{ S("plain ASCII news text\n") },
	{ S("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\n") },
	{ S("emoji \xF0\x9F\x98\x80 and U+10FFFF \xF4\x8F\xBF\xBF") },
	{ S("nul \0 bytes \0 stay here") },
	{ S("\xE2\x80\xA8 \xC2\x85 \r\n") },
	{ S("mid-file " BOM "stays") },
	{ S("\xEF\xBF\xBF\xEF\xBF\xBE noncharacters are valid") },
};

START_TEST(test_utf8_passthrough)
{
	check_decodes("UTF-8", INVALID_REPLACE, pass_rows[_i].in, pass_rows[_i].len, 5,
		      pass_rows[_i].in, pass_rows[_i].len);
}
END_TEST

START_TEST(test_charset_names)
{
	static const char *const names[] = { "UTF-8", "utf-8", "UTF8", "utf8" };
	struct buf out;

	buf_init(&out);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		ck_assert_int_eq(decode_str(names[i], INVALID_REPLACE, BOM "a\xC3\xA9", 6, 0,
					    false, &out, NULL, NULL), 0);
		ck_assert_bytes(out.p, out.len, "a\xC3\xA9", 3);
	}
	buf_fini(&out);
}
END_TEST

/* ---------------------------------------------------------------- BOM */

static const struct {
	const char *in;
	size_t len;
	const char *out;
	size_t outlen;
} bom_rows[] = {
	{ S(BOM "abc"), S("abc") },
	{ S(BOM), S("") },
	{ S(BOM BOM "x"), S(BOM "x") },            /* only the first one */
	{ S("a" BOM "b"), S("a" BOM "b") },       /* not at the start */
	{ S(BOM "\xC3\xA9"), S("\xC3\xA9") },
	{ S("\xEF\xBC\xA1"), S("\xEF\xBC\xA1") }, /* U+FF21 shares the lead byte */
	{ S("\xEF\xBB"), S(FFFD) },               /* a cut-off BOM at eof */
	{ S("\xEF"), S(FFFD) },
	{ S("\xEF\xBBx"), S(FFFD "x") },
};

START_TEST(test_bom)
{
	check_decodes("UTF-8", INVALID_REPLACE, bom_rows[_i].in, bom_rows[_i].len, 4,
		      bom_rows[_i].out, bom_rows[_i].outlen);
}
END_TEST

START_TEST(test_bom_after_reset)
{
	struct decode d;
	struct buf out;

	buf_init(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-8", INVALID_REPLACE), 0);
	ck_assert_int_eq(decode_feed(&d, BOM "one\n", 7, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "one\n", 4);
	/* a second feed of the same file: its BOM is text */
	ck_assert_int_eq(decode_feed(&d, BOM "x", 4, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "one\n" BOM "x", 8);
	/* a new file: its BOM goes, also when it comes in a feed of its own */
	decode_reset(&d);
	buf_clear(&out);
	ck_assert_int_eq(decode_feed(&d, BOM, 3, false, &out), 0);
	ck_assert_int_eq(decode_feed(&d, "two", 3, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "two", 3);
	/* a reset also drops a carried, incomplete sequence */
	decode_reset(&d);
	buf_clear(&out);
	ck_assert_int_eq(decode_feed(&d, "ab\xE2\x82", 4, false, &out), 0);
	decode_reset(&d);
	ck_assert_int_eq(decode_feed(&d, BOM "c", 4, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "abc", 3);
	decode_fini(&d);
	buf_fini(&out);
}
END_TEST

/* ---------------------------------------------- invalid: replace, drop */

static const struct {
	const char *in;
	size_t len;
	const char *replaced; /* one U+FFFD per maximal subpart */
	const char *dropped;
} bad_rows[] = {
	{ S("a\xC0\xAF" "b"), "a" FFFD FFFD "b", "ab" },
	{ S("\xE0\x80"), FFFD FFFD, "" },
	{ S("x\xE0\x80\xAFy"), "x" FFFD FFFD FFFD "y", "xy" },
	{ S("\xED\xA0\x80"), FFFD FFFD FFFD, "" },
	{ S("\xF4\x90\x80\x80!"), FFFD FFFD FFFD FFFD "!", "!" },
	{ S("\xFE\xFF"), FFFD FFFD, "" },
	{ S("\x80\x80\x80"), FFFD FFFD FFFD, "" },
	{ S("ok\xF0\x9F\x98"), "ok" FFFD, "ok" },           /* truncated at eof */
	{ S("\xF0\x9F\x98ok"), FFFD "ok", "ok" },           /* cut off mid-file */
	{ S("\xE2\x82\xE2\x82\xAC"), FFFD "\xE2\x82\xAC", "\xE2\x82\xAC" },
	{ S("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
	  "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", "abcd" },
	{ S("\xC3"), FFFD, "" },
	{ S(BOM "\xFF"), FFFD, "" },
};

START_TEST(test_invalid_replace)
{
	const char *exp = bad_rows[_i].replaced;

	check_decodes("UTF-8", INVALID_REPLACE, bad_rows[_i].in, bad_rows[_i].len, 6, exp,
		      strlen(exp));
}
END_TEST

START_TEST(test_invalid_drop)
{
	const char *exp = bad_rows[_i].dropped;

	check_decodes("UTF-8", INVALID_DROP, bad_rows[_i].in, bad_rows[_i].len, 6, exp,
		      strlen(exp));
}
END_TEST

/* ------------------------------------------------------ invalid: error */

static const struct {
	const char *in;
	size_t len;
	const char *before;   /* the text decoded before the bad bytes */
	uint64_t offset;      /* from 0 in the file */
	const char *bytes;    /* as decode_format_bytes writes them */
} err_rows[] = {
	{ S("abc\xFF" "def"), "abc", 3, "\\xFF" },
	{ S("\x80"), "", 0, "\\x80" },
	{ S("ab\xE2\x82"), "ab", 2, "\\xE2\\x82" },              /* truncated at eof */
	{ S("line one\nline \xC3\xA9\xF0\x9F\x98"), "line one\nline \xC3\xA9", 16,
	  "\\xF0\\x9F\\x98" },
	{ S(BOM "x\xFE"), "x", 4, "\\xFE" },                     /* the BOM counts */
	{ S("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\x80"),
	  "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 18,
	  "\\x80" },
};

START_TEST(test_invalid_error)
{
	struct buf out;
	char bytes[4 * 8 + 1];
	uint64_t off;

	buf_init(&out);
	for (size_t chunk = 0; chunk <= 7; chunk++) {
		for (int apart = 0; apart < 2; apart++) {
			off = 12345;
			bytes[0] = '\0';
			int rc = decode_str("UTF-8", INVALID_ERROR, err_rows[_i].in,
					    err_rows[_i].len, chunk, apart, &out, &off, bytes);
			ck_assert_msg(rc == DECODE_INVALID, "chunk %zu: rc %d", chunk, rc);
			ck_assert_msg(off == err_rows[_i].offset,
				      "chunk %zu: offset %llu, expected %llu", chunk,
				      (unsigned long long)off,
				      (unsigned long long)err_rows[_i].offset);
			ck_assert_str_eq(bytes, err_rows[_i].bytes);
			ck_assert_bytes(out.p, out.len, err_rows[_i].before,
					strlen(err_rows[_i].before));
		}
	}
	buf_fini(&out);
}
END_TEST

/*
 * SPEC section 2 gives the message for `--invalid=error` as "invalid byte
 * sequence \xC0\xAF at byte OFFSET": the overlong "/" is reported whole.
 */
START_TEST(test_invalid_error_spec_example)
{
	struct buf out;
	char bytes[4 * 8 + 1] = "";
	uint64_t off = 999;

	buf_init(&out);
	int rc = decode_str("UTF-8", INVALID_ERROR, "path\xC0\xAF" "etc", 9, 0, false, &out,
			    &off, bytes);
	ck_assert_int_eq(rc, DECODE_INVALID);
	ck_assert_bytes(out.p, out.len, "path", 4);
	ck_assert_uint_eq(off, 4);
	ck_assert_str_eq(bytes, "\\xC0\\xAF");
	buf_fini(&out);
}
END_TEST

START_TEST(test_error_then_next_file)
{
	struct decode d;
	struct buf out;

	buf_init(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-8", INVALID_ERROR), 0);
	ck_assert_int_eq(decode_feed(&d, "0123456789", 10, false, &out), 0);
	ck_assert_int_eq(decode_feed(&d, "ab\xFF", 3, false, &out), DECODE_INVALID);
	ck_assert_uint_eq(d.err_offset, 12);
	ck_assert_bytes(out.p, out.len, "0123456789ab", 12);
	/* the next file counts from 0 again and decodes cleanly */
	decode_reset(&d);
	buf_clear(&out);
	ck_assert_int_eq(decode_feed(&d, "ok\n", 3, false, &out), 0);
	ck_assert_int_eq(decode_feed(&d, "\x80", 1, true, &out), DECODE_INVALID);
	ck_assert_uint_eq(d.err_offset, 3);
	ck_assert_bytes(out.p, out.len, "ok\n", 3);
	decode_fini(&d);
	buf_fini(&out);
}
END_TEST

/* --------------------------------------------------------- chunking */

/* Every chunk size gives the output of a single feed. */
START_TEST(test_split_feeds)
{
	static const char text[] =
		BOM "a\xC3\xA9z \xE2\x82\xAC \xF0\x9F\x98\x80 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"
		    "\xC0\xAF\xF0\x9F\x98 x\xE2\x82\n\xF4\x8F\xBF\xBF";
	static const char exp[] =
		"a\xC3\xA9z \xE2\x82\xAC \xF0\x9F\x98\x80 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"
		FFFD FFFD FFFD " x" FFFD "\n\xF4\x8F\xBF\xBF";
	size_t chunk = (size_t)_i + 1;
	struct buf out;

	buf_init(&out);
	for (int apart = 0; apart < 2; apart++) {
		ck_assert_int_eq(decode_str("UTF-8", INVALID_REPLACE, text, sizeof text - 1,
					    chunk, apart, &out, NULL, NULL),
				 0);
		ck_assert_bytes(out.p, out.len, exp, sizeof exp - 1);
	}
	buf_fini(&out);
}
END_TEST

/* A character split across feeds never comes out early or twice. */
START_TEST(test_split_char_one_byte_feeds)
{
	struct decode d;
	struct buf out;
	const char *s = "\xF0\x9F\x98\x80";

	buf_init(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-8", INVALID_ERROR), 0);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(decode_feed(&d, s + i, 1, false, &out), 0);
		ck_assert_uint_eq(out.len, 0);
	}
	ck_assert_int_eq(decode_feed(&d, s + 3, 1, false, &out), 0);
	ck_assert_bytes(out.p, out.len, s, 4);
	ck_assert_int_eq(decode_feed(&d, "", 0, true, &out), 0);
	ck_assert_bytes(out.p, out.len, s, 4);
	decode_fini(&d);
	buf_fini(&out);
}
END_TEST

START_TEST(test_truncated_at_eof)
{
	struct decode d;
	struct buf out;

	/* carried over from a feed without eof, then an empty feed with eof */
	buf_init(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-8", INVALID_REPLACE), 0);
	ck_assert_int_eq(decode_feed(&d, "abc\xF0\x9F\x98", 6, false, &out), 0);
	ck_assert_bytes(out.p, out.len, "abc", 3);
	ck_assert_int_eq(decode_feed(&d, NULL, 0, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "abc" FFFD, 6);
	decode_fini(&d);

	buf_clear(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-8", INVALID_ERROR), 0);
	ck_assert_int_eq(decode_feed(&d, "abc\xF0\x9F\x98", 6, false, &out), 0);
	ck_assert_int_eq(decode_feed(&d, NULL, 0, true, &out), DECODE_INVALID);
	ck_assert_uint_eq(d.err_offset, 3);
	char bytes[33];
	decode_format_bytes(&d, bytes);
	ck_assert_str_eq(bytes, "\\xF0\\x9F\\x98");
	decode_fini(&d);
	buf_fini(&out);
}
END_TEST

/* Any bytes in: valid UTF-8 out, the same for every chunk size. */
START_TEST(test_random_bytes_valid_out)
{
	static const enum invalid_policy pols[] = { INVALID_REPLACE, INVALID_DROP };
	unsigned long long x = 88172645463325252ULL + (unsigned)_i;
	char in[512];
	struct buf out, ref;

	buf_init(&out);
	buf_init(&ref);
	for (int round = 0; round < 40; round++) {
		for (size_t i = 0; i < sizeof in; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* mostly high bytes, so sequences are often almost valid */
			unsigned v = (unsigned)(x >> 24) & 0xFF;
			in[i] = (char)(v % 3 == 0 ? 'a' + v % 26 : 0x80 | (v & 0x7F));
		}
		for (int k = 0; k < 2; k++) {
			decode_str("UTF-8", pols[k], in, sizeof in, 0, false, &ref, NULL, NULL);
			ck_assert(utf8_is_valid(ref.p, ref.len));
			for (size_t chunk = 1; chunk <= 9; chunk += 2) {
				decode_str("UTF-8", pols[k], in, sizeof in, chunk, chunk & 2, &out,
					   NULL, NULL);
				ck_assert_msg(out.len == ref.len &&
						      memcmp(out.p, ref.p, ref.len) == 0,
					      "policy %d chunk %zu differs", k, chunk);
			}
		}
	}
	buf_fini(&out);
	buf_fini(&ref);
}
END_TEST

/*
 * decode_feed_view gives the same text, status and error place as
 * decode_feed, for text that mixes valid sequences, bad bytes and a BOM,
 * cut into feeds of every small size.
 */
START_TEST(test_view_matches_feed)
{
	static const enum invalid_policy pols[] = { INVALID_REPLACE, INVALID_DROP, INVALID_ERROR };
	static const char *const pieces[] = {
		"a", "line\n", "\r\n", "\xC3\xA9", "\xE2\x80\x99", "\xF0\x9F\x98\x80",
		"\xD0\x96\xD0\xB8", "\xE4\xB8\xAD", "\xC2\x85", "\xE2\x80\xA8",
	};
	static const char *const bad[] = { "\xFF", "\x80", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80" };
	unsigned x = 2024u + (unsigned)_i;
	char in[300];
	struct buf a, b;

	buf_init(&a);
	buf_init(&b);
	for (int round = 0; round < 30; round++) {
		size_t n = 0;
		if (round % 3 == 0) {
			memcpy(in, BOM, 3);
			n = 3;
		}
		while (n < 250) {
			x = x * 1103515245u + 12345u;
			const char *q = (x >> 8) % 25 == 0 && round % 2
				? bad[(x >> 16) % (sizeof bad / sizeof *bad)]
				: pieces[(x >> 16) % (sizeof pieces / sizeof *pieces)];
			memcpy(in + n, q, strlen(q));
			n += strlen(q);
		}
		for (size_t pi = 0; pi < 3; pi++)
			for (size_t chunk = 1; chunk <= 12; chunk++) {
				uint64_t oa = 0, ob = 0;
				char ba[40] = "", bb[40] = "";
				use_view = false;
				int ra = decode_str("UTF-8", pols[pi], in, n, chunk, chunk & 1, &a, &oa, ba);
				use_view = true;
				int rb = decode_str("UTF-8", pols[pi], in, n, chunk, chunk & 1, &b, &ob, bb);
				use_view = false;
				ck_assert_int_eq(ra, rb);
				ck_assert_msg(a.len == b.len && memcmp(a.p, b.p, a.len) == 0,
					      "policy %zu chunk %zu: the views differ", pi, chunk);
				if (ra == DECODE_INVALID) {
					ck_assert_uint_eq(oa, ob);
					ck_assert_str_eq(ba, bb);
				}
			}
	}
	buf_fini(&a);
	buf_fini(&b);
}
END_TEST

/* ---------------------------------------------------------- iconv */

static const struct {
	const char *charset;
	const char *in;
	size_t len;
	const char *out;
	size_t outlen;
} iconv_rows[] = {
	{ "WINDOWS-1252", S("\x93Quoted\x94 \x80" "5 caf\xE9 \x96 \x85"),
	  S("\xE2\x80\x9CQuoted\xE2\x80\x9D \xE2\x82\xAC" "5 caf\xC3\xA9 \xE2\x80\x93 "
	    "\xE2\x80\xA6") },
	{ "windows-1252", S("\x91it\x92s"), S("\xE2\x80\x98it\xE2\x80\x99s") },
	{ "KOI8-R", S("\xF0\xD2\xC9\xD7\xC5\xD4, \xED\xC9\xD2!"),
	  S("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\x9C\xD0\xB8\xD1\x80!") },
	{ "ISO-8859-2", S("\xB1\xA3\xE6\xB3\xA9\xB9 \xE8\xE1"),
	  S("\xC4\x85\xC5\x81\xC4\x87\xC5\x82\xC5\xA0\xC5\xA1 \xC4\x8D\xC3\xA1") },
	{ "ISO-8859-1", S("na\xEFve \xAB\xBB"), S("na\xC3\xAFve \xC2\xAB\xC2\xBB") },
	/* UTF-16 with a byte-order mark, either way round; the mark goes */
	{ "UTF-16", S("\xFF\xFE" "a\0\xE9\0=\xD8\0\xDE"), S("a\xC3\xA9\xF0\x9F\x98\x80") },
	{ "UTF-16", S("\xFE\xFF" "\0a\0\xE9\xD8=\xDE\0"), S("a\xC3\xA9\xF0\x9F\x98\x80") },
	{ "UTF-16LE", S("\xFF\xFE" "a\0b\0"), S("ab") },
	{ "UTF-16BE", S("\xFE\xFF" "\0a\0b"), S("ab") },
	{ "UTF-16LE", S("a\0\xFF\xFE" "b\0"), S("a" BOM "b") },   /* mid-file: kept */
	{ "UTF-16LE", S("a\0\r\0\n\0\0\0"), S("a\r\n\0") },
	{ "UTF-16LE", S(""), S("") },
	{ "UTF-16LE", S("a\0b"), S("a" FFFD) },                   /* truncated at eof */
	/* a lone surrogate is one bad code unit: the rest stays in step */
	{ "UTF-16LE", S("a\0\0\xD8" "b\0c\0"), S("a" FFFD "bc") },
	{ "UTF-16LE", S("a\0\0\xDC" "b\0c\0"), S("a" FFFD "bc") },
};

START_TEST(test_iconv)
{
	check_decodes(iconv_rows[_i].charset, INVALID_REPLACE, iconv_rows[_i].in,
		      iconv_rows[_i].len, 7, iconv_rows[_i].out, iconv_rows[_i].outlen);
}
END_TEST

/*
 * An invalid sequence does not swallow the valid text after it, in any
 * charset: what follows the bad bytes comes out whole.  (Which bytes a
 * charset rejects is iconv's business, so only the text around is checked.)
 */
static const struct {
	const char *charset;
	const char *in;
	size_t len;
	const char *head, *tail;
} resync_rows[] = {
	{ "CP932", S("a\x80" "bcdefg"), "a", "bcdefg" },          /* Windows Shift_JIS */
	{ "SHIFT_JIS", S("a\x80" "bcdefg"), "a", "bcdefg" },
	{ "EUC-JP", S("a\xFF" "bcdefg"), "a", "bcdefg" },
	{ "CP1251", S("a\x98" "bcdefg"), "a", "bcdefg" },
	{ "UTF-16LE", S("a\0\0\xD8" "b\0c\0d\0"), "a", "bcd" },
	{ "UTF-16BE", S("\0a\xDC\0\0b\0c\0d"), "a", "bcd" },
	{ "UCS-2LE", S("a\0\0\xD8" "b\0c\0d\0"), "a", "bcd" },
	{ "UCS-2BE", S("\0a\xD8\0\0b\0c\0d"), "a", "bcd" },
	{ "UTF-32LE", S("a\0\0\0\0\xD8\0\0" "b\0\0\0c\0\0\0"), "a", "bc" },
};

START_TEST(test_iconv_resync)
{
	struct buf out;
	const char *head = resync_rows[_i].head, *tail = resync_rows[_i].tail;
	size_t hn = strlen(head), tn = strlen(tail);

	buf_init(&out);
	ck_assert_int_eq(decode_str(resync_rows[_i].charset, INVALID_REPLACE, resync_rows[_i].in,
				    resync_rows[_i].len, 0, false, &out, NULL, NULL),
			 0);
	ck_assert_msg(out.len >= hn + tn && memcmp(out.p, head, hn) == 0 &&
			      memcmp(out.p + out.len - tn, tail, tn) == 0,
		      "%s: got \"%s\", expected \"%s...%s\"", resync_rows[_i].charset,
		      esc(out.p, out.len), head, tail);
	ck_assert(utf8_is_valid(out.p, out.len));
	buf_fini(&out);
}
END_TEST

/*
 * SPEC 7: the same output for every split of the input into reads, with
 * random bytes (so many invalid sequences) in multibyte charsets too.
 */
static const char *const split_charsets[] = {
	"UTF-8", "UTF-16LE", "UTF-16", "UTF-32LE", "CP932", "EUC-JP", "GB18030", "BIG5",
};

START_TEST(test_iconv_random_splits)
{
	const char *cs = split_charsets[_i];
	unsigned long long x = 0x2545F4914F6CDD1DULL;
	char in[256];
	struct buf ref, out;
	uint64_t off1 = 0, off2 = 0;

	buf_init(&ref);
	buf_init(&out);
	for (int round = 0; round < 60; round++) {
		for (size_t i = 0; i < sizeof in; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			unsigned v = (unsigned)(x >> 20) & 0xFF;
			in[i] = (char)(v % 4 == 0 ? 'a' + v % 26 : v % 4 == 1 ? 0 : v);
		}
		for (int pol = INVALID_REPLACE; pol <= INVALID_ERROR; pol++) {
			int r1 = decode_str(cs, (enum invalid_policy)pol, in, sizeof in, 0, true,
					    &ref, &off1, NULL);
			ck_assert(utf8_is_valid(ref.p, ref.len));
			for (size_t chunk = 1; chunk <= 7; chunk++) {
				int r2 = decode_str(cs, (enum invalid_policy)pol, in, sizeof in,
						    chunk, true, &out, &off2, NULL);
				ck_assert_msg(r1 == r2 && ref.len == out.len &&
						      memcmp(ref.p, out.p, ref.len) == 0 &&
						      (!r1 || off1 == off2),
					      "%s policy %d, round %d: feeds of %zu bytes give %zu "
					      "bytes, one feed %zu",
					      cs, pol, round, chunk, out.len, ref.len);
			}
		}
	}
	buf_fini(&ref);
	buf_fini(&out);
}
END_TEST

/* UTF-16LE split across odd feeds: halves of code units and of pairs. */
START_TEST(test_utf16le_odd_feeds)
{
	/* "Kyiv " U+1F1FA U+1F1E6 " ї" */
	static const char in[] = "K\0y\0i\0v\0 \0<\xD8\xFA\xDD<\xD8\xE6\xDD \0W\x04";
	static const char exp[] = "Kyiv \xF0\x9F\x87\xBA\xF0\x9F\x87\xA6 \xD1\x97";
	size_t chunk = 2 * (size_t)_i + 1;
	struct buf out;

	buf_init(&out);
	for (int apart = 0; apart < 2; apart++) {
		ck_assert_int_eq(decode_str("UTF-16LE", INVALID_ERROR, in, sizeof in - 1, chunk,
					    apart, &out, NULL, NULL),
				 0);
		ck_assert_bytes(out.p, out.len, exp, sizeof exp - 1);
	}
	buf_fini(&out);
}
END_TEST

START_TEST(test_iconv_error_offset)
{
	struct buf out;
	uint64_t off = 0;
	char bytes[33] = "";

	buf_init(&out);
	/* a UTF-16 code unit cut off by the end of the file */
	for (size_t chunk = 0; chunk <= 3; chunk++) {
		ck_assert_int_eq(decode_str("UTF-16LE", INVALID_ERROR, "a\0b\0c", 5, chunk,
					    false, &out, &off, bytes),
				 DECODE_INVALID);
		ck_assert_uint_eq(off, 4);
		ck_assert_str_eq(bytes, "\\x63");
		ck_assert_bytes(out.p, out.len, "ab", 2);
	}
	/* a lone surrogate: the bad code unit is reported whole */
	ck_assert_int_eq(decode_str("UTF-16LE", INVALID_ERROR, "a\0\0\xD8" "b\0", 6, 0, false,
				    &out, &off, bytes),
			 DECODE_INVALID);
	ck_assert_uint_eq(off, 2);
	ck_assert_str_eq(bytes, "\\x00\\xD8");
	ck_assert_bytes(out.p, out.len, "a", 1);
	buf_fini(&out);
}
END_TEST

/* Each file is sniffed for its own byte-order mark. */
static const struct {
	const char *first, *second;
} reset_rows[] = {
	{ "\xFF\xFE" "a\0", "\xFE\xFF" "\0b" }, /* LE, then BE */
	{ "\xFE\xFF" "\0a", "\xFF\xFE" "b\0" }, /* BE, then LE */
	{ "\xFE\xFF" "\0a", "\xFE\xFF" "\0b" },
	{ "\xFF\xFE" "a\0", "\xFF\xFE" "b\0" },
};

START_TEST(test_iconv_reset)
{
	struct decode d;
	struct buf out;

	buf_init(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-16", INVALID_REPLACE), 0);
	ck_assert_int_eq(decode_feed(&d, reset_rows[_i].first, 4, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "a", 1);
	decode_reset(&d);
	ck_assert_int_eq(decode_feed(&d, reset_rows[_i].second, 4, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "ab", 2);
	decode_fini(&d);
	buf_fini(&out);
}
END_TEST

/* A half code unit left at a reset is not carried into the next file. */
START_TEST(test_iconv_reset_carry)
{
	struct decode d;
	struct buf out;

	buf_init(&out);
	ck_assert_int_eq(decode_init(&d, "UTF-16LE", INVALID_REPLACE), 0);
	ck_assert_int_eq(decode_feed(&d, "a\0c", 3, false, &out), 0);
	ck_assert_bytes(out.p, out.len, "a", 1);
	decode_reset(&d);
	ck_assert_int_eq(decode_feed(&d, "\xFF\xFE" "d\0", 4, true, &out), 0);
	ck_assert_bytes(out.p, out.len, "ad", 2);
	decode_fini(&d);
	buf_fini(&out);
}
END_TEST

START_TEST(test_unknown_charset)
{
	struct decode d;

	ck_assert_int_eq(decode_init(&d, "NO-SUCH-CHARSET-42", INVALID_REPLACE), -EINVAL);
	decode_fini(&d); /* safe after a failed init */
}
END_TEST

START_TEST(test_format_bytes)
{
	struct decode d;
	char out[4 * 8 + 1];

	memset(&d, 0, sizeof d);
	d.err_len = 0;
	decode_format_bytes(&d, out);
	ck_assert_str_eq(out, "");
	d.err_len = 3;
	memcpy(d.err_bytes, "\x00\xab\xFF", 3);
	decode_format_bytes(&d, out);
	ck_assert_str_eq(out, "\\x00\\xAB\\xFF");
	d.err_len = 8;
	memcpy(d.err_bytes, "\x80\x81\x82\x83\x84\x85\x86\x87", 8);
	decode_format_bytes(&d, out);
	ck_assert_str_eq(out, "\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87");
}
END_TEST

static Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc;

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8_passthrough, 0, NROWS(pass_rows));
	tcase_add_test(tc, test_charset_names);
	tcase_add_loop_test(tc, test_bom, 0, NROWS(bom_rows));
	tcase_add_test(tc, test_bom_after_reset);
	suite_add_tcase(s, tc);

	tc = tcase_create("invalid");
	tcase_add_loop_test(tc, test_invalid_replace, 0, NROWS(bad_rows));
	tcase_add_loop_test(tc, test_invalid_drop, 0, NROWS(bad_rows));
	tcase_add_loop_test(tc, test_invalid_error, 0, NROWS(err_rows));
	tcase_add_test(tc, test_invalid_error_spec_example);
	tcase_add_test(tc, test_error_then_next_file);
	tcase_add_test(tc, test_truncated_at_eof);
	suite_add_tcase(s, tc);

	tc = tcase_create("chunks");
	tcase_add_loop_test(tc, test_split_feeds, 0, 12);
	tcase_add_test(tc, test_split_char_one_byte_feeds);
	tcase_add_loop_test(tc, test_random_bytes_valid_out, 0, 4);
	tcase_add_loop_test(tc, test_view_matches_feed, 0, 6);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("iconv");
	tcase_add_loop_test(tc, test_iconv, 0, NROWS(iconv_rows));
	tcase_add_loop_test(tc, test_utf16le_odd_feeds, 0, 6);
	tcase_add_loop_test(tc, test_iconv_resync, 0, NROWS(resync_rows));
	tcase_add_loop_test(tc, test_iconv_random_splits, 0, NROWS(split_charsets));
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_iconv_error_offset);
	tcase_add_loop_test(tc, test_iconv_reset, 0, NROWS(reset_rows));
	tcase_add_test(tc, test_iconv_reset_carry);
	tcase_add_test(tc, test_unknown_charset);
	tcase_add_test(tc, test_format_bytes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(decode_suite());
}
