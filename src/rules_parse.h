/* rules_parse.h -- rule files to a list of parsed rules, with located errors */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_RULES_PARSE_H
#define NEWSCLEAN_RULES_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "options.h"
#include "settings.h"

/* A built-in rule set, embedded from rules/NAME.rules at build time. */
struct builtin_rule_set {
	const char *name;
	const char *text;
	size_t len;
};
extern const struct builtin_rule_set builtin_rule_sets[];

enum rule_verb { VERB_DROP, VERB_MAP, VERB_SUB, VERB_PROTECT };
enum pattern_kind { PAT_LITERAL, PAT_REGEX, PAT_DETECTOR };
enum detector { DET_HASHTAGS, DET_EPOCH, DET_URL };

struct rule_literal {
	char *s; /* as written (unescaped), before normalization */
	size_t len;
};

/* One rule; every string is owned by the rule list. */
struct rule {
	enum rule_verb verb;
	struct diag_loc loc;    /* loc.col: where the pattern starts */
	char *text;             /* the rule as written, trimmed */
	enum pattern_kind kind;
	enum detector det;
	struct rule_literal *lits; /* literal patterns (map: one or more) */
	size_t n_lits;
	char *regex;            /* PAT_REGEX source, with \/ made / */
	size_t regex_len;
	uint32_t regex_flags;   /* RULE_RE_* */
	char *repl;             /* map and sub */
	size_t repl_len;
	size_t repl_col;
};

enum { RULE_RE_CASELESS = 1, RULE_RE_EXTENDED = 2 };

struct rule_error {
	struct diag_loc loc;
	bool warning;
	char *msg;
	char *src; /* the offending line, or NULL */
	size_t src_len;
};

/* A rule set holds at most RULES_MAX rules (about 300 MiB of them). */
enum { RULES_MAX_ERRORS_PER_FILE = 20, RULES_MAX_INCLUDE_DEPTH = 32, RULES_MAX = 1000000 };

struct rule_list {
	struct rule *v;
	size_t n, cap;
	bool v_huge;              /* v came from huge_alloc */
	struct settings settings; /* from `set` lines; given[] marks them */
	char **names;             /* file names, owned */
	size_t n_names;
	struct rule_error *errors;
	size_t n_errors;
	bool fatal;               /* an error that stops the program */
	bool fatal_limit;         /* RULES_MAX was reached: reading stopped */
	struct arena strings;     /* the rules' texts, literals and arrays of them */
};

void rule_list_init(struct rule_list *rl);
void rule_list_fini(struct rule_list *rl);
/* Reads @default (unless -R), then every -r and -e, in order. */
void rule_list_load(struct rule_list *rl, const struct options *o);
/* Parses one rule text as if from file name (for tests). */
void rule_list_parse_text(struct rule_list *rl, const char *name,
			  const char *text, size_t len);
/* Records an error (used by the compiler too); src may be NULL. */
void rule_list_error(struct rule_list *rl, const struct diag_loc *loc,
		     bool warning, const char *src, size_t src_len,
		     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
const char *rule_verb_name(enum rule_verb v);

#endif
