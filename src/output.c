/* output.c -- buffered, checked writes to a file descriptor */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "output.h"

void output_init(struct output *o, int fd, const char *name, bool line_buffered)
{
	memset(o, 0, sizeof *o);
	o->fd = fd;
	o->name = name;
	o->line_buffered = line_buffered;
	buf_init(&o->buf);
	buf_reserve(&o->buf, OUTPUT_BLOCK + 4096);
}

void output_fini(struct output *o)
{
	buf_fini(&o->buf);
}

static int write_all(struct output *o, const char *p, size_t n)
{
	if (o->err)
		return o->err;
	while (n > 0) {
		ssize_t w = write(o->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			o->err = errno;
			return o->err;
		}
		p += w;
		n -= (size_t)w;
		o->bytes += (uint64_t)w;
	}
	return 0;
}

int output_flush(struct output *o)
{
	if (o->fd < 0)
		return 0;
	size_t n = o->buf.len;
	o->buf.len = 0;
	return write_all(o, o->buf.p, n);
}

int output_put(struct output *o, const char *p, size_t n)
{
	if (o->fd < 0 || n < OUTPUT_BLOCK) {
		buf_append(&o->buf, p, n);
		return output_maybe_flush(o);
	}
	output_flush(o);
	return write_all(o, p, n);
}
