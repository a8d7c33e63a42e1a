#!/bin/sh
# doccharset.sh -- --from-code=auto with -z and --jsonl: each document in its
# own charset, past the file's 64 KiB sample, whatever the read size and -j
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"

if ! "$NEWSCLEAN" --from-code=auto < /dev/null > /dev/null 2>&1; then
	echo "1..0 # SKIP built without uchardet"
	exit 77
fi

# 1,500 UTF-8 documents (more than the file's 64 KiB sample), then one in
# windows-1251, one in windows-1252, and one more in UTF-8; SEP ends each
make_input() { # make_input SEP BEGIN END
	perl -e '
		my ($sep, $b, $e) = @ARGV;
		$sep = "\0" if $sep eq "NUL";
		$sep = "\n" if $sep eq "LF";
		binmode STDOUT;
		for my $i (1 .. 1500) {
			print "${b}Note $i in UTF-8: the caf\xC3\xA9 and its r\xC3\xA9sum\xC3\xA9.$e$sep";
		}
		print "$b\xCF\xF0\xE5\xE7\xE8\xE4\xE5\xED\xF2 \xF1\xEA\xE0\xE7\xE0\xEB, \xF7\xF2\xEE ",
		      "\xEF\xE5\xF0\xE5\xE3\xEE\xE2\xEE\xF0\xFB \xE1\xF3\xE4\xF3\xF2 ",
		      "\xEF\xF0\xEE\xE4\xEE\xEB\xE6\xE5\xED\xFB \xE2 \xF1\xEB\xE5\xE4\xF3\xFE\xF9\xE8\xE9 ",
		      "\xE2\xF2\xEE\xF0\xED\xE8\xEA.$e$sep";
		print "${b}Le caf\xE9 propose une cr\xE8me br\xFBl\xE9e \x93maison\x94 \xE0 la carte.$e$sep";
		print "${b}The last note, in UTF-8 again: na\xC3\xAFve.$e$sep";
	' "$@"
}
ru=$(printf '\320\237\321\200\320\265\320\267\320\270\320\264\320\265\320\275\321\202 \321\201\320\272\320\260\320\267\320\260\320\273, \321\207\321\202\320\276 \320\277\320\265\321\200\320\265\320\263\320\276\320\262\320\276\321\200\321\213 \320\261\321\203\320\264\321\203\321\202 \320\277\321\200\320\276\320\264\320\276\320\273\320\266\320\265\320\275\321\213 \320\262 \321\201\320\273\320\265\320\264\321\203\321\216\321\211\320\270\320\271 \320\262\321\202\320\276\321\200\320\275\320\270\320\272.')
fr=$(printf 'Le caf\303\251 propose une cr\303\250me br\303\273l\303\251e \342\200\234maison\342\200\235 \303\240 la carte.')
last=$(printf 'The last note, in UTF-8 again: na\303\257ve.')

make_input NUL "" "" > "$TMP/z"
make_input LF '{"text":"' '"}' > "$TMP/jsonl"

# -z: the three last documents, decoded each in its own charset (the
# documents have no line feed: all are on line 1)
"$NEWSCLEAN" -R -z --from-code=auto --explain --stats "$TMP/z" > "$TMP/out" 2> "$TMP/err"
check "-z: status 0" [ $? -eq 0 ]
tr '\0' '\n' < "$TMP/out" | tail -n 3 > "$TMP/got"
printf '%s\n%s\n%s\n' "$ru" "$fr" "$last" > "$TMP/want"
check "-z: each document decoded in its charset" cmp -s "$TMP/got" "$TMP/want"
check "-z: 1,500 UTF-8 documents untouched" \
	[ "$(tr '\0' '\n' < "$TMP/out" | grep -c 'the café and its résumé')" -eq 1500 ]
printf '%s\n' "$TMP/z: charset: UTF-8 (valid UTF-8); each document's own" \
	"$TMP/z:1: charset: WINDOWS-1251 (uchardet)" \
	"$TMP/z:1: charset: WINDOWS-1252 (uchardet)" > "$TMP/want"
grep 'charset' "$TMP/err" > "$TMP/got"
echo "charset: $TMP/z: per document: UTF-8 1501, WINDOWS-1251 1, WINDOWS-1252 1" >> "$TMP/want"
check "-z: --explain and --stats name each choice" cmp -s "$TMP/got" "$TMP/want"
cp "$TMP/out" "$TMP/z.out"

# --jsonl: the same, record by record
"$NEWSCLEAN" -R --jsonl --from-code=auto --explain --stats "$TMP/jsonl" > "$TMP/out" 2> "$TMP/err"
check "--jsonl: status 0" [ $? -eq 0 ]
check "--jsonl: --explain names the record" \
	grep -qx "$TMP/jsonl:1501: charset: WINDOWS-1251 (uchardet)" "$TMP/err"
tail -n 3 "$TMP/out" > "$TMP/got"
printf '{"text":"%s"}\n{"text":"%s"}\n{"text":"%s"}\n' "$ru" "$fr" "$last" > "$TMP/want"
check "--jsonl: each record decoded in its charset" cmp -s "$TMP/got" "$TMP/want"
check "--jsonl: --stats counts the records per charset" grep -qx \
	"charset: $TMP/jsonl: per document: UTF-8 1501, WINDOWS-1251 1, WINDOWS-1252 1" "$TMP/err"
cp "$TMP/out" "$TMP/jsonl.out"

# the same output for any read size and any -j
for args in "--buffer-size=1" "--buffer-size=7" "--buffer-size=4096" "-j 2" "-j 3"; do
	# shellcheck disable=SC2086
	"$NEWSCLEAN" -R -z --from-code=auto $args "$TMP/z" > "$TMP/out" 2> /dev/null
	check "-z $args: the same output" cmp -s "$TMP/out" "$TMP/z.out"
	# shellcheck disable=SC2086
	"$NEWSCLEAN" -R --jsonl --from-code=auto $args "$TMP/jsonl" > "$TMP/out" 2> /dev/null
	check "--jsonl $args: the same output" cmp -s "$TMP/out" "$TMP/jsonl.out"
done

# a file in one legacy charset is decoded in it throughout, even where one
# document alone would look like another
printf 'Caf\351 cr\350me, \223quoted\224 text from one old system.\n\0Na\357ve.\n\0' > "$TMP/legacy"
"$NEWSCLEAN" -R -z --from-code=auto --explain "$TMP/legacy" > "$TMP/out" 2> "$TMP/err"
printf 'Caf\303\251 cr\303\250me, \342\200\234quoted\342\200\235 text from one old system.\0Na\303\257ve.\0' \
	> "$TMP/want"
check "legacy file: decoded alike" cmp -s "$TMP/out" "$TMP/want"
check "legacy file: the documents take the file's charset" \
	[ "$(grep -c "charset: WINDOWS-1252 (the file's)" "$TMP/err")" -eq 2 ]

# UTF-16 cannot be split at NUL bytes: one charset for the file
printf '\377\376D\0o\0c\0 \0o\0n\0e\0\n\0' > "$TMP/utf16"
"$NEWSCLEAN" -R -z --from-code=auto --explain "$TMP/utf16" > "$TMP/out" 2> "$TMP/err"
check "UTF-16 -z: decoded as one file" [ "$(cat "$TMP/out")" = "Doc one" ]
check "UTF-16 -z: no per-document choice" \
	grep -qx "$TMP/utf16: charset: UTF-16 (byte-order mark)" "$TMP/err"

# an invalid byte in a document is found at its place in the file
printf '{"text":"ok"}\n{"text":"\377\376 \201"}\n' > "$TMP/bad"
"$NEWSCLEAN" -R --jsonl --from-code=auto --invalid=error "$TMP/bad" > "$TMP/out" 2> "$TMP/err"
check "--invalid=error: status 1" [ $? -eq 1 ]
check "--invalid=error: the byte's offset in the file" grep -qx \
	"newsclean: $TMP/bad:2: invalid byte sequence \\\\x81 at byte 26" "$TMP/err"

finish
