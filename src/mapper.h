/* mapper.h -- many literals, one pass: leftmost-longest whole-word matching */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_MAPPER_H
#define NEWSCLEAN_MAPPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * A byte trie of literal keys, each with a value.  With fold set, keys and
 * text are compared after Unicode simple case folding.  A match must not
 * have a letter, mark, number or '_' directly before or after it.
 */
struct mapper_node {
	uint32_t first;    /* first child (0: none) */
	uint32_t next;     /* next sibling, by byte (0: none) */
	int32_t value;     /* -1: no key ends here */
	unsigned char byte;
};

struct mapper {
	bool fold;
	struct mapper_node *nodes;
	size_t n_nodes, cap_nodes;
	bool nodes_huge;         /* nodes came from huge_alloc */
	uint32_t root[256];      /* children of the root (0: none) */
	struct buf keys;         /* the keys' folded bytes, until mapper_build */
	struct key_span *spans;  /* where each key is in them */
	size_t cap_spans;
	size_t n_keys;
	size_t max_key;          /* bytes of the longest (folded) key */
	/* filters, on bytes with bit 0x20 set (see mapper.c) */
	bool single[256];        /* some key is the one byte c */
	bool has_single, has_short;
	uint64_t pairs[1024];    /* bit (a << 8 | b): a key of 2 or 3 bytes starts a b */
	uint64_t *quads;         /* bit h: some longer key's first 4 bytes hash to h */
	uint64_t *runs;          /* bit h: some longer key's first word run hashes to h */
	uint64_t *shorts;        /* bit h: the same for the first 4 bytes of a key of 4-7 */
	uint64_t *tails;         /* bit h: bytes 4-7 of a key of 8 or more hash to h */
	uint64_t *heads;         /* bit h: some key's first word run hashes to h (head_hash) */
	unsigned quad_shift;     /* the hashes have 32 - quad_shift bits */
	unsigned head_shift;     /* those of heads, 32 - head_shift */
	bool word_keys;          /* every key starts with an ASCII word byte */
	/* the ASCII bytes other than word bytes in bytes 1-3 of keys of 4
	 * bytes or more, when at most 2 (the rest 0); inner_many when more
	 * (see start_filter) */
	unsigned char inner[2];
	unsigned n_inner;
	bool inner_many;
	/* fold: the characters above U+007F whose folding occurs in a key;
	 * text without them is searched without a folded copy */
	int32_t *sources;        /* sorted */
	size_t n_sources, cap_sources;
	uint64_t source_bits;    /* bit (cp & 63) of every source */
	uint64_t source_chars;   /* their summary (utf8_chars) */
	unsigned char source_leads[4]; /* their first bytes, when at most 4 */
	bool few_leads;
};

/* The text being searched, folded when needed; reuse it across texts. */
struct mapper_scratch {
	struct buf fold, map;
	const char *text;   /* the original text */
	size_t len;
	const char *f;      /* the text compared with keys */
	size_t flen;
	bool mapped;        /* map holds offsets from f back to text */
	bool lower_ascii;   /* f is ASCII text still to be lowered on the fly */
};

void mapper_init(struct mapper *m, bool fold);
void mapper_fini(struct mapper *m);
/* Adds a key (valid UTF-8); a later key equal to an earlier one replaces
 * its value.  Searches see the keys added before mapper_build. */
void mapper_add(struct mapper *m, const char *key, size_t len, int32_t value);
/*
 * Room for n_keys more keys of about key_bytes bytes in all, so that the
 * arrays are not grown (copied into new pages) while they are added.
 */
void mapper_reserve(struct mapper *m, size_t n_keys, size_t key_bytes);
void mapper_build(struct mapper *m);
bool mapper_is_empty(const struct mapper *m);

void mapper_scratch_init(struct mapper_scratch *s);
void mapper_scratch_fini(struct mapper_scratch *s);
/* Sets the text that the next mapper_find calls search. */
void mapper_prepare(const struct mapper *m, struct mapper_scratch *s,
		    const char *text, size_t len);
/* The same, for a text known to hold none of the characters that fold to
 * a key's (see mapper_sources_within): it is not looked through for them. */
void mapper_prepare_unfolded(const struct mapper *m, struct mapper_scratch *s,
			     const char *text, size_t len);
/* Whether every character that folds to one of a's keys' does to b's too. */
bool mapper_sources_within(const struct mapper *a, const struct mapper *b);
/*
 * Finds the leftmost-longest match that starts at or after offset from of
 * the prepared text.  On success sets [*start, *end) (offsets in the text)
 * and *value.
 */
bool mapper_find(const struct mapper *m, struct mapper_scratch *s, size_t from,
		 size_t *start, size_t *end, int32_t *value);
/* The same, for a match that starts before offset to (it may end after it). */
bool mapper_find_in(const struct mapper *m, struct mapper_scratch *s, size_t from,
		    size_t to, size_t *start, size_t *end, int32_t *value);
/* The most bytes of the prepared text that a match can span. */
size_t mapper_max_span(const struct mapper *m, const struct mapper_scratch *s);

#endif
