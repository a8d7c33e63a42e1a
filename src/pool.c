/* pool.c -- -j: worker threads clean batches, written in order */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "pool.h"

/* With p->mu held and a batch queued: cleans the next one with worker. */
static void take_and_clean(struct pool *p, void *worker)
{
	struct pool_batch *b = &p->slots[p->next % p->n_slots];

	p->next++;
	pthread_mutex_unlock(&p->mu);
	p->work(worker, b);
	pthread_mutex_lock(&p->mu);
	b->done = true;
	pthread_cond_broadcast(&p->done_cv);
}

static void *run(void *arg)
{
	struct pool *p = ((void **)arg)[0];
	void *worker = ((void **)arg)[1];

	free(arg);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->next == p->tail)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->next == p->tail) /* quit, and nothing left */
			break;
		take_and_clean(p, worker);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void batch_init(struct pool_batch *b)
{
	memset(b, 0, sizeof *b);
	buf_init(&b->in);
	buf_init(&b->out);
	buf_init(&b->msgs);
}

static void batch_fini(struct pool_batch *b)
{
	buf_fini(&b->in);
	buf_fini(&b->out);
	buf_fini(&b->msgs);
	free(b->recs);
	free(b->notes);
	free(b->hits);
}

static void batch_clear(struct pool_batch *b)
{
	buf_clear(&b->in);
	buf_clear(&b->out);
	buf_clear(&b->msgs);
	b->n = 0;
	b->n_notes = 0;
	b->stop = b->failed = b->done = false;
}

/*
 * The slots' input and output buffers start in one block of huge pages
 * (huge_alloc): -j 2 --jsonl touched some 800 more small pages than one
 * thread, and ran 4% faster in huge ones.  A buffer that outgrows its
 * part moves to memory of its own (buf_grow).
 */
/* a batch read in 128 KiB reads (the default --buffer-size) ends under this */
enum { SLOT_BUF = POOL_BATCH_BYTES + POOL_BATCH_BYTES / 2 };

static void lend_slab(struct pool *p)
{
	p->slab_size = 2 * p->n_slots * (size_t)SLOT_BUF;
	p->slab = huge_alloc(p->slab_size);
	if (!p->slab)
		return; /* the buffers grow in malloc's memory */
	char *a = p->slab;
	for (size_t i = 0; i < p->n_slots; i++) {
		buf_lend(&p->slots[i].in, a + 2 * i * SLOT_BUF, SLOT_BUF);
		buf_lend(&p->slots[i].out, a + (2 * i + 1) * SLOT_BUF, SLOT_BUF);
	}
}

int pool_init(struct pool *p, size_t n, void **workers, pool_work_fn *work)
{
	memset(p, 0, sizeof *p);
	p->work = work;
	p->workers = workers;
	p->helper = workers[n - 1];
	p->n_slots = 2 * n + 1;
	p->slots = xcalloc(p->n_slots, sizeof *p->slots);
	for (size_t i = 0; i < p->n_slots; i++)
		batch_init(&p->slots[i]);
	lend_slab(p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	p->threads = xcalloc(n, sizeof *p->threads);
	for (size_t i = 0; i + 1 < n; i++) {
		void **arg = xmalloc(2 * sizeof *arg);
		arg[0] = p;
		arg[1] = workers[i];
		int err = pthread_create(&p->threads[i], NULL, run, arg);
		if (err) {
			free(arg);
			pool_fini(p);
			return err;
		}
		p->n_threads++;
	}
	return 0;
}

void pool_fini(struct pool *p)
{
	pthread_mutex_lock(&p->mu);
	p->quit = true;
	pthread_cond_broadcast(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < p->n_slots; i++)
		batch_fini(&p->slots[i]);
	huge_free(p->slab, p->slab_size);
	free(p->slots);
	free(p->threads);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work_cv);
	pthread_cond_destroy(&p->done_cv);
	memset(p, 0, sizeof *p);
}

struct pool_batch *pool_current(struct pool *p)
{
	return &p->slots[p->tail % p->n_slots];
}

void pool_mark(struct pool *p, size_t off, size_t len, uint64_t recno,
	       uint64_t read_to, unsigned flags)
{
	struct pool_batch *b = pool_current(p);

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->recs = xreallocarray(b->recs, b->cap, sizeof *b->recs);
	}
	b->recs[b->n++] = (struct pool_rec){ off, len, recno, read_to, flags };
}

void pool_add(struct pool *p, const char *rec, size_t len, uint64_t recno,
	      uint64_t read_to, unsigned flags)
{
	struct pool_batch *b = pool_current(p);
	size_t off = b->in.len;

	buf_append(&b->in, rec, len);
	pool_mark(p, off, len, recno, read_to, flags);
}

bool pool_current_is_big(struct pool *p)
{
	const struct pool_batch *b = pool_current(p);

	return b->in.len >= POOL_BATCH_BYTES || b->n >= POOL_BATCH_RECS;
}

void pool_note(struct pool_batch *b, size_t key)
{
	if (b->n_notes == b->cap_notes) {
		b->cap_notes = b->cap_notes ? 2 * b->cap_notes : 16;
		b->notes = xreallocarray(b->notes, b->cap_notes, sizeof *b->notes);
	}
	b->notes[b->n_notes++] = (struct pool_note){ b->msgs.len, key };
}

bool pool_is_full(const struct pool *p)
{
	return p->tail - p->head >= p->n_slots - 1;
}

void pool_submit(struct pool *p)
{
	if (pool_current(p)->n == 0)
		return;
	pthread_mutex_lock(&p->mu);
	p->tail++;
	pthread_cond_signal(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
}

struct pool_batch *pool_oldest(struct pool *p)
{
	if (p->head == p->tail)
		return NULL;
	struct pool_batch *b = &p->slots[p->head % p->n_slots];
	pthread_mutex_lock(&p->mu);
	while (!b->done) {
		if (p->next != p->tail) /* rather than wait, clean one too */
			take_and_clean(p, p->helper);
		else
			pthread_cond_wait(&p->done_cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return b;
}

void pool_release(struct pool *p)
{
	batch_clear(&p->slots[p->head % p->n_slots]);
	p->head++;
}
