/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Framing of the control socket protocol; see client_proto.h for the format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "control/proto.h"

int proto_sockaddr(const char *name, struct sockaddr_un *ret_addr, socklen_t *ret_len)
{
	size_t n;

	if (!name || !*name)
		return -EINVAL;
	n = strlen(name);
	/* sun_path[0] = '\0' marks the abstract namespace; no trailing NUL is used. */
	if (n + 1 > sizeof(ret_addr->sun_path))
		return -ENAMETOOLONG;
	memset(ret_addr, 0, sizeof(*ret_addr));
	ret_addr->sun_family = AF_UNIX;
	memcpy(ret_addr->sun_path + 1, name, n);
	*ret_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
	return 0;
}

int proto_frame(const char *msg, char **ret_buf, size_t *ret_len)
{
	size_t len = strlen(msg) + 1;
	char *buf = malloc(sizeof(size_t) + len);

	if (!buf)
		return -ENOMEM;
	memcpy(buf, &len, sizeof(len));
	memcpy(buf + sizeof(len), msg, len);
	*ret_buf = buf;
	*ret_len = sizeof(size_t) + len;
	return 0;
}

void proto_reader_init(struct proto_reader *r, size_t max)
{
	memset(r, 0, sizeof(*r));
	r->max = max;
}

void proto_reader_reset(struct proto_reader *r)
{
	free(r->body);
	proto_reader_init(r, r->max);
}

size_t proto_reader_want(const struct proto_reader *r)
{
	if (r->hdr_got < sizeof(r->hdr))
		return sizeof(r->hdr) - r->hdr_got;
	return r->len - r->got;
}

bool proto_reader_started(const struct proto_reader *r)
{
	return r->hdr_got > 0;
}

int proto_reader_feed(struct proto_reader *r, const void *data, size_t n, size_t *ret_used)
{
	const unsigned char *p = data;
	size_t used = 0, take;

	if (r->hdr_got < sizeof(r->hdr)) {
		take = sizeof(r->hdr) - r->hdr_got;
		if (take > n)
			take = n;
		memcpy(r->hdr + r->hdr_got, p, take);
		r->hdr_got += take;
		used += take;
		if (r->hdr_got < sizeof(r->hdr)) {
			*ret_used = used;
			return 0;
		}
		memcpy(&r->len, r->hdr, sizeof(r->len));
		if (r->len == 0) {
			*ret_used = used;
			return -EBADMSG;
		}
		if (r->len > r->max) {
			*ret_used = used;
			return -EMSGSIZE;
		}
		r->body = malloc(r->len + 1); /* +1: room for a NUL the sender forgot */
		if (!r->body) {
			*ret_used = used;
			return -ENOMEM;
		}
	}
	take = r->len - r->got;
	if (take > n - used)
		take = n - used;
	memcpy(r->body + r->got, p + used, take);
	r->got += take;
	used += take;
	*ret_used = used;
	if (r->got < r->len)
		return 0;
	r->body[r->len] = '\0';
	return 1;
}

char *proto_reader_take(struct proto_reader *r)
{
	char *s = r->body;

	r->body = NULL;
	proto_reader_reset(r);
	return s;
}
