/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Talking to the running daemon: mpathd, or multipathd (the control-socket
 * protocol is the same). Included by <mpath/mpath.h>.
 */
#ifndef MPATH_PUBLIC_DAEMON_H
#define MPATH_PUBLIC_DAEMON_H

#include <mpath/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * mp_daemon_command() - send @cmd ("show maps", "reconfigure", ...) and wait
 * for its reply, as `multipathd -k"CMD"` does.
 * @socket_name: the abstract socket name without its leading '@'; NULL for
 *               the default, /org/kernel/linux/storage/multipathd
 * @timeout_ms: limit for connecting, sending and the reply each; <= 0: 30 s
 * @ret_reply: the reply text, NUL-terminated; free() it
 * Return: 0; -ECONNREFUSED or -ENOENT when no daemon listens; -EPERM when
 * the socket name is held by a process that is neither root nor the caller
 * (an impostor: nothing is sent to it); -ETIMEDOUT;
 * -EPROTO on a malformed reply; -EINVAL; -errno.
 */
MP_EXPORT int mp_daemon_command(const char *socket_name, const char *cmd, int timeout_ms,
				char **ret_reply);

#ifdef __cplusplus
}
#endif

#endif
