#!/bin/sh
# valgrind-newsclean.sh -- $NEWSCLEAN for `make check-valgrind`: runs
# $NEWSCLEAN_BIN ARG... through valgrind-wrap.sh
# SPDX-License-Identifier: MIT
exec "$(dirname "$0")/valgrind-wrap.sh" "$NEWSCLEAN_BIN" "$@"
