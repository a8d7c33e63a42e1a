#!/bin/sh
# valgrind-wrap.sh -- runs PROGRAM ARG... under valgrind, for `make check-valgrind`
# SPDX-License-Identifier: MIT
# A memory error or a definite or indirect leak makes the status 99 (and
# only those are reported: not the blocks "possibly lost" or "still
# reachable" at exit, such as the threads of a run ended by a fault).
# valgrind.supp beside this script holds the known false reports.  When
# VALGRIND_LOGDIR is set, each run's report goes to a file of its own
# there (empty when there is nothing to report), so that
# tests/valgrind-test.sh finds it whatever the test does with stderr and
# the status; else it goes to stderr.
#
# --soname-synonyms=somalloc=nouserintercepts: valgrind replaces only
# libc's allocator, not one that a preloaded library puts in front of it:
# tests/fault/shim.so's malloc counts and fails allocations, and hands the
# others to __libc_malloc, which is valgrind's.
if [ -n "${VALGRIND_LOGDIR:-}" ]; then
	log=$(mktemp "$VALGRIND_LOGDIR/vg.XXXXXX") || exit 99
	set -- --log-file="$log" "$@"
fi
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--soname-synonyms=somalloc=nouserintercepts \
	--suppressions="$(dirname "$0")/valgrind.supp" "$@"
