#!/bin/sh
# learn.sh -- --learn on generated corpora: the proposed rules remove the
# planted boilerplate and no content; the same rules for every -j, read size
# and input mode; the counts within the documented error bound
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
gen="$top_srcdir/tests/gen-learn.pl"
if ! command -v perl > /dev/null; then
	echo "1..0 # SKIP perl not installed"
	exit 77
fi

# ---- a corpus of three sites with planted boilerplate
perl "$gen" site 2000 nul "$TMP/truth" > "$TMP/corpus.z"
"$NEWSCLEAN" --learn -z "$TMP/corpus.z" > "$TMP/rules" 2> "$TMP/err"
check "learn: status 0" [ $? -eq 0 ]
check "learn: no message" [ ! -s "$TMP/err" ]
check "learn: the rules load" "$NEWSCLEAN" --check-rules -r "$TMP/rules"
check "learn: a byline template is one regex" \
	grep -qxF 'drop /^Posted on [0-9]{4}-[0-9]{2}-[0-9]{2} by anna$/' "$TMP/rules"
check "learn: a time stamp of 1,440 times a day is one regex" \
	grep -qxF 'drop /^Updated [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$/' "$TMP/rules"
check "learn: a count of comments is one regex" \
	grep -qxF 'drop /^Comments \([0-9]{1,3}\)$/' "$TMP/rules"
check "learn: the recurring sentence is for review only" \
	grep -qx '# drop The regional council said .*season\.' "$TMP/rules"
check "learn: the review comment" grep -qx '# review: [0-9]* documents (.*), reads like content; e.g. .*' "$TMP/rules"
check "learn: lines the built-in rules drop are not counted" \
	sh -c '! grep -qiE "^(# )?drop (Advertisement|Follow us on Telegram)$" "$1"' sh "$TMP/rules"
check "learn: the rare corrections line (1% of documents)" \
	grep -qxF 'drop Corrections? Write to the desk' "$TMP/rules"

# the rules applied to the corpus: planted lines left, content lines lost
"$NEWSCLEAN" -z -r "$TMP/rules" "$TMP/corpus.z" > "$TMP/clean"
perl -e '
	my ($truth, $clean) = @ARGV;
	my (%planted, %content, $n_planted);
	open(my $t, "<", $truth) or die;
	while (<$t>) {
		chomp;
		my ($k, $s) = split /\t/, $_, 2;
		if ($k eq "P") { $planted{$s} = 1; $n_planted++ } else { $content{$s}++ }
	}
	open(my $c, "<", $clean) or die;
	local $/;
	my $all = <$c>;
	my $left = 0;
	for my $line (split /[\n\0]/, $all) {
		$left++ if $planted{$line};
		$content{$line}-- if exists $content{$line};
	}
	my $lost = 0;
	$lost += $_ > 0 ? $_ : 0 for values %content;
	printf "%d %d %d\n", $n_planted, $left, $lost;
' "$TMP/truth" "$TMP/clean" > "$TMP/figures"
read planted left lost < "$TMP/figures"
echo "# planted lines: $planted, left after the rules: $left; content lines lost: $lost"
check "learn: at least 99% of the planted lines removed" [ $((left * 100)) -le "$planted" ]
check "learn: no content line lost" [ "$lost" -eq 0 ]

# the same rules for every -j and read size, and from every input mode
for args in "-j 2" "-j 3 --buffer-size=4096" "-j 1 --buffer-size=3"; do
	# shellcheck disable=SC2086
	"$NEWSCLEAN" --learn -z $args "$TMP/corpus.z" > "$TMP/rules2"
	check "learn: same output with $args" cmp -s "$TMP/rules" "$TMP/rules2"
done
grep -v '^#' "$TMP/rules" > "$TMP/bare"
perl "$gen" site 2000 jsonl > "$TMP/corpus.jsonl"
for j in 1 2; do
	"$NEWSCLEAN" --learn --jsonl -j $j "$TMP/corpus.jsonl" | grep -v '^#' > "$TMP/bare2"
	check "learn: --jsonl -j $j proposes the same rules as -z" cmp -s "$TMP/bare" "$TMP/bare2"
done
# plain mode: documents between form-feed lines
perl -pe 's/\0/\n\f\n/g' "$TMP/corpus.z" > "$TMP/corpus.txt"
for j in 1 2; do
	"$NEWSCLEAN" --learn -j $j "$TMP/corpus.txt" | grep -v '^#' > "$TMP/bare2"
	check "learn: plain -j $j proposes the same rules as -z" cmp -s "$TMP/bare" "$TMP/bare2"
done
# a document per FILE in plain mode, and the thresholds
printf 'Alpha\nSame line\n' > "$TMP/a.txt"
printf 'Beta\nSame line\n' > "$TMP/b.txt"
printf 'Gamma\n' > "$TMP/c.txt"
(cd "$TMP" && "$NEWSCLEAN" --learn --min-docs=2 --min-share=66.6 a.txt b.txt c.txt) > "$TMP/out"
cat > "$TMP/want" << 'EOF'
# newsclean --learn: proposed drop rules, most frequent first.
# Review them, then use them with: newsclean -r FILE
# 3 documents, 5 lines; 5 (document, line) pairs in 147455 counters: a count is exact
# rules for lines in 2 documents or more and 66.6% of them

# 2 documents (66.6%); e.g. a.txt:2
drop Same line
EOF
check "learn: one document per FILE" cmp -s "$TMP/out" "$TMP/want"
(cd "$TMP" && "$NEWSCLEAN" --learn --min-docs=2 --min-share=66.7 a.txt b.txt c.txt) | grep -c '^drop' > "$TMP/out"
check "learn: --min-share is a floor" [ "$(cat "$TMP/out")" = 0 ]

# ---- the error bound: a 1 MiB table on a skewed corpus that overfills it
perl "$gen" zipf 600 > "$TMP/zipf.z"
"$NEWSCLEAN" -R --learn -z --learn-memory=1 --min-docs=1 --min-share=0 "$TMP/zipf.z" > "$TMP/zrules"
check "bound: the table was full" grep -q 'a count is exact to within [0-9]' "$TMP/zrules"
perl -e '
	my ($corpus, $rules) = @ARGV;
	open(my $c, "<", $corpus) or die;
	local $/ = "\0";
	my %exact;
	while (my $doc = <$c>) {
		chomp $doc;
		my %seen;
		$exact{$_}++ for grep { $_ ne "" && !$seen{$_}++ } split /\n/, $doc;
	}
	$/ = "\n";
	open(my $r, "<", $rules) or die;
	my ($pairs, $k, $lo, $hi, $bad, $n, %listed);
	while (<$r>) {
		chomp;
		($pairs, $k) = ($1, $2) if /(\d+) \(document, line\) pairs in (\d+) counters/;
		($lo, $hi) = ($1, $2 // $1) if /^# (?:review: )?(\d+)(?: to (\d+))? documents/;
		if (/^(?:# )?drop (.*)$/) {
			my $e = $exact{$1} // 0;
			$listed{$1} = 1;
			$n++;
			$bad++ if $e < $lo || $e > $hi || $hi - $lo > $pairs / $k;
		}
	}
	# every line in more than N / k documents keeps its counter
	my $missed = grep { $exact{$_} > $pairs / $k && !$listed{$_} } keys %exact;
	printf "%d %d %d %d %d %d\n", $n, $bad // 0, $missed, $pairs, $k, scalar keys %exact;
' "$TMP/zipf.z" "$TMP/zrules" > "$TMP/bound"
read listed bad missed pairs k distinct < "$TMP/bound"
echo "# $distinct distinct lines, N = $pairs pairs, k = $k counters, N/k = $((pairs / k)); $listed listed"
check "bound: every listed count holds the exact count, within N/k" [ "$bad" -eq 0 ]
check "bound: every line in more than N/k documents is listed" [ "$missed" -eq 0 ]
check "bound: lines were listed" [ "$listed" -gt 100 ]
check "bound: some counts are ranges" grep -q '^# [0-9]* to [0-9]* documents' "$TMP/zrules"
"$NEWSCLEAN" -R --learn -z --learn-memory=64 --min-docs=1 --min-share=0 "$TMP/zipf.z" > "$TMP/zexact"
check "bound: a table with room is exact" grep -q 'a count is exact$' "$TMP/zexact"
check "bound: no ranges when exact" sh -c '! grep -q " to [0-9]* documents" "$1"' sh "$TMP/zexact"

# ---- usage
"$NEWSCLEAN" --learn -i "$TMP/a.txt" > "$TMP/out" 2> "$TMP/err"
check "usage: --learn -i is status 2" [ $? -eq 2 ]
check "usage: --learn -i writes nothing" [ ! -s "$TMP/out" ]
check "usage: the file is untouched" cmp -s "$TMP/a.txt" - << 'EOF'
Alpha
Same line
EOF
finish
