/* learn.c -- --learn: in how many documents each line occurs; proposed drop rules */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"

/*
 * The counting is the space-saving algorithm: a line already tracked
 * gets count + 1 (once per document: last_doc); a new line takes a free
 * counter with count 1, or else the counter with the least count, c,
 * which it inherits: count c + 1, err c.  The sum of all counts is N,
 * so the least count, and with it every err, is at most N / k.
 *
 * A line with runs of ASCII digits is counted by its shape, in which each
 * run stands for any run of digits: "Posted on 2026-01-03" and "Posted on
 * 2025-11-30" are one line with two variants, counted once per document.
 * The counter keeps the first text it saw, whether another text came,
 * and the shortest and longest length of each run, for the regex of the
 * report.  (A line with more than RUNS_MAX runs, or a run of more than
 * 255 digits, is counted as written.)
 */
enum { RUNS_MAX = 12 };

struct learn_entry {
	uint64_t hash;
	uint64_t count;     /* at least the line's document count */
	uint64_t err;       /* count - err is at most that count */
	uint64_t last_doc;  /* the document that gave the last count */
	const char *name;   /* an example: where the line was first seen */
	uint64_t line;
	uint32_t heap_pos;
	uint16_t len;
	uint8_t runs;       /* digit runs of a shape; 0: counted as written */
	bool varied;        /* a shape seen with other digits than text's */
	uint8_t run_lo[RUNS_MAX], run_hi[RUNS_MAX];
	char text[LEARN_TEXT_MAX];
};

/* A rule of the report. */
struct cand {
	const struct learn_entry *e;
	uint64_t lo, hi;
};

/*
 * The bytes one counter may cost, the report's share included: a fixed
 * figure, so the number of counters (which the report prints) is the
 * same on every platform.
 */
enum { ENTRY_COST = 384 };
_Static_assert(sizeof(struct learn_entry) + sizeof(uint32_t) + sizeof(struct cand)
	       <= ENTRY_COST, "ENTRY_COST is too small");

static size_t pow2_at_least(size_t n)
{
	size_t p = 16;
	while (p < n)
		p *= 2;
	return p;
}

/*
 * The room cleaning takes besides the table with one or two threads
 * (buffers, batches, rules).  It does not depend on -j, so neither does
 * the report.
 */
enum { CLEANING_ROOM = 8 << 20 };

size_t learn_table_bytes(size_t bound)
{
	size_t table = bound > CLEANING_ROOM ? bound - CLEANING_ROOM : 0;
	return table > bound / 4 ? table : bound / 4;
}

void learn_init(struct learn *l, const struct learn_params *par)
{
	memset(l, 0, sizeof *l);
	l->par = *par;
	size_t k = par->memory / (ENTRY_COST + 2 * sizeof(uint32_t));
	while (k > 1 && k * ENTRY_COST + pow2_at_least(2 * k) * sizeof(uint32_t) > par->memory)
		k -= k / 64 + 1;
	if (k < 1)
		k = 1;
	if (k > UINT32_MAX / 4)
		k = UINT32_MAX / 4;
	l->cap = k;
	size_t slots = pow2_at_least(2 * k);
	l->mask = slots - 1;
	/* calloc: the pages of unused counters are never touched */
	l->v = xcalloc(k, sizeof *l->v);
	l->slots = xcalloc(slots, sizeof *l->slots);
	l->heap = xcalloc(k, sizeof *l->heap);
}

void learn_fini(struct learn *l)
{
	free(l->v);
	free(l->slots);
	free(l->heap);
	l->v = NULL;
	l->slots = NULL;
	l->heap = NULL;
}

/* FNV-1a over the bytes, then a 64-bit finalizer (splitmix64). */
static uint64_t hash_line(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBULL;
	return h ^ (h >> 31);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The lengths of the digit runs of p[0..n) into len[]; returns their
 * number, or 0 when the line is counted as written (none, or too many,
 * or one too long). */
static size_t digit_runs(const char *p, size_t n, uint8_t *len)
{
	size_t runs = 0;
	for (size_t i = 0; i < n;) {
		if (!is_digit(p[i])) {
			i++;
			continue;
		}
		size_t s = i;
		while (i < n && is_digit(p[i]))
			i++;
		if (runs == RUNS_MAX || i - s > 255)
			return 0;
		len[runs++] = (uint8_t)(i - s);
	}
	return runs;
}

/* hash_line of the shape: each digit run hashed as one 0x01 byte (which
 * normalized text does not hold). */
static uint64_t hash_shape(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (is_digit(p[i])) {
			while (i + 1 < n && is_digit(p[i + 1]))
				i++;
			c = 1;
		}
		h = (h ^ c) * 1099511628211ULL;
	}
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 31;
	return h ^ 1; /* apart from hash_line of the same bytes */
}

/* Compares two lines by shape (a digit run equals any digit run). */
static int shape_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	while (i < an && j < bn) {
		bool da = is_digit(a[i]), db = is_digit(b[j]);
		if (da && db) {
			while (i < an && is_digit(a[i]))
				i++;
			while (j < bn && is_digit(b[j]))
				j++;
			continue;
		}
		/* a digit run sorts before any other byte */
		unsigned char ca = da ? 0 : (unsigned char)a[i];
		unsigned char cb = db ? 0 : (unsigned char)b[j];
		if (ca != cb)
			return ca < cb ? -1 : 1;
		i++;
		j++;
	}
	return (i < an) - (j < bn);
}

/* The line's key: its hash, and whether it is counted by its shape. */
static uint64_t key_of(const char *p, size_t n, uint8_t *len, size_t *runs)
{
	*runs = digit_runs(p, n, len);
	return *runs ? hash_shape(p, n) : hash_line(p, n);
}

/* The counter e stands for the line p[0..n) with runs digit runs. */
static bool same_key(const struct learn_entry *e, const char *p, size_t n, size_t runs)
{
	if (e->runs != runs)
		return false;
	if (!runs)
		return e->len == n && memcmp(e->text, p, n) == 0;
	return shape_cmp(e->text, e->len, p, n) == 0;
}

/* ------------------------------------------------------------ the table */

static void heap_swap(struct learn *l, size_t a, size_t b)
{
	uint32_t t = l->heap[a];
	l->heap[a] = l->heap[b];
	l->heap[b] = t;
	l->v[l->heap[a]].heap_pos = (uint32_t)a;
	l->v[l->heap[b]].heap_pos = (uint32_t)b;
}

static uint64_t heap_count(const struct learn *l, size_t i)
{
	return l->v[l->heap[i]].count;
}

static void heap_up(struct learn *l, size_t i)
{
	while (i > 0 && heap_count(l, (i - 1) / 2) > heap_count(l, i)) {
		heap_swap(l, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(struct learn *l, size_t i)
{
	for (;;) {
		size_t c = 2 * i + 1, least = i;
		if (c < l->n && heap_count(l, c) < heap_count(l, least))
			least = c;
		if (c + 1 < l->n && heap_count(l, c + 1) < heap_count(l, least))
			least = c + 1;
		if (least == i)
			return;
		heap_swap(l, i, least);
		i = least;
	}
}

/* The slot that holds hash h, or the empty slot where it would go. */
static size_t find_slot(const struct learn *l, uint64_t h)
{
	size_t k = h & l->mask;
	while (l->slots[k] && l->v[l->slots[k] - 1].hash != h)
		k = (k + 1) & l->mask;
	return k;
}

/* Linear probing's deletion: later entries of the run move back. */
static void remove_slot(struct learn *l, size_t k)
{
	size_t j = k;
	l->slots[k] = 0;
	for (;;) {
		j = (j + 1) & l->mask;
		if (!l->slots[j])
			return;
		size_t home = l->v[l->slots[j] - 1].hash & l->mask;
		/* the entry at j may fill the hole at k unless its home lies
		 * cyclically in (k, j] */
		bool stays = k <= j ? (home > k && home <= j) : (home > k || home <= j);
		if (!stays) {
			l->slots[k] = l->slots[j];
			l->slots[j] = 0;
			k = j;
		}
	}
}

static void take(struct learn_entry *e, uint64_t h, const char *p, size_t n,
		 const uint8_t *len, size_t runs, const char *name, uint64_t line,
		 uint64_t doc)
{
	e->hash = h;
	e->len = (uint16_t)n;
	memcpy(e->text, p, n);
	e->runs = (uint8_t)runs;
	e->varied = false;
	memcpy(e->run_lo, len, runs);
	memcpy(e->run_hi, len, runs);
	e->name = name;
	e->line = line;
	e->last_doc = doc;
}

/* One more line of a shape: its run lengths widen the counter's. */
static void widen(struct learn_entry *e, const char *p, size_t n, const uint8_t *len)
{
	if (!e->varied && (e->len != n || memcmp(e->text, p, n) != 0))
		e->varied = true;
	for (size_t r = 0; r < e->runs; r++) {
		if (len[r] < e->run_lo[r])
			e->run_lo[r] = len[r];
		if (len[r] > e->run_hi[r])
			e->run_hi[r] = len[r];
	}
}

void learn_line(struct learn *l, const char *p, size_t n, const char *name, uint64_t line)
{
	if (n == 0)
		return;
	l->lines++;
	if (n > LEARN_TEXT_MAX) {
		l->too_long++;
		return;
	}
	uint8_t len[RUNS_MAX];
	size_t runs;
	uint64_t h = key_of(p, n, len, &runs);
	size_t k = find_slot(l, h);
	if (l->slots[k]) {
		struct learn_entry *e = &l->v[l->slots[k] - 1];
		if (!same_key(e, p, n, runs))
			return; /* another line with the same hash: not counted */
		if (runs)
			widen(e, p, n, len);
		if (e->last_doc == l->docs)
			return;
		e->last_doc = l->docs;
		e->count++;
		l->arrivals++;
		heap_down(l, e->heap_pos);
		return;
	}
	l->arrivals++;
	if (l->n < l->cap) {
		size_t i = l->n++;
		struct learn_entry *e = &l->v[i];
		take(e, h, p, n, len, runs, name, line, l->docs);
		e->count = 1;
		e->err = 0;
		e->heap_pos = (uint32_t)i;
		l->heap[i] = (uint32_t)i;
		l->slots[k] = (uint32_t)(i + 1);
		heap_up(l, i);
		return;
	}
	/* the least counter goes to the new line */
	uint32_t i = l->heap[0];
	struct learn_entry *e = &l->v[i];
	remove_slot(l, find_slot(l, e->hash));
	take(e, h, p, n, len, runs, name, line, l->docs);
	e->err = e->count;
	e->count++;
	l->slots[find_slot(l, h)] = i + 1;
	heap_down(l, 0);
}

void learn_end_document(struct learn *l)
{
	l->docs++;
}

bool learn_count(const struct learn *l, const char *p, size_t n, uint64_t *lo, uint64_t *hi)
{
	if (n == 0 || n > LEARN_TEXT_MAX)
		return false;
	uint8_t len[RUNS_MAX];
	size_t runs;
	size_t k = find_slot(l, key_of(p, n, len, &runs));
	if (!l->slots[k])
		return false;
	const struct learn_entry *e = &l->v[l->slots[k] - 1];
	if (!same_key(e, p, n, runs))
		return false;
	*lo = e->count - e->err;
	*hi = e->count;
	return true;
}

/* ------------------------------------------------------------ the report */

static int text_cmp(const struct learn_entry *a, const struct learn_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->text, b->text, n);
	if (c)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* Most documents first; ties by shape and text, so the order is fixed. */
static int by_docs(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->lo != b->lo)
		return a->lo > b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi > b->hi ? -1 : 1;
	int c = shape_cmp(a->e->text, a->e->len, b->e->text, b->e->len);
	return c ? c : text_cmp(a->e, b->e);
}

/* Reads like a sentence of content: many words, ends with a full stop,
 * a question or exclamation mark or an ellipsis (closing quotes and
 * brackets after it allowed). */
static bool is_content(const struct learn *l, const char *p, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && (i == 0 || p[i - 1] == ' '))
			words++;
	if (words <= l->par.max_words)
		return false;
	static const char *const closers[] = {
		"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", NULL
	};
	for (bool again = true; again && n;) {
		again = false;
		for (int i = 0; closers[i]; i++) {
			size_t cn = strlen(closers[i]);
			if (n >= cn && memcmp(p + n - cn, closers[i], cn) == 0) {
				n -= cn;
				again = true;
				break;
			}
		}
	}
	if (n && (p[n - 1] == '.' || p[n - 1] == '!' || p[n - 1] == '?'))
		return true;
	return n >= 3 && memcmp(p + n - 3, "\xE2\x80\xA6", 3) == 0;
}

static void put_str(struct buf *out, const char *s)
{
	buf_append(out, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void put_fmt(struct buf *out, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k > 0)
		buf_append(out, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

/* A percentage with one decimal, rounded down: no locale, no floats. */
static void put_share(struct buf *out, uint64_t part, uint64_t whole)
{
	uint64_t tenths = whole ? part * 1000 / whole : 0;
	put_fmt(out, "%llu.%llu%%", (unsigned long long)(tenths / 10),
		(unsigned long long)(tenths % 10));
}

/* A number given in thousandths, without trailing zeros: 500 is "0.5". */
static void put_milli(struct buf *out, uint32_t v)
{
	put_fmt(out, "%u", v / 1000);
	if (v % 1000) {
		char d[5];
		snprintf(d, sizeof d, ".%03u", v % 1000);
		size_t n = 4;
		while (d[n - 1] == '0')
			n--;
		buf_append(out, d, n);
	}
}

/* The literal as a rule pattern: bare, or quoted where it would read as
 * a string, a regex or a detector. */
static void put_literal(struct buf *out, const char *p, size_t n)
{
	if (p[0] != '"' && p[0] != '/' && p[0] != '@') {
		buf_append(out, p, n);
		return;
	}
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			buf_putc(out, '\\');
		buf_putc(out, p[i]);
	}
	buf_putc(out, '"');
}

/* One anchored regex for the lines of a shape: the text, with each digit
 * run as [0-9]{MIN,MAX} over the lengths seen ([0-9], not \d, which
 * matches every script's digits under PCRE2_UCP). */
static void put_regex(struct buf *out, const struct learn_entry *e)
{
	size_t run = 0;

	put_str(out, "/^");
	for (size_t i = 0; i < e->len;) {
		char ch = e->text[i];
		if (!is_digit(ch)) {
			if (ch && strchr("\\^$.|?*+()[]{}/", ch))
				buf_putc(out, '\\');
			buf_putc(out, ch);
			i++;
			continue;
		}
		while (i < e->len && is_digit(e->text[i]))
			i++;
		if (e->run_lo[run] == e->run_hi[run])
			put_fmt(out, "[0-9]{%u}", e->run_lo[run]);
		else
			put_fmt(out, "[0-9]{%u,%u}", e->run_lo[run], e->run_hi[run]);
		run++;
	}
	put_str(out, "$/");
}

static void put_cand(const struct learn *l, const struct cand *c, struct buf *out)
{
	const struct learn_entry *e = c->e;
	bool review = is_content(l, e->text, e->len);

	put_str(out, review ? "\n# review: " : "\n# ");
	put_fmt(out, "%llu", (unsigned long long)c->lo);
	if (c->hi != c->lo)
		put_fmt(out, " to %llu", (unsigned long long)c->hi);
	put_str(out, " documents (");
	put_share(out, c->lo, l->docs);
	put_str(out, ")");
	if (e->varied)
		put_str(out, ", digits vary");
	if (review)
		put_str(out, ", reads like content");
	put_fmt(out, "; e.g. %s:%llu", e->name, (unsigned long long)e->line);
	if (e->varied) {
		put_str(out, ": ");
		buf_append(out, e->text, e->len);
	}
	put_str(out, review ? "\n# drop " : "\ndrop ");
	if (e->varied)
		put_regex(out, e);
	else
		put_literal(out, e->text, e->len);
	buf_putc(out, '\n');
}

static bool passes(const struct learn *l, uint64_t docs)
{
	return docs >= l->par.min_docs &&
	       docs * 100000 >= (uint64_t)l->par.min_share * l->docs;
}

void learn_report(const struct learn *l, struct output *out)
{
	struct cand *cands = xcalloc(l->n ? l->n : 1, sizeof *cands);
	size_t n_cands = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct learn_entry *e = &l->v[i];
		if (passes(l, e->count - e->err))
			cands[n_cands++] = (struct cand){ e, e->count - e->err, e->count };
	}
	qsort(cands, n_cands, sizeof *cands, by_docs);

	struct buf *b = &out->buf;
	uint64_t bound = l->cap ? l->arrivals / l->cap : 0;
	put_str(b, "# newsclean --learn: proposed drop rules, most frequent first.\n"
		   "# Review them, then use them with: newsclean -r FILE\n");
	put_fmt(b, "# %llu documents, %llu lines; %llu (document, line) pairs in "
		"%zu counters: a count is exact", (unsigned long long)l->docs,
		(unsigned long long)l->lines, (unsigned long long)l->arrivals, l->cap);
	if (l->n == l->cap)
		put_fmt(b, " to within %llu", (unsigned long long)bound);
	put_str(b, "\n");
	put_fmt(b, "# rules for lines in %llu documents or more and ",
		(unsigned long long)l->par.min_docs);
	put_milli(b, l->par.min_share);
	put_str(b, "% of them");
	if (l->too_long)
		put_fmt(b, "; %llu lines over %d bytes not counted",
			(unsigned long long)l->too_long, LEARN_TEXT_MAX);
	put_str(b, "\n");
	for (size_t i = 0; i < n_cands; i++) {
		put_cand(l, &cands[i], b);
		output_maybe_flush(out);
	}
	free(cands);
}
