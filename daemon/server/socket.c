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
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "control/client.h"
#include "control/proto.h"
#include "common/macros.h"
#include "runtime/loop.h"
#include "server/socket.h"

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

static void warn_accept(struct ctlsock *s, const char *what)
{
	uint64_t now = loop_now(s->loop);

	if (s->warned_at && now - s->warned_at < WARN_EVERY_USEC) {
		s->warn_suppressed++;
		return;
	}
	slog(s, MP_LOG_WARNING, "control socket accept: %s (%llu more in the last %llu s)", what,
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
	slog(c->s, MP_LOG_INFO, "control client pid %d uid %u: %s, dropped", (int)c->peer.pid,
	     (unsigned)c->peer.uid,
	     c->out ? "reply not read in time"
	     : proto_reader_started(&c->rd) ? "command not completed in time" : "idle too long");
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
	drop_out(c);
	if (c->close_after_send) {
		client_free(c);
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
		client_free(c);
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

static void on_pause_end(struct loop_timer *t, void *userdata)
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

/*
 * Non-root clients get what is left once root's slots and the descriptors
 * the rest of the daemon needs are kept back, so that no user can make a
 * check or root's command fail for want of an fd.
 */
static unsigned user_cap(const struct ctlsock_config *cfg)
{
	struct rlimit rl;
	unsigned cap = cfg->max_clients > cfg->root_reserved ? cfg->max_clients - cfg->root_reserved : 0;
	unsigned long long fds;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		unsigned long long keep = (unsigned long long)cfg->fd_reserve + cfg->root_reserved;

		fds = rl.rlim_cur > keep ? rl.rlim_cur - keep : rl.rlim_cur / 4;
		if (fds < cap)
			cap = (unsigned)fds;
	}
	return cap;
}

/*
 * bind() found the name taken. Say who holds it: another daemon (root,
 * answering), a root process that does not answer, or a squatter (anyone
 * else: an abstract name belongs to whoever binds it first).
 */
static void explain_taken(struct ctlsock *s)
{
	struct mp_control_peer p;
	char *reply = NULL;
	int r = mp_control_probe(s->cfg.name, &p);

	if (r < 0) {
		slog(s, MP_LOG_ERR, "control socket @%s: in use, holder unknown (%s)", s->cfg.name,
		     strerror(-r));
		return;
	}
	if (!mp_control_peer_trusted(p.uid, geteuid())) {
		slog(s, MP_LOG_ERR,
		     "control socket @%s is squatted by pid %d (uid %u), which is not root: "
		     "a local user bound the name first; stop that process "
		     "(or start mpathd by systemd socket activation)",
		     s->cfg.name, (int)p.pid, (unsigned)p.uid);
		return;
	}
	r = mpathd_client_command_at(s->cfg.name, "show daemon", &reply, 1000);
	if (r == 0)
		slog(s, MP_LOG_ERR, "control socket @%s: another multipath daemon runs (pid %d: %.60s)",
		     s->cfg.name, (int)p.pid, reply);
	else
		slog(s, MP_LOG_ERR, "control socket @%s is held by pid %d (uid %u), which does not "
		     "answer as a multipath daemon (%s)", s->cfg.name, (int)p.pid, (unsigned)p.uid,
		     strerror(-r));
	free(reply);
}

/* Takes @fd from systemd if it is what mpathd.socket declares: a listening
 * unix stream socket. */
static int adopt(struct ctlsock *s, int fd)
{
	int type = 0, listening = 0, domain = 0;
	socklen_t len = sizeof(int);

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) < 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) < 0)
		return -errno;
	if (type != SOCK_STREAM || !listening || domain != AF_UNIX) {
		slog(s, MP_LOG_ERR, "inherited fd %d is not a listening unix stream socket", fd);
		return -ENOTSOCK;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -errno;
	s->fd = fd;
	return 0;
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
	if (!s->cfg.root_reserved)
		s->cfg.root_reserved = 64;
	if (!s->cfg.max_per_uid)
		s->cfg.max_per_uid = 32;
	if (!s->cfg.user_idle_timeout_ms)
		s->cfg.user_idle_timeout_ms = 30000;
	if (!s->cfg.fd_reserve)
		s->cfg.fd_reserve = 256;
	if (!s->cfg.max_user_reply)
		s->cfg.max_user_reply = 16 * 1024 * 1024;
	if (!s->cfg.max_user_out)
		s->cfg.max_user_out = 64 * 1024 * 1024;
	s->user_cap = user_cap(&s->cfg);
	s->cb = *cb;
	s->userdata = userdata;
	s->fd = -1;
	s->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	r = loop_timer_new(l, on_pause_end, s, &s->pause);
	if (r < 0)
		goto fail;
	if (s->cfg.inherited_fd > 2) {
		r = adopt(s, s->cfg.inherited_fd);
		if (r < 0)
			goto fail;
		goto serve;
	}
	r = proto_sockaddr(s->cfg.name, &addr, &alen);
	if (r < 0)
		goto fail;
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&addr, alen) < 0 ||
	    listen(s->fd, SOMAXCONN) < 0) {
		r = -errno;
		if (r == -EADDRINUSE)
			explain_taken(s);
		goto fail;
	}
serve:
	r = loop_add_io(l, s->fd, EPOLLIN, LOOP_PRIO_HIGH, on_accept, s, &s->io);
	if (r < 0)
		goto fail;
	*ret_sock = s;
	return 0;
fail:
	if (s->fd >= 0)
		close(s->fd);
	if (s->spare_fd >= 0)
		close(s->spare_fd);
	loop_timer_free(s->pause);
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
	loop_timer_free(s->pause);
	close(s->fd);
	if (s->spare_fd >= 0)
		close(s->spare_fd);
	free(s->uids);
	free(s);
}

void ctlsock_get_stats(const struct ctlsock *s, struct ctlsock_stats *ret_stats)
{
	*ret_stats = s->st;
	ret_stats->user_cap = s->user_cap;
}
