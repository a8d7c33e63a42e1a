#!/bin/sh
# jobs.sh -- SPEC sections 6 and 7: plain mode, -z and --jsonl in another
# charset cleaned with worker threads give the same output, messages,
# --stats=json and exit status for every -j; so does every golden case at -j 3
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
# TEST_LIGHT (make check-valgrind): corpora of 1.5 MB, still 6 batches of
# 256 KiB for the workers, and every 4th golden case at -j 3
big=6000000 part=2500000 jsonl=4000000 every=1
[ -n "$TEST_LIGHT" ] && big=1500000 part=600000 jsonl=1000000 every=4
perl "$top_srcdir/tests/gen-text.pl" $big plain > "$TMP/plain.txt"
perl "$top_srcdir/tests/gen-text.pl" $big nul > "$TMP/docs.z"
head -c $part "$TMP/plain.txt" > "$TMP/part.txt"
size=$(wc -c < "$TMP/plain.txt")
check "the plain corpus has at least $big bytes ($size)" [ "$size" -ge $big ]
differs() { ! cmp -s "$1" "$2"; }

# same NAME INPUT ARGS...: -j 2, 3, 8 and 0 match -j 1 byte for byte
same() {
	_name=$1 _in=$2
	shift 2
	"$NEWSCLEAN" --stats=json -j 1 "$@" < "$_in" > "$TMP/one" 2> "$TMP/one.err"
	echo $? > "$TMP/one.status"
	check "$_name: cleaning changed the text" differs "$_in" "$TMP/one"
	for j in 2 3 8 0; do
		"$NEWSCLEAN" --stats=json -j $j "$@" < "$_in" > "$TMP/j" 2> "$TMP/j.err"
		echo $? > "$TMP/j.status"
		check "$_name -j $j: the same output" cmp -s "$TMP/one" "$TMP/j"
		check "$_name -j $j: the same messages and stats" cmp -s "$TMP/one.err" "$TMP/j.err"
		check "$_name -j $j: the same status" cmp -s "$TMP/one.status" "$TMP/j.status"
	done
}

same plain "$TMP/plain.txt"
# warnings given once: the first long line of the input, the first line
# where the regex hits its match limit
same "plain --max-line, a regex limit" "$TMP/plain.txt" --max-line=3000 \
	-e 'sub /(a+)+$/ => X'
grep -q 'line longer than 3000' "$TMP/one.err" && grep -q 'match limit' "$TMP/one.err"
check "plain: both warnings given" [ $? -eq 0 ]
same "plain --dedupe=document --blank-lines=0" "$TMP/plain.txt" \
	--dedupe=document --blank-lines=0
# stops at the first bad byte, two thirds in
same "plain --invalid=error" "$TMP/plain.txt" --invalid=error
check "plain --invalid=error: status 1" [ "$(cat "$TMP/one.status")" = 1 ]
same "plain -f ISO-8859-1" "$TMP/part.txt" -f ISO-8859-1 --invalid=error
same -z "$TMP/docs.z" -z
same "-z --max-line, a regex limit" "$TMP/docs.z" -z --max-line=3000 \
	-e 'sub /(a+)+$/ => X'
same "-z --dedupe=document" "$TMP/docs.z" -z --dedupe=document
# the document with the bad byte is dropped whole
same "-z --invalid=error" "$TMP/docs.z" -z --invalid=error
check "-z --invalid=error: a message" grep -q 'invalid byte sequence' "$TMP/one.err"

# --jsonl in another charset: the reading thread decodes, the workers clean;
# under --invalid=error the bad byte two thirds in ends the file
perl "$top_srcdir/tests/gen-jsonl.pl" $jsonl > "$TMP/c.jsonl"
perl -0777 -pe 'substr($_, int(length($_) * 2 / 3), 0) = "\x81"' \
	"$TMP/c.jsonl" > "$TMP/bad.jsonl"
same "--jsonl -f WINDOWS-1252" "$TMP/c.jsonl" --jsonl -f WINDOWS-1252
same "--jsonl -f WINDOWS-1252 --invalid=error" "$TMP/bad.jsonl" --jsonl \
	-f WINDOWS-1252 --invalid=error
check "--jsonl --invalid=error: a message" grep -q 'invalid byte sequence' "$TMP/one.err"

# several inputs: names, line numbers and the once-per-input warning
"$NEWSCLEAN" --max-line=3000 -j 1 "$TMP/part.txt" - "$TMP/part.txt" \
	< "$TMP/part.txt" > "$TMP/one" 2> "$TMP/one.err"
"$NEWSCLEAN" --max-line=3000 -j 3 "$TMP/part.txt" - "$TMP/part.txt" \
	< "$TMP/part.txt" > "$TMP/j" 2> "$TMP/j.err"
check "three inputs -j 3: the same output" cmp -s "$TMP/one" "$TMP/j"
check "three inputs -j 3: the same messages" cmp -s "$TMP/one.err" "$TMP/j.err"
check "three inputs: a warning for each" [ "$(wc -l < "$TMP/j.err")" -eq 3 ]

# in place
cp "$TMP/part.txt" "$TMP/a.txt"
"$NEWSCLEAN" -j 1 < "$TMP/part.txt" > "$TMP/one"
"$NEWSCLEAN" -i -j 2 "$TMP/a.txt"
check "-i -j 2: the same text as -j 1" cmp -s "$TMP/one" "$TMP/a.txt"

# every golden case (every 4th under TEST_LIGHT) gives its bytes at -j 3
cases="$top_srcdir/tests/golden/cases"
bad="" i=0 tried=0
for in in "$cases"/*.in; do
	name=$(basename "$in" .in)
	i=$((i + 1))
	[ $((i % every)) -eq 0 ] || continue
	tried=$((tried + 1))
	set --
	if [ -f "$cases/$name.args" ]; then
		while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < "$cases/$name.args"
	fi
	[ -f "$cases/$name.rules" ] && set -- "$@" -r "$name.rules"
	(cd "$cases" && "$NEWSCLEAN" -j 3 "$@" < "$name.in" > "$TMP/out" 2> "$TMP/err")
	status=$?
	want=0
	[ -f "$cases/$name.status" ] && want=$(cat "$cases/$name.status")
	ok=true
	[ "$status" = "$want" ] || ok=false
	if [ -f "$cases/$name.out" ]; then
		cmp -s "$TMP/out" "$cases/$name.out" || ok=false
	else
		[ -s "$TMP/out" ] && ok=false
	fi
	if [ -f "$cases/$name.err" ]; then
		cmp -s "$TMP/err" "$cases/$name.err" || ok=false
	else
		[ -s "$TMP/err" ] && ok=false
	fi
	$ok || bad="$bad $name"
done
check "$tried golden cases at -j 3:${bad:- all pass}" [ -z "$bad" ]
finish
