/* shim.c -- fault injection for the tests: chosen libc calls fail on request (LD_PRELOAD) */
/* SPDX-License-Identifier: MIT */
/*
 * Loaded with LD_PRELOAD into one newsclean process by tests/faults.sh;
 * never linked into the program.
 *
 * NEWSCLEAN_FAULT=RULE[,RULE]...   RULE is FUNC:N[:ERRNO]
 *   The Nth call to FUNC fails (N counts from 1); "N+" makes every call
 *   from the Nth on fail.  ERRNO is a name (ENOSPC, EIO, EPIPE, EINTR,
 *   EACCES, EXDEV, EDQUOT, EROFS, ENOMEM, EPERM, EMFILE); the default is
 *   EIO, or ENOMEM for the allocation functions.
 * NEWSCLEAN_FAULT_PROG=NAME
 *   The shim acts only in a process whose program name (argv[0] without
 *   its folder) is NAME; in any other it counts nothing, fails nothing and
 *   writes no counts.  For a program started through a wrapper that the
 *   preload reaches too: a shell script, valgrind's launcher.
 * NEWSCLEAN_FAULT_COUNT=FILE
 *   At exit (exit() or a return from main, not a fatal signal) the shim
 *   writes "FUNC COUNT" lines to FILE, one for each function below, so a
 *   test can try every call number instead of guessing.
 *
 * FUNC is one of:
 *   read write close fsync fdatasync fchmod rename link unlink
 *   open      open, open64, openat and openat64 together
 *   mkstemp   mkstemp and mkstemp64 (glibc's mkstemp opens its file
 *             without going through open, so it has its own counter)
 *   malloc calloc realloc   each on its own counter
 *   alloc     malloc, calloc and realloc together, on one counter
 * A failing call sets errno and returns -1 (NULL for the allocators)
 * without doing anything, except close, which really closes the
 * descriptor first (as Linux does when close reports an error).
 *
 * Counting: every call is counted, from the first one the process makes
 * (the dynamic loader's own calls never reach the shim); nothing is
 * skipped, so the numbers are the same from run to run as long as the
 * arguments, input and environment are.  Calls made by libc internally
 * (stdio's reads and writes, fopen's open, mkstemp's open) do not go
 * through these symbols and are not counted; libc's and the libraries'
 * own allocations do go through malloc and are counted.
 *
 * The allocators call glibc's __libc_malloc, __libc_calloc and
 * __libc_realloc, so they need no dlsym (whose own allocations would
 * otherwise recurse into them).  Built with -DSHIM_NO_ALLOC they are left
 * out: that is shim-io.so, for a program built with AddressSanitizer,
 * whose allocator must not be bypassed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum fn {
	F_READ, F_WRITE, F_CLOSE, F_FSYNC, F_FDATASYNC, F_FCHMOD, F_RENAME,
	F_LINK, F_UNLINK, F_OPEN, F_MKSTEMP, F_MALLOC, F_CALLOC, F_REALLOC,
	F_ALLOC, F_COUNT
};

static const char *const fn_names[F_COUNT] = {
	"read", "write", "close", "fsync", "fdatasync", "fchmod", "rename",
	"link", "unlink", "open", "mkstemp", "malloc", "calloc", "realloc",
	"alloc",
};

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EPIPE", EPIPE },
	{ "EINTR", EINTR }, { "EACCES", EACCES }, { "EXDEV", EXDEV },
	{ "EDQUOT", EDQUOT }, { "EROFS", EROFS }, { "ENOMEM", ENOMEM },
	{ "EPERM", EPERM }, { "EMFILE", EMFILE },
};

enum { MAX_RULES = 16 };

struct rule {
	enum fn fn;
	unsigned long n;
	int err;
	int from_on; /* "N+" */
};

static struct rule rules[MAX_RULES];
static int n_rules;
static int parsed;
static int inactive; /* NEWSCLEAN_FAULT_PROG names another program */
static unsigned long counts[F_COUNT];

/* Writes a message to stderr without stdio or allocation, and exits. */
static void die(const char *msg)
{
	syscall(SYS_write, 2, "fault shim: ", 12);
	syscall(SYS_write, 2, msg, strlen(msg));
	syscall(SYS_write, 2, "\n", 1);
	_exit(98);
}

static int parse_fn(const char *s, size_t n)
{
	for (int i = 0; i < F_COUNT; i++)
		if (strlen(fn_names[i]) == n && memcmp(fn_names[i], s, n) == 0)
			return i;
	return -1;
}

static int parse_errno(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
		if (strlen(errnos[i].name) == n && memcmp(errnos[i].name, s, n) == 0)
			return errnos[i].value;
	return -1;
}

/* Parses NEWSCLEAN_FAULT once, with no allocation (a malloc wrapper may be
 * the first caller).  The first call comes before any thread is started. */
static void parse(void)
{
	if (parsed)
		return;
	const char *prog = getenv("NEWSCLEAN_FAULT_PROG");
	if (prog && *prog) {
		if (!*program_invocation_short_name)
			return; /* libc has not set it yet: nothing is counted */
		inactive = strcmp(program_invocation_short_name, prog) != 0;
	}
	parsed = 1;
	if (inactive)
		return;
	const char *s = getenv("NEWSCLEAN_FAULT");
	if (!s || !*s)
		return;
	while (*s) {
		size_t len = strcspn(s, ",");
		const char *end = s + len;
		const char *c1 = memchr(s, ':', len);
		if (!c1 || n_rules == MAX_RULES)
			die("bad NEWSCLEAN_FAULT (want FUNC:N[:ERRNO][,...])");
		struct rule *r = &rules[n_rules++];
		int fn = parse_fn(s, (size_t)(c1 - s));
		if (fn < 0)
			die("unknown function in NEWSCLEAN_FAULT");
		r->fn = (enum fn)fn;
		char *num_end;
		r->n = strtoul(c1 + 1, &num_end, 10);
		if (num_end == c1 + 1 || r->n == 0)
			die("bad call number in NEWSCLEAN_FAULT");
		if (*num_end == '+') {
			r->from_on = 1;
			num_end++;
		}
		r->err = fn >= F_MALLOC ? ENOMEM : EIO;
		if (num_end < end && *num_end == ':') {
			r->err = parse_errno(num_end + 1, (size_t)(end - num_end - 1));
			if (r->err < 0)
				die("unknown errno name in NEWSCLEAN_FAULT");
		} else if (num_end != end) {
			die("bad call number in NEWSCLEAN_FAULT");
		}
		s = *end ? end + 1 : end;
	}
}

static int stopped; /* set at exit: the counts are being written */

/* Counts a call to fn; returns the errno it must fail with, or 0. */
static int hit(enum fn fn)
{
	parse();
	if (stopped || inactive || !parsed)
		return 0;
	unsigned long k = __atomic_add_fetch(&counts[fn], 1, __ATOMIC_RELAXED);
	for (int i = 0; i < n_rules; i++)
		if (rules[i].fn == fn && (k == rules[i].n || (rules[i].from_on && k > rules[i].n)))
			return rules[i].err;
	return 0;
}

static void *real(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);
	if (!p)
		die("dlsym failed");
	return p;
}

/* Declares real_NAME, libc's NAME, found on the first call. */
#define REAL(name) \
	static __typeof__(name) *real_##name; \
	if (!real_##name) \
		real_##name = (__typeof__(name) *)real(#name)

__attribute__((destructor)) static void write_counts(void)
{
	const char *path = getenv("NEWSCLEAN_FAULT_COUNT");
	parse();
	stopped = 1;
	if (!path || !*path || inactive || !parsed)
		return;
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		die("cannot write NEWSCLEAN_FAULT_COUNT");
	for (int i = 0; i < F_COUNT; i++) {
		char line[64];
		int n = snprintf(line, sizeof line, "%s %lu\n", fn_names[i], counts[i]);
		syscall(SYS_write, fd, line, (size_t)n);
	}
	syscall(SYS_close, fd);
}

/* Makes the wrapper return FAILED with errno E, when E (an errno or 0) is not 0. */
#define FAIL_ON(e, failed) \
	do { \
		int e_ = (e); \
		if (e_) { \
			errno = e_; \
			return failed; \
		} \
	} while (0)

/* WRAP(RET, NAME, FN, (PARAMS), (ARGS)): NAME(PARAMS), counted as FN,
 * fails or calls libc's NAME(ARGS). */
#define WRAP(ret, name, fn, params, args) \
	ret name params \
	{ \
		REAL(name); \
		FAIL_ON(hit(fn), -1); \
		return real_##name args; \
	}

WRAP(ssize_t, read, F_READ, (int fd, void *p, size_t n), (fd, p, n))
WRAP(ssize_t, write, F_WRITE, (int fd, const void *p, size_t n), (fd, p, n))
WRAP(int, fsync, F_FSYNC, (int fd), (fd))
WRAP(int, fdatasync, F_FDATASYNC, (int fd), (fd))
WRAP(int, fchmod, F_FCHMOD, (int fd, mode_t mode), (fd, mode))
WRAP(int, rename, F_RENAME, (const char *from, const char *to), (from, to))
WRAP(int, link, F_LINK, (const char *from, const char *to), (from, to))
WRAP(int, unlink, F_UNLINK, (const char *path), (path))
WRAP(int, mkstemp, F_MKSTEMP, (char *tmpl), (tmpl))
WRAP(int, mkstemp64, F_MKSTEMP, (char *tmpl), (tmpl))

/* close closes the descriptor even when it is made to fail (as Linux does). */
int close(int fd)
{
	REAL(close);
	int e = hit(F_CLOSE);
	int rc = real_close(fd);
	FAIL_ON(e, -1);
	return rc;
}

/* open and openat take a mode only with O_CREAT or O_TMPFILE. */
static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

/* OPEN_WRAP(NAME, (PARAMS), (ARGS)): PARAMS end with "int flags, ...";
 * ARGS pass mode on. */
#define OPEN_WRAP(name, params, args) \
	int name params \
	{ \
		REAL(name); \
		va_list ap; \
		va_start(ap, flags); \
		mode_t mode = mode_arg(flags, ap); \
		va_end(ap); \
		FAIL_ON(hit(F_OPEN), -1); \
		return real_##name args; \
	}

OPEN_WRAP(open, (const char *path, int flags, ...), (path, flags, mode))
OPEN_WRAP(open64, (const char *path, int flags, ...), (path, flags, mode))
OPEN_WRAP(openat, (int dirfd, const char *path, int flags, ...), (dirfd, path, flags, mode))
OPEN_WRAP(openat64, (int dirfd, const char *path, int flags, ...), (dirfd, path, flags, mode))

#ifndef SHIM_NO_ALLOC
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

/* Counts an allocation on its own counter and on "alloc". */
static int alloc_hit(enum fn fn)
{
	int e1 = hit(fn);
	int e2 = hit(F_ALLOC);
	return e1 ? e1 : e2;
}

/* ALLOC_WRAP(NAME, FN, (PARAMS), (ARGS)): NULL, or glibc's __libc_NAME(ARGS). */
#define ALLOC_WRAP(name, fn, params, args) \
	void *name params \
	{ \
		FAIL_ON(alloc_hit(fn), NULL); \
		return __libc_##name args; \
	}

ALLOC_WRAP(malloc, F_MALLOC, (size_t n), (n))
ALLOC_WRAP(calloc, F_CALLOC, (size_t n, size_t size), (n, size))
ALLOC_WRAP(realloc, F_REALLOC, (void *p, size_t n), (p, n))
#endif
