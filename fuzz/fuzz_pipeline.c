/* fuzz_pipeline.c -- fuzz target: option bytes + input through the whole filter */
/* SPDX-License-Identifier: MIT */
/*
 * The first three bytes choose the options, the rest is the input file:
 *   byte 0: normalize (mod 5), dedupe (/5 mod 3), blank-lines (/15 mod 3)
 *   byte 1: invalid (mod 3), from-code (/3 mod 5; auto from 135 up, in
 *           a build with uchardet), mode (/15 mod 3): plain, -z, --jsonl
 *   byte 2: bits 0-1 read size (default, 1, 7, 4096); bit 2 --ascii-quotes;
 *           bit 3 --no-entities; bit 4 --on-error=skip; bit 5 --drop-empty;
 *           bit 6 --jsonl=meta.body; bit 7 --max-line=64
 * The input runs as src/main.c's run() does, with the built-in rules, and
 * is written to a temporary file made once per process.  What must hold:
 * no crash, leak or undefined behaviour; the output is valid UTF-8 unless
 * --jsonl passes bad records through unchanged; and cleaning a plain-mode
 * output again (without -f) gives it back (SPEC.md, idempotence), except
 * under --max-line, where a long line that normalizing made short meets
 * the rules only the second time.
 * Set NEWSCLEAN_FUZZ_STDERR to see the program's messages.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "filter.h"
#include "options.h"
#include "output.h"
#include "rules.h"
#include "rules_parse.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { N_OPT_BYTES = 3, MAX_ARGS = 16 };

static const char *const norm_args[] = { "--normalize=nfc", "--normalize=nfd",
	"--normalize=nfkc", "--normalize=nfkd", "--normalize=none" };
static const char *const dedupe_args[] = { "--dedupe=consecutive",
	"--dedupe=document", "--dedupe=off" };
static const char *const blank_args[] = { "--blank-lines=0", "--blank-lines=1",
	"--blank-lines=2" };
static const char *const invalid_args[] = { "--invalid=replace", "--invalid=drop",
	"--invalid=error" };
static const char *const from_args[] = { "--from-code=UTF-8", "--from-code=windows-1252",
	"--from-code=ISO-8859-2", "--from-code=KOI8-R", "--from-code=UTF-16" };
static const char *const size_args[] = { NULL, "--buffer-size=1", "--buffer-size=7",
	"--buffer-size=4096" };

/* Files made once per process, unlinked at once, reached as /dev/fd/N. */
struct scratch {
	int fd;
	char path[32];
};

static struct scratch in_file, out_file, again_file;

static void scratch_open(struct scratch *s)
{
	char tmpl[] = "/tmp/fuzz_pipeline.XXXXXX";

	s->fd = mkstemp(tmpl);
	if (s->fd < 0) {
		perror("fuzz_pipeline: mkstemp");
		abort();
	}
	unlink(tmpl);
	snprintf(s->path, sizeof s->path, "/dev/fd/%d", s->fd);
}

static void scratch_write(struct scratch *s, const void *p, size_t n)
{
	if (ftruncate(s->fd, 0) != 0 || (n && pwrite(s->fd, p, n, 0) != (ssize_t)n))
		abort();
}

/* The whole file, into b. */
static void scratch_read(struct scratch *s, struct buf *b)
{
	off_t end = lseek(s->fd, 0, SEEK_END);

	buf_clear(b);
	if (end < 0)
		abort();
	buf_reserve(b, (size_t)end + 1);
	if (end && pread(s->fd, b->p, (size_t)end, 0) != end)
		abort();
	b->len = (size_t)end;
}

/* Built once per set of flags that the compiler reads, then only read. */
struct compiled {
	struct rule_list rl;
	struct rules r;
};

static struct compiled *cache[5 * 3 * 3 * 2 * 2];

static const struct rules *rules_for(const struct options *o)
{
	const struct settings *s = &o->flags;
	size_t key = (((((size_t)s->normalize * 3 + s->dedupe) * 3 +
			(size_t)s->blank_lines) * 2 + s->ascii_quotes) * 2 + s->entities);

	if (key >= sizeof cache / sizeof cache[0])
		abort();
	if (!cache[key]) {
		struct compiled *c = xmalloc(sizeof *c);
		rule_list_init(&c->rl);
		rule_list_load(&c->rl, o);
		if (rules_compile(&c->r, &c->rl, &o->flags) != 0)
			abort(); /* the built-in rules must compile */
		cache[key] = c;
	}
	return &cache[key]->r;
}

/* Builds argv from the option bytes; returns argc. */
static int build_args(const uint8_t *b, bool with_from, const char *in, char **argv)
{
	int n = 0;

	argv[n++] = (char *)"newsclean";
	argv[n++] = (char *)"-j1";
	argv[n++] = (char *)norm_args[b[0] % 5];
	argv[n++] = (char *)dedupe_args[b[0] / 5 % 3];
	argv[n++] = (char *)blank_args[b[0] / 15 % 3];
	argv[n++] = (char *)invalid_args[b[1] % 3];
	if (with_from)
		argv[n++] = (char *)(b[1] >= 135 && !charset_cannot_detect() ? "--from-code=auto"
					 : from_args[b[1] / 3 % 5]);
	if (b[1] / 15 % 3 == 1)
		argv[n++] = (char *)"-z";
	else if (b[1] / 15 % 3 == 2)
		argv[n++] = (char *)(b[2] & 64 ? "--jsonl=meta.body" : "--jsonl");
	if (size_args[b[2] & 3])
		argv[n++] = (char *)size_args[b[2] & 3];
	if (b[2] & 4)
		argv[n++] = (char *)"--ascii-quotes";
	if (b[2] & 8)
		argv[n++] = (char *)"--no-entities";
	argv[n++] = (char *)(b[2] & 16 ? "--on-error=skip" : "--on-error=pass");
	if (b[2] & 32)
		argv[n++] = (char *)"--drop-empty";
	if (b[2] & 128)
		argv[n++] = (char *)"--max-line=64";
	argv[n++] = (char *)in;
	argv[n] = NULL;
	return n;
}

/* run() of src/main.c, writing to out; returns the options' mode. */
static enum input_mode clean(const uint8_t *b, bool with_from, struct scratch *in,
			     struct scratch *out)
{
	char *argv[MAX_ARGS];
	char msg[OPTIONS_MSG_MAX];
	struct options o;
	struct output w;
	struct filter f;
	int argc = build_args(b, with_from, in->path, argv);

	options_init(&o);
	if (options_parse(&o, argc, argv, msg) != 0)
		abort();
	scratch_write(out, NULL, 0);
	lseek(out->fd, 0, SEEK_SET);
	output_init(&w, out->fd, out->path, false);
	if (filter_init(&f, &o, rules_for(&o), &w) != 0)
		abort(); /* every charset above is one iconv knows */
	for (size_t i = 0; i < o.n_files && !filter_output_failed(&f); i++)
		filter_file(&f, o.files[i]);
	filter_finish(&f);
	if (w.err)
		abort();
	filter_fini(&f);
	output_fini(&w);
	enum input_mode mode = o.mode;
	options_fini(&o);
	return mode;
}

static void setup(void)
{
	scratch_open(&in_file);
	scratch_open(&out_file);
	scratch_open(&again_file);
	if (!getenv("NEWSCLEAN_FUZZ_STDERR")) {
		/* the messages only; the fuzzer and sanitizers keep fd 2 */
		FILE *null = fopen("/dev/null", "w");
		if (null)
			stderr = null;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	static struct buf first, second;

	if (size < N_OPT_BYTES)
		return 0;
	if (!ready) {
		setup();
		buf_init(&first);
		buf_init(&second);
		ready = true;
	}
	scratch_write(&in_file, data + N_OPT_BYTES, size - N_OPT_BYTES);
	enum input_mode mode = clean(data, true, &in_file, &out_file);
	scratch_read(&out_file, &first);
	bool passes_bad = mode == MODE_JSONL && !(data[2] & 16);
	if (!passes_bad && !utf8_is_valid(first.p, first.len))
		abort();
	if (mode == MODE_PLAIN && !(data[2] & 128)) {
		clean(data, false, &out_file, &again_file);
		scratch_read(&again_file, &second);
		if (second.len != first.len || memcmp(first.p, second.p, first.len) != 0)
			abort();
	}
	return 0;
}
