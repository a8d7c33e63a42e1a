/* output.h -- buffered, checked writes to a file descriptor */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_OUTPUT_H
#define NEWSCLEAN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Stages append to buf; output_maybe_flush() writes it out once it is
 * large (or at once when line-buffered).  After a write error every
 * further write is skipped; err tells which (EPIPE for a closed pipe).
 * An output with fd -1 only collects bytes in buf.
 */
struct output {
	int fd;
	const char *name;
	struct buf buf;
	bool line_buffered;
	int err;            /* 0, or the errno of the first failed write */
	uint64_t bytes;     /* written so far */
};

enum { OUTPUT_BLOCK = 1 << 17 };

void output_init(struct output *o, int fd, const char *name, bool line_buffered);
void output_fini(struct output *o);
int output_flush(struct output *o);
/* Appends p[0..n) and writes as output_maybe_flush; a large block is
 * written straight from p, not copied. */
int output_put(struct output *o, const char *p, size_t n);

static inline int output_maybe_flush(struct output *o)
{
	if (o->fd < 0)
		return 0; /* a memory-only output (a worker's) */
	if (o->buf.len >= OUTPUT_BLOCK || (o->line_buffered && o->buf.len))
		return output_flush(o);
	return o->err;
}

#endif
