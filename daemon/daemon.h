/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon context: everything mpathd owns, in one struct, touched only
 * from the loop thread. main.c fills the options and calls
 * daemon_start() / daemon_run() / daemon_stop().
 *
 * The core (core.h) owns paths, maps and the checker scheduler; the
 * daemon feeds it uevents and commands, SIGHUP calls d->reconfigure.
 */
#ifndef MPATHD_DAEMON_H
#define MPATHD_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include "observe/metrics.h"
#include "runtime/check_io.h"

struct loop;
struct workers;
struct uring;
struct dm_events;
struct core;
struct ctlsock;
struct uevents;
struct timeline;
struct loop_timer;

struct daemon_options {
	bool foreground;        /* -d */
	bool no_timestamps;     /* -s: journald adds its own */
	int verbosity;          /* -v N: 0..7 maps onto syslog levels */
	const char *config;     /* --config, handed to the core */
	const char *socket;     /* --socket: abstract name, default multipathd's */
	const char *pidfile;    /* NULL: /run/mpathd.pid */
	unsigned workers;       /* 0: 3 */
	int uevent_group;       /* 0: auto */
	int coalesce_ms;        /* 0: 10 */
};

struct daemon {
	struct daemon_options opt;
	struct loop *loop;
	struct workers *pool;
	struct uring *ring;
	struct scsi_async *scsi;  /* tur's commands on the loop */
	struct check_io check_io; /* lib/check's backend: pool + ring + scsi */
	struct core *core;
	struct dm_events *dm_events;
	struct ctlsock *ctl;
	struct uevents *uevents;
	struct timeline *timeline;
	struct loop_timer *watchdog;
	struct metrics metrics;
	const char *state; /* "idle", "running", "configure", "shutdown" */
	int pidfd;
	uint64_t started_usec;
	int (*reconfigure)(struct daemon *d); /* filled by the core */
};

void daemon_init(struct daemon *d, const struct daemon_options *opt);
/* Return: 0 or -errno (already logged). */
int daemon_start(struct daemon *d);
/* Return: exit status for main(). */
int daemon_run(struct daemon *d);
/* Frees everything; never touches dm maps (they outlive the daemon). */
void daemon_stop(struct daemon *d);
void daemon_log(struct daemon *d, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
