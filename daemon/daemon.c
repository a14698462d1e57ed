/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Daemon context: start-up order, signal policy, callbacks into the core. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "config/config.h"
#include "discover/transport.h"
#include "kernel/dm_events.h"
#include "kernel/intake.h"
#include "kernel/uevent.h"
#include "observe/events.h"
#include "runtime/fdlimit.h"
#include "runtime/loop.h"
#include "runtime/notify.h"
#include "runtime/pidfile.h"
#include "runtime/scsi_async.h"
#include "runtime/uring.h"
#include "runtime/workers.h"
#include "server/commands.h"
#include "server/socket.h"
#include "state/core.h"

#define DEFAULT_PIDFILE "/run/mpathd.pid"

void daemon_log(struct daemon *d, int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (level > d->opt.verbosity + 3) /* -v 2 (default) shows notices */
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!d->opt.foreground) {
		syslog(level, "%s", msg);
		return;
	}
	if (d->opt.no_timestamps) {
		fprintf(stderr, "<%d>%s\n", level, msg);
	} else {
		struct timespec ts;
		struct tm tm;

		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		fprintf(stderr, "%02d:%02d:%02d.%03ld | %s\n", tm.tm_hour, tm.tm_min, tm.tm_sec,
			ts.tv_nsec / 1000000, msg);
	}
}

static void log_cb(void *data, int level, const char *msg)
{
	daemon_log(data, level, "%s", msg);
}

static void log_lines(struct daemon *d, int level, const char *prefix, const char *text)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		int len = nl ? (int)(nl - text) : (int)strlen(text);

		daemon_log(d, level, "%s%.*s", prefix, len, text);
		text += len + (nl ? 1 : 0);
	}
}

/* SIGHUP: the same as the reconfigure command; refusals go to the log. */
static int reconfigure_core(struct daemon *d)
{
	struct strbuf errors = STRBUF_INIT;
	int r = core_reconfigure(d->core, &errors);

	if (r < 0)
		log_lines(d, MP_LOG_ERR, "reconfigure refused: ", strbuf_str(&errors));
	strbuf_reset(&errors);
	return r;
}

static void request_shutdown(void *data)
{
	struct daemon *d = data;

	d->state = "shutdown";
	notify_send("STOPPING=1");
	loop_quit(d->loop, 0);
}

static int cmd_reconfigure(void *data)
{
	struct daemon *d = data;

	return d->reconfigure(d);
}

static int on_command(void *userdata, const char *cmd, const struct ctlsock_peer *peer, char **ret_reply)
{
	struct daemon *d = userdata;
	struct ctlsock_stats cs;
	struct work_stats ws = {0};
	struct cmd_env env = {
		.timeline = d->timeline,
		.metrics = &d->metrics,
		.core = d->core,
		.pid = getpid(),
		.state = d->state,
		.uptime_usec = loop_now(d->loop) - d->started_usec,
		.shutdown = request_shutdown,
		.reconfigure = cmd_reconfigure,
		.data = d,
	};
	int r;

	ctlsock_get_stats(d->ctl, &cs);
	if (d->pool)
		workers_get_stats(d->pool, &ws);
	env.clients = cs.clients;
	env.workers = ws.threads;
	env.workers_stuck = ws.stuck;
	d->metrics.socket_clients = cs.clients;
	d->metrics.socket_refused_total = cs.refused;
	d->metrics.workers_stuck = ws.stuck;
	d->metrics.worker_timeouts_total = ws.timeouts;
	d->metrics.socket_commands_total++;
	r = commands_execute(&env, cmd, peer->uid, ret_reply);
	daemon_log(d, MP_LOG_INFO, "command '%s' from uid %u: %s", cmd, (unsigned)peer->uid,
		   r < 0 ? strerror(-r) : "ok");
	return r;
}

static void on_dm_changed(void *data)
{
	struct daemon *d = data;

	core_dm_event(d->core);
}

static void daemon_on_uevent(void *userdata, const struct uevent_notice *n)
{
	struct daemon *d = userdata;

	d->metrics.uevents_total += 1 + n->merged;
	d->metrics.uevents_merged_total += n->merged;
	daemon_log(d, MP_LOG_DEBUG, "uevent %s %s (%u merged)", n->ev->action,
		   n->ev->devname ? n->ev->devname : n->ev->devpath, n->merged);
	if (d->core)
		intake_uevent(d->core, n);
}

static void on_uevent_ignored(void *userdata, const char *why)
{
	struct daemon *d = userdata;

	(void)why;
	d->metrics.uevents_total++;
	d->metrics.uevents_ignored_total++;
}

static void on_term(struct loop *l, const struct signalfd_siginfo *si, void *userdata)
{
	struct daemon *d = userdata;

	(void)l;
	daemon_log(d, MP_LOG_NOTICE, "signal %u: stopping (maps are left in place)", si->ssi_signo);
	request_shutdown(d);
}

static void on_hup(struct loop *l, const struct signalfd_siginfo *si, void *userdata)
{
	struct daemon *d = userdata;

	(void)l;
	(void)si;
	notify_send("RELOADING=1");
	d->reconfigure(d);
	notify_send("READY=1");
}

static void on_watchdog(struct loop_timer *t, void *userdata)
{
	struct daemon *d = userdata;

	notify_send("WATCHDOG=1");
	loop_timer_arm(t, loop_now(d->loop) + notify_watchdog_interval_usec());
}

void daemon_init(struct daemon *d, const struct daemon_options *opt)
{
	memset(d, 0, sizeof(*d));
	d->opt = *opt;
	if (!d->opt.pidfile)
		d->opt.pidfile = DEFAULT_PIDFILE;
	if (!d->opt.workers)
		d->opt.workers = 3;
	if (!d->opt.coalesce_ms)
		d->opt.coalesce_ms = 10; /* merges a device's add+change, costs 10 ms of latency */
	d->pidfd = -1;
	d->state = "startup";
	d->reconfigure = reconfigure_core;
}

int daemon_start(struct daemon *d)
{
	static const struct ctlsock_callbacks ctl_cb = {.command = on_command, .log = log_cb};
	static const struct uevent_callbacks ue_cb = {
		.notify = daemon_on_uevent, .ignored = on_uevent_ignored, .log = log_cb};
	struct ctlsock_config ctl_cfg = {.name = d->opt.socket, .inherited_fd = notify_listen_fd()};
	struct uevent_config ue_cfg = {.group = d->opt.uevent_group, .coalesce_ms = d->opt.coalesce_ms};
	struct strbuf errors = STRBUF_INIT;
	struct core_env ce;
	uint64_t wd;
	long nofile;
	int r;

	d->pidfd = pidfile_acquire(d->opt.pidfile);
	if (d->pidfd < 0) {
		daemon_log(d, MP_LOG_ERR, "pid file %s: %s", d->opt.pidfile,
			   d->pidfd == -EBUSY ? "another mpathd is running" : strerror(-d->pidfd));
		return d->pidfd;
	}
	/* Signals first: the worker threads inherit the blocked mask. */
	if ((r = loop_new(&d->loop)) < 0 ||
	    (r = loop_add_signal(d->loop, SIGTERM, on_term, d)) < 0 ||
	    (r = loop_add_signal(d->loop, SIGINT, on_term, d)) < 0 ||
	    (r = loop_add_signal(d->loop, SIGHUP, on_hup, d)) < 0) {
		daemon_log(d, MP_LOG_ERR, "event loop: %s", strerror(-r));
		return r;
	}
	signal(SIGPIPE, SIG_IGN);
	d->started_usec = loop_now(d->loop);
	if ((r = timeline_new(4096, 32, &d->timeline)) < 0 ||
	    (r = workers_new(d->loop, d->opt.workers, 1024, &d->pool)) < 0) {
		daemon_log(d, MP_LOG_ERR, "worker pool: %s", strerror(-r));
		return r;
	}
	/* One ring for every directio check: 2048 reads in flight (~100 KiB of
	 * rings) covers thousands of paths even when reads to standby or slow
	 * ports linger until their deadline; beyond that a check reports pending. */
	r = uring_new(d->loop, 2048, &d->ring);
	if (r < 0) /* directio checks will report an error; the rest works */
		daemon_log(d, MP_LOG_WARNING, "io_uring unavailable (%s): directio disabled", strerror(-r));
	/* TUR without threads: a hung device holds one fd until its deadline. */
	r = scsi_async_new(d->loop, 4096, &d->scsi);
	if (r < 0)
		daemon_log(d, MP_LOG_WARNING, "asynchronous SCSI: %s: tur runs on the pool", strerror(-r));
	d->check_io = (struct check_io){.pool = d->pool, .ring = d->ring, .scsi = d->scsi};
	ce = (struct core_env){
		.loop = d->loop,
		.checkers = {.backend = &check_io_ops, .backend_data = &d->check_io,
			      .scsi = &mp_sg_io_transport},
		.timeline = d->timeline,
		.metrics = &d->metrics,
		.log = log_cb,
		.log_data = d,
		.log_level = d->opt.verbosity + 3,
		.config_path = d->opt.config,
		.live_scsi = true,
	};
	r = core_new(&ce, &errors, &d->core);
	if (r < 0) {
		if (r == -EINVAL)
			log_lines(d, MP_LOG_ERR, "", strbuf_str(&errors));
		daemon_log(d, MP_LOG_ERR, "%s: refusing to start: %s", d->opt.config,
			   r == -EINVAL ? "the configuration has errors" : strerror(-r));
		strbuf_reset(&errors);
		return r;
	}
	/* Before the socket: its share for non-root clients follows the limit.
	   max_fds: a number, or "max" (the hard limit, as multipathd). */
	if (mp_config_get_int(core_config(d->core), "max_fds", &nofile) < 0 || nofile < 1)
		nofile = 0;
	nofile = fdlimit_raise((unsigned long)nofile);
	if (nofile < 0)
		daemon_log(d, MP_LOG_WARNING, "RLIMIT_NOFILE: %s", strerror((int)-nofile));
	else
		daemon_log(d, MP_LOG_INFO, "RLIMIT_NOFILE %ld", nofile);
	r = ctlsock_start(d->loop, &ctl_cfg, &ctl_cb, d, &d->ctl);
	if (r < 0) { /* for -EADDRINUSE the socket logged who holds the name */
		daemon_log(d, MP_LOG_ERR, "control socket: %s", strerror(-r));
		return r;
	}
	r = uevents_start(d->loop, &ue_cfg, &ue_cb, d, true, &d->uevents);
	if (r < 0) {
		daemon_log(d, MP_LOG_ERR, "uevent socket: %s", strerror(-r));
		return r;
	}
	/* Adopt what the kernel has, create what is missing, start the checkers. */
	r = core_start(d->core);
	if (r < 0) {
		daemon_log(d, MP_LOG_ERR, "cannot read the paths and maps: %s", strerror(-r));
		return r;
	}
	r = dm_events_start(d->loop, core_dm(d->core), on_dm_changed, d, &d->dm_events);
	if (r < 0)
		daemon_log(d, MP_LOG_WARNING, "dm events unavailable (%s): relying on checkers",
			   strerror(-r));
	wd = notify_watchdog_interval_usec();
	if (wd && loop_timer_new(d->loop, on_watchdog, d, &d->watchdog) == 0)
		loop_timer_arm(d->watchdog, loop_now(d->loop) + wd);
	/* multipathd 0.9.4 answers "idle" at rest, which scripts wait for; its
	 * "running" is a checker pass in progress, which a command handled on
	 * the loop thread never sees here */
	d->state = "idle";
	notify_send("READY=1\nSTATUS=running");
	daemon_log(d, MP_LOG_NOTICE, "mpathd started, pid %d", (int)getpid());
	return 0;
}

int daemon_run(struct daemon *d)
{
	int r = loop_run(d->loop);

	if (r < 0)
		daemon_log(d, MP_LOG_ERR, "event loop failed: %s", strerror(-r));
	return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

void daemon_stop(struct daemon *d)
{
	uevents_stop(d->uevents);
	dm_events_stop(d->dm_events);
	core_stop(d->core); /* queue_without_daemon */
	core_free(d->core); /* stops checkers; maps stay */
	ctlsock_stop(d->ctl);
	scsi_async_free(d->scsi);
	uring_free(d->ring);
	if (workers_free(d->pool, 2000) == -EBUSY)
		daemon_log(d, MP_LOG_WARNING, "a worker is stuck in the kernel; exiting without it");
	timeline_free(d->timeline);
	loop_free(d->loop);
	pidfile_release(d->opt.pidfile, d->pidfd);
	memset(d, 0, sizeof(*d));
}
