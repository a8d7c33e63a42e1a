/* mapper.c -- many literals, one pass: leftmost-longest whole-word matching */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>

#include "casefold.h"
#include "mapper.h"
#include "utf8.h"

/*
 * Keys are collected, sorted, and laid out as a trie whose edges are
 * grouped by parent and sorted by byte; the root has a direct table.  A
 * search tries each position where a key may start (a byte some key starts
 * with, after a non-word character) and walks the trie as far as the text
 * allows, keeping the longest key that ends before a non-word character.
 */

struct pending_key {
	char *s;
	size_t len;
	int32_t value;
	size_t seq;
};

static unsigned char low(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

void mapper_init(struct mapper *m, bool fold)
{
	memset(m, 0, sizeof *m);
	m->fold = fold;
}

void mapper_fini(struct mapper *m)
{
	struct pending_key *pk = m->pending;
	for (size_t i = 0; pk && i < m->n_pending; i++)
		free(pk[i].s);
	free(m->pending);
	free(m->nodes);
	free(m->edges);
	memset(m, 0, sizeof *m);
}

bool mapper_is_empty(const struct mapper *m)
{
	return m->n_keys == 0;
}

void mapper_add(struct mapper *m, const char *key, size_t len, int32_t value)
{
	struct buf f;
	struct pending_key *pk = m->pending;

	buf_init(&f);
	if (m->fold)
		casefold_append(&f, key, len, NULL);
	else
		buf_append(&f, key, len);
	if (m->n_pending == m->cap_pending) {
		m->cap_pending = m->cap_pending ? m->cap_pending * 2 : 16;
		pk = xreallocarray(pk, m->cap_pending, sizeof *pk);
		m->pending = pk;
	}
	pk[m->n_pending] = (struct pending_key){ xmemdup(f.p, f.len), f.len, value, m->n_pending };
	m->n_pending++;
	m->n_keys++;
	buf_fini(&f);
}

static int cmp_key(const void *a, const void *b)
{
	const struct pending_key *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

struct triple {
	uint32_t parent, child;
	unsigned char byte;
};

static int cmp_triple(const void *a, const void *b)
{
	const struct triple *x = a, *y = b;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	return (int)x->byte - (int)y->byte;
}

static uint32_t new_node(struct mapper *m)
{
	if (m->n_nodes == m->cap_nodes) {
		m->cap_nodes = m->cap_nodes ? m->cap_nodes * 2 : 64;
		m->nodes = xreallocarray(m->nodes, m->cap_nodes, sizeof *m->nodes);
	}
	m->nodes[m->n_nodes] = (struct mapper_node){ 0, 0, -1 };
	return (uint32_t)m->n_nodes++;
}

void mapper_build(struct mapper *m)
{
	struct pending_key *pk = m->pending;
	size_t nk = m->n_pending;
	struct triple *t = NULL;
	size_t nt = 0, ct = 0;
	uint32_t *path = NULL;
	size_t path_cap = 0;

	if (nk)
		qsort(pk, nk, sizeof *pk, cmp_key);
	for (size_t i = 0; i < nk; i++) {
		const unsigned char *k = (const unsigned char *)pk[i].s;
		if (pk[i].len == 1)
			m->single[k[0]] = true;
		else if (pk[i].len > 1)
			for (int a = 0; a < 2; a++) /* both cases of ASCII letters */
				for (int b = 0; b < 2; b++) {
					unsigned x = k[0], y = k[1];
					if (a && m->fold && x >= 'a' && x <= 'z') x -= 32;
					if (b && m->fold && y >= 'a' && y <= 'z') y -= 32;
					m->pairs[(x << 8 | y) >> 3] |= (uint8_t)(1u << (y & 7));
				}
	}
	new_node(m); /* the root, node 0 */
	const struct pending_key *prev = NULL;
	for (size_t i = 0; i < nk; i++) {
		const struct pending_key *k = &pk[i];
		size_t lcp = 0;
		if (prev)
			while (lcp < prev->len && lcp < k->len && prev->s[lcp] == k->s[lcp])
				lcp++;
		if (path_cap < k->len + 1) {
			path_cap = k->len + 1;
			path = xreallocarray(path, path_cap, sizeof *path);
		}
		path[0] = 0;
		for (size_t d = lcp; d < k->len; d++) {
			uint32_t c = new_node(m);
			if (nt == ct) {
				ct = ct ? ct * 2 : 64;
				t = xreallocarray(t, ct, sizeof *t);
			}
			t[nt++] = (struct triple){ path[d], c, (unsigned char)k->s[d] };
			path[d + 1] = c;
		}
		m->nodes[path[k->len]].value = k->value; /* equal keys: the later wins */
		if (k->len)
			m->first[(unsigned char)k->s[0]] = true;
		prev = k;
	}
	if (nt)
		qsort(t, nt, sizeof *t, cmp_triple);
	m->edges = xreallocarray(NULL, nt ? nt : 1, sizeof *m->edges);
	m->n_edges = nt;
	for (size_t i = 0; i < nt; i++) {
		m->edges[i] = (struct mapper_edge){ t[i].byte, t[i].child };
		struct mapper_node *nd = &m->nodes[t[i].parent];
		if (nd->n_edges++ == 0)
			nd->edges = (uint32_t)i;
		if (t[i].parent == 0)
			m->root[t[i].byte] = t[i].child;
	}
	if (m->fold)
		for (int c = 'a'; c <= 'z'; c++)
			m->first[c - 32] = m->first[c];
	free(t);
	free(path);
	for (size_t i = 0; i < nk; i++)
		free(pk[i].s);
	free(pk);
	m->pending = NULL;
	m->n_pending = m->cap_pending = 0;
}

static uint32_t child(const struct mapper *m, uint32_t node, unsigned char c)
{
	if (node == 0)
		return m->root[c];
	const struct mapper_node *nd = &m->nodes[node];
	const struct mapper_edge *e = m->edges + nd->edges;
	size_t lo = 0, hi = nd->n_edges;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e[mid].byte < c)
			lo = mid + 1;
		else if (e[mid].byte > c)
			hi = mid;
		else
			return e[mid].child;
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

static bool is_ascii(const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		if (w & 0x8080808080808080ULL)
			return false;
	}
	for (; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			return false;
	return true;
}

/* True when some non-ASCII character of p changes under case folding. */
static bool needs_fold(const char *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		i += utf8_decode(p + i, &cp);
		if (cp >= 0x2000 && cp <= 0x206F)
			continue; /* punctuation: folds to itself */
		if (casefold_cp(cp) != cp)
			return true;
	}
	return false;
}

void mapper_prepare(const struct mapper *m, struct mapper_scratch *s,
		    const char *text, size_t len)
{
	s->text = text;
	s->len = len;
	s->mapped = false;
	s->lower_ascii = false;
	s->f = text;
	s->flen = len;
	if (!m->fold)
		return;
	/*
	 * Keys are folded; when no non-ASCII character of the text changes
	 * under folding, lowering its ASCII bytes on the fly is the same as
	 * folding it, and needs no copy.
	 */
	if (is_ascii(text, len) || !needs_fold(text, len)) {
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

/* ASCII letters, digits and '_' */
static const bool word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static bool ascii_word(unsigned char c)
{
	return word_byte[c];
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

bool mapper_find(const struct mapper *m, struct mapper_scratch *s, size_t from,
		 size_t *start, size_t *end, int32_t *value)
{
	const unsigned char *f = (const unsigned char *)s->f;
	size_t n = s->flen;
	size_t i = 0;

	if (m->n_keys == 0)
		return false;
	/* from is an offset in the text: find the folded offset at or after it */
	if (s->mapped) {
		while (i < n && orig(s, i) < from)
			i++;
	} else {
		i = from;
	}
	for (; i < n; i++) {
		unsigned char c = f[i];
		unsigned char c2 = i + 1 < n ? f[i + 1] : 0;
		bool may = m->first[c] && (m->single[c] ||
			   (m->pairs[((unsigned)c << 8 | c2) >> 3] & (1u << (c2 & 7))));
		if (!may || (c & 0xC0) == 0x80 || word_before(s, orig(s, i))) {
			/* no key starts inside a run of ASCII word bytes: skip it */
			if (!s->mapped && ascii_word(c))
				while (i + 1 < n && ascii_word(f[i + 1]))
					i++;
			continue;
		}
		size_t o = orig(s, i);
		uint32_t node = 0;
		size_t j = i, best_end = 0;
		int32_t best = -1;
		while (j < n) {
			unsigned char b = s->lower_ascii ? low(f[j]) : f[j];
			node = child(m, node, b);
			if (!node)
				break;
			j++;
			if (m->nodes[node].value >= 0 && !word_at(s, orig(s, j))) {
				best = m->nodes[node].value;
				best_end = j;
			}
		}
		if (best >= 0) {
			*start = o;
			*end = orig(s, best_end);
			*value = best;
			return true;
		}
	}
	return false;
}
