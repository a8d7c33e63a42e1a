/* options.c -- getopt_long into struct options */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "options.h"
#include "suggest.h"

enum {
	OPT_LIST_RULES = 256,
	OPT_CHECK_RULES,
	OPT_INVALID,
	OPT_JSONL,
	OPT_ON_ERROR,
	OPT_DROP_EMPTY,
	OPT_NORMALIZE,
	OPT_NO_ENTITIES,
	OPT_DEDUPE,
	OPT_BLANK_LINES,
	OPT_ASCII_QUOTES,
	OPT_MAX_LINE,
	OPT_EXPLAIN,
	OPT_LINE_BUFFERED,
	OPT_BUFFER_SIZE,
	OPT_PROGRESS,
	OPT_LEARN,
	OPT_LEARN_MEMORY,
	OPT_MIN_DOCS,
	OPT_MIN_SHARE,
	OPT_MAX_WORDS,
	OPT_MOJIBAKE,
};

static const struct option longopts[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "rule", required_argument, NULL, 'e' },
	{ "no-default-rules", no_argument, NULL, 'R' },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "check-rules", no_argument, NULL, OPT_CHECK_RULES },
	{ "from-code", required_argument, NULL, 'f' },
	{ "invalid", required_argument, NULL, OPT_INVALID },
	{ "output", required_argument, NULL, 'o' },
	{ "in-place", optional_argument, NULL, 'i' },
	{ "null-data", no_argument, NULL, 'z' },
	{ "jsonl", optional_argument, NULL, OPT_JSONL },
	{ "on-error", required_argument, NULL, OPT_ON_ERROR },
	{ "drop-empty", no_argument, NULL, OPT_DROP_EMPTY },
	{ "normalize", required_argument, NULL, OPT_NORMALIZE },
	{ "no-entities", no_argument, NULL, OPT_NO_ENTITIES },
	{ "dedupe", required_argument, NULL, OPT_DEDUPE },
	{ "blank-lines", required_argument, NULL, OPT_BLANK_LINES },
	{ "ascii-quotes", no_argument, NULL, OPT_ASCII_QUOTES },
	{ "mojibake", required_argument, NULL, OPT_MOJIBAKE },
	{ "max-line", required_argument, NULL, OPT_MAX_LINE },
	{ "stats", optional_argument, NULL, 's' },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "line-buffered", no_argument, NULL, OPT_LINE_BUFFERED },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "learn", no_argument, NULL, OPT_LEARN },
	{ "learn-memory", required_argument, NULL, OPT_LEARN_MEMORY },
	{ "min-docs", required_argument, NULL, OPT_MIN_DOCS },
	{ "min-share", required_argument, NULL, OPT_MIN_SHARE },
	{ "max-words", required_argument, NULL, OPT_MAX_WORDS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "buffer-size", required_argument, NULL, OPT_BUFFER_SIZE },
	{ NULL, 0, NULL, 0 },
};

static const char shortopts[] = ":r:e:Rf:o:i::zs::j:hV";

void options_usage(FILE *f)
{
	fputs("Usage: newsclean [OPTION]... [FILE]...\n", f);
}

static const char help_text[] =
	"Clean scraped news text: decode, normalize, drop junk lines, fix names.\n"
	"With no FILE, or when FILE is -, read standard input.\n"
	"\n"
	"Rules:\n"
	"  -r, --rules=FILE         add the rules in FILE (repeatable)\n"
	"  -e, --rule=RULE          add one rule (repeatable)\n"
	"  -R, --no-default-rules   start without @default\n"
	"      --list-rules         print the effective rules and exit\n"
	"      --check-rules        check the rules, exit 0 or 2\n"
	"\n"
	"Input and output:\n"
	"  -f, --from-code=CHARSET  input charset (default UTF-8; auto: detect)\n"
	"      --invalid=POLICY     invalid bytes: replace (default), drop, error\n"
	"  -o, --output=FILE        write to FILE instead of standard output\n"
	"  -i, --in-place[=SUFFIX]  rewrite each FILE, keeping a backup if SUFFIX\n"
	"  -z, --null-data          documents end with NUL, in and out\n"
	"      --jsonl[=FIELD]      clean string member FIELD (default text) of\n"
	"                           each JSON Lines record\n"
	"      --on-error=POLICY    bad records: pass (default), skip, fail\n"
	"      --drop-empty         leave out records whose text became empty\n"
	"      --max-line=BYTES     longer lines skip the rules (default 64M)\n"
	"      --line-buffered      flush the output after every line\n"
	"\n"
	"Normalization and structure:\n"
	"      --normalize=FORM     nfc (default), nfd, nfkc, nfkd, none\n"
	"      --no-entities        do not decode HTML entities\n"
	"      --ascii-quotes       curly quotes become ASCII quotes\n"
	"      --mojibake=MODE      UTF-8 misread as windows-1252 or -1251:\n"
	"                           fix (default), keep\n"
	"      --dedupe=MODE        consecutive (default), document, off\n"
	"      --blank-lines=N      keep at most N blank lines in a row (0-9)\n"
	"\n"
	"Reporting:\n"
	"  -s, --stats[=FORMAT]     print counts to stderr: text (default), json\n"
	"      --explain            print each change and its rule to stderr\n"
	"      --progress           show a status line on stderr (a terminal only)\n"
	"  -j, --jobs=N             clean with N threads (0: one per processor)\n"
	"\n"
	"Learning (print proposed drop rules instead of the cleaned text):\n"
	"      --learn              count in how many documents each line occurs\n"
	"      --learn-memory=MIB   memory bound of --learn (default 64)\n"
	"      --min-docs=N         propose lines in N documents or more (default 20)\n"
	"      --min-share=P        and in P percent of them or more (default 0.5)\n"
	"      --max-words=N        longer sentences only for review (default 12)\n"
	"\n"
	"  -h, --help               print this help and exit\n"
	"  -V, --version            print the version and exit\n"
	"\n"
	"Exit status: 0 if all went well, 1 for an input or output problem,\n"
	"2 for a usage or rule error.  See newsclean(1) and newsclean-rules(5).\n";

void options_init(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->from_code = "UTF-8";
	o->invalid = INVALID_REPLACE;
	o->mode = MODE_PLAIN;
	o->jsonl_field = "text";
	o->on_error = ON_ERROR_PASS;
	settings_init(&o->flags);
	o->max_line = (size_t)64 << 20;
	o->stats = STATS_NONE;
	o->buffer_size = 1 << 17;
	o->jobs = 1;
	o->learn_memory = 64;
	o->min_docs = 20;
	o->min_share = 500;
	o->max_words = 12;
}

void options_fini(struct options *o)
{
	free(o->rules);
	o->rules = NULL;
	o->n_rules = 0;
}

void options_help(FILE *f)
{
	options_usage(f);
	fputs(help_text, f);
}

static int fail(char *msg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail(char *msg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, OPTIONS_MSG_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

/* Index of arg in the NULL-terminated words, or -1. */
static int pick(const char *arg, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(arg, words[i]) == 0)
			return i;
	return -1;
}

static int pick_or_fail(const char *opt, const char *arg,
			const char *const *words, int *out, char *msg)
{
	int k = pick(arg, words);
	if (k >= 0) {
		*out = k;
		return 0;
	}
	const char *s = suggest(arg, strlen(arg), words);
	if (s)
		return fail(msg, "invalid argument '%s' for '--%s'; did you mean '%s'?",
			    arg, opt, s);
	return fail(msg, "invalid argument '%s' for '--%s'", arg, opt);
}

/* BYTES with an optional K, M or G suffix (powers of 1024). */
static int parse_size(const char *arg, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (errno || end == arg || arg[0] == '-')
		return -1;
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || v == 0 || v > (SIZE_MAX >> shift))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

/* A whole number in [min, max]. */
static int parse_count(const char *arg, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] < '0' || arg[0] > '9' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* A percentage from 0 to 100 with up to three decimals (a '%' may
 * follow), in thousandths; read by hand: no locale decides the point. */
static int parse_percent(const char *arg, uint32_t *out)
{
	const char *p = arg;
	uint64_t v = 0;
	int digits = 0, decimals = -1;

	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (decimals >= 0 && ++decimals > 3)
				return -1;
			v = v * 10 + (uint64_t)(*p - '0');
			if (++digits > 9)
				return -1;
		} else if (*p == '.' && decimals < 0 && digits) {
			decimals = 0;
		} else {
			break;
		}
	}
	if (!digits || decimals == 0 || (*p && strcmp(p, "%") != 0))
		return -1;
	for (int i = decimals < 0 ? 0 : decimals; i < 3; i++)
		v *= 10;
	if (v > 100000)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static const char *const norm_words[] = { "none", "nfc", "nfd", "nfkc", "nfkd", NULL };
static const char *const dedupe_words[] = { "consecutive", "document", "off", NULL };
static const char *const invalid_words[] = { "replace", "drop", "error", NULL };
static const char *const on_error_words[] = { "pass", "skip", "fail", NULL };
static const char *const stats_words[] = { "text", "json", NULL };
static const char *const mojibake_words[] = { "keep", "fix", NULL };

static void add_rule(struct options *o, bool is_file, const char *text)
{
	o->rules = xreallocarray(o->rules, o->n_rules + 1, sizeof *o->rules);
	o->rules[o->n_rules++] = (struct options_rule){ is_file, text };
}

static int unknown_option(const char *arg, int opt, char *msg)
{
	if (opt != 0 && arg[0] == '-' && arg[1] == '-')
		return fail(msg, "option '%.*s' doesn't allow an argument",
			    (int)strcspn(arg, "="), arg);
	if (arg[0] == '-' && arg[1] == '-') {
		const char *name = arg + 2;
		size_t n = strcspn(name, "=");
		const char *names[sizeof longopts / sizeof *longopts];
		size_t k = 0;
		for (const struct option *lo = longopts; lo->name; lo++)
			if (lo->val != OPT_BUFFER_SIZE)
				names[k++] = lo->name;
		names[k] = NULL;
		const char *s = suggest(name, n, names);
		if (s)
			return fail(msg, "unrecognized option '%.*s'; did you mean '--%s'?",
				    (int)(n + 2), arg, s);
		return fail(msg, "unrecognized option '%.*s'", (int)(n + 2), arg);
	}
	return fail(msg, "invalid option -- '%c'", opt);
}

static int parse_one(struct options *o, int c, const char *arg, char *msg)
{
	int k;

	switch (c) {
	case 'r': add_rule(o, true, arg); break;
	case 'e': add_rule(o, false, arg); break;
	case 'R': o->no_default_rules = true; break;
	case OPT_LIST_RULES: o->list_rules = true; break;
	case OPT_CHECK_RULES: o->check_rules = true; break;
	case 'f':
		if (charset_is_auto(arg) && charset_cannot_detect())
			return fail(msg, "'--from-code=auto' needs uchardet, and %s",
				    charset_cannot_detect());
		o->from_code = arg;
		break;
	case OPT_INVALID:
		if (pick_or_fail("invalid", arg, invalid_words, &k, msg))
			return -1;
		o->invalid = (enum invalid_policy)k;
		break;
	case 'o': o->output = arg; break;
	case 'i':
		o->in_place = true;
		o->in_place_suffix = arg && *arg ? arg : NULL;
		break;
	case 'z': o->mode = MODE_NUL; break;
	case OPT_JSONL:
		o->mode = MODE_JSONL;
		if (arg) {
			if (!*arg)
				return fail(msg, "empty field name for '--jsonl'");
			o->jsonl_field = arg;
		}
		break;
	case OPT_ON_ERROR:
		if (pick_or_fail("on-error", arg, on_error_words, &k, msg))
			return -1;
		o->on_error = (enum on_error)k;
		break;
	case OPT_DROP_EMPTY: o->drop_empty = true; break;
	case OPT_NORMALIZE:
		if (pick_or_fail("normalize", arg, norm_words, &k, msg))
			return -1;
		o->flags.normalize = (enum norm_form)k;
		o->flags.given[SET_NORMALIZE] = true;
		break;
	case OPT_NO_ENTITIES:
		o->flags.entities = false;
		o->flags.given[SET_ENTITIES] = true;
		break;
	case OPT_DEDUPE:
		if (pick_or_fail("dedupe", arg, dedupe_words, &k, msg))
			return -1;
		o->flags.dedupe = (enum dedupe_mode)k;
		o->flags.given[SET_DEDUPE] = true;
		break;
	case OPT_BLANK_LINES:
		if (arg[0] < '0' || arg[0] > '9' || arg[1])
			return fail(msg, "invalid argument '%s' for '--blank-lines'; expected 0 to 9", arg);
		o->flags.blank_lines = arg[0] - '0';
		o->flags.given[SET_BLANK_LINES] = true;
		break;
	case OPT_ASCII_QUOTES:
		o->flags.ascii_quotes = true;
		o->flags.given[SET_QUOTES] = true;
		break;
	case OPT_MOJIBAKE:
		if (pick_or_fail("mojibake", arg, mojibake_words, &k, msg))
			return -1;
		o->flags.mojibake_fix = k == 1;
		o->flags.given[SET_MOJIBAKE] = true;
		break;
	case OPT_MAX_LINE:
		if (parse_size(arg, &o->max_line))
			return fail(msg, "invalid argument '%s' for '--max-line'", arg);
		break;
	case 's':
		o->stats = STATS_TEXT;
		if (arg) {
			if (pick_or_fail("stats", arg, stats_words, &k, msg))
				return -1;
			o->stats = k == 0 ? STATS_TEXT : STATS_JSON;
		}
		break;
	case OPT_EXPLAIN: o->explain = true; break;
	case OPT_LINE_BUFFERED: o->line_buffered = true; break;
	case OPT_PROGRESS: o->progress = true; break;
	case 'j': {
		char *end;
		errno = 0;
		long v = strtol(arg, &end, 10);
		if (errno || end == arg || *end || v < 0 || v > 1024)
			return fail(msg, "invalid argument '%s' for '--jobs'; expected 0 to 1024", arg);
		o->jobs = v;
		break;
	}
	case OPT_LEARN: o->learn = true; break;
	case OPT_LEARN_MEMORY: {
		uint64_t v;
		if (parse_count(arg, 1, 1 << 20, &v))
			return fail(msg, "invalid argument '%s' for '--learn-memory'; expected "
				    "MiB from 1 to 1048576", arg);
		o->learn_memory = (size_t)v;
		break;
	}
	case OPT_MIN_DOCS:
		if (parse_count(arg, 1, UINT64_MAX / 100000, &o->min_docs))
			return fail(msg, "invalid argument '%s' for '--min-docs'; expected "
				    "a whole number from 1", arg);
		break;
	case OPT_MIN_SHARE:
		if (parse_percent(arg, &o->min_share))
			return fail(msg, "invalid argument '%s' for '--min-share'; expected "
				    "a percentage from 0 to 100", arg);
		break;
	case OPT_MAX_WORDS: {
		uint64_t v;
		if (parse_count(arg, 1, 1000, &v))
			return fail(msg, "invalid argument '%s' for '--max-words'; expected "
				    "1 to 1000", arg);
		o->max_words = (uint32_t)v;
		break;
	}
	case OPT_BUFFER_SIZE:
		if (parse_size(arg, &o->buffer_size))
			return fail(msg, "invalid argument '%s' for '--buffer-size'", arg);
		break;
	case 'h': o->help = true; break;
	case 'V': o->version = true; break;
	default:
		return fail(msg, "internal error: option %d", c);
	}
	return 0;
}

static int check_combinations(struct options *o, char *msg)
{
	if (o->learn && o->in_place)
		return fail(msg, "'--learn' and '--in-place' cannot be combined");
	if (o->in_place) {
		if (o->output)
			return fail(msg, "'--in-place' and '--output' cannot be combined");
		if (o->n_files == 0)
			return fail(msg, "'--in-place' needs at least one FILE");
		for (size_t i = 0; i < o->n_files; i++)
			if (strcmp(o->files[i], "-") == 0)
				return fail(msg, "'--in-place' cannot rewrite standard input");
	}
	return 0;
}

int options_parse(struct options *o, int argc, char **argv, char *msg)
{
	int c;

	msg[0] = '\0';
	opterr = 0;
	optind = 0; /* glibc: 0 also resets the state of a previous parse */
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == '?')
			return unknown_option(argv[optind - 1], optopt, msg);
		if (c == ':') {
			if (optopt >= 256 || optopt == 0)
				return fail(msg, "option '%s' requires an argument",
					    argv[optind - 1]);
			return fail(msg, "option requires an argument -- '%c'", optopt);
		}
		if (parse_one(o, c, optarg, msg))
			return -1;
	}
	o->files = argv + optind;
	o->n_files = (size_t)(argc - optind);
	return check_combinations(o, msg);
}
