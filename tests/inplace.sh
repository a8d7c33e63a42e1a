#!/bin/sh
# inplace.sh -- -i: content replaced, mode kept, backups, symlinks, and the
# original intact whenever the rewrite cannot be finished
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/tests/lib.sh"
cd "$TMP" || exit 99
printf 'Aid reaches Kiev  suburbs\nShare this:\n' > raw
printf 'Aid reaches Kyiv suburbs\n' > clean

cp raw a.txt; chmod 640 a.txt
"$NEWSCLEAN" -i a.txt 2> err
check "-i: status 0" [ $? -eq 0 ]
check "-i: content replaced" cmp -s a.txt clean
check "-i: mode kept" [ "$(stat -c %a a.txt)" = 640 ]
check "-i: no temporary file left" [ -z "$(ls -A | grep newsclean)" ]
check "-i: quiet" [ ! -s err ]

cp raw b.txt
"$NEWSCLEAN" -i.bak b.txt
check "-i.bak: content replaced" cmp -s b.txt clean
check "-i.bak: backup holds the original" cmp -s b.txt.bak raw
cp raw c.txt
"$NEWSCLEAN" --in-place=.orig c.txt
check "--in-place=.orig: backup" cmp -s c.txt.orig raw

mkdir bak; cp raw d.txt
"$NEWSCLEAN" -i'bak/old-*' d.txt
check "-i with '*': backup in another folder" cmp -s bak/old-d.txt raw
cp raw e.txt
"$NEWSCLEAN" -i'*~' e.txt
check "-i with '*': backup beside the file" cmp -s 'e.txt~' raw

cp raw target.txt; ln -s target.txt link.txt
"$NEWSCLEAN" -i link.txt
check "symlink: still a symlink" [ -L link.txt ]
check "symlink: target rewritten" cmp -s target.txt clean

# several files: a bad one is left as it was, the others are rewritten
cp raw f1.txt; printf 'bad \300\257 byte\n' > f2.txt; cp f2.txt f2.orig; cp raw f3.txt
"$NEWSCLEAN" --invalid=error -i f1.txt f2.txt f3.txt 2> err
check "failed cleaning: status 1" [ $? -eq 1 ]
check "failed cleaning: the file is untouched" cmp -s f2.txt f2.orig
check "failed cleaning: files before and after rewritten" cmp -s f1.txt clean
check "failed cleaning: files after rewritten" cmp -s f3.txt clean
check "failed cleaning: no temporary file left" [ -z "$(ls -A | grep newsclean)" ]
printf 'newsclean: f2.txt:1: invalid byte sequence \\xC0\\xAF at byte 4\nnewsclean: f2.txt: not rewritten; the file is as it was\n' > want
check "failed cleaning: messages" cmp -s err want

# a backup that cannot be made leaves the file as it was
cp raw g.txt
"$NEWSCLEAN" -i'nodir/*' g.txt 2> err
check "failed backup: status 1" [ $? -eq 1 ]
check "failed backup: the file is untouched" cmp -s g.txt raw

# a missing file among good ones
cp raw h.txt
"$NEWSCLEAN" -i missing.txt h.txt 2> err
check "missing file: status 1" [ $? -eq 1 ]
check "missing file: the next file is rewritten" cmp -s h.txt clean

# a folder where no file can be created: the original stays
mkdir ro; cp raw ro/i.txt
if [ "$(id -u)" = 0 ]; then
	chattr +i ro 2> /dev/null || ro_skip=yes
else
	chmod 555 ro
fi
if [ -z "${ro_skip:-}" ]; then
	"$NEWSCLEAN" -i ro/i.txt 2> err
	check "read-only folder: status 1" [ $? -eq 1 ]
	check "read-only folder: the file is untouched" cmp -s ro/i.txt raw
	chattr -i ro 2> /dev/null; chmod 755 ro
else
	echo "# read-only folder test skipped: chattr +i not possible here"
fi
finish
