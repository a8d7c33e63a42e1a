#!/bin/sh
# fuzz-replay.sh -- every input kept in fuzz/corpus/TARGET/ (the seeds and the
# inputs that once made a fuzz target fail) through that target, without
# libFuzzer: a regression test for each fix
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"

for t in rules pipeline jsonl; do
	if $TEST_WRAP "$top_builddir/fuzz/replay_$t" "$top_srcdir/fuzz/corpus/$t" > "$TMP/out" 2>&1; then
		ok "fuzz corpus $t: $(sed -n 's/.*: \([0-9]* inputs ran\)$/\1/p' "$TMP/out")"
	else
		not_ok "fuzz corpus $t"
		sed 's/^/# /' "$TMP/out" | tail -40
	fi
done
finish
