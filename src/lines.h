/* lines.h -- UTF-8 chunks to lines, with every line-end convention */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_LINES_H
#define NEWSCLEAN_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Lines end at LF, CRLF, CR, VT, NEL (U+0085), U+2028 and U+2029; in NUL
 * mode a NUL also ends a document.  Views returned by lines_next() and
 * lines_finish() are borrowed: valid until the next call on the same struct
 * and while the pushed chunk is.
 */
/* LINES_PIECE: a piece of a line longer than the piece size; more follows. */
enum lines_end { LINES_EOL, LINES_NUL, LINES_EOF, LINES_PIECE };

struct lines {
	bool nul_mode;
	const char *p;       /* the pushed chunk */
	size_t n, pos;
	struct buf partial;  /* a line begun in an earlier chunk */
	size_t consumed;     /* bytes of partial returned as a piece, dropped next */
	size_t cut_from;     /* no place to cut a piece in partial before it */
	size_t piece_size;   /* 0, or: a longer line comes in pieces (lines_next) */
	bool pending_cr;     /* the last chunk ended with CR: skip a leading LF */
	uint64_t lineno;     /* file line (from 1) where the last returned line began */
	uint64_t next_lineno; /* file line where the next line begins */
	/* the bytes at the start of the line returned last that hold none
	 * that scan_busy stops at (with '&' and spaces): a control, DEL, a byte
	 * above 0x7F, '&', a space after a space; 0 when not known */
	size_t plain;
};

void lines_init(struct lines *l, bool nul_mode);
void lines_fini(struct lines *l);
void lines_reset(struct lines *l);
/* Sets the next chunk of complete UTF-8 sequences. */
void lines_push(struct lines *l, const char *p, size_t n);
/*
 * From now on, a line that grows longer than size bytes without an end is
 * returned in pieces (LINES_PIECE) of at least size / 2 bytes, each cut
 * where no step of normalization looks across the cut: before a printable
 * ASCII byte that follows a space or an ASCII punctuation mark other than
 * '&' and '#', or between two CJK ideographs.  A piece cut after a space
 * ends with it.  Where no such place is found the line is held whole.
 */
void lines_set_piece_size(struct lines *l, size_t size);
/* The next terminated line (or piece) of the chunk; false when the chunk is used up. */
bool lines_next(struct lines *l, const char **line, size_t *len, enum lines_end *end);
/* At end of file: the unterminated last line, if any. */
bool lines_finish(struct lines *l, const char **line, size_t *len);
/* Drops an unterminated line (after an input error). */
void lines_discard(struct lines *l);

#endif
