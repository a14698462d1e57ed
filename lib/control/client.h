/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Client side of the control socket, for the mpath CLI (and tests). Depends
 * only on client_proto.c and libc, so cli/ can link it without the daemon.
 */
#ifndef MPATHD_CLIENT_H
#define MPATHD_CLIENT_H

/**
 * mpathd_client_command() - send @cmd to the running daemon, wait for its reply.
 * @ret_reply: malloc'ed reply text, the caller frees it
 * @timeout_ms: for the whole exchange; <= 0 means 30 s
 * Return: 0, -ECONNREFUSED/-ENOENT when no daemon listens, -ETIMEDOUT,
 * -EPROTO on a malformed reply, or -errno.
 */
int mpathd_client_command(const char *cmd, char **ret_reply, int timeout_ms);

/* The same on another abstract socket name (no leading '@'): for tests. */
int mpathd_client_command_at(const char *name, const char *cmd, char **ret_reply, int timeout_ms);

#endif
