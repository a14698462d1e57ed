/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Control socket server: accept, read one framed command per client state
 * machine (header, body), run it, write the framed reply, repeat.
 *
 * What one local user can take is bounded: clients per uid, all non-root
 * clients together (never the slots kept for root, never the file
 * descriptors the checks need), idle time, unread reply bytes. Running out
 * of descriptors anyway costs one accept-and-close with a spare fd and a
 * paused listener, never a spin or a flood of warnings.
 */
#include <errno.h>
#include <fcntl.h>
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

#include "server/socket_int.h"

void ctlsock_log(struct ctlsock *s, int level, const char *fmt, ...)
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

static void warn_accept(struct ctlsock *s, const char *what)
{
	uint64_t now = loop_now(s->loop);

	if (s->warned_at && now - s->warned_at < WARN_EVERY_USEC) {
		s->warn_suppressed++;
		return;
	}
	ctlsock_log(s, MP_LOG_WARNING, "control socket accept: %s (%llu more in the last %llu s)", what,
	     s->warn_suppressed, s->warned_at ? (unsigned long long)(now - s->warned_at) / 1000000 : 0);
	s->warned_at = now;
	s->warn_suppressed = 0;
}

static struct uid_count *uid_slot(struct ctlsock *s, uid_t uid, bool add)
{
	struct uid_count *u;

	for (size_t i = 0; i < s->n_uids; i++)
		if (s->uids[i].uid == uid)
			return &s->uids[i];
	if (!add)
		return NULL;
	/* At most one entry per non-root client, so this stays bounded. */
	u = realloc(s->uids, (s->n_uids + 1) * sizeof(*u));
	if (!u)
		return NULL;
	s->uids = u;
	u = &s->uids[s->n_uids++];
	*u = (struct uid_count){.uid = uid};
	return u;
}

static void uid_put(struct ctlsock *s, uid_t uid)
{
	struct uid_count *u = uid_slot(s, uid, false);

	if (u && --u->n == 0)
		*u = s->uids[--s->n_uids];
}

static int idle_ms(const struct client *c)
{
	return c->root ? c->s->cfg.idle_timeout_ms : c->s->cfg.user_idle_timeout_ms;
}

static void drop_out(struct client *c)
{
	if (c->out && !c->root)
		c->s->user_out -= c->out_len;
	free(c->out);
	c->out = NULL;
}

void ctlsock_client_free(struct client *c)
{
	struct ctlsock *s = c->s;

	if (c->prev)
		c->prev->next = c->next;
	else
		s->clients = c->next;
	if (c->next)
		c->next->prev = c->prev;
	s->st.clients--;
	if (!c->root) {
		s->users--;
		uid_put(s, c->peer.uid);
	}
	loop_io_remove(c->io);
	loop_timer_free(c->timer);
	close(c->fd);
	proto_reader_reset(&c->rd);
	drop_out(c);
	free(c);
}

static void client_timeout(struct loop_timer *t, void *userdata)
{
	struct client *c = userdata;

	(void)t;
	ctlsock_log(c->s, MP_LOG_INFO, "control client pid %d uid %u: %s, dropped", (int)c->peer.pid,
	     (unsigned)c->peer.uid,
	     c->out ? "reply not read in time"
	     : proto_reader_started(&c->rd) ? "command not completed in time" : "idle too long");
	c->s->st.dropped_timeout++;
	ctlsock_client_free(c);
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
			ctlsock_client_free(c);
			return false;
		}
		c->out_off += (size_t)n;
	}
	drop_out(c);
	if (c->close_after_send) {
		ctlsock_client_free(c);
		return false;
	}
	arm(c, idle_ms(c));
	loop_io_set_events(c->io, EPOLLIN);
	return true;
}

static bool queue_reply(struct client *c, const char *text)
{
	struct ctlsock *s = c->s;
	size_t len = strlen(text);
	char msg[160];

	/* A non-root reply is bounded by itself and by what all non-root
	   clients leave unread together, so readers that never read cost
	   at most max_user_out of the daemon's memory. */
	if (!c->root && (len > s->cfg.max_user_reply || s->user_out + len > s->cfg.max_user_out)) {
		snprintf(msg, sizeof(msg),
			 len > s->cfg.max_user_reply
				 ? "error: reply too large for an unprivileged client (%zu bytes, max %zu)\n"
				 : "error: too much unread output held for unprivileged clients "
				   "(%zu bytes), try again later\n",
			 len, s->cfg.max_user_reply);
		text = msg;
		s->st.replies_refused++;
	}
	if (proto_frame(text, &c->out, &c->out_len) < 0) {
		ctlsock_client_free(c);
		return false;
	}
	if (!c->root)
		s->user_out += c->out_len;
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
		ctlsock_client_free(c);
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
			ctlsock_client_free(c);
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
			ctlsock_log(c->s, MP_LOG_WARNING, "control client pid %d: %s", (int)c->peer.pid, msg);
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

static void refuse(struct ctlsock *s, int fd, const char *msg)
{
	char *frame;
	size_t len;

	/* Best effort on a fresh socket: its send buffer is empty. */
	if (proto_frame(msg, &frame, &len) == 0) {
		if (send(fd, frame, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
		}
		free(frame);
	}
	close(fd);
	s->st.refused++;
}

/* Is there a slot for this peer? Fills @msg with the refusal otherwise. */
static bool admit(struct ctlsock *s, const struct ucred *cred, char *msg, size_t size)
{
	struct uid_count *u;

	if (s->st.clients >= s->cfg.max_clients) {
		snprintf(msg, size, "error: too many clients (max %u), try again later\n",
			 s->cfg.max_clients);
		return false;
	}
	if (cred->uid == 0)
		return true;
	if (s->users >= s->user_cap) {
		snprintf(msg, size,
			 "error: too many unprivileged clients (max %u), try again later\n",
			 s->user_cap);
		return false;
	}
	u = uid_slot(s, cred->uid, false);
	if (u && u->n >= s->cfg.max_per_uid) {
		snprintf(msg, size, "error: too many clients of uid %u (max %u), try again later\n",
			 (unsigned)cred->uid, s->cfg.max_per_uid);
		return false;
	}
	return true;
}

void ctlsock_on_pause_end(struct loop_timer *t, void *userdata)
{
	struct ctlsock *s = userdata;

	(void)t;
	if (s->spare_fd < 0)
		s->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	loop_io_set_events(s->io, EPOLLIN);
}

/* Out of descriptors (or kernel memory): give up the spare fd to take the
 * waiting connections and close them with a word, so the backlog does not
 * keep the listener readable and the loop spinning; then rest the listener. */
static void shed(struct ctlsock *s, int lfd, int err)
{
	static const char msg[] = "error: mpathd is out of file descriptors, try again later\n";
	unsigned n = 0;
	char what[96];

	s->st.emfile++;
	if ((err == EMFILE || err == ENFILE) && s->spare_fd >= 0) {
		close(s->spare_fd);
		s->spare_fd = -1;
		for (; n < ACCEPT_BATCH; n++) {
			int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

			if (fd < 0)
				break;
			refuse(s, fd, msg);
		}
		s->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	snprintf(what, sizeof(what), "%s: %u connection(s) closed unanswered", strerror(err), n);
	warn_accept(s, what);
	loop_io_set_events(s->io, 0);
	loop_timer_arm(s->pause, loop_now(s->loop) + PAUSE_USEC);
}

void ctlsock_on_accept(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct ctlsock *s = userdata;

	(void)io;
	(void)revents;
	/* A bounded batch per pass, so a connect storm cannot starve the loop. */
	for (int i = 0; i < ACCEPT_BATCH; i++) {
		struct ucred cred;
		socklen_t clen = sizeof(cred);
		struct client *c;
		char msg[128];
		int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (cfd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOMEM || errno == ENOBUFS)
				shed(s, fd, errno);
			else if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
				warn_accept(s, strerror(errno));
			return;
		}
		if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0) {
			close(cfd);
			continue;
		}
		if (!admit(s, &cred, msg, sizeof(msg))) {
			refuse(s, cfd, msg);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c || (cred.uid != 0 && !uid_slot(s, cred.uid, true))) {
			free(c);
			close(cfd);
			continue;
		}
		c->s = s;
		c->fd = cfd;
		c->root = cred.uid == 0;
		c->peer = (struct ctlsock_peer){cred.pid, cred.uid, cred.gid};
		proto_reader_init(&c->rd, s->cfg.max_cmd_len);
		if (loop_timer_new(s->loop, client_timeout, c, &c->timer) < 0 ||
		    loop_add_io(s->loop, cfd, EPOLLIN, LOOP_PRIO_HIGH, client_event, c, &c->io) < 0) {
			loop_timer_free(c->timer);
			close(cfd);
			free(c);
			continue;
		}
		if (!c->root) {
			uid_slot(s, cred.uid, false)->n++;
			s->users++;
		}
		c->next = s->clients;
		if (s->clients)
			s->clients->prev = c;
		s->clients = c;
		s->st.clients++;
		s->st.accepted++;
		arm(c, idle_ms(c));
	}
}

