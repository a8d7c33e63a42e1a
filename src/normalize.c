/* normalize.c -- stage 2: entities, invisibles, Unicode form, spaces, quotes */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "entities.h"
#include "normalize.h"
#include "scan.h"
#include "utf8.h"

/*
 * A line goes through three passes, each UTF-8 to UTF-8:
 *   1. references and invisibles: HTML references decoded (repeatedly, so
 *      "&amp;amp;" gives "&"), controls and U+200B U+FEFF U+00AD U+2060
 *      removed;
 *   2. the Unicode normalization form (utf8proc), skipped for text that
 *      the form cannot change;
 *   3. spaces mapped to U+0020, collapsed and trimmed; quotes made ASCII.
 * ASCII lines with nothing to do skip all three.
 */

void normalize_init(struct normalize *n, const struct settings *s)
{
	memset(n, 0, sizeof *n);
	n->form = s->normalize;
	n->entities = s->entities;
	n->ascii_quotes = s->ascii_quotes;
	buf_init(&n->a);
	buf_init(&n->b);
}

void normalize_fini(struct normalize *n)
{
	buf_fini(&n->a);
	buf_fini(&n->b);
	free(n->u32);
	n->u32 = NULL;
	free(n->segs);
	n->segs = NULL;
}

static bool is_removed(int32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\f') || (cp >= 0x7F && cp <= 0x9F) ||
	       cp == 0x200B || cp == 0xFEFF || cp == 0x00AD || cp == 0x2060;
}

static bool is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Appends a code point that a reference stands for; line breaks and
 * controls become a space, so that a second run sees the same line. */
static void put_ref_cp(struct buf *out, int32_t cp)
{
	if (is_control(cp) || cp == 0x2028 || cp == 0x2029)
		buf_putc(out, ' ');
	else if (!is_removed(cp))
		buf_put_utf8(out, cp);
}

/*
 * Pass 1 once; returns whether a reference was decoded.  p[0..from) is
 * known to hold nothing for the pass (see clean_prefix): it is copied.
 */
static bool pass_refs(const char *p, size_t len, size_t from, bool entities, struct buf *out)
{
	bool decoded = false;
	size_t i = from;

	buf_clear(out);
	buf_reserve(out, len);
	memcpy(out->p, p, from);
	out->len = from;
	while (i < len) {
		/* a run with nothing to remove or decode is copied as it is */
		size_t j = scan_refs(p, len, i);
		memcpy(out->p + out->len, p + i, j - i);
		out->len += j - i;
		if ((i = j) == len)
			break;
		unsigned char c = (unsigned char)p[i];
		if (c < 0x80) {
			if (c == '&' && entities) {
				int32_t cps[2];
				int ncp;
				size_t used = entities_decode(p + i, len - i, cps, &ncp);
				if (used) {
					for (int k = 0; k < ncp; k++)
						put_ref_cp(out, cps[k]);
					decoded = true;
					i += used;
					continue;
				}
			}
			if (!is_removed(c))
				buf_putc(out, (char)c);
			i++;
			continue;
		}
		int32_t cp;
		size_t l = utf8_decode(p + i, &cp);
		if (!is_removed(cp))
			buf_append(out, p + i, l);
		i += l;
	}
	return decoded;
}

/* Pass 1 to its fixed point: result in n->a. */
static void refs(struct normalize *n, const char *p, size_t len, size_t from)
{
	if (!pass_refs(p, len, from, n->entities, &n->a))
		return;
	while (memchr(n->a.p + from, '&', n->a.len - from) &&
	       pass_refs(n->a.p, n->a.len, from, true, &n->b)) {
		struct buf t = n->a;
		n->a = n->b;
		n->b = t;
	}
}

struct normqc_range {
	int32_t lo, hi;
	unsigned forms; /* 1 NFC, 2 NFD, 4 NFKC, 8 NFKD: not quick there */
};

#include "normqc_table.h"

/*
 * True when cp is "quick" for the form (its quick-check property is Yes and
 * its combining class 0): a line of quick code points is in the form
 * already, so utf8proc need not see it.
 */
static bool cp_stable(enum norm_form form, int32_t cp)
{
	static const unsigned bit[] = { 0, 1, 2, 4, 8 };

	if (form == NORM_NONE || (cp < 0x300 && form == NORM_NFC))
		return true;
	size_t lo = 0, hi = NORMQC_COUNT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (normqc_ranges[mid].hi < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < NORMQC_COUNT && normqc_ranges[lo].lo <= cp)
		return !(normqc_ranges[lo].forms & bit[form]);
	return true;
}

enum { CP_BUSY = 1, CP_UNSTABLE = 2 };

static bool is_space(int32_t cp);
static int32_t ascii_quote(int32_t cp);

/* What the passes do to cp: CP_BUSY when some pass changes it, CP_UNSTABLE
 * when the Unicode form may. */
static unsigned cp_work_of(const struct normalize *n, int32_t cp)
{
	unsigned w = cp_stable(n->form, cp) ? 0 : CP_UNSTABLE | CP_BUSY;
	if (is_removed(cp) || is_space(cp) || (n->ascii_quotes && ascii_quote(cp) != cp))
		w |= CP_BUSY;
	return w;
}

static void fill_page(struct normalize *n, unsigned page)
{
	for (int32_t c = (int32_t)page << 8, e = c + 256; c < e; c++)
		n->cp_work[c] = (uint8_t)cp_work_of(n, c);
	n->page_done[page] = 1;
}

static inline unsigned cp_work(struct normalize *n, int32_t cp)
{
	if (cp > 0xFFFF)
		return cp_work_of(n, cp);
	if (!n->page_done[cp >> 8])
		fill_page(n, (unsigned)cp >> 8);
	return n->cp_work[cp];
}

/*
 * The block of 64 code points of the sequence at s (2 or 3 bytes): a 2-byte
 * sequence's block is set by its lead byte, a 3-byte one's by its first two.
 */
static inline unsigned blk_index(const unsigned char *s)
{
	return s[0] < 0xE0 ? s[0] & 0x3Fu : (s[0] & 0x3Fu) << 6 | (s[1] & 0x3Fu);
}

static unsigned fill_blk(struct normalize *n, const unsigned char *s)
{
	int32_t first;
	unsigned w = 0x80;

	utf8_decode((const char *)s, &first);
	first &= ~0x3F;
	for (int32_t c = first; c < first + 64; c++)
		w |= cp_work(n, c);
	n->blk_work[blk_index(s)] = (uint8_t)w;
	return w;
}

/*
 * The work bits of the sequence at p[0..]: those of its block when that
 * block needs no work (or it all does), else of its own code point.
 */
static inline unsigned seq_work(struct normalize *n, const char *p, unsigned bits)
{
	const unsigned char *s = (const unsigned char *)p;
	int32_t cp;

	if (s[0] < 0xF0) {
		unsigned w = n->blk_work[blk_index(s)];
		if (!w)
			w = fill_blk(n, s);
		if (!(w & bits))
			return 0;
	}
	utf8_decode(p, &cp);
	return cp_work(n, cp);
}

/* The form of the segment p[0..len), appended to out. */
static void form_segment(struct normalize *n, const char *p, size_t len, struct buf *out)
{
	utf8proc_option_t opt = UTF8PROC_STABLE;

	switch (n->form) {
	case NORM_NFC: opt |= UTF8PROC_COMPOSE; break;
	case NORM_NFD: opt |= UTF8PROC_DECOMPOSE; break;
	case NORM_NFKC: opt |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
	case NORM_NFKD: opt |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
	case NORM_NONE: break;
	}
	utf8proc_option_t dopt = (opt & ~UTF8PROC_COMPOSE) | UTF8PROC_DECOMPOSE;
	for (;;) {
		utf8proc_ssize_t r = utf8proc_decompose_custom(
			(const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len,
			n->u32, (utf8proc_ssize_t)n->u32cap, dopt, NULL, NULL);
		if (r < 0)
			abort(); /* the input was validated: cannot happen */
		if ((size_t)r <= n->u32cap) {
			r = utf8proc_normalize_utf32(n->u32, r, opt);
			buf_reserve(out, (size_t)r * 4);
			for (utf8proc_ssize_t i = 0; i < r; i++)
				out->len += utf8_encode(out->p + out->len, n->u32[i]);
			return;
		}
		n->u32cap = (size_t)r + 64;
		n->u32 = xreallocarray(n->u32, n->u32cap, sizeof *n->u32);
	}
}

/*
 * Text in a decomposed form repeats the same few segments ("e" and U+0301)
 * over and over: a direct-mapped cache of short segments and their forms
 * spares utf8proc most of them.
 */
enum { SEG_SLOTS = 1024, SEG_KEY = 22, SEG_VAL = 40 };

struct normalize_seg {
	uint8_t klen, vlen;  /* klen 0: empty slot */
	char key[SEG_KEY], val[SEG_VAL];
};

static size_t seg_slot(const char *p, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return (h ^ (h >> 15)) & (SEG_SLOTS - 1);
}

static void form_segment_cached(struct normalize *n, const char *p, size_t len,
				struct buf *out)
{
	if (len > SEG_KEY) {
		form_segment(n, p, len, out);
		return;
	}
	if (!n->segs)
		n->segs = xcalloc(SEG_SLOTS, sizeof *n->segs);
	struct normalize_seg *e = &n->segs[seg_slot(p, len)];
	if (e->klen == len && memcmp(e->key, p, len) == 0) {
		buf_append(out, e->val, e->vlen);
		return;
	}
	size_t at = out->len;
	form_segment(n, p, len, out);
	if (out->len - at <= SEG_VAL) {
		e->klen = (uint8_t)len;
		memcpy(e->key, p, len);
		e->vlen = (uint8_t)(out->len - at);
		memcpy(e->val, out->p + at, e->vlen);
	}
}

/* The end of the run of characters the form may change that starts at i. */
static size_t unstable_end(struct normalize *n, const char *p, size_t len, size_t i)
{
	while (i < len) {
		int32_t cp;
		size_t l = utf8_decode(p + i, &cp);
		if (!(cp_work(n, cp) & CP_UNSTABLE))
			break;
		i += l;
	}
	return i;
}

/*
 * Pass 2: p[0..len) in the form, into out; false (out untouched) when it
 * is in the form already.  A "quick" character (see
 * cp_stable) neither combines with what precedes it nor moves across it,
 * so only the segments around the other characters go to utf8proc: from
 * the character before a run of them (the starter they may compose with)
 * to the next quick character.
 */
static bool apply_form(struct normalize *n, const char *p, size_t len, size_t from,
		       struct buf *out)
{
	size_t done = 0;
	bool any = false;

	for (size_t i = scan_nonascii(p, len, from); i < len; i = scan_nonascii(p, len, i)) {
		do { /* a run of characters above U+007F */
			size_t l = utf8_seqlen((unsigned char)p[i]);
			if (!(seq_work(n, p + i, CP_UNSTABLE) & CP_UNSTABLE)) {
				i += l;
				continue;
			}
			if (!any) {
				buf_clear(out);
				buf_reserve(out, len);
				any = true;
			}
			size_t start = i > done ? (size_t)(utf8_prev(p, p + i) - p) : done;
			size_t end = unstable_end(n, p, len, i + l);
			buf_append(out, p + done, start - done);
			form_segment_cached(n, p + start, end - start, out);
			done = i = end;
		} while (i < len && (unsigned char)p[i] >= 0x80);
	}
	if (any)
		buf_append(out, p + done, len - done);
	return any;
}

static bool is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\f' || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F;
}

static int32_t ascii_quote(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2032: case 0x2039: case 0x203A:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2033: case 0x00AB: case 0x00BB:
		return '"';
	}
	return cp;
}

/* False when the (valid) sequence at p is surely not a space character. */
static bool may_be_space(const char *p)
{
	const unsigned char *s = (const unsigned char *)p;

	switch (s[0]) {
	case 0xC2: return s[1] == 0xA0;
	case 0xE1: return s[1] == 0x9A && s[2] == 0x80;
	case 0xE2: return (s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF)) ||
			  (s[1] == 0x81 && s[2] == 0x9F);
	}
	return false;
}

/* Pass 3: spaces (and quotes) into out; p[0..from) is copied as it is. */
static void pass_spaces(const char *p, size_t len, size_t from, bool quotes, struct buf *out)
{
	bool space = from == 0 || p[from - 1] == ' '; /* a space after one is dropped */
	size_t i = from;

	buf_clear(out);
	buf_reserve(out, len);
	memcpy(out->p, p, from);
	out->len = from;
	while (i < len) {
		if (space)
			while (i < len && p[i] == ' ')
				i++;
		/* a run with single spaces and no space character: copied */
		size_t j = scan_spaces(p, len, i);
		if (j > i) {
			memcpy(out->p + out->len, p + i, j - i);
			out->len += j - i;
			space = p[j - 1] == ' ';
		}
		if ((i = j) == len)
			break;
		int32_t cp;
		size_t l = utf8_decode(p + i, &cp);
		if (is_space(cp)) {
			if (!space)
				buf_putc(out, ' ');
			space = true;
		} else {
			space = false;
			if (quotes && ascii_quote(cp) != cp)
				buf_putc(out, (char)ascii_quote(cp));
			else
				buf_append(out, p + i, l);
		}
		i += l;
	}
	if (out->len && out->p[out->len - 1] == ' ')
		out->len--;
}

/*
 * True when pass 3 (without quotes) leaves p[0..len) as it is; p[0..from)
 * is known to need nothing of it.
 */
static bool spaces_clean(const char *p, size_t len, size_t from, size_t to)
{
	if (len && ((from == 0 && p[0] == ' ') || p[len - 1] == ' '))
		return false;
	/* the first byte of p[to..len) may be a space after one */
	size_t end = to < len ? to + 1 : len;
	for (size_t i = scan_spaces(p, end, from); i < end; i = scan_spaces(p, end, i)) {
		if ((unsigned char)p[i] < 0x80 || may_be_space(p + i))
			return false;
		i += utf8_seqlen((unsigned char)p[i]);
	}
	return true;
}

static bool has_ref(const char *p, size_t len)
{
	const char *amp;
	int32_t cps[2];
	int ncp;

	while ((amp = memchr(p, '&', len))) {
		len -= (size_t)(amp - p);
		p = amp;
		if (entities_decode(p, len, cps, &ncp))
			return true;
		p++;
		len--;
	}
	return false;
}

/* Whether the '&' at p[0] starts a reference the passes decode. */
static bool is_ref(const char *p, size_t len)
{
	int32_t cps[2];
	int ncp;

	return entities_decode(p, len, cps, &ncp) != 0;
}

/*
 * Where the passes may start in p[0..len): the start of the character
 * before the first one that a pass changes (a starter it may compose with),
 * or len when none does (the common line takes no copy).  Before it, the
 * line holds no control, reference, second space or character that a pass
 * changes, so every pass leaves it as it is.  A bare '&' before it may
 * still begin a reference once the passes have changed what follows
 * ("&amp\u037E"): they start at the last one.  (A reference cannot reach
 * over a later '&', which no pass changes.)  For a line that no pass
 * changes, n->chars gets the summary of its characters (utf8_chars).
 * p[0..plain) is known to hold no byte that scan_busy stops at.
 */
static size_t clean_prefix(struct normalize *n, const char *p, size_t len, size_t plain)
{
	size_t i, amp = len;
	uint64_t chars = 0;

	if (len && p[0] == ' ')
		return 0;
	for (i = scan_busy(p, len, plain, n->entities, true); i < len;
	     i = scan_busy(p, len, i, n->entities, true)) {
		if ((unsigned char)p[i] < 0x80) {
			if (p[i] == '&' && !is_ref(p + i, len - i)) {
				amp = i++;
				continue;
			}
			break; /* a control, a reference or a second space */
		}
		/* the rest of the run of characters above U+007F */
		do {
			if (seq_work(n, p + i, CP_BUSY) & CP_BUSY)
				goto busy;
			chars |= utf8_char_bit((const unsigned char *)p + i);
			i += utf8_seqlen((unsigned char)p[i]);
		} while (i < len && (unsigned char)p[i] >= 0x80);
	}
	if (i == len) {
		if (!len || p[len - 1] != ' ') {
			n->chars = chars;
			return len;
		}
		i--; /* a space at the end */
	}
busy:
	i = i ? (size_t)(utf8_prev(p, p + i) - p) : 0;
	return amp < i ? amp : i;
}

/* The passes once, from offset from (see clean_prefix). */
static void normalize_once(struct normalize *n, const char *p, size_t len, size_t from,
			   const char **out, size_t *outlen)
{
	refs(n, p, len, from);
	const char *q = n->a.p;
	size_t qn = n->a.len;
	if (n->form != NORM_NONE && apply_form(n, q, qn, from, &n->b)) {
		q = n->b.p;
		qn = n->b.len;
	}
	struct buf *dst = q == n->a.p ? &n->b : &n->a;
	pass_spaces(q, qn, from, n->ascii_quotes, dst);
	*out = dst->p;
	*outlen = dst->len;
}

void normalize_line(struct normalize *n, const char *p, size_t len,
		    const char **out, size_t *outlen)
{
	normalize_line_plain(n, p, len, 0, out, outlen);
}

/*
 * Whether out[*from..outlen) holds a reference for another round.  *from
 * first comes back within out: when nothing was left after the start, the
 * trim took the space that ended it ("a &#8203\u037E").
 */
static bool ref_left(const struct normalize *n, const char *out, size_t outlen, size_t *from)
{
	if (*from > outlen)
		*from = outlen;
	return n->entities && memchr(out + *from, '&', outlen - *from) &&
	       has_ref(out + *from, outlen - *from);
}

void normalize_line_plain(struct normalize *n, const char *p, size_t len, size_t plain,
			  const char **out, size_t *outlen)
{
	n->chars = UTF8_CHARS_UNKNOWN;
	size_t from = clean_prefix(n, p, len, plain);

	if (from == len) {
		*out = p;
		*outlen = len;
		return;
	}
	normalize_once(n, p, len, from, out, outlen);
	/*
	 * Removing a character or composing two can make a new reference
	 * ("&am\u200Bp;", "&amp\u037E", "＆amp;" under NFKC): go on to the
	 * fixed point.  Every round decodes a reference, so this ends.
	 */
	while (ref_left(n, *out, *outlen, &from)) {
		struct buf *src = *out == n->a.p ? &n->a : &n->b;
		struct buf keep = *src;
		buf_init(src);
		normalize_once(n, keep.p, keep.len, from, out, outlen);
		buf_fini(&keep);
	}
}

void normalize_tidy(struct normalize *n, const char *p, size_t len, size_t from, size_t to,
		    const char **out, size_t *outlen)
{
	if (spaces_clean(p, len, from, to)) {
		*out = p;
		*outlen = len;
		return;
	}
	pass_spaces(p, len, from, false, &n->a);
	*out = n->a.p;
	*outlen = n->a.len;
}
