#!/bin/sh
# ftfy.sh -- the mojibake repair against ftfy's own test cases, when present
# SPDX-License-Identifier: MIT
#
# ftfy's cases (label, original, fixed, fixed-encoding, expect) are read from
# $FTFY_CASES, $top_srcdir/../shared/peers/ftfy/test-cases or
# /work/shared/peers/ftfy/test-cases; they are never copied here.  Every case
# that ftfy passes (expect "pass") is one test: newsclean --mojibake=fix on
# the original must equal newsclean --mojibake=keep on ftfy's
# "fixed-encoding" text ("fixed" where absent), so that only the
# differences that newsclean's other stages make by design (NFC, spaces,
# removed controls) are allowed.  Each text is one -z document, without
# rules.  The cases that newsclean does not pass this way are listed below
# by file and label, with the reason: "fails" (not repaired as ftfy does;
# such a case that passes fails the test, so that the list stays exact),
# "nel" (the text holds U+0085, which stage 1 makes a line break: the
# expected text is compared with each U+2026 that stood for it put back as
# U+0085), "c1" (the text holds a lone C1 control: windows-1252 read as
# latin-1, not misread UTF-8, which stage 2 removes; the expected text is
# compared with its windows-1252 meaning put back as that control) or
# "fixed" (another stage makes ftfy's full fix_text result, "fixed", the
# expected text).
. "${top_srcdir:-.}/tests/lib.sh"
dir=""
for d in "${FTFY_CASES:-}" "$top_srcdir/../shared/peers/ftfy/test-cases" \
	/work/shared/peers/ftfy/test-cases; do
	if [ -n "$d" ] && [ -f "$d/negative.json" ]; then
		dir=$d
		break
	fi
done
if [ -z "$dir" ]; then
	echo "1..0 # SKIP ftfy's test cases not found"
	exit 77
fi
if ! command -v python3 > /dev/null; then
	echo "1..0 # SKIP python3 not installed"
	exit 77
fi
cat > "$TMP/xfail" << 'EOF'
in-the-wild	UTF-8 / MacRoman mix-up about smurfs	fails	MacRoman is not one of the charsets repaired
in-the-wild	UTF-8 / Codepage 437 mixup in Russian	fails	codepage 437 is not one of the charsets repaired
in-the-wild	UTF-8 / Windows-1250 mixup in French	fails	windows-1250 is not one of the charsets repaired
in-the-wild	lossy UTF-8 / Windows-1250 mixup in Spanish	fails	windows-1250 is not one of the charsets repaired
in-the-wild	UTF-8 / sloppy Windows-1250 mixup in English	fails	windows-1250 is not one of the charsets repaired
in-the-wild	UTF-8 / ISO-8859-2 mixup in Czech	fails	ISO-8859-2 is not one of the charsets repaired
in-the-wild	UTF-8 / sloppy Windows-1250 mixup in Romanian	fails	windows-1250 is not one of the charsets repaired
in-the-wild	UTF-8 / Windows-1250 mixup in Slovak	fails	windows-1250 is not one of the charsets repaired
in-the-wild	sharp S, in isolation, via MacRoman encoding	fails	MacRoman is not one of the charsets repaired
in-the-wild	Three layers of UTF-8 / MacRoman mixup in French	fails	MacRoman is not one of the charsets repaired
in-the-wild	UTF-8 / MacRoman mixup in French	fails	MacRoman is not one of the charsets repaired
in-the-wild	Italian UTF-8 / MacRoman example with ò	fails	MacRoman is not one of the charsets repaired
in-the-wild	Latvian UTF-8 / Windows-1257 mojibake	fails	windows-1257 is not one of the charsets repaired
in-the-wild	Latvian UTF-8 / MacRoman mojibake	fails	MacRoman is not one of the charsets repaired
in-the-wild	Lithuanian UTF-8 / Windows-1257 mojibake	fails	windows-1257 is not one of the charsets repaired
in-the-wild	Lithuanian UTF-8 / Windows-1250 mojibake	fails	windows-1250 is not one of the charsets repaired
synthetic	Synthetic: Hebrew UTF-8 / Windows-1250 mojibake	fails	windows-1250 is not one of the charsets repaired
synthetic	Synthetic: Hebrew UTF-8 / MacRoman mojibake	fails	MacRoman is not one of the charsets repaired
synthetic	Synthetic: Arabic UTF-8 / Windows-1250 mojibake	fails	windows-1250 is not one of the charsets repaired
synthetic	Synthetic: Arabic UTF-8 / MacRoman mojibake	fails	MacRoman is not one of the charsets repaired
language-names	Messy language name in cp437: Czech	fails	codepage 437 is not one of the charsets repaired
language-names	Messy language name in cp437: Vietnamese	fails	codepage 437 is not one of the charsets repaired
in-the-wild	For goodness' sake. We can come close to fixing this, but fail in the last step	fails	bytes lost as ASCII '?' are not guessed back (only U+FFFD is)
in-the-wild	Lossy decoding can have plain ASCII question marks, as well	fails	bytes lost as ASCII '?' are not guessed back (only U+FFFD is)
in-the-wild	An absolutely hopeless garble	fails	its 3-byte sequences are repaired one by one (ftfy declines the whole line)
in-the-wild	Inconsistent UTF-8 / Latin-1 mojibake	nel	U+0085 is NEL, a line break in stage 1 (SPEC section 2), before the repair
synthetic	Synthetic: curly quotes with mismatched encoding glitches in Latin-1	c1	U+0085 is NEL, a line break in stage 1, and a lone C1 control is windows-1252 read as latin-1, which stage 2 removes (SPEC section 2)
negative	Mostly negative: we only need to fix C1 control characters	nel	U+0085 is NEL, a line break in stage 1 (SPEC section 2), before the repair
in-the-wild	Latin-1 / Windows-1252 mixup in German	c1	a lone C1 control is windows-1252 read as latin-1, not misread UTF-8: stage 2 removes it (SPEC section 2)
in-the-wild	Left quote is UTF-8, right quote is Latin-1, both encoded in Windows-1252	c1	a lone C1 control is windows-1252 read as latin-1, not misread UTF-8: stage 2 removes it (SPEC section 2)
in-the-wild	HTML entity on top of UTF-8 / Latin-1	fixed	stage 2 decodes the entity and the repair runs again after it (idempotence): ftfy's full fix, "fixed"
EOF
NEWSCLEAN="$NEWSCLEAN" python3 - "$dir" "$TMP/xfail" << 'EOF'
import json, os, subprocess, sys

d, xfail_file = sys.argv[1], sys.argv[2]
nc = os.environ["NEWSCLEAN"]
xfail = {}
for line in open(xfail_file, encoding="utf-8"):
    f, label, kind, why = line.rstrip("\n").split("\t")
    xfail[(f, label)] = (kind, why)

def clean(text, mode):
    r = subprocess.run([nc, "-R", "-z", "--mojibake=" + mode],
                       input=text.encode("utf-8", "surrogatepass"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.returncode, r.stdout, r.stderr

files = ["in-the-wild", "synthetic", "negative", "language-names"]
cases = []
for f in files:
    for c in json.load(open(os.path.join(d, f + ".json"), encoding="utf-8")):
        if c.get("expect") == "pass":
            cases.append((f, c))
print("1..%d" % len(cases))
fails = 0
counts = {f: [0, 0, 0, 0] for f in files}  # passed, failing, cases, by a stage
seen = set()
for n, (f, c) in enumerate(cases, 1):
    label = c["label"]
    want_text = c.get("fixed-encoding", c["fixed"])
    kind, why = xfail.get((f, label), ("", ""))
    if kind in ("nel", "c1"):
        for ch in set(c["original"]):
            if "\x80" <= ch <= "\x9f" and (kind == "c1" or ch == "\x85"):
                try:
                    want_text = want_text.replace(bytes([ord(ch)]).decode("cp1252"), ch)
                except UnicodeDecodeError:
                    pass
    elif kind == "fixed":
        want_text = c["fixed"]
    st1, got, err1 = clean(c["original"], "fix")
    st2, want, err2 = clean(want_text, "keep")
    ok = st1 == 0 and st2 == 0 and got == want and not err1 and not err2
    seen.add((f, label))
    counts[f][2] += 1
    if kind == "fails":
        counts[f][1] += 1
        if ok:
            fails += 1
            print("not ok %d - %s: %s: passes, but is listed as failing" % (n, f, label))
        else:
            print("ok %d - %s: %s # TODO %s" % (n, f, label, why))
    elif ok:
        counts[f][0] += 1
        if kind:
            counts[f][3] += 1
            print("ok %d - %s: %s # by another stage: %s" % (n, f, label, why))
        else:
            print("ok %d - %s: %s" % (n, f, label))
    else:
        fails += 1
        print("not ok %d - %s: %s" % (n, f, label))
        print("#   got:  %r" % got.decode("utf-8", "replace"))
        print("#   want: %r" % want.decode("utf-8", "replace"))
for key in xfail:
    if key not in seen:
        fails += 1
        print("# listed case not found: %s: %s" % key)
for f in files:
    p, x, t, b = counts[f]
    print("# %s: %d of %d passed (%d of them compared allowing another stage's "
          "change), %d listed as not repaired" % (f, p, t, b, x))
sys.exit(1 if fails else 0)
EOF
