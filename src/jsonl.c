/* jsonl.c -- JSON records: validation, a string member by path, JSON strings */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

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

static void ws(struct scan *sc)
{
	while (sc->i < sc->n) {
		unsigned char c = sc->s[sc->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->i++;
	}
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

/*
 * A string at sc->i (its '"').  utf8_ok: whether invalid UTF-8 in it is a
 * bad record here (false for the member, which --invalid decides).
 */
static bool string(struct scan *sc, bool check_utf8)
{
	size_t i = sc->i + 1;
	const unsigned char *s = sc->s;

	for (;;) {
		if (i >= sc->n) {
			sc->i = i;
			return fail(sc, JSONL_INVALID);
		}
		unsigned char c = s[i];
		if (c == '"')
			break;
		if (c < 0x20) {
			sc->i = i;
			return fail(sc, JSONL_INVALID);
		}
		if (c == '\\') {
			if (i + 1 >= sc->n) {
				sc->i = i;
				return fail(sc, JSONL_INVALID);
			}
			unsigned char e = s[i + 1];
			if (e == 'u') {
				if (i + 6 > sc->n || hex4(s + i + 2) < 0) {
					sc->i = i;
					return fail(sc, JSONL_INVALID);
				}
				i += 6;
				continue;
			}
			if (!memchr("\"\\/bfnrt", e, 8) || e == 0) {
				sc->i = i;
				return fail(sc, JSONL_INVALID);
			}
			i += 2;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		/* the run of non-ASCII bytes: its valid prefix, or a bad sequence */
		size_t run = i;
		while (run < sc->n && s[run] >= 0x80)
			run++;
		size_t bad;
		bool tr;
		size_t k = utf8_valid_prefix((const char *)s + i, run - i, &bad, &tr);
		if (k == 0) {
			if (check_utf8) {
				sc->i = i;
				return fail(sc, JSONL_BAD_UTF8);
			}
			if (!sc->target_bad) {
				sc->target_bad = true;
				sc->target_bad_at = i;
			}
			k = bad;
		}
		i += k;
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
	jsonl_decode_string((const char *)s + a, b - a, INVALID_REPLACE, &k);
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
			     size_t *start, size_t *end, size_t *where)
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
	return JSONL_OK;
}

static const char replacement[] = "\xEF\xBF\xBD";

/* A bad spot per policy; false under INVALID_ERROR. */
static bool bad(enum invalid_policy policy, struct buf *out)
{
	if (policy == INVALID_REPLACE)
		buf_append(out, replacement, 3);
	return policy != INVALID_ERROR;
}

bool jsonl_decode_string(const char *p, size_t n, enum invalid_policy policy,
			 struct buf *out)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 1, end = n - 1; /* inside the quotes */

	while (i < end) {
		unsigned char c = s[i];
		if (c == '\\') {
			unsigned char e = s[i + 1];
			if (e != 'u') {
				static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
				buf_putc(out, to[strchr(from, e) - from]);
				i += 2;
				continue;
			}
			int u = hex4(s + i + 2);
			i += 6;
			if (u >= 0xD800 && u <= 0xDBFF && i + 6 <= end && s[i] == '\\' &&
			    s[i + 1] == 'u') {
				int lo = hex4(s + i + 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					buf_put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
					i += 6;
					continue;
				}
			}
			if (u >= 0xD800 && u <= 0xDFFF) {
				if (!bad(policy, out))
					return false;
				continue;
			}
			buf_put_utf8(out, u);
			continue;
		}
		size_t j = i;
		while (j < end && s[j] != '\\')
			j++;
		/* raw text i..j: copy its valid UTF-8, the rest per policy */
		while (i < j) {
			size_t nbad;
			bool tr;
			size_t v = utf8_valid_prefix((const char *)s + i, j - i, &nbad, &tr);
			buf_append(out, s + i, v);
			i += v;
			if (i < j) {
				if (!bad(policy, out))
					return false;
				i += nbad;
			}
		}
	}
	return true;
}

void jsonl_encode_string(const char *p, size_t n, struct buf *out)
{
	static const char hexd[] = "0123456789abcdef";

	buf_reserve(out, n + 2);
	buf_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(out, p + run, i - run);
		run = i + 1;
		buf_putc(out, '\\');
		switch (c) {
		case '"': buf_putc(out, '"'); break;
		case '\\': buf_putc(out, '\\'); break;
		case '\n': buf_putc(out, 'n'); break;
		case '\t': buf_putc(out, 't'); break;
		case '\r': buf_putc(out, 'r'); break;
		case '\b': buf_putc(out, 'b'); break;
		case '\f': buf_putc(out, 'f'); break;
		default:
			buf_append(out, "u00", 3);
			buf_putc(out, hexd[c >> 4]);
			buf_putc(out, hexd[c & 15]);
		}
	}
	buf_append(out, p + run, n - run);
	buf_putc(out, '"');
}
