/* pool.h -- -j: worker threads clean batches, written in order */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_POOL_H
#define NEWSCLEAN_POOL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "stats.h"

/*
 * The reading thread fills batches of whole records (--jsonl), documents
 * (-z) or lines (plain mode) and queues them; the workers clean them in
 * any order; the reading thread writes their output and messages in queue
 * order, so the result is the same for any number of threads.  Batches
 * live in a ring, so memory is bounded.
 */
enum pool_flag {
	POOL_LF = 1,       /* --jsonl: the record ended with LF */
	POOL_LINE = 2,     /* the entry holds a line to clean */
	POOL_END = 4,      /* -z: the document ends after it */
	POOL_DISCARD = 8,  /* -z: the open document is dropped (invalid bytes) */
	POOL_FF = 16,      /* result, plain: a form-feed line (a document break) */
	POOL_DROP = 32,    /* result, plain: a rule dropped the line */
	POOL_ASIS = 64,    /* result, plain: the line is unchanged, still in `in` */
	POOL_LONG = 128,   /* result, plain: longer than --max-line (see long_line) */
};

struct pool_rec {
	size_t off, len;   /* in the batch's input; for a plain result, in out */
	uint64_t recno;    /* the record's or line's line in its file */
	uint64_t read_to;  /* input bytes read when it was queued */
	unsigned flags;    /* enum pool_flag */
};

/* A message made by a worker: msgs bytes up to end; key as the caller's. */
struct pool_note {
	size_t end;
	size_t key;
};

struct pool_batch {
	struct buf in;
	struct pool_rec *recs;
	size_t n, cap;
	const char *name;  /* the input file, borrowed */
	struct buf out, msgs;
	struct pool_note *notes;
	size_t n_notes, cap_notes;
	struct stats stats;  /* the batch's counts, lines_out included */
	uint64_t *hits;      /* the batch's rule hits, allocated by a worker */
	size_t stop_at;      /* the entry that stopped the batch, when stop */
	bool stop, failed;
	bool done;
};

typedef void pool_work_fn(void *worker, struct pool_batch *b);

struct pool {
	pthread_t *threads;
	void **workers;
	void *helper;    /* the calling thread's worker */
	size_t n_threads;
	pool_work_fn *work;
	struct pool_batch *slots;
	size_t n_slots;
	char *slab;        /* the memory lent to the slots' buffers (lend_slab) */
	size_t slab_size;
	size_t head;  /* oldest batch not yet taken back */
	size_t next;  /* next queued batch for a worker */
	size_t tail;  /* the batch being filled */
	bool quit;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
};

/*
 * A batch is queued once it holds this many bytes or entries.  Small
 * batches stay in the caches between the reading thread and a worker:
 * --jsonl at -j 2 ran 4% faster with 256 KiB than with 1 MiB, and 20%
 * faster than with 4 MiB; 64 KiB was slower again.
 */
enum { POOL_BATCH_BYTES = 1 << 18, POOL_BATCH_RECS = 1 << 13 };

/*
 * Starts n - 1 threads (n >= 2); thread i cleans with workers[i].  The
 * calling thread cleans with workers[n - 1] while it waits in pool_oldest,
 * so n threads in all do the work.  Returns 0 or an errno.
 */
int pool_init(struct pool *p, size_t n, void **workers, pool_work_fn *work);
void pool_fini(struct pool *p);
/* The batch being filled. */
struct pool_batch *pool_current(struct pool *p);
void pool_add(struct pool *p, const char *rec, size_t len, uint64_t recno,
	      uint64_t read_to, unsigned flags);
/* Adds an entry for bytes already in the current batch's input. */
void pool_mark(struct pool *p, size_t off, size_t len, uint64_t recno,
	       uint64_t read_to, unsigned flags);
/* True when the current batch is big enough to queue. */
bool pool_current_is_big(struct pool *p);
/* Ends b's message begun at msgs.len before it was written (a worker's). */
void pool_note(struct pool_batch *b, size_t key);
/* Queues the current batch (if it has records); a new one is current. */
void pool_submit(struct pool *p);
/* True when every slot is queued or being written: take the oldest back first. */
bool pool_is_full(const struct pool *p);
/* Waits for the oldest queued batch; NULL when none is queued. */
struct pool_batch *pool_oldest(struct pool *p);
/* Frees the oldest batch's slot for reuse. */
void pool_release(struct pool *p);

#endif
