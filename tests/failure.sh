#!/bin/sh
# failure.sh -- spec section 7: unreadable inputs, write errors, closed pipes
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"

printf 'First file line.\n' > "$TMP/a"
printf 'Second file line.\n' > "$TMP/b"

# an unreadable file among good ones: the rest is still cleaned, status 1
"$NEWSCLEAN" "$TMP/a" "$TMP/missing" "$TMP/b" > "$TMP/out" 2> "$TMP/err"
check "missing file: status 1" [ $? -eq 1 ]
printf 'First file line.\nSecond file line.\n' > "$TMP/want"
check "missing file: the other files are written" cmp -s "$TMP/out" "$TMP/want"
printf 'newsclean: %s: No such file or directory\n' "$TMP/missing" > "$TMP/want"
check "missing file: message" cmp -s "$TMP/err" "$TMP/want"

if [ "$(id -u)" != 0 ]; then
	printf 'x\n' > "$TMP/noread"; chmod 000 "$TMP/noread"
	"$NEWSCLEAN" "$TMP/noread" "$TMP/b" > "$TMP/out" 2> "$TMP/err"
	check "unreadable file: status 1" [ $? -eq 1 ]
fi

# a directory is an input problem too
"$NEWSCLEAN" "$TMP" "$TMP/b" > "$TMP/out" 2> "$TMP/err"
check "directory operand: status 1" [ $? -eq 1 ]
check "directory operand: the next file is written" cmp -s "$TMP/out" "$TMP/b"
printf 'newsclean: %s: read error: Is a directory\n' "$TMP" > "$TMP/want"
check "directory operand: message" cmp -s "$TMP/err" "$TMP/want"

# a full disk
if [ -w /dev/full ]; then
	"$NEWSCLEAN" "$TMP/a" > /dev/full 2> "$TMP/err"
	check "/dev/full: status 1" [ $? -eq 1 ]
	printf 'newsclean: (standard output): write error: No space left on device\n' > "$TMP/want"
	check "/dev/full: message" cmp -s "$TMP/err" "$TMP/want"
	"$NEWSCLEAN" -o /dev/full "$TMP/a" 2> "$TMP/err"
	check "-o /dev/full: status 1" [ $? -eq 1 ]
	printf 'newsclean: /dev/full: write error: No space left on device\n' > "$TMP/want"
	check "-o /dev/full: message" cmp -s "$TMP/err" "$TMP/want"
fi

# -o FILE
"$NEWSCLEAN" -o "$TMP/o" "$TMP/a" "$TMP/b" 2> "$TMP/err"
check "-o: status 0" [ $? -eq 0 ]
printf 'First file line.\nSecond file line.\n' > "$TMP/want"
check "-o: content" cmp -s "$TMP/o" "$TMP/want"
"$NEWSCLEAN" -o "$TMP/nodir/o" "$TMP/a" 2> "$TMP/err"
check "-o into a missing folder: status 1" [ $? -eq 1 ]

# a closed pipe ends the program quietly, SIGPIPE ignored or not
perl -e 'for (1..200000) { print "Line $_ of a long article about Kiev.\n" }' > "$TMP/big"
"$NEWSCLEAN" "$TMP/big" 2> "$TMP/err" | head -1 > "$TMP/head"
check "| head -1: quiet" [ ! -s "$TMP/err" ]
check "| head -1: first line" [ "$(cat "$TMP/head")" = "Line 1 of a long article about Kyiv." ]
(trap '' PIPE; "$NEWSCLEAN" "$TMP/big" 2> "$TMP/err" | head -1 > /dev/null)
check "| head -1 with SIGPIPE ignored: quiet" [ ! -s "$TMP/err" ]

# usage errors: status 2, nothing read or written
echo 'text' | "$NEWSCLEAN" --no-such-option > "$TMP/out" 2> "$TMP/err"
check "unknown option: status 2" [ $? -eq 2 ]
check "unknown option: no output" [ ! -s "$TMP/out" ]
"$NEWSCLEAN" -i -o "$TMP/o" "$TMP/a" 2> "$TMP/err"
check "-i with -o: status 2" [ $? -eq 2 ]
"$NEWSCLEAN" -i 2> "$TMP/err"
check "-i without FILE: status 2" [ $? -eq 2 ]
echo 'text' | "$NEWSCLEAN" -f NO-SUCH-CHARSET > "$TMP/out" 2> "$TMP/err"
check "unknown charset: status 2" [ $? -eq 2 ]
printf "newsclean: unknown charset 'NO-SUCH-CHARSET' for '--from-code'\nTry 'newsclean --help' for more information.\n" > "$TMP/want"
check "unknown charset: message" cmp -s "$TMP/err" "$TMP/want"
"$NEWSCLEAN" -r "$TMP/none.rules" "$TMP/a" > "$TMP/out" 2> "$TMP/err"
check "missing rule file: status 2" [ $? -eq 2 ]
check "missing rule file: no output" [ ! -s "$TMP/out" ]
printf 'newsclean: %s: error: cannot read rule file: No such file or directory\n' "$TMP/none.rules" > "$TMP/want"
check "missing rule file: message" cmp -s "$TMP/err" "$TMP/want"
finish
