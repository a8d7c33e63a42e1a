#!/bin/sh
# props.sh -- properties over the golden inputs: idempotence, read sizes,
# valid UTF-8 out for any bytes in, locale independence
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"

# run NAME INPUT OUTPUT [EXTRA]: newsclean with the case's arguments
run() {
	input=$2 output=$3 extra=${4:-}
	read_args "$1"
	set --
	while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done < "$TMP/args"
	[ -n "$extra" ] && set -- "$@" "$extra"
	(cd "$CASES" && "$NEWSCLEAN" "$@" < "$input" > "$output" 2>/dev/null)
}

# TEST_LIGHT (make check-valgrind): each case is checked for one property,
# the next case for the next: idempotence, read size 1, 3, 4096, locale
k=0
# on PROPERTY: whether the current case is checked for PROPERTY (0-4)
on() { [ -z "$TEST_LIGHT" ] || [ $((k % 5)) -eq "$1" ]; }
for in in "$CASES"/*.in; do
	name=$(basename "$in" .in)
	[ -f "$CASES/$name.status" ] && [ "$(cat "$CASES/$name.status")" != 0 ] && continue
	# charset and invalid-byte cases read bytes that are not the output's UTF-8
	if [ -f "$CASES/$name.args" ] && grep -qE '^(-f|--from-code|--invalid=error)' "$CASES/$name.args"; then
		continue
	fi
	run "$name" "$in" "$TMP/o1" || { not_ok "$name: runs"; continue; }
	k=$((k + 1))
	# idempotence is promised for the built-in rules, not for any user
	# rule, and for cleaned text (not the rule file of --learn)
	if on 0 && [ ! -f "$CASES/$name.rules" ] &&
	   ! { [ -f "$CASES/$name.args" ] && grep -qE '^(-e|-r|--rules?(=|$)|--learn$)' "$CASES/$name.args"; }; then
		run "$name" "$TMP/o1" "$TMP/o2"
		check "idempotent: $name" cmp -s "$TMP/o1" "$TMP/o2"
	fi
	sizes=""
	for size in 1 3 4096 65536; do
		case $size in 1) on 1 ;; 3) on 2 ;; 4096) on 3 ;; *) [ -z "$TEST_LIGHT" ] ;; esac || continue
		sizes="$sizes $size"
	done
	if [ -n "$sizes" ]; then
		same=true
		for size in $sizes; do
			run "$name" "$in" "$TMP/o3" --buffer-size=$size
			cmp -s "$TMP/o1" "$TMP/o3" || same=false
		done
		check "read sizes$sizes: $name" $same
	fi
	if on 4; then
		LC_ALL=C run "$name" "$in" "$TMP/o4"
		LC_ALL=C.UTF-8 run "$name" "$in" "$TMP/o5"
		check "locale C = C.UTF-8: $name" cmp -s "$TMP/o4" "$TMP/o5"
	fi
done

# the seed article, when the shared folder is there
seed="$top_srcdir/../shared/examples/seed-news.txt"
if [ -f "$seed" ]; then
	"$NEWSCLEAN" < "$seed" > "$TMP/seed"
	check "seed article" cmp -s "$TMP/seed" "$top_srcdir/../shared/examples/seed-news.expected"
	for size in 1 3 4096 65536; do
		"$NEWSCLEAN" --buffer-size=$size < "$seed" > "$TMP/seed2"
		check "seed article, read size $size" cmp -s "$TMP/seed" "$TMP/seed2"
	done
fi

# any bytes in: valid UTF-8 out, for every invalid-byte policy but error
perl -e 'srand(7); for (1..200000) { print chr(int(rand(256))) }' > "$TMP/random"
perl -e 'srand(8); my @b = (0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF, 0x0A, 0x0D, 0x26, 0x23, 0x3B, 0x20);
	for (1..200000) { print chr($b[int(rand(@b))]) }' > "$TMP/nasty"
for f in random nasty; do
	for pol in replace drop; do
		for form in nfc nfkd; do
			"$NEWSCLEAN" --invalid=$pol --normalize=$form < "$TMP/$f" > "$TMP/out.$f"
			check "valid UTF-8 out: $f bytes, --invalid=$pol, $form" \
				iconv -f UTF-8 -t UTF-8 "$TMP/out.$f" -o /dev/null
			"$NEWSCLEAN" --invalid=$pol --normalize=$form < "$TMP/out.$f" > "$TMP/again.$f"
			check "idempotent: $f bytes, --invalid=$pol, $form" cmp -s "$TMP/out.$f" "$TMP/again.$f"
		done
	done
	"$NEWSCLEAN" --buffer-size=7 < "$TMP/$f" > "$TMP/small.$f"
	"$NEWSCLEAN" < "$TMP/$f" > "$TMP/big.$f"
	check "read size 7 = 128K: $f bytes" cmp -s "$TMP/small.$f" "$TMP/big.$f"
done
finish
