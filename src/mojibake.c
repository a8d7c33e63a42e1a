/* mojibake.c -- repair of UTF-8 that was misread as windows-1252, latin-1 or windows-1251 */
/* SPDX-License-Identifier: MIT */
/*
 * Overview.  UTF-8 read as a single-byte charset turns each character
 * above U+007F into two to four characters: a lead (U+00C2-U+00F4 from
 * windows-1252 and latin-1, U+0412-U+0444 from windows-1251) and
 * continuations (the charset's characters of bytes 0x80-0xBF).  A pass
 * finds each lead followed by what may be continuations with a block scan
 * (scan_mojibake: real accented and Cyrillic letters are followed by
 * letters, and fail there), encodes the characters from there back to
 * bytes while they form well-formed UTF-8 sequences of plausible
 * characters, and judges the segment:
 *
 *   STRONG  two or more sequences; a 3- or 4-byte sequence ("â€™"); a C1
 *           control as a continuation; "Â" + symbol; "Ã" + most symbols;
 *           another capital + a symbol that does not usually follow a
 *           word, or any capital + symbol inside lowercase text ("Ä±").
 *   WEAK    the rest: a capital with a following quote, ellipsis, NBSP,
 *           trademark sign, ... ("CAFÉ’S", "SELKÄ EDELLÄ"), one CJK
 *           character, windows-1251 pairs ("РІ" is also Ukrainian
 *           capitals), "Ã " whose U+00A0 became a space.
 *
 * A line's WEAK repairs are made only when it has a STRONG one.  (A lone
 * C1 control is windows-1252 text read as latin-1, not misread UTF-8:
 * stage 2 removes it.)  The result must decode to characters that
 * text plausibly holds: not unassigned, private or control characters,
 * and, for the 2-byte sequences (where legitimate text most often looks
 * like mojibake), only common Latin, Greek, Cyrillic, Hebrew and Arabic
 * letters, marks and signs.  A repaired U+2028 or U+2029 becomes a space:
 * lines were split before this stage.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "mojibake.h"
#include "scan.h"
#include "utf8.h"

enum strength { WEAK, STRONG };

struct mojibake_repair {
	size_t start, end;  /* the bytes of the line replaced */
	size_t off, len;    /* their replacement, in m->bytes */
	enum strength st;
};

/* windows-1252, bytes 0x80-0x9F; the undefined ones stand for themselves */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* windows-1251, bytes 0x80-0xBF (0xC0-0xFF are U+0410-U+044F) */
static const uint16_t cp1251_hi[64] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
};

int mojibake_encode(int32_t cp, bool cyr)
{
	if (cp < 0x80)
		return -1;
	if (!cyr) {
		if (cp <= 0xFF)
			return (int)cp;
		for (int i = 0; i < 32; i++)
			if (cp1252_hi[i] == cp)
				return 0x80 + i;
		return -1;
	}
	if (cp >= 0x410 && cp <= 0x44F)
		return (int)(cp - 0x410 + 0xC0);
	for (int i = 0; i < 64; i++)
		if (cp1251_hi[i] == cp)
			return 0x80 + i;
	return -1;
}

static bool in(int32_t c, int32_t lo, int32_t hi)
{
	return c >= lo && c <= hi;
}

static bool assigned(int32_t cp)
{
	utf8proc_category_t k = utf8proc_category(cp);
	return k != UTF8PROC_CATEGORY_CN && k != UTF8PROC_CATEGORY_CO &&
	       k != UTF8PROC_CATEGORY_CS && k != UTF8PROC_CATEGORY_CC;
}

/* Combining marks that Latin text uses (and the strike-through overlays). */
static bool common_mark(int32_t c)
{
	return in(c, 0x300, 0x304) || in(c, 0x306, 0x30C) || c == 0x30F || c == 0x311 ||
	       c == 0x31B || in(c, 0x323, 0x328) || in(c, 0x32D, 0x32E) ||
	       in(c, 0x330, 0x331) || in(c, 0x334, 0x338);
}

/* Whether cp, what one sequence decodes to, is a character text plausibly has. */
static bool plausible(int32_t cp, bool cyr)
{
	if (cp < 0x800) {
		if (cyr)
			return (in(cp, 0xA0, 0xFF) && !in(cp, 0xB2, 0xB3) && cp != 0xB9 &&
				!in(cp, 0xBC, 0xBE)) ||
			       in(cp, 0x400, 0x45F) || in(cp, 0x490, 0x491);
		return in(cp, 0xA0, 0x17F) || cp == 0x192 || in(cp, 0x1A0, 0x1B0) || in(cp, 0x1CD, 0x1DC) ||
		       in(cp, 0x218, 0x21B) || in(cp, 0x2C6, 0x2C7) || in(cp, 0x2D8, 0x2DD) ||
		       common_mark(cp) || (in(cp, 0x384, 0x3CE) && assigned(cp)) ||
		       in(cp, 0x400, 0x45F) || in(cp, 0x490, 0x491) ||
		       (in(cp, 0x5B0, 0x5C7) && assigned(cp)) || in(cp, 0x5D0, 0x5EA) ||
		       in(cp, 0x5F3, 0x5F4) || cp == 0x60C || cp == 0x61B || cp == 0x61F ||
		       in(cp, 0x621, 0x65F) || in(cp, 0x660, 0x66D) || in(cp, 0x670, 0x6D3) ||
		       in(cp, 0x6F0, 0x6F9);
	}
	/* Braille but its blank, a spacer in posts: "в" + U+00A0 + "і" in
	 * Ukrainian reads as U+2833 */
	if (in(cp, 0x800, 0x8FF) || in(cp, 0x1D00, 0x1DBF) || in(cp, 0x2801, 0x28FF) ||
	    in(cp, 0xFFF0, 0xFFFC))
		return false;
	return assigned(cp);
}

/* CJK and Hangul, where one character is weak evidence (a 3-byte lead and
 * two symbols: "é »" with U+00A0 in French) */
static bool is_cjk(int32_t c)
{
	return in(c, 0x2E80, 0x9FFF) || in(c, 0xAC00, 0xD7AF) || in(c, 0xF900, 0xFAFF);
}

static bool is_lower(int32_t c)
{
	return in(c, 'a', 'z') || (c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_LL);
}

/* Symbols that follow a word in legitimate text: after a capital they are
 * no evidence of mojibake ("CAFÉ’S", "AHÅ™", "5×£35"). */
static bool after_word(int32_t c)
{
	switch (c) {
	case 0x2019: case 0x201D: case 0x00BB: case 0x2026: case 0x203A: case 0x00A0:
	case 0x2122: case 0x00AE: case 0x00A9: case 0x00B0: case 0x00B7: case 0x00A3:
	case 0x00BF: case 0x00A1: case 0x00AC: case 0x00B4: case 0x00A8: case 0x2014:
	case 0x2013: case 0x2022: case 0x00AD: case 0x00A5:
		return true;
	}
	return false;
}

/* The same for "Ã", whose pairs are the commonest mojibake ("Ã©"). */
static bool after_a_tilde(int32_t c)
{
	return c == 0x2019 || c == 0x00A5 || c == 0x2026 || c == 0x00B7 || c == 0x2014;
}

/* The sequences that begin at byte i, decoded. */
struct seg {
	size_t end;       /* where the last one ends */
	size_t m;         /* sequences */
	size_t m_exact;   /* ... without a U+FFFD standing for a lost byte */
	bool c1;          /* a continuation was a C1 control */
	int32_t lead, cont; /* the first sequence's first two characters */
	size_t len1;      /* its length in bytes */
	int32_t dec1;     /* what it decodes to */
};

/* The byte of the character at p[*at], advancing *at; -1 at ASCII or the end. */
static int next_byte(const char *p, size_t n, size_t *at, bool cyr, int32_t *cp)
{
	if (*at >= n || (unsigned char)p[*at] < 0x80)
		return -1;
	*at += utf8_decode(p + *at, cp);
	return mojibake_encode(*cp, cyr);
}

/*
 * Continuation bytes into b[1..need]; 0x100 is a U+FFFD (a byte lost).  A
 * space between two characters above U+007F may be a U+00A0 that became
 * one ("Ð Ñƒ"): then *spaced.
 */
static bool conts(const char *p, size_t n, size_t *at, bool cyr, int *b, size_t need,
		  struct seg *s, bool first, bool *wild, bool *spaced)
{
	for (size_t t = 1; t <= need; t++) {
		int32_t cp = 0;
		int e;
		if (*at + 1 < n && p[*at] == ' ' && (unsigned char)p[*at + 1] >= 0x80) {
			(*at)++;
			cp = 0xA0;
			e = 0xA0;
			*spaced = true;
		} else {
			e = next_byte(p, n, at, cyr, &cp);
		}
		if (cp == 0xFFFD && e < 0) {
			e = 0x100;
			*wild = true;
		} else if (e < 0x80 || e > 0xBF) {
			return false;
		}
		if (first && t == 1)
			s->cont = cp;
		if (in(cp, 0x80, 0x9F))
			s->c1 = true;
		b[t] = e;
	}
	return true;
}

/*
 * Decodes the sequences from byte i, appending them to out, while each is
 * well-formed (a CESU-8 surrogate pair counts as one) and plausible.
 */
static void segment(const char *p, size_t n, size_t i, bool cyr, struct buf *out,
		    struct seg *s)
{
	memset(s, 0, sizeof *s);
	s->end = i;
	for (size_t j = i;;) {
		int b[7];
		int32_t lead = 0, dec;
		size_t at = j;
		bool wild = false, spaced = false, c1 = s->c1;

		b[0] = next_byte(p, n, &at, cyr, &lead);
		if (b[0] < 0xC2 || b[0] > 0xF4)
			break;
		size_t need = b[0] < 0xE0 ? 1 : b[0] < 0xF0 ? 2 : 3;
		if (!conts(p, n, &at, cyr, b, need, s, s->m == 0, &wild, &spaced)) {
			s->c1 = c1;
			break;
		}
		if (wild) {
			dec = 0xFFFD;
		} else if (need == 1) {
			dec = ((b[0] & 0x1F) << 6) | (b[1] & 0x3F);
		} else if (need == 2) {
			if ((b[0] == 0xE0 && b[1] < 0xA0) || (b[0] == 0xED && b[1] > 0xAF))
				break;
			dec = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
			if (b[0] == 0xED && b[1] >= 0xA0) {
				/* CESU-8: a high surrogate, then a low one */
				int32_t lo = 0;
				if (next_byte(p, n, &at, cyr, &lo) != 0xED ||
				    !conts(p, n, &at, cyr, b + 3, 2, s, false, &wild, &spaced) || wild ||
				    b[4] < 0xB0)
					break;
				int32_t low = ((b[4] & 0x0F) << 6) | (b[5] & 0x3F);
				dec = 0x10000 + (((dec & 0x3FF) << 10) | low);
				need = 3;
			}
		} else {
			if ((b[0] == 0xF0 && b[1] < 0x90) || (b[0] == 0xF4 && b[1] > 0x8F))
				break;
			dec = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) |
			      ((b[2] & 0x3F) << 6) | (b[3] & 0x3F);
		}
		/* a C1 control only inside text misread twice ("Ã¢â‚¬Â\x9d") */
		if (!plausible(dec, cyr) && (cyr || !in(dec, 0x80, 0x9F)))
			break;
		if (s->m == 0) {
			s->lead = lead;
			s->len1 = need + 1;
			s->dec1 = dec;
		}
		/* the line was split before this stage: a separator becomes a
		 * space, as a reference to one does (SPEC.md, idempotence) */
		buf_put_utf8(out, dec == 0x2028 || dec == 0x2029 ? ' ' : dec);
		s->m++;
		s->m_exact += !wild && !spaced;
		j = s->end = at;
	}
	if (s->m == 1 && in(s->dec1, 0x80, 0x9F)) {
		out->len -= 2;
		s->m = 0;
	}
	if (s->m == 0)
		s->c1 = false;
}

static enum strength judge(const struct seg *s, bool cyr, int32_t prev, int32_t next)
{
	if (s->m_exact == 0) /* a lost byte inside a lowercase word: "SlovenÄ\uFFFDina" */
		return !cyr && s->len1 == 2 && s->lead > 0xC2 && is_lower(prev) && is_lower(next)
		       ? STRONG : WEAK;
	if (cyr) {
		if (s->m >= 2)
			return STRONG;
		/* "вЂ™" for U+2019, "п¬Ѓ" for U+FB01 */
		if (s->len1 == 3 && (in(s->dec1, 0x2000, 0x21FF) || in(s->dec1, 0xFB00, 0xFB4F) ||
				     in(prev | 0x20, 'a', 'z') || in(next | 0x20, 'a', 'z')))
			return STRONG;
		return WEAK;
	}
	if (s->m >= 2 || s->len1 == 4)
		return STRONG;
	if (s->len1 == 3)
		return s->cont == 0xA0 || is_cjk(s->dec1) ? WEAK : STRONG;
	if (s->c1 || s->lead == 0xC2)
		return STRONG;
	if (s->lead == 0xC3)
		return after_a_tilde(s->cont) ? WEAK : STRONG;
	if (!after_word(s->cont) || is_lower(prev) || in(next, 'a', 'z'))
		return STRONG;
	return WEAK;
}

/*
 * "Ã " + a lowercase word: "à" whose U+00A0 became a space ("voilÃ le",
 * "Ã s crianÃ§as" for "às"); "Г " likewise in windows-1251.  Appends the
 * repair to m->bytes; returns its end, or 0.
 */
static size_t lost_nbsp(struct mojibake *m, const char *p, size_t n, size_t j,
			int32_t prev, bool cyr)
{
	if (j + 1 >= n || p[j] != ' ' || !in((unsigned char)p[j + 1], 'a', 'z') ||
	    (prev > 0x7F ? !is_lower(prev) : (in(prev, 'A', 'Z') || in(prev, '0', '9'))))
		return 0;
	const char *q = p + j + 1;
	size_t left = n - j - 1;
	if (!cyr && q[0] == 's' && (left == 1 || q[1] == ' ' || q[1] == ',' || q[1] == '.')) {
		buf_append(&m->bytes, "\xC3\xA0s", 3);
		return j + 2;
	}
	if (!cyr && left >= 4 && (memcmp(q, "quel", 4) == 0 || memcmp(q, "quil", 4) == 0)) {
		buf_append(&m->bytes, "\xC3\xA0", 2);
		return j + 1;
	}
	buf_append(&m->bytes, "\xC3\xA0 ", 3);
	return j + 1;
}

static void add(struct mojibake *m, size_t start, size_t end, size_t off, enum strength st)
{
	if (m->n_rep == m->cap_rep) {
		m->cap_rep = m->cap_rep ? 2 * m->cap_rep : 16;
		m->rep = xreallocarray(m->rep, m->cap_rep, sizeof *m->rep);
	}
	m->rep[m->n_rep++] = (struct mojibake_repair){ start, end, off, m->bytes.len - off, st };
}

/*
 * Whether the byte at p[j] can start a continuation character: the charset's
 * characters of bytes 0x80-0xBF, U+FFFD, or a space for a lost U+00A0.
 * Most letters that are leads (é, Cyrillic) fail here at once.
 */
static bool may_continue(const char *p, size_t n, size_t j, bool cyr)
{
	int32_t cp;

	if (j >= n || (unsigned char)p[j] < 0x80)
		return j < n && p[j] == ' ';
	utf8_decode(p + j, &cp);
	int e = mojibake_encode(cp, cyr);
	return cp == 0xFFFD || (e >= 0x80 && e <= 0xBF);
}

static int32_t cp_before(const char *p, size_t i)
{
	int32_t cp = 0;
	if (i > 0)
		utf8_decode(utf8_prev(p, p + i), &cp);
	return cp;
}

static int32_t cp_at(const char *p, size_t n, size_t i)
{
	int32_t cp = 0;
	if (i < n)
		utf8_decode(p + i, &cp);
	return cp;
}

/* One pass over p[0..n) into out; false when it changes nothing. */
static bool fix_pass(struct mojibake *m, const char *p, size_t n, struct buf *out)
{
	bool strong = false;
	size_t i = scan_mojibake(p, n, 0);

	if (i == n)
		return false;
	m->n_rep = 0;
	buf_clear(&m->bytes);
	for (; i < n; i = scan_mojibake(p, n, i)) {
		int32_t cp;
		size_t l = utf8_decode(p + i, &cp);
		size_t off = m->bytes.len;
		bool cyr = cp >= 0x400;
		if ((!in(cp, 0xC2, 0xF4) && !in(cp, 0x412, 0x444)) ||
		    !may_continue(p, n, i + l, cyr)) {
			i += l;
			continue;
		}
		struct seg s;
		segment(p, n, i, cyr, &m->bytes, &s);
		int32_t prev = cp_before(p, i);
		if (s.m) {
			enum strength st = judge(&s, cyr, prev, cp_at(p, n, s.end));
			add(m, i, s.end, off, st);
			strong |= st == STRONG;
			i = s.end;
			continue;
		}
		size_t end = cp == 0xC3 || cp == 0x413 ? lost_nbsp(m, p, n, i + l, prev, cyr) : 0;
		if (cp == 0xC2 && i + l < n && p[i + l] == ' ' && !utf8_is_word_cp(prev)) {
			/* "Â " for U+00A0, whose own U+00A0 became a space */
			buf_append(&m->bytes, "\xC2\xA0", 2);
			add(m, i, i + l + 1, off, WEAK);
			i += l + 1;
			continue;
		}
		if (end) {
			enum strength st = !cyr && (is_lower(prev) || prev == '\'') ? STRONG : WEAK;
			add(m, i, end, off, st);
			strong |= st == STRONG;
			i = end;
			continue;
		}
		i += l;
	}
	size_t from = 0;
	bool changed = false;
	buf_clear(out);
	for (size_t k = 0; k < m->n_rep; k++) {
		const struct mojibake_repair *r = &m->rep[k];
		if (r->st == WEAK && !strong)
			continue;
		buf_append(out, p + from, r->start - from);
		buf_append(out, m->bytes.p + r->off, r->len);
		from = r->end;
		changed = true;
	}
	buf_append(out, p + from, n - from);
	return changed;
}

void mojibake_init(struct mojibake *m)
{
	memset(m, 0, sizeof *m);
	buf_init(&m->a);
	buf_init(&m->b);
	buf_init(&m->bytes);
}

void mojibake_fini(struct mojibake *m)
{
	buf_fini(&m->a);
	buf_fini(&m->b);
	buf_fini(&m->bytes);
	free(m->rep);
	m->rep = NULL;
}

bool mojibake_fix(struct mojibake *m, const char *p, size_t n, const char **out,
		  size_t *outlen)
{
	struct buf *dst = &m->a;
	const char *in = p;
	size_t in_n = n;
	int passes = 0;

	/* text misread twice or three times takes a pass for each */
	while (passes < 3 && fix_pass(m, p, n, dst)) {
		p = dst->p;
		n = dst->len;
		passes++;
		dst = dst == &m->a ? &m->b : &m->a;
	}
	/* still more after three: kept as it is, or a second run would go on */
	if (passes == 3 && fix_pass(m, p, n, dst)) {
		p = in;
		n = in_n;
		passes = 0;
	}
	*out = p;
	*outlen = n;
	return passes > 0;
}
