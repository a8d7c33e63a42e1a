#!/bin/sh
# hostile.sh -- rule files written to hurt: backtracking regexes, deep and
# cyclic includes, too many rules, huge sets; each ends with a clear message
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"

# a regex that backtracks without end stops at PCRE2's match limit: no match
# there, one warning for the rule however many lines hit it, the rest cleaned
printf 'sub /(\\w+\\s?)+$/ => X\n' > "$TMP/bt.rules"
perl -e 'for my $i (1..40) { print "term$i " x 40, "!\n" } print "a plain line\n"' > "$TMP/bt.txt"
"$NEWSCLEAN" -r "$TMP/bt.rules" "$TMP/bt.txt" > "$TMP/out" 2> "$TMP/err"
check "backtracking regex: status 0" [ $? -eq 0 ]
check "backtracking regex: one warning" [ "$(wc -l < "$TMP/err")" -eq 1 ]
printf 'newsclean: %s:1: warning: the regular expression hit the match limit on %s line 1; counted as no match there\n' \
	"$TMP/bt.rules" "$TMP/bt.txt" > "$TMP/want"
check "backtracking regex: the warning" cmp -s "$TMP/err" "$TMP/want"
check "backtracking regex: lines that hit the limit are kept" \
	[ "$(grep -c '^term' "$TMP/out")" -eq 40 ]
check "backtracking regex: the line it matches is changed" [ "$(tail -n 1 "$TMP/out")" = X ]

# includes nested deeper than 32 files
i=1
while [ $i -le 40 ]; do
	printf 'include d%d.rules\n' $((i + 1)) > "$TMP/d$i.rules"
	i=$((i + 1))
done
printf 'drop x\n' > "$TMP/d41.rules"
echo 'text' | "$NEWSCLEAN" -r "$TMP/d1.rules" > "$TMP/out" 2> "$TMP/err"
check "deep includes: status 2" [ $? -eq 2 ]
check "deep includes: nothing written" [ ! -s "$TMP/out" ]
check "deep includes: message" grep -q "d32.rules:1:9: error: includes nested deeper than 32" "$TMP/err"

# an include cycle
printf 'include cb.rules\n' > "$TMP/ca.rules"
printf 'drop y\ninclude ca.rules\n' > "$TMP/cb.rules"
echo 'text' | "$NEWSCLEAN" -r "$TMP/ca.rules" > "$TMP/out" 2> "$TMP/err"
check "include cycle: status 2" [ $? -eq 2 ]
check "include cycle: message" \
	grep -q "cb.rules:2:9: error: include cycle: '.*ca.rules' is already being read" "$TMP/err"

# a regex nested too deep for PCRE2 is a rule error, not a crash
perl -e 'print "sub /", "(" x 5000, "a", ")" x 5000, "/ => b\n"' > "$TMP/nest.rules"
echo 'text' | "$NEWSCLEAN" -r "$TMP/nest.rules" > "$TMP/out" 2> "$TMP/err"
check "deeply nested regex: status 2" [ $? -eq 2 ]
check "deeply nested regex: message" grep -q "nest.rules:1:.*error: invalid regular expression" "$TMP/err"

# a rule file that is not text: bad UTF-8 and a NUL byte are errors with places
printf 'drop ok\ndrop caf\351\nmap a\000b => c\n' > "$TMP/bin.rules"
echo 'text' | "$NEWSCLEAN" -r "$TMP/bin.rules" > "$TMP/out" 2> "$TMP/err"
check "binary rule file: status 2" [ $? -eq 2 ]
check "binary rule file: the bad UTF-8 line" grep -q "bin.rules:2:9: error: invalid UTF-8 in the rule" "$TMP/err"
check "binary rule file: the NUL line" grep -q "bin.rules:3:6: error: a NUL byte in the rule" "$TMP/err"

# one rule line of 4 MiB (a literal that long is fine, if useless)
perl -e 'print "drop ", "x" x (4 << 20), "\n"' > "$TMP/long.rules"
printf 'kept\n' | "$NEWSCLEAN" -r "$TMP/long.rules" > "$TMP/out" 2> "$TMP/err"
check "a 4 MiB rule: status 0" [ $? -eq 0 ]
check "a 4 MiB rule: text kept" [ "$(cat "$TMP/out")" = kept ]

# 100,000 map entries compile (the time is for the benchmark, not for a test)
perl -e 'for my $i (1..100000) { print "map Qzx${i}word => Mapped$i\n" }' > "$TMP/m100k.rules"
printf 'Qzx99999word and qzx5word.\n' | "$NEWSCLEAN" -r "$TMP/m100k.rules" > "$TMP/out" 2> "$TMP/err"
check "100,000 maps: status 0" [ $? -eq 0 ]
check "100,000 maps: applied" [ "$(cat "$TMP/out")" = "Mapped99999 and mapped5." ]

# more rules than a rule set may hold: one error, at the rule past the limit
perl -e 'for my $i (1..1000001) { print "drop r$i\n" }' > "$TMP/many.rules"
echo 'text' | "$NEWSCLEAN" -r "$TMP/many.rules" > "$TMP/out" 2> "$TMP/err"
check "too many rules: status 2" [ $? -eq 2 ]
check "too many rules: nothing written" [ ! -s "$TMP/out" ]
check "too many rules: one error" [ "$(grep -c 'error:' "$TMP/err")" -eq 1 ]
check "too many rules: message" grep -q "many.rules:[0-9]*:1: error: too many rules: a rule set holds at most 1000000" "$TMP/err"
finish
