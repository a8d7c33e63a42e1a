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

int output_flush(struct output *o)
{
	const char *p = o->buf.p;
	size_t n = o->buf.len;

	if (o->fd < 0)
		return 0;
	o->buf.len = 0;
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
