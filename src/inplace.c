/* inplace.c -- -i: rewrite a file through a temporary file and a rename */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "inplace.h"

/*
 * The temporary file being written, removed at exit if the program ends
 * before it is renamed or removed (xalloc_die exits from anywhere, from
 * a worker thread too).  Global because exit() leaves no other way to
 * reach it; only inplace_file sets it.
 */
static const char *_Atomic pending_temp;

static void remove_pending_temp(void)
{
	const char *path = pending_temp;
	if (path)
		unlink(path);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xmemdup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
}

/* The backup's name: suffix appended, or each '*' replaced by the name. */
static char *backup_name(const char *real, const char *suffix)
{
	struct buf b;
	const char *base = strrchr(real, '/');
	base = base ? base + 1 : real;

	buf_init(&b);
	if (!strchr(suffix, '*')) {
		buf_append(&b, real, strlen(real));
		buf_append(&b, suffix, strlen(suffix));
	} else {
		if (!strchr(suffix, '/')) {
			buf_append(&b, real, (size_t)(base - real));
		}
		for (const char *s = suffix; *s; s++) {
			if (*s == '*')
				buf_append(&b, base, strlen(base));
			else
				buf_putc(&b, *s);
		}
	}
	char *name = xstrdup(buf_cstr(&b));
	buf_fini(&b);
	return name;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Makes the backup as a second link to the original. */
static int make_backup(const char *real, const char *backup)
{
	if (unlink(backup) != 0 && errno != ENOENT)
		return errno;
	return link(real, backup) == 0 ? 0 : errno;
}

/* Gives the temporary file the original's mode and owner, and syncs it. */
static int finish_temp(int fd, const struct stat *st)
{
	if (fchmod(fd, st->st_mode & 07777) != 0)
		return errno;
	if (fchown(fd, st->st_uid, st->st_gid) != 0 && errno != EPERM)
		return errno;
	if (fsync(fd) != 0)
		return errno;
	return 0;
}

void inplace_file(struct filter *f, struct output *out, const char *path,
		  const char *suffix)
{
	static bool cleanup_registered;
	struct stat st;
	char *real = realpath(path, NULL);

	if (!real && errno == ENOMEM)
		xalloc_die();
	if (!real || stat(real, &st) != 0) {
		diag_input(path, 0, "%s", strerror(errno));
		f->failed = true;
		free(real);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_input(path, 0, "not a regular file; not rewritten");
		f->failed = true;
		free(real);
		return;
	}
	char *dir = dir_of(real);
	struct buf tmp;
	buf_init(&tmp);
	buf_append(&tmp, dir, strlen(dir));
	buf_append(&tmp, "/.newsclean.XXXXXX", 18);
	if (!cleanup_registered)
		cleanup_registered = atexit(remove_pending_temp) == 0;
	int fd = mkstemp((char *)buf_cstr(&tmp));
	if (fd >= 0)
		pending_temp = tmp.p;
	if (fd < 0) {
		diag_input(path, 0, "cannot create a temporary file in %s: %s; not rewritten",
			   dir, strerror(errno));
		f->failed = true;
		goto out;
	}

	bool failed_before = f->failed;
	f->failed = false;
	out->fd = fd;
	out->err = 0;
	filter_file(f, path);
	filter_finish(f);
	int err = out->err;
	if (err)
		diag_input(path, 0, "write error: %s", strerror(err));
	bool bad = f->failed || err;
	if (!bad && (err = finish_temp(fd, &st)) != 0) {
		diag_input(path, 0, "cannot finish the temporary file: %s", strerror(err));
		bad = true;
	}
	if (close(fd) != 0 && !bad) {
		diag_input(path, 0, "cannot finish the temporary file: %s", strerror(errno));
		bad = true;
	}
	out->fd = -1;
	out->err = 0;
	if (!bad && suffix) {
		char *backup = backup_name(real, suffix);
		if ((err = make_backup(real, backup)) != 0) {
			diag_input(path, 0, "cannot make the backup %s: %s", backup, strerror(err));
			bad = true;
		}
		free(backup);
	}
	if (!bad && rename(tmp.p, real) != 0) {
		diag_input(path, 0, "cannot rename the temporary file: %s", strerror(errno));
		bad = true;
	}
	if (bad)
		unlink(tmp.p);
	pending_temp = NULL;
	if (bad) {
		diag_input(path, 0, "not rewritten; the file is as it was");
	} else {
		sync_dir(dir);
	}
	f->failed = failed_before || bad;
out:
	buf_fini(&tmp);
	free(dir);
	free(real);
}
