/* stats.c -- counters of a run and their report (--stats) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include "stats.h"

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void print_text(FILE *f, const struct stats *s, const struct rule_list *rl,
		       const uint64_t *hits)
{
	fprintf(f, "bytes in: %llu\n", (unsigned long long)s->bytes_in);
	fprintf(f, "bytes out: %llu\n", (unsigned long long)s->bytes_out);
	fprintf(f, "lines in: %llu\n", (unsigned long long)s->lines_in);
	fprintf(f, "lines out: %llu\n", (unsigned long long)s->lines_out);
	fprintf(f, "documents: %llu\n", (unsigned long long)s->documents);
	fprintf(f, "records: %llu passed, %llu skipped, %llu failed\n",
		(unsigned long long)s->records_passed,
		(unsigned long long)s->records_skipped,
		(unsigned long long)s->records_failed);
	if (s->mojibake_lines)
		fprintf(f, "mojibake: %llu lines repaired\n",
			(unsigned long long)s->mojibake_lines);
	fputs("rules:\n", f);
	for (size_t i = 0; i < rl->n; i++)
		fprintf(f, "%8llu %s %s:%zu\n", (unsigned long long)hits[i],
			rule_verb_name(rl->v[i].verb), rl->v[i].loc.file, rl->v[i].loc.line);
}

static void print_json(FILE *f, const struct stats *s, const struct rule_list *rl,
		       const uint64_t *hits)
{
	fprintf(f, "{\"bytes_in\":%llu,\"bytes_out\":%llu,\"lines_in\":%llu,"
		"\"lines_out\":%llu,\"documents\":%llu,\"records_bad\":%llu,"
		"\"records_passed\":%llu,\"records_skipped\":%llu,\"records_failed\":%llu,",
		(unsigned long long)s->bytes_in, (unsigned long long)s->bytes_out,
		(unsigned long long)s->lines_in, (unsigned long long)s->lines_out,
		(unsigned long long)s->documents,
		(unsigned long long)(s->records_passed + s->records_skipped + s->records_failed),
		(unsigned long long)s->records_passed,
		(unsigned long long)s->records_skipped,
		(unsigned long long)s->records_failed);
	if (s->mojibake_lines)
		fprintf(f, "\"mojibake_lines\":%llu,", (unsigned long long)s->mojibake_lines);
	fputs("\"rules\":[", f);
	for (size_t i = 0; i < rl->n; i++) {
		char origin[4096];
		snprintf(origin, sizeof origin, "%s:%zu", rl->v[i].loc.file, rl->v[i].loc.line);
		fputs(i ? ",{\"rule\":" : "{\"rule\":", f);
		json_string(f, origin);
		fprintf(f, ",\"verb\":\"%s\",\"hits\":%llu}", rule_verb_name(rl->v[i].verb),
			(unsigned long long)hits[i]);
	}
	fputs("]}\n", f);
}

void stats_print(FILE *f, enum stats_format fmt, const struct stats *s,
		 const struct rule_list *rl, const uint64_t *hits)
{
	if (fmt == STATS_JSON)
		print_json(f, s, rl, hits);
	else if (fmt == STATS_TEXT)
		print_text(f, s, rl, hits);
}
