#!/bin/sh
# jsonsuite.sh -- spec section 3: --jsonl against the JSONTestSuite parsing cases
# SPDX-License-Identifier: MIT
#
# Each file of ../shared/peers/JSONTestSuite/test_parsing/ (relative to
# $top_srcdir; the suite is not part of this project, so the test is skipped
# without it) is fed as one record, its bytes followed by a newline unless it
# ends with one, to "newsclean -R --jsonl", with a time limit.  Every file:
# no crash and no hang (status 0 or 1).  Files with a raw newline inside are
# several records; only that holds for them.  Otherwise:
#   y_  valid JSON, but none has a member "text": status 1, written through
#       unchanged, reported once as "no member 'text'" or "not a JSON object"
#       (never as invalid JSON);
#   n_  invalid JSON: status 1, written through unchanged, reported once as
#       invalid JSON, invalid UTF-8 or too deep; except the files that are
#       blank (after a byte-order mark), which are blank lines, written
#       through silently with status 0;
#   i_  implementation-defined: no crash, no hang.
# The y_ objects that hold a string member are cleaned with --jsonl=KEY:
# status 0, and cleaning the output again changes nothing.
top_srcdir=${top_srcdir:-.}
suite="$top_srcdir/../shared/peers/JSONTestSuite/test_parsing"
if [ ! -d "$suite" ]; then
	echo "1..0 # SKIP no JSONTestSuite at $suite"
	exit 77
fi
. "$top_srcdir/tests/lib.sh"

# 10 s, or 60 under TEST_LIGHT (valgrind, on a loaded machine)
secs=10
[ -n "$TEST_LIGHT" ] && secs=60
limit=""
command -v timeout > /dev/null 2>&1 && limit="timeout $secs"

# run FILE ARG...: feed $TMP/in to newsclean; sets $status
run() {
	$limit "$NEWSCLEAN" "$@" < "$TMP/in" > "$TMP/out" 2> "$TMP/err"
	status=$?
}
# feed FILE: $TMP/in is FILE with a final newline; $TMP/want is that without
# a leading byte-order mark (what a pass-through writes); sets $records and
# $blank
feed() {
	cp "$1" "$TMP/in"
	[ "$(tail -c 1 "$1" | wc -l)" -eq 1 ] || echo >> "$TMP/in"
	case $(head -c 3 "$TMP/in" | od -An -tx1) in
	*ef*bb*bf*) tail -c +4 "$TMP/in" > "$TMP/want" ;;
	*) cp "$TMP/in" "$TMP/want" ;;
	esac
	records=$(wc -l < "$TMP/in")
	blank=no
	[ "$(tr -d ' \t\r\n' < "$TMP/want" | wc -c)" -eq 0 ] && blank=yes
	return 0
}
# reported KIND...: stderr is exactly one report for line 1 of one of KINDs
reported() {
	_e=$(cat "$TMP/err")
	case $_e in *"
"*) return 1 ;; esac
	for _k in "$@"; do
		case $_e in "newsclean: (standard input):1: $_k"*) return 0 ;; esac
	done
	return 1
}

files=0 multi=0 ny=0 nn=0 ni=0 nblank=0
for f in "$suite"/*.json; do
	name=$(basename "$f")
	files=$((files + 1))
	feed "$f"
	run -R --jsonl
	why=""
	case $status in
	0|1) ;;
	124) why="hang (no end within $secs s)" ;;
	*) why="crash or bad status $status" ;;
	esac
	if [ -z "$why" ] && [ "$records" -gt 1 ]; then
		multi=$((multi + 1))
	elif [ -z "$why" ]; then
		case $name in
		y_*)
			ny=$((ny + 1))
			if [ "$status" -ne 1 ]; then why="status $status, expected 1"
			elif ! cmp -s "$TMP/out" "$TMP/want"; then why="not written through unchanged"
			elif ! reported "no member 'text'" "not a JSON object"; then
				why="report: $(head -1 "$TMP/err")"
			fi ;;
		n_*)
			nn=$((nn + 1))
			if [ "$blank" = yes ]; then
				nblank=$((nblank + 1))
				if [ "$status" -ne 0 ]; then why="blank: status $status, expected 0"
				elif [ -s "$TMP/err" ]; then why="blank: reported: $(head -1 "$TMP/err")"
				elif ! cmp -s "$TMP/out" "$TMP/want"; then why="blank: not written through"
				fi
			elif [ "$status" -ne 1 ]; then why="status $status, expected 1"
			elif ! cmp -s "$TMP/out" "$TMP/want"; then why="not written through unchanged"
			elif ! reported "invalid JSON at byte " "invalid UTF-8 at byte " \
					"nesting too deep at byte "; then
				why="report: $(head -1 "$TMP/err")"
			fi ;;
		*)
			ni=$((ni + 1)) ;;
		esac
	fi
	if [ -z "$why" ]; then ok "$name"; else not_ok "$name: $why"; fi
done

# the y_ objects with a string member, cleaned through that member
for pair in \
	y_object.json:asd \
	y_object.json:dfg \
	y_object_basic.json:asd \
	y_object_duplicated_key.json:a \
	y_object_duplicated_key_and_value.json:a \
	y_object_long_strings.json:id \
	y_object_string_unicode.json:title
do
	name=${pair%%:*} key=${pair#*:}
	if [ ! -f "$suite/$name" ]; then not_ok "$name --jsonl=$key: missing"; continue; fi
	feed "$suite/$name"
	run -R --jsonl="$key"
	why=""
	if [ "$status" -ne 0 ]; then why="status $status, expected 0: $(head -1 "$TMP/err")"
	elif [ -s "$TMP/err" ]; then why="stderr: $(head -1 "$TMP/err")"
	elif [ "$(wc -l < "$TMP/out")" -ne 1 ]; then why="not one record out"
	else
		cp "$TMP/out" "$TMP/in"
		cp "$TMP/out" "$TMP/first"
		run -R --jsonl="$key"
		if [ "$status" -ne 0 ]; then why="output not a good record: $(head -1 "$TMP/err")"
		elif ! cmp -s "$TMP/out" "$TMP/first"; then why="cleaning the output again changed it"
		fi
	fi
	if [ -z "$why" ]; then ok "$name --jsonl=$key"; else not_ok "$name --jsonl=$key: $why"; fi
done

echo "# $files files: $ny y_, $nn n_ ($nblank blank), $ni i_, $multi with a raw newline inside"
finish
