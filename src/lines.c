/* lines.c -- UTF-8 chunks to lines, with every line-end convention */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "lines.h"
#include "scan.h"


void lines_init(struct lines *l, bool nul_mode)
{
	memset(l, 0, sizeof *l);
	l->nul_mode = nul_mode;
	l->next_lineno = 1;
	buf_init(&l->partial);
}

void lines_fini(struct lines *l)
{
	buf_fini(&l->partial);
}

void lines_set_piece_size(struct lines *l, size_t size)
{
	l->piece_size = size;
}

void lines_reset(struct lines *l)
{
	buf_clear(&l->partial);
	l->consumed = 0;
	l->cut_from = 0;
	l->p = NULL;
	l->n = l->pos = 0;
	l->pending_cr = false;
	l->lineno = 0;
	l->next_lineno = 1;
}

void lines_push(struct lines *l, const char *p, size_t n)
{
	l->p = p;
	l->n = n;
	l->pos = 0;
	if (l->pending_cr && n > 0) {
		if (p[0] == '\n')
			l->pos = 1;
		l->pending_cr = false;
	}
}

/* Drops the piece returned last from the partial line. */
static void drop_consumed(struct lines *l)
{
	if (!l->consumed)
		return;
	memmove(l->partial.p, l->partial.p + l->consumed, l->partial.len - l->consumed);
	l->partial.len -= l->consumed;
	l->consumed = 0;
	l->cut_from = 0;
}

static bool is_cjk_ideograph_lead(unsigned char c)
{
	return c >= 0xE4 && c <= 0xE9; /* U+4000..U+9FFF */
}

/*
 * Where a piece of p[0..n) may end (see lines_set_piece_size), or 0.  The
 * places before `from` were looked at already and are not looked at again,
 * so a line without any costs linear time.
 */
static size_t piece_cut(const char *p, size_t n, size_t from)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t low = n / 2 > from ? n / 2 : from;

	for (size_t k = n - 1; k >= low && k >= 3; k--) {
		unsigned char a = s[k - 1], b = s[k];
		if (b >= 0x21 && b <= 0x7E) {
			if (a == ' ' || (a >= 0x21 && a <= 0x7E && a != '&' && a != '#' &&
					 !scan_word_byte[a]))
				return k;
		} else if (is_cjk_ideograph_lead(b) && is_cjk_ideograph_lead(s[k - 3]) &&
			   (a & 0xC0) == 0x80 && (s[k - 2] & 0xC0) == 0x80) {
			return k;
		}
	}
	return 0;
}

/* Length of the line end at s[0] (0 if none); *nul for a NUL. */
static size_t eol_len(const unsigned char *s, size_t left, bool nul_mode, bool *nul)
{
	*nul = false;
	switch (s[0]) {
	case '\n': case '\v': case '\r':
		return 1;
	case 0x00:
		*nul = nul_mode;
		return nul_mode;
	case 0xC2:
		return left >= 2 && s[1] == 0x85 ? 2 : 0;
	case 0xE2:
		return left >= 3 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9) ? 3 : 0;
	}
	return 0;
}

/*
 * Where the next line end starts in s[from..n), or n; l->plain gets the
 * bytes from `from` that come before the first one scan_busy stops at.
 * Every line end is such a byte, so a line without any other is found in
 * that one scan, and the stages after need not scan it again.
 */
static size_t find_eol(struct lines *l, const unsigned char *s, size_t from, size_t n)
{
	const char *p = (const char *)s;
	bool nul;
	size_t i = scan_busy(p, n, from, true, true);

	l->plain = i - from;
	if (i < n && eol_len(s + i, n - i, l->nul_mode, &nul))
		return i;
	for (; i < n; i = scan_eol(p, n, i + 1))
		if (eol_len(s + i, n - i, l->nul_mode, &nul))
			return i;
	return n;
}

bool lines_next(struct lines *l, const char **line, size_t *len, enum lines_end *end)
{
	const unsigned char *s = (const unsigned char *)l->p;
	size_t n = l->n;

	drop_consumed(l);
	size_t i = l->pos < n ? find_eol(l, s, l->pos, n) : n;

	if (i < n) {
		bool nul;
		size_t k = eol_len(s + i, n - i, l->nul_mode, &nul);
		const char *start = l->p + l->pos;
		size_t linelen = (size_t)(l->p + i - start);
		if (s[i] == '\r') {
			if (i + 1 < n) {
				if (s[i + 1] == '\n')
					k = 2;
			} else {
				l->pending_cr = true;
			}
		}
		l->pos = i + k;
		l->lineno = l->next_lineno;
		if (!nul)
			l->next_lineno++;
		*end = nul ? LINES_NUL : LINES_EOL;
		if (l->partial.len) {
			buf_append(&l->partial, start, linelen);
			*line = l->partial.p;
			*len = l->partial.len;
			l->partial.len = 0; /* the bytes stay until the next append */
			l->cut_from = 0;
			l->plain = 0;
		} else {
			*line = start;
			*len = linelen;
		}
		return true;
	}
	buf_append(&l->partial, l->p + l->pos, n - l->pos);
	l->pos = n;
	if (l->piece_size && l->partial.len > l->piece_size) {
		size_t k = piece_cut(l->partial.p, l->partial.len, l->cut_from);
		l->cut_from = l->partial.len;
		if (k) {
			*line = l->partial.p;
			*len = k;
			l->plain = 0;
			*end = LINES_PIECE;
			l->consumed = k;
			l->lineno = l->next_lineno;
			return true;
		}
	}
	return false;
}

bool lines_finish(struct lines *l, const char **line, size_t *len)
{
	drop_consumed(l);
	if (!l->partial.len)
		return false;
	*line = l->partial.p;
	*len = l->partial.len;
	l->partial.len = 0;
	l->cut_from = 0;
	l->plain = 0;
	l->lineno = l->next_lineno;
	return true;
}

void lines_discard(struct lines *l)
{
	buf_clear(&l->partial);
	l->consumed = 0;
	l->cut_from = 0;
}
