# lib.sh -- helpers shared by the shell tests (sourced)
# SPDX-License-Identifier: MIT
: "${NEWSCLEAN:=$(pwd)/newsclean}"
: "${top_srcdir:=.}"
# Set by `make check-valgrind` (tests/valgrind-test.sh): TEST_WRAP is put
# before the test programs other than newsclean (valgrind-wrap.sh), and
# TEST_LIGHT=1 makes the tests that would run for hours under valgrind
# take a sample or smaller inputs, and those that time the program allow
# for its slower start (tests/README.md lists them).
: "${TEST_WRAP:=}" "${TEST_LIGHT:=}"
CASES=$(cd "$top_srcdir/tests/golden/cases" && pwd)
TMP=$(mktemp -d) || exit 99
trap 'rm -rf "$TMP"' EXIT
n=0 fail=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; }
check() { # check NAME COMMAND...: ok when the command succeeds
	_what=$1; shift
	if "$@"; then ok "$_what"; else not_ok "$_what"; fi
}
finish() {
	echo "1..$n"
	echo "# $((n - fail)) passed, $fail failed"
	[ "$fail" -eq 0 ]
}
# case_args NAME: sets "$@"-style args of a golden case into the file $TMP/args
read_args() {
	: > "$TMP/args"
	[ -f "$CASES/$1.args" ] && cat "$CASES/$1.args" > "$TMP/args"
	[ -f "$CASES/$1.rules" ] && printf -- '-r\n%s.rules\n' "$1" >> "$TMP/args"
	return 0
}
