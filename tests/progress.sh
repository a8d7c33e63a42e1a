#!/bin/sh
# progress.sh -- --progress draws a status line on a terminal only
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
if ! command -v script > /dev/null; then
	echo "1..0 # SKIP script(1) not installed"
	exit 77
fi
cd "$TMP" || exit 99
# the input arrives in two parts a second apart, so the line is drawn once;
# under TEST_LIGHT (valgrind: seconds to start) the first part waits for
# the program to be reading, or both would come in its first read
lead=0
[ -n "$TEST_LIGHT" ] && lead=10
cat > slow.sh <<EOS
(sleep $lead; printf 'First line of Kiev news\n'; sleep 1; printf 'Second line\n') |
	"$NEWSCLEAN" --progress > out.txt
EOS
script -qec "sh slow.sh" typescript > /dev/null 2>&1
check "a terminal: status 0" [ $? -eq 0 ]
check "a terminal: a status line" grep -q 'newsclean: 0.0 MB, 0 documents, .* MB/s' typescript
check "a terminal: the line is cleared at the end" grep -q "$(printf '\r\033\\[K')" typescript
printf 'First line of Kyiv news\nSecond line\n' > want
check "a terminal: the output is not touched" cmp -s out.txt want

(printf 'First line of Kiev news\n'; sleep 1; printf 'Second line\n') |
	"$NEWSCLEAN" --progress > out2.txt 2> err.txt
check "not a terminal: nothing on stderr" [ ! -s err.txt ]
check "not a terminal: same output" cmp -s out2.txt want
finish
