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
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "control/client.h"
#include "control/proto.h"
#include "mpath/daemon.h"
#include "server/commands.h"
#include "runtime/loop.h"
#include "server/socket.h"

struct server {
	char name[64];
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

static void server_start(struct server *srv, const struct ctlsock_config *base)
{
	struct ctlsock_config cfg = base ? *base : (struct ctlsock_config){0};
	static const struct ctlsock_callbacks cb = {.command = on_command};
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();

	memset(srv, 0, sizeof(*srv));
	snprintf(srv->name, sizeof(srv->name), "mpathd-test-%u-%d", rand_r(&seed), getpid());
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
