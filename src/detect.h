/* detect.h -- the built-in line classifiers @hashtags, @epoch, @url */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_DETECT_H
#define NEWSCLEAN_DETECT_H

#include <stdbool.h>
#include <stddef.h>

/* Each takes a normalized line (valid UTF-8, single spaces, trimmed). */
bool detect_hashtags(const char *p, size_t n);
bool detect_epoch(const char *p, size_t n);
bool detect_url(const char *p, size_t n);

#endif
