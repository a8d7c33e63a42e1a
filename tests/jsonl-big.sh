#!/bin/sh
# jsonl-big.sh -- a JSONL record of over 100 MB is cleaned whole, and the
# records around it are untouched
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
cd "$TMP" || exit 99
# TEST_LIGHT (make check-valgrind): a record of 11 MB instead of 110 MB
parts=4000000 min=104857600
[ -n "$TEST_LIGHT" ] && parts=400000 min=10485760
make_corpus() { # make_corpus NAME: the big record, with NAME written for Kiev
	perl -e '
		my ($name, $parts) = @ARGV;
		print "{\"id\":1,\"text\":\"Short record about $name.\"}\n";
		print "{\"id\":2, \"text\" : \"";
		print "Dispatch from $name, part $_.\\n" for 1 .. $parts;
		print "\", \"tail\":[1,2,3]}\r\n";
		print "{\"id\":3,\"text\":\"Last record.\"}\n";' "$1" $parts
}
make_corpus Kiev > big.jsonl
make_corpus Kyiv | sed "s/part \\($parts\\.\\)\\\\n\"/part \\1\"/" > want.jsonl
size=$(wc -c < big.jsonl)
check "the record is over $min bytes ($size)" [ "$size" -gt $min ]
"$NEWSCLEAN" --jsonl big.jsonl > out.jsonl 2> err
check "status 0" [ $? -eq 0 ]
check "quiet" [ ! -s err ]
check "cleaned whole, other bytes untouched" cmp -s out.jsonl want.jsonl
# with workers the record grows its batch (read straight into it) until it ends
"$NEWSCLEAN" --jsonl -j 2 big.jsonl > out2.jsonl 2> err
check "-j 2: status 0" [ $? -eq 0 ]
check "-j 2: the same bytes" cmp -s out.jsonl out2.jsonl
finish
