/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Commands over the control socket, each step with a deadline. The daemon is
 * trusted only once the kernel says who holds the socket: anyone can bind an
 * abstract name first, so a listener that is not root (or, for tests and
 * unprivileged daemons, the caller's own uid) gets nothing from us.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "control/client.h"
#include "control/proto.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int wait_fd(int fd, short events, long long deadline)
{
	struct pollfd p = {.fd = fd, .events = events};
	long long left = deadline - now_ms();
	int r;

	if (left <= 0)
		return -ETIMEDOUT;
	r = poll(&p, 1, (int)(left > 1000000 ? 1000000 : left));
	if (r < 0)
		return errno == EINTR ? 0 : -errno;
	return r == 0 ? -ETIMEDOUT : 0;
}

static int send_all(int fd, const char *buf, size_t len, long long deadline)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			int r;

			if (errno != EAGAIN && errno != EINTR)
				return -errno;
			r = wait_fd(fd, POLLOUT, deadline);
			if (r < 0)
				return r;
			continue;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int recv_reply(int fd, char **ret_reply, long long deadline)
{
	struct proto_reader rd;
	char buf[65536];
	int r;

	proto_reader_init(&rd, PROTO_MAX_REPLY_LEN);
	for (;;) {
		size_t want = proto_reader_want(&rd), used;
		ssize_t n;

		if (want > sizeof(buf))
			want = sizeof(buf);
		n = recv(fd, buf, want, MSG_DONTWAIT);
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR) {
				r = -errno;
				break;
			}
			r = wait_fd(fd, POLLIN, deadline);
			if (r < 0)
				break;
			continue;
		}
		if (n == 0) {
			r = -EPROTO; /* closed before a whole reply */
			break;
		}
		r = proto_reader_feed(&rd, buf, (size_t)n, &used);
		if (r < 0) {
			r = -EPROTO;
			break;
		}
		if (r == 1) {
			*ret_reply = proto_reader_take(&rd);
			return *ret_reply ? 0 : -ENOMEM;
		}
	}
	proto_reader_reset(&rd);
	return r;
}

struct mp_control_conn {
	int fd;
	int timeout_ms;
};

bool mp_control_peer_trusted(uid_t peer_uid, uid_t self_uid)
{
	return peer_uid == 0 || peer_uid == self_uid;
}

/* The listener's credentials, as the kernel recorded them at listen(). */
static int peer_of(int fd, struct mp_control_peer *ret)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		return -errno;
	*ret = (struct mp_control_peer){.pid = cred.pid, .uid = cred.uid, .gid = cred.gid};
	return 0;
}

/* Connects and reads who listens; the fd is the caller's on success. */
static int connect_peer(const char *name, int *ret_fd, struct mp_control_peer *ret_peer)
{
	struct sockaddr_un addr;
	socklen_t alen;
	int fd, r;

	r = proto_sockaddr(name ? name : MPATHD_SOCKET_NAME, &addr, &alen);
	if (r < 0)
		return r;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* connect() to a listening unix socket does not block for long: a full
	   backlog fails with EAGAIN, which we report as-is. */
	if (connect(fd, (struct sockaddr *)&addr, alen) < 0 || (r = peer_of(fd, ret_peer)) < 0) {
		if (!r)
			r = -errno;
		close(fd);
		return r;
	}
	*ret_fd = fd;
	return 0;
}

int mp_control_probe(const char *name, struct mp_control_peer *ret_peer)
{
	int fd, r;

	if (!ret_peer)
		return -EINVAL;
	r = connect_peer(name, &fd, ret_peer);
	if (r == 0)
		close(fd);
	return r;
}

void mp_control_strerror(const char *name, int err, char *buf, size_t size)
{
	struct mp_control_peer p;

	if (err == -EPERM && mp_control_probe(name, &p) == 0 &&
	    !mp_control_peer_trusted(p.uid, geteuid())) {
		snprintf(buf, size,
			 "the socket @%s is held by pid %d (uid %u), which is not root: "
			 "an impostor, not a multipath daemon; nothing was sent to it",
			 name ? name : MPATHD_SOCKET_NAME, (int)p.pid, (unsigned)p.uid);
		return;
	}
	snprintf(buf, size, "%s", strerror(-err));
}

int mp_control_connect(const char *name, int timeout_ms, struct mp_control_conn **ret)
{
	struct mp_control_peer peer;
	struct mp_control_conn *c;
	int fd, r;

	if (!ret)
		return -EINVAL;
	r = connect_peer(name, &fd, &peer);
	if (r < 0)
		return r;
	if (!mp_control_peer_trusted(peer.uid, geteuid())) {
		close(fd);
		return -EPERM; /* nothing was sent: a command may carry intent */
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	c->fd = fd;
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 30000;
	*ret = c;
	return 0;
}

int mp_control_send(struct mp_control_conn *c, const char *cmd)
{
	char *frame = NULL;
	size_t flen;
	int r;

	if (!c || !cmd)
		return -EINVAL;
	r = proto_frame(cmd, &frame, &flen);
	if (r == 0)
		r = send_all(c->fd, frame, flen, now_ms() + c->timeout_ms);
	free(frame);
	return r;
}

int mp_control_recv(struct mp_control_conn *c, char **ret_reply)
{
	if (!c || !ret_reply)
		return -EINVAL;
	return recv_reply(c->fd, ret_reply, now_ms() + c->timeout_ms);
}

int mp_control_command(struct mp_control_conn *c, const char *cmd, char **ret_reply)
{
	int r = mp_control_send(c, cmd);

	return r < 0 ? r : mp_control_recv(c, ret_reply);
}

void mp_control_close(struct mp_control_conn *c)
{
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c);
}

int mpathd_client_command_at(const char *name, const char *cmd, char **ret_reply, int timeout_ms)
{
	struct mp_control_conn *c;
	int r;

	if (!cmd || !ret_reply)
		return -EINVAL;
	r = mp_control_connect(name, timeout_ms, &c);
	if (r < 0)
		return r;
	r = mp_control_command(c, cmd, ret_reply);
	mp_control_close(c);
	return r;
}

int mpathd_client_command(const char *cmd, char **ret_reply, int timeout_ms)
{
	return mpathd_client_command_at(MPATHD_SOCKET_NAME, cmd, ret_reply, timeout_ms);
}
