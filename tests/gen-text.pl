#!/usr/bin/env perl
# gen-text.pl -- a deterministic corpus of scraped-news-like text for the -j
# test: gen-text.pl BYTES [plain|nul] > corpus.  Plain: documents separated by
# form-feed lines; nul: documents each ended by a NUL.  The text has what the
# cleaner works on: repeated titles, runs of blank and space-only lines, page
# widgets, old transliterations, entities, odd spaces and invisibles,
# decomposed accents, every line-end convention, very long paragraphs, lines
# that make a backtracking regex hit its limit, and in the last third a few
# invalid bytes (so that --invalid=error stops there, deep in the input).
# SPDX-License-Identifier: MIT
use strict;
use warnings;

my $want = shift // 8_000_000;
my $mode = shift // 'plain';
my $seed = 20241126;
my $late = 0; # past two thirds of the output
sub rnd {
	$seed = ($seed * 1103515245 + 12345) % 2147483648;
	return ($seed >> 8) % $_[0];
}
sub pick { return $_[rnd(scalar @_)] }

my @places = ('Kiev', 'KIEV', 'Kharkov', 'Odessa', 'Lvov', 'Nikolaev', 'Chernigov',
	'Zaporozhye', 'Lugansk', 'Kievan Rus', 'Kyiv', 'Lviv', "Kiev's");
my @people = ('Zelenskiy', 'Zelenskyy', 'Timoshenko', 'Yanukovich', 'Zaluzhny',
	'the mayor', 'a spokeswoman');
my @nouns = qw(tram depot harbour ferry archive library orchard bakery stadium
	clinic reservoir market theatre observatory bridge museum);
my @verbs = qw(reopened flooded closed inspected repainted mapped funded
	rebuilt measured guarded visited catalogued);
my @adj = qw(old northern quiet municipal wooden narrow crowded restored
	distant flooded green);
my @glue = ('and', 'while', 'after', 'before', 'because', 'as', 'although');
my @widgets = ('Share this:', 'Like this:', '  LIKE THIS:  ', 'Advertisement',
	'Related', 'Related posts', 'Read more', 'Leave a Reply', 'Print',
	'#Kyiv #news #harbour', '1700000000', 'Skip to content', 'Subscribe now',
	'Click to share on Telegram (Opens in new window)', 'Like Loading...');
my @marks = ('&amp;', '&quot;', '&#8217;', '&nbsp;', "\xC2\xA0", "\xE2\x80\x8B",
	"e\xCC\x81", "\xE2\x80\x9Cquoted\xE2\x80\x9D", "\t", '   ', "\xEF\xBC\xA1",
	"\xE2\x80\x94");
my @bad = ("\xFF", "\xC3", "\xED\xA0\x80", "\xF8\x88\x80\x80\x80");

sub clause {
	my @w = (pick(@adj), pick(@nouns));
	unshift @w, 'the' if rnd(2);
	push @w, pick(@verbs);
	push @w, 'in', pick(@places) if rnd(2);
	push @w, 'by', pick(@people) if rnd(4) == 0;
	splice @w, rnd(scalar @w), 0, pick(@marks) if rnd(3) == 0;
	return join ' ', @w;
}

sub sentence {
	my $s = clause();
	$s .= ' ' . pick(@glue) . ' ' . clause() for 1 .. rnd(3);
	$s .= ' ' . pick(@bad) if $late && rnd(400) == 0;
	return ucfirst($s) . '.';
}

sub eol {
	my $k = rnd(40);
	return "\r\n" if $k < 4;
	return "\r" if $k == 4;
	return "\xE2\x80\xA8" if $k == 5;
	return "\xC2\x85" if $k == 6;
	return "\x0B" if $k == 7;
	return "\n";
}

sub document {
	my @lines;
	my $title = join ' ', map { ucfirst pick(@nouns) } 1 .. 2 + rnd(4);
	$title .= ' in ' . pick(@places);
	push @lines, $title for 1 .. 1 + rnd(3);
	push @lines, "$title  " if rnd(3) == 0; # the same after normalizing
	for (1 .. 2 + rnd(8)) {
		push @lines, ('') x rnd(4);
		push @lines, "  \t " if rnd(5) == 0;
		my $n = rnd(30) == 0 ? 40 + rnd(40) : 1 + rnd(5);
		push @lines, join ' ', map { sentence() } 1 .. $n;
		push @lines, $lines[-1] if rnd(8) == 0;
		push @lines, pick(@widgets) if rnd(3) == 0;
		push @lines, 'a' x (28 + rnd(8)) . 'b' if rnd(60) == 0;
	}
	push @lines, ('') x rnd(3);
	return join '', map { $_ . eol() } @lines;
}

binmode STDOUT;
my $bytes = 0;
while ($bytes < $want) {
	my $doc = document();
	if ($mode eq 'nul') {
		$doc .= "\0";
	} else {
		$doc .= pick("\f\n", " \f \n", "\f\f\n", "\t\f\r\n");
	}
	print $doc;
	$bytes += length $doc;
	$late = $bytes > $want * 2 / 3;
}
