#!/bin/sh
# shard.sh -- SPEC section 8: cleaning a JSONL corpus with worker threads
# (-j 2, 3, 8, 0) or in shards (GNU parallel) gives the same bytes as one run
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
# TEST_LIGHT (make check-valgrind): 4 MB, 16 batches of 256 KiB, 4 shards
want=21000000
[ -n "$TEST_LIGHT" ] && want=4000000
perl "$top_srcdir/tests/gen-jsonl.pl" $want > "$TMP/corpus.jsonl"
size=$(wc -c < "$TMP/corpus.jsonl")
check "the corpus has at least $want bytes ($size)" [ "$size" -ge $want ]
"$NEWSCLEAN" --jsonl --stats=json < "$TMP/corpus.jsonl" > "$TMP/one.jsonl" 2> "$TMP/one.err"
check "one run: status 1 (the corpus has bad records)" [ $? -eq 1 ]

# worker threads: the same bytes, messages and counts for every -j
for j in 2 3 8 0; do
	"$NEWSCLEAN" --jsonl --stats=json -j $j < "$TMP/corpus.jsonl" > "$TMP/j.jsonl" 2> "$TMP/j.err"
	check "-j $j: status 1" [ $? -eq 1 ]
	check "-j $j: the same output as -j 1" cmp -s "$TMP/one.jsonl" "$TMP/j.jsonl"
	check "-j $j: the same messages and stats as -j 1" cmp -s "$TMP/one.err" "$TMP/j.err"
done
"$NEWSCLEAN" --jsonl --on-error=fail --stats=json -j 1 < "$TMP/corpus.jsonl" > "$TMP/f1.jsonl" 2> "$TMP/f1.err"
"$NEWSCLEAN" --jsonl --on-error=fail --stats=json -j 3 < "$TMP/corpus.jsonl" > "$TMP/f3.jsonl" 2> "$TMP/f3.err"
check "--on-error=fail -j 3: stops at the same record" cmp -s "$TMP/f1.jsonl" "$TMP/f3.jsonl"
# the counts of batches cleaned past the stop are not added
check "--on-error=fail -j 3: the same message and stats" cmp -s "$TMP/f1.err" "$TMP/f3.err"
# the --max-line warning is given once per input, not once per worker
head -c 3000000 "$TMP/corpus.jsonl" > "$TMP/part.jsonl"
"$NEWSCLEAN" --jsonl --max-line=300 -j 1 "$TMP/part.jsonl" "$TMP/part.jsonl" > "$TMP/m1.jsonl" 2> "$TMP/m1.err"
"$NEWSCLEAN" --jsonl --max-line=300 -j 3 "$TMP/part.jsonl" "$TMP/part.jsonl" > "$TMP/m3.jsonl" 2> "$TMP/m3.err"
check "--max-line -j 3: the same output" cmp -s "$TMP/m1.jsonl" "$TMP/m3.jsonl"
check "--max-line -j 3: the same messages" cmp -s "$TMP/m1.err" "$TMP/m3.err"
check "--max-line: one warning per input" [ "$(grep -c 'longer than' "$TMP/m3.err")" -eq 2 ]
sed -i '/"bytes_in"/d' "$TMP/one.err" # the stats line is not part of the sharded run

if ! parallel --version 2> /dev/null | grep -q 'GNU parallel'; then
	echo "# GNU parallel not installed: the sharding part is skipped"
	finish
	exit $?
fi
parallel --will-cite --pipe -k --block 1M "$NEWSCLEAN" --jsonl \
	< "$TMP/corpus.jsonl" > "$TMP/sharded.jsonl" 2> "$TMP/sharded.err"
check "sharded: byte-identical output" cmp -s "$TMP/one.jsonl" "$TMP/sharded.jsonl"
# the messages name each shard's own line numbers; their count is the same
check "sharded: as many bad records reported" \
	[ "$(wc -l < "$TMP/one.err")" -eq "$(wc -l < "$TMP/sharded.err")" ]
differs() { ! cmp -s "$1" "$2"; }
check "cleaning changed the corpus" differs "$TMP/corpus.jsonl" "$TMP/one.jsonl"
finish
