/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Control socket: framing, error replies, slow and stalled clients, client
 * limit, permissions. The server loop runs on its own thread here; every
 * test uses a random abstract name, never the real one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <grp.h>
#include <time.h>
#include <unistd.h>

#include "control/client.h"
#include "control/proto.h"
#include "mpath/daemon.h"
#include "server/commands.h"
#include "runtime/fdlimit.h"
#include "runtime/loop.h"
#include "runtime/notify.h"
#include "server/socket.h"

struct server {
	char name[64];
	char log[4096]; /* the socket's messages, for the tests that read them */
	pthread_mutex_t log_lock;
	unsigned warnings;
	struct loop *l;
	struct ctlsock *s;
	struct cmd_env env;
	int stop[2];
	pthread_t thread;
	struct ctlsock_stats final;
};

static int on_command(void *userdata, const char *cmd, const struct ctlsock_peer *peer, char **ret_reply)
{
	struct server *srv = userdata;

	return commands_execute(&srv->env, cmd, peer->uid, ret_reply);
}

static void on_stop(struct loop_io *io, int fd, uint32_t revents, void *userdata)
{
	struct server *srv = userdata;

	(void)io;
	(void)fd;
	(void)revents;
	ctlsock_get_stats(srv->s, &srv->final);
	loop_quit(srv->l, 0);
}

static void *server_main(void *data)
{
	struct server *srv = data;

	loop_run(srv->l);
	return NULL;
}

static void on_log(void *userdata, int level, const char *msg)
{
	struct server *srv = userdata;
	size_t len;

	pthread_mutex_lock(&srv->log_lock);
	if (level <= MP_LOG_WARNING)
		srv->warnings++;
	len = strlen(srv->log);
	snprintf(srv->log + len, sizeof(srv->log) - len, "%s\n", msg);
	pthread_mutex_unlock(&srv->log_lock);
}

static void random_name(char *buf, size_t size)
{
	static unsigned seq;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid() ^ ++seq;

	snprintf(buf, size, "mpathd-test-%u-%d-%u", rand_r(&seed), getpid(), seq);
}

static void server_start(struct server *srv, const struct ctlsock_config *base)
{
	struct ctlsock_config cfg = base ? *base : (struct ctlsock_config){0};
	static const struct ctlsock_callbacks cb = {.command = on_command, .log = on_log};

	memset(srv, 0, sizeof(*srv));
	pthread_mutex_init(&srv->log_lock, NULL);
	random_name(srv->name, sizeof(srv->name));
	cfg.name = srv->name;
	srv->env.pid = getpid();
	srv->env.state = "running";
	assert_int_equal(loop_new(&srv->l), 0);
	assert_int_equal(ctlsock_start(srv->l, &cfg, &cb, srv, &srv->s), 0);
	assert_int_equal(pipe(srv->stop), 0);
	assert_int_equal(loop_add_io(srv->l, srv->stop[0], EPOLLIN, LOOP_PRIO_HIGH, on_stop, srv, NULL), 0);
	assert_int_equal(pthread_create(&srv->thread, NULL, server_main, srv), 0);
}

static void server_stop(struct server *srv)
{
	assert_int_equal(write(srv->stop[1], "x", 1), 1);
	pthread_join(srv->thread, NULL);
	ctlsock_stop(srv->s);
	loop_free(srv->l);
	close(srv->stop[0]);
	close(srv->stop[1]);
	pthread_mutex_destroy(&srv->log_lock);
}

static int raw_connect(const char *name)
{
	struct sockaddr_un addr;
	socklen_t len;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(proto_sockaddr(name, &addr, &len), 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&addr, len), 0);
	return fd;
}

/* Reads one framed reply with a 5 s limit; returns NULL on EOF. */
static char *raw_reply(int fd)
{
	struct timeval tv = {5, 0};
	size_t len;
	char *buf;
	ssize_t n;
	size_t got = 0;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	n = recv(fd, &len, sizeof(len), MSG_WAITALL);
	if (n != (ssize_t)sizeof(len))
		return NULL;
	assert_true(len > 0 && len < 1 << 24);
	buf = malloc(len);
	while (got < len) {
		n = recv(fd, buf + got, len - got, 0);
		assert_true(n > 0);
		got += (size_t)n;
	}
	assert_int_equal(buf[len - 1], '\0');
	return buf;
}

static long long mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void client_roundtrip(void **state)
{
	struct server srv;
	char *reply = NULL, expect[64];

	(void)state;
	server_start(&srv, NULL);
	assert_int_equal(mpathd_client_command_at(srv.name, "show daemon", &reply, 2000), 0);
	snprintf(expect, sizeof(expect), "pid %d running\n", getpid());
	assert_string_equal(reply, expect);
	free(reply);
	/* abbreviated keywords, like multipathd */
	assert_int_equal(mpathd_client_command_at(srv.name, "sho dae", &reply, 2000), 0);
	assert_string_equal(reply, expect);
	free(reply);
	assert_int_equal(mpathd_client_command_at(srv.name, "frobnicate paths", &reply, 2000), 0);
	assert_non_null(strstr(reply, "error: 'frobnicate': unknown or ambiguous keyword"));
	assert_non_null(strstr(reply, "list|show paths"));
	free(reply);
	assert_int_equal(mpathd_client_command_at(srv.name, "fail path sda", &reply, 2000), 0);
	assert_string_equal(reply, "error: 'fail path $path' is not implemented yet\n");
	free(reply);
	server_stop(&srv);
	/* nobody listens any more */
	assert_int_equal(mpathd_client_command_at(srv.name, "show daemon", &reply, 500), -ECONNREFUSED);
}

/* libmpath's public mp_daemon_command() and a connection carrying several
 * commands, both through lib/control against the daemon's socket server. */
static void api_and_connection_client(void **state)
{
	struct server srv;
	struct mp_control_conn *conn;
	char *reply = NULL, expect[64];

	(void)state;
	server_start(&srv, NULL);
	snprintf(expect, sizeof(expect), "pid %d running\n", getpid());
	assert_int_equal(mp_daemon_command(srv.name, "show daemon", 2000, &reply), 0);
	assert_string_equal(reply, expect);
	free(reply);
	assert_int_equal(mp_daemon_command(srv.name, NULL, 2000, &reply), -EINVAL);
	assert_int_equal(mp_control_connect(srv.name, 2000, &conn), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(mp_control_command(conn, "show daemon", &reply), 0);
		assert_string_equal(reply, expect);
		free(reply);
	}
	/* two commands sent before either reply is read: answered in order */
	assert_int_equal(mp_control_send(conn, "show daemon"), 0);
	assert_int_equal(mp_control_send(conn, "frobnicate"), 0);
	assert_int_equal(mp_control_recv(conn, &reply), 0);
	assert_string_equal(reply, expect);
	free(reply);
	assert_int_equal(mp_control_recv(conn, &reply), 0);
	assert_non_null(strstr(reply, "unknown or ambiguous keyword"));
	free(reply);
	server_stop(&srv);
	/* the daemon is gone: the open connection reports it, never hangs */
	assert_true(mp_control_command(conn, "show daemon", &reply) < 0);
	mp_control_close(conn);
	assert_int_equal(mp_daemon_command(srv.name, "show daemon", 500, &reply), -ECONNREFUSED);
}

/* A command split in tiny pieces, two commands on one connection. */
static void fragmented_and_pipelined(void **state)
{
	struct server srv;
	const char *cmd = "show wildcards";
	size_t len = strlen(cmd) + 1;
	char frame[64];
	char *r;
	int fd;

	(void)state;
	server_start(&srv, NULL);
	fd = raw_connect(srv.name);
	memcpy(frame, &len, sizeof(len));
	memcpy(frame + sizeof(len), cmd, len);
	for (size_t i = 0; i < sizeof(len) + len; i++) {
		assert_int_equal(send(fd, frame + i, 1, 0), 1);
		usleep(1000);
	}
	r = raw_reply(fd);
	assert_non_null(r);
	assert_non_null(strstr(r, "path format wildcards:"));
	free(r);
	assert_int_equal(send(fd, frame, sizeof(len) + len, 0), (ssize_t)(sizeof(len) + len));
	r = raw_reply(fd);
	assert_non_null(strstr(r, "%w  uuid"));
	free(r);
	close(fd);
	server_stop(&srv);
}

static void too_long_and_zero_length(void **state)
{
	struct server srv;
	struct ctlsock_config cfg = {.max_cmd_len = 1024};
	size_t len;
	char *r;
	int fd;

	(void)state;
	server_start(&srv, &cfg);
	fd = raw_connect(srv.name);
	len = 1 << 20;
	assert_int_equal(send(fd, &len, sizeof(len), 0), (ssize_t)sizeof(len));
	r = raw_reply(fd);
	assert_non_null(r);
	assert_string_equal(r, "error: command too long (1048576 bytes, max 1024)\n");
	free(r);
	assert_null(raw_reply(fd)); /* closed */
	close(fd);

	fd = raw_connect(srv.name);
	len = 0;
	assert_int_equal(send(fd, &len, sizeof(len), 0), (ssize_t)sizeof(len));
	r = raw_reply(fd);
	assert_non_null(r);
	assert_non_null(strstr(r, "error: malformed command"));
	free(r);
	close(fd);

	/* a body without its NUL is still taken as text */
	fd = raw_connect(srv.name);
	len = 11;
	assert_int_equal(send(fd, &len, sizeof(len), 0), (ssize_t)sizeof(len));
	assert_int_equal(send(fd, "show daemon", 11, 0), 11);
	r = raw_reply(fd);
	assert_non_null(strstr(r, "running"));
	free(r);
	close(fd);
	server_stop(&srv);
}

static void raise_fd_limit(unsigned want)
{
	struct rlimit rl;

	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* 1000 idle clients and 50 that stalled mid-command; a normal client is
 * answered at once, and the stalled ones are dropped after the timeout. */
static void slow_clients_do_not_block(void **state)
{
	struct server srv;
	struct ctlsock_config cfg = {.cmd_timeout_ms = 400, .max_clients = 2000};
	enum { IDLE = 1000, STALLED = 50 };
	static int idle[IDLE], stalled[STALLED];
	struct rlimit rl;
	long long t0, dt;
	char *reply;
	size_t len = 100;
	int n_idle;

	(void)state;
	raise_fd_limit(4096);
	getrlimit(RLIMIT_NOFILE, &rl);
	n_idle = rl.rlim_cur >= 2200 ? IDLE : (int)rl.rlim_cur / 2 - STALLED - 20;
	server_start(&srv, &cfg);
	for (int i = 0; i < n_idle; i++)
		idle[i] = raw_connect(srv.name);
	for (int i = 0; i < STALLED; i++) {
		stalled[i] = raw_connect(srv.name);
		assert_int_equal(send(stalled[i], &len, sizeof(len), 0), (ssize_t)sizeof(len));
		assert_int_equal(send(stalled[i], "show pa", 7, 0), 7);
	}
	usleep(50000);
	t0 = mono_us();
	assert_int_equal(mpathd_client_command_at(srv.name, "show status", &reply, 2000), 0);
	dt = mono_us() - t0;
	assert_non_null(strstr(reply, "path checker states:"));
	free(reply);
	print_message("show status with %d idle + %d stalled clients: %lld us\n", n_idle, STALLED, dt);
	assert_true(dt < 100000);
	/* the stalled ones get closed once their timeout passes */
	for (int i = 0; i < STALLED; i++) {
		char c;
		struct timeval tv = {3, 0};

		setsockopt(stalled[i], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		assert_int_equal(recv(stalled[i], &c, 1, 0), 0);
		close(stalled[i]);
	}
	for (int i = 0; i < n_idle; i++)
		close(idle[i]);
	server_stop(&srv);
	assert_int_equal(srv.final.dropped_timeout, STALLED);
	assert_int_equal(srv.final.commands, 1);
}

static void client_limit_refuses_politely(void **state)
{
	struct server srv;
	struct ctlsock_config cfg = {.max_clients = 4};
	int fds[4], extra;
	char *r;

	(void)state;
	server_start(&srv, &cfg);
	for (int i = 0; i < 4; i++)
		fds[i] = raw_connect(srv.name);
	usleep(50000);
	extra = raw_connect(srv.name);
	r = raw_reply(extra);
	assert_non_null(r);
	assert_string_equal(r, "error: too many clients (max 4), try again later\n");
	free(r);
	close(extra);
	close(fds[0]);
	usleep(50000);
	assert_int_equal(mpathd_client_command_at(srv.name, "show daemon", &r, 2000), 0);
	assert_non_null(strstr(r, "running"));
	free(r);
	for (int i = 1; i < 4; i++)
		close(fds[i]);
	server_stop(&srv);
	assert_int_equal(srv.final.refused, 1);
}

static int child_checks(const char *name)
{
	char *r = NULL;
	int bad = 0;

	if (mpathd_client_command_at(name, "reconfigure", &r, 2000) != 0 ||
	    strcmp(r, "permission deny: need to be root\n") != 0)
		bad |= 1;
	free(r);
	if (mpathd_client_command_at(name, "fail path sda", &r, 2000) != 0 ||
	    strcmp(r, "permission deny: need to be root\n") != 0)
		bad |= 2;
	free(r);
	if (mpathd_client_command_at(name, "show daemon", &r, 2000) != 0 || !strstr(r, "running"))
		bad |= 4;
	free(r);
	/* the old bypass: a "list" first word must not unlock a modifying command */
	if (mpathd_client_command_at(name, "list list path sda", &r, 2000) != 0 ||
	    !strstr(r, "keyword given twice"))
		bad |= 8;
	free(r);
	if (mpathd_client_command_at(name, "shutdown", &r, 2000) != 0 ||
	    strcmp(r, "permission deny: need to be root\n") != 0)
		bad |= 16;
	free(r);
	return bad;
}

static void unprivileged_may_only_show(void **state)
{
	struct server srv;
	pid_t pid;
	int status;
	char *r;

	(void)state;
	if (geteuid() != 0) {
		print_message("SKIPPED: needs root to fork a uid 65534 client (not a pass)\n");
		skip();
		return;
	}
	server_start(&srv, NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(100);
		_exit(child_checks(srv.name));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* root may */
	assert_int_equal(mpathd_client_command_at(srv.name, "reconfigure", &r, 2000), 0);
	assert_string_equal(r, "error: 'reconfigure' is not implemented yet\n");
	free(r);
	server_stop(&srv);
}

/* ---- trust both ways, bounded work per client (issue 11) ---- */

/* Under valgrind a forked child's exit runs the leak check too (exit 99), and
 * valgrind keeps descriptors of its own below RLIMIT_NOFILE: these tests then
 * measure valgrind, so they say SKIPPED there (they run plain and under ASan). */
static bool under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");

	return p && strstr(p, "vgpreload");
}

static bool need_root(void)
{
	if (under_valgrind()) {
		print_message("SKIPPED under valgrind: forked peers and fd limits (not a pass)\n");
		return false;
	}
	if (geteuid() == 0)
		return true;
	print_message("SKIPPED: needs root to fork a uid 65534 peer (not a pass)\n");
	return false;
}

static void become_nobody(unsigned nofile)
{
	struct rlimit rl = {nofile, nofile};

	/* before setuid: an unprivileged process cannot raise its hard limit */
	if (nofile && setrlimit(RLIMIT_NOFILE, &rl) != 0)
		_exit(101);
	if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
		_exit(100);
}

static double cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/*
 * An impostor (uid 65534) binds the name first and answers "ok" to
 * anything. The client sends it nothing and says who it is; the daemon's
 * socket refuses to start and names the squatter.
 */
static void squatted_name_detected_both_ways(void **state)
{
	struct ctlsock_config cfg = {0};
	static const struct ctlsock_callbacks cb = {.command = on_command, .log = on_log};
	struct server srv;
	struct ctlsock *s2 = NULL;
	struct loop *l;
	char name[64], why[256], expect[64];
	int ready[2], quit[2], got = -1;
	char *reply = NULL;
	pid_t pid;
	int status;

	(void)state;
	if (!need_root()) {
		skip();
		return;
	}
	random_name(name, sizeof(name));
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(quit), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sockaddr_un a;
		socklen_t alen;
		long bytes = 0;
		int lfd;

		become_nobody(0);
		lfd = socket(AF_UNIX, SOCK_STREAM, 0);
		proto_sockaddr(name, &a, &alen);
		if (bind(lfd, (struct sockaddr *)&a, alen) != 0 || listen(lfd, 16) != 0)
			_exit(102);
		if (write(ready[1], "r", 1) != 1)
			_exit(103);
		for (;;) {
			struct pollfd p[2] = {{.fd = lfd, .events = POLLIN}, {.fd = quit[0], .events = POLLIN}};
			char buf[256];
			int cfd;
			ssize_t n;

			poll(p, 2, -1);
			if (p[1].revents)
				break;
			cfd = accept(lfd, NULL, NULL);
			/* the impostor answers "ok" to whatever arrives within 200 ms */
			struct timeval tv = {0, 200000};
			setsockopt(cfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
			while ((n = recv(cfd, buf, sizeof(buf), 0)) > 0) {
				char *frame;
				size_t flen;

				bytes += n;
				if (proto_frame("ok\n", &frame, &flen) == 0) {
					if (send(cfd, frame, flen, MSG_NOSIGNAL) < 0) {
					}
					free(frame);
				}
			}
			close(cfd);
		}
		_exit(bytes ? 1 : 0);
	}
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	/* the client: nothing sent, a clear reason */
	assert_int_equal(mpathd_client_command_at(name, "reconfigure", &reply, 1000), -EPERM);
	assert_null(reply);
	assert_int_equal(mp_daemon_command(name, "reconfigure", 1000, &reply), -EPERM);
	mp_control_strerror(name, -EPERM, why, sizeof(why));
	snprintf(expect, sizeof(expect), "held by pid %d (uid 65534)", (int)pid);
	assert_non_null(strstr(why, expect));
	assert_non_null(strstr(why, "not root"));
	/* the daemon: -EADDRINUSE, and the log names the squatter */
	memset(&srv, 0, sizeof(srv));
	pthread_mutex_init(&srv.log_lock, NULL);
	cfg.name = name;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(ctlsock_start(l, &cfg, &cb, &srv, &s2), -EADDRINUSE);
	print_message("daemon says: %s", srv.log);
	snprintf(expect, sizeof(expect), "squatted by pid %d (uid 65534)", (int)pid);
	assert_non_null(strstr(srv.log, expect));
	loop_free(l);
	pthread_mutex_destroy(&srv.log_lock);
	assert_int_equal(write(quit[1], "q", 1), 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	got = WEXITSTATUS(status);
	assert_int_equal(got, 0); /* not one byte reached the impostor */
	close(ready[0]);
	close(ready[1]);
	close(quit[0]);
	close(quit[1]);
}

/* A second daemon on a name a live, answering one holds: named as such. */
static void second_daemon_names_the_first(void **state)
{
	static const struct ctlsock_callbacks cb = {.command = on_command, .log = on_log};
	struct server srv, other;
	struct ctlsock_config cfg = {0};
	struct ctlsock *s2 = NULL;
	struct loop *l;
	char expect[96];

	(void)state;
	server_start(&srv, NULL);
	memset(&other, 0, sizeof(other));
	pthread_mutex_init(&other.log_lock, NULL);
	cfg.name = srv.name;
	assert_int_equal(loop_new(&l), 0);
	assert_int_equal(ctlsock_start(l, &cfg, &cb, &other, &s2), -EADDRINUSE);
	snprintf(expect, sizeof(expect), "another multipath daemon runs (pid %d: pid %d running",
		 getpid(), getpid());
	assert_non_null(strstr(other.log, expect));
	loop_free(l);
	pthread_mutex_destroy(&other.log_lock);
	server_stop(&srv);
}

/* The uid 65534 child opens @n connections to @name and holds them until
 * the parent writes to @hold; it reports through @report how many were
 * accepted (not refused at once) as a 4-byte count. */
static pid_t hold_connections(const char *name, int n, unsigned nofile, int report, int hold)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid)
		return pid;
	become_nobody(nofile);
	{
		int *fds = calloc((size_t)n, sizeof(*fds));
		int kept = 0;
		char c;

		for (int i = 0; i < n; i++) {
			struct sockaddr_un a;
			socklen_t alen;

			fds[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
			proto_sockaddr(name, &a, &alen);
			if (fds[i] < 0 || connect(fds[i], (struct sockaddr *)&a, alen) != 0)
				_exit(104);
		}
		usleep(500000); /* the server answered refusals by now */
		for (int i = 0; i < n; i++) {
			char b[8];
			ssize_t r = recv(fds[i], b, sizeof(b), MSG_DONTWAIT);

			if (r < 0 && errno == EAGAIN)
				kept++;
		}
		if (write(report, &kept, sizeof(kept)) != sizeof(kept))
			_exit(105);
		if (read(hold, &c, 1) < 0)
			_exit(106);
		_exit(0);
	}
}

static void end_hold(pid_t pid, int hold)
{
	int status;

	assert_int_equal(write(hold, "x", 1), 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static long long timed_show_daemon(const char *name)
{
	long long t0 = mono_us(), dt;
	char *reply = NULL;

	assert_int_equal(mpathd_client_command_at(name, "show daemon", &reply, 2000), 0);
	dt = mono_us() - t0;
	assert_non_null(strstr(reply, "running"));
	free(reply);
	return dt;
}

/*
 * The daemon under a shell's `ulimit -n 1024`; one user opens 1,100 idle
 * connections (per-uid limit lifted, so only the fd share stops them).
 * Root is answered at once, the loop does not spin, nothing hits EMFILE.
 */
static void idle_users_under_low_nofile(void **state)
{
	struct ctlsock_config cfg = {.max_per_uid = 5000};
	struct rlimit old, low;
	struct server srv;
	struct ctlsock_stats st;
	int rep[2], hold[2], kept = 0;
	double cpu0, cpu;
	long long dt;
	pid_t pid;

	(void)state;
	if (!need_root()) {
		skip();
		return;
	}
	getrlimit(RLIMIT_NOFILE, &old);
	low = (struct rlimit){1024, old.rlim_max};
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	server_start(&srv, &cfg);
	assert_int_equal(pipe(rep), 0);
	assert_int_equal(pipe(hold), 0);
	pid = hold_connections(srv.name, 1100, 2048, rep[1], hold[0]);
	close(rep[1]); /* a child that dies gives EOF, not a hang */
	close(hold[0]);
	assert_int_equal(read(rep[0], &kept, sizeof(kept)), (ssize_t)sizeof(kept));
	cpu0 = cpu_seconds();
	usleep(500000);
	cpu = cpu_seconds() - cpu0;
	dt = timed_show_daemon(srv.name);
	ctlsock_get_stats(srv.s, &st);
	print_message("1,100 idle uid-65534 clients, RLIMIT_NOFILE 1024: %d held (cap %u), "
		      "%llu refused, %llu EMFILE, loop CPU %.3f s in 0.5 s idle, root show daemon %lld us\n",
		      kept, st.user_cap, st.refused, st.emfile, cpu, dt);
	assert_int_equal(st.user_cap, 1024 - 256 - 64);
	assert_int_equal(kept, (int)st.user_cap);
	assert_int_equal(st.refused, 1100 - st.user_cap);
	assert_int_equal(st.emfile, 0);
	assert_true(cpu < 0.1);
	assert_true(dt < 100000);
	end_hold(pid, hold[1]);
	server_stop(&srv);
	setrlimit(RLIMIT_NOFILE, &old);
	close(rep[0]);
	close(hold[1]);
}

/*
 * The process really out of descriptors (something else took them all): a
 * connection is taken with the spare fd and closed with a word, the
 * listener rests instead of spinning, one warning is logged, and once fds
 * are free again root is answered.
 */
static void emfile_sheds_without_spinning(void **state)
{
	struct rlimit old, low;
	struct server srv;
	struct ctlsock_stats st;
	static int filler[600];
	int n_fill = 0, eofs = 0;
	double cpu0, cpu;
	pid_t pid;
	int status;

	(void)state;
	if (under_valgrind()) {
		print_message("SKIPPED under valgrind: fd limits (not a pass)\n");
		skip();
		return;
	}
	getrlimit(RLIMIT_NOFILE, &old);
	low = (struct rlimit){512, old.rlim_max};
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	server_start(&srv, NULL);
	while (n_fill < (int)(sizeof(filler) / sizeof(filler[0]))) {
		int fd = dup(0);

		if (fd < 0)
			break;
		filler[n_fill++] = fd;
	}
	assert_true(n_fill > 0 && n_fill < 600);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int bad = 0, closed = 0;

		for (int i = 3; i < 512; i++)
			close(i);
		for (int i = 0; i < 20; i++) {
			struct sockaddr_un a;
			socklen_t alen;
			struct timeval tv = {3, 0};
			int fd = socket(AF_UNIX, SOCK_STREAM, 0);
			char *r;

			proto_sockaddr(srv.name, &a, &alen);
			if (connect(fd, (struct sockaddr *)&a, alen) != 0) {
				bad++;
				continue;
			}
			setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
			r = raw_reply(fd);
			if (r && strstr(r, "out of file descriptors"))
				closed++;
			free(r);
			close(fd);
		}
		_exit(bad ? 200 : closed);
	}
	cpu0 = cpu_seconds();
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	eofs = WEXITSTATUS(status);
	usleep(300000);
	cpu = cpu_seconds() - cpu0;
	for (int i = 0; i < n_fill; i++)
		close(filler[i]);
	usleep(200000); /* the listener's rest ends */
	timed_show_daemon(srv.name);
	ctlsock_get_stats(srv.s, &st);
	print_message("out of fds: %d of 20 connections told and closed, %llu EMFILE passes, "
		      "%u warnings logged, CPU %.3f s\n", eofs, st.emfile, srv.warnings, cpu);
	assert_int_equal(eofs, 20);
	assert_true(st.emfile >= 1 && st.emfile <= 20);
	assert_true(srv.warnings <= 2); /* rate-limited */
	assert_non_null(strstr(srv.log, "Too many open files"));
	assert_true(cpu < 0.5);
	server_stop(&srv);
	setrlimit(RLIMIT_NOFILE, &old);
}

/*
 * One user opens 4,096 connections under the default limits: the per-uid
 * cap refuses all but 32; with the per-uid cap lifted they still leave
 * root its reserved slots. Root is answered at once either way.
 */
static void unprivileged_flood_leaves_root_a_slot(void **state)
{
	struct ctlsock_config lifted = {.max_per_uid = 100000};
	const struct ctlsock_config *cfgs[2] = {NULL, &lifted};
	unsigned expect[2] = {32, 4096 - 64};

	(void)state;
	if (!need_root()) {
		skip();
		return;
	}
	raise_fd_limit(16384);
	for (int k = 0; k < 2; k++) {
		struct server srv;
		struct ctlsock_stats st;
		int rep[2], hold[2], kept = 0;
		long long dt;
		pid_t pid;

		server_start(&srv, cfgs[k]);
		assert_int_equal(pipe(rep), 0);
		assert_int_equal(pipe(hold), 0);
		pid = hold_connections(srv.name, 4096, 8192, rep[1], hold[0]);
		close(rep[1]); /* a child that dies gives EOF, not a hang */
		close(hold[0]);
		assert_int_equal(read(rep[0], &kept, sizeof(kept)), (ssize_t)sizeof(kept));
		dt = timed_show_daemon(srv.name);
		ctlsock_get_stats(srv.s, &st);
		print_message("4,096 uid-65534 clients (%s): %d held, %llu refused, root answered in %lld us\n",
			      k ? "per-uid cap lifted" : "defaults", kept, st.refused, dt);
		assert_int_equal(kept, (int)expect[k]);
		assert_int_equal(st.refused, 4096 - expect[k]);
		assert_true(dt < 100000);
		end_hold(pid, hold[1]);
		server_stop(&srv);
		close(rep[0]);
		close(hold[1]);
	}
}

/* Non-root connections that idle are closed after user_idle_timeout_ms; root's stay. */
static void unprivileged_idle_timeout(void **state)
{
	struct ctlsock_config cfg = {.user_idle_timeout_ms = 300};
	struct server srv;
	pid_t pid;
	int status, root_fd;
	char c;

	(void)state;
	if (!need_root()) {
		skip();
		return;
	}
	server_start(&srv, &cfg);
	root_fd = raw_connect(srv.name);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		long long t0;
		struct timeval tv = {3, 0};
		int fd;

		become_nobody(0);
		fd = raw_connect(srv.name);
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		t0 = mono_us();
		if (recv(fd, &c, 1, 0) != 0)
			_exit(1);
		_exit(mono_us() - t0 < 250000 || mono_us() - t0 > 2000000 ? 2 : 0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* root's idle connection is still open */
	assert_int_equal(recv(root_fd, &c, 1, MSG_DONTWAIT), -1);
	assert_int_equal(errno, EAGAIN);
	close(root_fd);
	server_stop(&srv);
}

/* A non-root reply above max_user_reply is replaced by an error; root gets it whole. */
static void unprivileged_reply_bounded(void **state)
{
	struct ctlsock_config cfg = {.max_user_reply = 200};
	struct server srv;
	pid_t pid;
	int status;
	char *r;

	(void)state;
	if (!need_root()) {
		skip();
		return;
	}
	server_start(&srv, &cfg);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *reply = NULL;

		become_nobody(0);
		if (mpathd_client_command_at(srv.name, "show wildcards", &reply, 2000) != 0)
			_exit(1);
		_exit(strstr(reply, "error: reply too large for an unprivileged client") ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(mpathd_client_command_at(srv.name, "show wildcards", &r, 2000), 0);
	assert_true(strlen(r) > 200);
	free(r);
	server_stop(&srv);
}

/* Socket activation: the listener systemd bound (here: the test) is served
 * as is; LISTEN_* for another pid or several fds is not taken; a non-socket
 * is refused. */
static void socket_activation(void **state)
{
	static const struct ctlsock_callbacks cb = {.command = on_command, .log = on_log};
	struct ctlsock_config cfg = {0};
	struct server srv;
	struct sockaddr_un a;
	socklen_t alen;
	char pid[32], *reply = NULL;
	struct ctlsock *s2;
	struct loop *l;
	int lfd, pfd[2];

	(void)state;
	snprintf(pid, sizeof(pid), "%d", getpid());
	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDS", "2", 1);
	assert_int_equal(notify_listen_fd(), -1);
	assert_null(getenv("LISTEN_FDS"));
	setenv("LISTEN_PID", "1", 1);
	setenv("LISTEN_FDS", "1", 1);
	assert_int_equal(notify_listen_fd(), -1);
	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDS", "1", 1);
	assert_int_equal(notify_listen_fd(), 3);
	assert_null(getenv("LISTEN_PID"));

	memset(&srv, 0, sizeof(srv));
	pthread_mutex_init(&srv.log_lock, NULL);
	random_name(srv.name, sizeof(srv.name));
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_int_equal(proto_sockaddr(srv.name, &a, &alen), 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, alen), 0);
	assert_int_equal(listen(lfd, 16), 0);
	srv.env.pid = getpid();
	srv.env.state = "running";
	cfg.inherited_fd = lfd;
	cfg.name = "never-bound-by-the-daemon";
	assert_int_equal(loop_new(&srv.l), 0);
	assert_int_equal(ctlsock_start(srv.l, &cfg, &cb, &srv, &srv.s), 0);
	assert_int_equal(pipe(srv.stop), 0);
	assert_int_equal(loop_add_io(srv.l, srv.stop[0], EPOLLIN, LOOP_PRIO_HIGH, on_stop, &srv, NULL), 0);
	assert_int_equal(pthread_create(&srv.thread, NULL, server_main, &srv), 0);
	assert_int_equal(mpathd_client_command_at(srv.name, "show daemon", &reply, 2000), 0);
	assert_non_null(strstr(reply, "running"));
	free(reply);
	server_stop(&srv); /* closes lfd with the listener */

	/* a pipe is not what mpathd.socket declares */
	assert_int_equal(pipe(pfd), 0);
	if (pfd[0] <= 2) { /* keep the > 2 rule meaningful */
		close(pfd[0]);
		close(pfd[1]);
		skip();
		return;
	}
	cfg.inherited_fd = pfd[0];
	assert_int_equal(loop_new(&l), 0);
	assert_true(ctlsock_start(l, &cfg, &cb, &srv, &s2) < 0);
	loop_free(l);
	close(pfd[0]);
	close(pfd[1]);
}

/* RLIMIT_NOFILE at start: raised to max_fds (or the hard limit), never lowered. */
static void fd_limit_raised_at_start(void **state)
{
	struct rlimit old, rl;

	(void)state;
	getrlimit(RLIMIT_NOFILE, &old);
	if (old.rlim_max != RLIM_INFINITY && old.rlim_max < 4096) {
		print_message("SKIPPED: hard RLIMIT_NOFILE %lu < 4096 (not a pass)\n",
			      (unsigned long)old.rlim_max);
		skip();
		return;
	}
	rl = (struct rlimit){1024, old.rlim_max};
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &rl), 0);
	assert_int_equal(fdlimit_raise(3000), 3000);
	assert_int_equal(fdlimit_raise(2000), 3000); /* never lowered */
	getrlimit(RLIMIT_NOFILE, &rl);
	assert_int_equal(rl.rlim_cur, 3000);
	assert_true(fdlimit_raise(0) >= 3000); /* "max": the hard limit, at most 64 Ki */
	getrlimit(RLIMIT_NOFILE, &rl);
	assert_true(rl.rlim_cur == old.rlim_max || rl.rlim_cur == 64 * 1024);
	setrlimit(RLIMIT_NOFILE, &old);
}

static void framing_helpers(void **state)
{
	struct proto_reader rd;
	char *frame, *msg;
	size_t flen, used;
	struct sockaddr_un a;
	socklen_t alen;
	char longname[200];

	(void)state;
	assert_int_equal(proto_frame("abc", &frame, &flen), 0);
	assert_int_equal(flen, sizeof(size_t) + 4);
	proto_reader_init(&rd, 16);
	assert_int_equal(proto_reader_feed(&rd, frame, 3, &used), 0);
	assert_int_equal(used, 3);
	assert_int_equal(proto_reader_want(&rd), sizeof(size_t) - 3);
	assert_int_equal(proto_reader_feed(&rd, frame + 3, flen - 3, &used), 1);
	msg = proto_reader_take(&rd);
	assert_string_equal(msg, "abc");
	free(msg);
	free(frame);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(proto_sockaddr(longname, &a, &alen), -ENAMETOOLONG);
	assert_int_equal(proto_sockaddr("", &a, &alen), -EINVAL);
	assert_int_equal(proto_sockaddr(MPATHD_SOCKET_NAME, &a, &alen), 0);
	assert_int_equal(a.sun_path[0], '\0');
	assert_memory_equal(a.sun_path + 1, "/org/kernel/linux/storage/multipathd", 36);
	assert_int_equal(alen, offsetof(struct sockaddr_un, sun_path) + 37);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(framing_helpers),
		cmocka_unit_test(client_roundtrip),
		cmocka_unit_test(api_and_connection_client),
		cmocka_unit_test(fragmented_and_pipelined),
		cmocka_unit_test(too_long_and_zero_length),
		cmocka_unit_test(slow_clients_do_not_block),
		cmocka_unit_test(client_limit_refuses_politely),
		cmocka_unit_test(unprivileged_may_only_show),
		cmocka_unit_test(squatted_name_detected_both_ways),
		cmocka_unit_test(second_daemon_names_the_first),
		cmocka_unit_test(idle_users_under_low_nofile),
		cmocka_unit_test(emfile_sheds_without_spinning),
		cmocka_unit_test(unprivileged_flood_leaves_root_a_slot),
		cmocka_unit_test(unprivileged_idle_timeout),
		cmocka_unit_test(unprivileged_reply_bounded),
		cmocka_unit_test(socket_activation),
		cmocka_unit_test(fd_limit_raised_at_start),
	};

	signal(SIGPIPE, SIG_IGN); /* a dead holder child must fail a test, not kill it */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
