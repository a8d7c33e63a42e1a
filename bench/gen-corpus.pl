#!/usr/bin/env perl
# gen-corpus.pl -- a deterministic, news-like benchmark corpus for newsclean,
# full of the scraper leftovers newsclean removes. Perl core modules only.
#
#   perl bench/gen-corpus.pl --profile news|multilingual --size 100M --seed 1 [--jsonl]
#
# Writes exactly SIZE bytes to standard output (K, M, G are powers of 1024);
# the last line is cut to fit and still ends in a newline (with --jsonl the
# last record is cut or padded so that it stays valid JSON). The same seed,
# profile and mode give the same bytes with any Perl >= 5.20 (its rand() is a
# built-in drand48, the same on every platform), and a smaller size is a
# prefix of a larger one except for the cut last line. --jsonl writes each
# article as one JSON Lines record {"id":N,"text":"..."} drawn from the same
# random stream, so it holds the same articles as the plain text.
#
# Every word, name list and sentence in this file was written for it.
# SPDX-License-Identifier: MIT
use strict;
use warnings;
use Getopt::Long qw(GetOptions);
use Unicode::Normalize ();

my $profile = 'news';
my $size_arg = '100M';
my $seed = 1;
my $jsonl = 0;
GetOptions(
	'profile=s' => \$profile,
	'size=s' => \$size_arg,
	'seed=i' => \$seed,
	'jsonl' => \$jsonl,
	'help' => sub { print usage(); exit 0 },
) or die usage();
die usage() if @ARGV;
die "gen-corpus.pl: unknown profile '$profile' (news, multilingual)\n"
	unless $profile eq 'news' || $profile eq 'multilingual';
my $SIZE = parse_size($size_arg);
my $ML = $profile eq 'multilingual';

sub usage {
	return "usage: perl gen-corpus.pl [--profile news|multilingual] [--size N[K|M|G]] [--seed N] [--jsonl]\n";
}

sub parse_size {
	my ($s) = @_;
	$s =~ /^(\d+)([KMG]?)$/i or die "gen-corpus.pl: bad --size '$s' (e.g. 100M)\n";
	my %mul = ('' => 1, K => 1024, M => 1024**2, G => 1024**3);
	return $1 * $mul{uc $2};
}

# ------------------------------------------------------------------ random
# Perl's rand() is drand48 implemented inside perl since 5.20: portable.
srand($seed * 2 + ($ML ? 1 : 0));
sub R { return int(rand($_[0])) }           # 0 .. n-1
sub chance { return rand() < $_[0] }
sub pick { return $_[0][int(rand(scalar @{ $_[0] }))] }

# ------------------------------------------------------------------ English words
my @FIRST = qw(Anna Marek Olha Taras Hanna Ruslan Iryna Bohdan Sofia Maksym Daria
	Petro Laura Tomas Ingrid Pieter Chloe Daniel Grace Samuel Leah Arjun Mei
	Kofi Nadia Emil Rosa Felix Julia Oskar Marta Yusuf Elena Viktor Klara Hugo);
my @LAST = qw(Marchenko Hrytsenko Savchuk Tkachenko Lysenko Moroz Kravets Boyko
	Pavlenko Rudenko Holub Novik Fenwick Ashby Calloway Durand Brenner Lindgren
	Okonkwo Tanaka Castillo Horvath Varga Nowicki Sorensen Whitlock Harrow Quill
	Mercer Abbott Delacroix Moreau Keller Janssen Bianchi Ferreira Osei Rahman);
my @ROLE = ('Mayor', 'regional governor', 'Deputy Minister', 'police spokesperson',
	'city council member', 'energy ministry official', 'economist', 'hospital director',
	'railway spokesperson', 'emergency services chief', 'school principal',
	'lawmaker', 'aid coordinator', 'military analyst', 'local historian');
my @ORG = ('the National Bank', 'the statistics office', 'the state railway',
	'the regional military administration', 'the city water utility',
	'the Grid Operators Association', 'Harlow & Finch', 'Stone & Reed Analytics',
	'the Red Cross', 'the World Food Programme', 'the European Commission',
	'the Ministry of Energy', 'the International Atomic Energy Agency',
	'the Institute for Urban Studies', 'the Chamber of Commerce', 'Meridian & Co.');
my @CITY = ('Warsaw', 'Berlin', 'Brussels', 'Vilnius', 'Geneva', 'Vienna', 'Prague',
	'Chisinau', 'Bucharest', 'Riga', 'Helsinki', 'Ankara', 'Tbilisi', 'Rome',
	'Paris', 'London', 'Washington', 'Ottawa', 'Copenhagen', 'Budapest');
my @THINGS = ('substations', 'apartment blocks', 'schools', 'bridges', 'water mains',
	'boiler houses', 'bus routes', 'hospital wards', 'rail junctions', 'bomb shelters',
	'heating plants', 'grain silos', 'power lines', 'kindergartens');
my @GOODS = ('bread', 'buckwheat', 'sunflower oil', 'diesel', 'eggs', 'firewood',
	'medicine', 'cooking gas', 'winter coats', 'building materials', 'potatoes');
my @FIXED = ('repaired', 'reconnected', 'rebuilt', 'inspected', 'cleared', 'reopened');
my @JOB = ('teacher', 'nurse', 'bus driver', 'baker', 'electrician', 'pensioner',
	'student', 'shop owner', 'farmer', 'volunteer', 'engineer', 'paramedic');
my @DAY = qw(Monday Tuesday Wednesday Thursday Friday Saturday Sunday);
my @MONTH = qw(January February March April May June July August September
	October November December);
my @WHEN = ('on Monday', 'late on Tuesday', 'overnight', 'earlier this week',
	'on Friday morning', 'last month', 'over the weekend', 'shortly before dawn',
	'on Wednesday evening', 'two days ago', 'this spring');
my @ORD = qw(second third fourth fifth sixth seventh tenth);
my @SOURCE = ('Reuters', 'AP', 'AFP', 'Ukrinform', 'Suspilne', 'the Kyiv Independent',
	'Interfax-Ukraine', 'Hromadske', 'Staff reporter', 'Newsroom');
my @QUOTE = (
	'We will rebuild every house on this street',
	'Nobody here is thinking about leaving',
	'The next two weeks will be the hardest',
	'It’s the third time this month that the lights went out',
	'We don’t have enough generators for every school',
	'Our crews are working around the clock',
	'People are tired, but they keep going',
	'I can’t remember a colder November',
	'The numbers don’t lie — demand has doubled',
	'We’re asking our partners for more air defense',
	'Every delivery counts',
	'This is not a temporary measure');

# Ukrainian names: the current spelling first, then old transliterations that
# scraped text still carries (the pairs that rules/names-uk.rules maps).
my @UA_PLACE = (
	['Kyiv', 'Kiev', 'Kiev', 'Kiev', 'Kiew'],
	['Kharkiv', 'Kharkov'], ['Odesa', 'Odessa'], ['Lviv', 'Lvov', "L'viv"],
	['Mykolaiv', 'Nikolaev', 'Nikolayev'], ['Zaporizhzhia', 'Zaporozhye', 'Zaporizhia'],
	['Dnipro', 'Dnepr', 'Dnepropetrovsk'], ['Chernihiv', 'Chernigov'],
	['Luhansk', 'Lugansk'], ['Rivne', 'Rovno'], ['Vinnytsia', 'Vinnitsa'],
	['Zhytomyr', 'Zhitomir'], ['Ternopil', 'Ternopol'], ['Chernivtsi', 'Chernovtsy'],
	['Uzhhorod', 'Uzhgorod'], ['Sievierodonetsk', 'Severodonetsk'],
	['Lysychansk', 'Lisichansk'], ['Berdiansk', 'Berdyansk'], ['Horlivka', 'Gorlovka'],
	['Makiivka', 'Makeyevka'], ['Kremenchuk', 'Kremenchug'],
	['Kryvyi Rih', 'Krivoy Rog', 'Kryvyy Rih'], ['Khmelnytskyi', 'Khmelnitsky'],
	['Izium', 'Izyum'], ['Kupiansk', 'Kupyansk'], ['Sloviansk', 'Slavyansk'],
	['Avdiivka', 'Avdeyevka'], ['Hostomel', 'Gostomel'], ['Irpin', 'Irpen'],
	['Cherkasy', 'Cherkassy'], ['Bila Tserkva', 'Belaya Tserkov'],
	['Enerhodar', 'Energodar'], ['Kherson'], ['Mariupol'], ['Sumy'], ['Poltava'],
	['Kramatorsk'], ['Bucha'], ['Bakhmut'], ['Pokrovsk'], ['Melitopol']);
my @UA_PERSON = (
	['President Volodymyr', 'Zelensky', 'Zelenskiy', 'Zelenskyy', 'Zelenskyj'],
	['Gen. Valerii', 'Zaluzhnyi', 'Zaluzhny', 'Zaluzhniy'],
	['Col. Gen. Oleksandr', 'Syrskyi', 'Syrsky'],
	['Prime Minister Denys', 'Shmyhal', 'Shmygal'],
	['former Prime Minister Yulia', 'Tymoshenko', 'Timoshenko'],
	['ex-president Viktor', 'Yanukovych', 'Yanukovich'],
	['ex-president Viktor', 'Yushchenko', 'Yushenko'],
	['presidential adviser Mykhailo', 'Podolyak', 'Podoliak'],
	['Mayor Vitali', 'Klitschko'], ['Foreign Minister Andrii', 'Sybiha'],
	['intelligence chief Kyrylo', 'Budanov']);
my @RIVER = ('Dnipro', 'Dnipro', 'Dnipro', 'Dnieper', 'Dnepr');
# whole-word matching must leave these alone (the first six), or a protect
# rule must (the last three)
my @NEAR_MISS = (
	'The exhibition follows the history of Kievan Rus from the ninth century onward.',
	'The café on Kharkovsky Street has served the same borscht since {year}.',
	'Among the archive papers was a letter signed simply “Lev Lvovich.”',
	'Tour groups still photograph the Odessan steps at sunset.',
	'A Kievskaya metro station also exists in Moscow, a reminder of older ties.',
	'The lecture was given by Anna Lvovna Melnyk, a retired teacher.',
	'At the diner he ordered chicken Kiev and a glass of water.',
	'The company moved its office from Odessa, Texas, to Dallas in {year}.',
	'Readers will remember The Odessa File, the thriller from 1972.');

my %SLOT = (
	first => \@FIRST, last => \@LAST, org => \@ORG, city => \@CITY, things => \@THINGS,
	goods => \@GOODS, fixed => \@FIXED, job => \@JOB, day => \@DAY, month => \@MONTH,
	when => \@WHEN, ord => \@ORD, quote => \@QUOTE,
	n => sub { 2 + R(98) },
	n2 => sub { 1 + R(20) },
	pct => sub { 1 + R(60) },
	big => sub { my $x = 1000 + R(89000); $x =~ s/(\d)(\d{3})$/$1,$2/; $x },
	year => sub { 1890 + R(134) },
	time => sub { 1 + R(11) . ':' . sprintf('%02d', R(60)) },
	off => sub { pick(\@ROLE) . ' ' . pick(\@FIRST) . ' ' . pick(\@LAST) },
	uac => sub { ua_name(pick(\@UA_PLACE)) },
	uap => sub { my $p = pick(\@UA_PERSON); $p->[0] . ' ' . ua_name([ @$p[1 .. $#$p] ]) },
	uas => sub { my $p = pick(\@UA_PERSON); ua_name([ @$p[1 .. $#$p] ]) },
	river => sub { chance(0.7) ? 'Dnipro' : pick(\@RIVER) },
	donbas => sub { chance(0.8) ? 'Donbas' : 'Donbass' },
	dash => sub { chance(0.8) ? ' — ' : '—' },
	near => \@NEAR_MISS,
);

# the current spelling, or (8%) one of the old ones
sub ua_name {
	my ($e, $bare) = @_;
	return $e->[0] if @$e == 1 || !chance(0.08);
	my $v = $e->[1 + R(@$e - 1)];
	return (!$bare && chance(0.08)) ? "$v’s" : $v;
}

sub fill {
	my ($t) = @_;
	$t =~ s/\{(\w+)\}/slot($1)/ge;
	return $t;
}

sub slot {
	my $v = $SLOT{ $_[0] } or die "no slot $_[0]";
	my $s = ref $v eq 'CODE' ? $v->() : $v->[int(rand(scalar @$v))];
	return index($s, '{') >= 0 ? fill($s) : $s;
}

my @SENTENCE = (
	'{off} said {when} that {n} {things} had been {fixed} in {uac} since {month}.',
	'“{quote},” {off} told reporters in {uac}.',
	'{org} put the damage at ${big} million{dash}more than twice last year’s estimate.',
	'Residents of {uac} queued for water and bread as the temperature fell to minus {n2} degrees.',
	'The council in {city} voted {n} to {n2} to extend the program for another year.',
	'According to {org}, about {pct} percent of homes in the {uac} region had no power {when}.',
	'{uap} met officials from {city} {when} to discuss air defense, reconstruction and grain exports.',
	'Trains between {uac} and {uac} ran up to {n} minutes late, the railway operator said.',
	'It was the {ord} attack on {uac} this month, the local administration said.',
	'“We don’t know when the heating will come back,” said {first}, a {n}-year-old {job} from {uac}.',
	'Analysts at {org} expect inflation to slow to {pct} percent by the end of the year.',
	'The museum, founded in {year}, reopened {when} after a {n2}-month renovation.',
	'{off} declined to comment on the report, citing an ongoing investigation.',
	'Engineers restored heating to {big} apartments in {uac}, but {n} buildings remain cold.',
	'Farmers near {uac} say fuel prices have risen by {pct} percent since the spring.',
	'The delegation then traveled to {uac}, where it visited a school rebuilt with money from {org}.',
	'Prices for {goods} rose {pct} percent in {month}, the statistics office said.',
	'{uas} said the situation around {uac} was “difficult but under control.”',
	'Schools in {uac} moved to remote lessons for {n2} days after the strike.',
	'A spokesperson for {org} said {n} generators had been sent to the {uac} area.',
	'Local media in {uac} reported several explosions shortly after {time} a.m.',
	'The report by {org}, published {when}, runs to {n} pages and {n2} annexes.',
	'Volunteers in {city} have collected {big} euros for hospitals in {uac} and {uac}.',
	'The bridge over the {river} River is expected to reopen in {month}, officials said.',
	'Shelling in the {donbas} continued {when}, with {n} settlements reported under fire.',
	'“It’s hard to plan anything,” said {first} {last}, who runs a bakery in {uac}.',
	'{off} warned that repairs could take {n2} to {n} weeks{dash}longer if frosts set in.',
	'The {uac} city council approved the {year} budget after a {n2}-hour debate.',
	'Power was restored to {big} customers by {time} p.m., {org} said in a statement.',
	'Around {n} people gathered in the main square of {uac} to mark the anniversary.',
	'The {ord} round of talks in {city} ended without a joint statement.',
	'{uap} thanked {city} for the new aid package, worth about €{n} million.',
	'{near}',
);
my @TITLE = (
	'{uac} hit by drones as {n} villages lose power',
	'Council approves {year} budget after long debate',
	'Officials in {uac} promise heating by {month}',
	'{uas} meets {city} leaders on reconstruction',
	'Train service between {uac} and {uac} resumes',
	'Prices for {goods} climb for {ord} month in a row',
	'Volunteers rebuild school in the {uac} region',
	'What we know about the overnight attack on {uac}',
	'{org} warns of a hard winter for the power grid',
	'In {uac}, a bakery keeps its ovens on through the blackouts',
	'Bridge over the {river} to reopen in {month}, officials say',
	'{uap} visits front-line units near {uac}',
	'How {city} is helping families from {uac}',
	'Water supply restored in parts of {uac} after {n2} days',
);

my %SMALL = map { $_ => 1 } qw(a an the of in on to for as at and by with from after over);
sub title_case {
	my ($t) = @_;
	my $i = 0;
	$t =~ s{(\S+)}{ my $w = $1; ($i++ && $SMALL{$w}) ? $w : ucfirst $w }ge;
	return $t;
}

sub straighten {
	my ($s) = @_;
	$s =~ s/“|”/"/g;
	$s =~ s/‘|’/'/g;
	return $s;
}

sub en_sentence {
	my $s = ucfirst fill(pick(\@SENTENCE));
	return chance(0.25) ? straighten($s) : $s;
}

sub en_title {
	my $t;
	for (1 .. 20) {
		$t = ucfirst fill(pick(\@TITLE));
		last if length($t) >= 40 && length($t) <= 90;
	}
	return chance(0.45) ? title_case($t) : $t;
}

# ------------------------------------------------------------------ other languages
# Short news sentences written for this corpus; {N} is a number.
my %FOREIGN = (
	uk => [
		'Міська рада Києва ухвалила новий бюджет на {N} мільйонів гривень.',
		'Енергетики повернули світло в {N} будинків після нічної атаки.',
		'У Харкові знову лунали сирени, повідомили в обласній адміністрації.',
		'Мешканці кажуть, що зима буде важкою, але їхати вони не збираються.',
		'Рятувальники всю ніч розбирали завали зруйнованого будинку.',
		'За даними міністерства, {N} шкіл отримали нові генератори.',
		'Потяг до Львова вирушив із запізненням через пошкоджену колію.',
		'Волонтери зібрали {N} тисяч гривень на ремонт лікарні в Одесі.',
		'Економісти попереджають, що ціни на продукти зростуть уже навесні.',
		'Фермери на півдні розпочали посівну раніше, ніж торік.',
		'Президент відповів на запитання іноземних журналістів у Києві.',
		'Ремонт мосту через Дніпро мають завершити до кінця року.',
	],
	ru => [
		'Городские власти закрыли центральную площадь на ремонт.',
		'По словам синоптиков, в ближайшие дни ожидается сильный снегопад.',
		'В порту разгрузили {N} тонн зерна, сообщили в компании.',
		'Жители района жалуются на перебои с водой уже третью неделю.',
		'Новый мост через реку откроют для движения в следующем месяце.',
		'Учёные местного университета представили итоги многолетнего исследования.',
		'Цены на бензин выросли на {N} процентов с начала года.',
		'Выставку современного искусства посетили более {N} человек.',
		'Полиция задержала двух подозреваемых в мошенничестве.',
		'Совет директоров утвердил план развития на ближайшие пять лет.',
		'Ещё {N} семей получили ключи от новых квартир.',
	],
	el => [
		'Το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό της πόλης.',
		'Οι μετεωρολόγοι προειδοποιούν για ισχυρούς ανέμους στο Αιγαίο.',
		'Περισσότεροι από {N} επιβάτες ταξίδεψαν με πλοία το Σαββατοκύριακο.',
		'Η κυβέρνηση ανακοίνωσε μέτρα στήριξης για τους αγρότες.',
		'Οι τιμές της ενέργειας μειώθηκαν για δεύτερο συνεχόμενο μήνα.',
		'Το μουσείο θα μείνει κλειστό λόγω εργασιών συντήρησης.',
		'Οι κάτοικοι του νησιού ζητούν καλύτερη ιατρική περίθαλψη.',
		'Η ομάδα κέρδισε τον αγώνα με {N} γκολ στο δεύτερο ημίχρονο.',
		'Ο υπουργός συναντήθηκε με εκπροσώπους των εργαζομένων στο λιμάνι.',
		'Η πυροσβεστική έθεσε υπό έλεγχο τη φωτιά κοντά στο χωριό.',
	],
	zh => [
		'市政府宣布将在明年春天开通新的地铁线路。',
		'据气象部门预报，本周末北方地区将出现大风降温天气。',
		'今年前十个月，港口货物吞吐量同比增长{N}%。',
		'当地居民表示，新建的公园让社区生活更加方便。',
		'专家提醒，冬季用电高峰期间应注意节约能源。',
		'这家工厂计划招聘{N}名工人，以满足订单需求。',
		'图书馆延长了开放时间，方便学生复习考试。',
		'铁路部门增开多趟列车，应对节日出行高峰。',
		'农民们正在抓紧时间收割稻谷。',
		'博物馆的新展览吸引了大量游客前来参观。',
	],
	ja => [
		'市議会は来年度の予算案を賛成多数で可決しました。',
		'気象庁によりますと、週末は全国的に雨が降る見込みです。',
		'駅前の再開発計画について、住民説明会が開かれました。',
		'新しい図書館には{N}冊以上の本が並んでいます。',
		'電気料金の値上げを受けて、節電を心がける家庭が増えています。',
		'地元の高校生がボランティアで公園の清掃を行いました。',
		'物価の上昇が続いており、家計への影響が広がっています。',
		'空港では年末年始の帰省ラッシュが始まりました。',
		'専門家は、地震への備えを改めて確認するよう呼びかけています。',
		'この町では、伝統的な祭りが三年ぶりに開催されました。',
	],
	ko => [
		'시의회는 내년도 예산안을 통과시켰다고 밝혔다.',
		'기상청은 이번 주말 전국에 비가 내릴 것으로 예보했다.',
		'새로 문을 연 도서관에는 {N}권이 넘는 책이 있다.',
		'전문가들은 물가 상승이 당분간 이어질 것이라고 전망했다.',
		'주민들은 새 공원 덕분에 생활이 더 편리해졌다고 말했다.',
		'정부는 농민들을 위한 지원 대책을 발표했다.',
		'공항은 연휴를 앞두고 여행객들로 붐비고 있다.',
		'시장은 기자회견에서 교통 문제 해결을 약속했다.',
	],
	ar => [
		'أعلنت البلدية عن افتتاح حديقة جديدة في وسط المدينة.',
		'قال المسؤولون إن أعمال الصيانة ستستمر حتى نهاية الشهر.',
		'ارتفعت أسعار المواد الغذائية بنسبة {N} في المئة خلال العام الماضي.',
		'يتوقع خبراء الأرصاد هطول أمطار غزيرة في المناطق الشمالية.',
		'افتتح الوزير معرضاً للكتاب يضم أكثر من {N} دار نشر.',
		'أكد رئيس الجامعة أن الدراسة ستبدأ في موعدها المحدد.',
		'طالب السكان بتحسين خدمات المياه والكهرباء في الأحياء القديمة.',
		'وصلت إلى الميناء سفينة تحمل آلاف الأطنان من القمح.',
		'شارك مئات المتطوعين في حملة لتنظيف الشاطئ يوم السبت.',
		'قررت الحكومة تأجيل الانتخابات المحلية إلى الربيع المقبل.',
	],
	fr => [
		'Le conseil municipal a approuvé le nouveau budget à l’unanimité.',
		'Selon Météo-France, de fortes pluies sont attendues dans le sud-est dès jeudi.',
		'Plus de {N} élèves ont fait leur rentrée dans les écoles rénovées.',
		'Les habitants du quartier dénoncent le bruit des travaux nocturnes.',
		'Le ministre a déclaré que les prix de l’énergie resteraient élevés cet hiver.',
		'La grève des contrôleurs a entraîné l’annulation de nombreux vols.',
		'Une exposition consacrée aux peintres de la région ouvre ses portes à Lyon.',
		'Les agriculteurs réclament une aide d’urgence après la sécheresse.',
		'Le président a reçu à l’Élysée une délégation d’élus locaux.',
		'La bibliothèque prolonge ses horaires d’ouverture pendant les examens.',
	],
	de => [
		'Der Stadtrat hat den Haushalt für das kommende Jahr verabschiedet.',
		'Nach Angaben der Polizei wurden bei dem Unfall {N} Menschen verletzt.',
		'Die Preise für Heizöl sind im Vergleich zum Vormonat deutlich gestiegen.',
		'Anwohner beschweren sich über den Lärm der nächtlichen Bauarbeiten.',
		'Die Bahn kündigte an, die Strecke bis Ende März zu sanieren.',
		'Im Museum ist ab Samstag eine Ausstellung über die Geschichte der Stadt zu sehen.',
		'Experten rechnen mit einem weiteren Rückgang der Arbeitslosigkeit.',
		'Die Schüler überreichten dem Bürgermeister eine Liste mit Vorschlägen.',
		'Wegen des Sturms blieben zahlreiche Straßen gesperrt.',
		'Die Gemeinde möchte in den nächsten Jahren {N} neue Wohnungen bauen.',
	],
	pl => [
		'Rada miasta przyjęła nowy budżet na przyszły rok.',
		'Według synoptyków w weekend spadnie pierwszy śnieg.',
		'Na dworcu zatrzymano pociąg z powodu awarii sieci trakcyjnej.',
		'Mieszkańcy skarżą się na hałas podczas nocnych prac budowlanych.',
		'Ceny żywności wzrosły o {N} procent w porównaniu z ubiegłym rokiem.',
		'Minister zapowiedział wsparcie dla rolników dotkniętych suszą.',
		'W muzeum otwarto wystawę poświęconą historii regionu.',
		'Ratownicy przez całą noc szukali zaginionego turysty w górach.',
		'Szkoła otrzymała {N} nowych komputerów od lokalnej firmy.',
		'Prezydent spotkał się z przedstawicielami samorządów w Lublinie.',
	],
	vi => [
		'Hội đồng thành phố đã thông qua ngân sách cho năm tới.',
		'Theo dự báo, miền Bắc sẽ có mưa lớn vào những ngày cuối tuần.',
		'Hơn {N} học sinh đã được nhận vào ngôi trường mới xây dựng.',
		'Người dân trong khu phố phàn nàn về tiếng ồn từ công trường.',
		'Giá xăng dầu tăng lần thứ ba kể từ đầu năm.',
		'Bộ trưởng cho biết chính phủ sẽ hỗ trợ nông dân bị ảnh hưởng bởi hạn hán.',
		'Bảo tàng mở cửa triển lãm mới về lịch sử địa phương.',
		'Lực lượng cứu hộ đã làm việc suốt đêm để tìm kiếm người mất tích.',
		'Sân bay dự kiến đón khoảng {N} nghìn lượt khách trong dịp Tết.',
		'Các chuyên gia cảnh báo giá thực phẩm có thể tiếp tục tăng.',
	],
	es => [
		'El ayuntamiento aprobó ayer el presupuesto para el próximo año.',
		'Según los meteorólogos, las lluvias continuarán hasta el miércoles.',
		'Más de {N} vecinos firmaron una petición para reabrir la biblioteca.',
		'El ministro anunció nuevas ayudas para los pequeños agricultores.',
		'La policía investiga un robo en una joyería del centro de la ciudad.',
		'El precio de la vivienda subió un {N} por ciento en el último trimestre.',
	],
);
my @LANGS = qw(uk ru el zh ja ko ar fr de pl vi es);
my %NOSPACE = (zh => 1, ja => 1);
# share of paragraphs written decomposed (NFD), so that NFC has work to do
my %NFD_RATE = (uk => 0.3, ru => 0.3, el => 0.3, zh => 0, ja => 0.2, ko => 0.2,
	ar => 0.2, fr => 0.5, de => 0.5, pl => 0.5, es => 0.5, vi => 0.6);
# rough bytes per character, to aim paragraphs at 200-900 characters
my %BPC = (uk => 1.8, ru => 1.8, el => 1.8, zh => 3, ja => 3, ko => 2.6, ar => 1.8,
	fr => 1.05, de => 1.05, pl => 1.1, es => 1.03, vi => 1.35);
my %TAGS = (
	uk => ['#Україна', '#Київ', '#новини', '#енергетика'],
	ru => ['#новости', '#город', '#погода'],
	el => ['#Ελλάδα', '#ειδήσεις', '#Αθήνα'],
	zh => ['#新闻', '#城市', '#天气'],
	ja => ['#ニュース', '#東京', '#地震'],
	ko => ['#뉴스', '#서울', '#날씨'],
	ar => ['#أخبار', '#المدينة'],
	fr => ['#actualité', '#Lyon', '#météo'],
	de => ['#Nachrichten', '#Köln', '#Verkehr'],
	pl => ['#wiadomości', '#Kraków', '#pogoda'],
	vi => ['#tin_tức', '#HàNội'],
	es => ['#noticias', '#Sevilla'],
);
# NFC and NFD forms of every sentence, as UTF-8 bytes
my (%FNFC, %FNFD);
for my $l (@LANGS) {
	for my $s (@{ $FOREIGN{$l} }) {
		my $c = $s;
		utf8::decode($c) or die "bad UTF-8 in $l sentence";
		my ($n, $d) = (Unicode::Normalize::NFC($c), Unicode::Normalize::NFD($c));
		utf8::encode($n);
		utf8::encode($d);
		push @{ $FNFC{$l} }, $n;
		push @{ $FNFD{$l} }, $d;
	}
}

sub foreign_paragraph {
	my ($l, $nfd, $target) = @_;
	my $list = $nfd ? $FNFD{$l} : $FNFC{$l};
	my $sep = $NOSPACE{$l} ? '' : ' ';
	my $p = '';
	my $max = 900 * $BPC{$l};
	$target *= $BPC{$l};
	while (length $p < $target) {
		my $s = pick($list);
		$s =~ s/\{N\}/2 + R(998)/ge;
		last if length($p) > 0 && length($p) + length($s) > $max;
		$p .= ($p eq '' ? '' : $sep) . $s;
	}
	return $p;
}

sub foreign_title {
	my ($l, $nfd) = @_;
	my $t = pick($nfd ? $FNFD{$l} : $FNFC{$l});
	$t =~ s/\{N\}/2 + R(98)/ge;
	$t =~ s/(?:\.|。)\z//;
	return $t;
}

# ------------------------------------------------------------------ page furniture
my @WIDGET = ('Leave a Reply', 'Leave a Replay', 'Leave a Comment', 'Cancel reply',
	'Share this:', 'Like this:', 'Like Loading...', 'Related', 'Related posts:',
	'Advertisement', 'ADVERTISEMENT', 'Click to share on Twitter (Opens in new window)',
	'Click to share on Facebook (Opens in new window)',
	'Click to share on WhatsApp (Opens in new window)',
	'Click to share on Telegram (Opens in new window)',
	'Click to print (Opens in new window)',
	'Click to email a link to a friend (Opens in new window)',
	'Your email address will not be published. Required fields are marked *',
	'Comment *', 'Name *', 'Email *', 'Website',
	'Save my name, email, and website in this browser for the next time I comment.',
	'Read more', 'Continue reading', 'Skip to content', 'Subscribe to our newsletter',
	'Scroll to continue with content', 'Post navigation', 'Story continues below advertisement');
my @EN_TAGS = ('#Ukraine', '#news', '#energy', '#Kyiv', '#KyivNotKiev', '#winter',
	'#economy', '#Europe', '#breaking', '#StandWithUkraine', '#power', '#aid');

sub dateline {
	my ($l) = @_;
	my ($y, $m, $d) = (2019 + R(6), 1 + R(12), 1 + R(28));
	my ($hh, $mm) = (R(24), R(60));
	if ($l && ($l eq 'zh' || $l eq 'ja')) {
		return sprintf('%d年%d月%d日 %02d:%02d', $y, $m, $d, $hh, $mm);
	}
	if ($l && $l eq 'ko') {
		return sprintf('%d년 %d월 %d일 %02d:%02d', $y, $m, $d, $hh, $mm);
	}
	return sprintf('%02d.%02d.%d %02d:%02d', $d, $m, $y, $hh, $mm) if $l;
	my $mon = $MONTH[$m - 1];
	my $k = R(6);
	return "$mon $d, $y" if $k == 0;
	return sprintf('By %s %s | %s | %s %d, %d', pick(\@FIRST), pick(\@LAST),
		pick(\@SOURCE), $mon, $d, $y) if $k == 1;
	return sprintf('Posted on %d-%02d-%02d by admin', $y, $m, $d) if $k == 2;
	return sprintf('Published %d %s %d, %02d:%02d', $d, $mon, $y, $hh, $mm) if $k == 3;
	return sprintf('Updated: %d:%02d %s EET, %s %d, %d', 1 + $hh % 12, $mm,
		$hh < 12 ? 'AM' : 'PM', $mon, $d, $y) if $k == 4;
	return sprintf('%s, %s %d (%s)', uc(ua_name(pick(\@UA_PLACE), 1)), $mon, $d, pick(\@SOURCE));
}

my @ENTITY = (
	[ '’', '&#8217;' ], [ '“', '&#8220;' ], [ '”', '&#8221;' ], [ ' & ', ' &amp; ' ],
	[ ' — ', ' &mdash; ' ], [ '—', '&#x2014;' ], [ '"', '&quot;' ], [ "'", '&#39;' ],
	[ ' ', '&nbsp;' ], [ '–', '&ndash;' ],
);
my @TRAIL = (' ', '  ', "\t", " \t", "\xc2\xa0", '   ');
my @INDENT = ('  ', "\t", '    ', ' ');
my @RARE_INVISIBLE = ("\xef\xbb\xbf", "\xe2\x81\xa0", "\xe2\x80\x8c", "\xe2\x80\x8d");

# the n-th space (counted from a random start) in $$p, or -1
sub some_space {
	my ($p) = @_;
	my $len = length $$p;
	return -1 if $len < 2;
	my $i = index($$p, ' ', R($len));
	$i = index($$p, ' ') if $i < 0;
	return $i;
}

# scraper damage to one paragraph
sub damage {
	my ($p) = @_;
	if (chance(0.06)) {                        # HTML entities
		for (1 .. 1 + R(3)) {
			my $e = pick(\@ENTITY);
			my $i = index($p, $e->[0]);
			next if $i < 0;
			if ($e->[0] ne ' ' && chance(0.5)) {
				my ($from, $to) = @$e;
				$p =~ s/\Q$from\E/$to/g;
			} else {
				substr($p, $i, length $e->[0]) = $e->[1];
			}
		}
	}
	if (chance(0.15)) {                        # double spaces
		for (1 .. 1 + R(3)) {
			my $i = some_space(\$p);
			substr($p, $i, 1) = chance(0.8) ? '  ' : '   ' if $i >= 0;
		}
	}
	if (chance(0.03)) {                        # no-break space
		my $i = some_space(\$p);
		substr($p, $i, 1) = "\xc2\xa0" if $i >= 0;
	}
	if (chance(0.012)) {                       # zero-width space
		my $i = some_space(\$p);
		substr($p, $i, 0) = "\xe2\x80\x8b" if $i >= 0;
	}
	if (chance(0.003)) {                       # BOM, word joiner, ZWNJ, ZWJ
		my $i = some_space(\$p);
		substr($p, $i + 1, 0) = pick(\@RARE_INVISIBLE) if $i >= 0;
	}
	if (chance(0.012)) {                       # soft hyphen inside a long word
		my $from = R(length $p);
		pos($p) = $from;
		if ($p =~ /\G.*?\b([A-Za-z]{4})([a-z]{4,})/gs) {
			substr($p, $-[2], 0) = "\xc2\xad";
		}
	}
	$p = pick(\@INDENT) . $p if chance(0.02);
	$p .= pick(\@TRAIL) if chance(0.08);
	return $p;
}

# the gap after a paragraph
sub gap {
	my $r = rand();
	return ('') x (2 + R(3)) if $r < 0.05;
	return (pick([ ' ', "\t", '  ', " \t " ])) if $r < 0.08;
	return ('');
}

sub widget {
	my $w = pick(\@WIDGET);
	return chance(0.1) ? $w . pick([ ' ', '  ', "\t" ]) : $w;
}

# ------------------------------------------------------------------ articles
sub article {
	my $lang = ($ML && chance(0.5)) ? pick(\@LANGS) : undef;
	my $nfd = $lang && chance($NFD_RATE{$lang});
	my @l;
	my $title = $lang ? foreign_title($lang, $nfd) : en_title();
	push @l, $title;
	my $r = rand();
	if ($r < 0.72) { push @l, $title }
	elsif ($r < 0.90) { push @l, '', $title }
	push @l, dateline($lang);
	push @l, 1_600_000_000 + R(140_000_000) if chance(0.35);
	push @l, '';
	my $paras = 3 + R(10);
	my $widgets = 1 + R(4);
	my @mid;
	for (1 .. $widgets) { push @mid, chance(0.3) ? 1 + R($paras) : 0 }
	for my $k (1 .. $paras) {
		my $target = 200 + R(700);
		my $p;
		if ($lang) {
			$p = foreign_paragraph($lang, chance($NFD_RATE{$lang}), $target);
		} elsif ($ML && chance(0.15)) {
			my $fl = pick(\@LANGS);
			$p = foreign_paragraph($fl, chance($NFD_RATE{$fl}), $target);
		} else {
			$p = '';
			while (length $p < $target) {
				my $s = en_sentence();
				last if length($p) > 150 && length($p) + length($s) > 900;
				$p .= ($p eq '' ? '' : ' ') . $s;
			}
		}
		push @l, damage($p), gap();
		for my $w (@mid) { push @l, widget(), '' if $w == $k }
	}
	for my $w (@mid) { push @l, widget() if $w == 0 }
	if (chance(0.5)) {
		my @t = map { pick(\@EN_TAGS) } 1 .. 1 + R(4);
		unshift @t, pick($TAGS{$lang}) if $lang;
		push @l, join(' ', @t);
	}
	return \@l;
}

sub json_string {
	my ($s) = @_;
	$s =~ s/(["\\])/\\$1/g;
	$s =~ s/\n/\\n/g;
	$s =~ s/\t/\\t/g;
	$s =~ s/([\x00-\x1f])/sprintf('\\u%04x', ord $1)/ge;
	return $s;
}

# drop a UTF-8 sequence cut short at the end of $s
sub trim_partial_utf8 {
	my ($s) = @_;
	if ($s =~ /([\xc0-\xf7][\x80-\xbf]*)\z/) {
		my $lead = ord $1;
		my $need = $lead >= 0xf0 ? 4 : $lead >= 0xe0 ? 3 : 2;
		substr($s, -length $1) = '' if length($1) < $need;
	}
	return $s;
}

# drop an escape sequence cut short at the end of a JSON string body
sub trim_partial_escape {
	my ($s) = @_;
	$s =~ s/\\u[0-9a-fA-F]{0,3}\z//;
	$s =~ /(\\*)\z/;
	chop $s if length($1) % 2;
	return trim_partial_utf8($s);
}

binmode STDOUT, ':raw';
my $left = $SIZE;
my $buf = '';
my $id = 0;
while ($left > 0) {
	my $lines = article();
	my $chunk;
	if ($jsonl) {
		$id++;
		my $head = qq({"id":$id,"text":");
		my $body = json_string(join "\n", @$lines);
		my $tail = qq("}\n);
		$chunk = $head . $body . $tail;
		if (length($chunk) + 64 > $left) {     # the last record: fit it exactly
			my $room = $left - length($head) - length($tail);
			die "gen-corpus.pl: --size $size_arg is too small for --jsonl\n" if $room < 0;
			$body = trim_partial_escape(substr($body, 0, $room)) if length $body > $room;
			$chunk = $head . $body . (' ' x ($room - length $body)) . $tail;
		}
	} else {
		$chunk = join("\n", @$lines) . "\n\n";
		if (length($chunk) > $left) {          # the last line: cut it to fit
			my $c = trim_partial_utf8(substr($chunk, 0, $left - 1));
			$chunk = $c . (' ' x ($left - 1 - length $c)) . "\n";
		}
	}
	$buf .= $chunk;
	$left -= length $chunk;
	if (length $buf >= 1 << 20) {
		print $buf or die "gen-corpus.pl: write error: $!\n";
		$buf = '';
	}
}
print $buf or die "gen-corpus.pl: write error: $!\n";
close STDOUT or die "gen-corpus.pl: write error: $!\n";
