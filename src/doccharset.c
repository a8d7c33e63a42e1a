/* doccharset.c -- --from-code=auto with -z or --jsonl: each document's own charset */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doccharset.h"

void doc_charset_init(struct doc_charset *dc)
{
	memset(dc, 0, sizeof *dc);
	buf_init(&dc->sample);
}

void doc_charset_fini(struct doc_charset *dc)
{
	buf_fini(&dc->sample);
	free(dc->counts);
	dc->counts = NULL;
	dc->n_counts = 0;
}

void doc_charset_start(struct doc_charset *dc, char sep, const char *file_charset)
{
	dc->sep = sep;
	dc->chosen = false;
	buf_clear(&dc->sample);
	snprintf(dc->file_cs, sizeof dc->file_cs, "%s", file_charset);
	dc->n_counts = 0;
}

static void count(struct doc_charset *dc, const char *name)
{
	size_t i = 0;

	while (i < dc->n_counts && strcasecmp(dc->counts[i].name, name) != 0)
		i++;
	if (i == dc->n_counts) {
		/* a handful of charsets at most: grown one at a time */
		dc->counts = xreallocarray(dc->counts, i + 1, sizeof *dc->counts);
		snprintf(dc->counts[i].name, sizeof dc->counts[i].name, "%s", name);
		dc->counts[i].docs = 0;
		dc->n_counts++;
	}
	dc->counts[i].docs++;
}

/* The charset of the document that starts with p[0..n) (all of it when whole). */
static void choose(struct doc_charset *dc, const char *p, size_t n, bool whole,
		   char *name, const char **how)
{
	if (strcasecmp(dc->file_cs, "UTF-8") == 0) {
		charset_guess(p, n, whole, name, how); /* valid UTF-8 first */
	} else if (charset_is_utf8(p, n, whole)) {
		snprintf(name, CHARSET_NAME_MAX, "UTF-8");
		*how = "valid UTF-8";
	} else {
		snprintf(name, CHARSET_NAME_MAX, "%s", dc->file_cs);
		*how = "the file's";
	}
	count(dc, name);
}

/*
 * The sample, complete: its document's charset is chosen and the sample
 * handed on.  ends: the sample holds the separator (the document's end).
 */
static int release(struct doc_charset *dc, bool ends, bool last, doc_charset_emit *emit,
		   void *ctx)
{
	char name[CHARSET_NAME_MAX];
	const char *how;
	size_t n = dc->sample.len - ends;

	if (dc->sample.len == 0) /* the file ended with a separator */
		return emit(ctx, "", 0, last, NULL, NULL);
	choose(dc, dc->sample.p, n, ends || last, name, &how);
	int rc = emit(ctx, dc->sample.p, dc->sample.len, last, name, how);
	buf_clear(&dc->sample);
	dc->chosen = !ends;
	return rc;
}

int doc_charset_feed(struct doc_charset *dc, const char *p, size_t n, bool eof,
		     doc_charset_emit *emit, void *ctx)
{
	int rc = 0;

	do {
		const char *end = memchr(p, dc->sep, n);
		size_t k = end ? (size_t)(end - p) + 1 : n;
		if (dc->chosen) {
			dc->chosen = !end;
			rc = emit(ctx, p, k, eof && k == n, NULL, NULL);
		} else {
			size_t room = CHARSET_SAMPLE - dc->sample.len;
			if (k > room) {
				k = room;
				end = NULL;
			}
			buf_append(&dc->sample, p, k);
			bool last = eof && k == n;
			if (end || last || dc->sample.len == CHARSET_SAMPLE)
				rc = release(dc, end != NULL, last, emit, ctx);
		}
		p += k;
		n -= k;
	} while (rc == 0 && n > 0);
	return rc;
}

void doc_charset_summary(const struct doc_charset *dc, struct buf *out)
{
	static const char lead[] = "per document:";

	buf_append(out, lead, sizeof lead - 1);
	for (size_t i = 0; i < dc->n_counts; i++) {
		char item[CHARSET_NAME_MAX + 32];
		int k = snprintf(item, sizeof item, "%s %s %llu", i ? "," : "",
				 dc->counts[i].name, (unsigned long long)dc->counts[i].docs);
		buf_append(out, item, (size_t)k);
	}
}
