/* buf.h -- growable byte buffers and checked allocation */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_BUF_H
#define NEWSCLEAN_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * A struct buf owns its bytes, or has them lent (buf_lend); p is valid
 * (never NULL) from buf_init to buf_fini, also while len is 0.  The bytes
 * are not NUL-terminated unless buf_cstr() is called.  Allocation failure
 * ends the program with a message (xmalloc and friends).
 */
struct buf {
	char *p;
	size_t len, cap;
	bool lent;  /* p is its lender's: not freed; growing moves the bytes */
};

/* Reports "memory exhausted" and exits with status 1; for allocations
 * made by a library, whose failure xmalloc does not see. */
_Noreturn void xalloc_die(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
/* p (an array of n elements, grown only by this) with room for one more:
 * its size doubles at each power of two, so n appends cost O(n). */
void *xgrowarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n);

/*
 * An arena hands out memory that lives until arena_fini, from blocks that
 * never move: many small copies for the cost of a few allocations.
 */
struct arena_block;
struct arena {
	struct arena_block *head;
	char *next;   /* free space in head */
	size_t left;
};

void arena_init(struct arena *a);
void arena_fini(struct arena *a);
/* n bytes aligned for any type */
void *arena_alloc(struct arena *a, size_t n);
/* a NUL-terminated copy of p[0..n) */
char *arena_dup(struct arena *a, const void *p, size_t n);

/*
 * Memory for a big array that lives long, asked of the system in 2 MiB
 * pages (where it gives them; else it comes in small ones).  On the
 * virtual machines newsclean is measured on, a 4 KiB page touched the
 * first time costs about 19 us: 1,024 of them 15-20 ms, the same 4 MiB
 * in huge pages 0.5 ms.  NULL when no memory could be mapped (use
 * malloc); free with huge_free(p, n), n as given.
 */
void *huge_alloc(size_t n);
void huge_free(void *p, size_t n);

void buf_init(struct buf *b);
void buf_fini(struct buf *b);
/* b, empty, uses p[0..cap) until it needs more; p outlives b's use of it. */
void buf_lend(struct buf *b, char *p, size_t cap);
void buf_grow(struct buf *b, size_t extra);
void buf_put_utf8(struct buf *b, int32_t cp);
const char *buf_cstr(struct buf *b);
int buf_read_file(struct buf *b, const char *path);

static inline void buf_reserve(struct buf *b, size_t extra)
{
	if (b->cap - b->len < extra)
		buf_grow(b, extra);
}

static inline void buf_append(struct buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	buf_reserve(b, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static inline void buf_putc(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->p[b->len++] = c;
}

static inline void buf_clear(struct buf *b)
{
	b->len = 0;
}

#endif
