#!/bin/sh
# shard.sh -- SPEC section 8: cleaning a JSONL corpus in shards (GNU parallel)
# gives the same bytes as one run
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
if ! parallel --version 2> /dev/null | grep -q 'GNU parallel'; then
	echo "1..0 # SKIP GNU parallel not installed"
	exit 77
fi
perl "$top_srcdir/tests/gen-jsonl.pl" 21000000 > "$TMP/corpus.jsonl"
size=$(wc -c < "$TMP/corpus.jsonl")
check "the corpus has at least 20 MB ($size bytes)" [ "$size" -ge 20000000 ]
"$NEWSCLEAN" --jsonl < "$TMP/corpus.jsonl" > "$TMP/one.jsonl" 2> "$TMP/one.err"
check "one run: status 1 (the corpus has bad records)" [ $? -eq 1 ]
parallel --will-cite --pipe -k --block 1M "$NEWSCLEAN" --jsonl \
	< "$TMP/corpus.jsonl" > "$TMP/sharded.jsonl" 2> "$TMP/sharded.err"
check "sharded: byte-identical output" cmp -s "$TMP/one.jsonl" "$TMP/sharded.jsonl"
# the messages name each shard's own line numbers; their count is the same
check "sharded: as many bad records reported" \
	[ "$(wc -l < "$TMP/one.err")" -eq "$(wc -l < "$TMP/sharded.err")" ]
differs() { ! cmp -s "$1" "$2"; }
check "cleaning changed the corpus" differs "$TMP/corpus.jsonl" "$TMP/one.jsonl"
finish
