# clean.sed -- what a newsclean user might otherwise write in GNU sed; the
# benchmark's sed baseline. Run it in a UTF-8 locale:
#
#   LC_ALL=C.UTF-8 sed -E -f bench/ref/clean.sed < raw.txt > clean.txt
#
# Per line: tidies blanks (runs of spaces and tabs become one space, leading
# and trailing ones go), drops page-furniture lines (the literals of
# rules/artifacts.rules, ignoring case), hashtag-only lines and bare 10- or
# 13-digit Unix times, and writes Ukrainian names the way rules/names-uk.rules
# does (whole words, case-sensitive, longer names first). Left to newsclean:
# HTML entities, invisible characters, NBSP, NFC, case-keeping name matches,
# `protect` exceptions, repeated titles and blank runs (a user would add
# `| cat -s | uniq`, not measured here), other charsets and invalid bytes.
# SPDX-License-Identifier: MIT

# blanks
s/[[:blank:]]+/ /g
s/^ //
s/ $//

# page furniture: WordPress comment form, navigation, sharing, teasers, ads
/^(Leave a (Reply|Replay|Comment)( Cancel reply)?|Cancel reply|Reply|Log in to Reply|Post Comment|Comments are closed\.|(Comment|Name|Email) \*|Website|(Name|Email) \(required\)|Mail \(will not be published\) \(required\)|Δ)$/Id
/^(You must be logged in to post a comment\.|Your email address will not be published\.( Required fields are marked \*)?|Required fields are marked \*|Save my name, email, and website in this browser for the next time I comment\.|Notify me of (follow-up comments|new posts) (by|via) email\.|This site uses Akismet to reduce spam\. Learn how your comment data is processed\.)$/Id
/^(Posts? navigation|Comment navigation|(Previous|Next) (post|article)|« Previous|Next »|Skip to (main )?content|Skip to navigation|Toggle navigation|Back to top)$/Id
/^(Share( this)?:?|Like this:|Like|(Like )?Loading(\.\.\.|…)|Be the first to like this\.|Related(:| posts:?| articles| stories)?)$/Id
/^(Click to share on (Twitter|X|Facebook|WhatsApp|Telegram|LinkedIn|Reddit|Tumblr|Pinterest|Pocket|Threads|Mastodon|Bluesky|Nextdoor|Skype|Google\+) |Click to email (a link to|this to) a friend |Click to print )?\(Opens in new window\)$/Id
/^(Tweet|Print|Email|Pin it|Copy link|Share this (article|story|post)|Share on (Facebook|Twitter|X)|Share via Email|(Email|Print) this article|Print this page|Print Friendly, PDF & Email|Facebook Twitter (WhatsApp Email|Pinterest WhatsApp)|Follow us( on (Twitter|X|Facebook|Telegram))?|Listen to this article)$/Id
/^(Continue reading(\.\.\.|…| →)?|Read more(\.\.\.|…| »)?|You (may|might) also like|Recommended (for you|stories)|Most (read|popular)|Trending now)$/Id
/^(Subscribe( now| to our newsletter)?|Sign up for our newsletter)$/Id
/^(Advertisements?|Advertisement Scroll to continue with content|Scroll to continue with content|Skip Advertisement|(Story|Article) continues below( advertisement)?|Sponsored( content)?|(Accept|Reject) all cookies|Accept cookies|Cookie settings)$/Id

# hashtag-only lines and bare Unix times
/^#[^ #]+( #[^ #]+)*$/d
/^([0-9]{10}|[0-9]{13})$/d

# names: longer (several-word) names first, so that their parts are not taken
s/\bVladimir Zelensk(y|yy|iy|yj|ij|ii|i)\b/Volodymyr Zelensky/g
s/\b(Bogdan|Bohdan) Khmelnits(ky|kiy)\b|\bBogdan Khmelnytsky\b/Bohdan Khmelnytsky/g
s/\bDnepropetrovsk (region|Oblast|province)\b/Dnipropetrovsk \1/g
s/\b(Krivoy|Kryvoy|Krivoi|Krivoj) Rog\b|\b(Kryvyy|Kryvy|Krivyi) Rih\b/Kryvyi Rih/g
s/\bBelaya Tserkov\b/Bila Tserkva/g
s/\bChasov Yar\b/Chasiv Yar/g
s/\bNovaya Kakhovka\b/Nova Kakhovka/g
s/\bIvano-Frankovsk\b/Ivano-Frankivsk/g
s/\bKamenets-Podolsky\b/Kamianets-Podilskyi/g
s/\b(Zelensk(yy|iy|yj|ij|ii|yi|i)|Selensk(yj|ij|i|y))\b/Zelensky/g
s/\bZaluzhn(y|iy|yy|ii)\b/Zaluzhnyi/g
s/\bSyrsk(y|iy|yy|ii)\b/Syrskyi/g
s/\bSh(my|mi)gal\b/Shmyhal/g
s/\bTimoshenko\b/Tymoshenko/g
s/\bYanukovi(ch|tch)\b/Yanukovych/g
s/\bYu(she|sche)nko\b/Yushchenko/g
s/\bPodoliak\b/Podolyak/g
s/\b(Kiev|Kiew|Kyyiv|Kyïv|Kiyv)\b/Kyiv/g
s/\bKharkov\b/Kharkiv/g
s/\bOdessa\b/Odesa/g
s/\b(Lvov|L'viv|L’viv)\b/Lviv/g
s/\b(Nikolaev|Nikolayev|Mykolayiv)\b/Mykolaiv/g
s/\b(Zaporozh(ye|e|ie|'ye|’ye)|Zaporizh(ia|zhya|zhe|ya))\b/Zaporizhzhia/g
s/\bChernigov\b/Chernihiv/g
s/\bLugansk\b/Luhansk/g
s/\b(Dnepr|Dniepr|Dnieper|Dnepropetrovsk)\b/Dnipro/g
s/\bRovno\b/Rivne/g
s/\bVinn(itsa|itsia|ytsya)\b/Vinnytsia/g
s/\bZh(i|y)tomir\b/Zhytomyr/g
s/\bTernopol\b/Ternopil/g
s/\bChernovts(y|i)\b/Chernivtsi/g
s/\bUzh(go|o)rod\b/Uzhhorod/g
s/\b(Severodonetsk|Sieverodonetsk|Syeverodonetsk)\b/Sievierodonetsk/g
s/\b(Lisichansk|Lysichansk|Lisychansk)\b/Lysychansk/g
s/\bBerdyansk\b/Berdiansk/g
s/\b(Gorlovka|Horlovka)\b/Horlivka/g
s/\b(Makeyevka|Makeevka|Makiyivka)\b/Makiivka/g
s/\bKremenchug\b/Kremenchuk/g
s/\bChernobyl\b/Chornobyl/g
s/\b(Khmelnits(ky|kiy|ki)|Khmelnyts(kyy|kiy))\b/Khmelnytskyi/g
s/\bIzyum\b/Izium/g
s/\bKupyansk\b/Kupiansk/g
s/\bEnergodar\b/Enerhodar/g
s/\bDonbass\b/Donbas/g
s/\bSl(av|ov)yansk\b/Sloviansk/g
s/\bAvde(ye|e)vka\b/Avdiivka/g
s/\b(Vugledar|Ugledar)\b/Vuhledar/g
s/\bGostomel\b/Hostomel/g
s/\bIrpen\b/Irpin/g
s/\bBorodyanka\b/Borodianka/g
s/\bBorispol\b/Boryspil/g
s/\bCherkassy\b/Cherkasy/g
s/\bKirovograd\b/Kirovohrad/g
s/\bPavlograd\b/Pavlohrad/g
s/\bChugu(ye|e)v\b/Chuhuiv/g
s/\bVolchansk\b/Vovchansk/g
s/\bDebaltsevo\b/Debaltseve/g
s/\bKurakhovo\b/Kurakhove/g
s/\bSelidovo\b/Selydove/g
s/\bMaryinka\b/Marinka/g
s/\bRubezhnoye\b/Rubizhne/g
s/\bKremennaya\b/Kreminna/g
s/\bSvatovo\b/Svatove/g
s/\bPopasnaya\b/Popasna/g
s/\bGulyaipole\b/Huliaipole/g
s/\bRabotino\b/Robotyne/g
s/\bAkhtyrka\b/Okhtyrka/g
s/\bGenichesk\b/Henichesk/g
s/\bYasinovataya\b/Yasynuvata/g
s/\bDruzhkovka\b/Druzhkivka/g
s/\bBalakleya\b/Balakliia/g
s/\bMarganets\b/Marhanets/g
