/* main.c -- newsclean: options -> rules -> filter loop -> report -> exit status */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"
#include "inplace.h"
#include "learn.h"
#include "options.h"
#include "output.h"
#include "rules.h"
#include "rules_parse.h"
#include "stats.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static int usage_error(const char *msg)
{
	diag_error("%s", msg);
	fputs("Try 'newsclean --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* Prints every rule error and warning; true when one was fatal. */
static bool report_rule_errors(const struct rule_list *rl)
{
	for (size_t i = 0; i < rl->n_errors; i++) {
		const struct rule_error *e = &rl->errors[i];
		diag_rule(&e->loc, e->warning ? "warning" : "error", e->msg,
			  e->src, e->src_len);
	}
	return rl->fatal;
}

static void list_rules(const struct rules *r)
{
	static const char *const norm[] = { "none", "nfc", "nfd", "nfkc", "nfkd" };
	static const char *const dedupe[] = { "consecutive", "document", "off" };
	const struct rule_list *rl = r->list;
	const struct settings *s = &r->settings;

	for (size_t i = 0; i < rl->n; i++)
		printf("%s:%zu: %s\n", rl->v[i].loc.file, rl->v[i].loc.line, rl->v[i].text);
	printf("set normalize %s\n", norm[s->normalize]);
	printf("set entities %s\n", s->entities ? "on" : "off");
	printf("set dedupe %s\n", dedupe[s->dedupe]);
	printf("set blank-lines %d\n", s->blank_lines);
	printf("set map-case %s\n", s->map_case_exact ? "exact" : "preserve");
	printf("set quotes %s\n", s->ascii_quotes ? "ascii" : "keep");
	printf("set mojibake %s\n", s->mojibake_fix ? "fix" : "keep");
}

static int open_output(const struct options *o)
{
	if (!o->output)
		return STDOUT_FILENO;
	int fd = open(o->output, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		diag_input(o->output, 0, "%s", strerror(errno));
	return fd;
}

/* The size of all inputs, or 0 when one of them has none (a pipe). */
static uint64_t input_size(char *const *files, size_t n)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int rc = strcmp(files[i], "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(files[i], &st);
		if (rc != 0 || !S_ISREG(st.st_mode))
			return 0;
		total += (uint64_t)st.st_size;
	}
	return total;
}

/*
 * A pipe holds 64 KiB by default: at hundreds of MB/s that is a switch
 * between processes every few hundred microseconds.  Where Linux allows,
 * the pipes at either end are widened to 1 MiB; failing that, nothing is lost.
 */
static void widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
	(void)fd;
#endif
}

/* Cleans every input; returns the exit status. */
static int run(const struct options *o, const struct rules *r)
{
	static char *const stdin_only[] = { "-" };
	struct output out;
	struct filter f;
	struct learn learn;

	int fd = o->in_place ? -1 : open_output(o);
	if (fd < 0 && !o->in_place)
		return EXIT_INPUT;
	output_init(&out, fd, o->output ? o->output : "(standard output)", o->line_buffered);
	if (filter_init(&f, o, r, &out)) {
		char msg[OPTIONS_MSG_MAX];
		snprintf(msg, sizeof msg, "unknown charset '%s' for '--from-code'", o->from_code);
		output_fini(&out);
		if (fd != STDOUT_FILENO)
			close(fd);
		return usage_error(msg);
	}
	if (o->learn) {
		struct learn_params lp = { learn_table_bytes(o->learn_memory << 20),
					   o->min_docs, o->min_share, o->max_words };
		learn_init(&learn, &lp);
		f.learn = &learn;
	}
	filter_start_workers(&f, o->jobs);
	widen_pipe(STDIN_FILENO);
	widen_pipe(fd);
	char *const *files = o->n_files ? o->files : stdin_only;
	size_t n_files = o->n_files ? o->n_files : 1;
	progress_init(&f.progress, o->progress, input_size(files, n_files));
	for (size_t i = 0; i < n_files && !filter_output_failed(&f); i++) {
		if (o->in_place)
			inplace_file(&f, &out, files[i], o->in_place_suffix);
		else
			filter_file(&f, files[i]);
	}
	filter_finish(&f);
	if (o->learn) {
		learn_report(&learn, &out);
		output_flush(&out);
		learn_fini(&learn);
	}
	int status = f.failed ? EXIT_INPUT : EXIT_OK;
	if (out.err == 0 && fd >= 0 && fd != STDOUT_FILENO && close(fd) != 0)
		out.err = errno;
	if (out.err && out.err != EPIPE) {
		diag_input(out.name, 0, "write error: %s", strerror(out.err));
		status = EXIT_INPUT;
	}
	if (o->stats != STATS_NONE)
		stats_print(stderr, o->stats, &f.stats, r->list, f.rs.hits, &f.charsets);
	filter_fini(&f);
	output_fini(&out);
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	struct rule_list rl;
	struct rules r;
	char msg[OPTIONS_MSG_MAX];
	int status;

	options_init(&o);
	if (options_parse(&o, argc, argv, msg)) {
		options_fini(&o);
		return usage_error(msg);
	}
	if (o.help || o.version) {
		if (o.help)
			options_help(stdout);
		else
			printf("newsclean %s\n", PACKAGE_VERSION);
		options_fini(&o);
		return fclose(stdout) == 0 ? EXIT_OK : EXIT_INPUT;
	}
	rule_list_init(&rl);
	rule_list_load(&rl, &o);
	rules_compile(&r, &rl, &o.flags);
	if (report_rule_errors(&rl)) {
		status = EXIT_USAGE;
	} else if (o.list_rules) {
		list_rules(&r);
		status = fflush(stdout) == 0 ? EXIT_OK : EXIT_INPUT;
	} else if (o.check_rules) {
		status = EXIT_OK;
	} else {
		status = run(&o, &r);
	}
	rules_fini(&r);
	rule_list_fini(&rl);
	options_fini(&o);
	return status;
}
