/* fuzz_jsonl.c -- fuzz target: the JSON record scanner and the string codec */
/* SPDX-License-Identifier: MIT */
/*
 * The first byte chooses the member path, the rest is one record.  What
 * must hold: a member found is a string token inside the record; it
 * decodes under every policy but error to valid UTF-8 that encodes and
 * decodes back to itself; and any valid UTF-8 text, encoded, is a string
 * the scanner accepts inside a record and decodes back to the text.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonl.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const paths[] = { "text", "meta.body", "a.b.c.d", "" };

static void check(bool ok)
{
	if (!ok)
		abort();
}

/* Encodes text, decodes it back: the same bytes. */
static void round_trip(const char *p, size_t n, struct buf *enc, struct buf *dec)
{
	buf_clear(enc);
	buf_clear(dec);
	jsonl_encode_string(p, n, enc);
	check(jsonl_decode_string(enc->p, enc->len, INVALID_ERROR, false, dec));
	check(dec->len == n && memcmp(dec->p, p, n) == 0);
}

/* The member token found in a record, under each policy; utf8_ok as the
 * scan said: then decoding without the UTF-8 checks gives the same. */
static void check_member(const char *p, size_t n, size_t start, size_t end, bool utf8_ok)
{
	struct buf dec, enc, back;

	check(start < end && end <= n && end - start >= 2);
	check(p[start] == '"' && p[end - 1] == '"');
	check(utf8_ok == utf8_is_valid(p + start, end - start));
	buf_init(&dec);
	buf_init(&enc);
	buf_init(&back);
	for (int pol = INVALID_REPLACE; pol <= INVALID_ERROR; pol++) {
		buf_clear(&dec);
		bool ok = jsonl_decode_string(p + start, end - start, pol, false, &dec);
		check(ok || pol == INVALID_ERROR);
		if (utf8_ok) {
			buf_clear(&back);
			check(jsonl_decode_string(p + start, end - start, pol, true, &back) == ok);
			check(!ok || (back.len == dec.len && memcmp(back.p, dec.p, dec.len) == 0));
		}
		if (ok) {
			check(utf8_is_valid(dec.p, dec.len));
			round_trip(dec.p, dec.len, &enc, &back);
		}
	}
	buf_fini(&dec);
	buf_fini(&enc);
	buf_fini(&back);
}

/* Valid UTF-8 text, encoded into {"text":...}: found where it was put. */
static void check_text(const char *p, size_t n)
{
	struct jsonl_path path;
	struct buf rec, back;
	size_t start, end, where;

	buf_init(&rec);
	buf_init(&back);
	buf_append(&rec, "{\"id\":1,\"text\":", 15);
	size_t at = rec.len;
	jsonl_encode_string(p, n, &rec);
	size_t token_end = rec.len;
	buf_append(&rec, "}", 1);
	jsonl_path_init(&path, "text");
	check(jsonl_scan(rec.p, rec.len, &path, &start, &end, &where, NULL) == JSONL_OK);
	check(start == at && end == token_end);
	check(jsonl_decode_string(rec.p + start, end - start, INVALID_ERROR, false, &back));
	check(back.len == n && memcmp(back.p, p, n) == 0);
	jsonl_path_fini(&path);
	buf_fini(&rec);
	buf_fini(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jsonl_path path;
	size_t start = 0, end = 0, where = 0;

	if (size < 1)
		return 0;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;
	jsonl_path_init(&path, paths[data[0] % 4]);
	bool utf8_ok = false;
	enum jsonl_status st = jsonl_scan(p, n, &path, &start, &end, &where, &utf8_ok);
	check(jsonl_status_message(st) != NULL);
	if (st == JSONL_OK)
		check_member(p, n, start, end, utf8_ok);
	else
		check(where <= n);
	jsonl_path_fini(&path);
	if (utf8_is_valid(p, n))
		check_text(p, n);
	return 0;
}
