/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control socket server's inside, shared by socket.c (clients, accept)
 * and socket_listen.c (the listener's start and stop). Not for other files. */
#ifndef MPATHD_SERVER_SOCKET_INT_H
#define MPATHD_SERVER_SOCKET_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/macros.h"
#include "control/proto.h"
#include "server/socket.h"

struct loop_io;
struct loop_timer;

#define ACCEPT_BATCH 64
#define READ_CHUNK 4096
#define WARN_EVERY_USEC (10ULL * 1000000) /* one accept warning per 10 s at most */
#define PAUSE_USEC (100ULL * 1000)          /* listener rest when out of fds/memory */

struct client {
	struct ctlsock *s;
	int fd;
	struct loop_io *io;
	struct loop_timer *timer;
	struct ctlsock_peer peer;
	struct proto_reader rd;
	char *out;
	size_t out_len, out_off;
	bool close_after_send;
	bool root;
	struct client *prev, *next;
};

struct uid_count {
	uid_t uid;
	unsigned n;
};

struct ctlsock {
	struct loop *loop;
	struct ctlsock_config cfg;
	struct ctlsock_callbacks cb;
	void *userdata;
	int fd;
	struct loop_io *io;
	struct client *clients;
	struct ctlsock_stats st;
	unsigned user_cap;       /* non-root clients at most: slots and fds kept back */
	unsigned users;          /* non-root clients now */
	size_t user_out;         /* unread reply bytes held for non-root clients */
	struct uid_count *uids;  /* non-root clients per uid */
	size_t n_uids;
	int spare_fd;            /* given up to accept-and-close when out of fds */
	struct loop_timer *pause;
	uint64_t warned_at;      /* rate limit of accept warnings */
	unsigned long long warn_suppressed;
};

void ctlsock_log(struct ctlsock *s, int level, const char *fmt, ...) MP_PRINTF(3, 4);
void ctlsock_client_free(struct client *c);
void ctlsock_on_accept(struct loop_io *io, int fd, uint32_t revents, void *userdata);
void ctlsock_on_pause_end(struct loop_timer *t, void *userdata);

#endif
