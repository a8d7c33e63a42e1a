/* decode.c -- input bytes in any charset to valid UTF-8 */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <strings.h>

#include "decode.h"
#include "utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";
static const char bom[] = "\xEF\xBB\xBF";

static bool is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0;
}

static bool has_prefix(const char *s, const char *const *prefixes)
{
	for (; *prefixes; prefixes++)
		if (strncasecmp(s, *prefixes, strlen(*prefixes)) == 0)
			return true;
	return false;
}

/* Bytes of one code unit: an invalid one is skipped whole, to stay in step. */
static size_t code_unit(const char *cs)
{
	static const char *const two[] = { "UTF-16", "UTF16", "UCS-2", "UCS2", "UNICODE", NULL };
	static const char *const four[] = { "UTF-32", "UTF32", "UCS-4", "UCS4", "WCHAR_T", NULL };

	return has_prefix(cs, two) ? 2 : has_prefix(cs, four) ? 4 : 1;
}

int decode_init(struct decode *d, const char *charset, enum invalid_policy policy)
{
	memset(d, 0, sizeof *d);
	d->policy = policy;
	d->is_utf8 = is_utf8_name(charset);
	d->cd = (iconv_t)-1;
	buf_init(&d->carry);
	buf_init(&d->conv);
	d->charset = charset;
	d->unit = code_unit(charset);
	if (!d->is_utf8) {
		d->cd = iconv_open("UTF-8", charset);
		if (d->cd == (iconv_t)-1 && errno == ENOMEM)
			xalloc_die();
		if (d->cd == (iconv_t)-1) {
			decode_fini(d);
			return -EINVAL;
		}
	}
	decode_reset(d);
	return 0;
}

void decode_fini(struct decode *d)
{
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	d->cd = (iconv_t)-1;
	buf_fini(&d->carry);
	buf_fini(&d->conv);
}

void decode_reset(struct decode *d)
{
	buf_clear(&d->carry);
	buf_clear(&d->conv);
	d->offset = 0;
	d->at_start = true;
	d->err_len = 0;
	if (d->cd != (iconv_t)-1) {
		/* a fresh descriptor: each file is sniffed for its own BOM */
		iconv_close(d->cd);
		d->cd = iconv_open("UTF-8", d->charset);
		/* the charset opened before: only memory can be lacking now */
		if (d->cd == (iconv_t)-1)
			xalloc_die();
	}
}

int decode_switch(struct decode *d, const char *charset)
{
	bool utf8 = is_utf8_name(charset);
	iconv_t cd = (iconv_t)-1;

	if (!utf8) {
		cd = iconv_open("UTF-8", charset);
		if (cd == (iconv_t)-1 && errno == ENOMEM)
			xalloc_die();
		if (cd == (iconv_t)-1)
			return -EINVAL;
	}
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	d->cd = cd;
	d->is_utf8 = utf8;
	d->charset = charset;
	d->unit = code_unit(charset);
	return 0;
}

void decode_format_bytes(const struct decode *d, char *out)
{
	for (size_t i = 0; i < d->err_len; i++)
		out += sprintf(out, "\\x%02X", d->err_bytes[i]);
	*out = '\0';
}

static int bad_bytes(struct decode *d, const char *p, size_t n, uint64_t offset,
		     struct buf *out)
{
	switch (d->policy) {
	case INVALID_REPLACE:
		buf_append(out, replacement, 3);
		return DECODE_OK;
	case INVALID_DROP:
		return DECODE_OK;
	case INVALID_ERROR:
		break;
	}
	d->err_offset = offset;
	d->err_len = n < 4 ? n : 4;
	memcpy(d->err_bytes, p, d->err_len);
	return DECODE_INVALID;
}

/*
 * Validates UTF-8 p[0..n) into out.  Returns the count of bytes consumed
 * (the rest is an incomplete sequence to carry), or sets *rc.
 */
static size_t validate(struct decode *d, const char *p, size_t n, bool eof,
		       uint64_t base, struct buf *out, int *rc)
{
	size_t i = 0;

	*rc = DECODE_OK;
	if (d->at_start && n > 0) {
		size_t k = n < 3 ? n : 3;
		if (memcmp(p, bom, k) == 0) {
			if (k < 3 && !eof)
				return 0;  /* maybe a BOM: wait for more */
			if (k == 3)
				i = 3;
		}
		d->at_start = false;
	}
	while (i < n) {
		size_t bad;
		bool truncated;
		size_t v = utf8_valid_prefix(p + i, n - i, &bad, &truncated);
		buf_append(out, p + i, v);
		i += v;
		if (i == n)
			break;
		if (truncated && !eof)
			break;
		/* a report shows the stray continuation bytes too: \xC0\xAF */
		size_t show = bad;
		while (i + show < n && show < 4 && ((unsigned char)p[i + show] & 0xC0) == 0x80)
			show++;
		*rc = bad_bytes(d, p + i, show, base + i, out);
		if (*rc)
			return i;
		i += bad;
	}
	return i;
}

/* Puts the bytes carried from the last feed in front of p[0..n). */
static void carry_join(struct decode *d, const char **p, size_t *n)
{
	if (d->carry.len) {
		buf_append(&d->carry, *p, *n);
		*p = d->carry.p;
		*n = d->carry.len;
	}
}

/* Keeps p[used..n) (p from carry_join) for the next feed. */
static void carry_keep(struct decode *d, const char *p, size_t n, size_t used)
{
	if (p == d->carry.p) {
		memmove(d->carry.p, d->carry.p + used, n - used);
		d->carry.len = n - used;
	} else {
		buf_append(&d->carry, p + used, n - used);
	}
}

static int feed_utf8(struct decode *d, const char *p, size_t n, bool eof,
		     struct buf *out)
{
	int rc;

	carry_join(d, &p, &n);
	size_t used = validate(d, p, n, eof, d->offset, out, &rc);
	d->offset += used;
	if (!rc)
		carry_keep(d, p, n, used);
	return rc;
}

/* Converts with iconv into d->conv; returns the bytes consumed. */
static size_t convert(struct decode *d, const char *p, size_t n, bool eof, int *rc)
{
	char *in = (char *)p;
	size_t left = n;

	*rc = DECODE_OK;
	while (left > 0) {
		buf_reserve(&d->conv, left * 4 + 16);
		char *o = d->conv.p + d->conv.len;
		size_t room = d->conv.cap - d->conv.len;
		size_t r = iconv(d->cd, &in, &left, &o, &room);
		d->conv.len = (size_t)(o - d->conv.p);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !eof)
			break;  /* incomplete sequence: carry it */
		/* EILSEQ, or a sequence cut off by the end of the file */
		size_t bad = errno == EINVAL ? left : (d->unit < left ? d->unit : left);
		*rc = bad_bytes(d, in, bad, d->offset + (uint64_t)(in - p), &d->conv);
		if (*rc)
			break;
		in += bad;
		left -= bad;
	}
	return (size_t)(in - p);
}

static int feed_iconv(struct decode *d, const char *p, size_t n, bool eof,
		      struct buf *out)
{
	int rc, vrc;

	carry_join(d, &p, &n);
	size_t used = convert(d, p, n, eof, &rc);
	d->offset += used;
	if (!rc)
		carry_keep(d, p, n, used);
	/* iconv's output is UTF-8; validate it anyway (replacing), for the BOM too */
	enum invalid_policy keep = d->policy;
	d->policy = INVALID_REPLACE;
	size_t v = validate(d, d->conv.p, d->conv.len, true, 0, out, &vrc);
	d->policy = keep;
	memmove(d->conv.p, d->conv.p + v, d->conv.len - v);
	d->conv.len -= v;
	return rc;
}

int decode_feed(struct decode *d, const char *p, size_t n, bool eof, struct buf *out)
{
	return d->is_utf8 ? feed_utf8(d, p, n, eof, out) : feed_iconv(d, p, n, eof, out);
}

int decode_feed_view(struct decode *d, const char *p, size_t n, bool eof, struct buf *out,
		     const char **view, size_t *view_len)
{
	*view = p;
	*view_len = 0;
	if (!d->is_utf8 || d->at_start)
		return decode_feed(d, p, n, eof, out);
	if (d->carry.len) {
		/* the sequence the last feed cut: completed in out */
		size_t need = utf8_seqlen((unsigned char)d->carry.p[0]) - d->carry.len;
		size_t k = need < n ? need : n;
		int rc = decode_feed(d, p, k, eof && k == n, out);
		p += k;
		n -= k;
		if (rc)
			return rc;
		if (d->carry.len) /* the bytes began another: the rest the usual way */
			return n ? decode_feed(d, p, n, eof, out) : DECODE_OK;
	}
	size_t bad;
	bool truncated;
	size_t v = utf8_valid_prefix(p, n, &bad, &truncated);
	if (v < n && (!truncated || eof))
		return decode_feed(d, p, n, eof, out); /* bad bytes: copied, by the policy */
	*view = p;
	*view_len = v;
	d->offset += v;
	buf_append(&d->carry, p + v, n - v);
	return DECODE_OK;
}
