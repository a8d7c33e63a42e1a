/* rules.h -- the compiled rule set: drop, map, sub and protect on one line */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_RULES_H
#define NEWSCLEAN_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mapper.h"
#include "reqlit.h"
#include "rules_parse.h"
#include "settings.h"
#include "utf8.h"

/*
 * struct rules is compiled once and then only read, so several threads
 * may share it; each thread applies it with its own struct rules_state.
 */
struct rules_repl_part {
	int group;         /* -1: the literal text */
	const char *lit;   /* points into the rule's repl */
	size_t len;
};

struct rules_regex {
	pcre2_code *code;
	size_t rule;
	struct rules_repl_part *parts; /* sub only */
	size_t n_parts;
	struct reqlit lit;  /* in every match: lines without it are skipped */
};

struct rules_drop_lit {
	char *s;           /* normalized and case-folded */
	size_t len;
	uint64_t hash;
	size_t rule;
};

struct rules_map_entry {
	size_t rule;
	char *repl;        /* normalized */
	size_t len;
};

struct rules {
	const struct rule_list *list; /* borrowed: rule texts and origins */
	struct arena strings;         /* drop literals, map replacements */
	struct settings settings;     /* effective: flags over `set` */
	struct rules_drop_lit *drops;
	size_t n_drops;
	uint32_t *drop_slots;         /* open addressing; 0 empty, else index + 1 */
	size_t drop_mask;
	size_t drop_max;              /* longest literal, in bytes */
	bool *drop_len;               /* [0..drop_max]: some literal has this length */
	bool det_on[3];
	size_t det_rule[3];
	struct rules_regex *drop_re;
	size_t n_drop_re;
	struct mapper map;
	struct rules_map_entry *map_entries;
	size_t n_map_entries;
	struct mapper protect;        /* values are rule indexes */
	bool protect_within_map;      /* its sources are the map's */
	uint64_t source_chars;        /* the map's and protect's sources' summary (utf8_chars) */
	struct rules_regex *protect_re;
	size_t n_protect_re;
	struct rules_regex *subs;
	size_t n_subs;
};

/* Called for every change; after is NULL when the line was dropped. */
typedef void rules_change_fn(void *ctx, size_t rule, const char *before, size_t bn,
			     const char *after, size_t an);
/* Called once per rule that hit PCRE2's match limits. */
typedef void rules_warn_fn(void *ctx, size_t rule);

struct rules_span {
	size_t start, end;
	size_t rule;
};

struct rules_state {
	const struct rules *r;
	pcre2_match_data *md;
	pcre2_match_data *pmd;  /* for protect regexes, so a sub keeps its groups */
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	struct buf fold, a, b;
	struct mapper_scratch ms, pms; /* map, protect */
	const char *unfolded;   /* the line, when it holds no map source */
	const char *ascii;      /* the line, when known to be ASCII */
	const char *plain;      /* the line, when known to hold no map or protect source */
	size_t kept;            /* after rules_apply: the bytes at the start of the
				 * line that no rule changed */
	size_t tail;            /* and those at its end */
	struct rules_span *spans;
	size_t n_spans, cap_spans;
	bool spans_valid;
	uint64_t *hits;    /* per rule of r->list */
	bool *warned;
	rules_change_fn *on_change;
	rules_warn_fn *on_warn;
	void *ctx;
};

enum { RULES_KEEP = 0, RULES_DROP = 1 };

/*
 * Compiles the parsed rules with the settings in force (flags win over
 * `set`); errors are added to rl.  Returns 0, or -1 when rl->fatal.
 */
int rules_compile(struct rules *r, struct rule_list *rl, const struct settings *flags);
void rules_fini(struct rules *r);
bool rules_is_empty(const struct rules *r);

void rules_state_init(struct rules_state *st, const struct rules *r);
void rules_state_fini(struct rules_state *st);
/*
 * Stages 3-5 on one normalized line.  Returns RULES_DROP, or RULES_KEEP
 * with *out a view of the line (p itself or a state buffer, valid until
 * the next call) and *changed telling whether a rule changed it.  chars:
 * the summary of p's characters (utf8_chars), or UTF8_CHARS_UNKNOWN; a
 * known one spares the stages looking for characters that fold to a key's.
 */
int rules_apply(struct rules_state *st, const char *p, size_t len, uint64_t chars,
		const char **out, size_t *outlen, bool *changed);
/* Stage 3 alone: true when a drop rule matches the normalized line. */
bool rules_drops(struct rules_state *st, const char *p, size_t len);
/* Whether some rule of r may drop or change an empty line (a regular
 * expression, or an empty drop literal); if not, empty lines need no
 * rules_apply. */
bool rules_act_on_empty(const struct rules *r);

#endif
