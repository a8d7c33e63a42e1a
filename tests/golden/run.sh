#!/bin/sh
# run.sh -- golden tests: cases/NAME.in through newsclean must give NAME.out
# SPDX-License-Identifier: MIT
#
# For each cases/NAME.in: newsclean runs in cases/ with the arguments of
# NAME.args (one per line), plus "-r NAME.rules" when that file exists,
# reading NAME.in on standard input.  Standard output must equal NAME.out
# byte for byte; standard error must equal NAME.err when that exists (else
# be empty); the exit status must equal NAME.status (else 0).  TAP output.
: "${NEWSCLEAN:=$(pwd)/newsclean}"
: "${top_srcdir:=.}"
cases="$top_srcdir/tests/golden/cases"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

n=0 fail=0
total=$(ls "$cases"/*.in | wc -l)
echo "1..$total"
for in in "$cases"/*.in; do
	name=$(basename "$in" .in)
	n=$((n + 1))
	set --
	if [ -f "$cases/$name.args" ]; then
		while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < "$cases/$name.args"
	fi
	[ -f "$cases/$name.rules" ] && set -- "$@" -r "$name.rules"
	(cd "$cases" && "$NEWSCLEAN" "$@" < "$name.in" > "$tmp/out" 2> "$tmp/err")
	status=$?
	want_status=0
	[ -f "$cases/$name.status" ] && want_status=$(cat "$cases/$name.status")
	why=""
	[ "$status" = "$want_status" ] || why="exit status $status, expected $want_status"
	if [ -f "$cases/$name.out" ]; then
		cmp -s "$tmp/out" "$cases/$name.out" || why="$why${why:+; }stdout differs"
	elif [ -s "$tmp/out" ]; then
		why="$why${why:+; }unexpected stdout"
	fi
	if [ -f "$cases/$name.err" ]; then
		cmp -s "$tmp/err" "$cases/$name.err" || why="$why${why:+; }stderr differs"
	elif [ -s "$tmp/err" ]; then
		why="$why${why:+; }unexpected stderr"
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name"
	else
		fail=$((fail + 1))
		echo "not ok $n - $name: $why"
		[ -f "$cases/$name.out" ] && diff "$cases/$name.out" "$tmp/out" | head -20 | sed 's/^/#   /'
		[ -f "$cases/$name.err" ] && diff "$cases/$name.err" "$tmp/err" | head -10 | sed 's/^/#   /'
		[ -f "$cases/$name.err" ] || head -5 "$tmp/err" | sed 's/^/#   stderr: /'
	fi
done
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
