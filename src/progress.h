/* progress.h -- --progress: one self-rewriting status line on a terminal */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_PROGRESS_H
#define NEWSCLEAN_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct progress {
	bool on;              /* asked for, and stderr is a terminal */
	uint64_t total;       /* input bytes, 0 when unknown */
	struct timespec start, last;
	bool shown;
};

/* total: the size of all inputs in bytes, or 0 when not known. */
void progress_init(struct progress *p, bool want, uint64_t total);
/* Redraws the line, at most a few times a second. */
void progress_update(struct progress *p, uint64_t bytes, uint64_t docs);
/* Clears the line. */
void progress_end(struct progress *p);

#endif
