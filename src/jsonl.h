/* jsonl.h -- JSON records: validation, a string member by path, JSON strings */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_JSONL_H
#define NEWSCLEAN_JSONL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "options.h"

/* A dotted member path such as "meta.body", split at the dots. */
struct jsonl_path {
	char **keys;
	size_t *lens;
	size_t n;
};

enum jsonl_status {
	JSONL_OK,
	JSONL_INVALID,     /* not valid JSON */
	JSONL_NOT_OBJECT,  /* valid, but not an object */
	JSONL_NO_MEMBER,
	JSONL_NOT_STRING,
	JSONL_BAD_UTF8,    /* invalid UTF-8 outside the member */
	JSONL_TOO_DEEP,
};

enum { JSONL_MAX_DEPTH = 512 };

void jsonl_path_init(struct jsonl_path *p, const char *dotted);
void jsonl_path_fini(struct jsonl_path *p);

/*
 * Validates record p[0..n) (RFC 8259) and finds the string member at path
 * (where a key repeats, the last one counts).  On JSONL_OK, [*start, *end)
 * is the member's string token, quotes included, and *utf8_ok (unless NULL)
 * tells whether its bytes are valid UTF-8.  On an error, *where is the byte
 * offset it was found at.
 */
enum jsonl_status jsonl_scan(const char *p, size_t n, const struct jsonl_path *path,
			     size_t *start, size_t *end, size_t *where, bool *utf8_ok);
const char *jsonl_status_message(enum jsonl_status s);

/*
 * Decodes the JSON string token p[0..n) (quotes included, already
 * validated) into UTF-8 text; a lone surrogate or invalid UTF-8 follows
 * policy.  Returns false when policy is INVALID_ERROR and one was found.
 * utf8_ok: the token's bytes are known to be valid UTF-8 (jsonl_scan said
 * so), and only its escapes are looked at.
 */
bool jsonl_decode_string(const char *p, size_t n, enum invalid_policy policy, bool utf8_ok,
			 struct buf *out);
/* Appends text as a JSON string that escapes only '"', '\' and U+0000-U+001F. */
void jsonl_encode_string(const char *p, size_t n, struct buf *out);

#endif
