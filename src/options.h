/* options.h -- the command line, parsed into struct options */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_OPTIONS_H
#define NEWSCLEAN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "settings.h"

enum invalid_policy { INVALID_REPLACE, INVALID_DROP, INVALID_ERROR };
enum stats_format { STATS_NONE, STATS_TEXT, STATS_JSON };
enum input_mode { MODE_PLAIN, MODE_NUL, MODE_JSONL };
enum on_error { ON_ERROR_PASS, ON_ERROR_SKIP, ON_ERROR_FAIL };

/* One -r FILE or -e RULE, in command-line order. */
struct options_rule {
	bool is_file;
	const char *text; /* borrowed from argv */
};

/*
 * Strings point into argv; options_fini frees only what options_parse
 * allocated itself.
 */
struct options {
	struct options_rule *rules;
	size_t n_rules;
	bool no_default_rules, list_rules, check_rules;
	const char *from_code;
	enum invalid_policy invalid;
	const char *output;
	bool in_place;
	const char *in_place_suffix;
	enum input_mode mode;
	const char *jsonl_field;
	enum on_error on_error;
	bool drop_empty;
	struct settings flags; /* given[] tells which a flag set */
	size_t max_line;
	enum stats_format stats;
	bool explain, line_buffered, progress;
	size_t buffer_size;
	long jobs;
	/* --learn: propose drop rules (learn.h) */
	bool learn;
	size_t learn_memory;   /* MiB */
	uint64_t min_docs;
	uint32_t min_share;    /* thousandths of a percent */
	uint32_t max_words;
	bool help, version;
	char **files;
	size_t n_files;
};

enum { OPTIONS_MSG_MAX = 256 };

void options_init(struct options *o);
void options_fini(struct options *o);
/* Returns 0, or -1 with a message in msg for a usage error. */
int options_parse(struct options *o, int argc, char **argv, char *msg);
void options_usage(FILE *f);
void options_help(FILE *f);

#endif
