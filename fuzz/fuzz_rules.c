/* fuzz_rules.c -- fuzz target: rule text -> parser -> compiler -> rules on a few lines */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "rules.h"
#include "rules_parse.h"
#include "scan.h"
#include "settings.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Lines that give the compiled matchers work: words the built-in and the
 * corpus rules name, spans that protect rules guard, URLs and hashtags that
 * map must leave alone, and a long run that backtracking regexes choke on.
 */
static const char *const lines[] = {
	"",
	"Officials in Kiev's city hall met the Kievan Rus scholars.",
	"KIEV-based reporters and kiev_news readers; Kiev2024 stays",
	"Odessa, Texas and Odessa on the coast; chicken Kiev for lunch",
	"Leave a Reply",
	"#KyivNotKiev #news",
	"https://example.org/Kiev?q=Zelenskiy and mail@kiev.example",
	"Prezydent Zelenskiy spoke with Zelenska in Kharkov.",
	"Caf\xc3\xa9 na\xc3\xafve \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 \xe2\x80\x94 \xf0\x9f\x99\x82 1732521600",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
};

/* The rules see normalized text only (stage 2 runs first), as in the filter. */
static void apply_all(const struct rules *r)
{
	struct rules_state st;
	struct normalize *nz = malloc(sizeof *nz);

	if (!nz)
		abort();
	normalize_init(nz, &r->settings);
	rules_state_init(&st, r);
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		const char *norm, *out;
		size_t nlen, outlen;
		bool changed;

		normalize_line(nz, lines[i], strlen(lines[i]), &norm, &nlen);
		/* text downstream of decode is valid UTF-8, also after a rule */
		int v = rules_apply(&st, norm, nlen, UTF8_CHARS_UNKNOWN, &out, &outlen, &changed);
		if (v == RULES_KEEP && !utf8_is_valid(out, outlen))
			abort();
		{
			/* the line given with the summary of its characters:
			 * the same result (out is set only for a kept line) */
			size_t keep_len = v == RULES_KEEP ? outlen : 0;
			char *keep = malloc(keep_len + 1);
			if (!keep)
				abort();
			if (keep_len)
				memcpy(keep, out, keep_len);
			if (rules_apply(&st, norm, nlen, utf8_chars(norm, nlen), &out, &outlen,
					&changed) != v ||
			    (v == RULES_KEEP && (outlen != keep_len || memcmp(out, keep, outlen))))
				abort();
			free(keep);
		}
	}
	rules_state_fini(&st);
	normalize_fini(nz);
	free(nz);
}

/*
 * A sub may rightly make a line longer by about its replacement's length
 * for each byte (sub /./ => 30 bytes), and chained subs multiply: four
 * such rules make a line of 80 bytes some 70 MB long, which is what they
 * say, not a bug, but a few MB already take the fuzzer seconds.  Rule
 * sets that could grow a line more than this are parsed and compiled only.
 */
enum { MAX_GROWTH = 1 << 12 };

static bool grows_little(const struct rule_list *rl)
{
	size_t growth = 1;

	for (size_t i = 0; i < rl->n; i++) {
		if (rl->v[i].verb != VERB_SUB)
			continue;
		growth *= rl->v[i].repl_len + 1;
		if (growth > MAX_GROWTH)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rule_list rl;
	struct rules r;
	struct settings flags;

	settings_init(&flags);
	rule_list_init(&rl);
	rule_list_parse_text(&rl, "fuzz.rules", (const char *)data, size);
	if (rules_compile(&r, &rl, &flags) == 0 && grows_little(&rl))
		apply_all(&r);
	rules_fini(&r);
	rule_list_fini(&rl);
	return 0;
}
