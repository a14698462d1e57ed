/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control socket's listener: bind (or take systemd's), say who holds a
 * taken name, start, stop, statistics. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "control/client.h"
#include "control/proto.h"
#include "runtime/loop.h"
#include "server/socket.h"
#include "server/socket_int.h"

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
		ctlsock_log(s, MP_LOG_ERR, "control socket @%s: in use, holder unknown (%s)", s->cfg.name,
		     strerror(-r));
		return;
	}
	if (!mp_control_peer_trusted(p.uid, geteuid())) {
		ctlsock_log(s, MP_LOG_ERR,
		     "control socket @%s is squatted by pid %d (uid %u), which is not root: "
		     "a local user bound the name first; stop that process "
		     "(or start mpathd by systemd socket activation)",
		     s->cfg.name, (int)p.pid, (unsigned)p.uid);
		return;
	}
	r = mpathd_client_command_at(s->cfg.name, "show daemon", &reply, 1000);
	if (r == 0)
		ctlsock_log(s, MP_LOG_ERR, "control socket @%s: another multipath daemon runs (pid %d: %.60s)",
		     s->cfg.name, (int)p.pid, reply);
	else
		ctlsock_log(s, MP_LOG_ERR, "control socket @%s is held by pid %d (uid %u), which does not "
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
		ctlsock_log(s, MP_LOG_ERR, "inherited fd %d is not a listening unix stream socket", fd);
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
	r = loop_timer_new(l, ctlsock_on_pause_end, s, &s->pause);
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
	r = loop_add_io(l, s->fd, EPOLLIN, LOOP_PRIO_HIGH, ctlsock_on_accept, s, &s->io);
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
		ctlsock_client_free(s->clients);
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
