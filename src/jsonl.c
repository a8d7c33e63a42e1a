/* jsonl.c -- JSON records: validation, a string member by path, JSON strings */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "jsonl.h"
#include "utf8.h"

void jsonl_path_init(struct jsonl_path *p, const char *dotted)
{
	memset(p, 0, sizeof *p);
	for (const char *s = dotted;;) {
		const char *dot = strchr(s, '.');
		size_t len = dot ? (size_t)(dot - s) : strlen(s);
		p->keys = xreallocarray(p->keys, p->n + 1, sizeof *p->keys);
		p->lens = xreallocarray(p->lens, p->n + 1, sizeof *p->lens);
		p->keys[p->n] = xmemdup(s, len);
		p->lens[p->n++] = len;
		if (!dot)
			break;
		s = dot + 1;
	}
}

void jsonl_path_fini(struct jsonl_path *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->keys[i]);
	free(p->keys);
	free(p->lens);
	memset(p, 0, sizeof *p);
}

const char *jsonl_status_message(enum jsonl_status s)
{
	switch (s) {
	case JSONL_OK: return "ok";
	case JSONL_INVALID: return "invalid JSON";
	case JSONL_NOT_OBJECT: return "not a JSON object";
	case JSONL_NO_MEMBER: return "no such member";
	case JSONL_NOT_STRING: return "the member is not a string";
	case JSONL_BAD_UTF8: return "invalid UTF-8";
	case JSONL_TOO_DEEP: return "nesting too deep";
	}
	return "?";
}

/* ------------------------------------------------------------ runs */

/*
 * A JSON string is mostly plain bytes that the loops below skip or copy
 * many at a time; a run ends at a byte the loop must look at, by kind:
 *   RUN_SCAN    '"', '\', a control (< 0x20) or non-ASCII (>= 0x80)
 *   RUN_DECODE  '\' or non-ASCII (the token is valid JSON already)
 *   RUN_ENCODE  '"', '\' or a control
 *   RUN_ESCAPE  '\' (decoding a token whose UTF-8 is known to be valid)
 * The kind is a constant at every call, so each loop is compiled for one.
 */
enum run { RUN_SCAN, RUN_DECODE, RUN_ENCODE, RUN_ESCAPE };

static inline bool ends_run(unsigned char c, enum run r)
{
	switch (r) {
	case RUN_SCAN: return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
	case RUN_DECODE: return c == '\\' || c >= 0x80;
	case RUN_ENCODE: return c == '"' || c == '\\' || c < 0x20;
	case RUN_ESCAPE: return c == '\\';
	}
	return true;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Whether a byte of w is below c (c <= 0x80); exact as a yes or no. */
static inline uint64_t has_below(uint64_t w, unsigned char c)
{
	return (w - ONES * c) & ~w & HIGHS;
}

/* Whether one of the 8 bytes of w ends a run. */
static inline bool word_ends_run(uint64_t w, enum run r)
{
	uint64_t m = has_below(w ^ (ONES * '\\'), 1);
	if (r == RUN_ESCAPE)
		return m != 0;
	if (r != RUN_DECODE)
		m |= has_below(w ^ (ONES * '"'), 1);
	if (r != RUN_ENCODE)
		m |= w & HIGHS;
	if (r != RUN_DECODE)
		m |= has_below(w, 0x20);
	return m != 0;
}

#ifdef __SSE2__
/* The bytes of a 16-byte block that end a run, as bits. */
static inline unsigned block_ends_run(__m128i v, enum run r)
{
	__m128i m = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	if (r == RUN_ESCAPE)
		return (unsigned)_mm_movemask_epi8(m);
	if (r != RUN_DECODE)
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	if (r == RUN_SCAN) /* signed: the controls and the bytes >= 0x80 */
		m = _mm_or_si128(m, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
	if (r == RUN_ENCODE) /* unsigned v <= 0x1F */
		m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
	unsigned bits = (unsigned)_mm_movemask_epi8(m);
	if (r == RUN_DECODE)
		bits |= (unsigned)_mm_movemask_epi8(v); /* the high bits */
	return bits;
}
#endif

/* The end of the run at s[i..n): i, n or the first byte that ends it. */
static inline size_t skip_run(const unsigned char *s, size_t i, size_t n, enum run r)
{
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned bits = block_ends_run(_mm_loadu_si128((const __m128i *)(s + i)), r);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (word_ends_run(w, r))
			break;
	}
	while (i < n && !ends_run(s[i], r))
		i++;
	return i;
}

/*
 * Copies the run at s[i..n) to *o and moves *o past it; returns its end.
 * *o needs room for n - i bytes: whole 16-byte blocks are stored before
 * the run's end in them is known, but never more than s[i..n) holds.
 */
static inline size_t copy_run(const unsigned char *s, size_t i, size_t n, char **o,
			      enum run r)
{
#ifdef __SSE2__
	char *d = *o;
	for (; i + 16 <= n; i += 16, d += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		_mm_storeu_si128((__m128i *)d, v);
		unsigned bits = block_ends_run(v, r);
		if (bits) {
			size_t k = (size_t)__builtin_ctz(bits);
			*o = d + k;
			return i + k;
		}
	}
	*o = d;
#endif
	size_t j = skip_run(s, i, n, r);
	memcpy(*o, s + i, j - i);
	*o += j - i;
	return j;
}

/*
 * Room in out for need bytes after o (a place in out's bytes); returns o,
 * which moves when the bytes do.  Bytes before o count as out's.
 */
static inline char *room(struct buf *out, char *o, size_t need)
{
	out->len = (size_t)(o - out->p);
	buf_reserve(out, need);
	return out->p + out->len;
}

/* The length of the valid UTF-8 sequence at s[i] (a byte >= 0x80) within
 * s[..n); 0 when it is not valid, and *bad is the length of its maximal
 * subpart (see utf8_seq). */
static inline size_t seq_at(const unsigned char *s, size_t i, size_t n, size_t *bad)
{
	bool truncated;
	return utf8_seq((const char *)s + i, n - i, bad, &truncated);
}

/*
 * The end of the valid non-ASCII run at s[i..n) (s[i] >= 0x80): the next
 * ASCII byte, n or a bad sequence.  *bad: 0, or the bad sequence's length.
 */
static inline size_t utf8_run(const unsigned char *s, size_t i, size_t n,
			      size_t *bad)
{
	*bad = 0;
	while (i < n && s[i] >= 0x80) {
		size_t k = seq_at(s, i, n, bad);
		if (k == 0)
			break;
		i += k;
	}
	return i;
}

/* The scanner's state: the record and what it found of the path. */
struct scan {
	const unsigned char *s;
	size_t n, i;
	const struct jsonl_path *path;
	enum jsonl_status err;
	size_t where;
	/* the member: found at the last key of the path */
	bool found, is_string;
	size_t start, end;
	bool target_bad;      /* the member found so far has invalid UTF-8 ... */
	size_t target_bad_at; /* ... here: a bad record if a later key replaces it */
};

static bool fail(struct scan *sc, enum jsonl_status st)
{
	if (sc->err == JSONL_OK) {
		sc->err = st;
		sc->where = sc->i;
	}
	return false;
}

static inline bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

#ifdef __SSE2__
/* The bytes of a 16-byte block that are not JSON whitespace, as bits. */
static inline unsigned block_not_ws(__m128i v)
{
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
				 _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
	return (unsigned)_mm_movemask_epi8(m) ^ 0xFFFF;
}
#endif

/* Skips whitespace; most often there is none, or a byte or two. */
static inline void ws(struct scan *sc)
{
	const unsigned char *s = sc->s;
	size_t i = sc->i, n = sc->n;

	if (i >= n || !is_ws(s[i]))
		return;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned bits = block_not_ws(_mm_loadu_si128((const __m128i *)(s + i)));
		if (bits) {
			sc->i = i + (size_t)__builtin_ctz(bits);
			return;
		}
	}
#endif
	while (i < n && is_ws(s[i]))
		i++;
	sc->i = i;
}

/* Fails with st at offset i. */
static bool fail_at(struct scan *sc, size_t i, enum jsonl_status st)
{
	sc->i = i;
	return fail(sc, st);
}

static int hex4(const unsigned char *s)
{
	int v = 0;
	for (int k = 0; k < 4; k++) {
		unsigned char c = s[k];
		int d = (c >= '0' && c <= '9') ? c - '0' :
			((c | 0x20) >= 'a' && (c | 0x20) <= 'f') ? (c | 0x20) - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The length of the escape at s[i] ('\') within s[..n): 2 or 6; 0 if bad. */
static size_t escape_len(const unsigned char *s, size_t i, size_t n)
{
	if (i + 1 >= n)
		return 0;
	switch (s[i + 1]) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
		return 2;
	case 'u':
		return i + 6 <= n && hex4(s + i + 2) >= 0 ? 6 : 0;
	default:
		return 0;
	}
}

/*
 * Non-ASCII text at sc->s[i]: returns where the scan goes on, or 0 after a
 * failure.  A bad sequence fails unless check_utf8 is false (the member's
 * text, which --invalid decides): then it is noted for the record.
 */
static size_t string_utf8(struct scan *sc, size_t i, bool check_utf8)
{
	size_t bad;

	i = utf8_run(sc->s, i, sc->n, &bad);
	if (bad == 0)
		return i;
	if (check_utf8) {
		fail_at(sc, i, JSONL_BAD_UTF8);
		return 0;
	}
	if (!sc->target_bad) {
		sc->target_bad = true;
		sc->target_bad_at = i;
	}
	return i + bad;
}

/*
 * A string at sc->i (its '"').  check_utf8: whether invalid UTF-8 in it is
 * a bad record here (false for the member, which --invalid decides).
 */
static bool string(struct scan *sc, bool check_utf8)
{
	const unsigned char *s = sc->s;
	size_t i = sc->i + 1;

	for (;;) {
		i = skip_run(s, i, sc->n, RUN_SCAN);
		if (i >= sc->n)
			return fail_at(sc, i, JSONL_INVALID);
		unsigned char c = s[i];
		if (c == '"')
			break;
		if (c == '\\') {
			size_t k = escape_len(s, i, sc->n);
			if (k == 0)
				return fail_at(sc, i, JSONL_INVALID);
			i += k;
		} else if (c < 0x20) {
			return fail_at(sc, i, JSONL_INVALID);
		} else if ((i = string_utf8(sc, i, check_utf8)) == 0) {
			return false;
		}
	}
	sc->i = i + 1;
	return true;
}

static bool value(struct scan *sc, size_t depth, size_t level, bool on_path);

static bool literal(struct scan *sc, const char *word)
{
	size_t len = strlen(word);
	if (sc->n - sc->i < len || memcmp(sc->s + sc->i, word, len) != 0)
		return fail(sc, JSONL_INVALID);
	sc->i += len;
	return true;
}

static bool digits(struct scan *sc)
{
	size_t start = sc->i;
	while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
		sc->i++;
	return sc->i > start ? true : fail(sc, JSONL_INVALID);
}

static bool number(struct scan *sc)
{
	if (sc->s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->n && sc->s[sc->i] == '0')
		sc->i++;
	else if (!digits(sc))
		return false;
	if (sc->i < sc->n && sc->s[sc->i] == '.') {
		sc->i++;
		if (!digits(sc))
			return false;
	}
	if (sc->i < sc->n && (sc->s[sc->i] | 0x20) == 'e') {
		sc->i++;
		if (sc->i < sc->n && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
			sc->i++;
		if (!digits(sc))
			return false;
	}
	return true;
}

/* True when the key token [a, b) (quotes included) equals want[0..wn). */
static bool key_equals(const unsigned char *s, size_t a, size_t b,
		       const char *want, size_t wn)
{
	if (!memchr(s + a, '\\', b - a))
		return b - a - 2 == wn && memcmp(s + a + 1, want, wn) == 0;
	struct buf k;
	buf_init(&k);
	jsonl_decode_string((const char *)s + a, b - a, INVALID_REPLACE, false, &k);
	bool eq = k.len == wn && memcmp(k.p, want, wn) == 0;
	buf_fini(&k);
	return eq;
}

/* Skips c (and the spaces after it) when it comes next. */
static bool eat(struct scan *sc, unsigned char c)
{
	if (sc->i >= sc->n || sc->s[sc->i] != c)
		return false;
	sc->i++;
	ws(sc);
	return true;
}

/*
 * After a member or an element: ',' goes on (1), the closing bracket ends
 * the list (0), anything else is invalid (-1).
 */
static int next_item(struct scan *sc, unsigned char close)
{
	ws(sc);
	if (eat(sc, ','))
		return 1;
	if (eat(sc, close))
		return 0;
	fail(sc, JSONL_INVALID);
	return -1;
}

static bool object(struct scan *sc, size_t depth, size_t level, bool on_path)
{
	int more;

	sc->i++; /* '{' */
	ws(sc);
	if (eat(sc, '}'))
		return true;
	do {
		if (sc->i >= sc->n || sc->s[sc->i] != '"')
			return fail(sc, JSONL_INVALID);
		size_t ka = sc->i;
		if (!string(sc, true))
			return false;
		size_t kb = sc->i;
		ws(sc);
		if (!eat(sc, ':'))
			return fail(sc, JSONL_INVALID);
		bool hit = on_path && key_equals(sc->s, ka, kb, sc->path->keys[level],
						  sc->path->lens[level]);
		if (hit) { /* a later key of the same name counts: forget the earlier */
			if (sc->found && sc->target_bad) {
				sc->i = sc->target_bad_at;
				return fail(sc, JSONL_BAD_UTF8);
			}
			sc->found = false;
		}
		if (!value(sc, depth + 1, level + 1, hit))
			return false;
	} while ((more = next_item(sc, '}')) > 0);
	return more == 0;
}

static bool array(struct scan *sc, size_t depth)
{
	int more;

	sc->i++; /* '[' */
	ws(sc);
	if (eat(sc, ']'))
		return true;
	do {
		if (!value(sc, depth + 1, 0, false))
			return false;
	} while ((more = next_item(sc, ']')) > 0);
	return more == 0;
}

/*
 * A value at sc->i.  level: how many keys of the path lead here; on_path:
 * whether they all matched (the value is the path's target when level is
 * the path's length).
 */
static bool value(struct scan *sc, size_t depth, size_t level, bool on_path)
{
	bool target = on_path && level == sc->path->n;

	if (sc->i >= sc->n)
		return fail(sc, JSONL_INVALID);
	if ((sc->s[sc->i] == '{' || sc->s[sc->i] == '[') && depth >= JSONL_MAX_DEPTH)
		return fail(sc, JSONL_TOO_DEEP); /* the 513th container inside another */
	if (target) {
		sc->found = true;
		sc->target_bad = false;
		sc->is_string = sc->s[sc->i] == '"';
		sc->start = sc->i;
	}
	bool ok;
	switch (sc->s[sc->i]) {
	case '{': ok = object(sc, depth, level, on_path && !target); break;
	case '[': ok = array(sc, depth); break;
	case '"': ok = string(sc, !target); break;
	case 't': ok = literal(sc, "true"); break;
	case 'f': ok = literal(sc, "false"); break;
	case 'n': ok = literal(sc, "null"); break;
	default:
		if (sc->s[sc->i] == '-' || (sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9'))
			ok = number(sc);
		else
			ok = fail(sc, JSONL_INVALID);
	}
	if (target)
		sc->end = sc->i;
	return ok;
}

enum jsonl_status jsonl_scan(const char *p, size_t n, const struct jsonl_path *path,
			     size_t *start, size_t *end, size_t *where, bool *utf8_ok)
{
	struct scan sc = { (const unsigned char *)p, n, 0, path, JSONL_OK, 0,
			   false, false, 0, 0, false, 0 };

	ws(&sc);
	bool is_object = sc.i < n && sc.s[sc.i] == '{';
	bool ok = value(&sc, 0, 0, is_object);
	if (ok) {
		ws(&sc);
		if (sc.i < n)
			ok = fail(&sc, JSONL_INVALID);
	}
	*where = sc.where;
	if (!ok)
		return sc.err;
	if (!is_object)
		return JSONL_NOT_OBJECT;
	if (!sc.found)
		return JSONL_NO_MEMBER;
	if (!sc.is_string)
		return JSONL_NOT_STRING;
	*start = sc.start;
	*end = sc.end;
	if (utf8_ok)
		*utf8_ok = !sc.target_bad;
	return JSONL_OK;
}

/* A bad spot per policy, written at *o; false under INVALID_ERROR. */
static bool put_bad(enum invalid_policy policy, char **o)
{
	if (policy == INVALID_REPLACE) {
		memcpy(*o, "\xEF\xBF\xBD", 3); /* U+FFFD */
		*o += 3;
	}
	return policy != INVALID_ERROR;
}

static char unescaped(unsigned char e)
{
	switch (e) {
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	default: return (char)e; /* '"', '\', '/' */
	}
}

/*
 * Decodes the (valid) escape at s[i] to *o, a pair of surrogates to one
 * character; returns how many bytes of s it took, or 0 for a lone
 * surrogate under INVALID_ERROR.  It writes at most 4 bytes, and no more
 * than it takes.
 */
static size_t unescape(const unsigned char *s, size_t i, size_t end,
		       enum invalid_policy policy, char **o)
{
	if (s[i + 1] != 'u') {
		*(*o)++ = unescaped(s[i + 1]);
		return 2;
	}
	int u = hex4(s + i + 2);
	if (u >= 0xD800 && u <= 0xDBFF && i + 12 <= end && s[i + 6] == '\\' &&
	    s[i + 7] == 'u') {
		int lo = hex4(s + i + 8);
		if (lo >= 0xDC00 && lo <= 0xDFFF) {
			*o += utf8_encode(*o, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
			return 12;
		}
	}
	if (u >= 0xD800 && u <= 0xDFFF)
		return put_bad(policy, o) ? 6 : 0;
	*o += utf8_encode(*o, u);
	return 6;
}

/*
 * Copies the valid non-ASCII run at s[i] to *o; a bad sequence after it
 * follows policy.  Returns where decoding goes on, or 0 under
 * INVALID_ERROR when there was a bad sequence.
 */
static size_t decode_utf8(const unsigned char *s, size_t i, size_t end,
			  enum invalid_policy policy, struct buf *out, char **o)
{
	size_t nbad;
	size_t j = utf8_run(s, i, end, &nbad);

	if (j - i <= 16 && end - i >= 16)
		memcpy(*o, s + i, 16); /* one block for a short run; there is room */
	else
		memcpy(*o, s + i, j - i);
	*o += j - i;
	if (nbad == 0)
		return j;
	/* U+FFFD may be longer than the bytes it stands for */
	*o = room(out, *o, 3 + (end - j));
	return put_bad(policy, o) ? j + nbad : 0;
}

/*
 * The output never grows faster than the input is taken (but for U+FFFD
 * in place of a shorter bad sequence), so room for the rest of the token,
 * made once, lasts.
 */
bool jsonl_decode_string(const char *p, size_t n, enum invalid_policy policy, bool utf8_ok,
			 struct buf *out)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 1, end = n - 1; /* inside the quotes */
	char *o = room(out, out->p + out->len, end - i);

	while ((i = utf8_ok ? copy_run(s, i, end, &o, RUN_ESCAPE)
			    : copy_run(s, i, end, &o, RUN_DECODE)) < end) {
		size_t k;
		if (s[i] == '\\') {
			if ((k = unescape(s, i, end, policy, &o)) == 0)
				break;
			i += k;
		} else if ((i = decode_utf8(s, i, end, policy, out, &o)) == 0) {
			break;
		}
	}
	out->len = (size_t)(o - out->p);
	return i >= end;
}

/* Writes the escape of c ('"', '\' or a control) at o; returns its end. */
static char *put_escape(char *o, unsigned char c)
{
	static const char hexd[] = "0123456789abcdef";

	*o++ = '\\';
	switch (c) {
	case '"': *o++ = '"'; break;
	case '\\': *o++ = '\\'; break;
	case '\n': *o++ = 'n'; break;
	case '\t': *o++ = 't'; break;
	case '\r': *o++ = 'r'; break;
	case '\b': *o++ = 'b'; break;
	case '\f': *o++ = 'f'; break;
	default:
		memcpy(o, "u00", 3);
		o[3] = hexd[c >> 4];
		o[4] = hexd[c & 15];
		o += 5;
	}
	return o;
}

void jsonl_encode_string(const char *p, size_t n, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)p;
	char *o = room(out, out->p + out->len, n + 2);
	size_t i = 0;

	*o++ = '"';
	while ((i = copy_run(s, i, n, &o, RUN_ENCODE)) < n) {
		/* an escape is up to 6 bytes for 1: room for it, the rest and '"' */
		o = room(out, o, 6 + (n - i - 1) + 1);
		o = put_escape(o, s[i++]);
	}
	*o++ = '"';
	out->len = (size_t)(o - out->p);
}
