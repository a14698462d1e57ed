/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The client side of the control socket (multipathd's protocol, proto.h),
 * for the mpath CLI, lib/api and tests. libc only: no daemon code.
 * A connection carries any number of commands, one reply each, in order,
 * as `multipathd -k` does.
 */
#ifndef MPATH_CONTROL_CLIENT_H
#define MPATH_CONTROL_CLIENT_H

#include <stdbool.h>
#include <sys/types.h>

struct mp_control_conn;

/* Who holds a socket name (SO_PEERCRED of its listener). */
struct mp_control_peer {
	pid_t pid;
	uid_t uid;
	gid_t gid;
};

/* Trust rule of the client: the listener runs as root, or as the caller
 * itself (an unprivileged daemon or a test only fools its own user). */
bool mp_control_peer_trusted(uid_t peer_uid, uid_t self_uid);

/**
 * mp_control_probe() - who listens on @name (NULL: multipathd's name)?
 * Connects, reads the listener's credentials and closes, sending nothing.
 * Return: 0, -ECONNREFUSED when nobody listens, -errno.
 */
int mp_control_probe(const char *name, struct mp_control_peer *ret_peer);

/**
 * mp_control_connect() - connect to the daemon's abstract socket @name (no
 * leading '@'; NULL: multipathd's name).
 * @timeout_ms: the limit of each later send and reply; <= 0 means 30 s
 * Nothing is sent to a listener that fails mp_control_peer_trusted().
 * Return: 0, -ECONNREFUSED/-ENOENT when no daemon listens, -EPERM when the
 * name is held by an untrusted process (an impostor: see mp_control_probe()),
 * -errno.
 */
int mp_control_connect(const char *name, int timeout_ms, struct mp_control_conn **ret);
/* Text for a -errno of this client on @name (NULL: multipathd's name): for
 * -EPERM it names the impostor's pid and uid. Always NUL-terminates @buf. */
void mp_control_strerror(const char *name, int err, char *buf, size_t size);

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
