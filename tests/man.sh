#!/bin/sh
# man.sh -- the man pages lint clean and document every long option of --help
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
man="$top_srcdir/man"
if ! command -v mandoc > /dev/null; then
	echo "1..0 # SKIP mandoc not installed"
	exit 77
fi
# mandoc resolves .Xr cross references from the current folder
(cd "$man" && mandoc -Tlint -Wwarning newsclean.1 newsclean-rules.5) > "$TMP/lint" 2>&1
check "mandoc -Tlint -Wwarning is clean" [ ! -s "$TMP/lint" ]
sed 's/^/# /' "$TMP/lint"
mandoc -Tutf8 "$man/newsclean.1" | col -b > "$TMP/page"
"$NEWSCLEAN" --help > "$TMP/help"
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$TMP/help" | sort -u); do
	check "newsclean.1 documents $opt" grep -qe "$opt" "$TMP/page"
done
for opt in $(grep -oE -- '^  -[a-zA-Z]' "$TMP/help" | tr -d ' '); do
	check "newsclean.1 documents $opt" grep -qe "$opt" "$TMP/page"
done
finish
