#!/usr/bin/env perl
# clean.pl -- what a newsclean user might otherwise write in Perl (core modules
# only); the benchmark's perl baseline. Valid UTF-8 in, UTF-8 out:
#
#   perl -CSD bench/ref/clean.pl < raw.txt > clean.txt
#
# Per line: decodes HTML entities (the common named ones, and &#N; / &#xH;),
# removes ZERO WIDTH SPACE, BOM, WORD JOINER and soft hyphens (ZWJ and ZWNJ
# stay, as in newsclean), applies NFC (Unicode::Normalize), turns runs of
# tabs and Unicode spaces (NBSP, U+2000-U+200A, ...) into one space and trims
# the ends, drops page-furniture lines (the literals of
# rules/artifacts.rules, ignoring case), hashtag-only lines and bare 10- or
# 13-digit Unix times, writes Ukrainian names the way rules/names-uk.rules does
# (whole words, case-sensitive, longest first), and prints no line equal to
# the one printed before it (a repeated title, a run of blank lines). Left to
# newsclean: case-keeping name matches, `protect` exceptions, other charsets,
# invalid bytes (perl warns and goes on), mojibake.
# SPDX-License-Identifier: MIT
use strict;
use warnings;
use utf8;
use feature 'fc';
use Unicode::Normalize qw(NFC);

die "run as: perl -CSD clean.pl\n" unless (${^UNICODE} & 0x1f) == 0x1f;

my %ENTITY = (
	amp => '&', lt => '<', gt => '>', quot => '"', apos => "'", nbsp => "\x{a0}",
	ndash => '–', mdash => '—', lsquo => '‘', rsquo => '’', sbquo => '‚',
	ldquo => '“', rdquo => '”', bdquo => '„', hellip => '…', laquo => '«',
	raquo => '»', copy => '©', reg => '®', trade => '™', euro => '€', pound => '£',
	deg => '°', middot => '·', bull => '•', times => '×', shy => "\x{ad}",
	eacute => 'é', egrave => 'è', aacute => 'á', oacute => 'ó', uuml => 'ü',
	ouml => 'ö', auml => 'ä', szlig => 'ß', ccedil => 'ç', ntilde => 'ñ',
);

sub entity {
	my ($all, $num, $name) = @_;
	if (defined $num) {
		my $cp = $num =~ /^[xX]/ ? hex(substr $num, 1) : $num;
		return $all if $cp == 0 || $cp > 0x10ffff || ($cp >= 0xd800 && $cp <= 0xdfff);
		return chr $cp;
	}
	return $ENTITY{$name} // $all;
}

my @DROP = (
	'Leave a Reply', 'Leave a Replay', 'Leave a Reply Cancel reply', 'Leave a Comment',
	'Leave a Comment Cancel reply', 'Cancel reply', 'Reply', 'Log in to Reply',
	'You must be logged in to post a comment.', 'Your email address will not be published.',
	'Required fields are marked *',
	'Your email address will not be published. Required fields are marked *',
	'Save my name, email, and website in this browser for the next time I comment.',
	'Notify me of follow-up comments by email.', 'Notify me of new posts by email.',
	'Notify me of follow-up comments via email.', 'Notify me of new posts via email.',
	'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
	'Comments are closed.', 'Post Comment', 'Comment *', 'Name *', 'Email *', 'Website',
	'Name (required)', 'Email (required)', 'Mail (will not be published) (required)', 'Δ',
	'Post navigation', 'Posts navigation', 'Comment navigation', 'Previous post',
	'Next post', 'Previous article', 'Next article', '« Previous', 'Next »',
	'Skip to content', 'Skip to main content', 'Skip to navigation', 'Toggle navigation',
	'Back to top', 'Share this:', 'Share this', 'Share:', 'Like this:', 'Like',
	'Like Loading...', 'Like Loading…', 'Loading...', 'Loading…', 'Be the first to like this.',
	'Related', 'Related:', 'Related posts', 'Related posts:', 'Related articles',
	'Related stories', '(Opens in new window)', 'Click to print (Opens in new window)',
	(map { "Click to share on $_ (Opens in new window)" } qw(Twitter X Facebook WhatsApp
		Telegram LinkedIn Reddit Tumblr Pinterest Pocket Threads Mastodon Bluesky Nextdoor
		Skype Google+)),
	'Click to email a link to a friend (Opens in new window)',
	'Click to email this to a friend (Opens in new window)',
	'Share', 'Tweet', 'Print', 'Email', 'Pin it', 'Copy link', 'Share this article',
	'Share this story', 'Share this post', 'Share on Facebook', 'Share on Twitter',
	'Share on X', 'Share via Email', 'Email this article', 'Print this article',
	'Print this page', 'Print Friendly, PDF & Email', 'Facebook Twitter WhatsApp Email',
	'Facebook Twitter Pinterest WhatsApp', 'Follow us', 'Follow us on Twitter',
	'Follow us on X', 'Follow us on Facebook', 'Follow us on Telegram',
	'Listen to this article', 'Continue reading', 'Continue reading...',
	'Continue reading…', 'Continue reading →', 'Read more', 'Read more...', 'Read more…',
	'Read more »', 'You may also like', 'You might also like', 'Recommended for you',
	'Recommended stories', 'Most read', 'Most popular', 'Trending now', 'Subscribe',
	'Subscribe now', 'Subscribe to our newsletter', 'Sign up for our newsletter',
	'Advertisement', 'Advertisements', 'Advertisement Scroll to continue with content',
	'Scroll to continue with content', 'Skip Advertisement',
	'Story continues below advertisement', 'Article continues below advertisement',
	'Story continues below', 'Sponsored', 'Sponsored content', 'Accept all cookies',
	'Accept cookies', 'Reject all cookies', 'Cookie settings',
);
my %DROP = map { fc($_) => 1 } @DROP;

# canonical spelling => the old ones
my @NAMES = (
	'Zelensky' => [qw(Zelenskyy Zelenskiy Zelenskyj Zelenskij Zelenskii Zelenskyi
		Zelenski Selenskyj Selenskij Selenski Selensky)],
	'Volodymyr Zelensky' => [ map { "Vladimir $_" } qw(Zelensky Zelenskyy Zelenskiy
		Zelenskyj Zelenskij Zelenskii Zelenski) ],
	'Zaluzhnyi' => [qw(Zaluzhny Zaluzhniy Zaluzhnyy Zaluzhnii)],
	'Syrskyi' => [qw(Syrsky Syrskiy Syrskyy Syrskii)],
	'Shmyhal' => [qw(Shmygal Shmigal)], 'Tymoshenko' => ['Timoshenko'],
	'Yanukovych' => [qw(Yanukovich Yanukovitch)], 'Yushchenko' => [qw(Yushenko Yuschenko)],
	'Podolyak' => ['Podoliak'],
	'Bohdan Khmelnytsky' => [ 'Bogdan Khmelnitsky', 'Bohdan Khmelnitsky',
		'Bogdan Khmelnitskiy', 'Bohdan Khmelnitskiy', 'Bogdan Khmelnytsky' ],
	'Kyiv' => [qw(Kiev Kiew Kyyiv Kyïv Kiyv)], 'Kharkiv' => ['Kharkov'],
	'Odesa' => ['Odessa'], 'Lviv' => [ 'Lvov', "L'viv", 'L’viv' ],
	'Mykolaiv' => [qw(Nikolaev Nikolayev Mykolayiv)],
	'Zaporizhzhia' => [ qw(Zaporozhye Zaporozhe Zaporozhie), "Zaporozh'ye", 'Zaporozh’ye',
		qw(Zaporizhia Zaporizhzhya Zaporizhzhe Zaporizhya) ],
	'Chernihiv' => ['Chernigov'], 'Luhansk' => ['Lugansk'],
	'Dnipro' => [qw(Dnepr Dniepr Dnieper Dnepropetrovsk)],
	'Dnipropetrovsk region' => ['Dnepropetrovsk region'],
	'Dnipropetrovsk Oblast' => ['Dnepropetrovsk Oblast'],
	'Dnipropetrovsk province' => ['Dnepropetrovsk province'],
	'Kryvyi Rih' => [ 'Krivoy Rog', 'Kryvoy Rog', 'Krivoi Rog', 'Krivoj Rog', 'Kryvyy Rih',
		'Kryvy Rih', 'Krivyi Rih' ],
	'Rivne' => ['Rovno'], 'Vinnytsia' => [qw(Vinnitsa Vinnitsia Vinnytsya)],
	'Zhytomyr' => [qw(Zhitomir Zhytomir)], 'Ternopil' => ['Ternopol'],
	'Chernivtsi' => [qw(Chernovtsy Chernovtsi)], 'Uzhhorod' => [qw(Uzhgorod Uzhorod)],
	'Sievierodonetsk' => [qw(Severodonetsk Sieverodonetsk Syeverodonetsk)],
	'Lysychansk' => [qw(Lisichansk Lysichansk Lisychansk)], 'Berdiansk' => ['Berdyansk'],
	'Horlivka' => [qw(Gorlovka Horlovka)], 'Makiivka' => [qw(Makeyevka Makeevka Makiyivka)],
	'Kremenchuk' => ['Kremenchug'], 'Chornobyl' => ['Chernobyl'],
	'Khmelnytskyi' => [qw(Khmelnitsky Khmelnitskiy Khmelnitski Khmelnytskyy Khmelnytskiy)],
	'Izium' => ['Izyum'], 'Kupiansk' => ['Kupyansk'], 'Enerhodar' => ['Energodar'],
	'Donbas' => ['Donbass'], 'Sloviansk' => [qw(Slavyansk Slovyansk)],
	'Avdiivka' => [qw(Avdeyevka Avdeevka)], 'Vuhledar' => [qw(Vugledar Ugledar)],
	'Hostomel' => ['Gostomel'], 'Irpin' => ['Irpen'], 'Borodianka' => ['Borodyanka'],
	'Boryspil' => ['Borispol'], 'Bila Tserkva' => ['Belaya Tserkov'],
	'Cherkasy' => ['Cherkassy'], 'Ivano-Frankivsk' => ['Ivano-Frankovsk'],
	'Kirovohrad' => ['Kirovograd'], 'Pavlohrad' => ['Pavlograd'],
	'Chuhuiv' => [qw(Chuguyev Chuguev)], 'Vovchansk' => ['Volchansk'],
	'Chasiv Yar' => ['Chasov Yar'], 'Nova Kakhovka' => ['Novaya Kakhovka'],
	'Debaltseve' => ['Debaltsevo'], 'Kurakhove' => ['Kurakhovo'], 'Selydove' => ['Selidovo'],
	'Marinka' => ['Maryinka'], 'Rubizhne' => ['Rubezhnoye'], 'Kreminna' => ['Kremennaya'],
	'Svatove' => ['Svatovo'], 'Popasna' => ['Popasnaya'], 'Huliaipole' => ['Gulyaipole'],
	'Robotyne' => ['Rabotino'], 'Okhtyrka' => ['Akhtyrka'],
	'Kamianets-Podilskyi' => ['Kamenets-Podolsky'], 'Henichesk' => ['Genichesk'],
	'Yasynuvata' => ['Yasinovataya'], 'Druzhkivka' => ['Druzhkovka'],
	'Balakliia' => ['Balakleya'], 'Marhanets' => ['Marganets'],
);
my %NAME;
for (my $i = 0; $i < @NAMES; $i += 2) {
	$NAME{$_} = $NAMES[$i] for @{ $NAMES[ $i + 1 ] };
}
my $alt = join '|', map { quotemeta } sort { length $b <=> length $a || $a cmp $b } keys %NAME;
my $NAME_RE = qr/\b($alt)\b/;

my $prev;
while (<STDIN>) {
	chomp;
	s/&(?:#([0-9]{1,7}|[xX][0-9a-fA-F]{1,6})|([a-zA-Z]+));/entity($&, $1, $2)/ge
		if index($_, '&') >= 0;
	tr/\x{200b}\x{2060}\x{feff}\x{ad}//d;
	$_ = NFC($_) if /[^\x00-\x7f]/;
	s/[\t \x{a0}\x{1680}\x{2000}-\x{200a}\x{202f}\x{205f}]+/ /g;
	s/^ //;
	s/\s+\z//;
	next if $DROP{ fc $_ };
	next if /^#[^\s#]+(?: #[^\s#]+)*\z/;
	next if /^(?:[0-9]{10}|[0-9]{13})\z/;
	s/$NAME_RE/$NAME{$1}/g;
	next if defined $prev && $_ eq $prev;
	$prev = $_;
	print $_, "\n";
}
