/* fuzz_main.c -- runs a fuzz target on files, without libFuzzer (regression replay) */
/* SPDX-License-Identifier: MIT */
/*
 * Usage: PROGRAM FILE|DIR...  Every regular file named, or found directly
 * in a directory named, is read whole and given to LLVMFuzzerTestOneInput
 * once, in name order, so the seed corpora and the crash inputs kept in
 * fuzz/corpus/ run under `make check` with any compiler and sanitizer.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs one file; returns 0, or 1 when it cannot be read. */
static int run_file(const char *path, struct buf *b)
{
	buf_clear(b);
	int err = buf_read_file(b, path);

	if (err) {
		fprintf(stderr, "fuzz_main: %s: %s\n", path, strerror(err));
		return 1;
	}
	/* a copy of its own size, so ASan sees a read past the input's end */
	uint8_t *copy = xmalloc(b->len ? b->len : 1);
	memcpy(copy, b->p, b->len);
	LLVMFuzzerTestOneInput(copy, b->len);
	free(copy);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file directly in dir; counts them into *ran. */
static int run_dir(const char *dir, struct buf *b, size_t *ran)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int bad = 0;

	if (!d) {
		fprintf(stderr, "fuzz_main: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n] = xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			bad |= run_file(names[i], b);
			++*ran;
		}
		free(names[i]);
	}
	free(names);
	return bad;
}

int main(int argc, char **argv)
{
	struct buf b;
	size_t ran = 0;
	int bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	buf_init(&b);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			bad |= run_dir(argv[i], &b, &ran);
		} else {
			bad |= run_file(argv[i], &b);
			ran++;
		}
	}
	buf_fini(&b);
	printf("%s: %zu inputs ran\n", argv[0], ran);
	return bad;
}
