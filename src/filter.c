/* filter.c -- the streaming engine: input through every stage to output */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"

/* The input line that messages name. */
static uint64_t cur_line(const struct filter *f)
{
	return f->o->mode == MODE_JSONL ? f->recno : f->lines.lineno;
}

static void explain_change(void *ctx, size_t rule, const char *before, size_t bn,
			   const char *after, size_t an)
{
	const struct filter *f = ctx;
	const struct rule *ru = &f->r->list->v[rule];

	fprintf(stderr, "%s:%llu: %s %s:%zu: %.*s", f->name,
		(unsigned long long)cur_line(f), rule_verb_name(ru->verb),
		ru->loc.file, ru->loc.line, (int)bn, before);
	if (after)
		fprintf(stderr, " => %.*s", (int)an, after);
	fputc('\n', stderr);
}

static void warn_limit(void *ctx, size_t rule)
{
	const struct filter *f = ctx;
	const struct rule *ru = &f->r->list->v[rule];

	fprintf(stderr, "newsclean: %s:%zu: warning: the regular expression hit "
		"the match limit on %s line %llu; counted as no match there\n",
		ru->loc.file, ru->loc.line, f->name,
		(unsigned long long)cur_line(f));
}

int filter_init(struct filter *f, const struct options *o, const struct rules *r,
		struct output *out)
{
	memset(f, 0, sizeof *f);
	f->o = o;
	f->r = r;
	f->out = out;
	if (decode_init(&f->dec, o->from_code, o->invalid))
		return -EINVAL;
	lines_init(&f->lines, o->mode == MODE_NUL);
	normalize_init(&f->nz, &r->settings);
	rules_state_init(&f->rs, r);
	f->rs.ctx = f;
	f->rs.on_warn = warn_limit;
	if (o->explain)
		f->rs.on_change = explain_change;
	progress_init(&f->progress, false, 0);
	buf_init(&f->doc);
	buf_init(&f->rec);
	buf_init(&f->text);
	lines_init(&f->doclines, false);
	jsonl_path_init(&f->path, o->jsonl_field);
	if (o->mode == MODE_NUL)
		structure_init(&f->st, &r->settings, STRUCTURE_TERM_NUL, &f->doc);
	else if (o->mode == MODE_JSONL)
		structure_init(&f->st, &r->settings, STRUCTURE_TERM_NONE, &f->doc);
	else
		structure_init(&f->st, &r->settings, STRUCTURE_TERM_LF, &out->buf);
	f->rsize = o->buffer_size;
	f->rbuf = xmalloc(f->rsize);
	buf_init(&f->chunk);
	return 0;
}

static void stop_workers(struct filter *f);

void filter_fini(struct filter *f)
{
	stop_workers(f);
	decode_fini(&f->dec);
	lines_fini(&f->lines);
	normalize_fini(&f->nz);
	rules_state_fini(&f->rs);
	structure_fini(&f->st);
	free(f->rbuf);
	buf_fini(&f->chunk);
	buf_fini(&f->doc);
	buf_fini(&f->rec);
	buf_fini(&f->text);
	lines_fini(&f->doclines);
	jsonl_path_fini(&f->path);
}

bool filter_output_failed(const struct filter *f)
{
	return f->out->err != 0 || f->stop;
}

/* A plain-mode line of form feeds and spaces only, with one FF at least. */
static bool is_ff_line(const char *p, size_t n)
{
	bool ff = false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\f')
			ff = true;
		else if (p[i] != ' ' && p[i] != '\t')
			return false;
	}
	return ff;
}

static void end_document(struct filter *f)
{
	structure_end(&f->st);
	f->stats.documents++;
	if (f->doc.len) {
		buf_append(&f->out->buf, f->doc.p, f->doc.len);
		buf_clear(&f->doc);
	}
}

static void process_line(struct filter *f, const char *p, size_t n)
{
	const char *q;
	size_t qn;
	bool changed;

	f->stats.lines_in++;
	if (f->o->mode == MODE_PLAIN && is_ff_line(p, n)) {
		end_document(f);
		buf_append(&f->out->buf, "\f\n", 2);
		return;
	}
	normalize_line(&f->nz, p, n, &q, &qn);
	if (n > f->o->max_line) {
		if (!f->long_warned)
			diag_input(f->name, cur_line(f),
				   "warning: line longer than %zu bytes; rules not applied to it",
				   f->o->max_line);
		f->long_warned = true;
	} else {
		if (rules_apply(&f->rs, q, qn, &q, &qn, &changed) == RULES_DROP)
			return;
		if (changed)
			normalize_tidy(&f->nz, q, qn, &q, &qn);
	}
	if (!structure_line(&f->st, q, qn) && f->o->explain)
		fprintf(stderr, "%s:%llu: dedupe: %.*s\n", f->name,
			(unsigned long long)cur_line(f), (int)qn, q);
	output_maybe_flush(f->out);
}

static void drain_lines(struct filter *f)
{
	const char *p;
	size_t n;
	enum lines_end end;

	while (lines_next(&f->lines, &p, &n, &end)) {
		f->doc_open = true;
		process_line(f, p, n);
		if (end == LINES_NUL) {
			end_document(f);
			f->doc_open = false;
		}
	}
	if (f->lines.partial.len)
		f->doc_open = true;
}

/* ------------------------------------------------------------ --jsonl */

/* Empty, or only JSON whitespace. */
static bool is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

/* Cleans text as one document into f->doc. */
static void clean_document(struct filter *f, const char *p, size_t n)
{
	const char *line;
	size_t len;
	enum lines_end end;

	buf_clear(&f->doc);
	lines_reset(&f->doclines);
	lines_push(&f->doclines, p, n);
	while (lines_next(&f->doclines, &line, &len, &end))
		process_line(f, line, len);
	if (lines_finish(&f->doclines, &line, &len))
		process_line(f, line, len);
	structure_end(&f->st);
	f->stats.documents++;
}

/* A record's message: on stderr, or kept in order for a worker's batch. */
static void record_message(struct filter *f, const char *msg)
{
	if (!f->msgs) {
		diag_input(f->name, f->recno, "%s", msg);
		return;
	}
	char head[64];
	int k = snprintf(head, sizeof head, ":%llu: ", (unsigned long long)f->recno);
	buf_append(f->msgs, "newsclean: ", 11);
	buf_append(f->msgs, f->name, strlen(f->name));
	buf_append(f->msgs, head, (size_t)k);
	buf_append(f->msgs, msg, strlen(msg));
	buf_putc(f->msgs, '\n');
}

static void bad_record(struct filter *f, const char *p, size_t n, const char *eol,
		       size_t eol_len, const char *msg)
{
	record_message(f, msg);
	f->failed = true;
	switch (f->o->on_error) {
	case ON_ERROR_PASS:
		f->stats.records_passed++;
		buf_append(&f->out->buf, p, n);
		buf_append(&f->out->buf, eol, eol_len);
		break;
	case ON_ERROR_SKIP:
		f->stats.records_skipped++;
		break;
	case ON_ERROR_FAIL:
		f->stats.records_failed++;
		f->stop = true;
		break;
	}
}

/* One record p[0..n), without its LF; a CR before the LF stays in the line end. */
static void process_record(struct filter *f, const char *p, size_t n, bool lf)
{
	size_t body = n;
	const char *eol = "\r\n" + 1;
	size_t eol_len = lf;
	size_t start, end, where;

	f->recno++;
	if (lf && n && p[n - 1] == '\r') {
		body = n - 1;
		eol = "\r\n";
		eol_len = 2;
	}
	if (f->recno == 1 && body >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3; /* a byte-order mark before the first record */
		body -= 3;
	}
	if (is_blank(p, body)) {
		buf_append(&f->out->buf, p, body);
		buf_append(&f->out->buf, eol, eol_len);
		return;
	}
	enum jsonl_status st = jsonl_scan(p, body, &f->path, &start, &end, &where);
	if (st != JSONL_OK) {
		char msg[512];
		if (st == JSONL_NO_MEMBER)
			snprintf(msg, sizeof msg, "no member '%s'", f->o->jsonl_field);
		else if (st == JSONL_NOT_STRING)
			snprintf(msg, sizeof msg, "member '%s' is not a string", f->o->jsonl_field);
		else if (st == JSONL_NOT_OBJECT)
			snprintf(msg, sizeof msg, "%s", jsonl_status_message(st));
		else
			snprintf(msg, sizeof msg, "%s at byte %zu of the record",
				 jsonl_status_message(st), where);
		bad_record(f, p, body, eol, eol_len, msg);
		return;
	}
	buf_clear(&f->text);
	if (!jsonl_decode_string(p + start, end - start, f->o->invalid, &f->text)) {
		char msg[512];
		snprintf(msg, sizeof msg, "invalid UTF-8 or lone surrogate in member '%s'",
			 f->o->jsonl_field);
		bad_record(f, p, body, eol, eol_len, msg);
		return;
	}
	clean_document(f, f->text.p, f->text.len);
	if (f->doc.len == 0 && f->o->drop_empty)
		return;
	struct buf *out = &f->out->buf;
	buf_append(out, p, start);
	jsonl_encode_string(f->doc.p, f->doc.len, out);
	buf_append(out, p + end, body - end);
	buf_append(out, eol, eol_len);
}

/* ------------------------------------------------------------ -j */

/* A worker cleans one batch; its output and messages stay in the batch. */
static void clean_batch(void *worker, struct pool_batch *b)
{
	struct filter *wf = worker;

	wf->name = b->name;
	wf->msgs = &b->msgs;
	wf->stop = wf->failed = false;
	for (size_t i = 0; i < b->n && !wf->stop; i++) {
		const struct pool_rec *r = &b->recs[i];
		wf->recno = r->recno - 1;
		process_record(wf, b->in.p + r->off, r->len, r->lf);
	}
	struct buf t = b->out;
	b->out = wf->out->buf;
	wf->out->buf = t;
	buf_clear(&wf->out->buf);
	b->stop = wf->stop;
	b->failed = wf->failed;
}

/* Writes the oldest batch (in queue order); after a stop, drops it. */
static void write_oldest(struct filter *f)
{
	struct pool_batch *b = pool_oldest(f->pool);

	if (!f->stop) {
		fwrite(b->msgs.p, 1, b->msgs.len, stderr);
		buf_append(&f->out->buf, b->out.p, b->out.len);
		output_maybe_flush(f->out);
		f->failed |= b->failed;
		f->stop = b->stop;
	}
	pool_release(f->pool);
}

static void submit_batch(struct filter *f)
{
	pool_submit(f->pool);
	while (pool_is_full(f->pool))
		write_oldest(f);
}

static void drain_batches(struct filter *f)
{
	if (!f->pool)
		return;
	submit_batch(f);
	while (pool_oldest(f->pool))
		write_oldest(f);
}

static void add_record(struct filter *f, const char *p, size_t n, bool lf)
{
	if (!f->pool) {
		process_record(f, p, n, lf);
		return;
	}
	struct pool_batch *b = pool_current(f->pool);
	b->name = f->name;
	pool_add(f->pool, p, n, ++f->recno, lf);
	if (b->in.len >= POOL_BATCH_BYTES)
		submit_batch(f);
}

void filter_start_workers(struct filter *f, long n)
{
	const struct options *o = f->o;

	if (n == 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 1 || o->mode != MODE_JSONL || !f->dec.is_utf8 || o->explain ||
	    o->line_buffered)
		return;
	f->n_workers = (size_t)n;
	f->workers = xcalloc(f->n_workers, sizeof *f->workers);
	f->wout = xcalloc(f->n_workers, sizeof *f->wout);
	void **ctx = xcalloc(f->n_workers, sizeof *ctx);
	for (size_t i = 0; i < f->n_workers; i++) {
		output_init(&f->wout[i], -1, "(worker)", false);
		filter_init(&f->workers[i], o, f->r, &f->wout[i]);
		ctx[i] = &f->workers[i];
	}
	f->pool = xmalloc(sizeof *f->pool);
	if (pool_init(f->pool, f->n_workers, ctx, clean_batch) != 0) {
		free(f->pool);
		f->pool = NULL; /* no threads: clean in this one */
	}
	free(ctx);
}

/* Moves the workers' counts (taken when they are idle) to the filter's. */
static void merge_workers(struct filter *f)
{
	for (size_t k = 0; k < f->n_workers; k++) {
		struct filter *w = &f->workers[k];
		f->stats.lines_in += w->stats.lines_in;
		f->stats.documents += w->stats.documents;
		f->stats.records_passed += w->stats.records_passed;
		f->stats.records_skipped += w->stats.records_skipped;
		f->stats.records_failed += w->stats.records_failed;
		f->st.lines_out += w->st.lines_out;
		for (size_t i = 0; i < f->r->list->n; i++)
			f->rs.hits[i] += w->rs.hits[i];
		memset(&w->stats, 0, sizeof w->stats);
		w->st.lines_out = 0;
		memset(w->rs.hits, 0, f->r->list->n * sizeof *w->rs.hits);
	}
}

static void stop_workers(struct filter *f)
{
	if (f->pool) {
		pool_fini(f->pool);
		free(f->pool);
		f->pool = NULL;
	}
	merge_workers(f);
	for (size_t i = 0; i < f->n_workers; i++) {
		filter_fini(&f->workers[i]);
		output_fini(&f->wout[i]);
	}
	free(f->workers);
	free(f->wout);
	f->workers = NULL;
	f->wout = NULL;
	f->n_workers = 0;
}

/* Splits a chunk into records; a partial one waits in f->rec. */
static void push_records(struct filter *f, const char *p, size_t n)
{
	while (n > 0 && !f->stop) {
		const char *nl = memchr(p, '\n', n);
		if (!nl) {
			buf_append(&f->rec, p, n);
			return;
		}
		size_t len = (size_t)(nl - p);
		if (f->rec.len) {
			buf_append(&f->rec, p, len);
			add_record(f, f->rec.p, f->rec.len, true);
			buf_clear(&f->rec);
		} else {
			add_record(f, p, len, true);
		}
		output_maybe_flush(f->out);
		p += len + 1;
		n -= len + 1;
	}
}

static void report_invalid(struct filter *f)
{
	char bytes[8 * 4 + 1];

	decode_format_bytes(&f->dec, bytes);
	/* the bad bytes are on the line being read: a record's, or a text line's */
	uint64_t line = f->o->mode == MODE_JSONL ? f->recno + 1 : f->lines.next_lineno;
	diag_input(f->name, line, "invalid byte sequence %s at byte %llu",
		   bytes, (unsigned long long)f->dec.err_offset);
	f->failed = true;
}

static int open_input(struct filter *f, const char *path)
{
	if (strcmp(path, "-") == 0) {
		f->name = "(standard input)";
		return STDIN_FILENO;
	}
	f->name = path;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		diag_input(path, 0, "%s", strerror(errno));
		f->failed = true;
	}
	return fd;
}

static void read_loop(struct filter *f, int fd)
{
	for (;;) {
		ssize_t n = read(fd, f->rbuf, f->rsize);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_input(f->name, 0, "read error: %s", strerror(errno));
			f->failed = true;
			lines_discard(&f->lines);
			return;
		}
		f->stats.bytes_in += (uint64_t)n;
		progress_update(&f->progress, f->stats.bytes_in, f->stats.documents);
		bool eof = n == 0;
		int rc = DECODE_OK;
		if (f->o->mode == MODE_JSONL) {
			/* UTF-8 records are checked by the JSON scanner, member by member */
			if (f->dec.is_utf8) {
				push_records(f, f->rbuf, (size_t)n);
			} else {
				buf_clear(&f->chunk);
				rc = decode_feed(&f->dec, f->rbuf, (size_t)n, eof, &f->chunk);
				push_records(f, f->chunk.p, f->chunk.len);
			}
			if (f->stop)
				return;
		} else {
			buf_clear(&f->chunk);
			rc = decode_feed(&f->dec, f->rbuf, (size_t)n, eof, &f->chunk);
			lines_push(&f->lines, f->chunk.p, f->chunk.len);
			drain_lines(f);
		}
		if (rc == DECODE_INVALID) {
			report_invalid(f);
			lines_discard(&f->lines);
			if (f->o->mode == MODE_NUL) {
				/* the document with the bad bytes is not written */
				buf_clear(&f->doc);
				structure_begin(&f->st);
				f->doc_open = false;
			}
			return;
		}
		if (filter_output_failed(f))
			return;
		if (eof)
			break;
	}
	const char *p;
	size_t len;
	if (f->o->mode == MODE_JSONL) {
		if (f->rec.len && !f->stop)
			add_record(f, f->rec.p, f->rec.len, false);
		buf_clear(&f->rec);
	} else if (lines_finish(&f->lines, &p, &len)) {
		process_line(f, p, len);
	}
}

void filter_file(struct filter *f, const char *path)
{
	int fd = open_input(f, path);

	if (fd < 0)
		return;
	decode_reset(&f->dec);
	lines_reset(&f->lines);
	f->long_warned = false;
	f->recno = 0;
	read_loop(f, fd);
	drain_batches(f);
	if (fd != STDIN_FILENO)
		close(fd);
	if (f->o->mode == MODE_PLAIN) {
		end_document(f);
	} else if (f->o->mode == MODE_NUL && f->doc_open) {
		end_document(f);
		f->doc_open = false;
	}
	output_maybe_flush(f->out);
}

void filter_finish(struct filter *f)
{
	merge_workers(f);
	progress_end(&f->progress);
	output_flush(f->out);
	f->stats.lines_out = f->st.lines_out;
	f->stats.bytes_out = f->out->bytes;
}
