/* decode.h -- input bytes in any charset to valid UTF-8 */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_DECODE_H
#define NEWSCLEAN_DECODE_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "options.h"

/*
 * decode_feed() appends valid UTF-8 to a caller's buffer.  Bytes of an
 * incomplete sequence at the end of a feed are kept for the next one.  A
 * byte-order mark at the start of a file is removed.
 */
struct decode {
	enum invalid_policy policy;
	bool is_utf8;
	iconv_t cd;
	const char *charset; /* borrowed */
	size_t unit;         /* bytes skipped at an invalid sequence (2 for UTF-16) */
	struct buf carry;    /* undecoded input kept for the next feed */
	struct buf conv;     /* iconv output before validation */
	uint64_t offset;     /* file offset of the first byte of carry */
	bool at_start;
	/* set when decode_feed returns DECODE_INVALID */
	uint64_t err_offset;
	unsigned char err_bytes[8];
	size_t err_len;
};

enum { DECODE_OK = 0, DECODE_INVALID = 1 };

/* Returns 0, or -EINVAL when iconv does not know the charset. */
int decode_init(struct decode *d, const char *charset, enum invalid_policy policy);
void decode_fini(struct decode *d);
/* Starts a new file. */
void decode_reset(struct decode *d);
/*
 * Goes on in another charset (a -z document's or a record's own), with the
 * same policy and offset; nothing may be carried.  Returns 0, or -EINVAL
 * when iconv does not know the charset (then d is as it was).
 */
int decode_switch(struct decode *d, const char *charset);
/*
 * Decodes p[0..n); eof tells that no more input follows in this file.
 * Returns DECODE_OK, or DECODE_INVALID under INVALID_ERROR, with the text
 * before the bad bytes appended and err_* describing them.
 */
int decode_feed(struct decode *d, const char *p, size_t n, bool eof, struct buf *out);
/*
 * The same, without copying valid UTF-8 that can be used where it is: the
 * decoded text is what is appended to out, then view[0..*view_len) (a part
 * of p).
 */
int decode_feed_view(struct decode *d, const char *p, size_t n, bool eof, struct buf *out,
		     const char **view, size_t *view_len);
/* Counts n bytes passed on without decoding (valid UTF-8 checked elsewhere). */
static inline void decode_skip(struct decode *d, size_t n)
{
	d->offset += n;
}
/* "\xC0\xAF" for the bad bytes, into out (room for 4 * 8 + 1 chars). */
void decode_format_bytes(const struct decode *d, char *out);

#endif
