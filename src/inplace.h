/* inplace.h -- -i: rewrite a file through a temporary file and a rename */
/* SPDX-License-Identifier: MIT */
#ifndef NEWSCLEAN_INPLACE_H
#define NEWSCLEAN_INPLACE_H

#include "filter.h"
#include "output.h"

/*
 * Cleans the file at path into a temporary file in its folder, then
 * renames that over it (keeping its mode, and owner where permitted), after
 * a backup when suffix is not NULL ('*' in it stands for the file's name).
 * A symlink is followed: its target is rewritten.  On any failure the file
 * is left as it was, the problem is reported, and f->failed is set.
 * out must be f's output; its descriptor is replaced for the call.
 */
void inplace_file(struct filter *f, struct output *out, const char *path,
		  const char *suffix);

#endif
