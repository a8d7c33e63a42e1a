#!/usr/bin/env perl
# gen-learn.pl -- deterministic corpora for the --learn tests (tests/learn.sh)
# and the memory figure of bench/README.md.
#
#   gen-learn.pl site DOCS [nul|jsonl] [TRUTH]
#	news-like documents of three made-up sites, each with its own
#	boilerplate planted (fixed lines, byline templates with dates, time
#	stamps and counts, a rarer corrections line, lines that the built-in
#	rules drop already) among unique content sentences and one long
#	sentence that recurs in many documents (content, not boilerplate).
#	TRUTH gets one line per planted or content line of the corpus:
#	"P\tTEXT" or "C\tTEXT".
#   gen-learn.pl bulk DOCS [nul|jsonl]
#	the same without the check that each content sentence is new (which
#	keeps every sentence in memory): for corpora of gigabytes.
#   gen-learn.pl zipf DOCS [nul|jsonl]
#	documents of short lines drawn with a skewed (Zipf-like) law from a
#	large set, so that a small --learn-memory table fills up; no digits.
#
# Documents end with a NUL (nul, the default) or are JSON Lines records.
# All text is invented here.
# SPDX-License-Identifier: MIT
use strict;
use warnings;

my ($kind, $docs, $mode, $truth) = @ARGV;
$kind //= 'site';
$docs //= 2000;
$mode //= 'nul';
my $seed = 20261126;
sub rnd {
	$seed = ($seed * 1103515245 + 12345) % 2147483648;
	return ($seed >> 8) % $_[0];
}
sub pick { return $_[rnd(scalar @_)] }

my @adj = qw(quiet northern amber crowded narrow patient wooden early
	distant modest bright stubborn hidden rapid frozen gentle);
my @noun = qw(ferry orchard depot archive harbour tannery quarry mill
	observatory greenhouse bakery viaduct reservoir lighthouse workshop
	granary canal market tram kiln);
my @verb = qw(reopened inspected repainted mapped funded rebuilt measured
	closed moved widened cleaned insured restored surveyed);
my @who = qw(engineers volunteers inspectors residents students merchants
	surveyors carpenters councillors gardeners pilots weavers);
my @when = ('on Monday', 'after the storm', 'before dawn', 'last winter',
	'this spring', 'by the weekend', 'at short notice', 'for the first time');

sub out_doc {
	my @lines = @_;
	my $text = join("\n", @lines);
	if ($mode eq 'jsonl') {
		$text =~ s/\\/\\\\/g;
		$text =~ s/"/\\"/g;
		$text =~ s/\n/\\n/g;
		print "{\"text\":\"$text\"}\n";
	} else {
		print $text, "\0";
	}
}

if ($kind eq 'zipf') {
	# line r of the set is drawn with weight about 1/r
	my $set = 20000;
	for my $d (1 .. $docs) {
		my @lines;
		for (1 .. 25) {
			my $u = rnd(1 << 20) / (1 << 20);
			my $r = int(exp($u * log($set)));
			my $x = $r;
			my @w;
			for (1 .. 4) {
				push @w, $noun[$x % @noun];
				$x = int($x / @noun);
				push @w, $adj[$x % @adj] if $x;
				$x = int($x / @adj);
			}
			push @lines, join(' ', 'line', @w);
		}
		out_doc(@lines);
	}
	exit 0;
}

my $tf;
if ($truth) {
	open($tf, '>', $truth) or die "$truth: $!\n";
}
my %used;
sub content {
	my $s;
	do {
		my @w = (ucfirst(pick(@who)), pick(@verb), 'the', pick(@adj), pick(@noun));
		push @w, 'near the', pick(@adj), pick(@noun) if rnd(2);
		push @w, pick(@when) if rnd(2);
		push @w, 'with', 1 + rnd(90), pick(@noun) . 's' if rnd(4) == 0;
		$s = join(' ', @w) . pick('.', '.', '.', '!', '?');
	} while ($kind ne 'bulk' && $used{$s}++);
	return $s;
}

my @sites = (
	{ share => 50, authors => [qw(anna petro ivanna)],
	  fixed => ['Read more from our Kyiv bureau', 'Follow us on Telegram',
		    'Northwind Herald | Local news'],
	  byline => 'Posted on %04d-%02d-%02d by %s' },
	{ share => 35, authors => [qw(marta oleh)],
	  fixed => ['Subscribe to the Morning Brief', 'Photo: Harbor Daily staff'],
	  byline => 'By %4$s, %2$02d/%3$02d/%1$04d' },
	{ share => 15, authors => [qw(taras)],
	  fixed => ['Listen to this article', 'Lakeside Courier'],
	  byline => 'Updated %04d-%02d-%02d %02d:%02d',
	  rare => 'Corrections? Write to the desk' },
);
my $recurring = 'The regional council said the survey of every bridge and '
	. 'viaduct would be finished before the first frost of the season.';

for my $d (1 .. $docs) {
	my $x = rnd(100);
	my $site = $x < 50 ? $sites[0] : $x < 85 ? $sites[1] : $sites[2];
	my @lines;
	my $plant = sub { push @lines, $_[0]; print $tf "P\t$_[0]\n" if $tf };
	my $say = sub { push @lines, $_[0]; print $tf "C\t$_[0]\n" if $tf };
	$say->(content());
	$plant->($site->{fixed}[-1]) if rnd(10) < 9;
	my ($y, $m, $day) = (2024 + rnd(3), 1 + rnd(12), 1 + rnd(28));
	my $who = pick(@{ $site->{authors} });
	if ($site->{byline} =~ /^Updated/) {
		$plant->(sprintf($site->{byline}, $y, $m, $day, rnd(24), rnd(60)));
	} else {
		$plant->(sprintf($site->{byline}, $y, $m, $day, $who));
	}
	push @lines, '';
	$say->(content()) for 1 .. 3 + rnd(8);
	$say->($recurring) if rnd(20) == 0;
	push @lines, 'Advertisement' if rnd(3) == 0; # dropped by @artifacts
	$say->(content()) for 1 .. 1 + rnd(4);
	push @lines, '';
	$plant->(sprintf('Comments (%d)', rnd(300))) if $site == $sites[0];
	$plant->($site->{rare}) if $site->{rare} && rnd(8) == 0;
	for my $f (@{ $site->{fixed} }[0 .. $#{ $site->{fixed} } - 1]) {
		$plant->($f) if rnd(20) != 0;
	}
	out_doc(@lines);
}
close($tf) if $tf;
