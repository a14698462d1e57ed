/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Control socket server: accept, read one framed command per client state
 * machine (header, body), run it, write the framed reply, repeat.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "control/proto.h"
#include "common/macros.h"
#include "runtime/loop.h"
#include "server/socket.h"

#define ACCEPT_BATCH 64
#define READ_CHUNK 4096

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
	struct client *prev, *next;
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
};

static void slog(struct ctlsock *s, int level, const char *fmt, ...) MP_PRINTF(3, 4);
static void slog(struct ctlsock *s, int level, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!s->cb.log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->cb.log(s->userdata, level, msg);
}

static void client_free(struct client *c)
{
	struct ctlsock *s = c->s;

	if (c->prev)
		c->prev->next = c->next;
	else
		s->clients = c->next;
	if (c->next)
		c->next->prev = c->prev;
	s->st.clients--;
	loop_io_remove(c->io);
	loop_timer_free(c->timer);
	close(c->fd);
	proto_reader_reset(&c->rd);
	free(c->out);
	free(c);
}

static void client_timeout(struct loop_timer *t, void *userdata)
{
	struct client *c = userdata;

	(void)t;
	slog(c->s, MP_LOG_INFO, "control client pid %d: %s, dropped", (int)c->peer.pid,
	     c->out ? "reply not read in time" : "command not completed in time");
	c->s->st.dropped_timeout++;
	client_free(c);
}

static void arm(struct client *c, int ms)
{
	if (ms > 0)
		loop_timer_arm(c->timer, loop_now(c->s->loop) + (uint64_t)ms * 1000);
	else
		loop_timer_disarm(c->timer);
}

/* Returns false when the client was freed. */
static bool flush_out(struct client *c)
{
	while (c->out_off < c->out_len) {
		ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				loop_io_set_events(c->io, EPOLLOUT);
				return true;
			}
			c->s->st.dropped_error++;
			client_free(c);
			return false;
		}
		c->out_off += (size_t)n;
	}
	free(c->out);
	c->out = NULL;
	if (c->close_after_send) {
		client_free(c);
		return false;
	}
	arm(c, c->s->cfg.idle_timeout_ms);
	loop_io_set_events(c->io, EPOLLIN);
	return true;
}

static bool queue_reply(struct client *c, const char *text)
{
	if (proto_frame(text, &c->out, &c->out_len) < 0) {
		client_free(c);
		return false;
	}
	c->out_off = 0;
	arm(c, c->s->cfg.cmd_timeout_ms);
	return flush_out(c);
}

static bool run_command(struct client *c)
{
	struct ctlsock *s = c->s;
	char *cmd = proto_reader_take(&c->rd);
	char *reply = NULL;
	bool alive;

	if (!cmd) {
		client_free(c);
		return false;
	}
	s->st.commands++;
	s->cb.command(s->userdata, cmd, &c->peer, &reply);
	free(cmd);
	alive = queue_reply(c, reply ? reply : "fail\n");
	free(reply);
	return alive;
}

static void client_readable(struct client *c)
{
	char buf[READ_CHUNK];

	for (int rounds = 0; rounds < 16; rounds++) {
		size_t want = proto_reader_want(&c->rd), used;
		ssize_t n;
		int r;

		if (want > sizeof(buf))
			want = sizeof(buf);
		n = recv(c->fd, buf, want, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			/* EOF between commands is the normal way to leave. */
			if (n < 0 || proto_reader_started(&c->rd))
				c->s->st.dropped_error++;
			client_free(c);
			return;
		}
		if (!proto_reader_started(&c->rd))
			arm(c, c->s->cfg.cmd_timeout_ms);
		r = proto_reader_feed(&c->rd, buf, (size_t)n, &used);
		if (r == 0)
			continue;
		if (r < 0) {
			char msg[128];

			/* The stream cannot be resynchronised: answer, then close. */
			if (r == -EMSGSIZE)
				snprintf(msg, sizeof(msg), "error: command too long (%zu bytes, max %zu)\n",
					 c->rd.len, c->rd.max);
			else
				snprintf(msg, sizeof(msg), "error: malformed command (%s)\n", strerror(-r));
			slog(c->s, MP_LOG_WARNING, "control client pid %d: %s", (int)c->peer.pid, msg);
			c->close_after_send = true;
			loop_io_set_events(c->io, 0);
			queue_reply(c, msg);
			return;
		}
		/* One command at a time: stop reading until the reply is out. */
		loop_io_set_events(c->io, 0);
		if (!run_command(c))
			return;
		if (c->out)
			return;
	}
}

static void client_event(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct client *c = userdata;

	(void)io;
	(void)fd;
	if (c->out) {
		if (revents & (EPOLLOUT | EPOLLERR | EPOLLHUP))
			flush_out(c);
		return;
	}
	if (revents & (EPOLLIN | EPOLLERR | EPOLLHUP))
		client_readable(c);
}

static void refuse(struct ctlsock *s, int fd)
{
	char msg[96], *frame;
	size_t len;

	snprintf(msg, sizeof(msg), "error: too many clients (max %u), try again later\n",
		 s->cfg.max_clients);
	/* Best effort on a fresh socket: its send buffer is empty. */
	if (proto_frame(msg, &frame, &len) == 0) {
		if (send(fd, frame, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
		}
		free(frame);
	}
	close(fd);
	s->st.refused++;
}

static void on_accept(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct ctlsock *s = userdata;

	(void)io;
	(void)revents;
	/* A bounded batch per pass, so a connect storm cannot starve the loop. */
	for (int i = 0; i < ACCEPT_BATCH; i++) {
		struct ucred cred;
		socklen_t clen = sizeof(cred);
		struct client *c;
		int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (cfd < 0) {
			if (errno != EAGAIN && errno != EINTR)
				slog(s, MP_LOG_WARNING, "control socket accept: %s", strerror(errno));
			return;
		}
		if (s->st.clients >= s->cfg.max_clients) {
			refuse(s, cfd);
			continue;
		}
		if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0) {
			close(cfd);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(cfd);
			continue;
		}
		c->s = s;
		c->fd = cfd;
		c->peer = (struct ctlsock_peer){cred.pid, cred.uid, cred.gid};
		proto_reader_init(&c->rd, s->cfg.max_cmd_len);
		if (loop_timer_new(s->loop, client_timeout, c, &c->timer) < 0 ||
		    loop_add_io(s->loop, cfd, EPOLLIN, LOOP_PRIO_HIGH, client_event, c, &c->io) < 0) {
			loop_timer_free(c->timer);
			close(cfd);
			free(c);
			continue;
		}
		c->next = s->clients;
		if (s->clients)
			s->clients->prev = c;
		s->clients = c;
		s->st.clients++;
		s->st.accepted++;
		arm(c, s->cfg.idle_timeout_ms);
	}
}

int ctlsock_start(struct loop *l, const struct ctlsock_config *cfg,
		  const struct ctlsock_callbacks *cb, void *userdata, struct ctlsock **ret_sock)
{
	struct sockaddr_un addr;
	socklen_t alen;
	struct ctlsock *s;
	int r;

	if (!cb || !cb->command)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->loop = l;
	s->cfg = cfg ? *cfg : (struct ctlsock_config){0};
	if (!s->cfg.name)
		s->cfg.name = MPATHD_SOCKET_NAME;
	if (!s->cfg.max_clients)
		s->cfg.max_clients = 4096;
	if (!s->cfg.cmd_timeout_ms)
		s->cfg.cmd_timeout_ms = 5000;
	if (!s->cfg.max_cmd_len)
		s->cfg.max_cmd_len = PROTO_MAX_CMD_LEN;
	s->cb = *cb;
	s->userdata = userdata;
	s->fd = -1;
	r = proto_sockaddr(s->cfg.name, &addr, &alen);
	if (r < 0)
		goto fail;
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&addr, alen) < 0 ||
	    listen(s->fd, SOMAXCONN) < 0) {
		r = -errno;
		goto fail;
	}
	r = loop_add_io(l, s->fd, EPOLLIN, LOOP_PRIO_HIGH, on_accept, s, &s->io);
	if (r < 0)
		goto fail;
	*ret_sock = s;
	return 0;
fail:
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	return r;
}

void ctlsock_stop(struct ctlsock *s)
{
	if (!s)
		return;
	while (s->clients)
		client_free(s->clients);
	loop_io_remove(s->io);
	close(s->fd);
	free(s);
}

void ctlsock_get_stats(const struct ctlsock *s, struct ctlsock_stats *ret_stats)
{
	*ret_stats = s->st;
}
