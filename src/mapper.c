/* mapper.c -- many literals, one pass: leftmost-longest whole-word matching */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>

#include "casefold.h"
#include "mapper.h"
#include "scan.h"
#include "utf8.h"

/*
 * Keys are collected as they are added and go into a trie, in byte
 * order, at mapper_build: each node links its first child and its next
 * sibling, in byte order; the root has a direct table.  A search tries
 * each position where a key may start (a byte some key starts with, after
 * a non-word character) and walks the trie as far as the text allows,
 * keeping the longest key that ends before a non-word character.
 */

/* Where a key's folded bytes are in m->keys, and its value, until mapper_build. */
struct key_span {
	size_t off, len;
	int32_t value;
};

void mapper_init(struct mapper *m, bool fold)
{
	memset(m, 0, sizeof *m);
	m->fold = fold;
	buf_init(&m->keys);
}

void mapper_fini(struct mapper *m)
{
	free(m->spans);
	buf_fini(&m->keys);
	if (m->nodes_huge)
		huge_free(m->nodes, m->cap_nodes * sizeof *m->nodes);
	else
		free(m->nodes);
	free(m->sources);
	free(m->quads);
	free(m->runs);
	free(m->shorts);
	free(m->tails);
	free(m->heads);
	memset(m, 0, sizeof *m);
}

bool mapper_is_empty(const struct mapper *m)
{
	return m->n_keys == 0;
}

void mapper_reserve(struct mapper *m, size_t n_keys, size_t key_bytes)
{
	if (m->n_keys + n_keys > m->cap_spans) {
		m->cap_spans = m->n_keys + n_keys;
		m->spans = xreallocarray(m->spans, m->cap_spans, sizeof *m->spans);
	}
	buf_reserve(&m->keys, key_bytes);
}

void mapper_add(struct mapper *m, const char *key, size_t len, int32_t value)
{
	size_t off = m->keys.len;

	if (m->fold)
		casefold_append(&m->keys, key, len, NULL);
	else
		buf_append(&m->keys, key, len);
	size_t n = m->keys.len - off;
	if (m->n_keys == m->cap_spans) {
		m->cap_spans = m->cap_spans ? m->cap_spans * 2 : 16;
		m->spans = xreallocarray(m->spans, m->cap_spans, sizeof *m->spans);
	}
	m->spans[m->n_keys++] = (struct key_span){ off, n, value };
	if (n > m->max_key)
		m->max_key = n;
}

/* A key for sorting: its bytes, and its place among the keys added
 * (16 bytes: the array and qsort's copy of it are new pages too). */
struct sort_key {
	const unsigned char *p;
	uint32_t len, index;
};

static int cmp_key(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;
	int c = memcmp(x->p, y->p, x->len < y->len ? x->len : y->len);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/*
 * The trie of the keys, in sorted order: a key shares a path with the one
 * before it as far as their bytes agree, and its first new node is the
 * last child so far of the node where they part, the one after the
 * earlier key's (path[d + 1]).  No list of siblings is walked: built in
 * insertion order, finding the place among the siblings missed the cache
 * at nearly every step and took a quarter of the start-up with 10,000
 * maps.  Equal keys are sorted by when they were added: the later's
 * value is the one kept.
 */
static void build_trie(struct mapper *m)
{
	size_t nk = m->n_keys, bytes = m->keys.len;

	if (bytes >= UINT32_MAX) /* node numbers, key lengths and places */
		xalloc_die();
	struct sort_key *k = xreallocarray(NULL, nk ? nk : 1, sizeof *k);
	uint32_t *path = xreallocarray(NULL, m->max_key + 1, sizeof *path);
	for (size_t i = 0; i < nk; i++)
		k[i] = (struct sort_key){ (const unsigned char *)m->keys.p + m->spans[i].off,
					  (uint32_t)m->spans[i].len, (uint32_t)i };
	qsort(k, nk, sizeof *k, cmp_key);
	m->cap_nodes = bytes + 1; /* a node a byte at most, and the root */
	/* 10,000 maps take 1.3 MB of nodes: 2 MiB pages spare 300 page faults */
	if (m->cap_nodes > SIZE_MAX / sizeof *m->nodes)
		xalloc_die();
	size_t size = m->cap_nodes * sizeof *m->nodes;
	m->nodes = size >= (1 << 20) ? huge_alloc(size) : NULL;
	m->nodes_huge = m->nodes != NULL;
	if (!m->nodes)
		m->nodes = xreallocarray(NULL, m->cap_nodes, sizeof *m->nodes);
	m->nodes[0] = (struct mapper_node){ 0, 0, -1, 0 };
	m->n_nodes = 1;
	path[0] = 0;
	const unsigned char *prev = NULL;
	size_t prev_len = 0;
	for (size_t i = 0; i < nk; i++) {
		const unsigned char *s = k[i].p;
		size_t len = k[i].len, shared = 0;
		while (shared < len && shared < prev_len && s[shared] == prev[shared])
			shared++;
		for (size_t d = shared; d < len; d++) {
			uint32_t c = (uint32_t)m->n_nodes++;
			m->nodes[c] = (struct mapper_node){ 0, 0, -1, s[d] };
			if (d == 0)
				m->root[s[0]] = c;
			else if (d == shared && d < prev_len) /* after the earlier key's */
				m->nodes[path[d + 1]].next = c;
			else
				m->nodes[path[d]].first = c;
			path[d + 1] = c;
		}
		m->nodes[path[len]].value = m->spans[k[i].index].value;
		prev = s;
		prev_len = len;
	}
	free(path);
	free(k);
}

/*
 * The filters below see bytes with bit 0x20 set: that makes ASCII letters
 * lowercase (keys are folded, text may not be), and since keys and text
 * go through the same lossy step, a key that matches text still passes.
 */
static unsigned pair_of(const unsigned char *p)
{
	return (p[0] | 0x20u) << 8 | (p[1] | 0x20u);
}

/* A hash of the first four bytes, below 2^(32 - shift). */
static unsigned quad_hash(const unsigned char *p, unsigned shift)
{
	uint32_t x;
	memcpy(&x, p, 4);
	return ((x | 0x20202020u) * 2654435761u) >> shift;
}

/* The length of the run of ASCII word bytes at p[0..left). */
static inline size_t word_run(const unsigned char *p, size_t left)
{
	size_t k = 0;
#ifdef __SSE2__
	for (; k + 16 <= left; k += 16) {
		unsigned w = scan_word_bits((const char *)p + k);
		if (w != 0xFFFF)
			return k + (size_t)__builtin_ctz(~w);
	}
#endif
	while (k < left && scan_word_byte[p[k]])
		k++;
	return k;
}

/*
 * A hash of a run of r bytes (see scan_hash_lower).  A key matches whole words,
 * so the run of ASCII word bytes it starts with is a whole run of the text
 * too: where the 4-byte hash lets through a word that only begins like a
 * key, this one stops it.
 */
static inline unsigned run_hash(const unsigned char *p, size_t r, size_t avail, unsigned shift)
{
	return (uint32_t)(scan_hash_lower((const char *)p, r, avail) >> 32) >> shift;
}

/* The 8 bytes at p, the first in the lowest bits. */
static inline uint64_t load8_le(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/*
 * A hash of the run of r ASCII word bytes that starts a word at p (r at
 * most 9: 9 stands for longer runs; only the first 8 bytes are hashed),
 * below 2^(32 - shift).  p[0..8) are readable.
 */
static inline unsigned head_hash(const unsigned char *p, uint64_t r, unsigned shift)
{
	/* the first min(r, 8) bytes */
	static const uint64_t keep[10] = {
		0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF,
		0xFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
	};
	uint64_t v = (load8_le(p) | 0x2020202020202020ULL) & keep[r];
	return (unsigned)(((v ^ r) * 0x9E3779B97F4A7C15ULL) >> (32 + shift));
}

static void set_bit(uint64_t *set, unsigned k)
{
	set[k >> 6] |= 1ULL << (k & 63);
}

/* Notes the bytes of k[1..4) that start_filter does not take for inner bytes of words. */
static void note_inner(struct mapper *m, const unsigned char *k)
{
	for (size_t i = 1; i < 4; i++) {
		unsigned char c = k[i];
		if (c >= 0x80 || scan_word_byte[c] || memchr(m->inner, c, m->n_inner))
			continue;
		if (m->n_inner == 2)
			m->inner_many = true;
		else
			m->inner[m->n_inner++] = c;
	}
}

/* The quick tests a text position passes before the trie is walked. */
static void add_filters(struct mapper *m, const unsigned char *k, size_t len)
{
	if (len == 0)
		return;
	if (!scan_word_byte[k[0]]) {
		m->word_keys = false;
	} else {
		unsigned char head[8] = { 0 };
		size_t r = word_run(k, len);
		memcpy(head, k, r < 8 ? r : 8);
		set_bit(m->heads, head_hash(head, r < 9 ? r : 9, m->head_shift));
	}
	if (len == 1) {
		m->single[k[0]] = true;
		m->has_single = true;
	} else if (len < 4) {
		set_bit(m->pairs, pair_of(k));
		m->has_short = true;
	} else {
		unsigned h = quad_hash(k, m->quad_shift);
		note_inner(m, k);
		set_bit(m->quads, h);
		if (len >= 8)
			set_bit(m->tails, quad_hash(k + 4, m->quad_shift));
		else
			set_bit(m->shorts, h);
		set_bit(m->runs, run_hash(k, word_run(k, len), len, m->quad_shift));
	}
}

static void add_source(int32_t cp, void *ctx)
{
	struct mapper *m = ctx;

	if (m->n_sources == m->cap_sources) {
		m->cap_sources = m->cap_sources ? m->cap_sources * 2 : 8;
		m->sources = xreallocarray(m->sources, m->cap_sources, sizeof *m->sources);
	}
	m->sources[m->n_sources++] = cp;
	m->source_bits |= 1ULL << (cp & 63);
	char u[4];
	utf8_encode(u, cp);
	m->source_chars |= utf8_char_bit((const unsigned char *)u);
}

static int cmp_cp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* The distinct first bytes of the sources, when there are at most four. */
static void collect_leads(struct mapper *m)
{
	unsigned char leads[4];
	size_t k = 0;

	m->few_leads = true;
	for (size_t i = 0; i < m->n_sources; i++) {
		char u[4];
		utf8_encode(u, m->sources[i]);
		unsigned char c = (unsigned char)u[0];
		if (memchr(leads, c, k))
			continue;
		if (k == 4) {
			m->few_leads = false;
			return;
		}
		leads[k++] = c;
	}
	/* the rest repeat the first (or a byte no lead is) */
	for (size_t i = 0; i < 4; i++)
		m->source_leads[i] = i < k ? leads[i] : k ? leads[0] : 0x80;
}

/* The sources of the characters of the (folded) keys. */
static void collect_sources(struct mapper *m)
{
	bool ascii[128] = { false };
	int32_t *cps = NULL;
	size_t n = 0, cap = 0;

	for (size_t j = 0; j < m->keys.len;) {
		int32_t cp;
		j += utf8_decode(m->keys.p + j, &cp);
		if (cp < 0x80) {
			if (ascii[cp])
				continue;
			ascii[cp] = true;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			cps = xreallocarray(cps, cap, sizeof *cps);
		}
		cps[n++] = cp;
	}
	if (n)
		qsort(cps, n, sizeof *cps, cmp_cp);
	casefold_preimages(cps, n, add_source, m);
	free(cps);
	collect_leads(m);
}

void mapper_build(struct mapper *m)
{
	size_t nk = m->n_keys;

	/*
	 * The quick tests of may_start: at least 16 bits per key, one word
	 * start in 16 or fewer passes.  Every start reads a bit of these
	 * tables, so they stay in the L1 cache: 10,000 keys take 32 KiB.
	 */
	m->quad_shift = 16;
	while (m->quad_shift > 12 && (nk << 4) > (1u << (32 - m->quad_shift)))
		m->quad_shift--;
	/*
	 * The test of word_candidate: at least 64 bits per key, up to 128 KiB.
	 * A start that passes by chance costs a walk in the trie and the block
	 * read again: with 10,000 keys, 16 bits per key (32 KiB, in the L1
	 * cache) passed about one start in 20 of the news corpus's, and the
	 * search took 7% longer than at 64 bits with the L2 cache's misses.
	 */
	m->head_shift = 16;
	while (m->head_shift > 12 && (nk << 6) > (1u << (32 - m->head_shift)))
		m->head_shift--;
	m->quads = xcalloc((size_t)1 << (32 - m->quad_shift) >> 6, sizeof *m->quads);
	m->runs = xcalloc((size_t)1 << (32 - m->quad_shift) >> 6, sizeof *m->runs);
	m->shorts = xcalloc((size_t)1 << (32 - m->quad_shift) >> 6, sizeof *m->shorts);
	m->tails = xcalloc((size_t)1 << (32 - m->quad_shift) >> 6, sizeof *m->tails);
	m->heads = xcalloc((size_t)1 << (32 - m->head_shift) >> 6, sizeof *m->heads);
	m->word_keys = true;
	build_trie(m);
	for (size_t i = 0; i < nk; i++)
		add_filters(m, (const unsigned char *)m->keys.p + m->spans[i].off, m->spans[i].len);
	if (m->fold) {
		collect_sources(m);
		for (int c = 'a'; c <= 'z'; c++)
			m->single[c - 32] = m->single[c];
	}
	free(m->spans);
	m->spans = NULL;
	m->cap_spans = 0;
	buf_fini(&m->keys);
}

static uint32_t child(const struct mapper *m, uint32_t node, unsigned char c)
{
	if (node == 0)
		return m->root[c];
	for (uint32_t x = m->nodes[node].first; x; x = m->nodes[x].next) {
		if (m->nodes[x].byte >= c)
			return m->nodes[x].byte == c ? x : 0;
	}
	return 0;
}

void mapper_scratch_init(struct mapper_scratch *s)
{
	memset(s, 0, sizeof *s);
	buf_init(&s->fold);
	buf_init(&s->map);
}

void mapper_scratch_fini(struct mapper_scratch *s)
{
	buf_fini(&s->fold);
	buf_fini(&s->map);
}

static bool is_source(const struct mapper *m, int32_t cp)
{
	if (!(m->source_bits >> (cp & 63) & 1))
		return false;
	return bsearch(&cp, m->sources, m->n_sources, sizeof cp, cmp_cp) != NULL;
}

/*
 * True when p has a character whose folding occurs in a key.  Without
 * one, folding the text cannot change where keys match: keys are folded,
 * so a character that folding changes is in no key, folded or not.
 */
static bool needs_fold(const struct mapper *m, const char *p, size_t n)
{
	int32_t cp;

	if (!m->n_sources)
		return false;
	size_t from = scan_nonascii(p, n, 0); /* most lines end here: ASCII */
	if (m->few_leads) {
		/* a lead byte is never inside another character */
		for (size_t i = from; (i = scan_any4(p, n, i, m->source_leads)) < n;) {
			i += utf8_decode(p + i, &cp);
			if (is_source(m, cp))
				return true;
		}
		return false;
	}
	for (size_t i = from; i < n; i = scan_nonascii(p, n, i)) {
		i += utf8_decode(p + i, &cp);
		if (is_source(m, cp))
			return true;
	}
	return false;
}

bool mapper_sources_within(const struct mapper *a, const struct mapper *b)
{
	for (size_t i = 0; i < a->n_sources; i++)
		if (!is_source(b, a->sources[i]))
			return false;
	return true;
}

static void prepare(const struct mapper *m, struct mapper_scratch *s,
		    const char *text, size_t len, bool fold)
{
	s->text = text;
	s->len = len;
	s->mapped = false;
	s->lower_ascii = false;
	s->f = text;
	s->flen = len;
	if (!m->fold)
		return;
	/* else lowering the text's ASCII bytes on the fly is enough */
	if (!fold) {
		s->lower_ascii = true;
		return;
	}
	buf_clear(&s->fold);
	buf_clear(&s->map);
	casefold_append(&s->fold, text, len, &s->map);
	s->f = s->fold.p;
	s->flen = s->fold.len;
	s->mapped = true;
}

void mapper_prepare(const struct mapper *m, struct mapper_scratch *s,
		    const char *text, size_t len)
{
	prepare(m, s, text, len, m->fold && needs_fold(m, text, len));
}

void mapper_prepare_unfolded(const struct mapper *m, struct mapper_scratch *s,
			     const char *text, size_t len)
{
	prepare(m, s, text, len, false);
}

/* Offset in the original text of folded offset i. */
static size_t orig(const struct mapper_scratch *s, size_t i)
{
	if (!s->mapped)
		return i;
	if (i >= s->flen)
		return s->len;
	size_t o;
	memcpy(&o, s->map.p + i * sizeof o, sizeof o);
	return o;
}

static bool ascii_word(unsigned char c)
{
	return scan_word_byte[c];
}

static bool word_before(const struct mapper_scratch *s, size_t o)
{
	if (o == 0)
		return false;
	unsigned char c = (unsigned char)s->text[o - 1];
	if (c < 0x80)
		return ascii_word(c);
	int32_t cp;
	const char *p = utf8_prev(s->text, s->text + o);
	utf8_decode(p, &cp);
	return utf8_is_word_cp(cp);
}

static bool word_at(const struct mapper_scratch *s, size_t o)
{
	if (o >= s->len)
		return false;
	unsigned char c = (unsigned char)s->text[o];
	if (c < 0x80)
		return ascii_word(c);
	int32_t cp;
	utf8_decode(s->text + o, &cp);
	return utf8_is_word_cp(cp);
}

/* A word of 64 bits, not a byte: one instruction (bt) tests it. */
static unsigned bit(const uint64_t *set, unsigned k)
{
	return (set[k >> 6] >> (k & 63)) & 1;
}

/*
 * The tests after the quad test passed at q, with left bytes from q: bytes
 * 4-7 against the keys of 8 bytes or more (words that only begin like one
 * stop here), then the first word run.  Out of line: most starts never
 * come here, and the loop over them keeps its registers.
 */
__attribute__((noinline))
static bool passes_after_quad(const struct mapper *m, const unsigned char *q, size_t left)
{
	if (left >= 8 && !bit(m->shorts, quad_hash(q, m->quad_shift)) &&
	    !bit(m->tails, quad_hash(q + 4, m->quad_shift)))
		return false;
	return bit(m->runs, run_hash(q, word_run(q, left), left, m->quad_shift));
}

/*
 * Whether the bytes at folded offset i can start a key: a key of one byte,
 * a key of two or three whose first two bytes are there, or a longer key
 * whose first four bytes, and first run of word bytes, hash as the text's
 * do.  Most word starts fail.
 */
static inline bool may_start(const struct mapper *m, const struct mapper_scratch *s,
			     size_t i)
{
	const unsigned char *f = (const unsigned char *)s->f;
	size_t left = s->flen - i;

	if (m->has_single && m->single[f[i]])
		return true;
	if (m->has_short && left >= 2 && bit(m->pairs, pair_of(f + i)))
		return true;
	return left >= 4 && bit(m->quads, quad_hash(f + i, m->quad_shift)) &&
	       passes_after_quad(m, f + i, left);
}

#ifdef __SSE2__
/*
 * Most word starts begin words of 1-3 letters ("the", "of", "a"), and no
 * key of 4 bytes or more begins those: when every key has 4 bytes or
 * more, the search skips the word starts whose next three bytes are not
 * word bytes, bytes >= 0x80, or bytes that are inside keys there (the
 * apostrophe of "l'viv").
 */
struct start_filter {
	bool on;          /* keys of 4 bytes or more, no more than 2 inner bytes */
	__m128i in0, in1; /* m->inner's bytes, in every byte */
};

static struct start_filter start_filter(const struct mapper *m)
{
	return (struct start_filter){ !m->inner_many && !m->has_single && !m->has_short,
				      _mm_set1_epi8((char)m->inner[0]),
				      _mm_set1_epi8((char)m->inner[1]) };
}

/* Bits of the wordish bytes of v, whose word bytes are 0xFF in w: bit 7 of
 * a byte >= 0x80 is set already. */
static inline unsigned wordish_bits(const struct start_filter *sf, __m128i v, __m128i w)
{
	__m128i in = _mm_or_si128(_mm_cmpeq_epi8(v, sf->in0), _mm_cmpeq_epi8(v, sf->in1));
	return scan_bits(_mm_or_si128(_mm_or_si128(w, v), in));
}

/*
 * A block is 64 bytes, and its starts are its first 56: the 8 bytes after
 * each, which a start's test reads, are in it.
 */
enum { BLOCK = 64, BLOCK_STARTS = 56 };

/*
 * The word starts among the first 56 of the 64 bytes at p that the filter
 * keeps (before: the byte before p is a word byte); *w gets the bits of
 * the block's word bytes.
 */
static inline uint64_t block_starts(const struct start_filter *sf, const char *p, bool before,
				    uint64_t *w)
{
	uint64_t wb = 0, r = 0;

	for (unsigned k = 0; k < BLOCK; k += 16) {
		__m128i v = scan_load(p + k), wv = scan_word_v(v);
		wb |= (uint64_t)scan_bits(wv) << k;
		r |= (uint64_t)wordish_bits(sf, v, wv) << k;
	}
	*w = wb;
	uint64_t starts = wb & ~(wb << 1 | before) & ~0ULL >> (64 - BLOCK_STARTS);
	return sf->on ? starts & r >> 1 & r >> 2 & r >> 3 : starts;
}

/* Whether the start t of the block at p, whose word bytes are w, passes
 * the test of word_candidate. */
static inline unsigned head_at(const struct mapper *m, const char *p, uint64_t w, uint64_t t)
{
	uint64_t r = (uint64_t)__builtin_ctzll(~(w >> t) | 1ULL << 9); /* the run, to 9 */
	return bit(m->heads, head_hash((const unsigned char *)p + t, r, m->head_shift));
}

/*
 * The first word start at or after folded offset i, before n, whose first
 * run of word bytes hashes (head_hash) as some key's does, or n.  The last
 * block, when fewer than 64 bytes are left, is a copy with zeros (no word
 * bytes) after the text.
 */
#ifdef HAVE_TARGET_CLONES
/* with AVX2's and BMI2's encodings where the processor has them */
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
static size_t word_candidate(const struct mapper *m, const struct mapper_scratch *s,
			     size_t i, size_t n)
{
	const struct start_filter sf = start_filter(m);
	char copy[BLOCK];

	for (; i < n; i += BLOCK_STARTS) {
		const char *p = s->f + i;
		bool before = i > 0 && scan_word_byte[(unsigned char)p[-1]];
		if (s->flen - i < BLOCK) {
			memcpy(copy, p, s->flen - i);
			memset(copy + (s->flen - i), 0, BLOCK - (s->flen - i));
			p = copy;
		}
		uint64_t w;
		uint64_t b = block_starts(&sf, p, before, &w);
		if (n - i < BLOCK_STARTS)
			b &= (1ULL << (n - i)) - 1;
		while (b) {
			/* two starts a round (the second the first again when b
			 * has one): 2.4% less time on news than one */
			uint64_t t = (uint64_t)__builtin_ctzll(b);
			b &= b - 1;
			uint64_t u = b ? (uint64_t)__builtin_ctzll(b) : t;
			b &= b - 1;
			unsigned ht = head_at(m, p, w, t), hu = head_at(m, p, w, u);
			if (ht | hu)
				return i + (ht ? t : u);
		}
	}
	return n;
}
#endif

/*
 * The next folded offset at or after i that may start a key, and is not
 * inside a run of ASCII word bytes (no key starts there: a word character
 * precedes it).
 */
static size_t next_candidate(const struct mapper *m, const struct mapper_scratch *s,
			     size_t i, size_t n)
{
	const unsigned char *f = (const unsigned char *)s->f;

	if (!m->word_keys) {
		for (; i < n; i++) {
			if (i > 0 && ascii_word(f[i - 1]) && ascii_word(f[i]))
				continue;
			if (may_start(m, s, i))
				return i;
		}
		return n;
	}
	/* every key starts with an ASCII word byte: try word starts only */
#ifdef __SSE2__
	return word_candidate(m, s, i, n);
#else
	for (; i < n; i++)
		if (scan_is_word_start(s->f, i) && may_start(m, s, i))
			return i;
	return n;
#endif
}

/* The first folded offset whose text offset is at or after from. */
static size_t folded_offset(const struct mapper_scratch *s, size_t from)
{
	size_t lo = 0, hi = s->flen;

	if (!s->mapped)
		return from;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (orig(s, mid) < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The longest key at folded offset i that ends before a non-word character. */
static int32_t longest(const struct mapper *m, const struct mapper_scratch *s,
		       size_t i, size_t *end)
{
	const unsigned char *f = (const unsigned char *)s->f;
	uint32_t node = 0;
	int32_t best = -1;

	for (size_t j = i; j < s->flen;) {
		node = child(m, node, s->lower_ascii ? scan_lower(f[j]) : f[j]);
		if (!node)
			break;
		j++;
		if (m->nodes[node].value >= 0 && !word_at(s, orig(s, j))) {
			best = m->nodes[node].value;
			*end = j;
		}
	}
	return best;
}

bool mapper_find_in(const struct mapper *m, struct mapper_scratch *s, size_t from,
		    size_t to, size_t *start, size_t *end, int32_t *value)
{
	const unsigned char *f = (const unsigned char *)s->f;

	if (m->n_keys == 0 || from >= to)
		return false;
	size_t fto = to >= s->len ? s->flen : folded_offset(s, to);
	for (size_t i = folded_offset(s, from);; i++) {
		i = next_candidate(m, s, i, fto);
		if (i >= fto)
			return false;
		if ((f[i] & 0xC0) == 0x80 || word_before(s, orig(s, i)))
			continue;
		size_t e;
		int32_t v = longest(m, s, i, &e);
		if (v >= 0) {
			*start = orig(s, i);
			*end = orig(s, e);
			*value = v;
			return true;
		}
	}
}

bool mapper_find(const struct mapper *m, struct mapper_scratch *s, size_t from,
		 size_t *start, size_t *end, int32_t *value)
{
	return mapper_find_in(m, s, from, s->len, start, end, value);
}

/* Simple case folding maps a character of up to 4 bytes to one of 1 or more;
 * a text not folded is compared byte for byte. */
size_t mapper_max_span(const struct mapper *m, const struct mapper_scratch *s)
{
	return s->mapped ? 4 * m->max_key : m->max_key;
}
