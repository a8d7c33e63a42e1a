/* rules_parse.c -- rule files to a list of parsed rules, with located errors */
/* SPDX-License-Identifier: MIT */
/*
 * Overview.  A rule file is read whole and split into lines; each line that
 * is neither blank nor a comment is one rule: a verb, then what the verb
 * takes.  The parser only checks syntax and unescapes; normalizing literals
 * and compiling regexes is rules.c's job, once every `set` and flag is
 * known.  Errors carry FILE:LINE:COLUMN (COLUMN in code points from 1) and
 * the line itself; parsing goes on after an error, up to 20 per file, so
 * that one run reports them all.  `include` recurses with a stack of the
 * files being read, which finds cycles.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rules_parse.h"
#include "suggest.h"
#include "utf8.h"

static const char *const verb_names[] = { "drop", "map", "sub", "protect",
					  "include", "set", NULL };
static const char *const setting_names[] = { "normalize", "entities", "dedupe",
					     "blank-lines", "map-case", "quotes",
					     "mojibake", NULL };
static const char *const detector_names[] = { "hashtags", "epoch", "url", NULL };

enum { V_DROP, V_MAP, V_SUB, V_PROTECT, V_INCLUDE, V_SET };

struct include_frame {
	const char *id;
	const struct include_frame *up;
	int depth;
};

/* The line being parsed. */
struct parser {
	struct rule_list *rl;
	const char *name;   /* interned file name */
	const char *dir;    /* folder for relative includes; NULL: working folder */
	const struct include_frame *stack;
	const char *lp;     /* the whole line */
	size_t llen;
	size_t line;
	size_t errors;      /* in this file */
	struct buf tmp;     /* scratch for one pattern or replacement at a time */
};

const char *rule_verb_name(enum rule_verb v)
{
	return verb_names[v];
}

void rule_list_init(struct rule_list *rl)
{
	memset(rl, 0, sizeof *rl);
	settings_init(&rl->settings);
	arena_init(&rl->strings);
}

void rule_list_fini(struct rule_list *rl)
{
	arena_fini(&rl->strings);
	if (rl->v_huge)
		huge_free(rl->v, rl->cap * sizeof *rl->v);
	else
		free(rl->v);
	for (size_t i = 0; i < rl->n_names; i++)
		free(rl->names[i]);
	free(rl->names);
	for (size_t i = 0; i < rl->n_errors; i++) {
		free(rl->errors[i].msg);
		free(rl->errors[i].src);
	}
	free(rl->errors);
	memset(rl, 0, sizeof *rl);
}

static const char *intern(struct rule_list *rl, const char *name)
{
	for (size_t i = 0; i < rl->n_names; i++)
		if (strcmp(rl->names[i], name) == 0)
			return rl->names[i];
	rl->names = xgrowarray(rl->names, rl->n_names, sizeof *rl->names);
	rl->names[rl->n_names] = xstrdup(name);
	return rl->names[rl->n_names++];
}

void rule_list_error(struct rule_list *rl, const struct diag_loc *loc,
		     bool warning, const char *src, size_t src_len,
		     const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	size_t in_file = 0;

	if (!warning)
		rl->fatal = true;
	for (size_t i = 0; i < rl->n_errors; i++)
		in_file += rl->errors[i].loc.file == loc->file;
	if (in_file >= RULES_MAX_ERRORS_PER_FILE)
		return; /* every file reports its first 20 problems */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	rl->errors = xgrowarray(rl->errors, rl->n_errors, sizeof *rl->errors);
	struct rule_error *e = &rl->errors[rl->n_errors++];
	e->loc = *loc;
	e->warning = warning;
	e->msg = xstrdup(msg);
	e->src = src ? xmemdup(src, src_len) : NULL;
	e->src_len = src ? src_len : 0;
}

/* Column (code points from 1) of byte offset off in the current line. */
static size_t col_of(const struct parser *ps, const char *at)
{
	return 1 + utf8_count(ps->lp, (size_t)(at - ps->lp));
}

static int perr(struct parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int perr(struct parser *ps, const char *at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ps->errors++;
	if (ps->errors > RULES_MAX_ERRORS_PER_FILE)
		return -1;
	struct diag_loc loc = { ps->name, ps->line, col_of(ps, at) };
	rule_list_error(ps->rl, &loc, false, ps->lp, ps->llen, "%s", msg);
	return -1;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *trim_end(const char *p, const char *end)
{
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end;
}

static bool has_break(const char *s, size_t n)
{
	return memchr(s, '\n', n) || memchr(s, '\r', n);
}

/*
 * A double-quoted string at *pp (which points at '"'); the unescaped bytes
 * go to out, *pp moves past the closing quote.
 */
static int parse_quoted(struct parser *ps, const char **pp, const char *end,
			struct buf *out)
{
	const char *p = *pp + 1;

	buf_clear(out);
	while (p < end && *p != '"') {
		if (*p != '\\') {
			buf_putc(out, *p++);
			continue;
		}
		const char *esc = p;
		if (p + 1 >= end)
			return perr(ps, esc, "unterminated string; expected '\"'");
		switch (p[1]) {
		case '"': buf_putc(out, '"'); p += 2; continue;
		case '\\': buf_putc(out, '\\'); p += 2; continue;
		case 't': buf_putc(out, '\t'); p += 2; continue;
		case 'u': break;
		default:
			return perr(ps, esc, "unknown escape '\\%c' in string; expected \\\", \\\\, \\t or \\u{HEX}", p[1]);
		}
		if (p + 2 >= end || p[2] != '{')
			return perr(ps, esc, "expected '{' after '\\u'");
		p += 3;
		unsigned long cp = 0;
		int digits = 0;
		while (p < end && *p != '}') {
			int d = (*p >= '0' && *p <= '9') ? *p - '0' :
				((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f') ? (*p | 0x20) - 'a' + 10 : -1;
			if (d < 0 || ++digits > 6)
				return perr(ps, esc, "invalid \\u{HEX} escape; expected 1 to 6 hex digits");
			cp = cp * 16 + (unsigned long)d;
			p++;
		}
		if (p >= end || !digits)
			return perr(ps, esc, "invalid \\u{HEX} escape; expected 1 to 6 hex digits and '}'");
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return perr(ps, esc, "\\u{%lX} is not a character", cp);
		buf_put_utf8(out, (int32_t)cp);
		p++;
	}
	if (p >= end)
		return perr(ps, *pp, "unterminated string; expected '\"'");
	*pp = p + 1;
	return 0;
}

/* /REGEX/FLAGS at *pp; *pp moves past the flags. */
static int parse_regex(struct parser *ps, const char **pp, const char *end,
		       struct rule *r)
{
	const char *start = *pp, *p = start + 1;
	struct buf *re = &ps->tmp;

	buf_clear(re);
	while (p < end && *p != '/') {
		if (*p == '\\' && p + 1 < end) {
			if (p[1] != '/')
				buf_putc(re, '\\');
			buf_putc(re, p[1]);
			p += 2;
			continue;
		}
		buf_putc(re, *p++);
	}
	if (p >= end)
		return perr(ps, start, "unterminated regular expression; expected '/'");
	p++;
	uint32_t flags = 0;
	for (; p < end && *p != ' ' && *p != '\t'; p++) {
		if (*p == 'i')
			flags |= RULE_RE_CASELESS;
		else if (*p == 'x')
			flags |= RULE_RE_EXTENDED;
		else
			return perr(ps, p, "unknown regex flag '%c'; expected i or x", *p);
	}
	r->kind = PAT_REGEX;
	r->regex_len = re->len;
	r->regex = arena_dup(&ps->rl->strings, re->p, re->len);
	r->regex_flags = flags;
	*pp = p;
	return 0;
}

/* Adds literal s to r; its array doubles in the arena at each power of two. */
static void add_lit(struct parser *ps, struct rule *r, const struct buf *s)
{
	struct arena *a = &ps->rl->strings;
	size_t n = r->n_lits;

	if ((n & (n - 1)) == 0) {
		if (n > SIZE_MAX / 2 / sizeof *r->lits)
			xalloc_die();
		struct rule_literal *v = arena_alloc(a, (n ? 2 * n : 1) * sizeof *v);
		if (n)
			memcpy(v, r->lits, n * sizeof *v);
		r->lits = v;
	}
	r->lits[r->n_lits++] = (struct rule_literal){ arena_dup(a, s->p, s->len), s->len };
}

static int end_of(struct parser *ps, const char *p, const char *end, const char *what)
{
	p = skip_space(p, end);
	if (p < end)
		return perr(ps, p, "unexpected text after the %s", what);
	return 0;
}

static int end_of_rule(struct parser *ps, const char *p, const char *end)
{
	return end_of(ps, p, end, "pattern");
}

/* drop and protect: one pattern, to the end of the line. */
static int parse_pattern(struct parser *ps, const char *p, const char *end,
			 struct rule *r, bool detectors)
{
	struct buf *s = &ps->tmp;
	int rc = 0;

	if (p >= end)
		return perr(ps, p, "missing pattern after '%s'; expected a literal, \"string\", /regex/%s",
			    verb_names[r->verb], detectors ? " or @detector" : "");
	r->loc.col = col_of(ps, p);
	if (*p == '/') {
		if (parse_regex(ps, &p, end, r))
			return -1;
		return end_of_rule(ps, p, end);
	}
	if (*p == '@' && detectors) {
		const char *name = p + 1, *e = name;
		while (e < end && *e != ' ' && *e != '\t')
			e++;
		for (int i = 0; detector_names[i]; i++) {
			if ((size_t)(e - name) == strlen(detector_names[i]) &&
			    memcmp(name, detector_names[i], (size_t)(e - name)) == 0) {
				r->kind = PAT_DETECTOR;
				r->det = (enum detector)i;
				return end_of_rule(ps, e, end);
			}
		}
		const char *s2 = suggest(name, (size_t)(e - name), detector_names);
		if (s2)
			return perr(ps, p, "unknown detector '%.*s'; did you mean '@%s'?",
				    (int)(e - p), p, s2);
		return perr(ps, p, "unknown detector '%.*s'; expected @hashtags, @epoch or @url",
			    (int)(e - p), p);
	}
	if (*p == '@')
		return perr(ps, p, "a detector is not allowed in '%s'; expected a literal "
			    "(quote one that starts with '@') or /regex/", verb_names[r->verb]);
	r->kind = PAT_LITERAL;
	const char *start = p;
	buf_clear(s);
	if (*p == '"') {
		if (parse_quoted(ps, &p, end, s) || end_of_rule(ps, p, end))
			rc = -1;
	} else {
		buf_append(s, p, (size_t)(end - p));
	}
	if (!rc && has_break(s->p, s->len))
		rc = perr(ps, start, "a pattern may not contain a line break");
	if (!rc && s->len == 0)
		rc = perr(ps, start, "empty pattern");
	if (!rc)
		add_lit(ps, r, s);
	return rc;
}

/* REPLACEMENT after "=>": the rest, trimmed, or one quoted string. */
static int parse_repl(struct parser *ps, const char *p, const char *end, struct rule *r)
{
	struct buf *s = &ps->tmp;
	int rc = 0;

	p = skip_space(p, end);
	r->repl_col = col_of(ps, p);
	const char *start = p;
	buf_clear(s);
	if (p < end && *p == '"') {
		if (parse_quoted(ps, &p, end, s) || end_of_rule(ps, p, end))
			rc = -1;
	} else {
		buf_append(s, p, (size_t)(end - p));
	}
	if (!rc && has_break(s->p, s->len))
		rc = perr(ps, start, "a replacement may not contain a line break");
	if (!rc) {
		r->repl = arena_dup(&ps->rl->strings, s->p, s->len);
		r->repl_len = s->len;
	}
	return rc;
}

static int parse_map(struct parser *ps, const char *p, const char *end, struct rule *r)
{
	struct buf *s = &ps->tmp;

	r->kind = PAT_LITERAL;
	r->loc.col = col_of(ps, p);
	for (;;) {
		p = skip_space(p, end);
		const char *at = p;
		if (p < end && *p == '/')
			goto regex;
		if (p < end && *p == '"') {
			if (parse_quoted(ps, &p, end, s))
				return -1;
			p = skip_space(p, end);
		} else {
			const char *e = p;
			while (e < end && *e != '|' && !(e[0] == '=' && e + 1 < end && e[1] == '>'))
				e++;
			buf_clear(s);
			buf_append(s, p, (size_t)(trim_end(p, e) - p));
			p = e;
		}
		if (s->len == 0)
			return perr(ps, at, "empty literal in 'map'; expected text before '|' or '=>'");
		if (has_break(s->p, s->len))
			return perr(ps, at, "a pattern may not contain a line break");
		add_lit(ps, r, s);
		if (p < end && *p == '|') {
			p++;
			continue;
		}
		if (p + 1 < end && p[0] == '=' && p[1] == '>')
			break;
		return perr(ps, p, "expected '|' or '=>' after the literal");
	}
	return parse_repl(ps, p + 2, end, r);
regex:
	return perr(ps, p, "a regular expression is not allowed in 'map'; expected a literal "
		    "(quote one that starts with '/') or use 'sub'");
}

static int parse_sub(struct parser *ps, const char *p, const char *end, struct rule *r)
{
	r->loc.col = col_of(ps, p);
	if (p >= end || *p != '/')
		return perr(ps, p, "expected /REGEX/FLAGS after 'sub'");
	if (parse_regex(ps, &p, end, r))
		return -1;
	p = skip_space(p, end);
	if (!(p + 1 < end && p[0] == '=' && p[1] == '>'))
		return perr(ps, p, "expected '=>' and a replacement after the regex");
	return parse_repl(ps, p + 2, end, r);
}

static int set_value(struct parser *ps, int which, const char *v, size_t vn,
		     const char *at)
{
	static const char *const norm[] = { "none", "nfc", "nfd", "nfkc", "nfkd", NULL };
	static const char *const onoff[] = { "off", "on", NULL };
	static const char *const dedupe[] = { "consecutive", "document", "off", NULL };
	static const char *const mapcase[] = { "preserve", "exact", NULL };
	static const char *const quotes[] = { "keep", "ascii", NULL };
	static const char *const blank[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
	static const char *const mojibake[] = { "keep", "fix", NULL };
	static const char *const *const values[] = { norm, onoff, dedupe, blank, mapcase, quotes,
						     mojibake };
	static const char *const expect[] = {
		"nfc, nfd, nfkc, nfkd or none", "on or off", "consecutive, document or off",
		"0 to 9", "preserve or exact", "keep or ascii",
		"fix or keep" };
	const char *const *vals = values[which];
	struct settings *st = &ps->rl->settings;
	int k = -1;

	for (int i = 0; vals[i]; i++)
		if (strlen(vals[i]) == vn && memcmp(vals[i], v, vn) == 0)
			k = i;
	if (k < 0) {
		const char *s = which == SET_BLANK_LINES ? NULL : suggest(v, vn, vals);
		if (s)
			return perr(ps, at, "invalid value '%.*s' for '%s'; did you mean '%s'?",
				    (int)vn, v, setting_names[which], s);
		return perr(ps, at, "invalid value '%.*s' for '%s'; expected %s",
			    (int)vn, v, setting_names[which], expect[which]);
	}
	switch (which) {
	case SET_NORMALIZE: st->normalize = (enum norm_form)k; break;
	case SET_ENTITIES: st->entities = k == 1; break;
	case SET_DEDUPE: st->dedupe = (enum dedupe_mode)k; break;
	case SET_BLANK_LINES: st->blank_lines = k; break;
	case SET_MAP_CASE: st->map_case_exact = k == 1; break;
	case SET_QUOTES: st->ascii_quotes = k == 1; break;
	case SET_MOJIBAKE: st->mojibake_fix = k == 1; break;
	}
	st->given[which] = true;
	return 0;
}

static int parse_set(struct parser *ps, const char *p, const char *end)
{
	const char *name = p, *ne = p;

	while (ne < end && *ne != ' ' && *ne != '\t')
		ne++;
	if (name == ne)
		return perr(ps, p, "expected a setting name after 'set'");
	int which = -1;
	for (int i = 0; setting_names[i]; i++)
		if (strlen(setting_names[i]) == (size_t)(ne - name) &&
		    memcmp(setting_names[i], name, (size_t)(ne - name)) == 0)
			which = i;
	if (which < 0) {
		const char *s = suggest(name, (size_t)(ne - name), setting_names);
		if (s)
			return perr(ps, name, "unknown setting '%.*s'; did you mean '%s'?",
				    (int)(ne - name), name, s);
		return perr(ps, name, "unknown setting '%.*s'; expected normalize, entities, "
			    "dedupe, blank-lines, map-case, quotes or mojibake", (int)(ne - name), name);
	}
	const char *v = skip_space(ne, end);
	if (v >= end)
		return perr(ps, v, "expected a value after 'set %s'", setting_names[which]);
	const char *ve = v;
	while (ve < end && *ve != ' ' && *ve != '\t')
		ve++;
	if (set_value(ps, which, v, (size_t)(ve - v), v))
		return -1;
	return end_of(ps, ve, end, "value");
}

static void parse_text(struct rule_list *rl, const char *name, const char *dir,
		       const struct include_frame *stack, const char *text, size_t len);

static const struct builtin_rule_set *find_builtin(const char *name, size_t n)
{
	for (const struct builtin_rule_set *b = builtin_rule_sets; b->name; b++)
		if (strlen(b->name) == n && memcmp(b->name, name, n) == 0)
			return b;
	return NULL;
}

static int include_builtin(struct parser *ps, const char *at, const char *name, size_t n)
{
	const struct builtin_rule_set *b = find_builtin(name, n);
	if (!b) {
		const char *cands[16];
		size_t k = 0;
		for (const struct builtin_rule_set *s = builtin_rule_sets; s->name && k < 15; s++)
			cands[k++] = s->name;
		cands[k] = NULL;
		const char *s = suggest(name, n, cands);
		if (s)
			return perr(ps, at, "unknown rule set '@%.*s'; did you mean '@%s'?",
				    (int)n, name, s);
		return perr(ps, at, "unknown rule set '@%.*s'; expected @default, @artifacts, "
			    "@names-uk or @names-uk-ap", (int)n, name);
	}
	char id[128];
	snprintf(id, sizeof id, "@%s", b->name);
	for (const struct include_frame *f = ps->stack; f; f = f->up)
		if (strcmp(f->id, id) == 0)
			return perr(ps, at, "include cycle: '%s' is already being read", id);
	struct include_frame fr = { id, ps->stack, ps->stack ? ps->stack->depth + 1 : 1 };
	if (fr.depth > RULES_MAX_INCLUDE_DEPTH)
		return perr(ps, at, "includes nested deeper than %d", RULES_MAX_INCLUDE_DEPTH);
	parse_text(ps->rl, intern(ps->rl, id), NULL, &fr, b->text, b->len);
	return 0;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return xmemdup(path, (size_t)(slash - path) + (slash == path));
}

/* Reads the rule file at path (already joined); at/ps locate errors. */
static int load_file(struct rule_list *rl, struct parser *ps, const char *at,
		     const char *path, const struct include_frame *stack)
{
	struct buf text;
	char *real = realpath(path, NULL);
	const char *id = real ? real : path;

	for (const struct include_frame *f = stack; f; f = f->up) {
		if (strcmp(f->id, id) == 0) {
			free(real);
			return perr(ps, at, "include cycle: '%s' is already being read", path);
		}
	}
	struct include_frame fr = { id, stack, stack ? stack->depth + 1 : 1 };
	if (fr.depth > RULES_MAX_INCLUDE_DEPTH) {
		free(real);
		return perr(ps, at, "includes nested deeper than %d", RULES_MAX_INCLUDE_DEPTH);
	}
	buf_init(&text);
	int err = buf_read_file(&text, path);
	if (err) {
		buf_fini(&text);
		free(real);
		if (ps)
			return perr(ps, at, "cannot read '%s': %s", path, strerror(err));
		struct diag_loc loc = { intern(rl, path), 0, 0 };
		rule_list_error(rl, &loc, false, NULL, 0, "cannot read rule file: %s",
				strerror(err));
		return -1;
	}
	char *dir = dir_of(path);
	size_t skip = text.len >= 3 && memcmp(text.p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	parse_text(rl, intern(rl, path), dir, &fr, text.p ? text.p + skip : "", text.len - skip);
	free(dir);
	free(real);
	buf_fini(&text);
	return 0;
}

static int parse_include(struct parser *ps, const char *p, const char *end)
{
	struct buf s;
	int rc;

	if (p >= end)
		return perr(ps, p, "expected a PATH or @SET after 'include'");
	if (*p == '@') {
		const char *e = p + 1;
		while (e < end && *e != ' ' && *e != '\t')
			e++;
		if (end_of_rule(ps, e, end))
			return -1;
		return include_builtin(ps, p, p + 1, (size_t)(e - p - 1));
	}
	buf_init(&s);
	const char *at = p;
	if (*p == '"') {
		if (parse_quoted(ps, &p, end, &s) || end_of_rule(ps, p, end)) {
			buf_fini(&s);
			return -1;
		}
	} else {
		buf_append(&s, p, (size_t)(end - p));
	}
	struct buf path;
	buf_init(&path);
	if (ps->dir && s.len && s.p[0] != '/') {
		buf_append(&path, ps->dir, strlen(ps->dir));
		buf_putc(&path, '/');
	}
	buf_append(&path, s.p, s.len);
	rc = load_file(ps->rl, ps, at, buf_cstr(&path), ps->stack);
	buf_fini(&path);
	buf_fini(&s);
	return rc;
}

/*
 * Room for extra more rules.  An array of 1 MiB or more (some 8,000
 * rules) goes in huge pages (huge_alloc): 10,000 maps touched 300 small
 * pages for it, at about 19 us each on the machines measured.
 */
static void reserve_rules(struct rule_list *rl, size_t extra)
{
	if (rl->cap - rl->n >= extra)
		return;
	size_t cap = rl->n + extra;
	if (cap < 2 * rl->cap)
		cap = 2 * rl->cap;
	if (cap < 64)
		cap = 64;
	if (cap > SIZE_MAX / sizeof *rl->v)
		xalloc_die();
	size_t size = cap * sizeof *rl->v;
	struct rule *v = size >= (1 << 20) ? huge_alloc(size) : NULL;
	bool huge = v != NULL;
	if (!huge && !rl->v_huge) {
		rl->v = xreallocarray(rl->v, cap, sizeof *rl->v);
	} else {
		if (!huge)
			v = xreallocarray(NULL, cap, sizeof *v);
		if (rl->n)
			memcpy(v, rl->v, rl->n * sizeof *v);
		if (rl->v_huge)
			huge_free(rl->v, rl->cap * sizeof *rl->v);
		else
			free(rl->v);
		rl->v = v;
	}
	rl->v_huge = huge;
	rl->cap = cap;
}

static void push_rule(struct rule_list *rl, struct rule *r)
{
	reserve_rules(rl, 1);
	rl->v[rl->n++] = *r;
}

static void parse_line(struct parser *ps)
{
	const char *end = ps->lp + ps->llen;
	const char *p = skip_space(ps->lp, end);
	const char *verb = p, *ve = p;

	while (ve < end && *ve != ' ' && *ve != '\t')
		ve++;
	int v = -1;
	for (int i = 0; verb_names[i]; i++)
		if (strlen(verb_names[i]) == (size_t)(ve - verb) &&
		    memcmp(verb_names[i], verb, (size_t)(ve - verb)) == 0)
			v = i;
	if (v < 0) {
		const char *s = suggest(verb, (size_t)(ve - verb), verb_names);
		if (s)
			perr(ps, verb, "unknown verb '%.*s'; did you mean '%s'?",
			     (int)(ve - verb), verb, s);
		else
			perr(ps, verb, "unknown verb '%.*s'; expected drop, map, sub, protect, include or set",
			     (int)(ve - verb), verb);
		return;
	}
	p = skip_space(ve, end);
	if (v == V_INCLUDE) {
		parse_include(ps, p, end);
		return;
	}
	if (v == V_SET) {
		parse_set(ps, p, end);
		return;
	}
	struct rule r;
	memset(&r, 0, sizeof r);
	r.verb = (enum rule_verb)v;
	r.loc = (struct diag_loc){ ps->name, ps->line, col_of(ps, p) };
	int rc;
	switch (v) {
	case V_DROP: rc = parse_pattern(ps, p, end, &r, true); break;
	case V_PROTECT: rc = parse_pattern(ps, p, end, &r, false); break;
	case V_MAP: rc = parse_map(ps, p, end, &r); break;
	default: rc = parse_sub(ps, p, end, &r); break;
	}
	if (rc)
		return; /* what it copied stays in the arena until rule_list_fini */
	if (ps->rl->n == RULES_MAX) {
		perr(ps, verb, "too many rules: a rule set holds at most %d", RULES_MAX);
		ps->rl->fatal_limit = true; /* the rest is not read */
		return;
	}
	r.text = arena_dup(&ps->rl->strings, verb, (size_t)(end - verb));
	push_rule(ps->rl, &r);
}

static void parse_text(struct rule_list *rl, const char *name, const char *dir,
		       const struct include_frame *stack, const char *text, size_t len)
{
	struct parser ps = { .rl = rl, .name = name, .dir = dir, .stack = stack };
	const char *p = text, *end = text + len;
	size_t lines = 1;

	for (const char *nl = p; (nl = memchr(nl, '\n', (size_t)(end - nl))); nl++)
		lines++;
	/* a rule a line at most, and RULES_MAX in all */
	reserve_rules(rl, lines < RULES_MAX - rl->n ? lines : RULES_MAX - rl->n);
	buf_init(&ps.tmp);

	while (p < end && ps.errors <= RULES_MAX_ERRORS_PER_FILE && !rl->fatal_limit) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		ps.line++;
		if (le > p && le[-1] == '\r')
			le--;
		const char *s = skip_space(p, le);
		const char *e = trim_end(s, le);
		const char *start = p;
		p = nl ? nl + 1 : end;
		if (s == e || *s == '#')
			continue;
		/* columns count from the line's real start, indentation included */
		ps.lp = start;
		ps.llen = (size_t)(e - start);
		size_t bad;
		bool tr;
		size_t ok = utf8_valid_prefix(start, ps.llen, &bad, &tr);
		if (ok < ps.llen) {
			perr(&ps, start + ok, "invalid UTF-8 in the rule");
			continue;
		}
		const char *nul = memchr(start, '\0', ps.llen);
		if (nul) {
			perr(&ps, nul, "a NUL byte in the rule");
			continue;
		}
		parse_line(&ps);
	}
	buf_fini(&ps.tmp);
}

void rule_list_parse_text(struct rule_list *rl, const char *name,
			  const char *text, size_t len)
{
	parse_text(rl, intern(rl, name), NULL, NULL, text, len);
}

void rule_list_load(struct rule_list *rl, const struct options *o)
{
	size_t expr = 0;

	if (!o->no_default_rules)
		rule_list_parse_text(rl, "(built-in)", "include @default", 16);
	for (size_t i = 0; i < o->n_rules; i++) {
		const struct options_rule *or = &o->rules[i];
		if (or->is_file) {
			load_file(rl, NULL, NULL, or->text, NULL);
			continue;
		}
		char name[32];
		snprintf(name, sizeof name, "-e #%zu", ++expr);
		rule_list_parse_text(rl, name, or->text, strlen(or->text));
	}
}
