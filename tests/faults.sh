#!/bin/sh
# faults.sh -- failing reads, writes, syncs, renames and allocations, made by
# tests/fault/shim.so: exact messages, status 1, and nothing lost
# SPDX-License-Identifier: MIT
#
# The shim (see tests/fault/shim.c) is preloaded into the newsclean process
# only.  Call numbers come from its counting mode, so the loops below try
# every call of a kind instead of guessing which one matters.
. "${top_srcdir:-.}/tests/lib.sh"
: "${top_builddir:=.}"
SHIMDIR=$(cd "$top_builddir/tests/fault" 2> /dev/null && pwd) || {
	echo "# skipped: tests/fault/shim.so is not built"; exit 77; }
SHIM=$SHIMDIR/shim.so
# The program itself (not valgrind-newsclean.sh under `make check-valgrind`):
# the shim acts in the process of that name only, not in a wrapper script
# or valgrind's launcher, which the preload reaches too.
BIN=${NEWSCLEAN_BIN:-$NEWSCLEAN}
PROG=$(basename "$BIN")

# An AddressSanitizer build must keep its own allocator, and its runtime
# refuses to come after a preloaded library unless told to accept it: the
# shim without allocation faults is used there, and the malloc loops skipped.
asan=no
if nm -D "$BIN" 2> /dev/null | grep -q ' __asan_init' ||
	ldd "$BIN" 2> /dev/null | grep -q libasan; then
	asan=yes
	SHIM=$SHIMDIR/shim-io.so
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	export ASAN_OPTIONS
fi
cd "$TMP" || exit 99
D=$(pwd -P) # the folder as inplace.c names it (realpath)

# run SPEC ARG...: newsclean ARG... with the shim failing SPEC ("" fails
# nothing); stdout in out, stderr in err, status in $rc, counts in count
run() {
	_spec=$1; shift
	NEWSCLEAN_FAULT=$_spec NEWSCLEAN_FAULT_COUNT=$TMP/count NEWSCLEAN_FAULT_PROG=$PROG \
		LD_PRELOAD=$SHIM "$NEWSCLEAN" "$@" > out 2> err
	rc=$?
}
# count FUNC: how often the last run called FUNC
count() { awk -v f="$1" '$1 == f { print $2 }' count; }
# calls FUNC ARG...: how often newsclean ARG... calls FUNC with no fault
calls() { _fn=$1; shift; run "" "$@"; count "$_fn"; }
# expect NAME STATUS [LINE]...: the status, and stderr exactly these lines
expect() {
	_name=$1 _status=$2; shift 2
	check "$_name: status $_status" [ "$rc" -eq "$_status" ]
	if [ $# -gt 0 ]; then printf '%s\n' "$@" > want; else : > want; fi
	if cmp -s err want; then ok "$_name: message"; else
		not_ok "$_name: message"; sed 's/^/#   /' err | head -5; fi
}
# is_prefix PART FULL: PART holds the first bytes of FULL
is_prefix() { head -c "$(wc -c < "$1")" "$2" | cmp -s - "$1"; }
# no_temp NAME: no temporary file of -i is left in the folder
no_temp() { check "$1: no temporary file left" [ -z "$(ls -A | grep newsclean)" ]; }

printf 'First file line.\n' > a
printf 'Second file line.\n' > b
printf 'Third file line.\n' > c
cat a b > ab; cat a c > ac
printf 'Aid reaches Kiev  suburbs\nShare this:\n' > raw
printf 'Aid reaches Kyiv suburbs\n' > clean
perl -e 'for (1..9) { print "Line $_ of the report from Kyiv.\n" }' > lines9
perl -e 'for (1..20000) { print "Report $_ from Kiev  on the state of the grid.\n" }' > bigraw

run "" a
check "the shim counts calls" [ "$(count read)" -ge 1 ]
[ "$(count read)" -ge 1 ] || { echo "# the shim is not loaded: nothing more to test"; finish; exit; }
run "" bigraw; cp out bigclean

# ------------------------------------------------------------------ reads
ra=$(calls read a) # b's first read is the next one
run "read:$((ra + 1)):EIO" a b c
expect "read EIO on the 2nd of 3 files" 1 "newsclean: b: read error: Input/output error"
check "read EIO: the other files are written" cmp -s out ac

# 32-byte lines, 40-byte reads: the 3rd read fails after two whole lines
run read:3:EIO --buffer-size=40 lines9
expect "read EIO mid-file" 1 "newsclean: lines9: read error: Input/output error"
head -2 lines9 > want2
check "read EIO mid-file: the lines read before it are written" cmp -s out want2

run read:1:EINTR a b
expect "read EINTR is retried" 0
check "read EINTR: all written" cmp -s out ab

# ------------------------------------------------------ standard output
run write:1:EINTR a b
expect "write EINTR is retried" 0
check "write EINTR: all written" cmp -s out ab

run write:1:ENOSPC a b
expect "stdout write ENOSPC" 1 "newsclean: (standard output): write error: No space left on device"
run write:1:EIO a b
expect "stdout write EIO" 1 "newsclean: (standard output): write error: Input/output error"

w=$(calls write bigraw)
check "a large output takes several writes" [ "$w" -ge 3 ]
run write:2:ENOSPC bigraw
expect "stdout write ENOSPC mid-stream" 1 \
	"newsclean: (standard output): write error: No space left on device"
check "mid-stream ENOSPC: no write after the failed one" [ "$(count write)" -eq 2 ]
check "mid-stream ENOSPC: what was written is the output's start" is_prefix out bigclean
check "mid-stream ENOSPC: the first block is there" [ -s out ]

# spec 7: a closed pipe ends the program quietly (as with SIGPIPE ignored)
run write:2:EPIPE bigraw
expect "stdout EPIPE: quiet" 0
check "stdout EPIPE: no write after it" [ "$(count write)" -eq 2 ]

# ----------------------------------------------------------------- -o FILE
run open:1:EACCES -o o a b
expect "-o: open EACCES" 1 "newsclean: o: Permission denied"
check "-o: open EACCES: no input read" [ "$(count read)" -eq 0 ]
run write:1:ENOSPC -o o a b
expect "-o: write ENOSPC" 1 "newsclean: o: write error: No space left on device"
run write:1:EDQUOT -o o a b
expect "-o: write EDQUOT" 1 "newsclean: o: write error: Disk quota exceeded"
cl=$(calls close -o o a b) # the output is closed last
run "close:$cl:EIO" -o o a b
expect "-o: close EIO" 1 "newsclean: o: write error: Input/output error"
run "close:$cl:EIO" -o o a b
check "-o: close EIO: the data was written" cmp -s o ab

# -------------------------------------------------------------- -i, -i.bak
# inplace NAME STATUS FILE [LINE]...: after a run on FILE, as expect, and
# the file as it was (status 1) or clean (status 0); no temporary file
inplace() {
	_what=$1 _st=$2 _file=$3; shift 3
	expect "$_what" "$_st" "$@"
	if [ "$_st" -eq 0 ]; then
		check "$_what: rewritten" cmp -s "$_file" clean
	else
		check "$_what: the file is as it was" cmp -s "$_file" raw
	fi
	no_temp "$_what"
}
for sfx in '' .bak; do
	i="-i$sfx"
	cp raw x.txt; rm -f x.txt.bak
	run mkstemp:1:EACCES "$i" x.txt
	inplace "$i: mkstemp EACCES" 1 x.txt \
		"newsclean: x.txt: cannot create a temporary file in $D: Permission denied; not rewritten"
	check "$i: mkstemp EACCES: no backup" [ ! -e x.txt.bak ]

	for f in fchmod:1:EPERM:'Operation not permitted' fsync:1:EIO:'Input/output error'; do
		cp raw x.txt
		run "${f%:*}" "$i" x.txt
		inplace "$i: ${f%:*}" 1 x.txt \
			"newsclean: x.txt: cannot finish the temporary file: ${f##*:}" \
			"newsclean: x.txt: not rewritten; the file is as it was"
	done

	cp raw x.txt
	run rename:1:EXDEV "$i" x.txt
	inplace "$i: rename EXDEV" 1 x.txt \
		"newsclean: x.txt: cannot rename the temporary file: Invalid cross-device link" \
		"newsclean: x.txt: not rewritten; the file is as it was"
	if [ -n "$sfx" ]; then
		check "$i: rename EXDEV: the backup holds the original" cmp -s x.txt.bak raw
	fi

	cp raw x.txt
	run read:1:EIO "$i" x.txt
	inplace "$i: read EIO" 1 x.txt \
		"newsclean: x.txt: read error: Input/output error" \
		"newsclean: x.txt: not rewritten; the file is as it was"

	# every write of a large file
	cp bigraw x.big
	w=$(calls write "$i" x.big)
	check "$i: a large file takes several writes" [ "$w" -ge 3 ]
	bad=0
	for k in $(seq 1 "$w"); do
		cp bigraw x.big
		run "write:$k:ENOSPC" "$i" x.big
		printf '%s\n' "newsclean: x.big: write error: No space left on device" \
			"newsclean: x.big: not rewritten; the file is as it was" > want
		[ "$rc" -eq 1 ] && cmp -s err want && cmp -s x.big bigraw &&
			[ -z "$(ls -A | grep newsclean)" ] || bad=$((bad + 1))
	done
	check "$i: write ENOSPC at each of $w writes: status 1, message, file as it was" [ "$bad" -eq 0 ]

	# two files, the first one's write fails: the second is still rewritten
	cp raw x.txt; cp raw y.txt
	run write:1:ENOSPC "$i" x.txt y.txt
	inplace "$i: 2 files, write ENOSPC on the 1st" 1 x.txt \
		"newsclean: x.txt: write error: No space left on device" \
		"newsclean: x.txt: not rewritten; the file is as it was"
	check "$i: 2 files: the 2nd is rewritten" cmp -s y.txt clean
done

# the backup step
cp raw x.txt; rm -f x.txt.bak
run link:1:EXDEV -i.bak x.txt
inplace "-i.bak: link EXDEV" 1 x.txt \
	"newsclean: x.txt: cannot make the backup $D/x.txt.bak: Invalid cross-device link" \
	"newsclean: x.txt: not rewritten; the file is as it was"
check "-i.bak: link EXDEV: no backup" [ ! -e x.txt.bak ]
cp raw x.txt; printf 'an older backup\n' > x.txt.bak
run unlink:1:EACCES -i.bak x.txt
inplace "-i.bak: old backup not removable" 1 x.txt \
	"newsclean: x.txt: cannot make the backup $D/x.txt.bak: Permission denied" \
	"newsclean: x.txt: not rewritten; the file is as it was"
rm -f x.txt.bak

# Every call of each kind, one at a time: the file is either rewritten
# (the call's failure does not matter: the input's close, the folder's
# sync) or left as it was with a message, never lost or half-written.
for fn in read write close fsync fchmod rename link unlink open mkstemp; do
	cp raw x.txt; rm -f x.txt.bak
	total=$(calls "$fn" -i.bak x.txt)
	bad=0 failed=0
	for k in $(seq 1 "$total"); do
		cp raw x.txt; rm -f x.txt.bak
		run "$fn:$k:EIO" -i.bak x.txt
		if [ "$rc" -eq 0 ]; then
			[ ! -s err ] && cmp -s x.txt clean && cmp -s x.txt.bak raw || bad=$((bad + 1))
		else
			failed=$((failed + 1))
			[ "$rc" -eq 1 ] && cmp -s x.txt raw && grep -q '^newsclean: x.txt: .*not rewritten' err ||
				bad=$((bad + 1))
		fi
		[ -z "$(ls -A | grep newsclean)" ] || bad=$((bad + 1))
		rm -f .newsclean.*
	done
	check "-i.bak: $fn fails at each of its $total calls ($failed fail the file): file kept or rewritten" [ "$bad" -eq 0 ]
done

# --------------------------------------------------------------- malloc
# For every allocation N (the program's, libc's and the libraries'), the
# run either succeeds with the right output or ends with the out-of-memory
# message and status 1: never a crash, a wrong result, or a stray file.
#
# oom_loop NAME CHECK ARG...: runs ARG... failing each allocation in turn;
# CHECK is a function judging one run (0: good); $prep runs before each
# (under TEST_LIGHT, one allocation in N, for at most 30 runs)
oom_loop() {
	_what=$1 _judge=$2; shift 2
	$prep
	_total=$(calls alloc "$@")
	_bad=0 _oom=0 _step=1 _each="each of $_total allocations"
	if [ -n "$TEST_LIGHT" ] && [ "$_total" -gt 30 ]; then
		_step=$(((_total + 29) / 30))
		_each="one in $_step of $_total allocations"
	fi
	for _k in $(seq 1 "$_step" "$_total"); do
		$prep
		run "alloc:$_k" "$@"
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 2 ]; then
			_bad=$((_bad + 1)); echo "# alloc:$_k: status $rc"
		elif ! $_judge; then
			_bad=$((_bad + 1)); echo "# alloc:$_k: status $rc: $(head -c 200 err)"
		fi
		[ "$rc" -eq 1 ] && _oom=$((_oom + 1))
	done
	check "$_what: $_each fails in turn ($_oom out of memory)" [ "$_bad" -eq 0 ]
}
# is_oom: stderr is the out-of-memory message alone (shell builtins only:
# the loops run thousands of times)
is_oom() {
	{ IFS= read -r _l1; IFS= read -r _l2 && return 1; } < err
	[ "$_l1" = "newsclean: memory exhausted" ] && [ -z "$_l2" ]
}
# no_temp_left: no temporary file of -i in the folder
no_temp_left() { set -- .newsclean.*; [ ! -e "$1" ]; }
# stdout: right output and quiet, or the message and a start of the output
judge_stdout() {
	if [ "$rc" -eq 0 ]; then cmp -s out "$want_out" && [ ! -s err ]; else
		[ "$rc" -eq 1 ] && is_oom && { [ ! -s out ] || is_prefix out "$want_out"; }
	fi
}
# -i.bak: rewritten with its backup, or as it was with no backup
judge_inplace() {
	_r=0
	if [ "$rc" -eq 0 ]; then cmp -s x.txt clean && cmp -s x.txt.bak raw && [ ! -s err ] || _r=1
	else [ "$rc" -eq 1 ] && is_oom && cmp -s x.txt raw && [ ! -e x.txt.bak ] || _r=1; fi
	no_temp_left || _r=1
	rm -f .newsclean.*
	return $_r
}
reset_x() { cp raw x.txt; rm -f x.txt.bak; }
# glibc's iconv_open reports some allocation failures as an unknown
# conversion (EINVAL): that usage error, with nothing written, is let pass
judge_charset() {
	judge_stdout && return 0
	[ "$rc" -eq 2 ] && [ ! -s out ] && grep -q "^newsclean: unknown charset 'LATIN1'" err
}
printf 'Aid reaches Kiev  suburbs\n\nCaf\351 owners in Kiev\n' > raw.latin1
printf 'Aid reaches Kyiv suburbs\n\nCaf\303\251 owners in Kyiv\n' > clean.latin1
printf '{"id":1,"text":"Aid reaches Kiev  suburbs"}\n{"id":2,"text":"Share this:"}\n' > raw.jsonl
if [ "$asan" = yes ]; then
	echo "# malloc loops skipped: AddressSanitizer's allocator cannot be replaced by a preloaded one"
else
	want_out=clean prep=:
	oom_loop "default rules, stdout" judge_stdout raw
	prep=reset_x
	oom_loop "small rules, -i.bak" judge_inplace \
		-R -e 'map Kiev => Kyiv' -e 'drop Share this:' -i.bak x.txt
	prep=:
	run "" -R -e 'map Kiev => Kyiv' -e 'drop Share this:' --jsonl -j 2 raw.jsonl; cp out clean.jsonl
	want_out=clean.jsonl
	oom_loop "small rules, --jsonl -j 2" judge_stdout \
		-R -e 'map Kiev => Kyiv' -e 'drop Share this:' --jsonl -j 2 raw.jsonl
	want_out=clean.latin1
	oom_loop "small rules, -f LATIN1" judge_charset \
		-R -e 'map Kiev => Kyiv' -e 'sub /\s+suburbs/ => " suburbs"' -f LATIN1 raw.latin1
fi
finish
