/* progress.c -- --progress: one self-rewriting status line on a terminal */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "progress.h"

enum { REFRESH_MS = 250 };

static double seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_init(struct progress *p, bool want, uint64_t total)
{
	p->on = want && isatty(STDERR_FILENO);
	p->total = total;
	p->shown = false;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

void progress_update(struct progress *p, uint64_t bytes, uint64_t docs)
{
	struct timespec now;

	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (seconds(&p->last, &now) * 1000 < REFRESH_MS)
		return;
	p->last = now;
	double t = seconds(&p->start, &now);
	double mb = (double)bytes / 1e6;
	double rate = t > 0 ? mb / t : 0;
	fprintf(stderr, "\rnewsclean: %.1f MB, %llu documents, %.1f MB/s", mb,
		(unsigned long long)docs, rate);
	if (p->total && bytes <= p->total && rate > 0) {
		double left = ((double)(p->total - bytes) / 1e6) / rate;
		fprintf(stderr, ", %.0f%%, %.0f s left", 100.0 * (double)bytes / (double)p->total,
			left);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
	p->shown = true;
}

void progress_end(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = false;
}
