/* learn.h -- --learn: in how many documents each line occurs; proposed drop rules */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_LEARN_H
#define NEWSCLEAN_LEARN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "output.h"

/*
 * The lines of each document go in (normalized, not dropped by a rule),
 * then learn_end_document().  A line is counted once per document.  The
 * counts live in a fixed table of space-saving counters (Metwally et al.)
 * sized from the memory bound, so memory does not grow with the input:
 * with k counters and N (document, line) arrivals, every line seen in
 * more than N / k documents keeps a counter, and each counter knows an
 * interval [count - err, count] holding the line's true document count,
 * with err <= N / k.  A line is tracked by a 64-bit hash and its text
 * (the text is compared, so a hash collision never merges two lines);
 * lines that differ only in their runs of ASCII digits count as one.
 *
 * Names given with a line are borrowed: they must live until learn_fini.
 */
enum {
	LEARN_TEXT_MAX = 256, /* longer lines are not counted */
	LEARN_MIN_MEMORY = 1, /* MiB */
};

struct learn_params {
	size_t memory;       /* bytes for the table */
	uint64_t min_docs;   /* a rule needs this many documents */
	uint32_t min_share;  /* and this share of them, in 1/1000 percent */
	uint32_t max_words;  /* a longer sentence is listed for review only */
};

struct learn_entry;

struct learn {
	struct learn_params par;
	struct learn_entry *v;  /* the counters, n of cap in use */
	size_t n, cap;
	uint32_t *slots;        /* hash -> counter: open addressing, index + 1 */
	size_t mask;
	uint32_t *heap;         /* counters by count, least first */
	uint64_t docs;          /* documents ended */
	uint64_t arrivals;      /* N: counts given out (a line new in a document) */
	uint64_t lines;         /* lines seen */
	uint64_t too_long;      /* lines over LEARN_TEXT_MAX bytes, not counted */
};

/*
 * The table's share of --learn-memory, a bound for the whole process: all
 * of it but the room cleaning takes, and at least a quarter of it.
 */
size_t learn_table_bytes(size_t bound);
void learn_init(struct learn *l, const struct learn_params *par);
void learn_fini(struct learn *l);
/* One normalized line of the current document; an empty one is ignored.
 * name and line tell where it was seen (for the example in the report). */
void learn_line(struct learn *l, const char *p, size_t n, const char *name, uint64_t line);
void learn_end_document(struct learn *l);
/* The interval [*lo, *hi] that holds the line's document count; false
 * when the line has no counter (then it occurs in at most N / k). */
bool learn_count(const struct learn *l, const char *p, size_t n, uint64_t *lo, uint64_t *hi);
/* Writes the proposed rule file to out (its errors stay in out->err). */
void learn_report(const struct learn *l, struct output *out);

#endif
