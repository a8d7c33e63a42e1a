/* stats.c -- counters of a run and their report (--stats) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdbool.h>
#include <string.h>

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

/* Each "NAME\tCHARSET" line of charsets, in turn. */
static bool next_charset(const struct buf *cs, size_t *at, char *name, size_t nsz,
			 const char **charset, size_t *clen)
{
	if (*at >= cs->len)
		return false;
	const char *p = cs->p + *at;
	const char *tab = memchr(p, '\t', cs->len - *at);
	const char *nl = memchr(tab, '\n', (size_t)(cs->p + cs->len - tab));
	snprintf(name, nsz, "%.*s", (int)(tab - p), p);
	*charset = tab + 1;
	*clen = (size_t)(nl - tab - 1);
	*at = (size_t)(nl + 1 - cs->p);
	return true;
}

static void print_text(FILE *f, const struct stats *s, const struct rule_list *rl,
		       const uint64_t *hits, const struct buf *charsets)
{
	char name[4096];
	const char *cs;
	size_t cn, at = 0;

	fprintf(f, "bytes in: %llu\n", (unsigned long long)s->bytes_in);
	fprintf(f, "bytes out: %llu\n", (unsigned long long)s->bytes_out);
	fprintf(f, "lines in: %llu\n", (unsigned long long)s->lines_in);
	fprintf(f, "lines out: %llu\n", (unsigned long long)s->lines_out);
	fprintf(f, "documents: %llu\n", (unsigned long long)s->documents);
	fprintf(f, "records: %llu passed, %llu skipped, %llu failed\n",
		(unsigned long long)s->records_passed,
		(unsigned long long)s->records_skipped,
		(unsigned long long)s->records_failed);
	while (next_charset(charsets, &at, name, sizeof name, &cs, &cn))
		fprintf(f, "charset: %s: %.*s\n", name, (int)cn, cs);
	if (s->mojibake_lines)
		fprintf(f, "mojibake: %llu lines repaired\n",
			(unsigned long long)s->mojibake_lines);
	fputs("rules:\n", f);
	for (size_t i = 0; i < rl->n; i++)
		fprintf(f, "%8llu %s %s:%zu\n", (unsigned long long)hits[i],
			rule_verb_name(rl->v[i].verb), rl->v[i].loc.file, rl->v[i].loc.line);
}

static void print_json(FILE *f, const struct stats *s, const struct rule_list *rl,
		       const uint64_t *hits, const struct buf *charsets)
{
	char name[4096], csname[64];
	const char *cs;
	size_t cn, at = 0;

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
	if (charsets->len) {
		fputs("\"charsets\":[", f);
		for (bool first = true; next_charset(charsets, &at, name, sizeof name, &cs, &cn);
		     first = false) {
			snprintf(csname, sizeof csname, "%.*s", (int)cn, cs);
			fputs(first ? "{\"input\":" : ",{\"input\":", f);
			json_string(f, name);
			fputs(",\"charset\":", f);
			json_string(f, csname);
			fputc('}', f);
		}
		fputs("],", f);
	}
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
		 const struct rule_list *rl, const uint64_t *hits,
		 const struct buf *charsets)
{
	if (fmt == STATS_JSON)
		print_json(f, s, rl, hits, charsets);
	else if (fmt == STATS_TEXT)
		print_text(f, s, rl, hits, charsets);
}
