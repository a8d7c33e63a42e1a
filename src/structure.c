/* structure.c -- stage 7: dedupe, blank-line collapse, document edges */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>

#include "structure.h"
#include "utf8.h"

enum { LONG_LINE_CODE_POINTS = 30 };

void structure_init(struct structure *s, const struct settings *st,
		    enum structure_term term, struct buf *out)
{
	memset(s, 0, sizeof *s);
	s->dedupe = st->dedupe;
	s->blank_lines = st->blank_lines;
	s->term = term;
	s->out = out;
	buf_init(&s->prev);
	structure_begin(s);
}

void structure_fini(struct structure *s)
{
	buf_fini(&s->prev);
	free(s->seen);
	s->seen = NULL;
}

void structure_begin(struct structure *s)
{
	s->have_prev = false;
	s->pending_blank = 0;
	s->started = false;
	s->seen_n = 0;
	if (s->seen)
		memset(s->seen, 0, s->seen_cap * sizeof *s->seen);
}

/* Two FNV-1a variants folded into one non-zero 64-bit key. */
static uint64_t line_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL, g = 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < n; i++) {
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
		g = (g + (unsigned char)p[i]) * 0xFF51AFD7ED558CCDULL;
	}
	h ^= g >> 29;
	return h ? h : 1;
}

static void seen_grow(struct structure *s)
{
	size_t cap = s->seen_cap ? s->seen_cap * 2 : 256;
	uint64_t *v = xcalloc(cap, sizeof *v);
	for (size_t i = 0; i < s->seen_cap; i++) {
		uint64_t h = s->seen[i];
		if (!h)
			continue;
		size_t k = h & (cap - 1);
		while (v[k])
			k = (k + 1) & (cap - 1);
		v[k] = h;
	}
	free(s->seen);
	s->seen = v;
	s->seen_cap = cap;
}

/* Adds the line's hash; returns false when it was there already. */
static bool seen_add(struct structure *s, const char *p, size_t n)
{
	if ((s->seen_n + 1) * 2 > s->seen_cap)
		seen_grow(s);
	uint64_t h = line_hash(p, n);
	size_t k = h & (s->seen_cap - 1);
	for (; s->seen[k]; k = (k + 1) & (s->seen_cap - 1))
		if (s->seen[k] == h)
			return false;
	s->seen[k] = h;
	s->seen_n++;
	return true;
}

/* Plain mode ends each line with LF at once (for tail -f pipes); the
 * document modes put LF between lines. */
static void put_line(struct structure *s, const char *p, size_t len)
{
	if (s->term != STRUCTURE_TERM_LF && s->started)
		buf_putc(s->out, '\n');
	buf_append(s->out, p, len);
	if (s->term == STRUCTURE_TERM_LF)
		buf_putc(s->out, '\n');
	s->started = true;
	s->lines_out++;
}

/* The blank lines kept before the next line. */
static void put_blanks(struct structure *s)
{
	if (s->started) {
		size_t blanks = s->pending_blank < (size_t)s->blank_lines ?
				s->pending_blank : (size_t)s->blank_lines;
		for (size_t i = 0; i < blanks; i++)
			put_line(s, "", 0);
	}
	s->pending_blank = 0;
}

void structure_piece(struct structure *s, const char *p, size_t len, bool space, bool last)
{
	if (!s->in_pieces) {
		put_blanks(s);
		if (s->term != STRUCTURE_TERM_LF && s->started)
			buf_putc(s->out, '\n');
		s->started = true;
		s->in_pieces = true;
		s->have_prev = false;
	}
	/* a space between pieces is written once text follows it */
	if (s->piece_space && len)
		buf_putc(s->out, ' ');
	s->piece_space = (s->piece_space && !len) || space;
	buf_append(s->out, p, len);
	if (!last)
		return;
	s->piece_space = false;
	if (s->term == STRUCTURE_TERM_LF)
		buf_putc(s->out, '\n');
	s->lines_out++;
	s->in_pieces = false;
}

bool structure_line(struct structure *s, const char *p, size_t len)
{
	if (len == 0) {
		s->pending_blank++;
		return true;
	}
	if (s->dedupe != DEDUPE_OFF && s->have_prev && s->prev.len == len &&
	    memcmp(s->prev.p, p, len) == 0)
		return false;
	if (s->dedupe == DEDUPE_DOCUMENT && len >= LONG_LINE_CODE_POINTS &&
	    utf8_count(p, len) >= LONG_LINE_CODE_POINTS && !seen_add(s, p, len))
		return false;
	put_blanks(s);
	put_line(s, p, len);
	if (s->dedupe != DEDUPE_OFF) {
		buf_clear(&s->prev);
		buf_append(&s->prev, p, len);
		s->have_prev = true;
	}
	return true;
}

void structure_end(struct structure *s)
{
	switch (s->term) {
	case STRUCTURE_TERM_NUL:
		buf_putc(s->out, '\0');
		break;
	case STRUCTURE_TERM_LF:
	case STRUCTURE_TERM_NONE:
		break;
	}
	structure_begin(s);
}
