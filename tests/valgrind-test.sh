#!/bin/sh
# valgrind-test.sh -- runs one test of `make check` for `make check-valgrind`
# SPDX-License-Identifier: MIT
#
# Automake's test driver calls it with the test (and its arguments).  A
# shell test (*.sh) runs with newsclean and the other programs it starts
# under valgrind: NEWSCLEAN is valgrind-newsclean.sh (the real program in
# NEWSCLEAN_BIN), TEST_WRAP is valgrind-wrap.sh, and TEST_LIGHT=1 makes the
# longest tests take a sample or smaller inputs (tests/README.md lists
# them).  A test program (the Check units) runs under valgrind itself,
# with CK_FORK=no so that its tests run, and leak, in the one process.
#
# Every valgrind run writes its report to a file of its own: the test fails
# when any of them is not empty, whatever its own checks made of the run.
here=$(cd "$(dirname "$0")" && pwd)
bin=${NEWSCLEAN:?NEWSCLEAN is not set}
if ! command -v valgrind > /dev/null; then
	echo "valgrind-test.sh: valgrind not found" >&2
	exit 99
fi
if nm "$bin" 2> /dev/null | grep -q __asan_init; then
	echo "valgrind-test.sh: $bin is built with AddressSanitizer, which valgrind cannot run" >&2
	exit 99
fi
VALGRIND_LOGDIR=$(mktemp -d "${TMPDIR:-/tmp}/valgrind-test.XXXXXX") || exit 99
export VALGRIND_LOGDIR
case $1 in
*.sh)
	NEWSCLEAN_BIN=$bin NEWSCLEAN=$here/valgrind-newsclean.sh TEST_WRAP=$here/valgrind-wrap.sh \
		TEST_LIGHT=1 /bin/sh "$@"
	;;
*)
	CK_FORK=no "$here/valgrind-wrap.sh" "$@"
	;;
esac
rc=$?
runs=0 bad=0
for log in "$VALGRIND_LOGDIR"/vg.*; do
	[ -e "$log" ] || continue
	runs=$((runs + 1))
	[ -s "$log" ] || continue
	bad=$((bad + 1))
	echo "# valgrind report ($log):"
	sed 's/^/#   /' "$log"
done
rm -rf "$VALGRIND_LOGDIR"
echo "# valgrind: $runs runs, $bad with a report"
if [ "$bad" -gt 0 ] && { [ "$rc" -eq 0 ] || [ "$rc" -eq 77 ]; }; then
	rc=1
fi
exit "$rc"
