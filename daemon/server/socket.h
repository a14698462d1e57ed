/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control socket server (wire format: client_proto.h). Everything is
 * non-blocking and per client: a client that sends half a command and stalls,
 * or never reads its reply, is dropped after cmd_timeout_ms and never delays
 * the others. Beyond its limit a new connection gets an error reply and is
 * closed. The peer's credentials (SO_PEERCRED) go to the command callback,
 * which decides what that uid may run.
 *
 * Non-root clients are limited per uid and together; root_reserved slots and
 * fd_reserve descriptors (of RLIMIT_NOFILE, read at start) are theirs never,
 * so a local user cannot lock root out nor make checks fail with EMFILE.
 */
#ifndef MPATHD_SOCKET_H
#define MPATHD_SOCKET_H

#include <stddef.h>
#include <sys/types.h>

#include "mpath/mpath.h"

struct loop;
struct ctlsock;

struct ctlsock_config {
	const char *name;      /* abstract name without '@'; NULL: MPATHD_SOCKET_NAME */
	unsigned max_clients;  /* 0: 4096 */
	int cmd_timeout_ms;    /* partial command or unread reply; 0: 5000 */
	int idle_timeout_ms;   /* root connected, nothing pending; 0: never (interactive shells) */
	size_t max_cmd_len;    /* NUL included; 0: PROTO_MAX_CMD_LEN */
	unsigned root_reserved;   /* of max_clients, slots only root may take; 0: 64 */
	unsigned max_per_uid;     /* clients of one non-root uid; 0: 32 */
	int user_idle_timeout_ms; /* non-root connected, nothing pending; 0: 30000 */
	unsigned fd_reserve;      /* descriptors non-root clients never get; 0: 256 */
	size_t max_user_reply;    /* one reply to a non-root client; 0: 16 MiB */
	size_t max_user_out;      /* unread replies of all non-root clients; 0: 64 MiB */
	int inherited_fd;         /* > 2: a listening socket systemd bound for us (socket
				     activation: no user can squat the name first); else bind */
};

struct ctlsock_peer {
	pid_t pid;
	uid_t uid;
	gid_t gid;
};

struct ctlsock_stats {
	unsigned clients;
	unsigned long long accepted, refused, dropped_timeout, dropped_error, commands;
	unsigned long long emfile;         /* accepts that failed for want of fds or memory */
	unsigned long long replies_refused; /* non-root replies over their bound */
	unsigned user_cap;                 /* non-root clients at most (limits and fds) */
};

struct ctlsock_callbacks {
	/*
	 * Runs one command on the loop thread. *ret_reply: a malloc'ed string
	 * the socket frees after sending; NULL sends "fail\n". Return: 0 or
	 * -errno (only for logging: the reply text is what the client sees).
	 */
	int (*command)(void *userdata, const char *cmd, const struct ctlsock_peer *peer,
		       char **ret_reply);
	mp_log_fn log; /* may be NULL */
};

/**
 * ctlsock_start() - bind, listen and serve on @l.
 * Return: 0, -EADDRINUSE when the name is taken (logged: another daemon,
 * a root process that does not answer, or a squatter with its pid and uid),
 * or -errno.
 */
int ctlsock_start(struct loop *l, const struct ctlsock_config *cfg,
		  const struct ctlsock_callbacks *cb, void *userdata, struct ctlsock **ret_sock);
/* Closes the listener and every client. Accepts NULL. */
void ctlsock_stop(struct ctlsock *s);
void ctlsock_get_stats(const struct ctlsock *s, struct ctlsock_stats *ret_stats);

#endif
