/* entities.h -- HTML character references (HTML5 named set and numeric) */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_ENTITIES_H
#define NEWSCLEAN_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the well-formed reference (with its ';') at p[0] == '&' of
 * p[0..n).  Returns its length, or 0 when there is none; cps[0..*ncp) is
 * what it stands for, after the HTML5 rules for numeric references.
 */
size_t entities_decode(const char *p, size_t n, int32_t cps[2], int *ncp);

#endif
