/* normalize.h -- stage 2: entities, invisibles, Unicode form, spaces, quotes */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_NORMALIZE_H
#define NEWSCLEAN_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "settings.h"

/*
 * normalize_line() takes one line of valid UTF-8 without its line end and
 * returns a view of the normalized line: the input itself when nothing
 * changes, else one of the struct's buffers, valid until the next call.
 */
struct normalize {
	enum norm_form form;
	bool entities;
	bool ascii_quotes;
	struct buf a, b;
	int32_t *u32;
	size_t u32cap;
	/* Per code point of the BMP, filled a 256-code-point page at a time:
	 * bit 0: some pass changes it; bit 1: the form may change it. */
	uint8_t page_done[256];
	uint8_t cp_work[65536];
	/* The same bits ORed over the 64 code points that share the first two
	 * bytes of a 2- or 3-byte sequence, filled on first use (bit 7: done). */
	uint8_t blk_work[0xC00];
	struct normalize_seg *segs; /* recent segments in the form (see apply_form) */
	/* after normalize_line: the summary (utf8_chars) of its result when
	 * that is its input, else UTF8_CHARS_UNKNOWN */
	uint64_t chars;
};

void normalize_init(struct normalize *n, const struct settings *s);
void normalize_fini(struct normalize *n);
void normalize_line(struct normalize *n, const char *p, size_t len,
		    const char **out, size_t *outlen);
/*
 * The same for a line whose first `plain` bytes are known to hold none that
 * scan_busy stops at with '&' and spaces (see lines.plain): they are not
 * looked at again.
 */
void normalize_line_plain(struct normalize *n, const char *p, size_t len, size_t plain,
			  const char **out, size_t *outlen);
/*
 * Stage 6: the spaces rule again (map, collapse, trim), into out.
 * p[0..from) and p[to..len) are known to need nothing of it (a beginning
 * and an end of stage 2's output that no rule changed; 0 and len: not
 * known) but where they meet the rest.
 */
void normalize_tidy(struct normalize *n, const char *p, size_t len, size_t from, size_t to,
		    const char **out, size_t *outlen);

#endif
