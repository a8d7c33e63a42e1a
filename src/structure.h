/* structure.h -- stage 7: dedupe, blank-line collapse, document edges */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_STRUCTURE_H
#define NEWSCLEAN_STRUCTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "settings.h"

/*
 * Lines of one document go in one at a time; what is kept is appended to
 * *out, lines separated by LF.  The caller owns out and may empty it
 * (after writing it) between calls.
 */
enum structure_term {
	STRUCTURE_TERM_LF,   /* plain: a non-empty document ends with LF */
	STRUCTURE_TERM_NUL,  /* -z: every document ends with NUL */
	STRUCTURE_TERM_NONE, /* --jsonl: nothing after the last line */
};

struct structure {
	enum dedupe_mode dedupe;
	int blank_lines;
	enum structure_term term;
	struct buf *out;
	struct buf prev;      /* the last kept non-blank line */
	bool have_prev;
	size_t pending_blank; /* blank lines seen since the last kept line */
	bool started;         /* a line of this document was written */
	bool in_pieces;       /* a line given in pieces is being written */
	bool piece_space;     /* a space is due before its next text */
	uint64_t *seen;       /* document dedupe: hashes of long kept lines */
	size_t seen_n, seen_cap;
	uint64_t lines_out;
};

void structure_init(struct structure *s, const struct settings *st,
		    enum structure_term term, struct buf *out);
void structure_fini(struct structure *s);
void structure_begin(struct structure *s);
/* Returns false when the line was removed as a duplicate. */
bool structure_line(struct structure *s, const char *p, size_t len);
/*
 * A piece of a line longer than --max-line (see lines_set_piece_size), or
 * all of it, and a space after it when space (written if text follows);
 * last ends the line.  Such a line is written
 * as it comes: it is never dropped as a repeat, nor is another line
 * dropped as a repeat of it.
 */
void structure_piece(struct structure *s, const char *p, size_t len, bool space, bool last);
void structure_end(struct structure *s);

#endif
