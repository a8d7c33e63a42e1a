#!/usr/bin/env perl
# gen-jsonl.pl -- a deterministic JSON Lines corpus of scraped-news-like
# records for the sharding test: gen-jsonl.pl BYTES > corpus.jsonl
# SPDX-License-Identifier: MIT
use strict;
use warnings;

my $want = shift // 20_000_000;
my $seed = 12345;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; return $seed % $_[0] }
sub pick { return $_[rnd(scalar @_)] }

my @names = ('Kiev', 'Kyiv', 'Kharkov', 'Odessa', 'Lvov', 'Zelenskiy', 'Zelenskyy',
	'Nikolaev', 'Zaporozhye', 'Chernigov', 'Lugansk', 'Kievan Rus', 'Odessa, Texas');
my @words = qw(officials said the council met on Monday to discuss repairs of
	the bridge and new funding for schools while residents waited for power
	crews worked through the night in cold weather reports added that trains
	ran late);
my @junk = ('Leave a Reply', 'Share this:', 'Like this:', 'Related', 'Advertisement',
	'#Ukraine #news #energy', '1732521600', 'Click to share on X (Opens in new window)');
my @marks = ('&quot;', '&amp;', "\\u2019", "\\u00a0", '  ', "\\t", "\\u200b", "\\u00e9",
	"\\ud83d\\ude00", "\\\"", "\\\\", '&#8217;');

sub sentence {
	my @w = map { pick(@words) } 1 .. 6 + rnd(12);
	splice @w, rnd(scalar @w), 0, pick(@names) if rnd(3) == 0;
	splice @w, rnd(scalar @w), 0, pick(@marks) if rnd(4) == 0;
	return ucfirst(join ' ', @w) . '.';
}

my ($bytes, $id) = (0, 0);
while ($bytes < $want) {
	$id++;
	my $title = sentence();
	my @parts = ($title, $title);
	for (1 .. 2 + rnd(6)) {
		push @parts, '' if rnd(2);
		push @parts, join ' ', map { sentence() } 1 .. 1 + rnd(5);
		push @parts, pick(@junk) if rnd(5) == 0;
	}
	my $text = join "\\n", @parts;
	my $rec;
	my $kind = rnd(50);
	if ($kind == 0) {
		$rec = "{\"id\":$id,\"body\":\"no text member\"}";
	} elsif ($kind == 1) {
		$rec = "{\"id\":$id,\"text\":\"broken";
	} elsif ($kind == 2) {
		$rec = '';
	} else {
		$rec = "{\"id\": $id, \"meta\": {\"src\": \"site$id\"}, \"text\": \"$text\"}";
	}
	$rec .= rnd(10) == 0 ? "\r\n" : "\n";
	print $rec;
	$bytes += length $rec;
}
