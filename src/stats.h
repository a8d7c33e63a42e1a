/* stats.h -- counters of a run and their report (--stats) */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_STATS_H
#define NEWSCLEAN_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "options.h"
#include "rules.h"

struct stats {
	uint64_t bytes_in, bytes_out;
	uint64_t lines_in, lines_out;
	uint64_t documents;
	uint64_t records_passed, records_skipped, records_failed;
	uint64_t mojibake_lines;  /* lines the mojibake repair changed */
};

/* Writes the report in the given format; hits has one count per rule;
 * charsets holds "NAME\tCHARSET\n" for each input of --from-code=auto. */
void stats_print(FILE *f, enum stats_format fmt, const struct stats *s,
		 const struct rule_list *rl, const uint64_t *hits,
		 const struct buf *charsets);

#endif
