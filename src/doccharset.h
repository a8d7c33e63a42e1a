/* doccharset.h -- --from-code=auto with -z or --jsonl: each document's own charset */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_DOCCHARSET_H
#define NEWSCLEAN_DOCCHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "charset.h"

/*
 * A file of -z documents or JSONL records is often put together from many
 * sources, each in its own charset.  doc_charset_feed() splits the raw
 * bytes after each separator (NUL or LF: the file's charset must be one
 * where those bytes are themselves, not UTF-16 or UTF-32), keeps the start
 * of each document (CHARSET_SAMPLE bytes, or all of a shorter one), chooses
 * its charset, and hands the bytes on in order:
 *
 *   - a document that is valid UTF-8 (ASCII included) is UTF-8;
 *   - else, when the file's own sample was not UTF-8, the file's charset
 *     (a file in one legacy charset is decoded alike throughout: its large
 *     sample is better evidence than one short document);
 *   - else what charset_guess() finds in the document.
 */
struct doc_charset_count {
	char name[CHARSET_NAME_MAX];
	uint64_t docs;
};

struct doc_charset {
	char sep;                   /* '\0' or '\n' */
	bool chosen;                /* the current document's charset is set */
	struct buf sample;          /* the start of the current document, until then */
	char file_cs[CHARSET_NAME_MAX];
	struct doc_charset_count *counts; /* documents per charset, this file */
	size_t n_counts;
};

/*
 * Called with each run of bytes of one document, in order; charset is
 * non-NULL when the run starts a document, with how it was chosen ("valid
 * UTF-8", "the file's", "uchardet" or "fallback"); last when no bytes
 * follow in the file.  Returns nonzero to stop.
 */
typedef int doc_charset_emit(void *ctx, const char *p, size_t n, bool last,
			     const char *charset, const char *how);

void doc_charset_init(struct doc_charset *dc);
void doc_charset_fini(struct doc_charset *dc);
/* A new file, whose first 64 KiB were found to be in file_charset. */
void doc_charset_start(struct doc_charset *dc, char sep, const char *file_charset);
/* The next bytes of the file (eof: no more follow); returns emit's nonzero, or 0. */
int doc_charset_feed(struct doc_charset *dc, const char *p, size_t n, bool eof,
		     doc_charset_emit *emit, void *ctx);
/* "per document: UTF-8 988, WINDOWS-1252 12", the file's counts, into out. */
void doc_charset_summary(const struct doc_charset *dc, struct buf *out);

#endif
