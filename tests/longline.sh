#!/bin/sh
# longline.sh -- a line longer than --max-line is cleaned in pieces, with
# bounded memory: the same text as when it is held whole, nothing lost
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"

# a 3 MB line of everything normalization looks at, between short lines
perl -e '
	my @w = ("word ", "Kiev ", "a&amp;b ", "&#8217;", "x&nbsp;y ", "  ", "\t", "tail  ",
		"e\xCC\x81 ", "\xE4\xB8\xAD\xE6\x96\x87", "\xE2\x80\x8B", "(p), ", "#tag ",
		"\xC2\xA0", "\xEF\xBC\xA1 ", "caf\xC3\xA9, ", "\xE2\x80\x9Cq\xE2\x80\x9D ");
	my $s = 12345;
	sub rnd { $s = ($s * 1103515245 + 12345) % 2147483648; int($s / 65536) % $_[0] }
	print "Before the long line, Kiev.\n";
	my $n = 0;
	while ($n < 3000000) { my $x = $w[rnd(scalar @w)]; print $x; $n += length $x }
	print "\nAfter it, Kiev.\n";
' > "$TMP/in"

# the reference: the line held whole (--max-line above it), rules off
"$NEWSCLEAN" -R --dedupe=off --max-line=1G "$TMP/in" > "$TMP/whole" 2> "$TMP/err"
check "reference: status 0" [ $? -eq 0 ]
sed -n 2p "$TMP/whole" > "$TMP/want"

for args in "--max-line=64K" "--max-line=100K -j 2" "--max-line=1M --normalize=nfkc"; do
	# shellcheck disable=SC2086
	"$NEWSCLEAN" $args "$TMP/in" > "$TMP/out" 2> "$TMP/err"
	check "$args: status 0" [ $? -eq 0 ]
	check "$args: three lines" [ "$(wc -l < "$TMP/out")" -eq 3 ]
	check "$args: short lines keep their rules" \
		[ "$(sed -n '1p;3p' "$TMP/out")" = "$(printf 'Before the long line, Kyiv.\nAfter it, Kyiv.')" ]
	if [ "${args#*nfkc}" = "$args" ]; then
		sed -n 2p "$TMP/out" > "$TMP/got"
		check "$args: the long line as when held whole" cmp -s "$TMP/got" "$TMP/want"
	fi
	lim=${args%% *}
	lim=${lim#--max-line=}
	bytes=$(($(echo "$lim" | sed 's/K$/*1024/; s/M$/*1048576/')))
	printf 'newsclean: %s:2: warning: line longer than %s bytes; rules not applied to it\n' \
		"$TMP/in" "$bytes" > "$TMP/wanterr"
	check "$args: one warning" cmp -s "$TMP/err" "$TMP/wanterr"
done
"$NEWSCLEAN" -R --dedupe=off --max-line=1G --normalize=nfkc "$TMP/in" | sed -n 2p > "$TMP/want"
"$NEWSCLEAN" --max-line=1M --normalize=nfkc "$TMP/in" 2> /dev/null | sed -n 2p > "$TMP/got"
check "nfkc: the long line as when held whole" cmp -s "$TMP/got" "$TMP/want"

# from a pipe, in reads of any size
cat "$TMP/in" | "$NEWSCLEAN" --max-line=64K 2> /dev/null | sed -n 2p > "$TMP/got"
"$NEWSCLEAN" -R --dedupe=off --max-line=1G "$TMP/in" | sed -n 2p > "$TMP/want"
check "from a pipe: the same" cmp -s "$TMP/got" "$TMP/want"

# a line given in pieces is never dropped as a repeat (it is written as it
# comes), and the line after it is compared with nothing
{ sed -n 2p "$TMP/in"; sed -n 2p "$TMP/in"; echo 'short'; echo 'short'; } > "$TMP/rep"
"$NEWSCLEAN" --max-line=64K "$TMP/rep" > "$TMP/out" 2> /dev/null
check "repeated long line: both written, the short repeat dropped" [ "$(wc -l < "$TMP/out")" -eq 3 ]

# no line end at the end of the file: the last piece is written with one
sed -n 2p "$TMP/in" | tr -d '\n' > "$TMP/noeol"
"$NEWSCLEAN" --max-line=64K "$TMP/noeol" > "$TMP/out" 2> /dev/null
check "no final line end: one line" [ "$(wc -l < "$TMP/out")" -eq 1 ]
check "no final line end: the text" cmp -s "$TMP/out" "$TMP/want"

# an invalid byte deep in the line under --invalid=error: what came before
# it is written, the line is ended, the next file is cleaned, status 1
{ sed -n 2p "$TMP/in" | head -c 500000; printf '\377 rest\n'; } > "$TMP/bad"
printf 'next file\n' > "$TMP/next"
"$NEWSCLEAN" --max-line=64K --invalid=error "$TMP/bad" "$TMP/next" > "$TMP/out" 2> "$TMP/err"
check "invalid byte in a long line: status 1" [ $? -eq 1 ]
check "invalid byte in a long line: the line is ended" [ "$(tail -n 1 "$TMP/out")" = "next file" ]
check "invalid byte in a long line: message" \
	grep -q "^newsclean: $TMP/bad:1: invalid byte sequence .xFF at byte 500000$" "$TMP/err"
check "invalid byte in a long line: no space at its end" [ "$(sed -n 1p "$TMP/out" | tail -c 2)" != " " ]
finish
