/* check_options.c -- unit tests: options (the command line) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_util.h"

#include "buf.h"
#include "options.h"
#include "settings.h"

/*
 * Each test parses into `o`, with its own copy of the arguments (getopt may
 * permute them, and o.files points into them); the fixture frees both.
 */
static struct options o;
static char msg[OPTIONS_MSG_MAX];
static char *argv_copy[64];
static int argc_copy;

static void setup(void)
{
	options_init(&o);
	memset(msg, 0, sizeof msg);
	argc_copy = 0;
}

static void free_args(void)
{
	for (int i = 0; i < argc_copy; i++)
		free(argv_copy[i]);
	argc_copy = 0;
}

static void teardown(void)
{
	options_fini(&o);
	free_args();
}

/* parse("-R", "--stats", NULL): the arguments after the program name. */
static int parse(const char *first, ...)
{
	va_list ap;
	const char *a;

	free_args();
	argv_copy[argc_copy++] = xstrdup("newsclean");
	va_start(ap, first);
	for (a = first; a; a = va_arg(ap, const char *)) {
		ck_assert_int_lt(argc_copy, 62);
		argv_copy[argc_copy++] = xstrdup(a);
	}
	va_end(ap);
	argv_copy[argc_copy] = NULL;
	return options_parse(&o, argc_copy, argv_copy, msg);
}

/* A fresh struct options (after a failed or earlier parse). */
static void renew(void)
{
	options_fini(&o);
	options_init(&o);
}

#define ck_assert_ok(rc) ck_assert_msg((rc) == 0, "rejected: %s", msg)
#define ck_assert_usage(rc)                                                      \
	do {                                                                     \
		ck_assert_int_eq((rc), -1);                                      \
		ck_assert_msg(msg[0] != '\0', "no message");                     \
	} while (0)
#define ck_assert_msg_has(s) ck_assert_msg(strstr(msg, (s)) != NULL, "message \"%s\" lacks \"%s\"", msg, (s))

START_TEST(test_defaults)
{
	ck_assert_ok(parse(NULL));
	ck_assert_uint_eq(o.n_rules, 0);
	ck_assert(!o.no_default_rules && !o.list_rules && !o.check_rules);
	ck_assert_str_eq(o.from_code, "UTF-8");
	ck_assert_int_eq(o.invalid, INVALID_REPLACE);
	ck_assert_ptr_null(o.output);
	ck_assert(!o.in_place);
	ck_assert_ptr_null(o.in_place_suffix);
	ck_assert_int_eq(o.mode, MODE_PLAIN);
	ck_assert_str_eq(o.jsonl_field, "text");
	ck_assert_int_eq(o.on_error, ON_ERROR_PASS);
	ck_assert(!o.drop_empty);
	ck_assert_int_eq(o.flags.normalize, NORM_NFC);
	ck_assert(o.flags.entities);
	ck_assert_int_eq(o.flags.dedupe, DEDUPE_CONSECUTIVE);
	ck_assert_int_eq(o.flags.blank_lines, 1);
	ck_assert(!o.flags.map_case_exact);
	ck_assert(!o.flags.ascii_quotes);
	for (int i = 0; i < SET_COUNT; i++)
		ck_assert(!o.flags.given[i]);
	ck_assert_uint_eq(o.max_line, (size_t)64 << 20);
	ck_assert_int_eq(o.stats, STATS_NONE);
	ck_assert(!o.explain && !o.line_buffered);
	ck_assert_uint_ge(o.buffer_size, 65536);
	ck_assert_int_eq(o.jobs, 1);
	ck_assert(!o.help && !o.version);
	ck_assert_uint_eq(o.n_files, 0);
	ck_assert_str_eq(msg, "");
}
END_TEST

START_TEST(test_rules_in_order)
{
	ck_assert_ok(parse("-r", "a.rules", "-e", "drop x", "--rules=b.rules", "--rule=map a => b",
			   "--rules", "c.rules", "--rule", "drop y", "-rd.rules", "-edrop z", NULL));
	static const struct {
		bool is_file;
		const char *text;
	} want[] = {
		{ true, "a.rules" }, { false, "drop x" }, { true, "b.rules" },
		{ false, "map a => b" }, { true, "c.rules" }, { false, "drop y" },
		{ true, "d.rules" }, { false, "drop z" },
	};
	ck_assert_uint_eq(o.n_rules, 8);
	for (size_t i = 0; i < 8; i++) {
		ck_assert_int_eq(o.rules[i].is_file, want[i].is_file);
		ck_assert_str_eq(o.rules[i].text, want[i].text);
	}
	ck_assert_uint_eq(o.n_files, 0);
}
END_TEST

/* Flags without an argument: each sets exactly its field. */
static const struct {
	const char *arg;
	int which;
} flag_rows[] = {
	{ "-R", 0 }, { "--no-default-rules", 0 }, { "--list-rules", 1 },
	{ "--check-rules", 2 }, { "-z", 3 }, { "--null-data", 3 }, { "--drop-empty", 4 },
	{ "--no-entities", 5 }, { "--ascii-quotes", 6 }, { "--explain", 7 },
	{ "--line-buffered", 8 }, { "-h", 9 }, { "--help", 9 }, { "-V", 10 },
	{ "--version", 10 },
};

START_TEST(test_flags)
{
	ck_assert_ok(parse(flag_rows[_i].arg, NULL));
	bool got[] = {
		o.no_default_rules, o.list_rules, o.check_rules, o.mode == MODE_NUL,
		o.drop_empty, !o.flags.entities, o.flags.ascii_quotes, o.explain,
		o.line_buffered, o.help, o.version,
	};
	for (int k = 0; k < (int)(sizeof got / sizeof *got); k++)
		ck_assert_msg(got[k] == (k == flag_rows[_i].which), "%s: field %d is %d",
			      flag_rows[_i].arg, k, got[k]);
	ck_assert(o.flags.given[SET_ENTITIES] == (flag_rows[_i].which == 5));
	ck_assert(o.flags.given[SET_QUOTES] == (flag_rows[_i].which == 6));
	ck_assert_uint_eq(o.n_files, 0);
}
END_TEST

START_TEST(test_grouped_short)
{
	ck_assert_ok(parse("-Rzs", "file", NULL));
	ck_assert(o.no_default_rules);
	ck_assert_int_eq(o.mode, MODE_NUL);
	ck_assert_int_eq(o.stats, STATS_TEXT);
	ck_assert_uint_eq(o.n_files, 1);
}
END_TEST

START_TEST(test_from_code)
{
	ck_assert_ok(parse("-f", "WINDOWS-1252", NULL));
	ck_assert_str_eq(o.from_code, "WINDOWS-1252");
	renew();
	ck_assert_ok(parse("--from-code=KOI8-R", NULL));
	ck_assert_str_eq(o.from_code, "KOI8-R");
	renew();
	ck_assert_ok(parse("-fISO-8859-2", NULL));
	ck_assert_str_eq(o.from_code, "ISO-8859-2");
	renew();
	ck_assert_ok(parse("--from-code", "UTF-16", NULL));
	ck_assert_str_eq(o.from_code, "UTF-16");
}
END_TEST

START_TEST(test_output)
{
	ck_assert_ok(parse("-o", "out.txt", "in.txt", NULL));
	ck_assert_str_eq(o.output, "out.txt");
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], "in.txt");
	renew();
	ck_assert_ok(parse("--output=x", NULL));
	ck_assert_str_eq(o.output, "x");
}
END_TEST

/* Words: --invalid, --on-error, --normalize, --dedupe, --stats. */
static const struct {
	const char *arg;
	int field;  /* 0 invalid, 1 on-error, 2 normalize, 3 dedupe, 4 stats */
	int value;
} word_rows[] = {
	{ "--invalid=replace", 0, INVALID_REPLACE },
	{ "--invalid=drop", 0, INVALID_DROP },
	{ "--invalid=error", 0, INVALID_ERROR },
	{ "--on-error=pass", 1, ON_ERROR_PASS },
	{ "--on-error=skip", 1, ON_ERROR_SKIP },
	{ "--on-error=fail", 1, ON_ERROR_FAIL },
	{ "--normalize=nfc", 2, NORM_NFC },
	{ "--normalize=nfd", 2, NORM_NFD },
	{ "--normalize=nfkc", 2, NORM_NFKC },
	{ "--normalize=nfkd", 2, NORM_NFKD },
	{ "--normalize=none", 2, NORM_NONE },
	{ "--dedupe=consecutive", 3, DEDUPE_CONSECUTIVE },
	{ "--dedupe=document", 3, DEDUPE_DOCUMENT },
	{ "--dedupe=off", 3, DEDUPE_OFF },
	{ "-s", 4, STATS_TEXT },
	{ "--stats", 4, STATS_TEXT },
	{ "--stats=text", 4, STATS_TEXT },
	{ "--stats=json", 4, STATS_JSON },
	{ "-sjson", 4, STATS_JSON },
	{ "-stext", 4, STATS_TEXT },
};

START_TEST(test_words)
{
	ck_assert_ok(parse(word_rows[_i].arg, NULL));
	int got[] = { (int)o.invalid, (int)o.on_error, (int)o.flags.normalize,
		      (int)o.flags.dedupe, (int)o.stats };
	ck_assert_int_eq(got[word_rows[_i].field], word_rows[_i].value);
	if (word_rows[_i].field == 2)
		ck_assert(o.flags.given[SET_NORMALIZE]);
	if (word_rows[_i].field == 3)
		ck_assert(o.flags.given[SET_DEDUPE]);
	ck_assert_uint_eq(o.n_files, 0);
}
END_TEST

/* An optional argument is only taken when attached. */
START_TEST(test_optional_not_detached)
{
	ck_assert_ok(parse("--stats", "json", NULL));
	ck_assert_int_eq(o.stats, STATS_TEXT);
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], "json");
	renew();
	ck_assert_ok(parse("-s", "json", NULL));
	ck_assert_int_eq(o.stats, STATS_TEXT);
	ck_assert_uint_eq(o.n_files, 1);
	renew();
	ck_assert_ok(parse("--jsonl", "body", NULL));
	ck_assert_str_eq(o.jsonl_field, "text");
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], "body");
}
END_TEST

static const struct {
	const char *arg;
	const char *suggestion; /* NULL: any message */
} bad_word_rows[] = {
	{ "--invalid=dorp", "did you mean 'drop'?" },
	{ "--invalid=eror", "did you mean 'error'?" },
	{ "--invalid=ignore", NULL },
	{ "--on-error=skipp", "did you mean 'skip'?" },
	{ "--normalize=nfx", "did you mean 'nf" },
	{ "--normalize=nfkcc", "did you mean 'nfkc'?" },
	{ "--normalize=nfkx", "did you mean 'nfk" },
	{ "--normalize=unicode", NULL },
	{ "--normalize=", NULL },
	{ "--dedupe=documnet", "did you mean 'document'?" },
	{ "--stats=jsno", "did you mean 'json'?" },
	{ "--stats=xml", NULL },
	{ "-sxml", NULL },
};

START_TEST(test_bad_words)
{
	ck_assert_usage(parse(bad_word_rows[_i].arg, NULL));
	const char *value = strchr(bad_word_rows[_i].arg, '=');
	if (value && value[1])
		ck_assert_msg_has(value + 1);
	if (bad_word_rows[_i].suggestion)
		ck_assert_msg_has(bad_word_rows[_i].suggestion);
	else
		ck_assert_msg(!strstr(msg, "did you mean"), "unexpected suggestion: %s", msg);
}
END_TEST

START_TEST(test_normalize_nfx_message)
{
	ck_assert_usage(parse("--normalize=nfx", NULL));
	ck_assert_msg(strcmp(msg, "invalid argument 'nfx' for '--normalize'; did you mean 'nfc'?") == 0 ||
			      strcmp(msg, "invalid argument 'nfx' for '--normalize'; did you mean 'nfd'?") == 0,
		      "message: %s", msg);
}
END_TEST

START_TEST(test_in_place)
{
	ck_assert_ok(parse("-i", "a.txt", NULL));
	ck_assert(o.in_place);
	ck_assert_ptr_null(o.in_place_suffix);
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], "a.txt");
	renew();
	ck_assert_ok(parse("-i.bak", "a.txt", "b.txt", NULL));
	ck_assert(o.in_place);
	ck_assert_str_eq(o.in_place_suffix, ".bak");
	ck_assert_uint_eq(o.n_files, 2);
	renew();
	ck_assert_ok(parse("--in-place=bak/*.orig", "a.txt", NULL));
	ck_assert_str_eq(o.in_place_suffix, "bak/*.orig");
	renew();
	ck_assert_ok(parse("--in-place", "a.txt", NULL));
	ck_assert(o.in_place);
	ck_assert_ptr_null(o.in_place_suffix);
	renew();
	/* detached: "-i .bak" rewrites a file named .bak */
	ck_assert_ok(parse("-i", ".bak", NULL));
	ck_assert_ptr_null(o.in_place_suffix);
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], ".bak");
}
END_TEST

START_TEST(test_in_place_rejected)
{
	ck_assert_usage(parse("-i", "-o", "out", "a.txt", NULL));
	renew();
	ck_assert_usage(parse("--in-place=.bak", "--output=out", "a.txt", NULL));
	renew();
	ck_assert_usage(parse("-i", NULL));
	renew();
	ck_assert_usage(parse("--in-place=.bak", NULL));
	renew();
	ck_assert_usage(parse("-i", "-", NULL));
	renew();
	ck_assert_usage(parse("-i", "a.txt", "-", NULL));
	renew();
	ck_assert_usage(parse("a.txt", "-", "-i.bak", NULL));
}
END_TEST

START_TEST(test_jsonl)
{
	ck_assert_ok(parse("--jsonl", NULL));
	ck_assert_int_eq(o.mode, MODE_JSONL);
	ck_assert_str_eq(o.jsonl_field, "text");
	renew();
	ck_assert_ok(parse("--jsonl=meta.body", NULL));
	ck_assert_int_eq(o.mode, MODE_JSONL);
	ck_assert_str_eq(o.jsonl_field, "meta.body");
	renew();
	ck_assert_usage(parse("--jsonl=", NULL));
}
END_TEST

static const struct {
	const char *arg;
	size_t bytes; /* 0: rejected */
} size_rows[] = {
	{ "--max-line=64K", 65536 },
	{ "--max-line=64k", 65536 },
	{ "--max-line=1M", 1048576 },
	{ "--max-line=1G", (size_t)1 << 30 },
	{ "--max-line=100", 100 },
	{ "--max-line=0", 0 },
	{ "--max-line=", 0 },
	{ "--max-line=K", 0 },
	{ "--max-line=-5", 0 },
	{ "--max-line=1.5M", 0 },
	{ "--max-line=10KB", 0 },
	{ "--max-line=abc", 0 },
	{ "--max-line=99999999999999999999999", 0 },
};

START_TEST(test_max_line)
{
	int rc = parse(size_rows[_i].arg, NULL);
	if (size_rows[_i].bytes) {
		ck_assert_ok(rc);
		ck_assert_uint_eq(o.max_line, size_rows[_i].bytes);
	} else {
		ck_assert_usage(rc);
		ck_assert_msg_has("max-line");
	}
}
END_TEST

START_TEST(test_blank_lines)
{
	char arg[32];

	snprintf(arg, sizeof arg, "--blank-lines=%d", _i);
	ck_assert_ok(parse(arg, NULL));
	ck_assert_int_eq(o.flags.blank_lines, _i);
	ck_assert(o.flags.given[SET_BLANK_LINES]);
}
END_TEST

START_TEST(test_blank_lines_rejected)
{
	static const char *const bad[] = {
		"--blank-lines=10", "--blank-lines=-1", "--blank-lines=", "--blank-lines=x",
		"--blank-lines=1x", "--blank-lines= 1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		renew();
		ck_assert_usage(parse(bad[i], NULL));
		ck_assert_msg_has("blank-lines");
		ck_assert(!o.flags.given[SET_BLANK_LINES]);
	}
}
END_TEST

START_TEST(test_jobs)
{
	ck_assert_ok(parse("-j", "4", NULL));
	ck_assert_int_eq(o.jobs, 4);
	renew();
	ck_assert_ok(parse("--jobs=0", NULL));
	ck_assert_int_eq(o.jobs, 0);
	renew();
	ck_assert_ok(parse("-j16", NULL));
	ck_assert_int_eq(o.jobs, 16);
	static const char *const bad[] = { "--jobs=-1", "--jobs=x", "--jobs=", "--jobs=2x",
					   "--jobs=99999999999999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		renew();
		ck_assert_usage(parse(bad[i], NULL));
		ck_assert_msg_has("jobs");
	}
}
END_TEST

START_TEST(test_buffer_size)
{
	ck_assert_ok(parse("--buffer-size=4K", NULL));
	ck_assert_uint_eq(o.buffer_size, 4096);
	renew();
	ck_assert_ok(parse("--buffer-size=1", NULL));
	ck_assert_uint_eq(o.buffer_size, 1);
	renew();
	ck_assert_usage(parse("--buffer-size=0", NULL));
}
END_TEST

/* Files and options mixed: getopt permutes the files to the end. */
static void check_files_among_options(void)
{
	ck_assert_ok(parse("a.txt", "-R", "b.txt", "-", NULL));
	ck_assert(o.no_default_rules);
	ck_assert_uint_eq(o.n_files, 3);
	ck_assert_str_eq(o.files[0], "a.txt");
	ck_assert_str_eq(o.files[1], "b.txt");
	ck_assert_str_eq(o.files[2], "-");
}

/* After "--" every argument is a file, even one that looks like an option. */
static void check_files_after_double_dash(void)
{
	ck_assert_ok(parse("--", "-R", "--stats", NULL));
	ck_assert(!o.no_default_rules);
	ck_assert_int_eq(o.stats, STATS_NONE);
	ck_assert_uint_eq(o.n_files, 2);
	ck_assert_str_eq(o.files[0], "-R");
	ck_assert_str_eq(o.files[1], "--stats");
}

START_TEST(test_files)
{
	check_files_among_options();
}
END_TEST

START_TEST(test_double_dash)
{
	check_files_after_double_dash();
}
END_TEST

START_TEST(test_last_wins)
{
	ck_assert_ok(parse("--normalize=nfd", "--normalize=nfkc", "--invalid=drop",
			   "--invalid=error", "-o", "a", "-o", "b", NULL));
	ck_assert_int_eq(o.flags.normalize, NORM_NFKC);
	ck_assert_int_eq(o.invalid, INVALID_ERROR);
	ck_assert_str_eq(o.output, "b");
}
END_TEST

START_TEST(test_unknown_options)
{
	ck_assert_usage(parse("--explian", NULL));
	ck_assert_msg_has("'--explian'");
	ck_assert_msg_has("did you mean '--explain'?");
	renew();
	ck_assert_usage(parse("--normalise=nfc", NULL));
	ck_assert_msg_has("did you mean '--normalize'?");
	renew();
	ck_assert_usage(parse("--dry-rnu", NULL));
	ck_assert_msg_has("--dry-rnu");
	renew();
	ck_assert_usage(parse("--frobnicate", NULL));
	ck_assert_msg_has("--frobnicate");
	ck_assert_msg(!strstr(msg, "did you mean"), "unexpected suggestion: %s", msg);
	renew();
	ck_assert_usage(parse("-q", NULL));
	ck_assert_msg_has("'q'");
	renew();
	/* the hidden option is never suggested */
	ck_assert_usage(parse("--buffer-sise=1", NULL));
	ck_assert_msg(!strstr(msg, "buffer-size"), "suggests a hidden option: %s", msg);
}
END_TEST

START_TEST(test_missing_argument)
{
	static const char *const bad[] = { "-r", "-e", "-f", "-o", "-j", "--rules",
					   "--invalid", "--normalize", "--max-line",
					   "--blank-lines", "--from-code" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		renew();
		ck_assert_usage(parse(bad[i], NULL));
		ck_assert_msg_has("requires an argument");
	}
}
END_TEST

/* A flag that takes no argument, given one: the message names the flag. */
START_TEST(test_unwanted_argument)
{
	static const char *const bad[] = { "--explain=yes", "--help=1", "--null-data=x",
					   "--ascii-quotes=on" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		renew();
		ck_assert_usage(parse(bad[i], NULL));
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(bad[i], "="), bad[i]);
		ck_assert_msg_has(name);
		for (const char *p = msg; *p; p++)
			ck_assert_msg((unsigned char)*p >= 0x20, "control byte in message: %s",
				      msg);
	}
}
END_TEST

/*
 * options_parse resets getopt itself: a parse that stopped inside a group
 * of short options ("-qR") leaves nothing behind for the next one.
 */
START_TEST(test_parse_twice)
{
	ck_assert_usage(parse("-qR", NULL));
	renew();
	ck_assert_ok(parse("file.txt", NULL));
	ck_assert_msg(!o.no_default_rules, "-R of the earlier parse leaked into this one");
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], "file.txt");
}
END_TEST

/* Two good parses: the permutation state of the first is not reused. */
START_TEST(test_parse_twice_permuted)
{
	check_files_among_options();
	renew();
	check_files_after_double_dash();
}
END_TEST

START_TEST(test_parse_twice_ok)
{
	ck_assert_ok(parse("-R", "--stats=json", "a", "b", "c", NULL));
	ck_assert_uint_eq(o.n_files, 3);
	renew();
	ck_assert_ok(parse("x", NULL));
	ck_assert(!o.no_default_rules);
	ck_assert_int_eq(o.stats, STATS_NONE);
	ck_assert_uint_eq(o.n_files, 1);
	ck_assert_str_eq(o.files[0], "x");
	renew();
	ck_assert_ok(parse("-z", NULL));
	ck_assert_int_eq(o.mode, MODE_NUL);
	ck_assert_uint_eq(o.n_files, 0);
}
END_TEST

START_TEST(test_help_text)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	options_help(f);
	fclose(f);
	static const char *const longs[] = {
		"--rules", "--rule", "--no-default-rules", "--list-rules", "--check-rules",
		"--from-code", "--invalid", "--output", "--in-place", "--null-data", "--jsonl",
		"--on-error", "--drop-empty", "--normalize", "--no-entities", "--dedupe",
		"--blank-lines", "--ascii-quotes", "--max-line", "--stats", "--explain",
		"--line-buffered", "--jobs", "--help", "--version",
	};
	for (size_t i = 0; i < sizeof longs / sizeof *longs; i++)
		ck_assert_msg(strstr(text, longs[i]), "--help lacks %s", longs[i]);
	ck_assert_msg(!strstr(text, "--buffer-size"), "--help shows the hidden option");
	ck_assert(strncmp(text, "Usage: newsclean ", 17) == 0);
	free(text);
}
END_TEST

static Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc;

	tc = tcase_create("accepted");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_rules_in_order);
	tcase_add_loop_test(tc, test_flags, 0, NROWS(flag_rows));
	tcase_add_test(tc, test_grouped_short);
	tcase_add_test(tc, test_from_code);
	tcase_add_test(tc, test_output);
	tcase_add_loop_test(tc, test_words, 0, NROWS(word_rows));
	tcase_add_test(tc, test_optional_not_detached);
	tcase_add_test(tc, test_in_place);
	tcase_add_test(tc, test_jsonl);
	tcase_add_loop_test(tc, test_max_line, 0, NROWS(size_rows));
	tcase_add_loop_test(tc, test_blank_lines, 0, 10);
	tcase_add_test(tc, test_jobs);
	tcase_add_test(tc, test_buffer_size);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_double_dash);
	tcase_add_test(tc, test_last_wins);
	tcase_add_test(tc, test_help_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("rejected");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_bad_words, 0, NROWS(bad_word_rows));
	tcase_add_test(tc, test_normalize_nfx_message);
	tcase_add_test(tc, test_in_place_rejected);
	tcase_add_test(tc, test_blank_lines_rejected);
	tcase_add_test(tc, test_unknown_options);
	tcase_add_test(tc, test_missing_argument);
	tcase_add_test(tc, test_unwanted_argument);
	suite_add_tcase(s, tc);

	tc = tcase_create("getopt-state");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_parse_twice);
	tcase_add_test(tc, test_parse_twice_permuted);
	tcase_add_test(tc, test_parse_twice_ok);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(options_suite());
}
