/* settings.h -- the options that a rule file's `set` and a flag both control */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_SETTINGS_H
#define NEWSCLEAN_SETTINGS_H

#include <stdbool.h>

enum norm_form { NORM_NONE, NORM_NFC, NORM_NFD, NORM_NFKC, NORM_NFKD };
enum dedupe_mode { DEDUPE_CONSECUTIVE, DEDUPE_DOCUMENT, DEDUPE_OFF };

enum settings_id {
	SET_NORMALIZE,
	SET_ENTITIES,
	SET_DEDUPE,
	SET_BLANK_LINES,
	SET_MAP_CASE,
	SET_QUOTES,
	SET_MOJIBAKE,
	SET_COUNT
};

struct settings {
	enum norm_form normalize;
	bool entities;
	enum dedupe_mode dedupe;
	int blank_lines;
	bool map_case_exact;
	bool ascii_quotes;
	bool mojibake_fix;       /* --mojibake=fix */
	bool given[SET_COUNT]; /* set by a flag (options) or a `set` (rules) */
};

static inline void settings_init(struct settings *s)
{
	*s = (struct settings){ .normalize = NORM_NFC, .entities = true,
		.dedupe = DEDUPE_CONSECUTIVE, .blank_lines = 1, .mojibake_fix = true };
}

#endif
