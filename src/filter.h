/* filter.h -- the streaming engine: input through every stage to output */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_FILTER_H
#define NEWSCLEAN_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "charset.h"
#include "doccharset.h"
#include "decode.h"
#include "jsonl.h"
#include "learn.h"
#include "lines.h"
#include "mojibake.h"
#include "normalize.h"
#include "options.h"
#include "pool.h"
#include "output.h"
#include "progress.h"
#include "rules.h"
#include "stats.h"
#include "structure.h"

/*
 * One filter cleans any number of inputs in turn into one output:
 * bytes -> decode -> lines -> mojibake -> normalize -> rules -> tidy -> structure ->
 * output.  Input problems are reported on stderr as they happen
 * (diag_input) and make filter.failed true; the run goes on.
 *
 * With --learn (set f->learn after filter_init), nothing is written: each
 * normalized line that no drop rule matches goes to learn_line(), each
 * document end to learn_end_document(), in input order for every -j.
 */
struct filter {
	const struct options *o;
	const struct rules *r;
	struct output *out;
	struct decode dec;
	struct lines lines;
	struct mojibake mj;
	struct normalize nz;
	struct rules_state rs;
	struct structure st;
	char *rbuf;
	size_t rsize;
	struct buf chunk;        /* decoded text of one read */
	struct buf doc;          /* -z, --jsonl: the document being cleaned */
	/* --jsonl */
	struct jsonl_path path;
	struct lines doclines;   /* the member's text, split into lines */
	struct buf rec;          /* a record begun in an earlier read */
	struct buf text;         /* the member's decoded text */
	uint64_t recno;          /* the record's line in the file */
	bool stop;               /* --on-error=fail met a bad record */
	struct pool_batch *batch; /* a worker's: its messages go here, not to stderr */
	struct pool *pool;       /* -j: worker threads clean batches */
	struct filter *workers;  /* their filters, each with a memory-only output */
	struct output *wout;
	size_t n_workers;
	const char *name;        /* the input being read */
	bool doc_open;           /* -z: bytes since the last NUL */
	bool long_warned;        /* --max-line warning given for this input */
	bool failed;             /* an input or output problem was reported */
	struct stats stats;
	struct progress progress;
	struct learn *learn;     /* --learn: the reading thread's counts */
	/* --from-code=auto */
	struct buf sniff;        /* the sample read to detect, given to the decoder first */
	size_t sniff_off;
	char charset[CHARSET_NAME_MAX];
	struct buf charsets;     /* "NAME\tCHARSET\n" for each input, for --stats */
	bool per_doc;            /* -z, --jsonl: each document's own charset */
	struct doc_charset dcs;
	char doc_cs[CHARSET_NAME_MAX]; /* the decoder's, while per_doc */
};

/* Returns 0, or -EINVAL for a charset that iconv does not know. */
int filter_init(struct filter *f, const struct options *o, const struct rules *r,
		struct output *out);
void filter_fini(struct filter *f);
/* Cleans the file at path ("-": standard input). */
void filter_file(struct filter *f, const char *path);
/*
 * Starts n worker threads (n 0: one per online processor); does nothing
 * where threads cannot help or would change the output (n 1, --explain,
 * --line-buffered).
 */
void filter_start_workers(struct filter *f, long n);
/* Flushes what is pending; call after the last input. */
void filter_finish(struct filter *f);
/* True once the output is gone, or --on-error=fail met a bad record. */
bool filter_output_failed(const struct filter *f);

#endif
