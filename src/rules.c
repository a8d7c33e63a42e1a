/* rules.c -- the compiled rule set: drop, map, sub and protect on one line */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "casefold.h"
#include "detect.h"
#include "normalize.h"
#include "rules.h"
#include "scan.h"
#include "utf8.h"

enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

/* ------------------------------------------------------------ compiling */

static void compile_error(struct rule_list *rl, const struct rule *r, size_t col,
			  const char *what, const char *arg)
{
	struct diag_loc loc = r->loc;
	loc.col = col;
	rule_list_error(rl, &loc, false, r->text, strlen(r->text), "%s%s%s",
			what, arg ? arg : "", arg && what[strlen(what) - 1] == '\'' ? "'" : "");
}

/* The literal normalized as text is (stage 2), valid until nz's next line;
 * NULL when it became empty. */
static const char *norm_lit(struct normalize *nz, const char *s, size_t n, size_t *outlen)
{
	const char *o;
	normalize_line(nz, s, n, &o, outlen);
	return *outlen ? o : NULL;
}

static void add_drop(struct rules *r, char *folded, size_t len, size_t rule)
{
	r->drops = xgrowarray(r->drops, r->n_drops, sizeof *r->drops);
	r->drops[r->n_drops++] = (struct rules_drop_lit){ folded, len,
		scan_hash_lower(folded, len, len), rule };
	if (len > r->drop_max)
		r->drop_max = len;
}

static void build_drop_table(struct rules *r)
{
	size_t cap = 16;
	while (cap < r->n_drops * 2)
		cap *= 2;
	r->drop_slots = xcalloc(cap, sizeof *r->drop_slots);
	r->drop_mask = cap - 1;
	r->drop_len = xcalloc(r->drop_max + 1, 1);
	for (size_t i = 0; i < r->n_drops; i++)
		r->drop_len[r->drops[i].len] = true;
	for (size_t i = 0; i < r->n_drops; i++) {
		size_t k = r->drops[i].hash & r->drop_mask;
		while (r->drop_slots[k])
			k = (k + 1) & r->drop_mask;
		r->drop_slots[k] = (uint32_t)(i + 1);
	}
}

static pcre2_code *compile_regex(struct rule_list *rl, const struct rule *r)
{
	/* \C matches one byte, and could cut a character in two: the text after
	 * a rule must stay valid UTF-8 (it is matched with PCRE2_NO_UTF_CHECK) */
	uint32_t opt = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
	int err;
	PCRE2_SIZE off;

	if (r->regex_flags & RULE_RE_CASELESS)
		opt |= PCRE2_CASELESS;
	if (r->regex_flags & RULE_RE_EXTENDED)
		opt |= PCRE2_EXTENDED;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)r->regex, r->regex_len, opt,
					 &err, &off, NULL);
	if (!code && err == PCRE2_ERROR_HEAP_FAILED)
		xalloc_die();
	if (!code) {
		char msg[256];
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, sizeof msg);
		size_t at = off < r->regex_len ? off : r->regex_len;
		/* every '/' of the regex was written "\/": one column more each */
		size_t slashes = 0;
		for (size_t i = 0; i < at; i++)
			slashes += r->regex[i] == '/';
		size_t col = r->loc.col + 1 + utf8_count(r->regex, at) + slashes;
		compile_error(rl, r, col, "invalid regular expression: ", msg);
		return NULL;
	}
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

static void add_part(struct rules_regex *x, int group, const char *lit, size_t len)
{
	if (group < 0 && len == 0)
		return;
	x->parts = xreallocarray(x->parts, x->n_parts + 1, sizeof *x->parts);
	x->parts[x->n_parts++] = (struct rules_repl_part){ group, lit, len };
}

/* Splits a sub replacement into literal text and group references. */
static int compile_repl(struct rule_list *rl, const struct rule *r, struct rules_regex *x)
{
	const char *s = r->repl, *end = r->repl + r->repl_len, *lit = s;
	uint32_t groups = 0;

	pcre2_pattern_info(x->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	while (s < end) {
		if (*s != '$') {
			s++;
			continue;
		}
		add_part(x, -1, lit, (size_t)(s - lit));
		size_t col = r->repl_col + utf8_count(r->repl, (size_t)(s - r->repl));
		if (s + 1 < end && s[1] == '$') {
			add_part(x, -1, s, 1);
			s += 2;
		} else if (s + 1 < end && s[1] >= '1' && s[1] <= '9') {
			int g = s[1] - '0';
			if ((uint32_t)g > groups) {
				char num[4] = { s[1], 0 };
				compile_error(rl, r, col, "no such group in the regular expression: $", num);
				return -1;
			}
			add_part(x, g, NULL, 0);
			s += 2;
		} else if (s + 1 < end && s[1] == '{') {
			const char *close = memchr(s, '}', (size_t)(end - s));
			if (!close) {
				compile_error(rl, r, col, "unterminated '${'; expected '}'", NULL);
				return -1;
			}
			char *name = xmemdup(s + 2, (size_t)(close - s - 2));
			int g = pcre2_substring_number_from_name(x->code, (PCRE2_SPTR)name);
			if (g < 0) {
				compile_error(rl, r, col, "no such group in the regular expression: '", name);
				free(name);
				return -1;
			}
			free(name);
			add_part(x, g, NULL, 0);
			s = close + 1;
		} else {
			compile_error(rl, r, col, "invalid '$' in replacement; expected $1-$9, ${name} or $$", NULL);
			return -1;
		}
		lit = s;
	}
	add_part(x, -1, lit, (size_t)(s - lit));
	return 0;
}

static void push_regex(struct rules_regex **v, size_t *n, pcre2_code *code,
		       const struct rule_list *rl, size_t rule)
{
	const struct rule *ru = &rl->v[rule];

	*v = xgrowarray(*v, *n, sizeof **v);
	struct rules_regex *x = &(*v)[(*n)++];
	*x = (struct rules_regex){ code, rule, NULL, 0, { 0 } };
	reqlit_find(&x->lit, ru->regex, ru->regex_len, ru->regex_flags & RULE_RE_CASELESS,
		    ru->regex_flags & RULE_RE_EXTENDED);
}

static void compile_drop(struct rules *r, struct rule_list *rl, struct normalize *nz, size_t i)
{
	const struct rule *ru = &rl->v[i];

	if (ru->kind == PAT_DETECTOR) {
		if (!r->det_on[ru->det]) {
			r->det_on[ru->det] = true;
			r->det_rule[ru->det] = i;
		}
	} else if (ru->kind == PAT_REGEX) {
		pcre2_code *c = compile_regex(rl, ru);
		if (c)
			push_regex(&r->drop_re, &r->n_drop_re, c, rl, i);
	} else {
		size_t n;
		const char *s = norm_lit(nz, ru->lits[0].s, ru->lits[0].len, &n);
		if (!s) {
			compile_error(rl, ru, ru->loc.col, "the literal is empty once normalized", NULL);
			return;
		}
		struct buf f;
		buf_init(&f);
		casefold_append(&f, s, n, NULL);
		add_drop(r, arena_dup(&r->strings, f.p, f.len), f.len, i);
		buf_fini(&f);
	}
}

static void compile_map(struct rules *r, struct rule_list *rl, struct normalize *nz, size_t i)
{
	const struct rule *ru = &rl->v[i];
	size_t rn = 0;
	char *repl = NULL;

	if (ru->repl_len) {
		const char *o;
		normalize_line(nz, ru->repl, ru->repl_len, &o, &rn);
		repl = arena_dup(&r->strings, o, rn);
	}
	r->map_entries[r->n_map_entries] = (struct rules_map_entry){ i, repl, rn };
	for (size_t k = 0; k < ru->n_lits; k++) {
		size_t n;
		const char *s = norm_lit(nz, ru->lits[k].s, ru->lits[k].len, &n);
		if (!s) {
			compile_error(rl, ru, ru->loc.col, "a literal is empty once normalized", NULL);
			continue;
		}
		mapper_add(&r->map, s, n, (int32_t)r->n_map_entries);
	}
	r->n_map_entries++;
}

static void compile_protect(struct rules *r, struct rule_list *rl, struct normalize *nz, size_t i)
{
	const struct rule *ru = &rl->v[i];

	if (ru->kind == PAT_REGEX) {
		pcre2_code *c = compile_regex(rl, ru);
		if (c)
			push_regex(&r->protect_re, &r->n_protect_re, c, rl, i);
		return;
	}
	size_t n;
	const char *s = norm_lit(nz, ru->lits[0].s, ru->lits[0].len, &n);
	if (!s) {
		compile_error(rl, ru, ru->loc.col, "the literal is empty once normalized", NULL);
		return;
	}
	mapper_add(&r->protect, s, n, (int32_t)i);
}

static void compile_sub(struct rules *r, struct rule_list *rl, size_t i)
{
	const struct rule *ru = &rl->v[i];
	pcre2_code *c = compile_regex(rl, ru);

	if (!c)
		return;
	push_regex(&r->subs, &r->n_subs, c, rl, i);
	if (compile_repl(rl, ru, &r->subs[r->n_subs - 1])) {
		struct rules_regex *x = &r->subs[--r->n_subs];
		pcre2_code_free(x->code);
		free(x->parts);
	}
}

static void effective_settings(struct settings *s, const struct settings *set,
			       const struct settings *flags)
{
	*s = *set;
	if (flags->given[SET_NORMALIZE]) s->normalize = flags->normalize;
	if (flags->given[SET_ENTITIES]) s->entities = flags->entities;
	if (flags->given[SET_DEDUPE]) s->dedupe = flags->dedupe;
	if (flags->given[SET_BLANK_LINES]) s->blank_lines = flags->blank_lines;
	if (flags->given[SET_QUOTES]) s->ascii_quotes = flags->ascii_quotes;
	if (flags->given[SET_MOJIBAKE]) s->mojibake_fix = flags->mojibake_fix;
	for (int k = 0; k < SET_COUNT; k++)
		s->given[k] = set->given[k] || flags->given[k];
}

/* Room in the two key sets and the map entries for rl's literals. */
static void reserve_keys(struct rules *r, const struct rule_list *rl)
{
	size_t maps = 0, keys[2] = { 0, 0 }, bytes[2] = { 0, 0 };

	for (size_t i = 0; i < rl->n; i++) {
		const struct rule *ru = &rl->v[i];
		int k = ru->verb == VERB_MAP ? 0 : 1;
		if (ru->verb != VERB_MAP && (ru->verb != VERB_PROTECT || ru->kind == PAT_REGEX))
			continue;
		maps += !k;
		keys[k] += ru->n_lits;
		for (size_t j = 0; j < ru->n_lits; j++)
			bytes[k] += ru->lits[j].len;
	}
	mapper_reserve(&r->map, keys[0], bytes[0]);
	mapper_reserve(&r->protect, keys[1], bytes[1]);
	r->map_entries = xreallocarray(r->map_entries, maps ? maps : 1, sizeof *r->map_entries);
}

int rules_compile(struct rules *r, struct rule_list *rl, const struct settings *flags)
{
	struct normalize nz;

	memset(r, 0, sizeof *r);
	arena_init(&r->strings);
	r->list = rl;
	effective_settings(&r->settings, &rl->settings, flags);
	mapper_init(&r->map, !r->settings.map_case_exact);
	mapper_init(&r->protect, true);
	normalize_init(&nz, &r->settings);
	reserve_keys(r, rl);
	for (size_t i = 0; i < rl->n; i++) {
		switch (rl->v[i].verb) {
		case VERB_DROP: compile_drop(r, rl, &nz, i); break;
		case VERB_MAP: compile_map(r, rl, &nz, i); break;
		case VERB_PROTECT: compile_protect(r, rl, &nz, i); break;
		case VERB_SUB: compile_sub(r, rl, i); break;
		}
	}
	normalize_fini(&nz);
	build_drop_table(r);
	mapper_build(&r->map);
	mapper_build(&r->protect);
	r->protect_within_map = mapper_sources_within(&r->protect, &r->map);
	r->source_chars = r->map.source_chars | r->protect.source_chars;
	return rl->fatal ? -1 : 0;
}

static void free_regexes(struct rules_regex *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		pcre2_code_free(v[i].code);
		free(v[i].parts);
	}
	free(v);
}

void rules_fini(struct rules *r)
{
	arena_fini(&r->strings);
	free(r->drops);
	free(r->drop_slots);
	free(r->drop_len);
	free_regexes(r->drop_re, r->n_drop_re);
	free_regexes(r->protect_re, r->n_protect_re);
	free_regexes(r->subs, r->n_subs);
	free(r->map_entries);
	mapper_fini(&r->map);
	mapper_fini(&r->protect);
	memset(r, 0, sizeof *r);
}

bool rules_is_empty(const struct rules *r)
{
	return r->list->n == 0;
}

/* ------------------------------------------------------------ applying */

void rules_state_init(struct rules_state *st, const struct rules *r)
{
	memset(st, 0, sizeof *st);
	st->r = r;
	st->md = pcre2_match_data_create(32, NULL);
	st->pmd = pcre2_match_data_create(32, NULL);
	st->mctx = pcre2_match_context_create(NULL);
	if (!st->md || !st->pmd || !st->mctx)
		xalloc_die();
	pcre2_set_match_limit(st->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(st->mctx, DEPTH_LIMIT);
	st->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (st->jit)
		pcre2_jit_stack_assign(st->mctx, NULL, st->jit);
	buf_init(&st->fold);
	buf_init(&st->a);
	buf_init(&st->b);
	mapper_scratch_init(&st->ms);
	mapper_scratch_init(&st->pms);
	size_t n = r->list->n;
	st->hits = xcalloc(n ? n : 1, sizeof *st->hits);
	st->warned = xcalloc(n ? n : 1, sizeof *st->warned);
}

void rules_state_fini(struct rules_state *st)
{
	pcre2_match_data_free(st->md);
	pcre2_match_data_free(st->pmd);
	pcre2_match_context_free(st->mctx);
	pcre2_jit_stack_free(st->jit);
	buf_fini(&st->fold);
	buf_fini(&st->a);
	buf_fini(&st->b);
	mapper_scratch_fini(&st->ms);
	mapper_scratch_fini(&st->pms);
	free(st->spans);
	free(st->hits);
	free(st->warned);
	memset(st, 0, sizeof *st);
}

static void changed(struct rules_state *st, size_t rule, const char *b, size_t bn,
		    const char *a, size_t an)
{
	st->hits[rule]++;
	if (st->on_change)
		st->on_change(st->ctx, rule, b, bn, a, an);
}

/*
 * pcre2_match from off; returns the match count, 0 for no match (also
 * when a limit was hit, with one warning per rule).  *lit_at is a place of
 * the expression's literal at or after an earlier off (SIZE_MAX: none
 * known): the search runs only where the literal is, and a loop over a
 * line's matches looks for it again only past that place.
 */
static int match_from(struct rules_state *st, pcre2_match_data *md,
		      const struct rules_regex *x, const char *p, size_t n, size_t off,
		      size_t *lit_at)
{
	if (*lit_at == SIZE_MAX || *lit_at < off) {
		size_t at = reqlit_at(&x->lit, p + off, n - off);
		if (at == SIZE_MAX)
			return 0;
		*lit_at = off + at;
	}
	int rc = pcre2_match(x->code, (PCRE2_SPTR)p, n, off, PCRE2_NO_UTF_CHECK,
			     md, st->mctx);
	if (rc > 0)
		return rc;
	if (rc != PCRE2_ERROR_NOMATCH && !st->warned[x->rule]) {
		st->warned[x->rule] = true;
		if (st->on_warn)
			st->on_warn(st->ctx, x->rule);
	}
	return 0;
}

static int match(struct rules_state *st, const struct rules_regex *x,
		 const char *p, size_t n, size_t off, size_t *lit_at)
{
	return match_from(st, st->md, x, p, n, off, lit_at);
}

/* key (folded) equals text; lower: text is ASCII still to be lowered */
static bool equal_folded(const char *key, const char *text, size_t n, bool lower)
{
	return lower ? scan_equal_lower(key, text, n) : memcmp(key, text, n) == 0;
}

static bool drop_literal(struct rules_state *st, const char *p, size_t n, size_t *rule)
{
	const struct rules *r = st->r;
	const char *f = p;
	size_t fn = n;

	if (!r->n_drops || n > 3 * r->drop_max)
		return false;
	/* ASCII is compared lowered on the fly; other text is folded first */
	bool ascii = p == st->ascii || scan_nonascii(p, n, 0) == n;
	if (!ascii) {
		buf_clear(&st->fold);
		casefold_append(&st->fold, p, n, NULL);
		f = st->fold.p;
		fn = st->fold.len;
	}
	if (fn > r->drop_max || !r->drop_len[fn])
		return false;
	uint64_t h = scan_hash_lower(f, fn, fn);
	for (size_t k = h & r->drop_mask; r->drop_slots[k]; k = (k + 1) & r->drop_mask) {
		const struct rules_drop_lit *d = &r->drops[r->drop_slots[k] - 1];
		if (d->hash == h && d->len == fn && equal_folded(d->s, f, fn, ascii)) {
			*rule = d->rule;
			return true;
		}
	}
	return false;
}

static bool drop_matches(struct rules_state *st, const char *p, size_t n, size_t *rule)
{
	const struct rules *r = st->r;

	if (drop_literal(st, p, n, rule))
		return true;
	if (r->det_on[DET_HASHTAGS] && n && p[0] == '#' && detect_hashtags(p, n)) {
		*rule = r->det_rule[DET_HASHTAGS];
		return true;
	}
	if (r->det_on[DET_EPOCH] && detect_epoch(p, n)) {
		*rule = r->det_rule[DET_EPOCH];
		return true;
	}
	if (r->det_on[DET_URL] && detect_url(p, n)) {
		*rule = r->det_rule[DET_URL];
		return true;
	}
	for (size_t i = 0; i < r->n_drop_re; i++) {
		size_t lit_at = SIZE_MAX;
		if (match(st, &r->drop_re[i], p, n, 0, &lit_at)) {
			*rule = r->drop_re[i].rule;
			return true;
		}
	}
	return false;
}

static void add_span(struct rules_state *st, size_t s, size_t e, size_t rule)
{
	if (s == e)
		return;
	if (st->n_spans == st->cap_spans) {
		st->cap_spans = st->cap_spans ? st->cap_spans * 2 : 8;
		st->spans = xreallocarray(st->spans, st->cap_spans, sizeof *st->spans);
	}
	st->spans[st->n_spans++] = (struct rules_span){ s, e, rule };
}

/* The spans of the protect regexes in p, found once per version of the line. */
static void find_spans(struct rules_state *st, const char *p, size_t n)
{
	const struct rules *r = st->r;

	if (st->spans_valid)
		return;
	st->spans_valid = true;
	st->n_spans = 0;
	if (!mapper_is_empty(&r->protect)) {
		if (p == st->plain || (p == st->unfolded && r->protect_within_map))
			mapper_prepare_unfolded(&r->protect, &st->pms, p, n);
		else
			mapper_prepare(&r->protect, &st->pms, p, n);
	}
	/* a literal the line lacks, and one it has (at its first place): the
	 * set's expressions often share one, and it is looked for once */
	const struct reqlit *absent = NULL, *present = NULL;
	size_t first = SIZE_MAX;
	for (size_t i = 0; i < r->n_protect_re; i++) {
		const struct reqlit *lit = &r->protect_re[i].lit;
		if (absent && reqlit_equal(lit, absent))
			continue;
		if (!(present && reqlit_equal(lit, present))) {
			if ((first = reqlit_at(lit, p, n)) == SIZE_MAX) {
				absent = lit;
				continue;
			}
			present = lit;
		}
		size_t off = 0, lit_at = first;
		while (off <= n &&
		       match_from(st, st->pmd, &r->protect_re[i], p, n, off, &lit_at)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->pmd);
			add_span(st, ov[0], ov[1], r->protect_re[i].rule);
			/* after an empty match, the next character: PCRE2 is told
			 * the text is valid UTF-8, and a start inside a character
			 * broke that (the JIT code read out of bounds) */
			if (ov[1] > ov[0])
				off = ov[1];
			else if (ov[1] < n)
				off = ov[1] + utf8_seqlen((unsigned char)p[ov[1]]);
			else
				break;
		}
	}
}

/*
 * Whether an occurrence of a protect literal overlaps [s, e).  Only the
 * occurrences that start close enough before s to reach it are looked for,
 * not every one in the line.
 */
static bool literal_protected(struct rules_state *st, const char *p, size_t s, size_t e)
{
	const struct mapper *m = &st->r->protect;
	size_t span = mapper_max_span(m, &st->pms);
	size_t from = s > span ? s - span : 0, ps, pe;
	int32_t v;

	while (mapper_find_in(m, &st->pms, from, e, &ps, &pe, &v)) {
		if (pe > s) {
			st->hits[v]++;
			return true;
		}
		from = ps + utf8_seqlen((unsigned char)p[ps]);
	}
	return false;
}

static bool is_protected(struct rules_state *st, const char *p, size_t n,
			 size_t s, size_t e)
{
	if (mapper_is_empty(&st->r->protect) && st->r->n_protect_re == 0)
		return false;
	find_spans(st, p, n);
	if (!mapper_is_empty(&st->r->protect) && literal_protected(st, p, s, e))
		return true;
	for (size_t i = 0; i < st->n_spans; i++) {
		if (s < st->spans[i].end && st->spans[i].start < e) {
			st->hits[st->spans[i].rule]++;
			return true;
		}
	}
	return false;
}

/* A match inside a URL, an e-mail address, an @handle or a #hashtag. */
static bool is_guarded(const char *p, size_t n, size_t s, size_t e)
{
	if (s > 0 && (p[s - 1] == '#' || p[s - 1] == '@'))
		return true;
	size_t ts = s, te = e;
	while (ts > 0 && p[ts - 1] != ' ')
		ts--;
	while (te < n && p[te] != ' ')
		te++;
	const char *t = p + ts;
	size_t tn = te - ts;
	if (memchr(t, '@', tn))
		return true;
	for (size_t i = 0; i + 3 <= tn; i++)
		if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/')
			return true;
	while (tn > 0 && (*t == '(' || *t == '[' || *t == '"' || *t == '\'' || *t == '<')) {
		t++;
		tn--;
	}
	return tn >= 4 && (t[0] | 0x20) == 'w' && (t[1] | 0x20) == 'w' &&
	       (t[2] | 0x20) == 'w' && t[3] == '.';
}

enum shape { SHAPE_ASIS, SHAPE_UPPER, SHAPE_LOWER, SHAPE_TITLE };

static enum shape shape_of(const char *p, size_t n)
{
	size_t upper = 0, lower = 0;
	bool first_upper = false;

	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)p[i];
		bool up, low;
		if (b < 0x80) { /* most keys' text: no table to look up */
			up = b >= 'A' && b <= 'Z';
			low = b >= 'a' && b <= 'z';
			i++;
		} else {
			int32_t cp;
			i += utf8_decode(p + i, &cp);
			utf8proc_category_t c = utf8proc_category(cp);
			up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
			low = c == UTF8PROC_CATEGORY_LL;
		}
		if (up) {
			if (upper + lower == 0)
				first_upper = true;
			upper++;
		} else if (low) {
			lower++;
		}
	}
	if (upper && !lower)
		return SHAPE_UPPER;
	if (lower && !upper)
		return SHAPE_LOWER;
	if (first_upper && upper == 1)
		return SHAPE_TITLE;
	return SHAPE_ASIS;
}

static void put_shaped(struct buf *out, const char *s, size_t n, enum shape sh)
{
	if (sh == SHAPE_ASIS) {
		buf_append(out, s, n);
		return;
	}
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			bool up = sh == SHAPE_UPPER || (sh == SHAPE_TITLE && i == 0);
			buf_putc(out, (char)(up ? scan_upper(b) : sh == SHAPE_LOWER ? scan_lower(b) : b));
			i++;
			continue;
		}
		int32_t cp;
		size_t l = utf8_decode(s + i, &cp);
		int32_t to = cp;
		if (sh == SHAPE_UPPER || (sh == SHAPE_TITLE && i == 0))
			to = utf8proc_toupper(cp);
		else if (sh == SHAPE_LOWER)
			to = utf8proc_tolower(cp);
		if (to == cp)
			buf_append(out, s + i, l);
		else
			buf_put_utf8(out, to);
		i += l;
	}
}

/* The buffer that does not hold cur. */
static struct buf *other(struct rules_state *st, const char *cur)
{
	struct buf *b = cur == st->a.p ? &st->b : &st->a;
	buf_clear(b);
	buf_reserve(b, 1);
	return b;
}

static void apply_map(struct rules_state *st, const char **cur, size_t *n)
{
	const struct rules *r = st->r;
	const char *p = *cur;
	size_t len = *n, from = 0, last = 0, s, e;
	int32_t v;
	struct buf *dst = NULL;

	if (p == st->plain) /* no character of it folds to a key's */
		mapper_prepare_unfolded(&r->map, &st->ms, p, len);
	else
		mapper_prepare(&r->map, &st->ms, p, len);
	if (!st->ms.mapped)
		st->unfolded = p;
	while (mapper_find(&r->map, &st->ms, from, &s, &e, &v)) {
		if (is_guarded(p, len, s, e) || is_protected(st, p, len, s, e)) {
			from = s + utf8_seqlen((unsigned char)p[s]);
			continue;
		}
		const struct rules_map_entry *me = &r->map_entries[v];
		if (!dst) {
			dst = other(st, p);
			buf_clear(dst);
			if (s < st->kept)
				st->kept = s;
		}
		buf_append(dst, p + last, s - last);
		size_t at = dst->len;
		enum shape sh = r->settings.map_case_exact ? SHAPE_ASIS : shape_of(p + s, e - s);
		put_shaped(dst, me->repl, me->len, sh);
		changed(st, me->rule, p + s, e - s, dst->p + at, dst->len - at);
		last = from = e;
	}
	if (!dst)
		return;
	buf_append(dst, p + last, len - last);
	if (len - last < st->tail)
		st->tail = len - last;
	*cur = dst->p;
	*n = dst->len;
	st->spans_valid = false;
}

static void expand(struct rules_state *st, const struct rules_regex *x,
		   const char *p, struct buf *dst)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
	uint32_t pairs = pcre2_get_ovector_count(st->md);

	for (size_t i = 0; i < x->n_parts; i++) {
		const struct rules_repl_part *pt = &x->parts[i];
		if (pt->group < 0) {
			buf_append(dst, pt->lit, pt->len);
			continue;
		}
		uint32_t g = (uint32_t)pt->group;
		if (g < pairs && ov[2 * g] != PCRE2_UNSET)
			buf_append(dst, p + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
	}
}

static void apply_sub(struct rules_state *st, const struct rules_regex *x,
		      const char **cur, size_t *n)
{
	const char *p = *cur;
	size_t len = *n, off = 0, last = 0, lit_at = SIZE_MAX;
	struct buf *dst = NULL;

	while (off <= len && match(st, x, p, len, off, &lit_at)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
		size_t s = ov[0], e = ov[1];
		if (!is_protected(st, p, len, s, e)) {
			if (!dst) {
				dst = other(st, p);
				buf_clear(dst);
				if (s < st->kept)
					st->kept = s;
			}
			buf_append(dst, p + last, s - last);
			size_t at = dst->len;
			expand(st, x, p, dst);
			changed(st, x->rule, p + s, e - s, dst->p + at, dst->len - at);
			last = e;
		}
		if (e > s)
			off = e;
		else if (s < len)
			off = s + utf8_seqlen((unsigned char)p[s]);
		else
			break;
	}
	if (!dst)
		return;
	buf_append(dst, p + last, len - last);
	if (len - last < st->tail)
		st->tail = len - last;
	*cur = dst->p;
	*n = dst->len;
	st->spans_valid = false;
}

bool rules_act_on_empty(const struct rules *r)
{
	/* no key or detector matches an empty line: maps need a word */
	return r->n_drop_re || r->n_subs || (r->n_drops && r->drop_len[0]);
}

bool rules_drops(struct rules_state *st, const char *p, size_t len)
{
	size_t rule;

	st->ascii = st->plain = NULL;
	if (!drop_matches(st, p, len, &rule))
		return false;
	changed(st, rule, p, len, NULL, 0);
	return true;
}

int rules_apply(struct rules_state *st, const char *p, size_t len, uint64_t chars,
		const char **out, size_t *outlen, bool *was_changed)
{
	const struct rules *r = st->r;
	size_t rule;

	*was_changed = false;
	st->ascii = chars == 0 ? p : NULL;
	st->plain = (chars & r->source_chars) == 0 ? p : NULL;
	if (drop_matches(st, p, len, &rule)) {
		changed(st, rule, p, len, NULL, 0);
		return RULES_DROP;
	}
	st->spans_valid = false;
	st->unfolded = NULL;
	st->kept = st->tail = len;
	const char *cur = p;
	size_t n = len;
	if (!mapper_is_empty(&r->map))
		apply_map(st, &cur, &n);
	for (size_t i = 0; i < r->n_subs; i++)
		apply_sub(st, &r->subs[i], &cur, &n);
	*out = cur;
	*outlen = n;
	*was_changed = cur != p;
	return RULES_KEEP;
}
