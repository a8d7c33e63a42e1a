/* filter.c -- the streaming engine: input through every stage to output */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"
#include "scan.h"

/* The input line that messages name. */
static uint64_t cur_line(const struct filter *f)
{
	return f->o->mode == MODE_JSONL ? f->recno : f->lines.lineno;
}

/* Which worker messages the reading thread gives once only (note_is_new). */
enum { NOTE_ALWAYS, NOTE_LONG, NOTE_LIMIT };

__attribute__((format(printf, 2, 0)))
static void buf_vformat(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	int k = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (k < 0)
		return;
	buf_reserve(b, (size_t)k + 1);
	vsnprintf(b->p + b->len, (size_t)k + 1, fmt, ap);
	b->len += (size_t)k;
}

/*
 * A message about the input, on stderr; in a worker, kept in its batch
 * for the reading thread, which prints it in order unless its key
 * (NOTE_LONG: once per input, NOTE_LIMIT + rule: once per run) was given.
 */
__attribute__((format(printf, 3, 4)))
static void note(struct filter *f, size_t key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (f->batch) {
		buf_vformat(&f->batch->msgs, fmt, ap);
		pool_note(f->batch, key);
	} else {
		vfprintf(stderr, fmt, ap);
	}
	va_end(ap);
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
	struct filter *f = ctx;
	const struct rule *ru = &f->r->list->v[rule];

	note(f, NOTE_LIMIT + rule, "newsclean: %s:%zu: warning: the regular "
	     "expression hit the match limit on %s line %llu; counted as no "
	     "match there\n", ru->loc.file, ru->loc.line, f->name,
	     (unsigned long long)cur_line(f));
}

int filter_init(struct filter *f, const struct options *o, const struct rules *r,
		struct output *out)
{
	memset(f, 0, sizeof *f);
	f->o = o;
	f->r = r;
	f->out = out;
	/* auto: each file's charset is known once its start is read */
	if (decode_init(&f->dec, charset_is_auto(o->from_code) ? "UTF-8" : o->from_code,
			o->invalid))
		return -EINVAL;
	buf_init(&f->sniff);
	buf_init(&f->charsets);
	doc_charset_init(&f->dcs);
	lines_init(&f->lines, o->mode == MODE_NUL);
	if (o->mode == MODE_PLAIN)
		lines_set_piece_size(&f->lines, o->max_line);
	mojibake_init(&f->mj);
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
	buf_fini(&f->sniff);
	buf_fini(&f->charsets);
	doc_charset_fini(&f->dcs);
	lines_fini(&f->lines);
	mojibake_fini(&f->mj);
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

/*
 * --learn: a line for the counts, or a document's end.  A worker has no
 * counts: it puts them in its batch (line number, length, text; a
 * document's end is line LEARN_DOC_END) for the reading thread.
 */
#define LEARN_DOC_END UINT64_MAX

static void learn_put(struct filter *f, const char *name, uint64_t line,
		      const char *p, size_t n)
{
	if (f->learn) {
		if (line == LEARN_DOC_END)
			learn_end_document(f->learn);
		else
			learn_line(f->learn, p, n, name, line);
		return;
	}
	uint32_t len = (uint32_t)(n < LEARN_TEXT_MAX + 1 ? n : LEARN_TEXT_MAX + 1);
	buf_append(&f->out->buf, &line, sizeof line);
	buf_append(&f->out->buf, &len, sizeof len);
	buf_append(&f->out->buf, p, len); /* a longer line is not counted */
}

/* The reading thread: a worker's --learn batch into the counts. */
static void learn_replay(struct filter *f, const struct pool_batch *b)
{
	const char *p = b->out.p, *end = p + b->out.len;
	uint64_t line;
	uint32_t len;

	while (p < end) {
		memcpy(&line, p, sizeof line);
		memcpy(&len, p + sizeof line, sizeof len);
		p += sizeof line + sizeof len;
		learn_put(f, b->name, line, p, len);
		p += len;
	}
}

static void end_document(struct filter *f)
{
	if (f->o->learn) {
		learn_put(f, NULL, LEARN_DOC_END, "", 0);
		f->stats.documents++;
		return;
	}
	structure_end(&f->st);
	f->stats.documents++;
	if (f->doc.len) {
		buf_append(&f->out->buf, f->doc.p, f->doc.len);
		buf_clear(&f->doc);
	}
}

/* -z: the document read so far is not written (invalid bytes in it). */
static void drop_document(struct filter *f)
{
	buf_clear(&f->doc);
	structure_begin(&f->st);
}

static void warn_long(struct filter *f)
{
	if (!f->long_warned)
		note(f, NOTE_LONG, "newsclean: %s:%llu: warning: line longer "
		     "than %zu bytes; rules not applied to it\n", f->name,
		     (unsigned long long)cur_line(f), f->o->max_line);
	f->long_warned = true;
}

static void explain_mojibake(const struct filter *f, const char *p, size_t n,
			     const char *q, size_t qn)
{
	fprintf(stderr, "%s:%llu: mojibake: %.*s => %.*s\n", f->name,
		(unsigned long long)cur_line(f), (int)n, p, (int)qn, q);
}

/*
 * The mojibake repair (when on), then stage 2, into *q.  Normalizing can
 * make new mojibake ("&#195;&#169;", a U+200B removed from inside a run,
 * "A" and U+0303 composed into "Ã"): a line that normalizing changed is
 * repaired again, so that cleaning the output again changes nothing.
 * ascii: p holds no byte above 0x7F, so it has no mojibake.  plain: see
 * lines.plain.
 */
enum { REPAIR_ROUNDS = 8 };

static void repair_normalize(struct filter *f, const char *p, size_t n, bool ascii,
			     size_t plain, const char **q, size_t *qn)
{
	const char *s = p;
	size_t sn = n;
	bool fixed = false;

	if (!f->r->settings.mojibake_fix) {
		normalize_line_plain(&f->nz, p, n, plain, q, qn);
		return;
	}
	if (!ascii && (fixed = mojibake_fix(&f->mj, p, n, &s, &sn)) && f->o->explain)
		explain_mojibake(f, p, n, s, sn);
	normalize_line_plain(&f->nz, s, sn, s == p ? plain : 0, q, qn);
	/*
	 * Until neither step changes the line: a repair can meet the form too
	 * ("\u00E2\u201E\u00AB" is U+212B, which NFC makes U+00C5, and
	 * "\u00C5\u00AB" is mojibake again).  Every repair makes the line
	 * shorter, and but for a few forms' expansions so does normalizing; the
	 * rounds are bounded all the same.
	 */
	for (int round = 0; *q != s && round < REPAIR_ROUNDS &&
			    mojibake_fix(&f->mj, *q, *qn, &s, &sn); round++) {
		if (f->o->explain)
			explain_mojibake(f, *q, *qn, s, sn);
		fixed = true;
		normalize_line(&f->nz, s, sn, q, qn);
	}
	f->stats.mojibake_lines += fixed;
}

/*
 * Stages 2-6 of one line, which need no other line: normalize, rules,
 * tidy.  Returns false when a rule dropped the line, else the cleaned
 * line in *q (p itself when nothing changed, or a view into a stage's
 * buffer, valid until the next line).
 */
static bool clean_line(struct filter *f, const char *p, size_t n, size_t plain,
		       const char **q, size_t *qn)
{
	bool changed;

	/* nothing for stages 2-6 to do: a news corpus has one empty line in
	 * two or three, and each cost some 550 instructions */
	if (n == 0 && !rules_act_on_empty(f->r)) {
		*q = p;
		*qn = 0;
		return true;
	}
	/* one look spares the stages after it theirs (3 of 4 news lines);
	 * the plain start (see lines.plain) holds no byte above 0x7F */
	bool ascii = plain == n || scan_nonascii(p, n, plain) == n;

	repair_normalize(f, p, n, ascii, plain, q, qn);
	if (n > f->o->max_line) {
		warn_long(f);
		return true;
	}
	if (f->o->learn) /* the line as a drop rule sees it */
		return !rules_drops(&f->rs, *q, *qn);
	/* what the last look of stage 2 saw of the line it left as it was */
	if (rules_apply(&f->rs, *q, *qn, f->nz.chars, q, qn, &changed) == RULES_DROP)
		return false;
	if (changed)
		normalize_tidy(&f->nz, *q, *qn, f->rs.kept, *qn - f->rs.tail, q, qn);
	return true;
}

/*
 * Plain mode: a line longer than --max-line is written like one given in
 * pieces (it may be, for other read sizes), never removed as a repeat, so
 * the output does not depend on how the input was read.
 */
static bool long_line(const struct filter *f, size_t n)
{
	return f->o->mode == MODE_PLAIN && n > f->o->max_line;
}

/* One line; plain: see lines.plain (0: not known). */
static void process_line(struct filter *f, const char *p, size_t n, size_t plain)
{
	const char *q;
	size_t qn;

	f->stats.lines_in++;
	if (f->o->mode == MODE_PLAIN && is_ff_line(p, n)) {
		end_document(f);
		if (!f->o->learn)
			buf_append(&f->out->buf, "\f\n", 2);
		return;
	}
	if (!clean_line(f, p, n, plain, &q, &qn))
		return;
	if (f->o->learn) {
		if (!long_line(f, n))
			learn_put(f, f->name, cur_line(f), q, qn);
		return;
	}
	if (long_line(f, n))
		structure_piece(&f->st, q, qn, false, true);
	else if (!structure_line(&f->st, q, qn) && f->o->explain)
		fprintf(stderr, "%s:%llu: dedupe: %.*s\n", f->name,
			(unsigned long long)cur_line(f), (int)qn, q);
	output_maybe_flush(f->out);
}

static void queue_lines(struct filter *f);

/*
 * A piece of a line longer than --max-line (plain mode): normalized and
 * written as it comes, so memory stays bounded; the rules skip it.  A
 * piece that ends with a space keeps it (more of the line follows).
 */
static void long_piece(struct filter *f, const char *p, size_t n, bool more)
{
	const char *q;
	size_t qn;

	if (!f->st.in_pieces) {
		warn_long(f);
		f->stats.lines_in++;
	}
	if (f->o->learn) { /* not counted */
		f->st.in_pieces = more;
		return;
	}
	bool space = more && n && p[n - 1] == ' ';
	repair_normalize(f, p, n - space, false, 0, &q, &qn);
	structure_piece(&f->st, q, qn, space, !more);
	output_maybe_flush(f->out);
}

static void drain_lines(struct filter *f)
{
	const char *p;
	size_t n;
	enum lines_end end;

	if (f->pool) {
		queue_lines(f);
		return;
	}
	while (lines_next(&f->lines, &p, &n, &end)) {
		f->doc_open = true;
		if (end == LINES_PIECE || f->st.in_pieces) {
			long_piece(f, p, n, end == LINES_PIECE);
			continue;
		}
		process_line(f, p, n, f->lines.plain);
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
		process_line(f, line, len, f->doclines.plain);
	if (lines_finish(&f->doclines, &line, &len))
		process_line(f, line, len, 0);
	structure_end(&f->st);
	f->stats.documents++;
}

static void bad_record(struct filter *f, const char *p, size_t n, const char *eol,
		       size_t eol_len, const char *msg)
{
	note(f, NOTE_ALWAYS, "newsclean: %s:%llu: %s\n", f->name,
	     (unsigned long long)f->recno, msg);
	f->failed = true;
	switch (f->o->on_error) {
	case ON_ERROR_PASS:
		f->stats.records_passed++;
		if (f->o->learn)
			break;
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
	const char *eol = "\n";
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
		if (f->o->learn)
			return;
		buf_append(&f->out->buf, p, body);
		buf_append(&f->out->buf, eol, eol_len);
		return;
	}
	bool utf8_ok;
	enum jsonl_status st = jsonl_scan(p, body, &f->path, &start, &end, &where, &utf8_ok);
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
	if (!jsonl_decode_string(p + start, end - start, f->o->invalid, utf8_ok, &f->text)) {
		char msg[512];
		snprintf(msg, sizeof msg, "invalid UTF-8 or lone surrogate in member '%s'",
			 f->o->jsonl_field);
		bad_record(f, p, body, eol, eol_len, msg);
		return;
	}
	clean_document(f, f->text.p, f->text.len);
	if (f->o->learn) {
		learn_put(f, NULL, LEARN_DOC_END, "", 0);
		return;
	}
	if (f->doc.len == 0 && f->o->drop_empty)
		return;
	struct buf *out = &f->out->buf;
	buf_append(out, p, start);
	jsonl_encode_string(f->doc.p, f->doc.len, out);
	buf_append(out, p + end, body - end);
	buf_append(out, eol, eol_len);
}

/* ------------------------------------------------------------ -j */

/*
 * Workers clean whole batches: --jsonl records and -z documents to their
 * final bytes, plain-mode lines through the stages that need no other
 * line (normalize, rules, tidy).  The reading thread writes the batches
 * in order and runs what depends on earlier lines itself: the structure
 * stage and form-feed breaks of plain mode, the messages given once.
 * Counts travel in the batch, so a batch dropped after --on-error=fail
 * counts for nothing, as in one thread.
 */
static void clean_records(struct filter *wf, struct pool_batch *b)
{
	for (size_t i = 0; i < b->n && !wf->stop; i++) {
		const struct pool_rec *r = &b->recs[i];
		wf->recno = r->recno - 1;
		process_record(wf, b->in.p + r->off, r->len, r->flags & POOL_LF);
		b->stop_at = i;
	}
}

/* -z: lines of whole documents, each ended by an entry with POOL_END or
 * POOL_DISCARD; the worker's structure stage starts each one afresh. */
static void clean_documents(struct filter *wf, struct pool_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct pool_rec *r = &b->recs[i];
		if (r->flags & POOL_LINE) {
			wf->lines.lineno = r->recno;
			process_line(wf, b->in.p + r->off, r->len, 0);
		}
		if (r->flags & POOL_END)
			end_document(wf);
		else if (r->flags & POOL_DISCARD)
			drop_document(wf);
	}
}

/* Plain mode: each entry becomes its result (POOL_FF, POOL_DROP, or the
 * cleaned line: unchanged in `in` with POOL_ASIS, else copied to out). */
static void clean_lines(struct filter *wf, struct pool_batch *b)
{
	struct buf *out = &wf->out->buf;
	const char *q;
	size_t qn;

	for (size_t i = 0; i < b->n; i++) {
		struct pool_rec *r = &b->recs[i];
		const char *p = b->in.p + r->off;
		wf->lines.lineno = r->recno;
		wf->stats.lines_in++;
		if (is_ff_line(p, r->len)) {
			r->flags |= POOL_FF;
			continue;
		}
		if (!clean_line(wf, p, r->len, 0, &q, &qn)) {
			r->flags |= POOL_DROP;
			continue;
		}
		if (long_line(wf, r->len))
			r->flags |= POOL_LONG;
		if (q == p) {
			r->flags |= POOL_ASIS;
			r->len = qn;
		} else {
			r->off = out->len;
			r->len = qn;
			buf_append(out, q, qn);
		}
	}
}

/* Moves the worker's counts of one batch into the batch. */
static void keep_counts(struct filter *wf, struct pool_batch *b)
{
	size_t n = wf->r->list->n;

	b->stats = wf->stats;
	b->stats.lines_out = wf->st.lines_out;
	if (!b->hits)
		b->hits = xcalloc(n ? n : 1, sizeof *b->hits);
	memcpy(b->hits, wf->rs.hits, n * sizeof *b->hits);
	memset(wf->rs.hits, 0, n * sizeof *wf->rs.hits);
	memset(&wf->stats, 0, sizeof wf->stats);
	wf->st.lines_out = 0;
}

/* A worker cleans one batch; its output, messages and counts stay in it. */
static void clean_batch(void *worker, struct pool_batch *b)
{
	struct filter *wf = worker;

	wf->name = b->name;
	wf->batch = b;
	wf->stop = wf->failed = false;
	/* messages given once are given by the reading thread: here the
	 * first of each batch is kept */
	wf->long_warned = false;
	memset(wf->rs.warned, 0, wf->r->list->n * sizeof *wf->rs.warned);
	struct buf own = wf->out->buf;
	wf->out->buf = b->out;
	buf_clear(&wf->out->buf);
	if (wf->o->mode == MODE_JSONL)
		clean_records(wf, b);
	else if (wf->o->mode == MODE_NUL)
		clean_documents(wf, b);
	else
		clean_lines(wf, b);
	b->out = wf->out->buf;
	wf->out->buf = own;
	keep_counts(wf, b);
	b->stop = wf->stop;
	b->failed = wf->failed;
	wf->batch = NULL;
}

/* The reading thread's side of a message key: false when given already. */
static bool note_is_new(struct filter *f, size_t key)
{
	bool *given = NULL;

	if (key == NOTE_LONG)
		given = &f->long_warned;
	else if (key >= NOTE_LIMIT)
		given = &f->rs.warned[key - NOTE_LIMIT];
	if (!given)
		return true;
	if (*given)
		return false;
	*given = true;
	return true;
}

static void write_notes(struct filter *f, const struct pool_batch *b)
{
	size_t start = 0;

	for (size_t i = 0; i < b->n_notes; i++) {
		const struct pool_note *nt = &b->notes[i];
		if (note_is_new(f, nt->key))
			fwrite(b->msgs.p + start, 1, nt->end - start, stderr);
		start = nt->end;
	}
}

/* Plain mode: a batch's results through form-feed breaks and the
 * structure stage, in order. */
static void write_lines(struct filter *f, const struct pool_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct pool_rec *r = &b->recs[i];
		if (r->flags & POOL_FF) {
			end_document(f);
			if (!f->o->learn)
				buf_append(&f->out->buf, "\f\n", 2);
		} else if (f->o->learn) {
			if (!(r->flags & (POOL_DROP | POOL_LONG))) {
				const struct buf *from = r->flags & POOL_ASIS ? &b->in : &b->out;
				learn_put(f, b->name, r->recno, from->p + r->off, r->len);
			}
		} else if (!(r->flags & POOL_DROP)) {
			const struct buf *from = r->flags & POOL_ASIS ? &b->in : &b->out;
			if (r->flags & POOL_LONG)
				structure_piece(&f->st, from->p + r->off, r->len, false, true);
			else
				structure_line(&f->st, from->p + r->off, r->len);
			output_maybe_flush(f->out);
		}
	}
}

static void add_counts(struct filter *f, const struct pool_batch *b)
{
	const struct stats *s = &b->stats;

	f->stats.lines_in += s->lines_in;
	f->stats.documents += s->documents;
	f->stats.records_passed += s->records_passed;
	f->stats.records_skipped += s->records_skipped;
	f->stats.records_failed += s->records_failed;
	f->stats.mojibake_lines += s->mojibake_lines;
	f->st.lines_out += s->lines_out;
	for (size_t i = 0; i < f->r->list->n; i++)
		f->rs.hits[i] += b->hits[i];
}

/* Writes the oldest batch (in queue order); after a stop, drops it. */
static void write_oldest(struct filter *f)
{
	struct pool_batch *b = pool_oldest(f->pool);

	if (!f->stop) {
		write_notes(f, b);
		if (f->o->mode == MODE_PLAIN)
			write_lines(f, b);
		else if (f->o->learn)
			learn_replay(f, b);
		else
			output_put(f->out, b->out.p, b->out.len);
		output_maybe_flush(f->out);
		add_counts(f, b);
		f->failed |= b->failed;
		f->stop = b->stop;
		if (b->stop) /* one thread would have stopped reading there */
			f->stats.bytes_in = b->recs[b->stop_at].read_to;
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

/* Queues an entry; a batch is queued whole when big, at a record or line
 * end (--jsonl, plain) or a document end (-z). */
static void add_entry(struct filter *f, const char *p, size_t n, uint64_t line,
		      unsigned flags)
{
	pool_current(f->pool)->name = f->name;
	pool_add(f->pool, p, n, line, f->stats.bytes_in, flags);
	if (f->o->mode == MODE_NUL && !(flags & (POOL_END | POOL_DISCARD)))
		return;
	if (pool_current_is_big(f->pool))
		submit_batch(f);
}

static void add_record(struct filter *f, const char *p, size_t n, bool lf)
{
	if (!f->pool) {
		process_record(f, p, n, lf);
		return;
	}
	add_entry(f, p, n, ++f->recno, lf ? POOL_LF : 0);
}

/* The reading thread's drain_lines: lines go to the workers. */
static void queue_lines(struct filter *f)
{
	const char *p;
	size_t n;
	enum lines_end end;

	while (lines_next(&f->lines, &p, &n, &end)) {
		if (end == LINES_PIECE || f->st.in_pieces) {
			drain_batches(f); /* what came before it is written first */
			long_piece(f, p, n, end == LINES_PIECE);
			continue;
		}
		bool nul = end == LINES_NUL;
		add_entry(f, p, n, f->lines.lineno, POOL_LINE | (nul ? POOL_END : 0));
		f->doc_open = !nul;
	}
	if (f->lines.partial.len)
		f->doc_open = true;
}

/*
 * Threads clean --jsonl records, -z documents and plain-mode lines in any
 * charset (decoding is the reading thread's).  Not with --explain, whose
 * messages for one line come from both sides (the rules in a worker, the
 * dedupe in the reading thread) and would need merging line by line; nor
 * with --line-buffered, where each line must go out as soon as it is read,
 * not with its batch.
 */
void filter_start_workers(struct filter *f, long n)
{
	const struct options *o = f->o;

	if (n == 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 1 || o->explain || o->line_buffered)
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

static void stop_workers(struct filter *f)
{
	if (f->pool) {
		pool_fini(f->pool);
		free(f->pool);
		f->pool = NULL;
	}
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

/* Under --invalid=error: the lines or records before the bad bytes are
 * cleaned and written, then the rest of the file is skipped. */
static void invalid_input(struct filter *f)
{
	bool nul = f->o->mode == MODE_NUL;

	if (f->pool) {
		if (nul && f->doc_open)
			add_entry(f, "", 0, 0, POOL_DISCARD);
		drain_batches(f); /* their messages come first */
	}
	report_invalid(f);
	lines_discard(&f->lines);
	if (nul) {
		/* the document with the bad bytes is not written */
		drop_document(f);
		f->doc_open = false;
	}
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

/* One read of at most n bytes into p; -1 after a read error (reported). */
static ssize_t read_input(struct filter *f, int fd, char *p, size_t n)
{
	if (f->sniff_off < f->sniff.len) { /* --from-code=auto's sample first */
		size_t k = f->sniff.len - f->sniff_off;
		k = k < n ? k : n;
		memcpy(p, f->sniff.p + f->sniff_off, k);
		f->sniff_off += k;
		return (ssize_t)k;
	}
	for (;;) {
		ssize_t k = read(fd, p, n);
		if (k >= 0) {
			f->stats.bytes_in += (uint64_t)k;
			progress_update(&f->progress, f->stats.bytes_in, f->stats.documents);
			return k;
		}
		if (errno != EINTR) {
			diag_input(f->name, 0, "read error: %s", strerror(errno));
			f->failed = true;
			return -1;
		}
	}
}

/* Queues the records that end in the current batch's input after scan;
 * the first begins at *start. */
static void queue_records(struct filter *f, size_t *start, size_t scan)
{
	struct pool_batch *b = pool_current(f->pool);
	const char *nl;

	while ((nl = memchr(b->in.p + scan, '\n', b->in.len - scan)) != NULL) {
		size_t end = (size_t)(nl - b->in.p);
		pool_mark(f->pool, *start, end - *start, ++f->recno, f->stats.bytes_in,
			  POOL_LF);
		*start = scan = end + 1;
	}
}

/* Queues the current batch; the record begun at start moves to the next.
 * Returns where that record starts now. */
static size_t next_batch(struct filter *f, size_t start)
{
	struct pool_batch *b = pool_current(f->pool);

	buf_clear(&f->rec);
	buf_append(&f->rec, b->in.p + start, b->in.len - start);
	b->in.len = start;
	submit_batch(f);
	b = pool_current(f->pool);
	b->name = f->name;
	buf_append(&b->in, f->rec.p, f->rec.len);
	return 0;
}

/*
 * -j, --jsonl in UTF-8: each read goes straight into the batch being
 * filled, whose records are queued where they are, not copied; a record
 * cut by the end of a full batch moves to the next one.
 */
static void read_batches(struct filter *f, int fd)
{
	struct pool_batch *b = pool_current(f->pool);
	size_t start = b->in.len;

	b->name = f->name;
	for (;;) {
		buf_reserve(&b->in, f->rsize);
		ssize_t n = read_input(f, fd, b->in.p + b->in.len, f->rsize);
		if (n <= 0) {
			if (n < 0)
				b->in.len = start; /* the record cut short is dropped */
			break;
		}
		size_t scan = b->in.len;
		b->in.len += (size_t)n;
		queue_records(f, &start, scan);
		/* a record longer than a batch grows the batch until it ends */
		if (b->n > 0 && pool_current_is_big(f->pool))
			start = next_batch(f, start);
		b = pool_current(f->pool);
		if (f->stop || filter_output_failed(f)) {
			b->in.len = start;
			return;
		}
	}
	if (start < b->in.len)
		pool_mark(f->pool, start, b->in.len - start, ++f->recno,
			  f->stats.bytes_in, 0);
}

/* Bytes of the input through the decoder into records or lines. */
static int feed_text(struct filter *f, const char *p, size_t n, bool eof)
{
	int rc = DECODE_OK;

	if (f->o->mode == MODE_JSONL) {
		/* UTF-8 records are checked by the JSON scanner, member by member */
		if (f->dec.is_utf8) {
			decode_skip(&f->dec, n);
			push_records(f, p, n);
		} else {
			buf_clear(&f->chunk);
			rc = decode_feed(&f->dec, p, n, eof, &f->chunk);
			push_records(f, f->chunk.p, f->chunk.len);
		}
		return rc;
	}
	const char *view;
	size_t vn;
	buf_clear(&f->chunk);
	rc = decode_feed_view(&f->dec, p, n, eof, &f->chunk, &view, &vn);
	lines_push(&f->lines, f->chunk.p, f->chunk.len);
	drain_lines(f);
	if (vn) {
		lines_push(&f->lines, view, vn);
		drain_lines(f);
	}
	return rc;
}

/* doc_charset_emit: a run of one document's bytes, in its own charset. */
static int feed_document(void *ctx, const char *p, size_t n, bool last,
			 const char *charset, const char *how)
{
	struct filter *f = ctx;

	if (charset && strcasecmp(charset, f->doc_cs) != 0) {
		snprintf(f->doc_cs, sizeof f->doc_cs, "%s", charset);
		if (decode_switch(&f->dec, f->doc_cs)) {
			how = "not known to iconv; UTF-8 instead";
			snprintf(f->doc_cs, sizeof f->doc_cs, "UTF-8");
			decode_switch(&f->dec, f->doc_cs);
		}
	}
	if (charset && f->o->explain && strcmp(how, "valid UTF-8") != 0) {
		/* where the document starts: its record, or its first line */
		uint64_t line = f->o->mode == MODE_JSONL ? f->recno + 1 : f->lines.next_lineno;
		fprintf(stderr, "%s:%llu: charset: %s (%s)\n", f->name,
			(unsigned long long)line, f->doc_cs, how);
	}
	int rc = feed_text(f, p, n, last);
	return rc ? rc : f->stop || filter_output_failed(f) ? -1 : 0;
}

static void read_loop(struct filter *f, int fd)
{
	if (f->pool && f->o->mode == MODE_JSONL && f->dec.is_utf8 && !f->per_doc) {
		read_batches(f, fd);
		return;
	}
	for (;;) {
		ssize_t n = read_input(f, fd, f->rbuf, f->rsize);
		if (n < 0) {
			lines_discard(&f->lines);
			return;
		}
		bool eof = n == 0;
		int rc = f->per_doc
			 ? doc_charset_feed(&f->dcs, f->rbuf, (size_t)n, eof, feed_document, f)
			 : feed_text(f, f->rbuf, (size_t)n, eof);
		if (f->stop)
			return;
		if (rc == DECODE_INVALID) {
			invalid_input(f);
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
		if (f->st.in_pieces) {
			if (f->pool)
				drain_batches(f);
			long_piece(f, p, len, false);
		} else if (f->pool) {
			add_entry(f, p, len, f->lines.lineno, POOL_LINE);
		} else {
			process_line(f, p, len, 0);
		}
	}
}

/*
 * --from-code=auto: reads the start of the file (CHARSET_SAMPLE bytes, or
 * all of a shorter one), which read_input gives back first, and decodes
 * the whole file in the charset detected there; or, for -z documents and
 * JSONL records in a charset where NUL and LF are single bytes, each one
 * in its own (doccharset.h).
 */
static void detect_charset(struct filter *f, int fd)
{
	const char *how;
	bool eof = false;

	buf_clear(&f->sniff);
	f->sniff_off = 0;
	buf_reserve(&f->sniff, CHARSET_SAMPLE);
	while (f->sniff.len < CHARSET_SAMPLE) {
		/* sniff_off == sniff.len: this reads the file */
		ssize_t k = read_input(f, fd, f->sniff.p + f->sniff.len,
				       CHARSET_SAMPLE - f->sniff.len);
		if (k <= 0) {
			eof = true;
			break;
		}
		f->sniff.len += (size_t)k;
		f->sniff_off = f->sniff.len;
	}
	f->sniff_off = 0;
	charset_detect(f->sniff.p, f->sniff.len, eof, f->charset, &how);
	decode_fini(&f->dec);
	if (decode_init(&f->dec, f->charset, f->o->invalid)) {
		how = "not known to iconv; UTF-8 instead";
		decode_init(&f->dec, "UTF-8", f->o->invalid);
	}
	f->per_doc = f->o->mode != MODE_PLAIN && f->dec.unit == 1;
	if (f->per_doc) {
		doc_charset_start(&f->dcs, f->o->mode == MODE_NUL ? '\0' : '\n', f->charset);
		/* the decoder is the file's until a document's differs */
		snprintf(f->doc_cs, sizeof f->doc_cs, "%s", f->charset);
	}
	if (f->o->explain)
		fprintf(stderr, "%s: charset: %s (%s)%s\n", f->name, f->charset, how,
			f->per_doc ? "; each document's own" : "");
}

/* The file's line of --stats: its charset, or its documents'. */
static void note_charsets(struct filter *f)
{
	buf_append(&f->charsets, f->name, strlen(f->name));
	buf_putc(&f->charsets, '\t');
	if (f->per_doc)
		doc_charset_summary(&f->dcs, &f->charsets);
	else
		buf_append(&f->charsets, f->charset, strlen(f->charset));
	buf_putc(&f->charsets, '\n');
}

void filter_file(struct filter *f, const char *path)
{
	int fd = open_input(f, path);

	if (fd < 0)
		return;
	bool detect = charset_is_auto(f->o->from_code);
	if (detect)
		detect_charset(f, fd);
	decode_reset(&f->dec);
	lines_reset(&f->lines);
	buf_clear(&f->rec); /* left by invalid bytes or a read error */
	f->long_warned = false;
	f->recno = 0;
	read_loop(f, fd);
	if (f->st.in_pieces) { /* a long line cut off by an input error still ends */
		if (f->pool)
			drain_batches(f);
		long_piece(f, "", 0, false);
	}
	if (f->pool && f->o->mode == MODE_NUL && f->doc_open) {
		add_entry(f, "", 0, 0, POOL_END);
		f->doc_open = false;
	}
	drain_batches(f);
	if (fd != STDIN_FILENO)
		close(fd);
	if (detect)
		note_charsets(f);
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
	progress_end(&f->progress);
	output_flush(f->out);
	f->stats.lines_out = f->st.lines_out;
	f->stats.bytes_out = f->out->bytes;
}
