/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * multipathd's control socket wire format, which mpathd speaks so existing
 * tools keep working:
 *   - a SOCK_STREAM unix socket in the abstract namespace, by default
 *     "@/org/kernel/linux/storage/multipathd";
 *   - each message, both ways, is a length of type size_t in host byte order
 *     followed by that many bytes: the text and its terminating NUL (the
 *     length counts the NUL);
 *   - one reply per command, in order; the connection may carry many.
 * This file is shared by the daemon and the client; it makes no syscalls
 * except proto_sockaddr(), which only fills a struct.
 */
#ifndef MPATHD_CLIENT_PROTO_H
#define MPATHD_CLIENT_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#define MPATHD_SOCKET_NAME "/org/kernel/linux/storage/multipathd"
#define PROTO_MAX_CMD_LEN (64 * 1024)
/* Replies list every path and map; large hosts need megabytes. */
#define PROTO_MAX_REPLY_LEN (64 * 1024 * 1024)

/**
 * proto_sockaddr() - abstract-namespace address for @name (no leading '@').
 * Return: 0, or -ENAMETOOLONG / -EINVAL.
 */
int proto_sockaddr(const char *name, struct sockaddr_un *ret_addr, socklen_t *ret_len);

/**
 * proto_frame() - length prefix + @msg + NUL in one buffer, ready to send.
 * Return: 0 or -ENOMEM; *ret_buf is the caller's to free.
 */
int proto_frame(const char *msg, char **ret_buf, size_t *ret_len);

/* Incremental decoder for one message at a time. */
struct proto_reader {
	unsigned char hdr[sizeof(size_t)];
	size_t hdr_got;
	size_t len; /* valid once hdr_got == sizeof(size_t) */
	char *body;
	size_t got;
	size_t max; /* largest accepted length, NUL included */
};

void proto_reader_init(struct proto_reader *r, size_t max);
void proto_reader_reset(struct proto_reader *r); /* frees the body */
/* Bytes to read next so that no byte of a following message is consumed. */
size_t proto_reader_want(const struct proto_reader *r);
/* True once any byte of the current message has arrived. */
bool proto_reader_started(const struct proto_reader *r);

/**
 * proto_reader_feed() - consume up to @n bytes of @data.
 * @ret_used: bytes taken (the rest belongs to the next message)
 * Return: 1 when a message is complete (take it with proto_reader_take()),
 * 0 when more is needed, -EMSGSIZE when the announced length is above the
 * limit, -EBADMSG when it is zero, -ENOMEM.
 */
int proto_reader_feed(struct proto_reader *r, const void *data, size_t n, size_t *ret_used);

/* The completed message, NUL-terminated (cut at its first NUL); caller frees. Resets @r. */
char *proto_reader_take(struct proto_reader *r);

#endif
