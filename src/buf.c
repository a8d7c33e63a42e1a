/* buf.c -- growable byte buffers and checked allocation */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "buf.h"
#include "utf8.h"

_Noreturn void xalloc_die(void)
{
	fputs("newsclean: memory exhausted\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		xalloc_die();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(p, n * size);
}

void *xgrowarray(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p; /* not a power of two: there is room */
	return xreallocarray(p, n ? 2 * n : 1, size);
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

char *xmemdup(const void *p, size_t n)
{
	char *q = xmalloc(n + 1);
	if (n)
		memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

enum { ARENA_BLOCK = 64 * 1024 };

struct arena_block {
	struct arena_block *next;
	max_align_t data[];
};

void arena_init(struct arena *a)
{
	*a = (struct arena){ NULL, NULL, 0 };
}

void arena_fini(struct arena *a)
{
	for (struct arena_block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	arena_init(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);

	if (n > SIZE_MAX - align - sizeof(struct arena_block))
		xalloc_die();
	n = (n + align - 1) / align * align;
	if (n > a->left) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct arena_block *b = xmalloc(sizeof *b + size);
		if (size == n && a->head) {
			/* a big one: behind the head, whose free space stays usable */
			b->next = a->head->next;
			a->head->next = b;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->next = (char *)b->data;
		a->left = size;
	}
	void *p = a->next;
	a->next += n;
	a->left -= n;
	return p;
}

char *arena_dup(struct arena *a, const void *p, size_t n)
{
	if (n == SIZE_MAX)
		xalloc_die();
	char *q = arena_alloc(a, n + 1);
	if (n)
		memcpy(q, p, n);
	q[n] = '\0';
	return q;
}

enum { HUGE_PAGE = 2 << 20 };

static size_t huge_round(size_t n)
{
	if (n > SIZE_MAX - HUGE_PAGE)
		xalloc_die();
	return (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE; /* a part page is not a huge one */
}

void *huge_alloc(size_t n)
{
	size_t whole = huge_round(n);

	if (whole > SIZE_MAX - HUGE_PAGE)
		xalloc_die();
	char *m = mmap(NULL, whole + HUGE_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	/* keep the aligned part only */
	size_t head = (HUGE_PAGE - (uintptr_t)m % HUGE_PAGE) % HUGE_PAGE;
	char *a = m + head;
	if (head)
		munmap(m, head);
	munmap(a + whole, HUGE_PAGE - head);
#ifdef MADV_HUGEPAGE
	madvise(a, whole, MADV_HUGEPAGE); /* only advice: may fail */
#endif
	return a;
}

void huge_free(void *p, size_t n)
{
	if (p)
		munmap(p, huge_round(n));
}

/* p is never NULL between buf_init and buf_fini, so an empty view is valid
 * for memcmp and friends. */
void buf_init(struct buf *b)
{
	b->cap = 64;
	b->p = xmalloc(b->cap);
	b->len = 0;
	b->lent = false;
}

void buf_fini(struct buf *b)
{
	if (!b->lent)
		free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->lent = false;
}

void buf_lend(struct buf *b, char *p, size_t cap)
{
	buf_fini(b);
	*b = (struct buf){ p, 0, cap, true };
}

void buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra;
	size_t cap = b->cap ? b->cap : 64;

	if (need < b->len)
		xalloc_die();
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			xalloc_die();
		cap *= 2;
	}
	if (b->lent) {
		char *q = xmalloc(cap);
		memcpy(q, b->p, b->len);
		b->p = q;
		b->lent = false;
	} else {
		b->p = xrealloc(b->p, cap);
	}
	b->cap = cap;
}

void buf_put_utf8(struct buf *b, int32_t cp)
{
	buf_reserve(b, 4);
	b->len += utf8_encode(b->p + b->len, cp);
}

const char *buf_cstr(struct buf *b)
{
	buf_reserve(b, 1);
	b->p[b->len] = '\0';
	return b->p;
}

/* Appends the whole file at path to b; returns 0 or an errno. */
int buf_read_file(struct buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t n;

	if (!f)
		return errno;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_append(b, tmp, n);
	int err = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	return err;
}
