/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The client side of the control socket (multipathd's protocol, proto.h),
 * for the mpath CLI, lib/api and tests. libc only: no daemon code.
 * A connection carries any number of commands, one reply each, in order,
 * as `multipathd -k` does.
 */
#ifndef MPATH_CONTROL_CLIENT_H
#define MPATH_CONTROL_CLIENT_H

struct mp_control_conn;

/**
 * mp_control_connect() - connect to the daemon's abstract socket @name (no
 * leading '@'; NULL: multipathd's name).
 * @timeout_ms: the limit of each later send and reply; <= 0 means 30 s
 * Return: 0, -ECONNREFUSED/-ENOENT when no daemon listens, -errno.
 */
int mp_control_connect(const char *name, int timeout_ms, struct mp_control_conn **ret);
/* Send one command. Return: 0, -ETIMEDOUT, -errno. */
int mp_control_send(struct mp_control_conn *c, const char *cmd);
/* Wait for the next reply: malloc'ed text, the caller frees it.
 * Return: 0, -ETIMEDOUT, -EPROTO on a malformed or cut reply, -errno. */
int mp_control_recv(struct mp_control_conn *c, char **ret_reply);
/* Both. */
int mp_control_command(struct mp_control_conn *c, const char *cmd, char **ret_reply);
void mp_control_close(struct mp_control_conn *c); /* accepts NULL */

/**
 * mpathd_client_command() - connect, send @cmd, wait for its reply, close.
 * @timeout_ms: for each step; <= 0 means 30 s
 */
int mpathd_client_command(const char *cmd, char **ret_reply, int timeout_ms);
/* The same on another abstract socket name (no leading '@'). */
int mpathd_client_command_at(const char *name, const char *cmd, char **ret_reply, int timeout_ms);

#endif
