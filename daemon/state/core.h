/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The core of mpathd: the topology the daemon owns (paths, maps, their
 * checker and kernel states) and what it does when something happens. It
 * drives the same pipeline as the mpath command (lib/engine) one WWID at a
 * time. Everything here runs on the loop thread; the daemon (daemon.c) and
 * the unit tests call the same entry points:
 *
 *   core_new()          config (its problems logged with file:line, never refused), library context
 *   core_start()        read the world, adopt existing maps, create missing ones,
 *                       start a checker per path of a map
 *   core_path_result()  one checker verdict -> fail/reinstate, prio, failback,
 *                       no_path_retry
 *   core_path_seen()    a disk appeared or changed (kernel/intake.c, from uevents)
 *   core_path_gone()    a disk went away: its path snapshot is updated and the
 *                       WWIDs touched are synced once per loop iteration
 *   core_dm_event()     a map changed in the kernel (kernel/dm_events.c): compare
 *                       event numbers, re-read the status of the maps that changed
 *   core_reconfigure()  re-read the config (problems logged; defaults for the bad parts)
 *
 * Nothing here flushes a map on exit.
 */
#ifndef MPATHD_CORE_H
#define MPATHD_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "check/check.h"
#include "common/strbuf.h"
#include "mpath/mpath.h"

struct loop;
struct timeline;
struct metrics;
struct mp_dm;
struct mp_config;
struct core;
struct core_path;

struct core_env {
	struct loop *loop;
	struct mp_check_env checkers; /* for the scheduler the core owns */
	struct timeline *timeline;
	struct metrics *metrics;
	mp_log_fn log;    /* daemon log; library messages go there too */
	void *log_data;
	int log_level;    /* library messages up to this level */
	const char *config_path;
	const char *sysfs_root; /* NULL: /sys (tests: a temporary tree) */
	struct mp_dm *dm;       /* NULL: libdevmapper; the core frees it either way */
	bool no_checks;         /* tests: verdicts come only through core_path_result() */
	bool live_scsi;         /* SG_IO for discovery when sysfs lacks VPD pages */
	const char *state_dir;  /* tests: bindings/wwids files here instead of the config's */
	/* Clock of the path-holding policies (shaky, marginal, ghost_delay), in
	 * microseconds; NULL: the loop's monotonic clock. Tests move their own. */
	uint64_t (*clock)(void *data);
	void *clock_data;
};

/**
 * core_new() - load the config and prepare the core (no kernel changes yet).
 * @errors: unused (the config is never refused: its problems are logged).
 * Return: 0 or -errno (out of memory, no device-mapper).
 */
int core_new(const struct core_env *env, struct strbuf *errors, struct core **ret);
/* Stops checkers and timers; leaves every map in place. Accepts NULL. */
void core_free(struct core *c);
/* The daemon is going away (SIGTERM, "shutdown"): unless queue_without_daemon
 * is yes, maps stop queueing, as nothing would end it. Accepts NULL. */
void core_stop(struct core *c);

/* Adopt and create maps, start checkers. Return: 0 or -errno (world unreadable). */
int core_start(struct core *c);

/* Verdict for a tracked path named @dev (tests) or by handle (scheduler). */
int core_path_result_by_name(struct core *c, const char *dev, enum mp_path_state state,
			     const char *message);
void core_path_result(struct core *c, struct core_path *p, const struct mp_check_result *r);

/* @dev: kernel name ("sda"); @added: an add event (or one folded into a change);
 * @since_usec: loop clock when the kernel's word arrived, for latency metrics. */
void core_path_seen(struct core *c, const char *dev, bool added, uint64_t since_usec);
void core_path_gone(struct core *c, const char *dev, uint64_t since_usec);
/* Runs the WWID syncs the uevents of this iteration asked for (deferred
 * automatically; tests call it to run them now). */
void core_run_pending(struct core *c);
void core_dm_event(struct core *c);

/**
 * core_reconfigure() - re-read the config and apply what changed.
 * @errors: unused (problems of the new config are logged, defaults fill in).
 * Return: 0 or -errno.
 */
int core_reconfigure(struct core *c, struct strbuf *errors);

/* The device-mapper the core drives (for kernel/dm_events.c to watch). */
struct mp_dm *core_dm(const struct core *c);
/* The configuration in force (replaced by core_reconfigure). */
const struct mp_config *core_config(const struct core *c);

/* For metrics/status: tracked maps and paths by checker state. */
void core_update_gauges(struct core *c);

#endif
