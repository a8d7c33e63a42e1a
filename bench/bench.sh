#!/bin/sh
# bench.sh -- newsclean's benchmark: one table of throughput (MB/s, MB = 10^6
# bytes), peak RSS and the ratio to newsclean's plain run, for newsclean's
# modes and for the baselines found on this machine. See bench/README.md.
#
#   make bench                                     # NEWSCLEAN is set for you
#   NEWSCLEAN=./newsclean sh bench/bench.sh
#
# Environment:
#   NEWSCLEAN       the binary (default: ./newsclean, else newsclean in PATH)
#   BENCH_SIZE      corpus size, K/M/G = powers of 1024 (default 100M)
#   BENCH_RUNS      runs per command; throughput is their median (default 5)
#   BENCH_SEED      corpus seed (default 1)
#   BENCH_DIR       where the corpora go (default: a new mktemp -d); removed
#                   at the end (a given BENCH_DIR only loses the files made here)
#   BENCH_KEEP      1: keep the corpora and rule files (to rerun a row by hand)
#   BENCH_CALLGRIND 1: also count instructions per input byte with callgrind on
#                   a 10M corpus (slow; needs valgrind)
#   BENCH_CPU       the processor that one-process runs are pinned to with
#                   taskset (default: the last one; 'none': not pinned)
# Needs only sh, perl (core modules), coreutils and sed; uses /usr/bin/time
# for peak RSS and uconv for one more baseline when they are installed.
# SPDX-License-Identifier: MIT

set -u
here=$(cd "$(dirname "$0")" && pwd) || exit 2
size=${BENCH_SIZE:-100M}
runs=${BENCH_RUNS:-5}
seed=${BENCH_SEED:-1}
die() { echo "bench.sh: $*" >&2; exit 2; }

case $runs in ''|*[!0-9]*) die "BENCH_RUNS must be a number, not '$runs'" ;; esac
[ "$runs" -ge 1 ] || die "BENCH_RUNS must be at least 1"
case $seed in ''|*[!0-9]*) die "BENCH_SEED must be a number, not '$seed'" ;; esac

# the binary, as an absolute path
nc=${NEWSCLEAN:-}
if [ -z "$nc" ]; then
	if [ -x ./newsclean ]; then nc=./newsclean; else nc=$(command -v newsclean) || nc=; fi
fi
[ -n "$nc" ] || die "no newsclean: set NEWSCLEAN or run 'make bench'"
case $nc in
*/*) nc=$(cd "$(dirname "$nc")" && pwd)/$(basename "$nc") ;;
*) nc=$(command -v "$nc") || die "NEWSCLEAN=$NEWSCLEAN not found" ;;
esac
[ -x "$nc" ] || die "$nc is not an executable"
command -v perl > /dev/null 2>&1 || die "perl is needed"

# a UTF-8 locale for sed (newsclean and perl -CSD do not depend on it)
loc=
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
	if [ "$(LC_ALL=$l locale charmap 2> /dev/null)" = UTF-8 ]; then loc=$l; break; fi
done
if [ -n "$loc" ]; then LC_ALL=$loc; export LC_ALL; fi

# One-process runs stay on one processor: on a shared machine the processors
# can differ in speed, and a scheduler that puts A and B of a pair on
# different ones makes every pair ratio lean the same way.
cpu=${BENCH_CPU:-$(( $(nproc) - 1 ))}
if [ "$cpu" = none ] || ! taskset -c "$cpu" true 2> /dev/null; then cpu=; fi

timebin=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2> /dev/null; then
	timebin=/usr/bin/time
fi

# the scratch directory and what goes into it
made_dir=
if [ -n "${BENCH_DIR:-}" ]; then
	[ -d "$BENCH_DIR" ] || { mkdir -p "$BENCH_DIR" && made_dir=1; } || die "cannot create $BENCH_DIR"
	dir=$(cd "$BENCH_DIR" && pwd)
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/newsclean-bench.XXXXXX") || die "mktemp -d failed"
	made_dir=1
fi
files="newsclean news.txt news.jsonl multi.txt maps10k.rules drops1k.rules clean.sed clean.pl
	rows.tsv rss out.tmp news10.txt callgrind.out"
cleanup() {
	if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench.sh: kept the inputs in $dir" >&2; return; fi
	(cd "$dir" && rm -f $files)
	[ -n "$made_dir" ] && rmdir "$dir" 2> /dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ln -sf "$nc" "$dir/newsclean" || die "cannot write to $dir"
cp "$here/ref/clean.sed" "$here/ref/clean.pl" "$dir/" || die "cannot copy bench/ref"

# ------------------------------------------------------------------ header
echo "newsclean benchmark -- $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:   $(nproc) cores (nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -n 1), $(uname -sr)"
echo "newsclean: $("$nc" --version 2> /dev/null | head -n 1) ($nc)"
echo "corpora:   --size $size --seed $seed (bench/gen-corpus.pl), in $dir"
echo "runs:      $runs per command, A B A B with newsclean; locale ${loc:-none found (sed row may be wrong)}"
if [ -n "$cpu" ]; then
	echo "pinning:   one-process rows run on processor $cpu (taskset); pipelines and -j 2 are free"
else
	echo "pinning:   none (taskset missing, or BENCH_CPU=none)"
fi
[ -n "$timebin" ] || echo "peak RSS:  not measured: /usr/bin/time (GNU time) is missing; install the 'time' package"

# ------------------------------------------------------------------ inputs
t0=$(date +%s)
gen() { perl "$here/gen-corpus.pl" --size "$size" --seed "$seed" "$@"; }
gen --profile news > "$dir/news.txt" || die "gen-corpus.pl failed"
gen --profile news --jsonl > "$dir/news.jsonl" || die "gen-corpus.pl --jsonl failed"
gen --profile multilingual > "$dir/multi.txt" || die "gen-corpus.pl failed"

# 10,000 `map` entries and 1,000 `drop` literals of made-up words: none occurs
# in the corpus, so these rows measure what a big rule set costs when it
# does not fire
(cd "$dir" && perl -e '
	my @c = qw(b d f g k l m n p r s t v z br dr gl kr pl st tr zh);
	my @v = qw(a e i o u y ei ou);
	my $s = 7;
	sub rnd { $s = ($s * 1103515245 + 12345) % 2147483648; int($s / 65536) % $_[0] }
	my (%seen, @w);
	while (@w < 22000) {
		my $w = join "", map { $c[rnd(scalar @c)] . $v[rnd(scalar @v)] } 1 .. 3 + rnd(2);
		$w .= ("n", "r", "sk", "", "")[rnd(5)];
		push @w, $w unless $seen{$w}++;
	}
	open my $m, ">", "maps10k.rules" or die;
	for my $i (0 .. 9999) {
		my ($k, $r) = ($w[2 * $i], $w[2 * $i + 1]);
		$k = ucfirst $k if $i % 2;
		$k .= " " . $w[20000 + $i % 2000] if $i % 10 == 3;
		print $m "map $k => ", ucfirst $r, "\n";
	}
	close $m or die;
	open my $d, ">", "drops1k.rules" or die;
	my @tail = ("", ":", " now", " (sponsored)", "...", " »");
	for my $i (0 .. 999) {
		my @p = map { $w[rnd(20000)] } 1 .. 2 + rnd(4);
		print $d "drop ", ucfirst(join " ", @p), $tail[$i % 6], "\n";
	}
	close $d or die;
') || die "cannot write the rule files"
for r in maps10k drops1k; do
	"$nc" --check-rules -r "$dir/$r.rules" > /dev/null || die "newsclean rejects $r.rules"
done
cat "$dir/news.txt" "$dir/news.jsonl" "$dir/multi.txt" > /dev/null
echo "inputs:    made in $(( $(date +%s) - t0 )) s: news.txt, news.jsonl, multi.txt ($(wc -c < "$dir/news.txt") bytes each), maps10k.rules, drops1k.rules"
echo

# ------------------------------------------------------------------ rows
# id, label, corpus, reference row, command (run in $dir, see run1 below)
{
	row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@"; }
	row plain  'newsclean'                      news.txt   -      './newsclean < news.txt > /dev/null'
	row pipe   'newsclean in a pipe'            news.txt   plain  'cat news.txt | ./newsclean | cat > /dev/null'
	row jsonl  'newsclean --jsonl'              news.jsonl plain  './newsclean --jsonl < news.jsonl > /dev/null'
	row j2     'newsclean -j 2 --jsonl'         news.jsonl plain  './newsclean -j 2 --jsonl < news.jsonl > /dev/null'
	# the speed of processor 0 against processor $cpu: on a shared machine
	# they can differ, and -j 2 can gain no more than 1 + their ratio
	if [ -n "$cpu" ] && [ "$cpu" != 0 ]; then
		row cpu0 "newsclean --jsonl on cpu 0" news.jsonl jsonl 'taskset -c 0 ./newsclean --jsonl < news.jsonl > /dev/null'
	fi
	row maps   'newsclean + 10,000 maps'        news.txt   plain  './newsclean -r maps10k.rules < news.txt > /dev/null'
	row drops  'newsclean + 1,000 drops'        news.txt   plain  './newsclean -r drops1k.rules < news.txt > /dev/null'
	row multi  'newsclean multilingual'         multi.txt  plain  './newsclean < multi.txt > /dev/null'
	row start  'newsclean start-up'             -          -      './newsclean < /dev/null > /dev/null'
	row cat    'cat | cat'                      news.txt   plain  'cat news.txt | cat > /dev/null'
	# where the scheduler puts the two cats decides the speed of that pipe:
	# about twice as fast on one processor as on two; both, pinned
	if [ -n "$cpu" ] && [ "$(nproc)" -ge 2 ]; then
		other=$(( cpu == 0 ? 1 : 0 ))
		row cat1 'cat | cat, one processor'     news.txt   plain  "taskset -c $cpu cat news.txt | taskset -c $cpu cat > /dev/null"
		row cat2 'cat | cat, two processors'    news.txt   plain  "taskset -c $other cat news.txt | taskset -c $cpu cat > /dev/null"
	fi
	row sed    'sed -E -f clean.sed'            news.txt   plain  'sed -E -f clean.sed < news.txt > /dev/null'
	row perl   'perl -CSD clean.pl'             news.txt   plain  'perl -CSD clean.pl < news.txt > /dev/null'
	if command -v uconv > /dev/null 2>&1; then
		row uconv 'uconv -x any-nfc'            news.txt   plain  'uconv -f UTF-8 -t UTF-8 -x any-nfc < news.txt > /dev/null'
	fi
	row mcat   'cat | cat'                      multi.txt  multi  'cat multi.txt | cat > /dev/null'
	row mperl  'perl -CSD clean.pl'             multi.txt  multi  'perl -CSD clean.pl < multi.txt > /dev/null'
	if command -v uconv > /dev/null 2>&1; then
		row muconv 'uconv -x any-nfc'           multi.txt  multi  'uconv -f UTF-8 -t UTF-8 -x any-nfc < multi.txt > /dev/null'
	fi
} > "$dir/rows.tsv"
command -v uconv > /dev/null 2>&1 || echo "(uconv not installed: its rows are left out)"

cd "$dir" || exit 2
perl - "$runs" "$timebin" "$cpu" <<'EOF'
use strict;
use warnings;
use POSIX ();
use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);

my ($N, $timebin, $cpu) = @ARGV;
open STDIN, '<', '/dev/null' or die;
$| = 1;

my (@rows, %row);
open my $fh, '<', 'rows.tsv' or die "rows.tsv: $!";
while (<$fh>) {
	chomp;
	my %r;
	@r{qw(id label corpus ref cmd)} = split /\t/;
	$r{bytes} = $r{corpus} eq '-' ? 0 : -s $r{corpus};
	push @rows, \%r;
	$row{ $r{id} } = \%r;
}

sub median {
	my @s = sort { $a <=> $b } @_;
	return undef unless @s;
	return @s % 2 ? $s[$#s / 2] : ($s[@s / 2 - 1] + $s[@s / 2]) / 2;
}

# one run of CMD: (seconds, status, peak RSS KiB when WITH_RSS). "PROG ARGS <
# IN > OUT" is run directly, without a shell; a pipeline by sh -c.
sub run1 {
	my ($cmd, $with_rss) = @_;
	my ($in, $out, @argv);
	if ($cmd =~ /^([^|<>;&'"]+?) < (\S+) > (\S+)$/) {
		($in, $out, @argv) = ($2, $3, split ' ', $1);
		unshift @argv, 'taskset', '-c', $cpu if length $cpu && $cmd !~ / -j /;
	} else {
		@argv = ('sh', '-c', $cmd);
	}
	$with_rss &&= $timebin;
	unlink 'rss' if $with_rss;
	unshift @argv, $timebin, '-f', '%M', '-o', 'rss' if $with_rss;
	my $t0 = clock_gettime(CLOCK_MONOTONIC);
	my $pid = fork // die "fork: $!";
	if (!$pid) {
		if (defined $in) {
			open STDIN, '<', $in or POSIX::_exit(126);
			open STDOUT, '>', $out or POSIX::_exit(126);
		}
		exec { $argv[0] } @argv or POSIX::_exit(127);
	}
	waitpid $pid, 0;
	my $status = $?;
	my $t = clock_gettime(CLOCK_MONOTONIC) - $t0;
	my $rss;
	if ($with_rss && open my $r, '<', 'rss') {
		while (<$r>) { $rss = $1 if /^(\d+)\s*$/ }
	}
	return ($t, $status, $rss);
}

sub failed {
	my ($r, $st) = @_;
	$r->{failed} = $st & 127 ? 'signal ' . ($st & 127) : 'exit ' . ($st >> 8);
	return undef;
}

sub measure {    # run ROW once: MB/s, or undef when it failed; KEEP: count it for ROW
	my ($r, $keep) = @_;
	return undef if $r->{failed};
	my ($t, $st) = run1($r->{cmd});
	return failed($r, $st) if $st;
	my $mbs = $r->{bytes} / 1e6 / $t;
	push @{ $r->{mbs} }, $mbs if $keep;
	return $mbs;
}

sub warm_up {    # one run, not timed, that gives the peak RSS
	my ($r) = @_;
	my (undef, $st, $rss) = run1($r->{cmd}, 1);
	return failed($r, $st) if $st;
	$r->{rss} = $rss;
}

# what every run carries on this machine: fork + exec (+ sh for a pipeline)
my $cmd_true = 'true < /dev/null > /dev/null';
run1($cmd_true) for 1 .. 3;
my $floor = median(map { 1000 * (run1($cmd_true))[0] } 1 .. 20);
my $floor_sh = median(map { 1000 * (run1('true | true'))[0] } 1 .. 20);
printf "every run includes fork + exec: /bin/true takes %.2f ms, a pipeline `true | true` %.2f ms (not subtracted)\n\n",
	$floor, $floor_sh;

for my $r (@rows) {
	printf STDERR "  %-28s %-10s ...\r", $r->{label}, $r->{corpus} if -t STDERR;
	warm_up($r);
	if ($r->{id} eq 'start') {
		run1($r->{cmd}) for 1 .. 2;
		my @t = sort { $a <=> $b } map { my ($t, $st) = run1($r->{cmd}); failed($r, $st) if $st; 1000 * $t } 1 .. 20;
		@{$r}{qw(ms msmin msmax)} = (median(@t), $t[0], $t[-1]);
		next;
	}
	my $ref = $r->{ref} eq '-' ? undef : $row{ $r->{ref} };
	$r->{mbs} = [];
	for (1 .. $N) {
		if (!$ref) { measure($r, 1); next }
		my $a = measure($ref, 0);
		my $b = measure($r, 1);
		push @{ $r->{ratio} }, $b / $a if defined $a && defined $b;
	}
}
print STDERR ' ' x 50, "\r" if -t STDERR;

# ------------------------------------------------------------------ the table
sub mbs { my $x = shift; return $x >= 100 ? sprintf('%.0f', $x) : sprintf('%.1f', $x) }
sub rat { my $x = shift; return $x >= 10 ? sprintf('%.1f', $x) : sprintf('%.3g', $x) }
sub rss { my $k = shift; return defined $k ? sprintf('%.1f MiB', $k / 1024) : 'n/a' }

my $fmt = "%-26s %-10s %9s  %-13s %10s  %s\n";
printf $fmt, 'command', 'input', 'MB/s', '(min-max)', 'peak RSS', 'ratio to newsclean (min-max)';
printf $fmt, '-' x 26, '-' x 10, '-' x 9, '-' x 13, '-' x 10, '-' x 28;
for my $r (@rows) {
	if ($r->{id} eq 'start') {
		if ($r->{failed}) { printf $fmt, $r->{label}, '/dev/null', 'FAILED', "($r->{failed})", '', ''; next }
		printf $fmt, $r->{label}, '/dev/null', sprintf('%.2f ms', $r->{ms}),
			sprintf('(%.2f-%.2f)', $r->{msmin}, $r->{msmax}), rss($r->{rss}),
			sprintf('median of 20; /bin/true: %.2f ms', $floor);
		next;
	}
	if ($r->{failed} && !@{ $r->{mbs} }) {
		printf $fmt, $r->{label}, $r->{corpus}, 'FAILED', "($r->{failed})", '', '';
		next;
	}
	my @m = sort { $a <=> $b } @{ $r->{mbs} };
	my $ratio;
	if ($r->{ref} eq '-') {
		$ratio = '1 (reference)';
	} elsif ($r->{ratio} && @{ $r->{ratio} }) {
		my @q = sort { $a <=> $b } @{ $r->{ratio} };
		my $of = $r->{ref} eq 'plain' ? '' : " to nc on $r->{corpus}";
		$ratio = sprintf('%s (%s-%s)%s', rat(median(@q)), rat($q[0]), rat($q[-1]), $of);
	} else {
		$ratio = 'n/a';
	}
	$ratio .= " [$r->{failed}]" if $r->{failed};
	$r->{med} = median(@m);
	$r->{rmed} = $r->{ratio} && @{ $r->{ratio} } ? median(@{ $r->{ratio} }) : undef;
	printf $fmt, $r->{label}, $r->{corpus}, mbs($r->{med}),
		sprintf('(%s-%s)', mbs($m[0]), mbs($m[-1])), rss($r->{rss}), $ratio;
}

print "\ncommands (in the corpus directory, ./newsclean = \$NEWSCLEAN; a pipeline runs by sh -c, the rest directly):\n";
printf "  %-26s %s\n", $_->{label} . ($_->{corpus} eq 'multi.txt' && $_->{id} ne 'multi' ? ' (multi)' : ''),
	$_->{cmd} for @rows;

# ------------------------------------------------------------------ issue 4 targets
my %x = map { $_->{id} => $_ } @rows;
my @t;
sub faster {    # how many times newsclean's speed is that of row ID
	my $id = shift;
	my $q = $x{$id} && $x{$id}{rmed};
	return $q ? 1 / $q : undef;
}
sub target {
	my ($what, $val, $ok, $fmtv) = @_;
	push @t, sprintf('  %-44s %-12s %s', $what, defined $val ? sprintf($fmtv, $val) : 'n/a',
		defined $val ? ($ok->($val) ? 'met' : 'NOT met') : '');
}
target('news: >= 30x perl', faster('perl'), sub { $_[0] >= 30 }, '%.1fx');
target('news: >= 20x sed', faster('sed'), sub { $_[0] >= 20 }, '%.1fx');
# The pipe's speed depends on where the two cats run (see the rows): the
# target is read, as the issue writes it, against the unpinned pipe, and
# newsclean's ratios to both placements are printed under it.
target('news: >= 1/4 of cat | cat', $x{cat}{rmed}, sub { $_[0] <= 4 }, '1/%.2f');
if ($x{cat1} && $x{cat2}) {
	my $m = sub { $_[0] ? mbs($_[0]) . ' MB/s' : 'n/a' };
	my $r = sub { $_[0] ? sprintf('1/%.2f', $_[0]) : 'n/a' };
	push @t, sprintf('    (cat | cat pinned: on one processor %s, newsclean %s of it; on two %s, %s)',
		$m->($x{cat1}{med}), $r->($x{cat1}{rmed}), $m->($x{cat2}{med}), $r->($x{cat2}{rmed}));
}
target('multilingual: >= 20x perl', faster('mperl'), sub { $_[0] >= 20 }, '%.1fx');
target('multilingual: >= 8x uconv', faster('muconv'), sub { $_[0] >= 8 }, '%.1fx') if $x{muconv};
target('--jsonl: >= 0.8 of plain', $x{jsonl}{rmed}, sub { $_[0] >= 0.8 }, '%.2f');
target('pipe: at most 1.3x slower than plain', $x{pipe}{rmed} && 1 / $x{pipe}{rmed},
	sub { $_[0] <= 1.3 }, '%.2fx');
target('10,000 maps: at most 1.2x the default cost', $x{maps}{rmed} && 1 / $x{maps}{rmed},
	sub { $_[0] <= 1.2 }, '%.2fx');
target('1,000 drops: at most 1.1x the default cost', $x{drops}{rmed} && 1 / $x{drops}{rmed},
	sub { $_[0] <= 1.1 }, '%.2fx');
target('start-up: under 5 ms (above /bin/true)', $x{start}{ms} && $x{start}{ms} - $floor,
	sub { $_[0] < 5 }, '%.2f ms');
target('peak RSS, default rules: under 16 MiB', $x{plain}{rss} && $x{plain}{rss} / 1024,
	sub { $_[0] < 16 }, '%.1f MiB');
target('peak RSS, 10,000 maps: under 64 MiB', $x{maps}{rss} && $x{maps}{rss} / 1024,
	sub { $_[0] < 64 }, '%.1f MiB');
my $j2 = $x{j2}{rmed} && $x{jsonl}{rmed} && $x{j2}{rmed} / $x{jsonl}{rmed};
target('-j 2 --jsonl: >= 1.8x --jsonl', $j2, sub { $_[0] >= 1.8 }, '%.2fx');
if ($x{cpu0} && $x{cpu0}{rmed}) {
	my $ceil = 1 + $x{cpu0}{rmed};
	push @t, sprintf('    (processor 0 runs --jsonl at %.2f of the pinned one\'s speed: -j 2 can reach %.2fx here%s)',
		$x{cpu0}{rmed}, $ceil, $j2 ? sprintf(', and reaches %.0f%% of that', 100 * $j2 / $ceil) : '');
}
print "\nissue 4 targets (from the medians above; RSS targets are for 1 GB of input):\n", join("\n", @t), "\n";
EOF
status=$?

# ------------------------------------------------------------------ callgrind
if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
	if command -v valgrind > /dev/null 2>&1; then
		perl "$here/gen-corpus.pl" --size 10M --seed "$seed" --profile news > news10.txt
		valgrind --tool=callgrind --callgrind-out-file=callgrind.out ./newsclean < news10.txt > /dev/null 2> /dev/null
		perl -ne 'if (/^(?:summary|totals):\s*(\d+)/) { $ir = $1 }
			END { printf "\ncallgrind, news 10M: %d Ir / %d bytes = %.2f instructions per input byte\n",
				$ir, -s "news10.txt", $ir / -s "news10.txt" if $ir }' callgrind.out
	else
		echo "BENCH_CALLGRIND=1: valgrind is not installed"
	fi
fi
exit $status
