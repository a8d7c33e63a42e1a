#!/bin/sh
# valgrind-wrap.sh -- runs $NEWSCLEAN_BIN under valgrind, for `make check-valgrind`
# SPDX-License-Identifier: MIT
# A memory error or a definite or indirect leak makes the status 99;
# valgrind.supp beside this script holds the known false reports.
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--suppressions="$(dirname "$0")/valgrind.supp" "$NEWSCLEAN_BIN" "$@"
