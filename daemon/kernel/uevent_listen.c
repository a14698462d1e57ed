/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Uevent listener: netlink socket, sender checks, filtering, and per-device
 * coalescing. A device's first event opens a window of coalesce_ms; later
 * events of the same device inside it replace the pending one; when the
 * window ends one notice goes out. The window is fixed from its first
 * event, so a device that never stops flapping is still reported every
 * coalesce_ms, and one device's storm never delays another's notice.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/macros.h"
#include "runtime/loop.h"
#include "kernel/uevent.h"

struct pending {
	struct uevent ev;
	uint64_t deadline;
	uint64_t received;
	unsigned merged;
	unsigned actions;
	struct pending *next;
};

struct uevents {
	struct loop *loop;
	struct uevent_config cfg;
	struct uevent_callbacks cb;
	void *userdata;
	int fd;
	struct loop_io *io;
	struct loop_timer *timer;
	struct pending *head, *tail; /* window start order == deadline order */
	unsigned npending;
	struct uevent scratch;
	uint64_t replay_clock; /* != 0 while replaying: recorded time, not loop time */
};

static void ulog(struct uevents *u, int level, const char *fmt, ...) MP_PRINTF(3, 4);
static void ulog(struct uevents *u, int level, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!u->cb.log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	u->cb.log(u->userdata, level, msg);
}

static uint64_t now(const struct uevents *u)
{
	return u->replay_clock ? u->replay_clock : loop_now(u->loop);
}

static unsigned action_bit(const char *a)
{
	if (strcmp(a, "add") == 0)
		return UEVENT_SAW_ADD;
	if (strcmp(a, "remove") == 0)
		return UEVENT_SAW_REMOVE;
	if (strcmp(a, "change") == 0)
		return UEVENT_SAW_CHANGE;
	return UEVENT_SAW_OTHER;
}

static const char *key_of(const struct uevent *ev)
{
	return ev->devname ? ev->devname : ev->devpath;
}

static void deliver_head(struct uevents *u)
{
	struct pending *p = u->head;
	struct uevent_notice n = {&p->ev, p->merged, p->actions, p->received};

	u->head = p->next;
	if (!u->head)
		u->tail = NULL;
	u->npending--;
	if (u->cb.notify)
		u->cb.notify(u->userdata, &n);
	free(p);
}

static void rearm(struct uevents *u)
{
	if (!u->timer)
		return;
	if (u->head && !u->replay_clock)
		loop_timer_arm(u->timer, u->head->deadline);
	else
		loop_timer_disarm(u->timer);
}

static void deliver_due(struct uevents *u, uint64_t t)
{
	while (u->head && u->head->deadline <= t)
		deliver_head(u);
	rearm(u);
}

static void on_window_end(struct loop_timer *t, void *userdata)
{
	struct uevents *u = userdata;

	(void)t;
	deliver_due(u, loop_now(u->loop));
}

void uevents_flush(struct uevents *u)
{
	while (u->head)
		deliver_head(u);
	rearm(u);
}

static void ignore(struct uevents *u, const char *why)
{
	if (u->cb.ignored)
		u->cb.ignored(u->userdata, why);
}

static void take(struct uevents *u, const struct uevent *ev)
{
	struct pending *p;
	uint64_t t = now(u);

	deliver_due(u, t);
	for (p = u->head; p; p = p->next) {
		if (strcmp(key_of(&p->ev), key_of(ev)) == 0) {
			const char *why;

			p->merged++;
			p->actions |= action_bit(ev->action);
			/* The newest event wins; the window keeps its place and deadline.
			   Parsing again points the copy's fields into its own buffer. */
			uevent_parse(ev->buf, ev->len, &p->ev, &why);
			return;
		}
	}
	if (u->cfg.coalesce_ms <= 0) {
		struct uevent_notice n = {ev, 0, action_bit(ev->action), t};

		if (u->cb.notify)
			u->cb.notify(u->userdata, &n);
		return;
	}
	if (u->npending >= u->cfg.max_pending)
		deliver_head(u); /* bounded memory: the oldest window closes early */
	p = malloc(sizeof(*p));
	if (!p) {
		struct uevent_notice n = {ev, 0, action_bit(ev->action), t};

		if (u->cb.notify)
			u->cb.notify(u->userdata, &n);
		return;
	}
	/* Re-parse the copy so its pointers point into its own buffer. */
	uevent_parse(ev->buf, ev->len, &p->ev, &(const char *){NULL});
	p->deadline = t + (uint64_t)u->cfg.coalesce_ms * 1000;
	p->received = t;
	p->merged = 0;
	p->actions = action_bit(ev->action);
	p->next = NULL;
	if (u->tail)
		u->tail->next = p;
	else
		u->head = p;
	u->tail = p;
	u->npending++;
	rearm(u);
}

int uevents_feed(struct uevents *u, const void *data, size_t len)
{
	const char *why;
	int r = uevent_parse(data, len, &u->scratch, &why);

	if (r < 0) {
		ulog(u, MP_LOG_DEBUG, "uevent ignored: %s", why);
		ignore(u, why);
		return r;
	}
	if (!uevent_is_relevant(&u->scratch)) {
		ignore(u, "not a multipath candidate");
		return 0;
	}
	take(u, &u->scratch);
	return 0;
}

static void on_readable(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct uevents *u = userdata;
	char buf[UEVENT_BUFFER_SIZE + 1];
	char control[CMSG_SPACE(sizeof(struct ucred))];

	(void)io;
	(void)revents;
	/* A bounded batch per pass; the rest waits for the next iteration. */
	for (int i = 0; i < 64; i++) {
		struct sockaddr_nl snl;
		struct iovec iov = {buf, sizeof(buf)};
		struct msghdr msg = {.msg_name = &snl, .msg_namelen = sizeof(snl), .msg_iov = &iov,
				     .msg_iovlen = 1, .msg_control = control,
				     .msg_controllen = sizeof(control)};
		struct cmsghdr *c;
		struct ucred cred = {0};
		bool have_cred = false;
		ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT);

		if (n < 0) {
			if (errno == ENOBUFS)
				ulog(u, MP_LOG_WARNING, "uevent socket overrun: events were lost");
			return;
		}
		for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
				memcpy(&cred, CMSG_DATA(c), sizeof(cred));
				have_cred = true;
			}
		if ((msg.msg_flags & MSG_TRUNC) ||
		    !uevent_sender_trusted((unsigned)u->cfg.group, snl.nl_pid, have_cred, cred.uid)) {
			ignore(u, "untrusted sender or truncated");
			continue;
		}
		uevents_feed(u, buf, (size_t)n);
	}
}

static int open_socket(struct uevents *u)
{
	struct sockaddr_nl snl = {.nl_family = AF_NETLINK, .nl_groups = (unsigned)u->cfg.group};
	int one = 1, size = 4 * 1024 * 1024;

	u->fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	if (u->fd < 0)
		return -errno;
	/* Storms come in bursts: a big buffer avoids ENOBUFS (needs CAP_NET_ADMIN). */
	if (setsockopt(u->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(u->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (setsockopt(u->fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) < 0 ||
	    bind(u->fd, (struct sockaddr *)&snl, sizeof(snl)) < 0)
		return -errno;
	return loop_add_io(u->loop, u->fd, EPOLLIN, LOOP_PRIO_NORMAL, on_readable, u, &u->io);
}

int uevents_start(struct loop *l, const struct uevent_config *cfg, const struct uevent_callbacks *cb,
		  void *userdata, bool open_sock, struct uevents **ret_u)
{
	struct uevents *u = calloc(1, sizeof(*u));
	int r;

	if (!u)
		return -ENOMEM;
	u->loop = l;
	u->cfg = cfg ? *cfg : (struct uevent_config){.coalesce_ms = 20};
	if (u->cfg.group == 0)
		u->cfg.group = access("/run/udev/control", F_OK) == 0 ? 2 : 1;
	if (u->cfg.group != 1 && u->cfg.group != 2) {
		free(u);
		return -EINVAL;
	}
	if (!u->cfg.max_pending)
		u->cfg.max_pending = 4096;
	if (cb)
		u->cb = *cb;
	u->userdata = userdata;
	u->fd = -1;
	r = loop_timer_new(l, on_window_end, u, &u->timer);
	if (r == 0 && open_sock)
		r = open_socket(u);
	if (r < 0) {
		uevents_stop(u);
		return r;
	}
	*ret_u = u;
	return 0;
}

void uevents_stop(struct uevents *u)
{
	if (!u)
		return;
	while (u->head) {
		struct pending *p = u->head;

		u->head = p->next;
		free(p);
	}
	loop_io_remove(u->io);
	loop_timer_free(u->timer);
	if (u->fd >= 0)
		close(u->fd);
	free(u);
}

/*
 * Recording format (one event per block, blocks separated by blank lines):
 *   # comment
 *   @ <milliseconds since the start of the recording>   (optional)
 *   ACTION@DEVPATH
 *   KEY=VALUE
 *   ...
 * The events are re-encoded in the kernel's wire format and fed with the
 * recorded time as the clock, so coalescing windows replay exactly.
 */
int uevents_replay_file(struct uevents *u, const char *path, unsigned *ret_events)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	char line[1024], msg[UEVENT_BUFFER_SIZE];
	size_t len = 0;
	uint64_t base = 1000000000ull, at = 0; /* any nonzero origin */
	unsigned events = 0;
	int lineno = 0, r = 0;

	if (!f)
		return -errno;
	u->replay_clock = base;
	for (;;) {
		char *s = fgets(line, sizeof(line), f);
		size_t n;

		if (s) {
			lineno++;
			n = strcspn(line, "\n");
			line[n] = '\0';
			if (line[0] == '#')
				continue;
		}
		if (!s || line[0] == '\0') {
			if (len > 0) {
				u->replay_clock = base + at * 1000;
				uevents_feed(u, msg, len);
				events++;
				len = 0;
			}
			if (!s)
				break;
			continue;
		}
		if (line[0] == '@') {
			char *end;

			at = strtoull(line + 1, &end, 10);
			if (end == line + 1 || *end) {
				ulog(u, MP_LOG_ERR, "%s:%d: bad time line", path, lineno);
				r = -EBADMSG;
				break;
			}
			continue;
		}
		if (len + n + 1 > sizeof(msg) || (len == 0 && !strchr(line, '@')) ||
		    (len > 0 && !strchr(line, '='))) {
			ulog(u, MP_LOG_ERR, "%s:%d: not a uevent line", path, lineno);
			r = -EBADMSG;
			break;
		}
		memcpy(msg + len, line, n + 1);
		len += n + 1;
	}
	/* The recording ends the storm: close the windows still open, on the
	   recorded clock, before going back to the loop's clock. */
	uevents_flush(u);
	u->replay_clock = 0;
	if (ret_events)
		*ret_events = events;
	return r;
}
